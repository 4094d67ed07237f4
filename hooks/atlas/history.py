"""The git history of data/ and docs/, read in one `git log` pass per HEAD.

Dates on pages and the change log come from commits (the committer date), never
from the clock, so two builds of the same commit are the same bytes. Without git,
outside a repository, or in a shallow clone (whose oldest commit would claim every
file), there is no history: pages show no date and the change log says so.

The log is read once for a HEAD and kept in the snapshot; `mkdocs serve` reads
it again only when HEAD moves (`head` is one cheap `git rev-parse`).
"""

from __future__ import annotations

import os
import posixpath
import re
import subprocess
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import MappingProxyType

from .kinds import ID_PATTERN, KINDS

TIMEOUT = 60  # seconds; a repository that slow gives no dates rather than no site
_RECORD = re.compile(r"^data/([a-z]+)/([^/]+)\.yaml$")
ADDED, CHANGED, REMOVED = "added", "changed", "removed"


@dataclass(frozen=True)
class Commit:
    sha: str
    time: int  # committer date, seconds since the epoch
    changes: tuple[tuple[str, str], ...]  # (status A/M/D, path relative to the root)


@dataclass(frozen=True)
class History:
    head: str
    commits: tuple[Commit, ...]  # newest first
    # path → committer date of the last commit touching it; a folder ("data/models/")
    # → that of the last commit touching anything in it, a removal included
    updated: Mapping[str, int]

    def last_updated(self, paths: Iterable[str]) -> int | None:
        """The newest last-commit date of these files; None when git knows none."""
        times = [self.updated[p] for p in paths if p in self.updated]
        return max(times) if times else None


def _git(root: Path, *args: str) -> str | None:
    """A git command's output in `root`; None if git is missing or the command fails."""
    env = dict(os.environ, GIT_OPTIONAL_LOCKS="0", LC_ALL="C")
    try:
        result = subprocess.run(
            ["git", "-C", str(root), *args],
            capture_output=True,
            timeout=TIMEOUT,
            check=False,
            env=env,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if result.returncode != 0:
        return None
    return result.stdout.decode("utf-8", errors="replace")


def head(root: Path) -> str:
    """The commit checked out, or "" when there is no usable history (no git, not a
    repository, no commit yet, or a shallow clone)."""
    out = _git(root, "rev-parse", "--is-shallow-repository", "HEAD")
    if out is None:
        return ""
    lines = out.split()
    if len(lines) != 2 or lines[0] != "false":
        return ""
    return lines[1]


def read(root: Path, at: str) -> History | None:
    """Every commit that touched data/ or docs/, in one pass; None without history."""
    if not at:
        return None
    out = _git(
        root,
        "log",
        "--no-renames",  # a rename is a removal and an addition, as the change log shows it
        "--no-color",
        "--relative",  # paths relative to the project, even inside a larger repository
        "--format=%x1e%H %ct",
        "--name-status",
        "-z",
        at,
        "--",
        "data",
        "docs",
    )
    if out is None:
        return None
    return parse(at, out)


def parse(at: str, out: str) -> History:
    """`git log --format=%x1e%H %ct --name-status -z` output → History."""
    commits: list[Commit] = []
    updated: dict[str, int] = {}
    for chunk in out.split("\x1e")[1:]:
        header, _, rest = chunk.partition("\0")
        sha, _, stamp = header.partition(" ")
        fields = rest.lstrip("\n").split("\0")
        changes = []
        for status, path in zip(fields[0::2], fields[1::2], strict=False):
            if not status or not path:
                continue
            code = "M" if status[0] not in "AD" else status[0]  # T (type change) reads as M
            changes.append((code, path))
        time = int(stamp)
        commits.append(Commit(sha, time, tuple(changes)))
        for _, path in changes:
            updated.setdefault(path, time)
            updated.setdefault(posixpath.dirname(path) + "/", time)
    return History(at, tuple(commits), MappingProxyType(updated))


# ---------------------------------------------------------------------------
# What pages are made from
# ---------------------------------------------------------------------------

# Overview pages and the kinds of record they list.
SECTION_KINDS: dict[str, tuple[str, ...]] = {
    "models/index.md": ("models",),
    "papers/index.md": ("papers",),
    "methods/index.md": ("methods",),
    "capabilities/index.md": ("capabilities", "models"),
    "capabilities/matrix.md": ("capabilities", "models"),
    "claims/index.md": tuple(KINDS),
    "lineage/index.md": ("models", "methods"),
    "glossary/index.md": ("glossary",),
    "limitations/index.md": ("limitations",),
    "sources/index.md": ("sources",),
}
# A link in a generated page's Markdown to a record's page or entry.
_LINK = re.compile(r"\]\(<?([a-z0-9./_-]+\.md)(?:#([^)\s>]+))?>?\)")
_ANCHORED = {
    "glossary/index.md": "glossary",
    "limitations/index.md": "limitations",
    "sources/index.md": "sources",
}


def record_paths(
    src_uri: str, markdown: str, paths: Mapping[tuple[str, str], str]
) -> tuple[str, ...]:
    """The record files a generated page is made from: its own record (or, for an
    overview, the folders of the kinds it lists, so that a removal counts too) and
    every record it links to.

    `src_uri` is the page's path without a language suffix; `paths` maps (kind, id)
    to the record's file. Sources cited only in footnotes are not counted.
    """
    found: set[tuple[str, str]] = set()
    folders = [f"data/{k}/" for k in SECTION_KINDS.get(src_uri, ())]
    kind, _, name = src_uri.partition("/")
    if (kind, name[:-3]) in paths:
        found.add((kind, name[:-3]))
    folder = posixpath.dirname(src_uri)
    for target, anchor in _LINK.findall(markdown):
        linked = posixpath.normpath(posixpath.join(folder, target))
        if linked in _ANCHORED and anchor:
            found.add((_ANCHORED[linked], anchor))
        else:
            k, _, file = linked.partition("/")
            found.add((k, file[:-3]))
    return (*folders, *sorted(paths[key] for key in found if key in paths))


def article_path(src_uri: str) -> str:
    return f"docs/{src_uri}"


# ---------------------------------------------------------------------------
# The change log
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Day:
    date: str  # YYYY-MM-DD, in UTC
    time: int  # the day's newest commit
    changes: Mapping[tuple[str, str], str]  # (kind, id) → ADDED / CHANGED / REMOVED


def record_of(path: str) -> tuple[str, str] | None:
    match = _RECORD.match(path)
    if match is None or match.group(1) not in KINDS or not ID_PATTERN.match(match.group(2)):
        return None  # not a record, or a file the checks would refuse
    return match.group(1), match.group(2)


def day_of(time: int) -> str:
    return datetime.fromtimestamp(time, UTC).strftime("%Y-%m-%d")


def iso(time: int) -> str:
    """RFC 3339 in UTC, as Atom wants it."""
    return datetime.fromtimestamp(time, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def days(history: History, limit: int) -> list[Day]:
    """Records added, changed and removed, one entry per UTC day, newest day first.

    Within a day, a record added and then edited is "added", one edited and then
    removed is "removed", and one added and removed the same day is left out.
    """
    by_day: dict[str, list[Commit]] = {}
    for commit in history.commits:  # newest first
        if any(record_of(path) for _, path in commit.changes):
            by_day.setdefault(day_of(commit.time), []).append(commit)
    out = []
    for date in sorted(by_day, reverse=True)[:limit]:
        commits = by_day[date]
        ops: dict[tuple[str, str], list[str]] = {}
        for commit in reversed(commits):  # oldest first within the day
            for status, path in commit.changes:
                record = record_of(path)
                if record is not None:
                    ops.setdefault(record, []).append(status)
        changes: dict[tuple[str, str], str] = {}
        for record, seen in sorted(ops.items()):
            first, last = seen[0], seen[-1]
            if first == "A" and last == "D":
                continue
            changes[record] = ADDED if first == "A" else REMOVED if last == "D" else CHANGED
        if changes:
            out.append(Day(date, max(c.time for c in commits), MappingProxyType(changes)))
    return out
