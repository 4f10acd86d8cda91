"""Every file a command writes goes through here: no input is ever modified or lost.

- **Atomic.** A file is written to a temporary file in the target folder, flushed, fsynced
  and moved over the target with :func:`os.replace`; a crash or ``kill -9`` leaves either the
  old file or the new one, never a truncated one (at worst a stray ``.finsam-*.tmp`` file).
- **Never onto an input.** An output path that is one of the run's inputs, or lies inside a
  folder the run reads (a folder given, the portfolio of a document, ``--portfolio``), is
  refused before any work is done. Paths are compared after resolving symbolic links, and
  existing files also by device and inode (hard links, case-insensitive file systems).
- **Never over a file finsam did not write.** ``-o`` onto an existing file needs
  ``--force``, unless finsam wrote that very file: each folder finsam writes an ``-o`` file
  into holds ``.finsam-written.json`` with the sha256 of the files it wrote there. A file
  changed by hand since no longer matches and needs ``--force`` again. Decision records
  identify themselves (see :mod:`finsam_rules.records`).

Refusals decided from the command line are usage errors (exit 2); a write that fails (no
space, no permission) is exit 3.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from finsam_rules.plugins import Registry

EXIT_USAGE, EXIT_UNWRITABLE = 2, 3
MANIFEST = ".finsam-written.json"
MANIFEST_LIMIT = 1_000_000
TEMP_PREFIX = ".finsam-"
TEMP_SUFFIX = ".tmp"


class OutputError(Exception):
    """An output that was refused or could not be written, in both languages."""

    def __init__(self, key: str, exit_code: int, **values: object) -> None:
        self.key, self.exit_code = key, exit_code
        self.values = {name: str(value) for name, value in values.items()}
        super().__init__(self.line("en"))

    def line(self, lang: str) -> str:
        """The message in ``lang``."""
        from finsam_rules.i18n import t

        return t(f"output_{self.key}", lang, **self.values)


def file_of(path: Path | None) -> Path | None:
    """The file ``-o`` names, or ``None`` for standard output (no option, or ``-``)."""
    return None if path is None or str(path) == "-" else path


def binary_stdout(fmt: str) -> IO[bytes]:
    """Standard output for a binary format (``-o -``): a pipe or a file takes the bytes, a
    terminal is refused (usage error, exit 2: the bytes would garble it)."""
    if sys.stdout.isatty():
        raise OutputError("binary_terminal", EXIT_USAGE, fmt=fmt)
    return sys.stdout.buffer


def sha256_of(path: Path) -> str:
    """The sha256 of a file's bytes, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_dev, info.st_ino)


def _resolved(path: Path) -> Path:
    try:
        return path.expanduser().resolve()
    except (OSError, RuntimeError):  # a symlink loop: keep it as spelt
        return path.absolute()


def policy_files(registry: Registry, path: Path | None) -> list[Path]:
    """The files a policy is read from (itself and what it ``extends``), for protection; a
    policy that cannot be loaded protects just its own path (the command reports it)."""
    from finsam_rules.errors import PolicyError
    from finsam_rules.policy import load_policy

    if path is None:
        return []
    try:
        policy = load_policy(registry, path)
    except PolicyError:
        return [path]
    return [path, *(Path(layer.meta.origin) for layer in policy.layers[1:])]


class Outputs:
    """The outputs of one command run: what they must not touch, and how they are written."""

    def __init__(self, inputs: Iterable[Path | None] = (), *, force: bool = False) -> None:
        self.force = force
        self._unsynced: set[Path] = set()
        self._files: list[tuple[Path, Path, tuple[int, int] | None]] = []
        self._folders: list[tuple[Path, Path, tuple[int, int] | None]] = []
        self.protect(inputs)

    @classmethod
    def for_run(
        cls, inputs: Iterable[Path | None], *, registry: Registry, policy: Path | None, force: bool
    ) -> Outputs:
        """The outputs of a run reading ``inputs`` (documents, folders, option files) and
        ``policy``: protects them, their portfolio folders and every policy file read,
        including what a policy ``extends``."""
        outputs = cls(inputs, force=force)
        outputs.protect(policy_files(registry, policy))
        configs: set[Path] = set()
        for folder, _, _ in list(outputs._folders):
            with contextlib.suppress(OSError):
                configs.update(folder.rglob("finsam.toml"))
        for config in sorted(configs):
            if config.is_file():
                outputs.protect(policy_files(registry, config))
        return outputs

    def protect(self, paths: Iterable[Path | None]) -> None:
        """Add inputs: a folder protects everything inside it; a file protects itself and
        the portfolio folder it lies in."""
        from finsam_rules.portfolio import find_portfolio_root

        for path in paths:
            if path is None or str(path) == "-":
                continue
            entry = (path, _resolved(path), _identity(path))
            try:
                is_folder = path.is_dir()
            except OSError:  # a name too long: the command reports it as an input
                is_folder = False
            (self._folders if is_folder else self._files).append(entry)
            with contextlib.suppress(OSError, RuntimeError):
                root = find_portfolio_root(path)
                if root is not None:
                    self._folders.append((root, _resolved(root), _identity(root)))

    def _refuse_input(self, target: Path) -> None:
        resolved, identity = _resolved(target), _identity(target)
        for given, path, ident in self._files:
            if resolved == path or (identity is not None and identity == ident):
                raise OutputError("is_input", EXIT_USAGE, path=target, other=given)
        ancestors = [resolved, *resolved.parents]
        identities = {_identity(folder) for folder in ancestors} - {None}
        for given, folder, ident in self._folders:
            if folder in ancestors or (ident is not None and ident in identities):
                raise OutputError("inside_input", EXIT_USAGE, path=target, other=given)

    def check_file(self, target: Path) -> None:
        """Refuse ``-o target`` unless it is safe: not an input, not inside a folder read,
        in an existing folder, and not an existing file finsam did not write (without
        ``--force``)."""
        if target.name == MANIFEST or target.name.startswith(TEMP_PREFIX):
            raise OutputError("reserved", EXIT_USAGE, path=target)
        try:
            self._refuse_input(target)
            if not target.parent.is_dir():
                raise OutputError("no_folder", EXIT_USAGE, path=target, folder=target.parent)
            if target.is_symlink() or target.exists():
                if not target.is_file() and not target.is_symlink():
                    raise OutputError("not_a_file", EXIT_USAGE, path=target)
                if not self.force and not self.written_by_finsam(target):
                    raise OutputError("exists", EXIT_USAGE, path=target)
        except OSError as exc:  # a name too long, a folder that cannot be read
            raise OutputError(
                "write_failed", EXIT_UNWRITABLE, path=target, error=exc.strerror or exc
            ) from None

    def check_folder(self, folder: Path) -> None:
        """Refuse a folder of outputs (``--record``) that is or lies inside an input."""
        try:
            self._refuse_input(folder)
            if folder.exists() and not folder.is_dir():
                raise OutputError("folder_is_file", EXIT_USAGE, path=folder)
        except OSError as exc:
            raise OutputError(
                "write_failed", EXIT_UNWRITABLE, path=folder, error=exc.strerror or exc
            ) from None

    def check_apart(self, target: Path, folder: Path) -> None:
        """Refuse an ``-o`` file that is, or lies inside, the folder of records."""
        inside = _resolved(folder)
        if inside == _resolved(target) or inside in _resolved(target).parents:
            raise OutputError("inside_records", EXIT_USAGE, path=target, other=folder)

    def check_in_folder(self, target: Path, replaceable: bool) -> None:
        """Refuse writing ``target`` inside a checked folder when it exists, is not a file
        this kind of output may replace and ``--force`` was not given."""
        try:
            self._refuse_input(target)
            if target.is_symlink() or target.exists():
                if not target.is_file() and not target.is_symlink():
                    raise OutputError("not_a_file", EXIT_USAGE, path=target)
                if not self.force and not replaceable:
                    raise OutputError("exists", EXIT_USAGE, path=target)
        except OSError as exc:
            raise OutputError(
                "write_failed", EXIT_UNWRITABLE, path=target, error=exc.strerror or exc
            ) from None

    # -- knowing what finsam wrote ---------------------------------------------------------

    @staticmethod
    def _manifest(folder: Path) -> dict[str, str] | None:
        """The sha256 of the files finsam wrote into ``folder`` by name; ``None`` when a
        file of the manifest's name is there but is not finsam's (it is then left alone)."""
        path = folder / MANIFEST
        if not path.exists() and not path.is_symlink():
            return {}
        try:
            if path.is_symlink() or not path.is_file() or path.stat().st_size > MANIFEST_LIMIT:
                return None
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeError, ValueError, RecursionError):
            return None
        files = data.get("files") if isinstance(data, dict) else None
        if not isinstance(files, dict) or set(data) != {"files"}:
            return None
        return {str(k): v for k, v in files.items() if isinstance(v, str)}

    def written_by_finsam(self, target: Path) -> bool:
        """Whether ``target`` is, byte for byte, a file finsam wrote there."""
        expected = (self._manifest(target.parent) or {}).get(target.name)
        if expected is None or not target.is_file() or target.is_symlink():
            return False
        try:
            return sha256_of(target) == expected
        except OSError:
            return False

    def _remember(self, target: Path, digest: str) -> None:
        known = self._manifest(target.parent)
        if known is None:
            return
        files = {**known, target.name: digest}
        text = json.dumps({"files": dict(sorted(files.items()))}, indent=2, ensure_ascii=False) + "\n"
        with contextlib.suppress(OSError):
            write_atomic(target.parent / MANIFEST, text.encode("utf-8"))

    # -- writing ---------------------------------------------------------------------------

    def write_record(self, target: Path, text: str) -> None:
        """Write a file in a checked folder (a record) atomically; records identify
        themselves, so they are not remembered in the manifest. The folder itself is synced
        once, by :meth:`finish` (until then a power cut keeps the old record, never half of
        one)."""
        self._unsynced.add(target.parent)
        try:
            write_atomic(target, text.encode("utf-8"), sync_folder=False)
        except OSError as exc:
            raise OutputError(
                "write_failed", EXIT_UNWRITABLE, path=target, error=exc.strerror or exc
            ) from None

    def finish(self) -> None:
        """Make the names of every record written durable: one sync per folder."""
        for folder in sorted(self._unsynced):
            _sync_folder(folder)
        self._unsynced.clear()

    def write_text(self, target: Path, text: str) -> None:
        """Write an ``-o`` file (after :meth:`check_file`) atomically and remember it."""
        self.write_bytes(target, text.encode("utf-8"))

    def write_bytes(self, target: Path, data: bytes) -> None:
        """Write an ``-o`` file of bytes (PDF, Excel) atomically and remember it."""
        try:
            write_atomic(target, data)
        except OSError as exc:
            raise OutputError(
                "write_failed", EXIT_UNWRITABLE, path=target, error=exc.strerror or exc
            ) from None
        self._remember(target, hashlib.sha256(data).hexdigest())

    def stream(self, target: Path | None) -> contextlib.AbstractContextManager[IO[str]]:
        """A text stream for ``-o``: standard output, or a temporary file moved over
        ``target`` when the block ends without an exception (discarded otherwise)."""
        return cast("contextlib.AbstractContextManager[IO[str]]", self._stream(target, False))

    def stream_bytes(self, target: Path | None) -> contextlib.AbstractContextManager[IO[bytes]]:
        """The same for bytes (a PDF)."""
        return cast("contextlib.AbstractContextManager[IO[bytes]]", self._stream(target, True))

    @contextlib.contextmanager
    def _stream(self, target: Path | None, binary: bool) -> Iterator[IO[Any]]:
        if target is None or file_of(target) is None:
            yield sys.stdout.buffer if binary else sys.stdout
            return

        def failed(exc: OSError) -> OutputError:
            return OutputError("write_failed", EXIT_UNWRITABLE, path=target, error=exc.strerror or exc)

        try:
            fd, temp = _open_temp(target.parent)
        except OSError as exc:
            raise failed(exc) from None
        handle: IO[Any] = (
            os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="\n")
        )
        digest = hashlib.sha256()
        try:
            yield cast(IO[Any], _Hashing(handle, digest, failed))
        except BaseException:
            with contextlib.suppress(OSError):
                handle.close()
            _unlink(temp)
            raise
        try:
            handle.flush()
            os.fsync(handle.fileno())
            handle.close()
            os.replace(temp, target)
        except OSError as exc:
            with contextlib.suppress(OSError):
                handle.close()
            _unlink(temp)
            raise failed(exc) from None
        _sync_folder(target.parent)
        self._remember(target, digest.hexdigest())


class _Hashing:
    """A text stream that also hashes what is written (as the bytes on disk will be), and
    reports a failed write (a full disk) as the output's error."""

    def __init__(
        self, handle: IO[Any], digest: hashlib._Hash, failed: Callable[[OSError], OutputError]
    ) -> None:
        self._handle, self._digest, self._failed = handle, digest, failed

    def write(self, data: str | bytes) -> int:
        self._digest.update(data.encode("utf-8") if isinstance(data, str) else data)
        try:
            return self._handle.write(data)
        except OSError as exc:
            raise self._failed(exc) from None

    def writelines(self, lines: Iterable[str | bytes]) -> None:
        """Every line through :meth:`write`, so it is hashed too (delegated, the lines would
        reach the file unhashed and the file would no longer count as finsam's)."""
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        try:
            self._handle.flush()
        except OSError as exc:
            raise self._failed(exc) from None

    def __getattr__(self, name: str) -> object:
        return getattr(self._handle, name)


def _open_temp(folder: Path) -> tuple[int, Path]:
    """Create a new temporary file in ``folder`` (mode from the umask, like any new file)."""
    while True:
        temp = folder / f"{TEMP_PREFIX}{secrets.token_hex(6)}{TEMP_SUFFIX}"
        try:
            return os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), temp
        except FileExistsError:
            continue


def _unlink(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (where the file system allows it)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_atomic(target: Path, data: bytes, *, sync_folder: bool = True) -> None:
    """Write ``data`` to ``target`` so that it holds either its old or its new content,
    whatever happens: temporary file in the same folder, fsync, :func:`os.replace` (and,
    unless told otherwise, a sync of the folder so the new name is durable too)."""
    fd, temp = _open_temp(target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except BaseException:
        _unlink(temp)
        raise
    if sync_folder:
        _sync_folder(target.parent)
