"""Association policy files: a plan changes verdicts in the way it says, and nothing else.

The example policy is the one of the association in the shared interim report
(examples/policy-mphla): its target is phrased "bör", so OT002 is a warning; success is work,
internship or studies; the target level is dated.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from finsam_rules.cli import main
from finsam_rules.errors import PolicyError
from finsam_rules.plugins import build_registry
from finsam_rules.policy import load_policy

ROOT = Path(__file__).resolve().parents[1]
MPHLA = ROOT / "examples" / "policy-mphla"
MPHLA_POLICY = MPHLA / "verksamhetsplan-2015-2017.toml"
BALDER_2016 = MPHLA / "documents" / "reports" / "balder-2016.toml"
BALDER_2017 = MPHLA / "documents" / "reports" / "balder-2017.toml"


@pytest.fixture(autouse=True)
def standard_pack_only(monkeypatch):
    """Only the standard pack, whatever else happens to be installed."""
    monkeypatch.setenv("FINSAM_RULES_PLUGINS", "finsam-rules")


@pytest.fixture
def registry():
    return build_registry()


def screen_json(*args: str) -> dict:
    result = CliRunner().invoke(main, ["screen", "--format", "json", "--fail-on", "never", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def findings_of(data: dict, code: str) -> list[dict]:
    return [f for doc in data["documents"] for f in doc["findings"] if f["code"] == code]


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


class TestAPolicyChangesTheVerdictAsItSays:
    def test_without_the_plan_a_missed_target_is_a_deviation(self):
        """Below the association's 70 %: the report is complete, the project deviates."""
        data = screen_json(str(BALDER_2016))
        assert data["documents"][0]["verdict"] == "avvikelse"
        (finding,) = findings_of(data, "OT002")
        assert finding["severity"] == "warning"
        assert finding["parameters"]["target"] == 0.7

    def test_the_plans_bor_makes_the_missed_target_a_warning(self):
        data = screen_json(str(BALDER_2017), "--policy", str(MPHLA_POLICY))
        (finding,) = findings_of(data, "OT002")
        assert finding["severity"] == "warning"
        assert data["documents"][0]["verdict"] == "avvikelse"

    def test_the_plan_counts_internship_not_further_rehabilitation(self):
        data = screen_json(str(BALDER_2017), "--policy", str(MPHLA_POLICY))
        (finding,) = findings_of(data, "OT002")
        assert finding["figures"]["counted_outcomes"] == ["work", "internship", "studies"]
        assert finding["figures"]["successes"] == 27  # 15 work + 4 internship + 8 studies
        assert finding["figures"]["denominator"] == 52  # 119 participants less 67 ongoing
        assert "27 av 52 avslutade = 52 %" in finding["message"]


class TestDatedParameters:
    """A decision is evaluated with the values in force on its date."""

    def test_a_report_before_valid_from_uses_the_earlier_value(self):
        data = screen_json(str(BALDER_2016), "--policy", str(MPHLA_POLICY))
        (note,) = findings_of(data, "OT002")  # 52 % against 50 % (from 2015-01-01)
        assert note["severity"] == "info" and "27 av 52 avslutade = 52 %" in note["message"]

    def test_a_report_after_valid_from_uses_the_later_value(self):
        data = screen_json(str(BALDER_2017), "--policy", str(MPHLA_POLICY))
        (finding,) = findings_of(data, "OT002")
        assert finding["parameters"]["target"] == 0.55  # from 2017-01-01

    def test_as_of_overrides_the_documents_own_date(self):
        data = screen_json(str(BALDER_2016), "--policy", str(MPHLA_POLICY), "--as-of", "2017-06-30")
        assert data["documents"][0]["as_of"] == "2017-06-30"
        assert findings_of(data, "OT002")[0]["parameters"]["target"] == 0.55

    def test_resolution_picks_the_latest_value_on_or_before_the_date(self, registry):
        policy = load_policy(registry, MPHLA_POLICY)
        rule = registry.rules["OT002"]
        assert policy.param(rule, "target", dt.date(2014, 12, 31)).value == 0.7  # standard
        assert policy.param(rule, "target", dt.date(2015, 1, 1)).value == 0.5
        assert policy.param(rule, "target", dt.date(2016, 12, 31)).value == 0.5
        assert policy.param(rule, "target", dt.date(2017, 1, 1)).value == 0.55


class TestShowAndDiff:
    def test_show_names_where_each_value_came_from(self):
        result = CliRunner().invoke(main, ["policy", "show", str(MPHLA_POLICY), "--format", "json"])
        assert result.exit_code == 0, result.output
        data = json.loads(result.stdout)
        ot002 = data["rules"]["OT002"]
        assert ot002["severity"] == "warning"
        assert ot002["severity_origin"] == str(MPHLA_POLICY)
        assert "bör" in ot002["severity_reason"]
        # the standard value applies before the plan's first dated value
        assert [v["value"] for v in ot002["params"]["target"]] == [0.7, 0.5, 0.55]
        assert ot002["params"]["target"][0]["origin"] == "finsam-rules:standard.toml"
        assert set(ot002["params"]) == {"target"}  # the counting method is a setting
        assert data["rules"]["CV003"]["enabled"] is False

    def test_diff_lists_exactly_what_the_plan_changes(self):
        result = CliRunner().invoke(
            main, ["policy", "diff", "standard", str(MPHLA_POLICY), "--format", "json"]
        )
        assert result.exit_code == 1  # they differ
        changes = {(c["code"], c["what"]) for c in json.loads(result.stdout)["changes"]}
        assert changes == {
            ("CV003", "enabled"),
            ("OT002", "params.target"),
            ("OT003", "params.counted_outcomes"),
            ("OT003", "params.target"),
            ("settings", "counted_outcomes"),  # the counting method OT002, OT004 and GA005 share
        }

    def test_a_policy_against_itself_has_no_differences(self):
        result = CliRunner().invoke(
            main, ["policy", "diff", str(MPHLA_POLICY), str(MPHLA_POLICY), "--lang", "en"]
        )
        assert result.exit_code == 0
        assert result.stdout == "No differences.\n"


class TestSelectAndIgnore:
    def test_select_by_prefix_runs_only_that_family(self, registry, tmp_path):
        policy = load_policy(registry, write(tmp_path / "p.toml", '[policy]\nselect = ["GA"]\n'))
        assert policy.enabled_codes() == ["GA001", "GA002", "GA003", "GA004", "GA005"]

    def test_ignore_removes_codes_from_the_selection(self, registry, tmp_path):
        policy = load_policy(
            registry, write(tmp_path / "p.toml", '[policy]\nselect = ["GA"]\nignore = ["GA00"]\n')
        )
        assert policy.enabled_codes() == []

    def test_a_file_extends_another_file(self, registry, tmp_path):
        write(tmp_path / "base.toml", "[rules.FP001.params]\nmax_months = 24\n")
        child = write(
            tmp_path / "child.toml",
            '[policy]\nextends = "base.toml"\n[rules.FI002.params]\nreserve_share = 0.1\n',
        )
        policy = load_policy(registry, child)
        assert policy.params_for(registry.rules["FP001"], dt.date(2020, 1, 1)) == {"max_months": 24}
        assert policy.params_for(registry.rules["FI002"], dt.date(2020, 1, 1)) == {"reserve_share": 0.1}


class TestParameterSchemas:
    """A policy file naming an unknown code or parameter, a wrong type or an out-of-range
    value is rejected with a message naming the file and the key."""

    @pytest.mark.parametrize(
        ("text", "key", "words"),
        [
            ('[rules.XX999]\nseverity = "info"\nreason = "x"\n', "rules.XX999", "unknown rule code"),
            (
                "[rules.FP001.params]\nmax_month = 36\n",
                "rules.FP001.params.max_month",
                "unknown parameter of FP001; known: max_months",
            ),
            (
                '[rules.FP001.params]\nmax_months = "36"\n',
                "rules.FP001.params.max_months",
                "expected a whole number, got string",
            ),
            (
                "[rules.OT002.params]\ntarget = 70\n",
                "rules.OT002.params.target",
                "outside the allowed range 0..1",
            ),
            (
                "[rules.FP001.params]\nmax_months = 0\n",
                "rules.FP001.params.max_months",
                "outside the allowed range 1..120",
            ),
            (
                '[settings]\ndenominator = "all"\n',
                "settings.denominator",
                "expected one of finished, enrolled",
            ),
            ('[rules.OT002]\nseverity = "warning"\n', "rules.OT002.reason", "must state its reason"),
            (
                '[rules.OT002]\nseverity = "fatal"\nreason = "x"\n',
                "rules.OT002.severity",
                "expected blocker, error, warning or info",
            ),
            ('[policy]\nselect = ["ZZ"]\n', "policy.select", "matches no installed rule"),
            ('[policy]\nextends = "missing.toml"\n', "policy.extends", "does not exist"),
            (
                "[rules.OT002.params]\ntarget = [{valid_from = 2015-01-01, value = 0.5},"
                " {valid_from = 2015-01-01, value = 0.6}]\n",
                "rules.OT002.params.target[1].valid_from",
                "same date",
            ),
            (
                '[rules.FP001.params.max_months]\nvalue = 36\nunit = "år"\n',
                "rules.FP001.params.max_months.unit",
                "the rule's unit is 'månader'",
            ),
            (
                "[rules.FI003.params]\nscale = [{max_share = 0.1}, {up_to = 5, max_share = 0.2}]\n",
                "rules.FI003.params.scale",
                "only the last band may leave out up_to",
            ),
        ],
    )
    def test_bad_values_are_rejected_naming_file_and_key(self, registry, tmp_path, text, key, words):
        path = write(tmp_path / "plan.toml", text)
        with pytest.raises(PolicyError) as caught:
            load_policy(registry, path)
        assert caught.value.key == key
        assert words in caught.value.line("en")
        assert str(path) in caught.value.line("sv")

    def test_a_cycle_of_extends_is_rejected(self, registry, tmp_path):
        write(tmp_path / "a.toml", '[policy]\nextends = "b.toml"\n')
        write(tmp_path / "b.toml", '[policy]\nextends = "a.toml"\n')
        with pytest.raises(PolicyError, match="cycle"):
            load_policy(registry, tmp_path / "a.toml")

    def test_the_cli_reports_a_broken_policy_without_a_traceback(self, tmp_path):
        path = write(tmp_path / "plan.toml", "[rules.OT002.params]\ntarget = 1.5\n")
        result = CliRunner().invoke(main, ["screen", str(BALDER_2016), "--policy", str(path)])
        assert result.exit_code == 3
        assert "rules.OT002.params.target" in result.stderr
        assert "Traceback" not in result.output + result.stderr

    def test_every_standard_parameter_has_a_default_with_unit_and_source(self, registry):
        policy = load_policy(registry)
        for rule in registry.sorted_rules():
            for param in rule.params:
                values = policy.values(rule, param.name)
                assert values, f"{rule.code}.{param.name} has no default"
                assert all(v.source for v in values), f"{rule.code}.{param.name} has no source"
                text = policy.text_of(rule, param.name)
                for lang in ("sv", "en"):
                    assert text.unit[lang] and text.description[lang], f"{rule.code}.{param.name} {lang}"
                assert all(v.unit == text.unit for v in values)  # written once, in both languages


class TestPortfolioConfig:
    def test_finsam_toml_applies_the_plan_without_flags(self, tmp_path):
        """A portfolio's finsam.toml selects its policy file for screen and report."""
        import shutil

        folder = tmp_path / "pf"
        shutil.copytree(MPHLA / "documents", folder)
        shutil.copy(MPHLA_POLICY, folder / "plan.toml")
        write(folder / "finsam.toml", '[policy]\nname = "mphla"\nextends = "plan.toml"\n')
        data = screen_json(str(folder / "reports" / "balder-2017.toml"))
        (finding,) = findings_of(data, "OT002")
        assert finding["severity"] == "warning"
        assert finding["parameters"]["target"] == 0.55


def test_the_standard_packs_own_cases_and_the_example_policys_cases_pass():
    """The same runner tests the standard pack and an association's policy."""
    env_before = os.environ.get("FINSAM_RULES_PLUGINS")
    assert env_before == "finsam-rules"
    for folder in (ROOT / "tests" / "cases", MPHLA):
        result = CliRunner().invoke(main, ["pack", "test", str(folder)])
        assert result.exit_code == 0, result.output
        assert " 0 underkända" in result.output
