"""Hover definitions for glossary terms in hand-written articles.

Python-Markdown's `abbr` extension matches on word boundaries, and Chinese text has
none between words, so a term like 思维链 inside a sentence would never match.
Instead we annotate the rendered HTML: the first occurrence of each term (or any of
its aliases) outside links, code, headings and diagrams becomes
`<abbr title="definition">`, which Material shows as a tooltip.
"""

from __future__ import annotations

import re
from functools import cache

from .dataset import Dataset
from .escape import html

SKIP = {
    "a",
    "abbr",
    "code",
    "pre",
    "kbd",
    "script",
    "style",
    "svg",
    "figure",
    "button",
    "textarea",
    "select",
    "label",
    "title",
    "sup",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
}
VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}
TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>")
LATIN = re.compile(r"^[\x00-\x7f]+$")
MAX_TITLE = 240


@cache
def _matcher(digest: str, lang: str, terms: tuple) -> tuple[re.Pattern | None, dict[str, tuple]]:
    """One regular expression for every surface form of every term, longest first."""
    forms: dict[str, tuple[str, str]] = {}
    for tid, surfaces, definition in terms:
        for surface in surfaces:
            forms.setdefault(surface.casefold(), (tid, definition))
    if not forms:
        return None, {}
    parts = []
    for surface in sorted(forms, key=lambda s: (-len(s), s)):
        body = re.escape(surface)
        if LATIN.match(surface):  # Latin words need word boundaries; CJK has none
            body = rf"(?<![\w-]){body}(?![\w-])"
        parts.append(body)
    return re.compile("|".join(parts), re.IGNORECASE), forms


def _terms(dataset: Dataset, lang: str) -> tuple:
    out = []
    for tid, term in sorted(dataset.glossary.items()):
        surfaces = [term["term"][lang], *(term.get("aliases") or {}).get(lang, [])]
        if term.get("abbr"):
            surfaces.append(term["abbr"])
        definition = " ".join(term["definition"][lang].split())
        if len(definition) > MAX_TITLE:
            definition = definition[: MAX_TITLE - 1] + "…"
        out.append((tid, tuple(s for s in surfaces if len(s) >= 2), definition))
    return tuple(out)


def annotate(page_html: str, dataset: Dataset, lang: str, src_uri: str = "") -> str:
    pattern, forms = _matcher(dataset.digest, lang, _terms(dataset, lang))
    if pattern is None:
        return page_html
    done: set[str] = set()
    out: list[str] = []
    stack: list[str] = []
    skipping = 0
    position = 0

    def wrap(match: re.Match) -> str:
        tid, definition = forms[match.group(0).casefold()]
        if tid in done:
            return match.group(0)
        done.add(tid)
        return (
            f'<abbr class="atlas-term" title="{html(definition)}" tabindex="0" '
            f'data-term="{html(tid)}">{match.group(0)}</abbr>'
        )

    for tag in TAG.finditer(page_html):
        text = page_html[position : tag.start()]
        out.append(text if skipping else pattern.sub(wrap, text))
        closing, name, attrs = tag.group(1), tag.group(2).lower(), tag.group(3)
        if name not in VOID and not attrs.rstrip().endswith("/"):
            if not closing:
                stack.append(name)
                skipping += name in SKIP
            elif name in stack:  # close it and anything left open inside it
                while stack:
                    top = stack.pop()
                    skipping -= top in SKIP
                    if top == name:
                        break
        out.append(tag.group(0))
        position = tag.end()
    tail = page_html[position:]
    out.append(tail if skipping else pattern.sub(wrap, tail))
    return "".join(out)
