"""Networking events: rule 4 (an event ahead, and the people met at one just past) and
rule 6's event suggestion while an offer is pending (see network.py for the habit).

For a contact met at an event on day D, a touch on D is the meeting itself; the
follow-up is their first interaction after D. Meeting and follow-up are one person
toward the weekly target (`counted_touches`).
Pure: nothing here reads the clock, the store or the terminal.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from jobhunt.records import Interaction, Snapshot
from jobhunt.rules import base
from jobhunt.rules.people import last_touches, offer_pending, who

FOLLOW_UP_WINDOW_DAYS = 7  # an event follow-up stays on the agenda this long


def event_actions(
    snapshot: Snapshot, *, today: date, policy: base.Policy, last: dict[int, date] | None = None
) -> Iterator[base.Action]:
    """Rule 4: a networking event ahead, and the people met at one just past."""
    last = last_touches(snapshot.touches) if last is None else last
    for meetup in sorted(snapshot.meetups, key=lambda m: (m.on, m.id)):
        ahead = (meetup.on - today).days
        where = f" at {meetup.place}" if meetup.place else ""
        if 0 <= ahead <= policy.event_notice_days:
            when = "today" if ahead == 0 else f"on {meetup.on.isoformat()}"
            yield base.Action(
                kind="event",
                section="network",
                due=meetup.on,
                message=f"Networking event {when}: {meetup.title}{where}",
                why=(
                    f"event rule: {meetup.kind} on {meetup.on.isoformat()}, "
                    f"shown {policy.event_notice_days} day(s) ahead"
                ),
                event_id=meetup.id,
                command=f"jobhunt event show {meetup.id}",
                rank=0,
            )
        if not 1 <= -ahead <= FOLLOW_UP_WINDOW_DAYS:
            continue
        for contact in snapshot.contacts:
            if contact.met_at_event_id != meetup.id:
                continue
            latest = max(
                (d for d in (contact.last_touch, last.get(contact.id)) if d is not None),
                default=None,
            )
            if latest is not None and latest > meetup.on:
                continue  # followed up (a touch on the day itself is the meeting)
            yield base.Action(
                kind="event_follow_up",
                section="network",
                due=meetup.on + timedelta(days=1),
                message=f"Follow up with {who(contact)}, met at {meetup.title}",
                why=(
                    f"event follow-up rule: met at {meetup.title} on {meetup.on.isoformat()}; "
                    "follow up the day after"
                ),
                contact_id=contact.id,
                event_id=meetup.id,
                command=f"jobhunt contact touch {contact.id} --via email",
                rank=10,
            )


def counted_touches(snapshot: Snapshot) -> list[Interaction]:
    """The snapshot's interactions that count toward the weekly target: all of them,
    except the follow-up of a meeting logged on the event's day (the first interaction
    after it, within the follow-up window), which is the same person again."""
    day_of = {m.id: m.on for m in snapshot.meetups}
    met = {
        c.id: day_of[c.met_at_event_id] for c in snapshot.contacts if c.met_at_event_id in day_of
    }
    paired: set[int] = set()
    by_contact: dict[int, list[Interaction]] = {}
    for t in snapshot.touches:
        if t.contact_id in met:
            by_contact.setdefault(t.contact_id, []).append(t)
    for contact_id, touches in by_contact.items():
        day = met[contact_id]
        if not any(t.on == day for t in touches):
            continue  # the meeting was not logged: the follow-up is the one touch
        after = sorted((t for t in touches if t.on > day), key=lambda t: (t.on, t.id))
        if after and (after[0].on - day).days <= FOLLOW_UP_WINDOW_DAYS:
            paired.add(after[0].id)
    return [t for t in snapshot.touches if t.id not in paired]


def offer_event_actions(
    snapshot: Snapshot, *, today: date, policy: base.Policy
) -> Iterator[base.Action]:
    """Rule 6: while an offer is pending, go to a networking event or an association
    meeting (the next one recorded, or find one): a weekly suggestion."""
    offer = offer_pending(snapshot.open_applications)
    if offer is None:
        return
    ahead = sorted((m for m in snapshot.meetups if m.on >= today), key=lambda m: (m.on, m.id))
    if ahead:
        nxt = ahead[0]
        message = f"An offer is pending: keep networking, go to {nxt.title} on {nxt.on.isoformat()}"
        command, event_id = f"jobhunt event show {nxt.id}", nxt.id
    else:
        message = (
            "An offer is pending: keep networking, find a networking event or an "
            "association meeting to go to this week"
        )
        command, event_id = "jobhunt event add TITLE --on DATE", None
    yield base.Action(
        kind="offer_event",
        section="network",
        due=today,
        message=message,
        why=f"{offer.reason}: never assume the job; step networking up until you sign",
        event_id=event_id,
        command=command,
        nudge_key="offer_event",
        rank=80,
    )
