"""The training packs: for each session of protocol_src/sessions.yaml, a facilitator guide and a participant
handout (.docx) and slides (.pptx), drawn from the model.

content.py works out what a pack says (the words every file shares, and which are the facilitator's);
documents.py lays out the guide and the handout, slides.py the slides. `write_training(protocol, folder)`
writes every pack into folder/<session id>/ and returns the paths, in session order.
"""
from __future__ import annotations

from pathlib import Path

from ...filenames import training_name
from ...model import Protocol
from ...number import numbers as compute_numbers
from .content import Pack, pack
from .documents import write_guide, write_handout
from .slides import write_slides

__all__ = ["Pack", "pack", "packs", "write_training"]

WRITERS = (("guide", write_guide), ("handout", write_handout), ("slides", write_slides))


def packs(protocol: Protocol) -> list[Pack]:
    numbers = compute_numbers(protocol)
    return [pack(protocol, s, numbers) for s in protocol.sessions]


def write_training(protocol: Protocol, folder: Path) -> list[Path]:
    """Every session's guide, handout and slides in folder/<id>/ (folder is a staging folder: the build moves
    it into place when everything is written)."""
    out: list[Path] = []
    for p in packs(protocol):
        target = Path(folder) / p.id
        target.mkdir(parents=True, exist_ok=True)
        for kind, write in WRITERS:
            path = target / training_name(protocol, p.id, kind)
            write(p, path)
            out.append(path)
    return out
