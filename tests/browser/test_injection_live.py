"""Hostile data, proved harmless in the live DOM of a real browser.

The static HTML can look safe while a script turns text back into markup: Material
renders search results and tooltips with innerHTML. So the poisoned site of
tests/hostile.py is served and driven in Chromium: every page is loaded, every
tooltip hovered and focused, every poisoned name searched for, and after each
step the live document must hold no element or attribute from a payload, and no
dialog may have opened.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import build_site
from hostile import MARK, poisoned_project

from .helpers import search, serve

pytestmark = pytest.mark.browser

# Every page kind, in both languages, where tooltips are hovered one by one.
TOOLTIP_PAGES = [
    f"{lang}{page}"
    for lang in ("", "en/")
    for page in (
        "",
        "models/hostile-model/",
        "papers/hostile-paper/",
        "methods/hostile-method/",
        "capabilities/hostile-capability/",
        "capabilities/matrix/",
        "claims/",
        "glossary/",
        "limitations/",
        "sources/",
    )
]
QUERIES = ["hostile", "davinci", "GPT-3", "HSTT", "second alias", "恶意术语", "上下文学习"]

INSPECT = f"""() => {{
    const found = [];
    const all = document.querySelectorAll("*");
    for (const el of all) {{
        for (const attr of el.attributes) {{
            const name = attr.name.toLowerCase();
            if (name === "{MARK}" || name.startsWith("on"))
                found.push(`<${{el.tagName.toLowerCase()}} ${{name}}>`);
            if (/(^|:)(href|src|action)$/.test(name) && /^\\s*javascript:/i.test(attr.value))
                found.push(`<${{el.tagName.toLowerCase()}} ${{name}}=javascript:>`);
        }}
    }}
    for (const el of document.querySelectorAll("style, script")) {{
        if (/alert\\(|display:none\\}}/.test(el.textContent)) found.push(`<${{el.tagName}}> text`);
    }}
    if (getComputedStyle(document.body).display === "none") found.push("body hidden");
    return found;
}}"""
DESCRIBE = "el => el.outerHTML.slice(0, 80)"
NEXT_FRAME = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    root = tmp_path_factory.mktemp("hostile-live")
    project, _ = poisoned_project(root / "project")
    build = build_site(project, root / "site")
    assert build.returncode == 0, build.output
    with serve(build.site) as url:
        yield url, build.site


@pytest.fixture
def watched(page) -> Iterator:
    """The page, with every dialog and script error recorded (and dialogs dismissed)."""
    events: list[str] = []

    def on_dialog(dialog) -> None:
        events.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("pageerror", lambda error: events.append(f"script error: {error}"))
    page.events = events
    yield page
    assert events == []


def assert_clean(page, step: str) -> None:
    page.evaluate(NEXT_FRAME)
    found = page.evaluate(INSPECT)
    assert found == [], f"{step}: {found}"
    assert page.events == [], f"{step}: {page.events}"


def page_paths(site: Path) -> list[str]:
    paths = []
    for path in sorted(site.rglob("index.html")):
        relative = path.parent.relative_to(site).as_posix()
        paths.append("" if relative == "." else relative + "/")
    return paths


def test_every_page_loads_without_running_data(watched, hostile_url) -> None:
    url, site = hostile_url
    paths = page_paths(site)
    assert len(paths) > 40
    for path in paths:
        watched.goto(url + path, wait_until="load")
        assert_clean(watched, path)


@pytest.mark.parametrize("path", TOOLTIP_PAGES)
def test_every_tooltip_hovered_and_focused(watched, hostile_url, path: str) -> None:
    url, _ = hostile_url
    watched.goto(url + path, wait_until="load")
    # Every host must be hoverable: open collapsed blocks, show every matrix row.
    watched.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    show_all = watched.locator("[data-atlas-all]")
    if show_all.count():
        show_all.click()
    hosts = watched.locator(".md-content .footnote-ref")
    count = hosts.count()
    if path.strip("/") in ("", "en", "glossary", "en/glossary", "models/hostile-model"):
        assert count > 0, "this page should have tooltips"
    for i in range(count):
        host = hosts.nth(i)
        # Centred, as a reader would scroll to it: not under the matrix's sticky header
        # row and column, nor under Material's fixed header.
        host.evaluate("e => e.scrollIntoView({block: 'center', inline: 'center'})")
        host.hover()
        watched.wait_for_selector(".md-tooltip2--active", state="attached")
        assert_clean(watched, f"{path} hover {i}")
        watched.mouse.move(0, 0)
        host.focus()
        watched.wait_for_selector(".md-tooltip2--active", state="attached")
        assert_clean(watched, f"{path} focus {i}")
        host.blur()
        # The tooltip closes before the next host is pointed at: open, it can cover it.
        watched.wait_for_selector(".md-tooltip2--active", state="detached")
    # Material gives overflowing navigation text a title, and shows titles as
    # tooltips when content.tooltips is on: point at every one of them (a real
    # pointer: Material's hover tracking ignores synthetic events).
    watched.mouse.wheel(0, 400)  # the header shows the page title once scrolled
    for handle in watched.query_selector_all("[title], .md-ellipsis"):
        if handle.is_visible():
            handle.hover(force=True)
            assert_clean(watched, f"{path} pointing at {handle.evaluate(DESCRIBE)}")


@pytest.mark.parametrize("lang", ["", "en/"])
@pytest.mark.parametrize("query", QUERIES)
def test_searching_for_poisoned_names(watched, hostile_url, lang: str, query: str) -> None:
    url, _ = hostile_url
    watched.goto(url + lang, wait_until="load")
    results = search(watched, query)
    assert_clean(watched, f"search {query!r}")
    if query in ("hostile", "davinci"):
        assert results, f"no results for {query!r}"
        assert watched.locator(".md-search-result__item").first.is_visible()
