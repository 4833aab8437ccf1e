"""The schema of record: `models.py` declares it, the migrations create it. A freshly
migrated store, SQLite or PostgreSQL, has exactly the tables, columns (order, type,
nullability), primary keys and indexes the models declare (described alike by
tests/schema_lines.py).

A new migration that changes the schema changes the models to match. Whether a store
holds exactly what the migrations make is checked on open, by store/schema.py and
store/pgschema.py (tests/test_restore.py and tests/test_postgres.py).
"""

from __future__ import annotations

import pytest
from sqlalchemy import Column, Date, Float, Integer, String, TypeDecorator
from sqlmodel import SQLModel

import jobhunt.models  # noqa: F401  (registers the tables)
from jobhunt import migrations, store
from jobhunt.backend import resolve
from tests import schema_lines as schema
from tests.conftest import PG_URL, drop_pg_profiles

UNDO_TABLES = ("undo_point", "undo_log")  # bookkeeping of `undo`, not records


def _kind(column: Column) -> str:
    stored = column.type.impl_instance if isinstance(column.type, TypeDecorator) else column.type
    for sa_type, kind in ((Integer, "integer"), (Float, "real"), (Date, "date"), (String, "text")):
        if isinstance(stored, sa_type):
            return kind
    raise AssertionError(f"{column}: no stored type for {column.type!r}")


def _index_column(expression) -> tuple[str, str | None]:  # type: ignore[no-untyped-def]
    if isinstance(expression, Column):
        return expression.name, None
    return expression.left.name, expression.right.collation  # column COLLATE x


def declared() -> list[str]:
    """What models.py declares, described as `schema.describe` describes a store."""
    lines = []
    for name, table in SQLModel.metadata.tables.items():
        for position, column in enumerate(table.columns, 1):
            lines.append(
                schema.column_line(name, position, column.name, _kind(column), not column.nullable)
            )
        lines.append(schema.key_line(name, [c.name for c in table.primary_key.columns]))
        for index in table.indexes:
            columns = [_index_column(e) for e in index.expressions]
            lines.append(schema.index_line(name, index.name, bool(index.unique), columns))
    return sorted(lines)


def records_only(lines: list[str]) -> list[str]:
    return [line for line in lines if line.split(":")[0] not in UNDO_TABLES]


def describe(target) -> tuple[list[str], list[str]]:  # type: ignore[no-untyped-def]
    """(description, applied migrations) of the store, opened and migrated."""
    conn = store.open_target(target)
    try:
        applied = [r[0] for r in conn.execute("SELECT name FROM schema_migrations")]
        return schema.describe(conn), sorted(applied)
    finally:
        conn.close()


def test_a_migrated_store_has_what_the_models_declare() -> None:
    # The backend the suite runs on (--backend), so both are covered.
    lines, applied = describe(resolve())
    assert records_only(lines) == declared()
    assert {line.split(":")[0] for line in lines} == {*SQLModel.metadata.tables, *UNDO_TABLES}
    assert applied == sorted(m.name for m in migrations.MIGRATIONS)


@pytest.fixture
def pg_target():  # type: ignore[no-untyped-def]
    drop_pg_profiles()
    yield resolve(PG_URL, "schema")
    drop_pg_profiles()


@pytest.mark.postgres
def test_a_migrated_postgresql_store_has_what_the_models_declare(pg_target) -> None:
    lines, _ = describe(pg_target)
    assert records_only(lines) == declared()
