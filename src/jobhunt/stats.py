"""Statistics over the whole search: pure functions over plain records.

Nothing here reads the clock, the store or the terminal: `today` and the records are
passed in, so every number is tested as a table with fixed dates.

Definitions (documented in docs/backup-stats-config.md):

* **applied**: the application has an applied day (saved-only jobs are not counted),
  or reached a later stage;
* **responded**: the employer answered: an interview was recorded, or the status was
  ever interviewing, offer, accepted or rejected. Withdrawn and ghosted are not
  responses;
* **interviewed**: an interview was recorded (scheduled ones too), or the status was
  ever interviewing, offer or accepted;
* **offered**: the status was ever offer or accepted; **accepted**: ever accepted.

Each stage counts the applications that reached it *or any later one*, so the funnel
never widens. A rate whose denominator is zero is None (JSON null), never 0.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import median as _median

from jobhunt.dates import week_start
from jobhunt.records import Application

STAGES = ("applied", "responded", "interviewed", "offered", "accepted")
# Statuses that show the employer answered, and the furthest stage each one proves.
_STATUS_STAGE = {"rejected": 1, "interviewing": 2, "offer": 3, "accepted": 4}

ACTIVITY_KINDS = (
    "applications",
    "follow_ups",
    "interviews",
    "status_changes",
    "touches",
    "course_logs",
)
# Shades of the activity calendar: the least count for levels 1..4.
LEVELS = (1, 2, 4, 7)


# --------------------------------------------------------------------------- the funnel


def stage_reached(app: Application) -> int:
    """The furthest stage (index into STAGES) an application reached; -1 for none."""
    statuses = {e.status for e in app.events if e.kind == "status" and e.status}
    statuses.add(app.status)
    reached = max((_STATUS_STAGE.get(s, -1) for s in statuses), default=-1)
    if any(e.kind == "interview" for e in app.events):
        reached = max(reached, 2)
    if reached < 0 and app.applied_on is not None:
        reached = 0
    return reached


@dataclass(frozen=True, slots=True)
class Funnel:
    applied: int = 0
    responded: int = 0
    interviewed: int = 0
    offered: int = 0
    accepted: int = 0

    def counts(self) -> tuple[int, ...]:
        return tuple(getattr(self, s) for s in STAGES)

    def conversion(self) -> dict[str, float | None]:
        """Each stage as a share of the stage before it (None when that one is 0)."""
        counts = self.counts()
        return {STAGES[i]: rate(counts[i], counts[i - 1]) for i in range(1, len(STAGES))}

    def of_applied(self) -> dict[str, float | None]:
        """Each stage as a share of the applications."""
        return {s: rate(getattr(self, s), self.applied) for s in STAGES[1:]}


def rate(part: int, whole: int) -> float | None:
    """part / whole rounded to 4 places; None when whole is 0."""
    return round(part / whole, 4) if whole else None


def funnel(apps: Iterable[Application]) -> Funnel:
    counts = [0] * len(STAGES)
    for app in apps:
        for stage in range(stage_reached(app) + 1):
            counts[stage] += 1
    return Funnel(*counts)


def funnel_by(
    apps: Iterable[Application], key: Callable[[Application], str | None]
) -> list[tuple[str | None, Funnel]]:
    """The funnel per group (e.g. per source), groups with most applications first.

    Text keys are grouped ignoring case and surrounding spaces; a group is named by its
    first spelling. Applications that never reached 'applied' are left out.
    """
    groups: dict[str | None, list[Application]] = {}
    names: dict[str | None, str | None] = {}
    for app in apps:
        if stage_reached(app) < 0:
            continue
        raw = key(app)
        label = raw.strip() if raw else None
        norm = label.casefold() if label else None
        names.setdefault(norm, label)
        groups.setdefault(norm, []).append(app)
    result = [(names[k], funnel(v)) for k, v in groups.items()]
    result.sort(key=lambda item: (-item[1].applied, item[0] is None, (item[0] or "").casefold()))
    return result


# --------------------------------------------------------------------------- responses


def days_to_first_response(app: Application) -> int | None:
    """Days from applying to the first interview or response status change on or after
    the applied day; None if there is none (or no applied day). Undated entries (an
    import knew the status, not its day) are left out."""
    if app.applied_on is None:
        return None
    days = [
        (e.on - app.applied_on).days
        for e in app.events
        if e.dated  # a status imported without its day says nothing about timing
        and e.on >= app.applied_on
        and (e.kind == "interview" or (e.kind == "status" and e.status in _STATUS_STAGE))
    ]
    return min(days) if days else None


def median(values: Iterable[float]) -> float | None:
    """The median (the mean of the two middle values for an even count); None if empty."""
    values = list(values)
    return float(_median(values)) if values else None


@dataclass(frozen=True, slots=True)
class Responses:
    applied: int
    responded: int
    rate: float | None
    median_days: float | None  # to the first response, over those with a dated one
    measured: int  # how many responses had a dated first event


def responses(apps: Iterable[Application]) -> Responses:
    apps = list(apps)
    f = funnel(apps)
    days = [d for d in (days_to_first_response(a) for a in apps) if d is not None]
    return Responses(f.applied, f.responded, rate(f.responded, f.applied), median(days), len(days))


# --------------------------------------------------------------------------- weeks


@dataclass(frozen=True, slots=True)
class WeekCount:
    start: date
    applications: int
    target: int

    @property
    def on_target(self) -> bool:
        return self.applications >= self.target


def week_starts(*, today: date, weeks: int, first_weekday: int) -> list[date]:
    """The first days of the last `weeks` weeks, oldest first, ending with this week."""
    this = week_start(today, first_weekday)
    return [this - timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]


def weekly(
    apps: Iterable[Application], *, today: date, weeks: int, first_weekday: int, target: int
) -> list[WeekCount]:
    """Applications per week (by applied day) for the last `weeks` weeks."""
    starts = week_starts(today=today, weeks=weeks, first_weekday=first_weekday)
    counts = dict.fromkeys(starts, 0)
    for app in apps:
        if app.applied_on is not None and app.applied_on <= today:
            start = week_start(app.applied_on, first_weekday)
            if start in counts:
                counts[start] += 1
    return [WeekCount(s, counts[s], target) for s in starts]


# --------------------------------------------------------------------------- activity


def actions_of(app: Application) -> list[tuple[date, str]]:
    """(day, kind) of each thing done for one application.

    The application itself counts on its applied day; follow-ups and interviews on
    their days; status changes too, except to 'applied' (that is the application) and
    to 'interviewing' when an interview is recorded (the interview command sets it).
    """
    found: list[tuple[date, str]] = []
    if app.applied_on is not None:
        found.append((app.applied_on, "applications"))
    has_interview = any(e.kind == "interview" for e in app.events)
    for e in app.events:
        if not e.dated:
            continue  # it happened, but not on the day it was stored (an import's)
        if e.kind == "follow_up":
            found.append((e.on, "follow_ups"))
        elif e.kind == "interview":
            found.append((e.on, "interviews"))
        elif e.kind == "status" and e.status not in (None, "saved", "applied"):
            if e.status == "interviewing" and has_interview:
                continue
            found.append((e.on, "status_changes"))
    return found


def level(count: int) -> int:
    """The calendar shade for a day's count: 0 (nothing) to 4 (7 or more)."""
    return sum(1 for least in LEVELS if count >= least)


@dataclass(frozen=True, slots=True)
class Calendar:
    """Days of the last N weeks; `rows[i][w]` is weekday row i (from the first weekday)
    of week w, None for days after today."""

    starts: tuple[date, ...]
    rows: tuple[tuple[int | None, ...], ...]
    days: tuple[tuple[date, dict[str, int]], ...]  # every day up to today, by kind

    @property
    def total(self) -> int:
        return sum(sum(kinds.values()) for _, kinds in self.days)


def calendar(
    apps: Iterable[Application],
    other: Iterable[tuple[date, str]],
    *,
    today: date,
    weeks: int,
    first_weekday: int,
) -> Calendar:
    """The activity calendar: actions per day for the last `weeks` weeks up to today.

    `other` holds (day, kind) of actions outside applications ("touches",
    "course_logs"; the store's kinds "touch"/"course_log" are accepted too).
    """
    starts = week_starts(today=today, weeks=weeks, first_weekday=first_weekday)
    first = starts[0] if starts else today + timedelta(days=1)
    per_day: dict[date, dict[str, int]] = {}
    day = first
    while day <= today:
        per_day[day] = dict.fromkeys(ACTIVITY_KINDS, 0)
        day += timedelta(days=1)
    alias = {"touch": "touches", "course_log": "course_logs"}
    items = [item for app in apps for item in actions_of(app)]
    items += [(d, alias.get(kind, kind)) for d, kind in other]
    for d, kind in items:
        if d in per_day and kind in per_day[d]:
            per_day[d][kind] += 1
    rows = tuple(
        tuple(
            sum(per_day[d].values()) if (d := s + timedelta(days=i)) in per_day else None
            for s in starts
        )
        for i in range(7)
    )
    return Calendar(tuple(starts), rows, tuple(per_day.items()))
