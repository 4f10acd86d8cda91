"""A progress bar on standard error for batches that take a while.

Shown only when it helps and can never get in the way: standard error is a terminal, the
output is text (never JSON, Markdown, a PDF or letters), ``--quiet`` is not given, and the
batch has run for more than :data:`DELAY` seconds. What decides is the time elapsed, never
the output: the bar is drawn on standard error only and erased before anything else is
written there and at the end, so standard output stays byte-identical. The number of
documents is counted (a walk of the paths, no document read) only once the bar is due.
"""

from __future__ import annotations

import math
import sys
import time
from collections.abc import Callable
from typing import IO

from finsam_rules.i18n import t

#: Seconds a batch runs before the bar appears.
DELAY = 1.0
#: Seconds between two drawings of the bar (a batch of thousands draws it a few times a second).
INTERVAL = 0.1
#: Characters of the bar itself.
WIDTH = 30
#: Carriage return and "erase to the end of the line": the bar's line is blank again.
ERASE = "\r\x1b[K"


class Progress:
    """Counts documents as they are screened and, after :data:`DELAY` seconds, draws
    ``Granskar [#####-----] 12 av 40`` on ``err`` (redrawn in place)."""

    def __init__(self, err: IO[str], lang: str, count: Callable[[], int], clock: Callable[[], float]) -> None:
        self.err, self.lang, self._count, self._clock = err, lang, count, clock
        self.start = clock()
        self.done = 0
        self.total: int | None = None
        self.drawn = False
        self._last = -math.inf

    def tick(self) -> None:
        """One more input screened; draw the bar when it is due."""
        self.done += 1
        now = self._clock()
        if now - self.start <= DELAY or now - self._last < INTERVAL:
            return
        if self.total is None:
            self.total = self._count()
        self.total = max(self.total, self.done)
        self.err.write(ERASE + self.line())
        self.err.flush()
        self.drawn, self._last = True, now

    def line(self) -> str:
        """The bar as text, without the erasing."""
        total = max(self.total or self.done, 1)
        filled = WIDTH * min(self.done, total) // total
        bar = "[" + "#" * filled + "-" * (WIDTH - filled) + "]"
        return t("progress_screening", self.lang, bar=bar, done=self.done, total=total)

    def clear(self) -> None:
        """Erase the bar (before other text on standard error, and at the end)."""
        if self.drawn:
            self.err.write(ERASE)
            self.err.flush()
            self.drawn, self._last = False, -math.inf

    def stream(self) -> IO[str]:
        """``err`` for the other writers of the run: the bar is erased before they write."""
        return _Erasing(self)  # type: ignore[return-value]  # only write and flush are used


class _Erasing:
    """Standard error that erases the progress bar before each write."""

    def __init__(self, progress: Progress) -> None:
        self._progress = progress

    def write(self, text: str) -> int:
        self._progress.clear()
        return self._progress.err.write(text)

    def flush(self) -> None:
        self._progress.err.flush()


#: The clock of the bar (a test puts a fake one here).
CLOCK: Callable[[], float] = time.monotonic


def progress_for(fmt: str, quiet: bool, lang: str, count: Callable[[], int]) -> Progress | None:
    """A bar for a batch when it may be shown: text output, not ``--quiet``, and standard
    error a terminal; else ``None``."""
    err = sys.stderr
    if fmt != "text" or quiet or err is None or not _is_terminal(err):
        return None
    return Progress(err, lang, count, CLOCK)


def _is_terminal(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or unusual stream
        return False
