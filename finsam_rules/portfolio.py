"""A portfolio: one association's folder of applications and reports, and the one place
it is found and looked up.

Layout (any nesting below ``applications/`` and ``reports/``)::

    association.toml
    finsam.toml            # optional: the association's policy (a policy file)
    applications/*.toml
    reports/*.toml

Discovery happens here and nowhere else: :func:`find_portfolio_root` (the folder a
document lies in), :func:`association_file` and :func:`policy_file` (what the folder
holds), :func:`portfolio_policy` (``--policy``, else ``finsam.toml``, else the packs'
standard policy). :class:`PortfolioContext` is the one portfolio context built from them:
lazy for a streaming screen (an id -> file index and a bounded cache, so memory stays
flat), or read whole by :meth:`PortfolioContext.load` into the eager :class:`Portfolio`
the board report and the portfolio-scope rules read. Both ways an application id used
twice is the same input error (the first file keeps the id).

Loading goes on past bad files: each gets its :class:`~finsam_rules.errors.InputError`
in :attr:`Portfolio.errors`. References (a report's project, members named as owners,
parties, steering groups, municipalities) are judged by rules only (RP002, PA001, PA003,
...), as when a document is screened: a file that was read is never reported as one that
could not be read. A member named by its exact name is read as that member's id.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

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

if TYPE_CHECKING:
    from finsam_rules.plugins import Registry
    from finsam_rules.policy import Policy

#: Applications kept in memory per portfolio by a lazy context: enough for any real
#: association's projects, and a fixed bound however many documents a batch holds.
CACHE_SIZE = 2048

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


D = TypeVar("D", Application, Report)


def _documents(folder: Path, kind: type[D], errors: list[InputError]) -> Iterator[tuple[Path, D]]:
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


# -- discovery: the root, the association and the policy of a portfolio -------------------


def find_portfolio_root(path: Path, *, as_written: bool = False) -> Path | None:
    """The portfolio folder a document lies in: the nearest folder above it that holds
    ``association.toml``.

    The folders are those of the path as given (made absolute, ``..`` taken away as
    written), never of a symbolic link's target: a document linked into another portfolio
    is judged under the portfolio it was given in. With ``as_written`` the folder is
    spelled as the path is (a relative path gives a relative folder), for outputs that
    must not depend on where the portfolio lies."""
    start = path if path.is_dir() else path.parent
    absolute = Path(os.path.normpath(start.absolute()))
    written = [start, *start.parents] if as_written else [start]
    for folder in [*written, *absolute.parents]:
        if (folder / ASSOCIATION_FILE).is_file():
            return folder
    return None


def association_file(root: Path) -> Path:
    """The association file of a portfolio folder."""
    return root / ASSOCIATION_FILE


def policy_file(root: Path | None) -> Path | None:
    """The portfolio's own policy file (``finsam.toml``), if it has one."""
    if root is None:
        return None
    config = root / PORTFOLIO_CONFIG_FILE
    return config if config.is_file() else None


def policy_source(root: Path | None, option: Path | None = None) -> Path | None:
    """Where a portfolio's policy is read from: ``--policy``, else the portfolio's
    ``finsam.toml``, else nowhere (``None``: the packs' standard policy)."""
    return option or policy_file(root)


def portfolio_policy(registry: Registry, root: Path | None, option: Path | None = None) -> Policy:
    """The policy a portfolio is judged under (see :func:`policy_source`); raises
    :class:`~finsam_rules.errors.PolicyError`."""
    from finsam_rules.policy import load_policy

    return load_policy(registry, policy_source(root, option))


def _duplicate_id(path: Path, app_id: str, other: Path) -> InputError:
    return InputError(path, [Problem("$.id", "duplicate_id", {"id": app_id, "other": str(other)})])


def _same_file(a: Path, b: Path) -> bool:
    """Whether two spellings of a path (relative, absolute, with ``..``) name one file."""
    return a == b or os.path.normpath(a.absolute()) == os.path.normpath(b.absolute())


@attrs.define
class PortfolioContext:
    """The one portfolio context: its root, association and policy file as discovered,
    the application ids it has seen and the lookups documents are judged with.

    Lazy for a streaming screen: applications are indexed id -> file as they are screened
    (a folder's ``applications/`` sorts before its ``reports/``) and loaded again only when
    a report asks for its project; a full scan happens only for an id not seen yet. Only
    the index and a bounded cache are kept, so memory stays flat however many documents
    the folder holds. :meth:`load` reads the whole portfolio at once for the board."""

    root: Path | None
    association: Association | None = None
    association_path: Path | None = None
    policy_path: Path | None = None  # the portfolio's finsam.toml, if any
    error: InputError | None = None  # a broken association file, reported once
    index: dict[str, Path] = attrs.field(factory=dict)
    scanned: bool = False
    cache_size: int = CACHE_SIZE
    _cache: dict[str, Application | None] = attrs.field(factory=dict)

    @classmethod
    def at(
        cls, root: Path | None, association: tuple[Path, Association | None] | None = None
    ) -> PortfolioContext:
        """The context of a portfolio folder (``None``: a document outside any portfolio).

        ``association`` is one given instead of the folder's own (``--association``: its
        path and the association read from it, once per run); else the folder's
        ``association.toml`` is read, and a broken one becomes :attr:`error`."""
        context = cls(root, policy_path=policy_file(root))
        if association is not None:
            context.association_path, context.association = association
        elif root is not None:
            context.association_path = association_file(root)
            try:
                context.association = load_association(context.association_path)
            except InputError as exc:
                context.error = exc
        return context

    @classmethod
    def of_document(
        cls, path: Path, association: tuple[Path, Association | None] | None = None
    ) -> PortfolioContext:
        """The context of the portfolio a document lies in (see :func:`find_portfolio_root`)."""
        return cls.at(find_portfolio_root(path), association)

    # -- ids and lookups ------------------------------------------------------------------

    def _claim(self, app_id: str, path: Path) -> InputError | None:
        """Note that ``path`` holds the application ``app_id``; the duplicate-id error if
        another file already holds it (the first file keeps the id)."""
        first = self.index.setdefault(app_id, path)
        if not _same_file(first, path):
            return _duplicate_id(path, app_id, first)
        self.index[app_id] = path  # spelled as it was given
        return None

    def remember(self, app: Application, path: Path) -> InputError | None:
        """Note where an application lives and keep it in the bounded cache; returns the
        duplicate-id error when another file already uses its id."""
        error = self._claim(app.id, path)
        if error is None:
            self._keep(app.id, app)
        return error

    def _keep(self, app_id: str, app: Application | None) -> None:
        self._cache.pop(app_id, None)
        self._cache[app_id] = app
        while len(self._cache) > self.cache_size:  # least recently used first
            del self._cache[next(iter(self._cache))]

    def application(self, app_id: str) -> Application | None:
        """The application with this id in the portfolio, loaded on demand."""
        if app_id in self._cache:
            found = self._cache.pop(app_id)
            self._cache[app_id] = found
            return found
        if app_id not in self.index and not self.scanned and self.root is not None:
            self.scanned = True
            folder = self.root / "applications"
            for file in sorted(folder.rglob("*.toml")) if folder.is_dir() else []:
                try:
                    doc = load_document(file, skip_other=True)
                except InputError:
                    continue  # reported when that file itself is screened
                if isinstance(doc, Application):
                    self.index.setdefault(doc.id, file)
        found = None
        if app_id in self.index:
            try:
                doc = load_document(self.index[app_id])
                found = doc if isinstance(doc, Application) else None
            except InputError:
                found = None
        self._keep(app_id, found)
        return found

    def application_path(self, app_id: str) -> Path | None:
        """The file of the application with this id, if the portfolio has one."""
        if self.application(app_id) is None:
            return None
        return self.index.get(app_id)

    # -- the whole portfolio ----------------------------------------------------------------

    def load(self, year: int | None = None) -> Portfolio:
        """Read every application and report at once (the board's way); raises the
        association's :class:`InputError`, collects every other bad file in ``errors``."""
        if self.error is not None:
            raise self.error
        if self.root is None or self.association is None or self.association_path is None:
            raise InputError(self.root or Path("."), [Problem("", "not_found")])
        association = self.association
        errors: list[InputError] = []
        applications: list[tuple[Path, Application]] = []
        for path, app in _documents(self.root / "applications", Application, errors):
            duplicate = self._claim(app.id, path)
            if duplicate is not None:
                errors.append(duplicate)
                continue
            applications.append((path, normalise(app, association)))
        reports = list(_documents(self.root / "reports", Report, errors))
        return Portfolio(
            root=self.root,
            association=association,
            association_path=self.association_path,
            applications=tuple(applications),
            reports=tuple(reports),
            year=year or association.year,
            config_path=self.policy_path,
            errors=tuple(errors),
        )


def load_portfolio(root: Path, year: int | None = None) -> Portfolio:
    """Load a portfolio folder whole; raises :class:`InputError` only if the folder or
    its association cannot be read. Other bad files are collected in ``errors``."""
    if not root.exists():
        raise InputError(root, [Problem("", "not_found")])
    if not root.is_dir():
        raise InputError(root, [Problem("", "not_a_folder")])
    return PortfolioContext.at(root).load(year)


def open_portfolio(
    root: Path, registry: Registry, year: int | None = None, policy_option: Path | None = None
) -> tuple[Portfolio, Policy]:
    """A portfolio read whole and the policy it is judged under: what ``report``,
    ``calendar`` and an impact assessment start from. Raises :class:`InputError` or
    :class:`~finsam_rules.errors.PolicyError`."""
    portfolio = load_portfolio(root, year)
    return portfolio, portfolio_policy(registry, portfolio.root, policy_option)


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
