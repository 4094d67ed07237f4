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


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


# Material's backgrounds: white, and slate's hsl(225deg 15% 14%) (palette.css, main.css).
LIGHT_BACKGROUND, DARK_BACKGROUND = "#ffffff", "#1e2129"


def test_every_family_in_the_data_has_names_and_a_look_of_its_own() -> None:
    import yaml

    families = {
        yaml.safe_load(path.read_text(encoding="utf-8"))["family"]
        for path in (ROOT / "data" / "models").glob("*.yaml")
    }
    assert families <= set(vocabulary.FAMILIES), families - set(vocabulary.FAMILIES)
    looks = [(f.colour, f.style) for f in vocabulary.FAMILIES.values()]
    assert len(set(looks)) == len(looks), "two families are drawn alike"
    for fid, look in vocabulary.FAMILIES.items():
        assert set(look.label) == set(i18n.LANGS), fid
        assert look.style in ("solid", "dashed"), fid
        # A node border is a graphical object: WCAG 1.4.11 asks 3:1 on both palettes.
        assert _contrast(look.colour, LIGHT_BACKGROUND) >= 3, (fid, "light")
        assert _contrast(look.colour, DARK_BACKGROUND) >= 3, (fid, "dark")


@pytest.mark.parametrize(
    "words", [vocabulary.CATEGORIES, vocabulary.PIPELINE_KINDS], ids=["methods", "pipeline"]
)
def test_diagram_colours_read_on_both_palettes(words) -> None:
    for value, entry in words.items():
        assert _contrast(entry.colour, LIGHT_BACKGROUND) >= 3, (value, "light")
        assert _contrast(entry.colour, DARK_BACKGROUND) >= 3, (value, "dark")


def test_edge_colours_of_different_methods_are_told_apart() -> None:
    """The pretraining and successor colours were once near-identical greys."""
    colours = {v: e.colour for v, e in vocabulary.CATEGORIES.items() if e.colour}

    def distance(a: str, b: str) -> float:
        return sum((int(a[i : i + 2], 16) - int(b[i : i + 2], 16)) ** 2 for i in (1, 3, 5)) ** 0.5

    assert distance(colours["pretraining"], colours["successor"]) > 100
