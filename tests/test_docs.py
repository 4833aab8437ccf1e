"""The docs stay true: every command has help and is in the README; README blocks exist."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.main import get_command

from jobhunt.cli import app

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def all_commands():
    """(full name, click command) for every leaf command."""
    root = get_command(app)

    def walk(group, prefix):
        for name in group.list_commands(None):
            cmd = group.get_command(None, name)
            full = f"{prefix} {name}".strip()
            if hasattr(cmd, "commands"):
                yield from walk(cmd, full)
            else:
                yield full, cmd

    return list(walk(root, ""))


COMMANDS = all_commands()


@pytest.mark.parametrize(("name", "cmd"), COMMANDS, ids=[n for n, _ in COMMANDS])
def test_every_command_has_help(name: str, cmd) -> None:
    assert cmd.help, name
    assert cmd.help.strip(), name
    for param in cmd.params:
        if param.name in ("ctx",):
            continue
        assert getattr(param, "help", "x"), f"{name} {param.name} has no help"


@pytest.mark.parametrize("name", [n for n, _ in COMMANDS])
def test_every_command_is_in_the_readme(name: str) -> None:
    assert f"jobhunt {name}" in README, f"README does not mention 'jobhunt {name}'"


@pytest.mark.parametrize("marker", ["run", "test"])
def test_readme_has_exactly_one_quickstart_block(marker: str) -> None:
    assert README.count(f"<!-- quickstart:{marker} -->") == 1
    assert README.count(f"<!-- /quickstart:{marker} -->") == 1
    block = README.split(f"<!-- quickstart:{marker} -->")[1].split(
        f"<!-- /quickstart:{marker} -->"
    )[0]
    lines = [x for x in block.strip().splitlines() if not x.startswith("```")]
    assert len(lines) == 1, "one copy-paste command"
    if marker == "run":
        assert lines[0].rstrip().endswith("jobhunt today")


def test_date_grammar_is_documented_in_readme_and_help() -> None:
    from jobhunt.dates import DATE_HELP

    for form in ("today", "tomorrow", "yesterday", "+3d", "-2w", "eow", "eom", "mon"):
        assert f"`{form}" in README or f" {form}" in README
        assert form in DATE_HELP


def test_no_stale_version_in_readme() -> None:
    assert not re.search(r"jobhunt \d+\.\d+\.\d+", README)


def test_every_action_kind_is_documented() -> None:
    rules = ROOT / "src" / "jobhunt" / "rules"
    kinds = set()
    for module in sorted(rules.glob("*.py")):
        kinds |= set(re.findall(r'kind="([a-z_]+)"', module.read_text()))
    assert len(kinds) >= 15
    for kind in kinds:
        assert f"`{kind}`" in README, kind
