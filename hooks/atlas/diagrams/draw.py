"""DOT text from the data: the whole lineage, a model's neighbourhood, a capability's path,
a method's pipeline. Pure: data in, text out; every label goes through `escape.dot`,
and the `graphviz` package quotes names.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import graphviz

from .. import escape
from ..dataset import Dataset, first_date
from ..graph import Edge
from ..i18n import t
from ..vocabulary import (
    CATEGORIES,
    FAMILIES,
    GRADES,
    PIPELINE_KINDS,
    Value,
    family_style,
    label_of,
)
from . import fit
from .diagram import Diagram

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
        fontsize="12",
        shape="box",
        style="rounded,filled",
        height="0.3",
        margin="0.12,0.05",
        penwidth="1.2",
    )
    graph.attr("edge", fontname=FONT, fontsize="12", arrowsize="0.7", penwidth="1.4")
    return graph


_FAMILIES: dict[str, dict[str, Value]] = {}  # dataset digest → families: every diagram needs them


def family_styles(dataset: Dataset) -> dict[str, Value]:
    """Each family in the data with its names, colour and border, in order of first appearance."""
    if dataset.digest not in _FAMILIES:
        families = dict.fromkeys(dataset.models[mid]["family"] for mid in dataset.lineage.order)
        _FAMILIES.clear()
        _FAMILIES[dataset.digest] = {fam: family_style(fam, i) for i, fam in enumerate(families)}
    return _FAMILIES[dataset.digest]


def _model_node(
    graph: graphviz.Digraph,
    dataset: Dataset,
    mid: str,
    lang: str,
    root: str,
    styles: Mapping[str, Value],
    highlight: bool = False,
    emphasis: bool = False,
    label: str | None = None,
) -> None:
    model = dataset.models[mid]
    look = styles[model["family"]]
    classes = f"model fam-{model['family']} model-{mid}"
    classes += (" current" if highlight else "") + (" emphasis" if emphasis else "")
    style = "rounded,filled" + (",dashed" if look.style == "dashed" else "")
    graph.node(
        mid,
        label=label or node_label(model),
        URL=f"{root}models/{mid}/",
        target="_top",
        tooltip=escape.dot(model["summary"][lang]),
        color=look.colour,
        fillcolor=look.colour + ("55" if highlight else "22"),
        style=style,
        penwidth="3" if highlight or emphasis else "1.4",
        fontsize="14" if highlight or emphasis else "12",
        **{"class": classes},
    )


def node_label(model: Mapping[str, Any]) -> str:
    """The model's name, and on a second line the product it is known as (ChatGPT)."""
    products = (model.get("aliases") or {}).get("product") or []
    if not products:
        return escape.dot(model["name"])
    return escape.dot_lines(model["name"], "(" + " / ".join(products) + ")")


def _edge(
    graph: graphviz.Digraph,
    dataset: Dataset,
    edge: Edge,
    lang: str,
    label: bool = False,
    main: bool = False,
) -> None:
    category = dataset.methods[edge.method]["category"]
    attrs: dict[str, str] = {
        "color": CATEGORIES[category].colour,
        "style": GRADES[edge.grade].style,
        "tooltip": escape.dot(
            f"{dataset.methods[edge.method]['name'][lang]} · {label_of(GRADES, edge.grade, lang)}"
        ),
        "class": f"rel-{category} grade-{edge.grade} from-{edge.parent} to-{edge.child}"
        + (" main-path" if main else ""),
    }
    if main:  # the story's spine: heavier, and kept straight by dot
        attrs.update(penwidth="3", weight="8")
    if label:
        attrs["label"] = escape.dot(_edge_label(dataset, edge, lang))
        attrs["fontcolor"] = CATEGORIES[category].colour
    graph.edge(edge.parent, edge.child, **attrs)


def _edge_rows(edges: Iterable[Edge]) -> tuple[tuple[str, ...], ...]:
    """Rows (parent, child, method, grade) for the diagram's text alternative."""
    return tuple((e.parent, e.child, e.method, e.grade) for e in edges)


def _width(dataset: Dataset, nodes: set[str], lang: str, rankdir: str, labelled: bool) -> float:
    """The estimated width of a drawing of these models (fit.py)."""
    lineage = dataset.lineage
    order = lineage.in_order(nodes)
    edges = [
        (e.parent, e.child, _edge_label(dataset, e, lang) if labelled else "")
        for e in lineage.subgraph_edges(nodes)
    ]
    labels = {}
    for mid in order:
        model = dataset.models[mid]
        products = (model.get("aliases") or {}).get("product") or []
        labels[mid] = max([model["name"], "(" + " / ".join(products) + ")"], key=len)
    return fit.estimated_width(order, edges, labels, rankdir)


def _edge_label(dataset: Dataset, edge: Edge, lang: str) -> str:
    method = dataset.methods[edge.method]
    return method.get("abbr") or method["name"][lang]


def lineage_diagram(dataset: Dataset, lang: str, root: str) -> Diagram:
    """Every model, earliest at the top, families by colour, edges styled by method and grade."""
    lineage = dataset.lineage
    if len(dataset.models) > WHOLE_GRAPH_LIMIT:
        return family_diagram(dataset, lang, root)
    styles = family_styles(dataset)
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
    path = main_path(dataset)
    # Models no recorded edge connects (compared in the articles, or a paper's sizes) stand
    # in one labelled row at the bottom instead of floating among the connected ones.
    alone = [m for m in lineage.order if not lineage.parents[m] and not lineage.children[m]]
    connected = [m for m in lineage.order if m not in alone]
    for mid in connected:
        _model_node(graph, dataset, mid, lang, root, styles, emphasis=mid in path)
    if alone:
        with graph.subgraph(name="unconnected") as row:
            row.attr(rank="sink")
            row.node(
                UNCONNECTED,
                label=escape.dot(t("diagram.unconnected", lang)),
                shape="plaintext",
                style="",
                **{"class": "unconnected"},
            )
            for mid in alone:
                _model_node(row, dataset, mid, lang, root, styles)
    for mid in connected:
        year = _year(dataset.models[mid])
        if year is not None and years:
            graph.edge(_year_node(year), mid, style="invis", weight="0")
            later = [y for y in years if y > year]
            if later:
                graph.edge(mid, _year_node(later[0]), style="invis", weight="0")
    spine = set(itertools.pairwise(path))
    for edge in lineage.edges:
        _edge(graph, dataset, edge, lang, main=(edge.parent, edge.child) in spine)
    return Diagram(
        dot=graph.source,
        title=t("diagram.lineage", lang),
        description=t("diagram.lineage.desc", lang, count=len(dataset.models)),
        edges=_edge_rows(lineage.edges),
    )


# The end of the site's main story: the model behind ChatGPT. The whole lineage and the
# home page's picture emphasise the path that leads to it (see `main_path`).
STORY_END = "gpt-3.5-turbo"


def _trains(dataset: Dataset, edge: Edge) -> bool:
    """Whether the child was trained from the parent (not a relation, snapshot or prompt)."""
    category = CATEGORIES[dataset.methods[edge.method]["category"]]
    return category.role == "" and dataset.methods[edge.method]["category"] != "snapshot"


def main_path(dataset: Dataset, end: str = STORY_END) -> list[str]:
    """From the first model of the story to `end`, following each model's first training parent.

    Empty when `end` is not in the data (a fixture or a synthetic dataset).
    """
    if end not in dataset.models:
        return []
    path = [end]
    while True:
        training = [e for e in dataset.lineage.parents[path[-1]] if _trains(dataset, e)]
        if not training or training[0].parent in path:
            break
        path.append(training[0].parent)
    return path[::-1]


def story_diagram(dataset: Dataset, lang: str, root: str) -> Diagram:
    """The GPT-3.5 story in one picture: the main path down the middle, the branches beside it.

    A branch is a model trained from a model on the path whose family the registry
    marks as part of the story (Codex, InstructGPT): what grew beside the path.
    """
    lineage = dataset.lineage
    path = main_path(dataset)
    on_path = set(path)
    story = {fid for fid, look in FAMILIES.items() if look.role == "story"}
    branches = {
        e.child
        for mid in path
        for e in lineage.children[mid]
        if e.child not in on_path
        and _trains(dataset, e)
        and dataset.models[e.child]["family"] in story
    }
    nodes = on_path | branches
    styles = family_styles(dataset)
    graph = _new_graph("story", rankdir="TB")
    graph.attr(ranksep="0.35", nodesep="0.3")
    for mid in lineage.in_order(nodes):
        _model_node(graph, dataset, mid, lang, root, styles, emphasis=mid in on_path)
    spine = set(itertools.pairwise(path))
    edges = lineage.subgraph_edges(nodes)
    for edge in edges:
        main = (edge.parent, edge.child) in spine
        _edge(graph, dataset, edge, lang, label=True, main=main)
    names = [dataset.models[mid]["name"] for mid in path]
    path_family = dataset.models[path[-1]]["family"] if path else ""
    return Diagram(
        dot=graph.source,
        title=t("diagram.story", lang),
        description=t(
            "diagram.story.desc",
            lang,
            path=" → ".join(names),
            count=len(branches),
            families=t("and", lang).join(
                FAMILIES[f].label[lang] for f in sorted(story) if f != path_family
            ),
        ),
        edges=_edge_rows(edges),
    )


def family_diagram(dataset: Dataset, lang: str, root: str) -> Diagram:
    """One node per family, for datasets too large to draw model by model."""
    lineage = dataset.lineage
    styles = family_styles(dataset)
    members: dict[str, list[str]] = {}
    for mid in lineage.order:
        members.setdefault(dataset.models[mid]["family"], []).append(mid)
    graph = _new_graph("families")
    for family, mids in members.items():
        graph.node(
            _family_node(family),
            label=escape.dot(f"{styles[family].label[lang]} ({len(mids)})"),
            URL=f"{root}models/",
            target="_top",
            color=styles[family].colour,
            fillcolor=styles[family].colour + "22",
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
    """A model with its ancestors and descendants up to `depth` steps, at most `limit` nodes.

    Drawn top to bottom or left to right, whichever fits the column; if neither does,
    with one generation each way (the table under it lists them all).
    """
    lineage = dataset.lineage

    def nearest(steps: int) -> list[str]:
        up, down = lineage.ancestors(model_id, steps), lineage.descendants(model_id, steps)
        return [mid for mid, _ in sorted({**up, **down}.items(), key=lambda i: (i[1], i[0]))]

    def variants() -> Iterator[tuple[int, str, set[str], int, float]]:
        """Every `depth` steps; then one step, dropping the farthest models one by one."""
        wide, near = nearest(depth), nearest(1)
        counts = [(depth, wide, limit)]
        counts += [(1, near, n) for n in range(min(limit, len(near) + 1), 2, -1)]
        for steps, ranked, most in counts:
            nodes = {model_id, *ranked[: most - 1]}
            for direction in ("TB", "LR"):
                width = _width(dataset, nodes, lang, direction, labelled=True)
                yield steps, direction, nodes, len(ranked) + 1, width

    chosen = narrowest = None
    for variant in variants():
        if fit.fits(variant[4]):
            chosen = variant
            break
        if narrowest is None or variant[4] < narrowest[4]:
            narrowest = variant  # if nothing fits: the narrowest, which scrolls
    depth, rankdir, nodes, total, _ = chosen or narrowest
    styles = family_styles(dataset)
    graph = _new_graph(_safe(f"around-{model_id}"), rankdir=rankdir)
    for mid in lineage.in_order(nodes):
        _model_node(graph, dataset, mid, lang, root, styles, highlight=(mid == model_id))
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


# How many of a gain point's children that kept the capability the capability page draws;
# the explorer (/lineage/) lights every model that has it.
CAPABILITY_CHILDREN = 2


def capability_diagram(
    dataset: Dataset,
    capability: str,
    has: Mapping[str, Any],
    lang: str,
    root: str,
) -> Diagram:
    """Where a capability was gained: each gain point (bold), the model it was trained from,
    and a few of the children that kept or lost it. Small enough for the page's column,
    however many models have the capability."""
    lineage = dataset.lineage
    gained = [mid for mid in lineage.order if has[mid].change in ("origin", "added")]
    variants = []
    for children in range(CAPABILITY_CHILDREN, -1, -1):
        nodes = set(gained)
        for mid in gained:
            nodes.update(e.parent for e in lineage.parents[mid])
            kept = [
                e.child
                for e in lineage.children[mid]
                if (has[e.child].has or has[e.child].change == "lost") and e.child not in gained
            ]
            nodes.update(kept[:children])
        for direction in ("LR", "TB"):
            width = _width(dataset, nodes, lang, direction, labelled=True)
            variants.append((children, direction, nodes, width))
    chosen = next((v for v in variants if fit.fits(v[3])), None)
    if chosen is None:  # nothing fits: the narrowest, which scrolls
        chosen = min(variants, key=lambda v: v[3])
    children, rankdir, nodes, _ = chosen
    styles = family_styles(dataset)
    graph = _new_graph(_safe(f"capability-{capability}"), rankdir=rankdir)
    for mid in lineage.in_order(nodes):
        _model_node(graph, dataset, mid, lang, root, styles, emphasis=mid in gained)
    edges = lineage.subgraph_edges(nodes)
    for edge in edges:
        _edge(graph, dataset, edge, lang, label=edge.child in gained)
    name = dataset.capabilities[capability]["name"][lang]
    return Diagram(
        dot=graph.source,
        title=t("diagram.capability", lang, name=name),
        description=t("diagram.capability.desc", lang, name=name, children=children),
        edges=_edge_rows(edges),
    )


def pipeline_diagram(method: Mapping[str, Any], lang: str) -> Diagram:
    """The steps of a method, e.g. InstructGPT's SFT → reward model → PPO."""
    pipeline = method["pipeline"]
    # Top to bottom: a pipeline is read as a sequence, and it fits a phone's column.
    graph = _new_graph(_safe(f"pipeline-{method['id']}"), rankdir="TB")
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
UNCONNECTED = "unconnected models"


def _year_node(year: int) -> str:
    return f"year {year}"


def _family_node(family: str) -> str:
    return f"family {family}"


def _year(model: Mapping[str, Any]) -> int | None:
    date = first_date(model)
    return int(date[:4]) if date else None


def _safe(text: str) -> str:
    return re.sub(r"[^a-z0-9_]", "_", text.lower())
