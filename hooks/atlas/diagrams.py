"""Lineage and pipeline diagrams: DOT text from the data, SVG from Graphviz.

Building DOT is pure (data in, text out) and uses the `graphviz` package for
quoting; every label goes through `escape.dot`. Rendering runs the system `dot`
in batches (one process renders many files, two processes share the work) and
caches each SVG by the hash of its DOT source, in memory and on disk, so an
unchanged diagram is never rendered twice: not in the second language pass, not
in the next build, not while serving.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import graphviz

from . import escape
from .dataset import Dataset, first_date
from .graph import Edge
from .i18n import t

# Edge colours by method category: mid-tones that read on Material's light and dark
# backgrounds alike. The line style comes from the evidence grade.
CATEGORY_COLOURS = {
    "pretraining": "#8d99ae",
    "code": "#3b82f6",
    "sft": "#22c55e",
    "instruction-tuning": "#84cc16",
    "feedme": "#14b8a6",
    "reward-model": "#b45309",
    "rlhf": "#f97316",
    "contrastive": "#a855f7",
    "prompting": "#8d99ae",
    "successor": "#94a3b8",
    "snapshot": "#f472b6",
    "replication": "#ef4444",
    "other": "#94a3b8",
}
GRADE_STYLES = {
    "official": "solid",
    "paper": "solid",
    "inference": "dashed",
    "hypothesis": "dotted",
}
FAMILY_TINTS = (
    "#2e86de",
    "#27ae60",
    "#e67e22",
    "#9b59b6",
    "#c0392b",
    "#12a59a",
    "#d4ac0d",
    "#7f8c8d",
)
FONT = "Noto Sans CJK SC, Noto Sans, Helvetica, Arial, sans-serif"

DOT_TIMEOUT_SECONDS = 120
CACHE_VERSION = 2  # bump when clean_svg changes, so cached SVG is rendered again
BATCH_SIZE = 200

# Above this many models the whole-lineage drawing shows one node per family.
WHOLE_GRAPH_LIMIT = 300
NEIGHBOURHOOD_DEPTH = 2
NEIGHBOURHOOD_LIMIT = 40


# Where a page wants a diagram; the hook replaces it with the SVG after Markdown.
SLOT = re.compile(r'<div class="atlas-diagram" data-atlas-slot="(d\d+)"></div>')


class RenderError(Exception):
    """Graphviz is missing or failed; a message and a hint for the person building."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.message, self.hint = message, hint


@dataclass(frozen=True)
class Diagram:
    """A diagram ready to render: its DOT source, and words for those who can't see it."""

    dot: str
    title: str
    description: str
    edges: tuple[tuple[str, ...], ...] = ()  # rows for the text alternative
    note: str = ""

    @property
    def key(self) -> str:
        """The cache key: the DOT source, and how we post-process what dot returns."""
        return hashlib.sha256(f"{CACHE_VERSION}\n{self.dot}".encode()).hexdigest()


@dataclass
class RenderStats:
    processes: int = 0
    diagrams: int = 0
    seconds: float = 0.0
    cache_hits: int = 0


# ---------------------------------------------------------------------------
# DOT for lineage drawings
# ---------------------------------------------------------------------------


def _new_graph(name: str, rankdir: str = "LR") -> graphviz.Digraph:
    graph = graphviz.Digraph(name=name)
    graph.attr(
        rankdir=rankdir,
        bgcolor="transparent",
        fontname=FONT,
        nodesep="0.25",
        ranksep="0.45",
        newrank="true",
    )
    graph.attr(
        "node",
        fontname=FONT,
        fontsize="11",
        shape="box",
        style="rounded,filled",
        height="0.3",
        margin="0.12,0.05",
        penwidth="1.2",
    )
    graph.attr("edge", fontname=FONT, fontsize="9", arrowsize="0.7", penwidth="1.4")
    return graph


_TINTS: dict[str, dict[str, str]] = {}  # dataset digest → tints: every diagram needs them


def family_tints(dataset: Dataset) -> dict[str, str]:
    """A colour per family, in order of first appearance so the GPT line gets the first ones."""
    if dataset.digest not in _TINTS:
        families = dict.fromkeys(dataset.models[mid]["family"] for mid in dataset.lineage.order)
        _TINTS.clear()
        _TINTS[dataset.digest] = {
            fam: FAMILY_TINTS[i % len(FAMILY_TINTS)] for i, fam in enumerate(families)
        }
    return _TINTS[dataset.digest]


def _model_node(
    graph: graphviz.Digraph,
    dataset: Dataset,
    mid: str,
    lang: str,
    root: str,
    tints: Mapping[str, str],
    highlight: bool = False,
    emphasis: bool = False,
) -> None:
    model = dataset.models[mid]
    tint = tints[model["family"]]
    classes = "model" + (" current" if highlight else "") + (" emphasis" if emphasis else "")
    graph.node(
        mid,
        label=escape.dot(model["name"]),
        URL=f"{root}models/{mid}/",
        target="_top",
        tooltip=escape.dot(model["summary"][lang]),
        color=tint,
        fillcolor=tint + ("55" if highlight else "22"),
        penwidth="3" if highlight or emphasis else "1.2",
        fontsize="12" if highlight else "11",
        **{"class": classes},
    )


def _edge(
    graph: graphviz.Digraph, dataset: Dataset, edge: Edge, lang: str, label: bool = False
) -> None:
    category = dataset.methods[edge.method]["category"]
    attrs: dict[str, str] = {
        "color": CATEGORY_COLOURS[category],
        "style": GRADE_STYLES[edge.grade],
        "tooltip": escape.dot(
            f"{dataset.methods[edge.method]['name'][lang]} · {t('grade.' + edge.grade, lang)}"
        ),
        "class": f"rel-{category} grade-{edge.grade}",
    }
    if label:
        method = dataset.methods[edge.method]
        attrs["label"] = escape.dot(method.get("abbr") or method["name"][lang])
        attrs["fontcolor"] = CATEGORY_COLOURS[category]
    graph.edge(edge.parent, edge.child, **attrs)


def _edge_rows(edges: Iterable[Edge]) -> tuple[tuple[str, ...], ...]:
    """Rows (parent, child, method, grade) for the diagram's text alternative."""
    return tuple((e.parent, e.child, e.method, e.grade) for e in edges)


def lineage_diagram(dataset: Dataset, lang: str, root: str) -> Diagram:
    """Every model, earliest at the top, families by colour, edges styled by method and grade."""
    lineage = dataset.lineage
    if len(dataset.models) > WHOLE_GRAPH_LIMIT:
        return family_diagram(dataset, lang, root)
    tints = family_tints(dataset)
    graph = _new_graph("lineage", rankdir="TB")
    years = sorted({_year(dataset.models[mid]) for mid in lineage.order} - {None})
    # A column of year labels keeps unrelated families in time order, earliest at the top;
    # as an (invisible) cluster it stays together at the side instead of cutting through.
    if years:
        with graph.subgraph(name="cluster_years") as axis:
            axis.attr(label="", penwidth="0")
            axis.attr("node", shape="plaintext", style="", fontsize="13", fontcolor="#888888")
            for year in years:
                axis.node(_year_node(year), label=str(year), **{"class": "year"})
            for a, b in itertools.pairwise(years):
                axis.edge(_year_node(a), _year_node(b), style="invis")
    # Families are told apart by colour (see the legend) rather than boxed in clusters:
    # measured on the real data, clusters made the drawing 60% wider.
    for mid in lineage.order:
        _model_node(graph, dataset, mid, lang, root, tints)
    for mid in lineage.order:
        year = _year(dataset.models[mid])
        if year is not None:
            graph.edge(_year_node(year), mid, style="invis", weight="0")
            later = [y for y in years if y > year]
            if later:
                graph.edge(mid, _year_node(later[0]), style="invis", weight="0")
    for edge in lineage.edges:
        _edge(graph, dataset, edge, lang)
    return Diagram(
        dot=graph.source,
        title=t("diagram.lineage", lang),
        description=t("diagram.lineage.desc", lang, count=len(dataset.models)),
        edges=_edge_rows(lineage.edges),
    )


def family_diagram(dataset: Dataset, lang: str, root: str) -> Diagram:
    """One node per family, for datasets too large to draw model by model."""
    lineage = dataset.lineage
    tints = family_tints(dataset)
    members: dict[str, list[str]] = {}
    for mid in lineage.order:
        members.setdefault(dataset.models[mid]["family"], []).append(mid)
    graph = _new_graph("families")
    for family, mids in members.items():
        graph.node(
            _family_node(family),
            label=escape.dot(f"{family} ({len(mids)})"),
            URL=f"{root}models/",
            target="_top",
            color=tints[family],
            fillcolor=tints[family] + "22",
            **{"class": "model family"},
        )
    links: dict[tuple[str, str], int] = {}
    for edge in lineage.edges:
        a = dataset.models[edge.parent]["family"]
        b = dataset.models[edge.child]["family"]
        if a != b:
            links[(a, b)] = links.get((a, b), 0) + 1
    for (a, b), count in sorted(links.items()):
        graph.edge(_family_node(a), _family_node(b), label=str(count), penwidth="1.2")
    return Diagram(
        dot=graph.source,
        title=t("diagram.lineage", lang),
        description=t("diagram.lineage.desc", lang, count=len(dataset.models)),
        edges=tuple((a, b, str(n)) for (a, b), n in sorted(links.items())),
    )


def neighbourhood_diagram(
    dataset: Dataset,
    model_id: str,
    lang: str,
    root: str,
    depth: int = NEIGHBOURHOOD_DEPTH,
    limit: int = NEIGHBOURHOOD_LIMIT,
) -> Diagram:
    """A model with its ancestors and descendants up to `depth` steps, at most `limit` nodes."""
    lineage = dataset.lineage
    up = lineage.ancestors(model_id, depth)
    down = lineage.descendants(model_id, depth)
    ranked = sorted({**up, **down}.items(), key=lambda item: (item[1], item[0]))
    total = len(ranked) + 1
    nodes = {model_id} | {mid for mid, _ in ranked[: limit - 1]}
    tints = family_tints(dataset)
    # Chains read best top to bottom; a wide fan of siblings reads best left to right.
    levels: dict[int, int] = {}
    for mid in nodes - {model_id}:
        level = -up[mid] if mid in up else down[mid]
        levels[level] = levels.get(level, 0) + 1
    rankdir = "LR" if max(levels.values(), default=0) > 4 else "TB"
    graph = _new_graph(_safe(f"around-{model_id}"), rankdir=rankdir)
    for mid in lineage.in_order(nodes):
        _model_node(graph, dataset, mid, lang, root, tints, highlight=(mid == model_id))
    edges = lineage.subgraph_edges(nodes)
    for edge in edges:
        _edge(graph, dataset, edge, lang, label=True)
    name = dataset.models[model_id]["name"]
    note = ""
    if total > len(nodes):
        note = t("diagram.truncated", lang, name=name, shown=len(nodes), total=total)
    return Diagram(
        dot=graph.source,
        title=t("diagram.neighbourhood", lang, name=name),
        description=t("diagram.neighbourhood.desc", lang, name=name, up=depth, down=depth),
        edges=_edge_rows(edges),
        note=note,
    )


def capability_diagram(
    dataset: Dataset,
    capability: str,
    has: Mapping[str, Any],
    lang: str,
    root: str,
    limit: int = 120,
) -> Diagram:
    """The models that have a capability; where it first appears is drawn bold."""
    lineage = dataset.lineage
    gained = [mid for mid in lineage.order if has[mid].change in ("origin", "added")]
    holders = [mid for mid in lineage.order if has[mid].has or has[mid].change == "lost"]
    nodes = set(gained) | set(holders[: max(0, limit - len(gained))])
    # Show each gain point's parents too, so the step that gave it is visible.
    for mid in gained:
        nodes.update(e.parent for e in lineage.parents[mid])
    tints = family_tints(dataset)
    graph = _new_graph(_safe(f"capability-{capability}"))
    for mid in lineage.in_order(nodes):
        _model_node(graph, dataset, mid, lang, root, tints, emphasis=mid in gained)
    edges = lineage.subgraph_edges(nodes)
    for edge in edges:
        _edge(graph, dataset, edge, lang, label=edge.child in gained)
    name = dataset.capabilities[capability]["name"][lang]
    return Diagram(
        dot=graph.source,
        title=t("diagram.capability", lang, name=name),
        description=t("diagram.capability.desc", lang, name=name),
        edges=_edge_rows(edges),
    )


def pipeline_diagram(method: Mapping[str, Any], lang: str) -> Diagram:
    """The steps of a method, e.g. InstructGPT's SFT → reward model → PPO."""
    pipeline = method["pipeline"]
    graph = _new_graph(_safe(f"pipeline-{method['id']}"), rankdir="LR")
    shapes = {"data": "note", "step": "box", "model": "ellipse"}
    tints = {"data": "#7f8c8d", "step": "#2e86de", "model": "#e67e22"}
    for node in pipeline["nodes"]:
        graph.node(
            node["id"],
            label=escape.dot(node["label"][lang]),
            shape=shapes[node["kind"]],
            color=tints[node["kind"]],
            fillcolor=tints[node["kind"]] + "22",
            style="filled" if node["kind"] != "step" else "rounded,filled",
            **{"class": f"pipeline-{node['kind']}"},
        )
    for edge in pipeline["edges"]:
        attrs = {"label": escape.dot(edge["label"][lang])} if edge.get("label") else {}
        graph.edge(edge["from"], edge["to"], color="#7f8c8d", **attrs)
    name = method["name"][lang]
    return Diagram(
        dot=graph.source,
        title=t("diagram.pipeline", lang, name=name),
        description=t("diagram.pipeline.desc", lang, name=name),
        edges=tuple(
            (e["from"], e["to"], e["label"][lang] if e.get("label") else "")
            for e in pipeline["edges"]
        ),
    )


# Node names beside the model ids: ids cannot contain ':', so these never meet one.
def _year_node(year: int) -> str:
    return f"year:{year}"


def _family_node(family: str) -> str:
    return f"family:{family}"


def _year(model: Mapping[str, Any]) -> int | None:
    date = first_date(model)
    return int(date[:4]) if date else None


def _safe(text: str) -> str:
    return re.sub(r"[^a-z0-9_]", "_", text.lower())


# ---------------------------------------------------------------------------
# Rendering
# ---------------------------------------------------------------------------


@dataclass
class Renderer:
    """Renders DOT to SVG through the system `dot`, cached by content hash."""

    cache_dir: Path | None
    memory: dict[str, str] = field(default_factory=dict)
    stats: RenderStats = field(default_factory=RenderStats)

    def render_all(self, diagrams: Iterable[Diagram]) -> dict[str, str]:
        """SVG for every diagram, keyed by `Diagram.key`; renders only what is missing."""
        wanted = {d.key: d.dot for d in diagrams}
        missing = {}
        for key, source in wanted.items():
            if key in self.memory:
                self.stats.cache_hits += 1
                continue
            cached = self._read_cache(key)
            if cached is not None:
                self.memory[key] = cached
                self.stats.cache_hits += 1
            else:
                missing[key] = source
        if missing:
            self._render(missing)
        return {key: self.memory[key] for key in wanted}

    def _read_cache(self, key: str) -> str | None:
        if self.cache_dir is None:
            return None
        path = self.cache_dir / f"{key}.svg"
        try:
            return path.read_text(encoding="utf-8")
        except OSError:
            return None

    def _render(self, sources: dict[str, str]) -> None:
        executable = shutil.which("dot")
        if executable is None:
            raise RenderError(
                "the Graphviz program 'dot' was not found, and diagrams need drawing",
                "install it with 'sudo apt-get install graphviz', or run 'make serve', "
                "which does it for you",
            )
        started = time.perf_counter()
        keys = sorted(sources)
        batches = [keys[i : i + BATCH_SIZE] for i in range(0, len(keys), BATCH_SIZE)]
        if len(batches) == 1 and len(keys) > 8:  # split so both cores work
            half = (len(keys) + 1) // 2
            batches = [keys[:half], keys[half:]]
        with tempfile.TemporaryDirectory(prefix="atlas-dot-") as tmp:
            work = Path(tmp)
            for key in keys:
                (work / f"{key}.gv").write_text(sources[key], encoding="utf-8")

            def run(batch: list[str]) -> None:
                files = [str(work / f"{key}.gv") for key in batch]
                try:
                    result = subprocess.run(
                        [executable, "-Tsvg", "-O", *files],
                        capture_output=True,
                        text=True,
                        timeout=DOT_TIMEOUT_SECONDS,
                        check=False,
                    )
                except subprocess.TimeoutExpired:
                    raise RenderError(
                        f"Graphviz took over {DOT_TIMEOUT_SECONDS} s for {len(batch)} diagrams",
                        "a diagram is too large; see WHOLE_GRAPH_LIMIT in diagrams.py",
                    ) from None
                if result.returncode != 0:
                    raise RenderError(f"Graphviz failed: {result.stderr.strip()[:500]}")

            with ThreadPoolExecutor(max_workers=min(2, os.cpu_count() or 1)) as pool:
                list(pool.map(run, batches))
            for key in keys:
                svg = clean_svg((work / f"{key}.gv.svg").read_text(encoding="utf-8"))
                self.memory[key] = svg
                self._write_cache(key, svg)
        self.stats.processes += len(batches)
        self.stats.diagrams += len(keys)
        self.stats.seconds += time.perf_counter() - started

    def _write_cache(self, key: str, svg: str) -> None:
        """Keep an SVG for the next build; a cache that cannot be written is only slower."""
        if self.cache_dir is None:
            return
        try:
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            tmp = self.cache_dir / f".{key}.{os.getpid()}.tmp"
            tmp.write_text(svg, encoding="utf-8")
            os.replace(tmp, self.cache_dir / f"{key}.svg")
        except OSError:
            self.cache_dir = None


_PROLOGUE = re.compile(r"<\?xml.*?\?>|<!DOCTYPE.*?>|<!--.*?-->", re.S)


_PAGE_PREFIX = re.compile(r'\bid="page\d+,\d+_')


def clean_svg(svg: str) -> str:
    """Drop the XML prologue, doctype and comments (they name the Graphviz version).

    Also drop the "page0,1_" prefix that dot sometimes puts on ids when it renders
    several files in one run: it depends on the batch, not on the diagram, and would
    make two builds differ.
    """
    svg = _PAGE_PREFIX.sub('id="', _PROLOGUE.sub("", svg))
    return "\n".join(line for line in svg.splitlines() if line.strip())


def embed(svg: str, diagram: Diagram, prefix: str) -> str:
    """Inline-ready SVG: unique ids, a title and description, accessible to screen readers."""
    svg = re.sub(r'\bid="', f'id="{prefix}-', svg)
    svg = re.sub(r'(xlink:href|href)="#', rf'\1="#{prefix}-', svg)
    # Replace Graphviz's graph <title> (the graph name) with ours, and add a description.
    svg = re.sub(
        r"(<g [^>]*class=\"graph\"[^>]*>\s*)<title>.*?</title>", r"\1", svg, count=1, flags=re.S
    )
    title_id, desc_id = f"{prefix}-title", f"{prefix}-desc"
    head = (
        f'<title id="{title_id}">{escape.html(diagram.title)}</title>'
        f'<desc id="{desc_id}">{escape.html(diagram.description)}</desc>'
    )
    svg = _fit_width(svg)
    has_links = "<a " in svg
    role = "group" if has_links else "img"
    svg = re.sub(
        r"<svg\b([^>]*)>",
        lambda m: (
            f'<svg{m.group(1)} role="{role}" aria-labelledby="{title_id} {desc_id}" '
            f'focusable="false">{head}'
        ),
        svg,
        count=1,
    )
    return svg


_SIZE = re.compile(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"')
MIN_SCALE = 0.6  # below this the labels get too small to read: scroll instead


def _fit_width(svg: str) -> str:
    """Shrink a wide diagram to the column, but never below 60%; past that it scrolls."""
    match = _SIZE.search(svg)
    if not match:
        return svg
    width = float(match.group(1))
    style = f'style="width: {width:g}pt; max-width: 100%; min-width: {width * MIN_SCALE:.0f}pt"'
    return svg[: match.start()] + f"<svg {style}" + svg[match.end() :]
