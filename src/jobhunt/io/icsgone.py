"""Calendar entries that left the export, published as cancelled (STATUS:CANCELLED)
for 30 days, so a calendar that imported them drops them instead of keeping them.

An entry leaves because it was done, closed or deleted, never merely because it lies
past `--weeks` or in the past:

* **done or closed**: read from an application's history. For each day of the last 30
  on which something was recorded, the entries the application had the day before are
  compared with the ones it had once that day's entries were made (the rules see the
  same "today" for both, so nothing leaves just by the calendar moving on): a follow-up
  logged, an interview recorded, the application rejected or withdrawn...
* **deleted**: read from `calendar_gone` (a delete trigger keeps each deleted
  application with its history, history entry, networking event and course, and each
  course finished or dropped, for 30 days);
* **moved**: a course whose days or dates `course edit` changed (the edit keeps its
  old schedule in `calendar_gone`): its old sessions that are no longer due.

An entry still due now (at any distance) is never cancelled. All pure.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import date, datetime, timedelta

from jobhunt.io.ics import (
    Entry,
    Stamp,
    application_entries,
    course_label,
    interview_summary,
    sessions,
    sort,
)
from jobhunt.records import RESCHEDULED, Application, Course, Event, Gone
from jobhunt.rules import Policy

KEEP_DAYS = 30


def as_of(app: Application, day: date) -> Application:
    """The application as its history stood at the end of `day` (interviews are kept
    whatever their day: one scheduled ahead was known)."""
    events = tuple(e for e in app.events if e.on <= day or e.kind == "interview")
    statuses = [e.status for e in app.events if e.kind == "status" and e.on <= day and e.status]
    applied = app.applied_on if app.applied_on and app.applied_on <= day else None
    status = statuses[-1] if statuses else "applied" if applied else "saved"
    return replace(app, status=status, applied_on=applied, events=events)


def _day_of(instant: str) -> date:
    """The UTC day of a stored instant."""
    return datetime.fromisoformat(instant).date()


def _why(app: Application, day: date) -> str:
    then = as_of(app, day)
    if not then.is_open:
        return f"the application was marked {then.status} ({day.isoformat()})"
    kinds = {e.kind for e in app.events if e.on == day}
    if "follow_up" in kinds:
        return f"you followed up ({day.isoformat()})"
    return f"its history changed on {day.isoformat()}"


def _cancel(entry: Entry, why: str, stamp: Stamp) -> Entry:
    return replace(
        entry,
        summary=f"Cancelled: {entry.summary}",
        description=f"No longer due: {why}.",
        stamp=stamp,
        cancelled=True,
    )


def left_by_history(
    app: Application, days: Iterable[date], *, today: date, policy: Policy, stamp: Stamp
) -> dict[str, Entry]:
    """The entries `app` had and lost to what was recorded on `days` (the days of its
    changes recorded after it was added, over the last 30)."""
    out: dict[str, Entry] = {}
    for day in sorted(days):
        if day > today or today - day >= timedelta(KEEP_DAYS):
            continue
        eve = day - timedelta(days=1)
        before = {e.uid: e for e in application_entries(as_of(app, eve), today=eve, policy=policy)}
        after = {e.uid for e in application_entries(as_of(app, day), today=eve, policy=policy)}
        for uid in before.keys() - after:
            out[uid] = _cancel(before[uid], _why(app, day), stamp)
    return out


def _rebuilt(gone: Gone, history: list[Gone]) -> Application:
    """A deleted application from what the triggers kept of it."""
    company, _, role = (gone.detail or "").partition(" \u2014 ")
    events = [
        Event(g.record_id, gone.record_id, g.detail or "", g.on, status=g.status, until=g.until)
        for g in history
        if g.on is not None and g.detail
    ]
    events.sort(key=lambda e: (e.on, e.id))
    return Application(
        gone.record_id, company, role, gone.status or "applied", gone.on, events=tuple(events)
    )


def cancelled(
    *,
    applications: Iterable[Application],
    courses: Iterable[Course],
    live: Iterable[str],
    gone: Iterable[Gone],
    meetup_ids: set[int],
    today: date,
    end: date,
    policy: Policy,
    revisions: Mapping[int, tuple[int, str]] | None = None,
    changes: Mapping[int, Iterable[date]] | None = None,
) -> list[Entry]:
    """The cancelled entries to publish. `applications`: open ones and those changed in
    the last 30 days, with history; `courses`: all; `live`: the UIDs due now (at any
    distance); `gone`: calendar_gone of the last 30 days; `end`: the export's last day;
    `changes`: {application id: days of changes recorded after it was added}."""
    revisions, changes = revisions or {}, changes or {}
    apps = {a.id: a for a in applications}
    out: dict[str, Entry] = {}
    for app in apps.values():
        stamp = Stamp(*revisions.get(app.id, (0, "")))
        days = changes.get(app.id, ())
        out.update(left_by_history(app, days, today=today, policy=policy, stamp=stamp))
    gone = list(gone)
    history: dict[int, list[Gone]] = {}
    for g in gone:
        if g.kind == "application_event" and g.parent_id is not None:
            history.setdefault(g.parent_id, []).append(g)
    for g in gone:
        day = min(today, _day_of(g.gone_at))
        stamp = Stamp(len(history.get(g.record_id, [])) + 1, g.gone_at)
        why = f"deleted from jobhunt ({day.isoformat()})"
        if g.kind == "application" and g.record_id not in apps:
            app = _rebuilt(g, history.get(g.record_id, []))
            for entry in application_entries(app, today=day, policy=policy):
                out[entry.uid] = _cancel(entry, why, stamp)
        elif g.kind == "application_event" and g.detail == "interview" and g.on:
            parent = apps.get(g.parent_id or 0)
            if parent is None or g.on < day or any(e.id == g.record_id for e in parent.events):
                continue  # the whole application went (above), it was past, or it is back
            count, modified = revisions.get(parent.id, (0, g.gone_at))
            seq = Stamp(count + len(history.get(parent.id, [])) + 1, max(modified, g.gone_at))
            entry = Entry(f"interview-{g.record_id}", g.on, interview_summary(parent, None))
            out[entry.uid] = _cancel(replace(entry, category="interview"), why, seq)
        elif g.kind == "meetup" and g.record_id not in meetup_ids and g.on and g.on >= day:
            entry = Entry(f"meetup-{g.record_id}", g.on, f"Networking: {g.detail or ''}")
            out[entry.uid] = _cancel(
                replace(entry, category="networking"), why, Stamp(1, g.gone_at)
            )
    out.update(_courses_closed(courses, gone, today=today, end=end))
    for uid in set(live):
        out.pop(uid, None)
    return sort(list(out.values()))


def _courses_closed(
    courses: Iterable[Course], gone: list[Gone], *, today: date, end: date
) -> dict[str, Entry]:
    """The sessions ahead (through `end`) of courses deleted, finished or dropped lately."""
    by_id = {c.id: c for c in courses}
    out: dict[str, Entry] = {}
    seen: dict[int, int] = {}  # each later change of a course counts one more
    for g in gone:
        if g.kind != "course":
            continue
        seen[g.record_id] = seen.get(g.record_id, 0) + 1
        course = by_id.get(g.record_id)
        moved = g.status == RESCHEDULED
        if course is not None and course.status == "active" and not moved:
            continue  # taken up again
        if moved and course is not None:  # its sessions as they were before an edit
            days, _, title = (g.detail or "").partition("|")
            course = replace(
                course,
                title=title,
                starts_on=g.on,
                ends_on=g.until,
                days=tuple(int(d) for d in days.split(",") if d.strip().isdigit()),
            )
        elif course is None:
            days, _, title = (g.detail or "").partition("|")
            course = Course(
                g.record_id,
                title,
                "dropped",
                g.on or today,
                starts_on=g.on,
                ends_on=g.until,
                days=tuple(int(d) for d in days.split(",") if d.strip().isdigit()),
            )
        day = min(today, _day_of(g.gone_at))
        if g.record_id not in by_id:
            why = f"the course was deleted from jobhunt ({day.isoformat()})"
        elif moved:
            why = f"the course's days or dates were changed ({day.isoformat()})"
        else:
            why = f"the course was marked {course.status} ({day.isoformat()})"
        stamp = Stamp(seen[g.record_id], g.gone_at)
        label = course_label(course)
        for entry in sessions(course, max(today, day), end, stamp=stamp):
            entry = replace(entry, summary=f"Course session: {label}")
            out[entry.uid] = _cancel(entry, why, stamp)
    return out
