"""The stay-active habit: part-time, contract or temporary work while the search drags on.

``stay_active``: ``keep_active_after_days`` (28) days into the search with no offer
(none open, none accepted) and no part-time, contract or temporary application in the
last 28 days (today and the 27 days before): suggest one, in the "active" section. A
weekly suggestion. It is rule 5 of the learning and keep-active rules: learning.py's
`learning_actions` yields it after the learning ones. Nothing here reads the clock, the
store or the terminal.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from jobhunt.records import STAY_ACTIVE_TYPES, Snapshot
from jobhunt.rules.base import Action, Policy


def stay_active(snapshot: Snapshot, *, today: date, policy: Policy) -> Iterator[Action]:
    """Rule 5: weeks into the search with no offer: take part-time or temporary work."""
    started = snapshot.search_started
    after = policy.keep_active_after_days
    if started is None or after <= 0 or (today - started).days < after:
        return
    if snapshot.accepted or any(a.status == "offer" for a in snapshot.open_applications):
        return
    if any(
        r.job_type in STAY_ACTIVE_TYPES and 0 <= (today - r.applied_on).days < after
        for r in snapshot.recent
    ):
        return
    searched = (today - started).days
    yield Action(
        kind="stay_active",
        section="active",
        due=today,
        message=(
            f"{searched} days into your search with no offer: apply for part-time, "
            "contract or temporary work too"
        ),
        why=(
            f"searching since {started.isoformat()}, no offer and no part-time, contract or "
            f"temporary application in {after} days; it keeps you earning, visible to "
            "recruiters, and can lead to a permanent role"
        ),
        command="jobhunt add COMPANY ROLE --type temporary",
        nudge_key="stay_active",
        rank=0,
    )
