"""The network habit: pure rules for staying in touch (the contract: rules/__init__.py).

Five rules, each yielding `Action`s in the "network" section:

1. ``touch``: a contact is due at (last interaction, else the day added) + cadence.
   The cadence is the contact's own (``--every``) or the default for its kind.
2. Step-up: while an interview or offer is pending, contacts at that company and
   every recruiter / recruitment firm are due at cadence * ``step_up_factor``
   (rounded half up, at least 1 day).
3. ``find_contact``: an open, applied-to job at a company where you know nobody:
   find someone there (oldest applications first, at most ``find_contact_max`` a day,
   each at most once a week).
4. ``event`` the day before and on the day of a networking event;
   ``event_follow_up`` from the day after, for each contact met there who has not
   been contacted since (overdue after that, for a week).
5. ``network_target``: fewer than ``weekly_touches`` interactions this week.
6. Offer pending: while any offer waits for your answer, industry leaders and people at
   the companies you applied to step up like recruiters, the weekly target is
   ``weekly_touches`` * ``offer_touches_factor``, and ``offer_event`` suggests (weekly)
   going to a networking event or association meeting.

Nothing here reads the clock, the store or the terminal.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial

from jobhunt.dates import week_start
from jobhunt.records import Application, Contact, Interaction, Snapshot

# The vocabulary through its module (base.Action, base.Policy): the purity check in
# tests/test_rules_network.py lists the package, `jobhunt.rules`, as the import allowed.
from jobhunt.rules import base

STEP_UP_KINDS = ("recruiter", "recruitment-firm")
OFFER_STEP_UP_KINDS = ("industry-leader",)  # stepped up too while an offer is pending
FOLLOW_UP_WINDOW_DAYS = 7  # an event follow-up stays on the agenda this long


def _key(company: str | None) -> str:
    """Company names compare case-insensitively and ignoring outer spaces."""
    return (company or "").strip().casefold()


# --------------------------------------------------------------------------- cadence


def pending_companies(applications: Iterable[Application]) -> dict[str, str]:
    """Companies with an interview or offer pending: {match key: "interview pending at X"}.

    Pending means an open application that is interviewing or has an offer, or one
    still marked applied that has an interview recorded.
    """
    found: dict[str, tuple[str, str]] = {}
    for app in sorted(applications, key=lambda a: a.id):
        if not app.is_open:
            continue
        if app.status == "offer":
            what = "offer"
        elif app.status == "interviewing" or (
            app.status == "applied" and any(e.kind == "interview" for e in app.events)
        ):
            what = "interview"
        else:
            continue
        key = _key(app.company)
        if not key:
            continue
        if key not in found or what == "offer":
            found[key] = (app.company.strip(), what)
    return {key: f"{what} pending at {name}" for key, (name, what) in found.items()}


@dataclass(frozen=True, slots=True)
class OfferPending:
    """An offer waits for your answer: networking steps up (rule 6)."""

    reason: str  # "offer pending at Acme"
    targets: frozenset[str]  # match keys of the companies with an open application


def offer_pending(applications: Iterable[Application]) -> OfferPending | None:
    """While any offer is pending: industry leaders and people at the companies you
    applied to step up like recruiters, and the weekly target is multiplied."""
    apps = [a for a in applications if a.is_open]
    offers = sorted({a.company.strip() for a in apps if a.status == "offer"})
    if not offers:
        return None
    targets = frozenset(_key(a.company) for a in apps if a.status != "saved" and _key(a.company))
    return OfferPending(f"offer pending at {', '.join(offers)}", targets)


def base_cadence(contact: Contact, policy: base.Policy) -> int:
    """The contact's own cadence, else the default for its kind (else for 'other')."""
    if contact.every_days:
        return contact.every_days
    return policy.cadence_days.get(contact.kind, policy.cadence_days.get("other", 45))


def stepped_up(days: int, factor: float) -> int:
    """`days` * `factor`, rounded half up, at least one day."""
    return max(1, int(days * factor + 0.5))


@dataclass(frozen=True, slots=True)
class TouchPlan:
    """When a contact is next due, and why."""

    contact_id: int
    due: date
    basis: date  # the day it counts from
    touched: bool  # True: basis is the last interaction; False: the day added
    cadence: int  # days, after any step-up
    usual_cadence: int  # days, before any step-up
    own_cadence: bool  # the contact's --every, not the kind's default
    step_up: str | None = None  # "interview pending at Acme", or None

    @property
    def why(self) -> str:
        basis = "last touch" if self.touched else "added"
        text = (
            f"stay-in-touch rule: every {self.cadence} days from {basis} {self.basis.isoformat()}"
        )
        if self.step_up:
            return f"{text}; stepped up: {self.step_up} (usually every {self.usual_cadence} days)"
        return text


def _basis(contact: Contact, last_touch: date | None) -> tuple[date, bool]:
    """The day a contact's cadence counts from, and whether it is a real interaction."""
    last = contact.last_touch
    if last_touch is not None and (last is None or last_touch > last):
        last = last_touch
    return (last, True) if last is not None else (contact.added_on, False)


def _cadence(
    contact: Contact,
    policy: base.Policy,
    pending: dict[str, str],
    all_pending: str | None,
    offer: OfferPending | None = None,
) -> tuple[int, int, str | None]:
    """(usual cadence, cadence after any step-up, why it is stepped up or None)."""
    usual = base_cadence(contact, policy)
    reason = None
    if contact.kind in STEP_UP_KINDS and pending:
        reason = all_pending or ", ".join(pending[k] for k in sorted(pending))
    elif pending and _key(contact.company) in pending:
        reason = pending[_key(contact.company)]
    elif offer is not None and (
        contact.kind in OFFER_STEP_UP_KINDS or _key(contact.company) in offer.targets
    ):
        reason = offer.reason
    return usual, (stepped_up(usual, policy.step_up_factor) if reason else usual), reason


def touch_plan(
    contact: Contact,
    *,
    policy: base.Policy,
    pending: dict[str, str] | None = None,
    last_touch: date | None = None,
    all_pending: str | None = None,
    offer: OfferPending | None = None,
) -> TouchPlan:
    """The next stay-in-touch day for one contact.

    `pending` is `pending_companies(...)`; `last_touch` adds interactions the
    contact record may not know of (the later of the two counts).
    """
    basis, touched = _basis(contact, last_touch)
    usual, cadence, reason = _cadence(contact, policy, pending or {}, all_pending, offer)
    return TouchPlan(
        contact_id=contact.id,
        due=basis + timedelta(days=cadence),
        basis=basis,
        touched=touched,
        cadence=cadence,
        usual_cadence=usual,
        own_cadence=bool(contact.every_days),
        step_up=reason,
    )


def _last_touches(touches: Iterable[Interaction]) -> dict[int, date]:
    last: dict[int, date] = {}
    for t in touches:
        if t.contact_id not in last or t.on > last[t.contact_id]:
            last[t.contact_id] = t.on
    return last


def _who(contact: Contact) -> str:
    if contact.company:
        return f"{contact.name} ({contact.kind} at {contact.company})"
    return f"{contact.name} ({contact.kind})"


# --------------------------------------------------------------------------- the rules


def network_actions(
    snapshot: Snapshot, *, today: date, policy: base.Policy
) -> Iterator[base.Action]:
    last = _last_touches(snapshot.touches)
    followed: set[int] = set()
    for action in event_actions(snapshot, today=today, policy=policy, last=last):
        if action.contact_id is not None:
            followed.add(action.contact_id)
        yield action
    due = [
        (contact, plan)
        for _, contact, plan in due_touches(snapshot, today=today, policy=policy, last=last)
        if contact.id not in followed  # the event follow-up says it already
    ]
    # A few people a day, most overdue first; a big import must not flood the agenda.
    for contact, plan in due[: policy.touches_per_day]:
        yield _touch_action(plan(), contact)
    rest = len(due) - policy.touches_per_day
    if rest > 0:
        yield base.Action(
            kind="touch_more",
            section="network",
            due=today,
            message=f"{rest} more contact{'s are' if rest != 1 else ' is'} due for a touch",
            why=f"at most {policy.touches_per_day} people a day are listed, most overdue first",
            command="jobhunt contact list",
            rank=29,
        )
    yield from find_contact_actions(snapshot, today=today, policy=policy)
    yield from offer_event_actions(snapshot, today=today, policy=policy)
    yield from target_actions(snapshot, today=today, policy=policy)


def due_touches(
    snapshot: Snapshot, *, today: date, policy: base.Policy, last: dict[int, date] | None = None
) -> list[tuple[date, Contact, Callable[[], TouchPlan]]]:
    """Rules 1 and 2: contacts whose stay-in-touch day has come, most overdue first, each
    with a function giving its full plan (built only for the few the agenda lists)."""
    last = _last_touches(snapshot.touches) if last is None else last
    pending = pending_companies(snapshot.open_applications)
    every = ", ".join(pending[k] for k in sorted(pending))  # once, not once per recruiter
    offer = offer_pending(snapshot.open_applications)
    due = []
    for contact in snapshot.contacts:
        basis, _ = _basis(contact, last.get(contact.id))
        day = basis + timedelta(days=_cadence(contact, policy, pending, every, offer)[1])
        if day <= today:
            due.append((day, contact, partial(
                touch_plan, contact, policy=policy, pending=pending,
                last_touch=last.get(contact.id), all_pending=every, offer=offer,
            )))  # fmt: skip
    due.sort(key=lambda item: (item[0], item[1].id))
    return due


def _touch_action(plan: TouchPlan, contact: Contact) -> base.Action:
    verb = "Get back in touch with" if plan.touched else "Get in touch with"
    return base.Action(
        kind="touch",
        section="network",
        due=plan.due,
        message=f"{verb} {_who(contact)}",
        why=plan.why,
        contact_id=contact.id,
        command=f"jobhunt contact touch {contact.id} --via email",
        rank=20,
    )


def touch_actions(
    snapshot: Snapshot, *, today: date, policy: base.Policy, last: dict[int, date] | None = None
) -> Iterator[base.Action]:
    """Every contact due for a touch today (uncapped; the agenda lists a few a day)."""
    for _, contact, plan in due_touches(snapshot, today=today, policy=policy, last=last):
        yield _touch_action(plan(), contact)


def find_contact_actions(
    snapshot: Snapshot, *, today: date, policy: base.Policy
) -> Iterator[base.Action]:
    """Rule 3: an open application at a company where you know nobody."""
    if policy.find_contact_max <= 0:
        return
    known = {_key(c.company) for c in snapshot.contacts if _key(c.company)}
    linked = {link.application_id for link in snapshot.links}
    candidates = sorted(
        (
            a
            for a in snapshot.open_applications
            if a.is_open
            and a.status != "saved"
            and a.id not in linked
            and _key(a.company) not in known
        ),
        key=lambda a: (a.applied_on is None, a.applied_on or date.min, a.id),
    )

    def recently_shown(app: Application) -> bool:
        probe = base.Action("", "", today, "", "", nudge_key=f"find_contact:{app.id}")
        return not base.nudge_allowed(probe, snapshot.nudges, today)

    # A company suggested earlier this week waits, so the day's slots go to others;
    # and one suggestion per company is enough (its oldest application carries it).
    done = {_key(a.company) for a in candidates if recently_shown(a)}
    shown = 0
    for app in candidates:
        if shown >= policy.find_contact_max:
            return
        if _key(app.company) in done:
            continue
        done.add(_key(app.company))
        key = f"find_contact:{app.id}"
        since = (
            f"applied {app.applied_on.isoformat()}" if app.applied_on else f"status {app.status}"
        )
        yield base.Action(
            kind="find_contact",
            section="network",
            due=today,
            message=f"Find someone you know at {app.company} (your application: {app.role})",
            why=f"find-contact rule: no contact at {app.company} yet; {since}",
            application_id=app.id,
            command=f"jobhunt contact add NAME --company {shlex.quote(app.company)}",
            nudge_key=key,
            rank=60 + shown,  # keeps oldest-first through plan()'s sort
        )
        shown += 1


def event_actions(
    snapshot: Snapshot, *, today: date, policy: base.Policy, last: dict[int, date] | None = None
) -> Iterator[base.Action]:
    """Rule 4: a networking event ahead, and the people met at one just past."""
    last = _last_touches(snapshot.touches) if last is None else last
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
            if latest is not None and latest >= meetup.on:
                continue
            yield base.Action(
                kind="event_follow_up",
                section="network",
                due=meetup.on + timedelta(days=1),
                message=f"Follow up with {_who(contact)}, met at {meetup.title}",
                why=(
                    f"event follow-up rule: met at {meetup.title} on {meetup.on.isoformat()}; "
                    "follow up the day after"
                ),
                contact_id=contact.id,
                event_id=meetup.id,
                command=f"jobhunt contact touch {contact.id} --via email",
                rank=10,
            )


def touches_this_week(snapshot: Snapshot, *, today: date, policy: base.Policy) -> int:
    start = week_start(today, policy.first_weekday)
    return sum(1 for t in snapshot.touches if start <= t.on <= today)


def weekly_touch_target(snapshot: Snapshot, *, policy: base.Policy) -> int:
    """The week's networking target: `weekly_touches`, times `offer_touches_factor`
    (rounded half up) while an offer is pending."""
    if offer_pending(snapshot.open_applications) is None:
        return policy.weekly_touches
    return int(policy.weekly_touches * policy.offer_touches_factor + 0.5)


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


def target_actions(
    snapshot: Snapshot, *, today: date, policy: base.Policy
) -> Iterator[base.Action]:
    """Rule 5: the weekly networking target (until an accepted job ends the search)."""
    target = weekly_touch_target(snapshot, policy=policy)
    if target <= 0 or base.search_ended_by(snapshot) is not None:
        return
    done = touches_this_week(snapshot, today=today, policy=policy)
    remaining = target - done
    if remaining <= 0:
        return
    start = week_start(today, policy.first_weekday)
    people = "person" if remaining == 1 else "people"
    yield base.Action(
        kind="network_target",
        section="network",
        due=start + timedelta(days=6),
        message=(
            f"Get in touch with {remaining} more {people} this week ({done} of {target} so far)"
        ),
        why=(
            f"weekly networking target of {target} touches, week of {start.isoformat()}"
            + (
                f" (usually {policy.weekly_touches}; stepped up while an offer is pending)"
                if target != policy.weekly_touches
                else ""
            )
        ),
        command=(
            "jobhunt contact list" if snapshot.contacts else "jobhunt contact add NAME --company X"
        ),
        rank=90,
    )
