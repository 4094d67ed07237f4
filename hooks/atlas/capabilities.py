"""Where each capability came from, computed by walking the lineage.

A capability starts at the models its record names as origins, or at an edge whose
effects say it was `added`. It passes from parent to child unless an edge says it
was `lost`; `strengthened` and `weakened` mark the edges that changed it. Nothing
here is typed by hand: change one edge or one capability record and every table
follows.
"""

from __future__ import annotations

from dataclasses import dataclass

from .dataset import Dataset
from .graph import Edge

GAINED = ("origin", "added")


@dataclass(frozen=True)
class Status:
    """What one model has of one capability, and what happened on the way in."""

    has: bool
    change: str | None = None  # origin | added | strengthened | weakened | lost | None
    edge: Edge | None = None  # the incoming edge that caused the change, if any

    @property
    def cell(self) -> str:
        """The state shown in the model × capability matrix."""
        if self.change in GAINED:
            return "gained"
        if self.change in ("strengthened", "weakened", "lost"):
            return self.change
        return "has" if self.has else "absent"


@dataclass(frozen=True)
class Trace:
    """How a model got a capability: where it was gained and what changed it since."""

    capability: str
    gained_at: str  # model id
    method: str  # the source stage
    grade: str
    path: tuple[str, ...]  # from gained_at down to the model
    changes: tuple[tuple[str, str, Edge], ...]  # (model, change, edge) along the path


def effects_on(edge: Edge, capability: str) -> list[str]:
    return [e["change"] for e in edge.data.get("effects") or [] if e["capability"] == capability]


def compute_status(dataset: Dataset) -> dict[str, dict[str, Status]]:
    """Status of every capability on every model, in one pass in lineage order."""
    lineage = dataset.lineage
    origins = {
        cid: {o["model"] for o in cap["origins"]} for cid, cap in dataset.capabilities.items()
    }
    status: dict[str, dict[str, Status]] = {mid: {} for mid in lineage.order}
    for mid in lineage.order:
        incoming = lineage.parents[mid]
        for cid in dataset.capabilities:
            inherited = [e for e in incoming if status[e.parent][cid].has]
            changes = [(change, e) for e in incoming for change in effects_on(e, cid)]
            status[mid][cid] = _status(mid in origins[cid], inherited, changes)
    return status


def _status(is_origin: bool, inherited: list[Edge], changes: list[tuple[str, Edge]]) -> Status:
    by_change = {change: edge for change, edge in changes}
    if is_origin:
        return Status(True, "origin")
    if "added" in by_change:
        return Status(True, "added", by_change["added"])
    if not inherited:
        return Status(False)
    # Lost only when every parent that had it lost it on the way.
    lost = {id(edge) for change, edge in changes if change == "lost"}
    if all(id(edge) in lost for edge in inherited):
        return Status(False, "lost", by_change["lost"])
    for change in ("weakened", "strengthened"):
        if change in by_change:
            return Status(True, change, by_change[change])
    return Status(True)


def trace(
    dataset: Dataset, status: dict[str, dict[str, Status]], model_id: str, capability: str
) -> Trace | None:
    """Follow a capability from a model back up to where it was gained."""
    if not status[model_id][capability].has:
        return None
    lineage = dataset.lineage
    path = [model_id]
    current = model_id
    while status[current][capability].change not in GAINED:
        edge = next(e for e in lineage.parents[current] if status[e.parent][capability].has)
        current = edge.parent
        path.append(current)
    path.reverse()
    origin = status[current][capability]
    if origin.change == "origin":
        record = next(
            o for o in dataset.capabilities[capability]["origins"] if o["model"] == current
        )
        method, grade = record["method"], record["grade"]
    else:
        assert origin.edge is not None
        effect = next(
            e
            for e in origin.edge.data["effects"]
            if e["capability"] == capability and e["change"] == "added"
        )
        method, grade = origin.edge.method, effect["grade"]
    changes = tuple(
        (mid, status[mid][capability].change, status[mid][capability].edge)
        for mid in path[1:]
        if status[mid][capability].change in ("strengthened", "weakened")
    )
    return Trace(capability, current, method, grade, tuple(path), changes)  # type: ignore[arg-type]


def effect_problems(dataset: Dataset, status: dict[str, dict[str, Status]]) -> list[tuple]:
    """Edges that change a capability their parent does not have, or add one it has.

    Returned as (model id, parent index, effect index, message, hint) for the validator.
    """
    problems = []
    for mid in dataset.lineage.order:
        for edge in dataset.lineage.parents[mid]:
            for k, effect in enumerate(edge.data.get("effects") or []):
                parent_has = status[edge.parent][effect["capability"]].has
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


def tracked_capabilities(
    dataset: Dataset, status: dict[str, dict[str, Status]], model_id: str
) -> list[Trace]:
    """Every capability a model has, each traced to its source."""
    traces = [trace(dataset, status, model_id, cid) for cid in dataset.capabilities]
    return [t for t in traces if t is not None]
