"""`finsam check`: the applicant's own check before sending the form.

Plain Swedish: what to complete, why, and where in the form; no rule codes, sources,
parameters or key paths. Exit code 0 when nothing is missing.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from finsam_rules.cli import main
from finsam_rules.intake.xlsx_writer import write_workbook

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
ASSOCIATION_PATH = EXAMPLES / "screening" / "association.toml"
ASSOCIATION = tomllib.loads(ASSOCIATION_PATH.read_text(encoding="utf-8"))


@pytest.fixture
def runner(standard_env) -> CliRunner:
    return CliRunner(env=standard_env)


def form(tmp_path: Path, example: str) -> Path:
    source = EXAMPLES / "screening" / "applications" / f"{example}.toml"
    path = tmp_path / f"{example}.xlsx"
    path.write_bytes(write_workbook("application", tomllib.loads(source.read_text("utf-8")), ASSOCIATION))
    return path


def check(runner: CliRunner, path: Path, *options: str):
    result = runner.invoke(main, ["check", str(path), "--association", str(ASSOCIATION_PATH), *options])
    assert "Traceback" not in result.output
    return result


def test_a_complete_application_can_be_sent(runner, tmp_path):
    result = check(runner, form(tmp_path, "ok-arbetstraning-med-stod"))
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith("  Inget saknas; ansökan kan skickas.\n\n")


def test_a_thin_gender_analysis_is_to_be_completed_with_its_place(runner, tmp_path):
    path = form(tmp_path, "ga001-tunn-analys")
    result = check(runner, path)
    assert result.exit_code == 1
    assert result.stdout == (
        f"{path}\n"
        "  Komplettera innan du skickar:\n"
        "  1. Jämställdhetsanalys (Ansökan!B12): Jämställdhetsanalysen (7 ord) anger inte hur "
        "kvinnor och män är representerade i målgruppen eller bland de remitterade (eller varför "
        "det inte är känt), vad projektet gör åt skillnaderna och hur projektet följer upp per kön.\n\n"
    )


def test_no_rule_internals(runner, tmp_path):
    """No codes, severities, sources or parameters: those are for the preparation group."""
    out = check(runner, form(tmp_path, "bu001-summa-fel")).stdout
    for internal in ("BU001", "[fel]", "Källa", "Parametrar", "tolerance", "$."):
        assert internal not in out
    assert "'Budget per år'!A3" in out


def test_a_blank_form_lists_the_fields_to_fill_in(runner, tmp_path):
    path = tmp_path / "ansokan.xlsx"
    path.write_bytes(write_workbook("application", None, ASSOCIATION))
    result = check(runner, path)
    assert result.exit_code == 1
    assert "  2. Projektnamn (Ansökan!B3): obligatorisk uppgift saknas" in result.stdout
    assert "($.title)" not in result.stdout


def test_a_wrong_value_says_what_was_expected(runner, tmp_path):
    path = form(tmp_path, "ok-arbetstraning-med-stod")
    book = openpyxl.load_workbook(path)
    sheet = book["Ansökan"]
    row = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "Sökt belopp")
    sheet.cell(row, 2).value = "ungefär en miljon"
    book.save(path)
    result = check(runner, path, "--lang", "en")
    assert result.exit_code == 1
    assert "  1. Ansökan!B11: expected an amount in whole kronor, got 'ungefär en miljon'" in result.stdout


def test_a_damaged_file_cannot_be_read(runner, tmp_path):
    path = tmp_path / "ansokan.xlsx"
    path.write_bytes(b"PK\x03\x04")
    result = check(runner, path)
    assert result.exit_code == 3
    assert "Filen kan inte läsas" in result.stdout


def test_without_the_association_it_says_not_everything_was_checked(runner, tmp_path):
    path = form(tmp_path, "ok-arbetstraning-med-stod")
    result = runner.invoke(main, ["check", str(path)])
    assert "Allt kunde inte kontrolleras utan förbundets uppgifter (ange --association FIL)." in result.stdout
    assert "Kunde inte bedömas" not in result.stdout


def test_a_blank_report_form_names_the_reports_own_fields(runner, tmp_path):
    path = tmp_path / "rapport.xlsx"
    path.write_bytes(write_workbook("report"))
    result = check(runner, path)
    assert result.exit_code == 1
    assert "  2. Typ av rapport (Rapport!B4): obligatorisk uppgift saknas" in result.stdout
