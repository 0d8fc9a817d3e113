"""Read source files as text: UTF-8 (a BOM is fine), CRLF or LF, with clear errors."""
from __future__ import annotations

import re
from pathlib import Path

from ..diagnostics import Collector

MAX_BYTES = 5 * 1024 * 1024  # a section or scenario is a few KB; 5 MB is surely a mistake
# Control characters other than tab and line endings: invisible in an editor, invalid in
# Word's XML and a way to smuggle odd text onto the website.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def rel(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def read_text(root: Path, path: Path, diags: Collector) -> str | None:
    """The file's text with line endings normalised to '\\n', or None (reported)."""
    name = rel(root, path)
    try:
        if path.stat().st_size > MAX_BYTES:
            diags.error("S007", name, 0, f"file is larger than {MAX_BYTES // (1024 * 1024)} MB",
                        "Split it into smaller files, or check that it is the right file.")
            return None
        data = path.read_bytes()
    except OSError as exc:
        diags.error("S006", name, 0, f"cannot read the file: {exc.strerror or exc}",
                    "Check that the file exists and that you may read it.")
        return None
    return decode(data, name, diags)


def decode(data: bytes, name: str, diags: Collector) -> str | None:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        diags.error("S001", name, 1, "the file is saved as UTF-16, not UTF-8",
                    "Save the file as 'UTF-8' in your editor (in Notepad: Save As, Encoding: UTF-8).")
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        diags.error("S001", name, line, f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x})",
                    "Save the file as 'UTF-8' in your editor (in Notepad: Save As, Encoding: UTF-8).")
        return None
    bad = _CONTROL.search(text)
    if bad:
        line = text[: bad.start()].replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1
        if bad.group() == "\x00":
            diags.error("S001", name, line, "the file contains a NUL character; it is not a text file",
                        "Save the file as plain UTF-8 text.")
        else:
            diags.error("S001", name, line, f"the file contains an invisible control character "
                        f"(U+{ord(bad.group()):04X}) on this line",
                        "Delete the character (often pasted in from another program) and save as plain UTF-8 text.")
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")
