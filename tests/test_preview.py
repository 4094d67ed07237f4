"""Link previews on the built site: every page kind, both languages, from the data.

Descriptions are expected from the records' summaries and the articles' first
paragraphs as the files hold them, never from the program's output.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
import yaml

from conftest import ROOT, Build

SITE_URL = yaml.safe_load(
    re.search(r"^site_url:.*$", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    .group(0)
    .replace("!ENV", "")
)["site_url"][1]

PAGES = [  # one of every kind, in both languages
    "",
    "articles/how-rlhf-works/",
    "models/davinci/",
    "papers/2203.02155/",
    "methods/rlhf-ppo/",
    "capabilities/code-generation/",
    "capabilities/matrix/",
    "glossary/",
    "limitations/",
    "claims/",
    "sources/",
    "lineage/",
    "models/",
]


class Meta(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, list[str]] = {}

    def handle_starttag(self, tag: str, attrs: list) -> None:
        found = dict(attrs)
        key = found.get("property") or found.get("name")
        if tag == "meta" and key:
            self.meta.setdefault(key, []).append(found.get("content") or "")


def meta_of(build: Build, url: str) -> dict[str, list[str]]:
    parser = Meta()
    parser.feed(build.page(url))
    return parser.meta


@pytest.mark.parametrize("lang", ["", "en/"])
@pytest.mark.parametrize("path", PAGES)
def test_every_page_kind_has_its_link_preview(site: Build, path: str, lang: str) -> None:
    meta = meta_of(site, lang + path)
    for key in ("og:title", "og:description", "og:url", "og:image", "twitter:card"):
        assert len(meta.get(key, [])) == 1 and meta[key][0], (path, lang, key)
    assert meta["og:url"] == [SITE_URL + lang + path]
    assert meta["og:locale"] == [{"": "zh_CN", "en/": "en_US"}[lang]]
    assert meta["og:locale:alternate"] == [{"": "en_US", "en/": "zh_CN"}[lang]]
    assert meta["og:image"] == [SITE_URL + "assets/atlas/preview.png"]
    assert meta["description"] == meta["og:description"]  # one description, not Material's
    assert (site.site / "assets/atlas/preview.png").is_file()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_record_page_is_described_by_its_summary(site: Build, lang: str) -> None:
    model = yaml.safe_load((ROOT / "data/models/davinci.yaml").read_text(encoding="utf-8"))
    summary = " ".join(model["summary"][lang].split())
    meta = meta_of(site, ("" if lang == "zh" else "en/") + "models/davinci/")
    described = meta["og:description"][0]
    assert summary.startswith(described.removesuffix("…"))
    assert len(described) >= 40


def test_an_article_is_described_by_its_lead() -> None:
    from atlas import preview

    page = (
        '<html><head><meta name="description" content="site"></head><body>'
        '<article class="md-content__inner md-typeset"><h1 id="t">标题<a class="headerlink"'
        ' href="#t">¶</a></h1><p>第一段<sup id="fnref:1"><a href="#fn:1">1</a></sup>，'
        "<strong>很重要</strong>&amp;可信。</p><p>第二段</p></article></body></html>"
    )
    out = preview.with_preview(
        page, site_url="https://x.example/", page_url="a/", lang="zh", site_name="S"
    )
    assert '<meta name="description" content="第一段，很重要&amp;可信。">' in out
    assert '<meta property="og:title" content="标题">' in out
    assert '<meta property="og:type" content="article">' in out
    assert out.count('name="description"') == 1


def test_a_long_lead_is_cut_to_a_card() -> None:
    from atlas import preview

    assert preview.shorten("中" * 150) == "中" * 100 + "…"
    assert preview.shorten("word " * 30, 20) == "word word word word…"
    assert preview.shorten("short") == "short"
