"""``finsam calendar``: the reports the granted projects owe, by when, and whether they came.

Two associations: Mölndal–Partille–Härryda–Lerum–Alingsås in 2016, whose projects all sent
the progress reports due in the year (2016-05-15 and 2016-09-15), and Sjöbygden in 2017,
whose project Steget (2017/0007) ended early on 2017-06-30 without any report: its final
report was due 60 days later, on 2017-08-29, and is 124 days overdue at the year's end.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import icalendar
import pytest
from click.testing import CliRunner

from finsam_rules.cli import main
from finsam_rules.obligations import DueKind, portfolio_reports_owed, reports_owed
from finsam_rules.portfolio import load_portfolio

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
MPHLA = EXAMPLES / "mphla-2016"
SECOND_YEAR = EXAMPLES / "second-year"


def calendar(*args: object) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["calendar", *map(str, args)])
    assert "Traceback" not in result.stderr
    return result.exit_code, result.stdout, result.stderr


def calendar_bytes(*args: object) -> bytes:
    result = CliRunner().invoke(main, ["calendar", *map(str, args)])
    return result.stdout_bytes


def as_json(*args: object) -> dict:
    _, out, _ = calendar(*args, "--format", "json")
    return json.loads(out)


class TestTheReportsOwed:
    """One function answers which report is owed by when and which report fulfils it."""

    def test_steget_ended_early_and_owes_only_its_final_report(self):
        pf = load_portfolio(SECOND_YEAR)
        steget = pf.application("2017/0007")
        [owed] = reports_owed(steget, pf.reports_for("2017/0007"), 60)
        assert owed.kind is DueKind.FINAL
        assert (owed.after, owed.due) == (dt.date(2017, 6, 30), dt.date(2017, 8, 29))
        assert owed.ended_without_report and not owed.received
        assert owed.overdue_days(dt.date(2017, 12, 31)) == 124
        assert owed.overdue_days(dt.date(2017, 8, 29)) == 0  # due that day, not yet late

    def test_a_dated_report_is_fulfilled_by_the_report_ending_in_its_window(self):
        pf = load_portfolio(MPHLA)
        balder = pf.application("2016/0012")
        owed = reports_owed(balder, pf.reports_for("2016/0012"), 60)
        first, second = owed[0], owed[1]
        assert (first.due, first.fulfilled_by.period.end) == (dt.date(2016, 5, 15), dt.date(2016, 4, 30))
        assert (second.after, second.due) == (dt.date(2016, 5, 15), dt.date(2016, 9, 15))
        assert second.fulfilled_by.period.end == dt.date(2016, 8, 31)
        assert owed[-1].kind is DueKind.FINAL and owed[-1].due == dt.date(2017, 3, 1)

    def test_a_continued_project_owes_no_final_report_of_its_own(self):
        pf = load_portfolio(MPHLA)
        balder = pf.application("2016/0012")
        owed = reports_owed(balder, pf.reports_for("2016/0012"), 60, continued=True)
        assert all(o.kind is DueKind.DATED for o in owed)

    def test_the_final_report_days_move_the_final_due_date(self):
        pf = load_portfolio(SECOND_YEAR)
        steget = pf.application("2017/0007")
        [owed] = reports_owed(steget, pf.reports_for("2017/0007"), 90)
        assert owed.due == dt.date(2017, 9, 28)

    def test_the_portfolio_list_is_ordered_by_due_date(self):
        owed = portfolio_reports_owed(load_portfolio(MPHLA), 60)
        assert [o.due for o in owed] == sorted(o.due for o in owed)


class TestSjobygden:
    """The second year: one overdue final report, so the calendar exits 1."""

    def test_text_in_swedish_names_the_overdue_final_report(self):
        code, out, _ = calendar(SECOND_YEAR)
        assert code == 1
        assert "Per 2017-12-31; slutrapporten ska lämnas 60 dagar efter projektets slut." in out
        assert "7 rapporter: 2 inkomna, 1 försenad, 0 ska lämnas inom 30 dagar, 4 senare." in out
        [line] = [line for line in out.splitlines() if "2017/0007" in line]
        assert line.startswith("2017-08-29")
        assert "slutrapport" in line and "försenad 124 dagar" in line

    def test_text_in_english(self):
        code, out, _ = calendar(SECOND_YEAR, "--lang", "en")
        assert code == 1
        assert "7 reports: 2 received, 1 overdue, 0 due within 30 days, 4 later." in out
        [line] = [line for line in out.splitlines() if "2017/0007" in line]
        assert "final report" in line and "overdue by 124 days" in line

    def test_as_of_a_date_in_march_one_more_is_late_and_one_is_due_soon(self):
        code, out, _ = calendar(SECOND_YEAR, "--as-of", "2018-03-16", "--within", "20", "--lang", "en")
        assert code == 1
        assert "7 reports: 2 received, 2 overdue, 1 due within 20 days, 2 later." in out
        assert "overdue by 1 day " in out  # the progress report of Start eget due 2018-03-15
        assert "due in 16 days" in out  # its final report, 2018-04-01
        _, sv, _ = calendar(SECOND_YEAR, "--as-of", "2018-03-16", "--within", "20")
        assert "försenad 1 dag " in sv and "2 försenade" in sv and "1 ska lämnas inom 20 dagar" in sv

    def test_reports_due_before_the_year_belong_to_the_earlier_year(self):
        data = as_json(SECOND_YEAR)
        assert min(r["due"] for r in data["portfolios"][0]["reports"]) == "2017-08-29"

    def test_markdown_in_both_languages(self):
        _, sv, _ = calendar(SECOND_YEAR, "--format", "markdown")
        assert sv.startswith("# Rapportkalender: Samordningsförbundet Sjöbygden (222000-3012), 2017\n")
        assert "| Förfallodag | Projekt | Ansökan | Rapport | Status |" in sv
        assert "| 2017-08-29 | 2017/0007 | Steget – förberedande insats för unga vuxna i Lindås | " in sv
        assert "| slutrapport | försenad 124 dagar |" in sv
        _, en, _ = calendar(SECOND_YEAR, "--format", "markdown", "--lang", "en")
        assert "| Due | Project | Application | Report | Status |" in en
        assert "| final report | overdue by 124 days |" in en

    def test_json(self):
        data = as_json(SECOND_YEAR)
        [cal] = data["portfolios"]
        assert (cal["org_number"], cal["as_of"]) == ("222000-3012", "2017-12-31")
        assert cal["final_report_days"] == 60
        assert cal["counts"] == {"owed": 7, "received": 2, "overdue": 1, "upcoming": 0, "later": 4}
        [late] = [r for r in cal["reports"] if r["status"] == "overdue"]
        assert late == {
            "project": "2017/0007",
            "title": "Steget – förberedande insats för unga vuxna i Lindås",
            "kind": "final",
            "due": "2017-08-29",
            "after": "2017-06-30",
            "received": False,
            "report": None,
            "status": "overdue",
            "overdue_days": 124,
            "due_in_days": None,
            "ended_without_report": True,
            "text": "försenad 124 dagar",
        }
        assert data["unreadable"] == []

    def test_rp001_and_the_calendar_agree(self):
        result = CliRunner().invoke(main, ["report", str(SECOND_YEAR), "--format", "json", "--lang", "en"])
        report = json.loads(result.stdout)
        rp001 = {f["subject"] for f in report["portfolio_findings"] if f["code"] == "RP001"}
        late = {r["project"] for r in as_json(SECOND_YEAR)["portfolios"][0]["reports"] if r["overdue_days"]}
        assert rp001 == late == {"2017/0007"}

    def test_the_association_sets_final_report_days_once_for_rule_and_calendar(self, tmp_path):
        root = tmp_path / "sjobygden"
        shutil.copytree(SECOND_YEAR, root)
        plan = root / "finsam.toml"
        text = plan.read_text("utf-8").replace("[settings]\n", "[settings]\nfinal_report_days = 200\n", 1)
        plan.write_text(text, "utf-8")
        code, out, _ = calendar(root, "--lang", "en")
        assert code == 0  # due 2018-01-16: not yet late at the year's end
        assert "the final report is due 200 days after the project's end" in out
        result = CliRunner().invoke(main, ["report", str(root), "--format", "json"])
        findings = json.loads(result.stdout)["portfolio_findings"]
        assert not [f for f in findings if f["code"] == "RP001" and f["severity"] == "error"]


class TestMphla:
    """2016: every report due in the year came; nothing is overdue, so the calendar exits 0."""

    def test_text_both_languages(self):
        code, out, _ = calendar(MPHLA)
        assert code == 0
        assert "25 rapporter: 8 inkomna, 0 försenade, 0 ska lämnas inom 30 dagar, 17 senare." in out
        code, out, _ = calendar(MPHLA, "--lang", "en")
        assert code == 0
        assert "25 reports: 8 received, 0 overdue, 0 due within 30 days, 17 later." in out
        assert "received (2016/0012/progress/2016-04-30)" in out

    def test_as_of_march_the_february_reports_are_late(self):
        data = as_json(MPHLA, "--as-of", "2017-03-02")
        cal = data["portfolios"][0]
        # eight progress reports due 2017-02-15, three final reports due 2017-03-01
        assert cal["counts"]["overdue"] == 11
        assert {r["overdue_days"] for r in cal["reports"] if r["status"] == "overdue"} == {15, 1}

    def test_markdown_and_json(self):
        _, md, _ = calendar(MPHLA, "--format", "markdown", "--lang", "en")
        assert md.count("| received (") == 8
        data = as_json(MPHLA, "--lang", "en")
        assert data["portfolios"][0]["counts"]["owed"] == 25


class TestICalendar:
    """One all-day event per due date, with UIDs stable across runs and dates."""

    @pytest.mark.parametrize("lang", ["sv", "en"])
    def test_parsed_back_one_event_per_report_owed(self, lang):
        raw = calendar_bytes(SECOND_YEAR, "--format", "ics", "--lang", lang)
        cal = icalendar.Calendar.from_ical(raw)
        events = list(cal.walk("VEVENT"))
        assert len(events) == 7
        steget = next(e for e in events if "2017/0007" in str(e["SUMMARY"]))
        assert steget.decoded("DTSTART") == dt.date(2017, 8, 29)  # a DATE, not a date-time
        assert steget.decoded("DTEND") == dt.date(2017, 8, 30)
        assert steget.decoded("DTSTAMP") == dt.datetime(2017, 12, 31, tzinfo=dt.UTC)
        assert str(steget["UID"]) == "222000-3012-2017-0007-2017-08-29-final@finsam-rules"
        summary, description = str(steget["SUMMARY"]), str(steget["DESCRIPTION"])
        if lang == "sv":
            assert summary.startswith("Slutrapport: 2017/0007 Steget")
            assert "försenad 124 dagar (per 2017-12-31)" in description
            assert "avslutades i förtid 2017-06-30" in description
        else:
            assert summary.startswith("Final report: 2017/0007 Steget")
            assert "overdue by 124 days (as of 2017-12-31)" in description

    def test_uids_are_unique_and_stable_whatever_the_date(self):
        def uids(*args: object) -> list[str]:
            raw = calendar_bytes(MPHLA, "--format", "ics", *args)
            return [str(e["UID"]) for e in icalendar.Calendar.from_ical(raw).walk("VEVENT")]

        at_year_end = uids()
        assert len(at_year_end) == len(set(at_year_end)) == 25
        assert uids("--as-of", "2017-03-02", "--lang", "en") == at_year_end

    def test_reruns_are_byte_identical(self, tmp_path):
        first = calendar_bytes(MPHLA, SECOND_YEAR, "--format", "ics")
        assert first == calendar_bytes(MPHLA, SECOND_YEAR, "--format", "ics")
        assert b"\r\n" in first and first.startswith(b"BEGIN:VCALENDAR")
        target = tmp_path / "rapporter.ics"
        code, _, _ = calendar(MPHLA, SECOND_YEAR, "--format", "ics", "-o", target)
        assert code == 1
        assert target.read_bytes() == first
        events = list(icalendar.Calendar.from_ical(first).walk("VEVENT"))
        assert len(events) == 25 + 7


class TestExitCodesAndBadInput:
    def test_an_unreadable_folder_is_named_and_the_batch_goes_on(self, tmp_path):
        missing = tmp_path / "saknas"
        code, out, err = calendar(missing, MPHLA)
        assert code == 3
        assert str(missing) in err
        assert "25 rapporter" in out

    def test_an_unreadable_association_file_names_the_file(self, tmp_path):
        root = tmp_path / "trasig"
        shutil.copytree(MPHLA, root)
        (root / "association.toml").write_text("name = [\n", "utf-8")
        code, _, err = calendar(root, "--lang", "en")
        assert code == 3
        assert "association.toml" in err

    def test_output_never_overwrites_an_input(self):
        code, _, err = calendar(SECOND_YEAR, "-o", SECOND_YEAR / "association.toml")
        assert code == 2
        assert "association.toml" in err


class TestTheBoardReportCarriesTheOverdueList:
    """The board report lists the same overdue reports, computed by the same function."""

    def board(self, root: Path, fmt: str, lang: str, tmp_path: Path | None = None) -> str | bytes:
        args = ["report", str(root), "--format", fmt, "--lang", lang]
        if tmp_path is not None:
            out = tmp_path / f"board.{fmt}"
            result = CliRunner().invoke(main, [*args, "-o", str(out)])
            assert result.exit_code == 0, result.output
            return out.read_bytes()
        return CliRunner().invoke(main, args).stdout

    def test_the_model_field_and_the_json(self):
        data = json.loads(self.board(SECOND_YEAR, "json", "en"))
        assert data["overdue_reports"] == [
            {
                "due": "2017-08-29",
                "ended_without_report": True,
                "kind": "final",
                "overdue_days": 124,
                "project": "2017/0007",
                "title": "Steget – förberedande insats för unga vuxna i Lindås",
            }
        ]
        [sentence] = [d for d in data["decisions"] if d["kind"] == "overdue_reports"]
        assert sentence["text"] == (
            "One report is overdue as of 2017-12-31: "
            "the final report of 2017/0007 (due 2017-08-29, 124 days ago)."
        )
        assert sentence["projects"] == ["2017/0007"]

    def test_the_same_list_as_the_calendar(self):
        board = json.loads(self.board(SECOND_YEAR, "json", "sv"))["overdue_reports"]
        cal = [r for r in as_json(SECOND_YEAR)["portfolios"][0]["reports"] if r["status"] == "overdue"]
        assert [(o["project"], o["due"], o["overdue_days"]) for o in board] == [
            (r["project"], r["due"], r["overdue_days"]) for r in cal
        ]

    @pytest.mark.parametrize("lang", ["sv", "en"])
    def test_markdown_has_the_sentence_and_the_table(self, lang):
        md = self.board(SECOND_YEAR, "markdown", lang)
        sentence = {
            "sv": "- En rapport är försenad per 2017-12-31: "
            "slutrapporten för 2017/0007 \\(förföll 2017-08-29, 124 dagar sedan\\).",
            "en": "- One report is overdue as of 2017-12-31: "
            "the final report of 2017/0007 \\(due 2017-08-29, 124 days ago\\).",
        }[lang]
        assert sentence in md
        heading = {"sv": "## Rapporter som saknas", "en": "## Overdue reports"}[lang]
        section = md[md.index(heading) :]
        assert "| 2017-08-29 | 2017/0007 | Steget – förberedande insats för unga vuxna i Lindås |" in section
        assert section.index("124 |") < section.index("\n## ")

    @pytest.mark.parametrize("lang", ["sv", "en"])
    def test_html(self, lang):
        page = self.board(SECOND_YEAR, "html", lang)
        assert '<section id="overdue_reports">' in page
        assert '<li class="d-overdue_reports">' in page
        days = {"sv": "124 dagar sedan", "en": "124 days ago"}[lang]
        assert days in page

    def test_nothing_overdue_says_so_and_adds_no_sentence(self):
        data = json.loads(self.board(MPHLA, "json", "en"))
        assert data["overdue_reports"] == []
        assert "overdue_reports" not in [d["kind"] for d in data["decisions"]]
        md = self.board(MPHLA, "markdown", "sv")
        assert "Ingen rapport är försenad per 2016-12-31." in md

    def test_excel_has_the_sheet_when_a_report_is_overdue(self, tmp_path):
        import io

        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(self.board(SECOND_YEAR, "xlsx", "sv", tmp_path)))
        rows = list(book["Rapporter som saknas"].iter_rows(values_only=True))
        assert rows[0] == ("Förfallodag", "Projekt", "Titel", "Rapport", "Dagar sen")
        assert rows[1][1:] == (
            "2017/0007",
            "Steget – förberedande insats för unga vuxna i Lindås",
            "slutrapport (avslutat i förtid utan rapport)",
            124,
        )
        summary = {r[0]: r[1] for r in book["Sammanfattning"].iter_rows(values_only=True)}
        assert summary["Rapporter som saknas"] == 1
