"""Every graded claim in the data, in one list: what a reader can check, and against what.

A claim is a lineage edge (child ← parent by a method), an effect on an edge, a
capability's source stage, or an observation of a capability on a model. Each has a
grade and its citations; pages show a grade badge that opens the evidence, the
claims page lists them all, and /api/claims.json exports them.

Each claim has a key built from ids, which cannot contain ':', so keys are
unambiguous and stay the same as long as the claim does.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .capabilities import Status, Trace
from .dataset import Dataset
from .load import FieldPath

Data = dict[str, Any]

# Where claims sit in records: (claim kind, field pattern); "*" is every list item.
CLAIM_PLACES: dict[str, tuple[tuple[str, FieldPath], ...]] = {
    "models": (
        ("edge", ("parents", "*")),
        ("effect", ("parents", "*", "effects", "*")),
        ("observation", ("capabilities", "*")),
    ),
    "capabilities": (("origin", ("origins", "*")),),
}


def subject_of(kind: str, record_id: str, claim: Data) -> str:
    """The model a claim is about: its developer is who can make it official."""
    return claim["model"] if kind == "origin" else record_id


@dataclass(frozen=True)
class Claim:
    key: str
    kind: str  # edge | effect | origin | observation
    model: str  # the model the claim is about
    grade: str
    sources: tuple[Data, ...]
    note: Mapping[str, str] | None  # {zh, en}: the edge's note, the origin's evidence, …
    parent: str | None = None
    method: str | None = None
    capability: str | None = None
    change: str | None = None  # the effect's change, or the observed status


def edge_key(child: str, parent: str) -> str:
    return f"edge:{child}:{parent}"


def effect_key(child: str, parent: str, capability: str) -> str:
    return f"effect:{child}:{parent}:{capability}"


def origin_key(capability: str, model: str) -> str:
    return f"origin:{capability}:{model}"


def observation_key(model: str, capability: str) -> str:
    return f"observation:{model}:{capability}"


def collect(dataset: Dataset) -> dict[str, Claim]:
    """Every claim, keyed, in lineage order of the model it is about."""
    found: list[tuple[int, Claim]] = []
    position = {mid: i for i, mid in enumerate(dataset.lineage.order)}
    for mid in dataset.lineage.order:
        model = dataset.models[mid]
        for edge in dataset.lineage.parents[mid]:
            entry = edge.data
            found.append(
                (
                    position[mid],
                    Claim(
                        edge_key(mid, edge.parent),
                        "edge",
                        mid,
                        entry["grade"],
                        tuple(entry["sources"]),
                        entry.get("note"),
                        parent=edge.parent,
                        method=edge.method,
                    ),
                )
            )
            for effect in entry.get("effects") or []:
                found.append(
                    (
                        position[mid],
                        Claim(
                            effect_key(mid, edge.parent, effect["capability"]),
                            "effect",
                            mid,
                            effect["grade"],
                            tuple(effect["sources"]),
                            effect.get("note"),
                            parent=edge.parent,
                            method=edge.method,
                            capability=effect["capability"],
                            change=effect["change"],
                        ),
                    )
                )
        for seen in model.get("capabilities") or []:
            found.append(
                (
                    position[mid],
                    Claim(
                        observation_key(mid, seen["capability"]),
                        "observation",
                        mid,
                        seen["grade"],
                        tuple(seen["sources"]),
                        seen.get("note"),
                        capability=seen["capability"],
                        change=seen["status"],
                    ),
                )
            )
    for cid in sorted(dataset.capabilities):
        for origin in dataset.capabilities[cid]["origins"]:
            found.append(
                (
                    position[origin["model"]],
                    Claim(
                        origin_key(cid, origin["model"]),
                        "origin",
                        origin["model"],
                        origin["grade"],
                        tuple(origin["sources"]),
                        origin.get("evidence"),
                        method=origin["method"],
                        capability=cid,
                    ),
                )
            )
    found.sort(key=lambda item: item[0])  # stable: kinds keep their order per model
    claims: dict[str, Claim] = {}
    for _, claim in found:
        claims.setdefault(claim.key, claim)
    return claims


def cell_claim(
    status: Mapping[str, Mapping[str, Status]],
    traces: Mapping[str, Mapping[str, Trace]],
    model: str,
    capability: str,
) -> str | None:
    """The claim behind one matrix cell: the one that set its state, or for an inherited
    capability the one that gave it to the first model on its path. A cell with nothing
    recorded points at nothing."""
    state = status[model][capability]
    if state.change == "origin":
        return origin_key(capability, model)
    if state.change == "absent":
        return observation_key(model, capability)
    if state.edge is not None:
        return effect_key(model, state.edge.parent, capability)
    if not state.has:
        return None
    gained_at = traces[model][capability].gained_at
    return cell_claim(status, traces, gained_at, capability)
