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


# --------------------------------------------------------------------------- typed options
#
# What a user types for a field, to its stored form (the commands parse; the write
# path checks again, so every caller gets the same refusal).

DAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def parse_days(text: str) -> tuple[int, ...]:
    """'tue,thu' -> (1, 3). Names or their first three letters or more; '' -> ()."""
    from jobhunt.dates import WEEKDAYS

    found: set[int] = set()
    for part in text.replace(",", " ").split():
        word = part.lower()
        index = next(
            (i for i, name in enumerate(WEEKDAYS) if len(word) >= 3 and name.startswith(word)),
            None,
        )
        if index is None:
            raise InputError(
                f"unknown day {part!r} in --days; use {', '.join(DAY_KEYS)} "
                "(or full names), comma-separated"
            )
        found.add(index)
    return tuple(sorted(found))


def parse_hours(text: str | None) -> float | None:
    """Hours as typed: '1.5' or '1,5'; None or '' -> None. Refuses negatives, nan, inf."""
    import math

    if text is None or not text.strip():
        return None
    try:
        value = float(text.strip().replace(",", "."))
    except ValueError:
        value = math.nan
    if not (0 <= value < math.inf):
        raise InputError(f"invalid hours {text!r}: give a number of 0 or more, e.g. 1.5")
    return value


def parse_progress(text: str | None) -> int | None:
    """A percentage: '40' or '40%'; None -> None."""
    if text is None:
        return None
    digits = text.strip().removesuffix("%").strip()
    if not digits.isdecimal() or int(digits) > 100:
        raise InputError(f"invalid progress {text!r}: give a percentage from 0 to 100")
    return int(digits)


def parse_every(text: str | None) -> int | None:
    """--every: None keeps the default, '' (edit only) clears it back to the default;
    a period within period()'s limit (see every())."""
    if text is None or text == "":
        return None
    return every(text)


def parse_event_id(text: str) -> int | None:
    """--met-at as typed on `contact edit`: an event id, or '' to clear it."""
    if text == "":
        return None
    if not text.strip().isdigit():
        raise InputError(f"invalid event id {text!r}: give a number (see: jobhunt event list)")
    return existing_id(int(text), "event", "see the ids with: jobhunt event list")


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


MAX_MINUTES = 24 * 60


def clock(text: str, field: str) -> str:
    """A time of day as HH:MM (24-hour; `9:30` is read as 09:30)."""
    hours, sep, mins = text.strip().partition(":")
    ok = sep and text.isascii() and hours.isdigit() and mins.isdigit()
    ok = ok and len(hours) <= 2 and len(mins) == 2
    if not ok or int(hours) > 23 or int(mins) > 59:
        raise InputError(f"{field} {text!r} is not a time of day (HH:MM, 24-hour)")
    return f"{int(hours):02d}:{mins}"


def minutes(value: int, field: str) -> int:
    """A length in minutes: 1 to a day."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_MINUTES:
        raise InputError(f"{field} must be from 1 to {MAX_MINUTES} minutes")
    return value


# --------------------------------------------------------------------------- email

# RFC 5321's limits: 64 characters before the @, 254 in all, 63 in a domain label.
EMAIL_MAX = 254
EMAIL_LOCAL_MAX = 64
EMAIL_LABEL_MAX = 63
# Not allowed unquoted before the @ (RFC 5322 "specials"); quoted local parts are refused.
_EMAIL_SPECIALS = frozenset('()<>[]\\,;:@"')


def _email_problem(address: str) -> str | None:
    """Why `address` is not an email address, or None when it is one (a syntax check)."""
    if address.startswith('"'):
        return 'quoted local parts ("..."@) are not accepted'
    if any(ch.isspace() or not ch.isprintable() for ch in address):
        return "it contains a space or a control character"
    if len(address) > EMAIL_MAX:
        return f"it is longer than {EMAIL_MAX} characters"
    local, at, domain = address.rpartition("@")
    if not at:
        return "it has no @"
    if not local:
        return "nothing before the @"
    if len(local) > EMAIL_LOCAL_MAX:
        return f"more than {EMAIL_LOCAL_MAX} characters before the @"
    if any(ch in _EMAIL_SPECIALS for ch in local):
        return 'a character not allowed before the @ (one of ( ) < > [ ] \\ , ; : @ ")'
    if local.startswith(".") or local.endswith(".") or ".." in local:
        return "a dot at the start or end of the name, or two in a row"
    if domain.startswith("["):
        return "address literals (user@[192.0.2.1]) are not accepted"
    labels = domain.split(".")
    if len(labels) < 2:
        return "the domain has no dot (user@example.com)"
    for label in labels:
        if not label:
            return "the domain has an empty part (two dots, or a dot at an end)"
        if len(label) > EMAIL_LABEL_MAX:
            return f"a part of the domain is longer than {EMAIL_LABEL_MAX} characters"
        if label.startswith("-") or label.endswith("-"):
            return "a part of the domain starts or ends with '-'"
        if not all(ch.isalnum() or ch == "-" for ch in label):
            return "the domain may hold only letters, digits, '-' and dots"
    if labels[-1].isdigit():
        return "the domain ends in a number"
    return None


def email(value: str | None, field: str = "email") -> str | None:
    """An email address, trimmed; empty is None (no address). A syntax check, not a
    delivery check: local@domain, a dot in the domain, no spaces or control characters,
    RFC 5321's lengths. Plus-addressing, subdomains and international (IDN, non-ASCII)
    addresses pass; quoted local parts ("a b"@x.org) and address literals are refused.
    """
    if value is None:
        return None
    address = value.strip()
    if not address:
        return None
    problem = _email_problem(address)
    if problem is not None:
        shown = address if len(address) <= 60 else address[:57] + "..."
        raise InputError(f"{field} {shown!r} is not an email address: {problem}")
    return address
