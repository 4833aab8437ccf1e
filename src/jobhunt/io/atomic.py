"""Where exports go: a private file written atomically, or standard output.

A file is written to a temporary file in the same folder (created 0600), flushed and
fsynced, then renamed over the target with `os.replace`: a reader sees the old file
or the new one, never half of one, and a failure leaves no temporary file behind.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path

from jobhunt.errors import InputError

STDOUT = "-"


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


SQLITE_MAGIC = b"SQLite format 3\x00"


def _is_database(path: Path) -> bool:
    """An SQLite file (any jobhunt store, profile or backup), or one of its journals."""
    for suffix in ("-wal", "-shm", "-journal"):
        if path.name.endswith(suffix) and path.name != suffix:
            path = path.with_name(path.name[: -len(suffix)])
            break
    try:
        with open(path, "rb") as handle:
            return handle.read(16) == SQLITE_MAGIC
    except OSError:
        return False


def check_target(path: Path, *, store_path: Path | None = None, raw: str = "") -> Path:
    """Refuse targets that cannot or must not be replaced: folders (a path ending in '/'
    is one, even when it does not exist), the store, any SQLite database (another
    profile's store, a backup) and its journals."""
    path = path.expanduser()
    if path.is_dir() or raw.endswith(("/", os.sep)):
        raise InputError(
            f"{path} is a folder{'' if path.is_dir() else ' (it does not exist)'}; "
            "give a file name to write to"
        )
    if store_path is not None:
        for sidecar in ("", "-wal", "-shm"):
            if _same_file(path, store_path.with_name(store_path.name + sidecar)):
                raise InputError(
                    f"refusing to overwrite the store {store_path} with an export",
                    hint="give another file name with -o",
                )
    if _is_database(path):
        raise InputError(
            f"refusing to overwrite {path}: it is a jobhunt store or backup (an SQLite "
            "database); it was left untouched",
            hint="give another file name with -o",
        )
    parent = path.parent
    if not parent.is_dir():
        raise InputError(f"cannot write {path}: the folder {parent} does not exist")
    return path


def write_atomic(path: Path, data: bytes, *, store_path: Path | None = None, raw: str = "") -> Path:
    """Replace `path` with `data` atomically; the file is private to the user (0600).
    `raw` is the path as typed (a trailing '/' names a folder)."""
    path = check_target(Path(path), store_path=store_path, raw=raw)
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror}") from exc
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise InputError(f"cannot write {path}: {exc.strerror or exc}") from exc
        raise
    _fsync_dir(path.parent)
    return path


def _fsync_dir(directory: Path) -> None:
    """Make the rename itself durable (not possible on every platform: best effort)."""
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)
    try:
        fd = os.open(directory, flags)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def _for_terminal(text: str) -> str:
    """What a terminal may show: line breaks kept, every other control character visible."""
    from jobhunt.render import clean

    lines = text.split("\n")
    return "\n".join(clean(line[:-1] if line.endswith("\r") else line) for line in lines)


def emit(data: bytes, output: str | None, *, store_path: Path | None = None) -> Path | None:
    """Write an export to `output` (a file, atomically) or to standard output.

    Exact bytes go to a file or a pipe. On a terminal, control characters in the data
    are made visible first, so an export cannot drive the terminal.
    Returns the file written, or None for standard output.
    """
    if output and output != STDOUT:
        return write_atomic(Path(output), data, store_path=store_path, raw=output)
    stream = sys.stdout
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError):
        tty = False
    if tty:
        stream.write(_for_terminal(data.decode("utf-8", errors="replace")))
        stream.flush()
        return None
    stream.flush()
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        stream.write(data.decode("utf-8"))
    else:
        buffer.write(data)
        buffer.flush()
    return None
