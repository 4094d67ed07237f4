"""The validated data, indexed by kind and id, with its lineage graph."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from .graph import Lineage
from .kinds import KINDS
from .load import Record
from .vocabulary import RELATION_CATEGORIES, START_DATES

Data = dict[str, Any]


def first_date(model: Data) -> str | None:
    """When a model first appeared (paper, announcement, release), or None if unknown."""
    dates = [d["date"] for d in model.get("dates") or [] if d["kind"] in START_DATES]
    return min(dates) if dates else None


def earliest_date(model: Data) -> str:
    """first_date for sorting: models with no known date sort last."""
    return first_date(model) or "9999"


@dataclass
class Dataset:
    models: dict[str, Data]
    papers: dict[str, Data]
    methods: dict[str, Data]
    capabilities: dict[str, Data]
    glossary: dict[str, Data]
    limitations: dict[str, Data]
    sources: dict[str, Data]
    paths: dict[tuple[str, str], str]  # (kind, id) → "data/models/davinci.yaml"
    digest: str  # changes whenever any record changes
    lineage: Lineage = field(init=False, repr=False)

    def __post_init__(self) -> None:
        scratch = frozenset(
            mid for mid, m in self.methods.items() if m["category"] in RELATION_CATEGORIES
        )
        self.lineage = Lineage(
            self.models,
            order_key=lambda mid: (earliest_date(self.models[mid]), mid),
            scratch_methods=scratch,
        )
        self._papers_by_model: dict[str, list[str]] = {}
        for pid, paper in self.papers.items():
            mapped = [m["model"] for m in paper.get("model_mapping") or [] if m.get("model")]
            for mid in dict.fromkeys([*(paper.get("introduces") or []), *mapped]):
                self._papers_by_model.setdefault(mid, []).append(pid)

    @classmethod
    def from_records(cls, records: list[Record]) -> Dataset:
        by_kind: dict[str, dict[str, Data]] = {kind: {} for kind in KINDS}
        paths = {}
        for record in sorted(records, key=lambda r: (r.kind, r.id)):
            by_kind[record.kind][record.id] = record.data
            paths[(record.kind, record.id)] = record.path
        blob = json.dumps(by_kind, sort_keys=True, ensure_ascii=False).encode("utf-8")
        return cls(**by_kind, paths=paths, digest=hashlib.sha256(blob).hexdigest())

    def kind(self, name: str) -> dict[str, Data]:
        return getattr(self, name)

    def papers_of(self, model_id: str) -> list[str]:
        """Papers that describe a model, whether listed on the model or on the paper."""
        listed = self.models[model_id].get("papers") or []
        return list(dict.fromkeys([*listed, *self._papers_by_model.get(model_id, [])]))

    def models_using(self, method_id: str) -> list[str]:
        """Models produced by a method, as an edge or as the origin of a root."""
        lineage = self.lineage
        return [
            mid
            for mid in lineage.order
            if any(e.method == method_id for e in lineage.parents[mid])
            or lineage.origin_method(mid) == method_id
        ]
