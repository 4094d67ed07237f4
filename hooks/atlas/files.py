"""Walk data/ and docs/ as a pull request left them, trusting nothing.

A file in a pull request may be a symbolic link (to /proc/self/environ, to a YAML
file elsewhere on the build machine), a FIFO that blocks whoever opens it, or a
folder named like a page. MkDocs follows symbolic links and opens whatever it
finds; this walk looks at each entry with lstat and never opens anything, so only
regular files inside the folder reach the loaders, and everything else is reported.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from .errors import Problem

# Names a file or folder may have: nothing that a shell, a URL or an HTML attribute
# would read differently. The loaders add their own rules (a record's name is its id).
NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9._-]*$")
MAX_DEPTH = 8


@dataclass(frozen=True)
class Tree:
    files: tuple[Path, ...]  # regular files, sorted, absolute
    problems: tuple[Problem, ...]


def walk(root: Path, folder: str, skip: tuple[str, ...] = ()) -> Tree:
    """Every regular file under root/folder; everything else becomes a Problem.

    Names starting with '.' are skipped, as MkDocs skips them; `skip` lists
    top-level folders to leave alone (data/schema is checked by the validator).
    """
    base = root / folder
    files: list[Path] = []
    problems: list[Problem] = []
    try:
        info = base.lstat()
    except FileNotFoundError:
        return Tree((), (Problem(folder, 0, "", f"the {folder}/ folder is missing"),))
    if not stat.S_ISDIR(info.st_mode):
        what = "a symbolic link" if stat.S_ISLNK(info.st_mode) else "not a folder"
        problems.append(Problem(folder, 0, "", f"is {what}", f"{folder}/ must be a real folder"))
        return Tree((), tuple(problems))
    _walk(root, base, 0, skip, files, problems)
    return Tree(tuple(sorted(files)), tuple(problems))


def _walk(
    root: Path,
    folder: Path,
    depth: int,
    skip: tuple[str, ...],
    files: list[Path],
    problems: list[Problem],
) -> None:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as error:
        problems.append(_problem(root, folder, f"cannot be read ({error.strerror})"))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        if depth == 0 and entry.name in skip:
            continue
        mode = entry.stat(follow_symlinks=False).st_mode
        if stat.S_ISLNK(mode):
            target = "a missing file" if not path.exists() else "somewhere else"
            problems.append(
                _problem(
                    root,
                    path,
                    f"is a symbolic link (to {target})",
                    "commit the file itself; links may point outside the repository",
                )
            )
            continue
        if not NAME.match(entry.name):
            problems.append(
                _problem(
                    root,
                    path,
                    "has a name with characters that are not allowed",
                    "use letters, digits, '.', '_' and '-'",
                )
            )
            continue
        if stat.S_ISDIR(mode):
            if Path(entry.name).suffix in (".md", ".yaml", ".yml"):
                problems.append(
                    _problem(root, path, "is a folder named like a file", "rename or remove it")
                )
            elif depth + 1 >= MAX_DEPTH:
                problems.append(_problem(root, path, f"is nested more than {MAX_DEPTH} deep"))
            else:
                _walk(root, path, depth + 1, skip, files, problems)
        elif stat.S_ISREG(mode):
            files.append(path)
        else:
            problems.append(
                _problem(
                    root,
                    path,
                    "is not a regular file (a FIFO, socket or device)",
                    "remove it; only ordinary files belong here",
                )
            )


def _problem(root: Path, path: Path, message: str, hint: str = "") -> Problem:
    return Problem(path.relative_to(root).as_posix(), 0, "", message, hint)
