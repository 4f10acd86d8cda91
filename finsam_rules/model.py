"""The domain model: association, application and report, as frozen attrs classes.

The model describes; the rules judge. Structural checks (types, dates, ranges that make a
value meaningless, unknown keys) happen when a file is converted (see
:mod:`finsam_rules.converter`); whether an application follows the law or the plan is the
job of the rules. Content fields of an application are optional, because a missing gender
analysis is something the preparation group asks the applicant to complete, not a file that
cannot be read.

Keys in the TOML files are the attribute names below (see ``shared/domain/README.md``).
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any, NewType

import attrs

from finsam_rules.i18n import TEXTS, texts

#: Whole kronor, never negative.
Kronor = NewType("Kronor", int)
#: Whole kronor with a sign: a year's result, or a cost printed negative in the
#: association's own cost-centre table (the one place where costs carry a sign).
SignedKronor = NewType("SignedKronor", int)
#: A count of people, never negative.
Count = NewType("Count", int)
#: A share between 0 and 1 inclusive.
Share = NewType("Share", float)
#: An identifier (member id, diarienummer): non-empty text.
Ident = NewType("Ident", str)


class MemberKind(enum.StrEnum):
    """The four kinds of member an association can have (Lag (2003:1210) 1 §)."""

    SOCIAL_INSURANCE_AGENCY = "social_insurance_agency"
    EMPLOYMENT_SERVICE = "employment_service"
    REGION = "region"
    MUNICIPALITY = "municipality"


class MunicipalKey(enum.StrEnum):
    """How the municipalities split their quarter: by population, or by their own agreement
    (written in the förbundsordning)."""

    POPULATION = "population"
    AGREED = "agreed"


class ApplicationKind(enum.StrEnum):
    """What is applied for: a pre-study, a project with participants, or structural work."""

    PRE_STUDY = "pre_study"
    IMPLEMENTATION = "implementation"
    STRUCTURAL = "structural"


class ReportKind(enum.StrEnum):
    """A progress report (lägesrapport) or a final report (slutrapport)."""

    PROGRESS = "progress"
    FINAL = "final"


class DecisionStatus(enum.StrEnum):
    """The board's decision on an application."""

    GRANTED = "granted"
    REJECTED = "rejected"


class Gender(enum.StrEnum):
    """A one-gender focus of a target group."""

    WOMEN = "women"
    MEN = "men"


class Horizon(enum.StrEnum):
    """What a forecast covers."""

    YEAR = "year"
    PROJECT = "project"


class Outcome(enum.StrEnum):
    """Where a participant went at exit, as counted in SUS."""

    WORK = "work"
    STUDIES = "studies"
    INTERNSHIP = "internship"
    SELF_EMPLOYMENT = "self_employment"
    FURTHER_REHABILITATION = "further_rehabilitation"
    JOB_SEEKING = "job_seeking"
    ONGOING = "ongoing"
    DROPPED_OUT = "dropped_out"
    OTHER = "other"
    DECEASED = "deceased"


@attrs.frozen
class Period:
    """An inclusive date range; ``end`` is never before ``start``."""

    start: dt.date
    end: dt.date

    @property
    def days(self) -> int:
        """Number of calendar days covered, both ends included."""
        return (self.end - self.start).days + 1

    def overlaps(self, other: Period) -> bool:
        """Whether the two periods share at least one day."""
        return self.start <= other.end and other.start <= self.end

    def contains(self, other: Period) -> bool:
        """Whether ``other`` lies wholly inside this period."""
        return self.start <= other.start and other.end <= self.end


@attrs.frozen
class Member:
    """A member authority of the association."""

    id: Ident
    name: str
    kind: MemberKind
    contribution: Kronor = Kronor(0)
    population: Count | None = None
    #: With ``municipal_key = "agreed"``: the municipality's fraction of the municipal quarter.
    agreed_share: Share | None = None


@attrs.frozen
class Actuals:
    """The closed year's actual figures, in kronor, as the annual report gives them.

    ``other_income`` holds ESF money, refunds and money projects returned; ``result`` is
    signed (a deficit is negative)."""

    contributions: Kronor
    project_costs: Kronor
    own_costs: Kronor
    other_income: Kronor = Kronor(0)
    result: SignedKronor | None = None
    equity_at_end: Kronor | None = None

    @property
    def income(self) -> int:
        """Contributions received plus other income."""
        return self.contributions + self.other_income

    @property
    def costs(self) -> int:
        """Project costs plus the association's own costs."""
        return self.project_costs + self.own_costs


@attrs.frozen
class CostCentreFigures:
    """One row of the association's net-cost table, entered exactly as printed (costs are
    printed negative); a column the table does not print is left out."""

    actual: SignedKronor | None = None
    budget: SignedKronor | None = None
    forecast: SignedKronor | None = None
    budget_year: SignedKronor | None = None


#: The columns of a cost-centre table, in the order they are printed.
COST_CENTRE_COLUMNS = ("actual", "budget", "forecast", "budget_year")


@attrs.frozen
class CostCentre(CostCentreFigures):
    """A cost centre (kostnadsställe) of the association's own table."""

    name: str = attrs.field(kw_only=True)


def _letterhead_line(instance: object, attribute: attrs.Attribute[Any], value: str) -> None:
    """A letterhead field is one line of text: no line breaks or control characters."""
    from finsam_rules.errors import FieldError

    if any(ord(ch) < 32 or 127 <= ord(ch) < 160 for ch in value):
        raise FieldError(
            "invalid",
            subpath=f".{attribute.name}",
            detail=TEXTS["problem.detail_one_line"],
        )


def _email(instance: object, attribute: attrs.Attribute[Any], value: str) -> None:
    from finsam_rules.errors import FieldError

    _letterhead_line(instance, attribute, value)
    local, at, domain = value.partition("@")
    if value and (not at or not local or "." not in domain or "@" in domain or " " in value):
        raise FieldError(
            "invalid",
            subpath=f".{attribute.name}",
            detail=texts("problem.detail_email", value=value),
        )


def _phone(instance: object, attribute: attrs.Attribute[Any], value: str) -> None:
    from finsam_rules.errors import FieldError

    if value and not (
        all(ch.isdigit() or ch in " +-()" for ch in value) and sum(ch.isdigit() for ch in value) >= 5
    ):
        raise FieldError(
            "invalid",
            subpath=f".{attribute.name}",
            detail=texts("problem.detail_phone", value=value),
        )


def _postal_code(instance: object, attribute: attrs.Attribute[Any], value: str) -> None:
    from finsam_rules.errors import FieldError

    digits = value.replace(" ", "")
    if value and not (len(digits) == 5 and digits.isdigit() and value.count(" ") <= 1):
        raise FieldError(
            "invalid",
            subpath=f".{attribute.name}",
            detail=texts("problem.detail_postal_code", value=value),
        )


@attrs.frozen
class Contact:
    """The association's contact person, printed on its letters (optional in association.toml)."""

    name: Ident = attrs.field(validator=_letterhead_line)
    email: str = attrs.field(default="", validator=_email)
    phone: str = attrs.field(default="", validator=_phone)


@attrs.frozen
class Association:
    """A samordningsförbund and its year: members, contributions, equity and priorities."""

    name: str
    org_number: str
    year: int
    members: tuple[Member, ...]
    equity_at_start: Kronor = Kronor(0)
    priority_groups: tuple[str, ...] = ()
    administration_budget: Kronor = Kronor(0)
    municipal_key: MunicipalKey = MunicipalKey.POPULATION
    municipal_key_source: str = ""
    actuals: Actuals | None = None
    cost_centres: tuple[CostCentre, ...] = ()
    cost_centre_totals: CostCentreFigures | None = None
    extra: dict[str, Any] = attrs.field(factory=dict)
    # -- letterhead (optional): the sender of the letters to applicants --
    address: str = attrs.field(default="", validator=_letterhead_line)
    postal_code: str = attrs.field(default="", validator=_postal_code)
    city: str = attrs.field(default="", validator=_letterhead_line)
    contact: Contact | None = None

    def member(self, member_id: str) -> Member | None:
        """The member with this id, or ``None``."""
        for member in self.members:
            if member.id == member_id:
                return member
        return None

    @property
    def municipalities(self) -> tuple[Member, ...]:
        """The member municipalities, in file order."""
        return tuple(m for m in self.members if m.kind is MemberKind.MUNICIPALITY)

    @property
    def total_contributions(self) -> int:
        """The year's contributions of all members, in kronor."""
        return sum(m.contribution for m in self.members)


@attrs.frozen
class CostLines:
    """Costs or a budget per line for a period; ``total`` is the stated total."""

    total: Kronor
    personnel: Kronor = Kronor(0)
    premises: Kronor = Kronor(0)
    other: Kronor = Kronor(0)

    @property
    def lines_sum(self) -> int:
        """The sum of the lines (to compare with the stated total)."""
        return self.personnel + self.premises + self.other


@attrs.frozen
class BudgetYear(CostLines):
    """One year of an application's budget; ``total`` is the total the applicant states."""

    year: int = attrs.field(kw_only=True)


@attrs.frozen
class CoFinancing:
    """Money from outside the association, for example ESF."""

    source: str
    amount: Kronor


@attrs.frozen
class TargetGroup:
    """Who the project is for."""

    description: str = ""
    age_min: Count | None = None
    age_max: Count | None = None
    priority_groups: tuple[str, ...] = ()
    gender_focus: Gender | None = None
    gender_focus_reason: str = ""


@attrs.frozen
class PlannedParticipants:
    """How many participants the project plans, by gender."""

    total: Count
    women: Count | None = None
    men: Count | None = None


class Denominator(enum.StrEnum):
    """Whom a share is counted against: participants who finished, or all enrolled."""

    FINISHED = "finished"
    ENROLLED = "enrolled"


#: One outcome or several counted together ("arbete, praktik eller studier"); in a file a
#: single text or a list of texts, always a non-empty tuple without repeats in the model.
Measure = NewType("Measure", tuple[Outcome, ...])


def as_measure(value: Outcome | str | tuple[Outcome | str, ...] | list[Outcome | str]) -> Measure:
    """A measure from one outcome or several (so ``measure=Outcome.WORK`` stays valid)."""
    items = (value,) if isinstance(value, str) else tuple(value)
    return Measure(tuple(dict.fromkeys(Outcome(o) for o in items)))


@attrs.frozen
class OutcomeTarget:
    """A measurable target: a share or a count of participants reaching one or more outcomes.

    ``denominator`` says how the project itself counts a share; ``None`` leaves it to the
    association's counting method."""

    measure: Measure = attrs.field(converter=as_measure)
    share: Share | None = None
    count: Count | None = None
    description: str = ""
    denominator: Denominator | None = None

    @property
    def outcomes(self) -> tuple[str, ...]:
        """The names of the outcomes counted together, in the order given."""
        return tuple(o.value for o in self.measure)


@attrs.frozen
class Decision:
    """The board's decision, once taken."""

    status: DecisionStatus
    date: dt.date | None = None
    amount: Kronor | None = None
    reports_required: tuple[dt.date, ...] = ()
    ended: dt.date | None = None
    ended_reason: str = ""
    returned: Kronor | None = None


@attrs.frozen
class Application:
    """An application (ansökan) for funding of a project."""

    id: Ident
    title: str
    kind: ApplicationKind
    owner: Ident
    period: Period
    submitted: dt.date | None = None
    continues: Ident | None = None
    parties: tuple[Ident, ...] = ()
    municipalities: tuple[Ident, ...] = ()
    county_wide: bool = False
    previous_periods: tuple[Period, ...] = ()
    budget: tuple[BudgetYear, ...] = ()
    co_financing: tuple[CoFinancing, ...] = ()
    requested: Kronor | None = None
    target_group: TargetGroup | None = None
    planned_participants: PlannedParticipants | None = None
    outcome_targets: tuple[OutcomeTarget, ...] = ()
    gender_analysis: str = ""
    implementation_plan: str = ""
    steering_group: tuple[Ident, ...] = ()
    attachments: tuple[str, ...] = ()
    decision: Decision | None = None
    extra: dict[str, Any] = attrs.field(factory=dict)

    document_kind = "application"

    @property
    def as_of(self) -> dt.date:
        """The date the application is judged as of: its submission, else its start."""
        return self.submitted or self.period.start

    @property
    def all_parties(self) -> tuple[str, ...]:
        """The owner and the parties, each once, owner first."""
        return tuple(dict.fromkeys((self.owner, *self.parties)))

    @property
    def is_granted(self) -> bool:
        """Whether the board has granted funding."""
        return self.decision is not None and self.decision.status is DecisionStatus.GRANTED

    @property
    def ended_early(self) -> dt.date | None:
        """The date the project stopped before its period ended, if it did."""
        return self.decision.ended if self.decision is not None else None

    @property
    def actual_end(self) -> dt.date:
        """The day the project's work ended: its early end, else its period's end."""
        return self.ended_early or self.period.end

    @property
    def actual_period(self) -> Period:
        """The period the project actually ran: cut at an early end."""
        return Period(self.period.start, self.actual_end)


@attrs.frozen
class Participants:
    """Participants in the period, by gender; ``unknown`` where gender was not reported."""

    women: Count = Count(0)
    men: Count = Count(0)
    unknown: Count = Count(0)

    @property
    def total(self) -> int:
        """All participants, whatever their reported gender."""
        return self.women + self.men + self.unknown


@attrs.frozen
class OutcomeCounts:
    """How many participants ended up in each outcome."""

    work: Count = Count(0)
    studies: Count = Count(0)
    internship: Count = Count(0)
    self_employment: Count = Count(0)
    further_rehabilitation: Count = Count(0)
    job_seeking: Count = Count(0)
    ongoing: Count = Count(0)
    dropped_out: Count = Count(0)
    other: Count = Count(0)
    deceased: Count = Count(0)

    def count(self, outcome: str) -> int:
        """The count for one outcome by its name."""
        return int(getattr(self, outcome))

    @property
    def total(self) -> int:
        """All participants counted, ongoing ones included."""
        return (
            self.work
            + self.studies
            + self.internship
            + self.self_employment
            + self.further_rehabilitation
            + self.job_seeking
            + self.ongoing
            + self.dropped_out
            + self.other
            + self.deceased
        )


@attrs.frozen
class Outcomes(OutcomeCounts):
    """Outcome counts for all participants, optionally split by gender."""

    women: OutcomeCounts | None = None
    men: OutcomeCounts | None = None


@attrs.frozen
class Forecast:
    """A forecast of the cost for the whole year or project, against its granted budget."""

    cost: Kronor
    budget: Kronor
    horizon: Horizon = Horizon.YEAR


@attrs.frozen
class Report:
    """A progress or final report (lägesrapport / slutrapport) on a funded project."""

    project: Ident
    kind: ReportKind
    period: Period
    id: str = ""
    participants: Participants | None = None
    outcomes: Outcomes | None = None
    costs: CostLines | None = None
    budget: CostLines | None = None
    forecast: Forecast | None = None
    comment: str = ""
    extra: dict[str, Any] = attrs.field(factory=dict)

    document_kind = "report"

    @property
    def document_id(self) -> str:
        """The report's own id, or one made from its project, kind and period end."""
        return self.id or f"{self.project}/{self.kind.value}/{self.period.end.isoformat()}"

    @property
    def as_of(self) -> dt.date:
        """The date a report is judged as of: the end of its period."""
        return self.period.end


Document = Application | Report


def document_id(doc: Document) -> str:
    """The id a document is known by in outputs, waivers and records."""
    return doc.document_id if isinstance(doc, Report) else doc.id
