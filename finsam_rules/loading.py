"""Reading TOML documents from disk, one at a time, with clear errors.

A file is read in bytes, checked for size, decoded as UTF-8, parsed with :mod:`tomllib`,
checked for nesting depth, told apart by its content (association, application, report, or
a file that is not a document such as a policy) and converted to the model. Files are only
ever opened for reading. :func:`iter_paths` walks files and folders lazily in a stable order,
so a batch of any size is processed one document at a time.
"""

from __future__ import annotations

import os
import re
import stat
import tomllib
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any, TypeVar, cast

import attrs

from finsam_rules.errors import InputError, Problem, type_name
from finsam_rules.i18n import TEXTS
from finsam_rules.intake import is_document_name, is_form_file, read_data
from finsam_rules.model import Application, Association, Document, Report

#: Largest file accepted, in bytes. Real applications are a few kilobytes.
MAX_FILE_BYTES = 1_048_576
#: Deepest nesting of tables and arrays accepted.
MAX_DEPTH = 16

#: File names with a fixed meaning inside a portfolio folder; never screened as documents.
ASSOCIATION_FILE = "association.toml"
PORTFOLIO_CONFIG_FILE = "finsam.toml"


# -- standard input: ``-`` on the command line ---------------------------------------------
#: The one document read from standard input (``finsam screen -``), as it is named in
#: messages. It is told apart by identity, never by name: a real file called ``<stdin>`` is
#: still a file.
STDIN = Path("<stdin>")
#: What ``-`` stands for on the command line.
STDIN_ARGUMENT = "-"


def is_stdin(path: Path) -> bool:
    """Whether ``path`` is the document read from standard input."""
    return path is STDIN


def folder_of(path: Path) -> Path:
    """The folder a document's portfolio is looked for from: its own, or for standard
    input none of the file system's (the ``--association``/``--portfolio`` options decide).

    The documents of a folder share one path object for it (the last few folders are
    kept): a path made anew for each document costs more than the document's lookup."""
    if path is STDIN:
        return STDIN
    key = (type(path), os.path.dirname(str(path)))
    folder = _FOLDERS.get(key)
    if folder is None:
        if len(_FOLDERS) >= _MAX_FOLDERS:
            _FOLDERS.clear()
        folder = _FOLDERS[key] = path.parent
    return folder


#: The folders :func:`folder_of` gave lately, by the text before a path's last ``/``
#: (every path with the same text there has the same parent).
_FOLDERS: dict[tuple[type, str], Path] = {}
_MAX_FOLDERS = 64


def read_stdin(limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of standard input, at most ``limit`` of them, or :class:`InputError`
    naming ``<stdin>``: a terminal is refused (nothing was piped, and a run must not wait
    for typing), and so is input over the limit (at most ``limit + 1`` bytes are read)."""
    import sys

    stream = sys.stdin
    if stream is None:
        raise InputError(STDIN, [Problem("", "stdin_empty")])
    try:
        if stream.isatty():
            raise InputError(STDIN, [Problem("", "stdin_terminal")])
        source = getattr(stream, "buffer", stream)
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = source.read(limit + 1 - size)
            if not chunk:
                break
            if isinstance(chunk, str):  # a text stream without a buffer (an embedding)
                chunk = chunk.encode("utf-8")
            chunks.append(chunk)
            size += len(chunk)
    except (OSError, ValueError) as exc:  # closed, or not readable
        detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else type(exc).__name__
        raise InputError(STDIN, [Problem("", "unreadable", {"detail": detail})]) from None
    raw = b"".join(chunks)
    if len(raw) > limit:
        raise InputError(STDIN, [Problem("", "stdin_too_large", {"limit": limit})])
    if not raw.strip():
        raise InputError(STDIN, [Problem("", "stdin_empty")])
    return raw


def read_bytes(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, or :class:`InputError`.

    The path is looked at with ``stat()`` first: anything but a regular file (a folder, a
    FIFO, a device such as ``/dev/zero``, a socket) is refused without being opened, and so
    is a file whose size is over the limit. The file is opened without blocking (a FIFO
    swapped in between cannot hang the run), never as a controlling terminal, and looked at
    again with ``fstat()`` before anything is read; at most ``limit + 1`` bytes are read, so
    a file that grows while it is read is refused too.
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise InputError(path, [Problem("", "dangling_link")]) from None
        raise InputError(path, [Problem("", "not_found")]) from None
    except OSError as exc:
        raise InputError(path, [Problem("", "unreadable", {"detail": _strerror(exc)})]) from None
    if not stat.S_ISREG(info.st_mode):
        raise InputError(path, [Problem("", "not_a_file", {"what": _file_kind(info.st_mode)})])
    if info.st_size > limit:
        raise InputError(path, [Problem("", "too_large", {"size": info.st_size, "limit": limit})])
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        raise InputError(path, [Problem("", "unreadable", {"detail": _strerror(exc)})]) from None
    try:
        opened = os.fstat(fd)
        if not stat.S_ISREG(opened.st_mode):
            raise InputError(path, [Problem("", "not_a_file", {"what": _file_kind(opened.st_mode)})])
        # Each read asks for what the file holds and one byte more (at least _READ_STEP,
        # for files whose size the system does not know), never past limit + 1 in all: a
        # buffer of the limit's size per read costs more than the reading.
        step = max(opened.st_size + 1, _READ_STEP)
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(step, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise InputError(path, [Problem("", "unreadable", {"detail": _strerror(exc)})]) from None
    finally:
        os.close(fd)
    raw = b"".join(chunks)
    if len(raw) > limit:
        size = max(len(raw), opened.st_size)
        raise InputError(path, [Problem("", "too_large", {"size": size, "limit": limit})])
    return raw


#: How a document is opened: read only, without blocking (a FIFO swapped in cannot hang the
#: run), never as a controlling terminal, not inherited by child processes.
_OPEN_FLAGS = (
    os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
)
#: The least a read asks for (see :func:`read_bytes`).
_READ_STEP = 65_536


def _strerror(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


#: Names of the kinds of path that are not regular files, for messages.
FILE_KINDS: dict[str, dict[str, str]] = {
    "folder": TEXTS["file_kind.folder"],
    "fifo": TEXTS["file_kind.fifo"],
    "device": TEXTS["file_kind.device"],
    "socket": TEXTS["file_kind.socket"],
    "other": TEXTS["file_kind.other"],
}


def _file_kind(mode: int) -> dict[str, str]:
    if stat.S_ISDIR(mode):
        return FILE_KINDS["folder"]
    if stat.S_ISFIFO(mode):
        return FILE_KINDS["fifo"]
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return FILE_KINDS["device"]
    if stat.S_ISSOCK(mode):
        return FILE_KINDS["socket"]
    return FILE_KINDS["other"]


def read_toml(path: Path, *, fast: bool = True) -> dict[str, Any]:
    """Parse a TOML file (or standard input), raising :class:`InputError` for every way it
    can be unreadable.

    ``fast=False`` parses with tomllib alone (same values, same messages): for the one or
    two policy files a command reads, where the compiled parser's own start-up (importing
    it and its first date, some 40 ms) costs more than it saves."""
    text = _read_text(path)
    return parse_toml(path, text) if fast else _reference(path, text)


def _read_text(path: Path) -> str:
    """The text of a TOML file (or standard input): UTF-8, one byte order mark left out,
    not empty or only blanks; else :class:`InputError`."""
    raw = read_stdin() if path is STDIN else read_bytes(path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        byte = f"0x{raw[exc.start]:02x}"
        raise InputError(path, [Problem("", "encoding", {"byte": byte, "position": exc.start})]) from None
    text = text.removeprefix("\ufeff")
    if not text or text.isspace():  # as ``not text.strip()``, without copying the text
        raise InputError(path, [Problem("", "empty_file")])
    return text


# -- parsing: a compiled parser, with tomllib as the reference for what is refused -----------
#
# toml_rs (Rust, in its TOML 1.0 mode) parses every file first: on the benchmark's documents
# it is about 20 times faster than tomllib and gives identical values (the same types,
# datetimes with the same tzinfo, integers of any size, floats). tomllib stays the reference:
#
# - a file the fast parser refuses is parsed again with tomllib, only to give today's exact
#   message and location (a file that tomllib accepts after all is still refused, with the
#   fast parser's message: a file one parser refuses is refused);
# - the few constructs where the fast parser is known to accept what tomllib refuses are
#   recognised by cheap checks and verified with tomllib as well: a byte order mark left
#   after the one stripped (a doubled BOM), a dotted key in a file that has arrays of
#   tables (toml_rs lets ``[[a.b]]`` ... ``[a]`` ``b.c.d = 1`` extend the array), and an
#   integer too long for tomllib's 4 300-digit limit on decimal literals;
# - a file with more than FAST_MAX_OPENINGS brackets and braces never reaches the fast
#   parser, which overflows its stack on very deep nesting (such files are refused as too
#   deep anyway unless they are long, flat lists);
# - tomllib is quadratic in the number of parts of a dotted key (an 80 KB key takes 30 s),
#   so before it runs, a dotted run of more than MAX_DOTTED_PARTS parts refuses the file as
#   too deep at once.
#
# ``tests/test_trust_input.py`` holds the differential fuzz set proving the two agree.

#: More opening brackets and braces than this and the file is parsed by tomllib alone.
FAST_MAX_OPENINGS = 400
#: A dotted key or table header with more parts than this is refused before tomllib runs.
MAX_DOTTED_PARTS = 100
#: Integers at least this many bits long are checked with tomllib (its decimal limit).
_BIG_INT_BITS = 14_000

_KEY = r"""(?:[A-Za-z0-9_-]+|"(?:[^"\\\n]|\\.)*"|'[^'\n]*')"""
_DOTTED_KEY = re.compile(r"(?:^|[{,])[ \t]*" + _KEY + r"(?:[ \t]*\.[ \t]*" + _KEY + r")+[ \t]*=", re.M)
_LONG_DOTTED_RUN = re.compile(_KEY + r"(?:[ \t]*\.[ \t]*" + _KEY + r"){" + str(MAX_DOTTED_PARTS) + "}")


def parse_toml(path: Path, text: str) -> dict[str, Any]:
    """Parse TOML text read from ``path``: the fast parser where it is known to agree with
    tomllib, tomllib for the exact message of every refusal (see the notes above)."""
    data, checked = _parse_unchecked(path, text)
    return data if checked else _checked(path, text, data)


def _parse_unchecked(path: Path, text: str) -> tuple[dict[str, Any], bool]:
    """The data of TOML text, and whether it is checked: ``False`` for the fast parser's
    data, whose depth, integers and dotted keys :func:`_checked` has still to look at."""
    if text.count("[") + text.count("{") > FAST_MAX_OPENINGS or text.startswith("\ufeff"):
        return _reference(path, text), True
    import toml_rs  # imported with the first document, not at start-up

    try:
        data = toml_rs.loads(text, toml_version="1.0.0")
    except toml_rs.TOMLDecodeError as exc:
        _reference(path, text)  # raises tomllib's message, exactly as before
        lines = str(exc).strip().splitlines()
        raise InputError(path, [Problem("", "toml", {"detail": lines[0] if lines else "?"})]) from None
    except Exception:  # anything unexpected from the fast parser: tomllib decides
        return _reference(path, text), True
    return data, False


def _checked(path: Path, text: str, data: dict[str, Any]) -> dict[str, Any]:
    """The fast parser's ``data`` once checked: refused as too deep, or parsed again by
    tomllib where the two parsers might not agree (a long integer, a dotted key in a file
    with arrays of tables)."""
    if _check_depth(path, data) or _may_extend_array(text):
        return _reference(path, text)
    return data


def _may_extend_array(text: str) -> bool:
    """Whether a dotted key may extend an array of tables, which toml_rs lets pass."""
    return "[[" in text and _DOTTED_KEY.search(text) is not None


def _reference(path: Path, text: str) -> dict[str, Any]:
    """Parse with tomllib, as every file was parsed before; its errors are the messages."""
    if _LONG_DOTTED_RUN.search(text) is not None:
        raise InputError(path, [Problem("", "too_deep", {"limit": MAX_DEPTH})])
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(path, [Problem("", "toml", {"detail": str(exc)})]) from None
    except RecursionError:
        raise InputError(path, [Problem("", "too_deep", {"limit": MAX_DEPTH})]) from None
    except ValueError as exc:  # e.g. an integer with thousands of digits
        raise InputError(path, [Problem("", "toml", {"detail": str(exc)})]) from None
    _check_depth(path, data)
    return data


def _check_depth(path: Path, data: dict[str, Any]) -> bool:
    """Refuse data nested deeper than MAX_DEPTH; tell whether it holds an integer long
    enough to need tomllib's verdict (see :func:`parse_toml`)."""
    depth, big_int = _depth(data)
    if depth > MAX_DEPTH:
        raise InputError(path, [Problem("", "too_deep", {"limit": MAX_DEPTH})])
    return big_int


def _depth(value: Any) -> tuple[int, bool]:
    """How deeply tables and arrays nest (1 for a flat table), stopping past the limit, and
    whether an integer of at least _BIG_INT_BITS bits is inside."""
    stack = [(value, 1)]
    deepest = 0
    big_int = False
    while stack:
        current, depth = stack.pop()
        deepest = max(deepest, depth)
        if deepest > MAX_DEPTH:
            return deepest, big_int
        items = current.values() if type(current) is dict else current
        for v in items:
            kind = type(v)
            if kind is dict or kind is list:
                stack.append((v, depth + 1))
            elif kind is int and v.bit_length() >= _BIG_INT_BITS:
                big_int = True
    return deepest, big_int


def classify(data: dict[str, Any]) -> str | None:
    """Tell what a parsed file is by its content.

    Returns ``"association"``, ``"application"``, ``"report"``, or ``"other"`` for files
    that are not documents (policy files, waiver files, pack test cases), else ``None``.
    """
    if "members" in data and "org_number" in data:
        return "association"
    if "project" in data:
        return "report"
    if "title" in data or "owner" in data:
        return "application"
    # answered: prep-group states (beredning.toml)
    if {"policy", "rules", "extends", "waivers", "case", "mapping", "answered"} & data.keys():
        return "other"
    return None


_T = TypeVar("_T")


_converter_module: ModuleType | None = None


def _converter() -> ModuleType:
    """:mod:`finsam_rules.converter`, imported with the first document, not with this
    module: reading a policy file, as ``finsam explain`` does, needs no converter (cattrs)."""
    global _converter_module
    if _converter_module is None:
        import finsam_rules.converter

        _converter_module = finsam_rules.converter
    return _converter_module


def _structured(path: Path, data: dict[str, Any], cls: type[_T], *, fast: bool = True) -> _T:
    converter = _converter()
    try:
        return cast(_T, converter.structure(data, cls, fast=fast))
    except converter.StructureFailure as failure:
        raise InputError(path, failure.problems) from None


def _fast_document(text: str, data: dict[str, Any]) -> tuple[Document | None, object]:
    """The application or report the fast parser's unchecked ``data`` holds, when the fast
    structuring path takes it and that alone proves the checks of :func:`_checked` pass;
    else ``None`` (and the data, if the fast path refused it).

    A document the fast path structures has only the model's own keys, each with a value of
    the model's type: tables and lists nest at most four deep (an outcome target's list of
    outcomes) and every integer is at most MAX_NUMBER, far below MAX_DEPTH and
    _BIG_INT_BITS. Only a non-empty free table (``extra``) can hold anything, so such a
    document is checked in full; so is one where a dotted key may extend an array of tables
    (``tests/test_structure_fast.py`` proves the model's bounds)."""
    kind = classify(data)
    cls = Application if kind == "application" else Report if kind == "report" else None
    if cls is None or _may_extend_array(text):
        return None, None
    document: Document | None = _converter().fast_structure(data, cls)
    if document is None:
        return None, data
    if document.extra:
        return None, None
    return document, None


def load_document(path: Path, skip_other: bool = False) -> Document | None:
    """Load an application or a report, whichever the file holds.

    With ``skip_other``, a file that is recognisably not a document (a policy or waiver
    file found while walking a folder) gives ``None`` instead of an error.
    """
    tried: object = None  # the data the fast structuring path has already refused
    if path is STDIN:  # standard input is TOML, named on the command line: never skipped
        data, skip_other = read_toml(path), False
    elif is_form_file(path):
        data = read_data(path)  # a form (.xlsx, .docx) read into the same plain data as TOML
    else:
        text = _read_text(path)
        data, checked = _parse_unchecked(path, text)
        if not checked:
            document, tried = _fast_document(text, data)
            if document is not None:
                return document
            data = _checked(path, text, data)
    kind = classify(data)
    if skip_other and kind in ("other", "association"):
        return None
    if kind == "application":
        return _structured(path, data, Application, fast=data is not tried)
    if kind == "report":
        return _structured(path, data, Report, fast=data is not tried)
    if kind == "association":
        raise InputError(path, [Problem("$", "association_file")])
    raise InputError(path, [Problem("$", "unknown_document")])


def load_association(path: Path) -> Association:
    """Load an association file (``association.toml``, or a form); its ``year`` must be a
    calendar year that dates can be made of (1 to 9999)."""
    association = _structured(path, read_data(path), Association)
    if not 1 <= association.year <= 9999:
        raise InputError(path, [Problem("$.year", "year_range", {"got": association.year})])
    return association


def structure_as(path: Path, data: dict[str, Any], cls: type) -> Any:
    """Structure already parsed data, reporting problems against ``path``."""
    if not isinstance(data, dict):
        raise InputError(path, [Problem("$", "not_a_table", {"got": type_name(data)})])
    return _structured(path, data, cls)


@attrs.frozen
class PathProblem:
    """A path given on the command line that yields no document."""

    error: InputError


def _is_skipped_name(name: str) -> bool:
    return name in (ASSOCIATION_FILE, PORTFOLIO_CONFIG_FILE) or name.startswith(".")


def walk_folder(folder: Path) -> Iterator[tuple[Path, InputError | None]]:
    """Every document (``*.toml`` or a form, see
    :func:`~finsam_rules.intake.is_document_file`) under ``folder``, sorted by path, with the
    paths that look like documents but cannot be read as one; lazily.

    The walk keeps its own stack (any depth of folders works) and leaves out the
    portfolio's own files and hidden files by name. Each path it has to skip comes with an
    :class:`InputError`, so it is reported and the run's exit code says so: a sub-folder
    that cannot be listed, a symbolic link to nothing, a FIFO, device or socket named
    ``*.toml``, or a folder named ``*.toml`` (whose contents are still walked). Symbolic
    links to folders are not followed (as ``Path.rglob`` did not).

    Only the listings of the folders on the way down are held, never the whole tree, so a
    batch of any size is walked in flat memory. Each folder's entries are sorted with a
    folder's name followed by ``/``, which gives exactly the order of the full paths sorted
    as text.
    """
    stack = [iter(_listing(folder))]
    while stack:
        item = next(stack[-1], None)
        if item is None:
            stack.pop()
            continue
        _, path, problem, descend = item
        if descend:
            stack.append(iter(_listing(path)))
        else:
            yield path, problem


#: One entry of a folder's listing: its sort key, its path, the problem reading it as a
#: document, and whether it is a folder to walk into (rather than a document to yield).
_Entry = tuple[str, Path, "InputError | None", bool]


def _listing(current: Path) -> list[_Entry]:
    """The entries of one folder in walking order (see :func:`walk_folder`). A sub-folder
    that cannot be listed is tried here, so its problem sorts where its path does."""
    try:
        with os.scandir(current) as entries:
            listed = [(entry.name, entry) for entry in entries]
    except OSError as exc:
        return [("", current, _unreadable_folder(current, exc), False)]
    out: list[_Entry] = []
    for name, entry in listed:
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
        except OSError:
            is_dir = False
        document = is_document_name(name) and not _is_skipped_name(name)
        if not document and not is_dir:
            continue  # neither a document nor a folder: no path is made of it
        path = current / name
        if document:
            out.append((name, path, _document_problem(path, entry), False))
        if is_dir:
            try:
                with os.scandir(path):
                    pass
            except OSError as exc:
                out.append((name, path, _unreadable_folder(path, exc), False))
            else:
                out.append((name + "/", path, None, True))
    out.sort(key=lambda item: item[0])  # stable: a path's own problems in the order found
    return out


def _unreadable_folder(folder: Path, exc: OSError) -> InputError:
    return InputError(folder, [Problem("", "unreadable_folder", {"detail": _strerror(exc)})])


def _document_problem(path: Path, entry: os.DirEntry[str]) -> InputError | None:
    """Why a path named like a document cannot be read as one (``None``: a regular file)."""
    try:
        if entry.is_file():
            return None
        mode = entry.stat().st_mode
    except FileNotFoundError:
        return InputError(path, [Problem("", "dangling_link")])
    except OSError as exc:
        return InputError(path, [Problem("", "unreadable", {"detail": _strerror(exc)})])
    return InputError(path, [Problem("", "not_a_file", {"what": _file_kind(mode)})])


def iter_paths(paths: list[Path]) -> Iterator[Path | PathProblem]:
    """Yield the document files under ``paths`` in a stable order, lazily.

    The paths are taken in sorted order (each once), so the order they are given in does not
    change the output. Files are yielded as they are; folders are walked in sorted
    order for ``*.toml`` files (see :func:`walk_folder`), leaving out the portfolio's own
    association and configuration files. A file named on its own and inside a folder given
    too, or a folder inside another given folder, is taken once; ``-`` is standard input
    (:data:`STDIN`), read when it is loaded. A path that does not exist,
    is not a file or folder, or a folder without documents, and every path a walk had to
    skip, is yielded as a :class:`PathProblem` so the rest of the batch goes on. Only the
    paths given are remembered, so memory does not grow with the batch.
    """
    given = sorted(dict.fromkeys(paths), key=lambda p: p.as_posix())
    folders = [p.absolute() for p in given if p.is_dir()]

    def inside_other_folder(path: Path, own: Path | None = None) -> bool:
        absolute = path.absolute()
        return any(folder != own and folder in absolute.parents for folder in folders)

    for path in given:
        if str(path) == STDIN_ARGUMENT:  # "-": the one document on standard input
            yield STDIN
            continue
        if not path.exists():
            code = "dangling_link" if path.is_symlink() else "not_found"
            yield PathProblem(InputError(path, [Problem("", code)]))
            continue
        if not path.is_dir():
            if not inside_other_folder(path):
                yield path  # read_bytes refuses what is not a regular file
            continue
        if inside_other_folder(path, own=path.absolute()):
            continue
        found = False
        for file, problem in walk_folder(path):
            if problem is not None:
                yield PathProblem(problem)
                continue
            found = True
            yield file
        if not found:
            yield PathProblem(InputError(path, [Problem("", "no_documents")]))
