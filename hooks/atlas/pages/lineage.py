"""The whole lineage: its page, and the block (with legend) the home page reuses."""

from __future__ import annotations

from ..diagrams import family_styles, lineage_diagram, story_diagram
from ..escape import html, json_script
from ..i18n import t
from ..vocabulary import CATEGORIES, label_of
from .writer import Context, Page, Writer, language_root


def lineage_page(ctx: Context) -> Page:
    """The explorer: the whole lineage, with pan and zoom, a family filter and a
    capability highlight (assets/atlas/explorer.js). Without JavaScript it is the
    static SVG in a scrolling box, and the controls stay hidden."""
    lang = ctx.lang
    w = Writer(ctx, "lineage/index.md")
    w.meta["hide"] = ["navigation", "toc"]  # the drawing needs the full width
    w.heading(1, t("lineage", lang))
    w.para(t("lineage.intro", lang))
    explorer_controls(w)
    w.add('<div class="atlas-explorer" markdown>', "")
    lineage_block(w)
    w.add("</div>", "")
    return w.page()


def lineage_block(w: Writer) -> None:
    """The whole lineage with its legend and text alternative."""
    ds, lang = w.ctx.dataset, w.lang
    w.diagram(
        lineage_diagram(ds, lang, language_root(w.src_uri)),
        edge_header=[t("parent", lang), t("child", lang), t("method", lang), t("grade", lang)],
    )
    w.para(f'<small class="atlas-screen-only">{html(t("diagram.scroll", lang))}</small>')
    legend_block(w)


def story_block(w: Writer) -> None:
    """The home page's picture: the path from davinci to ChatGPT, with its branches."""
    ds, lang = w.ctx.dataset, w.lang
    story = story_diagram(ds, lang, language_root(w.src_uri))
    w.diagram(
        story,
        edge_header=[t("parent", lang), t("child", lang), t("method", lang), t("grade", lang)],
    )
    legend_block(w, shown={m for row in story.edges for m in row[:2]})
    href = w.rel("lineage/index.md")
    w.para(t("story.more", lang, count=len(ds.models), href=href))


def explorer_controls(w: Writer) -> None:
    """The explorer's form, hidden until its script runs, and the highlight data."""
    ds, lang, status = w.ctx.dataset, w.lang, w.ctx.status
    families = "".join(
        f'<label><input type="checkbox" name="family" value="{html(fid)}" checked>'
        f'<span class="atlas-node" style="--atlas-swatch: {look.colour}" data-border='
        f'"{look.style}"></span>{html(look.label[lang])}</label>'
        for fid, look in family_styles(ds).items()
    )
    options = "".join(
        f'<option value="{html(cid)}">{html(ds.capabilities[cid]["name"][lang])}</option>'
        for cid in sorted(ds.capabilities, key=lambda c: ds.capabilities[c]["name"][lang])
    )
    highlight = {}
    for cid in sorted(ds.capabilities):
        states = {mid: status[mid][cid] for mid in ds.lineage.order}
        highlight[cid] = {
            "has": [mid for mid, s in states.items() if s.has],
            "origins": [mid for mid, s in states.items() if s.change == "origin"],
            "gained": [
                [s.edge.parent, mid] for mid, s in states.items() if s.change == "added" and s.edge
            ],
        }
    buttons = "".join(
        f'<button type="button" class="md-button" data-zoom="{action}">'
        f"{html(t(key, lang))}</button>"
        for action, key in (
            ("in", "explorer.zoom-in"),
            ("out", "explorer.zoom-out"),
            ("reset", "explorer.reset"),
        )
    )
    w.para(
        f'<form class="atlas-explorer__controls" data-atlas-explorer hidden '
        f'data-status="{html(t("explorer.status", lang))}">'
        f'<label class="atlas-explorer__capability">{html(t("explorer.capability", lang))} '
        f'<select name="capability"><option value="">{html(t("explorer.none", lang))}</option>'
        f"{options}</select></label>"
        f'<div class="atlas-explorer__zoom">{buttons}</div>'
        f'<details class="atlas-explorer__families"><summary>{html(t("explorer.families", lang))}'
        f" ({len(family_styles(ds))})</summary><fieldset><legend>"
        f"{html(t('explorer.families', lang))}</legend>{families}</fieldset></details>"
        f'<p class="atlas-explorer__help">{html(t("explorer.help", lang))}</p>'
        f'<p class="atlas-explorer__status" role="status" aria-live="polite"></p>'
        f"</form>"
        f'<script type="application/json" id="atlas-highlight">{json_script(highlight)}</script>'
    )


def legend_block(w: Writer, families: bool = True, shown: set[str] | None = None) -> None:
    """What the colours and lines mean: methods on edges, evidence grades, node families.

    `shown`: the models a diagram draws, so its legend lists only what it uses.
    """
    ds, lang = w.ctx.dataset, w.lang
    edges = [e for e in ds.lineage.edges if shown is None or {e.parent, e.child} <= shown]
    categories = {ds.methods[edge.method]["category"] for edge in edges}
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
        _legend_list(
            w,
            t("legend.families", lang),
            [
                _legend_item(f"atlas-node atlas-node--{look.style}", look.colour, look.label[lang])
                for fid, look in family_styles(ds).items()
                if shown is None or any(ds.models[m]["family"] == fid for m in shown)
            ],
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
