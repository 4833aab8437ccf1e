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

PostgreSQL: the profile's schema is read from pg_catalog (tables, columns with types,
nullability and defaults, constraints, indexes, triggers, views, rules, policies,
functions with a digest of their source, sequences, collations, types), the schema's
own name replaced by a placeholder. The expected rows come from running the migrations
in a scratch schema inside a transaction that is rolled back; their digest is cached
per server version in the user cache folder, so that is done once.
"""

from __future__ import annotations

import os
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


def _prefix(applied: set[str] | frozenset[str]) -> list[str]:
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
    names = _prefix(applied)
    if names and KNOWN.get(names[-1]) == digest(found):
        return []
    return differences(_normalised(found), _normalised(expected(frozenset(names))))


def check(where: str, applied: set[str], found: tuple[Row, ...], refused: str) -> None:
    """Refuse (StoreError) a store whose schema is not the one its migrations make."""
    wrong = problems(applied, found)
    if wrong:
        raise SchemaMismatch(where, wrong, refused)


def check_connection(conn: sqlite3.Connection, where: str, refused: str) -> None:
    """check() for an open SQLite connection."""
    applied = {r[0] for r in conn.execute("SELECT name FROM schema_migrations")}
    found = rows_of(conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master"))
    check(where, applied, found, refused)


# --------------------------------------------------------------------------- PostgreSQL

_PG_CATALOG = """
SELECT 'relation', c.relname, c.relkind::text, '' FROM pg_class c WHERE c.relnamespace = $NS
UNION ALL
SELECT 'column', c.relname || '.' || a.attname,
       format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END,
       coalesce(pg_get_expr(d.adbin, d.adrelid), '') || ' ' || coalesce(co.collname, '')
       || ' ' || a.attidentity::text || a.attgenerated::text
FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
LEFT JOIN pg_collation co ON co.oid = a.attcollation AND a.attcollation <> 0
    AND co.collname <> 'default'
WHERE c.relnamespace = $NS AND a.attnum > 0 AND NOT a.attisdropped
UNION ALL
SELECT 'constraint', c.relname || '.' || k.conname, k.contype::text, pg_get_constraintdef(k.oid)
FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid WHERE c.relnamespace = $NS
UNION ALL
SELECT 'index', i.relname, c.relname, pg_get_indexdef(i.oid)
FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid
WHERE c.relnamespace = $NS
UNION ALL
SELECT 'trigger', c.relname || '.' || t.tgname, t.tgenabled::text, pg_get_triggerdef(t.oid)
FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
WHERE c.relnamespace = $NS AND NOT t.tgisinternal
UNION ALL
SELECT 'view', c.relname, '', pg_get_viewdef(c.oid) FROM pg_class c
WHERE c.relnamespace = $NS AND c.relkind IN ('v', 'm')
UNION ALL
SELECT 'rule', r.rulename, c.relname, pg_get_ruledef(r.oid)
FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class
WHERE c.relnamespace = $NS AND r.rulename <> '_RETURN'
UNION ALL
SELECT 'policy', p.polname, c.relname, coalesce(pg_get_expr(p.polqual, p.polrelid), '')
FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid WHERE c.relnamespace = $NS
UNION ALL
SELECT 'function', p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')',
       p.prokind::text || ' ' || l.lanname || ' ' || p.prosecdef::text,
       md5(coalesce(p.prosrc, '') || coalesce(array_to_string(p.proconfig, ','), ''))
FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang WHERE p.pronamespace = $NS
UNION ALL
SELECT 'collation', co.collname, co.collprovider::text, co.collisdeterministic::text
FROM pg_collation co WHERE co.collnamespace = $NS
UNION ALL
SELECT 'type', t.typname, t.typtype::text, '' FROM pg_type t
WHERE t.typnamespace = $NS AND t.typtype IN ('d', 'e', 'r', 'm', 'b', 'p')
"""


def pg_rows(conn: Any, schema: str) -> tuple[Row, ...]:
    """The catalog rows of one PostgreSQL schema, its name replaced by '{schema}'."""
    namespace = "(SELECT oid FROM pg_namespace WHERE nspname = ?)"
    sql = _PG_CATALOG.replace("$NS", namespace)
    found = conn.execute(sql, (schema,) * sql.count("?")).fetchall()
    quoted = re.compile(rf'"?\b{re.escape(schema)}\b"?')
    return tuple(sorted(tuple(quoted.sub("{schema}", str(v)) for v in row) for row in found))


def _pg_key(conn: Any, names: list[str]) -> str:
    version = conn.execute("SHOW server_version_num").fetchone()[0]
    statements = [s for m in MIGRATIONS if m.name in names for s in m.postgresql]
    text = repr((version, names, BOOKKEEPING, statements))
    return sha256(text.encode("utf-8")).hexdigest()[:24]


def _cache_file(key: str):  # type: ignore[no-untyped-def]
    from platformdirs import user_cache_path

    return user_cache_path("jobhunt", appauthor=False) / f"pg-schema-{key}"


@lru_cache(maxsize=8)
def _pg_expected(conn: Any, names: tuple[str, ...]) -> tuple[Row, ...]:
    scratch = f"jobhunt_fingerprint_{os.getpid()}"
    conn.execute("BEGIN")
    try:
        conn.execute(f'CREATE SCHEMA "{scratch}"')
        conn.execute(f'SET LOCAL search_path TO "{scratch}"')
        conn.execute(BOOKKEEPING)
        for migration in MIGRATIONS:
            if migration.name in names:
                for statement in migration.postgresql:
                    conn.execute(statement)
        return pg_rows(conn, scratch)
    finally:
        conn.execute("ROLLBACK")


def pg_problems(conn: Any, applied: set[str], found: tuple[Row, ...] | None = None) -> list[str]:
    """[] when the profile's schema (`found`, else read now) is exactly what the
    migrations `applied` make. Call it outside any transaction."""
    names = _prefix(applied)
    if found is None:
        found = pg_rows(conn, conn.target.schema)
    key = _pg_key(conn, names)
    cache = _cache_file(key)
    try:
        if cache.read_text(encoding="ascii").strip() == digest(found):
            return []
    except OSError:
        pass
    wanted = _pg_expected(conn, tuple(names))
    _remember(cache, digest(wanted))
    return differences(found, wanted)


def _remember(cache, value: str) -> None:  # type: ignore[no-untyped-def]
    try:
        cache.parent.mkdir(parents=True, mode=0o700, exist_ok=True)
        tmp = cache.with_name(f".{cache.name}.{os.getpid()}")
        fd = os.open(tmp, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(value)
        os.replace(tmp, cache)
    except OSError:
        pass  # only a cache: the next run checks again
