"""The whole lineage: its page, and the block (with legend) the home page reuses."""

from __future__ import annotations

from ..diagrams import family_tints, lineage_diagram
from ..escape import html
from ..i18n import t
from ..vocabulary import CATEGORIES, label_of
from .writer import Context, Page, Writer, language_root


def lineage_page(ctx: Context) -> Page:
    lang = ctx.lang
    w = Writer(ctx, "lineage/index.md")
    w.meta["hide"] = ["navigation", "toc"]  # the drawing needs the full width
    w.heading(1, t("lineage", lang))
    w.para(t("lineage.intro", lang))
    lineage_block(w)
    return w.page()


def lineage_block(w: Writer) -> None:
    """The whole lineage with its legend and text alternative; also used on the home page."""
    ds, lang = w.ctx.dataset, w.lang
    w.diagram(
        lineage_diagram(ds, lang, language_root(w.src_uri)),
        edge_header=[t("parent", lang), t("child", lang), t("method", lang), t("grade", lang)],
    )
    w.para(f"<small>{html(t('diagram.scroll', lang))}</small>")
    legend_block(w)


def legend_block(w: Writer, families: bool = True) -> None:
    """What the colours and lines mean: methods on edges, evidence grades, node families."""
    ds, lang = w.ctx.dataset, w.lang
    categories = {ds.methods[edge.method]["category"] for edge in ds.lineage.edges}
    order = list(CATEGORIES)
    methods = [
        _legend_item("atlas-swatch", CATEGORIES[c].colour, label_of(CATEGORIES, c, lang))
        for c in sorted(categories, key=order.index)
    ]
    methods += [
        _legend_item(f"atlas-line atlas-line--{style}", "", t(key, lang))
        for style, key in (
            ("solid", "legend.solid"),
            ("dashed", "legend.dashed"),
            ("dotted", "legend.dotted"),
        )
    ]
    _legend_list(w, t("legend.methods", lang), methods)
    if families:
        tints = family_tints(ds)
        _legend_list(
            w,
            t("legend.families", lang),
            [_legend_item("atlas-node", colour, name) for name, colour in tints.items()],
        )


def _legend_item(css: str, colour: str, label: str) -> str:
    style = f' style="--atlas-swatch: {colour}"' if colour else ""
    return f'<span class="{css}"{style}></span>{html(label)}'


def _legend_list(w: Writer, title: str, items: list[str]) -> None:
    w.para(
        f'<div class="atlas-legend" role="list" aria-label="{html(title)}">'
        f'<strong class="atlas-legend__title">{html(title)}</strong>'
        + "".join(f'<span role="listitem">{item}</span>' for item in items)
        + "</div>"
    )
