"""The YAML files of a source tree: protocol.yaml, vocabulary.yaml, glossary.yaml, history.yaml, amendments.yaml.

Each is read into the model with every value's line kept; a file that cannot be
read or parsed is reported once, and its fields are not also reported missing
one by one (a cascade).
"""
from __future__ import annotations

import re
from pathlib import Path

from ..diagnostics import Collector, did_you_mean
from ..model import (
    RELEASE_STATUSES, STATUSES, GlossaryEntry, Metadata, Release, Source, Vocabulary, VocabEntry,
)
from .schema import Field, read_fields, valid_date
from .files import read_text, rel
from .inlines import check_plain, id_problem, valid_id
from .yamlsrc import YList, YMap, YScalar, parse_yaml, setting_lines

SRC = "protocol_src"
VERSION_RE = re.compile(r"^\d+(\.\d+){0,3}$")

META_SCHEMA = {
    "title": Field("str", True),
    "council": Field("str", True),
    "owner": Field("str", True, "Name the owning role, e.g. 'owner: Monitoring Officer'."),
    "version": Field("str", True, "Give the version of this text, e.g. 'version: \"1.1\"'."),
    "status": Field("str", True, "One of: draft, approved, adopted."),
    "date": Field("date", True, "The date of this version of the text, e.g. 'date: 2024-06-10'."),
    "constitution_part": Field("str"),
    "language": Field("str"),
    "review_months": Field("str"),
    "sections": Field("list", True, "List the section files in order, e.g. 'sections: [purpose, roles]'."),
    "dates": Field("map"),
    "feedback": Field("str"),  # one line inviting feedback, shown on every page of the website
    "contact_email": Field("str"),
}
SECTION_SCHEMA = {
    "title": Field("str", True, "Give the section a title: 'title: Roles of members'."),
    "summary": Field("str"),
    "keywords": Field("list"),
    "audience": Field("list"),
    "principles": Field("list"),
    "objectives": Field("list"),
}
VOCAB_ENTRY = {"id": Field("str", True), "label": Field("str", True),
               "description": Field("str"), "part_of": Field("str")}
# what an entry may hold beyond VOCAB_ENTRY, by list
VOCAB_EXTRA = {
    "obligations": {"code": Field("str", True, "Say whose code it is: 'code: member' or 'code: officer'.")},
    "topics": {"minimum": Field("str", False, "How many worked scenarios the topic needs, e.g. 'minimum: 3'.")},
}
OBLIGATION_CODES = ("member", "officer")
GLOSSARY_ENTRY = {"term": Field("str", True), "definition": Field("str", True), "aliases": Field("list")}
RELEASE_SCHEMA = {
    "version": Field("str", True), "status": Field("str", True), "date": Field("date", True),
    "body": Field("str", True), "minute": Field("str"), "summary": Field("str"),
    "review_due": Field("date"),
}


def yaml_file(root: Path, name: str, diags: Collector, required: bool = True):
    """(node, path) of protocol_src/<name>: node is None when the file is missing (reported when required),
    unreadable or not valid YAML (reported)."""
    node, path, ok = yaml_file_checked(root, name, diags, required)
    return node, path


def yaml_file_checked(root: Path, name: str, diags: Collector, required: bool = True):
    """(node, path, ok): ok is False when the file is missing, unreadable or not valid YAML,
    so that callers do not also report every field in it as missing (a cascade)."""
    path = root / SRC / name
    if not path.is_file():
        if path.exists():
            diags.error("S006", f"{SRC}/{name}", 0, f"{SRC}/{name} is not a file",
                        "Replace it with the YAML file from the shipped protocol.")
            return None, f"{SRC}/{name}", False
        if required:
            diags.error("S006", f"{SRC}/{name}", 0, f"{SRC}/{name} is missing",
                        "Restore the file from the shipped protocol or from version control.")
        return None, f"{SRC}/{name}", not required
    text = read_text(root, path, diags)
    if text is None:
        return None, rel(root, path), False
    node, ok = parse_checked(text, rel(root, path), 1, diags)
    return node, rel(root, path), ok


def parse_checked(text: str, path: str, first_line: int, diags: Collector):
    """parse_yaml, plus whether the text was valid YAML (False after an S002)."""
    before = sum(d.code == "S002" for d in diags.items)
    node = parse_yaml(text, path, first_line, diags)
    return node, sum(d.code == "S002" for d in diags.items) == before


def load_meta(root: Path, diags: Collector) -> tuple[Metadata, bool, dict[str, int]]:
    """The settings, whether protocol.yaml could be read, and the line of each listed section."""
    node, path, ok = yaml_file_checked(root, "protocol.yaml", diags)
    # when the file cannot be read, its fields are not also reported missing one by one
    f = read_fields(node, META_SCHEMA, path, 1, diags if ok else Collector(), "protocol.yaml")
    ok = ok and isinstance(node, YMap)
    for key in ("title", "council", "owner", "constitution_part", "feedback", "contact_email"):
        check_plain(f[key], path, f["_lines"].get(key, 1), diags, f"'{key}'")
    lines = f["_lines"]
    status = f["status"]
    if status and status not in STATUSES:
        diags.error("M005", path, lines.get("status", 1), f"unknown status {status!r}",
                    "Use draft, approved (by Standards Committee) or adopted (by Full Council).")
    if f["version"] and not VERSION_RE.match(f["version"]):
        diags.error("M006", path, lines.get("version", 1), f"version {f['version']!r} is not a version number",
                    "Write versions as numbers with dots, e.g. \"1.1\" (quoted).")
    dates: list[tuple[str, str]] = []
    if isinstance(f["dates"], YMap):
        for key, kline, value in f["dates"].entries:
            text = value.value.strip() if isinstance(value, YScalar) else ""
            if not valid_date(text):
                diags.error("M004", path, kline, f"date {key!r} is not a valid date: {text!r}",
                            "Write dates as YYYY-MM-DD, e.g. 2024-03-28.")
            else:
                dates.append((key, text))
    review = f["review_months"] or "6"
    if not review.isdigit():
        diags.error("M003", path, lines.get("review_months", 1), "review_months must be a whole number",
                    "For example 'review_months: 6'.")
        review = "6"
    order = f["sections"]
    section_lines: dict[str, list[int]] = {}
    listed = node.get("sections") if isinstance(node, YMap) else None
    if isinstance(listed, YList):
        for item in listed.items:
            if isinstance(item, YScalar):
                section_lines.setdefault(item.value.strip(), []).append(item.line)
    meta = Metadata(
        title=f["title"], council=f["council"], owner=f["owner"], version=f["version"],
        status=status, date=f["date"], constitution_part=f["constitution_part"],
        language=f["language"] or "en-GB", section_order=tuple(order), dates=tuple(dates),
        source=Source(path, lines.get("sections", 1)), review_months=int(review), lines=setting_lines(node),
        feedback=" ".join(f["feedback"].split()), contact_email=f["contact_email"],
    )
    return meta, ok, section_lines


def load_entries(root: Path, name: str, key: str, diags: Collector, make) -> tuple:
    """The entries of an optional list file (answers.yaml, sessions.yaml): make(item, path, diags) for each item
    under `key`, those it returns None for (reported) left out."""
    node, path = yaml_file(root, name, diags, required=False)
    made = (make(item, path, diags) for item in entry_list(node, key, path, diags))
    return tuple(m for m in made if m is not None)


def entry_id(fields: dict, item, path: str, diags: Collector, what: str, example: str) -> str:
    """An entry's stable id from its read fields; '' when it has none or a malformed one (I002, reported)."""
    eid = fields["id"]
    if eid and not valid_id(eid):
        diags.error("I002", path, fields["_lines"].get("id", item.line),
                    f"{what} id {eid!r} is malformed: {id_problem(eid)}",
                    f"Use lower-case letters, digits and hyphens, e.g. 'id: {example}'.")
        return ""
    return eid


def entry_list(node, key: str, path: str, diags: Collector) -> list:
    """The list under `key` of a YAML mapping (reported when it is not a list)."""
    if node is None:
        return []
    if not isinstance(node, YMap):
        diags.error("M003", path, node.line, f"{path} must start with '{key}:'",
                    f"Start the file with a line '{key}:' and list the entries under it, each starting with '- '.")
        return []
    value = node.get(key)
    for k in node.keys():
        if k != key:
            diags.error("M001", path, node.key_line(k), f"unknown key {k!r}", f"This file holds only '{key}:'.")
    if value is None or (isinstance(value, YScalar) and value.is_null):
        return []
    if not isinstance(value, YList):
        diags.error("M003", path, value.line, f"'{key}' must be a list of entries starting with '- '",
                    f"Put each entry on its own lines under '{key}:', starting with '- '.")
        return []
    return list(value.items)


VOCABULARY_LISTS = ("audiences", "principles", "objectives", "areas", "obligations", "topics")
OPTIONAL_LISTS = ("obligations", "topics")  # older trees and releases have none


def load_vocabulary(root: Path, diags: Collector) -> Vocabulary:
    node, path = yaml_file(root, "vocabulary.yaml", diags)
    if isinstance(node, YMap):
        for k in node.keys():
            if k not in VOCABULARY_LISTS:
                diags.error("M001", path, node.key_line(k), f"unknown key {k!r} in vocabulary.yaml",
                            did_you_mean(k, VOCABULARY_LISTS) or f"Allowed: {', '.join(VOCABULARY_LISTS)}.")
        for k in VOCABULARY_LISTS:
            if k not in node.keys() and k not in OPTIONAL_LISTS:
                diags.error("M002", path, node.line, f"vocabulary.yaml has no '{k}:' list",
                            f"Add the '{k}:' list: tags may only use the values listed there.")
    elif node is not None:
        diags.error("M003", path, node.line, "vocabulary.yaml must hold the lists audiences, principles, "
                    "objectives and areas", "Start each list with its name and a colon, e.g. 'audiences:'.")
    return Vocabulary(**{name: _vocabulary_list(node, name, path, diags) for name in VOCABULARY_LISTS})


def _vocabulary_list(node, list_name: str, path: str, diags: Collector) -> tuple[VocabEntry, ...]:
    value = node.get(list_name) if isinstance(node, YMap) else None
    entries = []
    seen: dict[str, int] = {}
    for item in value.items if isinstance(value, YList) else ():
        f = read_fields(item, {**VOCAB_ENTRY, **VOCAB_EXTRA.get(list_name, {})}, path, item.line, diags,
                        f"an entry of {list_name}")
        for key in ("label", "description"):
            check_plain(f[key], path, f["_lines"].get(key, item.line), diags, f"'{key}'")
        line = f["_lines"].get("id", item.line)
        extra = _vocabulary_extra(list_name, f, path, item.line, diags)
        if f["id"] and not _vocab_id_ok(list_name, f["id"]):
            diags.error("I002", path, line,
                        f"{list_name} id {f['id']!r} is malformed: " + (
                            "objective ids are numbers such as \"8.10\"" if list_name == "objectives"
                            else id_problem(f["id"])),
                        "Ids name pages on the website: lower-case letters, digits and hyphens only.")
            continue
        if f["id"] in seen:
            diags.error("I001", path, line, f"{list_name} id {f['id']!r} is listed twice (also on line {seen[f['id']]})",
                        "Keep one entry: each id may appear once.")
            diags.error("I001", path, seen[f["id"]], f"{list_name} id {f['id']!r} is listed again on line {line}",
                        "Keep one entry: each id may appear once.")
            continue
        if f["id"]:
            seen[f["id"]] = line
            entries.append(VocabEntry(f["id"], f["label"], f["description"], f["part_of"], Source(path, item.line),
                                      **extra))
    return tuple(entries)


def _vocabulary_extra(list_name: str, f: dict, path: str, line: int, diags: Collector) -> dict:
    """An obligation's code (member or officer) and a topic's minimum number of scenarios, checked."""
    if list_name == "obligations":
        code = f["code"]
        if code and code not in OBLIGATION_CODES:
            diags.error("M003", path, f["_lines"].get("code", line), f"unknown code {code!r}",
                        "Write 'code: member' for the member code of conduct, or 'code: officer' for the employee "
                        "code and the council's policies for staff.")
        return {"code": code if code in OBLIGATION_CODES else ""}
    if list_name == "topics":
        minimum = f["minimum"] or "0"
        if not minimum.isdigit():
            diags.error("M003", path, f["_lines"].get("minimum", line), "minimum must be a whole number",
                        "For example 'minimum: 3' (the number of worked scenarios the topic needs).")
            minimum = "0"
        return {"minimum": int(minimum)}
    return {}


_OBJECTIVE_ID = re.compile(r"^[0-9]+(\.[0-9]+)*$")


def _vocab_id_ok(list_name: str, id_: str) -> bool:
    """Objectives are numbered like the report (8.10); every other id is a page-safe slug."""
    return bool(_OBJECTIVE_ID.match(id_)) if list_name == "objectives" else valid_id(id_)


def load_glossary(root: Path, diags: Collector) -> tuple[GlossaryEntry, ...]:
    node, path = yaml_file(root, "glossary.yaml", diags)
    out = []
    seen: dict[str, int] = {}
    for item in entry_list(node, "terms", path, diags):
        f = read_fields(item, GLOSSARY_ENTRY, path, item.line, diags, "a glossary entry")
        for key in ("term", "definition"):
            check_plain(f[key], path, f["_lines"].get(key, item.line), diags, f"'{key}'")
        line = f["_lines"].get("term", item.line)
        for name in dict.fromkeys(n.casefold() for n in (f["term"], *f["aliases"])):
            key = name
            if key and key in seen:
                diags.error("I001", path, line, f"glossary term {name!r} is already defined on line {seen[key]}",
                            "Each term or alias may be defined once: merge the two entries.")
            elif key:
                seen[key] = line
        if f["term"]:
            out.append(GlossaryEntry(f["term"], " ".join(f["definition"].split()), f["aliases"],
                                     Source(path, item.line)))
    return tuple(out)


def load_history(root: Path, diags: Collector) -> tuple[Release, ...]:
    node, path = yaml_file(root, "history.yaml", diags, required=False)
    out = []
    for item in entry_list(node, "releases", path, diags):
        f = read_fields(item, RELEASE_SCHEMA, path, item.line, diags, "a release")
        if f["status"] and f["status"] not in RELEASE_STATUSES:
            diags.error("M005", path, f["_lines"].get("status", item.line),
                        f"unknown release status {f['status']!r}", "Use approved or adopted.")
        if f["version"] and not VERSION_RE.match(f["version"]):
            diags.error("M006", path, f["_lines"].get("version", item.line),
                        f"version {f['version']!r} is not a version number", "For example \"1.0\".")
        if f["version"] and f["date"]:
            out.append(Release(f["version"], f["status"], f["date"], f["body"], f["minute"],
                               " ".join(f["summary"].split()), f["review_due"], Source(path, item.line)))
    return tuple(out)


def load_reasons(root: Path, diags: Collector) -> tuple[tuple[str, str, Source], ...]:
    node, path = yaml_file(root, "amendments.yaml", diags, required=False)
    if node is None:
        return ()
    if not isinstance(node, YMap):
        diags.error("M003", path, node.line, "amendments.yaml must start with 'reasons:'",
                    "Write 'reasons:' and then one line per paragraph id: 'the-id: why it changed'.")
        return ()
    for k in node.keys():
        if k != "reasons":
            diags.error("M001", path, node.key_line(k), f"unknown key {k!r}", "This file holds only 'reasons:'.")
    value = node.get("reasons")
    if value is None or (isinstance(value, YScalar) and value.is_null):
        return ()
    if not isinstance(value, YMap):
        diags.error("M003", path, value.line, "'reasons' must map ids to reasons, one per line",
                    "For example:  members-contact-staff: Member survey, March 2024")
        return ()
    out = []
    for key, kline, v in value.entries:
        if not isinstance(v, YScalar) or not v.value.strip():
            diags.error("M003", path, kline, f"the reason for {key!r} must be one line of text",
                        "Write the reason on the same line after the colon, e.g. 'the-id: Member survey, March 2024'.")
            continue
        out.append((key, " ".join(v.value.split()), Source(path, kline)))
    return tuple(out)
