"""A clean starting document: python-docx's package with our styles, numbering and settings.

The stock template carries stylesWithEffects.xml (which validators flag), a
custom XML item, a thumbnail and hundreds of unused styles; all of that is
dropped, and the styles, numbering, settings and font table are written here.
"""
from __future__ import annotations

import docx
from docx.oxml import parse_xml

from .numbering import numbering_xml
from .styles import FONT, styles_xml

_DROP_DOCUMENT_RELS = ("stylesWithEffects", "customXml")
_DROP_PACKAGE_RELS = ("thumbnail",)

_HEAD = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def new_document(language: str):
    document = docx.Document()
    part = document.part
    _drop_rels(part.rels, _DROP_DOCUMENT_RELS)
    _drop_rels(part.package.rels, _DROP_PACKAGE_RELS)
    part._styles_part._element = parse_xml(styles_xml(language).encode("utf-8"))
    part.numbering_part._element = parse_xml(numbering_xml().encode("utf-8"))
    part._settings_part._element = parse_xml(settings_xml(language).encode("utf-8"))
    _part(document, "/word/fontTable.xml")._blob = font_table_xml().encode("utf-8")
    body = document.element.body
    for child in list(body):
        if child.tag != body.find("{%s}sectPr" % body.nsmap["w"]).tag:
            body.remove(child)
    return document


def _drop_rels(rels, kinds) -> None:
    for rid in [rid for rid, rel in rels.items() if rel.reltype.rsplit("/", 1)[-1] in kinds]:
        rels.pop(rid)


def _part(document, name: str):
    return next(p for p in document.part.package.iter_parts() if str(p.partname) == name)


def settings_xml(language: str) -> str:
    return (
        f"{_HEAD}<w:settings {_W}>"
        '<w:zoom w:percent="100"/><w:defaultTabStop w:val="720"/>'
        '<w:characterSpacingControl w:val="doNotCompress"/>'
        '<w:updateFields w:val="true"/>'  # Word offers to update the contents (page numbers) on opening
        "<w:compat>"
        '<w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/>'
        "</w:compat>"
        f'<w:themeFontLang w:val="{language}"/>'
        '<w:decimalSymbol w:val="."/><w:listSeparator w:val=","/>'
        "</w:settings>"
    )


def font_table_xml() -> str:
    return (
        f"{_HEAD}<w:fonts {_W}>"
        f'<w:font w:name="{FONT}"><w:panose1 w:val="020B0604020202020204"/><w:charset w:val="00"/>'
        '<w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>'
        "</w:fonts>"
    )
