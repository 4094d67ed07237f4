"""`mkdocs serve --dirty` (what `make serve` runs) while someone edits.

Saving a broken file must print a clear error (file and line, no Python traceback)
and leave the last good site on screen; saving the fix must rebuild. Edits to the
package and to the schemas take effect on the next rebuild, without a restart.

The real server runs on a copy of the project, on a free port of 127.0.0.1, and is
always stopped. The tests wait on what the server prints ("Serving on", "Reloading
browsers" after every build, the error itself), read line by line as it comes: no
sleeps, no polling.
"""

from __future__ import annotations

import os
import queue
import re
import socket
import subprocess
import sys
import threading
import urllib.request
from pathlib import Path

import pytest

from conftest import build_site, copy_project, environment

START_TIMEOUT = 240  # the first build renders every diagram; 2 slow cores in CI
REBUILD_TIMEOUT = 180
LIVERELOAD = re.compile(r"livereload\(\d+, \d+\)")
BUILT = r"Reloading browsers"  # printed after every build, good or stopped early


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, project: Path, url: str, process: subprocess.Popen) -> None:
        self.project, self.url, self.process = project, url, process
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.log: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.log.append(line)
            self.lines.put(line)
        self.lines.put(None)  # the server stopped

    def output(self) -> str:
        return "".join(self.log)

    def wait_for_log(self, pattern: str, timeout: float = REBUILD_TIMEOUT) -> re.Match:
        """Block until the server prints a line matching `pattern`; the match."""
        seen = []
        try:
            while True:
                line = self.lines.get(timeout=timeout)
                if line is None:
                    pytest.fail(f"the server stopped before /{pattern}/:\n{self.output()}")
                seen.append(line)
                found = re.search(pattern, line)
                if found:
                    return found
        except queue.Empty:
            pytest.fail(f"no /{pattern}/ within {timeout} s; since the last step:\n{''.join(seen)}")

    def fetch(self, path: str) -> str:
        """A page as served, without the numbers of the live-reload script (they count builds)."""
        with urllib.request.urlopen(self.url + path, timeout=30) as response:
            return LIVERELOAD.sub("livereload()", response.read().decode("utf-8"))

    def save(self, relative: str, text: str) -> None:
        """Write a file in one step (write and rename), so the watcher sees one change."""
        path = self.project / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)

    def since_last_build(self) -> str:
        return self.output().rsplit(BUILT, 2)[-2] if BUILT in self.output() else self.output()


@pytest.fixture
def server(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env=environment(PYTHONUNBUFFERED="1"),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        errors="replace",
    )
    try:
        running = Server(project, f"http://127.0.0.1:{port}", process)
        running.wait_for_log(r"Serving on http://", START_TIMEOUT)
        yield running
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=30)


def no_traceback(server: Server) -> None:
    assert "Traceback" not in server.output(), server.output()
    assert server.process.poll() is None, f"the server stopped:\n{server.output()}"


def test_broken_data_keeps_the_last_good_site(server: Server) -> None:
    page = "/models/davinci/"
    model = "data/models/davinci.yaml"
    good = (server.project / model).read_text(encoding="utf-8")
    assert "name: davinci\n" in good and "最初的 GPT-3" in good
    first = server.fetch(page)
    assert "最初的 GPT-3" in first

    # 1. A YAML syntax error: an unclosed list.
    server.save(model, good.replace("name: davinci\n", "name: davinci\n  broken: [\n", 1))
    found = server.wait_for_log(r"data/models/davinci\.yaml:(\d+): YAML syntax error")
    assert 3 <= int(found.group(1)) <= 6, found.group(0)  # near the broken line (4)
    server.wait_for_log(BUILT)
    no_traceback(server)
    assert server.fetch(page) == first  # the last good page, answered at once

    # 2. Valid YAML that the checks refuse: a parent that does not exist.
    assert "  - model: gpt-2\n" in good
    server.save(model, good.replace("  - model: gpt-2\n", "  - model: no-such\n", 1))
    server.wait_for_log(r"data/models/davinci\.yaml:\d+: parents")
    server.wait_for_log(BUILT)
    no_traceback(server)
    assert server.fetch(page) == first

    # 3. The fix: the site rebuilds and shows the new text.
    server.save(model, good.replace("最初的 GPT-3", "最初的 GPT-3（已修正）", 1))
    server.wait_for_log(BUILT)
    assert "最初的 GPT-3（已修正）" in server.fetch(page)
    no_traceback(server)


def test_a_broken_article_keeps_the_last_good_site(server: Server) -> None:
    """An unknown citation in a hand-written page is reported like a data error."""
    page, article = "/en/contributing/", "docs/contributing.en.md"
    good = (server.project / article).read_text(encoding="utf-8")
    assert not good.startswith("---")  # see test_error_lines_count_the_front_matter
    first = server.fetch(page)

    server.save(article, good + "\nA claim with a made-up source.[^no-such-record]\n")
    line = good.count("\n") + 2
    server.wait_for_log(rf"docs/contributing\.en\.md:{line}: citation \[\^no-such-record\]")
    server.wait_for_log(BUILT)
    no_traceback(server)
    assert server.fetch(page) == first

    server.save(article, good + "\nSERVE-TEST-FIXED\n")
    server.wait_for_log(BUILT)
    assert "SERVE-TEST-FIXED" in server.fetch(page)
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
    first = server.fetch(page)

    server.save("docs/models/davinci.md", "# davinci\n\nA hand-written copy.\n")
    server.wait_for_log(r"docs/models/davinci\.md: takes the place of a page generated")
    server.wait_for_log(BUILT)
    no_traceback(server)
    assert server.fetch(page) == first

    (server.project / "docs" / "models" / "davinci.md").unlink()
    (server.project / "docs" / "loop").symlink_to(server.project / "docs")
    server.wait_for_log(r"docs/loop: is a symbolic link")
    server.wait_for_log(BUILT)
    no_traceback(server)
    assert server.fetch(page) == first

    (server.project / "docs" / "loop").unlink()
    model = "data/models/davinci.yaml"
    good = (server.project / model).read_text(encoding="utf-8")
    server.save(model, good.replace("最初的 GPT-3", "最初的 GPT-3（再次构建）", 1))
    while "最初的 GPT-3（再次构建）" not in server.fetch(page):  # a build per change above
        server.wait_for_log(BUILT)
    no_traceback(server)


def test_edits_to_the_package_and_the_schemas_apply_without_a_restart(server: Server) -> None:
    """The hooks re-import the package when its code changes; schemas are read by content."""
    i18n = "hooks/atlas/i18n.py"
    code = (server.project / i18n).read_text(encoding="utf-8")
    before = "数据中的全部模型。"
    assert before in code and before in server.fetch("/models/")
    server.save(i18n, code.replace(before, "数据中的全部模型（新代码）。", 1))
    server.wait_for_log(BUILT)
    assert "数据中的全部模型（新代码）。" in server.fetch("/models/")
    no_traceback(server)

    schema = "data/schema/common.schema.json"
    text = (server.project / schema).read_text(encoding="utf-8")
    limit = '"maxLength": 200,\n      "pattern": "\\\\S",\n      "description": "A proper name'
    assert limit in text
    server.save(schema, text.replace(limit, limit.replace("200", "5"), 1))
    server.wait_for_log(r"data/models/code-davinci-002\.yaml:\d+: name: is 16 characters long")
    server.wait_for_log(BUILT)
    no_traceback(server)

    server.save(schema, text)
    server.wait_for_log(BUILT)
    assert "Aborted" not in server.since_last_build()
    no_traceback(server)
