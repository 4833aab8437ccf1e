"""`jobhunt brief`: one page to read before an interview.

The application, its interviews and full timeline, the people you know at the
company, the skills the posting asks for against yours and your courses, and notes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

import typer

from jobhunt.cli._common import AppId, Json, state

if TYPE_CHECKING:
    from jobhunt.records import Contact, Course, Event, Interaction, Meetup

SKILL_MARKS = ("have", "done course", "studying", "gap")
LINK_ORDER = ("interviewer", "recruiter", "referral", "other")


@dataclass(frozen=True, slots=True)
class SkillMatch:
    skill: str
    mark: str  # one of SKILL_MARKS
    course: str | None = None  # the course that covers it (done course / studying)


@dataclass(frozen=True, slots=True)
class Person:
    contact: Contact
    link_role: str | None  # None: not linked, works at the company
    last: Interaction | None
    meetup: Meetup | None


def match_skills(
    wanted: Iterable[str], have: Iterable[str], courses: Iterable[Course]
) -> list[SkillMatch]:
    """Each skill the posting asks for: have, done course, studying, or gap (in that order).

    Matching is case-insensitive; dropped courses do not count.
    """
    mine = {s.casefold() for s in have}
    courses = list(courses)
    found = []
    for skill in wanted:
        key = skill.casefold()
        covering = [c for c in courses if key in {s.casefold() for s in c.skills}]
        done = [c for c in covering if c.status == "done"]
        active = [c for c in covering if c.status == "active"]
        if key in mine:
            found.append(SkillMatch(skill, "have"))
        elif done:
            found.append(SkillMatch(skill, "done course", done[0].title))
        elif active:
            found.append(SkillMatch(skill, "studying", active[0].title))
        else:
            found.append(SkillMatch(skill, "gap"))
    return found


def people_at(
    company: str, linked: Iterable[tuple[Contact, str]], others: Iterable[Contact]
) -> list[tuple[Contact, str | None]]:
    """Linked contacts (interviewer, recruiter, referral, other), then the other contacts
    whose company is the same, ignoring case and surrounding spaces."""
    rank = {role: i for i, role in enumerate(LINK_ORDER)}
    chosen = sorted(linked, key=lambda p: (rank.get(p[1], len(rank)), p[0].id))
    seen = {c.id for c, _ in chosen}
    key = company.strip().casefold()
    rest = [
        c
        for c in sorted(others, key=lambda c: c.id)
        if c.id not in seen and c.company and c.company.strip().casefold() == key
    ]
    return [*((c, role) for c, role in chosen), *((c, None) for c in rest)]


def interview_when(event: Event, today: date) -> str:
    if event.on < today:
        return "held"
    return "today" if event.on == today else "scheduled"


def _person_view(p: Person) -> dict:
    c = p.contact
    return {
        "id": c.id,
        "name": c.name,
        "company": c.company,
        "title": c.title,
        "kind": c.kind,
        "email": c.email,
        "phone": c.phone,
        "link_role": p.link_role,
        "met": c.met,
        "met_at_event": (
            {"id": p.meetup.id, "title": p.meetup.title, "on": p.meetup.on} if p.meetup else None
        ),
        "last_interaction": (
            {"on": p.last.on, "via": p.last.via, "note": p.last.note} if p.last else None
        ),
        "note": c.note,
    }


def _how_met(p: Person) -> str:
    parts = []
    if p.contact.met:
        parts.append(p.contact.met)
    if p.meetup:
        parts.append(f"at {p.meetup.title} ({p.meetup.on.isoformat()})")
    return "; ".join(parts)


def _last(p: Person) -> str:
    if p.last is None:
        return "never"
    text = f"{p.last.on.isoformat()} by {p.last.via}"
    return f"{text}: {p.last.note}" if p.last.note else text


def _last_step(conn, contact_id: int, today: date) -> Interaction | None:  # type: ignore[no-untyped-def]
    """The latest round held (before today: today's is what the brief prepares for) or
    follow-up (by today) with this contact, on any application, as an interaction."""
    from jobhunt import store
    from jobhunt.records import Interaction

    found: Interaction | None = None
    for link in store.links_for(conn, contact_id=contact_id):
        for e in store.get_application(conn, link.application_id).events:
            held = e.on < today if e.kind == "interview" else e.on <= today
            if contact_id in e.people and held and (found is None or e.on > found.on):
                found = Interaction(0, contact_id, e.kind.replace("_", "-"), e.on)
    return found


def brief(ctx: typer.Context, app_id: AppId, as_json: Json = False) -> None:
    """One page to read before an interview: the job, its interviews and timeline, the
    people you know there, the skills asked for against yours and your courses, notes."""
    from jobhunt import store
    from jobhunt.cli._common import local_today
    from jobhunt.cli.applications import _describe, view
    from jobhunt.errors import NotFound
    from jobhunt.render import Output, clean

    conn = state(ctx).conn()
    today = local_today()
    app = store.get_application(conn, app_id)
    linked = [
        (store.get_contact(conn, link.contact_id, today=today), link.role)
        for link in store.links_for(conn, application_id=app_id)
    ]
    company = app.company.strip()
    others = store.list_contacts(conn, company=company, today=today) if company else []
    people = []
    for contact, role in people_at(app.company, linked, others):
        touches = store.interactions_of(conn, contact.id)
        meetup = None
        if contact.met_at_event_id is not None:
            try:
                meetup = store.get_meetup(conn, contact.met_at_event_id)
            except NotFound:
                meetup = None
        last = touches[-1] if touches else None
        step = _last_step(conn, contact.id, today)
        if step is not None and (last is None or step.on > last.on):
            last = step  # an interview round or follow-up is being in touch too
        people.append(Person(contact, role, last, meetup))
    skills = match_skills(
        app.skills, store.list_skills(conn), store.list_courses(conn, include_closed=True)
    )
    interviews = [e for e in app.events if e.kind == "interview"]
    out = Output(as_json=as_json)
    if out.is_json:
        out.json(
            application=view(app),
            interviews=[
                {
                    "on": e.on,
                    "when": interview_when(e, today),
                    "person": e.person,
                    "note": e.note,
                }
                for e in interviews
            ],
            people=[_person_view(p) for p in people],
            skills=[{"skill": s.skill, "mark": s.mark, "course": s.course} for s in skills],
            notes=app.note,
        )
        return
    out.fields(
        [
            ("Company", app.company),
            ("Role", app.role),
            ("Posting", app.url),
            ("Status", app.status),
            ("Applied", app.applied_on or "not yet"),
            ("Location", app.location),
            ("Type", app.job_type),
            ("Salary", app.salary),
            ("Source", app.source),
        ],
        title=f"Interview brief {app.id}: {clean(app.company)} — {clean(app.role)}",
    )
    out.line()
    out.heading("Interviews")
    if interviews:
        out.table(
            ("Day", "When", "With", "Note"),
            [
                (e.on.isoformat(), interview_when(e, today), e.person or "", e.note or "")
                for e in interviews
            ],
        )
    else:
        out.line(f"None recorded; add one with: jobhunt interview {app.id} --on DATE")
    out.line()
    out.heading("Timeline")
    out.table(("Day", "What", "Details"), [(e.on.isoformat(), *_describe(e)) for e in app.events])
    out.line()
    out.heading("People you know there")
    if people:
        out.table(
            ("ID", "Name", "Title", "Linked as", "Email / phone", "Last interaction", "How met"),
            [
                (
                    p.contact.id,
                    p.contact.name,
                    p.contact.title or "",
                    p.link_role or "works there",
                    " / ".join(v for v in (p.contact.email, p.contact.phone) if v),
                    _last(p),
                    _how_met(p),
                )
                for p in people
            ],
        )
    else:
        import shlex

        company = clean(shlex.quote(app.company))
        out.line(f"Nobody yet. Add someone: jobhunt contact add NAME --company {company}")
    out.line()
    out.heading("Skills the posting asks for")
    if skills:
        out.table(("Skill", "You", "Course"), [(s.skill, s.mark, s.course or "") for s in skills])
    else:
        out.line(f"None recorded; add them with: jobhunt edit {app.id} --skill SKILL")
    out.line()
    out.heading("Notes")
    if app.note:
        for line in app.note.splitlines() or [""]:
            out.line(clean(line))
    else:
        out.line("None.")
