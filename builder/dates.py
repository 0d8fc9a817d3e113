"""Dates as the council writes them, and date arithmetic for reviews."""
from __future__ import annotations

import calendar
import datetime as _dt
import re

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")


def long_date(iso: str) -> str:
    """'2024-05-07' -> '7 May 2024' (the council's style, and GOV.UK's); anything else unchanged."""
    try:
        d = _dt.date.fromisoformat(iso)
    except (TypeError, ValueError):
        return iso
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


_MONTH_NUMBER = {m.lower(): n for n, m in enumerate(MONTHS, start=1)}
_WRITTEN = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\s+(\d{4})\b")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def parse_date(text: str) -> str:
    """The first date in `text`, '7 May 2024', '7th May 2024' or '2024-05-07', as '2024-05-07' (long_date's
    inverse, for dates read from a Word document); '' when there is no valid date."""
    try:
        m = _ISO.search(text)
        if m:
            return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
        m = _WRITTEN.search(text)
        if m and m.group(2).lower() in _MONTH_NUMBER:
            return _dt.date(int(m.group(3)), _MONTH_NUMBER[m.group(2).lower()], int(m.group(1))).isoformat()
    except ValueError:
        return ""
    return ""


def add_months(iso: str, months: int) -> str:
    """'2024-08-31' + 6 -> '2025-02-28' (the day is kept, or the month's last day)."""
    d = _dt.date.fromisoformat(iso)
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    day = min(d.day, calendar.monthrange(year, month)[1])
    return _dt.date(year, month, day).isoformat()
