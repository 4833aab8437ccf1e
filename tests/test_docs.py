"""The docs stay true: every command has help and is in the docs (README.md and docs/*.md);
the README's quick-start blocks exist."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.main import get_command

from jobhunt.cli import app
from tests.docs_text import docs_text

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
DOCS = docs_text()  # README.md and every docs page


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
def test_every_command_is_in_the_docs(name: str) -> None:
    assert f"jobhunt {name}" in DOCS, f"the docs do not mention 'jobhunt {name}'"


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


def test_date_grammar_is_documented_in_docs_and_help() -> None:
    from jobhunt.dates import DATE_HELP

    for form in ("today", "tomorrow", "yesterday", "+3d", "-2w", "eow", "eom", "mon"):
        assert f"`{form}" in DOCS or f" {form}" in DOCS
        assert form in DATE_HELP


def test_no_stale_version_in_docs() -> None:
    assert not re.search(r"jobhunt \d+\.\d+\.\d+", DOCS)


def test_every_action_kind_is_documented() -> None:
    src = ROOT / "src" / "jobhunt"
    kinds = set()
    for module in ("rules.py", "rules_network.py", "rules_learning.py"):
        kinds |= set(re.findall(r'kind="([a-z_]+)"', (src / module).read_text()))
    assert len(kinds) >= 15
    for kind in kinds:
        assert f"`{kind}`" in DOCS, kind
