"""The agenda: every habit's actions for a day, in order, and the week in review.

`plan(snapshot, today=..., policy=...)` gathers the five habits' actions (follow up,
apply, network, learn, stay active), drops weekly suggestions shown in the last 7 days,
and orders them by section, then most overdue first. Suggestions are never overdue: one
line, not a nag, listed last in their section. `review` sets a week's facts against the
targets, habit by habit. Nothing here reads the clock, the database or the terminal.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from jobhunt.records import Snapshot, WeekFacts
from jobhunt.rules import learning, network
from jobhunt.rules.apply import apply_actions
from jobhunt.rules.base import SECTIONS, Action, Policy, nudge_allowed
from jobhunt.rules.follow_up import application_actions


def plan(snapshot: Snapshot, *, today: date, policy: Policy | None = None) -> tuple[Action, ...]:
    """All actions for `today`, grouped by section and most urgent first within each."""
    policy = policy or Policy()
    found: list[Action] = []
    for app in snapshot.open_applications:
        found.extend(application_actions(app, today=today, policy=policy))
    found.extend(apply_actions(snapshot, today=today, policy=policy))
    # Through their modules, so a test can stand in for a whole habit.
    found.extend(network.network_actions(snapshot, today=today, policy=policy))
    # The learning habit's actions include the stay-active rule (rules/active.py).
    found.extend(learning.learning_actions(snapshot, today=today, policy=policy))
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
