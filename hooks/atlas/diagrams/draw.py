"""DOT text from the data: the whole lineage, a model's neighbourhood, a capability's path,
a method's pipeline. Pure: data in, text out; every label goes through `escape.dot`,
and the `graphviz` package quotes names.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping
from typing import Any

import graphviz

from .. import escape
from ..dataset import Dataset, first_date
from ..graph import Edge
from ..i18n import t
from ..vocabulary import CATEGORIES, GRADES, PIPELINE_KINDS, label_of
from .diagram import Diagram

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


# Above this many models the whole-lineage drawing shows one node per family.
WHOLE_GRAPH_LIMIT = 300


# The year column ties every model to its year with an invisible edge; in a lineage
# deeper than this those edges span hundreds of ranks, and dot's layout time grows
# with the square of the depth (12 s for a chain of 300, against 0.03 s without).
YEAR_AXIS_GENERATIONS = 40


NEIGHBOURHOOD_DEPTH = 2


NEIGHBOURHOOD_LIMIT = 40


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
        "color": CATEGORIES[category].colour,
        "style": GRADES[edge.grade].style,
        "tooltip": escape.dot(
            f"{dataset.methods[edge.method]['name'][lang]} · {label_of(GRADES, edge.grade, lang)}"
        ),
        "class": f"rel-{category} grade-{edge.grade}",
    }
    if label:
        method = dataset.methods[edge.method]
        attrs["label"] = escape.dot(method.get("abbr") or method["name"][lang])
        attrs["fontcolor"] = CATEGORIES[category].colour
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
    if lineage.generations > YEAR_AXIS_GENERATIONS:
        years = []
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
        if year is not None and years:
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
    for node in pipeline["nodes"]:
        kind = PIPELINE_KINDS[node["kind"]]
        graph.node(
            node["id"],
            label=escape.dot(node["label"][lang]),
            shape=kind.style,
            color=kind.colour,
            fillcolor=kind.colour + "22",
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


# Node names beside the model ids: ids cannot contain a space, so these never meet
# one. (Not ':', which the graphviz package reads as node:port in an edge.)
def _year_node(year: int) -> str:
    return f"year {year}"


def _family_node(family: str) -> str:
    return f"family {family}"


def _year(model: Mapping[str, Any]) -> int | None:
    date = first_date(model)
    return int(date[:4]) if date else None


def _safe(text: str) -> str:
    return re.sub(r"[^a-z0-9_]", "_", text.lower())
