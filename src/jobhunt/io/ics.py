"""Calendar entries for what is coming up (`jobhunt export ics`).

`entries(...)` is pure: from open applications, networking events and courses to
entries over a window of weeks starting today, all-day but for interviews given a time
(`interview --at`), which `to_ical` writes timed in the user's zone (TZID and a
VTIMEZONE; UTC when the zone has no IANA name), `minutes` long (DEFAULT_MINUTES when not
given), with a DISPLAY reminder before them:

=====================  ===============================================  =========================
what                   when                                             UID (before the store's)
=====================  ===============================================  =========================
follow-up due          its due day (an overdue one: today), from        follow-up-<app>-<stage>
                       rules.follow_up_candidates
scheduled interview    the interview day (open applications)            interview-<event id>
networking event       its day                                          meetup-<event id>
course session         each of the course's weekdays inside its dates   course-<id>-<YYYY-MM-DD>
=====================  ===============================================  =========================

Every UID ends with the store's identifier (``follow-up-7-check_in@<store>.jobhunt``),
so two stores' or profiles' entries never collide in one calendar, and importing a
newer export updates the entries instead of duplicating them. SEQUENCE and
LAST-MODIFIED come from the stored history (`Stamp`), so exporting unchanged data
again gives the same file but for DTSTAMP. Entries that left the export because they
were done, closed or deleted are published as cancelled for 30 days (`icsgone`).
Text is stripped of control characters before it reaches `icalendar` (>= 7.3.0),
which escapes and folds the rest.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

from jobhunt.records import Application, Course, Meetup
from jobhunt.rules import Policy, follow_up_candidates

DOMAIN = "jobhunt"
PRODID = "-//jobhunt//jobhunt calendar export//EN"
_CONTROL = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufeff]"
)
_WEB = re.compile(r"^https?://[^\s\"<>\\^`{|}]+$", re.IGNORECASE)
DEFAULT_MINUTES = 60  # a timed interview given no --minutes
DEFAULT_REMINDER = 60  # minutes before a timed interview (config: reminder_minutes)
Scope = Callable[[str | None], str | None]  # a suggested command with --db/--profile


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
class Stamp:
    """An entry's revision: SEQUENCE and LAST-MODIFIED (ISO 8601 UTC, "" when unknown)."""

    sequence: int = 0
    modified: str = ""


@dataclass(frozen=True, slots=True)
class Entry:
    uid: str  # before the store's identifier: "follow-up-7-check_in"
    day: date
    summary: str
    description: str = ""
    location: str = ""
    url: str = ""
    category: str = ""
    stamp: Stamp = Stamp()
    cancelled: bool = False
    at: str = ""  # HH:MM: a timed entry in the user's time zone (else all-day)
    minutes: int = 0  # its length (0: DEFAULT_MINUTES)


def window(today: date, weeks: int) -> tuple[date, date]:
    return today, today + timedelta(days=7 * weeks - 1)


def _keep(command: str | None) -> str | None:
    return command


def interview_summary(app: Application, person: str | None) -> str:
    summary = f"Interview: {app.role} at {app.company}"
    return summary + f" with {person}" if person else summary


def application_entries(
    app: Application,
    *,
    today: date,
    policy: Policy,
    end: date | None = None,
    stamp: Stamp = Stamp(),
    scope: Scope = _keep,
) -> Iterator[Entry]:
    """An open application's follow-ups due and interviews ahead (through `end`)."""
    if not app.is_open:
        return
    for action in follow_up_candidates(app, today=today, policy=policy):
        if action.kind != "follow_up":
            continue
        day = max(action.due, today)
        if end is not None and day > end:
            continue
        lines = [action.why]
        if action.due < today:
            lines.insert(0, f"Was due {action.due.isoformat()}.")
        command = scope(action.command)
        if command:
            lines.append(f"When done: {command}")
        yield Entry(
            uid=f"follow-up-{app.id}-{action.stage}",
            day=day,
            summary=action.message,
            description="\n".join(lines),
            url=app.url or "",
            category="follow-up",
            stamp=stamp,
        )
    for event in app.events:
        if event.kind != "interview" or event.on < today or (end and event.on > end):
            continue
        link = event.place if event.place and _WEB.match(one_line(event.place)) else ""
        yield Entry(
            uid=f"interview-{event.id}",
            day=event.on,
            summary=interview_summary(app, event.person),
            description=event.note or "",
            location=event.place or app.location or "",
            url=link or app.url or "",
            category="interview",
            stamp=stamp,
            at=event.at or "",
            minutes=event.minutes or 0,
        )


def entries(
    *,
    applications: Iterable[Application],
    meetups: Iterable[Meetup],
    courses: Iterable[Course],
    today: date,
    weeks: int,
    policy: Policy,
    revisions: Mapping[int, tuple[int, str]] | None = None,
    created: Mapping[tuple[str, int], str] | None = None,
    scope: Scope = _keep,
) -> list[Entry]:
    """Everything due from today through `weeks` weeks, sorted by day (pure).

    `revisions`: {application id: (history entries, latest change)}; `created`:
    {("meetup" | "course", id): created_at}; `scope`: puts --db/--profile into the
    commands the descriptions suggest."""
    start, end = window(today, weeks)
    revisions, created = revisions or {}, created or {}
    found: list[Entry] = []
    for app in applications:
        stamp = Stamp(*revisions.get(app.id, (0, "")))
        found.extend(
            application_entries(app, today=today, policy=policy, end=end, stamp=stamp, scope=scope)
        )
    for meetup in meetups:
        if start <= meetup.on <= end:
            found.append(
                Entry(
                    uid=f"meetup-{meetup.id}",
                    day=meetup.on,
                    summary=f"Networking: {meetup.title}",
                    description="\n".join(x for x in (meetup.kind, meetup.note) if x),
                    location=meetup.place or "",
                    category="networking",
                    stamp=Stamp(0, created.get(("meetup", meetup.id), "")),
                )
            )
    for course in courses:
        if course.status == "active":
            stamp = Stamp(0, created.get(("course", course.id), course.created_at))
            found.extend(sessions(course, start, end, stamp=stamp))
    return sort(found)


def sort(found: list[Entry]) -> list[Entry]:
    return sorted(found, key=lambda e: (e.day, e.category, e.uid))


def course_label(course: Course) -> str:
    return f"{course.title} ({course.provider})" if course.provider else course.title


def sessions(course: Course, start: date, end: date, *, stamp: Stamp = Stamp()) -> Iterator[Entry]:
    """A course's sessions from `start` through `end`, inside its dates."""
    if not course.days:
        return
    first = max(start, course.starts_on or course.added_on)
    last = min(end, course.ends_on) if course.ends_on else end
    day = first
    while day <= last:
        if day.weekday() in course.days:
            yield Entry(
                uid=f"course-{course.id}-{day.isoformat()}",
                day=day,
                summary=f"Course session: {course_label(course)}",
                description=course.note or "",
                url=course.url or "",
                category="course",
                stamp=stamp,
            )
        day += timedelta(days=1)


def _instant(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text).astimezone(UTC).replace(microsecond=0)
    except ValueError:
        return None


def _timed(entry: Entry, zone: tzinfo) -> tuple[datetime, datetime]:
    """A timed entry's start and end: in `zone` when it has an IANA name (written with
    its TZID), else in UTC (the zone's offset as the system gives it)."""
    hours, mins = (int(part) for part in entry.at.split(":"))
    start = datetime.combine(entry.day, time(hours, mins), tzinfo=zone)
    if not isinstance(zone, ZoneInfo):
        start = start.astimezone(UTC)
    # Wall-clock arithmetic in the zone; fold/DST gaps resolved by zoneinfo.
    end = start + timedelta(minutes=entry.minutes or DEFAULT_MINUTES)
    return start, end


def _alarm(summary: str, minutes: int):  # type: ignore[no-untyped-def]
    from icalendar import Alarm

    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", f"Reminder: {summary}")
    alarm.add("trigger", timedelta(minutes=-minutes))
    return alarm


def to_ical(
    found: Iterable[Entry],
    *,
    store: str,
    now: datetime | None = None,
    zone: tzinfo = UTC,
    reminder: int = DEFAULT_REMINDER,
) -> bytes:
    """An iCalendar file (DTSTAMP in UTC); UIDs carry `store`. Entries with a time are
    timed in `zone` (with its VTIMEZONE) and carry a reminder `reminder` minutes before
    (0: none); the rest are all-day."""
    from icalendar import Calendar, Event

    stamp = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    years: set[int] = set()
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", "jobhunt")
    for entry in found:
        event = Event()
        event.add("uid", f"{entry.uid}@{store}.{DOMAIN}")
        event.add("dtstamp", stamp)
        if entry.at:
            start, end = _timed(entry, zone)
            event.add("dtstart", start)
            event.add("dtend", end)
            years.add(entry.day.year)
        else:
            event.add("dtstart", entry.day)
            event.add("dtend", entry.day + timedelta(days=1))
        event.add("sequence", entry.stamp.sequence)
        modified = _instant(entry.stamp.modified)
        if modified is not None:
            event.add("last-modified", modified)
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
        if entry.cancelled:
            event.add("status", "CANCELLED")
        # A timed interview takes up its time; all-day entries leave the day free.
        event.add("transp", "OPAQUE" if entry.at and not entry.cancelled else "TRANSPARENT")
        if entry.at and reminder and not entry.cancelled:
            event.add_component(_alarm(one_line(entry.summary) or "jobhunt", reminder))
        cal.add_component(event)
    if years:
        # The zone's rules over whole years around the entries: the same file for the
        # same entries, whatever day it is exported on.
        cal.add_missing_timezones(date(min(years) - 1, 1, 1), date(max(years) + 2, 1, 1))
    return cal.to_ical()
