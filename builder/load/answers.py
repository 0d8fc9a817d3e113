"""Load the quick answers (protocol_src/answers.yaml): "Can I...?" questions answered in one to three sentences.

    answers:
      - id: accept-match-tickets
        question: Can I accept tickets to a football match from a company?
        answer: Usually not. ... See [[gifts-principle]].
        audience: [everyone]
        cites: [gifts-principle, gifts-register]
        reviewed_against: "1.1"

Each value keeps its line, so that whole-model checks (builder.check.answers)
can name the line of an unknown audience or a cited id.
"""
from __future__ import annotations

from ..diagnostics import Collector
from ..model import QuickAnswer, Source
from .fields import Field, read_fields
from .text import check_plain, id_problem, parse_inlines, valid_id
from .yamlsrc import YList, YMap, YScalar

ANSWERS = "answers.yaml"
ANSWER_SCHEMA = {
    "id": Field("str", True, "Give the answer a stable id, e.g. 'id: accept-match-tickets'; never reuse an old one."),
    "question": Field("str", True, "Write the question as a reader would ask it, e.g. 'question: Can I accept a gift?'"),
    "answer": Field("str", True, "Answer in one to three plain sentences: yes, no, or it depends (and on what)."),
    "audience": Field("list", True, "Say who asks it, e.g. 'audience: [all-members]'."),
    "cites": Field("list", True, "List the paragraph ids the answer rests on, e.g. 'cites: [gifts-register]'."),
    "reviewed_against": Field("str", True, "The protocol version you checked the answer against, e.g. \"1.1\"."),
}


def load_answers(node, path: str, diags: Collector) -> tuple[QuickAnswer, ...]:
    from . import _entries  # here: builder.load imports this module

    out = []
    for item in _entries(node, "answers", path, diags):
        answer = _answer(item, path, diags)
        if answer is not None:
            out.append(answer)
    return tuple(out)


def _answer(item, path: str, diags: Collector) -> QuickAnswer | None:
    f = read_fields(item, ANSWER_SCHEMA, path, item.line, diags, "a quick answer")
    lines = f["_lines"]
    aid = f["id"]
    if aid and not valid_id(aid):
        diags.error("I002", path, lines.get("id", item.line), f"quick answer id {aid!r} is malformed: {id_problem(aid)}",
                    "Use lower-case letters, digits and hyphens, e.g. 'id: accept-match-tickets'.")
        return None
    if not aid:
        return None
    check_plain(f["question"], path, lines.get("question", item.line), diags, "the question")
    text = " ".join(f["answer"].split())
    inlines = parse_inlines(text, path, lines.get("answer", item.line), diags)
    return QuickAnswer(aid, " ".join(f["question"].split()), inlines, f["audience"], f["cites"],
                       f["reviewed_against"], Source(path, item.line), value_lines(item))


def value_lines(item) -> tuple[tuple[str, str, int], ...]:
    """(key, value, line) for every key and every list value of an entry."""
    if not isinstance(item, YMap):
        return ()
    out: list[tuple[str, str, int]] = []
    for key, kline, value in item.entries:
        out.append((key, "", kline))
        if isinstance(value, YList):
            out.extend((key, v.value.strip(), v.line) for v in value.items if isinstance(v, YScalar))
        elif isinstance(value, YScalar) and not value.is_null:
            for part in value.value.split(","):  # 'cites: a, b' is a list too
                out.append((key, part.strip(), value.line))
    return tuple(out)
