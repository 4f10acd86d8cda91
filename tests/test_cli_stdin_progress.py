"""The command line people expect (issue 12, item 7): "did you mean" for a mistyped key,
``-`` for standard input, ``-o -`` for standard output, a progress bar on long batches on a
terminal only, documents grouped by verdict by default, and ``-o`` that never overwrites a
file finsam did not write without ``--force``, for every command that has ``-o``."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from finsam_rules.errors import InputError
from finsam_rules.loading import load_document

HOSTILE = Path(__file__).parent / "hostile"
CASES: list[dict[str, Any]] = tomllib.loads((HOSTILE / "expected.toml").read_text(encoding="utf-8"))["case"]
UNKNOWN_KEY_CASES = [c for c in CASES if c.get("code") == "unknown_keys"]


# -- did you mean: the nearest known key at the unknown key's path --------------------------


@pytest.mark.parametrize("case", UNKNOWN_KEY_CASES, ids=[c["file"] for c in UNKNOWN_KEY_CASES])
def test_an_unknown_key_names_the_nearest_known_key_in_both_languages(case: dict[str, Any]) -> None:
    """``requsted`` is most likely ``requested``; a key like nothing known suggests nothing."""
    with pytest.raises(InputError) as caught:
        load_document(HOSTILE / case["file"])
    [line_sv] = [line for line in caught.value.lines("sv") if "okänd nyckel" in line]
    [line_en] = [line for line in caught.value.lines("en") if "unknown key" in line]
    if "near" in case:
        assert line_sv.endswith(f"egna uppgifter hör hemma under [extra]); menade du '{case['near']}'?")
        assert line_en.endswith(f"custom data belongs under [extra]); did you mean '{case['near']}'?")
    else:
        assert line_sv.endswith("under [extra])"), line_sv
        assert line_en.endswith("under [extra])"), line_en


def test_several_unknown_keys_each_get_their_suggestion(
    tmp_path: Path, write_toml: Any, application_data: dict[str, Any]
) -> None:
    """Two typos in one table: each suggestion says which key it is for."""
    data = dict(application_data)
    data["titel"] = data.pop("title")
    data["requsted"] = data.pop("requested")
    data["zebra"] = 1
    path = write_toml(tmp_path / "ansokan.toml", data)
    with pytest.raises(InputError) as caught:
        load_document(path)
    [sv] = [line for line in caught.value.lines("sv") if "okänd nyckel" in line]
    [en] = [line for line in caught.value.lines("en") if "unknown key" in line]
    assert sv.endswith("; menade du 'requested' (för requsted), 'title' (för titel)?")
    assert en.endswith("; did you mean 'requested' (for requsted), 'title' (for titel)?")
