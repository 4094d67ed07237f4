"""What a dirty rebuild (`mkdocs serve --dirty`) must write again, and nothing more.

MkDocs' dirty builds skip a page when its source file is older than its output.
That is wrong here twice over: generated pages have no source file, and an article
changes when the data it cites does. So each page gets a digest of everything its
HTML is made from (its Markdown and metadata from the snapshot, plus a site-wide
part: the package code, mkdocs.yml, overrides/, the set of pages and the titles
the navigation shows), and a page is rebuilt exactly when its digest differs from
the one written last time.

Three things a dirty build would otherwise get wrong are put right here:

- a skipped page that appears in the navigation keeps its title and metadata, so
  the pages that are rebuilt show the same navigation as a clean build;
- the search index gets the stored entries of every skipped page (Material's
  search plugin only sees the pages that were rebuilt);
- outputs of pages that no longer exist are removed.

A test compares a dirty rebuild with a clean build of the same tree, byte for byte.
"""

from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .i18n import DEFAULT_LANG
from .snapshot import Snapshot, code_digest, language_of


def dirty_build() -> bool:
    """Whether this is a dirty build: read from the command line, as
    mkdocs-static-i18n reads it for its own per-language builds."""
    return "--dirty" in sys.argv or "--dirtyreload" in sys.argv


def _tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    if folder.is_dir():
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(path.relative_to(folder).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


@dataclass
class _Pass:
    """One language pass of one build (mkdocs-static-i18n nests the others in the first)."""

    lang: str
    pages: list[Any]  # MkDocs Page objects in build order
    digests: dict[str, str]  # abs dest path → digest of what this pass writes there
    outputs: set[str]  # every file this pass may write


@dataclass
class Rebuild:
    """What the last build wrote, and the state of the build under way."""

    written: dict[str, str] = field(default_factory=dict)  # abs dest path → digest
    titles: dict[str, str | None] = field(default_factory=dict)  # abs dest path → title
    entries: dict[str, list[dict]] = field(default_factory=dict)  # page url → search entries
    outputs: dict[str, set[str]] = field(default_factory=dict)  # language → files written
    passes: list[_Pass] = field(default_factory=list)  # under way, innermost last
    done: list[_Pass] = field(default_factory=list)  # finished in this build
    rebuilt: set[str] = field(default_factory=set)  # page urls written in this build

    def prepare(self, files: Any, nav: Any, config: Any, snapshot: Snapshot) -> None:
        """Before pages are read: give every page its digest, and in a dirty build
        tell MkDocs which ones are unchanged (file.is_modified)."""
        documents = files.documentation_pages()
        if not self.passes:
            self.done, self.rebuilt = [], set()
        shared = _shared_digest(files, nav, config, snapshot)
        glossary = _glossary_digest(snapshot)
        digests = {
            f.abs_dest_path: _page_digest(shared, glossary, f.src_uri, snapshot) for f in documents
        }
        langs = {language_of(f.src_uri) for f in documents}
        lang = next(iter(langs)) if len(langs) == 1 else DEFAULT_LANG
        pages = [f.page for f in documents if f.page is not None]
        self.passes.append(_Pass(lang, pages, digests, {f.abs_dest_path for f in files}))
        if not dirty_build():
            return
        for file in documents:
            unchanged = (
                self.written.get(file.abs_dest_path) == digests[file.abs_dest_path]
                and Path(file.abs_dest_path).is_file()
            )
            # An instance attribute, read by MkDocs' dirty build in place of
            # File.is_modified, which compares modification times (and fails on a
            # generated page, whose source file does not exist).
            file.is_modified = _unmodified if unchanged else _modified
            if unchanged and file.page is not None:
                _restore(file.page, file.src_uri, snapshot, self.titles[file.abs_dest_path])

    def page_written(self, page: Any) -> None:
        state = self.passes[-1]
        dest = page.file.abs_dest_path
        self.written[dest] = state.digests[dest]
        self.titles[dest] = page._title_from_render
        self.rebuilt.add(page.url)

    def finish(self, search_entries: list[dict]) -> dict[str, list[dict]] | None:
        """At the end of a language pass: remove what pages that are gone left behind.

        `search_entries` are the entries the search plugin holds now: those of the
        pages rebuilt so far. At the end of the outermost pass, returns every
        language's complete entries, in page order, for the search indexes.
        """
        state = self.passes.pop()
        for stale in sorted(self.outputs.get(state.lang, set()) - state.outputs):
            _remove(Path(stale))
        self.outputs[state.lang] = state.outputs
        fresh: dict[str, list[dict]] = {}
        for entry in search_entries:
            fresh.setdefault(entry["location"].split("#")[0], []).append(entry)
        for url in self.rebuilt:
            self.entries[url] = fresh.get(url, [])
        self.done.append(state)
        if self.passes:
            return None
        # The build is over: forget pages that no longer exist, so memory follows the site.
        urls = {page.url for done in self.done for page in done.pages}
        dests = {dest for done in self.done for dest in done.digests}
        self.entries = {url: e for url, e in self.entries.items() if url in urls}
        self.written = {dest: d for dest, d in self.written.items() if dest in dests}
        self.titles = {dest: t for dest, t in self.titles.items() if dest in dests}
        return {
            done.lang: [e for page in done.pages for e in self.entries.get(page.url, [])]
            for done in self.done
        }


def _remove(path: Path) -> None:
    """Delete a page's old output, and the folders it leaves empty."""
    path.unlink(missing_ok=True)
    folder = path.parent
    while folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def _unmodified() -> bool:
    return False


def _modified() -> bool:
    return True


def _restore(page: Any, src_uri: str, snapshot: Snapshot, title: str | None) -> None:
    """What other pages read of a page MkDocs skips: its title and metadata."""
    generated = snapshot.generated(src_uri)
    if generated is not None:
        page.markdown = generated.markdown
    else:
        page.markdown = snapshot.articles[src_uri].markdown
    page.meta = snapshot.meta(src_uri)
    page._title_from_render = title


def _shared_digest(files: Any, nav: Any, config: Any, snapshot: Snapshot) -> str:
    """What every page's HTML depends on: code, configuration, theme, the navigation."""
    digest = hashlib.sha256()
    root = Path(config.config_file_path).parent
    digest.update(code_digest().encode())
    digest.update(Path(config.config_file_path).read_bytes())
    digest.update(_tree_digest(root / "overrides").encode())
    digest.update(snapshot.inputs.settings.encode())
    digest.update(f"{config.site_url}\0{config.site_name}\0".encode())  # citations, alternates
    # The navigation shows each of its pages' titles: a title is a function of the
    # page's metadata and first heading, so those stand in for it. Pages outside the
    # navigation appear in other pages only through their links, which are part of
    # those pages' own Markdown.
    for page in nav.pages:
        src_uri = page.file.src_uri
        digest.update(f"{src_uri}\0{page.file.dest_uri}\0".encode())
        generated = snapshot.generated(src_uri)
        if generated is not None:
            heading = generated.markdown.split("\n", 1)[0]
            digest.update(f"{src_uri}\0{heading}\0{generated.meta!r}\0".encode())
        elif src_uri in snapshot.articles:
            article = snapshot.articles[src_uri]
            digest.update(f"{src_uri}\0{article.title}\0{article.article.meta!r}\0".encode())
    return digest.hexdigest()


def _glossary_digest(snapshot: Snapshot) -> str:
    blob = repr(sorted(snapshot.dataset.glossary.items()))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def _page_digest(shared: str, glossary: str, src_uri: str, snapshot: Snapshot) -> str:
    """A page's own part: its Markdown, metadata and diagrams. An article's hover
    definitions come from the glossary, so an article also depends on that."""
    generated = snapshot.generated(src_uri)
    if generated is not None:
        parts = [generated.markdown, repr(snapshot.meta(src_uri))]  # meta: with the date
        parts += [d.key for d in generated.diagrams.values()]
    elif src_uri in snapshot.articles:
        article = snapshot.articles[src_uri]
        parts = [article.markdown, repr(snapshot.meta(src_uri)), glossary]
        parts += [d.key for d in article.slots.values()]
    else:
        parts = []
    return hashlib.sha256("\0".join([shared, src_uri, *parts]).encode()).hexdigest()
