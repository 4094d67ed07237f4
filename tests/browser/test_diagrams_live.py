"""The diagrams as a reader sees them: the home page's path, legible labels, no overflow,
the lineage explorer (pan and zoom, families, a capability lit), skip links and print.

Sizes are measured in the live DOM: a label's size on screen is its font size in SVG
units times the SVG's current scale (getScreenCTM), pan and zoom included.
Expectations come from the data files and from the issue, never from the program.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]

# The path issue 16 asks the home page to show, top to bottom.
STORY = ["davinci", "code-davinci-002", "text-davinci-002", "text-davinci-003", "gpt-3.5-turbo"]

# One page of every kind that draws a diagram.
DIAGRAM_PAGES = [
    "",
    "articles/abilities-roadmap/",
    "models/davinci/",
    "models/gpt-3.5-turbo-instruct/",
    "capabilities/instruction-following/",
    "methods/rlhf-ppo/",
]

SMALLEST_LABEL = """svg => Math.min(...[...svg.querySelectorAll('text')].map(
    t => parseFloat(t.getAttribute('font-size')) * t.getScreenCTM().a))"""


def record(kind: str, rid: str) -> dict:
    return yaml.safe_load((ROOT / "data" / kind / f"{rid}.yaml").read_text(encoding="utf-8"))


def node(mid: str) -> str:
    """The selector of a model's node (ids may hold dots, which CSS reads as classes)."""
    return "g.node.model-" + mid.replace(".", "\\.")


def open_explorer(page, base_url: str, lang: str = "") -> None:
    page.goto(f"{base_url}{lang}lineage/")
    page.wait_for_selector(".atlas-diagram__scroll[data-atlas-ready]")


@pytest.mark.parametrize("lang", ["", "en/"])
def test_the_home_page_shows_the_path_to_chatgpt_top_to_bottom(page, base_url, lang) -> None:
    page.goto(base_url + lang)
    figure = page.locator(".md-content .atlas-diagram").first
    tops = []
    for mid in STORY:
        drawn = figure.locator(node(mid))
        expect(drawn).to_be_visible()
        box = drawn.bounding_box()
        tops.append(box["y"])
        frame = figure.bounding_box()  # the whole node inside the figure: nothing cut off
        assert frame["x"] <= box["x"] and box["x"] + box["width"] <= frame["x"] + frame["width"]
    assert tops == sorted(tops) and len(set(tops)) == len(tops), tops
    product = record("models", "gpt-3.5-turbo")["aliases"]["product"][0]
    expect(figure.locator(node("gpt-3.5-turbo"))).to_contain_text(product)


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("path", DIAGRAM_PAGES)
def test_labels_are_at_least_12px_and_nothing_overflows(browser, base_url, path, width) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        page.goto(base_url + path)
        assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
        column = page.locator(".md-content").bounding_box()
        svgs = page.locator(".md-content .atlas-diagram svg")
        assert svgs.count() >= 1
        for i in range(svgs.count()):
            svg = svgs.nth(i)
            assert svg.evaluate(SMALLEST_LABEL) >= 11.99
            box = page.locator(".md-content .atlas-diagram__scroll").nth(i).bounding_box()
            assert box["x"] >= column["x"] - 1
            assert box["x"] + box["width"] <= column["x"] + column["width"] + 1
            if width == 1280:  # a desktop column holds the whole drawing
                assert svg.bounding_box()["width"] <= box["width"] + 1, path
    finally:
        context.close()


@pytest.mark.parametrize(
    ("path", "subject"),
    [("", STORY), ("en/articles/abilities-roadmap/", STORY), ("models/davinci/", ["davinci"])],
)
def test_on_a_phone_a_wide_diagram_opens_on_its_subject(browser, base_url, path, subject):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(base_url + path)
        box = page.locator(".md-content .atlas-diagram__scroll").first
        assert box.evaluate("b => b.scrollWidth > b.clientWidth"), "the test needs a wide one"
        frame = box.bounding_box()
        for mid in subject:
            drawn = box.locator(node(mid)).bounding_box()
            centre = drawn["x"] + drawn["width"] / 2
            assert frame["x"] <= centre <= frame["x"] + frame["width"], mid
    finally:
        context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_the_explorer_opens_on_the_main_path_with_readable_labels(browser, base_url, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        open_explorer(page, base_url)
        box = page.locator(".atlas-explorer .atlas-diagram__scroll").bounding_box()
        start = page.locator(node("davinci")).bounding_box()
        assert box["x"] <= start["x"] and start["x"] + start["width"] <= box["x"] + box["width"]
        assert box["y"] <= start["y"] <= box["y"] + box["height"] / 2
        svg = page.locator(".atlas-explorer svg")
        assert svg.evaluate(SMALLEST_LABEL) >= 11.99
        assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    finally:
        context.close()


def test_the_explorer_zooms_and_returns_to_the_main_path(page, base_url) -> None:
    open_explorer(page, base_url, "en/")
    svg = page.locator(".atlas-explorer svg")
    scale = "s => s.getScreenCTM().a"
    before = svg.evaluate(scale)
    page.get_by_role("button", name="Zoom in").click()
    page.wait_for_function(
        "before => document.querySelector('.atlas-explorer svg').getScreenCTM().a > before",
        arg=before,
    )
    # It zooms about the middle of the box: the drawing's point there stays there.
    middle = """() => {
      const box = document.querySelector('.atlas-explorer .atlas-diagram__scroll');
      const svg = box.querySelector('svg'), r = box.getBoundingClientRect();
      const p = new DOMPoint(r.left + r.width / 2, r.top + r.height / 2);
      const q = p.matrixTransform(svg.getScreenCTM().inverse());
      return [q.x, q.y];
    }"""
    before_point, zoomed = page.evaluate(middle), svg.evaluate(scale)
    page.get_by_role("button", name="Zoom out").click()
    page.wait_for_function(
        "before => document.querySelector('.atlas-explorer svg').getScreenCTM().a < before",
        arg=zoomed,
    )
    after_point = page.evaluate(middle)
    assert abs(after_point[0] - before_point[0]) < 2 and abs(after_point[1] - before_point[1]) < 2
    page.get_by_role("button", name="Back to the main path").click()
    page.wait_for_function(
        "before => Math.abs(document.querySelector('.atlas-explorer svg')"
        ".getScreenCTM().a - before) < 1e-6",
        arg=before,
    )


def test_highlighting_a_capability_lights_its_models_and_marks_where_it_was_gained(
    page, base_url
) -> None:
    capability = record("capabilities", "code-generation")
    origins = {o["model"] for o in capability["origins"]}
    # davinci is recorded without it (a cited absence); text-davinci-002 descends from
    # code-davinci-002 by FeedME, which the data does not say removed it.
    seen = {c["capability"]: c["status"] for c in record("models", "davinci")["capabilities"]}
    assert seen["code-generation"] == "absent"
    open_explorer(page, base_url)
    page.select_option("select[name=capability]", "code-generation")
    expect(page.locator(".atlas-explorer__status")).not_to_be_empty()
    for mid in origins:
        expect(page.locator(node(mid))).to_have_class(_has("atlas-origin"))
        expect(page.locator(node(mid))).to_have_class(_has("atlas-lit"))
    expect(page.locator(node("davinci"))).to_have_class(_has("atlas-faded"))
    expect(page.locator(node("text-davinci-002"))).to_have_class(_has("atlas-lit"))
    gains = page.locator("g.edge.atlas-gain")
    assert gains.count() >= 1
    for i in range(gains.count()):  # the marked steps lead into lit models
        classes = gains.nth(i).get_attribute("class").split()
        child = next(c.removeprefix("to-") for c in classes if c.startswith("to-"))
        assert "atlas-lit" in page.locator(node(child)).get_attribute("class")
    page.select_option("select[name=capability]", "")
    expect(page.locator("g.node.atlas-faded")).to_have_count(0)


def _has(name: str) -> re.Pattern:
    return re.compile(rf"(^|\s){re.escape(name)}(\s|$)")


def test_the_family_filter_hides_a_family(page, base_url) -> None:
    open_explorer(page, base_url, "en/")
    page.locator(".atlas-explorer__families summary").click()
    bert = page.locator("g.node.fam-bert")
    assert bert.count() >= 1
    expect(bert.first).to_be_visible()
    page.locator('input[name="family"][value="bert"]').uncheck()
    expect(bert.first).to_be_hidden()
    expect(page.locator(node("davinci"))).to_be_visible()


def test_without_javascript_the_lineage_is_a_static_scrollable_svg(browser, base_url) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 900})
    page = context.new_page()
    try:
        page.goto(base_url + "lineage/")
        expect(page.locator("form[data-atlas-explorer]")).to_be_hidden()
        expect(page.locator(".atlas-explorer svg g.node.model-davinci")).to_be_attached()
        scroll = page.locator(".atlas-explorer .atlas-diagram__scroll")
        assert scroll.evaluate("e => getComputedStyle(e).overflowX") == "auto"
    finally:
        context.close()


def test_a_skip_link_passes_each_diagram(page, base_url) -> None:
    page.goto(base_url)
    skip = page.locator("a.atlas-skip").first
    skip.focus()
    expect(skip).to_be_visible()  # shown when focused
    target = skip.get_attribute("href").lstrip("#")
    after = page.evaluate(
        """id => {
          const figure = document.querySelector('.md-content .atlas-diagram');
          const target = document.getElementById(id);
          return !!(figure.compareDocumentPosition(target) & Node.DOCUMENT_POSITION_FOLLOWING);
        }""",
        target,
    )
    assert after, "the skip link's target stands after the diagram"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")  # the next stop is after the drawing, not one of its nodes
    assert not page.evaluate("!!document.activeElement.closest('.atlas-diagram')")


@pytest.mark.parametrize("path", ["lineage/", "methods/rlhf-ppo/"])
def test_print_fits_diagrams_to_the_page_and_hides_screen_only_parts(page, base_url, path):
    page.goto(base_url + path)
    page.emulate_media(media="print")
    width = page.evaluate("document.documentElement.clientWidth")
    for box in page.locator(".md-content .atlas-diagram svg").all():
        assert box.bounding_box()["width"] <= width
    expect(page.locator(".atlas-explorer__controls")).to_be_hidden()
    expect(page.locator(".atlas-skip").first).to_be_hidden()
