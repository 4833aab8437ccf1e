"""The full-store JSON document: its shape, reading one, and checking its records.

A document is versioned::

    {"version": 1, "kind": "jobhunt-export", "schema": [...migrations...],
     "applications": [{..., "skills": [...], "events": [...]}], "contacts": [...],
     "interactions": [...], "links": [...], "meetups": [...],
     "courses": [{..., "skills": [...], "logs": [...]}], "skills": [...], "nudges": [...]}

It names every column of every table, ids and timestamps included (`jsonexport` writes
it, `jsonimport` reads it back). The column specs live here rather than in store.py
because they must name every column of the schema; a test compares `TABLES` with the
live schema, so a migration that adds a column cannot be forgotten.

`load` turns a file into a document or one clear error; `check_record`,
`check_skills` and `check_children` check one record against its spec (types, dates,
choices, and the ranges every path in shares: `validate.day`, `validate.period`,
`validate.record_id`) and raise `Invalid` with the reason.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from jobhunt import validate
from jobhunt.dates import MAX_YEAR, MIN_YEAR
from jobhunt.errors import InputError
from jobhunt.records import (
    APPLY_METHODS,
    CONTACT_KINDS,
    COURSE_KINDS,
    COURSE_STATUSES,
    EVENT_KINDS,
    FOLLOW_UP_CHANNELS,
    JOB_TYPES,
    LINK_ROLES,
    MEETUP_KINDS,
    STATUSES,
    TOUCH_CHANNELS,
)
from jobhunt.validate import skill_key

FORMAT_VERSION = 1
KIND = "jobhunt-export"


@dataclass(frozen=True, slots=True)
class Col:
    key: str  # in the JSON document
    column: str  # in the table
    kind: str  # see _check
    choices: tuple[str, ...] = ()


def _cols(*specs: tuple) -> tuple[Col, ...]:
    return tuple(Col(*s) for s in specs)


APPLICATION = _cols(
    ("id", "id", "id"),
    ("company", "company", "req"),
    ("role", "role", "req"),
    ("status", "status", "enum", STATUSES),
    ("applied_on", "applied_on", "fact?"),
    ("job_type", "job_type", "enum?", JOB_TYPES),
    ("source", "source", "text"),
    ("url", "url", "text"),
    ("location", "location", "text"),
    ("salary", "salary", "text"),
    ("note", "note", "text"),
    ("created_at", "created_at", "instant"),
    ("updated_at", "updated_at", "instant"),
    ("via", "via", "enum?", APPLY_METHODS),
)
EVENT = _cols(
    ("id", "id", "id"),
    ("kind", "kind", "enum", EVENT_KINDS),
    ("on", "on_day", "event-day"),
    ("channel", "channel", "enum?", FOLLOW_UP_CHANNELS),
    ("status", "status", "enum?", STATUSES),
    ("until", "until_day", "day?"),
    ("person", "person", "text"),
    ("note", "note", "text"),
    ("created_at", "created_at", "instant"),
    ("dated", "dated", "flag"),  # true/false; stored as 1/0; true when absent
    ("at", "at_time", "clock?"),  # HH:MM of a timed interview
    ("minutes", "minutes", "count?"),
    ("place", "place", "text"),
)
CONTACT = _cols(
    ("id", "id", "id"),
    ("name", "name", "req"),
    ("company", "company", "text"),
    ("title", "title", "text"),
    ("kind", "kind", "enum", CONTACT_KINDS),
    ("email", "email", "email"),  # validate.email: an address, or null
    ("phone", "phone", "text"),
    ("url", "url", "text"),
    ("met", "met", "text"),
    ("every_days", "every_days", "period?"),
    ("note", "note", "text"),
    ("met_at_event_id", "met_at_event_id", "ref?"),
    ("added_on", "added_on", "fact"),
    ("created_at", "created_at", "instant"),
    ("keep_in_touch", "keep_in_touch", "flag"),  # false: no stay-in-touch schedule
    ("due_from", "due_from", "day?"),
)
INTERACTION = _cols(
    ("id", "id", "id"),
    ("contact_id", "contact_id", "ref"),
    ("via", "via", "enum", TOUCH_CHANNELS),
    ("on", "on_day", "fact"),
    ("note", "note", "text"),
    ("created_at", "created_at", "instant"),
    ("informational", "informational", "flag0"),  # false when absent
)
# An answer to a suggestion: a contact not now (contact_id), or a company skipped.
DISMISSAL = _cols(
    ("id", "id", "id"),
    ("contact_id", "contact_id", "ref?"),
    ("company", "company", "text"),
    ("on", "on_day", "fact"),
    ("until", "until_day", "day?"),
    ("created_at", "created_at", "instant"),
)
LINK = _cols(
    ("contact_id", "contact_id", "ref"),
    ("application_id", "application_id", "ref"),
    ("role", "role", "enum", LINK_ROLES),
)
# Who took part in an application event (interview --with, log --with).
EVENT_PERSON = _cols(("event_id", "event_id", "ref"), ("contact_id", "contact_id", "ref"))
MEETUP = _cols(
    ("id", "id", "id"),
    ("title", "title", "req"),
    ("on", "on_day", "day"),
    ("kind", "kind", "enum", MEETUP_KINDS),
    ("place", "place", "text"),
    ("note", "note", "text"),
    ("created_at", "created_at", "instant"),
    ("attended", "attended", "flag?"),  # null: not said
)
COURSE = _cols(
    ("id", "id", "id"),
    ("title", "title", "req"),
    ("provider", "provider", "text"),
    ("kind", "kind", "enum?", COURSE_KINDS),
    ("starts_on", "starts_on", "day?"),
    ("ends_on", "ends_on", "day?"),
    ("days", "days", "days"),
    ("hours_per_week", "hours_per_week", "hours?"),
    ("cost", "cost", "text"),
    ("url", "url", "text"),
    ("note", "note", "text"),
    ("status", "status", "enum", COURSE_STATUSES),
    ("added_on", "added_on", "fact"),
    ("created_at", "created_at", "instant"),
)
LOG = _cols(
    ("id", "id", "id"),
    ("on", "on_day", "fact"),
    ("hours", "hours", "hours?"),
    ("progress", "progress", "pct?"),
    ("note", "note", "text"),
    ("created_at", "created_at", "instant"),
)
SKILL = _cols(("name", "name", "req"), ("added_on", "added_on", "fact"))
NUDGE = _cols(("key", "key", "req"), ("shown_on", "shown_on", "day"))

# Every table the export covers, with the columns it reads (the schema test uses this).
TABLES: dict[str, tuple[str, ...]] = {
    "application": tuple(c.column for c in APPLICATION),
    "application_skill": ("application_id", "skill"),
    "application_event": ("application_id", *(c.column for c in EVENT)),
    "contact": tuple(c.column for c in CONTACT),
    "interaction": tuple(c.column for c in INTERACTION),
    "contact_link": tuple(c.column for c in LINK),
    "event_person": tuple(c.column for c in EVENT_PERSON),
    "dismissal": tuple(c.column for c in DISMISSAL),
    "meetup": tuple(c.column for c in MEETUP),
    "course": tuple(c.column for c in COURSE),
    "course_skill": ("course_id", "skill"),
    "course_log": ("course_id", *(c.column for c in LOG)),
    "skill": tuple(c.column for c in SKILL),
    "nudge": tuple(c.column for c in NUDGE),
}
# Tables that are the store's own bookkeeping, not records: an export leaves them out
# (a copy of the records in another store is another store).
NOT_EXPORTED = ("store_identity", "calendar_gone")
SECTIONS = (
    "applications",
    "contacts",
    "interactions",
    "links",
    "event_people",
    "meetups",
    "courses",
    "skills",
    "nudges",
    "dismissals",
)


# --------------------------------------------------------------------------- reading


def load(data: bytes, name: str) -> dict[str, Any]:
    """The document in FILE, or one clear error: not text, not JSON, not ours, too new."""
    if not data.strip():
        raise InputError(f"{name} is empty")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{name} is not a jobhunt JSON export (not UTF-8 text)") from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{name} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    except RecursionError:
        raise InputError(f"{name} is not a jobhunt JSON export (nested too deeply)") from None
    if not isinstance(document, dict) or document.get("kind") != KIND:
        raise InputError(
            f'{name} is not a jobhunt JSON export (no "kind": "{KIND}")',
            hint="make one with: jobhunt export json -o FILE",
        )
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise InputError(f"{name} has no format version")
    if version > FORMAT_VERSION:
        raise InputError(
            f"{name} was written by a newer jobhunt (export format {version}; "
            f"this one reads {FORMAT_VERSION})",
            hint="upgrade jobhunt: pip install --upgrade jobhunt",
        )
    if version < 1:
        raise InputError(f"{name} has an unknown format version {version}")
    for section in SECTIONS:
        if not isinstance(document.get(section, []), list):
            raise InputError(f"{name}: {section!r} must be a list")
    return document


# --------------------------------------------------------------------------- records


class Invalid(Exception):
    """A record that cannot be imported; the message says why."""


def _check_text(value: Any, key: str) -> str:
    if not isinstance(value, str):
        raise Invalid(f"{key} must be text")
    if "\x00" in value:
        raise Invalid(f"{key} must not contain NUL characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise Invalid(f"{key} is not valid UTF-8 text") from None
    return value


def _check_day(value: Any, key: str, *, today: date | None = None) -> str:
    """A YYYY-MM-DD day in range (validate.day); with `today`, a fact not after it."""
    if not isinstance(value, str):
        raise Invalid(f"{key} must be a YYYY-MM-DD date")
    try:
        day = date.fromisoformat(value)
        ok = day.isoformat() == value
    except ValueError:
        ok = False
    if not ok:
        raise Invalid(f"{key} {value!r} is not a YYYY-MM-DD date")
    _in_range(validate.day, day, key, today=today)
    return value


def _in_range(check: Any, *args: Any, **kwargs: Any) -> Any:
    """One of validate's range checks, its refusal as this record's reason."""
    try:
        return check(*args, **kwargs)
    except InputError as exc:
        raise Invalid(exc.message) from None


def _check_int(value: Any, key: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise Invalid(f"{key} must be a whole number")
    return value


def _check(col: Col, record: dict[str, Any], today: date | None) -> Any:
    """The stored value of one field, or Invalid. With `today`, facts (applied, added,
    touched, logged, any history entry but an interview) may not be after it."""
    key, kind = col.key, col.kind
    if kind in ("flag", "flag0"):
        value = record.get(key, kind == "flag")
        if not isinstance(value, bool):
            raise Invalid(f"{key} must be true or false")
        return int(value)
    optional = kind.endswith("?") or kind in ("text", "days", "email")
    if key not in record or record[key] is None:
        if optional:
            return None
        raise Invalid(f"{key} is missing")
    value = record[key]
    if kind in ("id", "ref", "ref?"):
        return _in_range(validate.record_id, _check_int(value, key), key)
    if kind == "req":
        if not _check_text(value, key).strip():
            raise Invalid(f"{key} must not be blank")
        return value
    if kind == "text":
        return _check_text(value, key)
    if kind == "email":
        return _in_range(validate.email, _check_text(value, key), key)
    if kind in ("day", "day?"):
        return _check_day(value, key)
    if kind in ("fact", "fact?"):
        return _check_day(value, key, today=today)
    if kind == "event-day":  # an interview may lie ahead; the rest of the history may not
        return _check_day(value, key, today=None if record.get("kind") == "interview" else today)
    if kind == "instant":
        _check_text(value, key)
        try:
            when = datetime.fromisoformat(value)
        except ValueError:
            raise Invalid(f"{key} {value!r} is not an ISO 8601 time") from None
        if not MIN_YEAR <= when.year <= MAX_YEAR:
            raise Invalid(f"{key} {value}: the year must be from {MIN_YEAR} to {MAX_YEAR}")
        return value
    if kind in ("enum", "enum?"):
        if value not in col.choices:
            raise Invalid(f"{key} {value!r} is not one of: {', '.join(col.choices)}")
        return value
    if kind == "flag?":
        if not isinstance(value, bool):
            raise Invalid(f"{key} must be true, false or null")
        return int(value)
    if kind == "clock?":
        return _in_range(validate.clock, _check_text(value, key), key)
    if kind == "count?":
        return _in_range(validate.minutes, _check_int(value, key), key)
    if kind == "period?":
        return _in_range(validate.period, _check_int(value, key), key)
    if kind == "pct?":
        if not 0 <= _check_int(value, key) <= 100:
            raise Invalid(f"{key} must be from 0 to 100")
        return value
    if kind == "hours?":
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise Invalid(f"{key} must be a number")
        if not math.isfinite(value) or value < 0:
            raise Invalid(f"{key} must be a number of 0 or more")
        return float(value)
    if kind == "days":
        if not isinstance(value, list) or not all(
            isinstance(d, int) and not isinstance(d, bool) and 0 <= d <= 6 for d in value
        ):
            raise Invalid(f"{key} must be a list of weekday numbers 0 (Monday) to 6")
        if len(set(value)) != len(value):
            raise Invalid(f"{key} lists a weekday twice")
        return ",".join(str(d) for d in value) or None
    raise AssertionError(kind)


def check_record(
    spec: tuple[Col, ...],
    record: Any,
    *,
    nested: Sequence[str] = (),
    today: date | None = None,
) -> list[Any]:
    if not isinstance(record, dict):
        raise Invalid("must be an object")
    unknown = set(record) - {c.key for c in spec} - set(nested)
    if unknown:
        raise Invalid(f"unknown field {sorted(unknown)[0]!r}")
    return [_check(col, record, today) for col in spec]


def check_skills(record: dict[str, Any]) -> list[str]:
    values = record.get("skills", [])
    if not isinstance(values, list):
        raise Invalid("skills must be a list")
    seen: set[str] = set()
    for value in values:
        if not _check_text(value, "skill").strip():
            raise Invalid("a skill must not be blank")
        if skill_key(value) in seen:
            raise Invalid(f"skill {value!r} is listed twice")
        seen.add(skill_key(value))
    return list(values)


def check_children(
    record: dict[str, Any], key: str, spec: tuple[Col, ...], *, today: date | None = None
) -> list[list[Any]]:
    values = record.get(key, [])
    if not isinstance(values, list):
        raise Invalid(f"{key} must be a list")
    out = []
    for index, child in enumerate(values):
        try:
            out.append(check_record(spec, child, today=today))
        except Invalid as exc:
            raise Invalid(f"{key}[{index}]: {exc}") from None
    return out
