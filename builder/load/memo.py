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
from typing import Callable, Hashable, TypeVar

from ..diagnostics import Collector

T = TypeVar("T")


class ParseMemo:
    def __init__(self, size: int = 4096):
        self.size = size
        self._done: OrderedDict[Hashable, tuple[object, Collector]] = OrderedDict()

    def get(self, key: Hashable, parse: Callable[[Collector], T], diags: Collector) -> T:
        hit = self._done.get(key)
        if hit is None:
            found = Collector()
            hit = (parse(found), found)
            self._done[key] = hit
            if len(self._done) > self.size:
                self._done.popitem(last=False)
        else:
            self._done.move_to_end(key)
        diags.extend(hit[1])
        return hit[0]  # type: ignore[return-value]

    def clear(self) -> None:
        self._done.clear()


SECTIONS = ParseMemo()
SCENARIOS = ParseMemo()
