"""The association's finances under contract version 2: FI001-FI004 and their data.

- **FI001** judges the legal 50 / 25 / 25 on its own (Lag (2003:1210) 5 §) and the split among
  the municipalities by the association's own key (``municipal_key``: population, or the
  agreed shares of the förbundsordning).
- **FI002** judges the year as planned (granted funding less money returned, plus own costs)
  and, once the year is closed and ``[actuals]`` are given, as it went.
- **FI003** judges the year-end equity when ``[actuals]`` give it.
- **FI004** checks that the association's own tables add up: the cost-centre table against
  its printed totals (sum and sign per column), and the actuals (result = income − costs;
  equity at the end = equity at the start + result).

The figures come from the interim report January-August 2016 of Samordningsförbundet
Mölndal, Partille, Härryda, Lerum och Alingsås (``examples/mphla-2016``), whose cost-centre
table prints the actual column's total as 10 238 tkr while its rows add up to −10 238 tkr, and
from the closed year 2018 of the (invented) Samordningsförbundet Älvdalen Norra
(``examples/closed-year-2018``), whose municipalities split their quarter by agreement.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from pathlib import Path

import attrs
import pytest
import tomli_w

from finsam_rules import finance
from finsam_rules.errors import InputError
from finsam_rules.loading import load_association
from finsam_rules.model import (
    Actuals,
    Application,
    CostCentre,
    Decision,
    DecisionStatus,
    MunicipalKey,
    Period,
)
from finsam_rules.portfolio import Portfolio, load_portfolio
from finsam_rules.rules import FindingStatus, Severity

D = dt.date
ROOT = Path(__file__).resolve().parent.parent
MPHLA = ROOT / "examples" / "mphla-2016"
CLOSED_YEAR = ROOT / "examples" / "closed-year-2018"


@pytest.fixture(scope="module")
def mphla() -> Portfolio:
    return load_portfolio(MPHLA)


@pytest.fixture(scope="module")
def second_year() -> Portfolio:
    return load_portfolio(CLOSED_YEAR)


@pytest.fixture
def judge(engine):
    """The findings of one portfolio rule on a portfolio (or on it with another association)."""

    def run(portfolio: Portfolio, code: str, engine_=None, **association_changes):
        if association_changes:
            association = attrs.evolve(portfolio.association, **association_changes)
            portfolio = attrs.evolve(portfolio, association=association)
        evaluation = (engine_ or engine).evaluate_portfolio(portfolio, portfolio.year)
        return [f for f in evaluation.findings if f.code == code]

    return run


def issues(findings):
    """The findings that are not notes."""
    return [f for f in findings if f.severity is not Severity.INFO]


def member_changes(portfolio: Portfolio, **contributions: int):
    """The association's members with some contributions changed."""
    return tuple(
        attrs.evolve(m, contribution=contributions[m.id]) if m.id in contributions else m
        for m in portfolio.association.members
    )


# -- the data: municipal key, actuals, cost centres -------------------------------------------


def write_association(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "association.toml"
    path.write_text(text, encoding="utf-8")
    return path


def second_year_text(old: str, new: str) -> str:
    text = (CLOSED_YEAR / "association.toml").read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1)


def problem_lines(path: Path) -> tuple[list[str], list[str]]:
    with pytest.raises(InputError) as caught:
        load_association(path)
    return caught.value.lines("sv"), caught.value.lines("en")


class TestTheData:
    """New keys are optional; bad values get located errors in both languages."""

    def test_every_existing_association_file_stays_valid(self, mphla):
        """MPHLA's file has no key of its own: the municipal quarter goes by population."""
        assert mphla.association.municipal_key is MunicipalKey.POPULATION
        assert mphla.association.actuals is None

    def test_the_agreed_key_and_the_actuals_load(self, second_year):
        association = second_year.association
        assert association.municipal_key is MunicipalKey.AGREED
        assert [m.agreed_share for m in association.municipalities] == [0.3, 0.25, 0.2, 0.15, 0.1]
        assert association.actuals == Actuals(
            contributions=12_000_000,
            project_costs=9_650_000,
            own_costs=2_050_000,
            other_income=350_000,
            result=650_000,
            equity_at_end=2_050_000,
        )

    def test_the_cost_centres_are_entered_as_printed_with_their_signs(self, mphla):
        """Costs are printed negative: the one place where negative amounts are valid."""
        first = mphla.association.cost_centres[0]
        assert first == CostCentre(
            name="Ledning", actual=-218_000, budget=-216_000, forecast=-350_000, budget_year=-325_000
        )
        assert mphla.association.cost_centre_totals.actual == 10_238_000  # sic

    def test_agreed_shares_must_add_up_to_one(self, tmp_path):
        path = write_association(tmp_path, second_year_text("agreed_share = 0.10", "agreed_share = 0.05"))
        sv, en = problem_lines(path)
        assert sv == [f"{path}: $.members: kommunernas agreed_share blir tillsammans 0,95, inte 1"]
        assert en == [f"{path}: $.members: the municipalities' agreed_share add up to 0.95, not 1"]

    def test_an_agreed_key_states_its_source(self, tmp_path):
        path = write_association(
            tmp_path,
            second_year_text("municipal_key_source =", "# municipal_key_source ="),
        )
        sv, en = problem_lines(path)
        assert sv[0].startswith(
            f'{path}: $.municipal_key_source: med municipal_key = "agreed" ska källan anges'
        )
        assert en[0].startswith(f'{path}: $.municipal_key_source: with municipal_key = "agreed" the source')

    def test_every_municipality_has_an_agreed_share(self, tmp_path):
        path = write_association(tmp_path, second_year_text("agreed_share = 0.30\n", ""))
        sv, en = problem_lines(path)
        assert sv == [f"{path}: $.members[3].agreed_share: obligatorisk nyckel saknas"]
        assert en == [f"{path}: $.members[3].agreed_share: required key is missing"]

    def test_an_agreed_share_belongs_to_a_municipality(self, tmp_path):
        path = write_association(
            tmp_path,
            second_year_text("contribution = 6000000\n", "contribution = 6000000\nagreed_share = 0.5\n"),
        )
        sv, en = problem_lines(path)
        assert sv == [
            f"{path}: $.members[0].agreed_share: agreed_share gäller bara kommuner; 'fk' är inte en kommun"
        ]
        assert en == [
            f"{path}: $.members[0].agreed_share: agreed_share applies to municipalities only; 'fk' is not one"
        ]

    def test_an_agreed_share_needs_the_agreed_key(self, tmp_path):
        path = write_association(tmp_path, second_year_text('municipal_key = "agreed"\n', ""))
        sv, _ = problem_lines(path)
        assert sv[0].startswith(
            f'{path}: $.members[3].agreed_share: agreed_share används bara med municipal_key = "agreed"'
        )

    def test_an_unknown_key_is_refused(self, tmp_path):
        path = write_association(
            tmp_path, second_year_text('municipal_key = "agreed"', 'municipal_key = "invånare"')
        )
        sv, en = problem_lines(path)
        assert sv == [f"{path}: $.municipal_key: förväntade ett av population, agreed, fick 'invånare'"]
        assert en == [f"{path}: $.municipal_key: expected one of population, agreed, got 'invånare'"]

    def test_actual_amounts_are_not_negative(self, tmp_path):
        path = write_association(tmp_path, second_year_text("own_costs = 2050000", "own_costs = -2050000"))
        sv, en = problem_lines(path)
        assert sv == [
            f"{path}: $.actuals.own_costs: förväntade ett belopp eller antal som inte är "
            "negativt, fick -2050000"
        ]
        assert en[0].startswith(
            f"{path}: $.actuals.own_costs: expected an amount or count that is not negative"
        )

    def test_a_deficit_is_a_negative_result(self, tmp_path):
        path = write_association(tmp_path, second_year_text("result = 650000", "result = -150000"))
        assert load_association(path).actuals.result == -150_000

    def test_a_typo_in_the_actuals_is_refused(self, tmp_path):
        path = write_association(
            tmp_path, second_year_text("other_income = 350000", "other_incomes = 350000")
        )
        sv, _ = problem_lines(path)
        assert sv[0].startswith(f"{path}: $.actuals.other_incomes: okänd nyckel other_incomes")

    def test_a_cost_centre_amount_is_whole_kronor(self, tmp_path):
        path = write_association(tmp_path, second_year_text("actual = -420000", "actual = -420.5"))
        sv, en = problem_lines(path)
        assert sv == [
            f"{path}: $.cost_centres[0].actual: förväntade ett belopp i hela kronor, fick float -420.5"
        ]
        assert en == [
            f"{path}: $.cost_centres[0].actual: expected an amount in whole kronor, got float -420.5"
        ]

    def test_totals_need_their_rows(self, tmp_path):
        data = {
            "name": "Samordningsförbundet Älvdalen Norra",
            "org_number": "222000-3188",
            "year": 2018,
            "members": [{"id": "fk", "name": "Försäkringskassan", "kind": "social_insurance_agency"}],
            "cost_centre_totals": {"actual": -11_700_000},
        }
        path = write_association(tmp_path, tomli_w.dumps(data))
        sv, en = problem_lines(path)
        assert sv == [
            f"{path}: $.cost_centre_totals: [cost_centre_totals] anger summor men tabellens rader "
            "([[cost_centres]]) saknas"
        ]
        assert en[0].endswith("the table's rows ([[cost_centres]]) are missing")


# -- FI001 --------------------------------------------------------------------------------------


class TestFI001ContributionShares:
    """The law fixes 50 / 25 / 25; the municipalities split their quarter by their own key."""

    def test_mphla_pays_the_legal_shares_and_splits_by_population(self, mphla, judge):
        """16 692 tkr split 8 346 / 4 173 / 4 173; the municipal quarter by population."""
        findings = judge(mphla, "FI001")
        assert issues(findings) == []
        (split,) = findings
        assert split.figures["total"] == 16_692_000
        assert (split.figures["state"], split.figures["region"], split.figures["municipalities"]) == (
            8_346_000,
            4_173_000,
            4_173_000,
        )

    def test_an_agreed_key_gives_no_false_errors(self, second_year, judge):
        """30 / 25 / 20 / 15 / 10 % of 3 000 000 kr, as the förbundsordning says: nothing to
        say, although by population the split would differ for every municipality."""
        findings = judge(second_year, "FI001")
        assert issues(findings) == []
        assert sorted(f.key for f in findings) == ["agreed_split", "split"]
        (agreed,) = [f for f in findings if f.key == "agreed_split"]
        assert agreed.message("sv") == (
            "Kommunerna fördelar sin fjärdedel enligt en överenskommen nyckel (Förbundsordningen "
            "2017-06-01, § 8 (kommunernas inbördes fördelning)); varje kommun betalar sin avtalade andel."
        )

    def test_the_same_figures_by_population_would_be_five_errors(self, second_year, judge):
        """What version 1 did: the agreement taken for a population split."""
        findings = issues(judge(second_year, "FI001", municipal_key=MunicipalKey.POPULATION))
        assert [f.subject for f in findings] == ["kommun-a", "kommun-b", "kommun-c", "kommun-d", "kommun-e"]
        assert findings[0].figures["expected"] == 960_000

    def test_no_could_not_be_judged_for_missing_populations_under_an_agreed_key(self, second_year, judge):
        members = tuple(attrs.evolve(m, population=None) for m in second_year.association.members)
        findings = judge(second_year, "FI001", members=members)
        assert all(f.status is FindingStatus.FINDING for f in findings)
        assert issues(findings) == []

    def test_a_municipality_off_its_agreed_share(self, second_year, judge):
        """Kommun A pays 950 000 kr instead of 30 % = 900 000 kr, Kommun E 250 000 kr instead of
        300 000 kr: the legal quarter still holds, the agreement does not."""
        members = member_changes(second_year, **{"kommun-a": 950_000, "kommun-e": 250_000})
        findings = issues(judge(second_year, "FI001", members=members))
        assert [f.subject for f in findings] == ["kommun-a", "kommun-e"]
        first = findings[0]
        assert first.severity is Severity.ERROR
        assert first.figures["expected"] == 900_000
        assert first.figures["agreed_share"] == 0.3
        assert first.message("sv") == (
            "Kommun A betalar 950 000 kr; enligt den överenskomna nyckeln (Förbundsordningen "
            "2017-06-01, § 8 (kommunernas inbördes fördelning)) är kommunens del 30 % av "
            "kommunernas 3 000 000 kr = 900 000 kr."
        )
        assert first.message("en") == (
            "Kommun A pays SEK 950,000; under the agreed key (Förbundsordningen 2017-06-01, § 8 "
            "(kommunernas inbördes fördelning)) its part is 30% of the municipalities' "
            "SEK 3,000,000 = SEK 900,000."
        )

    def test_the_legal_split_is_judged_on_its_own(self, second_year, judge):
        """The region pays 3 300 000 kr and FK 5 700 000 kr: off the law, whatever the key."""
        members = member_changes(second_year, fk=5_700_000, region=3_300_000)
        findings = issues(judge(second_year, "FI001", members=members))
        assert sorted(f.subject for f in findings) == ["region", "state"]
        (state,) = [f for f in findings if f.subject == "state"]
        assert "enligt 5 § ska andelen vara 50 % = 6 000 000 kr" in state.message("sv")

    def test_a_population_key_without_populations_cannot_be_checked(self, mphla, judge):
        members = tuple(attrs.evolve(m, population=None) for m in mphla.association.members)
        (finding,) = issues(judge(mphla, "FI001", members=members))
        assert finding.status is FindingStatus.NOT_EVALUATED
        assert 'municipal_key = "agreed"' in finding.message("sv")

    def test_the_source_names_the_law_and_the_forbundsordning(self, mphla, judge):
        source = judge(mphla, "FI001")[0].source
        assert source.reference.startswith("Lag (2003:1210) 5 §")
        assert "kommunernas inbördes fördelning: förbundsordningen" in source.reference


# -- FI002 --------------------------------------------------------------------------------------


def with_returned(app: Application, returned: int, ended: dt.date) -> Application:
    """The application as granted and ended early with money returned (contract version 2's
    ``decision.returned`` and ``decision.ended``; a stand-in until the Decision carries them)."""
    if "returned" in attrs.fields_dict(Decision):
        decision = attrs.evolve(app.decision, returned=returned, ended=ended)
    else:
        decision = EarlyEnd(
            status=DecisionStatus.GRANTED,
            date=app.decision.date,
            amount=app.decision.amount,
            reports_required=app.decision.reports_required,
            returned=returned,
            ended=ended,
        )
    return attrs.evolve(app, decision=decision)


@attrs.frozen
class EarlyEnd(Decision):
    """A decision with the keys contract version 2 adds (for this test only)."""

    returned: int = 0
    ended: dt.date | None = None


class TestFI002BudgetInBalance:
    """As planned, and as it went once the year is closed."""

    def test_mphla_as_planned(self, mphla, judge):
        """Granted 13 850 000 + own costs 3 255 000 = 17 105 000 kr within 16 692 000 + 1 013 690."""
        (finding,) = judge(mphla, "FI002")
        assert finding.key == "within"
        assert finding.figures["margin"] == 600_690

    def test_money_returned_counts_as_planned(self, mphla, judge):
        """Balder ends early and returns 400 000 kr: the commitment shrinks by as much."""
        apps = tuple(
            (path, with_returned(app, 400_000, D(2016, 10, 31)) if app.id == "2016/0012" else app)
            for path, app in mphla.applications
        )
        portfolio = attrs.evolve(mphla, applications=apps)
        (finding,) = judge(portfolio, "FI002")
        assert finding.key == "within_returned"
        assert finding.figures["returned"] == 400_000
        assert finding.figures["margin"] == 1_000_690
        assert "Beviljat 13 850 000 kr − återbetalt 400 000 kr + egna kostnader 3 255 000 kr" in (
            finding.message("sv")
        )
        assert "Granted SEK 13,850,000 − returned SEK 400,000 + own costs SEK 3,255,000" in finding.message(
            "en"
        )

    def test_money_returned_in_another_year_does_not_count(self, mphla, judge):
        apps = tuple(
            (path, with_returned(app, 400_000, D(2017, 3, 31)) if app.id == "2016/0012" else app)
            for path, app in mphla.applications
        )
        (finding,) = judge(attrs.evolve(mphla, applications=apps), "FI002")
        assert finding.key == "within"

    def test_the_closed_year_as_it_went(self, second_year, judge):
        """Costs 9 650 000 + 2 050 000 = 11 700 000 kr within 12 000 000 + 350 000 + 1 400 000."""
        (finding,) = judge(second_year, "FI002")
        assert finding.key == "actual_within"
        assert finding.severity is Severity.INFO
        assert finding.figures["available"] == 13_750_000
        assert finding.figures["margin"] == 2_050_000
        assert finding.message("sv").startswith("Året som det blev: projektkostnader 9 650 000 kr")
        assert finding.message("en").startswith("The year as it went: project costs SEK 9,650,000")

    def test_a_year_that_spent_more_than_it_had(self, second_year, judge):
        actuals = attrs.evolve(second_year.association.actuals, project_costs=12_000_000)
        (finding,) = judge(second_year, "FI002", actuals=actuals)
        assert finding.key == "actual_over"
        assert finding.severity is Severity.ERROR
        assert finding.figures["shortfall"] == 300_000


# -- FI003 --------------------------------------------------------------------------------------


class TestFI003EquityLevel:
    def test_the_year_end_equity_when_the_actuals_give_it(self, second_year, judge):
        """2 050 000 kr of 12 000 000 kr received = 17 %."""
        (finding,) = judge(second_year, "FI003")
        assert finding.key == "information_end"
        assert finding.figures["equity"] == 2_050_000
        assert finding.figures["share"] == pytest.approx(0.1708, abs=1e-4)
        assert finding.message("sv").startswith("Eget kapital vid årets slut 2 050 000 kr är 17 %")
        assert finding.message("en").startswith(
            "Equity at the end of the year of SEK 2,050,000 is 17% of the year's contributions received"
        )

    def test_the_year_end_equity_against_a_scale(self, second_year, judge, policy_engine):
        engine = policy_engine("[rules.FI003.params]\nscale = [{max_share = 0.15}]\n")
        (finding,) = judge(second_year, "FI003", engine_=engine)
        assert finding.key == "over_end"
        assert finding.severity is Severity.WARNING

    def test_the_equity_at_the_start_without_actuals(self, mphla, judge):
        (finding,) = judge(mphla, "FI003")
        assert finding.key == "information"
        assert finding.figures["equity"] == 1_013_690


# -- FI004 --------------------------------------------------------------------------------------


class TestFI004TablesAddUp:
    """The association's own tables: rows against printed totals, actuals against themselves."""

    def test_the_interim_reports_total_has_the_wrong_sign(self, mphla, judge):
        """13 cost centres add up to −10 238 tkr; the report prints 10 238 tkr."""
        findings = judge(mphla, "FI004")
        (finding,) = findings
        assert finding.key == "sign"
        assert finding.subject == "actual"
        assert finding.severity is Severity.WARNING
        assert (finding.figures["stated"], finding.figures["rows_sum"]) == (10_238_000, -10_238_000)
        assert finding.message("sv") == (
            "Kostnadsställetabellens summa för utfall är tryckt som 10 238 000 kr, men raderna "
            "(13 st) summerar till -10 238 000 kr: summan har fel tecken."
        )
        assert finding.message("en") == (
            "The cost-centre table's total for actual is printed as SEK 10,238,000, but its 13 rows "
            "add up to SEK -10,238,000: the total has the wrong sign."
        )
        assert finding.source.reference.startswith("God redovisningssed")

    def test_the_other_columns_add_up_within_rounding(self, mphla):
        """Budget −11 797, forecast −18 095 (392 tkr over the full-year budget) and full-year
        budget −17 705 tkr of rows against −17 703 tkr printed: 2 tkr of rounding."""
        columns = {c.column: c for c in finance.cost_centre_columns(mphla.association)}
        assert columns["budget"].difference == 0
        assert columns["forecast"].rows_sum == -18_095_000
        assert columns["forecast"].rows_sum - columns["budget_year"].stated == -392_000
        assert columns["budget_year"].difference == 2_000

    def test_a_tighter_tolerance_catches_the_rounding(self, mphla, judge, policy_engine):
        engine = policy_engine("[rules.FI004.params]\ntolerance = 1000\n")
        findings = judge(mphla, "FI004", engine_=engine)
        assert [(f.key, f.subject) for f in findings] == [("sign", "actual"), ("sum", "budget_year")]
        assert findings[1].figures["difference"] == 2_000
        assert "helåret är tryckt som -17 703 000 kr, men raderna (13 st) summerar till -17 705 000 kr" in (
            findings[1].message("sv")
        )

    def test_a_closed_year_that_adds_up(self, second_year, judge):
        findings = judge(second_year, "FI004")
        assert issues(findings) == []
        assert sorted(f.key for f in findings) == ["actuals_add_up", "table_adds_up"]
        (actuals,) = [f for f in findings if f.key == "actuals_add_up"]
        assert actuals.message("sv") == (
            "Årets siffror hänger ihop: intäkter 12 350 000 kr − kostnader 11 700 000 kr = resultat "
            "650 000 kr; eget kapital 1 400 000 kr + 650 000 kr = 2 050 000 kr."
        )

    def test_a_result_that_does_not_follow_from_income_and_costs(self, second_year, judge):
        actuals = attrs.evolve(second_year.association.actuals, result=600_000, equity_at_end=2_000_000)
        (finding,) = issues(judge(second_year, "FI004", actuals=actuals))
        assert finding.key == "result"
        assert finding.figures["expected"] == 650_000
        assert finding.figures["difference"] == -50_000
        assert finding.message("en").startswith(
            "The year's result is given as SEK 600,000, but income SEK 12,350,000 (contributions "
            "SEK 12,000,000 + other income SEK 350,000) − costs SEK 11,700,000"
        )

    def test_year_end_equity_that_does_not_follow_from_the_result(self, second_year, judge):
        actuals = attrs.evolve(second_year.association.actuals, equity_at_end=2_500_000)
        (finding,) = issues(judge(second_year, "FI004", actuals=actuals))
        assert finding.key == "equity"
        assert finding.figures["expected"] == 2_050_000
        assert finding.message("sv").startswith(
            "Eget kapital vid årets slut anges till 2 500 000 kr, men eget kapital vid årets början "
            "1 400 000 kr + årets resultat 650 000 kr = 2 050 000 kr"
        )

    def test_a_total_whose_rows_do_not_add_up(self, second_year, judge):
        totals = attrs.evolve(second_year.association.cost_centre_totals, budget=-11_900_000)
        (finding,) = issues(judge(second_year, "FI004", cost_centre_totals=totals))
        assert (finding.key, finding.subject) == ("sum", "budget")
        assert finding.figures["difference"] == 100_000

    def test_a_row_without_a_value_in_a_totalled_column(self, second_year, judge):
        rows = list(second_year.association.cost_centres)
        rows[1] = attrs.evolve(rows[1], budget=None)
        (finding,) = issues(judge(second_year, "FI004", cost_centres=tuple(rows)))
        assert finding.key == "rows_missing"
        assert finding.figures["missing"] == ["Kansli"]

    def test_no_tables_nothing_to_say(self, mphla, judge):
        assert judge(mphla, "FI004", cost_centres=(), cost_centre_totals=None) == []


def test_agreed_shares_are_exact_fractions(second_year):
    """0.30 + 0.25 + 0.20 + 0.15 + 0.10 is exactly 1, and each amount is exact."""
    rows = [r for r in finance.member_shares(second_year.association) if r.agreed_share is not None]
    assert sum(r.agreed_share for r in rows) == 1
    assert [r.expected_by_agreement for r in rows] == [
        Fraction(900_000),
        Fraction(750_000),
        Fraction(600_000),
        Fraction(450_000),
        Fraction(300_000),
    ]
    assert all(r.expected is None for r in rows)  # not a population key


def test_a_project_period_for_the_stand_in():
    """The stand-in decision is a Decision: a granted project stays granted."""
    app = Application(
        id="x",
        title="x",
        kind="implementation",
        owner="fk",
        period=Period(D(2016, 1, 1), D(2016, 12, 31)),
        decision=Decision(DecisionStatus.GRANTED, amount=100),
    )
    assert with_returned(app, 10, D(2016, 6, 30)).is_granted
