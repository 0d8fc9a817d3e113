"""The test documents of the import made by other tools: their text, and the facts each must give.

All fictional (Northwick Borough Council, Eastmere District Council); the words are this project's own.
Each document is written by a real client from these descriptions (tests/word_makers.py), never kept
as a binary file.
"""
from __future__ import annotations

COUNCIL = "Northwick Borough Council"
TITLE = "Member and Officer Working Protocol"


def _p(text: str, **kw) -> dict:
    return {"text": text, **kw}


def typed_blocks() -> list[dict]:
    """A protocol typed by hand: numbers in the text, bold section titles, definitions at the end."""
    items_a_to_j = ["the register of interests;", "the register of gifts;", "the list of duty officers;",
                    "the protocol on planning;", "the protocol on licensing;", "the members' allowances scheme;",
                    "the scheme of delegation;", "the contract procedure rules;",
                    "the code on publicity (this is item (i), the ninth letter);", "the petitions scheme."]
    return [
        _p(COUNCIL, style="Subtitle"),
        _p(TITLE, style="Title"),
        _p("Version 2.3"),
        _p("Owner: Monitoring Officer"),
        _p("Date of this version: 14 March 2019"),
        _p("1 Purpose", bold=True),
        _p("1.1 This protocol explains how councillors and staff work together. It applies to every member "
           "and every officer."),
        _p("1.2 Read it with the codes of conduct. Paragraph 3.2 says what happens when things go wrong."),
        _p("2 Roles", bold=True),
        _p("2.1 Members set the council's policy and speak for their wards."),
        _p("2.2 Officers advise members and carry out the council's decisions:"),
        _p("(a) they give advice that is impartial;"),
        _p("(b) they carry out lawful decisions; and"),
        _p("(c) they tell members when a decision would be unlawful."),
        _p("2.3 The statutory officers have duties of their own, such as those of the chief finance officer "
           "under section 151 of the Local Government Act 1972. Advice that a plan is unlawful may lead to a "
           "formal report under section 114 or section 3."),
        _p("Working together", bold=True),
        _p("2.4 Members and officers must treat each other with respect, as paragraphs 2.1 to 2.3 describe."),
        _p("2.5 A member who wants information should ask:"),
        _p("a) the officer named for their ward; then"),
        _p("b) the head of service."),
        _p("2.6 The Monitoring Officer keeps each of these up to date:"),
        *[_p(f"({chr(ord('a') + i)}) {text}") for i, text in enumerate(items_a_to_j)],
        _p("3 Concerns", bold=True),
        _p("3.1 Raise a concern early. Section 2 explains each role."),
        _p("3.2 A complaint about a member goes to the Monitoring Officer:"),
        _p("(a) in writing;"),
        _p("(b) with the facts, including:"),
        _p("(i) what happened; and"),
        _p("(ii) when it happened;"),
        _p("(c) within three months."),
        _p("3.3 See 2.2 above for what officers do, and paragraph 9.9 for something that is not here."),
        _p("This sentence has no number of its own: it belongs to paragraph 3.3."),
        _p("Definitions", bold=True),
        _p("Member: an elected councillor or a co-opted member of a committee."),
        _p("Officer: anyone the council employs, whatever their grade."),
        _p("Monitoring Officer \u2013 the statutory officer who makes sure the council acts lawfully."),
    ]


TYPED = {  # what the import must find in typed_blocks()
    "counts": {"sections": 3, "paragraphs": 11, "sub_items": 18, "sub_headings": 1, "cross_references": 5,
               "glossary_terms": 3},
    "notes": ["a second level of sub-item ((i))", "a second level of sub-item ((ii))",
              "'paragraph 9.9' refers to no paragraph numbered 9.9", "unnumbered text joined to the paragraph",
              "'section 3' is written with 'section 114', which is no section of this document"],
}


def list_blocks() -> list[dict]:
    """LibreOffice's own list numbering (1 / 1.1 / (a)) on Heading 1 sections, with a footnote, a table in the
    body, a sub-heading, a tracked insertion and a glossary table."""
    return [
        _p(COUNCIL, style="Subtitle"),
        _p(TITLE, style="Title"),
        _p("Version 4.0"),
        _p("Purpose", style="Heading 1", list=0),
        _p("Councillors and staff must work together for the people of Northwick.", list=1),
        _p("This protocol applies to:", list=1),
        _p("every member of the council;", list=2),
        _p("every co-opted member; and", list=2),
        _p("every officer.", list=2),
        _p("Contact", style="Heading 1", list=0),
        _p("Members contact officers through the routes in paragraph 2.2.", list=1,
           footnote="The routes are listed on the members' intranet page."),
        _p("The routes are:", list=1),
        {"table": [["Matter", "Who to contact"], ["Casework", "The ward officer (see paragraph 2.1)"],
                   ["Policy", "The director"]]},
        _p("Urgent matters", style="Heading 2"),
        _p("Out of hours, call the duty officer first.", list=1, insert=["duty officer first", "duty officer"]),
        _p("Then tell the head of service:", list=1),
        _p("by email; or", list=2),
        _p("by phone.", list=2),
        _p("Glossary", style="Heading 1"),
        {"table": [["Term", "Meaning"], ["Duty officer", "The senior officer on call out of hours."],
                   ["Ward officer", "The officer named to help the members of a ward."]]},
    ]


LISTED = {
    "counts": {"sections": 2, "paragraphs": 6, "sub_items": 5, "sub_headings": 1, "cross_references": 2,
               "glossary_terms": 2},
    "notes": ["footnote(s) kept as text", "a table (3 rows, 2 columns) read as the table of the paragraph above it",
              "tracked changes by"],
}


PANDOC_TYPED = """---
title: Member and Officer Working Protocol
subtitle: Eastmere District Council
---

Version 1.4

# Purpose

1.1 This protocol sets out how members and officers of Eastmere work together.

1.2 Members must not ask officers to act in a party political way. Paragraph 2.1 explains why.

# Working together

2.1 Officers serve the whole council. They advise:

(a) the Cabinet;
(b) every committee; and
(c) each member.

2.2 When members disagree with advice, they should say so in writing:

(a) to the officer who gave it; and
(b) to that officer's director.

2.3 Paragraphs 2.1 and 2.2 apply to political assistants too.
"""

PANDOC_TYPED_FACTS = {"counts": {"sections": 2, "paragraphs": 5, "sub_items": 5, "sub_headings": 0,
                                 "cross_references": 3, "glossary_terms": 0}}

PANDOC_LISTS = """---
title: Member and Officer Working Protocol
subtitle: Eastmere District Council
---

# Purpose

1. This protocol sets out how members and officers work together.
2. It applies to every member and every officer.

# Roles

1. Members set policy.
2. Officers give advice:
    a. to the Cabinet;
    b. to committees.
3. Officers carry out decisions.
"""

# pandoc numbers each list from 1 and never numbers the headings: the toolkit numbers sections 1, 2 and
# paragraphs 1.1, 1.2, so every section and paragraph differs (and is listed); the letters are the same.
PANDOC_LISTS_DIFFER = [("", "1"), ("1", "1.1"), ("2", "1.2"), ("", "2"), ("1", "2.1"), ("2", "2.2"), ("3", "2.3")]


def chapter_blocks() -> list[dict]:
    """Sections numbered by the Heading 1 style itself (LibreOffice's chapter numbering; in the .docx, numbering
    on the style in styles.xml), paragraphs with typed numbers."""
    return [
        _p(COUNCIL, style="Subtitle"),
        _p("Member and Officer Working Protocol (chapters)", style="Title"),
        _p("Version 1.2"),
        _p("Purpose", style="Heading 1"),
        _p("1.1 This protocol explains how members and officers of Northwick work together."),
        _p("1.2 It applies in every meeting, email and call."),
        _p("Gifts", style="Heading 1"),
        _p("2.1 Refuse any gift worth more than a token amount, as paragraph 1.2 explains."),
        _p("Concerns", style="Heading 1"),
        _p("3.1 Tell the Monitoring Officer about a concern."),
    ]


CHAPTERS = {"counts": {"sections": 3, "paragraphs": 4, "sub_items": 0, "sub_headings": 0, "cross_references": 1,
                       "glossary_terms": 0}}
