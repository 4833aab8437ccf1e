"""The schema of record: `models.py` declares it, the migrations create it, and
`schema.py` fingerprints it. A freshly migrated store, SQLite or PostgreSQL, has exactly
the tables, columns (order, type, nullability), primary keys and indexes the models
declare, and the fingerprint `schema.EXPECTED` keeps for its migration.

A new migration that changes the schema: change the models to match, then add its
fingerprint to `schema.EXPECTED` (the failure of test_fingerprints_are_kept_for_every_
migration prints it).
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import Column, Date, Float, Integer, String, TypeDecorator
from sqlmodel import SQLModel

import jobhunt.models  # noqa: F401  (registers the tables)
from jobhunt import migrations, schema, store
from jobhunt.backend import resolve
from tests.conftest import PG_URL, drop_pg_profiles

UNDO_TABLES = ("undo_point", "undo_log")  # bookkeeping of `undo`, not records
LAST = migrations.MIGRATIONS[-1].name


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


def describe(target) -> tuple[list[str], str, list[str]]:  # type: ignore[no-untyped-def]
    """(description, fingerprint, applied migrations) of the store, opened and migrated."""
    conn = store.open_target(target)
    try:
        applied = sorted(r[0] for r in conn.execute("SELECT name FROM schema_migrations"))
        return schema.describe(conn), schema.fingerprint(conn), applied
    finally:
        conn.close()


def test_a_migrated_store_has_what_the_models_declare() -> None:
    # The backend the suite runs on (--backend), so both are covered.
    lines, fingerprint, applied = describe(resolve())
    assert records_only(lines) == declared()
    assert {line.split(":")[0] for line in lines} == {*SQLModel.metadata.tables, *UNDO_TABLES}
    assert fingerprint == schema.EXPECTED[LAST]
    assert schema.expected_for(applied) == fingerprint


@pytest.fixture
def pg_target():  # type: ignore[no-untyped-def]
    drop_pg_profiles()
    yield resolve(PG_URL, "schema")
    drop_pg_profiles()


@pytest.mark.postgres
def test_a_migrated_postgresql_store_has_what_the_models_declare(pg_target) -> None:
    lines, fingerprint, _ = describe(pg_target)
    assert records_only(lines) == declared()
    assert fingerprint == schema.EXPECTED[LAST]


def _store_after(names: list[str]) -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.execute(migrations.BOOKKEEPING)
    for migration in migrations.MIGRATIONS:
        if migration.name in names:
            for statement in migration.statements:
                conn.execute(statement)
    return conn


def test_fingerprints_are_kept_for_every_migration() -> None:
    known = [m.name for m in migrations.MIGRATIONS]
    found = {name: schema.fingerprint(_store_after(known[: i + 1])) for i, name in enumerate(known)}
    assert found == schema.EXPECTED  # a new migration: add its line to schema.EXPECTED


@pytest.mark.sqlite_only(reason="the committed schema-1 store file")
def test_the_committed_schema_1_store_has_the_first_fingerprint(tmp_path: Path) -> None:
    copy = tmp_path / "old.db"
    shutil.copy(Path(__file__).parent / "data" / "store-v1.db", copy)
    conn = sqlite3.connect(copy)
    try:
        assert schema.fingerprint(conn) == schema.EXPECTED["0001_initial"]
        assert schema.expected_for(["0001_initial"]) == schema.EXPECTED["0001_initial"]
    finally:
        conn.close()


@pytest.mark.parametrize(
    "change",
    [
        "ALTER TABLE application ADD COLUMN extra TEXT",
        "CREATE INDEX ix_extra ON contact (name)",
        "DROP INDEX ix_application_company",
        "CREATE INDEX ix_application_company2 ON application (company)",
    ],
)
def test_any_change_to_the_schema_changes_the_fingerprint(change: str) -> None:
    conn = _store_after([m.name for m in migrations.MIGRATIONS])
    assert schema.fingerprint(conn) == schema.EXPECTED[LAST]
    conn.execute(change)
    assert schema.fingerprint(conn) != schema.EXPECTED[LAST]


def test_unknown_or_out_of_order_migrations_have_no_expected_fingerprint() -> None:
    assert schema.expected_for([]) is None
    assert schema.expected_for(["0002_undo"]) is None
    assert schema.expected_for(["0001_initial", "0002_undo", "9999_future"]) is None


def test_the_fingerprint_needs_no_orm() -> None:
    import subprocess
    import sys

    code = (
        "import sys, jobhunt.schema; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'sqlalchemy', 'sqlmodel', 'pydantic'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
