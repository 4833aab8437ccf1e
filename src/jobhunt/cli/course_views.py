"""How the course commands show a course: its JSON view, its log's totals, labels."""

from __future__ import annotations

from typing import TYPE_CHECKING

from jobhunt.cli._common import policy
from jobhunt.validate import DAY_KEYS

if TYPE_CHECKING:
    from datetime import date

    from jobhunt.records import Course


def day_names(days: tuple[int, ...]) -> list[str]:
    return [DAY_KEYS[d] for d in days]


def hours_text(value: float | None) -> str:
    """2.0 -> '2', 1.5 -> '1.5' (no float noise)."""
    return "" if value is None else f"{round(value, 2):g}"


def view(course: Course) -> dict:
    """The stable JSON shape of a course (version 1): days as names (mon..sun)."""
    from jobhunt.render import jsonable

    data = jsonable(course)
    data["days"] = day_names(course.days)
    return data


def log_view(row: tuple) -> dict:
    return {"id": row[0], "on": row[1], "hours": row[2], "progress": row[3], "note": row[4]}


def totals(logs: list[tuple]) -> tuple[float, int | None]:
    """(total hours, latest progress) of a course's log, oldest first."""
    total = round(sum(r[2] for r in logs if r[2] is not None), 2)
    progress = [r[3] for r in logs if r[3] is not None]
    return total, (progress[-1] if progress else None)


def next_nudge(course: Course) -> date | None:
    from datetime import timedelta

    from jobhunt.rules.learning import idle_basis

    idle = policy().course_idle_days
    if course.status != "active" or idle <= 0:
        return None
    return idle_basis(course)[0] + timedelta(days=idle)


def label(course: Course) -> str:
    from jobhunt.render import clean

    provider = f" ({clean(course.provider)})" if course.provider else ""
    return f"{clean(course.title)}{provider}"
