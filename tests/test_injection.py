"""Nothing from data can inject into a page, an index, an export or a diagram.

tests/hostile.py puts hostile text into every free-text field of every kind (the
fields come from the schemas), the site is built, and every output is parsed: no
element, attribute or address from the data may appear, the text must show up
literally instead, and data text never becomes Markdown structure. The same site
is driven in a real browser in tests/browser/test_injection_live.py.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from conftest import Build, build_site
from hostile import MARK, poisoned_project, schema_text_paths

FORMULA = ("=", "+", "-", "@", "\t", "\r")


class Collector(HTMLParser):
    """Elements with their attributes, the text, and where we are (main content or not)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.stack: list[str] = []
        self.in_script = ""

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.elements.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self.in_script = tag

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self.elements.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if tag == self.in_script:
            self.in_script = ""

    def handle_data(self, data: str) -> None:
        if self.in_script:
            assert "alert(" not in data, f"data text inside <{self.in_script}>: {data[:80]!r}"
            assert "display:none}" not in data, f"data text inside <{self.in_script}>"
        else:
            self.text.append(data)

    def handle_comment(self, data: str) -> None:
        assert MARK not in data, f"data text became an HTML comment: {data!r}"


def parse(html: str) -> Collector:
    parser = Collector()
    parser.feed(html)
    return parser


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_text_field_of_every_kind_carries_a_payload(tmp_path: Path) -> None:
    _, covered = poisoned_project(tmp_path / "project")
    for kind, paths in schema_text_paths().items():
        assert paths, kind
        assert sorted(paths - covered[kind]) == [], kind


def test_no_element_attribute_or_address_from_the_data(poisoned: Build) -> None:
    checked = 0
    for path in pages(poisoned.site):
        html = path.read_text(encoding="utf-8")
        parsed = parse(html)
        where = path.relative_to(poisoned.site).as_posix()
        for tag, attrs in parsed.elements:
            for name, value in attrs.items():
                value = value or ""
                context = f"{where}: <{tag} {name}={value[:60]!r}>"
                assert name != MARK and not name.startswith("on"), context
                if name in ("href", "src", "xlink:href", "action", "formaction"):
                    assert not re.match(r"\s*(javascript|data|vbscript):", value, re.I), context
            assert tag not in ("iframe", "object", "embed", "base"), where
        checked += "alert(2)" in "".join(parsed.text)
    assert checked >= 30, "the payloads should be on most pages"


def test_hostile_text_is_shown_literally(poisoned: Build) -> None:
    for url in ("models/hostile-model/", "en/models/hostile-model/", "methods/hostile-method/"):
        text = "".join(parse(poisoned.page(url)).text)
        assert "<script>alert(2)</script>" in text, url
        assert "&lt;i data-pwn=7&gt;" in text, url  # an entity in the data stays an entity
        assert "{{ config.site_name }}" in text and '--8<-- "/etc/passwd"' in text, url


def test_data_text_never_becomes_markdown_structure(poisoned: Build) -> None:
    """Text that starts like a list, quote, heading, admonition or code block stays text."""
    for kind in ("models", "papers", "methods", "capabilities"):
        for path in sorted((poisoned.site / kind).glob("*/index.html")):
            html = path.read_text(encoding="utf-8")
            content = html[html.index('<article class="md-content__inner') :]
            content = CITATION_BLOCK.sub("", content)  # ours, checked on its own below
            where = path.relative_to(poisoned.site)
            assert content.count("<h1") == 1, where
            # Our only block quotes are the quotes of the evidence, marked as such.
            quotes = re.findall(r"<blockquote([^>]*)>", content)
            assert set(quotes) <= {' class="atlas-quote" lang="en"'}, (where, quotes)
            assert "<pre" not in content, where
            details = re.findall(r'<details class="([^"]*)"', content)
            assert set(details) <= {"abstract"}, (where, details)  # only our own edge lists
            admonitions = re.findall(r'<div class="admonition ([^"]*)"', content)
            assert set(admonitions) <= {"warning"}, (where, admonitions)  # disagreements


CITATION_BLOCK = re.compile(r'<details class="quote atlas-cite".*?</details>', re.S)


def test_citation_blocks_keep_hostile_titles_as_text(poisoned: Build) -> None:
    """The block's one <pre> holds BibTeX in which every special is escaped and the
    braces balance, so a title cannot end its field or the entry; in HTML, text."""
    name = " ".join(poisoned_name(poisoned).split())
    for url in ("models/hostile-model/", "en/models/hostile-model/"):
        blocks = CITATION_BLOCK.findall(poisoned.page(url))
        assert len(blocks) == 1, url
        parsed = parse(blocks[0])
        assert [tag for tag, _ in parsed.elements] == [
            "details",
            "summary",
            "p",
            "p",
            "pre",
            "code",
        ]
        reference, entry = parsed.text[1], parsed.text[3]
        assert name in reference, url
        title = re.search(r"^  title = \{\{(.*)\}\},$", entry, re.M).group(1)
        assert re.search(r"(?<!\\)[{}%#&$_^~]", title.replace(r"\textbackslash{}", "")) is None
        depth = 0
        for i, char in enumerate(entry):
            if char in "{}" and entry[i - 1] != "\\":
                depth += 1 if char == "{" else -1
                assert depth >= 0, url
        assert depth == 0, url


@pytest.fixture(scope="module")
def poisoned_history(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The poisoned project in a git repository, so the change log and feeds name it."""
    root = tmp_path_factory.mktemp("poisoned-history")
    project, _ = poisoned_project(root / "project")
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "GIT_COMMITTER_DATE": "2026-01-01T00:00:00Z",
        "GIT_CONFIG_GLOBAL": os.devnull,
    }
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "<img src=x onerror=alert(1)>"]):
        subprocess.run(["git", "-C", str(project), *args], env=env, check=True)
    build = build_site(project, root / "site")
    assert build.returncode == 0, build.output
    return build


def test_change_log_and_feeds_keep_hostile_names_as_text(poisoned_history: Build) -> None:
    name = " ".join(poisoned_name(poisoned_history).split())
    for prefix in ("", "en/"):
        html = poisoned_history.page(f"{prefix}changelog/")
        parsed = parse(html)
        for tag, attrs in parsed.elements:
            assert MARK not in attrs and not any(a.startswith("on") for a in attrs), (tag, attrs)
        assert name in " ".join("".join(parsed.text).split())
        assert "onerror=alert(1)>" not in html  # the commit message is never shown
        feed = ET.parse(poisoned_history.site / f"{prefix}changelog/feed.xml").getroot()
        for content in feed.iter("{http://www.w3.org/2005/Atom}content"):
            entry = parse(content.text or "")
            for tag, attrs in entry.elements:
                assert tag in ("ul", "li", "strong", "a", "code"), tag
                assert set(attrs) <= {"href"}, attrs
            assert name in " ".join("".join(entry.text).split())


def poisoned_name(poisoned: Build) -> str:
    """The hostile model's name as the poisoned record has it."""
    path = poisoned.root / "data" / "models" / "hostile-model.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))["name"]


def test_titles_stay_text(poisoned: Build) -> None:
    for url in ("models/hostile-model/", "en/papers/hostile-paper/", "glossary/"):
        html = poisoned.page(url)
        title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
        assert "<" not in title, title
    name = poisoned_name(poisoned)
    assert "<" in name  # the name does carry markup
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", poisoned.page("models/hostile-model/"), re.S)
    heading = re.sub(r'<a class="headerlink".*?</a>', "", h1.group(1))
    assert " ".join("".join(parse(heading).text).split()) == " ".join(name.split())


def test_search_index_carries_text_not_markup(poisoned: Build) -> None:
    """Material renders titles, text and tags of the index with innerHTML."""
    allowed = {"p", "code", "pre", "li", "ol", "ul", "sub", "sup"}
    tags_seen = 0
    for index_path in ("search/search_index.json", "en/search/search_index.json"):
        index = json.loads((poisoned.site / index_path).read_text("utf-8"))
        for entry in index["docs"]:
            for field in ("title", "text"):
                parsed = parse(entry[field])
                assert {tag for tag, _ in parsed.elements} <= allowed, entry["location"]
                assert all(not attrs for _, attrs in parsed.elements), entry["location"]
            for tag in entry.get("tags") or []:
                tags_seen += 1
                assert not parse(tag).elements, (entry["location"], tag)
    assert tags_seen >= 4


def test_json_exports_are_valid_and_faithful(poisoned: Build) -> None:
    def refuse(constant: str) -> None:
        raise AssertionError(f"{constant} in a JSON export")

    for path in sorted((poisoned.site / "api").glob("*.json")):
        json.loads(path.read_text("utf-8"), parse_constant=refuse)
    models = json.loads((poisoned.site / "api" / "models.json").read_text("utf-8"))
    assert models["hostile-model"]["name"] == poisoned_name(poisoned)


def test_csv_cells_are_quoted_and_never_start_a_formula(poisoned: Build) -> None:
    text = (poisoned.site / "api" / "models.csv").read_text("utf-8")
    for line in text.splitlines():
        assert line.startswith('"') and line.endswith('"'), line[:80]
    rows = list(csv.reader(io.StringIO(text)))
    hostile = next(row for row in rows if row[0] == "hostile-model")
    for cell in hostile:
        for item in cell.split(";"):
            assert not item.startswith(FORMULA), item[:60]
    assert "'=HYPERLINK" in text and "'+1" in text and "'@SUM" in text


def test_diagram_labels_cannot_inject(poisoned: Build) -> None:
    for url in ("lineage/", "methods/hostile-method/", "models/hostile-model/", "en/"):
        html = poisoned.page(url)
        svgs = re.findall(r"<svg\b.*?</svg>", html, re.S)
        assert svgs, url
        for svg in svgs:
            for link in re.findall(r'(?:xlink:)?href="([^"]*)"', svg):
                assert re.fullmatch(r"(\.\./)*(en/)?models/[a-z0-9._-]+/", link), (url, link)
            elements = {tag for tag, _ in parse(svg).elements}
            assert not elements & {"b", "i", "img", "script", "style", "foreignobject"}, url


def test_link_previews_carry_hostile_text_as_text(poisoned: Build) -> None:
    """The description and title in OpenGraph/Twitter meta are attribute text, decoded once."""
    for url in ("models/hostile-model/", "en/models/hostile-model/"):
        meta = {
            (a.get("property") or a.get("name")): a.get("content") or ""
            for tag, a in parse(poisoned.page(url)).elements
            if tag == "meta" and (a.get("property") or a.get("name"))
        }
        # The summary's payloads, decoded once: markup as text (it is cut to a card's length).
        assert "</title><img src=y onerror=alert(8) data-pwn=8>" in meta["og:description"], url
        assert meta["og:description"] == meta["description"] == meta["twitter:description"]
        assert "<!--><img src=z onerror=alert(9) data-pwn=9>-->" in meta["og:title"], url
