"""Load the training sessions (protocol_src/sessions.yaml): what each session's facilitator guide, handout and
slides teach.

    sessions:
      - id: cabinet-members
        title: Cabinet members: directors, decisions and unwelcome advice
        audience: [cabinet-members]
        length: 45                      # minutes: the agenda's minutes add up to it
        format: In person, up to twelve cabinet members and the Chief Executive
        aims:
          - Tell a policy decision from a decision on a case
        sections: [policy-decisions, roles-intersect]
        answers: [change-my-report, unwelcome-advice]
        scenarios: [cabinet-member-picks-contractor, finance-officer-left-out]
        key_points:
          - point: Officers take the decisions the scheme of delegation gives them
            cites: [officers-delegated, policy-delegated-decisions]
            notes: Ask who takes the award in the first scenario ...
        agenda:
          - minutes: 5
            item: Welcome and aims
            notes: ...
        quiz:
          - question: Who awards a contract the scheme of delegation gives to an officer?
            right: The officer named in the scheme, on the evidence
            wrong: [The cabinet member for the service, The Leader]
            why: The decision is the officer's ... see [[policy-delegated-decisions]].
            cites: [policy-delegated-decisions]
        reviewed_against: "1.2"

Every value keeps its line (`Session.lines`, and each key point's and quiz
question's own), so that whole-model checks (builder.check.sessions,
builder.check.history) can name the line of an unknown id. Lists of sentences
(aims, wrong answers) are read item by item: a comma inside a sentence never
splits it. The file is optional: a tree without it has no sessions.
"""
from __future__ import annotations

from pathlib import Path

from ..diagnostics import Collector
from ..model import AgendaItem, KeyPoint, QuizQuestion, Session, Source
from .inlines import check_plain, parse_inlines
from .schema import Field, read_fields
from .settings import entry_id, load_entries
from .yamlsrc import YList, YMap, YScalar, setting_lines

SESSIONS = "sessions.yaml"
SESSION_SCHEMA = {
    "id": Field("str", True, "Give the session a stable id, e.g. 'id: cabinet-members': it names its folder of files."),
    "title": Field("str", True, "Give the session a title, e.g. 'title: Cabinet members and their directors'."),
    "audience": Field("list", True, "Say who it is for, e.g. 'audience: [cabinet-members]'."),
    "length": Field("str", True, "Give its length in minutes, e.g. 'length: 45'."),
    "format": Field("str"),
    "aims": Field("any", True, "List what people will be able to do afterwards, one '- ' line each."),
    "sections": Field("list"),
    "answers": Field("list"),
    "scenarios": Field("list", True, "Name the two or three worked examples it uses, e.g. 'scenarios: [opposition-budget]'."),
    "key_points": Field("any", True, "List its key points, each with 'point:' and 'cites:'."),
    "agenda": Field("any", True, "List the agenda, each item with 'minutes:' and 'item:'."),
    "quiz": Field("any", True, "List the self-check questions, each with question, right, wrong, why and cites."),
    "reviewed_against": Field("str", True, "The protocol version you checked the session against, e.g. \"1.2\"."),
}
POINT_SCHEMA = {
    "point": Field("str", True, "Say the point in one plain sentence: it is the slide's title."),
    "cites": Field("list", True, "List the paragraph ids the point rests on, e.g. 'cites: [officers-delegated]'."),
    "notes": Field("str"),
}
AGENDA_SCHEMA = {
    "minutes": Field("str", True, "Say how long the item takes, e.g. 'minutes: 10'."),
    "item": Field("str", True, "Say what happens, e.g. 'item: Scenario: the local firm'."),
    "notes": Field("str"),
}
QUIZ_SCHEMA = {
    "question": Field("str", True, "Ask the question as a reader would, ending with '?'."),
    "right": Field("str", True, "Give the right answer, e.g. 'right: The officer named in the scheme'."),
    "wrong": Field("any", True, "Give one to three wrong answers, one '- ' line each."),
    "why": Field("str", True, "Say why the right answer is right: the model answer the facilitator reads out."),
    "cites": Field("list", True, "List the paragraph ids the answer rests on, e.g. 'cites: [officers-delegated]'."),
}


def load_sessions(root: Path, diags: Collector) -> tuple[Session, ...]:
    return load_entries(root, SESSIONS, "sessions", diags, _session)


def _session(item, path: str, diags: Collector) -> Session | None:
    f = read_fields(item, SESSION_SCHEMA, path, item.line, diags, "a session")
    lines = f["_lines"]
    sid = entry_id(f, item, path, diags, "session", "cabinet-members")
    if not sid:
        return None
    for key in ("title", "format"):
        check_plain(f[key], path, lines.get(key, item.line), diags, f"the session's {key}")
    length = minutes(f["length"], path, lines.get("length", item.line), diags, "length")
    return Session(
        sid, " ".join(f["title"].split()), f["audience"], length, " ".join(f["format"].split()),
        texts(f["aims"], "aims", path, diags), f["sections"], f["answers"], f["scenarios"],
        tuple(_key_point(n, path, diags) for n in _maps(f["key_points"], "key_points", path, diags)),
        tuple(_agenda_item(n, path, diags) for n in _maps(f["agenda"], "agenda", path, diags)),
        tuple(_question(n, path, diags) for n in _maps(f["quiz"], "quiz", path, diags)),
        f["reviewed_against"], Source(path, item.line), setting_lines(item))


def _key_point(node: YMap, path: str, diags: Collector) -> KeyPoint:
    f = read_fields(node, POINT_SCHEMA, path, node.line, diags, "a key point")
    line = f["_lines"].get
    check_plain(f["point"], path, line("point", node.line), diags, "the key point")
    return KeyPoint(" ".join(f["point"].split()), f["cites"], parse_inlines(f["notes"], path, line("notes", node.line), diags),
                    Source(path, node.line), setting_lines(node))


def _agenda_item(node: YMap, path: str, diags: Collector) -> AgendaItem:
    f = read_fields(node, AGENDA_SCHEMA, path, node.line, diags, "an agenda item")
    line = f["_lines"].get
    check_plain(f["item"], path, line("item", node.line), diags, "the agenda item")
    return AgendaItem(minutes(f["minutes"], path, line("minutes", node.line), diags, "minutes"),
                      " ".join(f["item"].split()), parse_inlines(f["notes"], path, line("notes", node.line), diags),
                      Source(path, node.line))


def _question(node: YMap, path: str, diags: Collector) -> QuizQuestion:
    f = read_fields(node, QUIZ_SCHEMA, path, node.line, diags, "a quiz question")
    line = f["_lines"].get
    for key in ("question", "right"):
        check_plain(f[key], path, line(key, node.line), diags, f"the quiz question's {key}")
    wrong = texts(f["wrong"], "wrong", path, diags)
    return QuizQuestion(" ".join(f["question"].split()), " ".join(f["right"].split()), wrong,
                        parse_inlines(f["why"], path, line("why", node.line), diags), f["cites"],
                        Source(path, node.line), setting_lines(node))


def minutes(text: str, path: str, line: int, diags: Collector, key: str) -> int:
    """A whole number of minutes (0, reported, when it is not one)."""
    if not text:
        return 0
    if text.isdigit() and 0 < int(text) <= 24 * 60:
        return int(text)
    diags.error("M003", path, line, f"{key!r} must be a whole number of minutes, not {text!r}",
                f"Write the number alone, e.g. '{key}: 15'.")
    return 0


def texts(value, key: str, path: str, diags: Collector) -> tuple[str, ...]:
    """The sentences of a list given one '- ' line each (or a single sentence on the key's own line)."""
    if value is None or (isinstance(value, YScalar) and value.is_null):
        return ()
    items = value.items if isinstance(value, YList) else (value,)
    out = []
    for item in items:
        if not isinstance(item, YScalar):
            diags.error("M003", path, item.line, f"each entry of {key!r} must be a sentence",
                        f"Write each one on its own '- ' line under '{key}:'.")
        elif item.value.strip():
            check_plain(item.value, path, item.line, diags, f"an entry of {key!r}")
            out.append(" ".join(item.value.split()))
    return tuple(out)


def _maps(value, key: str, path: str, diags: Collector) -> list[YMap]:
    """The entries of a list of settings (key points, agenda items, questions), each a YMap."""
    if value is None or (isinstance(value, YScalar) and value.is_null):
        return []
    if not isinstance(value, YList):
        diags.error("M003", path, value.line, f"{key!r} must be a list of entries starting with '- '",
                    f"Put each entry on its own lines under '{key}:', starting with '- '.")
        return []
    out = []
    for item in value.items:
        if isinstance(item, YMap):
            out.append(item)
        else:
            diags.error("M003", path, item.line, f"each entry of {key!r} must be a set of 'key: value' lines",
                        "Start each entry with '- ' and give its settings indented under it.")
    return out
