"""Restore, undo and the schema under attack: nothing written during a restore is lost,
a restore is its own undo step, and nothing in a store or backup file runs as SQL that
jobhunt did not write. Runs on both backends (a backup is always an SQLite file)."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from jobhunt import store
from tests import storeview

RECORDS = ("application", "contact", "interaction", "meetup", "course", "skill")


def companies(jh) -> list[str]:
    return sorted(a["company"] for a in jh.json("list", "--all")["applications"])


def records(db: Path) -> dict[str, list[tuple]]:
    return storeview.tables(db, RECORDS)


def make_backup(jh, tmp_path: Path, name: str = "b.db") -> Path:
    target = tmp_path / "kept" / name
    jh("backup", str(target))
    return target


def pre_restore_copies(db_path: Path) -> list[Path]:
    if storeview.on_pg():
        from jobhunt.cli.backup import pg_backup_dir

        return sorted(pg_backup_dir().glob("*-pre-restore.db"))
    return sorted((db_path.parent / "backups").glob("*-pre-restore.db"))


def companies_in_file(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute("SELECT company FROM application")}
    finally:
        conn.close()


# --------------------------------------------------------------------------- 1. restore vs writers


def test_a_write_during_a_restore_is_kept_or_refused(
    jh, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another jobhunt adds a record at the worst moment: right after the copy of the
    current store is made. It must land in that copy, wait and land after the restore,
    or be refused; never vanish."""
    from jobhunt.cli import backup as cli_backup
    from jobhunt.store import backups

    jh("add", "Acme", "Dev")
    small = make_backup(jh, tmp_path)
    jh("add", "Beta", "QA")
    started: list[subprocess.Popen] = []

    def then_someone_writes(made):  # type: ignore[no-untyped-def]
        def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
            out = made(*args, **kwargs)
            if not started:
                started.append(
                    subprocess.Popen(
                        [sys.executable, "-m", "jobhunt", "add", "Sneaky", "Write"],
                        stdout=subprocess.PIPE,
                        stderr=subprocess.PIPE,
                        text=True,
                        env={**os.environ, "JOBHUNT_BUSY_TIMEOUT_MS": "400"},
                    )
                )
                # Unhindered, the add is done well within this; a queued one waits.
                with contextlib.suppress(subprocess.TimeoutExpired):
                    started[0].wait(timeout=3)
            return out

        return wrapper

    monkeypatch.setattr(backups, "backup_named", then_someone_writes(backups.backup_named))
    monkeypatch.setattr(
        cli_backup, "copy_to_new_file", then_someone_writes(cli_backup.copy_to_new_file)
    )
    jh("restore", str(small), "--yes")
    (sneaky,) = started
    out, err = sneaky.communicate(timeout=60)
    (kept,) = pre_restore_copies(db_path)
    assert companies_in_file(kept) >= {"Acme", "Beta"}
    if sneaky.returncode == 0:
        assert "Sneaky" in companies(jh) or "Sneaky" in companies_in_file(kept), out
    else:
        assert "locked" in err, err


# --------------------------------------------------------------------------- 4. undo after restore


def test_undo_right_after_a_restore_brings_back_the_store_as_it_was(
    jh, db_path: Path, tmp_path: Path
) -> None:
    jh("add", "A1", "Dev")
    jh("add", "A2", "Dev")
    backup = make_backup(jh, tmp_path)
    jh("add", "A3", "Dev")
    jh("contact", "add", "Ann")
    jh("restore", str(backup), "--yes")
    assert companies(jh) == ["A1", "A2"]
    assert jh.json("contact", "list")["contacts"] == []
    undone = jh("undo").stdout
    assert undone.startswith(f"Reverted: jobhunt restore {backup} --yes"), undone
    assert companies(jh) == ["A1", "A2", "A3"]
    assert [c["name"] for c in jh.json("contact", "list")["contacts"]] == ["Ann"]
    # Further back is the history of the store as it was, not the backup's.
    assert jh("undo").stdout.startswith("Reverted: jobhunt contact add Ann")
    assert jh("undo").stdout.startswith("Reverted: jobhunt add A3 Dev")
    assert companies(jh) == ["A1", "A2"]


# --------------------------------------------------------------------------- 5. nothing runs


def plant_undo_sql(path: Path, statements: list[str]) -> None:
    """Write SQL text into a file's undo history, as the old undo_log format held it."""
    conn = sqlite3.connect(path)
    try:
        columns = [r[1] for r in conn.execute("PRAGMA table_info(undo_log)")]
        conn.execute("INSERT INTO undo_point (label, created_at) VALUES ('jobhunt add X', 'now')")
        point = conn.execute("SELECT max(id) FROM undo_point").fetchone()[0]
        for sql in statements:
            if "statement" in columns:
                conn.execute(
                    "INSERT INTO undo_log (point_id, statement) VALUES (?, ?)", (point, sql)
                )
            else:  # the current format: data only; a table name that is really SQL
                conn.execute(
                    "INSERT INTO undo_log (point_id, tbl, op, row_key, old) VALUES (?, ?, 'delete', '1', ?)",
                    (point, sql, json.dumps({"company": ["text", "x"]})),
                )
        conn.commit()
    finally:
        conn.close()


def v2_store(tmp_path: Path) -> Path:
    """A store as jobhunt 0002_undo made it, with one application."""
    from jobhunt.migrations import BOOKKEEPING, MIGRATIONS

    path = tmp_path / "v2" / "jobhunt.db"
    path.parent.mkdir()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(BOOKKEEPING)
    for migration in MIGRATIONS[:2]:
        for statement in migration.statements:
            conn.execute(statement)
        conn.execute("INSERT INTO schema_migrations VALUES (?, 'then')", (migration.name,))
    conn.execute(
        "INSERT INTO application (company, role, created_at, updated_at) VALUES ('Old', 'Dev', 'x', 'x')"
    )
    conn.close()
    return path


@pytest.mark.parametrize("where", ["restored-backup", "store-itself"])
def test_sql_text_in_a_file_never_runs(jh, db_path: Path, tmp_path: Path, where: str) -> None:
    planted = tmp_path / "elsewhere" / "planted.db"
    planted.parent.mkdir()
    # Replayed newest first: ATTACH, then CREATE (which makes the file), as undo ran them.
    attack = ["CREATE TABLE x.t (a)", f"ATTACH DATABASE '{planted}' AS x"]
    crafted = v2_store(tmp_path)
    plant_undo_sql(crafted, attack)
    if where == "restored-backup":
        jh("add", "Acme", "Dev")
        jh("restore", str(crafted), "--yes")
        runs = [jh("undo", ok=False), jh("undo", ok=False), jh("undo", ok=False)]
    else:
        runs = [jh("--db", str(crafted), "undo", ok=False) for _ in range(3)]
    for result in runs:
        assert "Traceback" not in result.stderr
        assert result.exit_code in (0, 1), result.stderr
    assert not planted.exists()
    assert list(planted.parent.iterdir()) == []


def test_a_forged_undo_record_is_a_clean_error(jh, db_path: Path) -> None:
    if storeview.on_pg():
        pytest.skip("the forged record is written into an SQLite file")
    jh("add", "Acme", "Dev")
    plant_undo_sql(db_path, ["application; DROP TABLE contact; --", "contact"])
    before = storeview.dump(db_path)
    result = jh("undo", ok=False)
    assert result.exit_code == 4, result.stderr
    assert result.stderr.startswith("Error: cannot undo 'jobhunt add X'")
    assert "Traceback" not in result.stderr
    assert storeview.dump(db_path) == before


FOREIGN = {
    "trigger": "CREATE TRIGGER evil AFTER INSERT ON contact BEGIN UPDATE contact SET note = 'tampered by trigger' WHERE id = NEW.id; END",
    "view": "CREATE VIEW peek AS SELECT * FROM contact",
    "index": "CREATE INDEX ix_note ON contact (note)",
    "table": "CREATE TABLE extra (a)",
    "column": "ALTER TABLE contact ADD COLUMN secret TEXT",
    "dropped-undo-trigger": "DROP TRIGGER undo_application_insert",
    "view-named-like-sqlite": "PRAGMA writable_schema = 1; INSERT INTO sqlite_master VALUES ('view', 'sqlite_stat1', 'sqlite_stat1', 0, 'CREATE VIEW sqlite_stat1 AS SELECT 1')",
}  # fmt: skip


@pytest.mark.parametrize("sql", FOREIGN.values(), ids=FOREIGN.keys())
def test_restore_refuses_a_backup_whose_schema_jobhunt_did_not_make(
    jh, db_path: Path, tmp_path: Path, sql: str
) -> None:
    jh("add", "Acme", "Dev")
    backup = make_backup(jh, tmp_path)
    conn = sqlite3.connect(backup)
    conn.executescript(sql)
    conn.commit()
    conn.close()
    jh("add", "Beta", "QA")
    before = records(db_path)
    result = jh("restore", str(backup), "--yes", ok=False)
    assert result.exit_code == 4, result.stdout + result.stderr
    assert result.stderr.startswith(f"Error: {backup} holds a schema jobhunt did not make"), (
        result.stderr
    )
    assert "Traceback" not in result.stderr
    assert records(db_path) == before
    assert pre_restore_copies(db_path) == []


PG_FOREIGN = {
    "trigger": [
        "CREATE FUNCTION evil() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.note := 'tampered by trigger'; RETURN NEW; END $$",
        "CREATE TRIGGER evil BEFORE INSERT ON contact FOR EACH ROW EXECUTE FUNCTION evil()",
    ],
    "view": ["CREATE VIEW peek AS SELECT * FROM contact"],
    "index": ["CREATE INDEX ix_note ON contact (note)"],
    "table": ["CREATE TABLE extra (a int)"],
    "column": ["ALTER TABLE contact ADD COLUMN secret TEXT"],
    "dropped-undo-trigger": ["DROP TRIGGER undo_application ON application"],
}  # fmt: skip


@pytest.mark.parametrize("kind", PG_FOREIGN.keys())
def test_a_store_with_a_foreign_schema_is_refused_and_doctor_says_so(
    jh, db_path: Path, kind: str
) -> None:
    jh("add", "Acme", "Dev")
    for sql in PG_FOREIGN[kind] if storeview.on_pg() else [FOREIGN[kind]]:
        storeview.execute(db_path, sql)
    before = records(db_path)
    result = jh("contact", "add", "Bob", "--note", "hello", ok=False)
    assert result.exit_code == 4, result.stdout + result.stderr
    assert "holds a schema jobhunt did not make" in result.stderr
    assert "Traceback" not in result.stderr
    assert records(db_path) == before
    doctor = jh("doctor", ok=False)
    assert doctor.exit_code == 1, doctor.stdout + doctor.stderr
    assert "BAD schema:" in doctor.stdout, doctor.stdout
    if kind in ("trigger", "view", "index", "table"):
        assert (
            "evil"
            if kind == "trigger"
            else {"view": "peek", "index": "ix_note", "table": "extra"}[kind]
        ) in doctor.stdout


def test_the_everyday_open_rebuilds_no_schema(jh, db_path: Path) -> None:
    """The everyday open compares one digest of the schema text: no in-memory rebuild
    of the migrations unless the digest differs."""
    if storeview.on_pg():
        pytest.skip("the SQLite fast path")
    from jobhunt.store import schema

    jh("add", "Acme", "Dev")
    schema.expected.cache_clear()
    conn = store.open_store(db_path)
    conn.close()
    assert schema.expected.cache_info().currsize == 0


def test_the_known_schema_digests_are_current() -> None:
    """schema.KNOWN holds the digest of what each version of the migrations makes (a new
    migration adds its line: python -c 'from jobhunt.store import schema; ...')."""
    from jobhunt.migrations import MIGRATIONS
    from jobhunt.store import schema

    for n, migration in enumerate(MIGRATIONS, 1):
        applied = frozenset(m.name for m in MIGRATIONS[:n])
        assert schema.KNOWN.get(migration.name) == schema.digest(schema.expected(applied))
