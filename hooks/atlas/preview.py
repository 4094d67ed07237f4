"""Link previews: OpenGraph and Twitter meta on every page, and a description of its own.

A shared link shows the page's title, a description, its language and an image. The
description is the page's lead: the first paragraph after its title, which on a
record's page is the record's summary and on an article its opening. It is read from
the finished HTML (so generated and hand-written pages are treated alike, and no
template needs the data), reduced to plain text, shortened, and escaped once for the
attribute it goes into, like all data text. The image is one shared card
(tools/preview_image.py draws it).
"""

from __future__ import annotations

import html as html_lib
import re
from urllib.parse import urljoin

from . import escape
from .i18n import t

LOCALES = {"zh": "zh_CN", "en": "en_US"}
IMAGE = "assets/atlas/preview.png"
IMAGE_SIZE = (1200, 630)
# A search result or a card shows about this much; Chinese characters are twice as wide.
DESCRIPTION_WIDTH = 200

_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
_TITLE = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S)
_PARAGRAPH = re.compile(r"<p\b[^>]*>(.*?)</p>", re.S)
_NOT_TEXT = re.compile(r"<sup\b.*?</sup>|<a\b[^>]*class=\"headerlink\".*?</a>", re.S)
_TAG = re.compile(r"<[^>]+>")
_DESCRIPTION = re.compile(r'[ \t]*<meta name="description" content="[^"]*">\n?')


def text_of(fragment: str) -> str:
    """Plain text of an HTML fragment: no tags, no footnote markers, entities decoded."""
    text = _TAG.sub("", _NOT_TEXT.sub("", fragment))
    return " ".join(html_lib.unescape(text).split())


def lead(page_html: str) -> tuple[str, str]:
    """(title, description) of a finished page: its h1, and the first paragraph after it."""
    article = _ARTICLE.search(page_html)
    body = article.group(1) if article else ""
    title = _TITLE.search(body)
    after = body[title.end() :] if title else body
    for paragraph in _PARAGRAPH.finditer(after):
        text = text_of(paragraph.group(1))
        if text:
            return (text_of(title.group(1)) if title else ""), shorten(text)
    return (text_of(title.group(1)) if title else ""), ""


def shorten(text: str, width: int = DESCRIPTION_WIDTH) -> str:
    """At most `width` columns (a Chinese character takes two), cut with an ellipsis."""
    used, out = 0, []
    for ch in text:
        used += 2 if ord(ch) > 0x2E80 else 1
        if used > width:
            return "".join(out).rstrip(" ,，、;；:：") + "…"
        out.append(ch)
    return text


def meta_tags(
    *, title: str, description: str, url: str, lang: str, site_name: str, image: str, home: bool
) -> str:
    """The OpenGraph and Twitter meta of one page; every value escaped for an attribute."""
    tags = [
        ("property", "og:type", "website" if home else "article"),
        ("property", "og:site_name", site_name),
        ("property", "og:title", title or site_name),
        ("property", "og:description", description),
        ("property", "og:url", url),
        ("property", "og:locale", LOCALES[lang]),
        *(("property", "og:locale:alternate", LOCALES[o]) for o in LOCALES if o != lang),
        ("property", "og:image", image),
        ("property", "og:image:width", str(IMAGE_SIZE[0])),
        ("property", "og:image:height", str(IMAGE_SIZE[1])),
        ("property", "og:image:alt", t("preview.image-alt", lang)),
        ("name", "twitter:card", "summary_large_image"),
        ("name", "twitter:title", title or site_name),
        ("name", "twitter:description", description),
        ("name", "twitter:image", image),
        ("name", "twitter:image:alt", t("preview.image-alt", lang)),
    ]
    return "".join(
        f'<meta {kind}="{name}" content="{escape.html(value)}">\n'
        for kind, name, value in tags
        if value
    )


def with_preview(page_html: str, *, site_url: str, page_url: str, lang: str, site_name: str) -> str:
    """The page with its own description and its link-preview meta in <head>."""
    head_end = page_html.find("</head>")
    if head_end == -1:
        return page_html
    title, description = lead(page_html)
    tags = meta_tags(
        title=title,
        description=description,
        url=urljoin(site_url, page_url),
        lang=lang,
        site_name=site_name,
        image=urljoin(site_url, IMAGE),
        home=page_url in ("", f"{lang}/"),
    )
    head = page_html[:head_end]
    if description:  # Material's is the site's description on every page
        mine = f'<meta name="description" content="{escape.html(description)}">\n'
        head = _DESCRIPTION.sub(lambda _: mine, head, count=1)
    return head + tags + page_html[head_end:]
