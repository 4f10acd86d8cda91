"""The Python API: screen documents, report to the board, verify records, explain rules.

The command line (:mod:`finsam_rules.cli`) and this module do the same work; here every
function returns values and writes nothing, and every failure is a plain exception from
:mod:`finsam_rules.failures` whose ``lines`` are the messages the command line would show
(in ``lang``) and whose ``exit_code`` is the code it would exit with::

    from pathlib import Path
    from finsam_rules import api

    for item in api.screen([Path("examples/mphla-2016")], lang="en"):
        if item.evaluation is None:          # a file that could not be read
            print(item.path, item.error.lines("en"))
        else:
            print(item.path, item.evaluation.verdict.value)

    board = api.report(Path("examples/mphla-2016"))       # a finsam_rules.board.BoardReport
    print(api.explain("BU001", lang="en"))

Every function takes an optional ``registry`` (:func:`load_registry`, loaded once and
shared by several calls); without one, the installed packs are loaded for the call.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from finsam_rules.failures import (
    Failure,
    InputUnreadable,
    InternalFailure,
    RuleFailure,
    UsageFailure,
)

if TYPE_CHECKING:
    from finsam_rules.board import BoardReport
    from finsam_rules.plugins import Registry
    from finsam_rules.policy import Policy
    from finsam_rules.records import Change, RecordError, Verification
    from finsam_rules.rules import Rule
    from finsam_rules.screening import Screened

__all__ = [
    "Failure",
    "InputUnreadable",
    "InternalFailure",
    "RuleFailure",
    "UsageFailure",
    "Verified",
    "explain",
    "load_policy",
    "load_registry",
    "pack_errors",
    "report",
    "rules",
    "screen",
    "verify",
    "verify_each",
]


def _path(value: Path | str | None) -> Path | None:
    return None if value is None else Path(value)


def load_registry(*, strict: bool = False, lang: str = "sv") -> Registry:
    """Load every installed pack (entry points; ``FINSAM_RULES_PLUGINS`` limits them).

    A pack that fails to load is in ``registry.load_errors`` (:func:`pack_errors` gives the
    lines) and its failure becomes a finding on every document; with ``strict`` it is an
    :class:`InputUnreadable` failure instead. ``lang`` is the language of messages from
    rules' isolation (a rule that ran past its time limit)."""
    from finsam_rules.errors import PluginError
    from finsam_rules.isolation import configure
    from finsam_rules.plugins import build_registry

    configure(lang)
    try:
        registry = build_registry()
    except PluginError as exc:
        raise InputUnreadable([exc.message[lang]]) from None
    if strict and registry.load_errors:
        raise InputUnreadable(pack_errors(registry, lang))
    return registry


def pack_errors(registry: Registry, lang: str = "sv") -> list[str]:
    """One line per pack (or part of a pack) that failed to load, in ``lang``."""
    if not registry.load_errors:
        return []
    from finsam_rules.i18n import t
    from finsam_rules.sanitize import one_line

    return [
        one_line(t("plugin_failed", lang, pack=error.pack, what=error.what, error=error.error))
        for error in registry.load_errors
    ]


def load_policy(
    path: Path | str | None = None, *, registry: Registry | None = None, lang: str = "sv"
) -> Policy:
    """The policy file at ``path`` over the packs' own policies (the standard policy without
    ``path``); a file that cannot be read or is wrong is :class:`InputUnreadable`."""
    from finsam_rules.errors import PolicyError
    from finsam_rules.policy import load_policy as load

    try:
        return load(registry or load_registry(lang=lang), _path(path))
    except PolicyError as exc:
        raise InputUnreadable([exc.line(lang)]) from None


def rules(*, registry: Registry | None = None) -> list[Rule]:
    """Every installed rule, ordered by code."""
    return (registry or load_registry()).sorted_rules()


def explain(
    code: str, *, lang: str = "sv", policy: Path | str | None = None, registry: Registry | None = None
) -> str:
    """The explanation ``finsam explain CODE`` prints: what the rule does, why, an example,
    its parameters (as resolved under ``policy``) and its source. An unknown code is a
    :class:`UsageFailure` whose second line names near codes."""
    from finsam_rules.commands.rules import explain_rule, find_rule

    registry = registry or load_registry(lang=lang)
    rule = find_rule(registry, code, lang)
    return explain_rule(rule, load_policy(policy, registry=registry, lang=lang), lang)


def screen(
    paths: Iterable[Path | str],
    *,
    policy: Path | str | None = None,
    association: Path | str | None = None,
    waivers: Path | str | None = None,
    as_of: dt.date | None = None,
    strict: bool = False,
    lang: str = "sv",
    registry: Registry | None = None,
) -> Iterator[Screened]:
    """Screen every document under ``paths`` (files or folders), yielding one
    :class:`~finsam_rules.screening.Screened` per document, in the order ``finsam screen``
    shows them, as each is judged (a batch of any size in flat memory).

    A screened document has an ``evaluation`` (its findings and ``verdict``), or the
    ``error`` that kept it from one (a file that could not be read); the batch goes on.
    ``policy``, ``association`` and ``waivers`` are files as the options of the same names
    take them; ``as_of`` judges every document as of that date instead of its own. A broken
    policy or waiver file is :class:`InputUnreadable` before the first document; a rule that
    fails under ``strict`` is :class:`RuleFailure` (without ``strict`` the rule is marked not
    evaluated in the document's findings)."""
    from finsam_rules.engine import RuleCrash
    from finsam_rules.errors import InputError
    from finsam_rules.screening import Screener

    registry = registry or load_registry(strict=strict, lang=lang)
    policy, association, waivers = _path(policy), _path(association), _path(waivers)
    if policy is not None:
        load_policy(policy, registry=registry, lang=lang)
    accepted = None
    if waivers is not None:
        from finsam_rules.waivers import load_waivers

        try:
            accepted = load_waivers(waivers)
        except InputError as exc:
            raise InputUnreadable(exc.lines(lang)) from None
    screener = Screener(
        registry, policy_path=policy, association_path=association, strict=strict, as_of=as_of
    )
    try:
        for item in screener.screen([Path(path) for path in paths]):
            if item.evaluation is not None and accepted is not None:
                item = accepted.apply(item)
            yield item
    except RuleCrash as crash:
        raise RuleFailure([str(crash)]) from None


def report(
    portfolio: Path | str,
    *,
    year: int | None = None,
    policy: Path | str | None = None,
    waivers: Path | str | None = None,
    as_of: dt.date | None = None,
    strict: bool = False,
    lang: str = "sv",
    registry: Registry | None = None,
) -> BoardReport:
    """The board report of a portfolio folder for ``year`` (default: the association's),
    every document and the year's goals judged once: the model every board format shows.

    Files of the portfolio that could not be read are in ``report.portfolio.errors`` (the
    command line then exits 3). An association, policy or waiver file that cannot be read,
    or a year without documents, is :class:`InputUnreadable`; a rule that fails under
    ``strict`` is :class:`RuleFailure`."""
    from finsam_rules.commands.report import build

    registry = registry or load_registry(strict=strict, lang=lang)
    policy_path, waivers_path = _path(policy), _path(waivers)
    board, _waivers = build(Path(portfolio), year, lang, policy_path, waivers_path, as_of, strict, registry)
    return board


@attrs.frozen
class Verified:
    """One decision record checked: its verification, or why it could not be read."""

    path: Path
    verification: Verification | None = None
    error: RecordError | None = None

    @property
    def head(self) -> str:
        """``reproduced``, ``differs`` (the same decision, other details),
        ``not_reproduced``, ``not_verified`` (its hash or HMAC does not match) or
        ``unreadable``."""
        check = self.verification
        if check is None:
            return "unreadable"
        if not check.intact:
            return "not_verified"
        if not check.reproduced:
            return "not_reproduced"
        return "differs" if check.changes else "reproduced"

    @property
    def changes(self) -> tuple[Change, ...]:
        """Every difference, as (area, text): integrity, inputs, policy, engine, outcome."""
        return () if self.verification is None else self.verification.changes

    @property
    def ok(self) -> bool:
        """Intact and reproduced with no difference at all."""
        return self.verification is not None and self.verification.ok


def verify_each(files: Iterable[Path], registry: Registry, key: bytes | None) -> Iterator[Verified]:
    """Check and re-run each record in ``files``, one by one."""
    from finsam_rules.records import RecordError
    from finsam_rules.records import verify as verify_record

    for file in files:
        try:
            yield Verified(file, verify_record(file, registry, key))
        except RecordError as exc:
            yield Verified(file, error=exc)


def verify(
    records: Iterable[Path | str],
    *,
    key: bytes | None = None,
    lang: str = "sv",
    registry: Registry | None = None,
) -> list[Verified]:
    """Check decision records' integrity, re-run them and compare by meaning, as
    ``finsam record verify`` does. ``key`` is the HMAC key (default: from
    ``FINSAM_RECORD_KEY`` or ``FINSAM_RECORD_KEY_FILE``; a key that cannot be read is a
    :class:`UsageFailure`)."""
    if key is None:
        from finsam_rules.commands.records import verify_key

        key = verify_key(lang)
    registry = registry or load_registry(lang=lang)
    return list(verify_each([Path(record) for record in records], registry, key))
