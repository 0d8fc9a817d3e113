"""Sources -> model. `load_tree(folder)` reads one source tree: protocol_src/ and scenarios/.

protocol_src/ holds the settings and lists (builder.load.settings), the section
files (sections.py), the website's quick answers and search synonyms
(answers.py, synonyms.py) and the training sessions (sessions.py); scenarios/
the worked examples (scenarios.py).

A tree is the working draft, a release snapshot (releases/<version>/) or
another folder given to `protocol diff`. Loading is tolerant: a broken file is
reported and skipped so that one run of `protocol check` shows every problem.
Checks that need the whole model live in builder.check; the project (the draft
with its releases, loaded once) in builder.project.
"""
from __future__ import annotations

from pathlib import Path

from ..diagnostics import Collector
from ..model import Protocol, Scenario
from .answers import load_answers
from .parses import Parses
from .scenarios import load_scenario
from .sections import load_sections
from .sessions import load_sessions
from .settings import (
    SRC, VERSION_RE, load_glossary, load_history, load_meta, load_reasons, load_vocabulary,
)
from .synonyms import load_synonyms

SCENARIOS = "scenarios"

__all__ = ["SRC", "SCENARIOS", "VERSION_RE", "NotASourceRoot", "Parses", "load_tree"]


class NotASourceRoot(Exception):
    """The folder does not hold protocol_src/ (a usage error, exit 2)."""


def load_tree(folder: Path | str, parses: Parses | None = None) -> tuple[Protocol, Collector]:
    """The model of the tree in `folder` and what loading it found.

    `parses` shares the parse of every file with other trees loaded with it (the draft and its releases).
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise NotASourceRoot(f"{folder} is not a folder")
    if not (folder / SRC).is_dir():
        raise NotASourceRoot(f"{folder} has no {SRC}/ folder: is this a protocol source folder?")
    parses = parses if parses is not None else Parses()
    diags = Collector()
    meta, meta_ok, section_lines = load_meta(folder, diags)
    vocabulary = load_vocabulary(folder, diags)
    glossary = load_glossary(folder, diags)
    history = load_history(folder, diags)
    reasons = load_reasons(folder, diags)
    sections = load_sections(folder, meta, diags, parses, meta_ok, section_lines)
    scenarios = _load_scenarios(folder, diags, parses)
    answers = load_answers(folder, diags)
    synonyms = load_synonyms(folder, diags)
    sessions = load_sessions(folder, diags)
    protocol = Protocol(meta, sections, glossary, scenarios, vocabulary, history, reasons, str(folder),
                        answers, synonyms, sessions)
    return protocol, diags


def _load_scenarios(folder: Path, diags: Collector, parses: Parses) -> tuple[Scenario, ...]:
    where = folder / SCENARIOS
    if not where.is_dir():
        return ()
    out = []
    for path in sorted(where.glob("*.md")):
        if path.name.lower() == "readme.md":
            continue
        scenario = load_scenario(folder, path, diags, parses)
        if scenario is not None:
            out.append(scenario)
    return tuple(out)
