"""Every page kind in both languages, light and dark, desktop and phone: a screenshot each
in test-output/pages/ to look at, and the checks that hold on every one of them.

On each: the page fills its width without sideways scrolling, the palette asked for is
the one applied, and nothing failed to load or logged an error.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

KINDS = {
    "home": "",
    "article": "articles/abilities-roadmap/",
    "model": "models/text-davinci-002/",
    "models": "models/",
    "paper": "papers/2203.02155/",
    "method": "methods/rlhf-ppo/",
    "capability": "capabilities/code-generation/",
    "matrix": "capabilities/matrix/",
    "glossary": "glossary/",
    "limitations": "limitations/",
    "claims": "claims/",
    "sources": "sources/",
    "lineage": "lineage/",
    "changelog": "changelog/",
    "architecture": "architecture/",
}
LOOKS = {  # name: (width, height, colour scheme)
    "desktop-light": (1280, 900, "light"),
    "desktop-dark": (1280, 900, "dark"),
    "phone-light": (390, 844, "light"),
    "phone-dark": (390, 844, "dark"),
}


@pytest.mark.parametrize("look", LOOKS)
@pytest.mark.parametrize("lang", ["", "en/"])
@pytest.mark.parametrize("kind", KINDS)
def test_every_page_kind_looks_right(browser, base_url, output_dir, kind, lang, look) -> None:
    width, height, scheme = LOOKS[look]
    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: m.type == "error" and problems.append(m.text))
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url}"))
    page.on("response", lambda r: r.status >= 400 and problems.append(f"{r.status}: {r.url}"))
    try:
        page.goto(base_url + lang + KINDS[kind], wait_until="load")
        # The automatic palette follows the system: the one asked for is the one shown.
        shown = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
        assert shown == {"light": "default", "dark": "slate"}[scheme]
        assert page.evaluate("document.documentElement.scrollWidth <= innerWidth"), kind
        name = f"{kind}-{lang.strip('/') or 'zh'}-{look}.png"
        (output_dir / "pages").mkdir(exist_ok=True)
        page.screenshot(path=str(output_dir / "pages" / name))
        assert problems == []
    finally:
        context.close()
