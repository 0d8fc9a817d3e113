"""The source edits behind `protocol responses --apply` (builder.edits), on section files as authors write them:
wrapped lines, CRLF and a BOM, comment lines, attribute blocks holding more than an id (a caption="…", audiences,
obligations), table rows, references and glossary terms; and reasons added to amendments.yaml of every shape it may
have.
Each edited file is loaded again by the real loader, which must read the words intended and nothing else."""
from __future__ import annotations

import shutil

import pytest

from builder.edits import (ReasonsUnwritable, add_reasons, apply, blockers, edited, file_edits, locate, outline,
                           word_edits)
from builder.load import load_tree
from builder.number import numbers
from builder.view import plain_view
from conftest import MINI

SECTION = """---
title: Contact
---

{#contact-routes audience=all-members caption="Who to ask first"} Ask the officer
named for your ward or committee first.
<!-- the response time is agreed with the unions -->
They will answer within ten working days (see [[contact-junior]]).

{#contact-junior} Do not press junior staff. The {{Monitoring Officer|Monitoring
Officer}} keeps the list:
- contact the head of service, then
  the director;
- contact the {{Monitoring Officer}}.
| Role | Who |

## Urgent matters {#contact-urgent-heading}
"""
NUMS = {"contact-routes": "2.1", "contact-junior": "2.2"}


def _change(text: str, key: str, new: str) -> str:
    located = locate(text, key, NUMS)
    edits = word_edits(located.rendered, new)
    assert blockers(located, edits) == [], blockers(located, edits)
    return apply(text, file_edits(located, edits))


def test_words_are_found_as_the_build_shows_them():
    located = locate(SECTION, "contact-routes", NUMS)
    assert located.rendered == ("Ask the officer named for your ward or committee first. They will answer within "
                                "ten working days (see 2.2).")
    assert locate(SECTION, "contact-junior", NUMS).rendered.startswith("Do not press junior staff. The Monitoring "
                                                                       "Officer keeps")
    assert locate(SECTION, "contact-junior/1", NUMS).rendered == "contact the head of service, then the director;"
    assert locate(SECTION, "contact-urgent-heading", NUMS).rendered == "Urgent matters"
    assert locate(SECTION, "contact-junior/3", NUMS) is None and locate(SECTION, "nowhere", NUMS) is None


def test_an_edit_changes_only_its_words_and_keeps_the_attribute_block_and_lines():
    new = _change(SECTION, "contact-routes",
                  "Ask the duty officer named for your ward or committee first. They will answer within "
                  "five working days (see 2.2).")
    assert '{#contact-routes audience=all-members caption="Who to ask first"} Ask the duty officer\n' in new
    assert "<!-- the response time is agreed with the unions -->\nThey will answer within five working days " \
           "(see [[contact-junior]])." in new
    assert outline(new) == outline(SECTION)
    assert new.replace("duty ", "").replace("five", "ten") == SECTION


def test_an_edit_across_a_line_break_and_at_the_start():
    new = _change(SECTION, "contact-junior/1", "Contact the head of service and then the director;")
    assert "- Contact the head of service and then\n  the director;\n- contact the {{Monitoring Officer}}." in new
    new = _change(new, "contact-junior/1", "Contact the head of service, then the director or chief executive;")
    assert "- Contact the head of service, then\n  the director or chief executive;\n" in new
    new = _change(new, "contact-junior/1", "Contact the director;")  # the deleted words take the line break too
    assert "- Contact the director;\n- contact the {{Monitoring Officer}}." in new
    assert outline(new) == outline(SECTION)


def test_references_terms_comment_lines_and_table_rows_are_never_edited():
    located = locate(SECTION, "contact-routes", NUMS)
    edits = word_edits(located.rendered, located.rendered.replace("(see 2.2)", "(see 2.3)"))
    assert "the cross-reference [[contact-junior]]" in blockers(located, edits)[0]
    edits = word_edits(located.rendered, located.rendered.replace("first. They", "first; they"))
    assert blockers(located, edits) == []  # words either side of a comment line can change
    edits = word_edits(located.rendered, located.rendered.replace("first. They", "first.They"))
    assert "comment line" in blockers(located, edits)[0]  # but the line break across it cannot be deleted
    junior = locate(SECTION, "contact-junior", NUMS)
    edits = word_edits(junior.rendered, junior.rendered.replace("Monitoring Officer", "monitoring officer"))
    assert "glossary term {{Monitoring Officer|Monitoring\nOfficer}}" in blockers(junior, edits)[0] or \
        "glossary term" in blockers(junior, edits)[0]
    item = locate(SECTION, "contact-junior/2", NUMS)
    # the lines starting with '|' are the paragraph's table (its own rows), not words of the last sub-item
    assert item.rendered == "contact the Monitoring Officer." and "| Role" not in junior.rendered
    edits = word_edits(item.rendered, item.rendered.replace("contact the", "contact [[nowhere]] the"))
    assert any("markup" in b for b in blockers(item, edits))
    edits = word_edits(item.rendered, item.rendered.replace("contact the", "contact <b>the</b>"))
    assert any("markup" in b for b in blockers(item, edits))


def test_an_insertion_beside_a_reference_or_a_term_is_plain_text():
    junior = locate(SECTION, "contact-junior", NUMS)
    new = _change(SECTION, "contact-junior", junior.rendered.replace("The Monitoring Officer keeps",
                                                                     "The Monitoring Officer always keeps"))
    assert "{{Monitoring Officer|Monitoring\nOfficer}} always keeps the list:" in new


def test_word_edits_turn_one_text_into_the_other():
    import random

    rng = random.Random(19)
    words = "a an officer officers , . ; must should (see 2.2) the".split()
    for _ in range(500):
        old = " ".join(rng.choice(words) for _ in range(rng.randint(0, 15)))
        new = " ".join(rng.choice(words) for _ in range(rng.randint(0, 15)))
        assert edited(old, word_edits(old, new)) == new


def test_crlf_and_a_bom_survive_and_the_loader_reads_the_new_words(tmp_path):
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    path = root / "protocol_src" / "roles.md"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    protocol, _ = load_tree(root)
    nums = numbers(protocol)
    text = path.read_bytes()[3:].decode("utf-8")
    located = locate(text, "roles-members", nums)
    assert located is not None, text
    target = located.rendered.replace("set policy", "set the council's policy")
    new = apply(text, file_edits(located, word_edits(located.rendered, target)))
    path.write_bytes(b"\xef\xbb\xbf" + new.encode("utf-8"))
    assert b"\r\n" in path.read_bytes() and b"\n" not in path.read_bytes().replace(b"\r\n", b"")
    blocks = {b.key: b for b in plain_view(load_tree(root)[0]).body}
    assert blocks["roles-members"].text == target


@pytest.mark.parametrize("before, after", [
    (None, 'reasons:\n  contact-routes: "Consultation: Asha Quinn, 20 May 2024: \\"Duty\\" officer"\n'),
    ("", 'reasons:\n  contact-routes: "Consultation: Asha Quinn, 20 May 2024: \\"Duty\\" officer"\n'),
    ("# Why each paragraph changed\nreasons:\n",
     '# Why each paragraph changed\nreasons:\n  contact-routes: "Consultation: Asha Quinn, 20 May 2024: \\"Duty\\" '
     'officer"\n'),
    ("reasons: {}\n", 'reasons: \n  contact-routes: "Consultation: Asha Quinn, 20 May 2024: \\"Duty\\" officer"\n'),
    ("reasons:\n  gifts: Member survey  # kept\n",
     'reasons:\n  gifts: Member survey  # kept\n  contact-routes: "Consultation: Asha Quinn, 20 May 2024: \\"Duty\\" '
     'officer"\n'),
    ("reasons:\r\n    contact-routes: Member survey\r\n    gifts: x\r\n",
     'reasons:\r\n    contact-routes: "Member survey; Consultation: Asha Quinn, 20 May 2024: \\"Duty\\" officer"\r\n'
     "    gifts: x\r\n"),
])
def test_reasons_are_added_and_nothing_else_changes(before, after):
    why = {"contact-routes": 'Consultation: Asha Quinn, 20 May 2024: "Duty" officer'}
    assert add_reasons(before, why) == after
    assert add_reasons(after, why) == after  # a second run adds nothing


def test_reasons_that_cannot_take_a_line_are_refused():
    for text in ("reasons: [a, b]\n", "reasons: {a: b}\n", "- a list\n", "reasons: [\n", "other: x\n"):
        with pytest.raises(ReasonsUnwritable):
            add_reasons(text, {"contact-routes": "why"})


def test_every_block_of_the_shipped_protocol_is_found_as_the_build_shows_it(repo_root):
    """The locator agrees with the loader on every paragraph, sub-item and heading of the shipped text (420 in draft 1.2)."""
    protocol, _ = load_tree(repo_root)
    nums = numbers(protocol)
    paths = {b.id: s.source.path for s in protocol.sections for b in s.blocks}
    texts = {}
    checked = 0
    for block in plain_view(protocol, nums).body:
        if block.kind not in ("para", "item", "heading"):
            continue
        path = paths[block.key.split("/", 1)[0]]
        text = texts.setdefault(path, (repo_root / path).read_text(encoding="utf-8"))
        located = locate(text, block.key, nums)
        assert located is not None and located.rendered == block.text, block.key
        checked += 1
    assert checked > 300
