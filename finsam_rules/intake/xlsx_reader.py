"""Reading a filled-in Excel form into the plain data a TOML document holds, with its places.

The reader finds fields by their labels in column A and tables by their titles, so rows may
be moved or added. It opens the workbook from the bytes already read with openpyxl, for the
cells as typed (formulas included), the sheets and their merged cells; the values Excel or
LibreOffice saved with the formulas are read, only when a formula is met, by the compiled
reader calamine (openpyxl reads them when calamine cannot). A total the form computes with
its own formula is recomputed when no value was saved (files written by openpyxl have none);
any other formula without a saved value is an error.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from finsam_rules.errors import InputError, Problem
from finsam_rules.intake import keys
from finsam_rules.intake.layout import (
    COST_ROWS,
    FORMS,
    GRAND_TOTAL_ROW,
    KIND_BY_FIRST_SHEET,
    LISTS_SHEET,
    Field,
    Heading,
    Sheet,
    Table,
)
from finsam_rules.intake.provenance import cell_place, parent
from finsam_rules.intake.values import Bad, Members, convert, is_blank, to_word
from finsam_rules.intake.vocabulary import code_of

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet


@attrs.frozen
class FormData:
    """What a form holds: its kind, the data as TOML would hold it, and each value's place."""

    kind: str
    data: dict[str, Any]
    places: dict[str, str]


class _Formula:
    """A formula cell without a saved value."""

    def __init__(self, text: str):
        self.text = text


class _Saved:
    """A cell of :class:`_SavedSheet`: its saved value (``None`` when it has none)."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value


def _as_saved(value: Any) -> Any:
    """A value as calamine reads it, as openpyxl reads the same saved value: no value is
    ``None``, a whole number an ``int``."""
    if isinstance(value, str) and value == "":
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


class _SavedSheet:
    """The values saved with one sheet's cells, by row and column from 1 (as openpyxl's
    ``cell``), read from the workbook's bytes when first asked for."""

    def __init__(self, book: _SavedBook, name: str) -> None:
        self._book, self._name = book, name
        self._rows: list[list[Any]] | None = None

    def cell(self, row: int, column: int) -> _Saved:
        if self._rows is None:  # from A1: the empty rows and columns before the first value kept
            self._rows = self._book.calamine().get_sheet_by_name(self._name).to_python(skip_empty_area=False)
        r, c = row - 1, column - 1
        line = self._rows[r] if 0 <= r < len(self._rows) else ()
        return _Saved(_as_saved(line[c]) if 0 <= c < len(line) else None)


class _SavedBook:
    """The values Excel or LibreOffice saved with a workbook's formulas, sheet by sheet, read
    with calamine only once a formula asks for one; openpyxl (``data_only``) when calamine
    is missing or cannot read the file openpyxl could."""

    def __init__(self, raw: bytes) -> None:
        self._raw = raw
        self._calamine: Any = None
        self._fallback: Workbook | None = None

    def calamine(self) -> Any:
        if self._calamine is None:
            from python_calamine import CalamineWorkbook

            self._calamine = CalamineWorkbook.from_filelike(io.BytesIO(self._raw))
        return self._calamine

    def __getitem__(self, name: str) -> _SavedSheet | Worksheet:
        if self._fallback is None:
            try:
                sheet = _SavedSheet(self, name)
                sheet.cell(1, 1)
                return sheet
            except Exception:  # no calamine, or a file only openpyxl reads: its values then
                from openpyxl import load_workbook

                self._fallback = load_workbook(io.BytesIO(self._raw), data_only=True)
        return self._fallback[name]


def _problem(place: str, sv: str, en: str) -> Problem:
    return Problem(place, "invalid", {"detail": {"sv": sv, "en": en}})


def _norm(text: Any) -> str:
    return " ".join(str(text).split()).casefold() if isinstance(text, str) else ""


class _SheetReader:
    def __init__(
        self,
        layout: Sheet,
        formulas: Worksheet,
        values: Worksheet,
        members: Members,
        form: _Form,
        placer: Callable[[int, int], str] | None = None,
    ):
        self.layout = layout
        self.placer = placer
        self.formulas = formulas
        self.values = values
        self.members = members
        self.form = form
        self.labels: dict[str, int] = {}
        markers = {GRAND_TOTAL_ROW.casefold()}
        wanted = {
            _norm(item.label if isinstance(item, Field) else item.title)
            for item in layout.items
            if not isinstance(item, Heading)
        }
        markers |= wanted | {_norm(item.title) for item in layout.items if isinstance(item, Heading)}
        self.markers = markers
        for row in range(1, formulas.max_row + 1):
            label = _norm(formulas.cell(row, 1).value)
            if label in wanted:
                self.labels.setdefault(label, row)

    def place(self, row: int, column: int) -> str:
        if self.placer is not None:
            return self.placer(row, column)
        return cell_place(self.layout.name, row, column)

    def raw(self, row: int, column: int) -> Any:
        value = self.formulas.cell(row, column).value
        formula = isinstance(value, str) and value.startswith("=")
        if formula or type(value).__name__ in ("ArrayFormula", "DataTableFormula"):
            cached = self.values.cell(row, column).value
            text = value if isinstance(value, str) else str(getattr(value, "text", value))
            return _Formula(text) if cached is None else cached
        return value

    def value(self, row: int, column: int, kind: str, vocabulary: str) -> Any:
        """The converted value of a cell, ``None`` when blank; problems are collected."""
        raw = self.raw(row, column)
        if isinstance(raw, _Formula):
            self.form.formula_without_value(self.place(row, column), raw.text)
            return None
        if is_blank(raw):
            return None
        try:
            return convert(kind, vocabulary, raw, self.members)
        except Bad as bad:
            self.form.problems.append(Problem(self.place(row, column), "invalid", {"detail": bad.detail}))
            return None

    def read(self) -> None:
        for item in self.layout.items:
            if isinstance(item, Heading):
                continue
            label = _norm(item.label if isinstance(item, Field) else item.title)
            row = self.labels.get(label)
            if row is None:
                title = item.label if isinstance(item, Field) else item.title
                self.form.problems.append(
                    _problem(
                        self.place(1, 1).split("!")[0],
                        f"uppgiften {title!r} saknas; är detta förbundets blankett från `finsam new`?",
                        f"the entry {title!r} is missing; is this the form from `finsam new`?",
                    )
                )
                continue
            if isinstance(item, Field):
                self.field(item, row)
            else:
                self.table(item, row)

    def field(self, item: Field, row: int) -> None:
        path = keys.dollar(item.key)
        self.form.place(path, self.place(row, 2))
        value = self.value(row, 2, item.type, item.vocabulary)
        if value is not None:
            keys.put(self.form.data, item.key, value)

    def _rows(self, title_row: int) -> Iterator[int]:
        """The rows of a table: after its title and header, up to the next label or the end."""
        for row in range(title_row + 2, self.formulas.max_row + 1):
            if _norm(self.formulas.cell(row, 1).value) in self.markers:
                return
            yield row

    def _columns(self, item: Table, title_row: int) -> dict[str, int]:
        header = {
            _norm(self.formulas.cell(title_row + 1, c).value): c
            for c in range(1, self.formulas.max_column + 1)
        }
        found = {}
        for index, column in enumerate(item.columns, start=1):
            found[column.key] = header.get(_norm(column.label), index)
        return found

    def table(self, item: Table, title_row: int) -> None:
        self.form.place(keys.dollar(item.key), self.place(title_row, 1))
        columns = self._columns(item, title_row)
        rows = list(self._rows(title_row))
        if item.shape == "outcomes":
            self.outcomes(item, rows, columns)
        elif item.shape == "costs":
            self.costs(item, rows, columns)
        elif item.shape == "roles":
            self.roles(item, rows, columns)
        else:
            self.records(item, rows, columns)

    def _blank_row(self, row: int, columns: dict[str, int], skip: tuple[str, ...] = ()) -> bool:
        return all(
            is_blank(raw) or isinstance(raw, _Formula)
            for key, column in columns.items()
            if key not in skip
            for raw in [self.raw(row, column)]
        )

    def records(self, item: Table, rows: list[int], columns: dict[str, int]) -> None:
        found: list[Any] = []
        for row in rows:
            if self._blank_row(row, columns, skip=("total",) if item.total_of else ()):
                continue
            index = len(found)
            if item.shape == "values":
                at = columns[""]
                self.form.place(keys.dollar(item.key, index), self.place(row, at))
                found.append(self.value(row, at, item.columns[0].type, item.columns[0].vocabulary))
                continue
            self.form.place(keys.dollar(item.key, index), self.place(row, 1))
            record: dict[str, Any] = {}
            for column in item.columns:
                at = columns[column.key]
                self.form.place(keys.dollar(item.key, index, column.key), self.place(row, at))
                if column.key == "total" and item.total_of and isinstance(self.raw(row, at), _Formula):
                    record["total"] = self._row_sum(row, item, columns, at)
                    continue
                value = self.value(row, at, column.type, column.vocabulary)
                if value is not None:
                    record[column.key] = value
            found.append(record)
        if found:
            keys.put(self.form.data, item.key, [v for v in found if v is not None])

    def _row_sum(self, row: int, item: Table, columns: dict[str, int], at: int) -> int | None:
        text = self.raw(row, at)
        expected = [columns[key] for key in item.total_of]
        own = f"=SUM({_letter(min(expected))}{row}:{_letter(max(expected))}{row})"
        if not isinstance(text, _Formula) or text.text.replace(" ", "").upper() != own:
            self.form.formula_without_value(self.place(row, at), getattr(text, "text", ""))
            return None
        parts = [self.value(row, columns[key], "kronor", "") for key in item.total_of]
        return sum(p or 0 for p in parts)

    def roles(self, item: Table, rows: list[int], columns: dict[str, int]) -> None:
        lists: dict[str, list[str]] = {column.key: [] for column in item.columns[1:]}
        for row in rows:
            if self._blank_row(row, columns):
                continue
            member = self.value(row, columns["member"], "member", "")
            chosen = [c.key for c in item.columns[1:] if self.value(row, columns[c.key], "bool", "")]
            if member is None:
                if chosen:
                    self.form.problems.append(
                        _problem(
                            self.place(row, columns["member"]),
                            "ange medlemmens namn",
                            "give the member's name",
                        )
                    )
                continue
            for key in chosen:
                self.form.place(keys.dollar(key, len(lists[key])), self.place(row, columns[key]))
                lists[key].append(member)
        for key, members in lists.items():
            self.form.place(keys.dollar(key), self.place(rows[0] if rows else 1, columns[key]))
            if members:
                self.form.data[key] = members

    def outcomes(self, item: Table, rows: list[int], columns: dict[str, int]) -> None:
        result: dict[str, Any] = {}
        by_gender: dict[str, dict[str, int]] = {"women": {}, "men": {}}
        for row in rows:
            if self._blank_row(row, columns, skip=("",)):
                continue
            try:
                code = to_word(self.raw(row, 1), "outcome")
            except Bad as bad:
                self.form.problems.append(Problem(self.place(row, 1), "invalid", {"detail": bad.detail}))
                continue
            total = self.value(row, columns["total"], "count", "")
            self.form.place(keys.dollar("outcomes", code), self.place(row, columns["total"]))
            if total is not None:
                result[code] = total
            for gender, counts in by_gender.items():
                self.form.place(keys.dollar("outcomes", gender, code), self.place(row, columns[gender]))
                value = self.value(row, columns[gender], "count", "")
                if value is not None:
                    counts[code] = value
        result.update({gender: counts for gender, counts in by_gender.items() if counts})
        if result:
            self.form.data["outcomes"] = result

    def costs(self, item: Table, rows: list[int], columns: dict[str, int]) -> None:
        tables: dict[str, dict[str, int]] = {c.key: {} for c in item.columns[1:]}
        formulas: dict[str, tuple[int, _Formula]] = {}
        for row in rows:
            code = next((c for label, c in COST_ROWS if _norm(label) == _norm(self.raw(row, 1))), None)
            if code is None:
                if not self._blank_row(row, columns):
                    self.form.problems.append(
                        _problem(
                            self.place(row, 1),
                            f"förväntade ett kostnadsslag: {', '.join(label for label, _ in COST_ROWS)}",
                            f"expected a cost type: {', '.join(label for label, _ in COST_ROWS)}",
                        )
                    )
                continue
            for key, table in tables.items():
                self.form.place(keys.dollar(key, code), self.place(row, columns[key]))
                raw = self.raw(row, columns[key])
                if code == "total" and isinstance(raw, _Formula):
                    formulas[key] = (row, raw)
                    continue
                value = self.value(row, columns[key], "kronor", "")
                if value is not None:
                    table[code] = value
        for key, (row, formula) in formulas.items():
            letter = _letter(columns[key])
            lines = [
                r for r in rows if _norm(self.raw(r, 1)) in {_norm(label) for label, _ in COST_ROWS[:-1]}
            ]
            own = f"=SUM({letter}{min(lines)}:{letter}{max(lines)})" if lines else ""
            if formula.text.replace(" ", "").upper() != own:
                self.form.formula_without_value(self.place(row, columns[key]), formula.text)
            elif tables[key]:
                tables[key]["total"] = sum(tables[key].values())
        for key, table in tables.items():
            if table:
                self.form.data[key] = table


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(index))


class _Form:
    def __init__(self) -> None:
        self.data: dict[str, Any] = {}
        self.places: dict[str, str] = {}
        self.problems: list[Problem] = []

    def place(self, path: str, where: str) -> None:
        """Remember where a key path's value is; enclosing key paths get their first place."""
        current: str | None = path
        while current and current != "$":
            self.places.setdefault(current, where)
            current = parent(current)

    def formula_without_value(self, place: str, formula: str) -> None:
        self.problems.append(
            _problem(
                place,
                f"cellen har formeln {formula} men inget sparat värde; öppna och spara filen i Excel "
                "eller LibreOffice, eller skriv in värdet",
                f"the cell holds the formula {formula} but no saved value; open and save the file in "
                "Excel or LibreOffice, or type the value",
            )
        )


def _members(book: Workbook) -> Members:
    if LISTS_SHEET not in book.sheetnames:
        return Members([])
    sheet = book[LISTS_SHEET]
    pairs = []
    for row in range(2, sheet.max_row + 1):
        name, member_id = sheet.cell(row, 1).value, sheet.cell(row, 2).value
        if isinstance(member_id, str) and member_id.strip():
            pairs.append((member_id.strip(), str(name or "").strip()))
    return Members(pairs)


def read_workbook(path: Path, raw: bytes) -> FormData:
    """Read an ``.xlsx`` form already read into ``raw``; raises :class:`InputError`.

    A workbook that is not one of the shipped forms is read with the first mapping file
    (see :mod:`~finsam_rules.intake.mapping`) whose signature it matches."""
    from openpyxl import load_workbook

    try:
        formulas = load_workbook(io.BytesIO(raw), data_only=False)
    except Exception as exc:  # openpyxl raises many kinds of errors for a damaged package
        raise InputError(
            path,
            [
                _problem(
                    "",
                    f"filen är skadad eller inte en Excel-arbetsbok (.xlsx) ({type(exc).__name__})",
                    f"the file is damaged or not an Excel workbook (.xlsx) ({type(exc).__name__})",
                )
            ],
        ) from None
    values = _SavedBook(raw)
    kind = next(
        (KIND_BY_FIRST_SHEET[name] for name in formulas.sheetnames if name in KIND_BY_FIRST_SHEET), None
    )
    if kind is None:
        from finsam_rules.intake.mapping import mappings_for, matches, read_mapped

        for mapping in mappings_for(path):
            if matches(mapping, formulas):
                return read_mapped(path, mapping, formulas, values)
        expected = ", ".join(repr(name) for name in KIND_BY_FIRST_SHEET)
        raise InputError(
            path,
            [
                _problem(
                    "",
                    f"arbetsboken är inte en av förbundets blanketter: den saknar bladet {expected} "
                    "(en egen mall läses med en mappningsfil)",
                    f"the workbook is not one of the association's forms: it has no sheet {expected} "
                    "(an association's own template is read with a mapping file)",
                )
            ],
        )
    form = _Form()
    members = _members(formulas)
    for layout in FORMS[kind]:
        if layout.name not in formulas.sheetnames:
            form.problems.append(
                _problem(
                    cell_place(layout.name, 1, 1).split("!")[0],
                    f"bladet {layout.name!r} saknas",
                    f"the sheet {layout.name!r} is missing",
                )
            )
            continue
        sheet = formulas[layout.name]
        merged = sorted(str(r) for r in sheet.merged_cells.ranges)
        if merged:
            form.problems.append(
                _problem(
                    cell_place(layout.name, 1, 1).split("!")[0],
                    f"sammanfogade celler ({', '.join(merged)}) kan inte läsas; dela upp dem",
                    f"merged cells ({', '.join(merged)}) cannot be read; unmerge them",
                )
            )
            continue
        _SheetReader(layout, sheet, values[layout.name], members, form).read()
    if form.problems:
        raise InputError(path, form.problems)
    return FormData(kind, form.data, form.places)


__all__ = ["FormData", "code_of", "read_workbook"]
