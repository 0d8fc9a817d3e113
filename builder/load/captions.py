"""The caption="..." setting of a numbered paragraph (checked in builder.check.captions)."""
from __future__ import annotations

import re

_CAPTION = re.compile(r'(?:^|\s)caption=("[^"]*"|[^\s"]+)')


def read_caption(attrs: str) -> str:
    """The caption given in a paragraph's settings, white space collapsed; '' when none."""
    found = _CAPTION.search(attrs)
    return " ".join(found.group(1).strip('"').split()) if found else ""
