"""Word documents made by other tools, for the import's tests: generators, not binary fixtures.

- LibreOffice over UNO (`libreoffice(jobs, tmp)`): one soffice process, in a throwaway profile, writes
  every document a test asks for from a plain description: paragraphs with a style, bold, a list level
  in LibreOffice's own numbering rules ("1", "1.1", "(a)"), tables, footnotes, comments, tracked changes;
  saved as .docx, as an old .doc, or as a password-protected .docx.
- LibreOffice's converter (`libreoffice_resave(path, out)`): a .docx opened and saved again, as a reviewer's
  copy comes back (LibreOffice writes its own name as the Application, and its own styles and field markup).
- pandoc (`pandoc_docx(markdown, path)`): Markdown to .docx, which makes real Word list numbering
  (w:numPr, restarted with startOverride) and Heading styles.

The descriptions are JSON: {"path", "format": "docx" | "doc", "password", "properties": {title, company,
...}, "record_changes": bool, "chapters": bool (Heading 1 numbered by LibreOffice's
chapter numbering, which Word reads as numbering on the heading style), "blocks": [{"text", "style", "bold",
"list": level, "restart": bool,
"footnote", "comment", "insert", "delete"} | {"table": [[cell, ...], ...]}]}.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import uuid
from pathlib import Path

import clients
from libreoffice import UNO_CONNECT, UNO_END

UNO_SCRIPT = r'''
import json, subprocess, sys, time
import uno
from com.sun.star.beans import PropertyValue

def prop(name, value):
    p = PropertyValue(); p.Name = name; p.Value = value; return p

profile, pipe, soffice, spec_file = sys.argv[1:5]
jobs = json.load(open(spec_file, encoding="utf-8"))
proc = subprocess.Popen([soffice, "-env:UserInstallation=" + profile, "--headless", "--invisible", "--nologo",
                         "--norestore", "--nodefault", "--accept=pipe,name=%s;urp;" % pipe],
                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

def levels(doc):
    """LibreOffice's own list numbering: 1 / 1.1 / (a), each level restarting under the one above."""
    rules = doc.createInstance("com.sun.star.text.NumberingRules")
    # (NumberingType, Prefix, Suffix, ParentNumbering, ListFormat): ARABIC, ARABIC, CHARS_LOWER_LETTER
    shapes = [(4, "", "", 1, "%1%"), (4, "", "", 2, "%1%.%2%"), (1, "(", ")", 1, "(%3%)")]
    for level, (kind, prefix, suffix, parents, shown) in enumerate(shapes):
        props = list(rules.getByIndex(level))
        wanted = {"NumberingType": kind, "Prefix": prefix, "Suffix": suffix, "ParentNumbering": parents,
                  "ListFormat": shown, "StartWith": 1}
        for p in props:
            if p.Name in wanted:
                p.Value = wanted.pop(p.Name)
        props += [prop(name, value) for name, value in wanted.items()]
        uno.invoke(rules, "replaceByIndex", (level, uno.Any("[]com.sun.star.beans.PropertyValue", tuple(props))))
    return rules

def build(desktop, job):
    doc = desktop.loadComponentFromURL("private:factory/swriter", "_blank", 0, (prop("Hidden", True),))
    text = doc.Text
    props = doc.DocumentProperties
    for key, value in job.get("properties", {}).items():
        if key == "title": props.Title = value
        elif key == "subject": props.Subject = value
    rules = levels(doc)
    if job.get("chapters"):  # heading numbering: Heading 1 numbered 1, 2 … through the chapter rules
        chapters = doc.ChapterNumberingRules
        props = list(chapters.getByIndex(0))
        wanted = {"NumberingType": 4, "ListFormat": "%1%", "Suffix": "", "StartWith": 1}
        for p in props:
            if p.Name in wanted:
                p.Value = wanted.pop(p.Name)
        props += [prop(name, value) for name, value in wanted.items()]
        uno.invoke(chapters, "replaceByIndex", (0, uno.Any("[]com.sun.star.beans.PropertyValue", tuple(props))))
    cursor = text.createTextCursor()
    first = True
    for block in job["blocks"]:
        if "table" in block:
            rows = block["table"]
            table = doc.createInstance("com.sun.star.text.TextTable")
            table.initialize(len(rows), len(rows[0]))
            text.insertTextContent(cursor, table, False)
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    table.getCellByPosition(c, r).setString(value)
            cursor.gotoEnd(False)
            first = True  # the paragraph LibreOffice keeps after a table takes the next block
            continue
        if not first:
            text.insertControlCharacter(cursor, 0, False)   # PARAGRAPH_BREAK
        first = False
        cursor.setPropertyValue("ParaStyleName", block.get("style", "Default Paragraph Style"))
        if "list" in block:
            cursor.setPropertyValue("NumberingRules", rules)
            cursor.setPropertyValue("NumberingLevel", block["list"])
            cursor.setPropertyValue("ParaIsNumberingRestart", bool(block.get("restart")))
        elif not (job.get("chapters") and block.get("style", "").startswith("Heading")):
            cursor.setPropertyValue("NumberingStyleName", "")  # no list (a chapter heading keeps its style's)
        cursor.setPropertyValue("CharWeight", 150.0 if block.get("bold") else 100.0)
        text.insertString(cursor, block.get("text", ""), False)
        if block.get("footnote"):
            note = doc.createInstance("com.sun.star.text.Footnote")
            text.insertTextContent(cursor, note, False)
            note.setString(block["footnote"])

    for block in job["blocks"]:  # comments once the text is all there (see docs on LibreOffice 7.4 crashes)
        if block.get("comment"):
            found = doc.createSearchDescriptor()
            found.SearchString = block["text"]
            hit = doc.findFirst(found)
            annotation = doc.createInstance("com.sun.star.text.textfield.Annotation")
            annotation.Author = block["comment"][0]
            annotation.Content = block["comment"][1]
            doc.Text.insertTextContent(hit, annotation, True)
    if job.get("record_changes"):
        doc.RecordChanges = True
        for block in job["blocks"]:
            for kind in ("insert", "delete"):
                if block.get(kind):
                    found = doc.createSearchDescriptor()
                    found.SearchString = block[kind][0]
                    hit = doc.findFirst(found)
                    if hit is not None:
                        hit.setString(block[kind][1] if kind == "insert" else "")
    return doc

try:
''' + UNO_CONNECT + r'''    desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    config = smgr.createInstanceWithContext("com.sun.star.configuration.ConfigurationProvider", ctx)
    for job in jobs:
        if job.get("author"):  # the name LibreOffice records on tracked changes
            given, _, family = job["author"].partition(" ")
            profile_data = config.createInstanceWithArguments(
                "com.sun.star.configuration.ConfigurationUpdateAccess",
                (prop("nodepath", "/org.openoffice.UserProfile/Data"),))
            profile_data.setPropertyValue("givenname", given)
            profile_data.setPropertyValue("sn", family)
            profile_data.commitChanges()
        doc = build(desktop, job)
        filters = {"docx": "MS Word 2007 XML", "doc": "MS Word 97"}
        args = [prop("FilterName", filters[job.get("format", "docx")])]
        uno.invoke(doc, "storeToURL", (uno.systemPathToFileUrl(job["path"]),
                                       uno.Any("[]com.sun.star.beans.PropertyValue", tuple(args))))
        doc.close(True)
''' + UNO_END


def libreoffice(jobs: list[dict], tmp: Path) -> list[Path]:
    """Write every described document with LibreOffice (one process); return their paths."""
    tmp.mkdir(parents=True, exist_ok=True)
    script = tmp / "lo_make.py"
    script.write_text(UNO_SCRIPT, encoding="utf-8")
    spec = tmp / "lo_jobs.json"
    spec.write_text(json.dumps(jobs), encoding="utf-8")
    profile = f"file:///tmp/lo-{uuid.uuid4().hex}"
    try:
        subprocess.run([clients.UNO_PYTHON, str(script), profile, f"pipe{uuid.uuid4().hex[:12]}",
                        clients.require(clients.soffice(), "LibreOffice"), str(spec)],
                       check=True, timeout=300, capture_output=True)
    finally:
        shutil.rmtree(profile[len("file://"):], ignore_errors=True)
    paths = [Path(job["path"]) for job in jobs]
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        raise AssertionError(f"LibreOffice did not write {missing}")
    return paths


def pandoc_docx(markdown: str, path: Path, *args: str) -> Path:
    source = path.with_suffix(".md")
    source.write_text(markdown, encoding="utf-8")
    subprocess.run([clients.require(clients.pandoc(), "pandoc"), str(source), "-o", str(path), *args],
                   check=True, timeout=300, capture_output=True)
    return path


def _convert(paths: list[Path], target: str, out: Path) -> None:
    """`soffice --convert-to TARGET` of every path into `out`: one run, in a throwaway profile."""
    profile = Path(f"/tmp/lo-{uuid.uuid4().hex}")
    try:
        subprocess.run([clients.require(clients.soffice(), "LibreOffice"), f"-env:UserInstallation=file://{profile}",
                        "--headless", "--convert-to", target, "--outdir", str(out), *map(str, paths)],
                       check=True, timeout=300, capture_output=True)
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def libreoffice_text(paths: list[Path], tmp: Path) -> dict[Path, list[str]]:
    """Each document as LibreOffice's plain-text export shows it (list numbers included), one line per paragraph,
    stripped and without empty lines; one soffice run, in a throwaway profile."""
    out = tmp / f"txt-{uuid.uuid4().hex[:8]}"
    out.mkdir(parents=True)
    _convert(paths, "txt:Text (encoded):UTF8", out)
    texts = {}
    for path in paths:
        lines = (out / (path.stem + ".txt")).read_text(encoding="utf-8-sig").splitlines()
        texts[path] = [" ".join(line.split()) for line in lines if line.strip()]
    return texts


def libreoffice_resave(path: Path, out: Path) -> Path:
    """The .docx opened and saved again as .docx by LibreOffice (in a throwaway profile): what a reviewer who
    edits the document in LibreOffice sends back."""
    out.mkdir(parents=True, exist_ok=True)
    _convert([path], "docx:MS Word 2007 XML", out)
    saved = out / path.name
    if not saved.is_file():
        raise AssertionError(f"LibreOffice did not write {saved}")
    return saved


def pandoc_text(path: Path) -> list[str]:
    """pandoc's plain-text reading of a .docx (pandoc writes Word list numbers as 1., a. …), one line per
    paragraph."""
    proc = subprocess.run([clients.require(clients.pandoc(), "pandoc"), str(path), "-t", "plain", "--wrap=none"],
                          check=True, timeout=300, capture_output=True, text=True)
    return [" ".join(line.split()) for line in proc.stdout.splitlines() if line.strip()]
