"""Lineage and pipeline diagrams: DOT content, escaping, rendering and its cache."""

from __future__ import annotations

import itertools
import os
import re
import time
from pathlib import Path

import graphviz
import pytest
import yaml

from atlas import diagrams, escape
from atlas.dataset import Dataset
from atlas.diagrams.draw import node_label
from atlas.validate import validate
from atlas.vocabulary import CATEGORIES, GRADES
from conftest import ROOT, mini_project


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    root = mini_project(tmp_path_factory.mktemp("mini") / "project")
    data, problems = validate(root)
    assert not problems, problems
    return data


def edges_in(dot: str) -> set[tuple[str, str]]:
    return set(re.findall(r'"?([\w.-]+)"?\s*->\s*"?([\w.-]+)"?', dot))


def test_lineage_has_every_model_and_edge(dataset: Dataset) -> None:
    diagram = diagrams.lineage_diagram(dataset, "zh", "../")
    for mid in dataset.models:
        assert f'URL="../models/{mid}/"' in diagram.dot
    expected = {(e.parent, e.child) for e in dataset.lineage.edges}
    assert expected <= edges_in(diagram.dot)
    assert {row[:2] for row in diagram.edges} == expected


def test_edge_style_follows_method_and_grade(dataset: Dataset) -> None:
    dot = diagrams.lineage_diagram(dataset, "en", "").dot
    for edge in dataset.lineage.edges:
        category = dataset.methods[edge.method]["category"]
        arrow = rf'"?{re.escape(edge.parent)}"?\s*->\s*"?{re.escape(edge.child)}"?'
        line = next(line for line in dot.splitlines() if re.search(arrow, line))
        assert f'color="{CATEGORIES[category].colour}"' in line
        assert f"style={GRADES[edge.grade].style}" in line
    # the seed data has both an inferred (dashed) and an official (solid) edge
    assert "style=dashed" in dot and "style=solid" in dot


def test_time_order_puts_years_top_to_bottom(dataset: Dataset) -> None:
    dot = diagrams.lineage_diagram(dataset, "zh", "").dot
    assert "rankdir=TB" in dot
    years = re.findall(r'"?year-(\d{4})"? -> "?year-(\d{4})"?', dot)
    assert all(int(a) < int(b) for a, b in years)


def test_neighbourhood_is_bounded_and_highlights_the_model(dataset: Dataset) -> None:
    diagram = diagrams.neighbourhood_diagram(dataset, "text-davinci-002", "en", "../../", depth=1)
    nodes = set(re.findall(r'URL="\.\./\.\./models/([\w.-]+)/"', diagram.dot))
    assert nodes == {"code-davinci-002", "text-davinci-002", "text-davinci-003"}
    current = next(
        line
        for line in diagram.dot.splitlines()
        if "text-davinci-002 [" in line or '"text-davinci-002" [' in line
    )
    assert "current" in current and "penwidth=3" in current
    limited = diagrams.neighbourhood_diagram(
        dataset, "text-davinci-002", "en", "", depth=9, limit=2
    )
    assert len(set(re.findall(r'URL="models/([\w.-]+)/"', limited.dot))) == 2
    assert limited.note


def test_labels_are_escaped_for_dot() -> None:
    hostile = 'a "quoted" \\N label <b>html</b> {braces} node edge graph'
    escaped = str(escape.dot(hostile))
    assert "\\\\N" in escaped
    method = {
        "id": "m",
        "name": {"zh": hostile, "en": hostile},
        "pipeline": {
            "nodes": [
                {"id": "a", "kind": "data", "label": {"zh": hostile, "en": hostile}},
                {"id": "b", "kind": "step", "label": {"zh": "b", "en": "b"}},
            ],
            "edges": [{"from": "a", "to": "b", "label": {"zh": hostile, "en": hostile}}],
        },
    }
    dot = diagrams.pipeline_diagram(method, "en").dot
    assert 'label="a \\"quoted\\" \\\\N label <b>html</b> {braces} node edge graph"' in dot
    assert "label=<" not in dot  # never an HTML-like label


def test_rendered_svg_keeps_hostile_labels_as_text(tmp_path: Path) -> None:
    hostile = '</text><script>alert(1)</script> "q" <b>x</b>'
    method = {
        "id": "m",
        "name": {"zh": "m", "en": "m"},
        "pipeline": {
            "nodes": [
                {"id": "a", "kind": "data", "label": {"zh": hostile, "en": hostile}},
                {"id": "b", "kind": "step", "label": {"zh": "b", "en": "b"}},
            ],
            "edges": [{"from": "a", "to": "b"}],
        },
    }
    diagram = diagrams.pipeline_diagram(method, "en")
    svg = diagrams.Renderer(tmp_path).render_all([diagram])[diagram.key]
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert "<b>" not in svg


def test_cache_means_dot_runs_once(dataset: Dataset, tmp_path: Path) -> None:
    wanted = [
        diagrams.neighbourhood_diagram(dataset, mid, lang, "../")
        for mid in dataset.models
        for lang in ("zh", "en")
    ]
    first = diagrams.Renderer(tmp_path / "cache")
    svgs = first.render_all(wanted)
    assert set(svgs) == {d.key for d in wanted}
    assert first.stats.processes >= 1 and first.stats.diagrams == len({d.key for d in wanted})
    again = first.render_all(wanted)  # the cache on disk, from the same renderer
    assert again == svgs and first.stats.diagrams == len(svgs)
    fresh = diagrams.Renderer(tmp_path / "cache")  # the next build
    assert fresh.render_all(wanted) == svgs
    assert fresh.stats.processes == 0 and fresh.stats.diagrams == 0


def test_output_is_deterministic(dataset: Dataset, tmp_path: Path) -> None:
    diagram = diagrams.lineage_diagram(dataset, "zh", "")
    assert diagram.dot == diagrams.lineage_diagram(dataset, "zh", "").dot
    one = diagrams.Renderer(tmp_path / "a").render_all([diagram])[diagram.key]
    two = diagrams.Renderer(tmp_path / "b").render_all([diagram])[diagram.key]
    assert one == two
    assert "Generated by Graphviz" not in one and "<?xml" not in one


def test_embed_makes_ids_unique_and_labels_the_figure(dataset: Dataset, tmp_path: Path) -> None:
    diagram = diagrams.lineage_diagram(dataset, "en", "")
    svg = diagrams.Renderer(tmp_path).render_all([diagram])[diagram.key]
    one = diagrams.embed(svg, diagram, "atlas-d1")
    two = diagrams.embed(svg, diagram, "atlas-d2")
    ids_one = set(re.findall(r'\bid="([^"]+)"', one))
    assert ids_one and not ids_one & set(re.findall(r'\bid="([^"]+)"', two))
    assert 'aria-labelledby="atlas-d1-title atlas-d1-desc"' in one
    assert f">{diagram.title}</title>" in one
    assert "%3" not in one


def test_clean_svg_removes_batch_dependent_page_prefixes() -> None:
    """dot can prefix ids with 'page0,1_' depending on what else it rendered in the run."""
    raw = '<?xml version="1.0"?>\n<!-- Generated by graphviz -->\n<svg>\n<g id="page0,1_graph0">'
    assert diagrams.clean_svg(raw) == '<svg>\n<g id="graph0">'


def test_a_model_named_like_a_year_stays_a_model(tmp_path: Path) -> None:
    """The year axis cannot meet a record: its nodes have a space no id may contain."""
    root = mini_project(tmp_path / "project")
    davinci = (root / "data" / "models" / "davinci.yaml").read_text(encoding="utf-8")
    (root / "data" / "models" / "year-2020.yaml").write_text(
        davinci.replace("id: davinci", "id: year-2020").replace("name: davinci", "name: Y2020"),
        encoding="utf-8",
    )
    data, problems = validate(root)
    assert not problems, problems
    dot = diagrams.lineage_diagram(data, "en", "").dot
    model = re.search(r'^\s*"year-2020" \[.*$', dot, re.M)
    assert model and 'URL="models/year-2020/"' in model.group(0)
    axis = re.search(r'^\s*"year 2020" \[.*$', dot, re.M)
    assert axis and "URL=" not in axis.group(0) and "label=2020" in axis.group(0)


def test_prune_keeps_what_builds_use(dataset: Dataset, tmp_path: Path) -> None:
    renderer = diagrams.Renderer(tmp_path / "cache")
    used, old = (
        diagrams.neighbourhood_diagram(dataset, mid, "en", "")
        for mid in ("davinci", "text-davinci-002")
    )
    renderer.render_all([used, old])
    month_ago = time.time() - 30 * 86_400
    for diagram in (used, old):
        os.utime(tmp_path / "cache" / f"{diagram.key}.svg", (month_ago, month_ago))
    renderer.render_all([used])  # a build that still needs one of them
    assert renderer.prune() == 1
    assert sorted(p.stem for p in (tmp_path / "cache").glob("*.svg")) == [used.key]


def test_every_diagram_of_the_real_data_renders_without_a_graphviz_warning(tmp_path: Path) -> None:
    """dot warns, and carries on, when a name reads as node:port; every warning is a bug."""
    from atlas import capabilities as caps
    from conftest import ROOT

    data, problems = validate(ROOT)
    assert not problems
    status = caps.compute_status(data)
    wanted = [diagrams.lineage_diagram(data, "zh", "")]
    wanted += [diagrams.neighbourhood_diagram(data, mid, "en", "") for mid in data.models]
    for cid in data.capabilities:
        has = {mid: status[mid][cid] for mid in data.lineage.order}
        wanted.append(diagrams.capability_diagram(data, cid, has, "zh", ""))
    renderer = diagrams.Renderer(tmp_path / "cache")
    renderer.render_all(wanted)
    assert renderer.stats.diagrams == len({d.key for d in wanted})
    assert renderer.stats.warnings == []


# -- the home page's story, families, pipelines, legibility (issue 16) ---------------

# The path the issue names, from davinci to ChatGPT: the expectation, not the program's.
STORY = ["davinci", "code-davinci-002", "text-davinci-002", "text-davinci-003", "gpt-3.5-turbo"]


@pytest.fixture(scope="module")
def real() -> Dataset:
    data, problems = validate(ROOT)
    assert not problems, problems
    return data


def node_line(dot: str, mid: str) -> str:
    return next(line for line in dot.splitlines() if re.match(rf'\s*"?{re.escape(mid)}"? \[', line))


def test_the_story_is_the_path_from_davinci_to_chatgpt_with_its_branches(real: Dataset) -> None:
    assert diagrams.main_path(real) == STORY
    diagram = diagrams.story_diagram(real, "en", "")
    drawn = set(re.findall(r'URL="models/([^/]+)/"', diagram.dot))
    assert set(STORY) <= drawn
    for parent, child in itertools.pairwise(
        STORY
    ):  # the spine is heavy and labelled with its method
        line = next(
            line
            for line in diagram.dot.splitlines()
            if f"{parent} -> {child}" in line.replace('"', "")
        )
        assert "main-path" in line and "penwidth=3" in line and "label=" in line
    # ChatGPT is named on its node, from the record's product alias.
    turbo = yaml.safe_load((ROOT / "data/models/gpt-3.5-turbo.yaml").read_text(encoding="utf-8"))
    assert "ChatGPT" in turbo["aliases"]["product"]
    assert "(ChatGPT)" in node_line(diagram.dot, "gpt-3.5-turbo")
    # The Codex branch and the instruct-beta / -001 branch, and nothing outside the story.
    assert {"code-davinci-001", "davinci-instruct-beta", "text-davinci-001"} <= drawn
    for mid in drawn - set(STORY):
        assert real.models[mid]["family"] in {"codex", "instructgpt", "gpt-3.5"}, mid
    assert " → ".join(real.models[m]["name"] for m in STORY) in diagram.description


def test_the_whole_lineage_draws_the_path_bold_and_names_chatgpt(real: Dataset) -> None:
    dot = diagrams.lineage_diagram(real, "zh", "").dot
    for mid in STORY:
        assert "emphasis" in node_line(dot, mid)
    assert "emphasis" not in node_line(dot, "curie")
    assert "(ChatGPT)" in node_line(dot, "gpt-3.5-turbo")
    assert "从上往下" in diagrams.lineage_diagram(real, "zh", "").description
    assert "Time runs downwards" in diagrams.lineage_diagram(real, "en", "").description


def test_pipelines_run_top_to_bottom(real: Dataset) -> None:
    pipelines = [m for m in real.methods.values() if m.get("pipeline")]
    assert pipelines
    for method in pipelines:
        assert "rankdir=TB" in diagrams.pipeline_diagram(method, "en").dot


def test_every_label_is_at_least_12_points(real: Dataset) -> None:
    """Shrunk to fit the column at most to 75% (embed.MIN_SCALE), 12 pt is 12 CSS px."""
    from atlas.diagrams.embed import MIN_SCALE

    assert MIN_SCALE * 12 * 4 / 3 >= 12
    dots = [
        diagrams.lineage_diagram(real, "en", "").dot,
        diagrams.story_diagram(real, "en", "").dot,
        diagrams.neighbourhood_diagram(real, "text-davinci-002", "en", "").dot,
        *(
            diagrams.pipeline_diagram(m, "en").dot
            for m in real.methods.values()
            if m.get("pipeline")
        ),
    ]
    for dot in dots:
        sizes = [float(s) for s in re.findall(r"fontsize=\"?([\d.]+)", dot)]
        assert sizes and min(sizes) >= 12, min(sizes)


def test_a_hostile_product_alias_stays_text_in_the_label() -> None:
    label = node_label({"name": "<b>x</b>", "aliases": {"product": ['"\\N<i>']}})
    graph = graphviz.Digraph()
    graph.node("m", label=label)
    assert 'label="<b>x</b>\\n(\\"\\\\N<i>)"' in graph.source


def test_models_no_edge_connects_stand_in_one_labelled_row(real: Dataset) -> None:
    lineage = real.lineage
    alone = {m for m in real.models if not lineage.parents[m] and not lineage.children[m]}
    assert alone, "the real data has models compared but not connected"
    dot = diagrams.lineage_diagram(real, "en", "").dot
    row = dot[dot.index("subgraph unconnected") :]
    row = row[: row.index("}")]
    assert "rank=sink" in row and "Not connected to the others" in row
    assert {m for m in real.models if f'URL="models/{m}/"' in row} == alone
