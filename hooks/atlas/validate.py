"""Check every record against its JSON Schema and against the rest of the data.

`validate(root)` returns a `Dataset` only when there is no problem at all, so the
renderers never see half-valid data. Schema checks say *what shape* is wrong;
the checks below say *what does not fit together*: unknown ids, cycles, dates
that cannot be, untranslated text, capabilities traced to a step their model
never went through.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import math
import os
import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError, ValidationError
from referencing import Registry, Resource

from . import capabilities as capability_tables
from .characters import describe, first_forbidden
from .dataset import SCRATCH_CATEGORIES, START_KINDS, Dataset, first_date
from .errors import Problem, field_path
from .graph import Lineage, find_cycles, parent_ids
from .kinds import KINDS, id_problem
from .load import FieldPath, Record, load_records

SCHEMA_FOR_KIND = {name: kind.schema for name, kind in KINDS.items()}
SINGULAR = {name: kind.singular for name, kind in KINDS.items()}

CJK = re.compile(r"[\u3400-\u9fff]")

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
END_KINDS = ("deprecated", "shutdown")


# ---------------------------------------------------------------------------
# Entry point
# ---------------------------------------------------------------------------


def validate(root: Path) -> tuple[Dataset | None, list[Problem]]:
    """Load and check everything under root/data; a Dataset only when all is well."""
    records, problems = load_records(root)
    validators, schema_problems = load_validators(root / "data" / "schema")
    if validators is None:
        return None, sorted(set(problems + schema_problems))

    valid: list[Record] = []
    readable: list[Record] = []
    for record in records:
        # Text and numbers first: a record that fails them goes no further, since a
        # lone surrogate or a NaN would break the checks (and the outputs) after them.
        found = _character_problems(record) + _number_problems(record)
        if not found:
            readable.append(record)
            found = _schema_problems(record, validators[SCHEMA_FOR_KIND[record.kind]])
            found += _misplaced_problems(record, validators, found)
        found += _id_problems(record)
        problems += found
        if not found:
            valid.append(record)
    problems += _duplicate_problems(records)
    problems += _name_problems(valid)

    known = {kind: {r.id for r in records if r.kind == kind} for kind in KINDS}
    # A file that failed to load still names an id; don't report every use of it too.
    for problem in problems:
        parts = problem.path.split("/")
        if len(parts) == 3 and parts[1] in known and parts[2].endswith(".yaml"):
            known[parts[1]].add(parts[2][: -len(".yaml")])
    methods = {r.id: r.data for r in readable if r.kind == "methods"}
    # Cross-record checks run on every record, even one with schema problems, so that
    # a contributor sees everything at once; a check that meets a malformed shape
    # skips it, since the schema problem is already reported.
    for record in readable:
        problems += _guarded(_reference_problems, record, known)
        problems += _guarded(_citation_problems, record, known)
        problems += _guarded(_url_problems, record)
        problems += _guarded(_date_problems, record)
        problems += _guarded(_translation_problems, record)
        if record.kind == "models":
            problems += _guarded(_edge_problems, record, methods)
        if record.kind == "methods":
            problems += _guarded(_pipeline_problems, record)
    problems += _cycle_problems([r for r in valid if r.kind == "models"])
    problems += _alias_problems([r for r in valid if r.kind == "glossary"])
    problems += _release_order_problems([r for r in valid if r.kind == "models"])

    if problems:
        return None, sorted(set(problems))

    dataset = Dataset.from_records(valid)
    problems += _stage_problems(dataset, valid)
    problems += _observation_problems(dataset, valid)
    if problems:
        return None, sorted(set(problems))
    return dataset, []


def _guarded(check, record: Record, *args) -> list[Problem]:
    try:
        return check(record, *args)
    except (KeyError, TypeError, AttributeError, IndexError, ValueError):
        return []


def build_date() -> dt.date:
    """Today, or the reproducible build date when SOURCE_DATE_EPOCH is set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()


# ---------------------------------------------------------------------------
# Schema
# ---------------------------------------------------------------------------


def load_validators(
    schema_dir: Path,
) -> tuple[dict[str, Draft202012Validator] | None, list[Problem]]:
    """One validator per kind, or the problems that stop the schemas from loading.

    Cached by the schemas' content, so an edited schema applies on the next build.
    """
    texts: dict[str, bytes] = {}
    problems: list[Problem] = []
    for name in sorted(set(SCHEMA_FOR_KIND.values()) | {"common"}):
        path = schema_dir / f"{name}.schema.json"
        rel = f"data/schema/{path.name}"
        try:
            if path.is_symlink() or not path.is_file():
                raise FileNotFoundError
            texts[path.name] = path.read_bytes()
        except OSError:
            problems.append(
                Problem(rel, 0, "", "schema file is missing", "restore it from the repository")
            )
    if problems:
        return None, problems
    return _compiled(tuple(sorted(texts.items())), schema_dir.resolve().as_uri())


@lru_cache(maxsize=4)
def _compiled(
    texts: tuple[tuple[str, bytes], ...], base_uri: str
) -> tuple[dict[str, Draft202012Validator] | None, list[Problem]]:
    schemas: dict[str, Any] = {}
    problems: list[Problem] = []
    for name, raw in texts:
        rel = f"data/schema/{name}"
        try:
            schemas[name] = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError:
            problems.append(Problem(rel, 0, "", "not valid UTF-8", "save the file as UTF-8"))
        except json.JSONDecodeError as error:
            problems.append(
                Problem(rel, error.lineno, "", f"not valid JSON: {error.msg}", "fix the syntax")
            )
    if problems:
        return None, problems
    registry: Registry = Registry().with_resources(
        (f"{base_uri}/{name}", Resource.from_contents(schema)) for name, schema in schemas.items()
    )
    out = {}
    for name in SCHEMA_FOR_KIND.values():
        file = f"{name}.schema.json"
        try:
            Draft202012Validator.check_schema(schemas[file])
            schema = dict(_inline_refs(schemas[file], file, schemas, ()))
        except (SchemaError, KeyError, TypeError, AttributeError) as error:
            message = getattr(error, "message", None) or f"broken reference {error}"
            problems.append(Problem(f"data/schema/{file}", 0, "", f"not a valid schema: {message}"))
            continue
        schema["$id"] = f"{base_uri}/{file}"
        out[name] = Draft202012Validator(schema, registry=registry)
    if problems:
        return None, problems
    return out, []


def _inline_refs(node: Any, file: str, schemas: dict[str, Any], seen: tuple[str, ...]) -> Any:
    """The schema with every `$ref` replaced by what it points to.

    Resolving a reference through the registry is most of the validation time (about
    5,000 lookups for the real data); inlined, the same checks run without them and
    report the same errors. A recursive reference is left for the registry.
    """
    if isinstance(node, list):
        return [_inline_refs(item, file, schemas, seen) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _inline_refs(value, file, schemas, seen) for key, value in node.items()}
    ref = out.pop("$ref", None)
    if ref is None:
        return out
    target_file, _, pointer = ref.partition("#")
    target_file = target_file or file
    key = f"{target_file}#{pointer}"
    if key in seen or target_file not in schemas:
        return {**out, "$ref": key}  # by file name: it may now sit in another schema
    target: Any = schemas[target_file]
    for part in filter(None, pointer.split("/")):
        target = target[part.replace("~1", "/").replace("~0", "~")]
    inlined = _inline_refs(target, target_file, schemas, (*seen, key))
    return {"allOf": [inlined], **out} if out else inlined


def _schema_problems(record: Record, validator: Draft202012Validator) -> list[Problem]:
    problems = []
    for error in validator.iter_errors(record.data):
        problems.append(_describe(record, error))
    return problems


def _misplaced_problems(
    record: Record, validators: dict[str, Draft202012Validator], found: list[Problem]
) -> list[Problem]:
    """A record that fits another kind's schema was probably saved in the wrong folder."""
    if not any(p.message.startswith("unknown field") for p in found):
        return []
    for kind, name in SCHEMA_FOR_KIND.items():
        if kind != record.kind and validators[name].is_valid(record.data):
            return [
                Problem(
                    record.path,
                    1,
                    "",
                    f"this looks like a {SINGULAR[kind]} record",
                    f"move it to data/{kind}/{record.id}.yaml",
                )
            ]
    return []


def _describe(record: Record, error: ValidationError) -> Problem:
    """Turn a jsonschema error into a sentence a contributor can act on."""
    at: FieldPath = tuple(error.absolute_path)
    keyword = error.validator
    value = error.instance
    schema = error.schema if isinstance(error.schema, dict) else {}
    hint = ""

    if keyword == "required":
        name = _quoted_name(error.message)
        described = schema.get("properties", {}).get(name, {}).get("description", "")
        return Problem(
            record.path,
            record.line(at),
            field_path((*at, name)),
            "missing required field",
            described,
        )
    if keyword == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        extras = sorted(set(value) - set(allowed)) if isinstance(value, dict) else []
        name = extras[0] if extras else "?"
        close = difflib.get_close_matches(name, allowed, n=1)
        hint = f"did you mean '{close[0]}'?" if close else "allowed: " + ", ".join(allowed)
        message = f"unknown field '{name}'"
        if len(extras) > 1:
            message = "unknown fields " + ", ".join(f"'{e}'" for e in extras)
        return Problem(
            record.path, record.line((*at, name)), field_path((*at, name)), message, hint
        )
    if keyword == "type":
        expected = error.validator_value
        expected = " or ".join(expected) if isinstance(expected, list) else expected
        message = f"expected {_article(expected)}, got {_type_name(value)}"
        if expected == "string" and isinstance(value, int | float):
            hint = "put the value in quotes"
        elif expected == "object":
            hint = "see the template in data/templates/ for the shape"
    elif keyword == "enum":
        options = [str(o) for o in error.validator_value]
        close = difflib.get_close_matches(str(value), options, n=1)
        message = f"'{value}' is not one of: {', '.join(options)}"
        hint = f"did you mean '{close[0]}'?" if close else ""
    elif keyword in ("pattern", "minLength") and isinstance(value, str) and not value.strip():
        message = "is empty"
        hint = "write some text, or leave the field out if it is optional"
    elif keyword == "pattern" and at and at[-1] == "url":
        message = f"'{_clip(value)}' is not an http(s) address"
        hint = "give a full address starting with https://"
    elif keyword == "pattern":
        message = f"'{_clip(value)}' is not valid here"
        hint = schema.get("description", "")
    elif keyword == "maxLength":
        message = f"is {len(value):,} characters long; the limit is {error.validator_value:,}"
        hint = "shorten it; long explanations belong in an article"
    elif keyword == "minItems":
        message = f"needs at least {error.validator_value} item(s)"
        hint = schema.get("description", "")
    elif keyword == "maxItems":
        message = f"has more than {error.validator_value} items"
    elif keyword == "uniqueItems":
        message = "lists the same item twice"
        hint = "remove the repeated item"
    elif keyword == "dependentRequired":
        pairs = [
            f"'{k}' needs '{v}'"
            for k, vs in error.validator_value.items()
            for v in vs
            if isinstance(value, dict) and k in value and v not in value
        ]
        message = "; ".join(pairs) or error.message
    elif keyword == "anyOf" and "parameters" in at:
        message = "gives neither 'billions' nor 'note'"
        hint = "give the size, or a note saying it is undisclosed"
    elif keyword == "minProperties":
        message = "is empty"
        hint = schema.get("description", "")
    elif keyword == "maxProperties":
        message = f"may have at most {error.validator_value} field(s)"
    elif keyword in ("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"):
        relation = {
            "minimum": "at least",
            "exclusiveMinimum": "more than",
            "maximum": "at most",
            "exclusiveMaximum": "less than",
        }[keyword]
        message = f"must be {relation} {error.validator_value}, got {value}"
    else:
        message = error.message
    return Problem(record.path, record.line(at), field_path(at), message, hint)


def _quoted_name(message: str) -> str:
    match = re.match(r"'([^']*)'", message)
    return match.group(1) if match else "?"


def _article(noun: str) -> str:
    names = {
        "string": "text",
        "object": "a mapping of fields",
        "array": "a list",
        "integer": "a whole number",
        "number": "a number",
        "boolean": "true or false",
        "null": "null",
    }
    return names.get(noun, noun)


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "nothing" if value is None else type(value).__name__


def _clip(text: str, limit: int = 60) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ---------------------------------------------------------------------------
# Ids and references
# ---------------------------------------------------------------------------


def _id_problems(record: Record) -> list[Problem]:
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


def _duplicate_problems(records: list[Record]) -> list[Problem]:
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


def _select(data: Any, pattern: FieldPath, at: FieldPath = ()) -> Iterator[tuple[FieldPath, Any]]:
    if not pattern:
        yield at, data
        return
    head, rest = pattern[0], pattern[1:]
    if head == "*":
        if isinstance(data, list):
            for i, item in enumerate(data):
                yield from _select(item, rest, (*at, i))
    elif isinstance(data, dict) and head in data:
        yield from _select(data[head], rest, (*at, head))


def _unknown(record: Record, at: FieldPath, value: str, kind: str, known: set[str]) -> Problem:
    close = difflib.get_close_matches(value, sorted(known), n=1, cutoff=0.75)
    hint = f"did you mean '{close[0]}'?" if close else f"add data/{kind}/{value}.yaml or fix the id"
    return record.problem(at, f"unknown {SINGULAR[kind]} '{value}'", hint)


def _reference_problems(record: Record, known: dict[str, set[str]]) -> list[Problem]:
    problems = []
    for kind, pattern, target in REFERENCES:
        if record.kind != kind:
            continue
        for at, value in _select(record.data, pattern):
            if isinstance(value, str) and value not in known[target]:
                problems.append(_unknown(record, at, value, target, known[target]))
    return problems


def _citations(data: Any, at: FieldPath = ()) -> Iterator[tuple[FieldPath, dict]]:
    """Every citation in a record, wherever it sits."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key in CITATION_LISTS and isinstance(value, list):
                for i, item in enumerate(value):
                    if isinstance(item, dict):
                        yield (*at, key, i), item
            else:
                yield from _citations(value, (*at, key))
    elif isinstance(data, list):
        for i, item in enumerate(data):
            yield from _citations(item, (*at, i))


def _citation_problems(record: Record, known: dict[str, set[str]]) -> list[Problem]:
    problems = []
    for at, citation in _citations(record.data):
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
                problems.append(_unknown(record, (*at, key), value, kind, known[kind]))
    return problems


def _leaves(data: Any, at: FieldPath = ()) -> Iterator[tuple[FieldPath, Any]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _leaves(value, (*at, key))
    elif isinstance(data, list):
        for i, item in enumerate(data):
            yield from _leaves(item, (*at, i))
    else:
        yield at, data


def _strings(data: Any, keys: bool = False) -> Iterator[tuple[FieldPath, str]]:
    """Every string value with its field path; with `keys`, every key too."""
    if keys:
        yield from ((at, at[-1]) for at in _key_paths(data) if isinstance(at[-1], str))
    yield from ((at, value) for at, value in _leaves(data) if isinstance(value, str))


def _key_paths(data: Any, at: FieldPath = ()) -> Iterator[FieldPath]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield (*at, key)
            yield from _key_paths(value, (*at, key))
    elif isinstance(data, list):
        for i, item in enumerate(data):
            yield from _key_paths(item, (*at, i))


def _url_problems(record: Record) -> list[Problem]:
    problems = []
    for at, value in _strings(record.data):
        if not at or at[-1] != "url":
            continue
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            problems.append(
                record.problem(
                    at,
                    f"'{_clip(value)}' is not an http(s) address",
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


# ---------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------


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


def _date_problems(record: Record) -> list[Problem]:
    problems = []
    today = build_date()
    for at, value in _strings(record.data):
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
        kind = _sibling(record.data, at, "kind")
        if parsed[0] < 1940:
            problems.append(
                record.problem(at, f"'{value}' is too early for this data", "check the year")
            )
        elif parsed > _as_tuple(today)[: len(parsed)] and kind not in END_KINDS:
            problems.append(
                record.problem(
                    at,
                    f"'{value}' is in the future",
                    "only deprecation and shutdown dates may be announced ahead",
                )
            )
    if record.kind == "models":
        problems += _date_order_problems(record)
    return problems


def _sibling(data: Any, at: FieldPath, key: str) -> Any:
    node = data
    for part in at[:-1]:
        node = node[part]
    return node.get(key) if isinstance(node, dict) else None


def _as_tuple(day: dt.date) -> tuple[int, int, int]:
    return (day.year, day.month, day.day)


def _date_order_problems(record: Record) -> list[Problem]:
    dates = record.data.get("dates") or []
    starts = [
        (parse_date(d.get("date")), i) for i, d in enumerate(dates) if d.get("kind") in START_KINDS
    ]
    starts = [(p, i) for p, i in starts if p]
    problems = []
    if not starts:
        return problems
    first, _ = min(starts)
    for i, entry in enumerate(dates):
        end = parse_date(entry.get("date"))
        if entry.get("kind") in END_KINDS and end and end < first[: len(end)]:
            problems.append(
                record.problem(
                    ("dates", i, "date"),
                    f"{entry['kind']} on {entry['date']} is before the model was released",
                    "check both dates",
                )
            )
    return problems


def _character_problems(record: Record) -> list[Problem]:
    """Every text (and every key) may hold only visible characters; names no line breaks."""
    problems = []
    for at, value in _strings(record.data, keys=True):
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


def _number_problems(record: Record) -> list[Problem]:
    """NaN and infinity are numbers to YAML, but no page, JSON or CSV can show them."""
    problems = []
    for at, value in _leaves(record.data):
        if isinstance(value, float) and not math.isfinite(value):
            problems.append(
                record.problem(at, f"'{value}' is not a finite number", "give a real number")
            )
    return problems


# ---------------------------------------------------------------------------
# Translations
# ---------------------------------------------------------------------------


def _translation_problems(record: Record) -> list[Problem]:
    """Catch text copied into 'zh' without being translated."""
    problems = []
    for at, value in _strings(record.data):
        if len(at) < 2 or at[-1] != "zh" or at[-2] not in PROSE_FIELDS:
            continue
        english = _sibling(record.data, at, "en")
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


def normalized(name: str) -> str:
    """The form two names are compared in: 'ＧＰＴ-3' and 'gpt-3' are the same name."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


# The field that names a record on its page and in lists, per kind (glossary terms
# are compared with their aliases in _alias_problems).
DISPLAY_NAME = {
    "models": "name",
    "papers": "title",
    "methods": "name",
    "capabilities": "name",
    "limitations": "name",
    "sources": "title",
}


def _name_problems(records: list[Record]) -> list[Problem]:
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


def _alias_problems(terms: list[Record]) -> list[Problem]:
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


# ---------------------------------------------------------------------------
# Lineage
# ---------------------------------------------------------------------------


def _edge_problems(record: Record, methods: dict[str, dict]) -> list[Problem]:
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
        problems += _effect_conflicts(record, i, entry.get("effects") or [])
        method = methods.get(entry["method"])
        if method and method.get("category") == "prompting":
            problems.append(
                record.problem(
                    ("parents", i, "method"),
                    f"'{entry['method']}' is a prompting method, not a training step",
                    "an edge needs the method that produced the child model",
                )
            )
    scratch = all(
        methods.get(p["method"], {}).get("category") in SCRATCH_CATEGORIES for p in parents
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


def _release_order_problems(models: list[Record]) -> list[Problem]:
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


def _effect_conflicts(record: Record, parent: int, effects: list[dict]) -> list[Problem]:
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


def _cycle_problems(models: list[Record]) -> list[Problem]:
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


def _pipeline_problems(record: Record) -> list[Problem]:
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


def _stage_problems(dataset: Dataset, records: list[Record]) -> list[Problem]:
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


def _observation_problems(dataset: Dataset, records: list[Record]) -> list[Problem]:
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
