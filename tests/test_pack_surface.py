"""The surface for rule authors: one import, a name taken from the function, explanations
as named fields with the parameter list generated, and units and descriptions written once,
in the pack's policy data, in both languages (checked when the policy is loaded)."""

from __future__ import annotations

import ast
import types
from collections.abc import Iterator
from pathlib import Path

import pytest

import finsam_rules.pack as pack
from finsam_rules.commands.rules import explain_rule, list_rules
from finsam_rules.errors import PolicyError
from finsam_rules.pack import (
    Application,
    Check,
    Explanation,
    Finding,
    Param,
    ParamType,
    Scope,
    Severity,
    explain,
    hookimpl,
    plan,
    rule,
)
from finsam_rules.plugins import Registry, build_registry
from finsam_rules.policy import load_policy

ROOT = Path(__file__).resolve().parents[1]

#: MPHLA's plan: "deltagandet skall för individen vara tidsbegränsat"; Balder's average
#: enrolment was 13 months in 2016, the pack's limit 24.
POLICY = """[policy]
name = "finsam-prov"

[rules.ZZ001.params.max_months]
value = 24
unit = { sv = "månader", en = "months" }
description.sv = "Längsta inskrivningstid per deltagare"
description.en = "Longest enrolment of one participant"
source = "MPHLA verksamhetsplan 2015-2017"
"""


@rule(
    code="ZZ001",
    scope=Scope.APPLICATION,
    severity=Severity.ERROR,
    source=plan("Deltagandet ska vara tidsbegränsat"),
    title={"sv": "Tidsbegränsat deltagande", "en": "Time-limited participation"},
    params=[Param("max_months", ParamType.INTEGER, minimum=1, maximum=60)],
    messages={"too_long": {"sv": "{months} månader", "en": "{months} months"}},
    explanation=explain(
        sv=Explanation(
            what="Jämför längsta inskrivningstid med planens gräns.",
            why="Deltagandet ska leda vidare.",
            example="18 månader godkänns; 30 flaggas.",
        ),
        en=Explanation(
            what="Compares the longest enrolment with the plan's limit.",
            why="Participation should lead on.",
            example="18 months pass; 30 are flagged.",
        ),
    ),
)
def longest_enrolment(app: Application, check: Check) -> Iterator[Finding]:
    months = app.extra.get("max_enrolment_months", 0)
    if months > check.params["max_months"]:
        yield check.finding("too_long", months=months)


def registry_with(policy_text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Registry:
    monkeypatch.setenv("FINSAM_RULES_PLUGINS", "finsam-rules")
    policy = tmp_path / "policy.toml"
    policy.write_text(policy_text, encoding="utf-8")
    module = types.SimpleNamespace()

    @hookimpl
    def register_rules(register):
        register(longest_enrolment)

    @hookimpl
    def register_policy_files(register):
        register(policy)

    module.register_rules = register_rules
    module.register_policy_files = register_policy_files
    return build_registry(extra_plugins=[("finsam-prov", module)])


def test_the_name_defaults_from_the_function() -> None:
    assert longest_enrolment.name == "longest-enrolment"
    named = rule(
        code="ZZ002",
        name="my-own-name",
        scope=Scope.APPLICATION,
        severity=Severity.INFO,
        source=plan("x"),
        title={"sv": "x", "en": "x"},
        messages={},
        explanation=explain(sv=("a", "b", "c"), en=("a", "b", "c")),
    )(longest_enrolment.function)
    assert named.name == "my-own-name"
    assert named.explanation["en"] == Explanation("a", "b", "c", "")


def test_explain_lists_the_parameters_from_the_policy_data(tmp_path, monkeypatch) -> None:
    registry = registry_with(POLICY, tmp_path, monkeypatch)
    policy = load_policy(registry)
    rule_ = registry.rules["ZZ001"]
    sv = explain_rule(rule_, policy, "sv")
    en = explain_rule(rule_, policy, "en")
    assert sv.startswith("ZZ001 Tidsbegränsat deltagande (longest-enrolment)\n")
    assert sv.endswith(
        "## Parametrar\n- max_months = 24 (månader): Längsta inskrivningstid per deltagare. "
        "MPHLA verksamhetsplan 2015-2017\n"
    )
    assert en.endswith(
        "## Parameters\n- max_months = 24 (months): Longest enrolment of one participant. "
        "MPHLA verksamhetsplan 2015-2017\n"
    )
    assert "## Source\nPlan: Deltagandet ska vara tidsbegränsat.\n" in en  # no extra source text
    listed = list_rules(registry, policy, "text", "en")
    assert "max_months = 24 months  (MPHLA verksamhetsplan 2015-2017)" in listed
    assert "Longest enrolment of one participant" in listed


@pytest.mark.parametrize(
    ("drop", "key", "missing"),
    [
        ('description.en = "Longest enrolment of one participant"\n', "description", "en"),
        ('unit = { sv = "månader", en = "months" }\n', "unit", "sv, en"),
    ],
)
def test_a_pack_must_describe_its_parameters_in_both_languages(
    tmp_path, monkeypatch, drop, key, missing
) -> None:
    registry = registry_with(POLICY.replace(drop, ""), tmp_path, monkeypatch)
    with pytest.raises(PolicyError) as caught:
        load_policy(registry)
    assert caught.value.key == f"rules.ZZ001.params.max_months.{key}"
    assert f"the pack's policy file must give the {key} in sv and en" in caught.value.line("en")
    assert f"missing: {missing}" in caught.value.line("en")
    assert "finsam-prov:policy.toml" in caught.value.line("sv")


def test_a_unit_is_a_text_or_a_table_by_language(tmp_path, monkeypatch) -> None:
    registry = registry_with(
        POLICY.replace('unit = { sv = "månader", en = "months" }', "unit = 24"), tmp_path, monkeypatch
    )
    with pytest.raises(PolicyError) as caught:
        load_policy(registry)
    assert caught.value.key == "rules.ZZ001.params.max_months.unit"
    assert "expected a text or a table { sv = ..., en = ... }, got integer" in caught.value.line("en")


def test_an_association_may_describe_its_own_value(tmp_path, monkeypatch) -> None:
    """A policy file's plain description is Swedish; it replaces the pack's in Swedish."""
    registry = registry_with(POLICY, tmp_path, monkeypatch)
    plan_file = tmp_path / "plan.toml"
    plan_file.write_text(
        '[rules.ZZ001.params.max_months]\nvalue = 18\nunit = "månader"\n'
        'description = "Högst ett och ett halvt år per deltagare"\n',
        encoding="utf-8",
    )
    policy = load_policy(registry, plan_file)
    text = policy.text_of(registry.rules["ZZ001"], "max_months")
    assert text.description == {
        "sv": "Högst ett och ett halvt år per deltagare",
        "en": "Longest enrolment of one participant",
    }
    assert text.unit == {"sv": "månader", "en": "months"}


def test_every_standard_setting_is_described_in_both_languages() -> None:
    registry = build_registry()
    policy = load_policy(registry)
    for name in registry.settings:
        text = policy.text_of(None, name)
        assert all(text.unit[lang] and text.description[lang] for lang in ("sv", "en")), name


def test_the_standard_pack_declares_rules_with_the_one_import() -> None:
    """Its modules import rule-authoring names from finsam_rules.pack only, and name no
    rule by hand."""
    for path in sorted((ROOT / "plugins").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        modules = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        assert not modules & {"finsam_rules.rules", "finsam_rules.hookspecs", "finsam_rules.model"}, path
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("rule", "Param"):
                keywords = {k.arg for k in node.keywords}
                assert not keywords & {"name", "unit", "description"}, (path, node.lineno)
                if node.func.id == "Param":  # type: ignore[attr-defined]
                    assert len(node.args) == 2, (path, node.lineno)


def test_the_surface_is_documented() -> None:
    guide = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    for name in pack.__all__:
        assert getattr(pack, name) is not None
        assert f"`{name}`" in guide, name
