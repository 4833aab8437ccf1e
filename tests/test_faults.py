"""Faults and load: several processes at once, a process killed mid-write, and store
paths that cannot or must not be used (read-only, empty, truncated, damaged).

The refusals already proven elsewhere (a directory, a file that is not SQLite, another
program's SQLite file, a store from a newer jobhunt) live in test_cli_applications.py.
"""

from __future__ import annotations

import gc
import json
import os
import re
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from jobhunt import store
from jobhunt.errors import StoreError
from jobhunt.migrations import MIGRATIONS
from tests.conftest import run_subprocess
from tests.docs_text import docs_text

pytestmark = pytest.mark.sqlite_only(
    reason="damaged, locked and read-only store files, and SQLite's locking "
    "(PostgreSQL: tests/test_postgres.py)"
)

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def listing(folder: Path) -> dict[str, bytes]:
    """Every file in `folder` with its bytes (to prove nothing was touched or added)."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        return {
            "applications": conn.execute("SELECT count(*) FROM application").fetchone()[0],
            "applied": conn.execute(
                "SELECT count(*) FROM application_event WHERE kind = 'applied'"
            ).fetchone()[0],
            "follow_ups": conn.execute(
                "SELECT count(*) FROM application_event WHERE kind = 'follow_up'"
            ).fetchone()[0],
            "contacts": conn.execute("SELECT count(*) FROM contact").fetchone()[0],
            "interactions": conn.execute("SELECT count(*) FROM interaction").fetchone()[0],
        }
    finally:
        conn.close()


def integrity(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute("PRAGMA integrity_check")]
    finally:
        conn.close()


def checkpointed_store(path: Path, applications: int = 3) -> None:
    """A real store with some applications, everything in the main file (no -wal left)."""
    conn = store.open_store(path)
    with store.transaction(conn):
        for i in range(applications):
            conn.execute(
                "INSERT INTO application (company, role, status, applied_on, created_at, "
                "updated_at) VALUES (?, 'Dev', 'applied', '2026-11-20', 'x', 'x')",
                (f"Company {i}",),
            )
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


# --------------------------------------------------------------------------- load

_MIXED = """
import json, sys
from typer.testing import CliRunner
from jobhunt.cli import app

runner = CliRunner()
tag, n = sys.argv[1], int(sys.argv[2])
failures, done = [], {"add": 0, "log": 0, "touch": 0, "today": 0}

def run(kind, *args):
    result = runner.invoke(app, list(args))
    if result.exit_code != 0:
        failures.append(f"{args}: exit {result.exit_code} {result.stderr!r} {result.exception!r}")
        return None
    done[kind] += 1
    return result

contact = json.loads(runner.invoke(app, ["contact", "add", f"Person {tag}", "--json"]).stdout)
contact_id = str(contact["contact"]["id"])
app_id = None
for i in range(n):
    step = i % 4
    if step == 0:
        result = run("add", "add", f"Company {tag}-{i}", "Role", "--json")
        if result is not None:
            app_id = str(json.loads(result.stdout)["application"]["id"])
    elif step == 1:
        run("log", "log", app_id, "--via", "email")
    elif step == 2:
        run("touch", "contact", "touch", contact_id, "--via", "email")
    else:
        run("today", "today")
print(json.dumps({"failures": failures, "done": done}))
"""


@pytest.mark.slow
def test_three_processes_running_mixed_commands_lose_nothing(db_path: Path) -> None:
    store.open_store(db_path).close()
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _MIXED, tag, "300"],
            env={**os.environ},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for tag in ("a", "b", "c")
    ]
    outputs = [p.communicate(timeout=120) for p in procs]
    for proc, (out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err
        assert "locked" not in err
        report = json.loads(out)
        assert report == {
            "failures": [],
            "done": {"add": 75, "log": 75, "touch": 75, "today": 75},
        }
    assert counts(db_path) == {
        "applications": 225,
        "applied": 225,
        "follow_ups": 225,
        "contacts": 3,
        "interactions": 225,
    }
    assert integrity(db_path) == ["ok"]


_ADDER = """
import sys
from typer.testing import CliRunner
from jobhunt.cli import app

runner = CliRunner()
i = 0
while True:
    runner.invoke(app, ["add", f"Company {i}", "Role", "--note", "x" * 2000, "--skill", "SQL,Go"])
    i += 1
    if i == 3:
        print("ready", flush=True)
"""


@pytest.mark.slow
def test_process_killed_mid_write_leaves_whole_commands_only(db_path: Path) -> None:
    store.open_store(db_path).close()
    proc = subprocess.Popen(
        [sys.executable, "-c", _ADDER], env={**os.environ}, stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline() == "ready\n"
        time.sleep(0.4)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    assert integrity(db_path) == ["ok"]
    conn = store.open_store(db_path)
    stored = counts(db_path)
    assert stored["applications"] >= 3
    # Each `add` is one transaction: an application, its 'applied' event and its skills,
    # or none of them.
    assert stored["applied"] == stored["applications"]
    skills = conn.execute("SELECT count(*) FROM application_skill").fetchone()[0]
    assert skills == 2 * stored["applications"]
    # The undo log holds exactly one step per stored command.
    points = conn.execute("SELECT count(*) FROM undo_point").fetchone()[0]
    assert points == min(stored["applications"], store.UNDO_KEEP)
    conn.close()
    result = run_subprocess("add", "After", "Crash")
    assert result.returncode == 0, result.stderr
    assert counts(db_path)["applications"] == stored["applications"] + 1


IMPORT_ROWS = 5000


def size_of(path: Path) -> int:
    """The size of a file that may come and go (SQLite creates and removes its -wal)."""
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


def write_applications_csv(path: Path, rows: int) -> None:
    lines = ["Company,Title,Date Applied,Status,Notes"]
    lines += [
        f"Company {i},Role {i % 7},2026-{1 + i % 10:02d}-{1 + i % 28:02d},applied,{'note ' * 20}"
        for i in range(rows)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.slow
@pytest.mark.parametrize("wal_bytes", [64 * 1024, 1024 * 1024], ids=["early", "late"])
def test_import_killed_midway_stores_all_rows_or_none(
    db_path: Path, tmp_path: Path, wal_bytes: int
) -> None:
    source = tmp_path / "applications.csv"
    write_applications_csv(source, IMPORT_ROWS)
    store.open_store(db_path).close()  # no -wal file: the import's writes make it grow
    wal = db_path.with_name(db_path.name + "-wal")
    assert not wal.exists()
    proc = subprocess.Popen(
        [sys.executable, "-m", "jobhunt", "import", "csv", str(source)],
        env={**os.environ},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 30
    while proc.poll() is None and time.monotonic() < deadline:
        if size_of(wal) >= wal_bytes:
            break
        time.sleep(0.0005)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL, "the import finished before it could be killed"
    assert size_of(wal) >= wal_bytes  # it was killed while writing
    assert integrity(db_path) == ["ok"]
    stored = counts(db_path)["applications"]
    if wal_bytes < 1024 * 1024:
        assert stored == 0  # killed long before its commit: nothing of it is kept
    else:
        assert stored in (0, IMPORT_ROWS)  # killed while committing, perhaps just after
    store.open_store(db_path).close()
    if stored == IMPORT_ROWS:
        return
    result = run_subprocess("import", "csv", str(source))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(
        f"Imported {source}: {IMPORT_ROWS} added, 0 updated, 0 unchanged, 0 rejected "
    )
    assert counts(db_path)["applications"] == IMPORT_ROWS
    assert integrity(db_path) == ["ok"]


# --------------------------------------------------------------------------- store paths

STORE_COMMANDS = [
    ("list",),
    ("today",),
    ("add", "A", "B"),
    ("show", "1"),
    ("log", "1", "--via", "email"),
]
RESTORE_HINT = "(hint: restore a backup: jobhunt restore PATH)"


def refused(jh, path: Path, args: tuple[str, ...], stderr: str) -> None:
    """`jobhunt --db PATH ARGS` fails with exactly `stderr` and leaves the folder as it was."""
    folder = path.parent
    before = listing(folder)
    mode = stat.S_IMODE(path.stat().st_mode)
    result = jh("--db", str(path), *args, ok=False)
    outcome = (result.exit_code, result.stderr, result.stdout)
    # In-process, the result's traceback keeps the command's connection open; a real
    # process closes it on exit. Drop it, so SQLite removes its -wal/-shm files.
    del result
    gc.collect()
    assert outcome == (4, stderr, "")
    assert listing(folder) == before
    assert stat.S_IMODE(path.stat().st_mode) == mode


def refused_in_a_real_process(path: Path, stderr: str) -> None:
    before = listing(path.parent)
    result = run_subprocess("--db", str(path), "add", "A", "B")
    assert (result.returncode, result.stderr, result.stdout) == (4, stderr, "")
    assert listing(path.parent) == before


def _read_only(path: Path) -> str:
    return (
        f"Error: the store {path} is read-only; it was left untouched "
        "(hint: fix its permissions (chmod u+w) or copy it somewhere writable)\n"
    )


def _read_only_folder(path: Path) -> str:
    return (
        f"Error: the folder {path.parent} of the store is read-only (SQLite writes its journal "
        f"next to the store); it was left untouched (hint: fix its permissions "
        f"(chmod u+w {path.parent}) or move the store somewhere writable)\n"
    )


@pytest.mark.parametrize("args", STORE_COMMANDS, ids=lambda a: a[0])
def test_read_only_store_file_is_refused_untouched(jh, tmp_path: Path, args) -> None:
    # A file nobody may write is read-only to jobhunt even when run as root (which the
    # permission bits do not stop): jobhunt checks the bits itself, not only os.access.
    path = tmp_path / "ro" / "jobhunt.db"
    path.parent.mkdir()
    checkpointed_store(path)
    path.chmod(0o444)
    refused(jh, path, args, _read_only(path))


@pytest.mark.parametrize("args", STORE_COMMANDS, ids=lambda a: a[0])
def test_store_in_a_read_only_folder_is_refused_untouched(jh, tmp_path: Path, args) -> None:
    path = tmp_path / "rodir" / "jobhunt.db"
    path.parent.mkdir()
    checkpointed_store(path)
    path.parent.chmod(0o555)
    try:
        refused(jh, path, args, _read_only_folder(path))
    finally:
        path.parent.chmod(0o755)


def test_read_only_cases_in_a_real_process(tmp_path: Path) -> None:
    path = tmp_path / "ro" / "jobhunt.db"
    path.parent.mkdir()
    checkpointed_store(path)
    path.chmod(0o444)
    refused_in_a_real_process(path, _read_only(path))
    path.chmod(0o644)
    path.parent.chmod(0o555)
    try:
        refused_in_a_real_process(path, _read_only_folder(path))
    finally:
        path.parent.chmod(0o755)


def test_no_write_access_is_read_only_through_os_access(
    jh, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check a non-root user meets: write bits set, but not for this user (another
    owner, an ACL, a read-only mount). os.access is what answers that."""
    path = tmp_path / "theirs" / "jobhunt.db"
    path.parent.mkdir()
    checkpointed_store(path)
    real_access = os.access
    denied: set[str] = {str(path)}

    def access(target, mode, *args, **kwargs):  # type: ignore[no-untyped-def]
        if mode & os.W_OK and os.fspath(target) in denied:
            return False
        return real_access(target, mode, *args, **kwargs)

    monkeypatch.setattr(os, "access", access)
    refused(jh, path, ("add", "A", "B"), _read_only(path))
    denied.clear()
    denied.add(str(path.parent))
    refused(jh, path, ("add", "A", "B"), _read_only_folder(path))
    denied.clear()
    jh("--db", str(path), "add", "A", "B")


@pytest.mark.skipif(not IS_ROOT, reason="only root can write to a file without write bits")
def test_root_is_not_stopped_by_permissions_so_jobhunt_checks_the_bits(tmp_path: Path) -> None:
    """Why the bit check exists: as root, os.access says 'writable' for a 0444 file."""
    path = tmp_path / "jobhunt.db"
    checkpointed_store(path)
    path.chmod(0o444)
    assert os.access(path, os.W_OK)
    with pytest.raises(StoreError, match="is read-only"):
        store.open_store(path)


def test_new_store_in_a_read_only_folder_is_a_clean_error(jh, tmp_path: Path) -> None:
    folder = tmp_path / "rodir"
    folder.mkdir()
    folder.chmod(0o555)
    path = folder / "jobhunt.db"
    try:
        result = jh("--db", str(path), "add", "A", "B", ok=False)
    finally:
        folder.chmod(0o755)
    assert (result.exit_code, result.stdout) == (4, "")
    assert result.stderr == (
        f"Error: cannot create the store {path}: the folder {folder} is read-only "
        f"(hint: give a writable path with --db or JOBHUNT_DB)\n"
    )
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize(
    ("make", "problem"),
    [
        (lambda tmp: tmp / "a-file" / "store" / "jobhunt.db", "Not a directory"),
        (lambda tmp: tmp / "a-file" / "jobhunt.db", "Not a directory"),
        (lambda tmp: Path("/proc/no-such-dir/jobhunt.db"), "No such file or directory"),
    ],
    ids=["file-two-levels-up", "file-as-folder", "unmakeable-folder"],
)
def test_store_folder_that_cannot_exist_is_a_clean_error(jh, tmp_path: Path, make, problem) -> None:
    (tmp_path / "a-file").write_bytes(b"not a folder")
    path = make(tmp_path)
    result = jh("--db", str(path), "list", ok=False)
    assert (result.exit_code, result.stdout) == (4, "")
    assert result.stderr.startswith("Error: cannot create the store ")
    assert problem in result.stderr
    assert result.stderr.count("\n") == 1
    assert (tmp_path / "a-file").read_bytes() == b"not a folder"


def test_store_path_that_is_a_device_is_refused(jh) -> None:
    result = jh("--db", "/dev/null", "add", "A", "B", ok=False)
    assert (result.exit_code, result.stdout) == (4, "")
    assert result.stderr == (
        "Error: store path /dev/null is not a regular file (hint: give a file path with --db)\n"
    )


@pytest.mark.parametrize("args", STORE_COMMANDS, ids=lambda a: a[0])
def test_empty_file_becomes_a_private_store(jh, tmp_path: Path, args) -> None:
    """An empty file holds nothing to lose, and jobhunt itself creates a new store as an
    empty file first: refusing one would make a crash during the first run permanent."""
    folder = tmp_path / "empty"
    folder.mkdir()
    path = folder / "jobhunt.db"
    path.write_bytes(b"")
    path.chmod(0o644)
    result = jh("--db", str(path), *args, ok=False)
    assert result.exit_code in (0, 3), result.stderr  # 3: `show 1` of a new, empty store
    assert "Traceback" not in result.stderr
    assert store.file_mode(path) == 0o600
    conn = store.open_store(path)
    assert store.applied_migrations(conn) == [m.name for m in MIGRATIONS]
    conn.close()


def test_empty_read_only_file_is_refused_untouched(jh, tmp_path: Path) -> None:
    path = tmp_path / "empty" / "jobhunt.db"
    path.parent.mkdir()
    path.write_bytes(b"")
    path.chmod(0o444)
    refused(jh, path, ("add", "A", "B"), _read_only(path))


def _truncated(path: Path) -> str:
    return (
        f"Error: the store {path} is damaged (truncated: the file is shorter than its "
        f"header says); it was left untouched {RESTORE_HINT}\n"
    )


@pytest.mark.parametrize("keep", [0.9, 0.5, 0.1], ids=["90%", "50%", "10%"])
@pytest.mark.parametrize("args", STORE_COMMANDS, ids=lambda a: a[0])
def test_truncated_store_is_refused_untouched(jh, tmp_path: Path, args, keep: float) -> None:
    path = tmp_path / "cut" / "jobhunt.db"
    path.parent.mkdir()
    checkpointed_store(path, applications=300)
    data = path.read_bytes()
    page = 4096
    cut = max(page, int(len(data) * keep) // page * page)
    path.write_bytes(data[:cut])
    refused(jh, path, args, _truncated(path))


def test_store_cut_mid_page_is_refused_untouched(jh, tmp_path: Path) -> None:
    path = tmp_path / "cut" / "jobhunt.db"
    path.parent.mkdir()
    checkpointed_store(path, applications=300)
    path.write_bytes(path.read_bytes()[:-1000])
    refused(jh, path, ("list",), _truncated(path))
    refused_in_a_real_process(path, _truncated(path))


def test_store_with_a_garbled_header_is_refused_untouched(jh, tmp_path: Path) -> None:
    path = tmp_path / "garbled" / "jobhunt.db"
    path.parent.mkdir()
    checkpointed_store(path)
    data = bytearray(path.read_bytes())
    data[16:100] = b"\xa5" * 84  # page size, format numbers, counters: all nonsense
    path.write_bytes(bytes(data))
    refused(
        jh,
        path,
        ("list",),
        f"Error: {path} is not a jobhunt store (file is not a database); it was left "
        "untouched (hint: point --db or JOBHUNT_DB at a jobhunt store, or at a new file)\n",
    )


def _damage_table(path: Path, table: str) -> None:
    """Overwrite the root page of `table` with junk (the store is checkpointed)."""
    conn = sqlite3.connect(path)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    page = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with open(path, "r+b") as handle:
        handle.seek((root - 1) * page)
        handle.write(b"\xff" * page)


@pytest.mark.parametrize("args", STORE_COMMANDS, ids=lambda a: a[0])
def test_damaged_table_is_a_clean_error_and_left_untouched(tmp_path: Path, args) -> None:
    # A real process: in-process, the test runner's saved traceback keeps the
    # connection (and so SQLite's -wal/-shm files) open after the command.
    path = tmp_path / "damaged" / "jobhunt.db"
    path.parent.mkdir()
    checkpointed_store(path, applications=300)
    _damage_table(path, "application")
    before = listing(path.parent)
    result = run_subprocess("--db", str(path), *args)
    assert (result.returncode, result.stdout) == (4, "")
    assert result.stderr == (
        f"Error: the store is damaged (database disk image is malformed) {RESTORE_HINT}\n"
    )
    assert listing(path.parent) == before


def test_doctor_finds_silent_damage(jh, tmp_path: Path) -> None:
    """Damage no everyday command notices (a row out of step with its index)."""
    path = tmp_path / "damaged" / "jobhunt.db"
    path.parent.mkdir(mode=0o700)
    checkpointed_store(path, applications=300)
    data = path.read_bytes()
    at = data.index(b"Devapplied2026-11-20")  # the first row's role, status, applied day
    path.write_bytes(data[:at] + b"Devghosted2026-11-20" + data[at + 20 :])
    listed = jh.json("--db", str(path), "list", "--all")["applications"]
    assert len(listed) == 300  # every command still works...
    conn = sqlite3.connect(path)
    (row,) = conn.execute("SELECT id FROM application NOT INDEXED WHERE status = 'ghosted'")
    conn.close()
    result = jh("--db", str(path), "doctor", ok=False)  # ...but doctor finds it
    assert result.exit_code == 1
    bad = [line for line in result.stdout.splitlines() if line.startswith("BAD")]
    assert bad == [
        f"BAD integrity: row {row[0]} missing from index ix_application_status "
        "-> restore a backup: jobhunt restore PATH"
    ]


def test_doctor_on_a_store_too_damaged_to_check_is_a_clean_error(tmp_path: Path) -> None:
    path = tmp_path / "damaged" / "jobhunt.db"
    path.parent.mkdir()
    checkpointed_store(path, applications=300)
    _damage_table(path, "application")
    before = path.read_bytes()
    result = run_subprocess("--db", str(path), "doctor")
    assert (result.returncode, result.stdout) == (4, "")
    assert result.stderr == (
        f"Error: the store is damaged (database disk image is malformed) {RESTORE_HINT}\n"
    )
    assert path.read_bytes() == before


# --------------------------------------------------------------------------- sidecar files

_PEEK = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
conn.execute("SELECT count(*) FROM application").fetchone()
conn.close()
"""


def sidecars(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name != path.name)


def test_opening_the_store_again_keeps_this_process_locks(db_path: Path) -> None:
    """A second open in the same process (a long-running caller, a test runner) must not
    drop the locks the first connection holds: if it did, another process closing the
    store would think it was the last user and delete the -wal/-shm files in use."""
    first = store.open_store(db_path)
    first.execute("SELECT count(*) FROM application").fetchone()
    second = store.open_store(db_path)
    subprocess.run([sys.executable, "-c", _PEEK, str(db_path)], check=True, timeout=60)
    assert sidecars(db_path) == ["jobhunt.db-shm", "jobhunt.db-wal"]
    with store.transaction(first):
        first.execute(
            "INSERT INTO application (company, role, status, created_at, updated_at) "
            "VALUES ('A', 'B', 'saved', 'x', 'x')"
        )
    third = store.connect(db_path)
    assert third.execute("SELECT count(*) FROM application").fetchone()[0] == 1
    for conn in (first, second, third):
        conn.close()
    assert integrity(db_path) == ["ok"]


def test_a_look_at_the_store_never_deletes_files_another_connection_uses(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another jobhunt opens the store while this one is checking what it is."""
    store.open_store(db_path).close()
    assert sidecars(db_path) == []
    real_connect = sqlite3.connect
    others: list[sqlite3.Connection] = []

    def connect(*args, **kwargs):  # type: ignore[no-untyped-def]
        conn = real_connect(*args, **kwargs)
        if kwargs.get("uri") and not others:
            others.append(store.connect(db_path))  # "another process" starts meanwhile
        return conn

    monkeypatch.setattr(sqlite3, "connect", connect)
    store.open_store(db_path).close()
    monkeypatch.undo()
    (other,) = others
    assert sidecars(db_path) == ["jobhunt.db-shm", "jobhunt.db-wal"]
    with store.transaction(other):
        other.execute(
            "INSERT INTO application (company, role, status, created_at, updated_at) "
            "VALUES ('A', 'B', 'saved', 'x', 'x')"
        )
    late = store.connect(db_path)
    assert late.execute("SELECT count(*) FROM application").fetchone()[0] == 1
    late.close()
    other.close()
    assert integrity(db_path) == ["ok"]


# --------------------------------------------------------------------------- docs


def test_every_promise_names_a_test() -> None:
    """The docs' promises (docs/data-promises.md) name the test behind each one: those
    tests must exist."""
    root = Path(__file__).parent.parent
    docs = docs_text()
    promises = docs.split("## What jobhunt promises about your data")[1].split("\n## ")[0]
    named = re.findall(r"(tests/test_\w+\.py)::(test_\w+)", promises)
    assert len(named) >= 40
    missing = [
        f"{file}::{name}"
        for file, name in named
        if not re.search(rf"^def {name}\(", (root / file).read_text(encoding="utf-8"), re.M)
    ]
    assert missing == []
    lines = [line for line in promises.splitlines() if line.startswith("- ")]
    assert all(" — tests/" in line for line in lines), "every promise names its test"
