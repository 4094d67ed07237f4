"""Nothing from data can inject into a page.

Hostile text goes into every kind of field (names, summaries, notes, glossary terms,
paper and source titles, method names, pipeline labels), the site is built, and the
HTML is parsed: no element, attribute or URL from the data may appear, and the text
must show up literally instead.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from conftest import build_site, mini_project

MARK = "PWNED"
HOSTILE = [
    f'<script>alert("{MARK}1")</script>',
    f"<img src=x onerror=\"alert('{MARK}2')\">",
    f"[click {MARK}3](javascript:alert(1))",
    f'"><svg onload=alert("{MARK}4")>',
    f"{{{{ config.site_name }}}} {{% raw %}} {MARK}5",
    f'{{: onclick="alert(1)" }} {MARK}6',
    f'--8<-- "/etc/passwd" {MARK}7',
    f'"]; evil [URL="javascript:alert(1)" label=<<b>{MARK}8</b>>]; "',
    f"\\N \\G \\L {MARK}9 <b>bold</b> &amp; &lt;",
    f"![img](data:image/svg+xml;base64,PHN2Zz4= ) *[{MARK}10]: abbr",
    f"<!-- comment {MARK}11 --> | table | {MARK}12 |",
]
TEXT = " ".join(HOSTILE)


def hostile_text(short: bool = False) -> dict[str, str]:
    value = HOSTILE[0] + " " + HOSTILE[7] if short else TEXT
    return {"zh": "中文 " + value, "en": "English " + value}


class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data: object) -> bool:
        return True


def write(path: Path, data: dict) -> None:
    text = yaml.dump(data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False)
    path.write_text(text, encoding="utf-8")


def poison(project: Path) -> None:
    data = project / "data"
    cite = [{"source": "openai-model-index"}]
    write(
        data / "models" / "hostile.yaml",
        {
            "id": "hostile",
            "name": f'<b onmouseover="alert(1)">{MARK}n</b> "quoted" {{x}}',
            "aliases": {"product": [HOSTILE[0]], "other": [HOSTILE[7][:150]]},
            "organization": HOSTILE[1],
            "family": "gpt-3.5",
            "summary": hostile_text(),
            "parameters": {"note": hostile_text(), "sources": cite},
            "context_window": {"tokens": 4096, "note": hostile_text(), "sources": cite},
            "training_data": [{"text": hostile_text(), "sources": cite}],
            "parents": [
                {
                    "model": "davinci",
                    "method": "feedme",
                    "grade": "hypothesis",
                    "note": hostile_text(),
                    "sources": [
                        {
                            "url": "https://example.org/a?b=1&c=(2)[3]",
                            "title": HOSTILE[3],
                            "locator": HOSTILE[2][:100],
                            "supports": hostile_text(),
                        },
                    ],
                }
            ],
            "notes": [{"text": hostile_text(), "sources": cite}],
            "disagreements": [
                {"claim": hostile_text(), "resolution": hostile_text(), "sources": cite}
            ],
            "sources": cite,
        },
    )
    write(
        data / "glossary" / "hostile-term.yaml",
        {
            "id": "hostile-term",
            "term": {"zh": f"恶意术语<i>{MARK}t</i>", "en": f"Hostile term <i>{MARK}t</i>"},
            "abbr": "HT",
            "definition": hostile_text(),
            "sources": cite,
        },
    )
    write(
        data / "sources" / "hostile-source.yaml",
        {
            "id": "hostile-source",
            "title": HOSTILE[1],
            "publisher": HOSTILE[0],
            "url": "https://example.org/)](javascript:alert(1))",
            "type": "blog",
            "primary": False,
            "description": hostile_text(),
        },
    )
    method = yaml.safe_load((data / "methods" / "rlhf-ppo.yaml").read_text(encoding="utf-8"))
    method["name"] = hostile_text(short=True)
    method["pipeline"]["nodes"][0]["label"] = hostile_text(short=True)
    method["pipeline"]["edges"][0]["label"] = hostile_text(short=True)
    method["numbers"] = [
        {"label": hostile_text(short=True), "value": hostile_text(short=True), "sources": cite}
    ]
    write(data / "methods" / "rlhf-ppo.yaml", method)
    index = project / "docs" / "index.md"
    index.write_text(
        index.read_text(encoding="utf-8") + "\n恶意术语<i>PWNEDt</i> 出现在文章里。\n",
        encoding="utf-8",
    )


class Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.elements.append((tag, dict(attrs)))

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_comment(self, data: str) -> None:
        assert MARK not in data, f"data text became an HTML comment: {data!r}"


@pytest.fixture(scope="module")
def poisoned(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("poisoned")
    project = mini_project(root / "project")
    poison(project)
    build = build_site(project, root / "site")
    assert build.returncode == 0, build.output
    return build


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_no_injected_elements_attributes_or_urls(poisoned) -> None:
    checked = 0
    for path in pages(poisoned.site):
        html = path.read_text(encoding="utf-8")
        if MARK not in html and "hostile" not in html:
            continue
        checked += 1
        parser = Collector()
        parser.feed(html)
        for tag, attrs in parser.elements:
            for name, value in attrs.items():
                value = value or ""
                where = f"{path.relative_to(poisoned.site)}: <{tag} {name}={value!r}>"
                assert not name.startswith("on"), where
                assert MARK not in name, where
                if name in ("href", "src", "xlink:href", "action", "formaction"):
                    assert not re.match(r"\s*(javascript|data|vbscript):", value, re.I), where
                if tag in ("script", "style", "iframe", "object", "embed", "img", "svg"):
                    assert MARK not in value or name in ("title", "aria-label"), where
            assert tag not in ("iframe", "object", "embed"), where
        assert checked
    assert checked >= 4, "the hostile text should appear on several pages"


def test_hostile_text_is_shown_literally(poisoned) -> None:
    for url in ("models/hostile/", "en/models/hostile/", "methods/rlhf-ppo/", "glossary/"):
        parser = Collector()
        parser.feed(poisoned.page(url))
        text = "".join(parser.text)
        assert f'alert("{MARK}1")' in text, url
        scripts = [a for t, a in parser.elements if t == "script" and MARK in str(a)]
        assert not scripts, url


def test_page_title_and_nav_stay_text(poisoned) -> None:
    html = poisoned.page("models/hostile/")
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert "<" not in title, title  # shown as text, not parsed
    assert "PWNEDn" in title
    assert "<b onmouseover" not in html


def test_diagram_labels_cannot_inject(poisoned) -> None:
    for url in ("lineage/", "methods/rlhf-ppo/", "models/hostile/", "en/methods/rlhf-ppo/"):
        html = poisoned.page(url)
        for svg in re.findall(r"<svg\b.*?</svg>", html, re.S):
            links = re.findall(r'(?:xlink:)?href="([^"]*)"', svg)
            for link in links:
                assert re.fullmatch(r"(\.\./)*models/[a-z0-9._-]+/", link), (url, link)
            assert "<b>" not in svg and "<i>" not in svg
        assert "evil" not in re.findall(r'<g id="[^"]*" class="node">', html)


def test_search_index_and_exports_carry_text_not_markup(poisoned) -> None:
    """Material renders index entries as HTML: they may hold its few text tags, nothing else."""
    allowed = {"p", "code", "pre", "li", "ol", "ul", "sub", "sup"}
    for index_path in ("search/search_index.json", "en/search/search_index.json"):
        index = json.loads((poisoned.site / index_path).read_text("utf-8"))
        for entry in index["docs"]:
            for field in ("title", "text"):
                parser = Collector()
                parser.feed(entry[field])
                assert {tag for tag, _ in parser.elements} <= allowed, entry["location"]
                assert all(not attrs for _, attrs in parser.elements), entry["location"]
    exported = json.loads((poisoned.site / "api" / "models.json").read_text("utf-8"))
    assert exported["hostile"]["summary"]["en"].startswith("English <script>")
    csv_text = (poisoned.site / "api" / "models.csv").read_text("utf-8")
    assert "hostile" in csv_text
