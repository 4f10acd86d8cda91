"""The one cattrs converter that turns parsed TOML into the domain model.

It is strict: unknown keys are errors (a typo must not silently drop a field), an integer
is never accepted where text is expected nor a float where whole kronor are, and a period
that ends before it starts is refused. Every failure is a :class:`~finsam_rules.errors.Problem`
with the key path, collected from cattrs' grouped exceptions by :func:`problems_from`.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import typing
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import attrs
import cattrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn

from finsam_rules import model
from finsam_rules.errors import FieldError, Problem, type_name
from finsam_rules.structure_fast import FastFn, make_fast

ORG_NUMBER = re.compile(r"[0-9]{6}-[0-9]{4}")


def _strict_int(value: Any, _: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise FieldError("type", expected="integer", got=type_name(value))
    if abs(value) > MAX_NUMBER:
        raise FieldError("too_big", limit=MAX_NUMBER)
    return value


#: Largest amount (kronor) or count accepted: far above any association's figures, and low
#: enough that every number can be printed and compared.
MAX_NUMBER = 10**12


def _non_negative(expected: str) -> Callable[[Any, Any], int]:
    def hook(value: Any, _: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise FieldError("type", expected=expected, got=f"{type_name(value)} {value!r}")
        if value < 0:
            raise FieldError("negative", got=value)
        if value > MAX_NUMBER:
            raise FieldError("too_big", limit=MAX_NUMBER)
        return value

    return hook


def _signed_kronor(value: Any, _: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise FieldError("type", expected="kronor", got=f"{type_name(value)} {value!r}")
    if abs(value) > MAX_NUMBER:
        raise FieldError("too_big", limit=MAX_NUMBER)
    return value


def _share(value: Any, _: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise FieldError("type", expected="number", got=type_name(value))
    if not 0 <= value <= 1:
        raise FieldError("share_range", got=value)
    return float(value)


def _text(value: Any, _: Any) -> str:
    if not isinstance(value, str):
        raise FieldError("type", expected="text", got=type_name(value))
    return value


def _ident(value: Any, _: Any) -> str:
    text = _text(value, None)
    if not text.strip():
        raise FieldError("empty_text")
    return text


def _boolean(value: Any, _: Any) -> bool:
    if not isinstance(value, bool):
        raise FieldError("type", expected="boolean", got=type_name(value))
    return value


def _date(value: Any, _: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        raise FieldError("date", got=value.isoformat())
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise FieldError("date", got=repr(value)) from None
    raise FieldError("date", got=type_name(value))


def _enum_hook(cls: type[enum.Enum]) -> Callable[[Any, Any], enum.Enum]:
    allowed = [member.value for member in cls]

    def hook(value: Any, _: Any) -> enum.Enum:
        if not isinstance(value, str):
            raise FieldError("type", expected="text", got=type_name(value))
        try:
            return cls(value)
        except ValueError:
            raise FieldError("enum", allowed=allowed, got=value) from None

    return hook


#: The outcomes' names, in the model's order (iterating an enum is slow: once, here).
_OUTCOMES = tuple(o.value for o in model.Outcome)


def _measure(value: Any, _: Any) -> model.Measure:
    """One outcome (a text) or several (a non-empty list of texts, each once)."""
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not items:
        raise FieldError("measure", allowed=list(_OUTCOMES), got=type_name(value))
    for index, item in enumerate(items):
        if not isinstance(item, str) or item not in _OUTCOMES:
            where = "" if isinstance(value, str) else f"[{index}]"
            raise FieldError("enum", subpath=where, allowed=list(_OUTCOMES), got=item)
    if len(set(items)) != len(items):
        raise FieldError("measure_repeat", got=next(i for i in items if items.count(i) > 1))
    return model.as_measure(items)


def _validate_decision(app: model.Application) -> None:
    """An early end lies inside the period; no more money returns than was granted."""
    decision = app.decision
    if decision is None:
        return
    if decision.ended is not None and not app.period.start <= decision.ended <= app.period.end:
        raise FieldError(
            "ended_outside",
            subpath=".decision.ended",
            ended=decision.ended,
            start=app.period.start,
            end=app.period.end,
        )
    granted = decision.amount if decision.amount is not None else app.requested
    if decision.returned is not None and granted is not None and decision.returned > granted:
        raise FieldError(
            "returned_above", subpath=".decision.returned", returned=decision.returned, granted=granted
        )


def _free_table(value: Any, _: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise FieldError("not_a_table", got=type_name(value))
    return value


def _validate(obj: Any) -> None:
    """Structural checks that make a value meaningless when they fail."""
    if isinstance(obj, model.Period) and obj.end < obj.start:
        raise FieldError("period_order", subpath=".end", start=obj.start, end=obj.end)
    if (
        isinstance(obj, model.TargetGroup)
        and obj.age_min is not None
        and obj.age_max is not None
        and obj.age_max < obj.age_min
    ):
        raise FieldError("age_order", subpath=".age_max", age_min=obj.age_min, age_max=obj.age_max)
    if isinstance(obj, model.Application):
        _validate_decision(obj)
    if isinstance(obj, model.Association):
        if not ORG_NUMBER.fullmatch(obj.org_number):
            raise FieldError("org_number", subpath=".org_number", got=obj.org_number)
        seen: set[str] = set()
        for index, member in enumerate(obj.members):
            if member.id in seen:
                raise FieldError("duplicate_member", subpath=f".members[{index}].id", id=member.id)
            seen.add(member.id)
        _validate_municipal_key(obj)
        if obj.cost_centre_totals is not None and not obj.cost_centres:
            raise _located(
                ".cost_centre_totals",
                "[cost_centre_totals] anger summor men tabellens rader ([[cost_centres]]) saknas",
                "[cost_centre_totals] states totals but the table's rows ([[cost_centres]]) are missing",
            )


def _located(subpath: str, sv: str, en: str) -> FieldError:
    """A structural error in both languages at a key path below the current table."""
    return FieldError("invalid", subpath=subpath, detail={"sv": sv, "en": en})


def _decimal_text(value: Fraction, lang: str) -> str:
    text = f"{float(value):.6f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if lang == "sv" else text


def _validate_municipal_key(obj: model.Association) -> None:
    """An agreed municipal key names its source and gives every municipality a share; the
    shares together are exactly 1. ``agreed_share`` means nothing elsewhere."""
    agreed = obj.municipal_key is model.MunicipalKey.AGREED
    for index, member in enumerate(obj.members):
        if member.agreed_share is None:
            continue
        where = f".members[{index}].agreed_share"
        if member.kind is not model.MemberKind.MUNICIPALITY:
            raise _located(
                where,
                f"agreed_share gäller bara kommuner; {member.id!r} är inte en kommun",
                f"agreed_share applies to municipalities only; {member.id!r} is not one",
            )
        if not agreed:
            raise _located(
                where,
                'agreed_share används bara med municipal_key = "agreed" (ange nyckeln, '
                "annars fördelas kommunernas fjärdedel efter befolkning)",
                'agreed_share is used only with municipal_key = "agreed" (state the key; '
                "otherwise the municipal quarter is split by population)",
            )
    if not agreed:
        return
    if not obj.municipal_key_source.strip():
        raise _located(
            ".municipal_key_source",
            'med municipal_key = "agreed" ska källan anges, t.ex. "Förbundsordningen § 9"',
            'with municipal_key = "agreed" the source must be stated, e.g. "Förbundsordningen § 9"',
        )
    total = Fraction(0)
    for index, member in enumerate(obj.members):
        if member.kind is not model.MemberKind.MUNICIPALITY:
            continue
        if member.agreed_share is None:
            raise FieldError("missing", subpath=f".members[{index}].agreed_share")
        total += Fraction(str(member.agreed_share))
    if total != 1:
        raise _located(
            ".members",
            f"kommunernas agreed_share blir tillsammans {_decimal_text(total, 'sv')}, inte 1",
            f"the municipalities' agreed_share add up to {_decimal_text(total, 'en')}, not 1",
        )


def _attrs_factory(converter: cattrs.Converter) -> Callable[[type], Any]:
    def factory(cls: type) -> Any:
        # cattrs' function for the class is made when the converter first structures one
        # (for most documents the fast path does, and it is never needed).
        generated: Any = None

        def hook(value: Any, _: Any) -> Any:
            nonlocal generated
            if not isinstance(value, dict):
                raise FieldError("not_a_table", got=type_name(value))
            if generated is None:
                generated = make_dict_structure_fn(cls, converter, _cattrs_forbid_extra_keys=True)
            obj = generated(value, cls)
            _validate(obj)
            return obj

        return hook

    return factory


def _is_homogeneous_tuple(tp: Any) -> bool:
    args = typing.get_args(tp)
    return typing.get_origin(tp) is tuple and len(args) == 2 and args[1] is Ellipsis


def _tuple_factory(converter: cattrs.Converter) -> Callable[[Any], Any]:
    def factory(tp: Any) -> Any:
        item_type = typing.get_args(tp)[0]
        expected = "list_of_tables" if attrs.has(item_type) else "list"

        def hook(value: Any, _: Any) -> tuple[Any, ...]:
            if not isinstance(value, list):
                raise FieldError("type", expected=expected, got=type_name(value))
            items, errors = [], []
            for index, item in enumerate(value):
                try:
                    items.append(converter.structure(item, item_type))
                except Exception as exc:
                    exc.__notes__ = [
                        *getattr(exc, "__notes__", []),
                        IterableValidationNote(f"@ index {index}", index, item_type),
                    ]
                    errors.append(exc)
            if errors:
                raise IterableValidationError(f"While structuring {tp}", errors, tp)
            return tuple(items)

        return hook

    return factory


#: The hooks for whole kronor and counts (kept, so the fast path can tell they are in use).
KRONOR_HOOK = _non_negative("kronor")
COUNT_HOOK = _non_negative("integer")
#: The hook of each enum of the model.
ENUM_HOOKS: dict[type[enum.Enum], Callable[[Any, Any], enum.Enum]] = {
    cls: _enum_hook(cls)
    for cls in (
        model.MemberKind,
        model.ApplicationKind,
        model.ReportKind,
        model.DecisionStatus,
        model.Gender,
        model.Outcome,
        model.Horizon,
        model.Denominator,
        # Contract version 2: how the municipalities split their quarter.
        model.MunicipalKey,
    )
}


def make_converter() -> cattrs.Converter:
    """Build the converter with every hook of the domain model registered."""
    converter = cattrs.Converter(forbid_extra_keys=True)
    converter.register_structure_hook(int, _strict_int)
    converter.register_structure_hook(model.Kronor, KRONOR_HOOK)
    converter.register_structure_hook(model.SignedKronor, _signed_kronor)
    converter.register_structure_hook(model.Count, COUNT_HOOK)
    converter.register_structure_hook(model.Share, _share)
    converter.register_structure_hook(model.Ident, _ident)
    converter.register_structure_hook(str, _text)
    converter.register_structure_hook(bool, _boolean)
    converter.register_structure_hook(dt.date, _date)
    converter.register_structure_hook(model.Measure, _measure)
    converter.register_structure_hook_func(lambda t: t == dict[str, Any], _free_table)
    # Registered per class: the hook for ``str`` would otherwise win for string enums.
    for enum_cls, hook in ENUM_HOOKS.items():
        converter.register_structure_hook(enum_cls, hook)
    converter.register_structure_hook_factory(_is_homogeneous_tuple, _tuple_factory(converter))
    converter.register_structure_hook_factory(attrs.has, _attrs_factory(converter))
    return converter


converter = make_converter()


def problems_from(exc: BaseException, path: str = "$") -> list[Problem]:
    """Flatten cattrs' grouped validation errors into problems with key paths."""
    if isinstance(exc, IterableValidationError):
        problems: list[Problem] = []
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            problems.extend(problems_from(sub, f"{path}[{note.index}]"))
        for sub in without:
            problems.extend(problems_from(sub, path))
        return problems
    if isinstance(exc, ClassValidationError):
        problems = []
        class_notes, without = exc.group_exceptions()
        for sub, attribute_note in class_notes:
            problems.extend(problems_from(sub, f"{path}.{attribute_note.name}"))
        for sub in without:
            problems.extend(problems_from(sub, path))
        return problems
    if isinstance(exc, ForbiddenExtraKeysError):
        allowed = [a.name for a in attrs.fields(exc.cl)] if attrs.has(exc.cl) else []
        extra = sorted(exc.extra_fields)
        details: dict[str, Any] = {"keys": extra, "allowed": allowed}
        near = nearest_keys(extra, allowed)
        if near:
            details["near"] = near
        return [Problem(f"{path}.{extra[0]}" if len(extra) == 1 else path, "unknown_keys", details)]
    if isinstance(exc, KeyError):
        return [Problem(path, "missing")]
    if isinstance(exc, FieldError):
        return [Problem(path + exc.subpath, exc.code, exc.details)]
    return [Problem(path, "invalid", {"detail": str(exc)})]


#: How alike (difflib's ratio) an unknown key and a known one must be to be suggested:
#: ``titel``/``title`` (0.8) are, ``zebra``/``extra`` (0.6) are not.
NEAR_CUTOFF = 0.75


def nearest_keys(unknown: list[str], allowed: list[str]) -> list[tuple[str, str]]:
    """For each unknown key that looks like a typo of an allowed one, the pair (unknown key,
    nearest allowed key), by :mod:`difflib`'s similarity; keys with no close match are left
    out (``"did you mean 'title'?"`` only when there is something to mean)."""
    import difflib

    pairs = []
    for key in unknown:
        close = difflib.get_close_matches(key, allowed, n=1, cutoff=NEAR_CUTOFF)
        if close:
            pairs.append((key, close[0]))
    return pairs


#: The fast function of each class structured so far (``None``: the converter alone).
_FAST: dict[type, FastFn | None] = {}


def fast_structure(data: Any, cls: type) -> Any:
    """``data`` structured as ``cls`` by the fast path, or ``None`` where the converter has
    to decide (see :mod:`finsam_rules.structure_fast`); never an error."""
    try:
        fast = _FAST[cls]
    except KeyError:
        made = make_fast(cls, converter.get_structure_hook, MAX_NUMBER) if attrs.has(cls) else None
        fast = _FAST[cls] = made
    if fast is None:
        return None
    try:
        return fast(data)
    except Exception:  # anything not exactly as expected: the converter gives the message
        return None


def structure(data: dict[str, Any], cls: type, *, fast: bool = True) -> Any:
    """Structure ``data`` as ``cls``; raises :class:`StructureFailure` with the problems.

    The fast path is tried first (``fast=False`` skips it, for data it already refused)."""
    if fast:
        obj = fast_structure(data, cls)
        if obj is not None:
            return obj
    try:
        return converter.structure(data, cls)
    except Exception as exc:
        raise StructureFailure(problems_from(exc)) from None


class StructureFailure(Exception):
    """The data did not fit the model; ``problems`` says where and why."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems
