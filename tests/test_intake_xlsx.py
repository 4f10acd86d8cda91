"""Excel forms: `finsam new --format xlsx` writes them, and every command reads them.

An officer who has never seen TOML fills in the shipped workbook; screening it gives the same
verdicts and findings as the equivalent TOML document. The shipped examples are written as
workbooks, read back and screened; the output equals the TOML's apart from the file names.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner

from finsam_rules.cli import main
from finsam_rules.intake import read_form
from finsam_rules.intake.xlsx_writer import KRONOR_FORMAT, SHARE_FORMAT, write_workbook

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@pytest.fixture
def runner(standard_env) -> CliRunner:
    return CliRunner(env=standard_env)


def kind_of(data: dict[str, Any]) -> str:
    return "report" if "project" in data else "application"


def as_workbooks(folder: Path) -> None:
    """Replace every application and report under ``folder`` by the same document as .xlsx."""
    association = tomllib.loads((folder / "association.toml").read_text(encoding="utf-8"))
    for path in sorted(folder.glob("*/*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        path.with_suffix(".xlsx").write_bytes(write_workbook(kind_of(data), data, association))
        path.unlink()


def screened(runner: CliRunner, folder: Path, suffix: str) -> dict[str, Any]:
    result = runner.invoke(main, ["screen", str(folder), "--format", "json", "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    text = result.stdout.replace(str(folder) + "/", "").replace(suffix + '"', '"')
    return json.loads(text)


def without_places(output: dict[str, Any]) -> tuple[dict[str, Any], int]:
    """The screening output without the findings' places in the form, and how many had one."""
    count = 0
    for document in output["documents"]:
        for finding in document["findings"]:
            count += "places" in finding
            finding.pop("places", None)
    return output, count


def cell_of(sheet: Any, label: str) -> Any:
    """The input cell next to a label in column A."""
    for row in range(1, sheet.max_row + 1):
        if sheet.cell(row, 1).value == label:
            return sheet.cell(row, 2)
    raise AssertionError(f"no label {label!r}")


def row_of(sheet: Any, title: str) -> int:
    for row in range(1, sheet.max_row + 1):
        if sheet.cell(row, 1).value == title:
            return row
    raise AssertionError(f"no title {title!r}")


@pytest.mark.parametrize("example", ["screening", "mphla-2016"])
def test_the_examples_screen_the_same_as_workbooks(runner, tmp_path, example):
    """Every shipped application and report, written as a workbook: same verdicts and findings."""
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    expected = screened(runner, EXAMPLES / example, ".toml")
    as_workbooks(tmp_path / "examples" / example)
    assert not list((tmp_path / "examples" / example).glob("*/*.toml"))
    forms, located = without_places(screened(runner, tmp_path / "examples" / example, ".xlsx"))
    assert forms == expected
    assert located >= 1  # findings from a form name their place in it (see test_intake_provenance)


def test_a_portfolio_may_mix_toml_and_workbooks(runner, tmp_path):
    """`finsam report` reads the workbooks of a portfolio folder alongside its TOML files."""
    folder = tmp_path / "mphla-2016"
    shutil.copytree(EXAMPLES / "mphla-2016", folder)
    shutil.copytree(EXAMPLES / "policy-mphla", tmp_path / "policy-mphla")
    expected = runner.invoke(main, ["report", str(folder), "--format", "json"])
    association = tomllib.loads((folder / "association.toml").read_text(encoding="utf-8"))
    for path in sorted(folder.glob("applications/*.toml"))[::2]:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        path.with_suffix(".xlsx").write_bytes(write_workbook("application", data, association))
        path.unlink()
    mixed = runner.invoke(main, ["report", str(folder), "--format", "json"])
    assert mixed.exit_code == expected.exit_code == 0, mixed.output
    assert mixed.stdout.replace(".xlsx", ".toml") == expected.stdout


class TestTemplate:
    """What an applicant sees in the blank workbook."""

    @pytest.fixture
    def book(self, runner, tmp_path) -> Any:
        out = tmp_path / "ansokan.xlsx"
        association = EXAMPLES / "mphla-2016" / "association.toml"
        result = runner.invoke(
            main,
            ["new", "application", "--format", "xlsx", "-o", str(out), "--association", str(association)],
        )
        assert result.exit_code == 0, result.output
        return openpyxl.load_workbook(out)

    def test_one_sheet_per_part_with_swedish_labels(self, book):
        assert book.sheetnames[:4] == ["Ansökan", "Budget per år", "Deltagare och mål", "Bilagor"]
        assert book["Listor"].sheet_state == "hidden"
        assert cell_of(book["Ansökan"], "Sökt belopp").number_format == KRONOR_FORMAT
        assert (
            book["Ansökan"]["C" + str(cell_of(book["Ansökan"], "Sökt belopp").row)].value
            == "Hela projektperioden, i kronor."
        )

    def test_drop_downs_list_the_associations_members_and_kinds(self, book):
        lists = book["Listor"]
        members = [lists.cell(r, 1).value for r in range(2, 10)]
        assert members[:3] == ["Försäkringskassan", "Arbetsförmedlingen", "Västra Götalandsregionen"]
        owner = cell_of(book["Ansökan"], "Projektägare").coordinate
        kinds = cell_of(book["Ansökan"], "Typ av insats").coordinate
        sources = {v.formula1: str(v.sqref) for v in book["Ansökan"].data_validations.dataValidation}
        assert any(
            owner in ranges and source.startswith("Listor!$A$2:$A$9") for source, ranges in sources.items()
        )
        kind_source = next(s for s, ranges in sources.items() if kinds in ranges.split())
        column = kind_source.split("$")[1]
        assert [lists[f"{column}{r}"].value for r in (2, 3, 4)] == [
            "förstudie",
            "genomförande",
            "strukturinsats",
        ]

    def test_the_members_table_lists_every_member(self, book):
        sheet = book["Ansökan"]
        first = row_of(sheet, "Medlemmar i projektet") + 2
        assert [sheet.cell(first + i, 1).value for i in range(8)][-1] == "Alingsås kommun"

    def test_budget_totals_are_formulas_and_shares_percentages(self, book):
        budget = book["Budget per år"]
        first = row_of(budget, "Budget") + 2
        assert budget.cell(first, 5).value == f"=SUM(B{first}:D{first})"
        assert budget.cell(first + 4, 1).value == "Totalt"
        assert budget.cell(first + 4, 2).value == f"=SUM(B{first}:B{first + 3})"
        goals = book["Deltagare och mål"]
        assert goals.cell(row_of(goals, "Mål för deltagarna") + 2, 2).number_format == SHARE_FORMAT

    def test_the_same_inputs_give_byte_identical_workbooks(self, tmp_path):
        """No clock in the file: fixed document dates and zip entry dates, in any process."""
        association = tomllib.loads(
            (EXAMPLES / "mphla-2016" / "association.toml").read_text(encoding="utf-8")
        )
        first = write_workbook("application", None, association)
        script = (
            "import sys, tomllib; from pathlib import Path; "
            "from finsam_rules.intake.xlsx_writer import write_workbook; "
            f"a = tomllib.loads(Path({str(EXAMPLES / 'mphla-2016' / 'association.toml')!r}).read_text()); "
            "sys.stdout.buffer.write(write_workbook('application', None, a))"
        )
        env = {**os.environ, "PYTHONHASHSEED": "12345"}
        other = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, env=env, check=True
        ).stdout
        assert first == other
        assert b"2000-01-01T00:00:00Z" in __import__("zipfile").ZipFile(__import__("io").BytesIO(first)).read(
            "docProps/core.xml"
        )

    def test_an_existing_file_is_never_overwritten(self, runner, tmp_path):
        out = tmp_path / "ansokan.xlsx"
        out.write_bytes(b"mine")
        result = runner.invoke(main, ["new", "application", "--format", "xlsx", "-o", str(out)])
        assert result.exit_code == 2
        assert out.read_bytes() == b"mine"

    def test_a_form_needs_an_output_file(self, runner):
        result = runner.invoke(main, ["new", "report", "--format", "xlsx"])
        assert result.exit_code == 2
        assert "ange -o FIL" in result.stderr


def test_an_applicant_fills_in_the_form_in_swedish_words(runner, tmp_path):
    """Member names, Swedish choices, `1 450 000 kr` typed as text and `30 %` all read as codes."""
    out = tmp_path / "ansokan.xlsx"
    association = EXAMPLES / "mphla-2016" / "association.toml"
    assert (
        runner.invoke(
            main,
            ["new", "application", "--format", "xlsx", "-o", str(out), "--association", str(association)],
        ).exit_code
        == 0
    )
    book = openpyxl.load_workbook(out)
    app = book["Ansökan"]
    cell_of(app, "Diarienummer").value = "2016/0005"
    cell_of(app, "Projektnamn").value = "Individsamverkansteam"
    cell_of(app, "Typ av insats").value = "Genomförande"
    cell_of(app, "Projektägare").value = "Försäkringskassan"
    cell_of(app, "Projektets start").value = dt.datetime(2016, 1, 1)
    cell_of(app, "Projektets slut").value = "2017-12-31"
    cell_of(app, "Hela förbundets område").value = "ja"
    cell_of(app, "Sökt belopp").value = "4 400 000 kr"
    first = row_of(app, "Medlemmar i projektet") + 2
    for offset in range(8):
        app.cell(first + offset, 2).value = "ja"
        app.cell(first + offset, 3).value = "ja" if offset < 3 else "nej"
    budget = book["Budget per år"]
    row = row_of(budget, "Budget") + 2
    for column, value in enumerate([2016, 2_083_000, 90_000, 27_000], start=1):
        budget.cell(row, column).value = value
    goals = book["Deltagare och mål"]
    row = row_of(goals, "Mål för deltagarna") + 2
    goals.cell(row, 1).value = "arbete"
    goals.cell(row, 2).value = "30 %"
    cell_of(goals, "Planerade deltagare, totalt").value = 95
    attachments = book["Bilagor"]
    row = row_of(attachments, "Bifogade handlingar") + 2
    attachments.cell(row, 1).value = "Samverkansavtal"
    book.save(out)
    data = read_form(out).data
    assert data["kind"] == "implementation"
    assert data["owner"] == "fk"
    assert data["requested"] == 4_400_000
    assert data["county_wide"] is True
    assert data["period"] == {"start": dt.date(2016, 1, 1), "end": dt.date(2017, 12, 31)}
    assert data["parties"] == ["fk", "af", "vgr", "molndal", "partille", "harryda", "lerum", "alingsas"]
    assert data["steering_group"] == ["fk", "af", "vgr"]
    assert data["budget"] == [
        {"year": 2016, "personnel": 2_083_000, "premises": 90_000, "other": 27_000, "total": 2_200_000}
    ]
    assert data["outcome_targets"] == [{"measure": "work", "share": 0.3}]
    assert data["attachments"] == ["cooperation_agreement"]
    result = runner.invoke(main, ["validate", str(out)])
    assert result.exit_code == 0, result.output
    assert "giltig ansökan" in result.stdout


def _soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("soffice is not installed; CI installs Debian's libreoffice-calc package")
        pytest.skip("soffice (LibreOffice) is not installed")
    return found


def resaved(files: list[Path], folder: Path, target: str) -> list[Path]:
    """The files converted by LibreOffice (another producer), in ``folder``."""
    folder.mkdir()
    profile = folder.parent / "lo-profile"
    subprocess.run(
        [
            _soffice(),
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(folder),
            *map(str, files),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    return [folder / f.name for f in files]


def test_workbooks_resaved_by_libreoffice_read_the_same(tmp_path):
    """LibreOffice writes saved values for the formulas; the data and places are the same."""
    association = tomllib.loads((EXAMPLES / "mphla-2016" / "association.toml").read_text(encoding="utf-8"))
    sources = [
        EXAMPLES / "mphla-2016" / "applications" / "2016-0005-individsamverkansteam.toml",
        EXAMPLES / "mphla-2016" / "reports" / "2016-0005-individsamverkansteam-jan-aug.toml",
        EXAMPLES / "mphla-2016" / "association.toml",
        EXAMPLES / "screening" / "applications" / "bu001-summa-fel.toml",
        EXAMPLES / "screening" / "reports" / "bu002-tabell-gar-inte-ihop.toml",
    ]
    written = []
    for index, source in enumerate(sources):
        data = tomllib.loads(source.read_text(encoding="utf-8"))
        kind = "association" if source.name == "association.toml" else kind_of(data)
        path = tmp_path / f"{index}-{source.stem}.xlsx"
        path.write_bytes(write_workbook(kind, data, association))
        written.append(path)
    for ours, theirs in zip(written, resaved(written, tmp_path / "lo", "xlsx"), strict=True):
        assert theirs.read_bytes() != ours.read_bytes()
        assert read_form(theirs).data == read_form(ours).data
        assert read_form(theirs).places == read_form(ours).places


class TestContractVersion2InForms:
    """The keys of contract version 2 go through the workbook and the Word form and back."""

    SECOND_YEAR = EXAMPLES / "second-year"

    def round_trip(self, tmp_path: Path, source: Path, suffix: str) -> dict[str, Any]:
        from finsam_rules.intake.docx_form import write_docx

        association = tomllib.loads((source.parents[1] / "association.toml").read_text(encoding="utf-8"))
        data = tomllib.loads(source.read_text(encoding="utf-8"))
        writer = write_workbook if suffix == ".xlsx" else write_docx
        path = tmp_path / (source.stem + suffix)
        path.write_bytes(writer(kind_of(data), data, association))
        return read_form(path).data

    @pytest.mark.parametrize("suffix", [".xlsx", ".docx"])
    def test_a_composite_target_and_its_denominator(self, tmp_path, suffix):
        source = self.SECOND_YEAR / "applications" / "2016-0002-vagen-vidare.toml"
        [target] = self.round_trip(tmp_path, source, suffix)["outcome_targets"]
        assert target["measure"] == ["work", "internship", "studies"]
        assert target["denominator"] == "finished" and target["share"] == 0.5

    @pytest.mark.parametrize("suffix", [".xlsx", ".docx"])
    def test_an_early_end_and_the_money_returned(self, tmp_path, suffix):
        source = self.SECOND_YEAR / "applications" / "2017-0007-steget.toml"
        decision = self.round_trip(tmp_path, source, suffix)["decision"]
        assert decision["ended"] == dt.date(2017, 6, 30) and decision["returned"] == 450_000
        assert decision["ended_reason"].startswith("Rekryteringen kom inte igång")

    @pytest.mark.parametrize("suffix", [".xlsx", ".docx"])
    def test_participants_who_started_a_business(self, tmp_path, suffix):
        source = self.SECOND_YEAR / "reports" / "2017-0010-start-eget-feb-aug.toml"
        outcomes = self.round_trip(tmp_path, source, suffix)["outcomes"]
        assert outcomes["self_employment"] == 3
        assert outcomes["women"]["self_employment"] == 2 and outcomes["men"]["self_employment"] == 1

    def test_outcomes_are_typed_as_words_counted_together(self):
        from finsam_rules.intake.values import Bad, to_words
        from finsam_rules.intake.vocabulary import words_of

        assert to_words("arbete, praktik eller studier", "outcome") == ["work", "internship", "studies"]
        assert to_words("Startat eget företag", "outcome") == "self_employment"
        assert (
            words_of("outcome", ["work", "studies", "job_seeking"]) == "arbete, studier eller arbetssökande"
        )
        with pytest.raises(Bad, match="got 'semester'"):
            to_words("arbete eller semester", "outcome")

    def test_each_role_keeps_its_order_in_the_one_table_of_members(self, tmp_path):
        """A steering group that lists a non-member first reads back with it first."""
        source = EXAMPLES / "screening" / "applications" / "pa001-privat-agare.toml"
        data = tomllib.loads(source.read_text(encoding="utf-8"))
        back = self.round_trip(tmp_path, source, ".xlsx")
        for role in ("parties", "steering_group", "municipalities"):
            assert back[role] == data[role], role

    @pytest.mark.parametrize("suffix", [".xlsx", ".docx"])
    def test_the_municipal_key_actuals_and_cost_centres_of_a_closed_year(self, tmp_path, suffix):
        """The closed year 2018: an agreed key, the year's actuals and the cost-centre table
        with its negative amounts, exactly as printed."""
        from finsam_rules.intake.docx_form import write_docx

        source = EXAMPLES / "closed-year-2018" / "association.toml"
        data = tomllib.loads(source.read_text(encoding="utf-8"))
        path = tmp_path / ("association" + suffix)
        path.write_bytes((write_workbook if suffix == ".xlsx" else write_docx)("association", data, data))
        back = read_form(path).data
        for key in ("municipal_key", "municipal_key_source", "actuals", "cost_centres", "cost_centre_totals"):
            assert back[key] == data[key], key
        assert [m.get("agreed_share") for m in back["members"]] == [
            m.get("agreed_share") for m in data["members"]
        ]
        assert min(c["actual"] for c in back["cost_centres"]) < 0


class TestSavedValues:
    """The value Excel or LibreOffice saved with a formula is what the form says: it is read
    by the compiled reader (calamine), and by openpyxl where calamine cannot read the file."""

    SOURCE = EXAMPLES / "mphla-2016" / "applications" / "2016-0005-individsamverkansteam.toml"

    def saved(self, tmp_path: Path, formula: str, value: str) -> Path:
        """The application's form with ``Sökt belopp`` typed as ``formula`` and ``value``
        saved with it, as a spreadsheet program saves it (``<f>`` and ``<v>`` in the cell)."""
        association = tomllib.loads(
            (EXAMPLES / "mphla-2016" / "association.toml").read_text(encoding="utf-8")
        )
        data = tomllib.loads(self.SOURCE.read_text(encoding="utf-8"))
        source = tmp_path / "typed.xlsx"
        source.write_bytes(write_workbook("application", data, association))
        book = openpyxl.load_workbook(source)
        sheet = book["Ansökan"]
        row = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "Sökt belopp")
        sheet.cell(row, 2).value = formula
        book.save(source)
        import re
        import zipfile

        target = tmp_path / "saved.xlsx"
        with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
            for item in zin.infolist():
                body = zin.read(item.filename)
                if item.filename.startswith("xl/worksheets/"):
                    text = body.decode("utf-8")
                    text = re.sub(
                        rf'(<c r="B{row}"[^>]*>)<f>([^<]*)</f><v\s*/?>(</v>)?',
                        rf"\1<f>\2</f><v>{value}</v>",
                        text,
                    )
                    body = text.encode("utf-8")
                zout.writestr(item, body)
        return target

    def test_the_saved_value_of_a_typed_formula_is_read(self, tmp_path):
        path = self.saved(tmp_path, "=2*900000", "1800000")
        form = read_form(path)
        assert form.data["requested"] == 1_800_000
        assert form.places["$.requested"].startswith("Ansökan!B")

    def test_openpyxl_reads_the_same_saved_value_without_calamine(self, tmp_path, monkeypatch):
        path = self.saved(tmp_path, "=2*900000", "1800000")
        with_calamine = read_form(path)
        monkeypatch.setitem(sys.modules, "python_calamine", None)  # the import then fails
        without = read_form(path)
        assert without.data == with_calamine.data
        assert without.places == with_calamine.places
