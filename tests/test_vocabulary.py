"""Every word the interface uses exists in both languages, and every enum value has its words.

A value added to a schema without its label and colour would otherwise surface as a
KeyError in the middle of a build; here it is a failing test that names the value.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from atlas import i18n, vocabulary
from conftest import ROOT

SCHEMAS = ROOT / "data" / "schema"


def enums(node: Any, at: str = "") -> dict[str, list[str]]:
    """Every enum in a schema, by the path of its field ('dates[].kind')."""
    found: dict[str, list[str]] = {}
    if isinstance(node, dict):
        if "enum" in node:
            found[at] = [v for v in node["enum"] if v is not None]
        for key, child in node.items():
            if key == "properties":
                for name, prop in child.items():
                    found |= enums(prop, f"{at}.{name}" if at else name)
            elif key == "items":
                found |= enums(child, f"{at}[]")
            elif key == "$defs":
                for name, prop in child.items():
                    found |= enums(prop, f"$defs.{name}")
    return found


def all_schema_enums() -> dict[tuple[str, str], list[str]]:
    out = {}
    for path in sorted(SCHEMAS.glob("*.schema.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        name = path.name.removesuffix(".schema.json")
        out |= {(name, at): values for at, values in enums(schema).items()}
    return out


def test_every_schema_enum_has_a_vocabulary() -> None:
    assert set(all_schema_enums()) == set(vocabulary.SCHEMA_ENUMS)


@pytest.mark.parametrize("where", sorted(vocabulary.SCHEMA_ENUMS), ids=lambda w: ".".join(w))
def test_vocabulary_matches_its_schema_and_speaks_both_languages(where) -> None:
    words = vocabulary.SCHEMA_ENUMS[where]
    assert set(words) == set(all_schema_enums()[where])  # the order here is the display order
    for value, entry in words.items():
        assert set(entry.label) == set(i18n.LANGS), value
        assert all(text.strip() for text in entry.label.values()), value
        assert not entry.title or set(entry.title) == set(i18n.LANGS), value


@pytest.mark.parametrize(
    ("words", "needs"),
    [
        (vocabulary.GRADES, "style"),
        (vocabulary.CATEGORIES, "colour"),
        (vocabulary.PIPELINE_KINDS, "colour"),
        (vocabulary.PIPELINE_KINDS, "style"),
    ],
)
def test_what_diagrams_draw_has_a_colour_or_style(words, needs: str) -> None:
    for value, entry in words.items():
        assert getattr(entry, needs), (value, needs)
        if needs == "colour":
            assert re.fullmatch(r"#[0-9a-f]{6}", entry.colour), value


def test_every_interface_label_has_both_languages() -> None:
    for key, texts in i18n.LABELS.items():
        assert set(texts) == set(i18n.LANGS), key
        placeholders = {lang: set(re.findall(r"\{(\w+)\}", text)) for lang, text in texts.items()}
        assert len({frozenset(p) for p in placeholders.values()}) == 1, (key, placeholders)


def test_every_language_has_a_locale() -> None:
    assert set(i18n.LOCALES) == set(i18n.LANGS)
