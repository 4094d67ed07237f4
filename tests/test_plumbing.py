"""Site plumbing in the built HTML: absolute hreflang alternates with x-default, and
a not-found page in each language.

The real site is built once (the `site` fixture); the expected addresses come from
mkdocs.yml's site_url and the files in data/ and docs/, never from the output.
"""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser

import pytest

from atlas import plumbing
from conftest import ROOT, Build

CONFIG = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
SITE_URL = os.environ.get(
    "SITE_URL", re.search(r'^site_url: !ENV \[SITE_URL, "([^"]+)"\]', CONFIG, re.M).group(1)
)
FIRST_MODEL = sorted((ROOT / "data" / "models").glob("*.yaml"))[0].stem
ARTICLE = sorted(p.stem for p in (ROOT / "docs" / "articles").glob("*.en.md"))[0].removesuffix(
    ".en"
)


class Head(HTMLParser):
    """The <link rel="alternate" hreflang> elements and the <html lang> of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.alternates: list[tuple[str, str]] = []
        self.lang = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "html":
            self.lang = attributes.get("lang") or ""
        if tag == "link" and attributes.get("rel") == "alternate" and "hreflang" in attributes:
            self.alternates.append((attributes["hreflang"] or "", attributes.get("href") or ""))


def head(html: str) -> Head:
    parser = Head()
    parser.feed(html)
    return parser


@pytest.mark.parametrize(
    "path",
    ["", f"models/{FIRST_MODEL}/", f"articles/{ARTICLE}/", "lineage/"],
    ids=["home", "generated", "article", "lineage"],
)
@pytest.mark.parametrize("lang", ["", "en/"])
def test_alternates_are_absolute_with_x_default(site: Build, path: str, lang: str) -> None:
    zh, en = SITE_URL + path, SITE_URL + "en/" + path
    assert head(site.page(lang + path)).alternates == [
        ("zh", zh),
        ("en", en),
        ("x-default", zh),
    ]


def test_no_page_keeps_a_relative_alternate(site: Build) -> None:
    relative = []
    for page in sorted(site.site.rglob("index.html")):
        for lang, href in head(page.read_text(encoding="utf-8")).alternates:
            if not href.startswith(SITE_URL):
                relative.append(f"{page.relative_to(site.site)}: {lang} {href}")
    assert not relative, relative[:10]


def not_found_links(html: str) -> list[str]:
    main = html[html.index('<article class="md-content__inner') :]
    return re.findall(r'<a href="([^"]+)"', main[: main.index("</article>")])


@pytest.mark.parametrize(("lang", "file"), [("zh", "404.html"), ("en", "en/404.html")])
def test_each_language_has_its_not_found_page(site: Build, lang: str, file: str) -> None:
    html = (site.site / file).read_text(encoding="utf-8")
    assert head(html).lang == lang
    home = "/" if lang == "zh" else "/en/"
    links = not_found_links(html)
    # home, lineage and models in its own language, then the other language's home
    assert links[:3] == [home, f"{home}lineage/", f"{home}models/"]
    assert links[3] == ("/en/" if lang == "zh" else "/")
    for link in links:  # every link lands on a page of the site
        assert (site.site / link.lstrip("/") / "index.html").is_file(), link
    assert "<kbd>/</kbd>" in html  # the search hint names Material's shortcut
    # the language menu points at each language's home (hooks.on_pre_template)
    menu = re.findall(r'<a href="([^"]+)" hreflang="(\w+)" class="md-select__link"', html)
    assert menu == [("/", "zh"), ("/en/", "en")]


def test_not_found_pages_load_assets_from_the_root(site: Build) -> None:
    """404.html is served at any depth, so its links to assets must not be relative."""
    for file in ("404.html", "en/404.html"):
        html = (site.site / file).read_text(encoding="utf-8")
        assets = re.findall(r'(?:src|href)="([^"]*assets/[^"]+)"', html)
        assert assets
        assert all(url.startswith("/") for url in assets), assets


# -- the functions themselves -----------------------------------------------------------


def test_alternates_follow_a_site_under_a_sub_path() -> None:
    alternates = plumbing.absolute_alternates(
        "https://example.org/atlas/", {"en": "en/papers/x/", "zh": "papers/x/"}
    )
    assert alternates == [
        ("zh", "https://example.org/atlas/papers/x/"),
        ("en", "https://example.org/atlas/en/papers/x/"),
        ("x-default", "https://example.org/atlas/papers/x/"),
    ]
    assert plumbing.root_path("https://example.org/atlas/", "en") == "/atlas/en/"


def test_only_hreflang_links_in_the_head_are_replaced() -> None:
    page = (
        "<html><head>\n"
        '<link rel="alternate" href="../x/" hreflang="zh">\n'
        '<link rel="alternate" href="./" hreflang="en">\n'
        '<link rel="alternate" type="application/rss+xml" href="feed.xml">\n'
        '</head><body><link rel="alternate" href="b/" hreflang="zh">\n</body></html>'
    )
    out = plumbing.with_alternates(page, [("zh", "https://a/"), ("x-default", "https://a/")])
    assert out.count('hreflang="zh"') == 2  # the new one, and the one outside <head>
    assert '<link rel="alternate" href="https://a/" hreflang="x-default">' in out
    assert 'href="../x/"' not in out and 'href="./"' not in out
    assert 'type="application/rss+xml"' in out


def test_not_found_text_is_escaped(monkeypatch) -> None:
    monkeypatch.setitem(
        plumbing.t.__globals__["LABELS"], "notfound.home", {"zh": "<b>首页</b>", "en": "Home"}
    )
    html = plumbing.not_found_html("zh", "https://a/")
    assert "<b>" not in html and "&lt;b&gt;首页&lt;/b&gt;" in html


# -- Scripts: deferred, and only where a page has something for them -----------------

SCRIPT = re.compile(r"<script\b([^>]*)\bsrc=\"([^\"]+)\"")
# What each page-specific script works on, as the page code writes it.
USES = {
    "sortable.js": 'class="atlas-sortable',
    "filter.js": "data-atlas-filter=",
    "evidence.js": 'href="#_claim-',
    "panzoom.min.js": "data-atlas-explorer",
    "explorer.js": "data-atlas-explorer",
    "diagrams.js": 'class="atlas-diagram__scroll"',
}


def scripts(html: str) -> dict[str, str]:
    return {src.rsplit("/", 1)[-1]: attributes for attributes, src in SCRIPT.findall(html)}


def test_every_script_is_deferred(site: Build) -> None:
    """The page paints before any script runs (overrides/main.html)."""
    pages = sorted(site.site.rglob("*.html"))
    assert len(pages) > 200
    for path in pages:
        for name, attributes in scripts(path.read_text(encoding="utf-8")).items():
            assert re.search(r"\bdefer\b", attributes), (path, name)


def test_a_page_loads_the_scripts_it_has_something_for(site: Build) -> None:
    matrix = scripts(site.page("en/capabilities/matrix/"))
    assert {"sortable.js", "filter.js"} <= matrix.keys()
    lineage = scripts(site.page("lineage/"))
    assert {"panzoom.min.js", "explorer.js", "diagrams.js"} <= lineage.keys()
    model = scripts(site.page(f"en/models/{FIRST_MODEL}/"))
    assert not {"panzoom.min.js", "explorer.js", "sortable.js", "filter.js"} & model.keys()
    for path in sorted(site.site.rglob("index.html")):
        html = path.read_text(encoding="utf-8")
        loaded = scripts(html)
        assert {"bundle", "alternates.js", "accessibility.js"} <= {
            "bundle" if name.startswith("bundle.") else name for name in loaded
        }, path
        for name, marker in USES.items():
            assert (name in loaded) == (marker in html), (path, name)
