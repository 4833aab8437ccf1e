"""Waiting for a long writer, and saying so.

A writer waits for the one before it for the busy timeout (5 s), then fails cleanly
("locked"). An import of many rows, the undo of one, or a restore can hold the lock
longer: such a jobhunt says so, in a marker file beside the store (`.NAME.writer-PID`,
holding what it runs) on SQLite, in its connection's application_name on PostgreSQL. A
writer that finds the lock held by such a live process keeps waiting for as long as
that process runs, and says once on stderr what it waits for. A lock held by anything
else still fails after the busy timeout.

Imported only when a write has to wait, or a long writer starts; imports nothing from
the store.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

LONG = "jobhunt: "  # application_name of a long writer on PostgreSQL


def alive(pid: int) -> bool:
    """Is process `pid` running (another user's counts as running)?"""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _marker_prefix(path: Path) -> str:
    return f".{path.name}.writer-"


@contextlib.contextmanager
def long_writer(conn: Any, label: str) -> Iterator[None]:
    """Say, for as long as the block runs, that this process may hold the writer lock
    long (`label`: the command)."""
    if getattr(conn, "dialect", "sqlite") == "postgresql":
        conn.execute("SELECT set_config('application_name', ?, false)", (LONG + label[:50],))
        try:
            yield
        finally:
            conn.execute("SELECT set_config('application_name', 'jobhunt', false)")
        return
    path = getattr(conn, "path", None)
    if path is None:
        yield
        return
    import json

    marker: Path | None = path.with_name(f"{_marker_prefix(path)}{os.getpid()}")
    try:
        fd = os.open(marker, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            started = datetime.now(UTC).isoformat(timespec="seconds")
            json.dump({"label": label, "started": started}, handle)
    except OSError:
        marker = None  # cannot say so (read-only folder?): others just wait less
    try:
        yield
    finally:
        if marker is not None:
            with contextlib.suppress(OSError):
                marker.unlink()


def long_writer_of(path: Path) -> str | None:
    """What a live long writer of the store at `path` runs (not this process), or None.
    Markers of processes that are gone are removed."""
    import json

    prefix = _marker_prefix(path)
    try:
        entries = [e for e in path.parent.iterdir() if e.name.startswith(prefix)]
    except OSError:
        return None
    for entry in entries:
        pid = entry.name[len(prefix) :]
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        if not alive(int(pid)):
            with contextlib.suppress(OSError):
                entry.unlink()
            continue
        try:
            about = json.loads(entry.read_text(encoding="utf-8"))
            return f"{about['label']} (process {pid}, since {about['started']})"
        except (OSError, ValueError, KeyError, TypeError):
            return f"process {pid}"
    return None


def say(holder: str, on_wait: Callable[[str], None] | None) -> None:
    """Tell the person (`on_wait`: the CLI's render.warn) what the write waits for."""
    if on_wait is not None:
        on_wait(f"Waiting for another jobhunt to finish: {holder}")


def behind_long_writer(
    begin: Callable[[], object],
    path: Path,
    failed: sqlite3.OperationalError,
    on_wait: Callable[[str], None] | None = None,
) -> object:
    """`begin` timed out (`failed`): while a live long writer holds the store, say so
    (once) and try again; else raise `failed`."""
    told = False
    while (holder := long_writer_of(path)) is not None:
        if not told:
            say(holder, on_wait)
        told = True
        try:
            return begin()
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
            failed = exc
    raise failed
