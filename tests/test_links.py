"""An offline check of the built site: every internal link and anchor resolves."""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.ids.add(attrs["name"])
        for key in ("href", "src", "xlink:href"):
            if attrs.get(key) and not (tag == "link" and attrs.get("rel") in ("canonical",)):
                self.links.append(attrs[key])


def parse(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_every_internal_link_and_anchor_resolves(site) -> None:
    root = site.site
    pages = {p.relative_to(root).as_posix(): p for p in root.rglob("*.html")}
    parsed = {name: parse(path) for name, path in pages.items()}
    broken = []
    checked = 0
    for name, links in parsed.items():
        directory = posixpath.dirname(name)
        for link in links.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("mailto:", "data:")):
                continue  # external: not fetched
            path = unquote(parts.path)
            if path.startswith("/"):  # absolute from site_url, whose path is "/" here
                target = path.lstrip("/")
            else:
                target = posixpath.join(directory, path) if path else name
            target = posixpath.normpath(target) if target else "."
            if target.startswith(".."):
                broken.append((name, link))
                continue
            if (root / target).is_dir():
                target = "index.html" if target == "." else f"{target}/index.html"
            checked += 1
            if not (root / target).is_file():
                broken.append((name, link))
            elif parts.fragment and target.endswith(".html"):
                anchor = unquote(parts.fragment)
                ids = parsed[target].ids if target in parsed else parse(root / target).ids
                if anchor not in ids and not anchor.startswith("__"):
                    broken.append((name, link))
    assert checked > 10_000
    assert broken == [], "\n".join(f"{page}: {link}" for page, link in broken[:40])


def test_strict_build_has_no_warnings(site) -> None:
    assert site.warnings == []
