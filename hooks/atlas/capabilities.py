"""Where each capability came from, computed by walking the lineage.

A capability starts at the models its record names as origins, or at an edge whose
effects say it was `added`. It passes from parent to child unless an edge says it
was `lost`, or the edge is a replacement (a new model named to take over from a
retired one inherits nothing); `strengthened` and `weakened` mark the edges that
changed it. Nothing here is typed by hand: change one edge or one capability record
and every table follows.

The world is open: a model the lineage gives no capability is *not recorded*, not
"absent". Only an observation that cites a source makes a capability absent.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .dataset import Dataset
from .graph import Edge
from .vocabulary import UNINHERITED_CATEGORIES

GAINED = ("origin", "added")


@dataclass(frozen=True)
class Status:
    """What one model has of one capability, and what happened on the way in."""

    has: bool
    change: str | None = None  # origin|added|strengthened|weakened|lost|absent|None
    edge: Any = None  # the incoming Edge that caused the change, if any

    @property
    def cell(self) -> str:
        """The state shown in the model × capability matrix (vocabulary.CELLS)."""
        if self.change in GAINED:
            return "gained"
        if self.change in ("strengthened", "weakened", "lost", "absent"):
            return self.change
        return "inherited" if self.has else "not-recorded"


@dataclass(frozen=True)
class Trace:
    """How a model got a capability: where it was gained and what changed it since.

    Built for every model in one pass down the lineage, each from its parent's, so
    the cost is one step per model however deep the lineage is. The full path is not
    stored (it would be as long as the lineage): `previous` links each trace to the
    one it continues, and `path_of` walks them when the whole path is wanted.
    """

    capability: str
    gained_at: str  # model id
    method: str  # the source stage
    grade: str
    steps: int  # models on the path from gained_at to this model, both included
    previous: str | None  # the model before this one on the path
    changes: tuple[tuple[str, str, Edge], ...]  # the last few (model, change, edge)
    change_count: int  # all strengthened/weakened steps on the path


KEPT_CHANGES = 3  # how many of the latest changes a trace carries


def effects_on(edge: Edge, capability: str) -> list[str]:
    return [e["change"] for e in edge.data.get("effects") or [] if e["capability"] == capability]


def carries(dataset: Dataset, edge: Edge) -> bool:
    """Whether capabilities pass along this edge (not along a replacement)."""
    return dataset.methods[edge.method]["category"] not in UNINHERITED_CATEGORIES


def compute_status(dataset: Dataset) -> dict[str, dict[str, Status]]:
    """Status of every capability on every model, in one pass in lineage order."""
    lineage = dataset.lineage
    origins = {
        cid: {o["model"] for o in cap["origins"]} for cid, cap in dataset.capabilities.items()
    }
    absent = {
        (mid, seen["capability"])
        for mid, model in dataset.models.items()
        for seen in model.get("capabilities") or []
        if seen["status"] == "absent"
    }
    status: dict[str, dict[str, Status]] = {mid: {} for mid in lineage.order}
    for mid in lineage.order:
        incoming = [e for e in lineage.parents[mid] if carries(dataset, e)]
        for cid in dataset.capabilities:
            inherited = [e for e in incoming if status[e.parent][cid].has]
            changes = [(change, e) for e in lineage.parents[mid] for change in effects_on(e, cid)]
            state = status_of(mid in origins[cid], inherited, changes)
            if not state.has and state.change is None and (mid, cid) in absent:
                state = Status(False, "absent")
            status[mid][cid] = state
    return status


def status_of(is_origin: bool, inherited: list, changes: list[tuple[str, Any]]) -> Status:
    """One model's status for one capability, from its own edges alone.

    `inherited` are the incoming edges whose parent has the capability, `changes`
    the (change, edge) pairs the incoming edges record for it. Any hashable stands
    for an edge (tools/synth.py passes parent indices), so there is one rule.
    """
    by_change = {change: edge for change, edge in changes}
    if is_origin:
        return Status(True, "origin")
    if "added" in by_change:
        return Status(True, "added", by_change["added"])
    if not inherited:
        return Status(False)
    # Lost only when every parent that had it lost it on the way.
    lost = {edge for change, edge in changes if change == "lost"}
    if all(edge in lost for edge in inherited):
        return Status(False, "lost", by_change["lost"])
    for change in ("weakened", "strengthened"):
        if change in by_change:
            return Status(True, change, by_change[change])
    return Status(True)


def compute_traces(
    dataset: Dataset, status: Mapping[str, Mapping[str, Status]]
) -> dict[str, dict[str, Trace]]:
    """For every model, every capability it has, traced to its source: one pass."""
    lineage = dataset.lineage
    origins = {
        cid: {o["model"]: o for o in cap["origins"]} for cid, cap in dataset.capabilities.items()
    }
    traces: dict[str, dict[str, Trace]] = {}
    for mid in lineage.order:
        mine: dict[str, Trace] = {}
        for cid in dataset.capabilities:
            state = status[mid][cid]
            if not state.has:
                continue
            if state.change == "origin":
                origin = origins[cid][mid]
                mine[cid] = Trace(cid, mid, origin["method"], origin["grade"], 1, None, (), 0)
            elif state.change == "added":
                assert state.edge is not None
                effect = next(
                    e
                    for e in state.edge.data["effects"]
                    if e["capability"] == cid and e["change"] == "added"
                )
                mine[cid] = Trace(cid, mid, state.edge.method, effect["grade"], 1, None, (), 0)
            else:
                edge = next(
                    e
                    for e in lineage.parents[mid]
                    if carries(dataset, e) and status[e.parent][cid].has
                )
                before = traces[edge.parent][cid]
                changes, count = before.changes, before.change_count
                if state.change in ("strengthened", "weakened"):
                    assert state.edge is not None
                    changes = (*changes, (mid, state.change, state.edge))[-KEPT_CHANGES:]
                    count += 1
                mine[cid] = Trace(
                    cid,
                    before.gained_at,
                    before.method,
                    before.grade,
                    before.steps + 1,
                    edge.parent,
                    changes,
                    count,
                )
        traces[mid] = mine
    return traces


def path_of(traces: Mapping[str, Mapping[str, Trace]], model_id: str, capability: str) -> tuple:
    """The whole path of a trace, from where the capability was gained down to the model."""
    path = [model_id]
    current = traces[model_id][capability]
    while current.previous is not None:
        path.append(current.previous)
        current = traces[current.previous][capability]
    return tuple(reversed(path))


def trace(
    dataset: Dataset, status: Mapping[str, Mapping[str, Status]], model_id: str, capability: str
) -> Trace | None:
    """One trace (computes them all; for tests and one-off questions)."""
    return compute_traces(dataset, status)[model_id].get(capability)


def effect_problems(dataset: Dataset, status: dict[str, dict[str, Status]]) -> list[tuple]:
    """Edges that change a capability their parent does not have, or add one it has.

    Returned as (model id, parent index, effect index, message, hint) for the validator.
    """
    problems = []
    for mid in dataset.lineage.order:
        for edge in dataset.lineage.parents[mid]:
            for k, effect in enumerate(edge.data.get("effects") or []):
                parent_has = status[edge.parent][effect["capability"]].has
                if not carries(dataset, edge):
                    if effect["change"] != "added":
                        problems.append(
                            (
                                mid,
                                edge.index,
                                k,
                                f"'{effect['capability']}' is {effect['change']} along a"
                                f" '{edge.method}' edge, but nothing passes along one",
                                "use 'added' (the new model has it on its own), or remove it",
                            )
                        )
                    continue
                if effect["change"] == "added" and parent_has:
                    problems.append(
                        (
                            mid,
                            edge.index,
                            k,
                            f"'{effect['capability']}' is added here, "
                            f"but the parent '{edge.parent}' already has it",
                            "use 'strengthened' or 'weakened', or remove the effect",
                        )
                    )
                elif effect["change"] != "added" and not parent_has:
                    problems.append(
                        (
                            mid,
                            edge.index,
                            k,
                            f"'{effect['capability']}' is {effect['change']} here, "
                            f"but the parent '{edge.parent}' does not have it",
                            "use 'added', or trace the capability to the parent first",
                        )
                    )
    return problems
