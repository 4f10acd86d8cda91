"""The board report in bounded memory, from the lean model: ``finsam report`` folds each
evaluation into the model as it is made, keeps the findings' messages in the report's
language only and lets every parsed document go once the model is built; the workbook is
written sixteen rows at a time and zipped a piece at a time. None of it may change a byte.

These tests compare every format made from the lean model with the same format made from the
full model (every language, every document kept), and the streamed workbook with
XlsxWriter's own; and they pin the design property itself: the model holds no document and
no finding as the engine made it.
"""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import attrs
import pytest
from xlsxwriter.utility import _utf16_truncate

from finsam_rules.board import (
    _NO_VALUES,
    ApplicationFacts,
    BoardReport,
    ReportFacts,
    build_board_report,
    messages_of,
)
from finsam_rules.engine import Engine
from finsam_rules.model import Application, Report
from finsam_rules.policy import load_policy
from finsam_rules.portfolio import load_portfolio
from finsam_rules.render import board_html, board_json, board_markdown, board_xlsx
from finsam_rules.render.board_xlsx import CELL_MAX, Joined, Kr, Pct, Sheet, Year, write_workbook
from finsam_rules.render.board_xlsx_stream import Spool
from finsam_rules.waivers import load_waivers

ROOT = Path(__file__).resolve().parent.parent
MPHLA = ROOT / "examples" / "mphla-2016"


@pytest.fixture(scope="module")
def generated(bench: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """12 projects with 64 reports, some defective: several goals not met, a goal with more
    findings than a decision shows, and the documents' tables past four blocks of sixteen."""
    root = tmp_path_factory.mktemp("generated") / "portfolio"
    bench.write_portfolio(root, 12, 64, defects=0.15)
    return root


def _board(registry: Any, root: Path, lang: str | None, *, waivers: bool = False) -> BoardReport:
    """The board model of ``root``: the full one (``lang`` None) or the lean one."""
    portfolio = load_portfolio(root, None)
    policy = load_policy(registry, portfolio.config_path)
    kept = load_waivers(root / "undantag.toml") if waivers else None
    engine = Engine(policy)
    if lang is None:
        return build_board_report(portfolio, policy, engine, kept)
    return build_board_report(portfolio, policy, engine, kept, langs=(lang,), keep_documents=False)


def _formats(report: BoardReport, lang: str, *, streamed: bool) -> dict[str, bytes]:
    from finsam_rules.render.board_xlsx import board_sheets

    association = report.portfolio.association
    title = f"{association.name} {report.year}"
    return {
        "json": board_json.render(report, lang).encode(),
        "markdown": board_markdown.render(report, lang).encode(),
        "html": board_html.render(report, lang).encode(),
        "xlsx": write_workbook(
            board_sheets(report, lang), association.name, title, report.as_of, streamed=streamed
        ),
    }


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("case", ["generated", "mphla", "mphla with waivers"])
def test_the_lean_model_gives_every_format_the_bytes_of_the_full_model(
    registry: Any, generated: Path, case: str, lang: str
) -> None:
    """Json, Markdown, HTML and the workbook from the model ``finsam report`` builds (one
    language, no documents), the workbook streamed, against the full model with XlsxWriter's
    own workbook."""
    root = generated if case == "generated" else MPHLA
    waivers = case.endswith("waivers")
    full = _formats(_board(registry, root, None, waivers=waivers), lang, streamed=False)
    lean = _formats(_board(registry, root, lang, waivers=waivers), lang, streamed=True)
    for fmt, data in full.items():
        assert lean[fmt] == data, fmt
    assert b"RP003" in full["json"] or case != "generated"  # the goal of many findings is there


def test_the_lean_model_keeps_no_document_and_no_finding_as_the_engine_made_it(
    registry: Any, generated: Path
) -> None:
    """Every application and report read, and every finding the engine made, is let go once
    the model is built: the model's rows hold the few facts the formats read, and findings
    with their message in the report's language."""
    portfolio = load_portfolio(generated, None)
    policy = load_policy(registry, portfolio.config_path)
    documents = [weakref.ref(doc) for _, doc in (*portfolio.applications, *portfolio.reports)]
    made: list[weakref.ref[Any]] = []

    class Watched(Engine):
        """The engine, noting every finding it makes."""

        def evaluate(self, *args: Any, **kwargs: Any) -> Any:
            evaluation = super().evaluate(*args, **kwargs)
            made.extend(weakref.ref(f) for f in evaluation.findings)
            return evaluation

        def evaluate_portfolio(self, *args: Any, **kwargs: Any) -> Any:
            evaluation = super().evaluate_portfolio(*args, **kwargs)
            made.extend(weakref.ref(f) for f in evaluation.findings)
            return evaluation

    engine = Watched(policy)
    report = build_board_report(portfolio, policy, engine, langs=("sv",), keep_documents=False)
    del portfolio, engine
    gc.collect()

    assert len(documents) == 12 + 64 and len(made) > 100
    assert [ref for ref in documents if ref() is not None] == []
    assert [ref for ref in made if ref() is not None] == []
    assert report.portfolio.applications == () == report.portfolio.reports
    assert {type(r.evaluation.document) for r in report.applications} == {ApplicationFacts}
    assert {type(r.evaluation.document) for r in report.reports} == {ReportFacts}
    kept = [f for r in (*report.applications, *report.reports) for f in r.evaluation.findings]
    kept += report.portfolio_evaluation.findings
    assert kept and all(f.values is _NO_VALUES and set(messages_of(f)) == {"sv"} for f in kept)


def test_the_full_model_keeps_the_documents_records_are_made_from(registry: Any, generated: Path) -> None:
    report = _board(registry, generated, None)
    assert isinstance(report.applications[0].evaluation.document, Application)
    assert isinstance(report.reports[0].evaluation.document, Report)
    assert all(set(messages_of(f)) == {"sv", "en"} for f in report.portfolio_evaluation.findings)


def test_records_written_with_an_english_report_are_the_swedish_reports_records(
    standard_env: dict[str, str], tmp_path: Path
) -> None:
    """Records keep the findings in Swedish whatever the report's language, so a report
    that writes records keeps the full model."""
    import shutil

    from click.testing import CliRunner

    from finsam_rules.cli import main

    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    portfolio = tmp_path / "examples" / "mphla-2016"
    runner = CliRunner(env=standard_env)
    for lang in ("sv", "en"):
        records, board = tmp_path / lang, tmp_path / f"board-{lang}.md"
        args = ["report", str(portfolio), "--lang", lang, "--record", str(records), "-o", str(board)]
        result = runner.invoke(main, args)
        assert result.exit_code == 0, (result.output, result.exception)
    swedish = sorted(p.name for p in (tmp_path / "sv").glob("*.json"))
    assert swedish and swedish == sorted(p.name for p in (tmp_path / "en").glob("*.json"))
    for name in swedish:
        assert (tmp_path / "en" / name).read_bytes() == (tmp_path / "sv" / name).read_bytes(), name


# -- the workbook written sixteen rows at a time ---------------------------------------------------


def _sheets() -> Iterator[Sheet]:
    """Sheets across the writer's edges: no rows, fewer than sixteen, a row count that is
    and one that is not a multiple of sixteen, long and wrapped text, text past what a cell
    holds, letters outside Latin-1 and outside the BMP, every kind of value."""
    yield Sheet("empty", "Tom", ("a", "b"), ())
    yield Sheet("few", "Få", ("kod", "belopp"), tuple((f"K{i}", Kr(1_895_000 + i)) for i in range(5)))
    yield Sheet(
        "blocks",
        "Block",
        ("text", "antal", "andel", "år", "datum"),
        iter(
            [
                (
                    f"rad {i} – Mölndal ✓ 𝄞" * (1 + i % 7),
                    i,
                    Pct(i / 100) if i % 3 else None,  # type: ignore[arg-type]
                    Year(2016),
                    None,
                )
                for i in range(48)
            ]
        ),
    )
    long_parts = [
        f"Meddelande {i}: rapporten till 2016-08-31 anger {i} deltagare (män)." for i in range(1500)
    ]
    yield Sheet(
        "long",
        "Lång",
        ("mål", "meddelanden"),
        iter(
            [
                ("RP003", Joined(long_parts)),
                ("RP004", Joined(["kort", "", "rad ett\nrad två som är längre än de andra", "x" * 70])),
                ("RP005", Joined([])),
                ("RP006", "z" * (CELL_MAX + 10)),
                *((f"G{i}", "ord " * i) for i in range(30)),
            ]
        ),
    )


def test_the_streamed_workbook_is_xlsxwriters_own(tmp_path: Path) -> None:
    import datetime as dt

    created = dt.date(2016, 12, 31)
    from finsam_rules.render import board_xlsx_stream

    assert board_xlsx_stream.supported()  # else the streamed workbook below is the plain one
    plain = write_workbook(list(_sheets()), "Förbundet", "Styrelserapport 2016", created, streamed=False)
    streamed = write_workbook(list(_sheets()), "Förbundet", "Styrelserapport 2016", created)
    assert streamed == plain
    assert plain[:2] == b"PK"


def test_an_xlsxwriter_without_the_internals_writes_the_workbook_alone(monkeypatch) -> None:
    """The streamed workbook uses internals of XlsxWriter that a later version may change:
    without one of them, XlsxWriter writes the workbook by itself (more memory, same
    bytes), never a broken file."""
    import datetime as dt

    from xlsxwriter.worksheet import Worksheet

    from finsam_rules.render import board_xlsx_stream

    created = dt.date(2016, 12, 31)
    expected = write_workbook(list(_sheets()), "Förbundet", "Styrelserapport 2016", created, streamed=False)
    monkeypatch.delattr(Worksheet, "_write_rows")
    assert not board_xlsx_stream.supported()
    monkeypatch.undo()  # the other internals still there: the check alone decides
    monkeypatch.setattr(board_xlsx_stream, "supported", lambda: False)
    assert write_workbook(list(_sheets()), "Förbundet", "Styrelserapport 2016", created) == expected


@pytest.mark.parametrize(
    "parts",
    [
        ["a" * 20_000, "b" * 20_000, "c" * 5],
        [f"del {i} ✓" for i in range(9_000)],
        ["𝄞" * 16_400, "e"],
        ["rad ett\r\nrad två", "", "tredje\x1cfjärde" + "y" * 100, "sista\n"],
        [],
        ["kort"],
    ],
)
def test_a_joined_text_is_cut_and_measured_as_the_whole_text(parts: list[str]) -> None:
    whole = " ".join(parts)
    joined = Joined(parts)
    assert _utf16_truncate(joined.head(), CELL_MAX) == _utf16_truncate(whole, CELL_MAX)
    assert len(joined.head()) > CELL_MAX or joined.head() == whole
    assert joined.width() == board_xlsx._width(whole)


@pytest.mark.parametrize("size", [0, 10, 70_000, 400_000])
def test_a_spool_gives_back_the_text_written(size: int) -> None:
    text = "".join(f'<c r="A{i}"><v>Ålder {i} – ✓ 𝄞</v></c>' for i in range(size // 30))
    spool = Spool()
    for start in range(0, len(text), 777):
        spool.write(text[start : start + 777])
    assert spool.seal() == len(text.encode("utf-8"))
    assert "".join(spool.texts()) == text


# -- the Markdown goal row, piece by piece ---------------------------------------------------------


@pytest.mark.parametrize(
    "texts",
    [
        ["Målet nås inte: *57 %* av [120] deltagare.", "  ", "", "rad\nbruten | cell", "x<y>&z"],
        [],
        ["   "],
        ["ord " * 30_000],
    ],
)
@pytest.mark.parametrize("unreadable", [(), ("reports/r1.toml",)])
def test_a_goals_markdown_row_is_the_row_of_its_joined_messages(
    registry: Any, texts: list[str], unreadable: tuple[str, ...]
) -> None:
    from finsam_rules.render.board_words import DASH, goal_text, label
    from finsam_rules.sanitize import md_escape

    report = _board(registry, MPHLA, "sv")
    goal = report.goals[0]
    model = next(f for g in report.goals for f in g.findings)
    findings = tuple(attrs.evolve(model, rendered={"sv": text}) for text in texts)
    goal = attrs.evolve(goal, findings=findings, unreadable=unreadable)
    messages = " ".join(texts) or DASH
    if unreadable:
        messages = label("unreadable_goal", "sv", files=", ".join(unreadable)) + " " + messages
    cells = [
        goal_text(goal.status, "sv"),
        goal.code,
        md_escape(goal.title["sv"]),
        board_markdown._escape_long(messages),
        md_escape(goal.source),
    ]
    assert "".join(board_markdown._goal_row(goal, "sv")) == "| " + " | ".join(cells) + " |"
