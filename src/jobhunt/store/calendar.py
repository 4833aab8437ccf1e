"""What a calendar export reads besides the records: how often and when each
application last changed (SEQUENCE and LAST-MODIFIED come from the history), when
networking events and courses were made, and what left the calendar lately
(`calendar_gone`, filled by triggers: see schema_identity.py)."""

from __future__ import annotations

import sqlite3
from datetime import date

from jobhunt.records import Application, Gone
from jobhunt.store.queries import OPEN_STATUSES, applications_where, day_or_none


def applications_for_calendar(conn: sqlite3.Connection, *, since: date) -> list[Application]:
    """Open applications, and closed ones whose history changed on or after `since`
    (their entries may have to be published as cancelled)."""
    return applications_where(
        conn,
        f"WHERE status IN {OPEN_STATUSES} OR id IN (SELECT application_id FROM "
        "application_event WHERE on_day >= ?) ORDER BY id",
        (since.isoformat(),),
    )


def revisions(conn: sqlite3.Connection) -> dict[int, tuple[int, str]]:
    """{application id: (history entries, the latest change)}: a change to an
    application or its history adds an entry or moves its updated_at."""
    rows = conn.execute(
        "SELECT a.id, a.updated_at, count(e.id), max(e.created_at) FROM application a "
        "LEFT JOIN application_event e ON e.application_id = a.id GROUP BY a.id, a.updated_at"
    )
    return {r[0]: (r[2], max(r[1], r[3] or "")) for r in rows}


def change_days(conn: sqlite3.Connection, *, since: date) -> dict[int, set[date]]:
    """{application id: the days, from `since`, of the follow-ups, interviews, status
    changes and snoozes recorded after the application was (an import's or an add's
    own entries were never a change anyone saw)."""
    rows = conn.execute(
        "SELECT e.application_id, e.on_day FROM application_event e "
        "JOIN application a ON a.id = e.application_id "
        "WHERE e.kind IN ('follow_up', 'interview', 'status', 'snooze') "
        "AND e.on_day >= ? AND e.created_at > a.created_at",
        (since.isoformat(),),
    )
    out: dict[int, set[date]] = {}
    for app_id, day in rows:
        out.setdefault(app_id, set()).add(date.fromisoformat(day))
    return out


def created_times(conn: sqlite3.Connection, table: str) -> dict[int, str]:
    """{id: created_at} of the networking events (meetup) or courses (course)."""
    assert table in ("meetup", "course")
    return {r[0]: r[1] for r in conn.execute(f"SELECT id, created_at FROM {table}")}


def gone_since(conn: sqlite3.Connection, since: str) -> list[Gone]:
    """What left the calendar at or after the instant `since` (ISO 8601 UTC)."""
    rows = conn.execute(
        "SELECT kind, record_id, gone_at, parent_id, on_day, until_day, status, detail "
        "FROM calendar_gone WHERE gone_at >= ? ORDER BY gone_at, id",
        (since,),
    )
    return [
        Gone(r[0], r[1], r[2], r[3], day_or_none(r[4]), day_or_none(r[5]), r[6], r[7]) for r in rows
    ]
