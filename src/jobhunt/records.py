"""Frozen plain records: what the store hands to the rules and the renderers.

No ORM objects cross this line, so the rules stay pure and the read path can use
plain SQL. Every field is a plain Python value (str, int, float, date, tuple).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

# The stored forms live in choices.py (cheap to import for --help); re-exported here.
from jobhunt.choices import (
    APPLY_METHODS,
    CLOSED_STATUSES,
    CONTACT_KINDS,
    COURSE_KINDS,
    COURSE_STATUSES,
    EVENT_KINDS,
    FOLLOW_UP_CHANNELS,
    JOB_TYPES,
    LINK_ROLES,
    MEETUP_KINDS,
    OPEN_STATUSES,
    OUTCOME_STATUSES,
    STATUSES,
    STAY_ACTIVE_TYPES,
    TOUCH_CHANNELS,
)

__all__ = [
    "APPLY_METHODS",
    "CLOSED_STATUSES",
    "CONTACT_KINDS",
    "COURSE_KINDS",
    "COURSE_STATUSES",
    "EVENT_KINDS",
    "FOLLOW_UP_CHANNELS",
    "JOB_TYPES",
    "LINK_ROLES",
    "MEETUP_KINDS",
    "OPEN_STATUSES",
    "OUTCOME_STATUSES",
    "STATUSES",
    "STAY_ACTIVE_TYPES",
    "TOUCH_CHANNELS",
]


@dataclass(frozen=True, slots=True)
class Event:
    """One dated entry in an application's history."""

    id: int
    application_id: int
    kind: str
    on: date
    channel: str | None = None
    status: str | None = None
    until: date | None = None
    person: str | None = None
    note: str | None = None
    dated: bool = True  # False: an import knew only that it happened, not the day
    # The contacts who took part (interview --with, log --with), by id.
    people: tuple[int, ...] = ()
    at: str | None = None  # HH:MM of a timed interview
    minutes: int | None = None
    place: str | None = None  # a place or a meeting link

    @property
    def day_shown(self) -> str:
        return self.on.isoformat() if self.dated else "date unknown"


@dataclass(frozen=True, slots=True)
class Application:
    id: int
    company: str
    role: str
    status: str
    applied_on: date | None
    job_type: str | None = None
    source: str | None = None
    url: str | None = None
    location: str | None = None
    salary: str | None = None
    note: str | None = None
    skills: tuple[str, ...] = ()
    events: tuple[Event, ...] = ()
    created_at: str = ""
    updated_at: str = ""
    via: str | None = None  # how it was sent (APPLY_METHODS); None: not recorded

    @property
    def is_open(self) -> bool:
        return self.status not in CLOSED_STATUSES


@dataclass(frozen=True, slots=True)
class AppliedDay:
    """A compact fact about a recent application, open or closed (targets count these)."""

    application_id: int
    applied_on: date
    job_type: str | None
    status: str


@dataclass(frozen=True, slots=True)
class Interaction:
    id: int
    contact_id: int
    via: str
    on: date
    note: str | None = None
    informational: bool = False  # marked an informational meeting (contact touch --informational)


@dataclass(frozen=True, slots=True)
class Link:
    contact_id: int
    application_id: int
    role: str


@dataclass(frozen=True, slots=True)
class Contact:
    id: int
    name: str
    company: str | None
    kind: str
    added_on: date
    title: str | None = None
    email: str | None = None
    phone: str | None = None
    url: str | None = None
    met: str | None = None
    every_days: int | None = None
    note: str | None = None
    met_at_event_id: int | None = None
    last_touch: date | None = None
    created_at: str = ""
    # False: no stay-in-touch schedule (an imported connection, until touched or --every).
    keep_in_touch: bool = True
    due_from: date | None = None  # never due before this day (import linkedin --cadence)


@dataclass(frozen=True, slots=True)
class Dismissal:
    """An answer to a suggestion, given on `on`: a contact not now (`contact snooze`),
    or a company whose find-a-contact suggestion is skipped (`skip company`). The
    suggestion is back on `until` (None: for good)."""

    id: int
    contact_id: int | None
    company: str | None
    on: date
    until: date | None = None

    def holds(self, today: date) -> bool:
        """Given by `today` and not over yet: the suggestion stays away today."""
        return self.on <= today and (self.until is None or today < self.until)


@dataclass(frozen=True, slots=True)
class Meetup:
    """A networking event (business event, meetup, career fair, webinar...)."""

    id: int
    title: str
    on: date
    kind: str
    place: str | None = None
    note: str | None = None
    attended: bool | None = None  # None: not said (event attended ID [--no])


@dataclass(frozen=True, slots=True)
class Course:
    id: int
    title: str
    status: str
    added_on: date
    provider: str | None = None
    kind: str | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    days: tuple[int, ...] = ()  # weekdays, 0 = Monday
    hours_per_week: float | None = None
    cost: str | None = None
    url: str | None = None
    note: str | None = None
    skills: tuple[str, ...] = ()
    last_log: date | None = None
    created_at: str = ""


@dataclass(frozen=True, slots=True)
class Gone:
    """Something deleted (or a course closed) that a calendar export may have published:
    a row of `calendar_gone`, kept 30 days."""

    kind: str  # application | application_event | meetup | course
    record_id: int
    gone_at: str  # ISO 8601 UTC
    parent_id: int | None = None  # the application of a history entry
    on: date | None = None  # the entry's day, the applied day, the course's first day
    until: date | None = None  # a snooze's end, a course's last day
    status: str | None = None  # a course's: RESCHEDULED when an edit changed its sessions
    detail: str | None = None  # event kind; "company — role"; meetup title; "days|title"


# calendar_gone.status of a course whose days or dates an edit changed (the row keeps the
# schedule a calendar export may have published)
RESCHEDULED = "rescheduled"


@dataclass(frozen=True, slots=True)
class Snapshot:
    """Everything the rules need for one day, and nothing they do not."""

    open_applications: tuple[Application, ...] = ()
    recent: tuple[AppliedDay, ...] = ()
    accepted: tuple[Application, ...] = ()
    search_started: date | None = None
    contacts: tuple[Contact, ...] = ()
    touches: tuple[Interaction, ...] = ()  # recent interactions (for the weekly target)
    links: tuple[Link, ...] = ()
    meetups: tuple[Meetup, ...] = ()
    courses: tuple[Course, ...] = ()
    skills: tuple[str, ...] = ()
    nudges: dict[str, date] = field(default_factory=dict)
    dismissals: tuple[Dismissal, ...] = ()  # answers given on or before the day


@dataclass(frozen=True, slots=True)
class WeekFacts:
    """What was done in one week, counted by the store for the weekly review."""

    start: date
    end: date
    applied: int = 0
    follow_ups: int = 0
    interviews: int = 0
    touches: int = 0
    learning_hours: float = 0.0
    learning_logs: int = 0
    planned_hours: float = 0.0  # the weekly hours of the courses active that week
    active_work: tuple[Application, ...] = ()  # open or accepted stay-active jobs
