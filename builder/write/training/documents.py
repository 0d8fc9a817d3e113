"""A session's facilitator guide and participant handout as Word documents, in the house style.

Drawn with the Word writer's markup (builder.write.docx: xml, paragraph, tables, fields, package) on the
reference document, so they look like the protocol and their bytes are reproducible. The handout is the
guide without what content.py calls the facilitator's: no notes, no model answers, no right answers, no
sign-in sheet. Every page's header names the session and the protocol version it teaches.
"""
from __future__ import annotations

from pathlib import Path

from docx.shared import Twips

from ..docx import fields
from ..docx.canvas import Canvas
from ..docx.numbering import num_pr
from ..docx.package import save
from ..docx.page_setup import fill
from ..docx.paragraph import Paragraph
from ..docx.properties import set_core, training_properties
from ..docx.revisions import Revisions
from ..docx.styles import MARGIN, PAGE_HEIGHT, PAGE_WIDTH
from ..docx.styles import HEADER_FILL, TEXT_WIDTH
from ..docx.tables import CANT_SPLIT, REPEAT_HEADER, cell, described, grid, row, table, width
from ..docx.template import new_document
from ..docx.xml import TAB, Ids, element, empty, run
from .content import STORY, Pack, clock, paragraphs_label

SIGN_IN_ROWS = 18
_BOLD = empty("w:b")


def write_guide(p: Pack, path: Path) -> None:
    _write(p, path, facilitator=True)


def write_handout(p: Pack, path: Path) -> None:
    _write(p, path, facilitator=False)


def _write(p: Pack, path: Path, *, facilitator: bool) -> None:
    kind = "Facilitator guide" if facilitator else "Participant handout"
    body = _Body()
    _front(body, p, kind, facilitator)
    _agenda(body, p, facilitator)
    _points(body, p, facilitator)
    _examples(body, p, facilitator)
    _answers(body, p)
    _quiz(body, p, facilitator)
    if facilitator:
        _sign_in(body, p)
    document = new_document(p.language)
    _pages(document, p, kind)
    set_core(document, training_properties(p.title, kind.lower(), p.council, p.protocol_title, p.version,
                                           p.owner, p.language, p.date))
    save(document, path, body.markup())


class _Body:
    """The document's paragraphs and tables, as markup, in order."""

    def __init__(self) -> None:
        ids = Ids()
        self.canvas = Canvas(ids, Revisions(ids, "", "2000-01-01"))

    def para(self, style: str, *runs: str, page_break: bool = False, keep_next: bool = False, num: str = "") -> None:
        self.canvas.add(Paragraph(style, num=num, page_break=page_break, keep_next=keep_next, contents=list(runs)))

    def text(self, style: str, text: str, **options) -> None:
        self.para(style, run(text), **options)

    def bullet(self, text: str, props: str = "") -> None:
        self.para("ListBullet", run(text, props), num=num_pr("bullet"))

    def table(self, caption: str, description: str, headers, widths, rows) -> None:
        self.canvas.add(table(self.canvas, caption, description, headers, widths,
                              [("", [run(cell) for cell in cells]) for cells in rows]))

    def markup(self) -> str:
        return self.canvas.markup()


def _pages(document, p: Pack, kind: str) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Twips(PAGE_WIDTH), Twips(PAGE_HEIGHT)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Twips(MARGIN))
    section.header_distance = section.footer_distance = Twips(709)
    fill(section.header, "Header", run(f"{p.title}: {kind.lower()}") + TAB + run(f"Protocol version {p.version}"))
    fill(section.footer, "Footer", run(p.council) + TAB + run("Page ") + fields.page() + run(" of ")
         + fields.num_pages())


def _front(body: _Body, p: Pack, kind: str, facilitator: bool) -> None:
    body.text("Title", p.title)
    body.text("Subtitle", kind)
    body.text("TitlePageDetail", f"{p.council}. This pack teaches version {p.version} of the {p.protocol_title}. "
                                 "Paragraph numbers are that version's.")
    body.text("TitlePageDetail", f"For: {', '.join(p.audiences)}. Length: {p.length} minutes.")
    if p.format:
        body.text("TitlePageDetail", p.format)
    if facilitator:
        body.text("BodyText", "This guide is for the facilitator. It holds the notes, the model answers and the "
                              "quiz answers, which the participant handout leaves out.")
    body.text("Heading1", "Aims", keep_next=True)
    body.text("BodyText", "By the end of the session you will be able to:", keep_next=True)
    for aim in p.aims:
        body.bullet(aim)
    if p.sections:
        body.text("Heading2", "Sections of the protocol it covers", keep_next=True)
        for s in p.sections:
            body.bullet(s)


def _agenda(body: _Body, p: Pack, facilitator: bool) -> None:
    body.text("Heading1", "Agenda", keep_next=True)
    if facilitator:
        rows = [(clock(s.start), str(s.minutes), s.item, s.notes) for s in p.agenda]
        body.table("Agenda", "Each item of the session: when it starts, how long it takes, what happens and the "
                   "facilitator's notes.", ("Starts", "Minutes", "Item", "Facilitator's notes"), (1.3, 1.7, 4, 5), rows)
    else:
        rows = [(clock(s.start), str(s.minutes), s.item) for s in p.agenda]
        body.table("Agenda", "Each item of the session: when it starts, how long it takes and what happens.",
                   ("Starts", "Minutes", "Item"), (1.3, 1.7, 8), rows)
    body.text("BodyText", f"Total: {p.length} minutes.")


def _points(body: _Body, p: Pack, facilitator: bool) -> None:
    body.text("Heading1", "Key points and the paragraphs behind them", keep_next=True)
    for i, point in enumerate(p.points, start=1):
        body.text("Heading2", f"{i}. {point.point}", keep_next=True)
        body.text("ScenarioDetail", paragraphs_label(point.numbers), keep_next=True)
        if facilitator and point.notes:
            body.para("BodyText", run("Facilitator's note: ", _BOLD), run(point.notes))
        for c in point.paragraphs:
            body.para("BodyText", run(f"{c.number}  ", _BOLD), run(c.text))
            for item in c.items:
                body.bullet(item)


def _examples(body: _Body, p: Pack, facilitator: bool) -> None:
    body.text("Heading1", "Worked examples", keep_next=True)
    body.text("BodyText", "These examples are fictional: the people, places and events are invented.")
    for ex in p.examples:
        body.text("Heading2", f"{ex.number} {ex.title}", keep_next=True)
        for part in ex.parts:
            if not facilitator and part.key not in STORY + ("questions",):
                continue  # the rest are the answers (content.ANSWERS) and the facilitator's notes
            body.text("Heading3", part.title, keep_next=True)
            for bullet, text in part.passages:
                body.bullet(text) if bullet else body.text("BodyText", text)


def _answers(body: _Body, p: Pack) -> None:
    if not p.answers:
        return
    body.text("Heading1", "Quick answers to remember", keep_next=True)
    for a in p.answers:
        body.para("BodyText", run(a.question + " ", _BOLD), run(a.answer),
                  run(f" ({paragraphs_label(a.numbers)})" if a.numbers else ""))


def _quiz(body: _Body, p: Pack, facilitator: bool) -> None:
    body.text("Heading1", "Self-check quiz" + (" with answers" if facilitator else ""), keep_next=True)
    if not facilitator:
        body.text("BodyText", "Choose one answer for each question. Your facilitator goes through the answers at "
                              "the end, and the website's Training page has the same quiz.")
    for i, q in enumerate(p.quiz, start=1):
        body.para("BodyText", run(f"{i}. {q.question}", _BOLD), keep_next=True)
        for j, choice in enumerate(q.choices):
            letter = chr(ord("A") + j)
            if facilitator and j == q.right:
                body.bullet(f"{letter}. {choice} (right answer)", _BOLD)
            else:
                body.bullet(f"{letter}. {choice}")
        if facilitator:
            shown = all(n in q.why for n in q.numbers)  # the model answer already names its paragraphs
            body.para("BodyText", run("Why: ", _BOLD), run(q.why),
                      run(f" ({paragraphs_label(q.numbers)})" if q.numbers and not shown else ""))


def _sign_in(body: _Body, p: Pack) -> None:
    body.text("Heading1", "Sign-in sheet", page_break=True, keep_next=True)
    body.text("BodyText", f"{p.title}. Protocol version {p.version}.")
    body.text("BodyText", "Date: ____________    Facilitator: ____________________    Venue: ____________")
    body.canvas.add(_sign_in_table())
    body.text("BodyText", "Democratic Services (members) and Human Resources (officers) keep the record of "
                          "attendance.")


SIGN_IN_WIDTHS = (4, 4, 3)
ROW_HEIGHT = 567  # twips (1 cm): room to sign


def _sign_in_table() -> str:
    """The sign-in table: a repeated header row, then empty rows tall enough to write and sign in."""
    twips = [int(TEXT_WIDTH * w / sum(SIGN_IN_WIDTHS)) for w in SIGN_IN_WIDTHS]
    head = row([cell(width(w), [run(text)], "TableHeading", fill=HEADER_FILL)
                for text, w in zip(("Name", "Role or service", "Signature"), twips)], CANT_SPLIT + REPEAT_HEADER)
    tall = CANT_SPLIT + empty("w:trHeight", val=ROW_HEIGHT, hRule="atLeast")
    rows = [row([cell(width(w), [run("")], "TableText") for w in twips], tall) for _ in range(SIGN_IN_ROWS)]
    return element("w:tbl", described("Sign-in sheet", "One row for each person attending: their name, their role "
                                      "or service, and their signature.") + grid(twips) + head + "".join(rows))
