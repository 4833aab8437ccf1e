"""Opening a store: check the file (or PostgreSQL profile), create it private, apply
pending migrations (each in one transaction, with a backup of an existing SQLite store
first), and warn once about a risky location."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from jobhunt.backend import Target
from jobhunt.errors import JobhuntError, StoreError
from jobhunt.migrations import BOOKKEEPING, MIGRATIONS, Migration
from jobhunt.store import schema
from jobhunt.store.backups import backup_before_migration
from jobhunt.store.connection import connect, dialect, transaction, utc_now
from jobhunt.store.files import (
    check_file,
    ensure_private_dir,
    inspect_file,
    profile_files,
    writable,
)


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
    from jobhunt.store import pg

    conn = pg.connect(target)
    try:
        return bool(pg.schema_state(conn)[1])
    finally:
        conn.close()


def require_profile(target: Target, default: Target) -> None:
    """Refuse a named profile that does not exist (a typo in --profile must not make an
    empty profile): `no profile "annn" (profiles: ann, default)`. Creates nothing.
    `default` is the same store's default profile (where SQLite profiles are found)."""
    if target.is_pg:
        from jobhunt.store import pg

        conn = pg.connect(target)
        try:
            if pg.schema_state(conn)[0]:
                return
            names = pg.profiles(conn)
        finally:
            conn.close()
    else:
        assert target.path is not None
        assert default.path is not None
        if target.path.exists():
            return
        names = [name for name, _ in profile_files(default.path)]
    raise JobhuntError(
        f'no profile "{target.profile}" (profiles: {", ".join(names) or "none yet"})'
    )


def _open_pg(target: Target):  # type: ignore[no-untyped-def]
    from jobhunt.store import pg, pgschema

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
        if applied and pgschema.pg_problems(conn, applied):
            # Another jobhunt may have been migrating the profile meanwhile (the catalog
            # functions see its changes as they commit): look again holding the writer
            # lock, under which migrations run.
            with transaction(conn):
                applied = pg.schema_state(conn)[1]
                found = pgschema.pg_rows(conn, target.schema)
            wrong = pgschema.pg_problems(conn, applied, found)
            if wrong:
                raise schema.SchemaMismatch(where, wrong, "; it was left untouched")
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
    new = check_file(path)
    known = {m.name for m in MIGRATIONS}
    if new:
        try:
            ensure_private_dir(path.parent)
        except OSError as exc:
            raise StoreError(f"cannot create the store {path}: {exc.strerror}") from exc
        if not writable(path.parent):
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
        applied, others, rows = inspect_file(path)
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
        schema.check(f"the store {path}", applied, rows, "; it was left untouched")
        if applied == known:
            return connect(path)
    conn = connect(path)
    try:
        migrate(conn, path)
    except BaseException:
        conn.close()
        raise
    return conn


def open_staged(staged: Path) -> sqlite3.Connection:
    """Open a checked staged copy of a backup (restoring.stage_restore) and bring it up
    to this version's migrations; it is jobhunt's own temporary file, so no backup of it
    is kept first."""
    conn = connect(staged)
    try:
        migrate(conn)
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
        if _apply(conn, migration):
            done.append(migration.name)
    return done


def _apply(conn: sqlite3.Connection, migration: Migration) -> bool:
    """One migration in one transaction; False when another process applied it first."""
    # A SQLite table rebuild runs with foreign keys off (a DROP TABLE would otherwise
    # null or delete the rows that refer to it); they are checked before the commit.
    keys_off = migration.foreign_keys_off and dialect(conn) == "sqlite"
    if keys_off:
        conn.execute("PRAGMA foreign_keys = OFF")  # outside a transaction, or a no-op
    try:
        with transaction(conn):
            # Re-read inside the lock: another process may have migrated meanwhile.
            applied = {r[0] for r in conn.execute("SELECT name FROM schema_migrations")}
            if migration.name in applied:
                return False
            for statement in migration.for_dialect(dialect(conn)):
                conn.execute(statement)
            if keys_off and conn.execute("PRAGMA foreign_key_check").fetchone():
                raise StoreError(f"migration {migration.name} left a broken reference")
            conn.execute(
                "INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)",
                (migration.name, utc_now()),
            )
    finally:
        if keys_off:
            conn.execute("PRAGMA foreign_keys = ON")
    return True


def applied_migrations(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute("SELECT name FROM schema_migrations ORDER BY name")]


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
