"""The command line people expect (issue 12, item 7): "did you mean" for a mistyped key,
``-`` for standard input, ``-o -`` for standard output, a progress bar on long batches on a
terminal only, documents grouped by verdict by default, and ``-o`` that never overwrites a
file finsam did not write without ``--force``, for every command that has ``-o``."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from finsam_rules.cli import main
from finsam_rules.errors import InputError
from finsam_rules.loading import MAX_FILE_BYTES, load_document

HOSTILE = Path(__file__).parent / "hostile"
CASES: list[dict[str, Any]] = tomllib.loads((HOSTILE / "expected.toml").read_text(encoding="utf-8"))["case"]
UNKNOWN_KEY_CASES = [c for c in CASES if c.get("code") == "unknown_keys"]


# -- did you mean: the nearest known key at the unknown key's path --------------------------


@pytest.mark.parametrize("case", UNKNOWN_KEY_CASES, ids=[c["file"] for c in UNKNOWN_KEY_CASES])
def test_an_unknown_key_names_the_nearest_known_key_in_both_languages(case: dict[str, Any]) -> None:
    """``requsted`` is most likely ``requested``; a key like nothing known suggests nothing."""
    with pytest.raises(InputError) as caught:
        load_document(HOSTILE / case["file"])
    [line_sv] = [line for line in caught.value.lines("sv") if "okänd nyckel" in line]
    [line_en] = [line for line in caught.value.lines("en") if "unknown key" in line]
    if "near" in case:
        assert line_sv.endswith(f"egna uppgifter hör hemma under [extra]); menade du '{case['near']}'?")
        assert line_en.endswith(f"custom data belongs under [extra]); did you mean '{case['near']}'?")
    else:
        assert line_sv.endswith("under [extra])"), line_sv
        assert line_en.endswith("under [extra])"), line_en


def test_several_unknown_keys_each_get_their_suggestion(
    tmp_path: Path, write_toml: Any, application_data: dict[str, Any]
) -> None:
    """Two typos in one table: each suggestion says which key it is for."""
    data = dict(application_data)
    data["titel"] = data.pop("title")
    data["requsted"] = data.pop("requested")
    data["zebra"] = 1
    path = write_toml(tmp_path / "ansokan.toml", data)
    with pytest.raises(InputError) as caught:
        load_document(path)
    [sv] = [line for line in caught.value.lines("sv") if "okänd nyckel" in line]
    [en] = [line for line in caught.value.lines("en") if "unknown key" in line]
    assert sv.endswith("; menade du 'requested' (för requsted), 'title' (för titel)?")
    assert en.endswith("; did you mean 'requested' (for requsted), 'title' (for titel)?")


# -- shared set-up ---------------------------------------------------------------------------


@pytest.fixture
def runner(standard_env: dict[str, str]) -> CliRunner:
    return CliRunner(env=standard_env)


APPLICATION = Path("applications") / "2016-0003-individsamverkansteam.toml"


def fake_terminal(monkeypatch: pytest.MonkeyPatch, *names: str) -> None:
    """Make the named streams of the CliRunner (``<stdin>``, ``<stdout>``, ``<stderr>``)
    say they are a terminal."""
    import click.testing

    original = click.testing._NamedTextIOWrapper.isatty

    def isatty(self: Any) -> bool:
        return self.name in names or original(self)

    monkeypatch.setattr(click.testing._NamedTextIOWrapper, "isatty", isatty)


# -- "-": one document on standard input ------------------------------------------------------


class TestStandardInput:
    def test_screen_reads_the_document_piped_in_and_names_it_stdin(
        self, runner: CliRunner, portfolio: Path
    ) -> None:
        """The individual cooperation team's application, piped in, judged against the
        association given with --association: the same findings as the file itself."""
        text = (portfolio / APPLICATION).read_text(encoding="utf-8")
        association = str(portfolio / "association.toml")
        piped = runner.invoke(main, ["screen", "-", "--association", association], input=text)
        from_file = runner.invoke(main, ["screen", str(portfolio / APPLICATION)])
        assert piped.exit_code == from_file.exit_code == 0, piped.output
        assert "\n<stdin>\n  Ansökan 2016/0003 «Individsamverkansteam»" in piped.stdout
        assert piped.stdout == from_file.stdout.replace(str(portfolio / APPLICATION), "<stdin>")

    def test_no_portfolio_is_found_from_the_working_folder(
        self, runner: CliRunner, portfolio: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Standard input lies in no folder: even run inside a portfolio, only the options
        give it an association (here none, so PA001 cannot be judged)."""
        monkeypatch.chdir(portfolio)
        text = APPLICATION.read_text(encoding="utf-8")
        result = runner.invoke(main, ["screen", "-", "--fail-on", "never"], input=text)
        assert result.exit_code == 0, result.output
        assert "- PA001 [hinder, ej bedömd] Kunde inte bedömas: förbundets uppgifter" in result.stdout
        with_portfolio = runner.invoke(main, ["screen", "-", "--portfolio", "."], input=text)
        assert "PA001" not in with_portfolio.stdout
        assert "  Om ansökan beviljas (" in with_portfolio.stdout

    def test_json_names_standard_input(self, runner: CliRunner, portfolio: Path) -> None:
        text = (portfolio / APPLICATION).read_text(encoding="utf-8")
        result = runner.invoke(
            main,
            ["screen", "-", "--format", "json", "--association", str(portfolio / "association.toml")],
            input=text,
        )
        [document] = json.loads(result.stdout)["documents"]
        assert document["path"] == "<stdin>" and document["verdict"] == "tillstyrks"

    def test_validate_and_check_read_standard_input(self, runner: CliRunner, portfolio: Path) -> None:
        text = (portfolio / APPLICATION).read_text(encoding="utf-8")
        valid = runner.invoke(main, ["validate", "-"], input=text)
        assert (valid.exit_code, valid.stdout) == (0, "<stdin>: giltig ansökan\n")
        valid_en = runner.invoke(main, ["validate", "-", "--lang", "en"], input=text)
        assert valid_en.stdout == "<stdin>: valid application\n"
        association = str(portfolio / "association.toml")
        checked = runner.invoke(main, ["check", "-", "--association", association], input=text)
        assert checked.exit_code == 0, checked.output
        assert checked.stdout.startswith("<stdin>\n")

    def test_a_typo_on_standard_input_is_named_with_its_key_path(
        self, runner: CliRunner, portfolio: Path
    ) -> None:
        text = (portfolio / APPLICATION).read_text(encoding="utf-8").replace("requested =", "requsted =")
        result = runner.invoke(main, ["validate", "-", "--lang", "en"], input=text)
        assert result.exit_code == 3
        assert "<stdin>: $.requsted: unknown key requsted (a typo?" in result.stderr
        assert result.stderr.rstrip().endswith("did you mean 'requested'?")

    @pytest.mark.parametrize(
        "lang,message",
        [("sv", "<stdin>: standard in är tom"), ("en", "<stdin>: standard input is empty")],
    )
    def test_empty_standard_input(self, runner: CliRunner, lang: str, message: str) -> None:
        result = runner.invoke(main, ["validate", "-", "--lang", lang], input="\n")
        assert result.exit_code == 3
        assert result.stderr == message + "\n"

    def test_standard_input_over_the_size_limit_is_refused(self, runner: CliRunner) -> None:
        result = runner.invoke(main, ["validate", "-"], input="#" * (MAX_FILE_BYTES + 1))
        assert result.exit_code == 3
        assert result.stderr == "<stdin>: standard in är större än gränsen 1 048 576 byte\n"

    def test_a_terminal_on_standard_input_is_refused_instead_of_waiting(
        self, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        fake_terminal(monkeypatch, "<stdin>")
        result = runner.invoke(main, ["screen", "-", "--lang", "en"])
        assert result.exit_code == 3
        assert "<stdin>: standard input is a terminal; send the document to it with < FILE" in result.stderr

    def test_standard_input_and_files_in_one_batch(self, runner: CliRunner, portfolio: Path) -> None:
        text = (portfolio / APPLICATION).read_text(encoding="utf-8")
        result = runner.invoke(main, ["validate", str(portfolio / APPLICATION), "-"], input=text)
        assert result.stdout == f"<stdin>: giltig ansökan\n{portfolio / APPLICATION}: giltig ansökan\n"

    def test_a_decision_record_needs_a_file(self, runner: CliRunner, portfolio: Path, tmp_path: Path) -> None:
        text = (portfolio / APPLICATION).read_text(encoding="utf-8")
        result = runner.invoke(main, ["screen", "-", "--record", str(tmp_path / "rec")], input=text)
        assert result.exit_code == 2
        assert "--record kan inte användas med - (standard in)" in result.stderr
        assert not (tmp_path / "rec").exists()


# -- "-o -": standard output -----------------------------------------------------------------


class TestStandardOutput:
    def test_o_dash_is_standard_output_for_text_formats(self, runner: CliRunner, portfolio: Path) -> None:
        for args in (
            ["screen", str(portfolio), "--format", "json"],
            ["report", str(portfolio)],
            ["calendar", str(portfolio), "--format", "ics"],
            ["new", "report"],
        ):
            plain, dash = runner.invoke(main, args), runner.invoke(main, [*args, "-o", "-"])
            assert dash.exit_code == plain.exit_code, dash.output
            assert dash.stdout == plain.stdout and dash.stdout, args
        assert not Path("-").exists()

    @pytest.mark.parametrize(
        "args", [["new", "application", "--format", "xlsx"], ["new", "report", "--format", "docx"]]
    )
    def test_a_form_goes_into_a_pipe(self, runner: CliRunner, args: list[str]) -> None:
        result = runner.invoke(main, [*args, "-o", "-"])
        assert result.exit_code == 0, result.output
        assert result.stdout_bytes.startswith(b"PK\x03\x04")  # a zip: the workbook or the Word file

    def test_the_workbook_goes_into_a_pipe(self, runner: CliRunner, portfolio: Path) -> None:
        result = runner.invoke(main, ["report", str(portfolio), "--format", "xlsx", "-o", "-"])
        assert result.exit_code == 0, result.output
        assert result.stdout_bytes.startswith(b"PK\x03\x04")

    @pytest.mark.parametrize(
        "args,fmt",
        [
            (["new", "application", "--format", "xlsx", "-o", "-"], "xlsx"),
            (["new", "report", "--format", "docx", "-o", "-"], "docx"),
            (["report", "PORTFOLIO", "--format", "xlsx", "-o", "-"], "xlsx"),
            (["report", "PORTFOLIO", "--format", "pdf", "-o", "-"], "pdf"),
            (["screen", "PORTFOLIO", "--format", "pdf", "-o", "-"], "pdf"),
        ],
    )
    def test_binary_formats_are_never_written_to_a_terminal(
        self, runner: CliRunner, portfolio: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], fmt: str
    ) -> None:
        fake_terminal(monkeypatch, "<stdout>")
        result = runner.invoke(main, [str(portfolio) if a == "PORTFOLIO" else a for a in args])
        assert result.exit_code == 2, result.output
        assert result.stdout_bytes == b""
        assert f"Formatet {fmt} skrivs inte till en terminal" in result.stderr

    def test_import_writes_one_form_to_standard_output(self, runner: CliRunner, tmp_path: Path) -> None:
        form = tmp_path / "ansokan.xlsx"
        assert runner.invoke(main, ["new", "application", "--format", "xlsx", "-o", str(form)]).exit_code == 0
        one = runner.invoke(main, ["import", str(form), "-o", "-"])
        assert one.exit_code == 3  # a blank form lacks what it asks for: named cell by cell
        assert f"{form}: Ansökan!B3 ($.title): obligatorisk uppgift saknas" in one.stderr
        two = runner.invoke(main, ["import", str(form), str(form), "-o", "-", "--lang", "en"])
        assert two.exit_code == 2
        assert "-o - (standard output) takes one form at a time, not 2" in two.stderr
        assert not Path("-").exists()

    def test_pack_new_needs_a_folder(self, runner: CliRunner) -> None:
        result = runner.invoke(main, ["pack", "new", "mphla", "-o", "-"])
        assert result.exit_code == 2
        assert "-o - (standard ut) är ingen mapp" in result.stderr
        assert not Path("-").exists()
