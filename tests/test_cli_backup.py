"""`jobhunt backup` and `jobhunt restore`, and the automatic backups kept before risky changes."""

from __future__ import annotations

import gc
import hashlib
import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from jobhunt import store
from jobhunt.migrations import MIGRATIONS

pytestmark = pytest.mark.sqlite_only(
    reason="backups of the store file with SQLite's backup API (PostgreSQL: tests/test_postgres.py)"
)

DATA = Path(__file__).parent / "data"
MANUAL = re.compile(r"^jobhunt-\d{8}T\d{6}Z-manual\.db$")


def dump(path: Path) -> list[str]:
    """Every row and schema statement of a store, read without changing it."""
    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def records(path: Path) -> list[str]:
    """dump() without the undo history and the record of migrations: a restore keeps the
    store's own (and adds itself to its history), not the backup's."""
    own = ('INSERT INTO "undo_', 'INSERT INTO "schema_migrations"')
    return [line for line in dump(path) if not line.startswith(own)]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def seed(jh) -> None:
    jh("add", "Acme", "Dev", "--applied", "2026-11-02", "--source", "LinkedIn")
    jh("add", "Globex", "Analyst", "--applied", "2026-11-10")
    jh("interview", "1", "--on", "2026-11-12")
    jh("contact", "add", "Ann Lee", "--company", "Acme")


def closed(db: Path) -> None:
    """Let the store settle: checkpoint the write-ahead log into the main file."""
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


# --------------------------------------------------------------------------- backup


def test_backup_makes_a_checked_private_copy(jh, db_path: Path) -> None:
    seed(jh)
    made = Path(jh("backup").stdout.strip())
    assert made.parent == db_path.parent / "backups"
    assert MANUAL.match(made.name), made.name
    assert store.file_mode(made) == 0o600
    assert store.file_mode(made.parent) == 0o700
    assert dump(made) == dump(db_path)
    conn = sqlite3.connect(made)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_backup_to_a_file_or_a_folder(jh, db_path: Path, tmp_path: Path) -> None:
    seed(jh)
    target = tmp_path / "elsewhere" / "copy.db"
    assert jh("backup", str(target)).stdout == f"{target}\n"
    assert store.file_mode(target) == 0o600
    folder = tmp_path / "folder"
    folder.mkdir()
    data = jh.json("backup", str(folder))
    made = Path(data["backup"])
    assert made.parent == folder
    assert MANUAL.match(made.name)
    assert data["bytes"] == made.stat().st_size
    assert dump(made) == dump(target) == dump(db_path)


def test_two_backups_in_the_same_second_do_not_collide(
    jh, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed(jh)
    monkeypatch.setattr(store, "backup_stamp", lambda: "20261127T090000Z")
    first = Path(jh("backup").stdout.strip())
    second = Path(jh("backup").stdout.strip())
    assert (first.name, second.name) == (
        "jobhunt-20261127T090000Z-manual.db",
        "jobhunt-20261127T090000Z-manual-2.db",
    )


def test_backup_refuses_to_overwrite(jh, db_path: Path, tmp_path: Path) -> None:
    seed(jh)
    target = tmp_path / "taken.db"
    target.write_text("mine")
    result = jh("backup", str(target), ok=False)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {target} already exists; it was left untouched")
    assert target.read_text() == "mine"


def test_backup_without_a_store_creates_nothing(jh, db_path: Path) -> None:
    result = jh("backup", ok=False)
    assert result.exit_code == 4
    assert result.stderr.startswith(f"Error: there is no store at {db_path} to back up")
    assert not db_path.parent.exists()


# --------------------------------------------------------------------------- restore


def test_backup_and_restore_round_trip(jh, db_path: Path) -> None:
    seed(jh)
    before = records(db_path)
    made = jh("backup").stdout.strip()
    jh("add", "Initech", "QA")
    jh("rm", "1", "--yes")
    changed = dump(db_path)
    assert changed != before
    out = jh("restore", made, "--yes").stdout.splitlines()
    assert out[0] == (
        f"Restored {made} (2 applications, 1 contacts, 0 events, 0 courses) into {db_path}."
    )
    kept = Path(out[1].removeprefix("The store as it was is kept in ").removesuffix("."))
    assert re.match(r"^jobhunt-\d{8}T\d{6}Z-pre-restore\.db$", kept.name)
    assert store.file_mode(kept) == 0o600
    assert records(db_path) == before
    assert dump(kept) == changed
    assert [a["company"] for a in jh.json("list", "--all")["applications"]] == ["Acme", "Globex"]
    assert store.file_mode(db_path) == 0o600
    assert sorted(p.name for p in db_path.parent.iterdir() if p.name.startswith(".")) == []


def test_restore_reaches_connections_already_open(jh, db_path: Path) -> None:
    """The backup API writes into the live store: a process that has it open sees the
    restored data (a file swapped underneath it would keep showing the old one)."""
    seed(jh)
    made = jh("backup").stdout.strip()
    jh("add", "Initech", "QA")
    other = sqlite3.connect(db_path)
    assert other.execute("SELECT count(*) FROM application").fetchone()[0] == 3
    jh("restore", made, "--yes")
    assert other.execute("SELECT count(*) FROM application").fetchone()[0] == 2
    other.close()


def test_restore_asks_first(jh, db_path: Path) -> None:
    seed(jh)
    made = jh("backup").stdout.strip()
    jh("add", "Initech", "QA")
    before = dump(db_path)
    result = jh("restore", made, ok=False)
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: Replace the store {db_path} (3 applications, 1 contacts, 0 events, 0 courses) "
        f"with {made} (2 applications, 1 contacts, 0 events, 0 courses)? A copy of the current "
        "store is kept first. Refusing without --yes when not run interactively\n"
    )
    assert dump(db_path) == before
    assert store.auto_backups(db_path) == []


def test_restore_into_a_new_store(jh, db_path: Path, tmp_path: Path) -> None:
    seed(jh)
    made = jh("backup").stdout.strip()
    other = tmp_path / "new" / "fresh.db"
    data = jh.json("--db", str(other), "restore", made)
    assert data["previous"] is None
    assert data["counts"] == {"applications": 2, "contacts": 1, "events": 0, "courses": 0}
    assert records(other) == records(db_path)
    assert store.file_mode(other) == 0o600


def test_restore_an_older_store_migrates_it(jh, db_path: Path) -> None:
    jh("add", "Acme", "Dev")
    old = DATA / "store-v1.db"
    jh("restore", str(old), "--yes")
    conn = sqlite3.connect(db_path)
    applied = [r[0] for r in conn.execute("SELECT name FROM schema_migrations ORDER BY name")]
    conn.close()
    assert applied == [m.name for m in MIGRATIONS]
    assert len(jh.json("list", "--all")["applications"]) == 3
    # The backup's copy is brought up to date, not the store: no migration backup.
    assert [p.name.rsplit("-pre-", 1)[1] for p in store.auto_backups(db_path)] == ["restore.db"]


def test_restore_a_store_with_another_page_size(jh, db_path: Path, tmp_path: Path) -> None:
    seed(jh)
    odd = tmp_path / "odd.db"
    conn = sqlite3.connect(odd, isolation_level=None)
    conn.execute("PRAGMA page_size = 8192")
    store.migrate(conn)
    conn.execute(
        "INSERT INTO application (company, role, status, created_at, updated_at) "
        "VALUES ('Odd', 'Dev', 'saved', 'x', 'x')"
    )
    assert conn.execute("PRAGMA page_size").fetchone()[0] == 8192
    conn.close()
    jh("restore", str(odd), "--yes")
    assert [a["company"] for a in jh.json("list", "--all")["applications"]] == ["Odd"]


def _not_sqlite(path: Path, good: Path) -> None:
    path.write_bytes(b"company,role\nAcme,Dev\n")


def _corrupt(path: Path, good: Path) -> None:
    data = bytearray(good.read_bytes())
    page = 4096
    data[page : page * 6] = b"\xa5" * (page * 5)  # pages 2-6: tables' b-trees
    path.write_bytes(bytes(data))


def _bad_index(path: Path, good: Path) -> None:
    """Readable, but an index no longer matches its table: only integrity_check sees it."""
    shutil.copy(good, path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA writable_schema = 1")
    conn.execute(
        "UPDATE sqlite_master SET sql = 'CREATE INDEX ix_application_status ON application (role)' "
        "WHERE name = 'ix_application_status'"
    )
    conn.commit()
    conn.close()


def _other_sqlite(path: Path, good: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.commit()
    conn.close()


def _newer(path: Path, good: Path) -> None:
    shutil.copy(good, path)
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO schema_migrations VALUES ('9999_future', 'x')")
    conn.commit()
    conn.close()


def _hollow(path: Path, good: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT)")
    conn.execute("INSERT INTO schema_migrations VALUES ('0001_initial', 'x')")
    conn.commit()
    conn.close()


def _empty(path: Path, good: Path) -> None:
    path.write_bytes(b"")


@pytest.mark.parametrize(
    ("make", "exit_code", "message"),
    [
        (_not_sqlite, 4, "{path} is not an SQLite database; nothing was restored"),
        (_empty, 4, "{path} is not an SQLite database; nothing was restored"),
        (
            _corrupt,
            4,
            "{path} is not a usable SQLite database (database disk image is malformed); "
            "nothing was restored",
        ),
        (
            _bad_index,
            4,
            "{path} is damaged (integrity check: row 1 missing from index ix_application_status; "
            "row 2 missing from index ix_application_status); nothing was restored",
        ),
        (_other_sqlite, 4, "{path} is an SQLite database but not a jobhunt store"),
        (_newer, 4, "{path} was written by a newer jobhunt (schema 9999_future)"),
        (_hollow, 4, "{path} is not a complete jobhunt store (missing application, "),
        (None, 3, "no backup file at {path}"),
    ],
    ids=[
        "not-sqlite",
        "empty",
        "corrupt",
        "bad-index",
        "not-jobhunt",
        "newer-schema",
        "no-tables",
        "missing",
    ],
)
def test_restore_refuses_a_bad_file_and_leaves_the_store(
    jh, db_path: Path, tmp_path: Path, make, exit_code: int, message: str
) -> None:
    seed(jh)
    good = Path(jh("backup").stdout.strip())
    bad = tmp_path / "bad.db"
    if make is not None:
        make(bad, good)
    closed(db_path)
    before = digest(db_path)
    listing = sorted(p.name for p in db_path.parent.rglob("*"))
    result = jh("restore", str(bad), "--yes", ok=False)
    assert result.exit_code == exit_code
    assert result.stdout == ""
    assert result.stderr.startswith("Error: " + message.format(path=bad)), result.stderr
    assert "Traceback" not in result.stderr
    assert digest(db_path) == before
    assert sorted(p.name for p in db_path.parent.rglob("*")) == listing


def test_restore_refuses_the_store_itself(jh, db_path: Path) -> None:
    seed(jh)
    result = jh("restore", str(db_path), "--yes", ok=False)
    assert result.exit_code == 2
    assert result.stderr == f"Error: {db_path} is the store itself; give a backup file\n"


# --------------------------------------------------------------------------- automatic backups


def _stamps(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each backup a second later than the one before."""
    counter = iter(range(10, 60))
    monkeypatch.setattr(store.backups, "backup_stamp", lambda: f"20261127T0900{next(counter)}Z")


def test_rotation_keeps_the_newest_automatic_backups_only(
    jh, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed(jh)
    manual = Path(jh("backup").stdout.strip())
    other_store = db_path.parent / "backups" / "jobhunt-old-20261101T000000Z-pre-import.db"
    other_store.write_bytes(b"")
    _stamps(monkeypatch)
    conn = store.open_store(db_path)
    made = [store.auto_backup(conn, db_path, reason="import", keep=3) for _ in range(5)]
    conn.close()
    kept = store.auto_backups(db_path)
    assert kept == made[-3:]
    assert [p.name for p in kept] == [
        "jobhunt-20261127T090012Z-pre-import.db",
        "jobhunt-20261127T090013Z-pre-import.db",
        "jobhunt-20261127T090014Z-pre-import.db",
    ]
    assert manual.exists()
    assert other_store.exists()
    assert all(store.file_mode(p) == 0o600 for p in kept)


def test_rotation_orders_backups_of_the_same_second(db_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(store.backups, "backup_stamp", lambda: "20261127T090000Z")
    conn = store.open_store(db_path)
    made = [store.auto_backup(conn, db_path, reason="import", keep=2) for _ in range(4)]
    conn.close()
    assert [p.name for p in made] == [
        "jobhunt-20261127T090000Z-pre-import.db",
        "jobhunt-20261127T090000Z-pre-import-2.db",
        "jobhunt-20261127T090000Z-pre-import-3.db",
        "jobhunt-20261127T090000Z-pre-import-4.db",
    ]
    assert store.auto_backups(db_path) == made[-2:]


def test_default_rotation_keeps_ten(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _stamps(monkeypatch)
    conn = store.open_store(db_path)
    made = [store.auto_backup(conn, db_path, reason="restore") for _ in range(12)]
    conn.close()
    assert store.auto_backups(db_path) == made[2:]


@pytest.mark.parametrize(
    ("reason", "keep"),
    [("Import", 10), ("pre import", 10), ("../x", 10), ("", 10), ("import", 0)],
    ids=["uppercase", "space", "path", "empty", "keep-none"],
)
def test_auto_backup_refuses_bad_arguments(db_path: Path, reason: str, keep: int) -> None:
    conn = store.open_store(db_path)
    with pytest.raises(ValueError, match=r"backup reason|keep at least"):
        store.auto_backup(conn, db_path, reason=reason, keep=keep)
    conn.close()
    assert not store.backup_dir(db_path).exists()


def test_migration_backups_are_automatic_backups(tmp_path: Path, monkeypatch) -> None:
    old = tmp_path / "old.db"
    shutil.copy(DATA / "store-v1.db", old)
    store.open_store(old).close()
    (made,) = store.auto_backups(old)
    assert re.match(r"^old-\d{8}T\d{6}Z-pre-migration\.db$", made.name)


def _truncate(db: Path) -> None:
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 2])


def _scramble(db: Path) -> None:
    data = bytearray(db.read_bytes())
    data[4096 : 4096 * 6] = b"\xa5" * (4096 * 5)
    db.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", [_truncate, _scramble], ids=["truncated", "scrambled"])
def test_restore_replaces_a_damaged_store(jh, db_path: Path, damage) -> None:
    seed(jh)
    made = jh("backup").stdout.strip()
    good = records(db_path)
    gc.collect()  # close the in-process commands' connections before damaging the file
    closed(db_path)
    damage(db_path)
    damaged_bytes = db_path.read_bytes()
    assert jh("list", ok=False).exit_code == 4
    gc.collect()
    refused = jh("restore", made, ok=False)
    assert refused.exit_code == 2
    assert "is damaged" in refused.stderr
    assert "The damaged file is kept in the backups folder." in refused.stderr
    assert db_path.read_bytes() == damaged_bytes
    out = jh("restore", made, "--yes").stdout.splitlines()
    assert (
        out[0]
        == f"Restored {made} (2 applications, 1 contacts, 0 events, 0 courses) into {db_path}."
    )
    kept = Path(out[1].removeprefix("The damaged store was moved to ").removesuffix("."))
    assert re.match(r"^jobhunt-\d{8}T\d{6}Z-pre-restore\.db$", kept.name)
    assert kept.read_bytes() == damaged_bytes
    assert records(db_path) == good
    assert store.file_mode(db_path) == 0o600
    assert jh.json("list", "--all")["applications"][0]["company"] == "Acme"


def test_restore_still_refuses_to_replace_a_file_that_is_not_a_store(
    jh, db_path: Path, tmp_path: Path
) -> None:
    seed(jh)
    made = jh("backup").stdout.strip()
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes")
    result = jh("--db", str(notes), "restore", made, "--yes", ok=False)
    assert result.exit_code == 4
    assert result.stderr.startswith(f"Error: {notes} is not a jobhunt store")
    assert notes.read_text() == "my notes"
