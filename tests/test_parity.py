"""The two languages carry the same things: the parity check, and the repository passing it.

The unit tests pin how numbers are read (by value, across scripts and units) on small
hand-written inputs; the repository tests hold the real articles and data to the check
and to the size floors of issue 15, so a shortened Chinese article fails `make test`.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from atlas.load import load_records
from atlas.parity import (
    MIN_CHARACTERS_PER_WORD,
    all_problems,
    article_pairs,
    article_problems,
    numbers,
    sections,
    size,
)
from conftest import ROOT, environment


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        ("1750 亿参数", "175 billion parameters"),
        ("1750 亿参数", "175B parameters"),
        ("2022 年 1 月 27 日", "27 January 2022"),
        ("2022 年 11 月 28 日", "On November 28th, 2022"),
        ("约 1.3 万条", "about 13k"),
        ("7.74 亿参数的 GPT-2", "the 774M-parameter GPT-2"),
        ("每 1,000 个 token 0.002 美元", "$0.002 per 1,000 tokens"),
        ("约 40 名外包标注员", "about forty contractors"),
        ("72.6% 的时候", "72.6% of the time"),
    ],
)
def test_the_same_numbers_in_both_scripts_compare_equal(zh: str, en: str) -> None:
    assert numbers(zh) == numbers(en)
    assert numbers(zh), "the example must carry a number, or the test proves nothing"


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        ("1750 亿参数", "17.5 billion parameters"),
        ("2022 年 3 月", "March 2021"),
        ("12,725 条提示", "12,752 prompts"),
        ("72.6%", "72.6"),
    ],
)
def test_different_numbers_differ(zh: str, en: str) -> None:
    assert numbers(zh) != numbers(en)


def test_names_locators_and_small_counts_are_not_numbers() -> None:
    text = (
        "GPT-3、text-davinci-002、gpt-3.5-turbo-0301 与 GSM8K；见 §3.5、论文表 2.1、图 2、"
        "第 4 节。Table 6 and Figure 3. Three steps, 3 shelves. `max_tokens=256` and"
        " [a link](https://arxiv.org/abs/2203.02155)."
    )
    assert numbers(text) == set()


def test_sections_split_at_h2_and_h3_outside_code() -> None:
    markdown = "lead\n\n## One\n\ntext\n\n```\n## not a heading\n```\n\n### Two\n\nmore\n"
    parts = sections(markdown)
    assert [(p.title, p.level) for p in parts] == [("", 1), ("One", 2), ("Two", 3)]
    assert "not a heading" in parts[1].body


def test_size_counts_prose_only() -> None:
    zh = (
        "中文两句。\n\n```python\n# 代码里的注释不算\n```\n\n"
        "[链接](../x.md)[^ref]\n\n[^ref]: 脚注不算\n"
    )
    en = "Two words.\n\n```python\n# code does not count\n```\n"
    assert size(zh, en) == (6, 2)


def _pair(tmp_path: Path, zh: str, en: str) -> list[str]:
    (tmp_path / "docs").mkdir(parents=True)
    zh_path, en_path = tmp_path / "docs" / "a.md", tmp_path / "docs" / "a.en.md"
    zh_path.write_text(zh, encoding="utf-8")
    en_path.write_text(en, encoding="utf-8")
    return [str(p) for p in article_problems(zh_path, en_path, tmp_path)]


def test_a_number_missing_from_a_section_is_reported_with_file_line_and_section(
    tmp_path: Path,
) -> None:
    zh = "开头。\n\n## 规模\n\n1750 亿参数，2,048 个 token。\n"
    en = "Lead.\n\n## Size\n\n175B parameters.\n"
    assert _pair(tmp_path, zh, en) == [
        "docs/a.en.md:3: section 'Size' lacks 2048, which the other language has"
        " (say the same things in both languages)"
    ]


def test_a_citation_in_one_language_only_is_reported(tmp_path: Path) -> None:
    zh = "开头[^2203.02155]。\n\n## 一\n\n正文。\n"
    en = "Lead.\n\n## One\n\nText.\n"
    problems = _pair(tmp_path, zh, en)
    assert problems == [
        "docs/a.en.md: does not cite [^2203.02155], which docs/a.md cites"
        " (cite the same sources in both languages)"
    ]


def test_a_citation_followed_by_a_colon_is_still_a_citation(tmp_path: Path) -> None:
    zh = "开头。\n\n## 一\n\n论文这样说[^2203.02155]：正文。\n"
    en = "Lead.\n\n## One\n\nThe paper says[^2203.02155]: text.\n\n[^2203.02155]: defined here\n"
    assert _pair(tmp_path, zh, en) == []
    assert _pair(tmp_path / "b", "开头。\n", "Lead[^x]: text.\n") == [
        "docs/a.md: does not cite [^x], which docs/a.en.md cites"
        " (cite the same sources in both languages)"
    ]


def test_different_headings_are_reported_once(tmp_path: Path) -> None:
    zh = "开头。\n\n## 一\n\n### 二\n\n正文。\n"
    en = "Lead.\n\n## One\n\n## Two\n\nText.\n"
    (problem,) = _pair(tmp_path, zh, en)
    assert "its sections do not match docs/a.md" in problem
    assert "·- in Chinese, ·· in English" in problem


def test_a_thin_chinese_is_reported(tmp_path: Path) -> None:
    en = "Lead.\n\n" + "word " * 300
    zh = "开头。\n\n" + "中文" * 150  # 302 characters for 301 words
    (problem,) = _pair(tmp_path, zh, en)
    assert problem.startswith("docs/a.md: 302 Chinese characters for 301 English words (1.00")


def test_a_record_text_with_a_number_in_one_language_is_reported(tmp_path: Path) -> None:
    record = tmp_path / "data" / "glossary" / "x.yaml"
    record.parent.mkdir(parents=True)
    (tmp_path / "docs").mkdir()
    record.write_text(
        "id: x\nterm:\n  zh: 某词\n  en: A term\ndefinition:\n"
        "  zh: 约 40 名标注员。\n  en: About 40 labelers, 2,048 tokens.\n",
        encoding="utf-8",
    )
    records, unreadable = load_records(tmp_path)
    assert unreadable == []
    problems = [str(p) for p in all_problems(tmp_path, records)]
    assert problems == [
        "data/glossary/x.yaml:5: definition: only the English has 2048"
        " (say the same things in both languages)"
    ]


def test_the_command_lists_every_problem_and_fails_without_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    _pair(tmp_path, "开头。\n\n## 一\n\n2019 年。\n", "Lead.\n\n## One\n\nIn 2021[^x].\n")
    result = subprocess.run(
        [sys.executable, "-m", "atlas", "parity", "--root", str(tmp_path)],
        env=environment(PYTHONPATH=str(ROOT / "hooks")),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "docs/a.md: does not cite [^x]" in result.stderr
    assert "docs/a.md:3: section '一' lacks 2021" in result.stderr
    assert "docs/a.en.md:3: section 'One' lacks 2019" in result.stderr


# The repository itself.

ARTICLES = sorted(p.name for p in (ROOT / "docs" / "articles").glob("*.en.md"))


def test_the_repository_passes_the_parity_check() -> None:
    records, unreadable = load_records(ROOT)
    assert unreadable == []
    assert [str(p) for p in all_problems(ROOT, records)] == []


def test_every_article_has_a_pair_that_is_checked() -> None:
    checked = {zh.name for zh, _ in article_pairs(ROOT)}
    assert {name.replace(".en.md", ".md") for name in ARTICLES} <= checked
    assert len(ARTICLES) >= 7


@pytest.mark.parametrize("name", [n for n in ARTICLES if n != "index.en.md"])
def test_each_article_is_full_length_in_both_languages(name: str) -> None:
    """Issue 15's floor: 1,500 Chinese characters, 900 English words, Chinese not thinner."""
    en = (ROOT / "docs" / "articles" / name).read_text(encoding="utf-8")
    zh = (ROOT / "docs" / "articles" / name.replace(".en.md", ".md")).read_text(encoding="utf-8")
    characters, words = size(zh, en)
    assert characters >= 1500, f"{name}: {characters} Chinese characters"
    assert words >= 900, f"{name}: {words} English words"
    assert characters >= MIN_CHARACTERS_PER_WORD * words, f"{name}: {characters / words:.2f}"
