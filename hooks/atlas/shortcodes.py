"""Data-driven blocks and citations inside hand-written articles.

An article writes `<!-- atlas:lineage -->` where the whole lineage should appear,
and `[^2203.02155]` to cite a paper or source record; the footnote text comes from
the data, so a citation is never maintained by hand.

Any HTML comment that starts with "atlas" is read as a shortcode, and it must be
exactly right: on a line of its own, not indented, a known name, the arguments that
name takes, and ids that exist. Anything else stops the build with the file and
line, like a data error; a typo never silently stays a comment.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass

from . import diagrams, pages
from .dataset import Dataset
from .errors import DataError, Problem

# Anything that looks like it was meant as a shortcode, wherever it is on the line.
CANDIDATE = re.compile(r"<!--\s*atlas\b.*?(?:-->|$)", re.I | re.M)
# The one accepted form: "<!-- atlas:name -->" or "<!-- atlas:name argument -->".
SHORTCODE = re.compile(r"^<!-- atlas:([a-z][a-z-]*)(?: ([^\s>]+))? -->$")
FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]+)\](?!:)")
FOOTNOTE_DEF = re.compile(r"^\[\^([^\]\s]+)\]:", re.M)
FENCE = re.compile(r"^(```|~~~).*?^\1|`[^`\n]+`", re.M | re.S)  # code blocks and spans


def _lineage(w: pages.Writer, arg: str | None) -> None:
    pages.lineage_block(w)


def _story(w: pages.Writer, arg: str | None) -> None:
    pages.story_block(w)


def _legend(w: pages.Writer, arg: str | None) -> None:
    pages.legend_block(w)


def _pipeline(w: pages.Writer, arg: str | None) -> None:
    w.diagram(diagrams.pipeline_diagram(w.ctx.dataset.methods[arg or ""], w.lang))


def _capabilities(w: pages.Writer, arg: str | None) -> None:
    pages.capability_table(w, compact=True)


def _limitations(w: pages.Writer, arg: str | None) -> None:
    ds = w.ctx.dataset
    for lid in sorted(ds.limitations):
        w.add(f"- {w.limitation(lid)}")
    w.add("")


def _methods_with_pipelines(dataset: Dataset) -> list[str]:
    return sorted(mid for mid, method in dataset.methods.items() if method.get("pipeline"))


@dataclass(frozen=True)
class Shortcode:
    render: Callable[[pages.Writer, str | None], None]
    argument: str = ""  # what the one argument names; "" when the shortcode takes none
    choices: Callable[[Dataset], list[str]] | None = None


SHORTCODES: dict[str, Shortcode] = {
    "lineage": Shortcode(_lineage),
    "story": Shortcode(_story),
    "legend": Shortcode(_legend),
    "pipeline": Shortcode(_pipeline, "a method with a pipeline", _methods_with_pipelines),
    "capabilities": Shortcode(_capabilities),
    "limitations": Shortcode(_limitations),
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
    Raises DataError with every problem in the page.
    """
    base = _base_uri(src_uri)
    path = display_path or f"docs/{src_uri}"
    shielded = FENCE.sub(lambda m: " " * len(m.group(0)), markdown)  # ignore code blocks

    def line_of(offset: int) -> int:
        return markdown.count("\n", 0, offset) + first_line

    problems: list[Problem] = []
    definitions = _citations(shielded, ctx, base, path, line_of, problems)
    slots: dict[str, diagrams.Diagram] = {}
    evidence: list[str] = []
    out, last = [], 0
    for number, match in enumerate(CANDIDATE.finditer(shielded), start=1):
        line = line_of(match.start())
        parsed = _parse(shielded, match, ctx.dataset)
        if isinstance(parsed, Problem):
            problems.append(Problem(path, line, "", parsed.message, parsed.hint))
            continue
        name, arg = parsed
        writer = pages.Writer(ctx, base, label_prefix=f"atlas-{number}-")
        writer.slots = slots
        SHORTCODES[name].render(writer, arg)
        out += [markdown[last : match.start()], writer.body()]
        definitions += writer.footnote_definitions()
        evidence += writer.evidence_blocks()
        last = match.end()
    out.append(markdown[last:])
    if problems:
        raise DataError(problems)
    markdown = "".join(out)
    if evidence:
        section = pages.evidence_section(evidence, ctx.lang)
        markdown = markdown.rstrip() + "\n\n" + "\n".join(section)
    if definitions:
        markdown = markdown.rstrip() + "\n\n" + "\n".join(definitions) + "\n"
    return markdown, slots


def syntax_problems(markdown: str, path: str, first_line: int = 1) -> list[Problem]:
    """What is wrong with the page's shortcodes, without the data (which is broken).

    Used when data/ has problems, so the article's own mistakes are reported in the
    same run; arguments are checked against the records once the data is valid.
    """
    shielded = FENCE.sub(lambda m: " " * len(m.group(0)), markdown)
    problems = []
    for match in CANDIDATE.finditer(shielded):
        parsed = _parse(shielded, match, None)
        if isinstance(parsed, Problem):
            line = markdown.count("\n", 0, match.start()) + first_line
            problems.append(Problem(path, line, "", parsed.message, parsed.hint))
    return problems


def _parse(text: str, match: re.Match, dataset: Dataset | None) -> tuple[str, str | None] | Problem:
    """(name, argument) of a well-formed shortcode, or what is wrong with it.

    Without a dataset, an argument is only counted, not looked up.
    """
    found = match.group(0)
    start = text.rfind("\n", 0, match.start()) + 1
    end = text.find("\n", match.end())
    whole_line = text[start : end if end != -1 else len(text)]
    if not found.endswith("-->"):
        return _bad("the shortcode is not closed with '-->' on the same line")
    if whole_line.strip() != found or whole_line != whole_line.lstrip():
        return _bad(
            "a shortcode must stand alone on its line, not indented",
            "put it on a line of its own, starting in the first column",
        )
    tokens = found[len("<!--") : -len("-->")].split()
    if not tokens[0].startswith("atlas:") or len(tokens[0]) == len("atlas:"):
        return _bad(f"malformed shortcode '{found}'", "write <!-- atlas:name --> in lowercase")
    name, args = tokens[0][len("atlas:") :], tokens[1:]
    if name not in SHORTCODES:
        close = difflib.get_close_matches(name.lower(), SHORTCODES, n=1)
        known = "known: " + ", ".join(sorted(SHORTCODES))
        return _bad(
            f"unknown shortcode 'atlas:{name}'",
            f"did you mean 'atlas:{close[0]}'? {known}" if close else known,
        )
    spec = SHORTCODES[name]
    if not spec.argument:
        if args:
            return _bad(f"'atlas:{name}' takes no argument", f"remove '{' '.join(args)}'")
        return name, None
    choices = spec.choices(dataset) if spec.choices and dataset else []
    if len(args) != 1:
        count = "needs" if not args else "takes only"
        return _bad(
            f"'atlas:{name}' {count} one argument: {spec.argument}",
            "one of: " + ", ".join(choices),
        )
    if dataset is not None and args[0] not in choices:
        close = difflib.get_close_matches(args[0].lower(), choices, n=1)
        return _bad(
            f"'atlas:{name}': no {spec.argument.removeprefix('a ')} called '{args[0]}'",
            f"did you mean '{close[0]}'?" if close else "one of: " + ", ".join(choices),
        )
    return name, args[0]


def _bad(message: str, hint: str = "") -> Problem:
    return Problem("", 0, "", message, hint)


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
