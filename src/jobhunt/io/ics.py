"""Calendar entries for what is coming up (`jobhunt export ics`).

`entries(...)` is pure: from open applications, networking events and courses to
all-day entries over a window of weeks starting today:

=====================  ===============================================  =========================
what                   when                                             UID
=====================  ===============================================  =========================
follow-up due          its due day (an overdue one: today), from        follow-up-<app>-<stage>
                       rules.follow_up_candidates
scheduled interview    the interview day (open applications)            interview-<event id>
networking event       its day                                          meetup-<event id>
course session         each of the course's weekdays inside its dates   course-<id>-<YYYY-MM-DD>
=====================  ===============================================  =========================

UIDs (with ``@jobhunt``) come from the records, so importing a newer export into a
calendar updates its entries instead of duplicating them. Text is stripped of control
characters before it reaches `icalendar` (>= 7.3.0), which escapes and folds the rest.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from jobhunt.records import Application, Course, Meetup
from jobhunt.rules import Policy, follow_up_candidates

DOMAIN = "jobhunt"
PRODID = "-//jobhunt//jobhunt calendar export//EN"
_CONTROL = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufeff]"
)
_WEB = re.compile(r"^https?://[^\s\"<>\\^`{|}]+$", re.IGNORECASE)


def one_line(value: str | None) -> str:
    """Text for a one-line field: every control character (line breaks too) -> a space."""
    if not value:
        return ""
    value = value.replace("\r\n", " ").replace("\r", " ").replace("\n", " ")
    return " ".join(_CONTROL.sub(" ", value).split())


def multi_line(value: str | None) -> str:
    """Text for a description: line breaks kept, every other control character removed."""
    if not value:
        return ""
    value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return _CONTROL.sub("", value).strip()


@dataclass(frozen=True, slots=True)
class Entry:
    uid: str
    day: date
    summary: str
    description: str = ""
    location: str = ""
    url: str = ""
    category: str = ""


def window(today: date, weeks: int) -> tuple[date, date]:
    return today, today + timedelta(days=7 * weeks - 1)


def entries(
    *,
    applications: Iterable[Application],
    meetups: Iterable[Meetup],
    courses: Iterable[Course],
    today: date,
    weeks: int,
    policy: Policy,
) -> list[Entry]:
    """Everything due from today through `weeks` weeks, sorted by day (pure)."""
    start, end = window(today, weeks)
    found: list[Entry] = []
    for app in applications:
        if not app.is_open:
            continue
        for action in follow_up_candidates(app, today=today, policy=policy):
            if action.kind != "follow_up":
                continue
            day = max(action.due, today)
            if day > end:
                continue
            lines = [action.why]
            if action.due < today:
                lines.insert(0, f"Was due {action.due.isoformat()}.")
            if action.command:
                lines.append(f"When done: {action.command}")
            found.append(
                Entry(
                    uid=f"follow-up-{app.id}-{action.stage}@{DOMAIN}",
                    day=day,
                    summary=action.message,
                    description="\n".join(lines),
                    url=app.url or "",
                    category="follow-up",
                )
            )
        for event in app.events:
            if event.kind != "interview" or not start <= event.on <= end:
                continue
            summary = f"Interview: {app.role} at {app.company}"
            if event.person:
                summary += f" with {event.person}"
            found.append(
                Entry(
                    uid=f"interview-{event.id}@{DOMAIN}",
                    day=event.on,
                    summary=summary,
                    description=event.note or "",
                    location=app.location or "",
                    url=app.url or "",
                    category="interview",
                )
            )
    for meetup in meetups:
        if start <= meetup.on <= end:
            found.append(
                Entry(
                    uid=f"meetup-{meetup.id}@{DOMAIN}",
                    day=meetup.on,
                    summary=f"Networking: {meetup.title}",
                    description="\n".join(x for x in (meetup.kind, meetup.note) if x),
                    location=meetup.place or "",
                    category="networking",
                )
            )
    for course in courses:
        found.extend(_sessions(course, start, end))
    found.sort(key=lambda e: (e.day, e.category, e.uid))
    return found


def _sessions(course: Course, start: date, end: date) -> Iterable[Entry]:
    if course.status != "active" or not course.days:
        return
    first = max(start, course.starts_on or course.added_on)
    last = min(end, course.ends_on) if course.ends_on else end
    label = f"{course.title} ({course.provider})" if course.provider else course.title
    day = first
    while day <= last:
        if day.weekday() in course.days:
            yield Entry(
                uid=f"course-{course.id}-{day.isoformat()}@{DOMAIN}",
                day=day,
                summary=f"Course session: {label}",
                description=course.note or "",
                url=course.url or "",
                category="course",
            )
        day += timedelta(days=1)


def to_ical(found: Iterable[Entry], *, now: datetime | None = None) -> bytes:
    """An iCalendar file of all-day entries (DTSTAMP in UTC)."""
    from icalendar import Calendar, Event

    stamp = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", "jobhunt")
    for entry in found:
        event = Event()
        event.add("uid", entry.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", entry.day)
        event.add("dtend", entry.day + timedelta(days=1))
        event.add("summary", one_line(entry.summary) or "jobhunt")
        description = multi_line(entry.description)
        if description:
            event.add("description", description)
        location = one_line(entry.location)
        if location:
            event.add("location", location)
        url = one_line(entry.url)
        if url and _WEB.match(url):
            event.add("url", url)
        event.add("categories", ["jobhunt", entry.category] if entry.category else ["jobhunt"])
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return cal.to_ical()
