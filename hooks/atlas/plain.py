"""The site as plain Markdown, for any engine: `python -m atlas markdown OUT`.

Writes OUT/docs with every generated page and every article as an ordinary
Markdown file (shortcodes and citations already expanded), the diagrams as SVG
files beside the pages that show them, the images of docs/ and the theme
overrides, and OUT/mkdocs.yml without our hooks. MkDocs with Material builds it
as it is; so could a successor that reads mkdocs.yml but runs no hooks. What only
the hooks add is left out: the glossary hover definitions, the sanitising of
article HTML, the per-language search indexes, the /api/ exports and /llms.txt.

With `inline_svg` the diagrams are pasted into the pages instead, as the hooks do:
that is the plain-Markdown baseline `make bench` compares the hooks with.
"""

from __future__ import annotations

import posixpath
import re
import shutil
from pathlib import Path

from . import diagrams
from .escape import md
from .i18n import DEFAULT_LANG
from .snapshot import Snapshot, base_uri, language_of

_HOOKS = re.compile(r"^(hooks|watch):\n(?:[ \t]+-.*\n)+", re.M)


def write(snapshot: Snapshot, root: Path, out: Path, inline_svg: bool = False) -> dict[str, int]:
    """Write the plain project to `out` (emptied first); how many pages and diagrams."""
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(root / "docs", out / "docs", symlinks=True)
    for folder in ("overrides",):
        if (root / folder).is_dir():
            shutil.copytree(root / folder, out / folder)
    pages = {src: (page.markdown, page.diagrams) for src, page in snapshot.pages.items()}
    pages |= {src: (a.markdown, a.slots) for src, a in snapshot.articles.items()}
    written = {"pages": 0, "diagrams": 0}
    for src_uri, (text, slots) in sorted(pages.items()):
        path = out / "docs" / src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        if src_uri in snapshot.articles:  # keep the article's own front matter
            original = (root / "docs" / src_uri).read_text(encoding="utf-8-sig")
            head = original[: len(original) - len(snapshot.articles[src_uri].article.body)]
            text = head + text
        if inline_svg:
            text = diagrams.fill_slots(text, slots, snapshot.svgs)
        else:
            text = diagrams.SLOT.sub(
                lambda m, s=src_uri, sl=slots: _image(out, s, sl[m.group(1)], m.group(1), snapshot),
                text,
            )
            written["diagrams"] += len(slots)
        path.write_text(text, encoding="utf-8")
        written["pages"] += 1
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (out / "mkdocs.yml").write_text(_HOOKS.sub("", config), encoding="utf-8")
    return written


def _image(out: Path, src_uri: str, diagram: diagrams.Diagram, slot: str, snap: Snapshot) -> str:
    """A diagram as an SVG file beside its page, and the Markdown that shows it."""
    # models/davinci.en.md → models/davinci-d1.en.svg: mkdocs-static-i18n's suffix
    # layout makes it the English twin of davinci-d1.svg, which both pages link to.
    lang = language_of(src_uri)
    stem = posixpath.basename(base_uri(src_uri))[: -len(".md")]
    name = f"{stem}-{slot}.svg"
    stored = name if lang == DEFAULT_LANG else f"{stem}-{slot}.{lang}.svg"
    (out / "docs" / posixpath.dirname(src_uri) / stored).write_text(
        snap.svgs[diagram.key], encoding="utf-8"
    )
    return f"![{md(diagram.title)}]({name})"
