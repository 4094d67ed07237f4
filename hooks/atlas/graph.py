"""The lineage graph: which model was derived from which, and by which method.

Built from plain model records (dicts), so that both the validator (to find cycles
before anything else relies on the graph being acyclic) and the renderers can use it.
"""

from __future__ import annotations

import heapq
from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

DEFAULT_ORIGIN_METHOD = "pretraining"


@dataclass(frozen=True)
class Edge:
    parent: str
    child: str
    method: str
    grade: str
    index: int  # position in the child's `parents` list
    data: Mapping[str, Any] = field(compare=False, hash=False, repr=False)


def parent_ids(record: Mapping[str, Any]) -> list[str]:
    return [p["model"] for p in record.get("parents") or [] if isinstance(p, dict) and "model" in p]


def find_cycles(parents: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """Every elementary cycle found by depth-first search, each as [a, b, ..., a].

    Each cycle is reported once, rotated to start at its smallest id, so that the
    same mistake gives the same message however the files are ordered.
    """
    WHITE, GREY, BLACK = 0, 1, 2
    colour = dict.fromkeys(parents, WHITE)
    found: dict[tuple[str, ...], list[str]] = {}

    for start in sorted(parents):
        if colour[start] != WHITE:
            continue
        stack: list[tuple[str, Iterable[str]]] = [(start, iter(sorted(parents[start])))]
        path = [start]
        colour[start] = GREY
        while stack:
            node, pending = stack[-1]
            advanced = False
            for nxt in pending:
                if nxt not in colour:
                    continue  # unknown ids are reported elsewhere
                if colour[nxt] == GREY:
                    cycle = path[path.index(nxt) :]
                    pivot = cycle.index(min(cycle))
                    key = tuple(cycle[pivot:] + cycle[:pivot])
                    found.setdefault(key, [*key, key[0]])
                elif colour[nxt] == WHITE:
                    colour[nxt] = GREY
                    path.append(nxt)
                    stack.append((nxt, iter(sorted(parents[nxt]))))
                    advanced = True
                    break
            if not advanced:
                colour[node] = BLACK
                path.pop()
                stack.pop()
    return [found[key] for key in sorted(found)]


class Lineage:
    """An acyclic graph of models; construct only from validated data."""

    def __init__(
        self,
        models: Mapping[str, Mapping[str, Any]],
        order_key=None,
        scratch_methods: frozenset[str] = frozenset(),
    ):
        """`scratch_methods` are relations, not training steps (e.g. "successor"):
        a child reached only through them was trained from scratch."""
        self.models = models
        self.scratch_methods = scratch_methods
        self.parents: dict[str, list[Edge]] = {mid: [] for mid in models}
        self.children: dict[str, list[Edge]] = {mid: [] for mid in models}
        for mid in sorted(models):
            for index, entry in enumerate(models[mid].get("parents") or []):
                edge = Edge(entry["model"], mid, entry["method"], entry["grade"], index, entry)
                self.parents[mid].append(edge)
                self.children[entry["model"]].append(edge)
        key = order_key or (lambda mid: mid)
        for edges in self.children.values():
            edges.sort(key=lambda e: key(e.child))
        self.order = self._topological(key)

    def _topological(self, key) -> list[str]:
        """Parents before children; among the ready ones, the earliest by `key` first."""
        waiting = {mid: len({e.parent for e in edges}) for mid, edges in self.parents.items()}
        ready = [(key(mid), mid) for mid, n in waiting.items() if n == 0]
        heapq.heapify(ready)
        order: list[str] = []
        while ready:
            _, mid = heapq.heappop(ready)
            order.append(mid)
            for child in sorted({e.child for e in self.children[mid]}):
                waiting[child] -= 1
                if waiting[child] == 0:
                    heapq.heappush(ready, (key(child), child))
        return order

    @cached_property
    def edges(self) -> list[Edge]:
        """Every edge, children in lineage order (computed once: the graph never changes)."""
        return [edge for mid in self.order for edge in self.parents[mid]]

    @cached_property
    def generations(self) -> int:
        """How many models the longest chain of parent and child holds."""
        level: dict[str, int] = {}
        for mid in self.order:
            level[mid] = 1 + max((level[e.parent] for e in self.parents[mid]), default=0)
        return max(level.values(), default=0)

    @cached_property
    def position(self) -> dict[str, int]:
        """Each model's index in `order`."""
        return {mid: i for i, mid in enumerate(self.order)}

    def in_order(self, nodes: Iterable[str]) -> list[str]:
        """Some models, in lineage order, without walking the whole lineage."""
        return sorted(nodes, key=self.position.__getitem__)

    def roots(self) -> list[str]:
        return [mid for mid in self.order if not self.parents[mid]]

    def trained_from_scratch(self, model_id: str) -> bool:
        return all(e.method in self.scratch_methods for e in self.parents[model_id])

    def origin_method(self, model_id: str) -> str | None:
        """The method that made a model trained from scratch; None for derived models."""
        if not self.trained_from_scratch(model_id):
            return None
        return self.models[model_id].get("origin_method") or DEFAULT_ORIGIN_METHOD

    def ancestors(self, model_id: str, depth: int | None = None) -> dict[str, int]:
        """Ancestor ids with their distance (1 = parent), up to `depth` steps."""
        return self._walk(model_id, depth, lambda m: (e.parent for e in self.parents[m]))

    def descendants(self, model_id: str, depth: int | None = None) -> dict[str, int]:
        return self._walk(model_id, depth, lambda m: (e.child for e in self.children[m]))

    @staticmethod
    def _walk(start: str, depth: int | None, step) -> dict[str, int]:
        seen: dict[str, int] = {}
        queue = deque([(start, 0)])
        while queue:
            node, dist = queue.popleft()
            if depth is not None and dist >= depth:
                continue
            for nxt in step(node):
                if nxt not in seen and nxt != start:
                    seen[nxt] = dist + 1
                    queue.append((nxt, dist + 1))
        return seen

    def stages(self, model_id: str) -> set[str]:
        """Every method on the way from the roots to this model, including its own."""
        methods: set[str] = set()
        for mid in [model_id, *self.ancestors(model_id)]:
            origin = self.origin_method(mid)
            if origin:
                methods.add(origin)
            methods.update(edge.method for edge in self.parents[mid])
        return methods

    def subgraph_edges(self, nodes: set[str]) -> list[Edge]:
        """The edges among `nodes`, in the order of `edges`; visits only those nodes."""
        return [
            edge
            for mid in self.in_order(nodes)
            for edge in self.parents[mid]
            if edge.parent in nodes
        ]
