"""Who the network rules are about: companies matched by name, who a contact is, when
each was last in touch, and which applications are pending (an interview or an offer).

Shared by network.py (stay-in-touch cadences) and meetings.py (events); pure.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from jobhunt.records import Application, Contact, Dismissal, Interaction


def company_key(company: str | None) -> str:
    """Company names compare case-insensitively and ignoring outer spaces."""
    return (company or "").strip().casefold()


def snoozed(dismissals: Iterable[Dismissal], today: date) -> dict[int, date]:
    """{contact id: the day their latest snooze ends} (`contact snooze ID --until DATE`),
    counting the answers given by `today`; the latest answer counts (snoozing again
    changes the day). A contact is never due before that day: back ON it, and overdue
    from it, not from before the snooze."""
    latest: dict[int, Dismissal] = {}
    for d in sorted(dismissals, key=lambda d: (d.on, d.id)):
        if d.contact_id is not None and d.on <= today:
            latest[d.contact_id] = d
    return {cid: (d.until or date.max) for cid, d in latest.items()}


def skipped_companies(dismissals: Iterable[Dismissal], today: date) -> frozenset[str]:
    """Match keys of the companies whose find-a-contact suggestion is skipped on `today`
    (`skip company NAME [--until DATE]`: for good, or until that day, not included)."""
    return frozenset(company_key(d.company) for d in dismissals if d.company and d.holds(today))


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
        key = company_key(app.company)
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
    targets = frozenset(
        company_key(a.company) for a in apps if a.status != "saved" and company_key(a.company)
    )
    return OfferPending(f"offer pending at {', '.join(offers)}", targets)


def last_touches(touches: Iterable[Interaction]) -> dict[int, date]:
    last: dict[int, date] = {}
    for t in touches:
        if t.contact_id not in last or t.on > last[t.contact_id]:
            last[t.contact_id] = t.on
    return last


def who(contact: Contact) -> str:
    if contact.company:
        return f"{contact.name} ({contact.kind} at {contact.company})"
    return f"{contact.name} ({contact.kind})"
