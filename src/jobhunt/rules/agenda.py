"""The agenda: every habit's actions for a day, in order, and the week in review.

`plan(snapshot, today=..., policy=...)` gathers the five habits' actions (follow up,
apply, network, learn, stay active), drops weekly suggestions shown in the last 7 days,
and orders each section: overdue (most overdue first), today, tomorrow, later; then the
weekly targets; then suggestions (never overdue: one line, not a nag). Once a full-time
job is accepted, the search ends: a wind-down for `wind_down_days` (withdraw the rest,
thank the people linked to the job), then nothing but the sessions of courses still
active. `morning` caps the follow-ups a person is shown; `review` sets a week's facts
against the targets, habit by habit. Nothing here reads the clock, the database or the terminal.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta

from jobhunt.records import Application, Snapshot, WeekFacts
from jobhunt.rules import learning, network
from jobhunt.rules.apply import apply_actions
from jobhunt.rules.base import (
    SECTIONS,
    TARGET_KINDS,
    Action,
    Policy,
    accepted_on,
    nudge_allowed,
    search_ended_by,
)
from jobhunt.rules.follow_up import application_actions, referral_thanks


def plan(snapshot: Snapshot, *, today: date, policy: Policy | None = None) -> tuple[Action, ...]:
    """All actions for `today`, grouped by section and most urgent first within each."""
    policy = policy or Policy()
    found: list[Action] = []
    ended = search_ended_by(snapshot)
    if ended is not None:
        # The search is over: one wind-down, then only what the user keeps going
        # (course sessions of courses still active).
        found.extend(wind_down_actions(snapshot, ended, today=today, policy=policy))
        found.extend(learning.learning_actions(snapshot, today=today, policy=policy))
    else:
        for app in snapshot.open_applications:
            found.extend(application_actions(app, today=today, policy=policy))
        found.extend(referral_thanks(snapshot, today=today))
        found.extend(apply_actions(snapshot, today=today, policy=policy))
        # No "find someone there" for an application the agenda asks to mark ghosted.
        ghosted = frozenset(
            a.application_id for a in found if a.kind == "ghosted" and a.application_id
        )
        # Through their modules, so a test can stand in for a whole habit.
        found.extend(network.network_actions(snapshot, today=today, policy=policy, ghosted=ghosted))
        # The learning habit's actions include the stay-active rule (rules/active.py).
        found.extend(learning.learning_actions(snapshot, today=today, policy=policy))
    found = [a for a in found if nudge_allowed(a, snapshot.nudges, today)]
    # Suggestions (weekly nudges) are never "overdue": one line, not a nag, listed last.
    found = [
        a if a.nudge_key else replace(a, overdue_days=max(0, (today - a.due).days)) for a in found
    ]
    return tuple(sorted(found, key=order_key))


def order_key(action: Action) -> tuple:
    """Within a section: overdue (most overdue first), today, tomorrow, later dated
    items; then the weekly targets; then suggestions."""
    group = 2 if action.nudge_key else (1 if action.kind in TARGET_KINDS else 0)
    return (
        _SECTION_ORDER[action.section],
        group,
        -action.overdue_days,
        action.due,
        action.rank,
        action.application_id or action.contact_id or action.course_id or action.event_id or 0,
    )


_SECTION_ORDER = {name: i for i, name in enumerate(SECTIONS)}

# Follow-ups a morning can hold; interviews, decisions and the wind-down are not counted.
LIMITED_KINDS = ("follow_up",)


def morning(actions: tuple[Action, ...], *, policy: Policy) -> tuple[Action, ...]:
    """The agenda as a person reads it: at most `follow_ups_per_day` follow-ups (the
    most overdue first: `plan` already ordered them), the rest counted in one line.
    `--json` and calendars take the whole plan instead."""
    limit = policy.follow_ups_per_day
    follow_ups = [a for a in actions if a.kind in LIMITED_KINDS]
    if limit <= 0 or len(follow_ups) <= limit:
        return actions
    hidden = {id(a) for a in follow_ups[limit:]}
    kept = [a for a in actions if id(a) not in hidden]
    last = next(i for i, a in enumerate(kept) if a is follow_ups[limit - 1]) + 1
    rest = len(follow_ups) - limit
    first = follow_ups[limit]  # the most overdue of those not listed
    more = Action(
        kind="follow_up_more",
        section="follow_up",
        due=first.due,
        overdue_days=first.overdue_days,
        message=f"{rest} more follow-up{'s are' if rest != 1 else ' is'} due",
        why=f"at most {limit} follow-ups are listed a day, most overdue first",
        command="jobhunt today --all",
    )
    return (*kept[:last], more, *kept[last:])


def wind_down_actions(
    snapshot: Snapshot, ended: Application, *, today: date, policy: Policy
) -> Iterator[Action]:
    """After accepting a full-time job, for `wind_down_days`: withdraw the applications
    still open (one command for all), and thank the people linked to the job."""
    since = accepted_on(ended) or today
    left = policy.wind_down_days - (today - since).days
    if left <= 0 or today < since:
        return
    others = sorted(
        (a for a in snapshot.open_applications if a.id != ended.id and a.status != "saved"),
        key=lambda a: a.id,
    )
    last_day = since + timedelta(days=policy.wind_down_days - 1)
    why = (
        f"you accepted {ended.role} at {ended.company} on {since.isoformat()}; "
        f"the search winds down for {policy.wind_down_days} days"
    )
    if others:
        names = ", ".join(f"{a.company} ({a.role}, #{a.id})" for a in others)
        ids = " ".join(str(a.id) for a in others)
        yield Action(
            kind="withdraw",
            section="wind_down",
            due=last_day,
            message=f"Withdraw the applications still open: {names}",
            why=why + "; tell them you have accepted another offer",
            command=f"jobhunt status {ids} withdrawn",
            rank=0,
        )
    people = {link.contact_id for link in snapshot.links if link.application_id == ended.id}
    for contact in sorted((c for c in snapshot.contacts if c.id in people), key=lambda c: c.id):
        if contact.last_touch is not None and contact.last_touch >= since:
            continue  # thanked (or in touch) since the acceptance
        yield Action(
            kind="thank_accepted",
            section="wind_down",
            due=last_day,
            message=f"Thank {contact.name} for their part in your new job at {ended.company}",
            why=why + f"; {contact.name} is linked to that application",
            contact_id=contact.id,
            command=f"jobhunt contact touch {contact.id} --via email",
            rank=10,
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


def review(
    facts: WeekFacts,
    overdue: tuple[Action, ...],
    *,
    policy: Policy,
    ended: Application | None = None,
    touch_target: int | None = None,
) -> tuple[Area, ...]:
    """The week against its targets, area by area (pure; `overdue` from plan(), `ended`
    the accepted job that ended the search by then, `touch_target` the week's networking
    target when an offer steps it up)."""
    hours_target = facts.planned_hours or None
    temp = list(facts.active_work)
    overdue_follow_ups = sum(1 for a in overdue if a.section == "follow_up")
    touches = policy.weekly_touches if touch_target is None else touch_target
    if ended is not None:
        over = f"search ended: accepted {ended.role} at {ended.company}"
        when = accepted_on(ended)
        over += f" on {when.isoformat()}" if when else ""
        return (
            Area("Apply", facts.applied, None, True, f"{facts.applied} applications; {over}"),
            Area(
                "Follow up",
                facts.follow_ups,
                None,
                True,
                f"{facts.follow_ups} follow-ups made, {facts.interviews} interviews; {over}",
            ),
            Area("Network", facts.touches, None, True, f"{facts.touches} touches; {over}"),
            _learn(facts, hours_target),
            Area("Stay active", len(temp), None, True, over),
        )
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
            touches,
            facts.touches >= touches,
            f"{facts.touches} of {touches} touches",
        ),
        _learn(facts, hours_target),
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


def _learn(facts: WeekFacts, hours_target: float | None) -> Area:
    return Area(
        "Learn",
        facts.learning_hours,
        hours_target,
        facts.learning_hours >= (hours_target or 0) and facts.learning_logs > 0,
        f"{facts.learning_hours:g} hours logged"
        + (f" of {hours_target:g} planned" if hours_target else " (no course planned)"),
    )
