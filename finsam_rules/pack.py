"""Everything a rule pack needs, in one import.

::

    from finsam_rules.pack import Application, Check, Explanation, Param, ParamType
    from finsam_rules.pack import Scope, Severity, explain, hookimpl, plan, rule

This module is the stable surface for pack authors (the standard pack uses it too): the
names in :data:`__all__` keep their meaning between minor versions of finsam-rules. The
modules they come from are the engine's own and may be reorganised.

- declaring a rule: :func:`rule`, :class:`Scope`, :class:`Severity`, :class:`Param`,
  :class:`ParamType`, the source helpers :func:`law`, :func:`national`, :func:`plan`
  (and :class:`Source`, :class:`SourceKind`), :class:`Explanation` with :func:`explain`;
- judging: :class:`Check` (``check.finding``, ``check.note``, ``check.not_evaluated``,
  ``check.remedy``), :class:`Finding`, :class:`Change`, :class:`Remedy`,
  :class:`NotEvaluable`, :class:`Rule`;
- the documents a rule reads: :class:`Application`, :class:`Report`, :class:`Portfolio`,
  :class:`Association` and the value types in them;
- registering: :data:`hookimpl` (for ``register_rules``, ``register_policy_files``,
  ``register_settings``, ``register_form_mappings``);
- figures as messages show them: :func:`to_fraction`, :func:`round_half_up`,
  :func:`format_kr`.
"""

from __future__ import annotations

from finsam_rules.formatting import format_kr, round_half_up, to_fraction
from finsam_rules.hookspecs import hookimpl
from finsam_rules.model import (
    Application,
    ApplicationKind,
    Association,
    CostLines,
    Member,
    MemberKind,
    Outcome,
    OutcomeCounts,
    OutcomeTarget,
    Period,
    PlannedParticipants,
    Report,
    ReportKind,
)
from finsam_rules.portfolio import Portfolio
from finsam_rules.rules import (
    Change,
    Check,
    Explanation,
    Finding,
    NotEvaluable,
    Param,
    ParamType,
    Remedy,
    Rule,
    Scope,
    Severity,
    Source,
    SourceKind,
    explain,
    law,
    national,
    plan,
    rule,
)

__all__ = [
    "Application",
    "ApplicationKind",
    "Association",
    "Change",
    "Check",
    "CostLines",
    "Explanation",
    "Finding",
    "Member",
    "MemberKind",
    "NotEvaluable",
    "Outcome",
    "OutcomeCounts",
    "OutcomeTarget",
    "Param",
    "ParamType",
    "Period",
    "PlannedParticipants",
    "Portfolio",
    "Remedy",
    "Report",
    "ReportKind",
    "Rule",
    "Scope",
    "Severity",
    "Source",
    "SourceKind",
    "explain",
    "format_kr",
    "hookimpl",
    "law",
    "national",
    "plan",
    "round_half_up",
    "rule",
    "to_fraction",
]
