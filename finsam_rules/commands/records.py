"""``finsam record verify``: check, re-run and compare decision records."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from finsam_rules.console import echo
from finsam_rules.failures import EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE, UsageFailure
from finsam_rules.i18n import t
from finsam_rules.sanitize import one_line

if TYPE_CHECKING:
    from finsam_rules.plugins import Registry


def verify_key(lang: str) -> bytes | None:
    """The HMAC key records are checked with (``FINSAM_RECORD_KEY``), if any; a key that
    cannot be read is a usage failure, before any pack loads."""
    from finsam_rules.records import RecordError, record_key

    try:
        return record_key()
    except RecordError as exc:
        raise UsageFailure([exc.line(lang)]) from None


def run_record_verify(files: list[Path], registry: Registry, key: bytes | None, lang: str) -> int:
    """A head line per record (reproduced, differs, not reproduced, not verified) and a line
    per difference; exit 1 when one is not reproduced as it was, 3 when one cannot be read."""
    from finsam_rules.api import verify_each

    status = EXIT_OK
    for checked in verify_each(files, registry, key):
        if checked.error is not None:
            reason = checked.error.line(lang)
            echo(one_line(f"{checked.path}: {t('record_head_unreadable', lang, reason=reason)}"), err=True)
            status = EXIT_UNREADABLE
            continue
        echo(one_line(f"{checked.path}: {t('record_head_' + checked.head, lang)}"))
        for area, text in checked.changes:
            echo("  " + one_line(f"{t('record_area_' + area, lang)}: {text.line(lang)}"))
        if not checked.ok and status == EXIT_OK:
            status = EXIT_FINDINGS
    return status
