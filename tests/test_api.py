"""The Python API (``finsam_rules.api``): the same judgements as the command line, as values.

Screening the interim report's portfolio (Mölndal, Partille, Härryda, Lerum and Alingsås,
2016: eight applications and eight reports) through the API gives every document the verdict
and findings ``finsam screen --format json`` gives it; the board report is the model the
board formats show; failures are plain exceptions carrying the command line's exit code.
The work behind the commands knows no command-line framework.
"""

from __future__ import annotations

import ast
import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from finsam_rules import api
from finsam_rules.cli import main
from finsam_rules.failures import (
    EXIT_CRASH,
    EXIT_INTERNAL,
    EXIT_UNREADABLE,
    EXIT_USAGE,
    Failure,
    InputUnreadable,
    InternalFailure,
    RuleFailure,
    UsageFailure,
)

ROOT = Path(__file__).resolve().parent.parent
MPHLA = ROOT / "examples" / "mphla-2016"
PACKAGE = ROOT / "finsam_rules"


@pytest.fixture(scope="module")
def registry():
    return api.load_registry()


def cli_json(*args: str) -> dict:
    result = CliRunner().invoke(main, [*args, "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


class TestScreen:
    def test_the_interim_reports_portfolio_gets_the_verdicts_the_command_line_gives(self, registry):
        by_cli = {
            Path(doc["path"]).name: (
                doc["kind"],
                doc["id"],
                doc["verdict"],
                [f["code"] for f in doc["findings"]],
            )
            for doc in cli_json("screen", str(MPHLA), "--lang", "en")["documents"]
        }
        by_api = {}
        for item in api.screen([MPHLA], lang="en", registry=registry):
            assert item.evaluation is not None, item.error
            evaluation = item.evaluation
            by_api[item.path.name] = (
                evaluation.kind,
                evaluation.id,
                evaluation.verdict.value,
                [f.code for f in evaluation.findings],
            )
        assert len(by_api) == 16
        assert by_api == by_cli
        assert by_api["2016-0004-aktiv.toml"][:3] == ("application", "2016/0004", "tillstyrks")

    def test_as_of_and_strings_are_taken_as_the_options_take_them(self, registry):
        application = str(MPHLA / "applications" / "2016-0004-aktiv.toml")
        (item,) = api.screen([application], as_of=dt.date(2016, 1, 1), registry=registry)
        assert item.evaluation is not None and item.evaluation.as_of.isoformat() == "2016-01-01"

    def test_waivers_mark_the_accepted_findings_as_the_option_does(self, registry):
        waivers = MPHLA / "undantag.toml"
        by_cli = {
            Path(doc["path"]).name: sorted(
                (f["code"], f.get("waiver", {}).get("minutes")) for f in doc["findings"]
            )
            for doc in cli_json("screen", str(MPHLA), "--waivers", str(waivers))["documents"]
        }
        by_api = {
            item.path.name: sorted(
                (f.code, f.waived_by.minutes if f.waived_by else None) for f in item.evaluation.findings
            )
            for item in api.screen([str(MPHLA)], waivers=str(waivers), registry=registry)
            if item.evaluation is not None
        }
        assert by_api == by_cli
        report = by_api["2016-0005-individsamverkansteam-jan-aug.toml"]
        assert ("GA004", "§ 34/2016") in report

    def test_a_file_that_cannot_be_read_is_a_result_and_the_batch_goes_on(self, tmp_path, registry):
        shutil.copytree(MPHLA, tmp_path / "pf")
        shutil.copytree(
            ROOT / "examples" / "policy-mphla", tmp_path / "policy-mphla"
        )  # finsam.toml extends it
        broken = tmp_path / "pf" / "applications" / "2016-0005-individsamverkansteam.toml"
        broken.write_text('title = "unterminated\n', encoding="utf-8")
        items = list(api.screen([tmp_path / "pf"], registry=registry))
        assert len(items) == 16
        (bad,) = [item for item in items if item.evaluation is None]
        assert bad.path == broken and bad.error is not None
        assert str(broken) in bad.error.lines("en")[0]

    def test_a_broken_policy_fails_before_the_first_document(self, tmp_path, registry):
        policy = tmp_path / "finsam.toml"
        policy.write_text("[rules.BU001]\nseverity = 'fatal'\n", encoding="utf-8")
        with pytest.raises(InputUnreadable) as caught:
            next(iter(api.screen([MPHLA], policy=policy, lang="en", registry=registry)))
        assert caught.value.exit_code == EXIT_UNREADABLE == 3
        assert str(policy) in caught.value.lines[0]


class TestReport:
    def test_the_board_model_has_the_verdicts_of_the_board_json(self, registry):
        board = api.report(MPHLA, registry=registry)
        data = cli_json("report", str(MPHLA))
        assert board.year == data["year"] == 2016
        assert [(row.path, row.evaluation.verdict.value) for row in board.applications] == [
            (row["path"], row["verdict"]) for row in data["applications"]
        ]
        assert len(board.applications) == len(board.reports) == 8

    def test_a_year_without_documents_is_an_input_failure(self, registry):
        with pytest.raises(InputUnreadable) as caught:
            api.report(MPHLA, year=1999, lang="en", registry=registry)
        assert caught.value.exit_code == 3 and "1999" in caught.value.lines[0]


class TestRulesAndExplain:
    def test_the_rules_are_those_the_catalogue_lists(self, registry):
        listed = [rule["code"] for rule in cli_json("rules")["rules"]]
        assert [rule.code for rule in api.rules(registry=registry)] == listed
        assert "BU001" in listed

    def test_an_explanation_is_the_text_finsam_explain_prints(self, registry):
        result = CliRunner().invoke(main, ["explain", "BU001", "--lang", "en"])
        assert api.explain("bu001", lang="en", registry=registry) == result.stdout
        assert result.stdout.startswith("BU001 ")

    def test_an_unknown_code_is_a_usage_failure_naming_near_codes(self, registry):
        with pytest.raises(UsageFailure) as caught:
            api.explain("BU00", lang="en", registry=registry)
        assert caught.value.exit_code == EXIT_USAGE == 2
        assert "BU001" in caught.value.lines[1] and "BU002" in caught.value.lines[1]
        result = CliRunner().invoke(main, ["explain", "BU00", "--lang", "en"])
        assert result.exit_code == 2 and result.stderr.splitlines() == caught.value.lines


class TestVerify:
    def test_records_written_by_screen_are_reproduced_and_a_changed_one_is_not_verified(
        self, tmp_path, monkeypatch, registry
    ):
        monkeypatch.delenv("FINSAM_RECORD_KEY", raising=False)
        monkeypatch.delenv("FINSAM_RECORD_KEY_FILE", raising=False)
        records = tmp_path / "records"
        result = CliRunner().invoke(main, ["screen", str(MPHLA), "--record", str(records)])
        assert result.exit_code in (0, 1), result.output
        files = sorted(records.iterdir())
        assert len(files) == 16
        checked = api.verify(files, registry=registry)
        assert [c.head for c in checked] == ["reproduced"] * 16 and all(c.ok for c in checked)
        data = json.loads(files[0].read_text(encoding="utf-8"))
        data["verdict"] = "avstyrks" if data.get("verdict") != "avstyrks" else "tillstyrks"
        files[0].write_text(json.dumps(data), encoding="utf-8")
        (first, *_rest) = api.verify(files, registry=registry)
        assert first.head == "not_verified" and not first.ok

    def test_a_record_that_cannot_be_read_is_a_result(self, tmp_path, registry):
        missing = tmp_path / "none.json"
        (checked,) = api.verify([missing], registry=registry)
        assert checked.head == "unreadable" and checked.error is not None and not checked.ok


class TestFailures:
    @pytest.mark.parametrize(
        ("kind", "code"),
        [(UsageFailure, 2), (InputUnreadable, 3), (RuleFailure, 4), (InternalFailure, 5)],
    )
    def test_each_kind_of_failure_carries_its_exit_code(self, kind, code):
        failure = kind(["first line", "second line"])
        assert isinstance(failure, Failure) and failure.exit_code == code
        assert str(failure) == failure.message == "first line\nsecond line"

    def test_a_failure_crosses_a_process_boundary_whole(self):
        import pickle

        failure = pickle.loads(pickle.dumps(Failure(["BU00: okänd regelkod", "Menade du BU001?"], 2)))
        assert type(failure) is UsageFailure and failure.exit_code == 2
        assert failure.lines == ["BU00: okänd regelkod", "Menade du BU001?"]

    def test_a_plain_failure_is_the_kind_its_exit_code_names(self):
        assert type(Failure(["x"])) is InputUnreadable and Failure(["x"]).exit_code == EXIT_UNREADABLE
        assert type(Failure(["x"], EXIT_CRASH)) is RuleFailure and Failure(["x"], EXIT_CRASH).exit_code == 4
        assert type(Failure(["x"], EXIT_USAGE)) is UsageFailure
        assert type(Failure(["x"], EXIT_INTERNAL)) is InternalFailure
        assert type(Failure([], 1)) is Failure and Failure([], 1).exit_code == 1


def imports_of(path: Path) -> set[str]:
    """Every module a file imports, at any level of its code."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module is not None:
            names.add(node.module)
    return names


WORK_MODULES = [*sorted((PACKAGE / "commands").glob("*.py")), PACKAGE / "api.py", PACKAGE / "failures.py"]


@pytest.mark.parametrize("path", WORK_MODULES, ids=lambda p: p.name)
def test_the_work_layer_imports_neither_click_nor_the_command_line(path):
    """The commands and the API depend on no command-line framework: they write through
    ``finsam_rules.console`` and fail with ``finsam_rules.failures``."""
    imported = imports_of(path)
    assert not {name for name in imported if name == "click" or name.startswith("click.")}
    assert "finsam_rules.cli" not in imported


def test_the_command_line_re_exports_the_exit_codes_it_maps_to():
    from finsam_rules import cli, failures

    assert cli.Failure is failures.Failure
    assert (cli.EXIT_OK, cli.EXIT_FINDINGS, cli.EXIT_USAGE, cli.EXIT_INTERRUPTED) == (0, 1, 2, 130)


def test_the_version_finsam_prints_is_the_installed_packages():
    """``finsam --version`` prints ``finsam_rules.__version__`` (no metadata look-up at
    start-up); it must be the version the package is installed as."""
    import importlib.metadata

    import finsam_rules

    assert finsam_rules.__version__ == importlib.metadata.version("finsam-rules")
    result = CliRunner().invoke(main, ["--version"], prog_name="finsam")
    assert result.stdout == f"finsam, version {finsam_rules.__version__}\n"


def test_the_readmes_python_api_example_runs(monkeypatch, capsys):
    """The example in README.md's "Python API" section runs as written, from the repository."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Python API\n", 1)[1].split("\n## ", 1)[0]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    monkeypatch.chdir(ROOT)
    exec(compile(code, "README.md", "exec"), {})
    out = capsys.readouterr().out.splitlines()
    assert "2016-0004-aktiv.toml tillstyrks ['TG002']" in out
    assert "2016 8 applications" in out
    assert out[-1].startswith("2 ['Unknown rule code BU00.")


def test_the_api_is_reachable_from_the_package_without_being_imported_by_it():
    """``finsam_rules.screen`` is the API's; importing the package imports no API (start-up)."""
    import subprocess
    import sys

    import finsam_rules

    assert finsam_rules.screen is api.screen and finsam_rules.report is api.report
    code = "import sys, finsam_rules; print('finsam_rules.api' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
