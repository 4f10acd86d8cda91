"""The preparation group's recommendation, and what happens when a rule itself fails.

A blocker means *avstyrks*; an error, or a rule that could not judge, means *komplettering
krävs*; warnings and notes alone leave the document *tillstyrks*. A rule that crashes is
never silently a pass: it becomes a not-evaluated finding naming its pack (or, under
``strict``, stops the run).
"""

from __future__ import annotations

import types

import attrs
import pytest

from finsam_rules.engine import VERDICT_NAMES, Engine, RuleCrash, Verdict, verdict_of
from finsam_rules.errors import PluginError
from finsam_rules.hookspecs import hookimpl
from finsam_rules.model import TargetGroup
from finsam_rules.plugins import build_registry
from finsam_rules.policy import load_policy
from finsam_rules.rules import (
    Finding,
    FindingStatus,
    Scope,
    Severity,
    explain,
    law,
    plan,
    rule,
)

BLOCKER, ERROR, WARNING, INFO = (Severity.BLOCKER, Severity.ERROR, Severity.WARNING, Severity.INFO)
NOT_EVALUATED = FindingStatus.NOT_EVALUATED


def finding(
    severity: Severity, status: FindingStatus = FindingStatus.FINDING, waived: bool = False
) -> Finding:
    """A finding of a made-up rule with this severity and status."""
    return Finding(
        code="XX001",
        severity=severity,
        status=status,
        key="k",
        templates={"sv": "s", "en": "e"},
        source=law("Lag (2003:1210)"),
        params={},
        figures={},
        waived_by=object() if waived else None,
    )


class TestVerdictOfFindings:
    """The verdict follows from the most serious active finding."""

    @pytest.mark.parametrize(
        ("findings", "verdict"),
        [
            ([], Verdict.APPROVE),
            ([finding(INFO)], Verdict.APPROVE),
            ([finding(WARNING)], Verdict.APPROVE),
            ([finding(WARNING), finding(INFO), finding(WARNING)], Verdict.APPROVE),
            ([finding(ERROR)], Verdict.REVISE),
            ([finding(ERROR), finding(WARNING), finding(INFO)], Verdict.REVISE),
            ([finding(BLOCKER)], Verdict.REJECT),
            ([finding(INFO), finding(ERROR), finding(BLOCKER)], Verdict.REJECT),
        ],
        ids=[
            "nothing",
            "info",
            "warning",
            "warnings-and-info",
            "error",
            "error-and-less",
            "blocker",
            "blocker-wins",
        ],
    )
    def test_severity_decides(self, findings, verdict):
        """Blocker → avstyrks; error → komplettering krävs; warnings and info → tillstyrks."""
        assert verdict_of(findings) is verdict

    @pytest.mark.parametrize("severity", [INFO, WARNING, ERROR])
    def test_a_rule_that_could_not_judge_requires_revision(self, severity):
        """Not evaluated is never a pass, whatever the rule's severity."""
        assert verdict_of([finding(severity, NOT_EVALUATED)]) is Verdict.REVISE

    def test_a_blocker_that_could_not_be_judged_is_not_a_rejection(self):
        """A law rule without the data to judge asks for completion; it does not reject."""
        assert verdict_of([finding(BLOCKER, NOT_EVALUATED)]) is Verdict.REVISE

    def test_waived_findings_do_not_count(self):
        """Findings the board has accepted leave the verdict to the others."""
        assert verdict_of([finding(BLOCKER, waived=True), finding(ERROR, waived=True)]) is Verdict.APPROVE
        assert verdict_of([finding(BLOCKER, waived=True), finding(ERROR)]) is Verdict.REVISE

    def test_the_verdicts_in_swedish_and_english(self):
        """The preparation group's words, and their English labels; reports have words of
        their own (*godkänns*, *avvikelse*, and *komplettering krävs* as applications)."""
        assert [v.value for v in Verdict] == [
            "tillstyrks",
            "komplettering krävs",
            "avstyrks",
            "godkänns",
            "avvikelse",
        ]
        assert {v.value: VERDICT_NAMES[v]["en"] for v in Verdict} == {
            "tillstyrks": "approve",
            "komplettering krävs": "revision required",
            "avstyrks": "reject",
            "godkänns": "accepted",
            "avvikelse": "deviation",
        }


class TestVerdictOfDocuments:
    """Evaluating real applications gives the verdict their findings call for."""

    def test_an_ineligible_target_group_is_rejected(self, base_application, evaluate):
        """13-19 year-olds (blocker) with a missing agreement (error): avstyrks."""
        app = attrs.evolve(
            base_application, target_group=TargetGroup(age_min=13, age_max=19), attachments=("budget",)
        )
        evaluation = evaluate(app)
        assert [f.code for f in evaluation.findings] == ["TG001", "AT001"]
        assert evaluation.verdict is Verdict.REJECT

    def test_a_missing_attachment_requires_revision(self, base_application, evaluate):
        """An error only: komplettering krävs."""
        app = attrs.evolve(base_application, attachments=("budget",))
        assert evaluate(app).verdict is Verdict.REVISE

    def test_a_point_in_favour_is_approved(self, base_application, evaluate):
        """Only an info note (a priority group): tillstyrks."""
        group = attrs.evolve(base_application.target_group, priority_groups=("young_adults",))
        evaluation = evaluate(attrs.evolve(base_application, target_group=group))
        assert [(f.code, f.severity) for f in evaluation.findings] == [("TG002", INFO)]
        assert evaluation.verdict is Verdict.APPROVE

    def test_findings_are_listed_most_serious_first(self, base_application, evaluate):
        """Blockers, then errors, then notes; by code within a severity."""
        group = TargetGroup(age_min=13, age_max=19, priority_groups=("young_adults",))
        app = attrs.evolve(base_application, target_group=group, attachments=(), steering_group=())
        evaluation = evaluate(app)
        assert [f.code for f in evaluation.findings] == ["TG001", "AT001", "SG001", "TG002"]


@rule(
    code="ZZ001",
    name="always-crashes",
    scope=Scope.APPLICATION,
    severity=Severity.WARNING,
    source=plan("Testpaketets regel"),
    title={"sv": "Kraschar alltid", "en": "Always crashes"},
    messages={},
    explanation=explain(("Kraschar.", "För test.", "-", "-"), ("Crashes.", "For tests.", "-", "-")),
)
def always_crashes(app, check):
    """A rule with a bug."""
    return [1 / 0]


def crashpack_module() -> types.ModuleType:
    """A pack, as an association might install it, whose only rule raises."""
    module = types.ModuleType("crashpack_rules")

    @hookimpl
    def register_rules(register):
        register(always_crashes)

    module.register_rules = register_rules
    return module


@pytest.fixture
def crash_registry(monkeypatch, standard_env):
    """The standard pack plus the crashing pack."""
    for name, value in standard_env.items():
        monkeypatch.setenv(name, value)
    return build_registry(extra_plugins=[("crashpack", crashpack_module())])


class TestACrashingRule:
    """A rule that raises is isolated: reported, named, and never taken for a pass."""

    def test_a_crash_becomes_a_not_evaluated_finding_naming_its_pack(
        self, crash_registry, base_application, association
    ):
        """The crash is reported with the rule, the pack and the error."""
        engine = Engine(load_policy(crash_registry))
        evaluation = engine.evaluate(
            base_application, association, {base_application.id: base_application}.get
        )
        (crash,) = [f for f in evaluation.findings if f.code == "ZZ001"]
        assert crash.status is FindingStatus.NOT_EVALUATED
        assert crash.key == "rule_crashed"
        assert crash.pack == "crashpack"
        assert crash.figures == {
            "code": "ZZ001",
            "pack": "crashpack",
            "error": "ZeroDivisionError: division by zero",
        }
        assert crash.message("sv") == (
            "Kunde inte bedömas: regeln ZZ001 i paketet crashpack kraschade (ZeroDivisionError: "
            "division by zero). Dokumentet kan inte tillstyrkas förrän felet är åtgärdat."
        )
        assert "rule ZZ001 of pack crashpack crashed" in crash.message("en")

    def test_a_crash_keeps_the_verdict_from_approval(self, crash_registry, base_application, association):
        """Even a warning-level rule that crashes: komplettering krävs."""
        engine = Engine(load_policy(crash_registry))
        evaluation = engine.evaluate(
            base_application, association, {base_application.id: base_application}.get
        )
        assert [f.code for f in evaluation.findings] == ["ZZ001"]
        assert evaluation.verdict is Verdict.REVISE

    def test_the_other_rules_still_run(self, crash_registry, base_application, association):
        """A missing attachment is still found next to the crash."""
        engine = Engine(load_policy(crash_registry))
        app = attrs.evolve(base_application, attachments=("budget",))
        evaluation = engine.evaluate(app, association, {app.id: app}.get)
        assert sorted(f.code for f in evaluation.findings) == ["AT001", "ZZ001"]

    def test_strict_mode_raises(self, crash_registry, base_application, association):
        """Under strict, the crash stops the run with the rule and pack named."""
        engine = Engine(load_policy(crash_registry), strict=True)
        with pytest.raises(RuleCrash) as caught:
            engine.evaluate(base_application, association, {base_application.id: base_application}.get)
        assert caught.value.rule.code == "ZZ001"
        assert caught.value.rule.pack == "crashpack"
        assert isinstance(caught.value.error, ZeroDivisionError)
        assert "ZZ001 (crashpack): ZeroDivisionError" in str(caught.value)


class TestBrokenPacks:
    """A pack that fails to load is reported with its name; the standard rules still run."""

    def test_a_register_hook_that_raises_is_recorded(self, monkeypatch, standard_env):
        """The pack is named in load_errors, and the standard pack's rules are all there."""
        for name, value in standard_env.items():
            monkeypatch.setenv(name, value)
        module = types.ModuleType("brokenpack_rules")

        @hookimpl
        def register_rules(register):
            raise RuntimeError("syntax in policy")

        module.register_rules = register_rules
        registry = build_registry(extra_plugins=[("brokenpack", module)])
        assert [(e.pack, e.what) for e in registry.load_errors] == [("brokenpack", "register_rules")]
        assert "RuntimeError: syntax in policy" in registry.load_errors[0].error
        assert {"FP001", "OT002", "AT001"} <= set(registry.rules)

    def test_two_packs_claiming_one_code_are_both_named(self, monkeypatch, standard_env):
        """Rule codes are a contract: a second AT001 is refused."""
        for name, value in standard_env.items():
            monkeypatch.setenv(name, value)
        module = types.ModuleType("dupepack_rules")
        impostor = attrs.evolve(always_crashes, code="AT001")

        @hookimpl
        def register_rules(register):
            register(impostor)

        module.register_rules = register_rules
        with pytest.raises(PluginError) as caught:
            build_registry(extra_plugins=[("dupepack", module)])
        assert "AT001" in caught.value.message["en"]
        assert "finsam-rules" in caught.value.message["sv"]
        assert "dupepack" in caught.value.message["sv"]
