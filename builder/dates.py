"""Dates as the council writes them, and date arithmetic for reviews."""
from __future__ import annotations

import calendar
import datetime as _dt

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")


def long_date(iso: str) -> str:
    """'2024-05-07' -> '7 May 2024' (the council's style, and GOV.UK's); anything else unchanged."""
    try:
        d = _dt.date.fromisoformat(iso)
    except (TypeError, ValueError):
        return iso
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"

def add_months(iso: str, months: int) -> str:
    """'2024-08-31' + 6 -> '2025-02-28' (the day is kept, or the month's last day)."""
    d = _dt.date.fromisoformat(iso)
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    day = min(d.day, calendar.monthrange(year, month)[1])
    return _dt.date(year, month, day).isoformat()
