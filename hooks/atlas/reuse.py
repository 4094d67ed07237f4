"""What lets others cite and reuse the site: /llms.txt and the dataset's citation.

`CITATION.cff` at the project root is the one description of the dataset; the build
publishes it at /api/CITATION.cff and derives /api/citation.bib (BibTeX `@misc`)
from it, so the two cannot disagree. /llms.txt is the llms.txt convention's plain
index (https://llmstxt.org): a title, a `>` summary, then `## sections` of
`- [name](url): note` lines, listing every article and record page in both
languages with absolute addresses. mkdocs-llmstxt is not used: it is in maintenance
mode, selects pages by globs of source files and converts their HTML back to
Markdown in on_page_content, then writes llms.txt in on_post_build; with
mkdocs-static-i18n's one build per language, each pass would write its own file,
whereas the snapshot already holds every page of both languages as plain data.

Every function here is data in, text out; `outputs` gathers them for the build.
Record names and summaries are untrusted: they reach /llms.txt through
escape.text_line and the BibTeX through escape.bibtex.
"""

from __future__ import annotations

import html
import re
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import DataError, Problem
from .escape import bibtex, href, text_line
from .i18n import DEFAULT_LANG, LANGS, t
from .kinds import KINDS
from .snapshot import Snapshot, base_uri, language_of

CITATION = "CITATION.cff"
# Generated pages per record, in the order /llms.txt lists them.
RECORD_FOLDERS = ("models", "papers", "methods", "capabilities")
_TAG = re.compile(r"<[^>]+>")
_PERMALINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
_H1_LINE = re.compile(r"^# (.+?)(?:\s*\{[^}]*\})?\s*$", re.M)


@dataclass(frozen=True)
class Entry:
    """One line of /llms.txt: plain text, escaped only when written."""

    name: str
    url: str  # absolute
    note: str = ""


# ---------------------------------------------------------------------------
# The dataset's citation
# ---------------------------------------------------------------------------


def read_citation(root: Path) -> tuple[str, dict] | None:
    """CITATION.cff's text and its data, or None if the project has none."""
    path = root / CITATION
    if not path.is_file():
        return None
    text = path.read_text(encoding="utf-8")
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0
        raise DataError([Problem(CITATION, line, "", "is not valid YAML", str(error))]) from None
    if not isinstance(data, dict) or not data.get("title") or not data.get("authors"):
        raise DataError([Problem(CITATION, 1, "", "needs a title and authors", "see cff 1.2.0")])
    return text, data


def citation_bib(cff: Mapping, year: str | None = None) -> str:
    """The dataset as one BibTeX @misc entry, made from CITATION.cff's fields.

    Authors that are entities (a `name`, no `family-names`) are double-braced so
    BibTeX does not split them into first and last names. `year` is that of the
    last commit to data/ (history.py), never the clock's; without git history there
    is none.
    """
    authors = " and ".join(_bib_author(a) for a in cff["authors"])
    fields = [("author", authors), ("title", "{" + bibtex(cff["title"]) + "}")]
    if year:
        fields.append(("year", bibtex(year)))
    if cff.get("version"):
        fields.append(("version", bibtex(cff["version"])))
    if cff.get("url"):
        fields.append(("url", href(cff["url"])))
    if cff.get("doi"):
        fields.append(("doi", bibtex(cff["doi"])))
    kind = "Dataset" if cff.get("type") == "dataset" else "Software"
    licence = cff.get("license")
    note = f"{kind}; licence {licence}" if isinstance(licence, str) else kind
    fields.append(("note", bibtex(note)))
    if cff.get("keywords"):
        fields.append(("keywords", bibtex(", ".join(str(k) for k in cff["keywords"]))))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{gpt-lineage-atlas,\n{body}\n}}\n"


def _bib_author(author: Mapping) -> str:
    if author.get("family-names"):
        given = author.get("given-names")
        family = bibtex(author["family-names"])
        return f"{family}, {bibtex(given)}" if given else family
    return "{" + bibtex(author.get("name", "")) + "}"


def data_year(snapshot: Snapshot) -> str | None:
    """The year of the last commit that touched data/, or None without git history."""
    log = snapshot.history
    when = log.last_updated(f"data/{kind}/" for kind in KINDS) if log is not None else None
    return time.strftime("%Y", time.gmtime(when)) if when is not None else None


# ---------------------------------------------------------------------------
# /llms.txt
# ---------------------------------------------------------------------------


def page_url(site_url: str, src_uri: str) -> str:
    """The absolute address MkDocs (directory URLs) and mkdocs-static-i18n give a page.

    models/davinci.en.md → {site}/en/models/davinci/; index.md → {site}.
    """
    lang = language_of(src_uri)
    path = base_uri(src_uri)[: -len(".md")]
    if path == "index" or path.endswith("/index"):
        path = path[: -len("index")]
    else:
        path += "/"
    prefix = "" if lang == DEFAULT_LANG else f"{lang}/"
    return site_url.rstrip("/") + "/" + prefix + path


def llms_txt(title: str, summary: str, sections: Iterable[tuple[str, list[Entry]]]) -> str:
    """The llms.txt format: every name and note escaped to one literal line."""
    lines = [f"# {text_line(title)}", "", f"> {text_line(summary)}", ""]
    for heading, entries in sections:
        if not entries:
            continue
        lines += [f"## {text_line(heading)}", ""]
        for entry in entries:
            note = f": {text_line(entry.note)}" if entry.note.strip() else ""
            lines.append(f"- [{text_line(entry.name)}](<{href(entry.url)}>){note}")
        lines.append("")
    return "\n".join(lines)


def sections(snapshot: Snapshot, site_url: str) -> list[tuple[str, list[Entry]]]:
    """Articles, overview pages and record pages, language by language."""
    out = []
    for lang in LANGS:
        language = t("language.name", lang)
        articles, about, overview = [], [], []
        by_folder: dict[str, list[Entry]] = {folder: [] for folder in RECORD_FOLDERS}
        for src_uri, checked in sorted(snapshot.articles.items(), key=_index_first):
            if language_of(src_uri) != lang:
                continue
            name = _plain(checked.article.meta.get("title") or checked.title)
            note = _plain(checked.article.meta.get("description", "")) or lead(checked.article.body)
            entry = Entry(name, page_url(site_url, src_uri), note)
            if src_uri.startswith("articles/"):
                articles.append(entry)
            else:  # the home page opens the overview; the rest is about the site
                (overview if base_uri(src_uri) == "index.md" else about).append(entry)
        for src_uri, page in sorted(snapshot.pages.items(), key=_index_first):
            if language_of(src_uri) != lang:
                continue
            entry = Entry(
                _plain(str(page.meta.get("title") or _first_heading(page.markdown))),
                page_url(site_url, src_uri),
                _record_note(snapshot, src_uri, lang),
            )
            folder, _, name = base_uri(src_uri).partition("/")
            if folder in by_folder and name not in ("index.md", "matrix.md"):
                by_folder[folder].append(entry)
            else:
                overview.append(entry)
        out.append((f"{t('llms.articles', lang)} · {language}", articles))
        out.append((f"{t('llms.overview', lang)} · {language}", overview))
        out += [(f"{t(f, lang)} · {language}", by_folder[f]) for f in RECORD_FOLDERS]
        out.append((f"{t('llms.about', lang)} · {language}", about))
    return out


def _index_first(item: tuple[str, object]) -> tuple[str, bool, str]:
    """Index pages first within their folder, then by name (babbage before babbage-002)."""
    folder, _, name = base_uri(item[0]).rpartition("/")
    return (folder, name != "index.md", name[: -len(".md")])


def _first_heading(markdown: str) -> str:
    """A generated page's H1 (written by us, its data text already escaped by escape.md)."""
    found = _H1_LINE.search(markdown)
    return found.group(1) if found else ""


def _record_note(snapshot: Snapshot, src_uri: str, lang: str) -> str:
    folder, _, name = base_uri(src_uri).partition("/")
    records = snapshot.dataset.kind(folder) if folder in RECORD_FOLDERS else {}
    record = records.get(name[: -len(".md")])
    if record is None:
        return ""
    text = record.get("summary") or record.get("description") or {}
    return str(text.get(lang, "")) if isinstance(text, dict) else ""


def _plain(markup: str) -> str:
    """Escaped HTML (a page title, a front matter value) back to plain text."""
    return " ".join(html.unescape(_TAG.sub("", _PERMALINK.sub("", markup))).split())


_FOOTNOTE = re.compile(r"\[\^[^\]]+\]")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKS = re.compile(r"[*`]")


def lead(body: str, limit: int = 200) -> str:
    """An article's first paragraph as plain text, shortened to about `limit` characters."""
    for block in re.split(r"\n\s*\n", body):
        block = block.strip()
        if not block or block.startswith(("#", "<!--", "!!!", "???", "|", ">", "-", "```")):
            continue
        text = _MARKS.sub("", _LINK.sub(r"\1", _FOOTNOTE.sub("", block)))
        text = " ".join(text.split())
        return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
    return ""


# ---------------------------------------------------------------------------
# For the build
# ---------------------------------------------------------------------------


def outputs(root: Path, snapshot: Snapshot, site_url: str) -> dict[str, str]:
    """Path under the built site → text: /llms.txt (it needs absolute addresses, so
    only with a site_url) and, if the project has a CITATION.cff, its copy and
    BibTeX under /api/."""
    files = {}
    if site_url:
        files["llms.txt"] = llms_txt(
            f"{t('site.name', 'en')} · {t('site.name', 'zh')}",
            f"{t('site.summary', 'en')} {t('site.summary', 'zh')}",
            sections(snapshot, site_url),
        )
    citation = read_citation(root)
    if citation is not None:
        text, data = citation
        files["api/CITATION.cff"] = text
        files["api/citation.bib"] = citation_bib(data, data_year(snapshot))
    return files


def write(site_dir: Path, files: Mapping[str, str]) -> None:
    """Write what changed (a dirty rebuild leaves the rest untouched)."""
    for name, text in files.items():
        path = site_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
