"""What the rules and reviews read: the agenda's snapshot for a day, the weekly
suggestions already shown, a week's counts, and the days something was done."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta

from jobhunt.records import (
    STAY_ACTIVE_TYPES,
    AppliedDay,
    Interaction,
    Link,
    Snapshot,
    WeekFacts,
)
from jobhunt.store.connection import transaction
from jobhunt.store.queries import (
    OPEN_STATUSES,
    applications_where,
    courses_where,
    day_or_none,
    list_contacts,
    list_meetups,
    list_skills,
)


def load_snapshot(conn: sqlite3.Connection, *, today: date, lookback_days: int) -> Snapshot:
    """What the rules need for `today`: open records only, plus recent counts.

    Closed applications are never loaded in full; only the recent ones are counted.
    """
    since = (today - timedelta(days=lookback_days)).isoformat()
    open_apps = applications_where(conn, f"WHERE status IN {OPEN_STATUSES} ORDER BY id")
    recent = [
        AppliedDay(r[0], date.fromisoformat(r[1]), r[2], r[3])
        for r in conn.execute(
            "SELECT id, applied_on, job_type, status FROM application "
            "WHERE applied_on >= ? AND applied_on <= ? ORDER BY applied_on, id",
            (since, today.isoformat()),
        )
    ]
    accepted = applications_where(conn, "WHERE status = 'accepted' ORDER BY id")
    started = conn.execute("SELECT min(applied_on) FROM application").fetchone()[0]
    contacts = list_contacts(conn)
    touches = [
        Interaction(r[0], r[1], r[2], date.fromisoformat(r[3]), r[4])
        for r in conn.execute(
            "SELECT id, contact_id, via, on_day, note FROM interaction WHERE on_day >= ? "
            "ORDER BY on_day, id",
            (since,),
        )
    ]
    links = [
        Link(*r) for r in conn.execute("SELECT contact_id, application_id, role FROM contact_link")
    ]
    meetups = list_meetups(conn, since=today - timedelta(days=7))
    courses = courses_where(conn, "WHERE c.status IN ('active', 'done') ORDER BY c.id")
    nudges = {k: date.fromisoformat(v) for k, v in conn.execute("SELECT key, shown_on FROM nudge")}
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
        skills=tuple(list_skills(conn)),
        nudges=nudges,
    )


def record_nudges(conn: sqlite3.Connection, keys: list[str], today: date) -> None:
    """Remember which weekly suggestions were shown today (so they wait a week)."""
    if not keys:
        return
    with transaction(conn):
        conn.executemany(
            "INSERT INTO nudge (key, shown_on) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET shown_on = excluded.shown_on",
            [(k, today.isoformat()) for k in keys],
        )


def week_facts(conn: sqlite3.Connection, *, start: date, end: date) -> WeekFacts:
    """Counts of what was done from `start` to `end` inclusive (the weekly review)."""
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
    types = ",".join(f"'{t}'" for t in STAY_ACTIVE_TYPES)
    active = applications_where(
        conn,
        f"WHERE job_type IN ({types}) AND status IN ('applied','interviewing','offer','accepted') "
        "ORDER BY id",
    )
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
