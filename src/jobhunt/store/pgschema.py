"""Checking a PostgreSQL profile's schema against what the migrations make.

The profile's schema is read from pg_catalog (tables, columns with types, nullability
and defaults, constraints, indexes, triggers, views, rules, policies, functions with a
digest of their source, sequences, collations, types), the schema's own name replaced
by a placeholder. The expected rows come from running the migrations in a scratch
schema inside a transaction that is rolled back; their digest is cached per server
version in the user cache folder, so that is done once. Imported only for PostgreSQL.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from typing import Any

from jobhunt.migrations import BOOKKEEPING, MIGRATIONS
from jobhunt.store.schema import Row, differences, digest, in_order, sha256

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
    names = in_order(applied)
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
