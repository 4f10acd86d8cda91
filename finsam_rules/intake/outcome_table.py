"""Outcome tables: a report's participants and outcomes from a follow-up system's export.

The table (CSV or ``.xlsx``) has one row per category, Swedish category names in the first
column, and columns for women, men and the total (``Kvinnor``, ``Män``, ``Totalt``; optionally
``Okänt kön``). A row ``Deltagare`` gives the participants; the other rows are outcomes
(``Arbete``, ``Studier`` …, or the names a mapping gives); a ``Summa`` row is ignored.

Aggregates only: the law gives associations no basis to process personal data, so a table with
a column that looks like personal identity numbers is refused, and the numbers are never
repeated in the message.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from finsam_rules.errors import InputError, Problem
from finsam_rules.intake.values import Bad, to_whole
from finsam_rules.intake.vocabulary import VOCABULARIES, code_of

#: Largest outcome table accepted, in bytes.
MAX_TABLE_BYTES = 1_048_576
PARTICIPANT_ROWS = ("deltagare", "antal deltagare", "inskrivna deltagare", "deltagare totalt")
IGNORED_ROWS = ("summa", "totalt", "avslutade totalt")
COLUMNS = {
    "women": ("kvinnor", "kvinna"),
    "men": ("män", "man"),
    "unknown": ("okänt kön", "okänt", "uppgift saknas"),
    "total": ("totalt", "summa", "antal", "alla"),
}
#: Header words that mean a column of personal data.
PERSONAL_HEADER = re.compile(
    r"person\s*(nummer|nr|id)|\bpnr\b|samordningsnummer|födelse|\bpersonal\s*id", re.I
)
#: A Swedish personal identity or coordination number (with or without century and dash).
PERSONAL_NUMBER = re.compile(r"(?<![0-9])(?:19|20)?[0-9]{6}[-+]?[0-9]{4}(?![0-9])")


def _problem(place: str, sv: str, en: str) -> Problem:
    return Problem(place, "invalid", {"detail": {"sv": sv, "en": en}})


def _norm(value: Any) -> str:
    return " ".join(str(value).split()).casefold() if value is not None else ""


def _rows(path: Path, raw: bytes) -> list[list[Any]]:
    if path.suffix.lower() == ".xlsx":
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(raw), data_only=True, read_only=True)
        sheet = book.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")  # Excel's CSV on Swedish Windows
    first = text.splitlines()[0] if text.strip() else ""
    delimiter = max((";", ",", "\t"), key=first.count)
    return [row for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def read_outcome_table(
    path: Path, names: Mapping[str, str] | None = None
) -> tuple[dict[str, Any], dict[str, str]]:
    """The ``participants`` and ``outcomes`` tables of a report, and each value's place.

    ``names`` maps further category names (lower case) to outcome codes. Raises
    :class:`InputError` naming the file, row and column of every problem."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx", ".txt"):
        raise InputError(
            path, [_problem("", "förväntade en CSV- eller Excel-fil", "expected a CSV or Excel file")]
        )
    try:
        size = path.stat().st_size
        if size > MAX_TABLE_BYTES:
            raise InputError(path, [Problem("", "too_large", {"size": size, "limit": MAX_TABLE_BYTES})])
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(path, [Problem("", "not_found")]) from None
    except OSError as exc:
        raise InputError(path, [Problem("", "unreadable", {"detail": exc.strerror})]) from None
    try:
        rows = _rows(path, raw)
    except Exception as exc:  # a damaged workbook or an undecodable text
        raise InputError(
            path,
            [
                _problem(
                    "",
                    f"tabellen kan inte läsas ({type(exc).__name__})",
                    f"the table cannot be read ({type(exc).__name__})",
                )
            ],
        ) from None
    _refuse_personal_data(path, rows)
    header_at = next(
        (i for i, row in enumerate(rows) if any(_norm(c) in COLUMNS["women"] for c in row)), None
    )
    if header_at is None:
        raise InputError(
            path,
            [
                _problem(
                    "",
                    "hittar ingen rubrikrad med Kvinnor, Män och Totalt",
                    "no header row with Kvinnor, Män and Totalt",
                )
            ],
        )
    header = [_norm(c) for c in rows[header_at]]
    columns = {
        key: next((i for i, h in enumerate(header) if h in words), None) for key, words in COLUMNS.items()
    }
    known = {
        **{_norm(w): c for w, c in VOCABULARIES["outcome"]},
        **{_norm(k): v for k, v in (names or {}).items()},
    }
    problems: list[Problem] = []
    participants: dict[str, int] = {}
    outcomes: dict[str, Any] = {}
    by_gender: dict[str, dict[str, int]] = {"women": {}, "men": {}}
    places: dict[str, str] = {}
    for number, row in enumerate(rows[header_at + 1 :], start=header_at + 2):
        name = _norm(row[0]) if row else ""
        values: dict[str, int | None] = {}
        for key, column in columns.items():
            if column is None or column >= len(row):
                values[key] = None
                continue
            cell = row[column]
            if cell is None or (isinstance(cell, str) and not cell.strip()):
                values[key] = None
                continue
            try:
                values[key] = to_whole(cell, kronor=False)
            except Bad as bad:
                problems.append(
                    Problem(f"rad {number}, {rows[header_at][column]}", "invalid", {"detail": bad.detail})
                )
                values[key] = None
        if not name or name in IGNORED_ROWS or all(v is None for v in values.values()):
            continue

        def where(key: str, number: int = number) -> str:
            column = columns[key] if columns[key] is not None else columns["total"]
            return (
                f"{path.name} rad {number}, {rows[header_at][column] if column is not None else ''}".rstrip(
                    ", "
                )
            )

        if name in PARTICIPANT_ROWS:
            women, men, unknown, total = (values[k] for k in ("women", "men", "unknown", "total"))
            participants = {"women": women or 0, "men": men or 0}
            if unknown is None and total is not None:
                unknown = total - (women or 0) - (men or 0)
                if unknown < 0:
                    problems.append(
                        _problem(
                            f"rad {number}",
                            f"Totalt {total} är mindre än kvinnor + män ({(women or 0) + (men or 0)})",
                            f"Totalt {total} is less than women + men ({(women or 0) + (men or 0)})",
                        )
                    )
                    continue
            participants["unknown"] = unknown or 0
            for key in ("women", "men", "unknown"):
                places[f"$.participants.{key}"] = where(key)
            continue
        code = known.get(name) or code_of("outcome", name)
        if code is None:
            allowed = ", ".join(["Deltagare", *(w for w, _ in VOCABULARIES["outcome"]), *(names or {})])
            problems.append(
                _problem(
                    f"rad {number}",
                    f"okänd kategori {row[0]!r}; förväntade en av {allowed}",
                    f"unknown category {row[0]!r}; expected one of {allowed}",
                )
            )
            continue
        total = values["total"]
        if total is None:
            total = (values["women"] or 0) + (values["men"] or 0) + (values["unknown"] or 0)
        outcomes[code] = outcomes.get(code, 0) + total
        places[f"$.outcomes.{code}"] = where("total")
        for gender in ("women", "men"):
            if values[gender] is not None:
                by_gender[gender][code] = by_gender[gender].get(code, 0) + values[gender]  # type: ignore[operator]
                places[f"$.outcomes.{gender}.{code}"] = where(gender)
    if problems:
        raise InputError(path, problems)
    data: dict[str, Any] = {}
    if participants:
        data["participants"] = participants
        places["$.participants"] = places["$.participants.women"]
    if outcomes:
        outcomes.update({g: counts for g, counts in by_gender.items() if counts})
        data["outcomes"] = outcomes
        places["$.outcomes"] = f"{path.name} rad {header_at + 1}"
    return data, places


def _refuse_personal_data(path: Path, rows: list[list[Any]]) -> None:
    """Refuse a table that looks like it holds personal identity numbers (never echo them)."""
    problems = []
    for number, row in enumerate(rows, start=1):
        for column, cell in enumerate(row, start=1):
            if cell is None:
                continue
            text = str(cell)
            if PERSONAL_HEADER.search(text) or PERSONAL_NUMBER.search(text):
                problems.append(
                    _problem(
                        f"rad {number}, kolumn {column}",
                        "ser ut som personnummer; en utfallstabell får bara innehålla antal (aggregat), "
                        "aldrig personuppgifter: ta bort kolumnen och exportera på nytt",
                        "looks like personal identity numbers; an outcome table may hold counts "
                        "(aggregates) only, never personal data: remove the column and export again",
                    )
                )
                break
        if len(problems) >= 3:
            break
    if problems:
        raise InputError(path, problems)
