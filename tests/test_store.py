"""The store: permissions, pragmas, transactions and concurrent writers."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from jobhunt import store
from jobhunt.backend import Target
from tests.conftest import run_subprocess

pytestmark = pytest.mark.sqlite_only(reason="SQLite connection pragmas, locks and files")


def test_new_store_is_private(db_path: Path) -> None:
    old = os.umask(0o022)
    try:
        conn = store.open_store(db_path)
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO skill (name, added_on) VALUES ('SQL', '2026-11-27')")
        conn.execute("COMMIT")
    finally:
        os.umask(old)
    assert store.file_mode(db_path.parent) == 0o700
    for name in ("jobhunt.db", "jobhunt.db-wal", "jobhunt.db-shm"):
        assert store.file_mode(db_path.parent / name) == 0o600, name


def test_connection_pragmas(db_path: Path) -> None:
    conn = store.open_store(db_path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == store.BUSY_TIMEOUT_MS
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_foreign_keys_are_enforced(db_path: Path) -> None:
    conn = store.open_store(db_path)
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute(
            "INSERT INTO application_event (application_id, kind, on_day, created_at) "
            "VALUES (999, 'applied', '2026-11-27', 'x')"
        )


def test_check_constraints_pin_stored_values(db_path: Path) -> None:
    conn = store.open_store(db_path)
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute(
            "INSERT INTO application (company, role, status, created_at, updated_at) "
            "VALUES ('A', 'B', 'hired', 'x', 'x')"
        )


def test_transaction_rolls_back_on_error(db_path: Path) -> None:
    conn = store.open_store(db_path)

    def failing_write() -> None:
        with store.transaction(conn):
            conn.execute("INSERT INTO skill (name, added_on) VALUES ('SQL', '2026-11-27')")
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        failing_write()
    assert conn.execute("SELECT count(*) FROM skill").fetchone()[0] == 0


def test_indexes_cover_the_agenda_reads(db_path: Path) -> None:
    conn = store.open_store(db_path)
    plan = " ".join(
        str(r)
        for r in conn.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM application WHERE status NOT IN ('accepted')"
        )
    )
    assert "ix_application_status" in plan or "SCAN" in plan
    plan = " ".join(
        str(r)
        for r in conn.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM application WHERE applied_on >= '2026-11-01'"
        )
    )
    assert "ix_application_applied_on" in plan


_WRITER = """
import sys
from jobhunt.cli import app
from typer.testing import CliRunner
runner = CliRunner()
tag = sys.argv[1]
failures = 0
for i in range(int(sys.argv[2])):
    result = runner.invoke(app, ["add", f"Company {tag}-{i}", "Role"])
    if result.exit_code != 0:
        failures += 1
        sys.stderr.write(result.stderr or str(result.exception))
print(failures)
"""


@pytest.mark.slow
def test_two_processes_adding_at_once_store_everything(db_path: Path) -> None:
    store.open_store(db_path).close()
    env = {**os.environ}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _WRITER, tag, "200"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for tag in ("a", "b")
    ]
    outputs = [p.communicate(timeout=300) for p in procs]
    for out, err in outputs:
        assert out.strip() == "0", err
        assert "locked" not in err
    conn = store.open_store(db_path)
    assert conn.execute("SELECT count(*) FROM application").fetchone()[0] == 400
    assert conn.execute("SELECT count(*) FROM application_event").fetchone()[0] == 400
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_locked_store_is_a_clean_error(db_path: Path) -> None:
    store.open_store(db_path).close()
    holder = sqlite3.connect(str(db_path), isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        result = run_subprocess(
            "add", "Acme", "Dev", env={"JOBHUNT_BUSY_TIMEOUT_MS": "200"}, timeout=60
        )
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.returncode == 4
    assert result.stderr.startswith("Error: the store is locked by another process")
    assert "Traceback" not in result.stderr
    conn = store.open_store(db_path)
    assert conn.execute("SELECT count(*) FROM application").fetchone()[0] == 0


@pytest.mark.parametrize(
    ("prefix", "ids"),
    [
        ("", [120, 12, 7, 1]),
        ("1", [120, 12, 1]),
        ("12", [120, 12]),
        ("7", [7]),
        ("3", []),
        ("x", []),
        ("01", []),
    ],
    ids=["all", "one", "one-two", "seven", "none", "not-a-number", "leading-zero"],
)
def test_completion_ids_match_their_decimal_prefix(
    db_path: Path, prefix: str, ids: list[int]
) -> None:
    conn = store.open_store(db_path)
    for app_id in (1, 7, 12, 120):
        conn.execute(
            "INSERT INTO application (id, company, role, created_at, updated_at) "
            "VALUES (?, 'Acme', 'Dev', 'x', 'x')",
            (app_id,),
        )
    conn.close()
    found = store.complete_ids(Target("sqlite", path=db_path), "application", "company", prefix)
    assert [int(i) for i, _ in found] == ids
    assert all(label == "Acme" for _, label in found)
