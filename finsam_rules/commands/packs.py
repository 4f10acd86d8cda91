"""``finsam pack new`` and ``finsam pack test``: scaffold a rule pack, run its cases."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from finsam_rules.console import echo
from finsam_rules.failures import EXIT_FINDINGS, EXIT_OK, InputUnreadable, UsageFailure
from finsam_rules.i18n import t
from finsam_rules.sanitize import one_line

if TYPE_CHECKING:
    from finsam_rules.plugins import Registry


def run_pack_new(name: str, prefix: str | None, output: Path | None, lang: str) -> int:
    """Scaffold the pack ``name`` into ``output`` (default ``finsam-NAME``) and list every
    file written; an existing folder or a bad name or prefix is a usage failure."""
    from finsam_rules.scaffold import scaffold, slug

    if output is not None and str(output) == "-":  # a folder to create, never standard output
        raise UsageFailure([t("pack_new_stdout", lang)])
    target = output or Path("finsam-" + slug(name, "-"))
    try:
        written = scaffold(name, target, prefix)
    except FileExistsError:
        raise UsageFailure([t("pack_exists", lang, path=target)]) from None
    except ValueError as exc:
        raise UsageFailure([str(exc)]) from None
    for path in written:
        echo(t("pack_created", lang, path=path))
    return EXIT_OK


def check_pack_folder(folder: Path, lang: str) -> None:
    """A folder of cases that does not exist is a failure (exit 3), before any pack loads."""
    if not folder.exists():
        raise InputUnreadable([t("pack_no_path", lang, path=folder)])


def run_pack_test(folder: Path, registry: Registry, lang: str) -> int:
    """Run the table-driven cases under ``folder``: a line per case (and per problem), the
    totals; exit 1 when a case fails, a failure (exit 3) when there is no case."""
    from finsam_rules.packtest import run_cases

    check_pack_folder(folder, lang)
    results = run_cases(folder, registry)
    failed = [r for r in results if not r.passed]
    for result in results:
        status = t("pack_pass" if result.passed else "pack_fail", lang)
        echo(one_line(f"{status} {result.path}: {result.description}"))
        for problem in result.problems:
            echo("     " + one_line(problem))
    echo(t("pack_totals", lang, passed=len(results) - len(failed), failed=len(failed)))
    if not results:
        raise InputUnreadable([t("pack_no_cases", lang, path=folder)])
    return EXIT_FINDINGS if failed else EXIT_OK
