"""``finsam waivers check``: lint a waiver file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from finsam_rules.console import echo
from finsam_rules.failures import EXIT_FINDINGS, EXIT_OK, InputUnreadable
from finsam_rules.sanitize import one_line

if TYPE_CHECKING:
    from finsam_rules.plugins import Registry


def run_waivers_check(file: Path, registry: Registry, lang: str) -> int:
    """Check ``file``'s structure, codes and dates: each problem on standard error (exit 1),
    or ``FILE: ok``; a file that cannot be read is a failure (exit 3)."""
    from finsam_rules.errors import InputError
    from finsam_rules.waivers import check_waivers

    try:
        problems = check_waivers(file, registry, lang)
    except InputError as exc:
        raise InputUnreadable(exc.lines(lang)) from None
    for line in problems:
        echo(one_line(line), err=True)
    if problems:
        return EXIT_FINDINGS
    echo(one_line(f"{file}: ok"))
    return EXIT_OK
