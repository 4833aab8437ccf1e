"""Spreadsheet applications against the store (steps 2 and 3 of `jobhunt import csv`;
`appcsv` reads the rows).

`plan(rows, existing, ...)` matches every row, purely: a row matches an application
with the same company, title and applied date (case-insensitively); a dated row also
matches a saved job with the same company and title (you applied since). Empty cells
never clear what the store has. `apply(conn, writes, ...)` writes the plan in the
caller's transaction, as plain SQL (executemany).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from jobhunt.io.appcsv import AppRow
from jobhunt.io.csvio import BadRow
from jobhunt.io.report import ADDED, REJECTED, UNCHANGED, UPDATED, Outcome, Report
from jobhunt.records import Application

# --------------------------------------------------------------------------- matching


@dataclass(slots=True, eq=False)
class Target:
    """An application as the import sees it: one in the store, or one this file adds."""

    id: int | None
    company: str
    role: str
    status: str
    applied_on: date | None
    fields: dict[str, str | None]
    skills: tuple[str, ...]
    saved_on: date | None = None  # new ones only
    changed: list[str] = field(default_factory=list)  # existing ones: fields changed
    status_changed: bool = False
    skills_changed: bool = False

    @property
    def key(self) -> tuple[str, str, date | None]:
        return (_fold(self.company), _fold(self.role), self.applied_on)


# Where a status sits in an application's life. A file never moves an application back
# to an earlier stage than the store has (the store knows of the interview since).
_STAGE = {"saved": 0, "applied": 1, "interviewing": 2, "offer": 3}


def _earlier(new: str, current: str) -> bool:
    return _STAGE.get(new, 4) < _STAGE.get(current, 4)


def _fold(value: str) -> str:
    return " ".join(value.split()).casefold()


def _target(app: Application) -> Target:
    return Target(
        id=app.id,
        company=app.company,
        role=app.role,
        status=app.status,
        applied_on=app.applied_on,
        fields={
            "url": app.url,
            "location": app.location,
            "salary": app.salary,
            "note": app.note,
            "source": app.source,
            "job_type": app.job_type,
        },
        skills=app.skills,
    )


@dataclass(slots=True)
class Writes:
    new: list[Target] = field(default_factory=list)
    changed: list[Target] = field(default_factory=list)


def plan(
    rows: Iterable[AppRow | BadRow],
    existing: Iterable[Application],
    *,
    source: str,
    strict: bool = False,
) -> tuple[Report, Writes]:
    """Match every row against the store (pure). Strict: the first bad row raises."""
    report = Report(kind="csv", source=source, strict=strict)
    writes = Writes()
    index: dict[tuple[str, str, date | None], Target] = {}
    pending: set[int] = set()
    for app in existing:
        target = _target(app)
        index.setdefault(target.key, target)
    for row in rows:
        if isinstance(row, BadRow):
            report.add(Outcome(row.line, REJECTED, row.what, reason=row.reason))
            continue
        key = (_fold(row.company), _fold(row.role), row.applied_on)
        target = index.get(key)
        if target is None and row.applied_on is not None:
            saved = index.get((key[0], key[1], None))
            if saved is not None and saved.status == "saved":
                target = saved  # a saved job you have applied to since
        if target is None:
            target = Target(
                id=None,
                company=row.company,
                role=row.role,
                status=row.status,
                applied_on=row.applied_on,
                fields=dict(row.fields),
                skills=row.skills,
                saved_on=row.saved_on,
            )
            index[key] = target
            writes.new.append(target)
            report.add(Outcome(row.line, ADDED, row.what))
            continue
        changed = _update(target, row, index)
        if changed and target.id is not None and target.id not in pending:
            pending.add(target.id)
            writes.changed.append(target)
        report.add(
            Outcome(
                row.line, UPDATED if changed else UNCHANGED, row.what, target.id, tuple(changed)
            )
        )
    return report, writes


def _update(target: Target, row: AppRow, index: dict) -> list[str]:
    """Bring `target` in line with the row's non-empty cells; the names of what changed."""
    changed: list[str] = []
    if row.applied_on is not None and target.applied_on is None:
        index.pop(target.key, None)
        target.applied_on = row.applied_on
        index[target.key] = target
        changed.append("applied_on")
        if not row.status_given and target.status == "saved":
            target.status = "applied"
            target.status_changed = True
            changed.append("status")
    if row.status_given and row.status != target.status and not _earlier(row.status, target.status):
        target.status = row.status
        target.status_changed = True
        changed.append("status")
    for name, value in row.fields.items():
        if target.fields.get(name) != value:
            target.fields[name] = value
            changed.append(name)
    if row.skills and [s.casefold() for s in row.skills] != [s.casefold() for s in target.skills]:
        target.skills = row.skills
        target.skills_changed = True
        changed.append("skills")
    target.changed.extend(c for c in changed if c not in target.changed)
    return changed


# --------------------------------------------------------------------------- writing

_APP_INSERT = (
    "INSERT INTO application (id, company, role, status, applied_on, job_type, source, url, "
    "location, salary, note, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"
)
_EVENT_INSERT = (
    "INSERT INTO application_event (application_id, kind, on_day, channel, status, until_day, "
    "person, note, created_at) VALUES (?,?,?,?,?,?,?,?,?)"
)
_SKILL_INSERT = "INSERT INTO application_skill (application_id, skill) VALUES (?, ?)"


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def apply(conn: sqlite3.Connection, writes: Writes, *, today: date, now: str) -> None:
    """Write the plan; the caller holds the transaction."""
    next_id = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM application").fetchone()[0]
    apps, events, skills = [], [], []
    for target in writes.new:
        target.id = next_id
        next_id += 1
        f = target.fields
        apps.append(
            (
                target.id,
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
                now,
                now,
            )
        )
        skills.extend((target.id, s) for s in target.skills)
        if target.status == "saved":
            events.append(_event(target.id, "saved", target.saved_on or today, now))
        else:
            events.append(_event(target.id, "applied", target.applied_on or today, now))
            if target.status != "applied":
                events.append(
                    _event(target.id, "status", today, now, status=target.status, note="imported")
                )
    conn.executemany(_APP_INSERT, apps)
    for target in writes.changed:
        f = target.fields
        conn.execute(
            "UPDATE application SET status=?, applied_on=?, job_type=?, source=?, url=?, "
            "location=?, salary=?, note=?, updated_at=? WHERE id=?",
            (
                target.status,
                _iso(target.applied_on),
                f.get("job_type"),
                f.get("source"),
                f.get("url"),
                f.get("location"),
                f.get("salary"),
                f.get("note"),
                now,
                target.id,
            ),
        )
        edited = [c for c in target.changed if c != "status"]
        if edited:
            note = "changed " + ", ".join(edited) + " (import)"
            events.append(_event(target.id, "edit", today, now, note=note))
        if target.status_changed:
            events.append(
                _event(target.id, "status", today, now, status=target.status, note="imported")
            )
        if target.skills_changed:
            conn.execute("DELETE FROM application_skill WHERE application_id = ?", (target.id,))
            skills.extend((target.id, s) for s in target.skills)
    conn.executemany(_EVENT_INSERT, events)
    conn.executemany(_SKILL_INSERT, skills)


def _event(
    app_id: int | None,
    kind: str,
    on: date,
    now: str,
    *,
    status: str | None = None,
    note: str | None = None,
) -> tuple:
    return (app_id, kind, on.isoformat(), None, status, None, None, note, now)
