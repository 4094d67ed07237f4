"""Checks of one record, and of records against each other (ids, names, citations).

These read only what is there, so they also run on a record with schema problems.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from ..characters import describe, first_forbidden
from ..errors import Problem
from ..kinds import id_problem
from ..load import FieldPath, Record
from ..vocabulary import END_DATES, START_DATES
from .fields import (
    SINGULAR,
    as_tuple,
    build_date,
    clip,
    leaves,
    normalized,
    parse_date,
    select,
    sibling,
    strings,
    unknown,
)

# (kind, field pattern, kind referred to); "*" matches every list item.
REFERENCES: list[tuple[str, FieldPath, str]] = [
    ("models", ("papers", "*"), "papers"),
    ("models", ("origin_method",), "methods"),
    ("models", ("parents", "*", "model"), "models"),
    ("models", ("parents", "*", "method"), "methods"),
    ("models", ("parents", "*", "effects", "*", "capability"), "capabilities"),
    ("models", ("capabilities", "*", "capability"), "capabilities"),
    ("papers", ("introduces", "*"), "models"),
    ("papers", ("model_mapping", "*", "model"), "models"),
    ("methods", ("papers", "*"), "papers"),
    ("methods", ("glossary", "*"), "glossary"),
    ("capabilities", ("glossary", "*"), "glossary"),
    ("capabilities", ("origins", "*", "method"), "methods"),
    ("capabilities", ("origins", "*", "model"), "models"),
    ("limitations", ("affects", "*"), "models"),
    ("limitations", ("mitigations", "*", "models", "*"), "models"),
    ("limitations", ("mitigations", "*", "papers", "*"), "papers"),
    ("glossary", ("related", "*"), "glossary"),
    ("glossary", ("see", "method"), "methods"),
    ("glossary", ("see", "capability"), "capabilities"),
    ("glossary", ("see", "model"), "models"),
    ("glossary", ("see", "paper"), "papers"),
]


CITATION_LISTS = ("sources", "mapping_sources")


PROSE_FIELDS = ("summary", "description", "definition", "evidence", "text", "claim", "resolution")


CJK = re.compile(r"[\u3400-\u9fff]")


# The field that names a record on its page and in lists, per kind (glossary terms
# are compared with their aliases in alias_problems).
DISPLAY_NAME = {
    "models": "name",
    "papers": "title",
    "methods": "name",
    "capabilities": "name",
    "limitations": "name",
    "sources": "title",
}


def id_problems(record: Record) -> list[Problem]:
    problems = []
    why = id_problem(record.id)
    if why:
        message, hint = why
        problems.append(Problem(record.path, 0, "", f"file name '{record.id}' {message}", hint))
    declared = record.data.get("id")
    if isinstance(declared, str) and declared != record.id:
        problems.append(
            record.problem(
                ("id",),
                f"id '{declared}' does not match the file name '{record.id}.yaml'",
                f"rename the file to {declared}.yaml or set id: {record.id}",
            )
        )
    return problems


def duplicate_problems(records: list[Record]) -> list[Problem]:
    """Two files claiming one id, or ids that differ only in case (one URL)."""
    problems = []
    seen: dict[tuple[str, str], Record] = {}
    for record in records:
        for claimed in {record.id, str(record.data.get("id", record.id))}:
            key = (record.kind, claimed.lower())
            other = seen.get(key)
            if other is not None and other.path != record.path:
                problems.append(
                    record.problem(
                        ("id",),
                        f"duplicate {SINGULAR[record.kind]} id '{claimed}'",
                        f"{other.path} has it too; ids must be unique within data/{record.kind}/",
                    )
                )
            else:
                seen[key] = record
    return problems


def reference_problems(record: Record, known: dict[str, set[str]]) -> list[Problem]:
    problems = []
    for kind, pattern, target in REFERENCES:
        if record.kind != kind:
            continue
        for at, value in select(record.data, pattern):
            if isinstance(value, str) and value not in known[target]:
                problems.append(unknown(record, at, value, target, known[target]))
    return problems


def citations(data: Any, at: FieldPath = ()) -> Iterator[tuple[FieldPath, dict]]:
    """Every citation in a record, wherever it sits."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key in CITATION_LISTS and isinstance(value, list):
                for i, item in enumerate(value):
                    if isinstance(item, dict):
                        yield (*at, key, i), item
            else:
                yield from citations(value, (*at, key))
    elif isinstance(data, list):
        for i, item in enumerate(data):
            yield from citations(item, (*at, i))


def citation_problems(record: Record, known: dict[str, set[str]]) -> list[Problem]:
    problems = []
    for at, citation in citations(record.data):
        given = [key for key in ("paper", "source", "url") if key in citation]
        if len(given) != 1 and citation:  # an empty one is the schema's "is empty"
            problems.append(
                record.problem(
                    at,
                    "a citation needs exactly one of 'paper', 'source' or 'url'"
                    + (f" (found {', '.join(given)})" if given else ""),
                    "split it into separate citations",
                )
            )
        if "title" in citation and "url" not in citation:
            problems.append(
                record.problem(
                    (*at, "title"),
                    "'title' belongs with 'url'",
                    "remove it: papers and sources have their own titles",
                )
            )
        for key, kind in (("paper", "papers"), ("source", "sources")):
            value = citation.get(key)
            if isinstance(value, str) and value not in known[kind]:
                problems.append(unknown(record, (*at, key), value, kind, known[kind]))
    return problems


def url_problems(record: Record) -> list[Problem]:
    problems = []
    for at, value in strings(record.data):
        if not at or at[-1] not in ("url", "archive_url"):
            continue
        try:
            parts = urlsplit(value)
            hostname = parts.hostname
        except ValueError:  # e.g. an unclosed '[' around an IPv6 address
            parts, hostname = None, None
        if parts is None or parts.scheme not in ("http", "https") or not hostname:
            problems.append(
                record.problem(
                    at,
                    f"'{clip(value)}' is not an http(s) address",
                    "give a full address starting with https://",
                )
            )
        elif parts.username or parts.password:
            problems.append(
                record.problem(
                    at, "the address contains a user name or password", "remove the credentials"
                )
            )
    return problems


def date_problems(record: Record) -> list[Problem]:
    problems = []
    today = build_date()
    for at, value in strings(record.data):
        if not at or at[-1] not in ("date", "published") or not re.match(r"^\d{4}", value):
            continue
        if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
            continue  # the schema reports the format
        parsed = parse_date(value)
        if parsed is None:
            problems.append(
                record.problem(at, f"'{value}' is not a real date", "check the month and the day")
            )
            continue
        kind = sibling(record.data, at, "kind")
        if parsed[0] < 1940:
            problems.append(
                record.problem(at, f"'{value}' is too early for this data", "check the year")
            )
        elif parsed > as_tuple(today)[: len(parsed)] and kind not in END_DATES:
            problems.append(
                record.problem(
                    at,
                    f"'{value}' is in the future",
                    "only deprecation and shutdown dates may be announced ahead",
                )
            )
    if record.kind == "models":
        problems += date_order_problems(record)
    return problems


def date_order_problems(record: Record) -> list[Problem]:
    listed = record.data.get("dates")
    dates = [(i, d) for i, d in enumerate(listed or []) if isinstance(d, dict)]
    starts = [(parse_date(d.get("date")), i) for i, d in dates if d.get("kind") in START_DATES]
    starts = [(p, i) for p, i in starts if p]
    problems = []
    if not starts:
        return problems
    first, _ = min(starts)
    for i, entry in dates:
        end = parse_date(entry.get("date"))
        if entry.get("kind") in END_DATES and end and end < first[: len(end)]:
            problems.append(
                record.problem(
                    ("dates", i, "date"),
                    f"{entry['kind']} on {entry['date']} is before the model was released",
                    "check both dates",
                )
            )
    return problems


def character_problems(record: Record) -> list[Problem]:
    """Every text (and every key) may hold only visible characters; names no line breaks."""
    problems = []
    for at, value in strings(record.data, keys=True):
        multiline = len(at) > 1 and at[-1] in ("zh", "en")
        found = first_forbidden(value, allowed="\n" if multiline else "")
        if found is not None:
            problems.append(
                record.problem(
                    at,
                    f"contains {describe(found)}",
                    "retype the text without it"
                    if found != "\n"
                    else "write it on one line (only longer texts may have line breaks)",
                )
            )
    return problems


def number_problems(record: Record) -> list[Problem]:
    """NaN and infinity are numbers to YAML, but no page, JSON or CSV can show them."""
    problems = []
    for at, value in leaves(record.data):
        if isinstance(value, float) and not math.isfinite(value):
            problems.append(
                record.problem(at, f"'{value}' is not a finite number", "give a real number")
            )
    return problems


def translation_problems(record: Record) -> list[Problem]:
    """Catch text copied into 'zh' without being translated."""
    problems = []
    for at, value in strings(record.data):
        if len(at) < 2 or at[-1] != "zh" or at[-2] not in PROSE_FIELDS:
            continue
        english = sibling(record.data, at, "en")
        if len(value) >= 20 and not CJK.search(value):
            problems.append(
                record.problem(
                    at,
                    "the Chinese text contains no Chinese",
                    "write it in Chinese (names may stay in Latin script)",
                )
            )
        elif isinstance(english, str) and len(english) >= 20 and value.strip() == english.strip():
            problems.append(
                record.problem(at, "the Chinese text is the same as the English", "translate it")
            )
    return problems


def name_problems(records: list[Record]) -> list[Problem]:
    """Two records of a kind with one display name: a reader could not tell them apart."""
    problems = []
    owner: dict[tuple[str, str, str], Record] = {}
    for record in sorted(records, key=lambda r: (r.kind, r.id)):
        field = DISPLAY_NAME.get(record.kind)
        value = record.data.get(field) if field else None
        names = value.items() if isinstance(value, dict) else [("", value)]
        for lang, name in names:
            if not isinstance(name, str):
                continue
            key = (record.kind, lang, normalized(name))
            first = owner.setdefault(key, record)
            if first is not record:
                at = (field, lang) if lang else (field,)
                problems.append(
                    record.problem(
                        at,
                        f"'{name}' is also the {field} of {first.path}",
                        "give each record a distinct name, or merge the two records",
                    )
                )
    return problems


def alias_problems(terms: list[Record]) -> list[Problem]:
    """A surface form may point to one term only, or the hover definition is ambiguous."""
    problems = []
    owner: dict[tuple[str, str], str] = {}
    for record in sorted(terms, key=lambda r: r.id):
        data = record.data
        for lang in ("zh", "en"):
            forms = [(("term", lang), data["term"][lang])]
            forms += [
                (("aliases", lang, i), a)
                for i, a in enumerate((data.get("aliases") or {}).get(lang, []))
            ]
            if data.get("abbr"):
                forms.append((("abbr",), data["abbr"]))
            for at, form in forms:
                key = (lang, normalized(form))
                if key in owner and owner[key] != record.id:
                    problems.append(
                        record.problem(
                            at,
                            f"'{form}' is also a name of the term '{owner[key]}'",
                            "give each term distinct names, or merge the two terms",
                        )
                    )
                owner.setdefault(key, record.id)
    return problems
