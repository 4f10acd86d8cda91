"""A letter to an applicant as an A4 PDF, printed by WeasyPrint.

The letter's lines become a small HTML page (letterhead, recipient and reference block,
subject, paragraphs, numbered points with their reasons) printed with the board report's
set-up from :mod:`finsam_rules.render.board_pdf`: the same embedded fonts, a URL fetcher that
fetches nothing, tagged text, fixed font timestamps and a file identifier that is a hash of the
page, so the same letter gives the same bytes. The PDF's title is the subject, its author the
association and its creation date the letter's date; every page says "sida X av Y".
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from finsam_rules.i18n import t
from finsam_rules.render.board_pdf import (
    SANS,
    PdfUnavailable,
    _fixed_font_timestamps,
    _no_fetching,
    css_string,
)
from finsam_rules.render.markup import h

if TYPE_CHECKING:
    from finsam_rules.render.letter import Block, Letter

STYLE = f"""
@page {{ size: A4; margin: 22mm 22mm 20mm 25mm;
  @bottom-right {{ content: COUNTER; font-size: 8pt; color: #52606d; font-family: {SANS}; }} }}
html {{ font-size: 10.5pt; }}
body {{ margin: 0; font-family: {SANS}; color: #1f2933; line-height: 1.4; }}
p {{ margin: 0; }}
.letterhead {{ border-bottom: 1.5px solid #27486b; padding-bottom: 3mm; margin-bottom: 10mm;
  font-size: 8.5pt; }}
.letterhead .name {{ font-size: 12pt; font-weight: 700; }}
.recipient {{ margin-bottom: 6mm; }}
dl.meta {{ margin: 0 0 8mm; }}
dl.meta dt {{ float: left; clear: left; width: 45mm; font-weight: 700; }}
dl.meta dd {{ margin: 0 0 0 45mm; }}
h1 {{ font-size: 13pt; margin: 0 0 4mm; }}
.para {{ margin: 0 0 3mm; }}
h2 {{ font-size: 10.5pt; margin: 5mm 0 2mm; }}
ol {{ margin: 0 0 3mm; padding-left: 7mm; }}
ol li {{ margin: 0 0 2.5mm; break-inside: avoid; }}
.reason {{ margin-top: 1mm; }}
.reason .label {{ font-style: italic; }}
ul.notes {{ margin: 0 0 3mm; padding-left: 7mm; }}
.greeting {{ margin-top: 6mm; margin-bottom: 8mm; }}
"""


def _page(letter: Letter) -> str:
    parts: list[str] = []
    blocks = list(letter.blocks)
    index = 0

    def take(kind: str) -> list[Block]:
        nonlocal index
        taken = []
        while index < len(blocks) and blocks[index].kind == kind:
            taken.append(blocks[index])
            index += 1
        return taken

    while index < len(blocks):
        block = blocks[index]
        if block.kind == "sender":
            lines = take("sender")
            first, others = lines[0], lines[1:]
            inner = f'<p class="name">{h(first.text)}</p>' + "".join(f"<p>{h(b.text)}</p>" for b in others)
            parts.append(f'<header class="letterhead">{inner}</header>')
        elif block.kind == "meta":
            rows = "".join(f"<dt>{h(b.label)}</dt><dd>{h(b.text)}</dd>" for b in take("meta"))
            parts.append(f'<dl class="meta">{rows}</dl>')
        elif block.kind == "point":
            items = []
            while index < len(blocks) and blocks[index].kind == "point":
                point = blocks[index]
                index += 1
                reasons = "".join(
                    f'<p class="reason"><span class="label">{h(b.label)}:</span> {h(b.text)}</p>'
                    for b in take("reason")
                )
                items.append(f'<li value="{point.number}"><p>{h(point.text)}</p>{reasons}</li>')
            parts.append(f"<ol>{''.join(items)}</ol>")
        elif block.kind == "note":
            parts.append(
                '<ul class="notes">' + "".join(f"<li>{h(b.text)}</li>" for b in take("note")) + "</ul>"
            )
        else:
            index += 1
            if block.kind == "subject":
                parts.append(f"<h1>{h(block.text)}</h1>")
            elif block.kind == "heading":
                parts.append(f"<h2>{h(block.text)}</h2>")
            else:
                parts.append(f'<p class="{h(block.kind)}">{h(block.text)}</p>')
    page_of = t("pdf_page_of", letter.lang, page="\x00", pages="\x01")
    before, _, rest = page_of.partition("\x00")
    middle, _, after = rest.partition("\x01")
    counter = f"{css_string(before)} counter(page) {css_string(middle)} counter(pages) {css_string(after)}"
    style = STYLE.replace("COUNTER", counter)
    return (
        f'<!DOCTYPE html>\n<html lang="{h(letter.lang)}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{h(letter.subject)}</title>\n"
        f'<meta name="author" content="{h(letter.sender)}">\n'
        f'<meta name="dcterms.created" content="{letter.date.isoformat()}">\n'
        f'<meta name="dcterms.modified" content="{letter.date.isoformat()}">\n'
        f"<style>{style}</style>\n</head>\n<body>\n" + "\n".join(parts) + "\n</body>\n</html>\n"
    )


def render(letter: Letter) -> bytes:
    """The letter as PDF bytes, the same bytes for the same letter."""
    page = _page(letter)
    try:
        from weasyprint import HTML  # type: ignore[import-untyped]
    except (ImportError, OSError) as exc:  # OSError: the pango libraries are missing
        raise PdfUnavailable(str(exc)) from None
    document = HTML(string=page, base_url=None, url_fetcher=_no_fetching()).render()
    identifier = hashlib.sha256(page.encode("utf-8")).hexdigest()[:32].encode("ascii")
    with _fixed_font_timestamps():
        pdf: bytes | None = document.write_pdf(pdf_tags=True, pdf_identifier=identifier)
    assert pdf is not None
    return pdf


__all__ = ["render"]
