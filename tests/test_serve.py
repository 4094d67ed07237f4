"""`mkdocs serve` survives mistakes: a broken data file prints the error and the last
good site stays up; fixing the file rebuilds normally."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import copy_project


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(condition, timeout: float = 120, step: float = 0.5):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(step)
    return None


@pytest.fixture
def server(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    port = free_port()
    log = tmp_path / "serve.log"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            yield project, f"http://127.0.0.1:{port}", log
        finally:
            process.terminate()
            process.wait(timeout=30)


def test_broken_data_keeps_the_last_good_site(server) -> None:
    project, url, log = server
    page = f"{url}/models/davinci/"
    assert wait_for(lambda: fetch(page)), log.read_text()

    model = project / "data" / "models" / "davinci.yaml"
    good = model.read_text(encoding="utf-8")
    model.write_text(
        good.replace("name: davinci\n", "name: davinci\n  broken: [\n", 1), encoding="utf-8"
    )
    assert wait_for(lambda: "data/models/davinci.yaml:" in log.read_text()), log.read_text()
    output = log.read_text()
    assert "YAML syntax error" in output and "Traceback" not in output
    served = fetch(page)  # answered at once, from the last good build
    assert served is not None and "davinci" in served

    model.write_text(good.replace("最初的 GPT-3", "最初的 GPT-3（改好了）", 1), encoding="utf-8")
    assert wait_for(lambda: "改好了" in (fetch(page) or "")), log.read_text()
