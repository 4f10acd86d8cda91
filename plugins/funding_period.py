"""FP: the funding period. A project is funded for at most three years in total."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from finsam_rules.pack import (
    Application,
    Change,
    Check,
    Explanation,
    Finding,
    Param,
    ParamType,
    Period,
    Portfolio,
    Remedy,
    Rule,
    Scope,
    Severity,
    explain,
    hookimpl,
    plan,
    rule,
)

from .periods import duration_figures, exceeds, latest_end

MAX_MONTHS = Param("max_months", ParamType.INTEGER, minimum=1, maximum=120)

TOO_LONG = {
    "sv": "Projektet finansieras sammanlagt {months} månader och {days:plural@dag/dagar} "
    "({funded_days:n} dagar, perioderna {periods:list}); högst {max_months} månader "
    "tillåts.",
    "en": "The project is funded for {months} months and {days:plural@day/days} in total "
    "({funded_days:n} days, periods {periods:list}); at most {max_months} months are "
    "allowed.",
}


REMEDIES = {
    "end_by": {
        "sv": "Perioden får sluta senast {latest_end} ({max_months} månader sammanlagt).",
        "en": "The period may end at the latest on {latest_end} ({max_months} months in total).",
    }
}


def _end_by(check: Check, current: Period, others: list[Period]) -> Remedy | None:
    """The remedy "end the period at the latest on ...", when one exists."""
    end = latest_end(current, others, check.params["max_months"])
    if end is None:
        return None
    return check.remedy("end_by", changes=[Change("$.period.end", end)], latest_end=end)


@rule(
    code="FP001",
    scope=Scope.APPLICATION,
    severity=Severity.ERROR,
    fields=("$.period", "$.previous_periods"),
    source=plan("Insatser finansieras högst tre år"),
    title={"sv": "Finansieringstid", "en": "Funding period"},
    params=[MAX_MONTHS],
    messages={"too_long": TOO_LONG},
    remedies=REMEDIES,
    explanation=explain(
        sv=Explanation(
            what=(
                "Räknar hur länge projektet finansieras i kalendermånader, tidigare finansierade "
                "perioder av samma projekt inräknade (dagar som flera perioder täcker räknas en "
                "gång), och jämför med högsta tillåtna antal månader."
            ),
            why=(
                "Förbundet finansierar tidsbegränsade insatser; arbetet ska sedan tas över av "
                "medlemmarna. Långa projekt binder medel som andra behov kunde använda."
            ),
            example=(
                "2017-09-01–2020-08-31 är exakt 36 månader och godkänns; 2017-09-01–2020-09-01 "
                "är en dag för mycket. Perioder med uppehåll räknas var för sig i hela månader; "
                "överskjutande dagar läggs ihop (30 dagar räknas som en månad)."
            ),
            source="Förbundets verksamhetsplan (typiskt högst tre år).",
        ),
        en=Explanation(
            what=(
                "Counts how long the project is funded in calendar months, earlier funded periods "
                "of the same project included (days covered by several periods count once), and "
                "compares it with the largest allowed number of months."
            ),
            why=(
                "The association funds time-limited work that the members then take over. Long "
                "projects tie up money other needs could use."
            ),
            example=(
                "2017-09-01..2020-08-31 is exactly 36 months and passes; 2017-09-01..2020-09-01 "
                "is one day too many. Periods with gaps between them each count their whole "
                "months; left-over days are added up (30 days counting as a month)."
            ),
            source="The association's plan (typically at most three years).",
        ),
    ),
)
def funding_period(app: Application, check: Check) -> Iterator[Finding]:
    """Flag an application whose total funded time exceeds ``max_months``."""
    max_months = check.params["max_months"]
    periods = [app.period, *app.previous_periods]
    if exceeds(periods, max_months):
        remedy = _end_by(check, app.period, list(app.previous_periods))
        yield check.finding("too_long", remedy=remedy, **duration_figures(periods, max_months))


@rule(
    code="FP002",
    scope=Scope.PORTFOLIO,
    severity=Severity.ERROR,
    fields=("$.period", "$.previous_periods"),
    source=plan("Insatser finansieras högst tre år"),
    title={"sv": "Finansieringstid över flera ansökningar", "en": "Funding period across applications"},
    params=[MAX_MONTHS],
    remedies=REMEDIES,
    messages={
        "too_long": {
            "sv": "Ansökningarna {chain:list} gäller samma projekt. " + TOO_LONG["sv"],
            "en": "Applications {chain:list} are the same project. " + TOO_LONG["en"],
        },
        "undeclared": {
            "sv": "Ansökan {id} fortsätter {previous} men anger inte dess period "
            "{period} under previous_periods.",
            "en": "Application {id} continues {previous} but does not list its period "
            "{period} under previous_periods.",
        },
    },
    explanation=explain(
        sv=Explanation(
            what=(
                "Följer kedjan av ansökningar där en ansökan fortsätter en tidigare (nyckeln "
                "continues) och räknar alla beviljade perioder tillsammans. Flaggar också en "
                "fortsättning som inte redovisar den tidigare perioden."
            ),
            why=(
                "Treårsgränsen gäller projektet, inte varje ansökan: en förlängning i en ny "
                "ansökan får inte kringgå den."
            ),
            example=(
                "2016/0007 beviljades 2016-01-01–2017-12-31 och 2017/0031 söker 2018-01-01–"
                "2019-06-30: sammanlagt 42 månader, över gränsen 36."
            ),
            source="Förbundets verksamhetsplan.",
        ),
        en=Explanation(
            what=(
                "Follows the chain of applications where one continues another (key "
                "continues) and counts all their periods together. Also flags a continuation "
                "that does not declare the earlier period."
            ),
            why=(
                "The three-year limit applies to the project, not to each application: an "
                "extension in a new application must not get round it."
            ),
            example=(
                "2016/0007 was granted 2016-01-01..2017-12-31 and 2017/0031 applies for "
                "2018-01-01..2019-06-30: 42 months together, over the limit of 36."
            ),
            source="The association's plan.",
        ),
    ),
)
def funding_period_across_applications(portfolio: Portfolio, check: Check) -> Iterator[Finding]:
    """Flag projects whose successive applications together exceed ``max_months``."""
    for app in portfolio.applications_sorted():
        # Earlier applications count only if they were granted: a rejected one funded nothing.
        chain = [a for a in portfolio.chain(app)[:-1] if a.is_granted] + [app]
        if len(chain) < 2:
            continue
        for earlier in chain[:-1]:
            if earlier.period not in app.previous_periods:
                yield check.finding(
                    "undeclared",
                    subject=app.id,
                    id=app.id,
                    previous=earlier.id,
                    period=f"{earlier.period.start}–{earlier.period.end}",
                )
        periods = [p for a in chain for p in (a.period, *a.previous_periods)]
        if exceeds(periods, check.params["max_months"]):
            figures = duration_figures(periods, check.params["max_months"])
            earlier_periods = [p for a in chain[:-1] for p in (a.period, *a.previous_periods)]
            remedy = _end_by(check, app.period, [*earlier_periods, *app.previous_periods])
            yield check.finding(
                "too_long", subject=app.id, chain=[a.id for a in chain], remedy=remedy, **figures
            )


@hookimpl
def register_rules(register: Callable[[Rule], None]) -> None:
    """Register FP001 and FP002."""
    register(funding_period)
    register(funding_period_across_applications)
