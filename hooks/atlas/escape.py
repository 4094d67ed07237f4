"""The one place where data text becomes output text: one function per output context.

Python-Markdown passes raw HTML, attribute lists and link syntax straight through,
MkDocs templates do not autoescape, and some of Material's scripts read text back
as HTML, so every string that comes from data/ goes through exactly one of these
before it reaches an output:

- `md`, `md_block`: text inside Markdown (names, descriptions, table cells);
- `html`: text inside raw HTML, as element content or a quoted attribute value;
- `search_tag`: a page tag, which Material's search shows with innerHTML;
- `href`, `md_link`: addresses, which must be http(s) or mailto;
- `dot`: labels and tooltips in Graphviz diagrams;
- `json_script`: JSON inside a <script> element;
- `csv_cell`, `csv_list`: spreadsheet cells, which must not start a formula.
- `text_line`: one line of a plain-text Markdown index (/llms.txt), read as text;
- `bibtex`: a BibTeX field value inside braces.

Validation rejects invisible and control characters first; the functions below
drop any that reach them anyway, as a second line of defence.
"""

from __future__ import annotations

import html as _html
import json
import re
from collections.abc import Iterable
from urllib.parse import quote, urlsplit

import graphviz

# Characters that start Markdown, HTML, attribute-list, footnote, abbreviation or
# snippet syntax somewhere in our extension set. Written as numeric entities they
# render as themselves and cannot open any construct.
_MD_SPECIAL = set("\\`*_{}[]()<>&#|!~^=:$+")
# Constructs that only count at the start of a line: lists ("- ", "1. ", "1) "),
# quotes, admonitions ("!!!") and details ("???"), headings, tables.
_ORDERED = re.compile(r"^(\d+)([.)])")
_INVISIBLE = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff"
    r"\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]"
)


def _visible(text: object) -> str:
    return _INVISIBLE.sub("", str(text))


def md(text: str) -> str:
    """Inline Markdown that shows `text` literally, on one line, wherever it is put.

    Whitespace collapses to single spaces, so data text can never indent a code
    block or end a paragraph; a leading "-", digit-and-dot or other punctuation is
    encoded, so it cannot start a list, quote, heading or block when the text
    begins a line.
    """
    text = " ".join(_visible(text).split())
    out = "".join(f"&#{ord(c)};" if c in _MD_SPECIAL else c for c in text)
    ordered = _ORDERED.match(out)
    if ordered:
        number, mark = ordered.groups()
        return f"{number}&#{ord(mark)};{out[ordered.end() :]}"
    if out[:1] and not out[0].isalnum() and out[0] != "&" and ord(out[0]) < 128:
        return f"&#{ord(out[0])};{out[1:]}"
    return out


def md_block(text: str) -> str:
    """Paragraphs of literal text; blank lines in the data separate paragraphs."""
    paragraphs = [p for p in re.split(r"\n\s*\n", str(text)) if p.strip()]
    return "\n\n".join(md(paragraph) for paragraph in paragraphs)


def html(text: str) -> str:
    """Text for raw HTML: element content or a quoted attribute value."""
    return _html.escape(_visible(text), quote=True)


def search_tag(text: str) -> str:
    """A page tag: Material's search results insert tags with innerHTML.

    The tag travels as a JSON string in search_index.json, so one HTML escape here
    is decoded exactly once, by the browser, and the reader sees the text.
    """
    return html(" ".join(str(text).split()))


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
    return graphviz.escape(" ".join(_visible(text).split()))


def dot_lines(*lines: str) -> str:
    """A Graphviz label of several lines, each shown literally (see `dot`).

    The lines are escaped one by one and joined with DOT's own line break, and the
    whole is marked not-HTML again: a plain str would let `<...>` become an HTML label.
    """
    return graphviz.nohtml("\\n".join(dot(line) for line in lines))


def json_script(data: object) -> str:
    """JSON for the inside of a <script> element: '</script>' cannot end it early."""
    text = json.dumps(data, ensure_ascii=False, allow_nan=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


# Leading characters that make Excel, LibreOffice or Google Sheets evaluate a cell.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "|", "%")


def csv_cell(value: object) -> str:
    """A spreadsheet cell shown as text: a leading formula character gets an apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def csv_list(items: Iterable[object], separator: str = ";") -> str:
    """Several values in one cell; each is neutralised, not only the first."""
    return separator.join(csv_cell(item) for item in items)


# Markdown punctuation that could open a link, an emphasis or code in a plain index.
_TEXT_SPECIAL = re.compile(r"([\\`*_\[\]()<>#!|])")


def text_line(text: object) -> str:
    """Text on one line of a plain Markdown file that is read as text, not rendered
    (/llms.txt): no newline, and no `[`, `](` or `<` that could start a link, a
    heading or markup; backslash escapes keep it legible, unlike entities."""
    return _TEXT_SPECIAL.sub(r"\\\1", " ".join(_visible(text).split()))


# BibTeX and LaTeX specials; braces must stay balanced, so they are escaped too.
_BIBTEX = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "^": r"\^{}",
    "~": r"\~{}",
}


def bibtex(text: object) -> str:
    """A BibTeX field value, inside braces: one line, specials escaped, braces balanced."""
    return "".join(_BIBTEX.get(c, c) for c in " ".join(_visible(text).split()))
