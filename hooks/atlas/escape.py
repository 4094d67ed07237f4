"""The one place where data text becomes page text.

Python-Markdown passes raw HTML, attribute lists and link syntax straight through,
and MkDocs templates do not autoescape, so every string that comes from data/
goes through one of these functions before it reaches a page:

- `md` for text inside Markdown (names, descriptions, table cells);
- `html` for text inside raw HTML, including attribute values;
- `href` for addresses, which must be http(s) or mailto;
- `dot` for labels in Graphviz diagrams.
"""

from __future__ import annotations

import html as _html
import re
from urllib.parse import quote, urlsplit

import graphviz

# Characters that start Markdown, HTML, attribute-list, footnote, abbreviation or
# snippet syntax somewhere in our extension set. Written as numeric entities they
# render as themselves and cannot open any construct.
_MD_SPECIAL = set("\\`*_{}[]()<>&#|!~^=:$+")
_LINE_START = re.compile(r"^(\s*)([-+>]|\d+[.)])")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def md(text: str) -> str:
    """Inline Markdown that shows `text` literally, on one line."""
    text = _CONTROL.sub("", " ".join(str(text).split()))
    return "".join(f"&#{ord(c)};" if c in _MD_SPECIAL else c for c in text)


def md_block(text: str) -> str:
    """Paragraphs of literal text; blank lines in the data separate paragraphs."""
    paragraphs = [p for p in re.split(r"\n\s*\n", str(text)) if p.strip()]
    out = []
    for paragraph in paragraphs:
        line = md(paragraph)
        match = _LINE_START.match(line)
        if match:  # a leading "-", "1." or ">" would start a list or a quote
            lead, marker = match.groups()
            line = lead + f"&#{ord(marker[0])};" + line[len(lead) + 1 :]
        out.append(line)
    return "\n\n".join(out)


def html(text: str) -> str:
    """Text for raw HTML: element content or a quoted attribute value."""
    return _html.escape(_CONTROL.sub("", str(text)), quote=True)


def href(url: str) -> str:
    """A URL safe to put in an href or a Markdown link target.

    Raises ValueError for anything but http(s) and mailto; validation rejects such
    data first, so this is a second line of defence, not the user-facing check.
    """
    url = str(url).strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https", "mailto") or (
        parts.scheme != "mailto" and not parts.netloc
    ):
        raise ValueError(f"refusing to link to {url!r}")
    return quote(url, safe=":/?#[]@!$&'*+,;=%~-._")


def md_link(text: str, url: str) -> str:
    """A Markdown link to an external address, with escaped text."""
    return f"[{md(text)}](<{href(url)}>)"


def dot(text: str) -> str:
    """A Graphviz label or attribute that is shown literally.

    `graphviz.escape` doubles backslashes (so `\\N` and friends lose their meaning)
    and marks the string as not-HTML (so `<...>` is not an HTML-like label); the
    package then quotes it, escaping double quotes.
    """
    return graphviz.escape(_CONTROL.sub("", " ".join(str(text).split())))
