"""A Monitoring Officer's amendment round on the shipped protocol, made the way a user makes it.

The shipped tree is copied; `protocol release` freezes its draft (through the real CLI: the shipped draft's own
version, OLD below); protocol.yaml is moved on to the next draft (NEW) and amendments.yaml filled with this round's
reasons, as the release command tells the user to do; then the twelve edits of issue 13 are made in the source
files with a text editor's find-and-replace (the issue made them on release 1.1 and draft 1.2):

 1-2  two rewordings (principles-public-life, review-ownership)
 3    a deleted paragraph (officers-implement; the quick answer citing it cites officers-roles-intro)
 4    a new paragraph with a cross-reference (gifts-return, pointing at gifts-register)
 5    a paragraph moved to another section (learning-records, into review)
 6    one paragraph split in two (review-changes -> review-changes + review-records)
 7    two merged into one (learning-topics appended to learning-worked-examples)
 8    two sections swapped in protocol.yaml (information <-> gifts-interests)
 9    a new section (partners, before review)
 10   a deleted sub-item (Openness, in principles-public-life)
 11   a renamed glossary term (ward contact officer -> ward liaison officer, everywhere)
 12   a scenario edit (box-at-the-match's situation)

Every edit also gets a reason in amendments.yaml, as the Monitoring Officer would write them.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

from conftest import REPO, run_cli

REASONS = {
    "principles-public-life": "Standards Committee, 12 September 2024: the principles are a duty, not an expectation; "
                              "Openness is covered by the information section",
    "review-ownership": "Standards Committee, 12 September 2024: the committee keeps the protocol under review",
    "officers-implement": "Editorial: repeated the officers' role in section 4",
    "gifts-return": "Member survey, August 2024: members asked what to do with a gift they cannot keep",
    "learning-records": "Editorial: attendance records are part of the monitoring reports",
    "review-changes": "Editorial: one idea per paragraph",
    "review-records": "Editorial: one idea per paragraph",
    "learning-worked-examples": "Editorial: the two paragraphs on the worked examples read as one",
    "learning-topics": "Editorial: the two paragraphs on the worked examples read as one",
    "information": "Member survey, August 2024: gifts and interests come before information, as in the code of conduct",
    "partners": "Full Council, 16 July 2024, motion 7: members on partner boards",
    "partners-roles": "Full Council, 16 July 2024, motion 7: members on partner boards",
    "partners-report": "Full Council, 16 July 2024, motion 7: members on partner boards",
    "casework-routes": "Restructure of Democratic Services, July 2024: the post is now called ward liaison officer",
    "each-ward-ward-contact": "Restructure of Democratic Services, July 2024: the post is now called ward liaison officer",
    "information-how-to-ask": "Restructure of Democratic Services, July 2024: the post is now called ward liaison officer",
    "ward liaison officer": "Restructure of Democratic Services, July 2024: the post is now called ward liaison officer",
    "ward contact officer": "Restructure of Democratic Services, July 2024: the post is now called ward liaison officer",
    "box-at-the-match": "Training feedback, June 2024: say when the offer was made",
    "out-of-hours-access": "Restructure of Democratic Services, July 2024: the post is now called ward liaison officer",
    "housing-list-favour": "Restructure of Democratic Services, July 2024: the post is now called ward liaison officer",
    "messages-to-a-junior-officer": "Restructure of Democratic Services, July 2024: the post is now called ward "
                                    "liaison officer",
}

PARTNERS = """---
title: Working with partners
summary: How members and officers work with partner organisations.
audience: [everyone]
objectives: ["8.6"]
---

{#partners-roles caption="On a partner's board"} When members and officers sit on partner boards, they must follow this protocol there too.

{#partners-report caption="Reporting back"} Members must report back to the council on the work of the bodies they sit on.
"""


def _edit(path: Path, change) -> None:
    text = path.read_text(encoding="utf-8")
    new = change(text)
    if new == text:
        raise AssertionError(f"the edit to {path.name} changed nothing: the shipped text moved on")
    path.write_text(new, encoding="utf-8")


def _paragraph(text: str, pid: str) -> str:
    """The whole source paragraph `{#pid ...} ...` (up to the blank line after it)."""
    match = re.search(r"\{#" + re.escape(pid) + r"[ }][^\n]*(?:\n(?!\n)[^\n]*)*", text)
    if not match:
        raise AssertionError(f"no paragraph {pid}")
    return match.group(0)


def versions(root: Path = REPO) -> tuple[str, str]:
    """(OLD, NEW): the shipped draft's version, released by the round, and the next ("1.2" -> "1.3")."""
    old = re.search(r'^version: "([\d.]+)"', (root / "protocol_src" / "protocol.yaml").read_text(encoding="utf-8"),
                    re.M).group(1)
    major, minor = old.rsplit(".", 1)
    return old, f"{major}.{int(minor) + 1}"


def release_then_edit(root: Path, build_released: Path | None = None) -> Path:
    """`root` gets a copy of the shipped tree, its draft released as OLD through the CLI (and, with
    `build_released`, that version's papers built there, as the released version's were), then the twelve edits
    (draft NEW)."""
    old, new = versions()
    root.mkdir(parents=True, exist_ok=True)
    for name in ("protocol_src", "scenarios", "releases"):
        shutil.copytree(REPO / name, root / name)
    proc = run_cli("release", old, "--status", "approved", "--date", "2024-11-14", "--body", "Standards Committee",
                   "--minute", "SC/24/40", "--summary", "The six-month review", "--root", str(root))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    if build_released is not None:
        proc = run_cli("build", "--no-site", "--root", str(root), "--out", str(build_released))
        assert proc.returncode == 0, proc.stdout + proc.stderr
    src = root / "protocol_src"
    _edit(src / "protocol.yaml", lambda t: re.sub(r'version: "[\d.]+"\nstatus: approved\ndate: [\d-]+',
                                                 f'version: "{new}"\nstatus: draft\ndate: 2024-12-02', t))
    _edit(src / "protocol.yaml", lambda t: re.sub(r"(dates:[^\n]*\n)(?:  \w+: [\d-]+\n)+",
                                                 r"\1  standards_committee: 2025-01-09\n  full_council: 2025-01-23\n", t))
    reasons = "".join(f'  {key}: "{why}"\n' for key, why in REASONS.items())
    (src / "amendments.yaml").write_text(f"# Why each paragraph changed since release {old}.\nreasons:\n{reasons}",
                                         encoding="utf-8")
    # 1, 2: two rewordings
    _edit(src / "principles.md", lambda t: t.replace("is expected to follow the {{seven principles of public life}}",
                                                     "must follow the {{seven principles of public life}}"))
    _edit(src / "review.md", lambda t: t.replace("The Standards Committee owns this protocol.",
                                                 "The Standards Committee owns this protocol and keeps it under review."))
    # 3: a deleted paragraph
    _edit(src / "roles-officers.md", lambda t: t.replace(_paragraph(t, "officers-implement") + "\n\n", ""))
    #    and the quick answer that cited it now cites the list of officers' roles it repeated (check's Q001 asks)
    _edit(src / "answers.yaml", lambda t: t.replace("services-no-direction, officers-implement]",
                                                    "services-no-direction, officers-roles-intro]"))
    # 4: a new paragraph with a cross-reference
    _edit(src / "gifts-interests.md", lambda t: t.replace(
        "\n## Interests {#interests-heading}",
        "\n{#gifts-return caption=\"A gift you cannot accept\"} If you receive a gift you cannot accept, return it with a polite note and tell the "
        "Monitoring Officer (see [[gifts-register]]).\n\n## Interests {#interests-heading}"))
    # 5: a paragraph moved to another section
    records = _paragraph((src / "learning.md").read_text(encoding="utf-8"), "learning-records")
    _edit(src / "learning.md", lambda t: t.replace("\n\n" + records, ""))
    _edit(src / "review.md", lambda t: t.replace("{#review-first", records + "\n\n{#review-first"))
    # 6: one paragraph split in two
    _edit(src / "review.md", lambda t: t.replace(
        "Other changes need the approval of Full Council. Each new version records what changed and why.",
        "Other changes need the approval of Full Council.\n\n{#review-records caption=\"What each version "
        "records\"} Each new version records what changed and why."))
    # 7: two merged into one
    learning = (src / "learning.md").read_text(encoding="utf-8")
    topics = _paragraph(learning, "learning-topics")
    words = topics.split("} ", 1)[1]
    _edit(src / "learning.md", lambda t: t.replace("\n\n" + topics, "").replace(
        "the protocol's paragraphs take precedence.", "the protocol's paragraphs take precedence. " + words))
    # 8: two sections swapped
    _edit(src / "protocol.yaml", lambda t: t.replace("  - information\n  - gifts-interests\n",
                                                     "  - gifts-interests\n  - information\n"))
    # 9: a new section
    (src / "partners.md").write_text(PARTNERS, encoding="utf-8")
    _edit(src / "protocol.yaml", lambda t: t.replace("  - review\n", "  - partners\n  - review\n"))
    # 10: a deleted sub-item
    _edit(src / "principles.md", lambda t: re.sub(r"- Openness: [^\n]*\n", "", t))
    # 11: a renamed glossary term, and every use of it
    for path in sorted(src.glob("*.md")) + [src / name for name in ("glossary.yaml", "vocabulary.yaml", "answers.yaml",
                                                                     "synonyms.yaml")] + sorted(
            (root / "scenarios").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        if "ward contact officer" in text.lower():
            path.write_text(text.replace("ward contact officer", "ward liaison officer")
                            .replace("Ward contact officer", "Ward liaison officer"), encoding="utf-8")
    # 12: a scenario edit
    _edit(root / "scenarios" / "box-at-the-match.md", lambda t: t.replace(
        "Its\ncontract ends next year,", "Its\ncontract ends next year, on 31 March,"))
    return root
