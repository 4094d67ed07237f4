"""Adjacent footnote markers, kept apart.

Python-Markdown writes two citations in a row as `<sup>5</sup><sup>6</sup>`, which
after "2,049." reads as note 56. A comma between them (in the text, so it is also
copied and read aloud) keeps them two notes. CSS cannot do this: `sup + sup` also
matches two markers with words between them, since selectors skip text nodes.
"""

from __future__ import annotations

import re

# The end of one footnote marker directly followed by the start of the next.
_ADJACENT = re.compile(r'(?<=</a></sup>)(?=<sup id="fnref)')
SEPARATOR = '<sup class="atlas-fnsep">,</sup>'


def separate(html: str) -> str:
    """Put a superscript comma between footnote markers that touch."""
    return _ADJACENT.sub(SEPARATOR, html)
