"""Reuse the parse of a file whose text was already parsed in this process.

`protocol check` and the redline load the working draft and the release it is
compared with; most files are the same text in both, and `protocol serve`
reloads every file after each edit. Parsing a file depends only on its path
(relative to its root), its id and its text, so the result (an immutable model
object) and the problems found in it are kept and replayed, in the same order,
the next time the same text is loaded.
"""
from __future__ import annotations

from collections import OrderedDict
from typing import Callable, TypeVar

from ..diagnostics import Collector

T = TypeVar("T")


class ParseMemo:
    """Kept results, oldest dropped first once their texts add up to more than `budget` characters."""

    def __init__(self, budget: int = 8_000_000):  # a Constitution's text is about 1.7 million characters
        self.budget = budget
        self._size = 0
        self._done: OrderedDict[tuple, tuple[object, Collector]] = OrderedDict()

    def get(self, key: tuple, parse: Callable[[Collector], T], diags: Collector) -> T:
        """`key` ends with the file's text; `parse(found)` parses it, reporting into `found`."""
        hit = self._done.get(key)
        if hit is None:
            found = Collector()
            hit = (parse(found), found)
            self._done[key] = hit
            self._size += len(key[-1])
            while self._size > self.budget and len(self._done) > 1:
                old, _ = self._done.popitem(last=False)
                self._size -= len(old[-1])
        else:
            self._done.move_to_end(key)
        diags.extend(hit[1])
        return hit[0]  # type: ignore[return-value]

    def clear(self) -> None:
        self._done.clear()
        self._size = 0


SECTIONS = ParseMemo()
SCENARIOS = ParseMemo()
