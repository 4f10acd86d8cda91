"""TG: the target group. People of working age who need coordinated rehabilitation."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from finsam_rules.pack import (
    Application,
    Change,
    Check,
    Explanation,
    Finding,
    NotEvaluable,
    Param,
    ParamType,
    Rule,
    Scope,
    Severity,
    explain,
    hookimpl,
    law,
    plan,
    rule,
)


@rule(
    code="TG001",
    scope=Scope.APPLICATION,
    severity=Severity.BLOCKER,
    fields=("$.target_group.age_min", "$.target_group.age_max"),
    source=law("prop. 2002/03:132 (förvärvsaktiv ålder; 20-64 år nämns); åldersgränserna i förbundets plan"),
    title={"sv": "Arbetsför ålder", "en": "Working age"},
    params=[
        Param("min_age", ParamType.INTEGER, minimum=15, maximum=25),
        Param("max_age", ParamType.INTEGER, minimum=55, maximum=70),
    ],
    remedies={
        "ages": {
            "sv": "Avgränsa målgruppen till {new_min}-{new_max} år (arbetsför ålder {min_age}-{max_age} år).",
            "en": "Limit the target group to ages {new_min}-{new_max} (working age {min_age}-{max_age}).",
        }
    },
    messages={
        "outside": {
            "sv": "Målgruppen är {age_min}-{age_max} år, utanför arbetsför ålder {min_age}-{max_age} år.",
            "en": "The target group is aged {age_min}-{age_max}, outside working age {min_age}-{max_age}.",
        },
        "no_ages": {
            "sv": "Kunde inte bedömas: målgruppens ålder (target_group.age_min och age_max) saknas.",
            "en": "Could not be evaluated: the target group's ages (target_group.age_min and "
            "age_max) are missing.",
        },
    },
    explanation=explain(
        sv=Explanation(
            what="Jämför målgruppens lägsta och högsta ålder med arbetsför ålder.",
            why=(
                "Lagen gäller personer i förvärvsaktiv ålder som behöver samordnade insatser för "
                "att nå eller förbättra sin förmåga att förvärvsarbeta."
            ),
            example="En målgrupp 18-29 år (Balder) godkänns; 13-19 år avstyrks med standardvärdena 16-64.",
            source=(
                "prop. 2002/03:132 (förvärvsaktiv ålder; förarbetena nämner 20-64 år). Lagen anger "
                "ingen åldersgräns: gränserna är förbundets plan (standard 16-64)."
            ),
        ),
        en=Explanation(
            what="Compares the target group's youngest and oldest age with working age.",
            why=(
                "The law covers people of working age who need coordinated support to reach or "
                "improve their ability to work."
            ),
            example="A target group aged 18-29 (Balder) passes; 13-19 is rejected with the default 16-64.",
            source=(
                "prop. 2002/03:132 (working age; the preparatory works name 20-64). The law sets no "
                "age range: the limits are the association's plan (default 16-64)."
            ),
        ),
    ),
)
def working_age(app: Application, check: Check) -> Iterator[Finding]:
    """Flag a target group whose ages reach outside ``min_age``-``max_age``."""
    group = app.target_group
    if group is None or group.age_min is None or group.age_max is None:
        raise NotEvaluable("no_ages")
    if group.age_min < check.params["min_age"] or group.age_max > check.params["max_age"]:
        new_min = max(group.age_min, check.params["min_age"])
        new_max = min(group.age_max, check.params["max_age"])
        remedy = None
        if new_min <= new_max:  # otherwise no part of the group is of working age
            changes = [
                Change(f"$.target_group.{bound}", new)
                for bound, old, new in (
                    ("age_min", group.age_min, new_min),
                    ("age_max", group.age_max, new_max),
                )
                if new != old
            ]
            remedy = check.remedy("ages", changes=changes, new_min=new_min, new_max=new_max)
        yield check.finding("outside", remedy=remedy, age_min=group.age_min, age_max=group.age_max)


@rule(
    code="TG002",
    scope=Scope.APPLICATION,
    severity=Severity.INFO,
    fields=("$.target_group.priority_groups",),
    source=plan("Förbundets prioriterade målgrupper (verksamhetsplanen)"),
    title={"sv": "Prioriterad målgrupp", "en": "Priority group"},
    needs_association=True,
    messages={
        "matches": {
            "sv": "Till fördel: målgruppen hör till förbundets prioriterade grupper: "
            "{matched:words@priority_group}.",
            "en": "In favour: the target group belongs to the association's priority groups: "
            "{matched:words@priority_group}.",
        },
    },
    explanation=explain(
        sv=Explanation(
            what=(
                "Jämför ansökans målgruppstaggar (target_group.priority_groups) med förbundets "
                "prioriterade målgrupper i association.toml och noterar en träff till fördel."
            ),
            why=(
                "Styrelsen har prioriterat vissa grupper i verksamhetsplanen; beredningsgruppen "
                "ska kunna se vilka ansökningar som svarar mot prioriteringarna."
            ),
            example="Förbundet prioriterar young_adults; en ansökan för unga vuxna noteras till fördel.",
            source="Förbundets verksamhetsplan (prioriterade målgrupper).",
        ),
        en=Explanation(
            what=(
                "Compares the application's target group tags (target_group.priority_groups) "
                "with the association's priority groups in association.toml and notes a match "
                "in favour."
            ),
            why=(
                "The board has prioritised groups in its plan; the preparation group must see "
                "which applications answer to them."
            ),
            example=(
                "The association prioritises young_adults; an "
                "application for young adults is noted in favour."
            ),
            source="The association's plan (priority groups).",
        ),
    ),
)
def priority_group(app: Application, check: Check) -> Iterator[Finding]:
    """Note in favour an application aimed at one of the association's priority groups."""
    association = check.require_association()
    tags = app.target_group.priority_groups if app.target_group else ()
    matched = [g for g in association.priority_groups if g in tags]
    if matched:
        yield check.finding(
            "matches",
            matched=matched,
        )


# The words for the priority-group tags of the brief are the vocabulary ``priority_group``
# of the pack's words (policies/words.toml); other tags are shown as written.


@hookimpl
def register_rules(register: Callable[[Rule], None]) -> None:
    """Register TG001 and TG002."""
    register(working_age)
    register(priority_group)
