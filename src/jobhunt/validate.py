"""Validation of user text and choices, shared by the write path and the commands.

Light on purpose (no SQLAlchemy): commands can validate before opening anything.
"""

from __future__ import annotations

from collections.abc import Iterable

from jobhunt.errors import InputError


def text(value: str | None, field: str, *, required: bool = False) -> str | None:
    """User text, stored exactly as typed; empty optional text is stored as NULL."""
    if value is None or value == "":
        if required:
            raise InputError(f"{field} must not be empty")
        return None
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InputError(f"{field} is not valid UTF-8 text") from exc
    if "\x00" in value:
        raise InputError(f"{field} must not contain NUL characters")
    if required and not value.strip():
        raise InputError(f"{field} must not be blank")
    return value


def choice(value: str | None, field: str, allowed: Iterable[str]) -> str | None:
    if value is None:
        return None
    allowed = tuple(allowed)
    normal = value.strip().lower()
    if normal not in allowed:
        raise InputError(f"unknown {field} {value!r}; choose from: {', '.join(allowed)}")
    return normal


def skill_key(name: str) -> str:
    """What makes two skill names the same: case, width and Unicode composition aside
    ("Python", "PYTHON", "Ｐｙｔｈｏｎ"), as PostgreSQL's case-insensitive collation sees it."""
    import unicodedata

    return unicodedata.normalize("NFKC", name).casefold()


def skill_names(values: Iterable[str]) -> list[str]:
    """Skills, trimmed, de-duplicated case-insensitively (skill_key), order kept."""
    seen: dict[str, str] = {}
    for raw in values:
        for part in raw.split(","):
            name = text(part.strip(), "skill")
            if name and skill_key(name) not in seen:
                seen[skill_key(name)] = name
    return list(seen.values())
