"""Training-method pages and the list of methods."""

from __future__ import annotations

from ..diagrams import pipeline_diagram
from ..escape import html, md, md_block
from ..i18n import t
from ..vocabulary import CATEGORIES, label_of
from .writer import Context, Page, Writer, edit_note, notes_section, record_sources


def method_page(ctx: Context, mid: str) -> Page:
    ds, lang = ctx.dataset, ctx.lang
    method = ds.methods[mid]
    w = Writer(ctx, f"methods/{mid}.md")
    title = method["name"][lang]
    if method.get("abbr") and method["abbr"] not in title:
        title += f" ({method['abbr']})"
    w.title(title)
    w.para(md_block(method["summary"][lang]) + w.cite(method["sources"][:1]))
    w.para(f"{t('category', lang)}: {html(label_of(CATEGORIES, method['category'], lang))}")
    if method.get("description"):
        w.para(md_block(method["description"][lang]))
    if method.get("pipeline"):
        w.heading(2, t("pipeline", lang))
        w.diagram(pipeline_diagram(method, lang))
        w.para(t("source", lang) + ": " + w.cite(method["pipeline"]["sources"]))
        steps = {n["id"]: n for n in method["pipeline"]["nodes"]}
        for edge in method["pipeline"]["edges"]:
            label = f" ({md(edge['label'][lang])})" if edge.get("label") else ""
            w.add(
                f"1. {md(steps[edge['from']]['label'][lang])} → "
                f"{md(steps[edge['to']]['label'][lang])}{label}"
            )
        w.add("")
    if method.get("numbers"):
        w.heading(2, t("numbers", lang))
        w.table(
            [t("name", lang), ""],
            (
                [md(n["label"][lang]), md(n["value"][lang]) + w.cite(n["sources"])]
                for n in method["numbers"]
            ),
        )
    used = ds.models_using(mid)
    if used:
        w.heading(2, t("used_by", lang))
        w.para(", ".join(w.model(m) for m in used))
    links = [w.paper(p) for p in method.get("papers") or []]
    if links:
        w.heading(2, t("papers", lang))
        w.add(*(f"- {link}" for link in links), "")
    if method.get("glossary"):
        w.para(t("related_terms", lang) + ": " + ", ".join(w.term(g) for g in method["glossary"]))
    notes_section(w, method)
    record_sources(w, method)
    edit_note(w, "methods", mid)
    return w.page()


def methods_index(ctx: Context) -> Page:
    ds, lang = ctx.dataset, ctx.lang
    w = Writer(ctx, "methods/index.md")
    w.heading(1, t("methods", lang))
    w.para(t("methods.intro", lang))
    order = list(CATEGORIES)
    rows = [
        [w.method(mid), html(label_of(CATEGORIES, m["category"], lang)), md(m["summary"][lang])]
        for mid, m in sorted(
            ds.methods.items(), key=lambda kv: (order.index(kv[1]["category"]), kv[0])
        )
    ]
    w.table([t("method", lang), t("category", lang), t("summary", lang)], rows)
    return w.page()
