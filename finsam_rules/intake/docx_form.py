"""Word forms (``finsam new application --format docx``) written and read with python-docx.

The Word form follows the same layout as the workbook: a level-1 heading per part
(*Ansökan*, *Budget per år* …), the key fields in a table (Uppgift | Svar | Anvisning), each
free text (the gender analysis, the implementation plan) under its own level-2 heading, and
each list as a table under a level-2 heading with a header row. Paragraphs that begin with
``Anvisning:`` are instructions and are not read. A last part lists the association's members
with their ids, so member names typed in the form map to ids.

Reading turns each part into rows like a sheet's (label, value, …) and hands them to the
workbook reader's logic, so both forms are read by one set of rules; a value's place is its
section: ``avsnitt Ansökan: Sökt belopp``, ``avsnitt Jämställdhetsanalys``,
``avsnitt Budget per år, Budget rad 2: Summa``.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from finsam_rules.errors import InputError, Problem
from finsam_rules.formatting import format_kr
from finsam_rules.intake import keys
from finsam_rules.intake.deterministic import normalise
from finsam_rules.intake.layout import FORMS, Field, Heading, Sheet, Table
from finsam_rules.intake.provenance import section_place
from finsam_rules.intake.values import Members
from finsam_rules.intake.vocabulary import word_of, words, words_of
from finsam_rules.intake.xlsx_reader import FormData, _Form, _SheetReader
from finsam_rules.intake.xlsx_writer import _table_rows

#: Title of the part that lists the association's members (name and id).
MEMBERS_SECTION = "Förbundets medlemmar"
#: Paragraphs that begin with this are instructions, not answers.
HELP_PREFIX = "Anvisning:"
FIXED_TIME = dt.datetime(2000, 1, 1)


def _shown(kind: str, vocabulary: str, value: Any, members: Mapping[str, str]) -> str:
    """A value as the Word form shows it, in words that read back to the same value."""
    if value is None:
        return ""
    if kind in ("word", "tag"):
        return word_of(vocabulary, str(value))
    if kind == "words":
        return words_of(vocabulary, value)
    if kind == "member":
        return members.get(str(value), str(value))
    if kind == "bool":
        return "ja" if value else "nej"
    if kind == "kronor":
        return format_kr(int(value), "sv")
    if kind == "share":
        return f"{float(value) * 100:.10g}".replace(".", ",") + " %"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _help(item: Field) -> str:
    text = item.help.replace("; välj i listan.", ".").replace("Välj i listan.", "").strip()
    if item.type == "member":
        text += f" Namnet som i avsnittet {MEMBERS_SECTION}."
    if item.type == "word":
        text = (text + " " if text else "") + "Ett av: " + ", ".join(words(item.vocabulary)) + "."
    if item.type == "words":
        text = (text + " " if text else "") + "Ett eller flera av: " + ", ".join(words(item.vocabulary)) + "."
    return text


def _fields_table(
    document: Any, fields: list[Field], data: Mapping[str, Any], members: Mapping[str, str]
) -> None:
    table = document.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("Uppgift", "Svar", "Anvisning"), strict=True):
        cell.text = text
    for item in fields:
        cells = table.add_row().cells
        cells[0].text = item.label
        cells[1].text = _shown(item.type, item.vocabulary, keys.get(data, item.key), members)
        cells[2].text = _help(item)


def _lists_table(document: Any, item: Table, data: Mapping[str, Any], members: Mapping[str, str]) -> None:
    rows = _table_rows(item, data, members)
    table = document.add_table(rows=1, cols=len(item.columns))
    table.style = "Table Grid"
    for cell, column in zip(table.rows[0].cells, item.columns, strict=True):
        cell.text = column.label
    for values in rows:
        cells = table.add_row().cells
        for cell, column in zip(cells, item.columns, strict=True):
            value = values.get(column.key)
            if item.shape in ("outcomes", "costs") and column is item.columns[0]:
                cell.text = str(value or "")
            elif item.shape == "roles" and column.type == "bool" and not values:
                cell.text = ""
            else:
                cell.text = _shown(column.type, column.vocabulary, value, members)


def write_docx(
    kind: str, data: Mapping[str, Any] | None = None, association: Mapping[str, Any] | None = None
) -> bytes:
    """The Word form for ``kind`` as ``.docx`` bytes (filled in with ``data`` when given)."""
    import docx

    data = data or {}
    member_list = list((association or {}).get("members") or ())
    members = {str(m.get("id", "")): str(m.get("name", "")) for m in member_list}
    document = docx.Document()
    for sheet in FORMS[kind]:
        document.add_heading(sheet.name, level=1)
        pending: list[Field] = []
        for item in sheet.items:
            if isinstance(item, Field) and item.type != "longtext":
                pending.append(item)
                continue
            if pending:
                _fields_table(document, pending, data, members)
                pending = []
            if isinstance(item, Heading):
                if item.title != sheet.name:
                    document.add_heading(item.title, level=2)
                if item.help:
                    document.add_paragraph(f"{HELP_PREFIX} {item.help}").runs[0].italic = True
            elif isinstance(item, Field):
                document.add_heading(item.label, level=2)
                document.add_paragraph(f"{HELP_PREFIX} {item.help}").runs[0].italic = True
                for paragraph in str(keys.get(data, item.key) or "").strip().split("\n"):
                    document.add_paragraph(paragraph)
            else:
                document.add_heading(item.title, level=2)
                if item.help:
                    document.add_paragraph(f"{HELP_PREFIX} {item.help}").runs[0].italic = True
                _lists_table(document, item, data, members)
        if pending:
            _fields_table(document, pending, data, members)
    if member_list:
        document.add_heading(MEMBERS_SECTION, level=1)
        document.add_paragraph(f"{HELP_PREFIX} Skriv medlemmarnas namn som här.").runs[0].italic = True
        table = document.add_table(rows=1, cols=2)
        table.style = "Table Grid"
        table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Namn", "Id"
        for member_id, name in members.items():
            cells = table.add_row().cells
            cells[0].text, cells[1].text = name, member_id
    properties = document.core_properties
    properties.author = "finsam-rules"
    properties.last_modified_by = "finsam-rules"
    properties.created = FIXED_TIME
    properties.modified = FIXED_TIME
    properties.revision = 1
    out = io.BytesIO()
    document.save(out)
    return normalise(out.getvalue())


class _Cell:
    __slots__ = ("value",)

    def __init__(self, value: Any):
        self.value = value


class _Rows:
    """A part of the Word form as rows of a sheet, with each cell's place."""

    def __init__(self, section: str) -> None:
        self.section = section
        self.rows: list[list[Any]] = []
        self.places: dict[tuple[int, int], str] = {}

    def add(self, values: list[Any], places: list[str]) -> None:
        self.rows.append(values)
        row = len(self.rows)
        for column, place in enumerate(places, start=1):
            self.places[(row, column)] = place

    # The worksheet interface the workbook reader uses.
    @property
    def max_row(self) -> int:
        return len(self.rows)

    @property
    def max_column(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def cell(self, row: int, column: int) -> _Cell:
        values = self.rows[row - 1] if 0 < row <= len(self.rows) else []
        return _Cell(values[column - 1] if 0 < column <= len(values) else None)

    def place(self, row: int, column: int) -> str:
        return self.places.get((row, column), section_place(self.section))


def _text(cell: Any) -> str:
    return "\n".join(p.text for p in cell.paragraphs).strip()


def _level(paragraph: Any, names: Mapping[str, str]) -> int:
    """The heading level of a paragraph (1, 2 …), else 0.

    ``names`` maps style ids to style names (looking a style up through python-docx for
    every paragraph is slow)."""
    name = names.get(paragraph._p.style or "", "").lower()
    for prefix in ("heading ", "rubrik "):
        if name.startswith(prefix) and name[len(prefix) :].isdigit():
            return int(name[len(prefix) :])
    return 0


def _style_names(document: Any) -> dict[str, str]:
    """Style id -> style name, with the built-in names python-docx uses (``Heading 1``).

    Read from the styles part's elements directly (``w:style``, its ``w:styleId`` and its
    ``w:name``'s ``w:val``, as python-docx's ``styleId`` and ``name_val`` read them), once
    per document: a Word document carries some hundred styles, and python-docx's properties
    look each one up anew."""
    from docx.oxml.ns import qn
    from docx.styles import BabelFish

    style_tag, id_tag, name_tag, val_tag = qn("w:style"), qn("w:styleId"), qn("w:name"), qn("w:val")
    names: dict[str, str] = {}
    for style in document.styles.element.iterchildren(style_tag):
        style_id, name = style.get(id_tag), style.find(name_tag)
        value = None if name is None else name.get(val_tag)
        if style_id is not None and value is not None:
            names[style_id] = BabelFish.internal2ui(value)
    return names


def _parts(
    document: Any, layouts: Iterable[Sheet], styles: Mapping[str, str]
) -> tuple[dict[str, _Rows], _Rows | None]:
    """The form's parts (by level-1 heading) as rows, and the members part if any."""
    from docx.text.paragraph import Paragraph

    sheets = {sheet.name.casefold(): sheet for sheet in layouts}
    parts: dict[str, _Rows] = {}
    members: _Rows | None = None
    current: _Rows | None = None
    subsection = ""
    longtext: Field | None = None
    longtext_row: list[Any] | None = None
    table_title: str | None = None
    for block in document.iter_inner_content():
        # A paragraph (not a table) by its class: asking it for ``style`` looks the style up
        # through python-docx, the slowest step of reading a form.
        if isinstance(block, Paragraph):
            text = block.text.strip()
            level = _level(block, styles)
            if level == 1:
                longtext = longtext_row = table_title = None
                if text.casefold() == MEMBERS_SECTION.casefold():
                    current = members = _Rows(MEMBERS_SECTION)
                else:
                    sheet = sheets.get(text.casefold())
                    current = None if sheet is None else parts.setdefault(sheet.name, _Rows(sheet.name))
                    subsection = text
                continue
            if current is None:
                continue
            if level >= 2:
                subsection = text
                longtext = longtext_row = None
                table_title = text
                layout = sheets.get(current.section.casefold())
                field = next(
                    (
                        i
                        for i in (layout.items if layout else ())
                        if isinstance(i, Field)
                        and i.type == "longtext"
                        and i.label.casefold() == text.casefold()
                    ),
                    None,
                )
                if field is not None:
                    longtext, table_title = field, None
                    longtext_row = [text, ""]
                    current.add(longtext_row, [section_place(text), section_place(text)])
                else:
                    current.add([text], [section_place(text)])
                continue
            if longtext is not None and longtext_row is not None and not text.startswith(HELP_PREFIX):
                longtext_row[1] = (
                    (longtext_row[1] + "\n" + block.text).strip("\n") if longtext_row[1] else block.text
                )
            continue
        if current is None:
            continue
        rows = block.rows
        header = [_text(c) for c in rows[0].cells] if rows else []
        if current is members or (
            (header[:2] == ["Uppgift", "Svar"] and table_title is None) or header[:1] == ["Uppgift"]
        ):
            for row in rows[1:] if header[:1] in (["Uppgift"], ["Namn"]) else rows:
                cells = [_text(c) for c in row.cells]
                label = cells[0] if cells else ""
                where = f"{section_place(subsection)}: {label}"
                current.add(cells[:2], [where, where])
        else:
            title = table_title or subsection
            where = section_place(title) if title == subsection else f"{section_place(subsection)}, {title}"
            current.add(header, [f"{where}: {h}" for h in header])
            for number, row in enumerate(rows[1:], start=1):
                cells = [_text(c) for c in row.cells]
                current.add(cells, [f"{where} rad {number}: {h}" for h in header])
        longtext = longtext_row = table_title = None
    return parts, members


def _blocks(document: Any, styles: Mapping[str, str]) -> list[tuple[str, Any]]:
    """The document as ``("heading", text)``, ``("text", text)`` and ``("row", cells)``."""
    from docx.table import Table as DocxTable

    blocks: list[tuple[str, Any]] = []
    for block in document.iter_inner_content():
        if isinstance(block, DocxTable):
            blocks.extend(("row", [_text(c) for c in row.cells]) for row in block.rows)
        elif _level(block, styles) or styles.get(block._p.style or "", "").lower() == "title":
            blocks.append(("heading", block.text.strip()))
        else:
            blocks.append(("text", block.text))
    return blocks


def read_docx(path: Path, raw: bytes) -> FormData:
    """Read a ``.docx`` form already read into ``raw``; raises :class:`InputError`."""
    import docx

    def problem(sv: str, en: str) -> Problem:
        return Problem("", "invalid", {"detail": {"sv": sv, "en": en}})

    try:
        document = docx.Document(io.BytesIO(raw))
        layouts = {kind: sheets for kind, sheets in FORMS.items()}
        styles = _style_names(document)
        headings = {p.text.strip().casefold() for p in document.paragraphs if _level(p, styles) == 1}
    except Exception as exc:  # python-docx raises many kinds of errors for a damaged package
        raise InputError(
            path,
            [
                problem(
                    f"filen är skadad eller inte ett Word-dokument (.docx) ({type(exc).__name__})",
                    f"the file is damaged or not a Word document (.docx) ({type(exc).__name__})",
                )
            ],
        ) from None
    kind = next((k for k, sheets in layouts.items() if sheets[0].name.casefold() in headings), None)
    if kind is None:
        from finsam_rules.intake.mapping import mappings_for, read_mapped_docx

        for mapping in mappings_for(path):
            texts = {" ".join(p.text.split()).casefold() for p in document.paragraphs}
            if mapping.heading and " ".join(mapping.heading.split()).casefold() in texts:
                return read_mapped_docx(path, mapping, _blocks(document, styles))
        expected = ", ".join(repr(sheets[0].name) for sheets in layouts.values())
        raise InputError(
            path,
            [
                problem(
                    f"dokumentet är inte en av förbundets blanketter: det saknar rubriken {expected} "
                    "(formatmall Rubrik 1)",
                    f"the document is not one of the association's forms: it has no heading {expected} "
                    "(style Heading 1)",
                )
            ],
        )
    try:
        parts, member_rows = _parts(document, FORMS[kind], styles)
    except Exception as exc:  # an unexpected structure inside a damaged document
        raise InputError(
            path,
            [
                problem(
                    f"dokumentets innehåll kan inte läsas ({type(exc).__name__})",
                    f"the document's content cannot be read ({type(exc).__name__})",
                )
            ],
        ) from None
    pairs = []
    for row in member_rows.rows if member_rows else []:
        if len(row) >= 2 and row[1].strip():
            pairs.append((row[1].strip(), row[0].strip()))
    members = Members(pairs)
    form = _Form()
    for layout in FORMS[kind]:
        rows = parts.get(layout.name)
        if rows is None:
            form.problems.append(
                problem(f"avsnittet {layout.name!r} saknas", f"the section {layout.name!r} is missing")
            )
            continue
        _SheetReader(layout, rows, rows, members, form, placer=rows.place).read()
    if form.problems:
        raise InputError(path, form.problems)
    return FormData(kind, form.data, form.places)
