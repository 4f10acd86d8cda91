"""``finsam check``: what an applicant runs before sending a form.

Plain words only: for each file, what to complete and why, with the place in the form (the
cell or section) and the field's name; no rule codes, sources or parameters. The exit code is
0 when nothing is missing, 1 when something is to be completed, 3 when a file cannot be read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import click

from finsam_rules.errors import InputError, Problem
from finsam_rules.i18n import t
from finsam_rules.intake import keys
from finsam_rules.intake.layout import FORMS, Field, Table
from finsam_rules.intake.provenance import place_of
from finsam_rules.render.markup import clean
from finsam_rules.rules import Finding, Severity

if TYPE_CHECKING:
    from finsam_rules.plugins import Registry
    from finsam_rules.screening import Screened

EXIT_OK, EXIT_INCOMPLETE, EXIT_UNREADABLE = 0, 1, 3
_KEY_PATH = re.compile(r"\s*\(\$[^)]*\)$")
#: Problems that mean the file could not be read at all (nothing the applicant can complete).
_UNREADABLE = {"not_found", "unreadable", "too_large", "encoding", "empty_file", "toml", "too_deep"}


def _labels(kind: str) -> dict[str, str]:
    """The Swedish name of every field of a form, by key path."""
    labels: dict[str, str] = {}
    for sheet in FORMS[kind]:
        for item in sheet.items:
            if isinstance(item, Field):
                labels.setdefault(keys.dollar(item.key), item.label)
            elif isinstance(item, Table) and item.key:
                labels.setdefault(keys.dollar(item.key), item.title)
    labels.setdefault("$.period", "Period")
    return labels


LABELS = {kind: _labels(kind) for kind in FORMS}


def _labels_for(place: str) -> dict[str, str]:
    """The labels of the form whose sheet or section the place names (else an application's)."""
    for kind, sheets in FORMS.items():
        if any(place.startswith((f"{s.name}!", f"'{s.name}'!")) for s in sheets):
            return LABELS[kind]
    return LABELS["application"]


def _problem_line(problem: Problem, lang: str) -> str:
    """A problem as ``Projektnamn (Ansökan!B3): …``, without key paths."""
    found = re.search(r"\((\$[^)]*)\)$", problem.path)
    key_path = found.group(1) if found else problem.path if problem.path.startswith("$") else ""
    place = (
        _KEY_PATH.sub("", problem.path) if found else ("" if problem.path.startswith("$") else problem.path)
    )
    label = place_of(_labels_for(place), key_path) if key_path else None
    if label and place and label in place:
        label = None  # a Word form's place already names the field
    head = f"{label} ({place})" if label and place else label or place
    message = problem.message(lang)
    return f"{head}: {message}" if head else message


def _finding_line(finding: Finding, registry: Registry, lang: str) -> str:
    rule = registry.rules.get(finding.code)
    title = rule.title[lang] if rule is not None else ""
    where = ", ".join(finding.places)
    head = f"{title} ({where})" if title and where else title or where
    return f"{head}: {finding.message(lang)}" if head else finding.message(lang)


def _report(item: Screened, registry: Registry, lang: str) -> tuple[list[str], int]:
    lines = [str(item.path)]
    if item.error is not None:
        error = item.error
        problems = error.problems if isinstance(error, InputError) else []
        if not isinstance(error, InputError) or any(p.code in _UNREADABLE for p in problems):
            text = error.lines(lang) if isinstance(error, InputError) else [error.line(lang)]
            return lines + [f"  {t('check_unreadable', lang)}"] + [
                f"  {line}" for line in text
            ], EXIT_UNREADABLE
        if any(p.path == "" for p in problems):
            return lines + [f"  {t('check_unreadable', lang)}"] + [
                f"  {line}" for line in error.lines(lang)
            ], EXIT_UNREADABLE
        lines.append(f"  {t('check_complete', lang)}")
        lines += [f"  {n}. {_problem_line(p, lang)}" for n, p in enumerate(problems, 1)]
        return lines, EXIT_INCOMPLETE
    evaluation = item.evaluation
    assert evaluation is not None
    findings = [f for f in evaluation.findings if f.waived_by is None]
    without_association = any(f.key == "no_association" for f in findings)
    findings = [f for f in findings if f.key != "no_association"]
    complete = [f for f in findings if f.blocks_approval]
    look = [f for f in findings if f.counts_at(Severity.WARNING) and not f.blocks_approval]
    if complete:
        lines.append(f"  {t('check_complete', lang)}")
        lines += [f"  {n}. {_finding_line(f, registry, lang)}" for n, f in enumerate(complete, 1)]
    if look:
        lines.append(f"  {t('check_look', lang)}")
        lines += [f"  - {_finding_line(f, registry, lang)}" for f in look]
    if not complete:
        lines.append(f"  {t('check_ok_' + evaluation.kind, lang)}")
    if without_association:
        lines.append(f"  {t('check_no_association', lang)}")
    return lines, EXIT_INCOMPLETE if complete else EXIT_OK


def run_check(paths: list[Path], association: Path | None, lang: str, registry: Registry) -> int:
    """Check each file as an applicant would before sending it; print plain words."""
    from finsam_rules.screening import Screener

    screener = Screener(registry, association_path=association)
    status = EXIT_OK
    for item in _items(screener, paths):
        lines, code = _report(item, registry, lang)
        click.echo("\n".join(clean(line) for line in lines) + "\n")
        status = max(status, code)
    return status


def _items(screener: object, paths: list[Path]) -> Iterator[Screened]:
    yield from screener.screen(paths)  # type: ignore[attr-defined]
