"""Two builds of the same tree are byte-identical, with a warm or an empty diagram cache.

Reproducible output means a reviewer can diff two builds and see only what a change
did, and the published site does not churn. The clock enters a build in one place:
MkDocs writes the build date into sitemap.xml and into the gzip header of
sitemap.xml.gz. SOURCE_DATE_EPOCH (set by the Makefile from the last commit, and by
these tests) fixes both, so every file, the sitemaps included, must match byte for
byte. The sitemaps are also checked on their own below, so that a failure there says
why.
"""

from __future__ import annotations

import difflib
import gzip
import os
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, build_site, copy_project, environment

EPOCH = "1700000000"  # what conftest.build_site uses: 2023-11-14 (UTC)


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def explain(name: str, first: bytes, second: bytes) -> str:
    """The first lines that differ, for a text file; sizes otherwise."""
    try:
        a, b = first.decode("utf-8"), second.decode("utf-8")
    except UnicodeDecodeError:
        return f"{name}: binary, {len(first)} vs {len(second)} bytes"
    # HTML pages are long single lines in places: split on tags to get a readable diff.
    a, b = a.replace("><", ">\n<"), b.replace("><", ">\n<")
    diff = difflib.unified_diff(a.splitlines(), b.splitlines(), "first", "second", n=1, lineterm="")
    return f"{name}:\n" + "\n".join(list(diff)[:30])


def compare(first: dict[str, bytes], second: dict[str, bytes]) -> list[str]:
    assert sorted(first) == sorted(second), set(first) ^ set(second)
    return [name for name in sorted(first) if first[name] != second[name]]


@pytest.fixture(scope="module")
def cold(site, tmp_path_factory: pytest.TempPathFactory):
    """A second clean build, of a copy of the tree, starting with no diagram cache
    (so Graphviz renders every SVG afresh) and a different hash seed (so nothing may
    depend on set or dict ordering that varies between runs)."""
    tmp = tmp_path_factory.mktemp("cold")
    project = copy_project(tmp / "project")
    # The same history too: pages carry the date of their last commit (history.py).
    shutil.copytree(ROOT / ".git", project / ".git", symlinks=True)
    seed = "0" if os.environ.get("PYTHONHASHSEED") != "0" else "1"
    env = environment(PYTHONHASHSEED=seed, ATLAS_CACHE_DIR=str(tmp / "cache"))
    build = build_site(project, tmp / "site", env=env)
    assert build.returncode == 0, build.output
    return build


def test_two_clean_builds_are_byte_identical(site, cold) -> None:
    first, second = files(site.site), files(cold.site)
    different = compare(first, second)
    assert different == [], "\n\n".join(explain(n, first[n], second[n]) for n in different[:3])


def test_an_empty_diagram_cache_gives_the_same_svg(site, cold) -> None:
    """The cold build really rendered the diagrams, and they match the warm build's."""
    rendered = list((cold.root.parent / "cache" / "diagrams").rglob("*.svg"))
    assert rendered, "the cold build rendered no diagram into its empty cache"
    pages = [name for name, data in files(cold.site).items() if b"<svg" in data]
    assert len(pages) > 20  # lineage, pipelines and every model page carry a diagram
    for name in pages:
        assert (site.site / name).read_bytes() == (cold.site / name).read_bytes(), name


def test_the_sitemap_dates_come_from_source_date_epoch(site) -> None:
    sitemap = (site.site / "sitemap.xml").read_bytes()
    assert b"<lastmod>2023-11-14</lastmod>" in sitemap
    packed = (site.site / "sitemap.xml.gz").read_bytes()
    assert gzip.decompress(packed) == sitemap
    # Bytes 4-7 of a gzip header are its modification time (RFC 1952, 2.3.1). MkDocs
    # writes the date of the newest page, which is the build date at midnight UTC.
    midnight = int(EPOCH) - int(EPOCH) % 86_400
    assert int.from_bytes(packed[4:8], "little") == midnight


def test_the_clock_reaches_only_the_sitemaps(site, tmp_path: Path) -> None:
    """A build with another SOURCE_DATE_EPOCH differs from the session build only in
    the two sitemap files; a page or export that printed the date would show here."""
    later = "1800000000"  # 2027-01-15: still after every date in the data
    build = build_site(site.root, tmp_path / "s", env=environment(SOURCE_DATE_EPOCH=later))
    assert build.returncode == 0, build.output
    first, second = files(site.site), files(tmp_path / "s")
    assert compare(first, second) == ["sitemap.xml", "sitemap.xml.gz"]
    assert b"<lastmod>2027-01-15</lastmod>" in second["sitemap.xml"]


def test_building_the_checkout_writes_nothing_into_it(site) -> None:
    """The session build reads the checkout and writes only to temporary folders."""
    assert site.checkout_changes == []
