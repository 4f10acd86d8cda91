"""The board report in bounded memory: written a section (and a document) at a time, from a
model that keeps each finding compactly, and still the same report, byte for byte.

A portfolio of 200 projects with 2 400 reports holds some 17 000 findings (most of them the
year's goals comparing reports); ``benchmarks/bench_board.py`` measures the peak memory per
format. These tests pin what the savings must not change.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from finsam_rules.board import build_board_report
from finsam_rules.cli import main
from finsam_rules.engine import Engine
from finsam_rules.policy import load_policy
from finsam_rules.portfolio import load_portfolio
from finsam_rules.render import board_json, board_markdown
from finsam_rules.render.common import dumps, finding_data
from finsam_rules.sanitize import md_escape

ROOT = Path(__file__).resolve().parent.parent
MPHLA = ROOT / "examples" / "mphla-2016"


@pytest.fixture
def mphla(tmp_path) -> Path:
    """A copy of the examples (the portfolio refers to ``../policy-mphla``)."""
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    return tmp_path / "examples" / "mphla-2016"


@pytest.fixture
def board(registry):
    portfolio = load_portfolio(MPHLA, None)
    policy = load_policy(registry, portfolio.config_path)
    return portfolio, policy, build_board_report(portfolio, policy, Engine(policy))


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_json_written_a_section_at_a_time_is_the_json_of_the_whole_model(board, lang):
    _, _, report = board
    assert board_json.render(report, lang) == dumps(board_json.board_data(report, lang)) + "\n"


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_a_kept_finding_says_all_the_rule_found(board, lang):
    """The board lets go of the values a message was written from and keeps the figures
    compactly: every finding still gives the same JSON object (message, parameters,
    figures, remedy) as the engine's own finding."""
    portfolio, policy, report = board
    engine = Engine(policy)
    compared = 0
    for row in (*report.applications, *report.reports):
        fresh = engine.evaluate(row.evaluation.document, portfolio.association, portfolio.application)
        kept = [finding_data(f, lang) for f in row.evaluation.findings]
        assert kept == [finding_data(f, lang) for f in fresh.findings]
        compared += len(kept)
    portfolio_findings = engine.evaluate_portfolio(portfolio, report.year).findings
    assert [finding_data(f, lang) for f in report.portfolio_evaluation.findings] == [
        finding_data(f, lang) for f in portfolio_findings
    ]
    assert compared + len(portfolio_findings) > 20


def test_a_kept_finding_has_the_same_figures_as_a_mapping(board):
    _, _, report = board
    finding = next(f for r in report.reports for f in r.evaluation.findings if f.figures)
    figures = finding.figures
    assert dict(figures) == figures and figures == dict(figures)
    key = next(iter(figures))
    assert key in figures and figures.get("no such figure") is None
    with pytest.raises(KeyError):
        figures["no such figure"]


@pytest.mark.parametrize(
    "text",
    [
        "word " * 40_000,
        "  leading and trailing  " + "x<y>&[z] " * 20_000 + "  ",
        ("Målet nås inte: 57 % av 120 deltagare\u2028" + "\x1c\t" * 3 + "*emph* `code` #rubrik ") * 3_000,
        "a" * 70_000 + " " + "b" * 70_000,
        "\n".join(["rad med | tecken"] * 9_000),
    ],
)
def test_a_long_text_is_escaped_for_markdown_as_the_whole_text_is(text):
    assert len(text) > board_markdown._LONG
    assert board_markdown._escape_long(text) == md_escape(text)


@pytest.mark.parametrize("fmt", ["json", "markdown", "html"])
def test_the_report_written_to_a_file_is_the_report_on_standard_output(standard_env, mphla, tmp_path, fmt):
    runner = CliRunner(env=standard_env)
    shown = runner.invoke(main, ["report", str(mphla), "--format", fmt])
    target = tmp_path / f"board.{fmt}"
    written = runner.invoke(main, ["report", str(mphla), "--format", fmt, "-o", str(target)])
    assert shown.exit_code == written.exit_code == 0, (shown.output, written.output)
    assert target.read_text(encoding="utf-8") == shown.stdout
    assert not list(tmp_path.glob(".finsam-*.tmp"))
