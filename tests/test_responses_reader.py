"""The consultation reader on copies changed by hand where no client was needed to make the point: a copy whose
version property was dropped (Word keeps the subject line, which also names the version), and the originals of a
passage whose paragraph mark was tracked (Reject All and Accept All views of the same paragraphs)."""
from __future__ import annotations

import re

import import_cases
from builder.consultation import consult
from builder.load import load_tree
from builder.number import numbers
from builder.read.responses import read_copy
from conftest import MINI


def _copy(edit) -> bytes:
    parts = import_cases._parts(import_cases.mini_docx())
    edit(parts)
    return import_cases._zip(parts)


def test_the_version_comes_from_the_subject_when_the_version_property_is_gone():
    def drop(parts):
        core = parts["docProps/core.xml"].decode("utf-8")
        assert "<cp:version>1.1</cp:version>" in core
        parts["docProps/core.xml"] = core.replace("<cp:version>1.1</cp:version>", "").encode("utf-8")

    protocol, _ = load_tree(MINI)
    result = consult(protocol, numbers(protocol), [read_copy(_copy(drop), "copy.docx")])
    assert result.reports[0].version == "1.1" and result.reports[0].matched > 0


def test_a_paragraph_joined_to_the_next_is_two_originals_and_one_accepted_paragraph():
    """A deletion running over a paragraph mark (what Word records when two paragraphs are joined)."""
    def join(parts):
        document = parts["word/document.xml"].decode("utf-8")
        head = '<w:p><w:pPr><w:pStyle w:val="ListNumber2"/>'
        k = document.index("members, and")
        start = document.rindex(head, 0, k)
        ppr_end = document.index("</w:pPr>", start)
        mark = '<w:rPr><w:del w:id="901" w:author="Asha Quinn" w:date="2024-05-20T10:00:00Z"/></w:rPr>'
        document = document[:ppr_end] + mark + document[ppr_end:]
        parts["word/document.xml"] = document.encode("utf-8")

    copy = read_copy(_copy(join), "joined.docx")
    [passage] = copy.passages
    assert [copy.originals[i].text for i in passage.originals] == ["members, and", "officers, in the same way."]
    assert passage.accepted == ["members, andofficers, in the same way."] and passage.structural
    assert passage.authors == ["Asha Quinn"]
    protocol, _ = load_tree(MINI)
    [s] = consult(protocol, numbers(protocol), [copy]).suggestions
    assert s.what == "joins paragraphs" and s.blockers == ["it joins paragraphs"]
    assert re.search(r"\d\.\d\(a\)", s.where)
