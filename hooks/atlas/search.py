"""Search that stays in the reader's language, with Chinese domain terms kept whole.

mkdocs-static-i18n merges every language into one search index, so a Chinese reader
searching "model" would get English pages and the reverse. After the build we write
one index per language (/search/ and /en/search/) and point each page's search at
its own language.

Chinese is segmented on both sides, and the same way:
- Index side: jieba, which Material runs on Chinese text, gets a user dictionary
  from the data so that 思维链 or 对齐税 stay one word.
- Query side: Material's worker splits each run of Han characters in the query by
  greedy longest match over the index's own terms (query/segment/index.ts), so a
  query word is cut exactly where jieba cut the indexed text. Material 9.8.1 tries
  only the slices that stop before the query's last character, so a query that is
  one whole term never matches as that term: 上下文学习 became 上下文* 学*, and
  GPT-2's 学习者 ranked first. fix_worker mends that loop bound in the copy of the
  worker the site ships; nothing else about Material's search changes. We chose this
  over a segmenter of our own: the index's terms are exactly what jieba produced
  (our dictionary plus jieba's), a second segmenter would be a second opinion, and
  Material's runs before any code of ours could see the query.

Pages about a record ranked below papers for the record's own name (a paper's
title often contains it). Capability and method pages and glossary and limitation
entries get a fixed boost by where they are, never from data text (see RECORD_BOOST).
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

# The page of a capability or method, or the glossary or limitations entry, for
# its own name. Material multiplies the entry's score by it (lunr's document boost).
RECORD_ENTRY = re.compile(r"^(?:(?:capabilities|methods)/[^/#]+/|(?:glossary|limitations)/#)")
RECORD_BOOST = 4

# Material 9.8.1's query segmenter, minified: `for (let j = i + 1; j < query.length;
# j++) if (query.slice(i, j) in index) ...`. The fix lets j reach query.length and is
# padded to the same length, so the worker's source map stays true.
SEGMENTER_LOOP = re.compile(
    r"for\(let (\w+)=(\w+)\+1;\1<(\w+)\.length;\1\+\+\)(?=\3\.slice\(\2,\1\)in )"
)
SEGMENTER_FIXED = re.compile(
    r"for\(let (\w+)=(\w+);\+\+\1<=(\w+)\.length;\) *(?=\3\.slice\(\2,\1\)in )"
)


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
        docs = [boosted(d) for d in docs]
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


def boosted(entry: dict) -> dict:
    """A record's own entry, weighted above the papers and articles that name it."""
    if RECORD_ENTRY.match(entry["location"]):
        return dict(entry, boost=entry.get("boost", 1) * RECORD_BOOST)
    return entry


def fix_segmenter(script: str) -> str:
    """Material's worker with its query segmenter able to match a whole query.

    Raises ValueError when the loop is neither there nor fixed: a new Material
    version changed the worker, and this fix must be looked at again.
    """
    if SEGMENTER_FIXED.search(script):
        return script

    def fixed(match: re.Match) -> str:
        end, start, query = match.groups()
        text = f"for(let {end}={start};++{end}<={query}.length;)"
        return text.ljust(len(match.group(0)))

    script, count = SEGMENTER_LOOP.subn(fixed, script)
    if count != 1:
        raise ValueError(
            f"Material's search worker has {count} query segmenter loops, not one; "
            "see fix_segmenter in hooks/atlas/search.py"
        )
    return script


def fix_worker(site_dir: Path) -> None:
    """Mend the search worker the site ships, Material's, in place (it is written once).

    In place rather than under a new name: every page's config names this file, and
    a dirty rebuild leaves it alone once it is newer than Material's.
    """
    workers = sorted((site_dir / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    if len(workers) != 1:
        raise ValueError(f"expected one Material search worker in the site, found {workers}")
    path = workers[0]
    script = path.read_text(encoding="utf-8")
    fixed = fix_segmenter(script)
    if fixed != script:
        path.write_text(fixed, encoding="utf-8")


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
