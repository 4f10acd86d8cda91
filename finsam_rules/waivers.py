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
reported; so is a waiver that matched nothing. Two kinds of finding are guarded:

- a finding that a rule *could not judge* (not evaluated, a failed pack) can never be
  waived: nobody can accept a judgement that was not made;
- a *blocker* whose source is the law is waived only with a reason in words (at least
  three words, no invisible characters) and a minutes reference with its paragraph number.

Either is reported, like an expired waiver, and ``finsam waivers check`` says so too.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from finsam_rules.engine import PACK_FAILURE_CODE, Evaluation
from finsam_rules.errors import InputError, Problem
from finsam_rules.i18n import texts
from finsam_rules.loading import read_toml, structure_as
from finsam_rules.model import Ident
from finsam_rules.rules import Finding, FindingStatus, Severity, SourceKind

#: Words of a reason: runs of at least two letters.
WORD = re.compile(r"[^\W\d_]{2,}")
#: A reason for waiving a law blocker has at least this many words.
MIN_REASON_WORDS = 3

if TYPE_CHECKING:
    from finsam_rules.plugins import Registry
    from finsam_rules.screening import Screened


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
    refused: dict[int, str] = attrs.field(factory=dict)  # index -> why (a refusal key)

    def _matches(self, waiver: Waiver, evaluation: Evaluation, finding: Finding) -> bool:
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
                refusal = refusal_of(waiver, finding)
                if refusal:
                    self.refused[index] = refusal
                    continue
                self.used.add(index)
                finding = attrs.evolve(finding, waived_by=waiver)
                break
            findings.append(finding)
        return attrs.evolve(evaluation, findings=tuple(findings))

    def apply(self, screened: Screened) -> Screened:
        """A screened document's evaluation with its waivers applied. Only an evaluated
        document has findings to waive: an input error is never passed here."""
        assert screened.evaluation is not None, "an input error has no findings to waive"
        return attrs.evolve(screened, evaluation=self.apply_evaluation(screened.evaluation))

    def unused_lines(self, lang: str) -> list[str]:
        """Warnings for waivers that expired, or that matched no finding of a document
        that was judged in this run."""
        lines = []
        for index, waiver in enumerate(self.items):
            where = f"{self.path}: $.waivers[{index}]"
            if index in self.refused and index not in self.used:
                lines.append(f"{where}: {refusal_text(self.refused[index], waiver, lang)}")
            elif index in self.expired and index not in self.used:
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
                        {"detail": texts("waiver.same_waiver", index=seen[key])},
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
                            "detail": texts(
                                "waiver.expires_before", expires=waiver.expires, decided=waiver.decided
                            )
                        },
                    )
                ],
            )
    return Waivers(path, parsed.waivers)


def real_words(text: str) -> bool:
    """Whether ``text`` is a reason in words: at least three words of two letters or more,
    and no invisible or control characters (zero-width spaces, bidi marks)."""
    if any(unicodedata.category(char) in ("Cc", "Cf", "Co", "Cn") for char in text):
        return False
    return len(WORD.findall(text)) >= MIN_REASON_WORDS


def minutes_reference(text: str) -> bool:
    """Whether ``text`` reads as a minutes reference: a paragraph number (``§ 23/2016``)
    and no invisible or control characters."""
    if any(unicodedata.category(char) in ("Cc", "Cf", "Co", "Cn") for char in text):
        return False
    return any(char.isdigit() for char in text)


def refusal_of(waiver: Waiver, finding: Finding) -> str:
    """Why ``waiver`` may not waive ``finding`` (a key for :func:`refusal_text`), or ``""``."""
    if finding.status is FindingStatus.NOT_EVALUATED:
        return "not_evaluated"
    if (
        finding.severity is Severity.BLOCKER
        and finding.source.kind is SourceKind.LAW
        and not (real_words(waiver.reason) and minutes_reference(waiver.minutes))
    ):
        return "law_blocker"
    return ""


def refusal_text(refusal: str, waiver: Waiver, lang: str, lint: bool = False) -> str:
    """A line saying why a waiver was not applied (``lint``: why it would never be)."""
    code, document = waiver.code, waiver.document
    if lang == "sv":
        head = f"undantaget för {code} på {document} " + (
            "kan aldrig tillämpas" if lint else "tillämpades inte"
        )
        if refusal == "not_evaluated":
            return (
                head
                + ": det som inte har bedömts (ej bedömd, ett paket som inte laddades) kan aldrig undantas"
            )
        return (
            head
            + f": ett hinder enligt lag undantas bara med ett skäl i ord (reason, minst {MIN_REASON_WORDS} "
            'ord) och en protokollsparagraf med nummer (minutes, t.ex. "§ 23/2016"), utan osynliga tecken'
        )
    head = f"the waiver of {code} on {document} " + ("can never be applied" if lint else "was not applied")
    if refusal == "not_evaluated":
        return head + ": what was not judged (not evaluated, a pack that failed to load) can never be waived"
    return (
        head + ": a blocker under the law is waived only with a reason in words (reason, at least "
        f'{MIN_REASON_WORDS} words) and a minutes reference with its number (minutes, e.g. "§ 23/2016"), '
        "without invisible characters"
    )


def check_waivers(path: Path, registry: Registry, lang: str) -> list[str]:
    """Lint a waiver file: structure, known rule codes, dates, and the waivers that would
    never be applied (of a pack failure; of a law blocker without a reason in words and a
    minutes reference). Returns problem lines."""
    waivers = load_waivers(path)
    problems = []
    for index, waiver in enumerate(waivers.items):
        if waiver.code == PACK_FAILURE_CODE:
            line = refusal_text("not_evaluated", waiver, lang, lint=True)
            problems.append(f"{path}: $.waivers[{index}].code: {line}")
            continue
        rule = registry.rules.get(waiver.code)
        if (
            rule is not None
            and rule.severity is Severity.BLOCKER
            and rule.source.kind is SourceKind.LAW
            and (not real_words(waiver.reason) or not minutes_reference(waiver.minutes))
        ):
            key = "reason" if not real_words(waiver.reason) else "minutes"
            line = refusal_text("law_blocker", waiver, lang, lint=True)
            problems.append(f"{path}: $.waivers[{index}].{key}: {line}")
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
