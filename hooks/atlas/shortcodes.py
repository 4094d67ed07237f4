"""Data-driven blocks and citations inside hand-written articles.

An article writes `<!-- atlas:lineage -->` where the whole lineage should appear,
and `[^2203.02155]` to cite a paper or source record; the footnote text comes from
the data, so a citation is never maintained by hand. An unknown shortcode or
citation stops the build with the file and line, like a data error.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from . import diagrams, pages
from .errors import Problem

SHORTCODE = re.compile(r"^<!--\s*atlas:([a-z-]+)(?:\s+([a-z0-9._-]+))?\s*-->\s*$", re.M)
FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]+)\](?!:)")
FOOTNOTE_DEF = re.compile(r"^\[\^([^\]\s]+)\]:", re.M)
FENCE = re.compile(r"^(```|~~~).*?^\1", re.M | re.S)


class ContentError(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def _lineage(w: pages.Writer, arg: str | None) -> None:
    pages.lineage_block(w)


def _legend(w: pages.Writer, arg: str | None) -> None:
    pages.legend_block(w)


def _pipeline(w: pages.Writer, arg: str | None) -> None:
    method = w.ctx.dataset.methods.get(arg or "")
    if not method or not method.get("pipeline"):
        raise KeyError(f"no method with a pipeline called '{arg}'")
    w.diagram(diagrams.pipeline_diagram(method, w.lang))


def _capabilities(w: pages.Writer, arg: str | None) -> None:
    pages.capability_table(w)


def _limitations(w: pages.Writer, arg: str | None) -> None:
    ds = w.ctx.dataset
    for lid in sorted(ds.limitations):
        w.add(f"- {w.limitation(lid)}")
    w.add("")


SHORTCODES: dict[str, Callable[[pages.Writer, str | None], None]] = {
    "lineage": _lineage,
    "legend": _legend,
    "pipeline": _pipeline,
    "capabilities": _capabilities,
    "limitations": _limitations,
}


def expand(
    markdown: str, ctx: pages.Context, src_uri: str, display_path: str = ""
) -> tuple[str, dict[str, diagrams.Diagram]]:
    """Expand shortcodes and data citations; returns Markdown and its diagram slots."""
    base = _base_uri(src_uri)
    path = display_path or f"docs/{src_uri}"
    problems: list[Problem] = []
    slots: dict[str, diagrams.Diagram] = {}
    shielded = FENCE.sub(lambda m: " " * len(m.group(0)), markdown)

    def line_of(offset: int) -> int:
        return markdown.count("\n", 0, offset) + 1

    out, last = [], 0
    for match in SHORTCODE.finditer(shielded):
        name, arg = match.group(1), match.group(2)
        writer = pages.Writer(ctx, base)
        writer.slots = slots
        try:
            SHORTCODES[name](writer, arg)
        except KeyError as error:
            hint = "known: " + ", ".join(sorted(SHORTCODES)) if name not in SHORTCODES else ""
            message = (
                f"unknown shortcode 'atlas:{name}'"
                if name not in SHORTCODES
                else str(error).strip("'\"")
            )
            problems.append(Problem(path, line_of(match.start()), "", message, hint))
            continue
        out.append(markdown[last : match.start()])
        out.append(writer.text())
        last = match.end()
    out.append(markdown[last:])
    markdown = "".join(out)

    # Citations: [^id] with no definition in the article cites a paper or source record.
    shielded = FENCE.sub(lambda m: " " * len(m.group(0)), markdown)
    defined = set(FOOTNOTE_DEF.findall(shielded))
    writer = pages.Writer(ctx, base)
    definitions = []
    for label in dict.fromkeys(FOOTNOTE_REF.findall(shielded)):
        if label in defined:
            continue
        if label in ctx.dataset.papers:
            citation = {"paper": label}
        elif label in ctx.dataset.sources:
            citation = {"source": label}
        else:
            offset = shielded.index(f"[^{label}]")
            problems.append(
                Problem(
                    path,
                    line_of(offset),
                    "",
                    f"citation [^{label}] is not a paper or source id",
                    "use an id from data/papers/ or data/sources/, or define the footnote",
                )
            )
            continue
        definitions.append(f"[^{label}]: {writer._footnote(citation)}")
    if problems:
        raise ContentError(problems)
    if definitions:
        markdown = markdown.rstrip() + "\n\n" + "\n".join(definitions) + "\n"
    return markdown, slots


def _base_uri(src_uri: str) -> str:
    return re.sub(r"\.[a-z]{2}\.md$", ".md", src_uri)
