"""Screening a batch of documents, one at a time, each in its portfolio's context.

:func:`screen` yields one :class:`Screened` per document (or per unreadable input) in the
order of the paths, holding only the current document plus a small cache per portfolio
folder (its association, its policy, an index of its applications). A batch of any size
therefore runs in flat memory.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from finsam_rules.engine import Engine, Evaluation
from finsam_rules.errors import InputError, PolicyError, Problem
from finsam_rules.intake.provenance import recent_places, with_places
from finsam_rules.loading import (
    PORTFOLIO_CONFIG_FILE,
    PathProblem,
    iter_paths,
    load_association,
    load_document,
)
from finsam_rules.members import normalise
from finsam_rules.model import Application, Association
from finsam_rules.plugins import Registry
from finsam_rules.policy import Policy, load_policy
from finsam_rules.portfolio import find_portfolio_root

if TYPE_CHECKING:
    from finsam_rules.board import Impact


@attrs.frozen
class Screened:
    """The outcome for one input: an evaluation, or the error that kept it from one."""

    path: Path
    evaluation: Evaluation | None = None
    error: InputError | PolicyError | None = None
    association: Association | None = None
    impact: Impact | None = None  # with --portfolio: what granting an application changes


#: Portfolio folders whose context is kept; a batch walks one folder after another.
MAX_CONTEXTS = 4

#: Applications kept in memory per portfolio folder: enough for any real association's
#: projects, and a fixed bound however many documents a batch holds.
CACHE_SIZE = 2048


@attrs.define
class _Context:
    """What documents of one portfolio folder share: association, policy, applications.

    Applications are indexed by id -> file as they are screened (a folder's
    ``applications/`` sorts before its ``reports/``), and loaded again only when a report
    asks for its project; a full scan happens only for an id not seen yet. Only the small
    index is kept, so memory stays flat however many documents the folder holds."""

    root: Path | None
    association: Association | None
    policy: Policy
    error: InputError | PolicyError | None = None
    index: dict[str, Path] = attrs.field(factory=dict)
    scanned: bool = False
    _cache: dict[str, Application | None] = attrs.field(factory=dict)

    def remember(self, app: Application, path: Path) -> Path | None:
        """Note where an application lives, and keep it in the bounded cache. Returns the
        other file when the id is already used by one (the first file keeps the id)."""
        first = self.index.setdefault(app.id, path)
        if first != path:
            return first
        self._keep(app.id, app)
        return None

    def _keep(self, app_id: str, app: Application | None) -> None:
        self._cache.pop(app_id, None)
        self._cache[app_id] = app
        while len(self._cache) > CACHE_SIZE:  # least recently used first
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


@attrs.define
class Screener:
    """Screens documents with a registry, an optional fixed policy and association."""

    registry: Registry
    policy_path: Path | None = None
    association_path: Path | None = None
    strict: bool = False
    as_of: dt.date | None = None
    _contexts: dict[Path | None, _Context] = attrs.field(factory=dict)
    _fixed_association: Association | None = None
    _fixed_error: InputError | None = None
    _policies: dict[Path | None, Policy] = attrs.field(factory=dict)
    _roots: dict[Path, _Context] = attrs.field(factory=dict)
    _engines: dict[int, Engine] = attrs.field(factory=dict)

    def policy_for(self, path: Path | None) -> Policy:
        """The policy for a portfolio: ``--policy``, else its ``finsam.toml``, else standard."""
        chosen = self.policy_path or path
        if chosen not in self._policies:
            self._policies[chosen] = load_policy(self.registry, chosen)
        return self._policies[chosen]

    def _context(self, doc_path: Path) -> _Context:
        folder = doc_path.parent
        if folder in self._roots:
            return self._roots[folder]
        root = find_portfolio_root(doc_path)
        key = root.resolve() if root else None
        if key in self._contexts:
            self._roots[folder] = self._contexts[key]
            return self._contexts[key]
        association, error, config = None, None, None
        if root is not None:
            if (root / PORTFOLIO_CONFIG_FILE).is_file():
                config = root / PORTFOLIO_CONFIG_FILE
            try:
                association = load_association(root / "association.toml")
            except InputError as exc:
                error = exc
        if self.association_path is not None:
            if self._fixed_association is None and self._fixed_error is None:
                try:
                    self._fixed_association = load_association(self.association_path)
                except InputError as exc:
                    self._fixed_error = exc
                    error = exc  # reported once, with the first document
            else:
                error = None
            association = self._fixed_association
        policy = self.policy_for(config)
        context = _Context(root, association, policy, error)
        self._contexts[key] = context
        self._roots[folder] = context
        while len(self._contexts) > MAX_CONTEXTS:  # folders are screened one after another
            stale_key = next(iter(self._contexts))
            stale = self._contexts.pop(stale_key)
            self._roots = {f: c for f, c in self._roots.items() if c is not stale}
        return context

    def application_path(self, item: Screened) -> Path | None:
        """The file of the application a screened report was judged against, if any."""
        from finsam_rules.model import Report

        doc = item.evaluation.document if item.evaluation else None
        context = self._roots.get(item.path.parent)
        if not isinstance(doc, Report) or context is None:
            return None
        if context.application(doc.project) is None:
            return None
        return context.index.get(doc.project)

    def screen(self, paths: list[Path]) -> Iterator[Screened]:
        """Screen every document under ``paths``, yielding results one by one."""
        return self.screen_items(iter_paths(paths), paths)

    def screen_items(self, items: Iterable[Path | PathProblem], paths: list[Path]) -> Iterator[Screened]:
        """Screen the files (and path problems) that :func:`iter_paths` yields for ``paths``,
        in their order (:mod:`finsam_rules.parallel` gives each process its portfolios)."""
        for item in items:
            if isinstance(item, PathProblem):
                yield Screened(item.error.path, error=item.error)
                continue
            try:
                doc = load_document(item, skip_other=item not in paths)
            except InputError as exc:
                yield Screened(item, error=exc)
                continue
            if doc is None:
                continue
            places = recent_places(item)  # where a form's values were read; empty for TOML
            try:
                context = self._context(item)
            except (InputError, PolicyError) as exc:
                yield Screened(item, error=exc)
                continue
            if context.error is not None:  # a broken association.toml, reported once
                yield Screened(context.error.path or item, error=context.error)
                context.error = None
            if isinstance(doc, Application):
                other = context.remember(doc, item)
                if other is not None and context.root is not None:
                    yield Screened(
                        item,
                        error=InputError(
                            item, [Problem("$.id", "duplicate_id", {"id": doc.id, "other": str(other)})]
                        ),
                    )
                    continue
            engine = self._engines.get(id(context.policy))
            if engine is None:
                engine = Engine(context.policy, strict=self.strict, as_of=self.as_of)
                self._engines[id(context.policy)] = engine
            if isinstance(doc, Application) and context.association is not None:
                doc = normalise(doc, context.association)  # a member's exact name is its id
            evaluation = engine.evaluate(doc, context.association, context.application)
            if places:
                evaluation = with_places(evaluation, places, context.policy.registry.rules)
            yield Screened(item, evaluation=evaluation, association=context.association)
