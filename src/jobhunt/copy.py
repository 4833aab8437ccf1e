"""Copy a whole profile from one store to another (SQLite and PostgreSQL, either way).

Every record keeps its id, so commands, scripts and notes that name `#12` still mean
the same thing, and the store keeps its identifier (calendar UIDs and the `store`
column of CSV exports stay valid) with its record of what left the calendar. The copy
is written in one transaction on the destination and checked before it commits: the
JSON export of the destination must equal the source's, or nothing is written. The
undo history stays behind (its steps are SQL for one backend).
"""

from __future__ import annotations

import sqlite3
from typing import Any

from jobhunt.errors import InputError, StoreError
from jobhunt.io import jsondoc, jsonexport
from jobhunt.store import identity, keep_identity, read_transaction, record_counts, transaction

# Parents before children, so foreign keys hold at every row.
ORDER = (
    "meetup",
    "contact",
    "interaction",
    "application",
    "application_skill",
    "application_event",
    "contact_link",
    "event_person",
    "course",
    "course_skill",
    "course_log",
    "skill",
    "nudge",
    "dismissal",
)
# Tables without an id are copied in insertion order (skills are listed in that order).
_ROW_ORDER = {
    "application_skill": "rowid",
    "course_skill": "rowid",
    "skill": "rowid",
    "contact_link": "contact_id, application_id",
    "event_person": "event_id, contact_id",
    "nudge": "key",
}


def refuse_unless_empty(conn: sqlite3.Connection, shown: str) -> None:
    counts = {table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in ORDER}
    counts = {table: n for table, n in counts.items() if n}
    if counts:
        held = ", ".join(f"{n} in {table}" for table, n in counts.items())
        raise InputError(
            f"the destination {shown} already holds records ({held}); it was left untouched",
            hint="copy into a new file, an empty database, or another --to-profile",
        )


def copy_rows(src: sqlite3.Connection, dst: sqlite3.Connection) -> None:
    """Insert every record of `src` into `dst` (the caller holds both transactions)."""
    for table in ORDER:
        columns = jsondoc.TABLES[table]
        names = ", ".join(columns)
        rows = src.execute(
            f"SELECT {names} FROM {table} ORDER BY {_ROW_ORDER.get(table, 'id')}"
        ).fetchall()
        marks = ",".join("?" * len(columns))
        dst.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)


_GONE = "kind, record_id, parent_id, on_day, until_day, status, detail, gone_at"


def _keep_bookkeeping(
    src: sqlite3.Connection, dst: sqlite3.Connection, *, own_identity: bool = False
) -> None:
    """The calendar's record of what left it comes with the records; the identifier
    too, unless `dst` keeps its own (a restore into an existing store)."""
    kept = identity(src)
    if kept is not None and not own_identity:
        keep_identity(dst, kept)
    dst.execute("DELETE FROM calendar_gone")  # what replacing the records recorded there
    rows = src.execute(f"SELECT {_GONE} FROM calendar_gone ORDER BY id").fetchall()
    dst.executemany(f"INSERT INTO calendar_gone ({_GONE}) VALUES (?,?,?,?,?,?,?,?)", rows)


def _first_difference(a: dict[str, Any], b: dict[str, Any]) -> str:
    for key in a:
        if a[key] != b.get(key):
            return key
    return "?"


def copy_checked(
    src: sqlite3.Connection,
    dst: sqlite3.Connection,
    *,
    dst_shown: str,
    replace: bool = False,
    own_identity: bool = False,
) -> dict[str, int]:
    """Copy every record of `src` into `dst` inside the caller's transactions (a read on
    `src`, a write on `dst`), and check that `dst` now exports the same JSON as `src`;
    returns the record counts. `dst` must hold no records, unless `replace` (restore),
    which first deletes what it holds."""
    expected = jsonexport.dump_now(src)
    if replace:
        for table in reversed(ORDER):
            dst.execute(f"DELETE FROM {table}")
    else:
        refuse_unless_empty(dst, dst_shown)
    copy_rows(src, dst)
    _keep_bookkeeping(src, dst, own_identity=own_identity)
    got = jsonexport.dump_now(dst)
    if got != expected:
        raise StoreError(
            f"the copy in {dst_shown} does not match the original "
            f"(first difference: {_first_difference(expected, got)}); nothing was written"
        )
    return record_counts(dst)


def copy_store(
    src: sqlite3.Connection, dst: sqlite3.Connection, *, dst_shown: str
) -> dict[str, int]:
    """Copy `src` into the empty store `dst` in one transaction, verified; returns the
    record counts copied. The copy starts without undo history."""
    with read_transaction(src):
        return copy_out(src, dst, dst_shown=dst_shown)


def copy_out(src: sqlite3.Connection, dst: sqlite3.Connection, *, dst_shown: str) -> dict[str, int]:
    """copy_store() for a caller that holds a transaction on `src` already (a restore
    keeping the records it is about to replace)."""
    with transaction(dst):
        counts = copy_checked(src, dst, dst_shown=dst_shown)
        # The inserts were recorded as undo steps of nothing; a copy starts afresh.
        dst.execute("DELETE FROM undo_log")
        dst.execute("DELETE FROM undo_point")
    return counts
