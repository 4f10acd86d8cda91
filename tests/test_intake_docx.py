"""Word forms: `finsam new application --format docx`, read wherever TOML is accepted.

Key fields come from the table of each part, free texts from their headed sections; the
shipped examples written as Word forms screen exactly as their TOML, and a finding about a
free text names its section ("avsnitt Jämställdhetsanalys").
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from click.testing import CliRunner

from finsam_rules.cli import main
from finsam_rules.intake import read_form
from finsam_rules.intake.docx_form import write_docx

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
ASSOCIATION_PATH = EXAMPLES / "screening" / "association.toml"


@pytest.fixture
def runner(standard_env) -> CliRunner:
    return CliRunner(env=standard_env)


def kind_of(data: dict[str, Any]) -> str:
    return "report" if "project" in data else "application"


def screened(runner: CliRunner, folder: Path, suffix: str) -> dict[str, Any]:
    result = runner.invoke(main, ["screen", str(folder), "--format", "json", "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    output = json.loads(result.stdout.replace(str(folder) + "/", "").replace(suffix + '"', '"'))
    for document in output["documents"]:
        for finding in document["findings"]:
            finding.pop("places", None)
    return output


@pytest.mark.parametrize("example", ["screening", "mphla-2016"])
def test_the_examples_screen_the_same_as_word_forms(runner, tmp_path, example):
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    folder = tmp_path / "examples" / example
    association = tomllib.loads((folder / "association.toml").read_text(encoding="utf-8"))
    for path in sorted(folder.glob("*/*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        path.with_suffix(".docx").write_bytes(write_docx(kind_of(data), data, association))
        path.unlink()
    assert screened(runner, folder, ".docx") == screened(runner, EXAMPLES / example, ".toml")


def test_the_form_has_a_heading_per_part_and_a_table_of_key_fields(runner, tmp_path):
    out = tmp_path / "ansokan.docx"
    args = ["new", "application", "--format", "docx", "-o", str(out), "--association", str(ASSOCIATION_PATH)]
    assert runner.invoke(main, args).exit_code == 0
    document = docx.Document(str(out))
    parts = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert parts == ["Ansökan", "Budget per år", "Deltagare och mål", "Bilagor", "Förbundets medlemmar"]
    sections = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert "Jämställdhetsanalys" in sections and "Implementeringsplan" in sections
    key_fields = document.tables[0]
    assert [c.text for c in key_fields.rows[0].cells] == ["Uppgift", "Svar", "Anvisning"]
    assert key_fields.rows[3].cells[0].text == "Typ av insats"
    assert "Ett av: förstudie, genomförande, strukturinsats." in key_fields.rows[3].cells[2].text


def test_the_same_inputs_give_byte_identical_word_files():
    data = tomllib.loads(
        (EXAMPLES / "screening" / "applications" / "ga001-tunn-analys.toml").read_text("utf-8")
    )
    association = tomllib.loads(ASSOCIATION_PATH.read_text(encoding="utf-8"))
    first = write_docx("application", data, association)
    script = (
        "import sys, tomllib; from pathlib import Path; "
        "from finsam_rules.intake.docx_form import write_docx; "
        f"d = tomllib.loads(Path({str(EXAMPLES / 'screening' / 'applications' / 'ga001-tunn-analys.toml')!r})"
        ".read_text()); "
        f"a = tomllib.loads(Path({str(ASSOCIATION_PATH)!r}).read_text()); "
        "sys.stdout.buffer.write(write_docx('application', d, a))"
    )
    env = {**os.environ, "PYTHONHASHSEED": "4711"}
    assert (
        subprocess.run([sys.executable, "-c", script], capture_output=True, env=env, check=True).stdout
        == first
    )
    core = zipfile.ZipFile(__import__("io").BytesIO(first)).read("docProps/core.xml")
    assert b"2000-01-01T00:00:00Z" in core


def test_an_applicant_writes_the_gender_analysis_under_its_heading(runner, tmp_path):
    """Paragraphs under the heading are the text; the italic `Anvisning:` line is not."""
    source = EXAMPLES / "screening" / "applications" / "ok-arbetstraning-med-stod.toml"
    data = tomllib.loads(source.read_text(encoding="utf-8"))
    association = tomllib.loads(ASSOCIATION_PATH.read_text(encoding="utf-8"))
    data["gender_analysis"] = ""
    path = tmp_path / "ansokan.docx"
    path.write_bytes(write_docx("application", data, association))
    document = docx.Document(str(path))
    heading = next(i for i, p in enumerate(document.paragraphs) if p.text == "Jämställdhetsanalys")
    help_line = document.paragraphs[heading + 1]
    assert help_line.text.startswith("Anvisning:")
    help_line.insert_paragraph_before("Projektet är öppet för alla.")  # before the help: still read
    document.paragraphs[heading + 3].insert_paragraph_before("Kvinnor och män remitteras lika ofta.")
    document.save(str(path))
    assert read_form(path).data["gender_analysis"] == (
        "Projektet är öppet för alla.\nKvinnor och män remitteras lika ofta."
    )
    result = runner.invoke(main, ["screen", str(path), "--association", str(ASSOCIATION_PATH)])
    assert "Jämställdhetsanalysen (11 ord) anger inte hur kvinnor och män" in result.stdout  # both paragraphs
    assert "    I formuläret: avsnitt Jämställdhetsanalys\n" in result.stdout


def test_a_wrong_amount_names_the_section_and_the_field(runner, tmp_path):
    source = EXAMPLES / "screening" / "applications" / "ok-arbetstraning-med-stod.toml"
    path = tmp_path / "ansokan.docx"
    association = tomllib.loads(ASSOCIATION_PATH.read_text(encoding="utf-8"))
    path.write_bytes(write_docx("application", tomllib.loads(source.read_text("utf-8")), association))
    document = docx.Document(str(path))
    row = next(r for r in document.tables[0].rows if r.cells[0].text == "Sökt belopp")
    row.cells[1].text = "ca 2 miljoner"
    document.save(str(path))
    result = runner.invoke(main, ["validate", str(path), "--lang", "en"])
    assert result.exit_code == 3
    assert result.stderr == (
        f"{path}: avsnitt Ansökan om finansiering: Sökt belopp: expected an amount in whole kronor, "
        "got 'ca 2 miljoner'\n"
    )


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("a.docx", b"PK\x03\x04broken", "filen är skadad eller inte en Office-fil"),
        ("a.doc", b"\xd0\xcf\x11\xe0", "det gamla Word-formatet (.doc) läses inte"),
        ("a.odt", b"PK", "OpenDocument-texter (.odt) läses inte"),
        ("a.docm", b"PK", "dokument med makron (.docm) läses inte"),
    ],
)
def test_files_that_are_not_word_forms(runner, tmp_path, name, content, expected):
    path = tmp_path / name
    path.write_bytes(content)
    result = runner.invoke(main, ["validate", str(path)])
    assert result.exit_code == 3
    assert expected in result.stderr
    assert "Traceback" not in result.output


def test_a_word_document_that_is_not_a_form(runner, tmp_path):
    path = tmp_path / "brev.docx"
    document = docx.Document()
    document.add_heading("Ansökan om medel", level=1)
    document.save(str(path))
    result = runner.invoke(main, ["validate", str(path)])
    assert "dokumentet är inte en av förbundets blanketter" in result.stderr


def _soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("soffice is not installed; CI installs Debian's libreoffice-writer package")
        pytest.skip("soffice (LibreOffice) is not installed")
    return found


def test_word_forms_resaved_by_libreoffice_read_the_same(tmp_path):
    association = tomllib.loads((EXAMPLES / "mphla-2016" / "association.toml").read_text(encoding="utf-8"))
    sources = [
        EXAMPLES / "mphla-2016" / "applications" / "2016-0004-aktiv.toml",
        EXAMPLES / "mphla-2016" / "reports" / "2016-0005-individsamverkansteam-jan-aug.toml",
        EXAMPLES / "mphla-2016" / "association.toml",
    ]
    written = []
    for index, source in enumerate(sources):
        data = tomllib.loads(source.read_text(encoding="utf-8"))
        kind = "association" if source.name == "association.toml" else kind_of(data)
        path = tmp_path / f"{index}-{source.stem}.docx"
        path.write_bytes(write_docx(kind, data, association))
        written.append(path)
    out = tmp_path / "lo"
    subprocess.run(
        [
            _soffice(),
            f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}",
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(out),
            *map(str, written),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    for ours in written:
        theirs = out / ours.name
        assert theirs.read_bytes() != ours.read_bytes()
        assert read_form(theirs).data == read_form(ours).data
        assert read_form(theirs).places == read_form(ours).places
