"""Problems found in the sources: one type, collected, printed the same way everywhere.

Each rule has a stable code. The table below is the single list of rules; the
authoring guide (docs/authoring.md) is checked against it by the tests.
"""
from __future__ import annotations

import difflib
import json
from dataclasses import asdict, dataclass, field

# code: (title, what the rule guards)
RULES: dict[str, str] = {
    # S: source files and their syntax
    "S001": "file is not UTF-8 text",
    "S002": "YAML syntax error",
    "S003": "YAML tag not allowed",
    "S004": "key given twice",
    "S005": "front matter missing or not closed",
    "S006": "file could not be read",
    "S007": "file too large",
    # M: metadata and required fields
    "M001": "unknown key",
    "M002": "required field missing",
    "M003": "wrong type of value",
    "M004": "invalid date",
    "M005": "invalid status",
    "M006": "invalid version",
    # I: ids
    "I001": "duplicate id",
    "I002": "malformed id",
    "I003": "paragraph or heading without an id",
    # L: section list
    "L001": "section listed but its file is missing",
    "L002": "section file present but not listed",
    "L003": "empty section",
    "L004": "section listed twice",
    # R: references
    "R001": "cross-reference to an unknown id",
    "R002": "unknown glossary term",
    "R003": "unclosed [[ or {{",
    "R004": "paragraph refers to itself",
    # T: tags and vocabulary
    "T001": "unknown audience",
    "T002": "unknown principle",
    "T003": "unknown objective",
    "T004": "unknown key area",
    "T005": "malformed attribute block",
    "T006": "objective served by no paragraph",
    "T007": "unknown code obligation",
    "T008": "duty and code obligation do not match",
    "T009": "unknown topic",
    # X: text
    "X001": "raw HTML in text",
    "X002": "sentence longer than 35 words",
    "X003": "heading level not allowed",
    "X004": "list item outside a numbered paragraph",
    "X005": "glossary term defined but never used",
    "X006": "caption longer than 60 characters or not plain text",
    "X007": "malformed table",
    "X008": "paragraph without a caption",
    # C: scenarios
    "C001": "required scenario part missing",
    "C002": "unknown scenario part",
    "C003": "scenario cites an unknown paragraph",
    "C004": "stale scenario: cited paragraph changed since review",
    "C005": "scenario length outside 300-700 words",
    "C006": "scenario reviewed against an unknown version",
    # Q: quick answers
    "Q001": "quick answer cites an unknown paragraph",
    "Q002": "stale quick answer: cited paragraph changed since review",
    "Q003": "quick answer reviewed against an unknown version",
    "Q004": "quick answer longer than three sentences or a sentence over 25 words",
    "Q005": "question not asked as a question, or a yes-or-no question not answered yes, no or it depends",
    "Q006": "quick answer id used before by a paragraph, section or scenario",
    # P: training sessions (the packs)
    "P001": "session cites an unknown section or paragraph",
    "P002": "session names an unknown quick answer",
    "P003": "session names an unknown scenario",
    "P004": "agenda timings do not add up to the session's length",
    "P005": "session uses fewer than 2 or more than 3 scenarios",
    "P006": "stale session: cited paragraph, quick answer or scenario changed since review",
    "P007": "session reviewed against an unknown version",
    "P008": "quiz too short or too long, or a question badly formed",
    "P009": "session's scenarios do not show both a member and an officer falling short",
    "P010": "key point longer than 90 characters (a slide's title)",
    # W: search synonyms
    "W001": "synonym given for a word the protocol never uses",
    # V: versions, releases and reasons
    "V001": "release snapshot missing",
    "V002": "release snapshot corrupted",
    "V003": "review overdue",
    "V004": "change has no reason",
    "V005": "reason given for an unchanged or unknown id or term",
    "V006": "text changed but version equals a release",
    "V007": "invalid version history",
}


@dataclass(frozen=True)
class Diagnostic:
    code: str
    severity: str  # "error" | "warning"
    path: str
    line: int
    message: str
    hint: str = ""

    def format(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{where}: {self.severity} {self.code}: {self.message}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.code, self.message)


@dataclass
class Collector:
    """Collects diagnostics; rules call .error() and .warning()."""

    items: list[Diagnostic] = field(default_factory=list)

    def error(self, code: str, path: str, line: int, message: str, hint: str = "") -> None:
        self.items.append(Diagnostic(code, "error", path, line, message, hint))

    def warning(self, code: str, path: str, line: int, message: str, hint: str = "") -> None:
        self.items.append(Diagnostic(code, "warning", path, line, message, hint))

    def extend(self, other: "Collector") -> None:
        self.items.extend(other.items)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == "warning"]

    def sorted(self) -> list[Diagnostic]:
        unique = {(d.code, d.path, d.line, d.message): d for d in self.items}
        return sorted(unique.values(), key=Diagnostic.sort_key)


def did_you_mean(word: str, choices) -> str:
    """' Did you mean "x"?' for the closest allowed word, or ''."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f'Did you mean "{close[0]}"?' if close else ""


def to_json(diags: list[Diagnostic]) -> str:
    return json.dumps([asdict(d) for d in diags], indent=2, ensure_ascii=False)


def summary(diags: list[Diagnostic]) -> str:
    e = sum(d.severity == "error" for d in diags)
    w = len(diags) - e
    if not diags:
        return "No problems found."
    return f"{e} error{'s' * (e != 1)}, {w} warning{'s' * (w != 1)}."
