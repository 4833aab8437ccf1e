"""Drafts: follow-up messages filled from the records, and the mailto: links that send them.

Pure apart from reading template files: no store, no terminal, no clock (`today` is
always passed in). Templates are `string.Template` text (``$field`` / ``${field}``),
which, unlike ``str.format``, allows no attribute or index access. One file per kind:

    Subject: a subject line, may use $fields

    The body, may use $fields.

Built-in templates ship in ``jobhunt/templates/``; a file of the same name in the
user's config folder (``<config>/jobhunt/templates/<kind>.txt``) overrides one.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from jobhunt.addressing import HIRING_TEAM as HIRING_TEAM
from jobhunt.addressing import STAGE_KINDS as STAGE_KINDS
from jobhunt.addressing import Recipient
from jobhunt.addressing import next_draft as next_draft
from jobhunt.addressing import recipients as recipients
from jobhunt.errors import InputError

if TYPE_CHECKING:
    from jobhunt.records import Application, Contact, Event, Meetup

APPLICATION_KINDS = (
    "after-apply",
    "thank-you",
    "check-in",
    "withdraw",
    "accept",
    "thank-referral",
)
CONTACT_KINDS = ("touch", "after-event", "referral-ask")
KINDS = APPLICATION_KINDS + CONTACT_KINDS

# How `draft --log` records an application follow-up (a contact touch is always email).
LOG_CHANNELS = {
    "after-apply": "email",
    "thank-you": "note",
    "check-in": "phone",
    "withdraw": "email",
    "accept": "email",
    "thank-referral": "email",
}
CONTACT_LOG_CHANNEL = "email"
# Whom an application draft is addressed to, among the contacts linked to it.
LINK_PREFERENCE = ("interviewer", "recruiter", "referral", "other")
# In a phone check-in, the call script comes first; the note to mail follows this line.
NOTE_MARKER = "--- Note to send after the call ---"

# Every field a template may name, with what it holds and its fallback (documented in
# docs/drafts.md; a test keeps the two in step).
APPLICATION_FIELDS: dict[str, str] = {
    "company": "the employer",
    "role": "the job title",
    "position": "'the <role> position'",
    "url": "the posting URL; fallback: empty",
    "status": "the application's status",
    "applied_on": "the day you applied, e.g. '17 November 2026'; fallback: 'not recorded'",
    "applied_when": "'on 17 November 2026'; fallback: 'recently'",
    "interview_on": "the latest interview day (the latest on or before today, else the "
    "next scheduled); fallback: 'not recorded'",
    "interview_when": "'on 26 November 2026'; fallback: 'recently'",
    "interviewer": "who interviewed you (the --with of that interview); fallback: a contact "
    "linked as interviewer, else 'the team'",
    "name": "whom the message is for (see addressing.recipients); fallback: 'the hiring team'",
    "greeting": "'Dear <name>,'; fallback: 'Dear hiring team,'",
    "email": "the recipient's email; fallback: empty",
    "phone": "the recipient's phone; fallback: 'no number recorded'",
    "today": "today, e.g. '27 November 2026'",
    "sender": "your name and signature (config set name / signature); fallback: '[your name]'",
}
CONTACT_FIELDS: dict[str, str] = {
    "name": "the contact's name",
    "first_name": "the first word of their name",
    "greeting": "'Hi <first name>,'",
    "company": "where they work; fallback: 'your company'",
    "title": "their job title; fallback: empty",
    "met": "how you met, as you wrote it; fallback: empty",
    "email": "their email; fallback: empty",
    "event_title": "the event where you met them (--met-at); fallback: 'the event'",
    "event_on": "that event's day; fallback: 'not recorded'",
    "event_when": "'on 20 November 2026'; fallback: 'recently'",
    "event_place": "where the event was; fallback: empty",
    "role": "the job title of your open application at their company; fallback: 'an open role'",
    "position": "'the <role> position' for that application; fallback: 'an open position'",
    "url": "that application's posting URL; fallback: empty",
    "last_touch_on": "the last time you were in touch (a touch, or a round or follow-up "
    "with them); fallback: 'not recorded'",
    "opening": "'I wanted to keep in touch after our last exchange on 25 November 2026.' when that "
    "was within the last 30 days, else 'It has been a while since we last spoke, and I "
    "wanted to catch up.'",
    "today": "today, e.g. '27 November 2026'",
    "sender": "your name and signature (config set name / signature); fallback: '[your name]'",
}
# A contact last in touch this many days ago or fewer is not written "it has been a while".
RECENT_TOUCH_DAYS = 30
# Where a draft is signed when you have not set your name.
SENDER_PLACEHOLDER = "[your name]"


def sign(name: str | None, signature: str | None) -> str:
    """The lines under 'Best regards,': your name (the placeholder until it is set: a
    signature is no name), then your signature."""
    return "\n".join(part for part in (name or SENDER_PLACEHOLDER, signature) if part)


def fields_for(kind: str) -> dict[str, str]:
    return APPLICATION_FIELDS if kind in APPLICATION_KINDS else CONTACT_FIELDS


# --------------------------------------------------------------------------- templates


@dataclass(frozen=True, slots=True)
class Template:
    kind: str
    path: str
    overridden: bool
    text: str

    @property
    def source(self) -> str:
        return "overridden" if self.overridden else "built-in"


@dataclass(frozen=True, slots=True)
class Draft:
    kind: str
    to: str | None
    subject: str
    body: str

    @property
    def note(self) -> str:
        """What to mail: the body, or, after a call script, only the note after the marker."""
        _head, marker, tail = self.body.partition(NOTE_MARKER)
        return tail.strip("\n") if marker else self.body

    def text(self) -> str:
        """The draft as an editable message: a Subject line, a blank line, the body."""
        return f"Subject: {self.subject}\n\n{self.body}\n"


def override_dir() -> Path:
    """The user's template folder: <config>/jobhunt/templates (XDG_CONFIG_HOME on Linux)."""
    from platformdirs import user_config_path

    return user_config_path("jobhunt", appauthor=False) / "templates"


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise InputError(f"unknown draft kind {kind!r}; choose from: {', '.join(KINDS)}")


def load_template(kind: str, *, folder: Path | None = None) -> Template:
    """The user's template for `kind` if there is one, else the built-in one."""
    _check_kind(kind)
    folder = override_dir() if folder is None else folder
    own = folder / f"{kind}.txt"
    if own.is_file():
        try:
            raw = own.read_bytes()
        except OSError as exc:
            raise InputError(f"cannot read template {own}: {exc.strerror}") from exc
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InputError(f"template {own} is not UTF-8 text") from exc
        return Template(kind, str(own), True, text)
    from importlib.resources import files

    resource = files("jobhunt") / "templates" / f"{kind}.txt"
    return Template(kind, str(resource), False, resource.read_text(encoding="utf-8"))


def list_templates(*, folder: Path | None = None) -> list[Template]:
    return [load_template(kind, folder=folder) for kind in KINDS]


def split_message(text: str, *, where: str) -> tuple[str, str]:
    """('Subject: s', '', body...) -> (s, body). `where` names the file in errors."""
    lines = text.lstrip("\ufeff").splitlines()
    match = re.match(r"(?i)subject:[ \t]*(.*)$", lines[0]) if lines else None
    if match is None:
        raise InputError(
            f"{where} must start with a 'Subject: ...' line",
            hint="first line 'Subject: ...', then a blank line, then the body",
        )
    if len(lines) > 1 and lines[1].strip():
        raise InputError(
            f"{where}: the Subject line must be followed by a blank line",
            hint="first line 'Subject: ...', then a blank line, then the body",
        )
    return match[1].strip(), "\n".join(lines[2:]).strip("\n")


def check_template(template: Template) -> tuple[string.Template, string.Template]:
    """Parse a template; any stray `$` or unknown field is an InputError naming the file."""
    where = f"template {template.path}"
    for number, line in enumerate(template.text.splitlines(), start=1):
        for found in string.Template.pattern.finditer(line):
            if found.group("invalid") is not None:
                bad = line.strip() if len(line.strip()) <= 60 else line.strip()[:57] + "..."
                raise InputError(
                    f"{where}, line {number}: stray '$' in {bad!r}",
                    hint="fields are written $name or ${name}; write $$ for a dollar sign",
                )
    subject, body = split_message(template.text, where=where)
    known = fields_for(template.kind)
    for part in (subject, body):
        for name in string.Template(part).get_identifiers():
            if name not in known:
                raise InputError(
                    f"{where} names an unknown field ${name}",
                    hint=f"fields for {template.kind}: " + ", ".join(f"${k}" for k in known),
                )
    return string.Template(subject), string.Template(body)


def render(template: Template, values: dict[str, str], *, to: str | None) -> Draft:
    """Fill a template. `values` must hold every field of the kind."""
    subject, body = check_template(template)
    filled_subject = " ".join(subject.substitute(values).split())  # one line, always
    return Draft(template.kind, to, filled_subject, body.substitute(values))


# --------------------------------------------------------------------------- mailto


def crlf(text: str) -> str:
    """Line breaks as CRLF, as RFC 6068 wants them in a mailto body."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")


def mailto(to: str | None, subject: str, body: str) -> str:
    """An RFC 6068 mailto: URL. Spaces are %20 (never '+'), line breaks %0D%0A."""
    from urllib.parse import quote

    address = quote(to or "", safe="@")
    query = f"subject={quote(subject, safe='')}&body={quote(crlf(body), safe='')}"
    return f"mailto:{address}?{query}"


# --------------------------------------------------------------------------- filling in


def day_text(day: date) -> str:
    """A day as a letter writes it: '27 November 2026'."""
    return f"{day.day} {day:%B %Y}"


def choose_contact(linked: Iterable[tuple[Contact, str]]) -> tuple[Contact, str] | None:
    """The linked contact to write to: interviewer > recruiter > referral > other."""
    rank = {role: i for i, role in enumerate(LINK_PREFERENCE)}
    ordered = sorted(linked, key=lambda pair: (rank.get(pair[1], len(rank)), pair[0].id))
    return ordered[0] if ordered else None


def latest_interview(events: Sequence[Event], *, today: date) -> Event | None:
    """The latest interview held (on or before today), else the next one scheduled."""
    interviews = sorted((e for e in events if e.kind == "interview"), key=lambda e: (e.on, e.id))
    held = [e for e in interviews if e.on <= today]
    if held:
        return held[-1]
    return interviews[0] if interviews else None


def _when(day: date | None) -> tuple[str, str]:
    if day is None:
        return "not recorded", "recently"
    return day_text(day), f"on {day_text(day)}"


def _opt(value: str | None) -> str | None:
    """Optional text as a template shows it: trimmed, and None when blank."""
    return value.strip() or None if value else None


def application_values(
    app: Application,
    linked: Iterable[tuple[Contact, str]],
    *,
    today: date,
    recipient: Recipient | None = None,
    sender: str = SENDER_PLACEHOLDER,
) -> tuple[dict[str, str], str | None]:
    """Every application field (see APPLICATION_FIELDS) and the recipient's email.

    `recipient` is whom it is for (see `recipients`); without one, the linked contact
    `choose_contact` picks.
    """
    linked = list(linked)
    if recipient is None:
        chosen = choose_contact(linked)
        contact, role = chosen if chosen else (None, None)
        team = False
    else:
        contact = recipient.contact
        role = next((r for c, r in linked if contact is not None and c.id == contact.id), None)
        team = recipient.name is None
    interview = latest_interview(app.events, today=today)
    interviewer = _opt(interview.person) if interview else None
    if interviewer is None and contact is not None and role == "interviewer":
        interviewer = _opt(contact.name)
    name = _opt(contact.name) if contact else interviewer
    if recipient is not None:
        name = _opt(recipient.name)
    applied_on, applied_when = _when(app.applied_on)
    interview_on, interview_when = _when(interview.on if interview else None)
    email = _opt(contact.email) if contact else None
    phone = _opt(contact.phone) if contact else None
    values = {
        "company": app.company.strip(),
        "role": app.role.strip(),
        "position": f"the {app.role.strip()} position",
        "url": _opt(app.url) or "",
        "status": app.status,
        "applied_on": applied_on,
        "applied_when": applied_when,
        "interview_on": interview_on,
        "interview_when": interview_when,
        "interviewer": interviewer or "the team",
        "name": name or ("the hiring team" if team else "Hiring Manager"),
        "greeting": f"Dear {name}," if name else ("Dear hiring team," if team else "Hello,"),
        "email": email or "",
        "phone": phone or "no number recorded",
        "today": day_text(today),
        "sender": sender,
    }
    return values, email


def _same_company(a: str | None, b: str | None) -> bool:
    return bool(a and b and a.strip().casefold() == b.strip().casefold())


def choose_contact_kind(contact: Contact, meetup: Meetup | None) -> str:
    """after-event when you met them at an event and have not written since; else touch.

    A touch on the event's day is the meeting itself (`contact touch ID --via event`),
    not the follow-up: the follow-up is the first interaction after that day."""
    if meetup is not None and (contact.last_touch is None or contact.last_touch <= meetup.on):
        return "after-event"
    return "touch"


def open_application_at(
    company: str | None, applications: Iterable[Application]
) -> Application | None:
    """The most recent open application at `company` (case-insensitive), if any."""
    found = [a for a in applications if a.is_open and _same_company(a.company, company)]
    return max(found, key=lambda a: a.id) if found else None


def contact_values(
    contact: Contact,
    *,
    meetup: Meetup | None,
    application: Application | None,
    today: date,
    sender: str = SENDER_PLACEHOLDER,
) -> tuple[dict[str, str], str | None]:
    """Every contact field (see CONTACT_FIELDS) and the recipient's email."""
    name = contact.name.strip()
    first = name.split()[0] if name else name
    event_on, event_when = _when(meetup.on if meetup else None)
    role = _opt(application.role) if application else None
    last = contact.last_touch
    recent = last is not None and 0 <= (today - last).days <= RECENT_TOUCH_DAYS
    opening = (
        f"I wanted to keep in touch after our last exchange on {day_text(last)}."
        if recent and last is not None
        else "It has been a while since we last spoke, and I wanted to catch up."
    )
    values = {
        "name": name,
        "first_name": first,
        "greeting": f"Hi {first}," if first else "Hello,",
        "company": _opt(contact.company) or "your company",
        "title": _opt(contact.title) or "",
        "met": _opt(contact.met) or "",
        "email": _opt(contact.email) or "",
        "event_title": (_opt(meetup.title) if meetup else None) or "the event",
        "event_on": event_on,
        "event_when": event_when,
        "event_place": (_opt(meetup.place) if meetup else None) or "",
        "role": role or "an open role",
        "position": f"the {role} position" if role else "an open position",
        "url": (_opt(application.url) if application else None) or "",
        "last_touch_on": _when(last)[0],
        "opening": opening,
        "today": day_text(today),
        "sender": sender,
    }
    return values, _opt(contact.email)


# --------------------------------------------------------------------------- editing


def parse_edited(text: str, *, previous: Draft) -> Draft:
    """The draft after the user edited it: a Subject line is optional, the rest is body."""
    lines = text.lstrip("\ufeff").splitlines()
    match = re.match(r"(?i)subject:[ \t]*(.*)$", lines[0]) if lines else None
    if match is None:
        return Draft(previous.kind, previous.to, previous.subject, text.strip("\n"))
    body = "\n".join(lines[1:]).strip("\n")
    return Draft(previous.kind, previous.to, match[1].strip(), body)
