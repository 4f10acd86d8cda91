"""A fast path for structuring well-formed documents, with the converter as the reference.

:func:`~finsam_rules.converter.structure` first tries the function made here for the class:
plain Python, generated once per attrs class from the same field types and the same checks
the converter's hooks make, without the bookkeeping cattrs needs to report every problem
(notes, grouped exceptions, a dispatch per value). It accepts only what the converter
accepts and builds the same objects (equal, of the same types): the same strict integers
and ranges, texts, dates, enums, lists, unknown keys refused, the same attrs validators and
structural checks (:func:`~finsam_rules.converter._validate`).

It never explains anything: at the first thing that is not exactly as expected (a wrong
type, a missing or unknown key, a value out of range, a failed check) it gives up, and the
converter structures the data again from the start, which gives every message as before.
Where a type has no fast form (anything but the types the model uses today), there is no
fast function and the converter does all the work. ``tests/test_structure_fast.py`` proves
the two agree on the example documents, generated batches and mutated documents.
"""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing
from collections.abc import Callable
from typing import Any

import attrs

from finsam_rules import model

#: A fast structuring function: the object, or :class:`Miss` (or any exception) to say
#: "not here: let the converter decide".
FastFn = Callable[[Any], Any]


class Miss(Exception):
    """The data is not exactly as the fast path expects; the converter decides."""


#: Stands for a key that is not in the data.
_ABSENT = object()


class _NoFastForm(Exception):
    """A type the fast path does not know; its class is left to the converter."""


def _is_optional(tp: Any) -> bool:
    args = typing.get_args(tp)
    return typing.get_origin(tp) in (typing.Union, types.UnionType) and len(args) == 2 and type(None) in args


def _homogeneous_item(tp: Any) -> Any:
    args = typing.get_args(tp)
    if typing.get_origin(tp) is tuple and len(args) == 2 and args[1] is Ellipsis:
        return args[0]
    return None


class _Generator:
    """Writes the source of one function per attrs class, with every check inline."""

    def __init__(self, hooks: Callable[[Any], Any], limit: int) -> None:
        self.hooks = hooks
        self.names: dict[str, Any] = {
            "Miss": Miss,
            "_ABSENT": _ABSENT,
            "_date": dt.date,
            "_fromisoformat": dt.date.fromisoformat,
            "_MAX": limit,
            "_new": object.__new__,
        }
        self.functions: dict[type, str] = {}
        self.sources: list[str] = []
        self.counter = 0

    def name_for(self, value: Any, stem: str) -> str:
        self.counter += 1
        name = f"_{stem}_{self.counter}"
        self.names[name] = value
        return name

    # -- one value: lines that check ``v`` and leave the structured value in ``v`` --------
    def value(self, tp: Any, v: str, indent: str) -> list[str]:
        lines = self._value(tp, v, indent)
        if not _converter_uses(self.hooks(tp), tp):  # the converter structures it otherwise
            raise _NoFastForm(tp)
        return lines

    def _value(self, tp: Any, v: str, indent: str) -> list[str]:
        from finsam_rules import converter as conv

        miss = f"{indent}    raise Miss"
        if tp is str:
            return [f"{indent}if type({v}) is not str:", miss]
        if tp is model.Ident:
            return [f"{indent}if type({v}) is not str or not {v}.strip():", miss]
        if tp is int or tp is model.SignedKronor:
            return [f"{indent}if type({v}) is not int or not -_MAX <= {v} <= _MAX:", miss]
        if tp is model.Kronor or tp is model.Count:
            return [f"{indent}if type({v}) is not int or not 0 <= {v} <= _MAX:", miss]
        if tp is bool:
            return [f"{indent}if type({v}) is not bool:", miss]
        if tp is model.Share:
            return [
                f"{indent}if (type({v}) is not float and type({v}) is not int) or not 0 <= {v} <= 1:",
                miss,
                f"{indent}{v} = float({v})",
            ]
        if tp is dt.date:
            return [
                f"{indent}if type({v}) is not _date:",
                f"{indent}    if type({v}) is not str:",
                f"{indent}        raise Miss",
                f"{indent}    {v} = _fromisoformat({v})",
            ]
        if tp is model.Measure:
            hook = self.name_for(conv._measure, "measure")
            return [f"{indent}{v} = {hook}({v}, None)"]
        if tp == dict[str, Any]:
            return [f"{indent}if type({v}) is not dict:", miss]
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            if not issubclass(tp, str):
                raise _NoFastForm(tp)
            members = self.name_for(dict(tp._value2member_map_), "members")
            return [
                f"{indent}if type({v}) is not str:",
                miss,
                f"{indent}{v} = {members}.get({v})",
                f"{indent}if {v} is None:",
                miss,
            ]
        if _is_optional(tp):
            (inner,) = [a for a in typing.get_args(tp) if a is not type(None)]
            return [f"{indent}if {v} is not None:", *self.value(inner, v, indent + "    ")]
        item = _homogeneous_item(tp)
        if item is not None:
            item_var = f"x{len(indent)}"
            lines = [f"{indent}if type({v}) is not list:", miss]
            body = self.value(item, item_var, indent + "    ")
            if all(f"{item_var} =" not in line for line in body):  # checks only: the items as they are
                return [*lines, f"{indent}for {item_var} in {v}:", *body, f"{indent}{v} = tuple({v})"]
            items = f"items{len(indent)}"
            return [
                *lines,
                f"{indent}{items} = []",
                f"{indent}for {item_var} in {v}:",
                *body,
                f"{indent}    {items}.append({item_var})",
                f"{indent}{v} = tuple({items})",
            ]
        if attrs.has(tp):
            return [f"{indent}{v} = {self.function(tp)}({v})"]
        raise _NoFastForm(tp)

    # -- one attrs class --------------------------------------------------------------------
    def function(self, cls: type) -> str:
        """The name of the fast function for ``cls`` (written once)."""
        if cls in self.functions:
            return self.functions[cls]
        name = f"fast_{cls.__name__}_{len(self.functions)}"
        self.functions[cls] = name
        attrs.resolve_types(cls)
        fields = attrs.fields(cls)
        keys = self.name_for(frozenset(a.name for a in fields), "keys")
        lines = [
            f"def {name}(o):",
            "    if type(o) is not dict or not o.keys() <= " + keys + ":",
            "        raise Miss",
        ]
        positional: list[str] = []
        keyword: list[str] = []
        for index, field in enumerate(fields):
            if not field.init or field.alias != field.name:
                raise _NoFastForm(cls)
            key = repr(field.name)
            var = f"f{index}"
            (keyword if field.kw_only else positional).append(f"{field.name}={var}" if field.kw_only else var)
            if field.default is attrs.NOTHING:
                lines.append(f"    {var} = o[{key}]")
                lines.extend(self.value(field.type, var, "    "))
                continue
            lines.append(f"    {var} = o.get({key}, _ABSENT)")
            lines.append(f"    if {var} is _ABSENT:")
            default = field.default
            if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
                if default.takes_self:
                    raise _NoFastForm(cls)
                lines.append(f"        {var} = {self.name_for(default.factory, 'factory')}()")
            else:
                lines.append(f"        {var} = {self.name_for(default, 'default')}")
            lines.append("    else:")
            lines.extend(self.value(field.type, var, "        "))
        if _plain_init(cls):
            # Exactly what attrs' __init__ does for such a class, without the call: each
            # slot set in order.
            lines.append(f"    obj = _new({self.name_for(cls, 'cls')})")
            for index, field in enumerate(fields):
                setter = self.name_for(_slot(cls, field.name).__set__, "set")
                lines.append(f"    {setter}(obj, f{index})")
        else:
            arguments = ", ".join(positional + keyword)
            lines.append(f"    obj = {self.name_for(cls, 'cls')}({arguments})")
        if issubclass(cls, _VALIDATED):
            from finsam_rules.converter import _validate

            lines.append(f"    {self.name_for(_validate, 'validate')}(obj)")
        lines.append("    return obj")
        self.sources.append("\n".join(lines))
        return name


def _plain_init(cls: type) -> bool:
    """Whether attrs' ``__init__`` of ``cls`` only sets each field's slot: a slotted class
    without validators, converters, hooks before or after ``__init__`` or on setting."""
    if "__slots__" not in cls.__dict__ or any(
        hasattr(cls, hook) for hook in ("__attrs_pre_init__", "__attrs_post_init__", "__attrs_init__")
    ):
        return False
    return all(
        f.validator is None
        and f.converter is None
        and f.on_setattr in (None, attrs.setters.NO_OP)
        and type(_slot(cls, f.name)) is _SLOT
        for f in attrs.fields(cls)
    )


def _slot(cls: type, name: str) -> Any:
    """The slot of the field ``name`` (on ``cls`` or the attrs class it extends)."""
    for base in cls.__mro__:
        if name in base.__dict__:
            return base.__dict__[name]
    return None


_SLOT = type(type("_Slotted", (), {"__slots__": ("x",)}).__dict__["x"])


#: The classes whose objects :func:`~finsam_rules.converter._validate` checks (by
#: ``isinstance``, so their subclasses too); for the others it does nothing.
_VALIDATED = (model.Period, model.TargetGroup, model.Application, model.Association)


def _converter_uses(hook: Any, tp: Any) -> bool:
    """Whether ``hook``, the converter's hook for ``tp``, is the one whose checks the fast
    form writes out: the fast form is only used while the converter structures the type
    that way (a hook registered for it later, and the class goes the converter's way)."""
    from cattrs import BaseConverter

    from finsam_rules import converter as conv

    expected = _expected_hook(tp)
    if expected is not None:
        return hook is expected
    if _is_optional(tp):
        return getattr(hook, "__func__", None) is BaseConverter._structure_optional
    if tp == dict[str, Any]:
        return hook is conv._free_table
    made_by = getattr(hook, "__module__", None), getattr(hook, "__qualname__", None)
    if _homogeneous_item(tp) is not None:
        return made_by == (conv.__name__, "_tuple_factory.<locals>.factory.<locals>.hook")
    if attrs.has(tp):
        return made_by == (conv.__name__, "_attrs_factory.<locals>.factory.<locals>.hook")
    return False


def _expected_hook(tp: Any) -> Any:
    """The converter's own hook for a type whose check the fast path writes out."""
    from finsam_rules import converter as conv

    simple: dict[Any, Any] = {
        str: conv._text,
        model.Ident: conv._ident,
        int: conv._strict_int,
        model.SignedKronor: conv._signed_kronor,
        bool: conv._boolean,
        model.Share: conv._share,
        dt.date: conv._date,
        model.Measure: conv._measure,
        model.Kronor: conv.KRONOR_HOOK,
        model.Count: conv.COUNT_HOOK,
    }
    if tp in simple:
        return simple[tp]
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return conv.ENUM_HOOKS.get(tp, _NO_HOOK)
    return None


#: Stands for "the converter has no hook of its own for this enum": never the one in use.
_NO_HOOK = object()


def make_fast(cls: type, hooks: Callable[[Any], Any], limit: int) -> FastFn | None:
    """The fast structuring function for the attrs class ``cls``, or ``None`` where one of
    its types (or a nested class's) has no fast form. ``hooks`` gives the converter's hook
    for a type (``Converter.get_structure_hook``) and ``limit`` its largest number
    (:data:`~finsam_rules.converter.MAX_NUMBER`)."""
    generator = _Generator(hooks, limit)
    try:
        if not _converter_uses(hooks(cls), cls):  # a hook of its own for the class
            raise _NoFastForm(cls)
        name = generator.function(cls)
    except _NoFastForm:
        return None
    namespace = dict(generator.names)
    source = "\n\n".join(generator.sources)
    exec(compile(source, f"<fast structure {cls.__name__}>", "exec"), namespace)
    function: FastFn = namespace[name]
    return function


def source_of(cls: type, hooks: Callable[[Any], Any], limit: int) -> str:
    """The generated source for ``cls`` (for tests and for reading)."""
    generator = _Generator(hooks, limit)
    generator.function(cls)
    return "\n\n".join(generator.sources)
