"""``finsam new``: a filled-in template of an application, a report or an association."""

from __future__ import annotations

from pathlib import Path

from finsam_rules.console import echo
from finsam_rules.failures import EXIT_OK, Failure


def run_new(
    kind: str, output: Path | None, fmt: str, association_path: Path | None, force: bool, lang: str
) -> int:
    """Write the template of ``kind`` as TOML (to standard output or ``output``), or as an
    Excel or Word form (``fmt``, needs ``output``); return the exit code."""
    from finsam_rules.outputs import OutputError, Outputs, file_of
    from finsam_rules.templates import template_text

    if fmt != "toml":
        from finsam_rules.intake.commands import write_form

        return write_form(kind, fmt, output, association_path, lang, force=force)
    text = template_text(kind)
    target = file_of(output)
    if target is None:
        echo(text, nl=False)
        return EXIT_OK
    outputs = Outputs(force=force)
    try:
        outputs.check_file(target)
        outputs.write_text(target, text)
    except OutputError as exc:
        raise Failure([exc.line(lang)], exc.exit_code) from None
    return EXIT_OK
