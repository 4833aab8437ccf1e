"""Validation of user text, choices and ranges, shared by the write path, the commands
and every import (CSV, JSON, LinkedIn).

Light on purpose (no SQLAlchemy): commands can validate before opening anything.

The ranges are the ones every later command can live with: a day between 1900 and 2199
(`dates.MIN_YEAR`..`MAX_YEAR`), a fact (applied, touched, logged, added) not after
today, a period of 1 to 3,650 days (as `config set` allows), an id from 1 to 2**63-1
(SQLite's and PostgreSQL's 64-bit integers).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from jobhunt.dates import MAX_PERIOD_DAYS, MAX_YEAR, MIN_YEAR, parse_period
from jobhunt.errors import InputError, NotFound

MAX_ID = 2**63 - 1


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


def not_in_future(day: date, today: date, field: str, advice: str = "") -> date:
    """`day`, unless it is after `today`: "FIELD DAY is in the future[; ADVICE]"."""
    if day > today:
        message = f"{field} {day.isoformat()} is in the future"
        raise InputError(f"{message}; {advice}" if advice else message)
    return day


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


# --------------------------------------------------------------------------- ranges


def day(value: date, field: str, *, today: date | None = None) -> date:
    """A day in range; with `today`, a fact, which may not be after today
    (not_in_future)."""
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise InputError(
            f"{field} {value.isoformat()}: the year must be from {MIN_YEAR} to {MAX_YEAR}"
        )
    return value if today is None else not_in_future(value, today, field)


def period(days: int, field: str) -> int:
    """A cadence in days: 1 to 3,650 (ten years), as `config set` allows."""
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_PERIOD_DAYS:
        raise InputError(f"{field} must be from 1 to {MAX_PERIOD_DAYS} days (ten years)")
    return days


def every(text: str) -> int:
    """`--every PERIOD` (2w, 30d, 3m, 1y) in days, within period()'s limit."""
    return period(parse_period(text), f"--every {text}")


def record_id(value: int, field: str) -> int:
    """An id as a file holds it: 1 to 2**63-1."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_ID:
        raise InputError(f"{field} must be from 1 to {MAX_ID}")
    return value


def existing_id(value: int | None, noun: str, hint: str | None = None) -> int | None:
    """An id typed on the command line: one beyond 64 bits names no record, on both
    backends alike (SQLite cannot even look it up)."""
    if value is not None and not 1 <= value <= MAX_ID:
        raise NotFound(f"no {noun} with id {value}", hint=hint)
    return value
