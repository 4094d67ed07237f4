"""Glossary hover definitions in articles."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from atlas import tooltips
from atlas.validate import validate
from conftest import mini_project


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory):
    data, problems = validate(mini_project(tmp_path_factory.mktemp("t") / "p"))
    assert not problems
    return data


def test_first_occurrence_in_running_text_only(dataset) -> None:
    html = "<p>我们先讲思维链，再讲思维链。</p>"
    out = tooltips.annotate(html, dataset, "zh")
    assert out.count("<abbr") == 1
    assert out.index("<abbr") < out.index("再讲")
    assert dataset.glossary["chain-of-thought"]["definition"]["zh"] in out


def test_skips_links_code_headings_and_diagrams(dataset) -> None:
    html = (
        "<h2>思维链</h2><p><a href='x'>思维链</a> <code>思维链</code></p>"
        "<figure class='atlas-diagram'><svg><text>思维链</text></svg></figure>"
        "<p>正文里的思维链</p>"
    )
    out = tooltips.annotate(html, dataset, "zh")
    assert out.count("<abbr") == 1
    definition = dataset.glossary["chain-of-thought"]["definition"]["zh"]
    assert out.endswith(
        f'正文里的<abbr class="atlas-term" title="{definition}" tabindex="0" '
        'data-term="chain-of-thought">思维链</abbr></p>'
    )


def test_english_terms_need_word_boundaries(dataset) -> None:
    out = tooltips.annotate("<p>CoTs and xCoT are not CoT.</p>", dataset, "en")
    assert out.count("<abbr") == 1 and out.endswith(">CoT</abbr>.</p>")


def test_definition_is_escaped_in_the_title(tmp_path: Path) -> None:
    root = mini_project(tmp_path / "p")
    path = root / "data" / "glossary" / "chain-of-thought.yaml"
    term = yaml.safe_load(path.read_text(encoding="utf-8"))
    term["definition"]["en"] = '"><script>x</script> ' + term["definition"]["en"]
    path.write_text(yaml.safe_dump(term, allow_unicode=True), encoding="utf-8")
    data, problems = validate(root)
    assert not problems
    out = tooltips.annotate("<p>Use chain of thought.</p>", data, "en")
    assert "<script>" not in out and "&quot;&gt;&lt;script&gt;" in out
