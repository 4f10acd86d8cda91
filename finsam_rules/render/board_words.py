"""The board report's words: one catalogue for every board format, one lookup.

:func:`label` looks a word up in :data:`LABELS` (Swedish first, English with ``--lang en``)
and fills it with values; a key with a ``_one`` variant is used for a count of one, so
plural forms read right ("1 projekt har …", "1 project forecasts …", never "project(s)").
The helpers below only *word* figures of the board model (:mod:`finsam_rules.board`): a
status in words with its mark, an amount or a share or a dash, the counting method. They
compute nothing.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from finsam_rules.board import GoalStatus, OutcomeStatus
from finsam_rules.counting import Share
from finsam_rules.engine import Verdict
from finsam_rules.finance import GROUP_NAMES
from finsam_rules.formatting import format_kr, format_number, format_share, render_template
from finsam_rules.render.common import verdict_label

if TYPE_CHECKING:
    from finsam_rules.board import (
        BoardReport,
        CountingMethod,
        Decision,
        GenderRow,
        Impact,
        OutcomeRow,
        OverdueReport,
        VerdictCounts,
    )
    from finsam_rules.model import MemberKind, Report
    from finsam_rules.rules import Finding

LABELS: dict[str, dict[str, str]] = {
    "title": {"sv": "Styrelserapport {year} – {name}", "en": "Board report {year} – {name}"},
    "kicker": {"sv": "Styrelserapport · verksamhetsåret {year}", "en": "Board report · the year {year}"},
    "org_number": {"sv": "Organisationsnummer", "en": "Organisation number"},
    "as_of": {"sv": "Bedömd per", "en": "Judged as of"},
    "policy": {"sv": "Policy", "en": "Policy"},
    "inputs": {"sv": "Underlag", "en": "Inputs"},
    "inputs_text": {
        "sv": "association.toml; ansökningar i applications/: {apps}; rapporter i reports/: {reports}",
        "en": "association.toml; applications in applications/: {apps}; reports in reports/: {reports}",
    },
    "errors_warning": {
        "sv": "Filer med fel: {count}. En fil som inte kunde läsas ingår inte i "
        "siffrorna nedan; en fil med felaktiga hänvisningar (t.ex. en "
        "ägare som inte är medlem) ingår och bedöms, men hänvisningen "
        "måste rättas. Se avsnittet ”{section}”.",
        "en": "Files with errors: {count}. A file that could not be read is not "
        "part of the figures below; a file with broken references (an "
        "owner who is not a member, say) is included and judged, but the "
        "reference must be corrected. See the section “{section}”.",
    },
    "summary": {"sv": "Sammanfattning", "en": "Summary"},
    "prep": {"sv": "Beredning", "en": "Preparation"},
    "prep_summary": {
        "sv": "{open} öppna, {answered} besvarade, {waived} undantagna",
        "en": "{open} open, {answered} answered, {waived} waived",
    },
    "x_of_y": {"sv": "{x} av {y}", "en": "{x} of {y}"},
    "goals_summary": {
        "sv": "{met} av {total} mål uppfyllda; ej uppfyllda: {not_met}; kan inte bedömas: {unknown}",
        "en": "{met} of {total} goals met; not met: {not_met}; cannot be judged: {unknown}",
    },
    "verdicts_summary": {
        "sv": "{approve} tillstyrks, {revise} komplettering krävs, {reject} avstyrks",
        "en": "{approve} approve, {revise} revision required, {reject} reject",
    },
    "report_verdicts_summary": {
        "sv": "{accept} godkänns, {deviation} avvikelse, {revise} komplettering krävs",
        "en": "{accept} accepted, {deviation} deviation, {revise} revision required",
    },
    "money_summary": {
        "sv": "Årets medlemsbidrag {contributions}; åtaganden {committed}; "
        "marginal {margin}; eget kapital vid årets slut {equity}.",
        "en": "Contributions of the year {contributions}; commitments "
        "{committed}; margin {margin}; equity at year end {equity}.",
    },
    "goals": {"sv": "Verksamhetsplanens mål", "en": "Goals of the plan"},
    "goals_source": {
        "sv": "hela portföljen (association.toml, applications/, reports/), bedömd enligt policyn {policy}",
        "en": "the whole portfolio (association.toml, applications/, reports/), "
        "judged under the policy {policy}",
    },
    "goal": {"sv": "Mål", "en": "Goal"},
    "status": {"sv": "Status", "en": "Status"},
    "figures": {"sv": "Underlag", "en": "Figures"},
    "rule_source": {"sv": "Regelns källa", "en": "Rule source"},
    "met": {"sv": "uppfyllt", "en": "met"},
    "not_met": {"sv": "ej uppfyllt", "en": "not met"},
    "not_checkable": {"sv": "kan inte bedömas", "en": "cannot be checked"},
    "information": {"sv": "information", "en": "information"},
    "applications": {"sv": "Ansökningar", "en": "Applications"},
    "applications_lead": {
        "sv": "Beredningens förslag per ansökan.",
        "en": "The preparation group's recommendation per application.",
    },
    "reports": {"sv": "Rapporter", "en": "Reports"},
    "reports_lead": {
        "sv": "Granskning av läges- och slutrapporter.",
        "en": "Review of progress and final reports.",
    },
    "reg_no": {"sv": "Diarienr", "en": "Reg. no."},
    "title_col": {"sv": "Titel", "en": "Title"},
    "codes": {"sv": "Koder", "en": "Codes"},
    "file": {"sv": "Fil", "en": "File"},
    "files": {"sv": "Filer", "en": "Files"},
    "source": {"sv": "Källa", "en": "Source"},
    "report": {"sv": "Rapport", "en": "Report"},
    "project": {"sv": "Projekt", "en": "Project"},
    "period": {"sv": "Period", "en": "Period"},
    "kind": {"sv": "Slag", "en": "Kind"},
    "progress": {"sv": "lägesrapport", "en": "progress report"},
    "final": {"sv": "slutrapport", "en": "final report"},
    "comment": {"sv": "Kommentar", "en": "Comment"},
    "none": {"sv": "Inga.", "en": "None."},
    "no_report": {"sv": "ingen rapport under året", "en": "no report in the year"},
    "coverage": {"sv": "Kommuntäckning", "en": "Municipal coverage"},
    "coverage_lead": {
        "sv": "{covered} av {total} kommuner har minst ett pågående projekt under "
        "året (✓ = projektet omfattar kommunen).",
        "en": "{covered} of {total} municipalities have at least one running "
        "project in the year (✓ = the project covers the municipality).",
    },
    "municipality": {"sv": "Kommun", "en": "Municipality"},
    "count": {"sv": "Antal", "en": "Count"},
    "county_wide": {"sv": "länsövergripande", "en": "county-wide"},
    "no_projects": {"sv": "Inga pågående projekt under året.", "en": "No projects running in the year."},
    "outcomes": {"sv": "Resultat per projekt", "en": "Outcomes per project"},
    "outcomes_lead": {
        "sv": "Andel deltagare till {counted}, enligt senaste rapporten under "
        "året; målet är {target} ({method}).",
        "en": "Share of participants who went on to {counted}, from the latest "
        "report of the year; the target is {target} ({method}).",
    },
    "outcomes_met": {
        "sv": "{met} av {total} projekt når målet.",
        "en": "{met} of {total} projects meet the target.",
    },
    "calculation": {"sv": "Beräkning", "en": "Calculation"},
    "share": {"sv": "Andel", "en": "Share"},
    "target": {"sv": "Mål", "en": "Target"},
    "target_line": {"sv": "Mål {target}", "en": "Target {target}"},
    "method": {"sv": "Räknesätt", "en": "Counting method"},
    "of": {
        "sv": "{successes} av {denominator} {word} = {share}",
        "en": "{successes} of {denominator} {word} = {share}",
    },
    "meets": {"sv": "når målet", "en": "meets the target"},
    "below": {"sv": "under målet", "en": "below the target"},
    "no_share": {"sv": "kan inte beräknas", "en": "cannot be computed"},
    "inconsistent": {
        "sv": "utfallen summerar inte till antalet deltagare",
        "en": "the outcomes do not add up to the participants",
    },
    "nobody_finished": {"sv": "ingen deltagare i nämnaren", "en": "no participant counted"},
    "no_outcomes": {
        "sv": "Ingen rapport under året redovisar utfall.",
        "en": "No report of the year states outcomes.",
    },
    "gender": {"sv": "Deltagare efter kön", "en": "Participants by gender"},
    "gender_lead": {
        "sv": "Deltagare enligt senaste rapporten under året; andelar av alla deltagare i projektet.",
        "en": "Participants from the latest report of the year; shares of all participants of the project.",
    },
    "women": {"sv": "Kvinnor", "en": "Women"},
    "men": {"sv": "Män", "en": "Men"},
    "unknown": {"sv": "Kön ej redovisat", "en": "Gender not reported"},
    "total": {"sv": "Totalt", "en": "Total"},
    "no_gender": {
        "sv": "Ingen rapport under året redovisar deltagare.",
        "en": "No report of the year states participants.",
    },
    "budget": {"sv": "Budget, kostnad och prognos", "en": "Budget, cost and forecast"},
    "budget_lead": {
        "sv": "Kostnad och budget för rapportperioden enligt senaste rapporten; "
        "prognosen mot den budget den gäller.",
        "en": "Cost and budget for the period of the latest report; the forecast "
        "against the budget it refers to.",
    },
    "granted_in_year": {"sv": "Beviljat för året", "en": "Granted for the year"},
    "report_budget": {"sv": "Budget för perioden", "en": "Budget for the period"},
    "cost": {"sv": "Kostnad för perioden", "en": "Cost for the period"},
    "forecast": {"sv": "Prognos", "en": "Forecast"},
    "forecast_budget": {"sv": "Budget för prognosen", "en": "Budget for the forecast"},
    "deviation": {"sv": "Prognos mot budget", "en": "Forecast vs budget"},
    "sum": {"sv": "Summa", "en": "Total"},
    "over_budget": {
        "sv": "{count} projekt har en prognos över budget, sammanlagt {amount}.",
        "en": "{count} projects forecast more than the budget, {amount} in all.",
    },
    "over_budget_one": {
        "sv": "1 projekt har en prognos över budget, med {amount}.",
        "en": "1 project forecasts more than the budget, by {amount}.",
    },
    "within_budget": {
        "sv": "Inget projekt har en prognos över budget.",
        "en": "No project forecasts more than its budget.",
    },
    "contributions": {"sv": "Medlemsbidrag", "en": "Member contributions"},
    "contributions_lead": {
        "sv": "Årets bidrag {total} mot fördelningen i lagen (2003:1210) 5 §: "
        "staten hälften, regionen en fjärdedel, kommunerna en "
        "fjärdedel, fördelad mellan kommunerna efter folkmängd.",
        "en": "The year's contributions of {total} against the split of the "
        "Act (2003:1210) section 5: the state half, the region a "
        "quarter, the municipalities a quarter, split between them by "
        "population.",
    },
    "group": {"sv": "Part", "en": "Party"},
    "amount": {"sv": "Bidrag", "en": "Contribution"},
    "share_of_total": {"sv": "Andel av totalen", "en": "Share of the total"},
    "legal_share": {"sv": "Andel enligt lag", "en": "Legal share"},
    "legal_amount": {"sv": "Belopp enligt lag", "en": "Amount by law"},
    "member": {"sv": "Medlem", "en": "Member"},
    "id": {"sv": "Id", "en": "Id"},
    "population": {"sv": "Folkmängd", "en": "Population"},
    "by_population": {"sv": "Enligt befolkningsnyckel", "en": "By population key"},
    "share_of_municipal": {"sv": "Andel av kommunernas bidrag", "en": "Share of the municipal contributions"},
    "population_share": {"sv": "Andel av folkmängden", "en": "Share of the population"},
    "groups_chart": {
        "sv": "Bidrag per part mot andel enligt lag",
        "en": "Contributions per party against the legal share",
    },
    "municipal_chart": {
        "sv": "Kommunernas bidrag mot befolkningsnyckeln",
        "en": "Municipal contributions against the population key",
    },
    "finances": {"sv": "Eget kapital och budgetbalans", "en": "Equity and budget balance"},
    "finances_lead": {
        "sv": "Beviljade medel och egna kostnader mot årets bidrag och det egna kapital som får användas.",
        "en": "Granted funding and own costs against the year's contributions "
        "and the equity that may be used.",
    },
    "item": {"sv": "Post", "en": "Item"},
    "value": {"sv": "Belopp", "en": "Amount"},
    "fin_contributions": {"sv": "Årets medlemsbidrag", "en": "Contributions of the year"},
    "fin_equity_start": {"sv": "Eget kapital vid årets början", "en": "Equity at the start of the year"},
    "fin_reserve": {"sv": "Reserv som behålls", "en": "Reserve kept"},
    "fin_usable": {"sv": "Eget kapital som får användas", "en": "Usable equity"},
    "fin_available": {
        "sv": "Tillgängligt (bidrag och eget kapital som får användas)",
        "en": "Available (contributions and usable equity)",
    },
    "fin_granted": {"sv": "Beviljade projektmedel under året", "en": "Project funding granted for the year"},
    "fin_administration": {
        "sv": "Egna kostnader (kansli, styrelse, revision)",
        "en": "Own costs (office, board, audit)",
    },
    "fin_committed": {"sv": "Summa åtaganden", "en": "Total commitments"},
    "fin_margin": {"sv": "Marginal (tillgängligt − åtaganden)", "en": "Margin (available − commitments)"},
    "fin_equity_end": {"sv": "Beräknat eget kapital vid årets slut", "en": "Projected equity at year end"},
    "fin_share_start": {
        "sv": "Eget kapital vid årets början i andel av årets bidrag",
        "en": "Equity at the start as a share of the year's contributions",
    },
    "fin_share_end": {
        "sv": "Eget kapital vid årets slut i andel av årets bidrag",
        "en": "Equity at year end as a share of the year's contributions",
    },
    "balance_chart": {"sv": "Tillgängligt mot åtaganden", "en": "Available against commitments"},
    "in_balance": {
        "sv": "Budgeten är i balans: marginalen är {margin}.",
        "en": "The budget is in balance: the margin is {margin}.",
    },
    "out_of_balance": {
        "sv": "Budgeten är inte i balans: åtagandena överstiger det tillgängliga med {margin}.",
        "en": "The budget is not in balance: commitments exceed what is available by {margin}.",
    },
    "input_errors": {"sv": "Filer med fel", "en": "Files with errors"},
    "footer": {
        "sv": "Framtagen med finsam-rules. Belopp i hela kronor; andelar avrundade till "
        "hela procent (med fler decimaler där avrundningen annars skulle dölja "
        "vilken sida om målet andelen ligger).",
        "en": "Produced with finsam-rules. Amounts in whole kronor; shares rounded to "
        "whole percent (with more decimals where rounding would hide which side "
        "of the target a share is on).",
    },
    "kind_social_insurance_agency": {"sv": "Försäkringskassan", "en": "Social insurance agency"},
    "kind_employment_service": {"sv": "Arbetsförmedlingen", "en": "Employment service"},
    "kind_region": {"sv": "region", "en": "region"},
    "kind_municipality": {"sv": "kommun", "en": "municipality"},
}

LABELS.update(
    {
        "decisions": {"sv": "Att besluta och känna till", "en": "To decide and to know"},
        "decisions_lead": {
            "sv": "Det styrelsen behöver ta ställning till eller känna till, med siffran och "
            "regeln bakom. Detaljerna följer i avsnitten nedan.",
            "en": "What the board needs to decide or know, with the figure and the rule "
            "behind it. The details follow in the sections below.",
        },
        "decisions_none": {
            "sv": "Inget mål är ouppfyllt, inget dokument har avvikelser och ingen prognos är över budget.",
            "en": "No goal is unmet, no document has deviations and no forecast is over budget.",
        },
        "d_goal_not_met": {
            "sv": "Målet ”{title}” är inte uppfyllt: {message}",
            "en": "The goal “{title}” is not met: {message}",
        },
        "d_goal_not_checkable": {
            "sv": "Målet ”{title}” kan inte bedömas{why}",
            "en": "The goal “{title}” cannot be judged{why}",
        },
        "d_files": {"sv": ": filen {files} kunde inte läsas.", "en": ": the file {files} could not be read."},
        "d_files_many": {
            "sv": ": filerna {files} kunde inte läsas.",
            "en": ": the files {files} could not be read.",
        },
        "d_applications": {
            "sv": "Beredningens förslag för de {count} ansökningarna – {parts}.",
            "en": "The preparation group's proposal for the {count} applications – {parts}.",
        },
        "d_applications_one": {
            "sv": "Beredningens förslag för den enda ansökan – {parts}.",
            "en": "The preparation group's proposal for the one application – {parts}.",
        },
        "d_report_deviation": {
            "sv": "{kind} för {subject} ({period}): {message}",
            "en": "{kind} of {subject} ({period}): {message}",
        },
        "the_progress": {"sv": "Lägesrapporten", "en": "The progress report"},
        "the_final": {"sv": "Slutrapporten", "en": "The final report"},
        "the_report": {"sv": "Rapporten", "en": "The report"},
        "d_over_budget": {
            "sv": "{count} projekt har en prognos över budget, sammanlagt {amount}: {subject}.",
            "en": "{count} projects forecast more than their budget, {amount} in all: {subject}.",
        },
        "d_over_budget_one": {
            "sv": "Projektet {subject} har en prognos över budget, med {amount}.",
            "en": "The project {subject} forecasts more than its budget, by {amount}.",
        },
        "d_unreadable": {
            "sv": "{count} filer kunde inte läsas och ingår inte i siffrorna: {files}.",
            "en": "{count} files could not be read and are not in the figures: {files}.",
        },
        "d_unreadable_one": {
            "sv": "En fil kunde inte läsas och ingår inte i siffrorna: {files}.",
            "en": "One file could not be read and is not in the figures: {files}.",
        },
        "unreadable_goal": {
            "sv": "Kan inte bedömas: {files} kunde inte läsas.",
            "en": "Cannot be judged: {files} could not be read.",
        },
        "rule": {"sv": "Regel", "en": "Rule"},
        "chart_margin": {"sv": "Marginal", "en": "Margin"},
        "chart_overrun": {"sv": "Överskridande", "en": "Overrun"},
        "chart_margin_text": {"sv": "{amount} ({share})", "en": "{amount} ({share})"},
        "over_mark": {"sv": "▲ över budget", "en": "▲ over budget"},
        "over_legend": {
            "sv": "▲ = över budgeten (kostnad över periodens budget, prognos över prognosens budget).",
            "en": "▲ = over budget (cost above the period's budget, forecast above the forecast's budget).",
        },
        "no_data_year": {
            "sv": "Portföljen {root} har inga ansökningar eller rapporter för {year}; ingen "
            "styrelserapport skrivs för ett år utan underlag. Ange ett år med --year.",
            "en": "The portfolio {root} holds no applications or reports for {year}; no "
            "board report is written for a year without documents. Give a year with --year.",
        },
        "impact_head": {
            "sv": "Om ansökan beviljas ({amount} detta år):",
            "en": "If granted ({amount} this year):",
        },
        "impact_covered": {
            "sv": "  nya kommuner som täcks: {covered}",
            "en": "  municipalities newly covered: {covered}",
        },
        "impact_none": {"sv": "inga", "en": "none"},
        "impact_margin": {
            "sv": "  budgetmarginal: {before} före, {after} efter",
            "en": "  budget margin: {before} before, {after} after",
        },
        "impact_equity": {
            "sv": "  eget kapital vid årets slut: {before} före, {after} efter ({share} av årets bidrag)",
            "en": "  equity at year end: {before} before, {after} after "
            "({share} of the year's contributions)",
        },
        "no_balance": {
            "sv": "Ingen regel i policyn bedömer budgetbalansen; balansen visas inte.",
            "en": "No rule of the policy judges the budget balance; the balance is not shown.",
        },
    }
)

# The reports overdue (board model ``overdue_reports``, computed as ``finsam calendar`` does).
LABELS.update(
    {
        "overdue_reports": {"sv": "Rapporter som saknas", "en": "Overdue reports"},
        "overdue_lead": {
            "sv": "Rapporter som beviljade projekt skulle ha lämnat senast per {as_of} men som inte "
            "har kommit in (förfallodagar i beslutet, och slutrapporten efter projektets slut "
            "eller förtida slut). Hela kalendern: finsam calendar.",
            "en": "Reports that granted projects owed by {as_of} and that have not come in (due "
            "dates of the decision, and the final report after the project's end or early "
            "end). The whole calendar: finsam calendar.",
        },
        "overdue_none": {
            "sv": "Ingen rapport är försenad per {as_of}.",
            "en": "No report is overdue as of {as_of}.",
        },
        "ov_due": {"sv": "Förfallodag", "en": "Due"},
        "ov_title": {"sv": "Benämning", "en": "Title"},
        "ov_report": {"sv": "Rapport", "en": "Report"},
        "ov_days": {"sv": "Dagar sen", "en": "Days late"},
        "ov_dated": {"sv": "lägesrapport", "en": "progress report"},
        "ov_final": {"sv": "slutrapport", "en": "final report"},
        "ov_ended_early": {
            "sv": "slutrapport (avslutat i förtid utan rapport)",
            "en": "final report (ended early without a report)",
        },
        "d_overdue_reports": {
            "sv": "{count} rapporter är försenade per {as_of}: {items}.",
            "en": "{count} reports are overdue as of {as_of}: {items}.",
        },
        "d_overdue_reports_one": {
            "sv": "En rapport är försenad per {as_of}: {items}.",
            "en": "One report is overdue as of {as_of}: {items}.",
        },
        "d_overdue_item": {
            "sv": "{kind} för {project} (förföll {due}, {count} dagar sedan)",
            "en": "the {kind} of {project} (due {due}, {count} days ago)",
        },
        "d_overdue_item_one": {
            "sv": "{kind} för {project} (förföll {due}, 1 dag sedan)",
            "en": "the {kind} of {project} (due {due}, 1 day ago)",
        },
        "the_dated": {"sv": "lägesrapporten", "en": "progress report"},
        "the_final_lc": {"sv": "slutrapporten", "en": "final report"},
    }
)

GOAL_MARKS = {
    GoalStatus.MET: "✓",
    GoalStatus.NOT_MET: "✗",
    GoalStatus.NOT_CHECKABLE: "?",
    GoalStatus.INFORMATION: "i",
}
VERDICT_MARKS = {
    Verdict.APPROVE: "✓",
    Verdict.REVISE: "!",
    Verdict.REJECT: "✗",
    Verdict.ACCEPT: "✓",
    Verdict.DEVIATION: "~",
}
#: The verdicts of each kind of document, in the order they are counted.
APPLICATION_VERDICTS = (Verdict.APPROVE, Verdict.REVISE, Verdict.REJECT)
REPORT_VERDICTS = (Verdict.ACCEPT, Verdict.DEVIATION, Verdict.REVISE)
DASH = "–"


def label(key: str, lang: str, **values: object) -> str:
    """A word of the board report in ``lang``, filled with ``values`` (the ``_one`` form
    when ``count`` is 1 and the key has one)."""
    if values.get("count") == 1 and f"{key}_one" in LABELS:
        key = f"{key}_one"
    text = LABELS[key][lang]
    return render_template(text, lang, dict(values)) if values else text


def report_title(report: BoardReport, lang: str) -> str:
    """ "Styrelserapport 2016 – Samordningsförbundet …" (plain text, not escaped)."""
    return label("title", lang, year=report.year, name=report.portfolio.association.name)


def kr(amount: int | None, lang: str) -> str:
    """An amount in kronor, or a dash when not reported."""
    return DASH if amount is None else format_kr(amount, lang)


def signed_kr(amount: int | None, lang: str) -> str:
    """A signed amount: "+200 000 kr", "−50 000 kr", or a dash."""
    if amount is None:
        return DASH
    return ("+" if amount > 0 else "−" if amount < 0 else "") + format_kr(abs(amount), lang)


def share_text(share: Fraction | None, lang: str, target: Fraction | None = None) -> str:
    """A share as a percentage, or a dash."""
    return DASH if share is None else format_share(share, lang, target)


def number(value: int | None, lang: str) -> str:
    """A whole number, or a dash."""
    return DASH if value is None else format_number(value, lang)


def codes_text(codes: tuple[str, ...]) -> str:
    """Rule codes, comma separated, or a dash."""
    return ", ".join(codes) or DASH


def finding_message(finding: Finding, lang: str) -> str:
    """A finding's message, with the board's waiver when there is one."""
    message = finding.message(lang)
    if finding.waived_by is not None:
        message += " — " + finding.waived_by.describe(lang)
    return message


def verdict_text(verdict: Verdict, lang: str) -> str:
    """ "! komplettering krävs": a mark and the words, never colour alone."""
    return f"{VERDICT_MARKS[verdict]} {verdict_label(verdict, lang)}"


def goal_text(status: GoalStatus, lang: str) -> str:
    """ "✓ uppfyllt", "✗ ej uppfyllt" or "? kan inte bedömas"."""
    return f"{GOAL_MARKS[status]} {label(status.value, lang)}"


def kind_name(kind: MemberKind, lang: str) -> str:
    """A member kind in words."""
    return label(f"kind_{kind.value}", lang)


def group_name(group: str, lang: str) -> str:
    """ "Staten (FK och AF)", "Regionen", "Kommunerna"."""
    return GROUP_NAMES[group][lang]


def _share_words(method: CountingMethod) -> Share:
    return Share(0, 0, method.denominator, method.exclude_deceased, method.counted)


def denominator_word(method: CountingMethod | None, lang: str) -> str:
    """ "avslutade" or "inskrivna": who the outcome share is counted of."""
    if method is None:
        return ""
    return Share(0, 0, method.denominator, False, method.counted).method_text(lang)


def method_parts(method: CountingMethod, lang: str) -> tuple[str, str]:
    """The counting method as (who is counted, what counts as a success)."""
    share = _share_words(method)
    deceased = {"sv": ", avlidna ej medräknade", "en": ", deceased excluded"}[lang]
    return share.denominator_text(lang) + (deceased if method.exclude_deceased else ""), share.counted_text(
        lang
    )


def method_text(method: CountingMethod, lang: str) -> str:
    """The counting method in one line: "av avslutade; arbete, studier …"."""
    who, counted = method_parts(method, lang)
    return f"{who}; {counted}"


def outcome_calculation(row: OutcomeRow, lang: str) -> str:
    """ "32 av 44 avslutade = 73 %", or why no share can be computed."""
    if row.status is OutcomeStatus.INCONSISTENT:
        return label("inconsistent", lang)
    if row.status is OutcomeStatus.NO_SHARE:
        return f"{row.successes} / {row.denominator}: {label('nobody_finished', lang)}"
    return label(
        "of",
        lang,
        successes=row.successes,
        denominator=row.denominator,
        word=denominator_word(row.method, lang),
        share=share_text(row.share, lang, row.target),
    )


OUTCOME_MARKS = {OutcomeStatus.MET: "✓", OutcomeStatus.BELOW: "✗"}


def outcome_mark(row: OutcomeRow) -> str:
    """✓, ✗ or ?."""
    return OUTCOME_MARKS.get(row.status, "?")


def outcome_status_text(row: OutcomeRow, lang: str) -> str:
    """ "✓ når målet", "✗ under målet" or "? kan inte beräknas"."""
    if row.status is OutcomeStatus.MET:
        return f"✓ {label('meets', lang)}"
    if row.status is OutcomeStatus.BELOW:
        return f"✗ {label('below', lang)}"
    return f"? {label('no_share', lang)}"


def gender_cell(count: int, share: Fraction | None, lang: str) -> str:
    """ "53 (84 %)"."""
    return format_number(count, lang) + ("" if share is None else f" ({format_share(share, lang)})")


def gender_cells(row: GenderRow, lang: str) -> tuple[str, str, str]:
    """The women, men and unknown cells of a row."""
    return (
        gender_cell(row.women, row.women_share, lang),
        gender_cell(row.men, row.men_share, lang),
        gender_cell(row.unknown, row.unknown_share, lang),
    )


def period_text(doc: Report) -> str:
    """ "2016-01-01–2016-08-31"."""
    return f"{doc.period.start.isoformat()}–{doc.period.end.isoformat()}"


def policy_text(report: BoardReport) -> str:
    """The policy's name and the files it was read from beyond the standard one."""
    files = report.policy_files
    return report.policy.name + (f" ({', '.join(files)})" if files else "")


def verdicts_summary(counts: VerdictCounts, lang: str, reports: bool = False) -> str:
    """ "1 tillstyrks, 7 komplettering krävs, 0 avstyrks"; for reports their own words,
    "2 godkänns, 6 avvikelse, 0 komplettering krävs"."""
    if reports:
        return label(
            "report_verdicts_summary",
            lang,
            accept=counts.count(Verdict.ACCEPT),
            deviation=counts.count(Verdict.DEVIATION),
            revise=counts.count(Verdict.REVISE),
        )
    return label(
        "verdicts_summary",
        lang,
        approve=counts.count(Verdict.APPROVE),
        revise=counts.count(Verdict.REVISE),
        reject=counts.count(Verdict.REJECT),
    )


def goals_summary(report: BoardReport, lang: str) -> str:
    """ "7 av 8 mål uppfyllda; ej uppfyllda: 1; kan inte bedömas: 0"."""
    c = report.goal_counts
    return label("goals_summary", lang, met=c.met, total=c.judged, not_met=c.not_met, unknown=c.not_checkable)


def prep_summary(report: BoardReport, lang: str) -> str:
    """ "2 öppna, 1 besvarade, 0 undantagna": the prep group's findings (empty without a
    ``beredning.toml``)."""
    p = report.prep
    return "" if p is None else label("prep_summary", lang, open=p.open, answered=p.answered, waived=p.waived)


def budget_text(report: BoardReport, lang: str) -> str:
    """One sentence: how many projects forecast more than their budget."""
    totals = report.budget_totals
    if totals.over_budget:
        return label(
            "over_budget", lang, count=len(totals.over_budget), amount=format_kr(totals.over_budget_sum, lang)
        )
    return label("within_budget", lang)


def balance_text(report: BoardReport, lang: str) -> str:
    """One sentence: in balance with the margin, or over-committed by how much."""
    b = report.balance
    if b is None:
        return label("no_balance", lang)
    if b.in_balance:
        return label("in_balance", lang, margin=format_kr(b.margin, lang))
    return label("out_of_balance", lang, margin=format_kr(-b.margin, lang))


def finance_rows(report: BoardReport, lang: str) -> list[tuple[str, str]]:
    """The balance as (item, amount) rows, shared by every format that words it."""
    b = report.balance
    if b is None:
        return []
    return [
        (label("fin_contributions", lang), format_kr(b.contributions, lang)),
        (label("fin_equity_start", lang), format_kr(b.equity_at_start, lang)),
        (label("fin_reserve", lang), format_kr(b.reserve, lang)),
        (label("fin_usable", lang), format_kr(b.usable_equity, lang)),
        (label("fin_available", lang), format_kr(b.available, lang)),
        (label("fin_granted", lang), format_kr(b.granted, lang)),
        (label("fin_administration", lang), format_kr(b.administration, lang)),
        (label("fin_committed", lang), format_kr(b.committed, lang)),
        (label("fin_margin", lang), format_kr(b.margin, lang)),
        (label("fin_equity_end", lang), format_kr(b.equity_at_end, lang)),
        (label("fin_share_start", lang), share_text(b.share_at_start, lang)),
        (label("fin_share_end", lang), share_text(b.share_at_end, lang)),
    ]


def problem_lines(report: BoardReport, lang: str) -> list[tuple[str, list[str]]]:
    """Each unreadable file, relative to the portfolio, with its problems in words."""
    return [
        (u.path, [f"{p.path}: {p.message(lang)}" if p.path else p.message(lang) for p in u.problems])
        for u in report.unreadable
    ]


def _join(items: list[str] | tuple[str, ...], lang: str) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + {"sv": " och ", "en": " and "}[lang] + items[-1]


def decision_text(decision: Decision, lang: str) -> str:
    """One sentence per decision, with its figures (plain text, not escaped)."""
    from finsam_rules.board import DecisionKind

    kind = decision.kind
    message = " ".join(m[lang] for m in decision.messages)
    if kind is DecisionKind.GOAL_NOT_MET:
        return label("d_goal_not_met", lang, title=decision.title[lang], message=message)
    if kind is DecisionKind.GOAL_NOT_CHECKABLE:
        if decision.files:
            key = "d_files_many" if len(decision.files) > 1 else "d_files"
            why = label(key, lang, files=_join(decision.files, lang))
        else:
            why = ": " + message if message else "."
        return label("d_goal_not_checkable", lang, title=decision.title[lang], why=why)
    if kind is DecisionKind.APPLICATIONS:
        counts = decision.verdicts
        assert counts is not None
        parts = [f"{verdict_label(v, lang)}: {_join(counts.ids(v), lang)}" for v in Verdict if counts.ids(v)]
        return label("d_applications", lang, count=counts.total, parts="; ".join(parts))
    if kind is DecisionKind.REPORT_DEVIATION:
        word = {"progress": "the_progress", "final": "the_final"}.get(decision.document_kind, "the_report")
        period = (
            f"{decision.period[0].isoformat()}–{decision.period[1].isoformat()}" if decision.period else ""
        )
        return label(
            "d_report_deviation",
            lang,
            kind=label(word, lang),
            subject=decision.subject,
            period=period,
            message=message,
        )
    if kind is DecisionKind.OVER_BUDGET:
        return label(
            "d_over_budget",
            lang,
            count=len(decision.projects),
            amount=kr(decision.amount, lang),
            subject=_join(decision.projects, lang),
        )
    if kind is DecisionKind.OVERDUE_REPORTS:
        items = [
            label(
                "d_overdue_item",
                lang,
                kind=label("the_final_lc" if o.kind == "final" else "the_dated", lang),
                project=o.project,
                due=o.due,
                count=o.days,
            )
            for o in decision.overdue
        ]
        count = len(decision.overdue)
        return label("d_overdue_reports", lang, count=count, as_of=decision.as_of, items=_join(items, lang))
    if kind is DecisionKind.NOTICE:
        return message
    return label("d_unreadable", lang, count=len(decision.files), files=_join(decision.files, lang))


def overdue_kind(report: OverdueReport, lang: str) -> str:
    """``lägesrapport``, ``slutrapport``, or a final report after an early end without any."""
    if report.kind != "final":
        return label("ov_dated", lang)
    return label("ov_ended_early" if report.ended_without_report else "ov_final", lang)


def overdue_rows(report: BoardReport, lang: str) -> list[tuple[str, str, str, str, int]]:
    """The overdue reports as (due, project, title, report, days late) rows, for every format."""
    return [
        (o.due.isoformat(), o.project, o.title, overdue_kind(o, lang), o.days) for o in report.overdue_reports
    ]


def overdue_headings(lang: str) -> list[str]:
    """The headings of :func:`overdue_rows`."""
    return [label(k, lang) for k in ("ov_due", "project", "ov_title", "ov_report", "ov_days")]


def impact_lines(impact: Impact, lang: str) -> list[str]:
    """What granting an application would change, in words (``screen --portfolio``)."""
    lines = [
        label("impact_head", lang, amount=format_kr(impact.requested_in_year, lang)),
        label("impact_covered", lang, covered=", ".join(impact.newly_covered) or label("impact_none", lang)),
    ]
    if impact.margin_before is not None:
        lines += [
            label(
                "impact_margin",
                lang,
                before=kr(impact.margin_before, lang),
                after=kr(impact.margin_after, lang),
            ),
            label(
                "impact_equity",
                lang,
                before=kr(impact.equity_end_before, lang),
                after=kr(impact.equity_end_after, lang),
                share=share_text(impact.equity_share_after, lang),
            ),
        ]
    return lines
