"""The board report as JSON: every figure of the board model, as data.

The same model as the Markdown and HTML reports (:mod:`finsam_rules.board`): statuses as
their enum values, paths relative to the portfolio, shares as exact fractions and rounded
to four decimals, input errors in the shape of ``screen --format json``'s ``errors``, and
the counting method as fields.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterable
from fractions import Fraction
from typing import IO, Any

from finsam_rules.board import BoardReport, CountingMethod, Decision, UnreadableFile
from finsam_rules.engine import Verdict
from finsam_rules.render.board_words import decision_text
from finsam_rules.render.common import evaluation_data, finding_data
from finsam_rules.sanitize import json_safe

#: Version 2: ``decisions``, ``goal_counts``, ``budget_totals`` and the coverage counts are
#: new; goal ``status`` is joined by ``unreadable``; ``outcomes[].method`` is an object;
#: ``input_errors`` has the shape of ``screen``'s ``errors``; ``finances`` may be null.
FORMAT_VERSION = 2


def _share(value: Fraction | None) -> float | None:
    return None if value is None else round(float(value), 4)


def _method(method: CountingMethod) -> dict[str, Any]:
    return {
        "denominator": method.denominator,
        "exclude_deceased": method.exclude_deceased,
        "counted_outcomes": list(method.counted),
    }


def _error(error: UnreadableFile, lang: str) -> dict[str, Any]:
    return {
        "path": error.path,
        "problems": [{"key": p.path, "code": p.code, "message": p.message(lang)} for p in error.problems],
    }


def _decision(decision: Decision, lang: str) -> dict[str, Any]:
    data: dict[str, Any] = {
        "kind": decision.kind.value,
        "text": decision_text(decision, lang),
        "codes": list(decision.codes),
        "files": list(decision.files),
    }
    if decision.subject:
        data["subject"] = decision.subject
    if decision.more:
        data["more"] = decision.more
    if decision.projects:
        data["projects"] = list(decision.projects)
    if decision.amount is not None:
        data["amount"] = decision.amount
    if decision.verdicts is not None:
        data["verdicts"] = {v.value: list(decision.verdicts.ids(v)) for v in Verdict}
    return data


class _Items:
    """A list of the board data made item by item when it is written (the documents and
    their findings), so the whole list is never held as data or text."""

    __slots__ = ("make",)

    def __init__(self, make: Callable[[], Iterable[Any]]) -> None:
        self.make = make


def board_data(report: BoardReport, lang: str) -> dict[str, Any]:
    """Every table of the board report as plain data."""
    return {
        key: list(value.make()) if isinstance(value, _Items) else value
        for key, value in _board(report, lang).items()
    }


def _board(report: BoardReport, lang: str) -> dict[str, Any]:
    """The board data, its long lists as :class:`_Items`."""
    association = report.portfolio.association
    b = report.balance
    t = report.budget_totals
    data: dict[str, Any] = {
        "format_version": FORMAT_VERSION,
        "association": {
            "name": association.name,
            "org_number": association.org_number,
            "file": "association.toml",
        },
        "year": report.year,
        "as_of": report.as_of.isoformat(),
        "policy": {"name": report.policy.name, "files": list(report.policy_files)},
        "decisions": _Items(lambda: (_decision(d, lang) for d in report.decisions)),
        "goals": _Items(
            lambda: (
                {
                    "code": g.code,
                    "title": g.title[lang],
                    "status": g.status.value,
                    "messages": [m[lang] for m in g.messages],
                    "source": g.source,
                    "unreadable": list(g.unreadable),
                }
                for g in report.goals
            )
        ),
        "goal_counts": {
            "met": report.goal_counts.met,
            "not_met": report.goal_counts.not_met,
            "not_checkable": report.goal_counts.not_checkable,
            "information": report.goal_counts.information,
            "judged": report.goal_counts.judged,
        },
        "portfolio_findings": _Items(
            lambda: (finding_data(f, lang) for f in report.portfolio_evaluation.findings)
        ),
        "portfolio_verdict": report.portfolio_evaluation.verdict.value,
        "applications": _Items(
            lambda: (evaluation_data(r.path, r.evaluation, lang) for r in report.applications)
        ),
        "reports": _Items(lambda: (evaluation_data(r.path, r.evaluation, lang) for r in report.reports)),
        "coverage": {
            "municipalities": [
                {"id": c.id, "name": c.name, "projects": list(c.projects)} for c in report.coverage
            ],
            "projects": [a.id for a in report.projects],
            "covered": report.covered,
            "total": len(report.coverage),
        },
        "outcomes": [
            {
                "project": r.project,
                "title": r.title,
                "report": r.report,
                "file": r.report_path,
                "rule": r.code,
                "successes": r.successes,
                "denominator": r.denominator,
                "share": _share(r.share),
                "target": _share(r.target),
                "method": _method(r.method),
                "status": r.status.value,
                "consistent": r.consistent,
            }
            for r in report.outcomes
        ],
        "outcomes_met": report.outcomes_met,
        "overdue_reports": [
            {
                "project": o.project,
                "title": o.title,
                "kind": o.kind,
                "due": o.due.isoformat(),
                "overdue_days": o.days,
                "ended_without_report": o.ended_without_report,
            }
            for o in report.overdue_reports
        ],
        "gender": [
            {
                "project": r.project,
                "title": r.title,
                "women": r.women,
                "men": r.men,
                "unknown": r.unknown,
                "total": r.total,
                "women_share": _share(r.women_share),
                "men_share": _share(r.men_share),
                "unknown_share": _share(r.unknown_share),
                "file": r.report_path,
            }
            for r in report.gender
        ],
        "budget": [
            {
                "project": r.project,
                "title": r.title,
                "granted_in_year": r.granted_in_year,
                "report_budget": r.report_budget,
                "cost": r.cost,
                "forecast": r.forecast,
                "forecast_budget": r.forecast_budget,
                "deviation": r.deviation,
                "over_budget": r.over_budget,
                "file": r.report_path,
            }
            for r in report.budget
        ],
        "budget_totals": {
            "granted_in_year": t.granted_in_year,
            "report_budget": t.report_budget,
            "cost": t.cost,
            "forecast": t.forecast,
            "forecast_budget": t.forecast_budget,
            "over_budget": list(t.over_budget),
            "over_budget_sum": t.over_budget_sum,
        },
        "contributions": {
            "groups": [
                {
                    "group": g.group,
                    "amount": g.amount,
                    "share": _share(g.share),
                    "legal_share": _share(g.legal_share),
                    "legal_amount": g.legal_amount,
                }
                for g in report.groups
            ],
            "members": [
                {
                    "id": m.id,
                    "name": m.name,
                    "kind": m.kind.value,
                    "amount": m.amount,
                    "share": _share(m.share),
                    "population": m.population,
                    "expected_by_population": m.by_population,
                }
                for m in report.members
            ],
            "total": report.total_contributions,
        },
        "finances": None
        if b is None
        else {
            "rule": b.code,
            "contributions": b.contributions,
            "equity_at_start": b.equity_at_start,
            "reserve": b.reserve,
            "usable_equity": b.usable_equity,
            "granted_in_year": b.granted,
            "administration": b.administration,
            "available": b.available,
            "committed": b.committed,
            "margin": b.margin,
            "in_balance": b.in_balance,
            "equity_at_end": b.equity_at_end,
            "share_at_start": _share(b.share_at_start),
            "share_at_end": _share(b.share_at_end),
            "margin_share": _share(b.margin_share),
        },
        "input_errors": [_error(e, lang) for e in report.unreadable],
    }
    if report.prep is not None:
        # Only with a beredning.toml: the prep group's open, answered and waived findings.
        data["prep"] = report.prep.data()
    return data


#: The encoder of :func:`finsam_rules.render.common.dumps` (stable JSON), text made piece by piece.
_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, indent=2)
#: How much JSON text is gathered before it is written.
_BATCH = 1 << 16


def _write_value(value: Any, depth: int, out: IO[str]) -> None:
    """Write ``value`` as stable JSON text (as :func:`~finsam_rules.render.common.dumps`
    writes it), indented as it stands ``depth`` levels deep, in batches of text: a long
    list of messages is never held as one text. JSON text has no raw line break inside a
    string, so each line break is where a deeper line starts, and the characters
    :func:`json_safe` escapes only occur inside strings."""
    pad = "\n" + "  " * depth
    batch: list[str] = []
    size = 0
    for piece in _ENCODER.iterencode(value):
        batch.append(piece)
        size += len(piece)
        if size >= _BATCH:
            _write_text(json_safe("".join(batch)).replace("\n", pad), out)
            batch, size = [], 0
    _write_text(json_safe("".join(batch)).replace("\n", pad), out)


def _write_text(text: str, out: IO[str]) -> None:
    """Write ``text`` in slices, so that a long one (a decision naming thousands of
    messages) is not copied whole again on its way to the file."""
    for start in range(0, len(text), _BATCH):
        out.write(text[start : start + _BATCH])


def write(report: BoardReport, lang: str, out: IO[str]) -> None:
    """Write the board report as stable JSON text to ``out``, section by section and each
    document by itself: the same bytes as ``dumps(board_data(report, lang))`` and a line
    break, without holding the whole text or data."""
    data = _board(report, lang)
    for number, key in enumerate(sorted(data)):
        out.write(("{\n  " if number == 0 else ",\n  ") + json.dumps(key, ensure_ascii=False) + ": ")
        value = data[key]
        if not isinstance(value, _Items):
            _write_value(value, 1, out)
            continue
        empty = True
        for item in value.make():
            out.write("[\n    " if empty else ",\n    ")
            _write_value(item, 2, out)
            empty = False
        out.write("[]" if empty else "\n  ]")
    out.write("\n}\n" if data else "{}\n")


def render(report: BoardReport, lang: str) -> str:
    """The board report as stable JSON text."""
    text = io.StringIO()
    write(report, lang, text)
    return text.getvalue()
