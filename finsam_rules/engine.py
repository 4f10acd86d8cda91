"""Evaluating documents and portfolios against the rules a policy enables.

The engine knows nothing about particular rules. For each enabled rule of the document's
scope it resolves the parameters in force on the document's date, runs the rule in
isolation (a rule that raises becomes a *not evaluated* finding naming its pack, or a
:class:`RuleCrash` under ``strict``), and computes the verdict.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Iterable
from typing import Any

import attrs

from finsam_rules.model import Application, Association, Document, Report, document_id
from finsam_rules.policy import Policy
from finsam_rules.rules import (
    Check,
    Finding,
    FindingStatus,
    NotEvaluable,
    Rule,
    Scope,
    Severity,
    Source,
    SourceKind,
)

#: The code of the finding that stands for a pack that could not be loaded.
PACK_FAILURE_CODE = "PACK"
NO_RULES = {
    "sv": "Kunde inte bedömas: inga regler är laddade (se FINSAM_RULES_PLUGINS och "
    "`finsam plugins --all`); inget har prövats.",
    "en": "Could not be evaluated: no rules are loaded (see FINSAM_RULES_PLUGINS and "
    "`finsam plugins --all`); nothing was checked.",
}
PACK_FAILED = {
    "sv": "Kunde inte bedömas: paketet {pack} kunde inte laddas ({what}: {error}); dess "
    "regler har inte prövats.",
    "en": "Could not be evaluated: pack {pack} failed to load ({what}: {error}); its rules were not applied.",
}


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


VERDICT_NAMES = {
    Verdict.APPROVE: {"sv": "tillstyrks", "en": "approve"},
    Verdict.REVISE: {"sv": "komplettering krävs", "en": "revision required"},
    Verdict.REJECT: {"sv": "avstyrks", "en": "reject"},
    Verdict.ACCEPT: {"sv": "godkänns", "en": "accepted"},
    Verdict.DEVIATION: {"sv": "avvikelse", "en": "deviation"},
}

#: The verdicts a report can get, in the order outputs count them.
REPORT_VERDICTS = (Verdict.ACCEPT, Verdict.DEVIATION, Verdict.REVISE)


def verdict_of(findings: Iterable[Finding], kind: str = "application") -> Verdict:
    """*avstyrks* for a blocker; *komplettering krävs* for an error or a rule that could not
    judge; *tillstyrks* otherwise. Waived findings do not count.

    A report (``kind="report"``) is *komplettering krävs* when it is incomplete or
    inconsistent (a blocker, an error or a rule that could not judge), *avvikelse* when it
    is complete but a warning says the project deviates from its targets or budget, and
    *godkänns* otherwise."""
    active = [f for f in findings if f.waived_by is None]
    if kind == "report":
        if any(f.blocks_approval for f in active):
            return Verdict.REVISE
        if any(f.severity is Severity.WARNING and f.status is FindingStatus.FINDING for f in active):
            return Verdict.DEVIATION
        return Verdict.ACCEPT
    if any(f.severity is Severity.BLOCKER and f.status is FindingStatus.FINDING for f in active):
        return Verdict.REJECT
    if any(f.blocks_approval for f in active):
        return Verdict.REVISE
    return Verdict.APPROVE


class RuleCrash(Exception):
    """A rule raised while ``strict`` was on."""

    def __init__(self, rule: Rule, error: BaseException, document: str = ""):
        where = f"{document}: " if document else ""
        super().__init__(f"{where}{rule.code} ({rule.pack}): {type(error).__name__}: {error}")
        self.rule = rule
        self.error = error


@attrs.frozen
class Evaluation:
    """The result for one document: its findings (sorted) and verdict."""

    document: Any
    kind: str
    id: str
    as_of: dt.date
    findings: tuple[Finding, ...]

    @property
    def verdict(self) -> Verdict:
        """The recommendation these findings give (a report's words for a report)."""
        return verdict_of(self.findings, self.kind)


def _subject_id(subject: Any) -> str:
    if isinstance(subject, Application | Report):
        return document_id(subject)
    return "portfolio"


def sort_findings(findings) -> tuple[Finding, ...]:
    """Findings in the order every output shows them: most severe first, then by code."""
    return tuple(sorted(findings, key=_sort_key))


def _sort_key(finding: Finding) -> tuple:
    return (
        -finding.severity,
        finding.code,
        finding.subject,
        finding.key,
        repr(sorted(finding.figures.items())),
    )


@attrs.define
class Engine:
    """Runs the rules enabled by a policy."""

    policy: Policy
    strict: bool = False
    as_of: dt.date | None = None
    _scopes: dict[Scope, list[Rule]] = attrs.field(factory=dict)
    _params: dict[tuple[str, dt.date], dict[str, Any]] = attrs.field(factory=dict)
    _severities: dict[str, Severity] = attrs.field(factory=dict)
    _sources: dict[tuple[str, dt.date], dict[str, str]] = attrs.field(factory=dict)
    _settings: dict[dt.date, dict[str, Any]] = attrs.field(factory=dict)

    def rules_for(self, scope: Scope) -> list[Rule]:
        """The enabled rules of one scope, by code."""
        if scope not in self._scopes:
            rules = self.policy.registry.rules
            self._scopes[scope] = [rules[c] for c in self.policy.enabled_codes() if rules[c].scope is scope]
        return self._scopes[scope]

    def params(self, rule: Rule, as_of: dt.date) -> dict[str, Any]:
        """The rule's parameter values in force on ``as_of`` (cached per date)."""
        key = (rule.code, as_of)
        if key not in self._params:
            if len(self._params) > 4096:
                self._params.clear()
            self._params[key] = self.policy.params_for(rule, as_of)
        return self._params[key]

    def param_sources(self, rule: Rule, as_of: dt.date) -> dict[str, str]:
        """Where each parameter value in force came from (its source text, else its file)."""
        key = (rule.code, as_of)
        if key not in self._sources:
            if len(self._sources) > 4096:
                self._sources.clear()
            resolved = (self.policy.param(rule, p.name, as_of) for p in rule.params)
            self._sources[key] = {
                p.name: r.source or r.origin for p, r in zip(rule.params, resolved, strict=True)
            }
        return self._sources[key]

    def run_rule(self, rule: Rule, subject: Any, as_of: dt.date, **context: Any) -> list[Finding]:
        """Run one rule in isolation and return its findings."""
        if rule.code not in self._severities:
            self._severities[rule.code] = self.policy.severity_of(rule)[0]
        severity = self._severities[rule.code]
        check = Check(
            rule=rule,
            params=self.params(rule, as_of),
            as_of=as_of,
            severity=severity,
            settings=self.settings(as_of),
            param_sources=self.param_sources(rule, as_of),
            **context,
        )
        try:
            if rule.needs_association and check.association is None:
                raise NotEvaluable("no_association")
            return list(rule.function(subject, check))
        except NotEvaluable as missing:
            return [check.not_evaluated(missing.key, **missing.figures)]
        except Exception as exc:
            if self.strict:
                raise RuleCrash(rule, exc, _subject_id(subject)) from exc
            return [
                check.not_evaluated(
                    "rule_crashed", code=rule.code, pack=rule.pack, error=f"{type(exc).__name__}: {exc}"
                )
            ]

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

    def settings(self, as_of: dt.date) -> dict[str, Any]:
        """The named policy settings in force on ``as_of`` (cached per date)."""
        if as_of not in self._settings:
            if len(self._settings) > 4096:
                self._settings.clear()
            self._settings[as_of] = self.policy.settings_for(as_of)
        return self._settings[as_of]

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
        for rule in self.rules_for(scope):
            findings.extend(
                self.run_rule(rule, doc, as_of, association=association, application_for=application_for)
            )
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
        findings.extend(self.pack_failures())
        return Evaluation(
            document=portfolio,
            kind="portfolio",
            id=f"portfolio/{year}",
            as_of=as_of,
            findings=tuple(sorted(findings, key=_sort_key)),
        )
