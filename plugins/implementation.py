"""IM: the implementation plan. How the members take the work over when funding ends."""

from __future__ import annotations

from collections.abc import Callable, Iterator

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

from . import content
from .gender import KINDS

#: The elements of an implementation plan, in the order a finding lists them.
PLAN_ELEMENTS = ("takeover", "start", "decision")


@rule(
    code="IM001",
    scope=Scope.APPLICATION,
    severity=Severity.ERROR,
    fields=("$.implementation_plan",),
    source=plan("Implementering i ordinarie verksamhet"),
    title={"sv": "Implementeringsplan", "en": "Implementation plan"},
    params=[
        *content.cue_params(tuple(PLAN_ELEMENTS)),
        Param("kinds", ParamType.CHOICES, choices=KINDS),
    ],
    messages={
        "missing_text": {
            "sv": "Implementeringsplan saknas (implementation_plan). Den ska ange "
            "{missing:and@implementation_plan} "
            "när förbundets finansiering upphör.",
            "en": "The implementation plan is missing (implementation_plan). It must state "
            "{missing:and@implementation_plan} once the association's funding ends.",
        },
        "placeholder": {
            "sv": "Implementeringsplanen är mallens instruktion, inte projektets plan. Ersätt "
            "den med en text som anger {missing:and@implementation_plan}.",
            "en": "The implementation plan is the template's instruction, not the project's "
            "plan. Replace it with a text that states {missing:and@implementation_plan}.",
        },
        "elements": {
            "sv": "Implementeringsplanen ({words} ord) anger inte {missing:and@implementation_plan}.",
            "en": "The implementation plan ({words} words) does not state {missing:and@implementation_plan}.",
        },
        **content.COMMON_MESSAGES,
    },
    remedies={
        "write": {
            "sv": "Skriv en implementeringsplan (implementation_plan) som anger: "
            "{missing:and@implementation_plan}.",
            "en": "Write an implementation plan (implementation_plan) that states: "
            "{missing:and@implementation_plan}.",
        },
        "complete": {
            "sv": "Komplettera implementeringsplanen med: {missing:and@implementation_plan}.",
            "en": "Complete the implementation plan with: {missing:and@implementation_plan}.",
        },
    },
    explanation=explain(
        sv=Explanation(
            what=(
                "Läser implementeringsplanen (implementation_plan) efter tre inslag: vem som tar "
                "över vad, från när, och vem som beslutar. Varje inslag känns igen på ledtrådar "
                "per språk (parametrarna *_sv och *_en, daterad policydata); allmänna "
                "förhoppningar räknas inte, och mallens instruktion godtas aldrig. Gäller de "
                "projektslag som räknas upp; fyndet säger vilka inslag som saknas."
            ),
            why=(
                "Förbundet finansierar utveckling, inte permanent drift: det som fungerar ska "
                "tas över av medlemmarnas ordinarie verksamhet, och någon måste besluta om det."
            ),
            example=(
                '"Mölndals stad tar över tjänsterna i ordinarie verksamhet från hösten 2018 '
                'enligt styrgruppens beslut." (14 ord) godtas; "Målet är att arbetssättet ska '
                'implementeras i ordinarie verksamhet" gör det inte.'
            ),
            source="Förbundets verksamhetsplan.",
        ),
        en=Explanation(
            what=(
                "Reads the implementation plan (implementation_plan) for three elements: who "
                "takes over what, from when, and who decides. Each element is recognised by cues "
                "per language (parameters *_sv and *_en, dated policy data); general hopes do not "
                "count, and the template's instruction never passes. Applies to the listed kinds "
                "of project; the finding names the missing elements."
            ),
            why=(
                "The association funds development, not permanent operation: what works must be "
                "taken over by the members' ordinary services, and someone must decide that."
            ),
            example=(
                '"Lerum municipality takes over the two coaches in its ordinary budget from '
                '1 January 2019; the labour market committee decides in October 2018." passes; '
                '"The aim is that the method will be implemented in ordinary operations" does not.'
            ),
            source="The association's plan.",
        ),
    ),
)
def implementation_plan(app: Application, check: Check) -> Iterator[Finding]:
    """Flag an implementation plan that lacks one of its elements, or is a template's text."""
    if app.kind.value not in check.params["kinds"]:
        return
    yield from content.check_text(check, app.implementation_plan, PLAN_ELEMENTS, "$.implementation_plan")


@hookimpl
def register_rules(register: Callable[..., None]) -> None:
    """Register IM001."""
    register(implementation_plan)
