"""Safe, position-keeping YAML for hand-edited source files.

Every scalar stays a string (so `8.10` is never the float 8.1 and `no` is never
False); each value keeps its line. Only the plain YAML tags are accepted: a
`!!python/object` tag is reported, never constructed or executed.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Union

import yaml

from ..diagnostics import Collector

_PLAIN_TAGS = {
    "tag:yaml.org,2002:" + t
    for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq", "binary", "merge")
}
MAX_NODES = 200_000  # an alias bomb is refused long before memory runs out


@dataclass(frozen=True)
class YScalar:
    value: str
    line: int
    is_null: bool = False


@dataclass(frozen=True)
class YList:
    items: tuple["YValue", ...]
    line: int


@dataclass(frozen=True)
class YMap:
    entries: tuple[tuple[str, int, "YValue"], ...]  # (key, key line, value)
    line: int

    def get(self, key: str) -> "YValue | None":
        return next((v for k, _, v in self.entries if k == key), None)

    def keys(self) -> list[str]:
        return [k for k, _, _ in self.entries]

    def key_line(self, key: str) -> int:
        return next((ln for k, ln, _ in self.entries if k == key), self.line)


YValue = Union[YScalar, YList, YMap]


class _Too_Big(Exception):
    pass


def parse_yaml(text: str, path: str, first_line: int, diags: Collector) -> YValue | None:
    """Parse YAML text that starts at `first_line` of `path`; report problems to `diags`."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = first_line + (mark.line if mark else 0)
        problem = (exc.problem or exc.context or "not valid YAML").strip()
        hint = "Check indentation (spaces, not tabs), colons after keys and matching quotes."
        if "\t" in text and ("tab" in problem or "found character" in problem):
            hint = "YAML does not allow tab characters for indentation: use spaces."
        diags.error("S002", path, line, f"YAML syntax error: {problem}", hint)
        return None
    except yaml.YAMLError as exc:  # e.g. a reader error on control characters
        diags.error("S002", path, first_line, f"YAML syntax error: {exc}",
                    "Remove control characters and check the file is plain text.")
        return None
    if node is None:
        return None
    count = [0]
    try:
        return _convert(node, path, first_line, diags, count, set())
    except _Too_Big:
        diags.error("S002", path, first_line, "YAML is too large or repeats itself too often",
                    "Remove anchors (&) and aliases (*): source files do not need them.")
        return None


def _convert(node, path, first_line, diags, count, seen) -> YValue:
    count[0] += 1
    if count[0] > MAX_NODES or len(seen) > 100:
        raise _Too_Big()
    line = first_line + node.start_mark.line
    if node.tag not in _PLAIN_TAGS and not node.tag.startswith("tag:yaml.org,2002:"):
        diags.error("S003", path, line, f"YAML tag {node.tag!r} is not allowed",
                    "Remove the tag (the part starting with '!'); source files hold plain text only.")
        return YScalar("", line, True)
    if node.tag not in _PLAIN_TAGS:
        diags.error("S003", path, line, f"YAML tag {node.tag!r} is not allowed",
                    "Remove the tag (the part starting with '!'); source files hold plain text only.")
        return YScalar("", line, True)
    if isinstance(node, yaml.ScalarNode):
        is_null = node.style is None and node.value in ("", "~", "null", "Null", "NULL")
        return YScalar("" if is_null else node.value, line, is_null)
    if id(node) in seen:  # recursive alias
        raise _Too_Big()
    seen = seen | {id(node)}
    if isinstance(node, yaml.SequenceNode):
        return YList(tuple(_convert(n, path, first_line, diags, count, seen) for n in node.value), line)
    entries = []
    keys_seen: dict[str, int] = {}
    for knode, vnode in node.value:
        kline = first_line + knode.start_mark.line
        key = knode.value if isinstance(knode, yaml.ScalarNode) else str(knode.value)
        if key in keys_seen:
            diags.error("S004", path, kline, f"key {key!r} appears twice (first on line {keys_seen[key]})",
                        "Keep one of the two entries.")
            continue
        keys_seen[key] = kline
        entries.append((key, kline, _convert(vnode, path, first_line, diags, count, seen)))
    return YMap(tuple(entries), line)


def split_front_matter(text: str) -> tuple[str | None, int, str, int]:
    """Split '---' front matter from a Markdown body.

    Returns (yaml_text or None, first line of the YAML, body, first line of the body).
    yaml_text is None when the file does not start with '---'; raises ValueError when
    the front matter is not closed.
    """
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return None, 1, text, 1
    for i in range(1, len(lines)):
        if lines[i].rstrip() in ("---", "..."):
            return "\n".join(lines[1:i]), 2, "\n".join(lines[i + 1:]), i + 2
    raise ValueError("front matter not closed")
