"""Hand-written pages: each has its twin in the other language, and links resolve.

`mkdocs build --strict` (with validation.links and anchors set to warn) fails on a
broken internal link, a missing anchor, or a citation that is not a paper or source
id; the real-site build in test_site checks that. Here: the twins, and that the
articles actually use the data (links, citations, hover definitions).
"""

from __future__ import annotations

import re

from conftest import ROOT, Build

DOCS = ROOT / "docs"


def hand_written() -> list[str]:
    return sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md"))


def test_every_page_has_its_twin() -> None:
    pages = set(hand_written())
    missing = []
    for page in pages:
        twin = page[: -len(".en.md")] + ".md" if page.endswith(".en.md") else page[:-3] + ".en.md"
        if twin not in pages:
            missing.append(f"{page} has no twin {twin}")
    assert not missing, "\n".join(missing)


def test_articles_link_into_the_data_and_cite_it() -> None:
    for path in sorted((DOCS / "articles").glob("*.md")):
        if path.name.startswith("index"):
            continue
        text = path.read_text(encoding="utf-8")
        kinds = set(re.findall(r"\]\(\.\./(models|papers|methods|capabilities|glossary)/", text))
        assert kinds, f"{path.name} links to no generated page"
        assert re.search(r"\[\^[a-z0-9][a-z0-9._-]*\]", text), f"{path.name} cites nothing"


def test_built_articles_have_hover_definitions(site: Build) -> None:
    for path in sorted((DOCS / "articles").glob("*.md")):
        if path.name.startswith("index"):
            continue
        lang = "en/" if path.name.endswith(".en.md") else ""
        slug = path.name.split(".")[0]
        html = site.page(f"{lang}articles/{slug}/")
        assert '<a class="atlas-term footnote-ref"' in html, path.name
