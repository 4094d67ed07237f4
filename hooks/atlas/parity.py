"""Do the two languages say the same things? Structure, citations and numbers compared.

Chinese is the default language and must be the complete one; English must not say
more either. A translation can be checked for what it carries without reading it:

- an article pair has the same sections (h2 and h3, in order);
- every citation (`[^id]`) in one is cited in the other;
- every number (a date, a size, a percentage, a count) in a section of one stands in
  the same section of the other, and every bilingual text in data/ carries the same
  numbers in both languages.

Numbers are compared by value, so "1750 亿" matches "175 billion" and "175B",
"2022 年 1 月 27 日" matches "27 January 2022", "1.3 万" matches "13k". Small whole
numbers (below 10) are left out: English spells them ("three steps"), Chinese often
does too. So are the digits inside names (GPT-3, text-davinci-002, §3.5, arXiv ids).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from .errors import Problem
from .load import FieldPath, Record

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
WORDS = {
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "thousand": 1000,
}
SCALE = {
    "k": Decimal(10) ** 3,
    "thousand": Decimal(10) ** 3,
    "m": Decimal(10) ** 6,
    "million": Decimal(10) ** 6,
    "b": Decimal(10) ** 9,
    "billion": Decimal(10) ** 9,
    "t": Decimal(10) ** 12,
    "trillion": Decimal(10) ** 12,
    "千": Decimal(10) ** 3,
    "万": Decimal(10) ** 4,
    "百万": Decimal(10) ** 6,
    "亿": Decimal(10) ** 8,
    "万亿": Decimal(10) ** 12,
}

# What is not prose: code, comments (shortcodes), link targets, footnote markers and
# definitions, HTML tags, and names with digits in them.
NOT_PROSE = [
    re.compile(r"^---\n.*?\n---\n", re.S),  # front matter
    re.compile(r"```.*?```|~~~.*?~~~", re.S),
    re.compile(r"<!--.*?-->", re.S),
    re.compile(r"^\[\^[^\]]+\]:.*$", re.M),
    re.compile(r"\[\^[^\]]+\]"),
    re.compile(r"\]\([^)]*\)"),
    re.compile(r"<[^>]+>"),
    re.compile(r"`[^`]*`"),
    re.compile(r"https?://\S+"),
]
NAME_WITH_DIGITS = re.compile(
    r"(?:[A-Za-z§][\w.§]*[-_]?\d[\w.-]*|\d+(?![KMBTkmbt](?:-|\b)|(?:st|nd|rd|th)\b)[A-Za-z][A-Za-z\d-]*[A-Za-z-]\w*)"
    r"|(?:\b(?:Table|Figure|Fig\.|Appendix|Section)|§|表|图|第)\s*[\dA-Z][\d.]*"
    r"|\d[\d.]*\s*(?:节|章)"
)
NUMBER = re.compile(
    r"(?P<value>\d[\d,]*(?:\.\d+)?)(?:\s*-\s*|\s*)(?P<unit>%|万亿|百万|亿|万|千|(?:k|m|b|t)\b|"
    r"thousand\b|million\b|billion\b|trillion\b)?",
    re.I,
)
MONTH_NAME = re.compile(r"\b(" + "|".join(MONTHS) + r")\b\.?", re.I)
WORD_NUMBER = re.compile(r"\b(" + "|".join(WORDS) + r")\b", re.I)
HEADING = re.compile(r"^(#{2,3})\s+(.*?)\s*(?:\{[^}]*\})?\s*$", re.M)
CITATION = re.compile(r"\[\^([^\]]+)\]")  # counted outside footnote definitions


def prose(markdown: str) -> str:
    return NAME_WITH_DIGITS.sub(" ", _text(markdown))


def numbers(text: str) -> set[str]:
    """The values of the numbers in a text, as canonical strings ("175000000000", "28.8%")."""
    text = prose(text)
    found: set[str] = set()
    # English months become their numbers, so dates compare across languages.
    text = MONTH_NAME.sub(lambda m: f" {MONTHS[m.group(1).lower()]} ", text)
    text = WORD_NUMBER.sub(lambda m: f" {WORDS[m.group(1).lower()]} ", text)
    for match in NUMBER.finditer(text):
        raw, unit = match.group("value").rstrip(",."), (match.group("unit") or "")
        try:
            value = Decimal(raw.replace(",", ""))
        except InvalidOperation:
            continue
        if unit == "%":
            found.add(f"{value.normalize():f}%")
            continue
        value *= SCALE.get(unit.lower(), Decimal(1))
        if value < 10 and value == value.to_integral_value():
            continue
        found.add(f"{value.normalize():f}")
    return found


@dataclass(frozen=True)
class Section:
    title: str  # "" for the text before the first h2
    level: int
    body: str


def sections(markdown: str) -> list[Section]:
    """The article split at its h2 and h3 headings, outside code blocks."""
    shielded = re.sub(r"```.*?```", lambda m: " " * len(m.group(0)), markdown, flags=re.S)
    out, start, title, level = [], 0, "", 1
    for match in HEADING.finditer(shielded):
        out.append(Section(title, level, markdown[start : match.start()]))
        title, level, start = match.group(2), len(match.group(1)), match.end()
    out.append(Section(title, level, markdown[start:]))
    return out


# Chinese characters per English word in a full translation of technical prose: about
# 1.5 to 1.7 here. Below this the Chinese says less than the English.
MIN_CHARACTERS_PER_WORD = 1.35
CJK = re.compile(r"[\u3400-\u9fff]")
WORD = re.compile(r"[A-Za-z][A-Za-z0-9'’.-]*")  # a number is not a word in either language


def size(zh: str, en: str) -> tuple[int, int]:
    """(Chinese characters, English words) of an article pair's prose."""
    zh_prose, en_prose = _text(zh), _text(en)
    return len(CJK.findall(zh_prose)), len(WORD.findall(en_prose))


def _text(markdown: str) -> str:
    text = markdown
    for pattern in NOT_PROSE:
        text = pattern.sub(" ", text)
    return text


def article_problems(zh_path: Path, en_path: Path, root: Path) -> list[Problem]:
    """What one language of an article carries and the other does not."""
    zh_text = zh_path.read_text(encoding="utf-8")
    en_text = en_path.read_text(encoding="utf-8")
    zh_name, en_name = (p.relative_to(root).as_posix() for p in (zh_path, en_path))
    problems: list[Problem] = []
    characters, words = size(zh_text, en_text)
    if words >= 200 and characters < MIN_CHARACTERS_PER_WORD * words:
        problems.append(
            Problem(
                zh_name,
                0,
                "",
                f"{characters} Chinese characters for {words} English words"
                f" ({characters / words:.2f} per word): the Chinese says less than the English",
                f"bring it to at least {MIN_CHARACTERS_PER_WORD} characters per English word",
            )
        )
    zh_parts, en_parts = sections(zh_text), sections(en_text)
    shape = [(s.level) for s in zh_parts], [(s.level) for s in en_parts]
    if shape[0] != shape[1]:
        problems.append(
            Problem(
                en_name,
                0,
                "",
                f"its sections do not match {zh_name}: h2/h3 in order are"
                f" {_outline(zh_parts)} in Chinese, {_outline(en_parts)} in English",
                "give both languages the same headings, in the same order",
            )
        )
    for lang_name, other_name, mine, theirs in (
        (zh_name, en_name, zh_text, en_text),
        (en_name, zh_name, en_text, zh_text),
    ):
        missing = sorted(_citations(mine) - _citations(theirs))
        for label in missing:
            problems.append(
                Problem(
                    other_name,
                    0,
                    "",
                    f"does not cite [^{label}], which {lang_name} cites",
                    "cite the same sources in both languages",
                )
            )
    if shape[0] == shape[1]:
        for zh_part, en_part in zip(zh_parts, en_parts, strict=True):
            zh_numbers, en_numbers = numbers(zh_part.body), numbers(en_part.body)
            for target, section, absent in (
                (en_name, en_part.title, zh_numbers - en_numbers),
                (zh_name, zh_part.title, en_numbers - zh_numbers),
            ):
                if absent:
                    where = f"section '{section}'" if section else "the opening"
                    problems.append(
                        Problem(
                            target,
                            _line_of(target, root, section),
                            "",
                            f"{where} lacks {_list(absent)}, which the other language has",
                            "say the same things in both languages",
                        )
                    )
    return problems


def _citations(markdown: str) -> set[str]:
    """The ids cited in the text: "[^id]" anywhere, a colon after it or not, but not the
    "[^id]:" that starts a footnote definition."""
    return set(CITATION.findall(re.sub(r"^\[\^[^\]]+\]:", "", markdown, flags=re.M)))


def _line_of(path: str, root: Path, title: str) -> int:
    if not title:
        return 1
    for number, line in enumerate((root / path).read_text(encoding="utf-8").splitlines(), 1):
        if line.lstrip("#").strip().startswith(title):
            return number
    return 0


def _outline(parts: list[Section]) -> str:
    return "".join("·" if s.level == 2 else "-" for s in parts[1:]) or "none"


def _list(values: set[str]) -> str:
    return ", ".join(sorted(values, key=lambda v: (len(v), v)))


def record_problems(record: Record) -> list[Problem]:
    """Every bilingual text of a record carries the same numbers in both languages."""
    problems = []
    for at, text in _bilingual(record.data):
        zh, en = numbers(text["zh"]), numbers(text["en"])
        if zh != en:
            parts = []
            if zh - en:
                parts.append(f"only the Chinese has {_list(zh - en)}")
            if en - zh:
                parts.append(f"only the English has {_list(en - zh)}")
            problems.append(
                record.problem(at, "; ".join(parts), "say the same things in both languages")
            )
    return problems


def _bilingual(data: object, at: FieldPath = ()) -> Iterator[tuple[FieldPath, dict]]:
    if isinstance(data, dict):
        if isinstance(data.get("zh"), str) and isinstance(data.get("en"), str):
            yield at, data
            return
        for key, value in data.items():
            yield from _bilingual(value, (*at, key))
    elif isinstance(data, list):
        for i, item in enumerate(data):
            yield from _bilingual(item, (*at, i))


def article_pairs(root: Path) -> Iterator[tuple[Path, Path]]:
    for zh in sorted((root / "docs").rglob("*.md")):
        if re.search(r"\.[a-z]{2}\.md$", zh.name):
            continue
        en = zh.with_name(zh.name[: -len(".md")] + ".en.md")
        if en.is_file():
            yield zh, en


def all_problems(root: Path, records: list[Record]) -> list[Problem]:
    problems = []
    for zh, en in article_pairs(root):
        problems += article_problems(zh, en, root)
    for record in records:
        problems += record_problems(record)
    return sorted(set(problems))
