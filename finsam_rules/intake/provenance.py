"""Where each value of a form came from: a key path mapped to a place in the file.

A place is what an officer can go back to: a cell (``'Budget per år'!E5``) or a section of a
Word form (``avsnitt Jämställdhetsanalys``). Structure errors found in a form's data name the
place together with the key path.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from finsam_rules.errors import Problem
from finsam_rules.i18n import TEXTS

if TYPE_CHECKING:
    from finsam_rules.engine import Evaluation
    from finsam_rules.rules import Rule

#: What a missing required value is called in a form (no TOML words such as "key").
MISSING = TEXTS["intake.missing"]
_LAST_PART = re.compile(r"(\[[0-9]+\]|\.[^.\[]+)$")


def cell_place(sheet: str, row: int, column: int) -> str:
    """A cell as Excel names it: ``Ansökan!B3``, ``'Budget per år'!E5``."""
    from openpyxl.utils import get_column_letter

    name = sheet if all(ch.isalnum() or ch == "_" for ch in sheet) else "'" + sheet.replace("'", "''") + "'"
    return f"{name}!{get_column_letter(column)}{row}"


def section_place(title: str) -> str:
    """A section of a Word form: ``avsnitt Jämställdhetsanalys``."""
    return f"avsnitt {title}"


def parent(path: str) -> str | None:
    """The enclosing key path (``$.budget[0]`` of ``$.budget[0].total``), ``None`` at ``$``."""
    shorter = _LAST_PART.sub("", path)
    return shorter if shorter != path else None


def place_of(places: Mapping[str, str], path: str) -> str | None:
    """The place of a key path, or of the nearest enclosing key path that has one."""
    current: str | None = path
    while current:
        if current in places:
            return places[current]
        current = parent(current)
    return None


def locate(problems: list[Problem], places: Mapping[str, str]) -> list[Problem]:
    """The problems with each key path prefixed by the place it was read from."""
    located = []
    for problem in problems:
        place = place_of(places, problem.path) if problem.path.startswith("$") else None
        path = f"{place} ({problem.path})" if place else problem.path
        if problem.code == "missing" and place:
            problem = Problem(problem.path, "invalid", {"detail": MISSING})
        located.append(attrs.evolve(problem, path=path))
    return located


#: Places of the forms read most recently, by file; bounded, so memory does not grow with
#: the batch (a document's places are taken right after it is loaded).
_RECENT: OrderedDict[Path, Mapping[str, str]] = OrderedDict()
_RECENT_SIZE = 64


def remember(path: Path, places: Mapping[str, str]) -> None:
    """Keep the places of a form just read, for :func:`recent_places`."""
    key = path.absolute()
    _RECENT[key] = places
    _RECENT.move_to_end(key)
    while len(_RECENT) > _RECENT_SIZE:
        _RECENT.popitem(last=False)


def recent_places(path: Path) -> Mapping[str, str]:
    """The places of the form at ``path`` if it was just read (empty for TOML documents)."""
    return _RECENT.get(path.absolute(), {})


def fields_of(rule: Rule) -> tuple[str, ...]:
    """The key paths a rule reads, as it declares them (``@rule(fields=...)``)."""
    return rule.fields


def with_places(evaluation: Evaluation, places: Mapping[str, str], rules: Mapping[str, Rule]) -> Evaluation:
    """The evaluation with each finding naming the places of the values its rule reads."""
    findings = []
    for finding in evaluation.findings:
        rule = rules.get(finding.code)
        found = [place_of(places, path) for path in fields_of(rule)] if rule is not None else []
        unique = tuple(dict.fromkeys(p for p in found if p))
        findings.append(attrs.evolve(finding, places=unique) if unique else finding)
    return attrs.evolve(evaluation, findings=tuple(findings))
