"""The board report as an Excel workbook the förbundschef can work on.

One sheet per table of the board report (Sammanfattning, Mål, Ansökningar, Rapporter, Resultat,
Kön, Budget, Bidrag), one row per finding (Anmärkningar) and every rule with its text and
parameters (Regler). Amounts, counts, shares and dates are real numbers and dates, not text,
shown in Swedish formats: Excel stores number formats in its neutral notation
(``#,##0 "kr"``), which Swedish Excel and LibreOffice show as ``# ##0 "kr"``, i.e.
``1 895 000 kr``; shares are percentages (``0 %``, 26 %), dates ``yyyy-mm-dd``. Every sheet has
a frozen, bold header row and an autofilter; ``--lang en`` gives English sheet names and
headers.

The workbook is written with XlsxWriter in memory: its zip members carry a fixed 1980-01-01
time stamp, and the workbook's properties are set from the inputs (the author is the
association, the creation date the date the report is judged as of), so the same inputs give
the same bytes. XlsxWriter writes only (the tests read the workbook back with openpyxl).

:func:`board_sheets` is the adapter: the one function that reads the board model
(:class:`~finsam_rules.board.BoardReport`). The writer below it only knows :class:`Sheet`.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Iterator, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING

import attrs

from finsam_rules.i18n import t
from finsam_rules.render.common import severity_label, verdict_label

if TYPE_CHECKING:
    from finsam_rules.board import BoardReport
    from finsam_rules.engine import Evaluation


@attrs.frozen
class Kr:
    """An amount in kronor: a number shown as ``1 895 000 kr``."""

    amount: int


@attrs.frozen
class Pct:
    """A share: a number shown as a percentage, ``26 %``."""

    share: Fraction


@attrs.frozen
class Year:
    """A year: a number shown without a thousands separator, ``2016``."""

    year: int


@attrs.frozen
class Joined:
    """A text of many parts joined by spaces (a goal's messages, thousands for a rule that
    compares every pair of reports), never joined whole: a cell holds at most
    :data:`CELL_MAX` characters, so only the parts that fill it are joined (:meth:`head`),
    and the column's width is measured over the parts."""

    parts: Sequence[str]

    def head(self) -> str:
        """The text as far as a cell holds it and a little past (the writer cuts it where
        it cuts the whole text); the whole text when it is shorter."""
        pieces: list[str] = []
        size = 0
        for part in self.parts:
            if pieces:
                pieces.append(" ")
                size += 1
            pieces.append(part)
            size += len(part)
            if size > CELL_MAX:
                break
        return "".join(pieces)

    def width(self) -> int:
        """The length of the whole text's longest line."""
        longest = line = 0
        for index, part in enumerate(self.parts):
            line += 1 if index else 0
            for piece in part.splitlines(keepends=True):
                body = piece.splitlines()[0]
                line += len(body)
                if len(body) != len(piece):  # the piece ends a line
                    longest, line = max(longest, line), 0
        return max(longest, line)


#: The most characters (UTF-16 units) a cell holds.
CELL_MAX = 32_767

#: What a cell holds: text, a count, an amount, a share, a year, a date, or nothing.
Value = str | Joined | int | Kr | Pct | Year | dt.date | None


@attrs.frozen
class Sheet:
    """One worksheet: a name, its column headers and its rows (the long sheets' rows made
    as they are written, once: one row per finding is never a list)."""

    key: str
    name: str
    headers: tuple[str, ...]
    rows: Iterable[tuple[Value, ...]]


#: Sheet names and column headers (Excel allows at most 31 characters in a sheet name).


def w(key: str, lang: str) -> str:
    """A sheet name or header in ``lang``."""
    return t(f"xlsx.{key}", lang)


# -- the adapter: the only place that reads the board model ----------------------------------------


def _codes(evaluation: Evaluation) -> str:
    return ", ".join(dict.fromkeys(f.code for f in evaluation.findings))


def _kr(amount: int | None) -> Kr | None:
    return None if amount is None else Kr(amount)


def _pct(share: Fraction | None) -> Pct | None:
    return None if share is None else Pct(Fraction(share))


def board_sheets(report: BoardReport, lang: str) -> list[Sheet]:
    """The board report's tables as sheets.

    This is the one function that reads the board model; re-point it when the model changes.
    """
    from finsam_rules.board import verdict_counts
    from finsam_rules.commands.rules import rule_data
    from finsam_rules.engine import Verdict
    from finsam_rules.render.board_words import overdue_kind

    pf = report.portfolio
    association = pf.association
    as_of = report.portfolio_evaluation.as_of
    b = report.balance
    policy_name = report.policy.name
    counts = verdict_counts(report.applications)

    def all_findings() -> Iterator[tuple[str, str, Evaluation]]:
        yield "portfolio", "", report.portfolio_evaluation
        yield from (("application", r.path, r.evaluation) for r in report.applications)
        yield from (("report", r.path, r.evaluation) for r in report.reports)

    summary: list[tuple[Value, ...]] = [
        (w("association", lang), association.name),
        (w("org_number", lang), association.org_number),
        (w("year", lang), Year(report.year)),
        (w("as_of", lang), as_of),
        (w("policy", lang), policy_name),
        (w("goals_met", lang), sum(1 for g in report.goals if g.status in ("met", "information"))),
        (w("goals_total", lang), len(report.goals)),
        (w("applications_n", lang), len(report.applications)),
        *(
            (t("xlsx.verdict_n", lang, verdict=verdict_label(v, lang)), counts[v])
            for v in (Verdict.APPROVE, Verdict.REVISE, Verdict.REJECT)
        ),
        (w("reports_n", lang), len(report.reports)),
        (w("overdue_reports", lang), len(report.overdue_reports)),
        (w("findings_n", lang), sum(len(ev.findings) for _, _, ev in all_findings())),
    ]
    if b is not None:  # no balance when the policy has no rule that judges it
        summary += [
            (w("contributions_total", lang), Kr(b.contributions)),
            (w("equity_at_start", lang), Kr(b.equity_at_start)),
            (w("reserve", lang), Kr(b.reserve)),
            (w("granted", lang), Kr(b.granted)),
            (w("administration", lang), Kr(b.administration)),
            (w("available", lang), Kr(b.available)),
            (w("committed", lang), Kr(b.committed)),
            (w("margin", lang), Kr(b.margin)),
            (w("equity_at_end", lang), Kr(b.equity_at_end)),
        ]
    overdue = [(o.due, o.project, o.title, overdue_kind(o, lang), o.days) for o in report.overdue_reports]
    goals: list[tuple[Value, ...]] = [
        (g.code, g.title[lang], w(g.status, lang), Joined(tuple(m[lang] for m in g.messages)), g.source)
        for g in report.goals
    ]

    def applications() -> Iterator[tuple[Value, ...]]:
        for row in report.applications:
            ev = row.evaluation
            doc = ev.document
            yield (
                ev.id,
                doc.title,
                doc.owner,
                doc.period.start,
                doc.period.end,
                _kr(doc.requested),
                verdict_label(ev.verdict, lang),
                len(ev.findings),
                _codes(ev),
                row.path,
            )

    def reports() -> Iterator[tuple[Value, ...]]:
        for row in report.reports:
            ev = row.evaluation
            doc = ev.document
            yield (
                doc.project,
                ev.id,
                row.title,  # the project's title, from its application ("" without one)
                doc.period.start,
                doc.period.end,
                verdict_label(ev.verdict, lang),
                len(ev.findings),
                _codes(ev),
                row.path,
            )

    outcomes = [
        (
            r.project,
            r.title,
            r.report,
            r.successes,
            r.denominator,
            _pct(r.share),
            _pct(r.target),
            r.method[lang],
            r.report_path,
        )
        for r in report.outcomes
    ]
    gender = []
    for r in report.gender:
        total = r.women + r.men + r.unknown
        women_share = Pct(Fraction(r.women, total)) if total else None
        gender.append((r.project, r.title, r.women, r.men, r.unknown, total, women_share, r.report_path))
    budget = [
        (
            r.project,
            r.title,
            Kr(r.granted_in_year),
            _kr(r.report_budget),
            _kr(r.cost),
            _kr(r.forecast),
            _kr(r.forecast_budget),
            _kr(r.forecast - r.forecast_budget)
            if r.forecast is not None and r.forecast_budget is not None
            else None,
            r.report_path,
        )
        for r in report.budget
    ]
    contributions = [
        (
            m.id,
            m.name,
            w(f"member_{m.kind.value}", lang),
            Kr(m.amount),
            Pct(Fraction(m.share)),
            m.population,
            None if m.expected is None else Kr(_round(m.expected)),
        )
        for m in report.members
    ]
    rules = report.policy.registry.rules

    def findings() -> Iterator[tuple[Value, ...]]:
        for kind, path, ev in all_findings():
            for f in ev.findings:
                rule = rules.get(f.code)
                yield (
                    ev.id if kind != "portfolio" else None,
                    w(f"kind_{kind}", lang),
                    f.code,
                    rule.title[lang] if rule is not None else "",
                    severity_label(f, lang),
                    f.message(lang),
                    f.source.text(lang),
                    path or "association.toml",
                )

    rule_rows = []
    for rule in report.policy.registry.sorted_rules():
        data = rule_data(rule, report.policy, lang, as_of)
        params = "; ".join(
            f"{p['name']} = {_param_text(p['value'])}" + (f" {p['unit']}" if p["unit"] else "")
            for p in data["parameters"]
        )
        rule_rows.append(
            (
                rule.code,
                rule.name,
                rule.title[lang],
                severity_name(data["severity"], lang),
                w(f"scope_{rule.scope.value}", lang),
                w("yes" if data["enabled"] else "no", lang),
                rule.pack,
                rule.source.text(lang),
                rule.explanation[lang].what,
                params,
            )
        )

    def sheet(key: str, headers: Sequence[str], rows: Iterable[tuple[Value, ...]]) -> Sheet:
        rows = rows if isinstance(rows, Iterator) else tuple(rows)
        return Sheet(key, w(key, lang), tuple(w(hd, lang) for hd in headers), rows)

    return [
        sheet("summary", ["item", "value"], summary),
        sheet("goals", ["code", "goal", "status", "message", "source"], goals),
        sheet(
            "applications",
            [
                "id",
                "title",
                "owner",
                "start",
                "end",
                "requested",
                "verdict",
                "finding_count",
                "codes",
                "file",
            ],
            applications(),
        ),
        sheet(
            "reports",
            ["project", "report", "title", "start", "end", "verdict", "finding_count", "codes", "file"],
            reports(),
        ),
        # only when a report is overdue: every sheet has rows (the count is in the summary)
        *(
            [sheet("overdue_reports", ["due", "project", "title", "report_kind", "overdue_days"], overdue)]
            if overdue
            else []
        ),
        sheet(
            "outcomes",
            ["project", "title", "report", "successes", "denominator", "share", "target", "method", "file"],
            outcomes,
        ),
        sheet(
            "gender", ["project", "title", "women", "men", "unknown", "total", "women_share", "file"], gender
        ),
        sheet(
            "budget",
            [
                "project",
                "title",
                "granted_in_year",
                "report_budget",
                "cost",
                "forecast",
                "forecast_budget",
                "forecast_over",
                "file",
            ],
            budget,
        ),
        sheet(
            "contributions",
            ["id", "member", "kind", "contribution", "share", "population", "expected"],
            contributions,
        ),
        sheet(
            "findings",
            ["document", "kind", "code", "rule_name", "severity", "message", "source", "file"],
            findings(),
        ),
        sheet(
            "rules",
            ["code", "name", "title", "severity", "scope", "enabled", "pack", "source", "what", "parameters"],
            rule_rows,
        ),
    ]


def _round(value: Fraction) -> int:
    from finsam_rules.formatting import round_half_up

    return round_half_up(value)


def _param_text(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value).lower() if isinstance(value, bool) else str(value)


def severity_name(label: str, lang: str) -> str:
    """A severity's name (``error``) in ``lang`` (``fel``)."""
    from finsam_rules.rules import SEVERITY_NAMES, Severity

    return SEVERITY_NAMES[Severity.parse(label)][lang]


# -- the writer ------------------------------------------------------------------------------------

#: Number formats in Excel's neutral notation; Swedish Excel shows ``#,##0`` as ``# ##0``.
FORMATS = {
    "kr": '#,##0 "kr"',
    "int": "#,##0",
    "pct": "0 %",
    "year": "0",
    "date": "yyyy-mm-dd",
}
MAX_WIDTH = 60


def _width(value: Value) -> int:
    if value is None:
        return 0
    if isinstance(value, Kr):
        return len(f"{value.amount:,}") + 3
    if isinstance(value, Pct | Year):
        return 5
    if isinstance(value, dt.date):
        return 10
    if isinstance(value, Joined):
        return value.width()
    return max((len(line) for line in str(value).splitlines()), default=0)


def write_workbook(
    sheets: Iterable[Sheet], author: str, title: str, created: dt.date, *, streamed: bool = True
) -> bytes:
    """The sheets as xlsx bytes: the same bytes for the same sheets.

    ``streamed`` (the default) writes each sheet's rows as XML as they come and zips the
    package a piece at a time (:mod:`finsam_rules.render.board_xlsx_stream`): the same bytes
    as XlsxWriter's own in-memory workbook (``streamed=False``) in bounded memory.
    """
    import xlsxwriter  # type: ignore[import-untyped]

    buffer = io.BytesIO()
    options = {"in_memory": True, "strings_to_numbers": False}
    if streamed:
        from finsam_rules.render import board_xlsx_stream

        streamed = board_xlsx_stream.supported()
    if streamed:
        from finsam_rules.render.board_xlsx_stream import StreamedWorkbook

        book = StreamedWorkbook(buffer, options)
    else:
        book = xlsxwriter.Workbook(buffer, options)
    book.set_properties(
        {
            "title": title,
            "author": author,
            "company": author,
            "created": dt.datetime(created.year, created.month, created.day, tzinfo=dt.UTC),
        }
    )
    head = book.add_format({"bold": True, "bg_color": "#F3F5F7", "bottom": 1, "text_wrap": True})
    formats = {key: book.add_format({"num_format": code, "valign": "top"}) for key, code in FORMATS.items()}
    text = book.add_format({"valign": "top"})
    wrapped = book.add_format({"valign": "top", "text_wrap": True})  # long messages wrap in their column
    for sheet in sheets:
        ws = book.add_worksheet(sheet.name)
        widths = [len(header) + 2 for header in sheet.headers]
        for col, header in enumerate(sheet.headers):
            ws.write_string(0, col, header, head)
        rows = 0
        for r, row in enumerate(sheet.rows, 1):
            for col, value in enumerate(row):
                widths[col] = max(widths[col], _width(value) + 1)
                if value is None:
                    continue
                if isinstance(value, Kr):
                    ws.write_number(r, col, value.amount, formats["kr"])
                elif isinstance(value, Pct):
                    ws.write_number(r, col, float(value.share), formats["pct"])
                elif isinstance(value, Year):
                    ws.write_number(r, col, value.year, formats["year"])
                elif isinstance(value, int):
                    ws.write_number(r, col, value, formats["int"])
                elif isinstance(value, dt.date):
                    ws.write_datetime(
                        r, col, dt.datetime(value.year, value.month, value.day), formats["date"]
                    )
                else:
                    # A cell holds CELL_MAX characters: XlsxWriter cuts a longer text, and
                    # the head of a joined text is cut at the same place.
                    cell = value.head() if isinstance(value, Joined) else value
                    ws.write_string(r, col, cell, wrapped if len(cell) > MAX_WIDTH else text)
            rows = r
            if streamed:
                ws.rows_done(r + 1)
        if streamed:
            ws.finish()
        for col, width in enumerate(widths):
            ws.set_column(col, col, min(width, MAX_WIDTH))
        ws.freeze_panes(1, 0)
        ws.autofilter(0, 0, max(rows, 1), len(sheet.headers) - 1)
    book.close()
    return buffer.getvalue()


def render(report: BoardReport, lang: str, meeting: dt.date | None = None, dnr: str | None = None) -> bytes:
    """The board report as xlsx bytes (``meeting`` and ``dnr`` go into the title)."""
    association = report.portfolio.association
    title = t("xlsx.report_title", lang, year=report.year)
    if dnr:
        title += t("xlsx.report_title_dnr", lang, dnr=dnr)
    return write_workbook(
        board_sheets(report, lang), association.name, title, report.portfolio_evaluation.as_of
    )


__all__ = ["Kr", "Pct", "Sheet", "Year", "board_sheets", "render", "write_workbook"]
