"""Prep-group states: before the board meeting the office sees what is still open.

The portfolio is the association of the shared interim report (examples/mphla-2016), with
its waiver file (undantag.toml: GA004 on Individsamverkansteam's report waived by the
board, § 34/2016; the BU002 waiver on Utökat Aktiv expired 2016-06-30) and a state file
beredning.toml in which the preparation group has noted two replies:

- Aktiv (2016/0004) answered the missed outcome target (OT002) on 2016-09-12;
- Grön rehabilitering (2016/0007) answered the gender skew (GA004) on 2016-09-14.

Under the association's plan the progress reports carry nine warnings in all: OT002 on six
reports, GA004 on two, BU002 on one. One is waived, two are answered, six are open.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from finsam_rules.cli import main
from finsam_rules.errors import InputError
from finsam_rules.prep import PREP_FILE, PrepCounts, board_counts, load_prep
from finsam_rules.render.screening import JSON_FORMAT_VERSION

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
AKTIV = "2016/0004/progress/2016-08-31"
INDIVIDSAMVERKAN = "2016/0005/progress/2016-08-31"
GRON = "2016/0007/progress/2016-08-31"

STATES = """\
[[answered]]
code = "OT002"
document = "2016/0004/progress/2016-08-31"
date = 2016-09-12
reference = "Svar från projektägaren, dnr 2016/0004-11"

[[answered]]
code = "GA004"
document = "2016/0007/progress/2016-08-31"
date = 2016-09-14
reference = "Mejl från Gröna rehabiliteringen 2016-09-14"
"""


@pytest.fixture(autouse=True)
def standard_pack_only(monkeypatch):
    monkeypatch.setenv("FINSAM_RULES_PLUGINS", "finsam-rules")


@pytest.fixture
def portfolio(tmp_path: Path) -> Path:
    shutil.copytree(EXAMPLES / "policy-mphla", tmp_path / "policy-mphla")  # finsam.toml extends it
    root = tmp_path / "mphla-2016"
    shutil.copytree(EXAMPLES / "mphla-2016", root)
    (root / PREP_FILE).write_text(STATES, encoding="utf-8")
    return root


def screen(root: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(
        main, ["screen", str(root), "--waivers", str(root / "undantag.toml"), "--fail-on", "never", *args]
    )
    return result.exit_code, result.stdout, result.stderr


def screen_json(root: Path, *args: str) -> dict:
    code, out, _ = screen(root, "--format", "json", *args)
    assert code == 0
    return json.loads(out)


class TestScreen:
    def test_the_summary_counts_open_answered_and_waived(self, portfolio):
        data = screen_json(portfolio)
        assert data["summary"]["prep"] == {"open": 6, "answered": 2, "waived": 1}
        assert data["format_version"] == JSON_FORMAT_VERSION  # a new optional key only

    def test_each_document_has_its_own_counts(self, portfolio):
        docs = {d["id"]: d for d in screen_json(portfolio)["documents"]}
        assert docs[AKTIV]["prep"] == {"open": 0, "answered": 1, "waived": 0}
        assert docs[INDIVIDSAMVERKAN]["prep"] == {"open": 1, "answered": 0, "waived": 1}
        assert docs[GRON]["prep"] == {"open": 1, "answered": 1, "waived": 0}
        assert docs["2016/0004"]["prep"] == {"open": 0, "answered": 0, "waived": 0}

    def test_without_a_state_file_nothing_changes_in_the_output(self, portfolio):
        (portfolio / PREP_FILE).unlink()
        data = screen_json(portfolio)
        assert "prep" not in data["summary"]
        assert all("prep" not in d for d in data["documents"])

    def test_text_in_swedish(self, portfolio):
        _, out, _ = screen(portfolio)
        # the summary first (documents grouped by verdict, the default for text) ...
        assert out.splitlines()[1] == "Beredning: öppna 6, besvarade 2, undantagna 1"
        # ... or last, after the documents in path order
        _, by_path, _ = screen(portfolio, "--group-by", "path")
        assert by_path.endswith("Beredning: öppna 6, besvarade 2, undantagna 1\n")
        block = out.split(f"Rapport {INDIVIDSAMVERKAN}")[1].split("\n\n")[0]
        assert "  Beredning: öppna 1, besvarade 0, undantagna 1" in block

    def test_text_and_markdown_in_english(self, portfolio):
        _, out, _ = screen(portfolio, "--lang", "en")
        assert out.splitlines()[1] == "Preparation: open 6, answered 2, waived 1"
        _, md, _ = screen(portfolio, "--lang", "en", "--format", "markdown")
        assert "*Preparation: open 0, answered 1, waived 0*" in md
        assert md.endswith("\nPreparation: open 6, answered 2, waived 1\n")

    def test_an_answer_that_matches_nothing_is_pointed_out(self, portfolio):
        with (portfolio / PREP_FILE).open("a", encoding="utf-8") as f:
            f.write('\n[[answered]]\ncode = "BU001"\ndocument = "2016/0004"\n')
            f.write('date = 2016-09-12\nreference = "Fel dokument"\n')
        _, _, err = screen(portfolio, "--lang", "en")
        where = f"{portfolio / PREP_FILE}: $.answered[2]"
        assert f"{where}: the answer to BU001 on 2016/0004 matched no finding" in err


class TestValidation:
    def test_a_wrong_date_is_located_and_the_batch_goes_on(self, portfolio):
        (portfolio / PREP_FILE).write_text(STATES.replace("date = 2016-09-14", 'date = "i går"'))
        code, out, err = screen(portfolio, "--format", "json", "--lang", "en")
        assert code == 3
        assert f"{portfolio / PREP_FILE}: $.answered[1].date" in err
        data = json.loads(out)
        assert data["summary"]["documents"] == 16 and "prep" not in data["summary"]

    def test_a_missing_reference_and_an_unknown_key_are_named(self, tmp_path):
        path = tmp_path / PREP_FILE
        path.write_text('[[answered]]\ncode = "GA004"\ndocument = "x"\ndate = 2016-09-14\n')
        with pytest.raises(InputError) as missing:
            load_prep(path)
        assert "$.answered[0].reference" in "\n".join(missing.value.lines("en"))
        path.write_text(STATES + 'comment = "x"\n')
        with pytest.raises(InputError) as unknown:
            load_prep(path)
        assert "comment" in "\n".join(unknown.value.lines("sv"))

    def test_the_same_answer_twice_is_an_error(self, tmp_path):
        path = tmp_path / PREP_FILE
        path.write_text(STATES + STATES.split("\n\n")[0] + "\n")
        with pytest.raises(InputError) as twice:
            load_prep(path)
        assert "$.answered[2]: the same answer as $.answered[0]" in "\n".join(twice.value.lines("en"))


def test_board_counts_from_the_board_reports_evaluations(portfolio):
    from finsam_rules.commands.report import build
    from finsam_rules.plugins import build_registry

    report, _ = build(portfolio, None, "sv", None, portfolio / "undantag.toml", None, False, build_registry())
    evaluations = [
        *(row.evaluation for row in report.applications),
        *(row.evaluation for row in report.reports),
        report.portfolio_evaluation,
    ]
    prep = board_counts(portfolio, evaluations)
    # The year's goals add two open warnings: the aggregate outcome target (OT003, 26 %
    # against the plan's 50 %) and FI004 (the cost-centre table's printed total has the wrong sign).
    assert dict(prep.documents)["portfolio/2016"] == PrepCounts(open=2, answered=0, waived=0)
    assert dict(prep.documents)[GRON] == PrepCounts(open=1, answered=1, waived=0)
    assert prep.total == PrepCounts(open=8, answered=2, waived=1)


def board(root: Path, fmt: str, lang: str = "sv") -> tuple[int, str]:
    result = CliRunner().invoke(
        main, ["report", str(root), "--waivers", str(root / "undantag.toml"), "--format", fmt, "--lang", lang]
    )
    return result.exit_code, result.stdout


class TestBoardReport:
    """The board report carries the same counts over every document and the year's goals:
    eight open (six on the reports, two on the portfolio), two answered, one waived."""

    def test_the_model_counts_every_document(self, portfolio):
        from finsam_rules.commands.report import build
        from finsam_rules.plugins import build_registry

        waivers = portfolio / "undantag.toml"
        report, _ = build(portfolio, None, "sv", None, waivers, None, False, build_registry())
        assert report.prep == PrepCounts(open=8, answered=2, waived=1)

    def test_json_has_the_counts(self, portfolio):
        code, out = board(portfolio, "json")
        assert code == 0
        assert json.loads(out)["prep"] == {"open": 8, "answered": 2, "waived": 1}

    @pytest.mark.parametrize(
        ("lang", "line"),
        [
            ("sv", "- Beredning: 8 öppna, 2 besvarade, 1 undantagna"),
            ("en", "- Preparation: 8 open, 2 answered, 1 waived"),
        ],
    )
    def test_markdown_shows_one_line_in_the_summary(self, portfolio, lang, line):
        code, out = board(portfolio, "markdown", lang)
        assert code == 0
        summary = out.split("## Sammanfattning" if lang == "sv" else "## Summary")[1].split("\n## ")[0]
        assert line in summary.splitlines()

    def test_html_shows_a_summary_tile(self, portfolio):
        code, out = board(portfolio, "html", "en")
        assert code == 0
        summary = out.split('<section id="summary">')[1].split("</section>")[0]
        assert '<div class="k">Preparation</div><div class="v">8</div>' in summary
        assert "8 open, 2 answered, 1 waived" in summary

    def test_without_a_state_file_the_report_has_no_counts(self, portfolio):
        (portfolio / PREP_FILE).unlink()
        code, out = board(portfolio, "json")
        assert code == 0 and "prep" not in json.loads(out)
        assert "- Beredning:" not in board(portfolio, "markdown")[1]

    def test_a_bad_state_file_is_listed_among_the_unreadable_inputs(self, portfolio):
        (portfolio / PREP_FILE).write_text(STATES.replace("date = 2016-09-14", 'date = "i går"'))
        _, out = board(portfolio, "json", "en")
        data = json.loads(out)
        assert "prep" not in data
        (error,) = [e for e in data["input_errors"] if e["path"] == PREP_FILE]
        assert any("$.answered[1].date" in str(problem) for problem in error["problems"])
