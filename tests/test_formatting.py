"""Numbers, money, shares and dates as a Swedish (or English) board member reads them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest

from finsam_rules.formatting import (
    format_date,
    format_kr,
    format_number,
    format_share,
    format_tkr,
    render_template,
    to_fraction,
)


class TestMoney:
    """Amounts are whole kronor, grouped by thousands."""

    def test_swedish_kronor_are_grouped_with_spaces(self):
        """1 895 000 kr: Swedish groups thousands with a space."""
        assert format_kr(1_895_000, "sv") == "1 895 000 kr"

    def test_english_kronor_are_grouped_with_commas(self):
        """SEK 1,895,000 in English: the currency code first, as English readers expect."""
        assert format_kr(1_895_000, "en") == "SEK 1,895,000"

    @pytest.mark.parametrize(
        ("amount", "sv", "en"),
        [
            (0, "0 kr", "SEK 0"),
            (999, "999 kr", "SEK 999"),
            (1_000, "1 000 kr", "SEK 1,000"),
            (16_692_000, "16 692 000 kr", "SEK 16,692,000"),
        ],
    )
    def test_small_and_large_amounts(self, amount, sv, en):
        """Grouping starts at the thousands and goes on for millions."""
        assert format_kr(amount, "sv") == sv
        assert format_kr(amount, "en") == en

    def test_thousands_of_kronor_as_the_reports_print_them(self):
        """The association's contributions of 16 692 tkr, and the forecast overrun of 392 tkr."""
        assert format_tkr(16_692_000, "sv") == "16 692 tkr"
        assert format_tkr(16_692_000, "en") == "SEK 16,692 thousand"
        assert format_tkr(392_000, "sv") == "392 tkr"

    def test_thousands_round_half_up(self):
        """1 500 kr is 2 tkr and 2 500 kr is 3 tkr: half up, not banker's rounding."""
        assert format_tkr(1_500, "sv") == "2 tkr"
        assert format_tkr(2_500, "sv") == "3 tkr"
        assert format_tkr(2_499, "sv") == "2 tkr"


class TestShares:
    """Shares are exact fractions, printed as whole percent unless that would mislead."""

    def test_swedish_share_has_a_space_before_the_percent_sign(self):
        """32 of 44 finished = 73 %."""
        assert format_share(Fraction(32, 44), "sv") == "73 %"

    def test_english_share_has_no_space(self):
        """32 of 44 finished = 73%."""
        assert format_share(Fraction(32, 44), "en") == "73%"

    def test_a_share_just_under_the_target_shows_a_decimal(self):
        """69.6 % must not print as "70 %" next to a 70 % target it does not meet."""
        assert format_share(Fraction(696, 1000), "sv", target=0.7) == "69,6 %"
        assert format_share(Fraction(696, 1000), "en", target=0.7) == "69.6%"

    def test_without_a_target_the_same_share_rounds_to_whole_percent(self):
        """On its own, 69.6 % is shown as 70 %."""
        assert format_share(Fraction(696, 1000), "sv") == "70 %"

    def test_a_share_exactly_on_the_target_needs_no_decimal(self):
        """7 of 10 against 70 % prints as 70 %."""
        assert format_share(Fraction(7, 10), "sv", target=0.7) == "70 %"

    def test_decimals_are_added_until_the_share_differs_from_the_target(self):
        """69.99 % against 70 % needs two decimals to show that it falls short."""
        assert format_share(Fraction(6999, 10000), "sv", target=0.7) == "69,99 %"

    def test_a_share_just_over_the_target_also_shows_which_side_it_is_on(self):
        """70.4 % against 70 % prints as 70,4 %."""
        assert format_share(Fraction(704, 1000), "sv", target=0.7) == "70,4 %"

    def test_a_share_far_from_the_target_stays_whole(self):
        """84 % against a 70 % limit: no decimals needed."""
        assert format_share(Fraction(53, 63), "sv", target=0.7) == "84 %"

    def test_thirds_print_without_float_noise(self):
        """1/3 and 2/3 print as 33 % and 67 %."""
        assert format_share(Fraction(1, 3), "sv") == "33 %"
        assert format_share(Fraction(2, 3), "en") == "67%"

    def test_rounding_is_half_up(self):
        """12.5 % is 13 % and 0.5 % is 1 %: the same on every machine."""
        assert format_share(Fraction(1, 8), "sv") == "13 %"
        assert format_share(0.125, "sv") == "13 %"
        assert format_share(Fraction(1, 200), "sv") == "1 %"

    def test_a_float_from_a_toml_file_is_read_as_its_decimal(self):
        """0.7 read from TOML is exactly 7/10, and 0.1 + 0.2 is not taken for 0.3."""
        assert to_fraction(0.7) == Fraction(7, 10)
        assert to_fraction(0.3) == Fraction(3, 10)
        assert to_fraction(0.1 + 0.2) != Fraction(3, 10)
        assert format_share(0.3, "sv") == "30 %"

    def test_whole_and_zero_shares(self):
        """0 % and 100 %."""
        assert format_share(0, "sv") == "0 %"
        assert format_share(1, "en") == "100%"


class TestNumbersAndDates:
    """Other figures: counts, decimals and dates."""

    def test_swedish_decimals_use_a_comma(self):
        """1 234,5 in Swedish, 1,234.5 in English."""
        assert format_number(Decimal("1234.5"), "sv", decimals=1) == "1 234,5"
        assert format_number(Decimal("1234.5"), "en", decimals=1) == "1,234.5"

    def test_counts_are_grouped(self):
        """1 096 days."""
        assert format_number(1096, "sv") == "1 096"
        assert format_number(1096, "en") == "1,096"

    def test_dates_are_iso_in_both_languages(self):
        """Dates print as YYYY-MM-DD: 2017-09-01."""
        assert format_date(dt.date(2017, 9, 1)) == "2017-09-01"
        for lang in ("sv", "en"):
            assert render_template("{d}", lang, {"d": dt.date(2020, 8, 31)}) == "2020-08-31"


class TestTemplates:
    """Message templates use the domain formats."""

    def test_money_share_count_and_list_specs(self):
        """``kr``, ``tkr``, ``pct``, ``n`` and ``list`` in Swedish."""
        text = render_template(
            "{a:kr}; {b:tkr}; {s:pct}; {n:n}; {l:list}; {e:list}",
            "sv",
            {"a": 670_000, "b": 392_000, "s": Fraction(53, 63), "n": 1096, "l": ["fk", "af"], "e": []},
        )
        assert text == "670 000 kr; 392 tkr; 84 %; 1 096; fk, af; –"

    def test_same_template_in_english(self):
        """The same figures in English formats."""
        text = render_template(
            "{a:kr}; {s:pct}; {n:n}", "en", {"a": 670_000, "s": Fraction(53, 63), "n": 1096}
        )
        assert text == "SEK 670,000; 84%; 1,096"
