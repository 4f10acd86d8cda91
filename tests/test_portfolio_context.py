"""One portfolio, found one way: every command judges a document under the same root,
association and policy.

A portfolio is the folder holding ``association.toml``; its policy is its own
``finsam.toml`` (here Mölndal–Partille–Härryda–Lerum–Alingsås 2016, extending the
verksamhetsplan 2015-2017 with an outcome target of 50 %), unless ``--policy`` says
otherwise. A policy file anywhere else in the folder is not the portfolio's policy.
`screen`, `screen --portfolio`, `report`, `record verify` and `calendar` all find them
through :mod:`finsam_rules.portfolio`, so a change of the portfolio's policy changes every
command's answer alike, and a stray policy file changes none.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from finsam_rules.cli import main
from finsam_rules.loading import load_document
from finsam_rules.portfolio import (
    PortfolioContext,
    find_portfolio_root,
    load_portfolio,
    policy_file,
)
from finsam_rules.screening import Screener

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
BALDER = "2016-0012-balder.toml"
BALDER_AUGUST = "2016-0012-balder-jan-aug.toml"

#: The portfolio's own policy made stricter: a 70 % outcome target (OT002) and final
#: reports due 45 days after a project's end instead of 60.
STRICTER = """[policy]
name = "mphla-2016-skarpt"
description = "Samordningsförbundet MPHLA, verksamhetsår 2016, skärpt mål"
extends = "../policy-mphla/verksamhetsplan-2015-2017.toml"

[rules.OT002.params]
target = { value = 0.7, source = "Styrelsebeslut § 12/2016 (illustrativ nivå)" }

[settings]
final_report_days = { value = 45, source = "Styrelsebeslut § 12/2016 (illustrativ nivå)" }
"""

#: A policy file that is not the portfolio's: it lies in a sub-folder.
STRAY = """[policy]
name = "vilsen"
description = "En policyfil i en undermapp, inte portföljens"
extends = "standard"

[rules.OT002.params]
target = { value = 0.99, source = "Ingen" }
"""


@pytest.fixture
def runner(standard_env: dict[str, str]) -> CliRunner:
    return CliRunner(env=standard_env)


@pytest.fixture
def mphla(tmp_path: Path) -> Path:
    """A copy of the examples' 2016 portfolio (its policy extends ``../policy-mphla``)."""
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    return tmp_path / "examples" / "mphla-2016"


def _ot002_targets(findings: list[dict[str, Any]]) -> set[float]:
    return {f["parameters"]["target"] for f in findings if f["code"] == "OT002"}


def answers(runner: CliRunner, root: Path, work: Path) -> dict[str, Any]:
    """What each command says about the portfolio's policy: its name, the outcome target
    OT002 judged against, and the final report's deadline in days."""
    found: dict[str, Any] = {}
    result = runner.invoke(main, ["screen", str(root / "reports"), "--format", "json", "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    documents = json.loads(result.stdout)["documents"]
    found["screen"] = _ot002_targets([f for d in documents for f in d["findings"]])

    result = runner.invoke(main, ["report", str(root), "--format", "json"])
    assert result.exit_code == 0, result.output
    board = json.loads(result.stdout)
    found["report"] = (
        board["policy"]["name"],
        _ot002_targets([f for r in board["reports"] for f in r["findings"]]),
    )

    records = work / "records"
    result = runner.invoke(
        main, ["screen", str(root / "reports"), "--record", str(records), "--fail-on", "never"]
    )
    assert result.exit_code == 0, result.output
    record = json.loads((records / "2016_0012_progress_2016-08-31.json").read_text("utf-8"))
    found["record"] = (record["policy"]["name"], record["inputs"]["association"]["path"])
    result = runner.invoke(main, ["record", "verify", *map(str, sorted(records.glob("*.json")))])
    found["record verify"] = result.exit_code

    impact = work / "impact"
    app = root / "applications" / BALDER
    result = runner.invoke(
        main, ["screen", str(app), "--portfolio", str(root), "--record", str(impact), "--fail-on", "never"]
    )
    assert result.exit_code == 0, result.output
    found["screen --portfolio"] = json.loads((impact / "2016_0012.json").read_text("utf-8"))["policy"]["name"]

    result = runner.invoke(main, ["calendar", str(root), "--format", "json"])
    assert result.exit_code == 0, result.output
    found["calendar"] = json.loads(result.stdout)["portfolios"][0]["final_report_days"]
    return found


class TestOneDiscovery:
    """Root, association and policy are found by one function each."""

    def test_a_document_lies_in_the_folder_holding_association_toml(self, mphla: Path) -> None:
        report = mphla / "reports" / BALDER_AUGUST
        assert find_portfolio_root(report) == mphla
        assert policy_file(mphla) == mphla / "finsam.toml"
        assert policy_file(mphla / "reports") is None  # a sub-folder is no portfolio
        context = PortfolioContext.of_document(report)
        assert (context.root, context.association_path) == (mphla, mphla / "association.toml")
        assert context.association is not None
        assert context.association.name.startswith("Samordningsförbundet Mölndal")

    def test_every_command_judges_under_the_portfolio_policy(
        self, runner: CliRunner, mphla: Path, tmp_path: Path
    ) -> None:
        assert answers(runner, mphla, tmp_path / "run") == {
            "screen": {0.5},
            "report": ("mphla-2016", {0.5}),
            "record": ("mphla-2016", str(mphla / "association.toml")),
            "record verify": 0,
            "screen --portfolio": "mphla-2016",
            "calendar": 60,
        }

    def test_a_changed_portfolio_policy_changes_every_command_alike(
        self, runner: CliRunner, mphla: Path, tmp_path: Path
    ) -> None:
        (mphla / "finsam.toml").write_text(STRICTER, "utf-8")
        assert answers(runner, mphla, tmp_path / "run") == {
            "screen": {0.7},
            "report": ("mphla-2016-skarpt", {0.7}),
            "record": ("mphla-2016-skarpt", str(mphla / "association.toml")),
            "record verify": 0,
            "screen --portfolio": "mphla-2016-skarpt",
            "calendar": 45,
        }

    def test_a_policy_file_in_a_sub_folder_changes_no_command(
        self, runner: CliRunner, mphla: Path, tmp_path: Path
    ) -> None:
        before = answers(runner, mphla, tmp_path / "before")
        for folder in ("reports", "applications"):
            (mphla / folder / "finsam.toml").write_text(STRAY, "utf-8")
        assert answers(runner, mphla, tmp_path / "after") == before

    def test_the_board_and_a_screen_load_the_same_applications(self, mphla: Path, registry: Any) -> None:
        portfolio = load_portfolio(mphla)
        screener = Screener(registry)
        items = list(screener.screen([mphla / "reports"]))
        context = screener.context_of(mphla / "reports" / BALDER_AUGUST)
        assert context.association == portfolio.association
        for item in items:
            assert item.evaluation is not None
            project = item.evaluation.document.project  # type: ignore[union-attr]
            assert context.application_path(project) == portfolio.path_of(portfolio.application(project))  # type: ignore[arg-type]


class TestDuplicateIds:
    """An id used by two applications is one input error, whether screened or reported;
    the first file (in path order) keeps the id."""

    @pytest.fixture
    def twice(self, mphla: Path) -> Path:
        copy = mphla / "applications" / "2016-0012-zz-kopia.toml"  # sorts after Balder's own
        shutil.copy(mphla / "applications" / BALDER, copy)
        return copy

    def test_screen_and_report_name_the_same_two_files(
        self, runner: CliRunner, mphla: Path, twice: Path
    ) -> None:
        screen = runner.invoke(main, ["screen", str(mphla / "applications"), "--lang", "en"])
        report = runner.invoke(main, ["report", str(mphla), "--lang", "en"])
        expected = f"id '2016/0012' is also used in {mphla / 'applications' / BALDER}"
        assert expected in screen.stderr + screen.stdout
        assert expected in report.stderr
        assert report.exit_code == 3  # the copy was not read as an application: unreadable

    def test_the_same_file_given_twice_is_no_duplicate(self, mphla: Path) -> None:
        context = PortfolioContext.at(mphla)
        app = load_portfolio(mphla).application("2016/0012")
        assert app is not None
        path = mphla / "applications" / BALDER
        assert context.remember(app, path) is None
        assert context.remember(app, path.parent / ".." / "applications" / BALDER) is None


class TestFlatMemory:
    """A lazy context keeps an index and at most CACHE_SIZE applications."""

    def test_the_cache_is_bounded_and_the_index_finds_the_rest(self, mphla: Path) -> None:
        context = PortfolioContext.at(mphla, None)
        context.cache_size = 2
        portfolio = load_portfolio(mphla)
        for path, app in portfolio.applications:
            assert context.remember(app, path) is None
        assert len(context._cache) == 2 < len(portfolio.applications)
        first_path, first = portfolio.applications[0]  # long since out of the cache
        assert first.id not in context._cache
        assert context.application(first.id) == load_document(first_path)  # read again
        assert context.application_path(first.id) == first_path
        assert len(context._cache) == 2


#: The rules that judge a report against its project's application, and the outcome target.
CODES = ("RP002", "OT002", "OT004")


class TestReferencesAreJudgedByRules:
    """A report whose project is not among the applications was read: the rules say they
        cannot judge it against its application (RP002 and OT004 not evaluated), as when the
        report is screened alone; it is no unreadable file. Its outcomes are still judged against
    the association's own target (OT002: 18 of 42 finished = 43 %, below 50 %)."""

    @pytest.fixture
    def orphan(self, mphla: Path) -> Path:
        report = mphla / "reports" / BALDER_AUGUST
        report.write_text(report.read_text("utf-8").replace('"2016/0012"', '"2016/0099"'), "utf-8")
        return report

    def test_report_exits_0_and_shows_what_the_rules_could_not_judge(
        self, runner: CliRunner, mphla: Path, orphan: Path
    ) -> None:
        report = runner.invoke(main, ["report", str(mphla), "--format", "json", "--lang", "en"])
        assert report.exit_code == 0, report.output  # the file was read: never "could not be read"
        assert "does not exist in applications/" not in report.stderr
        board = json.loads(report.stdout)
        [row] = [r for r in board["reports"] if r["id"] == "2016/0099/progress/2016-08-31"]
        in_report = {
            (f["code"], f["status"]) for f in row["findings"] if f["code"] in ("RP002", "OT002", "OT004")
        }
        screen = runner.invoke(main, ["screen", str(orphan), "--format", "json", "--fail-on", "never"])
        [document] = json.loads(screen.stdout)["documents"]
        in_screen = {
            (f["code"], f["status"]) for f in document["findings"] if f["code"] in ("RP002", "OT002", "OT004")
        }
        assert (
            in_report
            == in_screen
            == {
                ("RP002", "not_evaluated"),
                ("OT002", "finding"),
                ("OT004", "not_evaluated"),
            }
        )

    def test_calendar_reads_it_too(self, runner: CliRunner, mphla: Path, orphan: Path) -> None:
        result = runner.invoke(main, ["calendar", str(mphla), "--format", "json"])
        assert json.loads(result.stdout)["unreadable"] == []
        assert result.exit_code == 1  # Balder's report due 2016-09-15 is overdue now: not 3


class TestOneGoalStatus:
    """`report` and `policy impact` state a goal alike: one function decides."""

    def test_equity_at_year_end_without_a_scale_is_information_in_both(self, registry: Any) -> None:
        from finsam_rules import board, impact
        from finsam_rules.engine import Engine
        from finsam_rules.portfolio import open_portfolio

        # Sjöbygden 2018 closed its year with 2 050 000 kr equity; no scale is configured.
        portfolio, policy = open_portfolio(EXAMPLES / "closed-year-2018", registry)
        evaluation = Engine(policy).evaluate_portfolio(portfolio, portfolio.year)
        [equity] = [f for f in evaluation.findings if f.code == "FI003"]
        assert equity.key == "information_end" and equity.figures["equity"] == 2_050_000
        assert impact.goal_status([equity]) == board.goal_status([equity]) == "information"
