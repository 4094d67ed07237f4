"""Dates and the change log come from a real git history, and degrade without one.

A temporary repository of the mini project gets four commits with known dates:
everything added; a model edited and a source added; the source renamed and the
English home page edited; the renamed source removed. The built site must show
exactly those changes, by day, on the change log and in both Atom feeds, and each
page the date of its own last commit (an article) or of its records' (a generated
page). A shallow clone and a copy without .git build with --strict and show no
date; two builds of one commit are the same bytes.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml

from conftest import Build, build_site, mini_project

ATOM = "{http://www.w3.org/2005/Atom}"
EXTRA = "extra-source"
RENAMED = "renamed-source"
# (date, what the commit does); dates in UTC, the day each change shows under.
COMMITS = (
    "2026-01-05T10:00:00Z",
    "2026-02-10T09:30:00Z",
    "2026-03-15T12:00:00Z",
    "2026-04-20T16:45:00Z",
)
DAY = {"zh": "{y}年{m}月{d}日", "en": "{d} {month} {y}"}


def shown(iso: str, lang: str) -> str:
    when = datetime.fromisoformat(iso.replace("Z", "+00:00")).astimezone(UTC)
    return DAY[lang].format(y=when.year, m=when.month, d=when.day, month=when.strftime("%B"))


def git(root: Path, *args: str, date: str = COMMITS[0]) -> str:
    env = dict(
        os.environ,
        GIT_AUTHOR_NAME="Tester",
        GIT_AUTHOR_EMAIL="tester@example.org",
        GIT_COMMITTER_NAME="Tester",
        GIT_COMMITTER_EMAIL="tester@example.org",
        GIT_AUTHOR_DATE=date,
        GIT_COMMITTER_DATE=date,
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
    )
    result = subprocess.run(
        ["git", "-C", str(root), *args], env=env, capture_output=True, text=True, check=True
    )
    return result.stdout


def source_record(root: Path, rid: str) -> str:
    """A copy of the mini project's source under another id, title and address."""
    record = yaml.safe_load((root / "data/sources/openai-model-index.yaml").read_text("utf-8"))
    record.update(id=rid, title=f"Title of {rid}", url=f"https://example.org/{rid}")
    record.pop("archive_url", None)
    return yaml.safe_dump(record, allow_unicode=True, sort_keys=False)


def make_repository(root: Path) -> Path:
    mini_project(root)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "everything", date=COMMITS[0])
    model = root / "data/models/davinci.yaml"
    model.write_text(model.read_text("utf-8") + "# edited\n", encoding="utf-8")
    (root / f"data/sources/{EXTRA}.yaml").write_text(source_record(root, EXTRA), "utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "<b>edit</b> & add", date=COMMITS[1])
    git(root, "mv", f"data/sources/{EXTRA}.yaml", f"data/sources/{RENAMED}.yaml")
    (root / f"data/sources/{RENAMED}.yaml").write_text(source_record(root, RENAMED), "utf-8")
    home = root / "docs/index.en.md"
    home.write_text(home.read_text("utf-8") + "\nOne more line.\n", encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "rename", date=COMMITS[2])
    git(root, "rm", "-q", f"data/sources/{RENAMED}.yaml")
    git(root, "commit", "-qm", "remove", date=COMMITS[3])
    return root


@pytest.fixture(scope="module")
def repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_repository(tmp_path_factory.mktemp("history") / "project")


@pytest.fixture(scope="module")
def built(repository: Path, tmp_path_factory: pytest.TempPathFactory) -> Build:
    build = build_site(repository, tmp_path_factory.mktemp("history-site") / "site")
    assert build.returncode == 0, build.output
    assert not build.warnings, build.warnings
    return build


def updated(html: str) -> str | None:
    """The date in Material's "last update" fact, or None when there is none."""
    found = re.search(
        r'<aside class="md-source-file">.*?<time datetime="([\d-]+)">(.*?)</time>', html, re.S
    )
    return f"{found.group(1)} {found.group(2)}" if found else None


def expect(iso: str, lang: str) -> str:
    return f"{iso[:10]} {shown(iso, lang)}"


def section(html: str, day: str) -> str:
    """The change log's part for one day: from its heading to the next."""
    start = html.index(f'id="d-{day}"')
    end = html.find("<h2", start)
    return html[start : end if end > 0 else len(html)]


def test_generated_pages_carry_their_records_last_commit(built: Build) -> None:
    # davinci.yaml was last edited in the second commit; the sources page lists
    # sources, and one was removed in the last; the glossary's records never changed.
    for lang, prefix in (("zh", ""), ("en", "en/")):
        assert updated(built.page(f"{prefix}models/davinci/")) == expect(COMMITS[1], lang)
        assert updated(built.page(f"{prefix}sources/")) == expect(COMMITS[3], lang)
        assert updated(built.page(f"{prefix}glossary/")) == expect(COMMITS[0], lang)


def test_articles_carry_their_own_files_last_commit(built: Build) -> None:
    assert updated(built.page("")) == expect(COMMITS[0], "zh")  # docs/index.md: untouched
    assert updated(built.page("en/")) == expect(COMMITS[2], "en")  # docs/index.en.md: edited


def test_change_log_lists_each_day_newest_first(built: Build) -> None:
    html = built.page("en/changelog/")
    days = re.findall(r'<h2 id="d-([\d-]+)"', html)
    assert days == [c[:10] for c in reversed(COMMITS)]
    removed = section(html, COMMITS[3][:10])
    assert "Removed" in removed and f"<code>{RENAMED}</code>" in removed
    renamed = section(html, COMMITS[2][:10])  # a rename is a removal and an addition
    assert f"<code>{EXTRA}</code>" in renamed and f"<code>{RENAMED}</code>" in renamed
    assert "Added" in renamed and "Removed" in renamed
    edited = section(html, COMMITS[1][:10])
    assert "Changed" in edited and 'href="../models/davinci/"' in edited
    first = section(html, COMMITS[0][:10])
    for path in sorted((built.root / "data" / "models").glob("*.yaml")):
        assert f'href="../models/{path.stem}/"' in first
    assert "<b>edit</b>" not in html and "&lt;b&gt;edit" not in html  # no commit messages


def test_change_log_in_chinese(built: Build) -> None:
    html = built.page("changelog/")
    assert re.findall(r'<h2 id="d-([\d-]+)"', html) == [c[:10] for c in reversed(COMMITS)]
    assert shown(COMMITS[3], "zh") in html and "删除" in section(html, COMMITS[3][:10])
    assert '<link rel="alternate" type="application/atom+xml"' in html.split("</head>")[0]


@pytest.mark.parametrize("lang,prefix", [("zh", ""), ("en", "en/")])
def test_feed_has_the_same_days(built: Build, lang: str, prefix: str) -> None:
    feed = ET.parse(built.site / f"{prefix}changelog/feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
    entries = feed.findall(f"{ATOM}entry")
    updated_at = [e.findtext(f"{ATOM}updated") for e in entries]
    assert updated_at == list(reversed(COMMITS))
    assert feed.findtext(f"{ATOM}updated") == COMMITS[3]
    site_url = "https://gpt-lineage-atlas.github.io/"
    links = [e.find(f"{ATOM}link").get("href") for e in entries]
    assert links == [f"{site_url}{prefix}changelog/#d-{c[:10]}" for c in reversed(COMMITS)]
    edited = ET.fromstring(f"<div>{entries[2].findtext(f'{ATOM}content')}</div>")
    hrefs = [a.get("href") for a in edited.iter("a")]
    assert f"{site_url}{prefix}models/davinci/" in hrefs
    removed = ET.fromstring(f"<div>{entries[0].findtext(f'{ATOM}content')}</div>")
    assert [c.text for c in removed.iter("code")] == [RENAMED]
    assert not list(removed.iter("a"))  # a removed record links nowhere


def _site_digest(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def test_two_builds_of_one_commit_are_the_same_bytes(
    built: Build, repository: Path, tmp_path: Path
) -> None:
    again = build_site(repository, tmp_path / "again")
    assert again.returncode == 0, again.output
    assert _site_digest(again.site) == _site_digest(built.site)


def _no_history(build: Build) -> None:
    assert build.returncode == 0, build.output
    assert not build.warnings, build.warnings
    for page in ("", "en/", "models/davinci/", "en/models/davinci/", "en/changelog/"):
        html = build.page(page)
        assert updated(html) is None and "md-source-file" not in html, page
        assert "atlas-cite" in html  # the citation stands, without a date
    assert "The git history is not available in this build" in build.page("en/changelog/")
    assert "没有可用的 git 历史" in build.page("changelog/")
    assert not list(build.site.rglob("feed.xml"))


def test_a_shallow_clone_builds_without_dates(repository: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{repository}", str(clone)], check=True
    )
    assert (clone / ".git" / "shallow").is_file()
    _no_history(build_site(clone, tmp_path / "site"))


def test_a_copy_without_git_builds_without_dates(repository: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(repository, copy, ignore=shutil.ignore_patterns(".git"))
    _no_history(build_site(copy, tmp_path / "site"))


PAGE_KINDS = [  # one page of every kind the mini project has
    "",
    "lineage/",
    "models/",
    "models/davinci/",
    "papers/2203.02155/",
    "methods/rlhf-ppo/",
    "capabilities/",
    "capabilities/in-context-learning/",
    "capabilities/matrix/",
    "glossary/",
    "limitations/",
    "claims/",
    "sources/",
    "changelog/",
]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_page_kind_shows_its_date_in_its_language(built: Build, lang: str) -> None:
    dates = {expect(iso, lang) for iso in COMMITS}
    for path in PAGE_KINDS:
        page = ("" if lang == "zh" else "en/") + path
        assert updated(built.page(page)) in dates, page
