"""The escaping boundary: data text in Markdown, HTML, URLs and DOT."""

from __future__ import annotations

import re

import markdown
import pytest

from atlas import escape

EXTENSIONS = [
    "abbr",
    "attr_list",
    "footnotes",
    "md_in_html",
    "tables",
    "admonition",
    "pymdownx.details",
    "pymdownx.superfences",
]


def render(text: str) -> str:
    return markdown.markdown(text, extensions=EXTENSIONS)


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        "[x](javascript:alert(1))",
        "![x](data:image/png;base64,AAAA)",
        "text {: onclick=alert(1) }",
        "*emphasis* and **strong** and `code`",
        "<http://autolink.example>",
        "a | table | row",
        "[^note] and *[ABBR]: expansion",
    ],
)
def test_markdown_text_renders_literally(hostile: str) -> None:
    html = render("Before " + escape.md(hostile) + " after")
    assert re.findall(r"<(/?\w+)", html) == ["p", "/p"], html  # no element but the paragraph
    assert "&" in html or hostile.isalnum()


@pytest.mark.parametrize("start", ["- item", "+ item", "1. item", "> quote", "# heading"])
def test_block_text_cannot_start_a_list_quote_or_heading(start: str) -> None:
    html = render(escape.md_block(start + " text\n\nsecond paragraph"))
    assert "<li>" not in html and "<blockquote>" not in html and "<h1>" not in html
    assert html.count("<p>") == 2


def test_html_escapes_attributes() -> None:
    assert escape.html('"><img src=x onerror=alert(1)>') == (
        "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"
    )


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "data:text/html,x",
        "vbscript:x",
        "//evil.example/x",
        "ftp://example.org/",
    ],
)
def test_href_refuses_other_schemes(url: str) -> None:
    with pytest.raises(ValueError):
        escape.href(url)


def test_href_keeps_http_and_quotes_specials() -> None:
    assert escape.href("https://example.org/a b?q=<x>") == "https://example.org/a%20b?q=%3Cx%3E"


def test_control_characters_are_dropped() -> None:
    assert escape.md("a\u202eb\x07c") == "abc"
    assert escape.html("a\u202eb") == "ab"
