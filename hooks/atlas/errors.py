"""Problems found in data files, reported as values rather than exceptions.

Every check returns a list of `Problem`s so that a contributor sees all of them at
once, each pointing at a file, a line and a field, with a hint on how to fix it.
"""

from __future__ import annotations

from dataclasses import dataclass

from .characters import printable


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # relative to the project root, with forward slashes
    line: int  # 1-based; 0 when the problem concerns the whole file
    field: str  # dotted path such as "parents[0].model", or "" for the file
    message: str
    hint: str = ""

    def __str__(self) -> str:
        """One line for the terminal; text from the data shows invisible characters as U+XXXX."""
        where = f"{self.path}:{self.line}" if self.line else self.path
        field = f" {self.field}:" if self.field else ""
        hint = f" ({self.hint})" if self.hint else ""
        return printable(f"{where}:{field} {self.message}{hint}")


class DataError(Exception):
    """Raised when data/, docs/ or the build environment has problems; carries all of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__(format_problems(self.problems))


def format_problems(problems: list[Problem]) -> str:
    """'2 problems in data/ and docs/:' and one indented line per problem."""
    count = len(problems)
    noun = "problem" if count == 1 else "problems"
    folders = sorted(
        {p.path.split("/")[0] + "/" for p in problems if "/" in p.path and p.path[0] != "/"}
    )
    where = " in " + " and ".join(folders) if folders else ""
    lines = [f"{count} {noun}{where}:"]
    lines += [f"  {problem}" for problem in sorted(set(problems))]
    return "\n".join(lines)


def field_path(parts: tuple[str | int, ...]) -> str:
    """Turn ("parents", 0, "model") into "parents[0].model"."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out
