"""Which characters text from a pull request may contain.

Invisible characters make text mean something other than what a reviewer sees:
bidirectional overrides reorder it ("Trojan Source"), zero-width characters make
two equal-looking names differ, control characters and non-characters break the
parsers downstream (U+FFFF ends MkDocs' front matter; a lone surrogate cannot be
written as UTF-8 at all). Data and articles are checked against this one list.
"""

from __future__ import annotations

import re
import unicodedata

_WHAT = {
    "Cc": "a control character",
    "Cf": "an invisible formatting character",
    "Cs": "a lone surrogate, which is not a character",
    "Co": "a private-use character",
    "Zl": "a line separator",
    "Zp": "a paragraph separator",
}
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _is_noncharacter(code: int) -> bool:
    return 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE


def describe(char: str) -> str:
    """'U+202E (a bidirectional override)': for messages, never the character itself."""
    code = ord(char)
    if char in "\n\r":
        what = "a line break"
    elif char == "\t":
        what = "a tab"
    elif char in _BIDI:
        what = "a bidirectional control, which can reorder how text is shown"
    elif _is_noncharacter(code):
        what = "a non-character"
    else:
        what = _WHAT.get(unicodedata.category(char), "a character that is not allowed")
    return f"U+{code:04X} ({what})"


# Nearly all text is Latin, CJK and common punctuation: those runs skip the
# per-character lookup below, which dominates validation time on large data.
_COMMON = re.compile(
    r"[\x20-\x7e\u00a0-\u00ac\u00ae-\u036f\u2010-\u2027\u2030-\u205e"
    r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff01-\uffee]+"
)


def first_forbidden(text: str, allowed: str = "\n") -> str | None:
    """The first character of `text` that may not appear in it, or None."""
    for char in _COMMON.sub("", text):
        if char in allowed:
            continue
        if unicodedata.category(char) in _WHAT or _is_noncharacter(ord(char)):
            return char
    return None


def printable(text: str) -> str:
    """Text safe to print in a terminal message: forbidden characters as U+XXXX."""
    out = []
    for char in str(text):
        if first_forbidden(char, allowed="") is None:
            out.append(char)
        else:
            out.append(f"<U+{ord(char):04X}>")
    return "".join(out)
