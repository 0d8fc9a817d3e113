"""The Word document as PDF, through LibreOffice in a throwaway profile.

LibreOffice shows a Word TOC field's stored result, so before exporting it
updates the indexes (the contents get their page numbers) with a small Basic
macro placed in the throwaway profile. If the macro route fails, a plain
--convert-to pdf is tried. Returns None when LibreOffice is not installed.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

TIMEOUT = 240  # seconds: a large document on a slow machine

_LIB_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
_NS = 'xmlns:library="http://openoffice.org/2000/library"'
_MACRO = """Sub ToPdf(sIn As String, sOut As String)
  Dim aLoad(0) As New com.sun.star.beans.PropertyValue
  aLoad(0).Name = "Hidden"
  aLoad(0).Value = True
  oDoc = StarDesktop.loadComponentFromURL(ConvertToURL(sIn), "_blank", 0, aLoad())
  oIndexes = oDoc.getDocumentIndexes()
  For i = 0 To oIndexes.getCount() - 1
    oIndexes.getByIndex(i).update()
  Next i
  oDoc.getTextFields().refresh()
  For i = 0 To oIndexes.getCount() - 1
    oIndexes.getByIndex(i).update()
  Next i
  Dim aStore(0) As New com.sun.star.beans.PropertyValue
  aStore(0).Name = "FilterName"
  aStore(0).Value = "writer_pdf_Export"
  oDoc.storeToURL(ConvertToURL(sOut), aStore())
  oDoc.close(True)
  StarDesktop.terminate()
End Sub
"""


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(docx: Path, pdf: Path) -> Path | None:
    """Write `pdf` from `docx`; None when LibreOffice (soffice) is not installed."""
    program = soffice()
    if program is None:
        return None
    docx, pdf = Path(docx).resolve(), Path(pdf).resolve()
    with tempfile.TemporaryDirectory(prefix="lo-protocol-") as tmp:
        profile = Path(tmp) / "profile"
        _run([program, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
              "--terminate_after_init"])  # first start creates the profile (and its Basic folder)
        _install_macro(profile)
        work = Path(tmp) / "out.pdf"
        macro = f'macro:///Standard.Module1.ToPdf("{docx}","{work}")'
        _run([program, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore", "--nologo",
              "--nodefault", macro])
        if not work.is_file() or work.stat().st_size == 0:
            convert(docx, Path(tmp), "pdf", profile=Path(tmp) / "plain-profile")
            work = Path(tmp) / (docx.stem + ".pdf")
        if not work.is_file():
            raise RuntimeError(f"LibreOffice did not convert {docx.name} to PDF")
        pdf.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(work), pdf)
    return pdf


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


def _install_macro(profile: Path) -> None:
    """Replace the profile's user Basic library 'Standard' by one holding the ToPdf macro.

Macros in the user's own library run whatever the macro security level.
"""
    basic = profile / "user" / "basic"
    std = basic / "Standard"
    std.mkdir(parents=True, exist_ok=True)
    for kind in ("script", "dialog"):
        (basic / f"{kind}.xlc").write_text(
            f'{_LIB_HEAD}<library:libraries {_NS} xmlns:xlink="http://www.w3.org/1999/xlink">'
            f'<library:library library:name="Standard" xlink:href="$(USER)/basic/Standard/{kind}.xlb/" '
            'xlink:type="simple" library:link="false"/></library:libraries>\n', encoding="utf-8")
    (std / "script.xlb").write_text(
        f'{_LIB_HEAD}<library:library {_NS} library:name="Standard" library:readonly="false" '
        'library:passwordprotected="false"><library:element library:name="Module1"/></library:library>\n',
        encoding="utf-8")
    (std / "dialog.xlb").write_text(
        f'{_LIB_HEAD}<library:library {_NS} library:name="Standard" library:readonly="false" '
        'library:passwordprotected="false"/>\n', encoding="utf-8")
    body = _MACRO.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    (std / "Module1.xba").write_text(
        f'{_LIB_HEAD}<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" '
        f'script:language="StarBasic">{body}</script:module>\n', encoding="utf-8")
