"""Output file names: they say what the file is and which version it holds."""
from __future__ import annotations

from .model import Protocol
from .slug import slug


def stem(protocol: Protocol) -> str:
    """e.g. 'member-officer-relations-protocol'."""
    return slug(protocol.meta.title, fallback="protocol")


def _version_label(protocol: Protocol) -> str:
    v = f"v{protocol.meta.version}"
    return v + ("-draft" if protocol.meta.status == "draft" else "")


def word_name(protocol: Protocol) -> str:
    return f"{stem(protocol)}-{_version_label(protocol)}.docx"


def pdf_name(protocol: Protocol) -> str:
    return word_name(protocol)[:-5] + ".pdf"


def redline_name(old: Protocol, new: Protocol) -> str:
    return f"{stem(new)}-redline-v{old.meta.version}-to-{_version_label(new)}.docx"


def schedule_name(old: Protocol, new: Protocol) -> str:
    return f"{stem(new)}-schedule-of-amendments-v{old.meta.version}-to-{_version_label(new)}.docx"


def agenda_pdf_name(old: Protocol, new: Protocol) -> str:
    """The redline as the agenda pack's PDF (the .docx's name, as a PDF)."""
    return redline_name(old, new)[:-5] + ".pdf"


TRAINING_FOLDER = "training"
TRAINING_KINDS = {"guide": ("facilitator-guide", ".docx"), "handout": ("handout", ".docx"), "slides": ("slides", ".pptx")}


def training_name(protocol: Protocol, session_id: str, kind: str) -> str:
    """e.g. 'cabinet-members-slides-v1.2-draft.pptx' (kind: guide, handout or slides)."""
    words, suffix = TRAINING_KINDS[kind]
    return f"{session_id}-{words}-{_version_label(protocol)}{suffix}"
