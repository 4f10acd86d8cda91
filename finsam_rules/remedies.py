"""Remedies: what would make a rule pass, as edits of a document's data.

A rule attaches a :class:`~finsam_rules.rules.Remedy` to a finding with
``check.finding(key, remedy=check.remedy(rkey, changes=[Change(path, value)], **figures))``.
Its changes are key paths as in input errors (``$.period.end``, ``$.budget[0].total``) with
plain values; :func:`apply_changes` applies them to a document's plain data (a copy), so the
result can be structured and judged again: the finding is then gone.
"""

from __future__ import annotations

import copy
import datetime as dt
import itertools
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from finsam_rules.rules import Change, Finding, Remedy

_STEP = re.compile(r"\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]")


def path_steps(path: str) -> list[str | int]:
    """The steps of a key path: ``$.budget[0].total`` is ``["budget", 0, "total"]``;
    ``ValueError`` for anything that is not a key path."""
    if not path.startswith("$"):
        raise ValueError(f"not a key path: {path!r}")
    steps: list[str | int] = []
    at = 1
    while at < len(path):
        match = _STEP.match(path, at)
        if match is None:
            raise ValueError(f"not a key path: {path!r}")
        name, index = match.groups()
        steps.append(name if name is not None else int(index))
        at = match.end()
    if not steps:
        raise ValueError(f"a key path names no key: {path!r}")
    return steps


def apply_changes(data: dict[str, Any], changes: Iterable[Change]) -> dict[str, Any]:
    """A copy of ``data`` with every change applied (the input is never modified). Tables
    on the way to a key are created when missing; a list index must exist."""
    result = copy.deepcopy(data)
    for change in changes:
        steps = path_steps(change.path)
        here: Any = result
        for step, following in itertools.pairwise(steps):
            if isinstance(step, str):
                here = here.setdefault(step, [] if isinstance(following, int) else {})
            else:
                here = here[step]
        last = steps[-1]
        here[last] = copy.deepcopy(change.value)
    return result


def remedy_of(finding: Finding) -> Remedy | None:
    """The finding's remedy, if its rule computed one."""
    return finding.remedy


def remedy_text(finding: Finding, lang: str) -> str:
    """What would make the finding go away, in ``lang``; empty when there is no remedy."""
    remedy = finding.remedy
    return "" if remedy is None else remedy.message(lang)


def remedy_data(remedy: Remedy, lang: str) -> dict[str, Any]:
    """A remedy as JSON-able data: its message and its changes (dates as ISO texts), and
    ``new_document`` when the changes make a document to add, ``path`` when the remedy
    names a text the applicant must write (its changes are then empty)."""
    data: dict[str, Any] = {
        "message": remedy.message(lang),
        "changes": [{"path": change.path, "value": _json_value(change.value)} for change in remedy.changes],
    }
    if remedy.new_document:
        data["new_document"] = True
    if remedy.path:
        data["path"] = remedy.path
    return data


def _json_value(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_json_value(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _json_value(item) for key, item in value.items()}
    return value
