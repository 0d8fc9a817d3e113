"""Cross-references typed as text, turned into [[id]] where the number names one paragraph or section."""
from __future__ import annotations

import pytest

from builder.model import Ref, Text
from builder.read.crossrefs import resolve
from builder.read.draft import Draft, Para, Section


def _draft(text: str, numbering: str = "sections") -> tuple[Draft, Para]:
    """Two sections of two paragraphs (4.1, 4.2, 5.1, 5.2, or 1, 2 in each), and a paragraph holding `text`."""
    draft = Draft("test.docx", {})
    for s in (4, 5):
        section = Section(f"Section {s}", str(s), s, id=f"s{s}")
        for p in (1, 2):
            shown = f"{s}.{p}" if numbering == "sections" else str(p)
            section.blocks.append(Para([Text("words")], shown, 10 * s + p, "words", id=f"p{s}-{p}"))
        draft.sections.append(section)
    owner = Para([Text(text)], "6.1", 99, text, id="owner")
    draft.sections.append(Section("Section 6", "6", 90, blocks=[owner], id="s6"))
    return draft, owner


def _markup(pieces) -> str:
    return "".join(f"[[{p.target}]]" if isinstance(p, Ref) else p.text for p in pieces)


@pytest.mark.parametrize("text, expected", [
    ("See paragraph 4.2.", "See paragraph [[p4-2]]."),
    ("paragraphs 4.1 to 4.2 apply", "paragraphs [[p4-1]] to [[p4-2]] apply"),
    ("paras. 4.1, 4.2 and 5.1", "paras. [[p4-1]], [[p4-2]] and [[p5-1]]"),
    ("under paragraph 5.1(b)", "under paragraph [[p5-1]](b)"),
    ("Section 5 explains it", "Section [[s5]] explains it"),
    ("see 4.1 above", "see [[p4-1]] above"),
    ("as 5.2 below says", "as [[p5-2]] below says"),
    ("section 5 of the Local Government and Housing Act 1989", "section 5 of the Local Government and Housing Act 1989"),
    ("a section 5 report", "a section 5 report"),
    ("the section 151 officer", "the section 151 officer"),
    ("paragraph 4.1 of the Code of Conduct", "paragraph 4.1 of the Code of Conduct"),
    ("paragraph 4.1 of this protocol", "paragraph [[p4-1]] of this protocol"),
    ("£4.1 million", "£4.1 million"),
])
def test_typed_references(text, expected):
    draft, owner = _draft(text)
    resolve(draft)
    assert _markup(owner.pieces) == expected


def test_a_number_used_in_every_section_is_ambiguous_and_reported():
    draft, owner = _draft("See paragraph 2.", numbering="within")
    resolve(draft)
    assert _markup(owner.pieces) == "See paragraph 2."
    assert any("could mean 2 places" in n.message for n in draft.notes)


def test_a_number_that_is_nowhere_is_reported_and_a_self_reference_is_left_alone():
    draft, owner = _draft("See paragraph 9.9 and paragraph 6.1.")
    resolve(draft)
    assert _markup(owner.pieces) == "See paragraph 9.9 and paragraph 6.1."
    messages = [n.message for n in draft.notes]
    assert any("refers to no paragraph numbered 9.9" in m for m in messages)
    assert any("refers to its own paragraph" in m for m in messages)
    assert draft.references == 0


@pytest.mark.parametrize("text, noted", [
    ("a formal report under section 114 or section 5.", "'section 5' is written with 'section 114'"),
    ("Sections 4 to 5A and 6", "'sections 4' is written with 'sections 5A'"),
    ("including section 5A", ""),
    ("Part 1A, including section 5E", ""),
    ("section 1972", ""),
])
def test_a_statute_section_and_the_numbers_written_with_it_stay_text(text, noted):
    """"section 5" is this document's only when nothing beside it is another document's: "section 114" (no section
    here) and "5A" (a statute's numbering) are, so "section 5" with them is too: left as text, and reported."""
    draft, owner = _draft(text)
    resolve(draft)
    assert _markup(owner.pieces) == text and draft.references == 0
    unsure = [n.message for n in draft.notes if n.kind == "unsure"]
    assert any(noted in m for m in unsure) if noted else unsure == [], unsure


def test_a_section_of_this_document_written_with_another_of_its_sections_is_a_reference():
    draft, owner = _draft("See section 4 or section 5, and sections 4 and 5.")
    resolve(draft)
    assert _markup(owner.pieces) == "See section [[s4]] or section [[s5]], and sections [[s4]] and [[s5]]."
    assert draft.notes == []
