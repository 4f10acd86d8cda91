"""``finsam import``: forms converted to TOML documents, with the provenance in comments.

For associations that keep their portfolio in version control: each form becomes a TOML file
that screens exactly as the form did; a comment block at the top names the form and, for each
value, the cell or section it was read from.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import click
import tomli_w

from finsam_rules.errors import InputError, Problem
from finsam_rules.i18n import TEXTS
from finsam_rules.intake.xlsx_reader import FormData

EXIT_OK, EXIT_USAGE, EXIT_UNREADABLE = 0, 2, 3
_PART = re.compile(r"\.([^.\[]+)|\[([0-9]+)\]")

HEADER = TEXTS["intake.import_header"]
NOT_A_FORM = TEXTS["intake.not_a_form"]
EXISTS = TEXTS["intake.exists"]


def _value_at(data: Any, path: str) -> tuple[bool, Any]:
    """Whether a ``$``-key path holds a value in ``data``, and the value."""
    current = data
    for name, index in _PART.findall(path.removeprefix("$")):
        if name and isinstance(current, dict) and name in current:
            current = current[name]
        elif index and isinstance(current, list) and int(index) < len(current):
            current = current[int(index)]
        else:
            return False, None
    return True, current


def toml_text(form: FormData, source: Path, lang: str) -> str:
    """The form's data as TOML, preceded by comments naming each value's place."""
    lines = [HEADER[lang].format(name=source.name)]
    for path, place in _leaf_places(form.data, form.places).items():
        lines.append(f"#   {path.removeprefix('$.')}: {place}")
    body = tomli_w.dumps(_plain(form.data), multiline_strings=True)
    return "\n".join(lines) + "\n\n" + body


def _leaf_places(data: dict[str, Any], places: Mapping[str, str]) -> dict[str, str]:
    leaves = {}
    for path, place in places.items():
        found, value = _value_at(data, path)
        if found and not isinstance(value, dict | list):
            leaves[path] = place
    return leaves


def _plain(value: Any) -> Any:
    """Shares as they are; texts with Windows line ends made plain."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, str):
        return value.replace("\r\n", "\n")
    return value


def run_import(paths: list[Path], output: Path, lang: str, force: bool = False) -> int:
    """Convert each form to ``output/NAME.toml``; report bad files and go on. A file there
    is replaced only when finsam wrote it (or with ``force``), as every ``-o`` is."""
    from finsam_rules.intake import read_form
    from finsam_rules.outputs import OutputError, Outputs

    if str(output) == "-":  # -o -: one form's TOML on standard output
        return _import_to_stdout(paths, lang)
    status = EXIT_OK
    outputs = Outputs(force=force)
    output.mkdir(parents=True, exist_ok=True)
    for path in paths:
        target = output / (path.stem + ".toml")
        try:
            if path.suffix.lower() == ".toml":
                raise InputError(path, [Problem("", "invalid", {"detail": NOT_A_FORM})])
            form = read_form(path)
        except InputError as exc:
            for line in exc.lines(lang):
                click.echo(line, err=True)
            status = max(status, EXIT_UNREADABLE)
            continue
        try:
            outputs.check_file(target)
            outputs.write_text(target, toml_text(form, path, lang))
        except OutputError as exc:
            click.echo(exc.line(lang), err=True)
            status = max(status, exc.exit_code)
            continue
        click.echo(str(target))
    return status


def _import_to_stdout(paths: list[Path], lang: str) -> int:
    """``finsam import FORM -o -``: the TOML of exactly one form on standard output (several
    documents in one stream would not be one TOML document)."""
    from finsam_rules.i18n import t
    from finsam_rules.intake import read_form

    if len(paths) != 1:
        click.echo(t("import_stdout_one", lang, count=len(paths)), err=True)
        return EXIT_USAGE
    [path] = paths
    try:
        if path.suffix.lower() == ".toml":
            raise InputError(path, [Problem("", "invalid", {"detail": NOT_A_FORM})])
        form = read_form(path)
    except InputError as exc:
        for line in exc.lines(lang):
            click.echo(line, err=True)
        return EXIT_UNREADABLE
    click.echo(toml_text(form, path, lang), nl=False)
    return EXIT_OK
