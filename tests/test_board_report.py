"""The board report: ``finsam report DIR --format markdown|html|json``.

A small portfolio built from the figures of the Mölndal-Partille-Härryda-Lerum-Alingsås
interim report of 2016: contributions of 16 692 tkr, the individual cooperation team (53 women
and 10 men; 32 of 44 finished participants to work, studies or further rehabilitation = 73 %)
and Balder (55 women and 64 men). The tests check that the three formats show the same figures
in Swedish (and English) formats, that hostile text from input files cannot break out of the
Markdown or the HTML, that output is deterministic, and that the HTML renders in a real
headless Chromium into a page with charts.
"""

from __future__ import annotations

import copy
import html
import json
import os
import re
import shutil
import struct
import subprocess
import zlib
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from click.testing import CliRunner

from finsam_rules.cli import EXIT_OK, EXIT_UNREADABLE, main
from finsam_rules.formatting import format_kr, format_number
from finsam_rules.render.markup import md_escape

NAME = "Samordningsförbundet Mölndal Partille Härryda Lerum Alingsås"

ASSOCIATION: dict[str, Any] = {
    "name": NAME,
    "org_number": "222000-2071",
    "year": 2016,
    "equity_at_start": 1_013_690,
    "administration_budget": 3_255_000,
    "priority_groups": ["young_adults", "long_term_support"],
    "members": [
        {
            "id": "fk",
            "name": "Försäkringskassan",
            "kind": "social_insurance_agency",
            "contribution": 8_346_000,
        },
        {"id": "af", "name": "Arbetsförmedlingen", "kind": "employment_service", "contribution": 0},
        {"id": "vgr", "name": "Västra Götalandsregionen", "kind": "region", "contribution": 4_173_000},
        {
            "id": "molndal",
            "name": "Mölndals stad",
            "kind": "municipality",
            "contribution": 1_222_500,
            "population": 63_278,
        },
        {
            "id": "partille",
            "name": "Partille kommun",
            "kind": "municipality",
            "contribution": 709_500,
            "population": 36_725,
        },
        {
            "id": "harryda",
            "name": "Härryda kommun",
            "kind": "municipality",
            "contribution": 705_000,
            "population": 36_492,
        },
        {
            "id": "lerum",
            "name": "Lerums kommun",
            "kind": "municipality",
            "contribution": 772_500,
            "population": 39_986,
        },
        {
            "id": "alingsas",
            "name": "Alingsås kommun",
            "kind": "municipality",
            "contribution": 763_500,
            "population": 39_519,
        },
    ],
}

GENDER_ANALYSIS = (
    "Remisserna har hittills i hög grad gällt kvinnor. Projektet följer fördelningen mellan "
    "kvinnor och män varje tertial i SUS, analyserar vilka hinder kvinnor respektive män möter "
    "och ber styrgruppen se över remissvägarna om fördelningen blir sned, så att kvinnor och "
    "män får samma möjligheter till stöd."
)
IMPLEMENTATION_PLAN = (
    "Från 2017 tar Mölndals stad och Lerums kommun över teamets tjänster i ordinarie "
    "verksamhet; styrgruppen beslutar om överföringen senast i juni 2016 och parterna "
    "budgeterar för det."
)


def _application(app_id: str, title: str, amount: int, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": app_id,
        "title": title,
        "kind": "implementation",
        "owner": "molndal",
        "submitted": "2015-10-15",
        "parties": ["fk", "af", "vgr", "lerum"],
        "county_wide": True,
        "period": {"start": "2016-01-01", "end": "2016-12-31"},
        "budget": [
            {
                "year": 2016,
                "personnel": amount - 176_000,
                "premises": 135_000,
                "other": 41_000,
                "total": amount,
            }
        ],
        "requested": amount,
        "target_group": {
            "description": "Personer 20-64 år med behov av samordnad arbetslivsinriktad rehabilitering",
            "age_min": 20,
            "age_max": 64,
            "priority_groups": ["long_term_support"],
        },
        "planned_participants": {"total": 60, "women": 30, "men": 30},
        "outcome_targets": [
            {"measure": "work", "share": 0.3, "description": "30 % av avslutade till arbete"}
        ],
        "gender_analysis": GENDER_ANALYSIS,
        "implementation_plan": IMPLEMENTATION_PLAN,
        "steering_group": ["molndal", "fk", "af", "vgr", "lerum"],
        "attachments": ["budget", "cooperation_agreement"],
        "decision": {
            "status": "granted",
            "amount": amount,
            "date": "2015-12-10",
            "reports_required": ["2016-05-15", "2016-09-15"],
        },
    }
    data.update(changes)
    return data


ISAM = _application("2016/0005", "Individsamverkansteam", 3_300_000)
BALDER = _application(
    "2016/0012",
    "Balder – unga vuxna",
    5_000_000,
    county_wide=False,
    municipalities=["molndal", "partille"],
    owner="partille",
    parties=["partille", "fk", "af", "vgr"],
    steering_group=["partille", "fk", "af", "vgr"],
)
# An application that is not decided yet and lacks its gender analysis: komplettering krävs.
MENTOR = _application(
    "2016/0041",
    "Mentorskap",
    400_000,
    gender_analysis="",
    period={"start": "2017-01-01", "end": "2017-12-31"},
    budget=[{"year": 2017, "personnel": 300_000, "premises": 60_000, "other": 40_000, "total": 400_000}],
)
del MENTOR["decision"]

ISAM_REPORT: dict[str, Any] = {
    "project": "2016/0005",
    "kind": "progress",
    "period": {"start": "2016-05-01", "end": "2016-08-31"},
    "participants": {"women": 53, "men": 10, "unknown": 0},
    # 63 participants, 19 ongoing: 44 finished, of whom 20 + 4 + 8 = 32 to work, studies or
    # further rehabilitation: 32 of 44 = 73 % against the target 70 %.
    "outcomes": {
        "work": 20,
        "studies": 4,
        "further_rehabilitation": 8,
        "job_seeking": 6,
        "dropped_out": 6,
        "ongoing": 19,
    },
    "costs": {"personnel": 1_796_000, "premises": 114_000, "other": 89_000, "total": 1_999_000},
    "budget": {"personnel": 2_083_000, "premises": 90_000, "other": 27_000, "total": 2_200_000},
    "forecast": {"cost": 3_500_000, "budget": 3_300_000, "horizon": "year"},
    "comment": "Teamet har arbetat med 63 deltagare under perioden.",
}
BALDER_REPORT: dict[str, Any] = {
    "project": "2016/0012",
    "kind": "progress",
    "period": {"start": "2016-01-01", "end": "2016-08-31"},
    "participants": {"women": 55, "men": 64, "unknown": 0},
    # 42 finished, 30 to work, studies or further rehabilitation: 71 %.
    "outcomes": {
        "work": 14,
        "studies": 6,
        "further_rehabilitation": 10,
        "job_seeking": 8,
        "dropped_out": 4,
        "ongoing": 77,
    },
    "costs": {"personnel": 3_100_000, "premises": 250_000, "other": 159_000, "total": 3_509_000},
    "budget": {"personnel": 2_900_000, "premises": 300_000, "other": 133_000, "total": 3_333_000},
    "forecast": {"cost": 5_250_000, "budget": 5_000_000, "horizon": "year"},
    "comment": "Balder har arbetat med 119 deltagare.",
}

ISAM_REPORT_FILE = "reports/2016-isam-t2.toml"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _dates(value: Any) -> Any:
    """ISO date strings as dates, so the TOML files hold real TOML dates."""
    import datetime as dt

    if isinstance(value, dict):
        return {k: _dates(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_dates(v) for v in value]
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return dt.date.fromisoformat(value)
    return value


def _write(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(tomli_w.dumps(_dates(data)), encoding="utf-8")


def build_portfolio(root: Path, association=ASSOCIATION, applications=None, reports=None) -> Path:
    """Write a portfolio folder: ``{relative path: data}`` for applications and reports."""
    _write(root / "association.toml", association)
    applications = (
        applications
        if applications is not None
        else {
            "applications/2016-0005-isam.toml": ISAM,
            "applications/2016-0012-balder.toml": BALDER,
            "applications/2016-0041-mentorskap.toml": MENTOR,
        }
    )
    reports = (
        reports
        if reports is not None
        else {
            ISAM_REPORT_FILE: ISAM_REPORT,
            "reports/2016-balder-jan-aug.toml": BALDER_REPORT,
        }
    )
    for rel, data in {**applications, **reports}.items():
        _write(root / rel, data)
    return root


@pytest.fixture
def runner(standard_env) -> CliRunner:
    """A CLI runner that loads the standard pack only."""
    return CliRunner(env=standard_env)


@pytest.fixture
def portfolio(tmp_path) -> Path:
    """The small MPHLA portfolio of 2016."""
    return build_portfolio(tmp_path / "mphla")


def report(runner: CliRunner, root: Path, fmt: str, lang: str = "sv", expect: int = EXIT_OK) -> str:
    """Run ``finsam report`` and return its standard output."""
    result = runner.invoke(main, ["report", str(root), "--format", fmt, "--lang", lang])
    assert result.exit_code == expect, (result.output, result.exception)
    return result.stdout


# -- figures ------------------------------------------------------------------------------------


def test_markdown_in_swedish(runner, portfolio):
    md = report(runner, portfolio, "markdown")
    assert md.startswith(f"# Styrelserapport 2016 – {NAME}\n")
    assert "16 692 000 kr" in md
    assert "32 av 44 avslutade = 73 %" in md
    assert "| 73 % |" in md
    assert "30 av 42 avslutade = 71 %" in md
    assert "53 (84 %)" in md and "10 (16 %)" in md
    assert "55 (46 %)" in md and "64 (54 %)" in md
    assert "1 999 000 kr" in md and "3 500 000 kr" in md and "+200 000 kr" in md
    # Traceability: the file behind each row, and the association file behind contributions.
    assert ISAM_REPORT_FILE in md
    assert "association.toml" in md
    assert "applications/2016-0005-isam.toml" in md
    # Goals with a mark and a word; verdicts with a mark and a word.
    assert "✓ uppfyllt" in md
    assert "**! komplettering krävs**" in md and "**✓ tillstyrks**" in md
    # The legal shares and the population key.
    assert "| Staten (FK och AF) | 8 346 000 kr | 50 % | 50 % | 8 346 000 kr |" in md
    assert "| Mölndals stad | molndal | kommun | 1 222 500 kr | 7 % | 63 278 | 1 222 496 kr |" in md
    # Coverage: Balder covers Mölndal and Partille; the team is county-wide.
    assert "| Mölndals stad | ✓ | ✓ | 2 |" in md
    assert "| Härryda kommun | ✓ |  | 1 |" in md
    # Equity and balance against the year's contributions.
    assert "| Eget kapital vid årets början | 1 013 690 kr |" in md
    assert "| Eget kapital vid årets början i andel av årets bidrag | 6 % |" in md


def test_markdown_in_english(runner, portfolio):
    md = report(runner, portfolio, "markdown", "en")
    assert md.startswith(f"# Board report 2016 – {NAME}\n")
    assert "SEK 16,692,000" in md
    assert "32 of 44 finished = 73%" in md
    assert "53 (84%)" in md
    assert "✓ met" in md and "! revision required" in md


def test_html_in_both_languages(runner, portfolio):
    sv = report(runner, portfolio, "html")
    assert sv.startswith("<!DOCTYPE html>")
    assert '<html lang="sv">' in sv and '<meta charset="utf-8">' in sv
    assert f"<title>Styrelserapport 2016 – {NAME}</title>" in sv
    assert "16 692 000 kr" in sv and "32 av 44 avslutade = 73 %" in sv
    assert html.escape(ISAM_REPORT_FILE) in sv
    en = report(runner, portfolio, "html", "en")
    assert '<html lang="en">' in en
    assert f"<title>Board report 2016 – {NAME}</title>" in en
    assert "SEK 16,692,000" in en and "32 of 44 finished = 73%" in en


def _kr(amount: int | None, lang: str) -> str | None:
    return None if amount is None else format_kr(amount, lang)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_json_markdown_and_html_agree(runner, portfolio, lang):
    data = json.loads(report(runner, portfolio, "json", lang))
    md = report(runner, portfolio, "markdown", lang)
    page = report(runner, portfolio, "html", lang)
    word = {"sv": "av", "en": "of"}[lang]
    figures: list[str] = []
    for row in data["outcomes"]:
        figures.append(f"{row['successes']} {word} {row['denominator']}")
        figures.append(row["file"])
    assert data["outcomes"], "the fixture has outcomes"
    for row in data["gender"]:
        figures += [format_number(row[k], lang) for k in ("women", "men", "unknown")]
        figures.append(format_number(row["women"] + row["men"] + row["unknown"], lang))
    for row in data["budget"]:
        figures += [
            s
            for k in ("granted_in_year", "report_budget", "cost", "forecast", "forecast_budget")
            if (s := _kr(row[k], lang))
        ]
    for group in data["contributions"]["groups"]:
        figures.append(format_kr(group["amount"], lang))
    for member in data["contributions"]["members"]:
        figures.append(format_kr(member["amount"], lang))
        if member["expected_by_population"] is not None:
            figures.append(format_kr(member["expected_by_population"], lang))
    figures.append(format_kr(data["contributions"]["total"], lang))
    figures += [
        format_kr(v, lang)
        for k, v in data["finances"].items()
        if isinstance(v, int) and not isinstance(v, bool)
    ]
    for goal in data["goals"]:
        figures.append(goal["code"])
        figures += goal["messages"]
    for doc in data["applications"] + data["reports"]:
        figures += [doc["id"], doc["path"], doc["verdict_label"]]
        figures += [f["message"] for f in doc["findings"]]
    for figure in figures:
        assert md_escape(figure) in md, figure
        assert html.escape(figure) in page, figure
    # Each goal's status appears on its own row of the Markdown goals table.
    marks = {"met": "✓", "not_met": "✗", "not_checkable": "?", "information": "i"}
    for goal in data["goals"]:
        row = next(line for line in md.splitlines() if f"| {goal['code']} |" in line)
        assert row.startswith(f"| {marks[goal['status']]} "), row
    # Each application's verdict on its row of the overview table.
    for doc in data["applications"]:
        row = next(
            line for line in md.splitlines() if line.startswith(f"| {doc['id']} |") and doc["path"] in line
        )
        assert doc["verdict_label"] in row


def test_input_errors_are_listed(runner, portfolio):
    (portfolio / "applications" / "trasig.toml").write_text('id = "2016/0099\n', encoding="utf-8")
    md = report(runner, portfolio, "markdown", expect=EXIT_UNREADABLE)
    assert "## Filer med fel" in md
    assert "- **applications/trasig.toml**" in md
    assert "> **Filer med fel: 1." in md
    page = report(runner, portfolio, "html", expect=EXIT_UNREADABLE)
    assert "<b>applications/trasig.toml</b>" in page
    data = json.loads(report(runner, portfolio, "json", expect=EXIT_UNREADABLE))
    assert len(data["input_errors"]) == 1


# -- determinism --------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["markdown", "html", "json"])
def test_output_is_deterministic(runner, portfolio, tmp_path, fmt):
    first = report(runner, portfolio, fmt)
    assert report(runner, portfolio, fmt) == first
    # The same portfolio in another folder gives the same bytes: no absolute paths leak.
    moved = shutil.copytree(portfolio, tmp_path / "elsewhere" / "portfolio")
    assert report(runner, moved, fmt) == first


# -- the HTML file is self-contained --------------------------------------------------------------


ALLOWED_TAGS = {
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "main",
    "header",
    "footer",
    "section",
    "article",
    "nav",
    "h1",
    "h2",
    "h3",
    "p",
    "b",
    "br",
    "span",
    "div",
    "dl",
    "dt",
    "dd",
    "ul",
    "li",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "figure",
    "figcaption",
    "svg",
    "desc",
    "rect",
    "line",
    "text",
    "g",
}
ALLOWED_ATTRIBUTES = {
    "lang",
    "charset",
    "name",
    "content",
    "class",
    "id",
    "role",
    "aria-label",
    "viewbox",
    "width",
    "height",
    "x",
    "y",
    "x1",
    "y1",
    "x2",
    "y2",
    "fill",
    "stroke",
    "stroke-width",
    "stroke-dasharray",
    "text-anchor",
    "font-size",
    "font-weight",
    "font-family",
}


class _Collector(HTMLParser):
    """Every tag with its attributes, and all text, as a browser's tokenizer sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_data(self, data):
        self.text.append(data)


def parse(page: str) -> _Collector:
    collector = _Collector()
    collector.feed(page)
    collector.close()
    return collector


def assert_self_contained(page: str) -> _Collector:
    """No script, no event handler, no link to anything; only known tags and attributes."""
    assert "<script" not in page.lower()
    styles = re.findall(r"<style>(.*?)</style>", page, re.S)
    assert len(styles) == 1
    for forbidden in ("url(", "@import", "@font-face", "http", "//"):
        assert forbidden not in styles[0].lower(), forbidden
    # Only known tags and attributes: nothing that could load a resource (img, link, iframe,
    # src, href, style attributes) or run code (script, on* handlers).
    parsed = parse(page)
    for tag, attrs in parsed.tags:
        assert tag in ALLOWED_TAGS, tag
        for attr, _ in attrs:
            assert attr in ALLOWED_ATTRIBUTES, (tag, attr)
    return parsed


def test_html_is_self_contained_and_printable(runner, portfolio):
    page = report(runner, portfolio, "html")
    parsed = assert_self_contained(page)
    assert "http" not in page and "src=" not in page and "href=" not in page
    assert "@media print" in page
    assert re.search(r"@page\s*\{\s*size:\s*A4;\s*margin:", page)
    assert "break-inside: avoid" in page
    charts = [attrs for tag, attrs in parsed.tags if tag == "svg"]
    assert len(charts) >= 4
    for attrs in charts:
        values = dict(attrs)
        assert values["role"] == "img" and values["class"] == "chart"
        assert values["aria-label"]
    assert page.count('<svg class="chart" role="img"') == page.count("</svg>")
    assert re.search(r'<svg class="chart"[^>]*><title>[^<]+</title>', page)
    # Charts come before the table of their section.
    section = page[page.index('id="outcomes"') : page.index('id="gender"')]
    assert section.index("<svg") < section.index("<table")
    # Status in words and marks, not colour alone.
    assert "✓ uppfyllt" in page and "! komplettering krävs" in page


# -- hostile input -------------------------------------------------------------------------------

SCRIPT = "<script>alert(1)</script>"
QUOTES = "\"quotes\" & 'apostrophes'"
PIPES = "|pipes| and *stars*"
LINK = "](javascript:x)"
HOSTILE = f"{SCRIPT} {QUOTES} {PIPES} {LINK}"
LONG = ("Långt<namn>|" * 420)[:5000]


@pytest.fixture
def hostile(tmp_path) -> Path:
    association = copy.deepcopy(ASSOCIATION)
    association["name"] = f"{HOSTILE} {LONG}"
    evil_member = f"k{SCRIPT}|\"'*x*"
    for member in association["members"]:
        member["name"] = f"{member['name']} {HOSTILE}"
        if member["id"] == "harryda":
            member["id"] = evil_member
    app_id = f"2016/{SCRIPT}|{QUOTES}|"
    isam = _application(app_id, f"Team {HOSTILE}", 3_300_000)
    balder = copy.deepcopy(BALDER)
    balder["title"] = LONG
    balder["municipalities"] = ["molndal", evil_member]
    mentor = copy.deepcopy(MENTOR)
    mentor["id"] = f"*{LINK}*"
    mentor["title"] = f"[klicka]{LINK} <img src=x onerror=alert(1)>"
    isam_report = {
        **ISAM_REPORT,
        "project": app_id,
        "id": f"rapport {SCRIPT}",
        "comment": f"{HOSTILE}\n\n| a | b |\n|---|---|\n{LONG}",
    }
    balder_report = {**BALDER_REPORT, "comment": LONG}
    # File names carry hostile characters too, where the operating system allows them.
    evil_file = "evil<script>alert(1)<x>\"'|*stars*|&amp;.toml"
    return build_portfolio(
        tmp_path / "hostile",
        association,
        {
            f"applications/{evil_file}": isam,
            "applications/balder.toml": balder,
            "applications/mentor.toml": mentor,
        },
        {f"reports/{evil_file}": isam_report, "reports/balder.toml": balder_report},
    )


def _cells(line: str) -> int:
    """The number of unescaped pipes in a Markdown table line."""
    count, escaped = 0, False
    for char in line:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "|":
            count += 1
    return count


def assert_tables_intact(md: str) -> int:
    """Every row of every Markdown table has as many cells as its header."""
    tables = 0
    block: list[str] = []
    for line in [*md.splitlines(), ""]:
        if line.startswith("|"):
            block.append(line)
            continue
        if block:
            tables += 1
            width = _cells(block[0])
            assert re.fullmatch(r"\|(-{3,}:?\|)+", block[1]), block[1]
            assert _cells(block[1]) == width
            for row in block[2:]:
                assert _cells(row) == width, row[:300]
            block = []
    return tables


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_hostile_text_is_escaped_in_markdown(runner, hostile, lang):
    md = report(runner, hostile, "markdown", lang)
    assert assert_tables_intact(md) >= 8
    assert "<" not in md and ">" not in md.replace("\n>", "\n")
    assert "](javascript" not in md
    assert "[klicka]" not in md
    assert "*stars*" not in md and "|pipes|" not in md
    assert r"\*stars\*" in md and r"\|pipes\|" in md
    assert "&lt;script&gt;alert\\(1\\)&lt;/script&gt;" in md
    # A hostile comment with newlines cannot start a table or a heading of its own.
    assert "\n| a | b |" not in md and "\n|---|---|\n" not in md
    # The long name is shown in full.
    assert md.count("Långt&lt;namn&gt;\\|") >= 400


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_hostile_text_is_escaped_in_html(runner, hostile, lang):
    page = report(runner, hostile, "html", lang)
    parsed = assert_self_contained(page)
    assert "onerror" not in [a for _, attrs in parsed.tags for a, _ in attrs]
    assert not any(tag in ("img", "script") for tag, _ in parsed.tags)
    text = "".join(parsed.text)
    # The hostile strings reach the reader as text, exactly as written.
    assert SCRIPT in text and QUOTES in text and LINK in text
    assert "<img src=x onerror=alert(1)>" in text
    assert LONG in text
    # No raw quote or angle bracket inside an attribute value.
    for tag in re.findall(r"<[a-zA-Z][^>]*>", page):
        for value in re.findall(r'="([^"]*)"', tag):
            assert "<" not in value and "'" not in value, value[:200]
        assert re.fullmatch(r'<[a-zA-Z][\w-]*(\s+[\w:-]+="[^"]*")*\s*/?>', tag), tag[:300]
    labels = [dict(attrs).get("aria-label", "") for tag, attrs in parsed.tags if tag == "svg"]
    assert any("<script>" in (label or "") for label in labels)  # unescaped by the parser only


def test_hostile_portfolio_json_round_trips(runner, hostile):
    data = json.loads(report(runner, hostile, "json"))
    assert data["association"]["name"].startswith(SCRIPT)


# -- a real browser --------------------------------------------------------------------------------


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed; CI installs Debian's chromium package")
        pytest.skip("chromium is not installed")
    return found


def _png_pixels(path: Path) -> tuple[int, int, set[bytes], int]:
    """Width, height, the distinct colours and the count of non-white pixels of an 8-bit,
    non-interlaced RGB or RGBA PNG, decoded with the standard library only."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
    assert header is not None
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and colour in (2, 6) and interlace == 0, header
    bpp = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    previous = bytearray(stride)
    colours: set[bytes] = set()
    ink = 0
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for x in range(stride):
            left = line[x - bpp] if x >= bpp else 0
            up = previous[x]
            if kind == 1:
                line[x] = (line[x] + left) & 0xFF
            elif kind == 2:
                line[x] = (line[x] + up) & 0xFF
            elif kind == 3:
                line[x] = (line[x] + (left + up) // 2) & 0xFF
            elif kind == 4:
                corner = previous[x - bpp] if x >= bpp else 0
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[x] = (line[x] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 0xFF
        if y % 4 == 0:
            for x in range(0, stride, bpp * 2):
                pixel = bytes(line[x : x + 3])
                colours.add(pixel)
                ink += pixel != b"\xff\xff\xff"
        previous = line
    return width, height, colours, ink


def test_headless_chromium_renders_the_report(runner, portfolio, tmp_path):
    chromium = _chromium()
    out = tmp_path / "styrelserapport.html"
    result = runner.invoke(main, ["report", str(portfolio), "--format", "html", "-o", str(out)])
    assert result.exit_code == EXIT_OK, result.output
    url = out.resolve().as_uri()
    png = tmp_path / "styrelserapport.png"
    shot = subprocess.run(
        [
            chromium,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={tmp_path / 'profile-shot'}",
            f"--screenshot={png}",
            "--window-size=1240,1754",
            url,
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert png.is_file(), shot.stderr[-2000:]
    dom = subprocess.run(
        [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile-dom'}", "--dump-dom", url],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert f"<title>Styrelserapport 2016 – {NAME}</title>" in dom.stdout, dom.stderr[-2000:]
    assert '<svg class="chart" role="img"' in dom.stdout
    assert "32 av 44 avslutade = 73 %" in dom.stdout
    width, height, colours, ink = _png_pixels(png)
    assert (width, height) == (1240, 1754)
    assert len(colours) > 20, "the screenshot is blank"
    assert ink > 1000, "the screenshot has almost nothing on it"
