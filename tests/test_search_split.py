"""Search stays in the reader's language: one index per language, found from every page."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from urllib.parse import urljoin

import material
import pytest
import yaml

from atlas import search

ROOT = Path(__file__).resolve().parent.parent

OPEN = '<script id="__config" type="application/json">'


def config_base(page_html: str) -> str:
    start = page_html.index(OPEN) + len(OPEN)
    return json.loads(page_html[start : page_html.index("</script>", start)])["base"]


def test_localized_base_resolves_to_the_language_index() -> None:
    """The browser fetches new URL("search/search_index.json", base)."""
    for page_url, base in (("http://x/en/", ".."), ("http://x/en/models/davinci/", "../../..")):
        html = f'{OPEN}{{"base": "{base}"}}</script>'
        new_base = urljoin(page_url, config_base(search.localize_base(html, "en")))
        assert (
            urljoin(new_base, "search/search_index.json") == "http://x/en/search/search_index.json"
        )


def test_config_stays_html_safe() -> None:
    """Material escapes < > & in the config; the rewritten config must too."""
    html = OPEN + '{"base": ".", "x": "\\u003c/b\\u003e \\u0026"}</script>'
    out = search.localize_base(html, "en")
    assert "</b>" not in out and config_base(out) == "en/"


def test_user_dictionary_keeps_domain_terms_whole(tmp_path) -> None:
    from atlas.validate import validate
    from conftest import mini_project

    dataset, _ = validate(mini_project(tmp_path / "p"))
    words = search.dictionary_words(dataset)
    assert "思维链" in words and "上下文学习" in words
    assert all(len(word) >= 2 for word in words)


# -- Chinese on the query side: Material's segmenter, mended ------------------------

MATERIAL_WORKERS = Path(material.__file__).parent / "templates/assets/javascripts/workers"


def installed_worker() -> str:
    (path,) = MATERIAL_WORKERS.glob("search.*.min.js")
    return path.read_text(encoding="utf-8")


def test_the_segmenter_fix_applies_once_to_materials_worker() -> None:
    """The loop that stopped before a query's last character now reaches it."""
    script = installed_worker()
    fixed = search.fix_segmenter(script)
    changed = [i for i, (a, b) in enumerate(zip(script, fixed, strict=True)) if a != b]
    assert changed, "nothing was fixed"
    # Same length, one place: the worker's source map stays true.
    assert changed[-1] - changed[0] < 40
    assert "<=t.length;)" in fixed[changed[0] - 20 : changed[-1] + 20]
    assert search.fix_segmenter(fixed) == fixed  # a dirty rebuild finds it fixed


def test_an_unknown_worker_stops_the_build() -> None:
    """A new Material version must be looked at, not silently shipped unfixed."""
    with pytest.raises(ValueError, match="segmenter"):
        search.fix_segmenter("function fe(t,e){return new Set([t])}")


def test_the_site_ships_the_fixed_worker(site) -> None:
    (shipped,) = (site.site / "assets/javascripts/workers").glob("search.*.min.js")
    text = shipped.read_text(encoding="utf-8")
    assert text != installed_worker()
    assert text == search.fix_segmenter(installed_worker())


# -- the index the query is matched against ------------------------------------------

HAN = re.compile(r"[\u3400-\u9fff]{2,}")


def record_names() -> dict[str, str]:
    """Each record's Chinese name (and glossary aliases), from the data: its own entry."""
    names: dict[str, str] = {}
    for kind, key in (("capabilities", "name"), ("methods", "name"), ("limitations", "name")):
        for path in sorted((ROOT / "data" / kind).glob("*.yaml")):
            rid = path.stem
            where = f"{kind}/{rid}/" if kind in ("capabilities", "methods") else f"{kind}/#{rid}"
            names[yaml.safe_load(path.read_text(encoding="utf-8"))[key]["zh"]] = where
    for path in sorted((ROOT / "data" / "glossary").glob("*.yaml")):
        term = yaml.safe_load(path.read_text(encoding="utf-8"))
        for name in [term["term"]["zh"], *(term.get("aliases") or {}).get("zh", [])]:
            names.setdefault(name, f"glossary/#{path.stem}")
    return names


def zh_index(site) -> dict:
    return json.loads((site.site / "search" / "search_index.json").read_text(encoding="utf-8"))


def test_jieba_keeps_record_names_whole_in_the_index(site) -> None:
    """The query side can only match a name as one term if the index holds it whole."""
    index = zh_index(site)
    separator = re.compile(index["config"]["separator"])
    tokens = {
        token
        for doc in index["docs"]
        for field in ("title", "text")
        for token in separator.split(re.sub(r"<[^>]+>", " ", doc[field]))
    }
    words = {word for name in record_names() for word in HAN.findall(name)}
    assert len(words) > 30
    assert sorted(words - tokens) == []


def test_record_entries_are_boosted_and_papers_are_not(site) -> None:
    index = zh_index(site)
    boost = {doc["location"]: doc.get("boost", 1) for doc in index["docs"]}
    for where in record_names().values():
        assert boost[where] > 1, where
    papers = [loc for loc in boost if loc.startswith("papers/")]
    assert papers and all(boost[loc] == 1 for loc in papers)


def test_paper_labels_are_in_the_pages_language(site) -> None:
    """Material shows a page's tags on its search results: 'GPT-2 paper' is English."""
    short_names = {
        yaml.safe_load(path.read_text(encoding="utf-8")).get("short_name")
        for path in (ROOT / "data" / "papers").glob("*.yaml")
    } - {None}
    assert short_names
    for prefix, expect_english in (("", False), ("en/", True)):
        index = json.loads((site.site / prefix / "search" / "search_index.json").read_text("utf-8"))
        paper_tags = [
            tag
            for doc in index["docs"]
            if doc["location"].startswith("papers/") and doc["location"] != "papers/"
            for tag in doc.get("tags") or []
        ]
        assert paper_tags
        english = {tag for tag in paper_tags if tag in short_names}
        if expect_english:
            assert english == short_names
        else:
            assert not english
            assert all(HAN.fullmatch(tag) for tag in paper_tags), set(paper_tags)


# -- What search leaves out ------------------------------------------------------


def en_index(site) -> list[dict]:
    path = site.site / "en" / "search" / "search_index.json"
    return json.loads(path.read_text(encoding="utf-8"))["docs"]


def plain(fragment: str) -> str:
    """Text without tags or character references, whitespace collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def test_evidence_is_searchable_once_on_the_claims_page(site) -> None:
    """A page's evidence (mostly quotes about other models) stays out of its results;
    the claims page, where every claim stands once, keeps them findable."""
    docs = en_index(site)
    assert not [doc["location"] for doc in docs if "#_evidence" in doc["location"]]
    page = site.page("en/models/davinci/")
    evidence = page[page.index('id="_evidence"') :]
    quotes = [plain(q) for q in re.findall(r"<blockquote[^>]*>(.*?)</blockquote>", evidence, re.S)]
    assert len(quotes) >= 3
    for quote in quotes:
        words = " ".join(quote.split()[:8])
        where = [d["location"] for d in docs if words in plain(d["text"])]
        assert not [loc for loc in where if loc.startswith("models/")], words
        assert [loc for loc in where if loc.startswith("claims/")], words


def test_hover_definitions_stay_out_of_an_articles_results(site) -> None:
    docs = en_index(site)
    checked = 0
    for path in sorted((site.site / "en" / "articles").glob("*/index.html")):
        page = path.read_text(encoding="utf-8")
        block = re.search(r'<aside class="atlas-term-definitions"[^>]*>(.*?)</aside>', page, re.S)
        if not block:
            continue
        url = f"articles/{path.parent.name}/"
        text = " ".join(d["text"] for d in docs if d["location"].startswith(url))
        for definition in re.findall(r"</strong></p><p>(.*?)</p>", block.group(1)):
            assert plain(definition)[:60] not in plain(text), (url, definition)
            checked += 1
    assert checked >= 10
