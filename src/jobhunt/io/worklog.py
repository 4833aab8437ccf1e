"""The work-search log unemployment offices ask for (`jobhunt export worklog`).

One line per employer contact in a week: each application made that week, each
follow-up logged, each interview held (not the ones still ahead). For each: the date,
employer, position, the person you dealt with (the interviewer, or the contacts linked
to the application), how (the channel, or "online application") and the result (the
application's status now). `entries(...)` is pure.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from jobhunt.records import Application

COLUMNS = ("Date", "Activity", "Employer", "Position", "Contact", "Method", "Result")
METHODS = {
    "email": "email",
    "note": "mailed note",
    "phone": "phone",
    "message": "message",
    "in-person": "in person",
}
# Which linked contacts name the contact person for each activity, in order of preference.
_PEOPLE = {
    "applied": ("referral", "recruiter", "other", "interviewer"),
    "follow-up": ("recruiter", "referral", "other", "interviewer"),
    "interview": ("interviewer", "recruiter", "other", "referral"),
}
_ORDER = {"applied": 0, "follow-up": 1, "interview": 2}


@dataclass(frozen=True, slots=True)
class Entry:
    day: date
    activity: str  # applied | follow-up | interview
    employer: str
    position: str
    contact: str
    method: str
    result: str
    application_id: int

    def cells(self) -> tuple[str, ...]:
        return (
            self.day.isoformat(),
            self.activity,
            self.employer,
            self.position,
            self.contact,
            self.method,
            self.result,
        )

    def view(self) -> dict[str, object]:
        return {
            "date": self.day.isoformat(),
            "activity": self.activity,
            "employer": self.employer,
            "position": self.position,
            "contact": self.contact,
            "method": self.method,
            "result": self.result,
            "application_id": self.application_id,
        }


def _people(linked: Sequence[tuple[str, str]], activity: str) -> str:
    order = _PEOPLE[activity]
    ranked = sorted(
        (order.index(role) if role in order else len(order), name) for name, role in linked
    )
    best = [name for rank, name in ranked if rank == ranked[0][0]] if ranked else []
    return ", ".join(best)


def entries(
    applications: Iterable[Application],
    linked: Mapping[int, Sequence[tuple[str, str]]],
    *,
    start: date,
    end: date,
    today: date,
) -> list[Entry]:
    """The week's employer contacts, by day (pure). `linked`: {app id: [(name, role)]}."""
    found: list[Entry] = []
    for app in applications:
        people = linked.get(app.id, ())

        def entry(day: date, activity: str, contact: str, method: str, app=app) -> Entry:
            return Entry(day, activity, app.company, app.role, contact, method, app.status, app.id)

        if app.applied_on is not None and start <= app.applied_on <= end:
            found.append(
                entry(app.applied_on, "applied", _people(people, "applied"), "online application")
            )
        for event in app.events:
            if not start <= event.on <= end:
                continue
            if event.kind == "follow_up":
                contact = event.person or _people(people, "follow-up")
                method = METHODS.get(event.channel or "", event.channel or "follow-up")
                found.append(entry(event.on, "follow-up", contact, method))
            elif event.kind == "interview" and event.on <= today:
                contact = event.person or _people(people, "interview")
                found.append(entry(event.on, "interview", contact, "interview"))
    found.sort(key=lambda e: (e.day, _ORDER[e.activity], e.employer.casefold(), e.application_id))
    return found
