"""Writing an import of applications (step 3 of `jobhunt import csv`): the plan
`appmatch.plan` made, in the caller's transaction, as plain SQL (executemany).

Each new application gets its history as if it had been added by hand: saved or
applied on its day, then each dated fact of its row (interviews, statuses reached). A
status the file gives no day for is stored on the import day marked undated
(`dated = 0`): `show` says "date unknown", and statistics and the work-search log
leave it out.
"""

from __future__ import annotations

import sqlite3
from datetime import date

from jobhunt.io.apphistory import RowEvent
from jobhunt.io.appmatch import Known, Target, Writes

_APP_INSERT = (
    "INSERT INTO application (id, company, role, status, applied_on, job_type, source, url, "
    "location, salary, note, via, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
)
_EVENT_INSERT = (
    "INSERT INTO application_event (application_id, kind, on_day, channel, status, until_day, "
    "person, note, created_at, dated) VALUES (?,?,?,?,?,?,?,?,?,?)"
)
_SKILL_INSERT = "INSERT INTO application_skill (application_id, skill) VALUES (?, ?)"
_APP_UPDATE = (
    "UPDATE application SET company=?, role=?, status=?, applied_on=?, job_type=?, source=?, "
    "url=?, location=?, salary=?, note=?, via=?, updated_at=? WHERE id=?"
)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _columns(target: Target) -> tuple:
    f = target.fields
    return (
        target.company,
        target.role,
        target.status,
        _iso(target.applied_on),
        f.get("job_type"),
        f.get("source"),
        f.get("url"),
        f.get("location"),
        f.get("salary"),
        f.get("note"),
        f.get("via"),
    )


def _event(
    app_id: int | None,
    kind: str,
    on: date,
    now: str,
    *,
    status: str | None = None,
    note: str | None = None,
    dated: bool = True,
) -> tuple:
    return (app_id, kind, on.isoformat(), None, status, None, None, note, now, int(dated))


def _facts(app_id: int | None, events: list[RowEvent], today: date, now: str) -> list[tuple]:
    out = []
    for e in events:
        note = "imported" if e.kind == "status" else None
        on = e.on or today
        out.append(_event(app_id, e.kind, on, now, status=e.status, note=note, dated=bool(e.on)))
    return out


def apply(conn: sqlite3.Connection, writes: Writes, *, today: date, now: str) -> None:
    """Write the plan; the caller holds the transaction. Fills in the new ids."""
    next_id = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM application").fetchone()[0]
    apps, events, skills = [], [], []
    for target in writes.new:
        target.id = next_id
        next_id += 1
        apps.append((target.id, *_columns(target), now, now))
        skills.extend((target.id, s) for s in target.skills)
        if target.status == "saved" or target.applied_on is None:
            events.append(_event(target.id, "saved", target.saved_on or today, now))
        else:
            events.append(_event(target.id, "applied", target.applied_on, now))
        events.extend(_facts(target.id, target.events, today, now))
    conn.executemany(_APP_INSERT, apps)
    for target in writes.changed:
        changed = target.changed()
        conn.execute(_APP_UPDATE, (*_columns(target), now, target.id))
        edited = [c for c in changed if c not in ("status", "history")]
        if edited:
            note = "changed " + ", ".join(edited) + " (import)"
            events.append(_event(target.id, "edit", today, now, note=note))
        if "applied_on" in changed and target.applied_on is not None:
            conn.execute(
                "UPDATE application_event SET on_day = ? WHERE application_id = ? "
                "AND kind = 'applied'",
                (target.applied_on.isoformat(), target.id),
            )
        events.extend(_facts(target.id, target.events, today, now))
        for event_id, on in target.dating.items():
            conn.execute(
                "UPDATE application_event SET on_day = ?, dated = 1 WHERE id = ?",
                (on.isoformat(), event_id),
            )
        if "skills" in changed:
            conn.execute("DELETE FROM application_skill WHERE application_id = ?", (target.id,))
            skills.extend((target.id, s) for s in target.skills)
    conn.executemany(_EVENT_INSERT, events)
    conn.executemany(_SKILL_INSERT, skills)
    writes.fill_ids()


def known_events(conn: sqlite3.Connection) -> dict[int, list[Known]]:
    """{application id: its interviews and status changes}: what a re-import must not
    add twice."""
    out: dict[int, list[Known]] = {}
    rows = conn.execute(
        "SELECT id, application_id, kind, status, on_day, dated FROM application_event "
        "WHERE kind IN ('interview', 'status') ORDER BY id"
    )
    for r in rows:
        known = Known(r[0], r[2], r[3], date.fromisoformat(r[4]), bool(r[5]))
        out.setdefault(r[1], []).append(known)
    return out
