"""Bad input never breaks the build: every case in tests/bad_data/ gives a clear error.

Each case folder holds files that are copied over the small fixture dataset, and
`expect.txt`, the lines the contributor must see. The check exits non-zero, prints
every problem with file and line, shows no traceback, and a build writes nothing.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import build_site, check, mini_project

CASES = Path(__file__).parent / "bad_data"


def apply_case(project: Path, case: Path) -> None:
    for path in sorted(case.rglob("*")):
        if path.is_file() and path.name not in ("expect.txt", "README.md"):
            target = project / path.relative_to(case)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)


def assert_clear_failure(result_code: int, output: str, expected: list[str]) -> None:
    assert result_code != 0, output
    assert "Traceback" not in output, output
    for line in expected:
        assert line in output, f"expected {line!r} in:\n{output}"


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir() if p.is_dir()))
def test_bad_data_case(case: str, tmp_path: Path) -> None:
    project = mini_project(tmp_path / "project")
    apply_case(project, CASES / case)
    expected = (CASES / case / "expect.txt").read_text(encoding="utf-8").splitlines()
    result = check(project)
    assert_clear_failure(result.returncode, result.stdout + result.stderr, expected)


def test_valid_fixture_passes(mini: Path) -> None:
    result = check(mini)
    assert result.returncode == 0, result.stderr
    assert "data/ is valid" in result.stdout


def test_huge_file(mini: Path) -> None:
    (mini / "data" / "models" / "huge.yaml").write_text("id: huge\n" + "# padding\n" * 40_000)
    result = check(mini)
    assert_clear_failure(
        result.returncode,
        result.stderr,
        ["data/models/huge.yaml: file is 400,009 bytes; the limit is 262,144"],
    )


def test_enormous_string(mini: Path) -> None:
    model = (mini / "data" / "models" / "davinci.yaml").read_text(encoding="utf-8")
    line = next(x for x in model.splitlines() if x.startswith("  zh: "))
    long_line = line + "很长" * 2500
    (mini / "data" / "models" / "davinci.yaml").write_text(
        model.replace(line, long_line, 1), encoding="utf-8"
    )
    length = len(long_line) - len("  zh: ")
    result = check(mini)
    assert_clear_failure(
        result.returncode,
        result.stderr,
        [f"summary.zh: is {length:,} characters long; the limit is 4,000"],
    )


def test_all_problems_reported_at_once(tmp_path: Path) -> None:
    project = mini_project(tmp_path / "project")
    expected = []
    for case in ("unknown-model-did-you-mean", "bad-dates", "bad-urls", "non-utf8"):
        apply_case(project, CASES / case)
        expected += (CASES / case / "expect.txt").read_text(encoding="utf-8").splitlines()
    result = check(project)
    assert_clear_failure(result.returncode, result.stderr, expected)
    count = int(result.stderr.split()[0])
    assert count >= len(expected)


@pytest.mark.parametrize("case", ["yaml-syntax-error", "cycle", "bad-urls", "alias-bomb"])
def test_build_fails_cleanly_and_writes_nothing(case: str, tmp_path: Path) -> None:
    """`mkdocs build` stops before writing: the previous site stays as it was."""
    project = mini_project(tmp_path / "project")
    site = tmp_path / "site"
    site.mkdir()
    (site / "previous.html").write_text("the last good build")
    apply_case(project, CASES / case)
    build = build_site(project, site)
    expected = (CASES / case / "expect.txt").read_text(encoding="utf-8").splitlines()
    assert_clear_failure(build.returncode, build.output, expected)
    assert sorted(p.name for p in site.iterdir()) == ["previous.html"]
