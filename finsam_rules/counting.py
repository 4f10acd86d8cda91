"""How outcome shares are counted, shared by every rule that counts them.

Associations count differently and the difference is large, so the method is three named
policy settings of the standard pack (``counted_outcomes``, ``denominator``,
``exclude_deceased``, declared by its OT module through the ``register_settings`` hook),
read alike by OT002, GA005 and the board
report. OT004 counts a project's own target with its own outcomes (and its own
``denominator`` when the target states one); OT003 counts the year with parameters of its
own, as the association's annual report does.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

import attrs

from finsam_rules.formatting import render_template
from finsam_rules.i18n import enum_words, t, word
from finsam_rules.model import Outcome, OutcomeCounts

#: The outcomes in words, by code: a view of the catalogue's ``outcome.*`` words.
OUTCOME_NAMES = {o.value: enum_words(o) for o in Outcome}


@attrs.frozen
class Share:
    """A counted share: ``successes`` of ``denominator`` participants, and how counted."""

    successes: int
    denominator: int
    method: str  # "finished" or "enrolled"
    exclude_deceased: bool
    counted: tuple[str, ...]

    @property
    def value(self) -> Fraction | None:
        """The exact share, or ``None`` when nobody is in the denominator."""
        return Fraction(self.successes, self.denominator) if self.denominator else None

    def denominator_text(self, lang: str) -> str:
        """Who is counted: "avslutade" (finished) or "inskrivna" (enrolled)."""
        return word("denominator", self.method, lang)

    def deceased_text(self, lang: str) -> str:
        """ " (avlidna ej medräknade)" when the deceased are left out, else empty."""
        if not self.exclude_deceased:
            return ""
        return t("counting.deceased_excluded", lang)

    def method_text(self, lang: str) -> str:
        """The counting method in words, e.g. "avslutade (avlidna ej medräknade)"."""
        return self.denominator_text(lang) + self.deceased_text(lang)

    def counted_text(self, lang: str) -> str:
        """The outcomes counted as success, in words."""
        return (
            render_template("{counted:or@outcome}", lang, {"counted": list(self.counted)})
            if self.counted
            else ""
        )

    def figures(self, prefix: str = "") -> dict[str, Any]:
        """The figures a finding records: values, never words (a message shows them in words
        with ``{method:word@denominator}``, ``{counted_outcomes:or@outcome}`` and
        ``{exclude_deceased:if@counting.deceased_excluded}``)."""
        return {
            f"{prefix}successes": self.successes,
            f"{prefix}denominator": self.denominator,
            f"{prefix}share": self.value if self.value is not None else 0,
            "method": self.method,
            "exclude_deceased": self.exclude_deceased,
            "counted_outcomes": list(self.counted),
        }


def count_share(outcomes: OutcomeCounts, method: Mapping[str, Any]) -> Share:
    """Count the success share of ``outcomes`` with a counting ``method``: a mapping with
    ``counted_outcomes``, ``denominator`` and ``exclude_deceased`` (the settings, or a
    rule's own parameters of the same names)."""
    counted = tuple(method["counted_outcomes"])
    successes = sum(outcomes.count(o) for o in counted)
    denominator = outcomes.total
    if method["denominator"] == "finished":
        denominator -= outcomes.ongoing
    if method["exclude_deceased"]:
        denominator -= outcomes.deceased
        if "deceased" in counted:
            successes -= outcomes.deceased
    return Share(successes, denominator, method["denominator"], method["exclude_deceased"], counted)


def add_counts(items: list[OutcomeCounts]) -> OutcomeCounts:
    """The sum of several outcome tables (for the portfolio as a whole)."""
    names = [f.name for f in attrs.fields(OutcomeCounts)]
    return OutcomeCounts(**{n: sum(getattr(i, n) for i in items) for n in names})
