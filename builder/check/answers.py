"""Rules for quick answers (protocol_src/answers.yaml) that need the whole model, checked like scenarios.

Each problem is reported at the line of the offending value: an unknown
audience or cited id at its own line, a long answer at the answer. The rules
that need the version history (Q002 stale answers, Q003 an unknown version
reviewed against, Q006 an id an earlier release gave to something else) live in
builder.check.history, beside the scenarios' own.
"""
from __future__ import annotations

import re

from ..diagnostics import Collector, did_you_mean
from ..load.inlines import sentences
from ..model import Protocol, QuickAnswer, inline_text
from .scenarios import citable_ids
from .sources import VOCABULARY, unreadable

MAX_SENTENCES, MAX_WORDS = 3, 25
_YES_NO = re.compile(r"^(can|may|must|should|do|does|did|is|are|am|will|would|could|have|has)\b", re.I)
_OPENINGS = re.compile(r"^(yes|no|it depends)\b", re.I)


def check_answers(protocol: Protocol, diags: Collector) -> None:
    allowed = protocol.vocabulary.ids("audiences")
    vocabulary_ok = VOCABULARY not in unreadable(diags) and bool(allowed)
    citable = citable_ids(protocol)
    for qa in protocol.answers:
        if vocabulary_ok:
            _audiences(qa, allowed, diags)
        _cites(qa, citable, diags)
        _length(qa, diags)
        _question(qa, diags)


def _audiences(qa: QuickAnswer, allowed: tuple[str, ...], diags: Collector) -> None:
    for value in qa.audiences:
        if value not in allowed:
            diags.error("T001", qa.source.path, qa.lines.of("audience", value, qa.source.line),
                        f"unknown audience {value!r} in quick answer {qa.id!r}",
                        did_you_mean(value, allowed) or "Use one of the audiences in protocol_src/vocabulary.yaml.")


def _cites(qa: QuickAnswer, citable: set[str], diags: Collector) -> None:
    for cited in qa.cites:
        if cited not in citable:
            diags.error("Q001", qa.source.path, qa.lines.of("cites", cited, qa.source.line),
                        f"quick answer {qa.id!r} cites {cited!r}, which is not a paragraph or section",
                        did_you_mean(cited, citable) or "Check the paragraph id (the {#id} at its start) in protocol_src/.")


def _length(qa: QuickAnswer, diags: Collector) -> None:
    found = sentences(inline_text(qa.answer))
    line = qa.lines.of("answer", default=qa.source.line)
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
    line = qa.lines.of("question", default=qa.source.line)
    if not qa.question.endswith("?"):
        diags.warning("Q005", qa.source.path, line, f"the question of quick answer {qa.id!r} does not end with '?'",
                      "Write it as a reader would ask it: 'Can I …?' or 'What do I do if …?'.")
    text = inline_text(qa.answer).lstrip()
    if _YES_NO.match(qa.question) and text and not _OPENINGS.match(text):
        diags.warning("Q005", qa.source.path, qa.lines.of("answer", default=qa.source.line),
                      f"quick answer {qa.id!r} answers a yes-or-no question without 'Yes', 'No' or 'It depends'",
                      "Start with the answer itself: 'Yes.', 'No.' or 'It depends on …'.")
