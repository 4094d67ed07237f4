"""The record kinds, in one place: folders, schemas, templates, pages and reserved ids.

Everything that needs to know which kinds exist (the loader, the validator, the
page registry, the exports, the tools and the editor settings test) reads it here,
so adding a kind is one entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .i18n import LANGS


@dataclass(frozen=True)
class Kind:
    name: str  # the folder under data/, and the URL folder of its pages
    singular: str  # for messages: "unknown model 'x'"
    schema: str  # data/schema/<schema>.schema.json and data/templates/<schema>.yaml
    pages: bool  # one generated page per record, at <name>/<id>/


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind("models", "model", "model", pages=True),
        Kind("papers", "paper", "paper", pages=True),
        Kind("methods", "method", "method", pages=True),
        Kind("capabilities", "capability", "capability", pages=True),
        Kind("glossary", "glossary term", "term", pages=False),
        Kind("limitations", "limitation", "limitation", pages=False),
        Kind("sources", "source", "source", pages=False),
    )
}
KIND_NAMES = tuple(KINDS)

# Folders under data/ that hold no records.
NON_RECORD_DIRS = ("schema", "templates")

# Ids become file names, URLs, HTML ids and Graphviz node names. The pattern keeps
# them plain; the rules below keep them from taking over a page that already has a
# name: the section pages generated beside the records, and the language suffixes
# that mkdocs-static-i18n reads from file names ("davinci.en" would be English).
ID_PATTERN = re.compile(r"^[a-z0-9](?:[a-z0-9._-]{0,78}[a-z0-9])?$")
RESERVED_IDS = frozenset({"index", "matrix", "search", "api", "assets", "404", *LANGS})
_SUFFIX = re.compile(r"\.[a-z]+$")  # a trailing ".en" or ".md" reads as a suffix


def id_problem(rid: str) -> tuple[str, str] | None:
    """Why `rid` cannot be a record id, as (message, hint); None when it can.

    The message continues "file name 'x' ..." or "id 'x' ...".
    """
    if not ID_PATTERN.match(rid):
        return (
            "is not a valid id",
            "use lowercase letters, digits, '.', '_' and '-', starting and ending with a "
            "letter or digit, e.g. text-davinci-002.yaml",
        )
    if rid in RESERVED_IDS:
        return (
            "is reserved for a page the site generates",
            "reserved: " + ", ".join(sorted(RESERVED_IDS)) + "; choose a more specific id",
        )
    if ".." in rid:
        return "may not contain '..'", "use a single '.'"
    suffix = _SUFFIX.search(rid)
    if suffix:
        return (
            f"may not end in '{suffix.group(0)}'",
            "a trailing '.' and letters read as a language or file suffix; "
            "end the id with a digit or a word joined by '-'",
        )
    return None
