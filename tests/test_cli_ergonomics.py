"""The command line people expect: the summary first and documents grouped by verdict,
``--quiet``, colour only on a terminal and never under NO_COLOR."""

from __future__ import annotations

import io

import pytest
from click.testing import CliRunner

from finsam_rules.cli import main
from finsam_rules.commands import screen as screen_command
from finsam_rules.render.screening import TextWriter


@pytest.fixture
def runner(standard_env) -> CliRunner:
    return CliRunner(env=standard_env)


@pytest.fixture
def revise_portfolio(portfolio, write_toml, application_data):
    """The portfolio plus Balder's application, which lacks its cooperation agreement."""
    application_data.update(id="2016/0004", title="Balder", attachments=["budget"])
    write_toml(portfolio / "applications" / "2016-0004-balder.toml", application_data)
    return portfolio


def test_group_by_verdict_puts_the_summary_first_and_what_needs_completing_before_approvals(
    runner, revise_portfolio
):
    result = runner.invoke(main, ["screen", str(revise_portfolio), "--group-by", "verdict"])
    out = result.stdout
    assert out.startswith("3 dokument: 1 tillstyrks, 1 komplettering krävs, 0 avstyrks, 1 godkänns")
    revise, approve = out.index("KOMPLETTERING KRÄVS (1)"), out.index("TILLSTYRKS (1)")
    assert revise < out.index("«Balder»") < approve < out.index("«Individsamverkansteam»")
    assert out.index("GODKÄNNS (1)") > approve
    assert "\x1b[" not in out  # no colour in a pipe


def test_quiet_shows_only_the_documents_that_do_not_pass(runner, revise_portfolio):
    result = runner.invoke(main, ["screen", str(revise_portfolio), "--quiet"])
    out = result.stdout
    assert "«Balder»" in out
    assert "«Individsamverkansteam»" not in out and "GODKÄNNS" not in out
    assert "3 dokument:" in out  # the summary still counts every document


def test_colour_marks_avstyrks_red_and_komplettering_amber_only_when_asked():
    from finsam_rules.engine import Verdict

    writer = TextWriter(io.StringIO(), io.StringIO(), "sv")
    assert writer._verdict_text(Verdict.REJECT, "AVSTYRKS") == "AVSTYRKS"
    writer.colour = True
    assert writer._verdict_text(Verdict.REJECT, "AVSTYRKS").startswith("\x1b[31")
    assert writer._verdict_text(Verdict.REVISE, "X").startswith("\x1b[33")
    assert writer._verdict_text(Verdict.APPROVE, "TILLSTYRKS") == "TILLSTYRKS"


def test_colour_needs_a_terminal_and_no_no_color(monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.setattr("sys.stdout", Terminal())
    assert screen_command._colour_terminal()
    monkeypatch.setenv("NO_COLOR", "1")
    assert not screen_command._colour_terminal()
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setattr("sys.stdout", io.StringIO())
    assert not screen_command._colour_terminal()
