"""Every page carries a "Cite this page" block, in its language, with its own address.

Checked on the real site built from the checkout: each page's block names the
page's title (its <h1>), its absolute address (site_url and the page's path) and its
language, in a plain reference and a BibTeX entry; the block stays out of the search
index. Hostile titles are checked here on the block itself and on a built site in
tests/test_injection.py.
"""

from __future__ import annotations

import html as html_module
import json
import re
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, Build

sys.path.insert(0, str(ROOT / "hooks"))

from atlas import citation

SITE_URL = "https://gpt-lineage-atlas.github.io/"
BLOCK = re.compile(
    r'<details class="quote atlas-cite" data-search-exclude lang="(\w+)">(.*?)</details>', re.S
)
# One page of every kind, by its URL path in Chinese; English adds "en/".
KINDS = {
    "home": "",
    "article": "articles/how-rlhf-works/",
    "lineage": "lineage/",
    "models": "models/",
    "model": "models/davinci/",
    "paper": "papers/2203.02155/",
    "method": "methods/rlhf-ppo/",
    "capability": "capabilities/in-context-learning/",
    "capability sources": "capabilities/",
    "matrix": "capabilities/matrix/",
    "glossary": "glossary/",
    "limitations": "limitations/",
    "claims": "claims/",
    "sources": "sources/",
    "change log": "changelog/",
}


def blocks(html: str) -> list[tuple[str, str]]:
    return BLOCK.findall(html)


def heading(html: str) -> str:
    found = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    assert found, "no <h1>"
    text = re.sub(r"<[^>]+>", "", found.group(1))
    return " ".join(html_module.unescape(text).replace("¶", "").split())


def bibtex_field(entry: str, name: str) -> str:
    found = re.search(rf"^  {name} = \{{(.*)\}},?$", entry, re.M)
    assert found, f"no {name} in {entry}"
    return found.group(1)


@pytest.mark.parametrize("lang,prefix", [("zh", ""), ("en", "en/")])
@pytest.mark.parametrize("kind", list(KINDS))
def test_every_page_kind_has_its_citation(site: Build, kind: str, lang: str, prefix: str) -> None:
    path = prefix + KINDS[kind]
    html = site.page(path)
    found = blocks(html)
    assert len(found) == 1, f"{path}: {len(found)} citation blocks"
    block_lang, body = found[0]
    assert block_lang == lang
    url = SITE_URL + path
    reference = re.search(r'<p class="atlas-cite__reference">(.*?)</p>', body, re.S).group(1)
    reference = html_module.unescape(reference)
    title = heading(html)
    assert url in reference and title in reference and "GPT" in reference
    assert ("中文版" if lang == "zh" else "In English") in reference
    entry = html_module.unescape(re.search(r"<code>(.*?)</code>", body, re.S).group(1))
    assert entry.startswith("@misc{gpt-lineage-atlas-")
    assert bibtex_field(entry, "url") == url.replace("_", r"\_")
    assert bibtex_field(entry, "language") == {"zh": "chinese", "en": "english"}[lang]
    summary = re.search(r"<summary>(.*?)</summary>", body).group(1)
    assert summary == {"zh": "引用本页", "en": "Cite this page"}[lang]


def test_a_model_page_cites_its_records_name(site: Build) -> None:
    record = yaml.safe_load((ROOT / "data/models/davinci.yaml").read_text(encoding="utf-8"))
    for prefix in ("", "en/"):
        _, body = blocks(site.page(f"{prefix}models/davinci/"))[0]
        entry = html_module.unescape(re.search(r"<code>(.*?)</code>", body, re.S).group(1))
        assert bibtex_field(entry, "title") == "{" + record["name"] + "}"


def test_every_built_page_has_exactly_one_block(site: Build) -> None:
    pages = [p for p in site.site.rglob("index.html")]
    assert len(pages) > 100
    for page in pages:
        assert len(blocks(page.read_text(encoding="utf-8"))) == 1, page


def test_the_block_stays_out_of_search(site: Build) -> None:
    for index in site.site.glob("**/search/search_index.json"):
        text = json.loads(index.read_text(encoding="utf-8"))
        assert "@misc" not in json.dumps(text, ensure_ascii=False), index


HOSTILE = 'Evil {title} \\ 100% #1 & $x$ a_b ^ ~ </code></pre><img src=x onerror=alert(1)> "q"'


def test_a_hostile_title_stays_text_in_both_contexts() -> None:
    out = citation.block(HOSTILE, SITE_URL, "en/models/x/", "en", "GPT Lineage Atlas", 1767225600)
    assert "<img" not in out and "</code></pre><img" not in out
    entry = html_module.unescape(re.search(r"<code>(.*?)</code>", out, re.S).group(1))
    title = bibtex_field(entry, "title")[1:-1]
    assert title == (
        r"Evil \{title\} \textbackslash{} 100\% \#1 \& \$x\$ a\_b \^{} \~{} "
        r'</code></pre><img src=x onerror=alert(1)> "q"'
    )
    depth = 0
    for i, char in enumerate(entry):  # braces stay balanced: no field can end early
        if char in "{}" and (i == 0 or entry[i - 1] != "\\"):
            depth += 1 if char == "{" else -1
            assert depth >= 0
    assert depth == 0
    reference = html_module.unescape(re.search(r"atlas-cite__reference\">(.*?)</p>", out).group(1))
    assert HOSTILE in reference


def test_no_history_means_no_date() -> None:
    out = citation.block("t", SITE_URL, "models/x/", "zh", "GPT 演化图谱", None)
    assert "year =" not in out and "更新于" not in out
    dated = citation.block("t", SITE_URL, "models/x/", "zh", "GPT 演化图谱", 1767225600)
    assert (
        "year = {2026}" in dated
        and "date = {2026-01-01}" in dated
        and "更新于 2026年1月1日" in dated
    )


def test_keys_are_plain(tmp_path: Path) -> None:
    assert citation.key("gpt-lineage-atlas", "en/", "en") == "gpt-lineage-atlas-en"
    assert citation.key("gpt-lineage-atlas", "", "zh") == "gpt-lineage-atlas-zh"
    assert citation.key("s", "models/gpt-3.5-turbo/", "zh") == "s-zh-models-gpt-3-5-turbo"
