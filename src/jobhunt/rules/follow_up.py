"""The follow-up habit: chase every application you sent, and no more than the rules say.

After applying, **one** follow-up (an email or mailed note) `follow_up_after_days`
later, then never again. A scheduled interview shows the day before and on its day;
after the latest interview, a thank-you note the next day, then a weekly check-in (a
phone call and a note) until the outcome is known; while the next round is scheduled, no
check-in is due. No response long after applying (with or without the follow-up):
suggest marking it ghosted, at most once a week, instead of a follow-up overdue for
months. An offer with a day to answer by: a decision reminder two days before and on
that day. A snooze holds follow-ups back to its day, and closed applications produce
none. Whoever referred you is thanked apart, once after applying (`referral_thanks`).
Nothing here reads the clock, the store or the terminal.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, timedelta

from jobhunt.records import OUTCOME_STATUSES, Application, Event, Snapshot
from jobhunt.rules.base import Action, Policy

DECISION_NOTICE_DAYS = 2  # an offer's answer-by day shows this many days ahead


def _of(events: Iterable[Event], kind: str) -> list[Event]:
    return sorted((e for e in events if e.kind == kind), key=lambda e: (e.on, e.id))


def _snoozed_until(app: Application, *, since: date | None = None) -> date | None:
    """The latest snooze's day, counting only snoozes made on or after `since`."""
    snoozes = [e for e in _of(app.events, "snooze") if since is None or e.on >= since]
    return snoozes[-1].until if snoozes else None


def application_actions(app: Application, *, today: date, policy: Policy) -> Iterator[Action]:
    """Follow-ups, interview notices and the ghosted suggestion due today for one application."""
    for action in follow_up_candidates(app, today=today, policy=policy):
        if action.due <= today or action.kind in ("interview", "decision"):
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
            at = f" at {iv.at}" if iv.at else ""
            yield Action(
                kind="interview",
                section="follow_up",
                due=iv.on,
                message=f"Interview {when}{at} with {who}",
                why=f"interview scheduled for {iv.on.isoformat()}{_timing(iv)}",
                application_id=app.id,
                command=f"jobhunt show {app.id}",
                rank=0,
            )

    if app.status == "offer":
        yield from _decision(app, today=today, who=who)
    if app.status in OUTCOME_STATUSES:
        return  # the outcome is known (an offer too): nothing left to chase
    # A round happens on its day: until the day after, it is still ahead.
    past = [iv for iv in interviews if iv.on < today]
    ahead = any(iv.on >= today for iv in interviews)
    if past:
        # A snooze made before the latest interview does not hold back its follow-ups.
        later = _snoozed_until(app, since=past[-1].on)

        def hold_after(due: date) -> date:
            return max(due, later) if later else due

        yield from _after_interview(
            app, past[-1], follow_ups, hold_after, today, policy, who, next_round=ahead
        )
        return
    if interviews:
        return  # the first interview is still ahead: nothing to chase meanwhile

    if app.applied_on is None:
        return
    if not follow_ups:
        due = hold(app.applied_on + timedelta(days=policy.follow_up_after_days))
        if due <= today and (today - app.applied_on).days >= policy.ghost_after_days:
            # Never followed up, and silent this long: move on rather than chase it now.
            yield _ghosted(app, who, policy, "no follow-up made and no response")
            return
        yield Action(
            kind="follow_up",
            stage="after_apply",
            section="follow_up",
            due=due,
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
        yield _ghosted(app, who, policy, "followed up, no response")


def _ghosted(
    app: Application, who: str, policy: Policy, what: str, *, since: date | None = None
) -> Action:
    """Rule 3: silent long after applying (or after the last round or check-in, `since`):
    suggest marking it ghosted, weekly."""
    basis = since or app.applied_on
    assert basis is not None
    why = f"{what} in {policy.ghost_after_days} days"
    if since is None:
        why = f"applied {basis.isoformat()}, {why}"
    return Action(
        kind="ghosted",
        section="follow_up",
        due=basis + timedelta(days=policy.ghost_after_days),
        message=f"No reply from {who}: mark it ghosted and move on",
        why=why,
        application_id=app.id,
        command=f"jobhunt status {app.id} ghosted",
        nudge_key=f"ghosted:{app.id}",
        rank=90,
    )


def _decision(app: Application, *, today: date, who: str) -> Iterator[Action]:
    """An offer with a day to answer by: a reminder two days before and on that day."""
    offers = [e for e in _of(app.events, "status") if e.status == "offer"]
    by = offers[-1].until if offers else None
    if by is None or not 0 <= (by - today).days <= DECISION_NOTICE_DAYS:
        return
    when = "today" if by == today else f"by {by.isoformat()}"
    yield Action(
        kind="decision",
        section="follow_up",
        due=by,
        message=f"Decide on the offer from {who}: answer {when}",
        why=f"offer recorded {offers[-1].on.isoformat()}, to be answered by {by.isoformat()}",
        application_id=app.id,
        command=f"jobhunt status {app.id} accepted",
        rank=0,
    )


def _with(people: Iterable[int]) -> str:
    """` --with '#ID'` for each person reached: the thank-you goes to everyone in the
    round, the check-in to its first person (as `jobhunt draft` addresses them), so the
    printed command records whom it reached and counts as being in touch with them."""
    return "".join(f" --with '#{i}'" for i in people)


def _after_interview(
    app, last, follow_ups, hold, today, policy, who, *, next_round: bool = False
) -> Iterator[Action]:
    """Thank-you after each round, then a weekly phone check-in and note until the
    outcome; no check-in while the next round is scheduled (you know where you stand)."""
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
                command=f"jobhunt log {app.id} --via note{_with(last.people)}",
                rank=5,
            )
    if next_round:
        return
    basis = (
        f"last follow-up {check_ins[-1].on.isoformat()}"
        if check_ins
        else f"interviewed {last.on.isoformat()}"
    )
    heard = check_ins[-1].on if check_ins else last.on
    if check_in_due <= today and (today - heard).days >= policy.ghost_after_days:
        yield _ghosted(app, who, policy, f"{basis}, no check-in made and no response", since=heard)
        return
    yield Action(
        kind="follow_up",
        stage="check_in",
        section="follow_up",
        due=check_in_due,
        channels=("phone", "note"),
        message=f"Check in with {who}: a phone call and a note",
        why=f"{basis}; weekly check-in until you know the outcome",
        application_id=app.id,
        command=f"jobhunt log {app.id} --via phone{_with(last.people[:1])}",
        rank=6,
    )


def referral_thanks(snapshot: Snapshot, *, today: date) -> Iterator[Action]:
    """Thank whoever referred you: for each contact linked to an open, applied-to
    application as its referral, one suggestion from the applied day. Once: it is not
    shown again after the day it was first shown (its nudge key's history), and not at
    all once you were in touch with them on or after the applied day (a
    `draft ID --kind thank-referral --log`, or any `contact touch`)."""
    contacts = {c.id: c for c in snapshot.contacts}
    for app in sorted(snapshot.open_applications, key=lambda a: a.id):
        if app.status == "saved" or app.applied_on is None or app.applied_on > today:
            continue
        referrals = sorted(
            link.contact_id
            for link in snapshot.links
            if link.application_id == app.id and link.role == "referral"
        )
        for contact_id in referrals:
            contact = contacts.get(contact_id)
            if contact is None:
                continue
            if contact.last_touch is not None and contact.last_touch >= app.applied_on:
                continue  # thanked (or in touch) since applying
            key = f"thank_referral:{app.id}:{contact.id}"
            shown = snapshot.nudges.get(key)
            if shown is not None and shown < today:
                continue  # shown once already
            yield Action(
                kind="thank_referral",
                section="follow_up",
                due=app.applied_on,
                message=(f"Thank {contact.name} for referring you to {app.company} ({app.role})"),
                why=(
                    f"{contact.name} is linked as your referral; you applied "
                    f"{app.applied_on.isoformat()}; a thank-you once, after applying"
                ),
                application_id=app.id,
                contact_id=contact.id,
                command=f"jobhunt contact touch {contact.id} --via email",
                nudge_key=key,
                rank=80,
            )


def _timing(iv: Event) -> str:
    """An interview's time, length and place, as the agenda's reason words them."""
    parts = [f"at {iv.at}"] if iv.at else []
    if iv.minutes:
        parts.append(f"{iv.minutes} minutes")
    if iv.place:
        parts.append(f"where: {iv.place}")
    return ", " + ", ".join(parts) if parts else ""
