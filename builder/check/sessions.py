"""Rules for the training sessions (protocol_src/sessions.yaml) that need the whole model.

Each problem is reported at the line of the offending value: an unknown
audience, section, paragraph, quick answer or scenario at its own line, a
length the agenda does not add up to at the length. The rules that need the
version history (P006 a stale session, P007 an unknown version reviewed
against) live in builder.check.history, beside the scenarios' and quick
answers' own.
"""
from __future__ import annotations

from ..diagnostics import Collector, did_you_mean
from ..model import Protocol, Session
from .scenarios import citable_ids
from .sources import VOCABULARY, unreadable

SCENARIOS = (2, 3)  # how many worked examples a session uses
QUESTIONS = (3, 6)  # how many self-check questions it asks
WRONG = (1, 3)  # how many wrong answers each question offers
MAX_POINT = 90  # characters: a key point is a slide's title


def check_sessions(protocol: Protocol, diags: Collector) -> None:
    allowed = protocol.vocabulary.ids("audiences")
    vocabulary_ok = VOCABULARY not in unreadable(diags) and bool(allowed)
    citable = citable_ids(protocol)
    answers = {qa.id for qa in protocol.answers}
    scenarios = {sc.id: sc for sc in protocol.scenarios}
    sections = {s.id for s in protocol.sections}
    first: dict[str, Session] = {}
    for session in protocol.sessions:
        if session.id in first:
            diags.error("I001", session.source.path, session.lines.of("id", default=session.source.line),
                        f"session id {session.id!r} is given twice (first at line {first[session.id].source.line})",
                        "Give each session its own id: it names the folder its files are written to.")
        first.setdefault(session.id, session)
        if vocabulary_ok:
            _audiences(session, allowed, diags)
        _cites(session, sections, citable, diags)
        _named(session, "answers", answers, "P002", "quick answer", diags)
        _named(session, "scenarios", set(scenarios), "P003", "scenario", diags)
        _timings(session, diags)
        _scenario_count(session, diags)
        _both_sides(session, protocol, scenarios, diags)
        _quiz(session, diags)
        _points(session, diags)


def _audiences(session: Session, allowed: tuple[str, ...], diags: Collector) -> None:
    for value in session.audiences:
        if value not in allowed:
            diags.error("T001", session.source.path, session.lines.of("audience", value, session.source.line),
                        f"unknown audience {value!r} in session {session.id!r}",
                        did_you_mean(value, allowed) or "Use one of the audiences in protocol_src/vocabulary.yaml.")


def _cites(session: Session, sections: set[str], citable: set[str], diags: Collector) -> None:
    """P001: a section it covers that is not a section, or a paragraph its points cite that does not exist."""
    path = session.source.path
    for value in session.sections:
        if value not in sections:
            diags.error("P001", path, session.lines.of("sections", value, session.source.line),
                        f"session {session.id!r} covers section {value!r}, which does not exist",
                        did_you_mean(value, sections) or "A section's id is its file name in protocol_src/, "
                        "as listed under 'sections:' in protocol.yaml.")
    for cited, where in session.cited():
        if cited not in citable:
            diags.error("P001", where.path, where.line,
                        f"session {session.id!r} cites {cited!r}, which is not a paragraph or section",
                        did_you_mean(cited, citable) or "Check the paragraph id (the {#id} at its start) in protocol_src/.")


def _named(session: Session, attr: str, known: set[str], code: str, what: str, diags: Collector) -> None:
    for value in getattr(session, attr):
        if value not in known:
            diags.error(code, session.source.path, session.lines.of(attr, value, session.source.line),
                        f"session {session.id!r} names {what} {value!r}, which does not exist",
                        did_you_mean(value, known) or f"Check the id: a {what}'s id is "
                        + ("its 'id:' in protocol_src/answers.yaml." if attr == "answers" else "its file name in scenarios/."))


def _timings(session: Session, diags: Collector) -> None:
    total = sum(a.minutes for a in session.agenda)
    if session.length and session.agenda and all(a.minutes for a in session.agenda) and total != session.length:
        diags.error("P004", session.source.path, session.lines.of("length", default=session.source.line),
                      f"the agenda of session {session.id!r} adds up to {total} minutes, but its length is "
                      f"{session.length}", f"Change an item's minutes, or set 'length: {total}'.")


def _scenario_count(session: Session, diags: Collector) -> None:
    low, high = SCENARIOS
    if not low <= len(session.scenarios) <= high:
        diags.warning("P005", session.source.path, session.lines.of("scenarios", default=session.source.line),
                      f"session {session.id!r} uses {len(session.scenarios)} scenario(s)",
                      f"Use {low} or {high} worked examples: enough to compare, few enough to discuss well.")


def _both_sides(session: Session, protocol: Protocol, scenarios: dict, diags: Collector) -> None:
    """P009: once scenarios say whose conduct falls short, a session uses one where a member does and one where
    an officer does (the protocol's own advice to trainers, and its even-handedness)."""
    if not any(sc.failures for sc in protocol.scenarios):
        return
    used = [scenarios[s] for s in session.scenarios if s in scenarios]
    missing = [side for side in ("member", "officer") if not any(side in sc.failures for sc in used)]
    if used and missing:
        diags.warning("P009", session.source.path, session.lines.of("scenarios", default=session.source.line),
                      f"no scenario of session {session.id!r} shows " + " or ".join(f"an {m}" if m == "officer"
                                                                                  else f"a {m}" for m in missing)
                      + " falling short", "Use worked examples of both kinds: one where a member falls short "
                      "and one where an officer does ('failures:' in each scenario says which).")


def _quiz(session: Session, diags: Collector) -> None:
    path = session.source.path
    low, high = QUESTIONS
    if not low <= len(session.quiz) <= high:
        diags.warning("P008", path, session.lines.of("quiz", default=session.source.line),
                      f"session {session.id!r} has {len(session.quiz)} quiz question(s)",
                      f"Ask {low} to {high} questions: a short self-check, not an exam.")
    for q in session.quiz:
        if q.question and not q.question.endswith("?"):
            diags.warning("P008", path, q.lines.of("question", default=q.source.line),
                          f"quiz question {q.question[:40]!r} does not end with '?'", "Ask it as a question.")
        if q.right and not WRONG[0] <= len(q.wrong) <= WRONG[1]:
            diags.warning("P008", path, q.lines.of("wrong", default=q.source.line),
                          f"quiz question {q.question[:40]!r} offers {len(q.wrong)} wrong answer(s)",
                          f"Give {WRONG[0]} to {WRONG[1]} wrong answers that someone might believe.")
        repeated = {w.casefold() for w in q.wrong} & {q.right.casefold()}
        if repeated or len({w.casefold() for w in q.wrong}) < len(q.wrong):
            diags.error("P008", path, q.lines.of("wrong", default=q.source.line),
                        f"quiz question {q.question[:40]!r} offers the same answer twice",
                        "Make every choice different, and the right one different from every wrong one.")


def _points(session: Session, diags: Collector) -> None:
    for kp in session.key_points:
        if len(kp.point) > MAX_POINT:
            diags.warning("P010", kp.source.path, kp.lines.of("point", default=kp.source.line),
                          f"a key point of session {session.id!r} has {len(kp.point)} characters",
                          f"Say it in {MAX_POINT} characters or fewer: it is the slide's title. Put the "
                          "detail in its notes.")
