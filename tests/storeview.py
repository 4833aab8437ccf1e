"""A look at the test's store from outside jobhunt, on either backend.

Tests use it to prove that a refused command wrote nothing, or to count rows. It
reads the store JOBHUNT_DB names (an SQLite file or the PostgreSQL test server) and
never creates one.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

from jobhunt.copy import ORDER

TABLES = ("schema_migrations", *ORDER, "undo_point", "undo_log")


def on_pg() -> bool:
    return os.environ.get("JOBHUNT_DB", "").startswith("postgres")


def connect(db: Path) -> Any | None:
    """A connection with `execute(sql, params)` (`?` placeholders), or None if the store
    does not exist."""
    if on_pg():
        from jobhunt import backend
        from jobhunt.store import pg

        conn = pg.connect(backend.resolve())
        if not pg.schema_state(conn)[1]:
            conn.close()
            return None
        return conn
    if not db.exists():
        return None
    return sqlite3.connect(db)


def dump(db: Path) -> list[str]:
    """Every row of every table, as text ([] when there is no store)."""
    conn = connect(db)
    if conn is None:
        return []
    try:
        out = []
        for table in TABLES:
            try:
                rows = conn.execute(f"SELECT * FROM {table}").fetchall()
            except Exception:
                continue
            out.extend(f"{table}: {row!r}" for row in sorted(rows, key=repr))
        return out
    finally:
        conn.close()


def count(db: Path, table: str) -> int:
    """Rows in a table; 0 when the store was never created."""
    conn = connect(db)
    if conn is None:
        return 0
    try:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        conn.close()


def query(db: Path, sql: str, params: tuple = ()) -> list[tuple]:
    conn = connect(db)
    assert conn is not None, "no store"
    try:
        return [tuple(r) for r in conn.execute(sql, params).fetchall()]
    finally:
        conn.close()


def execute(db: Path, sql: str, params: tuple = ()) -> None:
    """Change the store behind jobhunt's back (committed)."""
    conn = connect(db)
    assert conn is not None, "no store"
    try:
        conn.execute(sql, params)
        if isinstance(conn, sqlite3.Connection):
            conn.commit()
    finally:
        conn.close()


def tables(db: Path, names: tuple[str, ...]) -> dict[str, list[tuple]]:
    """{table: rows}, with SQLite's hidden rowid (PostgreSQL's is a real column)."""
    conn = connect(db)
    assert conn is not None, "no store"
    try:
        if isinstance(conn, sqlite3.Connection):
            return {
                t: conn.execute(f"SELECT rowid, * FROM {t} ORDER BY rowid").fetchall()
                for t in names
            }
        return {
            t: sorted((tuple(r) for r in conn.execute(f"SELECT * FROM {t}")), key=repr)
            for t in names
        }
    finally:
        conn.close()


def foreign_key_problems(db: Path) -> list[tuple]:
    """Rows whose foreign keys point nowhere (PostgreSQL refuses those at commit)."""
    if on_pg():
        return []
    conn = sqlite3.connect(db)
    try:
        return conn.execute("PRAGMA foreign_key_check").fetchall()
    finally:
        conn.close()


def install(template: Path, db: Path) -> None:
    """Make the test's store a copy of the SQLite store `template` (built once per
    session): a file copy on SQLite, jobhunt's own verified copy on PostgreSQL."""
    if on_pg():
        from jobhunt import backend, store
        from jobhunt.copy import copy_store

        src = store.open_store(template)
        dst = store.open_target(backend.resolve())
        try:
            copy_store(src, dst, dst_shown="test store")
        finally:
            src.close()
            dst.close()
        return
    db.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    source, target = sqlite3.connect(template), sqlite3.connect(db)
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()
    os.chmod(db, 0o600)
