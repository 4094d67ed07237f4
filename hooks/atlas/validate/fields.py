"""Walking records: field paths, dates, names compared, messages clipped."""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from ..errors import Problem
from ..kinds import KINDS
from ..load import FieldPath, Record

SCHEMA_FOR_KIND = {name: kind.schema for name, kind in KINDS.items()}
SINGULAR = {name: kind.singular for name, kind in KINDS.items()}


def select(data: Any, pattern: FieldPath, at: FieldPath = ()) -> Iterator[tuple[FieldPath, Any]]:
    if not pattern:
        yield at, data
        return
    head, rest = pattern[0], pattern[1:]
    if head == "*":
        if isinstance(data, list):
            for i, item in enumerate(data):
                yield from select(item, rest, (*at, i))
    elif isinstance(data, dict) and head in data:
        yield from select(data[head], rest, (*at, head))


def leaves(data: Any, at: FieldPath = ()) -> Iterator[tuple[FieldPath, Any]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from leaves(value, (*at, key))
    elif isinstance(data, list):
        for i, item in enumerate(data):
            yield from leaves(item, (*at, i))
    else:
        yield at, data


def strings(data: Any, keys: bool = False) -> Iterator[tuple[FieldPath, str]]:
    """Every string value with its field path; with `keys`, every key too."""
    if keys:
        yield from ((at, at[-1]) for at in key_paths(data) if isinstance(at[-1], str))
    yield from ((at, value) for at, value in leaves(data) if isinstance(value, str))


def key_paths(data: Any, at: FieldPath = ()) -> Iterator[FieldPath]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield (*at, key)
            yield from key_paths(value, (*at, key))
    elif isinstance(data, list):
        for i, item in enumerate(data):
            yield from key_paths(item, (*at, i))


def sibling(data: Any, at: FieldPath, key: str) -> Any:
    node = data
    for part in at[:-1]:
        node = node[part]
    return node.get(key) if isinstance(node, dict) else None


def clip(text: str, limit: int = 60) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def unknown(record: Record, at: FieldPath, value: str, kind: str, known: set[str]) -> Problem:
    close = difflib.get_close_matches(value, sorted(known), n=1, cutoff=0.75)
    hint = f"did you mean '{close[0]}'?" if close else f"add data/{kind}/{value}.yaml or fix the id"
    return record.problem(at, f"unknown {SINGULAR[kind]} '{value}'", hint)


def parse_date(text: str) -> tuple[int, ...] | None:
    """('2022', '2022-03', '2022-03-15') → (2022,), (2022, 3), (2022, 3, 15); None if invalid."""
    if not isinstance(text, str) or not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text):
        return None
    parts = tuple(int(p) for p in text.split("-"))
    try:
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return None
    return parts


def as_tuple(day: dt.date) -> tuple[int, int, int]:
    return (day.year, day.month, day.day)


def build_date() -> dt.date:
    """Today, or the reproducible build date when SOURCE_DATE_EPOCH is set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()


def normalized(name: str) -> str:
    """The form two names are compared in: 'ＧＰＴ-3' and 'gpt-3' are the same name."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())
