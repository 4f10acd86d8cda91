"""SG: the steering group. The parties' managers steer the project together."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from finsam_rules.pack import (
    Application,
    Change,
    Check,
    Explanation,
    Finding,
    Param,
    ParamType,
    Rule,
    Scope,
    Severity,
    explain,
    hookimpl,
    plan,
    rule,
)


@rule(
    code="SG001",
    scope=Scope.APPLICATION,
    severity=Severity.ERROR,
    fields=("$.steering_group",),
    source=plan("Lokal samverkansgrupp/styrgrupp"),
    title={"sv": "Styrgrupp", "en": "Steering group"},
    params=[
        Param("min_members", ParamType.INTEGER, minimum=1, maximum=10),
        Param("all_parties", ParamType.BOOLEAN),
    ],
    remedies={
        "add": {
            "sv": "Lägg till {added:list} i styrgruppen.",
            "en": "Add {added:list} to the steering group.",
        },
        "remove": {
            "sv": "Ta bort {removed:list} ur styrgruppen; de är inte parter i projektet.",
            "en": "Remove {removed:list} from the steering group; they are not parties of the project.",
        },
    },
    messages={
        "too_small": {
            "sv": "Styrgruppen har {count} part(er) ({members:list}); minst {min_members} krävs.",
            "en": "The steering group has {count} part(ies) ({members:list}); at least "
            "{min_members} are required.",
        },
        "not_parties": {
            "sv": "{outsiders:list} sitter i styrgruppen men är inte parter i projektet.",
            "en": "{outsiders:list} sit in the steering group but are not parties to the project.",
        },
        "missing_parties": {
            "sv": "Parterna {absent:list} saknas i styrgruppen.",
            "en": "The parties {absent:list} are missing from the steering group.",
        },
    },
    explanation=explain(
        sv=Explanation(
            what=(
                "Kräver en styrgrupp (steering_group) av parternas chefer med minst ett visst "
                "antal parter, bara parter, och (med all_parties) alla parter."
            ),
            why=(
                "En styrgrupp där alla parter sitter med mandat är det som gör att arbetet "
                "förankras och kan tas över."
            ),
            example="Parterna fk, af och lerum med styrgruppen fk och af: lerum saknas.",
            source="Förbundets verksamhetsplan.",
        ),
        en=Explanation(
            what=(
                "Requires a steering group (steering_group) of the parties' managers with at "
                "least a number of parties, only parties, and (with all_parties) all of them."
            ),
            why=(
                "A steering group where every party sits with a mandate is what anchors the work "
                "so it can be taken over."
            ),
            example="Parties fk, af and lerum with the steering group fk and af: lerum is missing.",
            source="The association's plan.",
        ),
    ),
)
def steering_group(app: Application, check: Check) -> Iterator[Finding]:
    """Flag a steering group that is too small, has outsiders, or leaves parties out."""
    group = list(dict.fromkeys(app.steering_group))
    parties = app.all_parties
    absent = [p for p in parties if p not in group]
    if len(group) < check.params["min_members"]:
        need = check.params["min_members"] - len(group)
        remedy = None
        if len(absent) >= need:
            added = absent[:need]
            remedy = check.remedy("add", changes=[Change("$.steering_group", [*group, *added])], added=added)
        yield check.finding("too_small", remedy=remedy, count=len(group), members=group)
    outsiders = [m for m in group if m not in parties]
    if outsiders:
        kept = [m for m in group if m in parties]
        remedy = check.remedy("remove", changes=[Change("$.steering_group", kept)], removed=outsiders)
        yield check.finding("not_parties", remedy=remedy, outsiders=outsiders)
    if group and check.params["all_parties"] and absent:
        remedy = check.remedy("add", changes=[Change("$.steering_group", [*group, *absent])], added=absent)
        yield check.finding("missing_parties", remedy=remedy, absent=absent)


@hookimpl
def register_rules(register: Callable[[Rule], None]) -> None:
    """Register SG001."""
    register(steering_group)
