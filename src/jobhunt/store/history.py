"""Undo: revert the newest step that changed something.

The steps are recorded by triggers (migration 0005_undo_as_data, see undolog.py) under
the undo point that every write transaction begins (`connection.transaction(undo_label=
...)`), as data: table, what happened, the row's key and old values. Undo turns those
into statements written here: the table must be one undo knows, the columns must be the
table's own, and every value is bound as a parameter. A record that does not fit, or a
statement the store refuses, is a clean error and changes nothing.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from itertools import groupby
from typing import Any

from jobhunt.errors import StoreError
from jobhunt.store.connection import dialect, transaction, utc_now
from jobhunt.undolog import OPS, UNDOABLE, key_of

MAX_ROWID = 2**63 - 1  # SQLite's largest integer
REPLAY = ""  # the label of the undo point a replay runs under (its changes are not logged)


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
        pg = dialect(conn) == "postgresql"
        conn.execute("SET CONSTRAINTS ALL DEFERRED" if pg else "PRAGMA defer_foreign_keys = ON")
        records = conn.execute(
            "SELECT tbl, op, row_key, old FROM undo_log WHERE point_id = ? ORDER BY seq DESC",
            (point,),
        ).fetchall()
        conn.execute(
            "INSERT INTO undo_point (label, created_at) VALUES (?, ?)", (REPLAY, utc_now())
        )
        try:
            replay(conn, records, pg=pg)
        except (BadRecord, sqlite3.Error) as exc:
            raise _cannot(label, exc) from None
        except Exception as exc:
            if not type(exc).__module__.startswith("psycopg"):
                raise
            raise _cannot(label, exc) from None
        conn.execute("DELETE FROM undo_log WHERE point_id >= ? OR point_id IS NULL", (point,))
        conn.execute("DELETE FROM undo_point WHERE id >= ?", (point,))
    return label, when, changes


def _cannot(label: str, exc: BaseException) -> StoreError:
    detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return StoreError(
        f"cannot undo {label!r}: {detail}; nothing was changed",
        hint="the undo history may be damaged; check the store with: jobhunt doctor",
    )


def replay(conn: Any, records: list[tuple], *, pg: bool) -> None:
    """Apply the inverse of each record, newest first. Runs of the same table and change
    go to the store together (executemany), in order."""
    columns: dict[str, set[str]] = {}
    for (table, op), run in groupby(records, key=lambda r: (r[0], r[1])):
        if table not in UNDOABLE or op not in OPS:
            raise BadRecord(
                f"a record names {_short(table)} / {_short(op)}, not a table undo knows"
            )
        if table not in columns:
            columns[table] = _columns(conn, table, pg=pg)
        step = _pg_statements if pg else _sqlite_statements
        for sql, params in _batches(step(table, op, list(run), columns[table])):
            conn.executemany(sql, params)


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _columns(conn: Any, table: str, *, pg: bool) -> set[str]:
    if pg:
        rows = conn.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name = ?",
            (table,),
        )
        return {r[0] for r in rows}
    return {r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')} | {"rowid"}


def _batches(pairs: Iterator[tuple[str, tuple]]) -> Iterator[tuple[str, list[tuple]]]:
    """Consecutive statements with the same SQL, with their parameters."""
    for sql, group in groupby(pairs, key=lambda p: p[0]):
        yield sql, [params for _, params in group]


def _checked(names: Any, allowed: set[str]) -> list[str]:
    names = list(names)
    unknown = [n for n in names if n not in allowed]
    if unknown or not names:
        raise BadRecord(f"a record names a column the table does not have: {_short(unknown)}")
    return names


def _rowid(text: Any) -> int:
    try:
        value = int(text)
    except (TypeError, ValueError):
        raise BadRecord(f"a record names no row ({_short(text)})") from None
    if not -MAX_ROWID - 1 <= value <= MAX_ROWID:
        raise BadRecord(f"a record names no row ({_short(text)})")
    return value


def _sqlite_statements(
    table: str, op: str, run: list[tuple], allowed: set[str]
) -> Iterator[tuple[str, tuple]]:
    for _, _, row_key, old in run:
        rowid = _rowid(row_key)
        if op == "insert":
            yield f'DELETE FROM "{table}" WHERE rowid = ?', (rowid,)
            continue
        values = image(old)
        names = _checked(values, allowed)
        params = tuple(sqlite_value(values[n]) for n in names)
        quoted = [f'"{n}"' for n in names]
        if op == "update":
            sets = ", ".join(f"{q} = ?" for q in quoted)
            yield f'UPDATE "{table}" SET {sets} WHERE rowid = ?', (*params, rowid)
        else:
            marks = ", ".join("?" * len(names))
            yield f'INSERT INTO "{table}" ({", ".join(quoted)}) VALUES ({marks})', params


def _pg_statements(
    table: str, op: str, run: list[tuple], allowed: set[str]
) -> Iterator[tuple[str, tuple]]:
    keys = ", ".join(f'"{k}"' for k in key_of(table))
    row = f'jsonb_populate_record(NULL::"{table}", ?::jsonb)'
    where = f"({keys}) = (SELECT {keys} FROM {row})"
    for _, _, row_key, old in run:
        _checked(image(row_key), set(key_of(table)))
        if op == "insert":
            yield f'DELETE FROM "{table}" WHERE {where}', (row_key,)
            continue
        names = ", ".join(f'"{n}"' for n in _checked(image(old), allowed))
        if op == "update":
            yield (
                f'UPDATE "{table}" SET ({names}) = (SELECT {names} FROM {row}) WHERE {where}',
                (old, row_key),
            )
        else:
            yield f'INSERT INTO "{table}" ({names}) SELECT {names} FROM {row}', (old,)


# --------------------------------------------------------------------------- reading records


class BadRecord(ValueError):
    """An undo record jobhunt did not write (or cannot read)."""


def sqlite_value(value: Any) -> Any:
    """A value from a SQLite row image: a number, text or null as it is; a REAL written
    as [17 digits] back to that float."""
    if (
        value is None
        or isinstance(value, str | float)
        or (isinstance(value, int) and not isinstance(value, bool))
    ):
        return value
    if isinstance(value, list) and len(value) == 1 and isinstance(value[0], str):
        try:
            return float(value[0])
        except ValueError:
            pass
    raise BadRecord(f"a value cannot be read: {str(value)[:40]}")


def image(text: Any) -> dict[str, Any]:
    """A row image (JSON object text) from the log."""
    import json

    try:
        found = json.loads(text) if isinstance(text, str) else None
    except ValueError:
        found = None
    if not isinstance(found, dict) or not found:
        raise BadRecord("the old values are not a JSON object")
    return found
