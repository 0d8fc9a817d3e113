"""Load the quick answers (protocol_src/answers.yaml): "Can I...?" questions answered in one to three sentences.

    answers:
      - id: accept-match-tickets
        question: Can I accept tickets to a football match from a company?
        answer: Usually not. ... See [[gifts-principle]].
        audience: [everyone]
        cites: [gifts-principle, gifts-register]
        reviewed_against: "1.1"

Each value keeps its line (`QuickAnswer.lines`), so that whole-model checks
(builder.check.answers, builder.check.history) can name the line of an unknown
audience or a cited id. The file is optional: a tree without it has no answers.
"""
from __future__ import annotations

from pathlib import Path

from ..diagnostics import Collector
from ..model import QuickAnswer, Source
from .inlines import check_plain, parse_inlines
from .schema import Field, read_fields
from .settings import entry_id, load_entries
from .yamlsrc import setting_lines

ANSWERS = "answers.yaml"
ANSWER_SCHEMA = {
    "id": Field("str", True, "Give the answer a stable id, e.g. 'id: accept-match-tickets'; never reuse an old one."),
    "question": Field("str", True, "Write the question as a reader would ask it, e.g. 'question: Can I accept a gift?'"),
    "answer": Field("str", True, "Answer in one to three plain sentences: yes, no, or it depends (and on what)."),
    "audience": Field("list", True, "Say who asks it, e.g. 'audience: [all-members]'."),
    "cites": Field("list", True, "List the paragraph ids the answer rests on, e.g. 'cites: [gifts-register]'."),
    "reviewed_against": Field("str", True, "The protocol version you checked the answer against, e.g. \"1.1\"."),
}


def load_answers(root: Path, diags: Collector) -> tuple[QuickAnswer, ...]:
    return load_entries(root, ANSWERS, "answers", diags, _answer)


def _answer(item, path: str, diags: Collector) -> QuickAnswer | None:
    f = read_fields(item, ANSWER_SCHEMA, path, item.line, diags, "a quick answer")
    lines = f["_lines"]
    aid = entry_id(f, item, path, diags, "quick answer", "accept-match-tickets")
    if not aid:
        return None
    check_plain(f["question"], path, lines.get("question", item.line), diags, "the question")
    text = " ".join(f["answer"].split())
    inlines = parse_inlines(text, path, lines.get("answer", item.line), diags)
    return QuickAnswer(aid, " ".join(f["question"].split()), inlines, f["audience"], f["cites"],
                       f["reviewed_against"], Source(path, item.line), setting_lines(item))
