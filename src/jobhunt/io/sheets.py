"""Spreadsheet views of the store (`jobhunt export csv WHAT`), built from the JSON dump.

Pure: each function takes the document `jsonexport.dump` returns and gives (header, rows).
The applications sheet uses headers `jobhunt import csv` recognises, so it can be
edited in a spreadsheet and imported back.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

Sheet = tuple[tuple[str, ...], list[list[Any]]]
DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _pick(record: dict[str, Any], header: tuple[str, ...]) -> list[Any]:
    return [record.get(key) for key in header]


def applications(doc: dict[str, Any]) -> Sheet:
    """With the store's identifier beside each id (doc["store"]), so a re-import of the
    sheet into the same store updates each row's application by its id."""
    header = (
        "id",
        "store",
        "company",
        "role",
        "status",
        "applied_on",
        "job_type",
        "source",
        "location",
        "salary",
        "url",
        "skills",
        "note",
        "created_at",
        "updated_at",
        "via",  # how it was sent; added last, so columns read by position stay put
    )
    store = doc.get("store")
    return header, [_pick({**a, "store": store}, header) for a in doc["applications"]]


def contacts(doc: dict[str, Any]) -> Sheet:
    last: dict[int, str] = {}
    for touch in doc["interactions"]:
        cid = touch["contact_id"]
        last[cid] = max(last.get(cid, touch["on"]), touch["on"])
    header = (
        "id",
        "name",
        "company",
        "title",
        "kind",
        "email",
        "phone",
        "url",
        "met",
        "every_days",
        "added_on",
        "last_touch",
        "met_at_event_id",
        "note",
        "created_at",
    )
    rows = [_pick({**c, "last_touch": last.get(c["id"])}, header) for c in doc["contacts"]]
    return header, rows


def courses(doc: dict[str, Any]) -> Sheet:
    header = (
        "id",
        "title",
        "provider",
        "kind",
        "status",
        "starts_on",
        "ends_on",
        "days",
        "hours_per_week",
        "cost",
        "url",
        "skills",
        "added_on",
        "last_log",
        "hours_logged",
        "progress",
        "note",
        "created_at",
    )
    rows = []
    for course in doc["courses"]:
        logs = course["logs"]
        progress = [log["progress"] for log in logs if log["progress"] is not None]
        extra = {
            "days": [DAY_NAMES[d] for d in course["days"]],
            "last_log": max((log["on"] for log in logs), default=None),
            "hours_logged": sum(log["hours"] or 0.0 for log in logs) if logs else None,
            "progress": progress[-1] if progress else None,
        }
        rows.append(_pick({**course, **extra}, header))
    return header, rows


def events(doc: dict[str, Any]) -> Sheet:
    met: dict[int, int] = {}
    for contact in doc["contacts"]:
        if contact["met_at_event_id"] is not None:
            met[contact["met_at_event_id"]] = met.get(contact["met_at_event_id"], 0) + 1
    # attended: true (went), false (did not), empty (not said); added last.
    header = (
        "id", "title", "on", "kind", "place", "contacts_met", "note", "created_at", "attended",
    )  # fmt: skip
    return header, [
        _pick({**m, "contacts_met": met.get(m["id"], 0)}, header) for m in doc["meetups"]
    ]


def history(doc: dict[str, Any]) -> Sheet:
    header = (
        "application_id",
        "company",
        "role",
        "event_id",
        "on",
        "kind",
        "channel",
        "status",
        "until",
        "person",
        "note",
        "created_at",
        "at",  # a timed interview's HH:MM, its minutes and place (added last)
        "minutes",
        "place",
    )
    rows = []
    for app in doc["applications"]:
        for event in sorted(app["events"], key=lambda e: (e["on"], e["id"])):
            record = {
                **event,
                "application_id": app["id"],
                "company": app["company"],
                "role": app["role"],
                "event_id": event["id"],
            }
            rows.append(_pick(record, header))
    return header, rows


def interactions(doc: dict[str, Any]) -> Sheet:
    people = {c["id"]: c for c in doc["contacts"]}
    header = (
        "id", "contact_id", "name", "company", "on", "via", "note", "created_at",
        "informational",  # true: marked an informational meeting (added last)
    )  # fmt: skip
    rows = []
    for touch in doc["interactions"]:
        person = people.get(touch["contact_id"], {})
        record = {**touch, "name": person.get("name"), "company": person.get("company")}
        rows.append(_pick(record, header))
    return header, rows


SHEETS: dict[str, Callable[[dict[str, Any]], Sheet]] = {
    "applications": applications,
    "contacts": contacts,
    "courses": courses,
    "events": events,
    "history": history,
    "interactions": interactions,
}


def other_sheet(cells: Sequence[str]) -> str | None:
    """Which of jobhunt's own sheets other than applications a header row is (all its
    columns there, perhaps more), if any: `import csv` reads only the applications."""
    names = {c.strip().casefold() for c in cells}
    empty: dict[str, Any] = {k: [] for k in ("applications", "contacts", "interactions")}
    empty.update(courses=[], meetups=[])
    for name, sheet in SHEETS.items():
        if name != "applications" and names >= set(sheet(empty)[0]):
            return name
    return None
