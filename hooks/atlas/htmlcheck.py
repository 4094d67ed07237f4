"""An allow-list for the HTML an article turns into.

Python-Markdown passes raw HTML through, so an article in a pull request could
carry `<script>`, an `onerror` attribute or a `javascript:` link. Articles are
rendered with the site's own Markdown settings before the build writes anything,
and the result is parsed here: every element, attribute and address must be one
that Markdown, our extensions and our shortcodes produce. Checking the parsed
HTML, not the source, means entities, odd casing and broken tags cannot hide
anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser

import nh3

TAGS = frozenset(
    {
        *("a", "abbr", "blockquote", "br", "caption", "cite", "code", "dd", "del"),
        *("details", "div", "dl", "dt", "em", "figcaption", "figure", "hr", "img"),
        *("h1", "h2", "h3", "h4", "h5", "h6", "ins", "kbd", "li", "mark", "ol", "p"),
        *("pre", "q", "s", "samp", "section", "small", "span", "strong", "sub"),
        *("summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u"),
        *("ul", "var", "wbr"),
    }
)
# Attributes any allowed element may carry.
COMMON = frozenset({"class", "id", "title", "role", "aria-label", "aria-hidden", "lang"})
ATTRIBUTES = {
    "a": {"href", "name", "download"},
    "img": {"src", "alt", "width", "height", "loading"},
    "ol": {"start"},
    "td": {"colspan", "rowspan", "style"},
    "th": {"colspan", "rowspan", "style"},
    "details": {"open"},
    # data-grade and data-search-exclude: the evidence blocks our shortcodes append.
    "div": {"data-atlas-slot", "markdown", "data-grade", "data-search-exclude"},
    "section": {"markdown", "data-search-exclude"},
    "h2": {"data-search-exclude"},
    "span": {"style"},
    "table": set(),
}
URL_ATTRIBUTES = {"href", "src"}
SAFE_SCHEMES = {"http", "https", "mailto"}
# The only inline styles: table-cell alignment from Markdown tables, and the colour
# swatches of our own legend blocks.
STYLE = re.compile(
    r"^\s*(text-align:\s*(left|right|center);?|--atlas-swatch:\s*#[0-9a-f]{3,8})\s*$"
)
SLOT = re.compile(r"^d\d+$")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):", re.I)
_IGNORED_IN_URLS = re.compile(r"[\x00-\x20\x7f]")


@dataclass(frozen=True)
class Finding:
    what: str  # "<script>", "onclick", "javascript:"
    message: str


def check(html: str) -> list[Finding]:
    """Everything in `html` that is not on the allow-list, in document order."""
    parser = _Checker()
    parser.feed(html)
    parser.close()
    return parser.findings


def sanitize(html: str) -> str:
    """The same allow-list, applied by an HTML5 parser (ammonia, through nh3).

    `check` gives contributors clear errors; this is the guarantee. Python's parser
    and a browser's can disagree on odd input (a comment written `<!-->`), and what
    the browser receives is whatever ammonia, which parses as browsers do, keeps.
    """
    return _cleaner().clean(html)


@cache
def _cleaner() -> nh3.Cleaner:
    attributes = {tag: set(names) for tag, names in ATTRIBUTES.items()}
    attributes["*"] = set(COMMON)
    return nh3.Cleaner(
        tags=set(TAGS),
        clean_content_tags={"script", "style"},
        attributes=attributes,
        url_schemes=set(SAFE_SCHEMES),
        link_rel=None,
        strip_comments=True,
        filter_style_properties={"text-align", "--atlas-swatch"},
    )


def safe_url(value: str) -> bool:
    """Relative, fragment, http(s) or mailto; browsers ignore whitespace inside a scheme."""
    compact = _IGNORED_IN_URLS.sub("", value)
    scheme = _SCHEME.match(compact)
    return scheme is None or scheme.group(1).lower() in SAFE_SCHEMES


class _Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.findings: list[Finding] = []

    def _add(self, what: str, message: str) -> None:
        self.findings.append(Finding(what, message))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in TAGS:
            self._add(f"<{tag}", f"the HTML element <{tag}> is not allowed in articles")
            return
        allowed = COMMON | ATTRIBUTES.get(tag, set())
        for name, value in attrs:
            value = value or ""
            if name not in allowed:
                self._add(name, f"the attribute '{name}' is not allowed on <{tag}>")
            elif name in URL_ATTRIBUTES and not safe_url(value):
                scheme = _SCHEME.match(_IGNORED_IN_URLS.sub("", value))
                shown = f"{scheme.group(1).lower()}:" if scheme else value[:40]
                self._add(shown, f"the address '{shown}…' is not allowed; use http(s) or a page")
            elif name == "style" and not STYLE.match(value):
                self._add("style", f"the inline style '{value[:60]}' is not allowed")
            elif name == "data-atlas-slot" and not SLOT.match(value):
                self._add(name, "data-atlas-slot is set by the atlas shortcodes only")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_comment(self, data: str) -> None:
        # A browser ends "<!-->" and "<!--->" at once, and any comment at "--!>":
        # what follows would be markup to it, and a comment to this parser.
        if data.startswith((">", "->")) or "--!>" in data:
            self._add("<!--", "an HTML comment that browsers end early is not allowed")

    def handle_pi(self, data: str) -> None:
        self._add("<?", "processing instructions (<?...>) are not allowed")

    def unknown_decl(self, data: str) -> None:
        self._add("<![", "declarations such as <![CDATA[ are not allowed")

    def handle_decl(self, decl: str) -> None:
        self._add("<!", "declarations such as <!DOCTYPE> are not allowed")
