"""The site in a real browser: search in both languages, the language switcher,
diagram links, dark mode and accessibility.

Expectations come from the data files (term names, aliases, ids), never from
copies of the program's output.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from .helpers import assert_no_serious_violations, without_motion
from .helpers import search as run_search

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]


def record(kind: str, rid: str) -> dict:
    return yaml.safe_load((ROOT / "data" / kind / f"{rid}.yaml").read_text(encoding="utf-8"))


def search(page, base_url: str, start: str, query: str, top: int = 8) -> list[str]:
    """Open a page and search from it; the paths of the top results."""
    page.goto(base_url + start)
    links = run_search(page, query)[:top]
    assert links, f"no results for {query!r}"
    return links


# -- search -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "term",
    ["chain-of-thought", "in-context-learning", "alignment-tax", "rlhf", "instruction-tuning"],
)
def test_chinese_query_finds_chinese_pages(page, base_url, term) -> None:
    data = record("glossary", term)
    results = search(page, base_url, "", data["term"]["zh"])
    assert not [r for r in results if r.startswith("/en/")], results
    expected = [f"/glossary/#{term}", "/glossary/"]
    if data.get("see"):
        kind, target = next(iter(data["see"].items()))
        expected.append(f"/{kind}s/{target}/".replace("capabilitys", "capabilities"))
    assert any(r.startswith(tuple(expected)) for r in results), (expected, results)


@pytest.mark.parametrize(
    "term", ["chain-of-thought", "in-context-learning", "alignment-tax", "reward-model"]
)
def test_english_query_finds_english_pages(page, base_url, term) -> None:
    data = record("glossary", term)
    results = search(page, base_url, "en/", data["term"]["en"])
    assert all(r.startswith("/en/") for r in results), results
    assert any(
        r.startswith(("/en/glossary/", "/en/methods/", "/en/capabilities/")) for r in results
    ), results


def alias_cases() -> list[tuple[str, str]]:
    cases = []
    for path in sorted((ROOT / "data" / "models").glob("*.yaml")):
        aliases = yaml.safe_load(path.read_text(encoding="utf-8")).get("aliases") or {}
        cases += [(name, path.stem) for name in aliases.get("product", [])]
    for mid in ("davinci-instruct-beta", "codex-12b", "text-similarity-davinci-001"):
        cases.append((record("models", mid)["aliases"]["paper"][0], mid))
    cases.append(("text-davinci-003", "text-davinci-003"))
    return cases


@pytest.mark.parametrize(("alias", "model"), alias_cases())
@pytest.mark.parametrize("lang", ["", "en/"])
def test_aliases_find_the_model_page(page, base_url, alias, model, lang) -> None:
    results = search(page, base_url, lang, alias, top=3)
    assert f"/{lang}models/{model}/" in [r.split("#")[0] for r in results], results


# -- language switcher ---------------------------------------------------------------


def test_language_switcher_lands_on_the_twin(page, base_url) -> None:
    page.goto(base_url + "models/text-davinci-002/")
    assert page.locator("html").get_attribute("lang") == "zh"
    page.hover(".md-select")
    page.click('a.md-select__link[hreflang="en"]')
    page.wait_for_url("**/en/models/text-davinci-002/")
    assert page.locator("html").get_attribute("lang") == "en"
    page.hover(".md-select")
    page.click('a.md-select__link[hreflang="zh"]')
    page.wait_for_url(re.compile(r".*/models/text-davinci-002/$"))
    assert "/en/" not in page.url


# -- diagram links -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "target"),
    [
        ("lineage/", "code-davinci-002"),
        ("en/lineage/", "gpt-3.5-turbo"),
        ("models/text-davinci-002/", "text-davinci-003"),
        ("en/models/davinci/", "davinci-instruct-beta"),
    ],
)
def test_clicking_a_diagram_node_opens_that_model(page, base_url, start, target) -> None:
    page.goto(base_url + start)
    # Graphviz writes xlink:href, which CSS attribute selectors don't see: use XPath.
    node = page.locator(
        "xpath=//figure[contains(@class, 'atlas-diagram')]//*[local-name()='svg']"
        f"//*[local-name()='a'][contains(@*[local-name()='href'], '/models/{target}/')]"
    ).first
    node.scroll_into_view_if_needed()
    node.click()
    lang = "en/" if start.startswith("en/") else ""
    page.wait_for_url(f"{base_url}{lang}models/{target}/")
    heading = page.locator("h1").first.inner_text()  # ends with the permalink sign
    assert heading.rstrip("¶ \n") == record("models", target)["name"]


# -- dark mode -----------------------------------------------------------------------


def luminance(rgb: str) -> float:
    channels = [int(c) / 255 for c in re.findall(r"\d+", rgb)[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def diagram_colours(page) -> tuple[str, str]:
    return page.evaluate("""() => {
        const text = document.querySelector('figure.atlas-diagram svg .node text');
        return [getComputedStyle(text).fill, getComputedStyle(document.body).backgroundColor];
    }""")


def test_dark_mode_keeps_diagrams_readable(page, base_url, output_dir: Path) -> None:
    page.emulate_media(color_scheme="light")
    page.goto(base_url + "lineage/")
    light_text, light_background = diagram_colours(page)
    assert contrast(light_text, light_background) >= 4.5
    for _ in range(3):  # the toggle cycles: automatic → light → dark
        if page.locator("body").get_attribute("data-md-color-scheme") == "slate":
            break
        page.locator("form[data-md-component='palette'] label:visible").first.click()
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    dark_text, dark_background = diagram_colours(page)
    assert dark_text != light_text and dark_background != light_background
    assert contrast(dark_text, dark_background) >= 4.5
    page.screenshot(path=str(output_dir / "lineage-dark.png"), full_page=True)


# -- accessibility -------------------------------------------------------------------


def settle(page) -> None:
    """No transitions, and fonts are in: colours are checked as a reader sees them."""
    without_motion(page)
    page.evaluate("document.fonts.ready")


@pytest.mark.parametrize(
    "path",
    [
        "",
        "en/",
        "models/text-davinci-003/",
        "en/models/davinci/",
        "lineage/",
        "en/lineage/",
        "claims/",
        "en/claims/",
        "capabilities/matrix/",
        "en/capabilities/matrix/",
    ],
)
def test_no_serious_accessibility_violations(page, base_url, path, output_dir: Path) -> None:
    page.goto(base_url + path, wait_until="networkidle")
    settle(page)
    name = path.strip("/").replace("/", "_") or "home"
    page.screenshot(path=str(output_dir / f"axe-{name}.png"), full_page=True)
    assert_no_serious_violations(page)
