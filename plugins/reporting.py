"""RP: reporting. Granted projects report when the decision says, on the period granted."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

from finsam_rules.obligations import DueKind, ReportOwed, reports_owed
from finsam_rules.pack import (
    Application,
    Change,
    Check,
    Explanation,
    Finding,
    NotEvaluable,
    Param,
    ParamType,
    Portfolio,
    Remedy,
    Report,
    ReportKind,
    Rule,
    Scope,
    Severity,
    explain,
    hookimpl,
    plan,
    rule,
)

DECISION = plan("Styrelsens beslut om finansiering (återrapporteringskrav)")


@rule(
    code="RP001",
    scope=Scope.PORTFOLIO,
    severity=Severity.ERROR,
    fields=("$.decision.reports_required",),
    source=DECISION,
    title={"sv": "Saknade rapporter", "en": "Missing reports"},
    remedies={
        "report": {
            "sv": "Lämna {kind:word@report_due} för {project} för perioden {start}–{end} senast {due}.",
            "en": "Send the {kind:word@report_due} of {project} for the period {start}..{end}, due by {due}.",
        }
    },
    messages={
        "missing": {
            "sv": "{project} ({title}): rapport saknas för förfallodag {due} (rapporter för "
            "perioder som slutar efter {previous} och senast {due}).",
            "en": "{project} ({title}): a report is missing for the due date {due} (reports "
            "for periods ending after {previous} and by {due}).",
        },
        "final_missing": {
            "sv": "{project} ({title}): slutrapport saknas; projektet slutade {end} och "
            "slutrapporten skulle lämnas senast {due} ({final_report_days} dagar senare).",
            "en": "{project} ({title}): the final report is missing; the project ended on {end} "
            "and its final report was due by {due} ({final_report_days} days later).",
        },
        "ended_without_report": {
            "sv": "{project} ({title}): projektet avslutades i förtid {end} ({reason:else@reason.none}) utan "
            "någon rapport; slutrapporten skulle lämnas senast {due} ({final_report_days} "
            "dagar senare).",
            "en": "{project} ({title}): the project ended early on {end} ({reason:else@reason.none}) without "
            "any report; its final report was due by {due} ({final_report_days} days later).",
        },
        "complete": {
            "sv": "Alla {due_count} rapporter som besluten krävde senast {as_of} finns.",
            "en": "All {due_count} reports the decisions required by {as_of} are there.",
        },
    },
    explanation=explain(
        sv=Explanation(
            what=(
                "För varje beviljat projekt och varje förfallodag i beslutet "
                "(decision.reports_required) som passerats vid årets slut söks en rapport vars "
                "period slutar efter föregående förfallodag och senast på förfallodagen. Dessutom "
                "är en slutrapport alltid skyldig senast final_report_days dagar efter att "
                "projektet slutat, eller avslutats i förtid (decision.ended), vare sig beslutet "
                "listade datum eller inte; förfallodagar efter ett förtida slut ersätts av "
                "slutrapporten, och ett projekt som fortsätter i en ny ansökan (continues) "
                "slutrapporterar i slutet av kedjan. Ett projekt som avslutats i förtid utan någon "
                "rapport flaggas."
            ),
            why=(
                "Utan rapporter kan styrelsen inte följa upp att pengarna används som beslutat, "
                "och ett projekt som slutat i förtid är lätt att glömma."
            ),
            example=(
                "Beslutet kräver rapporter 2016-05-15 och 2016-09-15; bara en rapport för "
                "perioden till 2016-04-30 finns: rapporten för 2016-09-15 saknas. Ett projekt som "
                "avslutades 2016-05-31 utan rapport: slutrapporten skulle ha lämnats senast "
                "2016-07-30."
            ),
            source="Styrelsens beslut om finansiering. Inställningen final_report_days.",
        ),
        en=Explanation(
            what=(
                "For every granted project and every due date of its decision "
                "(decision.reports_required) passed by the end of the year, looks for a report "
                "whose period ends after the previous due date and by the due date. Besides, a "
                "final report is always owed within final_report_days days after the project "
                "ends, or ends early (decision.ended), whether or not the decision listed dates; "
                "due dates after an early end are replaced by the final report, and a project "
                "continued by a new application (continues) reports at the end of the chain. A "
                "project that ended early without any report is flagged."
            ),
            why=(
                "Without reports the board cannot follow up that the money is used as decided, "
                "and a project that stopped early is easily forgotten."
            ),
            example=(
                "The decision requires reports on 2016-05-15 and 2016-09-15; only a report for the "
                "period to 2016-04-30 exists: the report for 2016-09-15 is missing. A project that "
                "ended on 2016-05-31 without a report: its final report was due by 2016-07-30."
            ),
            source="The board's funding decision. Setting final_report_days.",
        ),
    ),
)
def missing_reports(portfolio: Portfolio, check: Check) -> Iterator[Finding]:
    """Flag due dates passed without a report, and final reports not sent in time."""
    due_count, missing = 0, False
    days = check.settings["final_report_days"]
    continued = {a.continues for a in portfolio.granted() if a.continues}
    for app in portfolio.granted():
        owed = reports_owed(app, portfolio.reports_for(app.id), days, continued=app.id in continued)
        for item in owed:
            if item.due > check.as_of:
                continue  # not due yet
            if item.kind is DueKind.DATED:
                if item.due.year != portfolio.year:
                    continue
                due_count += 1
                if not item.received:
                    missing = True
                    first = item.after == app.period.start
                    start = app.period.start if first else item.after + dt.timedelta(days=1)
                    yield check.finding(
                        "missing",
                        remedy=_report_due(check, app.id, ReportKind.PROGRESS, start, item.due, item.due),
                        subject=app.id,
                        project=app.id,
                        title=app.title,
                        due=item.due,
                        previous=item.after,
                    )
            elif portfolio.year in (item.after.year, item.due.year):
                due_count += 1
                if not item.received:
                    missing = True
                    yield _final_report_finding(app, item, days, check)
    if due_count and not missing:
        yield check.note("complete", due_count=due_count, as_of=check.as_of)


def _final_report_finding(app: Application, item: ReportOwed, days: int, check: Check) -> Finding:
    """The finding for a final report owed and missing."""
    figures: dict[str, Any] = {
        "project": app.id,
        "title": app.title,
        "end": item.after,
        "due": item.due,
        "final_report_days": days,
    }
    if item.ended_without_report:
        reason = app.decision.ended_reason if app.decision else ""
        return check.finding(
            "ended_without_report",
            app.id,
            remedy=_report_due(check, app.id, ReportKind.FINAL, app.period.start, item.after, item.due),
            **figures,
            reason=reason,
        )
    remedy = _report_due(check, app.id, ReportKind.FINAL, app.period.start, item.after, item.due)
    return check.finding("final_missing", app.id, remedy=remedy, **figures)


def _report_due(
    check: Check, project: str, kind: ReportKind, start: dt.date, end: dt.date, due: dt.date
) -> Remedy | None:
    """The report that is due, as the keys of a report document to add."""
    if end < start:
        return None
    return check.remedy(
        "report",
        changes=[
            Change("$.project", project),
            Change("$.kind", kind.value),
            Change("$.period.start", start),
            Change("$.period.end", end),
        ],
        new_document=True,
        project=project,
        start=start,
        end=end,
        due=due,
        kind=kind.value,
    )


#: The named setting RP001, ``finsam calendar`` and the board report read alike.
SETTINGS = (Param("final_report_days", ParamType.INTEGER, minimum=0, maximum=365),)


@rule(
    code="RP002",
    scope=Scope.REPORT,
    severity=Severity.ERROR,
    fields=("$.period",),
    source=DECISION,
    title={"sv": "Rapport inom beviljad period", "en": "Report within the granted period"},
    messages={
        "outside": {
            "sv": "Rapporten gäller {start}–{end} men projektet {project} är beviljat "
            "{granted_start}–{granted_end}.",
            "en": "The report covers {start}..{end} but project {project} is granted "
            "{granted_start}..{granted_end}.",
        },
        "no_application": {
            "sv": "Kunde inte bedömas: ansökan för projekt {project} hittades inte "
            "(lägg rapporten i portföljmappen eller ange --portfolio).",
            "en": "Could not be evaluated: the application of project {project} was not "
            "found (put the report in its portfolio folder or give --portfolio).",
        },
    },
    explanation=explain(
        sv=Explanation(
            what="Kontrollerar att rapportens period ligger inom projektets beviljade period.",
            why=(
                "Kostnader och deltagare utanför den beviljade perioden är inte finansierade av "
                "beslutet; de måste förklaras."
            ),
            example=(
                "Projektet är beviljat 2016-01-01–2016-12-31 och rapporten gäller 2016-09-01–"
                "2017-01-31: utanför."
            ),
            source="Styrelsens beslut om finansiering.",
        ),
        en=Explanation(
            what="Checks that the report's period lies within the project's granted period.",
            why=(
                "Costs and participants outside the granted period are not funded by the "
                "decision; they must be explained."
            ),
            example=(
                "The project is granted 2016-01-01..2016-12-31 and the report covers 2016-09-01.."
                "2017-01-31: outside."
            ),
            source="The board's funding decision.",
        ),
    ),
)
def report_within_granted_period(report: Report, check: Check) -> Iterator[Finding]:
    """Flag a report whose period reaches outside the granted period."""
    app = check.application_for(report.project)
    if app is None:
        raise NotEvaluable("no_application", project=report.project)
    if not app.period.contains(report.period):
        yield check.finding(
            "outside",
            start=report.period.start,
            end=report.period.end,
            project=app.id,
            granted_start=app.period.start,
            granted_end=app.period.end,
        )


@rule(
    code="RP003",
    scope=Scope.PORTFOLIO,
    severity=Severity.ERROR,
    fields=("$.period",),
    source=DECISION,
    title={"sv": "Ackumulerade siffror minskar", "en": "Cumulative counts decrease"},
    messages={
        "decrease": {
            "sv": "{project}: rapporten till {later_end} anger {later} deltagare ({what:word@participants}) "
            "men den tidigare rapporten till {earlier_end}, vars period den omfattar, "
            "angav {earlier}.",
            "en": "{project}: the report to {later_end} states {later} participants "
            "({what:word@participants}) but the earlier report to {earlier_end}, whose period it "
            "covers, stated {earlier}.",
        },
    },
    explanation=explain(
        sv=Explanation(
            what=(
                "Jämför varje rapport med tidigare rapporter för samma projekt vars period den "
                "omfattar (ackumulerad redovisning): antalet deltagare, totalt och per kön, kan "
                "bara öka."
            ),
            why=(
                "En minskning betyder att någon av rapporterna är fel; styrelsen ska inte "
                "läsa motstridiga siffror."
            ),
            example=(
                "Rapporten 2016-01-01–2016-04-30 anger 63 deltagare, rapporten 2016-01-01–"
                "2016-08-31 anger 58: fel."
            ),
            source="Styrelsens beslut om återrapportering.",
        ),
        en=Explanation(
            what=(
                "Compares each report with earlier reports of the same project whose period it "
                "covers (cumulative reporting): participants, in total and by gender, can only "
                "grow."
            ),
            why=(
                "A decrease means one of the reports is wrong; the board must not read contradictory figures."
            ),
            example=(
                "The report 2016-01-01..2016-04-30 states 63 participants, the report 2016-01-01.."
                "2016-08-31 states 58: wrong."
            ),
            source="The board's decision on reporting.",
        ),
    ),
)
def cumulative_counts_only_grow(portfolio: Portfolio, check: Check) -> Iterator[Finding]:
    """Flag a cumulative report with fewer participants than an earlier one it covers."""
    for app in portfolio.applications_sorted():
        reports = [r for r in portfolio.reports_for(app.id) if r.participants is not None]
        for i, later in enumerate(reports):
            for earlier in reports[:i]:
                if earlier.period == later.period or not later.period.contains(earlier.period):
                    continue
                for what in ("total", "women", "men"):
                    before = getattr(earlier.participants, what)
                    after = getattr(later.participants, what)
                    if after < before:
                        yield check.finding(
                            "decrease",
                            subject=later.document_id,
                            project=app.id,
                            later_end=later.period.end,
                            earlier_end=earlier.period.end,
                            later=after,
                            earlier=before,
                            what=what,
                        )


@hookimpl
def register_rules(register: Callable[[Rule], None]) -> None:
    """Register RP001, RP002 and RP003."""
    for item in (missing_reports, report_within_granted_period, cumulative_counts_only_grow):
        register(item)


@hookimpl
def register_settings(register: Callable[[Param], None]) -> None:
    """Register the setting final_report_days (see :data:`SETTINGS`)."""
    for setting in SETTINGS:
        register(setting)
