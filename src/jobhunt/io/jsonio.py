"""The full-store JSON export, and importing it back.

`dump(conn)` reads every table in one read transaction into a versioned document::

    {"version": 1, "kind": "jobhunt-export", "schema": [...migrations...],
     "applications": [{..., "skills": [...], "events": [...]}], "contacts": [...],
     "interactions": [...], "links": [...], "meetups": [...],
     "courses": [{..., "skills": [...], "logs": [...]}], "skills": [...], "nudges": [...]}

It is exact: every column of every table, ids and timestamps included, so exporting,
importing into an empty store and exporting again gives the same document. The SQL
lives here rather than in store.py because it must name every column of the schema;
a test compares the columns used here with the live schema, so a migration that adds
a column cannot be forgotten.

Importing (`plan` then `apply`): into an EMPTY store everything is restored exactly,
ids included. Ids from another store are not safe to reuse next to existing records,
so a non-empty store is refused unless ``merge``: then every record is added as new,
with new ids, and every reference (events, skills, links, interactions, contacts met
at an event, course logs) follows its record. Every record is checked first (types,
dates, choices, references); a bad one is rejected with its place and reason, and
the records that depend on it with it.
"""

from __future__ import annotations

import json
import math
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from jobhunt.errors import InputError
from jobhunt.io.report import ADDED, REJECTED, UNCHANGED, Outcome, Report
from jobhunt.records import (
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
    ("applied_on", "applied_on", "day?"),
    ("job_type", "job_type", "enum?", JOB_TYPES),
    ("source", "source", "text"),
    ("url", "url", "text"),
    ("location", "location", "text"),
    ("salary", "salary", "text"),
    ("note", "note", "text"),
    ("created_at", "created_at", "instant"),
    ("updated_at", "updated_at", "instant"),
)
EVENT = _cols(
    ("id", "id", "id"),
    ("kind", "kind", "enum", EVENT_KINDS),
    ("on", "on_day", "day"),
    ("channel", "channel", "enum?", FOLLOW_UP_CHANNELS),
    ("status", "status", "enum?", STATUSES),
    ("until", "until_day", "day?"),
    ("person", "person", "text"),
    ("note", "note", "text"),
    ("created_at", "created_at", "instant"),
)
CONTACT = _cols(
    ("id", "id", "id"),
    ("name", "name", "req"),
    ("company", "company", "text"),
    ("title", "title", "text"),
    ("kind", "kind", "enum", CONTACT_KINDS),
    ("email", "email", "text"),
    ("phone", "phone", "text"),
    ("url", "url", "text"),
    ("met", "met", "text"),
    ("every_days", "every_days", "count?"),
    ("note", "note", "text"),
    ("met_at_event_id", "met_at_event_id", "ref?"),
    ("added_on", "added_on", "day"),
    ("created_at", "created_at", "instant"),
)
INTERACTION = _cols(
    ("id", "id", "id"),
    ("contact_id", "contact_id", "ref"),
    ("via", "via", "enum", TOUCH_CHANNELS),
    ("on", "on_day", "day"),
    ("note", "note", "text"),
    ("created_at", "created_at", "instant"),
)
LINK = _cols(
    ("contact_id", "contact_id", "ref"),
    ("application_id", "application_id", "ref"),
    ("role", "role", "enum", LINK_ROLES),
)
MEETUP = _cols(
    ("id", "id", "id"),
    ("title", "title", "req"),
    ("on", "on_day", "day"),
    ("kind", "kind", "enum", MEETUP_KINDS),
    ("place", "place", "text"),
    ("note", "note", "text"),
    ("created_at", "created_at", "instant"),
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
    ("added_on", "added_on", "day"),
    ("created_at", "created_at", "instant"),
)
LOG = _cols(
    ("id", "id", "id"),
    ("on", "on_day", "day"),
    ("hours", "hours", "hours?"),
    ("progress", "progress", "pct?"),
    ("note", "note", "text"),
    ("created_at", "created_at", "instant"),
)
SKILL = _cols(("name", "name", "req"), ("added_on", "added_on", "day"))
NUDGE = _cols(("key", "key", "req"), ("shown_on", "shown_on", "day"))

# Every table the export covers, with the columns it reads (the schema test uses this).
TABLES: dict[str, tuple[str, ...]] = {
    "application": tuple(c.column for c in APPLICATION),
    "application_skill": ("application_id", "skill"),
    "application_event": ("application_id", *(c.column for c in EVENT)),
    "contact": tuple(c.column for c in CONTACT),
    "interaction": tuple(c.column for c in INTERACTION),
    "contact_link": tuple(c.column for c in LINK),
    "meetup": tuple(c.column for c in MEETUP),
    "course": tuple(c.column for c in COURSE),
    "course_skill": ("course_id", "skill"),
    "course_log": ("course_id", *(c.column for c in LOG)),
    "skill": tuple(c.column for c in SKILL),
    "nudge": tuple(c.column for c in NUDGE),
}
SECTIONS = (
    "applications",
    "contacts",
    "interactions",
    "links",
    "meetups",
    "courses",
    "skills",
    "nudges",
)


# --------------------------------------------------------------------------- export


def _select(conn: sqlite3.Connection, table: str, cols: Sequence[str], order: str) -> list:
    if order == "key":  # text: sorted here by code point, whatever the server's collation
        rows = conn.execute(f"SELECT {', '.join(cols)} FROM {table}").fetchall()
        return sorted(rows, key=lambda r: r[cols.index("key")])
    return conn.execute(f"SELECT {', '.join(cols)} FROM {table} ORDER BY {order}").fetchall()


def _record(spec: tuple[Col, ...], row: Sequence[Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for col, value in zip(spec, row, strict=True):
        if col.kind == "days":
            value = [int(d) for d in value.split(",")] if value else []
        out[col.key] = value
    return out


def _grouped(rows: list, key: int = 0) -> dict[int, list]:
    out: dict[int, list] = {}
    for row in rows:
        out.setdefault(row[key], []).append(row)
    return out


def dump(conn: sqlite3.Connection) -> dict[str, Any]:
    """Everything in the store, as one versioned document (one consistent read)."""
    from jobhunt.store import read_transaction

    with read_transaction(conn):
        return dump_now(conn)


def dump_now(conn: sqlite3.Connection) -> dict[str, Any]:
    """dump() inside the caller's transaction."""
    schema = [r[0] for r in conn.execute("SELECT name FROM schema_migrations ORDER BY name")]
    app_cols = [c.column for c in APPLICATION]
    skills = _grouped(_select(conn, "application_skill", TABLES["application_skill"], "rowid"))
    events = _grouped(_select(conn, "application_event", TABLES["application_event"], "id"))
    applications = []
    for row in _select(conn, "application", app_cols, "id"):
        record = _record(APPLICATION, row)
        record["skills"] = [s for _, s in skills.get(row[0], [])]
        record["events"] = [_record(EVENT, e[1:]) for e in events.get(row[0], [])]
        applications.append(record)
    course_skills = _grouped(_select(conn, "course_skill", TABLES["course_skill"], "rowid"))
    logs = _grouped(_select(conn, "course_log", TABLES["course_log"], "id"))
    courses = []
    for row in _select(conn, "course", TABLES["course"], "id"):
        record = _record(COURSE, row)
        record["skills"] = [s for _, s in course_skills.get(row[0], [])]
        record["logs"] = [_record(LOG, r[1:]) for r in logs.get(row[0], [])]
        courses.append(record)

    def simple(table: str, spec: tuple[Col, ...], order: str) -> list[dict[str, Any]]:
        return [_record(spec, r) for r in _select(conn, table, TABLES[table], order)]

    return {
        "version": FORMAT_VERSION,
        "kind": KIND,
        "schema": schema,
        "applications": applications,
        "contacts": simple("contact", CONTACT, "id"),
        "interactions": simple("interaction", INTERACTION, "id"),
        "links": simple("contact_link", LINK, "contact_id, application_id"),
        "meetups": simple("meetup", MEETUP, "id"),
        "courses": courses,
        "skills": simple("skill", SKILL, "rowid"),
        "nudges": simple("nudge", NUDGE, "key"),
    }


def to_bytes(document: dict[str, Any]) -> bytes:
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


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


class Invalid(Exception):
    """A record that cannot be imported; the message says why."""


class _Unchanged(Exception):
    """A record the store already has (a skill), or one a merge leaves out (a nudge)."""


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


def _check_day(value: Any, key: str) -> str:
    if not isinstance(value, str):
        raise Invalid(f"{key} must be a YYYY-MM-DD date")
    try:
        ok = date.fromisoformat(value).isoformat() == value
    except ValueError:
        ok = False
    if not ok:
        raise Invalid(f"{key} {value!r} is not a YYYY-MM-DD date")
    return value


def _check_int(value: Any, key: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise Invalid(f"{key} must be a whole number")
    return value


def _check(col: Col, record: dict[str, Any]) -> Any:
    """The stored value of one field, or Invalid."""
    key, kind = col.key, col.kind
    optional = kind.endswith("?") or kind in ("text", "days")
    if key not in record or record[key] is None:
        if optional:
            return None
        raise Invalid(f"{key} is missing")
    value = record[key]
    if kind == "id":
        if _check_int(value, key) <= 0:
            raise Invalid(f"{key} must be a positive number")
        return value
    if kind in ("ref", "ref?"):
        return _check_int(value, key)
    if kind == "req":
        if not _check_text(value, key).strip():
            raise Invalid(f"{key} must not be blank")
        return value
    if kind == "text":
        return _check_text(value, key)
    if kind in ("day", "day?"):
        return _check_day(value, key)
    if kind == "instant":
        _check_text(value, key)
        try:
            datetime.fromisoformat(value)
        except ValueError:
            raise Invalid(f"{key} {value!r} is not an ISO 8601 time") from None
        return value
    if kind in ("enum", "enum?"):
        if value not in col.choices:
            raise Invalid(f"{key} {value!r} is not one of: {', '.join(col.choices)}")
        return value
    if kind == "count?":
        if _check_int(value, key) <= 0:
            raise Invalid(f"{key} must be 1 or more")
        return value
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


def _row(spec: tuple[Col, ...], record: Any, *, nested: Sequence[str] = ()) -> list[Any]:
    if not isinstance(record, dict):
        raise Invalid("must be an object")
    unknown = set(record) - {c.key for c in spec} - set(nested)
    if unknown:
        raise Invalid(f"unknown field {sorted(unknown)[0]!r}")
    return [_check(col, record) for col in spec]


def _skills(record: dict[str, Any]) -> list[str]:
    values = record.get("skills", [])
    if not isinstance(values, list):
        raise Invalid("skills must be a list")
    seen: set[str] = set()
    for value in values:
        if not _check_text(value, "skill").strip():
            raise Invalid("a skill must not be blank")
        if value.casefold() in seen:
            raise Invalid(f"skill {value!r} is listed twice")
        seen.add(value.casefold())
    return list(values)


def _children(record: dict[str, Any], key: str, spec: tuple[Col, ...]) -> list[list[Any]]:
    values = record.get(key, [])
    if not isinstance(values, list):
        raise Invalid(f"{key} must be a list")
    out = []
    for index, child in enumerate(values):
        try:
            out.append(_row(spec, child))
        except Invalid as exc:
            raise Invalid(f"{key}[{index}]: {exc}") from None
    return out


# --------------------------------------------------------------------------- planning


@dataclass(slots=True)
class Bundle:
    """The valid records, as column values (ids as in the file)."""

    meetups: list[list[Any]] = field(default_factory=list)
    contacts: list[list[Any]] = field(default_factory=list)
    interactions: list[list[Any]] = field(default_factory=list)
    applications: list[tuple[list[Any], list[str], list[list[Any]]]] = field(default_factory=list)
    links: list[list[Any]] = field(default_factory=list)
    courses: list[tuple[list[Any], list[str], list[list[Any]]]] = field(default_factory=list)
    skills: list[list[Any]] = field(default_factory=list)
    nudges: list[list[Any]] = field(default_factory=list)
    merge: bool = False

    def counts(self) -> dict[str, int]:
        return {
            "applications": len(self.applications),
            "contacts": len(self.contacts),
            "interactions": len(self.interactions),
            "links": len(self.links),
            "meetups": len(self.meetups),
            "courses": len(self.courses),
            "skills": len(self.skills),
            "nudges": len(self.nudges),
        }


def _label(section: str, record: Any) -> str:
    noun = {
        "applications": "application",
        "contacts": "contact",
        "interactions": "interaction",
        "links": "link",
        "meetups": "event",
        "courses": "course",
        "skills": "skill",
        "nudges": "nudge",
    }[section]
    if not isinstance(record, dict):
        return noun
    for key in ("id", "name", "key"):
        if isinstance(record.get(key), int | str) and not isinstance(record.get(key), bool):
            return f"{noun} {record[key]}"
    if "contact_id" in record and "application_id" in record:
        return f"link contact {record['contact_id']} - application {record['application_id']}"
    return noun


def plan(
    document: dict[str, Any],
    *,
    source: str,
    merge: bool = False,
    existing_skills: set[str] | None = None,
    strict: bool = False,
) -> tuple[Report, Bundle]:
    """Check every record (pure). Rejects carry their place (``applications[3]``)."""
    report = Report(kind="json", source=source, strict=strict)
    bundle = Bundle(merge=merge)
    known = set(SECTIONS) | {"version", "kind", "schema", "exported_at"}
    extra = sorted(set(document) - known)
    if extra:
        report.warnings.append(f"ignored unknown sections: {', '.join(extra)}")
    ids: dict[str, set[int]] = {s: set() for s in ("meetups", "contacts", "applications")}
    ids |= {"interactions": set(), "courses": set(), "events": set(), "logs": set()}

    def each(section: str, check: Callable[[Any], None]) -> None:
        for index, record in enumerate(document.get(section, [])):
            place, label = f"{section}[{index}]", _label(section, record)
            try:
                check(record)
            except _Unchanged:
                report.add(Outcome(place, UNCHANGED, label))
            except Invalid as exc:
                report.add(Outcome(place, REJECTED, label, reason=str(exc)))
            else:
                report.add(Outcome(place, ADDED, label))

    def unique(section: str, value: int, what: str = "id") -> None:
        if value in ids[section]:
            raise Invalid(f"{what} {value} is used twice")

    def meetup(record: Any) -> None:
        row = _row(MEETUP, record)
        unique("meetups", row[0])
        ids["meetups"].add(row[0])
        bundle.meetups.append(row)

    def contact(record: Any) -> None:
        row = _row(CONTACT, record)
        unique("contacts", row[0])
        met_at = row[11]
        if met_at is not None and met_at not in ids["meetups"]:
            raise Invalid(f"met_at_event_id {met_at} names no event in the file")
        ids["contacts"].add(row[0])
        bundle.contacts.append(row)

    def interaction(record: Any) -> None:
        row = _row(INTERACTION, record)
        unique("interactions", row[0])
        if row[1] not in ids["contacts"]:
            raise Invalid(f"contact_id {row[1]} names no contact in the file")
        ids["interactions"].add(row[0])
        bundle.interactions.append(row)

    def application(record: Any) -> None:
        row = _row(APPLICATION, record, nested=("skills", "events"))
        unique("applications", row[0])
        skills = _skills(record)
        events = _children(record, "events", EVENT)
        for event in events:
            unique("events", event[0], "event id")
        for event in events:
            ids["events"].add(event[0])
        ids["applications"].add(row[0])
        bundle.applications.append((row, skills, events))

    links_seen: set[tuple[int, int]] = set()

    def link(record: Any) -> None:
        row = _row(LINK, record)
        if row[0] not in ids["contacts"]:
            raise Invalid(f"contact_id {row[0]} names no contact in the file")
        if row[1] not in ids["applications"]:
            raise Invalid(f"application_id {row[1]} names no application in the file")
        if (row[0], row[1]) in links_seen:
            raise Invalid("this contact and application are linked twice")
        links_seen.add((row[0], row[1]))
        bundle.links.append(row)

    def course(record: Any) -> None:
        row = _row(COURSE, record, nested=("skills", "logs"))
        unique("courses", row[0])
        skills = _skills(record)
        logs = _children(record, "logs", LOG)
        for log in logs:
            unique("logs", log[0], "log id")
        for log in logs:
            ids["logs"].add(log[0])
        ids["courses"].add(row[0])
        bundle.courses.append((row, skills, logs))

    skills_seen: set[str] = set()

    def skill(record: Any) -> None:
        row = _row(SKILL, record)
        folded = row[0].casefold()
        if folded in skills_seen:
            raise Invalid(f"skill {row[0]!r} is listed twice")
        skills_seen.add(folded)
        if merge and existing_skills is not None and folded in existing_skills:
            raise _Unchanged
        bundle.skills.append(row)

    nudges_seen: set[str] = set()

    def nudge(record: Any) -> None:
        row = _row(NUDGE, record)
        if row[0] in nudges_seen:
            raise Invalid(f"nudge {row[0]!r} is listed twice")
        nudges_seen.add(row[0])
        if merge:
            raise _Unchanged
        bundle.nudges.append(row)

    # In dependency order: a record is checked after everything it may refer to.
    for section, check in (
        ("meetups", meetup),
        ("contacts", contact),
        ("interactions", interaction),
        ("applications", application),
        ("links", link),
        ("courses", course),
        ("skills", skill),
        ("nudges", nudge),
    ):
        each(section, check)
    if merge and document.get("nudges"):
        report.warnings.append("which weekly suggestions were shown (nudges) is not merged")
    return report, bundle


# --------------------------------------------------------------------------- writing

CONTENT_TABLES = ("application", "contact", "meetup", "course", "skill")


def store_counts(conn: sqlite3.Connection) -> dict[str, int]:
    return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in CONTENT_TABLES}


def refuse_unless_empty(conn: sqlite3.Connection) -> None:
    counts = {t: n for t, n in store_counts(conn).items() if n}
    if counts:
        held = ", ".join(f"{n} {t}{'s' if n != 1 else ''}" for t, n in counts.items())
        raise InputError(
            f"the store is not empty ({held}); an export's ids cannot be restored next to them",
            hint="import into a new store (--db NEW.db), or add everything as new records "
            "with --merge",
        )


def _insert(conn: sqlite3.Connection, table: str, columns: Sequence[str], rows: list) -> None:
    if rows:
        marks = ",".join("?" * len(columns))
        conn.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)


class _Ids:
    """Old id -> id in this store: the same (restore) or the next free ones (merge)."""

    def __init__(self, conn: sqlite3.Connection, table: str, merge: bool) -> None:
        self.map: dict[int, int] = {}
        self.merge = merge
        self.next = conn.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}").fetchone()[0]

    def new(self, old: int) -> int:
        if not self.merge:
            self.map[old] = old
            return old
        self.map[old] = self.next
        self.next += 1
        return self.map[old]

    def __getitem__(self, old: int | None) -> int | None:
        return None if old is None else self.map[old]


def apply(conn: sqlite3.Connection, bundle: Bundle) -> None:
    """Write the bundle; the caller holds the transaction (and checked the store is empty
    unless merging)."""
    merge = bundle.merge
    meetups = _Ids(conn, "meetup", merge)
    contacts = _Ids(conn, "contact", merge)
    interactions = _Ids(conn, "interaction", merge)
    apps = _Ids(conn, "application", merge)
    events = _Ids(conn, "application_event", merge)
    courses = _Ids(conn, "course", merge)
    logs = _Ids(conn, "course_log", merge)

    _insert(
        conn,
        "meetup",
        TABLES["meetup"],
        [[meetups.new(r[0]), *r[1:]] for r in bundle.meetups],
    )
    _insert(
        conn,
        "contact",
        TABLES["contact"],
        [[contacts.new(r[0]), *r[1:11], meetups[r[11]], *r[12:]] for r in bundle.contacts],
    )
    _insert(
        conn,
        "interaction",
        TABLES["interaction"],
        [[interactions.new(r[0]), contacts[r[1]], *r[2:]] for r in bundle.interactions],
    )
    app_rows, skill_rows, event_rows = [], [], []
    for row, skills, evs in bundle.applications:
        new_id = apps.new(row[0])
        app_rows.append([new_id, *row[1:]])
        skill_rows.extend((new_id, s) for s in skills)
        event_rows.extend([new_id, events.new(e[0]), *e[1:]] for e in evs)
    _insert(conn, "application", TABLES["application"], app_rows)
    _insert(conn, "application_skill", TABLES["application_skill"], skill_rows)
    _insert(conn, "application_event", TABLES["application_event"], event_rows)
    _insert(
        conn,
        "contact_link",
        TABLES["contact_link"],
        [[contacts[r[0]], apps[r[1]], r[2]] for r in bundle.links],
    )
    course_rows, course_skills, log_rows = [], [], []
    for row, skills, course_logs in bundle.courses:
        new_id = courses.new(row[0])
        course_rows.append([new_id, *row[1:]])
        course_skills.extend((new_id, s) for s in skills)
        log_rows.extend([new_id, logs.new(r[0]), *r[1:]] for r in course_logs)
    _insert(conn, "course", TABLES["course"], course_rows)
    _insert(conn, "course_skill", TABLES["course_skill"], course_skills)
    _insert(conn, "course_log", TABLES["course_log"], log_rows)
    _insert(conn, "skill", TABLES["skill"], bundle.skills)
    if not merge:
        conn.execute("DELETE FROM nudge")
        _insert(conn, "nudge", TABLES["nudge"], bundle.nudges)
