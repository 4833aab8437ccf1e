"""Honest messages: a writer behind a long import or undo waits for it and says what it
waits for; reading never creates a profile. Both backends."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests import storeview

SLOW_IMPORT = """
import time
from jobhunt.io import appwrite
_apply = appwrite.apply
def apply(*a, **kw):
    _apply(*a, **kw)
    print("holding", flush=True)
    time.sleep(float(os.environ["HOLD_S"]))
appwrite.apply = apply
"""


def _start(patch: str, *args: str, hold: float) -> subprocess.Popen:
    code = f"import os\n{patch}\nfrom jobhunt.cli import main\nmain()"
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "HOLD_S": str(hold)},
    )


def test_a_writer_waits_for_a_long_import_and_says_so(jh, db_path: Path, tmp_path: Path) -> None:
    """A concurrent add waits past its busy timeout for an import that is known to be
    long, names it on stderr, and then succeeds: nothing is refused or lost."""
    jh("add", "Acme", "Dev")
    rows = tmp_path / "apps.csv"
    rows.write_text(
        "Company,Title,Date Applied\n" + "".join(f"Co{n},QA,2026-11-20\n" for n in range(50)),
        encoding="utf-8",
    )
    importer = _start(SLOW_IMPORT, "import", "csv", str(rows), hold=3)
    assert importer.stdout is not None
    assert importer.stdout.readline().strip() == "holding"  # inside its transaction now
    started = time.monotonic()
    waiting = subprocess.run(
        [sys.executable, "-m", "jobhunt", "add", "Late", "Writer"],
        capture_output=True,
        text=True,
        env={**os.environ, "JOBHUNT_BUSY_TIMEOUT_MS": "300"},
        timeout=60,
        check=False,
    )
    importer.wait(timeout=60)
    assert importer.returncode == 0, importer.stderr
    assert waiting.returncode == 0, waiting.stderr
    assert time.monotonic() - started > 1
    assert "Waiting for another jobhunt to finish: jobhunt import csv" in waiting.stderr
    assert "Traceback" not in waiting.stderr
    names = {a["company"] for a in jh.json("list", "--all")["applications"]}
    assert {"Acme", "Late", "Co0", "Co49"} <= names


def test_a_plain_stuck_writer_is_still_a_clean_locked_error(jh, db_path: Path) -> None:
    """Waiting longer is only for a jobhunt that says it is a long writer: a lock held by
    anything else still ends after the busy timeout, in one line, with nothing written."""
    if storeview.on_pg():
        pytest.skip("tests/test_postgres.py::test_a_stuck_writer_is_a_clean_locked_error")
    import sqlite3

    jh("add", "Acme", "Dev")
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        result = jh("add", "Beta", "QA", env={"JOBHUNT_BUSY_TIMEOUT_MS": "200"}, ok=False)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.exit_code == 4
    assert result.stderr.startswith("Error: the store is locked by another process")


# --------------------------------------------------------------------------- 14. profiles


READERS = (
    ("list",),
    ("today",),
    ("week",),
    ("show", "1"),
    ("stats",),
    ("export", "json"),
    ("doctor",),
    ("contact", "list"),
    ("course", "list"),
    ("event", "list"),
    ("skills", "list"),
    ("draft", "1"),
    ("brief", "1"),
    ("backup",),
    ("undo",),
    ("edit", "1", "--note", "x"),
)


def _files(db: Path) -> list[str]:
    """The store files beside the test's store (its -wal and -shm files come and go)."""
    return sorted(p.name for p in db.parent.iterdir() if not p.name.endswith(("-wal", "-shm")))


def _profiles(jh) -> list[str]:
    return [p["profile"] for p in jh.json("profiles")["profiles"]]


@pytest.mark.parametrize("args", READERS, ids=lambda a: " ".join(a))
def test_a_typo_in_profile_creates_nothing(jh, db_path: Path, args) -> None:
    jh("--profile", "ann", "add", "Acme", "Dev")
    jh("add", "Beta", "QA")
    before = _files(db_path) if not storeview.on_pg() else None
    result = jh("--profile", "annn", *args, ok=False)
    assert result.exit_code == 1, result.stdout + result.stderr
    assert result.stderr == 'Error: no profile "annn" (profiles: ann, default)\n'
    assert _profiles(jh) == ["ann", "default"]
    if before is not None:
        assert _files(db_path) == before


def test_the_default_profile_and_new_named_ones_are_still_made_on_first_use(
    jh, db_path: Path
) -> None:
    assert jh("today").exit_code == 0  # the quick start: the default store appears
    assert _profiles(jh) == ["default"]
    jh("--profile", "bob", "add", "Acme", "Dev")  # adding makes a new profile
    assert _profiles(jh) == ["bob", "default"]
    assert jh("--profile", "bob", "list").exit_code == 0
    result = jh("--profile", "zed", "list", ok=False)
    assert result.stderr == 'Error: no profile "zed" (profiles: bob, default)\n'
