"""Time the hooks' own Python work, without MkDocs, for one or more versions of hooks/.

    .venv/bin/python tools/bench_hooks.py PROJECT [HOOKS_DIR ...]

For each hooks folder (default: PROJECT/hooks) a fresh process imports that copy of
the `atlas` package and times what the hooks do for a build of PROJECT: validating
data/ (`Site.refresh`) and generating every page in both languages with their
diagrams (`Site.pages`). Diagrams come from PROJECT/.cache/diagrams, so run a build
first (or `make bench`) to time a warm cache. This is how the per-edit numbers on
the benchmarks page were measured: one folder per step, each with one more edit.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

CHILD = """
import json, sys, time
from pathlib import Path
project, hooks = Path(sys.argv[1]), Path(sys.argv[2])
sys.path.insert(0, str(hooks))
import atlas.diagrams, atlas.site
site = atlas.site.Site(project)
site.renderer = atlas.diagrams.Renderer(project / ".cache" / "diagrams")
out = {}
started = time.perf_counter()
site.refresh()
out["validate"] = time.perf_counter() - started
for lang in ("zh", "en"):
    started = time.perf_counter()
    site.pages(lang)
    out["pages_" + lang] = time.perf_counter() - started
out["dot_diagrams"] = site.renderer.stats.diagrams
print(json.dumps(out))
"""


def measure(project: Path, hooks: Path) -> dict[str, float]:
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(project), str(hooks)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    project = Path(argv[0]).resolve()
    folders = [Path(a).resolve() for a in argv[1:]] or [project / "hooks"]
    print(f"{'hooks':40} {'validate':>9} {'pages zh':>9} {'pages en':>9} {'total':>8}")
    for hooks in folders:
        r = measure(project, hooks)
        total = r["validate"] + r["pages_zh"] + r["pages_en"]
        print(
            f"{str(hooks)[-40:]:40} {r['validate']:8.2f}s {r['pages_zh']:8.2f}s "
            f"{r['pages_en']:8.2f}s {total:7.2f}s"
            + (f"  (dot rendered {r['dot_diagrams']})" if r["dot_diagrams"] else ""),
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
