"""`protocol build`'s amendment papers: the redline and the schedule for the latest release -> the draft."""
from __future__ import annotations

from pathlib import Path

from ..model import Protocol
from ..outputs import redline_name, schedule_name
from ..releases import latest_release, load_release
from .compare import compare
from .merge import merged_view


def write_amendment_outputs(root: Path, draft: Protocol, out_dir: Path, *, author: str | None = None) -> list[Path]:
    """[] when there is no release yet, or when the draft is the latest release unchanged."""
    version = latest_release(Path(root))
    if version is None:
        return []
    old = load_release(Path(root), version)
    changes = compare(old, draft)
    if not changes.text_changed:
        return []
    from ..write.docx import write_docx
    from ..write.schedule import write_schedule

    redline = Path(out_dir) / redline_name(old, draft)
    write_docx(draft, redline, merged_view(old, draft, changes), author=author or draft.meta.owner, date=draft.meta.date)
    schedule = Path(out_dir) / schedule_name(old, draft)
    write_schedule(old, draft, changes, schedule, author=author)
    return [redline, schedule]
