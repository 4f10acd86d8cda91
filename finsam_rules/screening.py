"""Screening a batch of documents, one at a time, each in its portfolio's context.

:func:`screen` yields one :class:`Screened` per document (or per unreadable input) in the
order of the paths, holding only the current document plus a small cache per portfolio
folder (its association, its policy, an index of its applications). A batch of any size
therefore runs in flat memory.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import attrs

from finsam_rules.engine import Engine, Evaluation
from finsam_rules.errors import InputError, PolicyError
from finsam_rules.loading import (
    PORTFOLIO_CONFIG_FILE,
    PathProblem,
    iter_paths,
    load_association,
    load_document,
)
from finsam_rules.model import Application, Association
from finsam_rules.plugins import Registry
from finsam_rules.policy import Policy, load_policy
from finsam_rules.portfolio import find_portfolio_root


@attrs.frozen
class Screened:
    """The outcome for one input: an evaluation, or the error that kept it from one."""

    path: Path
    evaluation: Evaluation | None = None
    error: InputError | PolicyError | None = None
    association: Association | None = None


@attrs.define
class _Context:
    association: Association | None
    applications: dict[str, Application]
    policy: Policy
    error: InputError | PolicyError | None = None


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
    _policies: dict[Path | None, Policy] = attrs.field(factory=dict)

    def policy_for(self, path: Path | None) -> Policy:
        """The policy for a portfolio: ``--policy``, else its ``finsam.toml``, else standard."""
        chosen = self.policy_path or path
        if chosen not in self._policies:
            self._policies[chosen] = load_policy(self.registry, chosen)
        return self._policies[chosen]

    def _context(self, doc_path: Path) -> _Context:
        root = find_portfolio_root(doc_path)
        key = root.resolve() if root else None
        if key in self._contexts:
            return self._contexts[key]
        association, applications, error = None, {}, None
        config = None
        if root is not None:
            if (root / PORTFOLIO_CONFIG_FILE).is_file():
                config = root / PORTFOLIO_CONFIG_FILE
            try:
                association = load_association(root / "association.toml")
            except InputError as exc:
                error = exc
            apps_dir = root / "applications"
            for file in sorted(apps_dir.rglob("*.toml")) if apps_dir.is_dir() else []:
                try:
                    doc = load_document(file, skip_other=True)
                except InputError:
                    continue  # reported when that file itself is screened
                if isinstance(doc, Application):
                    applications.setdefault(doc.id, doc)
        if self.association_path is not None:
            if self._fixed_association is None:
                self._fixed_association = load_association(self.association_path)
            association, error = self._fixed_association, None
        policy = self.policy_for(config)
        context = _Context(association, applications, policy, error)
        self._contexts[key] = context
        return context

    def screen(self, paths: list[Path]) -> Iterator[Screened]:
        """Screen every document under ``paths``, yielding results one by one."""
        for item in iter_paths(paths):
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
            try:
                context = self._context(item)
            except (InputError, PolicyError) as exc:
                yield Screened(item, error=exc)
                continue
            if context.error is not None:  # a broken association.toml, reported once
                yield Screened(context.error.path, error=context.error)
                context.error = None
            engine = Engine(context.policy, strict=self.strict, as_of=self.as_of)
            evaluation = engine.evaluate(doc, context.association, context.applications.get)
            yield Screened(item, evaluation=evaluation, association=context.association)
