"""Contributor tooling works: workflows lint clean, schemas help editors, templates validate."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from atlas.validate import SCHEMA_FOR_KIND as KIND_SCHEMA
from conftest import ROOT

BIN = Path(sys.executable).parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
SCHEMAS = sorted((ROOT / "data" / "schema").glob("*.schema.json"))


def run(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, timeout=300, check=False
    )


def test_workflows_exist() -> None:
    names = {w.name for w in WORKFLOWS}
    assert {"ci.yml", "pages.yml"} <= names


def test_workflows_pass_zizmor() -> None:
    result = run(str(BIN / "zizmor"), "--offline", "--min-severity", "low", *map(str, WORKFLOWS))
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflows_match_the_github_workflow_schema() -> None:
    result = run(
        str(BIN / "check-jsonschema"),
        "--builtin-schema",
        "vendor.github-workflows",
        *map(str, WORKFLOWS),
    )
    assert result.returncode == 0, result.stdout + result.stderr


def steps(workflow: str) -> list[dict]:
    data = yaml.safe_load((ROOT / ".github" / "workflows" / workflow).read_text("utf-8"))
    return [step for job in data["jobs"].values() for step in job.get("steps", [])]


def commands(workflow: str) -> list[str]:
    """The shell commands a workflow runs, one per line (comments are not commands)."""
    lines = []
    for step in steps(workflow):
        for line in str(step.get("run", "")).splitlines():
            line = line.split("#", 1)[0].strip()
            if line:
                lines.append(line)
    return lines


def test_workflows_run_the_documented_commands() -> None:
    ci = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text("utf-8"))
    assert "pull_request" in ci[True]  # YAML 1.1 reads the key 'on' as true
    assert "make check" in commands("ci.yml") and "make test" in commands("ci.yml")
    assert "make build" in commands("pages.yml")
    uses = [step.get("uses", "") for step in steps("pages.yml")]
    assert any(u.startswith("actions/deploy-pages@") for u in uses)


def test_ci_entry_point_runs_make_test() -> None:
    """.ci/run, which CI calls on a clean clone, runs the README's test command."""
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    lines = [line.split("#", 1)[0].strip() for line in script.splitlines()]
    assert "make test" in [line for line in lines if line]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make test" in readme and "make serve" in readme
    for workflow in WORKFLOWS:  # third-party actions pinned to a commit
        for ref in re.findall(r"uses:\s*\S+@(\S+)", workflow.read_text(encoding="utf-8")):
            assert re.fullmatch(r"[0-9a-f]{40}", ref), (workflow.name, ref)


def test_pre_commit_config_is_valid() -> None:
    result = run(str(BIN / "pre-commit"), "validate-config", ".pre-commit-config.yaml")
    assert result.returncode == 0, result.stdout + result.stderr
    config = (ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert "make check" in config and "ruff" in config


def _properties(schema: dict, at: str = ""):
    for name, prop in (schema.get("properties") or {}).items():
        yield f"{at}.{name}", prop
        yield from _properties(prop, f"{at}.{name}")
        if isinstance(prop.get("items"), dict):
            yield from _properties(prop["items"], f"{at}.{name}[]")
    for name, definition in (schema.get("$defs") or {}).items():
        yield from _properties(definition, f"$defs.{name}")


COMMON = json.loads((ROOT / "data" / "schema" / "common.schema.json").read_text("utf-8"))


def _has(prop: dict, key: str) -> bool:
    """A field documents `key` itself, or through the shared type it refers to."""
    if key in prop:
        return True
    ref = prop.get("$ref", "")
    return "#/$defs/" in ref and key in COMMON["$defs"].get(ref.rsplit("/", 1)[1], {})


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_every_schema_field_has_a_description_and_examples(path: Path) -> None:
    """Editors show these while typing; a field without them leaves a contributor guessing."""
    schema = json.loads(path.read_text(encoding="utf-8"))
    fields = list(_properties(schema))
    assert fields
    assert [w for w, prop in fields if not _has(prop, "description")] == []
    assert [w for w, prop in fields if not _has(prop, "examples")] == []


def test_editor_settings_map_every_kind_to_its_schema() -> None:
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    for kind, schema in KIND_SCHEMA.items():
        assert f"data/{kind}/*.yaml" in mapping[f"./data/schema/{schema}.schema.json"]


def test_every_record_names_its_schema() -> None:
    """The modeline lets any YAML-language-server editor find the right schema."""
    wrong = []
    for kind, schema in KIND_SCHEMA.items():
        for path in (ROOT / "data" / kind).glob("*.yaml"):
            first = path.read_text(encoding="utf-8").splitlines()[0]
            if first != f"# yaml-language-server: $schema=../schema/{schema}.schema.json":
                wrong.append(path.relative_to(ROOT).as_posix())
    assert not wrong


def test_templates_are_valid_records(tmp_path: Path) -> None:
    """A contributor starts from a template: it must already satisfy the schema."""
    from atlas.load import load_text
    from atlas.validate import load_validators

    validators, problems = load_validators(ROOT / "data" / "schema")
    assert validators is not None, problems
    for name in KIND_SCHEMA.values():
        data, _ = load_text((ROOT / "data" / "templates" / f"{name}.yaml").read_text("utf-8"))
        errors = [e.message for e in validators[name].iter_errors(data)]
        assert not errors, (name, errors)
