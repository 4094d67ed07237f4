"""A project where every free-text field of every record carries hostile text.

The mini fixture plus tests/fixtures/hostile (one record of every kind with every
optional field filled). Which fields are free text comes from the JSON Schemas,
not from a list kept here: a field added to a schema is poisoned without anyone
remembering to. Payloads are markup, Markdown, template and Graphviz syntax; every
element a payload could create carries `data-pwn`, and every script it could run
calls alert(), so a test can look for both.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from conftest import ROOT, mini_project

HOSTILE = ROOT / "tests" / "fixtures" / "hostile"
SCHEMAS = ROOT / "data" / "schema"
KIND_SCHEMA = {
    "models": "model",
    "papers": "paper",
    "methods": "method",
    "capabilities": "capability",
    "glossary": "term",
    "limitations": "limitation",
    "sources": "source",
}

PAYLOADS = (
    "<img src=x onerror=alert(1) data-pwn=1>",
    "<script>alert(2)</script>",
    '"><svg onload=alert(3) data-pwn=3>',
    "'><b data-pwn=4 onmouseover=alert(4)>b</b>",
    "<style>body{display:none}</style>",
    "[link](javascript:alert(5))",
    '{: onclick="alert(6)" data-pwn=6 }',
    "&lt;i data-pwn=7&gt;entity&lt;/i&gt;",
    "</title><img src=y onerror=alert(8) data-pwn=8>",
    "<!--><img src=z onerror=alert(9) data-pwn=9>-->",
    "{{ config.site_name }} {% raw %}",
    '--8<-- "/etc/passwd"',
    '\\N \\G "]; evil [URL="javascript:alert(10)"]; "',
)
# Markdown that only means something at the start of a line or paragraph.
LEADS = ('??? danger "X" ', "- ", "1. ", "> ", "# ", "!!! note ", "| a | b | ", "    ")
# Surface forms that articles must still match, to open a hover definition.
PLAIN = {("hostile-term", "aliases")}
MARK = "data-pwn"
# Fields compared with each other by the grade rules (a model's developer, a source's).
SAME_PAYLOAD = {"organization", "publisher"}
# Added to every list of citations, so that each citation field appears everywhere.
CITATION = {
    "url": "https://example.org/cited?a=1&b=2",
    "title": "cited page",
    "archive_url": "https://web.archive.org/web/2023/https://example.org/cited?a=1&b=2",
    "locator": "§1",
    "quote": "The sentence the claim rests on.",
    "supports": {"zh": "支持的说法。", "en": "What it supports."},
}


def schema(name: str) -> dict:
    return json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))


COMMON = schema("common")


def resolve(node: dict, doc: dict) -> tuple[dict, dict]:
    """Follow $ref (into common.schema.json or the same file), keeping local keys.

    Returns the node and the document its own references are relative to.
    """
    while "$ref" in node:
        file, _, pointer = node["$ref"].partition("#")
        if file == "common.schema.json":
            doc = COMMON
        target: Any = doc
        for part in filter(None, pointer.split("/")):
            target = target[part]
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return node, doc


def is_free_text(node: dict) -> bool:
    """A string that is shown as text: no enum, no format, no pattern but 'not blank'."""
    types = node.get("type")
    strings = types == "string" or (isinstance(types, list) and "string" in types)
    return strings and "enum" not in node and node.get("pattern", "\\S") == "\\S"


def text_paths(node: dict, own: dict, at: str = "") -> Iterator[str]:
    """Every free-text field a schema allows, as 'parents[].note.zh'."""
    node, own = resolve(node, own)
    if is_free_text(node):
        yield at
    for name, child in (node.get("properties") or {}).items():
        yield from text_paths(child, own, f"{at}.{name}" if at else name)
    if isinstance(node.get("items"), dict):
        yield from text_paths(node["items"], own, f"{at}[]")


def poison(value: Any, node: dict, own: dict, record: str, at: str, seen: set[str], n: list) -> Any:
    """The record with a payload in every free-text field, within each field's limits."""
    node, own = resolve(node, own)
    if isinstance(value, dict):
        props = node.get("properties") or {}
        return {
            key: poison(v, props.get(key, {}), own, record, f"{at}.{key}" if at else key, seen, n)
            if key in props and (record, key) not in PLAIN
            else v
            for key, v in value.items()
        }
    if isinstance(value, list) and isinstance(node.get("items"), dict):
        if node["items"].get("$ref", "").endswith("/citation"):
            value = [*value, dict(CITATION)]  # so that every citation field is covered
        return [poison(v, node["items"], own, record, f"{at}[]", seen, n) for v in value]
    if isinstance(value, str) and is_free_text(node):
        seen.add(at)
        n[0] += 1
        # A model's organization must still equal its developer's publisher name for an
        # official claim to stand, so these two get the same payload for the same name.
        k = sum(map(ord, value)) if at in SAME_PAYLOAD else n[0]
        return hostile_text(value, node.get("maxLength", 200), k, at.endswith("zh"))
    return value


def hostile_text(original: str, limit: int, n: int, chinese: bool) -> str:
    """The original text (names stay unique), then payloads, up to the field's limit."""
    lead = LEADS[n % len(LEADS)] if limit > 200 else ""
    text = f"{lead}{'中文 ' if chinese else ''}{original}"
    for k in range(len(PAYLOADS)):
        payload = PAYLOADS[(n + k) % len(PAYLOADS)]
        if len(text) + 1 + len(payload) > limit:
            break
        text += " " + payload
    return text


class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data: object) -> bool:
        return True


def poisoned_project(dest: Path) -> tuple[Path, dict[str, set[str]]]:
    """The project, and for each kind the free-text fields that carry a payload."""
    project = mini_project(dest)
    for path in sorted((HOSTILE / "data").rglob("*.yaml")):
        target = project / "data" / path.relative_to(HOSTILE / "data")
        shutil.copyfile(path, target)
    covered: dict[str, set[str]] = {kind: set() for kind in KIND_SCHEMA}
    counter = [0]
    for kind, name in KIND_SCHEMA.items():
        own = schema(name)
        for path in sorted((project / "data" / kind).glob("*.yaml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            data = poison(data, own, own, path.stem, "", covered[kind], counter)
            text = yaml.dump(data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False)
            path.write_text(text, encoding="utf-8")
    for name, mention in (("index.md", "恶意别名"), ("index.en.md", "hostilealias")):
        page = project / "docs" / name
        page.write_text(
            page.read_text(encoding="utf-8")
            + f"\n{mention} 出现在文章里[^hostile-paper][^hostile-source]。\n\n"
            "<!-- atlas:pipeline hostile-method -->\n\n<!-- atlas:capabilities -->\n\n"
            "<!-- atlas:limitations -->\n",
            encoding="utf-8",
        )
    return project, covered


def schema_text_paths() -> dict[str, set[str]]:
    return {kind: set(text_paths(schema(name), schema(name))) for kind, name in KIND_SCHEMA.items()}
