"""Capability tables are computed from the lineage; changing the data changes them."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from atlas import capabilities as caps
from atlas.validate import validate
from conftest import mini_project


def load(root: Path):
    dataset, problems = validate(root)
    assert not problems, "\n".join(map(str, problems))
    return dataset, caps.compute_status(dataset)


def edit(root: Path, kind: str, rid: str, change) -> None:
    path = root / "data" / kind / f"{rid}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return mini_project(tmp_path / "project")


def test_capability_flows_down_the_lineage(root: Path) -> None:
    dataset, status = load(root)
    icl = {mid: status[mid]["in-context-learning"].cell for mid in dataset.lineage.order}
    # davinci is the origin; text-davinci-002's edge weakens it; the rest inherit it.
    assert icl["davinci"] == "gained"
    assert icl["text-davinci-002"] == "weakened"
    assert {icl[m] for m in ("code-davinci-002", "text-davinci-003", "gpt-3.5-turbo")} == {
        "inherited"
    }


def test_trace_walks_back_to_the_source_stage(root: Path) -> None:
    dataset, status = load(root)
    traces = caps.compute_traces(dataset, status)
    trace = traces["gpt-3.5-turbo"]["in-context-learning"]
    assert trace.gained_at == "davinci" and trace.method == "pretraining"
    assert caps.path_of(traces, "gpt-3.5-turbo", "in-context-learning") == (
        "davinci",
        "code-davinci-002",
        "text-davinci-002",
        "text-davinci-003",
        "gpt-3.5-turbo",
    )
    assert trace.steps == 5
    assert [(m, c) for m, c, _ in trace.changes] == [("text-davinci-002", "weakened")]
    assert trace.change_count == 1


def test_changing_one_edge_changes_the_tables(root: Path) -> None:
    def lose_it(model: dict) -> None:
        model["parents"][0]["effects"] = [
            {
                "capability": "in-context-learning",
                "change": "lost",
                "grade": "hypothesis",
                "sources": [{"source": "openai-model-index"}],
            }
        ]

    edit(root, "models", "text-davinci-003", lose_it)
    dataset, status = load(root)
    assert status["text-davinci-003"]["in-context-learning"].cell == "lost"
    # Below the loss nothing passes down, and nobody recorded anything: not "absent".
    assert not status["gpt-3.5-turbo"]["in-context-learning"].has
    assert status["gpt-3.5-turbo"]["in-context-learning"].cell == "not-recorded"
    assert caps.trace(dataset, status, "gpt-3.5-turbo", "in-context-learning") is None


def test_changing_one_capability_record_changes_the_tables(root: Path) -> None:
    def from_code(cap: dict) -> None:
        cap["origins"][0]["model"] = "code-davinci-002"
        cap["origins"][0]["method"] = "code-training"

    edit(root, "capabilities", "in-context-learning", from_code)
    dataset, status = load(root)
    assert status["davinci"]["in-context-learning"].cell == "not-recorded"
    assert status["code-davinci-002"]["in-context-learning"].cell == "gained"
    trace = caps.trace(dataset, status, "text-davinci-003", "in-context-learning")
    assert trace.gained_at == "code-davinci-002" and trace.method == "code-training"


def test_absent_is_a_cited_observation_and_not_the_default(root: Path) -> None:
    def away_from_davinci(cap: dict) -> None:
        cap["origins"][0]["model"] = "code-davinci-002"
        cap["origins"][0]["method"] = "code-training"

    def observed_absent(model: dict) -> None:
        model["capabilities"] = [
            {
                "capability": "in-context-learning",
                "status": "absent",
                "grade": "inference",
                "sources": [{"source": "openai-model-index"}],
            }
        ]

    edit(root, "capabilities", "in-context-learning", away_from_davinci)
    _, status = load(root)
    assert status["davinci"]["in-context-learning"].cell == "not-recorded"
    edit(root, "models", "davinci", observed_absent)
    _, status = load(root)
    assert status["davinci"]["in-context-learning"].cell == "absent"
    # The observation is about davinci alone: its children are not thereby "absent".
    assert status["code-davinci-002"]["in-context-learning"].cell == "gained"


def test_nothing_passes_along_a_replacement(root: Path) -> None:
    def replacement_method(method: dict) -> None:
        method["category"] = "replacement"

    edit(root, "methods", "chat-tuning", replacement_method)
    dataset, status = load(root)
    assert status["text-davinci-003"]["in-context-learning"].cell == "inherited"
    assert status["gpt-3.5-turbo"]["in-context-learning"].cell == "not-recorded"
    assert caps.trace(dataset, status, "gpt-3.5-turbo", "in-context-learning") is None

    def strengthen_across_it(model: dict) -> None:
        model["parents"][0]["effects"] = [
            {
                "capability": "in-context-learning",
                "change": "strengthened",
                "grade": "inference",
                "sources": [{"source": "openai-model-index"}],
            }
        ]

    edit(root, "models", "gpt-3.5-turbo", strengthen_across_it)
    _, problems = validate(root)
    assert [p.message for p in problems] == [
        "'in-context-learning' is strengthened along a 'chat-tuning' edge, but nothing passes"
        " along one"
    ]


def test_an_added_effect_is_a_second_origin(root: Path) -> None:
    def add_dialogue(model: dict) -> None:
        model["parents"][0]["effects"] = [
            {
                "capability": "in-context-learning",
                "change": "added",
                "grade": "inference",
                "sources": [{"source": "openai-model-index"}],
            }
        ]

    def only_at_turbo(cap: dict) -> None:
        cap["origins"][0]["model"] = "gpt-3.5-turbo"
        cap["origins"][0]["method"] = "chat-tuning"

    edit(root, "capabilities", "in-context-learning", only_at_turbo)
    edit(root, "models", "code-davinci-002", add_dialogue)
    dataset, status = load(root)
    assert status["code-davinci-002"]["in-context-learning"].cell == "gained"
    trace = caps.trace(dataset, status, "text-davinci-003", "in-context-learning")
    assert trace.gained_at == "code-davinci-002" and trace.method == "code-training"


def test_stage_must_lie_on_the_path(root: Path) -> None:
    def wrong_stage(cap: dict) -> None:
        cap["origins"][0]["method"] = "rlhf-ppo"

    edit(root, "capabilities", "in-context-learning", wrong_stage)
    _, problems = validate(root)
    assert [p.message for p in problems] == [
        "'rlhf-ppo' is not a stage on the path to 'davinci' (its stages: pretraining)"
    ]
    assert problems[0].path == "data/capabilities/in-context-learning.yaml"


def test_traces_of_a_deep_lineage_keep_only_their_latest_changes(tmp_path: Path) -> None:
    """A chain of 120 models, each edge weakening or strengthening: one pass, bounded traces."""
    import synth

    synth.write_project(tmp_path / "chain", 120, shape="chain")
    dataset, status = load(tmp_path / "chain")
    traces = caps.compute_traces(dataset, status)
    last = dataset.lineage.order[-1]
    assert dataset.lineage.generations == 120
    for cid, trace in traces[last].items():
        path = caps.path_of(traces, last, cid)
        assert len(path) == trace.steps and path[0] == trace.gained_at and path[-1] == last
        assert len(trace.changes) <= caps.KEPT_CHANGES <= trace.change_count or (
            len(trace.changes) == trace.change_count
        )
