"""Outcome tables: a report's participants and outcomes from the follow-up system's export.

One row per category (Swedish names), columns Kvinnor, Män, Totalt; aggregates only. The
individual cooperation team's January-August 2016 report: 53 women and 10 men took part;
2 went to work, 1 to studies, 7 to further rehabilitation, 1 to job seeking, 2 elsewhere
and 50 are ongoing. A column that looks like personal identity numbers is refused.
"""

from __future__ import annotations

import json
import shutil
import tomllib
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from finsam_rules.cli import main
from finsam_rules.errors import InputError
from finsam_rules.intake import read_form
from finsam_rules.intake.outcome_table import read_outcome_table
from finsam_rules.intake.xlsx_writer import write_workbook

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
REPORT = EXAMPLES / "mphla-2016" / "reports" / "2016-0005-individsamverkansteam-jan-aug.toml"
EXPORT = (
    "Kategori;Kvinnor;Män;Totalt\n"
    "Deltagare;53;10;63\n"
    "Arbete;;;2\n"
    "Studier;;;1\n"
    "Fortsatt rehabilitering;;;7\n"
    "Arbetssökande;;;1\n"
    "Annat;;;2\n"
    "Pågående;;;50\n"
    "Summa;;;63\n"
)


@pytest.fixture
def runner(standard_env) -> CliRunner:
    return CliRunner(env=standard_env)


def report_form(folder: Path, table: str | None) -> Path:
    """The report as a workbook; with ``table``, its participants and outcomes come from it."""
    data = tomllib.loads(REPORT.read_text(encoding="utf-8"))
    if table is not None:
        del data["participants"], data["outcomes"]
        data["outcome_table"] = table
    path = folder / (REPORT.stem + ".xlsx")
    path.write_bytes(write_workbook("report", data))
    return path


def test_an_excel_csv_export_gives_the_same_screening(runner, tmp_path):
    """Semicolons and Windows-1252, as Excel saves CSV on a Swedish computer."""
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    reports = tmp_path / "examples" / "mphla-2016" / "reports"
    expected = runner.invoke(main, ["screen", str(reports / REPORT.name), "--format", "json"])
    (reports / "sus-jan-aug.csv").write_bytes(EXPORT.encode("cp1252"))
    (reports / REPORT.name).unlink()
    form = report_form(reports, "sus-jan-aug.csv")
    result = runner.invoke(main, ["screen", str(form), "--format", "json"])
    assert result.exit_code == expected.exit_code, result.output
    got = json.loads(result.stdout)["documents"][0]
    want = json.loads(expected.stdout)["documents"][0]
    places = {f["code"]: f.pop("places", None) for f in got["findings"]}
    got.pop("path"), want.pop("path")
    assert got == want
    assert places["GA004"] == ["sus-jan-aug.csv rad 2, Kvinnor"]


def test_outcomes_by_gender_from_a_workbook(tmp_path):
    book = openpyxl.Workbook()
    for row in [
        ["Utfall", "Kvinnor", "Män", "Totalt"],
        ["Deltagare", 34, 30, 64],
        ["Arbete", 6, 4, 10],
        ["Studier", 4, 2, 6],
        ["Fortsatt rehabilitering", 9, 7, 16],
    ]:
        book.active.append(row)
    book.save(tmp_path / "sus.xlsx")
    data, places = read_outcome_table(tmp_path / "sus.xlsx")
    assert data["participants"] == {"women": 34, "men": 30, "unknown": 0}
    assert data["outcomes"] == {
        "work": 10,
        "studies": 6,
        "further_rehabilitation": 16,
        "women": {"work": 6, "studies": 4, "further_rehabilitation": 9},
        "men": {"work": 4, "studies": 2, "further_rehabilitation": 7},
    }
    assert places["$.outcomes.men.studies"] == "sus.xlsx rad 4, Män"


@pytest.mark.parametrize(
    "table",
    [
        "Personnummer;Utfall\n19850101-1234;Arbete\n",
        "Kategori;Kvinnor;Män;Totalt\nDeltagare;53;10;63\n198501011234;1;0;1\n",
    ],
)
def test_personal_identity_numbers_are_refused_without_repeating_them(tmp_path, table):
    (tmp_path / "export.csv").write_text(table, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_outcome_table(tmp_path / "export.csv")
    lines = caught.value.lines("sv")
    assert lines
    for line in lines:
        assert "ser ut som personnummer; en utfallstabell får bara innehålla antal (aggregat)" in line
        assert "1234" not in line


def test_an_unknown_category_lists_the_names(tmp_path):
    (tmp_path / "export.csv").write_text("Kategori;Kvinnor;Män;Totalt\nAnställning;1;1;2\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_outcome_table(tmp_path / "export.csv")
    assert (
        "rad 2: okänd kategori 'Anställning'; förväntade en av Deltagare, arbete, studier"
        in caught.value.lines("sv")[0]
    )


def test_a_mapping_names_the_associations_own_categories(tmp_path):
    (tmp_path / "export.csv").write_text("Kategori;Kvinnor;Män;Totalt\nAnställning;1;1;2\n", encoding="utf-8")
    data, _ = read_outcome_table(tmp_path / "export.csv", {"Anställning": "work"})
    assert data["outcomes"] == {"work": 2, "women": {"work": 1}, "men": {"work": 1}}


def test_the_table_or_the_figures_not_both(tmp_path):
    (tmp_path / "sus.csv").write_text(EXPORT, encoding="utf-8")
    form = report_form(tmp_path, None)
    book = openpyxl.load_workbook(form)
    sheet = book["Deltagare och utfall"]
    row = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "Utfallstabell (fil)")
    sheet.cell(row, 2).value = "sus.csv"
    book.save(form)
    with pytest.raises(InputError) as caught:
        read_form(form)
    assert (
        "ange antingen en utfallstabell eller deltagare och utfall i blanketten"
        in caught.value.lines("sv")[0]
    )


def test_the_table_lies_next_to_the_form(tmp_path):
    form = report_form(tmp_path, "../hemligt.csv")
    with pytest.raises(InputError) as caught:
        read_form(form)
    assert "i samma mapp som blanketten" in caught.value.lines("sv")[0]


def test_the_portfolios_mapping_names_its_own_categories(tmp_path):
    """`examples/mappings/sus-utfall.toml` in the portfolio's mappings/ adds the export's names."""
    (tmp_path / "mappings").mkdir()
    shutil.copy(EXAMPLES / "mappings" / "sus-utfall.toml", tmp_path / "mappings")
    (tmp_path / "sus.csv").write_text(
        "Kategori;Kvinnor;Män;Totalt\nDeltagare;53;10;63\nAnställning med stöd;1;1;2\nUtbildning;1;0;1\n",
        encoding="utf-8",
    )
    data = read_form(report_form(tmp_path, "sus.csv")).data
    assert data["outcomes"] == {
        "work": 2,
        "studies": 1,
        "women": {"work": 1, "studies": 1},
        "men": {"work": 1, "studies": 0},
    }
