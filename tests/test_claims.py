"""Every claim checkable where it stands, and no capability absent without a source.

Expectations are read from the YAML records directly (which claims exist, their
grades and quotes, which observations say "absent"), never from the program's own
output; the built pages and exports are then checked against them.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, Build

BADGE = re.compile(r'<a class="([^"]*)footnote-ref" href="#(_claim-[^"]+)"')
BLOCK = re.compile(r'<div class="atlas-claim" data-grade="(\w+)" id="([^"]+)">(.*?)\n</div>', re.S)
CELL = re.compile(r'class="atlas-cell atlas-cell--([a-z-]+)[^"]*"')


def records(root: Path, kind: str) -> dict[str, dict]:
    return {
        p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))
        for p in sorted((root / "data" / kind).glob("*.yaml"))
    }


def claims_in_data(root: Path) -> dict[str, tuple[str, list[dict]]]:
    """key → (grade, citations), read from the records as a contributor wrote them."""
    found: dict[str, tuple[str, list[dict]]] = {}
    for mid, model in records(root, "models").items():
        for edge in model.get("parents") or []:
            found[f"edge:{mid}:{edge['model']}"] = (edge["grade"], edge["sources"])
            for effect in edge.get("effects") or []:
                key = f"effect:{mid}:{edge['model']}:{effect['capability']}"
                found[key] = (effect["grade"], effect["sources"])
        for seen in model.get("capabilities") or []:
            found[f"observation:{mid}:{seen['capability']}"] = (seen["grade"], seen["sources"])
    for cid, cap in records(root, "capabilities").items():
        for origin in cap["origins"]:
            found[f"origin:{cid}:{origin['model']}"] = (origin["grade"], origin["sources"])
    return found


def pages(site: Path) -> Iterator[tuple[Path, str]]:
    for path in sorted(site.rglob("*.html")):
        yield path, path.read_text(encoding="utf-8")


def text_of(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


@pytest.fixture(params=["mini", "real"])
def built(request: pytest.FixtureRequest) -> Build:
    return request.getfixturevalue("mini_site" if request.param == "mini" else "site")


def test_every_badge_opens_its_evidence_on_the_same_page(built: Build) -> None:
    badges = 0
    for path, page in pages(built.site):
        blocks = {anchor: grade for grade, anchor, _ in BLOCK.findall(page)}
        for classes, anchor in BADGE.findall(page):
            badges += 1
            assert anchor in blocks, (path, anchor)
            grade = re.search(r"atlas-grade--(\w+)", classes)
            if grade:  # a grade badge shows the grade of the claim it opens
                assert grade.group(1) == blocks[anchor], (path, anchor)
    assert badges > 0


def test_a_badge_is_the_citation_with_no_footnote_markers_after_it(built: Build) -> None:
    # The block a badge opens lists the claim's sources; markers after the badge would
    # repeat them, each one another tooltip for Material to set up on page load.
    followed = re.compile(r'footnote-ref" href="#_claim-[^"]+"[^>]*>[^<]*</a>\s*<sup id="fnref')
    for path, page in pages(built.site):
        assert not followed.search(page), path
    # Text that is not a badge still cites its sources with footnotes.
    davinci = (built.site / "en" / "models" / "davinci" / "index.html").read_text("utf-8")
    assert '<sup id="fnref' in davinci


@pytest.mark.parametrize("lang", ["", "en/"])
def test_the_lineage_as_text_links_every_edge_grade_to_its_block(built: Build, lang: str) -> None:
    # Every edge in the data is a row of the whole lineage's text version. Its grade
    # links to the edge's block on the page, without Material's tooltip (no
    # `footnote-ref`): one per edge cost a phone about 80 ms of blocking time at load.
    edges = [
        grade for key, (grade, _) in claims_in_data(built.root).items() if key.startswith("edge:")
    ]
    page = (built.site / lang / "lineage" / "index.html").read_text(encoding="utf-8")
    text_version = re.search(r'<details class="abstract">(.*?)</details>', page, re.S)
    assert text_version, "no text version under the drawing"
    links = re.findall(
        r'<a class="atlas-grade atlas-grade--(\w+)" href="#(_claim-[^"]+)"', text_version.group(1)
    )
    assert sorted(grade for grade, _ in links) == sorted(edges)
    blocks = {anchor: grade for grade, anchor, _ in BLOCK.findall(page)}
    for grade, anchor in links:
        assert blocks[anchor] == grade, anchor
    assert "footnote-ref" not in text_version.group(1)


def test_claims_export_lists_every_claim_in_the_data(built: Build) -> None:
    exported = json.loads((built.site / "api" / "claims.json").read_text(encoding="utf-8"))
    wanted = claims_in_data(built.root)
    assert {c["id"] for c in exported} == set(wanted)
    for claim in exported:
        grade, citations = wanted[claim["id"]]
        assert claim["grade"] == grade
        assert [c.get("quote") for c in claim["sources"]] == [c.get("quote") for c in citations]
        for cited, written in zip(claim["sources"], citations, strict=True):
            if written.get("archive_url"):  # the version the quote comes from comes first
                assert cited["archive_url"] == written["archive_url"]
        for cited in claim["sources"]:
            if "paper" not in cited:  # a web page: a source record or an address
                assert cited["archive_url"].startswith("https://"), cited


@pytest.mark.parametrize("lang", ["", "en/"])
def test_claims_page_shows_every_claim_with_its_quotes(built: Build, lang: str) -> None:
    page = (built.site / lang / "claims" / "index.html").read_text(encoding="utf-8")
    blocks = {anchor: (grade, body) for grade, anchor, body in BLOCK.findall(page)}
    for key, (grade, citations) in claims_in_data(built.root).items():
        assert f"claim:{key}" in blocks, key
        shown_grade, body = blocks[f"claim:{key}"]
        assert shown_grade == grade
        for citation in citations:
            if citation.get("quote"):
                assert " ".join(citation["quote"].split()) in text_of(body), key
            if citation.get("locator"):
                assert " ".join(citation["locator"].split()) in text_of(body), key
            if citation.get("archive_url"):
                assert f'href="{html.escape(citation["archive_url"])}"' in body, key
    # The grade filter is there for JavaScript to show; without it every claim shows.
    assert re.search(r'<form class="atlas-filter" data-atlas-filter="grade" hidden>', page)


def test_official_and_paper_claims_carry_quote_and_locator(site: Build) -> None:
    """The rule the validator enforces, checked on the data the site was built from."""
    models = records(ROOT, "models")
    sources = records(ROOT, "sources")
    for key, (grade, citations) in claims_in_data(ROOT).items():
        subject = key.split(":")[2] if key.startswith("origin:") else key.split(":")[1]
        organization = models[subject]["organization"]
        if grade == "official":
            assert any(
                "source" in c
                and sources[c["source"]]["primary"]
                and sources[c["source"]]["publisher"] == organization
                and c.get("quote")
                and c.get("locator")
                for c in citations
            ), key
        elif grade == "paper":
            assert any("paper" in c and c.get("quote") and c.get("locator") for c in citations), key


def absent_in_data(root: Path) -> set[tuple[str, str]]:
    return {
        (mid, seen["capability"])
        for mid, model in records(root, "models").items()
        for seen in model.get("capabilities") or []
        if seen["status"] == "absent"
    }


def test_the_matrix_is_open_world(built: Build) -> None:
    matrix = json.loads((built.site / "api" / "capability-matrix.json").read_text(encoding="utf-8"))
    assert set(matrix["states"]) == {
        "gained",
        "strengthened",
        "weakened",
        "lost",
        "inherited",
        "absent",
        "not-recorded",
    }
    absent = {
        (mid, cid)
        for mid, row in matrix["models"].items()
        for cid, cell in row.items()
        if cell["state"] == "absent"
    }
    assert absent == absent_in_data(built.root)
    for mid, row in matrix["models"].items():
        for cid, cell in row.items():
            assert (cell["claim"] is None) == (cell["state"] == "not-recorded"), (mid, cid)
    # What the page says: "absent" only where a source says so, in either language.
    for lang, word in (("", "不具备"), ("en/", "absent")):
        page = (built.site / lang / "capabilities" / "matrix" / "index.html").read_text(
            encoding="utf-8"
        )
        table = page[page.index("<table") : page.index("</table>")]
        cells = CELL.findall(table)
        assert cells.count("absent") == len(absent)
        assert table.count(f">{word}<") == len(absent)


def test_unrecorded_capabilities_are_not_called_absent(site: Build) -> None:
    """The cases issue 14 found: models nobody recorded as lacking these abilities."""
    matrix = json.loads((site.site / "api" / "capability-matrix.json").read_text("utf-8"))
    recorded = absent_in_data(ROOT)
    cases = [
        ("gpt-3-1.3b-pretrain", "language-generation"),
        ("instructgpt-1.3b", "language-generation"),
        ("instructgpt-6b", "language-generation"),
        ("curie", "in-context-learning"),
        ("babbage", "in-context-learning"),
    ]
    for mid, cid in cases:
        state = matrix["models"][mid][cid]["state"]
        assert state != "absent" or (mid, cid) in recorded, (mid, cid, state)


def test_matrix_cells_open_the_claim_behind_them(built: Build) -> None:
    matrix = json.loads((built.site / "api" / "capability-matrix.json").read_text(encoding="utf-8"))
    wanted = claims_in_data(built.root)
    page = (built.site / "capabilities" / "matrix" / "index.html").read_text(encoding="utf-8")
    table = page[page.index("<table") : page.index("</table>")]
    linked = re.findall(r'<a class="atlas-cell atlas-cell--([a-z-]+) footnote-ref"', table)
    plain = re.findall(r'<span class="atlas-cell atlas-cell--([a-z-]+)"', table)
    states = [cell["state"] for row in matrix["models"].values() for cell in row.values()]
    assert sorted(linked) == sorted(s for s in states if s != "not-recorded")
    assert plain == [s for s in states if s == "not-recorded"]
    for row in matrix["models"].values():
        for cell in row.values():
            assert cell["claim"] is None or cell["claim"] in wanted
    # The matrix opens on the GPT-3.5 family: its box is the only one ticked.
    form = re.search(
        r'<form class="atlas-filter" data-atlas-filter="family" hidden>.*?</form>', page
    )
    assert form is not None
    assert re.findall(r'value="([^"]+)" checked', form.group(0)) == ["gpt-3.5"]
