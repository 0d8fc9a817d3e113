"""The house style as the writer needs it: which style each kind of line takes, the page, the table header fill.

The styles themselves (fonts, sizes, colours, spacing) are in the reference
document, builder/data/reference/word/styles.xml; the writer only names them,
by the style ids below. Colours there are chosen for a contrast of at least
4.5:1 on their background (tests/test_docx.py checks it with the WCAG formula,
reading the built document).
"""
from __future__ import annotations

HEADER_FILL = "1F3864"  # table header cells (dark navy, the headings' colour); the Table Heading style is white

PAGE_WIDTH, PAGE_HEIGHT, MARGIN = 11906, 16838, 1418  # A4, 2.5 cm margins (twips)
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN

# Kind of line -> the id of its paragraph style (Word's built-in styles, restyled in styles.xml).
PARAGRAPH = {
    "section": "Heading1", "heading": "Heading2", "para": "ListNumber", "item": "ListNumber2",
    "scenario": "Heading2", "part": "Heading3", "text": "BodyText", "bullet": "ListBullet", "meta": "ScenarioDetail",
}
