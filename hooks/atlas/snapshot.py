"""One immutable result per version of the inputs: everything a build needs.

A snapshot is made from data/, docs/ and the Markdown settings in one go, and never
changes afterwards; the hooks only look things up in it. `check` runs every check a
snapshot would (what `make check` runs) without drawing or rendering anything.

The previous snapshot may be passed in, so that a part whose own inputs did not
change (the validated data and its pages, an unchanged article, a diagram) is taken
over instead of computed again. The result is the same either way: reuse is keyed
by the digest of exactly what the part is made from. Code is not an input here:
the hooks load a fresh copy of this package, and so a fresh Site, when it changes.
"""

from __future__ import annotations

import hashlib
import html as html_module
import json
import logging
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import MappingProxyType

from . import capabilities as caps
from . import claims as claim_list
from . import diagrams, exports, history, htmlcheck, pages, shortcodes
from .articles import Article, read_docs
from .dataset import Dataset
from .errors import DataError, Problem
from .i18n import DEFAULT_LANG, LANGS, format_date
from .kinds import KINDS
from .load import Record
from .pages import changelog
from .validate import validate

PACKAGE = Path(__file__).resolve().parent
# Folders of the built site that the build writes itself: no page may claim them.
OUTPUT_FOLDERS = ("api", "search")

ToHtml = Callable[[str], str]
log = logging.getLogger("mkdocs.plugins.atlas")
_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)


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


@dataclass(frozen=True)
class Inputs:
    """Digests of what a snapshot is made from."""

    data: str  # every file under data/, records and schemas
    docs: str  # every file under docs/
    settings: str  # the Markdown extensions and their options
    head: str = ""  # the commit checked out; "" without usable git history


@cache
def code_digest() -> str:
    """The package's own code: cached per import, and a code change re-imports it."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(PACKAGE).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def read_inputs(root: Path, settings: str) -> Inputs:
    return Inputs(
        _digest_tree(root / "data"), _digest_tree(root / "docs"), settings, history.head(root)
    )


@dataclass(frozen=True)
class CheckedArticle:
    """An article with its shortcodes and citations expanded, and its diagram slots."""

    article: Article
    markdown: str
    slots: Mapping[str, diagrams.Diagram]
    title: str  # the first <h1>, as the site's Markdown renders it (the nav shows it)
    key: str  # digest of what it was made from
    html_key: str  # digest of what its HTML check read: its own text and the settings


@dataclass(frozen=True)
class Snapshot:
    inputs: Inputs
    dataset: Dataset
    status: Mapping[str, Mapping[str, caps.Status]]
    pages: Mapping[str, pages.Page]  # localized src_uri → generated page, both languages
    articles: Mapping[str, CheckedArticle]  # src_uri → hand-written page
    svgs: Mapping[str, str] = field(default_factory=dict)  # Diagram.key → SVG
    exports: Mapping[str, str] = field(default_factory=dict)  # file name under /api/ → text
    history: history.History | None = None  # the git log of data/ and docs/ at inputs.head
    dates: Mapping[str, int] = field(default_factory=dict)  # src_uri → last commit (history.py)

    def generated(self, src_uri: str) -> pages.Page | None:
        return self.pages.get(src_uri)

    def meta(self, src_uri: str) -> dict[str, object]:
        """A page's metadata for the theme: its own, and the date of its last commit
        in the key Material's source-file partial shows (that of
        mkdocs-git-revision-date-localized-plugin), in the page's language."""
        generated = self.pages.get(src_uri)
        meta = dict(
            generated.meta if generated is not None else self.articles[src_uri].article.meta
        )
        time = self.dates.get(src_uri)
        if time is not None:
            day = history.day_of(time)
            shown = format_date(day, language_of(src_uri))
            meta["git_revision_date_localized"] = f'<time datetime="{day}">{shown}</time>'
            meta["atlas_updated"] = history.iso(time)
        return meta

    def generated_uris(self) -> list[str]:
        return sorted(self.pages)

    def diagrams(self) -> list[diagrams.Diagram]:
        wanted = [d for page in self.pages.values() for d in page.diagrams.values()]
        return wanted + [d for a in self.articles.values() for d in a.slots.values()]


@dataclass(frozen=True)
class _Checked:
    """What checking leaves behind, for the snapshot to build on."""

    inputs: Inputs
    dataset: Dataset
    status: Mapping[str, Mapping[str, caps.Status]]
    articles: Mapping[str, CheckedArticle]


def check(root: Path, to_html: ToHtml, settings: str, previous: Snapshot | None = None) -> Dataset:
    """Every check of data/ and docs/; raises one DataError with every problem."""
    return _check(root, to_html, settings, previous, None).dataset


def build(
    root: Path,
    to_html: ToHtml,
    settings: str,
    renderer: diagrams.Renderer,
    previous: Snapshot | None = None,
) -> Snapshot:
    """Check everything, then render every page, diagram and export.

    Raises one DataError with every problem, Graphviz's included.
    """
    cache = renderer.cache_dir.parent if renderer.cache_dir else None
    checked = _check(root, to_html, settings, previous, cache)
    same_data = previous is not None and previous.inputs.data == checked.inputs.data
    if same_data:
        assert previous is not None
        rendered, exported = previous.pages, previous.exports
    else:
        dataset, status = checked.dataset, checked.status
        traces = caps.compute_traces(dataset, status)
        claims = claim_list.collect(dataset)
        rendered = _render_pages(dataset, status, traces, claims)
        exported = MappingProxyType(exports.render_all(dataset, status, traces, claims))
    snap = Snapshot(checked.inputs, checked.dataset, checked.status, rendered, checked.articles)
    wanted = {d.key: d for d in snap.diagrams()}
    svgs = {key: previous.svgs[key] for key in wanted if previous and key in previous.svgs}
    missing = [d for key, d in wanted.items() if key not in svgs]
    warned = len(renderer.stats.warnings)
    try:
        svgs.update(renderer.render_all(missing))
    except diagrams.RenderError as error:
        raise DataError([Problem("graphviz", 0, "", error.message, error.hint)]) from None
    for warning in renderer.stats.warnings[warned:]:
        log.warning(f"Graphviz: {warning}")  # a diagram the code drew wrong; --strict fails
    head = checked.inputs.head
    same_head = previous is not None and previous.inputs.head == head
    git_log = previous.history if same_head and previous is not None else history.read(root, head)
    # The generated pages' dates follow from their Markdown and the log: both unchanged?
    reuse = previous.dates if same_head and same_data and previous is not None else None
    with_log = dict(snap.pages)
    for lang in LANGS:
        with_log[localized(changelog.SRC_URI, lang)] = changelog.changelog_page(
            snap.dataset, git_log, lang
        )
    return Snapshot(
        snap.inputs,
        snap.dataset,
        snap.status,
        MappingProxyType(with_log),
        snap.articles,
        MappingProxyType(svgs),
        exported,
        git_log,
        _page_dates(with_log, snap.articles, snap.dataset, git_log, reuse),
    )


# ---------------------------------------------------------------------------
# Checking
# ---------------------------------------------------------------------------


def _check(
    root: Path, to_html: ToHtml, settings: str, previous: Snapshot | None, cache: Path | None
) -> _Checked:
    """Every check; `cache` (a folder, or None) remembers which articles' HTML passed."""
    inputs = read_inputs(root, settings)
    problems: list[Problem] = []
    dataset: Dataset | None = None
    status: Mapping = {}
    if previous is not None and previous.inputs.data == inputs.data:
        dataset, status = previous.dataset, previous.status
    else:
        dataset = _validated(root, inputs.data, cache / "datasets" if cache else None, problems)
        if dataset is not None:
            status = MappingProxyType(caps.compute_status(dataset))
    articles, others, found = read_docs(root)
    problems += found
    ids = _record_ids(dataset) if dataset else _record_files(root)
    problems += _collision_problems(ids, articles, others)
    checked: dict[str, CheckedArticle] = {}
    earlier = previous.articles if previous is not None else {}
    for article in articles:
        if dataset is None:  # what can be checked without the data
            problems += shortcodes.syntax_problems(article.body, article.path, article.first_line)
            problems += _html_problems(article, to_html(article.body))
            continue
        reused = earlier.get(article.src_uri)
        key = _article_key(dataset.digest, article)
        if reused is not None and reused.key == key:
            checked[article.src_uri] = reused
            continue
        try:
            checked[article.src_uri] = _check_article(
                article, dataset, status, to_html, inputs.settings, reused, cache
            )
        except DataError as error:
            problems += error.problems
    if problems:
        raise DataError(problems)
    assert dataset is not None
    return _Checked(inputs, dataset, status, MappingProxyType(checked))


def _validated(
    root: Path, data: str, cache: Path | None, problems: list[Problem]
) -> Dataset | None:
    """validate(), or the records a build already validated from exactly these files.

    The cache holds only data that passed, keyed by the digest of every file under
    data/ and of this package's code, and it lives outside the checkout (see
    site.cache_dir), where no pull request can plant an entry.
    """
    key = hashlib.sha256((data + code_digest()).encode()).hexdigest()
    stored = cache / f"{key}.json" if cache is not None else None
    if stored is not None and stored.is_file():
        try:
            rows = json.loads(stored.read_text(encoding="utf-8"))
            return Dataset.from_records(
                [Record(r["kind"], r["id"], r["path"], r["data"]) for r in rows]
            )
        except (OSError, ValueError, KeyError, TypeError):
            pass  # an unreadable entry is validated again, and rewritten
    dataset, found = validate(root)
    problems += found
    if dataset is not None and stored is not None:
        rows = [
            {"kind": kind, "id": rid, "path": dataset.paths[(kind, rid)], "data": record}
            for kind in KINDS
            for rid, record in dataset.kind(kind).items()
        ]
        _write_quietly(stored, json.dumps(rows, ensure_ascii=False))
    return dataset


def _article_key(context: str, article: Article) -> str:
    text = f"{context}\n{article.src_uri}\n{article.first_line}\n{article.meta!r}\n"
    return hashlib.sha256((text + article.body).encode("utf-8")).hexdigest()


def _check_article(
    article: Article,
    dataset: Dataset,
    status: Mapping,
    to_html: ToHtml,
    settings: str,
    earlier: CheckedArticle | None,
    cache: Path | None,
) -> CheckedArticle:
    """Expand the article's shortcodes and citations, and check its own HTML.

    The HTML check reads the article as its author wrote it: what the shortcodes
    and citations add is ours, and the output is sanitised in any case. So it only
    runs again when the article or the Markdown settings change, not the data; an
    article that passed is remembered in `cache` by the digest of what was checked.
    """
    ctx = pages.Context(dataset, status, language_of(article.src_uri))
    expanded, slots = shortcodes.expand(
        article.body, ctx, article.src_uri, article.path, first_line=article.first_line
    )
    html_key = _article_key(settings, article)
    passed = cache / "articles" / f"{html_key}.title" if cache else None
    if earlier is not None and earlier.html_key == html_key:
        title = earlier.title
    elif passed is not None and passed.is_file():
        title = passed.read_text(encoding="utf-8")
    else:
        rendered = to_html(article.body)
        problems = _html_problems(article, rendered)
        if problems:
            raise DataError(problems)
        heading = _H1.search(rendered)
        title = heading.group(1) if heading else ""
        if passed is not None:
            _write_quietly(passed, title)
    return CheckedArticle(
        article,
        expanded,
        MappingProxyType(slots),
        title,
        _article_key(ctx.dataset.digest, article),
        html_key,
    )


def _html_problems(article: Article, rendered: str) -> list[Problem]:
    """Refuse HTML that is not on the list, at the first line of the article showing it."""
    problems = []
    lines = [html_module.unescape(text).lower() for text in article.body.split("\n")]
    for finding in htmlcheck.check(rendered):
        needle = finding.what.lower()
        line = next((article.first_line + i for i, text in enumerate(lines) if needle in text), 0)
        problems.append(
            Problem(
                article.path,
                line,
                "",
                finding.message,
                "articles are Markdown; raw HTML may only use what Markdown itself produces",
            )
        )
    return problems


def _record_ids(dataset: Dataset) -> dict[str, list[str]]:
    return {kind: list(dataset.kind(kind)) for kind in KINDS}


def _record_files(root: Path) -> dict[str, list[str]]:
    """Record ids from file names alone, for when the records themselves are broken."""
    return {kind: sorted(p.stem for p in (root / "data" / kind).glob("*.yaml")) for kind in KINDS}


def _collision_problems(
    ids: Mapping[str, list[str]], articles: list[Article], others: list[str]
) -> list[Problem]:
    """A file in docs/ may not take the place of a generated page or output folder."""
    generated = {localized(uri, lang) for lang in LANGS for uri in pages.page_uris(ids)}
    problems = []
    for src_uri in [a.src_uri for a in articles] + others:
        folder = src_uri.split("/")[0]
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
        elif folder in OUTPUT_FOLDERS:
            problems.append(
                Problem(
                    f"docs/{src_uri}",
                    0,
                    "",
                    f"is in docs/{folder}/, which the build writes itself",
                    "move it to another folder",
                )
            )
    return problems


# ---------------------------------------------------------------------------
# Rendering
# ---------------------------------------------------------------------------


def _render_pages(
    dataset: Dataset, status: Mapping, traces: Mapping, claims: Mapping
) -> Mapping[str, pages.Page]:
    rendered: dict[str, pages.Page] = {}
    for lang in LANGS:
        ctx = pages.Context(dataset, status, lang, traces, claims)
        for page in pages.all_pages(ctx):
            rendered[localized(page.src_uri, lang)] = page
    return MappingProxyType(rendered)


def _page_dates(
    rendered: Mapping[str, pages.Page],
    articles: Mapping[str, CheckedArticle],
    dataset: Dataset,
    git_log: history.History | None,
    previous: Mapping[str, int] | None = None,
) -> Mapping[str, int]:
    """Each page's last commit: an article's own file's; a generated page's, the newest
    of the records it is made from (history.record_paths). None without history.

    `previous` holds the dates of the same pages at the same HEAD, to take over
    (reading every page's links takes about a second at 5,000 records).
    """
    if git_log is None:
        return MappingProxyType({})
    dates: dict[str, int] = {}
    for src_uri, page in rendered.items():
        if previous is not None:
            time = previous.get(src_uri)
        elif base_uri(src_uri) == changelog.SRC_URI:
            shown = history.days(git_log, 1)
            time = shown[0].time if shown else None
        else:
            made_from = history.record_paths(base_uri(src_uri), page.markdown, dataset.paths)
            time = git_log.last_updated(made_from)
        if time is not None:
            dates[src_uri] = time
    for src_uri in articles:
        time = git_log.last_updated([history.article_path(src_uri)])
        if time is not None:
            dates[src_uri] = time
    return MappingProxyType(dates)


def _write_quietly(path: Path, text: str) -> None:
    """Remember something for the next build; a cache that cannot be written is only slower."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
    except OSError:
        pass


def _digest_tree(folder: Path) -> str:
    """Digest of every file's path and bytes under a folder (links are not followed).

    Whatever the walk refuses (a link, a FIFO) is named in the digest but never
    opened; the checks report it.
    """
    digest = hashlib.sha256()
    if not folder.is_dir():
        return digest.hexdigest()
    for path in sorted(folder.rglob("*")):
        if path.is_symlink() or not path.is_file():
            digest.update(f"{path}\0other\0".encode())
            continue
        digest.update(f"{path.relative_to(folder).as_posix()}\0".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()
