"""Backups and restore: consistent copies through SQLite's backup API (private files,
checked), automatic backups before risky changes with pruning, and restore staging: a
checked private copy swapped in whole."""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from jobhunt.errors import NotFound, StoreError
from jobhunt.migrations import MIGRATIONS
from jobhunt.store.files import SQLITE_MAGIC, ensure_private_dir, open_read_only, remove_db


def backup_dir(path: Path) -> Path:
    return path.parent / "backups"


def backup_to(conn: sqlite3.Connection, target: Path) -> Path:
    """A consistent copy through SQLite's backup API, created 0600 and checked."""
    ensure_private_dir(target.parent)
    fd = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)
    dest = sqlite3.connect(str(target))
    try:
        conn.backup(dest)
        ok = dest.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        dest.close()
    if ok != "ok":
        target.unlink(missing_ok=True)
        raise StoreError(f"the backup {target} failed its integrity check: {ok}")
    return target


def backup_before_migration(conn: sqlite3.Connection, path: Path) -> Path:
    return auto_backup(conn, path, reason="migration")


# --------------------------------------------------------------------------- backups, restore

_STAMP = "%Y%m%dT%H%M%SZ"
_REASON = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_AUTO_BACKUP = re.compile(
    r"^(?P<stem>.+)-(?P<stamp>\d{8}T\d{6}Z)-pre-[a-z0-9][a-z0-9-]*?(?:-(?P<n>\d+))?\.db$"
)


def backup_stamp() -> str:
    """The UTC time in backup file names: 20261127T093000Z (sorts as text)."""
    return datetime.now(UTC).strftime(_STAMP)


def free_names(directory: Path, name: str) -> Iterator[Path]:
    """`directory/name`, else `name-2`, `name-3`..., starting after the highest number
    already taken, so a later backup always sorts after an earlier one."""
    base, suffix = os.path.splitext(name)
    taken = re.compile(rf"^{re.escape(base)}(?:-(\d+))?{re.escape(suffix)}$")
    start = 1
    with contextlib.suppress(OSError):
        for entry in directory.iterdir():
            match = taken.match(entry.name)
            if match:
                start = max(start, int(match[1] or 1) + 1)
    for n in range(start, start + 1000):
        yield directory / (name if n == 1 else f"{base}-{n}{suffix}")
    raise StoreError(f"cannot find a free backup file name in {directory}")


def backup_named(conn: sqlite3.Connection, directory: Path, name: str) -> Path:
    """backup_to() `directory/name`, or `name-2`, `name-3`... if that file exists already
    (two backups in the same second never overwrite each other)."""
    for target in free_names(directory, name):
        try:
            return backup_to(conn, target)
        except FileExistsError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def auto_backups(path: Path) -> list[Path]:
    """The automatic backups (`*-pre-*.db`) of the store at `path`, oldest first."""
    directory = backup_dir(path)
    found: list[tuple[str, int, int, str, Path]] = []
    try:
        entries = list(directory.iterdir())
    except OSError:
        return []
    for entry in entries:
        match = _AUTO_BACKUP.match(entry.name)
        if not match or match["stem"] != path.stem or not entry.is_file():
            continue
        with contextlib.suppress(OSError):
            # Same second: name-2, name-3... were made after name (mtimes may tie).
            order = int(match["n"] or 1)
            found.append((match["stamp"], order, entry.stat().st_mtime_ns, entry.name, entry))
    return [item[-1] for item in sorted(found)]


def auto_backup(conn: sqlite3.Connection, path: Path, *, reason: str, keep: int = 10) -> Path:
    """Keep a copy before a risky change: `backups/{stem}-{stamp}-pre-{reason}.db`.

    Then only the newest `keep` automatic backups of this store are kept; manual
    backups (`jobhunt backup`) are never deleted.
    """
    if not _REASON.match(reason):
        raise ValueError(f"backup reason {reason!r}: use lowercase letters, digits and '-'")
    if keep < 1:
        raise ValueError("keep at least one automatic backup")
    target = backup_named(conn, backup_dir(path), f"{path.stem}-{backup_stamp()}-pre-{reason}.db")
    older = [p for p in auto_backups(path) if p != target]
    for old in older[: max(0, len(older) - (keep - 1))]:
        remove_db(old)  # with the -wal of a damaged store kept by replace_damaged()
    return target


def _schema_tables(applied: set[str]) -> set[str]:
    """The tables the migrations in `applied` create (built in memory)."""
    mem = sqlite3.connect(":memory:")
    try:
        for migration in MIGRATIONS:
            if migration.name in applied:
                for statement in migration.statements:
                    mem.execute(statement)
        return {r[0] for r in mem.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        mem.close()


def _copy_and_inspect(source: Path, staged: Path) -> tuple[list[str], set[str], set[str]]:
    """Copy `source` into `staged` (backup API) and read the copy's integrity check
    result, table names and applied migrations."""
    src = open_read_only(source)
    try:
        dest = sqlite3.connect(str(staged), isolation_level=None)
        try:
            src.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")
            problems = [r[0] for r in dest.execute("PRAGMA integrity_check")]
            tables = {
                r[0] for r in dest.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            applied: set[str] = set()
            if "schema_migrations" in tables:
                applied = {r[0] for r in dest.execute("SELECT name FROM schema_migrations")}
        finally:
            dest.close()
    finally:
        src.close()
    return problems, tables, applied


def stage_restore(source: Path, directory: Path) -> Path:
    """A checked private copy of the backup `source`, in `directory`, for restore_from().

    Refused (StoreError, nothing else touched) unless `source` is an SQLite file that
    passes `PRAGMA integrity_check` and is a jobhunt store whose migrations this version
    knows. The caller removes the copy (remove_staged()).
    """
    refused = "; nothing was restored"
    if source.is_dir():
        raise StoreError(f"{source} is a directory, not a backup file")
    try:
        with open(source, "rb") as handle:
            head = handle.read(16)
    except FileNotFoundError:
        raise NotFound(f"no backup file at {source}") from None
    except OSError as exc:
        raise StoreError(f"cannot read {source}: {exc.strerror}") from None
    if head != SQLITE_MAGIC:
        raise StoreError(f"{source} is not an SQLite database{refused}")
    ensure_private_dir(directory)
    fd, name = tempfile.mkstemp(prefix=".restore-", suffix=".db", dir=directory)
    os.close(fd)
    staged = Path(name)
    os.chmod(staged, 0o600)
    try:
        try:
            problems, tables, applied = _copy_and_inspect(source, staged)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{source} is not a usable SQLite database ({exc}){refused}") from None
        if problems != ["ok"]:
            raise StoreError(
                f"{source} is damaged (integrity check: {'; '.join(problems[:3])}){refused}"
            )
        known = {m.name for m in MIGRATIONS}
        if not applied:
            raise StoreError(f"{source} is an SQLite database but not a jobhunt store{refused}")
        if applied - known:
            raise StoreError(
                f"{source} was written by a newer jobhunt "
                f"(schema {sorted(applied - known)[-1]}){refused}",
                hint="upgrade jobhunt first: pip install --upgrade jobhunt",
            )
        missing = _schema_tables(applied) - tables
        if missing:
            raise StoreError(
                f"{source} is not a complete jobhunt store "
                f"(missing {', '.join(sorted(missing))}){refused}"
            )
    except BaseException:
        remove_db(staged)
        raise
    return staged


def remove_staged(staged: Path) -> None:
    remove_db(staged)


def restore_from(conn: sqlite3.Connection, staged: Path) -> None:
    """Replace the live store's content with `staged` through SQLite's backup API, in one
    step: other processes see the old store or the new one, never a mix."""
    src = sqlite3.connect(str(staged), isolation_level=None)
    try:
        page_size = int(conn.execute("PRAGMA page_size").fetchone()[0])
        if src.execute("PRAGMA page_size").fetchone()[0] != page_size:
            # A store in WAL mode cannot change its page size: convert the copy instead.
            src.execute(f"PRAGMA page_size = {page_size}")
            src.execute("VACUUM")
        src.backup(conn)
    finally:
        src.close()
    problems = [r[0] for r in conn.execute("PRAGMA integrity_check")]
    if problems != ["ok"]:
        raise StoreError(f"the restored store failed its integrity check: {problems[0]}")


def replace_damaged(path: Path, staged: Path) -> Path:
    """Put `staged` in place of a store SQLite cannot use (damaged), without opening it.

    The damaged file and its -wal are moved aside, untouched, to
    `backups/{stem}-{stamp}-pre-restore.db` (+ `-wal`); then `staged` (a checked copy in
    the same folder) is renamed over the store. Returns where the damaged store went.
    """
    directory = backup_dir(path)
    ensure_private_dir(directory)
    wal, shm = (path.with_name(path.name + s) for s in ("-wal", "-shm"))
    for kept in free_names(directory, f"{path.stem}-{backup_stamp()}-pre-restore.db"):
        if not kept.exists() and not kept.with_name(kept.name + "-wal").exists():
            break
    os.replace(path, kept)
    if wal.exists():
        os.replace(wal, kept.with_name(kept.name + "-wal"))
    shm.unlink(missing_ok=True)
    os.chmod(staged, 0o600)
    os.replace(staged, path)
    with contextlib.suppress(OSError):
        fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    return kept
