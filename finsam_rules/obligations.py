"""The reports a granted project owes: one place answers "which report, by when, and is it there".

Rule RP001 (the standard pack's ``reporting`` module), ``finsam calendar`` and the board
report's overdue list all call :func:`reports_owed`; none of them computes due dates itself.

A project owes a report on every date its decision lists (``decision.reports_required``),
except dates after an early end (``decision.ended``), which the final report replaces; a
dated report is fulfilled by a report whose period ends after the previous due date (or
the period's start) and by the due date. Besides, a final report is owed
``final_report_days`` after the project's end or early end, fulfilled by any final report,
unless a later application continues the project (the chain reports at its end).
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import TYPE_CHECKING

import attrs

from finsam_rules.model import ReportKind

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from finsam_rules.model import Application, Report
    from finsam_rules.portfolio import Portfolio


class DueKind(enum.StrEnum):
    """A due date the decision lists, or the final report after the end."""

    DATED = "dated"
    FINAL = "final"


@attrs.frozen
class ReportOwed:
    """One report a granted project owes: its due date and the report that fulfils it."""

    project: str
    title: str
    kind: DueKind
    due: dt.date
    #: Reports for a dated due date must end after this day (the previous due date, or the
    #: period's start for the first); for the final report, the project's (early) end.
    after: dt.date
    #: The report that fulfils it, or ``None`` when none has come.
    fulfilled_by: Report | None
    #: The project ended early (``decision.ended``) and no report at all has come.
    ended_without_report: bool = False

    @property
    def received(self) -> bool:
        """Whether the report has come."""
        return self.fulfilled_by is not None

    def overdue_days(self, as_of: dt.date) -> int:
        """Days past the due date as of ``as_of`` when not received; 0 when not overdue (a
        report due on ``as_of`` itself is due today, not overdue)."""
        if self.received or as_of <= self.due:
            return 0
        return (as_of - self.due).days


def reports_owed(
    app: Application, reports: Sequence[Report], final_report_days: int, *, continued: bool = False
) -> list[ReportOwed]:
    """Every report ``app`` owes, in due-date order (dated ones first, then the final one).

    ``reports`` are the project's reports in the order of their periods
    (:meth:`Portfolio.reports_for`); ``continued`` tells that a later application continues
    the project, so its final report is owed at the end of the chain instead.
    """
    owed: list[ReportOwed] = []
    previous: dt.date | None = None
    for due in sorted(app.decision.reports_required if app.decision else ()):
        if app.ended_early is not None and due > app.actual_end:
            break  # replaced by the final report after an early end
        after = previous or app.period.start
        match = next((r for r in reports if _ends_after(r, previous) and r.period.end <= due), None)
        owed.append(ReportOwed(app.id, app.title, DueKind.DATED, due, after, match))
        previous = due
    if not continued:
        end = app.actual_end
        final = next((r for r in reports if r.kind is ReportKind.FINAL), None)
        owed.append(
            ReportOwed(
                app.id,
                app.title,
                DueKind.FINAL,
                end + dt.timedelta(days=final_report_days),
                end,
                final,
                ended_without_report=app.ended_early is not None and not reports,
            )
        )
    return owed


def _ends_after(report: Report, previous: dt.date | None) -> bool:
    """Whether ``report``'s period ends after the previous due date (always, for the first)."""
    return previous is None or report.period.end > previous


def portfolio_reports_owed(
    portfolio: Portfolio, final_report_days: int, *, since: dt.date | None = None
) -> list[ReportOwed]:
    """Every report every granted project of ``portfolio`` owes, by due date, project, kind;
    with ``since``, only those due on or after it."""
    granted = portfolio.granted()
    continued = {a.continues for a in granted if a.continues}
    owed: list[ReportOwed] = []
    for app in granted:
        reports = portfolio.reports_for(app.id)
        owed.extend(reports_owed(app, reports, final_report_days, continued=app.id in continued))
    owed = [o for o in owed if since is None or o.due >= since]
    return sorted(owed, key=lambda o: (o.due, o.project, o.kind.value))


def year_reports_owed(portfolio: Portfolio, final_report_days: int) -> list[ReportOwed]:
    """The reports owed from January 1 of the portfolio's year on: reports due earlier
    belong to the earlier year's folder (as in RP001). The calendar and the board list these."""
    return portfolio_reports_owed(portfolio, final_report_days, since=dt.date(portfolio.year, 1, 1))


def overdue(owed: Iterable[ReportOwed], as_of: dt.date) -> list[ReportOwed]:
    """The reports not received whose due date has passed by ``as_of``."""
    return [o for o in owed if o.overdue_days(as_of) > 0]
