"""The schema jobhunt made, and checking a store against it.

A store may hold only what its migrations define: tables and their columns, indexes,
triggers and views, exactly. Anything else (a trigger someone planted, a dropped undo
trigger, an extra column) is refused when the store is opened or restored, and
`doctor` names it. Nothing in a store file may run code jobhunt did not write.

SQLite: a store's `sqlite_master` rows must be the ones its migrations make. Opening
compares one SHA-256 of those rows with `KNOWN` (the digest of each version, checked by
a test), so the everyday open rebuilds nothing; only when it differs is the expected
schema built in memory, by running the migrations, and compared row by row (whitespace
in the SQL aside), which names what differs.

PostgreSQL profiles are checked the same way by `pgschema`.
"""

from __future__ import annotations

import re
import sqlite3
from functools import lru_cache
from typing import Any

try:  # the bare SHA-256 module: `hashlib` loads OpenSSL, a few ms on every open
    from _sha2 import sha256  # type: ignore[import-not-found]  (Python 3.12+)
except ImportError:
    try:
        from _sha256 import sha256  # type: ignore[import-not-found,no-redef]
    except ImportError:
        from hashlib import sha256  # type: ignore[assignment]

from jobhunt.errors import StoreError
from jobhunt.migrations import BOOKKEEPING, MIGRATIONS

Row = tuple[str, ...]

# The digest of the schema each version of the migrations makes (the last migration's
# name -> digest). tests/test_restore.py checks them; a missing or stale entry only
# costs the in-memory rebuild.
KNOWN = {
    "0001_initial": "bf8275eb41525ca7f54f84d695928012b4f3de102156aec2c93739491797523e",
    "0002_undo": "52710267cceda6e98b26e29b1584e97c1fa4663cdec51e13cfb26f8b3839d05b",
    "0003_nudge_history": "7d381941d6685a3b8a3424f287daa7d2749c0f03e77a57cb2b828b67fb780c11",
    "0004_store_identity_dated_events_calendar_gone": (
        "87eefd9894e712641e182f687ba953522942af6c8face1cf5848a6dbf8c1b22c"
    ),
    "0005_undo_as_data": "18709c30c8bde0b12eac2f1361edd8e498eed53f7cc04dc15220db7b363c5ba8",
    "0006_people_methods_answers": (
        "eb5559b67502643c96c24e1bfca0fcf8d6e8994ce702b9619df8279e217e2682"
    ),
}

_INTERNAL = re.compile(r"^sqlite_(sequence|stat\d)$")


def _normal(sql: str | None) -> str:
    return " ".join((sql or "").split())


def rows_of(found: Any) -> tuple[Row, ...]:
    """`(type, name, tbl_name, sql)` rows of sqlite_master, as compared: sorted, without
    SQLite's own objects (statistics, autoindexes)."""
    kept = []
    for kind, name, table, sql in found:
        if (kind == "table" and _INTERNAL.match(str(name))) or (
            kind == "index" and sql is None and str(name).startswith("sqlite_autoindex_")
        ):
            continue  # a view or trigger by such a name is not SQLite's: it is compared
        kept.append((str(kind), str(name), str(table), sql or ""))
    return tuple(sorted(kept))


def _normalised(rows: tuple[Row, ...]) -> tuple[Row, ...]:
    """Rows with runs of whitespace in their SQL as one space: statement text laid out
    differently is the same schema."""
    return tuple((kind, name, table, _normal(sql)) for kind, name, table, sql in rows)


def digest(rows: tuple[Row, ...]) -> str:
    return sha256(repr(rows).encode("utf-8")).hexdigest()


def in_order(applied: set[str] | frozenset[str]) -> list[str]:
    """The applied migrations' names, in the order they run."""
    return [m.name for m in MIGRATIONS if m.name in applied]


@lru_cache(maxsize=8)
def expected(applied: frozenset[str]) -> tuple[Row, ...]:
    """The sqlite_master rows the migrations in `applied` make (built in memory)."""
    mem = sqlite3.connect(":memory:")
    try:
        mem.execute(BOOKKEEPING)
        for migration in MIGRATIONS:
            if migration.name in applied:
                for statement in migration.statements:
                    mem.execute(statement)
        return rows_of(mem.execute("SELECT type, name, tbl_name, sql FROM sqlite_master"))
    finally:
        mem.close()


def differences(found: tuple[Row, ...], wanted: tuple[Row, ...]) -> list[str]:
    """What differs, in words: 'unexpected trigger evil', 'missing index ix_x'... (rows
    are named by their first two fields: kind and name)."""
    have = {(r[0], r[1]): r for r in found}
    want = {(r[0], r[1]): r for r in wanted}
    out = [f"unexpected {kind} {name}" for kind, name in sorted(have.keys() - want.keys())]
    out += [f"missing {kind} {name}" for kind, name in sorted(want.keys() - have.keys())]
    out += [
        f"changed {kind} {name}"
        for kind, name in sorted(have.keys() & want.keys())
        if have[(kind, name)] != want[(kind, name)]
    ]
    return out


class SchemaMismatch(StoreError):
    """A store whose schema is not what its migrations make; `problems` says how."""

    def __init__(self, where: str, problems: list[str], refused: str) -> None:
        more = len(problems) - 4
        self.problems = problems
        self.shown = "; ".join(problems[:4]) + (f"; and {more} more" if more > 0 else "")
        super().__init__(
            f"{where} holds a schema jobhunt did not make ({self.shown}){refused}",
            hint=FIX,
        )


FIX = "restore a backup jobhunt made: jobhunt restore PATH"


def problems(applied: set[str], found: tuple[Row, ...]) -> list[str]:
    """[] when `found` is exactly the schema of the migrations `applied` (compared
    through one digest when that is the known one; else rebuilt and compared row by row,
    whitespace aside)."""
    names = in_order(applied)
    if names and KNOWN.get(names[-1]) == digest(found):
        return []
    return differences(_normalised(found), _normalised(expected(frozenset(names))))


def check(where: str, applied: set[str], found: tuple[Row, ...], refused: str) -> None:
    """Refuse (StoreError) a store whose schema is not the one its migrations make."""
    wrong = problems(applied, found)
    if wrong:
        raise SchemaMismatch(where, wrong, refused)
