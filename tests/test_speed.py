"""The everyday commands must not pay for the ORM (see docs/speed.md)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

HEAVY = ("sqlalchemy", "sqlmodel", "pydantic")

_PROBE = """
import importlib, json, sys
watch = set(json.loads(sys.argv[2]))
for name in json.loads(sys.argv[3]):
    importlib.import_module(name)
sys.argv = ["jobhunt", *json.loads(sys.argv[1])]
from jobhunt.cli import main
try:
    main()
except SystemExit:
    pass
finally:
    heavy = sorted({m.split(".")[0] for m in sys.modules} & watch)
    sys.__stderr__.write("HEAVY=" + json.dumps(heavy) + "\\n")
"""


def loaded_heavy(
    args: list[str],
    env: dict[str, str] | None = None,
    watch: tuple[str, ...] = HEAVY,
    preload: tuple[str, ...] = (),
) -> list[str]:
    """The packages of `watch` loaded by the time `jobhunt ARGS` ends (`preload` first)."""
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, json.dumps(args), json.dumps(watch), json.dumps(preload)],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=60,
        check=False,
    )
    line = [x for x in result.stderr.splitlines() if x.startswith("HEAVY=")]
    assert line, result.stderr
    return json.loads(line[-1][len("HEAVY=") :])


@pytest.mark.parametrize(
    "args",
    [["--help"], ["--version"], ["today"], ["today", "--json"], ["list"], ["add", "--help"]],
    ids=["help", "version", "today", "today-json", "list", "add-help"],
)
def test_everyday_commands_do_not_import_the_orm(args: list[str]) -> None:
    assert loaded_heavy(args) == []


def test_completion_does_not_import_the_orm(jh) -> None:
    jh("add", "Acme", "Dev")
    env = {"_JOBHUNT_COMPLETE": "complete_bash", "COMP_WORDS": "jobhunt show ", "COMP_CWORD": "2"}
    assert loaded_heavy([], env=env) == []


def test_completion_offers_application_ids(jh) -> None:
    jh("add", "Acme", "Dev")
    jh("add", "Globex", "Analyst")
    result = subprocess.run(
        [sys.executable, "-m", "jobhunt"],
        capture_output=True,
        text=True,
        env={
            **os.environ,
            "_JOBHUNT_COMPLETE": "complete_zsh",
            "_TYPER_COMPLETE_ARGS": "jobhunt show ",
        },
        timeout=60,
        check=False,
    )
    assert "1" in result.stdout
    assert "Acme — Dev" in result.stdout
    assert "Globex — Analyst" in result.stdout


@pytest.fixture
def records(jh) -> None:
    """Application 1, contact 1 and course 1, for the write commands to act on."""
    jh("add", "Acme", "Dev")
    jh("contact", "add", "Ann", "--company", "Acme")
    jh("course", "add", "SQL basics")


WRITES = {
    "add": ["add", "Globex", "Analyst", "--skill", "SQL"],
    "log": ["log", "1", "--via", "email"],
    "status": ["status", "1", "interviewing"],
    "interview": ["interview", "1", "--on", "2026-12-01", "--with", "Dana"],
    "edit": ["edit", "1", "--note", "changed", "--skill", "Python"],
    "contact add": ["contact", "add", "Bo", "--company", "Globex"],
    "contact touch": ["contact", "touch", "1", "--via", "email"],
    "course log": ["course", "log", "1", "--hours", "1.5"],
    "snooze": ["snooze", "1", "--until", "2026-12-20"],
    "import json": [],  # filled in by the test: it needs a file
}


@pytest.mark.parametrize("name", list(WRITES), ids=list(WRITES))
def test_writes_do_not_import_the_orm(records, jh, tmp_path, name: str) -> None:
    args = WRITES[name]
    if name == "import json":
        document = tmp_path / "export.json"
        document.write_text(jh("export", "json").stdout, encoding="utf-8")
        args = ["import", "json", str(document), "--merge"]
    assert loaded_heavy(args) == []
    assert jh.json("show", "1")["version"] == 1  # the write happened and the store reads


def imported_by(*argv: str) -> set[str]:
    """The top-level packages `python -X importtime ARGV` imports (from its stderr)."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", *argv],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    names = {
        line.rsplit("|", 1)[1].strip().split(".")[0]
        for line in result.stderr.splitlines()
        if line.startswith("import time:") and line.count("|") == 2
    }
    assert "jobhunt" in names, result.stderr[-2000:]
    return names


@pytest.mark.parametrize(
    "args",
    [
        ["add", "Globex", "Analyst"],
        ["log", "1", "--via", "email"],
        ["contact", "touch", "1", "--via", "email"],
    ],
    ids=["add", "log", "contact-touch"],
)
def test_importtime_of_writes_shows_no_orm(records, args: list[str]) -> None:
    assert imported_by("-m", "jobhunt", *args) & set(HEAVY) == set()


def test_the_probes_see_the_orm_when_it_is_loaded() -> None:
    # No command loads the ORM any more: SQLModel is the schema of record (models.py,
    # checked against the migrated store by tests/test_schema.py), imported by tests.
    assert "sqlalchemy" in imported_by("-c", "import jobhunt.models")
    assert "sqlalchemy" in loaded_heavy(["--version"], preload=("jobhunt.models",))


@pytest.mark.parametrize("args", [["--help"], ["today"]], ids=["help", "today"])
def test_reading_the_config_does_not_import_tomlkit(args: list[str], tmp_path) -> None:
    # tomlkit is for editing the file (config set/unset); reading it is stdlib tomllib.
    config = tmp_path / "config.toml"
    config.write_text("# mine\nweekly_applications = 2\n\n[cadence]\nrecruiter = 10\n")
    assert loaded_heavy(args, env={"JOBHUNT_CONFIG": str(config)}, watch=("tomlkit",)) == []


def test_config_set_edits_the_file_with_tomlkit(tmp_path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("# mine\nweekly_applications = 2\n")
    env = {"JOBHUNT_CONFIG": str(config)}
    args = ["config", "set", "weekly_touches", "4"]
    assert loaded_heavy(args, env=env, watch=("tomlkit",)) == ["tomlkit"]
    assert config.read_text() == "# mine\nweekly_applications = 2\nweekly_touches = 4\n"
