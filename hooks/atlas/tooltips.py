"""Hover definitions for glossary terms in hand-written articles.

Python-Markdown's `abbr` extension matches on word boundaries, and Chinese text has
none between words, so a term like 思维链 inside a sentence would never match.
Instead we annotate the rendered HTML: the first occurrence of each term (or any of
its aliases) outside links, code, headings and diagrams becomes a link to its
glossary entry, and the definition is written, as escaped HTML, into a hidden block
at the end of the page.

The definition is never put in a `title` attribute: Material's `content.tooltips`
would read it back as HTML. Material's footnote tooltips (`content.footnote.tooltips`)
show it instead: they copy the DOM nodes of the element the link's fragment names,
so the text stays text, on hover and on keyboard focus; a click opens the glossary.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .dataset import Dataset
from .escape import html
from .pages import term_anchor

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
MAX_DEFINITION = 400


@lru_cache(maxsize=8)
def _matcher(digest: str, lang: str, terms: tuple) -> tuple[re.Pattern | None, dict[str, tuple]]:
    """One regular expression for every surface form of every term, longest first."""
    forms: dict[str, tuple[str, str]] = {}
    for tid, surfaces in terms:
        for surface in surfaces:
            forms.setdefault(surface.casefold(), (tid, surface))
    if not forms:
        return None, {}
    parts = []
    for surface in sorted(forms, key=lambda s: (-len(s), s)):
        body = re.escape(surface)
        if LATIN.match(surface):  # Latin words need word boundaries; CJK has none
            body = rf"(?<![\w-]){body}(?![\w-])"
        parts.append(body)
    # Character references come first and are kept whole: a short Latin alias such
    # as "lt" must not match inside "&lt;".
    return re.compile(r"(?P<ref>&#?\w+;)|" + "|".join(parts), re.IGNORECASE), forms


def _terms(dataset: Dataset, lang: str) -> tuple:
    out = []
    for tid, term in sorted(dataset.glossary.items()):
        surfaces = [term["term"][lang], *(term.get("aliases") or {}).get(lang, [])]
        if term.get("abbr"):
            surfaces.append(term["abbr"])
        out.append((tid, tuple(s for s in surfaces if len(s) >= 2)))
    return tuple(out)


def annotate(page_html: str, dataset: Dataset, lang: str, glossary_url: str) -> str:
    """Link the first mention of every glossary term; `glossary_url` is relative to the page."""
    pattern, forms = _matcher(dataset.digest, lang, _terms(dataset, lang))
    if pattern is None:
        return page_html
    done: dict[str, None] = {}
    out: list[str] = []
    stack: list[str] = []
    skipping = 0
    position = 0

    def wrap(match: re.Match) -> str:
        if match.group("ref"):
            return match.group(0)
        tid, _ = forms[match.group(0).casefold()]
        if tid in done:
            return match.group(0)
        done[tid] = None
        return (
            f'<a class="atlas-term footnote-ref" href="{html(glossary_url)}#{term_anchor(tid)}" '
            f'aria-describedby="{term_anchor(tid)}">{match.group(0)}</a>'
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
    if done:
        out.append(_definitions(dataset, lang, list(done)))
    return "".join(out)


def _definitions(dataset: Dataset, lang: str, tids: list[str]) -> str:
    """The hidden block the tooltips copy from; out of the search index, read by screen readers.

    An <aside> around the entries' <div>s: Material's search parser would end the
    exclusion at the first inner element of the excluding element's tag."""
    entries = []
    for tid in tids:
        term = dataset.glossary[tid]
        entries.append(
            f'<div id="{term_anchor(tid)}"><p><strong>{html(term["term"][lang])}</strong></p>'
            f"<p>{html(_short(term['definition'][lang]))}</p></div>"
        )
    opening = '<aside class="atlas-term-definitions" hidden data-search-exclude>'
    return f"{opening}{''.join(entries)}</aside>"


def _short(definition: str) -> str:
    text = " ".join(definition.split())
    return text if len(text) <= MAX_DEFINITION else text[: MAX_DEFINITION - 1] + "…"
