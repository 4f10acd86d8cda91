"""Swedish and English number, money, share and date formats for people.

Amounts are whole kronor; shares are exact fractions. Rounding is half-up on exact
values, so the same input always prints the same text on every machine.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import string
from collections.abc import Callable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

LANGS = ("sv", "en")


def to_fraction(value: float | int | Fraction | Decimal) -> Fraction:
    """An exact fraction from a number read from TOML (``0.7`` becomes ``7/10``)."""
    if isinstance(value, Fraction):
        return value
    if isinstance(value, float):
        return _float_fraction(value)
    return Fraction(value)


@functools.lru_cache(maxsize=1024)
def _float_fraction(value: float) -> Fraction:
    return Fraction(repr(value))


def _round(value: Fraction, decimals: int) -> Decimal:
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def round_half_up(value: Fraction | float | int) -> int:
    """A whole number rounded half up, as the reports print it (not Python's half-even)."""
    return int(_round(to_fraction(value), 0))


def group_digits(number: int | Decimal, lang: str) -> str:
    """``1895000`` as ``1 895 000`` (sv) or ``1,895,000`` (en); decimals with a comma in sv."""
    text = f"{number:,}"
    if lang == "sv":
        return text.replace(",", " ").replace(".", ",")
    return text


def format_number(number: int | float | Fraction | Decimal, lang: str, decimals: int = 0) -> str:
    """A number with grouped digits, rounded half-up to ``decimals`` places."""
    if isinstance(number, int) and not isinstance(number, bool) and decimals == 0:
        return group_digits(number, lang)
    rounded = _round(to_fraction(number), decimals)
    if decimals == 0:
        return group_digits(int(rounded), lang)
    return group_digits(rounded, lang)


def unit(key: str, lang: str, number: str) -> str:
    """``number`` (already formatted) with the unit ``key`` of the catalogue in ``lang``:
    ``unit("kr", "sv", "1 895 000")`` is ``1 895 000 kr``, in English ``SEK 1,895,000``
    (the catalogue's ``unit.*`` texts, :mod:`finsam_rules.i18n`)."""
    units = _UNITS.get(lang)
    if units is None:
        from finsam_rules import i18n  # the catalogue formats its texts with this module

        units = _UNITS[lang] = {
            k.removeprefix("unit."): v[lang] for k, v in i18n.TEXTS.items() if k.startswith("unit.")
        }
    return units[key].replace("{n}", number)


_UNITS: dict[str, dict[str, str]] = {}


def format_kr(amount: int, lang: str) -> str:
    """An amount in whole kronor: ``1 895 000 kr``; in English ``SEK 1,895,000``."""
    return unit("kr", lang, group_digits(int(amount), lang))


def format_tkr(amount: int, lang: str) -> str:
    """An amount in thousands of kronor, as the reports of associations print them:
    ``16 692 tkr``; in English ``SEK 16,692 thousand``."""
    return unit("tkr", lang, format_number(Fraction(int(amount), 1000), lang))


def format_share(share: float | Fraction, lang: str, target: float | Fraction | None = None) -> str:
    """A share as a percentage, ``73 %`` in Swedish and ``73%`` in English.

    Whole percent is enough for a board, except where rounding would hide which side of a
    target the share is on (69.6 % shown as "70 %" against a 70 % target): then one more
    decimal is shown until the printed value differs from the target.
    """
    exact = to_fraction(share) * 100
    decimals = 0
    if target is not None:
        goal = to_fraction(target) * 100
        while decimals < 3 and exact != goal and _round(exact, decimals) == _round(goal, decimals):
            decimals += 1
    return unit("pct", lang, format_number(exact, lang, decimals))


def format_share_exact(share: float | Fraction, lang: str) -> str:
    """A parameter's share as it was set, with the decimals it has (up to three):
    ``72,4 %`` for 0.724, ``70 %`` for 0.7."""
    exact = to_fraction(share) * 100
    decimals = 0
    while decimals < 3 and _round(exact, decimals) != exact:
        decimals += 1
    return unit("pct", lang, format_number(exact, lang, decimals))


def format_points(share: float | Fraction, lang: str, target: float | Fraction | None = None) -> str:
    """A difference of shares in percentage points: ``20 procentenheter``."""
    exact = to_fraction(share) * 100
    decimals = 0
    if target is not None:
        goal = to_fraction(target) * 100
        while decimals < 3 and exact != goal and _round(exact, decimals) == _round(goal, decimals):
            decimals += 1
    return unit("pp", lang, format_number(exact, lang, decimals))


def format_date(value: dt.date) -> str:
    """ISO dates in both languages: ``2017-09-01``."""
    return value.isoformat()


def format_plural(count: int, forms: str, lang: str) -> str:
    """``count`` with the singular or plural of ``forms`` (``"fil/filer"``): the singular
    for exactly one, the plural otherwise (``0 filer``, ``1 fil``, ``2 filer``)."""
    one, _, other = forms.partition("/")
    return f"{format_number(count, lang)} {one if count == 1 else (other or one)}"


class FigureFormatter(string.Formatter):
    """``str.format`` with domain format specs for message templates.

    ``{x:kr}`` money, ``{x:tkr}`` thousands, ``{x:pct}`` a share, ``{x:pcte}`` a parameter's
    share with the decimals it has, ``{x:pp}`` percentage
    points (``{x:pp@target}`` as below), ``{x:pct@target}`` a share
    shown with enough decimals to tell it from the figure ``target``, ``{x:n}`` a grouped
    number, ``{x:list}`` a comma-separated list; dates print as ISO dates.
    ``{n:plural@fil/filer}`` a count with its noun in the right number (``1 fil``,
    ``3 filer``); the forms are written in the template of each language.

    Words come from the catalogue (:mod:`finsam_rules.i18n`), so a rule passes a value, not
    a word: ``{x:word}`` an enum member in words (``goal_status.met``: ``uppfyllt``);
    ``{x:word@VOCAB}`` the code ``x`` as the word ``VOCAB.x`` of the catalogue or of a pack's
    words (``{horizon:word@horizon}``: ``helåret``; a code with no word is shown as written);
    ``{xs:words@VOCAB}`` a list of codes so, comma-separated (``inga``/``none`` when empty);
    ``{xs:or@VOCAB}`` and ``{xs:and@VOCAB}`` the same with the last two joined by "eller"/"or"
    or "och"/"and" (``arbete, praktik eller studier``), a list of such lists as groups
    joined by "; "; ``{flag:if@KEY}`` the catalogue text ``KEY``, filled with the message's
    figures, when ``flag`` is true, else nothing; ``{x:else@KEY}`` the text ``x``, or the
    catalogue text ``KEY`` when ``x`` is empty or None (``ingen liknande``), and
    ``{x:else@KEY:kr}`` formats a value that is there with the spec after the colon;
    ``{pairs:entries@KEY}`` a list of ``[label, [item, ...]]`` as ``label (item, item)``, with
    the text ``KEY`` for an empty item list (``2016/0040 (inga kommuner)``), ``–`` when empty.
    """

    def __init__(self, lang: str):
        self.lang = lang
        self.values: Mapping[str, Any] = {}

    def format(self, template: str, /, *args: Any, **values: Any) -> str:
        self.values = values
        return super().format(template, *args, **values)

    def format_field(self, value: Any, format_spec: str) -> str:
        return field_format(format_spec)(value, self.lang, self.values)


#: How one field of a template is written: ``(value, lang, the message's figures) -> text``.
FieldFormat = Callable[[Any, str, Mapping[str, Any]], str]


@functools.lru_cache(maxsize=1024)
def field_format(spec: str) -> FieldFormat:
    """The function that writes a field with format ``spec`` (see :class:`FigureFormatter`),
    chosen once per spec: templates are few and messages many."""
    if spec.startswith(("word", "or@", "and@", "if@", "else@", "entries@")):
        return _word_format(spec)
    if spec.startswith("plural@"):
        forms = spec[7:]
        return lambda value, lang, values: format_plural(value, forms, lang)
    if spec.startswith("pct@"):
        target = spec[4:]
        return lambda value, lang, values: format_share(value, lang, values.get(target))
    if spec.startswith("pp"):
        target = spec[3:]
        return lambda value, lang, values: format_points(value, lang, values.get(target))
    simple: Callable[[Any, str], str] | None = _SIMPLE_FORMATS.get(spec)
    if simple is not None:
        return lambda value, lang, values: simple(value, lang)
    if spec == "list":
        return lambda value, lang, values: ", ".join(str(v) for v in value) if value else "–"
    return lambda value, lang, values: (
        format_date(value) if isinstance(value, dt.date) else format(value, spec)
    )


_SIMPLE_FORMATS: dict[str, Callable[[Any, str], str]] = {
    "kr": format_kr,
    "tkr": format_tkr,
    "pct": format_share,
    "pcte": format_share_exact,
    "n": format_number,
}


def _word_format(spec: str) -> FieldFormat:
    """The word specs: ``word``, ``word@V``, ``words@V``, ``or@V``, ``and@V``, ``if@KEY``,
    ``else@KEY[:SPEC]`` and ``entries@KEY``."""
    from finsam_rules import i18n  # the catalogue formats its texts with this module

    kind, _, vocabulary = spec.partition("@")
    if kind == "if":  # a text of the catalogue may name the message's own figures
        return lambda value, lang, values: (
            render_template(i18n.text_of(vocabulary, lang), lang, values) if value else ""
        )
    if kind == "entries":  # [[label, [item, ...]], ...] as "label (item, item), label (KEY)"

        def entries(value: Any, lang: str, values: Mapping[str, Any]) -> str:
            shown = [
                f"{label} ({', '.join(map(str, items)) or i18n.text_of(vocabulary, lang)})"
                for label, items in value
            ]
            return ", ".join(shown) or "–"

        return entries
    if kind == "else":  # else@KEY, or else@KEY:SPEC to format a value that is there
        key, _, inner = vocabulary.partition(":")
        present = field_format(inner)
        return lambda value, lang, values: (
            i18n.text_of(key, lang)
            if value is None or value == "" or value == []
            else present(value, lang, values)
        )
    if kind == "word" and not vocabulary:
        return lambda value, lang, values: (
            i18n.enum_word(value, lang) if isinstance(value, enum.Enum) else i18n.text_of(str(value), lang)
        )
    if kind == "word":
        return lambda value, lang, values: i18n.word(vocabulary, value, lang)

    def listed(value: Any, lang: str, values: Mapping[str, Any]) -> str:
        if value and all(isinstance(item, list | tuple) for item in value):  # groups: "a eller b; c"
            return "; ".join(listed(item, lang, values) for item in value)
        shown = [i18n.word(vocabulary, item, lang) for item in value]
        if kind in ("or", "and") and len(shown) > 1:
            return ", ".join(shown[:-1]) + i18n.text_of(f"list.{kind}", lang) + shown[-1]
        if kind in ("words", "or", "and"):
            return ", ".join(shown) if shown else i18n.text_of("list.none", lang)
        raise ValueError(f"unknown format spec {spec!r}")

    return listed


@functools.lru_cache(maxsize=4096)
def parsed_template(template: str) -> tuple[tuple[str, str | None, str | None, str | None], ...]:
    """A template split once into literal text and fields (templates are few, uses many)."""
    return tuple(string.Formatter().parse(template))


def render_template(template: str, lang: str, figures: Mapping[str, Any]) -> str:
    """Fill a message template with figures in the formats of ``lang``.

    Fields are plain names (``{months}``, ``{share:pct@target}``, ``{owner!r}``); anything
    more elaborate takes the slower general path of :class:`string.Formatter`."""
    out = []
    for literal, field, conversion, write in _compiled(template):
        out.append(literal)
        if write is None:
            continue
        if field is None:
            formatter = FigureFormatter(lang)
            return formatter.format(template, **figures)
        value = figures[field]
        if conversion == "r":
            value = repr(value)
        elif conversion == "s":
            value = str(value)
        out.append(write(value, lang, figures))
    return "".join(out)


@functools.lru_cache(maxsize=4096)
def _compiled(template: str) -> tuple[_Part, ...]:
    """A template's parts with each field's writer: ``(literal, field, conversion, write)``;
    ``write`` is ``None`` after the last field, and ``field`` is ``None`` for a field that is
    not a plain name (the general path)."""
    parts: list[_Part] = []
    for literal, field, spec, conversion in parsed_template(template):
        if field is None:
            parts.append((literal, None, None, None))
            continue
        plain = field if field.isidentifier() else None
        parts.append((literal, plain, conversion, field_format(spec or "")))
    return tuple(parts)


_Part = tuple[str, str | None, str | None, FieldFormat | None]
