"""Every page kind in both languages, in the browser: no console error, no failed
request, and no serious axe violation; the not-found page as a static host serves it.

The page of each kind is the first record of that kind in data/ (or the first
article in docs/), so the list follows the data rather than the output.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from playwright.sync_api import expect

from gzip_server import make_server

from .helpers import assert_no_serious_violations, wait_for_palette, without_motion

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]


def first(kind: str) -> str:
    return sorted((ROOT / "data" / kind).glob("*.yaml"))[0].stem


ARTICLE = sorted((ROOT / "docs" / "articles").glob("*.en.md"))[0].name.removesuffix(".en.md")
KINDS = {
    "home": "",
    "article": f"articles/{ARTICLE}/",
    "model": f"models/{first('models')}/",
    "paper": f"papers/{first('papers')}/",
    "method": f"methods/{first('methods')}/",
    "capability": f"capabilities/{first('capabilities')}/",
    "matrix": "capabilities/matrix/",
    "glossary": "glossary/",
    "limitation": "limitations/",
    "claims": "claims/",
    "sources": "sources/",
    "lineage": "lineage/",
    "models list": "models/",
    "change log": "changelog/",  # its Atom link is an alternate too (alternates.js)
    "architecture": "architecture/",
    "404": "404.html",
}
PAGES = [(lang + path) for path in KINDS.values() for lang in ("", "en/")]
# Code highlighting has colours of its own; the first article with a code block.
CODE_ARTICLE = next(
    p.name.removesuffix(".en.md")
    for p in sorted((ROOT / "docs" / "articles").glob("*.en.md"))
    if "\n```" in p.read_text(encoding="utf-8")
)
# Kinds that tests/browser/test_browser.py already checks with axe.
AXE_ELSEWHERE = {"", "en/", "lineage/", "en/lineage/", "claims/", "en/claims/"}
AXE_ELSEWHERE |= {"capabilities/matrix/", "en/capabilities/matrix/"}


def watch(page) -> list[str]:
    """Console errors, script errors and failed or refused requests, as they happen."""
    problems: list[str] = []
    page.on("console", lambda m: m.type == "error" and problems.append(f"console: {m.text}"))
    page.on("pageerror", lambda error: problems.append(f"script: {error}"))
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url} {r.failure}"))
    page.on("response", lambda r: r.status >= 400 and problems.append(f"HTTP {r.status}: {r.url}"))
    return problems


def settled(page) -> None:
    """Material's scripts have run (its search worker is ready) and fonts are in."""
    words = page.evaluate("JSON.parse(document.getElementById('__config').textContent)")
    page.keyboard.press("/")
    # Material opens search when it sees the field's focus, a millisecond later (its
    # focus watcher is debounced): an Escape before that closes nothing.
    expect(page.locator("#__search")).to_be_checked()
    placeholder = words["translations"]["search.result.placeholder"]
    expect(page.locator(".md-search-result__meta")).to_have_text(placeholder)
    page.keyboard.press("Escape")
    expect(page.locator("#__search")).not_to_be_checked()
    page.evaluate("document.fonts.ready")


@pytest.mark.parametrize("path", PAGES)
def test_no_console_error_or_failed_request(page, base_url, path) -> None:
    problems = watch(page)
    page.goto(base_url + path, wait_until="networkidle")
    settled(page)
    assert page.locator("h1").first.is_visible()
    assert not problems, problems


def test_language_menu_asks_for_no_sitemap(page, base_url) -> None:
    """Material's language integration asks for sitemap.xml next to every hreflang link;
    alternates.js answers without a request, and the menu still opens the twin."""
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    path = KINDS["model"]
    page.goto(base_url + "en/" + path, wait_until="networkidle")
    settled(page)
    assert not [url for url in requested if url.endswith("sitemap.xml")], requested
    page.hover(".md-select")
    page.click('a.md-select__link[hreflang="zh"]')
    page.wait_for_url(base_url + path)
    assert page.locator("html").get_attribute("lang") == "zh"


@pytest.mark.parametrize("path", [p for p in PAGES if p not in AXE_ELSEWHERE])
def test_no_serious_accessibility_violations(page, base_url, path, output_dir: Path) -> None:
    page.goto(base_url + path, wait_until="networkidle")
    without_motion(page)
    settled(page)
    name = path.strip("/").replace("/", "_").replace(".html", "")
    page.screenshot(path=str(output_dir / f"axe-{name}.png"), full_page=True)
    assert_no_serious_violations(page)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(
    "path", PAGES + [f"{lang}articles/{CODE_ARTICLE}/" for lang in ("", "en/")]
)
def test_text_keeps_its_contrast_on_a_phone(browser, base_url, path, scheme) -> None:
    """As Lighthouse sees a page: a phone, no scrolling, so the blocks the browser has
    not drawn yet (atlas.css) are checked where they will be; and the dark scheme."""
    context = browser.new_context(
        viewport={"width": 412, "height": 823}, is_mobile=True, color_scheme=scheme
    )
    try:
        page = context.new_page()
        page.goto(base_url + path, wait_until="networkidle")
        without_motion(page)
        wait_for_palette(page)
        assert_no_serious_violations(page, rules=["color-contrast"])
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", ["", "en/"])
def test_the_page_starts_in_the_colours_its_script_applies(browser, base_url, lang, scheme):
    """Material writes the first palette entry's colours into the page, and its script
    then applies the entry for the reader's preference. When the two differed, the
    accent changed once the script ran and the whole page's style was computed again."""

    def colours(javascript: bool) -> list[str]:
        context = browser.new_context(java_script_enabled=javascript, color_scheme=scheme)
        try:
            page = context.new_page()
            page.goto(base_url + lang)
            if javascript:
                wait_for_palette(page)
            return page.evaluate(
                "['primary', 'accent'].map(k => document.body.getAttribute('data-md-color-' + k))"
            )
        finally:
            context.close()

    assert colours(javascript=False) == colours(javascript=True)


@pytest.fixture(scope="module")
def static_host(site):
    """The site as a static host serves it: gzip, and 404.html for a missing page."""
    server = make_server(site.site)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.mark.parametrize(("missing", "lang"), [("models/nope/x/", "zh"), ("en/nope/", "en")])
def test_a_missing_page_shows_the_not_found_page(page, static_host, missing, lang) -> None:
    problems = watch(page)
    response = page.goto(static_host + missing, wait_until="networkidle")
    assert response is not None and response.status == 404
    assert page.locator("html").get_attribute("lang") == lang
    settled(page)
    # Only the missing page itself failed (one response, and the console's note of it):
    # styles, scripts and search all loaded from the root.
    url = static_host + missing
    assert [p for p in problems if not p.startswith("console:")] == [f"HTTP 404: {url}"]
    assert len(problems) <= 2, problems
    home = "/" if lang == "zh" else "/en/"
    page.locator(f'article a[href="{home}lineage/"]').click()
    page.wait_for_url(f"{static_host}{home.lstrip('/')}lineage/")
    assert page.locator("figure.atlas-diagram").first.is_visible()
