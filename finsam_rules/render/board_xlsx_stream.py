"""The board workbook written by XlsxWriter in bounded memory, to the same bytes.

XlsxWriter keeps every cell of every sheet until the workbook is closed, then writes each part
of the package as one text and zips its UTF-8 bytes whole: for a portfolio of 17 000
findings, some 50 MiB at once. Its ``constant_memory`` mode writes the strings inline rather
than shared, so other bytes. Here XlsxWriter still does all the writing, only sooner and in
pieces:

- :class:`RowSheet` turns its rows into XML as soon as a block of sixteen is complete, with
  XlsxWriter's own row writer (the rows' ``spans`` attribute is one per block of sixteen),
  and lets the cells go;
- every part of the package is written to a :class:`Spool`, which keeps the text compressed;
- :class:`StreamedWorkbook` zips each part a piece at a time, with the member's name, time
  stamp (1980-01-01) and compression XlsxWriter gives it (deflate's output does not depend
  on how its input is cut).

The cells' styles are numbered in the order they are first written, sheet by sheet: each
sheet is :meth:`RowSheet.finish`-ed before the next one is written, as XlsxWriter writes
them. ``tests/test_board_memory_lean.py`` proves the bytes are XlsxWriter's own.
"""

from __future__ import annotations

import codecs
import io
import zlib
from collections.abc import Iterator
from typing import IO, Any
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

from xlsxwriter.packager import Packager  # type: ignore[import-untyped]
from xlsxwriter.workbook import Workbook  # type: ignore[import-untyped]
from xlsxwriter.worksheet import Worksheet  # type: ignore[import-untyped]

#: Rows that share one ``spans`` attribute in XlsxWriter's XML.
SPAN_ROWS = 16
#: The internals of XlsxWriter this module builds on. They are not its public interface, so
#: :func:`supported` checks that each is there (and the byte-comparison tests prove that the
#: installed version writes through them what XlsxWriter writes alone); without one of them
#: the board workbook is written by XlsxWriter alone, the same bytes in more memory.
_INTERNALS = {
    Worksheet: ("_write_rows", "_write_sheet_data", "_xml_start_tag", "_xml_end_tag"),
    Packager: ("_filename", "_create_package"),
    Workbook: ("_get_packager", "_store_workbook"),
}
#: Attributes of a worksheet this module reads and sets while it writes rows.
_SHEET_ATTRIBUTES = ("fh", "dim_rowmin", "dim_rowmax", "table")


def supported() -> bool:
    """Whether the installed XlsxWriter has every internal this module uses."""
    if not all(callable(getattr(kind, name, None)) for kind, names in _INTERNALS.items() for name in names):
        return False
    try:
        sheet = Worksheet()
    except Exception:  # an XlsxWriter whose worksheets are made otherwise
        return False
    return all(hasattr(sheet, name) for name in _SHEET_ATTRIBUTES)


#: Text gathered before it is compressed, and bytes given back at a time.
_CHUNK = 1 << 16


class Spool(io.StringIO):
    """Text kept compressed as it is written (a part of the package, a sheet's rows): a
    :class:`io.StringIO` to XlsxWriter, which writes to one, holding no more than a
    compressed copy and the last few thousand characters. A short text is kept as it is;
    a compressor is made only for a long one, and let go when the text is complete."""

    def __init__(self) -> None:
        super().__init__()
        self._packer: Any = None  # a zlib compressor, once the text is long
        self._packed: list[bytes] = []
        self._pending: list[str] = []
        self._pending_size = 0
        self._sealed = False
        #: The UTF-8 bytes written so far (all of them once :meth:`seal` is called).
        self.size = 0

    def write(self, text: str) -> int:
        """Keep ``text``."""
        self._pending.append(text)
        self._pending_size += len(text)
        if self._pending_size >= _CHUNK:
            self._pack()
        return len(text)

    def _pack(self) -> None:
        if not self._pending:
            return
        data = "".join(self._pending).encode("utf-8")
        self._pending, self._pending_size = [], 0
        self.size += len(data)
        if self._packer is None:
            self._packer = zlib.compressobj(1)
        packed = self._packer.compress(data)
        if packed:
            self._packed.append(packed)

    def seal(self) -> int:
        """The text is complete: its compressor is let go; the UTF-8 bytes written."""
        if not self._sealed:
            self._sealed = True
            if self._packer is None:  # short: kept as it is
                self.size += sum(len(text.encode("utf-8")) for text in self._pending)
            else:
                self._pack()
                self._packed.append(self._packer.flush())
                self._packer = None
        return self.size

    def chunks(self) -> Iterator[bytes]:
        """The UTF-8 bytes written, a piece at a time, let go as they are given (once)."""
        self.seal()
        if self._pending:
            pending, self._pending = self._pending, []
            yield "".join(pending).encode("utf-8")
            return
        packed, self._packed = self._packed, []
        unpacker = zlib.decompressobj()
        packed.reverse()
        while packed:
            data = packed.pop()
            while data:
                out = unpacker.decompress(data, _CHUNK)
                if out:
                    yield out
                data = unpacker.unconsumed_tail
        rest = unpacker.flush()
        if rest:
            yield rest

    def texts(self) -> Iterator[str]:
        """The text written, a piece at a time (once)."""
        decoder = codecs.getincrementaldecoder("utf-8")()
        for chunk in self.chunks():
            text = decoder.decode(chunk)
            if text:
                yield text
        rest = decoder.decode(b"", final=True)
        if rest:
            yield rest

    def getvalue(self) -> str:
        """The whole text (once; XlsxWriter's own zipping asks for it, this module's does
        not)."""
        return "".join(self.texts())


class RowSheet(Worksheet):  # type: ignore[misc]
    """A worksheet whose rows are XML as soon as a block of sixteen is written."""

    fh: IO[str] | None
    dim_rowmin: int | None
    dim_rowmax: int | None

    def __init__(self) -> None:
        super().__init__()
        self._rows = Spool()
        self._written = 0  # the rows above this one are XML in ``_rows``

    def rows_done(self, end: int) -> None:
        """Every row above ``end`` is complete: the whole blocks of them become XML."""
        self._flush(end - end % SPAN_ROWS)

    def finish(self) -> None:
        """The sheet is complete: every row becomes XML (before the next sheet is written)."""
        if self.dim_rowmax is not None:
            self._flush(self.dim_rowmax + 1)
        self._rows.seal()

    def _flush(self, end: int) -> None:
        """The rows from the first not yet written to ``end`` as XML, by XlsxWriter's own
        row writer over just those rows, then the cells let go."""
        if self.dim_rowmin is None or end <= self._written:
            return
        saved = self.fh, self.dim_rowmin, self.dim_rowmax
        self.fh = self._rows
        self.dim_rowmin = max(self.dim_rowmin, self._written)
        self.dim_rowmax = end - 1 if self.dim_rowmax is None else min(self.dim_rowmax, end - 1)
        try:
            self._write_rows()
        finally:
            self.fh, self.dim_rowmin, self.dim_rowmax = saved
        for row in range(self._written, end):
            self.table.pop(row, None)
        self._written = end

    def _write_sheet_data(self) -> None:
        """``<sheetData>`` with the rows' XML as it was written."""
        if self.dim_rowmin is None:
            super()._write_sheet_data()
            return
        self.finish()
        self._xml_start_tag("sheetData")
        assert self.fh is not None  # the part of the package this sheet is written to
        for text in self._rows.texts():
            self.fh.write(text)
        self._xml_end_tag("sheetData")


class _Packager(Packager):  # type: ignore[misc]
    """XlsxWriter's packager with each part written to a :class:`Spool`; the parts are kept
    for :class:`StreamedWorkbook` to zip, and none is given to XlsxWriter's zipping."""

    def __init__(self, parts: list[tuple[Spool, str]]) -> None:
        super().__init__()
        self._parts = parts

    def _filename(self, xml_filename: str) -> Spool:
        spool = Spool()
        self._parts.append((spool, xml_filename))
        return spool

    def _create_package(self) -> list[Any]:
        super()._create_package()
        return []


class StreamedWorkbook(Workbook):  # type: ignore[misc]
    """An in-memory XlsxWriter workbook whose sheets are :class:`RowSheet` and whose parts
    are zipped into ``target`` a piece at a time."""

    def __init__(self, target: IO[bytes], options: dict[str, Any]) -> None:
        # XlsxWriter's own zipping writes an empty archive to a scratch buffer.
        super().__init__(io.BytesIO(), {**options, "in_memory": True})
        self._target = target
        self._parts: list[tuple[Spool, str]] = []

    def add_worksheet(self, name: str | None = None, worksheet_class: Any = None) -> RowSheet:
        """A new :class:`RowSheet`."""
        sheet: RowSheet = super().add_worksheet(name, worksheet_class or RowSheet)
        return sheet

    def _get_packager(self) -> _Packager:
        return _Packager(self._parts)

    def _store_workbook(self) -> None:
        super()._store_workbook()
        with ZipFile(self._target, "w", compression=ZIP_DEFLATED, allowZip64=self.allow_zip64) as archive:
            for spool, xml_filename in self._parts:
                # As XlsxWriter's in-memory zipping: Excel's time stamp of 1980-01-01.
                member = ZipInfo(xml_filename, (1980, 1, 1, 0, 0, 0))
                member.compress_type = archive.compression
                member.file_size = spool.seal()
                with archive.open(member, "w") as out:
                    for chunk in spool.chunks():
                        out.write(chunk)
        self._parts.clear()
