"""The work-search log unemployment offices ask for (`jobhunt export worklog`).

One line per work-search activity in a week: each application made that week, each
follow-up logged, each interview held (not the ones still ahead), each networking event
you went to (marked with `event attended ID`, or where you met a contact you added with
`--met-at`), and each touch you marked as an informational meeting. It states only what
was recorded, because a third party reads it and some states treat a false statement
as fraud:

* the person you dealt with: the contacts recorded with the entry (`interview --with`,
  `log --with`; as they are named now), else the entry's own text, else "not recorded";
  never guessed from the contacts linked to the application;
* how: an application's `--via`; a follow-up's or touch's channel through `METHODS`
  (one table; a channel with no equal among the application methods keeps its own
  word); an interview or an event: "not recorded" (jobhunt does not record it);
* an interview is one held: not one dated after its application was closed;
* the result: an application's status at the end of that week (today, while the week
  runs), an event "attended" or "contact made", a meeting "contact made".

What was not recorded says "not recorded" (JSON: null). An entry whose day an import did
not know is left out. `entries(...)` is pure.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from jobhunt.records import CLOSED_STATUSES, Application, Contact, Event, Interaction, Meetup

COLUMNS = (
    "Date",
    "Activity",
    "Employer",
    "Position",
    "URL",
    "Location",
    "Contact",
    "Method",
    "Result",
)
NOT_RECORDED = "not recorded"
# A channel (a follow-up's `log --via`, a touch's `contact touch --via`) as the log words
# it: the application methods' words where one means the same; else the channel's own word.
METHODS = {
    "email": "email",
    "note": "mail",  # a mailed note
    "phone": "phone",
    "call": "phone",
    "in-person": "in-person",
    "coffee": "in-person",
    "message": "message",  # a message on a site or app: not an application method
    "linkedin": "linkedin",
    "event": "event",  # in person or online: not recorded
}
# A networking event's kind -> its activity; every other kind is a "networking event".
EVENT_ACTIVITIES = {
    "career-fair": "job-fair",
    "workshop": "workshop",
    "career-centre": "career-centre",
}
NETWORKING = "networking event"
INFORMATIONAL = "informational meeting"
_ORDER = {"applied": 0, "follow-up": 1, "interview": 2, INFORMATIONAL: 4}


@dataclass(frozen=True, slots=True)
class Entry:
    day: date
    activity: str  # applied | follow-up | interview | an event's | informational meeting
    employer: str  # an event: its title
    position: str
    url: str | None
    location: str | None
    contact: str | None  # None: not recorded
    method: str | None  # None: not recorded
    result: str
    application_id: int | None
    event_id: int | None = None
    contact_id: int | None = None

    def cells(self) -> tuple[str, ...]:
        return (
            self.day.isoformat(),
            self.activity,
            self.employer,
            self.position,
            self.url or NOT_RECORDED,
            self.location or NOT_RECORDED,
            self.contact or NOT_RECORDED,
            self.method or NOT_RECORDED,
            self.result,
        )

    def view(self) -> dict[str, object]:
        return {
            "date": self.day.isoformat(),
            "activity": self.activity,
            "employer": self.employer,
            "position": self.position,
            "url": self.url,
            "location": self.location,
            "contact": self.contact,
            "method": self.method,
            "result": self.result,
            "application_id": self.application_id,
            "event_id": self.event_id,
            "contact_id": self.contact_id,
        }


def method_of(channel: str | None) -> str | None:
    """A channel as the log words it (METHODS), or None when none was recorded."""
    return METHODS.get(channel, channel) if channel else None


def people_of(event: Event, contacts: Mapping[int, Contact]) -> str | None:
    """Who took part, as recorded with the entry: its contacts' names as they are now,
    else its own text; None when nobody was recorded."""
    names = [contacts[i].name for i in event.people if i in contacts]
    return ", ".join(names) if names else event.person or None


def held(app: Application, day: date) -> bool:
    """Could an interview on `day` have been held? Not when the application was closed
    (rejected, withdrawn, ghosted, accepted) before that day: the calendar cancelled it."""
    before = [e for e in app.events if e.kind == "status" and e.status and e.on < day]
    last = max(before, key=lambda e: (e.on, e.id), default=None)
    return last is None or last.status not in CLOSED_STATUSES


def entries(
    applications: Iterable[Application],
    *,
    start: date,
    end: date,
    today: date,
    meetups: Iterable[Meetup] = (),
    touches: Iterable[Interaction] = (),
    contacts: Mapping[int, Contact] | None = None,
) -> list[Entry]:
    """The week's work-search activities, by day (pure). `touches`: the ones marked
    informational; `contacts`: every contact, by id."""
    contacts = contacts or {}
    found: list[Entry] = []
    for app in applications:

        def entry(
            day: date, activity: str, contact: str | None, method: str | None, app=app
        ) -> Entry:
            return Entry(
                day, activity, app.company, app.role, app.url, app.location, contact, method,
                app.status, app.id,
            )  # fmt: skip

        if app.applied_on is not None and start <= app.applied_on <= end:
            found.append(entry(app.applied_on, "applied", None, app.via))
        for event in app.events:
            if not event.dated or not start <= event.on <= end:
                continue
            if event.kind == "follow_up":
                who = people_of(event, contacts)
                found.append(entry(event.on, "follow-up", who, method_of(event.channel)))
            elif event.kind == "interview" and event.on <= today and held(app, event.on):
                found.append(entry(event.on, "interview", people_of(event, contacts), None))
    found.extend(_events(meetups, contacts, start=start, end=min(end, today)))
    for touch in touches:
        person = contacts.get(touch.contact_id)
        if person is None or not touch.informational or not start <= touch.on <= end:
            continue
        found.append(
            Entry(
                day=touch.on,
                activity=INFORMATIONAL,
                employer=person.company or "",
                position="",
                url=None,
                location=None,
                contact=person.name,
                method=method_of(touch.via),
                result="contact made",
                application_id=None,
                contact_id=person.id,
            )
        )
    found.sort(key=_order)
    return found


def _events(
    meetups: Iterable[Meetup], contacts: Mapping[int, Contact], *, start: date, end: date
) -> list[Entry]:
    """The networking events held from `start` through `end` that you went to: marked
    attended, or not marked and where you met a contact. Marked not attended: left out."""
    out = []
    for meetup in meetups:
        if not start <= meetup.on <= end or meetup.attended is False:
            continue
        met = [c.name for c in contacts.values() if c.met_at_event_id == meetup.id]
        if not meetup.attended and not met:
            continue
        out.append(
            Entry(
                day=meetup.on,
                activity=EVENT_ACTIVITIES.get(meetup.kind, NETWORKING),
                employer=meetup.title,
                position="",
                url=None,
                location=meetup.place,
                contact=", ".join(met) or None,
                method=None,
                result="attended" if meetup.attended else "contact made",
                application_id=None,
                event_id=meetup.id,
            )
        )
    return out


def _order(e: Entry) -> tuple:
    rank = _ORDER.get(e.activity, 3)  # events between interviews and meetings
    ident = e.application_id or e.event_id or e.contact_id or 0
    return (e.day, rank, e.employer.casefold(), ident)
