"""Who a draft goes to, and which application draft is due: pure, records and `today` in.

- after-apply, withdraw, accept: the linked contact of kind hiring-manager, else the
  recruiter (linked as recruiter, or of kind recruiter), else the hiring team;
- thank-you: the person of the latest round held (a linked contact of that name gives
  the email), else every contact linked as interviewer, else the hiring team;
- check-in: the person of the latest round held, else the recruiter, else the hiring team;
- thank-referral: every contact linked as referral.

A referral is never the addressee of an application draft: they get `thank-referral`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from jobhunt.errors import InputError

if TYPE_CHECKING:
    from jobhunt.records import Application, Contact, Event
    from jobhunt.rules import Policy

# rules.follow_up_candidates' stage -> the draft for it.
STAGE_KINDS = {"after_apply": "after-apply", "thank_you": "thank-you", "check_in": "check-in"}
# What a closed application may still want, in the order the error names them.
CLOSED_KINDS = ("thank-you", "withdraw", "accept", "thank-referral")


@dataclass(frozen=True, slots=True)
class Recipient:
    """Whom a draft is for: a name, and the contact behind it when there is one."""

    name: str | None
    contact: Contact | None = None

    @property
    def email(self) -> str | None:
        email = self.contact.email if self.contact else None
        return email.strip() or None if email else None


HIRING_TEAM = Recipient(None)


def fold(text: str) -> str:
    """A name compared ignoring case, accents and spacing: 'Hélène  Cho' ~ 'helene cho'."""
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    return " ".join(plain.casefold().split())


def held_rounds(events: Sequence[Event], *, today: date) -> list[Event]:
    """The interviews on or before today, oldest first."""
    return sorted(
        (e for e in events if e.kind == "interview" and e.on <= today), key=lambda e: (e.on, e.id)
    )


def _people(round_: Event, linked: Sequence[tuple[Contact, str]]) -> list[Recipient]:
    """Who took part in a round: its contacts (interview --with), else its free-text name."""
    by_id = {c.id: c for c, _role in linked}
    found = [by_id[i] for i in round_.people if i in by_id]
    if found:
        return [Recipient(c.name.strip(), c) for c in found]
    named = _person(round_, linked)
    return [named] if named else []


def _person(round_: Event, linked: Sequence[tuple[Contact, str]]) -> Recipient | None:
    name = (round_.person or "").strip()
    if not name:
        return None
    for contact, _role in sorted(linked, key=lambda pair: pair[0].id):
        if fold(contact.name) == fold(name):
            return Recipient(contact.name.strip(), contact)
    return Recipient(name)


def _of(contacts: Iterable[Contact]) -> list[Recipient]:
    return [Recipient(c.name.strip(), c) for c in sorted(contacts, key=lambda c: c.id)]


def recipients(
    kind: str, app: Application, linked: Sequence[tuple[Contact, str]], *, today: date
) -> list[Recipient]:
    """Whom the `kind` draft for `app` goes to (see the table above): never empty."""
    referrals = [c for c, role in linked if role == "referral"]
    if kind == "thank-referral":
        if not referrals:
            raise InputError(
                f"no referral is linked to application {app.id}",
                hint=f"link them: jobhunt contact link CONTACT_ID {app.id} --as referral",
            )
        return _of(referrals)
    others = [(c, role) for c, role in linked if role != "referral"]
    recruiters = _of(c for c, role in others if role == "recruiter" or c.kind == "recruiter")
    rounds = held_rounds(app.events, today=today)
    if kind in ("thank-you", "check-in") and rounds:
        named = _people(rounds[-1], linked)
        if named:
            return named if kind == "thank-you" else named[:1]
        if kind == "thank-you":
            interviewers = _of(c for c, role in others if role == "interviewer")
            return interviewers or [HIRING_TEAM]
        return recruiters[:1] or [HIRING_TEAM]
    managers = _of(c for c, _role in others if c.kind == "hiring-manager")
    return (managers or recruiters)[:1] or [HIRING_TEAM]


def next_draft(app: Application, *, today: date, policy: Policy) -> tuple[str, date | None]:
    """The draft `app` is waiting for: (kind, None) when due now, else (kind, its day).

    An InputError when nothing is to come: a closed application (naming the kinds that
    still apply), or one that was followed up with no interview held.
    """
    from jobhunt import rules

    if not app.is_open:
        kinds = ", ".join(f"--kind {k}" for k in CLOSED_KINDS)
        raise InputError(
            f"application {app.id} is closed ({app.status}): no follow-up is due; "
            f"what may still apply: {kinds}"
        )
    if app.status == "saved":
        raise InputError(
            f"nothing to draft for application {app.id}: it is a saved job you have not "
            "applied to yet",
            hint=f"when you apply: jobhunt status {app.id} applied",
        )
    if app.status == "offer":
        raise InputError(
            f"nothing to follow up for application {app.id}: it has an offer waiting for "
            "your answer",
            hint=f"jobhunt draft {app.id} --kind accept, or --kind withdraw to decline it",
        )
    rounds = held_rounds(app.events, today=today)
    candidates = list(rules.follow_up_candidates(app, today=today, policy=policy))
    found = sorted(
        (a for a in candidates if a.kind == "follow_up" and a.stage in STAGE_KINDS),
        key=lambda a: (a.due, a.rank),
    )
    if not found and any(a.kind == "ghosted" and a.due <= today for a in candidates):
        # Silent this long, the agenda asks to mark it ghosted instead of chasing it.
        raise InputError(
            f"nothing to draft for application {app.id} now: no reply in "
            f"{policy.ghost_after_days} days, so the agenda suggests you mark it ghosted "
            f"(jobhunt status {app.id} ghosted)",
            hint=f"to write one anyway: jobhunt draft {app.id} --kind "
            + ("check-in" if rounds else "after-apply"),
        )
    for action in found:
        kind = STAGE_KINDS[action.stage]  # type: ignore[index]
        if kind == "check-in" and not rounds:
            continue
        return kind, (None if action.due <= today else action.due)
    follow_ups = [e.on for e in app.events if e.kind == "follow_up"]
    if rounds and not any(on >= rounds[-1].on for on in follow_ups):
        return "thank-you", None
    ahead = sorted(e.on for e in app.events if e.kind == "interview" and e.on > today)
    if ahead:
        return "thank-you", ahead[0] + timedelta(days=1)
    if not follow_ups and not rounds:
        return "after-apply", None
    raise InputError(
        f"nothing to draft for application {app.id} now: "
        + ("it was followed up and no interview has happened" if not rounds else "all done"),
        hint=f"choose one with --kind, e.g. jobhunt draft {app.id} --kind withdraw",
    )


def parse_person(text: str) -> int | str:
    """`#ID` -> the id; anything else -> the name, trimmed. Blank or a bad id: InputError."""
    value = text.strip()
    if not value:
        raise InputError("a person is empty; give a NAME or #CONTACT_ID")
    if value.startswith("#"):
        digits = value[1:].strip()
        if not digits.isdigit():
            raise InputError(f"invalid contact id {value!r}; write it #ID, e.g. #3")
        return int(digits)
    return value


def match_contact(name: str, contacts: Iterable[Any], *, company: str | None = None) -> Any:
    """The one contact (anything with an id, a name and a company) called `name`, ignoring
    case and accents, preferring those at `company`; None when nobody is; an InputError
    listing the ids when several are."""
    found = [c for c in contacts if fold(c.name) == fold(name)]
    if company and len(found) > 1:
        there = [c for c in found if c.company and fold(c.company) == fold(company)]
        found = there or found
    if len(found) > 1:
        ids = ", ".join(str(c.id) for c in sorted(found, key=lambda c: c.id))
        raise InputError(
            f"{len(found)} contacts are called {name!r}: {ids}",
            hint="give one as #ID",
        )
    return found[0] if found else None
