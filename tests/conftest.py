"""Shared fixtures. No test can touch the user's real files: every test gets its own
store, data and config directories under tmp_path, and a fixed 'today'."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jobhunt.cli import app

TODAY = date(2026, 11, 27)  # a Friday


@pytest.fixture(autouse=True)
def _isolate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    db = tmp_path / "store" / "jobhunt.db"
    monkeypatch.setenv("JOBHUNT_DB", str(db))
    monkeypatch.setenv("JOBHUNT_TODAY", TODAY.isoformat())
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    for var in ("FORCE_COLOR", "NO_COLOR", "JOBHUNT_FORCE_TERMINAL", "TERM", "COLUMNS"):
        monkeypatch.delenv(var, raising=False)
    return db


@pytest.fixture
def db_path(_isolate: Path) -> Path:
    return _isolate


class Runner:
    """Runs `jobhunt ARGS` in-process and keeps stdout and stderr apart."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(
        self, *args: str, input: str | None = None, env: dict | None = None, ok: bool = True
    ):
        result = self.runner.invoke(app, list(args), input=input, env=env, catch_exceptions=False)
        if ok:
            assert result.exit_code == 0, (
                f"jobhunt {' '.join(args)} exited {result.exit_code}\n"
                f"stdout: {result.stdout}\nstderr: {result.stderr}"
            )
        return result

    def json(self, *args: str):
        import json

        return json.loads(self(*args, "--json").stdout)


@pytest.fixture
def jh() -> Runner:
    return Runner()


def run_subprocess(
    *args: str, env: dict | None = None, input: str | None = None, timeout: float = 60
):
    """`python -m jobhunt ARGS` in a real subprocess (for TTY-free, cron-like runs)."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "jobhunt", *args],
        capture_output=True,
        text=True,
        env=full_env,
        input=input,
        timeout=timeout,
        check=False,
    )
