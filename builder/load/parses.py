"""What loading the draft and its releases together shares: each file's parse, and each paragraph's inlines.

A release snapshot holds mostly the same text as the draft. A section's or
scenario's parse depends only on its path (relative to its root), its id and
its text, and a paragraph's inline nodes on its text alone, so when
`builder.project.load_project` loads the draft and then its releases, each
distinct text is parsed once: the result (an immutable model object) is kept
with the problems found in it, and replayed in the same order when the same
text is loaded again. A `Parses` lives as long as one project load; nothing is
kept between loads.
"""
from __future__ import annotations

from typing import Callable, TypeVar

from ..diagnostics import Collector
from ..model import Inline

T = TypeVar("T")


class Parses:
    def __init__(self) -> None:
        self._files: dict[tuple, tuple[object, Collector]] = {}
        self._inlines: dict[str, tuple[Inline, ...]] = {}

    def file(self, key: tuple, parse: Callable[[Collector], T], diags: Collector) -> T:
        """`parse(found)` the file named by `key` (path, id, text), or replay the earlier parse of it."""
        done = self._files.get(key)
        if done is None:
            found = Collector()
            done = self._files[key] = (parse(found), found)
        diags.extend(done[1])
        return done[0]  # type: ignore[return-value]

    def inlines(self, text: str, parse: Callable[[Collector], tuple[Inline, ...]],
                diags: Collector) -> tuple[Inline, ...]:
        """`parse(diags)` a paragraph's text; a text already parsed without problems is not parsed again."""
        done = self._inlines.get(text)
        if done is not None:
            return done
        before = len(diags.items)
        nodes = parse(diags)
        if len(diags.items) == before:
            self._inlines[text] = nodes
        return nodes
