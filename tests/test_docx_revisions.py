"""The redline is the ordinary Word document drawn from a merged view: its marks must be genuine Word revisions.

A small hand-made merged view (tests/docx_views.py) is written; resolving every
revision in the XML the way Word does must give exactly the document written
from the new view (accept) or the old view (reject). pandoc, reading the file
independently, must agree on the text.
"""
from __future__ import annotations

import re
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from builder.load import load_tree
from builder.write.docx import write_docx

from conftest import MINI
import clients
from docx_read import NS, num_of, outline, para_text, part, q, resolve_moves as resolve  # moves, then ins/del
from docx_views import MERGED, NEW, OLD


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    protocol, _ = load_tree(MINI)
    out = tmp_path_factory.mktemp("redline")
    paths = {}
    for name, view in (("old", OLD), ("new", NEW), ("merged", MERGED)):
        paths[name] = out / f"{name}.docx"
        write_docx(protocol, paths[name], view, author="Test Author", date="2024-06-01")
    return paths


def test_accept_all_gives_the_new_version_and_reject_all_the_old(built):
    merged = part(built["merged"])
    assert outline(resolve(merged, keep="ins")) == outline(part(built["new"]))
    assert outline(resolve(merged, keep="del")) == outline(part(built["old"]))


def test_a_merged_view_from_the_diff_accepts_and_rejects_exactly(tmp_path):
    from builder import diff
    from builder.view import plain_view

    fixtures = MINI.parent
    old, _ = load_tree(fixtures / "diff_old")
    new, _ = load_tree(fixtures / "diff_new")
    write_docx(new, tmp_path / "redline.docx", diff.merged_view(diff.Comparison(old, new, diff.compare(old, new))))
    write_docx(new, tmp_path / "new.docx")
    write_docx(new, tmp_path / "old.docx", plain_view(old))
    merged = part(tmp_path / "redline.docx")
    assert list(merged.iter(q("ins"))) and list(merged.iter(q("del")))
    assert outline(resolve(merged, keep="ins")) == outline(part(tmp_path / "new.docx"))
    assert outline(resolve(merged, keep="del")) == outline(part(tmp_path / "old.docx"))


def test_marks_are_word_revisions_with_author_date_and_unique_ids(built):
    root = part(built["merged"])
    revisions = list(root.iter(q("ins"), q("del")))
    assert len(revisions) >= 10
    for r in revisions:
        assert r.get(q("author")) == "Test Author"
        assert r.get(q("date")) == "2024-06-01T00:00:00Z"
    ids = [e.get(q("id")) for e in root.iter(q("ins"), q("del"), q("bookmarkStart"))]
    assert all(ids) and len(ids) == len(set(ids)), Counter(ids).most_common(3)
    # deleted text is w:delText, never w:t; inserted text never w:delText
    for d in root.iter(q("del")):
        assert not list(d.iter(q("t")))
    for i in root.iter(q("ins")):
        assert not list(i.iter(q("delText")))


def test_whole_paragraphs_mark_their_paragraph_mark_and_keep_their_numbering(built):
    root = part(built["merged"])
    paras = {para_text(p): p for p in root.iter(q("p"))}
    deleted = paras["This old paragraph goes."]
    assert deleted.find("w:pPr/w:rPr/w:del", NS) is not None
    assert num_of(deleted) == ("1", "1")  # still numbered: Word numbers it as if accepted
    # an inserted sub-item after another sub-item: its inserted paragraph mark is the one before it (Word's own
    # record of Enter at the end of "officers." then the new words; builder.write.docx.placement), and its own
    # mark is the one that was there
    inserted_item = paras["co-opted members."]
    assert inserted_item.find("w:pPr/w:rPr", NS) is None and inserted_item.find("w:ins", NS) is not None
    assert paras["officers."].find("w:pPr/w:rPr/w:ins", NS) is not None
    assert num_of(inserted_item) == num_of(paras["officers."]) == ("1", "2")
    # a moved paragraph is a Word move: moveTo at the new place, moveFrom at the old; the move-from paragraph
    # follows a paragraph like it, which carries its paragraph mark as a plain deletion (LibreOffice ignores a
    # move mark on a paragraph whose text is not moved)
    moved = [p for p in root.iter(q("p")) if para_text(p) == "This paragraph moves to the first section."]
    assert moved[0].find("w:pPr/w:rPr", NS)[0].tag == q("moveTo") and moved[1].find("w:pPr/w:rPr", NS) is None
    assert paras["Members set policy. and officers advise."].find("w:pPr/w:rPr", NS)[0].tag == q("del")
    assert num_of(moved[0]) == num_of(moved[1]) == ("1", "1")
    # a word change inside an unchanged paragraph does not mark the paragraph
    changed = paras["Members and officers always work together."]
    assert changed.find("w:pPr/w:rPr", NS) is None


def test_a_moved_paragraph_is_a_valid_word_move(built):
    root = part(built["merged"])
    moved_to, moved_from = [p for p in root.iter(q("p")) if para_text(p) == "This paragraph moves to the first section."]
    names = {}
    for p, side in ((moved_to, "To"), (moved_from, "From")):
        start, end = p.find(f"w:move{side}RangeStart", NS), p.find(f"w:move{side}RangeEnd", NS)
        assert start is not None and end is not None and start.get(q("id")) == end.get(q("id"))
        assert start.get(q("author")) == "Test Author" and start.get(q("date")) == "2024-06-01T00:00:00Z"
        names[side] = start.get(q("name"))
        # the range holds the paragraph's runs: start right after the properties, end last
        assert p.index(start) == 1 and p[-1] is end
        runs = p.findall(f"w:move{side}", NS)
        assert runs and all(r.get(q("author")) == "Test Author" for r in runs)
        assert not [r for r in runs if r.find(".//w:p", NS) is not None]
    assert names["To"] == names["From"] and names["To"]
    # moved text is w:t on both sides (w:delText only ever inside w:del)
    assert moved_from.find(".//w:moveFrom//w:t", NS) is not None and not list(moved_from.iter(q("delText")))
    # the bookmark other paragraphs link to is at the new place only
    assert moved_to.find("w:bookmarkStart", NS) is not None and moved_from.find("w:bookmarkStart", NS) is None
    # every range and revision id is unique, bookmarks included
    ids = [e.get(q("id")) for e in root.iter(q("ins"), q("del"), q("moveFrom"), q("moveTo"), q("bookmarkStart"),
                                             q("moveFromRangeStart"), q("moveToRangeStart"))]
    assert len(ids) == len(set(ids))


def test_glossary_rows_are_row_revisions(built):
    root = part(built["merged"])
    rows = {para_text(tr.find("w:tc", NS)): tr for tr in root.iter(q("tr"))}
    assert rows["Monitoring Officer"].find("w:trPr/w:del", NS) is not None
    assert rows["Independent Person"].find("w:trPr/w:ins", NS) is not None
    assert rows["Monitoring Officer"].find(".//w:del/w:r/w:delText", NS) is not None
    assert rows["Cabinet"].find("w:trPr/w:ins", NS) is None


def test_a_plain_view_has_no_revisions(built):
    root = part(built["new"])
    assert not list(root.iter(q("ins"), q("del")))


def test_the_redline_passes_openxml_audit(built):
    proc = subprocess.run([clients.require(clients.openxml_audit(), "openxml-audit"), str(built["merged"])], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "no findings" in proc.stdout


def _plain(path: Path, mode: str | None = None) -> list[str]:
    """pandoc's plain text, normalised for two limits of pandoc's reader that Word does not share:
    a list paragraph whose mark is deleted is left as an empty list item (Word merges it away), and a
    deleted table row is left empty. List markers are dropped (pandoc renumbers lists itself)."""
    cmd = [clients.require(clients.pandoc(), "pandoc"), "-f", "docx", "-t", "plain", "--wrap=none", str(path)]
    if mode:
        cmd.insert(1, f"--track-changes={mode}")
    text = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    lines = [re.sub(r"^\s*(\d+\.|[a-z]\.|-)\s*", "", line) for line in text.splitlines()]
    return [" ".join(line.split()) for line in lines if line.strip()]


@pytest.mark.slow
def test_pandoc_accepts_and_rejects_to_the_plain_builds(built):
    assert _plain(built["merged"], "accept") == _plain(built["new"])
    assert _plain(built["merged"], "reject") == _plain(built["old"])
    shown = subprocess.run([clients.require(clients.pandoc(), "pandoc"), "--track-changes=all", "-t", "native", str(built["merged"])],
                           capture_output=True, text=True, check=True).stdout
    assert '"insertion"' in shown and '"deletion"' in shown and "Test Author" in shown
