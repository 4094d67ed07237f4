"""What every page renderer shares: the context, the page, and the Markdown writer.

Every generated page is plain Markdown with relative links to other `.md` files,
so MkDocs checks the links and mkdocs-static-i18n points them at the right
language. Data text goes through `escape.md`; raw HTML is limited to small badges
(escaped with `escape.html`) and diagram slots, which the hook fills with SVG
after Markdown has run. Language rules (separators, dates, sizes) live in `i18n`,
not here.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .. import capabilities as caps
from .. import claims as claim_list
from .. import diagrams
from ..dataset import Dataset
from ..escape import html, md, md_link
from ..graph import Edge
from ..i18n import DEFAULT_LANG, colon, comma, t
from ..vocabulary import CHANGES, GRADES, OBSERVED, family_style, label_of

Data = dict[str, Any]


@dataclass
class Context:
    """What a renderer needs: the data, computed capability status, the language.

    `traces` (model → capability → Trace) is computed once per dataset by whoever
    renders model pages; pages that do not show traces leave it empty. `claims` (key
    → Claim) is collected here when not given.
    """

    dataset: Dataset
    status: Mapping[str, Mapping[str, caps.Status]]
    lang: str
    traces: Mapping[str, Mapping[str, caps.Trace]] = field(default_factory=dict)
    claims: Mapping[str, claim_list.Claim] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.claims:
            self.claims = claim_list.collect(self.dataset)


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
        self.claims: dict[str, int] = {}  # claim key → its number on this page
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

    def original_title(self, original: str, lang: str, translation: str) -> None:
        """A title in another language than the page's (a paper's), marked with its
        language; its translation joins it in <title> and search results, and stands
        under the heading."""
        both = f"{' '.join(original.split())}{gloss_brackets(translation, self.lang)}"
        self.meta["title"] = html(both)
        self.lines.extend([f'# {md(original)} {{ lang="{lang}" }}', ""])
        label = html(t("title.gloss", self.lang))
        self.para(
            f'<span class="atlas-gloss atlas-gloss--title" lang="{self.lang}">'
            f"{label}{colon(self.lang)}{md(translation)}</span>"
        )

    def table(
        self,
        header: Iterable[str],
        rows: Iterable[Iterable[str]],
        sortable: bool = False,
        css: str = "",
        sorted_by: int | None = None,
    ) -> None:
        """A Markdown table, in a wrapper that sortable.js and tables.css find.

        `sorted_by` names the column the rows already come sorted by (ascending), so
        the script marks that heading with aria-sort from the start.
        """
        header = list(header)
        rows = [list(r) for r in rows]
        if not rows:
            return
        classes = " ".join(c for c in ("atlas-sortable" if sortable else "", css) if c)
        if classes:
            default = f' data-sorted-by="{sorted_by}"' if sorted_by is not None else ""
            self.lines.extend([f'<div class="{classes}"{default} markdown>', ""])
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
        # A keyboard reader passes the diagram's links in one step (diagrams.css shows it on focus).
        after = f"{self.label_prefix}after-{slot}"
        self.lines.extend(
            [
                f'<a class="atlas-skip" href="#{after}">{html(t("diagram.skip", self.lang))}</a>',
                "",
                f'<div class="atlas-diagram" data-atlas-slot="{slot}"></div>',
                f'<span id="{after}" tabindex="-1"></span>',
                "",
            ]
        )
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
            parent, child, method, _grade = row
            return [
                self.model(parent),
                self.model(child),
                self.method(method),
                # A row per edge: a plain link to its block (see claim()). On each
                # model's page the edge's badge keeps its tooltip.
                self.claim(claim_list.edge_key(child, parent), tooltip=False),
            ]
        return [md(cell) for cell in row]

    # -- links ----------------------------------------------------------------
    def rel(self, target: str) -> str:
        return _relpath(target, posixpath.dirname(self.src_uri) or ".")

    def model(self, mid: str) -> str:
        """A link to a model; `.atlas-id` keeps names like code-davinci-002 whole in
        tables (tables.css), where a hyphen would otherwise break the line."""
        name = md(self.ctx.dataset.models[mid]["name"])
        return f"[{name}]({self.rel(f'models/{mid}.md')}){{ .atlas-id }}"

    def paper(self, pid: str, short: bool = False) -> str:
        """A link to a paper under its original title; pages in another language add
        their gloss beside it, so a reader can find the paper under its real title."""
        paper = self.ctx.dataset.papers[pid]
        url = self.rel(f"papers/{pid}.md")
        if short and paper.get("short_name"):
            return f"[{md(paper['short_name'])}]({url})"
        link = f"[{md(paper['title'][ORIGINAL_TITLE])}]({url})"
        if self.lang == ORIGINAL_TITLE:
            return link
        return f'{link}{{ lang="{ORIGINAL_TITLE}" }}{gloss(paper["title"][self.lang], self.lang)}'

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
        """A grade badge that opens nothing (legends, the evidence blocks themselves)."""
        value = GRADES[grade]
        return (
            f'<span class="atlas-grade atlas-grade--{grade}">{html(value.label[self.lang])}</span>'
        )

    # -- claims -----------------------------------------------------------------
    def claim(
        self,
        key: str,
        label: str | None = None,
        css: str = "",
        sort: str | None = None,
        tooltip: bool = True,
    ) -> str:
        """A claim's grade badge, linked to its evidence block on this page.

        Material's footnote tooltips show the block (statement, quotes, locators,
        source and archive links) on hover and keyboard focus; a tap or a click
        scrolls to it. `label`, `css` and `sort` (a sortable table's key) let a matrix
        cell open the same evidence.

        The badge is the citation: no footnote markers follow it. Markers would
        repeat the block's sources, and each one is another tooltip that Material
        sets up when the page starts (about 1.5 ms of blocking time on a phone).
        For the same reason `tooltip=False` leaves a badge a plain link to its block,
        for the long tables that repeat a diagram as text.
        """
        claim = self.ctx.claims[key]
        number = self.claims.setdefault(key, len(self.claims) + 1)
        grade = GRADES[claim.grade].label[self.lang]
        text = label if label is not None else grade
        classes = css or f"atlas-grade atlas-grade--{claim.grade}"
        described = t("claim.open", self.lang, grade=grade)
        extra = f' data-sort="{html(sort)}"' if sort is not None else ""
        if tooltip:
            classes += " footnote-ref"  # what Material's footnote tooltips look for
        return (
            f'<a class="{classes}" href="#{self.claim_anchor(number)}"{extra} '
            f'aria-label="{html(text + " · " + described)}">{html(text)}</a>'
        )

    def claim_anchor(self, number: int) -> str:
        return f"_claim-{self.label_prefix}{number}"

    def claim_statement(self, claim: claim_list.Claim) -> str:
        """What a claim says, in a line: who, what, by which step."""
        lang = self.lang
        if claim.kind == "edge":
            assert claim.parent is not None and claim.method is not None
            return t(
                "claim.edge",
                lang,
                child=self.model(claim.model),
                parent=self.model(claim.parent),
                method=self.method(claim.method),
            )
        assert claim.capability is not None
        capability = self.capability(claim.capability)
        if claim.kind == "effect":
            assert claim.parent is not None and claim.change is not None
            return t(
                "claim.effect",
                lang,
                child=self.model(claim.model),
                parent=self.model(claim.parent),
                capability=capability,
                change=label_of(CHANGES, claim.change, lang),
            )
        if claim.kind == "origin":
            assert claim.method is not None
            return t(
                "claim.origin",
                lang,
                capability=capability,
                model=self.model(claim.model),
                method=self.method(claim.method),
            )
        assert claim.change is not None
        return t(
            "claim.observation",
            lang,
            model=self.model(claim.model),
            capability=capability,
            status=label_of(OBSERVED, claim.change, lang),
        )

    def evidence_blocks(self) -> list[str]:
        """One block per claim badged on the page: what the tooltips copy and a tap opens."""
        lines: list[str] = []
        for key, number in self.claims.items():
            lines += self.claim_block(self.ctx.claims[key], self.claim_anchor(number))
        return lines

    def claim_block(self, claim: claim_list.Claim, anchor: str) -> list[str]:
        """A claim with its grade, its note, and every citation with its quote."""
        lines = [
            f'<div class="atlas-claim" id="{html(anchor)}" data-grade="{claim.grade}" markdown>',
            "",
            f"{self.grade(claim.grade)} {self.claim_statement(claim)}",
            "",
        ]
        if claim.note:
            lines += [f"<small>{md(' '.join(claim.note[self.lang].split()))}</small>", ""]
        for citation in claim.sources:
            lines += quote_lines(citation)
            lines += [self.footnote_text(citation), ""]
        lines += ["</div>", ""]
        return lines

    def evidence_section(self) -> list[str]:
        """The page's evidence, under its own heading, out of the search index."""
        return evidence_section(self.evidence_blocks(), self.lang)

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
            text += " · " + md_link(paper_host(paper), paper["url"])
        elif "source" in citation:
            source = ds.sources[citation["source"]]
            text = f"{md_link(source['title'], source['url'])} · {md(source['publisher'])}"
        else:
            text = md_link(citation["title"], citation["url"])
        if citation.get("locator"):
            text += f"{comma(self.lang)}{md(citation['locator'])}"
        archive = archive_of(ds, citation)
        if archive:
            text += f" · {md_link(t('archived_copy', self.lang), archive)}"
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
        out += self.evidence_section()
        if self.footnotes:
            out += ["", *self.footnote_definitions()]
        return "\n".join(out).rstrip() + "\n"

    def page(self) -> Page:
        return Page(self.src_uri, self.text(), dict(self.slots), dict(self.meta))


def archive_of(ds: Dataset, citation: Data) -> str | None:
    """The archived copy of what a citation points at: the citation's own (a page cited
    once, or the version of a page its quote comes from), else its record's."""
    if citation.get("archive_url"):
        return citation["archive_url"]
    if "source" in citation:
        return ds.sources[citation["source"]].get("archive_url")
    if "paper" in citation:
        return ds.papers[citation["paper"]].get("archive_url")
    return citation.get("archive_url")


QUOTE_LANGUAGE = re.compile(r"[\u3400-\u9fff]")


def quote_lines(citation: Data) -> list[str]:
    """A citation's quote as a block quote, marked with the language it is in."""
    quote = citation.get("quote")
    if not quote:
        return []
    lang = "zh" if QUOTE_LANGUAGE.search(quote) else "en"
    return [
        f'<blockquote class="atlas-quote" lang="{lang}" markdown>',
        "",
        md(" ".join(quote.split())),
        "",
        "</blockquote>",
        "",
    ]


def evidence_section(blocks: list[str], lang: str) -> list[str]:
    if not blocks:
        return []
    # Out of the search index: the claims page holds each claim once, and a page's
    # quotes are mostly about other models. A <section>, not a <div>: Material's
    # search parser matches excluded elements by tag name, so the first claim <div>
    # that closed inside would end the exclusion. The heading is excluded as well, or
    # it would become an empty result titled with the page's name.
    return [
        '<section class="atlas-evidence" data-search-exclude markdown>',
        "",
        f'## {t("evidence", lang)} {{ #{EVIDENCE_ANCHOR} data-search-exclude="yes" }}',
        "",
        t("evidence.intro", lang),
        "",
        *blocks,
        "</section>",
        "",
    ]


EVIDENCE_ANCHOR = "_evidence"


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


# A paper's title is recorded in its original language, English, and translated.
ORIGINAL_TITLE = "en"


def gloss_brackets(text: str, lang: str) -> str:
    """A translation beside an original title, in the brackets of its language."""
    opening, closing = ("（", "）") if lang == "zh" else (" (", ")")
    return f"{opening}{' '.join(text.split())}{closing}"


def gloss(text: str, lang: str) -> str:
    """gloss_brackets as inline Markdown, marked with its language."""
    return f'<span class="atlas-gloss" lang="{lang}">{md(gloss_brackets(text, lang))}</span>'


def sort_key(text: str, key: str | float | None) -> str:
    """A table cell's text with the value sortable.js orders it by: an ISO date or a
    number, so "2 September 2020" sorts before "1 March 2023" and 175B above 540M.
    A cell with no value (None) gets an empty key, which sorts last either way."""
    value = "" if key is None else (key if isinstance(key, str) else repr(float(key)))
    return f'<span data-sort="{html(value)}">{text}</span>'


def family_name(family: str, lang: str) -> str:
    """A model family as readers know it ("GPT-3.5", "UniLM"), never its id."""
    return family_style(family).label[lang]


def paper_host(paper: Data) -> str:
    return f"arXiv:{paper['arxiv']}" if paper.get("arxiv") else "PDF"


def sorted_by_name(ids: Iterable[str], records: dict[str, Data], lang: str, key: str) -> list:
    def name(i: str) -> str:
        value = records[i][key]
        return (value[lang] if isinstance(value, dict) else value).casefold()

    return sorted(ids, key=name)


def edit_note(w: Writer, kind: str, rid: str) -> None:
    path = w.ctx.dataset.paths[(kind, rid)]
    w.para(f'<small class="atlas-edit">{html(t("edit_data", w.lang, path=path))}</small>')


def notes_section(w: Writer, record: Data) -> None:
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
            w.add(f"    **{t('resolution', w.lang)}{colon(w.lang).strip()}**")
            w.add(f"    {md(item['resolution'][w.lang])}{w.cite(item['sources'])}", "")


def record_sources(w: Writer, record: Data) -> None:
    w.heading(2, t("record_sources", w.lang))
    for citation in record.get("sources") or []:
        w.add(f"- {w.footnote_text(citation)}")
    w.add("")


def effect_of(edge: Edge | None, capability: str) -> Data:
    assert edge is not None
    return next(e for e in edge.data.get("effects") or [] if e["capability"] == capability)


def language_root(src_uri: str) -> str:
    """Relative path from a page's URL to its language root (directory URLs)."""
    parts = src_uri[:-3].split("/")
    depth = len(parts) - (1 if parts[-1] == "index" else 0)
    return "../" * depth


def site_root(src_uri: str, lang: str) -> str:
    """Relative path from a page's URL to the site root, where /api/ lives.

    Other languages sit one folder down (/en/), which is mkdocs-static-i18n's
    suffix layout; the rule is here, once.
    """
    return language_root(src_uri) + ("" if lang == DEFAULT_LANG else "../")
