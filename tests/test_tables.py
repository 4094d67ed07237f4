"""Tables on the built site: real sort keys, chronological models, names not ids,
footnote markers kept apart, and paper titles with their gloss.

Built once with the real `mkdocs build --strict` (the `site` fixture); every
expectation is computed from the YAML files in data/.
"""

from __future__ import annotations

import re
from html import unescape

import pytest
import yaml

from atlas.vocabulary import FAMILIES, START_DATES
from conftest import ROOT, Build

DATA = ROOT / "data"
MODELS = "atlas-sortable atlas-models"
PAPERS = "atlas-sortable atlas-papers"


def records(kind: str) -> dict[str, dict]:
    return {
        p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))
        for p in sorted((DATA / kind).glob("*.yaml"))
    }


def first_date(model: dict) -> str | None:
    dates = [d["date"] for d in model.get("dates") or [] if d["kind"] in START_DATES]
    return min(dates) if dates else None


def body_rows(html: str, wrapper: str) -> list[str]:
    """The body rows of the table in the first div whose class attribute is `wrapper`."""
    start = html.index(f'class="{wrapper}"')
    table = html[start : html.index("</table>", start)]
    return re.findall(r"<tr>(.*?)</tr>", table[table.index("<tbody>") :], re.S)


def cells(row: str) -> list[str]:
    return re.findall(r"<td>(.*?)</td>", row, re.S)


def text(fragment: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", fragment)).strip()


def model_of(cell: str) -> str:
    return re.search(r'href="([^"/]+)/"', cell).group(1)


def sort_key(cell: str) -> str:
    return unescape(re.search(r'data-sort="([^"]*)"', cell).group(1))


@pytest.mark.parametrize("lang", ["", "en/"])
def test_models_list_opens_in_chronological_order(site: Build, lang: str) -> None:
    models = records("models")
    rows = [cells(r) for r in body_rows(site.page(f"{lang}models/"), MODELS)]
    shown = [model_of(r[0]) for r in rows]
    assert sorted(shown) == sorted(models)
    dated = [m for m in shown if first_date(models[m])]
    undated = [m for m in shown if not first_date(models[m])]
    assert undated, "the data has models with no known date; this test expects some"
    # Dated models first, in order of their first date; the undated ones last.
    assert shown == dated + undated
    dates = [first_date(models[m]) for m in dated]
    assert dates == sorted(dates)


def test_models_list_cells_carry_real_sort_keys(site: Build) -> None:
    models = records("models")
    for row in (cells(r) for r in body_rows(site.page("en/models/"), MODELS)):
        model = models[model_of(row[0])]
        assert sort_key(row[3]) == (first_date(model) or "")
        billions = (model.get("parameters") or {}).get("billions")
        assert (float(sort_key(row[4])) if sort_key(row[4]) else None) == billions
        tokens = (model.get("context_window") or {}).get("tokens")
        assert (float(sort_key(row[5])) if sort_key(row[5]) else None) == tokens
    # The heading of the column the rows come sorted by is named for the script.
    assert 'class="atlas-sortable atlas-models" data-sorted-by="3"' in site.page("en/models/")


def test_papers_list_sorts_by_publication_date(site: Build) -> None:
    papers = records("papers")
    rows = [cells(r) for r in body_rows(site.page("en/papers/"), PAPERS)]
    keys = [sort_key(r[1]) for r in rows]
    assert sorted(keys) == sorted(p["published"] for p in papers.values())
    assert keys == sorted(keys)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_families_show_as_names_not_ids(site: Build, lang: str) -> None:
    prefix = "" if lang == "zh" else "en/"
    models = records("models")
    used = {m["family"] for m in models.values()}
    assert used <= set(FAMILIES), "every family in data/ has a name"
    renamed = {f for f in used if FAMILIES[f].label[lang] != f}
    assert renamed, "some family ids differ from their names (gpt-3.5 → GPT-3.5)"
    # The models list's family column.
    for row in (cells(r) for r in body_rows(site.page(f"{prefix}models/"), MODELS)):
        family = models[model_of(row[0])]["family"]
        assert text(row[2]) == FAMILIES[family].label[lang]
    # The matrix's family filter.
    matrix = site.page(f"{prefix}capabilities/matrix/")
    labels = dict(
        re.findall(r'<input type="checkbox" value="([^"]+)"[^>]*> ([^<]+)</label>', matrix)
    )
    assert set(labels) == used
    for family, label in labels.items():
        assert unescape(label) == FAMILIES[family].label[lang]
    # A model page's fact table.
    mid, model = next((m, r) for m, r in models.items() if r["family"] in renamed)
    facts = site.page(f"{prefix}models/{mid}/")
    assert f"<td>{FAMILIES[model['family']].label[lang]}</td>" in facts
    assert f"<td>{model['family']}</td>" not in facts


def test_model_links_are_marked_to_stay_whole(site: Build) -> None:
    for row in body_rows(site.page("en/models/"), MODELS):
        for link in re.findall(r"<a [^>]*>", row):
            assert 'class="atlas-id"' in link
    assert "{ .atlas-id }" not in site.page("en/claims/")  # attr_list applied everywhere


def test_adjacent_footnote_markers_are_separated(site: Build) -> None:
    pages = sorted(site.site.rglob("*.html"))
    touching = [p for p in pages if re.search(r"</a></sup><sup id=\"fnref", p.read_text("utf-8"))]
    assert touching == []
    # A model with two sources cited in one place shows the separator between them.
    davinci = site.page("en/models/davinci/")
    assert re.search(r'</sup><sup class="atlas-fnsep">,</sup><sup id="fnref', davinci)
    # Markers with words between them get none.
    assert not re.search(r'[^>]<sup class="atlas-fnsep">', davinci)


def test_chinese_paper_pages_show_the_original_title_with_its_gloss(site: Build) -> None:
    for pid, paper in records("papers").items():
        page = site.page(f"papers/{pid}/")
        h1 = re.search(r'<h1 id="[^"]*" lang="en">(.*?)<a class="headerlink"', page, re.S)
        assert h1 and text(h1.group(1)) == " ".join(paper["title"]["en"].split()), pid
        gloss = re.search(
            r'<span class="atlas-gloss atlas-gloss--title" lang="zh">(.*?)</span>', page
        )
        assert gloss and " ".join(paper["title"]["zh"].split()) in text(gloss.group(1)), pid
        english = site.page(f"en/papers/{pid}/")
        assert "atlas-gloss" not in english.split('<article class="md-content__inner')[1]


def test_chinese_paper_list_shows_both_titles(site: Build) -> None:
    papers = records("papers")
    rows = [cells(r) for r in body_rows(site.page("papers/"), PAPERS)]
    assert len(rows) == len(papers)
    for row in rows:
        pid = model_of(row[0])
        title = text(row[0])
        assert title.startswith(" ".join(papers[pid]["title"]["en"].split()))
        assert title.endswith("（" + " ".join(papers[pid]["title"]["zh"].split()) + "）")


def test_table_styles_ship_with_the_site(site: Build) -> None:
    css = (site.site / "assets" / "atlas" / "tables.css").read_text(encoding="utf-8")
    assert "position: sticky" in css
    for lang in ("", "en/"):
        assert "assets/atlas/tables.css" in site.page(f"{lang}capabilities/matrix/")
