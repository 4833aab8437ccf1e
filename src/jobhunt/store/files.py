"""The store file: where it lives, its permissions, and checks that read its header
without changing it (not SQLite, cut short, read-only, a folder). Also the read-only
opens that leave nothing behind next to the file."""

from __future__ import annotations

import contextlib
import errno
import os
import re
import sqlite3
import stat
import time
from pathlib import Path

from jobhunt.backend import ENV_DB, default_path
from jobhunt.errors import StoreError
from jobhunt.store import schema
from jobhunt.store.connection import BUSY_TIMEOUT_MS, busy_timeout_ms, open_here

SQLITE_MAGIC = b"SQLite format 3\x00"
RESTORE_HINT = "restore a backup: jobhunt restore PATH"


def resolve_path(option: str | os.PathLike[str] | None = None) -> Path:
    """`--db` first, then $JOBHUNT_DB, then the platform default."""
    if option:
        return Path(option).expanduser()
    env = os.environ.get(ENV_DB)
    if env:
        return Path(env).expanduser()
    return default_path()


def ensure_private_dir(directory: Path) -> None:
    """Create `directory` and every missing folder above it 0700, whatever the umask
    (`mkdir(parents=True)` would give the parents the umask's mode: 0777 under 000)."""
    missing = []
    while not directory.exists():
        missing.append(directory)
        if directory.parent == directory:
            break
        directory = directory.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:
            continue  # made meanwhile by someone else: theirs, left as it is
        os.chmod(folder, 0o700)


def profile_files(base: Path) -> list[tuple[str, Path]]:
    """The SQLite profiles beside the default profile's file `base`: ("default", base)
    if it exists, and every `{stem}.NAME{suffix}` file; sorted by name."""
    from jobhunt.backend import DEFAULT_PROFILE, PROFILE_RE

    found = [(DEFAULT_PROFILE, base)] if base.is_file() else []
    prefix, suffix = f"{base.stem}.", base.suffix or ".db"
    with contextlib.suppress(OSError):
        for entry in base.parent.iterdir():
            middle = entry.name[len(prefix) : -len(suffix)]
            if (
                entry.name.startswith(prefix)
                and entry.name.endswith(suffix)
                and PROFILE_RE.match(middle)
                and middle != DEFAULT_PROFILE
                and entry.is_file()
            ):
                found.append((middle, entry))
    return sorted(found)


def writable(path: Path) -> bool:
    """May jobhunt write here? `os.access` answers for this user, but root passes every
    `os.access` check: a file or folder without any write bit is read-only by intent."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return bool(mode & 0o222) and os.access(path, os.W_OK)


def _page_size(head: bytes) -> int | None:
    """The page size recorded in an SQLite header, or None when it is not a valid one."""
    raw = int.from_bytes(head[16:18], "big")
    size = 65536 if raw == 1 else raw
    return size if 512 <= size <= 65536 and size & (size - 1) == 0 else None


def is_cut_short(path: Path, head: bytes) -> bool:
    """True if the file is shorter than its header says (a bad copy, a full disk).

    The header's page count is trusted only as SQLite does (change counter equal to the
    version-valid-for number), and not while a -wal file holds changes not yet copied
    into the store: SQLite's own recovery decides then.
    """
    if len(head) < 100:
        return True
    try:  # another process's last connection may remove its -wal file at any moment
        if path.with_name(path.name + "-wal").stat().st_size:
            return False
    except FileNotFoundError:
        pass
    page_size = _page_size(head)
    pages = int.from_bytes(head[28:32], "big")
    if page_size is None or not pages or head[24:28] != head[92:96]:
        return False
    return path.stat().st_size < pages * page_size


def _read_head(path: Path) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(100)


# --------------------------------------------------------------------------- full disks, leftovers

FULL_BELOW = 256 * 1024  # bytes free under which an I/O error is put down to a full disk


def disk_full(folder: Path) -> bool:
    """Is the disk holding `folder` (or its nearest existing parent) full?"""
    while not folder.exists() and folder.parent != folder:
        folder = folder.parent
    try:
        st = os.statvfs(folder)
    except (OSError, AttributeError):
        return False
    return st.f_bavail * st.f_frsize < FULL_BELOW


def failure(folder: Path, exc: BaseException) -> str:
    """Why writing (or reading) beside `folder` failed, in words: "the disk is full" when
    it is (SQLite says "disk I/O error" when it cannot even make its -shm file)."""
    text = getattr(exc, "strerror", None) or str(exc)
    full = getattr(exc, "errno", None) == errno.ENOSPC or "full" in text
    if full or (("I/O" in text or "disk" in text) and disk_full(folder)):
        return f"the disk is full (no space left for {folder})"
    return text


# .restore-PID-xxxx.db (and its journals); .NAME.partial-PID (and its journal)
_STAGED = re.compile(r"^\.restore-(?:(\d+)-)?[A-Za-z0-9_]+\.db(?:-journal|-wal|-shm)?$")
_PARTIAL = re.compile(r"^\..+\.(?:partial|writer)-(\d+)(?:-journal|-wal|-shm)?$")
_OLD_SECONDS = 24 * 3600  # a staged copy without a process id (older jobhunt): after a day


def leftovers(directory: Path) -> list[Path]:
    """Files in `directory` that a killed restore, backup or long writer left behind (a
    staged copy, a partial backup, a writer's marker), their process gone."""
    from jobhunt.store.waiting import alive

    found = []
    try:
        entries = list(directory.iterdir())
    except OSError:
        return []
    for entry in entries:
        match = _STAGED.match(entry.name) or _PARTIAL.match(entry.name)
        if match is None:
            continue
        stale = False
        if match[1] is not None:
            stale = not alive(int(match[1]))
        else:
            with contextlib.suppress(OSError):
                stale = time.time() - entry.stat().st_mtime > _OLD_SECONDS
        if stale:
            found.append(entry)
    return sorted(found)


def clean_leftovers(directory: Path) -> None:
    for path in leftovers(directory):
        with contextlib.suppress(OSError):
            path.unlink()


def check_file(path: Path) -> bool:
    """Refuse anything that is not a jobhunt store, without touching it. True if new."""
    if path.is_dir():
        raise StoreError(f"store path {path} is a directory", hint="give a file path with --db")
    if not path.exists():
        return True
    if not path.is_file():
        raise StoreError(
            f"store path {path} is not a regular file", hint="give a file path with --db"
        )
    # Already open (so checked) in this process, and SQLite holds locks on it: no open().
    seen = open_here(path)
    try:
        head = b"" if seen else _read_head(path)
    except PermissionError as exc:
        raise StoreError(f"cannot read the store {path}: permission denied") from exc
    except OSError as exc:
        raise StoreError(f"cannot read the store {path}: {exc.strerror}") from exc
    if head and not head.startswith(SQLITE_MAGIC):
        raise StoreError(
            f"{path} is not a jobhunt store (not an SQLite database); it was left untouched",
            hint="point --db or JOBHUNT_DB at a jobhunt store, or at a new file",
        )
    if not writable(path):
        raise StoreError(
            f"the store {path} is read-only; it was left untouched",
            hint="fix its permissions (chmod u+w) or copy it somewhere writable",
        )
    if not writable(path.parent):
        raise StoreError(
            f"the folder {path.parent} of the store is read-only (SQLite writes its journal "
            "next to the store); it was left untouched",
            hint=f"fix its permissions (chmod u+w {path.parent}) or move the store somewhere "
            "writable",
        )
    if seen:
        return False
    if not head:
        return True  # empty: nothing to lose (and how a new store starts out)
    if is_cut_short(path, head):
        raise StoreError(
            f"the store {path} is damaged (truncated: the file is shorter than its header "
            "says); it was left untouched",
            hint=RESTORE_HINT,
        )
    return False


def inspect_file(path: Path) -> tuple[set[str], bool, tuple[tuple[str, ...], ...]]:
    """(applied migration names, has other tables, its schema as `schema.rows_of`
    gives it), read without changing the file.

    Nothing is deleted here: another jobhunt may have the store open, and removing the
    -wal/-shm files it uses loses its writes and corrupts the store. A store with a -wal
    or -journal file (in use, or left by a crash: an ordinary connection would roll that
    journal back into the file) is read `mode=ro`; otherwise an ordinary connection reads
    it, and SQLite removes the -wal/-shm files it created when the last connection closes
    (it checks under a lock that nobody else uses them).
    """
    in_use = any(path.with_name(path.name + s).exists() for s in ("-wal", "-journal"))
    uri = path.resolve().as_uri() + ("?mode=ro" if in_use else "?mode=rw")
    try:
        conn = sqlite3.connect(
            uri, uri=True, timeout=busy_timeout_ms() / 1000, isolation_level=None
        )
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open the store {path}: {failure(path.parent, exc)}") from exc
    try:
        # One read transaction: the schema and the migrations that made it, as of one
        # moment (another jobhunt may be migrating the store right now).
        conn.execute("BEGIN")
        rows = schema.rows_of(conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master"))
        tables = {r[1] for r in rows if r[0] == "table"}
        applied: set[str] = set()
        if "schema_migrations" in tables:
            applied = {r[0] for r in conn.execute("SELECT name FROM schema_migrations")}
        return applied, bool(tables - {"schema_migrations"}), rows
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise  # the CLI's error trap words this one
        raise StoreError(
            f"cannot read the store {path}: {failure(path.parent, exc)}; it was left untouched"
        ) from exc
    except sqlite3.DatabaseError as exc:
        if "malformed" in str(exc):
            raise StoreError(
                f"the store {path} is damaged ({exc}); it was left untouched", hint=RESTORE_HINT
            ) from exc
        raise StoreError(
            f"{path} is not a jobhunt store ({exc}); it was left untouched",
            hint="point --db or JOBHUNT_DB at a jobhunt store, or at a new file",
        ) from exc
    finally:
        conn.close()


def file_mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def open_read_only(path: Path, timeout: float = BUSY_TIMEOUT_MS / 1000) -> sqlite3.Connection:
    """A read-only connection that leaves nothing behind next to the file.

    A store nobody has open has no -wal/-journal file: it is opened `immutable`, which
    creates no -wal/-shm files. A store in use is opened `mode=ro` through its own files.
    """
    uri = path.resolve().as_uri()
    in_use = any(path.with_name(path.name + s).exists() for s in ("-wal", "-journal"))
    query = "?mode=ro" if in_use else "?mode=ro&immutable=1"
    return sqlite3.connect(uri + query, uri=True, timeout=timeout)


def remove_db(path: Path) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        with contextlib.suppress(OSError):
            path.with_name(path.name + suffix).unlink()
