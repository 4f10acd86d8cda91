"""Table-driven test cases for rule packs, the standard one included.

A case is a TOML file with a ``[case]`` table naming one input and an ``[expect]`` table::

    [case]
    description = "Fyra års finansiering överskrider treårsgränsen"
    document = "../documents/fp001-fyra-ar.toml"   # relative to this case file
    # or: portfolio = "portfolios/cv001"  (with optional year = 2016)
    policy = "../policies/plan.toml"               # optional
    as_of = 2016-12-31                             # optional

    [expect]
    verdict = "komplettering krävs"
    codes = ["FP001"]          # the exact set of finding codes (info notes included)
    includes = ["FP001"]       # optional: codes that must be present
    excludes = ["PA001"]       # optional: codes that must be absent
    severities = { FP001 = "error" }   # optional: the highest severity of each code's findings

``finsam pack test DIR`` runs every case under DIR and shows expected against actual;
``pytest`` runs each case file under a ``cases`` folder as a test item of its own
(:mod:`finsam_rules.pytest_plugin`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from finsam_rules.engine import Engine, Verdict
from finsam_rules.errors import InputError, PolicyError
from finsam_rules.loading import read_toml, structure_as
from finsam_rules.portfolio import open_portfolio
from finsam_rules.screening import Screener

if TYPE_CHECKING:
    from finsam_rules.plugins import Registry


@attrs.frozen
class CaseSpec:
    """The ``[case]`` table."""

    description: str
    document: str = ""
    portfolio: str = ""
    policy: str = ""
    year: int | None = None
    as_of: dt.date | None = None


@attrs.frozen
class Expectation:
    """The ``[expect]`` table."""

    verdict: str = ""
    codes: tuple[str, ...] | None = None
    includes: tuple[str, ...] = ()
    excludes: tuple[str, ...] = ()
    severities: dict[str, Any] = attrs.field(factory=dict)


@attrs.frozen
class CaseFile:
    """A whole case file."""

    case: CaseSpec
    expect: Expectation


@attrs.frozen
class CaseResult:
    """The outcome of one case: passed, or the differences between expected and actual."""

    path: Path
    description: str
    passed: bool
    problems: tuple[str, ...]
    actual_codes: tuple[str, ...] = ()
    actual_verdict: str = ""


def iter_cases(folder: Path) -> Iterator[Path]:
    """Every case file under ``folder`` (files with a ``[case]`` table), sorted."""
    if folder.is_file():
        yield folder
        return
    for path in sorted(folder.rglob("*.toml"), key=lambda p: p.as_posix()):
        try:
            data = read_toml(path)
        except InputError:
            yield path  # reported as a failing case
            continue
        if "case" in data and "expect" in data:
            yield path


def run_case(path: Path, registry: Registry) -> CaseResult:
    """Run one case file against the installed packs."""
    try:
        spec: CaseFile = structure_as(path, read_toml(path), CaseFile)
    except InputError as exc:
        return CaseResult(path, "", False, tuple(exc.lines("en")))
    case, expect = spec.case, spec.expect
    base = path.parent
    if bool(case.document) == bool(case.portfolio):
        return CaseResult(
            path, case.description, False, ("[case] must name exactly one of document or portfolio",)
        )
    policy_path = (base / case.policy) if case.policy else None
    try:
        if case.document:
            screener = Screener(registry, policy_path=policy_path, as_of=case.as_of)
            results = list(screener.screen([base / case.document]))
            errors = [r.error for r in results if r.error is not None]
            if errors:
                lines = []
                for error in errors:
                    lines += error.lines("en") if isinstance(error, InputError) else [error.line("en")]
                return CaseResult(path, case.description, False, tuple(lines))
            evaluation = results[0].evaluation
        else:
            portfolio, policy = open_portfolio(base / case.portfolio, registry, case.year, policy_path)
            evaluation = Engine(policy, as_of=case.as_of).evaluate_portfolio(portfolio, portfolio.year)
    except (InputError, PolicyError) as exc:
        lines = exc.lines("en") if isinstance(exc, InputError) else [exc.line("en")]
        return CaseResult(path, case.description, False, tuple(lines))
    assert evaluation is not None  # every branch above evaluates or returns
    codes = tuple(sorted({f.code for f in evaluation.findings}))
    verdict = evaluation.verdict.value
    problems = []
    if expect.verdict and expect.verdict not in {v.value for v in Verdict}:
        problems.append(f"unknown expected verdict {expect.verdict!r}")
    elif expect.verdict and expect.verdict != verdict:
        problems.append(f"verdict: expected {expect.verdict!r}, got {verdict!r}")
    if expect.codes is not None and tuple(sorted(set(expect.codes))) != codes:
        missing = sorted(set(expect.codes) - set(codes))
        extra = sorted(set(codes) - set(expect.codes))
        problems.append(
            f"codes: expected {sorted(set(expect.codes))}, got {list(codes)}"
            f" (missing {missing}, unexpected {extra})"
        )
    for code in expect.includes:
        if code not in codes:
            problems.append(f"expected {code} to fire; got {list(codes)}")
    for code in expect.excludes:
        if code in codes:
            problems.append(f"expected {code} not to fire")
    for code, severity in sorted(expect.severities.items()):
        found = [f.severity for f in evaluation.findings if f.code == code]
        highest = max(found).label if found else None
        if highest != severity:
            problems.append(f"severity of {code}: expected {severity!r}, got {highest!r}")
    return CaseResult(path, case.description, not problems, tuple(problems), codes, verdict)


def run_cases(folder: Path, registry: Registry) -> list[CaseResult]:
    """Run every case under ``folder``."""
    return [run_case(path, registry) for path in iter_cases(folder)]
