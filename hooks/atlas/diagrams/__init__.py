"""Lineage and pipeline diagrams: DOT text from the data, SVG from Graphviz.

`draw` builds DOT (pure), `render` runs `dot` with a cache on disk, `embed` puts the
SVG into pages. Within a build the snapshot holds each SVG once, for both languages.
"""

from .diagram import CACHE_VERSION, Diagram
from .draw import (
    WHOLE_GRAPH_LIMIT,
    YEAR_AXIS_GENERATIONS,
    capability_diagram,
    family_diagram,
    family_styles,
    lineage_diagram,
    main_path,
    neighbourhood_diagram,
    pipeline_diagram,
    story_diagram,
)
from .embed import SLOT, embed, figure, fill_slots
from .render import Renderer, RenderError, RenderStats, clean_svg

__all__ = [
    "CACHE_VERSION",
    "SLOT",
    "WHOLE_GRAPH_LIMIT",
    "YEAR_AXIS_GENERATIONS",
    "Diagram",
    "RenderError",
    "RenderStats",
    "Renderer",
    "capability_diagram",
    "clean_svg",
    "embed",
    "family_diagram",
    "family_styles",
    "figure",
    "fill_slots",
    "lineage_diagram",
    "main_path",
    "neighbourhood_diagram",
    "pipeline_diagram",
    "story_diagram",
]
