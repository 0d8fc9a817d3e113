"""An untrusted .docx opened safely: a zip of bounded size, only its text parts read, no DTD in any of them.

What a .docx from elsewhere may be, and what happens:
- not a zip at all, an old binary .doc, or a password-protected file (an OLE compound file holding an
  encrypted package): refused with what it is and what to do;
- a zip bomb (parts that unpack to far more than they hold): refused from the sizes the archive declares,
  and every part is read through a bounded read, so a size that lies is caught too; nothing is unpacked
  to disk;
- a part declaring a DTD (the door to external entities and entity expansion): refused; no parser here
  resolves entities, loads a DTD or touches the network in any case;
- macros (vbaProject.bin), embedded objects, images and every other part: never read, only listed, so
  that the import can report them. The package handed on holds the vetted text parts alone.
Names inside the archive are only ever looked up, never used as file names. A refusal names the command that
was reading the file (`protocol import`, `protocol responses`).
"""
from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass, field

from lxml import etree

from ..errors import UsageError

MAX_FILE = 100 * 2**20  # the .docx itself
MAX_ENTRIES = 10_000
MAX_PART = 64 * 2**20  # one part, unpacked (a Constitution-size document.xml is about 5 MB)
MAX_TOTAL = 256 * 2**20  # every part the archive declares, unpacked
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

NS_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
NS_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
OFFICE_DOCUMENT = R + "officeDocument"
CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
EXTENDED = R + "extended-properties"
# the parts of the main document the reader uses, by relationship type (the rest is never read)
TEXT_PARTS = {R + "styles": "styles", R + "numbering": "numbering", R + "footnotes": "footnotes",
              R + "endnotes": "endnotes", R + "comments": "comments",
              "http://schemas.microsoft.com/office/2011/relationships/commentsExtended": "commentsExtended"}
MAIN_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
MAIN_TYPES = {  # what the main part may be; a macro-enabled document or a template is read as a document
    MAIN_TYPE: "",
    "application/vnd.ms-word.document.macroEnabled.main+xml": "a macro-enabled document (.docm)",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml": "a template (.dotx)",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml": "a macro-enabled template (.dotm)",
}
# No entities resolved, no DTD loaded, no network, no huge trees: the parser for every part read here.
PARSER = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False,
                         dtd_validation=False)
# The main part's parser: the same defences, and white space between elements dropped as python-docx's parser
# drops it (remove_blank_text), so the body reads as it did when python-docx parsed it.
BODY_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False, load_dtd=False, no_network=True,
                              huge_tree=False, dtd_validation=False)
# What python-docx is given for the main part: it reads the core properties and the links' addresses only (the
# body is parsed with BODY_PARSER from Package.parts, as plain lxml elements: faster to walk than python-docx's).
STUB_MAIN = b'<document xmlns="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'


class Refused(UsageError):
    """The file cannot be read (exit 2): what it is, and what to do instead."""


@dataclass
class Package:
    """The vetted parts of a .docx: the main document's text parts as XML bytes, and what was left unread."""

    name: str  # the file's name, for messages
    main: str  # the main document part's name, e.g. word/document.xml
    parts: dict[str, bytes]  # vetted XML parts by role: document, styles, numbering, ..., core, app
    docx: bytes  # a minimal package for python-docx: the core properties, the links, a stub main part
    unread: list[str] = field(default_factory=list)  # notes on what is in the file but never read


def open_package(data: bytes, name: str, command: str = "import") -> Package:
    """Vet the bytes of a .docx and return its text parts; Refused when `protocol <command>` cannot read it
    safely (the messages name the command)."""
    if len(data) > MAX_FILE:
        raise Refused(f"{name} is {len(data) // 2**20} MB; a .docx larger than {MAX_FILE // 2**20} MB is not "
                      f"read by `protocol {command}`.\n    hint: save a copy without its images and try again.")
    _not_other_format(data, name, command)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise Refused(f"{name} is not a Word .docx file (it is not a zip package: {exc}).\n"
                      "    hint: open it in Word or LibreOffice and save it as a Word document (.docx).") from None
    entries = _vet_entries(infos, name, command)
    reader = _Reader(archive, entries, name)
    main = _main_part(reader, name)
    content_type = _content_type(reader, main, name, command)
    parts, links = _text_parts(reader, main)
    parts["document"] = reader.read(main)
    package = Package(name, main, parts, b"", _unread(entries, content_type, set(reader.done)))
    package.docx = _minimal(reader, main, links)
    return package


def _not_other_format(data: bytes, name: str, command: str) -> None:
    head = data[:8]
    if head == OLE_MAGIC:
        if "EncryptedPackage".encode("utf-16-le") in data or "EncryptionInfo".encode("utf-16-le") in data:
            raise Refused(f"{name} is password-protected (encrypted): it cannot be read without the password.\n"
                          "    hint: open it in Word, remove the password (File > Info > Protect Document), "
                          f"save it and give that copy to `protocol {command}`.")
        if "WordDocument".encode("utf-16-le") in data:
            raise Refused(f"{name} is an old Word 97-2003 document (.doc), not a .docx.\n"
                          "    hint: open it in Word or LibreOffice and save it as a Word document (.docx).")
        raise Refused(f"{name} is an OLE compound file (an old Office format), not a .docx.\n"
                      "    hint: open it in Word or LibreOffice and save it as a Word document (.docx).")
    if head.startswith(b"{\\rtf"):
        raise Refused(f"{name} is a Rich Text Format (.rtf) file, not a .docx.\n"
                      "    hint: open it in Word or LibreOffice and save it as a Word document (.docx).")
    if head.startswith(b"%PDF"):
        raise Refused(f"{name} is a PDF, not a .docx.\n    hint: give `protocol {command}` the Word document the PDF "
                      "was made from.")


def _vet_entries(infos, name: str, command: str) -> dict[str, zipfile.ZipInfo]:
    if len(infos) > MAX_ENTRIES:
        raise Refused(f"{name} holds {len(infos)} parts; a .docx with more than {MAX_ENTRIES} is not read by "
                      f"`protocol {command}`.")
    entries: dict[str, zipfile.ZipInfo] = {}
    total = 0
    for info in infos:
        if info.filename.endswith("/"):
            continue
        key = info.filename.lower()
        if key in entries:
            raise Refused(f"{name} holds two parts named {info.filename!r}: it is damaged or made to mislead.")
        if info.flag_bits & 0x1:
            raise Refused(f"{name} has encrypted parts: it cannot be read.\n"
                          "    hint: save it from Word or LibreOffice without a password.")
        total += info.file_size
        if info.file_size > MAX_PART and not _is_media(key):
            raise Refused(f"{name}: the part {info.filename!r} unpacks to {info.file_size // 2**20} MB "
                          f"(at most {MAX_PART // 2**20} MB): refused, not unpacked (it looks like a zip bomb).")
        entries[key] = info
    if total > MAX_TOTAL:
        raise Refused(f"{name} unpacks to {total // 2**20} MB (at most {MAX_TOTAL // 2**20} MB): refused, "
                      "not unpacked (it looks like a zip bomb).")
    return entries


def _is_media(key: str) -> bool:
    return key.startswith("word/media/") or key.startswith("word/embeddings/")


class _Reader:
    """Reads parts by name through a bounded read; records which were read."""

    def __init__(self, archive: zipfile.ZipFile, entries: dict[str, zipfile.ZipInfo], name: str):
        self.archive, self.entries, self.name = archive, entries, name
        self.done: dict[str, bytes] = {}

    def has(self, part: str) -> bool:
        return part.lower() in self.entries

    def read(self, part: str) -> bytes:
        key = part.lower()
        if key in self.done:
            return self.done[key]
        info = self.entries.get(key)
        if info is None:
            raise Refused(f"{self.name} is not a complete Word document: the part {part!r} is missing.\n"
                          "    hint: open it in Word or LibreOffice and save it again as a .docx.")
        try:
            with self.archive.open(info) as stream:
                data = stream.read(MAX_PART + 1)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError) as exc:
            raise Refused(f"{self.name}: the part {info.filename!r} cannot be unpacked ({exc}): the file is damaged, "
                          "or made to mislead (a zip bomb that understates its size fails this way).") from None
        if len(data) > MAX_PART:
            raise Refused(f"{self.name}: the part {info.filename!r} unpacks to more than {MAX_PART // 2**20} MB "
                          "(more than it declares): refused, not unpacked (it looks like a zip bomb).")
        _no_dtd(data, info.filename, self.name)
        self.done[key] = data
        return data

    def xml(self, part: str):
        data = self.read(part)
        try:
            return etree.fromstring(data, PARSER)
        except etree.XMLSyntaxError as exc:
            raise Refused(f"{self.name}: the part {part!r} is not well-formed XML ({exc}).\n"
                          "    hint: open it in Word or LibreOffice and save it again as a .docx.") from None


def _no_dtd(data: bytes, part: str, name: str) -> None:
    """Refuse a part whose prolog declares a DTD (Word never writes one)."""
    head = data[:65536]
    if head[:2] in (b"\xff\xfe", b"\xfe\xff") or head[:4] in (b"<\x00?\x00", b"\x00<\x00?"):
        text = head.decode("utf-16", errors="ignore")
    else:
        text = head.decode("utf-8", errors="ignore")
    if "<!DOCTYPE" in text.upper() or "<!ENTITY" in text.upper():
        raise Refused(f"{name}: the part {part!r} declares a DTD or entities (<!DOCTYPE>). Word never writes one; "
                      "it is how a file reaches for other files or expands itself, so the document is refused.")


def _rels(reader: _Reader, part: str) -> list[tuple[str, str, str, str]]:
    """(id, type, target part or URL, mode) of a part's relationships; targets inside the package resolved."""
    folder, base = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", base + ".rels")
    if not reader.has(rels_name):
        return []
    out = []
    for rel in reader.xml(rels_name).iter(f"{{{NS_REL}}}Relationship"):
        kind, target, mode = rel.get("Type", ""), rel.get("Target", ""), rel.get("TargetMode", "")
        if mode != "External":
            target = _resolve(folder, target)
            if target is None:
                continue  # a target outside the package: never followed
        out.append((rel.get("Id", ""), kind, target, mode))
    return out


def _resolve(folder: str, target: str) -> str | None:
    path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
    path = posixpath.normpath(path)
    if path.startswith("..") or path.startswith("/") or path == ".":
        return None
    return path


def _main_part(reader: _Reader, name: str) -> str:
    for _, kind, target, mode in _rels(reader, ""):
        if kind == OFFICE_DOCUMENT and mode != "External" and reader.has(target):
            return target
    if reader.has("word/document.xml"):
        return "word/document.xml"
    raise Refused(f"{name} is a zip file but not a Word document (it has no main document part).\n"
                  "    hint: open it in Word or LibreOffice and save it as a Word document (.docx).")


def _content_type(reader: _Reader, main: str, name: str, command: str) -> str:
    if not reader.has("[Content_Types].xml"):
        return MAIN_TYPE
    for node in reader.xml("[Content_Types].xml").iter(f"{{{NS_CT}}}Override"):
        if node.get("PartName", "").lstrip("/").lower() == main.lower():
            kind = node.get("ContentType", "")
            if kind not in MAIN_TYPES:
                raise Refused(f"{name} is not a Word document (its main part is {kind!r}).\n"
                              f"    hint: give `protocol {command}` a Word document (.docx).")
            return kind
    return MAIN_TYPE


def _text_parts(reader: _Reader, main: str) -> tuple[dict[str, bytes], list[tuple[str, str]]]:
    """The main part's text parts by role, and its external relationships (id, address): links."""
    parts: dict[str, bytes] = {}
    links = []
    for rid, kind, target, mode in _rels(reader, main):
        role = TEXT_PARTS.get(kind)
        if mode == "External":
            links.append((rid, target))
        elif role and role not in parts and reader.has(target):
            parts[role] = reader.read(target)
    for _, kind, target, mode in _rels(reader, ""):
        role = {CORE: "core", EXTENDED: "app"}.get(kind)
        if role and mode != "External" and reader.has(target):
            parts[role] = reader.read(target)
    return parts, links


def _unread(entries: dict[str, zipfile.ZipInfo], content_type: str, read: set[str]) -> list[str]:
    notes = []
    if MAIN_TYPES.get(content_type):
        notes.append(f"the file is {MAIN_TYPES[content_type]}: read as an ordinary document")
    names = [info.filename for key, info in entries.items() if key not in read]
    macros = [n for n in names if n.lower().endswith("vbaproject.bin") or n.lower().endswith("vbadata.xml")]
    embedded = [n for n in names if n.lower().startswith("word/embeddings/") or "activex" in n.lower()]
    if macros:
        notes.append(f"macros ({', '.join(macros)}): ignored, never run")
    if embedded:
        notes.append(f"{len(embedded)} embedded object(s) ({', '.join(embedded[:5])}): ignored, never opened")
    return notes


def _minimal(reader: _Reader, main: str, links: list[tuple[str, str]]) -> bytes:
    """A package of a stub main part (STUB_MAIN), its links and the core properties, for python-docx (nothing else
    in it)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as z:
        overrides = [("/" + main, MAIN_TYPE)]
        body = [f'<Relationship Id="rId1" Type="{OFFICE_DOCUMENT}" Target="/{main}"/>']
        if reader.has("docProps/core.xml") and "docprops/core.xml" in reader.done:
            z.writestr("docProps/core.xml", reader.done["docprops/core.xml"])
            overrides.append(("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"))
            body.append(f'<Relationship Id="rId2" Type="{CORE}" Target="/docProps/core.xml"/>')
        z.writestr("_rels/.rels", _rels_xml(body))
        z.writestr(main, STUB_MAIN)
        doc_rels = []
        for rid, target in links:  # links' addresses; the text parts are read from Package.parts
            doc_rels.append(f'<Relationship Id="{_attr(rid)}" Type="{R}hyperlink" Target="{_attr(target)}" '
                            'TargetMode="External"/>')
        folder, base = posixpath.split(main)
        z.writestr(posixpath.join(folder, "_rels", base + ".rels"), _rels_xml(doc_rels))
        z.writestr("[Content_Types].xml", _types_xml(overrides))
    return out.getvalue()


def _attr(value: str) -> str:
    return (value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;"))


def _rels_xml(body: list[str]) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{NS_REL}">'
            + "".join(body) + "</Relationships>")


def _types_xml(overrides: list[tuple[str, str]]) -> str:
    defaults = ('<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                '<Default Extension="xml" ContentType="application/xml"/>')
    items = "".join(f'<Override PartName="{_attr(p)}" ContentType="{_attr(t)}"/>' for p, t in overrides)
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="{NS_CT}">{defaults}{items}</Types>'
