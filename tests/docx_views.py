"""A small hand-made redline for the Word writer's tests: an old view, a new view and the merged view between them.

Every kind of mark appears: words inserted and deleted inside a paragraph, whole
paragraphs, a sub-item and glossary rows inserted and deleted, a moved paragraph
and a change inside a worked example. Accepting every mark in MERGED must give
NEW; rejecting every mark must give OLD.
"""
from __future__ import annotations

from builder.view import GlossaryRow, Line, Run, View


def _b(kind, key, *runs, number="", mark="", move=""):
    runs = tuple(Run(r) if isinstance(r, str) else r for r in runs)
    return Line(kind, key, runs, number, mark, move)


SEE_ROLES = (Run("See paragraph "), Run("2.1", ref="roles-a"), Run("."))

OLD = View(
    body=(
        _b("section", "purpose", "Purpose", number="1"),
        _b("para", "p1", "Members and officers work together.", number="1.1"),
        _b("para", "p2", "It applies to:", number="1.2"),
        _b("item", "p2/1", "members, and", number="1.2(a)"),
        _b("item", "p2/2", "officers.", number="1.2(b)"),
        _b("heading", "h1", "Status"),
        _b("para", "p3", "This old paragraph goes.", number="1.3"),
        _b("para", "p4", *SEE_ROLES, number="1.4"),
        _b("section", "roles", "Roles", number="2"),
        _b("heading", "h-old", "A heading that goes"),
        _b("para", "roles-a", "Members set policy.", number="2.1"),
        _b("para", "mv", "This paragraph moves to the first section.", number="2.2"),
    ),
    appendix=(
        _b("scenario", "sc", "A1 The persistent developer", number="A1"),
        _b("meta", "sc/audiences", "For: ", "All members"),
        _b("part", "sc/situation", "The situation"),
        _b("text", "sc/situation/1", "A developer rings a councillor twice a week."),
        _b("bullet", "sc/questions/1", "What should the councillor say?"),
    ),
    glossary=(
        GlossaryRow((Run("Cabinet"),), (Run("The Leader and the executive members."),)),
        GlossaryRow((Run("Monitoring Officer"),), (Run("The statutory officer."),)),
    ),
)

NEW = View(
    body=(
        _b("section", "purpose", "Purpose", number="1"),
        _b("para", "mv", "This paragraph moves to the first section.", number="1.1"),
        _b("para", "p1", "Members and officers always work together.", number="1.2"),
        _b("para", "p2", "It applies to:", number="1.3"),
        _b("item", "p2/1", "members, and", number="1.3(a)"),
        _b("item", "p2/2", "officers.", number="1.3(b)"),
        _b("item", "p2/3", "co-opted members.", number="1.3(c)"),
        _b("heading", "h1", "Status"),
        _b("para", "p4", *SEE_ROLES, number="1.4"),
        _b("para", "pnew", "A new paragraph about ", Run("breaches", term="breach"), ".", number="1.5"),
        _b("section", "roles", "Roles", number="2"),
        _b("heading", "h-new", "A new heading"),
        _b("para", "roles-a", "Members set policy and officers advise.", number="2.1"),
    ),
    appendix=(
        _b("scenario", "sc", "A1 The persistent developer", number="A1"),
        _b("meta", "sc/audiences", "For: ", "All members"),
        _b("part", "sc/situation", "The situation"),
        _b("text", "sc/situation/1", "A developer rings a councillor every day."),
        _b("bullet", "sc/questions/1", "What should the councillor say?"),
    ),
    glossary=(
        GlossaryRow((Run("Cabinet"),), (Run("The Leader and the executive members of the council."),)),
        GlossaryRow((Run("Independent Person"),), (Run("Advises on complaints."),)),
    ),
)

MERGED = View(
    body=(
        _b("section", "purpose", "Purpose", number="1"),
        _b("para", "mv", "This paragraph moves to the first section.", number="1.1", mark="move-to", move="m1"),
        _b("para", "p1", "Members and officers ", Run("always ", "ins"), "work together.", number="1.2"),
        _b("para", "p2", "It applies to:", number="1.3"),
        _b("item", "p2/1", "members, and", number="1.3(a)"),
        _b("item", "p2/2", "officers.", number="1.3(b)"),
        _b("item", "p2/3", "co-opted members.", number="1.3(c)", mark="ins"),
        _b("heading", "h1", "Status"),
        _b("para", "p3", "This old paragraph goes.", number="1.3", mark="del"),
        _b("para", "p4", *SEE_ROLES, number="1.4"),
        _b("para", "pnew", "A new paragraph about ", Run("breaches", term="breach"), ".", number="1.5", mark="ins"),
        _b("section", "roles", "Roles", number="2"),
        _b("heading", "h-old", "A heading that goes", mark="del"),
        _b("heading", "h-new", "A ", Run("new ", "ins"), "heading", mark="ins"),
        _b("para", "roles-a", "Members set policy", Run(".", "del"), Run(" and officers advise.", "ins"),
           number="2.1"),
        _b("para", "mv~old", "This paragraph moves to the first section.", number="2.2", mark="move-from",
           move="m1"),
    ),
    appendix=(
        _b("scenario", "sc", "A1 The persistent developer", number="A1"),
        _b("meta", "sc/audiences", "For: ", "All members"),
        _b("part", "sc/situation", "The situation"),
        _b("text", "sc/situation/1", "A developer rings a councillor ", Run("twice a week", "del"),
           Run("every day", "ins"), "."),
        _b("bullet", "sc/questions/1", "What should the councillor say?"),
    ),
    glossary=(
        GlossaryRow((Run("Cabinet"),), (Run("The Leader and the executive members"), Run(" of the council", "ins"),
                                         Run("."))),
        GlossaryRow((Run("Monitoring Officer"),), (Run("The statutory officer."),), mark="del"),
        GlossaryRow((Run("Independent Person"),), (Run("Advises on complaints."),), mark="ins"),
    ),
)
