"""``finsam screen --format pdf``: the preparation group's proposal per application, as PDF.

An A4 PDF with the same qualities as the board report's (see
:mod:`finsam_rules.render.board_pdf`, whose cover, contents, running heads, page numbers,
tagging and fixed metadata it shares): a cover (the association, the meeting date and the
registry number), a table of contents, an overview of every document with its proposal, then
one section per document with its proposal and each finding's code, severity, message,
figures, parameters and source. Unreadable files are listed at the end (and, as with every
format, on standard error).

The writer collects the documents as the screening streams them and prints the PDF at the
end; the HTML it prints is built here, from the screening results, with its own small
stylesheet.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from fractions import Fraction
from pathlib import Path
from typing import IO, TYPE_CHECKING

from finsam_rules.formatting import format_number
from finsam_rules.i18n import t
from finsam_rules.render.board_pdf import MONO, SANS, Cover, html_to_pdf
from finsam_rules.render.common import (
    VERDICT_CLASS,
    error_lines,
    parameters_text,
    severity_label,
    verdict_label,
)
from finsam_rules.render.markup import h
from finsam_rules.render.screening import Writer

if TYPE_CHECKING:
    from finsam_rules.rules import Finding
    from finsam_rules.screening import Screened

STYLE = f"""
body {{ margin: 0; color: #1f2933; line-height: 1.45; font-family: {SANS}; }}
h2 {{ font-size: 13pt; margin: 0 0 6px; padding-bottom: 3px; border-bottom: 1.5px solid #aab4bf;
  break-after: avoid; }}
section.doc {{ margin-top: 16px; }}
section.doc + section.doc {{ break-before: auto; }}
.file {{ font-family: {MONO}; font-size: 7.5pt; color: #52606d; }}
.proposal {{ margin: 6px 0; font-weight: 700; }}
.badge {{ display: inline-block; border: 1px solid; border-radius: 9px; padding: 0 8px; }}
.approve {{ background: #e8f1ea; border-color: #7fa68a; color: #1d4a2a; }}
.revise {{ background: #fbf2de; border-color: #c4a048; color: #574000; }}
.reject {{ background: #f7e5e5; border-color: #b56b6b; color: #6a1c1c; }}
table {{ width: 100%; border-collapse: collapse; font-size: 8.5pt; margin: 6px 0; }}
th {{ text-align: left; background: #f3f5f7; border-bottom: 1.5px solid #aab4bf; padding: 4px 5px; }}
td {{ border-bottom: 1px solid #d9dee4; padding: 3px 5px; vertical-align: top; }}
thead {{ display: table-header-group; }}
tr {{ break-inside: avoid; }}
ul.findings {{ list-style: none; padding: 0; margin: 4px 0; font-size: 9pt; }}
ul.findings li {{ padding: 5px 0; border-top: 1px dotted #d9dee4; break-inside: avoid; }}
.code {{ font-weight: 700; font-family: {MONO}; }}
.sev {{ font-size: 7.5pt; text-transform: uppercase; color: #52606d; margin: 0 4px; }}
.detail {{ display: block; font-size: 8pt; color: #52606d; }}
pre.impact {{ font-family: {MONO}; font-size: 8pt; white-space: pre-wrap; }}
"""


def _figure_text(value: object, lang: str) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | Fraction):
        return format_number(value, lang)
    if isinstance(value, float):
        return format_number(value, lang, 2)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return ", ".join(_figure_text(v, lang) for v in value) or "–"
    if isinstance(value, Mapping):
        return "; ".join(f"{k}: {_figure_text(v, lang)}" for k, v in value.items())
    return str(value)


def figures_text(finding: Finding, lang: str) -> str:
    """A finding's figures, ``name = value`` in the formats of ``lang``."""
    return "; ".join(
        f"{name} = {value if _is_year(name, value) else _figure_text(value, lang)}"
        for name, value in finding.figures.items()
    )


def _is_year(name: str, value: object) -> bool:
    """A year figure prints as 2018, not as the grouped number 2 018."""
    return isinstance(value, int) and (name == "year" or name.endswith("_year"))


def _heading(item: Screened, lang: str) -> str:
    ev = item.evaluation
    assert ev is not None
    title = getattr(ev.document, "title", "")
    return f"{t(ev.kind, lang)} {ev.id}" + (f" – {title}" if title else "")


def _finding(finding: Finding, lang: str) -> str:
    details = [f"{t('source', lang)}: {finding.source.text(lang)}"]
    if finding.figures:
        details.append(f"{t('figures', lang)}: {figures_text(finding, lang)}")
    if finding.params:
        details.append(f"{t('parameters', lang)}: {parameters_text(finding, lang)}")
    if finding.waived_by is not None:
        details.append(finding.waived_by.describe(lang))
    return (
        f'<li><span class="code">{h(finding.code)}</span>'
        f'<span class="sev">{h(severity_label(finding, lang))}</span> {h(finding.message(lang))}'
        + "".join(f'<span class="detail">{h(d)}</span>' for d in details)
        + "</li>"
    )


def document_section(item: Screened, lang: str) -> str:
    """One document: heading, file, proposal, findings, and the impact of granting it."""
    ev = item.evaluation
    assert ev is not None
    verdict = ev.verdict
    parts = [
        f'<section class="doc"><h2>{h(_heading(item, lang))}</h2>',
        f'<p class="file">{h(item.path.as_posix())} · {h(t("judged_as_of", lang, date=ev.as_of))}</p>',
        f'<p class="proposal">{h(t("verdict", lang))}: <span class="badge {VERDICT_CLASS[verdict]}">'
        f"{h(verdict_label(verdict, lang))}</span></p>",
    ]
    if ev.findings:
        parts.append('<ul class="findings">' + "".join(_finding(f, lang) for f in ev.findings) + "</ul>")
    else:
        parts.append(f"<p>{h(t('no_findings', lang))}</p>")
    impact = item.impact
    if impact is not None:
        lines = impact.lines(lang)
        parts.append(f'<pre class="impact">{h(chr(10).join(lines))}</pre>')
    parts.append("</section>")
    return "".join(parts)


def overview(items: list[Screened], lang: str) -> str:
    """Every document in one table: id, title, proposal, finding codes."""
    head = "".join(
        f"<th>{h(x)}</th>" for x in (t("pdf_documents", lang), t("verdict", lang), t("code", lang))
    )
    rows = []
    for item in items:
        ev = item.evaluation
        assert ev is not None
        codes = ", ".join(dict.fromkeys(f.code for f in ev.findings)) or "–"
        rows.append(
            f"<tr><td>{h(_heading(item, lang))}</td><td>{h(verdict_label(ev.verdict, lang))}</td>"
            f'<td class="code">{h(codes)}</td></tr>'
        )
    return (
        f'<section class="overview"><h2>{h(t("pdf_overview", lang))}</h2>'
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></section>"
    )


def screening_html(items: list[Screened], errors: list[Screened], summary: str, lang: str) -> str:
    """The whole proposal as one HTML document (the PDF's cover and contents are added later)."""
    parts = [f"<p>{h(summary)}</p>", overview(items, lang)]
    parts += [document_section(item, lang) for item in items]
    if errors:
        listed = "".join(
            f"<li>{h(line)}</li>"
            for item in errors
            if item.error is not None
            for line in error_lines(item.error, lang)
        )
        parts.append(
            f'<section class="errors"><h2>{h(t("could_not_read", lang))}</h2><ul>{listed}</ul></section>'
        )
    title = t("pdf_screening_title", lang)
    return (
        f'<!DOCTYPE html>\n<html lang="{h(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{h(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n"
        + "\n".join(parts)
        + "\n</main>\n</body>\n</html>\n"
    )


def screening_cover(
    items: list[Screened], summary: str, lang: str, meeting: dt.date | None, dnr: str | None
) -> Cover:
    """The cover: the association (when the documents name one), meeting date, registry number."""
    names = [item.association.name for item in items if item.association is not None]
    association = names[0] if names else ""
    kicker = t("pdf_screening_title", lang)
    fields: list[tuple[str, str]] = []
    if meeting is not None:
        fields.append((t("pdf_meeting", lang), meeting.isoformat()))
    if dnr:
        fields.append((t("pdf_dnr", lang), dnr))
    head = " · ".join(x for x in (association, kicker, f"{t('pdf_dnr', lang)} {dnr}" if dnr else "") if x)
    return Cover(
        kicker=kicker,
        title=association or kicker,
        subtitle=summary,
        fields=tuple(fields),
        running_head=head,
    )


class PdfWriter(Writer):
    """Collects the screened documents and writes the PDF at the end."""

    def __init__(
        self,
        target: Path | IO[bytes],
        err: IO[str],
        lang: str,
        meeting: dt.date | None = None,
        dnr: str | None = None,
    ):
        super().__init__(None, err, lang)  # type: ignore[arg-type]
        self.target, self.meeting, self.dnr = target, meeting, dnr
        self.items: list[Screened] = []
        self.errors: list[Screened] = []

    def evaluation(self, item: Screened) -> None:
        self.items.append(item)

    def error(self, item: Screened) -> None:
        super().error(item)
        self.errors.append(item)

    def render(self) -> bytes:
        """The PDF bytes of everything collected so far."""
        summary = self.tally.summary(self.lang)
        page = screening_html(self.items, self.errors, summary, self.lang)
        return html_to_pdf(
            page, screening_cover(self.items, summary, self.lang, self.meeting, self.dnr), self.lang
        )

    def end(self) -> None:
        data = self.render()
        if isinstance(self.target, Path):
            self.target.write_bytes(data)
        else:
            self.target.write(data)
            self.target.flush()


__all__ = ["PdfWriter", "document_section", "screening_html"]
