"""Will a drawing fit the page's column? An estimate from the DOT's shape, before `dot` runs.

Labels are drawn at 12 pt and may shrink to 75% (embed.MIN_SCALE) to fit; below that a
diagram would scroll. Rather than scroll, the drawings that can be laid out two ways
(left to right or top to bottom) or drawn with fewer models pick the first variant this
estimate says fits. It errs wide: a text's width is taken at 0.6 em per character.
"""

from __future__ import annotations

from collections.abc import Iterable

from .embed import MIN_SCALE

# Material's content column at a 1,280 px window, with both sidebars: the narrowest
# column a desktop reader sees.
COLUMN_PX = 686
BUDGET_PX = COLUMN_PX / MIN_SCALE

_EM = 12 * 4 / 3  # 12 pt in CSS px
_NODE_PAD = 0.12 * 96 * 2 + 6  # the node margin on both sides, and the border
_NODE_SEP = 0.25 * 96
_RANK_SEP = 0.45 * 96


def text_width(text: str) -> float:
    """Wide characters (Chinese) count double."""
    return sum(1.2 if ord(ch) > 0x2E80 else 0.6 for ch in text) * _EM


def estimated_width(
    order: list[str],
    edges: Iterable[tuple[str, str, str]],
    labels: dict[str, str],
    rankdir: str,
) -> float:
    """The drawing's width in CSS px. `order`: parents before children; `edges`: (parent,
    child, edge label); `labels`: each node's longest label line."""
    edges = list(edges)
    rank = {mid: 0 for mid in order}
    for mid in order:  # longest path from a source, as dot ranks them
        for parent, child, _ in edges:
            if child == mid and parent in rank:
                rank[mid] = max(rank[mid], rank[parent] + 1)
    widths = {mid: text_width(labels[mid]) + _NODE_PAD for mid in order}
    ranks: dict[int, list[str]] = {}
    for mid in order:
        ranks.setdefault(rank[mid], []).append(mid)
    if rankdir == "TB":
        return max(
            (sum(widths[m] for m in row) + _NODE_SEP * (len(row) - 1) for row in ranks.values()),
            default=0.0,
        )
    gaps = {}  # an edge label sits in the gap after its parent's rank
    for parent, _child, label in edges:
        gap = rank.get(parent, 0)
        gaps[gap] = max(gaps.get(gap, 0.0), text_width(label))
    columns = sum(max(widths[m] for m in row) for row in ranks.values())
    between = sum(_RANK_SEP + gaps.get(r, 0.0) for r in sorted(ranks)[:-1])
    return columns + between


def fits(width: float) -> bool:
    return width <= BUDGET_PX
