"""Sources -> model. `load_root(root)` reads protocol_src/ and scenarios/ once.

Loading is tolerant: a broken file is reported and skipped so that one run of
`protocol check` shows every problem. Checks that need the whole model live in
`builder.check`.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..diagnostics import Collector, did_you_mean
from ..model import (
    GlossaryEntry, Heading, Metadata, Paragraph, Protocol, Release, Scenario, Section, Source,
    SubItem, Tags, Vocabulary, VocabEntry,
)
from .answers import ANSWERS, load_answers
from .blocks import scan_blocks
from .captions import read_caption
from .fields import Field, read_fields, valid_date
from .memo import SECTIONS
from .files import read_text, rel
from .scenarios import load_scenario
from .synonyms import SYNONYMS, load_synonyms
from .text import check_plain, id_problem, parse_inlines, valid_id
from .yamlsrc import YList, YMap, YScalar, front_matter, parse_yaml

SRC = "protocol_src"
SCENARIOS = "scenarios"
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
    "feedback": Field("str"),
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
GLOSSARY_ENTRY = {"term": Field("str", True), "definition": Field("str", True), "aliases": Field("list")}
RELEASE_SCHEMA = {
    "version": Field("str", True), "status": Field("str", True), "date": Field("date", True),
    "body": Field("str", True), "minute": Field("str"), "summary": Field("str"),
    "review_due": Field("date"),
}
PARA_ATTRS = {"audience": "audiences", "principles": "principles", "objectives": "objectives"}
PARA_LABELS = ("caption",)  # settings that are not tags (read by load.captions)
_ATTR = re.compile(r'\s*([A-Za-z_-]+)=("[^"]*"|[^\s"]+)')


class NotASourceRoot(Exception):
    """The folder does not hold protocol_src/ (a usage error, exit 2)."""


def load_root(root: Path | str) -> tuple[Protocol, Collector]:
    root = Path(root)
    if not root.is_dir():
        raise NotASourceRoot(f"{root} is not a folder")
    if not (root / SRC).is_dir():
        raise NotASourceRoot(f"{root} has no {SRC}/ folder: is this a protocol source folder?")
    diags = Collector()
    meta, meta_ok, section_lines = _load_meta(root, diags)
    vocabulary = _load_vocabulary(root, diags)
    glossary = _load_glossary(root, diags)
    history = _load_history(root, diags)
    reasons = _load_reasons(root, diags)
    sections = _load_sections(root, meta, diags, meta_ok, section_lines)
    scenarios = _load_scenarios(root, diags)
    answers = load_answers(*_yaml_file(root, ANSWERS, diags, required=False), diags)
    synonyms = load_synonyms(*_yaml_file(root, SYNONYMS, diags, required=False), diags)
    protocol = Protocol(meta, sections, glossary, scenarios, vocabulary, history, reasons, str(root),
                        answers, synonyms)
    return protocol, diags


# ---------------------------------------------------------------- yaml files

def _yaml_file(root: Path, name: str, diags: Collector, required: bool = True):
    """(node, path, ok): ok is False when the file is missing, unreadable or not valid YAML,
    so that callers do not also report every field in it as missing (a cascade)."""
    node, path, ok = _yaml_file_ok(root, name, diags, required)
    return node, path


def _yaml_file_ok(root: Path, name: str, diags: Collector, required: bool = True):
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


def _load_meta(root: Path, diags: Collector) -> tuple[Metadata, bool, dict[str, int]]:
    """The settings, whether protocol.yaml could be read, and the line of each listed section."""
    node, path, ok = _yaml_file_ok(root, "protocol.yaml", diags)
    # when the file cannot be read, its fields are not also reported missing one by one
    f = read_fields(node, META_SCHEMA, path, 1, diags if ok else Collector(), "protocol.yaml")
    ok = ok and isinstance(node, YMap)
    for key in ("title", "council", "owner", "constitution_part", "feedback", "contact_email"):
        check_plain(f[key], path, f["_lines"].get(key, 1), diags, f"'{key}'")
    lines = f["_lines"]
    status = f["status"]
    if status and status not in ("draft", "approved", "adopted"):
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
        source=Source(path, lines.get("sections", 1)), feedback=" ".join(f["feedback"].split()),
        contact_email=f["contact_email"],
    )
    return meta, ok, section_lines


def _entries(node, key: str, path: str, diags: Collector) -> list:
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


def _load_vocabulary(root: Path, diags: Collector) -> Vocabulary:
    node, path = _yaml_file(root, "vocabulary.yaml", diags)
    kinds = ("audiences", "principles", "objectives", "areas")
    if isinstance(node, YMap):
        for k in node.keys():
            if k not in kinds:
                diags.error("M001", path, node.key_line(k), f"unknown key {k!r} in vocabulary.yaml",
                            did_you_mean(k, kinds) or f"Allowed: {', '.join(kinds)}.")
        for k in kinds:
            if k not in node.keys():
                diags.error("M002", path, node.line, f"vocabulary.yaml has no '{k}:' list",
                            f"Add the '{k}:' list: tags may only use the values listed there.")
    elif node is not None:
        diags.error("M003", path, node.line, "vocabulary.yaml must hold the lists audiences, principles, "
                    "objectives and areas", "Start each list with its name and a colon, e.g. 'audiences:'.")
    result = {}
    for kind in kinds:
        entries = []
        value = node.get(kind) if isinstance(node, YMap) else None
        items = value.items if isinstance(value, YList) else ()
        seen: dict[str, int] = {}
        for item in items:
            f = read_fields(item, VOCAB_ENTRY, path, item.line, diags, f"an entry of {kind}")
            for key in ("label", "description"):
                check_plain(f[key], path, f["_lines"].get(key, item.line), diags, f"'{key}'")
            if f["id"] and not _vocab_id_ok(kind, f["id"]):
                diags.error("I002", path, f["_lines"].get("id", item.line),
                            f"{kind} id {f['id']!r} is malformed: " + (
                                "objective ids are numbers such as \"8.10\"" if kind == "objectives"
                                else id_problem(f["id"])),
                            "Ids name pages on the website: lower-case letters, digits and hyphens only.")
                continue
            if f["id"] in seen:
                line = f["_lines"].get("id", item.line)
                diags.error("I001", path, line, f"{kind} id {f['id']!r} is listed twice (also on line {seen[f['id']]})",
                            "Keep one entry: each id may appear once.")
                diags.error("I001", path, seen[f["id"]], f"{kind} id {f['id']!r} is listed again on line {line}",
                            "Keep one entry: each id may appear once.")
                continue
            if f["id"]:
                seen[f["id"]] = f["_lines"].get("id", item.line)
                entries.append(VocabEntry(f["id"], f["label"], f["description"], f["part_of"],
                                          Source(path, item.line)))
        result[kind] = tuple(entries)
    return Vocabulary(**result)


_OBJECTIVE_ID = re.compile(r"^[0-9]+(\.[0-9]+)*$")


def _vocab_id_ok(kind: str, id_: str) -> bool:
    """Objectives are numbered like the report (8.10); every other id is a page-safe slug."""
    return bool(_OBJECTIVE_ID.match(id_)) if kind == "objectives" else valid_id(id_)


def _load_glossary(root: Path, diags: Collector) -> tuple[GlossaryEntry, ...]:
    node, path = _yaml_file(root, "glossary.yaml", diags)
    out = []
    seen: dict[str, int] = {}
    for item in _entries(node, "terms", path, diags):
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


def _load_history(root: Path, diags: Collector) -> tuple[Release, ...]:
    node, path = _yaml_file(root, "history.yaml", diags, required=False)
    out = []
    for item in _entries(node, "releases", path, diags):
        f = read_fields(item, RELEASE_SCHEMA, path, item.line, diags, "a release")
        if f["status"] and f["status"] not in ("approved", "adopted"):
            diags.error("M005", path, f["_lines"].get("status", item.line),
                        f"unknown release status {f['status']!r}", "Use approved or adopted.")
        if f["version"] and not VERSION_RE.match(f["version"]):
            diags.error("M006", path, f["_lines"].get("version", item.line),
                        f"version {f['version']!r} is not a version number", "For example \"1.0\".")
        if f["version"] and f["date"]:
            out.append(Release(f["version"], f["status"], f["date"], f["body"], f["minute"],
                               " ".join(f["summary"].split()), f["review_due"], Source(path, item.line)))
    return tuple(out)


def _load_reasons(root: Path, diags: Collector) -> tuple[tuple[str, str, Source], ...]:
    node, path = _yaml_file(root, "amendments.yaml", diags, required=False)
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


# ---------------------------------------------------------------- sections

def _load_sections(root: Path, meta: Metadata, diags: Collector, meta_ok: bool = True,
                   section_lines: dict[str, list[int]] | None = None) -> tuple[Section, ...]:
    src = root / SRC
    present = {p.stem: p for p in sorted(src.glob("*.md"))}
    sections = []
    seen: set[str] = set()
    lines = {sid: list(at) for sid, at in (section_lines or {}).items()}
    order = meta.section_order
    if not meta_ok:
        # protocol.yaml is broken (already reported): still check every section file,
        # in file-name order, without reporting each one as "not listed".
        order = tuple(stem for stem in present if valid_id(stem))
        seen.update(present)
    for sid in order:
        at = lines.get(sid) or [meta.source.line]
        where = at.pop(0) if len(at) > 1 else at[0]  # the line of this entry of the list
        if sid in seen and meta_ok:
            diags.error("L004", meta.source.path, where, f"section {sid!r} is listed twice",
                        "Remove the second entry from 'sections:'.")
            continue
        seen.add(sid)
        if not valid_id(sid):
            diags.error("I002", meta.source.path, where, f"section id {sid!r} is malformed: {id_problem(sid)}",
                        "Section ids are file names without '.md'.")
            continue
        if sid not in present:
            diags.error("L001", meta.source.path, where,
                        f"section {sid!r} is listed but {SRC}/{sid}.md does not exist",
                        did_you_mean(sid, [p for p in present if p not in seen])
                        or "Create the file, correct the name in 'sections:', or remove it from the list.")
            continue
        section = _load_section(root, present[sid], sid, diags)
        if section is not None:
            sections.append(section)
    for stem, path in present.items():
        if stem not in seen:
            diags.error("L002", rel(root, path), 1, f"section file {path.name} is not listed in protocol.yaml",
                        f"Add '{stem}' to 'sections:' in {SRC}/protocol.yaml where it belongs, or delete the file.")
    return tuple(sections)


def _load_section(root: Path, path: Path, sid: str, diags: Collector) -> Section | None:
    name = rel(root, path)
    text = read_text(root, path, diags)
    if text is None:
        return None
    # the draft and its release share most files: the same text is parsed once per process
    return SECTIONS.get((name, sid, text), lambda found: _parse_section(name, sid, text, found), diags)


def _parse_section(name: str, sid: str, text: str, diags: Collector) -> Section | None:
    split = front_matter(text, name, diags,
                         "Add a line with just '---' after the title, audience and other settings.",
                         "Start the file with '---', a line 'title: …', and another '---'.")
    if split is None:
        return None
    fm, fm_line, body, body_line = split
    node, ok = parse_checked(fm, name, fm_line, diags)
    # settings that could not be read are not also reported missing (one problem, one message)
    f = read_fields(node, SECTION_SCHEMA, name, 1, diags if ok else Collector(), "the section settings")
    for key in ("title", "summary"):
        check_plain(f[key], name, f["_lines"].get(key, 1), diags, f"the section's {key}")
    for word in f["keywords"]:
        check_plain(word, name, f["_lines"].get("keywords", 1), diags, "a keyword")
    tags = Tags(f["audience"], f["principles"], f["objectives"])
    blocks = []
    for raw in scan_blocks(body, body_line):
        if raw.kind == "bad-comment":
            diags.error("X001", name, raw.line, "the comment starting '<!--' is never closed",
                        "End the comment with '-->'; everything after an unclosed comment is ignored.")
            continue
        if raw.kind == "bad-heading":
            diags.error("X003", name, raw.line, f"heading level {'#' * raw.level} is not allowed here",
                        "The section title comes from 'title:'; use '## ' for sub-headings inside a section.")
            continue
        if raw.kind == "orphan-item":
            diags.error("X004", name, raw.line, "a list item ('- ') must follow a numbered paragraph",
                        "Put the lead-in paragraph (starting with {#id}) directly above the list.")
            continue
        if not raw.attr_ok and raw.kind == "heading":
            diags.error("T005", name, raw.line, "the '{#…}' at the end of this heading is not closed",
                        "End the heading with its id in braces, e.g. '## Urgent matters {#urgent-heading}'.")
            continue
        if not raw.attr_ok:
            diags.error("T005", name, raw.line, "the '{#…}' at the start of this paragraph is not closed",
                        "Write it as {#paragraph-id} followed by a space and the text.")
            continue
        block_id = raw.id
        if block_id is None:
            what = "heading" if raw.kind == "heading" else "paragraph"
            diags.error("I003", name, raw.line, f"this {what} has no id",
                        "Run 'protocol ids' to add one, or write {#an-id} at its start yourself.")
            block_id = f"_line-{raw.line}"
        elif not valid_id(block_id):
            diags.error("I002", name, raw.line, f"id {block_id!r} is malformed: {id_problem(block_id)}",
                        "Use lower-case letters, digits and hyphens, e.g. {#members-contact-staff}.")
        source = Source(name, raw.line)
        if raw.kind == "heading":
            check_plain(raw.text, name, raw.line, diags, "a heading")
            if not raw.text.strip():
                diags.error("M002", name, raw.line, "this sub-heading has no text",
                            "Write the heading's words between '## ' and the {#id}.")
            blocks.append(Heading(block_id, " ".join(raw.text.split()), source))
            continue
        if not raw.text.strip() and not raw.items:
            diags.error("M002", name, raw.line, f"paragraph {block_id!r} has no text",
                        "Write the paragraph's text after the {#id}, or delete the empty paragraph.")
        ptags = _para_tags(raw.attrs, name, raw.line, diags)
        inlines = parse_inlines(raw.text, name, raw.line, diags)
        items = tuple(SubItem(parse_inlines(" ".join(i.text_lines), name, i.line, diags), Source(name, i.line))
                      for i in raw.items)
        blocks.append(Paragraph(block_id, inlines, items, ptags, source, read_caption(raw.attrs)))
    return Section(sid, f["title"], f["summary"], f["keywords"], tags, tuple(blocks), Source(name, 1))


def _para_tags(attrs: str, path: str, line: int, diags: Collector) -> Tags:
    values: dict[str, tuple[str, ...]] = {"audiences": (), "principles": (), "objectives": ()}
    rest = attrs
    given: set[str] = set()
    for m in _ATTR.finditer(attrs):
        key, raw = m.group(1), m.group(2).strip('"')
        rest = rest.replace(m.group(0), "", 1)
        if key not in PARA_ATTRS and key not in PARA_LABELS:
            allowed = (*PARA_ATTRS, *PARA_LABELS)
            diags.error("M001", path, line, f"unknown paragraph setting {key!r}",
                        did_you_mean(key, allowed) or f"Allowed: {', '.join(allowed)}.")
            continue
        if key in given:
            diags.error("S004", path, line, f"the paragraph setting {key!r} is given twice",
                        f"Give it once, with the values separated by commas: {key}=first,second.")
        given.add(key)
        if key in PARA_ATTRS:
            values[PARA_ATTRS[key]] = tuple(v.strip() for v in raw.split(",") if v.strip())
    if rest.strip():
        diags.error("T005", path, line, f"cannot read {rest.strip()!r} in the paragraph's {{#…}} settings",
                    "Write settings as key=value,value with no spaces around '=', e.g. audience=all-members.")
    return Tags(values["audiences"], values["principles"], values["objectives"])


# ---------------------------------------------------------------- scenarios

def _load_scenarios(root: Path, diags: Collector) -> tuple[Scenario, ...]:
    folder = root / SCENARIOS
    if not folder.is_dir():
        return ()
    out = []
    for path in sorted(folder.glob("*.md")):
        if path.name.lower() == "readme.md":
            continue
        scenario = load_scenario(root, path, diags)
        if scenario is not None:
            out.append(scenario)
    return tuple(out)


# ---------------------------------------------------------------- positions, for later rules
