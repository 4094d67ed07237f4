"""Checks of the lineage: edges, cycles, release order, pipelines, stages, effects.

These rely on the shape the schema promises, so they run on records that passed it.
"""

from __future__ import annotations

import difflib

from .. import capabilities as capability_tables
from ..dataset import Dataset, first_date
from ..errors import Problem
from ..graph import Lineage, find_cycles, parent_ids
from ..load import Record
from ..vocabulary import CATEGORIES, RELATION_CATEGORIES
from .fields import (
    parse_date,
)


def edge_problems(record: Record, methods: dict[str, dict]) -> list[Problem]:
    problems = []
    parents = record.data.get("parents") or []
    seen: set[tuple[str, str]] = set()
    for i, entry in enumerate(parents):
        if entry["model"] == record.id:
            problems.append(
                record.problem(
                    ("parents", i, "model"),
                    "a model cannot be its own parent",
                    "remove this entry or name the real parent",
                )
            )
        key = (entry["model"], entry["method"])
        if key in seen:
            problems.append(
                record.problem(
                    ("parents", i), "the same parent and method twice", "remove the repeated entry"
                )
            )
        seen.add(key)
        problems += effect_conflicts(record, i, entry.get("effects") or [])
        method = methods.get(entry["method"])
        if (
            method
            and CATEGORIES.get(method.get("category"), None) is not None
            and (CATEGORIES[method["category"]].role == "prompting")
        ):
            problems.append(
                record.problem(
                    ("parents", i, "method"),
                    f"'{entry['method']}' is a prompting method, not a training step",
                    "an edge needs the method that produced the child model",
                )
            )
    scratch = all(
        methods.get(p["method"], {}).get("category") in RELATION_CATEGORIES for p in parents
    )
    if "origin_method" in record.data and not scratch:
        problems.append(
            record.problem(
                ("origin_method",),
                "only a model trained from scratch has an origin_method",
                "remove it, or make every parent edge a successor or replication",
            )
        )
    return problems


def release_order_problems(models: list[Record]) -> list[Problem]:
    """A model cannot come out before the model it was derived from or follows."""
    first = {r.id: first_date(r.data) for r in models}
    problems = []
    for record in models:
        child = first[record.id]
        for i, entry in enumerate(record.data.get("parents") or []):
            parent = first.get(entry["model"])
            if not child or not parent:
                continue
            common = min(len(parse_date(child) or ()), len(parse_date(parent) or ()))
            if (parse_date(child) or ())[:common] < (parse_date(parent) or ())[:common]:
                problems.append(
                    record.problem(
                        ("parents", i, "model"),
                        f"'{record.id}' first appeared ({child}) before its parent "
                        f"'{entry['model']}' ({parent})",
                        "check the dates of both models, or the parent",
                    )
                )
    return problems


def effect_conflicts(record: Record, parent: int, effects: list[dict]) -> list[Problem]:
    """One edge names each capability once: 'added' and 'lost' together say nothing."""
    problems = []
    earlier: dict[str, str] = {}
    for k, effect in enumerate(effects):
        capability, change = effect.get("capability"), effect.get("change")
        if capability in earlier:
            before = earlier[capability]
            message = (
                f"'{capability}' is listed twice on this edge"
                if before == change
                else f"'{capability}' is both {before} and {change} on this edge"
            )
            problems.append(
                record.problem(
                    ("parents", parent, "effects", k, "capability"),
                    message,
                    "keep one effect per capability on an edge",
                )
            )
        else:
            earlier[capability] = change
    return problems


def cycle_problems(models: list[Record]) -> list[Problem]:
    by_id = {r.id: r for r in models}
    graph = {r.id: [p for p in parent_ids(r.data) if p != r.id] for r in models}
    problems = []
    for cycle in find_cycles(graph):
        first = by_id[cycle[0]]
        index = next(i for i, p in enumerate(first.data["parents"]) if p["model"] == cycle[1])
        chain = " → ".join(reversed(cycle))
        problems.append(
            first.problem(
                ("parents", index, "model"),
                f"the lineage has a cycle: {chain}",
                "a model cannot descend from itself; remove one of these parent links",
            )
        )
    return problems


def pipeline_problems(record: Record) -> list[Problem]:
    pipeline = record.data.get("pipeline")
    if not pipeline:
        return []
    problems = []
    ids = [node["id"] for node in pipeline["nodes"]]
    for i, node_id in enumerate(ids):
        if node_id in ids[:i]:
            problems.append(
                record.problem(("pipeline", "nodes", i, "id"), f"node id '{node_id}' is used twice")
            )
    for i, edge in enumerate(pipeline["edges"]):
        for end in ("from", "to"):
            if edge[end] not in ids:
                close = difflib.get_close_matches(edge[end], ids, n=1)
                problems.append(
                    record.problem(
                        ("pipeline", "edges", i, end),
                        f"no pipeline node '{edge[end]}'",
                        f"did you mean '{close[0]}'?" if close else "add it to pipeline.nodes",
                    )
                )
    return problems


def stage_problems(dataset: Dataset, records: list[Record]) -> list[Problem]:
    """A capability's source stage must be a step its first model actually went through."""
    problems = []
    lineage: Lineage = dataset.lineage
    for record in records:
        if record.kind != "capabilities":
            continue
        for i, origin in enumerate(record.data["origins"]):
            stages = lineage.stages(origin["model"])
            if origin["method"] not in stages:
                problems.append(
                    record.problem(
                        ("origins", i, "method"),
                        f"'{origin['method']}' is not a stage on the path to '{origin['model']}'"
                        f" (its stages: {', '.join(sorted(stages))})",
                        "name a method on an edge between a root and that model, or fix the model",
                    )
                )
    return problems


def observation_problems(dataset: Dataset, records: list[Record]) -> list[Problem]:
    """A capability observed on a model must agree with what the lineage computes."""
    problems = []
    status = capability_tables.compute_status(dataset)
    models = {r.id: r for r in records if r.kind == "models"}
    for mid, parent, effect, message, hint in capability_tables.effect_problems(dataset, status):
        at = ("parents", parent, "effects", effect, "change")
        problems.append(models[mid].problem(at, message, hint))
    for record in models.values():
        for i, seen in enumerate(record.data.get("capabilities") or []):
            computed = status[record.id][seen["capability"]]
            if seen["status"] == "absent" and computed.has:
                problems.append(
                    record.problem(
                        ("capabilities", i, "status"),
                        f"observed absent, but the lineage gives this model '{seen['capability']}'",
                        "add a 'lost' effect on the edge where it disappears",
                    )
                )
            elif seen["status"] != "absent" and not computed.has:
                problems.append(
                    record.problem(
                        ("capabilities", i, "status"),
                        f"observed {seen['status']}, but nothing in the lineage gives this model"
                        f" '{seen['capability']}'",
                        "add an origin in data/capabilities/ or an 'added' effect on an edge",
                    )
                )
    return problems
