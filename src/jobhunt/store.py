"""The store: where it lives, how it is opened, and the fast read path.

This module uses only the standard library's `sqlite3`, so the morning command,
`--help` and shell completion never pay for importing SQLAlchemy. Everything
SQLite-specific (pragmas, BEGIN IMMEDIATE, file checks) lives here; `write.py`
builds its SQLAlchemy engine on top of `connect()`.

The read path's SQL is written once for both backends: a PostgreSQL store
(`pg.py`) is a connection with the same `execute()`, `begin_write()` and
`begin_read()` as the SQLite one, so every function here takes either.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import stat
import tempfile
import weakref
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from jobhunt.backend import ENV_DB as ENV_DB
from jobhunt.backend import Target
from jobhunt.backend import default_path as default_path
from jobhunt.errors import NotFound, StoreError
from jobhunt.migrations import BOOKKEEPING, MIGRATIONS
from jobhunt.records import (
    CLOSED_STATUSES,
    STATUSES,
    STAY_ACTIVE_TYPES,
    Application,
    AppliedDay,
    Contact,
    Course,
    Event,
    Interaction,
    Link,
    Meetup,
    Snapshot,
    WeekFacts,
)

BUSY_TIMEOUT_MS = 5000  # JOBHUNT_BUSY_TIMEOUT_MS overrides (milliseconds)
SQLITE_MAGIC = b"SQLite format 3\x00"
RESTORE_HINT = "restore a backup: jobhunt restore PATH"
LOCKED_HINT = (
    "another jobhunt (or a backup tool) is holding the store; wait and try again, "
    "or check with: jobhunt doctor"
)


def utc_now() -> str:
    """An instant as stored: ISO 8601 in UTC, seconds precision."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def resolve_path(option: str | os.PathLike[str] | None = None) -> Path:
    """`--db` first, then $JOBHUNT_DB, then the platform default."""
    if option:
        return Path(option).expanduser()
    env = os.environ.get(ENV_DB)
    if env:
        return Path(env).expanduser()
    return default_path()


# --------------------------------------------------------------------------- opening


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
class _Connection(sqlite3.Connection):
    file_id: tuple[int, int] | None = None
    dialect = "sqlite"

    def begin_write(self) -> None:
        """Start a write transaction; other writers queue (busy timeout), never fail."""
        self.execute("BEGIN IMMEDIATE")

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


def _open_here(path: Path) -> bool:
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


def ensure_private_dir(directory: Path) -> None:
    if not directory.exists():
        directory.mkdir(parents=True, mode=0o700)
        os.chmod(directory, 0o700)


def _writable(path: Path) -> bool:
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


def _is_cut_short(path: Path, head: bytes) -> bool:
    """True if the file is shorter than its header says (a bad copy, a full disk).

    The header's page count is trusted only as SQLite does (change counter equal to the
    version-valid-for number), and not while a -wal file holds changes not yet copied
    into the store: SQLite's own recovery decides then.
    """
    if len(head) < 100:
        return True
    wal = path.with_name(path.name + "-wal")
    if wal.exists() and wal.stat().st_size:
        return False
    page_size = _page_size(head)
    pages = int.from_bytes(head[28:32], "big")
    if page_size is None or not pages or head[24:28] != head[92:96]:
        return False
    return path.stat().st_size < pages * page_size


def _read_head(path: Path) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(100)


def _check_file(path: Path) -> bool:
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
    seen = _open_here(path)
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
    if not _writable(path):
        raise StoreError(
            f"the store {path} is read-only; it was left untouched",
            hint="fix its permissions (chmod u+w) or copy it somewhere writable",
        )
    if not _writable(path.parent):
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
    if _is_cut_short(path, head):
        raise StoreError(
            f"the store {path} is damaged (truncated: the file is shorter than its header "
            "says); it was left untouched",
            hint=RESTORE_HINT,
        )
    return False


def _inspect(path: Path) -> tuple[set[str], bool]:
    """(applied migration names, has other tables), read without changing the file.

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
        raise StoreError(f"cannot open the store {path}: {exc}") from exc
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        applied: set[str] = set()
        if "schema_migrations" in tables:
            applied = {r[0] for r in conn.execute("SELECT name FROM schema_migrations")}
        return applied, bool(tables - {"schema_migrations"})
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise  # the CLI's error trap words this one
        raise StoreError(f"cannot read the store {path}: {exc}; it was left untouched") from exc
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


def open_target(target: Target) -> sqlite3.Connection:
    """Open the store `target` names (SQLite file or PostgreSQL profile), creating and
    migrating it if needed."""
    if target.is_pg:
        return _open_pg(target)
    assert target.path is not None
    return open_store(target.path)


def exists(target: Target) -> bool:
    """Does the store `target` names hold a jobhunt store already? Creates nothing."""
    if not target.is_pg:
        assert target.path is not None
        return target.path.is_file() and target.path.stat().st_size > 0
    from jobhunt import pg

    conn = pg.connect(target)
    try:
        return bool(pg.schema_state(conn)[1])
    finally:
        conn.close()


def _open_pg(target: Target):  # type: ignore[no-untyped-def]
    from jobhunt import pg

    conn = pg.connect(target)
    try:
        exists, applied, others = pg.schema_state(conn)
        known = {m.name for m in MIGRATIONS}
        where = f"profile {target.profile!r} (schema {target.schema}) in {target.shown}"
        if exists and not applied and others:
            raise StoreError(
                f"{where} holds tables that are not jobhunt's; they were left untouched",
                hint="choose another profile with --profile",
            )
        if applied - known:
            raise StoreError(
                f"{where} was written by a newer jobhunt (schema {sorted(applied - known)[-1]}); "
                "it was left untouched",
                hint="upgrade jobhunt: pip install --upgrade jobhunt",
            )
        if applied != known:
            migrate(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def open_store(path: Path) -> sqlite3.Connection:
    """Open (creating and migrating if needed) the store at `path`.

    A new store gets a 0700 directory and a 0600 file. An existing file is checked
    before anything is written to it: not SQLite, not jobhunt's, read-only, or written
    by a newer jobhunt are all refused with the file left byte-for-byte untouched.
    """
    new = _check_file(path)
    known = {m.name for m in MIGRATIONS}
    if new:
        try:
            ensure_private_dir(path.parent)
        except OSError as exc:
            raise StoreError(f"cannot create the store {path}: {exc.strerror}") from exc
        if not _writable(path.parent):
            raise StoreError(
                f"cannot create the store {path}: the folder {path.parent} is read-only",
                hint="give a writable path with --db or JOBHUNT_DB",
            )
        try:
            fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
        except OSError as exc:
            raise StoreError(f"cannot create the store {path}: {exc.strerror}") from exc
        os.close(fd)
        os.chmod(path, 0o600)
    else:
        applied, others = _inspect(path)
        if not applied and others:
            raise StoreError(
                f"{path} is an SQLite database but not a jobhunt store; it was left untouched",
                hint="point --db or JOBHUNT_DB at a jobhunt store, or at a new file",
            )
        if applied - known:
            raise StoreError(
                f"{path} was written by a newer jobhunt (schema {sorted(applied - known)[-1]}); "
                "it was left untouched",
                hint="upgrade jobhunt: pip install --upgrade jobhunt",
            )
        if applied == known:
            return connect(path)
    conn = connect(path)
    try:
        migrate(conn, path)
    except BaseException:
        conn.close()
        raise
    return conn


def migrate(conn: sqlite3.Connection, path: Path | None = None) -> list[str]:
    """Apply pending migrations, each in one transaction. Returns the names applied."""
    if dialect(conn) == "postgresql":
        with transaction(conn):  # the writer lock: one process creates the schema
            schema = conn.target.schema  # type: ignore[attr-defined]
            conn.execute(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
            conn.execute(BOOKKEEPING)
    else:
        conn.execute(BOOKKEEPING)
    applied = {r[0] for r in conn.execute("SELECT name FROM schema_migrations")}
    pending = [m for m in MIGRATIONS if m.name not in applied]
    if applied and pending and path is not None and dialect(conn) == "sqlite":
        # An existing store is about to change: keep a copy first (outside any transaction).
        backup_before_migration(conn, path)
    done: list[str] = []
    for migration in pending:
        with transaction(conn):
            # Re-read inside the lock: another process may have migrated meanwhile.
            applied = {r[0] for r in conn.execute("SELECT name FROM schema_migrations")}
            if migration.name in applied:
                continue
            for statement in migration.for_dialect(dialect(conn)):
                conn.execute(statement)
            conn.execute(
                "INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)",
                (migration.name, utc_now()),
            )
        done.append(migration.name)
    return done


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


def applied_migrations(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute("SELECT name FROM schema_migrations ORDER BY name")]


# --------------------------------------------------------------------------- reading

_APP_COLUMNS = (
    "id, company, role, status, applied_on, job_type, source, url, location, salary, note, "
    "created_at, updated_at"
)


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _placeholders(values: tuple | list) -> str:
    return ",".join("?" * len(values))


def _events_by_app(conn: sqlite3.Connection, ids: list[int]) -> dict[int, list[Event]]:
    out: dict[int, list[Event]] = {i: [] for i in ids}
    for chunk in _chunks(ids):
        rows = conn.execute(
            "SELECT id, application_id, kind, on_day, channel, status, until_day, person, note "
            f"FROM application_event WHERE application_id IN ({_placeholders(chunk)}) "
            "ORDER BY on_day, id",
            chunk,
        )
        for r in rows:
            out[r[1]].append(
                Event(
                    r[0], r[1], r[2], date.fromisoformat(r[3]), r[4], r[5], _day(r[6]), r[7], r[8]
                )
            )
    return out


def _skills_by(conn: sqlite3.Connection, table: str, key: str, ids: list[int]) -> dict[int, list]:
    out: dict[int, list[str]] = {i: [] for i in ids}
    for chunk in _chunks(ids):
        rows = conn.execute(
            f"SELECT {key}, skill FROM {table} WHERE {key} IN ({_placeholders(chunk)}) "
            "ORDER BY rowid",
            chunk,
        )
        for owner, skill in rows:
            out[owner].append(skill)
    return out


def _chunks(ids: list[int], size: int = 900) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _application(r: tuple, skills: list[str], events: list[Event]) -> Application:
    """One row of `SELECT {_APP_COLUMNS}` as a record."""
    return Application(
        id=r[0],
        company=r[1],
        role=r[2],
        status=r[3],
        applied_on=_day(r[4]),
        job_type=r[5],
        source=r[6],
        url=r[7],
        location=r[8],
        salary=r[9],
        note=r[10],
        created_at=r[11],
        updated_at=r[12],
        skills=tuple(skills),
        events=tuple(events),
    )


def _applications(conn: sqlite3.Connection, where: str, params: tuple = ()) -> list[Application]:
    rows = conn.execute(f"SELECT {_APP_COLUMNS} FROM application {where}", params).fetchall()
    ids = [r[0] for r in rows]
    events = _events_by_app(conn, ids)
    skills = _skills_by(conn, "application_skill", "application_id", ids)
    return [_application(r, skills[r[0]], events[r[0]]) for r in rows]


# Open records are selected with IN (the status index) rather than NOT IN (a full scan).
_OPEN = "(" + ",".join(f"'{s}'" for s in STATUSES if s not in CLOSED_STATUSES) + ")"


def pending_applications(conn: sqlite3.Connection) -> list[Application]:
    """The applications `rules_network.pending_companies` can count (interviewing, offer,
    or applied with an interview recorded): the stay-in-touch step-up without every open
    application."""
    return _applications(
        conn,
        "WHERE status IN ('interviewing', 'offer') OR (status = 'applied' AND EXISTS "
        "(SELECT 1 FROM application_event e WHERE e.application_id = application.id "
        "AND e.kind = 'interview')) ORDER BY id",
    )


def get_application(conn: sqlite3.Connection, app_id: int) -> Application:
    found = _applications(conn, "WHERE id = ?", (app_id,))
    if not found:
        raise NotFound(f"no application with id {app_id}", hint="see the ids with: jobhunt list")
    return found[0]


def list_applications(
    conn: sqlite3.Connection,
    *,
    statuses: tuple[str, ...] = (),
    company: str | None = None,
    include_closed: bool = False,
) -> list[Application]:
    clauses: list[str] = []
    params: list[object] = []
    if statuses:
        clauses.append(f"status IN ({_placeholders(statuses)})")
        params.extend(statuses)
    elif not include_closed:
        clauses.append(f"status IN {_OPEN}")
    if company:
        clauses.append("instr(casefold(company), casefold(?)) > 0")
        params.append(company)
    where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
    return _applications(conn, where + " ORDER BY id", tuple(params))


def links_for(
    conn: sqlite3.Connection, *, application_id: int | None = None, contact_id: int | None = None
) -> list[Link]:
    if application_id is not None:
        rows = conn.execute(
            "SELECT contact_id, application_id, role FROM contact_link WHERE application_id = ? "
            "ORDER BY contact_id",
            (application_id,),
        )
    else:
        rows = conn.execute(
            "SELECT contact_id, application_id, role FROM contact_link WHERE contact_id = ? "
            "ORDER BY application_id",
            (contact_id,),
        )
    return [Link(*r) for r in rows]


_CONTACT_COLUMNS = (
    "c.id, c.name, c.company, c.kind, c.added_on, c.title, c.email, c.phone, c.url, c.met, "
    "c.every_days, c.note, c.met_at_event_id, "
    "(SELECT max(on_day) FROM interaction i WHERE i.contact_id = c.id), c.created_at"
)


def _contact(r: tuple) -> Contact:
    return Contact(
        id=r[0],
        name=r[1],
        company=r[2],
        kind=r[3],
        added_on=date.fromisoformat(r[4]),
        title=r[5],
        email=r[6],
        phone=r[7],
        url=r[8],
        met=r[9],
        every_days=r[10],
        note=r[11],
        met_at_event_id=r[12],
        last_touch=_day(r[13]),
        created_at=r[14],
    )


def list_contacts(
    conn: sqlite3.Connection, *, company: str | None = None, kind: str | None = None
) -> list[Contact]:
    clauses, params = [], []
    if company:
        clauses.append("instr(casefold(c.company), casefold(?)) > 0")
        params.append(company)
    if kind:
        clauses.append("c.kind = ?")
        params.append(kind)
    where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
    rows = conn.execute(f"SELECT {_CONTACT_COLUMNS} FROM contact c {where} ORDER BY c.id", params)
    return [_contact(r) for r in rows]


def get_contact(conn: sqlite3.Connection, contact_id: int) -> Contact:
    row = conn.execute(
        f"SELECT {_CONTACT_COLUMNS} FROM contact c WHERE c.id = ?", (contact_id,)
    ).fetchone()
    if row is None:
        raise NotFound(
            f"no contact with id {contact_id}", hint="see the ids with: jobhunt contact list"
        )
    return _contact(row)


def interactions_of(conn: sqlite3.Connection, contact_id: int) -> list[Interaction]:
    rows = conn.execute(
        "SELECT id, contact_id, via, on_day, note FROM interaction WHERE contact_id = ? "
        "ORDER BY on_day, id",
        (contact_id,),
    )
    return [Interaction(r[0], r[1], r[2], date.fromisoformat(r[3]), r[4]) for r in rows]


def _meetup(r: tuple) -> Meetup:
    return Meetup(r[0], r[1], date.fromisoformat(r[2]), r[3], r[4], r[5])


def list_meetups(conn: sqlite3.Connection, *, since: date | None = None) -> list[Meetup]:
    where, params = ("WHERE on_day >= ?", (since.isoformat(),)) if since else ("", ())
    rows = conn.execute(
        f"SELECT id, title, on_day, kind, place, note FROM meetup {where} ORDER BY on_day, id",
        params,
    )
    return [_meetup(r) for r in rows]


def get_meetup(conn: sqlite3.Connection, event_id: int) -> Meetup:
    row = conn.execute(
        "SELECT id, title, on_day, kind, place, note FROM meetup WHERE id = ?", (event_id,)
    ).fetchone()
    if row is None:
        raise NotFound(f"no event with id {event_id}", hint="see the ids with: jobhunt event list")
    return _meetup(row)


def contacts_met_at(conn: sqlite3.Connection, event_id: int) -> list[Contact]:
    rows = conn.execute(
        f"SELECT {_CONTACT_COLUMNS} FROM contact c WHERE c.met_at_event_id = ? ORDER BY c.id",
        (event_id,),
    )
    return [_contact(r) for r in rows]


_COURSE_COLUMNS = (
    "c.id, c.title, c.status, c.added_on, c.provider, c.kind, c.starts_on, c.ends_on, c.days, "
    "c.hours_per_week, c.cost, c.url, c.note, "
    "(SELECT max(on_day) FROM course_log l WHERE l.course_id = c.id), c.created_at"
)


def _courses(conn: sqlite3.Connection, where: str, params: tuple = ()) -> list[Course]:
    rows = conn.execute(f"SELECT {_COURSE_COLUMNS} FROM course c {where}", params).fetchall()
    skills = _skills_by(conn, "course_skill", "course_id", [r[0] for r in rows])
    return [
        Course(
            id=r[0],
            title=r[1],
            status=r[2],
            added_on=date.fromisoformat(r[3]),
            provider=r[4],
            kind=r[5],
            starts_on=_day(r[6]),
            ends_on=_day(r[7]),
            days=tuple(int(d) for d in r[8].split(",")) if r[8] else (),
            hours_per_week=r[9],
            cost=r[10],
            url=r[11],
            note=r[12],
            last_log=_day(r[13]),
            created_at=r[14],
            skills=tuple(skills[r[0]]),
        )
        for r in rows
    ]


def list_courses(conn: sqlite3.Connection, *, include_closed: bool = False) -> list[Course]:
    where = "" if include_closed else "WHERE c.status = 'active'"
    return _courses(conn, where + " ORDER BY c.id")


def get_course(conn: sqlite3.Connection, course_id: int) -> Course:
    found = _courses(conn, "WHERE c.id = ?", (course_id,))
    if not found:
        raise NotFound(
            f"no course with id {course_id}", hint="see the ids with: jobhunt course list"
        )
    return found[0]


def course_logs(conn: sqlite3.Connection, course_id: int) -> list[tuple]:
    return conn.execute(
        "SELECT id, on_day, hours, progress, note FROM course_log WHERE course_id = ? "
        "ORDER BY on_day, id",
        (course_id,),
    ).fetchall()


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def list_skills(conn: sqlite3.Connection) -> list[str]:
    """Your skills in SQLite's NOCASE order on both backends (sorted here: a PostgreSQL
    server would sort by its own collation)."""
    names = [r[0] for r in conn.execute("SELECT name FROM skill")]
    return sorted(names, key=lambda n: n.translate(_ASCII_LOWER))


def load_snapshot(conn: sqlite3.Connection, *, today: date, lookback_days: int) -> Snapshot:
    """What the rules need for `today`: open records only, plus recent counts.

    Closed applications are never loaded in full; only the recent ones are counted.
    """
    since = (today - timedelta(days=lookback_days)).isoformat()
    open_apps = _applications(conn, f"WHERE status IN {_OPEN} ORDER BY id")
    recent = [
        AppliedDay(r[0], date.fromisoformat(r[1]), r[2], r[3])
        for r in conn.execute(
            "SELECT id, applied_on, job_type, status FROM application "
            "WHERE applied_on >= ? AND applied_on <= ? ORDER BY applied_on, id",
            (since, today.isoformat()),
        )
    ]
    accepted = _applications(conn, "WHERE status = 'accepted' ORDER BY id")
    started = conn.execute("SELECT min(applied_on) FROM application").fetchone()[0]
    contacts = list_contacts(conn)
    touches = [
        Interaction(r[0], r[1], r[2], date.fromisoformat(r[3]), r[4])
        for r in conn.execute(
            "SELECT id, contact_id, via, on_day, note FROM interaction WHERE on_day >= ? "
            "ORDER BY on_day, id",
            (since,),
        )
    ]
    links = [
        Link(*r) for r in conn.execute("SELECT contact_id, application_id, role FROM contact_link")
    ]
    meetups = list_meetups(conn, since=today - timedelta(days=7))
    courses = _courses(conn, "WHERE c.status IN ('active', 'done') ORDER BY c.id")
    nudges = {k: date.fromisoformat(v) for k, v in conn.execute("SELECT key, shown_on FROM nudge")}
    return Snapshot(
        open_applications=tuple(open_apps),
        recent=tuple(recent),
        accepted=tuple(accepted),
        search_started=_day(started),
        contacts=tuple(contacts),
        touches=tuple(touches),
        links=tuple(links),
        meetups=tuple(meetups),
        courses=tuple(courses),
        skills=tuple(list_skills(conn)),
        nudges=nudges,
    )


def record_nudges(conn: sqlite3.Connection, keys: list[str], today: date) -> None:
    """Remember which weekly suggestions were shown today (so they wait a week)."""
    if not keys:
        return
    with transaction(conn):
        conn.executemany(
            "INSERT INTO nudge (key, shown_on) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET shown_on = excluded.shown_on",
            [(k, today.isoformat()) for k in keys],
        )


def _id_prefix_ranges(prefix: str, max_digits: int = 12) -> list[tuple[int, int]]:
    """Ids whose decimal form starts with `prefix`, as rowid ranges the primary key serves
    (1 -> 1, 10..19, 100..199, ...), widest first, instead of a CAST over every row."""
    if not prefix:
        return [(0, 10**max_digits)]
    if not prefix.isdigit() or prefix.startswith("0") or len(prefix) > max_digits:
        return []
    start = int(prefix)
    return [
        (start * 10**extra, (start + 1) * 10**extra - 1)
        for extra in reversed(range(max_digits - len(prefix) + 1))
    ]


def _completion_conn(target: Target):  # type: ignore[no-untyped-def]
    """A connection for completion that never creates a store, or None."""
    if target.is_pg:
        from jobhunt import pg

        conn = pg.connect(target, timeout=2)
        if not pg.schema_state(conn)[1]:
            conn.close()
            return None
        return conn
    assert target.path is not None
    if not target.path.is_file():
        return None
    return open_read_only(target.path, timeout=0.5)  # leaves no -wal/-shm files behind


def complete_ids(target: Target, table: str, label_sql: str, prefix: str) -> list[tuple[str, str]]:
    """(id, label) pairs for shell completion, straight from the store, never creating one."""
    try:
        conn = _completion_conn(target)
        if conn is None:
            return []
        try:
            rows: list[tuple] = []
            for low, high in _id_prefix_ranges(prefix):
                if len(rows) >= 200:
                    break
                rows += conn.execute(
                    f"SELECT id, {label_sql} FROM {table} WHERE id BETWEEN ? AND ? "
                    "ORDER BY id DESC LIMIT ?",
                    (low, high, 200 - len(rows)),
                ).fetchall()
        finally:
            conn.close()
    except Exception:  # completion must never fail loudly (sqlite3, psycopg, no driver)
        return []
    return [(str(r[0]), completion_label(r[1])) for r in rows]


_MARKUP_TAG = re.compile(r"(\\*)(\[[a-z#/@][^[]*?])")


def completion_label(value: object, cells: int = 60) -> str:
    """A label for zsh/fish completion: control characters made visible, at most
    `cells` terminal cells (Typer renders it through Rich at 80 columns and a wrapped
    label breaks the shell's protocol), and Rich markup escaped (a company named '[/]'
    would crash it, '[bold]x' would lose its brackets)."""
    import unicodedata

    from jobhunt.render import clean

    text, used = clean(value), 0
    for index, char in enumerate(text):
        used += 2 if unicodedata.east_asian_width(char) in "WF" else 1
        if used > cells:
            text = text[: max(0, index - 1)].rstrip() + "…"
            break
    text = _MARKUP_TAG.sub(lambda m: f"{m[1]}{m[1]}\\{m[2]}", text)
    if text.endswith("\\") and not text.endswith("\\\\"):
        text += "\\"
    return text


def file_mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


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


def undo_last(conn: sqlite3.Connection) -> tuple[str, str, int] | None:
    """Revert the newest step that changed something: (label, when, changes) or None."""
    with transaction(conn):
        row = conn.execute(
            "SELECT p.id, p.label, p.created_at, count(l.seq) FROM undo_point p "
            "JOIN undo_log l ON l.point_id = p.id GROUP BY p.id ORDER BY p.id DESC LIMIT 1"
        ).fetchone()
        if row is None:
            return None
        point, label, when, changes = row
        if dialect(conn) == "postgresql":
            conn.execute("SET CONSTRAINTS ALL DEFERRED")
        else:
            conn.execute("PRAGMA defer_foreign_keys = ON")
        statements = conn.execute(
            "SELECT statement FROM undo_log WHERE point_id = ? ORDER BY seq DESC", (point,)
        ).fetchall()
        for (statement,) in statements:
            conn.execute(statement)
        # The replay itself was logged under the newest point: drop it all.
        conn.execute("DELETE FROM undo_log WHERE point_id >= ? OR point_id IS NULL", (point,))
        conn.execute("DELETE FROM undo_point WHERE id >= ?", (point,))
    return label, when, changes


def has_any_record(conn: sqlite3.Connection) -> bool:
    """True once anything at all was recorded (to explain an empty agenda)."""
    for table in ("application", "contact", "course", "meetup"):
        if conn.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone():
            return True
    return False


def contact_counts_by_meetup(conn: sqlite3.Connection) -> dict[int, int]:
    """How many contacts were met at each networking event: {event id: count}."""
    rows = conn.execute(
        "SELECT met_at_event_id, count(*) FROM contact WHERE met_at_event_id IS NOT NULL "
        "GROUP BY met_at_event_id"
    )
    return {r[0]: r[1] for r in rows}


def week_facts(conn: sqlite3.Connection, *, start: date, end: date) -> WeekFacts:
    """Counts of what was done from `start` to `end` inclusive (the weekly review)."""
    span = (start.isoformat(), end.isoformat())

    def count(sql: str) -> int:
        return conn.execute(sql, span).fetchone()[0] or 0

    hours, logs = conn.execute(
        "SELECT coalesce(sum(hours), 0), count(*) FROM course_log WHERE on_day BETWEEN ? AND ?",
        span,
    ).fetchone()
    planned = conn.execute(
        "SELECT coalesce(sum(hours_per_week), 0) FROM course WHERE status = 'active' "
        "AND coalesce(starts_on, added_on) <= ? AND (ends_on IS NULL OR ends_on >= ?)",
        (end.isoformat(), start.isoformat()),
    ).fetchone()[0]
    types = ",".join(f"'{t}'" for t in STAY_ACTIVE_TYPES)
    active = _applications(
        conn,
        f"WHERE job_type IN ({types}) AND status IN ('applied','interviewing','offer','accepted') "
        "ORDER BY id",
    )
    return WeekFacts(
        start=start,
        end=end,
        applied=count("SELECT count(*) FROM application WHERE applied_on BETWEEN ? AND ?"),
        follow_ups=count(
            "SELECT count(*) FROM application_event WHERE kind = 'follow_up' "
            "AND on_day BETWEEN ? AND ?"
        ),
        interviews=count(
            "SELECT count(*) FROM application_event WHERE kind = 'interview' "
            "AND on_day BETWEEN ? AND ?"
        ),
        touches=count("SELECT count(*) FROM interaction WHERE on_day BETWEEN ? AND ?"),
        learning_hours=float(hours),
        learning_logs=int(logs),
        planned_hours=float(planned),
        active_work=tuple(active),
    )


def warn_location_once(conn: sqlite3.Connection, path: Path) -> str | None:
    """The location risk for this store, returned only the first time it is seen."""
    from jobhunt.location import risk

    problem = risk(path)
    if problem is None:
        return None
    key = "location-warning"
    if conn.execute("SELECT 1 FROM nudge WHERE key = ?", (key,)).fetchone():
        return None
    with transaction(conn):
        conn.execute(
            "INSERT INTO nudge (key, shown_on) VALUES (?, ?) ON CONFLICT DO NOTHING",
            (key, utc_now()[:10]),
        )
    return problem


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
        _remove_db(old)  # with the -wal of a damaged store kept by replace_damaged()
    return target


def open_read_only(path: Path, timeout: float = BUSY_TIMEOUT_MS / 1000) -> sqlite3.Connection:
    """A read-only connection that leaves nothing behind next to the file.

    A store nobody has open has no -wal/-journal file: it is opened `immutable`, which
    creates no -wal/-shm files. A store in use is opened `mode=ro` through its own files.
    """
    uri = path.resolve().as_uri()
    in_use = any(path.with_name(path.name + s).exists() for s in ("-wal", "-journal"))
    query = "?mode=ro" if in_use else "?mode=ro&immutable=1"
    return sqlite3.connect(uri + query, uri=True, timeout=timeout)


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


def _remove_db(path: Path) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        with contextlib.suppress(OSError):
            path.with_name(path.name + suffix).unlink()


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
        _remove_db(staged)
        raise
    return staged


def remove_staged(staged: Path) -> None:
    _remove_db(staged)


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


def record_counts(conn: sqlite3.Connection) -> dict[str, int]:
    """How many applications, contacts, events and courses a store holds."""
    tables = {"applications": "application", "contacts": "contact", "events": "meetup"}
    tables["courses"] = "course"
    return {
        name: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for name, table in tables.items()
    }


def activity_days(conn: sqlite3.Connection, *, start: date, end: date) -> list[tuple[date, str]]:
    """(day, kind) of every contact interaction ("touch") and course log ("course_log")
    from `start` to `end` inclusive (application events come with the applications)."""
    span = (start.isoformat(), end.isoformat())
    rows = conn.execute(
        "SELECT on_day, 'touch' FROM interaction WHERE on_day BETWEEN ? AND ? "
        "UNION ALL SELECT on_day, 'course_log' FROM course_log WHERE on_day BETWEEN ? AND ? "
        "ORDER BY 1",
        span + span,
    )
    return [(date.fromisoformat(r[0]), r[1]) for r in rows]


# --------------------------------------------------------------------------- import / export


def applications_for_matching(conn: sqlite3.Connection) -> list[Application]:
    """Every application with its skills but without its history: what an import of
    applications matches rows against (cheap even for tens of thousands)."""
    skills: dict[int, list[str]] = {}
    for owner, skill in conn.execute(
        "SELECT application_id, skill FROM application_skill ORDER BY rowid"
    ):
        skills.setdefault(owner, []).append(skill)
    return [
        _application(r, skills.get(r[0], []), [])
        for r in conn.execute(f"SELECT {_APP_COLUMNS} FROM application ORDER BY id")
    ]


def interaction_days(conn: sqlite3.Connection, *, via: str) -> set[tuple[int, date]]:
    """(contact id, day) of every interaction through one channel."""
    rows = conn.execute("SELECT contact_id, on_day FROM interaction WHERE via = ?", (via,))
    return {(r[0], date.fromisoformat(r[1])) for r in rows}


def applications_active_between(
    conn: sqlite3.Connection, *, start: date, end: date
) -> list[Application]:
    """Applications (with history) applied to, followed up or interviewed for from
    `start` to `end` inclusive: the work-search log's employer contacts."""
    span = (start.isoformat(), end.isoformat())
    return _applications(
        conn,
        "WHERE applied_on BETWEEN ? AND ? OR id IN (SELECT application_id FROM application_event "
        "WHERE kind IN ('follow_up', 'interview') AND on_day BETWEEN ? AND ?) ORDER BY id",
        span + span,
    )


def linked_contacts(conn: sqlite3.Connection, app_ids: list[int]) -> dict[int, list[tuple]]:
    """{application id: [(contact name, link role), ...]} for these applications."""
    out: dict[int, list[tuple]] = {}
    for chunk in _chunks(app_ids):
        rows = conn.execute(
            "SELECT l.application_id, c.name, l.role FROM contact_link l "
            "JOIN contact c ON c.id = l.contact_id "
            f"WHERE l.application_id IN ({_placeholders(chunk)}) ORDER BY l.application_id, c.id",
            chunk,
        )
        for app_id, name, role in rows:
            out.setdefault(app_id, []).append((name, role))
    return out
