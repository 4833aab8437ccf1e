"""The write path: SQLModel sessions over the same configured connections as the reads.

Every write command runs inside `session(target)`: one transaction that begins by
queueing behind any other writer (SQLite: BEGIN IMMEDIATE on the busy timeout;
PostgreSQL: the profile's advisory lock) and commits all or nothing. Input is
validated here, before anything is written, so a mistake is a clean `InputError` and
not a constraint failure.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from datetime import date
from functools import cache

from sqlalchemy import delete, event
from sqlalchemy.engine import Engine
from sqlalchemy.pool import NullPool
from sqlmodel import Session, create_engine, select

from jobhunt import models as m
from jobhunt import store
from jobhunt.backend import Target
from jobhunt.errors import InputError, NotFound
from jobhunt.records import (
    CONTACT_KINDS,
    COURSE_KINDS,
    EVENT_KINDS,
    FOLLOW_UP_CHANNELS,
    JOB_TYPES,
    LINK_ROLES,
    MEETUP_KINDS,
    STATUSES,
    TOUCH_CHANNELS,
)
from jobhunt.validate import choice, skill_key, skill_names, text


@cache
def engine_for(target: Target) -> Engine:
    """An engine whose connections come from the read path's connect functions (pragmas,
    search path and writer lock in one place)."""
    if target.is_pg:
        from jobhunt.store import pg

        engine = create_engine(
            "postgresql+psycopg://", creator=lambda: pg.raw_connect(target), poolclass=NullPool
        )

        @event.listens_for(engine, "begin")
        def _lock_writers(conn) -> None:  # type: ignore[no-untyped-def]
            pg.lock_writers(conn.connection.driver_connection, target)

        return engine
    assert target.path is not None
    path = target.path
    engine = create_engine("sqlite://", creator=lambda: store.connect(path), poolclass=NullPool)

    @event.listens_for(engine, "begin")
    def _begin_immediate(conn) -> None:  # type: ignore[no-untyped-def]
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


@contextlib.contextmanager
def session(target: Target, *, undo_label: str | None = None) -> Iterator[Session]:
    """One write transaction: commit on success, roll back on any error.

    With `undo_label`, everything it changes is one step that `jobhunt undo` reverts.
    """
    with Session(engine_for(target), expire_on_commit=False) as s, s.begin():
        raw = s.connection().connection.driver_connection
        execute = raw.execute
        if target.is_pg:
            from jobhunt.store.pg import qmark_to_format

            def execute(sql: str, params=()):  # type: ignore[no-untyped-def]
                return raw.execute(qmark_to_format(sql), params)

        if undo_label is not None:
            store.begin_undo_point(execute, undo_label)
        yield s
        if undo_label is not None:
            s.flush()
            store.end_undo_point(execute)


def _get(s: Session, model, key, noun: str, hint: str):  # type: ignore[no-untyped-def]
    row = s.get(model, key)
    if row is None:
        raise NotFound(f"no {noun} with id {key}", hint=hint)
    return row


def get_application(s: Session, app_id: int) -> m.Application:
    return _get(s, m.Application, app_id, "application", "see the ids with: jobhunt list")


# --------------------------------------------------------------------------- applications

APP_FIELDS = ("company", "role", "url", "source", "job_type", "location", "salary", "note")


def add_application(
    s: Session,
    *,
    company: str,
    role: str,
    on: date,
    saved: bool = False,
    url: str | None = None,
    source: str | None = None,
    job_type: str | None = None,
    location: str | None = None,
    salary: str | None = None,
    note: str | None = None,
    skills: Iterable[str] = (),
) -> m.Application:
    now = store.utc_now()
    app = m.Application(
        company=text(company, "company", required=True),
        role=text(role, "role", required=True),
        status="saved" if saved else "applied",
        applied_on=None if saved else on,
        url=text(url, "url"),
        source=text(source, "source"),
        job_type=choice(job_type, "job type", JOB_TYPES),
        location=text(location, "location"),
        salary=text(salary, "salary"),
        note=text(note, "note"),
        created_at=now,
        updated_at=now,
    )
    s.add(app)
    s.flush()
    assert app.id is not None
    for skill in skill_names(skills):
        s.add(m.ApplicationSkill(application_id=app.id, skill=skill))
    add_event(s, app.id, kind="saved" if saved else "applied", on=on)
    return app


def add_event(
    s: Session,
    app_id: int,
    *,
    kind: str,
    on: date,
    channel: str | None = None,
    status: str | None = None,
    until: date | None = None,
    person: str | None = None,
    note: str | None = None,
) -> m.ApplicationEvent:
    assert kind in EVENT_KINDS
    ev = m.ApplicationEvent(
        application_id=app_id,
        kind=kind,
        on_day=on,
        channel=choice(channel, "channel", FOLLOW_UP_CHANNELS),
        status=status,
        until_day=until,
        person=text(person, "person"),
        note=text(note, "note"),
        created_at=store.utc_now(),
    )
    s.add(ev)
    s.flush()
    return ev


def edit_application(
    s: Session,
    app_id: int,
    *,
    on: date,
    changes: dict[str, object],
    skills: list[str] | None = None,
) -> list[str]:
    """Change fields; returns the names of the fields that changed (recorded as an event)."""
    app = get_application(s, app_id)
    changed: list[str] = []
    for field, value in changes.items():
        if field in ("company", "role"):
            value = text(value, field, required=True)  # type: ignore[arg-type]
        elif field == "job_type":
            value = choice(value, "job type", JOB_TYPES)  # type: ignore[arg-type]
        elif field in APP_FIELDS:
            value = text(value, field)  # type: ignore[arg-type]
        elif field != "applied_on":
            raise InputError(f"cannot edit {field}")
        if getattr(app, field) != value:
            setattr(app, field, value)
            changed.append(field)
    if "applied_on" in changed:
        # Keep the history's "applied" day in step with the corrected date.
        for ev in s.exec(
            select(m.ApplicationEvent).where(
                m.ApplicationEvent.application_id == app_id, m.ApplicationEvent.kind == "applied"
            )
        ):
            ev.on_day = app.applied_on  # type: ignore[assignment]
    if skills is not None:
        wanted = skill_names(skills)
        current = [
            r.skill
            for r in s.exec(
                select(m.ApplicationSkill).where(m.ApplicationSkill.application_id == app_id)
            )
        ]
        if [skill_key(w) for w in wanted] != [skill_key(c) for c in current]:
            s.execute(delete(m.ApplicationSkill).where(m.ApplicationSkill.application_id == app_id))
            s.flush()
            for skill in wanted:
                s.add(m.ApplicationSkill(application_id=app_id, skill=skill))
            changed.append("skills")
    if changed:
        app.updated_at = store.utc_now()
        add_event(s, app_id, kind="edit", on=on, note="changed " + ", ".join(changed))
    return changed


def set_status(
    s: Session, app_id: int, status: str, *, on: date, note: str | None = None
) -> tuple[str, m.ApplicationEvent]:
    """Record a stage or outcome; returns the previous status and the event recorded."""
    status = choice(status, "status", STATUSES)  # type: ignore[assignment]
    app = get_application(s, app_id)
    previous = app.status
    app.status = status
    if status == "applied" and app.applied_on is None:
        app.applied_on = on
    app.updated_at = store.utc_now()
    return previous, add_event(s, app_id, kind="status", on=on, status=status, note=note)


def touch_application(s: Session, app_id: int) -> m.Application:
    app = get_application(s, app_id)
    app.updated_at = store.utc_now()
    return app


def delete_application(s: Session, app_id: int) -> m.Application:
    app = get_application(s, app_id)
    s.delete(app)
    return app


# --------------------------------------------------------------------------- networking


def get_contact(s: Session, contact_id: int) -> m.Contact:
    return _get(s, m.Contact, contact_id, "contact", "see the ids with: jobhunt contact list")


def get_meetup(s: Session, event_id: int) -> m.Meetup:
    return _get(s, m.Meetup, event_id, "event", "see the ids with: jobhunt event list")


CONTACT_FIELDS = ("name", "company", "title", "kind", "email", "phone", "url", "met", "note")


def add_contact(
    s: Session,
    *,
    name: str,
    added_on: date,
    kind: str | None = None,
    every_days: int | None = None,
    met_at_event_id: int | None = None,
    **fields: str | None,
) -> m.Contact:
    if met_at_event_id is not None:
        get_meetup(s, met_at_event_id)
    row = m.Contact(
        name=text(name, "name", required=True),
        kind=choice(kind, "contact kind", CONTACT_KINDS) or "other",
        every_days=every_days,
        met_at_event_id=met_at_event_id,
        added_on=added_on,
        created_at=store.utc_now(),
        **{k: text(v, k) for k, v in fields.items()},
    )
    s.add(row)
    s.flush()
    return row


def edit_contact(s: Session, contact_id: int, changes: dict[str, object]) -> list[str]:
    row = get_contact(s, contact_id)
    changed = []
    for field, value in changes.items():
        if field == "name":
            value = text(value, "name", required=True)  # type: ignore[arg-type]
        elif field == "kind":
            value = choice(value, "contact kind", CONTACT_KINDS)  # type: ignore[arg-type]
        elif field == "met_at_event_id":
            if value is not None:
                get_meetup(s, value)  # type: ignore[arg-type]
        elif field in ("every_days", "added_on"):
            pass
        elif field in CONTACT_FIELDS:
            value = text(value, field)  # type: ignore[arg-type]
        else:
            raise InputError(f"cannot edit {field}")
        if getattr(row, field) != value:
            setattr(row, field, value)
            changed.append(field)
    return changed


def add_interaction(
    s: Session, contact_id: int, *, via: str, on: date, note: str | None = None
) -> m.Interaction:
    get_contact(s, contact_id)
    row = m.Interaction(
        contact_id=contact_id,
        via=choice(via, "channel", TOUCH_CHANNELS),
        on_day=on,
        note=text(note, "note"),
        created_at=store.utc_now(),
    )
    s.add(row)
    s.flush()
    return row


def link(s: Session, contact_id: int, app_id: int, role: str = "other") -> bool:
    """Tie a contact to an application; True if new, False if the role was updated."""
    get_contact(s, contact_id)
    get_application(s, app_id)
    role = choice(role, "link role", LINK_ROLES) or "other"
    row = s.get(m.ContactLink, (contact_id, app_id))
    if row is None:
        s.add(m.ContactLink(contact_id=contact_id, application_id=app_id, role=role))
        return True
    row.role = role
    return False


def unlink(s: Session, contact_id: int, app_id: int) -> None:
    row = s.get(m.ContactLink, (contact_id, app_id))
    if row is None:
        raise NotFound(f"contact {contact_id} is not linked to application {app_id}")
    s.delete(row)


def delete_contact(s: Session, contact_id: int) -> m.Contact:
    row = get_contact(s, contact_id)
    s.delete(row)
    return row


def add_meetup(
    s: Session,
    *,
    title: str,
    on: date,
    kind: str | None = None,
    place: str | None = None,
    note: str | None = None,
) -> m.Meetup:
    row = m.Meetup(
        title=text(title, "title", required=True),
        on_day=on,
        kind=choice(kind, "event kind", MEETUP_KINDS) or "other",
        place=text(place, "place"),
        note=text(note, "note"),
        created_at=store.utc_now(),
    )
    s.add(row)
    s.flush()
    return row


def delete_meetup(s: Session, event_id: int) -> m.Meetup:
    row = get_meetup(s, event_id)
    s.delete(row)
    return row


# --------------------------------------------------------------------------- learning


def get_course(s: Session, course_id: int) -> m.Course:
    return _get(s, m.Course, course_id, "course", "see the ids with: jobhunt course list")


COURSE_FIELDS = ("title", "provider", "kind", "cost", "url", "note")


def add_course(
    s: Session,
    *,
    title: str,
    added_on: date,
    kind: str | None = None,
    starts_on: date | None = None,
    ends_on: date | None = None,
    days: tuple[int, ...] = (),
    hours_per_week: float | None = None,
    skills: Iterable[str] = (),
    **fields: str | None,
) -> m.Course:
    _check_course_dates(starts_on, ends_on)
    _check_non_negative(hours_per_week, "hours")
    row = m.Course(
        title=text(title, "title", required=True),
        kind=choice(kind, "course kind", COURSE_KINDS),
        starts_on=starts_on,
        ends_on=ends_on,
        days=",".join(str(d) for d in sorted(set(days))) or None,
        hours_per_week=hours_per_week,
        added_on=added_on,
        created_at=store.utc_now(),
        **{k: text(v, k) for k, v in fields.items()},
    )
    s.add(row)
    s.flush()
    assert row.id is not None
    for skill in skill_names(skills):
        s.add(m.CourseSkill(course_id=row.id, skill=skill))
    return row


def _check_course_dates(starts_on: date | None, ends_on: date | None) -> None:
    if starts_on and ends_on and ends_on < starts_on:
        raise InputError(f"the course ends ({ends_on}) before it starts ({starts_on})")


def _check_non_negative(value: float | None, field: str) -> None:
    if value is not None and (value < 0 or value != value or value == float("inf")):
        raise InputError(f"{field} must be a number of 0 or more")


def edit_course(
    s: Session, course_id: int, changes: dict[str, object], skills: list[str] | None = None
) -> list[str]:
    row = get_course(s, course_id)
    changed = []
    for field, value in changes.items():
        if field == "title":
            value = text(value, "title", required=True)  # type: ignore[arg-type]
        elif field == "kind":
            value = choice(value, "course kind", COURSE_KINDS)  # type: ignore[arg-type]
        elif field == "days":
            value = ",".join(str(d) for d in sorted(set(value))) or None  # type: ignore[call-overload]
        elif field == "hours_per_week":
            _check_non_negative(value, "hours")  # type: ignore[arg-type]
        elif field in ("starts_on", "ends_on"):
            pass
        elif field in COURSE_FIELDS:
            value = text(value, field)  # type: ignore[arg-type]
        else:
            raise InputError(f"cannot edit {field}")
        if getattr(row, field) != value:
            setattr(row, field, value)
            changed.append(field)
    _check_course_dates(row.starts_on, row.ends_on)
    if skills is not None:
        wanted = skill_names(skills)
        current = [
            r.skill
            for r in s.exec(select(m.CourseSkill).where(m.CourseSkill.course_id == course_id))
        ]
        if [skill_key(w) for w in wanted] != [skill_key(c) for c in current]:
            s.execute(delete(m.CourseSkill).where(m.CourseSkill.course_id == course_id))
            s.flush()
            for skill in wanted:
                s.add(m.CourseSkill(course_id=course_id, skill=skill))
            changed.append("skills")
    return changed


def log_course(
    s: Session,
    course_id: int,
    *,
    on: date,
    hours: float | None = None,
    progress: int | None = None,
    note: str | None = None,
) -> m.CourseLog:
    get_course(s, course_id)
    _check_non_negative(hours, "hours")
    if progress is not None and not 0 <= progress <= 100:
        raise InputError("progress must be a percentage from 0 to 100")
    row = m.CourseLog(
        course_id=course_id,
        on_day=on,
        hours=hours,
        progress=progress,
        note=text(note, "note"),
        created_at=store.utc_now(),
    )
    s.add(row)
    s.flush()
    return row


def set_course_status(s: Session, course_id: int, status: str) -> str:
    row = get_course(s, course_id)
    previous = row.status
    row.status = status
    return previous


def delete_course(s: Session, course_id: int) -> m.Course:
    row = get_course(s, course_id)
    s.delete(row)
    return row


def _skills_by_key(s: Session) -> dict[str, m.Skill]:
    """Your skills by skill_key: the same test of sameness on both backends."""
    return {skill_key(row.name): row for row in s.exec(select(m.Skill))}


def add_skills(s: Session, names: Iterable[str], *, on: date) -> list[str]:
    """Add skills you have; returns those that were new."""
    have = _skills_by_key(s)
    added = []
    for name in skill_names(names):
        if skill_key(name) not in have:
            s.add(m.Skill(name=name, added_on=on))
            added.append(name)
    return added


def remove_skills(s: Session, names: Iterable[str]) -> list[str]:
    have = _skills_by_key(s)
    removed = []
    for name in skill_names(names):
        row = have.get(skill_key(name))
        if row is None:
            raise NotFound(
                f"you have no skill named {name!r}", hint="see them with: jobhunt skills list"
            )
        s.delete(row)
        removed.append(row.name)
    return removed
