"""Migrations: recorded, one transaction each, backed up first, and nothing lost."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlmodel import SQLModel

import jobhunt.models  # noqa: F401  (registers the tables)
from jobhunt import migrations, store
from jobhunt.copy import ORDER
from jobhunt.errors import StoreError

pytestmark = pytest.mark.sqlite_only(
    reason="migrations of SQLite files and the committed schema-1 store (PostgreSQL: tests/test_postgres.py)"
)

DATA = Path(__file__).parent / "data"
TABLES = ORDER  # every table that holds records


# Columns added after the committed schema-1 store.
LATER = {
    "dated", "via", "at_time", "minutes", "place", "attended", "informational",
    "keep_in_touch", "due_from",
}  # fmt: skip


def dump(path: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(path)
    try:
        present = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        out = {}
        for t in TABLES:
            if t not in present:  # a table a later migration adds is empty once it is there
                out[t] = []
                continue
            cols = [r[1] for r in conn.execute(f"PRAGMA table_info({t})") if r[1] not in LATER]
            out[t] = conn.execute(f"SELECT {', '.join(cols)} FROM {t} ORDER BY 1, 2").fetchall()
        return out
    finally:
        conn.close()


def test_blank_store_gets_every_migration(db_path: Path) -> None:
    conn = store.open_store(db_path)
    assert store.applied_migrations(conn) == [m.name for m in migrations.MIGRATIONS]


def test_models_match_the_migrated_schema(db_path: Path) -> None:
    conn = store.open_store(db_path)
    for name, table in SQLModel.metadata.tables.items():
        columns = [r[1] for r in conn.execute(f"PRAGMA table_info({name})")]
        assert columns == [c.name for c in table.columns], name
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    bookkeeping = {"schema_migrations", "undo_point", "undo_log"}
    assert tables == set(SQLModel.metadata.tables) | bookkeeping


def test_committed_v1_store_opens_with_all_data_intact(tmp_path: Path) -> None:
    copy = tmp_path / "old.db"
    shutil.copy(DATA / "store-v1.db", copy)
    before = dump(copy)
    assert len(before["application"]) == 3
    assert before["contact_link"]
    store.open_store(copy).close()
    after = dump(copy)
    assert after == before
    conn = sqlite3.connect(copy)
    assert {r[0] for r in conn.execute("SELECT dated FROM application_event")} == {1}
    assert len(conn.execute("SELECT id FROM store_identity").fetchall()) == 1
    conn.close()
    row = after["application"][0]
    assert row[1] == "Café Ünïcode GmbH"
    assert row[10] == "line one\nline two [bold]not markup[/]"


def _extra_migration(statements: tuple[str, ...]) -> tuple[migrations.Migration, ...]:
    return (*migrations.MIGRATIONS, migrations.Migration("9999_test", statements))


def test_pending_migration_is_applied_after_a_backup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "old.db"
    shutil.copy(DATA / "store-v1.db", copy)
    before = dump(copy)
    monkeypatch.setattr(
        store.opening,
        "MIGRATIONS",
        _extra_migration(("ALTER TABLE application ADD COLUMN extra TEXT",)),
    )
    conn = store.open_store(copy)
    assert store.applied_migrations(conn)[-1] == "9999_test"
    backups = list((tmp_path / "backups").glob("old-*-pre-migration.db"))
    assert len(backups) == 1
    assert store.file_mode(backups[0]) == 0o600
    assert dump(backups[0]) == before
    assert conn.execute("SELECT count(*) FROM application WHERE extra IS NULL").fetchone()[0] == 3


def test_failing_migration_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy = tmp_path / "old.db"
    shutil.copy(DATA / "store-v1.db", copy)
    before = dump(copy)
    monkeypatch.setattr(
        store.opening,
        "MIGRATIONS",
        _extra_migration(
            ("ALTER TABLE application ADD COLUMN extra TEXT", "THIS IS NOT SQL"),
        ),
    )
    with pytest.raises(sqlite3.OperationalError):
        store.open_store(copy)
    conn = sqlite3.connect(copy)
    columns = [r[1] for r in conn.execute("PRAGMA table_info(application)")]
    assert "extra" not in columns
    assert "9999_test" not in [r[0] for r in conn.execute("SELECT name FROM schema_migrations")]
    conn.close()
    assert dump(copy) == before


def test_store_from_a_newer_jobhunt_is_refused_untouched(db_path: Path) -> None:
    store.open_store(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute("INSERT INTO schema_migrations VALUES ('9999_future', 'x')")
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = db_path.read_bytes()
    with pytest.raises(StoreError, match="newer jobhunt"):
        store.open_store(db_path)
    assert db_path.read_bytes() == before
