"""The engine's pytest plugin: each case file under a ``cases`` folder is one pytest item,
judged by the installed packs as ``finsam pack test`` judges it, with the differences
between expected and actual as its failure report."""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

import pytest

from finsam_rules.packtest import iter_cases

pytest_plugins = ["pytester"]

ROOT = Path(__file__).resolve().parent.parent
FOUR_YEARS = ROOT / "examples" / "screening" / "applications" / "fp001-fyra-ar.toml"
THREE_YEARS = ROOT / "examples" / "screening" / "applications" / "fp001-exakt-tre-ar.toml"


def case(document: Path, verdict: str, codes: str, description: str) -> str:
    return (
        f'[case]\ndescription = "{description}"\ndocument = "{document.as_posix()}"\n\n'
        f'[expect]\nverdict = "{verdict}"\ncodes = {codes}\n'
    )


@pytest.fixture
def folder(pytester: pytest.Pytester) -> pytest.Pytester:
    """A pack folder with one passing and one failing case (four years of funding expected,
    wrongly, to pass), a document and a TOML file outside ``cases``."""
    pytester.makefile(
        ".toml",
        **{
            "tests/cases/exakt-tre-ar": case(THREE_YEARS, "tillstyrks", "[]", "Exakt 36 månader godkänns"),
            "tests/cases/fyra-ar": case(
                FOUR_YEARS, "tillstyrks", "[]", "Fyra år, felaktigt väntad att gå igenom"
            ),
            "tests/cases/documents/association": 'name = "not a case"\n',
            "tests/other/fyra-ar": case(FOUR_YEARS, "tillstyrks", "[]", "Outside a cases folder"),
        },
    )
    return pytester


def test_each_case_file_is_one_item(folder: pytest.Pytester) -> None:
    result = folder.runpytest("--collect-only", "-q")
    assert sorted(line for line in result.outlines if "::" in line) == [
        "tests/cases/exakt-tre-ar.toml::exakt-tre-ar",
        "tests/cases/fyra-ar.toml::fyra-ar",
    ]


def test_a_failing_case_reports_expected_against_actual(folder: pytest.Pytester) -> None:
    result = folder.runpytest("-rf")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(
        [
            "case tests/cases/fyra-ar.toml: Fyra år, felaktigt väntad att gå igenom",
            "  verdict: expected 'tillstyrks', got 'komplettering krävs'",
            "  codes: expected [], got ['FP001'] (missing [], unexpected ['FP001'])",
            "  actual: verdict 'komplettering krävs', codes ['FP001']",
            "FAILED tests/cases/fyra-ar.toml::fyra-ar*",
        ]
    )
    assert "Traceback" not in result.stdout.str()


def test_an_unreadable_case_file_fails_as_a_case(pytester: pytest.Pytester) -> None:
    pytester.makefile(".toml", **{"cases/trasig": "[case\ndescription = 'x'\n"})
    result = pytester.runpytest()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["case cases/trasig.toml: (no description)", "  *trasig.toml*"])


def test_the_packs_that_judge_are_chosen_in_the_ini_file(folder: pytest.Pytester) -> None:
    """A pack names itself and the standard pack, so other installed packs add nothing;
    a pack named but not installed fails every case rather than passing it."""
    folder.makeini("[pytest]\nfinsam_packs = finsam-rules\n")
    folder.runpytest().assert_outcomes(passed=1, failed=1)
    folder.makeini("[pytest]\nfinsam_packs = finsam-rules,finsam-saknas\n")
    result = folder.runpytest()
    result.assert_outcomes(failed=2)
    result.stdout.fnmatch_lines(["*finsam-saknas*named but not installed*"])


def test_the_plugin_can_be_turned_off(folder: pytest.Pytester) -> None:
    result = folder.runpytest("-p", "no:finsam")
    assert result.ret == pytest.ExitCode.NO_TESTS_COLLECTED


def test_the_engine_registers_the_plugin() -> None:
    (entry,) = [ep for ep in metadata.entry_points(group="pytest11") if ep.name == "finsam"]
    assert entry.value == "finsam_rules.pytest_plugin"


def test_the_standard_packs_cases_are_items_of_the_test_run(pytester: pytest.Pytester) -> None:
    """``pytest`` in the repository runs every case of ``tests/cases`` as an item."""
    cases = ROOT / "tests" / "cases"
    result = pytester.runpytest("--collect-only", "-q", "-o", "addopts=", str(cases))
    collected = [line for line in result.outlines if ".toml::" in line]
    assert len(collected) == len(list(iter_cases(cases))) > 50
