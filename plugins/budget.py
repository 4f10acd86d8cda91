"""BU: budget and costs. Budgets add up, requests match, costs stay within what was granted."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from fractions import Fraction
from typing import Any

from finsam_rules.pack import (
    Application,
    Change,
    Check,
    CostLines,
    Explanation,
    Finding,
    NotEvaluable,
    Param,
    ParamType,
    Report,
    Rule,
    Scope,
    Severity,
    explain,
    hookimpl,
    national,
    plan,
    rule,
    to_fraction,
)


@rule(
    code="BU001",
    scope=Scope.APPLICATION,
    severity=Severity.ERROR,
    fields=("$.budget", "$.requested"),
    source=plan("Förbundets budgetmall för ansökan"),
    title={"sv": "Budgeten går ihop", "en": "Budget consistency"},
    params=[Param("tolerance", ParamType.KRONOR)],
    remedies={
        "total": {
            "sv": "Ändra totalen för {year} till {sum:kr}, summan av raderna ({total:kr} anges nu).",
            "en": "State the total of {year} as {sum:kr}, the sum of the lines ({total:kr} is given now).",
        },
        "request": {
            "sv": "{change:word@request_change} sökt belopp med {difference:kr} till {expected:kr}: "
            "budgeten {budget_total:kr} "
            "minus medfinansiering {co_financing:kr}.",
            "en": "{change:word@request_change} the request by {difference:kr} to {expected:kr}: the "
            "budget {budget_total:kr} "
            "less co-financing {co_financing:kr}.",
        },
        "set_request": {
            "sv": "Ange sökt belopp {expected:kr}: budgeten {budget_total:kr} minus medfinansiering "
            "{co_financing:kr}.",
            "en": "State the request as {expected:kr}: the budget {budget_total:kr} less co-financing "
            "{co_financing:kr}.",
        },
    },
    messages={
        "no_budget": {"sv": "Ansökan saknar budget.", "en": "The application has no budget."},
        "lines": {
            "sv": "Budget {year}: personal {personnel:kr} + lokaler {premises:kr} + övrigt "
            "{other:kr} = {sum:kr}, men totalen anges till {total:kr}.",
            "en": "Budget {year}: personnel {personnel:kr} + premises {premises:kr} + other "
            "{other:kr} = {sum:kr}, but the total is given as {total:kr}.",
        },
        "request": {
            "sv": "Sökt belopp {requested:kr} ska vara budgeten {budget_total:kr} minus "
            "medfinansiering {co_financing:kr} = {expected:kr}.",
            "en": "The request {requested:kr} should be the budget {budget_total:kr} less "
            "co-financing {co_financing:kr} = {expected:kr}.",
        },
        "no_request": {
            "sv": "Sökt belopp (requested) saknas.",
            "en": "The requested amount (requested) is missing.",
        },
        "years": {
            "sv": "Projektet pågår {period_years:list} men budgeten täcker {budget_years:list}; "
            "saknas: {missing:list}, utanför perioden: {outside:list}.",
            "en": "The project runs {period_years:list} but the budget covers "
            "{budget_years:list}; missing: {missing:list}, outside the period: "
            "{outside:list}.",
        },
    },
    explanation=explain(
        sv=Explanation(
            what=(
                "Kontrollerar att budgetraderna summerar till angiven total för varje år, att "
                "sökt belopp är budgeten minus medfinansiering, och att budgeten täcker precis "
                "de år projektet pågår. Negativa belopp avvisas redan när filen läses."
            ),
            why=(
                "En budget som inte går ihop kan inte beslutas; fel i summor är vanliga även i "
                "tryckta rapporter."
            ),
            example=(
                "Personal 2 083 000 + lokaler 90 000 + övrigt 27 000 = 2 200 000 kr stämmer med "
                "totalen 2 200 000 kr."
            ),
            source="Förbundets budgetmall.",
        ),
        en=Explanation(
            what=(
                "Checks that the budget lines add up to the stated total each year, that the "
                "request is the budget less co-financing, and that the budget covers exactly the "
                "years the project runs. Negative amounts are refused when the file is read."
            ),
            why=(
                "A budget that does not add up cannot be decided; wrong "
                "sums are common even in printed reports."
            ),
            example=(
                "Personnel 2,083,000 + premises 90,000 + other 27,000 = 2,200,000 kr matches the "
                "total 2,200,000 kr."
            ),
            source="The association's budget template.",
        ),
    ),
)
def budget_consistency(app: Application, check: Check) -> Iterator[Finding]:
    """Flag budgets that do not add up, a wrong request, or budget years off the period."""
    tolerance = check.params["tolerance"]
    if not app.budget:
        yield check.finding("no_budget")
        return
    for index, year in enumerate(app.budget):
        if abs(year.lines_sum - year.total) > tolerance:
            yield check.finding(
                "lines",
                remedy=check.remedy(
                    "total",
                    changes=[Change(f"$.budget[{index}].total", year.lines_sum)],
                    year=year.year,
                    sum=year.lines_sum,
                    total=year.total,
                )
                if year.lines_sum >= 0
                else None,
                year=year.year,
                personnel=year.personnel,
                premises=year.premises,
                other=year.other,
                sum=year.lines_sum,
                total=year.total,
            )
    budget_total = sum(y.total for y in app.budget)
    co_financing = sum(c.amount for c in app.co_financing)
    expected = budget_total - co_financing
    figures: dict[str, Any] = {
        "budget_total": budget_total,
        "co_financing": co_financing,
        "expected": expected,
    }
    if app.requested is None:
        remedy = None
        if expected >= 0:
            remedy = check.remedy("set_request", changes=[Change("$.requested", expected)], **figures)
        yield check.finding("no_request", remedy=remedy)
    elif abs(app.requested - expected) > tolerance:
        remedy = None
        if expected >= 0:
            lower = app.requested > expected
            remedy = check.remedy(
                "request",
                changes=[Change("$.requested", expected)],
                difference=abs(app.requested - expected),
                change="lower" if lower else "raise",
                **figures,
            )
        yield check.finding(
            "request",
            remedy=remedy,
            requested=app.requested,
            budget_total=budget_total,
            co_financing=co_financing,
            expected=budget_total - co_financing,
        )
    period_years = list(range(app.period.start.year, app.period.end.year + 1))
    budget_years = sorted(y.year for y in app.budget)
    missing = [y for y in period_years if y not in budget_years]
    outside = [y for y in budget_years if y not in period_years]
    if missing or outside:
        yield check.finding(
            "years", period_years=period_years, budget_years=budget_years, missing=missing, outside=outside
        )


def _adds_up(lines: CostLines, what: str) -> None:
    if lines.lines_sum != lines.total:
        raise NotEvaluable(
            "table",
            what=what,
            personnel=lines.personnel,
            premises=lines.premises,
            other=lines.other,
            sum=lines.lines_sum,
            total=lines.total,
        )


@rule(
    code="BU002",
    scope=Scope.REPORT,
    severity=Severity.WARNING,
    fields=("$.costs", "$.budget", "$.forecast"),
    source=national("Nationella rådet: budget per insats, uppföljd med prognoser"),
    title={"sv": "Kostnadskontroll och prognos", "en": "Cost control and forecast"},
    params=[Param("max_deviation", ParamType.SHARE)],
    messages={
        "table": {
            "sv": "Kunde inte bedömas: tabellen {what:word@table} går inte ihop: {personnel:kr} + "
            "{premises:kr} + {other:kr} = {sum:kr}, men totalen anges till {total:kr}.",
            "en": "Could not be evaluated: the {what:word@table} table does not add up: {personnel:kr} + "
            "{premises:kr} + {other:kr} = {sum:kr}, but the total is given as {total:kr}.",
        },
        "no_budget": {
            "sv": "Kunde inte bedömas: rapporten redovisar kostnader men inte beviljad budget för perioden.",
            "en": "Could not be evaluated: the report states costs but not the granted budget "
            "for the period.",
        },
        "over": {
            "sv": "Kostnaderna {cost:kr} överstiger budgeten {budget:kr} med {difference:kr} "
            "({deviation:pct@max_deviation}); gränsen är {max_deviation:pcte}.",
            "en": "Costs of {cost:kr} exceed the budget of {budget:kr} by {difference:kr} "
            "({deviation:pct@max_deviation}); the limit is {max_deviation:pcte}.",
        },
        "under": {
            "sv": "Kostnaderna {cost:kr} understiger budgeten {budget:kr} med {difference:kr} "
            "({deviation:pct}); outnyttjade medel kan omfördelas.",
            "en": "Costs of {cost:kr} are below the budget of {budget:kr} by {difference:kr} "
            "({deviation:pct}); unused funds can be reallocated.",
        },
        "forecast_over": {
            "sv": "Prognosen {cost:kr} för {horizon:word@horizon} överstiger budgeten {budget:kr} med "
            "{difference:kr} ({deviation:pct@max_deviation}); gränsen är {max_deviation:pcte}.",
            "en": "The forecast of {cost:kr} for the {horizon:word@horizon} exceeds the budget of "
            "{budget:kr} by {difference:kr} ({deviation:pct@max_deviation}); the limit is "
            "{max_deviation:pcte}.",
        },
    },
    explanation=explain(
        sv=Explanation(
            what=(
                "Kontrollerar att kostnads- och budgettabellerna går ihop, och flaggar när "
                "utfallet eller prognosen överstiger beviljad budget med mer än gränsen. Stora "
                "underskridanden noteras."
            ),
            why=(
                "Styrelsen ansvarar för god ekonomisk hushållning; överskridanden ska upptäckas "
                "medan det går att styra."
            ),
            example="Utökat AKTIV: 670 000 kr mot budget 590 000 kr = 14 % över, mer än 10 %.",
            source="Nationella rådets vägledning om budget och prognos.",
        ),
        en=Explanation(
            what=(
                "Checks that the cost and budget tables add up, and flags when the actual cost or "
                "the forecast exceeds the granted budget by more than the limit. Large "
                "underspends are noted."
            ),
            why=(
                "The board is responsible for sound financial management; overruns must be found "
                "while they can still be steered."
            ),
            example="Utökat AKTIV: 670,000 kr against a budget of 590,000 kr = 14% over, more than 10%.",
            source="National guidance on budgets and forecasts.",
        ),
    ),
)
def cost_control(report: Report, check: Check) -> Iterator[Finding]:
    """Flag tables that do not add up, and costs or forecasts over budget."""
    limit = to_fraction(check.params["max_deviation"])
    if report.costs is not None:
        _adds_up(report.costs, "costs")
        if report.budget is None:
            raise NotEvaluable("no_budget")
        _adds_up(report.budget, "budget")
        cost, budget = report.costs.total, report.budget.total
        if budget:
            deviation = Fraction(cost - budget, budget)
            figures: dict[str, Any] = dict(
                cost=cost, budget=budget, difference=abs(cost - budget), deviation=abs(deviation)
            )
            if deviation > limit:
                yield check.finding("over", **figures)
            elif -deviation > limit:
                yield check.note("under", **figures)
    forecast = report.forecast
    if forecast is not None and forecast.budget:
        deviation = Fraction(forecast.cost - forecast.budget, forecast.budget)
        if deviation > limit:
            yield check.finding(
                "forecast_over",
                cost=forecast.cost,
                budget=forecast.budget,
                difference=forecast.cost - forecast.budget,
                deviation=deviation,
                horizon=forecast.horizon.value,
            )


@hookimpl
def register_rules(register: Callable[[Rule], None]) -> None:
    """Register BU001 and BU002."""
    register(budget_consistency)
    register(cost_control)
