"""The documents `protocol build` writes beside the website, copied into it so that every page can link them.

The Word document, its PDF, and the redline (and its PDF for the agenda pack)
and schedule of amendments against the last release are copied into
site/downloads/ when the site is built, so the links are relative and work over
http and from file:// alike.
"""
from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from ...model import Protocol
from ...filenames import pdf_name, stem, word_name

FOLDER = "downloads"


@dataclass(frozen=True)
class Download:
    kind: str  # word | pdf | redline | redline-pdf | schedule
    label: str  # what the reader is offered
    short: str  # the same in a few words, for the line at the top of each section
    name: str  # file name inside downloads/
    size: str  # e.g. "48 KB"
    source: Path

    @property
    def path(self) -> str:
        """The file's path inside the site, as the pages link it."""
        return f"{FOLDER}/{self.name}"


_LABELS = {
    "word": "The protocol as a Word document",
    "pdf": "The protocol as a PDF",
    "redline": "Redline: every change since version {since}, as Word tracked changes",
    "redline-pdf": "Redline since version {since} as a PDF, for printing or the agenda pack",
    "schedule": "Schedule of amendments since version {since}, with the reason for each change",
}
SHORT = {"word": "Word document", "pdf": "PDF", "redline": "Redline since {since}", "redline-pdf": "Redline as PDF",
         "schedule": "Schedule of amendments"}
ORDER = ("word", "pdf", "redline", "redline-pdf", "schedule")


def downloads_of(protocol: Protocol, files, since: str = "") -> tuple[Download, ...]:
    """The built documents among `files`, in the order the pages list them."""
    found = []
    for path in map(Path, files):
        kind = _kind(protocol, path.name)
        if kind and path.is_file():
            label = _LABELS[kind].format(since=since or "the last release")
            short = SHORT[kind].format(since=since or "the last release")
            found.append(Download(kind, label, short, path.name, _size(path), path))
    return tuple(sorted(found, key=lambda d: ORDER.index(d.kind)))


def _kind(protocol: Protocol, name: str) -> str:
    if name == word_name(protocol):
        return "word"
    if name == pdf_name(protocol):
        return "pdf"
    for kind, marker in (("redline", "-redline-"), ("schedule", "-schedule-of-amendments-")):
        if name.startswith(stem(protocol) + marker) and name.endswith(".docx"):
            return kind
    if name.startswith(stem(protocol) + "-redline-") and name.endswith(".pdf"):
        return "redline-pdf"
    return ""


def _size(path: Path) -> str:
    size = path.stat().st_size
    return f"{max(1, round(size / 1024))} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"


def copy_downloads(downloads: tuple[Download, ...], docs: Path) -> None:
    """Put the documents into the docs folder; mkdocs copies them into the site as they are."""
    if not downloads:
        return
    folder = docs / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for d in downloads:
        shutil.copyfile(d.source, folder / d.name)
