"""Page set-up, headers and footers: title, version and status above; council and 'Page X of Y' below."""
from __future__ import annotations

from docx.shared import Twips

from ...model import Protocol
from . import fields
from .styles import MARGIN, PAGE_HEIGHT, PAGE_WIDTH, TEXT_WIDTH
from .paragraph import Paragraph
from .xml import TAB, element, empty, parse_into, run


def set_up_pages(document, protocol: Protocol, header: str, first_page: str = "") -> None:
    """A4 pages with the running header (`header`: its run markup, the title and the version line), the
    footer, and on the title page nothing, or `first_page` (a redline's label) in its own header."""
    section = document.sections[0]
    section.page_width, section.page_height = Twips(PAGE_WIDTH), Twips(PAGE_HEIGHT)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Twips(MARGIN))
    section.header_distance = section.footer_distance = Twips(709)
    section.different_first_page_header_footer = True  # the title page has neither
    fill(section.header, "Header", header)
    if first_page:
        fill(section.first_page_header, "Header", first_page)
    fill(section.footer, "Footer", page_x_of_y(protocol.meta.council))


def page_x_of_y(left: str) -> str:
    """A footer's runs: `left`, then at the right 'Page X of Y'."""
    return run(left) + TAB + run("Page ") + fields.page() + run(" of ") + fields.num_pages()


def fill(header_or_footer, style: str, runs: str, width: int = 0) -> None:
    """Replace the header's (or footer's) one empty paragraph by a paragraph of `style` holding `runs`; with
    `width` (twips), its right-aligned tab stop at that width instead of the portrait page's."""
    header_or_footer.is_linked_to_previous = False
    root = header_or_footer.part.element  # the w:hdr or w:ftr of its part
    for child in list(root):
        root.remove(child)
    tabs = element("w:tabs", empty("w:tab", val="clear", pos=TEXT_WIDTH) + empty("w:tab", val="right", pos=width))
    parse_into(Paragraph(style, contents=[runs], layout=tabs if width else "").xml(), root.append)
