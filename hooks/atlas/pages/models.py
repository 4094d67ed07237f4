"""Model pages and the list of models."""

from __future__ import annotations

from ..capabilities import Trace
from ..claims import cell_claim, edge_key, effect_key, observation_key
from ..dataset import earliest_date, first_date
from ..diagrams import neighbourhood_diagram
from ..escape import html, md, md_block, search_tag
from ..graph import Edge
from ..i18n import format_billions, format_date, format_int, join, t
from ..vocabulary import AVAILABILITY, CHANGES, DATE_KINDS, OBSERVED, label_of
from .writer import (
    Context,
    Data,
    Page,
    Writer,
    edit_note,
    effect_of,
    family_name,
    language_root,
    notes_section,
    record_sources,
    site_root,
    sort_key,
)


def model_page(ctx: Context, mid: str) -> Page:
    ds, lang = ctx.dataset, ctx.lang
    model = ds.models[mid]
    w = Writer(ctx, f"models/{mid}.md")
    w.title(model["name"])
    # Material's search weighs tags far above text: aliases (ChatGPT, GPT-3 175B…)
    # then find this page first. Without the tags plugin they are not displayed.
    aliases = [a for names in (model.get("aliases") or {}).values() for a in names]
    if aliases:
        w.meta["tags"] = [search_tag(a) for a in dict.fromkeys(aliases)]
    w.para(md_block(model["summary"][lang]) + w.cite(model["sources"][:1]))

    facts: list[tuple[str, str]] = [
        (t("organization", lang), md(model["organization"])),
        (t("family", lang), html(family_name(model["family"], lang))),
    ]
    aliases = model.get("aliases") or {}
    for kind in ("api", "paper", "product", "other"):
        if aliases.get(kind):
            facts.append(
                (
                    t(f"alias.{kind}", lang),
                    join((md(a) for a in aliases[kind]), lang),
                )
            )
    if model.get("parameters"):
        facts.append((t("parameters", lang), _parameters(w, model["parameters"])))
    if model.get("context_window"):
        window = model["context_window"]
        value = f"{format_int(window['tokens'], lang)} {t('tokens', lang)}"
        if window.get("note"):
            value += f" ({md(window['note'][lang])})"
        facts.append((t("context_window", lang), value + w.cite(window["sources"])))
    for entry in model.get("dates") or []:
        value = format_date(entry["date"], lang)
        if entry.get("note"):
            value += f" ({md(entry['note'][lang])})"
        kind = label_of(DATE_KINDS, entry["kind"], lang)
        facts.append((kind, value + w.cite(entry["sources"])))
    if model.get("availability"):
        facts.append(
            (
                t("availability", lang),
                join((label_of(AVAILABILITY, a, lang) for a in model["availability"]), lang),
            )
        )
    papers = ds.papers_of(mid)
    if papers:
        facts.append((t("described_by", lang), "<br>".join(w.paper(p) for p in papers)))
    w.table([t("field", lang), t("value", lang)], facts, css="atlas-facts")

    _model_lineage(w, mid)
    _model_abilities(w, mid)

    if model.get("training_data"):
        w.heading(2, t("training_data", lang))
        for note in model["training_data"]:
            w.add(f"- {md(note['text'][lang])}{w.cite(note['sources'])}")
        w.add("")
    limits = [lid for lid, lim in ds.limitations.items() if mid in lim["affects"]]
    if limits:
        w.heading(2, t("limitations", lang))
        for lid in limits:
            w.add(f"- {w.limitation(lid)}")
        w.add("")
    notes_section(w, model)
    record_sources(w, model)
    edit_note(w, "models", mid)
    return w.page()


def _parameters(w: Writer, params: Data) -> str:
    lang = w.lang
    if "billions" in params:
        value = format_billions(params["billions"], lang)
        if params.get("approximate"):
            value = f"{t('approximately', lang)} {value}"
    else:
        value = t("undisclosed", lang)
    if params.get("note"):
        value += f" ({md(params['note'][lang])})"
    return value + w.cite(params["sources"])


def _edge_table(w: Writer, edges: list[Edge], other: str) -> None:
    lang = w.lang
    rows = []
    for edge in edges:
        entry = edge.data
        grade = w.claim(edge_key(edge.child, edge.parent))  # first: the edge's own evidence
        effects = "; ".join(
            f"{w.capability(e['capability'])} {label_of(CHANGES, e['change'], lang)} "
            f"{w.claim(effect_key(edge.child, edge.parent, e['capability']))}"
            for e in entry.get("effects") or []
        )
        note = md(entry["note"][lang]) if entry.get("note") else ""
        rows.append(
            [
                w.model(edge.parent if other == "parent" else edge.child),
                w.method(edge.method),
                grade,
                note,
                effects,
            ]
        )
    w.table(
        [t(other, lang), t("method", lang), t("grade", lang), t("note", lang), t("effects", lang)],
        rows,
    )


def _model_lineage(w: Writer, mid: str) -> None:
    ds, lang = w.ctx.dataset, w.lang
    lineage = ds.lineage
    w.heading(2, t("lineage", lang))
    w.diagram(neighbourhood_diagram(ds, mid, lang, language_root(w.src_uri)))
    w.para(f"<small>{html(t('diagram.scroll', lang))}</small>")
    w.heading(3, t("parents", lang))
    if lineage.parents[mid]:
        _edge_table(w, lineage.parents[mid], "parent")
    else:
        origin = lineage.origin_method(mid) or ""
        w.para(t("no_parents", lang, method=w.method(origin)))
    w.heading(3, t("children", lang))
    if lineage.children[mid]:
        _edge_table(w, lineage.children[mid], "child")
    else:
        w.para(t("no_children", lang))


# A path longer than this shows its first model, a count, and its last models: the
# page of a model 300 generations down stays as small as any other.
SHOWN_PATH = 6


def _path_cell(w: Writer, mid: str, trace: Trace) -> str:
    if trace.steps == 1:
        return ""
    traces = w.ctx.traces
    keep = trace.steps if trace.steps <= SHOWN_PATH else SHOWN_PATH - 2
    tail = [mid]
    current = trace
    while current.previous is not None and len(tail) < keep:
        tail.append(current.previous)
        current = traces[current.previous][trace.capability]
    tail.reverse()
    if trace.steps <= SHOWN_PATH:
        return " → ".join(w.model(m) for m in tail)
    hidden = trace.steps - len(tail) - 1
    between = t("path.more", w.lang, n=hidden)
    return " → ".join([w.model(trace.gained_at), between, *(w.model(m) for m in tail)])


def _changes_cell(w: Writer, trace: Trace) -> str:
    lang = w.lang
    cells = [
        f"{w.model(m)}: {label_of(CHANGES, change, lang)}"
        f"{w.cite(effect_of(edge, trace.capability)['sources'])}"
        for m, change, edge in trace.changes
    ]
    earlier = trace.change_count - len(trace.changes)
    if earlier:
        cells.insert(0, t("changes.earlier", lang, n=earlier))
    return "; ".join(cells)


def _model_abilities(w: Writer, mid: str) -> None:
    ds, lang = w.ctx.dataset, w.lang
    w.heading(2, t("ability_sources", lang))
    traces = list(w.ctx.traces[mid].values())
    if not traces:
        w.para(t("ability_sources.none", lang))
    else:
        w.para(t("ability_sources.intro", lang))
        rows = []
        for trace in traces:
            rows.append(
                [
                    w.capability(trace.capability),
                    w.model(trace.gained_at),
                    w.method(trace.method),
                    w.claim(_gained_claim(w, trace)),
                    _path_cell(w, mid, trace),
                    _changes_cell(w, trace),
                ]
            )
        w.table(
            [
                t("capability", lang),
                t("gained_at", lang),
                t("source_stage", lang),
                t("grade", lang),
                t("path", lang),
                t("along_the_way", lang),
            ],
            rows,
        )
    observed = ds.models[mid].get("capabilities") or []
    if observed:
        w.heading(3, t("observed", lang))
        for item in observed:
            note = f" — {md(item['note'][lang])}" if item.get("note") else ""
            badge = w.claim(observation_key(mid, item["capability"]))
            w.add(
                f"- {w.capability(item['capability'])}: {label_of(OBSERVED, item['status'], lang)}"
                f" {badge}{note}"
            )
        w.add("")


def _gained_claim(w: Writer, trace: Trace) -> str:
    key = cell_claim(w.ctx.status, w.ctx.traces, trace.gained_at, trace.capability)
    assert key is not None  # a trace starts where a claim gave the capability
    return key


def models_index(ctx: Context) -> Page:
    ds, lang = ctx.dataset, ctx.lang
    w = Writer(ctx, "models/index.md")
    w.heading(1, t("models", lang))
    w.para(t("models.intro", lang) + " " + t("count.models", lang, n=len(ds.models)))
    undated = [mid for mid in ds.lineage.order if first_date(ds.models[mid]) is None]
    sentences = [t("models.order", lang)] + ([t("models.undated", lang)] if undated else [])
    w.para(t("sentence.join", lang).join(sentences))
    rows = []
    for mid in chronological(ctx):
        model = ds.models[mid]
        params = model.get("parameters") or {}
        first = first_date(model)
        window = (model.get("context_window") or {}).get("tokens")
        rows.append(
            [
                w.model(mid),
                md(model["organization"]),
                html(family_name(model["family"], lang)),
                sort_key(format_date(first, lang), first) if first else sort_key("", None),
                sort_key(format_billions(params["billions"], lang), params["billions"])
                if "billions" in params
                else sort_key("", None),
                sort_key(format_int(window, lang), window) if window else sort_key("", None),
                ", ".join(w.model(e.parent) for e in ds.lineage.parents[mid]),
            ]
        )
    w.table(
        [
            t("model", lang),
            t("organization", lang),
            t("family", lang),
            t("date", lang),
            t("parameters", lang),
            t("context_window", lang),
            t("parents", lang),
        ],
        rows,
        sortable=True,
        css="atlas-models",
        sorted_by=DATE_COLUMN,
    )
    _exports_note(w)
    return w.page()


# The models list opens in order of first appearance (the column of first dates).
DATE_COLUMN = 3


def chronological(ctx: Context) -> list[str]:
    """Models by first date; models with no known date last; ties in lineage order."""
    ds = ctx.dataset
    position = ds.lineage.position
    return sorted(ds.lineage.order, key=lambda m: (earliest_date(ds.models[m]), position[m]))


def _exports_note(w: Writer) -> None:
    w.heading(2, t("exports", w.lang))
    w.para(t("exports.intro", w.lang))
    root = site_root(w.src_uri, w.lang)
    for name in (
        "models.json",
        "models.csv",
        "dataset.json",
        "claims.json",
        "capability-matrix.json",
        "citation.bib",  # the dataset's citation (reuse.py), made from CITATION.cff
        "CITATION.cff",
    ):
        w.add(f'- <a href="{root}api/{name}" download>/api/{name}</a>')
    w.add("")
