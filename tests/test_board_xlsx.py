"""The board report as an Excel workbook: ``finsam report --format xlsx``.

The förbundschef of Samordningsförbundet Mölndal Partille Härryda Lerum Alingsås works on the
figures of 2016 (the shipped ``examples/mphla-2016`` portfolio, from the interim report
January-August 2016) in Excel. The workbook is read back with openpyxl and converted by
LibreOffice headless, and its figures are checked against the input files themselves: the
contributions of association.toml (16 692 000 kr in all, Mölndals stad 1 222 500 kr) and the
report of the individual cooperation team (53 women and 10 men; cost 1 999 000 kr against a
budget of 2 200 000 kr; forecast 3 500 000 kr against 3 300 000 kr).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tomllib
import zipfile
from fractions import Fraction
from pathlib import Path

import pytest
from click.testing import CliRunner

from finsam_rules.cli import EXIT_OK, main

openpyxl = pytest.importorskip("openpyxl")

REPO = Path(__file__).resolve().parent.parent
MPHLA = REPO / "examples" / "mphla-2016"
ISAM = "2016/0005"
ISAM_REPORT = MPHLA / "reports" / "2016-0005-individsamverkansteam-jan-aug.toml"

SHEETS_SV = [
    "Sammanfattning",
    "Mål",
    "Ansökningar",
    "Rapporter",
    "Resultat",
    "Kön",
    "Budget",
    "Bidrag",
    "Anmärkningar",
    "Regler",
]
SHEETS_EN = [
    "Summary",
    "Goals",
    "Applications",
    "Reports",
    "Outcomes",
    "Gender",
    "Budget",
    "Contributions",
    "Findings",
    "Rules",
]
KR = '#,##0 "kr"'  # Swedish Excel shows it as # ##0 "kr"


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner(env={"FINSAM_RULES_PLUGINS": "finsam-rules"})


def write_xlsx(runner: CliRunner, out: Path, *args: str) -> Path:
    result = runner.invoke(main, ["report", str(MPHLA), "--format", "xlsx", "-o", str(out), *args])
    assert result.exit_code == EXIT_OK, (result.output, result.exception)
    return out


@pytest.fixture(scope="module")
def xlsx(runner, tmp_path_factory) -> Path:
    return write_xlsx(
        runner, tmp_path_factory.mktemp("xlsx") / "styrelserapport-2016.xlsx", "--dnr", "2016/123"
    )


@pytest.fixture(scope="module")
def book(xlsx):
    return openpyxl.load_workbook(xlsx)


def rows(book, name: str) -> list[dict[str, object]]:
    """A sheet's rows as dicts keyed by the header row."""
    values = list(book[name].iter_rows(values_only=True))
    header = values[0]
    return [dict(zip(header, row, strict=True)) for row in values[1:]]


def cell_formats(book, name: str, header: str) -> set[str]:
    ws = book[name]
    col = [c.value for c in ws[1]].index(header) + 1
    return {
        ws.cell(r, col).number_format for r in range(2, ws.max_row + 1) if ws.cell(r, col).value is not None
    }


ASSOCIATION = tomllib.loads((MPHLA / "association.toml").read_text(encoding="utf-8"))
REPORT = tomllib.loads(ISAM_REPORT.read_text(encoding="utf-8"))


def test_the_sheets_in_swedish_each_with_a_frozen_header_and_a_filter(book):
    assert book.sheetnames == SHEETS_SV
    for ws in book:
        assert ws.freeze_panes == "A2", ws.title  # the header row stays when scrolling
        assert ws.auto_filter.ref is not None and ws.auto_filter.ref.startswith("A1:"), ws.title
        last = ws.auto_filter.ref.split(":")[1]
        assert int("".join(ch for ch in last if ch.isdigit())) == max(ws.max_row, 2), ws.title
        assert all(c.font.b for c in ws[1]), ws.title
        assert ws.max_row >= 2, f"{ws.title} has no rows"


def test_contributions_are_real_numbers_from_association_toml(book):
    members = {m["id"]: m for m in ASSOCIATION["members"]}
    total = sum(m["contribution"] for m in members.values())
    assert total == 16_692_000
    sheet = rows(book, "Bidrag")
    assert [r["Id"] for r in sheet] == list(members)
    for r in sheet:
        member = members[r["Id"]]
        assert r["Medlem"] == member["name"]
        assert r["Bidrag"] == member["contribution"] and isinstance(r["Bidrag"], int)
        assert r["Andel"] == pytest.approx(member["contribution"] / total)
        assert r["Invånare"] == member.get("population")
    molndal = next(r for r in sheet if r["Id"] == "molndal")
    assert (molndal["Bidrag"], molndal["Slag"], molndal["Invånare"]) == (1_222_500, "kommun", 63_278)
    assert cell_formats(book, "Bidrag", "Bidrag") == {KR}
    assert cell_formats(book, "Bidrag", "Andel") == {"0 %"}
    summary = {r["Uppgift"]: r["Värde"] for r in rows(book, "Sammanfattning")}
    assert summary["Medlemsbidrag"] == 16_692_000
    assert summary["Eget kapital vid årets början"] == ASSOCIATION["equity_at_start"] == 1_013_690
    assert summary["År"] == 2016 and summary["Förbund"] == ASSOCIATION["name"]
    # The balance adds up in the workbook as in the report: available less committed is the margin.
    assert summary["Tillgängligt"] - summary["Åtaget"] == summary["Marginal"]
    assert cell_formats(book, "Sammanfattning", "Värde") >= {KR, "0", "#,##0", "yyyy-mm-dd"}


def test_the_team_report_figures_budget_gender_outcomes(book):
    budget = next(r for r in rows(book, "Budget") if r["Projekt"] == ISAM)
    assert budget["Kostnad för perioden"] == REPORT["costs"]["total"] == 1_999_000
    assert budget["Budget för perioden"] == REPORT["budget"]["total"] == 2_200_000
    assert budget["Prognos"] == REPORT["forecast"]["cost"] == 3_500_000
    assert budget["Budget mot prognos"] == REPORT["forecast"]["budget"] == 3_300_000
    assert budget["Prognos över budget"] == 200_000
    assert budget["Fil"] == "reports/2016-0005-individsamverkansteam-jan-aug.toml"
    for header in ["Beviljat för året", "Budget för perioden", "Kostnad för perioden", "Prognos"]:
        assert cell_formats(book, "Budget", header) == {KR}
    gender = next(r for r in rows(book, "Kön") if r["Projekt"] == ISAM)
    assert (gender["Kvinnor"], gender["Män"], gender["Totalt"]) == (53, 10, 63)
    assert gender["Andel kvinnor"] == pytest.approx(53 / 63)  # 84 %, the skew the board reads about
    outcome = next(r for r in rows(book, "Resultat") if r["Projekt"] == ISAM)
    # 3 of 13 finished participants to work or studies (further rehabilitation does not count here).
    outcomes = REPORT["outcomes"]
    assert outcome["Till arbete/studier"] == outcomes["work"] + outcomes["studies"] == 3
    assert outcome["Avslutade deltagare"] == 13
    assert outcome["Andel"] == pytest.approx(float(Fraction(3, 13)))
    assert outcome["Målvärde"] == 0.5
    assert cell_formats(book, "Resultat", "Andel") == {"0 %"}


def test_applications_and_reports_one_row_each_with_dates_and_amounts(book):
    applications = rows(book, "Ansökningar")
    files = sorted(p.relative_to(MPHLA).as_posix() for p in (MPHLA / "applications").glob("*.toml"))
    assert sorted(r["Fil"] for r in applications) == files
    isam = next(r for r in applications if r["Id"] == ISAM)
    data = tomllib.loads((MPHLA / isam["Fil"]).read_text(encoding="utf-8"))
    assert isam["Sökt belopp"] == data["requested"]
    assert isam["Från"].date() == data["period"]["start"]
    assert cell_formats(book, "Ansökningar", "Från") == {"yyyy-mm-dd"}
    assert {r["Förslag"] for r in applications} <= {"tillstyrks", "komplettering krävs", "avstyrks"}
    reports = rows(book, "Rapporter")
    assert len(reports) == len(list((MPHLA / "reports").glob("*.toml")))


def test_one_row_per_finding_with_code_rule_message_source_and_file(runner, book):
    findings = rows(book, "Anmärkningar")
    rules = {r["Kod"]: r for r in rows(book, "Regler")}
    screened = json.loads(
        runner.invoke(main, ["screen", str(MPHLA), "--format", "json", "--fail-on", "never"]).stdout
    )
    expected = sorted(
        (Path(d["path"]).relative_to(MPHLA).as_posix(), f["code"], f["message"])
        for d in screened["documents"]
        for f in d["findings"]
    )
    documents = sorted((r["Fil"], r["Kod"], r["Meddelande"]) for r in findings if r["Slag"] != "portföljen")
    assert documents == expected
    portfolio = [r for r in findings if r["Slag"] == "portföljen"]
    assert any(r["Kod"] == "OT003" and "26 %" in r["Meddelande"] for r in portfolio)  # 47 of 181
    for r in findings:
        assert r["Regel"] == rules[r["Kod"]]["Titel"]
        assert r["Källa"] and (MPHLA / r["Fil"]).is_file()


def test_every_rule_with_its_text_and_parameters(runner, book):
    listed = json.loads(runner.invoke(main, ["rules", "--format", "json"]).stdout)["rules"]
    sheet = {r["Kod"]: r for r in rows(book, "Regler")}
    assert set(sheet) >= {r["code"] for r in listed}
    for rule in listed:
        row = sheet[rule["code"]]
        assert row["Namn"] == rule["name"]
        assert row["Vad regeln gör"]
        for param in rule["parameters"]:
            assert f"{param['name']} = " in row["Parametrar"]
    assert "max_months = 36" in sheet["FP001"]["Parametrar"]


def test_english_sheet_names_and_headers(runner, tmp_path):
    book = openpyxl.load_workbook(write_xlsx(runner, tmp_path / "board.xlsx", "--lang", "en"))
    assert book.sheetnames == SHEETS_EN
    assert [c.value for c in book["Contributions"][1]][:4] == ["Id", "Member", "Kind", "Contribution"]
    members = rows(book, "Contributions")
    assert {r["Kind"] for r in members} == {"government agency", "region", "municipality"}
    summary = {r["Item"]: r["Value"] for r in rows(book, "Summary")}
    assert summary["Contributions"] == 16_692_000


def test_the_same_inputs_give_the_same_bytes(runner, xlsx, tmp_path):
    again = write_xlsx(runner, tmp_path / "again.xlsx", "--dnr", "2016/123")
    assert again.read_bytes() == xlsx.read_bytes()
    with zipfile.ZipFile(xlsx) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    # Created on the date the report is judged as of, not on the clock's date.
    assert "<dcterms:created" in core and "2016-12-31T00:00:00Z" in core
    props = openpyxl.load_workbook(xlsx).properties
    assert props.creator == ASSOCIATION["name"]
    assert props.title == "Styrelserapport 2016, dnr 2016/123"


LIBREOFFICE_SWEDISH = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse">
<value>sv-SE</value></prop></item>
</oor:items>
"""


def _soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice is not installed; CI installs Debian's libreoffice-calc")
        pytest.skip("LibreOffice is not installed (Debian's libreoffice-calc)")
    return found


def test_libreoffice_reads_the_workbook_with_swedish_formats(xlsx, tmp_path):
    """LibreOffice headless, set to the Swedish locale, converts every sheet to CSV as shown."""
    soffice = _soffice()
    out = tmp_path / "csv"
    profile = tmp_path / "profile"
    (profile / "user").mkdir(parents=True)
    # A fresh LibreOffice profile whose locale is sv-SE (the machine needs no Swedish locale).
    (profile / "user" / "registrymodifications.xcu").write_text(LIBREOFFICE_SWEDISH, encoding="utf-8")
    # Field separator ";" as in Swedish Excel, '"' quotes, UTF-8 (76), values as shown, every sheet (-1).
    options = "59,34,76,1,,1053,false,true,true,false,false,-1"
    env = dict(os.environ, LC_ALL="C.UTF-8", HOME=str(tmp_path))
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            f"csv:Text - txt - csv (StarCalc):{options}",
            "--outdir",
            str(out),
            str(xlsx),
        ],
        check=True,
        capture_output=True,
        env=env,
        timeout=240,
    )
    stem = xlsx.stem
    for name in SHEETS_SV:
        assert (out / f"{stem}-{name}.csv").is_file(), name

    def lines(name: str) -> list[list[str]]:
        import csv

        text = (out / f"{stem}-{name}.csv").read_text(encoding="utf-8").replace("\u00a0", " ")
        return list(csv.reader(text.splitlines(), delimiter=";"))

    members = {row[0]: row for row in lines("Bidrag")[1:]}
    for member in ASSOCIATION["members"]:
        row = members[member["id"]]
        shown = f"{member['contribution']:,} kr".replace(",", " ")
        assert row[3] == shown, (member["id"], row)
    assert members["molndal"][3] == "1 222 500 kr"
    assert members["fk"][4] == "50 %"
    summary = {row[0]: row[1] for row in lines("Sammanfattning")[1:]}
    assert summary["Medlemsbidrag"] == "16 692 000 kr"
    assert summary["År"] == "2016"
    assert summary["Bedömd per"] == "2016-12-31"
    isam = next(row for row in lines("Budget")[1:] if row[0] == ISAM)
    assert isam[4] == "1 999 000 kr" and isam[5] == "3 500 000 kr"
    gender = next(row for row in lines("Kön")[1:] if row[0] == ISAM)
    assert gender[2:7] == ["53", "10", "0", "63", "84 %"]
