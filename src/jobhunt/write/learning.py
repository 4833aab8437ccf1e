"""Writing what you learn: courses, their log, and the skills you have."""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date

from jobhunt import store
from jobhunt.errors import InputError, NotFound
from jobhunt.records import COURSE_KINDS, COURSE_STATUSES, RESCHEDULED
from jobhunt.validate import choice, skill_key, skill_names, text
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

COURSE_FIELDS = ("title", "provider", "kind", "cost", "url", "note")
_COLUMNS = (*COURSE_FIELDS, "starts_on", "ends_on", "days", "hours_per_week", "status")


def get_course(conn: Conn, course_id: int, columns: Iterable[str] = ("id",)) -> dict:
    hint = "see the ids with: jobhunt course list"
    return require(conn, "course", course_id, "course", hint, columns)


def stored_days(days: Iterable[int]) -> str | None:
    """Weekday numbers as stored: '1,3' (sorted, once each), or None for none."""
    return ",".join(str(d) for d in sorted(set(days))) or None


def add_course(
    conn: Conn,
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
) -> int:
    """Record a course; its id. `fields` are the other text fields by name."""
    assert set(fields) <= set(COURSE_FIELDS), fields  # column names, from code only
    _check_course_dates(starts_on, ends_on)
    _check_non_negative(hours_per_week, "hours")
    values = {
        "title": text(title, "title", required=True),
        "kind": choice(kind, "course kind", COURSE_KINDS),
        "starts_on": starts_on,
        "ends_on": ends_on,
        "days": stored_days(days),
        "hours_per_week": hours_per_week,
        "added_on": added_on,
        "created_at": store.utc_now(),
        **{k: text(v, k) for k, v in fields.items()},
    }
    names = skill_names(skills)
    course_id = insert(conn, "course", values)
    insert_rows(conn, "course_skill", ("course_id", "skill"), ((course_id, s) for s in names))
    return course_id


def _check_course_dates(starts_on: date | str | None, ends_on: date | str | None) -> None:
    starts, ends = stored(starts_on), stored(ends_on)
    if starts and ends and ends < starts:  # type: ignore[operator]
        raise InputError(f"the course ends ({ends}) before it starts ({starts})")


def _check_non_negative(value: float | None, field: str) -> None:
    if value is not None and not 0 <= value < math.inf:
        raise InputError(f"{field} must be a number of 0 or more")


def edit_course(
    conn: Conn, course_id: int, changes: dict[str, object], skills: list[str] | None = None
) -> list[str]:
    """Change fields; returns the names of those that changed."""
    row = get_course(conn, course_id, _COLUMNS)
    wanted: dict[str, object] = {}
    for field, value in changes.items():
        if field == "title":
            value = text(value, "title", required=True)  # type: ignore[arg-type]
        elif field == "kind":
            value = choice(value, "course kind", COURSE_KINDS)  # type: ignore[arg-type]
        elif field == "days":
            value = stored_days(value)  # type: ignore[arg-type]
        elif field == "hours_per_week":
            _check_non_negative(value, "hours")  # type: ignore[arg-type]
        elif field in ("starts_on", "ends_on"):
            pass
        elif field in COURSE_FIELDS:
            value = text(value, field)  # type: ignore[arg-type]
        else:
            raise InputError(f"cannot edit {field}")
        wanted[field] = value
    values = changed_values(row, wanted)
    merged = {**row, **values}
    _check_course_dates(merged["starts_on"], merged["ends_on"])  # type: ignore[arg-type]
    if row["status"] == "active" and {"days", "starts_on", "ends_on"} & set(values):
        _keep_old_schedule(conn, course_id, row)
    update(conn, "course", course_id, values)
    changed = list(values)
    if skills is not None and replace_skills(
        conn, "course_skill", "course_id", course_id, skill_names(skills), same=skill_key
    ):
        changed.append("skills")
    return changed


def _keep_old_schedule(conn: Conn, course_id: int, row: dict) -> None:
    """Remember the schedule a calendar export may have published (as the triggers do
    for a course deleted, finished or dropped), so its sessions that are no longer due
    are published as cancelled. The time is the clock's, like the triggers'."""
    from datetime import UTC, datetime

    first = row["starts_on"] or get_course(conn, course_id, ("added_on",))["added_on"]
    insert(
        conn,
        "calendar_gone",
        {
            "kind": "course",
            "record_id": course_id,
            "on_day": first,
            "until_day": row["ends_on"],
            "status": RESCHEDULED,
            "detail": f"{row['days'] or ''}|{row['title']}",
            "gone_at": datetime.now(UTC).isoformat(timespec="seconds"),
        },
    )


def log_course(
    conn: Conn,
    course_id: int,
    *,
    on: date,
    hours: float | None = None,
    progress: int | None = None,
    note: str | None = None,
) -> int:
    """Record time spent on a course or how far through it you are; the entry's id."""
    get_course(conn, course_id)
    _check_non_negative(hours, "hours")
    if progress is not None and not 0 <= progress <= 100:
        raise InputError("progress must be a percentage from 0 to 100")
    return insert(
        conn,
        "course_log",
        {
            "course_id": course_id,
            "on_day": on,
            "hours": hours,
            "progress": progress,
            "note": text(note, "note"),
            "created_at": store.utc_now(),
        },
    )


def set_course_status(conn: Conn, course_id: int, status: str) -> str:
    """Mark a course active, done or dropped; returns its previous status."""
    assert status in COURSE_STATUSES
    previous = get_course(conn, course_id, ("status",))["status"]
    if previous != status:
        update(conn, "course", course_id, {"status": status})
    return previous


def delete_course(conn: Conn, course_id: int) -> None:
    get_course(conn, course_id)
    delete(conn, "course", course_id)


def _skills_by_key(conn: Conn) -> dict[str, str]:
    """Your skills by skill_key: the same test of sameness on both backends."""
    return {skill_key(name): name for (name,) in conn.execute("SELECT name FROM skill")}


def add_skills(conn: Conn, names: Iterable[str], *, on: date) -> list[str]:
    """Add skills you have; returns those that were new."""
    have = _skills_by_key(conn)
    added = [name for name in skill_names(names) if skill_key(name) not in have]
    insert_rows(conn, "skill", ("name", "added_on"), ((name, on) for name in added))
    return added


def remove_skills(conn: Conn, names: Iterable[str]) -> list[str]:
    """Remove skills you have; NotFound for one you do not have (nothing is removed)."""
    have = _skills_by_key(conn)
    removed = []
    for name in skill_names(names):
        stored_name = have.get(skill_key(name))
        if stored_name is None:
            raise NotFound(
                f"you have no skill named {name!r}", hint="see them with: jobhunt skills list"
            )
        removed.append(stored_name)
    conn.executemany("DELETE FROM skill WHERE name = ?", [(n,) for n in removed])
    return removed
