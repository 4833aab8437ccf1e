"""The everyday commands must not pay for the ORM (see docs/speed.md)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

HEAVY = ("sqlalchemy", "sqlmodel", "pydantic")

_PROBE = """
import json, sys
watch = set(json.loads(sys.argv[2]))
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
    args: list[str], env: dict[str, str] | None = None, watch: tuple[str, ...] = HEAVY
) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, json.dumps(args), json.dumps(watch)],
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


def test_writes_do_load_the_orm() -> None:
    # The probe itself must be able to see the ORM when it is used.
    assert "sqlalchemy" in loaded_heavy(["add", "Acme", "Dev"])


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
