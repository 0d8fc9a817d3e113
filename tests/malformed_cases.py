"""The catalogue of malformed source trees (issues 2 and 8).

Each case is the small valid tree in tests/fixtures/mini with one defect, written
as edits applied to a temporary copy, so the repository holds one tree and this
file rather than dozens of near-identical folders. `expect` lists the problems
`protocol check` must report: (path relative to the root, line or 0 for "no
line", rule code).

Edits:
    ("replace", path, old, new)  replace text that must occur in the file
    ("write", path, content)     write a whole file (str as UTF-8, or bytes)
    ("append", path, text)
    ("delete", path)
    ("mkdir", path)
    ("release", version, date, next)  `protocol release VERSION --status adopted --date DATE --body "Full
                                 Council" [--next NEXT]`, as builder.release does it for the command

CYCLE_CASES are trees a second or third amendment cycle makes (issue 14): they start with a release, and
some run another command than `check` (`command`, with {root} and {tmp} filled in, run in {tmp}, which holds
no protocol_src/) and then `check` again (`after`: codes it must no longer report).
"""
from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

P = "protocol_src/protocol.yaml"
PUR = "protocol_src/purpose.md"
ROL = "protocol_src/roles.md"
GLO = "protocol_src/glossary.yaml"
VOC = "protocol_src/vocabulary.yaml"
PARA = "{#roles-members} Members set policy."

SCENARIO = """---
title: The helpful officer
audience: [all-members]
areas: [operational]
cites: [roles-members]
reviewed_against: "1.1"
---

## The situation
Councillor Amir Okafor asks an officer for help.

## What makes it hard
The officer wants to help.

## What the protocol says
Paragraph [[roles-members]] says members set policy.

## What good looks like
The officer explains the route.

## What goes wrong
The officer does the work anyway.

## Questions for discussion
- What should the officer say?

## Notes for facilitators
Ask the group to think about roles.
"""

LONG = " ".join(["word"] * 40)
VOC_END = len((Path(__file__).parent / "fixtures" / "mini" / VOC).read_text(encoding="utf-8").splitlines())
OBLIGATIONS = """obligations:
  - id: member-respect
    label: "Member code 1: Respect"
    code: member
  - id: officer-impartiality
    label: "Employee code: Political impartiality"
    code: officer
"""
TOPICS = """topics:
  - id: staffing
    label: Staffing
    minimum: 2
"""
ANS = "protocol_src/answers.yaml"
SYN = "protocol_src/synonyms.yaml"
ANSWER = """answers:
  - id: members-set-policy
    question: Do members set policy?
    answer: Yes. Members set policy, and officers advise on it.
    audience: [all-members]
    cites: [roles-members]
    reviewed_against: "1.1"
"""


@dataclass(frozen=True)
class Case:
    name: str
    edits: tuple
    expect: tuple  # ((path, line, code), ...)
    exit_code: int = 1
    strict: bool = False
    absent: tuple = ()  # codes that must NOT be reported (no cascades)
    says: str | tuple = ""  # a phrase (or phrases) the output must contain (e.g. a did-you-mean)
    command: tuple = ()  # another command line than `check --root {root}` (see the module's doc)
    after: tuple = ()  # codes a `check` run after `command` must not report


def _c(name, edits, expect, **kw) -> Case:
    return Case(name, tuple(edits), tuple(expect), **kw)


CASES: list[Case] = [
    # ------------------------------------------------------------ S: files and syntax
    _c("yaml-colon-in-value", [("replace", P, "council: Middleford City Council", "council: Middleford: City Council")],
       [(P, 3, "S002")], absent=("M002", "L002")),
    _c("yaml-front-matter-unclosed-bracket", [("replace", PUR, "keywords: [purpose, status]", "keywords: [purpose, status")],
       [(PUR, 4, "S002")], absent=("M002",)),
    _c("yaml-front-matter-error-offset", [("replace", ROL, 'objectives: ["8.4"]', 'objectives: "8.4')],
       [(ROL, 4, "S002")], absent=("M002",)),
    _c("yaml-tab-indentation", [("replace", VOC, "  - id: everyone", "\t- id: everyone")],
       [(VOC, 5, "S002")], absent=("T001",), says="tab"),
    _c("yaml-truncated", [("write", GLO, 'terms:\n  - term: "Monitoring Officer\n')],
       [(GLO, 2, "S002")], absent=("R002",)),
    _c("yaml-two-documents", [("append", P, "---\ntitle: again\n")], [(P, 21, "S002")]),
    _c("yaml-python-object-tag", [("replace", P, "title: Member/Officer Relations Protocol",
                                   "title: !!python/object/apply:os.system ['echo PWNED > pwned.txt']")],
       [(P, 2, "S003")]),
    _c("yaml-custom-tag", [("replace", PUR, "title: Purpose", "title: !custom Purpose")], [(PUR, 2, "S003")]),
    _c("yaml-value-tag", [("replace", PUR, "keywords: [purpose, status]", "keywords: [purpose, =]")],
       [(PUR, 4, "S003")]),
    _c("yaml-key-twice", [("append", P, "title: Again\n")], [(P, 21, "S004")]),
    _c("paragraph-setting-twice", [("replace", ROL, PARA, "{#roles-members audience=everyone audience=all-members} Members set policy.")],
       [(ROL, 7, "S004")]),
    _c("front-matter-not-closed", [("write", ROL, "---\ntitle: Roles\n\n{#roles-members} Members set policy.\n")],
       [(ROL, 1, "S005")], absent=("R001",)),
    _c("front-matter-missing", [("write", ROL, PARA + "\n")], [(ROL, 1, "S005")], absent=("R001",)),
    _c("not-utf8-latin1", [("replace", ROL, "set policy.", "set policy caf\udce9.")], [(ROL, 7, "S001")], absent=("R001",)),
    _c("mixed-encodings", [("replace", PUR, "work together.", "work \u201ctogether\u201d \udc93cp1252\udc94.")],
       [(PUR, 9, "S001")]),
    _c("utf16-file", [("write", GLO, "terms:\n  - term: MO\n    definition: An officer.\n".encode("utf-16"))],
       [(GLO, 1, "S001")], absent=("R002",)),
    _c("control-character", [("replace", ROL, "set policy.", "set\x1b[31m policy.")], [(ROL, 7, "S001")]),
    _c("nul-byte", [("replace", GLO, "aliases: [MO]", "aliases: [MO]\x00")], [(GLO, 4, "S001")]),
    _c("section-file-is-a-folder", [("delete", ROL), ("mkdir", ROL)], [(ROL, 0, "S006")], absent=("R001",)),
    _c("protocol-yaml-missing", [("delete", P)], [(P, 0, "S006")], absent=("M002", "L002")),
    _c("vocabulary-missing", [("delete", VOC)], [(VOC, 0, "S006")], absent=("T001", "T003")),
    _c("very-large-file", [("big", ROL, 6 * 1024 * 1024)], [(ROL, 0, "S007")], absent=("R001",)),
    # ------------------------------------------------------------ M: fields
    _c("unknown-key-protocol", [("replace", P, "language: en-GB", "langauge: en-GB")], [(P, 9, "M001")],
       says='Did you mean "language"?'),
    _c("unknown-key-section", [("replace", PUR, "summary:", "sumary:")], [(PUR, 3, "M001")], says='"summary"'),
    _c("unknown-key-vocabulary", [("replace", VOC, "principles:\n", "principals:\n")], [(VOC, 49, "M001"), (VOC, 4, "M002")],
       says='"principles"', absent=("T002",)),
    _c("unknown-paragraph-setting", [("replace", ROL, PARA, "{#roles-members audiance=all-members} Members set policy.")],
       [(ROL, 7, "M001")], says='"audience"'),
    _c("missing-section-title", [("replace", ROL, "title: Roles\n", "")], [(ROL, 2, "M002")]),
    _c("missing-owner", [("replace", P, "owner: Monitoring Officer\n", "")], [(P, 2, "M002")]),
    _c("empty-title", [("replace", PUR, "title: Purpose and status of this protocol", "title:")], [(PUR, 2, "M002")]),
    _c("wrong-type-title-list", [("replace", PUR, "title: Purpose and status of this protocol", "title: [a, b]")],
       [(PUR, 2, "M003")]),
    _c("wrong-type-sections-mapping", [("replace", P, "  - purpose\n  - roles\n", "  purpose: 1\n  roles: 2\n")],
       [(P, 19, "M003")]),
    _c("wrong-type-review-months", [("replace", P, "review_months: 6", "review_months: six")], [(P, 10, "M003")]),
    _c("wrong-type-glossary", [("write", GLO, "terms: Monitoring Officer\n")], [(GLO, 1, "M003")]),
    _c("wrong-type-protocol-is-a-list", [("write", P, "- title\n- council\n")], [(P, 1, "M003")]),
    _c("invalid-date", [("replace", P, "date: 2024-05-07", "date: 2024-02-30")], [(P, 7, "M004")]),
    _c("invalid-key-date", [("replace", P, "drafted: 2024-02-12", "drafted: 12/02/2024")], [(P, 12, "M004")]),
    _c("invalid-status", [("replace", P, "status: draft", "status: final")], [(P, 6, "M005")]),
    _c("invalid-version", [("replace", P, 'version: "1.1"', 'version: "one"')], [(P, 5, "M006")]),
    # ------------------------------------------------------------ I: ids
    _c("duplicate-id-same-file", [("append", ROL, "\n{#roles-members} Officers advise.\n")],
       [(ROL, 7, "I001"), (ROL, 9, "I001")]),
    _c("duplicate-id-across-files", [("append", ROL, "\n{#purpose-what} Officers advise.\n")],
       [(PUR, 9, "I001"), (ROL, 9, "I001")]),
    _c("duplicate-id-section-and-paragraph", [("replace", ROL, "{#roles-members}", "{#purpose}")],
       [(PUR, 1, "I001"), (ROL, 7, "I001")]),
    _c("duplicate-id-section-and-scenario", [("write", "scenarios/purpose-what.md", SCENARIO)],
       [(PUR, 9, "I001"), ("scenarios/purpose-what.md", 1, "I001")]),
    _c("duplicate-glossary-term", [("append", GLO, "  - term: monitoring officer\n    definition: Again.\n")],
       [(GLO, 5, "I001")]),
    _c("duplicate-vocabulary-id", [("replace", VOC, "  - id: honesty\n", "  - id: integrity\n")],
       [(VOC, 53, "I001"), (VOC, 65, "I001")]),
    _c("malformed-id-uppercase", [("replace", ROL, "{#roles-members}", "{#Roles-Members}")], [(ROL, 7, "I002")]),
    _c("malformed-id-path-traversal", [("replace", ROL, "{#roles-members}", "{#../../etc/passwd}")], [(ROL, 7, "I002")],
       says="cannot contain '/'"),
    _c("malformed-heading-id", [("replace", PUR, "{#status-heading}", "{#Status_Heading}")], [(PUR, 15, "I002")]),
    _c("malformed-section-id", [("append", P, "  - ../secret\n")], [(P, 21, "I002")]),
    _c("paragraph-without-id", [("append", ROL, "\nOfficers advise.\n")], [(ROL, 9, "I003")]),
    _c("heading-without-id", [("append", ROL, "\n## More\n")], [(ROL, 9, "I003")]),
    # ------------------------------------------------------------ L: the section list
    _c("section-listed-file-missing", [("append", P, "  - conduct\n")], [(P, 21, "L001")]),
    _c("section-file-deleted", [("delete", ROL)], [(P, 20, "L001")], absent=("R001",)),
    _c("section-file-not-listed", [("write", "protocol_src/extra.md", "---\ntitle: Extra\n---\n\n{#extra-one} More.\n")],
       [("protocol_src/extra.md", 1, "L002")]),
    _c("empty-section", [("write", ROL, "---\ntitle: Roles\n---\n\n<!-- to be written -->\n")],
       [(ROL, 1, "L003")]),
    _c("section-listed-twice", [("append", P, "  - roles\n")], [(P, 21, "L004")]),
    # ------------------------------------------------------------ R: references
    _c("unknown-cross-reference", [("replace", ROL, PARA, PARA + " See [[purpose-whta]].")], [(ROL, 7, "R001")],
       says='"purpose-what"'),
    _c("reference-to-a-heading", [("replace", ROL, PARA, PARA + " See [[status-heading]].")], [(ROL, 7, "R001")]),
    _c("unknown-glossary-term", [("replace", ROL, PARA, PARA + " Ask the {{Chief Executive}}.")], [(ROL, 7, "R002")]),
    _c("unclosed-reference", [("replace", ROL, PARA, PARA + " See [[purpose-what.")], [(ROL, 7, "R003")]),
    _c("unclosed-term", [("replace", ROL, PARA, PARA + " Ask the {{Monitoring Officer.")], [(ROL, 7, "R003")]),
    _c("self-reference", [("replace", ROL, PARA, PARA + " See [[roles-members]].")], [(ROL, 7, "R004")]),
    _c("self-reference-in-sub-item", [("replace", ROL, PARA, PARA + "\n- see [[roles-members]]")], [(ROL, 8, "R004")]),
    # ------------------------------------------------------------ T: tags
    _c("unknown-audience-section", [("replace", ROL, "audience: [everyone]", "audience: [everyone, councillors]")],
       [(ROL, 3, "T001")]),
    _c("unknown-audience-paragraph", [("replace", ROL, "{#roles-members}", "{#roles-members audience=cabinet}")],
       [(ROL, 7, "T001")], says='"cabinet-members"'),
    _c("unknown-part-of-audience", [("replace", VOC, "part_of: everyone\n    description: Every elected",
                                     "part_of: everybody\n    description: Every elected")], [(VOC, 8, "T001")]),
    _c("unknown-principle", [("replace", PUR, "principles=leadership", "principles=leadershp")], [(PUR, 11, "T002")]),
    _c("unknown-objective-on-its-line", [("replace", ROL, 'objectives: ["8.4"]', 'objectives:\n  - "8.4"\n  - "9.1"')],
       [(ROL, 6, "T003")]),
    _c("attribute-block-not-closed", [("replace", ROL, PARA, "{#roles-members Members set policy.")], [(ROL, 7, "T005")]),
    _c("heading-id-not-closed", [("replace", PUR, "## Status {#status-heading}", "## Status {#status-heading")],
       [(PUR, 15, "T005")]),
    _c("empty-paragraph", [("append", ROL, "\n{#roles-empty}\n")], [(ROL, 9, "M002")]),
    _c("attribute-with-spaces", [("replace", ROL, "{#roles-members}", "{#roles-members audience = everyone}")],
       [(ROL, 7, "T005")]),
    # ------------------------------------------------------------ X: text
    _c("script-in-paragraph", [("replace", ROL, PARA, PARA + " <script>alert(1)</script>")], [(ROL, 7, "X001")]),
    _c("unclosed-tag-in-paragraph", [("replace", ROL, PARA, PARA + " <img src=x onerror=alert(1)")], [(ROL, 7, "X001")]),
    _c("html-in-sub-item", [("replace", PUR, "- members, and", "- members, <b>and</b>")], [(PUR, 12, "X001")]),
    _c("html-in-heading", [("replace", PUR, "## Status {#", "## <i>Status</i> {#")], [(PUR, 15, "X001")]),
    _c("html-in-section-title", [("replace", ROL, "title: Roles", "title: Roles <iframe src=x>")], [(ROL, 2, "X001")]),
    _c("html-in-glossary", [("replace", GLO, "definition: The statutory", "definition: The <a href=x>statutory</a>")],
       [(GLO, 3, "X001")]),
    _c("unclosed-comment", [("append", ROL, "\n<!-- to do\n\n{#roles-later} Later.\n")], [(ROL, 9, "X001")]),
    _c("long-sentence", [("replace", ROL, PARA, "{#roles-members} " + LONG + ".")], [(ROL, 7, "X002")], strict=True),
    _c("heading-level-3", [("append", ROL, "\n### Deeper {#deeper}\n")], [(ROL, 9, "X003")]),
    _c("heading-level-1", [("append", ROL, "\n# Roles again\n")], [(ROL, 9, "X003")]),
    _c("list-item-without-paragraph", [("replace", PUR, "{#status-heading}\n", "{#status-heading}\n- a loose item\n")],
       [(PUR, 16, "X004")]),
    # ------------------------------------------------------------ tables ending a paragraph
    _c("table-row-without-paragraph", [("replace", PUR, "{#status-heading}\n", "{#status-heading}\n| A | B |\n| --- | --- |\n| 1 | 2 |\n")],
       [(PUR, 16, "X007")]),
    _c("table-without-separator", [("replace", ROL, PARA, PARA + "\n| Who | What |\n| Members | Policy |")],
       [(ROL, 8, "X007")], says="separator"),
    _c("table-row-too-short", [("replace", ROL, PARA, PARA + "\n| Who | What |\n| --- | --- |\n| Members |")],
       [(ROL, 10, "X007")], says="1 cells; the header has 2"),
    _c("table-empty-cell", [("replace", ROL, PARA, PARA + "\n| Who | What |\n| --- | --- |\n| Members |  |")],
       [(ROL, 10, "X007")], says="empty cell"),
    _c("table-one-column", [("replace", ROL, PARA, PARA + "\n| Who |\n| --- |\n| Members |")],
       [(ROL, 8, "X007")], says="2 to 6 columns"),
    _c("table-cell-unknown-reference", [("replace", ROL, PARA, PARA + "\n| Who | See |\n| --- | --- |\n| Members | [[roles-officrs]] |")],
       [(ROL, 10, "R001")]),
    _c("table-cell-html", [("replace", ROL, PARA, PARA + "\n| Who | What |\n| --- | --- |\n| Members | <b>policy</b> |")],
       [(ROL, 10, "X001")]),
    # ------------------------------------------------------------ obligations (teeth) and topics
    _c("unknown-obligation", [("append", VOC, OBLIGATIONS),
                              ("replace", ROL, PARA, "{#roles-members obligations=member-respekt} Members must set policy.")],
       [(ROL, 7, "T007")], says='"member-respect"'),
    _c("obligation-without-vocabulary-list", [("replace", ROL, PARA, "{#roles-members obligations=member-respect} Members must set policy.")],
       [(ROL, 7, "T007")], says="no 'obligations:' list"),
    _c("must-without-obligation", [("append", VOC, OBLIGATIONS), ("replace", ROL, PARA, "{#roles-members} Members must set policy.")],
       [(ROL, 7, "T008")], strict=True, says="names no code obligation"),
    _c("obligation-without-must", [("append", VOC, OBLIGATIONS),
                                   ("replace", ROL, PARA, "{#roles-members obligations=member-respect} Members set policy.")],
       [(ROL, 7, "T008")], strict=True, says="states no duty"),
    _c("obligation-with-unknown-code", [("append", VOC, OBLIGATIONS.replace("code: officer", "code: staff"))],
       [(VOC, VOC_END + 7, "M003")], says="code: officer"),
    _c("topic-minimum-not-a-number", [("append", VOC, TOPICS.replace("minimum: 2", "minimum: two"))],
       [(VOC, VOC_END + 4, "M003")], says="whole number"),
    _c("unknown-topic", [("append", VOC, TOPICS), ("write", "scenarios/helpful-officer.md",
                                                   SCENARIO.replace("cites:", "topics: [staffng]\ncites:"))],
       [("scenarios/helpful-officer.md", 5, "T009")], says='"staffing"'),
    _c("unknown-failure", [("write", "scenarios/helpful-officer.md",
                            SCENARIO.replace("cites:", "failures: [councillor]\ncites:"))],
       [("scenarios/helpful-officer.md", 5, "M003")], says="failures: [member]"),
    _c("caption-missing-where-others-have-one", [("replace", PUR, "{#purpose-what}", '{#purpose-what caption="What the protocol is for"}')],
       [(PUR, 11, "X008")], strict=True, says="has no caption"),
    _c("unused-glossary-term", [("append", GLO, "  - term: Chief Executive\n    definition: The head of paid service.\n")],
       [(GLO, 5, "X005")], strict=True),
    _c("caption-too-long", [("replace", ROL, PARA, '{#roles-members caption="' + "A caption that goes on " * 3
                             + '"} Members set policy.')], [(ROL, 7, "X006")]),
    _c("caption-with-markup", [("replace", ROL, PARA, '{#roles-members caption="See [[purpose-what]]"} Members set policy.')],
       [(ROL, 7, "X006")]),
    _c("caption-misspelt", [("replace", ROL, PARA, '{#roles-members captoin="Who sets policy"} Members set policy.')],
       [(ROL, 7, "M001")], says='Did you mean "caption"?'),
    # ------------------------------------------------------------ Q: quick answers, W: synonyms
    _c("answer-cites-unknown", [("write", ANS, ANSWER.replace("[roles-members]", "[roles-member]"))],
       [(ANS, 6, "Q001")], says='Did you mean "roles-members"?'),
    _c("answer-unknown-audience", [("write", ANS, ANSWER.replace("[all-members]", "[all-member]"))],
       [(ANS, 5, "T001")]),
    _c("answer-malformed-id", [("write", ANS, ANSWER.replace("members-set-policy", "Members_Set_Policy"))],
       [(ANS, 2, "I002")]),
    _c("answer-id-taken", [("write", ANS, ANSWER.replace("id: members-set-policy", "id: purpose-what"))],
       [(ANS, 2, "I001"), (PUR, 9, "I001")]),
    _c("answer-missing-cites", [("write", ANS, ANSWER.replace("    cites: [roles-members]\n", ""))],
       [(ANS, 2, "M002")]),
    _c("answer-unknown-version", [("write", ANS, ANSWER.replace('"1.1"', '"1.7"'))], [(ANS, 7, "Q003")]),
    _c("answer-too-long", [("write", ANS, ANSWER.replace("Yes. Members set policy, and officers advise on it.",
                                                         "Yes. They do. Officers advise. Members decide."))],
       [(ANS, 4, "Q004")], strict=True),
    _c("answer-not-yes-or-no", [("write", ANS, ANSWER.replace("Yes. Members", "Members"))],
       [(ANS, 4, "Q005")], strict=True),
    _c("answer-question-mark", [("write", ANS, ANSWER.replace("Do members set policy?", "Members and policy"))],
       [(ANS, 3, "Q005")], strict=True),
    _c("answer-html", [("write", ANS, ANSWER.replace("officers advise", "<b>officers</b> advise"))], [(ANS, 4, "X001")]),
    _c("answer-unknown-reference", [("write", ANS, ANSWER.replace("officers advise on it.", "see [[roles-memberz]]."))],
       [(ANS, 4, "R001")]),
    _c("answers-not-a-list", [("write", ANS, "answers: members set policy\n")], [(ANS, 1, "M003")]),
    _c("synonym-unknown-word", [("write", SYN, "synonyms:\n  policy: [policies]\n  polcy: [rules]\n")],
       [(SYN, 3, "W001")]),
    _c("synonym-twice", [("write", SYN, "synonyms:\n  policy: [rules]\n  Policy: [policies]\n")], [(SYN, 3, "S004")]),
    _c("synonym-no-words", [("write", SYN, "synonyms:\n  policy:\n")], [(SYN, 2, "M003")]),
]


# ---------------------------------------------------------------- the second and third cycle (issue 14)

H = "protocol_src/history.yaml"
A = "protocol_src/amendments.yaml"
EXTRA = "protocol_src/extra.md"
HELPFUL = "scenarios/helpful.md"
R11 = ("release", "1.1", "2024-05-21", "1.2")  # release 1.1 (adopted) and start draft 1.2
SWAP = ("replace", P, "  - purpose\n  - roles\n", "  - roles\n  - purpose\n")
WITH_EXTRA = [("write", EXTRA, "---\ntitle: Extra\n---\n\n{#extra-one} Officers keep records.\n\n"
                               "## More {#extra-heading}\n\n{#extra-two} Members read them.\n"),
              ("append", P, "  - extra\n")]
NEW_FIRST = ("replace", ROL, PARA, "{#roles-officers} Officers advise members.\n\n" + PARA)  # 2.1 is now 2.2


def _reasons(**reasons: str) -> tuple:
    return ("write", A, "reasons:\n" + "".join(f"  {key}: {why}\n" for key, why in reasons.items()))


CYCLE_CASES: list[Case] = [
    # ------------------------------------------------------------ no cascade, one message
    _c("edited-release-no-cascade",
       [R11, ("replace", ROL, PARA, "{#roles-members} Members set the policy."), _reasons(**{"roles-members": "Clearer"}),
        ("release", "1.2", "2024-11-21", "1.3"), ("replace", PUR, "work together.", "work well together."),
        _reasons(**{"purpose-what": "Plainer"}), ("append", "releases/1.2/protocol_src/roles.md", "\n")],
       [(H, 9, "V002")], absent=("V004", "V005", "V006")),
    _c("reference-to-a-deleted-paragraph",
       [R11, ("replace", PUR, "{#purpose-what} This protocol sets out how members and officers work together.\n\n", ""),
        ("replace", ROL, PARA, PARA + " See [[purpose-what]].")],
       [(ROL, 7, "R001")], says=("names paragraph 1.1 of release 1.1 (in section 1, Purpose and status of this "
                                 "protocol), which was deleted in this draft",)),
    _c("paragraph-without-id-after-a-release", [R11, ("append", ROL, "\nOfficers advise.\n")],
       [(ROL, 9, "I003")], absent=("V004",)),
    # ------------------------------------------------------------ commands
    _c("pasted-copy-gets-a-fresh-id",
       [R11, ("replace", PUR, "{#purpose-what}", "{#roles-members} Members set policy, and officers advise.\n\n"
                                                 "{#purpose-what}")],
       [], exit_code=0, command=("ids", "--root", "{root}"), after=("I001",),
       says=("protocol_src/purpose.md:9: gave the copy of 'roles-members' a new id {#members-set-policy-officers}",
             "the one at protocol_src/roles.md:7 keeps 'roles-members' (it is the one in release 1.1)")),
    _c("diff-two-folders-without-root", [R11, ("replace", ROL, "set policy.", "set the policy.")], [], exit_code=0,
       command=("diff", "--from", "{root}/releases/1.1", "--to", "{root}", "--out", "{tmp}/redline.docx"),
       says=("1.1 -> 1.2: paragraphs: 1 changed",)),
    _c("diff-summary-counts-consequential-apart", [R11, NEW_FIRST, _reasons(**{"roles-officers": "New"})], [],
       exit_code=0, command=("diff", "--root", "{root}", "--from", "1.1", "--out", "{tmp}/redline.docx"),
       says=("1.1 -> 1.2: paragraphs: 1 inserted; 1 only renumbered a cross-reference (consequential)",)),
    _c("release-with-no-change-is-refused", [R11], [],
       command=("release", "--root", "{root}", "1.2", "--status", "adopted", "--date", "2024-11-21", "--body", "FC"),
       says=("nothing has changed since release 1.1",)),
    _c("release-with-last-rounds-reasons-is-refused",
       [("replace", ROL, "set policy.", "set the policy."), _reasons(**{"roles-members": "Clearer"}),
        ("release", "1.1", "2024-05-21", ""), ("replace", P, 'version: "1.1"', 'version: "1.2"'),
        ("replace", P, "status: adopted", "status: draft"), ("replace", PUR, "work together.", "work well together."),
        ("append", A, "  purpose-what: Plainer\n")], [],
       command=("release", "--root", "{root}", "1.2", "--status", "adopted", "--date", "2024-11-21", "--body", "FC"),
       says=("gives reasons for 1 id(s) that have not changed since release 1.1: 'roles-members' (line 2)",)),
    # ------------------------------------------------------------ a reason for every kind of change
    _c("stale-reason-after-a-release",
       [("replace", ROL, "set policy.", "set the policy."), _reasons(**{"roles-members": "Clearer"}),
        ("release", "1.1", "2024-05-21", ""), ("replace", P, 'version: "1.1"', 'version: "1.2"'),
        ("replace", PUR, "work together.", "work well together."), ("append", A, "  purpose-what: Plainer\n")],
       [(A, 2, "V005")], exit_code=0, says="reasons belong to the draft they were written for"),
    _c("section-swap-reason-under-either-key", [R11, SWAP, _reasons(roles="Roles first, as members asked")], [],
       exit_code=0, absent=("V004", "V005")),
    _c("section-moved-without-reason", [R11, SWAP], [(P, 21, "V004")], exit_code=0,
       says=("section 'purpose' (1 → 2) has moved since release 1.1 but has no reason",
             "It swapped places with 'roles': one reason under either id is the swap's.")),
    _c("section-reordered-reason-under-the-wrong-key",
       WITH_EXTRA + [R11, ("replace", P, "  - purpose\n  - roles\n  - extra\n", "  - roles\n  - extra\n  - purpose\n"),
                     _reasons(roles="Roles first")],
       [(A, 2, "V005"), (P, 22, "V004")], exit_code=0,
       says=("a reason is given for section 'roles', which has not changed since release 1.1",
             "the tool counts as moved the fewest that explain the new order: 'purpose' (1 → 3)")),
    _c("section-retitled-without-reason", [R11, ("replace", ROL, "title: Roles", "title: Roles of members")],
       [(ROL, 2, "V004")], exit_code=0, says="section 'roles' (2) was retitled since release 1.1"),
    _c("new-section-reason-covers-its-paragraphs", [R11] + WITH_EXTRA + [_reasons(extra="New section")], [],
       exit_code=0, absent=("V004", "V005")),
    _c("deleted-section-one-message", WITH_EXTRA + [R11, ("delete", EXTRA), ("replace", P, "  - extra\n", "")],
       [(P, 19, "V004")], exit_code=0, says="section 'extra' (3) was deleted since release 1.1"),
    _c("sub-heading-changed-without-reason", [R11, ("replace", PUR, "## Status {#", "## Status of this protocol {#")],
       [(PUR, 15, "V004")], exit_code=0, says="sub-heading 'status-heading' has changed"),
    _c("glossary-term-changed-without-reason", [R11, ("replace", GLO, "acts lawfully", "acts lawfully and fairly")],
       [(GLO, 2, "V004")], exit_code=0, says="glossary term 'Monitoring Officer' has changed"),
    _c("glossary-term-reason-in-any-case", [R11, ("replace", GLO, "acts lawfully", "acts lawfully and fairly"),
                                            _reasons(**{"monitoring officer": "Fairness"})], [],
       exit_code=0, absent=("V004", "V005")),
    _c("scenario-changed-without-reason",
       [("write", HELPFUL, SCENARIO), R11, ("replace", HELPFUL, "wants to help.", "wants to help quickly.")],
       [(HELPFUL, 1, "V004")], exit_code=0, says="scenario 'helpful' (A1) has changed"),
    _c("scenario-cites-changed-needs-no-reason",  # the schedule has no row to print one in
       [("write", HELPFUL, SCENARIO), R11, ("replace", HELPFUL, "cites: [roles-members]", "cites: [roles-members, purpose-what]")],
       [], exit_code=0, absent=("V004", "V005")),
    _c("consequential-change-reason-accepted-not-required",
       [R11, NEW_FIRST, _reasons(**{"roles-officers": "New", "purpose-status": "Consequential, 2.1 is now 2.2"})],
       [], exit_code=0, absent=("V004", "V005")),
    _c("paragraphs-swapped-reason-under-either-key",
       [R11, ("replace", PUR, "{#purpose-what} This protocol sets out how members and officers work together.\n\n", ""),
        ("replace", PUR, "- officers, in the same way.\n", "- officers, in the same way.\n\n{#purpose-what} "
                                                            "This protocol sets out how members and officers work together.\n"),
        _reasons(**{"purpose-both": "Scope first"})], [], exit_code=0, absent=("V004", "V005")),
]


def apply(root: Path, case: Case) -> None:
    """Apply a case's edits to a copy of the mini tree at `root`."""
    for edit in case.edits:
        op, rel = edit[0], edit[1]
        path = root / rel
        if op == "release":
            from builder.release import make_release

            make_release(root, edit[1], "adopted", edit[2], "Full Council", next_version=edit[3])
        elif op == "replace":
            text = path.read_text(encoding="utf-8")
            assert edit[2] in text, f"{case.name}: {edit[2]!r} not in {rel}"
            _write(path, text.replace(edit[2], edit[3], 1))
        elif op == "write":
            path.parent.mkdir(parents=True, exist_ok=True)
            _write(path, edit[2])
        elif op == "append":
            _write(path, path.read_text(encoding="utf-8") + edit[2])
        elif op == "delete":
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()
        elif op == "mkdir":
            path.mkdir(parents=True)
        elif op == "big":
            head = path.read_bytes()
            path.write_bytes(head + b"\n" + b"filler text. " * (edit[2] // 13 + 1))
        else:  # pragma: no cover - a typo in this file
            raise ValueError(op)


def _write(path: Path, content) -> None:
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        # surrogate escapes stand for raw bytes that are not UTF-8 (a Latin-1 é, a cp1252 quote)
        path.write_bytes(content.encode("utf-8", "surrogateescape"))
