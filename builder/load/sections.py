"""Section files (protocol_src/<id>.md): front matter, then numbered paragraphs, sub-items and sub-headings.

`load_sections` follows the order of `sections:` in protocol.yaml, reports a
listed file that is missing and a file that is not listed, and parses each file
with builder.load.blocks (the grammar) into the model's Section.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..diagnostics import Collector, did_you_mean
from ..model import Heading, Lines, Metadata, Paragraph, Section, Source, SubItem, Table, TableRow, Tags
from .schema import Field, read_fields
from .blocks import RawBlock, scan_blocks
from .files import read_text, rel
from .parses import Parses
from .settings import SRC, parse_checked
from .inlines import check_plain, id_problem, parse_inlines, valid_id
from .yamlsrc import front_matter, setting_lines

SECTION_SCHEMA = {
    "title": Field("str", True, "Give the section a title: 'title: Roles of members'."),
    "summary": Field("str"),
    "keywords": Field("list"),
    "audience": Field("list"),
    "principles": Field("list"),
    "objectives": Field("list"),
    "obligations": Field("list"),
}
PARA_ATTRS = {"audience": "audiences", "principles": "principles", "objectives": "objectives",
              "obligations": "obligations"}
PARA_LABELS = ("caption",)  # settings that are not tags: caption="..." labels the paragraph on the website
_ATTR = re.compile(r'\s*([A-Za-z_-]+)=("[^"]*"|[^\s"]+)')


def load_sections(root: Path, meta: Metadata, diags: Collector, parses: Parses, meta_ok: bool = True,
                  section_lines: dict[str, list[int]] | None = None) -> tuple[Section, ...]:
    """The sections listed in protocol.yaml, in its order (every file in name order when it is broken)."""
    present = {p.stem: p for p in sorted((root / SRC).glob("*.md"))}
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
        if _listed_wrongly(sid, where, meta, present, seen, meta_ok, diags):
            continue
        seen.add(sid)
        section = _load_section(root, present[sid], sid, diags, parses)
        if section is not None:
            sections.append(section)
    for stem, path in present.items():
        if stem not in seen:
            diags.error("L002", rel(root, path), 1, f"section file {path.name} is not listed in protocol.yaml",
                        f"Add '{stem}' to 'sections:' in {SRC}/protocol.yaml where it belongs, or delete the file.")
    return tuple(sections)


def _listed_wrongly(sid: str, where: int, meta: Metadata, present: dict, seen: set[str], meta_ok: bool,
                    diags: Collector) -> bool:
    """Report an entry of `sections:` that names no loadable file (listed twice, malformed, missing)."""
    if sid in seen and meta_ok:
        diags.error("L004", meta.source.path, where, f"section {sid!r} is listed twice",
                    "Remove the second entry from 'sections:'.")
        return True
    if not valid_id(sid):
        seen.add(sid)
        diags.error("I002", meta.source.path, where, f"section id {sid!r} is malformed: {id_problem(sid)}",
                    "Section ids are file names without '.md'.")
        return True
    if sid not in present:
        seen.add(sid)
        diags.error("L001", meta.source.path, where,
                    f"section {sid!r} is listed but {SRC}/{sid}.md does not exist",
                    did_you_mean(sid, [p for p in present if p not in seen])
                    or "Create the file, correct the name in 'sections:', or remove it from the list.")
        return True
    return False


def _load_section(root: Path, path: Path, sid: str, diags: Collector, parses: Parses) -> Section | None:
    name = rel(root, path)
    text = read_text(root, path, diags)
    if text is None:
        return None
    return parses.file((name, sid, text), lambda found: _parse_section(name, sid, text, found, parses), diags)


def _parse_section(name: str, sid: str, text: str, diags: Collector, parses: Parses) -> Section | None:
    split = front_matter(text, name, diags,
                         "Add a line with just '---' after the title, audience and other settings.",
                         "Start the file with '---', a line 'title: …', and another '---'.")
    if split is None:
        return None
    fm, fm_line, body, body_line = split
    f, tags, lines = parses.settings(f"{fm_line}\n{fm}", lambda found: _section_settings(fm, fm_line, name, found),
                                     diags)
    blocks = []
    for raw in scan_blocks(body, body_line):
        if _misshapen(raw, name, diags):
            continue
        block_id = _block_id(raw, name, diags)
        if raw.what == "heading":
            blocks.append(_heading(raw, block_id, name, diags))
        else:
            blocks.append(_paragraph(raw, block_id, name, diags, parses))
    return Section(sid, f["title"], f["summary"], f["keywords"], tags, tuple(blocks), Source(name, 1), lines)


def _section_settings(fm: str, fm_line: int, name: str, diags: Collector) -> tuple[dict, Tags, Lines]:
    """A section's front matter read: its fields, its tags and where each setting is."""
    node, ok = parse_checked(fm, name, fm_line, diags)
    # settings that could not be read are not also reported missing (one problem, one message)
    f = read_fields(node, SECTION_SCHEMA, name, 1, diags if ok else Collector(), "the section settings")
    for key in ("title", "summary"):
        check_plain(f[key], name, f["_lines"].get(key, 1), diags, f"the section's {key}")
    for word in f["keywords"]:
        check_plain(word, name, f["_lines"].get("keywords", 1), diags, "a keyword")
    return f, Tags(f["audience"], f["principles"], f["objectives"], f["obligations"]), setting_lines(node)


# the problems that leave a raw block out of the model: (what it is, attributes closed) -> (rule, message, hint)
_MISSHAPEN = {
    ("bad-comment", True): ("X001", "the comment starting '<!--' is never closed",
                            "End the comment with '-->'; everything after an unclosed comment is ignored."),
    ("orphan-item", True): ("X004", "a list item ('- ') must follow a numbered paragraph",
                            "Put the lead-in paragraph (starting with {#id}) directly above the list."),
    ("orphan-table", True): ("X007", "a table row ('| … |') must follow a numbered paragraph",
                             "Put the paragraph that introduces the table (starting with {#id}) directly above "
                             "it, with no blank line between."),
    ("heading", False): ("T005", "the '{#…}' at the end of this heading is not closed",
                         "End the heading with its id in braces, e.g. '## Urgent matters {#urgent-heading}'."),
    ("paragraph", False): ("T005", "the '{#…}' at the start of this paragraph is not closed",
                           "Write it as {#paragraph-id} followed by a space and the text."),
}


def _misshapen(raw: RawBlock, name: str, diags: Collector) -> bool:
    """Report a block that cannot become part of the model (an unclosed comment, a stray list item...)."""
    if raw.what == "bad-heading":
        diags.error("X003", name, raw.line, f"heading level {'#' * raw.level} is not allowed here",
                    "The section title comes from 'title:'; use '## ' for sub-headings inside a section.")
        return True
    problem = _MISSHAPEN.get((raw.what, raw.attr_ok))
    if problem is None:
        return False
    diags.error(problem[0], name, raw.line, problem[1], problem[2])
    return True


def _block_id(raw: RawBlock, name: str, diags: Collector) -> str:
    """The block's id, reported when missing (a placeholder is used) or malformed."""
    if raw.id is None:
        what = "heading" if raw.what == "heading" else "paragraph"
        diags.error("I003", name, raw.line, f"this {what} has no id",
                    "Run 'protocol ids' to add one, or write {#an-id} at its start yourself.")
        return f"_line-{raw.line}"
    if not valid_id(raw.id):
        diags.error("I002", name, raw.line, f"id {raw.id!r} is malformed: {id_problem(raw.id)}",
                    "Use lower-case letters, digits and hyphens, e.g. {#members-contact-staff}.")
    return raw.id


def _heading(raw: RawBlock, block_id: str, name: str, diags: Collector) -> Heading:
    text = raw.text
    check_plain(text, name, raw.line, diags, "a heading")
    if not text.strip():
        diags.error("M002", name, raw.line, "this sub-heading has no text",
                    "Write the heading's words between '## ' and the {#id}.")
    return Heading(block_id, " ".join(text.split()), Source(name, raw.line))


def _paragraph(raw: RawBlock, block_id: str, name: str, diags: Collector, parses: Parses) -> Paragraph:
    text = raw.text
    if not text.strip() and not raw.items:
        diags.error("M002", name, raw.line, f"paragraph {block_id!r} has no text",
                    "Write the paragraph's text after the {#id}, or delete the empty paragraph.")
    tags, caption = (parses.settings(raw.attrs, lambda found: _para_settings(raw.attrs, name, raw.line, found), diags)
                     if raw.attrs.strip() else (_NO_TAGS, ""))
    inlines = _inlines(text, name, raw.line, diags, parses)
    items = tuple(SubItem(_inlines(" ".join(i.text_lines), name, i.line, diags, parses), Source(name, i.line))
                  for i in raw.items)
    table = _table(raw, name, diags, parses) if raw.table else None
    return Paragraph(block_id, inlines, items, tags, Source(name, raw.line), table, caption)


_SEPARATOR_CELL = re.compile(r"^:?-{3,}:?$")
MAX_COLUMNS = 6


def _table(raw: RawBlock, name: str, diags: Collector, parses: Parses) -> Table | None:
    """The paragraph's closing table: a header row, a separator row ('| --- | --- |'), then the rows."""
    rows = [(r.line, _cells(r.text_lines[0])) for r in raw.table]
    first_line, header = rows[0]
    if len(rows) < 3 or not all(_SEPARATOR_CELL.match(c) for c in rows[1][1]):
        diags.error("X007", name, first_line, "this table has no separator row under its header",
                    "Write the header row, then a row like '| --- | --- |' (one '---' per column), then the rows.")
        return None
    if not 2 <= len(header) <= MAX_COLUMNS:
        diags.error("X007", name, first_line, f"a table needs 2 to {MAX_COLUMNS} columns; this one has {len(header)}",
                    "Separate the columns with '|', e.g. '| Who | Raise it with |'.")
        return None
    ok = True
    for line, cells in rows[1:]:
        if len(cells) != len(header):
            diags.error("X007", name, line, f"this row has {len(cells)} cells; the header has {len(header)}",
                        "Give every row one cell per column, separated by '|'.")
            ok = False
        elif any(not c for c in cells):
            diags.error("X007", name, line, "this row has an empty cell",
                        "Write something in every cell, e.g. 'None' or 'Not applicable'.")
            ok = False
    if not ok:
        return None
    made = [TableRow(tuple(_inlines(c, name, line, diags, parses) for c in cells), Source(name, line))
            for line, cells in [rows[0], *rows[2:]]]
    return Table(made[0], tuple(made[1:]))


def _cells(line: str) -> list[str]:
    """The cells of one table line, '| a | b |' -> ['a', 'b'] (the outer bars are optional at the end; the bar
    inside a glossary term's {{term|shown words}} divides no cells)."""
    inner = line.strip()[1:]
    if inner.endswith("|"):
        inner = inner[:-1]
    return [" ".join(c.split()) for c in _BAR.split(inner)]


_BAR = re.compile(r"\|(?![^{]*\}\})")


_NO_TAGS = Tags()


def _inlines(text: str, name: str, line: int, diags: Collector, parses: Parses):
    return parses.inlines(text, lambda found: parse_inlines(text, name, line, found), diags)


def _para_settings(attrs: str, path: str, line: int, diags: Collector) -> tuple[Tags, str]:
    """The paragraph's tags and its caption ('' when none; checked by builder.check.captions)."""
    values: dict[str, tuple[str, ...]] = {name: () for name in PARA_ATTRS.values()}
    caption = ""
    rest = attrs
    given: set[str] = set()
    allowed = (*PARA_ATTRS, *PARA_LABELS)
    for m in _ATTR.finditer(attrs):
        key, raw = m.group(1), m.group(2).strip('"')
        rest = rest.replace(m.group(0), "", 1)
        if key not in allowed:
            diags.error("M001", path, line, f"unknown paragraph setting {key!r}",
                        did_you_mean(key, allowed) or f"Allowed: {', '.join(allowed)}.")
            continue
        if key in given:
            diags.error("S004", path, line, f"the paragraph setting {key!r} is given twice",
                        f"Give it once, with the values separated by commas: {key}=first,second.")
        given.add(key)
        if key == "caption":
            caption = " ".join(raw.split())
        else:
            values[PARA_ATTRS[key]] = tuple(v.strip() for v in raw.split(",") if v.strip())
    if rest.strip():
        diags.error("T005", path, line, f"cannot read {rest.strip()!r} in the paragraph's {{#…}} settings",
                    "Write settings as key=value,value with no spaces around '=', e.g. audience=all-members.")
    return Tags(**values), caption
