"""The command line people expect (issue 12, item 7): "did you mean" for a mistyped key,
``-`` for standard input, ``-o -`` for standard output, a progress bar on long batches on a
terminal only, documents grouped by verdict by default, and ``-o`` that never overwrites a
file finsam did not write without ``--force``, for every command that has ``-o``."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from finsam_rules import progress as progress_module
from finsam_rules.cli import main
from finsam_rules.errors import InputError
from finsam_rules.loading import MAX_FILE_BYTES, load_document
from finsam_rules.progress import Progress

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
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


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

    def test_with_portfolio_a_report_piped_in_reads_as_the_file_lying_there(
        self, runner: CliRunner, tmp_path: Path
    ) -> None:
        """``--portfolio DIR`` places standard input in that portfolio: its association, its
        policy file (the plan's targets and counting) and its applications, so a report
        piped in is judged exactly as the same file in the folder, not against the
        standard targets without its application."""
        for name in ("mphla-2016", "policy-mphla"):  # its finsam.toml extends the plan's policy
            shutil.copytree(EXAMPLES / name, tmp_path / name)
        portfolio = tmp_path / "mphla-2016"
        report = portfolio / "reports" / "2016-0004-aktiv-jan-aug.toml"
        args = ["screen", "--format", "json", "--portfolio", str(portfolio), "--fail-on", "never"]
        piped = runner.invoke(main, [*args, "-"], input=report.read_text(encoding="utf-8"))
        from_file = runner.invoke(main, [*args, str(report)])
        assert piped.exit_code == from_file.exit_code == 0, piped.output
        [as_piped] = json.loads(piped.stdout)["documents"]
        [as_file] = json.loads(from_file.stdout)["documents"]
        assert as_piped["verdict"] == as_file["verdict"] == "avvikelse"
        assert as_piped["findings"] == as_file["findings"]
        assert "RP002" not in {f["code"] for f in as_piped["findings"]}

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


# -- the progress bar: a terminal, text, more than a second ----------------------------------


class FakeClock:
    """A clock that moves ``step`` seconds each time it is read."""

    def __init__(self, step: float) -> None:
        self.now, self.step = 0.0, step

    def __call__(self) -> float:
        self.now += self.step
        return self.now


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class TestProgress:
    def test_nothing_is_drawn_in_the_first_second(self) -> None:
        err = Terminal()
        bar = Progress(err, "sv", lambda: 46, FakeClock(0.01))
        for _ in range(46):  # 46 documents in under half a second
            bar.tick()
        bar.clear()
        assert err.getvalue() == ""

    def test_after_a_second_the_bar_shows_how_far_the_batch_has_come(self) -> None:
        err = Terminal()
        counted: list[int] = []

        def count() -> int:
            counted.append(46)
            return 46

        bar = Progress(err, "sv", count, FakeClock(0.5))
        for _ in range(23):
            bar.tick()
        assert err.getvalue().endswith("\r\x1b[KGranskar [###############---------------] 23 av 46")
        assert counted == [46]  # the walk counting the documents is made once, when the bar is due
        bar.clear()
        assert err.getvalue().endswith("\r\x1b[K")  # the line is blank again at the end
        assert Progress(Terminal(), "en", count, FakeClock(2)).line() == (
            "Screening [------------------------------] 0 of 1"
        )

    def test_other_messages_erase_the_bar_first(self) -> None:
        err = Terminal()
        bar = Progress(err, "en", lambda: 2, FakeClock(2))
        bar.tick()
        bar.stream().write("could not read: x.toml\n")
        assert err.getvalue() == (
            "\r\x1b[KScreening [###############---------------] 1 of 2\r\x1b[Kcould not read: x.toml\n"
        )

    def test_it_is_drawn_at_most_ten_times_a_second(self) -> None:
        err = Terminal()
        bar = Progress(err, "en", lambda: 1000, FakeClock(0.01))
        for _ in range(1000):  # ten seconds
            bar.tick()
        assert 80 <= err.getvalue().count("Screening") <= 100

    @pytest.mark.parametrize(
        "args,shown",
        [
            ([], True),
            (["--lang", "en"], True),
            (["--group-by", "path"], True),
            (["--format", "json"], False),
            (["--format", "markdown"], False),
            (["--quiet"], False),
        ],
    )
    def test_only_text_output_on_a_terminal_shows_it(
        self,
        runner: CliRunner,
        portfolio: Path,
        monkeypatch: pytest.MonkeyPatch,
        args: list[str],
        shown: bool,
    ) -> None:
        """A slow clock makes each document take a second; standard output is the same
        byte for byte with and without the bar."""
        quiet_run = runner.invoke(main, ["screen", str(portfolio), *args])
        fake_terminal(monkeypatch, "<stderr>")
        monkeypatch.setattr(progress_module, "CLOCK", FakeClock(1.0))
        result = runner.invoke(main, ["screen", str(portfolio), *args])
        assert result.exit_code == quiet_run.exit_code == 0, result.output
        assert result.stdout == quiet_run.stdout
        word = "Screening [" if "en" in args else "Granskar ["
        assert (word in result.stderr) is shown
        if shown:
            assert result.stderr.endswith("\r\x1b[K")

    def test_never_in_a_pipe(
        self, runner: CliRunner, portfolio: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(progress_module, "CLOCK", FakeClock(10.0))
        result = runner.invoke(main, ["screen", str(portfolio)])
        assert result.stderr == ""


# -- group by verdict, colour, python -m, completion -----------------------------------------


@pytest.fixture
def mixed_portfolio(portfolio: Path, write_toml: Any, application_data: dict[str, Any]) -> Path:
    """The portfolio plus two applications lacking their cooperation agreement (komplettering
    krävs) and one from a private owner (avstyrks), named so path order is not verdict order."""
    for name, app_id, title in (
        ("2016-0009-zeta.toml", "2016/0009", "Zeta"),
        ("2016-0001-alfa.toml", "2016/0001", "Alfa"),
    ):
        data = dict(application_data, id=app_id, title=title, attachments=["budget"])
        write_toml(portfolio / "applications" / name, data)
    data = dict(application_data, id="2016/0005", title="Privat", owner="Coompanion AB")
    data["parties"] = ["Coompanion AB", "fk"]
    write_toml(portfolio / "applications" / "2016-0005-privat.toml", data)
    return portfolio


def test_text_is_grouped_by_verdict_by_default_in_path_order_within_each_group(
    runner: CliRunner, mixed_portfolio: Path
) -> None:
    out = runner.invoke(main, ["screen", str(mixed_portfolio), "--fail-on", "never"]).stdout
    assert (
        out
        == runner.invoke(
            main, ["screen", str(mixed_portfolio), "--fail-on", "never", "--group-by", "verdict"]
        ).stdout
    )
    assert out.startswith("5 dokument: 1 tillstyrks, 2 komplettering krävs, 1 avstyrks, 1 godkänns")
    order = [
        out.index(word)
        for word in (
            "AVSTYRKS (1)",
            "«Privat»",
            "KOMPLETTERING KRÄVS (2)",
            "«Alfa»",
            "«Zeta»",
            "TILLSTYRKS (1)",
            "«Individsamverkansteam»",
            "GODKÄNNS (1)",
        )
    ]
    assert order == sorted(order)


def test_colour_on_a_terminal_red_for_avstyrks_amber_for_komplettering_never_with_no_color(
    runner: CliRunner, mixed_portfolio: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_terminal(monkeypatch, "<stdout>")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    out = runner.invoke(main, ["screen", str(mixed_portfolio), "--fail-on", "never"]).stdout
    assert "\x1b[31m\x1b[1mAVSTYRKS (1)" in out and "\x1b[31m\x1b[1m  Förslag: AVSTYRKS" in out
    assert "\x1b[33m\x1b[22mKOMPLETTERING KRÄVS (2)\x1b[0m" in out  # amber, not bold
    assert "  Förslag: TILLSTYRKS\n" in out  # what passes is not coloured
    monkeypatch.setenv("NO_COLOR", "1")
    plain = runner.invoke(main, ["screen", str(mixed_portfolio), "--fail-on", "never"]).stdout
    assert "\x1b[" not in plain
    monkeypatch.delenv("NO_COLOR")
    to_file = mixed_portfolio.parent / "granskning.txt"
    runner.invoke(main, ["screen", str(mixed_portfolio), "--fail-on", "never", "-o", str(to_file)])
    assert to_file.read_text(encoding="utf-8") == plain  # a file is never coloured


def test_quiet_leaves_out_what_passes_in_both_groupings(runner: CliRunner, mixed_portfolio: Path) -> None:
    for grouping in ("verdict", "path"):
        out = runner.invoke(main, ["screen", str(mixed_portfolio), "-q", "--group-by", grouping]).stdout
        assert "«Privat»" in out and "«Alfa»" in out and "«Zeta»" in out
        assert "«Individsamverkansteam»" not in out and "TILLSTYRKS (" not in out
        assert "5 dokument:" in out


def test_python_m_finsam_rules_is_the_same_command_line(
    standard_env: dict[str, str], portfolio: Path
) -> None:
    env = {**os.environ, **standard_env}
    module = subprocess.run(
        [sys.executable, "-m", "finsam_rules", "validate", str(portfolio / APPLICATION), "--lang", "en"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert (module.returncode, module.stdout) == (0, f"{portfolio / APPLICATION}: valid application\n")
    piped = subprocess.run(
        [sys.executable, "-m", "finsam_rules", "validate", "-"],
        input=(portfolio / APPLICATION).read_text(encoding="utf-8"),
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert (piped.returncode, piped.stdout) == (0, "<stdin>: giltig ansökan\n")


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_is_documented_and_completes_the_commands(shell: str, runner: CliRunner) -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    assert "finsam completion bash|zsh|fish" in readme
    result = runner.invoke(main, ["completion", shell])
    assert result.exit_code == 0
    assert "_FINSAM_COMPLETE" in result.stdout


# -- -o never overwrites a file finsam did not write, on every command that has -o -----------


def _form(tmp_path: Path) -> Path:
    """An Excel form filled in with the shipped example application."""
    from finsam_rules.intake.xlsx_writer import write_workbook

    source = Path(__file__).parent.parent / "examples/screening/applications/ok-arbetstraning-med-stod.toml"
    form = tmp_path / "forms" / "ansokan.xlsx"
    form.parent.mkdir()
    form.write_bytes(write_workbook("application", tomllib.loads(source.read_text("utf-8"))))
    return form


#: Each command with -o: its arguments (PORTFOLIO, OUT and FORM filled in), the file -o
#: ends up writing (relative to OUT), and the exit code of a refusal: 2 for a refused -o
#: FILE (nothing is done), 3 for a file refused inside an -o folder (the rest is written).
WRITERS = {
    "screen": (
        ["screen", "PORTFOLIO", "--fail-on", "never", "-o", "OUT/granskning.txt"],
        "granskning.txt",
        2,
    ),
    "screen json": (["screen", "PORTFOLIO", "--format", "json", "-o", "OUT/g.json"], "g.json", 2),
    "screen letters": (
        ["screen", "PORTFOLIO/applications", "--format", "letter", "--letter-format", "docx", "-o", "OUT"],
        "2016-0004.docx",
        3,
    ),
    "report": (["report", "PORTFOLIO", "-o", "OUT/styrelserapport.md"], "styrelserapport.md", 2),
    "report xlsx": (["report", "PORTFOLIO", "--format", "xlsx", "-o", "OUT/r.xlsx"], "r.xlsx", 2),
    "calendar": (["calendar", "PORTFOLIO", "--format", "ics", "-o", "OUT/rapporter.ics"], "rapporter.ics", 2),
    "new": (["new", "application", "-o", "OUT/ansokan.toml"], "ansokan.toml", 2),
    "new xlsx": (["new", "report", "--format", "xlsx", "-o", "OUT/rapport.xlsx"], "rapport.xlsx", 2),
    "new docx": (["new", "report", "--format", "docx", "-o", "OUT/rapport.docx"], "rapport.docx", 2),
    "import": (["import", "FORM", "-o", "OUT"], "ansokan.toml", 2),
}


@pytest.mark.parametrize("name", list(WRITERS))
def test_o_never_overwrites_a_file_finsam_did_not_write_without_force(
    name: str,
    runner: CliRunner,
    portfolio: Path,
    tmp_path: Path,
    write_toml: Any,
    application_data: dict[str, Any],
) -> None:
    """Someone's own file where -o writes: refused, byte for byte kept; with --force it is
    replaced; what finsam wrote it may write again without --force."""
    args, written, refused = WRITERS[name]
    write_toml(  # Balder lacks its cooperation agreement: a completion letter
        portfolio / "applications" / "2016-0004-balder.toml",
        dict(application_data, id="2016/0004", title="Balder", attachments=["budget"]),
    )
    out = tmp_path / "out"
    out.mkdir()
    form = _form(tmp_path) if "FORM" in args else None
    filled = [
        a.replace("PORTFOLIO", str(portfolio)).replace("OUT", str(out)).replace("FORM", str(form))
        for a in args
    ]
    target = out / written
    target.write_bytes(b"mine\n")
    result = runner.invoke(main, filled)
    assert result.exit_code == refused, result.output
    assert (
        f"{target}: finns redan och skrevs inte av finsam; inte överskriven (lägg till --force)"
        in result.stderr
    )
    assert target.read_bytes() == b"mine\n"
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
    forced = runner.invoke(main, [*filled, "--force"])
    assert forced.exit_code in (0, 1), forced.output
    assert target.read_bytes() != b"mine\n"
    again = runner.invoke(main, filled)  # finsam's own file: no --force needed
    assert again.exit_code in (0, 1), again.output


def test_pack_new_never_writes_into_an_existing_folder(runner: CliRunner, tmp_path: Path) -> None:
    """``pack new -o DIR`` creates a folder; an existing one is refused, whatever it holds."""
    folder = tmp_path / "finsam-mphla"
    folder.mkdir()
    (folder / "README.md").write_text("mine\n", encoding="utf-8")
    result = runner.invoke(main, ["pack", "new", "mphla", "-o", str(folder)])
    assert result.exit_code == 2
    assert (folder / "README.md").read_text(encoding="utf-8") == "mine\n"
    assert [p.name for p in folder.iterdir()] == ["README.md"]
