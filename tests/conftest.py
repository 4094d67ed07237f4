"""Shared fixtures: the real site built once, and throw-away copies of the project.

Integration tests build with the real `mkdocs build --strict` in a subprocess, the
way a contributor or CI does, and then read the HTML. Nothing is written into the
checkout: sites go to temporary folders, and the diagram cache of every build in a
test run lives in one temporary folder (ATLAS_CACHE_DIR), shared because it is
keyed by content.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
COPIED = ("data", "docs", "hooks", "overrides", "mkdocs.yml", "CITATION.cff")
CACHE = Path(tempfile.mkdtemp(prefix="atlas-test-cache-"))


def environment(**extra: str) -> dict[str, str]:
    """The environment of every build and check the tests run."""
    env = dict(
        os.environ,
        NO_MKDOCS_2_WARNING="1",
        SOURCE_DATE_EPOCH="1700000000",
        PYTHONDONTWRITEBYTECODE="1",
    )
    env.setdefault("ATLAS_CACHE_DIR", str(CACHE))  # a test may point it elsewhere
    env.update(extra)
    return env


@dataclass
class Build:
    root: Path
    site: Path
    returncode: int
    output: str
    checkout_changes: list | None = None  # for the session build: what it wrote into ROOT

    def page(self, url: str) -> str:
        """The HTML of a page by its URL path, e.g. 'en/models/davinci/'."""
        path = self.site / url
        if url.endswith("/") or not url:
            path = path / "index.html"
        return path.read_text(encoding="utf-8")

    @property
    def warnings(self) -> list[str]:
        return [line for line in self.output.splitlines() if line.startswith("WARNING")]


def build_site(root: Path, site: Path, *extra: str, env: dict[str, str] | None = None) -> Build:
    env = env or environment()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site), *extra],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    return Build(root, site, result.returncode, result.stdout + result.stderr)


def copy_project(dest: Path) -> Path:
    """A copy of the project that a test may break without touching the real one."""
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, dest / name)
    return dest


MINI = ROOT / "tests" / "fixtures" / "mini"
MINI_NAV = """nav:
  - index.md
  - lineage/index.md
  - models/index.md
  - capabilities/index.md
  - capabilities/matrix.md
  - methods/index.md
  - papers/index.md
  - glossary/index.md
  - limitations/index.md
  - claims/index.md
  - sources/index.md
"""


def mini_project(dest: Path) -> Path:
    """The real hooks, theme and config with the small, stable dataset of tests/fixtures/mini.

    Tests that check exact behaviour use it, so they do not change as data/ grows.
    """
    shutil.copytree(MINI / "data", dest / "data")
    shutil.copytree(ROOT / "data" / "schema", dest / "data" / "schema")
    shutil.copytree(MINI / "docs", dest / "docs")
    shutil.copytree(ROOT / "overrides", dest / "overrides")
    shutil.copytree(ROOT / "hooks", dest / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(ROOT / "CITATION.cff", dest / "CITATION.cff")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (dest / "mkdocs.yml").write_text(
        config[: config.index("\nnav:")] + "\n" + MINI_NAV, encoding="utf-8"
    )
    return dest


def check(root: Path) -> subprocess.CompletedProcess:
    """`python -m atlas check` on a project, as a contributor runs it."""
    env = environment(PYTHONPATH=str(ROOT / "hooks"))
    return subprocess.run(
        [sys.executable, "-m", "atlas", "check", "--root", str(root)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    return mini_project(tmp_path / "mini")


def checkout_files() -> dict[str, int]:
    """Every file of the checkout with its modification time (git, venv, screenshots aside)."""
    skip = (".git", ".venv", "test-output", "bench-output")
    return {
        p.relative_to(ROOT).as_posix(): p.stat().st_mtime_ns
        for p in ROOT.rglob("*")
        if p.is_file() and p.relative_to(ROOT).parts[0] not in skip
    }


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The real site, built once per test session, straight from the checkout."""
    before = checkout_files()
    build = build_site(ROOT, tmp_path_factory.mktemp("site") / "site")
    assert build.returncode == 0, build.output
    build.checkout_changes = sorted(set(before.items()) ^ set(checkout_files().items()))
    return build


@pytest.fixture(scope="session")
def mini_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The small fixture dataset, built once per test session."""
    root = tmp_path_factory.mktemp("mini-site")
    build = build_site(mini_project(root / "project"), root / "site")
    assert build.returncode == 0, build.output
    return build


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def poisoned(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """A project with a hostile payload in every text field (tests/hostile.py), built once."""
    from hostile import poisoned_project

    root = tmp_path_factory.mktemp("poisoned")
    project, _ = poisoned_project(root / "project")
    build = build_site(project, root / "site")
    assert build.returncode == 0, build.output
    return build
