"""Real Word list numbering: one multi-level list for the protocol, one bullet list for the appendix.

Word and LibreOffice compute the numbers from these definitions; they equal
`builder.number` because both count the same paragraphs in the same order:
level 0 sections ("1"), level 1 paragraphs ("1.1", restarting in each
section), level 2 sub-items ("(a)", restarting in each paragraph).
"""
from __future__ import annotations

PROTOCOL_LIST = 1  # w:numId of the protocol's multi-level list
BULLET_LIST = 2

# kind of line -> (numId, level)
LIST_LEVEL = {"section": (PROTOCOL_LIST, 0), "para": (PROTOCOL_LIST, 1), "item": (PROTOCOL_LIST, 2),
              "bullet": (BULLET_LIST, 0)}

_PROTOCOL_LEVELS = (  # (format, text, left indent, hanging) in twips
    ("decimal", "%1", 851, 851),
    ("decimal", "%1.%2", 851, 851),
    ("lowerLetter", "(%3)", 1418, 567),
)


def _level(ilvl: int, fmt: str, text: str, left: int, hanging: int, font: str | None = None) -> str:
    rpr = f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:cs="{font}"/></w:rPr>' if font else ""
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{left}" w:hanging="{hanging}"/></w:pPr>{rpr}</w:lvl>')


def numbering_xml() -> str:
    protocol = "".join(_level(i, *lvl) for i, lvl in enumerate(_PROTOCOL_LEVELS))
    bullet = _level(0, "bullet", "\u2022", 567, 283, font="Arial")
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f'<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>{protocol}</w:abstractNum>'
        f'<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="singleLevel"/>{bullet}</w:abstractNum>'
        f'<w:num w:numId="{PROTOCOL_LIST}"><w:abstractNumId w:val="0"/></w:num>'
        f'<w:num w:numId="{BULLET_LIST}"><w:abstractNumId w:val="1"/></w:num>'
        "</w:numbering>"
    )


_NUM_PR = {kind: f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'
           for kind, (num_id, level) in LIST_LEVEL.items()}


def num_pr(kind: str) -> str:
    """The w:numPr markup for a kind of line, or '' when it is not numbered."""
    return _NUM_PR.get(kind, "")
