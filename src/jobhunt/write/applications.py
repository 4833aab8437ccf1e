"""Writing applications and their history: add, edit, status, follow-ups, interviews,
snoozes, delete. Every function takes the connection of the command's transaction."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from jobhunt import store
from jobhunt.errors import InputError
from jobhunt.records import APPLY_METHODS, EVENT_KINDS, FOLLOW_UP_CHANNELS, JOB_TYPES, STATUSES
from jobhunt.validate import choice, clock, skill_key, skill_names, text
from jobhunt.validate import minutes as minutes_
from jobhunt.write.core import (
    Conn,
    changed_values,
    delete,
    insert,
    insert_rows,
    replace_skills,
    require,
    stored,
    update,
)

APP_FIELDS = ("company", "role", "url", "source", "job_type", "location", "salary", "note")
_HINT = "see the ids with: jobhunt list"


def get_application(conn: Conn, app_id: int, columns: Iterable[str] = ("id",)) -> dict:
    """The named columns of an application, as stored; NotFound if there is none."""
    return require(conn, "application", app_id, "application", _HINT, columns)


def add_application(
    conn: Conn,
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
    via: str | None = None,
) -> int:
    """Record an application (or a saved job) with its first history entry; its id."""
    now = store.utc_now()
    values = {
        "company": text(company, "company", required=True),
        "role": text(role, "role", required=True),
        "status": "saved" if saved else "applied",
        "applied_on": None if saved else on,
        "url": text(url, "url"),
        "source": text(source, "source"),
        "job_type": choice(job_type, "job type", JOB_TYPES),
        "location": text(location, "location"),
        "salary": text(salary, "salary"),
        "note": text(note, "note"),
        "via": choice(via, "method", APPLY_METHODS),
        "created_at": now,
        "updated_at": now,
    }
    names = skill_names(skills)
    app_id = insert(conn, "application", values)
    skills_of = ((app_id, name) for name in names)
    insert_rows(conn, "application_skill", ("application_id", "skill"), skills_of)
    add_event(conn, app_id, kind="saved" if saved else "applied", on=on)
    return app_id


def add_event(
    conn: Conn,
    app_id: int,
    *,
    kind: str,
    on: date,
    channel: str | None = None,
    status: str | None = None,
    until: date | None = None,
    person: str | None = None,
    note: str | None = None,
    at: str | None = None,
    minutes: int | None = None,
    place: str | None = None,
) -> int:
    """One dated entry in an application's history; its id. An interview may carry its
    time (HH:MM), its length in minutes and its place or meeting link."""
    assert kind in EVENT_KINDS
    timing: dict[str, object] = {}
    if at is not None:
        timing["at_time"] = clock(at, "interview time")
    if minutes is not None:
        if at is None:
            raise InputError("--minutes goes with --at: give the interview's time too")
        timing["minutes"] = minutes_(minutes, "interview length")
    if place is not None and text(place, "place"):
        timing["place"] = text(place, "place")
    return insert(
        conn,
        "application_event",
        {
            "application_id": app_id,
            "kind": kind,
            "on_day": on,
            "channel": choice(channel, "channel", FOLLOW_UP_CHANNELS),
            "status": status,
            "until_day": until,
            "person": text(person, "person"),
            "note": text(note, "note"),
            "created_at": store.utc_now(),
            **timing,
        },
    )


def edit_application(
    conn: Conn,
    app_id: int,
    *,
    on: date,
    changes: dict[str, object],
    skills: list[str] | None = None,
) -> list[str]:
    """Change fields; returns the names of the fields that changed (recorded as an event)."""
    app = get_application(conn, app_id, ("status", "applied_on", "via", *APP_FIELDS))
    if "applied_on" in changes and app["status"] == "saved":
        raise InputError(
            f"application {app_id} is saved, not applied; use: jobhunt status {app_id} applied"
        )
    wanted: dict[str, object] = {}
    for field, value in changes.items():
        if field in ("company", "role"):
            value = text(value, field, required=True)  # type: ignore[arg-type]
        elif field == "job_type":
            value = choice(value, "job type", JOB_TYPES)  # type: ignore[arg-type]
        elif field == "via":  # "" clears: not recorded
            value = choice(value or None, "method", APPLY_METHODS)  # type: ignore[arg-type]
        elif field in APP_FIELDS:
            value = text(value, field)  # type: ignore[arg-type]
        elif field != "applied_on":
            raise InputError(f"cannot edit {field}")
        wanted[field] = value
    values = changed_values(app, wanted)
    changed = list(values)
    if "applied_on" in values and values["applied_on"] is not None:
        new = stored(values["applied_on"])
        first = conn.execute(
            "SELECT min(on_day) FROM application_event WHERE application_id = ? "
            "AND kind IN ('follow_up', 'interview')",
            (app_id,),
        ).fetchone()[0]
        if first is not None and str(first) < new:
            raise InputError(
                f"applied date {new} is after this application's first follow-up or "
                f"interview ({first}); an application is applied for before it is followed up"
            )
    if "applied_on" in values:
        # Keep the history's "applied" day in step with the corrected date.
        day = stored(values["applied_on"])
        conn.execute(
            "UPDATE application_event SET on_day = ? "
            "WHERE application_id = ? AND kind = 'applied' AND on_day <> ?",
            (day, app_id, day),
        )
    if skills is not None and replace_skills(
        conn, "application_skill", "application_id", app_id, skill_names(skills), same=skill_key
    ):
        changed.append("skills")
    if changed:
        update(conn, "application", app_id, {**values, "updated_at": store.utc_now()})
        add_event(conn, app_id, kind="edit", on=on, note="changed " + ", ".join(changed))
    return changed


def set_status(
    conn: Conn,
    app_id: int,
    status: str,
    *,
    on: date,
    note: str | None = None,
    respond_by: date | None = None,
    job_type: str | None = None,
) -> tuple[str, int]:
    """Record a stage or outcome; returns the previous status and the event's id.

    An offer may carry the day it must be answered by (`respond_by`, kept as the event's
    `until`); an acceptance may give the job's type, which is then stored.
    """
    status = choice(status, "status", STATUSES)  # type: ignore[assignment]
    app = get_application(conn, app_id, ("status", "applied_on"))
    if respond_by is not None and respond_by < on:
        raise InputError(
            f"the offer must be answered by {respond_by.isoformat()}, before it was made "
            f"({on.isoformat()})"
        )
    values: dict[str, object] = {"status": status}
    if status == "applied" and app["applied_on"] is None:
        values["applied_on"] = on
    if job_type is not None:
        values["job_type"] = choice(job_type, "job type", JOB_TYPES)
    update(conn, "application", app_id, {**values, "updated_at": store.utc_now()})
    event_id = add_event(
        conn, app_id, kind="status", on=on, status=status, until=respond_by, note=note
    )
    return app["status"], event_id


def not_before_applied(conn: Conn, app_id: int, on: date, what: str) -> None:
    """A follow-up or an interview cannot come before the application it is about."""
    applied = get_application(conn, app_id, ("applied_on",))["applied_on"]
    if applied is not None and on.isoformat() < str(applied):
        raise InputError(
            f"{what} {on.isoformat()} is before you applied ({applied}); "
            f"to correct the applied date: jobhunt edit {app_id} --applied DATE"
        )


def add_interview(
    conn: Conn,
    app_id: int,
    *,
    on: date,
    today: date,
    person: str | None = None,
    note: str | None = None,
    at: str | None = None,
    minutes: int | None = None,
    place: str | None = None,
) -> int:
    """Record an interview, past or scheduled, with its time, length and place when
    given; a saved or applied job moves on to interviewing (on the interview day, or
    today for one still to come). Its event id."""
    status = get_application(conn, app_id, ("status",))["status"]
    not_before_applied(conn, app_id, on, "interview date")
    event_id = add_event(
        conn, app_id, kind="interview", on=on, person=person, note=note,
        at=at, minutes=minutes, place=place,
    )  # fmt: skip
    if status in ("saved", "applied"):
        set_status(conn, app_id, "interviewing", on=min(on, today))
    return event_id


def touch_application(conn: Conn, app_id: int) -> None:
    """Mark an application as changed now (a follow-up, a snooze)."""
    get_application(conn, app_id)
    update(conn, "application", app_id, {"updated_at": store.utc_now()})


def delete_application(conn: Conn, app_id: int) -> None:
    get_application(conn, app_id)
    delete(conn, "application", app_id)
