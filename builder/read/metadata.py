"""Title, council, version, date and owner from a document's properties or its title page.

Properties come first where they are specific (the toolkit's own documents carry every one of them);
the lines before the first section fill what the properties lack ("Version 3.2", "Owner: …",
"Date of this version: 7 May 2024", a line naming the council). Whatever stays unknown gets a plain
default and a note, so the author knows to check protocol.yaml.
"""
from __future__ import annotations

import re

from ..dates import parse_date
from ..load import VERSION_RE
from .draft import Draft

_VERSION_LINE = re.compile(r"\b(?:version|issue)\s*:?\s*(\d+(?:\.\d+){0,3})\b", re.I)
_LABELLED = re.compile(r"^([A-Z][A-Za-z' ]{1,40}?)\s*:\s*(.+)$")
_COUNCIL = re.compile(r"\b(council|authority|borough|county)\b", re.I)
_COUNCIL_END = re.compile(r"\b(council|authority)$", re.I)
DEFAULT_TITLE = "Member/Officer Relations Protocol"
DEFAULT_OWNER = "Monitoring Officer"
_SKIP_LABELS = {"date of this version", "status", "owner", "constitution", "version", "date"}


def metadata(draft: Draft, properties: dict[str, str], front: list, heading: str = "") -> None:
    """Fill draft.meta and draft.dates from the properties, the front lines (Para records) and a lone
    top-level heading the recogniser took for the document's title."""
    lines = [(p.position, p.text, p.style.lower()) for p in front if p.text and not p.toc]
    meta = draft.meta
    labelled = _labelled(lines)
    meta["title"] = (properties.get("title") or _styled(lines, "title") or heading or DEFAULT_TITLE)[:200]
    meta["council"] = (properties.get("company") or _styled(lines, "subtitle")
                       or _council_line(lines, meta["title"]))[:200]
    meta["version"] = _version(properties, lines)
    meta["owner"] = labelled.get("owner", "") or DEFAULT_OWNER
    meta["_owner_assumed"] = "" if labelled.get("owner") else "yes"
    meta["constitution_part"] = labelled.get("constitution", "")
    meta["date"] = (parse_date(labelled.get("date of this version", "")) or parse_date(labelled.get("date", ""))
                    or next((parse_date(t) for _, t, _ in lines if parse_date(t)), "")
                    or properties.get("modified", "") or properties.get("created", ""))
    draft.dates = [(key.replace(" ", "_"), parse_date(value)) for key, value in labelled.items()
                   if key not in _SKIP_LABELS and parse_date(value) and re.fullmatch(r"[a-z ]+", key)]
    _defaults(draft, properties)


def _defaults(draft: Draft, properties: dict[str, str]) -> None:
    meta = draft.meta
    if not properties.get("title") and meta["title"] == DEFAULT_TITLE:
        draft.note(0, "", f"no title found in the document's properties or title page: protocol.yaml says "
                          f"'{DEFAULT_TITLE}'", "unsure")
    if not meta["council"]:
        draft.note(0, "", "no council name found (document properties or title page): write it in "
                          "protocol.yaml's 'council:'", "unsure")
    if not meta["date"]:
        meta["date"] = date.today().isoformat()
        draft.note(0, "", f"no date found in the document: protocol.yaml's 'date:' is today, {meta['date']}; "
                          "correct it", "unsure")
    if not meta["version"]:
        meta["version"] = "1.0"
        draft.note(0, "", "no version number found in the document: protocol.yaml says \"1.0\"", "unsure")
    if draft.meta.pop("_owner_assumed", ""):
        draft.note(0, "", f"owner set to '{DEFAULT_OWNER}' (the document does not say); change it in "
                          "protocol.yaml if another role owns the protocol", "info")


def _labelled(lines) -> dict[str, str]:
    out: dict[str, str] = {}
    for _, text, _ in lines:
        m = _LABELLED.match(text)
        if m:
            out.setdefault(m.group(1).strip().lower(), m.group(2).strip())
    return out


def _styled(lines, style: str) -> str:
    return next((text for _, text, s in lines if s == style), "")


def _council_line(lines, title: str) -> str:
    """A short line naming the council (one ending in "Council" first), other than the title."""
    found = [text for _, text, _ in lines if _COUNCIL.search(text) and len(text.split()) <= 8 and ":" not in text
             and text != title]
    return next((t for t in found if _COUNCIL_END.search(t)), found[0] if found else "")


def _version(properties: dict[str, str], lines) -> str:
    if VERSION_RE.match(properties.get("version", "")):
        return properties["version"]
    for _, text, _ in lines:
        m = _VERSION_LINE.search(text)
        if m:
            return m.group(1)
    return ""
