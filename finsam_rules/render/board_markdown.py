"""The board report as Markdown, for meeting papers and for reading in a repository.

The same sections and figures as the HTML and JSON reports: the plan's goals, a verdict per
application and report with its findings, municipal coverage, outcomes against the target
with the counting method, participants by gender, budget against cost and forecast,
contributions against the legal shares, equity and balance, and files that could not be
read. Every table names the file(s) its figures come from.

The helpers at the top (labels, the counting text, status marks, relative paths) are shared
with :mod:`finsam_rules.render.board_html`, so both documents word and count alike. Text from
input files (names, titles, ids, paths, messages) goes through
:func:`~finsam_rules.render.markup.md_escape`.
"""

from __future__ import annotations

import math
import os
from fractions import Fraction
from pathlib import Path

from finsam_rules.board import BoardReport, GenderRow, OutcomeRow, verdict_counts
from finsam_rules.counting import Share
from finsam_rules.engine import Evaluation, Verdict
from finsam_rules.finance import GROUP_NAMES
from finsam_rules.formatting import format_kr, format_number, format_share, render_template
from finsam_rules.i18n import t
from finsam_rules.model import MemberKind
from finsam_rules.render.common import severity_label, verdict_label
from finsam_rules.render.markup import md_escape
from finsam_rules.rules import Finding

# -- words shared by the Markdown and HTML board reports -----------------------------------------

LABELS: dict[str, dict[str, str]] = {
    "title": {"sv": "Styrelserapport {year} – {name}", "en": "Board report {year} – {name}"},
    "kicker": {"sv": "Styrelserapport · verksamhetsåret {year}", "en": "Board report · the year {year}"},
    "org_number": {"sv": "Organisationsnummer", "en": "Organisation number"},
    "as_of": {"sv": "Bedömd per", "en": "Judged as of"},
    "policy": {"sv": "Policy", "en": "Policy"},
    "inputs": {"sv": "Underlag", "en": "Inputs"},
    "inputs_text": {
        "sv": "association.toml, {apps} ansökningar i applications/ och {reports} rapporter i reports/",
        "en": "association.toml, {apps} application(s) in applications/ and {reports} report(s) in reports/",
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
    "x_of_y": {"sv": "{x} av {y}", "en": "{x} of {y}"},
    "goals_summary": {
        "sv": "{met} av {total} mål uppfyllda, {not_met} ej uppfyllda, {unknown} kan inte bedömas",
        "en": "{met} of {total} goals met, {not_met} not met, {unknown} cannot be checked",
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
        "en": "{count} project(s) forecast more than the budget, {amount} in all.",
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

GOAL_MARKS = {"met": "✓", "not_met": "✗", "not_checkable": "?", "information": "i"}
VERDICT_MARKS = {
    Verdict.APPROVE: "✓",
    Verdict.REVISE: "!",
    Verdict.REJECT: "✗",
    Verdict.ACCEPT: "✓",
    Verdict.DEVIATION: "~",
}
DASH = "–"


def label(key: str, lang: str, **values: object) -> str:
    """A word of the board report in ``lang``, filled with ``values``."""
    text = LABELS[key][lang]
    return render_template(text, lang, values) if values else text


def report_title(report: BoardReport, lang: str) -> str:
    """ "Styrelserapport 2016 – Samordningsförbundet …" (plain text, not escaped)."""
    return label("title", lang, year=report.year, name=report.portfolio.association.name)


def kr(amount: int | None, lang: str) -> str:
    """An amount in kronor, or a dash when not reported."""
    return DASH if amount is None else format_kr(amount, lang)


def share_text(share: Fraction | None, lang: str, target: Fraction | None = None) -> str:
    """A share as a percentage, or a dash."""
    return DASH if share is None else format_share(share, lang, target)


def ratio(part: int, whole: int) -> Fraction | None:
    """``part / whole`` exactly, or ``None`` when ``whole`` is zero."""
    return Fraction(part, whole) if whole else None


def codes(evaluation: Evaluation) -> str:
    """The rule codes of an evaluation's findings, each once, in finding order."""
    return ", ".join(dict.fromkeys(f.code for f in evaluation.findings)) or DASH


def finding_message(finding: Finding, lang: str) -> str:
    """A finding's message, with the board's waiver when there is one."""
    message = finding.message(lang)
    if finding.waived_by is not None:
        message += " — " + finding.waived_by.describe(lang)
    return message


def verdict_text(verdict: Verdict, lang: str) -> str:
    """ "! komplettering krävs": a mark and the words, never colour alone."""
    return f"{VERDICT_MARKS[verdict]} {verdict_label(verdict, lang)}"


def goal_text(status: str, lang: str) -> str:
    """ "✓ uppfyllt", "✗ ej uppfyllt" or "? kan inte bedömas"."""
    return f"{GOAL_MARKS[status]} {label(status, lang)}"


def kind_name(kind: MemberKind, lang: str) -> str:
    """A member kind in words."""
    return label(f"kind_{kind.value}", lang)


def group_name(group: str, lang: str) -> str:
    """ "Staten (FK och AF)", "Regionen", "Kommunerna"."""
    return GROUP_NAMES[group][lang]


def denominator_word(report: BoardReport, lang: str) -> str:
    """ "avslutade" or "inskrivna": who the outcome share is counted of under the policy."""
    settings = report.policy.settings_for(report.portfolio_evaluation.as_of)
    if "denominator" not in settings:
        return ""
    return Share(0, 0, settings["denominator"], False, ()).method_text(lang)


def outcome_status(row: OutcomeRow) -> str | None:
    """``met`` or ``not_met`` against the target; ``None`` when no share can be computed."""
    if row.share is None:
        return None
    return "met" if row.share >= row.target else "not_met"


def outcome_calculation(row: OutcomeRow, word: str, lang: str) -> str:
    """ "32 av 44 avslutade = 73 %", or why no share can be computed."""
    if not row.consistent:
        return label("inconsistent", lang)
    if row.share is None:
        return f"{row.successes} / {row.denominator}: {label('nobody_finished', lang)}"
    return label(
        "of",
        lang,
        successes=row.successes,
        denominator=row.denominator,
        word=word,
        share=format_share(row.share, lang, row.target),
    )


def outcome_status_text(row: OutcomeRow, lang: str) -> str:
    """ "✓ når målet", "✗ under målet" or "? kan inte beräknas"."""
    status = outcome_status(row)
    if status is None:
        return f"? {label('no_share', lang)}"
    return f"{GOAL_MARKS[status]} {label('meets' if status == 'met' else 'below', lang)}"


def method_parts(row: OutcomeRow, lang: str) -> tuple[str, str]:
    """The counting method split into who is counted and what counts as a success."""
    method, _, counted = row.method[lang].partition("; ")
    return method, counted


def gender_cell(count: int, row: GenderRow, lang: str) -> str:
    """ "53 (84 %)"."""
    total = row.women + row.men + row.unknown
    share = ratio(count, total)
    return format_number(count, lang) + ("" if share is None else f" ({format_share(share, lang)})")


def application_paths(report: BoardReport) -> dict[str, str]:
    """Application id -> its file, relative to the portfolio."""
    return {row.evaluation.id: row.path for row in report.applications}


def relative(report: BoardReport, path: Path) -> str:
    """A path relative to the portfolio folder where it lies inside it."""
    try:
        return path.relative_to(report.portfolio.root).as_posix()
    except ValueError:
        return path.as_posix()


def input_errors(report: BoardReport, lang: str) -> list[tuple[str, list[str]]]:
    """Each unreadable file, relative to the portfolio, with its problems."""
    out = []
    for error in report.portfolio.errors:
        lines = [f"{p.path}: {p.message(lang)}" if p.path else p.message(lang) for p in error.problems]
        out.append((relative(report, error.path), lines))
    return out


def period_text(doc) -> str:
    """ "2016-01-01–2016-08-31"."""
    return f"{doc.period.start.isoformat()}–{doc.period.end.isoformat()}"


def goal_counts(report: BoardReport) -> dict[str, int]:
    """How many goals are met, not met, and cannot be checked."""
    counts = dict.fromkeys(GOAL_MARKS, 0)
    for goal in report.goals:
        counts[goal.status] += 1
    return counts


def verdicts_summary(rows, lang: str, reports: bool = False) -> str:
    """ "1 tillstyrks, 7 komplettering krävs, 0 avstyrks"; for reports their own words,
    "2 godkänns, 6 avvikelse, 0 komplettering krävs"."""
    counts = verdict_counts(rows)
    if reports:
        return label(
            "report_verdicts_summary",
            lang,
            accept=counts[Verdict.ACCEPT],
            deviation=counts[Verdict.DEVIATION],
            revise=counts[Verdict.REVISE],
        )
    return label(
        "verdicts_summary",
        lang,
        approve=counts[Verdict.APPROVE],
        revise=counts[Verdict.REVISE],
        reject=counts[Verdict.REJECT],
    )


def policy_text(report: BoardReport) -> str:
    """The policy's name and the files it was read from beyond the standard one (relative to
    the portfolio folder, so the text does not depend on where the command was run)."""
    files = []
    for layer in report.policy.layers[1:]:
        origin = layer.meta.origin
        if origin and Path(origin).is_file():
            origin = Path(os.path.relpath(origin, report.portfolio.root)).as_posix()
        files.append(origin)
    return report.policy.name + (f" ({', '.join(files)})" if files else "")


def over_budget(report: BoardReport) -> tuple[int, int]:
    """How many projects forecast more than their budget, and by how much in all."""
    rows = [
        r
        for r in report.budget
        if r.forecast is not None and r.forecast_budget is not None and r.forecast > r.forecast_budget
    ]
    return len(rows), sum(r.forecast - r.forecast_budget for r in rows)


def budget_text(report: BoardReport, lang: str) -> str:
    """One sentence: how many projects forecast more than their budget."""
    count, amount = over_budget(report)
    if count:
        return label("over_budget", lang, count=count, amount=format_kr(amount, lang))
    return label("within_budget", lang)


def deviation(forecast: int | None, budget: int | None, lang: str) -> str:
    """The forecast less its budget, signed: "+200 000 kr"."""
    if forecast is None or budget is None:
        return DASH
    diff = forecast - budget
    return ("+" if diff > 0 else "−" if diff < 0 else "") + format_kr(abs(diff), lang)


def column_sum(values) -> int | None:
    """The sum of the reported values, or ``None`` when none is reported."""
    present = [v for v in values if v is not None]
    return sum(present) if present else None


# -- Markdown ---------------------------------------------------------------------------------


def _table(header: list[str], rows: list[list[str]], align: str = "") -> list[str]:
    """A Markdown table; cells must already be escaped. ``align``: one letter per column,
    ``l`` or ``r``."""
    rule = [("---:" if a == "r" else "---") for a in (align or "l" * len(header))]
    return [
        "| " + " | ".join(header) + " |",
        "|" + "|".join(rule) + "|",
        *("| " + " | ".join(row) + " |" for row in rows),
        "",
    ]


def _source(lang: str, *paths: str) -> str:
    return f"_{label('source', lang)}:_ " + ", ".join(md_escape(p) for p in paths if p)


def _findings(evaluation: Evaluation, lang: str) -> list[str]:
    if not evaluation.findings:
        return [t("no_findings", lang), ""]
    rows = [
        [
            f.code,
            md_escape(severity_label(f, lang)),
            md_escape(finding_message(f, lang)),
            md_escape(f.source.text(lang)),
        ]
        for f in evaluation.findings
    ]
    return _table([t("code", lang), t("severity", lang), t("finding", lang), t("source", lang)], rows)


def render(report: BoardReport, lang: str) -> str:
    """The board report as Markdown text."""
    pf = report.portfolio
    association = pf.association
    out: list[str] = [f"# {md_escape(report_title(report, lang))}", ""]
    balance = report.balance
    errors = input_errors(report, lang)
    out += [
        f"{label('org_number', lang)}: {md_escape(association.org_number)}  ",
        f"{label('as_of', lang)}: {report.portfolio_evaluation.as_of.isoformat()}  ",
        f"{label('policy', lang)}: {md_escape(policy_text(report))}  ",
        f"{label('inputs', lang)}: "
        + md_escape(label("inputs_text", lang, apps=len(pf.applications), reports=len(pf.reports))),
        "",
    ]
    if errors:
        out += [
            "> **"
            + label("errors_warning", lang, count=len(errors), section=label("input_errors", lang))
            + "**",
            "",
        ]

    # Summary
    counts = goal_counts(report)
    out += [
        f"## {label('summary', lang)}",
        "",
        f"- {label('goals', lang)}: "
        + label(
            "goals_summary",
            lang,
            met=counts["met"],
            total=len(report.goals) - counts["information"],
            not_met=counts["not_met"],
            unknown=counts["not_checkable"],
        ),
        f"- {label('applications', lang)}: {verdicts_summary(report.applications, lang)}",
        f"- {label('reports', lang)}: {verdicts_summary(report.reports, lang, reports=True)}",
        "- "
        + label(
            "money_summary",
            lang,
            contributions=format_kr(balance.contributions, lang),
            committed=format_kr(balance.committed, lang),
            margin=format_kr(balance.margin, lang),
            equity=format_kr(balance.equity_at_end, lang),
        ),
        "",
    ]

    out += _goals(report, lang)
    out += _applications(report, lang)
    out += _reports(report, lang)
    out += _coverage(report, lang)
    out += _outcomes(report, lang)
    out += _gender(report, lang)
    out += _budget(report, lang)
    out += _contributions(report, lang)
    out += _finances(report, lang)
    if errors:
        out += [f"## {label('input_errors', lang)}", ""]
        for path, lines in errors:
            out.append(f"- **{md_escape(path)}**")
            out += [f"  - {md_escape(line)}" for line in lines]
        out.append("")
    out += ["---", "", f"_{label('footer', lang)}_", ""]
    return "\n".join(out)


def _goals(report: BoardReport, lang: str) -> list[str]:
    out = [
        f"## {label('goals', lang)}",
        "",
        _source(lang, label("goals_source", lang, policy=policy_text(report))),
        "",
    ]
    rows = []
    for goal in report.goals:
        messages = " ".join(m[lang] for m in goal.messages) or DASH
        rows.append(
            [
                goal_text(goal.status, lang),
                goal.code,
                md_escape(goal.title[lang]),
                md_escape(messages),
                md_escape(goal.source),
            ]
        )
    if rows:
        out += _table(
            [
                label("status", lang),
                t("code", lang),
                label("goal", lang),
                label("figures", lang),
                label("rule_source", lang),
            ],
            rows,
        )
    else:
        out += [label("none", lang), ""]
    return out


def _applications(report: BoardReport, lang: str) -> list[str]:
    out = [f"## {label('applications', lang)}", "", label("applications_lead", lang), ""]
    if not report.applications:
        return [*out, label("none", lang), ""]
    rows = [
        [
            md_escape(r.evaluation.id),
            md_escape(getattr(r.evaluation.document, "title", "")),
            f"**{verdict_text(r.evaluation.verdict, lang)}**",
            codes(r.evaluation),
            md_escape(r.path),
        ]
        for r in report.applications
    ]
    out += _table(
        [
            label("reg_no", lang),
            label("title_col", lang),
            t("verdict", lang),
            label("codes", lang),
            label("file", lang),
        ],
        rows,
    )
    for row in report.applications:
        ev = row.evaluation
        out += [
            f"### {md_escape(ev.id)} – {md_escape(ev.document.title)}",
            "",
            f"**{t('verdict', lang)}: {verdict_text(ev.verdict, lang)}** · "
            f"{t('judged_as_of', lang, date=ev.as_of)} · "
            f"{label('file', lang)}: {md_escape(row.path)}",
            "",
        ]
        out += _findings(ev, lang)
    return out


def _reports(report: BoardReport, lang: str) -> list[str]:
    out = [f"## {label('reports', lang)}", "", label("reports_lead", lang), ""]
    if not report.reports:
        return [*out, label("none", lang), ""]
    pf = report.portfolio
    rows = []
    for r in report.reports:
        doc = r.evaluation.document
        app = pf.application(doc.project)
        rows.append(
            [
                md_escape(doc.project),
                md_escape(app.title if app else ""),
                label(doc.kind.value, lang),
                period_text(doc),
                f"**{verdict_text(r.evaluation.verdict, lang)}**",
                codes(r.evaluation),
                md_escape(r.path),
            ]
        )
    out += _table(
        [
            label("project", lang),
            label("title_col", lang),
            label("kind", lang),
            label("period", lang),
            t("verdict", lang),
            label("codes", lang),
            label("file", lang),
        ],
        rows,
    )
    for r in report.reports:
        ev, doc = r.evaluation, r.evaluation.document
        out += [
            f"### {md_escape(ev.id)}",
            "",
            f"**{t('verdict', lang)}: {verdict_text(ev.verdict, lang)}** · "
            f"{label(doc.kind.value, lang)} {period_text(doc)} · "
            f"{label('file', lang)}: {md_escape(r.path)}",
            "",
        ]
        if doc.comment.strip():
            out += [f"{label('comment', lang)}: {md_escape(doc.comment)}", ""]
        out += _findings(ev, lang)
    return out


def _coverage(report: BoardReport, lang: str) -> list[str]:
    municipalities = report.portfolio.association.municipalities
    running = report.running
    paths = application_paths(report)
    covered = sum(1 for m in municipalities if report.coverage.get(m.id))
    out = [
        f"## {label('coverage', lang)}",
        "",
        label("coverage_lead", lang, covered=covered, total=len(municipalities)),
        "",
    ]
    if municipalities:
        header = [label("municipality", lang), *(md_escape(a.id) for a in running), label("count", lang)]
        rows = []
        for m in municipalities:
            projects = report.coverage.get(m.id, [])
            rows.append(
                [md_escape(m.name), *("✓" if a.id in projects else "" for a in running), str(len(projects))]
            )
        out += _table(header, rows, "l" + "l" * len(running) + "r")
    if not running:
        out += [label("no_projects", lang), ""]
    for a in running:
        wide = f" ({label('county_wide', lang)})" if a.county_wide else ""
        out.append(f"- {md_escape(a.id)}: {md_escape(a.title)}{wide} — {md_escape(paths.get(a.id, ''))}")
    out += ["", _source(lang, "association.toml", *(paths.get(a.id, "") for a in running)), ""]
    return out


def _outcomes(report: BoardReport, lang: str) -> list[str]:
    out = [f"## {label('outcomes', lang)}", ""]
    if not report.outcomes:
        return [*out, label("no_outcomes", lang), ""]
    word = denominator_word(report, lang)
    first = report.outcomes[0]
    method, counted = method_parts(first, lang)
    met = sum(1 for r in report.outcomes if outcome_status(r) == "met")
    out += [
        md_escape(
            label(
                "outcomes_lead", lang, counted=counted, target=format_share(first.target, lang), method=method
            )
        )
        + " "
        + label("outcomes_met", lang, met=met, total=len(report.outcomes)),
        "",
    ]
    rows = [
        [
            md_escape(r.project),
            md_escape(r.title),
            outcome_calculation(r, word, lang),
            share_text(r.share, lang, r.target),
            format_share(r.target, lang),
            outcome_status_text(r, lang),
            md_escape(r.method[lang]),
            md_escape(r.report_path),
        ]
        for r in report.outcomes
    ]
    out += _table(
        [
            label("project", lang),
            label("title_col", lang),
            label("calculation", lang),
            label("share", lang),
            label("target", lang),
            label("status", lang),
            label("method", lang),
            label("file", lang),
        ],
        rows,
        "llllrlll",
    )
    return out


def _gender(report: BoardReport, lang: str) -> list[str]:
    out = [f"## {label('gender', lang)}", "", label("gender_lead", lang), ""]
    if not report.gender:
        return [*out, label("no_gender", lang), ""]
    rows = [
        [
            md_escape(r.project),
            md_escape(r.title),
            gender_cell(r.women, r, lang),
            gender_cell(r.men, r, lang),
            gender_cell(r.unknown, r, lang),
            format_number(r.women + r.men + r.unknown, lang),
            md_escape(r.report_path),
        ]
        for r in report.gender
    ]
    out += _table(
        [
            label("project", lang),
            label("title_col", lang),
            label("women", lang),
            label("men", lang),
            label("unknown", lang),
            label("total", lang),
            label("file", lang),
        ],
        rows,
        "llrrrrl",
    )
    return out


def _budget(report: BoardReport, lang: str) -> list[str]:
    out = [f"## {label('budget', lang)}", "", f"{label('budget_lead', lang)} {budget_text(report, lang)}", ""]
    if not report.budget:
        return [*out, label("no_projects", lang), ""]
    rows = [
        [
            md_escape(r.project),
            md_escape(r.title),
            kr(r.granted_in_year, lang),
            kr(r.report_budget, lang),
            kr(r.cost, lang),
            kr(r.forecast, lang),
            kr(r.forecast_budget, lang),
            deviation(r.forecast, r.forecast_budget, lang),
            md_escape(r.report_path) or DASH,
        ]
        for r in report.budget
    ]
    rows.append(
        [
            f"**{label('sum', lang)}**",
            "",
            *(
                f"**{kr(column_sum(getattr(r, name) for r in report.budget), lang)}**"
                for name in ("granted_in_year", "report_budget", "cost", "forecast", "forecast_budget")
            ),
            "",
            "",
        ]
    )
    out += _table(
        [
            label("project", lang),
            label("title_col", lang),
            label("granted_in_year", lang),
            label("report_budget", lang),
            label("cost", lang),
            label("forecast", lang),
            label("forecast_budget", lang),
            label("deviation", lang),
            label("file", lang),
        ],
        rows,
        "llrrrrrrl",
    )
    return out


def _contributions(report: BoardReport, lang: str) -> list[str]:
    association = report.portfolio.association
    total = association.total_contributions
    out = [
        f"## {label('contributions', lang)}",
        "",
        label("contributions_lead", lang, total=format_kr(total, lang)),
        "",
    ]
    rows = [
        [
            group_name(g.group, lang),
            format_kr(g.amount, lang),
            format_share(g.share, lang),
            format_share(g.legal_share, lang),
            format_kr(round_half_up(g.expected), lang),
        ]
        for g in report.groups
    ]
    rows.append([f"**{label('sum', lang)}**", f"**{format_kr(total, lang)}**", "", "", ""])
    out += _table(
        [
            label("group", lang),
            label("amount", lang),
            label("share_of_total", lang),
            label("legal_share", lang),
            label("legal_amount", lang),
        ],
        rows,
        "lrrrr",
    )
    rows = [
        [
            md_escape(m.name),
            md_escape(m.id),
            kind_name(m.kind, lang),
            format_kr(m.amount, lang),
            format_share(m.share, lang),
            DASH if m.population is None else format_number(m.population, lang),
            DASH if m.expected is None else format_kr(round_half_up(m.expected), lang),
        ]
        for m in report.members
    ]
    out += _table(
        [
            label("member", lang),
            label("id", lang),
            label("kind", lang),
            label("amount", lang),
            label("share_of_total", lang),
            label("population", lang),
            label("by_population", lang),
        ],
        rows,
        "lllrrrr",
    )
    out += [_source(lang, "association.toml"), ""]
    return out


def round_half_up(value: Fraction) -> int:
    """Whole kronor, rounded half-up (away from zero) as everywhere in the reports."""
    whole = math.floor(abs(value) + Fraction(1, 2))
    return whole if value >= 0 else -whole


def finance_rows(report: BoardReport, lang: str) -> list[tuple[str, str]]:
    """The balance as (item, amount) rows, shared by Markdown and HTML."""
    b = report.balance
    rows = [
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
    ]
    start, end = ratio(b.equity_at_start, b.contributions), ratio(b.equity_at_end, b.contributions)
    rows.append((label("fin_share_start", lang), share_text(start, lang)))
    rows.append((label("fin_share_end", lang), share_text(end, lang)))
    return rows


def balance_text(report: BoardReport, lang: str) -> str:
    """One sentence: in balance with the margin, or over-committed by how much."""
    margin = report.balance.margin
    if margin >= 0:
        return label("in_balance", lang, margin=format_kr(margin, lang))
    return label("out_of_balance", lang, margin=format_kr(-margin, lang))


def _finances(report: BoardReport, lang: str) -> list[str]:
    out = [
        f"## {label('finances', lang)}",
        "",
        label("finances_lead", lang) + " " + balance_text(report, lang),
        "",
    ]
    out += _table(
        [label("item", lang), label("value", lang)],
        [[item, value] for item, value in finance_rows(report, lang)],
        "lr",
    )
    paths = application_paths(report)
    out += [_source(lang, "association.toml", *(paths.get(a.id, "") for a in report.running)), ""]
    return out


__all__ = ["LABELS", "label", "render", "report_title"]
