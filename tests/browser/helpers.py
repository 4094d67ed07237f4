"""Helpers the browser tests share: a static server, Material's search driven right, and
the axe check."""

from __future__ import annotations

import contextlib
import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """A built site on a free port of 127.0.0.1, for as long as the block runs."""
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def search(page, query: str) -> list[str]:
    """Type a query into Material's search on the current page; the result paths.

    Material reads the query on keyup (and on focus, and when its worker is ready);
    Playwright's fill() fires only input. So: wait until the worker is ready (the
    result meta shows its placeholder), fill the query, press End (a keyup that
    works for any script, Chinese included), and wait for the meta to report results.
    """
    config = page.evaluate("JSON.parse(document.getElementById('__config').textContent)")
    words = config["translations"]
    meta = page.locator(".md-search-result__meta")
    page.keyboard.press("/")
    expect(meta).to_have_text(words["search.result.placeholder"])
    field = page.locator("input.md-search__input")
    field.fill(query)
    field.press("End")
    expect(meta).not_to_have_text(words["search.result.placeholder"])
    links = page.eval_on_selector_all(
        "li.md-search-result__item > a", "els => els.map(e => e.href)"
    )
    return [
        unquote(urlsplit(link).path) + (f"#{urlsplit(link).fragment}" if "#" in link else "")
        for link in links
    ]


def without_motion(page) -> None:
    """End Material's entrance transitions, so colours are checked as a reader sees them."""
    page.add_style_tag(
        content="*, *::before, *::after { transition: none !important; "
        "animation: none !important; }"
    )


def wait_for_palette(page) -> None:
    """Material's palette component has applied the entry for the reader's preference
    (it marks the body with the entry's media query)."""
    page.wait_for_function("document.body.hasAttribute('data-md-color-media')")


def assert_no_serious_violations(page, rules: list[str] | None = None) -> None:
    """axe-core on the page as it stands (all rules, or only `rules`); serious and
    critical findings fail, listed."""
    results = Axe().run(page, options={"runOnly": rules} if rules else None)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    report = "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(node["target"][0] if node["target"] else "?" for node in v["nodes"][:5])
        for v in serious
    )
    assert not serious, report
