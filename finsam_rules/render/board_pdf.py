"""The board report as an A4 PDF for the meeting notice (*kallelse*).

The PDF is the HTML report (:mod:`finsam_rules.render.board_html`) printed by WeasyPrint, a
library made for HTML-to-PDF that needs no browser and here fetches nothing (only ``data:``
URLs resolve): the same sections, tables and inline SVG charts (drawn as vectors), with a
print stylesheet added on top, a cover (association, year, meeting date, registry number) and
a table of contents whose page numbers WeasyPrint fills in through CSS ``target-counter``.
Every page carries "sida X av Y" ("page X of Y"), every page but the cover a running head.

How the pages are composed (:func:`compose`), so that it keeps working when the HTML renderer
changes: every ``<h2>`` of the HTML body is a table-of-contents entry, in order; a heading
without an ``id`` is given one (``pdf-h-1``, ``pdf-h-2``, ...) by a post-process of the HTML
text, and the cover and the table of contents are inserted right after ``<body>``. The HTML's
own masthead (``header.masthead``) is hidden, since the cover says the same.

The PDF is tagged (PDF/UA-style structure tags, so text is searchable and screen readers
follow it), its fonts are embedded and named, not left to whatever a machine has: Liberation
Sans (Debian's ``fonts-liberation``, metric-compatible with Arial, the font the charts' label
widths are measured for, and the HTML report's first choice), DejaVu Sans where it is missing
and DejaVu Sans Mono for file names (``fonts-dejavu-core``), and it is
byte-identical for the same inputs: no creation date or random identifier, the file
identifier is a hash of the composed HTML.

WeasyPrint is imported only when a PDF is written: it takes a good part of a second to load.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import html as html_lib
import os
import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

import attrs

from finsam_rules.i18n import t
from finsam_rules.render.markup import h

if TYPE_CHECKING:
    from finsam_rules.board import BoardReport


@attrs.frozen
class Cover:
    """What the cover page says."""

    kicker: str  # "Styrelserapport 2016"
    title: str  # the association's name
    subtitle: str  # "Verksamhetsåret 2016"
    fields: tuple[tuple[str, str], ...]  # (label, value) rows: meeting, registry number, ...
    running_head: str  # top of every page after the cover


# -- the adapter: the only place that reads the board model ----------------------------------------


def board_cover(report: BoardReport, lang: str, meeting: dt.date | None, dnr: str | None) -> Cover:
    """The cover of a board report: association, year, meeting date and registry number.

    This is the one function that reads the board model; re-point it when the model changes.
    """
    association = report.portfolio.association
    fields: list[tuple[str, str]] = []
    if meeting is not None:
        fields.append((t("pdf_meeting", lang), meeting.isoformat()))
    if dnr:
        fields.append((t("pdf_dnr", lang), dnr))
    fields.append((t("pdf_org_number", lang), association.org_number))
    fields.append((t("pdf_as_of", lang), report.portfolio_evaluation.as_of.isoformat()))
    kicker = t("pdf_board_title", lang, year=report.year)
    head = f"{association.name} · {kicker}" + (f" · {t('pdf_dnr', lang)} {dnr}" if dnr else "")
    return Cover(
        kicker=kicker,
        title=association.name,
        subtitle=t("pdf_year", lang, year=report.year),
        fields=tuple(fields),
        running_head=head,
    )


def render(report: BoardReport, lang: str, meeting: dt.date | None = None, dnr: str | None = None) -> bytes:
    """The board report as PDF bytes."""
    from finsam_rules.render import board_html

    return html_to_pdf(board_html.render(report, lang), board_cover(report, lang, meeting, dnr), lang)


# -- composition -----------------------------------------------------------------------------------

_H2 = re.compile(r"<h2(?P<attrs>(?:\s[^>]*)?)>(?P<inner>.*?)</h2>", re.DOTALL | re.IGNORECASE)
_ID = re.compile(r"""\sid\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_BODY = re.compile(r"<body(?:\s[^>]*)?>", re.IGNORECASE)
_HEAD_END = re.compile(r"</head\s*>", re.IGNORECASE)
_TAGS = re.compile(r"<[^>]+>")


@attrs.frozen
class TocEntry:
    """One line of the table of contents: the heading's anchor and its (escaped) HTML."""

    anchor: str
    inner: str

    @property
    def text(self) -> str:
        """The heading as plain text."""
        return " ".join(html_lib.unescape(_TAGS.sub(" ", self.inner)).split())


def add_heading_ids(page: str) -> tuple[str, list[TocEntry]]:
    """Give every ``<h2>`` an ``id`` (keeping one it has) and list them in order."""
    entries: list[TocEntry] = []

    def replace(match: re.Match[str]) -> str:
        attributes, inner = match["attrs"], match["inner"]
        found = _ID.search(attributes)
        if found:
            anchor = html_lib.unescape(found[1] if found[1] is not None else found[2])
        else:
            anchor = f"pdf-h-{len(entries) + 1}"
            attributes = f' id="{anchor}"{attributes}'
        entries.append(TocEntry(anchor, inner))
        return f"<h2{attributes}>{inner}</h2>"

    return _H2.sub(replace, page), entries


def _cover_html(cover: Cover) -> str:
    rows = "".join(f"<dt>{h(k)}</dt><dd>{h(v)}</dd>" for k, v in cover.fields)
    return (
        '<section class="pdf-cover">'
        f'<p class="pdf-kicker">{h(cover.kicker)}</p>'
        f'<h1 class="pdf-title">{h(cover.title)}</h1>'
        f'<p class="pdf-subtitle">{h(cover.subtitle)}</p>'
        f'<dl class="pdf-fields">{rows}</dl>'
        "</section>"
    )


def _toc_html(entries: Sequence[TocEntry], lang: str) -> str:
    items = "".join(
        f'<li><a href="#{h(e.anchor)}"><span class="pdf-toc-text">{e.inner}</span></a></li>' for e in entries
    )
    return (
        f'<nav class="pdf-toc" aria-label="{h(t("pdf_contents", lang))}">'
        f'<h2 class="pdf-toc-title">{h(t("pdf_contents", lang))}</h2><ol>{items}</ol></nav>'
    )


def compose(page: str, cover: Cover, lang: str) -> str:
    """The HTML with ids on its headings, and the cover and table of contents after ``<body>``."""
    page, entries = add_heading_ids(page)
    body = _BODY.search(page)
    if body is None:
        raise ValueError("the HTML has no <body> element to put the cover in")
    front = _cover_html(cover) + _toc_html(entries, lang)
    page = page[: body.end()] + "\n" + front + page[body.end() :]
    head_end = _HEAD_END.search(page)
    if head_end is not None:
        meta = f'<meta name="author" content="{h(cover.title)}">\n'
        page = page[: head_end.start()] + meta + page[head_end.start() :]
    return page


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string (for ``content:``)."""
    escaped = "".join(
        ch if ch.isprintable() and ch not in '"\\' else f"\\{ord(ch):06x}" for ch in text.replace("\n", " ")
    )
    return f'"{escaped}"'


#: The PDF's fonts, named so that the output does not depend on which other fonts a machine has.
SANS = '"Liberation Sans", "DejaVu Sans", sans-serif'
MONO = '"DejaVu Sans Mono", monospace'


def print_css(cover: Cover, lang: str) -> str:
    """The stylesheet the PDF adds to the HTML's own: pages, running heads, cover, contents."""
    page_of = t("pdf_page_of", lang, page="\x00", pages="\x01")  # "sida {page} av {pages}"
    before, _, rest = page_of.partition("\x00")
    middle, _, after = rest.partition("\x01")
    counter = f"{css_string(before)} counter(page) {css_string(middle)} counter(pages) {css_string(after)}"
    return f"""
@page {{
  size: A4; margin: 20mm 16mm 18mm 16mm;
  @top-left {{ content: {css_string(cover.running_head)}; font-size: 7.5pt; color: #52606d;
    font-family: {SANS}; vertical-align: bottom; padding-bottom: 3mm; }}
  @bottom-right {{ content: {counter}; font-size: 8pt; color: #52606d;
    font-family: {SANS}; vertical-align: top; padding-top: 3mm; }}
}}
@page :first {{ @top-left {{ content: none; }} }}
html {{ font-size: 9.5pt; }}
body, svg text {{ font-family: {SANS}; }}
.file, .code, code {{ font-family: {MONO}; }}
header.masthead {{ display: none; }}
main {{ max-width: none; margin: 0; padding: 0; box-shadow: none; }}
.pdf-cover {{ break-after: page; padding-top: 55mm; }}
.pdf-kicker {{ margin: 0; color: #52606d; font-size: 11pt; letter-spacing: .08em;
  text-transform: uppercase; }}
.pdf-title {{ margin: 6mm 0 4mm; font-size: 24pt; line-height: 1.2; border-bottom: 3px solid #27486b;
  padding-bottom: 5mm; }}
.pdf-subtitle {{ margin: 0 0 14mm; font-size: 13pt; }}
dl.pdf-fields {{ display: block; margin: 0; font-size: 11pt; }}
dl.pdf-fields dt {{ float: left; clear: left; width: 58mm; font-weight: 700; color: #52606d;
  margin: 0 0 2.5mm; }}
dl.pdf-fields dd {{ margin: 0 0 2.5mm 58mm; }}
.pdf-toc {{ break-after: page; }}
.pdf-toc ol {{ list-style: none; padding: 0; margin: 4mm 0 0; font-size: 10.5pt; }}
.pdf-toc li {{ margin: 0 0 2.5mm; }}
.pdf-toc a {{ color: inherit; text-decoration: none; display: block; }}
.pdf-toc a::after {{ content: leader(".") target-counter(attr(href url), page); }}
.pdf-toc .n {{ color: #52606d; margin-right: 6px; }}
a {{ color: inherit; }}
"""


def html_to_pdf(page: str, cover: Cover, lang: str) -> bytes:
    """Print composed HTML to tagged A4 PDF bytes, the same bytes for the same input."""
    composed = compose(page, cover, lang)
    try:
        from weasyprint import CSS, HTML  # type: ignore[import-untyped]
    except (ImportError, OSError) as exc:  # OSError: the pango libraries are missing
        raise PdfUnavailable(str(exc)) from None
    fetcher = _no_fetching()
    stylesheet = CSS(string=print_css(cover, lang), url_fetcher=fetcher)
    document = HTML(string=composed, base_url=None, url_fetcher=fetcher).render(stylesheets=[stylesheet])
    identifier = hashlib.sha256(composed.encode("utf-8")).hexdigest()[:32].encode("ascii")
    with _fixed_font_timestamps():
        pdf: bytes | None = document.write_pdf(pdf_tags=True, pdf_identifier=identifier)
    assert pdf is not None
    return pdf


def _no_fetching() -> object:
    """A URL fetcher that fetches nothing but ``data:`` URLs: the HTML is self-contained, and a
    PDF must never embed a file or a web page named in an input document."""
    try:
        from weasyprint.urls import URLFetcher  # type: ignore[import-untyped]
    except ImportError:  # WeasyPrint before URLFetcher: a fetcher is a function

        def refuse(url: str, *args: object, **kwargs: object) -> dict[str, object]:
            raise ValueError(f"not fetched: {url}")

        return refuse
    return URLFetcher(allowed_protocols=("data",))


#: The "modified" time stamped into the subset fonts: fontTools stamps the clock's time unless
#: SOURCE_DATE_EPOCH is set, so it is set to this fixed value while the PDF is written.
FONT_EPOCH = "0"


@contextlib.contextmanager
def _fixed_font_timestamps() -> Iterator[None]:
    """SOURCE_DATE_EPOCH fixed for the duration, whatever the caller's environment holds."""
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = FONT_EPOCH
    try:
        yield
    finally:
        if saved is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved


class PdfUnavailable(Exception):
    """WeasyPrint or the system libraries it needs (pango) are not installed."""

    def lines(self, lang: str) -> list[str]:
        """What to do about it, in ``lang``."""
        return [t("pdf_unavailable", lang, error=str(self))]


__all__ = ["Cover", "PdfUnavailable", "board_cover", "compose", "html_to_pdf", "render"]
