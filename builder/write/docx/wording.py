"""The words the document prints about itself: the status line, the date labels, the version history rows."""
from __future__ import annotations

from ...dates import long_date
from ...model import RELEASE_STATUSES, Protocol, Release

def date_label(key: str) -> str:
    """'standards_committee' -> 'Standards Committee'."""
    return " ".join(w.capitalize() for w in key.replace("-", "_").split("_") if w)


def this_release(protocol: Protocol) -> Release | None:
    return next((r for r in reversed(protocol.history) if r.version == protocol.meta.version), None)


def status_line(protocol: Protocol) -> str:
    """'Adopted by Full Council on 21 May 2024', 'Approved by …' or 'Draft for Standards Committee on …'."""
    meta = protocol.meta
    release = this_release(protocol)
    if meta.status in RELEASE_STATUSES:
        verb = meta.status.capitalize()
        if release is not None:
            return f"{verb} by {release.body} on {long_date(release.date)}"
        return f"{verb} on {long_date(meta.date)}"
    upcoming = sorted((iso, key) for key, iso in meta.dates if iso >= meta.date)
    if upcoming:
        iso, key = upcoming[0]
        return f"Draft for {date_label(key)} on {long_date(iso)}"
    return "Draft"


def history_rows(protocol: Protocol) -> list[tuple[str, str, str, str]]:
    """(version, date, body, summary) for each release, and for this version when it is not released yet."""
    rows = [(r.version, long_date(r.date), _approved_by(r), r.summary or "") for r in protocol.history]
    if this_release(protocol) is None:
        meta = protocol.meta
        body = "Not yet approved" if meta.status == "draft" else meta.status.capitalize()
        rows.append((meta.version, long_date(meta.date), body, f"This version: {status_line(protocol)}."))
    return rows


def _approved_by(release: Release) -> str:
    verb = {"approved": "Approved", "adopted": "Adopted"}.get(release.status, release.status.capitalize())
    minute = f" (minute {release.minute})" if release.minute else ""
    return f"{verb} by {release.body}{minute}" if release.body else verb


def first_release_date(protocol: Protocol) -> str:
    """The date the document was created: the first release, or this version's date when none."""
    dates = [r.date for r in protocol.history if r.date] + [protocol.meta.date]
    return min(dates)
