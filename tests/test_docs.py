"""The docs stay true: every command has help and is in the docs (README.md and docs/*.md);
the README's quick-start blocks exist."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.main import get_command

from jobhunt.cli import app
from tests.docs_text import doc_files, docs_text

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


def test_readme_has_no_other_set_up_commands() -> None:
    """The two quick-start blocks are the README's only set-up commands (the rest is in
    docs/development.md), so there is one way in to copy."""
    assert README.count("pip install") == 2


def test_readme_is_a_front_door() -> None:
    """The README says what jobhunt is and how to start; the reference is in docs/."""
    assert len(README.splitlines()) < 200


def github_anchor(heading: str) -> str:
    """The anchor GitHub gives a heading: its text, lowercased, without punctuation,
    spaces as hyphens (links show as their text, code spans without backticks)."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading).strip().lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def without_code(text: str) -> str:
    """Markdown without fenced blocks and code spans (they hold no links or headings)."""
    text = re.sub(r"^```.*?^```", "", text, flags=re.M | re.S)
    return re.sub(r"`[^`\n]*`", "", text)


def anchors(path: Path) -> set[str]:
    found: set[str] = set()
    for heading in re.findall(r"^#{1,6} +(.+?) *#* *$", without_code(path.read_text()), re.M):
        base = github_anchor(heading)
        anchor, n = base, 0
        while anchor in found:  # GitHub numbers repeated headings: x, x-1, x-2...
            n += 1
            anchor = f"{base}-{n}"
        found.add(anchor)
    return found


def relative_links() -> list[tuple[Path, str]]:
    links = []
    for page in doc_files():
        for target in re.findall(r"\]\(([^)\s]+)\)", without_code(page.read_text())):
            if not re.match(r"[a-z][a-z0-9+.-]*:", target):  # http:, mailto: ... are not ours
                links.append((page, target))
    return links


LINKS = relative_links()


def test_the_docs_link_to_each_other() -> None:
    assert len(LINKS) >= 30
    assert any(target.startswith("docs/") for page, target in LINKS if page.name == "README.md")


@pytest.mark.parametrize(("page", "target"), LINKS, ids=[f"{p.name}->{t}" for p, t in LINKS])
def test_every_relative_link_resolves(page: Path, target: str) -> None:
    assert not target.startswith("/"), "links are relative, so they work on any host"
    file, _, anchor = target.partition("#")
    path = (page.parent / file).resolve() if file else page
    assert path.exists(), f"{page.name}: {target} points at no file"
    if anchor:
        assert path.suffix == ".md", f"{page.name}: {target} has an anchor in a non-page"
        assert anchor in anchors(path), f"{page.name}: {target}: no such heading"


def test_date_grammar_is_documented_in_docs_and_help() -> None:
    from jobhunt.dates import DATE_HELP

    for form in ("today", "tomorrow", "yesterday", "+3d", "-2w", "eow", "eom", "mon"):
        assert f"`{form}" in DOCS or f" {form}" in DOCS
        assert form in DATE_HELP


def test_no_stale_version_in_docs() -> None:
    assert not re.search(r"jobhunt \d+\.\d+\.\d+", DOCS)


def test_every_action_kind_is_documented() -> None:
    rules = ROOT / "src" / "jobhunt" / "rules"
    kinds = set()
    for module in sorted(rules.glob("*.py")):
        kinds |= set(re.findall(r'kind="([a-z_]+)"', module.read_text()))
    assert len(kinds) >= 15
    for kind in kinds:
        assert f"`{kind}`" in DOCS, kind


def test_the_json_page_lists_exactly_the_action_kinds() -> None:
    """`today --json`'s kinds, as listed where its keys are documented: every one, and
    none that does not exist."""
    rules = ROOT / "src" / "jobhunt" / "rules"
    kinds = set()
    for module in sorted(rules.glob("*.py")):
        kinds |= set(re.findall(r'kind="([a-z_]+)"', module.read_text()))
    page = (ROOT / "docs" / "output-and-automation.md").read_text(encoding="utf-8")
    listed = page.split("The kinds:", 1)[1].split("\n\n", 1)[0]
    assert set(re.findall(r"`([a-z_]+)`", listed)) - {"stage"} == kinds | {
        "after_apply",
        "thank_you",
        "check_in",
    }
