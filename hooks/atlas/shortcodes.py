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
FENCE = re.compile(r"^(```|~~~).*?^\1|`[^`\n]+`", re.M | re.S)  # code blocks and spans


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
    pages.capability_table(w, compact=True)


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
    markdown: str,
    ctx: pages.Context,
    src_uri: str,
    display_path: str = "",
    first_line: int = 1,
) -> tuple[str, dict[str, diagrams.Diagram]]:
    """Expand shortcodes and data citations; returns Markdown and its diagram slots.

    `first_line` is the file's line number of the Markdown's first line: MkDocs hands
    hooks the page without its front matter, but errors must point into the file.
    """
    base = _base_uri(src_uri)
    path = display_path or f"docs/{src_uri}"
    shielded = FENCE.sub(lambda m: " " * len(m.group(0)), markdown)  # ignore code blocks

    def line_of(offset: int) -> int:
        return markdown.count("\n", 0, offset) + first_line

    problems: list[Problem] = []
    definitions = _citations(shielded, ctx, base, path, line_of, problems)
    slots: dict[str, diagrams.Diagram] = {}
    out, last = [], 0
    for number, match in enumerate(SHORTCODE.finditer(shielded), start=1):
        name, arg = match.group(1), match.group(2)
        writer = pages.Writer(ctx, base, label_prefix=f"atlas-{number}-")
        writer.slots = slots
        if name not in SHORTCODES:
            problems.append(
                Problem(
                    path,
                    line_of(match.start()),
                    "",
                    f"unknown shortcode 'atlas:{name}'",
                    "known: " + ", ".join(sorted(SHORTCODES)),
                )
            )
            continue
        try:
            SHORTCODES[name](writer, arg)
        except KeyError as error:
            problems.append(Problem(path, line_of(match.start()), "", error.args[0]))
            continue
        out += [markdown[last : match.start()], writer.body()]
        definitions += writer.footnote_definitions()
        last = match.end()
    out.append(markdown[last:])
    if problems:
        raise ContentError(problems)
    markdown = "".join(out)
    if definitions:
        markdown = markdown.rstrip() + "\n\n" + "\n".join(definitions) + "\n"
    return markdown, slots


def _citations(
    shielded: str, ctx: pages.Context, base: str, path: str, line_of, problems: list[Problem]
) -> list[str]:
    """Footnote definitions for [^id] references to paper and source records."""
    defined = set(FOOTNOTE_DEF.findall(shielded))
    writer = pages.Writer(ctx, base)
    definitions = []
    for match in FOOTNOTE_REF.finditer(shielded):
        label = match.group(1)
        if label in defined:
            continue
        defined.add(label)
        if label in ctx.dataset.papers:
            citation = {"paper": label}
        elif label in ctx.dataset.sources:
            citation = {"source": label}
        else:
            problems.append(
                Problem(
                    path,
                    line_of(match.start()),
                    "",
                    f"citation [^{label}] is not a paper or source id",
                    "use an id from data/papers/ or data/sources/, or define the footnote",
                )
            )
            continue
        definitions.append(f"[^{label}]: {writer.footnote_text(citation)}")
    return definitions


def _base_uri(src_uri: str) -> str:
    return re.sub(r"\.[a-z]{2}\.md$", ".md", src_uri)
