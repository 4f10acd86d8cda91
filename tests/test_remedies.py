"""What would make it pass: a finding's remedy is the nearest change of the document that
makes its rule pass, and applying it to the document's data removes the finding.

The base application (the individual cooperation team of 2016, see ``conftest.py``) is
changed one thing at a time; the remedy's changes are applied to the plain data with
:func:`apply_changes`, the data is structured again and judged again.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from finsam_rules.cli import main
from finsam_rules.converter import structure
from finsam_rules.engine import Engine, InvalidFinding, _validate, _validate_remedy
from finsam_rules.formatting import render_template
from finsam_rules.i18n import word
from finsam_rules.model import Application, Report
from finsam_rules.portfolio import Portfolio
from finsam_rules.remedies import apply_changes, path_steps
from finsam_rules.render.common import finding_data
from finsam_rules.rules import Change, Check, Finding, Remedy, Scope, Severity, explain, plan, rule

D = dt.date
# The fixtures below only read the shared base data (every change is made on a copy), so
# they may serve every generated example.
PROPERTY = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@pytest.fixture
def judge(standard_policy, association):
    """Judge application data as a portfolio screening does; the findings of one code."""
    engine = Engine(standard_policy)

    def run(data: dict[str, Any], code: str) -> list[Finding]:
        app = structure(data, Application)
        return [f for f in engine.evaluate(app, association, {app.id: app}.get).findings if f.code == code]

    return run


@pytest.fixture
def application(application_data):
    """The compliant base application's data with top-level keys replaced (a copy)."""

    def build(**changes: Any) -> dict[str, Any]:
        data = copy.deepcopy(application_data)
        data.update(copy.deepcopy(changes))
        return data

    return build


def remedied(data: dict[str, Any], finding: Finding) -> dict[str, Any]:
    assert finding.remedy is not None, finding.message("en")
    return apply_changes(data, finding.remedy.changes)


def keys(findings: list[Finding]) -> list[str]:
    return [f.key for f in findings]


class TestChanges:
    def test_a_key_path_names_keys_and_list_indexes(self):
        assert path_steps("$.budget[0].total") == ["budget", 0, "total"]
        assert path_steps("$.period.end") == ["period", "end"]
        with pytest.raises(ValueError):
            path_steps("budget.total")

    def test_applying_changes_leaves_the_input_alone(self, application):
        data = application()
        changed = apply_changes(
            data, [Change("$.period.end", D(2016, 6, 30)), Change("$.budget[0].total", 1)]
        )
        assert changed["period"]["end"] == D(2016, 6, 30) and changed["budget"][0]["total"] == 1
        assert data["period"]["end"] == D(2016, 12, 31) and data["budget"][0]["total"] == 3_300_000


class TestFundingPeriod:
    def test_fp001_names_the_latest_allowed_end_date(self, judge, application):
        data = application(
            period={"start": D(2017, 9, 1), "end": D(2020, 12, 31)},
            budget=[
                {"year": y, "personnel": 900_000, "premises": 50_000, "other": 50_000, "total": 1_000_000}
                for y in range(2017, 2021)
            ],
            requested=4_000_000,
        )
        (finding,) = judge(data, "FP001")
        assert finding.remedy.changes == (Change("$.period.end", D(2020, 8, 31)),)
        assert finding.remedy.message("sv") == "Perioden får sluta senast 2020-08-31 (36 månader sammanlagt)."
        assert finding.remedy.message("en") == (
            "The period may end at the latest on 2020-08-31 (36 months in total)."
        )
        assert judge(remedied(data, finding), "FP001") == []

    def test_fp001_counts_the_earlier_periods(self, judge, application):
        data = application(previous_periods=[{"start": D(2014, 1, 1), "end": D(2015, 12, 31)}])
        data["period"] = {"start": D(2016, 1, 1), "end": D(2017, 6, 30)}
        (finding,) = judge(data, "FP001")
        assert finding.remedy.changes == (Change("$.period.end", D(2016, 12, 31)),)

    def test_fp001_has_no_remedy_when_the_earlier_periods_use_up_the_time(self, judge, application):
        data = application(previous_periods=[{"start": D(2012, 1, 1), "end": D(2015, 12, 31)}])
        (finding,) = judge(data, "FP001")
        assert finding.remedy is None
        assert "remedy" not in finding_data(finding, "sv")

    @PROPERTY
    @given(
        start=st.dates(D(2010, 1, 1), D(2030, 12, 31)),
        days=st.integers(1, 2500),
        earlier=st.lists(st.tuples(st.integers(1, 800), st.integers(0, 400)), max_size=2),
    )
    def test_fp001_property_the_remedy_removes_the_finding_and_is_nearest(
        self, judge, application, start, days, earlier
    ):
        previous, end_of_gap = [], start
        for length, gap in earlier:
            last = end_of_gap - dt.timedelta(days=gap + 1)
            first = last - dt.timedelta(days=length - 1)
            previous.append({"start": first, "end": last})
            end_of_gap = first
        data = application(
            period={"start": start, "end": start + dt.timedelta(days=days - 1)}, previous_periods=previous
        )
        for finding in judge(data, "FP001"):
            if finding.remedy is None:
                one_day = apply_changes(data, [Change("$.period.end", start)])
                assert judge(one_day, "FP001"), "no remedy although a shorter period would pass"
                continue
            event("FP001 remedied")
            assert judge(remedied(data, finding), "FP001") == []
            (change,) = finding.remedy.changes
            one_more = apply_changes(data, [Change("$.period.end", change.value + dt.timedelta(days=1))])
            assert judge(one_more, "FP001"), "the remedy's end is not the latest allowed"


class TestBudget:
    def test_bu001_sets_the_stated_total_to_the_sum_of_the_lines(self, judge, application):
        data = application(
            budget=[
                {
                    "year": 2016,
                    "personnel": 1_300_000,
                    "premises": 90_000,
                    "other": 22_000,
                    "total": 1_450_000,
                }
            ],
            requested=1_450_000,
        )
        (finding,) = judge(data, "BU001")
        assert finding.key == "lines"
        assert finding.remedy.changes == (Change("$.budget[0].total", 1_412_000),)
        assert finding.remedy.message("sv") == (
            "Ändra totalen för 2016 till 1 412 000 kr, summan av raderna (1 450 000 kr anges nu)."
        )
        fixed = judge(remedied(data, finding), "BU001")
        assert "lines" not in keys(fixed)

    def test_bu001_the_request_is_the_budget_less_co_financing(self, judge, application):
        data = application(co_financing=[{"source": "ESF", "amount": 300_000}])
        (finding,) = judge(data, "BU001")
        assert finding.key == "request"
        assert finding.remedy.changes == (Change("$.requested", 3_000_000),)
        assert finding.remedy.message("en") == (
            "Lower the request by SEK 300,000 to SEK 3,000,000: "
            "the budget SEK 3,300,000 less co-financing SEK 300,000."
        )
        assert judge(remedied(data, finding), "BU001") == []

    def test_bu001_a_missing_request_is_computed(self, judge, application):
        data = application()
        del data["requested"]
        (finding,) = judge(data, "BU001")
        assert finding.key == "no_request"
        assert judge(remedied(data, finding), "BU001") == []

    @PROPERTY
    @given(
        years=st.lists(
            st.tuples(
                st.integers(0, 4_000_000),
                st.integers(0, 400_000),
                st.integers(0, 400_000),
                st.integers(-50_000, 50_000),
            ),
            min_size=1,
            max_size=3,
        ),
        co_financing=st.integers(0, 2_000_000),
        request_off=st.integers(-500_000, 500_000),
    )
    def test_bu001_property_each_remedy_removes_its_finding(
        self, judge, application, years, co_financing, request_off
    ):
        budget = [
            {"year": 2016 + i, "personnel": p, "premises": r, "other": o, "total": max(0, p + r + o + off)}
            for i, (p, r, o, off) in enumerate(years)
        ]
        total = sum(line["total"] for line in budget)
        data = application(
            period={"start": D(2016, 1, 1), "end": D(2016 + len(budget) - 1, 12, 31)},
            budget=budget,
            requested=max(0, total - co_financing + request_off),
            co_financing=[{"source": "ESF", "amount": co_financing}] if co_financing else [],
        )
        for finding in judge(data, "BU001"):
            if finding.key in ("request", "no_request") and total < co_financing:
                assert finding.remedy is None  # a negative request is no fix
                continue
            event(f"BU001 {finding.key} remedied")
            after = judge(remedied(data, finding), "BU001")
            assert (finding.key, finding.subject, finding.figures.get("year")) not in [
                (f.key, f.subject, f.figures.get("year")) for f in after
            ]


class TestPlannedParticipants:
    def test_ga002_the_total_is_the_sum_by_gender(self, judge, application):
        data = application(planned_participants={"total": 63, "women": 53, "men": 8})
        (finding,) = judge(data, "GA002")
        assert finding.remedy.changes == (Change("$.planned_participants.total", 61),)
        assert (
            finding.remedy.message("sv")
            == "Ange totalt 61 planerade deltagare (53 kvinnor + 8 män), inte 63."
        )
        assert judge(remedied(data, finding), "GA002") == []

    def test_ga002_a_missing_gender_is_the_total_less_the_other(self, judge, application):
        data = application(planned_participants={"total": 60, "women": 42})
        (finding,) = judge(data, "GA002")
        assert finding.remedy.changes == (Change("$.planned_participants.men", 18),)
        assert finding.remedy.message("en") == "State 18 planned men (the total 60 less 42 women)."
        assert judge(remedied(data, finding), "GA002") == []

    def test_ga002_without_any_figure_by_gender_there_is_no_remedy(self, judge, application):
        (finding,) = judge(application(planned_participants={"total": 60}), "GA002")
        assert finding.remedy is None

    @PROPERTY
    @given(
        total=st.integers(1, 500),
        women=st.one_of(st.none(), st.integers(1, 500)),
        men=st.one_of(st.none(), st.integers(1, 500)),
    )
    def test_ga002_property_the_remedy_removes_the_finding(self, judge, application, total, women, men):
        planned: dict[str, int] = {"total": total}
        if women is not None:
            planned["women"] = women
        if men is not None:
            planned["men"] = men
        data = application(planned_participants=planned)
        for finding in judge(data, "GA002"):
            if finding.remedy is None:
                assert (women is None and men is None) or (women or men or 0) > total
                continue
            event(f"GA002 {finding.key} remedied")
            assert finding.key not in keys(judge(remedied(data, finding), "GA002"))


class TestOutputs:
    def test_json_carries_the_remedy_message_and_changes(self, judge, application):
        data = application(period={"start": D(2016, 1, 1), "end": D(2019, 12, 31)})
        (finding,) = judge(data, "FP001")
        shown = finding_data(finding, "en")["remedy"]
        assert shown == {
            "message": "The period may end at the latest on 2018-12-31 (36 months in total).",
            "changes": [{"path": "$.period.end", "value": "2018-12-31"}],
        }
        json.dumps(shown)


def _probe(remedy: Any, remedies: dict[str, dict[str, str]] | None = None):
    @rule(
        code="ZZ900",
        name="probe",
        scope=Scope.APPLICATION,
        severity=Severity.ERROR,
        source=plan("test"),
        title={"sv": "Prov", "en": "Probe"},
        messages={"m": {"sv": "Fel.", "en": "Wrong."}},
        remedies=remedies or {"r": {"sv": "Sätt {value}.", "en": "Set {value}."}},
        explanation=explain(sv=("a", "b", "c", "d"), en=("a", "b", "c", "d")),
    )
    def probe(app, check: Check):
        yield check.finding("m", remedy=remedy(check))

    return probe


class TestValidation:
    def check_for(self, probe) -> Check:
        return Check(rule=probe, params={}, as_of=D(2016, 1, 1))

    def test_a_plain_remedy_passes_and_one_language_proves_the_other(self):
        """Templates that name the same plain figures in the same formats: the Swedish
        message is written inside the isolation, the English one when an output asks."""
        probe = _probe(lambda check: check.remedy("r", changes=[Change("$.requested", 5)], value=5))
        check = self.check_for(probe)
        (finding,) = probe.function(None, check)
        _validate(finding, check)
        assert finding.remedy._rendered == {"sv": "Sätt 5."}
        assert finding.remedy.message("en") == "Set 5."

    def test_a_remedy_whose_languages_differ_is_rendered_in_every_language(self):
        """The English template names another figure: both are written inside the rule's
        isolation, so the missing figure is the rule's failure, never an output's."""
        remedies = {"r": {"sv": "Sätt {value}.", "en": "Set {amount}."}}
        make = lambda check: check.remedy("r", changes=[Change("$.requested", 5)], value=5)  # noqa: E731
        probe = _probe(make, remedies)
        check = self.check_for(probe)
        (finding,) = probe.function(None, check)
        with pytest.raises(InvalidFinding, match="en remedy"):
            _validate(finding, check)

    @pytest.mark.parametrize(
        "make",
        [
            lambda check: "Fix it.",
            lambda check: check.remedy("r", changes=[], value=1),
            lambda check: check.remedy("r", changes=[Change("requested", 5)], value=1),
            lambda check: check.remedy("r", changes=[Change("$.requested", object())], value=1),
            lambda check: check.remedy("r", changes=[("$.requested", 5)], value=1),
            lambda check: check.remedy("r", changes=[Change("$.requested", 5)]),
        ],
        ids=["text", "no-change", "not-a-key-path", "not-plain", "not-a-change", "missing-figure"],
    )
    def test_anything_else_is_the_rules_failure(self, make):
        probe = _probe(make)
        check = self.check_for(probe)
        (finding,) = probe.function(None, check)
        with pytest.raises(InvalidFinding):
            _validate(finding, check)

    def test_a_remedy_template_must_exist_in_both_languages(self):
        with pytest.raises(ValueError, match="remedy"):
            rule(
                code="ZZ901",
                name="probe",
                scope=Scope.APPLICATION,
                severity=Severity.ERROR,
                source=plan("test"),
                title={"sv": "Prov", "en": "Probe"},
                messages={},
                remedies={"r": {"sv": "Bara svenska."}},
                explanation=explain(sv=("a", "b", "c", "d"), en=("a", "b", "c", "d")),
            )(lambda app, check: iter(()))


class TestApplicationRules:
    """Example tests: each rule's remedy, applied to the base application, removes its finding."""

    def fixed(self, judge, data: dict[str, Any], code: str) -> Finding:
        (finding,) = judge(data, code)
        assert finding.key not in keys(judge(remedied(data, finding), code))
        return finding

    def test_at001_attach_what_is_missing(self, judge, application):
        finding = self.fixed(judge, application(attachments=["budget"]), "AT001")
        assert finding.remedy.changes == (Change("$.attachments", ["budget", "cooperation_agreement"]),)

    def test_sg001_add_the_absent_parties(self, judge, application):
        finding = self.fixed(judge, application(steering_group=["molndal", "fk", "af"]), "SG001")
        assert finding.remedy.changes == (
            Change("$.steering_group", ["molndal", "fk", "af", "vgr", "lerum"]),
        )
        assert finding.remedy.message("sv") == "Lägg till vgr, lerum i styrgruppen."

    def test_sg001_remove_who_is_no_party(self, judge, application):
        group = ["molndal", "fk", "af", "vgr", "lerum", "partille"]
        finding = self.fixed(judge, application(steering_group=group), "SG001")
        assert finding.remedy.changes == (Change("$.steering_group", group[:-1]),)

    def test_tg001_the_age_bounds_of_working_age(self, judge, application):
        group = dict(APPLICATION_TARGET_GROUP, age_min=13, age_max=19)
        finding = self.fixed(judge, application(target_group=group), "TG001")
        assert finding.remedy.changes == (Change("$.target_group.age_min", 16),)
        assert finding.remedy.message("sv") == "Avgränsa målgruppen till 16-19 år (arbetsför ålder 16-64 år)."

    def test_tg001_no_remedy_when_no_one_is_of_working_age(self, judge, application):
        group = dict(APPLICATION_TARGET_GROUP, age_min=67, age_max=80)
        (finding,) = judge(application(target_group=group), "TG001")
        assert finding.remedy is None

    def test_pa002_a_party_of_another_kind(self, judge, application):
        data = application(owner="lerum", parties=["alingsas"], steering_group=["lerum", "alingsas"])
        finding = self.fixed(judge, data, "PA002")
        assert finding.remedy.changes == (Change("$.parties", ["alingsas", "fk"]),)
        assert finding.remedy.message("en") == "Add fk (Försäkringskassan) as a party."

    def test_pa001_the_nearest_member_as_owner(self, judge, application):
        finding = self.fixed(judge, application(owner="Molndal"), "PA001")
        assert finding.remedy.changes == (Change("$.owner", "molndal"),)

    def test_pa003_the_nearest_member_for_a_reference(self, judge, application):
        data = application(parties=["fk", "af", "vgr", "Lerum"])
        finding = self.fixed(judge, data, "PA003")
        assert finding.remedy.changes == (Change("$.parties[3]", "lerum"),)


APPLICATION_TARGET_GROUP = {
    "description": "Unga vuxna",
    "age_min": 20,
    "age_max": 64,
    "priority_groups": ["young_adults"],
}


class TestPortfolioRules:
    """FP002 and RP001 judge a portfolio: the remedy edits one application, or is a report to add."""

    def portfolio(self, association, applications, reports=()):
        return Portfolio(
            root=Path("portfolj"),
            association=association,
            association_path=Path("portfolj/association.toml"),
            applications=tuple(
                (Path(f"portfolj/applications/{i}.toml"), a) for i, a in enumerate(applications)
            ),
            reports=tuple((Path(f"portfolj/reports/{i}.toml"), r) for i, r in enumerate(reports)),
            year=association.year,
        )

    def findings(self, standard_policy, portfolio, code):
        evaluation = Engine(standard_policy).evaluate_portfolio(portfolio, portfolio.year)
        return [f for f in evaluation.findings if f.code == code]

    def test_fp002_the_latest_end_across_successive_applications(
        self, standard_policy, association, application
    ):
        first = application(
            id="2016/0007", period={"start": D(2014, 1, 1), "end": D(2015, 12, 31)}, submitted=D(2013, 10, 1)
        )
        first["decision"] = dict(first["decision"], date=D(2013, 12, 1), reports_required=[])
        second = application(
            id="2017/0031",
            continues="2016/0007",
            period={"start": D(2016, 1, 1), "end": D(2017, 6, 30)},
            previous_periods=[{"start": D(2014, 1, 1), "end": D(2015, 12, 31)}],
        )
        apps = [structure(first, Application), structure(second, Application)]
        (finding,) = [
            f
            for f in self.findings(standard_policy, self.portfolio(association, apps), "FP002")
            if f.key == "too_long"
        ]
        assert finding.subject == "2017/0031"
        assert finding.remedy.changes == (Change("$.period.end", D(2016, 12, 31)),)
        apps[1] = structure(remedied(second, finding), Application)
        assert "too_long" not in keys(
            self.findings(standard_policy, self.portfolio(association, apps), "FP002")
        )

    def test_rp001_the_report_that_is_due(self, standard_policy, association, base_application):
        portfolio = self.portfolio(association, [base_application])
        missing = [f for f in self.findings(standard_policy, portfolio, "RP001") if f.key == "missing"]
        first = missing[0]
        assert first.remedy.new_document
        assert first.remedy.changes == (
            Change("$.project", "2016/0003"),
            Change("$.kind", "progress"),
            Change("$.period.start", D(2016, 1, 1)),
            Change("$.period.end", D(2016, 5, 15)),
        )
        assert first.remedy.message("sv") == (
            "Lämna en lägesrapport för 2016/0003 för perioden 2016-01-01–2016-05-15 senast 2016-05-15."
        )
        reports = [structure(apply_changes({}, f.remedy.changes), Report) for f in missing]
        after = self.findings(
            standard_policy, self.portfolio(association, [base_application], reports), "RP001"
        )
        assert keys(after) == ["complete"]

    def test_rp001_the_final_report_that_is_due(self, standard_policy, association, application):
        data = application(period={"start": D(2015, 1, 1), "end": D(2016, 6, 30)})
        data["decision"] = dict(data["decision"], reports_required=[])
        app = structure(data, Application)
        (finding,) = self.findings(standard_policy, self.portfolio(association, [app]), "RP001")
        assert finding.key == "final_missing"
        assert finding.remedy.message("en") == (
            "Send the final report of 2016/0003 for the period 2015-01-01..2016-06-30, due by 2016-08-29."
        )
        report = structure(apply_changes({}, finding.remedy.changes), Report)
        after = self.findings(standard_policy, self.portfolio(association, [app], [report]), "RP001")
        assert keys(after) == ["complete"]


FOUR_YEARS = Path(__file__).parent.parent / "examples/screening/applications/fp001-fyra-ar.toml"


@pytest.mark.parametrize(
    ("fmt", "lang", "line"),
    [
        ("text", "sv", "    Åtgärd: Perioden får sluta senast 2019-12-31 (36 månader sammanlagt)."),
        ("text", "en", "    Remedy: The period may end at the latest on 2019-12-31 (36 months in total)."),
        ("markdown", "sv", "Åtgärd: Perioden får sluta senast 2019-12-31 \\(36 månader sammanlagt\\)."),
        ("letter", "sv", "Komplettera: Perioden får sluta senast 2019-12-31 (36 månader sammanlagt)."),
        ("letter", "en", "To complete: The period may end at the latest on 2019-12-31 (36 months in total)."),
    ],
)
def test_screen_outputs_show_the_remedy(standard_env, fmt, lang, line):
    """The four-year project of 2017-01-01..2020-12-31 may end at the latest on 2019-12-31."""
    result = CliRunner(env=standard_env).invoke(
        main, ["screen", str(FOUR_YEARS), "--format", fmt, "--lang", lang, "--fail-on", "never"]
    )
    assert result.exit_code == 0, result.output
    assert line in result.output


#: One concrete sentence per element of a free text, as an applicant would write it.
TEXT_SENTENCES = {
    "GA001": {
        "sv": {
            "representation": "Sju av tio remitterade är kvinnor.",
            "action": "Vi informerar Arbetsförmedlingen särskilt om målgruppens män.",
            "follow_up": "Vi följer upp fördelningen per kön i SUS varje tertial.",
        },
        "en": {
            "representation": "Seven in ten referrals are women.",
            "action": "We inform the Employment Service about men in the target group.",
            "follow_up": "We monitor referrals and outcomes by gender in SUS each tertial.",
        },
    },
    "IM001": {
        "sv": {
            "takeover": "Lerums kommun tar över de två coacherna i ordinarie budget.",
            "start": "Det gäller från 2019-01-01.",
            "decision": "Arbetsmarknadsnämnden beslutar om det i oktober 2018.",
        },
        "en": {
            "takeover": "Lerum municipality takes over the two coaches in its ordinary budget.",
            "start": "This applies from 1 January 2019.",
            "decision": "The labour market committee decides in October 2018.",
        },
    },
}
TEXT_KEYS = {"GA001": "gender_analysis", "IM001": "implementation_plan"}


class TestFreeTextRules:
    """GA001 and IM001 name the elements the text lacks; the applicant writes them, so the
    remedy changes nothing and says what to write at the text's key path."""

    @staticmethod
    def vocabulary(code: str) -> str:
        """The pack's words for the elements of the rule's text (policies/words.toml)."""
        return "gender_analysis" if code == "GA001" else "implementation_plan"

    @pytest.mark.parametrize("code", ["GA001", "IM001"])
    @pytest.mark.parametrize("lang", ["sv", "en"])
    @pytest.mark.parametrize("given_count", [0, 1, 2])
    def test_writing_the_named_elements_removes_the_finding(
        self, judge, application, code, lang, given_count
    ):
        sentences = TEXT_SENTENCES[code][lang]
        given = list(sentences)[:given_count]
        text = " ".join(sentences[element] for element in given)
        key = TEXT_KEYS[code]
        (finding,) = judge(application(**{key: text}), code)
        remedy = finding.remedy
        assert remedy is not None and remedy.changes == () and remedy.path == f"$.{key}"
        missing = [element for element in sentences if element not in given]
        assert finding.figures["missing"] == missing
        vocabulary = self.vocabulary(code)
        for message_lang in ("sv", "en"):
            named = render_template(f"{{m:and@{vocabulary}}}", message_lang, {"m": missing})
            assert named in remedy.message(message_lang)
            for element in given:
                assert word(vocabulary, element, message_lang) not in remedy.message(message_lang)
        # The applicant writes one sentence for each element the remedy names.
        named = [e for e in sentences if word(vocabulary, e, lang) in remedy.message(lang)]
        assert named == missing
        completed = " ".join([text, *(sentences[element] for element in named)]).strip()
        assert judge(application(**{key: completed}), code) == []

    def test_the_messages_say_what_to_complete(self, judge, application):
        text = TEXT_SENTENCES["GA001"]["sv"]["representation"]
        (finding,) = judge(application(gender_analysis=text), "GA001")
        assert finding.remedy.message("sv") == (
            "Komplettera jämställdhetsanalysen med: vad projektet gör åt skillnaderna och hur "
            "projektet följer upp per kön."
        )
        assert finding.remedy.message("en") == (
            "Complete the gender analysis with: what the project will do about the differences "
            "and how the project follows up by gender."
        )
        data = finding_data(finding, "en")["remedy"]
        assert data["changes"] == [] and data["path"] == "$.gender_analysis"

    def test_a_missing_plan_is_to_be_written(self, judge, application):
        (finding,) = judge(application(implementation_plan=""), "IM001")
        assert finding.remedy.message("sv") == (
            "Skriv en implementeringsplan (implementation_plan) som anger: vem som tar över "
            "vad, från när och vem som beslutar."
        )

    def test_a_remedy_without_changes_must_name_its_text(self):
        templates = {"sv": "Skriv.", "en": "Write."}
        with pytest.raises(InvalidFinding, match="changes nothing"):
            _validate_remedy(Remedy(key="write", changes=(), templates=templates))
        with pytest.raises(InvalidFinding, match="not a key path"):
            _validate_remedy(Remedy(key="write", changes=(), templates=templates, path="gender_analysis"))
