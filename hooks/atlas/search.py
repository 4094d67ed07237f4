"""Search that stays in the reader's language, with Chinese domain terms kept whole.

mkdocs-static-i18n merges every language into one search index, so a Chinese reader
searching "model" would get English pages and the reverse. After the build we write
one index per language (/search/ and /en/search/) and point each page's search at
its own language. jieba, which Material runs on Chinese text, gets
a user dictionary from the data so that 思维链 or 对齐税 stay one word.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from .dataset import Dataset
from .escape import json_script

HAN_RUN = re.compile(r"[\u3400-\u9fff]{2,}")
CONFIG_SCRIPT = re.compile(
    r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S
)
SEPARATORS = {
    "zh": r"[\s\u200b\u3000\-、。，．？！；]+",
    "en": r"[\s\-]+",
}
PIPELINES = {"zh": ["stemmer"], "en": ["stopWordFilter"]}


def dictionary_words(dataset: Dataset) -> list[str]:
    """Chinese names of terms, capabilities, methods and limitations, as whole words."""
    names: list[str] = []
    for term in dataset.glossary.values():
        names += [term["term"]["zh"], *(term.get("aliases") or {}).get("zh", [])]
    for kind in ("capabilities", "methods", "limitations"):
        names += [record["name"]["zh"] for record in dataset.kind(kind).values()]
    words = {run for name in names for run in HAN_RUN.findall(name)}
    return sorted(words)


def write_user_dictionary(dataset: Dataset, path: Path) -> None:
    text = "".join(f"{word}\n" for word in dictionary_words(dataset))
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)  # atomic: parallel builds may read it


def write_indexes(
    site_dir: Path, fields: dict, entries: dict[str, list[dict]], default_lang: str
) -> None:
    """One index per language, at /search/ and /<lang>/search/, from every page's entries.

    Locations in another language's index are relative to that language's root, as
    its pages' search expects (see localize_base).
    """
    for lang, docs in entries.items():
        prefix = "" if lang == default_lang else f"{lang}/"
        if prefix:
            docs = [dict(d, location=d["location"].removeprefix(prefix)) for d in docs]
        config = {
            "lang": ["en"],
            "separator": SEPARATORS[lang],
            "pipeline": PIPELINES[lang],
            "fields": fields,
        }
        path = site_dir / prefix / "search" / "search_index.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(
            {"config": config, "docs": docs}, ensure_ascii=False, separators=(",", ":")
        )
        path.write_text(text, encoding="utf-8")


def localize_base(page_html: str, lang_root: str) -> str:
    """Point Material's `base` (where it fetches the search index) at the language root."""
    match = CONFIG_SCRIPT.search(page_html)
    if not match:
        return page_html
    config = json.loads(match.group(2))
    base = config["base"].rstrip("/")
    # A trailing slash matters: the browser resolves "search/search_index.json"
    # against this URL, and without it the last segment ("en") would be dropped.
    config["base"] = f"{lang_root}/" if base in ("", ".") else f"{base}/{lang_root}/"
    encoded = json_script(config)
    return page_html[: match.start(2)] + encoded + page_html[match.end(2) :]
