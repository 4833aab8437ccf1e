"""The schema of record, described the same way for a live store on either backend.

`models.py` (SQLModel) declares every table, column and index; `migrations.py` creates
them as plain SQL. `describe(conn)` reads back what a store has (tables, columns in
order with their types and nullability, primary keys, indexes with their collations),
normalised so that SQLite and PostgreSQL read alike; `fingerprint(conn)` is its hash.
`EXPECTED` holds the fingerprint of the schema each known migration leaves, so a store
can be checked on open without SQLAlchemy. tests/test_schema.py ties the three together:
a migrated store describes itself as the models declare, and has the expected hash.

Normalised: INTEGER/BIGINT -> integer, REAL/DOUBLE PRECISION -> real; a primary key
column is never null; PostgreSQL's `rowid` column (the stand-in for SQLite's implicit
rowid) and the migrations' own bookkeeping table are left out; the default collation
is not named.
"""

from __future__ import annotations

import hashlib
from typing import Any

from jobhunt.migrations import MIGRATIONS

LEFT_OUT = ("schema_migrations",)
_TYPES = {
    "integer": "integer",
    "bigint": "integer",
    "real": "real",
    "double precision": "real",
    "text": "text",
    "date": "date",
}

# The fingerprint of the schema after each migration, oldest first (tests/test_schema.py
# says how to compute a new one). A migration that changes the schema adds its line.
EXPECTED: dict[str, str] = {
    "0001_initial": "7667ebd5a6289f53",
    "0002_undo": "7de177e59fe94181",
    "0003_nudge_history": "c1d22c472644b83b",
    "0004_store_identity_dated_events_calendar_gone": "04185f402cf2ef6c",
    "0005_undo_as_data": "02b2ba9123b77882",
    "0006_people_methods_answers": "c38d9d90550c1ffc",
}


def column_line(table: str, position: int, name: str, kind: str, not_null: bool) -> str:
    """One column: its position in the table (from 1), name, type and nullability."""
    kind = _TYPES.get(kind.lower(), kind.lower())
    return f"{table}: column {position:02d} {name} {kind}" + (" not null" if not_null else "")


def key_line(table: str, columns: list[str]) -> str:
    return f"{table}: primary key ({', '.join(columns)})"


def index_line(table: str, name: str, unique: bool, columns: list[tuple[str, str | None]]) -> str:
    """One index; `columns` are (name, collation), None or 'binary' for the default."""
    parts = [
        f"{column} collate {coll.lower()}"
        if coll and coll.lower() not in ("binary", "default")
        else column
        for column, coll in columns
    ]
    return f"{table}: {'unique ' if unique else ''}index {name} ({', '.join(parts)})"


def describe(conn: Any) -> list[str]:
    """The store's schema as sorted lines (see the module doc)."""
    if getattr(conn, "dialect", "sqlite") == "postgresql":
        return sorted(_describe_pg(conn))
    return sorted(_describe_sqlite(conn))


def fingerprint(conn: Any) -> str:
    return digest(describe(conn))


def digest(lines: list[str]) -> str:
    return hashlib.sha256("\n".join(sorted(lines)).encode("utf-8")).hexdigest()[:16]


def expected_for(applied: list[str]) -> str | None:
    """The fingerprint a store with these migrations applied must have (None: unknown)."""
    known = [m.name for m in MIGRATIONS]
    if not applied or applied != known[: len(applied)]:
        return None
    return EXPECTED.get(applied[-1])


def _describe_sqlite(conn: Any) -> list[str]:
    lines = []
    tables = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
        if r[0] not in LEFT_OUT
    ]
    for table in tables:
        info = conn.execute(f"PRAGMA table_info({table})").fetchall()
        for cid, name, kind, not_null, _default, pk in info:
            lines.append(column_line(table, cid + 1, name, kind, bool(not_null or pk)))
        key = [r[1] for r in sorted((r for r in info if r[5]), key=lambda r: r[5])]
        if key:
            lines.append(key_line(table, key))
        for _seq, name, unique, origin, _partial in conn.execute(f"PRAGMA index_list({table})"):
            if origin != "c":  # made by CREATE INDEX (not a key's own index)
                continue
            columns = [(r[2], r[4]) for r in conn.execute(f"PRAGMA index_xinfo({name})") if r[5]]
            lines.append(index_line(table, name, bool(unique), columns))
    return lines


def _describe_pg(conn: Any) -> list[str]:
    lines = []
    rows = conn.execute(
        "SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns "
        "WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position"
    ).fetchall()
    positions: dict[str, int] = {}
    for table, name, kind, nullable in rows:
        if table not in LEFT_OUT and name != "rowid":
            positions[table] = positions.get(table, 0) + 1
            lines.append(column_line(table, positions[table], name, kind, nullable == "NO"))
    indexes: dict[tuple[str, str, bool, bool], list[tuple[str, str | None]]] = {}
    for table, name, unique, primary, column, coll in conn.execute(
        "SELECT t.relname, i.relname, x.indisunique, x.indisprimary, a.attname, c.collname "
        "FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
        "JOIN pg_class t ON t.oid = x.indrelid "
        "JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = current_schema() "
        "CROSS JOIN LATERAL unnest(x.indkey::int2[], x.indcollation::oid[]) "
        "WITH ORDINALITY AS k(attnum, coll, ord) "
        "JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum "
        "LEFT JOIN pg_collation c ON c.oid = k.coll "
        "ORDER BY t.relname, i.relname, k.ord"
    ):
        if table not in LEFT_OUT:
            indexes.setdefault((table, name, unique, primary), []).append((column, coll))
    for (table, name, unique, primary), columns in indexes.items():
        if primary:
            lines.append(key_line(table, [c for c, _ in columns]))
        else:
            lines.append(index_line(table, name, unique, columns))
    return lines
