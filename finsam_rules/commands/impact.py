"""``finsam policy impact`` and ``finsam record impact``: what a new policy would change.

The comparison itself is :mod:`finsam_rules.impact`; this module loads the policies, runs
it and writes text, Markdown or JSON: counts first, details after.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from finsam_rules.console import echo
from finsam_rules.failures import EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE, Failure
from finsam_rules.i18n import t
from finsam_rules.render.common import dumps, verdict_label
from finsam_rules.rules import SEVERITY_NAMES, Severity

if TYPE_CHECKING:
    from finsam_rules.impact import FindingChange, Impact
    from finsam_rules.plugins import Registry
    from finsam_rules.policy import Policy

#: The version of the JSON written by both commands.
IMPACT_FORMAT_VERSION = 1


def word(key: str, lang: str, **values: Any) -> str:
    """A word of these commands in the chosen language."""
    return t(f"impact.{key}", lang, **values)


def _severity(label: str, lang: str) -> str:
    try:
        return SEVERITY_NAMES[Severity.parse(label)][lang]
    except ValueError:
        return label


def _state(change: FindingChange, lang: str) -> str:
    severity = _severity(change.meaning.severity, lang)
    if change.meaning.status == "not_evaluated":
        return f"{severity}, {word('not_evaluated', lang)}"
    return severity


def _verdict(verdict: Any, lang: str) -> str:
    return verdict_label(verdict, lang)


def _where(kind: str, path: str, lang: str) -> str:
    """``(rapport, reports/x.toml)``: the document's kind, when known, and its file."""
    return f"({word(kind, lang)}, {path})" if kind in ("application", "report") else f"({path})"


def impact_data(impact: Impact, lang: str, kind: str) -> dict[str, Any]:
    """The impact as the documented JSON object."""
    by_code = impact.counts_by_code()
    return {
        "format_version": IMPACT_FORMAT_VERSION,
        "kind": kind,
        "lang": lang,
        "from": impact.before,
        "to": impact.after,
        "changed": impact.changed,
        "counts": {
            "documents": impact.documents,
            "goals": impact.goals,
            "flips": len(impact.flips),
            "goal_flips": len(impact.goal_flips),
            "findings_appear": sum(a for a, _ in by_code.values()),
            "findings_disappear": sum(d for _, d in by_code.values()),
            "by_code": {code: {"appear": a, "disappear": d} for code, (a, d) in by_code.items()},
            "unreadable": len(impact.unreadable),
        },
        "flips": [
            {
                "document": f.document,
                "path": f.path,
                "kind": f.kind,
                "from": f.before.value,
                "to": f.after.value,
                "from_label": _verdict(f.before, lang),
                "to_label": _verdict(f.after, lang),
            }
            for f in impact.flips
        ],
        "goal_flips": [
            {
                "portfolio": g.portfolio,
                "year": g.year,
                "code": g.code,
                "title": g.title[lang],
                "from": g.before,
                "to": g.after,
            }
            for g in impact.goal_flips
        ],
        "findings": [
            {
                "document": c.document,
                "path": c.path,
                "change": c.change,
                "code": c.meaning.code,
                "severity": c.meaning.severity,
                "status": c.meaning.status,
                "subject": c.meaning.subject,
                "figures": json.loads(c.meaning.figures),
                "message": c.messages.get(lang, ""),
            }
            for c in impact.findings
        ],
        "unreadable": [{"path": u.path, "lines": list(u.lines[lang])} for u in impact.unreadable],
        "notes": [{"path": u.path, "lines": list(u.lines[lang])} for u in impact.notes],
    }


def _flip_title(kind: str) -> str:
    return "records_flips" if kind == "record_impact" else "flips"


def render_text(impact: Impact, lang: str, kind: str) -> str:
    """Counts first, then the documents, goals and findings that change."""
    title = word("record_title" if kind == "record_impact" else "policy_title", lang)
    before = word("records", lang) if impact.before == "records" else impact.before
    lines = [f"{title}: {before} -> {impact.after}"]
    if kind == "record_impact":
        lines.append(word("replayed", lang, documents=impact.documents))
    else:
        lines.append(word("judged", lang, documents=impact.documents, goals=impact.goals))
    by_code = impact.counts_by_code()
    lines.append(f"{word(_flip_title(kind), lang)}: {len(impact.flips)}")
    if kind != "record_impact":
        lines.append(f"{word('goal_flips', lang)}: {len(impact.goal_flips)}")
    per_code = ", ".join(f"{c} +{a} −{d}" for c, (a, d) in by_code.items())
    lines.append(f"{word('findings', lang)}: {per_code or '0'}")
    if impact.unreadable:
        lines.append(f"{word('unreadable', lang)}: {len(impact.unreadable)}")
    if not impact.changed:
        lines.append(word("no_change", lang))
    if impact.flips:
        lines += ["", word(_flip_title(kind), lang)]
        for f in impact.flips:
            lines.append(
                f"  {f.document} {_where(f.kind, f.path, lang)}: "
                f"{_verdict(f.before, lang)} -> {_verdict(f.after, lang)}"
            )
    if impact.goal_flips:
        lines += ["", word("goal_flips", lang)]
        for g in impact.goal_flips:
            lines.append(
                f"  {g.code} {g.title[lang]} ({g.portfolio}, {g.year}): "
                f"{word(g.before, lang)} -> {word(g.after, lang)}"
            )
    if impact.findings:
        lines += ["", word("details", lang)]
        for c in impact.findings:
            sign = "+" if c.change == "appears" else "−"
            subject = f" [{c.meaning.subject}]" if c.meaning.subject else ""
            message = c.messages.get(lang, "")
            lines.append(f"  {sign} {c.meaning.code} ({_state(c, lang)}) {c.document}{subject}: {message}")
    for key, items in (("unreadable", impact.unreadable), ("notes", impact.notes)):
        if items:
            lines += ["", word(key, lang)]
            lines += [f"  {line}" for u in items for line in u.lines[lang]]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(impact: Impact, lang: str, kind: str) -> str:
    """The same as :func:`render_text`, as Markdown tables."""
    title = word("record_title" if kind == "record_impact" else "policy_title", lang)
    before = word("records", lang) if impact.before == "records" else impact.before
    out = [f"# {title}", "", f"`{before}` -> `{impact.after}`", ""]
    if kind == "record_impact":
        out.append(word("replayed", lang, documents=impact.documents))
    else:
        out.append(word("judged", lang, documents=impact.documents, goals=impact.goals))
    out.append("")
    out.append(f"- {word(_flip_title(kind), lang)}: {len(impact.flips)}")
    if kind != "record_impact":
        out.append(f"- {word('goal_flips', lang)}: {len(impact.goal_flips)}")
    by_code = impact.counts_by_code()
    out.append(f"- {word('findings', lang)}: {sum(a + d for a, d in by_code.values())}")
    if impact.unreadable:
        out.append(f"- {word('unreadable', lang)}: {len(impact.unreadable)}")
    if not impact.changed:
        out += ["", word("no_change", lang)]
    if by_code:
        head = f"| {word('code', lang)} | {word('appear', lang)} | {word('disappear', lang)} |"
        out += ["", head, "|---|---:|---:|"]
        out += [f"| {code} | {a} | {d} |" for code, (a, d) in by_code.items()]
    if impact.flips:
        out += ["", f"## {word(_flip_title(kind), lang)}", ""]
        out += [f"| {word('document', lang)} | {word('from', lang)} | {word('to', lang)} |", "|---|---|---|"]
        for f in impact.flips:
            out.append(
                f"| {_cell(f.document)} {_cell(_where(f.kind, f.path, lang))} | "
                f"{_verdict(f.before, lang)} | {_verdict(f.after, lang)} |"
            )
    if impact.goal_flips:
        out += ["", f"## {word('goal_flips', lang)}", ""]
        out += [f"| {word('goal', lang)} | {word('from', lang)} | {word('to', lang)} |", "|---|---|---|"]
        for g in impact.goal_flips:
            goal = f"{g.code} {_cell(g.title[lang])} ({g.year})"
            out.append(f"| {goal} | {word(g.before, lang)} | {word(g.after, lang)} |")
    if impact.findings:
        out += ["", f"## {word('details', lang)}", ""]
        for c in impact.findings:
            sign = "+" if c.change == "appears" else "−"
            subject = f" [{_cell(c.meaning.subject)}]" if c.meaning.subject else ""
            out.append(
                f"- {sign} **{c.meaning.code}** ({_state(c, lang)}) {_cell(c.document)}{subject}: "
                f"{_cell(c.messages.get(lang, ''))}"
            )
    for key, items in (("unreadable", impact.unreadable), ("notes", impact.notes)):
        if items:
            out += ["", f"## {word(key, lang)}", ""]
            out += [f"- {_cell(line)}" for u in items for line in u.lines[lang]]
    return "\n".join(out) + "\n"


def render(impact: Impact, fmt: str, lang: str, kind: str) -> str:
    """The impact in ``text``, ``markdown`` or ``json``."""
    if fmt == "json":
        return dumps(impact_data(impact, lang, kind)) + "\n"
    if fmt == "markdown":
        return render_markdown(impact, lang, kind)
    return render_text(impact, lang, kind)


def exit_code(impact: Impact) -> int:
    """3 when an input could not be read, else 1 when anything changes, else 0."""
    if impact.unreadable:
        return EXIT_UNREADABLE
    return EXIT_FINDINGS if impact.changed else EXIT_OK


def _load(registry: Registry, path: Path | None, lang: str) -> Policy:
    from finsam_rules.errors import PolicyError
    from finsam_rules.policy import load_policy

    try:
        return load_policy(registry, path)
    except PolicyError as exc:
        raise Failure([exc.line(lang)]) from None


def _arg(value: Path) -> Path | None:
    return None if str(value) == "standard" else value


def run_policy_impact(
    *, old: Path, new: Path, paths: list[Path], as_of: dt.date | None, fmt: str, lang: str, registry: Registry
) -> int:
    """``finsam policy impact``: write the impact and return the exit code."""
    from finsam_rules.impact import policy_impact

    before, after = _load(registry, _arg(old), lang), _load(registry, _arg(new), lang)
    impact = policy_impact(registry, before, after, paths, as_of, old_name=str(old), new_name=str(new))
    echo(render(impact, fmt, lang, "policy_impact"), nl=False)
    for u in impact.unreadable:
        for line in u.lines[lang]:
            echo(line, err=True)
    sys.stdout.flush()
    return exit_code(impact)


def run_record_impact(*, new: Path, records: list[Path], fmt: str, lang: str, registry: Registry) -> int:
    """``finsam record impact``: write the replay and return the exit code."""
    from finsam_rules.impact import record_impact

    policy = _load(registry, _arg(new), lang)
    impact = record_impact(registry, policy, records, new_name=str(new))
    echo(render(impact, fmt, lang, "record_impact"), nl=False)
    for u in impact.unreadable:
        for line in u.lines[lang]:
            echo(line, err=True)
    return exit_code(impact)
