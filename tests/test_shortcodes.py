"""Articles: data blocks and citations filled from the data, with errors that point at lines."""

from __future__ import annotations

import re

import pytest

from atlas import capabilities, pages, shortcodes
from atlas.errors import DataError
from atlas.validate import validate
from conftest import build_site, check, mini_project


@pytest.fixture(scope="module")
def ctx(tmp_path_factory: pytest.TempPathFactory) -> pages.Context:
    dataset, problems = validate(mini_project(tmp_path_factory.mktemp("m") / "p"))
    assert not problems
    return pages.Context(dataset, capabilities.compute_status(dataset), "zh")


def test_citation_gets_a_definition_from_the_paper_record(ctx) -> None:
    markdown, _ = shortcodes.expand("GPT-3 的论文[^2005.14165]。\n", ctx, "articles/x.md")
    definition = markdown.splitlines()[-1]
    assert definition.startswith("[^2005.14165]: ")
    assert "(../papers/2005.14165.md)" in definition
    assert "https://arxiv.org/abs/2005.14165" in definition


def test_blocks_expand_with_anchors_unique_in_the_article(ctx) -> None:
    text = (
        "# T\n\n<!-- atlas:capabilities -->\n\n<!-- atlas:lineage -->\n\n"
        "见[^openai-model-index]。\n"
    )
    markdown, slots = shortcodes.expand(text, ctx, "articles/x.md")
    assert "<!-- atlas" not in markdown
    assert list(slots) == ["d1"]
    # A block's badges are its citations, so only the article's own note is a footnote.
    labels = re.findall(r"^\[\^([^\]]+)\]:", markdown, re.M)
    assert labels == ["openai-model-index"]
    # Each block's evidence anchors carry its number, so two blocks never share one
    # (both badge claims here: the capability table's and the lineage's text version's).
    badges = re.findall(r'href="#(_claim-[^"]+)"', markdown)
    blocks = re.findall(r'<div class="atlas-claim" id="(_claim-[^"]+)"', markdown)
    assert badges and sorted(set(badges)) == sorted(blocks)
    assert {anchor.split("-")[2] for anchor in blocks} == {"1", "2"}
    assert len(blocks) == len(set(blocks))


def test_code_blocks_are_left_alone(ctx) -> None:
    text = (
        "```\n<!-- atlas:nonsense -->\n[^not-a-citation]\n```\n\nWrite `[^2203.02155]` to cite.\n"
    )
    markdown, _ = shortcodes.expand(text, ctx, "articles/x.md")
    assert markdown == text


def test_unknown_shortcode_and_citation_report_file_and_line(ctx) -> None:
    text = "# T\n\n<!-- atlas:lineag -->\n\nText[^2005.1416].\n"
    with pytest.raises(DataError) as error:
        shortcodes.expand(text, ctx, "articles/x.en.md")
    messages = [str(p) for p in error.value.problems]
    assert messages == [
        "docs/articles/x.en.md:3: unknown shortcode 'atlas:lineag' "
        "(did you mean 'atlas:lineage'? known: capabilities, legend, limitations, lineage, "
        "pipeline, story)",
        "docs/articles/x.en.md:5: citation [^2005.1416] is not a paper or source id "
        "(use an id from data/papers/ or data/sources/, or define the footnote)",
    ]


PIPELINES = "one of: rlhf-ppo"


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        (
            "<!-- atlas:pipeline Rlhf-PPO -->",
            "'atlas:pipeline': no method with a pipeline called 'Rlhf-PPO' "
            "(did you mean 'rlhf-ppo'?)",
        ),
        (
            "<!-- atlas:pipeline feedme -->",
            f"'atlas:pipeline': no method with a pipeline called 'feedme' ({PIPELINES})",
        ),
        (
            "<!-- atlas:pipeline -->",
            f"'atlas:pipeline' needs one argument: a method with a pipeline ({PIPELINES})",
        ),
        (
            "<!-- atlas:pipeline rlhf-ppo feedme -->",
            f"'atlas:pipeline' takes only one argument: a method with a pipeline ({PIPELINES})",
        ),
        ("<!-- atlas:lineage extra -->", "'atlas:lineage' takes no argument (remove 'extra')"),
        (
            "  <!-- atlas:lineage -->",
            "a shortcode must stand alone on its line, not indented "
            "(put it on a line of its own, starting in the first column)",
        ),
        (
            "See <!-- atlas:lineage --> here.",
            "a shortcode must stand alone on its line, not indented "
            "(put it on a line of its own, starting in the first column)",
        ),
        ("<!-- atlas:lineage", "the shortcode is not closed with '-->' on the same line"),
        (
            "<!-- ATLAS: lineage -->",
            "malformed shortcode '<!-- ATLAS: lineage -->' "
            "(write <!-- atlas:name --> in lowercase)",
        ),
    ],
)
def test_a_shortcode_typo_is_an_error_never_a_comment(ctx, line: str, problem: str) -> None:
    with pytest.raises(DataError) as error:
        shortcodes.expand(f"# T\n\n{line}\n", ctx, "articles/x.md")
    assert [str(p) for p in error.value.problems] == [f"docs/articles/x.md:3: {problem}"]


def test_well_formed_shortcodes_expand(ctx) -> None:
    markdown, slots = shortcodes.expand(
        "<!-- atlas:pipeline rlhf-ppo -->\n\n<!--  atlas:legend  -->\n", ctx, "articles/x.md"
    )
    assert "<!--" not in markdown and list(slots) == ["d1"]


def test_make_check_reports_every_article_error_at_its_line_in_the_file(mini) -> None:
    """Lines count the front matter MkDocs strips; all articles are reported at once."""
    zh, en = mini / "docs" / "index.md", mini / "docs" / "index.en.md"
    front = "---\nhide:\n  - toc\n---\n\n"
    zh_text = front + zh.read_text(encoding="utf-8") + "\n坏的引用。[^no-such-zh]\n"
    en_text = en.read_text(encoding="utf-8") + "\n<!-- atlas:no-such-block -->\n"
    zh.write_text(zh_text, encoding="utf-8")
    en.write_text(en_text, encoding="utf-8")
    result = check(mini)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"docs/index.md:{zh_text.count(chr(10))}: citation [^no-such-zh]" in result.stderr
    assert f"docs/index.en.md:{en_text.count(chr(10))}: unknown shortcode" in result.stderr
    assert "2 problems in docs/" in result.stderr


def test_a_broken_article_stops_the_build_before_site_is_touched(mini) -> None:
    """MkDocs empties site/ before reading pages: articles are checked before that."""
    first = build_site(mini, mini / "site")
    assert first.returncode == 0, first.output
    before = sorted(p.relative_to(first.site) for p in first.site.rglob("*"))
    page = mini / "docs" / "index.en.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nA claim.[^no-such]\n", encoding="utf-8")
    second = build_site(mini, mini / "site")
    assert second.returncode != 0
    assert "docs/index.en.md:" in second.output and "Traceback" not in second.output
    assert sorted(p.relative_to(first.site) for p in first.site.rglob("*")) == before
