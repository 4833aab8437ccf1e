"""A store's tables, columns, keys and indexes described the same way on SQLite and
PostgreSQL, and the same for what models.py declares (tests/test_schema.py compares
them: the models are the schema of record, the migrations make it).

This only serves that comparison. Whether a store holds exactly the schema jobhunt made
is checked on open by one mechanism, `store/schema.py` (SQLite) and `store/pgschema.py`.

Normalised: INTEGER/BIGINT -> integer, REAL/DOUBLE PRECISION -> real; a primary key
column is never null; PostgreSQL's `rowid` column (the stand-in for SQLite's implicit
rowid) and the migrations' own bookkeeping table are left out; the default collation
is not named.
"""

from __future__ import annotations

from typing import Any

LEFT_OUT = ("schema_migrations",)
_TYPES = {
    "integer": "integer",
    "bigint": "integer",
    "real": "real",
    "double precision": "real",
    "text": "text",
    "date": "date",
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
