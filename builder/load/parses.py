"""What loading the draft and its releases together shares: each file's parse, and each paragraph's inlines.

A release snapshot holds mostly the same text as the draft. A section's or
scenario's parse depends only on its path (relative to its root), its id and
its text, and a paragraph's inline nodes on its text alone, so when
`builder.project.load_project` loads the draft and then its releases, each
distinct text (and each paragraph's settings, `{#id audience=...}`) is parsed once: the result (an immutable model object) is kept
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
        self._texts: dict[tuple[str, str], object] = {}  # (what, text) -> its parse, found without problems

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
        return self._clean(("inlines", text), parse, diags)

    def settings(self, attrs: str, parse: Callable[[Collector], T], diags: Collector) -> T:
        """`parse(diags)` a paragraph's {#id ...} settings; settings already read without problems are not
        read again (many paragraphs carry the same ones, and a release the draft's)."""
        return self._clean(("settings", attrs), parse, diags)

    def _clean(self, key: tuple[str, str], parse: Callable[[Collector], T], diags: Collector) -> T:
        done = self._texts.get(key)
        if done is not None:
            return done  # type: ignore[return-value]
        before = len(diags.items)
        value = parse(diags)
        if len(diags.items) == before:  # what was reported names a file and line: never replayed elsewhere
            self._texts[key] = value
        return value
