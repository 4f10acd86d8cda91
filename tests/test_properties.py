"""Property tests: the loader fails only with clear errors, and the rules never crash.

Hypothesis feeds random bytes, random text and random TOML-ish documents (valid ones with
random parts replaced, removed or added) through :func:`read_toml`, :func:`load_document`
and the converter: each either gives a document or raises :class:`InputError` whose
messages render in both languages. Random *valid* applications, reports, associations and
portfolios built from the data model go through the standard rules: nothing raises, no rule
crashes, every document gets a verdict, every finding is complete, and every output format
renders. OT002's share is checked against exact :class:`fractions.Fraction` arithmetic.

Examples are kept modest and deadlines off, so a shared 2-core CI machine is not flaky.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import string
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from finsam_rules.converter import structure
from finsam_rules.engine import Engine, Evaluation, Verdict
from finsam_rules.errors import PROBLEM_MESSAGES, InputError
from finsam_rules.formatting import format_number
from finsam_rules.loading import load_document, read_toml, structure_as
from finsam_rules.model import (
    Application,
    ApplicationKind,
    Association,
    DecisionStatus,
    Gender,
    MemberKind,
    Outcome,
    Report,
    ReportKind,
)
from finsam_rules.portfolio import Portfolio
from finsam_rules.render.common import dumps, evaluation_data
from finsam_rules.render.markup import md_escape
from finsam_rules.render.screening import WRITERS
from finsam_rules.rules import Check, FindingStatus, NotEvaluable, Severity, SourceKind
from finsam_rules.screening import Screened

PROPERTY = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

D = dt.date
LANGS = ("sv", "en")
CODE = re.compile(r"^[A-Z]{2}\d{3}$")
OUTCOMES = [o.value for o in Outcome]

# -- strategies: TOML values ------------------------------------------------------------------

#: Integers stay within 64 bits: a literal of thousands of digits is a known loader bug,
#: tested on its own in test_hostile.py.
toml_ints = st.integers(-(2**63), 2**63 - 1)
toml_scalars = st.one_of(
    toml_ints,
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.text(max_size=30),
    st.dates(),
    st.datetimes(timezones=st.one_of(st.none(), st.just(dt.UTC))),
    st.times(),
)
toml_values = st.recursive(
    toml_scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)

# -- strategies: valid documents built from the model -----------------------------------------

MEMBER_IDS = ["fk", "af", "region", "molndal", "partille", "lerum", "harryda"]
TAGS = ["young_adults", "mental_health", "disability", "long_term_support", "prevention"]
texts = st.text(max_size=40)
words = st.lists(
    st.sampled_from(
        [
            "kvinnor",
            "män",
            "SUS",
            "styrgrupp",
            "tertial",
            "Mölndal",
            "<b>",
            "|",
            "\u202e",
            "\x1b[2J",
            "överför",
            "ordinarie",
        ]
    ),
    max_size=40,
).map(" ".join)
idents = st.one_of(st.sampled_from(MEMBER_IDS), st.text(min_size=1, max_size=12).filter(lambda s: s.strip()))
kronor = st.one_of(st.integers(0, 10**9), st.sampled_from([0, 1, 600_000, 1_800_000]))
counts = st.integers(0, 80)
shares = st.one_of(
    st.sampled_from([0, 1, 0.0, 1.0, 0.3, 0.7, 0.25]), st.integers(0, 1000).map(lambda k: k / 1000)
)
dates = st.dates(D(2000, 1, 1), D(2040, 12, 31))


def maybe(draw, data: dict[str, Any], key: str, strategy) -> None:
    """Add ``key`` with a drawn value, half of the time."""
    if draw(st.booleans()):
        data[key] = draw(strategy)


@st.composite
def periods(draw, max_days: int = 2500) -> dict[str, D]:
    start = draw(dates)
    return {"start": start, "end": start + dt.timedelta(days=draw(st.integers(0, max_days)))}


@st.composite
def cost_lines(draw) -> dict[str, int]:
    data = {"total": draw(kronor)}
    for key in ("personnel", "premises", "other"):
        maybe(draw, data, key, kronor)
    if draw(st.booleans()):  # often consistent, so the rules get past the table checks
        data["total"] = sum(data.get(k, 0) for k in ("personnel", "premises", "other"))
    return data


@st.composite
def outcome_counts(draw) -> dict[str, int]:
    data: dict[str, int] = {}
    for key in OUTCOMES:
        maybe(draw, data, key, counts)
    return data


@st.composite
def application_data(draw) -> dict[str, Any]:
    """An application that the converter accepts: any shape the model allows."""
    data: dict[str, Any] = {
        "id": draw(idents),
        "title": draw(texts),
        "kind": draw(st.sampled_from([k.value for k in ApplicationKind])),
        "owner": draw(idents),
        "period": draw(periods()),
    }
    maybe(draw, data, "submitted", dates)
    maybe(draw, data, "continues", idents)
    maybe(draw, data, "parties", st.lists(idents, max_size=5))
    maybe(draw, data, "municipalities", st.lists(idents, max_size=4))
    maybe(draw, data, "county_wide", st.booleans())
    maybe(draw, data, "previous_periods", st.lists(periods(800), max_size=3))
    maybe(
        draw,
        data,
        "budget",
        st.lists(
            st.builds(lambda year, lines: {"year": year, **lines}, st.integers(1995, 2050), cost_lines()),
            max_size=4,
        ),
    )
    maybe(
        draw,
        data,
        "co_financing",
        st.lists(st.fixed_dictionaries({"source": texts, "amount": kronor}), max_size=2),
    )
    maybe(draw, data, "requested", kronor)
    if draw(st.booleans()):
        group: dict[str, Any] = {}
        maybe(draw, group, "description", texts)
        maybe(draw, group, "age_min", st.integers(0, 120))
        maybe(draw, group, "age_max", st.integers(group.get("age_min", 0), 120))
        maybe(draw, group, "priority_groups", st.lists(st.sampled_from(TAGS), max_size=3))
        maybe(draw, group, "gender_focus", st.sampled_from([g.value for g in Gender]))
        maybe(draw, group, "gender_focus_reason", texts)
        data["target_group"] = group
    if draw(st.booleans()):
        planned = {"total": draw(counts)}
        maybe(draw, planned, "women", counts)
        maybe(draw, planned, "men", counts)
        data["planned_participants"] = planned
    maybe(
        draw,
        data,
        "outcome_targets",
        st.lists(
            st.builds(
                lambda measure, share, count, desc: {"measure": measure, **share, **count, **desc},
                st.sampled_from(OUTCOMES),
                st.one_of(st.just({}), shares.map(lambda s: {"share": s})),
                st.one_of(st.just({}), counts.map(lambda c: {"count": c})),
                st.one_of(st.just({}), texts.map(lambda t: {"description": t})),
            ),
            max_size=3,
        ),
    )
    maybe(draw, data, "gender_analysis", words)
    maybe(draw, data, "implementation_plan", words)
    maybe(draw, data, "steering_group", st.lists(idents, max_size=6))
    maybe(
        draw,
        data,
        "attachments",
        st.lists(st.sampled_from(["budget", "cooperation_agreement", "cv", ""]), max_size=3),
    )
    if draw(st.booleans()):
        decision: dict[str, Any] = {"status": draw(st.sampled_from([s.value for s in DecisionStatus]))}
        maybe(draw, decision, "date", dates)
        maybe(draw, decision, "amount", kronor)
        maybe(draw, decision, "reports_required", st.lists(dates, max_size=4))
        data["decision"] = decision
    maybe(
        draw,
        data,
        "extra",
        st.dictionaries(
            st.text(max_size=8),
            st.one_of(toml_ints, st.floats(allow_nan=False), st.text(max_size=10), dates),
            max_size=3,
        ),
    )
    return data


@st.composite
def report_data(draw, project: str | None = None) -> dict[str, Any]:
    """A report that the converter accepts."""
    data: dict[str, Any] = {
        "project": project or draw(idents),
        "kind": draw(st.sampled_from([k.value for k in ReportKind])),
        "period": draw(periods(500)),
    }
    maybe(draw, data, "id", texts)
    outcomes = draw(st.one_of(st.none(), outcome_counts()))
    if outcomes is not None:
        if draw(st.booleans()):
            outcomes["women"] = draw(outcome_counts())
            outcomes["men"] = draw(outcome_counts())
        data["outcomes"] = outcomes
    if draw(st.booleans()):
        participants = {k: draw(counts) for k in ("women", "men", "unknown")}
        if outcomes is not None and draw(st.booleans()):  # consistent with the outcomes
            total = sum(outcomes.get(o, 0) for o in OUTCOMES)
            women = draw(st.integers(0, total))
            participants = {"women": women, "men": total - women, "unknown": 0}
        data["participants"] = participants
    maybe(draw, data, "costs", cost_lines())
    maybe(draw, data, "budget", cost_lines())
    maybe(
        draw,
        data,
        "forecast",
        st.fixed_dictionaries(
            {"cost": kronor, "budget": kronor}, optional={"horizon": st.sampled_from(["year", "project"])}
        ),
    )
    maybe(draw, data, "comment", texts)
    return data


@st.composite
def association_data(draw) -> dict[str, Any]:
    ids = draw(st.lists(st.one_of(st.sampled_from(MEMBER_IDS), idents), min_size=1, max_size=8, unique=True))
    members = []
    for member_id in ids:
        member = {
            "id": member_id,
            "name": draw(texts),
            "kind": draw(st.sampled_from([k.value for k in MemberKind])),
        }
        maybe(draw, member, "contribution", kronor)
        maybe(draw, member, "population", st.integers(0, 1_000_000))
        members.append(member)
    data = {
        "name": draw(texts),
        "org_number": draw(st.from_regex(r"\A[0-9]{6}-[0-9]{4}\Z")),
        "year": draw(st.integers(2000, 2040)),
        "members": members,
    }
    maybe(draw, data, "equity_at_start", kronor)
    maybe(draw, data, "priority_groups", st.lists(st.sampled_from(TAGS), max_size=3))
    maybe(draw, data, "administration_budget", kronor)
    return data


# -- strategies: TOML-ish documents that are almost valid ------------------------------------


def _slots(value: Any, out: list) -> list:
    """Every (container, key) in a nested structure, for mutation."""
    if isinstance(value, dict):
        for key, child in value.items():
            out.append((value, key))
            _slots(child, out)
    elif isinstance(value, list):
        for index, child in enumerate(value):
            out.append((value, index))
            _slots(child, out)
    return out


@st.composite
def mutated_documents(draw) -> dict[str, Any]:
    """A valid application or report with one to four parts replaced, removed or added."""
    data = draw(st.one_of(application_data(), report_data()))
    for _ in range(draw(st.integers(1, 4))):
        slots = _slots(data, [])
        action = draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "add" or not slots:
            containers = [data] + [c[k] for c, k in slots if isinstance(c[k], dict)]
            target = draw(st.sampled_from(containers))
            target[
                draw(
                    st.one_of(
                        st.sampled_from(
                            ["title", "extra", "total", "women", "start", "share", "kind", "project"]
                        ),
                        st.text(max_size=8),
                    )
                )
            ] = draw(toml_values)
            continue
        container, key = draw(st.sampled_from(slots))
        if action == "delete":
            del container[key]
        else:
            container[key] = draw(toml_values)
    return data


# -- checks shared by the property tests -----------------------------------------------------


def assert_clear(error: InputError, path: Path) -> None:
    """An InputError whose every problem has a key path, a known code and both messages."""
    assert error.path == path
    assert error.problems
    for problem in error.problems:
        assert problem.path == "" or problem.path.startswith("$"), problem
        assert problem.code in PROBLEM_MESSAGES, problem
    for lang in LANGS:
        lines = error.lines(lang)
        assert len(lines) == len(error.problems)
        assert all(line.startswith(f"{path}") for line in lines)


def load_or_error(path: Path):
    """load_document's result, or the InputError it raised (anything else fails)."""
    try:
        return load_document(path)
    except InputError as exc:
        assert_clear(exc, path)
        return exc


def assert_complete(evaluation: Evaluation) -> None:
    """A verdict, and findings that each have a code, severity, both messages and a source;
    no rule crashed."""
    assert evaluation.verdict in set(Verdict)
    for finding in evaluation.findings:
        assert CODE.match(finding.code), finding.code
        assert isinstance(finding.severity, Severity)
        assert isinstance(finding.status, FindingStatus)
        for lang in LANGS:
            assert isinstance(finding.message(lang), str) and finding.message(lang).strip()
            assert finding.source.text(lang).strip()
        assert isinstance(finding.source.kind, SourceKind)
        assert finding.source.reference.strip()
        assert finding.key != "rule_crashed", finding.messages["en"]


def assert_renders(evaluation: Evaluation) -> None:
    """Every screening format renders the evaluation; the JSON parses and keeps the title."""
    item = Screened(Path("dokument.toml"), evaluation=evaluation)
    for lang in LANGS:
        data = evaluation_data("dokument.toml", evaluation, lang)
        assert json.loads(dumps(data)) == json.loads(json.dumps(data))
        for fmt, writer_class in WRITERS.items():
            out, err = io.StringIO(), io.StringIO()
            writer = writer_class(out, err, lang)
            writer.begin()
            writer.item(item)
            writer.end()
            if fmt == "json":
                [doc] = json.loads(out.getvalue())["documents"]
                assert doc["title"] == getattr(evaluation.document, "title", "")


# -- the loader ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    """One file that every example overwrites (function-scoped tmp_path does not mix with
    hypothesis)."""
    return tmp_path_factory.mktemp("properties") / "indata.toml"


class TestLoaderProperties:
    @FAST
    @given(data=st.binary(max_size=3000))
    def test_random_bytes_give_data_or_an_input_error(self, scratch, data):
        scratch.write_bytes(data)
        try:
            assert isinstance(read_toml(scratch), dict)
        except InputError as exc:
            assert_clear(exc, scratch)
        load_or_error(scratch)

    @FAST
    @given(text=st.text(max_size=2000))
    def test_random_text_gives_data_or_an_input_error(self, scratch, text):
        scratch.write_bytes(text.encode("utf-8", "surrogatepass"))
        load_or_error(scratch)

    @FAST
    @given(
        lines=st.lists(
            st.sampled_from(
                [
                    'id = "2017/0001"',
                    'title = "Mölndal"',
                    'kind = "implementation"',
                    'owner = "fk"',
                    "[period]",
                    "start = 2017-01-01",
                    "end = 2017-12-31",
                    "[[budget]]",
                    "year = 2017",
                    "total = 1",
                    "total = 1.5",
                    "total = -1",
                    "total = true",
                    "[extra]",
                    "x = [[[[1]]]]",
                    'project = "2017/0001"',
                    'kind = "progress"',
                    "[outcomes]",
                    "work = 3",
                    "[",
                    "]",
                    '"',
                    "=",
                    "\ufeff",
                    "x = {a = {b = {c = 1}}}",
                    "a.b.c = 1",
                    "#",
                    "\t",
                    "\r",
                ]
            ),
            max_size=30,
        )
    )
    def test_toml_like_lines_give_a_document_or_an_input_error(self, scratch, lines):
        scratch.write_text("\n".join(lines), encoding="utf-8")
        load_or_error(scratch)

    @PROPERTY
    @given(data=mutated_documents())
    def test_almost_valid_documents_give_a_document_or_an_input_error(self, scratch, data):
        scratch.write_text(tomli_w.dumps(data), encoding="utf-8")
        result = load_or_error(scratch)
        assert isinstance(result, Application | Report | InputError)

    @PROPERTY
    @given(data=mutated_documents(), cls=st.sampled_from([Application, Report, Association]))
    def test_the_converter_gives_a_model_or_an_input_error(self, data, cls):
        path = Path("konverterad.toml")
        try:
            assert isinstance(structure_as(path, data, cls), cls)
        except InputError as exc:
            assert_clear(exc, path)

    @PROPERTY
    @given(data=toml_values)
    def test_the_converter_refuses_anything_that_is_not_a_table(self, data):
        path = Path("x.toml")
        try:
            result = structure_as(path, data, Application)
        except InputError as exc:
            assert_clear(exc, path)
        else:
            assert isinstance(data, dict) and isinstance(result, Application)

    @PROPERTY
    @given(data=st.one_of(application_data(), report_data()))
    def test_valid_documents_survive_a_round_trip_through_toml(self, scratch, data):
        scratch.write_text(tomli_w.dumps(data), encoding="utf-8")
        doc = load_document(scratch)
        assert doc == structure(data, Application if "title" in data else Report)


# -- the rules -------------------------------------------------------------------------------


@st.composite
def screening_cases(draw):
    """A valid document with, or without, its association and its project's application."""
    association = draw(st.one_of(st.none(), association_data()))
    app = draw(application_data())
    if draw(st.booleans()):
        doc = app
    else:
        doc = draw(report_data(project=app["id"] if draw(st.booleans()) else None))
    known = app if draw(st.booleans()) else None
    return doc, association, known


class TestRuleProperties:
    @PROPERTY
    @given(case=screening_cases())
    def test_every_valid_document_gets_a_complete_verdict(self, standard_policy, case):
        doc_data, assoc_data, app_data = case
        doc = structure(doc_data, Application if "title" in doc_data else Report)
        association = structure(assoc_data, Association) if assoc_data else None
        known = structure(app_data, Application) if app_data else None
        evaluation = Engine(standard_policy).evaluate(
            doc, association, lambda project: known if known and known.id == project else None
        )
        assert evaluation.kind == ("application" if isinstance(doc, Application) else "report")
        assert_complete(evaluation)
        assert_renders(evaluation)

    @PROPERTY
    @given(case=screening_cases(), as_of=dates)
    def test_judging_as_of_any_date_never_crashes(self, standard_policy, case, as_of):
        doc_data, assoc_data, _ = case
        doc = structure(doc_data, Application if "title" in doc_data else Report)
        association = structure(assoc_data, Association) if assoc_data else None
        evaluation = Engine(standard_policy, strict=True, as_of=as_of).evaluate(doc, association)
        assert evaluation.as_of == as_of
        assert_complete(evaluation)

    @PROPERTY
    @given(
        assoc=association_data(),
        apps=st.lists(application_data(), max_size=5),
        reports=st.lists(report_data(), max_size=5),
        data=st.data(),
    )
    def test_every_portfolio_gets_a_complete_verdict(self, standard_policy, assoc, apps, reports, data):
        association = structure(assoc, Association)
        applications = [structure(a, Application) for a in apps]
        ids = [a.id for a in applications]
        built = []
        for report in reports:
            if ids and data.draw(st.booleans()):
                report["project"] = data.draw(st.sampled_from(ids))
            built.append(structure(report, Report))
        portfolio = Portfolio(
            root=Path("portfolj"),
            association=association,
            association_path=Path("portfolj/association.toml"),
            applications=tuple(
                (Path(f"portfolj/applications/{i}.toml"), a) for i, a in enumerate(applications)
            ),
            reports=tuple((Path(f"portfolj/reports/{i}.toml"), r) for i, r in enumerate(built)),
            year=data.draw(st.one_of(st.just(association.year), st.integers(2000, 2040))),
        )
        evaluation = Engine(standard_policy).evaluate_portfolio(portfolio, portfolio.year)
        assert evaluation.kind == "portfolio"
        assert_complete(evaluation)


class TestExtremeDates:
    """The loader accepts any TOML date (years 1 to 9999); the rules must judge them too."""

    @pytest.mark.parametrize(("start", "end"), [(D(1, 1, 1), D(1, 12, 31)), (D(1970, 1, 1), D(1970, 1, 1))])
    def test_early_dates_are_judged(self, standard_policy, start, end):
        app = structure(
            {
                "id": "x",
                "title": "t",
                "kind": "implementation",
                "owner": "fk",
                "period": {"start": start, "end": end},
            },
            Application,
        )
        assert_complete(Engine(standard_policy).evaluate(app))

    def test_a_period_reaching_the_last_representable_date(self, standard_policy):
        app = structure(
            {
                "id": "x",
                "title": "t",
                "kind": "implementation",
                "owner": "fk",
                "period": {"start": D(2017, 1, 1), "end": D(9999, 12, 31)},
            },
            Application,
        )
        evaluation = Engine(standard_policy).evaluate(app)
        assert_complete(evaluation)
        assert "too_long" in [f.key for f in evaluation.findings if f.code == "FP001"]


# -- OT002 and exact arithmetic -----------------------------------------------------------------


@st.composite
def consistent_reports(draw) -> dict[str, Any]:
    """A report whose outcomes add up to its participants (or that has no participants)."""
    outcomes = {o: draw(st.integers(0, 60)) for o in OUTCOMES}
    data: dict[str, Any] = {
        "project": "2017/0001",
        "kind": "progress",
        "period": {"start": D(2017, 1, 1), "end": D(2017, 8, 31)},
        "outcomes": outcomes,
    }
    if draw(st.booleans()):
        total = sum(outcomes.values())
        women = draw(st.integers(0, total))
        data["participants"] = {"women": women, "men": total - women, "unknown": 0}
    return data


def shown_percentages(message: str) -> tuple[Fraction, Fraction]:
    """The share and the target as printed in OT002's English "below" message."""
    share = re.search(r"= ([0-9.,]+)% to", message)
    target = re.search(r"the association's target is ([0-9.,]+)%", message)
    assert share and target, message
    return (Fraction(share.group(1).replace(",", "")), Fraction(target.group(1).replace(",", "")))


@pytest.fixture(scope="module")
def run_ot002(registry):
    """Run OT002 on report data with the given counting method (a closure, so hypothesis
    does not print the whole registry in a falsifying example)."""
    rule = registry.rules["OT002"]

    def run(data, target, counted, denominator, exclude_deceased):
        settings = {
            "counted_outcomes": counted,
            "denominator": denominator,
            "exclude_deceased": exclude_deceased,
            "participant_kinds": ["implementation"],
        }
        check = Check(rule=rule, params={"target": target}, as_of=D(2017, 8, 31), settings=settings)
        try:
            return list(rule.function(structure(data, Report), check))
        except NotEvaluable as missing:  # pragma: no cover - the data is consistent
            pytest.fail(f"not evaluable: {missing.key}")

    return run


class TestOutcomeShareIsExact:
    """OT002's share never disagrees with exact Fraction arithmetic."""

    @FAST
    @given(data=consistent_reports())
    def test_the_standard_target_of_70_percent(self, standard_policy, data):
        report = structure(data, Report)
        o = data["outcomes"]
        successes = o["work"] + o["studies"] + o["further_rehabilitation"]
        denominator = sum(o.values()) - o["ongoing"] - o["deceased"]
        findings = [f for f in Engine(standard_policy).evaluate(report).findings if f.code == "OT002"]
        if denominator == 0:
            [finding] = findings
            assert (finding.key, finding.severity) == ("none_finished", Severity.INFO)
        elif Fraction(successes, denominator) < Fraction(7, 10):
            [finding] = findings
            assert finding.key == "below"
            assert finding.status is FindingStatus.FINDING
            assert finding.severity is Severity.WARNING  # the board should know; not incomplete
            assert (finding.figures["successes"], finding.figures["denominator"]) == (successes, denominator)
            for lang, word in (("sv", "av"), ("en", "of")):
                assert (
                    f"{format_number(successes, lang)} {word} {format_number(denominator, lang)}"
                ) in finding.message(lang)
            share, target = shown_percentages(finding.message("en"))
            assert share < target  # rounding never hides which side of the target it is on
        else:
            assert [f.key for f in findings] == ["met"]

    @FAST
    @given(
        data=consistent_reports(),
        target=st.integers(0, 100),
        counted=st.sets(
            st.sampled_from(
                [
                    "work",
                    "studies",
                    "further_rehabilitation",
                    "internship",
                    "job_seeking",
                    "dropped_out",
                    "other",
                    "deceased",
                ]
            ),
            min_size=1,
        ),
        denominator=st.sampled_from(["finished", "enrolled"]),
        exclude_deceased=st.booleans(),
    )
    def test_any_counting_method_and_whole_percent_target(
        self, run_ot002, data, target, counted, denominator, exclude_deceased
    ):
        counted_list = [o for o in OUTCOMES if o in counted]
        findings = run_ot002(data, target / 100, counted_list, denominator, exclude_deceased)
        o = data["outcomes"]
        success = sum(o[k] for k in counted_list if not (exclude_deceased and k == "deceased"))
        whole = sum(o.values())
        if denominator == "finished":
            whole -= o["ongoing"]
        if exclude_deceased:
            whole -= o["deceased"]
        if whole == 0:
            assert [f.key for f in findings] == ["none_finished"]
        elif Fraction(success, whole) < Fraction(target, 100):
            [finding] = findings
            assert finding.key == "below"
            assert (finding.figures["successes"], finding.figures["denominator"]) == (success, whole)
            assert finding.figures["share"] == round(float(Fraction(success, whole)), 4)
            share, shown_target = shown_percentages(finding.message("en"))
            assert shown_target == target
            assert share < shown_target
        else:
            assert [f.key for f in findings] == ["met"]

    @FAST
    @given(data=consistent_reports(), target=st.integers(0, 1000))
    def test_a_per_mille_target_is_judged_exactly(self, run_ot002, data, target):
        """Whatever the target's precision, the verdict follows exact arithmetic."""
        findings = run_ot002(
            data, target / 1000, ["work", "studies", "further_rehabilitation"], "finished", True
        )
        o = data["outcomes"]
        success = o["work"] + o["studies"] + o["further_rehabilitation"]
        whole = sum(o.values()) - o["ongoing"] - o["deceased"]
        below = whole and Fraction(success, whole) < Fraction(target, 1000)
        assert [f.key for f in findings] == (
            ["none_finished"] if not whole else ["below"] if below else ["met"]
        )

    def test_a_target_with_decimals_is_shown_as_configured(self, run_ot002):
        data = {
            "project": "p",
            "kind": "progress",
            "period": {"start": D(2017, 1, 1), "end": D(2017, 8, 31)},
            "outcomes": {"work": 72, "dropped_out": 28},
        }
        [finding] = run_ot002(data, 0.724, ["work"], "finished", True)
        assert "förbundets mål är 72,4 %" in finding.message("sv")
        share, target = shown_percentages(finding.message("en"))
        assert (share, target) == (72, Fraction(724, 10))

    @pytest.mark.parametrize(
        ("successes", "finished", "met"),
        [
            (7, 10, True),
            (70, 100, True),
            (69, 100, False),
            (699, 1000, False),
            (21, 30, True),
            (32, 44, True),
            (30, 43, False),
            (6999, 10000, False),
        ],
    )
    def test_the_boundary_is_exact(self, standard_policy, successes, finished, met):
        """70.0 % meets a 70 % target; 69.9 % does not, whatever floats would say."""
        report = structure(
            {
                "project": "p",
                "kind": "progress",
                "period": {"start": D(2017, 1, 1), "end": D(2017, 8, 31)},
                "outcomes": {"work": successes, "dropped_out": finished - successes},
            },
            Report,
        )
        codes = [
            f.code for f in Engine(standard_policy).evaluate(report).findings if f.severity > Severity.INFO
        ]
        assert ("OT002" not in codes) is met


# -- escaping ------------------------------------------------------------------------------------


class TestEscapingProperties:
    @FAST
    @given(text=st.text(max_size=200))
    def test_md_escape_leaves_no_line_break_or_raw_markup(self, text):
        escaped = md_escape(text)
        assert "\n" not in escaped and "\r" not in escaped
        assert "<" not in escaped and ">" not in escaped
        unescaped = re.sub(r"\\.", "", escaped)  # drop every backslash escape
        assert not set(unescaped) & set("\\`*_{}[]()#+!|~")

    @FAST
    @given(text=st.text(alphabet=string.printable + "åäöÅÄÖ–«»", max_size=200))
    def test_md_escape_keeps_ordinary_words(self, text):
        escaped = md_escape(text)
        for word in re.findall(r"[A-Za-zåäöÅÄÖ0-9]+", text):
            assert word in escaped

    @FAST
    @given(title=st.text(max_size=100))
    def test_json_round_trips_any_title(self, standard_policy, title):
        data = {
            "id": "2017/0001",
            "title": title,
            "kind": "pre_study",
            "owner": "fk",
            "period": {"start": D(2017, 1, 1), "end": D(2017, 6, 30)},
        }
        evaluation = Engine(standard_policy).evaluate(structure(data, Application))
        out = io.StringIO()
        writer = WRITERS["json"](out, io.StringIO(), "sv")
        writer.begin()
        writer.item(Screened(Path("t.toml"), evaluation=evaluation))
        writer.end()
        assert json.loads(out.getvalue())["documents"][0]["title"] == title
        assert json.loads(dumps({"title": title}))["title"] == title
