"""The rules stay pure: no store, CLI, terminal, config or clock in `jobhunt.rules`.

Every module of the package is read with `ast`, every import statement counted (those
inside functions too), and each must come from a short list of pure modules. The clock
is checked in the source text, since `date` itself is allowed.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

RULES = Path(__file__).resolve().parent.parent / "src" / "jobhunt" / "rules"

PURE_STDLIB = {
    "__future__",
    "collections.abc",
    "dataclasses",
    "datetime",
    "enum",
    "functools",
    "itertools",
    "math",
    "re",
    "shlex",
    "typing",
}
PURE_PROJECT = {"jobhunt.choices", "jobhunt.dates", "jobhunt.records"}
PACKAGES = {"jobhunt", "jobhunt.rules"}  # `from jobhunt import store` imports jobhunt.store
CLOCK = ("date.today(", "datetime.now(", "datetime.today(", "datetime.utcnow(", "time.time(")


def rule_modules() -> list[Path]:
    return sorted(RULES.glob("*.py"))


def imported_modules(path: Path) -> set[str]:
    """Every module an import statement in `path` names, inside functions too."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative to jobhunt.rules, where every rule module lives
                here = ["jobhunt", "rules"][: 3 - node.level]
                base = ".".join([*here, base] if base else here)
            if base in PACKAGES:
                found.update(f"{base}.{alias.name}" for alias in node.names)
            else:
                found.add(base)
    return found


def allowed(module: str) -> bool:
    if module in PURE_STDLIB or module in PURE_PROJECT:
        return True
    rule = module.removeprefix("jobhunt.rules.")
    return rule != module and "." not in rule and (RULES / f"{rule}.py").exists()


def test_the_package_has_its_modules() -> None:
    names = {p.stem for p in rule_modules()}
    assert {"base", "follow_up", "apply", "network", "learning", "active", "agenda"} <= names


@pytest.mark.parametrize("path", rule_modules(), ids=lambda p: p.stem)
def test_rule_modules_import_only_pure_modules(path: Path) -> None:
    assert sorted(n for n in imported_modules(path) if not allowed(n)) == []


@pytest.mark.parametrize("path", rule_modules(), ids=lambda p: p.stem)
def test_rule_modules_never_read_the_clock(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    assert [c for c in CLOCK if c in source] == []


@pytest.mark.parametrize(
    "line",
    [
        "from jobhunt import store",
        "import jobhunt.cli",
        "from jobhunt.render import Output",
        "from jobhunt.config import policy",
        "import sqlite3",
        "from rich.console import Console",
        "from jobhunt.rules.nowhere import x",
    ],
)
def test_the_check_catches_an_impure_import(tmp_path: Path, line: str) -> None:
    path = tmp_path / "habit.py"
    path.write_text(f"def f():\n    {line}\n", encoding="utf-8")
    assert not all(allowed(n) for n in imported_modules(path))


def test_importing_the_rules_loads_nothing_impure() -> None:
    code = (
        "import sys, jobhunt.rules\n"
        "jobhunt.rules.plan  # loads the agenda, and with it every habit\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('rich', 'sqlite3', 'sqlmodel',"
        " 'sqlalchemy', 'typer', 'psycopg') or m.startswith(('jobhunt.store', 'jobhunt.cli',"
        " 'jobhunt.render', 'jobhunt.config', 'jobhunt.pg'))]\n"
        "print(bad)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout == "[]\n"
