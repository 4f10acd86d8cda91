"""Errors shown to users: what was wrong, in which file, at which key, in their language.

Nothing here is ever shown as a traceback. An :class:`InputError` carries one or more
:class:`Problem` s, each a key path (``$.budget[0].total``), a code and the details the
message needs; :func:`describe` renders it in Swedish or English.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs

from finsam_rules.formatting import render_template

#: Message templates for problems with input, by code and language.
PROBLEM_MESSAGES: dict[str, dict[str, str]] = {
    "missing": {"sv": "obligatorisk nyckel saknas", "en": "required key is missing"},
    "unknown_keys": {
        "sv": "okänd nyckel {keys:list} (stavfel? tillåtna nycklar: {allowed:list}; "
        "egna uppgifter hör hemma under [extra])",
        "en": "unknown key {keys:list} (a typo? allowed keys: {allowed:list}; "
        "custom data belongs under [extra])",
    },
    "type": {"sv": "förväntade {expected}, fick {got}", "en": "expected {expected}, got {got}"},
    "negative": {
        "sv": "förväntade ett belopp eller antal som inte är negativt, fick {got}",
        "en": "expected an amount or count that is not negative, got {got}",
    },
    "too_big": {
        "sv": "talet är orimligt stort (högst {limit:n})",
        "en": "the number is unreasonably large (at most {limit:n})",
    },
    "share_range": {
        "sv": "förväntade en andel mellan 0 och 1 (t.ex. 0.7 för 70 %), fick {got}",
        "en": "expected a share between 0 and 1 (e.g. 0.7 for 70%), got {got}",
    },
    "enum": {
        "sv": "förväntade ett av {allowed:list}, fick {got!r}",
        "en": "expected one of {allowed:list}, got {got!r}",
    },
    "empty_text": {"sv": "förväntade en icke-tom text", "en": "expected a non-empty text"},
    "date": {
        "sv": "förväntade ett datum ÅÅÅÅ-MM-DD, fick {got}",
        "en": "expected a date YYYY-MM-DD, got {got}",
    },
    "period_order": {
        "sv": "slutdatum {end} ligger före startdatum {start}",
        "en": "end date {end} is before start date {start}",
    },
    "age_order": {
        "sv": "högsta ålder {age_max} är lägre än lägsta ålder {age_min}",
        "en": "the oldest age {age_max} is below the youngest age {age_min}",
    },
    "org_number": {
        "sv": "förväntade organisationsnummer NNNNNN-NNNN, fick {got!r}",
        "en": "expected an organisation number NNNNNN-NNNN, got {got!r}",
    },
    "duplicate_member": {
        "sv": "medlemmen {id!r} förekommer flera gånger",
        "en": "member {id!r} appears more than once",
    },
    # Contract version 2: measures, early ends and returned money.
    "measure": {
        "sv": "förväntade ett utfall eller en lista av utfall ({allowed:list}), fick {got}",
        "en": "expected an outcome or a list of outcomes ({allowed:list}), got {got}",
    },
    "measure_repeat": {
        "sv": "utfallet {got!r} förekommer flera gånger i samma mål",
        "en": "the outcome {got!r} appears more than once in the same target",
    },
    "ended_outside": {
        "sv": "det förtida slutdatumet {ended} ligger utanför projektperioden {start}–{end}",
        "en": "the early end {ended} lies outside the project period {start} to {end}",
    },
    "returned_above": {
        "sv": "återbetalt belopp {returned:kr} är större än beviljat belopp {granted:kr}",
        "en": "the returned amount {returned:kr} is larger than the granted amount {granted:kr}",
    },
    "toml": {"sv": "ogiltig TOML: {detail}", "en": "invalid TOML: {detail}"},
    "encoding": {
        "sv": "filen är inte UTF-8-kodad (byte {byte} vid position {position}); spara den som UTF-8",
        "en": "the file is not UTF-8 encoded (byte {byte} at position {position}); save it as UTF-8",
    },
    "empty_file": {"sv": "filen är tom", "en": "the file is empty"},
    "too_large": {
        "sv": "filen är {size:n} byte, större än gränsen {limit:n} byte",
        "en": "the file is {size:n} bytes, larger than the limit of {limit:n} bytes",
    },
    "too_deep": {
        "sv": "tabeller och listor är nästlade djupare än {limit} nivåer",
        "en": "tables and arrays are nested deeper than {limit} levels",
    },
    "unreadable": {"sv": "filen kan inte läsas: {detail}", "en": "the file cannot be read: {detail}"},
    "unreadable_folder": {
        "sv": "mappen kan inte läsas: {detail}",
        "en": "the folder cannot be read: {detail}",
    },
    "not_found": {"sv": "sökvägen finns inte", "en": "the path does not exist"},
    "not_a_file": {
        "sv": "detta är {what}, inte en vanlig fil; den läses inte",
        "en": "this is {what}, not a regular file; it is not read",
    },
    "dangling_link": {
        "sv": "symbolisk länk till något som inte finns",
        "en": "a symbolic link to something that does not exist",
    },
    "year_range": {
        "sv": "förväntade ett år mellan 1 och 9999, fick {got}",
        "en": "expected a year between 1 and 9999, got {got}",
    },
    "not_a_folder": {
        "sv": "detta är en fil; ange portföljmappen (den som innehåller association.toml)",
        "en": "this is a file; give the portfolio folder (the one holding association.toml)",
    },
    "no_documents": {
        "sv": "mappen innehåller inga dokument (*.toml)",
        "en": "the folder holds no documents (*.toml)",
    },
    "unknown_document": {
        "sv": "kan inte avgöra vilket slags dokument detta är: en ansökan har nycklarna "
        "id, title, kind, owner och period; en rapport har project, kind och period",
        "en": "cannot tell what kind of document this is: an application has the keys "
        "id, title, kind, owner and period; a report has project, kind and period",
    },
    "association_file": {
        "sv": "detta är förbundets uppgifter (association.toml), inte en ansökan eller rapport; "
        "ange det med --association eller lägg det i portföljmappen",
        "en": "this is the association file (association.toml), not an application or a "
        "report; give it with --association or put it in the portfolio folder",
    },
    "not_a_table": {
        "sv": "förväntade en tabell, fick {got}",
        "en": "expected a table, got {got}",
    },
    "reference": {
        "sv": "{what} {ref!r} finns inte i {target}",
        "en": "{what} {ref!r} does not exist in {target}",
    },
    "duplicate_id": {
        "sv": "id {id!r} används också i {other}",
        "en": "id {id!r} is also used in {other}",
    },
    "invalid": {"sv": "{detail}", "en": "{detail}"},
}

TYPE_NAMES: dict[str, dict[str, str]] = {
    "integer": {"sv": "ett heltal", "en": "a whole number"},
    "kronor": {"sv": "ett belopp i hela kronor", "en": "an amount in whole kronor"},
    "text": {"sv": "en text", "en": "a text"},
    "boolean": {"sv": "true eller false", "en": "true or false"},
    "number": {"sv": "ett tal", "en": "a number"},
    "date": {"sv": "ett datum", "en": "a date"},
    "table": {"sv": "en tabell", "en": "a table"},
    "list": {"sv": "en lista", "en": "a list"},
    "list_of_tables": {"sv": "en lista av tabeller ([[...]])", "en": "an array of tables ([[...]])"},
}


def _clean(text: str) -> str:
    from finsam_rules.sanitize import one_line

    return one_line(text)


def type_name(value: Any) -> str:
    """The TOML name of a Python value's type, for messages."""
    import datetime as dt

    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "float"
    if isinstance(value, str):
        return "string"
    if isinstance(value, dt.datetime):
        return "datetime"
    if isinstance(value, dt.date):
        return "date"
    if isinstance(value, dict):
        return "table"
    if isinstance(value, list):
        return "array"
    return type(value).__name__


@attrs.frozen
class Problem:
    """One thing wrong with an input: where (a key path) and what (a code with details)."""

    path: str
    code: str
    details: dict[str, Any] = attrs.field(factory=dict)

    def message(self, lang: str) -> str:
        """The problem in words, without the file name."""
        details = {k: (v[lang] if isinstance(v, dict) and lang in v else v) for k, v in self.details.items()}
        expected = details.get("expected")
        if expected in TYPE_NAMES:
            details["expected"] = TYPE_NAMES[expected][lang]
        template = (
            PROBLEM_MESSAGES[self.code][lang] if self.code in PROBLEM_MESSAGES else _text(self.code, lang)
        )
        text = render_template(template, lang, details)
        if self.code == "unknown_keys" and details.get("near"):
            text += did_you_mean_suffix(details["near"], lang)
        return text


def _text(code: str, lang: str) -> str:
    """A problem's template kept in the catalogue (``problem_CODE`` in i18n ``TEXTS``)."""
    from finsam_rules.i18n import TEXTS

    return TEXTS[f"problem_{code}"][lang]


def did_you_mean_suffix(near: list[tuple[str, str]], lang: str) -> str:
    """``"; menade du 'title'?"``: the nearest known key for a mistyped one (for several
    unknown keys, each suggestion names the key it is for)."""
    from finsam_rules.i18n import t

    if len(near) == 1:
        return t("unknown_key_near", lang, near=near[0][1])
    pairs = [t("unknown_key_near_for", lang, near=known, unknown=key) for key, known in near]
    return t("unknown_key_near_many", lang, pairs=", ".join(pairs))


class FieldError(ValueError):
    """Raised by converter hooks: a value of the right shape but not allowed."""

    def __init__(self, code: str, subpath: str = "", **details: Any):
        super().__init__(code)
        self.code = code
        self.subpath = subpath  # e.g. ".org_number" when raised for a whole table
        self.details = details


class InputError(Exception):
    """A file that could not be read or did not match the data model."""

    def __init__(self, path: Path | str, problems: list[Problem]):
        super().__init__(f"{path}: {len(problems)} problem(s)")
        self.path = Path(path)
        self.problems = problems

    def lines(self, lang: str) -> list[str]:
        """One line per problem: ``file: $.key.path: what was wrong``."""
        out = []
        for problem in self.problems:
            where = f"{self.path}: {problem.path}" if problem.path else f"{self.path}"
            out.append(_clean(f"{where}: {problem.message(lang)}"))
        return out


class PolicyError(Exception):
    """A policy file or plugin configuration that cannot be used."""

    def __init__(self, path: Path | str, key: str, message: dict[str, str]):
        super().__init__(message["en"])
        self.path = Path(path) if path else None
        self.key = key
        self.message = message

    def line(self, lang: str) -> str:
        """The error as one line naming the file and the key."""
        where = str(self.path) if self.path else "policy"
        if self.key:
            where += f": {self.key}"
        return _clean(f"{where}: {self.message[lang]}")

    def lines(self, lang: str) -> list[str]:
        """The error as lines, as :meth:`InputError.lines` gives them (here one line)."""
        return [self.line(lang)]


class PluginError(Exception):
    """A pack that could not be loaded, or two packs claiming the same rule code."""

    def __init__(self, message: dict[str, str]):
        super().__init__(message["en"])
        self.message = message
