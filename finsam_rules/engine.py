"""Evaluating documents and portfolios against the rules a policy enables.

The engine knows nothing about particular rules. For each enabled rule of the document's
scope it resolves the parameters in force on the document's date, runs the rule in
isolation (a rule that raises becomes a *not evaluated* finding naming its pack, or a
:class:`RuleCrash` under ``strict``), and computes the verdict.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import sys
import types
from collections.abc import Callable, Iterable, Mapping
from fractions import Fraction
from time import monotonic as _monotonic
from typing import Any

import attrs

from finsam_rules.formatting import LANGS, parsed_template
from finsam_rules.i18n import TEXTS, enum_words
from finsam_rules.isolation import (
    BOUNDARIES,
    Capture,
    FrozenDict,
    TimeLimitExceeded,
    Watch,
    current_watch,
    describe,
    freeze,
    is_user_interrupt,
    time_limit_text,
    timed_out_of,
    visible,
)
from finsam_rules.model import Application, Association, Document, Report, document_id
from finsam_rules.policy import Policy, interval_of
from finsam_rules.rules import (
    COMMON_MESSAGES,
    PLAIN_TYPES,
    Change,
    Check,
    Finding,
    FindingStatus,
    NotEvaluable,
    Remedy,
    Rule,
    Scope,
    Severity,
    Source,
    SourceKind,
)

#: The code of the finding that stands for a pack that could not be loaded.
PACK_FAILURE_CODE = "PACK"
NO_RULES = TEXTS["finding.no_rules"]
PACK_FAILED = TEXTS["finding.pack_failed"]


class Verdict(enum.StrEnum):
    """The preparation group's recommendation for a document.

    Applications are *tillstyrks*, *komplettering krävs* or *avstyrks*; reports have words
    of their own (a report is not "tillstyrkt"): *godkänns* (complete and on track),
    *komplettering krävs* (incomplete or inconsistent) and *avvikelse* (complete, but the
    project deviates from its targets or budget)."""

    APPROVE = "tillstyrks"
    REVISE = "komplettering krävs"
    REJECT = "avstyrks"
    ACCEPT = "godkänns"
    DEVIATION = "avvikelse"


#: Each verdict in words (the catalogue's ``verdict.*``).
VERDICT_NAMES = {v: enum_words(v) for v in Verdict}

#: The verdicts a report can get, in the order outputs count them.
REPORT_VERDICTS = (Verdict.ACCEPT, Verdict.DEVIATION, Verdict.REVISE)


def verdict_of(findings: Iterable[Finding], kind: str = "application") -> Verdict:
    """*avstyrks* for a blocker; *komplettering krävs* for an error or a rule that could not
    judge; *tillstyrks* otherwise. Waived findings do not count.

    A report (``kind="report"``) is *komplettering krävs* when it is incomplete or
    inconsistent (a blocker, an error or a rule that could not judge), *avvikelse* when it
    is complete but a warning says the project deviates from its targets or budget, and
    *godkänns* otherwise."""
    findings = tuple(findings)
    if kind == "report":
        if any(f.counts_at(Severity.ERROR) for f in findings):
            return Verdict.REVISE
        if any(f.counts_at(Severity.WARNING) and f.status is FindingStatus.FINDING for f in findings):
            return Verdict.DEVIATION
        return Verdict.ACCEPT
    if any(f.counts_at(Severity.BLOCKER) and f.status is FindingStatus.FINDING for f in findings):
        return Verdict.REJECT
    if any(f.counts_at(Severity.ERROR) for f in findings):
        return Verdict.REVISE
    return Verdict.APPROVE


class RuleCrash(Exception):
    """A rule failed (raised, ran past its time limit, or yielded what is no finding of its
    own) while ``strict`` was on."""

    def __init__(self, rule: Rule, error: BaseException, document: str = "", text: str = ""):
        where = f"{document}: " if document else ""
        super().__init__(f"{where}{rule.code} ({rule.pack}): {text or describe(error)}")
        self.rule = rule
        self.error = error


class InvalidFinding(Exception):
    """What a rule yielded is not a valid finding of its own (the rule's failure)."""


@attrs.frozen
class Evaluation:
    """The result for one document: its findings (sorted) and verdict."""

    document: Any
    kind: str
    id: str
    as_of: dt.date
    findings: tuple[Finding, ...]
    #: The recommendation these findings give, computed once (again by ``attrs.evolve``).
    verdict: Verdict = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "verdict", verdict_of(self.findings, self.kind))


def _subject_id(subject: Any) -> str:
    if isinstance(subject, Application | Report):
        return document_id(subject)
    return "portfolio"


def sort_findings(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """Findings in the order every output shows them: most severe first, then by code."""
    return tuple(sorted(findings, key=_sort_key))


def _sort_key(finding: Finding) -> tuple[object, ...]:
    return (
        -finding.severity,
        finding.code,
        finding.subject,
        finding.key,
        repr(sorted(finding.figures.items())),
    )


@attrs.define
class Engine:
    """Runs the rules enabled by a policy, each in isolation (see :mod:`finsam_rules.isolation`):
    whatever a rule does, its document is judged by the other rules and is not approved."""

    policy: Policy
    strict: bool = False
    as_of: dt.date | None = None
    _scopes: dict[Scope, list[Rule]] = attrs.field(factory=dict)
    # Resolved values are cached per interval between the policy's breakpoints (its
    # ``valid_from`` dates), not per date: documents of hundreds of dates share a few entries.
    _breaks: dict[str, tuple[dt.date, ...]] = attrs.field(factory=dict)
    _setting_breaks: tuple[dt.date, ...] | None = None
    _params: dict[tuple[str, int], Mapping[str, Any]] = attrs.field(factory=dict)
    _resolutions: dict[tuple[str, int], tuple[Mapping[str, Any], Mapping[str, str], Severity]] = attrs.field(
        factory=dict
    )
    _sources: dict[tuple[str, int], Mapping[str, str]] = attrs.field(factory=dict)
    _settings: dict[int, Mapping[str, Any]] = attrs.field(factory=dict)
    _frozen: dict[int, tuple[Any, Any]] = attrs.field(factory=dict)
    _capture: Capture | None = None  # while the rules of a document run
    _captures: Capture = attrs.field(factory=Capture)
    _limit: float = 0.0
    _watch: Watch | None = None  # the watch of the thread running the current document

    @property
    def time_limit(self) -> float:
        """Seconds each rule may run (the policy's ``rule_time_limit``)."""
        if not self._limit:
            self._limit = self.policy.rule_time_limit
        return self._limit

    def rules_for(self, scope: Scope) -> list[Rule]:
        """The enabled rules of one scope, by code."""
        if scope not in self._scopes:
            rules = self.policy.registry.rules
            self._scopes[scope] = [rules[c] for c in self.policy.enabled_codes() if rules[c].scope is scope]
        return self._scopes[scope]

    def _interval(self, rule: Rule, as_of: dt.date) -> int:
        """The interval between the rule's parameter breakpoints that ``as_of`` falls in."""
        breaks = self._breaks.get(rule.code)
        if breaks is None:
            breaks = self._breaks[rule.code] = self.policy.param_breakpoints(rule)
        return interval_of(breaks, as_of) if breaks else 0

    def params(self, rule: Rule, as_of: dt.date) -> Mapping[str, Any]:
        """The rule's parameter values in force on ``as_of`` (cached per interval between
        the policy's dates), read-only: no rule can change what another rule, or a later
        document, sees."""
        key = (rule.code, self._interval(rule, as_of))
        found = self._params.get(key)
        if found is None:
            if len(self._params) > 4096:
                self._params.clear()
            values = self.policy.params_for(rule, as_of)  # raises, uncached, when none is in force
            found = self._params[key] = FrozenDict({name: self._freeze(v) for name, v in values.items()})
        return found

    def _freeze(self, value: Any) -> Any:
        """A read-only value, frozen once per policy value (not once per date)."""
        if type(value) in _IMMUTABLE:
            return value
        kept = self._frozen.get(id(value))
        if kept is None or kept[0] is not value:
            kept = (value, freeze(value))  # the original is kept, so its id stays its own
            self._frozen[id(value)] = kept
        return kept[1]

    def param_sources(self, rule: Rule, as_of: dt.date) -> Mapping[str, str]:
        """Where each parameter value in force came from (its source text, else its file)."""
        key = (rule.code, self._interval(rule, as_of))
        found = self._sources.get(key)
        if found is None:
            if len(self._sources) > 4096:
                self._sources.clear()
            resolved = (self.policy.param(rule, p.name, as_of) for p in rule.params)
            found = self._sources[key] = FrozenDict(
                {p.name: r.source or r.origin for p, r in zip(rule.params, resolved, strict=True)}
            )
        return found

    def run_rule(self, rule: Rule, subject: Any, as_of: dt.date, **context: Any) -> list[Finding]:
        """Run one rule in isolation and return its findings: what it yielded, each checked
        and rendered in every language; or, when it raised, ran past the time limit or
        yielded something else, one *not evaluated* finding (:class:`RuleCrash` under
        ``strict``). Its output to stdout or stderr is shown on stderr, named."""
        if self._capture is None:
            started = self._start_capture()
            try:
                return self.run_rule(rule, subject, as_of, **context)
            finally:
                self._stop_capture(started)
        params, sources, severity = self._resolved(rule, as_of)
        check = Check(
            rule=rule,
            params=params,
            as_of=as_of,
            severity=severity,
            settings=self.settings(as_of),
            param_sources=sources,
            **context,
        )
        return self._judged(rule, subject, check)

    def _resolved(self, rule: Rule, as_of: dt.date) -> tuple[Mapping[str, Any], Mapping[str, str], Severity]:
        """The rule's parameters, their sources and its severity on ``as_of``: one lookup
        per rule and document (cached per interval between the policy's dates)."""
        key = (rule.code, self._interval(rule, as_of))
        found = self._resolutions.get(key)
        if found is None:
            if len(self._resolutions) > 4096:
                self._resolutions.clear()
            severity = self.policy.severity_of(rule)[0]
            found = (self.params(rule, as_of), self.param_sources(rule, as_of), severity)
            self._resolutions[key] = found
        return found

    def _judged(self, rule: Rule, subject: Any, check: Check) -> list[Finding]:
        """:meth:`run_rule` once its check is made (and output is being captured)."""
        capture = self._capture
        assert capture is not None  # set by run_rule or evaluate for the document
        watch = self._watch or current_watch()  # set, with the capture, for this document
        limit = self._limit or self.time_limit
        caught: BaseException | None = None
        error = ""
        fast = watch.uses_signal  # the timer is kept armed: a deadline is a clock read
        try:
            if fast:
                if not watch.alarm_at:
                    watch.prepare(limit)
                watch.fired = False
                watch.deadline = _monotonic() + limit
            else:
                watch.begin(limit)
            try:
                try:
                    found = _judge(rule, subject, check)
                except BaseException as exc:
                    if is_user_interrupt(exc):
                        raise
                    caught, error = exc, describe(exc)  # its text is pack code too: still watched
            finally:
                if fast:
                    watch.deadline = None
                    timed_out = watch.fired and watch.end()  # end() cleans up after a stop
                else:
                    timed_out = watch.end()
        except BaseException as exc:  # the stop came between the rule's end and the watch's
            watch.end()
            if is_user_interrupt(exc):
                raise
            caught, timed_out = exc, True
        if timed_out or (caught is not None and timed_out_of(caught, watch)):
            caught, error = caught or TimeLimitExceeded(), time_limit_text(limit)
        if capture.buffer.written or sys.stdout is not capture.buffer or sys.stderr is not capture.buffer:
            text = capture.take()
            if text:
                capture.report(rule.pack, f"{rule.code}, {_subject_id(subject)}", text)
        if caught is None:
            return found
        if self.strict:
            raise RuleCrash(rule, caught, _subject_id(subject), error) from caught
        return [_failure(check, error)]

    def pack_failures(self) -> list[Finding]:
        """A not-evaluated finding per pack that failed to load: its rules could not judge,
        so no document may be approved until the pack is repaired. With no rules loaded at
        all, nothing was judged, and that is said too."""
        out = []
        if not self.policy.registry.rules:
            figures = {"pack": "-", "what": "registry", "error": "no rules are loaded"}
            out.append(
                Finding(
                    code=PACK_FAILURE_CODE,
                    severity=Severity.ERROR,
                    status=FindingStatus.NOT_EVALUATED,
                    key="pack_failed",
                    templates=NO_RULES,
                    source=Source(SourceKind.PLAN, "-"),
                    params={},
                    figures=figures,
                    values=figures,
                    pack="-",
                )
            )
        for error in self.policy.registry.load_errors:
            figures = {"pack": error.pack, "what": error.what, "error": error.error}
            out.append(
                Finding(
                    code=PACK_FAILURE_CODE,
                    severity=Severity.ERROR,
                    status=FindingStatus.NOT_EVALUATED,
                    key="pack_failed",
                    templates=PACK_FAILED,
                    source=Source(SourceKind.PLAN, error.pack),
                    params={},
                    figures=figures,
                    values=figures,
                    pack=error.pack,
                )
            )
        return out

    def settings(self, as_of: dt.date) -> Mapping[str, Any]:
        """The named policy settings in force on ``as_of`` (cached per interval between the
        settings' dates), read-only."""
        breaks = self._setting_breaks
        if breaks is None:
            breaks = self._setting_breaks = self.policy.setting_breakpoints()
        key = interval_of(breaks, as_of) if breaks else 0
        found = self._settings.get(key)
        if found is None:
            if len(self._settings) > 4096:
                self._settings.clear()
            found = self._settings[key] = freeze(self.policy.settings_for(as_of))
        return found

    def _start_capture(self) -> Capture | None:
        """Capture pack output while the rules of one document run (``None`` when already)."""
        if self._capture is not None:
            return None
        self._watch = current_watch()
        self._watch.prepare(self._limit or self.time_limit)
        self._capture = self._captures.__enter__()
        return self._capture

    def _stop_capture(self, capture: Capture | None) -> None:
        if capture is not None:
            self._capture = None
            capture.__exit__()

    def evaluate(
        self,
        doc: Document,
        association: Association | None = None,
        application_for: Callable[[str], Application | None] = lambda project: None,
    ) -> Evaluation:
        """Evaluate an application or a report against the enabled rules of its scope."""
        scope = Scope.APPLICATION if isinstance(doc, Application) else Scope.REPORT
        as_of = self.as_of or doc.as_of
        findings: list[Finding] = []
        capture = self._start_capture()
        try:
            settings = self.settings(as_of)  # once per document, shared by its rules
            for rule in self.rules_for(scope):
                params, sources, severity = self._resolved(rule, as_of)
                check = Check(
                    rule=rule,
                    params=params,
                    as_of=as_of,
                    association=association,
                    application_for=application_for,
                    severity=severity,
                    settings=settings,
                    param_sources=sources,
                )
                findings.extend(self._judged(rule, doc, check))
        finally:
            self._stop_capture(capture)
        findings.extend(self.pack_failures())
        return Evaluation(
            document=doc,
            kind="application" if isinstance(doc, Application) else "report",
            id=document_id(doc),
            as_of=as_of,
            findings=tuple(sorted(findings, key=_sort_key)),
        )

    def evaluate_portfolio(self, portfolio: Any, year: int) -> Evaluation:
        """Evaluate the portfolio rules for one year, judged as of the year's last day."""
        as_of = self.as_of or dt.date(year, 12, 31)
        findings: list[Finding] = []
        capture = self._start_capture()
        try:
            for rule in self.rules_for(Scope.PORTFOLIO):
                findings.extend(
                    self.run_rule(
                        rule,
                        portfolio,
                        as_of,
                        association=portfolio.association,
                        application_for=portfolio.application,
                        portfolio=portfolio,
                    )
                )
        finally:
            self._stop_capture(capture)
        findings.extend(self.pack_failures())
        return Evaluation(
            document=portfolio,
            kind="portfolio",
            id=f"portfolio/{year}",
            as_of=as_of,
            findings=tuple(sorted(findings, key=_sort_key)),
        )


#: Types whose values nobody can change: parameters of these are passed as they are.
_IMMUTABLE = frozenset({int, float, bool, str, Fraction, dt.date, type(None)})
#: Types whose formatting in a message runs no code of a pack.
_FORMATS_SAFELY = frozenset({int, float, bool, str, type(None), dt.date, Fraction})


def _judge(rule: Rule, subject: Any, check: Check) -> list[Finding]:
    """Run the rule's function and check every finding it yields (rendering its message in
    every language, so a broken template or figure is the rule's failure, here)."""
    try:
        if rule.needs_association and check.association is None:
            raise NotEvaluable("no_association")
        produced = rule.function(subject, check)
        try:
            found = list(produced)
        except BaseException:
            if isinstance(produced, types.GeneratorType):
                produced.close()  # now, inside the isolation, never later by the collector
            raise
    except NotEvaluable as missing:
        found = [check.not_evaluated(missing.key, **missing.figures)]
    for finding in found:
        _validate(finding, check)
    return found


BOUNDARIES.add(_judge.__code__)  # a stop raised in the rule never reaches past _judge


def _validate(finding: object, check: Check) -> None:
    """Raise :class:`InvalidFinding` unless ``finding`` is a finding the rule may yield:
    under its own code, pack and source, at its severity (or a note), with the parameters
    in force, plain figures, no waiver, and a message in every language."""
    if type(finding) is not Finding:
        raise InvalidFinding(f"yielded {_a(finding)}, not a finding (use check.finding(...))")
    rule = check.rule
    code = finding.code
    if type(code) is not str or code != rule.code:
        raise InvalidFinding(f"yielded a finding under another code ({_shown(code)})")
    if finding.pack != rule.pack or (finding.source is not rule.source and finding.source != rule.source):
        raise InvalidFinding("yielded a finding under another pack or source")
    status = finding.status
    if status is not FindingStatus.FINDING and status is not FindingStatus.NOT_EVALUATED:
        raise InvalidFinding(f"yielded a finding with the status {_shown(status)}")
    severity = finding.severity
    if severity is not Severity.INFO and severity is not (check.severity or rule.severity):
        raise InvalidFinding(
            f"yielded a finding at the severity {_shown(severity)}, not the policy's "
            f"{check.effective_severity.label} (or a note)"
        )
    if finding.waived_by is not None:
        raise InvalidFinding("yielded a finding marked as waived")
    if finding._rendered:
        raise InvalidFinding("yielded a finding with its message already written")
    if type(finding.key) is not str or type(finding.subject) is not str:
        raise InvalidFinding("yielded a finding whose key or subject is not a text")
    # A finding may show only the parameters it used (a subset), never other values.
    if finding.params is not check.params and not _subset_of(finding.params, check.params):
        raise InvalidFinding("yielded a finding with parameters other than those in force")
    if finding.param_sources is not check.param_sources and not _subset_of(
        finding.param_sources, check.param_sources
    ):
        raise InvalidFinding("yielded a finding with parameter sources other than those in force")
    if not _plain_mapping(finding.figures, 0):
        raise InvalidFinding("yielded a finding whose figures are not plain numbers, texts, dates or lists")
    for lang in _languages_to_render(finding.templates, finding.values):
        try:
            message = finding.message(lang)  # renders, and keeps, the message
        except KeyError as missing:
            raise InvalidFinding(
                f"the {lang} message {_shown(finding.key)} names a figure it was not given ({missing})"
            ) from None
        except Exception as exc:
            raise InvalidFinding(
                f"the {lang} message {_shown(finding.key)} could not be written ({describe(exc)})"
            ) from None
        if type(message) is not str:
            raise InvalidFinding(f"yielded a finding whose {lang} message is not a text")
    if finding.remedy is not None:
        _validate_remedy(finding.remedy)


def _validate_remedy(remedy: object) -> None:
    """Raise :class:`InvalidFinding` unless ``remedy`` is a :class:`Remedy` whose changes
    are key paths with plain values, and whose message renders in every language (here,
    inside the rule's isolation)."""
    if type(remedy) is not Remedy:
        raise InvalidFinding(
            f"yielded a finding whose remedy is {_a(remedy)}, not a remedy (use check.remedy(...))"
        )
    if remedy._rendered:
        raise InvalidFinding("yielded a remedy with its message already written")
    if type(remedy.path) is not str or (remedy.path and not remedy.path.startswith("$")):
        raise InvalidFinding("yielded a remedy whose path is not a key path")
    if type(remedy.key) is not str or type(remedy.changes) is not tuple:
        raise InvalidFinding("yielded a remedy whose key is not a text or that changes nothing")
    if not remedy.changes and not remedy.path:
        raise InvalidFinding("yielded a remedy whose key is not a text or that changes nothing")
    for change in remedy.changes:
        if type(change) is not Change or type(change.path) is not str or not change.path.startswith("$"):
            raise InvalidFinding("yielded a remedy whose changes are not Change(key path, value)")
        if type(change.value) not in PLAIN_TYPES and not _plain_value(change.value, 0):
            raise InvalidFinding("yielded a remedy whose values are not plain numbers, texts, dates or lists")
    if type(remedy.new_document) is not bool:
        raise InvalidFinding("yielded a remedy whose new_document is not true or false")
    if not isinstance(remedy.values, dict) or not isinstance(remedy.templates, Mapping):
        raise InvalidFinding("yielded a remedy whose figures or templates are not tables")
    for lang in _languages_to_render(remedy.templates, remedy.values):
        try:
            message = remedy.message(lang)
        except KeyError as missing:
            raise InvalidFinding(
                f"the {lang} remedy {_shown(remedy.key)} names a figure it was not given ({missing})"
            ) from None
        except Exception as exc:
            raise InvalidFinding(
                f"the {lang} remedy {_shown(remedy.key)} could not be written ({describe(exc)})"
            ) from None
        if type(message) is not str:
            raise InvalidFinding(f"yielded a remedy whose {lang} message is not a text")


def _languages_to_render(templates: Mapping[str, str], values: Mapping[str, Any]) -> tuple[str, ...]:
    """The languages whose message (of a finding or a remedy) must be rendered now, inside
    the rule's isolation.

    Every language, unless the templates of all languages name the same fields (a word
    ``x_sv`` in Swedish standing for ``x_en`` in English) with the same formats, and every
    value they name is a plain number, text or date, or a list of them: then the first
    language proves the others (their formatting runs the same code on values of the same
    kind, and no code of a pack), and they are rendered when an output asks for them. So no
    message can fail after the verdict, and screening costs no second rendering."""
    known = _SHAPES.get(id(templates))
    if known is None or known[0] is not templates:
        known = (templates, _shared_fields(tuple(templates[lang] for lang in LANGS)))
        if len(_SHAPES) > 4096:
            _SHAPES.clear()
        _SHAPES[id(templates)] = known  # the templates are kept, so their id stays theirs
    fields = known[1]
    if fields is None:
        return LANGS
    for field in fields:
        if field.endswith("_*"):
            for lang in LANGS:
                if not _formats_safely(values.get(f"{field[:-2]}_{lang}"), 0):
                    return LANGS
        elif not _formats_safely(values.get(field), 0):
            return LANGS
    return LANGS[:1]


def _formats_safely(value: object, depth: int) -> bool:
    """Whether formatting ``value`` runs no code of a pack: a plain number, text or date, or
    a list of them (nested at most 4 deep)."""
    kind = type(value)
    if kind in _FORMATS_SAFELY:
        return True
    if (kind is list or kind is tuple) and depth < 4:
        return all(_formats_safely(item, depth + 1) for item in value)  # type: ignore[attr-defined]
    return False


_SHAPES: dict[int, tuple[Mapping[str, str], frozenset[str] | None]] = {}


@functools.lru_cache(maxsize=4096)
def _shared_fields(templates: tuple[str, ...]) -> frozenset[str] | None:
    """The fields the templates (one per language, in :data:`LANGS` order) share, a word
    of the language named ``x_*``; ``None`` when they differ in fields, formats or
    conversions, or use more than plain names."""
    shapes = set()
    for lang, template in zip(LANGS, templates, strict=True):
        fields = []
        for _, field, spec, conversion in parsed_template(template):
            if field is None:
                continue
            if not field.isidentifier():
                return None
            if field.endswith(f"_{lang}"):
                field = f"{field[: -len(lang) - 1]}_*"
            fields.append((field, spec, conversion))
        shapes.add(tuple(sorted(fields)))
    if len(shapes) != 1:
        return None
    return frozenset(field for field, _, _ in shapes.pop())


def _plain_mapping(figures: object, depth: int) -> bool:
    """Whether ``figures`` is a dict of text keys and plain values, nested at most 8 deep."""
    if not isinstance(figures, dict):
        return False
    for key, value in figures.items():
        if type(key) is not str or (type(value) not in PLAIN_TYPES and not _plain_value(value, depth)):
            return False
    return True


def _plain_value(value: object, depth: int) -> bool:
    if depth >= 8:
        return False
    if type(value) is list or type(value) is tuple:
        return all(type(item) in PLAIN_TYPES or _plain_value(item, depth + 1) for item in value)
    return _plain_mapping(value, depth + 1)


def _a(value: object) -> str:
    """``a str``, ``None``: what a value is, without running any of its code."""
    if value is None:
        return "None"
    return f"a {type(value).__name__}"


def _subset_of(shown: Mapping[str, Any], in_force: Mapping[str, Any]) -> bool:
    """Whether every parameter ``shown`` is one in force, with the value in force."""
    return all(name in in_force and in_force[name] == value for name, value in shown.items())


def _shown(value: object) -> str:
    if type(value) is str or isinstance(value, enum.Enum):
        return visible(repr(value.value if isinstance(value, enum.Enum) else value))[:60]
    return _a(value)


def _failure(check: Check, error: str) -> Finding:
    """The *not evaluated* finding of a rule that failed: made here, from the common message
    (never the rule's own), so it can be shown whatever the rule did."""
    rule = check.rule
    figures = {"code": rule.code, "pack": rule.pack, "error": error}
    finding = Finding(
        code=rule.code,
        severity=check.effective_severity,
        status=FindingStatus.NOT_EVALUATED,
        key="rule_crashed",
        templates=COMMON_MESSAGES["rule_crashed"],
        source=rule.source,
        params=check.params,
        figures=figures,
        values=figures,
        pack=rule.pack,
        param_sources=check.param_sources,
    )
    for lang in LANGS:
        finding.message(lang)
    return finding
