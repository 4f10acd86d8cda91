"""The board report's wording helpers, for every board format.

The words themselves are the ``board.*`` keys of the one catalogue,
:data:`finsam_rules.i18n.TEXTS`; :func:`label` is :func:`finsam_rules.i18n.t` for those keys
(a key with a ``_one`` variant is used for a count of one, so plural forms read right:
"1 projekt har …", "1 project forecasts …", never "project(s)").
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
from finsam_rules.formatting import format_kr, format_number, format_share
from finsam_rules.i18n import enum_word, t
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
    return t(f"board.{key}", lang, **values)


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
    return f"{GOAL_MARKS[status]} {enum_word(status, lang)}"


def kind_name(kind: MemberKind, lang: str) -> str:
    """A member kind in words."""
    return enum_word(kind, lang)


def group_name(group: str, lang: str) -> str:
    """ "Staten (FK och AF)", "Regionen", "Kommunerna"."""
    return t(f"group.{group}", lang)


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
    deceased = label("deceased_excluded", lang)
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
    return ", ".join(items[:-1]) + t("list.and", lang) + items[-1]


def decision_text(decision: Decision, lang: str) -> str:
    """One sentence per decision, with its figures (plain text, not escaped)."""
    from finsam_rules.board import DecisionKind

    kind = decision.kind
    message = " ".join(m[lang] for m in decision.messages)
    if decision.more:
        message += " " + t("board.d_more", lang, count=decision.more)
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
