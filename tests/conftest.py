"""Shared fixtures: the real site built once, and throw-away copies of the project.

Integration tests build with the real `mkdocs build --strict` in a subprocess, the
way a contributor or CI does, and then read the HTML.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
COPIED = ("data", "docs", "hooks", "overrides", "mkdocs.yml")


@dataclass
class Build:
    root: Path
    site: Path
    returncode: int
    output: str

    def page(self, url: str) -> str:
        """The HTML of a page by its URL path, e.g. 'en/models/davinci/'."""
        path = self.site / url
        if url.endswith("/") or not url:
            path = path / "index.html"
        return path.read_text(encoding="utf-8")

    @property
    def warnings(self) -> list[str]:
        return [line for line in self.output.splitlines() if line.startswith("WARNING")]


def build_site(root: Path, site: Path, *extra: str) -> Build:
    env = dict(
        os.environ,
        NO_MKDOCS_2_WARNING="1",
        SOURCE_DATE_EPOCH="1700000000",
        PYTHONDONTWRITEBYTECODE="1",
    )
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
    cache = ROOT / ".cache" / "diagrams"
    if cache.is_dir():  # reuse rendered diagrams; they are keyed by content
        shutil.copytree(cache, dest / ".cache" / "diagrams")
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
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (dest / "mkdocs.yml").write_text(
        config[: config.index("\nnav:")] + "\n" + MINI_NAV, encoding="utf-8"
    )
    return dest


def check(root: Path) -> subprocess.CompletedProcess:
    """`python -m atlas check` on a project, as a contributor runs it."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "hooks"), PYTHONDONTWRITEBYTECODE="1")
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


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The real site, built once per test session."""
    build = build_site(ROOT, tmp_path_factory.mktemp("site") / "site")
    assert build.returncode == 0, build.output
    return build


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")
