"""The dataset as files at stable URLs: /api/dataset.json, /api/models.csv, …

JSON carries every field in both languages, as validated. CSV flattens models for
spreadsheets; text that a spreadsheet would read as a formula is prefixed with an
apostrophe.
"""

from __future__ import annotations

import csv
import io
import json

from .capabilities import Status
from .dataset import Dataset, first_date
from .load import KINDS

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
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for mid in dataset.lineage.order:
        model = dataset.models[mid]
        aliases = model.get("aliases") or {}
        row = [
            mid,
            model["name"],
            model["organization"],
            model["family"],
            first_date(model) or "",
            (model.get("parameters") or {}).get("billions", ""),
            (model.get("context_window") or {}).get("tokens", ""),
            ";".join(e.parent for e in dataset.lineage.parents[mid]),
            ";".join(aliases.get("api", [])),
            ";".join(aliases.get("product", [])),
            ";".join(aliases.get("paper", [])),
            model["summary"]["en"],
            model["summary"]["zh"],
        ]
        writer.writerow([_cell(v) for v in row])
    return buffer.getvalue()


def matrix_json(dataset: Dataset, status: dict[str, dict[str, Status]]) -> dict:
    return {
        mid: {cid: status[mid][cid].cell for cid in sorted(dataset.capabilities)}
        for mid in dataset.lineage.order
    }


def _cell(value: object) -> str:
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


def render_all(dataset: Dataset, status: dict[str, dict[str, Status]]) -> dict[str, str]:
    """File name → content of every export."""
    files = {
        "dataset.json": _json(dataset_json(dataset)),
        "models.csv": models_csv(dataset),
        "capability-matrix.json": _json(matrix_json(dataset, status)),
    }
    for kind in KINDS:
        files[f"{kind}.json"] = _json(dataset.kind(kind))
    return files
