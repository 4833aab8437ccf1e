"""The learning habit: pure rules for courses and skill gaps (the contract: rules/__init__.py).

Four rules yield `Action`s in the "learn" section; `learning_actions` adds the fifth,
the keep-active rule of the "active" section (it lives in active.py):

1. ``course_session``: an active course shows on each of its weekly session days
   (``--days``), from its start (else the day it was added) to its end, inclusive;
   no end means open-ended.
2. ``course_nudge``: an active course with nothing logged for ``course_idle_days``
   (7) days. The clock counts from the latest of: the last log, the start day, the
   day it was added. A basis in the future (a course not started yet) is never due.
3. ``skill_gap``: the skill most asked for by your active applications (open and
   not merely saved), counted case-insensitively, ranked by how many ask (ties
   alphabetical), leaving out skills you have and skills covered by an active or
   finished course. A weekly suggestion (``skill_gap:<skill>``).
4. ``start_course``: no active course while you have open applications: start one,
   in the top skill gap when there is one (that gap is then told here, not again as
   a ``skill_gap`` line). A weekly suggestion (``start_course``).
5. ``stay_active`` (active.py): ``keep_active_after_days`` (28) days into the search with
   no offer and no recent part-time, contract or temporary application: suggest one.

Once an accepted permanent offer ends the search (`base.search_ended_by`), only the
course sessions remain. Nothing here reads the clock, the store or the terminal.
"""

from __future__ import annotations

import shlex
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from jobhunt.records import Application, Course, Snapshot
from jobhunt.rules.active import stay_active
from jobhunt.rules.base import Action, Policy, search_ended_by

DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def learning_actions(snapshot: Snapshot, *, today: date, policy: Policy) -> Iterator[Action]:
    """Every learning and keep-active action for `today`."""
    active = [c for c in snapshot.courses if c.status == "active"]
    for course in active:
        yield from course_sessions(course, today=today)
    if search_ended_by(snapshot) is not None:
        return
    for course in active:
        yield from course_nudges(course, today=today, policy=policy)
    gaps = skill_gaps(snapshot)
    top = gaps[0] if gaps else None
    if active or not snapshot.open_applications:
        if top is not None:
            yield _skill_gap_action(top, today=today)
    else:
        yield _start_course_action(top, snapshot, today=today)
    yield from stay_active(snapshot, today=today, policy=policy)


# --------------------------------------------------------------------------- courses


def course_start(course: Course) -> date:
    """The day a course counts from: its start day, else the day it was added."""
    return course.starts_on or course.added_on


def day_list(days: Iterable[int]) -> str:
    """Weekday numbers as names: (1, 3) -> 'Tue, Thu'."""
    return ", ".join(DAY_NAMES[d] for d in sorted(set(days)))


def _label(course: Course) -> str:
    return f"{course.title} ({course.provider})" if course.provider else course.title


def course_sessions(course: Course, *, today: date) -> Iterator[Action]:
    """Rule 1: a session today, on one of the course's weekdays, inside its dates."""
    if course.status != "active" or today.weekday() not in course.days:
        return
    start = course_start(course)
    if today < start or (course.ends_on is not None and today > course.ends_on):
        return
    until = f" to {course.ends_on.isoformat()}" if course.ends_on else ""
    yield Action(
        kind="course_session",
        section="learn",
        due=today,
        message=f"Course session today: {_label(course)}",
        why=f"weekly sessions on {day_list(course.days)} from {start.isoformat()}{until}",
        course_id=course.id,
        command=f"jobhunt course log {course.id}",
        rank=0,
    )


def idle_basis(course: Course) -> tuple[date, str]:
    """Rule 2's clock: (the day it counts from, what that day is)."""
    candidates = [(course.added_on, "added")]
    if course.starts_on is not None:
        candidates.append((course.starts_on, "started"))
    if course.last_log is not None:
        candidates.append((course.last_log, "last logged"))
    # The latest wins; on a tie, the last log (then the start) names it.
    return max(candidates, key=lambda c: c[0])


def course_nudges(course: Course, *, today: date, policy: Policy) -> Iterator[Action]:
    """Rule 2: nothing logged for `course_idle_days` days."""
    if course.status != "active" or policy.course_idle_days <= 0:
        return
    basis, what = idle_basis(course)
    due = basis + timedelta(days=policy.course_idle_days)
    if due > today:
        return
    idle = (today - basis).days
    ends = course.ends_on
    if ends is not None and ends < today:
        message = (
            f"{course.title} ended on {ends.isoformat()}: log your last progress and mark it done"
        )
        command = f"jobhunt course done {course.id}"
    else:
        message = f"Log progress on {course.title}: nothing logged for {idle} days"
        command = f"jobhunt course log {course.id}"
    yield Action(
        kind="course_nudge",
        section="learn",
        due=due,
        message=message,
        why=(
            f"{what} {basis.isoformat()}; a nudge after {policy.course_idle_days} days "
            "with nothing logged"
        ),
        course_id=course.id,
        command=command,
        rank=10,
    )


# --------------------------------------------------------------------------- skills


@dataclass(frozen=True, slots=True)
class SkillGap:
    """A skill your active applications ask for that nothing you have or study covers."""

    skill: str  # as first written (by the oldest application asking for it)
    count: int  # active applications asking for it
    of: int  # all active applications
    since: date | None  # the earliest applied day among those asking


def active_applications(applications: Iterable[Application]) -> list[Application]:
    """Open applications you actually sent (not merely saved), oldest id first."""
    return sorted(
        (a for a in applications if a.is_open and a.status != "saved"), key=lambda a: a.id
    )


def covered_skills(snapshot: Snapshot) -> set[str]:
    """Skills you have, or study in an active or finished course (lower case)."""
    covered = {s.casefold() for s in snapshot.skills}
    for course in snapshot.courses:
        if course.status in ("active", "done"):
            covered.update(s.casefold() for s in course.skills)
    return covered


def skill_gaps(snapshot: Snapshot) -> list[SkillGap]:
    """Rule 3: uncovered skills, most asked for first (ties alphabetical)."""
    apps = active_applications(snapshot.open_applications)
    covered = covered_skills(snapshot)
    spelling: dict[str, str] = {}
    asking: dict[str, list[Application]] = {}
    for app in apps:
        seen: set[str] = set()  # one application counts once per skill, whatever the case
        for name in app.skills:
            key = name.casefold()
            if key in covered or key in seen:
                continue
            seen.add(key)
            spelling.setdefault(key, name)
            asking.setdefault(key, []).append(app)
    gaps = []
    for key in sorted(asking, key=lambda k: (-len(asking[k]), k)):
        days = [a.applied_on for a in asking[key] if a.applied_on is not None]
        gaps.append(SkillGap(spelling[key], len(asking[key]), len(apps), min(days, default=None)))
    return gaps


def _asks(gap: SkillGap, what: str | None = None) -> str:
    """'4 of your 6 active applications ask for SQL' (or for `what`)."""
    noun = "application" if gap.of == 1 else "applications"
    verb = "asks" if gap.count == 1 else "ask"
    return f"{gap.count} of your {gap.of} active {noun} {verb} for {what or gap.skill}"


def _since(gap: SkillGap) -> str:
    return f" (asked since {gap.since.isoformat()})" if gap.since else ""


def _skill_gap_action(gap: SkillGap, *, today: date) -> Action:
    return Action(
        kind="skill_gap",
        section="learn",
        due=today,
        message=f"{_asks(gap)}; nothing you have or study covers it",
        why=(
            f"the skill your active applications ask for most{_since(gap)}; already have it? "
            f"jobhunt skills add {shlex.quote(gap.skill)}"
        ),
        command=f"jobhunt course add TITLE --skill {shlex.quote(gap.skill)}",
        nudge_key=f"skill_gap:{gap.skill.lower()}",
        rank=80,
    )


def _start_course_action(gap: SkillGap | None, snapshot: Snapshot, *, today: date) -> Action:
    searching = (
        f"searching since {snapshot.search_started.isoformat()}"
        if snapshot.search_started
        else "you have open applications"
    )
    if gap is not None:
        message = f"Start a course in {gap.skill}: {_asks(gap, 'it')}, and you study nothing now"
        command = f"jobhunt course add TITLE --skill {shlex.quote(gap.skill)}"
        why = f"no active course; {searching}; {gap.skill} is the skill they ask for most"
    else:
        message = "Start a course: learning keeps your skills current while you search"
        command = "jobhunt course add TITLE"
        why = f"no active course; {searching}"
    return Action(
        kind="start_course",
        section="learn",
        due=today,
        message=message,
        why=why,
        command=command,
        nudge_key="start_course",
        rank=85,
    )
