"""Read source files as text: UTF-8 (a BOM is fine), CRLF or LF, with clear errors."""
from __future__ import annotations

from pathlib import Path

from ..diagnostics import Collector

MAX_BYTES = 5 * 1024 * 1024  # a section or scenario is a few KB; 5 MB is surely a mistake


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
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        diags.error("S001", name, line, f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x})",
                    "Save the file as 'UTF-8' in your editor (in Notepad: Save As, Encoding: UTF-8).")
        return None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        diags.error("S001", name, line, "the file contains a NUL character; it is not a text file",
                    "Save the file as plain UTF-8 text.")
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")
