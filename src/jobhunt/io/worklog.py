"""The work-search log unemployment offices ask for (`jobhunt export worklog`).

One line per employer contact in a week: each application made that week, each
follow-up logged, each interview held (not the ones still ahead). It states only what
was recorded, because a third party reads it and some states treat a false statement
as fraud: for each line, the date, the employer, the position, the posting's URL and
location (as recorded with the application), the person you dealt with only when one
was recorded (an interviewer given with `--with`; never guessed from the contacts
linked to the application), how only when it was recorded (a follow-up's channel), and
the application's status at the end of that week (today, while the week runs). What was
not recorded says "not recorded" (JSON: null). An entry whose day an import did not know
is left out. `entries(...)` is pure.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from jobhunt.records import Application

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
# A follow-up's channel, as the log words it.
METHODS = {
    "email": "email",
    "note": "mailed note",
    "phone": "phone",
    "message": "message",
    "in-person": "in person",
}
_ORDER = {"applied": 0, "follow-up": 1, "interview": 2}


@dataclass(frozen=True, slots=True)
class Entry:
    day: date
    activity: str  # applied | follow-up | interview
    employer: str
    position: str
    url: str | None
    location: str | None
    contact: str | None  # None: not recorded
    method: str | None  # None: not recorded
    result: str
    application_id: int

    def cells(self) -> tuple[str, ...]:
        return (
            self.day.isoformat(),
            self.activity,
            self.employer,
            self.position,
            self.url or "",
            self.location or "",
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
        }


def entries(
    applications: Iterable[Application], *, start: date, end: date, today: date
) -> list[Entry]:
    """The week's employer contacts, by day (pure)."""
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
            found.append(entry(app.applied_on, "applied", None, None))
        for event in app.events:
            if not event.dated or not start <= event.on <= end:
                continue
            if event.kind == "follow_up":
                method = METHODS.get(event.channel or "", event.channel)
                found.append(entry(event.on, "follow-up", event.person, method))
            elif event.kind == "interview" and event.on <= today:
                found.append(entry(event.on, "interview", event.person, None))
    found.sort(key=lambda e: (e.day, _ORDER[e.activity], e.employer.casefold(), e.application_id))
    return found
