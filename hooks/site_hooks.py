"""MkDocs hooks for GPT Lineage Atlas: forward every event to the `atlas` package.

MkDocs imports this file once per process, so it holds no logic of its own: each
event calls the same-named function of `atlas.hooks`. At the start of every build
(on_config of the outermost language pass) the package's code is fingerprinted, and
if any module changed, every `atlas` module is imported afresh, so that `mkdocs serve`
rebuilds with the code as it is now. Only a change to this file itself needs a restart.
"""

from __future__ import annotations

import hashlib
import importlib
import sys
from pathlib import Path
from types import ModuleType

from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority

_HERE = Path(__file__).resolve().parent
_PACKAGE = _HERE / "atlas"
_loaded: dict[str, object] = {}


def _fingerprint() -> str:
    digest = hashlib.sha256()
    for path in sorted(_PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(_PACKAGE).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _package(reload: bool = False) -> ModuleType:
    """atlas.hooks; with `reload`, imported afresh if any module of the package changed."""
    if reload or "module" not in _loaded:
        fingerprint = _fingerprint()
        if fingerprint != _loaded.get("fingerprint"):
            for name in [n for n in sys.modules if n == "atlas" or n.startswith("atlas.")]:
                del sys.modules[name]
            if str(_HERE) not in sys.path:
                sys.path.insert(0, str(_HERE))
            _loaded["module"] = importlib.import_module("atlas.hooks")
            _loaded["fingerprint"] = fingerprint
    return _loaded["module"]  # type: ignore[return-value]


# mkdocs-static-i18n runs the other language's build inside this one, so on_config
# comes once per language before any on_post_build. The package is reloaded only at the
# start of the outermost pass: code saved in the middle of a build waits for the next.
_passes = {"open": 0}


@event_priority(100)
def on_config(config):
    package = _package(reload=_passes["open"] == 0)
    _passes["open"] += 1
    try:
        return package.on_config(config)
    except BaseException:
        _passes["open"] -= 1
        raise


@event_priority(100)
def on_files(files, config):
    return _package().on_files(files, config)


def on_nav(nav, config, files):
    return _package().on_nav(nav, config, files)


def on_pre_page(page, config, files):
    return _package().on_pre_page(page, config, files)


def on_page_markdown(markdown, page, config, files):
    return _package().on_page_markdown(markdown, page, config, files)


def on_page_content(html, page, config, files):
    return _package().on_page_content(html, page, config, files)


def on_pre_template(template, template_name, config):
    return _package().on_pre_template(template, template_name, config)


def on_template_context(context, template_name, config):
    return _package().on_template_context(context, template_name, config)


def on_post_template(output_content, template_name, config):
    return _package().on_post_template(output_content, template_name, config)


def on_post_page(output, page, config):
    return _package().on_post_page(output, page, config)


# After mkdocs-static-i18n (-100) has merged the languages' search entries.
@event_priority(-200)
def on_post_build(config):
    try:
        _package().on_post_build(config)
    finally:
        _passes["open"] = max(0, _passes["open"] - 1)


def on_build_error(error):
    _passes["open"] = 0  # the build is over; the next one may load new code


def on_serve(server, config, builder):
    """While serving: a bad input keeps the last good site visible.

    MkDocs' live-reload server holds every request until a rebuild succeeds. A
    problem found in on_config stops the build before anything is written, so the
    previous site is intact: the error is printed (MkDocs does) and the server
    carries on serving the last good site, then rebuilds once the file is fixed.
    """
    build = server.builder

    def build_or_keep_last_site():
        try:
            build()
        except Abort:
            if not _package().stopped_before_output(config):
                raise

    server.builder = build_or_keep_last_site
    return server
