"""Records → Markdown, one renderer per page kind and language.

Every generated page is plain Markdown with relative links to other `.md` files,
so MkDocs checks the links and mkdocs-static-i18n points them at the right
language. Data text goes through `escape.md`; raw HTML is limited to small badges
(escaped with `escape.html`) and diagram slots, which the hook fills with SVG
after Markdown has run.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from . import capabilities as caps
from . import diagrams
from .dataset import Dataset, first_date
from .escape import html, md, md_block, md_link, search_tag
from .graph import Edge
from .i18n import format_billions, format_date, format_int, t

Data = dict[str, Any]

# ---------------------------------------------------------------------------
# Page context and shared pieces
# ---------------------------------------------------------------------------


@dataclass
class Context:
    """What a renderer needs: the data, computed capability status, the language."""

    dataset: Dataset
    status: dict[str, dict[str, caps.Status]]
    lang: str


@dataclass
class Page:
    src_uri: str  # e.g. "models/davinci.md"; the English twin adds ".en"
    markdown: str
    diagrams: dict[str, diagrams.Diagram] = field(default_factory=dict)
    # Handed to MkDocs as page.meta by the hook, never written as YAML front matter:
    # front matter built from data text is one more syntax that data could break.
    meta: dict[str, object] = field(default_factory=dict)

    def slots(self) -> list[diagrams.Diagram]:
        return list(self.diagrams.values())


class Writer:
    """Collects the Markdown of one page, its footnotes and its diagram slots."""

    def __init__(self, ctx: Context, src_uri: str, label_prefix: str = ""):
        self.ctx = ctx
        self.label_prefix = label_prefix  # keeps footnote labels unique inside an article
        self.lang = ctx.lang
        self.src_uri = src_uri
        self.lines: list[str] = []
        self.meta: dict[str, object] = {}
        self.footnotes: dict[tuple, tuple[int, str]] = {}
        self.slots: dict[str, diagrams.Diagram] = {}

    # -- structure ------------------------------------------------------------
    def add(self, *lines: str) -> None:
        self.lines.extend(lines)

    def para(self, text: str) -> None:
        self.lines.extend([text, ""])

    def heading(self, level: int, text: str, anchor: str | None = None) -> None:
        suffix = f" {{ #{anchor} }}" if anchor else ""
        self.lines.extend([f"{'#' * level} {text}{suffix}", ""])

    def title(self, plain: str) -> None:
        """The page's H1 from data text.

        Material prints `page.meta.title` as it is (no autoescape) into <title>, the
        header and the search index, so the meta title is escaped HTML; without it
        Material would print `page.title` through `striptags`, which turns entities
        back into markup.
        """
        self.meta["title"] = html(" ".join(plain.split()))
        self.heading(1, md(plain))

    def table(
        self,
        header: Iterable[str],
        rows: Iterable[Iterable[str]],
        sortable: bool = False,
        css: str = "",
    ) -> None:
        header = list(header)
        rows = [list(r) for r in rows]
        if not rows:
            return
        classes = " ".join(c for c in ("atlas-sortable" if sortable else "", css) if c)
        if classes:
            self.lines.extend([f'<div class="{classes}" markdown>', ""])
        self.lines.append("| " + " | ".join(header) + " |")
        self.lines.append("|" + "|".join(" --- " for _ in header) + "|")
        for row in rows:
            self.lines.append("| " + " | ".join(cell or " " for cell in row) + " |")
        self.lines.append("")
        if classes:
            self.lines.extend(["</div>", ""])

    def diagram(self, diagram: diagrams.Diagram, edge_header: list[str] | None = None) -> None:
        """A slot the hook fills with SVG, plus the same information as text."""
        slot = f"d{len(self.slots) + 1}"
        self.slots[slot] = diagram
        self.lines.extend([f'<div class="atlas-diagram" data-atlas-slot="{slot}"></div>', ""])
        if diagram.note:
            self.para(md(diagram.note))
        if diagram.edges and edge_header:
            self.lines.extend([f'??? abstract "{t("diagram.edges", self.lang)}"', ""])
            inner = Writer(self.ctx, self.src_uri)
            inner.table(edge_header, (self._edge_cells(row) for row in diagram.edges))
            self.lines.extend("    " + line if line else "" for line in inner.lines)
            self.lines.append("")

    def _edge_cells(self, row: tuple[str, ...]) -> list[str]:
        ds = self.ctx.dataset
        if len(row) == 4 and row[0] in ds.models:
            parent, child, method, grade = row
            return [self.model(parent), self.model(child), self.method(method), self.grade(grade)]
        return [md(cell) for cell in row]

    # -- links ----------------------------------------------------------------
    def rel(self, target: str) -> str:
        return _relpath(target, posixpath.dirname(self.src_uri) or ".")

    def model(self, mid: str) -> str:
        return f"[{md(self.ctx.dataset.models[mid]['name'])}]({self.rel(f'models/{mid}.md')})"

    def paper(self, pid: str, short: bool = False) -> str:
        paper = self.ctx.dataset.papers[pid]
        name = paper.get("short_name") if short and paper.get("short_name") else None
        return f"[{md(name or paper['title'][self.lang])}]({self.rel(f'papers/{pid}.md')})"

    def method(self, mid: str) -> str:
        method = self.ctx.dataset.methods[mid]
        return f"[{md(method['name'][self.lang])}]({self.rel(f'methods/{mid}.md')})"

    def capability(self, cid: str) -> str:
        cap = self.ctx.dataset.capabilities[cid]
        return f"[{md(cap['name'][self.lang])}]({self.rel(f'capabilities/{cid}.md')})"

    def term(self, tid: str) -> str:
        term = self.ctx.dataset.glossary[tid]
        return f"[{md(term['term'][self.lang])}]({self.rel('glossary/index.md')}#{tid})"

    def limitation(self, lid: str) -> str:
        lim = self.ctx.dataset.limitations[lid]
        return f"[{md(lim['name'][self.lang])}]({self.rel('limitations/index.md')}#{lid})"

    def grade(self, grade: str) -> str:
        return (
            f'<span class="atlas-grade atlas-grade--{grade}" '
            f'title="{html(t("grade." + grade + ".title", self.lang))}">'
            f"{html(t('grade.' + grade, self.lang))}</span>"
        )

    # -- citations --------------------------------------------------------------
    def cite(self, citations: Iterable[Data] | None) -> str:
        """Footnote references for citations; the same source keeps its number."""
        refs = []
        for citation in citations or []:
            key = (
                citation.get("paper"),
                citation.get("source"),
                citation.get("url"),
                citation.get("locator"),
            )
            if key not in self.footnotes:
                self.footnotes[key] = (len(self.footnotes) + 1, self.footnote_text(citation))
            refs.append(f"[^{self.label_prefix}{self.footnotes[key][0]}]")
        return "".join(dict.fromkeys(refs))

    def footnote_text(self, citation: Data) -> str:
        ds = self.ctx.dataset
        if "paper" in citation:
            paper = ds.papers[citation["paper"]]
            text = self.paper(citation["paper"])
            text += " · " + md_link(_paper_host(paper), paper["url"])
        elif "source" in citation:
            source = ds.sources[citation["source"]]
            text = f"{md_link(source['title'], source['url'])} · {md(source['publisher'])}"
        else:
            text = md_link(citation["title"], citation["url"])
        if citation.get("locator"):
            text += f", {md(citation['locator'])}"
        if citation.get("supports"):
            text += f" — {md(citation['supports'][self.lang])}"
        return text

    def footnote_definitions(self) -> list[str]:
        return [
            f"[^{self.label_prefix}{number}]: {body}"
            for number, body in sorted(self.footnotes.values())
        ]

    def body(self) -> str:
        """The Markdown without front matter or footnote definitions (for embedding)."""
        return "\n".join(self.lines).rstrip() + "\n"

    def text(self) -> str:
        out = list(self.lines)
        if self.footnotes:
            out += ["", *self.footnote_definitions()]
        return "\n".join(out).rstrip() + "\n"

    def page(self) -> Page:
        return Page(self.src_uri, self.text(), dict(self.slots), dict(self.meta))


@lru_cache(maxsize=1 << 16)
def _relpath(target: str, start: str) -> str:
    """posixpath.relpath, remembered: the same few thousand links recur on every page."""
    return posixpath.relpath(target, start)


# Pages whose records are anchors (the glossary, limitations, sources) give their own
# headings ids that start with "_", which no record id can.
OWN_ANCHOR = "_title"


def term_anchor(tid: str) -> str:
    """A glossary term's second anchor, which articles' hover definitions point at."""
    return f"_term-{tid}"


def _paper_host(paper: Data) -> str:
    return f"arXiv:{paper['arxiv']}" if paper.get("arxiv") else "PDF"


def _sorted_by_name(ids: Iterable[str], records: dict[str, Data], lang: str, key: str) -> list:
    def name(i: str) -> str:
        value = records[i][key]
        return (value[lang] if isinstance(value, dict) else value).casefold()

    return sorted(ids, key=name)


def _edit_note(w: Writer, kind: str, rid: str) -> None:
    path = w.ctx.dataset.paths[(kind, rid)]
    w.para(f'<small class="atlas-edit">{html(t("edit_data", w.lang, path=path))}</small>')


def _notes_section(w: Writer, record: Data) -> None:
    notes = record.get("notes") or []
    if notes:
        w.heading(2, t("notes", w.lang))
        for note in notes:
            w.add(f"- {md(note['text'][w.lang])}{w.cite(note['sources'])}")
        w.add("")
    disputes = record.get("disagreements") or []
    if disputes:
        w.heading(2, t("disagreements", w.lang))
        for item in disputes:
            w.add(f'!!! warning "{t("claim", w.lang)}"', "")
            w.add(f"    {md(item['claim'][w.lang])}", "")
            w.add(
                f"    **{t('resolution', w.lang)}：**"
                if w.lang == "zh"
                else f"    **{t('resolution', w.lang)}:**"
            )
            w.add(f"    {md(item['resolution'][w.lang])}{w.cite(item['sources'])}", "")


def _record_sources(w: Writer, record: Data) -> None:
    w.heading(2, t("record_sources", w.lang))
    for citation in record.get("sources") or []:
        w.add(f"- {w.footnote_text(citation)}")
    w.add("")


# ---------------------------------------------------------------------------
# Models
# ---------------------------------------------------------------------------


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
        (t("family", lang), md(model["family"])),
    ]
    aliases = model.get("aliases") or {}
    for kind in ("api", "paper", "product", "other"):
        if aliases.get(kind):
            facts.append(
                (
                    t(f"alias.{kind}", lang),
                    "、".join(md(a) for a in aliases[kind])
                    if lang == "zh"
                    else ", ".join(md(a) for a in aliases[kind]),
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
        facts.append((t(f"date.{entry['kind']}", lang), value + w.cite(entry["sources"])))
    if model.get("availability"):
        facts.append(
            (
                t("availability", lang),
                ", ".join(t(f"avail.{a}", lang) for a in model["availability"]),
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
    _notes_section(w, model)
    _record_sources(w, model)
    _edit_note(w, "models", mid)
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
        effects = "; ".join(
            f"{w.capability(e['capability'])} {t('change.' + e['change'], lang)}"
            f"{w.cite(e['sources'])}"
            for e in entry.get("effects") or []
        )
        note = md(entry["note"][lang]) if entry.get("note") else ""
        rows.append(
            [
                w.model(edge.parent if other == "parent" else edge.child),
                w.method(edge.method),
                w.grade(edge.grade) + w.cite(entry["sources"]),
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
    w.diagram(diagrams.neighbourhood_diagram(ds, mid, lang, _root(w.src_uri)))
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


def _model_abilities(w: Writer, mid: str) -> None:
    ds, lang = w.ctx.dataset, w.lang
    w.heading(2, t("ability_sources", lang))
    traces = caps.tracked_capabilities(ds, w.ctx.status, mid)
    if not traces:
        w.para(t("ability_sources.none", lang))
    else:
        w.para(t("ability_sources.intro", lang))
        rows = []
        for trace in traces:
            changes = "; ".join(
                f"{w.model(m)}: {t('change.' + change, lang)}"
                f"{w.cite(_effect(edge, trace.capability)['sources'])}"
                for m, change, edge in trace.changes
            )
            rows.append(
                [
                    w.capability(trace.capability),
                    w.model(trace.gained_at),
                    w.method(trace.method),
                    w.grade(trace.grade),
                    " → ".join(w.model(m) for m in trace.path) if len(trace.path) > 1 else "",
                    changes,
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
            w.add(
                f"- {w.capability(item['capability'])}: {t('status.' + item['status'], lang)}"
                f"{note}{w.cite(item['sources'])}"
            )
        w.add("")


def _effect(edge: Edge | None, capability: str) -> Data:
    assert edge is not None
    return next(e for e in edge.data.get("effects") or [] if e["capability"] == capability)


def _root(src_uri: str) -> str:
    """Relative path from a page's URL to its language root (directory URLs)."""
    parts = src_uri[:-3].split("/")
    depth = len(parts) - (1 if parts[-1] == "index" else 0)
    return "../" * depth


def models_index(ctx: Context) -> Page:
    ds, lang = ctx.dataset, ctx.lang
    w = Writer(ctx, "models/index.md")
    w.heading(1, t("models", lang))
    w.para(t("models.intro", lang) + " " + t("count.models", lang, n=len(ds.models)))
    rows = []
    for mid in ds.lineage.order:
        model = ds.models[mid]
        params = model.get("parameters") or {}
        first = first_date(model)
        rows.append(
            [
                w.model(mid),
                md(model["organization"]),
                md(model["family"]),
                format_date(first, lang) if first else "",
                format_billions(params["billions"], lang) if "billions" in params else "",
                format_int(model["context_window"]["tokens"], lang)
                if model.get("context_window")
                else "",
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
    )
    _exports_note(w)
    return w.page()


def _exports_note(w: Writer) -> None:
    w.heading(2, t("exports", w.lang))
    w.para(t("exports.intro", w.lang))
    root = _root(w.src_uri)
    for name in ("models.json", "models.csv", "dataset.json"):
        w.add(
            f'- <a href="{root}../api/{name}" download>/api/{name}</a>'
            if w.lang == "en"
            else f'- <a href="{root}api/{name}" download>/api/{name}</a>'
        )
    w.add("")


# ---------------------------------------------------------------------------
# Lineage and capabilities overview
# ---------------------------------------------------------------------------


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
        diagrams.lineage_diagram(ds, lang, _root(w.src_uri)),
        edge_header=[t("parent", lang), t("child", lang), t("method", lang), t("grade", lang)],
    )
    w.para(f"<small>{html(t('diagram.scroll', lang))}</small>")
    legend_block(w)


def legend_block(w: Writer, families: bool = True) -> None:
    """What the colours and lines mean: methods on edges, evidence grades, node families."""
    ds, lang = w.ctx.dataset, w.lang
    categories = {ds.methods[edge.method]["category"] for edge in ds.lineage.edges}
    order = list(diagrams.CATEGORY_COLOURS)
    methods = [
        _legend_item("atlas-swatch", diagrams.CATEGORY_COLOURS[c], t("category." + c, lang))
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
        tints = diagrams.family_tints(ds)
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
                    "<br>".join(w.grade(o["grade"]) + w.cite(o["sources"]) for o in origins),
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
                w.grade(origin["grade"]),
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


def matrix_page(ctx: Context) -> Page:
    ds, lang = ctx.dataset, ctx.lang
    w = Writer(ctx, "capabilities/matrix.md")
    w.meta["hide"] = ["navigation", "toc"]  # a wide table
    w.heading(1, t("matrix", lang))
    w.para(t("matrix.intro", lang))
    order = _capability_order(ds)
    rows = []
    for mid in ds.lineage.order:
        cells = [w.model(mid)]
        for cid in order:
            state = ctx.status[mid][cid].cell
            cells.append(
                f'<span class="atlas-cell atlas-cell--{state}" data-sort="{state}">'
                f"{html(t('cell.' + state, lang))}</span>"
            )
        rows.append(cells)
    w.table([t("model", lang)] + [w.capability(c) for c in order], rows, sortable=True)
    return w.page()


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
                w.grade(o["grade"]),
            ]
            for o in cap["origins"]
        ),
    )
    has = {mid: ctx.status[mid][cid] for mid in ds.lineage.order}
    w.heading(2, t("lineage", lang))
    w.diagram(diagrams.capability_diagram(ds, cid, has, lang, _root(w.src_uri)))
    w.heading(2, t("models_with", lang))
    rows = []
    for mid in ds.lineage.order:
        state = has[mid]
        if state.cell == "absent":
            continue
        edge = state.edge
        source = ""
        if edge is not None:
            source = w.method(edge.method) + w.cite(_effect(edge, cid)["sources"])
        rows.append(
            [
                w.model(mid),
                f'<span class="atlas-cell atlas-cell--{state.cell}">'
                f"{html(t('cell.' + state.cell, lang))}</span>",
                source,
            ]
        )
    w.table([t("model", lang), t("capability", lang), t("method", lang)], rows, sortable=True)
    if cap.get("open_questions"):
        w.heading(2, t("open_questions", lang))
        for note in cap["open_questions"]:
            w.add(f"- {md(note['text'][lang])}{w.cite(note['sources'])}")
        w.add("")
    _notes_section(w, cap)
    _record_sources(w, cap)
    _edit_note(w, "capabilities", cid)
    return w.page()


# ---------------------------------------------------------------------------
# Papers, methods, glossary, limitations, sources
# ---------------------------------------------------------------------------


def paper_page(ctx: Context, pid: str) -> Page:
    ds, lang = ctx.dataset, ctx.lang
    paper = ds.papers[pid]
    w = Writer(ctx, f"papers/{pid}.md")
    w.title(paper["title"][lang])
    if paper.get("short_name"):
        w.meta["tags"] = [search_tag(paper["short_name"])]
    if lang == "zh":
        w.para(f"*{md(paper['title']['en'])}*")
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
    facts.append((t("read", lang), md_link(_paper_host(paper), paper["url"])))
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
    _notes_section(w, paper)
    _record_sources(w, paper)
    _edit_note(w, "papers", pid)
    return w.page()


def papers_index(ctx: Context) -> Page:
    ds, lang = ctx.dataset, ctx.lang
    w = Writer(ctx, "papers/index.md")
    w.heading(1, t("papers", lang))
    w.para(t("papers.intro", lang))
    rows = [
        [
            w.paper(pid),
            format_date(p["published"], lang),
            ", ".join(md(o) for o in p["organizations"]),
            md_link(_paper_host(p), p["url"]),
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
    )
    return w.page()


def method_page(ctx: Context, mid: str) -> Page:
    ds, lang = ctx.dataset, ctx.lang
    method = ds.methods[mid]
    w = Writer(ctx, f"methods/{mid}.md")
    title = method["name"][lang]
    if method.get("abbr") and method["abbr"] not in title:
        title += f" ({method['abbr']})"
    w.title(title)
    w.para(md_block(method["summary"][lang]) + w.cite(method["sources"][:1]))
    w.para(f"{t('category', lang)}: {html(t('category.' + method['category'], lang))}")
    if method.get("description"):
        w.para(md_block(method["description"][lang]))
    if method.get("pipeline"):
        w.heading(2, t("pipeline", lang))
        w.diagram(diagrams.pipeline_diagram(method, lang))
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
    _notes_section(w, method)
    _record_sources(w, method)
    _edit_note(w, "methods", mid)
    return w.page()


def methods_index(ctx: Context) -> Page:
    ds, lang = ctx.dataset, ctx.lang
    w = Writer(ctx, "methods/index.md")
    w.heading(1, t("methods", lang))
    w.para(t("methods.intro", lang))
    order = list(diagrams.CATEGORY_COLOURS)
    rows = [
        [w.method(mid), html(t("category." + m["category"], lang)), md(m["summary"][lang])]
        for mid, m in sorted(
            ds.methods.items(), key=lambda kv: (order.index(kv[1]["category"]), kv[0])
        )
    ]
    w.table([t("method", lang), t("category", lang), t("summary", lang)], rows)
    return w.page()


def glossary_page(ctx: Context) -> Page:
    ds, lang = ctx.dataset, ctx.lang
    w = Writer(ctx, "glossary/index.md")
    w.heading(1, t("glossary", lang), anchor=OWN_ANCHOR)
    w.para(t("glossary.intro", lang))
    for tid in _sorted_by_name(ds.glossary, ds.glossary, lang, "term"):
        term = ds.glossary[tid]
        other = "en" if lang == "zh" else "zh"
        title = md(term["term"][lang])
        w.heading(2, title, anchor=tid)
        names = [f'<span id="{term_anchor(tid)}"></span>' + md(term["term"][other])]
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
            date = f", {format_date(source['published'], lang)}" if source.get("published") else ""
            w.add(
                f'- <span id="{html(sid)}"></span>{md_link(source["title"], source["url"])} · '
                f"{md(source['publisher'])}{date} · {html(t('type.' + source['type'], lang))}"
                f" — {md(source['description'][lang])}"
            )
        w.add("")
    return w.page()


# ---------------------------------------------------------------------------
# Registry: every generated page, per language
# ---------------------------------------------------------------------------

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
    uris = list(SINGLE)
    for kind in PER_RECORD:
        uris += [f"{kind}/{rid}.md" for rid in ids.get(kind, ())]
    return uris


def all_pages(ctx: Context) -> list[Page]:
    pages = [render(ctx) for render in SINGLE.values()]
    for kind, render in PER_RECORD.items():
        pages += [render(ctx, rid) for rid in ctx.dataset.kind(kind)]
    return pages
