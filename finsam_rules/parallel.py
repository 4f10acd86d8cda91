"""Screening portfolios in parallel processes, merged in the order one process gives.

``finsam screen --jobs N`` walks the paths once in the main process, as
:func:`finsam_rules.loading.iter_paths` yields them, and notes each file's portfolio (the
key :class:`~finsam_rules.screening.Screener` keeps its context under). Consecutive files of
one portfolio form a group, and consecutive groups a chunk of at least :data:`CHUNK_FILES`
files; never is a portfolio split, so each worker builds exactly the context (association,
policy, index of applications, a broken ``association.toml`` reported once) that one process
builds. The walk is kept as file names while it is planned (about 70 bytes a file), and each chunk's
files are sent with its task, so no worker touches the whole walk. Workers are forked, so they
share the registry and the options without pickling them; each screens its chunk with the
same :meth:`Screener.screen_items` and sends back every
:class:`~finsam_rules.screening.Screened` with what pack code wrote to standard error while it
was judged and, for a report, the application it was judged against.

The main process takes the chunks back in their order and yields each result as
``--jobs 1`` would: waivers, the impact, every writer, records and exit codes run there,
on the same results in the same order, so every output is byte-identical. Rules run in
their isolation inside the workers (time limits by the worker's own timer, output captured),
and a rule's crash under ``--strict`` ends the run at the same document.

One process is used when parallelism cannot help or cannot give the same result: one job,
one portfolio, fewer than :data:`MIN_FILES` files (measured: forking and sending results back
costs more than it saves below that), a platform without ``fork``, a portfolio whose files
come in two separate runs of the walk (its context would be shared across them), or a fixed
``--association`` that cannot be read (its error is reported once, by one process).
"""

from __future__ import annotations

import copyreg
import gc
import io
import operator
import os
import pickle
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from finsam_rules.engine import RuleCrash
from finsam_rules.errors import InputError, PolicyError
from finsam_rules.isolation import describe
from finsam_rules.loading import PathProblem, is_stdin, iter_paths, load_association
from finsam_rules.model import Report
from finsam_rules.portfolio import find_portfolio_root
from finsam_rules.screening import Screened, Screener

if TYPE_CHECKING:
    import multiprocessing.context

#: Fewest files worth more than one process. Measured on the shared 2-core machine (median
#: of alternating rounds, benchmark documents in portfolios of 50): 100 files took 2.55 s
#: with two processes against 2.58 s with one (CPU 0.50 s against 0.51 s), no gain; 200
#: files 4.11 s against 4.72 s (CPU 0.72 s against 0.64 s).
MIN_FILES = 200
#: Fewest files per task sent to a worker (whole portfolios, so often more).
CHUNK_FILES = 64
#: Tasks in flight per worker: enough to keep it busy, few enough to bound memory.
IN_FLIGHT = 2

#: One result: the stderr text written while it was screened, the result, and for a report
#: the file of the application it was judged against (for records and letters).
_Result = tuple[str, Screened, Path | None]
#: What ended a chunk early: the stderr text, a crash's text (``--strict``), or an error.
_Failure = tuple[str, str, Exception | None]


def default_jobs() -> int:
    """The cores this process may run on (``os.process_cpu_count`` where there is one)."""
    count = getattr(os, "process_cpu_count", None)
    if count is not None:
        return int(count() or 1)
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


#: A walked file as the main process keeps it until its chunk is sent: the first file of a
#: folder as (folder, name), the files after it in that folder by name alone (a tenth of a
#: path object's memory); standard input and path problems as they are.
_Walked = tuple[str, str] | str | Path | PathProblem


@attrs.frozen
class _Plan:
    """What the workers inherit at their fork: the screener's options and the paths given."""

    screener: Screener
    paths: list[Path]


_plan: _Plan | None = None  # set in the main process before the workers are forked
_worker: Screener | None = None  # each worker's own screener, kept across its chunks
#: The files of the chunk being pickled (in a worker) or unpickled (in the main process):
#: a result names its file by its place here, so no path is parsed twice.
_chunk_files: list[Path | PathProblem] = []


def _compacted(items: Iterable[Path | PathProblem]) -> Iterator[_Walked]:
    """The walk as kept while the chunks are planned (see :data:`_Walked`)."""
    folder: Path | None = None
    for item in items:
        if type(item) is not type(Path()) or is_stdin(item):
            yield item
        elif item.parent == folder:
            yield item.name
        else:
            folder = item.parent
            yield str(folder), item.name


def _expanded(walk: Iterable[_Walked]) -> Iterator[Path | PathProblem]:
    """A planned chunk's files as :func:`iter_paths` gave them (a chunk starts with a
    folder's first file, as every portfolio's first file is)."""
    folder = Path()
    for item in walk:
        if isinstance(item, tuple):
            folder = Path(item[0])
            yield folder / item[1]
        elif isinstance(item, str):
            yield folder / item
        else:
            yield item


@attrs.define
class _Chunker:
    """Cuts the walk into chunks of whole portfolios as it goes (see :meth:`add`)."""

    keys: dict[Path, Path | None] = attrs.field(factory=dict)  # folder -> portfolio key
    closed: set[Path | None] = attrs.field(factory=set)
    chunks: list[tuple[int, int]] = attrs.field(factory=list)
    start: int = 0
    count: int = 0
    files: int = 0
    current: Path | None = None
    seen_any: bool = False
    split: bool = False  # a portfolio came in two runs of the walk

    def add(self, index: int, item: Path | PathProblem) -> None:
        """Take the walk's item at ``index``: a new chunk starts at a portfolio's first file
        once the chunk has :data:`CHUNK_FILES` files."""
        if isinstance(item, PathProblem) or self.split:
            return
        self.files += 1
        folder = item.parent
        if folder not in self.keys:
            root = find_portfolio_root(item)
            self.keys[folder] = root.resolve() if root else None
        key = self.keys[folder]
        if self.seen_any and key != self.current:
            self.closed.add(self.current)
            if key in self.closed:  # a portfolio in two runs: its context spans them
                self.split = True
                return
            if self.count >= CHUNK_FILES:
                self.chunks.append((self.start, index))
                self.start, self.count = index, 0
        self.current, self.seen_any = key, True
        self.count += 1

    def result(self, length: int) -> list[tuple[int, int]]:
        """The chunks of a walk of ``length`` items; one when parallelism cannot help or
        cannot give the same result."""
        if self.split or self.files < MIN_FILES:
            return [(0, length)]
        return [*self.chunks, (self.start, length)]


@attrs.define
class ParallelScreener(Screener):
    """A :class:`Screener` that screens portfolios in ``jobs`` processes (``1``: none)."""

    jobs: int = 1
    #: The application file of the result being handled (see :meth:`application_path`).
    _current: tuple[Path, Path | None] | None = None

    def application_path(self, item: Screened) -> Path | None:
        """The application a report was judged against: as its worker found it."""
        if self._current is not None and self._current[0] == item.path:
            return self._current[1]
        return super().application_path(item)

    def screen(self, paths: list[Path]) -> Iterator[Screened]:
        """Screen every document under ``paths``, in portfolios in parallel where that helps,
        yielding the results in the order of one process."""
        if self.jobs <= 1:
            return super().screen(paths)
        return self._screen(paths)

    def _screen(self, paths: list[Path]) -> Iterator[Screened]:
        walk, chunks = self._planned(paths)
        context = _fork_context()
        if len(chunks) < 2 or context is None or not self._association_readable():
            yield from self.screen_items(_expanded(walk), paths)
            return
        global _plan, _chunk_files
        _plan = _Plan(self._options(), paths)
        workers = min(self.jobs, len(chunks))
        pending: deque[tuple[int, int, Future[bytes]]] = deque()
        executor = ProcessPoolExecutor(max_workers=workers, mp_context=context)

        def submit(start: int, end: int) -> None:
            pending.append((start, end, executor.submit(_screen_chunk, _dumps(walk[start:end]))))

        try:
            queue = iter(chunks)
            for start, end in queue:
                submit(start, end)
                if len(pending) >= workers * IN_FLIGHT:
                    break
            while pending:
                start, end, future = pending.popleft()
                results: list[_Result]
                failure: _Failure | None
                _chunk_files = list(_expanded(walk[start:end]))
                results, failure = _loads(future.result())
                _chunk_files = []
                for next_start, next_end in queue:  # keep the workers busy while this is written
                    submit(next_start, next_end)
                    break
                for text, screened, application in results:
                    if text:
                        sys.stderr.write(text)
                    self._current = (screened.path, application)
                    yield screened
                    self._current = None
                if failure is not None:
                    text, crash, error = failure
                    if text:
                        sys.stderr.write(text)
                    raise error if error is not None else _crash(crash)
        finally:
            _plan = None
            _chunk_files = []
            executor.shutdown(wait=True, cancel_futures=True)

    def _planned(self, paths: list[Path]) -> tuple[list[_Walked], list[tuple[int, int]]]:
        """The walk of ``paths``, kept as names (see :data:`_Walked`), and its chunks."""
        chunker = _Chunker()

        def planned() -> Iterator[Path | PathProblem]:
            for index, item in enumerate(iter_paths(paths)):
                chunker.add(index, item)
                yield item

        walk = list(_compacted(planned()))
        return walk, chunker.result(len(walk))

    def _options(self) -> Screener:
        """A plain screener with this one's options (what each worker copies)."""
        return Screener(
            self.registry,
            policy_path=self.policy_path,
            association_path=self.association_path,
            strict=self.strict,
            as_of=self.as_of,
            stdin_portfolio=self.stdin_portfolio,
        )

    def _association_readable(self) -> bool:
        """Whether a fixed ``--association`` reads (else one process reports it once)."""
        if self.association_path is None:
            return True
        try:
            load_association(self.association_path)
        except InputError:
            return False
        return True

    def _chunks(self, items: list[Path | PathProblem]) -> list[tuple[int, int]]:
        """``items`` cut into runs of whole portfolios of at least :data:`CHUNK_FILES` files;
        one run (one process) when parallelism cannot help or cannot give the same result."""
        chunker = _Chunker()
        for index, item in enumerate(items):
            chunker.add(index, item)
        return chunker.result(len(items))


def _fork_context() -> multiprocessing.context.BaseContext | None:
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    return multiprocessing.get_context("fork")


def _screen_chunk(chunk: bytes) -> bytes:
    """In a worker: screen the files of one chunk (pickled with :func:`_dumps`, for the path
    problems' errors). Their results, pickled, and what ended the chunk early: a rule's crash
    under ``--strict`` (its text) or an error."""
    global _worker, _chunk_files
    plan = _plan
    assert plan is not None  # inherited at the fork
    if _worker is None:
        _worker = plan.screener  # this process's own copy since the fork
    screener = _worker
    results: list[_Result] = []
    failure: _Failure | None = None
    saved = sys.stderr
    buffer = io.StringIO()
    sys.stderr = buffer
    try:
        _chunk_files = list(_expanded(pickle.loads(chunk)))
        screened = screener.screen_items(_chunk_files, plan.paths)
        while True:
            try:
                item = next(screened)
            except StopIteration:
                break
            except RuleCrash as crash:
                failure = (buffer.getvalue(), f"{crash}", None)
                break
            except Exception as exc:  # raised in one process too: raised there, in its place
                failure = (buffer.getvalue(), "", exc)
                break
            application = None
            if item.evaluation is not None and isinstance(item.evaluation.document, Report):
                application = screener.application_path(item)
            results.append((buffer.getvalue(), item, application))
            buffer.seek(0)
            buffer.truncate()
    finally:
        sys.stderr = saved
    try:
        return _dumps((results, failure))
    except Exception:  # an error that cannot be sent: said in words
        text = describe(failure[2]) if failure and failure[2] else "unpicklable result"
        return _dumps((results, (failure[0] if failure else "", "", RuntimeError(text))))


def _reduce(error: BaseException) -> tuple[Callable[..., BaseException], tuple[object, ...]]:
    """An exception by its attributes, whatever its ``__init__`` takes."""
    return _exception, (type(error), error.args, dict(vars(error)))


def _exception(
    kind: type[BaseException], args: tuple[object, ...], state: dict[str, object]
) -> BaseException:
    error = kind.__new__(kind)
    error.args = args
    vars(error).update(state)
    return error


def _chunk_file(index: int) -> Path | PathProblem:
    """In the main process: the file at ``index`` of the chunk being unpickled (its own path
    object, so a result names its file without the path being parsed again)."""
    return _chunk_files[index]


def _reduce_path(path: Path) -> tuple[Callable[..., object], tuple[object, ...]]:
    """A file of the chunk by its place in it, any other path as usual."""
    global _indexes
    if _indexes is None or _indexes[0] is not _chunk_files:
        places = {item: i for i, item in enumerate(_chunk_files) if not isinstance(item, PathProblem)}
        _indexes = (_chunk_files, places)
    index = _indexes[1].get(path)
    if index is None:
        return type(path), tuple(path.parts)
    return _chunk_file, (index,)


_indexes: tuple[list[Path | PathProblem], dict[Path, int]] | None = None  # in a worker


def _dumps(value: object) -> bytes:
    """``value`` pickled, input and policy errors included."""
    out = io.BytesIO()
    pickler = _Pickler(out, pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = {
        **copyreg.dispatch_table,
        InputError: _reduce,
        PolicyError: _reduce,
        type(Path()): _reduce_path,
    }
    pickler.dump(value)
    return out.getvalue()


class _Pickler(pickle.Pickler):
    """A pickler that sends attrs' slotted classes by their values in field order.

    attrs pickles such an instance with a ``__getstate__`` that builds a dict by name in
    Python; its ``__setstate__`` also takes the values as a tuple in field order. Giving the
    tuple, read by ``operator.attrgetter`` in C, pickles a result a third faster and smaller,
    and unpickles to the same objects (``tests/test_parallel.py`` holds every format and the
    records byte-identical to one process)."""

    def reducer_override(self, obj: object) -> Any:
        """The reduction of an attrs slotted instance; anything else as usual."""
        cls = type(obj)
        try:
            values = _attrs_values[cls]
        except KeyError:
            values = _attrs_values[cls] = _values_getter(cls)
        if values is None:
            return NotImplemented
        return copyreg.__newobj__, (cls,), values(obj)  # type: ignore[attr-defined]  # NEWOBJ


#: Per class: the function giving an instance's field values in order, or None to pickle it
#: as usual (not attrs, or with its own ``__getstate__``/``__setstate__``).
_attrs_values: dict[type, Callable[[object], tuple[object, ...]] | None] = {}


def _values_getter(cls: type) -> Callable[[object], tuple[object, ...]] | None:
    """How to read an attrs slotted instance's state as the tuple its ``__setstate__``
    takes, or None for a class attrs does not pickle by its generated methods."""
    names = tuple(a.name for a in getattr(cls, "__attrs_attrs__", ()) if a.name != "__weakref__")
    generated = (
        getattr(getattr(cls, "__getstate__", None), "__name__", "") == "slots_getstate"
        and getattr(getattr(cls, "__setstate__", None), "__name__", "") == "slots_setstate"
    )
    if not names or not generated:
        return None
    if len(names) == 1:
        one = operator.attrgetter(names[0])
        return lambda obj: (one(obj),)
    return operator.attrgetter(*names)


def _loads(data: bytes) -> tuple[list[_Result], _Failure | None]:
    """A chunk's results, unpickled with the cyclic garbage collector paused: they are
    thousands of new objects and no cycles, and a collection pass over them is wasted."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        results: tuple[list[_Result], _Failure | None] = pickle.loads(data)
    finally:
        if collecting:
            gc.enable()
    return results


def _crash(text: str) -> RuleCrash:
    """The crash a worker reported, as the main process raises it (its text as it was)."""
    crash = RuleCrash.__new__(RuleCrash)
    Exception.__init__(crash, text)
    return crash
