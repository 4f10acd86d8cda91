"""The standard pack's rules for applications, one class per rule.

Each class shows the rule firing where it should, with the figures a board member needs to
check it by hand, and staying silent on a compliant application. The compliant base
application (the individual cooperation team of 2016, see ``conftest.py``) is changed one
field at a time with ``attrs.evolve``.
"""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

from finsam_rules.engine import Verdict
from finsam_rules.model import (
    ApplicationKind,
    BudgetYear,
    CoFinancing,
    Gender,
    Outcome,
    OutcomeTarget,
    Period,
    PlannedParticipants,
    TargetGroup,
)
from finsam_rules.rules import FindingStatus, Severity

D = dt.date


def only(evaluation, code):
    """The findings of one rule."""
    return [f for f in evaluation.findings if f.code == code]


def one(evaluation, code):
    """The single finding of one rule."""
    found = only(evaluation, code)
    assert len(found) == 1, [(f.code, f.key) for f in evaluation.findings]
    return found[0]


def words(count: int) -> str:
    """A text of ``count`` words."""
    return " ".join(["ord"] * count)


def test_the_base_application_is_compliant(base_application, evaluate):
    """Every application rule is silent on the base application, which is approved."""
    evaluation = evaluate(base_application)
    assert evaluation.findings == ()
    assert evaluation.verdict is Verdict.APPROVE


class TestFP001FundingPeriod:
    """A project is funded for at most 36 months in total, earlier periods included."""

    def app(self, base, start, end, previous=()):
        return attrs.evolve(base, period=Period(start, end), previous_periods=tuple(previous))

    def test_exactly_three_years_passes(self, base_application, evaluate):
        """2017-09-01..2020-08-31 is exactly 36 months (1 096 days, with 29 February 2020)."""
        app = self.app(base_application, D(2017, 9, 1), D(2020, 8, 31))
        assert only(evaluate(app), "FP001") == []

    def test_one_day_more_fails(self, base_application, evaluate):
        """2017-09-01..2020-09-01 is one day over: 36 months and 1 day."""
        app = self.app(base_application, D(2017, 9, 1), D(2020, 9, 1))
        finding = one(evaluate(app), "FP001")
        assert finding.severity is Severity.ERROR
        assert finding.status is FindingStatus.FINDING
        assert finding.figures["funded_days"] == 1097
        assert (finding.figures["months"], finding.figures["days"]) == (36, 1)
        assert finding.figures["first_start"] == D(2017, 9, 1)
        assert finding.params == {"max_months": 36}
        sv = finding.message("sv")
        assert "36 månader och 1 dag (1 097 dagar" in sv
        assert "högst 36 månader tillåts." in sv
        assert "36 months and 1 day in total (1,097 days" in finding.message("en")

    def test_earlier_periods_of_the_same_project_count(self, base_application, evaluate):
        """A continuation 2019-2020 after 2017-09-01..2018-12-31 is exactly three years."""
        app = self.app(
            base_application, D(2019, 1, 1), D(2020, 8, 31), [Period(D(2017, 9, 1), D(2018, 12, 31))]
        )
        assert only(evaluate(app), "FP001") == []

    def test_an_earlier_period_can_push_the_project_over(self, base_application, evaluate):
        """The same continuation after a period starting a day earlier is one day over."""
        app = self.app(
            base_application, D(2019, 1, 1), D(2020, 8, 31), [Period(D(2017, 8, 31), D(2018, 12, 31))]
        )
        finding = one(evaluate(app), "FP001")
        assert finding.figures["funded_days"] == 1097
        assert finding.figures["periods"] == ["2017-08-31–2020-08-31"]

    def test_overlapping_days_count_once(self, base_application, evaluate):
        """An earlier period overlapping the new one by six months is not counted twice."""
        app = self.app(
            base_application, D(2018, 1, 1), D(2020, 8, 31), [Period(D(2017, 9, 1), D(2018, 6, 30))]
        )
        assert only(evaluate(app), "FP001") == []

    def test_overlap_is_merged_in_the_figures(self, base_application, evaluate):
        """When over the limit, the figures show the merged period and days counted once."""
        app = self.app(
            base_application, D(2018, 1, 1), D(2020, 9, 1), [Period(D(2017, 9, 1), D(2018, 6, 30))]
        )
        finding = one(evaluate(app), "FP001")
        assert finding.figures["funded_days"] == 1097
        assert finding.figures["periods"] == ["2017-09-01–2020-09-01"]

    def test_the_association_sets_the_limit(self, base_application, policy_engine, evaluate):
        """With a two-year limit in the association's policy, three years are too long."""
        engine = policy_engine("[rules.FP001.params]\nmax_months = 24\n")
        app = self.app(base_application, D(2017, 9, 1), D(2020, 8, 31))
        finding = one(evaluate(app, engine=engine), "FP001")
        assert finding.params == {"max_months": 24}
        assert (finding.figures["months"], finding.figures["days"]) == (36, 0)

    def test_periods_with_a_gap_count_whole_months_each(self, base_application, evaluate):
        """12 months in 2016-2017 and 24 months in 2019-2021 are 36 months, even though the
        later period holds a 29 February the first 36 months from 2016-03-01 do not."""
        app = self.app(
            base_application, D(2019, 7, 1), D(2021, 6, 30), [Period(D(2016, 3, 1), D(2017, 2, 28))]
        )
        assert only(evaluate(app), "FP001") == []

    def test_left_over_days_of_separate_periods_add_up(self, base_application, evaluate):
        """35 months and 20 days plus a separate 15 days: 36 months and 5 days, over."""
        app = self.app(
            base_application, D(2020, 1, 1), D(2020, 1, 15), [Period(D(2016, 1, 1), D(2018, 12, 20))]
        )
        finding = one(evaluate(app), "FP001")
        assert (finding.figures["months"], finding.figures["days"]) == (36, 5)


class TestPA001OwnerIsMember:
    """Only a member of the association may own a project (Lag (2003:1210) 1-4 §§)."""

    def test_an_owner_outside_the_association_is_a_blocker(self, base_application, evaluate):
        """A private company as owner: the application is rejected."""
        app = attrs.evolve(base_application, owner="coompany")
        evaluation = evaluate(app)
        finding = one(evaluation, "PA001")
        assert finding.severity is Severity.BLOCKER
        assert finding.figures["owner"] == "coompany"
        assert finding.figures["members"] == [
            "fk",
            "af",
            "vgr",
            "molndal",
            "partille",
            "harryda",
            "lerum",
            "alingsas",
        ]
        assert "Projektägaren 'coompany' är inte medlem i Samordningsförbundet Mölndal" in (
            finding.message("sv")
        )
        assert evaluation.verdict is Verdict.REJECT

    def test_a_member_owner_passes(self, base_application, evaluate):
        """Mölndals stad owns the individual cooperation team."""
        assert only(evaluate(base_application), "PA001") == []

    def test_without_the_association_it_is_not_evaluated(self, base_application, evaluate):
        """Membership cannot be judged without association.toml: never silently a pass."""
        evaluation = evaluate(base_application, association=None)
        finding = one(evaluation, "PA001")
        assert finding.status is FindingStatus.NOT_EVALUATED
        assert finding.key == "no_association"
        assert "association.toml" in finding.message("sv")
        assert evaluation.verdict is Verdict.REVISE


class TestPA002AtLeastTwoParties:
    """At least two parties cooperate; all the municipalities together count as one."""

    def app(self, base, owner, parties):
        return attrs.evolve(base, owner=owner, parties=tuple(parties), steering_group=(owner, *parties))

    def test_municipalities_alone_are_one_party(self, base_application, evaluate):
        """Mölndal, Lerum and Alingsås without the agencies or the region: one party."""
        app = self.app(base_application, "molndal", ["lerum", "alingsas"])
        evaluation = evaluate(app)
        finding = one(evaluation, "PA002")
        assert finding.key == "too_few"
        assert finding.severity is Severity.BLOCKER
        assert finding.figures["count"] == 1
        assert finding.figures["groups"] == ["municipality"]
        assert "1 samverkande part (kommunerna)" in finding.message("sv")
        assert finding.params == {"min_parties": 2}
        assert "minst 2 krävs" in finding.message("sv")
        assert evaluation.verdict is Verdict.REJECT

    def test_one_authority_alone_is_one_party(self, base_application, evaluate):
        """Försäkringskassan on its own is ordinary work, not coordination."""
        finding = one(evaluate(self.app(base_application, "fk", [])), "PA002")
        assert finding.figures["count"] == 1
        assert finding.figures["groups"] == ["social_insurance_agency"]
        assert "1 cooperating party (Social Insurance Agency)" in finding.message("en")

    def test_a_municipality_and_the_agency_are_two(self, base_application, evaluate):
        """Mölndal with Försäkringskassan: two parties."""
        assert only(evaluate(self.app(base_application, "molndal", ["fk"])), "PA002") == []

    def test_a_party_that_is_not_a_member_is_named_and_not_counted(self, base_application, evaluate):
        """A company listed as a party is flagged (by PA003, the one place references are
        checked); it does not make up the second party."""
        app = self.app(base_application, "molndal", ["lerum", "coompany"])
        evaluation = evaluate(app)
        [too_few] = only(evaluation, "PA002")
        assert (too_few.key, too_few.figures["count"]) == ("too_few", 1)
        references = [(f.figures["where"], f.figures["ref"]) for f in only(evaluation, "PA003")]
        assert references == [("parties[1]", "coompany"), ("steering_group[2]", "coompany")]

    def test_the_association_sets_the_minimum(self, base_application, policy_engine, evaluate):
        """With three parties required, a municipality and Försäkringskassan are too few."""
        engine = policy_engine("[rules.PA002.params]\nmin_parties = 3\n")
        app = self.app(base_application, "molndal", ["fk"])
        finding = one(evaluate(app, engine=engine), "PA002")
        assert finding.figures["count"] == 2
        assert finding.params == {"min_parties": 3}

    def test_without_the_association_it_is_not_evaluated(self, base_application, evaluate):
        """Kinds of member are in association.toml: without it, not evaluated."""
        evaluation = evaluate(base_application, association=None)
        finding = one(evaluation, "PA002")
        assert finding.status is FindingStatus.NOT_EVALUATED
        assert evaluation.verdict is Verdict.REVISE


class TestTG001WorkingAge:
    """The target group is of working age (default 16-64)."""

    def app(self, base, age_min, age_max):
        return attrs.evolve(base, target_group=TargetGroup(age_min=age_min, age_max=age_max))

    def test_teenagers_are_outside_working_age(self, base_application, evaluate):
        """13-19 year-olds: rejected with the default 16-64."""
        evaluation = evaluate(self.app(base_application, 13, 19))
        finding = one(evaluation, "TG001")
        assert finding.severity is Severity.BLOCKER
        assert (finding.figures["age_min"], finding.figures["age_max"]) == (13, 19)
        assert finding.message("sv") == ("Målgruppen är 13-19 år, utanför arbetsför ålder 16-64 år.")
        assert evaluation.verdict is Verdict.REJECT

    def test_balders_young_adults_pass(self, base_application, evaluate):
        """Balder: young adults aged 18-29."""
        assert only(evaluate(self.app(base_application, 18, 29)), "TG001") == []

    @pytest.mark.parametrize(
        ("age_min", "age_max", "fires"),
        [
            (16, 64, False),
            (15, 64, True),
            (16, 65, True),
            (20, 64, False),
        ],
    )
    def test_the_bounds_are_inclusive(self, base_application, evaluate, age_min, age_max, fires):
        """16 and 64 are of working age; 15 and 65 are not."""
        assert bool(only(evaluate(self.app(base_application, age_min, age_max)), "TG001")) is fires

    def test_the_preparatory_works_ages(self, base_application, policy_engine, evaluate):
        """An association choosing 20-64 (prop. 2002/03:132) rejects 18-29."""
        engine = policy_engine("[rules.TG001.params]\nmin_age = 20\n")
        finding = one(evaluate(self.app(base_application, 18, 29), engine=engine), "TG001")
        assert "utanför arbetsför ålder 20-64 år" in finding.message("sv")

    @pytest.mark.parametrize("group", [None, TargetGroup(description="Unga vuxna")])
    def test_missing_ages_are_not_evaluated(self, base_application, evaluate, group):
        """Without ages the rule cannot judge; the applicant must complete them."""
        evaluation = evaluate(attrs.evolve(base_application, target_group=group))
        finding = one(evaluation, "TG001")
        assert finding.status is FindingStatus.NOT_EVALUATED
        assert finding.key == "no_ages"
        assert evaluation.verdict is Verdict.REVISE


class TestTG002PriorityGroup:
    """A target group matching the association's priority groups is noted in favour."""

    def app(self, base, tags):
        group = attrs.evolve(base.target_group, priority_groups=tuple(tags))
        return attrs.evolve(base, target_group=group)

    def test_a_priority_group_is_noted_in_favour(self, base_application, evaluate):
        """The association prioritises mental health: an info note, still approved."""
        evaluation = evaluate(self.app(base_application, ["mental_health", "young_adults"]))
        finding = one(evaluation, "TG002")
        assert finding.severity is Severity.INFO
        assert finding.status is FindingStatus.FINDING
        assert finding.figures["matched"] == ["young_adults", "mental_health"]
        assert finding.message("sv").startswith("Till fördel:")
        assert evaluation.verdict is Verdict.APPROVE

    def test_no_match_says_nothing(self, base_application, evaluate):
        """Long-term support is not one of this association's priorities."""
        assert only(evaluate(base_application), "TG002") == []

    def test_without_the_association_it_is_not_evaluated(self, base_application, evaluate):
        """Even an info rule that cannot judge keeps the verdict from tillstyrks."""
        app = self.app(base_application, ["mental_health"])
        evaluation = evaluate(app, association=None)
        finding = one(evaluation, "TG002")
        assert finding.status is FindingStatus.NOT_EVALUATED
        assert evaluation.verdict is Verdict.REVISE


class TestOT001MeasurableOutcomeTarget:
    """An implementation project states a share or a count of one or more outcomes."""

    def app(self, base, targets, kind=ApplicationKind.IMPLEMENTATION):
        return attrs.evolve(base, outcome_targets=tuple(targets), kind=kind)

    def test_no_target_at_all(self, base_application, evaluate):
        """No outcome_targets: an error."""
        finding = one(evaluate(self.app(base_application, [])), "OT001")
        assert finding.severity is Severity.ERROR
        assert finding.figures["given"] == []
        assert finding.params == {"kinds": ["implementation"]}

    def test_a_target_in_words_only_is_not_measurable(self, base_application, evaluate):
        """ "Many will find work" without a share or a count."""
        target = OutcomeTarget(measure=Outcome.WORK, description="Många ska få arbete")
        finding = one(evaluate(self.app(base_application, [target])), "OT001")
        assert finding.figures["given"] == [["work"]]

    def test_which_outcomes_count_is_not_ot001s_business(self, base_application, evaluate):
        """30 % job seeking is a measurable target; whether the association counts job
        seeking as success is for OT002 and OT003 to say."""
        target = OutcomeTarget(measure=Outcome.JOB_SEEKING, share=0.3)
        assert only(evaluate(self.app(base_application, [target])), "OT001") == []

    def test_a_count_target_is_measurable(self, base_application, evaluate):
        """Utökat AKTIV: 5 people to work or studies."""
        target = OutcomeTarget(measure=Outcome.STUDIES, count=5)
        assert only(evaluate(self.app(base_application, [target])), "OT001") == []

    def test_a_pre_study_needs_no_target(self, base_application, evaluate):
        """A förstudie has no participants to count."""
        app = self.app(base_application, [], kind=ApplicationKind.PRE_STUDY)
        assert only(evaluate(app), "OT001") == []


# GA001 (gender analysis) judges content, not length: see tests/test_content_rules.py.


class TestGA002PlannedParticipantsByGender:
    """Participants are planned by gender; a one-gender focus needs a reason."""

    def app(self, base, planned, group=None):
        return attrs.evolve(base, planned_participants=planned, target_group=group or base.target_group)

    @pytest.mark.parametrize("planned", [None, PlannedParticipants(total=60)])
    def test_planned_participants_without_gender(self, base_application, evaluate, planned):
        """Only a total, or nothing: an error."""
        finding = one(evaluate(self.app(base_application, planned)), "GA002")
        assert finding.key == "missing"
        assert finding.severity is Severity.ERROR

    def test_women_and_men_must_add_up_to_the_total(self, base_application, evaluate):
        """35 women + 30 men = 65, not 60."""
        planned = PlannedParticipants(total=60, women=35, men=30)
        finding = one(evaluate(self.app(base_application, planned)), "GA002")
        assert finding.key == "sum"
        assert finding.figures == {"women": 35, "men": 30, "sum": 65, "total": 60}
        assert finding.message("sv") == (
            "Planerade deltagare: 35 kvinnor + 30 män = 65, men totalt anges 60."
        )

    def test_one_gender_without_a_stated_focus(self, base_application, evaluate):
        """60 women and no men, without gender_focus: flagged."""
        planned = PlannedParticipants(total=60, women=60, men=0)
        finding = one(evaluate(self.app(base_application, planned)), "GA002")
        assert finding.key == "focus_without_reason"
        assert finding.figures["focus"] == "women"
        assert "is for women only" in finding.message("en")

    def test_a_focus_without_a_reason(self, base_application, evaluate):
        """gender_focus = "women" with no gender_focus_reason: flagged."""
        group = attrs.evolve(base_application.target_group, gender_focus=Gender.WOMEN)
        planned = PlannedParticipants(total=60, women=60, men=0)
        finding = one(evaluate(self.app(base_application, planned, group)), "GA002")
        assert finding.key == "focus_without_reason"
        assert "kvinnor" in finding.message("sv")

    def test_a_reasoned_focus_passes(self, base_application, evaluate):
        """A women-only project with its reason stated is fine."""
        group = attrs.evolve(
            base_application.target_group,
            gender_focus=Gender.WOMEN,
            gender_focus_reason="Stressrelaterad ohälsa drabbar främst kvinnor i målgruppen.",
        )
        planned = PlannedParticipants(total=60, women=60, men=0)
        assert only(evaluate(self.app(base_application, planned, group)), "GA002") == []

    def test_structural_work_plans_no_participants(self, base_application, evaluate):
        """A strukturinsats has no enrolled participants to plan by gender."""
        app = attrs.evolve(self.app(base_application, None), kind=ApplicationKind.STRUCTURAL)
        assert only(evaluate(app), "GA002") == []


class TestBU001BudgetConsistency:
    """Budget lines add up, the request is budget less co-financing, the years match."""

    def test_lines_that_do_not_add_up_to_the_total(self, base_application, evaluate):
        """3 124 000 + 135 000 + 40 000 = 3 299 000, stated as 3 300 000."""
        year = BudgetYear(year=2016, personnel=3_124_000, premises=135_000, other=40_000, total=3_300_000)
        finding = one(evaluate(attrs.evolve(base_application, budget=(year,))), "BU001")
        assert finding.key == "lines"
        assert finding.severity is Severity.ERROR
        assert (finding.figures["sum"], finding.figures["total"]) == (3_299_000, 3_300_000)
        assert finding.message("sv") == (
            "Budget 2016: personal 3 124 000 kr + lokaler 135 000 kr + övrigt 40 000 kr = "
            "3 299 000 kr, men totalen anges till 3 300 000 kr."
        )

    def test_the_request_is_the_budget_less_co_financing(self, base_application, evaluate):
        """With 400 000 kr from ESF, 2 900 000 kr is requested, not 3 300 000."""
        esf = (CoFinancing(source="ESF", amount=400_000),)
        wrong = attrs.evolve(base_application, co_financing=esf)
        finding = one(evaluate(wrong), "BU001")
        assert finding.key == "request"
        assert finding.figures == {
            "requested": 3_300_000,
            "budget_total": 3_300_000,
            "co_financing": 400_000,
            "expected": 2_900_000,
        }
        right = attrs.evolve(wrong, requested=2_900_000)
        assert only(evaluate(right), "BU001") == []

    def test_a_missing_request(self, base_application, evaluate):
        """requested is needed to decide."""
        finding = one(evaluate(attrs.evolve(base_application, requested=None)), "BU001")
        assert finding.key == "no_request"

    def test_the_budget_covers_the_years_of_the_period(self, base_application, evaluate):
        """A project running into 2017 with a 2016 budget only, and a stray 2015 year."""
        years = (BudgetYear(year=2015, total=100_000, other=100_000), *base_application.budget)
        app = attrs.evolve(
            base_application, budget=years, requested=3_400_000, period=Period(D(2016, 1, 1), D(2017, 6, 30))
        )
        finding = one(evaluate(app), "BU001")
        assert finding.key == "years"
        assert finding.figures["missing"] == [2017]
        assert finding.figures["outside"] == [2015]

    def test_no_budget(self, base_application, evaluate):
        """An application without a budget cannot be decided."""
        assert one(evaluate(attrs.evolve(base_application, budget=())), "BU001").key == "no_budget"

    def test_the_association_may_tolerate_rounding(self, base_application, policy_engine, evaluate):
        """With a tolerance of 1 000 kr, a difference of 500 kr passes."""
        year = BudgetYear(year=2016, personnel=3_123_500, premises=135_000, other=41_000, total=3_300_000)
        app = attrs.evolve(base_application, budget=(year,))
        assert only(evaluate(app), "BU001")
        engine = policy_engine("[rules.BU001.params]\ntolerance = 1000\n")
        assert only(evaluate(app, engine=engine), "BU001") == []


# IM001 (implementation plan) judges content, not length: see tests/test_content_rules.py.


class TestSG001SteeringGroup:
    """A steering group of the parties' managers, every party included."""

    def test_no_steering_group(self, base_application, evaluate):
        """An empty steering group is too small."""
        finding = one(evaluate(attrs.evolve(base_application, steering_group=())), "SG001")
        assert finding.key == "too_small"
        assert finding.figures == {"count": 0, "members": []}

    def test_a_party_missing_from_the_steering_group(self, base_application, evaluate):
        """Lerum takes part but does not sit in the steering group."""
        app = attrs.evolve(base_application, steering_group=("molndal", "fk", "af", "vgr"))
        finding = one(evaluate(app), "SG001")
        assert finding.key == "missing_parties"
        assert finding.figures == {"absent": ["lerum"]}
        assert finding.message("sv") == "Parterna lerum saknas i styrgruppen."

    def test_an_outsider_in_the_steering_group(self, base_application, evaluate):
        """Partille sits in the steering group of a project it is not party to."""
        app = attrs.evolve(base_application, steering_group=(*base_application.steering_group, "partille"))
        finding = one(evaluate(app), "SG001")
        assert finding.key == "not_parties"
        assert finding.figures == {"outsiders": ["partille"]}

    def test_the_association_may_not_require_every_party(self, base_application, policy_engine, evaluate):
        """With all_parties = false, two parties in the group are enough."""
        app = attrs.evolve(base_application, steering_group=("molndal", "fk"))
        assert only(evaluate(app), "SG001")
        engine = policy_engine("[rules.SG001.params]\nall_parties = false\n")
        assert only(evaluate(app, engine=engine), "SG001") == []


class TestAT001Attachments:
    """The budget template and a cooperation agreement are attached."""

    def test_a_missing_cooperation_agreement(self, base_application, evaluate):
        """Only the budget is attached."""
        evaluation = evaluate(attrs.evolve(base_application, attachments=("budget",)))
        finding = one(evaluation, "AT001")
        assert finding.severity is Severity.ERROR
        assert finding.figures == {"missing": ["cooperation_agreement"], "given": ["budget"]}
        assert finding.message("sv") == ("Bilagor saknas: samverkansavtal (bifogade: budgetmall).")
        assert finding.message("en") == (
            "Attachments are missing: cooperation agreement (attached: budget template)."
        )
        assert evaluation.verdict is Verdict.REVISE

    def test_nothing_attached(self, base_application, evaluate):
        """Both are named."""
        finding = one(evaluate(attrs.evolve(base_application, attachments=())), "AT001")
        assert finding.figures["missing"] == ["budget", "cooperation_agreement"]
        assert "(bifogade: inga)" in finding.message("sv")

    def test_the_association_decides_what_is_required(self, base_application, policy_engine, evaluate):
        """A policy requiring only the budget accepts an application without an agreement."""
        engine = policy_engine('[rules.AT001.params]\nrequired = ["budget"]\n')
        app = attrs.evolve(base_application, attachments=("budget",))
        assert only(evaluate(app, engine=engine), "AT001") == []
