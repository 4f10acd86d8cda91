"""Reading TOML documents from disk, one at a time, with clear errors.

A file is read in bytes, checked for size, decoded as UTF-8, parsed with :mod:`tomllib`,
checked for nesting depth, told apart by its content (association, application, report, or
a file that is not a document such as a policy) and converted to the model. Files are only
ever opened for reading. :func:`iter_paths` walks files and folders lazily in a stable order,
so a batch of any size is processed one document at a time.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs

from finsam_rules.converter import StructureFailure, structure
from finsam_rules.errors import InputError, Problem, type_name
from finsam_rules.model import Application, Association, Document, Report

#: Largest file accepted, in bytes. Real applications are a few kilobytes.
MAX_FILE_BYTES = 1_048_576
#: Deepest nesting of tables and arrays accepted.
MAX_DEPTH = 16

#: File names with a fixed meaning inside a portfolio folder; never screened as documents.
ASSOCIATION_FILE = "association.toml"
PORTFOLIO_CONFIG_FILE = "finsam.toml"


def read_toml(path: Path) -> dict[str, Any]:
    """Parse a TOML file, raising :class:`InputError` for every way it can be unreadable."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(path, [Problem("", "not_found")]) from None
    except OSError as exc:
        raise InputError(path, [Problem("", "unreadable", {"detail": exc.strerror})]) from None
    if len(raw) > MAX_FILE_BYTES:
        raise InputError(path, [Problem("", "too_large", {"size": len(raw), "limit": MAX_FILE_BYTES})])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        byte = f"0x{raw[exc.start]:02x}"
        raise InputError(path, [Problem("", "encoding", {"byte": byte, "position": exc.start})]) from None
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise InputError(path, [Problem("", "empty_file")])
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(path, [Problem("", "toml", {"detail": str(exc)})]) from None
    except RecursionError:
        raise InputError(path, [Problem("", "too_deep", {"limit": MAX_DEPTH})]) from None
    except ValueError as exc:  # e.g. an integer with thousands of digits
        raise InputError(path, [Problem("", "toml", {"detail": str(exc)})]) from None
    if _depth(data) > MAX_DEPTH:
        raise InputError(path, [Problem("", "too_deep", {"limit": MAX_DEPTH})])
    return data


def _depth(value: Any) -> int:
    """How deeply tables and arrays nest (1 for a flat table); stops past the limit."""
    stack = [(value, 1)]
    deepest = 0
    while stack:
        current, depth = stack.pop()
        deepest = max(deepest, depth)
        if deepest > MAX_DEPTH:
            return deepest
        items = current.values() if type(current) is dict else current
        stack.extend((v, depth + 1) for v in items if type(v) is dict or type(v) is list)
    return deepest


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
    if {"policy", "rules", "extends", "waivers", "case", "answered"} & data.keys():  # answered: prep states
        return "other"
    return None


def _structured(path: Path, data: dict[str, Any], cls: type) -> Any:
    try:
        return structure(data, cls)
    except StructureFailure as failure:
        raise InputError(path, failure.problems) from None


def load_document(path: Path, skip_other: bool = False) -> Document | None:
    """Load an application or a report, whichever the file holds.

    With ``skip_other``, a file that is recognisably not a document (a policy or waiver
    file found while walking a folder) gives ``None`` instead of an error.
    """
    data = read_toml(path)
    kind = classify(data)
    if skip_other and kind in ("other", "association"):
        return None
    if kind == "application":
        return _structured(path, data, Application)
    if kind == "report":
        return _structured(path, data, Report)
    if kind == "association":
        raise InputError(path, [Problem("$", "association_file")])
    raise InputError(path, [Problem("$", "unknown_document")])


def load_association(path: Path) -> Association:
    """Load an association file (``association.toml``)."""
    return _structured(path, read_toml(path), Association)


def structure_as(path: Path, data: dict[str, Any], cls: type) -> Any:
    """Structure already parsed data, reporting problems against ``path``."""
    if not isinstance(data, dict):
        raise InputError(path, [Problem("$", "not_a_table", {"got": type_name(data)})])
    return _structured(path, data, cls)


@attrs.frozen
class PathProblem:
    """A path given on the command line that yields no document."""

    error: InputError


def _is_skipped_name(path: Path) -> bool:
    return path.name in (ASSOCIATION_FILE, PORTFOLIO_CONFIG_FILE) or path.name.startswith(".")


def iter_paths(paths: list[Path]) -> Iterator[Path | PathProblem]:
    """Yield the document files under ``paths`` in a stable order, lazily.

    The paths are taken in sorted order (each once), so the order they are given in does not
    change the output. Files are yielded as they are; folders are walked in sorted
    order for ``*.toml`` files, leaving out the portfolio's own association and
    configuration files. A file named on its own and inside a folder given too, or a folder
    inside another given folder, is taken once. A path that does not exist, or a folder
    without documents, is yielded as a :class:`PathProblem` so the rest of the batch goes
    on. Only the paths given are remembered, so memory does not grow with the batch.
    """
    given = sorted(dict.fromkeys(paths), key=lambda p: p.as_posix())
    folders = [p.absolute() for p in given if p.is_dir()]

    def inside_other_folder(path: Path, own: Path | None = None) -> bool:
        absolute = path.absolute()
        return any(folder != own and folder in absolute.parents for folder in folders)

    for path in given:
        if not path.exists():
            yield PathProblem(InputError(path, [Problem("", "not_found")]))
            continue
        if path.is_file():
            if not inside_other_folder(path):
                yield path
            continue
        if inside_other_folder(path, own=path.absolute()):
            continue
        found = False
        for file in sorted(path.rglob("*.toml"), key=lambda p: p.as_posix()):
            if _is_skipped_name(file) or not file.is_file():
                continue
            found = True
            yield file
        if not found:
            yield PathProblem(InputError(path, [Problem("", "no_documents")]))
