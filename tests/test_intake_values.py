"""What a person types in a form cell, and the value a TOML document would hold.

Amounts as the forms show them (`1 450 000 kr`) read back as the same whole kronor, shares as
percentages (`12,5 %`) as the same fraction, and an association written as a workbook works
wherever `association.toml` does.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from finsam_rules.cli import main
from finsam_rules.formatting import format_kr
from finsam_rules.intake.docx_form import _shown
from finsam_rules.intake.values import Bad, to_bool, to_share, to_whole
from finsam_rules.intake.xlsx_writer import write_workbook

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@given(st.integers(min_value=0, max_value=10**12))
def test_amounts_as_the_forms_show_them_read_back(amount):
    assert to_whole(format_kr(amount, "sv"), kronor=True) == amount


@given(st.integers(min_value=0, max_value=1000).map(lambda n: n / 1000))
def test_shares_as_the_word_form_shows_them_read_back(share):
    assert to_share(_shown("share", "", share, {})) == pytest.approx(share, abs=1e-12)


@pytest.mark.parametrize(
    ("typed", "value"), [("1 450 000", 1_450_000), ("1\u00a0450\u00a0000 kr", 1_450_000), (2.0, 2)]
)
def test_whole_numbers(typed, value):
    assert to_whole(typed, kronor=True) == value


@pytest.mark.parametrize("typed", ["1,5 miljoner", "12.5", 12.5, True, "tusen"])
def test_not_whole_kronor(typed):
    with pytest.raises(Bad):
        to_whole(typed, kronor=True)


@pytest.mark.parametrize(("typed", "value"), [("30 %", 0.3), ("12,5%", 0.125), (0.7, 0.7), ("0,7", 0.7)])
def test_shares(typed, value):
    assert to_share(typed) == pytest.approx(value)


@pytest.mark.parametrize(("typed", "value"), [("Ja", True), (" nej ", False), (True, True)])
def test_yes_and_no(typed, value):
    assert to_bool(typed) is value


def test_an_association_workbook_works_as_association_toml(standard_env, tmp_path):
    runner = CliRunner(env=standard_env)
    association = tomllib.loads((EXAMPLES / "screening" / "association.toml").read_text(encoding="utf-8"))
    book = tmp_path / "forbundet.xlsx"
    book.write_bytes(write_workbook("association", association))
    application = EXAMPLES / "screening" / "applications" / "pa002-bara-kommuner.toml"
    outputs = [
        json.loads(
            runner.invoke(
                main, ["screen", str(application), "--association", str(a), "--format", "json"]
            ).stdout
        )
        for a in (EXAMPLES / "screening" / "association.toml", book)
    ]
    assert outputs[0] == outputs[1]
    assert outputs[0]["documents"][0]["findings"]
