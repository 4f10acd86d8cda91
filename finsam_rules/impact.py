"""What a change of policy would change: proposals, findings and goals.

:func:`policy_impact` judges every document under two policies, and the year's goals of
every portfolio the documents belong to, and keeps only what differs: documents whose
proposal flips, findings that appear or disappear, goals whose status flips.
:func:`record_impact` replays decision records under a new policy, each document as of
the date it was decided, and says which past decisions would have gone otherwise.

Findings are compared by meaning, never by message text: two findings are the same when
code, severity, status, subject and figures agree (:class:`Meaning`). A policy that only
rewords a message, or moves a threshold without changing what is found, changes nothing.

Both functions reuse the screening pipeline (:class:`~finsam_rules.screening.Screener`)
for discovery, portfolio context and evaluation; only the policy is fixed, so ``OLD`` and
``NEW`` replace every portfolio's own ``finsam.toml`` alike.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from finsam_rules.engine import Engine, Verdict, verdict_of
from finsam_rules.errors import InputError, PolicyError, Problem
from finsam_rules.formatting import LANGS
from finsam_rules.i18n import TEXTS, texts
from finsam_rules.portfolio import find_portfolio_root, load_portfolio
from finsam_rules.render.common import error_lines, plain
from finsam_rules.rules import Finding, Scope
from finsam_rules.screening import Screened, Screener

if TYPE_CHECKING:
    from finsam_rules.engine import Evaluation
    from finsam_rules.plugins import Registry
    from finsam_rules.policy import Policy

#: Goal status of a portfolio rule the policy does not use.
NOT_USED = "not_used"


@attrs.frozen(order=True)
class Meaning:
    """What identifies a finding for comparison: not its message, not its place."""

    code: str
    severity: str  # the severity label: blocker, error, warning, info
    status: str  # finding or not_evaluated
    subject: str
    figures: str  # the figures as canonical JSON (sorted keys)


def canonical_figures(figures: Mapping[str, Any]) -> str:
    """Figures as canonical JSON, so a live finding and a recorded one compare equal."""
    return json.dumps(plain(dict(figures)), ensure_ascii=False, sort_keys=True)


def meaning_of(finding: Finding) -> Meaning:
    """The meaning of a finding the engine gave."""
    return Meaning(
        finding.code,
        finding.severity.label,
        finding.status.value,
        finding.subject,
        canonical_figures(finding.figures),
    )


@attrs.frozen
class Judged:
    """A finding reduced to what the comparison needs: its meaning, and its messages
    (rendered only for findings that change, from the live finding when there is one)."""

    meaning: Meaning
    recorded: Mapping[str, str] = attrs.field(factory=dict)
    waived: bool = False
    # A recorded waiver: the subject it was limited to ("" = every finding of its code).
    waiver_subject: str = ""
    finding: Finding | None = attrs.field(default=None, eq=False, repr=False)

    def messages(self) -> dict[str, str]:
        """The message in every language."""
        return dict(self.finding.messages) if self.finding is not None else dict(self.recorded)


def judged(finding: Finding) -> Judged:
    """A live finding as :class:`Judged`."""
    return Judged(meaning_of(finding), waived=finding.waived_by is not None, finding=finding)


@attrs.frozen
class FindingChange:
    """A finding that one policy gives and the other does not."""

    document: str  # the document id, or portfolio/YEAR for goals
    path: str
    change: str  # "appears" (only under the new policy) or "disappears"
    meaning: Meaning
    messages: Mapping[str, str]


@attrs.frozen
class Flip:
    """A document whose proposal (verdict) differs between the two policies."""

    document: str
    path: str
    kind: str  # application or report
    before: Verdict
    after: Verdict


@attrs.frozen
class GoalFlip:
    """A goal of the plan (a portfolio rule) whose status for the year differs."""

    portfolio: str  # the portfolio folder
    year: int
    code: str
    title: Mapping[str, str]
    before: str  # met, not_met, not_checkable, information or not_used
    after: str


@attrs.frozen
class Unreadable:
    """An input that could not be judged, with its located error lines per language."""

    path: str
    lines: Mapping[str, tuple[str, ...]]


@attrs.frozen
class Impact:
    """Everything that differs between the old and the new outcome."""

    before: str  # what the outcome is compared against: a policy, or "records"
    after: str  # the new policy
    documents: int  # documents (or records) judged under both
    goals: int  # goals compared
    flips: tuple[Flip, ...]
    findings: tuple[FindingChange, ...]
    goal_flips: tuple[GoalFlip, ...]
    unreadable: tuple[Unreadable, ...]
    notes: tuple[Unreadable, ...] = ()  # warnings that do not stop the comparison

    @property
    def changed(self) -> bool:
        """Whether anything at all would change."""
        return bool(self.flips or self.findings or self.goal_flips)

    def counts_by_code(self) -> dict[str, tuple[int, int]]:
        """Per rule code: (findings that appear, findings that disappear), by code."""
        counts: dict[str, list[int]] = {}
        for change in self.findings:
            pair = counts.setdefault(change.meaning.code, [0, 0])
            pair[0 if change.change == "appears" else 1] += 1
        return {code: (a, d) for code, (a, d) in sorted(counts.items())}


def compare_findings(
    document: str, path: str, before: Sequence[Judged], after: Sequence[Judged]
) -> list[FindingChange]:
    """Findings that appear or disappear, as multisets of meanings (a finding given twice
    before and once after disappears once), in a stable order."""
    old = {j.meaning: j for j in before}
    new = {j.meaning: j for j in after}
    a = Counter(j.meaning for j in before)
    b = Counter(j.meaning for j in after)
    changes = []
    for meaning, count in sorted((b - a).items()):
        changes += [FindingChange(document, path, "appears", meaning, new[meaning].messages())] * count
    for meaning, count in sorted((a - b).items()):
        changes += [FindingChange(document, path, "disappears", meaning, old[meaning].messages())] * count
    return changes


def goal_status(findings: Iterable[Finding]) -> str:
    """A goal's status from its rule's findings, as the board report states it: met,
    not_met (a warning or worse), not_checkable, or information (a figure only): the
    board's own :func:`finsam_rules.board.goal_status`, so both say the same."""
    from finsam_rules.board import goal_status as board_goal_status

    return board_goal_status(list(findings)).value


@attrs.define
class FixedPolicyScreener(Screener):
    """The screening pipeline with one policy for every portfolio, its own ``finsam.toml``
    notwithstanding (``standard`` included, which ``--policy`` cannot express)."""

    fixed: Policy | None = None

    def policy_for(self, path: Path | None) -> Policy:
        """The fixed policy, whatever the portfolio configures."""
        assert self.fixed is not None
        return self.fixed


def _unreadable(error: InputError | PolicyError) -> Unreadable:
    return Unreadable(str(error.path), {lang: tuple(error_lines(error, lang)) for lang in LANGS})


def _document_changes(path: str, old: Evaluation, new: Evaluation) -> tuple[Flip | None, list[FindingChange]]:
    before, after = list(old.findings), list(new.findings)
    if len(before) == len(after):  # most findings are the very same under both: skip them
        pairs = [(x, y) for x, y in zip(before, after, strict=True) if x != y]
        before, after = [x for x, _ in pairs], [y for _, y in pairs]
    changes = compare_findings(old.id, path, [judged(f) for f in before], [judged(f) for f in after])
    flip = Flip(old.id, path, old.kind, old.verdict, new.verdict) if old.verdict != new.verdict else None
    return flip, changes


def _goals(
    root: Path, old: Policy, new: Policy, as_of: dt.date | None
) -> tuple[int, list[GoalFlip], list[FindingChange]]:
    """Compare one portfolio's goals under both policies (raises InputError when the
    portfolio cannot be loaded)."""
    portfolio = load_portfolio(root)
    year = portfolio.year
    evaluations = [Engine(p, as_of=as_of).evaluate_portfolio(portfolio, year) for p in (old, new)]
    before, after = evaluations
    changes = compare_findings(
        before.id, str(root), [judged(f) for f in before.findings], [judged(f) for f in after.findings]
    )
    rules = old.registry.rules
    codes = sorted({c for p in (old, new) for c in p.enabled_codes() if rules[c].scope is Scope.PORTFOLIO})
    flips = []
    for code in codes:
        states = [
            goal_status([f for f in ev.findings if f.code == code]) if code in p.enabled_codes() else NOT_USED
            for p, ev in ((old, before), (new, after))
        ]
        if states[0] != states[1]:
            flips.append(GoalFlip(str(root), year, code, dict(rules[code].title), states[0], states[1]))
    return len(codes), flips, changes


def policy_impact(
    registry: Registry,
    old: Policy,
    new: Policy,
    paths: list[Path],
    as_of: dt.date | None = None,
    *,
    old_name: str = "",
    new_name: str = "",
) -> Impact:
    """Judge every document under ``paths``, and the goals of every portfolio they lie in,
    under ``old`` and ``new``; return what differs. Unreadable inputs are listed and the
    rest is still compared."""
    screeners = [FixedPolicyScreener(registry, as_of=as_of, fixed=policy) for policy in (old, new)]
    flips: list[Flip] = []
    changes: list[FindingChange] = []
    unreadable: list[Unreadable] = []
    roots: dict[Path, Path | None] = {}
    documents = 0
    for a, b in _lockstep(screeners[0].screen(paths), screeners[1].screen(paths)):
        if a.evaluation is None or b.evaluation is None:
            error = a.error or b.error
            if error is not None:
                unreadable.append(_unreadable(error))
            continue
        documents += 1
        flip, found = _document_changes(str(a.path), a.evaluation, b.evaluation)
        if flip is not None:
            flips.append(flip)
        changes += found
        if a.path.parent not in roots:
            roots[a.path.parent] = _root_of(a.path)
    goals, goal_flips = 0, []
    seen = {u.path for u in unreadable}
    # Each portfolio once, however its path is spelled (relative, absolute).
    for root in {r.resolve(): r for r in roots.values() if r is not None}.values():
        try:
            count, flipped, found = _goals(root, old, new, as_of)
        except InputError as exc:  # the association: already reported with the documents
            if str(exc.path) not in seen:
                unreadable.append(_unreadable(exc))
            continue
        goals += count
        goal_flips += flipped
        changes += found
    return Impact(
        old_name or old.meta.origin,
        new_name or new.meta.origin,
        documents,
        goals,
        tuple(flips),
        tuple(changes),
        tuple(goal_flips),
        tuple(unreadable),
    )


def _root_of(path: Path) -> Path | None:
    """The portfolio folder of a document, spelled as the document's path is (relative
    stays relative), so outputs do not depend on where the folder lies."""
    return find_portfolio_root(path, as_written=True)


def _lockstep(a: Iterator[Screened], b: Iterator[Screened]) -> Iterator[tuple[Screened, Screened]]:
    """Pairs of results for the same input from two screenings of the same paths."""
    for x, y in zip(a, b, strict=True):
        if x.path != y.path:  # pragma: no cover - both walk the same paths the same way
            raise RuntimeError(f"screenings diverged: {x.path} against {y.path}")
        yield x, y


# -- decision records --------------------------------------------------------------------


@attrs.frozen
class RecordedDecision:
    """The documented fields of a decision record that a replay needs."""

    record: Path
    document: str  # the document id ("" when the record does not say)
    kind: str
    path: Path  # the document file
    sha256: str  # of the document when it was decided ("" when the record holds none)
    as_of: dt.date
    findings: tuple[Judged, ...]
    verdict: Verdict


_JSON_OBJECT = TEXTS["type.json_object"]


def _json_type(value: Any) -> str:
    """The JSON name of a parsed value's type, for messages."""
    names = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}
    return names.get(type(value), "number")


def _record_finding(data: Any, where: str, path: Path, lang: str) -> Judged:
    if not isinstance(data, dict):
        raise InputError(path, [Problem(where, "type", {"expected": _JSON_OBJECT, "got": _json_type(data)})])
    for key in ("code", "severity", "status", "figures"):
        if key not in data:
            raise InputError(path, [Problem(f"{where}.{key}", "missing")])
    meaning = Meaning(
        str(data["code"]),
        str(data["severity"]),
        str(data["status"]),
        str(data.get("subject", "")),
        canonical_figures(data["figures"] if isinstance(data["figures"], dict) else {}),
    )
    message = str(data.get("message", ""))
    waiver = data.get("waiver")
    subject = str(waiver.get("subject") or "") if isinstance(waiver, dict) else ""
    return Judged(meaning, dict.fromkeys(LANGS, message), waiver is not None, subject)


def read_record(path: Path) -> RecordedDecision:
    """The documented fields of a decision record (document path, as-of date, findings,
    verdict); raises :class:`InputError` naming the key that is missing or wrong."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(path, [Problem("", "not_found")]) from None
    except OSError as exc:
        raise InputError(path, [Problem("", "unreadable", {"detail": exc.strerror})]) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(path, [Problem("", "unreadable", {"detail": str(exc)})]) from None
    if not isinstance(data, dict):
        raise InputError(path, [Problem("$", "type", {"expected": _JSON_OBJECT, "got": _json_type(data)})])
    for key in ("document", "as_of", "findings", "verdict"):
        if key not in data:
            raise InputError(path, [Problem(f"$.{key}", "missing")])
    document = data["document"]
    if not isinstance(document, dict) or "path" not in document:
        raise InputError(path, [Problem("$.document.path", "missing")])
    try:
        as_of = dt.date.fromisoformat(str(data["as_of"]))
    except ValueError:
        raise InputError(path, [Problem("$.as_of", "date", {"got": str(data["as_of"])})]) from None
    try:
        verdict = Verdict(data["verdict"])
    except ValueError:
        raise InputError(
            path,
            [Problem("$.verdict", "enum", {"got": str(data["verdict"]), "allowed": ", ".join(Verdict)})],
        ) from None
    if not isinstance(data["findings"], list):
        expected = TEXTS["type.json_array"]
        got = _json_type(data["findings"])
        raise InputError(path, [Problem("$.findings", "type", {"expected": expected, "got": got})])
    lang = "sv"  # records are written in Swedish; the message is kept for display only
    findings = tuple(
        _record_finding(f, f"$.findings[{i}]", path, lang) for i, f in enumerate(data["findings"])
    )
    return RecordedDecision(
        record=path,
        document=str(document.get("id", "")),
        kind=str(document.get("kind", "")),
        path=Path(document["path"]),
        sha256=str(document.get("sha256", "")),
        as_of=as_of,
        findings=findings,
        verdict=verdict,
    )


def _changed_note(decision: RecordedDecision) -> Unreadable | None:
    from finsam_rules.records import sha256

    if not decision.sha256 or sha256(decision.path) == decision.sha256:
        return None
    text = texts("impact.document_changed", path=decision.path, record=decision.record)
    return Unreadable(str(decision.path), {lang: (text[lang],) for lang in LANGS})


def _replayed(screener: Screener, path: Path, unreadable: list[Unreadable]) -> Screened | None:
    """The document of a record judged again, or ``None`` with its errors noted."""
    results = list(screener.screen([path]))
    item = next((r for r in results if r.evaluation is not None), None)
    if item is None:
        unreadable += [_unreadable(r.error) for r in results if r.error is not None]
    return item


def record_files(paths: Iterable[Path]) -> list[Path]:
    """The record files named: a folder stands for every ``*.json`` under it, sorted."""
    files: list[Path] = []
    for path in paths:
        files += sorted(path.rglob("*.json")) if path.is_dir() else [path]
    return files


def record_impact(registry: Registry, new: Policy, records: list[Path], *, new_name: str = "") -> Impact:
    """Replay decision records under ``new``: each document as of the date it was decided,
    with the findings the board waived then still waived. Returns the decisions that would
    have gone otherwise and the findings that appear or disappear."""
    own = FixedPolicyScreener(registry, fixed=new)
    screeners: dict[dt.date, Screener] = {}
    flips: list[Flip] = []
    changes: list[FindingChange] = []
    unreadable: list[Unreadable] = []
    notes: list[Unreadable] = []
    documents = 0
    for record in record_files(records):
        try:
            decision = read_record(record)
        except InputError as exc:
            unreadable.append(_unreadable(exc))
            continue
        # Most documents were judged as of their own date: one screener (and one context
        # per portfolio) serves them all; a record made with --as-of gets a dated one.
        item = _replayed(own, decision.path, unreadable)
        if item is not None and item.evaluation is not None and item.evaluation.as_of != decision.as_of:
            if decision.as_of not in screeners:
                screeners[decision.as_of] = FixedPolicyScreener(registry, as_of=decision.as_of, fixed=new)
            item = _replayed(screeners[decision.as_of], decision.path, unreadable)
        if item is None or item.evaluation is None:
            continue
        note = _changed_note(decision)
        if note is not None:
            notes.append(note)
        documents += 1
        # A waiver names a code and a document (and maybe a subject), as the waiver file
        # does: it still covers the finding when the new policy changes its severity.
        waivers = [(j.meaning.code, j.waiver_subject) for j in decision.findings if j.waived]
        now = [judged(f) for f in item.evaluation.findings]
        verdict = verdict_of(
            (
                f
                for f in item.evaluation.findings
                if not any(
                    code == f.code and (not subject or subject == f.subject) for code, subject in waivers
                )
            ),
            item.evaluation.kind,
        )
        path = str(decision.path)
        document = decision.document or item.evaluation.id
        changes += compare_findings(document, path, decision.findings, now)
        if verdict != decision.verdict:
            kind = decision.kind or item.evaluation.kind
            flips.append(Flip(document, path, kind, decision.verdict, verdict))
    return Impact(
        "records",
        new_name or new.meta.origin,
        documents,
        0,
        tuple(flips),
        tuple(changes),
        (),
        tuple(unreadable),
        tuple(notes),
    )
