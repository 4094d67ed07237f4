"""MkDocs hooks for GPT Lineage Atlas: thin wrappers around the `atlas` package.

MkDocs puts this folder on sys.path only while it imports this file, so the
package is imported here, at the top. mkdocs-static-i18n runs the whole build once
per language, so every event below runs once per language; the package caches
what the second pass can reuse.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

_HERE = Path(__file__).resolve().parent


def _fresh_import():
    """Import the package, reloading it when its code changed (for `mkdocs serve`)."""
    stamp = max(p.stat().st_mtime_ns for p in (_HERE / "atlas").glob("*.py"))
    loaded = sys.modules.get("atlas")
    if loaded is not None and getattr(loaded, "code_stamp", stamp) != stamp:
        for name in [n for n in sys.modules if n == "atlas" or n.startswith("atlas.")]:
            del sys.modules[name]
    import atlas.site

    sys.modules["atlas"].code_stamp = stamp  # type: ignore[attr-defined]
    return atlas.site


site_module = _fresh_import()
from atlas.errors import DataError  # noqa: E402


def _site(config) -> site_module.Site:
    return _site_for(config.config_file_path)


@functools.cache
def _site_for(config_file: str) -> site_module.Site:
    """The project's Site, found once per config file: every page's every hook asks."""
    return site_module.get_site(Path(config_file).parent)


# -----------------------------------------------------------------------------
# Hooks
# -----------------------------------------------------------------------------


@event_priority(100)
def on_config(config):
    """Before anything else: check everything, so a bad input stops the build early.

    MkDocs empties site/ after this event; every data, article and Graphviz problem is
    found here and reported at once, and the last good site stays as it was. Also
    hands Material's search the jieba dictionary built from the data; this must
    happen before the search plugin's own on_config, hence the priority.
    """
    site = _site(config)
    with site_module.timed(site):
        try:
            site.use_markdown(config.markdown_extensions, config.mdx_configs)
            site.preflight()
            site.failed_before_output = False
        except DataError as error:
            site.failed_before_output = True  # the site on disk is untouched (see on_serve)
            raise PluginError(str(error)) from None
        search = config.plugins.get("material/search")
        if search is not None:
            path = site.user_dictionary(site.root / ".cache" / "jieba-user-dict.txt")
            search.config.jieba_dict_user = str(path)
    return config


@event_priority(100)
def on_files(files: Files, config) -> Files:
    """After the docs are collected, add the generated pages (both languages).

    They get a real-looking path under docs_dir, which mkdocs-static-i18n needs to
    localize them; their content is supplied in on_pre_page, never written to disk.
    """
    site = _site(config)
    with site_module.timed(site):
        for src_uri in site.generated_uris():
            if files.get_file_from_path(src_uri) is not None:  # checked in preflight
                raise PluginError(f"docs/{src_uri} is generated from data/; remove the file")
            files.append(File(src_uri, config.docs_dir, config.site_dir, config.use_directory_urls))
    return files


def on_pre_page(page, config, files):
    """Before a page is read: give generated pages their Markdown."""
    site = _site(config)
    with site_module.timed(site):
        generated = site.generated(page.file.src_uri)
        if generated is not None:
            page.file.content_string = generated.markdown
    return page


def on_page_markdown(markdown, page, config, files):
    """Fill shortcodes and data citations in hand-written pages; set every page's metadata.

    Metadata reaches the theme from here, escaped, never as front matter made from data.
    What on_page_content needs later rides on the page itself.
    """
    site = _site(config)
    with site_module.timed(site):
        generated = site.generated(page.file.src_uri)
        if generated is not None:
            page.meta = dict(generated.meta)
            page.atlas = site_module.PageState(generated.diagrams, article=False)
            return markdown
        checked = site.article(page.file.src_uri, markdown)
        page.meta = dict(checked.article.meta)
        page.atlas = site_module.PageState(checked.slots, article=True)
        return checked.markdown


def on_page_content(html, page, config, files):
    """After Markdown: inline the diagrams; give articles their glossary hover definitions."""
    site = _site(config)
    with site_module.timed(site):
        state = page.atlas
        glossary_url = ""
        if state.article:
            lang = site_module.language_of(page.file.src_uri)
            glossary = files.get_file_from_path(site_module.localized("glossary/index.md", lang))
            glossary_url = get_relative_url(glossary.url, page.url)
        return site.finish_html(html, page.file.src_uri, state.slots, glossary_url)


def on_post_page(output, page, config):
    """Point an English page's search at the English index."""
    site = _site(config)
    with site_module.timed(site):
        lang = site_module.language_of(page.file.src_uri)
        if lang != site_module.DEFAULT_LANG:
            output = site_module.search.localize_base(output, lang)
    return output


def on_serve(server, config, builder):
    """While serving: a bad input keeps the last good site visible.

    MkDocs' live-reload server holds every request until a rebuild succeeds. A
    problem found in preflight stops the build before anything is written, so the
    previous site is intact; we let the error print (MkDocs does) and the server carry
    on serving it, then rebuild normally once the file is fixed.
    """
    from mkdocs.exceptions import Abort

    site = _site(config)
    build = server.builder

    def build_or_keep_last_site():
        try:
            build()
        except Abort:
            if not site.failed_before_output:
                raise

    server.builder = build_or_keep_last_site
    return server


@event_priority(-200)
def on_post_build(config):
    """After mkdocs-static-i18n has merged the search index: split it, write the exports."""
    site = _site(config)
    with site_module.timed(site):
        site.write_outputs(Path(config.site_dir))
