"""Hostile and broken Word files for `protocol import`, made on the fly from a good one (no binary fixtures).

Each maker takes the bytes of a valid .docx (the mini fixture built by our Word writer) and returns the
bytes of a bad one: a zip bomb (declared and lying), an external entity and a DTD, not a zip, a PDF, a
zip without a document, duplicated parts, malformed XML, too many parts, a macro-enabled document, an
embedded object, names that look like paths. `encrypted` is a genuinely password-protected .docx
(agile encryption by msoffcrypto-tool, as Word writes it); the old .doc comes from LibreOffice.
"""
from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MB = 2**20


def mini_docx() -> bytes:
    from builder.load import load_tree
    from builder.write.docx import write_docx
    from conftest import MINI
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "mini.docx"
        write_docx(load_tree(MINI)[0], path)
        return path.read_bytes()


def _parts(good: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(good)) as z:
        return {name: z.read(name) for name in z.namelist()}


def _zip(parts: dict[str, bytes] | list[tuple[str, bytes]]) -> bytes:
    out = io.BytesIO()
    items = parts.items() if isinstance(parts, dict) else parts
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in items:
            z.writestr(zipfile.ZipInfo(name, (2024, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def replace_part(good: bytes, name: str, data: bytes) -> bytes:
    parts = _parts(good)
    parts[name] = data
    return _zip(parts)


def zip_bomb(good: bytes, size: int = 300 * MB) -> bytes:
    """document.xml replaced by `size` bytes of one repeated character: a few hundred KB packed."""
    stream = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = b"a" * MB
    packed = b"".join(stream.compress(chunk) for _ in range(size // MB)) + stream.flush()
    crc = 0
    for _ in range(size // MB):
        crc = zlib.crc32(chunk, crc)
    return _raw_zip(_parts(good), "word/document.xml", packed, size, crc)


def lying_bomb(good: bytes) -> bytes:
    """A bomb whose headers declare 4 KB: only a bounded read stops it."""
    stream = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = b"a" * MB
    packed = b"".join(stream.compress(chunk) for _ in range(80)) + stream.flush()
    return _raw_zip(_parts(good), "word/document.xml", packed, 4096, 0)


def _raw_zip(parts: dict[str, bytes], name: str, packed: bytes, size: int, crc: int) -> bytes:
    """A zip of the parts whose entry `name` is the given deflated bytes, declared as `size` bytes, CRC `crc`."""
    return _patch(_zip(parts), name, packed, size, crc)


def _patch(data: bytes, name: str, packed: bytes, size: int, crc: int) -> bytes:
    """Rewrite the zip with the entry's data, sizes and CRC set by hand (what a bomb-maker does)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    central = []
    for info in src.infolist():
        body = src.read(info.filename) if info.filename != name else None
        raw = zlib.compressobj(9, zlib.DEFLATED, -15)
        comp = (raw.compress(body) + raw.flush()) if body is not None else packed
        real_crc = zlib.crc32(body) if body is not None else crc
        real_size = len(body) if body is not None else size
        offset = out.tell()
        fname = info.filename.encode()
        out.write(b"PK\x03\x04" + _u16(20) + _u16(0) + _u16(8) + _u16(0) + _u16(0x5821) + _u32(real_crc)
                  + _u32(len(comp)) + _u32(min(real_size, 0xFFFFFFFF)) + _u16(len(fname)) + _u16(0) + fname + comp)
        central.append(b"PK\x01\x02" + _u16(20) + _u16(20) + _u16(0) + _u16(8) + _u16(0) + _u16(0x5821)
                       + _u32(real_crc) + _u32(len(comp)) + _u32(min(real_size, 0xFFFFFFFF)) + _u16(len(fname))
                       + _u16(0) + _u16(0) + _u16(0) + _u16(0) + _u32(0) + _u32(offset) + fname)
    start = out.tell()
    for entry in central:
        out.write(entry)
    out.write(b"PK\x05\x06" + _u16(0) + _u16(0) + _u16(len(central)) + _u16(len(central))
              + _u32(out.tell() - start) + _u32(start) + _u16(0))
    return out.getvalue()


def _u16(n: int) -> bytes:
    return n.to_bytes(2, "little")


def _u32(n: int) -> bytes:
    return n.to_bytes(4, "little")


def external_entity(good: bytes, secret: Path) -> bytes:
    """document.xml declaring an entity that names a file on this machine, used in the text."""
    doc = _parts(good)["word/document.xml"].decode("utf-8")
    doc = doc.replace("<?xml version='1.0' encoding='UTF-8' standalone='yes'?>",
                      f'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE w:document [<!ENTITY xxe SYSTEM '
                      f'"file://{secret}">]>', 1)
    doc = doc.replace("Members set policy.", "Members set policy. &xxe;", 1)
    return replace_part(good, "word/document.xml", doc.encode("utf-8"))


def billion_laughs(good: bytes) -> bytes:
    lol = "".join(f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    doc = _parts(good)["word/styles.xml"].decode("utf-8")
    head, _, rest = doc.partition("?>")
    return replace_part(good, "word/styles.xml",
                        f'{head}?><!DOCTYPE w:styles [<!ENTITY l0 "lol">{lol}]>{rest}'.replace(
                            "<w:name w:val=\"Normal\"/>", "<w:name w:val=\"&l9;\"/>", 1).encode("utf-8"))


def not_a_zip() -> bytes:
    return b"Member/Officer Relations Protocol\n\n1 Purpose\n\n1.1 Members and officers work together.\n"


def pdf() -> bytes:
    return b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def no_document(good: bytes) -> bytes:
    parts = _parts(good)
    return _zip({k: v for k, v in parts.items() if k in ("[Content_Types].xml", "docProps/core.xml")})


def duplicate_part(good: bytes) -> bytes:
    parts = list(_parts(good).items())
    doc = dict(parts)["word/document.xml"]
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate name: that is the point
        return _zip(parts + [("word/document.xml", doc.replace(b"Members set policy.", b"Members do as I say."))])


def malformed_xml(good: bytes) -> bytes:
    doc = _parts(good)["word/document.xml"]
    return replace_part(good, "word/document.xml", doc[: len(doc) // 2])


def no_body(good: bytes) -> bytes:
    """A main part that is well-formed XML but holds no document body (its root renamed, then its body taken out)."""
    doc = _parts(good)["word/document.xml"]
    start, end = doc.index(b"<w:body>"), doc.rindex(b"</w:body>") + len(b"</w:body>")
    return replace_part(good, "word/document.xml", doc[:start] + doc[end:])


def not_a_document_root(good: bytes) -> bytes:
    doc = _parts(good)["word/document.xml"]
    return replace_part(good, "word/document.xml",
                        doc.replace(b"<w:document ", b"<w:glossaryDocument ", 1).replace(b"</w:document>",
                                                                                      b"</w:glossaryDocument>"))


def too_many_parts(good: bytes, count: int = 10_050) -> bytes:
    parts = list(_parts(good).items()) + [(f"word/media/extra{i}.bin", b"") for i in range(count)]
    return _zip(parts)


def encrypted(good: bytes, password: str = "Northwick-2019") -> bytes:
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    OOXMLFile(io.BytesIO(good)).encrypt(password, out)
    return out.getvalue()


def macro_enabled(good: bytes) -> bytes:
    """A .docm: the main part's content type says macros, and a vbaProject.bin holds them."""
    parts = _parts(good)
    types = parts["[Content_Types].xml"].decode("utf-8")
    types = types.replace("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                          "application/vnd.ms-word.document.macroEnabled.main+xml")
    types = types.replace("</Types>", '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
                                      "</Types>")
    parts["[Content_Types].xml"] = types.encode("utf-8")
    rels = parts["word/_rels/document.xml.rels"].decode("utf-8")
    parts["word/_rels/document.xml.rels"] = rels.replace(
        "</Relationships>", '<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/'
                            'vbaProject" Target="vbaProject.bin"/></Relationships>').encode("utf-8")
    parts["word/vbaProject.bin"] = b"Attribute VB_Name = \"ThisDocument\"\nSub AutoOpen()\nShell \"touch pwned\"\nEnd Sub\n"
    return _zip(parts)


def embedded_object(good: bytes) -> bytes:
    parts = _parts(good)
    doc = parts["word/document.xml"].decode("utf-8")
    obj = ('<w:r><w:object><v:shape xmlns:v="urn:schemas-microsoft-com:vml" id="o1"/></w:object></w:r>')
    parts["word/document.xml"] = doc.replace("Members set policy.</w:t></w:r>",
                                             "Members set policy.</w:t></w:r>" + obj, 1).encode("utf-8")
    parts["word/embeddings/oleObject1.bin"] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 not really an object"
    return _zip(parts)


def path_names(good: bytes) -> bytes:
    """Headings and names that look like paths: in the text, in a zip entry and in a relationship target."""
    parts = _parts(good)
    doc = parts["word/document.xml"].decode("utf-8")
    doc = doc.replace(">Roles<", ">../../etc/passwd<").replace(">Status<", ">..\\..\\Windows\\System32<")
    doc = doc.replace(">Purpose and status of this protocol<", ">CON<")
    doc = doc.replace('w:name="_p_', 'w:name="Ref_').replace('w:anchor="_p_', 'w:anchor="Ref_')  # ids from the text
    parts["word/document.xml"] = doc.encode("utf-8")
    rels = parts["word/_rels/document.xml.rels"].decode("utf-8")
    parts["word/_rels/document.xml.rels"] = rels.replace("</Relationships>", (
        '<Relationship Id="rIdUp" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" '
        'Target="../../../../etc/passwd"/></Relationships>')).encode("utf-8")
    parts["../../escaped.txt"] = b"a part whose name climbs out of the package"
    parts["/etc/absolute.txt"] = b"a part with an absolute name"
    return _zip(parts)


def xml_comments(good: bytes) -> bytes:
    """XML comments and a processing instruction in the body and inside each paragraph and run (a hand-edited
    or tool-written document may carry them): nothing a reader sees."""
    doc = _parts(good)["word/document.xml"]
    doc = doc.replace(b"<w:body>", b"<w:body><!-- body --><?tool note?>", 1)
    doc = doc.replace(b"<w:r>", b"<!-- before a run --><w:r><!-- in a run -->")
    return replace_part(good, "word/document.xml", doc)
