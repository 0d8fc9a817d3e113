"""The download page (the Word document, its PDF, the redline and the schedule) and the whole protocol on one
page, for printing."""
from __future__ import annotations

from ...model import Heading
from ...number import letter
from .markup import href, inline_html
from .page import Page


def downloads_page(ctx):
    page = "downloads.md"
    body = ctx.render("downloads.md.j2", page, print_page=href(page, "print.md"), since=ctx.changed.since)
    return Page(page, "Download or print the protocol", body, (),
                "The protocol as a Word document or PDF, the redline and the schedule of amendments, and a "
                "version for printing.")


def print_page(ctx):
    page = "print.md"
    sections = []
    for section in ctx.protocol.sections:
        blocks, level = [], 3
        for block in section.blocks:
            if isinstance(block, Heading):
                blocks.append({"kind": "heading", "text": block.text})
                level = 4
                continue
            blocks.append({"kind": "para", "id": block.id, "number": ctx.numbers[block.id], "level": level,
                           "caption": ctx.caption(block), "html": inline_html(block.inlines, ctx.where, page),
                           "items": [{"letter": letter(i), "html": inline_html(it.inlines, ctx.where, page)}
                                     for i, it in enumerate(block.items)],
                           "table": ctx.table_cells(block, page)})
        sections.append({"id": section.id, "title": ctx.section_title(section), "blocks": blocks})
    body = ctx.render("print.md.j2", page, sections=sections)
    return Page(page, "The whole protocol, for printing", body)
