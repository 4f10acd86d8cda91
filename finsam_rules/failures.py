"""Failures a command or an API call ends with, and the exit codes they map to.

Nothing here knows click: :mod:`finsam_rules.api` and :mod:`finsam_rules.commands` raise
these plain exceptions, and :mod:`finsam_rules.cli` shows their lines on standard error and
exits with their code. The exit codes (documented in the README):

- 0 (:data:`EXIT_OK`): no finding at or above ``--fail-on``;
- 1 (:data:`EXIT_FINDINGS`): at least one finding at or above ``--fail-on``;
- 2 (:data:`EXIT_USAGE`): a usage error (unknown option, missing argument, an output refused);
- 3 (:data:`EXIT_UNREADABLE`): an input could not be read (a document, an association, a
  policy file) or an output could not be written, or a pack could not be loaded under
  ``--strict``; the rest of the batch was still processed;
- 4 (:data:`EXIT_CRASH`): a rule failed under ``--strict`` (raised, ran past its time
  limit, or yielded what is no finding of its own);
- 5 (:data:`EXIT_INTERNAL`): an internal error of finsam itself (never a rule's);
- 130 (:data:`EXIT_INTERRUPTED`): interrupted by the user (Ctrl-C).
"""

from __future__ import annotations

from collections.abc import Iterable

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_UNREADABLE, EXIT_CRASH = 0, 1, 2, 3, 4
EXIT_INTERNAL, EXIT_INTERRUPTED = 5, 130


class Failure(Exception):
    """A failure shown as one or more clear lines (already in the user's language), with
    the exit code the command line ends with.

    ``Failure(lines)`` is an input that could not be read (exit 3); ``Failure(lines, code)``
    is the kind its code names (``Failure(lines, EXIT_USAGE)`` is a :class:`UsageFailure`),
    so a caller can catch the kind whichever way the failure was raised."""

    default_exit_code = EXIT_UNREADABLE

    def __new__(cls, lines: Iterable[str], exit_code: int | None = None) -> Failure:
        if cls is Failure:
            code = EXIT_UNREADABLE if exit_code is None else exit_code
            cls = _KINDS.get(code, Failure)
        return super().__new__(cls)

    def __init__(self, lines: Iterable[str], exit_code: int | None = None) -> None:
        self.lines: list[str] = list(lines)
        self.exit_code: int = self.default_exit_code if exit_code is None else exit_code
        super().__init__("\n".join(self.lines))

    def __reduce__(self) -> tuple[type[Failure], tuple[list[str], int]]:
        """Pickled with its lines and code (a failure can cross from a worker process)."""
        return type(self), (self.lines, self.exit_code)

    @property
    def message(self) -> str:
        """The lines joined by newlines."""
        return "\n".join(self.lines)


class UsageFailure(Failure):
    """A usage error: an unknown rule code, a bad option value, an output refused (exit 2)."""

    default_exit_code = EXIT_USAGE


class InputUnreadable(Failure):
    """An input that could not be read, or an output that could not be written (exit 3)."""

    default_exit_code = EXIT_UNREADABLE


class RuleFailure(Failure):
    """A rule failed under ``strict`` (exit 4)."""

    default_exit_code = EXIT_CRASH


class InternalFailure(Failure):
    """finsam itself, or the machine, failed (a missing PDF library) (exit 5)."""

    default_exit_code = EXIT_INTERNAL


#: The kind of failure each exit code names.
_KINDS: dict[int, type[Failure]] = {
    EXIT_USAGE: UsageFailure,
    EXIT_UNREADABLE: InputUnreadable,
    EXIT_CRASH: RuleFailure,
    EXIT_INTERNAL: InternalFailure,
}
