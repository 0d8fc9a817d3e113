"""`protocol ids`: stamp fresh ids onto paragraphs and headings an author added without one, and give a fresh
id to the copy of a paragraph or heading pasted with its id (a duplicate, I001).

Of two elements with one id, the one that keeps it is the one in the latest release (same kind, same
section, and the same words when there are several), else a section or scenario (a file name, which this
command does not rename), else the first in document order. Only the missing `{#id} ` (or ` {#id}` after a
heading) is inserted, or the copy's id replaced; every other byte of the file, including a BOM and CRLF line
endings, stays as it was. Files are replaced atomically (written beside, then renamed). A new id is unique
against every id in the draft and in every release, so an old id is never reused.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .atomic import write_bytes_atomic
from .diagnostics import Collector
from .errors import ProtocolError
from .load import SCENARIOS, SRC, load_tree
from .load.blocks import scan_blocks
from .load.files import decode
from .load.yamlsrc import split_front_matter
from .model import Heading, Paragraph, Protocol, all_ids, inline_text
from .slug import STOP_WORDS, slug

_OLD_ID = re.compile(r"\{#([a-z0-9]+(?:-[a-z0-9]+)*)")


@dataclass(frozen=True)
class Renamed:
    """A copy given a fresh id: where it is, its old and new id, and where the one keeping the id is."""

    path: str
    line: int
    old: str
    new: str
    kept: str  # 'protocol_src/roles.md:7'
    why: str  # why that one keeps it, e.g. 'it is the one in release 1.1'


def fresh_id(text: str, taken: set[str]) -> str:
    """An id made from the first words of `text` that no other element has (a number added when needed)."""
    base = slug(text, fallback="paragraph", max_words=4, max_len=40, stop_words=STOP_WORDS)
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


def taken_ids(root: Path, protocol: Protocol | None = None) -> set[str]:
    """Every id in use now or in any release (ids are never reused), and every file name in scenarios/."""
    if protocol is None:
        protocol, _ = load_tree(root)
    taken = {i for i, _, _ in all_ids(protocol)}
    folder = root / SCENARIOS
    if folder.is_dir():
        taken |= {p.stem.lower() for p in folder.iterdir()}
    releases = root / "releases"
    if releases.is_dir():
        for path in releases.glob("*/scenarios/*.md"):
            taken.add(path.stem)
        for path in releases.glob("*/protocol_src/*.md"):
            taken.add(path.stem)
            try:
                taken |= set(_OLD_ID.findall(path.read_text(encoding="utf-8", errors="replace")))
            except OSError:
                pass
    return taken


def stamp_ids(root: Path) -> list[tuple[str, int, str]]:
    """Add ids where missing. Returns (file, line, new id) for each one added."""
    return repair_ids(root)[0]


def repair_ids(root: Path) -> tuple[list[tuple[str, int, str]], list[Renamed]]:
    """Add ids where missing and give each pasted copy of an id a fresh one: (added, renamed)."""
    protocol, _ = load_tree(root)
    taken = taken_ids(root, protocol)
    files = _section_files(root, taken)
    copies = {(r.path, r.line): r for r in _copies(root, protocol, taken)}
    added: list[tuple[str, int, str]] = []
    renamed: list[Renamed] = []
    for path, data, blocks in files:
        name = f"{SRC}/{path.name}"
        edits: dict[int, tuple[str, str, str]] = {}  # line -> (what, old id or '', new id)
        for raw in blocks:
            copy = copies.get((name, raw.line))
            if raw.id is None and raw.what in ("paragraph", "heading"):
                new = fresh_id(raw.text, taken)
                edits[raw.line] = (raw.what, "", new)
                added.append((name, raw.line, new))
            elif copy is not None and raw.id == copy.old:
                edits[raw.line] = (raw.what, raw.id, copy.new)
                renamed.append(copy)
        if edits:
            try:
                write_bytes_atomic(path, _edit(data, edits))
            except OSError as exc:
                raise ProtocolError(f"cannot write {name}: {exc.strerror or exc}\n"
                                    "    hint: check that you may change files in this folder; "
                                    "files already written keep their new ids.") from None
    return added, renamed


def _section_files(root: Path, taken: set[str]) -> list[tuple[Path, bytes, list]]:
    """Each readable section file with its bytes and raw blocks; its ids added to `taken`."""
    files: list[tuple[Path, bytes, list]] = []
    for path in sorted((root / SRC).glob("*.md")):
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ProtocolError(f"cannot read {SRC}/{path.name}: {exc.strerror or exc}\n"
                                "    hint: check that the file exists and that you may read it.") from None
        text = decode(data, path.name, Collector())
        if text is None:
            continue  # not UTF-8: `protocol check` reports it; the file is left alone
        try:
            fm, _, body, body_line = split_front_matter(text)
        except ValueError:
            continue
        if fm is None:
            continue
        blocks = scan_blocks(body, body_line)
        # ids in every file, listed in protocol.yaml or not, so a new id never repeats one
        taken.update(b.id for b in blocks if b.id)
        files.append((path, data, blocks))
    return files


def _copies(root: Path, protocol: Protocol, taken: set[str]) -> list[Renamed]:
    """The paragraphs and headings that share an id with another element and do not keep it."""
    elements: dict[str, list[tuple[str, object, str]]] = {}  # id -> [(what, element, section id)]
    for sc in protocol.scenarios:
        elements.setdefault(sc.id, []).append(("scenario", sc, ""))
    for s in protocol.sections:
        elements.setdefault(s.id, []).append(("section", s, s.id))
        for b in s.blocks:
            elements.setdefault(b.id, []).append(("paragraph" if isinstance(b, Paragraph) else "heading", b, s.id))
    shared = {id_: found for id_, found in elements.items() if len(found) > 1 and not id_.startswith("_line-")}
    previous = _latest_release(root) if shared else None
    out: list[Renamed] = []
    for id_, found in shared.items():
        keeper, why = _keeper(id_, found, previous)
        for what, element, _ in found:
            if element is keeper[1] or what not in ("paragraph", "heading"):
                continue
            text = element.text if isinstance(element, Heading) else inline_text(element.inlines)
            out.append(Renamed(element.source.path, element.source.line, id_, fresh_id(text, taken),
                               str(keeper[1].source), why))
    return out


def _keeper(id_: str, found: list, previous: Protocol | None) -> tuple[tuple, str]:
    """Which of the elements sharing `id_` keeps it, and why."""
    if previous is not None:
        section = previous.section_of(id_)
        if section is not None and section.id != id_:
            old = next(b for b in section.blocks if b.id == id_)
            what = "paragraph" if isinstance(old, Paragraph) else "heading"
            same = [f for f in found if f[0] == what and f[2] == section.id]
            words = [f for f in same if _words(f[1]) == _words(old)]
            if same:
                return (words or same)[0], f"it is the one in release {previous.meta.version}"
    files = [f for f in found if f[0] in ("section", "scenario")]
    if files:
        return files[0], f"it is the id of the {files[0][0]} (its file name)"
    return found[0], "it comes first"


def _words(block) -> str:
    return block.text if isinstance(block, Heading) else inline_text(block.inlines) + "".join(
        inline_text(i.inlines) for i in block.items)


def _latest_release(root: Path) -> Protocol | None:
    from .project import load_project  # the releases are loaded only when an id is shared

    latest = load_project(root).latest
    return latest.protocol if latest is not None else None


def _edit(data: bytes, edits: dict[int, tuple[str, str, str]]) -> bytes:
    """Insert a missing id, or replace a copy's id, on each line named."""
    lines = data.splitlines(keepends=True)
    for line_no, (what, old, new) in edits.items():
        raw = lines[line_no - 1]
        body = raw.rstrip(b"\r\n")
        ending = raw[len(body):]
        prefix = b""
        if line_no == 1 and body.startswith(b"\xef\xbb\xbf"):
            prefix, body = body[:3], body[3:]
        if old:
            at = body.find(b"{#" + old.encode())
            body = body[:at + 2] + new.encode() + body[at + 2 + len(old):]
        elif what == "heading":
            stripped = body.rstrip(b" \t")
            body = stripped + b" {#" + new.encode() + b"}" + body[len(stripped):]
        else:
            indent = body[: len(body) - len(body.lstrip(b" \t"))]
            body = indent + b"{#" + new.encode() + b"} " + body[len(indent):]
        lines[line_no - 1] = prefix + body + ending
    return b"".join(lines)
