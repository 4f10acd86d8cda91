"""The association's finances for a year: contribution shares, balance and equity.

Pure computations on an association and its granted projects, shared by the FI rules and
the board report so that both always show the same figures. Amounts are whole kronor;
shares are exact fractions.
"""

from __future__ import annotations

from fractions import Fraction

import attrs

from finsam_rules.formatting import LANGS
from finsam_rules.i18n import t
from finsam_rules.model import (
    COST_CENTRE_COLUMNS,
    Actuals,
    Application,
    Association,
    MemberKind,
    MunicipalKey,
)

#: Lag (2003:1210) 5 §: the state pays half, the region a quarter, the municipalities a quarter.
LEGAL_SHARES = {
    "state": Fraction(1, 2),
    "region": Fraction(1, 4),
    "municipalities": Fraction(1, 4),
}
GROUP_OF_KIND = {
    MemberKind.SOCIAL_INSURANCE_AGENCY: "state",
    MemberKind.EMPLOYMENT_SERVICE: "state",
    MemberKind.REGION: "region",
    MemberKind.MUNICIPALITY: "municipalities",
}
#: The member groups of 5 § in words (the catalogue's ``group.*``).
GROUP_NAMES = {
    g: {lang: t(f"group.{g}", lang) for lang in LANGS} for g in ("state", "region", "municipalities")
}


@attrs.frozen
class GroupShare:
    """One legal group's contribution against its share under 5 §."""

    group: str
    amount: int
    share: Fraction
    legal_share: Fraction
    expected: Fraction


@attrs.frozen
class MemberShare:
    """One member's contribution; for municipalities also what the association's key gives.

    ``expected`` is the amount by population (population key only); ``expected_by_agreement``
    the amount by the agreed key of the förbundsordning (agreed key only)."""

    id: str
    name: str
    kind: MemberKind
    amount: int
    share: Fraction
    population: int | None = None
    expected: Fraction | None = None
    agreed_share: Fraction | None = None
    expected_by_agreement: Fraction | None = None

    @property
    def expected_by_key(self) -> Fraction | None:
        """The amount the association's own key gives, whichever key that is."""
        return self.expected if self.expected is not None else self.expected_by_agreement


def group_shares(association: Association) -> list[GroupShare]:
    """The state, region and municipal contributions against the legal split."""
    total = association.total_contributions
    amounts = dict.fromkeys(LEGAL_SHARES, 0)
    for member in association.members:
        amounts[GROUP_OF_KIND[member.kind]] += member.contribution
    return [
        GroupShare(
            group,
            amounts[group],
            Fraction(amounts[group], total) if total else Fraction(0),
            legal,
            legal * total,
        )
        for group, legal in LEGAL_SHARES.items()
    ]


def member_shares(association: Association) -> list[MemberShare]:
    """Every member's contribution and share of the total; each municipality's expected
    amount by the association's key: by population when every municipality states its
    population, or by the agreed shares of the förbundsordning."""
    total = association.total_contributions
    municipalities = association.municipalities
    municipal_total = sum(m.contribution for m in municipalities)
    agreed = uses_agreed_key(association)
    keyed = not agreed and population_key_known(association)
    population_total = sum(m.population or 0 for m in municipalities)
    rows = []
    for member in association.members:
        expected = by_agreement = agreed_share = None
        if member.kind is MemberKind.MUNICIPALITY:
            if keyed and member.population:
                expected = Fraction(municipal_total * member.population, population_total)
            if agreed and member.agreed_share is not None:
                agreed_share = Fraction(str(member.agreed_share))
                by_agreement = municipal_total * agreed_share
        rows.append(
            MemberShare(
                member.id,
                member.name,
                member.kind,
                member.contribution,
                Fraction(member.contribution, total) if total else Fraction(0),
                member.population,
                expected,
                agreed_share,
                by_agreement,
            )
        )
    return rows


def uses_agreed_key(association: Association) -> bool:
    """Whether the municipalities split their quarter by an agreed key (förbundsordning)."""
    return association.municipal_key is MunicipalKey.AGREED


def population_key_known(association: Association) -> bool:
    """Whether every member municipality states its population."""
    municipalities = association.municipalities
    return bool(municipalities) and all(m.population for m in municipalities)


def returned_in_year(applications: list[Application], year: int) -> int:
    """Money that granted projects returned to the association in ``year``, in kronor.

    A project's ``decision.returned`` counts in the year of its early end
    (``decision.ended``), else in the year its period ends."""
    returned = 0
    for app in applications:
        if not app.is_granted:
            continue
        # decision.returned and decision.ended belong to contract version 2's Decision;
        # read defensively so that this works with either shape of the model.
        amount = getattr(app.decision, "returned", None) or 0
        ended = getattr(app.decision, "ended", None)
        if amount and (ended or app.period.end).year == year:
            returned += int(amount)
    return returned


@attrs.frozen
class Balance:
    """The year's budget balance: what is committed against what can be used."""

    contributions: int
    equity_at_start: int
    reserve: int
    granted: int
    administration: int
    returned: int = 0

    @property
    def usable_equity(self) -> int:
        """Equity above the reserve the association keeps."""
        return max(0, self.equity_at_start - self.reserve)

    @property
    def available(self) -> int:
        """Contributions plus usable equity."""
        return self.contributions + self.usable_equity

    @property
    def committed(self) -> int:
        """Granted funding in the year, less money projects returned, plus own costs."""
        return self.granted - self.returned + self.administration

    @property
    def margin(self) -> int:
        """What is left (negative: over-committed)."""
        return self.available - self.committed

    @property
    def equity_at_end(self) -> int:
        """Projected equity at year end if everything granted is spent."""
        return self.equity_at_start + self.contributions - self.committed


def balance(association: Association, granted: int, reserve_share: Fraction, returned: int = 0) -> Balance:
    """The planned balance for a year with ``granted`` kronor of project funding, of which
    ``returned`` kronor came back from projects."""
    contributions = association.total_contributions
    reserve = int(reserve_share * contributions)
    return Balance(
        contributions,
        association.equity_at_start,
        reserve,
        granted,
        association.administration_budget,
        returned,
    )


@attrs.frozen
class ActualBalance:
    """The closed year as it went: income and costs from ``[actuals]``."""

    actuals: Actuals
    equity_at_start: int
    reserve: int

    @property
    def usable_equity(self) -> int:
        """Equity at the start of the year above the reserve."""
        return max(0, self.equity_at_start - self.reserve)

    @property
    def available(self) -> int:
        """Contributions received, other income and usable equity."""
        return self.actuals.income + self.usable_equity

    @property
    def margin(self) -> int:
        """What was left of the available money (negative: spent more than there was)."""
        return self.available - self.actuals.costs


def actual_balance(association: Association, reserve_share: Fraction) -> ActualBalance | None:
    """The year as it went, when the association gives its actual figures."""
    if association.actuals is None:
        return None
    reserve = int(reserve_share * association.actuals.contributions)
    return ActualBalance(association.actuals, association.equity_at_start, reserve)


@attrs.frozen
class ColumnCheck:
    """One column of the cost-centre table: the rows' sum against the printed total."""

    column: str
    rows_sum: int
    stated: int
    missing_rows: tuple[str, ...] = ()

    @property
    def difference(self) -> int:
        """Printed total less the rows' sum."""
        return self.stated - self.rows_sum

    @property
    def sign_differs(self) -> bool:
        """Whether the total and the rows' sum have opposite signs (neither being zero)."""
        return self.rows_sum * self.stated < 0


def cost_centre_columns(association: Association) -> list[ColumnCheck]:
    """Each printed column of the cost-centre table that has a stated total."""
    totals = association.cost_centre_totals
    if totals is None:
        return []
    checks = []
    for column in COST_CENTRE_COLUMNS:
        stated = getattr(totals, column)
        if stated is None:
            continue
        values = [(row.name, getattr(row, column)) for row in association.cost_centres]
        checks.append(
            ColumnCheck(
                column,
                sum(v for _, v in values if v is not None),
                stated,
                tuple(name for name, v in values if v is None),
            )
        )
    return checks
