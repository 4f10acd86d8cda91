"""Provenance: a finding about a value read from a form names where the value was read.

The officer goes back to the applicant's own document: "Ansökan!B12" (the gender analysis
cell), in every output format of `finsam screen` and in the decision record. TOML documents
are unchanged: their findings carry no places.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from finsam_rules.cli import main
from finsam_rules.intake.provenance import place_of, with_places
from finsam_rules.intake.xlsx_writer import write_workbook
from finsam_rules.rules import Scope, Severity, law, rule

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
ASSOCIATION_PATH = EXAMPLES / "screening" / "association.toml"
THIN = EXAMPLES / "screening" / "applications" / "ga001-tunn-analys.toml"


@pytest.fixture
def runner(standard_env) -> CliRunner:
    return CliRunner(env=standard_env)


@pytest.fixture
def form(tmp_path) -> Path:
    """The shipped application whose gender analysis has 7 words, as a workbook."""
    association = tomllib.loads(ASSOCIATION_PATH.read_text(encoding="utf-8"))
    path = tmp_path / "ga001-tunn-analys.xlsx"
    path.write_bytes(
        write_workbook("application", tomllib.loads(THIN.read_text(encoding="utf-8")), association)
    )
    return path


def screen(runner: CliRunner, path: Path, *options: str) -> str:
    result = runner.invoke(main, ["screen", str(path), "--association", str(ASSOCIATION_PATH), *options])
    assert result.exit_code == 1, result.output
    return result.stdout


def test_text_names_the_cell(runner, form):
    out = screen(runner, form)
    assert "- GA001 [fel] Jämställdhetsanalysen (7 ord) anger inte hur kvinnor och män" in out
    assert "    I formuläret: Ansökan!B12\n" in out


def test_english_text_names_the_cell(runner, form):
    assert "    In the form: Ansökan!B12\n" in screen(runner, form, "--lang", "en")


def test_json_lists_the_places(runner, form):
    finding = json.loads(screen(runner, form, "--format", "json"))["documents"][0]["findings"][0]
    assert finding["code"] == "GA001"
    assert finding["places"] == ["Ansökan!B12"]


def test_markdown_and_the_letter_name_the_cell(runner, form):
    assert r"\(i formuläret: Ansökan\!B12\)" in screen(runner, form, "--format", "markdown")
    assert "i formuläret: Ansökan!B12)" in screen(runner, form, "--format", "letter")


def test_the_decision_record_keeps_the_places(runner, form, tmp_path):
    records = tmp_path / "protokoll"
    screen(runner, form, "--record", str(records))
    (record,) = records.glob("*.json")
    findings = json.loads(record.read_text(encoding="utf-8"))["findings"]
    assert findings[0]["places"] == ["Ansökan!B12"]


def test_a_budget_finding_names_the_budget_table(runner, tmp_path):
    """BU001: the year's lines do not add up to its total; the budget sheet is named."""
    source = EXAMPLES / "screening" / "applications" / "bu001-summa-fel.toml"
    association = tomllib.loads(ASSOCIATION_PATH.read_text(encoding="utf-8"))
    path = tmp_path / "bu001.xlsx"
    path.write_bytes(
        write_workbook("application", tomllib.loads(source.read_text(encoding="utf-8")), association)
    )
    finding = json.loads(screen(runner, path, "--format", "json"))["documents"][0]["findings"][0]
    assert finding["code"] == "BU001"
    assert finding["places"][0] == "'Budget per år'!A3"


def test_toml_documents_have_no_places(runner):
    out = screen(runner, THIN, "--format", "json")
    assert '"places"' not in out


def test_a_rule_that_declares_its_fields_gets_places(base_application):
    """The generic seam: a pack's rule lists the key paths it reads (``fields``)."""
    from finsam_rules.engine import Evaluation
    from finsam_rules.rules import Check

    @rule(
        code="XX001",
        name="title",
        scope=Scope.APPLICATION,
        severity=Severity.WARNING,
        source=law("test"),
        title={"sv": "Titel", "en": "Title"},
        messages={"short": {"sv": "Kort titel.", "en": "Short title."}},
        explanation={
            lang: __import__("finsam_rules.rules", fromlist=["Explanation"]).Explanation("a", "b", "c", "d")
            for lang in ("sv", "en")
        },
        fields=("$.title",),
    )
    def short_title(app, check):
        yield check.finding("short")

    finding = next(
        iter(short_title.function(base_application, Check(rule=short_title, params={}, as_of=None)))
    )
    evaluation = Evaluation(base_application, "application", "x", base_application.period.start, (finding,))
    located = with_places(evaluation, {"$.title": "Ansökan!B3"}, {"XX001": short_title})
    assert located.findings[0].places == ("Ansökan!B3",)
    assert located.findings[0] == finding  # places do not change what was found


def test_a_nested_key_path_falls_back_to_its_table():
    places = {"$.budget": "'Budget per år'!A3", "$.budget[1].total": "'Budget per år'!E6"}
    assert place_of(places, "$.budget[1].total") == "'Budget per år'!E6"
    assert place_of(places, "$.budget[0].other") == "'Budget per år'!A3"
    assert place_of(places, "$.title") is None
