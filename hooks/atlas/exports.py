"""The dataset as files at stable URLs: /api/dataset.json, /api/models.csv, …

JSON carries every field in both languages, as validated. CSV flattens models for
spreadsheets: every cell is quoted, and every value that a spreadsheet would read as
a formula, in a list cell too, is prefixed with an apostrophe (escape.csv_cell).
"""

from __future__ import annotations

import csv
import io
import json

from .capabilities import Status
from .dataset import Dataset, first_date
from .escape import csv_cell, csv_list
from .kinds import KINDS

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


def matrix_json(dataset: Dataset, status: dict[str, dict[str, Status]]) -> dict:
    return {
        mid: {cid: status[mid][cid].cell for cid in sorted(dataset.capabilities)}
        for mid in dataset.lineage.order
    }


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1, allow_nan=False) + "\n"


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
