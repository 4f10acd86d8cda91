"""`finsam import`: forms to TOML for a portfolio kept in version control.

The TOML screens exactly as the form did, and its comments name where each value stood in the
form; bad files are reported and the rest converted; nothing is overwritten.
"""

from __future__ import annotations

import json
import shutil
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from finsam_rules.cli import main
from finsam_rules.intake.docx_form import write_docx
from finsam_rules.intake.xlsx_writer import write_workbook

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
WRITERS = {"xlsx": write_workbook, "docx": write_docx}


@pytest.fixture
def runner(standard_env) -> CliRunner:
    return CliRunner(env=standard_env)


def findings(runner: CliRunner, folder: Path) -> list[tuple]:
    result = runner.invoke(main, ["screen", str(folder), "--format", "json", "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    documents = json.loads(result.stdout)["documents"]
    return [
        (Path(d["path"]).stem, d["verdict"], [(f["code"], f["message"]) for f in d["findings"]])
        for d in documents
    ]


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_imported_forms_screen_as_the_forms_did(runner, tmp_path, fmt):
    folder = tmp_path / "forms"
    shutil.copytree(EXAMPLES / "screening", folder)
    association = tomllib.loads((folder / "association.toml").read_text(encoding="utf-8"))
    forms = []
    for path in sorted(folder.glob("*/*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        form = path.with_suffix(f".{fmt}")
        form.write_bytes(WRITERS[fmt]("report" if "project" in data else "application", data, association))
        path.unlink()
        forms.append(form)
    imported = tmp_path / "imported"
    for sub in ("applications", "reports"):
        result = runner.invoke(
            main, ["import", *map(str, sorted(folder.glob(f"{sub}/*"))), "-o", str(imported / sub)]
        )
        assert result.exit_code == 0, result.output
    shutil.copy(folder / "association.toml", imported / "association.toml")
    assert findings(runner, imported) == findings(runner, folder)


def test_the_comments_name_each_values_place(runner, tmp_path):
    source = EXAMPLES / "screening" / "applications" / "ga001-tunn-analys.toml"
    association = tomllib.loads((EXAMPLES / "screening" / "association.toml").read_text(encoding="utf-8"))
    form = tmp_path / "ga001.xlsx"
    form.write_bytes(write_workbook("application", tomllib.loads(source.read_text("utf-8")), association))
    assert runner.invoke(main, ["import", str(form), "-o", str(tmp_path / "out")]).exit_code == 0
    text = (tmp_path / "out" / "ga001.toml").read_text(encoding="utf-8")
    assert text.startswith("# Importerad från ga001.xlsx med `finsam import`.")
    assert "#   gender_analysis: Ansökan!B12\n" in text
    assert "#   budget[1].total: 'Budget per år'!E6\n" in text
    assert tomllib.loads(text)["owner"] == "lerum"


def test_bad_files_are_reported_and_nothing_is_overwritten(runner, tmp_path):
    good = tmp_path / "a.xlsx"
    source = EXAMPLES / "screening" / "applications" / "ok-arbetstraning-med-stod.toml"
    good.write_bytes(write_workbook("application", tomllib.loads(source.read_text("utf-8"))))
    broken = tmp_path / "b.xlsx"
    broken.write_bytes(b"PK\x03\x04")
    out = tmp_path / "out"
    out.mkdir()
    (out / "c.toml").write_text("# mine\n", encoding="utf-8")
    shutil.copy(good, tmp_path / "c.xlsx")
    result = runner.invoke(
        main, ["import", str(good), str(broken), str(tmp_path / "c.xlsx"), str(source), "-o", str(out)]
    )
    assert result.exit_code == 3
    assert (out / "a.toml").is_file()
    assert f"{broken}: filen är skadad" in result.stderr
    assert (
        f"{out / 'c.toml'}: finns redan och skrevs inte av finsam; inte överskriven (lägg till --force)"
        in result.stderr
    )
    assert (out / "c.toml").read_text(encoding="utf-8") == "# mine\n"
    assert "bara blanketter (.xlsx, .docx) importeras" in result.stderr
