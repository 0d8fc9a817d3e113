"""A fast path for the simplest YAML: front matter of one-line `key: value` settings.

PyYAML's pure-Python composer costs about 2 ms for a ten-line front matter, and
a Constitution has hundreds of files, each loaded twice by `protocol check` (the
draft and the release it is compared with). Nearly every front matter is a few
lines of `key: plain words`, `key: "quoted"` or `key: [a, b, "c"]`. For exactly
those, this module builds the same YMap that `yamlsrc.parse_yaml` would build
(same values, same lines, same null handling). Anything else, even a comment
after a value, a tab or a repeated key, returns None and goes through PyYAML as
before, so every problem is still reported by PyYAML in its own words.
"""
from __future__ import annotations

import re

import yaml

from .yamlsrc import YList, YMap, YScalar

_KEY_LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):( +)(\S.*)\Z")
# plain scalar in block context: does not start with an indicator; no ':' or '#' anywhere
_PLAIN = re.compile(r"[^-?:,\[\]{}#&*!|>'\"%@`\s][^:#]*\Z")
_DQ = re.compile(r'"([^"\\]*)"\Z')
_SQ = re.compile(r"'([^']*)'\Z")
# one item of a one-line flow list: plain (no flow indicators, quotes, ':' or '#') or quoted
_FLOW_ITEM = re.compile(r""" *(?:"([^"\\]*)"|'([^']*)'|([^-?:,\[\]{}#&*!|>'"%@`\s][^,\[\]{}#:?'"]*?)) *\Z""")
# characters PyYAML's reader rejects or treats as line breaks, BOMs and carriage returns
_UNSAFE = re.compile("[^\x0a\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
_NULLS = ("", "~", "null", "Null", "NULL")
_RESOLVER = yaml.resolver.Resolver()
_PLAIN_OK = {"tag:yaml.org,2002:" + t for t in ("str", "int", "float", "bool", "null", "timestamp")}


def simple_map(text: str, first_line: int) -> YMap | None:
    """The YMap PyYAML would give for `text`, or None when the text is not of the simplest kind."""
    if _UNSAFE.search(text):
        return None
    entries: list[tuple[str, int, object]] = []
    keys: set[str] = set()
    start = None
    for n, line in enumerate(text.split("\n")):
        if not line.strip(" "):
            continue
        if line[0] == "#":
            continue
        m = _KEY_LINE.match(line)
        if m is None:
            return None
        key, raw = m.group(1), m.group(3).rstrip(" ")
        if key in keys:
            return None  # PyYAML's path reports the repeat (S004)
        keys.add(key)
        value = _value(raw, first_line + n)
        if value is None:
            return None
        if start is None:
            start = first_line + n
        entries.append((key, first_line + n, value))
    if start is None:
        return None
    return YMap(tuple(entries), start)


def _scalar(raw: str, line: int, flow: bool) -> YScalar | None:
    m = _DQ.match(raw) or _SQ.match(raw)
    if m:
        return YScalar(m.group(1), line, False)
    if flow or not _PLAIN.match(raw):
        return None
    if _RESOLVER.resolve(yaml.ScalarNode, raw, (True, False)) not in _PLAIN_OK:
        return None  # e.g. '=' or '<<': let PyYAML's path decide
    is_null = raw in _NULLS
    return YScalar("" if is_null else raw, line, is_null)


def _value(raw: str, line: int):
    if raw[0] != "[":
        return _scalar(raw, line, False)
    if not raw.endswith("]"):
        return None
    inner = raw[1:-1]
    if not inner.strip(" "):
        return YList((), line)
    items = []
    for part in inner.split(","):
        m = _FLOW_ITEM.match(part)
        if m is None:
            return None
        if m.group(1) is not None or m.group(2) is not None:
            items.append(YScalar(m.group(1) if m.group(1) is not None else m.group(2), line, False))
            continue
        plain = m.group(3)
        if _RESOLVER.resolve(yaml.ScalarNode, plain, (True, False)) not in _PLAIN_OK:
            return None
        is_null = plain in _NULLS
        items.append(YScalar("" if is_null else plain, line, is_null))
    return YList(tuple(items), line)
