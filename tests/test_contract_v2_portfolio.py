"""Contract version 2 for the year as a whole: coverage is participation, a final report is
owed after an end or an early end, the year is counted as the association counts it, and a
member may be named by its name.

The portfolio is the base one of ``conftest.py`` (MPHLA's individual cooperation team,
2016) with projects added; ``examples/second-year`` is the realistic second portfolio.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from finsam_rules.cli import main
from finsam_rules.engine import Engine, Verdict
from finsam_rules.errors import PluginError, PolicyError
from finsam_rules.hookspecs import hookimpl
from finsam_rules.plugins import build_registry
from finsam_rules.policy import load_policy
from finsam_rules.portfolio import load_portfolio
from finsam_rules.rules import Param, ParamType, Severity

D = dt.date
ROOT = Path(__file__).resolve().parents[1]
SECOND_YEAR = ROOT / "examples" / "second-year"


def year_findings(root: Path, engine: Engine, code: str) -> list[Any]:
    """The portfolio findings of one rule for the association's year."""
    portfolio = load_portfolio(root)
    evaluation = engine.evaluate_portfolio(portfolio, portfolio.year)
    return [f for f in evaluation.findings if f.code == code]


def add_application(root: Path, write_toml: Any, data: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """Write a copy of ``data`` with ``changes`` as another application of the portfolio."""
    app = copy.deepcopy(data)
    app.update(changes)
    write_toml(root / "applications" / f"{app['id'].replace('/', '-')}.toml", app)
    return app


class TestCV003ParticipationNotCoverage:
    """A new project is cross-municipal when two member municipalities take part in it."""

    def test_an_fk_af_project_covering_every_municipality_does_not_count(
        self, portfolio, write_toml, application_data, engine
    ):
        # the base project continues an earlier one, so the FK/AF project is the year's only new one
        add_application(portfolio, write_toml, application_data, continues="2015/0003")
        (portfolio / "applications" / "2016-0003-individsamverkansteam.toml").unlink()
        add_application(
            portfolio,
            write_toml,
            application_data,
            id="2016/0040",
            title="Start eget",
            owner="fk",
            parties=["af"],
            county_wide=True,
            steering_group=["fk", "af"],
        )
        [finding] = year_findings(portfolio, engine, "CV003")
        assert (finding.key, finding.severity) == ("missing", Severity.WARNING)
        assert finding.figures["taking_part"]["2016/0040"] == []
        assert "2016/0040 (inga kommuner)" in finding.message("sv")
        assert "2016/0040 (no municipality)" in finding.message("en")

    def test_an_owner_and_a_party_municipality_count(self, portfolio, write_toml, application_data, engine):
        add_application(
            portfolio,
            write_toml,
            application_data,
            id="2016/0041",
            title="Partille och Härryda tillsammans",
            owner="partille",
            parties=["harryda", "af"],
            county_wide=False,
            municipalities=["partille", "harryda"],
            steering_group=["partille", "harryda", "af"],
        )
        [finding] = year_findings(portfolio, engine, "CV003")
        assert finding.key == "started"
        assert "2016/0041" in finding.figures["wide"]
        assert "2016/0041 (partille, harryda)" in finding.message("sv")


class TestCV001CountyWideParameter:
    """Whether a county-wide project runs in every municipality is the association's call."""

    def test_by_default_county_wide_covers_all(self, portfolio, engine):
        [finding] = year_findings(portfolio, engine, "CV001")
        assert finding.key == "covered"

    def test_switched_off_it_covers_only_the_listed_municipalities(self, portfolio, policy_engine):
        engine = policy_engine("[rules.CV001.params]\ncounty_wide_covers_all = false\n")
        findings = year_findings(portfolio, engine, "CV001")
        assert {f.subject for f in findings} == {"molndal", "partille", "harryda", "lerum", "alingsas"}
        assert findings[0].message("sv").endswith("pågående projekt under 2016; minst 1 krävs.")
        assert "running project(s) in 2016" in findings[0].message("en")


class TestRP001ImpliedFinalReport:
    """A granted project owes a final report a set number of days after it ends."""

    def test_an_early_end_without_any_report_is_flagged(
        self, portfolio, write_toml, application_data, engine
    ):
        decision = {**application_data["decision"], "reports_required": [D(2016, 9, 15)]}
        decision.update(ended=D(2016, 5, 31), ended_reason="Ägaren avslutade projektet", returned=900_000)
        add_application(
            portfolio, write_toml, application_data, id="2016/0050", title="Steget", decision=decision
        )
        [finding] = [f for f in year_findings(portfolio, engine, "RP001") if f.subject == "2016/0050"]
        assert finding.key == "ended_without_report"
        assert finding.figures["due"] == D(2016, 7, 30)  # 60 days after 2016-05-31
        assert finding.message("sv") == (
            "2016/0050 (Steget): projektet avslutades i förtid 2016-05-31 (Ägaren avslutade "
            "projektet) utan någon rapport; slutrapporten skulle lämnas senast 2016-07-30 (60 dagar "
            "senare)."
        )
        assert finding.message("en") == (
            "2016/0050 (Steget): the project ended early on 2016-05-31 (Ägaren avslutade "
            "projektet) without any report; its final report was due by 2016-07-30 (60 days later)."
        )

    def test_a_final_report_is_owed_whether_or_not_the_decision_listed_dates(
        self, portfolio, write_toml, application_data, engine
    ):
        decision = {**application_data["decision"], "reports_required": []}
        add_application(
            portfolio,
            write_toml,
            application_data,
            id="2016/0051",
            title="Kort insats",
            period={"start": D(2016, 1, 1), "end": D(2016, 6, 30)},
            budget=[
                {
                    "year": 2016,
                    "personnel": 3_124_000,
                    "premises": 135_000,
                    "other": 41_000,
                    "total": 3_300_000,
                }
            ],
            decision=decision,
        )
        [finding] = [f for f in year_findings(portfolio, engine, "RP001") if f.subject == "2016/0051"]
        assert finding.key == "final_missing"
        assert finding.message("en").endswith("its final report was due by 2016-08-29 (60 days later).")

    def test_the_days_are_a_parameter(self, portfolio, write_toml, application_data, policy_engine):
        decision = {**application_data["decision"], "reports_required": [], "ended": D(2016, 10, 31)}
        add_application(
            portfolio, write_toml, application_data, id="2016/0052", title="Sent", decision=decision
        )
        engine = policy_engine("[settings]\nfinal_report_days = 90\n")
        assert [f for f in year_findings(portfolio, engine, "RP001") if f.subject == "2016/0052"] == []

    def test_the_second_year_flags_steget_ended_early(self):
        result = CliRunner().invoke(main, ["report", str(SECOND_YEAR), "--format", "json", "--lang", "en"])
        data = json.loads(result.stdout)
        rp001 = [f for f in data["portfolio_findings"] if f["code"] == "RP001"]
        assert [(f["subject"], f["severity"]) for f in rp001] == [("2017/0007", "error")]
        assert "ended early on 2017-06-30" in rp001[0]["message"]


class TestOT003CountsAsTheAssociation:
    """OT003 has its own counting parameters and leaves small projects out, by name."""

    def test_a_project_with_too_few_finished_is_left_out_and_named(self):
        result = CliRunner().invoke(main, ["report", str(SECOND_YEAR), "--format", "json"])
        data = json.loads(result.stdout)
        [ot003] = [f for f in data["portfolio_findings"] if f["code"] == "OT003"]
        # Vägen vidare 25 of 36 and Start eget 5 of 7, each with at least 5 finished
        assert (ot003["figures"]["successes"], ot003["figures"]["denominator"]) == (30, 43)
        assert ot003["figures"]["left_out"] == []
        assert (
            "30 av 43 avslutade = 69,8 % till arbete, praktik, studier eller startat eget företag"
            in (ot003["message"])
        )

    def test_min_finished_names_the_projects_left_out(self, tmp_path):
        import shutil

        root = tmp_path / "sjobygden"
        shutil.copytree(SECOND_YEAR, root)
        plan = root / "finsam.toml"
        plan.write_text(plan.read_text("utf-8").replace("value = 5,", "value = 8,"), "utf-8")
        engine = Engine(load_policy(build_registry(), plan))
        [finding] = year_findings(root, engine, "OT003")
        assert finding.figures["left_out"] == ["2017/0010"]
        assert finding.message("sv").endswith("; utanför räkningen (färre än 8 avslutade): 2017/0010 (7).")
        assert finding.message("en").endswith(
            "; left out of the count (fewer than 8 finished): 2017/0010 (7)."
        )


class TestMembersNamedByName:
    """A member's exact name is that member; anything else says which ids exist."""

    def test_owner_moelndals_stad_is_the_member_molndal(self, portfolio):
        app = portfolio / "applications" / "2016-0003-individsamverkansteam.toml"
        app.write_text(
            app.read_text("utf-8").replace('owner = "molndal"', 'owner = "Mölndals stad"'), "utf-8"
        )
        result = CliRunner().invoke(main, ["screen", str(app), "--format", "json"])
        [document] = json.loads(result.stdout)["documents"]
        assert document["findings"] == []
        assert document["verdict"] == Verdict.APPROVE.value
        portfolio_data = load_portfolio(portfolio)
        assert portfolio_data.application("2016/0003").owner == "molndal"

    def test_a_misspelt_owner_names_the_nearest_member(self, base_application, evaluate):
        import attrs

        app = attrs.evolve(base_application, owner="Mölndal stad")
        [finding] = [f for f in evaluate(app).findings if f.code == "PA001"]
        assert finding.figures["nearest"] == "molndal"
        assert "närmast: molndal (Mölndals stad)" in finding.message("sv")
        assert "nearest: molndal (Mölndals stad)" in finding.message("en")
        assert "fk, af, vgr, molndal" in finding.message("en")

    def test_a_party_that_is_a_member_but_no_municipality(self, base_application, evaluate):
        import attrs

        app = attrs.evolve(base_application, municipalities=("molndal", "vgr"))
        [finding] = [f for f in evaluate(app).findings if f.code == "PA003"]
        assert finding.key == "not_municipality"
        assert finding.message("en").startswith(
            "municipalities[1] = 'vgr' is a member but not a municipality"
        )

    def test_screen_and_report_agree_on_a_bad_reference(self, portfolio):
        app = portfolio / "applications" / "2016-0003-individsamverkansteam.toml"
        app.write_text(app.read_text("utf-8").replace('"lerum"', '"Lerum kommun"', 1), "utf-8")
        runner = CliRunner()
        screen = json.loads(
            runner.invoke(main, ["screen", str(app), "--format", "json", "--fail-on", "never"]).stdout
        )
        report = runner.invoke(main, ["report", str(portfolio), "--format", "json"])
        assert report.exit_code != 3  # the file was read: a finding, not an unreadable input
        board = json.loads(report.stdout)
        in_screen = [f["message"] for d in screen["documents"] for f in d["findings"] if f["code"] == "PA003"]
        in_report = [
            f["message"] for a in board["applications"] for f in a["findings"] if f["code"] == "PA003"
        ]
        assert in_screen == in_report
        assert "närmast: lerum (Lerums kommun)" in in_screen[0]


class TestTheSettingsHook:
    """A pack declares the settings it owns; names are unique and defaults its own."""

    def test_two_packs_declaring_one_setting_are_rejected(self):
        class Other:
            @staticmethod
            @hookimpl
            def register_settings(register):
                register(Param("denominator", ParamType.CHOICE, choices=("finished",)))

        with pytest.raises(PluginError) as caught:
            build_registry([("finsam-annat", Other)])
        assert "denominator" in caught.value.message["en"]
        assert "finsam-rules" in caught.value.message["en"]
        assert "Inställningen denominator" in caught.value.message["sv"]

    def test_every_setting_needs_a_default(self):
        class Pack:
            @staticmethod
            @hookimpl
            def register_settings(register):
                register(Param("min_age_counted", ParamType.INTEGER))

        registry = build_registry([("finsam-exempel", Pack)])
        with pytest.raises(PolicyError) as caught:
            load_policy(registry)
        assert "settings.min_age_counted" in caught.value.line("en")
        assert "declares the setting but no policy file gives its value" in caught.value.line("en")


class TestSettingsAreVisible:
    """A changed setting shows in `policy show`, `policy diff` and decision records."""

    def test_policy_show_lists_the_settings_with_their_origin(self):
        result = CliRunner().invoke(
            main, ["policy", "show", str(SECOND_YEAR / "finsam.toml"), "--format", "json"]
        )
        settings = json.loads(result.stdout)["settings"]
        assert settings["counted_outcomes"][0]["value"] == [
            "work",
            "internship",
            "studies",
            "self_employment",
        ]
        assert settings["counted_outcomes"][0]["origin"] == str(SECOND_YEAR / "finsam.toml")
        assert settings["denominator"][0]["origin"] == "finsam-rules:standard.toml"

    def test_policy_diff_names_a_changed_setting(self):
        result = CliRunner().invoke(
            main, ["policy", "diff", "standard", str(SECOND_YEAR / "finsam.toml"), "--lang", "en"]
        )
        assert result.exit_code == 1
        assert (
            "  settings counted_outcomes: [work, studies, further_rehabilitation] -> "
            "[work, internship, studies, self_employment]"
        ) in result.stdout

    def test_a_record_keeps_the_settings_and_verify_names_a_change(self, tmp_path):
        import shutil

        root = tmp_path / "sjobygden"
        shutil.copytree(SECOND_YEAR, root)
        records = tmp_path / "records"
        runner = CliRunner()
        report = root / "reports" / "2017-0010-start-eget-feb-aug.toml"
        done = runner.invoke(main, ["screen", str(report), "--record", str(records), "--fail-on", "never"])
        assert done.exit_code == 0, done.output
        [record] = sorted(records.glob("*.json"))
        data = json.loads(record.read_text("utf-8"))
        assert data["policy"]["settings"]["counted_outcomes"]["value"][-1] == "self_employment"
        plan = root / "finsam.toml"
        plan.write_text(plan.read_text("utf-8").replace(', "self_employment"]', "]", 1), "utf-8")
        result = runner.invoke(main, ["record", "verify", str(record)])
        assert result.exit_code == 1
        assert "\n  policy: inställningen counted_outcomes har ändrats\n" in result.output
        assert "\n  utfall: förslag godkänns -> avvikelse\n" in result.output  # 2 of 7 = 29 %
        english = runner.invoke(main, ["record", "verify", str(record), "--lang", "en"])
        assert "\n  policy: setting counted_outcomes differs\n" in english.output
        assert "\n  outcome: verdict godkänns -> avvikelse\n" in english.output


class TestHonestSources:
    """A source says exactly where a rule comes from; the law does not set the age range,
    the skew threshold, the priority groups or "two parties per project"."""

    @pytest.fixture(scope="class")
    @classmethod
    def rules(cls) -> dict[str, Any]:
        return build_registry().rules

    def test_tg001_is_the_preparatory_works_and_the_plan(self, rules):
        rule = rules["TG001"]
        assert rule.source.reference.startswith("prop. 2002/03:132")
        assert "förbundets plan" in rule.source.reference
        assert "Lagen anger ingen åldersgräns" in rule.explanation["sv"].source
        assert "The law sets no age range" in rule.explanation["en"].source

    def test_ga004_and_tg002_are_the_plan(self, rules):
        assert rules["GA004"].source.kind.value == "plan"
        assert "anger ingen gräns" in rules["GA004"].explanation["sv"].source
        assert "sets no limit" in rules["GA004"].explanation["en"].source
        assert rules["TG002"].source.kind.value == "plan"

    def test_pa002_is_section_2_and_national_guidance(self, rules):
        reference = rules["PA002"].source.reference
        assert "Lag (2003:1210) 2 §" in reference and "Nationella rådets vägledning" in reference
        assert "Nationella rådets vägledning" in rules["PA002"].explanation["sv"].source
        assert "national council's guidance" in rules["PA002"].explanation["en"].source
