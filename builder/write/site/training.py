"""The website's Training page and its self-check quizzes, one per audience.

The Training page lists each session of protocol_src/sessions.yaml with its
audience, length and aims, and links its facilitator guide, participant handout
and slides (copied into the site's training/ folder, so the links are
relative). Each audience a session is for has a quiz page: the quiz questions
of its sessions, each choice a `<details>` element that says, when opened,
whether it is right, gives the model answer and links the paragraphs it rests
on. No script, and nothing fetched from outside the site.
"""
from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup, escape

from ...filenames import TRAINING_FOLDER, TRAINING_KINDS
from ..training.content import choices
from .markup import href, inline_html
from .page import Page

INDEX = f"{TRAINING_FOLDER}/index.md"
KIND_LABELS = {"guide": "Facilitator guide", "handout": "Participant handout", "slides": "Slides"}
FORMATS = {".docx": "Word", ".pptx": "PowerPoint"}


@dataclass(frozen=True)
class PackFile:
    session: str
    kind: str  # guide | handout | slides
    name: str
    size: str
    source: Path

    @property
    def path(self) -> str:
        return f"{TRAINING_FOLDER}/{self.session}/{self.name}"


def quiz_page(aid: str) -> str:
    return f"{TRAINING_FOLDER}/quiz-{aid}.md"


def pack_files(protocol, files) -> tuple[PackFile, ...]:
    """The training packs among the built files (folder/<session>/<session>-<kind>-<version>.<ext>)."""
    ids = {s.id for s in protocol.sessions}
    out = []
    for path in map(Path, files):
        session = path.parent.name
        if session not in ids or not path.is_file():
            continue
        for kind, (words, suffix) in TRAINING_KINDS.items():
            if path.name.startswith(f"{session}-{words}-") and path.name.endswith(suffix):
                size = path.stat().st_size
                out.append(PackFile(session, kind, path.name, f"{max(1, round(size / 1024))} KB", path))
    return tuple(out)


def copy_packs(files: tuple[PackFile, ...], docs: Path) -> None:
    for f in files:
        target = docs / f.path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(f.source, target)


def audiences_with_sessions(protocol) -> list[str]:
    named = {a for s in protocol.sessions for a in s.audiences}
    return [e.id for e in protocol.vocabulary.audiences if e.id in named]


def training_pages(ctx, files: tuple[PackFile, ...]) -> list[Page]:
    protocol = ctx.protocol
    if not protocol.sessions:
        return []
    by_session: dict[str, list[PackFile]] = {}
    for f in files:
        by_session.setdefault(f.session, []).append(f)
    page = INDEX
    sessions = []
    for s in protocol.sessions:
        links = [{"label": KIND_LABELS[f.kind], "href": href(page, f.path), "size": f.size,
                  "format": FORMATS.get(Path(f.name).suffix, "")}
                 for f in sorted(by_session.get(s.id, []), key=lambda f: list(KIND_LABELS).index(f.kind))]
        sessions.append({
            "id": s.id, "title": s.title, "length": s.length, "format": s.format, "aims": s.aims,
            "audiences": [{"label": ctx.label("audiences", a), "quiz": href(page, quiz_page(a))} for a in s.audiences],
            "files": links,
            "scenarios": [ctx.scenario_item(sc, page) for sc in protocol.scenarios if sc.id in s.scenarios],
        })
    quizzes = [{"label": ctx.label("audiences", a), "href": href(page, quiz_page(a))}
               for a in audiences_with_sessions(protocol)]
    index = Page(page, "Training", ctx.render("training.md.j2", page, sessions=sessions, quizzes=quizzes),
                 ("training", "course", "courses", "session", "sessions", "workshop", "workshops", "slides",
                  "handout", "quiz"),
                 "The training sessions on the protocol: facilitator guides, handouts, slides and self-check quizzes.")
    return [index] + [_quiz(ctx, aid) for aid in audiences_with_sessions(protocol)]


def _quiz(ctx, aid: str) -> Page:
    page = quiz_page(aid)
    seen: set[str] = set()
    questions = []
    for s in ctx.protocol.sessions:
        if aid not in s.audiences:
            continue
        for q in s.quiz:
            if q.question.casefold() in seen:
                continue
            seen.add(q.question.casefold())
            options, right = choices(q.question, q.right, q.wrong)
            why = inline_html(q.why, ctx.where, page)
            cites = [ctx.paragraph_link(c, page) for c in q.cites]
            questions.append({"id": f"q{len(questions) + 1}", "question": q.question, "session": s.title,
                              "choices": [{"letter": chr(ord("A") + i), "text": c, "right": i == right}
                                          for i, c in enumerate(options)],
                              "right": {"letter": chr(ord("A") + right), "text": options[right]},
                              "why": why, "cites": cites})
    label = ctx.label("audiences", aid)
    body = ctx.render("quiz.md.j2", page, audience=label, questions=questions, training=href(page, INDEX))
    return Page(page, f"Self-check quiz: {label}", body, ("quiz", "quizzes", "self-check", "test"),
                f"Check what you know about the protocol: questions for {label.lower()}, each answer linked to its "
                "paragraph.")
