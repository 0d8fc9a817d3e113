"""`protocol ids`: stamp fresh ids onto paragraphs and headings an author added without one.

Only the missing `{#id} ` (or ` {#id}` after a heading) is inserted; every other
byte of the file, including a BOM and CRLF line endings, stays as it was. Files
are replaced atomically (written beside, then renamed).
"""
from __future__ import annotations

from pathlib import Path

from .atomic import write_bytes_atomic
from .diagnostics import Collector
from .errors import ProtocolError
from .load import SRC, load_tree
from .load.blocks import scan_blocks
from .load.files import decode
from .load.yamlsrc import split_front_matter
from .model import all_ids
from .slug import STOP_WORDS, slug

def fresh_id(text: str, taken: set[str]) -> str:
    """An id made from the first words of `text` that no other element has (a number added when needed)."""
    base = slug(text, fallback="paragraph", max_words=4, max_len=40, stop_words=STOP_WORDS)
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


def stamp_ids(root: Path) -> list[tuple[str, int, str]]:
    """Add ids where missing. Returns (file, line, new id) for each one added."""
    protocol, _ = load_tree(root)
    taken = {i for i, _, _ in all_ids(protocol)}
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
    added: list[tuple[str, int, str]] = []
    for path, data, blocks in files:
        inserts: dict[int, tuple[str, str]] = {}
        for raw in blocks:
            if raw.id is None and raw.what in ("paragraph", "heading"):
                new = fresh_id(raw.text, taken)
                inserts[raw.line] = (raw.what, new)
                added.append((f"{SRC}/{path.name}", raw.line, new))
        if inserts:
            try:
                write_bytes_atomic(path, _insert(data, inserts))
            except OSError as exc:
                raise ProtocolError(f"cannot write {SRC}/{path.name}: {exc.strerror or exc}\n"
                                    "    hint: check that you may change files in this folder; "
                                    "files already written keep their new ids.") from None
    return added


def _insert(data: bytes, inserts: dict[int, tuple[str, str]]) -> bytes:
    lines = data.splitlines(keepends=True)
    for line_no, (what, new) in inserts.items():
        raw = lines[line_no - 1]
        body = raw.rstrip(b"\r\n")
        ending = raw[len(body):]
        prefix = b""
        if line_no == 1 and body.startswith(b"\xef\xbb\xbf"):
            prefix, body = body[:3], body[3:]
        if what == "heading":
            stripped = body.rstrip(b" \t")
            body = stripped + b" {#" + new.encode() + b"}" + body[len(stripped):]
        else:
            indent = body[: len(body) - len(body.lstrip(b" \t"))]
            body = indent + b"{#" + new.encode() + b"} " + body[len(indent):]
        lines[line_no - 1] = prefix + body + ending
    return b"".join(lines)
