"""Screening a batch of documents, one at a time, each in its portfolio's context.

:func:`screen` yields one :class:`Screened` per document (or per unreadable input) in the
order of the paths, holding only the current document plus a small cache per portfolio
folder (its :class:`~finsam_rules.portfolio.PortfolioContext`: association, policy file,
an index of its applications with a bounded cache). A batch of any size therefore runs in
flat memory.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from finsam_rules.engine import Engine, Evaluation
from finsam_rules.errors import InputError, PolicyError
from finsam_rules.intake.provenance import recent_places, with_places
from finsam_rules.loading import (
    PathProblem,
    folder_of,
    is_stdin,
    iter_paths,
    load_association,
    load_document,
)
from finsam_rules.members import normalise
from finsam_rules.model import Application, Association
from finsam_rules.plugins import Registry
from finsam_rules.policy import Policy, load_policy
from finsam_rules.portfolio import Portfolio, PortfolioContext, find_portfolio_root, policy_source

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


@attrs.define
class Screener:
    """Screens documents with a registry, an optional fixed policy and association."""

    registry: Registry
    policy_path: Path | None = None
    association_path: Path | None = None
    strict: bool = False
    as_of: dt.date | None = None
    #: The portfolio folder standard input is judged in (``--portfolio``): its policy file
    #: and applications apply as to a file lying there. ``None``: it lies in no portfolio.
    stdin_portfolio: Path | None = None
    _contexts: dict[Path | None, PortfolioContext] = attrs.field(factory=dict)
    _fixed_association: Association | None = None
    _fixed_error: InputError | None = None
    _policies: dict[Path | None, Policy] = attrs.field(factory=dict)
    _roots: dict[Path, PortfolioContext] = attrs.field(factory=dict)
    _engines: dict[int, Engine] = attrs.field(factory=dict)

    def judge_in(self, portfolio: Portfolio) -> None:
        """``--portfolio``: every document is judged with that portfolio's association
        (unless ``--association`` names one), and standard input as a file lying in it."""
        self.stdin_portfolio = portfolio.root
        if self.association_path is None:
            self.association_path = portfolio.association_path

    def policy_for(self, path: Path | None) -> Policy:
        """The policy for a portfolio whose own policy file is ``path``: ``--policy``, else
        that file, else standard (see :func:`~finsam_rules.portfolio.policy_source`)."""
        chosen = policy_source(None, self.policy_path) or path
        if chosen not in self._policies:
            self._policies[chosen] = load_policy(self.registry, chosen)
        return self._policies[chosen]

    def _fixed(self) -> tuple[tuple[Path, Association | None] | None, InputError | None]:
        """The ``--association`` given for every portfolio, read once; its error the
        first time only."""
        if self.association_path is None:
            return None, None
        if self._fixed_association is None and self._fixed_error is None:
            try:
                self._fixed_association = load_association(self.association_path)
            except InputError as exc:
                self._fixed_error = exc
                return (self.association_path, None), exc
        return (self.association_path, self._fixed_association), None

    def context_of(self, doc_path: Path) -> PortfolioContext:
        """The context of the portfolio a document lies in, shared by the documents of
        one folder (the last few folders are kept)."""
        folder = folder_of(doc_path)
        if folder in self._roots:
            return self._roots[folder]
        root = self.stdin_portfolio if is_stdin(doc_path) else find_portfolio_root(doc_path)
        key = root.resolve() if root else None
        if key in self._contexts:
            self._roots[folder] = self._contexts[key]
            return self._contexts[key]
        fixed, error = self._fixed()
        context = PortfolioContext.at(root, fixed)
        if error is not None:
            context.error = error  # reported once, with the first document
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
        context = self._roots.get(folder_of(item.path))
        if not isinstance(doc, Report) or context is None:
            return None
        return context.application_path(doc.project)

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
                context = self.context_of(item)
                policy = self.policy_for(context.policy_path)
            except (InputError, PolicyError) as exc:
                yield Screened(item, error=exc)
                continue
            if context.error is not None:  # a broken association.toml, reported once
                yield Screened(context.error.path or item, error=context.error)
                context.error = None
            if isinstance(doc, Application):
                duplicate = context.remember(doc, item)
                if duplicate is not None and context.root is not None:
                    yield Screened(item, error=duplicate)
                    continue
            engine = self._engines.get(id(policy))
            if engine is None:
                engine = Engine(policy, strict=self.strict, as_of=self.as_of)
                self._engines[id(policy)] = engine
            if isinstance(doc, Application) and context.association is not None:
                doc = normalise(doc, context.association)  # a member's exact name is its id
            evaluation = engine.evaluate(doc, context.association, context.application)
            if places:
                evaluation = with_places(evaluation, places, policy.registry.rules)
            yield Screened(item, evaluation=evaluation, association=context.association)
