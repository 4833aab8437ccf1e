"""The store's identifier: made once when a store (or a PostgreSQL profile) is created,
kept by `restore` and `migrate-store`. Calendar UIDs carry it, so two stores' entries
never collide in one calendar, and so does the `store` column of a CSV export, so a
re-imported row's `id` counts only in the store that wrote it."""

from __future__ import annotations

import sqlite3

from jobhunt.errors import StoreError

Identity = tuple[str, str]  # (identifier, created at)


def identity(conn: sqlite3.Connection) -> Identity | None:
    row = conn.execute(
        "SELECT id, created_at FROM store_identity ORDER BY created_at, id LIMIT 1"
    ).fetchone()
    return (row[0], row[1]) if row else None


def store_id(conn: sqlite3.Connection) -> str:
    found = identity(conn)
    if found is None:
        raise StoreError("the store has lost its identifier (the store_identity table is empty)")
    return found[0]


def keep_identity(conn: sqlite3.Connection, kept: Identity) -> None:
    """Give the store the identifier `kept` (the caller holds the transaction)."""
    conn.execute("DELETE FROM store_identity")
    conn.execute("INSERT INTO store_identity (id, created_at) VALUES (?, ?)", kept)
