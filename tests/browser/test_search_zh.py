"""Chinese search in a real browser, query side included: a name typed as a whole
matches as a whole, a record's own page ranks above the papers that name it, and
the labels on the results are Chinese.

Material segments a Chinese query by greedy longest match over the index's terms
(see hooks/atlas/search.py). Names and ids come from the data files.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from .helpers import search

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
HAN_WORD = re.compile(r"[\u3400-\u9fff]{2,}")


def record(kind: str, rid: str) -> dict:
    return yaml.safe_load((ROOT / "data" / kind / f"{rid}.yaml").read_text(encoding="utf-8"))


def own_entries() -> dict[str, set[str]]:
    """Chinese name → the site's entries about that record (pages or glossary anchors)."""
    own: dict[str, set[str]] = {}
    for kind in ("capabilities", "methods", "limitations"):
        for path in sorted((ROOT / "data" / kind).glob("*.yaml")):
            name = record(kind, path.stem)["name"]["zh"]
            at = f"/{kind}/{path.stem}/" if kind != "limitations" else f"/{kind}/#{path.stem}"
            own.setdefault(name, set()).add(at)
    for path in sorted((ROOT / "data" / "glossary").glob("*.yaml")):
        term = record("glossary", path.stem)
        for name in [term["term"]["zh"], *(term.get("aliases") or {}).get("zh", [])]:
            own.setdefault(name, set()).add(f"/glossary/#{path.stem}")
    return own


def search_from_home(page, base_url: str, query: str) -> list[str]:
    page.goto(base_url)
    results = search(page, query)
    assert results, f"no results for {query!r}"
    return results


def test_a_whole_capability_name_finds_the_capability_first(page, base_url) -> None:
    """上下文学习 used to be cut into 上下文 + 学, and GPT-2's 学习者 ranked first."""
    name = record("capabilities", "in-context-learning")["name"]["zh"]
    results = search_from_home(page, base_url, name)
    assert results[0] == "/capabilities/in-context-learning/", results[:5]


@pytest.mark.parametrize(
    ("kind", "rid"),
    [
        ("glossary", "chain-of-thought"),  # 思维链
        ("glossary", "alignment-tax"),  # 对齐税
        ("methods", "instruction-tuning"),  # 指令微调
        ("glossary", "reward-model"),
        ("glossary", "emergent-ability"),
        ("capabilities", "chain-of-thought-reasoning"),
    ],
)
def test_a_records_own_entry_ranks_above_papers(page, base_url, kind, rid) -> None:
    data = record(kind, rid)
    name = (data.get("name") or data.get("term"))["zh"]
    own = own_entries()[name]
    results = search_from_home(page, base_url, name)
    ranks = [i for i, r in enumerate(results) if r in own]
    papers = [i for i, r in enumerate(results) if r.startswith("/papers/") and r != "/papers/"]
    assert ranks, (name, own, results[:8])
    assert not papers or ranks[0] < papers[0], (name, results[:8])


def test_every_record_name_is_one_query_term(page, base_url) -> None:
    """The query side: each Chinese name reaches the index as the terms jieba made of it.

    Drives the site's own search worker, with the site's own index, the way Material
    does, and reads back the query terms the worker matched. A name jieba keeps whole
    (the dictionary from the data) must come back whole, not cut short.
    """
    page.goto(base_url)
    words = sorted({w for name in own_entries() for w in HAN_WORD.findall(name)})
    terms = page.evaluate(
        """async (words) => {
          const config = JSON.parse(document.getElementById("__config").textContent)
          const base = new URL(config.base, location.href)
          const index = await (await fetch(new URL("search/search_index.json", base))).json()
          const worker = new Worker(new URL(config.search, location.href))
          const ask = message => new Promise(resolve => {
            worker.onmessage = event => resolve(event.data)
            worker.postMessage(message)
          })
          // Material's messages: 0 set up, 1 ready, 2 query, 3 result.
          await ask({type: 0, data: {config: index.config, docs: index.docs, options: {}}})
          const terms = {}
          for (const word of words) {
            const result = await ask({type: 2, data: word})
            terms[word] = [...new Set(result.data.items.flat().flatMap(i => Object.keys(i.terms)))]
          }
          worker.terminate()
          return terms
        }""",
        words,
    )
    assert len(words) > 30
    split = {word: found for word, found in terms.items() if found != [word]}
    assert split == {}


def test_result_labels_on_the_chinese_site_are_chinese(page, base_url) -> None:
    """A query that finds papers: their result labels are Chinese, not 'GPT-2 paper'."""
    short_names = {
        record("papers", path.stem).get("short_name")
        for path in (ROOT / "data" / "papers").glob("*.yaml")
    } - {None}
    # "Paper": every paper page's text says it (its sources, its model table), so
    # papers fill the results whatever their labels are.
    results = search_from_home(page, base_url, "论文")
    assert sum(r.startswith("/papers/") for r in results) >= 3, results[:8]
    items = page.locator("li.md-search-result__item")
    labels = items.locator(".md-tag").all_text_contents()
    paper_items = items.filter(has=page.locator("a[href*='/papers/']"))
    paper_labels = paper_items.locator(".md-tag").all_text_contents()
    assert paper_labels, "paper results carry no label"
    assert not set(labels) & short_names, labels
    assert all(HAN_WORD.fullmatch(label.strip()) for label in paper_labels), paper_labels
    assert page.locator("html").get_attribute("lang") == "zh"
