"""The model written back as a source tree in the format of docs/authoring.md (protocol_src/, scenarios/).

`source_files(protocol, vocabulary)` gives every file's text by its path in the tree; `stage(files, out)`
writes them into a hidden folder beside `out`, and `place(staged, out)` moves that folder into place in
one rename, so a tree is either all there or not there at all. File names are section ids, checked
again here: nothing else from the model becomes a path.

What the model holds that the format cannot (a cross-reference to a sub-heading, a term shown in words
holding '|') is written as the words it shows.
"""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from ..atomic import make_staging_dir
from ..load import SCENARIOS, SRC
from ..load.inlines import valid_id
from ..model import Heading, Paragraph, Protocol, Ref, Term, Text


def quoted(value: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is a subset of YAML's)."""
    return json.dumps(" ".join(value.split()), ensure_ascii=False)


def source_files(protocol: Protocol, vocabulary: str, origin: str = "") -> dict[str, str]:
    files = {f"{SRC}/protocol.yaml": protocol_yaml(protocol, origin),
             f"{SRC}/vocabulary.yaml": vocabulary,
             f"{SRC}/glossary.yaml": glossary_yaml(protocol)}
    for section in protocol.sections:
        if not valid_id(section.id):
            raise ValueError(f"section id {section.id!r} cannot name a file")
        files[f"{SRC}/{section.id}.md"] = section_md(section)
    return files


def protocol_yaml(protocol: Protocol, origin: str = "") -> str:
    m = protocol.meta
    lines = [f"# Imported from {origin} by `protocol import`. Check every value." if origin else
             "# The protocol's settings.", f"title: {quoted(m.title)}", f"council: {quoted(m.council)}",
             f"owner: {quoted(m.owner)}", f"version: {quoted(m.version)}", f"status: {m.status}", f"date: {m.date}"]
    if m.constitution_part:
        lines.append(f"constitution_part: {quoted(m.constitution_part)}")
    lines.append(f"language: {m.language or 'en-GB'}")
    if m.dates:
        lines.append("dates:")
        lines += [f"  {key}: {value}" for key, value in m.dates]
    lines += ["", "# The sections, in order: each is a file in this folder (without .md) and its stable id.",
              "sections:"]
    lines += [f"  - {sid}" for sid in m.section_order]
    return "\n".join(lines) + "\n"


def glossary_yaml(protocol: Protocol) -> str:
    if not protocol.glossary:
        return ("# Terms marked {{like this}} in the section files. No definitions table or list was found\n"
                "# in the imported document: add terms here as term: and definition: pairs.\nterms: []\n")
    lines = ["# Terms marked {{like this}} in the section files.", "terms:"]
    for g in protocol.glossary:
        lines.append(f"  - term: {quoted(g.term)}")
        if g.aliases:
            lines.append("    aliases: [" + ", ".join(quoted(a) for a in g.aliases) + "]")
        lines.append(f"    definition: {quoted(g.definition)}")
    return "\n".join(lines) + "\n"


def section_md(section) -> str:
    lines = ["---", f"title: {quoted(section.title)}"]
    if section.summary:
        lines.append(f"summary: {quoted(section.summary)}")
    lines += ["---", ""]
    for block in section.blocks:
        if isinstance(block, Heading):
            lines += [f"## {' '.join(block.text.split())} {{#{block.id}}}", ""]
        elif isinstance(block, Paragraph):
            lines.append(f"{{#{block.id}}} {inline_markup(block.inlines)}".rstrip())
            lines += [f"- {inline_markup(item.inlines)}" for item in block.items if inline_markup(item.inlines)]
            lines += table_lines(block.table)
            lines.append("")
    return "\n".join(lines)


def table_lines(table) -> list[str]:
    """A paragraph's table as '|' lines: the header row, the separator, the rows ([] for none)."""
    if table is None:
        return []
    def cell(inlines) -> str:  # a bar in a cell's words would divide it; a term's {{term|shown}} does not
        return inline_markup(tuple(Text(n.text.replace("|", "/")) if isinstance(n, Text) else n for n in inlines))

    cells = [[cell(c) for c in row.cells] for row in table.all_rows]
    lines = ["| " + " | ".join(r) + " |" for r in cells]
    lines.insert(1, "|" + " --- |" * len(cells[0]))
    return lines


def inline_markup(inlines) -> str:
    out = []
    for node in inlines:
        if isinstance(node, Ref):
            out.append(f"[[{node.target}]]")
        elif isinstance(node, Term):
            shown = " ".join(node.shown.split())
            if "|" in shown or "}}" in shown or "|" in node.term:
                out.append(shown)
            else:
                out.append(f"{{{{{node.term}}}}}" if shown == node.term else f"{{{{{node.term}|{shown}}}}}")
        elif isinstance(node, Text):
            out.append(node.text)
    return " ".join("".join(out).split())


def stage(files: dict[str, str], out: Path) -> Path:
    """Write the files into a new hidden folder beside `out` (with an empty scenarios/); return it."""
    out = Path(out)
    staged = make_staging_dir(f".{out.name}.", out.parent, suffix=".import")
    try:
        (staged / SRC).mkdir()
        (staged / SCENARIOS).mkdir()
        for rel, text in sorted(files.items()):
            path = staged / rel
            if path.parent != staged / SRC:
                raise ValueError(f"{rel!r} is not a file of {SRC}/")
            with open(path, "x", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
    except BaseException:
        shutil.rmtree(staged, ignore_errors=True)
        raise
    return staged


def place(staged: Path, out: Path) -> None:
    """Move the staged tree to `out`, which must be missing or an empty folder."""
    out = Path(out)
    if out.is_dir() and not any(out.iterdir()):
        out.rmdir()
    os.replace(staged, out)
