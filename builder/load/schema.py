"""Read typed fields out of a position-keeping YAML mapping, reporting what is wrong."""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from ..diagnostics import Collector, did_you_mean
from .yamlsrc import YMap, YScalar, YValue

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Field:
    type: str  # "str" | "list" | "date" | "map" | "any"
    required: bool = False
    hint: str = ""


def read_fields(node: YValue | None, schema: dict[str, Field], path: str, line: int,
                diags: Collector, what: str) -> dict[str, object]:
    """Validate a mapping against `schema`; return {key: value} with plain Python values.

    Strings stay strings, lists become tuples of strings, dates are checked ISO strings.
    Missing optional fields are '' or () so callers never test for None.
    """
    out: dict[str, object] = {k: _empty(f.type) for k, f in schema.items()}
    out["_lines"] = {}
    if node is None:
        node = YMap((), line)
    if not isinstance(node, YMap):
        diags.error("M003", path, node.line, f"{what} must be a set of 'key: value' lines",
                    "Start each line with a key followed by a colon, e.g. 'title: Purpose'.")
        return out
    for key, kline, value in node.entries:
        if key not in schema:
            hint = did_you_mean(key, schema) or f"Allowed keys: {', '.join(sorted(schema))}."
            diags.error("M001", path, kline, f"unknown key {key!r} in {what}", hint)
            continue
        out["_lines"][key] = kline
        out[key] = _value(value, schema[key], key, path, diags)
    for key, f in schema.items():
        if f.required and (key not in out["_lines"] or out[key] in ("", (), None)):
            hint = f.hint or f"Add a line '{key}: …'."
            diags.error("M002", path, node.line if key not in out["_lines"] else out["_lines"][key],
                        f"required field {key!r} is missing or empty in {what}", hint)
    return out


def _empty(type_: str):
    return "" if type_ in ("str", "date") else None if type_ in ("map", "any") else ()


def _value(value: YValue, f: Field, key: str, path: str, diags: Collector):
    if f.type == "any":
        return value
    if f.type == "map":
        if isinstance(value, YScalar) and value.is_null:
            return None  # 'dates:' with nothing under it
        if not isinstance(value, YMap):
            diags.error("M003", path, value.line, f"{key!r} must be a set of 'key: value' lines",
                        f"Put each entry on its own line under '{key}:', indented, e.g. '  drafted: 2024-02-12'.")
            return None
        return value
    if f.type == "list":
        if isinstance(value, YScalar):
            if value.is_null:
                return ()
            # a single value, or a comma-separated line, is accepted as a list
            return tuple(v.strip() for v in value.value.split(",") if v.strip())
        if isinstance(value, YMap):
            diags.error("M003", path, value.line, f"{key!r} must be a list",
                        f"Write it as '{key}: [first, second]' or one '- item' per line.")
            return ()
        items = []
        for item in value.items:
            if isinstance(item, YScalar):
                if item.value:
                    items.append(item.value.strip())
            else:
                diags.error("M003", path, item.line, f"each entry of {key!r} must be a single word or phrase",
                            "Remove the nested list or mapping.")
        return tuple(items)
    if not isinstance(value, YScalar):
        diags.error("M003", path, value.line, f"{key!r} must be a single value, not a list or mapping",
                    f"Write it on one line: '{key}: …'.")
        return ""
    text = value.value.strip()
    if f.type == "date" and text and not valid_date(text):
        diags.error("M004", path, value.line, f"{key!r} is not a valid date: {text!r}",
                    "Write dates as YYYY-MM-DD, e.g. 2024-03-28.")
        return ""
    return text


def valid_date(text: str) -> bool:
    if not _DATE.match(text):
        return False
    try:
        _dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True
