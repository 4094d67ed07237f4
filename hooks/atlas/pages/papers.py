"""Paper pages and the list of papers."""

from __future__ import annotations

from ..escape import md, md_block, md_link, search_tag
from ..i18n import format_billions, format_date, t
from .writer import (
    ORIGINAL_TITLE,
    Context,
    Page,
    Writer,
    edit_note,
    notes_section,
    paper_host,
    record_sources,
    sort_key,
)


def paper_page(ctx: Context, pid: str) -> Page:
    ds, lang = ctx.dataset, ctx.lang
    paper = ds.papers[pid]
    w = Writer(ctx, f"papers/{pid}.md")
    # The original title heads the page in every language; other languages give its
    # translation under it (and their search finds the page by either).
    # The label on its search results, in the page's language: short names are
    # English ("GPT-2 paper"), like the original titles; others say "paper".
    if lang != ORIGINAL_TITLE:
        w.meta["tags"] = [search_tag(t("paper.tag", lang))]
    elif paper.get("short_name"):
        w.meta["tags"] = [search_tag(paper["short_name"])]
    if lang == ORIGINAL_TITLE:
        w.title(paper["title"][lang])
    else:
        w.original_title(paper["title"][ORIGINAL_TITLE], ORIGINAL_TITLE, paper["title"][lang])
    w.para(md_block(paper["summary"][lang]) + w.cite(paper["sources"][:1]))
    authors = ", ".join(md(a) for a in paper.get("authors") or [])
    if paper.get("et_al"):
        authors += f" {t('et_al', lang)}"
    facts = [
        (t("published", lang), format_date(paper["published"], lang)),
        (t("organization", lang), ", ".join(md(o) for o in paper["organizations"])),
    ]
    if authors:
        facts.append((t("authors", lang), authors))
    if paper.get("venue"):
        facts.append((t("venue", lang), md(paper["venue"])))
    facts.append((t("read", lang), md_link(paper_host(paper), paper["url"])))
    if paper.get("introduces"):
        facts.append((t("introduces", lang), ", ".join(w.model(m) for m in paper["introduces"])))
    w.table([t("field", lang), t("value", lang)], facts, css="atlas-facts")
    if paper.get("model_mapping"):
        w.heading(2, t("model_mapping", lang))
        rows = []
        for row in paper["model_mapping"]:
            api = md(row["api_name"]) if row.get("api_name") else f"*{t('no_api_match', lang)}*"
            if row.get("api_name") and row["api_name"] in ds.models:
                api = w.model(row["api_name"])
            name = w.model(row["model"]) if row.get("model") else md(row["paper_name"])
            if row.get("model") and ds.models[row["model"]]["name"] != row["paper_name"]:
                name = f"{md(row['paper_name'])} ({w.model(row['model'])})"
            rows.append(
                [
                    name,
                    api,
                    format_billions(row["billions"], lang) if row.get("billions") else "",
                    md(row["note"][lang]) if row.get("note") else "",
                ]
            )
        w.table(
            [t("paper_name", lang), t("api_name", lang), t("parameters", lang), t("note", lang)],
            rows,
        )
        w.para(t("source", lang) + ": " + w.cite(paper["mapping_sources"]))
    methods = [m for m, rec in ds.methods.items() if pid in (rec.get("papers") or [])]
    if methods:
        w.heading(2, t("methods", lang))
        w.add(*(f"- {w.method(m)}" for m in methods), "")
    notes_section(w, paper)
    record_sources(w, paper)
    edit_note(w, "papers", pid)
    return w.page()


def papers_index(ctx: Context) -> Page:
    ds, lang = ctx.dataset, ctx.lang
    w = Writer(ctx, "papers/index.md")
    w.heading(1, t("papers", lang))
    w.para(t("papers.intro", lang))
    rows = [
        [
            w.paper(pid),
            sort_key(format_date(p["published"], lang), p["published"]),
            ", ".join(md(o) for o in p["organizations"]),
            md_link(paper_host(p), p["url"]),
            ", ".join(w.model(m) for m in p.get("introduces") or []),
        ]
        for pid, p in sorted(ds.papers.items(), key=lambda kv: (kv[1]["published"], kv[0]))
    ]
    w.table(
        [
            t("title", lang),
            t("published", lang),
            t("organization", lang),
            t("read", lang),
            t("introduces", lang),
        ],
        rows,
        sortable=True,
        css="atlas-papers",
        sorted_by=1,
    )
    return w.page()
