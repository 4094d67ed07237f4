"""Read docs/ as a pull request left it: what may be there, and what an article may say.

Every file under docs/ is published, so only Markdown articles and a few image
types may be there (an .html or .svg file would run scripts on the site's own
origin). Each article must be UTF-8 without invisible characters, may carry only
front matter keys that the theme prints safely once escaped, and must not start
with lines MkDocs would read as MultiMarkdown metadata. Problems are values; the
caller reports them all at once, before the build writes anything.
"""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.utils.meta import get_data as mkdocs_front_matter

from .characters import describe, first_forbidden
from .errors import Problem
from .files import walk
from .load import _Rejected, load_text

MAX_ARTICLE_BYTES = 512 * 1024
MAX_IMAGE_BYTES = 5 * 1024 * 1024
# File signatures: a file must be what its name says, so that no browser sniffs it
# as HTML.
IMAGES = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".webp": (b"RIFF",),
}
HIDE_VALUES = ("navigation", "toc", "footer", "path", "tags", "feedback")
FRONT_MATTER = {
    "hide": "a list of: " + ", ".join(HIDE_VALUES),
    "title": "the page title, as plain text",
    "description": "one sentence for search engines and link previews, as plain text",
    "search": "exclude: true, or boost: a number from 0.1 to 10",
}
_FRONT = re.compile(r"^---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|$)", re.S)


@dataclass(frozen=True)
class Article:
    """A hand-written page, read and checked; `meta` is ready for the theme (escaped)."""

    src_uri: str  # relative to docs/, e.g. "articles/alignment-tax.en.md"
    path: str  # for messages, e.g. "docs/articles/alignment-tax.en.md"
    body: str  # the Markdown after the front matter
    first_line: int  # the file's line number of the body's first line
    meta: dict[str, Any] = field(default_factory=dict)


def read_docs(root: Path, folder: str = "docs") -> tuple[list[Article], list[str], list[Problem]]:
    """Every article, every other file (as src_uri), and every problem under docs/."""
    tree = walk(root, folder)
    problems = list(tree.problems)
    articles: list[Article] = []
    others: list[str] = []
    base = root / folder
    for path in tree.files:
        src_uri = path.relative_to(base).as_posix()
        rel = f"{folder}/{src_uri}"
        suffix = path.suffix.lower()
        if suffix == ".md":
            article = _read_article(path, src_uri, rel, problems)
            if article is not None:
                articles.append(article)
        elif suffix in IMAGES:
            if _image_problem(path, rel, suffix, problems):
                others.append(src_uri)
        else:
            problems.append(
                Problem(
                    rel,
                    0,
                    "",
                    f"files of type '{suffix or path.name}' may not be published",
                    "docs/ holds Markdown articles and PNG, JPEG, GIF or WebP images; "
                    "styles and scripts live in overrides/",
                )
            )
    return articles, others, problems


def _image_problem(path: Path, rel: str, suffix: str, problems: list[Problem]) -> bool:
    """True when the image may be published; otherwise a problem is added."""
    size = path.stat().st_size
    if size > MAX_IMAGE_BYTES:
        problems.append(
            Problem(rel, 0, "", f"image is {size:,} bytes; the limit is {MAX_IMAGE_BYTES:,}")
        )
        return False
    with path.open("rb") as handle:
        head = handle.read(16)
    signatures = IMAGES[suffix]
    valid = any(head.startswith(s) for s in signatures) and (
        suffix != ".webp" or head[8:12] == b"WEBP"
    )
    if not valid:
        problems.append(
            Problem(rel, 0, "", f"is not a {suffix[1:].upper()} image", "save it in that format")
        )
    return valid


def _read_article(path: Path, src_uri: str, rel: str, problems: list[Problem]) -> Article | None:
    raw = path.read_bytes()
    if len(raw) > MAX_ARTICLE_BYTES:
        problems.append(
            Problem(rel, 0, "", f"file is {len(raw):,} bytes; the limit is {MAX_ARTICLE_BYTES:,}")
        )
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        problems.append(
            Problem(
                rel,
                line,
                "",
                f"not valid UTF-8 (byte 0x{raw[error.start]:02x})",
                "save the file as UTF-8",
            )
        )
        return None
    text = text.replace("\r\n", "\n")
    found = first_forbidden(text, allowed="\n\t")
    if found is not None:
        line = text[: text.index(found)].count("\n") + 1
        problems.append(
            Problem(rel, line, "", f"contains {describe(found)}", "retype the text without it")
        )
        return None
    before = len(problems)
    meta, body = _front_matter(text, rel, problems)
    if len(problems) > before:
        return None
    first_line = text[: len(text) - len(body)].count("\n") + 1
    return Article(src_uri, rel, body, first_line, meta)


def _front_matter(text: str, rel: str, problems: list[Problem]) -> tuple[dict[str, Any], str]:
    """The checked front matter and the body, read the way MkDocs will read them."""
    match = _FRONT.match(text)
    if match is None:
        # MkDocs also reads "Key: value" lines at the top as metadata.
        _, implicit = mkdocs_front_matter(text)
        if implicit:
            problems.append(
                Problem(
                    rel,
                    1,
                    "",
                    "the first lines read as metadata ('Key: value')",
                    "start the page with a heading, or put metadata in --- front matter",
                )
            )
        return {}, text
    try:
        data, lines = load_text(match.group(1) or "")
    except _Rejected as rejected:
        problems.append(Problem(rel, rejected.line + 1, "", rejected.message, rejected.hint))
        return {}, text
    except Exception as error:  # a YAML syntax error, with its line
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        problems.append(
            Problem(
                rel,
                line,
                "",
                "front matter is not valid YAML",
                "check the indentation and quoting between the --- lines",
            )
        )
        return {}, text
    body = text[match.end() :]
    if data is None:
        return {}, body
    if not isinstance(data, dict):
        problems.append(Problem(rel, 2, "", "front matter must be a mapping (key: value)"))
        return {}, body
    meta: dict[str, Any] = {}
    for key, value in data.items():
        line = lines.get((key,), 1) + 1
        message = _meta_problem(key, value)
        if message:
            hint = FRONT_MATTER.get(key) or "allowed: " + ", ".join(FRONT_MATTER)
            problems.append(Problem(rel, line, key, message, hint))
        elif key in ("title", "description"):
            meta[key] = html.escape(" ".join(value.split()), quote=True)
        else:
            meta[key] = value
    return meta, body


def _meta_problem(key: str, value: Any) -> str | None:
    if key not in FRONT_MATTER:
        return f"unknown front matter key '{key}'"
    if key == "hide":
        if not isinstance(value, list) or not all(v in HIDE_VALUES for v in value):
            return "must be a list of page parts to hide"
    elif key in ("title", "description"):
        if not isinstance(value, str) or not value.strip() or len(value) > 300:
            return "must be plain text of at most 300 characters"
    elif key == "search":
        if not isinstance(value, dict) or not set(value) <= {"exclude", "boost"}:
            return "may only set 'exclude' or 'boost'"
        if "exclude" in value and not isinstance(value["exclude"], bool):
            return "exclude must be true or false"
        boost = value.get("boost", 1)
        if isinstance(boost, bool) or not isinstance(boost, int | float):
            return "boost must be a number"
        if not math.isfinite(boost) or not 0.1 <= boost <= 10:
            return "boost must be a number from 0.1 to 10"
    return None
