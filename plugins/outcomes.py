"""OT: outcome targets. Projects promise measurable results and are held to them.

This module also owns the standard pack's named policy settings for counting outcomes
(``counted_outcomes``, ``denominator``, ``exclude_deceased``, ``participant_kinds``),
declared with the ``register_settings`` hook and read alike by OT002, OT004, GA005 and the
board report.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from finsam_rules.counting import add_counts, count_share
from finsam_rules.pack import (
    Application,
    Check,
    Explanation,
    Finding,
    NotEvaluable,
    Outcome,
    OutcomeCounts,
    OutcomeTarget,
    Param,
    ParamType,
    Portfolio,
    Report,
    Rule,
    Scope,
    Severity,
    explain,
    hookimpl,
    plan,
    rule,
    to_fraction,
)

OUTCOMES = tuple(o.value for o in Outcome)
KINDS = ("pre_study", "implementation", "structural")
DENOMINATORS = ("finished", "enrolled")

#: The named settings of the counting method (policy files: ``[settings]``).
SETTINGS = (
    Param("counted_outcomes", ParamType.CHOICES, choices=OUTCOMES),
    Param("denominator", ParamType.CHOICE, choices=DENOMINATORS),
    Param("exclude_deceased", ParamType.BOOLEAN),
    Param("participant_kinds", ParamType.CHOICES, choices=KINDS),
)

RESULT = {
    "sv": "{successes:n} av {denominator:n} {method:word@denominator} = {share:pct@target} till "
    "{counted_outcomes:or@outcome}"
    "{exclude_deceased:if@counting.deceased_excluded}",
    "en": "{successes:n} of {denominator:n} {method:word@denominator} = {share:pct@target} to "
    "{counted_outcomes:or@outcome}"
    "{exclude_deceased:if@counting.deceased_excluded}",
}


@rule(
    code="OT001",
    scope=Scope.APPLICATION,
    severity=Severity.ERROR,
    fields=("$.outcome_targets",),
    source=plan("Realistiska mätbara mål"),
    title={"sv": "Mätbara resultatmål", "en": "Measurable outcome targets"},
    params=[
        Param("kinds", ParamType.CHOICES, choices=KINDS),
    ],
    messages={
        "missing": {
            "sv": "Ansökan anger inget mätbart mål: en andel eller ett antal deltagare som når "
            "ett eller flera utfall (till exempel arbete, praktik eller studier); angivna mål: "
            "{given:or@outcome}.",
            "en": "The application states no measurable target: a share or a count of "
            "participants reaching one or more outcomes (for example work, internship or "
            "studies); targets given: {given:or@outcome}.",
        },
    },
    explanation=explain(
        sv=Explanation(
            what=(
                "Kräver att ett projekt av de angivna slagen anger minst ett mål med en andel eller "
                "ett antal deltagare som når ett utfall eller flera utfall tillsammans (measure är "
                "ett utfall eller en lista). Vilka utfall förbundet räknar som resultat prövar "
                "OT002 och OT003, inte OT001."
            ),
            why=(
                "Utan mätbara mål kan styrelsen inte följa upp om pengarna gjort nytta; "
                "rapporterna prövas mot målen (OT004)."
            ),
            example=(
                'outcome_targets = [{measure = ["work", "internship", "studies"], share = 0.5}] '
                "uppfyller regeln; ett mål som bara beskrivs i text gör det inte."
            ),
            source="Förbundets verksamhetsplan: realistiska mätbara mål.",
        ),
        en=Explanation(
            what=(
                "Requires a project of the listed kinds to state at least one target with a share "
                "or a count of participants reaching one outcome or several together (measure is "
                "one outcome or a list). Which outcomes the association counts as success is "
                "judged by OT002 and OT003, not by OT001."
            ),
            why=(
                "Without measurable targets the board cannot follow up whether the money did "
                "good; reports are judged against the targets (OT004)."
            ),
            example=(
                'outcome_targets = [{measure = ["work", "internship", "studies"], share = 0.5}] '
                "passes; a target only described in words does not."
            ),
            source="The association's plan: realistic measurable targets.",
        ),
    ),
)
def measurable_outcome_target(app: Application, check: Check) -> Iterator[Finding]:
    """Flag a project of the listed kinds without a share or count target."""
    if app.kind.value not in check.params["kinds"]:
        return
    if not any(t.share is not None or t.count is not None for t in app.outcome_targets):
        given = [list(t.outcomes) for t in app.outcome_targets]
        yield check.finding(
            "missing",
            given=given,
        )


OT002_PARAMS = [
    Param("target", ParamType.SHARE),
]


def _has_participants(report: Report, check: Check) -> bool:
    """Whether the report's project enrols participants: its application's kind is one of
    the setting ``participant_kinds``. Unknown when the application is not found: then yes."""
    app = check.application_for(report.project)
    return app is None or app.kind.value in check.settings["participant_kinds"]


def _reported_outcomes(report: Report) -> OutcomeCounts:
    """The report's outcomes, refusing to count when they do not add up."""
    if report.outcomes is None:
        raise NotEvaluable("no_outcomes")
    if report.participants is not None and report.outcomes.total != report.participants.total:
        raise NotEvaluable(
            "inconsistent", outcomes_total=report.outcomes.total, participants_total=report.participants.total
        )
    return report.outcomes


COUNTING_MESSAGES = {
    "no_outcomes": {
        "sv": "Kunde inte bedömas: rapporten redovisar inga utfall (outcomes).",
        "en": "Could not be evaluated: the report states no outcomes.",
    },
    "inconsistent": {
        "sv": "Kunde inte bedömas: utfallen summerar till {outcomes_total} men rapporten "
        "anger {participants_total} deltagare. Rätta tabellerna; andelen räknas inte "
        "på siffror som inte går ihop.",
        "en": "Could not be evaluated: the outcomes add up to {outcomes_total} but the "
        "report states {participants_total} participants. Correct the tables; the "
        "share is not computed from figures that do not add up.",
    },
    "none_finished": {
        "sv": "Ingen deltagare har avslutats ännu ({denominator} {method:word@denominator}); andelen "
        "bedöms när deltagare avslutas.",
        "en": "No participant has finished yet ({denominator} {method:word@denominator}); the share is "
        "judged once participants finish.",
    },
}


@rule(
    code="OT002",
    scope=Scope.REPORT,
    severity=Severity.WARNING,
    fields=("$.outcomes",),
    source=plan("Förbundets resultatmål för deltagare som avslutar en insats"),
    title={"sv": "Resultatmålet uppnått", "en": "Outcome target met"},
    params=OT002_PARAMS,
    messages={
        "below": {
            "sv": RESULT["sv"] + "; förbundets mål är {target:pcte}.",
            "en": RESULT["en"] + "; the association's target is {target:pcte}.",
        },
        "met": {
            "sv": RESULT["sv"] + "; förbundets mål {target:pcte} är uppnått.",
            "en": RESULT["en"] + "; the association's target {target:pcte} is met.",
        },
        **COUNTING_MESSAGES,
    },
    explanation=explain(
        sv=Explanation(
            what=(
                "Räknar andelen deltagare som gått till de utfall förbundet räknar som resultat och "
                "jämför med förbundets mål. Räknesättet är förbundets inställningar (policyfilens "
                "[settings]): vilka utfall som räknas (counted_outcomes), nämnaren (denominator: "
                "avslutade eller alla inskrivna) och om avlidna räknas bort (exclude_deceased). "
                "Andelen räknas exakt (70,0 % uppfyller ett mål på 70 %). Ett utfall under målet är "
                "en varning som styrelsen ska känna till, inte en ofullständig rapport; går utfallen "
                "inte ihop med antalet deltagare räknas ingen andel och rapporten behöver "
                "kompletteras."
            ),
            why=(
                "Förbunden räknar olika och skillnaden är stor; därför visas alltid bråket och "
                "metoden så att styrelsen kan räkna efter. Projektet prövas mot sina egna mål i "
                "OT004."
            ),
            example=(
                "32 av 44 avslutade = 73 % till arbete, studier eller fortsatt rehabilitering; "
                "förbundets mål 70 % är uppnått."
            ),
            source=(
                "Förbundets verksamhetsplan. Räknesättet från inställningarna "
                "counted_outcomes, denominator och exclude_deceased."
            ),
        ),
        en=Explanation(
            what=(
                "Counts the share of participants who went on to the outcomes the association "
                "counts as success and compares it with the association's target. The counting "
                "method is the association's settings (the policy file's [settings]): which "
                "outcomes count (counted_outcomes), the denominator (denominator: finished or all "
                "enrolled) and whether the deceased are excluded (exclude_deceased). The share is "
                "exact (70.0% meets a 70% target). An outcome below the target is a warning the "
                "board should know of, not an incomplete report; if the outcomes do not add up to "
                "the participants, no share is computed and the report needs completing."
            ),
            why=(
                "Associations count differently and the difference is large, so the fraction "
                "and the method are always shown for the board to check. The project is judged "
                "against its own targets in OT004."
            ),
            example=(
                "32 of 44 finished = 73% to work, studies or further rehabilitation; the "
                "association's 70% target is met."
            ),
            source=(
                "The association's plan. The counting method from the settings "
                "counted_outcomes, denominator and exclude_deceased."
            ),
        ),
    ),
)
def outcome_target_met(report: Report, check: Check) -> Iterator[Finding]:
    """Warn about a report whose success share is below the association's ``target``."""
    if report.outcomes is None and report.participants is None and not _has_participants(report, check):
        return  # a pre-study or structural project reports no participants
    outcomes = _reported_outcomes(report)
    share = count_share(outcomes, check.settings)
    if share.value is None:
        yield check.note("none_finished", **share.figures())
    elif share.value < to_fraction(check.params["target"]):
        yield check.finding("below", **share.figures())
    else:  # the fraction and the method are always shown
        yield check.note("met", **share.figures())


@rule(
    code="OT003",
    scope=Scope.PORTFOLIO,
    severity=Severity.WARNING,
    fields=("$.outcomes",),
    source=plan("Förbundets övergripande resultatmål och dess räknesätt (årsredovisningen)"),
    title={"sv": "Övergripande resultatmål", "en": "Aggregate outcome target"},
    params=[
        Param("target", ParamType.SHARE),
        Param("counted_outcomes", ParamType.CHOICES, choices=OUTCOMES),
        Param("denominator", ParamType.CHOICE, choices=DENOMINATORS),
        Param("exclude_deceased", ParamType.BOOLEAN),
        Param("min_finished", ParamType.INTEGER, minimum=0, maximum=1000),
    ],
    messages={
        "below": {
            "sv": "Alla projekt tillsammans: "
            + RESULT["sv"]
            + "; målet är {target:pcte}{left_out:if@outcomes.left_out}.",
            "en": "All projects together: "
            + RESULT["en"]
            + "; the target is {target:pcte}{left_out:if@outcomes.left_out}.",
        },
        "met": {
            "sv": "Alla projekt tillsammans: "
            + RESULT["sv"]
            + "; målet {target:pcte} är uppnått{left_out:if@outcomes.left_out}.",
            "en": "All projects together: "
            + RESULT["en"]
            + "; the target {target:pcte} is met{left_out:if@outcomes.left_out}.",
        },
        "no_reports": {
            "sv": "Kunde inte bedömas: inga rapporter med utfall för {year}{left_out:if@outcomes.left_out}.",
            "en": "Could not be evaluated: no reports with outcomes for "
            "{year}{left_out:if@outcomes.left_out}.",
        },
    },
    explanation=explain(
        sv=Explanation(
            what=(
                "Summerar utfallen i varje projekts senaste rapport under året och räknar andelen "
                "som förbundet själv gör i sin årsredovisning: med regelns egna parametrar "
                "counted_outcomes, denominator och exclude_deceased. Ett projekt med färre än "
                "min_finished räknade deltagare (till exempel ett som startade sent på året) lämnas "
                "utanför och nämns."
            ),
            why=(
                "Verksamhetsplanens mål gäller förbundet som helhet; styrelsen ska se om det "
                "nås, inte bara projekt för projekt, och kunna känna igen förbundets egen siffra."
            ),
            example="Balder 40 av 60, AKTIV 50 av 80: 90 av 140 avslutade = 64 %, under 70 %.",
            source="Förbundets verksamhetsplan och årsredovisning.",
        ),
        en=Explanation(
            what=(
                "Adds up the outcomes of each project's latest report of the year and counts the "
                "share as the association does in its annual report: with the rule's own "
                "parameters counted_outcomes, denominator and exclude_deceased. A project with "
                "fewer than min_finished counted participants (one that started late in the year, "
                "say) is left out and named."
            ),
            why=(
                "The plan's target is for the association as a whole; the board must see "
                "whether it is met, not only project by project, and recognise the association's "
                "own figure."
            ),
            example="Balder 40 of 60, AKTIV 50 of 80: 90 of 140 finished = 64%, below 70%.",
            source="The association's plan and annual report.",
        ),
    ),
)
def aggregate_outcome_target(portfolio: Portfolio, check: Check) -> Iterator[Finding]:
    """Flag the year when all projects together fall below the plan's target."""
    tables = [
        (r.project, r.outcomes)
        for r in portfolio.latest_reports()
        if r.outcomes is not None and (r.participants is None or r.outcomes.total == r.participants.total)
    ]
    method = check.params
    included: list[tuple[str, OutcomeCounts]] = []
    left_out: list[tuple[str, int]] = []
    for project, outcomes in tables:
        counted = count_share(outcomes, method)
        if counted.denominator < method["min_finished"]:
            left_out.append((project, counted.denominator))
        else:
            included.append((project, outcomes))
    left = {
        "left_out": [p for p, _ in left_out],
        "left_out_counts": [[p, [count]] for p, count in left_out],
        "min_finished": method["min_finished"],
        "method": method["denominator"],
    }
    if not included:
        raise NotEvaluable("no_reports", year=portfolio.year, **left)
    share = count_share(add_counts([o for _, o in included]), method)
    if share.value is None:
        raise NotEvaluable("no_reports", year=portfolio.year, **left)
    figures = {**share.figures(), "projects": [p for p, _ in included], **left}
    if share.value < to_fraction(check.params["target"]):
        yield check.finding("below", **figures)
    else:
        yield check.note("met", **figures)


PROMISED = {
    "sv": "Ansökan lovade {promised:pcte} till {counted_outcomes:or@outcome}; rapporten visar "
    "{successes:n} av "
    "{denominator:n} {method:word@denominator} = "
    "{share:pct@promised}{exclude_deceased:if@counting.deceased_excluded}",
    "en": "The application promised {promised:pcte} to {counted_outcomes:or@outcome}; the report shows "
    "{successes:n} "
    "of {denominator:n} {method:word@denominator} = "
    "{share:pct@promised}{exclude_deceased:if@counting.deceased_excluded}",
}


@rule(
    code="OT004",
    scope=Scope.REPORT,
    severity=Severity.WARNING,
    fields=("$.outcomes",),
    source=plan("Projektets beviljade ansökan (outcome_targets)"),
    title={"sv": "Projektets utlovade mål", "en": "Project's promised target"},
    messages={
        "share_below": {"sv": PROMISED["sv"] + ".", "en": PROMISED["en"] + "."},
        "share_met": {
            "sv": PROMISED["sv"] + "; projektets mål är uppnått.",
            "en": PROMISED["en"] + "; the project's target is met.",
        },
        "count_below": {
            "sv": "Ansökan lovade {promised} deltagare till {counted_outcomes:or@outcome}; slutrapporten "
            "visar {count}.",
            "en": "The application promised {promised} participants to {counted_outcomes:or@outcome}; the "
            "final report shows {count}.",
        },
        "no_application": {
            "sv": "Kunde inte bedömas: ansökan för projekt {project} hittades inte "
            "(lägg rapporten i portföljmappen eller ange --portfolio).",
            "en": "Could not be evaluated: the application of project {project} was not "
            "found (put the report in its portfolio folder or give --portfolio).",
        },
        **COUNTING_MESSAGES,
    },
    explanation=explain(
        sv=Explanation(
            what=(
                "Jämför rapportens utfall med de mål projektets egen ansökan lovade, räknade som "
                "projektet självt räknar: målets utfall tillsammans (measure, ett eller flera) och "
                "målets nämnare (denominator) när målet anger en, annars förbundets inställning. "
                "Andelsmål prövas i varje rapport, antalsmål i slutrapporten."
            ),
            why=(
                "Ett projekt beviljas på sina löften och ska hållas till dem, inte till ett annat "
                "räknesätt: ett projekt som når sitt eget mål skickas inte tillbaka."
            ),
            example=(
                "Ansökan lovade 50 % till arbete, praktik eller studier; rapporten visar 28 av 49 "
                "avslutade = 57 %: målet är uppnått, även om förbundets 70 % inte nås."
            ),
            source="Projektets beviljade ansökan; avlidna enligt inställningen exclude_deceased.",
        ),
        en=Explanation(
            what=(
                "Compares the report's outcomes with the targets the project's own application "
                "promised, counted as the project itself counts: the target's outcomes together "
                "(measure, one or more) and the target's denominator when it states one, else the "
                "association's setting. Share targets are judged in every report, count targets in "
                "the final report."
            ),
            why=(
                "A project is granted on its promises and is held to them, not to another way "
                "of counting: a project that meets its own target is not sent back."
            ),
            example=(
                "The application promised 50% to work, internship or studies; the report shows 28 "
                "of 49 finished = 57%: the target is met, even though the association's 70% is not."
            ),
            source="The project's granted application; the deceased as the setting exclude_deceased says.",
        ),
    ),
)
def promised_target_met(report: Report, check: Check) -> Iterator[Finding]:
    """Flag a report below a target its own application promised; note one that is met."""
    app = check.application_for(report.project)
    if app is None:
        raise NotEvaluable("no_application", project=report.project)
    if not app.outcome_targets:
        return
    outcomes = _reported_outcomes(report)
    for target in app.outcome_targets:
        share = count_share(outcomes, _target_method(target, check.settings))
        if target.share is not None and share.value is not None:
            promised = to_fraction(target.share)
            figures = {**share.figures(), "promised": promised, "measure": list(target.outcomes)}
            yield (check.finding if share.value < promised else check.note)(
                "share_below" if share.value < promised else "share_met", **figures
            )
        if target.count is not None and report.kind.value == "final" and share.successes < target.count:
            yield check.finding(
                "count_below",
                promised=target.count,
                count=share.successes,
                measure=list(target.outcomes),
                counted_outcomes=list(share.counted),
            )


def _target_method(target: OutcomeTarget, settings: Mapping[str, Any]) -> dict[str, Any]:
    """How a project's own target is counted: its outcomes, its denominator if stated."""
    denominator = target.denominator.value if target.denominator is not None else settings["denominator"]
    return {
        "counted_outcomes": target.outcomes,
        "denominator": denominator,
        "exclude_deceased": settings["exclude_deceased"],
    }


@hookimpl
def register_rules(register: Callable[[Rule], None]) -> None:
    """Register OT001, OT002, OT003 and OT004."""
    for item in (
        measurable_outcome_target,
        outcome_target_met,
        aggregate_outcome_target,
        promised_target_met,
    ):
        register(item)


@hookimpl
def register_settings(register: Callable[[Param], None]) -> None:
    """Register the counting method's named settings (see :data:`SETTINGS`)."""
    for setting in SETTINGS:
        register(setting)
