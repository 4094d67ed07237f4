"""Rebuild a project the way `mkdocs serve --dirty` does, one step at a time, in one process.

    python tools/incremental.py PROJECT SITE PLAN.json

PLAN is a list of steps; each step is a list of file operations applied under
PROJECT (write, delete, rename) before a dirty build into SITE:

    [{"label": "edit", "ops": [{"write": "data/models/ada.yaml", "text": "..."}]},
     {"label": "gone", "ops": [{"delete": "data/models/x.yaml"}]}]

The first build (label "first", before any step) starts from an empty SITE. After
each build a copy of SITE goes to SITE-<label>, and one JSON line per build
reports its seconds. The tests compare each copy with a clean build of the same
tree; `make bench` reads the timings.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sys
import time
from pathlib import Path


def build(project: Path, site: Path) -> float:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    # As `mkdocs serve` does: the configuration is read again for every build.
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site))
    started = time.perf_counter()
    mkdocs_build(config, dirty=True)
    return time.perf_counter() - started


def apply(project: Path, ops: list[dict]) -> None:
    for op in ops:
        if "write" in op:
            path = project / op["write"]
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(op["text"], encoding="utf-8")
        elif "delete" in op:
            (project / op["delete"]).unlink()
        elif "rename" in op:
            old, new = op["rename"]
            (project / old).rename(project / new)
        else:
            raise ValueError(f"unknown operation {op}")


def main(argv: list[str]) -> int:
    project, site, plan = Path(argv[0]), Path(argv[1]), Path(argv[2])
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    for name in ("mkdocs", "mkdocs_static_i18n", "material"):
        logging.getLogger(name).setLevel(logging.WARNING)
    sys.argv.append("--dirty")  # what mkdocs-static-i18n reads for its other languages
    steps = [{"label": "first", "ops": []}, *json.loads(plan.read_text(encoding="utf-8"))]
    for step in steps:
        apply(project, step["ops"])
        seconds = build(project, site)
        shutil.copytree(site, site.with_name(f"{site.name}-{step['label']}"))
        print(json.dumps({"label": step["label"], "seconds": seconds}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
