"""Read queries: rows turned into frozen records (`jobhunt.records`) for commands,
imports and exports. Plain SQL that runs unchanged on SQLite and PostgreSQL."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date

from jobhunt.errors import NotFound
from jobhunt.records import (
    CLOSED_STATUSES,
    STATUSES,
    Application,
    Contact,
    Course,
    Dismissal,
    Event,
    Interaction,
    Link,
    Meetup,
)

# --------------------------------------------------------------------------- reading

_APP_COLUMNS = (
    "id, company, role, status, applied_on, job_type, source, url, location, salary, note, "
    "created_at, updated_at, via"
)


def day_or_none(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _placeholders(values: tuple | list) -> str:
    return ",".join("?" * len(values))


def _events_by_app(conn: sqlite3.Connection, ids: list[int]) -> dict[int, list[Event]]:
    out: dict[int, list[Event]] = {i: [] for i in ids}
    for chunk in _chunks(ids):
        people: dict[int, list[int]] = {}
        for event_id, contact_id in conn.execute(
            "SELECT p.event_id, p.contact_id FROM event_person p JOIN application_event e "
            f"ON e.id = p.event_id WHERE e.application_id IN ({_placeholders(chunk)}) "
            "ORDER BY p.rowid",
            chunk,
        ):
            people.setdefault(event_id, []).append(contact_id)
        rows = conn.execute(
            "SELECT id, application_id, kind, on_day, channel, status, until_day, person, note, "
            "dated, at_time, minutes, place FROM application_event "
            f"WHERE application_id IN ({_placeholders(chunk)}) ORDER BY on_day, id",
            chunk,
        )
        for r in rows:
            on, until = date.fromisoformat(r[3]), day_or_none(r[6])
            who = tuple(people.get(r[0], ()))
            out[r[1]].append(
                Event(*r[:3], on, r[4], r[5], until, r[7], r[8], bool(r[9]), who, *r[10:13])
            )
    return out


def _skills_by(conn: sqlite3.Connection, table: str, key: str, ids: list[int]) -> dict[int, list]:
    out: dict[int, list[str]] = {i: [] for i in ids}
    for chunk in _chunks(ids):
        rows = conn.execute(
            f"SELECT {key}, skill FROM {table} WHERE {key} IN ({_placeholders(chunk)}) "
            "ORDER BY rowid",
            chunk,
        )
        for owner, skill in rows:
            out[owner].append(skill)
    return out


def _chunks(ids: list[int], size: int = 900) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _application(r: tuple, skills: list[str], events: list[Event]) -> Application:
    """One row of `SELECT {_APP_COLUMNS}` as a record."""
    return Application(
        id=r[0],
        company=r[1],
        role=r[2],
        status=r[3],
        applied_on=day_or_none(r[4]),
        job_type=r[5],
        source=r[6],
        url=r[7],
        location=r[8],
        salary=r[9],
        note=r[10],
        created_at=r[11],
        updated_at=r[12],
        via=r[13],
        skills=tuple(skills),
        events=tuple(events),
    )


def applications_where(
    conn: sqlite3.Connection, where: str, params: tuple = ()
) -> list[Application]:
    rows = conn.execute(f"SELECT {_APP_COLUMNS} FROM application {where}", params).fetchall()
    ids = [r[0] for r in rows]
    events = _events_by_app(conn, ids)
    skills = _skills_by(conn, "application_skill", "application_id", ids)
    return [_application(r, skills[r[0]], events[r[0]]) for r in rows]


# Open records are selected with IN (the status index) rather than NOT IN (a full scan).
OPEN_STATUSES = "(" + ",".join(f"'{s}'" for s in STATUSES if s not in CLOSED_STATUSES) + ")"


def pending_applications(conn: sqlite3.Connection) -> list[Application]:
    """The applications `rules.network.pending_companies` can count (interviewing, offer,
    or applied with an interview recorded): the stay-in-touch step-up without every open
    application."""
    return applications_where(
        conn,
        "WHERE status IN ('interviewing', 'offer') OR (status = 'applied' AND EXISTS "
        "(SELECT 1 FROM application_event e WHERE e.application_id = application.id "
        "AND e.kind = 'interview')) ORDER BY id",
    )


def get_application(conn: sqlite3.Connection, app_id: int) -> Application:
    found = applications_where(conn, "WHERE id = ?", (app_id,))
    if not found:
        raise NotFound(f"no application with id {app_id}", hint="see the ids with: jobhunt list")
    return found[0]


def list_applications(
    conn: sqlite3.Connection,
    *,
    statuses: tuple[str, ...] = (),
    company: str | None = None,
    include_closed: bool = False,
) -> list[Application]:
    clauses: list[str] = []
    params: list[object] = []
    if statuses:
        clauses.append(f"status IN ({_placeholders(statuses)})")
        params.extend(statuses)
    elif not include_closed:
        clauses.append(f"status IN {OPEN_STATUSES}")
    if company:
        clauses.append("instr(casefold(company), casefold(?)) > 0")
        params.append(company)
    where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
    return applications_where(conn, where + " ORDER BY id", tuple(params))


def links_for(
    conn: sqlite3.Connection, *, application_id: int | None = None, contact_id: int | None = None
) -> list[Link]:
    if application_id is not None:
        rows = conn.execute(
            "SELECT contact_id, application_id, role FROM contact_link WHERE application_id = ? "
            "ORDER BY contact_id",
            (application_id,),
        )
    else:
        rows = conn.execute(
            "SELECT contact_id, application_id, role FROM contact_link WHERE contact_id = ? "
            "ORDER BY application_id",
            (contact_id,),
        )
    return [Link(*r) for r in rows]


_CONTACT_COLUMNS = (
    "c.id, c.name, c.company, c.kind, c.added_on, c.title, c.email, c.phone, c.url, c.met, "
    "c.every_days, c.note, c.met_at_event_id, "
    "(SELECT max(d) FROM (SELECT on_day AS d FROM interaction i WHERE i.contact_id = c.id "
    "UNION ALL SELECT e.on_day FROM event_person p JOIN application_event e "
    "ON e.id = p.event_id WHERE p.contact_id = c.id AND e.on_day <= ?) AS touched), c.created_at, "
    "c.keep_in_touch, c.due_from"
)
# A round scheduled ahead is no contact yet: a round counts from its day (`today`; with
# no day given, every round recorded counts).
_EVER = "9999-12-31"


def _contact(r: tuple) -> Contact:
    return Contact(
        id=r[0],
        name=r[1],
        company=r[2],
        kind=r[3],
        added_on=date.fromisoformat(r[4]),
        title=r[5],
        email=r[6],
        phone=r[7],
        url=r[8],
        met=r[9],
        every_days=r[10],
        note=r[11],
        met_at_event_id=r[12],
        last_touch=day_or_none(r[13]),
        created_at=r[14],
        keep_in_touch=bool(r[15]),
        due_from=day_or_none(r[16]),
    )


def list_contacts(
    conn: sqlite3.Connection,
    *,
    company: str | None = None,
    kind: str | None = None,
    today: date | None = None,
) -> list[Contact]:
    """Contacts, each with its last touch: an interaction, or a round or follow-up it took
    part in, on or before `today`."""
    clauses: list[str] = []
    params: list[object] = [today.isoformat() if today else _EVER]
    if company:
        clauses.append("instr(casefold(c.company), casefold(?)) > 0")
        params.append(company)
    if kind:
        clauses.append("c.kind = ?")
        params.append(kind)
    where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
    rows = conn.execute(f"SELECT {_CONTACT_COLUMNS} FROM contact c {where} ORDER BY c.id", params)
    return [_contact(r) for r in rows]


def get_contact(conn: sqlite3.Connection, contact_id: int, *, today: date | None = None) -> Contact:
    # An id no 64-bit key can hold (draft --to '#99999999999999999999') names nobody.
    row = (
        conn.execute(
            f"SELECT {_CONTACT_COLUMNS} FROM contact c WHERE c.id = ?",
            (today.isoformat() if today else _EVER, contact_id),
        ).fetchone()
        if -(2**63) <= contact_id < 2**63
        else None
    )
    if row is None:
        raise NotFound(
            f"no contact with id {contact_id}", hint="see the ids with: jobhunt contact list"
        )
    return _contact(row)


def dismissals_where(conn: sqlite3.Connection, where: str, params: tuple = ()) -> list[Dismissal]:
    """Answers to suggestions (`contact snooze`, `skip company`), oldest first."""
    rows = conn.execute(
        f"SELECT id, contact_id, company, on_day, until_day FROM dismissal {where} "
        "ORDER BY on_day, id",
        params,
    )
    return [Dismissal(r[0], r[1], r[2], date.fromisoformat(r[3]), day_or_none(r[4])) for r in rows]


def dismissals_as_of(
    conn: sqlite3.Connection, day: date, *, contact_id: int | None = None
) -> list[Dismissal]:
    """The answers given on or before `day` (of one contact, with `contact_id`)."""
    if contact_id is None:
        return dismissals_where(conn, "WHERE on_day <= ?", (day.isoformat(),))
    return dismissals_where(
        conn, "WHERE contact_id = ? AND on_day <= ?", (contact_id, day.isoformat())
    )


def interactions_of(conn: sqlite3.Connection, contact_id: int) -> list[Interaction]:
    rows = conn.execute(
        "SELECT id, contact_id, via, on_day, note, informational FROM interaction "
        "WHERE contact_id = ? ORDER BY on_day, id",
        (contact_id,),
    )
    return [Interaction(r[0], r[1], r[2], date.fromisoformat(r[3]), r[4], bool(r[5])) for r in rows]


MEETUP_COLUMNS = "id, title, on_day, kind, place, note, attended"


def meetup_of(r: tuple) -> Meetup:
    attended = None if r[6] is None else bool(r[6])
    return Meetup(r[0], r[1], date.fromisoformat(r[2]), r[3], r[4], r[5], attended)


def list_meetups(conn: sqlite3.Connection, *, since: date | None = None) -> list[Meetup]:
    where, params = ("WHERE on_day >= ?", (since.isoformat(),)) if since else ("", ())
    rows = conn.execute(
        f"SELECT {MEETUP_COLUMNS} FROM meetup {where} ORDER BY on_day, id",
        params,
    )
    return [meetup_of(r) for r in rows]


def get_meetup(conn: sqlite3.Connection, event_id: int) -> Meetup:
    row = conn.execute(f"SELECT {MEETUP_COLUMNS} FROM meetup WHERE id = ?", (event_id,)).fetchone()
    if row is None:
        raise NotFound(f"no event with id {event_id}", hint="see the ids with: jobhunt event list")
    return meetup_of(row)


def contacts_met_at(
    conn: sqlite3.Connection, event_id: int, *, today: date | None = None
) -> list[Contact]:
    rows = conn.execute(
        f"SELECT {_CONTACT_COLUMNS} FROM contact c WHERE c.met_at_event_id = ? ORDER BY c.id",
        (today.isoformat() if today else _EVER, event_id),
    )
    return [_contact(r) for r in rows]


_COURSE_COLUMNS = (
    "c.id, c.title, c.status, c.added_on, c.provider, c.kind, c.starts_on, c.ends_on, c.days, "
    "c.hours_per_week, c.cost, c.url, c.note, "
    "(SELECT max(on_day) FROM course_log l WHERE l.course_id = c.id), c.created_at"
)


def courses_where(conn: sqlite3.Connection, where: str, params: tuple = ()) -> list[Course]:
    rows = conn.execute(f"SELECT {_COURSE_COLUMNS} FROM course c {where}", params).fetchall()
    skills = _skills_by(conn, "course_skill", "course_id", [r[0] for r in rows])
    return [
        Course(
            id=r[0],
            title=r[1],
            status=r[2],
            added_on=date.fromisoformat(r[3]),
            provider=r[4],
            kind=r[5],
            starts_on=day_or_none(r[6]),
            ends_on=day_or_none(r[7]),
            days=tuple(int(d) for d in r[8].split(",")) if r[8] else (),
            hours_per_week=r[9],
            cost=r[10],
            url=r[11],
            note=r[12],
            last_log=day_or_none(r[13]),
            created_at=r[14],
            skills=tuple(skills[r[0]]),
        )
        for r in rows
    ]


def list_courses(conn: sqlite3.Connection, *, include_closed: bool = False) -> list[Course]:
    where = "" if include_closed else "WHERE c.status = 'active'"
    return courses_where(conn, where + " ORDER BY c.id")


def get_course(conn: sqlite3.Connection, course_id: int) -> Course:
    found = courses_where(conn, "WHERE c.id = ?", (course_id,))
    if not found:
        raise NotFound(
            f"no course with id {course_id}", hint="see the ids with: jobhunt course list"
        )
    return found[0]


def course_logs(conn: sqlite3.Connection, course_id: int) -> list[tuple]:
    return conn.execute(
        "SELECT id, on_day, hours, progress, note FROM course_log WHERE course_id = ? "
        "ORDER BY on_day, id",
        (course_id,),
    ).fetchall()


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def list_skills(conn: sqlite3.Connection) -> list[str]:
    """Your skills in SQLite's NOCASE order on both backends (sorted here: a PostgreSQL
    server would sort by its own collation)."""
    names = [r[0] for r in conn.execute("SELECT name FROM skill")]
    return sorted(names, key=lambda n: n.translate(_ASCII_LOWER))


def has_any_record(conn: sqlite3.Connection) -> bool:
    """True once anything at all was recorded (to explain an empty agenda)."""
    for table in ("application", "contact", "course", "meetup"):
        if conn.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone():
            return True
    return False


def contact_counts_by_meetup(conn: sqlite3.Connection) -> dict[int, int]:
    """How many contacts were met at each networking event: {event id: count}."""
    rows = conn.execute(
        "SELECT met_at_event_id, count(*) FROM contact WHERE met_at_event_id IS NOT NULL "
        "GROUP BY met_at_event_id"
    )
    return {r[0]: r[1] for r in rows}


def record_counts(conn: sqlite3.Connection) -> dict[str, int]:
    """How many applications, contacts, events and courses a store holds."""
    tables = {"applications": "application", "contacts": "contact", "events": "meetup"}
    tables["courses"] = "course"
    return {
        name: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for name, table in tables.items()
    }


# --------------------------------------------------------------------------- import / export


def applications_for_matching(conn: sqlite3.Connection) -> list[Application]:
    """Every application with its skills but without its history: what an import of
    applications matches rows against (cheap even for tens of thousands)."""
    skills: dict[int, list[str]] = {}
    for owner, skill in conn.execute(
        "SELECT application_id, skill FROM application_skill ORDER BY rowid"
    ):
        skills.setdefault(owner, []).append(skill)
    return [
        _application(r, skills.get(r[0], []), [])
        for r in conn.execute(f"SELECT {_APP_COLUMNS} FROM application ORDER BY id")
    ]


def interaction_days(conn: sqlite3.Connection, *, via: str) -> set[tuple[int, date]]:
    """(contact id, day) of every interaction through one channel."""
    rows = conn.execute("SELECT contact_id, on_day FROM interaction WHERE via = ?", (via,))
    return {(r[0], date.fromisoformat(r[1])) for r in rows}


def applications_active_between(
    conn: sqlite3.Connection, *, start: date, end: date
) -> list[Application]:
    """Applications (with history) applied to, followed up or interviewed for from
    `start` to `end` inclusive: the work-search log's employer contacts."""
    span = (start.isoformat(), end.isoformat())
    return applications_where(
        conn,
        "WHERE applied_on BETWEEN ? AND ? OR id IN (SELECT application_id FROM application_event "
        "WHERE kind IN ('follow_up', 'interview') AND on_day BETWEEN ? AND ?) ORDER BY id",
        span + span,
    )


def linked_contacts(conn: sqlite3.Connection, app_ids: list[int]) -> dict[int, list[tuple]]:
    """{application id: [(contact name, link role), ...]} for these applications."""
    out: dict[int, list[tuple]] = {}
    for chunk in _chunks(app_ids):
        rows = conn.execute(
            "SELECT l.application_id, c.name, l.role FROM contact_link l "
            "JOIN contact c ON c.id = l.contact_id "
            f"WHERE l.application_id IN ({_placeholders(chunk)}) ORDER BY l.application_id, c.id",
            chunk,
        )
        for app_id, name, role in rows:
            out.setdefault(app_id, []).append((name, role))
    return out
