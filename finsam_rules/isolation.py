"""Running a pack's code so that nothing it does can take a run down or pass unjudged.

Pack code runs at import, in its hooks, in its rules and in the rendering of its messages.
Whatever it does there, the run goes on and no document is approved that a rule could not
judge:

- anything it raises, ``SystemExit``, ``GeneratorExit`` and ``KeyboardInterrupt`` included,
  is that pack's (or that rule's) failure. Only a real Ctrl-C of the user ends the run:
  the command line puts :func:`interrupt_handler` in place, which raises
  :class:`Interrupted`, an exception no pack raises by accident;
- a time limit (:class:`Watch`) ends code that runs too long, such as an endless loop;
- what it prints to standard output or error is captured (:class:`Capture`) and shown
  on standard error, named by pack, never mixed into the run's own output;
- what it is given to read (parameters, messages) is frozen (:func:`freeze`).

This protects against mistakes, not against a hostile pack: code that runs in the process
can always reach around it (``os._exit``, writing to file descriptor 1, replacing signal
handlers).
"""

from __future__ import annotations

import atexit
import io
import os
import signal
import sys
import threading
import time
import unicodedata
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, NoReturn, TextIO, TypeVar, cast

if TYPE_CHECKING:
    from types import FrameType

T = TypeVar("T")

#: Seconds a rule (or a pack's import or hook) may run before it is stopped; a policy can
#: change it with ``[policy] rule_time_limit``.
DEFAULT_TIME_LIMIT = 5.0
#: After a time limit is hit, how often the stop is repeated for code that swallows it.
RETRY_SECONDS = 0.05
#: How much of a pack's captured output, and of an error text, is shown.
MAX_SHOWN_CHARS = 2000
MAX_ERROR_CHARS = 300


class Interrupted(BaseException):
    """The user pressed Ctrl-C (raised by :func:`interrupt_handler`). Never caught as a
    pack's failure: it ends the run."""


class TimeLimitExceeded(BaseException):
    """Raised inside pack code that ran past its time limit (a ``BaseException``, so that a
    rule's ``except Exception`` does not swallow it)."""


class PackCodeFailed(Exception):
    """Pack code outside a rule (import, hook) failed; ``error`` says how."""

    def __init__(self, error: str):
        super().__init__(error)
        self.error = error


# ---------------------------------------------------------------------------------------
# Ctrl-C
# ---------------------------------------------------------------------------------------


def interrupt_handler(signum: int, frame: FrameType | None) -> NoReturn:
    """The SIGINT handler of the command line: a real Ctrl-C raises :class:`Interrupted`."""
    raise Interrupted()


def install_interrupt_handler() -> None:
    """Put :func:`interrupt_handler` in place (main thread only; elsewhere nothing)."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, interrupt_handler)


def is_user_interrupt(exc: BaseException) -> bool:
    """Whether ``exc`` is the user's Ctrl-C rather than something pack code raised. With
    :func:`interrupt_handler` in place, a ``KeyboardInterrupt`` can only come from pack
    code; without it (the engine used as a library) it is taken as the user's."""
    if isinstance(exc, Interrupted):
        return True
    if isinstance(exc, KeyboardInterrupt):
        try:
            return signal.getsignal(signal.SIGINT) is not interrupt_handler
        except (ValueError, AttributeError):  # pragma: no cover - no signals on this platform
            return True
    return False


def describe(exc: BaseException) -> str:
    """``Type: message`` of an exception, shortened, even when its ``str`` fails."""
    name = type(exc).__name__
    try:
        text = str(exc)
    except BaseException as inner:  # an exception's own __str__ is pack code too
        if is_user_interrupt(inner):
            raise
        text = "<the error text could not be shown>"
    if isinstance(exc, SystemExit):
        text = f"sys.exit({text})" if text else "sys.exit()"
    text = visible(text)
    if len(text) > MAX_ERROR_CHARS:
        text = text[:MAX_ERROR_CHARS] + "…"
    return f"{name}: {text}" if text else name


def visible(text: str) -> str:
    """Text safe for one line on a terminal: line breaks as ``⏎``, tabs as spaces, and
    control and format characters (terminal escapes, zero-width and bidirectional marks)
    shown as ``\\uXXXX`` escapes."""
    if text.isprintable():
        return text
    out = []
    for char in text:
        if char == "\n":
            out.append(" ⏎ ")
        elif char == "\t":
            out.append(" ")
        elif unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"):
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return "".join(out)


# ---------------------------------------------------------------------------------------
# The time limit
# ---------------------------------------------------------------------------------------


class Watch:
    """The time limit of pack code running in one thread.

    In the main thread of a process whose ``SIGALRM`` nobody else uses, one real-time
    timer (``signal.setitimer``) is kept armed while pack code runs; it fires at most about
    once per time limit, and its handler raises :class:`TimeLimitExceeded` only when the
    code running has passed its deadline. Elsewhere (another thread, or ``SIGALRM``
    taken), a watcher thread raises it asynchronously in the watched thread. Starting and
    ending a watch therefore costs a clock read, not a system call.
    """

    def __init__(self) -> None:
        self.thread = threading.get_ident()
        self.deadline: float | None = None
        self.fired = False
        self.alarm_at = 0.0  # when the armed timer fires (monotonic seconds), 0 for none
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._pending = False
        self._watcher: threading.Thread | None = None
        self.tracing = False  # _stop_handlers is the trace function (after a stop)
        self.saved_trace: Any = None
        self.uses_signal = _can_use_signal()
        if self.uses_signal:
            signal.signal(signal.SIGALRM, _on_alarm)

    def begin(self, seconds: float) -> None:
        """Start watching code that may run for ``seconds``."""
        now = time.monotonic()
        deadline = now + seconds
        if not self.uses_signal:
            with self._lock:
                self.fired = False
                self.deadline = deadline
                if self.alarm_at == 0.0 or self.alarm_at > deadline:
                    self.alarm_at = deadline
                    self._start_watcher()
                    self._wake.set()
            return
        self.fired = False
        self.deadline = deadline
        alarm = self.alarm_at
        # Arm when no timer is armed, when it would fire too late, or when it should have
        # fired already and did not (someone else took or cancelled the timer).
        if alarm == 0.0 or alarm > deadline or alarm < now - 1.0:
            self._arm(seconds, now)

    def prepare(self, seconds: float) -> None:
        """Make sure the timer is armed for code that may run for ``seconds`` (signal mode):
        callers may then start a watch by setting :attr:`fired` to ``False`` and
        :attr:`deadline`, and end it by setting the deadline to ``None`` (calling
        :meth:`end` when :attr:`fired` is set), without a method call per rule."""
        if not self.uses_signal:
            return
        now = time.monotonic()
        alarm = self.alarm_at
        if alarm == 0.0 or alarm > now + seconds or alarm < now - 1.0:
            self._arm(seconds, now)

    def end(self) -> bool:
        """Stop watching; whether the time limit was hit. After it returns, no
        :class:`TimeLimitExceeded` is raised for this watch."""
        self.deadline = None
        if self.tracing:
            self.tracing = False
            sys.settrace(self.saved_trace)
        if self.fired and self.uses_signal:  # no repeated stop once the code has ended
            self.disarm()
        if not self.uses_signal:
            with self._lock:
                if self._pending:
                    _set_async_exc(self.thread, None)
                    self._pending = False
        return self.fired

    def forget_timer(self) -> None:
        """The timer is gone (in a forked child): arm it again when pack code next runs."""
        self.alarm_at = 0.0

    def disarm(self) -> None:
        """Cancel the timer (signal mode), so that it never fires after the run."""
        if self.uses_signal and self.alarm_at:
            self.alarm_at = 0.0
            signal.setitimer(signal.ITIMER_REAL, 0)

    def _arm(self, seconds: float, now: float) -> None:
        if signal.getsignal(signal.SIGALRM) is not _on_alarm:  # taken since: use a thread
            self.uses_signal = False
            self.alarm_at = 0.0
            deadline, self.deadline = self.deadline, None
            if deadline is not None:
                self.begin(deadline - now)
            return
        self.alarm_at = now + seconds
        signal.setitimer(signal.ITIMER_REAL, max(seconds, 0.001))

    def _alarm(self, frame: FrameType | None) -> None:
        """The timer fired (signal mode)."""
        self.alarm_at = 0.0
        deadline = self.deadline
        if deadline is None:
            return
        now = time.monotonic()
        if now < deadline:
            self._arm(deadline - now, now)
            return
        self._arm(RETRY_SECONDS, now)  # again, for code that swallows the first one
        self.fired = True
        _trace_handlers(frame, self)
        raise TimeLimitExceeded()

    def _start_watcher(self) -> None:
        if self._watcher is None or not self._watcher.is_alive():
            self._watcher = threading.Thread(target=self._watch, name="finsam-time-limit", daemon=True)
            self._watcher.start()

    def _watch(self) -> None:
        """The watcher thread (thread mode): raises in the watched thread when overdue."""
        timeout: float | None = None
        while True:
            self._wake.wait(timeout)
            self._wake.clear()
            with self._lock:
                deadline = self.deadline
                now = time.monotonic()
                if deadline is None:
                    self.alarm_at, timeout = 0.0, None
                elif now >= deadline:
                    self.fired = self._pending = True
                    _set_async_exc(self.thread, TimeLimitExceeded)
                    self.alarm_at, timeout = now + RETRY_SECONDS, RETRY_SECONDS
                else:
                    self.alarm_at, timeout = deadline, deadline - now


_local = threading.local()
_signal_watch: Watch | None = None


def current_watch() -> Watch:
    """The :class:`Watch` of the calling thread."""
    watch: Watch | None = getattr(_local, "watch", None)
    if watch is None:
        global _signal_watch
        watch = Watch()
        if watch.uses_signal:
            _signal_watch = watch
            atexit.register(watch.disarm)  # a timer left armed would kill the exiting process
            if hasattr(os, "register_at_fork"):  # a child process inherits no timer
                os.register_at_fork(after_in_child=watch.forget_timer)
        _local.watch = watch
    return watch


def _can_use_signal() -> bool:
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        return False
    try:
        handler = signal.getsignal(signal.SIGALRM)
    except ValueError:  # pragma: no cover
        return False
    return handler in (signal.SIG_DFL, None, _on_alarm)


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    if _signal_watch is not None:
        _signal_watch._alarm(frame)


#: Code of the functions that call pack code under a watch: the stop never reaches past them.
BOUNDARIES: set[object] = set()


def _trace_handlers(frame: FrameType | None, watch: Watch) -> None:
    """Make the stop stick in code that catches it (``except BaseException: pass`` in a
    loop): trace the pack's frames, up to the boundary, with :func:`_stop_handlers`, which
    raises the stop again as soon as a handler of it runs a line."""
    frames = []
    while frame is not None and frame.f_code not in BOUNDARIES:
        frames.append(frame)
        frame = frame.f_back
    if frame is None:  # not inside a watched call: leave the stack alone
        return
    for each in frames:
        each.f_trace = _stop_handlers
    if not watch.tracing:
        watch.saved_trace, watch.tracing = sys.gettrace(), True
    sys.settrace(_stop_handlers)


def _stop_handlers(frame: FrameType, event: str, arg: object) -> Any:
    """The trace function after a stop: raises it again in a handler that caught it."""
    if event == "call":
        return _stop_handlers if _inside_boundary(frame) else None
    if event == "line" and isinstance(sys.exception(), TimeLimitExceeded):
        raise TimeLimitExceeded()
    return _stop_handlers


def _inside_boundary(frame: FrameType | None) -> bool:
    while frame is not None:
        if frame.f_code in BOUNDARIES:
            return True
        frame = frame.f_back
    return False


def _set_async_exc(thread: int, exc: type[BaseException] | None) -> None:
    try:
        import ctypes

        ctypes.pythonapi.PyThreadState_SetAsyncExc(
            ctypes.c_ulong(thread), ctypes.py_object(exc) if exc is not None else None
        )
    except (ImportError, AttributeError):  # pragma: no cover - not CPython: no time limit here
        pass


# ---------------------------------------------------------------------------------------
# Captured output
# ---------------------------------------------------------------------------------------


class _Buffer(io.StringIO):
    """A text buffer that says whether anything was written (a flag read per rule)."""

    written = False

    def write(self, text: str) -> int:
        self.written = True
        return super().write(text)


class Capture:
    """Standard output and error replaced, while pack code runs, by one buffer; what was
    written is taken with :meth:`take` and shown with :meth:`report` on the real standard
    error. Use as a context manager around code that calls pack code."""

    def __init__(self) -> None:
        self.buffer = _Buffer()
        self._saved: tuple[TextIO, TextIO] | None = None

    def __enter__(self) -> Capture:
        self._saved = (sys.stdout, sys.stderr)
        sys.stdout = sys.stderr = self.buffer
        return self

    def __exit__(self, *exc_info: object) -> None:
        """Put the streams back (any text not taken is dropped with the next take)."""
        if self._saved is not None:
            sys.stdout, sys.stderr = self._saved
            self._saved = None

    def take(self) -> str:
        """What pack code wrote since the last call (and the streams put back in place,
        should pack code have replaced them)."""
        if sys.stdout is not self.buffer or sys.stderr is not self.buffer:
            sys.stdout = sys.stderr = self.buffer
        if not self.buffer.written:
            return ""
        text = self.buffer.getvalue()
        self.buffer.seek(0)
        self.buffer.truncate()
        self.buffer.written = False
        return text

    def report(self, pack: str, where: str, text: str) -> None:
        """Show pack output on the standard error that was in place before the capture."""
        stream = self._saved[1] if self._saved is not None else sys.stderr
        show_output(stream, pack, where, text)


def show_output(stream: TextIO, pack: str, where: str, text: str) -> None:
    """Write captured pack output as a notice naming the pack and where it came from."""
    from finsam_rules.i18n import t

    lines = [visible(line) for line in text[:MAX_SHOWN_CHARS].splitlines()]
    if len(text) > MAX_SHOWN_CHARS:
        lines.append("…")
    try:
        stream.write(t("pack_output", _settings["lang"], pack=pack, where=where) + "\n")
        for line in lines:
            stream.write(f"  | {line}\n")
    except (OSError, ValueError, AttributeError):  # no, a closed or a broken stream: the run goes on
        pass


_settings: dict[str, str] = {"lang": "sv"}


def configure(lang: str) -> None:
    """The language of the notices this module writes (the command line's ``--lang``)."""
    _settings["lang"] = lang


def language() -> str:
    """The language set by :func:`configure` (Swedish until then)."""
    return _settings["lang"]


def call(function: Callable[[], T], pack: str, where: str, seconds: float | None = None) -> T:
    """Run pack code outside a rule (an import, a hook): its output captured and shown,
    under the time limit (:data:`DEFAULT_TIME_LIMIT` unless given); anything it raises but
    the user's Ctrl-C becomes :class:`PackCodeFailed`."""
    seconds = DEFAULT_TIME_LIMIT if seconds is None else seconds
    watch = current_watch()
    with Capture() as capture:
        try:
            watch.begin(seconds)
            try:
                result = _boundary(function)
            finally:
                timed_out = watch.end()
        except BaseException as exc:
            if is_user_interrupt(exc):
                raise
            text = capture.take()
            if text:
                capture.report(pack, where, text)
            if timed_out_of(exc, watch):
                raise PackCodeFailed(time_limit_text(seconds)) from None
            raise PackCodeFailed(describe(exc)) from None
        text = capture.take()
        if text:
            capture.report(pack, where, text)
    if timed_out:
        raise PackCodeFailed(time_limit_text(seconds))
    return result


def _boundary(function: Callable[[], T]) -> T:
    return function()


BOUNDARIES.add(_boundary.__code__)


def timed_out_of(exc: BaseException, watch: Watch) -> bool:
    """Whether ``exc`` ended code because its time limit was hit."""
    return watch.fired or isinstance(exc, TimeLimitExceeded)


def time_limit_text(seconds: float) -> str:
    """The error text of code stopped by its time limit."""
    return f"TimeLimitExceeded: still running after {seconds:g} s (rule_time_limit)"


# ---------------------------------------------------------------------------------------
# Read-only values
# ---------------------------------------------------------------------------------------


class FrozenDict(dict[Any, Any]):
    """A dict nobody can change: equal to, and serialised as, a plain dict."""

    def _refuse(self, *args: object, **kwargs: object) -> NoReturn:
        raise TypeError("these values are read-only")

    __setitem__ = __delitem__ = clear = pop = popitem = setdefault = update = _refuse
    __ior__ = _refuse

    def __reduce__(self) -> tuple[type, tuple[dict[Any, Any]]]:
        return (FrozenDict, (dict(self),))

    def __copy__(self) -> FrozenDict:
        return self

    def __deepcopy__(self, memo: dict[int, object]) -> FrozenDict:
        return self


class FrozenList(list[Any]):
    """A list nobody can change: equal to, and serialised as, a plain list."""

    def _refuse(self, *args: object, **kwargs: object) -> NoReturn:
        raise TypeError("these values are read-only")

    __setitem__ = __delitem__ = append = extend = insert = pop = remove = clear = _refuse
    sort = reverse = __iadd__ = __imul__ = _refuse

    def __reduce__(self) -> tuple[type, tuple[list[Any]]]:
        return (FrozenList, (list(self),))

    def __copy__(self) -> FrozenList:
        return self

    def __deepcopy__(self, memo: dict[int, object]) -> FrozenList:
        return self


def freeze(value: T) -> T:
    """A read-only copy: mappings become :class:`FrozenDict`, lists :class:`FrozenList`,
    tuples keep their type with frozen items; everything else is returned as it is."""
    return cast(T, _frozen(value))


def _frozen(value: object) -> object:
    if isinstance(value, FrozenDict | FrozenList):
        return value
    if isinstance(value, Mapping):
        return FrozenDict({k: _frozen(v) for k, v in value.items()})
    if isinstance(value, list):
        return FrozenList(_frozen(v) for v in value)
    if type(value) is tuple:
        return tuple(_frozen(v) for v in value)
    return value
