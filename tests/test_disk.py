"""Full disks, kills and careless targets around the store's files: a failed backup
leaves no file and names itself, bad backups never push good ones out, an export never
overwrites a store or a backup, a full disk is called a full disk, and what a killed
command leaves behind is cleaned or reported."""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path

import pytest

from jobhunt import store
from jobhunt.store import connection, files

pytestmark = pytest.mark.sqlite_only(reason="files beside the SQLite store")

FULL = "database or disk is full"


def disk_full_backups(monkeypatch: pytest.MonkeyPatch) -> None:
    """SQLite's backup API fails as on a full disk, after writing part of the copy."""

    def backup(self, target, **kwargs):  # type: ignore[no-untyped-def]
        target.execute("CREATE TABLE partial (a)")
        target.commit()
        raise sqlite3.OperationalError(FULL)

    monkeypatch.setattr(connection._Connection, "backup", backup)


def backups_of(db: Path) -> list[Path]:
    folder = db.parent / "backups"
    return sorted(folder.iterdir()) if folder.is_dir() else []


# --------------------------------------------------------------------------- 2. full disk, backups


def test_a_failed_backup_leaves_no_file_and_names_itself(
    jh, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    jh("add", "Acme", "Dev")
    disk_full_backups(monkeypatch)
    result = jh("backup", ok=False)
    assert result.exit_code == 4
    assert result.stderr.startswith("Error: cannot write the backup"), result.stderr
    assert "disk is full" in result.stderr
    assert backups_of(db_path) == []
    source = db_path.parent / "apps.csv"
    source.write_text("Company,Title,Date Applied\nBeta,QA,2026-11-20\n", encoding="utf-8")
    result = jh("import", "csv", str(source), ok=False)
    assert result.exit_code == 4
    assert "cannot write the backup before the import" in result.stderr, result.stderr
    assert "cannot write the store" not in result.stderr
    assert backups_of(db_path) == []
    assert [a["company"] for a in jh.json("list")["applications"]] == ["Acme"]


def test_pruning_counts_only_backups_that_pass_their_check(
    jh, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    jh("add", "Acme", "Dev")
    counter = iter(range(10, 60))
    monkeypatch.setattr(store.backups, "backup_stamp", lambda: f"20261127T0900{next(counter)}Z")
    conn = store.open_store(db_path)
    good = [store.auto_backup(conn, db_path, reason="import") for _ in range(10)]
    # What an older jobhunt left on a full disk: empty and cut-short "backups", newer.
    junk = []
    for n in range(9):
        bad = db_path.parent / "backups" / f"jobhunt-20261127T0901{n:02d}Z-pre-import.db"
        bad.write_bytes(b"" if n % 2 else good[0].read_bytes()[:1000])
        junk.append(bad)
    monkeypatch.setattr(store.backups, "backup_stamp", lambda: "20261127T091000Z")
    newest = store.auto_backup(conn, db_path, reason="import")
    conn.close()
    assert store.auto_backups(db_path) == [*good[1:], newest]
    assert all(p.exists() for p in good[1:])
    doctor = jh("doctor", ok=False)
    assert "BAD backups: 9 backup files fail their check" in doctor.stdout, doctor.stdout


# --------------------------------------------------------------------------- 3. export targets


def test_an_export_never_overwrites_a_store_or_a_backup(jh, db_path: Path) -> None:
    jh("--profile", "ann", "add", "Acme", "Dev")
    jh("add", "Beta", "QA")
    made = Path(jh("backup").stdout.strip())
    ann = db_path.with_name("jobhunt.ann.db")
    for target in (ann, made, db_path):
        before = target.read_bytes()
        result = jh("export", "json", "-o", str(target), ok=False)
        assert result.exit_code == 2, result.stdout + result.stderr
        assert "refusing to overwrite" in result.stderr
        assert "store" in result.stderr
        assert target.read_bytes() == before
    assert [a["company"] for a in jh.json("--profile", "ann", "list")["applications"]] == ["Acme"]


def test_an_export_path_ending_in_a_slash_is_a_folder(jh, db_path: Path) -> None:
    jh("add", "Acme", "Dev")
    missing = db_path.parent / "backups"
    result = jh("export", "csv", "applications", "-o", f"{missing}/", ok=False)
    assert result.exit_code == 2
    assert "folder" in result.stderr, result.stderr
    assert not missing.exists()
    jh("backup")
    assert missing.is_dir()


# --------------------------------------------------------------------------- 13. full disk, leftovers


class _FullDisk:
    """os.statvfs as on a disk with no space left."""

    f_bavail = 0
    f_frsize = 4096
    f_bsize = 4096


@pytest.mark.parametrize("args", [("list",), ("today",), ("doctor",), ("export", "json")], ids=str)
def test_a_full_disk_is_called_a_full_disk(
    jh, db_path: Path, monkeypatch: pytest.MonkeyPatch, args
) -> None:
    jh("add", "Acme", "Dev")
    real_connect = sqlite3.connect

    def connect(*a, **kw):  # type: ignore[no-untyped-def]
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(files.sqlite3, "connect", connect)
    monkeypatch.setattr(os, "statvfs", lambda path: _FullDisk())
    try:
        result = jh(*args, ok=False)
    finally:
        monkeypatch.setattr(files.sqlite3, "connect", real_connect)
    assert result.exit_code == 4, result.stdout + result.stderr
    assert "the disk is full" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def _killed(db: Path, patch: str, *args: str) -> None:
    """Run jobhunt in a process that kills itself with SIGKILL where `patch` says."""
    code = f"import os, signal\n{patch}\nfrom jobhunt.cli import main\nmain()"
    import subprocess

    result = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        env={**os.environ, "JOBHUNT_DB": str(db)},
        timeout=60,
        check=False,
    )
    assert result.returncode == -9, result.stderr


KILL_AFTER_STAGING = """
from jobhunt import store
_stage = store.stage_restore
def stage(*a, **kw):
    _stage(*a, **kw)
    os.kill(os.getpid(), signal.SIGKILL)
store.stage_restore = stage
"""

KILL_IN_BACKUP = """
from jobhunt.store import connection
def backup(self, target, **kw):
    target.execute("CREATE TABLE partial (a)")
    target.execute("BEGIN")
    target.execute("INSERT INTO partial VALUES (1)")
    os.kill(os.getpid(), signal.SIGKILL)
connection._Connection.backup = backup
"""


def test_what_a_killed_restore_or_backup_leaves_is_reported_and_cleaned(
    jh, db_path: Path, tmp_path: Path
) -> None:
    jh("add", "Acme", "Dev")
    made = tmp_path / "b.db"
    jh("backup", str(made))
    _killed(db_path, KILL_AFTER_STAGING, "restore", str(made), "--yes")
    hidden = [p.name for p in db_path.parent.iterdir() if p.name.startswith(".restore-")]
    assert hidden, "the kill left the staged copy"
    doctor = jh("doctor", ok=False)
    assert doctor.exit_code == 1
    assert "BAD leftovers:" in doctor.stdout, doctor.stdout
    assert "rm " in doctor.stdout
    jh("restore", str(made), "--yes")
    assert [p.name for p in db_path.parent.iterdir() if p.name.startswith(".")] == []
    assert "leftovers" not in jh("doctor").stdout

    target = tmp_path / "copy.db"
    _killed(db_path, KILL_IN_BACKUP, "backup", str(target))
    assert jh("backup", str(target)).stdout.strip() == str(target)
    conn = sqlite3.connect(target)
    assert conn.execute("SELECT count(*) FROM application").fetchone()[0] == 1
    conn.close()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(("copy", ".copy"))) == [
        "copy.db"
    ]
