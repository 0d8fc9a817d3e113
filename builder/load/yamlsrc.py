"""Safe, position-keeping YAML for hand-edited source files.

Every scalar stays a string (so `8.10` is never the float 8.1 and `no` is never
False); each value keeps its line. Only the plain YAML tags are accepted: a
`!!python/object` tag is reported, never constructed or executed.

The text is composed (parsed into nodes, never constructed into objects) by
libyaml's C composer, `yaml.CSafeLoader`, where PyYAML has it. Text that it
refuses is composed again by PyYAML's pure-Python `SafeLoader`, only to word the
problem: the messages, lines and hints people see are PyYAML's own.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Union

import yaml

from ..diagnostics import Collector
from ..model import Lines

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


_UNTAGGED = {yaml.ScalarNode: "tag:yaml.org,2002:str", yaml.SequenceNode: "tag:yaml.org,2002:seq",
             yaml.MappingNode: "tag:yaml.org,2002:map"}


def _c_loader():
    """libyaml's composer (about ten times PyYAML's pure-Python one), or None when PyYAML was built without it.

    Its resolver is told that every untagged node is a string, list or mapping: PyYAML's own resolver would try
    its regular expressions on every scalar (for ints, dates...) in Python, and every value stays a string here
    anyway. The one exception is a bare '=', which PyYAML resolves to its 'value' tag, refused here as before
    (S003). An explicit tag ('!!python/object') is never resolved, so it is still seen and refused."""
    if not getattr(yaml, "__with_libyaml__", False):
        return None

    class Loader(yaml.CSafeLoader):
        def resolve(self, kind, value, implicit):
            if value == "=" and kind is yaml.ScalarNode:
                return super().resolve(kind, value, implicit)
            return _UNTAGGED[kind]

    return Loader


_C_LOADER = _c_loader()


def parse_yaml(text: str, path: str, first_line: int, diags: Collector) -> YValue | None:
    """Parse YAML text that starts at `first_line` of `path`; report problems to `diags`."""
    if _C_LOADER is not None:
        try:
            node = yaml.compose(text, Loader=_C_LOADER)
        except (yaml.YAMLError, UnicodeError):  # UnicodeError: a lone surrogate, which libyaml cannot take
            pass  # worded below, by PyYAML's own loader
        else:
            if node is None:
                return None
            found = Collector()
            try:
                value = _convert(node, path, first_line, found, [0], set())
            except (_Too_Big, RecursionError):
                pass  # idem: the pure-Python composer may refuse the nesting first, as it always has
            else:
                diags.extend(found)
                return value
    return _parse_worded(text, path, first_line, diags)


def _parse_worded(text: str, path: str, first_line: int, diags: Collector) -> YValue | None:
    """parse_yaml with PyYAML's pure-Python composer, whose errors the messages and hints are written for."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        line = first_line + _error_line(exc, text)
        problem = (exc.problem or exc.context or "not valid YAML").strip()
        message, hint = _explain(problem, text, (exc.context or "").strip())
        diags.error("S002", path, line, f"YAML syntax error: {message}", hint)
        return None
    except yaml.YAMLError as exc:  # e.g. a reader error on control characters
        line = first_line
        mark = getattr(exc, "position", None)
        if isinstance(mark, int):
            line = first_line + text[:mark].count("\n")
        diags.error("S002", path, line, f"YAML syntax error: {exc}".splitlines()[0],
                    "Remove control characters and check the file is plain text.")
        return None
    except RecursionError:  # thousands of nested brackets: never a real source file
        diags.error("S002", path, first_line, "YAML is nested too deeply to read",
                    "Source files need only a few levels of indentation: check for runaway '[' or '{'.")
        return None
    if node is None:
        return None
    count = [0]
    try:
        return _convert(node, path, first_line, diags, count, set())
    except (_Too_Big, RecursionError):
        diags.error("S002", path, first_line, "YAML is too large or repeats itself too often",
                    "Remove anchors (&) and aliases (*): source files do not need them.")
        return None


def _error_line(exc: yaml.MarkedYAMLError, text: str) -> int:
    """0-based line of a YAML error within `text`.

    An error found at the end of the text (an unclosed quote or bracket) is shown
    where the unclosed thing started, which is where the author has to look.
    """
    problem, context = exc.problem_mark, exc.context_mark
    at_end = "end of stream" in (exc.problem or "") or "<stream end>" in (exc.problem or "")
    unclosed = (exc.context or "").startswith(("while parsing a flow", "while scanning a quoted"))
    if (at_end or unclosed) and context is not None and (problem is None or context.line <= problem.line):
        line = context.line
    elif problem is not None:
        line = problem.line
    elif context is not None:
        line = context.line
    else:
        line = 0
    last = max(len(text.rstrip("\n").split("\n")) - 1, 0)
    return min(line, last)


def _explain(problem: str, text: str, context: str = "") -> tuple[str, str]:
    """PyYAML's wording, with a plain-English hint for the mistakes people actually make."""
    if "\t" in problem or ("\t" in text and "found character" in problem):
        return ("a tab character where YAML expects spaces",
                "YAML does not allow tab characters for indentation: use spaces.")
    if "mapping values are not allowed" in problem:
        return ("a colon ':' where YAML does not expect one",
                "Put a value that contains ': ' in quotes, and check the indentation of this line.")
    if "end of stream" in problem or "<stream end>" in problem:
        return (f"the file ends too early ({problem})",
                "Close the quote or bracket that starts here ('\"', '[' or '{').")
    if context.startswith("while parsing a flow"):
        return (f"a '[' or '{{' on this line is not closed properly ({problem})",
                "Close the list with ']' (or '{' with '}') on the same line, with commas between the entries.")
    if "expected a single document" in problem:
        return (problem, "The file holds one set of settings: remove the extra '---' line.")
    return (problem, "Check indentation (spaces, not tabs), colons after keys and matching quotes.")


def _convert(node, path, first_line, diags, count, seen) -> YValue:
    count[0] += 1
    if count[0] > MAX_NODES or len(seen) > 100:
        raise _Too_Big()
    line = first_line + node.start_mark.line
    if node.tag not in _PLAIN_TAGS:
        diags.error("S003", path, line, f"YAML tag {node.tag!r} is not allowed",
                    "Remove the tag (the part starting with '!'); source files hold plain text only.")
        return YScalar("", line, True)
    if isinstance(node, yaml.ScalarNode):
        # a plain scalar has no style: None from PyYAML's composer, '' from libyaml's
        is_null = not node.style and node.value in ("", "~", "null", "Null", "NULL")
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


def front_matter(text: str, name: str, diags: Collector, closing_hint: str, missing_hint: str):
    """split_front_matter for a section or scenario file, reporting S005 when it is missing or open.

    Returns (yaml_text, yaml_first_line, body, body_first_line), or None after reporting.
    """
    try:
        fm, fm_line, body, body_line = split_front_matter(text)
    except ValueError:
        diags.error("S005", name, 1, "the front matter starting with '---' is not closed", closing_hint)
        return None
    if fm is None:
        diags.error("S005", name, 1, "the file has no front matter", missing_hint)
        return None
    return fm, fm_line, body, body_line


def setting_lines(node: YValue | None) -> Lines:
    """Where each setting of a mapping is: its key's line and each value's (the items of a list, or the
    comma-separated parts of a one-line value); empty when the node is not a mapping."""
    if not isinstance(node, YMap):
        return Lines()
    out = []
    for key, key_line, value in node.entries:
        values: tuple[tuple[str, int], ...] = ()
        if isinstance(value, YScalar):
            values = tuple((v.strip(), value.line) for v in value.value.split(",") if v.strip())
        elif isinstance(value, YList):
            values = tuple((item.value.strip(), item.line) for item in value.items if isinstance(item, YScalar))
        out.append((key, key_line, values))
    return Lines(tuple(out))
