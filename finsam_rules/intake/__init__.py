"""Reading and writing the forms people actually fill in: Excel workbooks (and Word forms).

:func:`read_data` is the one call the loader makes: for a ``.toml`` file it is
:func:`~finsam_rules.loading.read_toml`; for a form it reads the file (size checked before it
is opened), checks it against the data model and gives the same plain data a TOML document
would, so the converter, validation and rules apply unchanged. Problems name the file, the
sheet and cell (or the Word section), and what was expected. Files are only read.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from finsam_rules.errors import InputError, Problem
from finsam_rules.i18n import TEXTS, texts

if TYPE_CHECKING:
    from finsam_rules.intake.xlsx_reader import FormData

#: Form files read wherever a TOML document is accepted.
FORM_SUFFIXES = (".xlsx", ".docx")
#: Every suffix of a file a folder walk takes as a document.
DOCUMENT_SUFFIXES = (".toml", *FORM_SUFFIXES)
#: Office files that are refused with a message saying what to do instead.
REFUSED_SUFFIXES = {
    ".xlsm": (
        "arbetsböcker med makron (.xlsm) läses inte; spara som Excel-arbetsbok (.xlsx)",
        "workbooks with macros (.xlsm) are not read; save as Excel workbook (.xlsx)",
    ),
    ".xls": (
        "det gamla Excel-formatet (.xls) läses inte; spara som Excel-arbetsbok (.xlsx)",
        "the old Excel format (.xls) is not read; save as Excel workbook (.xlsx)",
    ),
    ".doc": (
        "det gamla Word-formatet (.doc) läses inte; spara som Word-dokument (.docx)",
        "the old Word format (.doc) is not read; save as Word document (.docx)",
    ),
    ".docm": (
        "dokument med makron (.docm) läses inte; spara som Word-dokument (.docx)",
        "documents with macros (.docm) are not read; save as Word document (.docx)",
    ),
    ".odt": (
        "OpenDocument-texter (.odt) läses inte; spara som Word-dokument (.docx)",
        "OpenDocument texts (.odt) are not read; save as Word document (.docx)",
    ),
    ".ods": (
        "OpenDocument-kalkylblad (.ods) läses inte; spara som Excel-arbetsbok (.xlsx)",
        "OpenDocument spreadsheets (.ods) are not read; save as Excel workbook (.xlsx)",
    ),
}
#: Largest form file accepted, in bytes (a filled-in form is some tens of kilobytes).
MAX_FORM_BYTES = 4 * 1_048_576
#: Largest total size of a form's unpacked parts, in bytes (guards against zip bombs).
MAX_UNPACKED_BYTES = 64 * 1_048_576
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _problem(sv: str, en: str) -> Problem:
    return Problem("", "invalid", {"detail": {"sv": sv, "en": en}})


def is_document_file(path: Path) -> bool:
    """Whether a folder walk takes this file as a document (not an Office lock file).

    Office files that are refused (``.xls``, ``.xlsm``, ``.ods``) are taken too, so the
    officer learns why they were not read instead of missing them silently."""
    return is_document_name(path.name)


def is_document_name(name: str) -> bool:
    """:func:`is_document_file` for a file's name alone (a folder walk asks before it makes
    a path of the name)."""
    dot = name.rfind(".")
    suffix = name[dot:].lower() if 0 < dot < len(name) - 1 else ""  # as Path.suffix
    return (suffix in DOCUMENT_SUFFIXES or suffix in REFUSED_SUFFIXES) and not name.startswith("~$")


def is_form_file(path: Path) -> bool:
    """Whether a document file is read as a form (or refused as an Office file); every
    other document file is TOML."""
    suffix = path.suffix.lower()
    return suffix in FORM_SUFFIXES or suffix in REFUSED_SUFFIXES


def read_data(path: Path) -> dict[str, Any]:
    """The plain data of a document file: TOML as parsed, a form as read (see module)."""
    if is_form_file(path):
        return read_form(path).data
    from finsam_rules.loading import read_toml

    return read_toml(path)


def _read_bytes(path: Path) -> bytes:
    import zipfile
    from io import BytesIO

    try:
        size = path.stat().st_size
        if size > MAX_FORM_BYTES:
            raise InputError(path, [Problem("", "too_large", {"size": size, "limit": MAX_FORM_BYTES})])
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(path, [Problem("", "not_found")]) from None
    except OSError as exc:
        raise InputError(path, [Problem("", "unreadable", {"detail": exc.strerror})]) from None
    if len(raw) > MAX_FORM_BYTES:
        raise InputError(path, [Problem("", "too_large", {"size": len(raw), "limit": MAX_FORM_BYTES})])
    if not raw:
        raise InputError(path, [Problem("", "empty_file")])
    if raw.startswith(_OLE_MAGIC):
        raise InputError(
            path,
            [
                _problem(
                    "filen är lösenordsskyddad (krypterad) eller i ett gammalt Office-format; "
                    "spara den utan lösenord som .xlsx eller .docx",
                    "the file is password-protected (encrypted) or in an old Office format; "
                    "save it without a password as .xlsx or .docx",
                )
            ],
        )
    try:
        with zipfile.ZipFile(BytesIO(raw)) as package:
            names = package.namelist()
            unpacked = sum(info.file_size for info in package.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        raise InputError(
            path,
            [
                _problem(
                    "filen är skadad eller inte en Office-fil", "the file is damaged or not an Office file"
                )
            ],
        ) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise InputError(path, [Problem("", "too_large", {"size": unpacked, "limit": MAX_UNPACKED_BYTES})])
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        macros = ".docm" if path.suffix.lower() == ".docx" else ".xlsm"
        raise InputError(path, [_problem(*REFUSED_SUFFIXES[macros])])
    return raw


def read_form(path: Path) -> FormData:
    """Read a form and check it against the data model; raises :class:`InputError`."""
    refused = REFUSED_SUFFIXES.get(path.suffix.lower())
    if refused is not None:
        raise InputError(path, [_problem(*refused)])
    raw = _read_bytes(path)
    if path.suffix.lower() == ".docx":
        from finsam_rules.intake.docx_form import read_docx

        form = read_docx(path, raw)
    else:
        from finsam_rules.intake.xlsx_reader import read_workbook

        form = read_workbook(path, raw)
    if form.kind == "report" and "outcome_table" in form.data:
        _outcomes_from_table(path, form)
    _check(path, form)
    from finsam_rules.intake.provenance import remember

    remember(path, form.places)
    return form


def _check(path: Path, form: FormData) -> None:
    """Structure the form's data as the model would, naming places in any problem."""
    from finsam_rules.converter import StructureFailure, structure
    from finsam_rules.intake.provenance import locate
    from finsam_rules.model import Application, Association, Report

    cls = {"application": Application, "report": Report, "association": Association}[form.kind]
    try:
        structure(form.data, cls)
    except StructureFailure as failure:
        raise InputError(path, locate(failure.problems, form.places)) from None


def _outcomes_from_table(path: Path, form: FormData) -> None:
    """Fill a report's participants and outcomes from the outcome table the form names."""
    from finsam_rules.intake.outcome_table import read_outcome_table

    name = str(form.data.pop("outcome_table"))
    place = form.places.get("$.outcome_table", "")
    relative = Path(name)
    if relative.is_absolute() or ".." in relative.parts:
        raise InputError(
            path,
            [
                Problem(
                    place,
                    "invalid",
                    {"detail": texts("intake.table_file_name", name=name)},
                )
            ],
        )
    if "participants" in form.data or "outcomes" in form.data:
        raise InputError(
            path,
            [
                Problem(
                    place,
                    "invalid",
                    {"detail": TEXTS["intake.table_and_counts"]},
                )
            ],
        )
    from finsam_rules.intake.mapping import mappings_for

    names: dict[str, str] = {}
    for mapping in mappings_for(path):
        names.update(mapping.outcome_names)
    data, places = read_outcome_table(path.parent / relative, names)
    form.data.update(data)
    form.places.update(places)
