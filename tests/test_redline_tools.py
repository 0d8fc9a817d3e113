"""The redline checked by independent readers: pandoc and LibreOffice accept/reject all.

pandoc 2.17 keeps an empty list item where a paragraph mark is tracked as
inserted or deleted, so its check compares the text of every paragraph (empty
ones dropped); list numbers are checked by LibreOffice's text export (which
prints them) and by our own XML accept/reject (test_redline.py).
"""
from __future__ import annotations

import re
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest

from builder.diff import Comparison, compare, merged_view
from builder.load import load_tree
from builder.write.docx import write_docx
from conftest import REPO
import clients

OLD = REPO / "tests" / "fixtures" / "diff_old"
NEW = REPO / "tests" / "fixtures" / "diff_new"
pytestmark = pytest.mark.slow

LO_SCRIPT = r'''
import subprocess, sys, time
import uno
from com.sun.star.beans import PropertyValue

def prop(name, value):
    p = PropertyValue(); p.Name = name; p.Value = value; return p

profile, pipe, soffice, jobs = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
proc = subprocess.Popen([soffice, "-env:UserInstallation=" + profile, "--headless", "--invisible", "--nologo",
                         "--norestore", "--nodefault", "--accept=pipe,name=%s;urp;" % pipe],
                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
try:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    ctx = None
    for _ in range(1200):
        try:
            ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
            break
        except Exception:
            if proc.poll() is not None:
                sys.exit("soffice exited early")
            time.sleep(0.1)
    smgr = ctx.ServiceManager
    desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    dispatcher = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
    for job in jobs:
        mode, src, dst = job.split("|")
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(src), "_blank", 0, (prop("Hidden", True),))
        if mode != "plain":
            cmd = ".uno:AcceptAllTrackedChanges" if mode == "accept" else ".uno:RejectAllTrackedChanges"
            dispatcher.executeDispatch(doc.getCurrentController().getFrame(), cmd, "", 0, ())
        doc.storeToURL(uno.systemPathToFileUrl(dst), (prop("FilterName", "Text (encoded)"),
                                                     prop("FilterOptions", "UTF8,LF,,,")))
        doc.close(True)
    try:
        desktop.terminate()
    except Exception:
        pass
finally:
    try:
        proc.wait(60)
    except subprocess.TimeoutExpired:
        proc.kill()
'''


def edited_tree(tmp: Path, name: str, edit) -> Path:
    root = tmp / name
    shutil.copytree(OLD, root)
    path = root / "protocol_src" / "purpose.md"
    path.write_text(edit(path.read_text()))
    return root


CASES = {
    "reword": lambda s: s.replace("how members and officers work", "how members and senior officers should work"),
    "insert": lambda s: s.replace("{#purpose-breach}", "{#purpose-x} A new paragraph.\n\n{#purpose-breach}"),
    "delete": lambda s: s.replace("\n{#purpose-old} This paragraph will be deleted in the next version.\n", ""),
    "items": lambda s: s.replace("- members, and\n", "- members,\n- co-opted members, and\n"),
    "move": lambda s: s.replace("{#purpose-old} This paragraph will be deleted in the next version.\n", "")
                       .replace("{#purpose-what}", "{#purpose-old} This paragraph will be deleted in the next version.\n\n{#purpose-what}"),
}


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """(name, redline, clean new, clean old) for each fixed case and the full fixture pair."""
    tmp = tmp_path_factory.mktemp("tools")
    old = load_tree(OLD)[0]
    out = []
    clean_old = tmp / "old.docx"
    write_docx(old, clean_old)
    pairs = [(name, load_tree(edited_tree(tmp, name, edit))[0]) for name, edit in CASES.items()]
    pairs.append(("fixture", load_tree(NEW)[0]))
    for name, new in pairs:
        red, clean_new = tmp / f"{name}-red.docx", tmp / f"{name}-new.docx"
        write_docx(new, red, merged_view(Comparison(old, new, compare(old, new))), author="Monitoring Officer", date=new.meta.date)
        write_docx(new, clean_new)
        out.append((name, red, clean_new, clean_old))
    return out


def body(text: str, first_title: str = "Purpose of this protocol") -> list[str]:
    """The numbered text up to the version history: the title page and contents hold version metadata."""
    lines = text.splitlines()
    first = next(i for i, line in enumerate(lines) if re.match(rf"^\s*1\.?\s+{re.escape(first_title)}$", line))
    last = max(i for i, line in enumerate(lines) if line.strip() == "Version history")
    return [line.rstrip() for line in lines[first:last] if line.strip()]


def pandoc_paragraphs(path: Path, mode: str | None = None, first_title: str = "Purpose of this protocol") -> list[str]:
    args = [clients.require(clients.pandoc(), "pandoc"), str(path), "-t", "plain", "--wrap=none"] + ([f"--track-changes={mode}"] if mode else [])
    text = subprocess.run(args, capture_output=True, text=True, check=True, timeout=120).stdout
    marker = re.compile(r"^\s*(?:(?:\d+\.|[a-z]\.|-)(?:\s+|$))+")
    return [marker.sub("", line).strip() for line in body(text, first_title) if marker.sub("", line).strip()]


def test_pandoc_accept_and_reject_give_each_version_text(builds):
    for name, red, clean_new, clean_old in builds:
        assert pandoc_paragraphs(red, "accept") == pandoc_paragraphs(clean_new), name
        assert pandoc_paragraphs(red, "reject") == pandoc_paragraphs(clean_old), name


def libreoffice_texts(tmp: Path, jobs: list[tuple[str, Path]], first_title: str = "Purpose of this protocol"
                      ) -> list[list[str]]:
    """One LibreOffice process (in its own throwaway profile) for all the jobs: (mode, document) with mode
    "plain", "accept" or "reject"; each document's text export, list numbers included."""
    script = tmp / "lo_revisions.py"
    script.write_text(LO_SCRIPT)
    profile = f"file:///tmp/lo-{uuid.uuid4().hex}"
    outs = [tmp / f"lo-{i}.txt" for i in range(len(jobs))]
    args = [f"{mode}|{src}|{dst}" for (mode, src), dst in zip(jobs, outs)]
    python = clients.UNO_PYTHON
    try:
        subprocess.run([python, str(script), profile, f"pipe{uuid.uuid4().hex[:12]}",
                        clients.require(clients.soffice(), "LibreOffice"), *args], check=True,
                       timeout=300, capture_output=True)
    finally:
        shutil.rmtree(profile[len("file://"):], ignore_errors=True)
    return [body(p.read_text(encoding="utf-8-sig"), first_title) for p in outs]


MOVES = ("move", "fixture")  # cases where a paragraph moves


def test_libreoffice_accept_and_reject_give_each_version_with_numbers(builds, tmp_path):
    _libreoffice_round_trip([b for b in builds if b[0] not in MOVES], tmp_path)


def test_libreoffice_round_trip_with_moved_paragraphs(builds, tmp_path):
    """Moves are real Word moves (moveFrom/moveTo ranges). Written as a plain deletion and insertion of the same
    paragraph, LibreOffice 7.4 took the pair for a move on import and, accepting it, joined the emptied paragraph
    to the next one with the deleted paragraph's list level (a following section title numbered 1.5, not 2)."""
    _libreoffice_round_trip([b for b in builds if b[0] in MOVES], tmp_path)


def _libreoffice_round_trip(fixed, tmp_path):
    jobs = [("plain", fixed[0][3])]
    for _, red, clean_new, _ in fixed:
        jobs += [("accept", red), ("reject", red), ("plain", clean_new)]
    texts = libreoffice_texts(tmp_path, jobs)
    old_text = texts[0]
    assert any(line.lstrip().startswith("1.4 ") for line in old_text)  # list numbers are in the export
    for k, (name, *_rest) in enumerate(fixed):
        accepted, rejected, new_text = texts[1 + 3 * k: 4 + 3 * k]
        assert accepted == new_text, name
        assert rejected == old_text, name


# ---------------------------------------------------------------- the shipped example: release 1.0 -> the draft

@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    """The shipped redline 1.0 -> draft (as `protocol diff --from 1.0 --to draft` writes it) and the clean builds."""
    from builder.snapshots import load_release

    tmp = tmp_path_factory.mktemp("shipped")
    old, new = load_release(REPO, "1.0"), load_tree(REPO)[0]
    red, clean_new, clean_old = tmp / "red.docx", tmp / "new.docx", tmp / "old.docx"
    write_docx(new, red, merged_view(Comparison(old, new, compare(old, new))), author=new.meta.owner, date=new.meta.date)
    write_docx(new, clean_new)
    write_docx(old, clean_old)
    assert old.sections[0].title == new.sections[0].title
    return red, clean_new, clean_old, new.sections[0].title


def test_shipped_redline_pandoc_accept_and_reject_give_each_version_text(shipped):
    red, clean_new, clean_old, first = shipped
    assert pandoc_paragraphs(red, "accept", first) == pandoc_paragraphs(clean_new, None, first)
    assert pandoc_paragraphs(red, "reject", first) == pandoc_paragraphs(clean_old, None, first)


def test_shipped_redline_libreoffice_accept_and_reject_give_each_version_with_numbers(shipped, tmp_path):
    red, clean_new, clean_old, first = shipped
    accepted, rejected, new_text, old_text = libreoffice_texts(
        tmp_path, [("accept", red), ("reject", red), ("plain", clean_new), ("plain", clean_old)], first)
    assert any(re.match(r"^\s*11\.\d+ ", line) for line in old_text)  # list numbers are in the export
    assert accepted == new_text
    assert rejected == old_text


# ---------------------------------------------------------------- a known LibreOffice limit, kept in view

JOINS_ON_REJECT = {
    # a lead-in that ends in inserted words, followed at once by an inserted lettered sub-item
    "ends-inserted-then-new-item": lambda s: s.replace("It applies to:\n- members, and",
                                                       "It applies to: all of these\n- everyone,\n- members, and"),
}


@pytest.mark.slow
@pytest.mark.xfail(strict=True, reason=(
    "LibreOffice 7.4 joins a paragraph that ends in inserted words to an inserted sub-item that follows it "
    "when rejecting all changes; pandoc and the XML resolution are right (see the closing note of session 1)"))
def test_libreoffice_reject_all_after_a_paragraph_ending_in_inserted_words(tmp_path):
    old = load_tree(OLD)[0]
    clean_old = tmp_path / "old.docx"
    write_docx(old, clean_old)
    fixed = []
    for name, edit in JOINS_ON_REJECT.items():
        new = load_tree(edited_tree(tmp_path, name, edit))[0]
        red, clean_new = tmp_path / f"{name}-red.docx", tmp_path / f"{name}-new.docx"
        write_docx(new, red, merged_view(Comparison(old, new, compare(old, new))), author="Monitoring Officer", date=new.meta.date)
        write_docx(new, clean_new)
        assert pandoc_paragraphs(red, "reject") == pandoc_paragraphs(clean_old)  # pandoc gets it right
        fixed.append((name, red, clean_new, clean_old))
    _libreoffice_round_trip(fixed, tmp_path)
