"""Waivers: findings the board has accepted for one document, with who, why and when.

A waiver file is TOML::

    [[waivers]]
    code = "GA004"
    document = "2016/0014/progress/2016-08-31"   # the document id shown in every output
    reason = "Remisserna styrs av vårdcentralernas sjukskrivningar; åtgärd beslutad."
    decided_by = "Styrelsen"
    minutes = "§ 23/2016"                        # protokollsparagraf
    decided = 2016-09-20                          # optional
    expires = 2017-06-30                          # optional
    subject = ""                                  # optional: for portfolio findings

A waived finding stays visible, marked as waived, in every output; the verdict is computed
without it. A waiver that has expired by the document's date is not applied and is
reported; so is a waiver that matched nothing.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import attrs

from finsam_rules.engine import Evaluation
from finsam_rules.errors import InputError, Problem
from finsam_rules.loading import read_toml, structure_as
from finsam_rules.model import Ident


@attrs.frozen
class Waiver:
    """The board's acceptance of one finding on one document."""

    code: Ident
    document: Ident
    reason: Ident
    decided_by: Ident
    minutes: Ident
    decided: dt.date | None = None
    expires: dt.date | None = None
    subject: str = ""

    def describe(self, lang: str) -> str:
        """One line for reports: who waived it, when, and why."""
        until = (
            f", t.o.m. {self.expires}"
            if self.expires and lang == "sv"
            else (f", until {self.expires}" if self.expires else "")
        )
        if lang == "sv":
            return f"Undantagen av {self.decided_by} ({self.minutes}{until}): {self.reason}"
        return f"Waived by {self.decided_by} ({self.minutes}{until}): {self.reason}"

    def data(self) -> dict[str, Any]:
        """The waiver as JSON data."""
        return {
            "code": self.code,
            "document": self.document,
            "reason": self.reason,
            "decided_by": self.decided_by,
            "minutes": self.minutes,
            "decided": self.decided.isoformat() if self.decided else None,
            "expires": self.expires.isoformat() if self.expires else None,
            "subject": self.subject,
        }


@attrs.frozen
class WaiverFile:
    """The contents of a waiver file."""

    waivers: tuple[Waiver, ...] = ()


@attrs.define
class Waivers:
    """Applies waivers to evaluations and remembers which were used or expired."""

    path: Path
    items: tuple[Waiver, ...]
    used: set[int] = attrs.field(factory=set)
    expired: dict[int, str] = attrs.field(factory=dict)
    seen: set[str] = attrs.field(factory=set)

    def _matches(self, waiver: Waiver, evaluation: Evaluation, finding) -> bool:
        return (
            waiver.code == finding.code
            and waiver.document == evaluation.id
            and (not waiver.subject or waiver.subject == finding.subject)
        )

    def apply_evaluation(self, evaluation: Evaluation) -> Evaluation:
        """The evaluation with matching, unexpired waivers attached to their findings."""
        self.seen.add(evaluation.id)
        findings = []
        for finding in evaluation.findings:
            for index, waiver in enumerate(self.items):
                if not self._matches(waiver, evaluation, finding):
                    continue
                if waiver.expires is not None and waiver.expires < evaluation.as_of:
                    self.expired[index] = evaluation.id
                    continue
                self.used.add(index)
                finding = attrs.evolve(finding, waived_by=waiver)
                break
            findings.append(finding)
        return attrs.evolve(evaluation, findings=tuple(findings))

    def apply(self, screened):
        """A screened document with its waivers applied."""
        if screened.evaluation is None:
            return screened
        return attrs.evolve(screened, evaluation=self.apply_evaluation(screened.evaluation))

    def unused_lines(self, lang: str) -> list[str]:
        """Warnings for waivers that expired, or that matched no finding of a document
        that was judged in this run."""
        lines = []
        for index, waiver in enumerate(self.items):
            where = f"{self.path}: $.waivers[{index}]"
            if index in self.expired and index not in self.used:
                lines.append(
                    f"{where}: "
                    + (
                        f"undantaget för {waiver.code} på {waiver.document} gick ut {waiver.expires} "
                        f"och tillämpades inte"
                        if lang == "sv"
                        else f"the waiver of {waiver.code} on {waiver.document} expired on "
                        f"{waiver.expires} and was not applied"
                    )
                )
            elif index not in self.used and waiver.document in self.seen:
                lines.append(
                    f"{where}: "
                    + (
                        f"undantaget för {waiver.code} på {waiver.document} matchade ingen anmärkning"
                        if lang == "sv"
                        else f"the waiver of {waiver.code} on {waiver.document} matched no finding"
                    )
                )
        return lines


def load_waivers(path: Path) -> Waivers:
    """Read and check a waiver file."""
    data = read_toml(path)
    parsed = structure_as(path, data, WaiverFile)
    seen: dict[tuple[str, str, str], int] = {}
    for index, waiver in enumerate(parsed.waivers):
        key = (waiver.code, waiver.document, waiver.subject)
        if key in seen:
            raise InputError(
                path,
                [
                    Problem(
                        f"$.waivers[{index}]",
                        "invalid",
                        {
                            "detail": {
                                "sv": f"samma undantag som $.waivers[{seen[key]}]",
                                "en": f"the same waiver as $.waivers[{seen[key]}]",
                            }
                        },
                    )
                ],
            )
        seen[key] = index
        if waiver.expires and waiver.decided and waiver.expires < waiver.decided:
            raise InputError(
                path,
                [
                    Problem(
                        f"$.waivers[{index}].expires",
                        "invalid",
                        {
                            "detail": {
                                "sv": f"går ut {waiver.expires}, före beslutet {waiver.decided}",
                                "en": f"expires {waiver.expires}, before the decision {waiver.decided}",
                            }
                        },
                    )
                ],
            )
    return Waivers(path, parsed.waivers)


def check_waivers(path: Path, registry, lang: str) -> list[str]:
    """Lint a waiver file: structure, known rule codes, and dates. Returns problem lines."""
    waivers = load_waivers(path)
    problems = []
    for index, waiver in enumerate(waivers.items):
        if waiver.code not in registry.rules:
            problems.append(
                f"{path}: $.waivers[{index}].code: "
                + (
                    f"okänd regelkod {waiver.code!r}"
                    if lang == "sv"
                    else f"unknown rule code {waiver.code!r}"
                )
            )
    return problems
