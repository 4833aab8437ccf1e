"""The rules' shared vocabulary: what an action is, the numbers every rule reads.

`Action` is one thing to do (or know) today, in one of the five habit `SECTIONS`;
`Policy` holds every number the rules use, with the defaults docs/rules.md documents.
`nudge_allowed` keeps weekly suggestions to once a week, `search_ended_by` finds the
accepted full-time job that ends the search, and `accepted_on` the day it was accepted.
This module imports no other rule module: the habits build on it, never the other way
round.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from jobhunt.records import Application, Snapshot

# Weekly targets: listed after the dated items of their section, before suggestions,
# and labelled "by DATE" (the end of the week) every day of the week.
TARGET_KINDS = ("apply", "apply_saved", "network_target")

SECTIONS = ("wind_down", "follow_up", "apply", "network", "learn", "active")
SECTION_TITLES = {
    "wind_down": "Wind down",
    "follow_up": "Follow up",
    "apply": "Apply",
    "network": "Network",
    "learn": "Learn",
    "active": "Stay active",
}

DEFAULT_CADENCE = {
    "recruiter": 14,
    "recruitment-firm": 14,
    "hiring-manager": 30,
    "referral": 21,
    "peer": 30,
    "industry-leader": 60,
    "other": 45,
}


@dataclass(frozen=True, slots=True)
class Policy:
    """Every number the rules use. Defaults are documented in docs/rules.md."""

    follow_up_after_days: int = 7  # after applying: one email or mailed note
    thank_you_after_days: int = 1  # after an interview: a thank-you note
    check_in_every_days: int = 7  # after an interview: phone + note weekly
    ghost_after_days: int = 30  # no response this long after applying
    interview_notice_days: int = 1  # show a scheduled interview this many days ahead
    weekly_applications: int = 5
    first_weekday: int = 0  # 0 = Monday
    saved_suggestions: int = 3  # saved jobs suggested while under target
    weekly_touches: int = 3
    cadence_days: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_CADENCE))
    step_up_factor: float = 0.5  # cadence multiplier while an interview/offer is pending
    find_contact_max: int = 3  # "find someone at X" suggestions a day
    find_contact_every_days: int = 14  # one company suggested at most this often
    touches_per_day: int = 5  # contacts listed a day; the rest are counted in one line
    event_notice_days: int = 1
    course_idle_days: int = 7
    keep_active_after_days: int = 28
    wind_down_days: int = 7  # after accepting a full-time job: withdraw the rest, thank people
    offer_touches_factor: float = 2.0  # weekly_touches multiplier while an offer is pending
    follow_ups_per_day: int = 10  # follow-ups listed a day; the rest counted in one line
    reminder_minutes: int = 60  # a timed interview's calendar reminder, before it (0 = none)

    @property
    def lookback_days(self) -> int:
        """How far back the snapshot must reach for the rules that count recent facts."""
        return max(self.keep_active_after_days, 7) + 7


@dataclass(frozen=True, slots=True)
class Action:
    """One thing to do (or know) today."""

    kind: str
    section: str
    due: date
    message: str
    why: str
    overdue_days: int = 0
    stage: str | None = None
    channels: tuple[str, ...] = ()
    application_id: int | None = None
    contact_id: int | None = None
    course_id: int | None = None
    event_id: int | None = None
    command: str | None = None
    nudge_key: str | None = None  # weekly suggestions: shown at most once a week
    rank: int = 50  # tie-break inside a section; lower comes first
    answer: str | None = None  # the command that answers a suggestion ("not now", "skip")
    nudge_days: int = 7  # a suggestion with a nudge_key waits this many days once shown


def nudge_allowed(action: Action, shown: dict[str, date], today: date) -> bool:
    """Suggestions appear at most once every `nudge_days` (7: weekly; again the same
    day is fine)."""
    if action.nudge_key is None:
        return True
    last = shown.get(action.nudge_key)
    return last is None or last == today or (today - last).days >= action.nudge_days or last > today


def search_ended_by(snapshot: Snapshot) -> Application | None:
    """The accepted full-time job that ends the search (the earliest accepted, if several).

    Part-time, contract and temporary work keep the search going, and so does an
    accepted job whose type was never given: jobhunt does not guess that it is full-time.
    """
    ended = [a for a in snapshot.accepted if a.job_type == "full-time"]
    return min(ended, key=lambda a: (accepted_on(a) or date.min, a.id)) if ended else None


def accepted_on(app: Application) -> date | None:
    """The day an application was accepted: its latest 'accepted' status."""
    days = [e.on for e in app.events if e.kind == "status" and e.status == "accepted"]
    return max(days) if days else None
