"""The ``finsam`` command line: screening, the rule catalogue, validation and templates.

Exit codes: 0 no finding at or above ``--fail-on``; 1 a finding at or above it; 2 a usage
error; 3 an input that could not be read (the rest of the batch is still screened). No
input, however broken, ever shows a traceback.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import tomli_w
from click.testing import CliRunner

from finsam_rules.cli import main
from finsam_rules.loading import load_association, load_document
from finsam_rules.model import Application, Report
from finsam_rules.plugins import build_registry

#: The rule codes of the domain's catalogue (shared/domain/README.md): a contract, since
#: association policy files and waivers refer to them.
CATALOGUE = [
    "FP001",
    "PA001",
    "PA002",
    "TG001",
    "TG002",
    "OT001",
    "GA001",
    "GA002",
    "BU001",
    "IM001",
    "SG001",
    "AT001",
    "OT002",
    "GA003",
    "GA004",
    "GA005",
    "BU002",
    "CV001",
    "CV002",
    "CV003",
    "FI001",
    "FI002",
    "FI003",
    "OT003",
    "RP001",
]
STANDARD_PACK_ENV = {"FINSAM_RULES_PLUGINS": "finsam-rules"}


def _standard_codes() -> list[str]:
    """Every code of the standard pack as installed, the catalogue's included."""
    saved = {k: os.environ.get(k) for k in STANDARD_PACK_ENV}
    os.environ.update(STANDARD_PACK_ENV)
    try:
        return sorted({*CATALOGUE, *build_registry().rules})
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


#: Each must be listed and explained.
STANDARD_CODES = _standard_codes()

SECTIONS = {
    "sv": ["## Vad regeln gör", "## Varför det spelar roll", "## Exempel", "## Källa"],
    "en": ["## What it does", "## Why it matters", "## Example", "## Source"],
}

APP_PATH = "applications/2016-0003-individsamverkansteam.toml"
REPORT_PATH = "reports/2016/individsamverkansteam-2016-08.toml"


@pytest.fixture
def runner(standard_env) -> CliRunner:
    """A runner with only the standard pack loaded."""
    return CliRunner(env=standard_env)


@pytest.fixture
def revise_portfolio(portfolio, write_toml, application_data) -> Path:
    """The portfolio plus Balder's application, which lacks its cooperation agreement."""
    application_data.update(id="2016/0004", title="Balder", attachments=["budget"])
    write_toml(portfolio / "applications" / "2016-0004-balder.toml", application_data)
    return portfolio


def no_traceback(result) -> None:
    """Neither output shows a traceback, and no exception escaped but SystemExit."""
    assert "Traceback" not in result.output
    assert "Traceback" not in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)


class TestScreenText:
    """The default output: Swedish plain text, one block per document and a summary."""

    def test_a_compliant_portfolio_in_swedish(self, runner, portfolio):
        """Each document with its verdict, and the summary line."""
        result = runner.invoke(main, ["screen", str(portfolio)])
        assert result.exit_code == 0, result.output
        out = result.stdout
        assert str(portfolio / APP_PATH) in out
        assert "Ansökan 2016/0003 «Individsamverkansteam», bedömd per 2015-10-15" in out
        assert "Rapport 2016/0003/progress/2016-08-31, bedömd per 2016-08-31" in out
        assert out.count("Förslag: TILLSTYRKS") == 1  # the application
        assert out.count("Förslag: GODKÄNNS") == 1  # the report: a report's own word
        assert out.count("Inga anmärkningar.") == 1  # the application
        assert "  - OT002 [notering] " in out  # the report: the target met, with its fraction
        summary = (
            "2 dokument: 1 tillstyrks, 0 komplettering krävs, 0 avstyrks, 1 godkänns, 0 avvikelser; "
            "0 filer kunde inte läsas."
        )
        # the summary first, then the documents grouped by verdict (the default for text)
        assert out.startswith(summary + "\n\nTILLSTYRKS (1)\n\n")
        assert out.index("TILLSTYRKS (1)") < out.index("GODKÄNNS (1)")
        # --group-by path: each document in path order, the summary last
        by_path = runner.invoke(main, ["screen", str(portfolio), "--group-by", "path"]).stdout
        assert by_path.rstrip().endswith(summary)

    def test_the_same_portfolio_in_english(self, runner, portfolio):
        """``--lang en``: every label and message in English."""
        result = runner.invoke(main, ["screen", str(portfolio), "--lang", "en"])
        assert result.exit_code == 0, result.output
        out = result.stdout
        assert "Application 2016/0003 «Individsamverkansteam», judged as of 2015-10-15" in out
        assert out.count("Recommendation: APPROVE") == 1
        assert out.count("Recommendation: ACCEPTED") == 1
        assert out.count("No findings.") == 1
        assert "  - OT002 [note] " in out
        assert (
            "2 documents: 1 approve, 0 revision required, 0 reject, 1 accepted, 0 deviations; "
            "0 files could not be read." in out
        )
        assert "Förslag" not in out

    def test_findings_with_severity_message_and_source(self, runner, revise_portfolio):
        """A missing agreement is an error, with the rule's source named."""
        result = runner.invoke(main, ["screen", str(revise_portfolio)])
        out = result.stdout
        assert "Förslag: KOMPLETTERING KRÄVS" in out
        assert (
            "  - AT001 [fel] Bilagor saknas: samverkansavtal (bifogade: budgetmall).\n"
            "    Källa: Verksamhetsplan: Förbundets ansökningsanvisning: budgetmall och "
            "samverkansavtal"
        ) in out
        english = runner.invoke(main, ["screen", str(revise_portfolio), "--lang", "en"]).stdout
        assert (
            "  - AT001 [error] Attachments are missing: cooperation agreement (attached: "
            "budget template)." in english
        )
        assert "    Source: Plan: " in english

    def test_a_document_outside_a_portfolio_cannot_be_approved(
        self, runner, tmp_path, write_toml, application_data
    ):
        """Without association.toml, PA001 and PA002 are not evaluated: komplettering krävs."""
        path = write_toml(tmp_path / "loose" / "ansokan.toml", application_data)
        result = runner.invoke(main, ["screen", str(path)])
        assert result.exit_code == 1
        assert "Förslag: KOMPLETTERING KRÄVS" in result.stdout
        assert "PA001 [hinder, ej bedömd] Kunde inte bedömas" in result.stdout

    def test_the_association_can_be_given_explicitly(
        self, runner, tmp_path, write_toml, application_data, portfolio
    ):
        """``--association`` makes the association-dependent rules run."""
        path = write_toml(tmp_path / "loose" / "ansokan.toml", application_data)
        result = runner.invoke(
            main, ["screen", str(path), "--association", str(portfolio / "association.toml")]
        )
        assert result.exit_code == 0, result.output
        assert "Förslag: TILLSTYRKS" in result.stdout


@pytest.mark.parametrize(
    ("documents", "errors", "lang", "counted"),
    [
        (1, 1, "sv", ("1 dokument: ", "; 1 fil kunde inte läsas.")),
        (2, 4, "sv", ("2 dokument: ", "; 4 filer kunde inte läsas.")),
        (0, 0, "sv", ("0 dokument: ", "; 0 filer kunde inte läsas.")),
        (1, 1, "en", ("1 document: ", "; 1 file could not be read.")),
        (2, 4, "en", ("2 documents: ", "; 4 files could not be read.")),
    ],
)
def test_the_summary_line_counts_in_proper_singular_and_plural(documents, errors, lang, counted):
    """No "fil(er)" or "document(s)": one file, four files."""
    from finsam_rules.engine import Verdict
    from finsam_rules.render.screening import Tally

    tally = Tally()
    tally.verdicts[Verdict.APPROVE] = documents
    tally.errors = errors
    line = tally.summary(lang)
    assert line.startswith(counted[0]) and line.endswith(counted[1]), line
    assert "(" not in line


class TestScreenJson:
    """``--format json``: one object per document with its findings, parseable as a whole."""

    def test_documents_have_path_id_kind_verdict_and_findings(self, runner, revise_portfolio):
        """Every document, with the documented fields."""
        result = runner.invoke(main, ["screen", str(revise_portfolio), "--format", "json"])
        data = json.loads(result.stdout)
        by_id = {d["id"]: d for d in data["documents"]}
        assert set(by_id) == {"2016/0003", "2016/0004", "2016/0003/progress/2016-08-31"}
        for doc in data["documents"]:
            assert {"path", "id", "kind", "verdict", "findings"} <= doc.keys()
        assert by_id["2016/0003"]["kind"] == "application"
        assert by_id["2016/0003"]["path"] == str(revise_portfolio / APP_PATH)
        assert by_id["2016/0003"]["verdict"] == "tillstyrks"
        assert by_id["2016/0003"]["findings"] == []
        report = by_id["2016/0003/progress/2016-08-31"]
        assert (report["kind"], report["path"]) == ("report", str(revise_portfolio / REPORT_PATH))
        assert data["summary"] == {
            "documents": 3,
            "tillstyrks": 1,
            "komplettering_kravs": 1,
            "avstyrks": 0,
            "godkanns": 1,
            "avvikelse": 0,
            "unreadable": 0,
        }
        assert data["errors"] == []
        assert data["lang"] == "sv"

    def test_a_finding_has_code_severity_message_source_parameters_figures(self, runner, revise_portfolio):
        """Everything a board member needs to check the finding by hand."""
        result = runner.invoke(main, ["screen", str(revise_portfolio), "--format", "json", "--lang", "en"])
        balder = next(d for d in json.loads(result.stdout)["documents"] if d["id"] == "2016/0004")
        assert balder["verdict"] == "komplettering krävs"
        assert balder["verdict_label"] == "revision required"
        (finding,) = balder["findings"]
        assert finding["code"] == "AT001"
        assert finding["severity"] == "error"
        assert finding["status"] == "finding"
        assert finding["message"] == (
            "Attachments are missing: cooperation agreement (attached: budget template)."
        )
        assert finding["source"] == {
            "kind": "plan",
            "reference": "Förbundets ansökningsanvisning: budgetmall och samverkansavtal",
        }
        assert finding["parameters"] == {"required": ["budget", "cooperation_agreement"]}
        assert finding["figures"] == {"missing": ["cooperation_agreement"], "given": ["budget"]}

    def test_figures_with_dates_are_plain_json(self, runner, portfolio, write_toml, report_data):
        """An outcome share and dates come out as numbers and ISO text."""
        report_data["period"]["end"] = report_data["period"]["end"].replace(year=2017)
        report_data["outcomes"] = {"work": 30, "dropped_out": 30}
        write_toml(portfolio / REPORT_PATH, report_data)
        result = runner.invoke(main, ["screen", str(portfolio / REPORT_PATH), "--format", "json"])
        (doc,) = json.loads(result.stdout)["documents"]
        codes = {f["code"]: f for f in doc["findings"]}
        assert codes["OT002"]["figures"]["share"] == 0.5
        assert codes["RP002"]["figures"]["end"] == "2017-08-31"
        assert codes["OT002"]["parameters"]["target"] == 0.7

    def test_unreadable_files_are_listed_under_errors(self, runner, portfolio):
        """The JSON stays valid, with the bad file's key path and message."""
        bad = portfolio / "applications" / "trasig.toml"
        bad.write_text(
            'id = "2016/0009"\ntitle = "X"\nkind = "pilot"\nowner = "fk"\n'
            "[period]\nstart = 2016-01-01\nend = 2016-12-31\n",
            encoding="utf-8",
        )
        result = runner.invoke(main, ["screen", str(portfolio), "--format", "json"])
        assert result.exit_code == 3
        data = json.loads(result.stdout)
        assert data["summary"]["unreadable"] == 1
        assert data["summary"]["documents"] == 2
        (error,) = data["errors"]
        assert error["path"] == str(bad)
        assert error["problems"][0]["key"] == "$.kind"
        assert error["problems"][0]["code"] == "enum"
        assert "pilot" in error["problems"][0]["message"]


class TestExitCodes:
    """0, 1, 2 and 3, so that scripts and CI can act on the result."""

    def test_no_findings_at_or_above_fail_on_exits_0(self, runner, portfolio):
        """A compliant portfolio."""
        assert runner.invoke(main, ["screen", str(portfolio)]).exit_code == 0

    def test_a_finding_at_or_above_fail_on_exits_1(self, runner, revise_portfolio):
        """An error with the default ``--fail-on error``."""
        assert runner.invoke(main, ["screen", str(revise_portfolio)]).exit_code == 1

    @pytest.mark.parametrize(
        ("fail_on", "code"), [("blocker", 0), ("error", 1), ("warning", 1), ("info", 1), ("never", 0)]
    )
    def test_fail_on_sets_the_threshold(self, runner, revise_portfolio, fail_on, code):
        """An error fails at error and below, not at blocker, and never with never."""
        result = runner.invoke(main, ["screen", str(revise_portfolio), "--fail-on", fail_on])
        assert result.exit_code == code, result.output

    def test_an_info_note_fails_only_at_info(self, runner, portfolio, write_toml, application_data):
        """A point in favour (priority group) is below warning."""
        application_data["target_group"]["priority_groups"] = ["young_adults"]
        write_toml(portfolio / APP_PATH, application_data)
        path = str(portfolio / APP_PATH)
        assert runner.invoke(main, ["screen", path, "--fail-on", "warning"]).exit_code == 0
        assert runner.invoke(main, ["screen", path, "--fail-on", "info"]).exit_code == 1

    def test_an_unreadable_input_exits_3_and_the_batch_goes_on(self, runner, portfolio, tmp_path):
        """The other files are still screened and printed."""
        empty = tmp_path / "tom.toml"
        empty.write_text("", encoding="utf-8")
        result = runner.invoke(main, ["screen", str(empty), str(portfolio)])
        assert result.exit_code == 3
        assert f"Kunde inte läsas: {empty}: filen är tom" in result.stderr
        assert result.stdout.count("Förslag: TILLSTYRKS") == 1
        assert result.stdout.count("Förslag: GODKÄNNS") == 1
        assert (
            "2 dokument: 1 tillstyrks, 0 komplettering krävs, 0 avstyrks, 1 godkänns, 0 avvikelser; "
            "1 fil kunde inte läsas." in result.stdout
        )

    def test_unreadable_wins_over_findings(self, runner, revise_portfolio, tmp_path):
        """A batch with both findings and an unreadable file exits 3."""
        result = runner.invoke(main, ["screen", str(revise_portfolio), str(tmp_path / "saknas.toml")])
        assert result.exit_code == 3
        assert "Förslag: KOMPLETTERING KRÄVS" in result.stdout

    @pytest.mark.parametrize(
        "args",
        [
            ["screen"],
            ["screen", "--no-such-option", "x.toml"],
            ["screen", "x.toml", "--fail-on", "sometimes"],
            ["screen", "x.toml", "--lang", "de"],
            ["screen", "x.toml", "--format", "rtf"],
            ["screen", "x.toml", "--as-of", "2016-13-01"],
            ["no-such-command"],
            ["new", "budget"],
            ["explain"],
        ],
        ids=lambda a: " ".join(a),
    )
    def test_usage_errors_exit_2(self, runner, args):
        """Unknown options, missing arguments and bad choices."""
        result = runner.invoke(main, args)
        assert result.exit_code == 2, result.output
        no_traceback(result)


BAD_FILES = {
    "malformed": ('title = "Balder\n', "ogiltig TOML"),
    "wrong type": (
        'id = "1"\ntitle = "B"\nkind = "implementation"\nowner = "fk"\n'
        'requested = "1 800 000"\n[period]\nstart = 2016-01-01\nend = 2016-12-31\n',
        "$.requested: förväntade ett belopp i hela kronor, fick string",
    ),
    "float kronor": (
        'id = "1"\ntitle = "B"\nkind = "implementation"\nowner = "fk"\n'
        "requested = 1.8e6\n[period]\nstart = 2016-01-01\nend = 2016-12-31\n",
        "$.requested: förväntade ett belopp i hela kronor, fick float",
    ),
    "unknown key": (
        'id = "1"\ntitle = "B"\nkind = "implementation"\nowner = "fk"\n'
        'agare = "fk"\n[period]\nstart = 2016-01-01\nend = 2016-12-31\n',
        "$.agare: okänd nyckel agare",
    ),
    "end before start": (
        'id = "1"\ntitle = "B"\nkind = "implementation"\nowner = "fk"\n'
        "[period]\nstart = 2016-01-01\nend = 2015-12-31\n",
        "$.period.end: slutdatum 2015-12-31 ligger före startdatum 2016-01-01",
    ),
    "negative": (
        'project = "1"\nkind = "progress"\n[period]\nstart = 2016-01-01\n'
        "end = 2016-08-31\n[costs]\ntotal = -10238000\n",
        "$.costs.total: förväntade ett belopp eller antal som inte är negativt",
    ),
    "enum": (
        'project = "1"\nkind = "tertial"\n[period]\nstart = 2016-01-01\nend = 2016-08-31\n',
        "$.kind: förväntade ett av progress, final, fick 'tertial'",
    ),
    "empty": ("", "filen är tom"),
    "not a document": ("a = 1\n", "$: kan inte avgöra vilket slags dokument"),
}


class TestBadInputsNeverShowATraceback:
    """Every broken input gives exit 3 and a line naming the file and the key."""

    @pytest.mark.parametrize("case", sorted(BAD_FILES))
    def test_a_bad_document(self, runner, tmp_path, case):
        """The file and the key path are named on standard error."""
        content, expected = BAD_FILES[case]
        path = tmp_path / "dokument.toml"
        path.write_text(content, encoding="utf-8")
        for args in (
            ["screen", str(path)],
            ["screen", str(path), "--format", "json"],
            ["validate", str(path)],
        ):
            result = runner.invoke(main, args)
            assert result.exit_code == 3, result.output
            no_traceback(result)
            assert f"{path}: " in result.stderr
            assert expected in result.stderr

    def test_a_file_that_is_not_utf8(self, runner, tmp_path):
        """Latin-1 text."""
        path = tmp_path / "latin1.toml"
        path.write_bytes('title = "Härryda"\n'.encode("latin-1"))
        result = runner.invoke(main, ["screen", str(path), "--lang", "en"])
        assert result.exit_code == 3
        no_traceback(result)
        assert f"{path}: the file is not UTF-8 encoded (byte 0xe4 at position 10)" in result.stderr

    def test_a_path_that_does_not_exist(self, runner, tmp_path):
        """Named, with exit 3."""
        path = tmp_path / "finns-inte"
        result = runner.invoke(main, ["screen", str(path)])
        assert result.exit_code == 3
        no_traceback(result)
        assert f"{path}: sökvägen finns inte" in result.stderr

    def test_a_folder_without_documents(self, runner, tmp_path):
        """An empty folder is reported, not silently accepted."""
        result = runner.invoke(main, ["screen", str(tmp_path), "--lang", "en"])
        assert result.exit_code == 3
        no_traceback(result)
        assert f"{tmp_path}: the folder holds no documents (*.toml)" in result.stderr

    def test_a_broken_association_file(self, runner, portfolio):
        """The association is reported; documents are still screened without it."""
        (portfolio / "association.toml").write_text('name = "X"\norg_number = "1"\n', encoding="utf-8")
        result = runner.invoke(main, ["screen", str(portfolio)])
        assert result.exit_code == 3
        no_traceback(result)
        assert f"{portfolio / 'association.toml'}: $.year: obligatorisk nyckel saknas" in (result.stderr)
        assert "PA001 [hinder, ej bedömd]" in result.stdout

    def test_a_broken_policy_file_in_the_portfolio(self, runner, portfolio):
        """finsam.toml with an unknown key."""
        (portfolio / "finsam.toml").write_text("[rules.OT002.params]\nmal = 0.7\n", encoding="utf-8")
        result = runner.invoke(main, ["screen", str(portfolio)])
        assert result.exit_code == 3
        no_traceback(result)
        assert "finsam.toml: rules.OT002.params.mal: okänd parameter för OT002" in result.stderr

    @pytest.mark.parametrize("option", ["--policy", "--association"])
    def test_a_missing_policy_or_association_given_on_the_command_line(
        self, runner, portfolio, tmp_path, option
    ):
        """Named, with exit 3."""
        missing = tmp_path / "saknas.toml"
        result = runner.invoke(main, ["screen", str(portfolio), option, str(missing)])
        assert result.exit_code == 3
        no_traceback(result)
        assert f"{missing}: sökvägen finns inte" in result.stderr


class TestRulesCatalogue:
    """``finsam rules`` lists every rule with its parameters; ``finsam explain`` explains one."""

    def test_every_rule_is_listed(self, runner):
        """Codes, titles and parameter values in Swedish."""
        result = runner.invoke(main, ["rules"])
        assert result.exit_code == 0
        for code in STANDARD_CODES:
            assert f"\n{code}  " in "\n" + result.stdout
        assert "OT002  Resultatmålet uppnått (outcome-target-met)" in result.stdout
        assert "target = 0.7 andel" in result.stdout
        assert "counted_outcomes = [work, studies, further_rehabilitation] utfall" in result.stdout

    def test_the_list_in_english(self, runner):
        """Titles and labels in English."""
        result = runner.invoke(main, ["rules", "--lang", "en"])
        assert "OT002  Outcome target met (outcome-target-met)" in result.stdout
        assert "Severity: error" in result.stdout

    def test_the_list_as_json(self, runner):
        """Each rule's code, severity, scope, source and resolved parameters."""
        result = runner.invoke(main, ["rules", "--format", "json"])
        rules = {r["code"]: r for r in json.loads(result.stdout)["rules"]}
        assert sorted(rules) == STANDARD_CODES
        ot002 = rules["OT002"]
        assert (ot002["severity"], ot002["scope"], ot002["enabled"]) == ("warning", "report", True)
        assert ot002["source"]["kind"] == "plan"
        params = {p["name"]: p["value"] for p in ot002["parameters"]}
        assert params == {"target": 0.7}  # the counting method is a named setting
        ot003 = {p["name"]: p["value"] for p in rules["OT003"]["parameters"]}
        assert ot003 == {
            "target": 0.7,
            "denominator": "finished",
            "exclude_deceased": True,
            "counted_outcomes": ["work", "studies", "further_rehabilitation"],
            "min_finished": 1,
        }
        assert rules["PA001"]["severity"] == "blocker"
        assert rules["PA001"]["source"]["kind"] == "law"
        assert rules["FP001"]["parameters"][0]["value"] == 36

    def test_a_policy_changes_the_listed_values(self, runner, tmp_path):
        """The values shown are those of the association's policy."""
        policy = tmp_path / "mphla.toml"
        policy.write_text('[policy]\nname = "mphla"\n[rules.OT002.params]\ntarget = 0.6\n', encoding="utf-8")
        result = runner.invoke(main, ["rules", "--format", "json", "--policy", str(policy)])
        rules = {r["code"]: r for r in json.loads(result.stdout)["rules"]}
        target = next(p for p in rules["OT002"]["parameters"] if p["name"] == "target")
        assert target["value"] == 0.6

    @pytest.mark.parametrize("lang", ["sv", "en"])
    @pytest.mark.parametrize("code", STANDARD_CODES)
    def test_every_rule_is_explained(self, runner, code, lang):
        """What it does, why it matters, an example and its source, in both languages."""
        result = runner.invoke(main, ["explain", code, "--lang", lang])
        assert result.exit_code == 0, result.output
        out = result.stdout
        assert out.startswith(f"{code} ")
        positions = [out.index(section) for section in SECTIONS[lang]]
        assert positions == sorted(positions)
        for section, following in zip(SECTIONS[lang], [*SECTIONS[lang][1:], None], strict=True):
            start = out.index(section) + len(section)
            end = out.index(following) if following else len(out)
            assert out[start:end].strip(), f"{code} {lang}: {section} is empty"

    def test_explain_accepts_lower_case(self, runner):
        """``finsam explain ot002``."""
        result = runner.invoke(main, ["explain", "ot002"])
        assert result.exit_code == 0
        assert "32 av 44 avslutade = 73 %" in result.stdout

    def test_explain_shows_the_parameters(self, runner):
        """Generated from the policy data: value in force, unit and description in the
        chosen language, then the value's source."""
        result = runner.invoke(main, ["explain", "FP001", "--lang", "en"])
        assert (
            "- max_months = 36 (months): Longest total funding of one project, earlier periods "
            "included. Typisk verksamhetsplan: insatser finansieras högst tre år\n"
        ) in result.stdout
        result = runner.invoke(main, ["explain", "FP001", "--lang", "sv"])
        assert "- max_months = 36 (månader): Längsta sammanlagda finansieringstid" in result.stdout

    def test_no_explanation_restates_its_parameters(self, runner):
        """The parameter list is generated, so no explanation names a parameter by hand."""
        for code in STANDARD_CODES:
            for lang in ("sv", "en"):
                out = runner.invoke(main, ["explain", code, "--lang", lang]).stdout
                explained = out.split("## Parametrar" if lang == "sv" else "## Parameters")[0]
                assert not re.search(r"\bParamet(ern|rarna|ers?) \w", explained), (code, lang)

    def test_the_list_shows_each_parameters_description(self, runner):
        """``finsam rules`` gives the unit and the description from the policy data."""
        result = runner.invoke(main, ["rules", "--lang", "en"])
        assert "max_months = 36 months" in result.stdout
        assert "Longest total funding of one project, earlier periods included" in result.stdout

    def test_an_unknown_code(self, runner):
        """A usage error naming the code."""
        result = runner.invoke(main, ["explain", "XX999"])
        assert result.exit_code == 2
        no_traceback(result)
        assert "Okänd regelkod XX999" in result.stderr


class TestValidate:
    """``finsam validate`` checks structure only."""

    def test_a_valid_portfolio(self, runner, portfolio):
        """One line per document."""
        result = runner.invoke(main, ["validate", str(portfolio)])
        assert result.exit_code == 0
        assert f"{portfolio / APP_PATH}: giltig ansökan" in result.stdout
        assert f"{portfolio / REPORT_PATH}: giltig rapport" in result.stdout
        english = runner.invoke(main, ["validate", str(portfolio), "--lang", "en"])
        assert f"{portfolio / APP_PATH}: valid application" in english.stdout

    def test_rules_are_not_run(self, runner, revise_portfolio):
        """A missing attachment is a rule finding, not a structural problem."""
        result = runner.invoke(main, ["validate", str(revise_portfolio)])
        assert result.exit_code == 0
        assert "AT001" not in result.output

    def test_an_invalid_file_among_valid_ones(self, runner, portfolio):
        """The bad file is named with its key; the others are still validated."""
        bad = portfolio / "reports" / "fel.toml"
        bad.write_text(
            'project = "2016/0003"\nkind = "progress"\n[period]\n'
            "start = 2016-01-01\nend = 2016-08-31\n[participants]\nwomen = 5.5\n",
            encoding="utf-8",
        )
        result = runner.invoke(main, ["validate", str(portfolio)])
        assert result.exit_code == 3
        no_traceback(result)
        assert f"{bad}: $.participants.women: förväntade ett heltal, fick float 5.5" in (result.stderr)
        assert "giltig ansökan" in result.stdout


#: The standard pack's patterns of a template's instruction (policies/standard.toml).
PLACEHOLDERS = [
    r"^\s*(beskriv|ange|fyll i|describe|fill in)\b",
    r"\b(TODO|TBD|XXX)\b",
    r"\[\s*(fyll|beskriv|ange|skriv|text|describe|fill|write|TODO)[^\]]*\]",
    r"<\s*(fyll|beskriv|ange|skriv|text|describe|fill|write)[^>]*>",
]


class TestNewTemplates:
    """``finsam new`` writes a filled-in template that already validates."""

    @pytest.mark.parametrize(("kind", "cls"), [("application", Application), ("report", Report)])
    def test_the_template_validates(self, runner, tmp_path, kind, cls):
        """Printed to standard output, it loads as a document."""
        result = runner.invoke(main, ["new", kind])
        assert result.exit_code == 0
        path = tmp_path / f"{kind}.toml"
        path.write_text(result.stdout, encoding="utf-8")
        assert isinstance(load_document(path), cls)
        assert runner.invoke(main, ["validate", str(path)]).exit_code == 0

    def test_the_association_template_loads(self, runner, tmp_path):
        """``finsam new association`` gives a loadable association.toml."""
        path = tmp_path / "association.toml"
        assert runner.invoke(main, ["new", "association", "-o", str(path)]).exit_code == 0
        assert load_association(path).members

    def test_templates_fail_until_their_texts_are_filled_in(self, runner, tmp_path):
        """The three templates screen together; the application's gender analysis and
        implementation plan are the template's instructions, which never pass (GA001, IM001),
        and once replaced by the project's own concrete texts the application is approved."""
        for kind, name in [
            ("association", "association.toml"),
            ("application", "applications/ny.toml"),
            ("report", "reports/ny.toml"),
        ]:
            (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
            assert runner.invoke(main, ["new", kind, "-o", str(tmp_path / name)]).exit_code == 0
        result = runner.invoke(main, ["screen", str(tmp_path), "--format", "json"])
        assert result.exit_code == 1, result.output
        verdicts = {d["path"].split("/")[-2]: d for d in json.loads(result.stdout)["documents"]}
        assert verdicts["reports"]["verdict"] == "godkänns"  # a report has a verdict of its own
        application = verdicts["applications"]
        assert application["verdict"] == "komplettering krävs"
        errors = [f for f in application["findings"] if f["severity"] == "error"]
        assert sorted(f["code"] for f in errors) == ["GA001", "IM001"]
        assert all("mallens instruktion" in f["message"] for f in errors)
        assert errors[0]["parameters"] == {"placeholders": PLACEHOLDERS}

        path = tmp_path / "applications" / "ny.toml"
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        data["gender_analysis"] = (
            "Sju av tio remitterade är kvinnor. Vi informerar Arbetsförmedlingen särskilt om "
            "målgruppens män och följer upp fördelningen per kön i SUS varje tertial."
        )
        data["implementation_plan"] = (
            "Mölndals stad tar över tjänsterna i ordinarie verksamhet från hösten 2018 enligt "
            "styrgruppens beslut."
        )
        path.write_text(tomli_w.dumps(data), encoding="utf-8")
        result = runner.invoke(main, ["screen", str(tmp_path)])
        assert result.exit_code == 0, result.output
        assert result.stdout.count("Förslag: TILLSTYRKS") == 1
        assert result.stdout.count("Förslag: GODKÄNNS") == 1

    def test_output_writes_the_file(self, runner, tmp_path):
        """``-o`` writes the same text as standard output would show."""
        path = tmp_path / "ansokan.toml"
        result = runner.invoke(main, ["new", "application", "-o", str(path)])
        assert result.exit_code == 0
        assert path.read_text(encoding="utf-8") == runner.invoke(main, ["new", "application"]).stdout

    def test_output_refuses_to_overwrite(self, runner, tmp_path):
        """An existing file is never overwritten."""
        path = tmp_path / "ansokan.toml"
        path.write_text("# mitt utkast\n", encoding="utf-8")
        result = runner.invoke(main, ["new", "application", "-o", str(path)])
        assert result.exit_code == 2
        no_traceback(result)
        assert "finns redan" in result.stderr
        assert path.read_text(encoding="utf-8") == "# mitt utkast\n"


def installed_finsam() -> str:
    """The installed ``finsam`` script: next to the interpreter, else on the PATH."""
    beside = Path(sys.executable).parent / "finsam"
    if beside.exists():
        return str(beside)
    found = shutil.which("finsam")
    if found is None:
        pytest.fail("the finsam script is not installed (pip install -e .)")
    return found


class TestInstalledScript:
    """The console script installed by ``pip install`` works end to end."""

    def test_screen_a_portfolio_as_json(self, portfolio, standard_env):
        """A real process: JSON on standard output, exit 0."""
        done = subprocess.run(
            [installed_finsam(), "screen", str(portfolio), "--format", "json", "--lang", "en"],
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=120,
            env={**os.environ, **standard_env},
        )
        assert done.returncode == 0, done.stderr
        data = json.loads(done.stdout)
        assert [d["verdict"] for d in data["documents"]] == ["tillstyrks", "godkänns"]
        assert data["lang"] == "en"

    def test_a_bad_file_in_a_real_process(self, tmp_path, standard_env):
        """Exit 3 and one clear line; no traceback."""
        path = tmp_path / "trasig.toml"
        path.write_bytes(b"\xff\xfe t i t l e")
        done = subprocess.run(
            [installed_finsam(), "screen", str(path)],
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=120,
            env={**os.environ, **standard_env},
        )
        assert done.returncode == 3
        assert "Traceback" not in done.stderr + done.stdout
        assert f"{path}: filen är inte UTF-8-kodad" in done.stderr
