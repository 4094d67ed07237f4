"""Two builds of the same commit are byte-identical, with a warm or an empty diagram cache."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import build_site, copy_project


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_two_builds_are_identical(site, tmp_path: Path) -> None:
    """The session build and a second, independent build of a copy of the tree.

    SOURCE_DATE_EPOCH (set by the Makefile from the last commit, and by these tests)
    fixes the sitemap dates and the gzip header; nothing else depends on the clock.
    The copy starts with an empty diagram cache, so every SVG is rendered afresh.
    """
    project = copy_project(tmp_path / "project")
    shutil.rmtree(project / ".cache", ignore_errors=True)
    second = build_site(project, tmp_path / "site")
    assert second.returncode == 0, second.output
    first_files, second_files = files(site.site), files(second.site)
    assert sorted(first_files) == sorted(second_files)
    different = [name for name in first_files if first_files[name] != second_files[name]]
    assert different == []
