"""Capability pages, the capability-source table and the model × capability matrix."""

from __future__ import annotations

from ..claims import cell_claim, origin_key
from ..dataset import Dataset
from ..diagrams import capability_diagram
from ..escape import html, md, md_block
from ..i18n import t
from ..vocabulary import CELLS
from .writer import (
    Context,
    Page,
    Writer,
    edit_note,
    effect_of,
    family_name,
    language_root,
    notes_section,
    record_sources,
)


def capabilities_index(ctx: Context) -> Page:
    lang = ctx.lang
    w = Writer(ctx, "capabilities/index.md")
    w.meta["hide"] = ["navigation", "toc"]  # a wide table
    w.heading(1, t("capabilities", lang))
    w.para(t("capabilities.intro", lang) + f" [{t('matrix', lang)}](matrix.md)")
    capability_table(w)
    return w.page()


def capability_table(w: Writer, compact: bool = False) -> None:
    """Capability → source stage → first model → evidence.

    The compact form (for articles) gives one row per capability and leaves the
    evidence text to the capability's own page.
    """
    ds, lang = w.ctx.dataset, w.lang
    if compact:
        rows = []
        for cid in _capability_order(ds):
            origins = ds.capabilities[cid]["origins"]
            rows.append(
                [
                    w.capability(cid),
                    "<br>".join(w.method(o["method"]) for o in origins),
                    "<br>".join(w.model(o["model"]) for o in origins),
                    "<br>".join(w.claim(origin_key(cid, o["model"])) for o in origins),
                ]
            )
        header = ["capability", "source_stage", "first_model", "grade"]
    else:
        rows = [
            [
                w.capability(cid),
                w.method(origin["method"]),
                w.model(origin["model"]),
                md(origin["evidence"][lang]) + w.cite(origin["sources"]),
                w.claim(origin_key(cid, origin["model"])),
            ]
            for cid in _capability_order(ds)
            for origin in ds.capabilities[cid]["origins"]
        ]
        header = ["capability", "source_stage", "first_model", "evidence", "grade"]
    w.table([t(key, lang) for key in header], rows, sortable=True)


def _capability_order(ds: Dataset) -> list[str]:
    """Capabilities in the order they first appear along the lineage."""
    position = {mid: i for i, mid in enumerate(ds.lineage.order)}
    return sorted(
        ds.capabilities,
        key=lambda c: (min(position[o["model"]] for o in ds.capabilities[c]["origins"]), c),
    )


# The family the matrix opens on: the models the site is about. The others are a tick away.
MATRIX_FAMILY = "gpt-3.5"


def matrix_page(ctx: Context) -> Page:
    ds, lang = ctx.dataset, ctx.lang
    w = Writer(ctx, "capabilities/matrix.md")
    w.meta["hide"] = ["navigation", "toc"]  # a wide table
    w.heading(1, t("matrix", lang))
    w.para(t("matrix.intro", lang))
    _cell_legend(w)
    families = list(dict.fromkeys(ds.models[mid]["family"] for mid in ds.lineage.order))
    _family_filter(w, families)
    order = _capability_order(ds)
    rows = []
    for mid in ds.lineage.order:
        family = ds.models[mid]["family"]
        cells = [f'<span class="atlas-row" data-family="{html(family)}"></span>' + w.model(mid)]
        for cid in order:
            cells.append(matrix_cell(w, mid, cid))
        rows.append(cells)
    w.table(
        [t("model", lang)] + [w.capability(c) for c in order],
        rows,
        sortable=True,
        css="atlas-matrix",
    )
    return w.page()


def matrix_cell(w: Writer, mid: str, cid: str) -> str:
    """One cell: its state in words, opening the claim behind it; nothing to open when
    nothing is recorded."""
    ctx = w.ctx
    state = ctx.status[mid][cid].cell
    label = CELLS[state].label[w.lang]
    key = cell_claim(ctx.status, ctx.traces, mid, cid)
    css = f"atlas-cell atlas-cell--{state}"
    rank = str(cell_rank(state))
    if key is None:
        return f'<span class="{css}" data-sort="{rank}">{html(label)}</span>'
    return w.claim(key, label=label, css=css, sort=rank)


# How a matrix column sorts: models that have the capability first, strongest first,
# then those recorded without it, then those nothing is recorded for.
CELL_ORDER = ("gained", "strengthened", "inherited", "weakened", "lost", "absent")


def cell_rank(state: str) -> int:
    return CELL_ORDER.index(state) if state in CELL_ORDER else len(CELL_ORDER)


def _cell_legend(w: Writer) -> None:
    lang = w.lang
    w.add(f'<dl class="atlas-legend" aria-label="{html(t("matrix.legend", lang))}">')
    for state, value in CELLS.items():
        w.add(
            f'<div><dt><span class="atlas-cell atlas-cell--{state}">{html(value.label[lang])}'
            f"</span></dt><dd>{html(value.title[lang])}</dd></div>"
        )
    w.add("</dl>", "")


def _family_filter(w: Writer, families: list[str]) -> None:
    """Tick boxes that hide and show the matrix's rows by family (atlas-filter.js).

    Without JavaScript the form stays hidden and every row shows.
    """
    lang = w.lang
    boxes = "".join(
        f'<label><input type="checkbox" value="{html(f)}"'
        f"{' checked' if f == MATRIX_FAMILY else ''}> {html(family_name(f, lang))}</label>"
        for f in families
    )
    w.add(
        f'<form class="atlas-filter" data-atlas-filter="family" hidden>'
        f"<p>{html(t('matrix.default', lang))}</p>"
        f"<fieldset><legend>{html(t('matrix.show', lang))}</legend>{boxes}"
        f'<button type="button" data-atlas-all>{html(t("matrix.all", lang))}</button></fieldset>'
        f'<p class="atlas-filter__count" aria-live="polite"'
        f' data-template="{html(t("matrix.count", lang))}"></p></form>',
        "",
    )


def capability_page(ctx: Context, cid: str) -> Page:
    ds, lang = ctx.dataset, ctx.lang
    cap = ds.capabilities[cid]
    w = Writer(ctx, f"capabilities/{cid}.md")
    w.title(cap["name"][lang])
    w.para(md_block(cap["description"][lang]) + w.cite(cap["sources"][:1]))
    if cap.get("glossary"):
        w.para(t("related_terms", lang) + ": " + ", ".join(w.term(g) for g in cap["glossary"]))
    w.heading(2, t("origins", lang))
    w.table(
        [t("source_stage", lang), t("first_model", lang), t("evidence", lang), t("grade", lang)],
        (
            [
                w.method(o["method"]),
                w.model(o["model"]),
                md(o["evidence"][lang]) + w.cite(o["sources"]),
                w.claim(origin_key(cid, o["model"])),
            ]
            for o in cap["origins"]
        ),
    )
    has = {mid: ctx.status[mid][cid] for mid in ds.lineage.order}
    w.heading(2, t("lineage", lang))
    w.diagram(capability_diagram(ds, cid, has, lang, language_root(w.src_uri)))
    w.heading(2, t("models_with", lang))
    rows = []
    for mid in ds.lineage.order:
        state = has[mid]
        if state.cell == "not-recorded":
            continue
        edge = state.edge
        source = ""
        if edge is not None:
            source = w.method(edge.method) + w.cite(effect_of(edge, cid)["sources"])
        rows.append([w.model(mid), matrix_cell(w, mid, cid), source])
    w.table([t("model", lang), t("capability", lang), t("method", lang)], rows, sortable=True)
    if cap.get("open_questions"):
        w.heading(2, t("open_questions", lang))
        for note in cap["open_questions"]:
            w.add(f"- {md(note['text'][lang])}{w.cite(note['sources'])}")
        w.add("")
    notes_section(w, cap)
    record_sources(w, cap)
    edit_note(w, "capabilities", cid)
    return w.page()
