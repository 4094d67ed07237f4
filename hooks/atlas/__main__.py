"""`python -m atlas check`: validate data/ and the articles' data references, without a build."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import format_problems
from .load import KINDS
from .shortcodes import ContentError
from .site import Site
from .validate import validate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m atlas", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser(
        "check", help="validate every record under data/, and the citations and shortcodes in docs/"
    )
    check.add_argument("--root", type=Path, default=Path.cwd(), help="project root")
    args = parser.parse_args(argv)

    dataset, problems = validate(args.root)
    if problems:
        print(format_problems(problems), file=sys.stderr)
        return 1
    assert dataset is not None
    counts = ", ".join(f"{len(dataset.kind(kind))} {kind}" for kind in KINDS)
    print(f"data/ is valid: {counts}.")

    site = Site(args.root)
    try:
        site.check_articles(args.root / "docs")
    except ContentError as error:
        print(format_problems(error.problems, "docs/"), file=sys.stderr)
        return 1
    print("docs/: every citation and shortcode resolves.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
