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
from .blocks import scan_blocks
from .fields import Field, read_fields, valid_date
from .files import read_text, rel
from .scenarios import load_scenario
from .text import id_problem, parse_inlines, valid_id
from .yamlsrc import YList, YMap, YScalar, parse_yaml, split_front_matter

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
    meta = _load_meta(root, diags)
    vocabulary = _load_vocabulary(root, diags)
    glossary = _load_glossary(root, diags)
    history = _load_history(root, diags)
    reasons = _load_reasons(root, diags)
    sections = _load_sections(root, meta, diags)
    scenarios = _load_scenarios(root, diags)
    protocol = Protocol(meta, sections, glossary, scenarios, vocabulary, history, reasons, str(root))
    return protocol, diags


# ---------------------------------------------------------------- yaml files

def _yaml_file(root: Path, name: str, diags: Collector, required: bool = True):
    path = root / SRC / name
    if not path.exists():
        if required:
            diags.error("S006", f"{SRC}/{name}", 0, f"{SRC}/{name} is missing",
                        "Restore the file from the shipped protocol or from version control.")
        return None, f"{SRC}/{name}"
    text = read_text(root, path, diags)
    if text is None:
        return None, rel(root, path)
    return parse_yaml(text, rel(root, path), 1, diags), rel(root, path)


def _load_meta(root: Path, diags: Collector) -> Metadata:
    node, path = _yaml_file(root, "protocol.yaml", diags)
    f = read_fields(node, META_SCHEMA, path, 1, diags, "protocol.yaml")
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
    return Metadata(
        title=f["title"], council=f["council"], owner=f["owner"], version=f["version"],
        status=status, date=f["date"], constitution_part=f["constitution_part"],
        language=f["language"] or "en-GB", section_order=tuple(order), dates=tuple(dates),
        source=Source(path, lines.get("sections", 1)),
    )


def _entries(node, key: str, path: str, diags: Collector) -> list:
    """The list under `key` of a YAML mapping (reported when it is not a list)."""
    if node is None:
        return []
    if not isinstance(node, YMap):
        diags.error("M003", path, node.line, f"{path} must start with '{key}:'", "")
        return []
    value = node.get(key)
    for k in node.keys():
        if k != key:
            diags.error("M001", path, node.key_line(k), f"unknown key {k!r}", f"This file holds only '{key}:'.")
    if value is None or (isinstance(value, YScalar) and value.is_null):
        return []
    if not isinstance(value, YList):
        diags.error("M003", path, value.line, f"'{key}' must be a list of entries starting with '- '", "")
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
    result = {}
    for kind in kinds:
        entries = []
        value = node.get(kind) if isinstance(node, YMap) else None
        items = value.items if isinstance(value, YList) else ()
        for item in items:
            f = read_fields(item, VOCAB_ENTRY, path, item.line, diags, f"an entry of {kind}")
            if f["id"]:
                entries.append(VocabEntry(f["id"], f["label"], f["description"], f["part_of"],
                                          Source(path, item.line)))
        result[kind] = tuple(entries)
    return Vocabulary(**result)


def _load_glossary(root: Path, diags: Collector) -> tuple[GlossaryEntry, ...]:
    node, path = _yaml_file(root, "glossary.yaml", diags)
    out = []
    for item in _entries(node, "terms", path, diags):
        f = read_fields(item, GLOSSARY_ENTRY, path, item.line, diags, "a glossary entry")
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
        diags.error("M003", path, node.line, "amendments.yaml must start with 'reasons:'", "")
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
            diags.error("M003", path, kline, f"the reason for {key!r} must be one line of text", "")
            continue
        out.append((key, " ".join(v.value.split()), Source(path, kline)))
    return tuple(out)


# ---------------------------------------------------------------- sections

def _load_sections(root: Path, meta: Metadata, diags: Collector) -> tuple[Section, ...]:
    src = root / SRC
    present = {p.stem: p for p in sorted(src.glob("*.md"))}
    sections = []
    seen: set[str] = set()
    for sid in meta.section_order:
        if sid in seen:
            diags.error("L004", meta.source.path, meta.source.line, f"section {sid!r} is listed twice",
                        "Remove the second entry from 'sections:'.")
            continue
        seen.add(sid)
        if not valid_id(sid):
            diags.error("I002", meta.source.path, meta.source.line, f"section id {sid!r} is malformed: {id_problem(sid)}",
                        "Section ids are file names without '.md'.")
            continue
        if sid not in present:
            diags.error("L001", meta.source.path, meta.source.line,
                        f"section {sid!r} is listed but {SRC}/{sid}.md does not exist",
                        "Create the file, correct the name in 'sections:', or remove it from the list.")
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
    try:
        fm, fm_line, body, body_line = split_front_matter(text)
    except ValueError:
        diags.error("S005", name, 1, "the front matter starting with '---' is not closed",
                    "Add a line with just '---' after the title, audience and other settings.")
        return None
    if fm is None:
        diags.error("S005", name, 1, "the file has no front matter",
                    "Start the file with '---', a line 'title: …', and another '---'.")
        return None
    f = read_fields(parse_yaml(fm, name, fm_line, diags), SECTION_SCHEMA, name, 1, diags, "the section settings")
    tags = Tags(f["audience"], f["principles"], f["objectives"])
    blocks = []
    for raw in scan_blocks(body, body_line):
        if raw.kind == "bad-heading":
            diags.error("X003", name, raw.line, f"heading level {'#' * raw.level} is not allowed here",
                        "The section title comes from 'title:'; use '## ' for sub-headings inside a section.")
            continue
        if raw.kind == "orphan-item":
            diags.error("X004", name, raw.line, "a list item ('- ') must follow a numbered paragraph",
                        "Put the lead-in paragraph (starting with {#id}) directly above the list.")
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
            blocks.append(Heading(block_id, " ".join(raw.text.split()), source))
            continue
        ptags = _para_tags(raw.attrs, name, raw.line, diags)
        inlines = parse_inlines(raw.text, name, raw.line, diags)
        items = tuple(SubItem(parse_inlines(" ".join(i.text_lines), name, i.line, diags), Source(name, i.line))
                      for i in raw.items)
        blocks.append(Paragraph(block_id, inlines, items, ptags, source))
    return Section(sid, f["title"], f["summary"], f["keywords"], tags, tuple(blocks), Source(name, 1))


def _para_tags(attrs: str, path: str, line: int, diags: Collector) -> Tags:
    values: dict[str, tuple[str, ...]] = {"audiences": (), "principles": (), "objectives": ()}
    rest = attrs
    for m in _ATTR.finditer(attrs):
        key, raw = m.group(1), m.group(2).strip('"')
        rest = rest.replace(m.group(0), "", 1)
        if key not in PARA_ATTRS:
            diags.error("M001", path, line, f"unknown paragraph setting {key!r}",
                        did_you_mean(key, PARA_ATTRS) or f"Allowed: {', '.join(PARA_ATTRS)}.")
            continue
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
