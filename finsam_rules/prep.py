"""Prep-group states: which findings are still open, answered by the applicant, or waived.

A portfolio keeps a small TOML file at its root, ``beredning.toml``::

    [[answered]]
    code = "GA004"                                  # the rule code
    document = "2016/0005/progress/2016-08-31"      # the document id shown in every output
    subject = ""                                    # optional: for a finding with a subject
    date = 2016-09-12                               # when the applicant replied
    reference = "Svar från projektägaren, dnr 2016/0005-9"

Every finding that asks something of the applicant (a warning or worse, or a rule that
could not judge) is in one of three states:

- *waived* (*undantagen*): the board has accepted it, by a waiver (``--waivers``);
- *answered* (*besvarad*): the applicant has replied, by an entry above;
- *open* (*öppen*): neither.

Notes (information) are in none. :func:`counts` gives the three counts for one evaluation;
:func:`board_counts` does so for a whole board report (see its docstring).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from finsam_rules.errors import InputError, Problem
from finsam_rules.i18n import TEXTS, texts
from finsam_rules.loading import read_toml, structure_as
from finsam_rules.model import Ident
from finsam_rules.rules import Finding, Severity

if TYPE_CHECKING:
    from finsam_rules.engine import Evaluation

#: The state file's name, at the root of a portfolio folder.
PREP_FILE = "beredning.toml"

WORDS = {
    "prep": TEXTS["prep.label"],
    "counts": TEXTS["prep.counts"],
}


@attrs.frozen
class Answer:
    """The applicant's reply to one finding on one document."""

    code: Ident
    document: Ident
    date: dt.date
    reference: Ident
    subject: str = ""


@attrs.frozen
class PrepFile:
    """The contents of ``beredning.toml``."""

    answered: tuple[Answer, ...] = ()


@attrs.frozen
class PrepCounts:
    """Findings that ask something of the applicant, by state."""

    open: int = 0
    answered: int = 0
    waived: int = 0

    def __add__(self, other: PrepCounts) -> PrepCounts:
        return PrepCounts(self.open + other.open, self.answered + other.answered, self.waived + other.waived)

    def text(self, lang: str) -> str:
        """``Beredning: öppna 2, besvarade 1, undantagna 0``."""
        counts = WORDS["counts"][lang].format(open=self.open, answered=self.answered, waived=self.waived)
        return f"{WORDS['prep'][lang]}: {counts}"

    def data(self) -> dict[str, int]:
        """The counts as JSON numbers."""
        return {"open": self.open, "answered": self.answered, "waived": self.waived}


@attrs.frozen
class PrepStates:
    """The answers of one portfolio's state file."""

    path: Path
    answers: tuple[Answer, ...] = ()

    def answer_for(self, document: str, finding: Finding) -> int | None:
        """The index of the answer that covers this finding, if any."""
        for index, answer in enumerate(self.answers):
            if (
                answer.code == finding.code
                and answer.document == document
                and (not answer.subject or answer.subject == finding.subject)
            ):
                return index
        return None

    def unused_lines(self, documents: set[str], used: set[int], lang: str) -> list[str]:
        """Warnings for answers to a document that was judged but has no such finding."""
        lines = []
        for index, answer in enumerate(self.answers):
            if index in used or answer.document not in documents:
                continue
            where = f"{self.path}: $.answered[{index}]"
            lines.append(
                f"{where}: svaret på {answer.code} för {answer.document} matchade ingen öppen anmärkning"
                if lang == "sv"
                else f"{where}: the answer to {answer.code} on {answer.document} matched no finding"
            )
        return lines


def asks_something(finding: Finding) -> bool:
    """Whether a finding asks something of the applicant: a warning or worse, or a rule
    that could not judge (it counts at least as an error, :attr:`Finding.level`). Notes do
    not. Waived or not: a waived finding asked something and is ``waived``."""
    return finding.level >= Severity.WARNING


def state_of(finding: Finding, document: str, states: PrepStates | None) -> str | None:
    """``waived``, ``answered`` or ``open``; ``None`` for a finding that asks nothing."""
    if not asks_something(finding):
        return None
    if finding.waived_by is not None:
        return "waived"
    if states is not None and states.answer_for(document, finding) is not None:
        return "answered"
    return "open"


def counts(evaluation: Evaluation, states: PrepStates | None) -> PrepCounts:
    """Open, answered and waived findings of one evaluated document (or portfolio)."""
    tally = {"open": 0, "answered": 0, "waived": 0}
    for finding in evaluation.findings:
        state = state_of(finding, evaluation.id, states)
        if state is not None:
            tally[state] += 1
    return PrepCounts(**tally)


def used_answers(evaluation: Evaluation, states: PrepStates) -> set[int]:
    """The indexes of the answers that cover a finding of this evaluation."""
    used = set()
    for finding in evaluation.findings:
        if asks_something(finding) and finding.waived_by is None:
            index = states.answer_for(evaluation.id, finding)
            if index is not None:
                used.add(index)
    return used


def load_prep(path: Path) -> PrepStates:
    """Read and check a state file; raises :class:`InputError` naming file and key."""
    parsed = structure_as(path, read_toml(path), PrepFile)
    seen: dict[tuple[str, str, str], int] = {}
    for index, answer in enumerate(parsed.answered):
        key = (answer.code, answer.document, answer.subject)
        if key in seen:
            detail = texts("prep.same_answer", index=seen[key])
            raise InputError(path, [Problem(f"$.answered[{index}]", "invalid", {"detail": detail})])
        seen[key] = index
    return PrepStates(path, parsed.answered)


def prep_file(root: Path | None) -> Path | None:
    """The state file of a portfolio folder, if it has one."""
    if root is None or not (root / PREP_FILE).is_file():
        return None
    return root / PREP_FILE


@attrs.frozen
class BoardPrep:
    """The prep-group counts for a board report: per document id, and in total."""

    documents: tuple[tuple[str, PrepCounts], ...]
    total: PrepCounts


def board_counts(root: Path, evaluations: Iterable[Evaluation]) -> BoardPrep:
    """Open, answered and waived findings for the board report of the portfolio at ``root``.

    Give it every evaluation the report shows (applications, reports and the portfolio's
    own, waivers already applied) and it reads ``root/beredning.toml`` when there is one
    (without one, nothing is answered: findings are open or waived). Raises
    :class:`InputError` for a state file that cannot be read, naming file and key."""
    path = prep_file(root)
    states = load_prep(path) if path is not None else None
    rows = tuple((ev.id, counts(ev, states)) for ev in evaluations)
    return BoardPrep(rows, sum((c for _, c in rows), PrepCounts()))


@attrs.define
class PrepTracker:
    """For ``finsam screen``: finds each document's portfolio state file, reads it once,
    counts, and remembers unreadable files and unused answers for the end of the run."""

    _states: dict[Path, PrepStates | None] = attrs.field(factory=dict)
    errors: list[InputError] = attrs.field(factory=list)
    _seen: dict[Path, set[str]] = attrs.field(factory=dict)
    _used: dict[Path, set[int]] = attrs.field(factory=dict)
    _roots: dict[Path, Path | None] = attrs.field(factory=dict)

    def _for(self, document: Path) -> PrepStates | None:
        from finsam_rules.portfolio import find_portfolio_root

        folder = document.parent
        if folder not in self._roots:
            self._roots[folder] = prep_file(find_portfolio_root(document))
        path = self._roots[folder]
        if path is None:
            return None
        if path not in self._states:
            try:
                self._states[path] = load_prep(path)
            except InputError as exc:
                self._states[path] = None
                self.errors.append(exc)
        return self._states[path]

    def counts(self, document: Path, evaluation: Evaluation) -> PrepCounts | None:
        """The counts of one screened document; ``None`` outside a portfolio with a state
        file (or with an unreadable one, reported at the end)."""
        states = self._for(document)
        if states is None:
            return None
        self._seen.setdefault(states.path, set()).add(evaluation.id)
        self._used.setdefault(states.path, set()).update(used_answers(evaluation, states))
        return counts(evaluation, states)

    def warning_lines(self, lang: str) -> list[str]:
        """Answers that matched no finding of a document that was judged."""
        lines = []
        for path, states in self._states.items():
            if states is not None:
                lines += states.unused_lines(self._seen.get(path, set()), self._used.get(path, set()), lang)
        return lines
