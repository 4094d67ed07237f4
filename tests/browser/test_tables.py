"""Tables in a real browser: sorting by date and size, the matrix's sticky header
and first column, no sideways page overflow on a phone, ids kept on one line.

Expected orders are computed from data/models/*.yaml, never from the page.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect

from atlas.vocabulary import START_DATES

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
TABLE = ".atlas-models table"


def models() -> dict[str, dict]:
    return {
        p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))
        for p in sorted((ROOT / "data" / "models").glob("*.yaml"))
    }


def first_date(model: dict) -> str | None:
    dates = [d["date"] for d in model.get("dates") or [] if d["kind"] in START_DATES]
    return min(dates) if dates else None


def shown_models(page) -> list[str]:
    """The model ids of the list's rows, top to bottom (from each row's link)."""
    return page.eval_on_selector_all(
        f"{TABLE} tbody tr td:first-child a",
        "links => links.map(a => a.getAttribute('href').replace(/\\/$/, ''))",
    )


def open_models(page, base_url: str) -> None:
    page.goto(base_url + "en/models/")
    expect(page.locator(f"{TABLE}[data-sortable]")).to_be_visible()


def sort_button(page, column: int):
    return page.locator(f"{TABLE} thead th").nth(column).locator("button")


def test_models_open_chronologically_and_date_sort_is_by_real_dates(page, base_url) -> None:
    data = models()
    open_models(page, base_url)
    heading = page.locator(f"{TABLE} thead th").nth(3)
    expect(heading).to_have_attribute("aria-sort", "ascending")
    dated = sorted((m for m in data if first_date(data[m])), key=lambda m: first_date(data[m]))
    dates = [first_date(data[m]) for m in shown_models(page) if first_date(data[m])]
    assert dates == [first_date(data[m]) for m in dated]
    # A click reverses it: latest first, models with no date still last.
    sort_button(page, 3).click()
    expect(heading).to_have_attribute("aria-sort", "descending")
    shown = shown_models(page)
    undated = {m for m in data if not first_date(data[m])}
    assert set(shown[len(shown) - len(undated) :]) == undated
    dates = [first_date(data[m]) for m in shown[: len(shown) - len(undated)]]
    assert dates == sorted(dates, reverse=True)
    # "1 March 2023" is later than "2 September 2020", whatever the words say.
    assert dates[0] > "2023"


def test_parameter_sort_is_numeric(page, base_url) -> None:
    data = models()
    open_models(page, base_url)
    heading = page.locator(f"{TABLE} thead th").nth(4)
    sort_button(page, 4).click()
    expect(heading).to_have_attribute("aria-sort", "ascending")

    def sizes() -> list[float | None]:
        return [(data[m].get("parameters") or {}).get("billions") for m in shown_models(page)]

    known = [b for b in sizes() if b is not None]
    assert known == sorted(
        b for m in data if (b := (data[m].get("parameters") or {}).get("billions")) is not None
    )
    assert all(b is None for b in sizes()[len(known) :])  # unknown sizes last
    sort_button(page, 4).click()
    expect(heading).to_have_attribute("aria-sort", "descending")
    known = [b for b in sizes() if b is not None]
    assert known == sorted(known, reverse=True)
    assert known[0] > 175 > known[-1]  # 540B above 175B above 350M, not 540, 400, 350, 340, 175
    assert all(b is None for b in sizes()[len(known) :])


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_matrix_header_row_and_first_column_stay_visible(page, base_url, scheme) -> None:
    page.emulate_media(color_scheme=scheme)
    page.goto(base_url + "en/capabilities/matrix/")
    page.locator("[data-atlas-all]").click()  # every family: a long, wide matrix
    box = page.locator(".atlas-matrix .md-typeset__scrollwrap")
    expect(box).to_be_visible()
    box.scroll_into_view_if_needed()
    header = page.locator(".atlas-matrix thead th").nth(1)
    corner = page.locator(".atlas-matrix thead th").first
    frame = box.bounding_box()
    assert box.evaluate("e => e.scrollHeight > e.clientHeight && e.scrollWidth > e.clientWidth")
    box.evaluate("e => { e.scrollTop = 600; e.scrollLeft = 400; }")
    page.wait_for_function(
        "e => e.scrollTop > 0 && e.scrollLeft > 0", arg=box.element_handle(), polling="raf"
    )
    # The header row is still at the top of the box, the model column at its left.
    assert abs(header.bounding_box()["y"] - frame["y"]) <= 2
    assert abs(corner.bounding_box()["x"] - frame["x"]) <= 2
    row = page.locator(".atlas-matrix tbody tr:not([hidden])").nth(12)
    first_cell = row.locator("td").first
    assert abs(first_cell.bounding_box()["x"] - frame["x"]) <= 2
    # What stays in place is opaque: rows scroll under it, not through it.
    background = header.evaluate("e => getComputedStyle(e).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")


@pytest.mark.parametrize(
    "url", ["models/", "en/models/", "capabilities/matrix/", "en/capabilities/matrix/"]
)
def test_no_page_level_overflow_on_a_phone(browser, base_url, url, output_dir) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(base_url + url)
        expect(page.locator(".atlas-sortable table[data-sortable]")).to_be_visible()
        widths = page.evaluate(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert widths[0] <= widths[1], widths
        # The table itself scrolls sideways inside its wrapper, which shows a cue.
        wrap = page.locator(".atlas-sortable .md-typeset__scrollwrap").first
        assert wrap.evaluate("e => e.scrollWidth > e.clientWidth")
        assert "radial-gradient" in wrap.evaluate("e => getComputedStyle(e).backgroundImage")
        page.screenshot(
            path=str(output_dir / f"tables-phone-{url.strip('/').replace('/', '-')}.png")
        )
    finally:
        context.close()


def test_model_ids_stay_on_one_line(browser, base_url) -> None:
    """A hyphenated id never wraps inside its cell: each link is one line box."""
    hyphenated = [m for m, r in models().items() if "-" in r["name"]]
    assert hyphenated
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(base_url + "en/models/")
        expect(page.locator(f"{TABLE}[data-sortable]")).to_be_visible()
        lines = page.eval_on_selector_all(
            f"{TABLE} td a.atlas-id",
            "links => links.map(a => [a.getAttribute('href'), a.getClientRects().length,"
            " a.getBoundingClientRect().height, parseFloat(getComputedStyle(a).lineHeight)])",
        )
        assert {href.rstrip("/") for href, *_ in lines} >= set(hyphenated)
        for href, boxes, height, line in lines:
            assert boxes == 1, href
            assert height <= line + 1, href
    finally:
        context.close()
