"""SVG into pages: unique ids, a title and description, a scrollable labelled figure."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping

from .. import escape
from .diagram import Diagram

# Where a page wants a diagram; the hook replaces it with the SVG after Markdown.
SLOT = re.compile(r'<div class="atlas-diagram" data-atlas-slot="(d\d+)"></div>')


def figure(svg: str, diagram: Diagram, slot: str) -> str:
    """The HTML that takes a diagram slot's place: the SVG, scrollable and labelled."""
    prefix = "atlas-" + slot
    return (
        f'<figure class="atlas-diagram" data-search-exclude>'
        f'<div class="atlas-diagram__scroll" tabindex="0" role="region" '
        f'aria-labelledby="{prefix}-title">{embed(svg, diagram, prefix)}</div></figure>'
    )


def fill_slots(html: str, slots: Mapping[str, Diagram], svgs: Mapping[str, str]) -> str:
    """Every diagram slot of a page's HTML (or Markdown) replaced by its figure."""
    return SLOT.sub(
        lambda m: figure(svgs[slots[m.group(1)].key], slots[m.group(1)], m.group(1)), html
    )


def embed(svg: str, diagram: Diagram, prefix: str) -> str:
    """Inline-ready SVG: unique ids, a title and description, accessible to screen readers."""
    svg = re.sub(r'\bid="', f'id="{prefix}-', svg)
    svg = re.sub(r'(xlink:href|href)="#', rf'\1="#{prefix}-', svg)
    # Replace Graphviz's graph <title> (the graph name) with ours, and add a description.
    svg = re.sub(
        r"(<g [^>]*class=\"graph\"[^>]*>\s*)<title>.*?</title>", r"\1", svg, count=1, flags=re.S
    )
    title_id, desc_id = f"{prefix}-title", f"{prefix}-desc"
    head = (
        f'<title id="{title_id}">{escape.html(diagram.title)}</title>'
        f'<desc id="{desc_id}">{escape.html(diagram.description)}</desc>'
    )
    svg = _fit_width(svg)
    has_links = "<a " in svg
    role = "group" if has_links else "img"
    svg = re.sub(
        r"<svg\b([^>]*)>",
        lambda m: (
            f'<svg{m.group(1)} role="{role}" aria-labelledby="{title_id} {desc_id}" '
            f'focusable="false">{head}'
        ),
        svg,
        count=1,
    )
    return svg


_SIZE = re.compile(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"')


MIN_SCALE = 0.75  # 12 pt labels stay at 12 CSS px or more; below that, scroll instead


def _fit_width(svg: str) -> str:
    """Shrink a wide diagram to the column, but never below 75%; past that it scrolls."""
    match = _SIZE.search(svg)
    if not match:
        return svg
    width = float(match.group(1))
    least = math.ceil(width * MIN_SCALE)  # rounded up: never a hair below 12 px
    style = f'style="width: {width:g}pt; max-width: 100%; min-width: {least}pt"'
    return svg[: match.start()] + f"<svg {style}" + svg[match.end() :]
