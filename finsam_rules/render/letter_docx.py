"""A letter to an applicant as a Word document (.docx), through python-docx.

One paragraph per line of the :class:`~finsam_rules.render.letter.Letter`: the letterhead,
the recipient, date, registry numbers and reply deadline, the subject in bold, the
paragraphs, and the points numbered with their reasons indented below. The document's
language is set (Swedish or English) so that Word checks the spelling in the right one.

The same letter gives the same bytes: the core properties (created, modified, last printed)
are the letter's date, not the clock, the author is the association, and the zip archive is
written again with fixed entry timestamps, in the order python-docx wrote it.

python-docx is imported only when a Word letter is written.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

    from finsam_rules.render.letter import Letter

#: The zip entries' timestamp: the earliest a zip file can hold, the same for every letter.
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
LANG_TAGS = {"sv": "sv-SE", "en": "en-GB"}


def render(letter: Letter) -> bytes:
    """The letter as .docx bytes, the same bytes for the same letter."""
    from docx import Document
    from docx.shared import Cm, Pt

    document = Document()
    _set_language(document, LANG_TAGS.get(letter.lang, letter.lang))
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)  # A4
    section.left_margin = section.right_margin = Cm(2.5)
    normal = document.styles["Normal"]
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(0)

    previous = ""
    for block in letter.blocks:
        paragraph = document.add_paragraph()
        fmt = paragraph.paragraph_format
        starts_group = block.kind != previous and not (previous == "point" and block.kind == "reason")
        if previous and starts_group and not (previous == "greeting" and block.kind == "signature"):
            fmt.space_before = Pt(10)
        if block.kind == "meta":
            paragraph.add_run(f"{block.label}: ").bold = True
            paragraph.add_run(block.text)
        elif block.kind == "point":
            fmt.left_indent, fmt.first_line_indent = Cm(0.75), Cm(-0.75)
            fmt.space_before = Pt(8)
            paragraph.add_run(f"{block.number}.\t{block.text}")
        elif block.kind == "reason":
            fmt.left_indent = Cm(0.75)
            paragraph.add_run(f"{block.label}: ").italic = True
            paragraph.add_run(block.text)
        elif block.kind == "note":
            fmt.left_indent, fmt.first_line_indent = Cm(0.75), Cm(-0.5)
            paragraph.add_run(f"–\t{block.text}")
        else:
            run = paragraph.add_run(block.text)
            if block.kind == "subject":
                run.bold, run.font.size = True, Pt(13)
                fmt.space_before, fmt.space_after = Pt(18), Pt(6)
            elif block.kind == "heading" or (block.kind == "sender" and previous != "sender"):
                run.bold = True
            elif block.kind == "sender":
                run.font.size = Pt(9)
        previous = block.kind

    stamp = dt.datetime.combine(letter.date, dt.time(0, 0), tzinfo=dt.UTC)
    core = document.core_properties
    core.title = letter.subject
    core.author = core.last_modified_by = letter.sender
    core.language = LANG_TAGS.get(letter.lang, letter.lang)
    core.created = core.modified = core.last_printed = stamp
    core.revision = 1
    core.comments = ""
    buffer = io.BytesIO()
    document.save(buffer)
    return _fixed_zip(buffer.getvalue())


def _set_language(document: DocxDocument, tag: str) -> None:
    """The language of the default run properties (Word's spell checking)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    styles = document.styles.element
    rpr_default = styles.find(qn("w:docDefaults"))
    rpr = rpr_default.find(qn("w:rPrDefault")) if rpr_default is not None else None
    target = rpr.find(qn("w:rPr")) if rpr is not None else None
    if target is None:
        return
    lang = target.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        target.append(lang)
    lang.set(qn("w:val"), tag)
    lang.set(qn("w:eastAsia"), tag)


def _fixed_zip(data: bytes) -> bytes:
    """The archive again, entry for entry in the same order, with a fixed timestamp."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(entry.filename))
    return out.getvalue()


__all__ = ["render"]
