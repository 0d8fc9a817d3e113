"""The papers for Full Council when the protocol is amended: the redline and the schedule of amendments.

Both are drawn from one comparison (builder.diff.Comparison): the redline is
the ordinary Word document drawn from the merged view, its change marks written
as genuine Word revisions; the schedule is a table of the same changes.
"""
from __future__ import annotations

from pathlib import Path

from ..diff import Comparison, merged_view
from ..filenames import redline_name, schedule_name
from .docx import write_docx
from .schedule import write_schedule


def write_redline(comparison: Comparison, path: Path, *, author: str | None = None) -> None:
    """The new version with every change from the old one as a tracked change, by `author` (default: the
    owning role), dated the new version's date."""
    new = comparison.new
    write_docx(new, path, merged_view(comparison), author=author or new.meta.owner, date=new.meta.date)


def write_amendments(comparison: Comparison, out_dir: Path, *, author: str | None = None) -> list[Path]:
    """The redline and the schedule in `out_dir`, named after both versions; [] when the text is unchanged."""
    if not comparison.changes.text_changed:
        return []
    old, new, _ = comparison
    redline = Path(out_dir) / redline_name(old, new)
    write_redline(comparison, redline, author=author)
    schedule = Path(out_dir) / schedule_name(old, new)
    write_schedule(comparison, schedule, author=author)
    return [redline, schedule]
