"""An offline check of the built site: every internal link and anchor resolves.

Nothing is fetched. A link is internal when it is relative, starts with "/", or
starts with the site's own address (site_url, used by the canonical and language
links and the sitemap); it must name a file in the built site, and its #anchor an
id (or <a name>) in that page. Links to other hosts are left alone.
"""

from __future__ import annotations

import json
import posixpath
import re
from functools import cached_property
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

CANONICAL = re.compile(r'<link rel="canonical" href="([^"]+)"')
SITEMAP_URL = re.compile(r'<loc>([^<]+)</loc>|<xhtml:link [^>]*href="([^"]+)"')


class Links(HTMLParser):
    """The ids a page defines and the links it makes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.ids.add(attrs["name"])
        for key in ("href", "src", "xlink:href"):
            if attrs.get(key):
                self.links.append(attrs[key])
        for candidate in (attrs.get("srcset") or "").split(","):
            if candidate.strip():
                self.links.append(candidate.split()[0])

    handle_startendtag = handle_starttag


class Site:
    """The built site on disk, with each HTML page parsed once."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._parsed: dict[str, Links] = {}
        home = (root / "index.html").read_text(encoding="utf-8")
        self.site_url = CANONICAL.search(home).group(1)  # the home page's canonical = site_url
        self.base_path = urlsplit(self.site_url).path

    @cached_property
    def pages(self) -> list[str]:
        return sorted(p.relative_to(self.root).as_posix() for p in self.root.rglob("*.html"))

    def parsed(self, name: str) -> Links:
        if name not in self._parsed:
            parser = Links()
            parser.feed((self.root / name).read_text(encoding="utf-8"))
            self._parsed[name] = parser
        return self._parsed[name]

    def resolve(self, link: str, page: str) -> tuple[str, str] | None:
        """(file, anchor) that a link in `page` leads to; None for an external link."""
        if link.startswith(self.site_url):
            link = self.base_path + link[len(self.site_url) :]
        parts = urlsplit(link)
        if parts.scheme or parts.netloc:
            return None  # another host, mailto:, data:, javascript: ...: not fetched
        path = unquote(parts.path)
        if path.startswith("/"):
            target = posixpath.relpath(path, self.base_path) if path != self.base_path else "."
        elif path:
            target = posixpath.join(posixpath.dirname(page), path)
        else:
            target = page  # "#anchor" alone: this page
        target = posixpath.normpath(target)
        if target == "." or (self.root / target).is_dir():
            target = "index.html" if target == "." else f"{target}/index.html"
        return target, unquote(parts.fragment)

    def problem(self, link: str, page: str) -> str | None:
        """Why a link is broken, or None when it resolves (or is external)."""
        resolved = self.resolve(link, page)
        if resolved is None:
            return None
        target, anchor = resolved
        if target.startswith("../") or target == "..":
            return "leaves the site"
        if not (self.root / target).is_file():
            return f"no file {target}"
        # Material's own controls ("#__drawer", "#__search", code line numbers)
        # are JavaScript or CSS hooks, not content anchors.
        if (
            anchor
            and target.endswith(".html")
            and not anchor.startswith("__")
            and anchor not in self.parsed(target).ids
        ):
            return f"no id '{anchor}' in {target}"
        return None


@pytest.fixture(scope="module")
def built(site) -> Site:
    return Site(site.site)


def report(broken: list[tuple[str, str, str]]) -> str:
    lines = [f"{page}: {link} ({why})" for page, link, why in broken[:40]]
    if len(broken) > 40:
        lines.append(f"... and {len(broken) - 40} more")
    return "\n".join(lines)


def test_every_internal_link_and_anchor_resolves(built: Site) -> None:
    broken, checked = [], 0
    for page in built.pages:
        for link in built.parsed(page).links:
            why = built.problem(link, page)
            checked += built.resolve(link, page) is not None
            if why:
                broken.append((page, link, why))
    assert checked > 10_000, checked  # the check really ran over the whole site
    assert broken == [], report(broken)


def test_every_sitemap_address_is_a_page(built: Site) -> None:
    sitemap = (built.root / "sitemap.xml").read_text(encoding="utf-8")
    urls = [loc or alternate for loc, alternate in SITEMAP_URL.findall(sitemap)]
    assert len(urls) > 100
    broken = []
    for url in urls:
        assert url.startswith(built.site_url), url
        why = built.problem(url, "index.html")
        if why:
            broken.append(("sitemap.xml", url, why))
    assert broken == [], report(broken)


@pytest.mark.parametrize("index", ["search/search_index.json", "en/search/search_index.json"])
def test_every_search_result_leads_to_a_page_and_anchor(built: Site, index: str) -> None:
    """A search hit is a location relative to its language root; it must open somewhere."""
    docs = json.loads((built.root / index).read_text(encoding="utf-8"))["docs"]
    assert len(docs) > 100
    language_root = index[: -len("search/search_index.json")]
    home = f"{language_root}index.html"
    broken = []
    for doc in docs:
        why = built.problem(doc["location"], home)
        if why:
            broken.append((index, doc["location"], why))
    assert broken == [], report(broken)


def test_the_checker_finds_broken_links(built: Site) -> None:
    """Guard against a checker that passes everything."""
    page = "en/models/davinci/index.html"
    assert built.problem("../text-davinci-002/", page) is None
    assert built.problem("../no-such-model/", page) is not None
    assert built.problem("#no-such-anchor", page) is not None
    assert built.problem("../../../../elsewhere/", page) == "leaves the site"
    assert built.problem(built.site_url + "en/models/no-such-model/", page) is not None
    assert built.problem("https://arxiv.org/abs/2005.14165", page) is None


def test_strict_build_has_no_warnings(site) -> None:
    """`mkdocs build --strict` passed (the fixture asserts it) and printed no WARNING."""
    assert site.warnings == [], "\n".join(site.warnings)
