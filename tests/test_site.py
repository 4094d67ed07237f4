"""The built site: generated pages in both languages, links, switcher, exports.

Built with the real `mkdocs build --strict`; the small fixture dataset keeps the
exact checks stable, and the real dataset is checked for completeness.
"""

from __future__ import annotations

import csv
import io
import json
import re
from html import unescape
from pathlib import Path

import yaml

from conftest import ROOT, Build

KINDS_WITH_PAGES = ("models", "papers", "methods", "capabilities")


def records(data: Path, kind: str) -> dict[str, dict]:
    return {
        p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))
        for p in sorted((data / kind).glob("*.yaml"))
    }


def hrefs(html: str) -> list[str]:
    return re.findall(r'href="([^"]+)"', html)


def test_strict_build_has_no_warnings(mini_site: Build) -> None:
    assert mini_site.warnings == []


def heading(html: str) -> str:
    """The text of the page's one <h1>, in the article (not the title, nav or header)."""
    article = html[html.index('<article class="md-content__inner') :]
    found = re.findall(r"<h1[^>]*>(.*?)</h1>", article, re.S)
    assert len(found) == 1, found
    text = re.sub(r'<a class="headerlink".*?</a>', "", found[0])
    return unescape(re.sub(r"<[^>]+>", "", text)).strip()


def test_a_page_per_record_in_both_languages(mini_site: Build) -> None:
    data = mini_site.root / "data"
    for kind in KINDS_WITH_PAGES:
        for rid, record in records(data, kind).items():
            for prefix in ("", "en/"):
                html = mini_site.page(f"{prefix}{kind}/{rid}/")
                lang = "en" if prefix else "zh"
                assert f'<html lang="{lang}"' in html
                if kind == "models":
                    assert heading(html) == record["name"]
                elif kind == "methods" and record.get("abbr"):
                    assert heading(html) in (
                        record["name"][lang],
                        f"{record['name'][lang]} ({record['abbr']})",
                    )
                elif kind == "papers":  # the original title heads both languages' pages
                    assert heading(html) == record["title"]["en"]
                else:
                    assert heading(html) == record["name"][lang]


def test_language_switcher_points_at_the_twin(mini_site: Build) -> None:
    zh = mini_site.page("models/text-davinci-002/")
    en = mini_site.page("en/models/text-davinci-002/")
    assert re.search(r'href="[^"]*en/models/text-davinci-002/"[^>]*hreflang="en"', zh)
    assert re.search(r'href="[^"]*models/text-davinci-002/"[^>]*hreflang="zh"', en)


def test_model_page_links_parents_children_papers_methods(mini_site: Build) -> None:
    html = mini_site.page("models/text-davinci-002/")
    links = hrefs(html)
    assert "../code-davinci-002/" in links  # parent
    assert "../text-davinci-003/" in links  # child
    assert "../../methods/feedme/" in links  # the method on the edge
    assert "../../capabilities/in-context-learning/" in links
    davinci = hrefs(mini_site.page("en/models/davinci/"))
    assert "../../papers/2005.14165/" in davinci
    assert "https://arxiv.org/abs/2005.14165" in davinci


def test_per_record_pages_stay_out_of_the_navigation(mini_site: Build) -> None:
    html = mini_site.page("models/")
    nav = re.search(r'<nav class="md-nav md-nav--primary.*?</nav>', html, re.S).group(0)
    assert "models/davinci/" not in nav and "papers/2005.14165/" not in nav


def test_diagrams_are_inline_svg_with_links_in_the_same_language(mini_site: Build) -> None:
    for prefix in ("", "en/"):
        html = mini_site.page(f"{prefix}models/code-davinci-002/")
        svg = re.search(r'<figure class="atlas-diagram".*?</figure>', html, re.S).group(0)
        page_dir = mini_site.site / prefix / "models" / "code-davinci-002"
        language_root = (mini_site.site / prefix).resolve()
        linked = set()
        for target in re.findall(r'xlink:href="([^"]+)"', svg):
            resolved = (page_dir / target / "index.html").resolve()
            assert resolved.is_file(), target
            assert resolved.parent.parent.parent == language_root  # same language
            linked.add(resolved.parent.name)
        assert {"davinci", "code-davinci-002", "text-davinci-002"} <= linked


def test_diagram_text_stays_out_of_the_search_index(mini_site: Build) -> None:
    for index in ("search/search_index.json", "en/search/search_index.json"):
        text = (mini_site.site / index).read_text(encoding="utf-8")
        assert "%3" not in text and "around_" not in text and "year-20" not in text


def test_article_gets_shortcodes_citations_and_hover_definitions(mini_site: Build) -> None:
    html = mini_site.page("")
    assert '<figure class="atlas-diagram"' in html
    assert "https://arxiv.org/abs/2005.14165" in html  # footnote generated from the paper record
    term = r'<a class="atlas-term footnote-ref" href="glossary/#_term-in-context-learning"'
    assert re.search(term + r"[^>]*>上下文学习</a>", html)
    assert 'id="_term-in-context-learning"' in html  # the definition the tooltip shows
    en = mini_site.page("en/")
    assert re.search(term + r"[^>]*>in-context learning</a>", en, re.I)


def test_exports(mini_site: Build) -> None:
    api = mini_site.site / "api"
    dataset = json.loads((api / "dataset.json").read_text(encoding="utf-8"))
    data = mini_site.root / "data"
    assert set(dataset["models"]) == set(records(data, "models"))
    assert dataset["models"]["davinci"]["parameters"]["billions"] == 175
    models = json.loads((api / "models.json").read_text(encoding="utf-8"))
    assert models == dataset["models"]
    rows = list(csv.DictReader(io.StringIO((api / "models.csv").read_text(encoding="utf-8"))))
    assert {r["id"] for r in rows} == set(models)
    turbo = next(r for r in rows if r["id"] == "gpt-3.5-turbo")
    assert turbo["product_names"] == "ChatGPT" and turbo["parents"] == "text-davinci-003"
    matrix = json.loads((api / "capability-matrix.json").read_text(encoding="utf-8"))
    assert matrix["models"]["davinci"]["in-context-learning"] == {
        "state": "gained",
        "claim": "origin:in-context-learning:davinci",
    }


def test_real_site_builds_strict_and_covers_every_record(site: Build) -> None:
    assert site.warnings == []
    for kind in KINDS_WITH_PAGES:
        for rid in records(ROOT / "data", kind):
            assert (site.site / kind / rid / "index.html").is_file(), (kind, rid)
            assert (site.site / "en" / kind / rid / "index.html").is_file(), (kind, rid)
    for page in ("glossary/", "limitations/", "sources/", "lineage/", "capabilities/matrix/"):
        assert (site.site / page / "index.html").is_file()
        assert (site.site / "en" / page / "index.html").is_file()
