"""Rule packs: registered through entry points, isolated when they break, testable by table.

Installing a pack is slow (pip builds it), so the install tests share one target folder per
session and are run with a subprocess whose PYTHONPATH points there.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import types
from pathlib import Path

import pytest
from click.testing import CliRunner

from finsam_rules.cli import main
from finsam_rules.engine import Engine, RuleCrash
from finsam_rules.errors import PluginError
from finsam_rules.hookspecs import hookimpl
from finsam_rules.plugins import build_registry
from finsam_rules.policy import load_policy
from finsam_rules.rules import Scope, Severity, explain, plan, rule
from finsam_rules.scaffold import scaffold

ROOT = Path(__file__).resolve().parents[1]
FINSAM = Path(sys.executable).parent / "finsam"
EXAMPLE_APPLICATION = ROOT / "examples" / "pack-mphla" / "tests" / "documents" / "applications"


def make_rule(code: str, function):
    return rule(
        code=code,
        name=f"test-{code.lower()}",
        scope=Scope.APPLICATION,
        severity=Severity.ERROR,
        source=plan("Testplan"),
        title={"sv": "Test", "en": "Test"},
        messages={"found": {"sv": "Hittade {x}", "en": "Found {x}"}},
        explanation=explain(sv=("a", "b", "c", "d"), en=("a", "b", "c", "d")),
    )(function)


def plugin(*rules):
    module = types.SimpleNamespace()

    @hookimpl
    def register_rules(register):
        for item in rules:
            register(item)

    module.register_rules = register_rules
    return module


@pytest.fixture(autouse=True)
def standard_pack_only(monkeypatch):
    monkeypatch.setenv("FINSAM_RULES_PLUGINS", "finsam-rules")


class TestRegistration:
    def test_the_standard_pack_loads_through_entry_points_like_any_pack(self):
        registry = build_registry()
        assert set(registry.packs) == {"finsam-rules"}
        assert (
            len(registry.rules) == 31
        )  # PA003 (member references) and FI004 (tables add up): contract version 2
        assert {r.pack for r in registry.rules.values()} == {"finsam-rules"}

    def test_two_packs_claiming_one_code_are_rejected_with_both_named(self):
        clash = make_rule("FP001", lambda app, check: iter(()))
        with pytest.raises(PluginError) as caught:
            build_registry(extra_plugins=[("finsam-clash", plugin(clash))])
        assert "finsam-rules" in caught.value.message["en"]
        assert "finsam-clash" in caught.value.message["en"]

    def test_the_environment_variable_restricts_which_packs_load(self, monkeypatch):
        monkeypatch.setenv("FINSAM_RULES_PLUGINS", "")
        assert build_registry().rules == {}

    def test_plugins_lists_packs_as_json(self):
        result = CliRunner().invoke(main, ["plugins", "--all", "--format", "json"])
        data = json.loads(result.stdout)
        (pack,) = data["packs"]
        assert pack["name"] == "finsam-rules"
        assert "FP001" in pack["rules"] and "RP003" in pack["rules"]

    def test_a_pack_with_an_undeclared_default_is_rejected(self):
        from finsam_rules.errors import PolicyError
        from finsam_rules.rules import Param, ParamType

        bare = rule(
            code="ZZ001",
            name="zz",
            scope=Scope.APPLICATION,
            severity=Severity.ERROR,
            source=plan("x"),
            title={"sv": "x", "en": "x"},
            messages={},
            params=[Param("limit", ParamType.INTEGER)],
            explanation=explain(sv=("a", "b", "c", "d"), en=("a", "b", "c", "d")),
        )(lambda app, check: iter(()))
        registry = build_registry(extra_plugins=[("finsam-zz", plugin(bare))])
        with pytest.raises(PolicyError, match="no policy file gives its value"):
            load_policy(registry)


class TestIsolation:
    """A broken pack never takes the screening down nor lets an application through."""

    def crashing_registry(self):
        def crash(app, check):
            raise ZeroDivisionError("division by zero")
            yield  # pragma: no cover

        return build_registry(extra_plugins=[("finsam-broken", plugin(make_rule("ZZ001", crash)))])

    def application(self):
        from finsam_rules.loading import load_document

        return load_document(EXAMPLE_APPLICATION / "inom-gransen.toml")

    def test_a_rule_that_raises_is_reported_with_pack_and_rule_and_blocks_approval(self):
        registry = self.crashing_registry()
        evaluation = Engine(load_policy(registry)).evaluate(self.application())
        (crash,) = [f for f in evaluation.findings if f.code == "ZZ001"]
        assert crash.status.value == "not_evaluated"
        assert "finsam-broken" in crash.message("en") and "ZZ001" in crash.message("en")
        assert evaluation.verdict.value == "komplettering krävs"
        assert len({f.code for f in evaluation.findings}) > 1  # the other rules still ran

    def test_strict_makes_a_crash_fatal(self):
        registry = self.crashing_registry()
        with pytest.raises(RuleCrash, match="ZZ001"):
            Engine(load_policy(registry), strict=True).evaluate(self.application())

    def test_a_hook_that_raises_is_recorded_and_the_rest_loads(self):
        broken = types.SimpleNamespace()

        @hookimpl
        def register_rules(register):
            raise ImportError("no module named 'numpy'")

        broken.register_rules = register_rules
        registry = build_registry(extra_plugins=[("finsam-bad", broken)])
        assert [(e.pack, e.what) for e in registry.load_errors] == [("finsam-bad", "register_rules")]
        assert "FP001" in registry.rules


@pytest.fixture(scope="session")
def installed_packs(tmp_path_factory):
    """The example pack and a freshly scaffolded one, installed into a target folder."""
    target = tmp_path_factory.mktemp("site")
    scaffolded = tmp_path_factory.mktemp("scaffold") / "finsam-orebro"
    scaffold("orebro", scaffolded)
    for source in (ROOT / "examples" / "pack-mphla", scaffolded):
        done = subprocess.run(
            [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(source)],
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            pytest.fail(f"pip install {source} failed:\n{done.stderr[-2000:]}")
    return target, scaffolded


def run_with(target: Path, *args: str, cwd: Path | None = None, only: str | None = None):
    env = {**os.environ, "PYTHONPATH": str(target)}
    env.pop("FINSAM_RULES_PLUGINS", None)
    if only is not None:
        env["FINSAM_RULES_PLUGINS"] = only
    return subprocess.run([str(FINSAM), *args], capture_output=True, text=True, env=env, cwd=cwd)


class TestInstalledPacks:
    def test_installed_packs_are_listed_with_their_rules(self, installed_packs):
        target, _ = installed_packs
        result = run_with(target, "plugins", "--format", "json")
        packs = {p["name"]: p for p in json.loads(result.stdout)["packs"]}
        assert packs["finsam-mphla"]["rules"] == ["MP001"]
        assert packs["finsam-orebro"]["rules"] == ["OR001"]
        assert packs["finsam-mphla"]["version"] == "0.1.0"

    def test_the_example_pack_reads_an_extra_field(self, installed_packs):
        target, _ = installed_packs
        result = run_with(
            target, "screen", "--format", "json", "--lang", "en", str(EXAMPLE_APPLICATION / "for-lang.toml")
        )
        findings = json.loads(result.stdout)["documents"][0]["findings"]
        (mp001,) = [f for f in findings if f["code"] == "MP001"]
        assert mp001["message"] == "The longest enrolment of 30 months exceeds the plan's 24 months."
        assert mp001["pack"] == "finsam-mphla"

    def test_the_example_packs_cases_pass(self, installed_packs):
        target, _ = installed_packs
        result = run_with(
            target,
            "pack",
            "test",
            str(ROOT / "examples" / "pack-mphla" / "tests"),
            only="finsam-rules,finsam-mphla",
        )
        assert result.returncode == 0, result.stdout
        assert "3 godkända, 0 underkända" in result.stdout

    def test_a_scaffolded_pack_passes_its_own_cases_right_after_install(self, installed_packs):
        target, scaffolded = installed_packs
        result = run_with(
            target, "pack", "test", "tests/cases", cwd=scaffolded, only="finsam-rules,finsam-orebro"
        )
        assert result.returncode == 0, result.stdout
        assert "2 godkända, 0 underkända" in result.stdout

    @pytest.mark.parametrize("pack", ["example", "scaffolded"])
    def test_pytest_in_a_pack_folder_runs_each_case_as_an_item(self, installed_packs, pack):
        """The engine's pytest plugin collects the pack's cases; its pyproject names the
        packs that judge them (finsam_packs)."""
        target, scaffolded = installed_packs
        folder = ROOT / "examples" / "pack-mphla" if pack == "example" else scaffolded
        env = {**os.environ, "PYTHONPATH": str(target)}
        env.pop("FINSAM_RULES_PLUGINS", None)
        result = subprocess.run(
            [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-v"],
            capture_output=True,
            text=True,
            env=env,
            cwd=folder,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        cases = sorted((folder / "tests" / "cases").glob("*.toml"))
        for case in cases:
            assert f"tests/cases/{case.name}::{case.stem} PASSED" in result.stdout
        assert f"{len(cases) + 1} passed" in result.stdout

    def test_the_environment_variable_leaves_a_pack_out(self, installed_packs):
        target, _ = installed_packs
        result = run_with(target, "plugins", "--all", "--format", "json", only="finsam-rules")
        assert [p["name"] for p in json.loads(result.stdout)["packs"]] == ["finsam-rules"]

    def test_pack_test_shows_expected_against_actual(self, installed_packs, tmp_path):
        target, _ = installed_packs
        case = tmp_path / "case.toml"
        case.write_text(
            f'[case]\ndescription = "wrong on purpose"\ndocument = '
            f'"{(EXAMPLE_APPLICATION / "for-lang.toml").as_posix()}"\n'
            '[expect]\nverdict = "tillstyrks"\nexcludes = ["MP001"]\n',
            encoding="utf-8",
        )
        result = run_with(target, "pack", "test", str(tmp_path))
        assert result.returncode == 1
        assert "verdict: expected 'tillstyrks', got 'komplettering krävs'" in result.stdout
        assert "expected MP001 not to fire" in result.stdout


def test_pack_new_refuses_to_overwrite(tmp_path):
    (tmp_path / "finsam-x").mkdir()
    (tmp_path / "finsam-x" / "keep.txt").write_text("mine", encoding="utf-8")
    result = CliRunner().invoke(main, ["pack", "new", "x", "-o", str(tmp_path / "finsam-x")])
    assert result.exit_code == 2
    assert (tmp_path / "finsam-x" / "keep.txt").read_text(encoding="utf-8") == "mine"


def test_a_pack_that_fails_to_load_keeps_every_document_from_approval(tmp_path):
    """The pack is named, the run goes on, and nothing is approved unchecked."""
    site = tmp_path / "site"
    dist = site / "finsam_broken-0.1.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: finsam-broken\nVersion: 0.1\n", encoding="utf-8"
    )
    (dist / "entry_points.txt").write_text("[finsam_rules]\nbroken = finsam_broken_rules\n", encoding="utf-8")
    (site / "finsam_broken_rules.py").write_text("import numpy_that_is_not_there\n", encoding="utf-8")
    compliant = ROOT / "examples" / "screening" / "applications"
    target = sorted(compliant.glob("ok-*.toml"))[0]
    env = {**os.environ, "PYTHONPATH": str(site)}
    env.pop("FINSAM_RULES_PLUGINS", None)
    result = subprocess.run(
        [str(FINSAM), "screen", str(target), "--format", "json", "--lang", "en"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert "Pack finsam-broken could not be loaded" in result.stderr
    document = json.loads(result.stdout)["documents"][0]
    assert document["verdict"] == "komplettering krävs"
    (failure,) = [f for f in document["findings"] if f["code"] == "PACK"]
    assert failure["status"] == "not_evaluated" and failure["pack"] == "finsam-broken"
    strict = subprocess.run(
        [str(FINSAM), "screen", str(target), "--strict"], capture_output=True, text=True, env=env
    )
    assert strict.returncode == 3
    assert "Traceback" not in strict.stderr + result.stderr
