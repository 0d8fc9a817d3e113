"""The redline checked by independent readers, for the whole document: pandoc and LibreOffice accept and reject.

For each case (an edit of the small fixture of one kind the issue names, and
the shipped protocol's own redline 1.0 -> draft), accepting every change must
give exactly the clean build of the new version and rejecting every change the
clean build of the old one: the title page, the contents, the body, the
glossary, the worked examples and the version history (LibreOffice's text
export prints every list number too; its page-2 header is read from PDFs).
pandoc 2.17 keeps an empty list item where a paragraph mark is tracked, so its
text is compared with list markers and empty paragraphs dropped.

Unresolved, LibreOffice prints each numbered paragraph's number as accepted,
then in brackets as rejected where they differ. It must print exactly that,
except where one of LibreOffice 7.4's rules that the markup cannot avoid
applies (docs/libreoffice.md: R1, a paragraph holding a deleted run drops out
of the "as accepted" count; R2 and R3 where a whole paragraph's mark cannot be
moved), which libreoffice.expected_labels models exactly.
"""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from builder.diff import Comparison, compare, merged_view
from builder.load import load_tree
from builder.write.docx import write_docx
from conftest import REPO
import clients
import libreoffice

OLD = REPO / "tests" / "fixtures" / "diff_old"
NEW = REPO / "tests" / "fixtures" / "diff_new"
pytestmark = pytest.mark.slow
P, C, G, Y = "protocol_src/purpose.md", "protocol_src/contact.md", "protocol_src/gifts.md", "protocol_src/protocol.yaml"
SC = "scenarios/planning-developer.md"
ROUTES = "{#contact-routes} Ask the officer named for your ward or committee first. They will answer within ten working days.\n\n"
OLD_PARA = "{#purpose-old} This paragraph will be deleted in the next version.\n"
MEDIA = ("---\ntitle: Media and social media\naudience: [everyone]\nobjectives: [\"8.9\"]\n---\n\n"
         "{#media-press} Members speak to the press in their own name. Officers speak for the council.\n")


def _rep(old: str, new: str):
    def edit(text: str) -> str:
        assert old in text, old
        return text.replace(old, new)
    return edit


# Each case: file -> edit (None deletes the file), applied to a copy of tests/fixtures/diff_old.
CASES = {
    "reword": {P: _rep("how members and officers work", "how members and senior officers should work")},
    "delete": {P: _rep("\n" + OLD_PARA, "")},
    "delete-middle": {P: _rep("{#purpose-breach} A breach may be evidence of a breach of a code. Ask the "
                              "{{Monitoring Officer}}. See [[contact-routes]].\n\n", "")},
    "delete-item": {P: _rep("- members, and\n", "")},
    "delete-last-item": {C: _rep("- contact the director, then\n- contact the chief executive.\n",
                                 "- contact the director.\n")},
    "delete-first-paragraph": {C: _rep(ROUTES, ""), P: _rep("See [[contact-routes]].", "See [[contact-junior]]."),
                               SC: lambda s: s.replace("contact-routes", "contact-junior")},
    "delete-paragraph-with-items": {P: _rep("{#purpose-both} It applies to:\n- members, and\n- officers, in the "
                                            "same way.\n\n", "")},
    "delete-after-heading": {C: _rep("{#contact-out-of-hours} Out of hours, call the duty officer. The "
                                     "{{Monitoring Officer}} keeps the list.\n\n", "")},
    "delete-section": {Y: _rep("  - contact\n", ""), C: None, P: _rep(" See [[contact-routes]].", ""),
                       SC: lambda s: s.replace("cites: [contact-routes, gifts-refuse]", "cites: [gifts-refuse]")
                       .replace("Paragraph [[contact-routes]] says who to contact. ", "")},
    "insert": {P: _rep("{#purpose-breach}", "{#purpose-x} A new paragraph.\n\n{#purpose-breach}")},
    "insert-with-items": {P: _rep("{#purpose-old}", "{#purpose-x} New duties:\n- one, and\n- two.\n\n{#purpose-old}")},
    "insert-first-item": {P: _rep("It applies to:\n- members, and", "It applies to:\n- everyone,\n- members, and")},
    "insert-last-item": {P: _rep("- officers, in the same way.\n", "- officers, in the same way, and\n- co-opted members.\n")},
    "insert-first-in-section": {C: _rep("{#contact-routes}", "{#contact-first} Contact officers in working hours.\n\n"
                                                           "{#contact-routes}")},
    "insert-section": {Y: _rep("  - contact\n", "  - media\n  - contact\n"), "protocol_src/media.md": lambda s: MEDIA},
    # the old strict xfail: a lead-in ending in inserted words, then an inserted sub-item (LibreOffice joined them)
    "ends-inserted-then-new-item": {P: _rep("It applies to:\n- members, and",
                                            "It applies to: all of these\n- everyone,\n- members, and")},
    # two paragraphs in a row, the first ending and the second starting with inserted words
    "inserted-words-either-side-of-a-mark": {P: lambda s: _rep("It applies to:", "In short, it applies to:")(
        _rep("work together.", "work together every day.")(s))},
    "deleted-words-either-side-of-a-mark": {P: lambda s: _rep("It applies to:", "Applies to:")(
        _rep("how members and officers work together.", "how members and officers work.")(s))},
    # the words of a deleted paragraph appended to the one before: a merge (LibreOffice made it a move)
    "merge": {P: _rep("See [[contact-routes]].\n\n" + OLD_PARA, "See [[contact-routes]]. This paragraph will be "
                                                                  "deleted in the next version.\n")},
    "split": {P: _rep("{#purpose-breach} A breach may be evidence of a breach of a code. Ask the {{Monitoring Officer}}. "
                      "See [[contact-routes]].", "{#purpose-breach} A breach may be evidence of a breach of a code.\n\n"
                      "{#purpose-ask} Ask the {{Monitoring Officer}}. See [[contact-routes]].")},
    "move-within": {P: lambda s: _rep("{#purpose-what}", OLD_PARA + "\n{#purpose-what}")(_rep(OLD_PARA, "")(s))},
    "move-to-other-section": {C: _rep("\n{#contact-groups} Officers may brief a {{political group}} on request.\n", ""),
                              G: _rep("{#gifts-refuse}", "{#contact-groups} Officers may brief a {{political group}} on "
                                                         "request.\n\n{#gifts-refuse}")},
    "sections-swapped": {Y: _rep("  - contact\n  - gifts\n", "  - gifts\n  - contact\n")},
}
# A moved section holding cross-references that are renumbered by the move (both versions have the references).
REFERENCES = {G: _rep("within 28 days.", "within 28 days. See [[contact-routes]]."),
              C: _rep("within ten working days.", "within ten working days. See [[gifts-register]].")}
MOVED_WITH_REFERENCES = {Y: _rep("  - contact\n  - gifts\n", "  - gifts\n  - contact\n")}


def tree(tmp: Path, name: str, edits: dict) -> Path:
    root = tmp / name
    shutil.copytree(OLD, root)
    for rel, edit in edits.items():
        path = root / rel
        if edit is None:
            path.unlink()
        else:
            path.write_text(edit(path.read_text(encoding="utf-8") if path.exists() else ""), encoding="utf-8")
    return root


def _build(tmp: Path, name: str, old, new) -> dict:
    comparison = Comparison(old, new, compare(old, new))
    paths = {k: tmp / f"{name}-{k}.docx" for k in ("red", "new", "old")}
    write_docx(new, paths["red"], merged_view(comparison), author="Monitoring Officer", date=new.meta.date)
    write_docx(new, paths["new"])
    write_docx(old, paths["old"])
    view = merged_view(comparison)
    return {"name": name, "view": view, "first": view.body[0].text, **paths}


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> list[dict]:
    tmp = tmp_path_factory.mktemp("tools")
    old = load_tree(OLD)[0]
    made = [_build(tmp, name, old, load_tree(tree(tmp, name, edits))[0]) for name, edits in CASES.items()]
    made.append(_build(tmp, "fixture", old, load_tree(NEW)[0]))
    with_refs = load_tree(tree(tmp, "refs-old", REFERENCES))[0]
    moved = load_tree(tree(tmp, "refs-new", {**REFERENCES, **MOVED_WITH_REFERENCES}))[0]
    made.append(_build(tmp, "moved-section-with-renumbered-references", with_refs, moved))
    return made


@pytest.fixture(scope="module")
def libreoffice_read(builds, tmp_path_factory) -> dict:
    """One LibreOffice run for every case: accept, reject, the clean builds' text, the unresolved PDF."""
    jobs = []
    for b in builds:
        jobs += [("accept", b["red"]), ("reject", b["red"]), ("plain", b["new"]), ("plain", b["old"]),
                 ("pdf", b["red"])]
    outs = libreoffice.run_jobs(tmp_path_factory.mktemp("lo"), jobs)
    read = {}
    for k, b in enumerate(builds):
        accepted, rejected, new, old = (_text(p) for p in outs[5 * k: 5 * k + 4])
        read[b["name"]] = {"accept": accepted, "reject": rejected, "new": new, "old": old, "pdf": outs[5 * k + 4]}
    return read


def _text(path: Path) -> list[str]:
    return [line.rstrip() for line in path.read_text(encoding="utf-8-sig").splitlines()]


def libreoffice_texts(tmp: Path, jobs: list[tuple[str, Path]], first_title: str = "") -> list[list[str]]:
    """One LibreOffice for all the jobs ((mode, document), mode "plain", "accept" or "reject"): each
    document's whole text export, list numbers included, blank lines dropped (the tests of this module compare
    blank lines too: libreoffice.texts). With `first_title`, only the numbered text: from that section's title
    (not its entry in the contents, which comes first) up to the version history."""
    texts = [[line for line in text if line.strip()] for text in libreoffice.texts(tmp, jobs)]
    return [_numbered_text(t, first_title) for t in texts] if first_title else texts


def _numbered_text(lines: list[str], first_title: str) -> list[str]:
    title = re.compile(rf"^\s*1\.?\s+{re.escape(first_title)}\s*$")
    last = max(i for i, line in enumerate(lines) if line.strip() == "Version history")
    first = max(i for i, line in enumerate(lines[:last]) if title.match(line))
    return lines[first:last]


def pandoc_paragraphs(path: Path, mode: str | None = None) -> list[str]:
    """The whole document's text as pandoc reads it (list markers and empty paragraphs dropped)."""
    args = [clients.require(clients.pandoc(), "pandoc"), str(path), "-t", "plain", "--wrap=none"]
    text = subprocess.run(args + ([f"--track-changes={mode}"] if mode else []), capture_output=True, text=True,
                          check=True, timeout=120).stdout
    marker = re.compile(r"^\s*(?:(?:\d+\.|[a-z]\.|-)(?:\s+|$))+")
    return [marker.sub("", line).strip() for line in text.splitlines() if marker.sub("", line).strip()]


def pandoc_text(path: Path, mode: str | None = None) -> list[str]:
    """pandoc's paragraphs without table rulings and captions: pandoc keeps a table whose every row is deleted
    (on accept) or inserted (on reject) as empty rows under its caption (a table's properties are not tracked),
    where Word and LibreOffice remove it; its words are still compared."""
    return [line for line in pandoc_paragraphs(path, mode) if line.strip(" -") and not line.startswith(": ")]


def test_the_cases_change_what_they_say(builds):
    """Every case is a real change, and the split and merge cases are found as a split and a merge."""
    for b in builds:
        assert b["red"].read_bytes() != b["new"].read_bytes(), b["name"]
    view = {b["name"]: b["view"] for b in builds}
    assert [x.end for x in view["split"].body if x.key == "purpose-breach"] == ["ins"]
    assert [x.end for x in view["merge"].body if x.key == "purpose-breach"] == ["del"]


def test_pandoc_accept_and_reject_give_each_whole_document(builds):
    for b in builds:
        assert pandoc_paragraphs(b["red"], "accept") == pandoc_paragraphs(b["new"]), b["name"]
        assert pandoc_paragraphs(b["red"], "reject") == pandoc_paragraphs(b["old"]), b["name"]


def test_libreoffice_accept_and_reject_give_each_whole_document_with_numbers(libreoffice_read):
    for name, read in libreoffice_read.items():
        assert any(re.match(r"^\s*1\.2 ", line) for line in read["old"]), name  # the export prints numbers
        assert read["accept"] == read["new"], name
        assert read["reject"] == read["old"], name


def test_libreoffice_unresolved_prints_each_paragraphs_own_number(builds, libreoffice_read):
    """Exactly what LibreOffice 7.4's rules predict for the markup written (libreoffice.expected_labels), and
    exactly the right numbers where none of the rules the markup cannot avoid applies: a whole deleted
    paragraph, a merge (the issue's "17 Monitoring and review" became 16.9) and a paragraph moved to another
    section leave no "[old]" cascade behind them."""
    exact = set()
    for b in builds:
        printed = libreoffice.pdf_labels(libreoffice.pdf_text(libreoffice_read[b["name"]]["pdf"]), b["first"])
        assert len(printed) == len(libreoffice.expected_labels(b["view"])), b["name"]
        assert printed == libreoffice.expected_labels(b["view"], libreoffice.paragraph_marks(b["red"], b["view"])), \
            b["name"]
        if printed == libreoffice.expected_labels(b["view"]):
            exact.add(b["name"])
    assert {"delete", "merge", "move-to-other-section"} <= exact


def test_a_moved_section_keeps_its_renumbered_references_as_renumbering(builds):
    """Problem 3: the moved section's paragraphs are a move, and the reference the move renumbered is the
    renumbering author's deletion of the old number (inside the move) and insertion of the new one."""
    from docx_read import part, q

    b = next(b for b in builds if b["name"] == "moved-section-with-renumbered-references")
    root = part(b["red"])
    paragraph = next(p for p in root.iter(q("p")) if p.find(q("moveTo")) is not None
                     and "They will answer within ten working days" in "".join(p.itertext()))
    renumbering = [m for m in paragraph.iter(q("ins"), q("del")) if m.get(q("author")).endswith("(renumbering)")]
    assert [m.tag for m in renumbering] == [q("del"), q("ins")]
    assert renumbering[0].getparent().tag == q("moveTo")  # the old number is deleted inside the move
    assert not [m for m in paragraph.iter(q("ins"), q("del")) if not m.get(q("author")).endswith("(renumbering)")
                and m.getparent().tag != q("rPr")]


def test_reject_all_gives_the_old_title_page_and_running_header(builds, tmp_path):
    b = next(b for b in builds if b["name"] == "fixture")
    accepted, rejected, old, new = libreoffice.run_jobs(tmp_path, [("pdfaccept", b["red"]), ("pdfreject", b["red"]),
                                                                   ("pdf", b["old"]), ("pdf", b["new"])])
    page = lambda pdf, n: libreoffice.pdf_text(pdf).split("\f")[n - 1]  # noqa: E731
    label = "Tracked changes: version 1.0 to version 1.1"
    for got, want in ((rejected, old), (accepted, new)):
        # the title page, but for its own header, which says what the redline shows (not text it tracks)
        assert page(got, 1).strip().startswith(label) and label not in page(want, 1)
        assert page(got, 1).split(label, 1)[1].strip() == page(want, 1).strip()
        assert page(got, 2).splitlines()[0] == page(want, 2).splitlines()[0]  # the running header
    assert "Version 1.0: Approved" in page(rejected, 2).splitlines()[0]
    import docx

    assert docx.Document(str(b["red"])).core_properties.title == f"{b['view'].front[1].text}: tracked changes " \
                                                                    "from version 1.0 to version 1.1"


# ---------------------------------------------------------------- the shipped example: release 1.0 -> the draft

@pytest.fixture(scope="module")
def shipped(tmp_path_factory) -> dict:
    """The shipped redline 1.0 -> draft (as `protocol diff --from 1.0 --to draft` writes it) and the clean builds."""
    from builder.snapshots import load_release

    return _build(tmp_path_factory.mktemp("shipped"), "shipped", load_release(REPO, "1.0"), load_tree(REPO)[0])


def test_shipped_redline_pandoc_accept_and_reject_give_each_whole_document(shipped):
    # (draft 1.2 has tables and a duties appendix that 1.0 had not: whole inserted tables, see pandoc_text)
    assert pandoc_text(shipped["red"], "accept") == pandoc_text(shipped["new"])
    assert pandoc_text(shipped["red"], "reject") == pandoc_text(shipped["old"])


R4 = ("LibreOffice 7.4 cannot remove a paragraph mark just before a table (docs/libreoffice.md, R4): draft 1.2's "
      "sub-items replaced by a table (review-measures) leave an empty sub-item on Accept All, and its new paragraphs "
      "between two new tables (the concerns section) an empty numbered paragraph on Reject All")


@pytest.fixture(scope="module")
def shipped_in_libreoffice(shipped, tmp_path_factory) -> list[Path]:
    return libreoffice.run_jobs(tmp_path_factory.mktemp("shipped-lo"), [
        ("accept", shipped["red"]), ("reject", shipped["red"]), ("plain", shipped["new"]), ("plain", shipped["old"]),
        ("pdf", shipped["red"])])


def _words(lines: list[str]) -> list[str]:
    """The lines without their list labels, empty ones dropped."""
    out = [re.sub(r"^\s*(?:\d+(?:\.\d+)?|\([a-z]+\))(?:\s+|$)", "", line).strip() for line in lines]
    return [line for line in out if line]


def test_shipped_redline_libreoffice_differs_only_by_the_r4_empty_paragraphs(shipped_in_libreoffice):
    """Every word and paragraph of both whole documents, in LibreOffice; what differs is one empty numbered
    paragraph on each side (R4), and so the numbers after it in that section."""
    accepted, rejected, new, old, _ = shipped_in_libreoffice
    accepted, rejected, new, old = (_text(p) for p in (accepted, rejected, new, old))
    assert any(re.match(r"^\s*11\.\d+ ", line) for line in old)  # list numbers are in the export
    assert _words(accepted) == _words(new) and len(accepted) == len(new) + 1
    assert _words(rejected) == _words(old) and len(rejected) == len(old) + 1


@pytest.mark.xfail(strict=True, reason=R4)
def test_shipped_redline_libreoffice_whole_document(shipped_in_libreoffice):
    accepted, rejected, new, old = (_text(p) for p in shipped_in_libreoffice[:4])
    assert accepted == new
    assert rejected == old


def test_shipped_redline_libreoffice_numbers(shipped, shipped_in_libreoffice):
    pdf = shipped_in_libreoffice[4]
    printed = libreoffice.pdf_labels(libreoffice.pdf_text(pdf), shipped["first"])
    assert printed == libreoffice.expected_labels(shipped["view"],
                                                  libreoffice.paragraph_marks(shipped["red"], shipped["view"]))
