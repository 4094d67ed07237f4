"""The JSON Schemas: loaded by content, and their errors turned into sentences."""

from __future__ import annotations

import difflib
import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError, ValidationError
from referencing import Registry, Resource

from ..errors import Problem, field_path
from ..load import FieldPath, Record
from .fields import (
    SCHEMA_FOR_KIND,
    SINGULAR,
    clip,
)


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


def schema_problems(record: Record, validator: Draft202012Validator) -> list[Problem]:
    problems = []
    for error in validator.iter_errors(record.data):
        problems.append(describe_error(record, error))
    return problems


def misplaced_problems(
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


def describe_error(record: Record, error: ValidationError) -> Problem:
    """Turn a jsonschema error into a sentence a contributor can act on."""
    at: FieldPath = tuple(error.absolute_path)
    keyword = error.validator
    value = error.instance
    schema = error.schema if isinstance(error.schema, dict) else {}
    hint = ""

    if keyword == "required":
        name = _quoted_name(error.message)
        described = schema.get("properties", {}).get(name, {}).get("description", "")
        described = described or schema.get("description", "")  # e.g. an if/then rule
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
    elif keyword == "pattern" and at and at[-1] in ("url", "archive_url"):
        message = f"'{clip(value)}' is not an http(s) address"
        hint = "give a full address starting with https://"
    elif keyword == "pattern":
        message = f"'{clip(value)}' is not valid here"
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
        wanted = [
            v
            for k, vs in error.validator_value.items()
            for v in vs
            if isinstance(value, dict) and k in value and v not in value
        ]
        properties = schema.get("properties", {})
        hint = " ".join(
            f"{v}: {properties[v]['description']}"
            for v in dict.fromkeys(wanted)
            if properties.get(v, {}).get("description")
        )
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
