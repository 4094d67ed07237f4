"""The MkDocs events, each a call or two into the package.

hooks/site_hooks.py forwards every event here, and imports a fresh copy of this
package whenever its code changes, so an edit to any module takes effect on the
next rebuild of `mkdocs serve`. mkdocs-static-i18n runs the whole build once per
language, so every event below runs once per language; the snapshot made in the
first pass serves the second.
"""

from __future__ import annotations

import copy
import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from . import citation, footnotes, plumbing, preview, reuse, search
from .errors import DataError
from .pages import changelog
from .site import DEFAULT_LANG, PageState, Site, get_site, language_of, localized, timed

_BY_CONFIG: dict[str, Site] = {}
_NOT_FOUND: dict[str, plumbing.NotFoundPages] = {}


def site_for(config) -> Site:
    """The project's Site, found once per config file: every page's every hook asks."""
    path = config.config_file_path
    if path not in _BY_CONFIG:
        _BY_CONFIG[path] = get_site(Path(path).parent)
    return _BY_CONFIG[path]


def on_config(config):
    """Before anything else: check everything, so a bad input stops the build early.

    MkDocs empties site/ after this event; every data, article and Graphviz problem is
    found here and reported at once, and the last good site stays as it was. Also
    hands Material's search the jieba dictionary built from the data; this must
    happen before the search plugin's own on_config, hence the priority.
    """
    site = site_for(config)
    quiet_dirty_warning()
    with timed(site):
        try:
            site.use_markdown(config.markdown_extensions, config.mdx_configs)
            site.preflight()
            site.stopped_before_output = False
        except DataError as error:
            site.stopped_before_output = True  # the site on disk is untouched (see on_serve)
            raise PluginError(str(error)) from None
        plugin = config.plugins.get("material/search")
        if plugin is not None:
            plugin.config.jieba_dict_user = str(site.user_dictionary())
            # Material keeps the previous index in dirty builds and merges in the one
            # page it assumes changed; rebuild.py makes the index whole instead.
            plugin.is_dirty = False
    return config


def on_files(files: Files, config) -> Files:
    """After the docs are collected, add the generated pages (both languages).

    They get a real-looking path under docs_dir, which mkdocs-static-i18n needs to
    localize them; their content is supplied in on_pre_page, never written to disk.
    """
    site = site_for(config)
    with timed(site):
        for src_uri in site.current().generated_uris():
            if files.get_file_from_path(src_uri) is not None:  # checked in preflight
                raise PluginError(f"docs/{src_uri} is generated from data/; remove the file")
            files.append(File(src_uri, config.docs_dir, config.site_dir, config.use_directory_urls))
    return files


def on_nav(nav, config, files):
    """With the final files and navigation: decide what a dirty rebuild must write."""
    site = site_for(config)
    with timed(site):
        site.rebuild.prepare(files, nav, config, site.current())
    return nav


def on_pre_page(page, config, files):
    """Before a page is read: give generated pages their Markdown."""
    site = site_for(config)
    with timed(site):
        generated = site.current().generated(page.file.src_uri)
        if generated is not None:
            page.file.content_string = generated.markdown
    return page


def on_page_markdown(markdown, page, config, files):
    """Fill shortcodes and data citations in hand-written pages; set every page's metadata.

    Metadata reaches the theme from here, escaped, never as front matter made from data.
    What on_page_content needs later rides on the page itself.
    """
    site = site_for(config)
    with timed(site):
        snapshot = site.current()
        generated = snapshot.generated(page.file.src_uri)
        page.meta = snapshot.meta(page.file.src_uri)  # with its last commit's date
        if generated is not None:
            page.atlas = PageState(dict(generated.diagrams), article=False)
            return markdown
        checked = snapshot.articles[page.file.src_uri]
        page.atlas = PageState(dict(checked.slots), article=True)
        return checked.markdown


def on_page_content(html, page, config, files):
    """After Markdown: inline the diagrams; give articles their glossary hover definitions;
    keep footnote markers that touch apart."""
    site = site_for(config)
    with timed(site):
        state = page.atlas
        glossary_url = ""
        if state.article:
            lang = language_of(page.file.src_uri)
            glossary = files.get_file_from_path(localized("glossary/index.md", lang))
            glossary_url = get_relative_url(glossary.url, page.url)
        html = site.finish_html(html, page.file.src_uri, state.slots, glossary_url)
        html += citation.for_page(
            page, html, site.current().dates, config.site_url, config.site_name
        )
        return footnotes.separate(html)


def on_pre_template(template, template_name, config):
    """The 404 page's language switcher points at each language's home page.

    mkdocs-static-i18n rewrites the switcher for every page it builds and leaves the
    last page's links behind, which the 404 page would otherwise show (and which
    made 404.html depend on build order).
    """
    i18n = config.plugins.get("i18n")
    if template_name == "404.html" and getattr(i18n, "extra_alternate", None):
        # It sets the attribute (config.extra.alternate), which templates read
        # before the item; set both.
        homes = copy.deepcopy(i18n.extra_alternate)
        config.extra["alternate"] = homes
        config.extra.alternate = homes
    return template


def on_template_context(context, template_name, config):
    """The not-found page's content, in the language of this pass."""
    if template_name == "404.html":
        lang = config.theme["language"]
        context["atlas_not_found"] = plumbing.not_found_html(lang, config.site_url)
    return context


def on_post_template(output_content, template_name, config):
    """Keep each language's not-found page: every pass writes the same 404.html."""
    if template_name == "404.html":
        pages = _NOT_FOUND.setdefault(config.config_file_path, plumbing.NotFoundPages())
        pages.rendered(config.theme["language"], output_content)
    return output_content


def on_post_page(output, page, config):
    """Absolute hreflang alternates (and x-default), link-preview meta; point an English
    page's search at the English index; note what was written."""
    site = site_for(config)
    with timed(site):
        lang = language_of(page.file.src_uri)
        twins = {code: file.url for code, file in getattr(page.file, "alternates", {}).items()}
        output = plumbing.with_alternates(
            output, plumbing.absolute_alternates(config.site_url, twins)
        )
        output = preview.with_preview(
            output,
            site_url=config.site_url or "",
            page_url=page.url,
            lang=lang,
            site_name=config.site_name,
        )
        if lang != DEFAULT_LANG:
            output = search.localize_base(output, lang)
        output = changelog.with_feed_link(output, page.file.src_uri, site.current().history)
        site.rebuild.page_written(page)
    return output


def on_post_build(config):
    """After each language pass (and after mkdocs-static-i18n merged the languages'
    search entries): remove what is gone; after the last pass, write one search index
    per language, whole even after a dirty build, and the data exports."""
    site = site_for(config)
    with timed(site):
        plugin = config.plugins.get("material/search")
        index = getattr(plugin, "search_index", None)
        by_lang = site.rebuild.finish(index.entries if index is not None else [])
        if config.config_file_path in _NOT_FOUND:  # each language's 404.html in its place
            _NOT_FOUND[config.config_file_path].place(Path(config.site_dir))
        if by_lang is not None:
            site.write_outputs(Path(config.site_dir), by_lang, plugin)
            try:  # /llms.txt, and the dataset's citation under /api/
                files = reuse.outputs(site.root, site.current(), config.site_url)
            except DataError as error:
                raise PluginError(str(error)) from None
            reuse.write(Path(config.site_dir), files)
            changelog.write_feeds(Path(config.site_dir), site.current(), config.site_url or "")


def stopped_before_output(config) -> bool:
    return site_for(config).stopped_before_output


class _DirtyWarning(logging.Filter):
    """MkDocs warns that dirty builds give inaccurate navigation; ours do not (rebuild.py)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "A 'dirty' build is being performed" not in record.getMessage()


def quiet_dirty_warning() -> None:
    logger = logging.getLogger("mkdocs.commands.build")
    if not any(isinstance(f, _DirtyWarning) for f in logger.filters):
        logger.addFilter(_DirtyWarning())
