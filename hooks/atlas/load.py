"""Read the YAML records under data/ and remember the line of every field.

Only plain data is accepted: one mapping per file, no anchors or aliases (an alias
bomb of a few hundred bytes expands to hundreds of megabytes once serialised), no
duplicate keys, bounded size and nesting. Dates stay strings so that "2022-03"
and "2022-03-15" keep their precision.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import yaml

try:  # libyaml's parser, when PyYAML was built with it
    from yaml.cyaml import CParser as _CParser
except ImportError:
    _CParser = None

from .characters import describe
from .errors import Problem, field_path
from .files import walk
from .kinds import KINDS, NON_RECORD_DIRS

MAX_FILE_BYTES = 256 * 1024
MAX_DEPTH = 16

FieldPath = tuple[str | int, ...]


@dataclass
class Record:
    kind: str
    id: str
    path: str  # project-relative, e.g. "data/models/davinci.yaml"
    data: dict[str, Any]
    lines: dict[FieldPath, int] = field(default_factory=dict, repr=False)

    def line(self, parts: FieldPath = ()) -> int:
        """The line of a field, or of its closest enclosing field that has one."""
        parts = tuple(parts)
        while parts not in self.lines and parts:
            parts = parts[:-1]
        return self.lines.get(parts, 1)

    def problem(self, parts: FieldPath, message: str, hint: str = "") -> Problem:
        return Problem(self.path, self.line(parts), field_path(parts), message, hint)


class _Rejected(Exception):
    def __init__(self, line: int, message: str, hint: str = ""):
        super().__init__(message)
        self.line = line
        self.message = message
        self.hint = hint


class _PlainLoader(yaml.SafeLoader):
    """SafeLoader that refuses anchors, aliases and deep nesting, and keeps dates as text."""

    yaml_implicit_resolvers: ClassVar[dict] = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def __init__(self, stream: str):
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _Rejected(
                event.start_mark.line + 1,
                "YAML anchors and aliases (&name, *name) are not allowed",
                "write the value out in full",
            )
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise _Rejected(
                event.start_mark.line + 1,
                f"nested more than {MAX_DEPTH} levels deep",
                "records are shallow; check the indentation",
            )
        try:  # explicit, so that _FastLoader can share this method
            return yaml.composer.Composer.compose_node(self, parent, index)
        finally:
            self._depth -= 1


if _CParser is not None:

    class _FastLoader(
        yaml.composer.Composer, _CParser, yaml.constructor.SafeConstructor, yaml.resolver.Resolver
    ):
        """_PlainLoader's checks over libyaml's C parser: about 4× faster on a large data/.

        Only valid files take this path; load_text() re-reads any file that fails here
        with _PlainLoader, so every error message stays the same.
        """

        yaml_implicit_resolvers = _PlainLoader.yaml_implicit_resolvers
        compose_node = _PlainLoader.compose_node

        def __init__(self, stream: str):
            _CParser.__init__(self, stream)
            yaml.composer.Composer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)
            self._depth = 0


def load_text(text: str) -> tuple[Any, dict[FieldPath, int]]:
    """Parse one YAML document into plain data and a map from field path to line.

    Raises _Rejected for anything that is not plain, single-document data.
    """
    if _CParser is not None:
        try:
            return _load_with(_FastLoader(text))
        except Exception:
            pass  # the pure-Python loader below gives the usual, precise message
    return _load_with(_PlainLoader(text))


def _load_with(loader: _PlainLoader | _FastLoader) -> tuple[Any, dict[FieldPath, int]]:
    try:
        try:
            node = loader.get_single_node()
        except yaml.composer.ComposerError as error:
            if "expected a single document" in str(error):
                mark = error.problem_mark
                raise _Rejected(
                    (mark.line + 1) if mark else 1,
                    "more than one YAML document (---) in the file",
                    "put one record in each file",
                ) from None
            raise
        lines: dict[FieldPath, int] = {}
        data = _to_python(loader, node, (), lines) if node is not None else None
        return data, lines
    finally:
        loader.dispose()


def _to_python(loader: _PlainLoader, node: yaml.Node, at: FieldPath, lines: dict) -> Any:
    lines[at] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise _Rejected(key_node.start_mark.line + 1, "a key must be plain text")
            key = loader.construct_object(key_node)
            if not isinstance(key, str):
                key = str(key)
            if key in out:
                raise _Rejected(
                    key_node.start_mark.line + 1,
                    f"duplicate key '{key}'",
                    "each field may appear once; remove or merge the repeated one",
                )
            child = (*at, key)
            lines[child] = key_node.start_mark.line + 1
            out[key] = _to_python(loader, value_node, child, lines)
            lines[child] = key_node.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_to_python(loader, item, (*at, i), lines) for i, item in enumerate(node.value)]
    return loader.construct_object(node)


def _read_record(root: Path, path: Path, kind: str) -> Record | Problem:
    rel = path.relative_to(root).as_posix()
    raw = path.read_bytes()
    if len(raw) > MAX_FILE_BYTES:
        return Problem(
            rel,
            0,
            "",
            f"file is {len(raw):,} bytes; the limit is {MAX_FILE_BYTES:,}",
            "a record is a few kilobytes; split long text or move it to an article",
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return Problem(
            rel,
            line,
            "",
            f"not valid UTF-8 (byte 0x{raw[error.start]:02x})",
            "save the file as UTF-8",
        )
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        return Problem(rel, line, "", "contains a NUL character", "save the file as plain text")
    try:
        data, lines = load_text(text)
    except _Rejected as rejected:
        return Problem(rel, rejected.line, "", rejected.message, rejected.hint)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        what = " ".join(part for part in (error.context, error.problem) if part)
        return Problem(
            rel,
            line,
            "",
            f"YAML syntax error: {what}",
            "check the indentation and quoting on this line and the one above",
        )
    except yaml.reader.ReaderError as error:
        line = text[: error.position].count("\n") + 1
        return Problem(
            rel,
            line,
            "",
            f"contains {describe(chr(error.character))}"
            if isinstance(error.character, int)
            else "contains a character YAML does not allow",
            "retype the text without it",
        )
    except (yaml.YAMLError, RecursionError) as error:
        return Problem(rel, 1, "", f"YAML error: {error}")
    if not isinstance(data, dict):
        return Problem(
            rel,
            1,
            "",
            "the file must hold one mapping of fields (id: ..., name: ...)",
            f"start from data/templates/{_template_name(kind)}.yaml",
        )
    return Record(kind=kind, id=path.stem, path=rel, data=data, lines=lines)


def _template_name(kind: str) -> str:
    return KINDS[kind].schema


def load_records(root: Path) -> tuple[list[Record], list[Problem]]:
    """Load every record under root/data, returning records and problems together."""
    tree = walk(root, "data", skip=NON_RECORD_DIRS)
    records: list[Record] = []
    problems: list[Problem] = list(tree.problems)
    data_dir = root / "data"
    for path in tree.files:
        rel = path.relative_to(root).as_posix()
        parts = path.relative_to(data_dir).parts
        if path.suffix == ".md":
            continue  # a README beside the records
        kind = parts[0] if len(parts) > 1 else ""
        if kind not in KINDS:
            problems.append(
                Problem(
                    rel,
                    0,
                    "",
                    "file is not in a record folder",
                    "move it to one of: " + ", ".join(f"data/{k}/" for k in KINDS),
                )
            )
            continue
        if len(parts) > 2:
            problems.append(
                Problem(
                    rel,
                    0,
                    "",
                    "records may not sit in subfolders",
                    f"move it to data/{kind}/{path.name}",
                )
            )
            continue
        if path.suffix == ".yml":
            problems.append(
                Problem(rel, 0, "", "wrong extension '.yml'", f"rename it to {path.stem}.yaml")
            )
            continue
        if path.suffix != ".yaml":
            problems.append(
                Problem(
                    rel,
                    0,
                    "",
                    f"unexpected file in data/{kind}/",
                    "records are .yaml files; remove or move this file",
                )
            )
            continue
        loaded = _read_record(root, path, kind)
        if isinstance(loaded, Problem):
            problems.append(loaded)
        else:
            records.append(loaded)
    return records, problems
