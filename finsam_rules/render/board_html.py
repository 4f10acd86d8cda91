"""The board report as one self-contained HTML5 file for the meeting papers.

The same sections and figures as the Markdown report (its shared helpers word and count
alike), each led by its chart and followed by its table. The file has inline CSS and inline
SVG only: no JavaScript, no fonts, images or styles fetched from anywhere. A print stylesheet
gives A4 pages with sections and charts kept whole and neutral colours that read in
greyscale. Text from input files goes through :func:`~finsam_rules.render.markup.h`.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator
from fractions import Fraction
from typing import IO

from finsam_rules.board import BoardReport, GoalStatus, OutcomeStatus, VerdictCounts
from finsam_rules.engine import Evaluation, Verdict
from finsam_rules.formatting import format_kr, format_number, format_share, round_half_up
from finsam_rules.i18n import t
from finsam_rules.render import svg
from finsam_rules.render.board_words import (
    APPLICATION_VERDICTS,
    DASH,
    GOAL_MARKS,
    VERDICT_MARKS,
    balance_text,
    budget_text,
    codes_text,
    decision_text,
    finance_rows,
    finding_message,
    gender_cells,
    goals_summary,
    group_name,
    kind_name,
    kr,
    label,
    method_parts,
    method_text,
    number,
    outcome_calculation,
    outcome_mark,
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
)
from finsam_rules.render.common import VERDICT_CLASS, severity_label, verdict_label
from finsam_rules.render.markup import h
from finsam_rules.rules import FindingStatus

STYLE = """
:root { --ink: #1f2933; --muted: #52606d; --line: #d9dee4; --rule: #aab4bf; --pale: #f3f5f7;
  --accent: #27486b; }
* { box-sizing: border-box; }
html { font-size: 10.5pt; }
body { margin: 0; background: #e6e9ed; color: var(--ink); line-height: 1.45;
  font-family: "Liberation Sans", Arial, Helvetica, "DejaVu Sans", sans-serif; }
main { max-width: 210mm; margin: 20px auto; padding: 16mm 15mm 14mm; background: #fff;
  box-shadow: 0 1px 4px rgba(0, 0, 0, .15); }
h1, h2, h3, p, li, td, th, figcaption, dd { overflow-wrap: break-word; }
h1, h3, dd, td:first-child, .file, .comment, .msg, ul.findings li, ul.legend li,
.alert, .source, figcaption { overflow-wrap: anywhere; }
.doc .head > * { min-width: 0; }
header.masthead { border-bottom: 3px solid var(--accent); padding-bottom: 10px; margin-bottom: 14px; }
.kicker { margin: 0; color: var(--muted); font-size: 8.5pt; letter-spacing: .08em;
  text-transform: uppercase; }
h1 { margin: 4px 0 10px; font-size: 19pt; line-height: 1.2; font-weight: 700; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 1px 12px; margin: 0;
  font-size: 8.5pt; color: var(--muted); }
dl.meta dt { font-weight: 700; }
dl.meta dd { margin: 0; }
.alert { border: 1px solid #b56b6b; border-left-width: 5px; background: #fbefef; padding: 6px 10px;
  margin: 10px 0; font-weight: 700; }
.tiles { display: grid; grid-template-columns: repeat(4, 1fr); gap: 8px; margin: 6px 0 4px; }
.tile { border: 1px solid var(--line); border-top: 3px solid var(--accent); padding: 6px 8px 7px;
  background: var(--pale); }
.tile .k { font-size: 8pt; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
.tile .v { font-size: 14pt; font-weight: 700; line-height: 1.25; margin-top: 2px;
  font-variant-numeric: tabular-nums; }
.tile .s { font-size: 8.5pt; color: var(--muted); }
section { margin-top: 18px; }
h2 { font-size: 13.5pt; margin: 0 0 6px; padding-bottom: 3px; border-bottom: 1.5px solid var(--rule); }
h2 .n { color: var(--muted); font-weight: 400; margin-right: 6px; }
h3 { font-size: 10.5pt; margin: 0; }
p.lead { margin: 4px 0 8px; }
#decisions { border: 1px solid var(--line); border-left: 5px solid var(--accent); padding: 4px 12px 6px;
  margin: 0 0 14px; background: var(--pale); }
ul.decisions { margin: 0; padding-left: 18px; }
ul.decisions li { margin: 3px 0; overflow-wrap: anywhere; }
ul.decisions li.d-goal_not_met, ul.decisions li.d-goal_not_checkable { font-weight: 700; }
ul.decisions .trace { color: var(--muted); font-size: 8.5pt; font-weight: 400; }
figure { margin: 8px 0 10px; padding: 8px 0 4px; border-top: 1px solid var(--line);
  border-bottom: 1px solid var(--line); }
svg.chart { display: block; width: 100%; max-width: 680px; height: auto; }
figcaption, .source { font-size: 8pt; color: var(--muted); margin-top: 3px; }
.source b, figcaption b { font-weight: 700; }
table { width: 100%; border-collapse: collapse; font-size: 8.5pt; margin: 6px 0 4px; }
th { text-align: left; font-weight: 700; background: var(--pale); border-bottom: 1.5px solid var(--rule);
  padding: 4px 5px; vertical-align: bottom; }
td { border-bottom: 1px solid var(--line); padding: 3px 5px; vertical-align: top; }
tr.sum td { border-top: 1.5px solid var(--rule); border-bottom: none; font-weight: 700; }
.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.c { text-align: center; }
.nw { white-space: nowrap; }
th.num { white-space: normal; }
p.muted { font-size: 9pt; margin: 4px 0; }
.id { font-weight: 700; white-space: nowrap; }
.file { display: block; font-family: "DejaVu Sans Mono", "Liberation Mono", monospace;
  font-size: 7pt; color: var(--muted); }
.muted { color: var(--muted); }
.badge { display: inline-block; border: 1px solid; border-radius: 9px; padding: 0 8px;
  font-size: 8.5pt; font-weight: 700; white-space: nowrap; line-height: 1.55; }
.approve, .met { background: #e8f1ea; border-color: #7fa68a; color: #1d4a2a; }
.information { background: #eef2f6; border-color: #8a99aa; color: #2b3a4a; }
.revise, .not_checkable { background: #fbf2de; border-color: #c4a048; color: #574000; }
.reject, .not_met { background: #f7e5e5; border-color: #b56b6b; color: #6a1c1c; }
ul.goals { list-style: none; padding: 0; margin: 6px 0; }
ul.goals li { display: grid; grid-template-columns: 118px minmax(0, 1fr); gap: 2px 10px; padding: 6px 0;
  border-bottom: 1px solid var(--line); break-inside: avoid; }
ul.goals .what { font-weight: 700; }
ul.goals .msg { margin: 2px 0 0; font-size: 9.5pt; }
ul.goals .src { font-size: 8pt; color: var(--muted); }
.doc { border: 1px solid var(--line); border-left: 4px solid var(--rule); padding: 6px 10px;
  margin: 8px 0; break-inside: avoid; }
.doc.v-approve { border-left-color: #7fa68a; }
.doc.v-revise { border-left-color: #c4a048; }
.doc.v-reject { border-left-color: #b56b6b; }
.doc .head { display: flex; gap: 10px; align-items: baseline; justify-content: space-between; }
.doc .meta { font-size: 8pt; color: var(--muted); margin: 2px 0 4px; }
.doc .comment { font-size: 9pt; margin: 4px 0; }
ul.findings { margin: 4px 0 2px; padding-left: 0; list-style: none; font-size: 9pt; }
ul.findings li { padding: 3px 0; border-top: 1px dotted var(--line); }
.code { font-weight: 700; font-family: "DejaVu Sans Mono", "Liberation Mono", monospace;
  font-size: 8.5pt; }
.sev { display: inline-block; font-size: 7.5pt; text-transform: uppercase; letter-spacing: .04em;
  border: 1px solid var(--rule); border-radius: 3px; padding: 0 4px; margin: 0 4px; color: var(--muted); }
.sev-blocker, .sev-error { border-color: #6a1c1c; color: #6a1c1c; font-weight: 700; }
.sev-warning { border-color: #574000; color: #574000; }
.src { font-size: 7.5pt; color: var(--muted); display: block; }
.matrix td.c { font-size: 10pt; }
.scroll { overflow-x: auto; max-width: 100%; }
@media screen and (max-width: 640px) {
  main { margin: 0; padding: 14px 12px; }
  .tiles { grid-template-columns: repeat(2, 1fr); }
}
.matrix th.p { text-align: center; font-size: 7.5pt; }
ul.legend { font-size: 8pt; color: var(--muted); margin: 4px 0; padding-left: 16px; }
footer { margin-top: 20px; padding-top: 6px; border-top: 1px solid var(--rule); font-size: 7.5pt;
  color: var(--muted); }
@page { size: A4; margin: 14mm 15mm 15mm 15mm; }
@media print {
  html { font-size: 9.5pt; }
  body { background: #fff; }
  main { max-width: none; margin: 0; padding: 0; box-shadow: none; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  section { break-inside: avoid; page-break-inside: avoid; }
  section.flow { break-inside: auto; page-break-inside: auto; }
  h2, h3, .head { break-after: avoid; page-break-after: avoid; }
  figure, svg.chart, .doc, .tiles, tr, ul.goals li { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
}
"""


def _badge(verdict: Verdict, lang: str) -> str:
    return (
        f'<span class="badge {VERDICT_CLASS[verdict]}">{VERDICT_MARKS[verdict]} '
        f"{h(verdict_label(verdict, lang))}</span>"
    )


def _goal_badge(status: GoalStatus, lang: str) -> str:
    return f'<span class="badge {status.value}">{GOAL_MARKS[status]} {h(label(status.value, lang))}</span>'


def _table(header: list[tuple[str, str]], rows: list[str], cls: str = "") -> str:
    """A table from ``(text, css class)`` headers and ready ``<tr>`` rows."""
    head = "".join(f'<th class="{c}">{h(text)}</th>' if c else f"<th>{h(text)}</th>" for text, c in header)
    klass = f' class="{cls}"' if cls else ""
    return (
        f'<div class="scroll"><table{klass}><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def _table_pieces(header: list[tuple[str, str]], rows: Iterable[str]) -> Iterator[str]:
    """:func:`_table` as pieces, its rows made as they are written (a row per document)."""
    head = "".join(f'<th class="{c}">{h(text)}</th>' if c else f"<th>{h(text)}</th>" for text, c in header)
    yield f'<div class="scroll"><table><thead><tr>{head}</tr></thead><tbody>'
    yield from rows
    yield "</tbody></table></div>"


def _tr(cells: list[tuple[str, str]], cls: str = "") -> str:
    """A row from ``(html, css class)`` cells; the html must already be escaped."""
    body = "".join(f'<td class="{c}">{html}</td>' if c else f"<td>{html}</td>" for html, c in cells)
    return f'<tr class="{cls}">{body}</tr>' if cls else f"<tr>{body}</tr>"


def _project(project: str, title: str, path: str = "") -> str:
    """A project cell: id, title and the file its figures come from."""
    file = f'<span class="file">{h(path)}</span>' if path else ""
    return f'<span class="id">{h(project)}</span> {h(title)}{file}'


def _source(lang: str, *paths: str) -> str:
    shown = [p for p in paths if p]
    return f'<p class="source"><b>{h(label("source", lang))}:</b> {h(", ".join(shown))}</p>'


def _figure(chart: str, caption: str) -> str:
    return f"<figure>{chart}<figcaption>{caption}</figcaption></figure>"


def _section_pieces(
    number: int, key: str, lang: str, body: Iterable[str], flow: bool = False
) -> Iterator[str]:
    """A section as the pieces of its text (heading, each part of its body, end), so that a
    long one is written piece by piece rather than copied into one text; a body made
    piece by piece (the goals, the documents) is made as it is written."""
    cls = ' class="flow"' if flow else ""
    yield f'<section id="{key}"{cls}><h2><span class="n">{number}</span>{h(label(key, lang))}</h2>'
    yield from body
    yield "</section>"


def _label_for(project: str, title: str) -> str:
    return f"{project} {title}"


# -- sections -------------------------------------------------------------------------------------


def _header(report: BoardReport, lang: str) -> str:
    pf = report.portfolio
    association = pf.association
    meta = [
        (label("org_number", lang), association.org_number),
        (label("as_of", lang), report.as_of.isoformat()),
        (label("policy", lang), policy_text(report)),
        (
            label("inputs", lang),
            label("inputs_text", lang, apps=len(report.applications), reports=len(report.reports)),
        ),
    ]
    rows = "".join(f"<dt>{h(k)}</dt><dd>{h(v)}</dd>" for k, v in meta)
    return (
        f'<header class="masthead"><p class="kicker">{h(label("kicker", lang, year=report.year))}'
        f'</p><h1>{h(association.name)}</h1><dl class="meta">{rows}</dl></header>'
    )


def _decisions(report: BoardReport, lang: str) -> str:
    """What the board must decide or know: one sentence each, with rule codes and files."""
    if not report.decisions:
        items = f"<li>{h(label('decisions_none', lang))}</li>"
    else:
        items = "".join(
            f'<li class="d-{d.kind.value}">{h(decision_text(d, lang))}'
            + (
                f' <span class="trace">({h(", ".join([*d.codes, *d.files]))})</span>'
                if d.codes or d.files
                else ""
            )
            + "</li>"
            for d in report.decisions
        )
    return (
        f'<section id="decisions"><h2>{h(label("decisions", lang))}</h2>'
        f'<p class="lead">{h(label("decisions_lead", lang))}</p>'
        f'<ul class="decisions">{items}</ul></section>'
    )


def _overdue(report: BoardReport, lang: str) -> list[str]:
    """The reports owed and not received by the report's date."""
    body = [f'<p class="lead">{h(label("overdue_lead", lang, as_of=report.as_of))}</p>']
    rows = overdue_rows(report, lang)
    if not rows:
        return [*body, f"<p>{h(label('overdue_none', lang, as_of=report.as_of))}</p>"]
    header = [(text, "num" if i == 4 else "") for i, text in enumerate(overdue_headings(lang))]
    trs = [
        _tr([(h(due), "nw"), (h(project), ""), (h(title), ""), (h(kind), ""), (str(days), "num")])
        for due, project, title, kind, days in rows
    ]
    return [*body, _table(header, trs, "overdue")]


def _tiles(report: BoardReport, lang: str) -> str:
    counts = report.goal_counts
    b = report.balance

    def verdict_line(tally: VerdictCounts) -> str:
        return " · ".join(
            f"{tally.count(v)} {VERDICT_MARKS[v]} {verdict_label(v, lang)}" for v in APPLICATION_VERDICTS
        )

    unmet = [g.title[lang] for g in report.goals if g.status is GoalStatus.NOT_MET]
    goals_sub = goals_summary(report, lang) + (
        " — " + label("not_met", lang) + ": " + ", ".join(unmet) if unmet else ""
    )
    tiles = [
        (label("goals", lang), label("x_of_y", lang, x=counts.met, y=counts.judged), goals_sub),
        (
            label("applications", lang),
            str(report.application_verdicts.total),
            verdict_line(report.application_verdicts),
        ),
    ]
    if report.prep is not None:
        tiles.append((label("prep", lang), str(report.prep.open), prep_summary(report, lang)))
    if b is not None:
        tiles += [
            (label("fin_margin", lang).split(" (")[0], format_kr(b.margin, lang), balance_text(report, lang)),
            (
                label("fin_equity_end", lang),
                format_kr(b.equity_at_end, lang),
                label("fin_share_end", lang) + ": " + share_text(b.share_at_end, lang),
            ),
        ]
    body = "".join(
        f'<div class="tile"><div class="k">{h(k)}</div><div class="v">{h(v)}</div>'
        f'<div class="s">{h(s)}</div></div>'
        for k, v, s in tiles
    )
    return f'<div class="tiles">{body}</div>'


def _goals(report: BoardReport, lang: str) -> Iterator[str]:
    """The goals, piece by piece: a goal of thousands of findings is never one text."""
    if not report.goals:
        yield f"<p>{h(label('none', lang))}</p>"
    else:
        yield '<ul class="goals">'
        for goal in report.goals:
            yield (
                f"<li><div>{_goal_badge(goal.status, lang)}</div><div>"
                f'<div class="what"><span class="code">{h(goal.code)}</span> '
                f"{h(goal.title[lang])}</div>"
            )
            if goal.unreadable:
                why = label("unreadable_goal", lang, files=", ".join(goal.unreadable))
                yield f'<p class="msg">{h(why)}</p>'
            for m in goal.messages:
                yield f'<p class="msg">{h(m[lang])}</p>'
            yield f'<div class="src">{h(label("rule_source", lang))}: {h(goal.source)}</div></div></li>'
        yield "</ul>"
    yield _source(lang, label("goals_source", lang, policy=policy_text(report)))


def _findings(evaluation: Evaluation, lang: str) -> str:
    if not evaluation.findings:
        return f'<p class="muted">{h(t("no_findings", lang))}</p>'
    items = []
    for f in evaluation.findings:
        sev = "not-evaluated" if f.status is FindingStatus.NOT_EVALUATED else f.severity.label
        items.append(
            f'<li><span class="code">{h(f.code)}</span>'
            f'<span class="sev sev-{sev}">{h(severity_label(f, lang))}</span>'
            f"{h(finding_message(f, lang))}"
            f'<span class="src">{h(t("source", lang))}: {h(f.source.text(lang))}</span></li>'
        )
    return f'<ul class="findings">{"".join(items)}</ul>'


def _applications(report: BoardReport, lang: str) -> Iterator[str]:
    """The applications' table, then each application with its findings, one at a time."""
    yield from _application_table(report, lang)
    for r in report.applications:
        ev = r.evaluation
        yield (
            f'<article class="doc v-{VERDICT_CLASS[ev.verdict]}"><div class="head">'
            f"<h3>{h(ev.id)} – {h(ev.document.title)}</h3>{_badge(ev.verdict, lang)}</div>"
            f'<p class="meta">{h(t("judged_as_of", lang, date=ev.as_of))} · '
            f"{h(label('file', lang))}: {h(r.path)}</p>{_findings(ev, lang)}</article>"
        )


def _application_table(report: BoardReport, lang: str) -> Iterator[str]:
    yield f'<p class="lead">{h(label("applications_lead", lang))}</p>'
    if not report.applications:
        yield f"<p>{h(label('none', lang))}</p>"
        return
    rows = (
        _tr(
            [
                (_project(r.evaluation.id, r.title, r.path), ""),
                (_badge(r.evaluation.verdict, lang), ""),
                (h(codes_text(r.codes)), ""),
            ]
        )
        for r in report.applications
    )
    yield from _table_pieces(
        [
            (label("reg_no", lang) + " / " + label("title_col", lang), ""),
            (t("verdict", lang), ""),
            (label("codes", lang), ""),
        ],
        rows,
    )


def _reports(report: BoardReport, lang: str) -> Iterator[str]:
    """The reports' table, then each report with its findings, one at a time."""
    yield from _report_table(report, lang)
    for r in report.reports:
        ev, doc = r.evaluation, r.evaluation.document
        title = f" – {h(r.title)}" if r.title else ""
        comment = " ".join(doc.comment.split())
        comment_html = (
            f'<p class="comment"><b>{h(label("comment", lang))}:</b> {h(comment)}</p>' if comment else ""
        )
        yield (
            f'<article class="doc v-{VERDICT_CLASS[ev.verdict]}"><div class="head">'
            f"<h3>{h(doc.project)}{title}</h3>{_badge(ev.verdict, lang)}</div>"
            f'<p class="meta">{h(ev.id)} · {h(label(doc.kind.value, lang))} {h(period_text(doc))} · '
            f"{h(label('file', lang))}: {h(r.path)}</p>{comment_html}{_findings(ev, lang)}</article>"
        )


def _report_table(report: BoardReport, lang: str) -> Iterator[str]:
    yield f'<p class="lead">{h(label("reports_lead", lang))}</p>'
    if not report.reports:
        yield f"<p>{h(label('none', lang))}</p>"
        return
    rows = (
        _tr(
            [
                (_project(r.evaluation.document.project, r.title, r.path), ""),
                (
                    h(label(r.evaluation.document.kind.value, lang))
                    + "<br>"
                    + h(period_text(r.evaluation.document)),
                    "nw",
                ),
                (_badge(r.evaluation.verdict, lang), ""),
                (h(codes_text(r.codes)), ""),
            ]
        )
        for r in report.reports
    )
    yield from _table_pieces(
        [
            (label("project", lang), ""),
            (label("period", lang), ""),
            (t("verdict", lang), ""),
            (label("codes", lang), ""),
        ],
        rows,
    )


def _coverage(report: BoardReport, lang: str) -> list[str]:
    projects = report.projects
    lead = label("coverage_lead", lang, covered=report.covered, total=len(report.coverage))
    body = [f'<p class="lead">{h(lead)}</p>']
    if report.coverage:
        header = [
            (label("municipality", lang), ""),
            *((a.id, "p") for a in projects),
            (label("count", lang), "num"),
        ]
        rows = []
        for c in report.coverage:
            mark = "✓" if c.projects else "✗"
            rows.append(
                _tr(
                    [
                        (f"{mark} {h(c.name)}", ""),
                        *(
                            ("✓" if a.id in c.projects else '<span class="muted">·</span>', "c")
                            for a in projects
                        ),
                        (str(len(c.projects)), "num"),
                    ]
                )
            )
        body.append(_table(header, rows, "matrix"))
    if not projects:
        body.append(f"<p>{h(label('no_projects', lang))}</p>")
    items = []
    for a in projects:
        wide = f" ({h(label('county_wide', lang))})" if a.county_wide else ""
        items.append(f'<li><span class="id">{h(a.id)}</span> {h(a.title)}{wide} — {h(a.path)}</li>')
    if items:
        body.append(f'<ul class="legend">{"".join(items)}</ul>')
    body.append(_source(lang, "association.toml", *(a.path for a in projects)))
    return body


def _pct_ticks(lang: str, top: Fraction = Fraction(1)) -> list[tuple[Fraction, str]]:
    return [(top * i / 4, format_share(top * i / 4, lang)) for i in range(5)]


def _outcomes(report: BoardReport, lang: str) -> list[str]:
    if not report.outcomes:
        return [f"<p>{h(label('no_outcomes', lang))}</p>"]
    first = report.outcomes[0]
    method, counted = method_parts(first.method, lang)
    target = first.target
    lead = (
        label("outcomes_lead", lang, counted=counted, target=format_share(target, lang), method=method)
        + " "
        + label("outcomes_met", lang, met=report.outcomes_met, total=len(report.outcomes))
    )
    bars = []
    for r in report.outcomes:
        mark = outcome_mark(r)
        bars.append(
            svg.Bar(
                label=_label_for(r.project, r.title),
                value=r.share,
                text=f"{share_text(r.share, lang, r.target)} {mark}",
                detail=f"{r.project} {r.title}: {outcome_calculation(r, lang)}",
                strong=r.status is OutcomeStatus.MET,
            )
        )
    chart = svg.bar_chart(
        bars,
        title=label("outcomes", lang),
        ticks=_pct_ticks(lang),
        target=target,
        target_text=label("target_line", lang, target=format_share(target, lang)),
    )
    caption = h(
        f"{label('method', lang)}: {method_text(first.method, lang)}. "
        f"✓ {label('meets', lang)}, ✗ {label('below', lang)}."
    )
    rows = [
        _tr(
            [
                (_project(r.project, r.title, r.report_path), ""),
                (h(outcome_calculation(r, lang)), "nw"),
                (h(share_text(r.share, lang, r.target)), "num"),
                (h(format_share(r.target, lang)), "num"),
                (h(outcome_status_text(r, lang)), "nw"),
            ]
        )
        for r in report.outcomes
    ]
    table = _table(
        [
            (label("project", lang), ""),
            (label("calculation", lang), ""),
            (label("share", lang), "num"),
            (label("target", lang), "num"),
            (label("status", lang), ""),
        ],
        rows,
    )
    rules = dict.fromkeys(f"{label('rule', lang)} {r.code}" for r in report.outcomes)
    source = _source(lang, *rules, *(r.report_path for r in report.outcomes))
    return [f'<p class="lead">{h(lead)}</p>', _figure(chart, caption), table, source]


def _gender(report: BoardReport, lang: str) -> list[str]:
    if not report.gender:
        return [f"<p>{h(label('no_gender', lang))}</p>"]
    series = [
        svg.Series(label("women", lang), svg.DARK),
        svg.Series(label("men", lang), svg.MID, svg.INK),
        svg.Series(label("unknown", lang), svg.LIGHT, svg.INK),
    ]
    stacks = []
    for r in report.gender:
        texts = gender_cells(r, lang)
        stacks.append(
            svg.Stack(
                _label_for(r.project, r.title),
                (r.women, r.men, r.unknown),
                texts,
                f"n = {format_number(r.total, lang)}",
            )
        )
    chart = svg.stacked_chart(
        stacks, series, title=label("gender", lang), ticks=_pct_ticks(lang), marks=[Fraction(1, 2)]
    )
    rows = [
        _tr(
            [
                (_project(r.project, r.title, r.report_path), ""),
                *((h(cell), "num") for cell in gender_cells(r, lang)),
                (h(format_number(r.total, lang)), "num"),
            ]
        )
        for r in report.gender
    ]
    table = _table(
        [
            (label("project", lang), ""),
            (label("women", lang), "num"),
            (label("men", lang), "num"),
            (label("unknown", lang), "num"),
            (label("total", lang), "num"),
        ],
        rows,
    )
    return [
        f'<p class="lead">{h(label("gender_lead", lang))}</p>',
        _figure(chart, h(label("gender_lead", lang))),
        table,
    ]


def _budget(report: BoardReport, lang: str) -> list[str]:
    lead = f"{label('budget_lead', lang)} {budget_text(report, lang)}"
    if not report.budget:
        return [f'<p class="lead">{h(lead)}</p>', f"<p>{h(label('no_projects', lang))}</p>"]
    # Budgets are outlined, actual costs and forecasts filled; the period pair is lighter
    # than the forecast pair, so the four read apart in greyscale too.
    series = [
        svg.Series(label("report_budget", lang), "#ffffff", svg.INK, svg.MID),
        svg.Series(label("cost", lang), svg.MID, svg.INK),
        svg.Series(label("forecast_budget", lang), "#ffffff", svg.INK, svg.DARK),
        svg.Series(label("forecast", lang), svg.DARK),
    ]
    groups = []
    for r in report.budget:
        values = (r.report_budget, r.cost, r.forecast_budget, r.forecast)
        marked = tuple(i for i, over in ((1, r.cost_over_budget), (3, r.over_budget)) if over)
        texts = tuple(kr(v, lang) + (" ▲" if i in marked else "") for i, v in enumerate(values))
        groups.append(
            svg.Group(
                _label_for(r.project, r.title),
                values,
                texts,
                empty_text=f"{DASH} {label('no_report', lang)}",
                marked=marked,
            )
        )
    chart = svg.grouped_chart(
        groups, series, title=label("budget", lang), tick_format=lambda v: format_kr(round_half_up(v), lang)
    )
    rows = [
        _tr(
            [
                (_project(r.project, r.title, r.report_path), ""),
                (h(kr(r.granted_in_year, lang)), "num"),
                (h(kr(r.report_budget, lang)), "num"),
                (h(kr(r.cost, lang)), "num"),
                (h(kr(r.forecast, lang)), "num"),
                (h(kr(r.forecast_budget, lang)), "num"),
                (h(signed_kr(r.deviation, lang)), "num"),
            ]
        )
        for r in report.budget
    ]
    rows.append(
        _tr(
            [
                (h(label("sum", lang)), ""),
                *(
                    (h(kr(value, lang)), "num")
                    for value in (
                        report.budget_totals.granted_in_year,
                        report.budget_totals.report_budget,
                        report.budget_totals.cost,
                        report.budget_totals.forecast,
                        report.budget_totals.forecast_budget,
                    )
                ),
                ("", ""),
            ],
            "sum",
        )
    )
    table = _table(
        [
            (label("project", lang), ""),
            (label("granted_in_year", lang), "num"),
            (label("report_budget", lang), "num"),
            (label("cost", lang), "num"),
            (label("forecast", lang), "num"),
            (label("forecast_budget", lang), "num"),
            (label("deviation", lang), "num"),
        ],
        rows,
    )
    caption = h(label("budget_lead", lang) + " " + label("over_legend", lang))
    return [f'<p class="lead">{h(lead)}</p>', _figure(chart, caption), table]


def _contributions(report: BoardReport, lang: str) -> list[str]:
    total = report.total_contributions
    body = [f'<p class="lead">{h(label("contributions_lead", lang, total=format_kr(total, lang)))}</p>']
    legal_name = label("legal_share", lang)
    rows = [
        svg.ShareRow(
            group_name(g.group, lang),
            g.share,
            g.legal_share,
            f"{format_share(g.share, lang)} ({legal_name.lower()} {format_share(g.legal_share, lang)})",
        )
        for g in report.groups
    ]
    chart = svg.share_chart(
        rows,
        title=label("groups_chart", lang),
        share_name=label("share_of_total", lang),
        expected_name=legal_name,
        share_format=lambda v: format_share(v, lang),
    )
    body.append(_figure(chart, h(label("groups_chart", lang))))
    trs = [
        _tr(
            [
                (h(group_name(g.group, lang)), ""),
                (h(format_kr(g.amount, lang)), "num"),
                (h(format_share(g.share, lang)), "num"),
                (h(format_share(g.legal_share, lang)), "num"),
                (h(format_kr(g.legal_amount, lang)), "num"),
            ]
        )
        for g in report.groups
    ]
    trs.append(
        _tr(
            [(h(label("sum", lang)), ""), (h(format_kr(total, lang)), "num"), ("", ""), ("", ""), ("", "")],
            "sum",
        )
    )
    body.append(
        _table(
            [
                (label("group", lang), ""),
                (label("amount", lang), "num"),
                (label("share_of_total", lang), "num"),
                (label("legal_share", lang), "num"),
                (label("legal_amount", lang), "num"),
            ],
            trs,
        )
    )

    municipal = [
        (m.name, m.share_of_municipal, m.population_share)
        for m in report.members
        if m.share_of_municipal is not None and m.population_share is not None
    ]
    if municipal:
        pop_name = label("population_share", lang)
        share_rows = [
            svg.ShareRow(
                name,
                share,
                expected,
                f"{format_share(share, lang)} ({pop_name.lower()} {format_share(expected, lang)})",
            )
            for name, share, expected in municipal
        ]
        chart = svg.share_chart(
            share_rows,
            title=label("municipal_chart", lang),
            share_name=label("share_of_municipal", lang),
            expected_name=pop_name,
            share_format=lambda v: format_share(v, lang),
        )
        body.append(_figure(chart, h(label("municipal_chart", lang))))
    trs = [
        _tr(
            [
                (f'{h(m.name)} <span class="muted">({h(m.id)})</span>', ""),
                (h(kind_name(m.kind, lang)), ""),
                (h(format_kr(m.amount, lang)), "num"),
                (h(format_share(m.share, lang)), "num"),
                (h(number(m.population, lang)), "num"),
                (h(kr(m.by_population, lang)), "num"),
            ]
        )
        for m in report.members
    ]
    body.append(
        _table(
            [
                (label("member", lang), ""),
                (label("kind", lang), ""),
                (label("amount", lang), "num"),
                (label("share_of_total", lang), "num"),
                (label("population", lang), "num"),
                (label("by_population", lang), "num"),
            ],
            trs,
        )
    )
    body.append(_source(lang, "association.toml"))
    return body


def _finances(report: BoardReport, lang: str) -> list[str]:
    b = report.balance
    if b is None:
        return [f'<p class="lead">{h(balance_text(report, lang))}</p>']
    share = share_text(b.margin_share, lang)
    names = svg.BalanceNames(
        available=label("fin_available", lang).split(" (")[0],
        committed=label("fin_committed", lang),
        margin=label("chart_margin" if b.in_balance else "chart_overrun", lang),
        available_text=format_kr(b.available, lang),
        committed_text=format_kr(b.committed, lang),
        margin_text=label("chart_margin_text", lang, amount=signed_kr(b.margin, lang), share=share),
        overrun=label("chart_overrun", lang),
    )
    chart = svg.balance_chart(
        b.available,
        b.committed,
        names,
        title=label("balance_chart", lang),
        tick_format=lambda v: format_kr(round_half_up(v), lang),
    )
    rows = [_tr([(h(item), ""), (h(value), "num")]) for item, value in finance_rows(report, lang)]
    return [
        f'<p class="lead">{h(label("finances_lead", lang))} <b>{h(balance_text(report, lang))}</b></p>',
        _figure(chart, h(label("balance_chart", lang))),
        _table([(label("item", lang), ""), (label("value", lang), "num")], rows),
        _source(
            lang, f"{label('rule', lang)} {b.code}", "association.toml", *(a.path for a in report.projects)
        ),
    ]


def _errors(errors: list[tuple[str, list[str]]]) -> list[str]:
    items = "".join(
        f"<li><b>{h(path)}</b><ul>{''.join(f'<li>{h(line)}</li>' for line in lines)}</ul></li>"
        for path, lines in errors
    )
    return [f"<ul>{items}</ul>"]


def render(report: BoardReport, lang: str) -> str:
    """The board report as one self-contained HTML5 document."""
    text = io.StringIO()
    write(report, lang, text)
    return text.getvalue()


def write(report: BoardReport, lang: str, out: IO[str]) -> None:
    """Write the board report as one self-contained HTML5 document to ``out``, one section
    at a time (the same text as :func:`render`, never held whole)."""
    out.write(
        "<!DOCTYPE html>\n"
        f'<html lang="{h(lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{h(report_title(report, lang))}</title>\n"
        f"<style>{STYLE}</style>\n</head>\n<body>\n<main>\n"
    )
    for index, pieces in enumerate(_parts(report, lang)):
        if index:
            out.write("\n")
        for piece in pieces:
            out.write(piece)
    out.write("\n</main>\n</body>\n</html>\n")


def _parts(report: BoardReport, lang: str) -> Iterator[Iterable[str]]:
    """The parts of the page's main element, in order, each as the pieces of its text."""
    errors = problem_lines(report, lang)
    yield [_header(report, lang)]
    if errors:
        warning = label("errors_warning", lang, count=len(errors), section=label("input_errors", lang))
        yield [f'<p class="alert" role="alert">⚠ {h(warning)}</p>']
    yield [_decisions(report, lang)]
    yield [f'<section id="summary"><h2>{h(label("summary", lang))}</h2>{_tiles(report, lang)}</section>']
    sections: list[tuple[str, Callable[[BoardReport, str], Iterable[str]], bool]] = [
        # The goals, then the sections with charts, then the detail per document.
        ("goals", _goals, False),
        ("outcomes", _outcomes, False),
        ("budget", _budget, False),
        ("finances", _finances, False),
        ("gender", _gender, False),
        ("coverage", _coverage, False),
        ("contributions", _contributions, True),
        ("overdue_reports", _overdue, False),
        ("applications", _applications, True),
        ("reports", _reports, True),
    ]
    for n, (key, build, flow) in enumerate(sections, 1):
        yield _section_pieces(n, key, lang, build(report, lang), flow)
    if errors:
        yield _section_pieces(len(sections) + 1, "input_errors", lang, _errors(errors))
    yield [f"<footer>{h(label('footer', lang))}</footer>"]


__all__ = ["render"]
