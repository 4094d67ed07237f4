"""Glossary hover definitions in articles: a link to the entry, a hidden definition."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from atlas import tooltips
from atlas.validate import validate
from conftest import mini_project

GLOSSARY = "../glossary/"


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory):
    data, problems = validate(mini_project(tmp_path_factory.mktemp("t") / "p"))
    assert not problems
    return data


def links(html: str) -> list[tuple[str, str]]:
    """(href, text) of every term link."""
    return re.findall(r'<a class="atlas-term footnote-ref" href="([^"]+)"[^>]*>([^<]+)</a>', html)


def test_first_occurrence_in_running_text_only(dataset) -> None:
    html = "<p>我们先讲思维链，再讲思维链。</p>"
    out = tooltips.annotate(html, dataset, "zh", GLOSSARY)
    assert links(out) == [("../glossary/#_term-chain-of-thought", "思维链")]
    assert out.index("atlas-term") < out.index("再讲")


def test_the_definition_is_in_a_hidden_block_the_link_points_at(dataset) -> None:
    out = tooltips.annotate("<p>思维链</p>", dataset, "zh", GLOSSARY)
    block = re.search(
        r'<aside class="atlas-term-definitions" hidden data-search-exclude>.*</aside>$', out
    )
    assert block, out
    definition = dataset.glossary["chain-of-thought"]["definition"]["zh"]
    assert '<div id="_term-chain-of-thought">' in block.group(0)
    assert " ".join(definition.split())[:40] in block.group(0)
    assert 'aria-describedby="_term-chain-of-thought"' in out


def test_skips_links_code_headings_and_diagrams(dataset) -> None:
    html = (
        "<h2>思维链</h2><p><a href='x'>思维链</a> <code>思维链</code></p>"
        "<figure class='atlas-diagram'><svg><text>思维链</text></svg></figure>"
        "<p>正文里的思维链</p>"
    )
    out = tooltips.annotate(html, dataset, "zh", GLOSSARY)
    assert len(links(out)) == 1
    assert '<p>正文里的<a class="atlas-term footnote-ref"' in out


def test_english_terms_need_word_boundaries(dataset) -> None:
    out = tooltips.annotate("<p>CoTs and xCoT are not CoT.</p>", dataset, "en", GLOSSARY)
    assert [text for _, text in links(out)] == ["CoT"]
    assert ">CoT</a>.</p>" in out


def test_character_references_are_never_split(tmp_path: Path) -> None:
    """A short Latin alias such as 'lt' must not match inside '&lt;'."""
    root = mini_project(tmp_path / "p")
    path = root / "data" / "glossary" / "chain-of-thought.yaml"
    term = yaml.safe_load(path.read_text(encoding="utf-8"))
    term["aliases"] = {"zh": ["链式思考"], "en": ["lt"]}
    path.write_text(yaml.safe_dump(term, allow_unicode=True), encoding="utf-8")
    data, problems = validate(root)
    assert not problems, problems
    out = tooltips.annotate("<p>a &lt; b, and lt here</p>", data, "en", GLOSSARY)
    assert "&lt; b" in out and links(out) == [("../glossary/#_term-chain-of-thought", "lt")]


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)


def test_definition_is_escaped_text_and_never_a_title(tmp_path: Path) -> None:
    """Material's content.tooltips reads title attributes back as HTML: none are used."""
    root = mini_project(tmp_path / "p")
    path = root / "data" / "glossary" / "chain-of-thought.yaml"
    term = yaml.safe_load(path.read_text(encoding="utf-8"))
    term["definition"]["en"] = (
        '"><script>x</script><img src=x onerror=alert(1)> ' + (term["definition"]["en"])
    )
    path.write_text(yaml.safe_dump(term, allow_unicode=True), encoding="utf-8")
    data, problems = validate(root)
    assert not problems
    out = tooltips.annotate("<p>Use chain of thought.</p>", data, "en", GLOSSARY)
    assert "title=" not in out
    parser = _Elements()
    parser.feed(out)
    assert set(parser.tags) == {"p", "a", "aside", "div", "strong"}
    assert "&lt;script&gt;x&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;" in out
