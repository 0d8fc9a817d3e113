"""Word documents as PDF, through LibreOffice in a throwaway profile, with the contents' page numbers measured.

LibreOffice prints a Word TOC field's stored result as it is, so the page
numbers must be in the document before it is converted. A measuring pass finds
them: the document is drawn with a placeholder in every page number, converted
with each bookmark exported as a named destination, and poppler's `pdfinfo
-dests` says on which page each bookmark (each heading) fell; the document is
then drawn again with those numbers and converted to the PDF. The numbers are
checked the same way on the result, and measured again if the layout moved.
Nothing is changed inside LibreOffice: what it prints is what the toolkit wrote.
"""
from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path
from typing import Callable

TIMEOUT = 240  # seconds: a large document on a slow machine
PLACEHOLDER = "99"  # the page number drawn before measuring: two digits, as wide as most real ones
ROUNDS = 3  # measurements at most (one is almost always enough: filling the numbers in moves nothing)
_DESTINATIONS = 'pdf:writer_pdf_Export:{"ExportBookmarksToPDFDestination":{"type":"boolean","value":"true"}}'
_DEST_LINE = re.compile(r"^\s*(\d+)\s+\[.*\]\s+\"(.*)\"\s*$")

LO_MISSING = ("PDF not written: LibreOffice (soffice) is not installed. "
              "Install it (Debian: apt-get install libreoffice-writer) and build again with --pdf.")
PDFINFO_MISSING = ("the contents of {name} have no page numbers: poppler's pdfinfo is not installed "
                   "(Debian: apt-get install poppler-utils)")

Draw = Callable[[Path, "Pages"], None]  # draws a Word document at a path with the given page numbers


class Pages(dict):
    """Bookmark name -> page number. Before measuring, every bookmark's page is the placeholder."""

    def __init__(self, pages=(), *, placeholder: str = "") -> None:
        super().__init__(pages)
        self.placeholder = placeholder

    def get(self, key, default=None):
        return super().get(key, self.placeholder or default)


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def pdfinfo() -> str | None:
    return shutil.which("pdfinfo")


def measured_pdf(draw: Draw, pdf: Path, docx: Path | None = None) -> Pages | None:
    """Draw a document, measure its contents' page numbers, and write it as `pdf` (and, when given, the
    measured Word document as `docx`). The pages found ({} when poppler's pdfinfo is not installed: the PDF is
    then written without them); None when LibreOffice is not installed (nothing is written)."""
    if soffice() is None:
        return None
    with tempfile.TemporaryDirectory(prefix="protocol-pdf-") as tmp:
        work = Path(tmp) / "document.docx"
        pages = Pages(placeholder=PLACEHOLDER) if pdfinfo() else Pages()
        for _ in range(ROUNDS):
            draw(work, pages)
            made = docx_to_pdf(work, Path(tmp) / "document.pdf", destinations=True)
            if not pdfinfo():
                break
            found = bookmark_pages(made)
            if found == pages:
                break
            pages = Pages(found)
        pdf.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(made), pdf)
        if docx is not None:
            shutil.move(str(work), docx)
    return pages


def docx_to_pdf(docx: Path, pdf: Path, *, destinations: bool = False) -> Path | None:
    """Write `pdf` from `docx` as it is (bookmarks also as named destinations, when asked); None when
    LibreOffice (soffice) is not installed."""
    if soffice() is None:
        return None
    docx, pdf = Path(docx).resolve(), Path(pdf).resolve()
    with tempfile.TemporaryDirectory(prefix="lo-protocol-") as tmp:
        made = convert(docx, Path(tmp), _DESTINATIONS if destinations else "pdf", profile=Path(tmp) / "profile")
        if not made.is_file() or made.stat().st_size == 0:
            raise RuntimeError(f"LibreOffice did not convert {docx.name} to PDF")
        pdf.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(made), pdf)
    return pdf


def bookmark_pages(pdf: Path) -> Pages:
    """Each bookmark's page, from the PDF's named destinations (poppler writes '_' in a name as '5F', and
    bookmark names hold only letters, digits and '_')."""
    proc = subprocess.run([pdfinfo() or "pdfinfo", "-dests", str(pdf)], capture_output=True, text=True,
                          timeout=TIMEOUT)
    out = Pages()
    for line in proc.stdout.splitlines():
        match = _DEST_LINE.match(line)
        if match:
            out[match.group(2).replace("5F", "_")] = match.group(1)
    return out


def convert(source: Path, outdir: Path, target: str, *, profile: Path | None = None) -> Path:
    """`soffice --convert-to TARGET` in a throwaway profile; returns the file written."""
    program = soffice()
    if program is None:
        raise FileNotFoundError("LibreOffice (soffice) is not installed")
    with tempfile.TemporaryDirectory(prefix="lo-protocol-") as tmp:
        profile = profile or Path(tmp) / "profile"
        _run([program, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
              "--convert-to", target, "--outdir", str(outdir), str(source)])
    return Path(outdir) / (Path(source).stem + "." + target.split(":")[0])


def _run(cmd: list[str]) -> None:
    """Run LibreOffice in its own process group, so a hung instance can be stopped with all its children."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        proc.wait(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
