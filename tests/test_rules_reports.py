"""The standard pack's rules for progress and final reports, one class per rule.

Figures come from the interim report January-August 2016 of the Mölndal, Partille,
Härryda, Lerum and Alingsås association wherever it has them: the individual cooperation
team's 53 women and 10 men, Balder's 55 women and 64 men, AKTIV's 913 tkr against a budget
of 866 tkr and Utökat AKTIV's 670 tkr against 590 tkr.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest

from finsam_rules.converter import StructureFailure, structure
from finsam_rules.engine import Verdict
from finsam_rules.loading import load_document
from finsam_rules.model import Gender, Outcome, OutcomeTarget, Report
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


def ot002_met(evaluation) -> bool:
    """OT002 found the target met: its only finding is the note that shows the fraction."""
    found = only(evaluation, "OT002")
    return [(f.key, f.severity) for f in found] == [("met", Severity.INFO)]


def with_outcomes(
    make_report, counts: dict[str, Any], people: tuple[int, int, int] | None = None, **changes: Any
) -> Report:
    """A report with these outcome counts; participants split evenly unless given, so
    that the two tables add up."""
    if people is None:
        total = sum(v for v in counts.values() if isinstance(v, int))
        people = (total - total // 2, total // 2, 0)
    women, men, unknown = people
    return make_report(
        participants={"women": women, "men": men, "unknown": unknown}, outcomes=counts, **changes
    )


def test_the_base_report_is_compliant(base_report, evaluate):
    """Every report rule is silent on the base report, which is accepted (*godkänns*);
    OT002 and OT004 only show the shares that met the targets."""
    evaluation = evaluate(base_report)
    assert ot002_met(evaluation)
    assert [f.code for f in evaluation.findings] == ["OT002", "OT004"]
    assert [f.key for f in evaluation.findings] == ["met", "share_met"]
    assert evaluation.verdict is Verdict.ACCEPT


class TestOT002OutcomeTargetMet:
    """At least 70 % of finished participants go on to work, studies or further rehabilitation."""

    def test_seven_of_ten_finished_meets_a_70_percent_target(self, make_report, evaluate):
        """70.0 % exactly meets 70 %: the share is compared exactly."""
        report = with_outcomes(make_report, {"work": 7, "dropped_out": 3})
        assert ot002_met(evaluate(report))

    def test_69_of_100_is_below_the_target(self, make_report, evaluate):
        """69 % falls short of the association's 70 %: a warning for the board (the report
        is complete, the project deviates), with the fraction and method shown."""
        report = with_outcomes(
            make_report, {"work": 50, "studies": 9, "further_rehabilitation": 10, "job_seeking": 31}
        )
        evaluation = evaluate(report)
        finding = one(evaluation, "OT002")
        assert finding.severity is Severity.WARNING
        assert finding.key == "below"
        assert finding.figures["successes"] == 69
        assert finding.figures["denominator"] == 100
        assert finding.figures["share"] == 0.69
        assert finding.figures["method"] == "finished"
        assert finding.params["target"] == 0.7
        assert finding.message("sv") == (
            "69 av 100 avslutade = 69 % till arbete, studier eller fortsatt rehabilitering "
            "(avlidna ej medräknade); förbundets mål är 70 %."
        )
        assert finding.message("en") == (
            "69 of 100 finished = 69% to work, studies or further rehabilitation "
            "(deceased excluded); the association's target is 70%."
        )
        assert evaluation.verdict is Verdict.DEVIATION

    def test_a_target_of_0_7_read_from_a_policy_file(self, make_report, evaluate, policy_engine):
        """0.7 as written in an association's TOML policy: 7 of 10 meets it, 69 of 100 not."""
        engine = policy_engine("[rules.OT002.params]\ntarget = 0.7\n")
        met = with_outcomes(make_report, {"work": 7, "dropped_out": 3})
        assert ot002_met(evaluate(met, engine=engine))
        below = with_outcomes(make_report, {"work": 69, "dropped_out": 31})
        assert one(evaluate(below, engine=engine), "OT002").params["target"] == 0.7

    def test_a_report_read_from_toml_meets_the_target_exactly(
        self, tmp_path, write_toml, report_data, evaluate
    ):
        """The same 7 of 10, from a report file."""
        report_data["participants"] = {"women": 6, "men": 4}
        report_data["outcomes"] = {"work": 4, "studies": 1, "further_rehabilitation": 2, "dropped_out": 3}
        report = load_document(write_toml(tmp_path / "report.toml", report_data))
        assert ot002_met(evaluate(report))

    @pytest.mark.parametrize(
        ("successes", "finished", "target"),
        [
            (7, 10, "0.7"),
            (14, 100, "0.14"),  # 0.14 * 100 == 14.000000000000002 in floats
            (28, 100, "0.28"),
            (55, 100, "0.55"),
            (56, 100, "0.56"),
        ],
    )
    def test_a_share_equal_to_the_target_meets_it_despite_floats(
        self, make_report, evaluate, policy_engine, successes, finished, target
    ):
        """Shares are exact fractions: no 0.1 + 0.2 != 0.3 surprises at the boundary."""
        engine = policy_engine(f"[rules.OT002.params]\ntarget = {target}\n")
        report = with_outcomes(make_report, {"work": successes, "dropped_out": finished - successes})
        assert ot002_met(evaluate(report, engine=engine))

    def test_shares_of_several_outcomes_add_up_exactly(self, make_report, evaluate, policy_engine):
        """1 to work and 2 to studies of 10 is 3/10, which meets a 30 % target."""
        engine = policy_engine("[rules.OT002.params]\ntarget = 0.3\n")
        report = with_outcomes(make_report, {"work": 1, "studies": 2, "dropped_out": 7})
        assert ot002_met(evaluate(report, engine=engine))

    def test_one_third(self, make_report, evaluate, policy_engine):
        """1 of 3 (33.3... %) meets 33 % and is below 34 %."""
        report = with_outcomes(make_report, {"work": 1, "dropped_out": 2})
        met = policy_engine("[rules.OT002.params]\ntarget = 0.33\n")
        assert ot002_met(evaluate(report, engine=met))
        below = policy_engine("[rules.OT002.params]\ntarget = 0.34\n")
        finding = one(evaluate(report, engine=below), "OT002")
        assert finding.figures["share"] == 0.3333
        assert finding.message("sv").startswith("1 av 3 avslutade = 33 %")

    def test_a_share_just_under_the_target_is_not_shown_as_the_target(self, make_report, evaluate):
        """69.6 % against 70 % must read 69,6 %, not "70 %; målet är 70 %"."""
        report = with_outcomes(make_report, {"work": 696, "dropped_out": 304})
        finding = one(evaluate(report), "OT002")
        assert "= 69,6 %" in finding.message("sv")
        assert "= 69.6%" in finding.message("en")

    def test_the_plans_example_32_of_44(self, make_report, evaluate, policy_engine):
        """32 of 44 finished is 73 %: it meets 70 % and is below a 75 % target."""
        report = with_outcomes(
            make_report, {"work": 20, "studies": 4, "further_rehabilitation": 8, "dropped_out": 12}
        )
        assert ot002_met(evaluate(report))
        engine = policy_engine("[rules.OT002.params]\ntarget = 0.75\n")
        finding = one(evaluate(report, engine=engine), "OT002")
        assert finding.message("sv").startswith("32 av 44 avslutade = 73 %")

    def test_outcomes_that_do_not_add_up_are_not_evaluated(self, make_report, evaluate):
        """10 participants but outcomes for 9: flagged, never silently computed."""
        report = with_outcomes(make_report, {"work": 9}, people=(5, 5, 0))
        evaluation = evaluate(report)
        finding = one(evaluation, "OT002")
        assert finding.status is FindingStatus.NOT_EVALUATED
        assert finding.key == "inconsistent"
        assert finding.figures == {"outcomes_total": 9, "participants_total": 10}
        assert "share" not in finding.figures
        assert finding.message("sv").startswith(
            "Kunde inte bedömas: utfallen summerar till 9 men rapporten anger 10 deltagare."
        )
        assert evaluation.verdict is Verdict.REVISE
        assert evaluation.verdict.value == "komplettering krävs"

    def test_too_many_outcomes_are_not_evaluated_either(self, make_report, evaluate):
        """Outcomes for 64 people in a report of 63 participants."""
        report = with_outcomes(make_report, {"work": 14, "ongoing": 50}, people=(53, 10, 0))
        finding = one(evaluate(report), "OT002")
        assert finding.status is FindingStatus.NOT_EVALUATED
        assert finding.figures == {"outcomes_total": 64, "participants_total": 63}

    def test_no_outcomes_are_not_evaluated(self, make_report, evaluate):
        """A report without outcomes cannot show the target is met."""
        evaluation = evaluate(make_report(outcomes=None))
        finding = one(evaluation, "OT002")
        assert finding.status is FindingStatus.NOT_EVALUATED
        assert finding.key == "no_outcomes"
        assert evaluation.verdict is Verdict.REVISE

    def test_nobody_finished_yet_is_a_note(self, make_report, evaluate):
        """All 20 still ongoing: the share is judged later; the report may be approved."""
        evaluation = evaluate(with_outcomes(make_report, {"ongoing": 20}))
        finding = one(evaluation, "OT002")
        assert finding.severity is Severity.INFO
        assert finding.key == "none_finished"
        assert evaluation.verdict is Verdict.ACCEPT

    def test_counted_outcomes_decide_what_is_a_success(self, make_report, evaluate, policy_engine):
        """8 of 10 with further rehabilitation counted; 5 of 10 with work and studies only."""
        report = with_outcomes(
            make_report, {"work": 4, "studies": 1, "further_rehabilitation": 3, "dropped_out": 2}
        )
        assert ot002_met(evaluate(report))
        engine = policy_engine('[settings]\ncounted_outcomes = ["work", "studies"]\n')
        finding = one(evaluate(report, engine=engine), "OT002")
        assert (finding.figures["successes"], finding.figures["denominator"]) == (5, 10)
        assert finding.figures["counted_outcomes"] == ["work", "studies"]
        assert "till arbete eller studier" in finding.message("sv")
        assert "5 av 10 avslutade = 50 % till arbete eller studier" in (finding.message("sv"))

    def test_the_denominator_finished_or_enrolled(self, make_report, evaluate, policy_engine):
        """7 of 10 finished meets the target; 7 of 20 enrolled (10 still ongoing) does not."""
        report = with_outcomes(make_report, {"work": 7, "dropped_out": 3, "ongoing": 10})
        assert ot002_met(evaluate(report))
        engine = policy_engine('[settings]\ndenominator = "enrolled"\n')
        finding = one(evaluate(report, engine=engine), "OT002")
        assert (finding.figures["successes"], finding.figures["denominator"]) == (7, 20)
        assert finding.figures["method"] == "enrolled"
        assert finding.message("sv").startswith("7 av 20 inskrivna = 35 %")
        assert finding.message("en").startswith("7 of 20 enrolled = 35%")

    def test_excluding_the_deceased(self, make_report, evaluate, policy_engine):
        """6 of 8 with the 2 deceased left out (75 %); 6 of 10 with them counted (60 %)."""
        report = with_outcomes(make_report, {"work": 6, "dropped_out": 2, "deceased": 2})
        assert ot002_met(evaluate(report))
        engine = policy_engine("[settings]\nexclude_deceased = false\n")
        finding = one(evaluate(report, engine=engine), "OT002")
        assert (finding.figures["successes"], finding.figures["denominator"]) == (6, 10)
        assert finding.figures["exclude_deceased"] is False
        assert finding.message("sv").startswith("6 av 10 avslutade = 60 %")


class TestOT004PromisedTargetMet:
    """A report is held to the targets its own application promised."""

    def test_a_share_below_the_promise(self, make_report, evaluate):
        """The application promised 30 % to work; 2 of 10 finished went to work."""
        report = with_outcomes(
            make_report, {"work": 2, "studies": 3, "further_rehabilitation": 3, "dropped_out": 2}
        )
        evaluation = evaluate(report)
        assert ot002_met(evaluation)  # 8 of 10 to the counted outcomes
        finding = one(evaluation, "OT004")
        assert finding.severity is Severity.WARNING
        assert finding.key == "share_below"
        assert (finding.figures["successes"], finding.figures["denominator"]) == (2, 10)
        assert finding.figures["promised"] == 0.3
        assert finding.figures["share"] == 0.2
        assert finding.message("sv") == (
            "Ansökan lovade 30 % till arbete; rapporten visar 2 av "
            "10 avslutade = 20 % (avlidna ej medräknade)."
        )
        assert evaluation.verdict is Verdict.DEVIATION

    def test_the_promise_kept(self, base_report, evaluate):
        """14 of 36 finished to work (39 %) keeps a promise of 30 %: shown, not flagged."""
        [finding] = only(evaluate(base_report), "OT004")
        assert (finding.key, finding.severity) == ("share_met", Severity.INFO)
        assert finding.message("sv") == (
            "Ansökan lovade 30 % till arbete; rapporten visar 14 av 36 avslutade = 39 % "
            "(avlidna ej medräknade); projektets mål är uppnått."
        )

    def test_a_promise_of_0_7_read_from_the_application_file(
        self, tmp_path, write_toml, application_data, make_report, evaluate
    ):
        """0.7 from the application's TOML is met by exactly 7 of 10."""
        application_data["outcome_targets"] = [{"measure": "work", "share": 0.7}]
        app = load_document(write_toml(tmp_path / "app.toml", application_data))
        report = with_outcomes(make_report, {"work": 7, "dropped_out": 3})
        assert one(evaluate(report, applications={app.id: app}), "OT004").key == "share_met"
        short = with_outcomes(make_report, {"work": 6, "studies": 1, "dropped_out": 3})
        assert one(evaluate(short, applications={app.id: app}), "OT004").key == "share_below"

    def test_a_count_promise_is_judged_in_the_final_report(self, base_application, make_report, evaluate):
        """Utökat AKTIV promised 5 people to work; 4 so far is fine until the final report."""
        app = attrs.evolve(base_application, outcome_targets=(OutcomeTarget(measure=Outcome.WORK, count=5),))
        counts = {"work": 4, "further_rehabilitation": 12, "ongoing": 4}
        progress = with_outcomes(make_report, counts)
        assert only(evaluate(progress, applications={app.id: app}), "OT004") == []
        final = with_outcomes(make_report, counts, kind="final")
        finding = one(evaluate(final, applications={app.id: app}), "OT004")
        assert finding.key == "count_below"
        assert (finding.figures["promised"], finding.figures["count"]) == (5, 4)
        assert finding.message("en") == (
            "The application promised 5 participants to work; the final report shows 4."
        )

    def test_without_the_application_it_is_not_evaluated(self, base_report, evaluate):
        """The promise is in the application: without it, not evaluated."""
        evaluation = evaluate(base_report, applications={})
        finding = one(evaluation, "OT004")
        assert finding.status is FindingStatus.NOT_EVALUATED
        assert finding.key == "no_application"
        assert evaluation.verdict is Verdict.REVISE


class TestGA003ReportedByGender:
    """Participants are reported as women and men."""

    def test_participants_without_gender(self, make_report, evaluate):
        """3 of 63 without gender (5 %) are flagged with the default 0 %."""
        report = with_outcomes(make_report, {"work": 13, "ongoing": 50}, people=(50, 10, 3))
        finding = one(evaluate(report), "GA003")
        assert finding.severity is Severity.WARNING
        assert finding.key == "unknown"
        assert (finding.figures["unknown"], finding.figures["total"]) == (3, 63)
        assert finding.message("sv") == ("3 av 63 deltagare (5 %) saknar uppgift om kön; högst 0 % godtas.")

    def test_outcomes_without_participants_by_gender(self, make_report, evaluate):
        """A report with outcomes but no participants table."""
        finding = one(evaluate(make_report(participants=None)), "GA003")
        assert finding.key == "missing"

    def test_the_association_may_accept_some_unknown(self, make_report, evaluate, policy_engine):
        """With up to 5 % accepted, 3 of 63 (4.8 %) pass."""
        engine = policy_engine("[rules.GA003.params]\nmax_unknown_share = 0.05\n")
        report = with_outcomes(make_report, {"work": 13, "ongoing": 50}, people=(50, 10, 3))
        assert only(evaluate(report, engine=engine), "GA003") == []

    def test_everyone_reported(self, base_report, evaluate):
        """30 women and 30 men: nothing to say."""
        assert only(evaluate(base_report), "GA003") == []


#: The individual cooperation team's outcomes for its 63 participants: 13 finished.
TEAM = {"work": 5, "further_rehabilitation": 8, "ongoing": 50}


class TestGA004GenderSkew:
    """One gender above 70 % of participants is flagged unless the project has a stated focus."""

    def test_the_individual_cooperation_team_is_skewed(self, make_report, evaluate):
        """53 women and 10 men: 84 % women, which the association itself called problematic."""
        evaluation = evaluate(with_outcomes(make_report, TEAM, people=(53, 10, 0)))
        finding = one(evaluation, "GA004")
        assert finding.severity is Severity.WARNING
        assert finding.key == "skewed"
        assert finding.figures["count"] == 53
        assert finding.figures["total"] == 63
        assert finding.figures["share"] == 0.8413
        assert finding.figures["gender"] == "women"
        assert finding.message("sv") == (
            "53 av 63 deltagare (84 %) är kvinnor (53 kvinnor, 10 män); gränsen är 70 % och "
            "projektet har inget angivet könsfokus."
        )
        assert finding.message("en") == (
            "53 of 63 participants (84%) are women (53 women, 10 men); the limit is 70% and the "
            "project states no gender focus."
        )
        # complete, but the board should know: *avvikelse*, not *komplettering krävs*
        assert evaluation.verdict is Verdict.DEVIATION

    @pytest.mark.parametrize(("women", "men"), [(55, 64), (93, 52)])
    def test_balanced_projects_pass(self, make_report, evaluate, women, men):
        """Balder's 55 women and 64 men (54 % men) and AKTIV's 93 and 52 (64 % women)."""
        report = with_outcomes(make_report, {"work": women + men}, people=(women, men, 0))
        assert only(evaluate(report), "GA004") == []

    def test_utokat_aktiv_is_above_the_limit(self, make_report, evaluate):
        """Utökat AKTIV's first groups: 15 women and 5 men, 75 %."""
        report = with_outcomes(make_report, {"work": 4, "ongoing": 16}, people=(15, 5, 0))
        assert one(evaluate(report), "GA004").figures["share"] == 0.75

    def test_a_skew_towards_men(self, make_report, evaluate):
        """Partille's DUA service: 14 men and 2 women of 16 (87.5 % men)."""
        report = with_outcomes(make_report, {"ongoing": 16}, people=(2, 14, 0))
        finding = one(evaluate(report), "GA004")
        assert finding.figures["gender"] == "men"
        assert "14 av 16 deltagare (88 %) är män" in finding.message("sv")

    def test_exactly_at_the_limit_passes(self, make_report, evaluate):
        """7 women and 3 men is 70 %, not above 70 %."""
        report = with_outcomes(make_report, {"work": 10}, people=(7, 3, 0))
        assert only(evaluate(report), "GA004") == []

    def test_a_share_just_over_the_limit_is_not_shown_as_the_limit(self, make_report, evaluate):
        """704 women of 1 000 must read 70,4 %, not "70 %" next to a 70 % limit."""
        report = with_outcomes(make_report, {"work": 1000}, people=(704, 296, 0))
        finding = one(evaluate(report), "GA004")
        assert "(70,4 %)" in finding.message("sv")

    def test_small_groups_are_not_judged(self, make_report, evaluate):
        """8 women and 1 man: fewer than 10 participants give random shares."""
        report = with_outcomes(make_report, {"work": 9}, people=(8, 1, 0))
        assert only(evaluate(report), "GA004") == []

    def test_a_stated_and_reasoned_focus_makes_it_a_note(self, base_application, make_report, evaluate):
        """With gender_focus = "women" and a reason in the application: information only."""
        group = attrs.evolve(
            base_application.target_group,
            gender_focus=Gender.WOMEN,
            gender_focus_reason="Remisserna gäller främst kvinnor med stressrelaterad ohälsa.",
        )
        app = attrs.evolve(base_application, target_group=group)
        report = with_outcomes(make_report, TEAM, people=(53, 10, 0))
        finding = one(evaluate(report, applications={app.id: app}), "GA004")
        assert finding.severity is Severity.INFO
        assert finding.key == "focus"
        assert "i linje med projektets angivna könsfokus" in finding.message("sv")

    def test_a_focus_without_a_reason_does_not_excuse_the_skew(self, base_application, make_report, evaluate):
        """gender_focus alone, with no reason, still gives the warning."""
        group = attrs.evolve(base_application.target_group, gender_focus=Gender.WOMEN)
        app = attrs.evolve(base_application, target_group=group)
        report = with_outcomes(make_report, TEAM, people=(53, 10, 0))
        finding = one(evaluate(report, applications={app.id: app}), "GA004")
        assert (finding.severity, finding.key) == (Severity.WARNING, "skewed")

    def test_a_focus_on_the_other_gender_does_not_excuse_it(self, base_application, make_report, evaluate):
        """A project for men that enrols mostly women is still skewed."""
        group = attrs.evolve(
            base_application.target_group,
            gender_focus=Gender.MEN,
            gender_focus_reason="Unga män med psykisk ohälsa.",
        )
        app = attrs.evolve(base_application, target_group=group)
        report = with_outcomes(make_report, TEAM, people=(53, 10, 0))
        assert one(evaluate(report, applications={app.id: app}), "GA004").key == "skewed"

    def test_unknown_gender_is_left_out_of_the_share(self, make_report, evaluate):
        """53 women, 10 men and 7 unknown: still 53 of 63."""
        report = with_outcomes(make_report, {"work": 20, "ongoing": 50}, people=(53, 10, 7))
        finding = one(evaluate(report), "GA004")
        assert (finding.figures["count"], finding.figures["total"]) == (53, 63)


class TestGA005OutcomeGap:
    """The success shares of women and men are compared when outcomes are split by gender."""

    def split(self, make_report, women: dict, men: dict) -> Report:
        total = {k: women.get(k, 0) + men.get(k, 0) for k in {*women, *men}}
        people = (sum(women.values()), sum(men.values()), 0)
        return with_outcomes(make_report, {**total, "women": women, "men": men}, people=people)

    def test_a_gap_of_20_points_is_flagged(self, make_report, evaluate):
        """Women 10 of 20 = 50 %, men 14 of 20 = 70 %: a 20-point gap, over 15."""
        report = self.split(make_report, {"work": 10, "dropped_out": 10}, {"work": 14, "dropped_out": 6})
        finding = one(evaluate(report), "GA005")
        assert finding.status is FindingStatus.FINDING
        assert finding.severity is Severity.WARNING
        assert finding.figures["w_share"] == 0.5
        assert finding.figures["m_share"] == 0.7
        assert finding.figures["gap"] == 0.2
        assert finding.message("sv") == (
            "Kvinnor: 10 av 20 = 50 %; män: 14 av 20 = 70 % (avslutade, avlidna ej "
            "medräknade). Skillnaden 20 procentenheter är större än 15 procentenheter."
        )

    def test_a_small_gap_passes(self, make_report, evaluate):
        """Women 12 of 20 = 60 %, men 14 of 20 = 70 %: 10 points."""
        report = self.split(make_report, {"work": 12, "dropped_out": 8}, {"work": 14, "dropped_out": 6})
        assert only(evaluate(report), "GA005") == []

    def test_small_groups_are_not_compared(self, make_report, evaluate):
        """The individual cooperation team finished 12 women and 1 man: too few men."""
        report = self.split(
            make_report,
            {"work": 4, "further_rehabilitation": 3, "dropped_out": 5, "ongoing": 41},
            {"dropped_out": 1, "ongoing": 9},
        )
        assert only(evaluate(report), "GA005") == []

    def test_a_split_larger_than_the_total_is_not_evaluated(self, make_report, evaluate):
        """Outcomes by gender for more people than the outcomes in total."""
        report = with_outcomes(
            make_report,
            {"work": 10, "dropped_out": 10, "women": {"work": 10, "dropped_out": 10}, "men": {"work": 5}},
        )
        finding = one(evaluate(report), "GA005")
        assert finding.status is FindingStatus.NOT_EVALUATED
        assert finding.key == "split_inconsistent"
        assert finding.figures == {"women_total": 20, "men_total": 5, "total": 20}

    def test_no_split_says_nothing(self, base_report, evaluate):
        """Outcomes not split by gender: nothing to compare."""
        assert only(evaluate(base_report), "GA005") == []


def costs(personnel: int, premises: int, other: int, total: int | None = None) -> dict:
    """A cost or budget table in kronor; the total is the lines' sum unless given."""
    return {
        "personnel": personnel,
        "premises": premises,
        "other": other,
        "total": personnel + premises + other if total is None else total,
    }


class TestBU002CostControl:
    """Costs and forecasts stay within the granted budget; tables add up."""

    def test_utokat_aktiv_over_budget(self, make_report, evaluate):
        """670 000 kr against a budget of 590 000 kr: 80 000 kr (13.6 %) over, more than 10 %."""
        report = make_report(costs=costs(564_000, 0, 106_000), budget=costs(565_000, 0, 25_000))
        finding = one(evaluate(report), "BU002")
        assert finding.severity is Severity.WARNING
        assert finding.key == "over"
        assert finding.figures == {
            "cost": 670_000,
            "budget": 590_000,
            "difference": 80_000,
            "deviation": 0.1356,
        }
        assert finding.message("sv") == (
            "Kostnaderna 670 000 kr överstiger budgeten 590 000 kr med 80 000 kr (14 %); gränsen är 10 %."
        )
        assert finding.message("en") == (
            "Costs of SEK 670,000 exceed the budget of SEK 590,000 by SEK 80,000 (14%); the limit is 10%."
        )

    def test_aktiv_within_the_margin(self, make_report, evaluate):
        """913 000 kr against 866 000 kr is 5.4 % over: within 10 %."""
        report = make_report(costs=costs(673_000, 226_000, 14_000), budget=costs(586_000, 266_000, 14_000))
        assert only(evaluate(report), "BU002") == []

    def test_exactly_at_the_limit_passes(self, make_report, evaluate):
        """649 000 kr against 590 000 kr is exactly 10 % over."""
        report = make_report(costs=costs(649_000, 0, 0), budget=costs(590_000, 0, 0))
        assert only(evaluate(report), "BU002") == []

    def test_a_large_underspend_is_noted(self, make_report, evaluate):
        """Grön rehabilitering: 130 000 kr of 333 000 kr; unused funds can be reallocated."""
        report = make_report(costs=costs(0, 130_000, 0), budget=costs(0, 333_000, 0))
        finding = one(evaluate(report), "BU002")
        assert finding.severity is Severity.INFO
        assert finding.key == "under"
        assert finding.figures["difference"] == 203_000

    def test_a_forecast_over_budget(self, make_report, evaluate):
        """A full-year forecast of 1 600 000 kr against 1 300 000 kr: 23 % over."""
        report = make_report(forecast={"cost": 1_600_000, "budget": 1_300_000})
        finding = one(evaluate(report), "BU002")
        assert finding.key == "forecast_over"
        assert finding.figures["difference"] == 300_000
        assert finding.message("sv") == (
            "Prognosen 1 600 000 kr för helåret överstiger budgeten "
            "1 300 000 kr med 300 000 kr (23 %); gränsen är 10 %."
        )

    @pytest.mark.parametrize(
        ("cost", "budget"),
        [
            (1_400_000, 1_300_000),  # AKTIV, full year
            (5_250_000, 5_000_000),  # Balder, full year
            (18_095_000, 17_703_000),  # the association: 392 tkr over in all
        ],
    )
    def test_the_real_forecasts_are_within_the_margin(self, make_report, evaluate, cost, budget):
        """The 2016 full-year forecasts exceed their budgets by less than 10 %."""
        report = make_report(forecast={"cost": cost, "budget": budget})
        assert only(evaluate(report), "BU002") == []

    def test_a_cost_table_whose_total_does_not_match_its_rows(self, make_report, evaluate):
        """Balder: 3 187 + 181 + 141 = 3 509 tkr, while the summary table says 3 510."""
        report = make_report(
            costs=costs(3_187_000, 181_000, 141_000, total=3_510_000),
            budget=costs(3_100_000, 133_000, 100_000),
        )
        evaluation = evaluate(report)
        finding = one(evaluation, "BU002")
        assert finding.status is FindingStatus.NOT_EVALUATED
        assert finding.key == "table"
        assert (finding.figures["sum"], finding.figures["total"]) == (3_509_000, 3_510_000)
        assert finding.message("sv") == (
            "Kunde inte bedömas: tabellen kostnader går inte ihop: 3 187 000 kr + 181 000 kr + "
            "141 000 kr = 3 509 000 kr, men totalen anges till 3 510 000 kr."
        )
        assert evaluation.verdict is Verdict.REVISE

    def test_a_budget_table_that_does_not_add_up(self, make_report, evaluate):
        """The granted budget's lines are checked as well."""
        report = make_report(budget=costs(2_083_000, 90_000, 27_000, total=2_000_000))
        finding = one(evaluate(report), "BU002")
        assert (finding.status, finding.figures["what"]) == (FindingStatus.NOT_EVALUATED, "budget")

    def test_a_total_with_the_wrong_sign_is_refused_when_read(self, report_data):
        """The 2016 summary printed "Totalt 10 238" against rows of -218, -83, ... : a
        negative amount never reaches the rules."""
        report_data["costs"] = costs(3_187_000, 181_000, 141_000, total=-10_238_000)
        with pytest.raises(StructureFailure) as caught:
            structure(report_data, Report)
        (problem,) = caught.value.problems
        assert (problem.path, problem.code) == ("$.costs.total", "negative")

    def test_costs_without_a_budget_are_not_evaluated(self, make_report, evaluate):
        """Costs cannot be judged without the granted budget for the period."""
        finding = one(evaluate(make_report(budget=None)), "BU002")
        assert (finding.status, finding.key) == (FindingStatus.NOT_EVALUATED, "no_budget")

    def test_the_team_within_budget(self, base_report, evaluate):
        """1 999 000 kr against 2 200 000 kr (9 % under) and a forecast 6 % over: silent."""
        assert only(evaluate(base_report), "BU002") == []


class TestRP002ReportWithinGrantedPeriod:
    """A report covers a period within the project's granted period."""

    def test_a_report_reaching_past_the_granted_period(self, make_report, evaluate):
        """Granted for 2016; the report covers 2016-09-01..2017-01-31."""
        report = make_report(period={"start": D(2016, 9, 1), "end": D(2017, 1, 31)})
        finding = one(evaluate(report), "RP002")
        assert finding.severity is Severity.ERROR
        assert finding.figures["granted_end"] == D(2016, 12, 31)
        assert finding.message("sv") == (
            "Rapporten gäller 2016-09-01–2017-01-31 men projektet "
            "2016/0003 är beviljat 2016-01-01–2016-12-31."
        )

    def test_the_whole_granted_period_is_within(self, make_report, evaluate):
        """A final report on 2016-01-01..2016-12-31."""
        report = make_report(kind="final", period={"start": D(2016, 1, 1), "end": D(2016, 12, 31)})
        assert only(evaluate(report), "RP002") == []

    def test_without_the_application_it_is_not_evaluated(self, base_report, evaluate):
        """The granted period is in the application."""
        evaluation = evaluate(base_report, applications={})
        finding = one(evaluation, "RP002")
        assert (finding.status, finding.key) == (FindingStatus.NOT_EVALUATED, "no_application")
        assert finding.figures == {"project": "2016/0003"}
        assert evaluation.verdict is Verdict.REVISE
