"""A consultation: consultees' copies of the draft compared with the sources, one suggestion per passage per copy.

`consult(protocol, numbers, copies)` lays out the document `protocol build` writes (`layout`), finds each copy's
paragraphs in it by the bookmarks the Word writer names after the stable ids, so moved or renumbered paragraphs
still match (`matching`), reports every paragraph whose words no longer match the sources (edited without Track
Changes, or the sources changed since the copy was built), and makes one `Suggestion` for each passage a
consultee changed or commented on (`suggestions`): who, the words deleted and inserted, the comment threads, and
whether it can be applied to the section files automatically (`edits`, worked out by `applicable` with
`positions`) or must be made by hand (`blockers`).

Then, for `protocol responses --apply`: `plan.choose` and `plan.plan` (what is chosen, and the new texts and
reasons that applying it makes), `trial.verified` (the plan checked on a scratch copy of the sources) and
`plan.record_outcome`. The log is written by builder.write.consultation; the source edits are builder.edits.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..dates import long_date
from ..model import Protocol
from ..read.archive import Refused
from ..read.responses import Copy
from .applicable import judge
from .layout import Layout, layout
from .matching import Report, not_ours, placed, report
from .suggestions import Suggestion, suggestion

REDLINE_TITLE = re.compile(r": tracked changes from version \S+ to version \S+$")  # the redline's title property


@dataclass
class Consultation:
    draft: str  # "version 1.1 (draft, 7 May 2024)"
    version: str
    reports: list[Report]
    suggestions: list[Suggestion]
    layout: Layout


def consult(protocol: Protocol, numbers: dict[str, str], copies: list[Copy]) -> Consultation:
    """The copies matched with the draft, and every suggestion they hold, in the document's order; Refused when
    a copy matches none of the draft's paragraphs (it was not built from these sources)."""
    lay = layout(protocol, numbers)
    meta = protocol.meta
    reports, suggestions = [], []
    for index, copy in enumerate(copies):
        if REDLINE_TITLE.search(copy.properties.get("title", "")):
            raise Refused(f"{copy.name} is a redline (its title says {copy.properties['title']!r}): its tracked "
                          "changes are the amendments, not a consultee's.\n    hint: send consultees the Word "
                          "document `protocol build` writes (member-officer-relations-protocol-v….docx), and read "
                          "their copies of it.")
        keys = placed(copy, lay)
        found = report(copy, keys, lay)
        if not found.matched and not found.differ:
            raise Refused(not_ours(copy))
        reports.append(found)
        for passage in copy.passages:
            s = suggestion(copy, index, passage, keys, lay)
            if passage.changed:
                judge(s, copy, passage, lay.slots.get(s.key), lay)
            suggestions.append(s)
    suggestions.sort(key=lambda s: s.order)
    draft = f"version {meta.version} ({meta.status}, {long_date(meta.date)})"  # as the log and the report name it
    return Consultation(draft, meta.version, reports, suggestions, lay)
