"""An incremental rebuild writes exactly what a clean build of the same tree writes.

`make serve` runs `mkdocs serve --dirty`: after an edit, only the pages whose
inputs changed are written again (hooks/atlas/rebuild.py). That is only safe if the
result cannot be told apart from a clean build, search index and navigation
included. So a copy of the project is edited step by step (a record changed,
added, renamed and deleted, a glossary definition, an article and an article's
title changed) and rebuilt in one process, as the server does; after every step
the site must equal, byte for byte, a clean build of the same files.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, build_site, environment, mini_project
from incremental import apply

pytestmark = pytest.mark.slow


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def plan(project: Path) -> list[dict]:
    def text(path: str) -> str:
        return (project / path).read_text(encoding="utf-8")

    davinci = text("data/models/davinci.yaml")
    twin = davinci.replace("id: davinci", "id: davinci-twin").replace(
        "name: davinci", "name: davinci twin"
    )
    term = "data/glossary/in-context-learning.yaml"  # the home pages mention it
    home = text("docs/index.en.md")
    return [
        {
            "label": "edit-model",
            "ops": [
                {"write": "data/models/davinci.yaml", "text": davinci.replace("最初的", "原始的")}
            ],
        },
        {"label": "add-model", "ops": [{"write": "data/models/davinci-twin.yaml", "text": twin}]},
        {
            "label": "rename-model",
            "ops": [
                {"delete": "data/models/davinci-twin.yaml"},
                {
                    "write": "data/models/davinci-copy.yaml",
                    "text": twin.replace("id: davinci-twin", "id: davinci-copy"),
                },
            ],
        },
        {"label": "delete-model", "ops": [{"delete": "data/models/davinci-copy.yaml"}]},
        {
            "label": "edit-definition",
            "ops": [{"write": term, "text": text(term).replace("示例", "例子")}],
        },
        {
            "label": "edit-article",
            "ops": [{"write": "docs/index.en.md", "text": home + "\nOne more sentence.\n"}],
        },
        {
            "label": "edit-title",
            "ops": [{"write": "docs/index.en.md", "text": home.replace("# ", "# Renamed: ", 1)}],
        },
    ]


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict], list[dict]]:
    root = tmp_path_factory.mktemp("rebuild")
    project = mini_project(root / "project")
    steps = plan(project)
    (root / "plan.json").write_text(json.dumps(steps), encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "tools" / "incremental.py"),
            str(project),
            str(root / "site"),
            str(root / "plan.json"),
        ],
        cwd=project,
        env=environment(),
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    timings = [json.loads(line) for line in result.stdout.splitlines()]
    assert [t["label"] for t in timings] == ["first", *(s["label"] for s in steps)]
    return root, steps, timings


def test_every_step_equals_a_clean_build(rebuilt, tmp_path: Path) -> None:
    root, steps, _ = rebuilt
    reference = mini_project(tmp_path / "reference")
    for step in steps:
        apply(reference, step["ops"])
        clean = build_site(reference, tmp_path / f"clean-{step['label']}")
        assert clean.returncode == 0, clean.output
        dirty = files(root / f"site-{step['label']}")
        expected = files(clean.site)
        assert sorted(dirty) == sorted(expected), (step["label"], set(dirty) ^ set(expected))
        different = [name for name in sorted(expected) if dirty[name] != expected[name]]
        assert different == [], (step["label"], different[:10])


def test_an_edit_rewrites_only_the_pages_it_changes(rebuilt) -> None:
    """After the model edit, a page that does not mention the model was not written again."""
    root, _, _ = rebuilt
    before, after = root / "site-first", root / "site-edit-model"
    untouched = "en/papers/2203.02155/index.html"  # the InstructGPT paper: no davinci in it
    changed = "models/davinci/index.html"
    assert (before / untouched).stat().st_mtime_ns == (after / untouched).stat().st_mtime_ns
    assert (before / changed).read_bytes() != (after / changed).read_bytes()


def test_a_deleted_record_leaves_nothing_behind(rebuilt) -> None:
    root, _, _ = rebuilt
    assert (root / "site-add-model" / "models" / "davinci-twin" / "index.html").is_file()
    renamed = root / "site-rename-model"
    assert not (renamed / "models" / "davinci-twin").exists()
    assert (renamed / "en" / "models" / "davinci-copy" / "index.html").is_file()
    gone = root / "site-delete-model"
    assert not (gone / "models" / "davinci-copy").exists()
    assert not (gone / "en" / "models" / "davinci-copy").exists()
    index = json.loads((gone / "en" / "search" / "search_index.json").read_text("utf-8"))
    assert not [d for d in index["docs"] if "davinci-copy" in d["location"]]


SETTINGS_KEY = """
from mkdocs.config import load_config
from atlas.site import settings_key
config = load_config("mkdocs.yml")
print(settings_key(config.markdown_extensions, config.mdx_configs))
"""


def test_the_markdown_settings_key_is_the_same_in_every_process() -> None:
    """It keys the cache of checked articles: a memory address in it (the toc's slugify
    function) made every build check every article again."""
    keys = {
        subprocess.run(
            [sys.executable, "-c", SETTINGS_KEY],
            cwd=ROOT,
            env=environment(PYTHONPATH=str(ROOT / "hooks")),
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for _ in range(2)
    }
    (key,) = keys
    assert "slugify" in key and " at 0x" not in key
    assert "'case': 'lower'" in key  # the slugify options are part of it
