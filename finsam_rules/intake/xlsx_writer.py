"""Writing the shipped Excel forms (``finsam new ... --format xlsx``) with openpyxl.

A blank form has Swedish labels and help texts, yellow cells to fill in, drop-down lists (data
validation) for every closed choice, amounts formatted ``1 450 000 kr``, shares as
percentages and totals as formulas. Given a document's data, the same form is written filled
in (amounts as numbers; a total as its formula when it is the sum of its lines).
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from finsam_rules.intake import keys
from finsam_rules.intake.deterministic import normalise
from finsam_rules.intake.layout import (
    COST_ROWS,
    FORMS,
    GRAND_TOTAL_ROW,
    LISTS_SHEET,
    Column,
    Field,
    Heading,
    Table,
)
from finsam_rules.intake.vocabulary import TAG_WORDS, VOCABULARIES, word_of, words_of

if TYPE_CHECKING:
    from openpyxl.cell import Cell
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.worksheet.worksheet import Worksheet

KRONOR_FORMAT = '# ##0 "kr"'
SHARE_FORMAT = "0 %"
DATE_FORMAT = "yyyy-mm-dd"
COUNT_FORMAT = "0"
INPUT_FILL = "FFF2CC"
HELP_COLOUR = "595959"
#: Fixed creation and modification date of every written workbook.
FIXED_TIME = dt.datetime(2000, 1, 1)


class _Lists:
    """The hidden sheet of drop-down values: one column per vocabulary."""

    def __init__(self, sheet: Worksheet, members: Sequence[Mapping[str, Any]], groups: Sequence[str]):
        self.sheet = sheet
        self.ranges: dict[str, str] = {}
        self.members = {str(m.get("id", "")): str(m.get("name", "")) for m in members}
        columns: list[tuple[str, str, list[str]]] = [
            ("member", "Medlem", [str(m.get("name", "")) for m in members]),
            ("member_id", "Id", [str(m.get("id", "")) for m in members]),
        ]
        for name, pairs in VOCABULARIES.items():
            columns.append((name, name, [word for word, _ in pairs]))
        group_words = [word_of("priority_group", g) for g in groups] or [
            w for w, _ in TAG_WORDS["priority_group"]
        ]
        columns.append(("priority_group", "priority_group", group_words))
        columns.append(("attachment", "attachment", [w for w, _ in TAG_WORDS["attachment"]]))
        for index, (name, header, values) in enumerate(columns, start=1):
            letter = _letter(index)
            sheet.cell(1, index, header)
            for row, value in enumerate(values, start=2):
                sheet.cell(row, index, value)
            if values:
                self.ranges[name] = f"{LISTS_SHEET}!${letter}$2:${letter}${len(values) + 1}"

    def member_name(self, member_id: str) -> str:
        return self.members.get(member_id, member_id)


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    letter: str = get_column_letter(index)
    return letter


class _Writer:
    def __init__(self, sheet: Worksheet, lists: _Lists):
        from openpyxl.styles import Font, PatternFill

        self.sheet = sheet
        self.lists = lists
        self.row = 1
        self.validations: dict[str, DataValidation] = {}
        self.bold = Font(bold=True)
        self.heading = Font(bold=True, size=14)
        self.help = Font(italic=True, color=HELP_COLOUR)
        self.fill = PatternFill("solid", fgColor=INPUT_FILL)

    def _validation(self, vocabulary: str, strict: bool) -> DataValidation | None:
        from openpyxl.worksheet.datavalidation import DataValidation

        source = self.lists.ranges.get(vocabulary)
        if source is None:
            return None
        if vocabulary not in self.validations:
            validation = DataValidation(type="list", formula1=source, allow_blank=True)
            validation.showErrorMessage = strict
            validation.errorTitle = "Ogiltigt värde"
            validation.error = "Välj ett värde i listan."
            self.sheet.add_data_validation(validation)
            self.validations[vocabulary] = validation
        return self.validations[vocabulary]

    def input_cell(self, row: int, column: int, kind: str, vocabulary: str, value: Any) -> Cell:
        cell = self.sheet.cell(row, column)
        cell.fill = self.fill
        if kind == "kronor":
            cell.number_format = KRONOR_FORMAT
        elif kind == "share":
            cell.number_format = SHARE_FORMAT
        elif kind == "date":
            cell.number_format = DATE_FORMAT
        elif kind == "count":
            cell.number_format = COUNT_FORMAT
        choice = {
            "word": vocabulary,
            "words": vocabulary,
            "tag": vocabulary,
            "member": "member",
            "bool": "yes_no",
        }.get(kind)
        if choice:
            # Members are offered, not enforced: an owner may be a company that is no member;
            # nor are several outcomes typed together ("arbete, praktik eller studier").
            validation = self._validation(choice, strict=kind in ("word", "bool"))
            if validation is not None:
                validation.add(cell)
        if value is not None:
            cell.value = self.display(kind, vocabulary, value)
        return cell

    def display(self, kind: str, vocabulary: str, value: Any) -> Any:
        if kind == "word":
            return word_of(vocabulary, str(value))
        if kind == "words":
            return words_of(vocabulary, value)
        if kind == "tag":
            return word_of(vocabulary, str(value))
        if kind == "member":
            return self.lists.member_name(str(value))
        if kind == "bool":
            return "ja" if value else "nej"
        return value

    def heading_row(self, item: Heading) -> None:
        if self.row > 1:
            self.row += 1
        self.sheet.cell(self.row, 1, item.title).font = self.heading
        if item.help:
            self.sheet.cell(self.row, 3, item.help).font = self.help
        self.row += 1

    def field_row(self, item: Field, data: Mapping[str, Any]) -> None:
        from openpyxl.styles import Alignment

        label = self.sheet.cell(self.row, 1, item.label)
        label.font = self.bold
        label.alignment = Alignment(vertical="top")
        cell = self.input_cell(self.row, 2, item.type, item.vocabulary, keys.get(data, item.key))
        if item.type == "longtext":
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            self.sheet.row_dimensions[self.row].height = 120
        if item.help:
            self.sheet.cell(self.row, 3, item.help).font = self.help
        self.row += 1

    def table(self, item: Table, data: Mapping[str, Any]) -> None:
        self.row += 1
        self.sheet.cell(self.row, 1, item.title).font = self.heading
        if item.help:
            self.sheet.cell(self.row, 2, item.help).font = self.help
        self.row += 1
        for index, column in enumerate(item.columns, start=1):
            self.sheet.cell(self.row, index, column.label).font = self.bold
        self.row += 1
        rows = _table_rows(item, data, self.lists.members)
        first = self.row
        for values in rows:
            for index, column in enumerate(item.columns, start=1):
                value = values.get(column.key)
                if item.shape in ("outcomes", "costs") and index == 1:
                    self.sheet.cell(self.row, 1, value).font = self.bold
                    continue
                cell = self.input_cell(self.row, index, column.type, column.vocabulary, value)
                if column.key == "total" and item.total_of and _is_sum(values, item.total_of):
                    cell.value = self._sum_formula(item, self.row)
            if item.shape == "costs" and values.get("") == COST_ROWS[-1][0]:
                for index in range(2, len(item.columns) + 1):
                    letter = _letter(index)
                    total = values.get(item.columns[index - 1].key)
                    parts = [values_of(rows, item.columns[index - 1].key, code) for _, code in COST_ROWS[:-1]]
                    if total is None or total == sum(p or 0 for p in parts):
                        self.sheet.cell(
                            self.row, index
                        ).value = f"=SUM({letter}{first}:{letter}{self.row - 1})"
            self.row += 1
        if item.total_of:
            self.sheet.cell(self.row, 1, GRAND_TOTAL_ROW).font = self.bold
            for index, column in enumerate(item.columns, start=1):
                if column.type == "kronor":
                    letter = _letter(index)
                    cell = self.sheet.cell(self.row, index, f"=SUM({letter}{first}:{letter}{self.row - 1})")
                    cell.number_format = KRONOR_FORMAT
                    cell.font = self.bold
            self.row += 1

    def _sum_formula(self, item: Table, row: int) -> str:
        indices = [i for i, c in enumerate(item.columns, start=1) if c.key in item.total_of]
        return f"=SUM({_letter(min(indices))}{row}:{_letter(max(indices))}{row})"


def values_of(rows: list[dict[str, Any]], column: str, code: str) -> Any:
    """The value in ``column`` of the cost table row for ``code``."""
    for values in rows:
        if values.get("_code") == code:
            return values.get(column)
    return None


def _is_sum(values: Mapping[str, Any], parts: Sequence[str]) -> bool:
    """Whether a row's total is blank or equals the sum of its parts (so a formula fits)."""
    total = values.get("total")
    if total is None:
        return True
    return bool(total == sum(values.get(p) or 0 for p in parts))


def merged_order(lists: Sequence[Sequence[str]], rest: Sequence[str] = ()) -> list[str]:
    """Every name of ``lists``, then of ``rest``, once each, in an order that keeps each
    list's own order wherever the lists agree: a roles table has one row order for all its
    columns (parties, steering group, municipalities), and each column reads back in it.
    Names without a constraint come in order of first appearance."""
    first = list(dict.fromkeys([*(name for names in lists for name in names), *rest]))
    rank = {name: index for index, name in enumerate(first)}
    before: dict[str, set[str]] = {name: set() for name in first}
    for names in lists:
        for earlier, later in itertools.pairwise(dict.fromkeys(names)):
            before[later].add(earlier)
    done: set[str] = set()
    order: list[str] = []
    while len(order) < len(first):
        left = [name for name in first if name not in done]
        ready = [name for name in left if before[name] <= done] or left  # disagreeing lists
        chosen = min(ready, key=rank.__getitem__)
        order.append(chosen)
        done.add(chosen)
    return order


def _table_rows(item: Table, data: Mapping[str, Any], members: Mapping[str, str]) -> list[dict[str, Any]]:
    """One dict per row of the table (column key → value), blank rows included."""
    if item.shape == "outcomes":
        outcomes = data.get("outcomes") or {}
        rows = []
        for word, code in VOCABULARIES["outcome"]:
            row: dict[str, Any] = {"": word, "total": outcomes.get(code)}
            for gender in ("women", "men"):
                row[gender] = (outcomes.get(gender) or {}).get(code)
            rows.append(row)
        return rows
    if item.shape == "costs":
        rows = []
        for label, code in COST_ROWS:
            row = {"": label, "_code": code}
            for column in item.columns[1:]:
                row[column.key] = (data.get(column.key) or {}).get(code)
            rows.append(row)
        return rows
    if item.shape == "roles":
        roles = [c.key for c in item.columns[1:]]
        order = merged_order([[str(m) for m in data.get(role) or ()] for role in roles], list(members))
        rows = []
        for member in order:
            row = {"member": member}
            for role in roles:
                row[role] = member in (data.get(role) or ())
            rows.append(row)
        return rows + [{} for _ in range(max(0, item.rows - len(rows)))]
    found = keys.get(data, item.key) or []
    rows = [{"": value} if item.shape == "values" else dict(value) for value in found]
    return rows + [{} for _ in range(max(0, item.rows - len(rows)))]


def write_workbook(
    kind: str, data: Mapping[str, Any] | None = None, association: Mapping[str, Any] | None = None
) -> bytes:
    """The form for ``application``, ``report`` or ``association`` as ``.xlsx`` bytes.

    ``data`` fills it in (the plain data a TOML document holds); ``association`` (the data of
    an ``association.toml``) gives the member names and priority groups of the drop-downs.
    """
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    members = list((association or {}).get("members") or ())
    groups = [str(g) for g in (association or {}).get("priority_groups") or ()]
    sheets = [(sheet, book.create_sheet(sheet.name)) for sheet in FORMS[kind]]
    lists_sheet = book.create_sheet(LISTS_SHEET)
    lists_sheet.sheet_state = "hidden"
    lists = _Lists(lists_sheet, members, groups)
    for layout, sheet in sheets:
        writer = _Writer(sheet, lists)
        sheet.column_dimensions["A"].width = 34
        sheet.column_dimensions["B"].width = 60
        for letter in "CDEF":
            sheet.column_dimensions[letter].width = 22
        for item in layout.items:
            if isinstance(item, Heading):
                writer.heading_row(item)
            elif isinstance(item, Field):
                writer.field_row(item, data or {})
            else:
                writer.table(item, data or {})
    book.properties.creator = "finsam-rules"
    book.properties.created = FIXED_TIME
    book.properties.modified = FIXED_TIME
    out = io.BytesIO()
    book.save(out)
    return normalise(out.getvalue())


__all__ = ["Column", "write_workbook"]
