"""SVG from DOT, through the system `dot`: in batches (one process renders many files,
two processes share the work), cached on disk by the hash of each DOT source, so an
unchanged diagram is never rendered twice.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .diagram import Diagram

DOT_TIMEOUT_SECONDS = 120


BATCH_SIZE = 200


class RenderError(Exception):
    """Graphviz is missing or failed; a message and a hint for the person building."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.message, self.hint = message, hint


@dataclass
class RenderStats:
    processes: int = 0
    diagrams: int = 0
    seconds: float = 0.0
    cache_hits: int = 0
    warnings: list[str] = field(default_factory=list)  # what dot printed: a diagram bug


@dataclass
class Renderer:
    """Renders DOT to SVG through the system `dot`, with a disk cache keyed by content.

    It keeps nothing in memory: the snapshot holds the SVG it needs. Every cache hit
    refreshes the file's time, and `prune` removes what no build has used for a while,
    so the cache follows the data instead of growing with every edit.
    """

    cache_dir: Path | None
    stats: RenderStats = field(default_factory=RenderStats)

    def render_all(self, diagrams: Iterable[Diagram]) -> dict[str, str]:
        """SVG for every diagram, keyed by `Diagram.key`; runs `dot` only for what is new."""
        wanted = {d.key: d.dot for d in diagrams}
        found: dict[str, str] = {}
        for key in wanted:
            cached = self._read_cache(key)
            if cached is not None:
                found[key] = cached
                self.stats.cache_hits += 1
        missing = {key: source for key, source in wanted.items() if key not in found}
        if missing:
            found.update(self._render(missing))
        return found

    def prune(self, older_than_days: float = 14) -> int:
        """Remove cached SVG that no build has used for `older_than_days`; how many."""
        if self.cache_dir is None or not self.cache_dir.is_dir():
            return 0
        limit = time.time() - older_than_days * 86_400
        removed = 0
        for path in self.cache_dir.glob("*.svg"):
            if path.stat().st_mtime < limit:
                path.unlink(missing_ok=True)
                removed += 1
        return removed

    def _read_cache(self, key: str) -> str | None:
        if self.cache_dir is None:
            return None
        path = self.cache_dir / f"{key}.svg"
        try:
            text = path.read_text(encoding="utf-8")
            os.utime(path)  # used now: keep it past the next prune
            return text
        except OSError:
            return None

    def _render(self, sources: dict[str, str]) -> dict[str, str]:
        executable = shutil.which("dot")
        if executable is None:
            raise RenderError(
                "the Graphviz program 'dot' was not found, and diagrams need drawing",
                "install it with 'sudo apt-get install graphviz', or run 'make serve', "
                "which does it for you",
            )
        started = time.perf_counter()
        keys = sorted(sources)
        batches = [keys[i : i + BATCH_SIZE] for i in range(0, len(keys), BATCH_SIZE)]
        if len(batches) == 1 and len(keys) > 8:  # split so both cores work
            half = (len(keys) + 1) // 2
            batches = [keys[:half], keys[half:]]
        with tempfile.TemporaryDirectory(prefix="atlas-dot-") as tmp:
            work = Path(tmp)
            for key in keys:
                (work / f"{key}.gv").write_text(sources[key], encoding="utf-8")

            def run(batch: list[str]) -> None:
                files = [str(work / f"{key}.gv") for key in batch]
                try:
                    result = subprocess.run(
                        [executable, "-Tsvg", "-O", *files],
                        capture_output=True,
                        text=True,
                        timeout=DOT_TIMEOUT_SECONDS,
                        check=False,
                    )
                except subprocess.TimeoutExpired:
                    raise RenderError(
                        f"Graphviz took over {DOT_TIMEOUT_SECONDS} s for {len(batch)} diagrams",
                        "a diagram is too large; see WHOLE_GRAPH_LIMIT in diagrams.py",
                    ) from None
                if result.returncode != 0:
                    raise RenderError(f"Graphviz failed: {result.stderr.strip()[:500]}")
                self.stats.warnings += [w for w in result.stderr.splitlines() if w.strip()]

            with ThreadPoolExecutor(max_workers=min(2, os.cpu_count() or 1)) as pool:
                list(pool.map(run, batches))
            rendered = {}
            for key in keys:
                svg = clean_svg((work / f"{key}.gv.svg").read_text(encoding="utf-8"))
                rendered[key] = svg
                self._write_cache(key, svg)
        self.stats.processes += len(batches)
        self.stats.diagrams += len(keys)
        self.stats.seconds += time.perf_counter() - started
        return rendered

    def _write_cache(self, key: str, svg: str) -> None:
        """Keep an SVG for the next build; a cache that cannot be written is only slower."""
        if self.cache_dir is None:
            return
        try:
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            tmp = self.cache_dir / f".{key}.{os.getpid()}.tmp"
            tmp.write_text(svg, encoding="utf-8")
            os.replace(tmp, self.cache_dir / f"{key}.svg")
        except OSError:
            self.cache_dir = None


_PROLOGUE = re.compile(r"<\?xml.*?\?>|<!DOCTYPE.*?>|<!--.*?-->", re.S)


_PAGE_PREFIX = re.compile(r'\bid="page\d+,\d+_')


def clean_svg(svg: str) -> str:
    """Drop the XML prologue, doctype and comments (they name the Graphviz version).

    Also drop the "page0,1_" prefix that dot sometimes puts on ids when it renders
    several files in one run: it depends on the batch, not on the diagram, and would
    make two builds differ.
    """
    svg = _PAGE_PREFIX.sub('id="', _PROLOGUE.sub("", svg))
    return "\n".join(line for line in svg.splitlines() if line.strip())
