"""Shell completion for bash, zsh and fish, driven the way each shell drives it: a real
subprocess with the completion variables set. Ids come with their labels (zsh and fish
show them; bash shows values only), straight from SQLite, without the ORM."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests import storeview
from tests.test_speed import loaded_heavy

SHELLS = ("bash", "zsh", "fish")


def completion_env(shell: str, line: str) -> dict[str, str]:
    """The variables each shell's completion script sets for the command line `line`."""
    if shell == "bash":
        words = line.split()
        cword = len(words) if line.endswith(" ") else len(words) - 1
        return {"_JOBHUNT_COMPLETE": "complete_bash", "COMP_WORDS": line, "COMP_CWORD": str(cword)}
    if shell == "zsh":
        return {"_JOBHUNT_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": line}
    return {
        "_JOBHUNT_COMPLETE": "complete_fish",
        "_TYPER_COMPLETE_ARGS": line,
        "_TYPER_COMPLETE_FISH_ACTION": "get-args",
    }


def run_completion(shell: str, line: str, env: dict[str, str] | None = None):
    return subprocess.run(
        [sys.executable, "-m", "jobhunt"],
        capture_output=True,
        text=True,
        env={**os.environ, **completion_env(shell, line), **(env or {})},
        timeout=60,
        check=False,
    )


def parse(shell: str, stdout: str) -> list[tuple[str, str | None]]:
    """(value, label) pairs from a shell's completion output."""
    if shell == "bash":
        return [(v, None) for v in stdout.splitlines()]
    if shell == "fish":
        return [
            (value, label or None)
            for value, _, label in (x.partition("\t") for x in stdout.splitlines())
        ]
    if stdout.strip() == "_files":
        return []
    body = stdout.strip().removeprefix("_arguments '*: :((").removesuffix("))'")
    pairs = []
    for item in body.splitlines():
        value, sep, label = item.partition('":"')
        pairs.append((value.strip('"'), label.rstrip('"') if sep else None))
    return pairs


def complete(shell: str, line: str, env: dict[str, str] | None = None):
    result = run_completion(shell, line, env)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return parse(shell, result.stdout)


def labelled(shell: str, pairs: list[tuple[str, str]]) -> list[tuple[str, str | None]]:
    return [(v, None if shell == "bash" else label) for v, label in pairs]


@pytest.fixture(scope="module")
def filled_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three applications and two contacts, made once for the module (in its own dirs)."""
    from tests.conftest import TODAY, Runner

    root = tmp_path_factory.mktemp("filled")
    db = root / "store" / "jobhunt.db"
    env = {
        "JOBHUNT_DB": str(db),
        "JOBHUNT_TODAY": TODAY.isoformat(),
        "JOBHUNT_CONFIG": str(root / "config.toml"),
        "XDG_DATA_HOME": str(root / "data"),
        "XDG_CONFIG_HOME": str(root / "config"),
        "HOME": str(root / "home"),
    }
    jh = Runner()
    for args in (
        ("add", "Acme", "Dev"),
        ("add", "Globex", "Analyst"),
        ("add", "Initech", "QA"),
        ("contact", "add", "Ann Lee", "--company", "Acme"),
        ("contact", "add", "Bob Stone"),
    ):
        jh(*args, env=env)
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return db


@pytest.fixture
def filled(filled_store: Path, db_path: Path) -> None:
    storeview.install(filled_store, db_path)


@pytest.mark.parametrize("shell", SHELLS)
@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("jobhunt show ", [("3", "Initech — QA"), ("2", "Globex — Analyst"), ("1", "Acme — Dev")]),
        ("jobhunt log ", [("3", "Initech — QA"), ("2", "Globex — Analyst"), ("1", "Acme — Dev")]),
        ("jobhunt status 2", [("2", "Globex — Analyst")]),
        ("jobhunt contact show ", [("2", "Bob Stone"), ("1", "Ann Lee — Acme")]),
    ],
    ids=["show", "log", "status-prefix", "contact-show"],
)
def test_ids_complete_with_their_labels(filled, shell: str, line: str, expected) -> None:
    assert complete(shell, line) == labelled(shell, expected)


@pytest.mark.parametrize("shell", SHELLS)
@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("jobhunt log 1 --via ", ["email", "note", "phone", "message", "in-person"]),
        ("jobhunt log 1 --via p", ["phone"]),
        ("jobhunt status 1 o", ["offer"]),
        (
            "jobhunt config set cadence.r",
            ["cadence.recruiter", "cadence.recruitment-firm", "cadence.referral"],
        ),
    ],
    ids=["via", "via-prefix", "status-value", "config-key"],
)
def test_option_and_argument_values_complete(filled, shell: str, line: str, expected) -> None:
    assert [v for v, _ in complete(shell, line)] == expected


@pytest.mark.parametrize("shell", SHELLS)
def test_completion_reads_the_store_named_by_db(jh, tmp_path: Path, shell: str) -> None:
    other = tmp_path / "other.db"
    jh("--db", str(other), "add", "Umbrella", "Chemist")
    jh("add", "Acme", "Dev")
    line = f"jobhunt --db {other} show "
    assert complete(shell, line) == labelled(shell, [("1", "Umbrella — Chemist")])


@pytest.mark.parametrize("shell", SHELLS)
def test_completion_on_a_missing_store_prints_nothing_and_creates_nothing(
    tmp_path: Path, shell: str
) -> None:
    db = tmp_path / "nowhere" / "jobhunt.db"
    before = sorted(tmp_path.rglob("*"))
    result = run_completion(shell, "jobhunt show ", env={"JOBHUNT_DB": str(db)})
    assert result.returncode == 0
    assert result.stderr == ""
    # zsh's script is told "_files" when there is nothing to offer (Typer's fallback).
    assert result.stdout.strip() == ("_files" if shell == "zsh" else "")
    assert not db.parent.exists()
    assert sorted(tmp_path.rglob("*")) == before


@pytest.mark.parametrize("shell", SHELLS)
@pytest.mark.sqlite_only(reason="the -wal/-shm files of the store file")
def test_completion_leaves_no_files_next_to_the_store(filled, db_path: Path, shell: str) -> None:
    sqlite3.connect(db_path).execute("PRAGMA wal_checkpoint(TRUNCATE)").close()
    for suffix in ("-wal", "-shm"):
        db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)
    before = sorted(p.name for p in db_path.parent.iterdir())
    assert complete(shell, "jobhunt show 1") == labelled(shell, [("1", "Acme — Dev")])
    assert sorted(p.name for p in db_path.parent.iterdir()) == before


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_labels_with_markup_or_control_characters_are_shown_literally(jh, shell: str) -> None:
    jh("add", "Acme [/]", "Dev [bold]x")
    jh("add", "Esc\x1b[2J", "Dev")
    assert complete(shell, "jobhunt show ") == [
        ("2", "Esc\\x1b[2J — Dev"),
        ("1", "Acme [/] — Dev [bold]x"),
    ]


@pytest.mark.parametrize("shell", SHELLS)
def test_completion_does_not_import_the_orm(filled, shell: str) -> None:
    assert loaded_heavy([], env=completion_env(shell, "jobhunt show ")) == []


@pytest.mark.parametrize("shell", SHELLS)
def test_show_completion_prints_an_installable_script(shell: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "jobhunt", "--show-completion", shell],
        capture_output=True,
        text=True,
        # Typer's switch to name the shell instead of detecting the parent shell.
        env={**os.environ, "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"},
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "_JOBHUNT_COMPLETE" in result.stdout
    assert f"complete_{shell}" in result.stdout


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_long_labels_are_cut_so_the_shell_protocol_holds(jh, shell: str) -> None:
    jh("add", "A" * 50, "Senior Principal Staff Engineer, Platform Reliability")
    jh("add", "株式会社" * 10, "開発者")
    pairs = complete(shell, "jobhunt show ")
    assert [v for v, _ in pairs] == ["2", "1"]
    assert pairs[0][1] == "株式会社" * 7 + "株…"
    assert pairs[1][1] == "A" * 50 + " — Senior…"


def test_completion_label_cuts_by_terminal_cells() -> None:
    from jobhunt.store import completion_label

    assert completion_label("abcdef", cells=6) == "abcdef"
    assert completion_label("abcdefg", cells=6) == "abcde…"
    assert completion_label("ab cdefg", cells=4) == "ab…"
    assert completion_label("日本語です", cells=6) == "日本…"
    assert completion_label("[red]x\\", cells=60) == "\\[red]x\\\\"
