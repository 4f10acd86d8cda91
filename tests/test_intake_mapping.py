"""Mapping files: an association reads its own budget template without code.

The shipped example (`examples/mappings/budgetmall.toml`) describes a template laid out as
associations' budget templates usually are: key facts at the top, cost types as rows, years
as columns, a total row with the template's own formulas. Application 2017/0114's budget
for 2018 says 1 750 000 kr where its lines add up to 1 700 000 kr; read through the mapping,
BU001 finds exactly that and names the budget grid.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from openpyxl.workbook.defined_name import DefinedName

from finsam_rules.cli import main
from finsam_rules.errors import InputError
from finsam_rules.intake import read_form
from finsam_rules.intake.mapping import load_mapping
from finsam_rules.plugins import build_registry

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
MAPPING = EXAMPLES / "mappings" / "budgetmall.toml"


@pytest.fixture
def runner(standard_env) -> CliRunner:
    return CliRunner(env=standard_env)


def budget_template(path: Path, total_2018: str | int = "=SUM(C11:C13)") -> Path:
    """The association's own template, filled in for application 2017/0114."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Budget"
    sheet["A1"] = "Budget för ansökan om medel"
    for row, (label, value) in enumerate(
        [
            ("Projektnamn", "Arbetsträning i socialt företag – Lerum och Alingsås"),
            ("Diarienummer", "2017/0114"),
            ("Projektägare", "Lerums kommun"),
            ("Insatstyp", "Genomförandeprojekt"),
            ("Projektstart", dt.datetime(2017, 1, 1)),
            ("Projektslut", dt.datetime(2018, 12, 31)),
        ],
        start=3,
    ):
        sheet.cell(row, 1, label)
        sheet.cell(row, 2, value)
    sheet["A10"], sheet["B10"], sheet["C10"], sheet["E10"] = "Kostnadsslag", 2017, 2018, "Totalt"
    for row, (label, amount) in enumerate(
        [("Personal", 1_500_000), ("Lokaler", 120_000), ("Övrigt", 80_000)], 11
    ):
        sheet.cell(row, 1, label)
        sheet.cell(row, 2, amount)
        sheet.cell(row, 3, amount)
        sheet.cell(row, 5, f"=SUM(B{row}:D{row})")
    sheet["A14"], sheet["B14"], sheet["C14"] = "Summa", "=SUM(B11:B13)", total_2018
    sheet["A16"], sheet["B16"] = "Sökt belopp", 3_450_000
    book.defined_names["SoktBelopp"] = DefinedName("SoktBelopp", attr_text="Budget!$B$16")
    sheet["A18"], sheet["B18"] = "Medfinansiering", "Belopp"
    book.save(path)
    return path


def portfolio_with_mapping(tmp_path: Path) -> Path:
    folder = tmp_path / "screening"
    shutil.copytree(EXAMPLES / "screening", folder)
    (folder / "mappings").mkdir()
    shutil.copy(MAPPING, folder / "mappings" / MAPPING.name)
    return folder


def test_the_template_reads_through_the_mapping(tmp_path):
    folder = portfolio_with_mapping(tmp_path)
    form = read_form(budget_template(folder / "applications" / "budgetmall.xlsx", 1_750_000))
    assert form.kind == "application"
    assert form.data["owner"] == "lerum"
    assert form.data["kind"] == "implementation"
    assert form.data["requested"] == 3_450_000
    assert form.data["budget"] == [
        {"year": 2017, "personnel": 1_500_000, "premises": 120_000, "other": 80_000, "total": 1_700_000},
        {"year": 2018, "personnel": 1_500_000, "premises": 120_000, "other": 80_000, "total": 1_750_000},
    ]
    assert form.places["$.requested"] == "Budget!B16"
    assert form.places["$.budget[1].total"] == "Budget!C14"


def test_the_templates_own_total_formula_is_recomputed(tmp_path):
    folder = portfolio_with_mapping(tmp_path)
    form = read_form(budget_template(folder / "applications" / "budgetmall.xlsx"))
    assert [year["total"] for year in form.data["budget"]] == [1_700_000, 1_700_000]


def test_screening_the_template_finds_the_wrong_total_and_names_the_grid(runner, tmp_path):
    folder = portfolio_with_mapping(tmp_path)
    path = budget_template(folder / "applications" / "budgetmall.xlsx", 1_750_000)
    result = runner.invoke(main, ["screen", str(path), "--format", "json"])
    findings = {f["code"]: f for f in json.loads(result.stdout)["documents"][0]["findings"]}
    assert findings["BU001"]["message"] == (
        "Budget 2018: personal 1 500 000 kr + lokaler 120 000 kr + övrigt 80 000 kr = 1 700 000 kr, "
        "men totalen anges till 1 750 000 kr."
    )
    assert findings["BU001"]["places"] == ["Budget!B10", "Budget!B16"]
    assert "GA001" in findings  # the budget template holds no gender analysis: to be completed


def test_a_template_of_another_layout_is_not_read_with_the_mapping(runner, tmp_path):
    folder = portfolio_with_mapping(tmp_path)
    path = budget_template(folder / "applications" / "budgetmall.xlsx")
    book = openpyxl.load_workbook(path)
    book["Budget"]["A10"] = "Kostnad"
    book.save(path)
    with pytest.raises(InputError) as caught:
        read_form(path)
    assert "arbetsboken är inte en av förbundets blanketter" in caught.value.lines("sv")[0]


def test_a_bad_value_in_the_template_names_its_cell(tmp_path):
    folder = portfolio_with_mapping(tmp_path)
    path = budget_template(folder / "applications" / "budgetmall.xlsx")
    book = openpyxl.load_workbook(path)
    book["Budget"]["C12"] = "cirka 120 tkr"
    book.save(path)
    with pytest.raises(InputError) as caught:
        read_form(path)
    assert caught.value.lines("en") == [
        f"{path}: Budget!C12: expected an amount in whole kronor, got 'cirka 120 tkr'"
    ]


def test_a_mapping_with_an_unknown_field_is_refused(tmp_path):
    path = tmp_path / "fel.toml"
    path.write_text('[mapping]\nkind = "application"\n[fields]\nrequsted = "Budget!B16"\n', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_mapping(path)
    assert "$.fields.requsted: okänd nyckel requsted" in caught.value.lines("sv")[0]
    assert caught.value.lines("en")[0].endswith("; did you mean 'requested'?")


def test_mapping_files_are_not_screened_as_documents(runner, tmp_path):
    folder = portfolio_with_mapping(tmp_path)
    result = runner.invoke(main, ["validate", str(folder)])
    assert "mappings" not in result.output


def test_a_pack_ships_a_mapping_through_the_hook(tmp_path):
    from finsam_rules.hookspecs import hookimpl

    class Pack:
        @staticmethod
        @hookimpl
        def register_form_mappings(register):
            register(MAPPING)

    registry = build_registry(extra_plugins=[("finsam-budgetmall", Pack)])
    assert registry.form_mappings == [("finsam-budgetmall", MAPPING)]
    assert (
        load_mapping(registry.form_mappings[0][1]).name == "Budgetmall: kostnadsslag per rad, år per kolumn"
    )


WORD_MAPPING = """
[mapping]
name = "Förbundets ansökningsmall i Word"
kind = "application"
heading = "Ansökan om medel från samordningsförbundet"

[labels]
"Projektets namn" = "title"
"Diarienummer" = "id"
"Sökande organisation" = "owner"
"Typ av insats" = "kind"
"Projektet startar" = "period.start"
"Projektet slutar" = "period.end"

[sections]
"Jämställdhetsperspektiv" = "gender_analysis"

[words]
"Lerums kommun" = "lerum"
"Genomförandeprojekt" = "implementation"
"""


def test_an_associations_own_word_template_reads_through_a_mapping(tmp_path):
    """Key fields from the template's table by their labels, free text from its heading."""
    import docx

    folder = tmp_path / "portfolj"
    (folder / "mappings").mkdir(parents=True)
    (folder / "mappings" / "ansokningsmall.toml").write_text(WORD_MAPPING, encoding="utf-8")
    document = docx.Document()
    document.add_heading("Ansökan om medel från samordningsförbundet", level=0)
    table = document.add_table(rows=0, cols=2)
    for label, value in [
        ("Projektets namn", "Arbetsträning i socialt företag – Lerum och Alingsås"),
        ("Diarienummer", "2017/0114"),
        ("Sökande organisation", "Lerums kommun"),
        ("Typ av insats", "Genomförandeprojekt"),
        ("Projektet startar", "2017-01-01"),
        ("Projektet slutar", "2018-12-31"),
    ]:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value
    document.add_heading("Jämställdhetsperspektiv", level=1)
    document.add_paragraph("Kvinnor och män remitteras i lika hög grad.")
    document.add_heading("Övrigt", level=1)
    document.add_paragraph("Inte med i analysen.")
    path = folder / "ansokan.docx"
    document.save(str(path))
    form = read_form(path)
    assert form.data == {
        "title": "Arbetsträning i socialt företag – Lerum och Alingsås",
        "id": "2017/0114",
        "owner": "lerum",
        "kind": "implementation",
        "period": {"start": dt.date(2017, 1, 1), "end": dt.date(2018, 12, 31)},
        "gender_analysis": "Kvinnor och män remitteras i lika hög grad.",
    }
    assert form.places["$.gender_analysis"] == "avsnitt Jämställdhetsperspektiv"
    assert (
        form.places["$.owner"] == "avsnitt Ansökan om medel från samordningsförbundet: Sökande organisation"
    )
