"""The keep-applying habit: a weekly application target that never pauses.

Fewer than `weekly_applications` applications applied this week (weeks start on
`first_weekday`): apply to the rest, with the oldest saved jobs suggested. A pending
interview or offer does not pause the target (the agenda says plainly not to assume the
job); only an accepted full-time job ends it. An accepted job whose type was never given
does not: the agenda asks once a day which kind of job it is. Nothing here reads the
clock, the store or the terminal.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from jobhunt.dates import week_start
from jobhunt.records import Snapshot
from jobhunt.rules.base import Action, Policy, accepted_on, search_ended_by


def applied_this_week(snapshot: Snapshot, *, today: date, policy: Policy) -> int:
    start = week_start(today, policy.first_weekday)
    return sum(1 for r in snapshot.recent if start <= r.applied_on <= today)


def apply_actions(snapshot: Snapshot, *, today: date, policy: Policy) -> Iterator[Action]:
    """Rule 4: the weekly application target never pauses for a pending interview or offer."""
    if search_ended_by(snapshot) is not None:
        return  # the agenda winds down instead (agenda.py)
    yield from type_unknown_actions(snapshot, today=today)
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


def type_unknown_actions(snapshot: Snapshot, *, today: date) -> Iterator[Action]:
    """An accepted job with no type: full-time would end the search, so ask, never guess."""
    for app in snapshot.accepted:
        if app.job_type is not None:
            continue
        when = accepted_on(app)
        yield Action(
            kind="accepted_type_unknown",
            section="apply",
            due=today,
            message=(
                f"You accepted {app.role} at {app.company}: what kind of job is it? "
                "Full-time ends the search; part-time, contract or temporary keep it going"
            ),
            why=(
                f"accepted {when.isoformat() if when else 'on a day not recorded'}; an "
                "accepted job ends the search only when it is full-time, and its type was "
                "never given"
            ),
            application_id=app.id,
            command=f"jobhunt edit {app.id} --type full-time",
            rank=0,
        )
