"""The board report's content: every figure of the year, computed once, traceable to files.

:func:`build_board_report` evaluates every application and report of a portfolio and the
portfolio rules, and gathers everything the board reads into one typed model,
:class:`BoardReport`: the decisions first, the goals with their status, a verdict per
document, coverage, outcomes, gender, budget, contributions and the balance. Every figure,
status, count, sum and path a board format shows is a field here; the renderers (Markdown,
HTML, JSON, and any other format) only word and lay it out.

**Rules are the only source of judged figures.** This module names no rule and no message
key. It learns what it needs from the findings, by the documented figure roles
(``docs/plugins.md``, "What the board reads"):

- every enabled portfolio-scope rule is a goal of the year, with its findings and figures;
- a report finding whose figures hold ``successes``, ``denominator`` and ``share`` and whose
  parameters hold ``target`` is the report's outcome share against the association's target
  (its counting method is read from the figures ``method`` and ``exclude_deceased`` and the
  parameter ``counted_outcomes``); the same rule's finding with the figures
  ``outcomes_total`` and ``participants_total`` says the tables do not add up;
- a portfolio finding whose figures hold ``available`` and ``committed`` is the year's
  budget balance (with ``granted``, ``administration``, ``contributions``, ``usable`` and
  ``reserve``, and ``margin`` or ``shortfall``).

A pack set without such rules gives a smaller board, never a wrong one.

:class:`ImpactAssessor` answers "what would granting this application change?" for
``finsam screen --portfolio``: it runs the portfolio rules on the portfolio with the
application added, and attaches the rules' own findings that granting it would newly raise.
"""

from __future__ import annotations

import datetime as dt
import enum
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from fractions import Fraction
from functools import partial
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import attrs

from finsam_rules import finance
from finsam_rules.engine import Engine, Evaluation, Verdict, sort_findings
from finsam_rules.errors import InputError
from finsam_rules.formatting import LANGS, round_half_up, to_fraction
from finsam_rules.model import Application, Association, MemberKind, Period, Report, ReportKind
from finsam_rules.policy import Policy
from finsam_rules.portfolio import Portfolio, open_portfolio, with_application
from finsam_rules.prep import PrepCounts, board_counts, prep_file
from finsam_rules.rules import Finding, FindingStatus, Scope, Severity

if TYPE_CHECKING:
    from finsam_rules.errors import Problem
    from finsam_rules.plugins import Registry
    from finsam_rules.screening import Screened
    from finsam_rules.waivers import Waivers

#: Figure roles (see the module docstring and ``docs/plugins.md``).
SHARE_FIGURES = ("successes", "denominator", "share")
SHARE_TARGET = "target"
INCONSISTENT_FIGURES = ("outcomes_total", "participants_total")
BALANCE_FIGURES = ("available", "committed")


class GoalStatus(enum.StrEnum):
    """Whether the year meets a goal of the plan."""

    MET = "met"
    NOT_MET = "not_met"
    NOT_CHECKABLE = "not_checkable"
    INFORMATION = "information"


class OutcomeStatus(enum.StrEnum):
    """A project's outcome share against the target."""

    MET = "met"
    BELOW = "below"
    NO_SHARE = "no_share"  # nobody has finished yet: no share can be computed
    INCONSISTENT = "inconsistent"  # the outcomes do not add up to the participants


class DecisionKind(enum.StrEnum):
    """What the board must decide or know, in the order the report leads with it."""

    GOAL_NOT_MET = "goal_not_met"
    GOAL_NOT_CHECKABLE = "goal_not_checkable"
    APPLICATIONS = "applications"
    REPORT_DEVIATION = "report_deviation"
    OVERDUE_REPORTS = "overdue_reports"
    OVER_BUDGET = "over_budget"
    UNREADABLE = "unreadable"
    NOTICE = "notice"  # a portfolio finding of no goal (e.g. a pack that could not be loaded)


@attrs.frozen
class UnreadableFile:
    """A file that could not be read, relative to the portfolio, with its problems (the shape
    of ``screen --format json``'s ``errors``)."""

    path: str
    problems: tuple[Problem, ...]


@attrs.frozen
class Goal:
    """One goal of the plan (a portfolio rule) and whether the year meets it."""

    code: str
    title: Mapping[str, str]
    status: GoalStatus
    findings: tuple[Finding, ...]
    source: str
    #: unreadable files that keep the goal from being judged (relative to the portfolio)
    unreadable: tuple[str, ...] = ()

    @property
    def messages(self) -> tuple[Mapping[str, str], ...]:
        """The findings' messages in both languages."""
        return tuple(messages_of(f) for f in self.findings)


@attrs.frozen
class GoalCounts:
    """How many goals are met, not met, cannot be judged, or only inform."""

    met: int
    not_met: int
    not_checkable: int
    information: int

    @property
    def judged(self) -> int:
        """The goals that are judged at all (information excluded)."""
        return self.met + self.not_met + self.not_checkable


@attrs.frozen
class VerdictCounts:
    """How many documents got each verdict, and which."""

    approve: tuple[str, ...]
    revise: tuple[str, ...]
    reject: tuple[str, ...]
    accept: tuple[str, ...] = ()  # a report's own verdicts
    deviation: tuple[str, ...] = ()

    def ids(self, verdict: Verdict) -> tuple[str, ...]:
        """The document ids with ``verdict``."""
        return {
            Verdict.APPROVE: self.approve,
            Verdict.REVISE: self.revise,
            Verdict.REJECT: self.reject,
            Verdict.ACCEPT: self.accept,
            Verdict.DEVIATION: self.deviation,
        }[verdict]

    def count(self, verdict: Verdict) -> int:
        """How many documents got ``verdict``."""
        return len(self.ids(verdict))

    @property
    def total(self) -> int:
        """All documents."""
        return sum(len(self.ids(v)) for v in Verdict)


@attrs.frozen
class CountingMethod:
    """How an outcome share is counted: who is in the denominator, whether the deceased are
    left out, and which outcomes count as success (read from the rule's finding)."""

    denominator: str  # "finished" or "enrolled"
    exclude_deceased: bool
    counted: tuple[str, ...]

    def __getitem__(self, lang: str) -> str:
        """The method in words, ``method["sv"]`` (as the former ``OutcomeRow.method`` dict)."""
        from finsam_rules.render.board_words import method_text

        return method_text(self, lang)


@attrs.frozen
class OutcomeRow:
    """A project's outcome share from its latest report, against the target."""

    project: str
    title: str
    report: str
    report_path: str
    code: str  # the rule that counted it
    successes: int | None
    denominator: int | None
    share: Fraction | None
    target: Fraction
    method: CountingMethod
    status: OutcomeStatus

    @property
    def consistent(self) -> bool:
        """Whether the outcomes add up to the participants."""
        return self.status is not OutcomeStatus.INCONSISTENT


@attrs.frozen
class GenderRow:
    """Participants of a project by gender, from its latest report."""

    project: str
    title: str
    women: int
    men: int
    unknown: int
    total: int
    women_share: Fraction | None
    men_share: Fraction | None
    unknown_share: Fraction | None
    report_path: str


@attrs.frozen
class BudgetRow:
    """A project's money in the year: granted, budget and cost of the latest report, forecast."""

    project: str
    title: str
    application_path: str
    granted_in_year: int
    report_budget: int | None
    cost: int | None
    forecast: int | None
    forecast_budget: int | None
    deviation: int | None  # forecast less its budget
    over_budget: bool  # the forecast is above its budget
    report_path: str
    cost_over_budget: bool = False  # the period's cost is above the period's budget


@attrs.frozen
class BudgetTotals:
    """The budget table's sums (``None`` where no project reports the column) and the
    projects whose forecast is over budget."""

    granted_in_year: int | None
    report_budget: int | None
    cost: int | None
    forecast: int | None
    forecast_budget: int | None
    over_budget: tuple[str, ...]
    over_budget_sum: int


@attrs.frozen
class CoverageRow:
    """A member municipality and the running projects that cover it."""

    id: str
    name: str
    projects: tuple[str, ...]


@attrs.frozen
class ProjectRef:
    """A running project, its application file and whether it is county-wide."""

    id: str
    title: str
    path: str
    county_wide: bool


@attrs.frozen
class GroupRow:
    """A group of members' contributions against the legal share."""

    group: str
    amount: int
    share: Fraction
    legal_share: Fraction
    legal_amount: int  # rounded half up


@attrs.frozen
class MemberRow:
    """A member's contribution, with the amount its population would give (municipalities)."""

    id: str
    name: str
    kind: MemberKind
    amount: int
    share: Fraction
    population: int | None
    expected: Fraction | None  # the amount its population would give, exactly
    by_population: int | None  # the same, rounded half up
    share_of_municipal: Fraction | None
    population_share: Fraction | None


@attrs.frozen
class Balance:
    """The year's budget balance, as the balance rule computed it."""

    code: str
    contributions: int
    equity_at_start: int
    reserve: int
    usable_equity: int
    available: int
    granted: int
    administration: int
    committed: int
    margin: int
    equity_at_end: int
    share_at_start: Fraction | None
    share_at_end: Fraction | None
    margin_share: Fraction | None = None  # the margin's size as a share of what is available

    @property
    def in_balance(self) -> bool:
        """Whether what is committed fits in what is available."""
        return self.margin >= 0


@attrs.frozen
class OverdueReport:
    """A report a granted project owed by a date passed without it (see
    :func:`finsam_rules.obligations.reports_owed`, shared with RP001 and ``finsam calendar``)."""

    project: str
    title: str
    kind: str  # "dated" (a due date of the decision) or "final"
    due: dt.date
    days: int  # overdue by, as of the report's date
    ended_without_report: bool = False


@attrs.frozen
class Decision:
    """One thing the board must decide or know, with its figures, rule codes and files."""

    kind: DecisionKind
    subject: str = ""
    title: Mapping[str, str] = attrs.field(factory=dict)
    messages: tuple[Mapping[str, str], ...] = ()
    codes: tuple[str, ...] = ()
    files: tuple[str, ...] = ()
    verdicts: VerdictCounts | None = None
    projects: tuple[str, ...] = ()
    amount: int | None = None
    document_kind: str = ""  # a report's kind ("progress" or "final")
    more: int = 0  # findings of a goal beyond the first MAX_DECISION_MESSAGES, told as a count
    period: tuple[dt.date, dt.date] | None = None  # a report's period
    overdue: tuple[OverdueReport, ...] = ()  # the reports overdue (OVERDUE_REPORTS)
    as_of: dt.date | None = None  # the date they are overdue as of (OVERDUE_REPORTS)


@attrs.frozen
class DocumentRow:
    """An evaluated application or report, with its file relative to the portfolio."""

    path: str
    evaluation: Evaluation
    title: str = ""

    @property
    def codes(self) -> tuple[str, ...]:
        """The rule codes of its findings, each once, in finding order."""
        return tuple(dict.fromkeys(f.code for f in self.evaluation.findings))


@attrs.frozen
class ApplicationFacts:
    """What the board formats read of an application, kept in its place once the board model
    is built (``build_board_report(..., keep_documents=False)``): the whole document, its
    budget, parties and texts, is let go."""

    id: str
    title: str
    owner: str
    period: Period
    requested: int | None

    @classmethod
    def of(cls, app: Application) -> ApplicationFacts:
        """The facts of ``app``."""
        return cls(app.id, app.title, app.owner, app.period, app.requested)


@attrs.frozen
class ReportFacts:
    """What the board formats read of a report, kept in its place once the board model is
    built (see :class:`ApplicationFacts`); like a report, it has no title."""

    project: str
    kind: ReportKind
    period: Period
    comment: str

    @classmethod
    def of(cls, report: Report) -> ReportFacts:
        """The facts of ``report``."""
        return cls(report.project, report.kind, report.period, report.comment)


#: The former name of :class:`DocumentRow`.
ApplicationRow = DocumentRow


@attrs.frozen
class BoardReport:
    """Everything the board report shows, in one place."""

    portfolio: Portfolio
    policy: Policy
    year: int
    as_of: dt.date
    policy_files: tuple[str, ...]
    portfolio_evaluation: Evaluation
    decisions: tuple[Decision, ...]
    applications: tuple[DocumentRow, ...]
    reports: tuple[DocumentRow, ...]
    application_verdicts: VerdictCounts
    report_verdicts: VerdictCounts
    goals: tuple[Goal, ...]
    goal_counts: GoalCounts
    projects: tuple[ProjectRef, ...]
    coverage: tuple[CoverageRow, ...]
    covered: int
    outcomes: tuple[OutcomeRow, ...]
    outcomes_met: int
    gender: tuple[GenderRow, ...]
    budget: tuple[BudgetRow, ...]
    budget_totals: BudgetTotals
    groups: tuple[GroupRow, ...]
    members: tuple[MemberRow, ...]
    total_contributions: int
    balance: Balance | None
    unreadable: tuple[UnreadableFile, ...]
    #: The reports owed and not received by ``as_of`` (the reporting calendar's overdue list).
    overdue_reports: tuple[OverdueReport, ...] = ()
    #: The prep group's open, answered and waived findings over every document, or ``None``
    #: when the portfolio has no ``beredning.toml``.
    prep: PrepCounts | None = None

    @property
    def running(self) -> list[Application]:
        """Projects running in the year (none in a model built without its documents: its
        :attr:`projects` name them)."""
        return self.portfolio.running()

    @property
    def method(self) -> CountingMethod | None:
        """The counting method of the outcome shares (the first row's)."""
        return self.outcomes[0].method if self.outcomes else None

    @property
    def target(self) -> Fraction | None:
        """The outcome target (the first row's)."""
        return self.outcomes[0].target if self.outcomes else None


# -- helpers ---------------------------------------------------------------------------------------

#: What a kept finding holds in place of the values its messages were rendered from.
_NO_VALUES: Mapping[str, Any] = MappingProxyType({})


class _Figures(Mapping[str, Any]):
    """A finding's figures as the board keeps them: the same mapping (same keys in the same
    order, same values) as a tuple of values against a tuple of keys shared by every finding
    with the same figures, about half the size of a dict."""

    __slots__ = ("_keys", "_values")

    def __init__(self, keys: tuple[str, ...], values: tuple[Any, ...]) -> None:
        self._keys, self._values = keys, values

    def __getitem__(self, key: str) -> Any:
        try:
            return self._values[self._keys.index(key)]
        except ValueError:
            raise KeyError(key) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def __repr__(self) -> str:
        return repr(dict(self))


#: Key tuples shared by the kept findings of one board report (:class:`_Figures`).
_KeyTuples = dict[tuple[str, ...], tuple[str, ...]]


class _Shared:
    """What the kept findings of one board report share rather than copy: the key tuples of
    their figures, and equal parameter (and parameter source) mappings, one object each."""

    __slots__ = ("keys", "mappings")

    def __init__(self) -> None:
        self.keys: _KeyTuples = {}
        self.mappings: dict[tuple[tuple[str, Any], ...], Mapping[str, Any]] = {}

    def mapping(self, mapping: Mapping[str, Any]) -> Mapping[str, Any]:
        """``mapping``, or an equal one already kept (the same keys in the same order)."""
        if not mapping:
            return _NO_VALUES
        items = tuple(mapping.items())
        try:
            return self.mappings.setdefault(items, mapping)
        except TypeError:  # a value that cannot be hashed (a list): kept as it is
            return mapping


def _kept_finding(finding: Finding, shared: _Shared, langs: tuple[str, ...] = LANGS) -> Finding:
    """``finding`` as the board keeps it: its message (and its remedy's) rendered in
    ``langs`` (every language unless told), then the values they were rendered from let go,
    its figures compact and its parameters shared with equal ones. A portfolio holds
    thousands of findings, and the values (the rule's parameters and figures, merged) are a
    copy per finding that no output reads once the messages are written."""
    rendered = {lang: finding.message(lang) for lang in langs}
    remedy = finding.remedy
    if remedy is not None:
        remedy = attrs.evolve(
            remedy, values=_NO_VALUES, rendered={lang: remedy.message(lang) for lang in langs}
        )
    keys = tuple(finding.figures)
    figures = _Figures(shared.keys.setdefault(keys, keys), tuple(finding.figures.values()))
    return attrs.evolve(
        finding,
        values=_NO_VALUES,
        rendered=rendered,
        remedy=remedy,
        figures=figures,
        params=shared.mapping(finding.params),
        param_sources=shared.mapping(finding.param_sources),
    )


def _folded(make: Callable[[], Evaluation], shared: _Shared, langs: tuple[str, ...]) -> Evaluation:
    """The evaluation ``make`` gives, its findings kept as the board keeps them one at a
    time, each as made let go as soon as its kept form is there: a portfolio rule comparing
    every pair of reports finds thousands, never held twice."""
    evaluation = make()
    document, kind, ident, as_of = evaluation.document, evaluation.kind, evaluation.id, evaluation.as_of
    findings = list(evaluation.findings)
    del evaluation  # the only other reference to the findings as made
    for index in range(len(findings)):
        findings[index] = _kept_finding(findings[index], shared, langs)
    return Evaluation(document=document, kind=kind, id=ident, as_of=as_of, findings=tuple(findings))


def messages_of(finding: Finding) -> Mapping[str, str]:
    """A finding's messages in every language it holds, shared rather than copied when the
    finding is one the board keeps (its messages rendered, in every language or in the
    ones the report is made in): one mapping per finding, however many decisions and goals
    show it."""
    rendered = finding._rendered
    return rendered if finding.values is _NO_VALUES or len(rendered) == len(LANGS) else finding.messages


def ratio(part: int, whole: int) -> Fraction | None:
    """``part / whole`` exactly, or ``None`` when ``whole`` is zero."""
    return Fraction(part, whole) if whole else None


def relative(root: Path, path: Path | str | None) -> str:
    """A path relative to the portfolio folder where it lies inside it (POSIX form)."""
    if path is None or path == "":
        return ""
    path = Path(path)
    if not path.is_absolute() and not path.exists():
        return path.as_posix()  # not a file (e.g. a policy given inline)
    here, base = path.resolve(), root.resolve()
    try:
        return here.relative_to(base).as_posix()
    except ValueError:
        return Path(os.path.relpath(here, base)).as_posix()


def column_sum(values: Iterable[int | None]) -> int | None:
    """The sum of the reported values, or ``None`` when none is reported."""
    present = [v for v in values if v is not None]
    return sum(present) if present else None


def _empty(value: object) -> bool:
    return value is None or (isinstance(value, str | list | tuple | dict) and not value)


def _goal_status(findings: list[Finding]) -> GoalStatus:
    """Met / not met / cannot be judged, or information when the rule judged against no
    parameter value at all and only reported a figure (e.g. the equity share without a
    configured scale)."""
    if any(f.status is FindingStatus.NOT_EVALUATED and f.counts_at(Severity.INFO) for f in findings):
        return GoalStatus.NOT_CHECKABLE
    if any(f.counts_at(Severity.WARNING) for f in findings):
        return GoalStatus.NOT_MET
    if findings and all(f.params and all(_empty(v) for v in f.params.values()) for f in findings):
        return GoalStatus.INFORMATION
    return GoalStatus.MET


#: The one answer to "is this goal met?", for the board report and ``policy impact`` alike.
goal_status = _goal_status


def _verdicts(rows: Iterable[DocumentRow]) -> VerdictCounts:
    by: dict[Verdict, list[str]] = {v: [] for v in Verdict}
    for row in rows:
        by[row.evaluation.verdict].append(row.evaluation.id)
    return VerdictCounts(
        tuple(by[Verdict.APPROVE]),
        tuple(by[Verdict.REVISE]),
        tuple(by[Verdict.REJECT]),
        tuple(by[Verdict.ACCEPT]),
        tuple(by[Verdict.DEVIATION]),
    )


def is_share_finding(finding: Finding) -> bool:
    """Whether a finding carries an outcome share against the association's target."""
    return SHARE_TARGET in finding.params and all(k in finding.figures for k in SHARE_FIGURES)


def is_balance_finding(finding: Finding) -> bool:
    """Whether a finding carries the year's budget balance."""
    return all(k in finding.figures for k in BALANCE_FIGURES)


def _method(finding: Finding) -> CountingMethod:
    figures, params = finding.figures, finding.params
    counted = figures.get("counted_outcomes", params.get("counted_outcomes", ()))
    return CountingMethod(
        str(figures.get("method", params.get("denominator", "finished"))),
        bool(figures.get("exclude_deceased", params.get("exclude_deceased", False))),
        tuple(counted),
    )


def _outcome_row(app: Application, report: Report, path: str, evaluation: Evaluation) -> OutcomeRow | None:
    """The report's outcome share, from the rule that counted it."""
    share_codes = {f.code for f in evaluation.findings if is_share_finding(f)}
    for f in evaluation.findings:
        if is_share_finding(f):
            successes, denominator = int(f.figures["successes"]), int(f.figures["denominator"])
            # The rule's fraction, exactly (its ``share`` figure may be rounded for records).
            value = Fraction(successes, denominator) if denominator else None
            target = to_fraction(f.params[SHARE_TARGET])
            status = (
                OutcomeStatus.NO_SHARE
                if value is None
                else OutcomeStatus.MET
                if value >= target
                else OutcomeStatus.BELOW
            )
            return OutcomeRow(
                app.id,
                app.title,
                report.document_id,
                path,
                f.code,
                successes,
                denominator,
                value,
                target,
                _method(f),
                status,
            )
    for f in evaluation.findings:
        inconsistent = all(k in f.figures for k in INCONSISTENT_FIGURES) and SHARE_TARGET in f.params
        if inconsistent and (not share_codes or f.code in share_codes):
            return OutcomeRow(
                app.id,
                app.title,
                report.document_id,
                path,
                f.code,
                None,
                None,
                None,
                to_fraction(f.params[SHARE_TARGET]),
                _method(f),
                OutcomeStatus.INCONSISTENT,
            )
    return None


def _balance(findings: Iterable[Finding], association: Association) -> Balance | None:
    """The balance from the rule that judged it; ``None`` when no rule did."""
    for f in findings:
        if not is_balance_finding(f):
            continue
        fig = f.figures
        committed = int(fig["committed"])
        contributions = int(fig.get("contributions", association.total_contributions))
        margin = int(fig["margin"]) if "margin" in fig else -int(fig.get("shortfall", 0))
        start = association.equity_at_start
        end = start + contributions - committed
        return Balance(
            code=f.code,
            contributions=contributions,
            equity_at_start=start,
            reserve=int(fig.get("reserve", 0)),
            usable_equity=int(fig.get("usable", 0)),
            available=int(fig["available"]),
            granted=int(fig.get("granted", 0)),
            administration=int(fig.get("administration", 0)),
            committed=committed,
            margin=margin,
            equity_at_end=end,
            share_at_start=ratio(start, contributions),
            share_at_end=ratio(end, contributions),
            margin_share=ratio(abs(margin), int(fig["available"])),
        )
    return None


#: The parts of a portfolio that are not applications or reports (association.toml, the year).
_BOOK_PARTS = frozenset({"association", "association_path", "config_path", "root", "year", "year_period"})


class _Probe:
    """A portfolio stand-in that records which of its parts a rule reads."""

    def __init__(self, portfolio: Portfolio) -> None:
        self._portfolio = portfolio
        self.read: set[str] = set()

    def __getattr__(self, name: str) -> Any:
        self.read.add(name)
        return getattr(self._portfolio, name)


def _reads_documents(engine: Engine, code: str, portfolio: Portfolio, as_of: dt.date) -> bool:
    """Whether a portfolio rule reads the applications or reports (and so depends on a file
    that could not be read); when in doubt, yes."""
    rule = engine.policy.registry.rules[code]
    probe = _Probe(portfolio)

    def application_for(app_id: str) -> Application | None:
        probe.read.add("application")
        return portfolio.application(app_id)

    try:
        engine.run_rule(
            rule,
            probe,
            as_of,
            association=portfolio.association,
            application_for=application_for,
            portfolio=probe,
        )
    except Exception:
        return True
    return bool(probe.read - _BOOK_PARTS)


def has_documents_for_year(portfolio: Portfolio) -> bool:
    """Whether the portfolio holds any application or report for its year."""
    year = portfolio.year_period
    return any(app.period.overlaps(year) for _, app in portfolio.applications) or any(
        rep.period.overlaps(year) for _, rep in portfolio.reports
    )


#: A goal's findings told in full on the first page; the rest are counted there and listed
#: under the goals of the plan (a rule comparing every pair of reports can find thousands).
MAX_DECISION_MESSAGES = 5


def _first(messages: list[Mapping[str, str]]) -> tuple[tuple[Mapping[str, str], ...], int]:
    """The messages a decision shows, and how many more it only counts."""
    return tuple(messages[:MAX_DECISION_MESSAGES]), max(0, len(messages) - MAX_DECISION_MESSAGES)


def _decisions(
    portfolio_findings: tuple[Finding, ...],
    goals: tuple[Goal, ...],
    applications: VerdictCounts,
    reports: tuple[DocumentRow, ...],
    totals: BudgetTotals,
    unreadable: tuple[UnreadableFile, ...],
    overdue: tuple[OverdueReport, ...] = (),
    as_of: dt.date | None = None,
) -> tuple[Decision, ...]:
    """What the board must decide or know, most pressing first, each with its figures: what
    kept rules from judging at all, goals not met, goals that cannot be judged, the proposals,
    deviations of the latest reports, forecasts over budget, unreadable files."""
    out: list[Decision] = []
    for goal in goals:
        if goal.status is GoalStatus.NOT_MET:
            shown, more = _first([messages_of(f) for f in goal.findings if f.counts_at(Severity.WARNING)])
            out.append(
                Decision(
                    DecisionKind.GOAL_NOT_MET,
                    subject=goal.code,
                    title=goal.title,
                    messages=shown,
                    codes=(goal.code,),
                    more=more,
                )
            )
    for goal in goals:
        if goal.status is GoalStatus.NOT_CHECKABLE:
            shown, more = _first(
                [messages_of(f) for f in goal.findings if f.status is FindingStatus.NOT_EVALUATED]
            )
            out.append(
                Decision(
                    DecisionKind.GOAL_NOT_CHECKABLE,
                    subject=goal.code,
                    title=goal.title,
                    messages=shown,
                    codes=(goal.code,),
                    files=goal.unreadable,
                    more=more,
                )
            )
    if applications.total:
        out.append(Decision(DecisionKind.APPLICATIONS, verdicts=applications))
    for row in reports:
        ev = row.evaluation
        doc = ev.document
        for f in ev.findings:
            if f.counts_at(Severity.WARNING):
                out.append(
                    Decision(
                        DecisionKind.REPORT_DEVIATION,
                        subject=getattr(doc, "project", ev.id),
                        title={"sv": row.title, "en": row.title},
                        messages=(messages_of(f),),
                        codes=(f.code,),
                        files=(row.path,),
                        document_kind=getattr(getattr(doc, "kind", None), "value", ""),
                        period=(doc.period.start, doc.period.end) if hasattr(doc, "period") else None,
                    )
                )
    if overdue:
        out.append(
            Decision(
                DecisionKind.OVERDUE_REPORTS,
                projects=tuple(dict.fromkeys(o.project for o in overdue)),
                overdue=overdue,
                as_of=as_of,
            )
        )
    if totals.over_budget:
        out.append(
            Decision(
                DecisionKind.OVER_BUDGET,
                projects=totals.over_budget,
                amount=totals.over_budget_sum,
            )
        )
    if unreadable:
        out.append(Decision(DecisionKind.UNREADABLE, files=tuple(u.path for u in unreadable)))
    goal_codes = {g.code for g in goals}
    notices = [
        Decision(DecisionKind.NOTICE, messages=(messages_of(f),), codes=(f.code,))
        for f in portfolio_findings
        if f.code not in goal_codes and f.blocks_approval
    ]
    return (*notices, *out)


# -- the model -------------------------------------------------------------------------------------


def build_board_report(
    portfolio: Portfolio,
    policy: Policy,
    engine: Engine,
    waivers: Waivers | None = None,
    *,
    langs: tuple[str, ...] = LANGS,
    keep_documents: bool = True,
) -> BoardReport:
    """Evaluate the whole portfolio for its year and gather the board's model.

    Each evaluation is folded into the model as it is made: its findings kept with their
    messages rendered in ``langs`` (every language unless told; a report made in one
    language needs only that one) and the values they were rendered from let go. With
    ``keep_documents=False`` the model keeps no parsed document once it is built: each
    row's evaluation holds the :class:`ApplicationFacts` or :class:`ReportFacts` the formats
    read, and :attr:`BoardReport.portfolio` is the portfolio without its applications and
    reports (its association, folder, year and unreadable files); every format writes the
    same bytes either way. ``finsam report`` builds it so unless it writes records, which
    need the documents.
    """
    year = portfolio.year
    root = portfolio.root

    shared = _Shared()

    def apply(make: Callable[[], Evaluation]) -> Evaluation:
        if waivers is None:
            return _folded(make, shared, langs)
        return _folded(lambda: waivers.apply_evaluation(make()), shared, langs)

    port_eval = apply(lambda: engine.evaluate_portfolio(portfolio, year))
    applications = tuple(
        DocumentRow(
            relative(root, path),
            apply(partial(engine.evaluate, app, portfolio.association, portfolio.application)),
            app.title,
        )
        for path, app in sorted(portfolio.applications, key=lambda item: item[1].id)
    )
    report_rows = []
    for path, rep in sorted(portfolio.reports, key=lambda item: (item[1].project, item[1].period.end)):
        app = portfolio.application(rep.project)
        report_rows.append(
            DocumentRow(
                relative(root, path),
                apply(partial(engine.evaluate, rep, portfolio.association, portfolio.application)),
                app.title if app else "",
            )
        )
    reports = tuple(report_rows)
    unreadable = tuple(
        UnreadableFile(relative(root, e.path), tuple(e.problems))
        for e in sorted(portfolio.errors, key=lambda e: str(e.path))
    )

    rules = policy.registry.rules
    goals = []
    for code in policy.enabled_codes():
        rule = rules[code]
        if rule.scope is not Scope.PORTFOLIO:
            continue
        found = [f for f in port_eval.findings if f.code == code]
        status = _goal_status(found)
        blocked: tuple[str, ...] = ()
        # A goal that reads the applications or reports cannot be judged when one of them
        # could not be read: the files left out might change it (never "met", nor "not met").
        if (
            status in (GoalStatus.MET, GoalStatus.NOT_MET)
            and unreadable
            and _reads_documents(engine, code, portfolio, port_eval.as_of)
        ):
            status, blocked = GoalStatus.NOT_CHECKABLE, tuple(u.path for u in unreadable)
        goals.append(Goal(code, dict(rule.title), status, tuple(found), rule.source.reference, blocked))
    goal_tuple = tuple(goals)
    tally = {s: sum(1 for g in goals if g.status is s) for s in GoalStatus}
    goal_counts = GoalCounts(
        met=tally[GoalStatus.MET],
        not_met=tally[GoalStatus.NOT_MET],
        not_checkable=tally[GoalStatus.NOT_CHECKABLE],
        information=tally[GoalStatus.INFORMATION],
    )

    evaluations = {id(r.evaluation.document): r.evaluation for r in reports}
    app_paths = {r.evaluation.id: r.path for r in applications}
    outcomes, gender, budget = [], [], []
    for app in portfolio.running():
        latest = portfolio.latest_report(app.id)
        rpath = relative(root, portfolio.path_of(latest)) if latest else ""
        if latest is not None and id(latest) in evaluations:
            row = _outcome_row(app, latest, rpath, evaluations[id(latest)])
            if row is not None:
                outcomes.append(row)
        if latest is not None and latest.participants is not None:
            p = latest.participants
            total = p.women + p.men + p.unknown
            gender.append(
                GenderRow(
                    app.id,
                    app.title,
                    p.women,
                    p.men,
                    p.unknown,
                    total,
                    ratio(p.women, total),
                    ratio(p.men, total),
                    ratio(p.unknown, total),
                    rpath,
                )
            )
        forecast = latest.forecast.cost if latest and latest.forecast else None
        forecast_budget = latest.forecast.budget if latest and latest.forecast else None
        deviation = None if forecast is None or forecast_budget is None else forecast - forecast_budget
        period_budget = latest.budget.total if latest and latest.budget else None
        cost = latest.costs.total if latest and latest.costs else None
        budget.append(
            BudgetRow(
                app.id,
                app.title,
                app_paths.get(app.id, ""),
                portfolio.granted_in_year(app),
                period_budget,
                cost,
                forecast,
                forecast_budget,
                deviation,
                deviation is not None and deviation > 0,
                rpath,
                cost is not None and period_budget is not None and cost > period_budget,
            )
        )
    latest_ids = {id(portfolio.latest_report(a.id)) for a in portfolio.running()}
    latest_rows = tuple(r for r in reports if id(r.evaluation.document) in latest_ids)
    over = [r for r in budget if r.over_budget]
    totals = BudgetTotals(
        column_sum(r.granted_in_year for r in budget),
        column_sum(r.report_budget for r in budget),
        column_sum(r.cost for r in budget),
        column_sum(r.forecast for r in budget),
        column_sum(r.forecast_budget for r in budget),
        tuple(r.project for r in over),
        sum(r.deviation or 0 for r in over),
    )

    association = portfolio.association
    coverage_map = portfolio.coverage()
    coverage = tuple(
        CoverageRow(m.id, m.name, tuple(coverage_map.get(m.id, []))) for m in association.municipalities
    )
    projects = tuple(
        ProjectRef(a.id, a.title, app_paths.get(a.id, ""), bool(a.county_wide)) for a in portfolio.running()
    )
    groups = tuple(
        GroupRow(g.group, g.amount, g.share, g.legal_share, round_half_up(g.expected))
        for g in finance.group_shares(association)
    )
    member_shares = finance.member_shares(association)
    municipal_total = sum(m.amount for m in member_shares if m.expected is not None)
    members = tuple(
        MemberRow(
            m.id,
            m.name,
            m.kind,
            m.amount,
            m.share,
            m.population,
            m.expected,
            None if m.expected is None else round_half_up(m.expected),
            ratio(m.amount, municipal_total) if m.expected is not None else None,
            m.expected / municipal_total if m.expected is not None and municipal_total else None,
        )
        for m in member_shares
    )
    policy_files = tuple(relative(root, layer.meta.origin) for layer in policy.layers[1:])
    verdicts = _verdicts(applications)
    overdue = overdue_reports(portfolio, policy, port_eval.as_of)
    rows = latest_rows
    # The prep group's open, answered and waived findings, when the portfolio has a state
    # file; one that cannot be read is listed with the unreadable files.
    prep: PrepCounts | None = None
    if root is not None and prep_file(root) is not None:
        try:
            prep = board_counts(root, [*(r.evaluation for r in (*applications, *reports)), port_eval]).total
        except InputError as error:
            unreadable = (*unreadable, UnreadableFile(relative(root, error.path), tuple(error.problems)))
    decisions = _decisions(
        port_eval.findings, goal_tuple, verdicts, rows, totals, unreadable, overdue, port_eval.as_of
    )
    balance = _balance(port_eval.findings, association)
    as_of = port_eval.as_of
    if not keep_documents:
        portfolio = attrs.evolve(portfolio, applications=(), reports=())
        port_eval = attrs.evolve(port_eval, document=portfolio)
        applications = tuple(_with_facts(r, ApplicationFacts.of) for r in applications)
        reports = tuple(_with_facts(r, ReportFacts.of) for r in reports)
    return BoardReport(
        portfolio=portfolio,
        policy=policy,
        year=year,
        as_of=as_of,
        policy_files=policy_files,
        portfolio_evaluation=port_eval,
        decisions=decisions,
        applications=applications,
        reports=reports,
        application_verdicts=verdicts,
        report_verdicts=_verdicts(reports),
        goals=goal_tuple,
        goal_counts=goal_counts,
        projects=projects,
        coverage=coverage,
        covered=sum(1 for c in coverage if c.projects),
        outcomes=tuple(outcomes),
        outcomes_met=sum(1 for r in outcomes if r.status is OutcomeStatus.MET),
        gender=tuple(gender),
        budget=tuple(budget),
        budget_totals=totals,
        groups=groups,
        members=members,
        total_contributions=association.total_contributions,
        balance=balance,
        unreadable=unreadable,
        overdue_reports=overdue,
        prep=prep,
    )


def _with_facts(row: DocumentRow, facts: Callable[[Any], object]) -> DocumentRow:
    """``row`` with its evaluation holding the facts of its document in its place."""
    evaluation = row.evaluation
    return attrs.evolve(row, evaluation=attrs.evolve(evaluation, document=facts(evaluation.document)))


def overdue_reports(portfolio: Portfolio, policy: Policy, as_of: dt.date) -> tuple[OverdueReport, ...]:
    """The reports of the year owed and not received by ``as_of``, by due date; none when no
    loaded pack declares the setting ``final_report_days``."""
    from finsam_rules.obligations import overdue, year_reports_owed

    days = policy.settings_for(as_of).get("final_report_days")
    if days is None:
        return ()
    return tuple(
        OverdueReport(o.project, o.title, o.kind.value, o.due, o.overdue_days(as_of), o.ended_without_report)
        for o in overdue(year_reports_owed(portfolio, int(days)), as_of)
    )


def verdict_counts(rows: tuple[DocumentRow, ...]) -> dict[Verdict, int]:
    """How many documents got each verdict."""
    counts = _verdicts(rows)
    return {v: counts.count(v) for v in Verdict}


# -- screen --portfolio ----------------------------------------------------------------------------


@attrs.frozen
class Impact:
    """What granting one application would change in the portfolio's year."""

    application: str
    requested_in_year: int
    newly_covered: tuple[str, ...]
    margin_before: int | None
    margin_after: int | None
    equity_end_before: int | None
    equity_end_after: int | None
    equity_share_after: Fraction | None

    def lines(self, lang: str) -> list[str]:
        """The impact in words, each figure checkable by hand (words from the board
        vocabulary)."""
        from finsam_rules.render.board_words import impact_lines

        return impact_lines(self, lang)

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


def _raised(finding: Finding) -> bool:
    return finding.status is FindingStatus.FINDING and finding.counts_at(Severity.WARNING)


@attrs.define
class ImpactAssessor:
    """Assesses applications against one portfolio by running its portfolio rules on the
    portfolio with the application added."""

    portfolio: Portfolio
    engine: Engine
    _state: tuple[set[str], int, Evaluation] | None = None

    @classmethod
    def load(cls, root: Path, registry: Registry, policy_path: Path | None) -> ImpactAssessor:
        """Load the portfolio and its policy."""
        portfolio, policy = open_portfolio(root, registry, policy_option=policy_path)
        return cls(portfolio, Engine(policy))

    def _before(self) -> tuple[set[str], int, Evaluation]:
        """Coverage, granted funding and portfolio evaluation as it is (computed once)."""
        if self._state is None:
            before = self.portfolio
            granted = sum(before.granted_in_year(a) for a in before.running())
            self._state = (
                {m for m, projects in before.coverage().items() if projects},
                granted,
                self.engine.evaluate_portfolio(before, before.year),
            )
        return self._state

    def attach(self, screened: Screened) -> Screened:
        """A screened application with its impact, and the portfolio rules' findings that
        granting it would newly raise (e.g. a budget out of balance)."""
        doc = screened.evaluation.document if screened.evaluation is not None else None
        if not isinstance(doc, Application):
            return screened
        impact, raised = self._assess(screened.path, doc)
        evaluation = screened.evaluation
        assert evaluation is not None
        if raised:
            evaluation = attrs.evolve(evaluation, findings=sort_findings((*evaluation.findings, *raised)))
        return attrs.evolve(screened, evaluation=evaluation, impact=impact)

    def assess(self, path: Path, app: Application) -> Impact:
        """Coverage and finances of the year before and after granting ``app``."""
        return self._assess(path, app)[0]

    def _assess(self, path: Path, app: Application) -> tuple[Impact, tuple[Finding, ...]]:
        before = self.portfolio
        covered_before, granted_before, eval_before = self._before()
        after = with_application(before, path, app)
        eval_after = self.engine.evaluate_portfolio(after, after.year)
        covered_after = {m for m, projects in after.coverage().items() if projects}
        granted_after = sum(after.granted_in_year(a) for a in after.running())
        b0 = _balance(eval_before.findings, before.association)
        b1 = _balance(eval_after.findings, after.association)
        already = {(f.code, f.key) for f in eval_before.findings if _raised(f)}
        # The rules' own findings (so ``finsam explain`` knows them), as warnings: granting is
        # the board's decision, and the application itself is not at fault.
        raised = tuple(
            attrs.evolve(f, severity=Severity.WARNING)
            for f in eval_after.findings
            if _raised(f) and (f.code, f.key) not in already
        )
        order = [m.id for m in before.association.municipalities]
        contributions = before.association.total_contributions
        impact = Impact(
            application=app.id,
            requested_in_year=granted_after - granted_before,
            newly_covered=tuple(m for m in order if m in covered_after - covered_before),
            margin_before=b0.margin if b0 else None,
            margin_after=b1.margin if b1 else None,
            equity_end_before=b0.equity_at_end if b0 else None,
            equity_end_after=b1.equity_at_end if b1 else None,
            equity_share_after=(
                Fraction(b1.equity_at_end, contributions) if b1 is not None and contributions else None
            ),
        )
        return impact, raised
