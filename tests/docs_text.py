"""The project's documentation as one text: README.md, then every page in docs/.

Tests that check the docs against the code (every command is mentioned, every data
promise names a test, every template field is listed...) read this, so a section can
move between the README and a docs page without the check losing track of it.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def doc_files() -> list[Path]:
    """README.md first, then docs/*.md in name order."""
    return [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def docs_text() -> str:
    """README.md and every docs page, each ending with a newline, in doc_files() order."""
    pages = (path.read_text(encoding="utf-8") for path in doc_files())
    return "\n".join(page if page.endswith("\n") else page + "\n" for page in pages)
