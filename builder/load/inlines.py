"""Inline text: [[id]] cross-references, {{term}} glossary terms, and raw-HTML detection."""
from __future__ import annotations

import re

from ..diagnostics import Collector
from ..model import Inline, Ref, Term, Text

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_ID = 60
_TOKEN = re.compile(r"\[\[(.*?)\]\]|\{\{(.*?)\}\}")
# A tag starts '<' then a letter, '/', '!' or '?'. A closing '>' is not needed for
# a browser to start a tag, so none is needed here ("a < b" is still fine).
_HTML = re.compile(r"<[/!?]?[A-Za-z][^<>]{0,60}>?|<!--|&#|&[A-Za-z]+;")


def valid_id(value: str) -> bool:
    return bool(ID_RE.match(value)) and len(value) <= MAX_ID


def id_problem(value: str) -> str:
    if not value:
        return "the id is empty"
    if len(value) > MAX_ID:
        return f"the id is longer than {MAX_ID} characters"
    if ".." in value or "/" in value or "\\" in value:
        return "ids cannot contain '/', '\\' or '..' (an id becomes a file or link name)"
    if value != value.lower():
        return "ids use lower-case letters only"
    return "ids use lower-case letters, digits and single hyphens (e.g. 'members-contact-staff')"


def check_plain(text: str, path: str, line: int, diags: Collector, what: str = "text") -> bool:
    """Report raw HTML (tags, comments, entities) in `text`; True when it is plain."""
    m = _HTML.search(text) if "<" in text or "&" in text else None  # what the pattern needs, checked first
    if not m:
        return True
    tag = m.group(0)
    diags.error("X001", path, line, f"raw HTML {tag!r} in {what}",
                "Write plain text: HTML is not allowed (it would not appear in Word and is a security "
                "risk on the website). Write 'less than' for '<'.")
    return False


def parse_inlines(text: str, path: str, line: int, diags: Collector) -> tuple[Inline, ...]:
    """Split a run of text into Text, Ref and Term nodes, reporting problems."""
    text = " ".join(text.split())  # white space collapsed (str.split and the pattern \s agree on what it is)
    check_plain(text, path, line, diags)
    if "[[" not in text and "{{" not in text:  # most text: no reference, no term, nothing left open
        return (Text(text),) if text else ()
    out: list[Inline] = []
    pos = 0
    for m in _TOKEN.finditer(text):
        if m.start() > pos:
            out.append(Text(text[pos:m.start()]))
        if m.group(1) is not None:
            target = m.group(1).strip()
            out.append(Ref(target))
        else:
            term, _, shown = m.group(2).partition("|")
            term = term.strip()
            out.append(Term(term, shown.strip() or term))
        pos = m.end()
    if pos < len(text):
        out.append(Text(text[pos:]))
    for node in out:
        if isinstance(node, Text) and ("[[" in node.text or "{{" in node.text):
            diags.error("R003", path, line, "'[[' or '{{' is not closed",
                        "Close a cross-reference with ']]' and a glossary term with '}}'.")
    return tuple(_merge_text(out))


def _merge_text(nodes: list[Inline]) -> list[Inline]:
    out: list[Inline] = []
    for n in nodes:
        if out and isinstance(n, Text) and isinstance(out[-1], Text):
            out[-1] = Text(out[-1].text + n.text)
        elif not (isinstance(n, Text) and not n.text):
            out.append(n)
    return out


def words(text: str) -> list[str]:
    return text.split()


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\"'‘“])")


def sentences(text: str) -> list[str]:
    """Rough sentence split for the plain-English length check."""
    parts = _SENTENCE_END.split(text)
    return [p for p in parts if p.strip()]
