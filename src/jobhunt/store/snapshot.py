"""What the rules and reviews read: the agenda's snapshot for a day, the weekly
suggestions already shown, a week's counts, and the days something was done."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date, timedelta

from jobhunt.clock import local_day
from jobhunt.records import (
    STAY_ACTIVE_TYPES,
    Application,
    AppliedDay,
    Contact,
    Course,
    Interaction,
    Link,
    Snapshot,
    WeekFacts,
)
from jobhunt.store.asof import application_as_of
from jobhunt.store.connection import transaction
from jobhunt.store.queries import (
    OPEN_STATUSES,
    applications_where,
    courses_where,
    day_or_none,
    dismissals_as_of,
    list_contacts,
    list_meetups,
    list_skills,
)


def load_snapshot(conn: sqlite3.Connection, *, today: date, lookback_days: int) -> Snapshot:
    """What the rules need for `today`, as the records dated on or before it say (one
    loader for the agenda, its previews and the weekly review).

    Only applications open on `today` are loaded in full (those open now, and those
    whose status changed after it); the recent ones are only counted.
    """
    day = today.isoformat()
    since = (today - timedelta(days=lookback_days)).isoformat()
    open_apps = applications_as_of(conn, today, open_only=True)
    recent = [
        AppliedDay(r[0], date.fromisoformat(r[1]), r[2], r[3])
        for r in conn.execute(
            "SELECT id, applied_on, job_type, status FROM application "
            "WHERE applied_on >= ? AND applied_on <= ? ORDER BY applied_on, id",
            (since, day),
        )
    ]
    accepted = _accepted_as_of(conn, today)
    started = conn.execute(
        "SELECT min(applied_on) FROM application WHERE applied_on <= ?", (day,)
    ).fetchone()[0]
    touches = [
        Interaction(r[0], r[1], r[2], date.fromisoformat(r[3]), r[4])
        for r in conn.execute(
            "SELECT id, contact_id, via, on_day, note FROM interaction "
            "WHERE on_day >= ? AND on_day <= ? ORDER BY on_day, id",
            (since, day),
        )
    ]
    contacts = _contacts_as_of(conn, today)
    known = {c.id for c in contacts}
    links = [
        Link(*r)
        for r in conn.execute("SELECT contact_id, application_id, role FROM contact_link")
        if r[0] in known
    ]
    later_meetups = _recorded_after(conn, "meetup", today)
    # As far back as the touches: the weekly target pairs an event's meeting with its
    # follow-up (rules/meetings.py).
    meetups = [
        m
        for m in list_meetups(conn, since=today - timedelta(days=lookback_days))
        if m.on <= today or m.id not in later_meetups
    ]
    courses = _courses_as_of(conn, today)
    nudges = {
        k: date.fromisoformat(v)
        for k, v in conn.execute(
            "SELECT key, max(shown_on) FROM nudge WHERE shown_on <= ? GROUP BY key", (day,)
        )
    }
    had = {r[0] for r in conn.execute("SELECT name FROM skill WHERE added_on <= ?", (day,))}
    skills = [name for name in list_skills(conn) if name in had]
    return Snapshot(
        open_applications=tuple(open_apps),
        recent=tuple(recent),
        accepted=tuple(accepted),
        search_started=day_or_none(started),
        contacts=tuple(contacts),
        touches=tuple(touches),
        links=tuple(links),
        meetups=tuple(meetups),
        courses=tuple(courses),
        skills=tuple(skills),
        nudges=nudges,
        dismissals=tuple(
            d for d in dismissals_as_of(conn, today) if d.contact_id in known or d.company
        ),
    )


def applications_as_of(
    conn: sqlite3.Connection, day: date, *, open_only: bool = False, job_types: tuple = ()
) -> list[Application]:
    """The applications recorded by `day`, as their events dated up to it describe them.

    With `open_only`, only those open on `day`: the ones open now, and the ones whose
    status changed after `day` (they may have been open then).
    """
    clauses: list[str] = []
    params: list[object] = []
    if open_only:
        clauses.append(
            f"(status IN {OPEN_STATUSES} OR id IN (SELECT application_id FROM "
            "application_event WHERE kind = 'status' AND on_day > ?))"
        )
        params.append(day.isoformat())
    if job_types:
        clauses.append(f"job_type IN ({','.join('?' * len(job_types))})")
        params.extend(job_types)
    where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
    apps = applications_where(conn, where + " ORDER BY id", tuple(params))
    later = _recorded_after(conn, "application_event", day)
    found = [a for a in (application_as_of(app, day, later) for app in apps) if a is not None]
    return [a for a in found if a.is_open] if open_only else found


def _accepted_as_of(conn: sqlite3.Connection, day: date) -> list[Application]:
    apps = applications_where(
        conn,
        "WHERE status = 'accepted' OR id IN (SELECT application_id FROM application_event "
        "WHERE kind = 'status' AND status = 'accepted' AND on_day <= ?) ORDER BY id",
        (day.isoformat(),),
    )
    later = _recorded_after(conn, "application_event", day)
    found = (application_as_of(app, day, later) for app in apps)
    return [a for a in found if a is not None and a.status == "accepted"]


def _recorded_after(conn: sqlite3.Connection, table: str, day: date) -> set[int]:
    """Ids of rows dated after `day` that were also recorded (typed) after it."""
    rows = conn.execute(f"SELECT id, created_at FROM {table} WHERE on_day > ?", (day.isoformat(),))
    return {r[0] for r in rows if r[1] and local_day(r[1]) > day}


def _contacts_as_of(conn: sqlite3.Connection, day: date) -> list[Contact]:
    last = dict(
        conn.execute(
            "SELECT contact_id, max(d) FROM (SELECT contact_id, on_day AS d FROM interaction "
            "UNION ALL SELECT p.contact_id, e.on_day FROM event_person p JOIN application_event e "
            "ON e.id = p.event_id) AS touched WHERE d <= ? GROUP BY contact_id",
            (day.isoformat(),),
        ).fetchall()
    )
    return [
        c
        if c.last_touch is None or c.last_touch <= day
        else replace(c, last_touch=day_or_none(last.get(c.id)))
        for c in list_contacts(conn)
        if c.added_on <= day
    ]


def _courses_as_of(conn: sqlite3.Connection, day: date) -> list[Course]:
    """Courses added by `day`, with their last log as of then (a course's status has no
    history: it is the one it has now)."""
    last = dict(
        conn.execute(
            "SELECT course_id, max(on_day) FROM course_log WHERE on_day <= ? GROUP BY course_id",
            (day.isoformat(),),
        ).fetchall()
    )
    return [
        c
        if c.last_log is None or c.last_log <= day
        else replace(c, last_log=day_or_none(last.get(c.id)))
        for c in courses_where(conn, "WHERE c.status IN ('active', 'done') ORDER BY c.id")
        if c.added_on <= day
    ]


def record_nudges(conn: sqlite3.Connection, keys: list[str], today: date) -> None:
    """Remember which weekly suggestions were shown today (so they wait a week); every
    day shown is kept, so a past day's agenda sees what had been shown by then."""
    if not keys:
        return
    with transaction(conn):
        conn.executemany(
            "INSERT INTO nudge (key, shown_on) VALUES (?, ?) ON CONFLICT DO NOTHING",
            [(k, today.isoformat()) for k in keys],
        )


def week_facts(conn: sqlite3.Connection, *, start: date, end: date) -> WeekFacts:
    """Counts of what was done from `start` to `end` inclusive (the weekly review), and
    the stay-active work as it stood on `end`."""
    span = (start.isoformat(), end.isoformat())

    def count(sql: str) -> int:
        return conn.execute(sql, span).fetchone()[0] or 0

    hours, logs = conn.execute(
        "SELECT coalesce(sum(hours), 0), count(*) FROM course_log WHERE on_day BETWEEN ? AND ?",
        span,
    ).fetchone()
    planned = conn.execute(
        "SELECT coalesce(sum(hours_per_week), 0) FROM course WHERE status = 'active' "
        "AND coalesce(starts_on, added_on) <= ? AND (ends_on IS NULL OR ends_on >= ?)",
        (end.isoformat(), start.isoformat()),
    ).fetchone()[0]
    active = [
        a
        for a in applications_as_of(conn, end, job_types=STAY_ACTIVE_TYPES)
        if a.status in ("applied", "interviewing", "offer", "accepted")
    ]
    return WeekFacts(
        start=start,
        end=end,
        applied=count("SELECT count(*) FROM application WHERE applied_on BETWEEN ? AND ?"),
        follow_ups=count(
            "SELECT count(*) FROM application_event WHERE kind = 'follow_up' "
            "AND on_day BETWEEN ? AND ?"
        ),
        interviews=count(
            "SELECT count(*) FROM application_event WHERE kind = 'interview' "
            "AND on_day BETWEEN ? AND ?"
        ),
        touches=count("SELECT count(*) FROM interaction WHERE on_day BETWEEN ? AND ?"),
        learning_hours=float(hours),
        learning_logs=int(logs),
        planned_hours=float(planned),
        active_work=tuple(active),
    )


def activity_days(conn: sqlite3.Connection, *, start: date, end: date) -> list[tuple[date, str]]:
    """(day, kind) of every contact interaction ("touch") and course log ("course_log")
    from `start` to `end` inclusive (application events come with the applications)."""
    span = (start.isoformat(), end.isoformat())
    rows = conn.execute(
        "SELECT on_day, 'touch' FROM interaction WHERE on_day BETWEEN ? AND ? "
        "UNION ALL SELECT on_day, 'course_log' FROM course_log WHERE on_day BETWEEN ? AND ? "
        "ORDER BY 1",
        span + span,
    )
    return [(date.fromisoformat(r[0]), r[1]) for r in rows]


def applications_active_as_of(
    conn: sqlite3.Connection, *, start: date, end: date, day: date
) -> list[Application]:
    """The work-search log's applications for `start`..`end`, each as it stood on `day`
    (the end of that week, or today while it runs): its result is that day's status."""
    from jobhunt.store.queries import applications_active_between

    later = _recorded_after(conn, "application_event", day)
    found = (
        application_as_of(app, day, later)
        for app in applications_active_between(conn, start=start, end=end)
    )
    return [a for a in found if a is not None]
