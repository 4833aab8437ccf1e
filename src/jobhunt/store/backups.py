"""Backups: consistent copies through SQLite's backup API (private files, checked,
never left half-written), and automatic backups before risky changes with pruning that
counts only backups that pass their check. Restore staging is in `restoring`."""

from __future__ import annotations

import contextlib
import errno
import os
import re
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from jobhunt.errors import StoreError
from jobhunt.store.files import (
    SQLITE_MAGIC,
    clean_leftovers,
    ensure_private_dir,
    failure,
    is_cut_short,
    remove_db,
)


def backup_dir(path: Path) -> Path:
    return path.parent / "backups"


def backup_to(conn: sqlite3.Connection, target: Path) -> Path:
    """A consistent copy through SQLite's backup API, created 0600 and checked.

    It is written to a hidden `.NAME.partial-PID` beside `target` and linked into place
    only once checked: a failure (a full disk) or a kill leaves no `target`, and a new
    file made meanwhile is never replaced (FileExistsError). Partial files of killed
    processes in that folder are removed first.
    """
    ensure_private_dir(target.parent)
    clean_leftovers(target.parent)
    if target.exists() or target.is_symlink():
        raise FileExistsError(errno.EEXIST, "File exists", str(target))
    partial = target.with_name(f".{target.name}.partial-{os.getpid()}")
    try:
        fd = os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
        dest = sqlite3.connect(str(partial))
        try:
            conn.backup(dest)
            ok = dest.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            dest.close()
        if ok != "ok":
            raise StoreError(f"the backup {target} failed its integrity check: {ok}")
        _fsync(partial)
        _link(partial, target)
    except sqlite3.Error as exc:
        raise BackupFailed(target, failure(target.parent, exc)) from None
    except OSError as exc:
        if exc.errno == errno.EEXIST:
            raise
        raise BackupFailed(target, failure(target.parent, exc)) from None
    finally:
        remove_db(partial)
    _fsync(target.parent)
    return target


class BackupFailed(StoreError):
    """A backup that could not be written; nothing was left behind."""

    def __init__(self, target: Path, why: str, before: str | None = None) -> None:
        self.target, self.why = target, why
        what = f"the backup before the {before}" if before else "the backup"
        super().__init__(
            f"cannot write {what} ({target}): {why}; nothing was written",
            hint="free some space on that disk, then try again" if "full" in why else None,
        )


def _link(partial: Path, target: Path) -> None:
    """Put the checked copy in place without replacing a file made meanwhile."""
    try:
        os.link(partial, target)
    except FileExistsError:
        raise
    except OSError:  # no hard links here (some network or FAT filesystems)
        if target.exists():
            raise FileExistsError(errno.EEXIST, "File exists", str(target)) from None
        os.replace(partial, target)


def _fsync(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


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


def whole(path: Path) -> bool:
    """Does the file pass a backup's check: an SQLite file as long as its header says?
    (Reads 100 bytes; an empty or cut-short file left by a full disk does not.)"""
    try:
        with open(path, "rb") as handle:
            head = handle.read(100)
    except OSError:
        return False
    return head.startswith(SQLITE_MAGIC) and not is_cut_short(path, head)


def bad_backups(path: Path) -> list[Path]:
    """Backup files of the store at `path` (`{stem}-*.db` in its backups folder) that do
    not pass the check: what an older jobhunt left on a full disk."""
    import glob

    try:
        entries = sorted(backup_dir(path).glob(f"{glob.escape(path.stem)}-*.db"))
    except OSError:
        return []
    return [entry for entry in entries if entry.is_file() and not whole(entry)]


def auto_backups(path: Path) -> list[Path]:
    """The automatic backups (`*-pre-*.db`) of the store at `path` that pass the check
    (`whole`), oldest first. Only these count when old ones are pruned."""
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
    return [item[-1] for item in sorted(found) if whole(item[-1])]


def auto_backup(conn: sqlite3.Connection, path: Path, *, reason: str, keep: int = 10) -> Path:
    """Keep a copy before a risky change: `backups/{stem}-{stamp}-pre-{reason}.db`.

    Then only the newest `keep` automatic backups of this store that pass their check
    are kept; manual backups (`jobhunt backup`) and files that fail the check (what a
    full disk left) are never deleted by pruning (`doctor` reports the latter).
    """
    if not _REASON.match(reason):
        raise ValueError(f"backup reason {reason!r}: use lowercase letters, digits and '-'")
    if keep < 1:
        raise ValueError("keep at least one automatic backup")
    try:
        target = backup_named(
            conn, backup_dir(path), f"{path.stem}-{backup_stamp()}-pre-{reason}.db"
        )
    except BackupFailed as exc:
        raise BackupFailed(exc.target, exc.why, before=reason.replace("-", " ")) from None
    older = [p for p in auto_backups(path) if p != target]
    for old in older[: max(0, len(older) - (keep - 1))]:
        remove_db(old)  # with the -wal of a damaged store kept by replace_damaged()
    return target
