"""`mkdocs serve` survives mistakes.

A contributor keeps `make serve` running while editing. Saving a broken file must
print a clear error (file and line, no Python traceback) and leave the last good
site on screen; saving the fix must rebuild as usual. This runs the real server on
a copy of the project, on a free port on 127.0.0.1, and always stops it.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import build_site, copy_project

START_TIMEOUT = 240  # the first build renders every diagram; 2 slow cores in CI
REBUILD_TIMEOUT = 180


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


LIVERELOAD = re.compile(r"livereload\(\d+, \d+\)")


def fetch(url: str) -> str | None:
    """A page as served, without the numbers of the live-reload script (they count builds)."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return LIVERELOAD.sub("livereload()", response.read().decode("utf-8"))
    except OSError:
        return None


def wait_for(condition: Callable[[], object], timeout: float, step: float = 0.5):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(step)
    return None


class Server:
    def __init__(self, project: Path, url: str, log: Path, process: subprocess.Popen) -> None:
        self.project, self.url, self.log, self.process = project, url, log, process
        self.mark = 0

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def new_output(self) -> str:
        """What the server printed since the last `save`."""
        return self.output()[self.mark :]

    def save(self, relative: str, text: str) -> None:
        self.mark = len(self.output())
        time.sleep(1.1)  # a different mtime, whatever the file system's resolution
        (self.project / relative).write_text(text, encoding="utf-8")

    def wait_for_log(self, pattern: str, timeout: float = REBUILD_TIMEOUT) -> re.Match:
        found = wait_for(lambda: re.search(pattern, self.new_output()), timeout)
        assert found, f"no /{pattern}/ in the server log:\n{self.new_output()}"
        return found

    def wait_for_page(self, path: str, text: str, timeout: float = REBUILD_TIMEOUT) -> str:
        page = wait_for(lambda: (html := fetch(self.url + path)) and text in html and html, timeout)
        assert page, f"{path} never showed {text!r}; server log:\n{self.output()}"
        return page

    def wait_until_idle(self) -> None:
        """The server has finished a build: it says so, then answers at once."""
        self.wait_for_log(r"Reloading browsers")  # printed after every build, good or not
        time.sleep(1)


@pytest.fixture
def server(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    port = free_port()
    log = tmp_path / "serve.log"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            yield Server(project, f"http://127.0.0.1:{port}", log, process)
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=30)


def no_traceback(server: Server) -> None:
    output = server.new_output()
    assert "Traceback" not in output, output
    assert server.process.poll() is None, f"the server stopped:\n{server.output()}"


def test_broken_data_keeps_the_last_good_site(server: Server) -> None:
    page = "/models/davinci/"
    model = "data/models/davinci.yaml"
    good = (server.project / model).read_text(encoding="utf-8")
    assert "name: davinci\n" in good and "最初的 GPT-3" in good
    first = server.wait_for_page(page, "最初的 GPT-3", START_TIMEOUT)

    # 1. A YAML syntax error: an unclosed list.
    server.save(model, good.replace("name: davinci\n", "name: davinci\n  broken: [\n", 1))
    found = server.wait_for_log(r"data/models/davinci\.yaml:(\d+): YAML syntax error")
    assert 3 <= int(found.group(1)) <= 6, found.group(0)  # near the broken line (4)
    server.wait_until_idle()
    no_traceback(server)
    assert fetch(server.url + page) == first  # the last good page, answered at once

    # 2. Valid YAML that the checks refuse: a parent that does not exist.
    assert "  - model: gpt-2\n" in good
    broken = good.replace("  - model: gpt-2\n", "  - model: no-such\n", 1)
    server.save(model, broken)
    server.wait_for_log(r"data/models/davinci\.yaml:\d+: parents")
    server.wait_until_idle()
    no_traceback(server)
    assert fetch(server.url + page) == first

    # 3. The fix: the site rebuilds and shows the new text.
    server.save(model, good.replace("最初的 GPT-3", "最初的 GPT-3（已修正）", 1))
    server.wait_for_page(page, "最初的 GPT-3（已修正）")
    no_traceback(server)


def test_a_broken_article_keeps_the_last_good_site(server: Server) -> None:
    """An unknown citation in a hand-written page is reported like a data error."""
    page, article = "/en/contributing/", "docs/contributing.en.md"
    good = (server.project / article).read_text(encoding="utf-8")
    assert not good.startswith("---")  # see test_error_lines_count_the_front_matter
    first = server.wait_for_page(page, "</html>", START_TIMEOUT)

    server.save(article, good + "\nA claim with a made-up source.[^no-such-record]\n")
    line = good.count("\n") + 2
    server.wait_for_log(rf"docs/contributing\.en\.md:{line}: citation \[\^no-such-record\]")
    server.wait_until_idle()
    no_traceback(server)
    assert fetch(server.url + page) == first

    server.save(article, good + "\nSERVE-TEST-FIXED\n")
    server.wait_for_page(page, "SERVE-TEST-FIXED")
    no_traceback(server)


def test_error_lines_count_the_front_matter(mini: Path) -> None:
    """A page with front matter (the home pages have some) reports the line in the file."""
    page = mini / "docs" / "index.en.md"
    text = "---\nhide:\n  - toc\n---\n\n" + page.read_text(encoding="utf-8")
    page.write_text(text + "\nA claim.[^no-such-record]\n", encoding="utf-8")
    line = text.count("\n") + 2
    build = build_site(mini, mini / "site")
    assert build.returncode != 0
    assert re.search(r"docs/index\.en\.md:\d+: citation \[\^no-such-record\]", build.output)
    assert f"docs/index.en.md:{line}: citation" in build.output, build.output[-600:]


def test_a_file_that_would_replace_a_page_keeps_the_last_good_site(server: Server) -> None:
    """A docs/ file in a generated page's place, or a link loop: reported, never served.

    Both are found before MkDocs touches the site, so requests keep being answered
    with the last good site instead of hanging until the next good build.
    """
    page = "/models/davinci/"
    first = server.wait_for_page(page, "最初的 GPT-3", START_TIMEOUT)

    (server.project / "docs" / "models").mkdir()
    server.save("docs/models/davinci.md", "# davinci\n\nA hand-written copy.\n")
    server.wait_for_log(r"docs/models/davinci\.md: takes the place of a page generated")
    server.wait_until_idle()
    no_traceback(server)
    assert fetch(server.url + page) == first

    (server.project / "docs" / "models" / "davinci.md").unlink()
    server.mark = len(server.output())
    (server.project / "docs" / "loop").symlink_to(server.project / "docs")
    server.wait_for_log(r"docs/loop: is a symbolic link")
    server.wait_until_idle()
    no_traceback(server)
    assert fetch(server.url + page) == first

    (server.project / "docs" / "loop").unlink()
    model = "data/models/davinci.yaml"
    good = (server.project / model).read_text(encoding="utf-8")
    server.save(model, good.replace("最初的 GPT-3", "最初的 GPT-3（再次构建）", 1))
    server.wait_for_page(page, "最初的 GPT-3（再次构建）")
    no_traceback(server)
