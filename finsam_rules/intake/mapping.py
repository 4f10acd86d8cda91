"""Mapping files: an association reads its own Excel template without code.

A mapping file (TOML) says which sheet and cell, or named range, holds which field, where a
grid of cost types (rows) by years (columns) lies, where a table of items is, and how the
template's Swedish words map to codes. A workbook that is not one of the shipped forms is
read with the first mapping whose ``signature`` cells it matches. Mappings come from the
portfolio folder's ``mappings/`` and from packs (hook ``register_form_mappings``)::

    [mapping]
    name = "Förbundets budgetmall"
    kind = "application"
    [mapping.signature]              # cell texts that identify the template
    "Budget!A1" = "Budget för ansökan om medel"
    [fields]                         # key path = "Sheet!Cell" or a named range
    title = "Budget!B3"
    requested = "SoktBelopp"
    [[grids]]                        # cost types as rows, years as columns
    key = "budget"
    sheet = "Budget"
    years_row = 9
    columns = "B:D"
    rows = { personnel = 10, premises = 11, other = 12, total = 13 }
    [[tables]]                       # one item per row, fields as columns
    key = "co_financing"
    sheet = "Budget"
    rows = "17:20"
    columns = { source = "A", amount = "B" }
    [words]                          # the template's words and the codes they mean
    "Genomförandeprojekt" = "implementation"
    [outcomes]                       # an outcome table's category names and their outcomes
    "Anställning med stöd" = "work"

A Word template is recognised by a heading (``[mapping] heading = "…"``); ``[labels]`` maps
the first cell of a table row to a field (the value is in the second cell) and
``[sections]`` maps a heading to a free text (the paragraphs under it)::

    [labels]
    "Projektets namn" = "title"
    [sections]
    "Jämställdhetsperspektiv" = "gender_analysis"
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from finsam_rules.errors import InputError, Problem
from finsam_rules.intake import keys
from finsam_rules.intake.layout import FORMS, Field, Table
from finsam_rules.intake.provenance import cell_place
from finsam_rules.intake.values import Bad, Members, convert, is_blank

if TYPE_CHECKING:
    from finsam_rules.intake.xlsx_reader import FormData

#: Sub-folder of a portfolio that holds the association's mapping files.
MAPPINGS_FOLDER = "mappings"
_CELL = re.compile(
    r"^(?:'(?P<quoted>(?:[^']|'')+)'|(?P<sheet>[^!]+))!\$?(?P<col>[A-Za-z]{1,3})\$?(?P<row>[0-9]+)$"
)
_TYPES: dict[str, tuple[str, str]] = {}


def _field_types() -> dict[str, tuple[str, str]]:
    """Type and vocabulary of every field of the forms, by dotted key; table columns too."""
    if not _TYPES:
        for sheets in FORMS.values():
            for sheet in sheets:
                for item in sheet.items:
                    if isinstance(item, Field):
                        _TYPES.setdefault(item.key, (item.type, item.vocabulary))
                    elif isinstance(item, Table) and item.key:
                        for column in item.columns:
                            name = f"{item.key}[].{column.key}" if column.key else f"{item.key}[]"
                            _TYPES.setdefault(name, (column.type, column.vocabulary))
    return _TYPES


def _problem(place: str, sv: str, en: str) -> Problem:
    return Problem(place, "invalid", {"detail": {"sv": sv, "en": en}})


@attrs.frozen
class FormMapping:
    """A parsed mapping file."""

    source: str
    name: str
    kind: str
    signature: Mapping[str, str]
    fields: Mapping[str, str]
    grids: tuple[Mapping[str, Any], ...]
    tables: tuple[Mapping[str, Any], ...]
    words: Mapping[str, str]
    #: Category names of an outcome table (a follow-up system's export) and their outcomes.
    outcome_names: Mapping[str, str] = attrs.field(factory=dict)
    #: Word templates: a table row's label (first column) -> key; a heading -> free-text key.
    labels: Mapping[str, str] = attrs.field(factory=dict)
    sections: Mapping[str, str] = attrs.field(factory=dict)
    #: Word templates: a heading whose presence identifies the template.
    heading: str = ""


def _column(letters: str) -> int:
    from openpyxl.utils import column_index_from_string

    return int(column_index_from_string(letters.upper()))


def parse_mapping(source: str, data: Mapping[str, Any]) -> FormMapping:
    """Check a mapping file's data; raises :class:`InputError` naming the key."""
    problems: list[Problem] = []
    head = data.get("mapping")
    if not isinstance(head, dict) or head.get("kind") not in FORMS:
        problems.append(
            Problem("$.mapping.kind", "enum", {"allowed": list(FORMS), "got": str((head or {}).get("kind"))})
        )
        raise InputError(source, problems)
    types = _field_types()
    fields = data.get("fields", {})
    for key, where in fields.items():
        if key not in types:
            allowed = sorted(k for k in types if "[]" not in k)
            details: dict[str, Any] = {"keys": [key], "allowed": allowed}
            from finsam_rules.converter import nearest_keys

            near = nearest_keys([key], allowed)  # did you mean: the nearest field of the model
            if near:
                details["near"] = near
            problems.append(Problem(f"$.fields.{key}", "unknown_keys", details))
        elif not isinstance(where, str):
            problems.append(
                Problem(f"$.fields.{key}", "type", {"expected": "text", "got": type(where).__name__})
            )
    for table_name in ("labels", "sections"):
        for label, key in data.get(table_name, {}).items():
            if key not in types:
                problems.append(
                    Problem(
                        f"$.{table_name}.{label}",
                        "enum",
                        {"allowed": sorted(k for k in types if "[]" not in k), "got": str(key)},
                    )
                )
    for index, grid in enumerate(data.get("grids", [])):
        for needed in ("key", "sheet", "years_row", "columns", "rows"):
            if needed not in grid:
                problems.append(Problem(f"$.grids[{index}].{needed}", "missing"))
    for index, table in enumerate(data.get("tables", [])):
        for needed in ("key", "sheet", "rows", "columns"):
            if needed not in table:
                problems.append(Problem(f"$.tables[{index}].{needed}", "missing"))
    if problems:
        raise InputError(source, problems)
    return FormMapping(
        source=source,
        name=str(head.get("name", source)),
        kind=str(head["kind"]),
        signature=dict(head.get("signature", {})),
        fields=dict(fields),
        grids=tuple(data.get("grids", [])),
        tables=tuple(data.get("tables", [])),
        words={" ".join(str(k).split()).casefold(): str(v) for k, v in data.get("words", {}).items()},
        outcome_names={str(k): str(v) for k, v in data.get("outcomes", {}).items()},
        labels={_fold(k): str(v) for k, v in data.get("labels", {}).items()},
        sections={_fold(k): str(v) for k, v in data.get("sections", {}).items()},
        heading=str(head.get("heading", "")),
    )


def _fold(text: str) -> str:
    return " ".join(str(text).split()).casefold()


def load_mapping(path: Path | Traversable) -> FormMapping:
    """Read and check a mapping file."""
    import tomllib

    from finsam_rules.loading import read_toml

    if isinstance(path, Path):
        return parse_mapping(str(path), read_toml(path))
    try:
        return parse_mapping(str(path), tomllib.loads(path.read_text(encoding="utf-8")))
    except tomllib.TOMLDecodeError as exc:
        raise InputError(str(path), [Problem("", "toml", {"detail": str(exc)})]) from None


@functools.cache
def _pack_mappings() -> tuple[FormMapping, ...]:
    from finsam_rules.plugins import build_registry

    found = []
    for _pack, source in build_registry().form_mappings:
        try:
            found.append(load_mapping(source))
        except InputError:
            continue  # a broken pack mapping is reported by `finsam plugins`, never fatal here
    return tuple(found)


def mappings_for(path: Path) -> list[FormMapping]:
    """The mappings that may describe a workbook: its portfolio's, then the packs'."""
    from finsam_rules.portfolio import find_portfolio_root

    found: list[FormMapping] = []
    root = find_portfolio_root(path)
    for folder in (path.parent / MAPPINGS_FOLDER, root / MAPPINGS_FOLDER if root else None):
        if folder is not None and folder.is_dir():
            for file in sorted(folder.glob("*.toml")):
                found.append(load_mapping(file))
    return found + list(_pack_mappings())


class _Reader:
    def __init__(self, mapping: FormMapping, formulas: Any, values: Any):
        self.mapping = mapping
        self.formulas = formulas
        self.values = values
        self.data: dict[str, Any] = {}
        self.places: dict[str, str] = {}
        self.problems: list[Problem] = []
        self.members = Members([])

    def locate(self, where: str) -> tuple[str, int, int] | None:
        found = _CELL.match(where.strip())
        if found:
            sheet = (found.group("quoted") or "").replace("''", "'") or found.group("sheet")
            return sheet, int(found.group("row")), _column(found.group("col"))
        defined = self.formulas.defined_names.get(where)
        if defined is not None:
            for sheet, ref in defined.destinations:
                return self.locate(f"'{sheet}'!{ref.split(':')[0]}")
        return None

    def raw(self, sheet: str, row: int, column: int) -> tuple[Any, bool]:
        value = self.formulas[sheet].cell(row, column).value
        if isinstance(value, str) and value.startswith("="):
            cached = self.values[sheet].cell(row, column).value
            return (value, True) if cached is None else (cached, False)
        return value, False

    def read(self, sheet: str, row: int, column: int, kind: str, vocabulary: str) -> Any:
        place = cell_place(sheet, row, column)
        if sheet not in self.formulas.sheetnames:
            self.problems.append(
                _problem(place, f"bladet {sheet!r} saknas", f"the sheet {sheet!r} is missing")
            )
            return None
        raw, unsaved = self.raw(sheet, row, column)
        if unsaved:
            self.problems.append(
                _problem(
                    place,
                    f"cellen har formeln {raw} men inget sparat värde; "
                    "öppna och spara filen i Excel eller LibreOffice",
                    f"the cell holds the formula {raw} but no saved value; "
                    "open and save the file in Excel or LibreOffice",
                )
            )
            return None
        if is_blank(raw):
            return None
        if isinstance(raw, str):
            raw = self.mapping.words.get(" ".join(raw.split()).casefold(), raw)
        try:
            return convert(kind, vocabulary, raw, self.members)
        except Bad as bad:
            self.problems.append(Problem(place, "invalid", {"detail": bad.detail}))
            return None

    def run(self) -> None:
        types = _field_types()
        for key, where in self.mapping.fields.items():
            located = self.locate(where)
            if located is None:
                self.problems.append(
                    _problem(
                        f"{self.mapping.source}: $.fields.{key}",
                        f"hittar inte {where!r} (ange Blad!Cell eller ett namngivet område)",
                        f"cannot find {where!r} (give Sheet!Cell or a named range)",
                    )
                )
                continue
            kind, vocabulary = types[key]
            self.places[keys.dollar(key)] = cell_place(*located)
            value = self.read(*located, kind, vocabulary)
            if value is not None:
                keys.put(self.data, key, value)
        for grid in self.mapping.grids:
            self.grid(grid)
        for table in self.mapping.tables:
            self.table(table)

    def grid(self, grid: Mapping[str, Any]) -> None:
        sheet, key = str(grid["sheet"]), str(grid["key"])
        first, last = (_column(c) for c in str(grid["columns"]).split(":"))
        items: list[dict[str, Any]] = []
        for column in range(first, last + 1):
            year = self.read(sheet, int(grid["years_row"]), column, "count", "")
            if year is None:
                continue
            index = len(items)
            item: dict[str, Any] = {"year": year}
            self.places[keys.dollar(key, index)] = cell_place(sheet, int(grid["years_row"]), column)
            for name, row in grid["rows"].items():
                self.places[keys.dollar(key, index, name)] = cell_place(sheet, int(row), column)
                _raw, unsaved = self.raw(sheet, int(row), column)
                if name == "total" and unsaved:  # the template's own sum, without a saved value
                    item["total"] = sum(v for n, v in item.items() if n not in ("year", "total"))
                    continue
                value = self.read(sheet, int(row), column, "kronor", "")
                if value is not None:
                    item[name] = value
            items.append(item)
        if items:
            self.places.setdefault(keys.dollar(key), cell_place(sheet, int(grid["years_row"]), first))
            keys.put(self.data, key, items)

    def table(self, table: Mapping[str, Any]) -> None:
        sheet, key = str(table["sheet"]), str(table["key"])
        types = _field_types()
        start, end = (int(r) for r in str(table["rows"]).split(":"))
        items: list[dict[str, Any]] = []
        for row in range(start, end + 1):
            item: dict[str, Any] = {}
            index = len(items)
            for name, letters in table["columns"].items():
                kind, vocabulary = types.get(f"{key}[].{name}", ("text", ""))
                self.places[keys.dollar(key, index, name)] = cell_place(sheet, row, _column(str(letters)))
                value = self.read(sheet, row, _column(str(letters)), kind, vocabulary)
                if value is not None:
                    item[name] = value
            if item:
                items.append(item)
        if items:
            self.places.setdefault(keys.dollar(key), cell_place(sheet, start, 1))
            keys.put(self.data, key, items)


def matches(mapping: FormMapping, formulas: Any) -> bool:
    """Whether a workbook's signature cells hold the texts the mapping expects."""
    reader = _Reader(mapping, formulas, formulas)
    if not mapping.signature:
        return False
    for where, text in mapping.signature.items():
        located = reader.locate(where)
        if located is None or located[0] not in formulas.sheetnames:
            return False
        value = formulas[located[0]].cell(located[1], located[2]).value
        if " ".join(str(value or "").split()).casefold() != " ".join(text.split()).casefold():
            return False
    return True


def read_mapped(path: Path, mapping: FormMapping, formulas: Any, values: Any) -> FormData:
    """Read a workbook with a mapping; raises :class:`InputError` with cells named."""
    from finsam_rules.intake.xlsx_reader import FormData

    reader = _Reader(mapping, formulas, values)
    reader.run()
    if reader.problems:
        raise InputError(path, reader.problems)
    return FormData(mapping.kind, reader.data, reader.places)


def read_mapped_docx(path: Path, mapping: FormMapping, blocks: list[tuple[str, Any]]) -> FormData:
    """Read an association's own Word template with a mapping.

    ``blocks`` are the document's ``("heading", text)``, ``("text", text)`` and
    ``("row", [cell texts])`` in order. Table rows whose first cell is a mapped label give
    that field (from the second cell); paragraphs under a mapped heading give its free text."""
    from finsam_rules.intake.provenance import section_place
    from finsam_rules.intake.xlsx_reader import FormData

    types = _field_types()
    data: dict[str, Any] = {}
    places: dict[str, str] = {}
    problems: list[Problem] = []
    heading, collecting = "", ""
    texts: dict[str, list[str]] = {}
    for kind, content in blocks:
        if kind == "heading":
            heading = str(content)
            collecting = mapping.sections.get(_fold(heading), "")
            if collecting:
                places[keys.dollar(collecting)] = section_place(heading)
                texts.setdefault(collecting, [])
        elif kind == "text" and collecting and str(content).strip():
            texts[collecting].append(str(content))
        elif kind == "row" and len(content) >= 2:
            key = mapping.labels.get(_fold(content[0]))
            if key is None:
                continue
            place = f"{section_place(heading)}: {content[0].strip()}" if heading else content[0].strip()
            places[keys.dollar(key)] = place
            if is_blank(content[1]):
                continue
            raw = mapping.words.get(_fold(content[1]), content[1])
            field_type, vocabulary = types[key]
            try:
                keys.put(data, key, convert(field_type, vocabulary, raw, Members([])))
            except Bad as bad:
                problems.append(Problem(place, "invalid", {"detail": bad.detail}))
    for key, paragraphs in texts.items():
        if paragraphs:
            keys.put(data, key, "\n".join(paragraphs).strip())
    if problems:
        raise InputError(path, problems)
    return FormData(mapping.kind, data, places)
