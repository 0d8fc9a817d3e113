"""A vetted .docx read into plain records: the one module of the readers that knows WordprocessingML.

`read_docx(data, name, command)` opens the bytes through `archive` (sizes bounded, no DTD, macros and embedded
objects never read), parses the main part with lxml (archive.BODY_PARSER) and asks python-docx for the core
properties and the links' addresses only, then walks the body in order and gives a `Document`: paragraphs and tables
as Word shows them (a table's cells as text and as their paragraphs), each paragraph with its style,
outline level, displayed number (list numbering worked out through numbering.xml), runs (bold, links,
cross-reference fields, tracked insertions and deletions with author and date, the comments whose range
covers them), bookmarks, footnote and endnote texts, images and comments. The import (issue 18) and the
consultation reader (issue 19) share it.

Positions count every paragraph of the document in order, those in tables included, from 1: what an
author finds by walking down the document.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from typing import NamedTuple

from lxml import etree

from .archive import BODY_PARSER, PARSER, Refused, open_package
from .numbering import Label, Numbering

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = "{%s}" % W_NS
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
W14_PARA = "{http://schemas.microsoft.com/office/word/2010/wordml}paraId"
W15 = "{http://schemas.microsoft.com/office/word/2012/wordml}"
WP_DOCPR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
MATH_T = "{http://schemas.openxmlformats.org/officeDocument/2006/math}t"
# qualified tag and attribute names, made once
W_anchor = W + "anchor"
W_pStyle = W + "pStyle"
W_rStyle = W + "rStyle"
W_author = W + "author"
W_b = W + "b"
W_basedOn = W + "basedOn"
W_bdo = W + "bdo"
W_bookmarkStart = W + "bookmarkStart"
W_br = W + "br"
W_comment = W + "comment"
W_commentRangeEnd = W + "commentRangeEnd"
W_commentRangeStart = W + "commentRangeStart"
W_commentReference = W + "commentReference"
W_cr = W + "cr"
W_customXml = W + "customXml"
W_date = W + "date"
W_default = W + "default"
W_del = W + "del"
W_delText = W + "delText"
W_dir = W + "dir"
W_document = W + "document"
W_body = W + "body"
W_drawing = W + "drawing"
W_endnoteReference = W + "endnoteReference"
W_fldChar = W + "fldChar"
W_fldCharType = W + "fldCharType"
W_fldSimple = W + "fldSimple"
W_footnoteReference = W + "footnoteReference"
W_hyperlink = W + "hyperlink"
W_id = W + "id"
W_ilvl = W + "ilvl"
W_initials = W + "initials"
W_ins = W + "ins"
W_instr = W + "instr"
W_instrText = W + "instrText"
W_moveFrom = W + "moveFrom"
W_moveTo = W + "moveTo"
W_name = W + "name"
W_noBreakHyphen = W + "noBreakHyphen"
W_numId = W + "numId"
W_numPr = W + "numPr"
W_object = W + "object"
W_outlineLvl = W + "outlineLvl"
W_p = W + "p"
W_pPr = W + "pPr"
W_pPrChange = W + "pPrChange"
W_pict = W + "pict"
W_ptab = W + "ptab"
W_r = W + "r"
W_rPr = W + "rPr"
W_sdt = W + "sdt"
W_sdtContent = W + "sdtContent"
W_smartTag = W + "smartTag"
W_style = W + "style"
W_styleId = W + "styleId"
W_t = W + "t"
W_tab = W + "tab"
W_tbl = W + "tbl"
W_tc = W + "tc"
W_tr = W + "tr"
W_txbxContent = W + "txbxContent"
W_type = W + "type"
W_val = W + "val"
CHANGES = {W_ins: "ins", W_moveTo: "ins", W_del: "del", W_moveFrom: "del"}
_NOT_READ = frozenset((W_pPr, W + "bookmarkEnd", W + "proofErr"))  # common in a paragraph, and nothing to read
_HEADING = re.compile(r"^heading\s*([1-9])$", re.I)
_REF = re.compile(r'^\s*REF\s+"?([^\s"\\]+)"?')
_LINK_FIELD = re.compile(r'^\s*HYPERLINK\s+(?:\\l\s+)?"([^"]*)"(.*)$')
_SPACES = re.compile(r"[ \t\u00a0\u2002-\u200a\u202f]+")


class Run(NamedTuple):
    """Words with one set of properties (a named tuple: a long document has tens of thousands)."""

    text: str
    bold: bool = False
    style: str = ""  # character style id (e.g. "Hyperlink", "GlossaryTerm")
    anchor: str = ""  # the bookmark an internal link or a REF field points at
    url: str = ""  # an external link's address
    change: str = ""  # "" | "ins" | "del" (a move counts as a deletion and an insertion)
    author: str = ""
    date: str = ""
    comments: tuple[str, ...] = ()  # ids of the comments whose marked range covers these words


@dataclass(slots=True)
class Para:
    position: int
    style: str = ""  # the style's name as Word shows it ("Heading 1", "List Number")
    style_id: str = ""
    outline: int | None = None  # 0-8 from the paragraph or its style (Heading N gives N-1)
    label: Label | None = None  # the list number Word displays
    runs: list[Run] = field(default_factory=list)
    bookmarks: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # footnote and endnote texts referenced here
    images: list[str] = field(default_factory=list)  # an image's description, or its name
    boxes: list[str] = field(default_factory=list)  # text in text boxes and shapes anchored here
    comments: list[str] = field(default_factory=list)  # ids of the comments whose marked range covers this paragraph
    mark: str = ""  # the paragraph mark tracked as inserted or deleted
    mark_author: str = ""  # who inserted or deleted it, and when
    mark_date: str = ""
    formatting: int = 0  # tracked formatting changes
    in_table: bool = False
    toc: bool = False  # a line of a table of contents
    para_id: str = ""  # w14:paraId

    @property
    def text(self) -> str:
        """The text with every tracked change accepted, white space folded."""
        return fold("".join(r.text for r in self.runs if r.change != "del"))

    @property
    def has_words(self) -> bool:
        """`text` is not empty (said without joining and folding the runs)."""
        return any(r.text.strip() for r in self.runs if r.change != "del")

    @property
    def bold(self) -> bool:
        letters = [r for r in self.runs if r.change != "del" and r.text.strip()]
        return bool(letters) and all(r.bold for r in letters)

    @property
    def changed(self) -> bool:
        return bool(self.mark) or any(r.change for r in self.runs)


@dataclass
class Table:
    position: int  # the position of its first paragraph
    cells: list[list[list[Para]]] = field(default_factory=list)  # each row's cells, each cell's paragraphs

    @property
    def rows(self) -> list[list[str]]:
        """Each row's cells as text (a cell's paragraphs with words, joined by a space)."""
        return [[" ".join(p.text for p in cell if p.text) for cell in row] for row in self.cells]

    @property
    def paras(self) -> list[Para]:
        """The cells' paragraphs, in order (with their changes)."""
        return [p for row in self.cells for cell in row for p in cell]


@dataclass(frozen=True)
class Comment:
    id: str
    author: str
    date: str
    initials: str
    text: str
    parent: str = ""  # the comment this one replies to
    done: bool = False


@dataclass
class Document:
    name: str
    blocks: list  # Para | Table, in order
    properties: dict[str, str]  # title, subject, author, keywords, category, comments, version, created, modified, company
    comments: dict[str, Comment]
    unread: list[str]  # what the package held that was never read (macros, embedded objects)

    def paragraphs(self):
        return [b for b in self.blocks if isinstance(b, Para)]


EMPTY = Run("")


def fold(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def read_docx(data: bytes, name: str, command: str = "import") -> Document:
    """The document in `data` (the file `name`), read for `protocol <command>`, whom a refusal names."""
    package = open_package(data, name, command)
    body = _body(package)
    import docx  # python-docx reads the core properties and the links' addresses

    try:
        document = docx.Document(io.BytesIO(package.docx))
    except Exception as exc:  # python-docx's own errors for a package it cannot read
        raise _unreadable(name, exc) from None
    styles = Styles(_xml(package, "styles"))
    numbering = Numbering(_xml(package, "numbering"), styles.numbering)
    notes = {**_notes(_xml(package, "footnotes"), "footnote"), **_notes(_xml(package, "endnotes"), "endnote")}
    links = {rid: rel.target_ref for rid, rel in document.part.rels.items() if rel.is_external}
    walker = _Walker(styles, numbering, notes, links)
    walker.body(body)
    return Document(name, walker.blocks, _properties(document, _xml(package, "app")),
                    _comments(_xml(package, "comments"), _xml(package, "commentsExtended")), package.unread)


def _unreadable(name: str, exc: Exception) -> Refused:
    return Refused(f"{name} cannot be read as a Word document ({type(exc).__name__}: {exc}).\n"
                   "    hint: open it in Word or LibreOffice and save it again as a .docx.")


def _body(package):
    """The main part's w:body, as plain lxml elements (parsed as python-docx parsed it, with its errors' words)."""
    try:
        root = etree.fromstring(package.parts["document"], BODY_PARSER)
    except etree.XMLSyntaxError as exc:
        raise _unreadable(package.name, exc) from None
    body = root.find(W_body) if root.tag == W_document else None
    if body is None:
        raise Refused(f"{package.name} is not a Word document: its main part holds no document body (w:body).\n"
                      "    hint: open it in Word or LibreOffice and save it again as a .docx.")
    return body


def _xml(package, role: str):
    data = package.parts.get(role)
    if not data:
        return None
    try:
        return etree.fromstring(data, PARSER)
    except etree.XMLSyntaxError as exc:
        raise Refused(f"{package.name}: its {role} part is not well-formed XML ({exc}).") from None


# ---------------------------------------------------------------- styles

def _on(node) -> bool:
    return node is not None and node.get(W_val, "1") not in ("0", "false", "off", "none")


class Styles:
    """Style names, outline levels, numbering and boldness, each resolved through w:basedOn."""

    def __init__(self, root):
        self.raw: dict[str, dict] = {}
        self.resolved: dict[tuple[str, str], object] = {}
        self.default = ""
        self.numbering: dict[str, str] = {}  # numbering style id -> numId (for numStyleLink)
        for node in (root.iter(W_style) if root is not None else ()):
            self._add(node)

    def _add(self, node) -> None:
        sid = node.get(W_styleId, "")
        ppr, rpr = node.find(W_pPr), node.find(W_rPr)
        num = ppr.find(W_numPr) if ppr is not None else None
        name = node.find(W_name)
        outline = ppr.find(W_outlineLvl) if ppr is not None else None
        entry = {"name": name.get(W_val, sid) if name is not None else sid,
                 "based": (node.find(W_basedOn).get(W_val, "") if node.find(W_basedOn) is not None else ""),
                 "outline": int(outline.get(W_val, "9")) if outline is not None and
                 (outline.get(W_val, "") or "").isdigit() else None,
                 "num": ((num.find(W_numId).get(W_val, "") if num.find(W_numId) is not None else None),
                         (num.find(W_ilvl).get(W_val, "") if num.find(W_ilvl) is not None else None))
                 if num is not None else None,
                 "bold": _on(rpr.find(W_b)) if rpr is not None and rpr.find(W_b) is not None else None}
        self.raw[sid] = entry
        if node.get(W_type) == "paragraph" and node.get(W_default) in ("1", "true"):
            self.default = sid
        if node.get(W_type) == "numbering" and entry["num"] and entry["num"][0]:
            self.numbering[sid] = entry["num"][0]

    def _chain(self, sid: str):
        seen = set()
        while sid and sid in self.raw and sid not in seen:
            seen.add(sid)
            yield self.raw[sid]
            sid = self.raw[sid]["based"]

    def get(self, sid: str, key: str):
        """A property from the style or the nearest style it is based on (looked up once per style)."""
        cache = (sid, key)
        if cache not in self.resolved:
            self.resolved[cache] = next((s[key] for s in self._chain(sid) if s[key] is not None), None)
        return self.resolved[cache]

    def name(self, sid: str) -> str:
        return self.raw[sid]["name"] if sid in self.raw else sid

    def outline(self, sid: str) -> int | None:
        cache = (sid, "outline level")
        if cache not in self.resolved:
            self.resolved[cache] = self._outline(sid)
        return self.resolved[cache]

    def _outline(self, sid: str) -> int | None:
        level = self.get(sid, "outline")
        if level is None:
            match = next((_HEADING.match(s["name"]) for s in self._chain(sid) if _HEADING.match(s["name"])), None)
            level = int(match.group(1)) - 1 if match else None
        return level if level is not None and level < 9 else None


# ---------------------------------------------------------------- the body, in order

class _Walker:
    def __init__(self, styles: Styles, numbering: Numbering, notes: dict[str, str], links: dict[str, str]):
        self.styles, self.numbering, self.notes, self.links = styles, numbering, notes, links
        self.blocks: list = []
        self.position = 0
        self.pending: list[str] = []  # bookmarks opened between paragraphs, for the next one
        self.fields: list[dict] = []  # complex fields open (a TOC field spans paragraphs)
        self.toc_depth = 0  # inside a content control that holds a table of contents
        self.comments_open: set[str] = set()  # comments whose marked range is still open
        self.covering: tuple[str, ...] = ()  # the same, sorted: what each run of text records
        self.join_open = False  # the paragraphs so far end in a deleted paragraph mark after words (_joined)

    def body(self, node) -> None:
        for child in node:
            tag = child.tag
            if tag == W_p:
                self.blocks.append(self.paragraph(child))
            elif tag == W_tbl:
                self.blocks.append(self.table(child))
                self.join_open = False
            elif tag == W_sdt:
                self.content_control(child)
            elif tag == W_bookmarkStart:
                self.pending.append(child.get(W_name, ""))
            elif tag in (W_customXml, W_smartTag) or tag in CHANGES:
                self.body(child)

    def content_control(self, node) -> None:
        gallery = node.find(f"{W}sdtPr/{W}docPartObj/{W}docPartGallery")
        toc = gallery is not None and "contents" in (gallery.get(W_val, "") or "").lower()
        content = node.find(W_sdtContent)
        if content is None:
            return
        self.toc_depth += toc
        self.body(content)
        self.toc_depth -= toc

    def table(self, node) -> Table:
        table = Table(self.position + 1)
        for row in node.iter(W_tr):
            if row.getparent() is not node:
                continue  # a nested table's rows are read with their cell
            table.cells.append([[self.paragraph(p, in_table=True) for p in cell.iter(W_p)]
                                for cell in row.iter(W_tc) if cell.getparent() is row])
        return table

    def paragraph(self, node, in_table: bool = False) -> Para:
        self.position += 1
        ppr = _first(node, W_pPr)
        props = _kids(ppr)
        sid = _val(props, W_pStyle) or self.styles.default
        para = Para(self.position, self.styles.name(sid) if sid else "", sid, in_table=in_table,
                    para_id=node.get(W14_PARA, ""))
        para.bookmarks, self.pending = self.pending, []
        para.comments = sorted(self.comments_open)  # a comment's range may cover several paragraphs
        para.toc = bool(self.toc_depth) or (bool(self.fields) and any(f["toc"] for f in self.fields)) \
            or sid[:3].lower() == "toc"
        para.outline = self._outline(props, sid)
        para.mark, para.mark_author, para.mark_date, para.formatting = _mark(ppr, props)
        self.inline(node, para, EMPTY)
        if self.fields and any(f["toc"] for f in self.fields):
            para.toc = True
        label = self._number(props, sid) if not para.toc and (para.mark != "del" or para.has_words) \
            and not self._joined(para, in_table) else None
        para.label = label
        return para

    def _joined(self, para: Para, in_table: bool) -> bool:
        """`para` is what is left of paragraphs whose words are all deleted and whose deleted paragraph marks a
        redline put on the paragraphs before (how Word records deleting the end of one paragraph and the whole
        of the next; builder.write.docx.placement writes it so): accepted, they are one paragraph with the
        first's words, so `para` takes no number. The chain starts at a paragraph with words whose mark is
        deleted and runs through paragraphs with no words left whose marks are deleted too."""
        if in_table:
            return False
        words = para.has_words
        joined = self.join_open and para.mark != "del" and not words and any(r.change == "del" for r in para.runs)
        if words:
            self.join_open = para.mark == "del"
        elif para.mark != "del":
            self.join_open = False
        return joined

    def _outline(self, props: dict, sid: str) -> int | None:
        node = props.get(W_outlineLvl)
        if node is not None and (node.get(W_val, "") or "").isdigit():
            level = int(node.get(W_val))
            return level if level < 9 else None
        return self.styles.outline(sid)

    def _number(self, props: dict, sid: str) -> Label | None:
        num = props.get(W_numPr)
        num_id = ilvl = None
        if num is not None:
            found = _kids(num)
            num_id = _val(found, W_numId)
            ilvl = _val(found, W_ilvl)
        style_num = self.styles.get(sid, "num") if sid else None
        if num_id is None and style_num:
            num_id, ilvl = style_num[0], ilvl if ilvl is not None else style_num[1]
        if not num_id or num_id == "0":
            return None
        if ilvl is None:
            ilvl = self.numbering.level_of_style(num_id, sid)
        try:
            level = int(ilvl) if ilvl is not None else 0
        except ValueError:
            level = 0
        return self.numbering.label(num_id, level)

    # ------------------------------------------------------------ inside a paragraph

    def inline(self, node, para: Para, base: Run) -> None:
        for child in node:
            tag = child.tag
            if tag == W_r:
                self.run(child, para, base)
            elif tag in _NOT_READ:
                continue
            elif tag in CHANGES:
                self.inline(child, para, _with(base, change=CHANGES[tag], author=child.get(W_author, ""),
                                               date=child.get(W_date, "")))
            elif tag == W_hyperlink:
                anchor = child.get(W_anchor, "")
                url = self.links.get(child.get(R_ID, ""), "") if not anchor else ""
                self.inline(child, para, _with(base, anchor=anchor or base.anchor, url=url or base.url))
            elif tag == W_fldSimple:
                self.simple_field(child, para, base)
            elif tag == W_bookmarkStart:
                para.bookmarks.append(child.get(W_name, ""))
            elif tag == W_commentRangeStart:
                _add_once(para.comments, child.get(W_id, ""))
                self.comments_open.add(child.get(W_id, ""))
                self.covering = tuple(sorted(self.comments_open))
            elif tag == W_commentRangeEnd:
                self.comments_open.discard(child.get(W_id, ""))
                self.covering = tuple(sorted(self.comments_open))
            elif tag in (W_smartTag, W_customXml, W_sdtContent, W_dir, W_bdo):
                self.inline(child, para, base)
            elif tag == W_sdt:
                content = child.find(W_sdtContent)
                if content is not None:
                    self.inline(content, para, base)
            elif tag == MC + "AlternateContent":
                fallback = child.find(MC + "Fallback")
                choice = child.find(MC + "Choice")
                self.inline(choice if choice is not None else fallback if fallback is not None else child, para, base)
            elif isinstance(tag, str) and tag.endswith(("}oMath", "}oMathPara")):  # not a comment or PI
                text = "".join(t.text or "" for t in child.iter(MATH_T))
                self._text(para, base, text)

    def simple_field(self, node, para: Para, base: Run) -> None:
        instr = node.get(W_instr, "") or ""
        kind = _field_kind(instr)
        if kind == "toc":
            para.toc = True
        self.inline(node, para, _field_run(base, kind, instr))

    def run(self, node, para: Para, base: Run) -> None:
        rpr = _first(node, W_rPr)
        props = _kids(rpr)
        style = _val(props, W_rStyle) if rpr is not None else None
        bold = self._bold(props, style, para.style_id)
        if bold != base.bold or (style and style != base.style):
            current = _new_tuple(Run, (base.text, bold, style or base.style) + base[3:])
        else:
            current = base
        for child in node:
            tag = child.tag
            if tag == W_fldChar:
                self._field_char(child)
                continue
            if tag == W_instrText:
                if self.fields and not self.fields[-1]["separated"]:
                    self.fields[-1]["instr"] += child.text or ""
                continue
            if self.fields and not self.fields[-1]["separated"]:
                continue  # inside a field's instruction: not text
            self._run_child(child, tag, para, self._in_field(current) if self.fields else current)

    def _run_child(self, child, tag: str, para: Para, current: Run) -> None:
        if tag in (W_t, W_delText):
            self._text(para, current, child.text or "")
        elif tag in (W_tab, W_ptab):
            self._text(para, current, "\t")
        elif tag in (W_br, W_cr):
            self._text(para, current, " ")
        elif tag == W_noBreakHyphen:
            self._text(para, current, "-")
        elif tag in (W_footnoteReference, W_endnoteReference):
            kind = "footnote" if tag == W_footnoteReference else "endnote"
            note = self.notes.get(f"{kind}:{child.get(W + 'id', '')}")
            if note is not None:
                para.notes.append(note)
        elif tag == W_commentReference:
            _add_once(para.comments, child.get(W_id, ""))
        elif tag in (W_drawing, W_pict, W_object):
            self._picture(child, tag, para)
        elif tag == MC + "AlternateContent":
            choice = child.find(MC + "Choice")
            for sub in (choice if choice is not None else child):
                self._run_child(sub, sub.tag, para, current)

    def _picture(self, node, tag: str, para: Para) -> None:
        boxes = [" ".join(fold("".join(t.text or "" for t in p.iter(W_t))) for p in box.iter(W_p))
                 for box in node.iter(W_txbxContent)]
        para.boxes.extend(b.strip() for b in boxes if b.strip())
        if tag == W_object:
            para.images.append("an embedded object")
            return
        described = [d.get("descr") or d.get("title") or d.get("name") or "" for d in node.iter(WP_DOCPR)]
        if described or not boxes:
            para.images.append(next((d for d in described if d), "an image"))

    def _text(self, para: Para, current: Run, text: str) -> None:
        if not text:
            return
        if current.comments != self.covering:
            current = current._replace(comments=self.covering)
        runs = para.runs
        if runs and runs[-1][1:] == current[1:]:  # the same properties: one run
            runs[-1] = _retext(runs[-1], runs[-1].text + text)
        else:
            runs.append(_retext(current, text))

    def _bold(self, props: dict, style: str | None, para_style: str) -> bool:
        node = props.get(W_b)
        if node is not None:
            return _on(node)
        if style and self.styles.get(style, "bold") is not None:
            return bool(self.styles.get(style, "bold"))
        return bool(self.styles.get(para_style, "bold")) if para_style else False

    # ------------------------------------------------------------ complex fields

    def _field_char(self, node) -> None:
        kind = node.get(W_fldCharType)
        if kind == "begin":
            self.fields.append({"instr": "", "separated": False, "toc": False, "kind": ""})
        elif kind == "separate" and self.fields:
            f = self.fields[-1]
            f["separated"] = True
            f["kind"] = _field_kind(f["instr"])
            f["toc"] = f["kind"] == "toc"
        elif kind == "end" and self.fields:
            self.fields.pop()

    def _in_field(self, current: Run) -> Run:
        for f in self.fields:
            current = _field_run(current, f["kind"], f["instr"])
        return current


def _field_kind(instr: str) -> str:
    word = instr.strip().split(" ", 1)[0].upper() if instr.strip() else ""
    return {"TOC": "toc", "REF": "ref", "HYPERLINK": "link", "PAGEREF": "pageref"}.get(word, word.lower())


def _field_run(base: Run, kind: str, instr: str) -> Run:
    if kind == "ref":
        m = _REF.match(instr)
        return _with(base, anchor=m.group(1)) if m else base
    if kind == "link":
        m = _LINK_FIELD.match(instr)
        if m:
            local = "\\l" in instr.split('"', 1)[0]
            return _with(base, anchor=m.group(1)) if local else _with(base, url=m.group(1))
    return base


def _with(run: Run, **changes) -> Run:
    return run._replace(**changes)


def _add_once(items: list[str], value: str) -> None:
    if value and value not in items:
        items.append(value)


def _retext(run: Run, text: str) -> Run:
    """run._replace(text=text), without _replace's keyword handling (tens of thousands of calls)."""
    return _new_tuple(Run, (text,) + run[1:])


_new_tuple = tuple.__new__


def _first(node, tag: str):
    """node.find(tag) without ElementPath: quick when the child comes first (as w:pPr in w:p and w:rPr in w:r
    do) or the children are few (a run without w:rPr)."""
    for child in node:
        if child.tag == tag:
            return child
    return None


def _kids(node) -> dict:
    """Each tag among the children of `node` (None: none) -> its first child with that tag: node.find(tag) for
    every tag, in one pass."""
    found: dict = {}
    if node is not None:
        for child in node:
            found.setdefault(child.tag, child)
    return found


def _val(found: dict, tag: str) -> str | None:
    child = found.get(tag)
    return child.get(W_val) if child is not None else None


def _mark(ppr, props: dict) -> tuple[str, str, str, int]:
    """The tracked change on the paragraph mark ("", "ins" or "del"), its author and date, and how many tracked
    formatting changes the paragraph has (`props`: _kids(ppr))."""
    if ppr is None:
        return "", "", "", 0
    formatting = len(ppr.findall(W_pPrChange)) if W_pPrChange in props else 0
    rpr = props.get(W_rPr)
    change = None
    if rpr is not None:
        marks = _kids(rpr)
        change = next((marks[tag] for tag in (W_del, W_moveFrom, W_ins, W_moveTo) if tag in marks), None)
    if change is None:
        return "", "", "", formatting
    return CHANGES[change.tag], change.get(W_author, ""), change.get(W_date, ""), formatting


# ---------------------------------------------------------------- notes, comments, properties

def _notes(root, kind: str) -> dict[str, str]:
    out = {}
    if root is None:
        return out
    for note in root.iter(W + kind):
        if note.get(W_type) in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        text = " ".join(fold("".join(t.text or "" for t in p.iter(W_t))) for p in note.iter(W_p))
        out[f"{kind}:{note.get(W + 'id', '')}"] = fold(text)
    return out


def _comments(root, extended) -> dict[str, Comment]:
    if root is None:
        return {}
    threads = {}
    for ex in (extended.iter(W15 + "commentEx") if extended is not None else ()):
        threads[ex.get(W15 + "paraId", "")] = (ex.get(W15 + "paraIdParent", ""), ex.get(W15 + "done", "0") == "1")
    by_para: dict[str, str] = {}
    raw = []
    for node in root.iter(W_comment):
        cid = node.get(W_id, "")
        paras = list(node.iter(W_p))
        text = " ".join(fold("".join(t.text or "" for t in p.iter(W_t))) for p in paras)
        last = paras[-1].get(W14_PARA, "") if paras else ""
        by_para[last] = cid
        raw.append((cid, node, fold(text), last))
    out = {}
    for cid, node, text, last in raw:
        parent_para, done = threads.get(last, ("", False))
        out[cid] = Comment(cid, node.get(W_author, ""), node.get(W_date, ""), node.get(W_initials, ""),
                           text, by_para.get(parent_para, "") if parent_para else "", done)
    return out


def _properties(document, app) -> dict[str, str]:
    core = document.core_properties
    props = {key: (getattr(core, key) or "") for key in
             ("title", "subject", "author", "keywords", "category", "comments", "version", "content_status")}
    for key in ("created", "modified"):
        value = getattr(core, key)
        props[key] = value.date().isoformat() if value is not None else ""
    company = app.find("{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}Company") \
        if app is not None else None
    props["company"] = (company.text or "").strip() if company is not None else ""
    props["application"] = ""
    if app is not None:
        node = app.find("{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}Application")
        props["application"] = (node.text or "").strip() if node is not None else ""
    return {k: " ".join(str(v).split()) for k, v in props.items()}
