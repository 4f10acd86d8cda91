"""A waiver file says which findings the board accepted; a file that contradicts itself is
refused with the key path, and a refused waiver says why in Swedish and English."""

from __future__ import annotations

from pathlib import Path

import pytest

from finsam_rules.errors import InputError
from finsam_rules.waivers import Waiver, load_waivers, refusal_text

GA004 = """
[[waivers]]
code = "GA004"
document = "2016/0014/progress/2016-08-31"
reason = "Remisserna styrs av vårdcentralernas sjukskrivningar; åtgärd beslutad."
decided_by = "Styrelsen"
minutes = "§ 23/2016"
decided = 2016-09-20
"""


def waiver_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "undantag.toml"
    path.write_text(text, "utf-8")
    return path


def test_the_same_waiver_twice_is_refused_naming_both(tmp_path: Path) -> None:
    path = waiver_file(tmp_path, GA004 + GA004)
    with pytest.raises(InputError) as caught:
        load_waivers(path)
    assert caught.value.lines("en") == [f"{path}: $.waivers[1]: the same waiver as $.waivers[0]"]
    assert caught.value.lines("sv") == [f"{path}: $.waivers[1]: samma undantag som $.waivers[0]"]


def test_a_waiver_expiring_before_its_decision_is_refused(tmp_path: Path) -> None:
    path = waiver_file(tmp_path, GA004 + "expires = 2016-06-30\n")
    with pytest.raises(InputError) as caught:
        load_waivers(path)
    assert caught.value.lines("en") == [
        f"{path}: $.waivers[0].expires: expires 2016-06-30, before the decision 2016-09-20"
    ]
    assert caught.value.lines("sv") == [
        f"{path}: $.waivers[0].expires: går ut 2016-06-30, före beslutet 2016-09-20"
    ]


def test_a_refusal_says_why_in_swedish() -> None:
    waiver = Waiver("PA001", "2017/0107", "x", "Styrelsen", "beslutat")
    assert refusal_text("not_evaluated", waiver, "sv") == (
        "undantaget för PA001 på 2017/0107 tillämpades inte: det som inte har bedömts "
        "(ej bedömd, ett paket som inte laddades) kan aldrig undantas"
    )
    assert refusal_text("law_blocker", waiver, "sv", lint=True).startswith(
        "undantaget för PA001 på 2017/0107 kan aldrig tillämpas: ett hinder enligt lag undantas "
        "bara med ett skäl i ord (reason, minst 3 ord)"
    )
