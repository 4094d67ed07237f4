"""The change log (changelog/index.md) and its Atom feed, from the git history of data/.

Both show the same thing: for each of the latest days with changes, the records
added, changed and removed, each named as its record names it now and linked to its
page or entry; a record that no longer exists is shown by its id, as plain text.
Commit messages are never published (they are free text nobody reviews as data).
There is one feed per language, beside its page (/changelog/feed.xml and
/en/changelog/feed.xml): names and links are in that language, and a reader
follows the language they read.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..dataset import Dataset
from ..escape import html, md
from ..history import ADDED, CHANGED, REMOVED, Day, History, days, iso
from ..i18n import DEFAULT_LANG, LANGS, format_date, format_int, join, t
from ..kinds import KINDS
from .writer import Page

SRC_URI = "changelog/index.md"
FEED = "feed.xml"  # beside the page, in each language's folder
PAGE_DAYS = 30  # the latest days with changes on the page and in the feed
PER_LINE = 40  # names listed per day, action and kind before "and N more"
ACTIONS = (ADDED, CHANGED, REMOVED)
# Kinds without pages of their own: their records are entries of one page.
ENTRY_PAGES = {
    "glossary": "glossary/index.md",
    "limitations": "limitations/index.md",
    "sources": "sources/index.md",
}


def name_of(dataset: Dataset, kind: str, rid: str, lang: str) -> str | None:
    """A record's name as its pages show it, or None when the record is gone."""
    record = dataset.kind(kind).get(rid)
    if record is None:
        return None
    value = {
        "models": "name",
        "methods": "name",
        "capabilities": "name",
        "limitations": "name",
        "papers": "title",
        "glossary": "term",
        "sources": "title",
    }[kind]
    text = record[value]
    return text[lang] if isinstance(text, Mapping) else text


def target_of(kind: str, rid: str) -> str:
    """The page (and anchor) that shows a record, as a source path."""
    if kind in ENTRY_PAGES:
        return f"{ENTRY_PAGES[kind]}#{rid}"
    return f"{kind}/{rid}.md"


def anchor(day: Day) -> str:
    return f"d-{day.date}"


def _grouped(day: Day, action: str) -> dict[str, list[str]]:
    """The ids of one action on one day, by kind, in the order of KINDS."""
    by_kind: dict[str, list[str]] = {}
    for (kind, rid), done in day.changes.items():
        if done == action:
            by_kind.setdefault(kind, []).append(rid)
    return {kind: sorted(by_kind[kind]) for kind in KINDS if kind in by_kind}


def _counts(day: Day, lang: str) -> str:
    counts = {a: sum(v == a for v in day.changes.values()) for a in ACTIONS}
    parts = [t(f"changelog.count.{a}", lang, n=format_int(n, lang)) for a, n in counts.items() if n]
    return join(parts, lang)


def changelog_page(dataset: Dataset, history: History | None, lang: str) -> Page:
    """The page in one language: the latest days, newest first; or why there are none."""
    lines = [f"# {t('changelog', lang)}", ""]
    meta: dict[str, object] = {"title": html(t("changelog", lang))}
    if history is None:
        lines += [t("changelog.none", lang), ""]
        return Page(SRC_URI, "\n".join(lines), {}, meta)
    shown = days(history, PAGE_DAYS)
    feed = html(t("changelog.feed", lang))
    lines += [
        t("changelog.intro", lang) + f' <a href="{FEED}" type="application/atom+xml">{feed}</a>',
        "",
    ]
    if not shown:
        lines += [t("changelog.empty", lang), ""]
    elif len(shown) == PAGE_DAYS:
        lines += [t("changelog.limit", lang, n=PAGE_DAYS), ""]
    for day in shown:
        lines += [f"## {format_date(day.date, lang)} {{ #{anchor(day)} }}", ""]
        for action in ACTIONS:
            groups = _grouped(day, action)
            if not groups:
                continue
            lines.append(f"- **{t(f'changelog.{action}', lang)}**")
            for kind, ids in groups.items():
                names = [_md_name(dataset, kind, rid, lang) for rid in ids[:PER_LINE]]
                if len(ids) > PER_LINE:
                    more = format_int(len(ids) - PER_LINE, lang)
                    names.append(t("changelog.more", lang, n=more))
                lines.append(
                    f"    - {t(kind, lang)}{t('changelog.colon', lang)}{join(names, lang)}"
                )
        lines.append("")
    return Page(SRC_URI, "\n".join(lines), {}, meta)


def _md_name(dataset: Dataset, kind: str, rid: str, lang: str) -> str:
    name = name_of(dataset, kind, rid, lang)
    if name is None:
        return f"<code>{html(rid)}</code>"
    target = posixpath.relpath(target_of(kind, rid), "changelog")
    return f"[{md(name)}]({target})"


# ---------------------------------------------------------------------------
# The Atom feed
# ---------------------------------------------------------------------------


def page_url(src_uri: str, lang: str) -> str:
    """The URL path MkDocs gives a page with directory URLs, in a language's folder."""
    path, _, fragment = src_uri.partition("#")
    path = path[:-3]
    path = path[: -len("index")] if path.endswith("index") else path + "/"
    prefix = "" if lang == DEFAULT_LANG else f"{lang}/"
    return prefix + path + (f"#{fragment}" if fragment else "")


def feed(dataset: Dataset, history: History | None, lang: str, site_url: str) -> str | None:
    """The Atom feed of the same days as the page; None without history."""
    if history is None:
        return None
    base = site_url if site_url.endswith("/") else site_url + "/"
    page = base + page_url(SRC_URI, lang)
    shown = days(history, PAGE_DAYS)
    updated = (
        iso(shown[0].time) if shown else iso(history.commits[0].time) if history.commits else None
    )
    if updated is None:
        return None
    title = f"{t('site.name', lang)} · {t('changelog', lang)}"
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{html(lang)}">',
        f"  <title>{html(title)}</title>",
        f"  <id>{html(page)}</id>",
        f'  <link rel="self" type="application/atom+xml" href="{html(page + FEED)}"/>',
        f'  <link rel="alternate" type="text/html" href="{html(page)}"/>',
        f"  <updated>{updated}</updated>",
        f"  <author><name>{html(t('site.name', lang))}</name></author>",
    ]
    for day in shown:
        link = f"{page}#{anchor(day)}"
        heading = f"{format_date(day.date, lang)}{t('changelog.colon', lang)}{_counts(day, lang)}"
        out += [
            "  <entry>",
            f"    <title>{html(heading)}</title>",
            f"    <id>{html(link)}</id>",
            f'    <link rel="alternate" type="text/html" href="{html(link)}"/>',
            f"    <updated>{iso(day.time)}</updated>",
            f'    <content type="html">{html(_entry_html(dataset, day, lang, base))}</content>',
            "  </entry>",
        ]
    out.append("</feed>")
    return "\n".join(out) + "\n"


def _entry_html(dataset: Dataset, day: Day, lang: str, base: str) -> str:
    """One day as an HTML list (escaped again as the entry's text by the caller)."""
    items = []
    for action in ACTIONS:
        groups = _grouped(day, action)
        if not groups:
            continue
        parts = []
        for kind, ids in groups.items():
            names = []
            for rid in ids[:PER_LINE]:
                name = name_of(dataset, kind, rid, lang)
                if name is None:
                    names.append(f"<code>{html(rid)}</code>")
                else:
                    href = base + page_url(target_of(kind, rid), lang)
                    names.append(f'<a href="{html(href)}">{html(" ".join(name.split()))}</a>')
            if len(ids) > PER_LINE:
                names.append(
                    html(t("changelog.more", lang, n=format_int(len(ids) - PER_LINE, lang)))
                )
            parts.append(
                f"{html(t(kind, lang))}{html(t('changelog.colon', lang))}{join(names, lang)}"
            )
        label = html(t(f"changelog.{action}", lang))
        items.append(
            f"<li><strong>{label}</strong> · {html(t('changelog.between', lang)).join(parts)}</li>"
        )
    return "<ul>" + "".join(items) + "</ul>"


def feed_files(
    dataset: Dataset, history: History | None, langs: tuple[str, ...], site_url: str
) -> dict[str, str]:
    """Each language's feed, by its path under the built site."""
    out = {}
    for lang in langs:
        text = feed(dataset, history, lang, site_url)
        if text is not None:
            out[page_url(SRC_URI, lang) + FEED] = text
    return out


def write_feeds(site_dir: Path, snapshot: Any, site_url: str) -> None:
    """Each language's feed beside its page, written only when its text changed."""
    for name, text in feed_files(snapshot.dataset, snapshot.history, LANGS, site_url).items():
        path = site_dir / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")


_HEAD_END = "</head>"


def with_feed_link(output: str, src_uri: str, history: History | None) -> str:
    """The change log page announces its language's feed in <head> (autodiscovery);
    no template needed. Other pages, and builds without history, are left alone."""
    if history is None or not src_uri.startswith("changelog/index."):
        return output
    lang = next((code for code in LANGS if src_uri == f"changelog/index.{code}.md"), DEFAULT_LANG)
    title = html(f"{t('site.name', lang)} · {t('changelog', lang)}")
    link = f'<link rel="alternate" type="application/atom+xml" title="{title}" href="{FEED}">'
    at = output.find(_HEAD_END)
    return output if at < 0 else output[:at] + link + output[at:]
