"""The board model: every figure computed once, from the rules, and shown alike in every format.

The portfolio is ``examples/mphla-2016``, the Mölndal-Partille-Härryda-Lerum-Alingsås
association's 2016, with the figures of its interim report: all projects together 47 of 181
finished participants went on to work, internships or studies (26 %) against the plan's
50 %; three projects forecast more than their budget (2016/0004 by 100 000 kr, 2016/0005 by
200 000 kr, 2016/0012 by 250 000 kr: 550 000 kr in all); 2016/0021 is the one project whose
share (5 of 8 = 63 %) meets the 50 % target.

The tests pin those figures in the model and in every format, so a wrong "meets the target",
over-budget sum or coverage count fails here, whether the model or a renderer gets it wrong.
"""

from __future__ import annotations

import ast
import html
import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from finsam_rules.cli import EXIT_UNREADABLE, main
from finsam_rules.formatting import format_kr, format_share
from finsam_rules.render.markup import md_escape

ROOT = Path(__file__).resolve().parent.parent
OUTCOME_WORDS = {"sv": ("✓ når målet", "✗ under målet"), "en": ("✓ meets the target", "✗ below the target")}


@pytest.fixture
def runner(standard_env) -> CliRunner:
    return CliRunner(env=standard_env)


@pytest.fixture
def examples(tmp_path) -> Path:
    """A copy of the examples (the portfolio refers to ``../policy-mphla``)."""
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    return tmp_path / "examples"


@pytest.fixture
def mphla(examples) -> Path:
    return examples / "mphla-2016"


def run(runner: CliRunner, root: Path, fmt: str, lang: str = "sv", *extra: str, expect: int = 0) -> str:
    result = runner.invoke(main, ["report", str(root), "--format", fmt, "--lang", lang, *extra])
    assert result.exit_code == expect, (result.output, result.exception)
    return result.stdout


def formats(runner: CliRunner, root: Path, lang: str, expect: int = 0) -> tuple[dict, str, str]:
    return (
        json.loads(run(runner, root, "json", lang, expect=expect)),
        run(runner, root, "markdown", lang, expect=expect),
        run(runner, root, "html", lang, expect=expect),
    )


def md_row(md: str, *cells: str) -> str:
    """The Markdown table row holding every one of ``cells``."""
    rows = [line for line in md.splitlines() if line.startswith("|") and all(c in line for c in cells)]
    assert len(rows) >= 1, cells
    return rows[0]


# -- the figures, pinned ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_meets_the_target_only_where_the_share_reaches_it(runner, mphla, lang):
    data, md, page = formats(runner, mphla, lang)
    statuses = {row["project"]: row["status"] for row in data["outcomes"]}
    assert statuses == {
        "2016/0004": "below",  # 16 of 95 = 17 %
        "2016/0005": "below",  # 3 of 13 = 23 %
        "2016/0006": "below",  # 4 of 10 = 40 %
        "2016/0007": "below",  # 1 of 13 = 8 %
        "2016/0012": "below",  # 18 of 42 = 43 %
        "2016/0021": "met",  # 5 of 8 = 63 %
    }
    assert data["outcomes_met"] == 1
    meets, below = OUTCOME_WORDS[lang]
    for row in data["outcomes"]:
        assert (row["successes"] / row["denominator"] >= row["target"]) == (row["status"] == "met")
        word = meets if row["status"] == "met" else below
        assert word in md_row(md, f"| {md_escape(row['project'])} |", "%"), row["project"]
        # In the HTML the status is in the row of the outcome table that names the project.
        cells = re.findall(
            r'<tr><td><span class="id">' + re.escape(html.escape(row["project"])) + r"</span>.*?</tr>", page
        )
        assert any(html.escape(word) in c for c in cells if "%" in c), row["project"]
    met_text = {"sv": "1 av 6 projekt når målet.", "en": "1 of 6 projects meet the target."}[lang]
    assert met_text in md and met_text in page


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_over_budget_sum_is_the_forecasts_above_their_budgets(runner, mphla, lang):
    data, md, page = formats(runner, mphla, lang)
    totals = data["budget_totals"]
    assert totals["over_budget"] == ["2016/0004", "2016/0005", "2016/0012"]
    assert totals["over_budget_sum"] == 550_000 == 100_000 + 200_000 + 250_000
    over = [r for r in data["budget"] if r["forecast"] is not None and r["forecast"] > r["forecast_budget"]]
    assert sum(r["forecast"] - r["forecast_budget"] for r in over) == totals["over_budget_sum"]
    sentence = {
        "sv": "3 projekt har en prognos över budget, sammanlagt 550 000 kr.",
        "en": "3 projects forecast more than the budget, SEK 550,000 in all.",
    }[lang]
    assert sentence in md and sentence in page
    # The column sums of the budget table.
    assert totals["forecast"] == sum(r["forecast"] for r in data["budget"] if r["forecast"] is not None)
    sums = md_row(md, f"**{ {'sv': 'Summa', 'en': 'Total'}[lang] }**")
    for key in ("granted_in_year", "report_budget", "cost", "forecast", "forecast_budget"):
        assert f"**{format_kr(totals[key], lang)}**" in sums, key
        assert html.escape(format_kr(totals[key], lang)) in page


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_coverage_count_is_the_municipalities_with_a_project(runner, lang):
    """In the CV001 case portfolio Alingsås has no running project: 4 of 5."""
    root = ROOT / "tests" / "cases" / "portfolios" / "cv001"
    data, md, page = formats(runner, root, lang)
    covered = [m["id"] for m in data["coverage"]["municipalities"] if m["projects"]]
    assert "alingsas" not in covered
    assert data["coverage"]["covered"] == len(covered) == 4
    assert data["coverage"]["total"] == 5
    lead = {
        "sv": "4 av 5 kommuner har minst ett pågående projekt under året",
        "en": "4 of 5 municipalities have at least one running project in the year",
    }[lang]
    assert lead in md and lead in page


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_figure_of_the_model_is_in_every_format(runner, mphla, lang):
    data, md, page = formats(runner, mphla, lang)
    figures: list[str] = []
    counts = data["goal_counts"]
    figures.append(
        {"sv": "{} av {} mål uppfyllda", "en": "{} of {} goals met"}[lang].format(
            counts["met"], counts["judged"]
        )
    )
    statuses = [g["status"] for g in data["goals"]]
    for status in ("met", "not_met", "not_checkable", "information"):
        assert counts[status] == statuses.count(status), status
    assert counts["judged"] == len(statuses) - statuses.count("information")
    assert {g["code"]: g["status"] for g in data["goals"]}["OT003"] == "not_met"  # 26 % against 50 %
    figures += [d["text"] for d in data["decisions"]]
    for row in data["gender"]:
        for key in ("women", "men", "unknown"):
            figures.append(f"{row[key]} ({format_share(row[key + '_share'], lang)})")
    for row in data["budget"]:
        if row["deviation"] is not None and row["deviation"]:
            sign = "+" if row["deviation"] > 0 else "−"
            figures.append(sign + format_kr(abs(row["deviation"]), lang))
    for group in data["contributions"]["groups"]:
        figures.append(format_kr(group["legal_amount"], lang))
    fin = data["finances"]
    figures += [format_kr(fin[k], lang) for k in ("margin", "equity_at_end", "usable_equity", "available")]
    figures += [format_share(fin["share_at_start"], lang), format_share(fin["share_at_end"], lang)]
    for figure in figures:
        assert figure in md or md_escape(figure) in md, figure
        assert html.escape(figure) in page, figure


# -- decisions first -------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_report_leads_with_what_the_board_must_decide(runner, mphla, lang):
    data, md, page = formats(runner, mphla, lang)
    kinds = [d["kind"] for d in data["decisions"]]
    assert kinds[0] == "goal_not_met" and "over_budget" in kinds and "applications" in kinds
    assert kinds.index("applications") > max(i for i, k in enumerate(kinds) if k == "goal_not_met")
    first = next(d for d in data["decisions"] if d["codes"] == ["OT003"])
    assert first["kind"] == "goal_not_met"
    figure = {"sv": "47 av 181 avslutade = 26 %", "en": "47 of 181 finished = 26%"}[lang]
    assert figure in first["text"] and format_share(0.5, lang) in first["text"]
    # Each deviation of a project's latest report is one sentence naming its rule and file.
    isam = [d for d in data["decisions"] if d["kind"] == "report_deviation" and d["subject"] == "2016/0005"]
    assert [d["codes"] for d in isam] == [["GA004"], ["OT002"]]
    assert all(d["files"] == ["reports/2016-0005-individsamverkansteam-jan-aug.toml"] for d in isam)
    skew = {"sv": "53 av 63 deltagare (84 %) är kvinnor", "en": "53 of 63 participants (84%) are women"}
    assert skew[lang] in isam[0]["text"]
    # Balder's January–April report is superseded by its January–August one.
    balder = [d["files"] for d in data["decisions"] if d.get("subject") == "2016/0012"]
    assert balder == [["reports/2016-0012-balder-jan-aug.toml"]]
    # The first section of both documents is the decisions.
    heading = {"sv": "Att besluta och känna till", "en": "To decide and to know"}[lang]
    headings = re.findall(r"^## (.*)$", md, re.M)
    assert headings[0] == heading
    # Then the summary and the goals, the sections with charts, and the detail per document last.
    words = {
        "sv": [
            "Sammanfattning",
            "Verksamhetsplanens mål",
            "Resultat per projekt",
            "Ansökningar",
            "Rapporter",
        ],
        "en": ["Summary", "Goals of the plan", "Outcomes per project", "Applications", "Reports"],
    }[lang]
    assert [headings.index(w) for w in words] == sorted(headings.index(w) for w in words), headings
    assert headings[-2:] == words[-2:], headings
    assert re.findall(r"<h2>(?:<span[^>]*>[^<]*</span>)?([^<]*)</h2>", page)[0] == heading
    assert md.index(md_escape(first["text"])) < md.index(
        "## " + {"sv": "Sammanfattning", "en": "Summary"}[lang]
    )


# -- incomplete input and empty years --------------------------------------------------------------


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_no_goal_is_met_when_every_application_is_unreadable(runner, mphla, lang):
    for path in (mphla / "applications").glob("*.toml"):
        path.write_text('id = "broken\n', encoding="utf-8")
    data, md, page = formats(runner, mphla, lang, expect=EXIT_UNREADABLE)
    statuses = {g["code"]: g["status"] for g in data["goals"]}
    # The goals on association.toml alone are still judged: the members' shares are met, the
    # equity share informs (and the association's own tables, where given, are checked).
    assert statuses.pop("FI001") == "met"
    assert statuses.pop("FI003") == "information"
    statuses.pop("FI004", None)
    assert set(statuses.values()) == {"not_checkable"}, statuses
    balance = next(g for g in data["goals"] if g["code"] == "FI002")
    assert balance["status"] == "not_checkable"
    assert "applications/2016-0004-aktiv.toml" in balance["unreadable"]
    for code in statuses:
        assert md_row(md, f"| {code} |").startswith("| ? "), code
        badge = re.search(
            r'<li><div><span class="badge (\w+)">[^<]*</span></div><div><div class="what">'
            rf'<span class="code">{code}</span>',
            page,
        )
        assert badge and badge.group(1) == "not_checkable", code
    fi002 = md_row(md, "| FI002 |")
    assert fi002.startswith("| ? ") and "applications/2016-0004-aktiv.toml" in fi002
    # Input errors have the shape of `screen --format json`, with paths relative to the portfolio.
    error = data["input_errors"][0]
    assert error["path"].startswith("applications/") and set(error["problems"][0]) == {
        "key",
        "code",
        "message",
    }


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_a_year_without_documents_is_refused(runner, mphla, lang):
    result = runner.invoke(main, ["report", str(mphla), "--year", "1999", "--lang", lang])
    assert result.exit_code == EXIT_UNREADABLE
    assert result.stdout == ""
    words = {"sv": "inga ansökningar eller rapporter för 1999", "en": "no applications or reports for 1999"}
    assert words[lang] in result.stderr


def test_a_policy_without_the_judging_rules_gives_a_smaller_board(runner, mphla):
    """Leave out every rule that counts outcome shares or judges the balance: the board
    shows no outcome table and no balance, rather than figures nobody judged."""
    config = mphla / "finsam.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("[policy]", '[policy]\nignore = ["OT", "FI002"]', 1), encoding="utf-8")
    data, md, page = formats(runner, mphla, "sv")
    assert data["outcomes"] == [] and data["finances"] is None
    assert "FI002" not in [g["code"] for g in data["goals"]]
    assert "Ingen regel i policyn bedömer budgetbalansen" in md
    assert "Ingen regel i policyn bedömer budgetbalansen" in page


# -- core names no rule ----------------------------------------------------------------------------


def _code_strings(path: Path) -> list[tuple[int, str]]:
    """The strings a module's code uses as values, and its names (docstrings left out): a
    string that *is* a rule code (``rules.get("FI002")``, ``code="FI002"``, ``"OT002.target"``)
    is a reference; prose that mentions a code for a reader (a template's help text) is not."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        first = body[0] if isinstance(body, list) and body else None
        if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
            docstrings.add(id(first.value))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            if RULE_REFERENCE.fullmatch(node.value.strip()):
                out.append((node.lineno, node.value))
        elif isinstance(node, ast.Name) and RULE_IN_NAME.search(node.id):
            out.append((node.lineno, node.id))
        elif isinstance(node, ast.Attribute) and RULE_IN_NAME.search(node.attr):
            out.append((node.lineno, node.attr))
    return out


#: Core modules that still name standard rules, each with what it waits for. The test is
#: expected to fail on them (strictly: once a module is cleaned up, its entry must go).
NAMING_RULES_STILL: dict[str, str] = {}
CORE = [
    pytest.param(
        path,
        id=path.relative_to(ROOT).as_posix(),
        marks=(
            [pytest.mark.xfail(strict=True, reason=NAMING_RULES_STILL[path.relative_to(ROOT).as_posix()])]
            if path.relative_to(ROOT).as_posix() in NAMING_RULES_STILL
            else []
        ),
    )
    for path in sorted((ROOT / "finsam_rules").rglob("*.py"))
]
RULE_IN_NAME = re.compile(r"(?<![A-Z])[A-Z]{2}[0-9]{3}(?![0-9])")
RULE_REFERENCE = re.compile(r"[A-Z]{2}[0-9]{3}([.:/_-][\w.:/-]*)?")


@pytest.mark.parametrize("path", CORE)
def test_core_and_renderers_name_no_rule_code(path):
    hits = _code_strings(path)
    assert not hits, f"{path.relative_to(ROOT)} names rule codes: {hits}"


def test_the_grep_for_rule_codes_can_fail(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text(
        '"""FI002 in a docstring is fine."""\n'
        'HELP = "# the texts are judged by GA001 and IM001 once filled in\\n"\n'
        'rule = rules.get("FI002")\n'
        'OT002_PARAMS = params_of("OT002.target")\n',
        encoding="utf-8",
    )
    found = sorted(text for _, text in _code_strings(bad))
    assert found == ["FI002", "OT002.target", "OT002_PARAMS"]


BOARD_FILES = [
    ROOT / "finsam_rules" / "board.py",
    *sorted((ROOT / "finsam_rules" / "render").glob("board_*.py")),
]


@pytest.mark.parametrize("path", BOARD_FILES, ids=lambda p: p.name)
def test_the_board_compares_no_message_key(path):
    """A finding's ``key`` is the rule's own business: the board never tests it against a word."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            keyed = any(isinstance(s, ast.Attribute) and s.attr == "key" for s in sides)
            worded = any(isinstance(s, ast.Constant) and isinstance(s.value, str) for s in sides)
            assert not (keyed and worded), f"{path.name}:{node.lineno} compares a message key"


# -- one vocabulary --------------------------------------------------------------------------------


def test_every_board_word_is_in_both_languages_with_no_parenthesised_plural():
    from finsam_rules.board import GoalStatus
    from finsam_rules.i18n import TEXTS

    LABELS = {k.removeprefix("board."): v for k, v in TEXTS.items() if k.startswith("board.")}
    for key, words in LABELS.items():
        assert set(words) == {"sv", "en"}, key
        for lang, text in words.items():
            assert text.strip(), (key, lang)
            assert not re.search(r"\w\((s|er|ar|na)\)", text), (key, lang, text)
    for status in GoalStatus:
        assert status.value in LABELS, status


@pytest.mark.parametrize(
    ("count", "sv", "en"),
    [
        (1, "1 projekt har en prognos över budget, med", "1 project forecasts"),
        (3, "3 projekt har en prognos över budget, sammanlagt", "3 projects forecast"),
    ],
)
def test_plural_forms(count, sv, en):
    from finsam_rules.render.board_words import label

    assert label("over_budget", "sv", count=count, amount="5 kr").startswith(sv)
    assert label("over_budget", "en", count=count, amount="5 kr").startswith(en)


def test_paths_are_relative_to_the_portfolio_wherever_the_command_runs(runner, mphla, monkeypatch):
    absolute = run(runner, mphla.resolve(), "json")
    monkeypatch.chdir(mphla.parent)
    assert run(runner, Path("mphla-2016"), "json") == absolute
    monkeypatch.chdir(mphla)
    data = json.loads(run(runner, Path("."), "json"))
    assert run(runner, Path("."), "json") == absolute
    assert data["policy"]["files"] == ["../policy-mphla/verksamhetsplan-2015-2017.toml", "finsam.toml"]
    paths = [d["path"] for d in data["applications"] + data["reports"]] + [
        r["file"] for r in data["outcomes"]
    ]
    assert all(not p.startswith("/") and p.split("/")[0] in ("applications", "reports") for p in paths)
