"""The "Cite this page" block: a plain reference and a BibTeX entry, per page.

Built as HTML after Markdown has run (the hook appends it to the page's content),
so no data text passes through Markdown here: the title is escaped for BibTeX
first and then for HTML, and for HTML alone in the plain reference. The date is
the page's last commit (history.py), never the clock, and it is left out when the
build has no history: a reference without a date is better than a wrong one.
There is no `urldate` (the day the reader looked) for the same reason.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .escape import bibtex, html
from .history import day_of
from .i18n import format_date, t
from .preview import text_of
from .snapshot import language_of

_KEY = re.compile(r"[^a-z0-9]+")
BIBLATEX_LANGUAGE = {"zh": "chinese", "en": "english"}


def localized_date(time: int, lang: str) -> str:
    """A commit time as the page's language writes a day: 2026年12月1日 / 1 December 2026."""
    return format_date(day_of(time), lang)


def absolute_url(site_url: str, page_url: str) -> str:
    """The page's stable address: the site's address and the page's path."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    return base + page_url.lstrip("/")


def key(site: str, page_url: str, lang: str) -> str:
    """A BibTeX key from the page's path: letters, digits and '-' only."""
    path = _KEY.sub("-", page_url.lower()).strip("-")
    if path != lang and not path.startswith(f"{lang}-"):
        path = f"{lang}-{path}" if path else lang
    return f"{site}-{path}"


def plain_reference(title: str, url: str, lang: str, site: str, time: int | None) -> str:
    """The reference as text (not escaped): what a reader pastes into a bibliography."""
    date = t("cite.date", lang, date=localized_date(time, lang)) if time is not None else ""
    return t("cite.reference", lang, site=site, title=title, date=date, url=url)


def bibtex_entry(
    title: str, url: str, page_url: str, lang: str, site: str, time: int | None
) -> str:
    """A @misc entry; every value from a page or the data is escaped for BibTeX."""
    fields = [
        ("author", "{" + bibtex(site) + "}"),  # a corporate author: one name, not parsed
        ("title", "{" + bibtex(title) + "}"),
        ("howpublished", bibtex(site)),
        ("url", bibtex(url)),
    ]
    if time is not None:
        fields += [("year", day_of(time)[:4]), ("date", day_of(time))]
    fields.append(("language", BIBLATEX_LANGUAGE.get(lang, lang)))
    note = t("cite.note", lang, site=site)
    if time is not None:
        note += t("cite.note.date", lang, date=localized_date(time, lang))
    fields.append(("note", bibtex(note)))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{key('gpt-lineage-atlas', page_url, lang)},\n{body}\n}}"


def block(title: str, site_url: str, page_url: str, lang: str, site: str, time: int | None) -> str:
    """The collapsed block, in Material's admonition markup (a `??? quote`), kept out
    of the search index: every page would otherwise match "BibTeX"."""
    url = absolute_url(site_url, page_url)
    reference = plain_reference(title, url, lang, site, time)
    entry = bibtex_entry(title, url, page_url, lang, site, time)
    return (
        f'<details class="quote atlas-cite" data-search-exclude lang="{html(lang)}">'
        f"<summary>{html(t('cite.title', lang))}</summary>"
        f'<p class="atlas-cite__reference">{html(reference)}</p>'
        f"<p>{html(t('cite.bibtex', lang))}</p>"
        f'<pre class="atlas-cite__bibtex"><code>{html(entry)}</code></pre>'
        "</details>"
    )


_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)


def for_page(
    page: Any, content: str, dates: Mapping[str, int], site_url: str | None, site_name: str
) -> str:
    """The block for a built page: its heading (the nav may show a shorter title),
    address, language and last commit."""
    src_uri = page.file.src_uri
    heading = _H1.search(content)
    # page.title is escaped HTML (meta titles) or a heading's rendered text.
    title = text_of(heading.group(1) if heading else page.title or "")
    lang = language_of(src_uri)
    return block(title, site_url or "", page.url, lang, site_name, dates.get(src_uri))
