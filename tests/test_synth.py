"""tools/synth.py: synthetic datasets that pass the validator, the same every time.

No timing is asserted anywhere; `make bench` measures, tests only check behaviour.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import synth
from conftest import build_site, check


def _files(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted((root / "data").rglob("*"))
        if path.is_file()
    }


def _month(date: str) -> tuple[int, int]:
    parts = date.split("-")
    return int(parts[0]), int(parts[1]) if len(parts) > 1 else 1


def _released(model: dict) -> tuple[int, int]:
    return min(_month(d["date"]) for d in model["dates"] if d["kind"] != "training-cutoff")


def test_small_synthetic_project_passes_check(tmp_path: Path) -> None:
    project = tmp_path / "synthetic"
    counts = synth.write_project(project, 60, seed=3)
    assert counts["models"] >= 60
    result = check(project)
    assert result.returncode == 0, result.stderr
    assert "data/ is valid" in result.stdout
    for name in ("docs", "hooks", "mkdocs.yml", "data/schema"):
        assert (project / name).exists(), name


def test_same_models_and_seed_give_the_same_files(tmp_path: Path) -> None:
    first = tmp_path / "first"
    second = tmp_path / "second"
    other = tmp_path / "other"
    synth.write_project(first, 80, seed=1)
    synth.write_project(second, 80, seed=1)
    synth.write_project(other, 80, seed=2)
    assert _files(first) == _files(second)
    assert _files(first) != _files(other)
    # Writing into an existing project replaces it completely.
    synth.write_project(second, 80, seed=1)
    assert _files(first) == _files(second)


def test_lineage_looks_like_a_real_one() -> None:
    data = synth.generate(400, seed=0)
    models = data["models"]
    assert len(models) == 400
    assert all(data[kind] for kind in data), "every kind of record is generated"
    assert len({m["family"] for m in models.values()}) > 5
    assert sum(len(m.get("parents") or []) > 1 for m in models.values()) >= 5
    roots = [mid for mid, m in models.items() if not m.get("parents")]
    assert 5 < len(roots) < 200

    def depth(mid: str, seen: dict[str, int] = {}) -> int:  # noqa: B006
        if mid not in seen:
            parents = [p["model"] for p in models[mid].get("parents") or []]
            seen[mid] = 1 + max((depth(p) for p in parents), default=-1)
        return seen[mid]

    assert max(depth(mid) for mid in models) >= 4
    for mid, model in models.items():
        for parent in model.get("parents") or []:
            assert _released(model) >= _released(models[parent["model"]]), mid
    effects = [
        e["change"]
        for m in models.values()
        for p in m.get("parents") or []
        for e in p.get("effects") or []
    ]
    assert {"added", "strengthened", "weakened"} <= set(effects)
    assert any(m.get("capabilities") for m in models.values())
    assert any("billions" not in m["parameters"] for m in models.values())


def test_ids_the_hand_written_pages_use_become_records(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "articles").mkdir(parents=True)
    (docs / "articles" / "a.md").write_text(
        "See [davinci](../models/davinci.md), [RLHF](../glossary/index.md#rlhf), "
        "[a paper](../papers/2203.02155.md) and a note[^openai-model-index].\n\n"
        "<!-- atlas:pipeline rlhf-ppo -->\n\n"
        "Defined here[^own].\n\n[^own]: Not a record.\n",
        encoding="utf-8",
    )
    refs = synth.scan_docs(docs)
    assert refs.ids["models"] == {"davinci"}
    assert refs.ids["glossary"] == {"rlhf"}
    assert refs.ids["papers"] == {"2203.02155"}
    assert refs.ids["sources"] == {"openai-model-index"}
    assert refs.pipelines == {"rlhf-ppo"}
    data = synth.generate(50, seed=0, refs=refs)
    assert "davinci" in data["models"]
    assert "2203.02155" in data["papers"]
    assert "openai-model-index" in data["sources"]
    assert data["methods"]["rlhf-ppo"]["pipeline"]["nodes"]


@pytest.mark.slow
def test_small_synthetic_site_builds_strictly(tmp_path: Path) -> None:
    project = synth_project = tmp_path / "synthetic"
    synth.write_project(synth_project, 50, seed=0)
    build = build_site(project, tmp_path / "site")
    assert build.returncode == 0, build.output
    assert (tmp_path / "site" / "en" / "models" / "index.html").exists()
