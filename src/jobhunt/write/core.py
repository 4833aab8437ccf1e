"""The write path's plumbing: parameterised SQL over the store's own connection.

A write command runs inside one `store.transaction(conn, undo_label=...)`: BEGIN
IMMEDIATE on SQLite, the profile's advisory lock on PostgreSQL, an undo point, and
COMMIT or ROLLBACK. The functions of this package take that connection (`Conn`: an
`sqlite3` connection or a `pg.PgConnection`, which share `execute()` and `?`
placeholders) and write through the helpers below, so the same SQL runs on both.

Ids come from the database: SQLite's rowid, or PostgreSQL's BEFORE INSERT trigger
(the highest id + 1, as SQLite gives them), read back with RETURNING. Days are written
as ISO text, as the read path reads them back on both backends.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from jobhunt import store
from jobhunt.errors import NotFound

if TYPE_CHECKING:
    import sqlite3

    from jobhunt.backend import Target

    Conn = sqlite3.Connection  # or a pg.PgConnection: the same face
else:
    Conn = Any

_SMALLEST, _LARGEST = -(2**63), 2**63 - 1  # ids are 64-bit on both backends


@contextlib.contextmanager
def session(target: Target, *, undo_label: str | None = None) -> Iterator[Conn]:
    """One write transaction on `target`'s store (opened, and migrated if needed):
    commit on success, roll back on any error. For scripts and tests; the commands
    write through `State.writing()`, on the connection they read with."""
    conn = store.open_target(target)
    try:
        with store.transaction(conn, undo_label=undo_label):
            yield conn
    finally:
        conn.close()


def stored(value: object) -> object:
    """A value as it is written: days as ISO text, anything else as it is."""
    return value.isoformat() if isinstance(value, date) else value


def insert(conn: Conn, table: str, values: Mapping[str, object]) -> int:
    """INSERT one record with an id; returns the id it was given."""
    sql = f"INSERT INTO {table} ({', '.join(values)}) VALUES ({', '.join('?' * len(values))})"
    params = [stored(v) for v in values.values()]
    if store.dialect(conn) == "postgresql":
        return int(conn.execute(sql + " RETURNING id", params).fetchone()[0])
    return int(conn.execute(sql, params).lastrowid)  # type: ignore[arg-type]


def insert_rows(conn: Conn, table: str, columns: tuple[str, ...], rows: Iterable[tuple]) -> None:
    """INSERT records without an id of their own (skills, links)."""
    rows = [tuple(stored(v) for v in row) for row in rows]
    if rows:
        marks = ", ".join("?" * len(columns))
        conn.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)


def update(conn: Conn, table: str, record_id: int, values: Mapping[str, object]) -> None:
    """UPDATE the named columns of one record (by id); nothing when there is nothing."""
    if values:
        sets = ", ".join(f"{column} = ?" for column in values)
        params = [*(stored(v) for v in values.values()), record_id]
        conn.execute(f"UPDATE {table} SET {sets} WHERE id = ?", params)


def delete(conn: Conn, table: str, record_id: int) -> None:
    """DELETE one record by id (the foreign keys delete or clear what hangs on it)."""
    conn.execute(f"DELETE FROM {table} WHERE id = ?", (record_id,))


def fetch(conn: Conn, table: str, record_id: int, columns: Iterable[str]) -> dict | None:
    """The named columns of one record, as stored (days as ISO text), or None."""
    if not _SMALLEST <= record_id <= _LARGEST:
        return None
    names = list(columns)
    row = conn.execute(
        f"SELECT {', '.join(names)} FROM {table} WHERE id = ?", (record_id,)
    ).fetchone()
    return None if row is None else dict(zip(names, row, strict=True))


def require(
    conn: Conn, table: str, record_id: int, noun: str, hint: str, columns: Iterable[str] = ("id",)
) -> dict:
    """`fetch`, or NotFound: "no NOUN with id N" with its hint."""
    row = fetch(conn, table, record_id, columns)
    if row is None:
        raise NotFound(f"no {noun} with id {record_id}", hint=hint)
    return row


def changed_values(current: Mapping[str, object], wanted: Mapping[str, object]) -> dict:
    """The entries of `wanted` that differ from `current` (compared as stored), in order."""
    return {k: v for k, v in wanted.items() if stored(v) != current[k]}


def replace_skills(
    conn: Conn, table: str, key: str, record_id: int, wanted: list[str], *, same
) -> bool:
    """Set a record's skills (application_skill, course_skill) to `wanted`; `same` is
    the test of sameness (skill_key). True if they changed."""
    sql = f"SELECT skill FROM {table} WHERE {key} = ? ORDER BY rowid"
    current = [r[0] for r in conn.execute(sql, (record_id,))]
    if [same(w) for w in wanted] == [same(c) for c in current]:
        return False
    conn.execute(f"DELETE FROM {table} WHERE {key} = ?", (record_id,))
    insert_rows(conn, table, (key, "skill"), ((record_id, s) for s in wanted))
    return True
