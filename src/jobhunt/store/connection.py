"""Connections to the store: configured SQLite connections (WAL, foreign keys, busy
timeout), transactions that queue writers (BEGIN IMMEDIATE, or the PostgreSQL profile's
advisory lock through the same `begin_write()`), and the undo point each write records.

Standard library only: the morning command, `--help` and completion never pay for
SQLAlchemy. A PostgreSQL store (`store.pg`) is a connection with the same `execute()`,
`begin_write()` and `begin_read()`, so everything here takes either.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path

from jobhunt.errors import StoreError

BUSY_TIMEOUT_MS = 5000  # JOBHUNT_BUSY_TIMEOUT_MS overrides (milliseconds)


LOCKED_HINT = (
    "another jobhunt (or a backup tool) is holding the store; wait and try again, "
    "or check with: jobhunt doctor"
)


def utc_now() -> str:
    """An instant as stored: ISO 8601 in UTC, seconds precision (on JOBHUNT_TODAY's day)."""
    from jobhunt.clock import now_utc

    return now_utc().isoformat(timespec="seconds")


def _casefold(value: object) -> str | None:
    return value.casefold() if isinstance(value, str) else None


def busy_timeout_ms() -> int:
    value = os.environ.get("JOBHUNT_BUSY_TIMEOUT_MS", "")
    return int(value) if value.isdigit() else BUSY_TIMEOUT_MS


# Closing ANY file descriptor of a file drops every POSIX lock this process holds on
# it, SQLite's included. A Python open()/close() of a store while one of this process's
# connections to it is open (a long-running caller, a test runner) would let another
# process believe it is the last user and delete the -wal/-shm files in use: lost
# writes, "disk I/O error", a damaged store. So the connections jobhunt opens are
# tracked, and a file one of them has open is never opened by Python.
BEGIN_WRITE = "BEGIN IMMEDIATE"


class _Cursor(sqlite3.Cursor):
    """A cursor whose BEGIN IMMEDIATE waits for a known long writer (see `_queued`):
    the write path may begin its transactions through a cursor (SQLAlchemy does)."""

    def execute(self, sql, parameters=()):  # type: ignore[no-untyped-def,override]
        if sql == BEGIN_WRITE:
            begin = super().execute
            return _queued(lambda: begin(sql), self.connection)  # type: ignore[arg-type]
        return super().execute(sql, parameters)


class _Connection(sqlite3.Connection):
    file_id: tuple[int, int] | None = None
    path: Path | None = None
    dialect = "sqlite"

    def cursor(self, factory=_Cursor):  # type: ignore[no-untyped-def,override]
        return super().cursor(factory)

    def begin_write(self) -> None:
        """Start a write transaction; other writers queue (busy timeout), and wait longer
        for a jobhunt that has said it is a long writer (an import, an undo, a restore)."""
        _queued(lambda: sqlite3.Connection.execute(self, BEGIN_WRITE), self)

    def begin_read(self) -> None:
        """Start a read transaction: one consistent state until COMMIT."""
        self.execute("BEGIN")


_OPEN_CONNECTIONS: weakref.WeakSet[_Connection] = weakref.WeakSet()


def _file_id(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def open_here(path: Path) -> bool:
    """True if a connection of this process has `path` open (closed ones do not count)."""
    file_id = _file_id(path)
    return file_id is not None and any(
        c.file_id == file_id and _is_open(c) for c in list(_OPEN_CONNECTIONS)
    )


def _is_open(conn: sqlite3.Connection) -> bool:
    try:
        conn.total_changes  # noqa: B018  (raises once the connection is closed)
    except sqlite3.ProgrammingError:
        return False
    return True


def connect(path: Path) -> sqlite3.Connection:
    """A configured connection: WAL, foreign keys, busy timeout, autocommit mode.

    Transactions are explicit: use `transaction()` (BEGIN IMMEDIATE) for writes.
    """
    timeout_ms = busy_timeout_ms()
    conn = sqlite3.connect(
        str(path),
        timeout=timeout_ms / 1000,
        isolation_level=None,
        check_same_thread=False,
        factory=_Connection,
    )
    conn.file_id = _file_id(path)
    conn.path = path
    _OPEN_CONNECTIONS.add(conn)
    conn.execute(f"PRAGMA busy_timeout = {timeout_ms}")
    # SQLite's lower() folds ASCII only; searches use Python's full Unicode casefold.
    conn.create_function("casefold", 1, _casefold, deterministic=True)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = FULL")
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        conn.close()
        raise StoreError(
            f"cannot use write-ahead logging on {path} (journal mode {mode})",
            hint="put the store on a local disk",
        )
    return conn


# What a write that waits behind a long writer says (store.waiting); the CLI sets it
# to render.warn, so the message goes to stderr.
on_wait: Callable[[str], None] | None = None


def _is_locked(exc: BaseException) -> bool:
    return "locked" in str(exc) or "busy" in str(exc)


def _queued(begin: Callable[[], object], conn: object) -> object:
    """Run `begin` (BEGIN IMMEDIATE); when it times out, wait longer behind a live long
    writer (store.waiting), else fail as SQLite did."""
    try:
        return begin()
    except sqlite3.OperationalError as exc:
        path = getattr(conn, "path", None)
        if not _is_locked(exc) or path is None:
            raise
        from jobhunt.store import waiting

        return waiting.behind_long_writer(begin, path, exc, on_wait)


def dialect(conn: object) -> str:
    """ "sqlite" or "postgresql" (a plain sqlite3 connection is SQLite)."""
    return getattr(conn, "dialect", "sqlite")


def _begin(conn: sqlite3.Connection, write: bool) -> None:
    if isinstance(conn, _Connection) or dialect(conn) == "postgresql":
        conn.begin_write() if write else conn.begin_read()  # type: ignore[attr-defined]
    else:
        conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")


@contextlib.contextmanager
def read_transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """Reads that see one consistent state (a whole export), even while others write."""
    _begin(conn, write=False)
    try:
        yield conn
    finally:
        conn.execute("COMMIT")


@contextlib.contextmanager
def transaction(
    conn: sqlite3.Connection, *, undo_label: str | None = None
) -> Iterator[sqlite3.Connection]:
    """One write transaction, taken with BEGIN IMMEDIATE so writers queue instead of failing.

    With `undo_label`, the changes made inside become one step that `undo` can revert.
    """
    _begin(conn, write=True)
    try:
        if undo_label is not None:
            begin_undo_point(conn.execute, undo_label)
        yield conn
        if undo_label is not None:
            end_undo_point(conn.execute)
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


UNDO_KEEP = 100  # undo steps kept; older ones are pruned


def begin_undo_point(execute, label: str) -> None:
    """Start an undo step inside the current transaction (`execute` runs one SQL statement).

    Triggers (migration 0002_undo) record, under the newest step, the SQL that reverses
    every change; `undo_last` replays them backwards.
    """
    execute(
        "DELETE FROM undo_log WHERE point_id <= (SELECT max(id) FROM undo_point) - ?", (UNDO_KEEP,)
    )
    execute("DELETE FROM undo_point WHERE id <= (SELECT max(id) FROM undo_point) - ?", (UNDO_KEEP,))
    execute("INSERT INTO undo_point (label, created_at) VALUES (?, ?)", (label, utc_now()))


def end_undo_point(execute) -> None:
    """Drop the newest undo step if the command changed nothing (nothing to revert)."""
    execute(
        "DELETE FROM undo_point WHERE id = (SELECT max(id) FROM undo_point) "
        "AND NOT EXISTS (SELECT 1 FROM undo_log WHERE point_id = undo_point.id)"
    )
