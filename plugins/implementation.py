"""IM: the implementation plan. How the members take the work over when funding ends."""

from __future__ import annotations

from finsam_rules.hookspecs import hookimpl
from finsam_rules.model import Application
from finsam_rules.rules import Check, Param, ParamType, Scope, Severity, explain, plan, rule
from finsam_standard.gender import KINDS, words


@rule(
    code="IM001",
    name="implementation-plan",
    scope=Scope.APPLICATION,
    severity=Severity.ERROR,
    source=plan("Implementering i ordinarie verksamhet"),
    title={"sv": "Implementeringsplan", "en": "Implementation plan"},
    params=[
        Param(
            "min_words",
            ParamType.INTEGER,
            "ord",
            "Fewest words for a substantive plan",
            minimum=1,
            maximum=1000,
        ),
        Param("kinds", ParamType.CHOICES, "projektslag", "Kinds of project that need a plan", choices=KINDS),
    ],
    messages={
        "thin": {
            "sv": "Implementeringsplanen har {words} ord; minst {min_words} krävs för att "
            "beskriva hur medlemmarna tar över arbetet när finansieringen upphör.",
            "en": "The implementation plan has {words} words; at least {min_words} are "
            "required to describe how the members take the work over when funding ends.",
        },
    },
    explanation=explain(
        sv=(
            "Kräver en implementeringsplan (implementation_plan) med minst ett visst antal "
            "ord för de projektslag som räknas upp.",
            "Förbundet finansierar utveckling, inte permanent drift: det som fungerar ska "
            "tas över av medlemmarnas ordinarie verksamhet.",
            '"Vi återkommer." räcker inte; en plan som anger vem som tar över vilka tjänster '
            "och när gör det.",
            "Förbundets verksamhetsplan. Parametrarna min_words och kinds.",
        ),
        en=(
            "Requires an implementation plan (implementation_plan) of at least a number of "
            "words for the listed kinds of project.",
            "The association funds development, not permanent operation: what works must be "
            "taken over by the members' ordinary services.",
            '"To be decided." is not enough; a plan naming who takes over which posts and when is.',
            "The association's plan. Parameters min_words and kinds.",
        ),
    ),
)
def implementation_plan(app: Application, check: Check):
    """Flag a missing or thin implementation plan."""
    if app.kind.value not in check.params["kinds"]:
        return
    count = words(app.implementation_plan)
    if count < check.params["min_words"]:
        yield check.finding("thin", words=count)


@hookimpl
def register_rules(register):
    """Register IM001."""
    register(implementation_plan)
