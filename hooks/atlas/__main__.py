"""`python -m atlas check`: validate data/ and docs/ without building anything.

This is what contributors and pre-commit run. It checks every record, every file
under docs/, and every article's shortcodes, citations and HTML, exactly as the
build's first step does, but draws no diagram and writes nothing.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

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
    args = parser.parse_args(argv)
    return run_check(args.root.resolve())


def run_check(root: Path) -> int:
    site = Site(root)
    try:
        extensions, configs = _markdown_settings(root)
        site.use_markdown(extensions, configs)
        site.preflight(render=False)
    except DataError as error:
        print(error, file=sys.stderr)
        return 1
    dataset = site.dataset()
    counts = ", ".join(f"{len(dataset.kind(kind))} {kind}" for kind in KINDS)
    print(f"data/ is valid: {counts}.")
    print("docs/: every file, citation, shortcode and article is in order.")
    return 0


def _markdown_settings(root: Path) -> tuple[list, dict]:
    """The Markdown extensions mkdocs.yml configures, read the way MkDocs reads them."""
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    config = load_config(config_file=str(root / "mkdocs.yml"))
    return config.markdown_extensions, config.mdx_configs


if __name__ == "__main__":
    sys.exit(main())
