"""What a rule is, what it declares, and what it finds.

A rule is a function decorated with :func:`rule`, which attaches its stable code, name
(by default the function's), default severity, scope (application, report or portfolio),
source reference, parameter schema, messages in Swedish and English and its explanation.
Parameter *values*, units and descriptions are not in the code: they come from the pack's
policy data (``policies/standard.toml`` for the standard pack). Pack authors import all of
this, and the model, from :mod:`finsam_rules.pack`.

A rule's function receives the document (or portfolio) and a :class:`Check`, and yields
:class:`Finding` s through ``check.finding(...)``, ``check.note(...)`` or raises
:class:`NotEvaluable` when it cannot judge (which keeps the verdict from *tillstyrks*).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections import ChainMap
from collections.abc import Callable, Iterable, Mapping
from fractions import Fraction
from typing import Any

import attrs

from finsam_rules.formatting import LANGS, render_template
from finsam_rules.i18n import TEXTS, enum_words
from finsam_rules.isolation import freeze


class Severity(enum.IntEnum):
    """How serious a finding is; the order matters for ``--fail-on`` and verdicts."""

    INFO = 1
    WARNING = 2
    ERROR = 3
    BLOCKER = 4

    @property
    def label(self) -> str:
        """The name used in files and JSON: ``blocker``, ``error``, ``warning``, ``info``."""
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        """A severity from its name; raises ``ValueError`` for anything else."""
        try:
            return cls[text.upper()]
        except KeyError:
            raise ValueError(text) from None


#: Each severity in words (the catalogue's ``severity.*``), most serious first.
SEVERITY_NAMES = {s: enum_words(s) for s in sorted(Severity, reverse=True)}


class Scope(enum.StrEnum):
    """What a rule judges."""

    APPLICATION = "application"
    REPORT = "report"
    PORTFOLIO = "portfolio"


class SourceKind(enum.StrEnum):
    """Where a rule comes from: the law, national guidance, or the association's plan."""

    LAW = "law"
    NATIONAL = "national"
    PLAN = "plan"


#: Each kind of source in words (the catalogue's ``source_kind.*``).
SOURCE_KIND_NAMES = {k: enum_words(k) for k in SourceKind}


@attrs.frozen
class Source:
    """A rule's source reference, e.g. ``Source(LAW, "Lag (2003:1210) 5 §")``."""

    kind: SourceKind
    reference: str

    def text(self, lang: str) -> str:
        """``Lag: Lag (2003:1210) 5 §`` in the chosen language."""
        return f"{SOURCE_KIND_NAMES[self.kind][lang]}: {self.reference}"


class ParamType(enum.StrEnum):
    """Types a rule parameter can have; each checked when a policy file is read."""

    SHARE = "share"  # a fraction 0..1
    INTEGER = "integer"
    KRONOR = "kronor"
    BOOLEAN = "boolean"
    CHOICE = "choice"  # one text out of ``choices``
    CHOICES = "choices"  # a list of texts, each out of ``choices``
    TAGS = "tags"  # a list of free texts
    SCALE = "scale"  # a list of bands {up_to (kronor, optional on the last), max_share}


@attrs.frozen
class Param:
    """A parameter a rule declares (or a named setting a pack declares): its name, type and
    allowed range. Its unit and description, in every language, live with its default value
    in the pack's policy data (``unit = { sv = ..., en = ... }``), never in code."""

    name: str
    type: ParamType
    minimum: float | None = attrs.field(default=None, kw_only=True)
    maximum: float | None = attrs.field(default=None, kw_only=True)
    choices: tuple[str, ...] = attrs.field(default=(), kw_only=True)


@attrs.frozen
class Explanation:
    """The long explanation ``finsam explain`` prints, in one language: what the rule does,
    why it matters, a worked example, and (optionally) more about its source than the
    rule's :class:`Source` says. The rule's parameters are listed after it from the policy
    data, so an explanation need not name them."""

    what: str
    why: str
    example: str
    source: str = ""


@attrs.frozen
class Rule:
    """A rule: metadata plus the function that judges."""

    code: str
    name: str
    scope: Scope
    severity: Severity
    source: Source
    title: Mapping[str, str]
    messages: Mapping[str, Mapping[str, str]]
    explanation: Mapping[str, Explanation]
    params: tuple[Param, ...]
    function: Callable[..., Iterable[Finding]]
    needs_association: bool = False
    pack: str = ""
    #: Key paths of the document the rule reads (``$.gender_analysis``), so findings can
    #: name the place in a form they came from. Optional; empty means not declared.
    fields: tuple[str, ...] = ()
    #: Message templates of the rule's remedies, by key, in every language.
    remedies: Mapping[str, Mapping[str, str]] = attrs.field(factory=dict)

    @property
    def prefix(self) -> str:
        """The code's family prefix: the letters before the number (``FP`` of ``FP001``)."""
        return self.code.rstrip("0123456789")

    def param(self, name: str) -> Param | None:
        """The declared parameter of this name, if any."""
        for param in self.params:
            if param.name == name:
                return param
        return None


def rule(
    *,
    code: str,
    name: str = "",
    scope: Scope,
    severity: Severity,
    source: Source,
    title: Mapping[str, str],
    messages: Mapping[str, Mapping[str, str]],
    explanation: Mapping[str, Explanation],
    params: Iterable[Param] = (),
    needs_association: bool = False,
    fields: Iterable[str] = (),
    remedies: Mapping[str, Mapping[str, str]] | None = None,
) -> Callable[[Callable[..., Iterable[Finding]]], Rule]:
    """Declare a rule; the decorated function becomes the rule's check.

    ``name`` defaults to the function's name in kebab case (``def budget_consistency``
    gives ``budget-consistency``). Every message key used by the function must have a
    template in both languages; that is checked here, once, when the plugin module is
    imported.
    """

    def decorate(function: Callable[..., Iterable[Finding]]) -> Rule:
        for key, templates in messages.items():
            missing = [lang for lang in LANGS if lang not in templates]
            if missing:
                raise ValueError(f"{code}: message {key!r} lacks {missing}")
        for key, templates in (remedies or {}).items():
            missing = [lang for lang in LANGS if lang not in templates]
            if missing:
                raise ValueError(f"{code}: remedy {key!r} lacks {missing}")
        for lang in LANGS:
            if lang not in title or lang not in explanation:
                raise ValueError(f"{code}: title or explanation lacks {lang!r}")
        return Rule(
            code=code,
            name=name or function.__name__.strip("_").replace("_", "-"),
            scope=scope,
            severity=severity,
            source=source,
            title=title,
            messages=messages,
            explanation=explanation,
            params=tuple(params),
            function=function,
            needs_association=needs_association,
            fields=tuple(fields),
            remedies=remedies or {},
        )

    return decorate


class FindingStatus(enum.StrEnum):
    """Whether a finding is a result of the rule, or says the rule could not judge."""

    FINDING = "finding"
    NOT_EVALUATED = "not_evaluated"


@attrs.frozen
class Change:
    """One edit of a document: set the value at ``path`` (a key path as in input errors,
    ``$.period.end``, ``$.budget[0].total``) to ``value`` (plain data: a number, text,
    date, or a list or table of them; a list replaces the whole list)."""

    path: str
    value: Any


@attrs.frozen
class Remedy:
    """What would make a rule pass: the nearest change of the document, as edits of its
    data, and a message saying it in every language (rendered like a finding's)."""

    key: str
    changes: tuple[Change, ...]
    templates: Mapping[str, str]
    values: Mapping[str, Any] = attrs.field(factory=dict, eq=False, repr=False)
    #: Whether the changes describe a document to add (a report that is due), made from
    #: an empty table, rather than edits of the finding's own document.
    new_document: bool = False
    #: The key path of a free text the applicant must write or complete (``$.gender_analysis``)
    #: when the remedy names what to write rather than computing the edit: its changes are
    #: then empty, since no rule invents the document's text.
    path: str = ""
    _rendered: dict[str, str] = attrs.field(factory=dict, eq=False, repr=False)

    def message(self, lang: str) -> str:
        """The remedy's message in ``sv`` or ``en`` (rendered when first asked for)."""
        if lang not in self._rendered:
            self._rendered[lang] = render_template(self.templates[lang], lang, self.values)
        return self._rendered[lang]


@attrs.frozen
class Finding:
    """One thing a rule found, with everything a board member needs to check it by hand."""

    code: str
    severity: Severity
    status: FindingStatus
    key: str
    templates: Mapping[str, str]
    source: Source
    params: Mapping[str, Any]
    figures: Mapping[str, Any]
    subject: str = ""
    pack: str = ""
    waived_by: Any = None
    param_sources: Mapping[str, str] = attrs.field(factory=dict)
    values: Mapping[str, Any] = attrs.field(factory=dict, eq=False, repr=False)
    _rendered: dict[str, str] = attrs.field(factory=dict, eq=False, repr=False)
    #: Where in the applicant's own form the values this finding concerns were read
    #: (``Ansökan!B12``, ``avsnitt Jämställdhetsanalys``); empty for TOML documents.
    places: tuple[str, ...] = attrs.field(default=(), eq=False)
    #: The nearest change of the document that makes the rule pass, when the rule could
    #: compute one (see :meth:`Check.remedy`); ``None`` otherwise.
    remedy: Remedy | None = attrs.field(default=None, eq=False)

    def message(self, lang: str) -> str:
        """The finding's message in ``sv`` or ``en`` (rendered when first asked for)."""
        if lang not in self._rendered:
            self._rendered[lang] = render_template(self.templates[lang], lang, self.values)
        return self._rendered[lang]

    @property
    def messages(self) -> dict[str, str]:
        """The message in every language."""
        return {lang: self.message(lang) for lang in LANGS}

    @property
    def level(self) -> Severity:
        """The severity this finding counts at: a rule that could not judge counts at least
        as an error, whatever its severity."""
        if self.status is FindingStatus.NOT_EVALUATED:
            return max(self.severity, Severity.ERROR)
        return self.severity

    def counts_at(self, threshold: Severity) -> bool:
        """The one answer to "does this finding count?", for the verdict, ``--fail-on``, the
        completion letter and a goal: not waived, and at or above ``threshold`` at its
        :attr:`level`."""
        return self.waived_by is None and self.level >= threshold

    @property
    def blocks_approval(self) -> bool:
        """Whether this finding alone keeps the verdict from *tillstyrks*."""
        return self.counts_at(Severity.ERROR)


class NotEvaluable(Exception):
    """Raised inside a rule when the data it needs is missing."""

    def __init__(self, key: str, **figures: Any):
        super().__init__(key)
        self.key = key
        self.figures = figures


#: Messages shared by every rule for the ways a rule can fail to judge (read-only).
COMMON_MESSAGES: Mapping[str, Mapping[str, str]] = freeze(
    {
        "no_association": TEXTS["finding.no_association"],
        "rule_crashed": TEXTS["finding.rule_crashed"],
    }
)


@attrs.define
class Check:
    """What a rule sees while it judges one document or portfolio.

    ``params`` are the resolved parameter values for this document's date; ``association``
    is the association the document belongs to, when known; ``application_for`` finds the
    application of a project in the same portfolio, when one is known; ``settings`` are the
    named policy settings in force (see the ``register_settings`` hook), shared by every rule
    that reads them.
    """

    rule: Rule
    params: Mapping[str, Any]
    as_of: dt.date
    association: Any = None
    application_for: Callable[[str], Any] = lambda project: None
    portfolio: Any = None
    severity: Severity | None = None
    settings: Mapping[str, Any] = attrs.field(factory=dict)
    param_sources: Mapping[str, str] = attrs.field(factory=dict)

    def _make(
        self,
        key: str,
        severity: Severity,
        status: FindingStatus,
        subject: str,
        figures: dict[str, Any],
        remedy: Remedy | None = None,
    ) -> Finding:
        templates = self.rule.messages.get(key) or COMMON_MESSAGES[key]
        # The figures as shown (plain values; words for the messages, keys ending in _sv or
        # _en, are not figures) are the figures given when those are plain already, and the
        # message's values are the figures over the parameters: no copy of either, so a rule
        # that finds thousands of things (a goal over every report) keeps no copies.
        shown = figures
        if not all(type(v) in PLAIN_TYPES for v in figures.values()) or any(
            k.endswith(("_sv", "_en")) for k in figures
        ):
            shown = {k: _plain(v) for k, v in figures.items() if not k.endswith(("_sv", "_en"))}
        params = self.params
        return Finding(
            code=self.rule.code,
            severity=severity,
            status=status,
            key=key,
            templates=templates,
            values=ChainMap(figures, params) if params else figures,  # type: ignore[arg-type]  # read only
            source=self.rule.source,
            params=params,
            figures=shown,
            subject=subject,
            pack=self.rule.pack,
            param_sources=self.param_sources,
            remedy=remedy,
        )

    @property
    def effective_severity(self) -> Severity:
        """The rule's severity after the policy's override."""
        return self.severity or self.rule.severity

    def finding(self, key: str, subject: str = "", **figures: Any) -> Finding:
        """A finding at the rule's (possibly overridden) severity. The keyword ``remedy``
        (not a figure) attaches the remedy made by :meth:`remedy`, or ``None``."""
        remedy = figures.pop("remedy", None)
        return self._make(key, self.effective_severity, FindingStatus.FINDING, subject, figures, remedy)

    def note(self, key: str, subject: str = "", **figures: Any) -> Finding:
        """An informational finding (a point in favour, or a figure shown for information);
        ``remedy`` as for :meth:`finding`."""
        remedy = figures.pop("remedy", None)
        return self._make(key, Severity.INFO, FindingStatus.FINDING, subject, figures, remedy)

    def remedy(
        self,
        key: str,
        changes: Iterable[Change],
        new_document: bool = False,
        path: str = "",
        **figures: Any,
    ) -> Remedy:
        """A remedy from the rule's ``remedies`` template ``key``: the ``changes`` that make
        the rule pass (edits of the document, or with ``new_document`` the keys of a document
        to add), and the figures its message shows (formatted as in messages). With ``path``
        (the key path of a text the applicant must write) and no changes, the message names
        what the text must say."""
        return Remedy(
            key=key,
            changes=tuple(changes),
            templates=self.rule.remedies[key],
            values={**self.params, **figures},
            new_document=new_document,
            path=path,
        )

    def not_evaluated(self, key: str, subject: str = "", **figures: Any) -> Finding:
        """A finding that the rule could not judge; keeps the verdict from *tillstyrks*."""
        return self._make(key, self.effective_severity, FindingStatus.NOT_EVALUATED, subject, figures)

    def require_association(self) -> Any:
        """The association, or :class:`NotEvaluable` when it is not known."""
        if self.association is None:
            raise NotEvaluable("no_association")
        return self.association


#: Types a finding's figures may hold as they are (they are written to JSON and records);
#: anything else is made plain by :func:`_plain`, and the engine refuses what is not.
PLAIN_TYPES = frozenset({int, float, bool, str, type(None), dt.date})


def _plain(value: Any) -> Any:
    """Figures as plain JSON-able values: exact fractions become rounded decimals."""
    if isinstance(value, Fraction):
        return round(float(value), 4)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def explain(sv: Explanation | tuple[str, ...], en: Explanation | tuple[str, ...]) -> dict[str, Explanation]:
    """Explanations in both languages: ``explain(sv=Explanation(what=..., why=...,
    example=...), en=Explanation(...))``. A tuple ``(what, why, example[, source])`` is
    accepted too."""
    return {
        "sv": sv if isinstance(sv, Explanation) else Explanation(*sv),
        "en": en if isinstance(en, Explanation) else Explanation(*en),
    }


def law(reference: str) -> Source:
    """A source in Lag (2003:1210) or its preparatory works."""
    return Source(SourceKind.LAW, reference)


def national(reference: str) -> Source:
    """A source in the guidance of Nationella rådet för finansiell samordning."""
    return Source(SourceKind.NATIONAL, reference)


def plan(reference: str) -> Source:
    """A source in the association's verksamhetsplan."""
    return Source(SourceKind.PLAN, reference)
