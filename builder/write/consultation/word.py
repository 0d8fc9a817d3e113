"""The consultation log as a Word table for the Monitoring Officer: landscape, header row repeated on every page.

Deleted words are struck through and inserted words underlined, each also labelled in words ("[deleted: …]",
"[inserted: …]"), as in the schedule of amendments, so nothing depends on colour or formatting alone. The
Decision and Reason columns are left empty to be filled in. Dates come from the sources, never the clock, so
the same copies and sources give the same bytes.
"""
from __future__ import annotations

import io
from datetime import datetime, timezone
from pathlib import Path

from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm

from ...consultation import Consultation, Suggestion
from ...model import Metadata
from ...view import Run
from ..docx.numbering import num_pr
from ..docx.package import normalise
from ..docx.paragraph import Paragraph
from ..docx.tables import cell
from ..docx.template import new_document
from ..docx.xml import parse_into, run
from .text import copy_line, status, threads

HEADERS = ("No.", "Paragraph", "Consultee", "Suggested change", "Comments and replies", "Decision", "Reason")
WIDTHS_CM = (1.1, 3.0, 3.2, 8.0, 6.2, 2.5, 3.0)
DIFFER_HEADERS = ("Copy", "Paragraph", "From the sources' words to the copy's")
DIFFER_WIDTHS_CM = (5.0, 5.0, 17.0)
_CUE = "<w:i/>"  # run properties in schema order: b, i, strike, u
_MARKED = {"del": "<w:strike/>", "ins": '<w:b/><w:u w:val="single"/>'}


def write_log(c: Consultation, meta: Metadata, path: Path) -> None:
    document = new_document(meta.language or "en-GB")
    _landscape(document.sections[0])
    document.add_paragraph(f"Consultation log: {meta.title}", style="Title")
    document.add_paragraph(
        f"{meta.council}. Responses to {c.draft}: {len(c.reports)} cop{'y' if len(c.reports) == 1 else 'ies'}, "
        f"{len(c.suggestions)} suggestion{'' if len(c.suggestions) == 1 else 's'}. Deleted words are struck through "
        "and marked [deleted: …]; inserted words are underlined and marked [inserted: …]; ¶ marks where one "
        "paragraph ends and the next begins. Record your decision (accept, reject or amend) and its reason in "
        "the last two columns.", style="Body Text")
    bullets = "".join(Paragraph("ListBullet", num=num_pr("bullet"), contents=[run(copy_line(r, c.version))]).xml()
                      for r in c.reports)
    parse_into(bullets, document.element.body.find(qn("w:sectPr")).addprevious)
    text_style = document.part.get_style_id("Table Text", WD_STYLE_TYPE.PARAGRAPH) or ""
    if c.suggestions:
        table = _table(document, HEADERS, WIDTHS_CM, "Consultation log",
                       "Each suggestion from the consultees' copies: the paragraph, who made it, the change, the "
                       "comments, what happens to it, and columns for the decision and its reason.")
        parse_into("".join(_row(n, s, text_style) for n, s in enumerate(c.suggestions, start=1)), table._tbl.append)
    else:
        document.add_paragraph("No copy holds a tracked change or a comment.", style="Body Text")
    differ = [(r.name, m) for r in c.reports for m in r.differ]
    if differ:
        document.add_paragraph("Paragraphs that do not match the sources", style="Heading 1")
        document.add_paragraph("Their words in the copy (before any tracked change) are not the words of the "
                               "sources: the copy was edited without track changes, or the sources changed since "
                               "it was built. Suggestions on them are never applied.", style="Body Text")
        table = _table(document, DIFFER_HEADERS, DIFFER_WIDTHS_CM, "Paragraphs that do not match the sources",
                       "Each paragraph of a copy whose words differ from the sources, with the difference.")
        widths = tuple(int(Cm(w).twips) for w in DIFFER_WIDTHS_CM)
        rows = (f"<w:tr>{cell(widths[0], [run(name)], text_style)}{cell(widths[1], [run(m.where)], text_style)}"
                f"{cell(widths[2], _wording(m.change), text_style)}</w:tr>" for name, m in differ)
        parse_into("".join(rows), table._tbl.append)
    _properties(document, meta)
    raw = io.BytesIO()
    document.save(raw)
    normalise(raw.getvalue(), Path(path))


def _landscape(section) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.3))


def _table(document, headers, widths, caption: str, description: str):
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    tblpr = table._tbl.tblPr
    for tag, value in (("w:tblCaption", caption), ("w:tblDescription", description)):
        el = OxmlElement(tag)
        el.set(qn("w:val"), value)
        tblpr.append(el)
    for header, text, width in zip(table.rows[0].cells, headers, widths):
        header.width = Cm(width)
        p = header.paragraphs[0]
        p.style = "Table Heading"
        p.add_run(text).bold = True
    trpr = table.rows[0]._tr.get_or_add_trPr()
    for tag in ("w:cantSplit", "w:tblHeader"):
        trpr.append(OxmlElement(tag))
    return table


_WIDTHS = tuple(int(Cm(w).twips) for w in WIDTHS_CM)


def _row(n: int, s: Suggestion, style: str) -> str:
    where = [run(s.where)] + ([run(s.block_id, _CUE)] if s.block_id else [])
    who = [run(name) for name in s.consultees] or [run("(no name)", _CUE)]
    change = [run(s.what.capitalize() + ":", _CUE)] + _wording(s.change) + [run(status(s), _CUE)]
    said = [run(line) for line in threads(s)] or [run("")]
    cells = ([run(str(n))], where, who + [run(s.copy, _CUE)], change, said, [run("")], [run("")])
    return "<w:tr>" + "".join(cell(w, paragraphs, style) for w, paragraphs in zip(_WIDTHS, cells)) + "</w:tr>"


def _wording(runs: tuple[Run, ...]) -> list[str]:
    """The marked words as one paragraph's runs (each deletion and insertion also labelled in words)."""
    out = []
    for r in runs:
        if not r.mark:
            out.append(run(r.text))
        else:
            label = "deleted" if r.mark == "del" else "inserted"
            out += [run(f"[{label}: ", _CUE), run(r.text, _MARKED[r.mark]), run("]", _CUE)]
    return ["".join(out) or run("")]


def _properties(document, meta: Metadata) -> None:
    core = document.core_properties
    core.title = f"Consultation log: {meta.title}"
    core.subject = f"{meta.council}: responses to version {meta.version}"
    core.author = core.last_modified_by = meta.owner
    core.language = meta.language
    core.revision = 1
    core.created = core.modified = datetime.fromisoformat(meta.date).replace(tzinfo=timezone.utc)
