"""Search stays in the reader's language: one index per language, found from every page."""

from __future__ import annotations

import json
from urllib.parse import urljoin

from atlas import search

OPEN = '<script id="__config" type="application/json">'


def config_base(page_html: str) -> str:
    start = page_html.index(OPEN) + len(OPEN)
    return json.loads(page_html[start : page_html.index("</script>", start)])["base"]


def test_localized_base_resolves_to_the_language_index() -> None:
    """The browser fetches new URL("search/search_index.json", base)."""
    for page_url, base in (("http://x/en/", ".."), ("http://x/en/models/davinci/", "../../..")):
        html = f'{OPEN}{{"base": "{base}"}}</script>'
        new_base = urljoin(page_url, config_base(search.localize_base(html, "en")))
        assert (
            urljoin(new_base, "search/search_index.json") == "http://x/en/search/search_index.json"
        )


def test_config_stays_html_safe() -> None:
    """Material escapes < > & in the config; the rewritten config must too."""
    html = OPEN + '{"base": ".", "x": "\\u003c/b\\u003e \\u0026"}</script>'
    out = search.localize_base(html, "en")
    assert "</b>" not in out and config_base(out) == "en/"


def test_user_dictionary_keeps_domain_terms_whole(tmp_path) -> None:
    from atlas.validate import validate
    from conftest import mini_project

    dataset, _ = validate(mini_project(tmp_path / "p"))
    words = search.dictionary_words(dataset)
    assert "思维链" in words and "上下文学习" in words
    assert all(len(word) >= 2 for word in words)
