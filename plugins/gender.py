"""GA: gender analysis. A gender perspective in planning, follow-up and evaluation."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from fractions import Fraction
from typing import Any

from finsam_rules.counting import count_share
from finsam_rules.pack import (
    Application,
    Change,
    Check,
    Explanation,
    Finding,
    NotEvaluable,
    Param,
    ParamType,
    PlannedParticipants,
    Remedy,
    Report,
    Rule,
    Scope,
    Severity,
    explain,
    hookimpl,
    law,
    plan,
    rule,
    to_fraction,
)

from . import content

SOURCE = law("prop. 2002/03:132 (jämställdhetsperspektiv i planering, uppföljning och utvärdering)")
KINDS = ("pre_study", "implementation", "structural")


def words(text: str) -> int:
    """Number of words in a free-text answer."""
    return len(text.split())


#: The elements of a gender analysis, in the order a finding lists them.
ANALYSIS_ELEMENTS = ("representation", "action", "follow_up")


@rule(
    code="GA001",
    scope=Scope.APPLICATION,
    severity=Severity.ERROR,
    fields=("$.gender_analysis",),
    source=SOURCE,
    title={"sv": "Jämställdhetsanalys", "en": "Gender analysis"},
    params=content.cue_params(tuple(ANALYSIS_ELEMENTS)),
    messages={
        "missing_text": {
            "sv": "Jämställdhetsanalys saknas (gender_analysis). Den ska ange {missing:and@gender_analysis}.",
            "en": "The gender analysis is missing (gender_analysis). It must state "
            "{missing:and@gender_analysis}.",
        },
        "placeholder": {
            "sv": "Jämställdhetsanalysen är mallens instruktion, inte projektets analys. Ersätt "
            "den med en text som anger {missing:and@gender_analysis}.",
            "en": "The gender analysis is the template's instruction, not the project's "
            "analysis. Replace it with a text that states {missing:and@gender_analysis}.",
        },
        "elements": {
            "sv": "Jämställdhetsanalysen ({words} ord) anger inte {missing:and@gender_analysis}.",
            "en": "The gender analysis ({words} words) does not state {missing:and@gender_analysis}.",
        },
        **content.COMMON_MESSAGES,
    },
    remedies={
        "write": {
            "sv": "Skriv en jämställdhetsanalys (gender_analysis) som anger: {missing:and@gender_analysis}.",
            "en": "Write a gender analysis (gender_analysis) that states: {missing:and@gender_analysis}.",
        },
        "complete": {
            "sv": "Komplettera jämställdhetsanalysen med: {missing:and@gender_analysis}.",
            "en": "Complete the gender analysis with: {missing:and@gender_analysis}.",
        },
    },
    explanation=explain(
        sv=Explanation(
            what=(
                "Läser jämställdhetsanalysen (gender_analysis) efter tre inslag: hur kvinnor och "
                "män är representerade i målgruppen eller bland de remitterade (eller varför det "
                "inte är känt), vad projektet gör åt skillnaderna och hur det följer upp per kön. "
                "Varje inslag känns igen på ledtrådar per språk (parametrarna *_sv och *_en, "
                'daterad policydata); fraser som "oavsett kön" räknas inte, och mallens '
                "instruktion godtas aldrig. Fyndet säger vilka inslag som saknas."
            ),
            why=(
                "Propositionen kräver ett jämställdhetsperspektiv i all planering; utan analys "
                "kan snedfördelning som 53 kvinnor och 10 män inte förebyggas. Innehållet avgör, "
                "inte längden."
            ),
            example=(
                '"Sju av tio remitterade är kvinnor. Vi informerar Arbetsförmedlingen särskilt om '
                'målgruppens män och följer upp fördelningen per kön i SUS varje tertial." (23 ord) '
                'godtas; "Projektet är öppet för alla oavsett kön" räcker inte, hur lång '
                "texten än är."
            ),
        ),
        en=Explanation(
            what=(
                "Reads the gender analysis (gender_analysis) for three elements: how women and "
                "men are represented in the target group or among referrals (or why that is "
                "unknown), what the project will do about the differences, and how it follows up "
                "by gender. Each element is recognised by cues per language (parameters *_sv and "
                '*_en, dated policy data); phrases such as "regardless of gender" do not count, '
                "and the template's instruction never passes. The finding names the missing "
                "elements."
            ),
            why=(
                "The bill asks for a gender perspective in all planning; without an analysis a "
                "skew such as 53 women and 10 men cannot be prevented. Content decides, not length."
            ),
            example=(
                '"Seven in ten referrals are women. We will inform the Employment Service about '
                "men in the target group and monitor referrals and outcomes by gender in SUS each "
                'tertial." passes; "The project is open to everyone regardless of gender" does '
                "not, however long the text."
            ),
        ),
    ),
)
def gender_analysis(app: Application, check: Check) -> Iterator[Finding]:
    """Flag a gender analysis that lacks one of its elements, or is a template's text."""
    yield from content.check_text(check, app.gender_analysis, ANALYSIS_ELEMENTS, "$.gender_analysis")


@rule(
    code="GA002",
    scope=Scope.APPLICATION,
    severity=Severity.ERROR,
    fields=("$.target_group.gender_focus", "$.planned_participants"),
    source=SOURCE,
    title={"sv": "Planerade deltagare per kön", "en": "Planned participants by gender"},
    params=[Param("kinds", ParamType.CHOICES, choices=KINDS)],
    remedies={
        "total": {
            "sv": "Ange totalt {sum} planerade deltagare ({women} kvinnor + {men} män), inte {total}.",
            "en": "State {sum} planned participants in total ({women} women + {men} men), not {total}.",
        },
        "other_gender": {
            "sv": "Ange {count} planerade {gender:word@gender} (totalen {total} minus {known} "
            "{known_gender:word@gender}).",
            "en": "State {count} planned {gender:word@gender} (the total {total} less {known} "
            "{known_gender:word@gender}).",
        },
    },
    messages={
        "missing": {
            "sv": "Planerade deltagare per kön saknas (planned_participants med women och men).",
            "en": "Planned participants by gender are missing (planned_participants with women and men).",
        },
        "sum": {
            "sv": "Planerade deltagare: {women} kvinnor + {men} män = {sum}, men totalt anges {total}.",
            "en": "Planned participants: {women} women + {men} men = {sum}, but the total given is {total}.",
        },
        "focus_without_reason": {
            "sv": "Projektet riktar sig bara till {focus:word@gender} men anger inget skäl "
            "(target_group.gender_focus_reason).",
            "en": "The project is for {focus:word@gender} only but states no reason "
            "(target_group.gender_focus_reason).",
        },
    },
    explanation=explain(
        sv=Explanation(
            what=(
                "Kräver att planerade deltagare anges för kvinnor och män och summerar till "
                "totalen, och att ett projekt för bara ett kön anger skälet."
            ),
            why=(
                "Planering per kön gör uppföljningen (GA003-GA005) möjlig; ett enkönat projekt "
                "kan vara rätt men måste motiveras."
            ),
            example=(
                "total = 100, women = 60, men = 40 godkänns; women = 100, men = 0 utan "
                "gender_focus_reason flaggas."
            ),
        ),
        en=Explanation(
            what=(
                "Requires planned participants for women and men that add up to the total, "
                "and a stated reason for a one-gender project."
            ),
            why=(
                "Planning by gender makes follow-up (GA003-GA005) possible; a one-gender project "
                "can be right but must be reasoned."
            ),
            example=(
                "total = 100, women = 60, men = 40 passes; women = 100, men = 0 without "
                "gender_focus_reason is flagged."
            ),
        ),
    ),
)
def planned_participants_by_gender(app: Application, check: Check) -> Iterator[Finding]:
    """Flag missing or inconsistent planned participants, and an unreasoned gender focus."""
    group = app.target_group
    focus = group.gender_focus.value if group and group.gender_focus else None
    if focus and group and not group.gender_focus_reason.strip():
        yield check.finding("focus_without_reason", focus=focus)
    if app.kind.value not in check.params["kinds"]:
        return
    planned = app.planned_participants
    if planned is None or planned.women is None or planned.men is None:
        yield check.finding("missing", remedy=_other_gender(check, planned))
        return
    if planned.women + planned.men != planned.total:
        figures: dict[str, Any] = {
            "women": planned.women,
            "men": planned.men,
            "sum": planned.women + planned.men,
        }
        remedy = check.remedy(
            "total",
            changes=[Change("$.planned_participants.total", planned.women + planned.men)],
            total=planned.total,
            **figures,
        )
        yield check.finding("sum", remedy=remedy, total=planned.total, **figures)
    one_gender = "women" if planned.men == 0 else "men" if planned.women == 0 else None
    if one_gender and planned.total and not focus:
        yield check.finding(
            "focus_without_reason",
            focus=one_gender,
        )


def _other_gender(check: Check, planned: PlannedParticipants | None) -> Remedy | None:
    """The planned number of the missing gender, when the total and the other are given."""
    if planned is None or (planned.women is None) == (planned.men is None):
        return None
    missing, known_gender = ("men", "women") if planned.men is None else ("women", "men")
    known = getattr(planned, known_gender)
    count = planned.total - known
    if count < 0:
        return None
    return check.remedy(
        "other_gender",
        changes=[Change(f"$.planned_participants.{missing}", count)],
        count=count,
        total=planned.total,
        known=known,
        gender=missing,
        known_gender=known_gender,
    )


@rule(
    code="GA003",
    scope=Scope.REPORT,
    severity=Severity.WARNING,
    fields=("$.participants", "$.outcomes"),
    source=SOURCE,
    title={"sv": "Redovisning per kön", "en": "Reported by gender"},
    params=[Param("max_unknown_share", ParamType.SHARE)],
    messages={
        "missing": {
            "sv": "Rapporten redovisar utfall men inte deltagare per kön (participants).",
            "en": "The report states outcomes but not participants by gender (participants).",
        },
        "unknown": {
            "sv": "{unknown:n} av {total:n} deltagare ({share:pct@max_unknown_share}) saknar "
            "uppgift om kön; högst {max_unknown_share:pcte} godtas.",
            "en": "{unknown:n} of {total:n} participants ({share:pct@max_unknown_share}) have no "
            "gender reported; at most {max_unknown_share:pcte} is accepted.",
        },
    },
    explanation=explain(
        sv=Explanation(
            what=(
                "Kräver att deltagarna redovisas som kvinnor och män, med högst en viss andel utan uppgift."
            ),
            why="Utan redovisning per kön kan styrelsen inte se om kvinnor och män får samma stöd.",
            example="63 deltagare varav 3 utan uppgift om kön (5 %) flaggas med standardvärdet 0 %.",
        ),
        en=Explanation(
            what=("Requires participants to be reported as women and men, with at most a share unreported."),
            why=(
                "Without reporting by gender the board cannot see whether women and men get the same support."
            ),
            example="63 participants of whom 3 without gender (5%) are flagged with the default 0%.",
        ),
    ),
)
def reported_by_gender(report: Report, check: Check) -> Iterator[Finding]:
    """Flag participants not reported by gender."""
    people = report.participants
    if people is None:
        if report.outcomes is not None:
            yield check.finding("missing")
        return
    if people.total and Fraction(people.unknown, people.total) > to_fraction(
        check.params["max_unknown_share"]
    ):
        yield check.finding(
            "unknown",
            unknown=people.unknown,
            total=people.total,
            share=Fraction(people.unknown, people.total),
        )


@rule(
    code="GA004",
    scope=Scope.REPORT,
    severity=Severity.WARNING,
    fields=("$.participants",),
    source=plan("Förbundets plan och praxis: gränsen för snedfördelning (prop. 2002/03:132 anger inget tal)"),
    title={"sv": "Snedfördelning mellan könen", "en": "Gender skew"},
    params=[
        Param("max_share", ParamType.SHARE, minimum=0.5),
        Param("min_participants", ParamType.INTEGER, minimum=0),
    ],
    messages={
        "skewed": {
            "sv": "{count:n} av {total:n} deltagare ({share:pct@max_share}) är {gender:word@gender} "
            "({women:n} kvinnor, {men:n} män); gränsen är {max_share:pcte} och projektet "
            "har inget angivet könsfokus.",
            "en": "{count:n} of {total:n} participants ({share:pct@max_share}) are {gender:word@gender} "
            "({women:n} women, {men:n} men); the limit is {max_share:pcte} and the project "
            "states no gender focus.",
        },
        "focus": {
            "sv": "{count} av {total} deltagare ({share:pct}) är {gender:word@gender}, i linje med "
            "projektets angivna könsfokus.",
            "en": "{count} of {total} participants ({share:pct}) are {gender:word@gender}, in line with "
            "the project's stated gender focus.",
        },
    },
    explanation=explain(
        sv=Explanation(
            what=(
                "Räknar andelen av det vanligaste könet bland deltagare med känt kön och flaggar "
                "när den överstiger gränsen, om inte projektets ansökan anger just det könet som "
                "fokus med skäl."
            ),
            why=(
                "Förbundet ska ge kvinnor och män samma förutsättningar; en kraftig "
                "snedfördelning i remisserna är något styrelsen ska känna till."
            ),
            example=(
                "Individsamverkansteamet: 53 kvinnor och 10 män, 53 av 63 = 84 % kvinnor, över "
                "70 %; förbundet kallade det själv problematiskt."
            ),
            source=(
                "Förbundets plan och praxis (prop. 2002/03:132 ber om ett jämställdhetsperspektiv men "
                "anger ingen gräns)."
            ),
        ),
        en=Explanation(
            what=(
                "Counts the share of the more common gender among participants with known "
                "gender and flags it above the limit, unless the project's application states "
                "that gender as its focus with a reason."
            ),
            why=(
                "The association must give women and men the same opportunities; a strong skew "
                "in referrals is something the board must know about."
            ),
            example=(
                "The individual cooperation team: 53 women and 10 men, 53 of 63 = 84% women, over "
                "70%; the association itself called it problematic."
            ),
            source=(
                "The association's plan and practice (prop. 2002/03:132 asks for a gender "
                "perspective but sets no limit)."
            ),
        ),
    ),
)
def gender_skew(report: Report, check: Check) -> Iterator[Finding]:
    """Flag one gender above ``max_share`` of participants without a stated focus."""
    people = report.participants
    if people is None:
        return
    total = people.women + people.men
    if total == 0 or total < check.params["min_participants"]:
        return
    gender = "women" if people.women >= people.men else "men"
    count = people.women if gender == "women" else people.men
    share = Fraction(count, total)
    if share <= to_fraction(check.params["max_share"]):
        return
    app = check.application_for(report.project)
    group = app.target_group if app is not None else None
    figures: dict[str, Any] = dict(
        count=count,
        total=total,
        share=share,
        women=people.women,
        men=people.men,
        gender=gender,
    )
    if (
        group
        and group.gender_focus
        and group.gender_focus.value == gender
        and group.gender_focus_reason.strip()
    ):
        yield check.note("focus", **figures)
    else:
        yield check.finding("skewed", **figures)


@rule(
    code="GA005",
    scope=Scope.REPORT,
    severity=Severity.WARNING,
    fields=("$.outcomes",),
    source=SOURCE,
    title={"sv": "Skillnad i resultat mellan könen", "en": "Outcome gap between genders"},
    params=[
        Param("max_gap", ParamType.SHARE),
        Param("min_finished", ParamType.INTEGER, minimum=0),
    ],
    messages={
        "gap": {
            "sv": "Kvinnor: {w_successes:n} av {w_denominator:n} = {w_share:pct}; män: "
            "{m_successes:n} av {m_denominator:n} = {m_share:pct} ({method:word@denominator}"
            "{exclude_deceased:if@counting.deceased_excluded_inner}). Skillnaden {gap:pp@max_gap} är "
            "större än {max_gap:pp}.",
            "en": "Women: {w_successes:n} of {w_denominator:n} = {w_share:pct}; men: "
            "{m_successes:n} of {m_denominator:n} = {m_share:pct} ({method:word@denominator}"
            "{exclude_deceased:if@counting.deceased_excluded_inner}). The gap of {gap:pp@max_gap} is "
            "larger than "
            "{max_gap:pp}.",
        },
        "split_inconsistent": {
            "sv": "Kunde inte bedömas: utfallen för kvinnor ({women_total}) och män "
            "({men_total}) är fler än utfallen totalt ({total}).",
            "en": "Could not be evaluated: the outcomes for women ({women_total}) and men "
            "({men_total}) are more than the outcomes in total ({total}).",
        },
    },
    explanation=explain(
        sv=Explanation(
            what=(
                "Jämför andelen som går till de räknade utfallen för kvinnor och för män, med "
                "OT002:s räknesätt, när rapporten delar upp utfallen per kön."
            ),
            why=(
                "Lika stöd ska ge lika möjligheter; en stor skillnad i resultat är en "
                "jämställdhetsfråga för styrelsen."
            ),
            example=(
                "Kvinnor 10 av 20 = 50 %, män 14 av 20 = 70 %: skillnaden 20 procentenheter är över 15."
            ),
            source=(
                "prop. 2002/03:132. Räknesättet från inställningarna "
                " (counted_outcomes, denominator, exclude_deceased)."
            ),
        ),
        en=Explanation(
            what=(
                "Compares the share reaching the counted outcomes for women and for men, with "
                "OT002's counting method, when the report splits outcomes by gender."
            ),
            why=(
                "Equal support should give equal opportunities; a large gap in results is an "
                "equality question for the board."
            ),
            example="Women 10 of 20 = 50%, men 14 of 20 = 70%: the gap of 20 points is over 15.",
            source=(
                "prop. 2002/03:132. The counting method from the settings "
                " (counted_outcomes, denominator, exclude_deceased)."
            ),
        ),
    ),
)
def outcome_gap(report: Report, check: Check) -> Iterator[Finding]:
    """Flag a gap in success share between women and men larger than ``max_gap``."""
    outcomes = report.outcomes
    if outcomes is None or outcomes.women is None or outcomes.men is None:
        return
    if outcomes.women.total + outcomes.men.total > outcomes.total:
        raise NotEvaluable(
            "split_inconsistent",
            women_total=outcomes.women.total,
            men_total=outcomes.men.total,
            total=outcomes.total,
        )
    method = check.settings
    women, men = count_share(outcomes.women, method), count_share(outcomes.men, method)
    if min(women.denominator, men.denominator) < max(1, check.params["min_finished"]):
        return
    if women.value is None or men.value is None:
        return
    gap = abs(women.value - men.value)
    if gap > to_fraction(check.params["max_gap"]):
        figures = {
            **women.figures("w_"),
            **men.figures("m_"),
            "gap": gap,
        }
        yield check.finding("gap", **figures)


@hookimpl
def register_rules(register: Callable[[Rule], None]) -> None:
    """Register GA001 to GA005."""
    for item in (
        gender_analysis,
        planned_participants_by_gender,
        reported_by_gender,
        gender_skew,
        outcome_gap,
    ):
        register(item)
