"""PostgreSQL as the store, and profiles (on both backends).

Tests marked `postgres` need a server (JOBHUNT_TEST_PG_URL, started by .ci/run with
scripts/pg-test-server); without one they are skipped with the reason. The rest of
the suite runs against PostgreSQL too with `pytest --backend=postgresql`.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from jobhunt import backend
from jobhunt.errors import InputError
from jobhunt.migrations import MIGRATIONS
from tests.conftest import PG_URL, drop_pg_profiles, run_subprocess

SECRET = "s3cr3t-Pa55"
LATEST = f"version {len(MIGRATIONS)} ({MIGRATIONS[-1].name})"  # what doctor reports


@pytest.fixture
def pg(monkeypatch: pytest.MonkeyPatch) -> str:
    """The test server's URL as JOBHUNT_DB, with every profile schema dropped around."""
    drop_pg_profiles()
    monkeypatch.setenv("JOBHUNT_DB", PG_URL)
    yield PG_URL
    drop_pg_profiles()


def _with_password(url: str, password: str) -> str:
    parts = urlsplit(url)
    user, host = parts.netloc.rsplit("@", 1)
    return urlunsplit(parts._replace(netloc=f"{user}:{password}@{host}"))


def _schemas() -> list[str]:
    import psycopg

    with psycopg.connect(PG_URL, autocommit=True) as conn:
        rows = conn.execute(
            "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'jobhunt%%' ORDER BY 1"
        )
        return [r[0] for r in rows]


# --------------------------------------------------------------------------- targets


@pytest.mark.parametrize(
    ("text", "kind", "shown"),
    [
        ("postgresql://u@h/db", "postgresql", "postgresql://u@h/db"),
        ("postgresql+psycopg://u@h:5/db", "postgresql", "postgresql+psycopg://u@h:5/db"),
        ("postgres://u@h/db?sslmode=require", "postgresql", "postgres://u@h/db?sslmode=require"),
        ("/tmp/x.db", "sqlite", "/tmp/x.db"),
        ("sqlite:////tmp/x.db", "sqlite", "/tmp/x.db"),
    ],
    ids=["postgresql", "psycopg-dialect", "postgres-alias", "path", "sqlite-url"],
)
def test_targets(text: str, kind: str, shown: str) -> None:
    target = backend.parse(text, profile="default", from_command_line=True)
    assert (target.kind, target.shown) == (kind, shown)


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql://u:pw@h/db", "postgresql://u:***@h/db"),
        ("postgresql://u:p%40ss@h:5432/db", "postgresql://u:***@h:5432/db"),
        ("postgresql://u@h/db?password=pw&sslmode=require", "postgresql://u@h/db?password=***&sslmode=require"),
        ("postgresql://h/db", "postgresql://h/db"),
        ("postgresql://u:pw#x@h/db", "postgresql://u:***@h/db"),
        ("postgresql://u:pw?x@h/db?sslmode=require", "postgresql://u:***@h/db?sslmode=require"),
        ("postgresql://u:pw@[::1/x", "postgresql://u:***@[::1/x"),
        ("postgresql://", "postgresql://"),
    ],
    ids=["userinfo", "encoded", "query", "none", "hash", "question-mark", "malformed", "empty"],
)  # fmt: skip
def test_mask(url: str, shown: str) -> None:
    assert backend.mask(url) == shown
    assert "pw" not in backend.mask(url).replace("password", "")


@pytest.mark.parametrize(
    "text",
    [
        "postgresql://u:pw@h/db",
        "postgres://u@h/db?password=pw",
        "postgresql://u:p#w@h/db",
        "postgresql://u:p?w@h/db",
        "postgresql://u:pw@[::1/x",
    ],
    ids=["userinfo", "query", "hash", "question-mark", "malformed"],
)
def test_password_on_the_command_line_is_refused(text: str) -> None:
    with pytest.raises(InputError, match="password"):
        backend.parse(text, profile="default", from_command_line=True)
    # The same URL from the environment is fine (not visible to other users).
    assert backend.parse(text, profile="default", from_command_line=False).is_pg


def test_unsupported_url_is_an_input_error(jh) -> None:
    result = jh("--db", "mysql://u:pw@h/db", "list", ok=False)
    assert result.exit_code == 2
    assert "unsupported store" in result.stderr
    assert "pw" not in result.stderr.replace("postgresql", "")


# --------------------------------------------------------------------------- profiles


@pytest.mark.parametrize(
    "name",
    ["Alice", "-x", "a b", "a/b", "", "x" * 41, "é"],
    ids=["upper", "dash-first", "space", "slash", "empty", "too-long", "non-ascii"],
)
def test_bad_profile_names_are_refused(jh, name: str) -> None:
    result = jh("--profile", name, "list", ok=False)
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: bad profile name")


def test_profiles_keep_records_apart(jh) -> None:
    jh("--profile", "alice", "add", "Acme", "Dev")
    jh("add", "Beta", "QA", env={"JOBHUNT_PROFILE": "bob"})
    alice = jh.json("--profile", "alice", "list")["applications"]
    bob = jh.json("--profile", "bob", "list")["applications"]
    default = jh.json("list")["applications"]
    assert [a["company"] for a in alice] == ["Acme"]
    assert [a["company"] for a in bob] == ["Beta"]
    assert default == []
    # Ids are per profile, and one profile cannot reach another's records.
    assert alice[0]["id"] == bob[0]["id"] == 1
    jh("--profile", "bob", "rm", "1", "--yes")
    assert [a["company"] for a in jh.json("--profile", "alice", "list")["applications"]] == ["Acme"]
    # Undo is per profile too.
    jh("--profile", "alice", "undo", ok=False)
    jh("--profile", "bob", "undo")
    assert len(jh.json("--profile", "bob", "list")["applications"]) == 1


def test_profiles_lists_each_profile_with_its_records(jh) -> None:
    jh("--profile", "ann", "add", "Acme", "Dev")
    jh("--profile", "ann", "add", "Beta", "QA")
    jh("--profile", "bo", "contact", "add", "Cy")
    jh("add", "Gamma", "Ops")
    listed = jh.json("--profile", "bo", "profiles")["profiles"]
    assert [
        (p["profile"], p["counts"]["applications"], p["counts"]["contacts"]) for p in listed
    ] == [
        ("ann", 2, 0),
        ("bo", 0, 1),
        ("default", 1, 0),
    ]
    assert jh("profiles").stdout == "ann\t2\t0\t0\t0\nbo\t0\t1\t0\t0\ndefault\t1\t0\t0\t0\n"


def test_sqlite_profiles_are_files_beside_the_store(jh, db_path: Path, backend: str) -> None:
    if backend != "sqlite":
        pytest.skip("about SQLite files")
    jh("--profile", "client-7", "add", "Acme", "Dev")
    assert (db_path.parent / "jobhunt.client-7.db").is_file()
    assert not db_path.exists()


# --------------------------------------------------------------------------- PostgreSQL

postgres = pytest.mark.postgres


@postgres
def test_profiles_are_schemas(jh, pg: str) -> None:
    jh("--profile", "alice", "add", "Acme", "Dev")
    jh("add", "Beta", "QA")
    assert _schemas() == ["jobhunt_alice", "jobhunt_default"]


@postgres
def test_password_in_db_option_writes_nothing(jh, pg: str) -> None:
    result = jh("--db", _with_password(pg, SECRET), "add", "Acme", "Dev", ok=False)
    assert result.exit_code == 2
    assert SECRET not in result.stdout + result.stderr
    assert "password" in result.stderr
    assert _schemas() == []


@postgres
def test_password_from_the_environment_is_never_shown(jh, pg: str) -> None:
    url = _with_password(pg, SECRET)
    env = {"JOBHUNT_DB": url, "PGPASSFILE": "/nonexistent"}
    # A wrong password: the server refuses; the message names the store, masked.
    result = run_subprocess("list", env=env)
    assert result.returncode == 4
    assert SECRET not in result.stdout + result.stderr
    assert "postgresql://jobhunt:***@" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    # doctor, with a working password from the password file and one in the URL too.
    env = {"JOBHUNT_DB": url}
    result = run_subprocess("doctor", "--json", env={**env, "PGPASSWORD": ""})
    assert SECRET not in result.stdout + result.stderr


@postgres
def test_doctor_on_postgresql(jh, pg: str) -> None:
    report = jh.json("doctor")
    checks = {c["check"]: c for c in report["checks"]}
    assert report["ok"]
    assert checks["profile"]["detail"] == "default (schema jobhunt_default)"
    assert checks["server"]["detail"].startswith("PostgreSQL ")
    assert checks["schema"]["detail"] == LATEST


@postgres
def test_unreachable_server_is_one_clean_line(pg: str) -> None:
    parts = urlsplit(pg)
    user = parts.netloc.rsplit("@", 1)[0]
    url = urlunsplit(parts._replace(netloc=f"{user}:{SECRET}@127.0.0.1:1"))
    result = run_subprocess("today", env={"JOBHUNT_DB": url})
    assert result.returncode == 4
    assert result.stderr.startswith("Error: cannot connect to PostgreSQL at postgresql://")
    assert SECRET not in result.stderr
    assert "Traceback" not in result.stderr


@postgres
def test_missing_driver_is_explained(pg: str) -> None:
    code = "import sys; sys.modules['psycopg'] = None; from jobhunt.cli import main; main()"
    result = subprocess.run(
        [sys.executable, "-c", code, "list"],
        capture_output=True,
        text=True,
        env={**os.environ, "JOBHUNT_DB": pg},
        check=False,
    )
    assert result.returncode == 4
    assert "pip install 'jobhunt[postgres]'" in result.stderr


@postgres
def test_same_schema_on_both_backends(jh, pg: str, tmp_path: Path) -> None:
    """The migrations give both backends the same tables and columns."""
    import psycopg

    jh("list")
    sqlite_db = tmp_path / "s.db"
    jh("--db", str(sqlite_db), "list")
    conn = sqlite3.connect(sqlite_db)
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    lite = {t: [r[1] for r in conn.execute(f"PRAGMA table_info({t})")] for t in tables}
    conn.close()
    with psycopg.connect(pg) as pgc:
        rows = pgc.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = 'jobhunt_default' ORDER BY table_name, ordinal_position"
        ).fetchall()
    pgs: dict[str, list[str]] = {}
    for table, column in rows:
        if column != "rowid":  # SQLite's implicit rowid, made explicit
            pgs.setdefault(table, []).append(column)
    assert pgs == lite


@postgres
def test_newer_schema_is_refused_untouched(jh, pg: str) -> None:
    import psycopg

    jh("add", "Acme", "Dev")
    with psycopg.connect(pg, autocommit=True) as conn:
        conn.execute("INSERT INTO jobhunt_default.schema_migrations VALUES ('9999_future', 'x')")
    result = jh("list", ok=False)
    assert result.exit_code == 4
    assert "newer jobhunt" in result.stderr


@postgres
def test_concurrent_writers_lose_nothing(pg: str, tmp_path: Path) -> None:
    """Several processes adding and importing at once: every write lands, ids are unique
    and numbered as on SQLite, and each command stays one undo step."""
    workers, each = 4, 15
    jobhunt = Path(sys.executable).parent / "jobhunt"
    env = {
        **os.environ,
        "JOBHUNT_DB": pg,
        "JOBHUNT_BUSY_TIMEOUT_MS": "120000",  # a loaded CI machine: wait, do not fail
        "PATH": f"{jobhunt.parent}:{os.environ['PATH']}",
    }
    procs = []
    for w in range(workers):
        rows = "company,role\n" + "".join(f"Imp{w}-{i},Role\n" for i in range(5))
        (tmp_path / f"imp{w}.csv").write_text(rows)
        cmds = [f"jobhunt add W{w}-{i} Role >/dev/null" for i in range(each)]
        cmds.append(f"jobhunt import csv {tmp_path}/imp{w}.csv >/dev/null")
        script = "set -e\n" + "\n".join(cmds) + "\n"
        procs.append(
            subprocess.Popen(["bash", "-c", script], env=env, stderr=subprocess.PIPE, text=True)
        )
    for proc in procs:
        _, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err
    listed = json.loads(run_subprocess("list", "--json", env={"JOBHUNT_DB": pg}).stdout)
    apps = listed["applications"]
    assert len(apps) == workers * (each + 5)
    assert sorted(a["id"] for a in apps) == list(range(1, workers * (each + 5) + 1))
    names = {a["company"] for a in apps}
    assert names == {f"W{w}-{i}" for w in range(workers) for i in range(each)} | {
        f"Imp{w}-{i}" for w in range(workers) for i in range(5)
    }
    # Every command is its own undo step: undoing one removes one add or one import.
    run_subprocess("undo", env={"JOBHUNT_DB": pg})
    again = json.loads(run_subprocess("list", "--json", env={"JOBHUNT_DB": pg}).stdout)
    assert len(again["applications"]) in (len(apps) - 1, len(apps) - 5)


@postgres
def test_migrate_store_round_trip(jh, pg: str, tmp_path: Path) -> None:
    """SQLite -> PostgreSQL -> SQLite: every export is identical."""
    lite = tmp_path / "a.db"
    db = ("--db", str(lite))
    jh(*db, "add", "Acme", "Dev", "--skill", "Python", "--skill", "SQL", "--applied", "2026-11-20")
    jh(*db, "log", "1", "--via", "email", "--on", "2026-11-24")
    jh(*db, "event", "add", "Meetup", "--on", "2026-11-25")
    jh(*db, "contact", "add", "Ann Lee", "--company", "Acme", "--met-at", "1")
    jh(*db, "contact", "touch", "1", "--via", "coffee")
    jh(*db, "contact", "link", "1", "1", "--as", "referral")
    jh(*db, "course", "add", "SQL 101", "--skill", "sql", "--hours", "2.5")
    jh(*db, "course", "log", "1", "--hours", "1.25", "--progress", "10")
    jh(*db, "skills", "add", "Python", "Go")
    jh(*db, "today")  # records the weekly suggestions shown
    jh(*db, "rm", "1", "--yes")
    jh(*db, "undo")
    original = jh(*db, "export", "json").stdout

    moved = jh.json(*db, "migrate-store", "--to", pg)
    assert moved["verified"]
    assert moved["counts"]["applications"] == 1
    assert jh("export", "json").stdout == original
    assert jh("today").stdout == jh("today", env={"JOBHUNT_DB": str(lite)}).stdout

    back = tmp_path / "b.db"
    jh("migrate-store", "--to", str(back))
    assert jh("--db", str(back), "export", "json").stdout == original
    # New records continue the numbering on every copy.
    for args in (db, ("--db", pg), ("--db", str(back))):
        assert "application 2" in jh(*args, "add", "Next", "One").stdout


@postgres
def test_migrate_store_refuses_a_store_with_records(jh, pg: str, tmp_path: Path) -> None:
    jh("add", "Acme", "Dev")
    lite = tmp_path / "a.db"
    jh("--db", str(lite), "add", "Beta", "QA")
    before = jh("export", "json").stdout
    result = jh("--db", str(lite), "migrate-store", "--to", pg, ok=False)
    assert result.exit_code == 2
    assert "already holds records" in result.stderr
    assert jh("export", "json").stdout == before
    # Into another profile it goes.
    jh("--db", str(lite), "migrate-store", "--to", pg, "--to-profile", "beta")
    assert [a["company"] for a in jh.json("--profile", "beta", "list")["applications"]] == ["Beta"]


@postgres
def test_migrate_store_password_in_to_is_refused(jh, pg: str, tmp_path: Path) -> None:
    lite = tmp_path / "a.db"
    jh("--db", str(lite), "add", "Beta", "QA")
    result = jh("--db", str(lite), "migrate-store", "--to", _with_password(pg, SECRET), ok=False)
    assert result.exit_code == 2
    assert SECRET not in result.stdout + result.stderr
    assert _schemas() == []


@postgres
def test_backup_and_restore_on_postgresql(jh, pg: str, tmp_path: Path) -> None:
    jh("add", "Acme", "Dev")
    made = Path(jh("backup", str(tmp_path / "b.db")).stdout.strip())
    assert made.is_file()
    assert made.stat().st_mode & 0o777 == 0o600
    before = jh("export", "json").stdout
    jh("add", "Beta", "QA")
    jh("restore", str(made), "--yes")
    assert jh("export", "json").stdout == before


@postgres
def test_a_schema_1_profile_is_upgraded_in_place(jh, pg: str) -> None:
    """The migrations upgrade PostgreSQL as they upgrade SQLite: a profile made by the
    first release keeps its records and gains undo."""
    import psycopg

    from jobhunt.migrations import BOOKKEEPING, INITIAL

    with psycopg.connect(pg, autocommit=True) as conn:
        conn.execute("CREATE SCHEMA jobhunt_default")
        conn.execute("SET search_path TO jobhunt_default")
        conn.execute(BOOKKEEPING)
        for statement in INITIAL.postgresql:
            conn.execute(statement)
        conn.execute("INSERT INTO schema_migrations VALUES ('0001_initial', '2026-01-01')")
        conn.execute(
            "INSERT INTO application (company, role, applied_on, created_at, updated_at) "
            "VALUES ('Old Co', 'Dev', '2026-11-02', 'x', 'x')"
        )
    assert [a["company"] for a in jh.json("list")["applications"]] == ["Old Co"]
    assert jh.json("doctor")["checks"][3]["detail"] == LATEST
    jh("add", "New Co", "QA")
    jh("undo")
    assert [a["id"] for a in jh.json("list")["applications"]] == [1]


@postgres
def test_a_stuck_writer_is_a_clean_locked_error(jh, pg: str) -> None:
    """A writer waits for the one before it as long as the busy timeout, then stops with
    one line and writes nothing; doctor names the lock."""
    import psycopg

    from jobhunt.store.pg import LOCK_CLASS

    jh("add", "Acme", "Dev")
    with psycopg.connect(pg, autocommit=True) as holder:
        holder.execute("SELECT pg_advisory_lock(%s, hashtext('jobhunt_default'))", (LOCK_CLASS,))
        result = jh("add", "Beta", "QA", env={"JOBHUNT_BUSY_TIMEOUT_MS": "300"}, ok=False)
        assert result.exit_code == 4
        assert result.stderr.startswith("Error: the store is locked by another process")
        doctor = jh("doctor", ok=False)
        assert doctor.exit_code == 1
        assert "BAD writers: another jobhunt holds the writer lock" in doctor.stdout
        assert len(jh.json("list")["applications"]) == 1  # reading is not blocked
    jh("add", "Beta", "QA")


@pytest.mark.parametrize("args", [["--help"], ["today"], ["add", "Acme", "Dev"]], ids=str)
def test_sqlite_stores_never_load_the_postgresql_driver(tmp_path: Path, args) -> None:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "jobhunt", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "JOBHUNT_DB": str(tmp_path / "s.db")},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "psycopg" not in result.stderr


def test_suggested_commands_keep_the_profile_and_store(jh, tmp_path: Path) -> None:
    """A command suggested under --profile/--db acts on the same profile and store when
    run as printed (and not on someone else's records with the same id)."""
    other = str(tmp_path / "other.db")
    jh("--db", other, "--profile", "ann", "add", "Acme", "Dev", "--applied", "2026-11-16")
    agenda = jh("--db", other, "--profile", "ann", "today").stdout
    assert f"-> jobhunt --db {other} --profile ann log 1 --via" in agenda
    actions = jh.json("--db", other, "--profile", "ann", "today")["actions"]
    follow_up = next(a for a in actions if a["kind"] == "follow_up")
    assert follow_up["draft_command"] == f"jobhunt --db {other} --profile ann draft 1"
    removed = jh("--profile", "ann", "rm", "1", "--yes", ok=False)
    assert removed.exit_code == 1  # the default store has no profile ann (nothing is made)
    assert removed.stderr.startswith('Error: no profile "ann"')
    done = jh("--db", other, "--profile", "ann", "rm", "1", "--yes").stdout
    assert done.endswith(f"Undo with: jobhunt --db {other} --profile ann undo\n")
    # Without --db/--profile the suggestions are as before.
    jh("add", "Beta", "QA", "--applied", "2026-11-16")
    assert "-> jobhunt log 1 --via" in jh("today").stdout


# --------------------------------------------------------------------------- both backends alike


def test_ids_beyond_32_bits_are_not_found(jh) -> None:
    jh("add", "Acme", "Dev")
    for args in (("edit", "3000000000", "--note", "x"), ("log", "3000000000", "--via", "email")):
        result = jh(*args, ok=False)
        assert result.exit_code == 3, result.stderr
        assert result.stderr.startswith("Error: no application with id 3000000000")


def test_skills_that_differ_only_in_case_or_width_are_one_skill(jh) -> None:
    jh("add", "Acme", "Dev", "--skill", "Python", "--skill", "Ｐｙｔｈｏｎ", "--skill", "PYTHON")
    assert jh.json("show", "1")["application"]["skills"] == ["Python"]
    jh("skills", "add", "Élan")
    assert jh("skills", "add", "élan").stdout == "Already had: élan.\n"
    assert jh.json("skills", "list")["skills"] == ["Élan"]
    jh("skills", "rm", "ÉLAN")
    assert jh.json("skills", "list")["skills"] == []


def test_company_search_folds_both_sides_alike(jh) -> None:
    jh("add", "Straße GmbH", "Dev")
    for query in ("straße", "STRAßE", "Straße GmbH"):
        assert [a["company"] for a in jh.json("list", "--company", query)["applications"]] == [
            "Straße GmbH"
        ], query


def test_skills_list_in_the_same_order_on_both_backends(jh) -> None:
    jh("skills", "add", "zig", "Ada", "élan", "_x", "b")
    # SQLite's NOCASE order: ASCII letters fold, everything else by code point.
    assert jh.json("skills", "list")["skills"] == ["_x", "Ada", "b", "zig", "élan"]


# --------------------------------------------------------------------------- review fixes


@postgres
def test_an_orm_write_blocked_by_a_table_lock_is_a_clean_error(jh, pg: str) -> None:
    import psycopg

    jh("add", "Acme", "Dev")
    with psycopg.connect(pg) as holder:
        holder.execute("LOCK TABLE jobhunt_default.application IN EXCLUSIVE MODE")
        result = jh("edit", "1", "--note", "x", env={"JOBHUNT_BUSY_TIMEOUT_MS": "300"}, ok=False)
        holder.rollback()
    assert result.exit_code == 4
    assert result.stderr.startswith("Error: the store is locked by another process")
    assert jh.json("show", "1")["application"]["note"] is None


@postgres
def test_a_failed_copy_into_postgresql_leaves_no_profile(jh, pg: str, tmp_path: Path) -> None:
    """A store an older jobhunt wrote with two skills PostgreSQL counts as one: the copy
    is refused in one line, and the profile it made is gone again."""
    lite = tmp_path / "a.db"
    jh("--db", str(lite), "skills", "add", "Élan")
    conn = sqlite3.connect(lite)
    conn.execute("INSERT INTO skill (name, added_on) VALUES ('élan', '2026-11-27')")
    conn.commit()
    conn.close()
    result = jh("--db", str(lite), "migrate-store", "--to", pg, "--to-profile", "fails", ok=False)
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: the store refused the change")
    assert "Traceback" not in result.stderr
    assert _schemas() == []


@postgres
def test_a_destination_with_only_skills_is_not_empty(jh, pg: str, tmp_path: Path) -> None:
    jh("skills", "add", "Go")
    lite = tmp_path / "a.db"
    jh("--db", str(lite), "skills", "add", "Go")
    result = jh("--db", str(lite), "migrate-store", "--to", pg, ok=False)
    assert result.exit_code == 2
    assert "already holds records (1 in skill)" in result.stderr


@postgres
def test_nothing_to_copy_from_a_profile_that_does_not_exist(jh, pg: str, tmp_path: Path) -> None:
    result = jh("--profile", "typo", "migrate-store", "--to", str(tmp_path / "t.db"), ok=False)
    assert result.exit_code == 4
    assert "there is no store at" in result.stderr
    assert _schemas() == []
    assert not (tmp_path / "t.typo.db").exists()


@postgres
def test_dry_run_import_creates_no_profile(jh, pg: str, tmp_path: Path) -> None:
    rows = tmp_path / "a.csv"
    rows.write_text("Company,Title\nAcme,Dev\n")
    result = jh("--profile", "dry", "import", "csv", str(rows), "--dry-run")
    assert "nothing was written" in result.stdout
    assert _schemas() == []


@postgres
def test_migrate_store_prints_how_to_use_the_copy(jh, pg: str, tmp_path: Path) -> None:
    jh("--profile", "ann", "add", "Acme", "Dev")
    copy = tmp_path / "copy.db"
    out = jh("--profile", "ann", "migrate-store", "--to", str(copy)).stdout
    line = out.strip().splitlines()[-1]
    assert line == f"To use the copy: export JOBHUNT_DB={copy} JOBHUNT_PROFILE=ann"
    env = {"JOBHUNT_DB": str(copy), "JOBHUNT_PROFILE": "ann"}
    listed = json.loads(jh("list", "--json", env=env).stdout)["applications"]
    assert [a["company"] for a in listed] == ["Acme"]


@postgres
def test_the_same_database_by_another_url_is_the_store_itself(jh, pg: str) -> None:
    jh("add", "Acme", "Dev")
    other = pg + ("&" if "?" in pg else "?") + "application_name=other"
    result = jh("migrate-store", "--to", other, ok=False)
    assert result.exit_code == 2
    assert "names the store itself" in result.stderr


@postgres
def test_driver_messages_mask_a_query_password(pg: str) -> None:
    url = pg + ("&" if "?" in pg else "?") + "password=SEC%ZZRET"
    result = run_subprocess("list", env={"JOBHUNT_DB": url})
    assert result.returncode == 4
    assert "ZZRET" not in result.stderr


def test_profiles_reads_only_and_reports_an_unreadable_profile(
    jh, db_path: Path, backend: str
) -> None:
    if backend != "sqlite":
        pytest.skip("about SQLite files")
    jh("add", "Acme", "Dev")
    (db_path.parent / "jobhunt.junk.db").write_bytes(b"not a database at all, just text")
    before = sorted(p.name for p in db_path.parent.iterdir())
    listed = jh.json("profiles")["profiles"]
    assert [(p["profile"], p["counts"] is None) for p in listed] == [
        ("default", False),
        ("junk", True),
    ]
    assert listed[1]["problem"]
    assert sorted(p.name for p in db_path.parent.iterdir()) == before
