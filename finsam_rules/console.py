"""The one place a command writes a line to the terminal.

Commands (:mod:`finsam_rules.commands`) stream their output and notices through
:func:`echo`, so they import no command-line framework; the API returns values and writes
nothing. The writing itself is click's (imported when first used, and always already
imported by the command line): it writes bytes to the binary stream, strips colour codes
from a stream that is no terminal and copes with a misconfigured encoding, so the output is
the same as before the commands were moved out of ``cli.py``.
"""

from __future__ import annotations


def echo(message: str | bytes = "", *, err: bool = False, nl: bool = True) -> None:
    """Write ``message`` (and a newline unless ``nl`` is false) to standard output, or to
    standard error with ``err``."""
    from click import echo as click_echo

    click_echo(message, err=err, nl=nl)
