"""The MkDocs side of the package: one Site per project and process.

A Site holds the current Snapshot (see snapshot.py) and the few things that belong
to the process rather than to a version of the inputs: the diagram renderer and
its disk cache, the Markdown converter for the site's settings, the timing
statistics, and what the last build wrote (see rebuild.py). `preflight` replaces
the snapshot whenever an input changed, before MkDocs empties site/.
"""

from __future__ import annotations

import functools
import hashlib
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

import markdown as python_markdown

from . import diagrams, htmlcheck, search, snapshot, tooltips
from .dataset import Dataset
from .errors import DataError, Problem
from .i18n import DEFAULT_LANG
from .rebuild import Rebuild
from .snapshot import Snapshot, ToHtml, language_of, localized

__all__ = [
    "DEFAULT_LANG",
    "PageState",
    "Site",
    "cache_dir",
    "get_site",
    "language_of",
    "localized",
    "timed",
]


def cache_dir(root: Path) -> Path:
    """Where rendered diagrams, checked data and the jieba dictionary are kept between builds.

    Outside the checkout, in the user's cache folder, one folder per project: a pull
    request can commit any file it likes, and a cached SVG or dataset planted in the
    checkout would reach pages unchecked. ATLAS_CACHE_DIR moves it (the tests point
    it at a temporary folder).
    """
    configured = os.environ.get("ATLAS_CACHE_DIR")
    if configured:
        return Path(configured)
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    project = hashlib.sha256(str(root.resolve()).encode("utf-8")).hexdigest()[:16]
    return base / "gpt-lineage-atlas" / project


def markdown_renderer(extensions: list, configs: dict) -> ToHtml:
    """Markdown → HTML with the site's own extensions, for checking articles early."""
    converter = python_markdown.Markdown(extensions=extensions, extension_configs=configs)

    def to_html(text: str) -> str:
        converter.reset()
        return converter.convert(text)

    return to_html


def settings_key(extensions: list, configs: dict) -> str:
    """The Markdown settings as text that is the same in every process.

    It keys the cache of articles whose HTML passed the check, so it must not hold a
    memory address: `repr` of the toc's slugify function does ("<function _uslugify at
    0x7f…>"), and every build checked every article again. A function stands for its
    name, its defaults and what its closure holds (pymdownx's slugify keeps its options
    there); any other object for its type and attributes.
    """
    return repr(_stable((extensions, sorted(configs.items(), key=lambda kv: kv[0]))))


def _stable(value: object) -> object:
    if isinstance(value, dict):
        return {str(k): _stable(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_stable(v) for v in value]
        return sorted(items, key=repr) if isinstance(value, (set, frozenset)) else items
    if isinstance(value, (str, int, float, bool, type(None))):
        return value
    if isinstance(value, functools.partial):
        return ("partial", _stable(value.func), _stable(value.args), _stable(value.keywords))
    if callable(value) and hasattr(value, "__qualname__"):
        cells = [c.cell_contents for c in getattr(value, "__closure__", None) or ()]
        defaults = getattr(value, "__defaults__", None)
        name = f"{getattr(value, '__module__', '')}.{value.__qualname__}"
        return (name, _stable(defaults or ()), _stable(cells))
    attributes = vars(value) if hasattr(value, "__dict__") else repr(value)
    return (f"{type(value).__module__}.{type(value).__qualname__}", _stable(attributes))


@dataclass(frozen=True)
class PageState:
    """What the hooks keep on a page between its Markdown and its HTML."""

    slots: dict[str, diagrams.Diagram]
    article: bool  # hand-written: sanitised, and given glossary hover definitions


@dataclass
class Stats:
    hook_seconds: float = 0.0
    snapshots: int = 0


@dataclass
class Site:
    root: Path
    renderer: diagrams.Renderer = field(init=False)
    stats: Stats = field(default_factory=Stats)
    stopped_before_output: bool = False  # the last build stopped in preflight
    snapshot: Snapshot | None = None
    rebuild: Rebuild = field(default_factory=Rebuild)
    _to_html: ToHtml | None = None
    _settings: str = ""

    def __post_init__(self) -> None:
        self.renderer = diagrams.Renderer(cache_dir(self.root) / "diagrams")

    def use_markdown(self, extensions: list, configs: dict) -> None:
        """The site's Markdown settings, for checking articles as MkDocs will render them."""
        settings = settings_key(extensions, configs)
        if settings != self._settings:
            self._to_html = markdown_renderer(extensions, configs)
            self._settings = settings

    def preflight(self) -> Snapshot:
        """A snapshot of the inputs as they are now; built again only if one changed.

        Raises one DataError listing every problem found; nothing is written but the
        diagram cache.
        """
        assert self._to_html is not None, "call use_markdown() first"
        problems = _environment_problems(self.root)
        if problems:
            raise DataError(problems)
        current = self.snapshot
        inputs = snapshot.read_inputs(self.root, self._settings)
        if current is None or current.inputs != inputs:
            current = snapshot.build(
                self.root, self._to_html, self._settings, self.renderer, previous=current
            )
            self.snapshot = current
            self.stats.snapshots += 1
        return current

    def check(self) -> Dataset:
        """Everything preflight checks, without drawing or writing anything."""
        assert self._to_html is not None, "call use_markdown() first"
        problems = _environment_problems(self.root)
        if problems:
            raise DataError(problems)
        return snapshot.check(self.root, self._to_html, self._settings)

    def current(self) -> Snapshot:
        assert self.snapshot is not None, "preflight() runs in on_config"
        return self.snapshot

    def finish_html(
        self, html: str, src_uri: str, slots: dict[str, diagrams.Diagram], glossary_url: str = ""
    ) -> str:
        """Put the SVG into diagram slots; give articles their glossary hover definitions.

        An article's HTML is sanitised first (the SVG and the term links are ours);
        preflight already refused anything the sanitiser would remove.
        """
        if glossary_url:
            html = htmlcheck.sanitize(html)
        if slots:
            html = diagrams.fill_slots(html, slots, self.current().svgs)
        if glossary_url:
            lang = language_of(src_uri)
            html = tooltips.annotate(html, self.current().dataset, lang, glossary_url)
        return html

    def write_outputs(self, site_dir: Path, entries: dict[str, list[dict]], plugin) -> None:
        """The data exports and one search index per language, once per build."""
        out = site_dir / "api"
        out.mkdir(parents=True, exist_ok=True)
        for name, text in self.current().exports.items():
            path = out / name
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                path.write_text(text, encoding="utf-8")
        if plugin is not None:
            fields = dict(plugin.config.fields)
            search.write_indexes(site_dir, fields, entries, DEFAULT_LANG)
            search.fix_worker(site_dir)

    def user_dictionary(self) -> Path:
        path = cache_dir(self.root) / "jieba-user-dict.txt"
        search.write_user_dictionary(self.current().dataset, path)
        return path


def _environment_problems(root: Path) -> list[Problem]:
    """The build's own folders must be folders; a file in their place is a clear error."""
    base = cache_dir(root)
    for path in (base, base / "diagrams"):
        if path.exists() and not path.is_dir():
            return [
                Problem(
                    str(path),
                    0,
                    "",
                    "is not a folder, but the build keeps its cache there",
                    "remove or rename it (the build recreates it), or set ATLAS_CACHE_DIR",
                )
            ]
    return []


_SITES: dict[Path, Site] = {}


def get_site(root: Path) -> Site:
    """One Site per project root and process, shared by both language passes and rebuilds."""
    root = root.resolve()
    if root not in _SITES:
        _SITES[root] = Site(root)
    return _SITES[root]


class timed:
    """Adds the time spent in a hook to the site's statistics (read by `make bench`)."""

    def __init__(self, site: Site):
        self.site = site

    def __enter__(self) -> timed:
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self.site.stats.hook_seconds += time.perf_counter() - self.start
