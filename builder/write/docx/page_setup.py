"""Page set-up, headers and footers: title, version and status above; council and 'Page X of Y' below."""
from __future__ import annotations

from docx.shared import Twips

from ...model import Protocol
from . import fields
from .styles import MARGIN, PAGE_HEIGHT, PAGE_WIDTH
from .paragraph import Paragraph
from .xml import TAB, parse_into, run


def set_up_pages(document, protocol: Protocol) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Twips(PAGE_WIDTH), Twips(PAGE_HEIGHT)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Twips(MARGIN))
    section.header_distance = section.footer_distance = Twips(709)
    section.different_first_page_header_footer = True  # the title page has neither
    meta = protocol.meta
    fill(section.header, "Header", run(meta.title) + TAB + run(f"Version {meta.version}: {meta.status.capitalize()}"))
    fill(section.footer, "Footer", run(meta.council) + TAB + run("Page ") + fields.page() + run(" of ")
          + fields.num_pages())


def fill(header_or_footer, style: str, runs: str) -> None:
    """Replace the header's (or footer's) one empty paragraph by a paragraph of `style` holding `runs`."""
    header_or_footer.is_linked_to_previous = False
    root = header_or_footer.part.element  # the w:hdr or w:ftr of its part
    for child in list(root):
        root.remove(child)
    parse_into(Paragraph(style, contents=[runs]).xml(), root.append)
