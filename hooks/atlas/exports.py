"""The dataset as files at stable URLs: /api/dataset.json, /api/models.csv, …

JSON carries every field in both languages, as validated, with the field names of
the schemas (`quote`, `locator`, `archive_url`, …). /api/claims.json lists every
graded claim with its citations resolved; /api/capability-matrix.json gives each
cell the state the matrix shows and the claim behind it. CSV flattens models for
spreadsheets: every cell is quoted, and every value that a spreadsheet would read as
a formula, in a list cell too, is prefixed with an apostrophe (escape.csv_cell).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping

from .capabilities import Status, Trace
from .claims import Claim, cell_claim
from .dataset import Dataset, first_date
from .escape import csv_cell, csv_list
from .kinds import KINDS
from .vocabulary import CELLS

CSV_COLUMNS = (
    "id",
    "name",
    "organization",
    "family",
    "first_date",
    "parameters_billions",
    "context_window_tokens",
    "parents",
    "api_names",
    "product_names",
    "paper_names",
    "summary_en",
    "summary_zh",
)


def dataset_json(dataset: Dataset) -> dict:
    return {kind: dataset.kind(kind) for kind in KINDS}


def models_csv(dataset: Dataset) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(CSV_COLUMNS)
    for mid in dataset.lineage.order:
        model = dataset.models[mid]
        aliases = model.get("aliases") or {}
        scalars = [
            mid,
            model["name"],
            model["organization"],
            model["family"],
            first_date(model) or "",
            (model.get("parameters") or {}).get("billions", ""),
            (model.get("context_window") or {}).get("tokens", ""),
        ]
        lists = [
            [e.parent for e in dataset.lineage.parents[mid]],
            aliases.get("api", []),
            aliases.get("product", []),
            aliases.get("paper", []),
        ]
        summaries = [model["summary"]["en"], model["summary"]["zh"]]
        writer.writerow(
            [csv_cell(v) for v in scalars]
            + [csv_list(items) for items in lists]
            + [csv_cell(v) for v in summaries]
        )
    return buffer.getvalue()


def matrix_json(
    dataset: Dataset,
    status: Mapping[str, Mapping[str, Status]],
    traces: Mapping[str, Mapping[str, Trace]],
) -> dict:
    """Every cell's state (the matrix's words, defined under "states") and its claim."""
    return {
        "states": {
            state: {"label": value.label, "definition": value.title}
            for state, value in CELLS.items()
        },
        "models": {
            mid: {
                cid: {
                    "state": status[mid][cid].cell,
                    "claim": cell_claim(status, traces, mid, cid),
                }
                for cid in sorted(dataset.capabilities)
            }
            for mid in dataset.lineage.order
        },
    }


def claims_json(dataset: Dataset, claims: Mapping[str, Claim]) -> list[dict]:
    """Every claim, its citations resolved to titles, addresses and archived copies."""
    out = []
    for claim in claims.values():
        entry: dict = {"id": claim.key, "kind": claim.kind, "model": claim.model}
        for name in ("parent", "method", "capability", "change"):
            value = getattr(claim, name)
            if value is not None:
                entry[name] = value
        entry["grade"] = claim.grade
        if claim.note:
            entry["note"] = dict(claim.note)
        entry["sources"] = [_resolved(dataset, c) for c in claim.sources]
        out.append(entry)
    return out


def _resolved(dataset: Dataset, citation: dict) -> dict:
    resolved = dict(citation)
    if "paper" in citation:
        paper = dataset.papers[citation["paper"]]
        resolved.update(title=paper["title"]["en"], url=paper["url"])
        if paper.get("archive_url"):
            resolved.setdefault("archive_url", paper["archive_url"])
    elif "source" in citation:
        source = dataset.sources[citation["source"]]
        resolved.update(title=source["title"], url=source["url"], publisher=source["publisher"])
        resolved.setdefault("archive_url", source["archive_url"])  # the quote's version first
    return resolved


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1, allow_nan=False) + "\n"


def render_all(
    dataset: Dataset,
    status: Mapping[str, Mapping[str, Status]],
    traces: Mapping[str, Mapping[str, Trace]],
    claims: Mapping[str, Claim],
) -> dict[str, str]:
    """File name → content of every export."""
    files = {
        "dataset.json": _json(dataset_json(dataset)),
        "models.csv": models_csv(dataset),
        "capability-matrix.json": _json(matrix_json(dataset, status, traces)),
        "claims.json": _json(claims_json(dataset, claims)),
    }
    for kind in KINDS:
        files[f"{kind}.json"] = _json(dataset.kind(kind))
    return files
