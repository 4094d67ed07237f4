"""The reference pages: glossary, limitations and web sources, one page each."""

from __future__ import annotations

from ..escape import html, md, md_block, md_link
from ..i18n import format_date, other, t
from ..vocabulary import SOURCE_TYPES, label_of
from .writer import OWN_ANCHOR, Context, Page, Writer, sorted_by_name, term_anchor


def glossary_page(ctx: Context) -> Page:
    ds, lang = ctx.dataset, ctx.lang
    w = Writer(ctx, "glossary/index.md")
    w.heading(1, t("glossary", lang), anchor=OWN_ANCHOR)
    w.para(t("glossary.intro", lang))
    for tid in sorted_by_name(ds.glossary, ds.glossary, lang, "term"):
        term = ds.glossary[tid]
        second = other(lang)
        title = md(term["term"][lang])
        w.heading(2, title, anchor=tid)
        names = [f'<span id="{term_anchor(tid)}"></span>' + md(term["term"][second])]
        if term.get("abbr"):
            names.append(md(term["abbr"]))
        names += [md(a) for a in (term.get("aliases") or {}).get(lang, [])]
        w.para("*" + " · ".join(names) + "*")
        w.para(md_block(term["definition"][lang]) + w.cite(term["sources"]))
        extras = []
        see = term.get("see") or {}
        for kind, link in (
            ("method", w.method),
            ("capability", w.capability),
            ("model", w.model),
            ("paper", w.paper),
        ):
            if kind in see:
                extras.append(f"{t('see_also', lang)}: {link(see[kind])}")
        if term.get("related"):
            extras.append(
                t("related_terms", lang) + ": " + ", ".join(w.term(r) for r in term["related"])
            )
        if extras:
            w.para("<br>".join(extras))
    return w.page()


def limitations_page(ctx: Context) -> Page:
    ds, lang = ctx.dataset, ctx.lang
    w = Writer(ctx, "limitations/index.md")
    w.heading(1, t("limitations", lang), anchor=OWN_ANCHOR)
    w.para(t("limitations.intro", lang))
    for lid, lim in sorted(ds.limitations.items()):
        w.heading(2, md(lim["name"][lang]), anchor=lid)
        w.para(md_block(lim["description"][lang]) + w.cite(lim["sources"]))
        w.para(f"{t('affects', lang)}: " + ", ".join(w.model(m) for m in lim["affects"]))
        if lim.get("examples"):
            w.heading(3, t("examples", lang))
            w.add(*(f"- {md(e['text'][lang])}{w.cite(e['sources'])}" for e in lim["examples"]), "")
        if lim.get("mitigations"):
            w.heading(3, t("mitigations", lang))
            for item in lim["mitigations"]:
                refs = [w.model(m) for m in item.get("models") or []]
                refs += [w.paper(p) for p in item.get("papers") or []]
                extra = f" ({', '.join(refs)})" if refs else ""
                w.add(f"- {md(item['text'][lang])}{extra}{w.cite(item['sources'])}")
            w.add("")
    return w.page()


def sources_page(ctx: Context) -> Page:
    ds, lang = ctx.dataset, ctx.lang
    w = Writer(ctx, "sources/index.md")
    w.heading(1, t("sources", lang), anchor=OWN_ANCHOR)
    w.para(t("sources.intro", lang) + f" [{t('papers', lang)}](../papers/index.md)")
    for primary in (True, False):
        ids = [s for s, rec in sorted(ds.sources.items()) if rec["primary"] == primary]
        if not ids:
            continue
        w.heading(
            2,
            t("sources.primary" if primary else "sources.secondary", lang),
            anchor="_primary" if primary else "_secondary",
        )
        for sid in ids:
            source = ds.sources[sid]
            kind = html(label_of(SOURCE_TYPES, source["type"], lang))
            date = f", {format_date(source['published'], lang)}" if source.get("published") else ""
            w.add(
                f'- <span id="{html(sid)}"></span>{md_link(source["title"], source["url"])} · '
                f"{md(source['publisher'])}{date} · {kind}"
                f" — {md(source['description'][lang])}"
            )
        w.add("")
    return w.page()
