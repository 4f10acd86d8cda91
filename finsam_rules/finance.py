"""The association's finances for a year: contribution shares, balance and equity.

Pure computations on an association and its granted projects, shared by the FI rules and
the board report so that both always show the same figures. Amounts are whole kronor;
shares are exact fractions.
"""

from __future__ import annotations

from fractions import Fraction

import attrs

from finsam_rules.model import Association, MemberKind

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
GROUP_NAMES = {
    "state": {"sv": "Staten (FK och AF)", "en": "The state (SIA and ES)"},
    "region": {"sv": "Regionen", "en": "The region"},
    "municipalities": {"sv": "Kommunerna", "en": "The municipalities"},
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
    """One member's contribution; for municipalities also the population key."""

    id: str
    name: str
    kind: MemberKind
    amount: int
    share: Fraction
    population: int | None = None
    expected: Fraction | None = None


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
    """Every member's contribution and share of the total; municipalities' expected amount
    by population when every municipality states its population."""
    total = association.total_contributions
    municipalities = association.municipalities
    municipal_total = sum(m.contribution for m in municipalities)
    populations = [m.population for m in municipalities]
    keyed = bool(municipalities) and all(p for p in populations)
    population_total = sum(p for p in populations if p)
    rows = []
    for member in association.members:
        expected = None
        if member.kind is MemberKind.MUNICIPALITY and keyed:
            expected = Fraction(municipal_total * member.population, population_total)
        rows.append(
            MemberShare(
                member.id,
                member.name,
                member.kind,
                member.contribution,
                Fraction(member.contribution, total) if total else Fraction(0),
                member.population,
                expected,
            )
        )
    return rows


def population_key_known(association: Association) -> bool:
    """Whether every member municipality states its population."""
    municipalities = association.municipalities
    return bool(municipalities) and all(m.population for m in municipalities)


@attrs.frozen
class Balance:
    """The year's budget balance: what is committed against what can be used."""

    contributions: int
    equity_at_start: int
    reserve: int
    granted: int
    administration: int

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
        """Granted funding in the year plus the association's own costs."""
        return self.granted + self.administration

    @property
    def margin(self) -> int:
        """What is left (negative: over-committed)."""
        return self.available - self.committed

    @property
    def equity_at_end(self) -> int:
        """Projected equity at year end if everything granted is spent."""
        return self.equity_at_start + self.contributions - self.committed


def balance(association: Association, granted: int, reserve_share: Fraction) -> Balance:
    """The balance for a year with ``granted`` kronor of project funding."""
    contributions = association.total_contributions
    reserve = int(reserve_share * contributions)
    return Balance(
        contributions, association.equity_at_start, reserve, granted, association.administration_budget
    )
