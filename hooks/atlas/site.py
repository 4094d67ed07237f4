"""Everything the MkDocs hooks need, computed once per version of the data.

mkdocs-static-i18n runs the whole build once per language, and `mkdocs serve`
rebuilds on every save; this module keeps the validated dataset, the rendered
pages and the diagrams between those runs, keyed by what they depend on, so a
second pass costs a dictionary lookup.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.utils.meta import get_data as get_markdown_and_front_matter

from . import capabilities as caps
from . import diagrams, exports, pages, search, shortcodes, tooltips
from .dataset import Dataset
from .errors import DataError
from .i18n import DEFAULT_LANG, LANGS
from .validate import validate

SLOT = re.compile(r'<div class="atlas-diagram" data-atlas-slot="(d\d+)"></div>')


def localized(src_uri: str, lang: str) -> str:
    """models/davinci.md → models/davinci.en.md for English (suffix layout)."""
    return src_uri if lang == DEFAULT_LANG else src_uri[:-3] + f".{lang}.md"


def language_of(src_uri: str) -> str:
    for lang in LANGS:
        if lang != DEFAULT_LANG and src_uri.endswith(f".{lang}.md"):
            return lang
    return DEFAULT_LANG


@dataclass
class Stats:
    hook_seconds: float = 0.0
    validations: int = 0


@dataclass
class Site:
    root: Path
    renderer: diagrams.Renderer = field(init=False)
    stats: Stats = field(default_factory=Stats)
    failed_on_data: bool = False  # the last build stopped on bad data or an article error
    _signature: tuple | None = None
    _dataset: Dataset | None = None
    _status: dict | None = None
    _pages: dict[str, dict[str, pages.Page]] = field(default_factory=dict)  # lang → uri → page
    _slots: dict[str, dict[str, diagrams.Diagram]] = field(default_factory=dict)
    _svgs: dict[str, str] = field(default_factory=dict)
    _articles: dict[str, tuple[str, str, dict]] = field(default_factory=dict)  # in, out, slots
    _exports: tuple[str, dict[str, str]] | None = None  # dataset digest, file → text
    _checked_articles: tuple | None = None  # what check_articles() last passed

    def __post_init__(self) -> None:
        self.renderer = diagrams.Renderer(self.root / ".cache" / "diagrams")

    # -- data -----------------------------------------------------------------
    def refresh(self) -> Dataset:
        """Validate data/ again if any file in it changed; called once per build pass."""
        signature = _signature(self.root / "data")
        if signature != self._signature or self._dataset is None:
            dataset, problems = validate(self.root)
            self.stats.validations += 1
            if problems:
                raise DataError(problems)
            if self._dataset is None or dataset.digest != self._dataset.digest:
                self._dataset = dataset
                self._status = caps.compute_status(dataset)
                self._pages.clear()
                self._articles.clear()
            self._signature = signature
        return self.dataset()

    def dataset(self) -> Dataset:
        """The dataset as of the last refresh()."""
        if self._dataset is None:
            return self.refresh()
        return self._dataset

    def status(self) -> dict[str, dict[str, caps.Status]]:
        self.dataset()
        assert self._status is not None
        return self._status

    # -- generated pages ------------------------------------------------------
    def generated_uris(self) -> list[str]:
        """Source paths of every generated page in every language."""
        return sorted(
            localized(page.src_uri, lang) for lang in LANGS for page in self.pages(lang).values()
        )

    def pages(self, lang: str) -> dict[str, pages.Page]:
        if lang not in self._pages:
            ctx = pages.Context(self.dataset(), self.status(), lang)
            rendered = {p.src_uri: p for p in pages.all_pages(ctx)}
            self._pages[lang] = rendered
            for page in rendered.values():
                self._slots[localized(page.src_uri, lang)] = page.diagrams
            self._render([d for p in rendered.values() for d in p.diagrams.values()])
        return self._pages[lang]

    def markdown_for(self, src_uri: str) -> str | None:
        """The Markdown of a generated page, or None if the page is hand-written."""
        lang = language_of(src_uri)
        base = src_uri if lang == DEFAULT_LANG else src_uri[: -len(f".{lang}.md")] + ".md"
        page = self.pages(lang).get(base)
        return page.markdown if page else None

    # -- hand-written pages ---------------------------------------------------
    def check_articles(self, docs_dir: Path) -> None:
        """Expand every hand-written page now, before MkDocs empties the site folder.

        MkDocs cleans site/ before it reads pages, so an error found page by page
        would leave a half-deleted site (and `mkdocs serve` with nothing to show).
        All problems in all articles are reported together, as for data/. mkdocs-static-
        i18n calls this once per language: the second call finds nothing changed.
        """
        signature = (self.dataset().digest, _signature(docs_dir, "*.md"))
        if signature == self._checked_articles:
            return
        problems = []
        generated = set(self.generated_uris())
        for path in sorted(docs_dir.rglob("*.md")):
            src_uri = path.relative_to(docs_dir).as_posix()
            if src_uri in generated:
                continue
            text = path.read_text(encoding="utf-8-sig")
            body, _ = get_markdown_and_front_matter(text)
            first_line = text[: len(text) - len(body)].count("\n") + 1
            try:
                self.expand_article(body, src_uri, first_line)
            except shortcodes.ContentError as error:
                problems += error.problems
        if problems:
            raise shortcodes.ContentError(problems)
        self._checked_articles = signature

    def expand_article(self, markdown: str, src_uri: str, first_line: int = 1) -> str:
        """Fill shortcodes and footnotes from the data in a hand-written page.

        The result is remembered by the page's text, so check_articles() and the
        page's own hook (once per language pass) expand it once.
        """
        cached = self._articles.get(src_uri)
        if cached is None or cached[0] != markdown:
            lang = language_of(src_uri)
            ctx = pages.Context(self.dataset(), self.status(), lang)
            expanded, slots = shortcodes.expand(markdown, ctx, src_uri, first_line=first_line)
            if slots:
                self._render(list(slots.values()))
            cached = self._articles[src_uri] = (markdown, expanded, slots)
        _, expanded, slots = cached
        if slots:
            self._slots[src_uri] = slots
        return expanded

    def finish_html(self, html: str, src_uri: str, is_article: bool) -> str:
        """Put the SVG into diagram slots; give articles their glossary hover definitions."""
        slots = self._slots.get(src_uri, {})
        if slots:
            html = SLOT.sub(lambda m: self._figure(slots[m.group(1)], src_uri, m.group(1)), html)
        if is_article:
            lang = language_of(src_uri)
            html = tooltips.annotate(html, self.dataset(), lang, src_uri)
        return html

    def _render(self, wanted: list[diagrams.Diagram]) -> None:
        self._svgs.update(self.renderer.render_all(wanted))

    def _figure(self, diagram: diagrams.Diagram, src_uri: str, slot: str) -> str:
        prefix = "atlas-" + slot
        svg = diagrams.embed(self._svgs[diagram.key], diagram, prefix)
        return (
            f'<figure class="atlas-diagram" data-search-exclude>'
            f'<div class="atlas-diagram__scroll" tabindex="0" role="region" '
            f'aria-labelledby="{prefix}-title">{svg}</div></figure>'
        )

    # -- after the build ------------------------------------------------------
    def write_outputs(self, site_dir: Path) -> None:
        """The data exports and the per-language search indexes.

        Runs after each language pass; the exports are serialised once per dataset.
        """
        dataset = self.dataset()
        if self._exports is None or self._exports[0] != dataset.digest:
            self._exports = (dataset.digest, exports.render_all(dataset, self.status()))
        out = site_dir / "api"
        out.mkdir(parents=True, exist_ok=True)
        for name, text in self._exports[1].items():
            (out / name).write_text(text, encoding="utf-8")
        search.split_index(site_dir, [lang for lang in LANGS if lang != DEFAULT_LANG])

    def user_dictionary(self, path: Path) -> Path:
        search.write_user_dictionary(self.dataset(), path)
        return path


def _signature(folder: Path, pattern: str = "*") -> tuple:
    """Cheap fingerprint of a folder: every file's path, size and modification time."""
    entries = []
    for path in sorted(folder.rglob(pattern)):
        if path.is_file():
            stat = path.stat()
            entries.append((str(path), stat.st_size, stat.st_mtime_ns))
    return tuple(entries)


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
