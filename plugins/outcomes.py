"""OT: outcome targets. Projects promise measurable results and are held to them."""

from __future__ import annotations

from fractions import Fraction

from finsam_rules.counting import OUTCOME_NAMES, add_counts, count_share
from finsam_rules.formatting import to_fraction
from finsam_rules.hookspecs import hookimpl
from finsam_rules.model import Application, Outcome, Report
from finsam_rules.rules import (
    Check,
    NotEvaluable,
    Param,
    ParamType,
    Scope,
    Severity,
    explain,
    plan,
    rule,
)

OUTCOMES = tuple(o.value for o in Outcome)
KINDS = ("pre_study", "implementation", "structural")

RESULT = {
    "sv": "{successes:n} av {denominator:n} {method_sv} = {share:pct@target} till {counted_sv}{deceased_sv}",
    "en": "{successes:n} of {denominator:n} {method_en} = {share:pct@target} to {counted_en}{deceased_en}",
}


@rule(
    code="OT001",
    name="measurable-outcome-target",
    scope=Scope.APPLICATION,
    severity=Severity.ERROR,
    source=plan("Realistiska mätbara mål"),
    title={"sv": "Mätbara resultatmål", "en": "Measurable outcome targets"},
    params=[
        Param(
            "kinds",
            ParamType.CHOICES,
            "projektslag",
            "Kinds of project that must state a measurable target",
            choices=KINDS,
        ),
        Param("measures", ParamType.CHOICES, "utfall", "Outcomes a target must be about", choices=OUTCOMES),
    ],
    messages={
        "missing": {
            "sv": "Ansökan anger inget mätbart mål (andel eller antal) för {measures_sv}; "
            "angivna mål: {given_sv}.",
            "en": "The application states no measurable target (a share or a count) for "
            "{measures_en}; targets given: {given_en}.",
        },
    },
    explanation=explain(
        sv=(
            "Kräver att ett genomförandeprojekt anger minst ett mål med andel eller antal "
            "deltagare som går till arbete, studier eller fortsatt rehabilitering.",
            "Utan mätbara mål kan styrelsen inte följa upp om pengarna gjort nytta; "
            "lägesrapporterna prövas mot målen (OT002, OT004).",
            'outcome_targets = [{measure = "work", share = 0.3}] uppfyller regeln; ett '
            "mål som bara beskrivs i text gör det inte.",
            "Förbundets verksamhetsplan. Parametrarna kinds och measures.",
        ),
        en=(
            "Requires an implementation project to state at least one target with a share "
            "or count of participants going to work, studies or further rehabilitation.",
            "Without measurable targets the board cannot follow up whether the money did "
            "good; progress reports are judged against the targets (OT002, OT004).",
            'outcome_targets = [{measure = "work", share = 0.3}] passes; a target only '
            "described in words does not.",
            "The association's plan. Parameters kinds and measures.",
        ),
    ),
)
def measurable_outcome_target(app: Application, check: Check):
    """Flag a project of the listed kinds without a share or count target."""
    if app.kind.value not in check.params["kinds"]:
        return
    measurable = [
        t
        for t in app.outcome_targets
        if t.measure.value in check.params["measures"] and (t.share is not None or t.count is not None)
    ]
    if not measurable:
        given = [t.measure.value for t in app.outcome_targets]
        names = {lang: {o: OUTCOME_NAMES[o][lang] for o in OUTCOME_NAMES} for lang in ("sv", "en")}
        yield check.finding(
            "missing",
            given=given,
            measures_sv=", ".join(names["sv"][m] for m in check.params["measures"]),
            measures_en=", ".join(names["en"][m] for m in check.params["measures"]),
            given_sv=", ".join(names["sv"][g] for g in given) or "inga",
            given_en=", ".join(names["en"][g] for g in given) or "none",
        )


OT002_PARAMS = [
    Param(
        "target", ParamType.SHARE, "andel", "Share of participants who should go on to the counted outcomes"
    ),
    Param("counted_outcomes", ParamType.CHOICES, "utfall", "Outcomes counted as success", choices=OUTCOMES),
    Param(
        "denominator",
        ParamType.CHOICE,
        "metod",
        "Count against finished participants or all enrolled",
        choices=("finished", "enrolled"),
    ),
    Param("exclude_deceased", ParamType.BOOLEAN, "ja/nej", "Leave deceased participants out of the count"),
]


def _has_participants(report: Report, check: Check) -> bool:
    """Whether the report's project enrols participants: its application's kind is one
    OT001 requires targets for. Unknown when the application is not found: then yes."""
    app = check.application_for(report.project)
    return app is None or app.kind.value in check.params_of("OT001")["kinds"]


def _reported_outcomes(report: Report):
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
        "sv": "Ingen deltagare har avslutats ännu ({denominator} {method_sv}); andelen "
        "bedöms när deltagare avslutas.",
        "en": "No participant has finished yet ({denominator} {method_en}); the share is "
        "judged once participants finish.",
    },
}


@rule(
    code="OT002",
    name="outcome-target-met",
    scope=Scope.REPORT,
    severity=Severity.ERROR,
    source=plan("Resultatmål för deltagare som avslutar en insats"),
    title={"sv": "Resultatmålet uppnått", "en": "Outcome target met"},
    params=OT002_PARAMS,
    messages={
        "below": {
            "sv": RESULT["sv"] + "; målet är {target:pcte}.",
            "en": RESULT["en"] + "; the target is {target:pcte}.",
        },
        "met": {
            "sv": RESULT["sv"] + "; målet {target:pcte} är uppnått.",
            "en": RESULT["en"] + "; the target {target:pcte} is met.",
        },
        **COUNTING_MESSAGES,
    },
    explanation=explain(
        sv=(
            "Räknar andelen deltagare som gått till de utfall som räknas som resultat och "
            "jämför med målet. Räknesättet är tre parametrar: vilka utfall som räknas, "
            "nämnaren (avslutade eller alla inskrivna) och om avlidna räknas bort. Andelen "
            "räknas exakt (70,0 % uppfyller ett mål på 70 %). Går utfallen inte ihop med "
            "antalet deltagare räknas ingen andel; rapporten flaggas.",
            "Förbunden räknar olika och skillnaden är stor; därför visas alltid bråket och "
            "metoden så att styrelsen kan räkna efter.",
            "32 av 44 avslutade = 73 % till arbete, studier eller fortsatt rehabilitering; "
            "målet 70 % är uppnått.",
            "Förbundets verksamhetsplan. Parametrarna target, counted_outcomes, denominator "
            "och exclude_deceased.",
        ),
        en=(
            "Counts the share of participants who went on to the outcomes counted as "
            "success and compares it with the target. The counting method is three "
            "parameters: which outcomes count, the denominator (finished or all enrolled) and "
            "whether the deceased are excluded. The share is exact (70.0% meets a 70% "
            "target). If the outcomes do not add up to the participants, no share is "
            "computed; the report is flagged.",
            "Associations count differently and the difference is large, so the fraction "
            "and the method are always shown for the board to check.",
            "32 of 44 finished = 73% to work, studies or further rehabilitation; the 70% target is met.",
            "The association's plan. Parameters target, counted_outcomes, denominator and exclude_deceased.",
        ),
    ),
)
def outcome_target_met(report: Report, check: Check):
    """Flag a report whose success share is below ``target``."""
    if report.outcomes is None and report.participants is None and not _has_participants(report, check):
        return  # a pre-study or structural project reports no participants
    outcomes = _reported_outcomes(report)
    share = count_share(outcomes, check.params)
    if share.value is None:
        yield check.note("none_finished", **share.figures())
    elif share.value < to_fraction(check.params["target"]):
        yield check.finding("below", **share.figures())
    else:  # the fraction and the method are always shown
        yield check.note("met", **share.figures())


@rule(
    code="OT003",
    name="aggregate-outcome-target",
    scope=Scope.PORTFOLIO,
    severity=Severity.WARNING,
    source=plan("Förbundets övergripande resultatmål"),
    title={"sv": "Övergripande resultatmål", "en": "Aggregate outcome target"},
    params=[
        Param(
            "target",
            ParamType.SHARE,
            "andel",
            "Share of all participants across projects who should go on to the counted outcomes",
        )
    ],
    messages={
        "below": {
            "sv": "Alla projekt tillsammans: " + RESULT["sv"] + "; målet är {target:pcte}.",
            "en": "All projects together: " + RESULT["en"] + "; the target is {target:pcte}.",
        },
        "met": {
            "sv": "Alla projekt tillsammans: " + RESULT["sv"] + "; målet {target:pcte} är uppnått.",
            "en": "All projects together: " + RESULT["en"] + "; the target {target:pcte} is met.",
        },
        "no_reports": {
            "sv": "Kunde inte bedömas: inga rapporter med utfall för {year}.",
            "en": "Could not be evaluated: no reports with outcomes for {year}.",
        },
    },
    explanation=explain(
        sv=(
            "Summerar utfallen i varje projekts senaste rapport under året och räknar "
            "andelen med samma räknesätt som OT002.",
            "Verksamhetsplanens mål gäller förbundet som helhet; styrelsen ska se om det "
            "nås, inte bara projekt för projekt.",
            "Balder 40 av 60, AKTIV 50 av 80: 90 av 140 avslutade = 64 %, under 70 %.",
            "Förbundets verksamhetsplan. Parametern target; räknesättet från OT002.",
        ),
        en=(
            "Adds up the outcomes of each project's latest report of the year and counts "
            "the share the same way as OT002.",
            "The plan's target is for the association as a whole; the board must see "
            "whether it is met, not only project by project.",
            "Balder 40 of 60, AKTIV 50 of 80: 90 of 140 finished = 64%, below 70%.",
            "The association's plan. Parameter target; the counting method of OT002.",
        ),
    ),
)
def aggregate_outcome_target(portfolio, check: Check):
    """Flag the year when all projects together fall below the plan's target."""
    reports = [r for r in portfolio.latest_reports() if r.outcomes is not None]
    consistent = [r for r in reports if r.participants is None or r.outcomes.total == r.participants.total]
    if not consistent:
        raise NotEvaluable("no_reports", year=portfolio.year)
    share = count_share(add_counts([r.outcomes for r in consistent]), check.params_of("OT002"))
    if share.value is None:
        raise NotEvaluable("no_reports", year=portfolio.year)
    key = "below" if share.value < to_fraction(check.params["target"]) else "met"
    if key == "met":
        yield check.note(key, **share.figures(), projects=[r.project for r in consistent])
    else:
        yield check.finding(key, **share.figures(), projects=[r.project for r in consistent])


@rule(
    code="OT004",
    name="promised-target-met",
    scope=Scope.REPORT,
    severity=Severity.WARNING,
    source=plan("Projektets beviljade ansökan (outcome_targets)"),
    title={"sv": "Projektets utlovade mål", "en": "Project's promised target"},
    messages={
        "share_below": {
            "sv": "Ansökan lovade {promised:pcte} till {measure_sv}; rapporten visar "
            "{count:n} av {denominator:n} {method_sv} = {share:pct@promised}{deceased_sv}.",
            "en": "The application promised {promised:pcte} to {measure_en}; the report shows "
            "{count:n} of {denominator:n} {method_en} = {share:pct@promised}{deceased_en}.",
        },
        "count_below": {
            "sv": "Ansökan lovade {promised} deltagare till {measure_sv}; slutrapporten visar {count}.",
            "en": "The application promised {promised} participants to {measure_en}; the "
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
        sv=(
            "Jämför rapportens utfall med de mål projektets egen ansökan lovade: andelsmål "
            "i varje rapport, antalsmål i slutrapporten. Räknesättet är OT002:s.",
            "Ett projekt beviljas på sina löften; styrelsen ska se när det inte håller dem.",
            "Ansökan lovade 30 % till arbete; rapporten visar 8 av 44 avslutade = 18 %.",
            "Projektets beviljade ansökan; räknesättet från OT002.",
        ),
        en=(
            "Compares the report's outcomes with the targets the project's own application "
            "promised: share targets in every report, count targets in the final report. "
            "The counting method is OT002's.",
            "A project is granted on its promises; the board must see when it does not keep them.",
            "The application promised 30% to work; the report shows 8 of 44 finished = 18%.",
            "The project's granted application; the counting method of OT002.",
        ),
    ),
)
def promised_target_met(report: Report, check: Check):
    """Flag a report below a target its own application promised."""
    app = check.application_for(report.project)
    if app is None:
        raise NotEvaluable("no_application", project=report.project)
    if not app.outcome_targets:
        return
    outcomes = _reported_outcomes(report)
    method = check.params_of("OT002")
    base = count_share(outcomes, method)
    for target in app.outcome_targets:
        measure = target.measure.value
        count = outcomes.count(measure)
        names = {"measure_sv": OUTCOME_NAMES[measure]["sv"], "measure_en": OUTCOME_NAMES[measure]["en"]}
        if target.share is not None and base.denominator:
            share = Fraction(count, base.denominator)
            if share < to_fraction(target.share):
                figures = base.figures()
                figures.update(
                    share=share, count=count, promised=to_fraction(target.share), measure=measure, **names
                )
                yield check.finding("share_below", **figures)
        if target.count is not None and report.kind.value == "final" and count < target.count:
            yield check.finding("count_below", promised=target.count, count=count, measure=measure, **names)


@hookimpl
def register_rules(register):
    """Register OT001, OT002, OT003 and OT004."""
    for item in (
        measurable_outcome_target,
        outcome_target_met,
        aggregate_outcome_target,
        promised_target_met,
    ):
        register(item)
