"""Site plumbing: absolute hreflang alternates, and the not-found page in both languages.

Material writes each page's `<link rel="alternate" hreflang>` from the list
mkdocs-static-i18n gives it, relative to the page; search engines (and Lighthouse)
want them absolute, with an `x-default`. The not-found page is a static template that
each language pass writes to the same `404.html`, so the last pass would win: each
language's copy is kept here and put where it belongs after the build.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from . import escape
from .i18n import DEFAULT_LANG, LANGS, t

# Material's own alternate links (base.html): <link rel="alternate" href="…" hreflang="…">
_ALTERNATE = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')


def absolute_alternates(site_url: str, urls: dict[str, str]) -> list[tuple[str, str]]:
    """(hreflang, absolute URL) for each language's twin, and x-default: the Chinese one.

    `urls` maps a language to its page's URL relative to the site root, as MkDocs
    gives it ("en/models/davinci/", "" for the home page).
    """
    alternates = [(lang, urljoin(site_url, urls[lang])) for lang in LANGS if lang in urls]
    default = dict(alternates).get(DEFAULT_LANG)
    if default is not None:
        alternates.append(("x-default", default))
    return alternates


def head_links(alternates: list[tuple[str, str]]) -> str:
    return "".join(
        f'<link rel="alternate" href="{escape.html(url)}" hreflang="{escape.html(lang)}">\n'
        for lang, url in alternates
    )


def with_alternates(html: str, alternates: list[tuple[str, str]]) -> str:
    """The page with Material's relative alternate links replaced by absolute ones."""
    head_end = html.find("</head>")
    found = list(_ALTERNATE.finditer(html, 0, head_end))
    if not found:
        return html
    start = found[0].start()
    kept = _ALTERNATE.sub("", html[start:head_end])
    return html[:start] + head_links(alternates) + kept + html[head_end:]


# -- the not-found page ---------------------------------------------------------------


def root_path(site_url: str, lang: str) -> str:
    """The path of a language's home page ("/", "/en/"): 404.html is served at any depth."""
    root = urlsplit(site_url or "/").path or "/"
    root = root if root.endswith("/") else root + "/"
    return root if lang == DEFAULT_LANG else f"{root}{lang}/"


def not_found_html(lang: str, site_url: str) -> str:
    """The not-found page's content: where to go next, and how to search.

    GitHub Pages serves only the root 404.html, whatever the language of the missing
    address, so each language's page ends with one line in the other language.
    """
    home = root_path(site_url, lang)
    links = [
        (home, t("notfound.home", lang)),
        (f"{home}lineage/", t("notfound.lineage", lang)),
        (f"{home}models/", t("notfound.models", lang)),
    ]
    items = "".join(
        f'<li><a href="{escape.html(url)}">{escape.html(label)}</a></li>' for url, label in links
    )
    other = next(code for code in LANGS if code != lang)
    return (
        f"<h1>{escape.html(t('notfound.title', lang))}</h1>\n"
        f"<p>{escape.html(t('notfound.text', lang))}</p>\n"
        f'<ul class="atlas-notfound__links">{items}</ul>\n'
        f"<p>{t('notfound.search', lang, shortcut='<kbd>/</kbd>')}</p>\n"
        f'<p lang="{other}">{escape.html(t("notfound.other", other))} '
        f'<a href="{escape.html(root_path(site_url, other))}" hreflang="{other}">'
        f"{escape.html(t('notfound.home', other))}</a></p>\n"
    )


def not_found_path(site_dir: Path, lang: str) -> Path:
    """Where a language's not-found page goes: /404.html, /en/404.html."""
    return site_dir / "404.html" if lang == DEFAULT_LANG else site_dir / lang / "404.html"


class NotFoundPages:
    """Each language pass's 404.html, written to its own place once every pass is done."""

    def __init__(self) -> None:
        self.pages: dict[str, str] = {}

    def rendered(self, lang: str, output: str) -> None:
        self.pages[lang] = output

    def place(self, site_dir: Path) -> None:
        for lang, output in self.pages.items():
            path = not_found_path(site_dir, lang)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(output, encoding="utf-8")
