"""Bad forms get the same quality of error as bad TOML: file, sheet and cell, what was expected.

Macros, encryption, damage, another association's template, merged cells, formulas without
saved values and old or foreign formats each give one clear message in the chosen language,
never a traceback; the rest of the batch is still screened and no input file is modified.
"""

from __future__ import annotations

import shutil
import tomllib
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from finsam_rules.cli import main
from finsam_rules.intake.xlsx_writer import write_workbook

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
ASSOCIATION = tomllib.loads((EXAMPLES / "screening" / "association.toml").read_text(encoding="utf-8"))
GOOD = EXAMPLES / "screening" / "applications" / "ok-arbetstraning-med-stod.toml"


@pytest.fixture
def runner(standard_env) -> CliRunner:
    return CliRunner(env=standard_env)


def no_traceback(result) -> None:
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)


def good_workbook(path: Path) -> Path:
    data = tomllib.loads(GOOD.read_text(encoding="utf-8"))
    path.write_bytes(write_workbook("application", data, ASSOCIATION))
    return path


def edited(path: Path, sheet: str, label: str, value: object, column: int = 2) -> Path:
    """The workbook with the cell next to ``label`` set to ``value`` (as an applicant types it)."""
    book = openpyxl.load_workbook(path)
    ws = book[sheet]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == label)
    ws.cell(row, column).value = value
    book.save(path)
    return path


def validate(runner: CliRunner, path: Path, lang: str = "sv") -> str:
    result = runner.invoke(main, ["validate", str(path), "--lang", lang])
    no_traceback(result)
    assert result.exit_code == 3, result.output
    return result.stderr


class TestValues:
    """A wrong value names the sheet and the cell, and says what was expected."""

    def test_an_amount_in_words(self, runner, tmp_path):
        path = edited(good_workbook(tmp_path / "a.xlsx"), "Ansökan", "Sökt belopp", "en miljon")
        assert (
            validate(runner, path)
            == f"{path}: Ansökan!B11: förväntade ett belopp i hela kronor, fick 'en miljon'\n"
        )

    def test_the_same_in_english(self, runner, tmp_path):
        path = edited(good_workbook(tmp_path / "a.xlsx"), "Ansökan", "Sökt belopp", 1_450_000.5)
        assert (
            validate(runner, path, "en")
            == f"{path}: Ansökan!B11: expected an amount in whole kronor, got 1450000.5\n"
        )

    def test_amounts_typed_with_spaces_are_amounts(self, runner, tmp_path):
        """`1 450 000` typed as text (the TOML syntax error of the issue) is 1 450 000 kr."""
        path = edited(good_workbook(tmp_path / "a.xlsx"), "Ansökan", "Sökt belopp", "1 450 000")
        result = runner.invoke(main, ["validate", str(path)])
        assert result.exit_code == 0, result.output

    def test_an_unknown_kind_lists_the_swedish_words(self, runner, tmp_path):
        path = edited(good_workbook(tmp_path / "a.xlsx"), "Ansökan", "Typ av insats", "projekt")
        assert (
            "Ansökan!B4: förväntade ett av förstudie, genomförande, strukturinsats, fick 'projekt'"
            in validate(runner, path)
        )

    def test_a_date_that_is_not_a_date(self, runner, tmp_path):
        path = edited(good_workbook(tmp_path / "a.xlsx"), "Ansökan", "Projektets slut", "31/12/2018")
        assert "Ansökan!B8: förväntade ett datum ÅÅÅÅ-MM-DD, fick '31/12/2018'" in validate(runner, path)

    def test_a_period_that_ends_before_it_starts_names_the_cell_and_the_key(self, runner, tmp_path):
        path = edited(good_workbook(tmp_path / "a.xlsx"), "Ansökan", "Projektets slut", "2010-01-01")
        assert (
            "Ansökan!B8 ($.period.end): slutdatum 2010-01-01 ligger före startdatum 2017-01-01"
            in validate(runner, path)
        )

    def test_a_share_of_thirty_is_not_thirty_percent(self, runner, tmp_path):
        """`30` typed into a cell without the percentage format is 3000 %: refused."""
        book_path = good_workbook(tmp_path / "a.xlsx")
        book = openpyxl.load_workbook(book_path)
        ws = book["Deltagare och mål"]
        row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "Mål för deltagarna") + 2
        ws.cell(row, 2).value = 30
        book.save(book_path)
        assert f"'Deltagare och mål'!B{row} ($.outcome_targets[0].share): förväntade en andel" in validate(
            runner, book_path
        )

    def test_a_blank_required_field_names_its_cell(self, runner, tmp_path):
        path = edited(good_workbook(tmp_path / "a.xlsx"), "Ansökan", "Projektnamn", None)
        assert (
            validate(runner, path)
            == f"{path}: Ansökan!B3 ($.title): obligatorisk uppgift saknas; fyll i cellen (eller avsnittet)\n"
        )

    def test_a_formula_without_a_saved_value(self, runner, tmp_path):
        """openpyxl saves no values for formulas; only the form's own totals are recomputed."""
        path = edited(good_workbook(tmp_path / "a.xlsx"), "Ansökan", "Sökt belopp", "=2*900000")
        message = validate(runner, path)
        assert "Ansökan!B11: cellen har formeln =2*900000 men inget sparat värde" in message
        assert "öppna och spara filen i Excel eller LibreOffice" in message


class TestFiles:
    """Files that are not forms the tool can read."""

    def test_a_workbook_with_macros(self, runner, tmp_path):
        path = good_workbook(tmp_path / "a.xlsm")
        assert validate(runner, path) == (
            f"{path}: arbetsböcker med makron (.xlsm) läses inte; spara som Excel-arbetsbok (.xlsx)\n"
        )

    def test_macros_inside_a_file_named_xlsx(self, runner, tmp_path):
        path = good_workbook(tmp_path / "a.xlsx")
        with zipfile.ZipFile(path, "a") as package:
            package.writestr("xl/vbaProject.bin", b"\x00" * 16)
        assert "arbetsböcker med makron (.xlsm) läses inte" in validate(runner, path)

    def test_an_encrypted_workbook(self, runner, tmp_path):
        """A password-protected workbook is an OLE compound file, not a zip package."""
        path = tmp_path / "a.xlsx"
        path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
        assert "lösenordsskyddad (krypterad)" in validate(runner, path)

    @pytest.mark.parametrize("content", [b"PK\x03\x04 truncated", b"not a workbook at all", b""])
    def test_a_damaged_file(self, runner, tmp_path, content):
        path = tmp_path / "a.xlsx"
        path.write_bytes(content)
        message = validate(runner, path, "en")
        assert message.startswith(f"{path}: the file is")

    def test_a_zip_that_is_not_a_workbook(self, runner, tmp_path):
        path = tmp_path / "a.xlsx"
        with zipfile.ZipFile(path, "w") as package:
            package.writestr("hello.txt", "hej")
        assert "filen är skadad eller inte en Excel-arbetsbok (.xlsx)" in validate(runner, path)

    def test_another_associations_template(self, runner, tmp_path):
        """A budget template of the association's own layout needs a mapping file."""
        path = tmp_path / "budgetmall.xlsx"
        book = openpyxl.Workbook()
        book.active.title = "Budget"
        book.active["A1"] = "Kostnadsslag"
        book.save(path)
        assert "arbetsboken är inte en av förbundets blanketter" in validate(runner, path)

    def test_merged_cells(self, runner, tmp_path):
        path = good_workbook(tmp_path / "a.xlsx")
        book = openpyxl.load_workbook(path)
        book["Ansökan"].merge_cells("B3:C3")
        book.save(path)
        assert "Ansökan: sammanfogade celler (B3:C3) kan inte läsas; dela upp dem" in validate(runner, path)

    @pytest.mark.parametrize(
        ("name", "word"), [("a.xls", "det gamla Excel-formatet"), ("a.ods", "OpenDocument")]
    )
    def test_old_and_foreign_formats(self, runner, tmp_path, name, word):
        path = tmp_path / name
        path.write_bytes(b"anything")
        assert word in validate(runner, path)

    def test_a_lock_file_of_an_open_workbook_is_not_a_document(self, runner, tmp_path):
        folder = tmp_path / "ansokningar"
        folder.mkdir()
        good_workbook(folder / "a.xlsx")
        (folder / "~$a.xlsx").write_bytes(b"\x00lock")
        result = runner.invoke(main, ["validate", str(folder)])
        assert result.exit_code == 0, result.output


def test_the_batch_goes_on_and_no_input_is_modified(runner, tmp_path):
    """Bad forms are reported; the good TOML and the good workbook in the batch are screened."""
    folder = tmp_path / "batch"
    folder.mkdir()
    shutil.copy(GOOD, folder / "1-ok.toml")
    good_workbook(folder / "2-ok.xlsx")
    good_workbook(folder / "3-makron.xlsm")
    (folder / "4-skadad.xlsx").write_bytes(b"PK\x03\x04")
    edited(good_workbook(folder / "5-fel-belopp.xlsx"), "Ansökan", "Sökt belopp", "mycket")
    (folder / "6-gammal.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.iterdir()}
    result = runner.invoke(
        main, ["screen", str(folder), "--association", str(EXAMPLES / "screening" / "association.toml")]
    )
    no_traceback(result)
    assert result.exit_code == 3
    assert (
        "2 dokument: 2 tillstyrks, 0 komplettering krävs, 0 avstyrks, 0 godkänns, 0 avvikelser; "
        "4 filer kunde inte läsas." in result.stdout
    )
    for name in ("3-makron.xlsm", "4-skadad.xlsx", "5-fel-belopp.xlsx", "6-gammal.xls"):
        assert f"{folder / name}: " in result.stderr
    assert {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.iterdir()} == before
