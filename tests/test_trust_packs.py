"""Trust against packs: whatever an installed pack does, the run goes on and nothing is
approved that a rule could not judge.

The reproducers of the red-team review (issue 10) come first, then a pack matrix: test
packs that exit, hang, print, raise, swallow the stop, mutate parameters or yield
garbage, at import, in a hook, in a rule and while their message is rendered. Each is
loaded in-process through the plugin manager, and the import-time and output cases also
end-to-end through ``finsam`` in a subprocess, from an installed-looking package (a
``*.dist-info`` folder with ``entry_points.txt`` on ``PYTHONPATH``, which
``importlib.metadata`` finds without pip).

The documents are the screening examples of the association in the shared interim
report: an application within every limit (*tillstyrks*), one asking for four years of
funding (48 months, FP001) and one owned by a private company (PA001, a blocker under
Lag (2003:1210) 1-4 §§).
"""

from __future__ import annotations

import importlib
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
import types
from pathlib import Path

import pytest
from click.testing import CliRunner

from finsam_rules import isolation
from finsam_rules.cli import main
from finsam_rules.engine import Engine, RuleCrash
from finsam_rules.errors import PolicyError
from finsam_rules.hookspecs import hookimpl
from finsam_rules.loading import load_association, load_document
from finsam_rules.plugins import build_registry
from finsam_rules.policy import load_policy
from finsam_rules.rules import Finding, FindingStatus, Scope, Severity, explain, plan, rule
from finsam_rules.waivers import check_waivers, load_waivers, real_words

ROOT = Path(__file__).resolve().parents[1]
FINSAM = Path(sys.executable).parent / "finsam"
SCREENING = ROOT / "examples" / "screening" / "applications"
COMPLIANT = SCREENING / "ok-arbetstraning-med-stod.toml"  # tillstyrks
FOUR_YEARS = SCREENING / "fp001-fyra-ar.toml"  # 48 months against the plan's 36
PRIVATE_OWNER = SCREENING / "pa001-privat-agare.toml"  # PA001, a law blocker
#: Every subprocess is bounded; a pack that hangs the run fails the test instead.
TIMEOUT = 60


@pytest.fixture(autouse=True)
def standard_pack_only(monkeypatch):
    monkeypatch.setenv("FINSAM_RULES_PLUGINS", "finsam-rules")


# ---------------------------------------------------------------------------------------
# Test packs
# ---------------------------------------------------------------------------------------


def test_rule(code: str, function, severity: Severity = Severity.ERROR):
    """A rule of a test pack with one message, ``found``, that names the figure ``x``."""
    return rule(
        code=code,
        name=f"test-{code.lower()}",
        scope=Scope.APPLICATION,
        severity=severity,
        source=plan("Testplan"),
        title={"sv": "Test", "en": "Test"},
        messages={
            "found": {"sv": "Hittade {x}", "en": "Found {x}"},
            "amount": {"sv": "Belopp {x:kr}", "en": "Amount {x:kr}"},
            "worded": {"sv": "Ord {word_sv}", "en": "Word {word_en}"},
        },
        explanation=explain(sv=("a", "b", "c", "d"), en=("a", "b", "c", "d")),
    )(function)


test_rule.__test__ = False  # a helper, not a test


def pack_of(*items) -> types.SimpleNamespace:
    """A pack module registering ``items`` as they are (rules, or anything else)."""
    module = types.SimpleNamespace(__name__="test_pack")

    @hookimpl
    def register_rules(register):
        for item in items:
            register(item)

    module.register_rules = register_rules
    return module


def registry_with(*items, name: str = "finsam-test"):
    return build_registry(extra_plugins=[(name, pack_of(*items))])


def policy_with_limit(registry, tmp_path: Path, seconds: float):
    path = tmp_path / "finsam.toml"
    path.write_text(f'[policy]\nname = "test"\nrule_time_limit = {seconds}\n', encoding="utf-8")
    return load_policy(registry, path)


def evaluate(registry, path: Path = COMPLIANT, policy=None, strict: bool = False):
    """The evaluation of one screening example in its association's context."""
    engine = Engine(policy or load_policy(registry), strict=strict)
    return judge(engine, path)


def judge(engine: Engine, path: Path = COMPLIANT):
    return engine.evaluate(load_document(path), load_association(SCREENING.parent / "association.toml"))


def findings_of(evaluation, code: str) -> list[Finding]:
    return [f for f in evaluation.findings if f.code == code]


def installed_pack(site: Path, module: str, source: str, name: str = "finsam-misbehaving") -> Path:
    """An installed-looking pack in ``site``: its module and a dist-info with its entry point."""
    dist = site / f"{name.replace('-', '_')}-0.1.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 0.1\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text(f"[finsam_rules]\nrules = {module}\n", encoding="utf-8")
    (site / f"{module}.py").write_text(textwrap.dedent(source), encoding="utf-8")
    return site


RULE_MODULE = """
import sys
from finsam_rules import hookimpl
from finsam_rules.rules import Scope, Severity, explain, plan, rule


@rule(
    code="ZZ001",
    name="misbehaving",
    scope=Scope.APPLICATION,
    severity=Severity.ERROR,
    source=plan("Testplan"),
    title={{"sv": "Test", "en": "Test"}},
    messages={{"found": {{"sv": "Hittade {{x}}", "en": "Found {{x}}"}}}},
    explanation=explain(sv=("a", "b", "c", "d"), en=("a", "b", "c", "d")),
)
def misbehaving(app, check):
{body}
    yield from ()


@hookimpl
def register_rules(register):
    register(misbehaving)
"""


def rule_module(body: str, at_import: str = "") -> str:
    return textwrap.dedent(at_import) + RULE_MODULE.format(
        body=textwrap.indent(textwrap.dedent(body), "    ")
    )


def finsam(site: Path, *args: str, packs: str = "finsam-rules,finsam-misbehaving", **kwargs):
    env = {**os.environ, "PYTHONPATH": str(site), "FINSAM_RULES_PLUGINS": packs}
    return subprocess.run(
        [str(FINSAM), *args], capture_output=True, text=True, env=env, timeout=TIMEOUT, **kwargs
    )


def screen_json(site: Path, *paths: Path, extra: tuple[str, ...] = ()):
    result = finsam(site, "screen", *map(str, paths), "--format", "json", "--lang", "en", *extra)
    return result, json.loads(result.stdout)  # complete JSON, nothing of the pack in it


# ---------------------------------------------------------------------------------------
# Reproducers: approval without judgement
# ---------------------------------------------------------------------------------------


class TestApprovalWithoutJudgement:
    def test_sys_exit_in_a_rule_neither_ends_the_run_nor_gives_exit_0(self, tmp_path):
        site = installed_pack(tmp_path, "exits_in_rule", rule_module("sys.exit(0)"))
        result, data = screen_json(site, COMPLIANT, FOUR_YEARS)
        assert [d["verdict"] for d in data["documents"]] == ["komplettering krävs"] * 2
        (zz,) = [f for f in data["documents"][0]["findings"] if f["code"] == "ZZ001"]
        assert zz["status"] == "not_evaluated" and "SystemExit" in zz["message"]
        assert result.returncode == 1  # a rule that could not judge counts as an error

    def test_sys_exit_at_import_keeps_every_document_from_approval(self, tmp_path):
        site = installed_pack(tmp_path, "exits_at_import", "import sys\nsys.exit(0)\n")
        result, data = screen_json(site, COMPLIANT)
        (document,) = data["documents"]
        assert document["verdict"] == "komplettering krävs"
        assert [f["code"] for f in document["findings"] if f["status"] == "not_evaluated"] == ["PACK"]
        assert "finsam-misbehaving" in result.stderr and "SystemExit" in result.stderr
        assert result.returncode == 1

    def test_sys_exit_in_a_hook_is_the_packs_failure(self):
        module = types.SimpleNamespace(__name__="exits_in_hook")

        @hookimpl
        def register_rules(register):
            sys.exit(0)

        module.register_rules = register_rules
        registry = build_registry(extra_plugins=[("finsam-exits", module)])
        assert [(e.pack, e.what) for e in registry.load_errors] == [("finsam-exits", "register_rules")]
        assert "SystemExit" in registry.load_errors[0].error
        assert evaluate(registry).verdict.value == "komplettering krävs"

    def test_a_waiver_cannot_silence_a_rule_that_crashed(self, tmp_path):
        def crashes(app, check):
            raise ZeroDivisionError("division by zero")
            yield  # pragma: no cover

        registry = registry_with(test_rule("ZZ001", crashes))
        evaluation = evaluate(registry)
        waivers = waiver_file(tmp_path, code="ZZ001", document=evaluation.id)
        waived = waivers.apply_evaluation(evaluation)
        (crash,) = findings_of(waived, "ZZ001")
        assert crash.waived_by is None
        assert waived.verdict.value == "komplettering krävs"
        (line,) = waivers.unused_lines("en")
        assert (
            "was not applied: what was not judged (not evaluated, a pack that failed to load) "
            "can never be waived" in line
        )

    def test_a_waiver_cannot_silence_a_pack_that_failed_to_load(self, tmp_path):
        registry = registry_with("not a rule")
        evaluation = evaluate(registry)
        waivers = waiver_file(tmp_path, code="PACK", document=evaluation.id)
        assert waivers.apply_evaluation(evaluation).verdict.value == "komplettering krävs"
        (line,) = check_waivers(waivers.path, registry, "en")
        assert "$.waivers[0].code: the waiver of PACK" in line and "can never be applied" in line

    def test_a_rule_cannot_switch_another_rule_off_through_params_of(self):
        """AA001 runs before FP001; raising FP001's limit to 48 months must not approve a
        four-year project (nor make the record show 36 while 48 was applied)."""

        def lifts_the_limit(app, check):
            check.params_of("FP001")["max_months"] = 48
            yield from ()

        evaluation = evaluate(registry_with(test_rule("AA001", lifts_the_limit)), FOUR_YEARS)
        (fp001,) = findings_of(evaluation, "FP001")
        assert fp001.status is FindingStatus.FINDING and fp001.params["max_months"] == 36
        assert findings_of(evaluation, "AA001")[0].status is FindingStatus.NOT_EVALUATED
        assert evaluation.verdict.value == "komplettering krävs"

    def test_a_rule_cannot_change_its_own_parameters_for_later_documents(self):
        def mutates_own(app, check):
            check.params["max_months"] = 1
            yield from ()

        registry = registry_with(test_rule("AA001", mutates_own))
        engine = Engine(load_policy(registry))
        for path in (COMPLIANT, FOUR_YEARS, COMPLIANT):
            evaluation = judge(engine, path)
            assert findings_of(evaluation, "AA001")[0].status is FindingStatus.NOT_EVALUATED
        assert engine.params(registry.rules["FP001"], evaluation.as_of)["max_months"] == 36

    @pytest.mark.parametrize(
        "reason, minutes",
        [
            ("x", "§ 40/2016"),
            ("\u200b", "§ 40/2016"),
            ("Friskis\u200b är\u200b underleverantör", "§ 40/2016"),
            ("Friskis är underleverantör till Mölndals stad", "\u200b"),
            ("Friskis är underleverantör till Mölndals stad", "beslutat"),
        ],
    )
    def test_a_law_blocker_is_waived_only_with_a_reason_in_words_and_minutes(self, tmp_path, reason, minutes):
        registry = build_registry()
        evaluation = evaluate(registry, PRIVATE_OWNER)
        assert evaluation.verdict.value == "avstyrks"
        waivers = waiver_file(tmp_path, code="PA001", document=evaluation.id, reason=reason, minutes=minutes)
        assert waivers.apply_evaluation(evaluation).verdict.value == "avstyrks"
        assert (
            "a blocker under the law is waived only with a reason in words" in waivers.unused_lines("en")[0]
        )
        (line,) = check_waivers(waivers.path, registry, "en")
        assert "$.waivers[0]." in line and "minutes reference" in line

    def test_a_law_blocker_is_waived_with_a_real_reason_and_minutes(self, tmp_path):
        registry = build_registry()
        evaluation = evaluate(registry, PRIVATE_OWNER)
        waivers = waiver_file(
            tmp_path,
            code="PA001",
            document=evaluation.id,
            reason="Friskis är underleverantör till Lerums kommun",
        )
        waived = waivers.apply_evaluation(evaluation)
        assert waived.verdict.value != "avstyrks"
        assert waivers.unused_lines("en") == [] and check_waivers(waivers.path, registry, "en") == []

    @pytest.mark.parametrize("code", ["FP001", "PACK"])
    def test_a_rule_may_only_yield_findings_under_its_own_code(self, code):
        def impersonates(app, check):
            yield attrs_evolve(check.finding("found", x=1), code=code)

        evaluation = evaluate(registry_with(test_rule("ZZ001", impersonates)))
        (zz,) = findings_of(evaluation, "ZZ001")
        assert zz.status is FindingStatus.NOT_EVALUATED and "another code" in zz.message("en")
        assert not [f for f in evaluation.findings if f.code == code and f.pack == "finsam-test"]


def attrs_evolve(finding: Finding, **changes) -> Finding:
    import attrs

    return attrs.evolve(finding, **changes)


def waiver_file(tmp_path: Path, *, code: str, document: str, reason: str = "", minutes: str = "§ 40/2016"):
    path = tmp_path / "undantag.toml"
    reason = reason or "Styrelsen har prövat saken och godtar avvikelsen"
    path.write_text(
        f'[[waivers]]\ncode = "{code}"\ndocument = "{document}"\nreason = {json.dumps(reason)}\n'
        f'decided_by = "Styrelsen"\nminutes = {json.dumps(minutes)}\n',
        encoding="utf-8",
    )
    return load_waivers(path)


def test_real_words_refuse_blank_and_invisible_tricks():
    assert real_words("Friskis är underleverantör till Mölndals stad")
    for reason in ("x", "a b c d", "\u200b\u200b\u200b", "ok ok", "Friskis\u202eär underleverantör"):
        assert not real_words(reason), reason


# ---------------------------------------------------------------------------------------
# Reproducers: a pack can break the whole batch
# ---------------------------------------------------------------------------------------


class TestOneBrokenRuleBreaksNothingElse:
    @pytest.mark.parametrize(
        "yields, said",
        [
            (lambda check: check.finding("found"), "names a figure it was not given"),
            (lambda check: check.finding("amount", x="mycket"), "could not be written"),
            (lambda check: "FP001: fyra år", "yielded a str, not a finding"),
            (lambda check: None, "yielded None, not a finding"),
            (lambda check: attrs_evolve(check.finding("found", x=1), severity=7), "severity"),
            (lambda check: attrs_evolve(check.finding("found", x=1), severity="error"), "severity"),
            (lambda check: attrs_evolve(check.finding("found", x=1), severity=Severity.BLOCKER), "severity"),
            (lambda check: check.finding("found", x={1, 2}), "figures are not plain"),
            (
                lambda check: attrs_evolve(check.finding("found", x=1), params={"max_months": 48}),
                "parameters",
            ),
        ],
        ids=[
            "missing-figure",
            "wrong-format-value",
            "string",
            "none",
            "int-severity",
            "text-severity",
            "severity-above-the-policy",
            "set-figure",
            "forged-parameters",
        ],
    )
    def test_a_bad_finding_is_that_rules_failure(self, yields, said):
        def bad(app, check):
            yield yields(check)

        evaluation = evaluate(registry_with(test_rule("ZZ001", bad)))
        (zz,) = findings_of(evaluation, "ZZ001")
        assert zz.status is FindingStatus.NOT_EVALUATED
        assert said in zz.message("en")
        assert evaluation.verdict.value == "komplettering krävs"
        assert {f.code for f in evaluation.findings} == {"ZZ001"} | {
            f.code for f in evaluate(build_registry()).findings
        }

    def test_a_bad_template_neither_truncates_the_json_nor_gives_exit_4(self, tmp_path):
        site = installed_pack(tmp_path, "bad_template", rule_module('yield check.finding("found")'))
        result, data = screen_json(site, COMPLIANT, FOUR_YEARS, PRIVATE_OWNER)
        assert [d["verdict"] for d in data["documents"]] == ["komplettering krävs"] * 2 + ["avstyrks"]
        assert result.returncode == 1

    def test_under_strict_a_bad_template_gives_exit_4(self, tmp_path):
        site = installed_pack(tmp_path, "bad_template", rule_module('yield check.finding("found")'))
        result = finsam(site, "screen", str(COMPLIANT), "--strict", "--lang", "en")
        assert result.returncode == 4
        assert "ZZ001 (finsam-misbehaving)" in result.stderr and "Traceback" not in result.stderr

    def test_registering_what_is_no_rule_is_the_packs_failure(self):
        registry = registry_with("not a rule", name="finsam-garbage")
        (error,) = registry.load_errors
        assert error.pack == "finsam-garbage" and "not a rule" in error.error
        evaluation = evaluate(registry)
        assert [f.code for f in evaluation.findings if f.status is FindingStatus.NOT_EVALUATED] == ["PACK"]

    def test_a_pack_is_left_out_whole_when_one_of_its_registrations_fails(self):
        registry = registry_with(test_rule("ZZ001", lambda app, check: iter(())), None)
        assert "ZZ001" not in registry.rules and "FP001" in registry.rules

    @pytest.mark.parametrize("code", ["PACK", "zz001", "ZZ1", "Z\u200bZ001"])
    def test_a_rule_code_outside_the_pattern_is_refused(self, code):
        import attrs

        bad = attrs.evolve(test_rule("ZZ001", lambda app, check: iter(())), code=code)
        (error,) = registry_with(bad).load_errors
        assert "two capital letters and three digits" in error.error

    def test_generator_exit_prints_no_traceback(self, tmp_path):
        site = installed_pack(tmp_path, "generator_exit", rule_module("raise GeneratorExit"))
        result, data = screen_json(site, COMPLIANT)
        assert "Traceback" not in result.stderr
        assert data["documents"][0]["verdict"] == "komplettering krävs"

    def test_an_endless_loop_is_stopped_by_the_time_limit(self, tmp_path):
        def hangs(app, check):
            while True:
                pass
            yield  # pragma: no cover

        registry = registry_with(test_rule("ZZ001", hangs))
        start = time.monotonic()
        evaluation = evaluate(registry, policy=policy_with_limit(registry, tmp_path, 0.3))
        assert time.monotonic() - start < 10
        (zz,) = findings_of(evaluation, "ZZ001")
        assert zz.status is FindingStatus.NOT_EVALUATED and "still running after 0.3 s" in zz.message("en")
        assert findings_of(evaluation, "PA001") == []  # the other rules ran

    def test_an_endless_loop_in_a_batch_stops_each_document_and_the_batch_ends(self, tmp_path):
        site = installed_pack(tmp_path / "site", "hangs", rule_module("while True:\n    pass"))
        policy = tmp_path / "finsam.toml"
        policy.write_text('[policy]\nname = "test"\nrule_time_limit = 0.3\n', encoding="utf-8")
        result, data = screen_json(site, COMPLIANT, FOUR_YEARS, extra=("--policy", str(policy)))
        assert [d["verdict"] for d in data["documents"]] == ["komplettering krävs"] * 2
        assert result.returncode == 1
        assert all("0.3 s" in json.dumps(d) for d in data["documents"])

    def test_pack_output_never_reaches_the_json(self, tmp_path):
        source = rule_module('print("debug: granskar", app.id)', at_import='print("hej från paketet")\n')
        site = installed_pack(tmp_path, "prints", source)
        result, data = screen_json(site, COMPLIANT)
        assert data["documents"][0]["verdict"] == "tillstyrks"  # printing is no failure
        assert "hej från paketet" in result.stderr and "debug: granskar 2017/0101" in result.stderr
        assert "Pack finsam-misbehaving printed text (ZZ001, 2017/0101)" in result.stderr
        assert result.returncode == 0


# ---------------------------------------------------------------------------------------
# Exit codes: a real Ctrl-C, an internal error
# ---------------------------------------------------------------------------------------


class TestExitCodes:
    def test_an_internal_error_is_not_reported_with_the_rule_crash_code(self, monkeypatch):
        from finsam_rules import cli

        def broken(**kwargs):
            raise RuntimeError("a bug in finsam")

        monkeypatch.setattr(cli, "main", broken)
        with pytest.raises(SystemExit) as exit_:
            cli.run()
        assert exit_.value.code == cli.EXIT_INTERNAL != cli.EXIT_CRASH

    def test_a_keyboard_interrupt_raised_by_a_rule_is_the_rules_failure(self, tmp_path):
        site = installed_pack(tmp_path, "raises_interrupt", rule_module("raise KeyboardInterrupt"))
        result, data = screen_json(site, COMPLIANT, FOUR_YEARS)
        assert len(data["documents"]) == 2 and result.returncode == 1

    def test_a_real_ctrl_c_ends_the_run_with_130_and_a_clear_message(self, tmp_path):
        marker = tmp_path / "started"
        body = f"open({str(marker)!r}, 'w').close()\nimport time\ntime.sleep(50)"
        site = installed_pack(tmp_path / "site", "sleeps", rule_module(body))
        env = {
            **os.environ,
            "PYTHONPATH": str(site),
            "FINSAM_RULES_PLUGINS": "finsam-rules,finsam-misbehaving",
        }
        policy = tmp_path / "finsam.toml"
        policy.write_text('[policy]\nname = "test"\nrule_time_limit = 55\n', encoding="utf-8")
        process = subprocess.Popen(
            [str(FINSAM), "screen", str(COMPLIANT), "--policy", str(policy), "--lang", "en"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        try:
            deadline = time.monotonic() + TIMEOUT
            while not marker.exists() and time.monotonic() < deadline and process.poll() is None:
                time.sleep(0.05)
            process.send_signal(signal.SIGINT)
            _, err = process.communicate(timeout=TIMEOUT)
        finally:
            process.kill()
        assert process.returncode == 130
        assert "interrupted (Ctrl-C)" in err and "Traceback" not in err


# ---------------------------------------------------------------------------------------
# The pack matrix
# ---------------------------------------------------------------------------------------

#: What a test pack does, as code run at one stage. ``print`` alone is no failure.
BEHAVIOURS = {
    "exit": "sys.exit(3)",
    "exit-none": "sys.exit()",
    "hang": "while True:\n    pass",
    "hang-stubborn": (
        "while True:\n    try:\n        while True:\n            pass\n"
        "    except BaseException:\n        pass"
    ),
    "print": "print('debug output')",
    "raise": "raise ValueError('nyckel')",
    "generator-exit": "raise GeneratorExit",
    "recursion": "def down(n):\n    return down(n + 1)\ndown(0)",
}
STAGES = ("import", "hook", "rule", "render")


def _behaviour(name: str):
    code = compile(BEHAVIOURS[name], f"<{name}>", "exec")

    def act() -> None:
        exec(code, {"sys": sys})  # the test pack's misbehaviour

    return act


class _Word:
    """A word for a message whose formatting is the pack's misbehaviour."""

    def __init__(self, act):
        self.act = act

    def __format__(self, spec: str) -> str:
        self.act()
        return "ord"


def _matrix_registry(stage: str, act, tmp_path: Path, monkeypatch):
    if stage == "import":
        site = tmp_path / "site"
        module = f"matrix_pack_{abs(hash((stage, str(tmp_path))))}"
        installed_pack(
            site, module, "import sys\n" + BEHAVIOURS[act] + "\n" + rule_module("pass"), name="finsam-matrix"
        )
        monkeypatch.syspath_prepend(str(site))
        importlib.invalidate_caches()
        monkeypatch.setenv("FINSAM_RULES_PLUGINS", "finsam-rules,finsam-matrix")
        return build_registry()
    do = _behaviour(act)
    if stage == "hook":
        module = types.SimpleNamespace(__name__="matrix_hook")

        @hookimpl
        def register_rules(register):
            do()
            register(test_rule("ZZ001", lambda app, check: iter(())))

        module.register_rules = register_rules
        return build_registry(extra_plugins=[("finsam-matrix", module)])

    def in_rule(app, check):
        if stage == "rule":
            do()
            return
        yield check.finding("worded", word_sv=_Word(do), word_en=_Word(do))

    return build_registry(
        extra_plugins=[("finsam-matrix", pack_of(test_rule("ZZ001", in_rule, Severity.INFO)))]
    )


@pytest.mark.parametrize("stage", STAGES)
@pytest.mark.parametrize("act", sorted(BEHAVIOURS))
def test_pack_matrix(stage, act, tmp_path, monkeypatch, capsys):
    """Whatever the pack does at whatever stage: the registry loads, a compliant
    application is judged by every other rule, and it is approved only when the pack did
    nothing worse than print."""
    monkeypatch.setattr(isolation, "DEFAULT_TIME_LIMIT", 0.3)
    registry = _matrix_registry(stage, act, tmp_path, monkeypatch)
    policy = policy_with_limit(registry, tmp_path, 0.3)
    evaluation = judge(Engine(policy))
    captured = capsys.readouterr()
    assert captured.out == ""  # nothing of the pack on standard output
    standard = {f.code for f in evaluate(build_registry()).findings}
    assert standard <= {f.code for f in evaluation.findings}
    if act == "print":
        assert evaluation.verdict.value == "tillstyrks"
        assert "debug output" in captured.err and "finsam-matrix" in captured.err
        return
    assert evaluation.verdict.value == "komplettering krävs"
    failed = [f for f in evaluation.findings if f.status is FindingStatus.NOT_EVALUATED]
    assert [f.code for f in failed] == (["PACK"] if stage in ("import", "hook") else ["ZZ001"])
    assert "Traceback" not in captured.err


@pytest.mark.parametrize("act", ["exit", "raise", "hang"])
def test_pack_matrix_under_strict(act, tmp_path, monkeypatch):
    """Under ``strict`` a rule that fails in any way stops the run with the rule named."""
    registry = _matrix_registry("rule", act, tmp_path, monkeypatch)
    with pytest.raises(RuleCrash, match=r"ZZ001 \(finsam-matrix\)"):
        judge(Engine(policy_with_limit(registry, tmp_path, 0.3), strict=True))


def test_the_time_limit_works_outside_the_main_thread(tmp_path):
    """The fallback: a watcher thread stops a hung rule in a worker thread."""
    import threading

    def hangs(app, check):
        while True:
            pass
        yield  # pragma: no cover

    registry = registry_with(test_rule("ZZ001", hangs))
    policy = policy_with_limit(registry, tmp_path, 0.3)
    results = []
    worker = threading.Thread(target=lambda: results.append(evaluate(registry, policy=policy)))
    worker.start()
    worker.join(TIMEOUT)
    assert not worker.is_alive()
    (zz,) = findings_of(results[0], "ZZ001")
    assert "still running after 0.3 s" in zz.message("sv")


@pytest.mark.parametrize("value", [0, -1, 601, "5", True])
def test_the_time_limit_setting_is_checked(tmp_path, value):
    path = tmp_path / "finsam.toml"
    path.write_text(f"[policy]\nrule_time_limit = {json.dumps(value)}\n", encoding="utf-8")
    with pytest.raises(PolicyError) as refused:
        load_policy(build_registry(), path)
    assert refused.value.key == "policy.rule_time_limit"
    assert "expected seconds between 0.1 and 600" in refused.value.message["en"]


def test_the_default_time_limit_is_a_few_seconds():
    assert load_policy(build_registry()).rule_time_limit == isolation.DEFAULT_TIME_LIMIT == 5.0


def test_parameters_stay_plain_for_every_output():
    """Frozen parameters are still equal to, and written as, plain values."""
    evaluation = evaluate(build_registry(), FOUR_YEARS)
    (fp001,) = findings_of(evaluation, "FP001")
    assert json.loads(json.dumps(dict(fp001.params))) == {"max_months": 36}
    with pytest.raises(TypeError):
        fp001.params["max_months"] = 48  # type: ignore[index]


def test_the_verdict_is_computed_once_and_again_after_a_waiver(tmp_path, monkeypatch):
    from finsam_rules import engine

    evaluation = evaluate(build_registry(), FOUR_YEARS)
    calls = []

    def counted(findings, kind="application"):
        calls.append(kind)
        return engine.Verdict.APPROVE

    monkeypatch.setattr(engine, "verdict_of", counted)
    for _ in range(3):
        assert evaluation.verdict.value == "komplettering krävs"
    assert calls == []
    waivers = waiver_file(tmp_path, code="FP001", document=evaluation.id)
    assert waivers.apply_evaluation(evaluation).verdict is engine.Verdict.APPROVE
    assert calls == ["application"]  # once, for the document's kind


def test_one_predicate_counts_for_verdict_fail_on_letter_and_goal():
    """A not-evaluated note counts as an error everywhere; a waived error nowhere."""
    note = Finding(
        code="ZZ001",
        severity=Severity.INFO,
        status=FindingStatus.NOT_EVALUATED,
        key="rule_crashed",
        templates={"sv": "-", "en": "-"},
        source=plan("Testplan"),
        params={},
        figures={},
    )
    assert note.level is Severity.ERROR and note.counts_at(Severity.ERROR) and note.blocks_approval
    waived = attrs_evolve(note, status=FindingStatus.FINDING, severity=Severity.ERROR, waived_by=object())
    assert not waived.counts_at(Severity.INFO) and not waived.blocks_approval


def test_cli_screen_in_process_survives_a_rule_that_exits(monkeypatch):
    """Through the CLI in-process (CliRunner catches SystemExit: before, it gave exit 0)."""

    def exits(app, check):
        sys.exit(0)
        yield  # pragma: no cover

    registry = registry_with(test_rule("ZZ001", exits))
    monkeypatch.setattr("finsam_rules.cli._registry", lambda strict, lang: registry)
    result = CliRunner().invoke(main, ["screen", str(COMPLIANT), str(FOUR_YEARS), "--format", "json"])
    data = json.loads(result.stdout)
    assert len(data["documents"]) == 2 and result.exit_code == 1


def test_the_board_report_survives_a_rule_that_exits_and_prints(monkeypatch, tmp_path):
    """``finsam report`` on the interim report's portfolio: every document is still in the
    board report, none approved, and the pack's output is not in the JSON."""

    def exits(app, check):
        print("debug")
        sys.exit(0)
        yield  # pragma: no cover

    registry = registry_with(test_rule("ZZ001", exits))
    monkeypatch.setattr("finsam_rules.cli._registry", lambda strict, lang: registry)
    portfolio = ROOT / "examples" / "mphla-2016"
    result = CliRunner().invoke(main, ["report", str(portfolio), "--format", "json"])
    data = json.loads(result.stdout)
    assert data["portfolio_verdict"] and "debug" not in result.stdout
    verdicts = {row["verdict"] for row in data["applications"]}
    assert verdicts and "tillstyrks" not in verdicts


def test_plugins_json_stays_clean_when_a_pack_prints_at_import(tmp_path):
    site = installed_pack(tmp_path, "prints_at_import", rule_module("pass", at_import='print("laddar")\n'))
    result = finsam(site, "plugins", "--format", "json")
    packs = {p["name"]: p["rules"] for p in json.loads(result.stdout)["packs"]}
    assert packs["finsam-misbehaving"] == ["ZZ001"]
    assert "laddar" in result.stderr and result.returncode == 0
