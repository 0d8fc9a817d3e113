"""LibreOffice as an oracle: open a document through UNO, accept or reject every tracked change, export text or PDF.

One LibreOffice process in a throwaway profile runs all the jobs (each a mode, a source and a destination):
- "plain", "accept", "reject": the document's text export (list numbers included), after accepting or
  rejecting every tracked change (.uno:AcceptAllTrackedChanges / .uno:RejectAllTrackedChanges) for the last two;
- "pdf", "pdfaccept", "pdfreject": the same as PDF (unresolved, accepted, rejected).
The driver runs under Debian's /usr/bin/python3, which has the uno module (tests/clients.py).
"""
from __future__ import annotations

import shutil
import subprocess
import uuid
from pathlib import Path

import clients

# The start of every UNO driver's `try:` block: connect to the soffice it started (`proc`, on `pipe`), waiting
# up to two minutes, and stop if it exits; leaves `ctx` and `smgr`. Shared by tests/word_makers.py and
# tests/consultees.py.
UNO_CONNECT = r'''
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    ctx = None
    for _ in range(1200):
        try:
            ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
            break
        except Exception:
            if proc.poll() is not None:
                sys.exit("soffice exited early")
            time.sleep(0.1)
    smgr = ctx.ServiceManager
'''.lstrip("\n")

# The end of every UNO driver: ask LibreOffice to quit (the desktop is one per process), then wait for soffice,
# killing it after a minute. Shared likewise.
UNO_END = r'''
    try:
        smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx).terminate()
    except Exception:
        pass
finally:
    try:
        proc.wait(60)
    except subprocess.TimeoutExpired:
        proc.kill()
'''.lstrip("\n")

SCRIPT = r'''
import subprocess, sys, time
import uno
from com.sun.star.beans import PropertyValue

def prop(name, value):
    p = PropertyValue(); p.Name = name; p.Value = value; return p

profile, pipe, soffice, jobs = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
proc = subprocess.Popen([soffice, "-env:UserInstallation=" + profile, "--headless", "--invisible", "--nologo",
                         "--norestore", "--nodefault", "--accept=pipe,name=%s;urp;" % pipe],
                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
try:
''' + UNO_CONNECT + r'''    desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    dispatcher = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
    for job in jobs:
        mode, src, dst = job.split("|")
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(src), "_blank", 0, (prop("Hidden", True),))
        frame = doc.getCurrentController().getFrame()
        if mode.endswith("accept"):
            dispatcher.executeDispatch(frame, ".uno:AcceptAllTrackedChanges", "", 0, ())
        elif mode.endswith("reject"):
            dispatcher.executeDispatch(frame, ".uno:RejectAllTrackedChanges", "", 0, ())
        if mode.startswith("pdf"):
            doc.storeToURL(uno.systemPathToFileUrl(dst), (prop("FilterName", "writer_pdf_Export"),))
        else:
            doc.storeToURL(uno.systemPathToFileUrl(dst), (prop("FilterName", "Text (encoded)"),
                                                         prop("FilterOptions", "UTF8,LF,,,")))
        doc.close(True)
''' + UNO_END


def run_jobs(tmp: Path, jobs: list[tuple[str, Path]]) -> list[Path]:
    """Run (mode, document) jobs in one LibreOffice; the files written, in order (.txt or .pdf)."""
    tmp.mkdir(parents=True, exist_ok=True)
    script = tmp / "lo_jobs.py"
    script.write_text(SCRIPT)
    profile = f"file:///tmp/lo-{uuid.uuid4().hex}"
    outs = [tmp / f"lo-{uuid.uuid4().hex[:8]}-{i}.{'pdf' if mode.startswith('pdf') else 'txt'}"
            for i, (mode, _) in enumerate(jobs)]
    args = [f"{mode}|{Path(src).resolve()}|{dst.resolve()}" for (mode, src), dst in zip(jobs, outs)]
    try:
        subprocess.run([clients.UNO_PYTHON, str(script), profile, f"pipe{uuid.uuid4().hex[:12]}",
                        clients.require(clients.soffice(), "LibreOffice"), *args], check=True,
                       timeout=300 + 60 * len(jobs), capture_output=True)
    finally:
        shutil.rmtree(profile[len("file://"):], ignore_errors=True)
    missing = [str(p) for p in outs if not p.is_file()]
    assert not missing, f"LibreOffice wrote nothing for {missing}"
    return outs


def texts(tmp: Path, jobs: list[tuple[str, Path]]) -> list[list[str]]:
    """Each text job's export as lines (right-stripped, the byte-order mark dropped)."""
    return [[line.rstrip() for line in path.read_text(encoding="utf-8-sig").splitlines()]
            for path in run_jobs(tmp, jobs)]


def pdf_text(pdf: Path) -> str:
    return subprocess.run([clients.require(clients.pdftotext(), "pdftotext"), "-layout", str(pdf), "-"],
                          capture_output=True, text=True, check=True, timeout=120).stdout


# ---------------------------------------------------------------- the numbers LibreOffice shows, unresolved

import re as _re

# a list label at the start of a line of pdftotext -layout: "1.2", "(b)", "3", with LibreOffice's "[old]" after it
_LABEL = _re.compile(r"^(?P<ind>\s*)(?P<lab>(?:\d+(?:\.\d+)?|\([a-z]+\))?(?:\[(?:\d+(?:\.\d+)?|\([a-z]+\))\])?)\s+\S")


def pdf_labels(text: str, first_title: str) -> list[str]:
    """The list labels LibreOffice printed, in order, from the first section (its title `first_title`, the
    document's first body line) to the glossary: section and paragraph numbers at the margin, sub-item letters
    anywhere at the start of a line."""
    out, started = [], False
    first = _re.compile(rf"^[\d\[\]]+\s+{_re.escape(first_title[:20])}")
    for line in text.splitlines():
        if not started:
            started = bool(first.match(line)) and "...." not in line
            if not started:
                continue
        if line.strip() == "Glossary":
            break
        match = _LABEL.match(line)
        if match and match.group("lab"):
            label = match.group("lab")
            if label.lstrip("[").startswith("(") or not match.group("ind"):
                out.append(label)
    return out


NUMBERED = ("section", "para", "item")


def expected_labels(view, marks: list[str] | None = None) -> list[str]:
    """The label LibreOffice's unresolved view should print for each numbered line of a merged view: the
    number as if every change were accepted, then in brackets the number as if every change were rejected,
    when the two differ ("2.3[2.4]"; "[2.4]" for a line gone on accepting, "2.5" for one that is new).

    Given `marks` (each body line's paragraph-mark revision as written: paragraph_marks), the labels LibreOffice
    7.4 prints instead, by the rules it follows when it reads a redline (docs/libreoffice.md), which the markup
    avoids wherever it can. A paragraph whose start lies inside an insertion (straight after an inserted or
    moved-to paragraph mark) is counted "as accepted" and not "as rejected" (R3); any other is counted "as
    rejected", and "as accepted" unless it holds a deleted run (R1) or follows a deleted or moved-from
    paragraph mark (R2). A level with no counted parent counts a placeholder parent first."""
    from builder.write.docx.revisions import effect_of

    new_count, old_count = _Count(), _Count()
    out, after_merge, previous = [], False, ""
    for k, line in enumerate(view.body):
        mark = effect_of(marks[k]) if marks is not None else ""
        if line.kind == "table" and line.rows and marks is not None:
            # an inserted last row and inserted words at the start of the next paragraph are one insertion,
            # which the next paragraph's start then lies inside
            mark = "table-ins" if effect_of(line.rows[-1].mark or line.mark) == "ins" else ""
        if previous == "table-ins":
            starts = next((r for r in line.runs if r.text), None)
            previous = "ins" if effect_of(line.mark) == "ins" or (starts is not None and starts.mark == "ins") else ""
        if line.kind not in NUMBERED:
            previous, after_merge = mark, False
            continue
        level = NUMBERED.index(line.kind)
        effect = effect_of(line.mark)
        in_new = effect != "del" and not after_merge
        in_old = effect != "ins" and (bool(line.old_number) or effect == "del")
        if marks is not None:
            holds_deleted = any(effect_of(line.mark or r.mark) == "del" for r in line.runs if r.text)
            in_new = previous == "ins" or (previous != "del" and not holds_deleted)
            in_old = previous != "ins"
        new = new_count.add(level) if in_new else ""
        old = old_count.add(level) if in_old else ""
        out.append(new if new == old or not old else f"{new}[{old}]" if new else f"[{old}]")
        after_merge, previous = line.end == "del", mark
    return out


def paragraph_marks(docx: Path, view) -> list[str]:
    """The revision on the paragraph mark of each body line of `view` as `docx` writes it ("", "ins", "del",
    "move-to", "move-from"): the paragraphs (and tables, "") after the contents, one per line."""
    import zipfile

    from lxml import etree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(docx) as z:
        body = etree.fromstring(z.read("word/document.xml")).find(f"{w}body")
    blocks = [e for e in body if e.tag in (f"{w}p", f"{w}tbl")]  # a table line is a w:tbl (no paragraph mark)
    styles = [(p.find(f"{w}pPr/{w}pStyle").get(f"{w}val") if p.find(f"{w}pPr/{w}pStyle") is not None else "")
              for p in blocks]
    first = max(i for i, s in enumerate(styles) if s.startswith("TOC")) + 1
    tags = {f"{w}ins": "ins", f"{w}del": "del", f"{w}moveTo": "move-to", f"{w}moveFrom": "move-from"}
    out = []
    for p in blocks[first:first + len(view.body)]:
        rpr = p.find(f"{w}pPr/{w}rPr")
        out.append(next((tags[c.tag] for c in rpr if c.tag in tags), "") if rpr is not None else "")
    return out


class _Count:
    """A three-level list count ("1", "1.2", "(b)") as LibreOffice keeps it: a level with no counted parent
    counts a placeholder parent first."""

    def __init__(self) -> None:
        self.numbers, self.open = [0, 0, 0], [False, False, False]

    def add(self, level: int) -> str:
        for parent in range(level):
            if not self.open[parent]:
                self._step(parent)
        self._step(level)
        n = self.numbers
        return (f"{n[0]}", f"{n[0]}.{n[1]}", f"({chr(ord('a') + n[2] - 1)})")[level]

    def _step(self, level: int) -> None:
        self.numbers[level] += 1
        self.open[level] = True
        for below in range(level + 1, 3):
            self.numbers[below], self.open[below] = 0, False
