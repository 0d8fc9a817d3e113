"""Document properties from the release metadata, never the clock: title, subject, author, language, dates.

Core properties are set through python-docx in a fixed order (each one it adds
is written after those before it); the extended properties (docProps/app.xml)
are written here and put into the package in place of python-docx's.
"""
from __future__ import annotations

from datetime import datetime, timezone

from ...diff import Comparison
from ...model import Protocol
from ...wording import first_release_date, status_line
from .xml import escape


def _midnight(iso: str) -> datetime:
    return datetime.fromisoformat(iso).replace(tzinfo=timezone.utc)


def set_core(document, values: list[tuple[str, object]]) -> None:
    """Set python-docx core properties, in the order given."""
    core = document.core_properties
    for name, value in values:
        setattr(core, name, value)


def protocol_properties(protocol: Protocol, versions: tuple[str, ...] = ()) -> list[tuple[str, object]]:
    """The core properties of the protocol's Word document (and of its redline: `versions`, the two it
    compares, which its title names)."""
    meta = protocol.meta
    comments = f"{meta.constitution_part}. {status_line(protocol)}." if meta.constitution_part else status_line(protocol)
    title = f"{meta.title}: tracked changes from version {versions[0]} to version {versions[1]}" if versions \
        else meta.title
    return [
        ("title", title), ("subject", f"{meta.council}: {meta.title}, version {meta.version}"),
        ("author", meta.owner), ("last_modified_by", meta.owner), ("language", meta.language),
        ("keywords", "member/officer relations; protocol; constitution"), ("category", "Constitution"),
        ("comments", comments), ("content_status", meta.status.capitalize()), ("version", meta.version),
        ("revision", 1), ("created", _midnight(first_release_date(protocol))), ("modified", _midnight(meta.date)),
    ]


def schedule_properties(comparison: Comparison, author: str | None) -> list[tuple[str, object]]:
    """The core properties of the schedule of amendments."""
    old, new, _ = comparison
    by = author or new.meta.owner
    stamp = _midnight(new.meta.date)
    return [("title", f"Schedule of amendments {old.meta.version} to {new.meta.version}"), ("author", by),
            ("last_modified_by", by), ("language", new.meta.language), ("revision", 1), ("created", stamp),
            ("modified", stamp)]


def app_xml(protocol: Protocol) -> str:
    """docProps/app.xml of the protocol's Word document."""
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        "<Application>member-officer-protocol</Application><DocSecurity>0</DocSecurity>"
        f"<Company>{escape(protocol.meta.council)}</Company>"
        "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
        "<HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0000</AppVersion>"
        "</Properties>"
    )


def training_properties(title: str, kind: str, council: str, protocol_title: str, version: str, owner: str,
                        language: str, date: str) -> list[tuple[str, object]]:
    """The core properties of a training pack's document or slides (the protocol's date, never the clock)."""
    stamp = _midnight(date)
    return [("title", f"{title}: {kind}"), ("subject", f"{council}: {protocol_title}, version {version}"),
            ("author", owner), ("last_modified_by", owner), ("language", language),
            ("keywords", "member/officer relations; protocol; training"), ("category", "Training"),
            ("comments", f"Teaches version {version} of the protocol."), ("version", version.split(" ")[0]),
            ("revision", 1), ("created", stamp), ("modified", stamp)]
