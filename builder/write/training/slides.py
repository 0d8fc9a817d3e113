"""A session's slides (.pptx, with python-pptx): what the room sees, the facilitator's words as speaker notes.

The deck: a title slide; the aims; one slide per key point (its paragraphs' numbers and captions); each
worked example over three slides (the situation, what makes it hard, the questions for discussion); one slide
per quiz question; a closing slide with the quick answers. Every slide carries the council's name and the
protocol version in its footer. Nothing is smaller than 18 pt: a slide's text is set at the largest size from
BODY_SIZES that fits its box (by a conservative estimate of line breaks), and text that would not fit at
18 pt goes on a continuation slide. The package is re-zipped with fixed timestamps, and the core properties
carry the protocol's date, so the same sources give the same bytes.
"""
from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from ...atomic import write_bytes_atomic
from ..docx.package import reproducible_zip
from .content import Example, Pack, paragraphs_label

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)  # 16:9
MARGIN = Inches(0.6)
TITLE_TOP, TITLE_HEIGHT = Inches(0.35), Inches(1.35)
BODY_TOP = Inches(1.85)
FOOTER_TOP, FOOTER_HEIGHT = Inches(6.8), Inches(0.5)
BODY_HEIGHT = FOOTER_TOP - BODY_TOP - Inches(0.1)
TITLE_SIZES = (34, 32, 28, 26, 24)
BODY_SIZES = (26, 24, 22, 20, 18)
FOOTER_SIZE = 18
MINIMUM = 18  # points: nothing on a slide is smaller

NAVY = RGBColor(0x1F, 0x38, 0x64)  # the Word document's headings; 11.9:1 on white
INK = RGBColor(0x0B, 0x0C, 0x0C)  # body text; 19.5:1
GREY = RGBColor(0x50, 0x5A, 0x5F)  # footer; 7.0:1
FONT = "Arial"
TITLE_ONLY = 5  # python-pptx's default template: the "Title Only" layout


@dataclass(frozen=True)
class Slide:
    title: str
    lines: tuple[tuple[str, bool], ...]  # (text, is a bullet)
    notes: str
    subtitle: bool = False  # the title slide: larger, centred


def slides_of(p: Pack) -> list[Slide]:
    """The deck as plain slides (a function of the pack; the layout is write_slides')."""
    out: list[Slide] = []
    details = [(f"For: {', '.join(p.audiences)}", False), (f"{p.length} minutes", False),
               (f"Teaches version {p.version} of the protocol", False)]
    out.append(Slide(p.title, tuple(details), _notes(
        f"This session teaches version {p.version} of the {p.protocol_title}.", p.format,
        "Agenda: " + "; ".join(f"{s.minutes} min {s.item}" for s in p.agenda) + "."), subtitle=True))
    out.append(Slide("Aims", tuple((a, True) for a in p.aims),
                     _notes("By the end of the session people will be able to: " + "; ".join(p.aims) + ".",
                            *(f"{s.item} ({s.minutes} min): {s.notes}" for s in p.agenda if s.notes))))
    for i, point in enumerate(p.points, start=1):
        lines = [(paragraphs_label(point.numbers), False)]
        lines += [(f"{c.number}  {c.caption}" if c.caption else c.number, True) for c in point.paragraphs]
        notes = [point.notes] + [f"{c.number}: {c.text} " + " ".join(c.items) for c in point.paragraphs]
        out.append(Slide(f"Key point {i}: {point.point}", tuple(lines), _notes(*notes)))
    for ex in p.examples:
        out.extend(_example(ex))
    for i, q in enumerate(p.quiz, start=1):
        lines = ((q.question, False),) + tuple((f"{chr(ord('A') + j)}. {c}", False) for j, c in enumerate(q.choices))
        out.append(Slide(f"Self-check quiz: question {i} of {len(p.quiz)}", lines, _notes(
            f"Answer: {chr(ord('A') + q.right)}. {q.choices[q.right]}.", q.why,
            paragraphs_label(q.numbers) + ".")))
    closing = [(f"{a.question} See {', '.join(a.numbers)}." if a.numbers else a.question, True) for a in p.answers]
    out.append(Slide("Questions to remember, answered on the website", tuple(closing), _notes(
        "Point people to the quick answers on the website, and to the self-check quiz on its Training page. "
        + " ".join(f"{a.question} {a.answer}" for a in p.answers))))
    return out


def _example(ex: Example) -> list[Slide]:
    """A worked example over three slides: the situation, what makes it hard, the questions."""
    head = f"{ex.number} {ex.title}"
    story = [(t, False) for t in ex.texts("situation")]
    hard = [(t, False) for t in ex.texts("pressures")]
    asks = [(t, True) for t in ex.texts("questions")]
    return [
        Slide(f"{head}: the situation", tuple(story), _notes(
            "Read the situation aloud, or give people a minute to read it.",
            "What the protocol says: " + " ".join(ex.texts("protocol")))),
        Slide(f"{head}: what makes it hard", tuple(hard), _notes(
            "What good looks like: " + " ".join(ex.texts("good")),
            "What goes wrong: " + " ".join(ex.texts("wrong")))),
        Slide(f"{head}: questions for discussion", tuple(asks), _notes(
            "Notes for facilitators: " + " ".join(ex.texts("facilitators")))),
    ]


def _notes(*parts: str) -> str:
    return "\n\n".join(part for part in parts if part and part.strip())


# ---------------------------------------------------------------- layout

GLYPH = 0.5  # em: the average width of an Arial character in running English (measured on the renders)


def _wrapped(text: str, per_line: int) -> int:
    """How many lines `text` takes when its words are wrapped at `per_line` characters."""
    lines, used = 1, 0
    for word in text.split():
        if used and used + 1 + len(word) > per_line:
            lines, used = lines + 1, len(word)
        else:
            used += (1 if used else 0) + len(word)
    return lines


def _lines_needed(lines, width_emu: int, size: int) -> float:
    per_line = max(10, int((Emu(width_emu).pt - 10) / (size * GLYPH)))
    return sum(_wrapped(text, per_line) + 0.35 for text, _ in lines)  # each paragraph's lines, and the space after


def _fits(lines, size: int, height_emu: int, width_emu: int) -> bool:
    return _lines_needed(lines, width_emu, size) * size * 1.2 <= Emu(height_emu).pt


def _size_for(lines, sizes, height_emu: int, width_emu: int) -> int | None:
    return next((s for s in sizes if _fits(lines, s, height_emu, width_emu)), None)


def _paged(slide: Slide) -> list[tuple[Slide, int]]:
    """The slide, and continuation slides when its text will not fit at 18 pt, each with its body size."""
    width = WIDTH - 2 * MARGIN
    size = _size_for(slide.lines, BODY_SIZES, BODY_HEIGHT, width)
    if size is not None or len(slide.lines) <= 1:
        return [(slide, size or MINIMUM)]
    out, page = [], []
    for line in slide.lines:
        if page and not _fits(page + [line], MINIMUM, BODY_HEIGHT, width):
            out.append(page)
            page = []
        page.append(line)
    out.append(page)
    slides = []
    for i, lines in enumerate(out):
        title = slide.title if i == 0 else f"{slide.title} (continued)"
        part = Slide(title, tuple(lines), slide.notes if i == 0 else "Continued from the slide before.")
        slides.append((part, _size_for(part.lines, BODY_SIZES, BODY_HEIGHT, width) or MINIMUM))
    return slides


def _text(frame, paragraphs, size: int, colour: RGBColor, *, bold: bool = False, align=None) -> None:
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE  # never shrunk by the viewer: sizes are chosen here, 18 pt or more
    for side in ("margin_left", "margin_right", "margin_top", "margin_bottom"):
        setattr(frame, side, Inches(0.05))
    for i, (text, bullet) in enumerate(paragraphs):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        para.text = ("\u2022 " if bullet else "") + text
        para.space_after = Pt(size * 0.35)
        if align is not None:
            para.alignment = align
        for r in para.runs:
            r.font.size, r.font.name, r.font.bold = Pt(size), FONT, bold
            r.font.color.rgb = colour


def write_slides(p: Pack, path: Path) -> None:
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    layout = deck.slide_layouts[TITLE_ONLY]
    pages = [page for s in slides_of(p) for page in _paged(s)]
    width = WIDTH - 2 * MARGIN
    for n, (s, size) in enumerate(pages, start=1):
        slide = deck.slides.add_slide(layout)
        title = slide.shapes.title
        title.left, title.width = MARGIN, width
        if s.subtitle:
            title.top, title.height = Inches(1.6), Inches(2.2)
        else:
            title.top, title.height = TITLE_TOP, TITLE_HEIGHT
        title_size = _size_for([(s.title, False)], TITLE_SIZES, title.height, width) or TITLE_SIZES[-1]
        _text(title.text_frame, [(s.title, False)], title_size, NAVY, bold=True,
              align=PP_ALIGN.CENTER if s.subtitle else PP_ALIGN.LEFT)
        title.text_frame.vertical_anchor = MSO_ANCHOR.BOTTOM if s.subtitle else MSO_ANCHOR.MIDDLE
        if s.lines:
            top = Inches(4.0) if s.subtitle else BODY_TOP
            height = FOOTER_TOP - top - Inches(0.1)
            box = slide.shapes.add_textbox(MARGIN, top, width, height)
            box.name = "Body"
            _text(box.text_frame, s.lines, min(size, 24) if s.subtitle else size, INK,
                  align=PP_ALIGN.CENTER if s.subtitle else None)
            box.text_frame.vertical_anchor = MSO_ANCHOR.TOP
        rule = slide.shapes.add_connector(1, MARGIN, FOOTER_TOP - Inches(0.05), WIDTH - MARGIN, FOOTER_TOP - Inches(0.05))
        rule.line.color.rgb, rule.line.width = NAVY, Pt(1.5)
        rule.name = "Rule"
        footer = slide.shapes.add_textbox(MARGIN, FOOTER_TOP, width - Inches(1.2), FOOTER_HEIGHT)
        footer.name = "Footer"
        _text(footer.text_frame, [(p.teaches, False)], FOOTER_SIZE, GREY)
        number = slide.shapes.add_textbox(WIDTH - MARGIN - Inches(1.2), FOOTER_TOP, Inches(1.2), FOOTER_HEIGHT)
        number.name = "Slide number"
        _text(number.text_frame, [(f"{n}/{len(pages)}", False)], FOOTER_SIZE, GREY, align=PP_ALIGN.RIGHT)
        slide.notes_slide.notes_text_frame.text = s.notes or s.title
    _properties(deck, p)
    raw = io.BytesIO()
    deck.save(raw)
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as src:
        entries = {name: src.read(name) for name in src.namelist()}
    write_bytes_atomic(Path(path), reproducible_zip(entries))


def _properties(deck, p: Pack) -> None:
    stamp = datetime.fromisoformat(p.date).replace(tzinfo=timezone.utc)
    core = deck.core_properties
    core.title = f"{p.title}: slides"
    core.subject = f"{p.council}: {p.protocol_title}, version {p.version}"
    core.author = core.last_modified_by = p.owner
    core.keywords = "member/officer relations; protocol; training"
    core.category = "Training"
    core.comments = f"Teaches version {p.version} of the protocol."
    core.language = p.language
    core.version = p.version.split(" ")[0]
    core.revision = 1
    core.created = core.modified = stamp
    core.last_printed = stamp
