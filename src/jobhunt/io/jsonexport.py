"""The full-store JSON export: every table, read in one transaction, as the document
described in `jsondoc`.

It is exact: every column of every table, ids and timestamps included, so exporting,
importing into an empty store and exporting again gives the same document.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any

from jobhunt.io.jsondoc import (
    APPLICATION,
    CONTACT,
    COURSE,
    DISMISSAL,
    EVENT,
    EVENT_PERSON,
    FORMAT_VERSION,
    INTERACTION,
    KIND,
    LINK,
    LOG,
    MEETUP,
    NUDGE,
    SKILL,
    TABLES,
    Col,
)


def _select(conn: sqlite3.Connection, table: str, cols: Sequence[str], order: str) -> list:
    if order == "key":  # text: sorted here by code point, whatever the server's collation
        rows = conn.execute(f"SELECT {', '.join(cols)} FROM {table}").fetchall()
        return sorted(rows, key=lambda r: r[cols.index("key")])
    return conn.execute(f"SELECT {', '.join(cols)} FROM {table} ORDER BY {order}").fetchall()


def _record(spec: tuple[Col, ...], row: Sequence[Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for col, value in zip(spec, row, strict=True):
        if col.kind == "days":
            value = [int(d) for d in value.split(",")] if value else []
        elif col.kind in ("flag", "flag0") or (col.kind == "flag?" and value is not None):
            value = bool(value)
        out[col.key] = value
    return out


def _grouped(rows: list, key: int = 0) -> dict[int, list]:
    out: dict[int, list] = {}
    for row in rows:
        out.setdefault(row[key], []).append(row)
    return out


def dump(conn: sqlite3.Connection) -> dict[str, Any]:
    """Everything in the store, as one versioned document (one consistent read)."""
    from jobhunt.store import read_transaction

    with read_transaction(conn):
        return dump_now(conn)


def dump_now(conn: sqlite3.Connection) -> dict[str, Any]:
    """dump() inside the caller's transaction."""
    schema = [r[0] for r in conn.execute("SELECT name FROM schema_migrations ORDER BY name")]
    app_cols = [c.column for c in APPLICATION]
    skills = _grouped(_select(conn, "application_skill", TABLES["application_skill"], "rowid"))
    events = _grouped(_select(conn, "application_event", TABLES["application_event"], "id"))
    applications = []
    for row in _select(conn, "application", app_cols, "id"):
        record = _record(APPLICATION, row)
        record["skills"] = [s for _, s in skills.get(row[0], [])]
        record["events"] = [_record(EVENT, e[1:]) for e in events.get(row[0], [])]
        applications.append(record)
    course_skills = _grouped(_select(conn, "course_skill", TABLES["course_skill"], "rowid"))
    logs = _grouped(_select(conn, "course_log", TABLES["course_log"], "id"))
    courses = []
    for row in _select(conn, "course", TABLES["course"], "id"):
        record = _record(COURSE, row)
        record["skills"] = [s for _, s in course_skills.get(row[0], [])]
        record["logs"] = [_record(LOG, r[1:]) for r in logs.get(row[0], [])]
        courses.append(record)

    def simple(table: str, spec: tuple[Col, ...], order: str) -> list[dict[str, Any]]:
        return [_record(spec, r) for r in _select(conn, table, TABLES[table], order)]

    return {
        "version": FORMAT_VERSION,
        "kind": KIND,
        "schema": schema,
        "applications": applications,
        "contacts": simple("contact", CONTACT, "id"),
        "interactions": simple("interaction", INTERACTION, "id"),
        "links": simple("contact_link", LINK, "contact_id, application_id"),
        "event_people": simple("event_person", EVENT_PERSON, "event_id, contact_id"),
        "meetups": simple("meetup", MEETUP, "id"),
        "courses": courses,
        "skills": simple("skill", SKILL, "rowid"),
        "nudges": simple("nudge", NUDGE, "key, shown_on"),
        "dismissals": simple("dismissal", DISMISSAL, "id"),
    }


def to_bytes(document: dict[str, Any]) -> bytes:
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
