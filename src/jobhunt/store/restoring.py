"""Restore staging, and what killed commands leave behind.

A backup is copied into a private staged file beside the store, checked (integrity,
a jobhunt store this version knows, exactly the schema its migrations make) and brought
up to this version's migrations; the restore then copies its records into the live
store in one write transaction (cli/backup.py). A store SQLite cannot open (damaged) is
moved aside instead and the staged file renamed into its place.

Staged copies (`.restore-PID-*.db`) and partial backups (`.NAME.partial-PID`) carry the
id of the process that made them: what a killed one left is removed by the next restore
or backup in that folder, and `doctor` reports it until then.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from pathlib import Path

from jobhunt.errors import NotFound, StoreError
from jobhunt.migrations import MIGRATIONS
from jobhunt.store import schema
from jobhunt.store.backups import backup_dir, backup_stamp, free_names
from jobhunt.store.files import (
    SQLITE_MAGIC,
    clean_leftovers,
    ensure_private_dir,
    open_read_only,
    remove_db,
)


def _copy_and_inspect(source: Path, staged: Path) -> tuple[list[str], tuple, set[str]]:
    """Copy `source` into `staged` (backup API) and read the copy's integrity check
    result, schema rows and applied migrations."""
    src = open_read_only(source)
    try:
        dest = sqlite3.connect(str(staged), isolation_level=None)
        try:
            src.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")
            problems = [r[0] for r in dest.execute("PRAGMA integrity_check")]
            rows = schema.rows_of(
                dest.execute("SELECT type, name, tbl_name, sql FROM sqlite_master")
            )
            applied: set[str] = set()
            if ("table", "schema_migrations") in {(r[0], r[1]) for r in rows}:
                applied = {r[0] for r in dest.execute("SELECT name FROM schema_migrations")}
        finally:
            dest.close()
    finally:
        src.close()
    return problems, rows, applied


def stage_restore(source: Path, directory: Path) -> Path:
    """A checked private copy of the backup `source`, in `directory`.

    Refused (StoreError, nothing else touched) unless `source` is an SQLite file that
    passes `PRAGMA integrity_check` and is a jobhunt store whose migrations this version
    knows, holding exactly the schema they make. The caller removes the copy
    (remove_staged()).
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
    clean_leftovers(directory)
    fd, name = tempfile.mkstemp(prefix=f".restore-{os.getpid()}-", suffix=".db", dir=directory)
    os.close(fd)
    staged = Path(name)
    os.chmod(staged, 0o600)
    try:
        try:
            problems, rows, applied = _copy_and_inspect(source, staged)
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
        tables = {r[1] for r in rows if r[0] == "table"}
        wanted = schema.expected(frozenset(applied))
        missing = {r[1] for r in wanted if r[0] == "table"} - tables
        if missing:
            raise StoreError(
                f"{source} is not a complete jobhunt store "
                f"(missing {', '.join(sorted(missing))}){refused}"
            )
        schema.check(str(source), applied, rows, refused)
    except BaseException:
        remove_db(staged)
        raise
    return staged


def remove_staged(staged: Path) -> None:
    remove_db(staged)


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
