"""Rules about versions and releases (snapshots, reasons, stale scenarios, review dates)."""
from __future__ import annotations

from ..diagnostics import Collector
from ..model import Protocol


def check_releases(protocol: Protocol, diags: Collector) -> None:
    """Filled in by the releases work (issue 6)."""
    return None
