"""A portfolio: one association's folder of applications and reports, checked across files.

Layout (any nesting below ``applications/`` and ``reports/``)::

    association.toml
    finsam.toml            # optional: the association's policy (a policy file)
    applications/*.toml
    reports/*.toml

Loading goes on past bad files: each gets its :class:`~finsam_rules.errors.InputError`
in :attr:`Portfolio.errors`, and a report's project is checked against the applications
with both files named. References to members (owners, parties, steering groups,
municipalities) are judged by rules PA001 and PA003, as when a document is screened; a
member named by its exact name is read as that member's id.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import attrs

from finsam_rules.errors import InputError, Problem
from finsam_rules.i18n import TEXTS
from finsam_rules.loading import (
    ASSOCIATION_FILE,
    PORTFOLIO_CONFIG_FILE,
    load_association,
    load_document,
    walk_folder,
)
from finsam_rules.members import normalise
from finsam_rules.model import Application, Association, Kronor, Period, Report

PROJECT = TEXTS["portfolio.project"]


@attrs.frozen
class Portfolio:
    """An association with its applications and reports, for one year."""

    root: Path
    association: Association
    association_path: Path
    applications: tuple[tuple[Path, Application], ...]
    reports: tuple[tuple[Path, Report], ...]
    year: int
    config_path: Path | None = None
    errors: tuple[InputError, ...] = ()

    # -- lookups --------------------------------------------------------------------------

    def application(self, app_id: str) -> Application | None:
        """The application with this id (diarienummer), or ``None``."""
        for _, app in self.applications:
            if app.id == app_id:
                return app
        return None

    def path_of(self, doc: Application | Report) -> Path | None:
        """The file a document was read from."""
        for path, item in (*self.applications, *self.reports):
            if item is doc:
                return path
        return None

    def applications_sorted(self) -> list[Application]:
        """All applications, by id."""
        return sorted((a for _, a in self.applications), key=lambda a: a.id)

    def chain(self, app: Application) -> list[Application]:
        """The applications of one project, earliest first, following ``continues``."""
        chain = [app]
        while chain[0].continues and len(chain) <= len(self.applications):
            earlier = self.application(chain[0].continues)
            if earlier is None or earlier in chain:
                break
            chain.insert(0, earlier)
        return chain

    def reports_for(self, project: str) -> list[Report]:
        """The reports of one project, in the order of their periods."""
        found = [r for _, r in self.reports if r.project == project]
        return sorted(found, key=lambda r: (r.period.end, r.period.start, r.document_id))

    # -- the year -------------------------------------------------------------------------

    @property
    def year_period(self) -> Period:
        """The calendar year under review."""
        return Period(dt.date(self.year, 1, 1), dt.date(self.year, 12, 31))

    def granted(self) -> list[Application]:
        """Granted applications, by id."""
        return [a for a in self.applications_sorted() if a.is_granted]

    def running(self) -> list[Application]:
        """Granted projects whose period, cut at an early end, overlaps the year."""
        return [a for a in self.granted() if a.actual_period.overlaps(self.year_period)]

    def latest_report(self, project: str) -> Report | None:
        """The project's latest report whose period ends in the year (or, failing that,
        overlaps it)."""
        reports = [r for r in self.reports_for(project) if r.period.overlaps(self.year_period)]
        in_year = [r for r in reports if r.period.end.year == self.year]
        chosen = in_year or reports
        return chosen[-1] if chosen else None

    def latest_reports(self) -> list[Report]:
        """The latest report of the year for each running project, by project id."""
        found = (self.latest_report(a.id) for a in self.running())
        return [r for r in found if r is not None]

    def municipalities_of(self, app: Application, county_wide_covers_all: bool = True) -> list[str]:
        """The member municipalities a project covers: all of them if it is county-wide
        (unless ``county_wide_covers_all`` is off), else those it lists, in member order."""
        all_ids: list[str] = [m.id for m in self.association.municipalities]
        if app.county_wide and county_wide_covers_all:
            return all_ids
        return [m for m in all_ids if m in app.municipalities]

    def participating_municipalities(self, app: Application) -> list[str]:
        """The member municipalities taking part in a project, as owner or party (not
        merely covered by it), in member order."""
        parties = set(app.all_parties)
        return [m.id for m in self.association.municipalities if m.id in parties]

    def coverage(self, county_wide_covers_all: bool = True) -> dict[str, list[str]]:
        """Municipality id -> ids of running projects covering it, in member order."""
        matrix: dict[str, list[str]] = {m.id: [] for m in self.association.municipalities}
        for app in self.running():
            for muni in self.municipalities_of(app, county_wide_covers_all):
                matrix[muni].append(app.id)
        return matrix

    def granted_in_year(self, app: Application) -> int:
        """The part of a project's granted amount that falls in the year, in kronor.

        The granted amount is spread over the project's budget years in proportion to the
        budget; without a budget, evenly over the days of the period."""
        if not app.is_granted or app.decision is None:
            return 0
        amount = app.decision.amount if app.decision.amount is not None else (app.requested or 0)
        totals = {b.year: b.total for b in app.budget}
        whole = sum(totals.values())
        if whole:
            return amount * totals.get(self.year, 0) // whole
        inside = Period(
            max(app.period.start, self.year_period.start), min(app.period.end, self.year_period.end)
        )
        if inside.end < inside.start:
            return 0
        return amount * inside.days // app.period.days


def _walk(folder: Path, errors: list[InputError]) -> list[Path]:
    """The document files under a portfolio sub-folder, in path order; every path that
    had to be skipped (see :func:`~finsam_rules.loading.walk_folder`) goes to ``errors``."""
    if not folder.is_dir():
        return []
    files = []
    for path, problem in walk_folder(folder):
        if problem is not None:
            errors.append(problem)
        else:
            files.append(path)
    return files


WRONG_FOLDER = {
    Application: TEXTS["portfolio.wrong_folder_application"],
    Report: TEXTS["portfolio.wrong_folder_report"],
}


def _documents(folder: Path, kind: type, errors: list[InputError]):
    """The documents of one kind in a portfolio sub-folder; other files become errors."""
    for path in _walk(folder, errors):
        try:
            doc = load_document(path)
        except InputError as exc:
            errors.append(exc)
            continue
        if not isinstance(doc, kind):
            errors.append(InputError(path, [Problem("$", "invalid", {"detail": WRONG_FOLDER[kind]})]))
            continue
        yield path, doc


def find_portfolio_root(path: Path) -> Path | None:
    """The portfolio folder a document lies in: the nearest folder above it that holds
    ``association.toml``.

    The folders are those of the path as given (made absolute, ``..`` taken away as
    written), never of a symbolic link's target: a document linked into another portfolio
    is judged under the portfolio it was given in."""
    start = path if path.is_dir() else path.parent
    absolute = Path(os.path.normpath(start.absolute()))
    for folder in [start, *absolute.parents]:
        if (folder / ASSOCIATION_FILE).is_file():
            return folder
    return None


def load_portfolio(root: Path, year: int | None = None) -> Portfolio:
    """Load a portfolio folder; raises :class:`InputError` only if the association itself
    cannot be read. Other bad files are collected in ``errors``."""
    if not root.exists():
        raise InputError(root, [Problem("", "not_found")])
    if not root.is_dir():
        raise InputError(root, [Problem("", "not_a_folder")])
    assoc_path = root / ASSOCIATION_FILE
    association = load_association(assoc_path)
    errors: list[InputError] = []
    applications: list[tuple[Path, Application]] = []
    seen: dict[str, Path] = {}
    for path, doc in _documents(root / "applications", Application, errors):
        if doc.id in seen:
            errors.append(
                InputError(
                    path, [Problem("$.id", "duplicate_id", {"id": doc.id, "other": str(seen[doc.id])})]
                )
            )
            continue
        seen[doc.id] = path
        applications.append((path, normalise(doc, association)))
    reports: list[tuple[Path, Report]] = []
    for path, doc in _documents(root / "reports", Report, errors):
        if doc.project not in seen:
            errors.append(
                InputError(
                    path,
                    [
                        Problem(
                            "$.project",
                            "reference",
                            {"what": PROJECT, "ref": doc.project, "target": "applications/"},
                        )
                    ],
                )
            )
        reports.append((path, doc))
    config = root / PORTFOLIO_CONFIG_FILE
    return Portfolio(
        root=root,
        association=association,
        association_path=assoc_path,
        applications=tuple(applications),
        reports=tuple(reports),
        year=year or association.year,
        config_path=config if config.is_file() else None,
        errors=tuple(errors),
    )


def with_application(portfolio: Portfolio, path: Path, app: Application) -> Portfolio:
    """The portfolio as it would be if ``app`` were granted as requested."""
    from finsam_rules.model import Decision, DecisionStatus

    granted = (
        app
        if app.is_granted
        else attrs.evolve(app, decision=Decision(DecisionStatus.GRANTED, amount=Kronor(app.requested or 0)))
    )
    kept = tuple((p, a) for p, a in portfolio.applications if a.id != app.id)
    return attrs.evolve(portfolio, applications=(*kept, (path, granted)))
