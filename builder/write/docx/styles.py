"""The house style: Word's built-in styles (Title, Heading 1-3, Body Text, List Number …), restyled soberly.

The whole styles part is written here, so the document carries no unused or
effect-laden styles from a stock template. Colours are chosen for contrast of
at least 4.5:1 on their background (tests check it with the WCAG formula).
"""
from __future__ import annotations

FONT = "Arial"
TEXT = "0B0C0C"  # body text on white
ACCENT = "1F3864"  # headings, links and table header fill (dark navy)
MUTED = "505A5F"  # headers, footers and scenario details on white
HEADER_FILL = ACCENT  # table header cells; their text is white
HEADER_TEXT = "FFFFFF"
RULE = "8A8A8A"  # table borders (not text)

PAGE_WIDTH, PAGE_HEIGHT, MARGIN = 11906, 16838, 1418  # A4, 2.5 cm margins (twips)
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN

# Display name -> style id, for every style the writer uses (built-in names as Word spells them).
PARAGRAPH = {
    "section": "Heading1", "heading": "Heading2", "para": "ListNumber", "item": "ListNumber2",
    "scenario": "Heading2", "part": "Heading3", "text": "BodyText", "bullet": "ListBullet", "meta": "ScenarioDetail",
}


def _rpr(size: int | None = None, color: str | None = None, bold: bool = False, italic: bool = False,
         underline: str = "") -> str:
    parts = []
    if bold:
        parts.append("<w:b/><w:bCs/>")
    if italic:
        parts.append("<w:i/><w:iCs/>")
    if color:
        parts.append(f'<w:color w:val="{color}"/>')
    if size:
        parts.append(f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>')
    if underline:
        parts.append(f'<w:u w:val="{underline}"/>')
    return f"<w:rPr>{''.join(parts)}</w:rPr>" if parts else ""


def _spacing(before: int = 0, after: int = 0, line: int | None = None) -> str:
    line_attr = f' w:line="{line}" w:lineRule="auto"' if line else ""
    return f'<w:spacing w:before="{before}" w:after="{after}"{line_attr}/>'


def _pstyle(sid: str, name: str, *, based: str | None = "Normal", next_: str | None = None, ppr: str = "",
            rpr: str = "", priority: int | None = None, qformat: bool = False, default: bool = False,
            link: str | None = None) -> str:
    flag = ' w:default="1"' if default else ""
    head = f'<w:style w:type="paragraph"{flag} w:styleId="{sid}">'
    body = f'<w:name w:val="{name}"/>'
    body += f'<w:basedOn w:val="{based}"/>' if based else ""
    body += f'<w:next w:val="{next_}"/>' if next_ else ""
    body += f'<w:link w:val="{link}"/>' if link else ""
    body += f'<w:uiPriority w:val="{priority}"/>' if priority is not None else ""
    body += "<w:qFormat/>" if qformat else ""
    body += f"<w:pPr>{ppr}</w:pPr>" if ppr else ""
    return head + body + rpr + "</w:style>"


def _heading(level: int, size: int, color: str, before: int, after: int) -> str:
    ppr = f"<w:keepNext/><w:keepLines/>{_spacing(before, after)}<w:outlineLvl w:val=\"{level - 1}\"/>"
    return _pstyle(f"Heading{level}", f"heading {level}", next_="BodyText", ppr=ppr,
                   rpr=_rpr(size, color, bold=True), priority=9, qformat=True)


def styles_xml(language: str) -> str:
    tab_right = f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{TEXT_WIDTH}"/></w:tabs>'
    header_tabs = f'<w:tabs><w:tab w:val="right" w:pos="{TEXT_WIDTH}"/></w:tabs>'
    styles = [
        _pstyle("Normal", "Normal", based=None, default=True, qformat=True,
                ppr=_spacing(0, 160, 276), rpr=_rpr(color=TEXT)),
        _pstyle("Title", "Title", next_="Subtitle", priority=10, qformat=True,
                ppr=f'{_spacing(240, 360, 240)}<w:contextualSpacing/>', rpr=_rpr(56, ACCENT, bold=True)),
        _pstyle("Subtitle", "Subtitle", next_="BodyText", priority=11, qformat=True,
                ppr=_spacing(1440, 240), rpr=_rpr(32, MUTED)),
        _heading(1, 32, ACCENT, 480, 160),
        _heading(2, 26, ACCENT, 320, 120),
        _heading(3, 24, TEXT, 240, 80),
        _pstyle("BodyText", "Body Text", priority=1, qformat=True, ppr=_spacing(0, 160, 276)),
        _pstyle("ListNumber", "List Number", ppr=_spacing(0, 160, 276)),
        _pstyle("ListNumber2", "List Number 2", ppr=_spacing(0, 120, 276)),
        _pstyle("ListBullet", "List Bullet", ppr=_spacing(0, 80, 276)),
        _pstyle("ScenarioDetail", "Scenario Detail", based="BodyText", ppr=_spacing(0, 60, 276),
                rpr=_rpr(22, MUTED)),
        _pstyle("TitlePageDetail", "Title Page Detail", based="BodyText", ppr=_spacing(0, 120, 276),
                rpr=_rpr(26, TEXT)),
        _pstyle("TOCHeading", "TOC Heading", based="Heading1", next_="Normal", priority=39, qformat=True,
                ppr='<w:pageBreakBefore/><w:outlineLvl w:val="9"/>'),
        _pstyle("TOC1", "toc 1", next_="Normal", priority=39,
                ppr=f"{tab_right}{_spacing(120, 40)}<w:ind w:left=\"567\" w:hanging=\"567\"/>",
                rpr=_rpr(bold=True)),
        _pstyle("TOC2", "toc 2", next_="Normal", priority=39,
                ppr=f"{tab_right}{_spacing(0, 40)}<w:ind w:left=\"1134\" w:hanging=\"567\"/>"),
        _pstyle("Header", "header", ppr=f"{header_tabs}{_spacing(0, 0)}", rpr=_rpr(18, MUTED)),
        _pstyle("Footer", "footer", ppr=f"{header_tabs}{_spacing(0, 0)}", rpr=_rpr(18, MUTED)),
        _pstyle("TableText", "Table Text", ppr=_spacing(60, 60, 252), rpr=_rpr(22)),
        _pstyle("TableHeading", "Table Heading", based="TableText", ppr="<w:keepNext/>",
                rpr=_rpr(color=HEADER_TEXT, bold=True)),
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>',
        '<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/>'
        '<w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
        f'{_rpr(color=ACCENT, underline="single")}</w:style>',
        '<w:style w:type="character" w:styleId="GlossaryTerm"><w:name w:val="Glossary Term"/>'
        f'<w:basedOn w:val="DefaultParagraphFont"/>{_rpr(underline="dotted")}</w:style>',
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
        '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
        '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>',
        '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/>'
        '<w:uiPriority w:val="39"/><w:tblPr><w:tblBorders>'
        + "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="{RULE}"/>'
                  for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
        + '</w:tblBorders><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
        '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>',
        '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>',
    ]
    defaults = (
        "<w:docDefaults><w:rPrDefault><w:rPr>"
        f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>'
        f'<w:sz w:val="24"/><w:szCs w:val="24"/><w:lang w:val="{language}" w:eastAsia="{language}" w:bidi="ar-SA"/>'
        "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
        '<w:spacing w:after="160" w:line="276" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>'
    )
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        f'<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"{defaults}{''.join(styles)}</w:styles>"
    )
