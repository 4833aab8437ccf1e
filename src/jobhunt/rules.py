"""The rules: a pure function from a day's snapshot to that day's actions.

`plan(snapshot, today=..., policy=...)` never reads the clock, the database or the
terminal. Every action says why it is due: the rule, and the date it counts from.
Each rule is documented in the README with its default, and tested as a table.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from jobhunt.dates import week_start
from jobhunt.records import (
    OUTCOME_STATUSES,
    STAY_ACTIVE_TYPES,
    Application,
    Event,
    Snapshot,
    WeekFacts,
)

SECTIONS = ("follow_up", "apply", "network", "learn", "active")
SECTION_TITLES = {
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
    """Every number the rules use. Defaults are documented in the README."""

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
    touches_per_day: int = 5  # contacts listed a day; the rest are counted in one line
    event_notice_days: int = 1
    course_idle_days: int = 7
    keep_active_after_days: int = 28

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


def plan(snapshot: Snapshot, *, today: date, policy: Policy | None = None) -> tuple[Action, ...]:
    """All actions for `today`, grouped by section and most urgent first within each."""
    policy = policy or Policy()
    found: list[Action] = []
    for app in snapshot.open_applications:
        found.extend(application_actions(app, today=today, policy=policy))
    found.extend(apply_actions(snapshot, today=today, policy=policy))
    # Networking, learning and staying active live in their own pure modules.
    from jobhunt import rules_learning, rules_network

    found.extend(rules_network.network_actions(snapshot, today=today, policy=policy))
    found.extend(rules_learning.learning_actions(snapshot, today=today, policy=policy))
    found = [a for a in found if nudge_allowed(a, snapshot.nudges, today)]
    # Suggestions (weekly nudges) are never "overdue": one line, not a nag, listed last.
    found = [
        a if a.nudge_key else replace(a, overdue_days=max(0, (today - a.due).days)) for a in found
    ]
    order = {name: i for i, name in enumerate(SECTIONS)}
    found.sort(
        key=lambda a: (
            order[a.section],
            a.nudge_key is not None,
            -a.overdue_days,
            a.due,
            a.rank,
            a.application_id or a.contact_id or a.course_id or a.event_id or 0,
        )
    )
    return tuple(found)


def nudge_allowed(action: Action, shown: dict[str, date], today: date) -> bool:
    """Weekly suggestions appear at most once every 7 days (again the same day is fine)."""
    if action.nudge_key is None:
        return True
    last = shown.get(action.nudge_key)
    return last is None or last == today or (today - last).days >= 7 or last > today


# --------------------------------------------------------------------------- follow-ups


def _of(events: Iterable[Event], kind: str) -> list[Event]:
    return sorted((e for e in events if e.kind == kind), key=lambda e: (e.on, e.id))


def _snoozed_until(app: Application, *, since: date | None = None) -> date | None:
    """The latest snooze's day, counting only snoozes made on or after `since`."""
    snoozes = [e for e in _of(app.events, "snooze") if since is None or e.on >= since]
    return snoozes[-1].until if snoozes else None


def application_actions(app: Application, *, today: date, policy: Policy) -> Iterator[Action]:
    """Follow-ups, interview notices and the ghosted suggestion due today for one application."""
    for action in follow_up_candidates(app, today=today, policy=policy):
        if action.due <= today or action.kind == "interview":
            yield action


def next_follow_up(app: Application, *, today: date, policy: Policy) -> date | None:
    """When the next follow-up falls due (possibly already past), or None."""
    dues = [
        a.due
        for a in follow_up_candidates(app, today=today, policy=policy)
        if a.kind == "follow_up"
    ]
    return min(dues) if dues else None


def follow_up_candidates(app: Application, *, today: date, policy: Policy) -> Iterator[Action]:
    """Every follow-up this application is waiting for, due or not yet due."""
    if not app.is_open or app.status == "saved":
        return
    who = f"{app.company} ({app.role})"
    interviews = _of(app.events, "interview")
    follow_ups = _of(app.events, "follow_up")
    snooze = _snoozed_until(app)

    def hold(due: date) -> date:
        return max(due, snooze) if snooze else due

    # A scheduled interview appears the day before and on its day.
    for iv in interviews:
        if 0 <= (iv.on - today).days <= policy.interview_notice_days:
            when = "today" if iv.on == today else f"on {iv.on.isoformat()}"
            yield Action(
                kind="interview",
                section="follow_up",
                due=iv.on,
                message=f"Interview {when} with {who}",
                why=f"interview scheduled for {iv.on.isoformat()}",
                application_id=app.id,
                command=f"jobhunt show {app.id}",
                rank=0,
            )

    if app.status in OUTCOME_STATUSES:
        return  # the outcome is known (an offer too): nothing left to chase
    past = [iv for iv in interviews if iv.on < today]
    if past:
        # A snooze made before the latest interview does not hold back its follow-ups.
        later = _snoozed_until(app, since=past[-1].on)

        def hold_after(due: date) -> date:
            return max(due, later) if later else due

        yield from _after_interview(app, past[-1], follow_ups, hold_after, today, policy, who)
        return
    if interviews:
        return  # the first interview is still ahead: nothing to chase meanwhile

    if app.applied_on is None:
        return
    if not follow_ups:
        yield Action(
            kind="follow_up",
            stage="after_apply",
            section="follow_up",
            due=hold(app.applied_on + timedelta(days=policy.follow_up_after_days)),
            channels=("email", "note"),
            message=f"Follow up on your application to {who}: one email or mailed note",
            why=(
                f"applied {app.applied_on.isoformat()}; one follow-up "
                f"{policy.follow_up_after_days} days after applying"
            ),
            application_id=app.id,
            command=f"jobhunt log {app.id} --via email",
            rank=10,
        )
        return
    # Rule 3: no response long after applying, follow-up done: suggest ghosted, weekly.
    responded = app.status != "applied" or any(
        e.kind == "status" and e.status not in (None, "applied") for e in app.events
    )
    if not responded:
        yield Action(
            kind="ghosted",
            section="follow_up",
            due=app.applied_on + timedelta(days=policy.ghost_after_days),
            message=f"No reply from {who}: mark it ghosted and move on",
            why=(
                f"applied {app.applied_on.isoformat()}, followed up, no response in "
                f"{policy.ghost_after_days} days"
            ),
            application_id=app.id,
            command=f"jobhunt status {app.id} ghosted",
            nudge_key=f"ghosted:{app.id}",
            rank=90,
        )


def _after_interview(app, last, follow_ups, hold, today, policy, who) -> Iterator[Action]:
    """Thank-you the next day, then a weekly phone check-in and note until the outcome."""
    if app.status in OUTCOME_STATUSES:
        return
    since = [f for f in follow_ups if f.on >= last.on]
    check_in_due = last.on + timedelta(days=policy.check_in_every_days)
    # Follow-ups after the thank-you window count as check-ins and restart the clock.
    check_ins = [f for f in since if f.on > last.on + timedelta(days=policy.thank_you_after_days)]
    if check_ins:
        check_in_due = max(
            check_in_due, check_ins[-1].on + timedelta(days=policy.check_in_every_days)
        )
    check_in_due = hold(check_in_due)
    if not since:
        thank_due = hold(last.on + timedelta(days=policy.thank_you_after_days))
        if today < check_in_due:
            yield Action(
                kind="follow_up",
                stage="thank_you",
                section="follow_up",
                due=thank_due,
                channels=("note", "email"),
                message=f"Send a thank-you note to {who}",
                why=f"interviewed {last.on.isoformat()}; thank-you the next day",
                application_id=app.id,
                command=f"jobhunt log {app.id} --via note",
                rank=5,
            )
    basis = (
        f"last follow-up {check_ins[-1].on.isoformat()}"
        if check_ins
        else f"interviewed {last.on.isoformat()}"
    )
    yield Action(
        kind="follow_up",
        stage="check_in",
        section="follow_up",
        due=check_in_due,
        channels=("phone", "note"),
        message=f"Check in with {who}: a phone call and a note",
        why=f"{basis}; weekly check-in until you know the outcome",
        application_id=app.id,
        command=f"jobhunt log {app.id} --via phone",
        rank=6,
    )


# --------------------------------------------------------------------------- keep applying


def search_ended_by(snapshot: Snapshot) -> Application | None:
    """The accepted offer that ends the search: permanent work, not a stop-gap."""
    for app in snapshot.accepted:
        if app.job_type not in STAY_ACTIVE_TYPES:
            return app
    return None


def applied_this_week(snapshot: Snapshot, *, today: date, policy: Policy) -> int:
    start = week_start(today, policy.first_weekday)
    return sum(1 for r in snapshot.recent if start <= r.applied_on <= today)


def apply_actions(snapshot: Snapshot, *, today: date, policy: Policy) -> Iterator[Action]:
    """Rule 4: the weekly application target never pauses for a pending interview or offer."""
    ended = search_ended_by(snapshot)
    if ended is not None:
        yield Action(
            kind="target_ended",
            section="apply",
            due=today,
            message=(
                f"You accepted the offer from {ended.company} ({ended.role}): "
                "the weekly application target has ended"
            ),
            why="an accepted permanent offer ends the search",
            application_id=ended.id,
            rank=0,
        )
        return
    if policy.weekly_applications <= 0:
        return
    done = applied_this_week(snapshot, today=today, policy=policy)
    remaining = policy.weekly_applications - done
    if remaining <= 0:
        return
    start = week_start(today, policy.first_weekday)
    end = start + timedelta(days=6)
    pending = [a for a in snapshot.open_applications if a.status in ("interviewing", "offer")]
    pending += [
        a
        for a in snapshot.open_applications
        if a.status == "applied" and any(e.kind == "interview" for e in a.events)
    ]
    message = (
        f"Apply to {remaining} more job{'s' if remaining != 1 else ''} this week "
        f"to stay on target ({done} of {policy.weekly_applications} so far)"
    )
    if pending:
        names = ", ".join(sorted({a.company for a in pending}))
        message += f". Interviews or offers pending at {names}: keep applying, never assume the job"
    yield Action(
        kind="apply",
        section="apply",
        due=end,
        message=message,
        why=(
            f"weekly target of {policy.weekly_applications} applications, "
            f"week of {start.isoformat()}"
        ),
        command="jobhunt add COMPANY ROLE",
        rank=0,
    )
    saved = sorted(
        (a for a in snapshot.open_applications if a.status == "saved"),
        key=lambda a: (a.created_at, a.id),
    )
    for app in saved[: policy.saved_suggestions]:
        yield Action(
            kind="apply_saved",
            section="apply",
            due=end,
            message=f"Apply to the job you saved: {app.role} at {app.company}",
            why="saved jobs count toward the weekly target once you apply",
            application_id=app.id,
            command=f"jobhunt status {app.id} applied",
            rank=1,
        )


# --------------------------------------------------------------------------- weekly review


@dataclass(frozen=True, slots=True)
class Area:
    """One of the five habits in the weekly review."""

    name: str
    done: float
    target: float | None
    on_target: bool
    detail: str


def review(facts: WeekFacts, overdue: tuple[Action, ...], *, policy: Policy) -> tuple[Area, ...]:
    """The week against its targets, area by area (pure; `overdue` from plan())."""
    hours_target = facts.planned_hours or None
    temp = list(facts.active_work)
    overdue_follow_ups = sum(1 for a in overdue if a.section == "follow_up")
    return (
        Area(
            "Apply",
            facts.applied,
            policy.weekly_applications,
            facts.applied >= policy.weekly_applications,
            f"{facts.applied} of {policy.weekly_applications} applications",
        ),
        Area(
            "Follow up",
            facts.follow_ups,
            None,
            overdue_follow_ups == 0,
            f"{facts.follow_ups} follow-ups made, {facts.interviews} interviews; "
            f"{overdue_follow_ups} overdue",
        ),
        Area(
            "Network",
            facts.touches,
            policy.weekly_touches,
            facts.touches >= policy.weekly_touches,
            f"{facts.touches} of {policy.weekly_touches} touches",
        ),
        Area(
            "Learn",
            facts.learning_hours,
            hours_target,
            facts.learning_hours >= (hours_target or 0) and facts.learning_logs > 0,
            f"{facts.learning_hours:g} hours logged"
            + (f" of {hours_target:g} planned" if hours_target else " (no course planned)"),
        ),
        Area(
            "Stay active",
            len(temp),
            None,
            bool(temp),
            (
                "; ".join(f"{a.job_type} at {a.company} ({a.status})" for a in temp)
                if temp
                else "no temporary, part-time or contract work"
            ),
        ),
    )
