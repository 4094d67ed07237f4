"""Every claim checkable in one hover, tap or keyboard focus; the matrix and the claims
page filter as they promise.

Quotes, grades and families are read from the YAML records; the tests wait on the
DOM (a tooltip becoming active, a hash changing), never on time.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]


def models() -> dict[str, dict]:
    return {
        p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))
        for p in sorted((ROOT / "data" / "models").glob("*.yaml"))
    }


def quoted_edge() -> tuple[str, str]:
    """An official edge whose quote a reader should see: (model id, the quote)."""
    for mid, model in models().items():
        for edge in model.get("parents") or []:
            if edge["grade"] == "official":
                quote = next(c["quote"] for c in edge["sources"] if c.get("quote"))
                return mid, " ".join(quote.split())
    raise AssertionError("no official edge in data/models/")


def badge_for(page, quote: str):
    """The first badge on the page that opens the evidence block holding `quote`."""
    block = page.locator(".atlas-evidence .atlas-claim", has_text=quote).first
    anchor = block.get_attribute("id")
    return page.locator(f'a.footnote-ref[href="#{anchor}"]').first, anchor


def active_tooltip(page):
    return page.locator(".md-tooltip2--active")


@pytest.mark.parametrize("lang", ["", "en/"])
def test_hover_shows_the_quote_and_its_source(page, base_url, lang) -> None:
    mid, quote = quoted_edge()
    page.goto(f"{base_url}{lang}models/{mid}/")
    badge, _ = badge_for(page, quote)
    badge.hover()
    tooltip = active_tooltip(page)
    tooltip.wait_for()
    assert quote in " ".join(tooltip.inner_text().split())
    # The source and its archived copy are links inside the tooltip.
    assert tooltip.locator("a[href^='http']").count() >= 2


def test_keyboard_focus_shows_the_quote(page, base_url) -> None:
    mid, quote = quoted_edge()
    page.goto(f"{base_url}models/{mid}/")
    badge, _ = badge_for(page, quote)
    badge.focus()
    tooltip = active_tooltip(page)
    tooltip.wait_for()
    assert quote in " ".join(tooltip.inner_text().split())


def test_a_tap_opens_the_quote_in_place_and_a_second_tap_goes_to_it(browser, base_url) -> None:
    mid, quote = quoted_edge()
    context = browser.new_context(
        viewport={"width": 390, "height": 800}, has_touch=True, is_mobile=True
    )
    try:
        page = context.new_page()
        page.goto(f"{base_url}models/{mid}/")
        badge, anchor = badge_for(page, quote)
        badge.scroll_into_view_if_needed()
        badge.tap()
        tooltip = active_tooltip(page)
        tooltip.wait_for()
        assert quote in " ".join(tooltip.inner_text().split())
        assert page.evaluate("location.hash") == ""  # the reader stays where they were
        badge.tap()
        page.wait_for_function("hash => location.hash === hash", arg=f"#{anchor}")
    finally:
        context.close()


def visible_models(page) -> set[str]:
    names = page.eval_on_selector_all(
        ".atlas-matrix tbody tr:not([hidden]) td:first-child a",
        "links => links.map(a => a.textContent.trim())",
    )
    return set(names)


@pytest.mark.parametrize("lang", ["", "en/"])
def test_matrix_opens_on_the_gpt35_family_and_shows_others_on_demand(page, base_url, lang) -> None:
    data = models()
    by_family: dict[str, set[str]] = {}
    for model in data.values():
        by_family.setdefault(model["family"], set()).add(model["name"])
    page.goto(f"{base_url}{lang}capabilities/matrix/")
    form = page.locator('form[data-atlas-filter="family"]')
    form.wait_for()  # visible once the script has set it up
    assert visible_models(page) == by_family["gpt-3.5"]
    form.locator('input[value="gpt-3"]').check()
    assert visible_models(page) == by_family["gpt-3.5"] | by_family["gpt-3"]
    form.locator("[data-atlas-all]").click()
    assert visible_models(page) == {m["name"] for m in data.values()}


def test_matrix_cell_opens_its_claim(page, base_url) -> None:
    page.goto(f"{base_url}capabilities/matrix/")
    cell = page.locator(".atlas-matrix tbody tr:not([hidden]) a.atlas-cell--gained").first
    cell.hover()
    tooltip = active_tooltip(page)
    tooltip.wait_for()
    assert tooltip.locator(".atlas-grade").count() == 1


def test_claims_page_filters_by_grade(page, base_url) -> None:
    grades = []
    for model in models().values():
        for edge in model.get("parents") or []:
            grades.append(edge["grade"])
    page.goto(f"{base_url}claims/")
    form = page.locator('form[data-atlas-filter="grade"]')
    form.wait_for()
    total = page.locator(".atlas-claims .atlas-claim").count()
    shown = page.locator(".atlas-claims .atlas-claim:not([hidden])")
    assert shown.count() == total
    official = page.locator('.atlas-claims .atlas-claim[data-grade="official"]').count()
    assert official >= grades.count("official") > 0
    form.locator('input[value="official"]').uncheck()
    assert shown.count() == total - official
    assert (
        page.locator('.atlas-claims .atlas-claim[data-grade="official"]:not([hidden])').count() == 0
    )
    form.locator('input[value="official"]').check()
    assert shown.count() == total


def next_frames(page) -> None:
    """Two animation frames: the blocks that came near the viewport have been drawn."""
    page.evaluate(
        "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
    )


def drawn(blocks) -> list[bool]:
    """Whether each block's content is drawn (a skipped block's own box still is)."""
    return blocks.evaluate_all(
        "bs => bs.map(b => b.lastElementChild.checkVisibility({contentVisibilityAuto: true}))"
    )


# What atlas.css lets the browser skip until a reader nears it, and where a link goes:
# a claim is its own target; a note's paragraph is skipped, its list item is the target.
SKIPPED = {
    "claims": ("lineage/", ".atlas-evidence > .atlas-claim", "el => el.id"),
    "notes": (
        "articles/abilities-roadmap/",
        ".footnote > ol > li > p",
        "el => el.parentElement.id",
    ),
}


@pytest.mark.parametrize("lang", ["", "en/"])
@pytest.mark.parametrize("kind", SKIPPED)
def test_blocks_far_down_wait_to_be_drawn_and_a_link_still_lands_on_one(
    browser, base_url, kind, lang
) -> None:
    """atlas.css lets the browser skip the claims and notes a reader has not reached;
    a link to one of them must still bring the reader to it, at its real height."""
    path, selector, target_of = SKIPPED[kind]
    context = browser.new_context(viewport={"width": 390, "height": 800}, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(f"{base_url}{lang}{path}")
        blocks = page.locator(selector)
        next_frames(page)
        state = drawn(blocks)
        assert len(state) > 10
        assert not state[len(state) // 2], f"{kind}: one far below the fold is drawn at once"
        assert state[-1], f"{kind}: the last one is always drawn"
        block = blocks.nth(len(state) // 2)
        anchor = block.evaluate(target_of)
        page.evaluate("anchor => { location.hash = anchor }", anchor)
        page.wait_for_function("hash => location.hash === hash", arg=f"#{anchor}")
        next_frames(page)
        box = page.locator(f'[id="{anchor}"]').bounding_box()
        assert drawn(block)[0]
        assert 0 <= box["y"] < 800, f"#{anchor} is at {box['y']} px after the jump"
    finally:
        context.close()


@pytest.mark.parametrize("kind", SKIPPED)
def test_printing_draws_every_block(page, base_url, kind) -> None:
    path, selector, _ = SKIPPED[kind]
    page.goto(f"{base_url}{path}")
    page.emulate_media(media="print")
    next_frames(page)
    assert all(drawn(page.locator(selector)))
