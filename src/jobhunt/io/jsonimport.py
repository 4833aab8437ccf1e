"""Importing a full-store JSON export (`plan` then `apply`).

Into an EMPTY store everything is restored exactly, ids included. Ids from another
store are not safe to reuse next to existing records, so a non-empty store is refused
unless ``merge``: then every record is added as new, with new ids, and every reference
(events, skills, links, interactions, contacts met at an event, course logs) follows
its record. Every record is checked first (types, dates, choices, references); a bad
one is rejected with its place and reason, and the records that depend on it with it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from jobhunt.errors import InputError
from jobhunt.io.jsondoc import (
    APPLICATION,
    CONTACT,
    COURSE,
    DISMISSAL,
    EVENT,
    EVENT_PERSON,
    INTERACTION,
    LINK,
    LOG,
    MEETUP,
    NUDGE,
    SECTIONS,
    SKILL,
    TABLES,
    Invalid,
    check_children,
    check_record,
    check_skills,
)
from jobhunt.io.report import ADDED, REJECTED, UNCHANGED, Outcome, Report
from jobhunt.validate import skill_key

_WITH_IDS = {
    "meetups": "meetup",
    "contacts": "contact",
    "interactions": "interaction",
    "applications": "application",
    "courses": "course",
}


class _Unchanged(Exception):
    """A record the store already has (a skill), or one a merge leaves out (a nudge)."""


# --------------------------------------------------------------------------- planning


@dataclass(slots=True)
class Bundle:
    """The valid records, as column values (ids as in the file)."""

    meetups: list[list[Any]] = field(default_factory=list)
    contacts: list[list[Any]] = field(default_factory=list)
    interactions: list[list[Any]] = field(default_factory=list)
    applications: list[tuple[list[Any], list[str], list[list[Any]]]] = field(default_factory=list)
    links: list[list[Any]] = field(default_factory=list)
    event_people: list[list[Any]] = field(default_factory=list)
    courses: list[tuple[list[Any], list[str], list[list[Any]]]] = field(default_factory=list)
    skills: list[list[Any]] = field(default_factory=list)
    nudges: list[list[Any]] = field(default_factory=list)
    dismissals: list[list[Any]] = field(default_factory=list)
    merge: bool = False
    added: list[tuple[Outcome, str, int]] = field(default_factory=list)  # (it, section, id)

    def counts(self) -> dict[str, int]:
        return {
            "applications": len(self.applications),
            "contacts": len(self.contacts),
            "interactions": len(self.interactions),
            "links": len(self.links),
            "event_people": len(self.event_people),
            "meetups": len(self.meetups),
            "courses": len(self.courses),
            "skills": len(self.skills),
            "nudges": len(self.nudges),
            "dismissals": len(self.dismissals),
        }


def _label(section: str, record: Any) -> str:
    noun = {
        "applications": "application",
        "contacts": "contact",
        "interactions": "interaction",
        "links": "link",
        "event_people": "person of an application event",
        "meetups": "event",
        "courses": "course",
        "skills": "skill",
        "nudges": "nudge",
        "dismissals": "answer to a suggestion",
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
    existing_skills: set[str] | None = None,  # their skill_key()s
    strict: bool = False,
    today: date | None = None,
) -> tuple[Report, Bundle]:
    """Check every record (pure). Rejects carry their place (``applications[3]``).
    With `today`, facts dated after it are rejected (see jsondoc)."""
    report = Report(kind="json", source=source, strict=strict)
    bundle = Bundle(merge=merge)
    known = set(SECTIONS) | {"version", "kind", "schema", "exported_at"}
    extra = sorted(set(document) - known)
    if extra:
        report.warnings.append(f"ignored unknown sections: {', '.join(extra)}")
    ids: dict[str, set[int]] = {s: set() for s in ("meetups", "contacts", "applications")}
    ids |= {"interactions": set(), "courses": set(), "events": set(), "logs": set()}
    ids["dismissals"] = set()

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
                added = report.add(Outcome(place, ADDED, label))
                if section in _WITH_IDS:  # its id in this store, once written
                    bundle.added.append((added, section, record["id"]))

    def unique(section: str, value: int, what: str = "id") -> None:
        if value in ids[section]:
            raise Invalid(f"{what} {value} is used twice")

    def meetup(record: Any) -> None:
        row = check_record(MEETUP, record, today=today)
        unique("meetups", row[0])
        ids["meetups"].add(row[0])
        bundle.meetups.append(row)

    def contact(record: Any) -> None:
        row = check_record(CONTACT, record, today=today)
        unique("contacts", row[0])
        met_at = row[11]
        if met_at is not None and met_at not in ids["meetups"]:
            raise Invalid(f"met_at_event_id {met_at} names no event in the file")
        ids["contacts"].add(row[0])
        bundle.contacts.append(row)

    def interaction(record: Any) -> None:
        row = check_record(INTERACTION, record, today=today)
        unique("interactions", row[0])
        if row[1] not in ids["contacts"]:
            raise Invalid(f"contact_id {row[1]} names no contact in the file")
        ids["interactions"].add(row[0])
        bundle.interactions.append(row)

    def application(record: Any) -> None:
        row = check_record(APPLICATION, record, nested=("skills", "events"), today=today)
        unique("applications", row[0])
        skills = check_skills(record)
        events = check_children(record, "events", EVENT, today=today)
        applied = row[4]
        for event in events:  # as on the command line: nothing is chased before it is sent
            if applied and event[1] in ("follow_up", "interview") and str(event[2]) < str(applied):
                what = "follow-up" if event[1] == "follow_up" else "interview"
                raise Invalid(f"{what} on {event[2]} is before the applied date ({applied})")
            at, minutes, place = event[10:13]  # as the commands allow: see jsondoc.EVENT
            if (at, minutes, place) != (None, None, None) and event[1] != "interview":
                raise Invalid(f"a time, length or place on a {event[1]} (only interviews)")
            if minutes is not None and at is None:
                raise Invalid(f"minutes ({minutes}) without a time (at)")
        for event in events:
            unique("events", event[0], "event id")
        for event in events:
            ids["events"].add(event[0])
        ids["applications"].add(row[0])
        bundle.applications.append((row, skills, events))

    links_seen: set[tuple[int, int]] = set()

    def link(record: Any) -> None:
        row = check_record(LINK, record, today=today)
        if row[0] not in ids["contacts"]:
            raise Invalid(f"contact_id {row[0]} names no contact in the file")
        if row[1] not in ids["applications"]:
            raise Invalid(f"application_id {row[1]} names no application in the file")
        if (row[0], row[1]) in links_seen:
            raise Invalid("this contact and application are linked twice")
        links_seen.add((row[0], row[1]))
        bundle.links.append(row)

    people_seen: set[tuple[int, int]] = set()

    def event_person(record: Any) -> None:
        row = check_record(EVENT_PERSON, record)
        if row[0] not in ids["events"]:
            raise Invalid(f"event_id {row[0]} names no application event in the file")
        if row[1] not in ids["contacts"]:
            raise Invalid(f"contact_id {row[1]} names no contact in the file")
        if (row[0], row[1]) in people_seen:
            raise Invalid("this contact is listed twice for the event")
        people_seen.add((row[0], row[1]))
        bundle.event_people.append(row)

    def course(record: Any) -> None:
        row = check_record(COURSE, record, nested=("skills", "logs"), today=today)
        unique("courses", row[0])
        skills = check_skills(record)
        logs = check_children(record, "logs", LOG, today=today)
        for log in logs:
            unique("logs", log[0], "log id")
        for log in logs:
            ids["logs"].add(log[0])
        ids["courses"].add(row[0])
        bundle.courses.append((row, skills, logs))

    skills_seen: set[str] = set()

    def skill(record: Any) -> None:
        row = check_record(SKILL, record, today=today)
        folded = skill_key(row[0])  # the same skill as the store's constraint sees it
        if folded in skills_seen:
            raise Invalid(f"skill {row[0]!r} is listed twice")
        skills_seen.add(folded)
        if merge and existing_skills is not None and folded in existing_skills:
            raise _Unchanged
        bundle.skills.append(row)

    nudges_seen: set[tuple[str, str]] = set()

    def nudge(record: Any) -> None:
        row = check_record(NUDGE, record, today=today)
        if (row[0], row[1]) in nudges_seen:
            raise Invalid(f"nudge {row[0]!r} shown on {row[1]} is listed twice")
        nudges_seen.add((row[0], row[1]))
        if merge:
            raise _Unchanged
        bundle.nudges.append(row)

    def dismissal(record: Any) -> None:
        row = check_record(DISMISSAL, record, today=today)
        unique("dismissals", row[0])
        if (row[1] is None) == (row[2] is None):
            raise Invalid("an answer names either a contact_id or a company, not both")
        if row[1] is not None and row[1] not in ids["contacts"]:
            raise Invalid(f"contact_id {row[1]} names no contact in the file")
        if row[2] is not None and not row[2].strip():
            raise Invalid("company must not be blank")
        ids["dismissals"].add(row[0])
        bundle.dismissals.append(row)

    # In dependency order: a record is checked after everything it may refer to.
    for section, check in (
        ("meetups", meetup),
        ("contacts", contact),
        ("interactions", interaction),
        ("applications", application),
        ("links", link),
        ("event_people", event_person),
        ("courses", course),
        ("skills", skill),
        ("nudges", nudge),
        ("dismissals", dismissal),
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
    _insert(
        conn,
        "event_person",
        TABLES["event_person"],
        [[events[r[0]], contacts[r[1]]] for r in bundle.event_people],
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
    dismissals = _Ids(conn, "dismissal", merge)
    _insert(
        conn,
        "dismissal",
        TABLES["dismissal"],
        [[dismissals.new(r[0]), contacts[r[1]], *r[2:]] for r in bundle.dismissals],
    )
    if not merge:
        conn.execute("DELETE FROM nudge")
        _insert(conn, "nudge", TABLES["nudge"], bundle.nudges)
    ids = {
        "meetups": meetups,
        "contacts": contacts,
        "interactions": interactions,
        "applications": apps,
        "courses": courses,
    }
    for outcome, section, old in bundle.added:
        outcome.record_id = ids[section][old]
