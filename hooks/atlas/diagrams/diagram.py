"""A diagram ready to render: its DOT source and its words for assistive technology."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

CACHE_VERSION = 2  # bump when clean_svg changes, so cached SVG is rendered again


@dataclass(frozen=True)
class Diagram:
    """A diagram ready to render: its DOT source, and words for those who can't see it."""

    dot: str
    title: str
    description: str
    edges: tuple[tuple[str, ...], ...] = ()  # rows for the text alternative
    note: str = ""

    @property
    def key(self) -> str:
        """The cache key: the DOT source, and how we post-process what dot returns."""
        return hashlib.sha256(f"{CACHE_VERSION}\n{self.dot}".encode()).hexdigest()
