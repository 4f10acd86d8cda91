"""The board report as JSON: the same figures as the Markdown and HTML reports."""

from __future__ import annotations

from typing import Any

from finsam_rules.board import BoardReport
from finsam_rules.formatting import round_half_up
from finsam_rules.render.common import dumps, evaluation_data, finding_data


def _share(value) -> float | None:
    return None if value is None else round(float(value), 4)


def board_data(report: BoardReport, lang: str) -> dict[str, Any]:
    """Every table of the board report as plain data."""
    pf = report.portfolio
    association = pf.association
    return {
        "format_version": 1,
        "association": {
            "name": association.name,
            "org_number": association.org_number,
            "file": "association.toml",
        },
        "year": report.year,
        "policy": {
            "name": report.policy.name,
            "files": [layer.meta.origin for layer in report.policy.layers[1:]],
        },
        "goals": [
            {
                "code": g.code,
                "title": g.title[lang],
                "status": g.status,
                "messages": [m[lang] for m in g.messages],
                "source": g.source,
            }
            for g in report.goals
        ],
        "portfolio_findings": [finding_data(f, lang) for f in report.portfolio_evaluation.findings],
        "portfolio_verdict": report.portfolio_evaluation.verdict.value,
        "applications": [evaluation_data(r.path, r.evaluation, lang) for r in report.applications],
        "reports": [evaluation_data(r.path, r.evaluation, lang) for r in report.reports],
        "coverage": {
            "municipalities": [
                {"id": m.id, "name": m.name, "projects": report.coverage.get(m.id, [])}
                for m in association.municipalities
            ],
            "projects": [a.id for a in report.running],
        },
        "outcomes": [
            {
                "project": r.project,
                "title": r.title,
                "report": r.report,
                "file": r.report_path,
                "successes": r.successes,
                "denominator": r.denominator,
                "share": _share(r.share),
                "target": _share(r.target),
                "method": r.method[lang],
                "consistent": r.consistent,
            }
            for r in report.outcomes
        ],
        "gender": [
            {
                "project": r.project,
                "title": r.title,
                "women": r.women,
                "men": r.men,
                "unknown": r.unknown,
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
                "file": r.report_path,
            }
            for r in report.budget
        ],
        "contributions": {
            "groups": [
                {
                    "group": g.group,
                    "amount": g.amount,
                    "share": _share(g.share),
                    "legal_share": _share(g.legal_share),
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
                    "expected_by_population": None if m.expected is None else round_half_up(m.expected),
                }
                for m in report.members
            ],
            "total": association.total_contributions,
        },
        "finances": {
            "contributions": report.balance.contributions,
            "equity_at_start": report.balance.equity_at_start,
            "reserve": report.balance.reserve,
            "granted_in_year": report.balance.granted,
            "administration": report.balance.administration,
            "available": report.balance.available,
            "committed": report.balance.committed,
            "margin": report.balance.margin,
            "equity_at_end": report.balance.equity_at_end,
        },
        "input_errors": [{"path": str(e.path), "problems": e.lines(lang)} for e in pf.errors],
    }


def render(report: BoardReport, lang: str) -> str:
    """The board report as stable JSON text."""
    return dumps(board_data(report, lang)) + "\n"
