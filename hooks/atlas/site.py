"""Everything the MkDocs hooks need, computed once per version of the inputs.

mkdocs-static-i18n runs the whole build once per language, and `mkdocs serve`
rebuilds on every save; this module keeps the validated dataset, the rendered
pages, the checked articles and the diagrams between those runs, keyed by what
they depend on, so a second pass costs a dictionary lookup.

`preflight` does everything that can fail, before MkDocs empties site/: it
validates data/, reads and checks docs/, renders every generated page and
diagram, and raises one DataError with every problem.
"""

from __future__ import annotations

import html as html_module
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import markdown as python_markdown

from . import capabilities as caps
from . import diagrams, exports, htmlcheck, pages, search, shortcodes, tooltips
from .articles import Article, read_docs
from .dataset import Dataset
from .errors import DataError, Problem
from .i18n import DEFAULT_LANG, LANGS
from .kinds import KINDS
from .validate import validate

# Folders of the built site that the hooks write: no page may claim them.
OUTPUT_FOLDERS = ("api", "search")

ToHtml = Callable[[str], str]


def localized(src_uri: str, lang: str) -> str:
    """models/davinci.md → models/davinci.en.md for English (suffix layout)."""
    return src_uri if lang == DEFAULT_LANG else src_uri[:-3] + f".{lang}.md"


def language_of(src_uri: str) -> str:
    for lang in LANGS:
        if lang != DEFAULT_LANG and src_uri.endswith(f".{lang}.md"):
            return lang
    return DEFAULT_LANG


def base_uri(src_uri: str) -> str:
    """models/davinci.en.md → models/davinci.md."""
    lang = language_of(src_uri)
    return src_uri if lang == DEFAULT_LANG else src_uri[: -len(f".{lang}.md")] + ".md"


def markdown_renderer(extensions: list, configs: dict) -> ToHtml:
    """Markdown → HTML with the site's own extensions, for checking articles early."""
    converter = python_markdown.Markdown(extensions=extensions, extension_configs=configs)

    def to_html(text: str) -> str:
        converter.reset()
        return converter.convert(text)

    return to_html


@dataclass
class Stats:
    hook_seconds: float = 0.0
    validations: int = 0


@dataclass(frozen=True)
class PageState:
    """What the hooks keep on a page between its Markdown and its HTML."""

    slots: dict[str, diagrams.Diagram]
    article: bool  # hand-written: sanitised, and given glossary hover definitions


@dataclass(frozen=True)
class CheckedArticle:
    """An article with its shortcodes and citations expanded, and its diagram slots."""

    article: Article
    markdown: str
    slots: dict[str, diagrams.Diagram]


@dataclass
class Site:
    root: Path
    renderer: diagrams.Renderer = field(init=False)
    stats: Stats = field(default_factory=Stats)
    failed_before_output: bool = False  # the last build stopped in preflight
    _signature: tuple | None = None
    _dataset: Dataset | None = None
    _status: dict | None = None
    _pages: dict[str, dict[str, pages.Page]] = field(default_factory=dict)  # lang → uri → page
    _articles: dict[tuple, CheckedArticle] = field(default_factory=dict)
    _current: dict[str, CheckedArticle] = field(default_factory=dict)  # src_uri → article
    _svgs: dict[str, str] = field(default_factory=dict)
    _exports: tuple[str, dict[str, str]] | None = None  # dataset digest, file → text
    _to_html: ToHtml | None = None
    _markdown_settings: tuple | None = None

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
            assert dataset is not None
            if self._dataset is None or dataset.digest != self._dataset.digest:
                self._dataset = dataset
                self._status = caps.compute_status(dataset)
                self._pages.clear()
                self._articles.clear()
            self._signature = signature
        assert self._dataset is not None
        return self._dataset

    def dataset(self) -> Dataset:
        """The dataset as of the last refresh()."""
        if self._dataset is None:
            return self.refresh()
        return self._dataset

    def status(self) -> dict[str, dict[str, caps.Status]]:
        self.dataset()
        assert self._status is not None
        return self._status

    # -- everything that can fail, before any output ---------------------------
    def use_markdown(self, extensions: list, configs: dict) -> None:
        """The site's Markdown settings, for checking articles as MkDocs will render them."""
        settings = (repr(extensions), repr(sorted(configs.items(), key=lambda kv: kv[0])))
        if settings != self._markdown_settings:
            self._to_html = markdown_renderer(extensions, configs)
            self._markdown_settings = settings
            self._articles.clear()

    def preflight(self, render: bool = True) -> None:
        """Check data/, docs/ and the build environment; with `render`, draw everything.

        Raises one DataError listing every problem found. Nothing is written but
        the diagram cache.
        """
        problems: list[Problem] = _environment_problems(self.root)
        try:
            dataset: Dataset | None = self.refresh()
        except DataError as error:
            problems += error.problems
            dataset = None
        articles, others, found = read_docs(self.root)
        problems += found
        ids = _record_ids(dataset) if dataset else _record_files(self.root)
        problems += _collision_problems(ids, articles, others)
        if dataset is not None:
            current = {}
            for article in articles:
                try:
                    current[article.src_uri] = self._checked(article)
                except DataError as error:
                    problems += error.problems
            self._current = current
        else:  # what can be checked without the data
            for article in articles:
                problems += shortcodes.syntax_problems(
                    article.body, article.path, article.first_line
                )
                problems += self._html_problems(article, article.body)
        if problems:
            raise DataError(problems)
        if render:
            wanted = [
                d for lang in LANGS for p in self.pages(lang).values() for d in p.diagrams.values()
            ]
            wanted += [d for a in self._current.values() for d in a.slots.values()]
            self._render(wanted)

    def _checked(self, article: Article) -> CheckedArticle:
        key = (self.dataset().digest, article.src_uri, article.first_line, article.body)
        if key not in self._articles:
            lang = language_of(article.src_uri)
            ctx = pages.Context(self.dataset(), self.status(), lang)
            expanded, slots = shortcodes.expand(
                article.body, ctx, article.src_uri, article.path, first_line=article.first_line
            )
            problems = self._html_problems(article, expanded)
            if problems:
                raise DataError(problems)
            self._articles[key] = CheckedArticle(article, expanded, slots)
        return self._articles[key]

    def _html_problems(self, article: Article, markdown: str) -> list[Problem]:
        """Render the article as MkDocs will, and refuse HTML that is not on the list."""
        assert self._to_html is not None, "call use_markdown() first"
        return [_finding_problem(article, f) for f in htmlcheck.check(self._to_html(markdown))]

    # -- generated pages ------------------------------------------------------
    def generated_uris(self) -> list[str]:
        """Source paths of every generated page in every language, from the records."""
        uris = pages.page_uris(_record_ids(self.dataset()))
        return sorted(localized(uri, lang) for lang in LANGS for uri in uris)

    def pages(self, lang: str) -> dict[str, pages.Page]:
        if lang not in self._pages:
            ctx = pages.Context(self.dataset(), self.status(), lang)
            self._pages[lang] = {p.src_uri: p for p in pages.all_pages(ctx)}
        return self._pages[lang]

    def generated(self, src_uri: str) -> pages.Page | None:
        """The generated page at a source path, or None if the page is hand-written."""
        return self.pages(language_of(src_uri)).get(base_uri(src_uri))

    def article(self, src_uri: str, body: str) -> CheckedArticle:
        """A hand-written page as checked in preflight (or now, if it changed since)."""
        checked = self._current.get(src_uri)
        if checked is None or checked.article.body != body:
            articles, _, _ = read_docs(self.root)
            match = next(a for a in articles if a.src_uri == src_uri)
            checked = self._current[src_uri] = self._checked(match)
            self._render(list(checked.slots.values()))
        return checked

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
            html = diagrams.SLOT.sub(lambda m: self._figure(slots[m.group(1)], m.group(1)), html)
        if glossary_url:
            lang = language_of(src_uri)
            html = tooltips.annotate(html, self.dataset(), lang, glossary_url)
        return html

    def _render(self, wanted: list[diagrams.Diagram]) -> None:
        missing = [d for d in wanted if d.key not in self._svgs]
        if not missing:
            return
        try:
            self._svgs.update(self.renderer.render_all(missing))
        except diagrams.RenderError as error:
            raise DataError([Problem("graphviz", 0, "", error.message, error.hint)]) from None

    def _figure(self, diagram: diagrams.Diagram, slot: str) -> str:
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


def _environment_problems(root: Path) -> list[Problem]:
    """The build's own folders must be folders; a file in their place is a clear error."""
    problems = []
    for name in (".cache", ".cache/diagrams"):
        path = root / name
        if path.is_symlink() or (path.exists() and not path.is_dir()):
            problems.append(
                Problem(
                    name,
                    0,
                    "",
                    "is not a folder, but the build keeps its cache there",
                    f"remove or rename {name}; the build recreates it",
                )
            )
            break
    return problems


def _record_ids(dataset: Dataset) -> dict[str, list[str]]:
    return {kind: list(dataset.kind(kind)) for kind in KINDS}


def _record_files(root: Path) -> dict[str, list[str]]:
    """Record ids from file names alone, for when the records themselves are broken."""
    return {kind: sorted(p.stem for p in (root / "data" / kind).glob("*.yaml")) for kind in KINDS}


def _collision_problems(
    ids: dict[str, list[str]], articles: list[Article], others: list[str]
) -> list[Problem]:
    """A file in docs/ may not take the place of a generated page or output folder."""
    generated = {localized(uri, lang) for lang in LANGS for uri in pages.page_uris(ids)}
    problems = []
    for src_uri in [a.src_uri for a in articles] + others:
        if src_uri in generated:
            problems.append(
                Problem(
                    f"docs/{src_uri}",
                    0,
                    "",
                    "takes the place of a page generated from data/",
                    "remove it, and edit the record in data/ instead",
                )
            )
        elif src_uri.split("/")[0] in OUTPUT_FOLDERS:
            problems.append(
                Problem(
                    f"docs/{src_uri}",
                    0,
                    "",
                    f"is in docs/{src_uri.split('/')[0]}/, which the build writes itself",
                    "move it to another folder",
                )
            )
    return problems


def _finding_problem(article: Article, finding: htmlcheck.Finding) -> Problem:
    """A disallowed element or attribute, at the first line of the article that shows it."""
    needle = finding.what.lower()
    lines = [html_module.unescape(text).lower() for text in article.body.split("\n")]
    line = next((article.first_line + i for i, text in enumerate(lines) if needle in text), 0)
    return Problem(
        article.path,
        line,
        "",
        finding.message,
        "articles are Markdown; raw HTML may only use what Markdown itself produces",
    )


def _signature(folder: Path, pattern: str = "*") -> tuple:
    """Cheap fingerprint of a folder: every file's path, size and modification time."""
    entries = []
    for path in sorted(folder.rglob(pattern)):
        if path.is_file() and not path.is_symlink():
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
