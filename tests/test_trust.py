"""Trust: waivers stay visible, decision records reproduce, letters ask for what is missing.

Uses the example portfolio of the association in the shared interim report, copied to a
temporary folder so records can be verified after an input changes.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from finsam_rules.cli import main

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "mphla-2016"
ISAM_REPORT = "reports/2016-0005-individsamverkansteam-jan-aug.toml"
AKTIV_PLUS_REPORT = "reports/2016-0006-utokat-aktiv-jan-aug.toml"


@pytest.fixture(autouse=True)
def standard_pack_only(monkeypatch):
    monkeypatch.setenv("FINSAM_RULES_PLUGINS", "finsam-rules")


@pytest.fixture
def portfolio(tmp_path) -> Path:
    folder = tmp_path / "mphla-2016"
    shutil.copytree(EXAMPLE, folder)
    shutil.copytree(ROOT / "examples" / "policy-mphla", tmp_path / "policy-mphla")
    return folder


def invoke(*args: str):
    return CliRunner().invoke(main, list(args))


def document(data: dict, doc_id: str) -> dict:
    return next(d for d in data["documents"] if d["id"] == doc_id)


class TestWaivers:
    def test_a_waived_finding_stays_visible_and_leaves_the_verdict(self, portfolio):
        result = invoke(
            "screen",
            str(portfolio / ISAM_REPORT),
            "--format",
            "json",
            "--waivers",
            str(portfolio / "undantag.toml"),
            "--fail-on",
            "warning",
        )
        data = json.loads(result.stdout)
        (ga004,) = [f for f in data["documents"][0]["findings"] if f["code"] == "GA004"]
        assert ga004["waiver"]["minutes"] == "§ 34/2016"
        assert ga004["waiver"]["decided_by"] == "Styrelsen"
        # the waived warning no longer trips --fail-on warning, but OT002's warning does
        assert result.exit_code == 1

    def test_a_waived_finding_is_marked_in_text(self, portfolio):
        result = invoke("screen", str(portfolio / ISAM_REPORT), "--waivers", str(portfolio / "undantag.toml"))
        assert "GA004 [varning, undantagen]" in result.stdout
        assert "Undantagen av Styrelsen (§ 34/2016, t.o.m. 2017-06-30)" in result.stdout

    def test_an_expired_waiver_is_not_applied_and_is_reported(self, portfolio):
        result = invoke(
            "screen",
            str(portfolio / AKTIV_PLUS_REPORT),
            "--format",
            "json",
            "--waivers",
            str(portfolio / "undantag.toml"),
            "--lang",
            "en",
        )
        (bu002,) = [f for f in json.loads(result.stdout)["documents"][0]["findings"] if f["code"] == "BU002"]
        assert "waiver" not in bu002
        assert "expired on 2016-06-30 and was not applied" in result.stderr
        assert "$.waivers[1]" in result.stderr

    def test_a_waiver_that_matches_nothing_is_reported(self, portfolio, tmp_path):
        waivers = tmp_path / "w.toml"
        waivers.write_text(
            '[[waivers]]\ncode = "FP001"\ndocument = "2016/0005/progress/2016-08-31"\n'
            'reason = "x"\n'
            'decided_by = "Styrelsen"\nminutes = "§ 1/1999"\n',
            encoding="utf-8",
        )
        result = invoke("screen", str(portfolio / ISAM_REPORT), "--waivers", str(waivers), "--lang", "en")
        assert "matched no finding" in result.stderr

    def test_a_waived_blocker_no_longer_rejects(self, portfolio, tmp_path):
        app = portfolio / "applications" / "2016-0034-friskvard-sprak-torrekulla.toml"
        text = (
            app.read_text(encoding="utf-8")
            .replace('owner = "molndal"', 'owner = "friskis"')
            .replace('steering_group = ["molndal"', 'steering_group = ["friskis", "molndal"')
        )
        app.write_text(text, encoding="utf-8")
        waivers = tmp_path / "w.toml"
        waivers.write_text(
            '[[waivers]]\ncode = "PA001"\ndocument = "2016/0034"\n'
            'reason = "Friskis är underleverantör till Mölndals stad"\n'
            'decided_by = "Styrelsen"\nminutes = "§ 40/2016"\n'
            # the steering-group seat of the same non-member is PA003's reference finding
            '[[waivers]]\ncode = "PA003"\ndocument = "2016/0034"\n'
            'reason = "Friskis sitter i styrgruppen som underleverantör"\n'
            'decided_by = "Styrelsen"\nminutes = "§ 40/2016"\n',
            encoding="utf-8",
        )
        before = json.loads(invoke("screen", str(app), "--format", "json").stdout)
        after = json.loads(invoke("screen", str(app), "--format", "json", "--waivers", str(waivers)).stdout)
        assert before["documents"][0]["verdict"] == "avstyrks"
        assert after["documents"][0]["verdict"] == "tillstyrks"

    def test_waivers_check_lints_codes(self, tmp_path):
        waivers = tmp_path / "w.toml"
        waivers.write_text(
            '[[waivers]]\ncode = "XX001"\ndocument = "d"\nreason = "r"\ndecided_by = "b"\nminutes = "m"\n',
            encoding="utf-8",
        )
        result = invoke("waivers", "check", str(waivers), "--lang", "en")
        assert result.exit_code == 1
        assert "$.waivers[0].code: unknown rule code 'XX001'" in result.stderr

    def test_waivers_check_reports_structure_errors_by_key(self, tmp_path):
        waivers = tmp_path / "w.toml"
        waivers.write_text('[[waivers]]\ncode = "GA004"\ndocument = "d"\n', encoding="utf-8")
        result = invoke("waivers", "check", str(waivers), "--lang", "en")
        assert result.exit_code == 3
        assert "$.waivers[0].reason: required key is missing" in result.stderr
        assert "Traceback" not in result.output + result.stderr


class TestDecisionRecords:
    def record(self, portfolio: Path, tmp_path: Path) -> Path:
        records = tmp_path / "diariet"
        result = invoke(
            "screen",
            str(portfolio),
            "--record",
            str(records),
            "--fail-on",
            "never",
            "--waivers",
            str(portfolio / "undantag.toml"),
        )
        assert result.exit_code == 0, result.output
        return records

    def test_a_record_holds_everything_needed_to_explain_the_verdict(self, portfolio, tmp_path):
        records = self.record(portfolio, tmp_path)
        data = json.loads((records / "2016_0005_progress_2016-08-31.json").read_text("utf-8"))
        assert data["document"]["id"] == "2016/0005/progress/2016-08-31"
        assert len(data["document"]["sha256"]) == 64
        assert data["inputs"]["association"]["path"].endswith("association.toml")
        assert data["engine"]["name"] == "finsam-rules"
        assert {"name": "finsam-rules", "version": data["engine"]["version"]} in data["packs"]
        assert data["as_of"] == "2016-08-31"
        assert data["policy"]["rules"]["OT002"]["severity"] == "warning"
        assert data["policy"]["rules"]["OT002"]["params"]["target"]["value"] == 0.5
        assert [f["sha256"] for f in data["policy"]["files"]] != []
        assert data["waivers_applied"][0]["code"] == "GA004"
        assert data["verdict"] == "avvikelse"  # a report's own word: below the plan's 50 %

    def test_verify_reproduces_an_unchanged_record(self, portfolio, tmp_path):
        records = self.record(portfolio, tmp_path)
        files = sorted(str(p) for p in records.glob("*.json"))
        result = invoke("record", "verify", "--lang", "en", *files)
        assert result.exit_code == 0, result.output
        assert result.output.count(": reproduced") == len(files) == 16

    def test_verify_says_what_changed_when_an_input_changed(self, portfolio, tmp_path):
        records = self.record(portfolio, tmp_path)
        report = portfolio / ISAM_REPORT
        report.write_text(report.read_text("utf-8").replace("men = 10", "men = 30"), "utf-8")
        result = invoke(
            "record", "verify", "--lang", "en", str(records / "2016_0005_progress_2016-08-31.json")
        )
        assert "inputs:" in result.output and "content changed (sha256)" in result.output

    def test_verify_says_when_the_policy_changed_the_outcome(self, portfolio, tmp_path):
        records = self.record(portfolio, tmp_path)
        plan = portfolio.parent / "policy-mphla" / "verksamhetsplan-2015-2017.toml"
        plan.write_text(
            plan.read_text("utf-8").replace('severity = "warning"', 'severity = "error"'), "utf-8"
        )
        result = invoke(
            "record", "verify", "--lang", "en", str(records / "2016_0005_progress_2016-08-31.json")
        )
        assert result.exit_code == 1
        assert "NOT reproduced" in result.output
        assert "policy: rule OT002 differs" in result.output
        assert "outcome: verdict avvikelse -> komplettering krävs" in result.output

    def test_a_file_that_is_not_a_record_is_a_clear_error(self, tmp_path):
        bogus = tmp_path / "x.json"
        bogus.write_text("{}", encoding="utf-8")
        result = invoke("record", "verify", "--lang", "en", str(bogus))
        assert result.exit_code == 3
        assert "not a readable decision record" in result.stderr


class TestCompletionLetter:
    def test_a_letter_lists_what_to_complete(self):
        app = ROOT / "examples" / "screening" / "applications"
        target = sorted(app.glob("ga001*.toml"))[0]
        result = invoke("screen", str(target), "--format", "letter")
        assert result.stdout.startswith("Samordningsförbundet Mölndal Partille Härryda Lerum Alingsås\n")
        assert "\nKomplettering av ansökan " in result.stdout
        assert "Vi ber er komplettera följande senast " in result.stdout
        assert "1. Jämställdhetsanalysen (7 ord) anger inte hur kvinnor och män" in result.stdout
        assert "(GA001)\n   Varför: " in result.stdout
        assert "Med vänlig hälsning\nBeredningsgruppen" in result.stdout

    def test_the_letter_in_english(self):
        target = sorted((ROOT / "examples" / "screening" / "applications").glob("ga001*.toml"))[0]
        result = invoke("screen", str(target), "--format", "letter", "--lang", "en")
        assert "Please complete the following by " in result.stdout

    def test_no_letter_when_nothing_is_to_be_completed(self, portfolio):
        result = invoke(
            "screen", str(portfolio / "applications" / "2016-0012-balder.toml"), "--format", "letter"
        )
        assert result.stdout == ""
        assert "inget brev (förslag: tillstyrks)" in result.stderr


class TestScreeningInContext:
    def application_for(self, tmp_path: Path, municipality: str) -> Path:
        """A new application for one municipality, running from 2016-09-01."""
        text = invoke("new", "application").stdout
        for old, new in (("2017", "2016"), ("2018", "2017"), ('"molndal"', f'"{municipality}"')):
            text = text.replace(old, new)
        path = tmp_path / f"ny-{municipality}.toml"
        path.write_text(text, encoding="utf-8")
        return path

    def test_granting_shows_the_balance_after(self, portfolio, tmp_path):
        """County-wide projects already cover Alingsås: nothing newly covered, and the
        year's part of the request comes off the margin and the equity at year end."""
        app = self.application_for(tmp_path, "alingsas")
        result = invoke(
            "screen", str(app), "--portfolio", str(portfolio), "--format", "json", "--fail-on", "never"
        )
        impact = json.loads(result.stdout)["documents"][0]["impact"]
        assert impact["newly_covered"] == []
        assert impact["requested_in_year"] == 600_000  # the 2016 budget line of 1 800 000
        assert impact["margin_after"] == impact["margin_before"] - 600_000
        assert impact["equity_end_after"] == impact["equity_end_before"] - 600_000

    def test_granting_shows_municipalities_newly_covered(self, tmp_path):
        """In the CV001 test portfolio Alingsås has no project; an application for it covers
        Alingsås anew."""
        pf = ROOT / "tests" / "cases" / "portfolios" / "cv001"
        app = self.application_for(tmp_path, "alingsas")
        result = invoke("screen", str(app), "--portfolio", str(pf), "--format", "json", "--fail-on", "never")
        impact = json.loads(result.stdout)["documents"][0]["impact"]
        assert impact["newly_covered"] == ["alingsas"]

    def test_a_grant_that_breaks_the_balance_is_a_warning(self, portfolio, tmp_path):
        """3 000 000 kr this year against a margin of 600 690 kr: FI002 warns on the
        application, with the margin before and after."""
        app = self.application_for(tmp_path, "alingsas")
        text = (
            app.read_text(encoding="utf-8")
            .replace("year = 2016, personnel = 500000", "year = 2016, personnel = 2900000")
            .replace("total = 600000", "total = 3000000")
            .replace("requested = 1800000", "requested = 4200000")
        )
        app.write_text(text, encoding="utf-8")
        result = invoke("screen", str(app), "--portfolio", str(portfolio), "--format", "json")
        document = json.loads(result.stdout)["documents"][0]
        (fi002,) = [f for f in document["findings"] if f["code"] == "FI002"]
        assert fi002["severity"] == "warning"
        # FI002's own finding on the portfolio with the application granted (so `finsam
        # explain FI002` explains it), as a warning: granting is the board's decision.
        assert fi002["message"] == (
            "Beviljat 16 850 000 kr + egna kostnader 3 255 000 kr = 20 105 000 kr överstiger "
            "bidrag 16 692 000 kr + användbart eget kapital 1 013 690 kr = 17 705 690 kr "
            "med 2 399 310 kr."
        )
        assert document["impact"]["margin_before"] == 600_690
        assert document["impact"]["margin_after"] == -2_399_310

    def test_impact_in_text(self, portfolio):
        app = portfolio / "applications" / "2016-0021-unga-vuxna-dua.toml"
        result = invoke("screen", str(app), "--portfolio", str(portfolio))
        assert "Om ansökan beviljas" in result.stdout
        assert "budgetmarginal:" in result.stdout


class TestPortfolioReferences:
    def test_broken_references_are_judged_by_rules_not_as_unreadable_files(self, portfolio):
        report = portfolio / ISAM_REPORT
        report.write_text(
            report.read_text("utf-8").replace('project = "2016/0005"', 'project = "2016/9999"'), "utf-8"
        )
        app = portfolio / "applications" / "2016-0012-balder.toml"
        app.write_text(app.read_text("utf-8").replace('"partille"', '"kungalv"', 1), "utf-8")
        result = invoke("report", str(portfolio), "--format", "json", "--lang", "en")
        # both files were read: a rule's finding each, as `screen` gives them, never exit 3
        assert result.exit_code == 0
        assert "2016/9999" not in result.stderr and "kungalv" not in result.stderr
        board = json.loads(result.stdout)
        isam = next(r for r in board["reports"] if r["path"] == ISAM_REPORT)
        [rp002] = [f for f in isam["findings"] if f["code"] == "RP002"]
        assert rp002["status"] == "not_evaluated"
        assert "the application of project 2016/9999 was not found" in rp002["message"]
        balder = next(a for a in board["applications"] if a["id"] == "2016/0012")
        [finding] = [f for f in balder["findings"] if f["code"] == "PA003"]
        assert finding["figures"]["ref"] == "kungalv"
        assert "parties[1] = 'kungalv' is not a member" in finding["message"]
