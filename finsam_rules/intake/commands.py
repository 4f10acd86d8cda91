"""The intake commands behind ``finsam new --format``, ``finsam check`` and ``finsam import``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from finsam_rules.errors import InputError

EXIT_OK, EXIT_USAGE, EXIT_UNREADABLE = 0, 2, 3


def _association_data(path: Path | None) -> dict[str, Any] | None:
    """The association's plain data (TOML or a form), checked against the model."""
    if path is None:
        return None
    from finsam_rules.intake import read_data
    from finsam_rules.loading import load_association

    load_association(path)  # the same checks as everywhere an association is read
    return read_data(path)


def write_form(
    kind: str, fmt: str, output: Path | None, association: Path | None, lang: str, *, force: bool = False
) -> int:
    """Write a blank form for ``kind``; its drop-downs list the association's members."""
    from finsam_rules.i18n import t

    if output is None:
        click.echo(t("form_needs_output", lang, fmt=fmt), err=True)
        return EXIT_USAGE
    try:
        association_data = _association_data(association)
    except InputError as exc:
        for line in exc.lines(lang):
            click.echo(line, err=True)
        return EXIT_UNREADABLE
    if fmt == "docx":
        from finsam_rules.intake.docx_form import write_docx

        content = write_docx(kind, None, association_data)
    else:
        from finsam_rules.intake.xlsx_writer import write_workbook

        content = write_workbook(kind, None, association_data)
    from finsam_rules.outputs import OutputError, Outputs, binary_stdout, file_of

    outputs = Outputs(force=force)
    try:
        if file_of(output) is None:  # -o -: to a pipe, never to a terminal
            stream = binary_stdout(fmt)
            stream.write(content)
            stream.flush()
            return EXIT_OK
        outputs.check_file(output)
        outputs.write_bytes(output, content)
    except OutputError as exc:
        click.echo(exc.line(lang), err=True)
        return exc.exit_code
    click.echo(t("form_written", lang, path=output), err=True)
    return EXIT_OK
