"""The consultation log as a Word table for the Monitoring Officer: landscape, header row repeated on every page.

Deleted words are struck through and inserted words underlined, each also labelled in words ("[deleted: …]",
"[inserted: …]"), as in the schedule of amendments, so nothing depends on colour or formatting alone. The
Decision and Reason columns are left empty to be filled in. Dates come from the sources, never the clock, so
the same copies and sources give the same bytes.
"""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from docx.enum.section import WD_ORIENT
from docx.shared import Cm

from ...consultation import Consultation
from ...consultation.suggestions import Suggestion
from ...model import Metadata
from ...view import Run
from ..docx.numbering import num_pr
from ..docx.package import save
from ..docx.paragraph import Paragraph
from ..docx.properties import set_core
from ..docx.styles import HEADER_FILL
from ..docx.tables import CANT_SPLIT, REPEAT_HEADER, cell, described, grid, row, width
from ..docx.template import new_document
from ..docx.xml import element, empty, run
from .log_wording import copy_line, status, threads

HEADERS = ("No.", "Paragraph", "Consultee", "Suggested change", "Comments and replies", "Decision", "Reason")
WIDTHS_CM = (1.1, 3.0, 3.2, 8.0, 6.2, 2.5, 3.0)
DIFFER_HEADERS = ("Copy", "Paragraph", "From the sources' words to the copy's")
DIFFER_WIDTHS_CM = (5.0, 5.0, 17.0)
_CUE = empty("w:i")  # run properties in schema order: b, i, strike, u
_MARKED = {"del": empty("w:strike"), "ins": empty("w:b") + empty("w:u", val="single")}


def write_log(c: Consultation, meta: Metadata, path: Path) -> None:
    document = new_document(meta.language or "en-GB")
    _landscape(document.sections[0])
    parts = [_p("Title", run(f"Consultation log: {meta.title}")), _p("BodyText", run(
        f"{meta.council}. Responses to {c.draft}: {len(c.reports)} cop{'y' if len(c.reports) == 1 else 'ies'}, "
        f"{len(c.suggestions)} suggestion{'' if len(c.suggestions) == 1 else 's'}. Deleted words are struck through "
        "and marked [deleted: …]; inserted words are underlined and marked [inserted: …]; ¶ marks where one "
        "paragraph ends and the next begins. Record your decision (accept, reject or amend) and its reason in "
        "the last two columns."))]
    parts += [Paragraph("ListBullet", num=num_pr("bullet"), contents=[run(copy_line(r, c.version))]).xml()
              for r in c.reports]
    if c.suggestions:
        rows = [_row(n, s) for n, s in enumerate(c.suggestions, start=1)]
        parts.append(_table("Consultation log", "Each suggestion from the consultees' copies: the paragraph, who "
                            "made it, the change, the comments, what happens to it, and columns for the decision "
                            "and its reason.", HEADERS, WIDTHS_CM, rows))
    else:
        parts.append(_p("BodyText", run("No copy holds a tracked change or a comment.")))
    differ = [(r.name, m) for r in c.reports for m in r.differ]
    if differ:
        parts += [_p("Heading1", run("Paragraphs that do not match the sources")), _p("BodyText", run(
            "Their words in the copy (before any tracked change) are not the words of the sources: the copy was "
            "edited without track changes, or the sources changed since it was built. A suggestion on one of them "
            "is applied only where every sentence it changes still reads as in the copy."))]
        rows = [([run(name)], [run(m.where)], _wording(m.change)) for name, m in differ]
        parts.append(_table("Paragraphs that do not match the sources", "Each paragraph of a copy whose words "
                            "differ from the sources, with the difference.", DIFFER_HEADERS, DIFFER_WIDTHS_CM, rows))
    set_core(document, _properties(meta))
    save(document, Path(path), "".join(parts))


def _p(style: str, contents: str) -> str:
    return Paragraph(style, contents=[contents]).xml()


def _landscape(section) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.3))


def _table(caption: str, description: str, headers, widths_cm, rows) -> str:
    """A described table whose header row repeats on every page and no row splits; each row a tuple of cells,
    each cell a list of paragraphs' run markup."""
    widths = [int(Cm(w).twips) for w in widths_cm]
    head = row([cell(width(w), [run(text)], "TableHeading", fill=HEADER_FILL) for text, w in zip(headers, widths)],
               CANT_SPLIT + REPEAT_HEADER)
    body = [row([cell(width(w), paragraphs, "TableText") for w, paragraphs in zip(widths, cells)], CANT_SPLIT)
            for cells in rows]
    return element("w:tbl", described(caption, description) + grid(widths) + head + "".join(body))


def _row(n: int, s: Suggestion) -> tuple[list[str], ...]:
    where = [run(s.where)] + ([run(s.block_id, _CUE)] if s.block_id else [])
    who = [run(name) for name in s.consultees] or [run("(no name)", _CUE)]
    change = [run(s.what.capitalize() + ":", _CUE)] + _wording(s.change) + [run(status(s), _CUE)]
    said = [run(line) for line in threads(s)] or [run("")]
    return [run(str(n))], where, who + [run(s.copy, _CUE)], change, said, [run("")], [run("")]


def _wording(runs: tuple[Run, ...]) -> list[str]:
    """The marked words as one paragraph's runs (each deletion and insertion also labelled in words, with the
    spaces at its ends outside the label)."""
    out = []
    for r in runs:
        core = r.text.strip()
        if not r.mark or not core:
            out.append(run(r.text))
            continue
        lead, trail = r.text[:len(r.text) - len(r.text.lstrip())], r.text[len(r.text.rstrip()):]
        label = "deleted" if r.mark == "del" else "inserted"
        out += [run(lead) if lead else "", run(f"[{label}: ", _CUE), run(core, _MARKED[r.mark]), run("]", _CUE),
                run(trail) if trail else ""]
    return ["".join(out) or run("")]


def _properties(meta: Metadata) -> list[tuple[str, object]]:
    """The log's core properties, dated by the draft (never the clock)."""
    stamp = datetime.fromisoformat(meta.date).replace(tzinfo=timezone.utc)
    return [("title", f"Consultation log: {meta.title}"), ("subject", f"{meta.council}: responses to version "
            f"{meta.version}"), ("author", meta.owner), ("last_modified_by", meta.owner), ("language", meta.language),
            ("revision", 1), ("created", stamp), ("modified", stamp)]
