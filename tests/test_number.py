"""Numbering: sections 1, 2 …; paragraphs 3.1, 3.2 … across sub-headings; letters (a) … (z), (aa) …"""
from __future__ import annotations

import shutil

import pytest

from builder.load import load_tree
from builder.number import letter, numbers
from conftest import MINI


def test_mini_numbers():
    protocol, _ = load_tree(MINI)
    assert numbers(protocol) == {
        "purpose": "1", "purpose-what": "1.1", "purpose-both": "1.2", "purpose-status": "1.3",
        "roles": "2", "roles-members": "2.1",
    }


def test_headings_are_not_numbered_and_do_not_restart_paragraphs():
    protocol, _ = load_tree(MINI)
    nums = numbers(protocol)
    assert "status-heading" not in nums
    assert nums["purpose-status"] == "1.3"  # after the heading, 1.3 and not 1.1


def test_order_comes_from_protocol_yaml(tmp_path):
    root = tmp_path / "t"
    shutil.copytree(MINI, root)
    p = root / "protocol_src" / "protocol.yaml"
    p.write_text(p.read_text().replace("  - purpose\n  - roles\n", "  - roles\n  - purpose\n"), encoding="utf-8")
    r = root / "protocol_src" / "roles.md"
    r.write_text(r.read_text() + "\n{#roles-officers} Officers advise.\n", encoding="utf-8")
    nums = numbers(load_tree(root)[0])
    assert nums["roles"] == "1" and nums["roles-officers"] == "1.2"
    assert nums["purpose"] == "2" and nums["purpose-status"] == "2.3"


def test_numbers_follow_moves_not_ids(tmp_path):
    root = tmp_path / "t"
    shutil.copytree(MINI, root)
    p = root / "protocol_src" / "purpose.md"
    text = p.read_text()
    first = "{#purpose-what} This protocol sets out how members and officers work together.\n\n"
    p.write_text(text.replace(first, "") + "\n" + first, encoding="utf-8")
    nums = numbers(load_tree(root)[0])
    assert nums["purpose-both"] == "1.1" and nums["purpose-what"] == "1.3"


@pytest.mark.parametrize("index,expected", [
    (0, "a"), (1, "b"), (25, "z"), (26, "aa"), (27, "bb"), (51, "zz"), (52, "aaa"),
])
def test_letters(index, expected):
    assert letter(index) == expected


def test_letters_are_unique_for_long_lists():
    assert len({letter(i) for i in range(200)}) == 200
