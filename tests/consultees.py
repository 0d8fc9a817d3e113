"""Consultees' copies made by real clients, for the tests of `protocol responses` (no binary fixtures).

- LibreOffice over UNO (`libreoffice_edits(jobs, tmp)`): one soffice process, in a throwaway profile, opens
  each copy of the draft's Word document, turns Track Changes on, makes the described edits as the job's
  author (the name LibreOffice records comes from its user profile, as a consultee's copy would), adds
  comments, and saves as .docx. LibreOffice 7.4 from Debian's no-GUI packages aborts when a comment is shown
  in a view (its comment window needs UI files those packages leave out), even a hidden one; so the copy is
  loaded as a document model with no view at all (com.sun.star.text.TextDocument + XLoadable.load), which
  takes every edit and comment the text API makes and saves as Word does.
- a reply: LibreOffice 7.4's API cannot make a comment the reply to another, so `thread_reply` writes what
  Word writes for a reply: the w14:paraId of each comment's paragraph and a w15:commentEx linking the reply
  to its parent in word/commentsExtended.xml (with its relationship and content type), using lxml.
- python-docx (`python_docx_comments`): comments through python-docx 1.2's comments API.
- `strip_comments`: the same copy with its comment marks taken out, for LibreOffice's Accept All, which needs
  a (hidden) view and so cannot open a document holding comments either. Comments do not change the text.

An edit (JSON) is one of: {"op": "insert", "after": words, "text": new}, {"op": "replace", "find": words,
"with": new}, {"op": "delete", "find": words}, {"op": "delete_paragraph", "find": words in it},
{"op": "add_paragraph", "after": words at the end of a paragraph, "text": new}, {"op": "comment",
"find": words, "author", "initials", "text", "date": "YYYY-MM-DDTHH:MM"}; "untracked": true makes it with
Track Changes off (an edit a consultee made without tracking). Words must occur in exactly one paragraph
(the table of contents is not counted).
"""
from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import uuid
import zipfile
from pathlib import Path

from lxml import etree

import clients
from libreoffice import UNO_CONNECT, UNO_END

UNO_SCRIPT = r'''
import json, subprocess, sys, time
import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.util import DateTime

def prop(name, value):
    p = PropertyValue(); p.Name = name; p.Value = value; return p

profile, pipe, soffice, spec_file = sys.argv[1:5]
jobs = json.load(open(spec_file, encoding="utf-8"))
proc = subprocess.Popen([soffice, "-env:UserInstallation=" + profile, "--headless", "--invisible", "--nologo",
                         "--norestore", "--nodefault", "--accept=pipe,name=%s;urp;" % pipe],
                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

def paragraph(doc, words):
    found = []
    en = doc.Text.createEnumeration()
    while en.hasMoreElements():
        par = en.nextElement()
        if par.supportsService("com.sun.star.text.Paragraph") and words in par.String \
                and not par.ParaStyleName.lower().startswith(("contents", "toc")):  # not the table of contents
            found.append(par)
    if len(found) != 1:
        raise SystemExit("%r is in %d paragraphs, not one" % (words, len(found)))
    return found[0]

def words_range(doc, words):
    par = paragraph(doc, words)
    c = doc.Text.createTextCursorByRange(par.Start)
    c.goRight(par.String.index(words), False)
    c.goRight(len(words), True)
    return c

def edit(doc, e):
    text = doc.Text
    op = e["op"]
    if op == "insert":
        c = words_range(doc, e["after"])
        c.collapseToEnd()
        text.insertString(c, e["text"], False)
    elif op == "replace":
        words_range(doc, e["find"]).setString(e["with"])
    elif op == "delete":
        words_range(doc, e["find"]).setString("")
    elif op == "delete_paragraph":
        par = paragraph(doc, e["find"])
        c = text.createTextCursorByRange(par.Start)
        c.gotoNextParagraph(True)
        c.setString("")
    elif op == "add_paragraph":
        par = paragraph(doc, e["after"])
        c = text.createTextCursorByRange(par.End)
        text.insertControlCharacter(c, 0, False)  # PARAGRAPH_BREAK
        text.insertString(c, e["text"], False)
    elif op == "comment":
        note = doc.createInstance("com.sun.star.text.textfield.Annotation")
        note.Author = e["author"]
        note.Initials = e.get("initials", "")
        note.Content = e["text"]
        stamp = DateTime()
        day, _, clock = e.get("date", "2024-05-20T10:00").partition("T")
        stamp.Year, stamp.Month, stamp.Day = (int(x) for x in day.split("-"))
        stamp.Hours, stamp.Minutes = (int(x) for x in (clock or "10:00").split(":")[:2])
        note.DateTimeValue = stamp
        text.insertTextContent(words_range(doc, e["find"]), note, True)
    else:
        raise SystemExit("unknown edit %r" % op)

try:
''' + UNO_CONNECT + r'''    config = smgr.createInstanceWithContext("com.sun.star.configuration.ConfigurationProvider", ctx)
    for job in jobs:
        given, _, family = job["author"].partition(" ")
        data = config.createInstanceWithArguments("com.sun.star.configuration.ConfigurationUpdateAccess",
                                                  (prop("nodepath", "/org.openoffice.UserProfile/Data"),))
        data.setPropertyValue("givenname", given)
        data.setPropertyValue("sn", family)
        data.commitChanges()
        doc = smgr.createInstanceWithContext("com.sun.star.text.TextDocument", ctx)  # a model, no view
        doc.load((prop("URL", uno.systemPathToFileUrl(job["src"])), prop("FilterName", "MS Word 2007 XML")))
        for e in job["edits"]:
            doc.RecordChanges = not e.get("untracked")
            edit(doc, e)
        doc.RecordChanges = True
        uno.invoke(doc, "storeToURL", (uno.systemPathToFileUrl(job["dst"]), uno.Any(
            "[]com.sun.star.beans.PropertyValue", (prop("FilterName", "MS Word 2007 XML"),))))
        doc.close(True)
''' + UNO_END


def libreoffice_edits(jobs: list[dict], tmp: Path) -> list[Path]:
    """Make each job's copy ({"src", "dst", "author", "edits": [...]}) with LibreOffice, in one process."""
    tmp.mkdir(parents=True, exist_ok=True)
    script = tmp / "lo_consultees.py"
    script.write_text(UNO_SCRIPT, encoding="utf-8")
    spec = tmp / f"lo_consultees_{uuid.uuid4().hex[:8]}.json"
    spec.write_text(json.dumps([{**j, "src": str(j["src"]), "dst": str(j["dst"])} for j in jobs]), encoding="utf-8")
    profile = f"file:///tmp/lo-{uuid.uuid4().hex}"
    try:
        proc = subprocess.run([clients.UNO_PYTHON, str(script), profile, f"pipe{uuid.uuid4().hex[:12]}",
                               clients.require(clients.soffice(), "LibreOffice"), str(spec)],
                              timeout=600, capture_output=True, text=True)
    finally:
        shutil.rmtree(profile[len("file://"):], ignore_errors=True)
    if proc.returncode != 0:
        raise AssertionError(f"LibreOffice could not make the copies: {proc.stderr[-2000:]}")
    paths = [Path(j["dst"]) for j in jobs]
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        raise AssertionError(f"LibreOffice did not write {missing}")
    return paths


# ---------------------------------------------------------------- replies and comments, as Word writes them

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
EXTENDED_REL = "http://schemas.microsoft.com/office/2011/relationships/commentsExtended"
EXTENDED_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml"
NS = {"w": W, "w14": W14, "w15": W15}


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {name: z.read(name) for name in z.namelist()}


def _write(path: Path, parts: dict[str, bytes]) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    path.write_bytes(out.getvalue())


def thread_reply(path: Path, parent_text: str, reply_text: str) -> None:
    """Make the comment whose text is `reply_text` a reply to the one whose text is `parent_text`."""
    parts = _parts(path)
    comments = etree.fromstring(parts["word/comments.xml"])
    para_of = {}
    for n, comment in enumerate(comments.iter(f"{{{W}}}comment")):
        last = comment.findall(f"{{{W}}}p")[-1]
        if not last.get(f"{{{W14}}}paraId"):
            last.set(f"{{{W14}}}paraId", f"{0x1A2B3C00 + n:08X}")
        text = "".join(t.text or "" for t in comment.iter(f"{{{W}}}t"))
        para_of[text] = last.get(f"{{{W14}}}paraId")
    extended = etree.fromstring(parts["word/commentsExtended.xml"]) if "word/commentsExtended.xml" in parts else \
        etree.Element(f"{{{W15}}}commentsEx", nsmap={"w15": W15})
    known = {ex.get(f"{{{W15}}}paraId"): ex for ex in extended}
    for pid in para_of.values():
        if pid not in known:
            known[pid] = etree.SubElement(extended, f"{{{W15}}}commentEx")
            known[pid].set(f"{{{W15}}}paraId", pid)
            known[pid].set(f"{{{W15}}}done", "0")
    known[para_of[reply_text]].set(f"{{{W15}}}paraIdParent", para_of[parent_text])
    parts["word/comments.xml"] = etree.tostring(comments, xml_declaration=True, encoding="UTF-8", standalone=True)
    parts["word/commentsExtended.xml"] = etree.tostring(extended, xml_declaration=True, encoding="UTF-8",
                                                        standalone=True)
    _link_part(parts, "commentsExtended.xml", EXTENDED_REL, EXTENDED_TYPE)
    _write(path, parts)


def _link_part(parts: dict[str, bytes], name: str, rel: str, content_type: str) -> None:
    rels = parts["word/_rels/document.xml.rels"].decode("utf-8")
    if name not in rels:
        rels = rels.replace("</Relationships>", f'<Relationship Id="rIdReply1" Type="{rel}" Target="{name}"/>'
                                                "</Relationships>")
        parts["word/_rels/document.xml.rels"] = rels.encode("utf-8")
    types = parts["[Content_Types].xml"].decode("utf-8")
    if f"/word/{name}" not in types:
        types = types.replace("</Types>", f'<Override PartName="/word/{name}" ContentType="{content_type}"/></Types>')
        parts["[Content_Types].xml"] = types.encode("utf-8")


def python_docx_comments(src: Path, dst: Path, comments: list[dict]) -> Path:
    """Comments added with python-docx 1.2's API: each {"find": words of one paragraph, "text", "author",
    "initials"} is anchored on that paragraph's runs."""
    import docx

    document = docx.Document(str(src))
    for c in comments:
        found = [p for p in document.paragraphs if c["find"] in p.text]
        assert len(found) == 1, (c["find"], len(found))
        runs = found[0].runs
        document.add_comment(runs, text=c["text"], author=c["author"], initials=c.get("initials", ""))
    document.save(str(dst))
    return dst


def strip_comments(src: Path, dst: Path) -> Path:
    """The copy with its comment marks taken out (the comments part stays, unreferenced)."""
    parts = _parts(src)
    body = etree.fromstring(parts["word/document.xml"])
    for tag in ("commentRangeStart", "commentRangeEnd", "commentReference"):
        for node in list(body.iter(f"{{{W}}}{tag}")):
            parent = node.getparent()
            parent.remove(node)
            if parent.tag == f"{{{W}}}r" and not [c for c in parent if c.tag != f"{{{W}}}rPr"]:
                parent.getparent().remove(parent)
    parts["word/document.xml"] = etree.tostring(body, xml_declaration=True, encoding="UTF-8", standalone=True)
    _write(dst, parts)
    return dst


def lines(text: str) -> list[str]:
    """LibreOffice's text export as paragraphs: list numbers taken off, white space folded, empty lines dropped."""
    marker = re.compile(r"^\s*(?:\d+(?:\.\d+)*|\([a-z]+\)|•)\s+")
    out = []
    for line in text.splitlines():
        words = " ".join(marker.sub("", line).split())
        if words:
            out.append(words)
    return out
