"""Shared fixtures. No test can touch the user's real files: every test gets its own
store, data and config directories under tmp_path, and a fixed 'today'.

The suite runs against SQLite (the default) or PostgreSQL: `pytest --backend=postgresql`
(or JOBHUNT_TEST_BACKEND=postgresql) points every test's store at the server named by
JOBHUNT_TEST_PG_URL (`scripts/pg-test-server start DIR` starts one and prints it), and
each test starts with an empty database. Without a server those runs, and the tests
marked `postgres`, are skipped with the reason; tests marked `sqlite_only` (about the
store file itself) are skipped on PostgreSQL.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jobhunt.cli import app

TODAY = date(2026, 11, 27)  # a Friday
PG_URL = os.environ.get("JOBHUNT_TEST_PG_URL", "")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--backend",
        choices=("sqlite", "postgresql"),
        default=os.environ.get("JOBHUNT_TEST_BACKEND", "sqlite"),
        help="the store every test uses (postgresql needs JOBHUNT_TEST_PG_URL)",
    )


_PG_PROBLEM: list[str] = []


def pg_problem() -> str | None:
    """Why PostgreSQL tests cannot run here, or None (checked once)."""
    if not _PG_PROBLEM:
        if not PG_URL:
            _PG_PROBLEM.append(
                "no PostgreSQL server: set JOBHUNT_TEST_PG_URL (scripts/pg-test-server start "
                "DIR prints it; .ci/run does this)"
            )
        else:
            try:
                import psycopg

                psycopg.connect(PG_URL, connect_timeout=5).close()
                _PG_PROBLEM.append("")
            except Exception as exc:
                first = str(exc).strip().splitlines()[0] if str(exc).strip() else repr(exc)
                _PG_PROBLEM.append(f"PostgreSQL at JOBHUNT_TEST_PG_URL unreachable: {first}")
    return _PG_PROBLEM[0] or None


def pytest_report_header(config: pytest.Config) -> str:
    backend = config.getoption("--backend")
    problem = pg_problem()
    return f"jobhunt store backend: {backend}; PostgreSQL tests: {problem or 'enabled'}"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    on_pg = config.getoption("--backend") == "postgresql"
    problem = pg_problem()
    for item in items:
        if (on_pg or item.get_closest_marker("postgres")) and problem:
            item.add_marker(pytest.mark.skip(reason=problem))
        elif on_pg and (marker := item.get_closest_marker("sqlite_only")):
            why = marker.kwargs.get("reason") or (marker.args[0] if marker.args else "")
            item.add_marker(pytest.mark.skip(reason=f"SQLite store file only: {why}"))


@pytest.fixture(scope="session")
def backend(request: pytest.FixtureRequest) -> str:
    name = request.config.getoption("--backend")
    if name == "postgresql" and not pg_problem():
        drop_pg_profiles()  # whatever an interrupted run left behind
    return name


def drop_pg_profiles(url: str = PG_URL) -> None:
    """Empty the test database: every jobhunt profile schema, and any connection left.
    Only a database named like a test database: never someone's real store."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        name = conn.execute("SELECT current_database()").fetchone()[0]
        if "test" not in name:
            raise RuntimeError(
                f"JOBHUNT_TEST_PG_URL names the database {name!r}: the tests empty the "
                "database they use, so its name must contain 'test'"
            )
        conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        rows = conn.execute(
            "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'jobhunt%%'"
        ).fetchall()
        for (schema,) in rows:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture(autouse=True)
def _isolate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, backend: str) -> Iterator[Path]:
    db = tmp_path / "store" / "jobhunt.db"
    monkeypatch.setenv("JOBHUNT_DB", PG_URL if backend == "postgresql" else str(db))
    monkeypatch.delenv("JOBHUNT_PROFILE", raising=False)
    monkeypatch.setenv("JOBHUNT_TODAY", TODAY.isoformat())
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    for var in ("FORCE_COLOR", "NO_COLOR", "JOBHUNT_FORCE_TERMINAL", "TERM", "COLUMNS"):
        monkeypatch.delenv(var, raising=False)
    yield db
    if backend == "postgresql":
        drop_pg_profiles()  # the next test starts with an empty database


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
