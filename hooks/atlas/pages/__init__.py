"""Records → Markdown, one renderer per page kind and language, registered here.

`writer` holds what every renderer shares; each other module renders one kind of
page. The registry below is the one list of generated pages: their source paths
come from the record ids alone (`page_uris`), so checking needs no rendering.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from .capabilities import capabilities_index, capability_page, capability_table, matrix_page
from .changelog import SRC_URI as CHANGELOG
from .claims import claims_page
from .lineage import legend_block, lineage_block, lineage_page, story_block
from .methods import method_page, methods_index
from .models import model_page, models_index
from .papers import paper_page, papers_index
from .reference import glossary_page, limitations_page, sources_page
from .writer import Context, Page, Writer, evidence_section, term_anchor

__all__ = [
    "Context",
    "Page",
    "Writer",
    "all_pages",
    "capability_table",
    "evidence_section",
    "legend_block",
    "lineage_block",
    "page_uris",
    "story_block",
    "term_anchor",
]

PER_RECORD: dict[str, Callable[[Context, str], Page]] = {
    "models": model_page,
    "papers": paper_page,
    "methods": method_page,
    "capabilities": capability_page,
}


SINGLE: dict[str, Callable[[Context], Page]] = {
    "models/index.md": models_index,
    "papers/index.md": papers_index,
    "methods/index.md": methods_index,
    "capabilities/index.md": capabilities_index,
    "capabilities/matrix.md": matrix_page,
    "claims/index.md": claims_page,
    "lineage/index.md": lineage_page,
    "glossary/index.md": glossary_page,
    "limitations/index.md": limitations_page,
    "sources/index.md": sources_page,
}


def page_uris(ids: Mapping[str, Iterable[str]]) -> list[str]:
    """The source path of every generated page, from the record ids alone (no rendering).

    `ids` maps a kind to its ids: a Dataset's records, or the file names under data/
    when the data is broken but docs/ still needs checking against the pages.
    """
    uris = [*SINGLE, CHANGELOG]  # the change log is made from the git history (snapshot.py)
    for kind in PER_RECORD:
        uris += [f"{kind}/{rid}.md" for rid in ids.get(kind, ())]
    return uris


def all_pages(ctx: Context) -> list[Page]:
    pages = [render(ctx) for render in SINGLE.values()]
    for kind, render in PER_RECORD.items():
        pages += [render(ctx, rid) for rid in ctx.dataset.kind(kind)]
    return pages
