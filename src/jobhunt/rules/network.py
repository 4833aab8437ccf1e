"""The network habit: pure rules for staying in touch (the contract: rules/__init__.py).

Five rules, each yielding `Action`s in the "network" section:

1. ``touch``: a contact is due at (last interaction, else the day added) + cadence.
   The cadence is the contact's own (``--every``) or the default for its kind. A
   contact without a schedule (``keep_in_touch`` off: an imported connection) is never
   due; one is never due before its ``due_from`` (``import linkedin --cadence``), nor
   while snoozed (``contact snooze ID --until DATE``: back on that day).
2. Step-up: while an interview or offer is pending, contacts at that company and
   every recruiter / recruitment firm are due at cadence * ``step_up_factor``
   (rounded half up, at least 1 day).
3. ``find_contact``: an open, applied-to job at a company where you know nobody:
   find someone there (oldest applications first, at most ``find_contact_max`` a day,
   one company at most once every ``find_contact_every_days`` across its applications;
   never for a company skipped (``skip company``) nor for an application the agenda
   asks to mark ghosted).
4. ``event`` the day before and on the day of a networking event;
   ``event_follow_up`` from the day after, for each contact met there who has not
   been contacted since (overdue after that, for a week).
5. ``network_target``: fewer than ``weekly_touches`` interactions this week.
6. Offer pending: while any offer waits for your answer, industry leaders and people at
   the companies you applied to step up like recruiters, the weekly target is
   ``weekly_touches`` * ``offer_touches_factor``, and ``offer_event`` suggests (weekly)
   going to a networking event or association meeting.

Rules 4 and 6's event suggestion live in meetings.py, the helpers both share (company
keys, pending applications) in people.py. Nothing here reads the clock, the store or the
terminal.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial

from jobhunt.dates import week_start
from jobhunt.records import Contact, Snapshot

# The vocabulary through its module (base.Action, base.Policy): the purity check in
# tests/test_rules_network.py lists the package, `jobhunt.rules`, as the import allowed.
from jobhunt.rules import base, meetings, people

# The shared helpers under the names this module has always used.
_key = people.company_key
_who = people.who
_last_touches = people.last_touches
pending_companies = people.pending_companies
offer_pending = people.offer_pending
OfferPending = people.OfferPending

STEP_UP_KINDS = ("recruiter", "recruitment-firm")
OFFER_STEP_UP_KINDS = ("industry-leader",)  # stepped up too while an offer is pending


# --------------------------------------------------------------------------- cadence


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
    due_from: date | None = None  # never due before (import linkedin --cadence)
    snoozed_until: date | None = None  # contact snooze: back on that day

    @property
    def why(self) -> str:
        basis = "last touch" if self.touched else "added"
        text = (
            f"stay-in-touch rule: every {self.cadence} days from {basis} {self.basis.isoformat()}"
        )
        if self.step_up:
            text += f"; stepped up: {self.step_up} (usually every {self.usual_cadence} days)"
        if self.due_from and self.due == self.due_from:
            text += f"; first due {self.due_from.isoformat()} (the first day of its schedule)"
        if self.snoozed_until and self.due == self.snoozed_until:
            text += f"; snoozed until {self.snoozed_until.isoformat()}"
        return text


def _due(day: date, contact: Contact, snoozed_until: date | None) -> date:
    """The cadence's day, never before the contact's `due_from` nor a snooze's day."""
    return max(day, contact.due_from or day, snoozed_until or day)


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
    snoozed_until: date | None = None,
) -> TouchPlan:
    """The next stay-in-touch day for one contact (as if it had a schedule: whether it
    has one is `contact.keep_in_touch`).

    `pending` is `pending_companies(...)`; `last_touch` adds interactions the
    contact record may not know of (the later of the two counts); `snoozed_until` is
    the day a snooze ends (`people.snoozed`).
    """
    basis, touched = _basis(contact, last_touch)
    usual, cadence, reason = _cadence(contact, policy, pending or {}, all_pending, offer)
    return TouchPlan(
        contact_id=contact.id,
        due=_due(basis + timedelta(days=cadence), contact, snoozed_until),
        basis=basis,
        touched=touched,
        cadence=cadence,
        usual_cadence=usual,
        own_cadence=bool(contact.every_days),
        step_up=reason,
        due_from=contact.due_from,
        snoozed_until=snoozed_until,
    )


# --------------------------------------------------------------------------- the rules


def network_actions(
    snapshot: Snapshot,
    *,
    today: date,
    policy: base.Policy,
    ghosted: frozenset[int] = frozenset(),
) -> Iterator[base.Action]:
    """The network section's actions; `ghosted` are the applications the agenda asks
    to mark ghosted (no find-a-contact for them)."""
    last = _last_touches(snapshot.touches)
    followed: set[int] = set()
    for action in meetings.event_actions(snapshot, today=today, policy=policy, last=last):
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
        yield _touch_action(plan(), contact, today)
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
    yield from find_contact_actions(snapshot, today=today, policy=policy, ghosted=ghosted)
    yield from meetings.offer_event_actions(snapshot, today=today, policy=policy)
    yield from target_actions(snapshot, today=today, policy=policy)


def due_touches(
    snapshot: Snapshot, *, today: date, policy: base.Policy, last: dict[int, date] | None = None
) -> list[tuple[date, Contact, Callable[[], TouchPlan]]]:
    """Rules 1 and 2: contacts whose stay-in-touch day has come, most overdue first, each
    with a function giving its full plan (built only for the few the agenda lists).
    Contacts without a schedule are never due; a snoozed one is due on its day."""
    last = _last_touches(snapshot.touches) if last is None else last
    pending = pending_companies(snapshot.open_applications)
    every = ", ".join(pending[k] for k in sorted(pending))  # once, not once per recruiter
    offer = offer_pending(snapshot.open_applications)
    snoozes = people.snoozed(snapshot.dismissals, today)
    due = []
    for contact in snapshot.contacts:
        if not contact.keep_in_touch:
            continue
        basis, _ = _basis(contact, last.get(contact.id))
        day = basis + timedelta(days=_cadence(contact, policy, pending, every, offer)[1])
        day = _due(day, contact, snoozes.get(contact.id))
        if day <= today:
            due.append((day, contact, partial(
                touch_plan, contact, policy=policy, pending=pending,
                last_touch=last.get(contact.id), all_pending=every, offer=offer,
                snoozed_until=snoozes.get(contact.id),
            )))  # fmt: skip
    due.sort(key=lambda item: (item[0], item[1].id))
    return due


def snooze_command(contact_id: int, until: date) -> str:
    """The answer to a stay-in-touch suggestion: not now, until `until`."""
    return f"jobhunt contact snooze {contact_id} --until {until.isoformat()}"


def skip_command(company: str) -> str:
    """The answer to a find-a-contact suggestion: I know nobody there, stop asking."""
    return f"jobhunt skip company {shlex.quote(company.strip())}"


def _touch_action(plan: TouchPlan, contact: Contact, today: date) -> base.Action:
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
        # Not now: back in one cadence from today.
        answer=snooze_command(contact.id, today + timedelta(days=plan.cadence)),
    )


def touch_actions(
    snapshot: Snapshot, *, today: date, policy: base.Policy, last: dict[int, date] | None = None
) -> Iterator[base.Action]:
    """Every contact due for a touch today (uncapped; the agenda lists a few a day)."""
    for _, contact, plan in due_touches(snapshot, today=today, policy=policy, last=last):
        yield _touch_action(plan(), contact, today)


def find_contact_key(company: str) -> str:
    """The "shown" key of a company's find-a-contact suggestion (the nudge table)."""
    return f"find_contact:company:{_key(company)}"


def find_contact_actions(
    snapshot: Snapshot,
    *,
    today: date,
    policy: base.Policy,
    ghosted: frozenset[int] = frozenset(),
) -> Iterator[base.Action]:
    """Rule 3: an open application at a company where you know nobody."""
    if policy.find_contact_max <= 0:
        return
    known = {_key(c.company) for c in snapshot.contacts if _key(c.company)}
    linked = {link.application_id for link in snapshot.links}
    skipped = people.skipped_companies(snapshot.dismissals, today)
    candidates = sorted(
        (
            a
            for a in snapshot.open_applications
            if a.is_open
            and a.status != "saved"
            and a.id not in linked
            and a.id not in ghosted
            and _key(a.company)
            and _key(a.company) not in known
            and _key(a.company) not in skipped
        ),
        key=lambda a: (a.applied_on is None, a.applied_on or date.min, a.id),
    )
    every = max(1, policy.find_contact_every_days)

    # The last day each company was suggested, through any of its applications (before
    # the per-company key, each application had its own key).
    last_shown: dict[str, date] = {}
    keyed = [(_key(a.company), f"find_contact:{a.id}") for a in snapshot.open_applications]
    keyed += [(_key(a.company), find_contact_key(a.company)) for a in candidates]
    for company, nudge in keyed:
        day = snapshot.nudges.get(nudge)
        if day is not None and day <= today and day > last_shown.get(company, date.min):
            last_shown[company] = day

    def waiting(key: str) -> bool:
        last = last_shown.get(key)
        return last is not None and last != today and (today - last).days < every

    # A company suggested in the last `every` days waits, so the day's slots go to
    # others; one suggestion per company is enough (its oldest application carries it).
    done = {_key(a.company) for a in candidates if waiting(_key(a.company))}
    shown = 0
    for app in candidates:
        if shown >= policy.find_contact_max:
            return
        if _key(app.company) in done:
            continue
        done.add(_key(app.company))
        since = (
            f"applied {app.applied_on.isoformat()}" if app.applied_on else f"status {app.status}"
        )
        yield base.Action(
            kind="find_contact",
            section="network",
            due=today,
            message=f"Find someone you know at {app.company} (your application: {app.role})",
            why=(
                f"find-contact rule: no contact at {app.company} yet; {since}; "
                f"at most once every {every} days per company"
            ),
            application_id=app.id,
            command=f"jobhunt contact add NAME --company {shlex.quote(app.company)}",
            nudge_key=find_contact_key(app.company),
            nudge_days=every,
            rank=60 + shown,  # keeps oldest-first through plan()'s sort
            answer=skip_command(app.company),
        )
        shown += 1


def touches_this_week(snapshot: Snapshot, *, today: date, policy: base.Policy) -> int:
    """The week's touches toward the target: interactions (`contact touch`), the
    follow-up of a meeting logged on an event's day counted with it (one person)."""
    start = week_start(today, policy.first_weekday)
    return sum(1 for t in meetings.counted_touches(snapshot) if start <= t.on <= today)


def weekly_touch_target(snapshot: Snapshot, *, policy: base.Policy) -> int:
    """The week's networking target: `weekly_touches`, times `offer_touches_factor`
    (rounded half up) while an offer is pending."""
    if offer_pending(snapshot.open_applications) is None:
        return policy.weekly_touches
    return int(policy.weekly_touches * policy.offer_touches_factor + 0.5)


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
