"""What the work-search log reads besides the applications: the week's networking
events, the touches marked as informational meetings, and the contacts (their names
for the people recorded with an entry, and the events they were met at)."""

from __future__ import annotations

import sqlite3
from datetime import date

from jobhunt.records import Contact, Interaction, Meetup
from jobhunt.store.queries import MEETUP_COLUMNS, list_contacts, meetup_of


def worklog_facts(
    conn: sqlite3.Connection, *, start: date, end: date
) -> tuple[list[Meetup], list[Interaction], dict[int, Contact]]:
    """(events from `start` through `end`, informational touches in those days, every
    contact by id)."""
    days = (start.isoformat(), end.isoformat())
    meetups = [
        meetup_of(r)
        for r in conn.execute(
            f"SELECT {MEETUP_COLUMNS} FROM meetup WHERE on_day BETWEEN ? AND ? ORDER BY on_day, id",
            days,
        )
    ]
    touches = [
        Interaction(r[0], r[1], r[2], date.fromisoformat(r[3]), r[4], True)
        for r in conn.execute(
            "SELECT id, contact_id, via, on_day, note FROM interaction "
            "WHERE informational = 1 AND on_day BETWEEN ? AND ? ORDER BY on_day, id",
            days,
        )
    ]
    return meetups, touches, {c.id: c for c in list_contacts(conn)}
