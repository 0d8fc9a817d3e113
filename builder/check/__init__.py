"""The project -> diagnostics: every rule that needs more than one file.

Rules that need only one file run while loading (builder.load). Here:
- `check_tree(protocol, diags)`: the rules on one source tree as a whole (ids across files, sections,
  references, vocabulary, text, traceability, scenarios, quick answers, captions, search synonyms, training
  sessions), for the draft and for any other tree given to `protocol diff`;
- `check(project, latest)`: those on the draft, and the rules on its version history (builder.check.history),
  given the comparison with the latest release, made once by the caller (builder.project.compare_latest);
- `check_root(root)`: load, compare and check, as `protocol check` does.
"""
from __future__ import annotations

import datetime as _dt
from pathlib import Path

from ..diagnostics import Collector
from ..diff import Comparison
from ..model import Protocol
from ..project import Project, compare_latest, load_project
from .answers import check_answers
from .captions import check_captions
from .history import check_history
from .scenarios import check_scenarios
from .sessions import check_sessions
from .sources import (
    check_duties, check_ids, check_references, check_sections, check_text, check_trace, check_vocabulary, trace,
)
from .synonyms import check_synonyms

__all__ = ["check", "check_root", "check_tree", "trace"]

# in this order: a rule may stay quiet about what an earlier one reported (builder.check.sources.unreadable)
TREE_RULES = (check_ids, check_sections, check_references, check_vocabulary, check_text, check_trace,
              check_duties, check_scenarios, check_answers, check_captions, check_synonyms, check_sessions)


def check(project: Project, latest: Comparison | None, *, today: _dt.date | None = None) -> Collector:
    """What loading the draft found, and every rule on the draft and its history (a new Collector)."""
    diags = Collector(list(project.diagnostics.items))
    check_tree(project.draft, diags, previous=latest.old if latest is not None else None)
    check_history(project, latest, diags, today)
    return diags


def check_tree(protocol: Protocol, diags: Collector, previous: Protocol | None = None) -> None:
    """The rules on one source tree as a whole, added to what loading it found (`diags`); `previous`, the
    latest release, lets a reference to a deleted id say where it was."""
    for rule in TREE_RULES:
        if rule is check_references:
            rule(protocol, diags, previous)
        else:
            rule(protocol, diags)


def check_root(root: Path | str) -> tuple[Protocol, Collector]:
    """The draft in `root` and everything `protocol check` reports about it."""
    project = load_project(root)
    return project.draft, check(project, compare_latest(project, words=False))
