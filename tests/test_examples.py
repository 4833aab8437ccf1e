"""The examples in examples/ work as shipped."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

EXAMPLES = Path(__file__).parent.parent / "examples"


def _env_with_jobhunt_on_path(tmp_path: Path) -> dict[str, str]:
    bindir = tmp_path / "bin"
    bindir.mkdir()
    shim = bindir / "jobhunt"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m jobhunt "$@"\n')
    shim.chmod(0o755)
    env = {**os.environ, "PATH": f"{bindir}{os.pathsep}{os.environ['PATH']}"}
    env.pop("JOBHUNT_DB", None)
    return env


def test_demo_script_builds_a_store_and_prints_its_agenda(tmp_path: Path) -> None:
    result = subprocess.run(
        ["bash", str(EXAMPLES / "demo.sh")],
        capture_output=True,
        text=True,
        env=_env_with_jobhunt_on_path(tmp_path),
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Agenda for 2026-11-27" in result.stdout
    assert "[Follow up] 4 days overdue: Follow up on your application to Acme Corp" in result.stdout
    assert "Check in with Initech (BI Developer)" in result.stdout
    assert "Apply to 4 more jobs this week" in result.stdout
    assert result.stderr == ""


def test_crontab_runs_today_quietly_with_mailto() -> None:
    text = (EXAMPLES / "crontab").read_text()
    assert "MAILTO=" in text
    assert "jobhunt today --quiet" in text


def test_aliases_name_real_commands(tmp_path: Path) -> None:
    if shutil.which("bash") is None:
        return
    script = f'shopt -s expand_aliases; . "{EXAMPLES / "aliases.sh"}"; alias'
    out = subprocess.run(["bash", "-c", script], capture_output=True, text=True, check=True).stdout
    env = _env_with_jobhunt_on_path(tmp_path)
    env["JOBHUNT_DB"] = str(tmp_path / "a.db")
    for line in out.splitlines():
        command = line.split("=", 1)[1].strip("'").split()
        assert command[0] == "jobhunt"
        result = subprocess.run(
            [*command, "--help"], capture_output=True, text=True, env=env, check=False
        )
        assert result.returncode == 0, line


def test_example_csvs_import_cleanly(jh) -> None:
    linkedin = jh.json("import", "linkedin", str(EXAMPLES / "linkedin-connections.csv"))
    apps = jh.json("import", "csv", str(EXAMPLES / "applications.csv"))
    # The LinkedIn sample keeps one nameless row, as real exports have: it is reported.
    assert [r["line"] for r in linkedin["import"]["rejected"]] == [10]
    assert linkedin["import"]["added"] == linkedin["import"]["rows"] - 1 > 0
    assert apps["import"]["rejected"] == []
    assert apps["import"]["added"] == apps["import"]["rows"] > 0
    assert jh.json("contact", "list")["contacts"]
    assert jh.json("list", "--all")["applications"]


def test_coach_script_keeps_clients_apart(tmp_path: Path) -> None:
    env = _env_with_jobhunt_on_path(tmp_path)
    env["JOBHUNT_DB"] = str(tmp_path / "clients.db")
    result = subprocess.run(
        ["bash", str(EXAMPLES / "coach.sh")],
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "ann\t1\t1\t0\t0\nbo\t1\t1\t0\t0\n" in out
    ann, bo = out.split("== ann ==")[1].split("== bo ==")
    assert "Send a thank-you note to Acme Corp" in ann
    assert "-> jobhunt --profile ann log 1 --via note" in ann
    assert "Acme" not in bo
    assert "Initech" not in ann
    assert result.stderr == ""
