"""Turning what a person typed in a form cell into the value a TOML document would hold.

Each function raises :class:`Bad` with a Swedish and an English explanation when the text
cannot mean what the field asks for; the reader attaches the place.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from finsam_rules.intake.vocabulary import VOCABULARIES, code_of, tag_code, words

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
_WHOLE = re.compile(r"-?[0-9]+")
_DECIMAL = re.compile(r"-?[0-9]+([.,][0-9]+)?")


class Bad(ValueError):
    """A value a form's field cannot hold, explained in both languages."""

    def __init__(self, sv: str, en: str):
        super().__init__(en)
        self.detail = {"sv": sv, "en": en}


def is_blank(value: Any) -> bool:
    """Whether a cell is empty (nothing, or only spaces)."""
    return value is None or (isinstance(value, str) and not value.strip())


def _shown(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    return repr(value) if isinstance(value, str) else str(value)


def to_text(value: Any) -> str:
    """Text as typed; a number typed where text is expected (a diarienummer) as its digits."""
    if isinstance(value, bool):
        raise Bad(f"förväntade en text, fick {_shown(value)}", f"expected a text, got {_shown(value)}")
    if isinstance(value, int | float):
        return _shown(value)
    if isinstance(value, dt.date):
        return _shown(value)
    return str(value).strip()


def to_long_text(value: Any) -> str:
    """A free text with its line breaks, trimmed."""
    return str(value).replace("\r\n", "\n").strip() if isinstance(value, str) else to_text(value)


def to_date(value: Any) -> dt.date:
    """A date cell, or a text ``ÅÅÅÅ-MM-DD``."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise Bad(
        f"förväntade ett datum ÅÅÅÅ-MM-DD, fick {_shown(value)}",
        f"expected a date YYYY-MM-DD, got {_shown(value)}",
    )


def to_whole(value: Any, kronor: bool) -> int:
    """Whole kronor or a count: a number, or text such as ``1 450 000 kr``."""
    what_sv, what_en = (
        ("ett belopp i hela kronor", "an amount in whole kronor")
        if kronor
        else ("ett heltal", "a whole number")
    )
    if isinstance(value, bool):
        pass
    elif isinstance(value, int):
        return value
    elif isinstance(value, float) and value.is_integer():
        return int(value)
    elif isinstance(value, str):
        text = _SPACES.sub("", value)
        if kronor:
            text = text.removesuffix("kr").removesuffix(":-")
        if _WHOLE.fullmatch(text):
            return int(text)
    raise Bad(f"förväntade {what_sv}, fick {_shown(value)}", f"expected {what_en}, got {_shown(value)}")


def to_share(value: Any) -> float | int:
    """A share: a number formatted as a percentage (0.3 shows 30 %), or text ``30 %``."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    if isinstance(value, str):
        text = _SPACES.sub("", value)
        percent = text.endswith("%")
        text = text.removesuffix("%")
        if _DECIMAL.fullmatch(text):
            number = float(text.replace(",", "."))
            return number / 100 if percent else number
    raise Bad(
        f"förväntade en andel i procent (t.ex. 30 %), fick {_shown(value)}",
        f"expected a share as a percentage (e.g. 30%), got {_shown(value)}",
    )


def to_bool(value: Any) -> bool:
    """``ja`` or ``nej`` (a checkbox's TRUE/FALSE too)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        code = code_of("yes_no", value)
        if code is not None:
            return code == "true"
    raise Bad(
        f"förväntade ja eller nej, fick {_shown(value)}",
        f"expected ja (yes) or nej (no), got {_shown(value)}",
    )


def to_word(value: Any, vocabulary: str) -> str:
    """A code from a closed vocabulary, typed as its Swedish word (or as the code)."""
    code = code_of(vocabulary, value) if isinstance(value, str) else None
    if code is None:
        allowed = ", ".join(words(vocabulary))
        codes = ", ".join(code for _, code in VOCABULARIES[vocabulary])
        raise Bad(
            f"förväntade ett av {allowed}, fick {_shown(value)}",
            f"expected one of {allowed} ({codes}), got {_shown(value)}",
        )
    return code


#: What separates the words of a composite choice: commas, semicolons, "eller" and "or".
_WORD_SEPARATORS = re.compile(r"\s*(?:[,;]|\beller\b|\bor\b)\s*", re.IGNORECASE)


def to_words(value: Any, vocabulary: str) -> str | list[str]:
    """One or more codes of a closed vocabulary counted together, typed as Swedish words
    (``arbete, praktik eller studier``): one word gives its code, several a list of codes."""
    if not isinstance(value, str):
        return to_word(value, vocabulary)
    parts = [part for part in _WORD_SEPARATORS.split(value.strip()) if part]
    codes = [to_word(part, vocabulary) for part in parts] or [to_word(value, vocabulary)]
    return codes[0] if len(codes) == 1 else codes


def to_tag(value: Any, vocabulary: str) -> str:
    """A code from an open vocabulary: a known Swedish word's code, else the text typed."""
    return tag_code(vocabulary, to_text(value))


class Members:
    """The association's members as a form lists them: name and id of each."""

    def __init__(self, pairs: list[tuple[str, str]]):
        self._ids: dict[str, str] = {}
        for member_id, name in pairs:
            for key in (member_id, name):
                if key:
                    self._ids.setdefault(" ".join(key.split()).casefold(), member_id)

    def __bool__(self) -> bool:
        return bool(self._ids)

    def id_of(self, text: str) -> str | None:
        """The id of the member with this name (or id), else ``None``."""
        return self._ids.get(" ".join(text.split()).casefold())


def to_member(value: Any, members: Members) -> str:
    """A member's id, typed as the member's name (or id) from the form's list of members.

    A name that is not a member's (a private company as owner, say) is kept as typed, so
    the rules judge it as they would in a TOML document."""
    text = to_text(value)
    if not members:
        return text
    found = members.id_of(text)
    return text if found is None else found


def convert(kind: str, vocabulary: str, value: Any, members: Members) -> Any:
    """A cell's value as the field type ``kind`` asks (see :class:`~finsam_rules.intake.layout.Field`)."""
    if kind == "text":
        return to_text(value)
    if kind == "longtext":
        return to_long_text(value)
    if kind == "date":
        return to_date(value)
    if kind in ("kronor", "count"):
        return to_whole(value, kind == "kronor")
    if kind == "share":
        return to_share(value)
    if kind == "bool":
        return to_bool(value)
    if kind == "word":
        return to_word(value, vocabulary)
    if kind == "words":
        return to_words(value, vocabulary)
    if kind == "tag":
        return to_tag(value, vocabulary)
    if kind == "member":
        return to_member(value, members)
    raise ValueError(kind)
