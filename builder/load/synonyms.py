"""Load the search synonyms (protocol_src/synonyms.yaml): the words readers type for the protocol's words.

    synonyms:
      declare: [disclose, disclosure]
      hospitality: [tickets, ticket, dinner]

A paragraph, quick answer or scenario that uses the word on the left is also
found by a search for any word on the right. builder.check.synonyms reports a
word on the left that the protocol never uses.
"""
from __future__ import annotations

from pathlib import Path

from ..diagnostics import Collector
from ..model import Source, Synonym
from .inlines import check_plain
from .settings import yaml_file
from .yamlsrc import YList, YMap, YScalar

SYNONYMS = "synonyms.yaml"


def load_synonyms(root: Path, diags: Collector) -> tuple[Synonym, ...]:
    node, path = yaml_file(root, SYNONYMS, diags, required=False)
    entries = _mapping(node, path, diags)
    out, seen = [], {}
    for term, kline, value in entries:
        words = _words(value, term, path, kline, diags)
        key = " ".join(term.split()).casefold()
        if not key:
            continue
        if key in seen:
            diags.error("S004", path, kline, f"the word {term!r} is listed twice (also on line {seen[key]})",
                        "Keep one entry and put all the readers' words for it in its list.")
            continue
        seen[key] = kline
        check_plain(term, path, kline, diags, "a synonym")
        out.append(Synonym(key, words, Source(path, kline)))
    return tuple(out)


def _mapping(node, path: str, diags: Collector) -> tuple:
    if node is None:
        return ()
    hint = "Start the file with 'synonyms:', then one line per word: 'declare: [disclose, disclosure]'."
    if not isinstance(node, YMap):
        diags.error("M003", path, node.line, "synonyms.yaml must start with 'synonyms:'", hint)
        return ()
    for k in node.keys():
        if k != "synonyms":
            diags.error("M001", path, node.key_line(k), f"unknown key {k!r}", "This file holds only 'synonyms:'.")
    value = node.get("synonyms")
    if value is None or (isinstance(value, YScalar) and value.is_null):
        return ()
    if not isinstance(value, YMap):
        diags.error("M003", path, value.line, "'synonyms' must list one word per line with its synonyms", hint)
        return ()
    return value.entries


def _words(value, term: str, path: str, line: int, diags: Collector) -> tuple[str, ...]:
    if isinstance(value, YScalar):
        words = [w for w in value.value.split(",")] if not value.is_null else []
    elif isinstance(value, YList) and all(isinstance(v, YScalar) for v in value.items):
        words = [v.value for v in value.items]
    else:
        words = None
    words = [" ".join(w.split()).casefold() for w in words or () if w.strip()] if words is not None else None
    if not words:
        diags.error("M003", path, line, f"give the words readers use for {term!r} as a list",
                    f"For example: '{term}: [first, second]'.")
        return ()
    for w in words:
        check_plain(w, path, line, diags, "a synonym")
    return tuple(dict.fromkeys(words))
