"""Bad input never breaks the build: every case in tests/bad_data/ gives a clear error.

Each case folder holds files that are copied over the small fixture dataset, a
README.md saying what the case is, and `expect.txt`: exactly what `make check`
must print, every problem and nothing else. The check exits non-zero with no
traceback, and a build stops before it writes anything.

Cases that git cannot store (symbolic links, FIFOs, a missing schema, a missing
`dot`) are built by the tests at the end of this file, with their exact problems.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path

import pytest

from conftest import build_site, check, environment, mini_project

CASES = Path(__file__).parent / "bad_data"
CASE_NAMES = sorted(p.name for p in CASES.iterdir() if p.is_dir())
HEADER = re.compile(r"^(\d+) problems? in [a-z/ ]+:$|^(\d+) problems?:$")


def apply_case(project: Path, case: Path) -> None:
    for path in sorted(case.rglob("*")):
        if path.is_file() and path.parent != case:  # README.md and expect.txt stay
            target = project / path.relative_to(case)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)


def expected(case: str) -> str:
    return (CASES / case / "expect.txt").read_text(encoding="utf-8")


def problem_lines(report: str) -> list[str]:
    """The problems of a report: its indented lines."""
    return [line[2:] for line in report.splitlines() if line.startswith("  ")]


def assert_exact_failure(returncode: int, output: str, want: str) -> None:
    assert returncode != 0, output
    assert "Traceback" not in output, output
    assert output.strip() == want.strip()


@pytest.mark.parametrize("case", CASE_NAMES)
def test_bad_data_case(case: str, tmp_path: Path) -> None:
    project = mini_project(tmp_path / "project")
    apply_case(project, CASES / case)
    result = check(project)
    assert result.stdout == ""
    assert_exact_failure(result.returncode, result.stderr, expected(case))


@pytest.mark.parametrize("case", CASE_NAMES)
def test_every_case_says_what_it_is(case: str) -> None:
    readme = (CASES / case / "README.md").read_text(encoding="utf-8").strip()
    assert len(readme) > 20
    first = expected(case).splitlines()[0]
    assert HEADER.match(first), first
    count = int(first.split()[0])
    assert count == len(problem_lines(expected(case))) > 0


def test_valid_fixture_passes(mini: Path) -> None:
    result = check(mini)
    assert result.returncode == 0, result.stderr
    assert "data/ is valid" in result.stdout


def test_huge_file(mini: Path) -> None:
    (mini / "data" / "models" / "huge.yaml").write_text("id: huge\n" + "# padding\n" * 40_000)
    result = check(mini)
    assert_exact_failure(
        result.returncode,
        result.stderr,
        "1 problem in data/:\n"
        "  data/models/huge.yaml: file is 400,009 bytes; the limit is 262,144 (a record is a "
        "few kilobytes; split long text or move it to an article)",
    )


def test_enormous_string(mini: Path) -> None:
    model = (mini / "data" / "models" / "davinci.yaml").read_text(encoding="utf-8")
    line = next(x for x in model.splitlines() if x.startswith("  zh: "))
    long_line = line + "很长" * 2500
    (mini / "data" / "models" / "davinci.yaml").write_text(
        model.replace(line, long_line, 1), encoding="utf-8"
    )
    length = len(long_line) - len("  zh: ")
    number = model.splitlines().index(line) + 1
    result = check(mini)
    assert_exact_failure(
        result.returncode,
        result.stderr,
        "1 problem in data/:\n"
        f"  data/models/davinci.yaml:{number}: summary.zh: is {length:,} characters long; "
        "the limit is 4,000 (shorten it; long explanations belong in an article)",
    )


def test_all_problems_reported_at_once(tmp_path: Path) -> None:
    """Problems in data/ and docs/, of every stage that can run, in one report.

    An article's shortcode arguments and citations name records, so they are looked
    up once the data is valid; everything else about an article is checked at once.
    """
    project = mini_project(tmp_path / "project")
    cases = (
        "unknown-model-did-you-mean",
        "bad-dates",
        "bad-urls",
        "non-utf8",
        "article-html",
        "article-front-matter",
        "docs-file-types",
    )
    want: set[str] = set()
    for case in cases:
        apply_case(project, CASES / case)
        want |= set(problem_lines(expected(case)))
    result = check(project)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert set(problem_lines(result.stderr)) == want
    assert result.stderr.splitlines()[0] == f"{len(want)} problems in data/ and docs/:"


@pytest.mark.parametrize(
    "case", ["yaml-syntax-error", "cycle", "bad-urls", "alias-bomb", "docs-file-types"]
)
def test_build_fails_cleanly_and_writes_nothing(case: str, tmp_path: Path) -> None:
    """`mkdocs build` stops before writing: the previous site stays as it was."""
    project = mini_project(tmp_path / "project")
    site = tmp_path / "site"
    site.mkdir()
    (site / "previous.html").write_text("the last good build")
    apply_case(project, CASES / case)
    build = build_site(project, site)
    assert build.returncode != 0 and "Traceback" not in build.output
    report = expected(case)
    assert report.splitlines()[0] in build.output
    assert problem_lines(build.output) == problem_lines(report)
    assert sorted(p.name for p in site.iterdir()) == ["previous.html"]


# -- what git cannot store -------------------------------------------------------------


def test_links_fifos_and_folders_named_like_files(tmp_path: Path) -> None:
    """Nothing outside the repository is read: no link is followed, no FIFO opened."""
    project = mini_project(tmp_path / "project")
    outside = tmp_path / "outside.yaml"
    outside.write_text((project / "data" / "models" / "davinci.yaml").read_text("utf-8"))
    docs, data = project / "docs", project / "data"
    (docs / "articles").mkdir()
    (docs / "articles" / "env.md").symlink_to("/proc/self/environ")
    (docs / "os.md").symlink_to("/etc/os-release")
    (docs / "gone.md").symlink_to(tmp_path / "no-such-file")
    (docs / "loop").symlink_to(docs)
    os.mkfifo(docs / "pipe.md")
    (docs / "folder.md").mkdir()
    (data / "models" / "elsewhere.yaml").symlink_to(outside)
    (data / "models" / "folder.yaml").mkdir()
    (data / "sources" / "pipe.yaml").parent.mkdir(exist_ok=True)
    os.mkfifo(data / "sources" / "pipe.yaml")
    result = check(project)  # a FIFO that were opened would hang here until the timeout
    hint = "commit the file itself; links may point outside the repository"
    assert_exact_failure(
        result.returncode,
        result.stderr,
        "9 problems in data/ and docs/:\n"
        f"  data/models/elsewhere.yaml: is a symbolic link (to somewhere else) ({hint})\n"
        "  data/models/folder.yaml: is a folder named like a file (rename or remove it)\n"
        "  data/sources/pipe.yaml: is not a regular file (a FIFO, socket or device) "
        "(remove it; only ordinary files belong here)\n"
        f"  docs/articles/env.md: is a symbolic link (to somewhere else) ({hint})\n"
        "  docs/folder.md: is a folder named like a file (rename or remove it)\n"
        f"  docs/gone.md: is a symbolic link (to a missing file) ({hint})\n"
        f"  docs/loop: is a symbolic link (to somewhere else) ({hint})\n"
        f"  docs/os.md: is a symbolic link (to somewhere else) ({hint})\n"
        "  docs/pipe.md: is not a regular file (a FIFO, socket or device) "
        "(remove it; only ordinary files belong here)",
    )


def test_a_build_with_a_link_in_docs_publishes_nothing(tmp_path: Path) -> None:
    project = mini_project(tmp_path / "project")
    (project / "docs" / "env.md").symlink_to("/proc/self/environ")
    os.mkfifo(project / "docs" / "pipe.md")
    site = tmp_path / "site"
    site.mkdir()
    (site / "previous.html").write_text("the last good build")
    build = build_site(project, site)
    assert build.returncode != 0 and "Traceback" not in build.output
    assert "docs/env.md: is a symbolic link" in build.output
    assert "docs/pipe.md: is not a regular file" in build.output
    assert sorted(p.name for p in site.iterdir()) == ["previous.html"]


def test_a_missing_or_broken_schema(tmp_path: Path) -> None:
    project = mini_project(tmp_path / "project")
    schema = project / "data" / "schema"
    (schema / "term.schema.json").unlink()
    (schema / "model.schema.json").write_text('{"type": "object",\n  "properties": }\n')
    result = check(project)
    assert_exact_failure(
        result.returncode,
        result.stderr,
        "1 problem in data/:\n"
        "  data/schema/term.schema.json: schema file is missing (restore it from the repository)",
    )
    (schema / "term.schema.json").write_text("{}")
    result = check(project)
    assert_exact_failure(
        result.returncode,
        result.stderr,
        "1 problem in data/:\n"
        "  data/schema/model.schema.json:2: not valid JSON: Expecting value (fix the syntax)",
    )


def test_a_file_where_the_cache_folder_goes(tmp_path: Path) -> None:
    project = mini_project(tmp_path / "project")
    cache = tmp_path / "cache"
    cache.write_text("not a folder")
    build = build_site(project, tmp_path / "site", env=environment(ATLAS_CACHE_DIR=str(cache)))
    assert build.returncode != 0 and "Traceback" not in build.output
    assert (
        f"1 problem:\n  {cache}: is not a folder, but the build keeps its cache there "
        "(remove or rename it (the build recreates it), or set ATLAS_CACHE_DIR)"
    ) in build.output


def test_the_cache_is_not_in_the_checkout(tmp_path: Path) -> None:
    """A pull request can commit .cache/: a planted SVG must never reach a page."""
    from atlas.site import cache_dir

    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("ATLAS_CACHE_DIR", raising=False)
        patch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
        where = cache_dir(tmp_path / "project")
    assert where.is_relative_to(tmp_path / "user-cache")
    assert not where.is_relative_to(tmp_path / "project")


def tree(folder: Path) -> dict[str, int]:
    return {
        p.relative_to(folder).as_posix(): p.stat().st_mtime_ns
        for p in folder.rglob("*")
        if p.is_file()
    }


def test_without_graphviz_check_passes_writes_nothing_and_build_explains(tmp_path: Path) -> None:
    """`make check` needs no Graphviz and writes nothing; a build that must draw says how
    to install it."""
    project = mini_project(tmp_path / "project")
    cache = tmp_path / "cache"
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "python").symlink_to(sys.executable)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PATH", str(bin_dir))
        patch.setenv("ATLAS_CACHE_DIR", str(cache))
        assert shutil.which("dot") is None
        before = tree(tmp_path)
        result = check(project)
        assert result.returncode == 0, result.stderr
        assert tree(tmp_path) == before
        build = build_site(project, tmp_path / "site")
    assert build.returncode != 0 and "Traceback" not in build.output
    assert (
        "1 problem:\n  graphviz: the Graphviz program 'dot' was not found, and diagrams need "
        "drawing (install it with 'sudo apt-get install graphviz', or run 'make serve', which "
        "does it for you)"
    ) in build.output
    assert not (tmp_path / "site").exists()


def test_a_cached_diagram_planted_in_the_checkout_never_reaches_a_page(tmp_path: Path) -> None:
    """The old cache folder, .cache/diagrams/ in the project, is not read at all."""
    from atlas import diagrams
    from atlas.validate import validate

    project = mini_project(tmp_path / "project")
    dataset, problems = validate(project)
    assert not problems
    diagram = diagrams.pipeline_diagram(dataset.methods["rlhf-ppo"], "zh")
    planted = project / ".cache" / "diagrams" / f"{diagram.key}.svg"
    planted.parent.mkdir(parents=True)
    planted.write_text('<svg><script>alert("PLANTED")</script></svg>', encoding="utf-8")
    build = build_site(project, tmp_path / "site")
    assert build.returncode == 0, build.output
    assert "PLANTED" not in build.page("methods/rlhf-ppo/")
    assert "<svg" in build.page("methods/rlhf-ppo/")
