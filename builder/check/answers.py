"""Rules for quick answers (protocol_src/answers.yaml), checked like scenarios.

Each problem is reported at the line of the offending value: an unknown
audience or cited id at its own line, a long answer at the answer. Answers
whose cited paragraphs changed since `reviewed_against` (Q002) and ids that an
earlier release gave to something else (Q006) need the release snapshots, so
builder.check.releases runs `check_answer_history`.
"""
from __future__ import annotations

import re

from ..diagnostics import Collector, did_you_mean
from ..load.text import sentences
from ..model import Protocol, QuickAnswer, inline_text

MAX_SENTENCES, MAX_WORDS = 3, 25
_YES_NO = re.compile(r"^(can|may|must|should|do|does|did|is|are|am|will|would|could|have|has)\b", re.I)
_OPENINGS = re.compile(r"^(yes|no|it depends)\b", re.I)


def check_answers(protocol: Protocol, diags: Collector) -> None:
    from . import VOCABULARY, unreadable  # here: builder.check imports this module
    from .scenarios import citable_ids

    allowed = protocol.vocabulary.ids("audiences")
    vocabulary_ok = VOCABULARY not in unreadable(diags) and bool(allowed)
    citable = citable_ids(protocol)
    versions = {r.version for r in protocol.history} | {protocol.meta.version}
    history_lost = any(d.path == "protocol_src/history.yaml" and d.severity == "error" for d in diags.items)
    for qa in protocol.answers:
        if vocabulary_ok:
            _audiences(qa, allowed, diags)
        _cites(qa, citable, diags)
        if qa.reviewed_against and qa.reviewed_against not in versions and not history_lost:
            diags.error("Q003", qa.source.path, qa.line_of("reviewed_against"),
                        f"quick answer {qa.id!r} was reviewed against version {qa.reviewed_against!r}, which does not exist",
                        f"Use a released version or the current draft ({protocol.meta.version}).")
        _length(qa, diags)
        _question(qa, diags)


def _audiences(qa: QuickAnswer, allowed: tuple[str, ...], diags: Collector) -> None:
    for value in qa.audiences:
        if value not in allowed:
            diags.error("T001", qa.source.path, qa.line_of("audience", value),
                        f"unknown audience {value!r} in quick answer {qa.id!r}",
                        did_you_mean(value, allowed) or "Use one of the audiences in protocol_src/vocabulary.yaml.")


def _cites(qa: QuickAnswer, citable: set[str], diags: Collector) -> None:
    for cited in qa.cites:
        if cited not in citable:
            diags.error("Q001", qa.source.path, qa.line_of("cites", cited),
                        f"quick answer {qa.id!r} cites {cited!r}, which is not a paragraph or section",
                        did_you_mean(cited, citable) or "Check the paragraph id (the {#id} at its start) in protocol_src/.")


def _length(qa: QuickAnswer, diags: Collector) -> None:
    found = sentences(inline_text(qa.answer))
    line = qa.line_of("answer")
    if len(found) > MAX_SENTENCES:
        diags.warning("Q004", qa.source.path, line, f"quick answer {qa.id!r} has {len(found)} sentences",
                      f"Answer in one to {MAX_SENTENCES} short sentences; the paragraphs it cites give the detail.")
    for sentence in found:
        count = len(sentence.split())
        if count > MAX_WORDS:
            diags.warning("Q004", qa.source.path, line,
                          f"a sentence of {count} words in quick answer {qa.id!r}: \"{' '.join(sentence.split()[:8])} …\"",
                          f"Plain English: keep each sentence of a quick answer to {MAX_WORDS} words or fewer.")


def _question(qa: QuickAnswer, diags: Collector) -> None:
    line = qa.line_of("question")
    if not qa.question.endswith("?"):
        diags.warning("Q005", qa.source.path, line, f"the question of quick answer {qa.id!r} does not end with '?'",
                      "Write it as a reader would ask it: 'Can I …?' or 'What do I do if …?'.")
    text = inline_text(qa.answer).lstrip()
    if _YES_NO.match(qa.question) and text and not _OPENINGS.match(text):
        diags.warning("Q005", qa.source.path, qa.line_of("answer"),
                      f"quick answer {qa.id!r} answers a yes-or-no question without 'Yes', 'No' or 'It depends'",
                      "Start with the answer itself: 'Yes.', 'No.' or 'It depends on …'.")


def check_answer_history(protocol: Protocol, releases: dict[str, Protocol], changes_for, diags: Collector) -> None:
    """Q002 (a cited paragraph changed since the answer was reviewed) and Q006 (an id reused)."""
    from . import all_ids

    earlier: dict[str, tuple[str, str]] = {}
    for version, old in releases.items():
        for id_, what, _ in all_ids(old):
            if what != "quick answer":
                earlier.setdefault(id_, (what, version))
    current = {id_ for id_, what, _ in all_ids(protocol) if what != "quick answer"}
    for qa in protocol.answers:
        if qa.id in earlier and qa.id not in current:
            what, version = earlier[qa.id]
            diags.error("Q006", qa.source.path, qa.line_of("id"),
                        f"quick answer id {qa.id!r} was the id of a {what} in release {version}",
                        "Ids are never reused: give the answer a new id.")
        _stale(protocol, qa, releases, changes_for, diags)


def _stale(protocol: Protocol, qa: QuickAnswer, releases: dict, changes_for, diags: Collector) -> None:
    if qa.reviewed_against not in releases or not qa.cites:
        return
    changed = changes_for(qa.reviewed_against)
    for cited in qa.cites:
        b = changed.get(cited)
        if b is not None and (b.kind == "deleted" or b.source_edited):
            shown = b.new_number or b.old_number
            diags.warning("Q002", qa.source.path, qa.line_of("cites", cited),
                          f"quick answer {qa.id!r} cites paragraph {shown} ({cited}), which has changed since "
                          f"version {qa.reviewed_against}",
                          f"Re-read the answer against the new wording, then set reviewed_against: "
                          f"\"{protocol.meta.version}\".")
