"""Document properties from the release metadata, never the clock: title, subject, author, language, dates."""
from __future__ import annotations

from datetime import datetime, timezone
from xml.sax.saxutils import escape

from ...model import Protocol
from .wording import first_release_date, status_line


def _midnight(iso: str) -> datetime:
    return datetime.fromisoformat(iso).replace(tzinfo=timezone.utc)


def set_properties(document, protocol: Protocol) -> None:
    meta = protocol.meta
    core = document.core_properties
    core.title = meta.title
    core.subject = f"{meta.council}: {meta.title}, version {meta.version}"
    core.author = meta.owner
    core.last_modified_by = meta.owner
    core.language = meta.language
    core.keywords = "member/officer relations; protocol; constitution"
    core.category = "Constitution"
    core.comments = f"{meta.constitution_part}. {status_line(protocol)}." if meta.constitution_part else status_line(protocol)
    core.content_status = meta.status.capitalize()
    core.version = meta.version
    core.revision = 1
    core.created = _midnight(first_release_date(protocol))
    core.modified = _midnight(meta.date)
    app = next(p for p in document.part.package.iter_parts() if str(p.partname) == "/docProps/app.xml")
    app._blob = app_xml(protocol).encode("utf-8")


def app_xml(protocol: Protocol) -> str:
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
