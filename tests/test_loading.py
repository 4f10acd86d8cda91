"""Reading applications and reports from TOML, and saying clearly what is wrong with a file.

Every bad input gives an :class:`InputError` whose lines name the file, the key path and
what was expected, in Swedish and in English; nothing is ever silently dropped, and no
input file is ever written to.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from finsam_rules.cli import main
from finsam_rules.errors import InputError
from finsam_rules.loading import (
    MAX_DEPTH,
    MAX_FILE_BYTES,
    PathProblem,
    classify,
    iter_paths,
    load_association,
    load_document,
    read_toml,
)
from finsam_rules.model import (
    Application,
    ApplicationKind,
    Gender,
    Outcome,
    Report,
    ReportKind,
)
from finsam_rules.screening import Screener

APPLICATION_TOML = """\
# Ansökan: Individsamverkansteam (Mölndal, Partille, Härryda, Lerum, Alingsås)
id = "2016/0003"
title = "Individsamverkansteam"
kind = "implementation"
owner = "molndal"
submitted = 2015-10-15
parties = ["fk", "af", "vgr", "lerum"]
county_wide = true
requested = 3300000
gender_analysis = "Remisserna har mest gällt kvinnor; fördelningen följs upp varje tertial."
implementation_plan = "Mölndal och Lerum tar över tjänsterna från 2017."
steering_group = ["molndal", "fk", "af", "vgr", "lerum"]
attachments = ["budget", "cooperation_agreement"]

[period]
start = 2016-01-01
end = 2016-12-31

[target_group]
description = "Personer 20-64 år"
age_min = 20
age_max = 64
priority_groups = ["long_term_support"]
gender_focus = "women"
gender_focus_reason = "Remisserna gäller främst kvinnor med stressrelaterad ohälsa."

[planned_participants]
total = 60
women = 30
men = 30

[[budget]]
year = 2016
personnel = 3124000
premises = 135000
other = 41000
total = 3300000

[[outcome_targets]]
measure = "work"
share = 0.3
description = "30 % av avslutade till arbete"

[extra]
diarieforare = "Charlotte Axelsson"
lokal_kod = 17
"""

REPORT_TOML = """\
project = "2016/0003"
kind = "progress"
comment = "Teamet har arbetat med 63 deltagare (53 kvinnor och 10 män)."

[period]
start = 2016-01-01
end = 2016-08-31

[participants]
women = 53
men = 10

[outcomes]
work = 5
further_rehabilitation = 8
ongoing = 50

[costs]
personnel = 1796000
premises = 114000
other = 89000
total = 1999000

[budget]
personnel = 2083000
premises = 90000
other = 27000
total = 2200000
"""


def write(tmp_path: Path, text: str, name: str = "doc.toml") -> Path:
    """Write ``text`` as a file in ``tmp_path``."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def variant(old: str, new: str, base: str = APPLICATION_TOML) -> str:
    """The base file with one piece of text replaced (which must be there)."""
    assert old in base, old
    return base.replace(old, new, 1)


def load_error(path: Path) -> InputError:
    """The InputError loading ``path`` raises."""
    with pytest.raises(InputError) as caught:
        load_document(path)
    return caught.value


def only_line(error: InputError, lang: str) -> str:
    """The one line of an error with one problem."""
    lines = error.lines(lang)
    assert len(lines) == 1, lines
    return lines[0]


class TestLoadingDocuments:
    """Applications and reports load from TOML into the model."""

    def test_an_application_loads_with_every_field(self, tmp_path):
        """Dates, amounts, nested tables and arrays of tables become model values."""
        app = load_document(write(tmp_path, APPLICATION_TOML))
        assert isinstance(app, Application)
        assert app.id == "2016/0003"
        assert app.kind is ApplicationKind.IMPLEMENTATION
        assert app.period.start == dt.date(2016, 1, 1)
        assert app.period.days == 366  # 2016 is a leap year
        assert app.budget[0].lines_sum == app.budget[0].total == 3_300_000
        assert app.target_group.gender_focus is Gender.WOMEN
        assert app.outcome_targets[0].measure == (Outcome.WORK,)
        assert app.outcome_targets[0].share == 0.3
        assert app.all_parties == ("molndal", "fk", "af", "vgr", "lerum")

    def test_keys_under_extra_are_kept_for_custom_packs(self, tmp_path):
        """Unknown keys are errors, except under [extra], which custom rule packs read."""
        app = load_document(write(tmp_path, APPLICATION_TOML))
        assert app.extra == {"diarieforare": "Charlotte Axelsson", "lokal_kod": 17}

    def test_a_report_loads(self, tmp_path):
        """The individual cooperation team's interim report: 53 women and 10 men."""
        report = load_document(write(tmp_path, REPORT_TOML))
        assert isinstance(report, Report)
        assert report.kind is ReportKind.PROGRESS
        assert (report.participants.women, report.participants.men) == (53, 10)
        assert report.outcomes.total == report.participants.total == 63
        assert report.costs.total == 1_999_000
        assert report.document_id == "2016/0003/progress/2016-08-31"

    def test_read_toml_gives_the_parsed_data(self, tmp_path):
        """read_toml parses; dates are dates."""
        data = read_toml(write(tmp_path, REPORT_TOML))
        assert data["period"]["end"] == dt.date(2016, 8, 31)
        assert data["costs"]["total"] == 1_999_000

    def test_a_byte_order_mark_is_accepted(self, tmp_path):
        """Files saved by Windows editors with a BOM still load."""
        path = tmp_path / "bom.toml"
        path.write_bytes(b"\xef\xbb\xbf" + REPORT_TOML.encode("utf-8"))
        assert isinstance(load_document(path), Report)

    def test_the_association_loads(self, tmp_path, write_toml, association_data):
        """association.toml with members and contributions of 16 692 000 kr."""
        assoc = load_association(write_toml(tmp_path / "association.toml", association_data))
        assert assoc.total_contributions == 16_692_000
        assert [m.id for m in assoc.municipalities] == ["molndal", "partille", "harryda", "lerum", "alingsas"]


class TestTellingDocumentsApart:
    """Whether a file is an application or a report is told by its content, not its name."""

    def test_an_application_named_like_a_report_is_an_application(self, tmp_path):
        """The file name does not matter."""
        doc = load_document(write(tmp_path, APPLICATION_TOML, "rapport.toml"))
        assert isinstance(doc, Application)

    def test_a_report_named_like_an_application_is_a_report(self, tmp_path):
        """A report has ``project``; an application has ``title`` or ``owner``."""
        doc = load_document(write(tmp_path, REPORT_TOML, "ansokan.toml"))
        assert isinstance(doc, Report)

    @pytest.mark.parametrize(
        ("data", "kind"),
        [
            ({"members": [], "org_number": "222000-2071"}, "association"),
            ({"project": "2016/0003"}, "report"),
            ({"title": "Balder"}, "application"),
            ({"owner": "molndal"}, "application"),
            ({"policy": {}}, "other"),
            ({"waivers": []}, "other"),
            ({"foo": 1}, None),
        ],
    )
    def test_classify(self, data, kind):
        """Association, report, application, another finsam file, or unknown."""
        assert classify(data) == kind

    def test_a_file_that_is_no_document_says_what_a_document_has(self, tmp_path):
        """The error names the keys an application and a report have."""
        path = write(tmp_path, 'namn = "Balder"\n')
        error = load_error(path)
        assert only_line(error, "sv").startswith(f"{path}: $: kan inte avgöra")
        assert "project, kind och period" in only_line(error, "sv")
        assert "id, title, kind, owner and period" in only_line(error, "en")

    def test_a_policy_file_met_in_a_folder_is_skipped(self, tmp_path):
        """While walking a folder, a policy or waiver file is not a document."""
        path = write(tmp_path, '[policy]\nname = "mphla"\n')
        assert load_document(path, skip_other=True) is None


class TestBadInput:
    """Every bad input names the file, the key path and what was expected, in both languages."""

    def test_malformed_toml(self, tmp_path):
        """An unterminated string: the line and column are named."""
        path = write(tmp_path, variant('title = "Individsamverkansteam"', 'title = "Individsamverkansteam'))
        error = load_error(path)
        assert error.path == path
        assert error.problems[0].code == "toml"
        sv, en = only_line(error, "sv"), only_line(error, "en")
        assert sv.startswith(f"{path}: ogiltig TOML:")
        assert en.startswith(f"{path}: invalid TOML:")
        assert "line 3" in en

    def test_text_where_an_integer_is_expected(self, tmp_path):
        """``total = "sextio"`` for planned participants."""
        path = write(tmp_path, variant("total = 60", 'total = "sextio"'))
        error = load_error(path)
        assert only_line(error, "sv") == (
            f"{path}: $.planned_participants.total: förväntade ett heltal, fick string 'sextio'"
        )
        assert only_line(error, "en") == (
            f"{path}: $.planned_participants.total: expected a whole number, got string 'sextio'"
        )

    def test_text_where_kronor_are_expected(self, tmp_path):
        """An amount written in quotes is not silently converted."""
        path = write(tmp_path, variant("requested = 3300000", 'requested = "3300000"'))
        error = load_error(path)
        assert only_line(error, "sv") == (
            f"{path}: $.requested: förväntade ett belopp i hela kronor, fick string '3300000'"
        )
        assert only_line(error, "en") == (
            f"{path}: $.requested: expected an amount in whole kronor, got string '3300000'"
        )

    def test_a_float_where_whole_kronor_are_expected(self, tmp_path):
        """Amounts are whole kronor: 3300000.0 is refused, not rounded."""
        path = write(tmp_path, variant("requested = 3300000", "requested = 3300000.0"))
        error = load_error(path)
        assert only_line(error, "sv") == (
            f"{path}: $.requested: förväntade ett belopp i hela kronor, fick float 3300000.0"
        )
        assert only_line(error, "en") == (
            f"{path}: $.requested: expected an amount in whole kronor, got float 3300000.0"
        )

    def test_a_float_inside_an_array_of_tables_names_its_index(self, tmp_path):
        """``$.budget[0].premises``: the index in the array is part of the key path."""
        path = write(tmp_path, variant("premises = 135000", "premises = 135000.50"))
        error = load_error(path)
        assert error.problems[0].path == "$.budget[0].premises"
        assert "$.budget[0].premises: expected an amount in whole kronor" in only_line(error, "en")

    def test_an_unknown_key_lists_the_allowed_keys(self, tmp_path):
        """A typo (``titel``) must not silently drop a field."""
        path = write(tmp_path, variant('title = "Individsamverkansteam"', 'titel = "Individsamverkansteam"'))
        error = load_error(path)
        codes = {p.code for p in error.problems}
        assert codes == {"unknown_keys", "missing"}  # titel is unknown, title is missing
        sv = next(line for line in error.lines("sv") if "$.titel" in line)
        en = next(line for line in error.lines("en") if "$.titel" in line)
        assert sv.startswith(
            f"{path}: $.titel: okänd nyckel titel (stavfel? tillåtna nycklar: id, title, kind, owner,"
        )
        assert "egna uppgifter hör hemma under [extra]" in sv
        assert en.startswith(
            f"{path}: $.titel: unknown key titel (a typo? allowed keys: id, title, kind, owner,"
        )
        assert "custom data belongs under [extra]" in en
        assert sv.endswith("; menade du 'title'?")
        assert en.endswith("; did you mean 'title'?")
        assert f"{path}: $.title: obligatorisk nyckel saknas" in error.lines("sv")
        assert f"{path}: $.title: required key is missing" in error.lines("en")

    def test_an_unknown_key_in_a_nested_table(self, tmp_path):
        """``personel`` in a budget year lists that table's keys."""
        path = write(tmp_path, variant("personnel = 3124000", "personel = 3124000"))
        error = load_error(path)
        line = next(line for line in error.lines("en") if "personel" in line)
        assert line == (
            f"{path}: $.budget[0].personel: unknown key personel (a typo? allowed "
            "keys: total, personnel, premises, other, year; custom data belongs "
            "under [extra]); did you mean 'personnel'?"
        )
        sv = next(line for line in error.lines("sv") if "personel" in line)
        assert sv.endswith("egna uppgifter hör hemma under [extra]); menade du 'personnel'?")

    def test_an_unknown_key_in_a_report(self, tmp_path):
        """Reports are as strict as applications: ``deltagare`` is not a key."""
        path = write(tmp_path, "deltagare = 63\n" + REPORT_TOML)
        with pytest.raises(InputError) as caught:
            load_document(path)
        line = only_line(caught.value, "sv")
        assert line.startswith(f"{path}: $.deltagare: okänd nyckel deltagare")
        assert "project, kind, period" in line

    def test_end_date_before_start_date(self, tmp_path):
        """A period that ends before it starts is meaningless."""
        path = write(tmp_path, variant("end = 2016-12-31", "end = 2015-12-31"))
        error = load_error(path)
        assert only_line(error, "sv") == (
            f"{path}: $.period.end: slutdatum 2015-12-31 ligger före startdatum 2016-01-01"
        )
        assert only_line(error, "en") == (
            f"{path}: $.period.end: end date 2015-12-31 is before start date 2016-01-01"
        )

    def test_an_earlier_period_ending_before_it_starts(self, tmp_path):
        """previous_periods are checked the same way, with their index."""
        text = variant("[period]", "[[previous_periods]]\nstart = 2015-06-01\nend = 2015-01-01\n\n[period]")
        error = load_error(write(tmp_path, text))
        assert error.problems[0].path == "$.previous_periods[0].end"
        assert "end date 2015-01-01 is before start date 2015-06-01" in only_line(error, "en")

    def test_a_negative_amount(self, tmp_path):
        """Amounts are never negative."""
        path = write(tmp_path, variant("requested = 3300000", "requested = -3300000"))
        error = load_error(path)
        assert only_line(error, "sv") == (
            f"{path}: $.requested: förväntade ett belopp eller antal som inte är negativt, fick -3300000"
        )
        assert only_line(error, "en") == (
            f"{path}: $.requested: expected an amount or count that is not negative, got -3300000"
        )

    def test_a_negative_count_of_participants(self, tmp_path):
        """Counts of people are never negative either."""
        path = write(tmp_path, variant("men = 10", "men = -10", REPORT_TOML))
        error = load_error(path)
        assert error.problems[0].path == "$.participants.men"
        assert "not negative, got -10" in only_line(error, "en")

    def test_a_file_that_is_not_utf8(self, tmp_path):
        """A Latin-1 file: the offending byte and its position are named."""
        path = tmp_path / "latin1.toml"
        path.write_bytes('title = "Mölndal"\n'.encode("latin-1"))
        error = load_error(path)
        assert only_line(error, "sv") == (
            f"{path}: filen är inte UTF-8-kodad (byte 0xf6 vid position 10); spara den som UTF-8"
        )
        assert only_line(error, "en") == (
            f"{path}: the file is not UTF-8 encoded (byte 0xf6 at position 10); save it as UTF-8"
        )

    @pytest.mark.parametrize("content", ["", "\n\n   \n"])
    def test_an_empty_file(self, tmp_path, content):
        """An empty (or blank) file is not an empty document."""
        path = write(tmp_path, content)
        error = load_error(path)
        assert only_line(error, "sv") == f"{path}: filen är tom"
        assert only_line(error, "en") == f"{path}: the file is empty"

    def test_a_folder_with_no_documents(self, tmp_path):
        """Walking a folder without *.toml files reports the folder, and goes on."""
        empty = tmp_path / "tom"
        empty.mkdir()
        (empty / "readme.txt").write_text("inga dokument här", encoding="utf-8")
        good = write(tmp_path, REPORT_TOML, "report.toml")
        items = list(iter_paths([empty, good]))
        (problem,) = [item for item in items if isinstance(item, PathProblem)]
        assert good in items
        assert problem.error.lines("sv") == [f"{empty}: mappen innehåller inga dokument (*.toml)"]
        assert problem.error.lines("en") == [f"{empty}: the folder holds no documents (*.toml)"]

    def test_a_path_that_does_not_exist(self, tmp_path):
        """Both when reading a file and when walking the paths of a batch."""
        missing = tmp_path / "finns-inte.toml"
        with pytest.raises(InputError) as caught:
            read_toml(missing)
        assert caught.value.lines("sv") == [f"{missing}: sökvägen finns inte"]
        assert caught.value.lines("en") == [f"{missing}: the path does not exist"]
        (item,) = iter_paths([missing])
        assert isinstance(item, PathProblem)
        assert item.error.lines("en") == [f"{missing}: the path does not exist"]

    def test_an_enum_value_that_is_not_allowed(self, tmp_path):
        """``kind = "pilot"``: the allowed kinds are listed."""
        path = write(tmp_path, variant('kind = "implementation"', 'kind = "pilot"'))
        error = load_error(path)
        assert only_line(error, "sv") == (
            f"{path}: $.kind: förväntade ett av pre_study, implementation, structural, fick 'pilot'"
        )
        assert only_line(error, "en") == (
            f"{path}: $.kind: expected one of pre_study, implementation, structural, got 'pilot'"
        )

    def test_a_gender_focus_that_is_not_allowed(self, tmp_path):
        """``gender_focus`` is women or men."""
        path = write(tmp_path, variant('gender_focus = "women"', 'gender_focus = "kvinnor"'))
        line = only_line(load_error(path), "en")
        assert line == (f"{path}: $.target_group.gender_focus: expected one of women, men, got 'kvinnor'")

    def test_a_share_given_as_a_percentage(self, tmp_path):
        """Shares are fractions 0..1 in files: 30 is refused with a hint."""
        path = write(tmp_path, variant("share = 0.3", "share = 30"))
        line = only_line(load_error(path), "sv")
        assert line == (
            f"{path}: $.outcome_targets[0].share: förväntade en andel mellan 0 och 1 "
            "(t.ex. 0.7 för 70 %), fick 30"
        )

    def test_a_date_that_does_not_exist(self, tmp_path):
        """A date in quotes is accepted only if it is a real ISO date."""
        path = write(tmp_path, variant("start = 2016-01-01", 'start = "2016-13-01"'))
        assert only_line(load_error(path), "en") == (
            f"{path}: $.period.start: expected a date YYYY-MM-DD, got '2016-13-01'"
        )

    def test_a_missing_required_key(self, tmp_path):
        """An application without an owner."""
        path = write(tmp_path, variant('owner = "molndal"\n', ""))
        error = load_error(path)
        assert only_line(error, "sv") == f"{path}: $.owner: obligatorisk nyckel saknas"
        assert only_line(error, "en") == f"{path}: $.owner: required key is missing"

    def test_every_problem_of_a_file_is_reported_at_once(self, tmp_path):
        """Two mistakes give two lines, so the applicant fixes both in one go."""
        text = variant(
            'kind = "implementation"', 'kind = "pilot"', variant("requested = 3300000", "requested = 1.5")
        )
        error = load_error(write(tmp_path, text))
        assert sorted(p.path for p in error.problems) == ["$.kind", "$.requested"]
        assert len(error.lines("sv")) == len(error.lines("en")) == 2

    def test_a_file_larger_than_the_limit(self, tmp_path):
        """A runaway file is refused before it is parsed."""
        path = tmp_path / "huge.toml"
        path.write_bytes(b"#" * (MAX_FILE_BYTES + 1))
        line = only_line(load_error(path), "en")
        assert line.startswith(f"{path}: the file is ")
        assert "larger than the limit" in line

    def test_nesting_deeper_than_the_limit(self, tmp_path):
        """Absurdly nested arrays are refused, not recursed into."""
        depth = MAX_DEPTH + 4
        path = write(tmp_path, "x = " + "[" * depth + "]" * depth + "\n")
        assert only_line(load_error(path), "en") == (
            f"{path}: tables and arrays are nested deeper than {MAX_DEPTH} levels"
        )


class TestInputsAreNeverModified:
    """Screening reads; it never writes to the files it reads."""

    def snapshot(self, root: Path) -> dict[Path, tuple[bytes, int]]:
        return {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(root.rglob("*")) if p.is_file()}

    def test_screening_a_portfolio_leaves_every_file_as_it_was(self, portfolio, registry):
        """Bytes and modification times are unchanged, and no file is added."""
        (portfolio / "applications" / "trasig.toml").write_text("title = ", encoding="utf-8")
        before = self.snapshot(portfolio)
        results = list(Screener(registry).screen([portfolio]))
        assert len(results) == 3  # two documents and one unreadable file
        assert self.snapshot(portfolio) == before

    def test_the_cli_leaves_every_file_as_it_was(self, portfolio, standard_env):
        """``finsam screen`` and ``finsam validate`` only read."""
        before = self.snapshot(portfolio)
        runner = CliRunner(env=standard_env)
        for args in (
            ["screen", str(portfolio)],
            ["screen", str(portfolio), "--format", "json"],
            ["validate", str(portfolio)],
        ):
            result = runner.invoke(main, args)
            assert result.exit_code in (0, 1), result.output
        assert self.snapshot(portfolio) == before
