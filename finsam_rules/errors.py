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
from finsam_rules.i18n import TEXTS

#: The message templates for problems with input, by code: a view of the catalogue's
#: ``problem.*`` texts (finsam_rules.i18n).
PROBLEM_MESSAGES = {k.removeprefix("problem."): v for k, v in TEXTS.items() if k.startswith("problem.")}


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
        if f"type.{expected}" in TEXTS:
            details["expected"] = TEXTS[f"type.{expected}"][lang]
        template = TEXTS[f"problem.{self.code}"][lang]
        text = render_template(template, lang, details)
        if self.code == "unknown_keys" and details.get("near"):
            text += did_you_mean_suffix(details["near"], lang)
        return text


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
