"""The package's command line.

`python -m atlas check` validates data/ and docs/ without building anything: what
contributors and pre-commit run. It checks every record, every file under docs/,
and every article's shortcodes, citations and HTML, exactly as the build's first
step does, but draws no diagram and writes nothing.

`python -m atlas parity` compares the two languages: the sections, citations and
numbers of every article pair, and the numbers of every bilingual text in data/.

`python -m atlas markdown OUT` writes the whole site as plain Markdown with the
diagrams beside it, and a mkdocs.yml without our hooks (see plain.py): the way to
another engine.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from . import plain
from .errors import DataError
from .kinds import KINDS
from .site import Site


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m atlas", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser(
        "check", help="validate every record under data/, and every file and article in docs/"
    )
    check.add_argument("--root", type=Path, default=Path.cwd(), help="project root")
    parity = sub.add_parser(
        "parity", help="check that both languages carry the same sections, citations, numbers"
    )
    parity.add_argument("--root", type=Path, default=Path.cwd(), help="project root")
    export = sub.add_parser("markdown", help="write every page as plain Markdown, with its SVG")
    export.add_argument("out", type=Path, help="folder to write (emptied first)")
    export.add_argument("--root", type=Path, default=Path.cwd(), help="project root")
    export.add_argument("--inline-svg", action="store_true", help="paste the SVG into the pages")
    args = parser.parse_args(argv)
    if args.command == "markdown":
        return run_markdown(args.root.resolve(), args.out.resolve(), args.inline_svg)
    if args.command == "parity":
        return run_parity(args.root.resolve())
    return run_check(args.root.resolve())


def run_check(root: Path) -> int:
    site = Site(root)
    try:
        extensions, configs = _markdown_settings(root)
        site.use_markdown(extensions, configs)
        dataset = site.check()
    except DataError as error:
        print(error, file=sys.stderr)
        return 1
    counts = ", ".join(f"{len(dataset.kind(kind))} {kind}" for kind in KINDS)
    print(f"data/ is valid: {counts}.")
    print("docs/: every file, citation, shortcode and article is in order.")
    return 0


def run_parity(root: Path) -> int:
    from .load import load_records
    from .parity import all_problems

    records, unreadable = load_records(root)
    # A record that cannot be read cannot be compared; `atlas check` says why.
    problems = unreadable or all_problems(root, records)
    if problems:
        print(DataError(problems), file=sys.stderr)
        return 1
    print("Both languages carry the same sections, citations and numbers.")
    return 0


def run_markdown(root: Path, out: Path, inline_svg: bool) -> int:
    site = Site(root)
    try:
        extensions, configs = _markdown_settings(root)
        site.use_markdown(extensions, configs)
        snapshot = site.preflight()
    except DataError as error:
        print(error, file=sys.stderr)
        return 1
    written = plain.write(snapshot, root, out, inline_svg=inline_svg)
    print(f"{out}: {written['pages']} pages, {written['diagrams']} diagram files.")
    return 0


def _markdown_settings(root: Path) -> tuple[list, dict]:
    """The Markdown extensions mkdocs.yml configures, read the way MkDocs reads them."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    from .errors import Problem

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    try:
        config = load_config(config_file=str(root / "mkdocs.yml"))
    except ConfigurationError as error:
        raise DataError(
            [
                Problem(
                    "mkdocs.yml", 0, "", str(error), "run it from the project root, or pass --root"
                )
            ]
        ) from None
    return config.markdown_extensions, config.mdx_configs


if __name__ == "__main__":
    sys.exit(main())
