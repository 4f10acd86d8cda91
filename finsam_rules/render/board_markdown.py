"""The board report as Markdown, for meeting papers and for reading in a repository.

The same sections and figures as the HTML and JSON reports, led by what the board must
decide or know: then the plan's goals, a verdict per application and report with its
findings, municipal coverage, outcomes against the target with the counting method,
participants by gender, budget against cost and forecast, contributions against the legal
shares, equity and balance, and files that could not be read. Every table names the file(s)
its figures come from.

Every figure comes from the board model (:mod:`finsam_rules.board`) and every word from the
board vocabulary (:mod:`finsam_rules.render.board_words`); this module only lays them out.
Text from input files (names, titles, ids, paths, messages) goes through
:func:`~finsam_rules.render.markup.md_escape`.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from itertools import chain
from typing import IO

from finsam_rules.board import BoardReport, Goal
from finsam_rules.engine import Evaluation
from finsam_rules.formatting import format_kr, format_number, format_share
from finsam_rules.i18n import t
from finsam_rules.render.board_words import (
    DASH,
    balance_text,
    budget_text,
    codes_text,
    decision_text,
    finance_rows,
    finding_message,
    gender_cells,
    goal_text,
    goals_summary,
    group_name,
    kind_name,
    kr,
    label,
    method_parts,
    method_text,
    number,
    outcome_calculation,
    outcome_status_text,
    overdue_headings,
    overdue_rows,
    period_text,
    policy_text,
    prep_summary,
    problem_lines,
    report_title,
    share_text,
    signed_kr,
    verdict_text,
    verdicts_summary,
)
from finsam_rules.render.common import severity_label
from finsam_rules.render.markup import md_escape

# -- Markdown ---------------------------------------------------------------------------------

#: A line of the report: a text, or the pieces of one long line, written one after another.
Line = str | Iterator[str]


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
    text = io.StringIO()
    write(report, lang, text)
    return text.getvalue()


def write(report: BoardReport, lang: str, out: IO[str]) -> None:
    """Write the board report as Markdown text to ``out``, one section at a time (the same
    text as :func:`render`, never held whole)."""
    first = True
    for lines in _parts(report, lang):
        for line in lines:  # line by line: a decision naming thousands of messages is one line
            if not first:
                out.write("\n")
            if isinstance(line, str):
                out.write(line)
            else:  # a line made piece by piece (a goal naming thousands of findings)
                for piece in line:
                    out.write(piece)
            first = False


def _parts(report: BoardReport, lang: str) -> Iterator[Iterable[Line]]:
    """The lines of the report, section by section."""
    pf = report.portfolio
    association = pf.association
    out: list[str] = [f"# {md_escape(report_title(report, lang))}", ""]
    balance = report.balance
    errors = problem_lines(report, lang)
    out += [
        f"{label('org_number', lang)}: {md_escape(association.org_number)}  ",
        f"{label('as_of', lang)}: {report.as_of.isoformat()}  ",
        f"{label('policy', lang)}: {md_escape(policy_text(report))}  ",
        f"{label('inputs', lang)}: "
        + md_escape(label("inputs_text", lang, apps=len(report.applications), reports=len(report.reports))),
        "",
    ]
    if errors:
        out += [
            "> **"
            + label("errors_warning", lang, count=len(errors), section=label("input_errors", lang))
            + "**",
            "",
        ]

    out += _decisions(report, lang)
    out += [
        f"## {label('summary', lang)}",
        "",
        f"- {label('goals', lang)}: {goals_summary(report, lang)}",
        f"- {label('applications', lang)}: {verdicts_summary(report.application_verdicts, lang)}",
        f"- {label('reports', lang)}: {verdicts_summary(report.report_verdicts, lang, reports=True)}",
    ]
    if report.prep is not None:
        out.append(f"- {label('prep', lang)}: {prep_summary(report, lang)}")
    if balance is not None:
        out.append(
            "- "
            + label(
                "money_summary",
                lang,
                contributions=format_kr(balance.contributions, lang),
                committed=format_kr(balance.committed, lang),
                margin=format_kr(balance.margin, lang),
                equity=format_kr(balance.equity_at_end, lang),
            )
        )
    out.append("")
    yield out

    # The goals, then the sections with charts, then the detail per document.
    for section in (
        _goals,
        _outcomes,
        _budget,
        _finances,
        _gender,
        _coverage,
        _contributions,
        _overdue,
        _applications,
        _reports,
    ):
        yield section(report, lang)
    out = []
    if errors:
        out += [f"## {label('input_errors', lang)}", ""]
        for path, lines in errors:
            out.append(f"- **{md_escape(path)}**")
            out += [f"  - {md_escape(line)}" for line in lines]
        out.append("")
    out += ["---", "", f"_{label('footer', lang)}_", ""]
    yield out


#: Texts longer than this are escaped a part at a time (:func:`_escape_long`).
_LONG = 1 << 16


def _escape_long(text: str) -> str:
    """:func:`md_escape` of ``text``, escaped a part at a time when it is long (a goal not met
    names each of thousands of findings): the parts end at runs of whitespace, which
    ``md_escape`` makes one space between words anyway, and every other step of it acts on
    single characters, so the text is the same; but the words of the whole text are never
    held at once."""
    if len(text) <= _LONG:
        return md_escape(text)
    parts: list[str] = []
    start = 0
    while start < len(text):
        end = min(start + _LONG, len(text))
        while end < len(text) and not text[end].isspace():
            end += 1
        part = text[start:end]
        if part.strip():
            parts.append(md_escape(part))
        while end < len(text) and text[end].isspace():
            end += 1
        start = end
    return " ".join(parts)


def _decisions(report: BoardReport, lang: str) -> list[str]:
    """What the board must decide or know, one sentence each with its rule codes and files."""
    out = [f"## {label('decisions', lang)}", "", label("decisions_lead", lang), ""]
    if not report.decisions:
        return [*out, label("decisions_none", lang), ""]
    for d in report.decisions:
        trace = ", ".join([*d.codes, *d.files])
        out.append(
            f"- {_escape_long(decision_text(d, lang))}" + (f" _({md_escape(trace)})_" if trace else "")
        )
    return [*out, ""]


def _overdue(report: BoardReport, lang: str) -> list[str]:
    """The reports owed and not received by the report's date."""
    out = [f"## {label('overdue_reports', lang)}", "", label("overdue_lead", lang, as_of=report.as_of), ""]
    rows = overdue_rows(report, lang)
    if not rows:
        return [*out, label("overdue_none", lang, as_of=report.as_of), ""]
    cells = [[*(md_escape(c) for c in row[:4]), str(row[4])] for row in rows]
    return out + _table(overdue_headings(lang), cells, "llllr")


def _goals(report: BoardReport, lang: str) -> list[Line]:
    out: list[Line] = [
        f"## {label('goals', lang)}",
        "",
        _source(lang, label("goals_source", lang, policy=policy_text(report))),
        "",
    ]
    if not report.goals:
        return [*out, label("none", lang), ""]
    head = [label("status", lang), t("code", lang), label("goal", lang), label("figures", lang)]
    out += _table([*head, label("rule_source", lang)], [])[:2]
    out += [_goal_row(goal, lang) for goal in report.goals]
    return [*out, ""]


def _goal_row(goal: Goal, lang: str) -> Iterator[str]:
    """A goal's table row, piece by piece: its messages (thousands, for a rule comparing
    every pair of reports) escaped one at a time and never joined into one text. The row is
    the one of the messages joined by spaces and escaped whole: escaping makes each run of
    whitespace one space and acts on single characters otherwise, so each message's
    escaped words, joined by one space, are the whole text's."""
    yield f"| {goal_text(goal.status, lang)} | {goal.code} | {md_escape(goal.title[lang])} | "
    texts: Iterable[str] = (m[lang] for m in goal.messages)
    if goal.unreadable:
        texts = chain([label("unreadable_goal", lang, files=", ".join(goal.unreadable))], texts)
    if not goal.messages:
        texts = chain(texts, [DASH])
    sep = ""
    for text in texts:
        escaped = _escape_long(text)
        if escaped:
            yield sep + escaped
            sep = " "
    yield f" | {md_escape(goal.source)} |"


def _applications(report: BoardReport, lang: str) -> Iterator[str]:
    """The applications' table, then each application with its findings, one at a time."""
    yield from _application_table(report, lang)
    for row in report.applications:
        ev = row.evaluation
        yield from [
            f"### {md_escape(ev.id)} – {md_escape(ev.document.title)}",
            "",
            f"**{t('verdict', lang)}: {verdict_text(ev.verdict, lang)}** · "
            f"{t('judged_as_of', lang, date=ev.as_of)} · "
            f"{label('file', lang)}: {md_escape(row.path)}",
            "",
        ]
        yield from _findings(ev, lang)


def _application_table(report: BoardReport, lang: str) -> list[str]:
    out = [f"## {label('applications', lang)}", "", label("applications_lead", lang), ""]
    if not report.applications:
        return [*out, label("none", lang), ""]
    rows = [
        [
            md_escape(r.evaluation.id),
            md_escape(r.title),
            f"**{verdict_text(r.evaluation.verdict, lang)}**",
            codes_text(r.codes),
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
    return out


def _reports(report: BoardReport, lang: str) -> Iterator[str]:
    """The reports' table, then each report with its findings, one at a time."""
    yield from _report_table(report, lang)
    for r in report.reports:
        ev, doc = r.evaluation, r.evaluation.document
        yield from [
            f"### {md_escape(ev.id)}",
            "",
            f"**{t('verdict', lang)}: {verdict_text(ev.verdict, lang)}** · "
            f"{label(doc.kind.value, lang)} {period_text(doc)} · "
            f"{label('file', lang)}: {md_escape(r.path)}",
            "",
        ]
        if doc.comment.strip():
            yield from [f"{label('comment', lang)}: {md_escape(doc.comment)}", ""]
        yield from _findings(ev, lang)


def _report_table(report: BoardReport, lang: str) -> list[str]:
    out = [f"## {label('reports', lang)}", "", label("reports_lead", lang), ""]
    if not report.reports:
        return [*out, label("none", lang), ""]
    rows = []
    for r in report.reports:
        doc = r.evaluation.document
        rows.append(
            [
                md_escape(doc.project),
                md_escape(r.title),
                label(doc.kind.value, lang),
                period_text(doc),
                f"**{verdict_text(r.evaluation.verdict, lang)}**",
                codes_text(r.codes),
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
    return out


def _coverage(report: BoardReport, lang: str) -> list[str]:
    projects = report.projects
    out = [
        f"## {label('coverage', lang)}",
        "",
        label("coverage_lead", lang, covered=report.covered, total=len(report.coverage)),
        "",
    ]
    if report.coverage:
        header = [label("municipality", lang), *(md_escape(a.id) for a in projects), label("count", lang)]
        rows = [
            [md_escape(c.name), *("✓" if a.id in c.projects else "" for a in projects), str(len(c.projects))]
            for c in report.coverage
        ]
        out += _table(header, rows, "l" + "l" * len(projects) + "r")
    if not projects:
        out += [label("no_projects", lang), ""]
    for a in projects:
        wide = f" ({label('county_wide', lang)})" if a.county_wide else ""
        out.append(f"- {md_escape(a.id)}: {md_escape(a.title)}{wide} — {md_escape(a.path)}")
    out += ["", _source(lang, "association.toml", *(a.path for a in projects)), ""]
    return out


def _outcomes(report: BoardReport, lang: str) -> list[str]:
    out = [f"## {label('outcomes', lang)}", ""]
    if not report.outcomes:
        return [*out, label("no_outcomes", lang), ""]
    first = report.outcomes[0]
    method, counted = method_parts(first.method, lang)
    out += [
        md_escape(
            label(
                "outcomes_lead", lang, counted=counted, target=format_share(first.target, lang), method=method
            )
        )
        + " "
        + label("outcomes_met", lang, met=report.outcomes_met, total=len(report.outcomes)),
        "",
    ]
    rows = [
        [
            md_escape(r.project),
            md_escape(r.title),
            outcome_calculation(r, lang),
            share_text(r.share, lang, r.target),
            format_share(r.target, lang),
            outcome_status_text(r, lang),
            md_escape(method_text(r.method, lang)),
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
    rules = dict.fromkeys(f"{label('rule', lang)} {r.code}" for r in report.outcomes)
    out += [_source(lang, *rules, *(r.report_path for r in report.outcomes)), ""]
    return out


def _gender(report: BoardReport, lang: str) -> list[str]:
    out = [f"## {label('gender', lang)}", "", label("gender_lead", lang), ""]
    if not report.gender:
        return [*out, label("no_gender", lang), ""]
    rows = [
        [
            md_escape(r.project),
            md_escape(r.title),
            *gender_cells(r, lang),
            format_number(r.total, lang),
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
            signed_kr(r.deviation, lang),
            md_escape(r.report_path) or DASH,
        ]
        for r in report.budget
    ]
    rows.append(
        [
            f"**{label('sum', lang)}**",
            "",
            *(
                f"**{kr(value, lang)}**"
                for value in (
                    report.budget_totals.granted_in_year,
                    report.budget_totals.report_budget,
                    report.budget_totals.cost,
                    report.budget_totals.forecast,
                    report.budget_totals.forecast_budget,
                )
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
    total = report.total_contributions
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
            format_kr(g.legal_amount, lang),
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
            number(m.population, lang),
            kr(m.by_population, lang),
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


def _finances(report: BoardReport, lang: str) -> list[str]:
    out = [
        f"## {label('finances', lang)}",
        "",
        label("finances_lead", lang) + " " + balance_text(report, lang),
        "",
    ]
    rows = finance_rows(report, lang)
    if rows:
        out += _table([label("item", lang), label("value", lang)], [[i, v] for i, v in rows], "lr")
    sources = [f"{label('rule', lang)} {report.balance.code}"] if report.balance else []
    out += [_source(lang, *sources, "association.toml", *(a.path for a in report.projects)), ""]
    return out


__all__ = ["label", "render", "report_title"]
