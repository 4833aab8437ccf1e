"""Undo: revert the newest step that changed something.

The steps themselves are recorded by triggers (migration 0002_undo) under the undo point
that every write transaction begins (`connection.transaction(undo_label=...)`)."""

from __future__ import annotations

import sqlite3

from jobhunt.store.connection import dialect, transaction


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
