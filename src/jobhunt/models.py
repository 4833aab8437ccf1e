"""SQLModel tables: the schema of record.

Every table, column and index is declared here. The schema itself is created and
changed only by `migrations.py` (plain SQL, with the CHECK constraints that pin every
enumerated column to its stored values), and the commands read and write it with plain
SQL, so no command imports this module (SQLAlchemy and pydantic cost ~0.4 s a run).
`tests/test_schema.py` checks that a freshly migrated store, SQLite or PostgreSQL, has
exactly what these classes declare.
Days (applied on, due on) are `date`; instants are ISO 8601 UTC text.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Index
from sqlmodel import Field, SQLModel


class Application(SQLModel, table=True):
    __tablename__ = "application"

    id: int | None = Field(default=None, primary_key=True)
    company: str
    role: str
    status: str = "applied"
    applied_on: date | None = None
    job_type: str | None = None
    source: str | None = None
    url: str | None = None
    location: str | None = None
    salary: str | None = None
    note: str | None = None
    created_at: str
    updated_at: str
    via: str | None = None  # how it was sent (schema_people.VIA); None: not recorded


class ApplicationSkill(SQLModel, table=True):
    __tablename__ = "application_skill"

    application_id: int = Field(foreign_key="application.id", primary_key=True, ondelete="CASCADE")
    skill: str = Field(primary_key=True)


class ApplicationEvent(SQLModel, table=True):
    __tablename__ = "application_event"

    id: int | None = Field(default=None, primary_key=True)
    application_id: int = Field(foreign_key="application.id", ondelete="CASCADE")
    kind: str
    on_day: date
    channel: str | None = None
    status: str | None = None
    until_day: date | None = None
    person: str | None = None
    note: str | None = None
    created_at: str
    dated: int = 1  # 0: an import knew only that it happened (stored on the import day)
    at_time: str | None = None  # HH:MM, a timed interview
    minutes: int | None = None
    place: str | None = None  # a place or a meeting link


class Meetup(SQLModel, table=True):
    __tablename__ = "meetup"

    id: int | None = Field(default=None, primary_key=True)
    title: str
    on_day: date
    kind: str = "other"
    place: str | None = None
    note: str | None = None
    created_at: str
    attended: int | None = None  # None: not said; 1: went; 0: did not


class Contact(SQLModel, table=True):
    __tablename__ = "contact"

    id: int | None = Field(default=None, primary_key=True)
    name: str
    company: str | None = None
    title: str | None = None
    kind: str = "other"
    email: str | None = None
    phone: str | None = None
    url: str | None = None
    met: str | None = None
    every_days: int | None = None
    note: str | None = None
    met_at_event_id: int | None = Field(default=None, foreign_key="meetup.id", ondelete="SET NULL")
    added_on: date
    created_at: str
    keep_in_touch: int = 1  # 0: no stay-in-touch schedule (an imported connection)
    due_from: date | None = None  # first due day when never touched (import --cadence)


class Interaction(SQLModel, table=True):
    __tablename__ = "interaction"

    id: int | None = Field(default=None, primary_key=True)
    contact_id: int = Field(foreign_key="contact.id", ondelete="CASCADE")
    via: str
    on_day: date
    note: str | None = None
    created_at: str
    informational: int = 0  # 1: an informational meeting


class ContactLink(SQLModel, table=True):
    __tablename__ = "contact_link"

    contact_id: int = Field(foreign_key="contact.id", primary_key=True, ondelete="CASCADE")
    application_id: int = Field(foreign_key="application.id", primary_key=True, ondelete="CASCADE")
    role: str = "other"


class EventPerson(SQLModel, table=True):
    __tablename__ = "event_person"

    event_id: int = Field(foreign_key="application_event.id", primary_key=True, ondelete="CASCADE")
    contact_id: int = Field(foreign_key="contact.id", primary_key=True, ondelete="CASCADE")


class Dismissal(SQLModel, table=True):
    """An answer to a suggestion: a contact not now, or a company skipped."""

    __tablename__ = "dismissal"

    id: int | None = Field(default=None, primary_key=True)
    contact_id: int | None = Field(default=None, foreign_key="contact.id", ondelete="CASCADE")
    company: str | None = None
    on_day: date
    until_day: date | None = None
    created_at: str


class Course(SQLModel, table=True):
    __tablename__ = "course"

    id: int | None = Field(default=None, primary_key=True)
    title: str
    provider: str | None = None
    kind: str | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    days: str | None = None  # comma-separated weekday numbers, 0 = Monday
    hours_per_week: float | None = None
    cost: str | None = None
    url: str | None = None
    note: str | None = None
    status: str = "active"
    added_on: date
    created_at: str


class CourseSkill(SQLModel, table=True):
    __tablename__ = "course_skill"

    course_id: int = Field(foreign_key="course.id", primary_key=True, ondelete="CASCADE")
    skill: str = Field(primary_key=True)


class CourseLog(SQLModel, table=True):
    __tablename__ = "course_log"

    id: int | None = Field(default=None, primary_key=True)
    course_id: int = Field(foreign_key="course.id", ondelete="CASCADE")
    on_day: date
    hours: float | None = None
    progress: int | None = None
    note: str | None = None
    created_at: str


class Skill(SQLModel, table=True):
    __tablename__ = "skill"

    name: str = Field(primary_key=True)
    added_on: date


class Nudge(SQLModel, table=True):
    """One day a weekly suggestion was shown (migration 0003 keeps every day)."""

    __tablename__ = "nudge"

    key: str = Field(primary_key=True)
    shown_on: date = Field(primary_key=True)


class StoreIdentity(SQLModel, table=True):
    """The store's identifier (one row), made once per store or PostgreSQL profile."""

    __tablename__ = "store_identity"

    id: str = Field(primary_key=True)
    created_at: str


class CalendarGone(SQLModel, table=True):
    """What left the calendar export (deleted, or a course closed), kept 30 days by
    triggers so the export can publish it as cancelled."""

    __tablename__ = "calendar_gone"

    id: int | None = Field(default=None, primary_key=True)
    kind: str
    record_id: int
    parent_id: int | None = None
    on_day: date | None = None
    until_day: date | None = None
    status: str | None = None
    detail: str | None = None
    gone_at: str


# Indexes, as migration 0001_initial creates them (COLLATE NOCASE: case-insensitive).
Index("ix_application_status", Application.status)
Index("ix_application_applied_on", Application.applied_on)
Index("ix_application_company", Application.company.collate("NOCASE"))
Index("ix_application_event_app", ApplicationEvent.application_id, ApplicationEvent.on_day)
Index("ix_meetup_on_day", Meetup.on_day)
Index("ix_contact_company", Contact.company.collate("NOCASE"))
Index("ix_contact_url", Contact.url)
Index("ix_contact_met_at", Contact.met_at_event_id)
Index("ix_interaction_contact", Interaction.contact_id, Interaction.on_day)
Index("ix_interaction_on_day", Interaction.on_day)
Index("ix_contact_link_app", ContactLink.application_id)
Index("ix_event_person_contact", EventPerson.contact_id)
Index("ix_dismissal_contact", Dismissal.contact_id)
Index("ix_course_status", Course.status)
Index("ix_course_log_course", CourseLog.course_id, CourseLog.on_day)
# ... and as migration 0003 creates them.
Index("ix_calendar_gone_at", CalendarGone.gone_at)


def _integers_are_64_bit() -> None:
    """SQLite's INTEGER holds 64 bits, and PostgreSQL's columns are BIGINT (migrations.py).
    SQLAlchemy's psycopg dialect casts every parameter to its column's type, so an id
    beyond 2**31 (typed by a user, or in an import) must bind as BIGINT, not INTEGER."""
    from sqlalchemy import BigInteger, Integer

    for table in SQLModel.metadata.tables.values():
        for column in table.columns:
            if type(column.type) is Integer:
                column.type = BigInteger()


_integers_are_64_bit()
