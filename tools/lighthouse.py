"""`make lighthouse`: Lighthouse (mobile) on the built site, served with gzip.

Builds the site into a temporary folder with `site_url` set to the local address it
is served at (so the absolute hreflang links and the canonical URL point at the
pages being measured), serves it with tools/gzip_server.py, and runs the pinned
Lighthouse CLI on Debian's Chromium for the home page, a model page and /lineage/
in both languages. Prints the four category scores per page; the JSON reports go
to test-output/lighthouse/. Targets: performance >= 95, the other three 100.
Scores depend on the machine's load; nothing here is a test.

    .venv/bin/python tools/lighthouse.py LIGHTHOUSE_BIN
"""

from __future__ import annotations

import json
import os
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


def audit(lighthouse: str, url: str, report: Path) -> dict[str, int]:
    """The four category scores (0–100) of one page, and the failing audits' titles."""
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
    data = json.loads(report.read_text(encoding="utf-8"))
    return {name: round(data["categories"][name]["score"] * 100) for name in CATEGORIES}


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


def table(rows: list[tuple[str, dict[str, int]]]) -> str:
    width = max(len(path) for path, _ in rows)
    lines = [f"{'page':<{width}}  " + "  ".join(f"{name:>14}" for name in CATEGORIES)]
    for path, scores in rows:
        cells = "  ".join(
            f"{scores[name]:>13}{'' if scores[name] >= TARGETS[name] else '!'}"
            for name in CATEGORIES
        )
        lines.append(f"{path:<{width}}  {cells}")
    return "\n".join(lines)


def main(lighthouse: str) -> int:
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
                report = OUTPUT / f"{name}.json"
                print(f"lighthouse /{path} ...", flush=True)
                scores = audit(lighthouse, base + path, report)
                rows.append(("/" + path, scores))
                for category in CATEGORIES:
                    if scores[category] < TARGETS[category]:
                        print(f"  {category}: {', '.join(losses(report, category))}")
        finally:
            server.shutdown()
    print()
    print(table(rows))
    print(f"\n'!' marks a score under its target; reports in {OUTPUT.relative_to(ROOT)}/")
    missed = any(s[c] < TARGETS[c] for _, s in rows for c in CATEGORIES)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
