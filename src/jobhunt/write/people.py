"""Writing the people you know and the networking events where you met them:
contacts, their interactions and links to applications, events."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from jobhunt import store
from jobhunt.errors import InputError, NotFound
from jobhunt.records import CONTACT_KINDS, LINK_ROLES, MEETUP_KINDS, TOUCH_CHANNELS
from jobhunt.validate import choice, email, text
from jobhunt.write.applications import get_application
from jobhunt.write.core import Conn, changed_values, delete, insert, require, update

CONTACT_FIELDS = ("name", "company", "title", "kind", "email", "phone", "url", "met", "note")


def get_contact(conn: Conn, contact_id: int, columns: Iterable[str] = ("id",)) -> dict:
    hint = "see the ids with: jobhunt contact list"
    return require(conn, "contact", contact_id, "contact", hint, columns)


def get_meetup(conn: Conn, event_id: int) -> dict:
    return require(conn, "meetup", event_id, "event", "see the ids with: jobhunt event list")


def met_at(conn: Conn, event_id: int, today: date | None) -> None:
    """The event someone was met at: one that exists and, by `today`, has happened ("met
    there" is a fact; the work-search log counts it as contact made there)."""
    row = require(
        conn,
        "meetup",
        event_id,
        "event",
        "see the ids with: jobhunt event list",
        ("on_day", "title"),
    )
    held = date.fromisoformat(str(row["on_day"]))
    if today is not None and held > today:
        raise InputError(
            f"event {event_id} ({row['title']}) is on {held.isoformat()}, after today: "
            "say whom you met there once you have been"
        )


def add_contact(
    conn: Conn,
    *,
    name: str,
    added_on: date,
    kind: str | None = None,
    every_days: int | None = None,
    met_at_event_id: int | None = None,
    today: date | None = None,
    **fields: str | None,
) -> int:
    """Add someone you know; their id. `fields` are the other text fields by name; an
    event met at must have happened by `today`."""
    assert set(fields) <= set(CONTACT_FIELDS), fields  # column names, from code only
    if met_at_event_id is not None:
        met_at(conn, met_at_event_id, today)
    values = {
        "name": text(name, "name", required=True),
        "kind": choice(kind, "contact kind", CONTACT_KINDS) or "other",
        "every_days": every_days,
        "met_at_event_id": met_at_event_id,
        "added_on": added_on,
        "created_at": store.utc_now(),
        **{k: email(v) if k == "email" else text(v, k) for k, v in fields.items()},
    }
    return insert(conn, "contact", values)


def edit_contact(
    conn: Conn, contact_id: int, changes: dict[str, object], *, today: date | None = None
) -> list[str]:
    """Change fields; returns the names of those that changed.

    `--every` gives a contact without a schedule (an imported connection) one that
    starts `today`: due from then, not overdue since the day you connected years ago."""
    columns = (
        *CONTACT_FIELDS,
        "every_days",
        "met_at_event_id",
        "added_on",
        "keep_in_touch",
        "due_from",
    )
    row = get_contact(conn, contact_id, columns)
    wanted: dict[str, object] = {}
    for field, value in changes.items():
        if field == "name":
            value = text(value, "name", required=True)  # type: ignore[arg-type]
        elif field == "kind":
            value = choice(value, "contact kind", CONTACT_KINDS)  # type: ignore[arg-type]
        elif field == "met_at_event_id":
            if value is not None:
                met_at(conn, value, today)  # type: ignore[arg-type]
        elif field in ("every_days", "added_on"):
            pass
        elif field == "email":
            value = email(value)  # type: ignore[arg-type]
        elif field in CONTACT_FIELDS:
            value = text(value, field)  # type: ignore[arg-type]
        else:
            raise InputError(f"cannot edit {field}")
        wanted[field] = value
    if "every_days" in changes:  # --every gives a contact without a schedule one
        wanted["keep_in_touch"] = 1
        if not row["keep_in_touch"] and today is not None:
            was = row["due_from"]
            wanted["due_from"] = max(date.fromisoformat(was), today) if was else today
    values = changed_values(row, wanted)
    update(conn, "contact", contact_id, values)
    return [k for k in values if k != "due_from"]  # it goes with keep_in_touch


def add_interaction(
    conn: Conn,
    contact_id: int,
    *,
    via: str,
    on: date,
    note: str | None = None,
    informational: bool = False,
) -> int:
    """Record that you got in touch with someone (an informational meeting when marked);
    the interaction's id. A contact without a stay-in-touch schedule (an imported
    connection) gets one."""
    get_contact(conn, contact_id)
    conn.execute(
        "UPDATE contact SET keep_in_touch = 1 WHERE id = ? AND keep_in_touch = 0", (contact_id,)
    )
    return insert(
        conn,
        "interaction",
        {
            "contact_id": contact_id,
            "via": choice(via, "channel", TOUCH_CHANNELS),
            "on_day": on,
            "note": text(note, "note"),
            "created_at": store.utc_now(),
            "informational": int(bool(informational)),
        },
    )


def link(conn: Conn, contact_id: int, app_id: int, role: str = "other") -> bool:
    """Tie a contact to an application; True if new, False if the role was updated."""
    get_contact(conn, contact_id)
    get_application(conn, app_id)
    role = choice(role, "link role", LINK_ROLES) or "other"
    row = conn.execute(
        "SELECT role FROM contact_link WHERE contact_id = ? AND application_id = ?",
        (contact_id, app_id),
    ).fetchone()
    if row is None:
        conn.execute(
            "INSERT INTO contact_link (contact_id, application_id, role) VALUES (?, ?, ?)",
            (contact_id, app_id, role),
        )
        return True
    if row[0] != role:
        conn.execute(
            "UPDATE contact_link SET role = ? WHERE contact_id = ? AND application_id = ?",
            (role, contact_id, app_id),
        )
    return False


def unlink(conn: Conn, contact_id: int, app_id: int) -> None:
    """Remove the tie between a contact and an application."""
    get_contact(conn, contact_id)
    get_application(conn, app_id)
    gone = conn.execute(
        "DELETE FROM contact_link WHERE contact_id = ? AND application_id = ?",
        (contact_id, app_id),
    ).rowcount
    if not gone:
        raise NotFound(f"contact {contact_id} is not linked to application {app_id}")


def delete_contact(conn: Conn, contact_id: int) -> None:
    get_contact(conn, contact_id)
    delete(conn, "contact", contact_id)


def add_meetup(
    conn: Conn,
    *,
    title: str,
    on: date,
    kind: str | None = None,
    place: str | None = None,
    note: str | None = None,
) -> int:
    """Add a networking event; its id."""
    return insert(
        conn,
        "meetup",
        {
            "title": text(title, "title", required=True),
            "on_day": on,
            "kind": choice(kind, "event kind", MEETUP_KINDS) or "other",
            "place": text(place, "place"),
            "note": text(note, "note"),
            "created_at": store.utc_now(),
        },
    )


def set_attended(
    conn: Conn, event_id: int, attended: bool, *, today: date | None = None
) -> bool | None:
    """Say whether you went to a networking event; what was recorded before. That you
    went can only be said once its day has come (`today`)."""
    hint = "see the ids with: jobhunt event list"
    row = require(conn, "meetup", event_id, "event", hint, ("attended", "on_day", "title"))
    was = row["attended"]
    held = date.fromisoformat(str(row["on_day"]))
    if attended and today is not None and held > today:
        raise InputError(
            f"event {event_id} ({row['title']}) is on {held.isoformat()}, after today: "
            "say you went once you have been",
            hint="--no says you will not go",
        )
    update(conn, "meetup", event_id, {"attended": int(attended)})
    return None if was is None else bool(was)


def delete_meetup(conn: Conn, event_id: int) -> None:
    get_meetup(conn, event_id)
    delete(conn, "meetup", event_id)


def add_event_people(
    conn: Conn, app_id: int, event_id: int, people: Sequence[int | str], *, role: str, today: date
) -> tuple[list[str], list[int]]:
    """Tie the contacts who took part to an application event (interview --with,
    log --with): an id, or a name matched ignoring case and accents (preferring
    contacts at the application's company); a name nobody has becomes a contact of kind
    other. Each is linked to the application (as `role` when not linked yet), and the
    event's `person` text lists them by their contacts' names (a name typed without
    accents or capitals is recorded as the contact spells it). Returns their names, the
    ids of those added, and the contacts a name matched who are not at the application's
    company (id, name, company) for the command to say so."""
    from types import SimpleNamespace

    from jobhunt.addressing import fold, match_contact

    company = get_application(conn, app_id, ("company",))["company"]
    known = [
        SimpleNamespace(id=r[0], name=r[1], company=r[2])
        for r in conn.execute("SELECT id, name, company FROM contact ORDER BY id")
    ]
    names: list[str] = []
    added: list[int] = []
    elsewhere: list[tuple[str, int, str, str | None]] = []
    for person in people:
        if isinstance(person, str) and not person.strip():
            names.append(person)  # blank: free text only, as before
            continue
        if isinstance(person, int):
            contact_id = get_contact(conn, person)["id"]
            name = next(c.name for c in known if c.id == contact_id)
        else:
            found = match_contact(person, known, company=company)
            if found is None:
                contact_id = add_contact(conn, name=person, added_on=today, company=company)
                added.append(contact_id)
                name = person
                known.append(SimpleNamespace(id=contact_id, name=person, company=company))
            else:
                contact_id, name = found.id, found.name  # as the contact spells it
                if fold(found.company or "") != fold(company):
                    elsewhere.append((person, found.id, found.name, found.company))
        linked = conn.execute(
            "SELECT 1 FROM contact_link WHERE contact_id = ? AND application_id = ?",
            (contact_id, app_id),
        ).fetchone()
        if linked is None:
            link(conn, contact_id, app_id, role)
        there = conn.execute(
            "SELECT 1 FROM event_person WHERE event_id = ? AND contact_id = ?",
            (event_id, contact_id),
        ).fetchone()
        if there is None:
            conn.execute(
                "INSERT INTO event_person (event_id, contact_id) VALUES (?, ?)",
                (event_id, contact_id),
            )
            names.append(name)
    if names:  # the event's free text names them too (a contact by its own spelling)
        conn.execute(
            "UPDATE application_event SET person = ? WHERE id = ?",
            (text(", ".join(names), "person"), event_id),
        )
    return names, added, elsewhere
