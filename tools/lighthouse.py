"""`make lighthouse`: Lighthouse (mobile) on the built site, served with gzip.

Builds the site into a temporary folder with `site_url` set to the local address it
is served at (so the absolute hreflang links and the canonical URL point at the
pages being measured), serves it with tools/gzip_server.py, and runs the pinned
Lighthouse CLI on Debian's Chromium for the home page, a model page and /lineage/
in both languages. Targets: performance >= 95, the other three 100.

One run's performance score swings by several points with the machine's load, so
each page is run RUNS times and the run Lighthouse's own computeMedianRun picks
(closest to the median first paint and time to interactive) is the page's result:
Lighthouse's variability guide finds the median of five runs about twice as stable
as one. The table shows that run's four scores and, beside it, the lowest and
highest performance score of all the runs. The median reports go to
test-output/lighthouse/. Nothing here is a test.

    .venv/bin/python tools/lighthouse.py LIGHTHOUSE_BIN [RUNS]
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from gzip_server import make_server

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "test-output" / "lighthouse"
PAGES = ("", "models/davinci/", "lineage/", "en/", "en/models/davinci/", "en/lineage/")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
CHROME_FLAGS = "--headless --no-sandbox --disable-gpu"
RUNS = 5
# Picks the median run the way Lighthouse CI does; the module ships with the CLI.
MEDIAN_RUN = """
import {readFileSync} from "node:fs";
import {computeMedianRun} from "%s";
const runs = process.argv.slice(1).map((path) => JSON.parse(readFileSync(path, "utf8")));
console.log(runs.indexOf(computeMedianRun(runs)));
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def build(site_dir: Path, site_url: str) -> None:
    env = dict(os.environ, SITE_URL=site_url, NO_MKDOCS_2_WARNING="1")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "--quiet",
            "--site-dir",
            str(site_dir),
        ],
        cwd=ROOT,
        env=env,
        check=True,
    )


def audit(lighthouse: str, url: str, report: Path) -> None:
    """One Lighthouse run of one page, its JSON report written to `report`."""
    env = dict(os.environ, CHROME_PATH=os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
    subprocess.run(
        [
            lighthouse,
            url,
            "--quiet",
            "--form-factor=mobile",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={CHROME_FLAGS}",
            "--output=json",
            f"--output-path={report}",
        ],
        env=env,
        check=True,
    )


def scores(report: Path) -> dict[str, int]:
    """The four category scores (0–100) of one report."""
    data = json.loads(report.read_text(encoding="utf-8"))
    return {name: round(data["categories"][name]["score"] * 100) for name in CATEGORIES}


def median_run(lighthouse: str, reports: list[Path]) -> Path:
    """The report Lighthouse's computeMedianRun picks."""
    module = Path(lighthouse).parent.parent / "lighthouse" / "core" / "lib" / "median-run.js"
    script = MEDIAN_RUN % module.resolve().as_uri()
    picked = subprocess.run(
        ["node", "--input-type=module", "-e", script, *map(str, reports)],
        capture_output=True,
        text=True,
        check=True,
    )
    return reports[int(picked.stdout)]


def losses(report: Path, category: str) -> list[str]:
    """What cost a category points: its audits that did not pass, by title."""
    data = json.loads(report.read_text(encoding="utf-8"))
    refs = data["categories"][category]["auditRefs"]
    failing = []
    for ref in refs:
        result = data["audits"][ref["id"]]
        if ref["weight"] and result["score"] is not None and result["score"] < 1:
            failing.append(f"{ref['id']} ({result['score']:.2f})")
    return failing


def table(rows: list[tuple[str, dict[str, int], tuple[int, int]]]) -> str:
    width = max(len(path) for path, _, _ in rows)
    head = "  ".join(f"{name:>14}" for name in CATEGORIES)
    lines = [f"{'page':<{width}}  {head}  {'perf. range':>12}"]
    for path, result, (low, high) in rows:
        cells = "  ".join(
            f"{result[name]:>13}{'' if result[name] >= TARGETS[name] else '!'}"
            for name in CATEGORIES
        )
        lines.append(f"{path:<{width}}  {cells}  {f'{low}–{high}':>12}")
    return "\n".join(lines)


def main(lighthouse: str, runs: int = RUNS) -> int:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    with tempfile.TemporaryDirectory(prefix="atlas-lighthouse-") as folder:
        site = Path(folder) / "site"
        print(f"building the site for {base} ...", flush=True)
        build(site, base)
        server = make_server(site, port)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        rows = []
        try:
            for path in PAGES:
                name = path.strip("/").replace("/", "_") or "home"
                print(f"lighthouse /{path} x{runs} ...", flush=True)
                reports = [Path(folder) / f"{name}-{run}.json" for run in range(runs)]
                for report in reports:
                    audit(lighthouse, base + path, report)
                performance = [scores(report)["performance"] for report in reports]
                median = OUTPUT / f"{name}.json"
                shutil.copyfile(median_run(lighthouse, reports), median)
                result = scores(median)
                rows.append(("/" + path, result, (min(performance), max(performance))))
                for category in CATEGORIES:
                    if result[category] < TARGETS[category]:
                        print(f"  {category}: {', '.join(losses(median, category))}")
        finally:
            server.shutdown()
    print()
    print(f"median of {runs} runs per page (Lighthouse's computeMedianRun):")
    print(table(rows))
    print(f"\n'!' marks a score under its target; reports in {OUTPUT.relative_to(ROOT)}/")
    missed = any(result[c] < TARGETS[c] for _, result, _ in rows for c in CATEGORIES)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], *(int(arg) for arg in sys.argv[2:3])))
