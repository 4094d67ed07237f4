"""`make bench`: how much our hooks cost, measured against plain Markdown in the same run.

For the real dataset and for synthetic datasets of several sizes (tools/synth.py) this

1. builds the site with our hooks, once with an empty diagram cache (cold) and then
   with the cache filled (warm), each in a fresh Python process that runs MkDocs'
   own `build()` in-process, so the hooks' own counters can be read afterwards:
   `atlas.site.Stats.hook_seconds` and the diagram renderer's `RenderStats`;
2. writes the very same pages as plain files (`python -m atlas markdown --inline-svg`,
   atlas/plain.py): every generated page's Markdown in both languages, with each
   diagram's finished SVG pasted in as raw HTML, and the hand-written pages with
   their shortcodes and citations already expanded. MkDocs builds these with the
   same theme, plugins and Markdown extensions but without our hooks: that is the
   baseline every figure is compared with;
3. measures both sites (page sizes, site size, search index size), and times
   `make check` on the project;
4. for the real dataset, times a `mkdocs serve --dirty` rebuild: build, save one
   model file, build again in the same process (as the server does), counts the
   pages written again, and checks that `dot` rendered no diagram whose source did
   not change;
5. for chains of models 30 and 300 deep (and, for `make check` only, 3,000), shows
   what the depth of the lineage costs.

It prints a table and writes bench-output/results.json and bench-output/results.md.
Absolute times depend on the machine; the ratios (ours ÷ baseline) are what to
compare. Nothing here asserts a timing.

    make bench                                   # real, 50–5,000 models, chains
    .venv/bin/python tools/bench.py --quick      # real + 50, 200, no chains: a few minutes
    .venv/bin/python tools/bench.py --sizes 500 --no-real --profile
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import synth  # noqa: E402

DEFAULT_SIZES = (50, 500, 1000, 5000)
QUICK_SIZES = (50, 200)
# One lineage this many models deep, to show what depth costs: a chain 10× deeper
# should cost at most 11× more to check and to build.
DEFAULT_CHAINS = (30, 300)
CHECKED_CHAINS = (300, 3000)  # check only: building 3,000 pages takes minutes
SERVE_URL = "http://127.0.0.1:8000/"
FIGURE = re.compile(r'<figure class="atlas-diagram".*?</figure>', re.S)
COPIED = ("data", "docs", "hooks", "overrides", "mkdocs.yml")

# ---------------------------------------------------------------------------
# Worker: one build in a fresh process
# ---------------------------------------------------------------------------


def _quiet_logging() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    for name in ("mkdocs", "mkdocs_static_i18n", "material"):
        logging.getLogger(name).setLevel(logging.WARNING)


def _load(project: Path, site_dir: Path, config_name: str = "mkdocs.yml"):
    from mkdocs.config import load_config

    return load_config(config_file=str(project / config_name), site_dir=str(site_dir))


def _atlas_site(project: Path):
    """The hooks' Site object for a project, once MkDocs has imported the hooks."""
    module = sys.modules["atlas.site"]
    return module.get_site(project)


def _diagram_keys(site) -> set[str]:
    return set(site.current().svgs)


def worker(task: dict[str, Any]) -> dict[str, Any]:
    """Run one measured build as described by `task`; return the figures."""
    from mkdocs.commands.build import build

    # synth (imported at the top) loaded atlas from this checkout's hooks/; the build
    # must use the project's own copy, which `--hooks` may have replaced.
    sys.path[:] = [p for p in sys.path if p != str(ROOT / "hooks")]
    for name in [n for n in sys.modules if n == "atlas" or n.startswith("atlas.")]:
        del sys.modules[name]

    _quiet_logging()
    project = Path(task["project"])
    site_dir = Path(task["site"])
    mode = task["mode"]
    result: dict[str, Any] = {"mode": mode}

    started = time.perf_counter()
    config_name = task.get("config", "mkdocs.yml")
    config = _load(project, site_dir, config_name)
    result["config_seconds"] = time.perf_counter() - started
    serving = mode in ("serve", "serve-baseline")
    if serving:  # as `mkdocs serve` does, for the first build and every rebuild alike
        config.site_url = SERVE_URL
    dirty = mode == "serve"  # `make serve` runs `mkdocs serve --dirty`
    if dirty:
        sys.argv.append("--dirty")  # what mkdocs-static-i18n reads for its other languages
    config.plugins.on_startup(command="serve" if serving else "build", dirty=dirty)

    profiler = None
    if task.get("profile"):
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    started = time.perf_counter()
    build(config, serve_url=SERVE_URL if serving else None, dirty=dirty)
    result["seconds"] = time.perf_counter() - started
    if profiler is not None:
        profiler.disable()
        _write_profile(profiler, Path(task["profile"]))

    if mode in ("ours", "serve"):
        site = _atlas_site(project)
        result["hook_seconds"] = site.stats.hook_seconds
        result["snapshots"] = site.stats.snapshots
        render = site.renderer.stats
        result["dot"] = {
            "processes": render.processes,
            "diagrams": render.diagrams,
            "seconds": render.seconds,
            "cache_hits": render.cache_hits,
        }
        result["diagram_count"] = len(_diagram_keys(site))
        if task.get("materialise"):
            import importlib

            plain = importlib.import_module("atlas.plain")  # the project's copy, as imported
            dest = Path(task["materialise"])
            result["materialised"] = plain.write(site.current(), project, dest, inline_svg=True)
    if mode == "serve":
        result["rebuild"] = _serve_rebuild(project, site_dir, task["edit"], config_name)
    if mode == "serve-baseline":
        result["rebuild"] = _plain_rebuild(project, site_dir, task["edit"])
    config.plugins.on_shutdown()
    return result


def _serve_rebuild(
    project: Path, site_dir: Path, edit: str, config_name: str = "mkdocs.yml"
) -> dict[str, Any]:
    """Save one model file and rebuild as `mkdocs serve --dirty` does: a new config, the
    same process, only the pages the edit changed written again."""
    import yaml
    from mkdocs.commands.build import build

    site = _atlas_site(project)
    before_keys = _diagram_keys(site)
    before = site.renderer.stats
    processes, diagrams = before.processes, before.diagrams
    hook_before = site.stats.hook_seconds
    written_before = dict(site.rebuild.written)

    rendered: list[str] = []
    original_render = site.renderer._render

    def spy(sources: dict[str, str]) -> dict[str, str]:
        rendered.extend(sources)
        return original_render(sources)

    site.renderer._render = spy  # type: ignore[method-assign]

    path = project / edit
    original = path.read_bytes()
    data = yaml.safe_load(original)
    data["summary"]["en"] = data["summary"]["en"].rstrip() + " (Edited for the benchmark.)"
    path.write_text(synth.dump(data, "models"), encoding="utf-8")
    try:
        config = _load(project, site_dir, config_name)
        config.site_url = SERVE_URL
        started = time.perf_counter()
        build(config, serve_url=SERVE_URL, dirty=True)
        seconds = time.perf_counter() - started
    finally:
        path.write_bytes(original)
        site.renderer._render = original_render  # type: ignore[method-assign]
    after_keys = _diagram_keys(site)
    stats = site.renderer.stats
    rewritten = [p for p, d in site.rebuild.written.items() if written_before.get(p) != d]
    return {
        "edited": edit,
        "seconds": seconds,
        "hook_seconds": site.stats.hook_seconds - hook_before,
        "pages_written": len(rewritten),
        "pages": len(site.rebuild.written),
        "dot_processes": stats.processes - processes,
        "dot_diagrams": stats.diagrams - diagrams,
        "diagrams": len(after_keys),
        "changed_diagrams": len(after_keys - before_keys),
        "unchanged_rerendered": len(set(rendered) & before_keys),
    }


def _plain_rebuild(project: Path, site_dir: Path, edit: str) -> dict[str, Any]:
    """The baseline's rebuild after saving one page: what MkDocs alone costs while serving."""
    from mkdocs.commands.build import build

    path = project / edit
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    config = _load(project, site_dir)
    config.site_url = SERVE_URL
    started = time.perf_counter()
    build(config, serve_url=SERVE_URL)
    return {"edited": edit, "seconds": time.perf_counter() - started}


def _write_profile(profiler, path: Path) -> None:
    import io
    import pstats

    path.parent.mkdir(parents=True, exist_ok=True)
    profiler.dump_stats(str(path.with_suffix(".prof")))
    for sort in ("cumulative", "tottime"):
        buffer = io.StringIO()
        stats = pstats.Stats(profiler, stream=buffer).strip_dirs().sort_stats(sort)
        stats.print_stats(45)
        with path.open("a", encoding="utf-8") as out:
            out.write(f"==== sorted by {sort}\n{buffer.getvalue()}\n")


# ---------------------------------------------------------------------------
# Measuring a built site
# ---------------------------------------------------------------------------


def measure_site(site_dir: Path) -> dict[str, Any]:
    pages: list[tuple[int, str]] = []
    model_pages: list[int] = []
    total = files = 0
    for path in site_dir.rglob("*"):
        if not path.is_file():
            continue
        size = path.stat().st_size
        total += size
        files += 1
        if path.suffix == ".html":
            rel = path.relative_to(site_dir).as_posix()
            pages.append((size, rel))
            parts = rel.split("/")
            if parts[0] == "en":
                parts = parts[1:]
            if len(parts) == 3 and parts[0] == "models" and parts[2] == "index.html":
                html = path.read_text(encoding="utf-8")
                model_pages.append(len(FIGURE.sub("", html).encode("utf-8")))
    search = [
        site_dir / "search" / "search_index.json",
        site_dir / "en" / "search" / "search_index.json",
    ]
    largest = max(pages) if pages else (0, "")
    return {
        "bytes": total,
        "files": files,
        "pages": len(pages),
        "largest_page": {"bytes": largest[0], "path": largest[1]},
        "median_page": int(statistics.median(s for s, _ in pages)) if pages else 0,
        "median_model_page_without_diagram": int(statistics.median(model_pages))
        if model_pages
        else 0,
        "search_index_bytes": sum(p.stat().st_size for p in search if p.exists()),
    }


# ---------------------------------------------------------------------------
# Orchestration
# ---------------------------------------------------------------------------


def run_worker(task: dict[str, Any], log: Path) -> dict[str, Any]:
    out = Path(task["result"])
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    env["ATLAS_CACHE_DIR"] = str(Path(task["project"]) / ".cache")  # cold means cold
    with log.open("a", encoding="utf-8") as stream:
        stream.write(f"\n==== {json.dumps(task)}\n")
        stream.flush()
        proc = subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), "--worker", json.dumps(task)],
            stdout=stream,
            stderr=subprocess.STDOUT,
            env=env,
            check=False,
        )
    if proc.returncode != 0 or not out.exists():
        raise RuntimeError(f"build failed ({task['mode']} {task['project']}); see {log}")
    return json.loads(out.read_text(encoding="utf-8"))


def copy_real(dest: Path) -> None:
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    synth.copy_parts(ROOT, dest, COPIED)


def bench_target(
    name: str, project: Path, work: Path, args: argparse.Namespace, serve_edit: str | None
) -> dict[str, Any]:
    """Cold, warm and baseline builds of one project, and both sites measured."""
    log = work / "builds.log"
    base = work / "baseline"
    cache = project / ".cache" / "diagrams"
    result: dict[str, Any] = {"name": name}

    def task(mode: str, label: str, **extra: Any) -> dict[str, Any]:
        return {
            "mode": mode,
            "project": str(base if mode in ("baseline", "serve-baseline") else project),
            "site": str(work / f"site-{mode}"),
            "result": str(work / f"{label}.json"),
            **extra,
        }

    cold, warm, baseline = [], [], []
    for i in range(args.repeat_for(name)):
        # Interleaved, so that a slow patch on a shared machine hits all three alike.
        print(f"  {name}: cold, warm and baseline builds, round {i + 1}…", flush=True)
        if cache.exists():
            shutil.rmtree(cache)
        extra = {"materialise": str(base)} if i == 0 else {}
        cold.append(run_worker(task("ours", f"cold-{i}", **extra), log))
        warm.append(run_worker(task("ours", f"warm-{i}"), log))
        baseline.append(run_worker(task("baseline", f"baseline-{i}"), log))
    if args.profile:  # profiling slows a build several times over: never one of the timed runs
        print(f"  {name}: profiled build (not timed)…", flush=True)
        profile = str(args.out / f"profile-{name}.txt")
        Path(profile).unlink(missing_ok=True)
        run_worker(task("ours", "profiled", profile=profile), log)
    result["cold_runs"] = [r["seconds"] for r in cold]
    result["warm_runs"] = [r["seconds"] for r in warm]
    result["baseline_runs"] = [r["seconds"] for r in baseline]
    result["cold"] = min(cold, key=lambda r: r["seconds"])
    result["warm"] = min(warm, key=lambda r: r["seconds"])
    result["baseline"] = min(baseline, key=lambda r: r["seconds"])
    result["site"] = measure_site(work / "site-ours")
    result["baseline_site"] = measure_site(work / "site-baseline")
    if serve_edit:
        print(f"  {name}: `mkdocs serve --dirty` rebuild after saving {serve_edit}…", flush=True)
        serve = run_worker(task("serve", "serve", edit=serve_edit), log)
        result["serve"] = serve["rebuild"]
        result["serve"]["first_build_seconds"] = serve["seconds"]
        page = "docs/" + serve_edit.replace("data/models/", "models/").replace(".yaml", ".md")
        plain = run_worker(task("serve-baseline", "serve-baseline", edit=page), log)
        result["serve"]["baseline_seconds"] = plain["rebuild"]["seconds"]
    if not args.keep_sites:
        for path in work.glob("site-*"):
            shutil.rmtree(path, ignore_errors=True)
    return result


def time_check(project: Path, repeat: int = 3) -> float:
    """Seconds for `python -m atlas check` on a project (best of `repeat`)."""
    env = dict(os.environ, PYTHONPATH=str(project / "hooks"), PYTHONDONTWRITEBYTECODE="1")
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "atlas", "check", "--root", str(project)],
            env=env,
            capture_output=True,
            check=True,
        )
        best = min(best, time.perf_counter() - started)
    return best


def count_models(project: Path) -> int:
    return len(list((project / "data" / "models").glob("*.yaml")))


def machine() -> dict[str, Any]:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f"{kb / 1024 / 1024:.0f} GB"
    except (OSError, ValueError, IndexError):
        pass
    dot = subprocess.run(["dot", "-V"], capture_output=True, text=True, check=False).stderr.strip()
    versions = {}
    for package in ("mkdocs", "mkdocs-material", "mkdocs-static-i18n", "Markdown"):
        try:
            from importlib.metadata import version

            versions[package] = version(package)
        except Exception:
            versions[package] = "?"
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory": mem,
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
        "graphviz": dot,
        **versions,
    }


# ---------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------


def _mb(n: float) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 1e5 else f"{n / 1e3:.0f} kB"


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}×" if b else "–"


def _pair(ours: float, base: float, fmt=_mb) -> str:
    return f"{fmt(ours)} / {fmt(base)} ({_ratio(ours, base)})"


def _seconds(n: float) -> str:
    return f"{n:.1f} s"


def report(all_results: list[dict[str, Any]], info: dict[str, Any]) -> str:
    """Two tables (time, size) and the derived figures, as Markdown."""
    results = [r for r in all_results if not r.get("check_only")]
    checks = {r["name"]: r for r in all_results if "check_seconds" in r}
    good = [r for r in results if "error" not in r]
    lines = [
        f"Machine: {info['cpu']}, {info['cores']} cores, {info['memory']}; "
        f"Python {info['python']}; {info['graphviz']}; MkDocs {info['mkdocs']}, "
        f"Material {info['mkdocs-material']}, mkdocs-static-i18n {info['mkdocs-static-i18n']}.",
        "",
        "Build time, both languages (ours ÷ plain-Markdown baseline in brackets):",
        "",
        "| dataset | models | pages | ours, warm cache | baseline | in our hooks"
        " | in MkDocs + Material | ours, cold cache | cold ÷ warm"
        " | dot (cold): processes / diagrams / time | `make check` |",
        "|" + "---|" * 11,
    ]
    for r in results:
        if "error" in r:
            lines.append(f"| {r['name']} | failed: {r['error']} |" + " |" * 8)
            continue
        warm, base, cold = r["warm"], r["baseline"], r["cold"]
        dot = cold["dot"]
        lines.append(
            "| "
            + " | ".join(
                [
                    r["name"],
                    str(r["models"]),
                    str(r["site"]["pages"]),
                    f"{warm['seconds']:.1f} s ({_ratio(warm['seconds'], base['seconds'])})",
                    _seconds(base["seconds"]),
                    f"{warm['hook_seconds']:.1f} s ({warm['hook_seconds'] / warm['seconds']:.0%})",
                    _seconds(warm["seconds"] - warm["hook_seconds"]),
                    _seconds(cold["seconds"]),
                    _ratio(cold["seconds"], warm["seconds"]),
                    f"{dot['processes']} / {dot['diagrams']} / {dot['seconds']:.1f} s",
                    _seconds(r.get("check_seconds", 0)),
                ]
            )
            + " |"
        )
    lines += [
        "",
        "Output size (ours / baseline (ratio)):",
        "",
        "| dataset | largest page | median page | median model page without its diagram"
        " | whole site | search index |",
        "|" + "---|" * 6,
    ]
    for r in good:
        site, base = r["site"], r["baseline_site"]
        lines.append(
            "| "
            + " | ".join(
                [
                    r["name"],
                    _pair(site["largest_page"]["bytes"], base["largest_page"]["bytes"]),
                    _pair(site["median_page"], base["median_page"]),
                    _pair(
                        site["median_model_page_without_diagram"],
                        base["median_model_page_without_diagram"],
                    ),
                    _pair(site["bytes"], base["bytes"]),
                    _pair(site["search_index_bytes"], base["search_index_bytes"]),
                ]
            )
            + " |"
        )
    lines.append("")
    for r in good:
        largest = r["site"]["largest_page"]
        lines.append(f"- Largest page, {r['name']}: `{largest['path']}`.")
    by_models = {r["models"]: r for r in good if r["name"].startswith("n")}
    if 500 in by_models and 5000 in by_models:
        a, b = by_models[5000], by_models[500]
        lines.append(
            "- Linearity, 5000 ÷ 500 models (10× the models): "
            f"ours {_ratio(a['warm']['seconds'], b['warm']['seconds'])}, "
            f"baseline {_ratio(a['baseline']['seconds'], b['baseline']['seconds'])}."
        )
    if len(by_models) > 1:
        small, large = min(by_models), max(by_models)
        s = by_models[small]["site"]["median_model_page_without_diagram"]
        big = by_models[large]["site"]["median_model_page_without_diagram"]
        lines.append(
            f"- Median model page without its diagram: {_mb(s)} at {small} models, "
            f"{_mb(big)} at {large} ({_ratio(big, s)})."
        )
    for r in good:
        serve = r.get("serve")
        if serve:
            full = r["warm"]["seconds"]
            lines.append(
                f"- `mkdocs serve --dirty` rebuild ({r['name']}) after saving "
                f"`{serve['edited']}`: {serve['seconds']:.2f} s against a full warm build of "
                f"{full:.2f} s in the same run ({_ratio(serve['seconds'], full)}), both languages;"
                f" {serve['pages_written']} of {serve['pages']} pages written again, the rest"
                f" and the search index kept whole; {serve['hook_seconds']:.2f} s in our hooks."
                f" (A plain-Markdown site, rebuilt in full after saving one page: "
                f"{serve.get('baseline_seconds', 0):.2f} s.) dot ran {serve['dot_processes']}"
                f" time(s) for {serve['dot_diagrams']} diagram(s); {serve['changed_diagrams']} of"
                f" {serve['diagrams']} diagrams changed; unchanged diagrams rendered again: "
                f"{serve['unchanged_rerendered']}."
            )
    chain = {r["models"]: r for r in good if r["name"].startswith("chain")}
    if len(chain) >= 2:
        shallow, deep = min(chain), max(chain)
        a, b = chain[deep], chain[shallow]
        lines.append(
            f"- Depth, a chain of {deep} ÷ a chain of {shallow} ({deep // shallow}× deeper): "
            f"build {_ratio(a['warm']['seconds'], b['warm']['seconds'])} "
            f"(baseline {_ratio(a['baseline']['seconds'], b['baseline']['seconds'])}), "
            f"`make check` {_ratio(a['check_seconds'], b['check_seconds'])}."
        )
    deep_checks = [checks[f"check-chain{n}"] for n in CHECKED_CHAINS if f"check-chain{n}" in checks]
    if len(deep_checks) == 2:
        a, b = deep_checks[1], deep_checks[0]
        lines.append(
            f"- `make check`, a chain of {a['models']} ÷ a chain of {b['models']}: "
            f"{a['check_seconds']:.1f} s ÷ {b['check_seconds']:.1f} s = "
            f"{_ratio(a['check_seconds'], b['check_seconds'])}."
        )
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------
# Entry point
# ---------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Build the site with and without our hooks and compare.",
    )
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--sizes", help="comma-separated model counts, e.g. 50,500,1000,5000")
    parser.add_argument("--quick", action="store_true", help=f"sizes {QUICK_SIZES}, one run each")
    parser.add_argument("--no-real", action="store_true", help="skip the real dataset")
    parser.add_argument(
        "--chains", help="comma-separated depths of the chain datasets (default 30,300; 0 = none)"
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, help="warm/baseline runs per size (min is kept)")
    parser.add_argument(
        "--work", type=Path, help="where projects and sites go (default: a temp dir)"
    )
    parser.add_argument("--out", type=Path, default=ROOT / "bench-output")
    parser.add_argument("--profile", action="store_true", help="also run a cProfiled build")
    parser.add_argument(
        "--hooks", type=Path, help="use this hooks/ folder instead (to compare two versions)"
    )
    parser.add_argument("--keep-sites", action="store_true")
    args = parser.parse_args(argv)

    if args.worker:
        task = json.loads(args.worker)
        result = worker(task)
        Path(task["result"]).write_text(json.dumps(result, indent=1), encoding="utf-8")
        return 0

    sizes = QUICK_SIZES if args.quick else DEFAULT_SIZES
    if args.sizes:
        sizes = tuple(int(s) for s in args.sizes.split(",") if s.strip())
    args.out = args.out.resolve()
    args.out.mkdir(parents=True, exist_ok=True)
    work_root = args.work
    if work_root is None:
        import tempfile

        work_root = Path(tempfile.mkdtemp(prefix="atlas-bench-"))
    work_root = work_root.resolve()
    work_root.mkdir(parents=True, exist_ok=True)

    def repeat_for(name: str) -> int:
        if args.repeat:
            return args.repeat
        if args.quick:
            return 1
        n = int(name[1:]) if name.startswith("n") else 0
        return 3 if n <= 200 else 2 if n <= 1000 else 1

    args.repeat_for = repeat_for
    info = machine()
    print(f"Benchmark work folder: {work_root}", flush=True)
    results: list[dict[str, Any]] = []
    chains = () if args.quick else DEFAULT_CHAINS
    if args.chains:
        chains = tuple(int(c) for c in args.chains.split(",") if c.strip() and int(c))
    targets: list[tuple[str, int | None, str]] = [] if args.no_real else [("real", None, "")]
    targets += [(f"n{n}", n, "wide") for n in sizes]
    targets += [(f"chain{n}", n, "chain") for n in chains]
    started = time.perf_counter()
    for name, n, shape in targets:
        work = work_root / name
        project = work / "project"
        work.mkdir(parents=True, exist_ok=True)
        try:
            if n is None:
                copy_real(project)
                models = sorted((project / "data" / "models").glob("*.yaml"))
                edit = models[0].relative_to(project).as_posix() if models else None
            else:
                synth.write_project(project, n, args.seed, shape=shape)
                edit = None
            if args.hooks:
                shutil.rmtree(project / "hooks")
                shutil.copytree(args.hooks, project / "hooks")
            print(f"{name}: {count_models(project)} models", flush=True)
            result = bench_target(name, project, work, args, edit)
            result["models"] = count_models(project)
            result["check_seconds"] = time_check(project)
        except Exception as error:  # one failing dataset should not hide the others
            print(f"  {name} failed: {error}", flush=True)
            result = {"name": name, "error": str(error)}
        results.append(result)
        (args.out / "results.json").write_text(
            json.dumps({"machine": info, "results": results}, indent=1), encoding="utf-8"
        )
    if chains and not args.quick:
        for n in CHECKED_CHAINS:
            project = work_root / f"check-chain{n}"
            synth.write_project(project, n, args.seed, shape="chain")
            print(f"check-chain{n}: `make check` on a chain of {n}…", flush=True)
            results.append(
                {
                    "name": f"check-chain{n}",
                    "models": n,
                    "check_only": True,
                    "check_seconds": time_check(project),
                }
            )
    table = report(results, info)
    elapsed = time.perf_counter() - started
    (args.out / "results.md").write_text(table, encoding="utf-8")
    print()
    print(table)
    print(f"Benchmark took {elapsed / 60:.1f} min; results in {args.out}")
    if args.work is None:
        shutil.rmtree(work_root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
