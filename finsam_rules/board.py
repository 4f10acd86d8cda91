"""The board report's content: every figure of the year, computed once, traceable to files.

:func:`build_board_report` evaluates every application and report of a portfolio and the
portfolio rules, and gathers the tables the board reads: goals met or not, a verdict per
application, the coverage matrix, outcomes, gender, budget and cost per project,
contributions per member, and equity. Renderers (Markdown, HTML, JSON) only format it.

:class:`ImpactAssessor` answers "what would granting this application change?" for
``finsam screen --portfolio``.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs

from finsam_rules import finance
from finsam_rules.engine import Engine, Evaluation, Verdict, sort_findings
from finsam_rules.formatting import to_fraction
from finsam_rules.model import Application
from finsam_rules.policy import Policy, load_policy
from finsam_rules.portfolio import Portfolio, load_portfolio, with_application
from finsam_rules.rules import Finding, FindingStatus, Severity


@attrs.frozen
class Goal:
    """One goal of the plan (a portfolio rule) and whether the year meets it."""

    code: str
    title: dict[str, str]
    status: str  # "met", "not_met" or "not_checkable"
    messages: tuple[dict[str, str], ...]
    source: str


@attrs.frozen
class OutcomeRow:
    """A project's outcome share from its latest report, against the target."""

    project: str
    title: str
    report: str
    report_path: str
    successes: int | None
    denominator: int | None
    share: Fraction | None
    target: Fraction
    method: dict[str, str]
    consistent: bool


@attrs.frozen
class GenderRow:
    """Participants of a project by gender, from its latest report."""

    project: str
    title: str
    women: int
    men: int
    unknown: int
    report_path: str


@attrs.frozen
class BudgetRow:
    """A project's money in the year: granted, budget and cost of the latest report, forecast."""

    project: str
    title: str
    granted_in_year: int
    report_budget: int | None
    cost: int | None
    forecast: int | None
    forecast_budget: int | None
    report_path: str


@attrs.frozen
class ApplicationRow:
    """An application's verdict with its findings."""

    path: str
    evaluation: Evaluation


@attrs.frozen
class BoardReport:
    """Everything the board report shows, in one place."""

    portfolio: Portfolio
    policy: Policy
    year: int
    portfolio_evaluation: Evaluation
    applications: tuple[ApplicationRow, ...]
    reports: tuple[ApplicationRow, ...]
    goals: tuple[Goal, ...]
    coverage: dict[str, list[str]]
    outcomes: tuple[OutcomeRow, ...]
    gender: tuple[GenderRow, ...]
    budget: tuple[BudgetRow, ...]
    groups: tuple[finance.GroupShare, ...]
    members: tuple[finance.MemberShare, ...]
    balance: finance.Balance

    @property
    def running(self) -> list[Application]:
        """Projects running in the year."""
        return self.portfolio.running()


def _goal_status(findings) -> str:
    """met / not_met / not_checkable, or information when the rule only reports a figure
    (FI003 without a configured scale)."""
    if findings and all(f.key == "information" for f in findings):
        return "information"
    if any(f.status is FindingStatus.NOT_EVALUATED and f.waived_by is None for f in findings):
        return "not_checkable"
    if any(f.severity >= Severity.WARNING and f.waived_by is None for f in findings):
        return "not_met"
    return "met"


def _rel(portfolio: Portfolio, path: Path | None) -> str:
    if path is None:
        return ""
    try:
        return path.relative_to(portfolio.root).as_posix()
    except ValueError:
        return path.as_posix()


def build_board_report(
    portfolio: Portfolio, policy: Policy, engine: Engine, waivers: Any = None
) -> BoardReport:
    """Evaluate the whole portfolio for its year and gather the board's tables."""
    year = portfolio.year
    apply = waivers.apply_evaluation if waivers is not None else (lambda ev: ev)
    port_eval = apply(engine.evaluate_portfolio(portfolio, year))
    applications = tuple(
        ApplicationRow(
            _rel(portfolio, path), apply(engine.evaluate(app, portfolio.association, portfolio.application))
        )
        for path, app in sorted(portfolio.applications, key=lambda item: item[1].id)
    )
    reports = tuple(
        ApplicationRow(
            _rel(portfolio, path), apply(engine.evaluate(rep, portfolio.association, portfolio.application))
        )
        for path, rep in sorted(portfolio.reports, key=lambda item: (item[1].project, item[1].period.end))
    )
    rules = policy.registry.rules
    goals = []
    for code in policy.enabled_codes():
        rule = rules[code]
        if rule.scope.value != "portfolio":
            continue
        found = [f for f in port_eval.findings if f.code == code]
        goals.append(
            Goal(
                code,
                dict(rule.title),
                _goal_status(found),
                tuple(dict(f.messages) for f in found),
                rule.source.reference,
            )
        )

    as_of = engine.as_of or dt.date(year, 12, 31)
    settings = policy.settings_for(as_of)  # the counting method's named settings
    ot002 = rules.get("OT002")
    method = {**settings, **policy.params_for(ot002, as_of)} if ot002 and "denominator" in settings else None
    outcomes, gender, budget = [], [], []
    for app in portfolio.running():
        latest = portfolio.latest_report(app.id)
        path = _rel(portfolio, portfolio.path_of(latest)) if latest else ""
        if latest is not None and latest.outcomes is not None and method is not None:
            from finsam_rules.counting import count_share

            consistent = latest.participants is None or latest.outcomes.total == latest.participants.total
            share = count_share(latest.outcomes, method)
            outcomes.append(
                OutcomeRow(
                    app.id,
                    app.title,
                    latest.document_id,
                    path,
                    share.successes if consistent else None,
                    share.denominator if consistent else None,
                    share.value if consistent else None,
                    to_fraction(method["target"]),
                    {
                        "sv": f"{share.denominator_text('sv')}"
                        + (", avlidna ej medräknade" if share.exclude_deceased else "")
                        + f"; {share.counted_text('sv')}",
                        "en": f"{share.denominator_text('en')}"
                        + (", deceased excluded" if share.exclude_deceased else "")
                        + f"; {share.counted_text('en')}",
                    },
                    consistent,
                )
            )
        if latest is not None and latest.participants is not None:
            p = latest.participants
            gender.append(GenderRow(app.id, app.title, p.women, p.men, p.unknown, path))
        budget.append(
            BudgetRow(
                app.id,
                app.title,
                portfolio.granted_in_year(app),
                latest.budget.total if latest and latest.budget else None,
                latest.costs.total if latest and latest.costs else None,
                latest.forecast.cost if latest and latest.forecast else None,
                latest.forecast.budget if latest and latest.forecast else None,
                path,
            )
        )

    fi002 = rules.get("FI002")
    reserve = to_fraction(policy.params_for(fi002, as_of)["reserve_share"]) if fi002 else Fraction(0)
    granted = sum(portfolio.granted_in_year(a) for a in portfolio.running())
    return BoardReport(
        portfolio=portfolio,
        policy=policy,
        year=year,
        portfolio_evaluation=port_eval,
        applications=applications,
        reports=reports,
        goals=tuple(goals),
        coverage=portfolio.coverage(),
        outcomes=tuple(outcomes),
        gender=tuple(gender),
        budget=tuple(budget),
        groups=tuple(finance.group_shares(portfolio.association)),
        members=tuple(finance.member_shares(portfolio.association)),
        balance=finance.balance(portfolio.association, granted, reserve),
    )


def verdict_counts(rows: tuple[ApplicationRow, ...]) -> dict[Verdict, int]:
    """How many documents got each verdict."""
    counts = dict.fromkeys(Verdict, 0)
    for row in rows:
        counts[row.evaluation.verdict] += 1
    return counts


@attrs.frozen
class Impact:
    """What granting one application would change in the portfolio's year."""

    application: str
    requested_in_year: int
    newly_covered: tuple[str, ...]
    margin_before: int
    margin_after: int
    equity_end_before: int
    equity_end_after: int
    equity_share_after: Fraction | None

    def lines(self, lang: str) -> list[str]:
        """The impact in words, each figure checkable by hand."""
        from finsam_rules.formatting import format_kr, format_share

        covered = ", ".join(self.newly_covered) or {"sv": "inga", "en": "none"}[lang]
        share = format_share(self.equity_share_after, lang) if self.equity_share_after is not None else "–"
        if lang == "sv":
            return [
                f"Om ansökan beviljas ({format_kr(self.requested_in_year, lang)} detta år):",
                f"  nya kommuner som täcks: {covered}",
                f"  budgetmarginal: {format_kr(self.margin_before, lang)} före, "
                f"{format_kr(self.margin_after, lang)} efter",
                f"  eget kapital vid årets slut: {format_kr(self.equity_end_before, lang)} före, "
                f"{format_kr(self.equity_end_after, lang)} efter ({share} av årets bidrag)",
            ]
        return [
            f"If granted ({format_kr(self.requested_in_year, lang)} this year):",
            f"  municipalities newly covered: {covered}",
            f"  budget margin: {format_kr(self.margin_before, lang)} before, "
            f"{format_kr(self.margin_after, lang)} after",
            f"  equity at year end: {format_kr(self.equity_end_before, lang)} before, "
            f"{format_kr(self.equity_end_after, lang)} after ({share} of the year's contributions)",
        ]

    def data(self) -> dict[str, Any]:
        """The impact as JSON data."""
        return {
            "requested_in_year": self.requested_in_year,
            "newly_covered": list(self.newly_covered),
            "margin_before": self.margin_before,
            "margin_after": self.margin_after,
            "equity_end_before": self.equity_end_before,
            "equity_end_after": self.equity_end_after,
            "equity_share_after": (
                round(float(self.equity_share_after), 4) if self.equity_share_after is not None else None
            ),
        }


GRANT_UNBALANCES = {
    "sv": "Om ansökan beviljas blir budgeten {year} obalanserad: marginalen går från "
    "{margin_before:kr} till {margin_after:kr}.",
    "en": "If granted, the budget of {year} is out of balance: the margin goes from "
    "{margin_before:kr} to {margin_after:kr}.",
}


@attrs.define
class ImpactAssessor:
    """Assesses applications against one portfolio."""

    portfolio: Portfolio
    reserve_share: Fraction
    balance_rule: Any = None  # FI002, unless the policy leaves it out
    _state: tuple | None = None

    @classmethod
    def load(cls, root: Path, registry, policy_path: Path | None) -> ImpactAssessor:
        """Load the portfolio and the reserve parameter of its policy."""
        portfolio = load_portfolio(root)
        policy = load_policy(registry, policy_path or portfolio.config_path)
        fi002 = registry.rules.get("FI002")
        as_of = dt.date(portfolio.year, 12, 31)
        reserve = to_fraction(policy.params_for(fi002, as_of)["reserve_share"]) if fi002 else Fraction(0)
        enabled = fi002 is not None and "FI002" in policy.enabled_codes()
        return cls(portfolio, reserve, fi002 if enabled else None)

    def attach(self, screened):
        """A screened application with its impact, and an FI002 warning when granting it
        would leave the year's budget out of balance."""
        doc = screened.evaluation.document
        if not isinstance(doc, Application):
            return screened
        impact = self.assess(screened.path, doc)
        evaluation = screened.evaluation
        if impact.margin_after < 0 <= impact.margin_before or impact.margin_after < min(
            0, impact.margin_before
        ):
            rule = self.balance_rule
            if rule is not None:
                finding = Finding(
                    code="FI002",
                    severity=Severity.WARNING,
                    status=FindingStatus.FINDING,
                    key="grant_unbalances",
                    templates=GRANT_UNBALANCES,
                    source=rule.source,
                    params={},
                    figures=impact.data(),
                    values=impact.data() | {"year": self.portfolio.year},
                    pack=rule.pack,
                )
                evaluation = attrs.evolve(evaluation, findings=sort_findings((*evaluation.findings, finding)))
        return attrs.evolve(screened, evaluation=evaluation, impact=impact)

    def _before(self) -> tuple[set[str], int, finance.Balance]:
        """Coverage, granted funding and balance of the portfolio as it is (computed once)."""
        if self._state is None:
            before = self.portfolio
            granted = sum(before.granted_in_year(a) for a in before.running())
            self._state = (
                {m for m, projects in before.coverage().items() if projects},
                granted,
                finance.balance(before.association, granted, self.reserve_share),
            )
        return self._state

    def assess(self, path: Path, app: Application) -> Impact:
        """Coverage and finances of the year before and after granting ``app``."""
        before = self.portfolio
        covered_before, granted_before, b0 = self._before()
        after = with_application(before, path, app)
        covered_after = {m for m, projects in after.coverage().items() if projects}
        granted_after = sum(after.granted_in_year(a) for a in after.running())
        b1 = finance.balance(after.association, granted_after, self.reserve_share)
        order = [m.id for m in before.association.municipalities]
        contributions = before.association.total_contributions
        return Impact(
            application=app.id,
            requested_in_year=granted_after - granted_before,
            newly_covered=tuple(m for m in order if m in covered_after - covered_before),
            margin_before=b0.margin,
            margin_after=b1.margin,
            equity_end_before=b0.equity_at_end,
            equity_end_after=b1.equity_at_end,
            equity_share_after=(Fraction(b1.equity_at_end, contributions) if contributions else None),
        )
