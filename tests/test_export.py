"""The way out: `python -m atlas markdown OUT` builds with plain MkDocs and Material.

The export of the mini project is built with `mkdocs build --strict` and no hooks
(the engine-neutral path past Material's end of life, see docs/architecture.md);
its pages and diagrams must come through in both languages. What to expect comes
from the mini fixture's records and the exported files, not from the build.
"""

from __future__ import annotations

import html
import posixpath
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import MINI, ROOT, Build, build_site, environment, mini_project

_IMG = re.compile(r'<img alt="([^"]*)" src="([^"]+\.svg)"')


def export(project: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "atlas", "markdown", str(out), "--root", str(project)],
        env=environment(PYTHONPATH=str(ROOT / "hooks")),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The mini project exported, then built by MkDocs and Material alone."""
    root = tmp_path_factory.mktemp("plain")
    result = export(mini_project(root / "project"), root / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    return build_site(root / "out", root / "site")


def models() -> list[dict]:
    return [
        yaml.safe_load(path.read_text(encoding="utf-8"))
        for path in sorted((MINI / "data" / "models").glob("*.yaml"))
    ]


def test_the_export_has_no_hooks_and_builds_strict(plain: Build) -> None:
    config = (plain.root / "mkdocs.yml").read_text(encoding="utf-8")
    assert not re.search(r"^(hooks|watch):", config, re.M)
    assert "site_hooks" not in config and "theme:\n  name: material" in config
    assert plain.returncode == 0, plain.output
    assert plain.warnings == []
    assert not (plain.site / "api").exists()  # only our hooks write /api/: they did not run


def test_every_record_page_comes_through_in_both_languages(plain: Build) -> None:
    for model in models():
        for prefix, lang in (("", "zh"), ("en/", "en")):
            page = plain.page(f"{prefix}models/{model['id']}/")
            assert f'<html lang="{lang}"' in page
            assert re.search(rf"<h1[^>]*>{re.escape(html.escape(model['name']))}\b", page)
            summary = " ".join(model["summary"][lang].split())
            assert html.escape(summary[:40], quote=False) in page
    for kind in ("papers", "methods", "capabilities"):
        for path in (MINI / "data" / kind).glob("*.yaml"):
            for prefix in ("", "en/"):
                assert (plain.site / prefix / kind / path.stem / "index.html").is_file()


def test_the_diagrams_are_images_beside_their_pages(plain: Build) -> None:
    docs = plain.root / "docs"
    for model in models():
        shown = []
        for prefix, suffix in (("", ""), ("en/", ".en")):
            url = f"{prefix}models/{model['id']}/"
            found = _IMG.findall(plain.page(url))
            assert found, f"no diagram on {url}"
            alt, src = found[0]
            assert alt
            built = plain.site / posixpath.normpath(posixpath.join(url, src))
            exported = docs / "models" / f"{model['id']}-d1{suffix}.svg"
            # The language's own drawing: mkdocs-static-i18n maps x.en.svg to en/x.svg.
            assert built.read_bytes() == exported.read_bytes()
            assert "<svg" in built.read_text(encoding="utf-8")
            assert html.escape(model["name"], quote=False) in built.read_text(encoding="utf-8")
            shown.append(built.read_bytes())
        assert shown[0] != shown[1]  # the English page does not show the Chinese drawing


def test_the_articles_come_through(plain: Build) -> None:
    for name, url in (("index.md", ""), ("index.en.md", "en/")):
        source = (MINI / "docs" / name).read_text(encoding="utf-8")
        heading = re.search(r"^# (.+)$", source, re.M).group(1)
        title = re.escape(html.escape(heading, quote=False))
        assert re.search(rf"<h1[^>]*>{title}", plain.page(url))


def test_the_hooks_build_and_the_plain_build_have_the_same_pages(
    plain: Build, mini_site: Build
) -> None:
    """Nothing but /api/, /llms.txt and the hooks' own search indexes is lost."""

    def pages(site: Path) -> set[str]:
        return {p.relative_to(site).as_posix() for p in site.rglob("index.html")}

    assert pages(plain.site) == pages(mini_site.site)


def test_the_export_refuses_a_broken_project(tmp_path: Path) -> None:
    project = mini_project(tmp_path / "project")
    (project / "data" / "models" / "davinci.yaml").write_text("id: [\n", encoding="utf-8")
    result = export(project, tmp_path / "out")
    assert result.returncode == 1
    assert "data/models/davinci.yaml" in result.stderr
    assert not (tmp_path / "out").exists()
