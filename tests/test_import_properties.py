"""Round trips, as properties:

* export CSV, edit any text cell of any row, import: exactly that application is
  updated, in exactly that field, and nothing else changes;
* export JSON, import it into an empty store, export again: the same document.

Today is Friday 2026-11-27 (conftest).
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jobhunt import store
from jobhunt.io import jsonexport, jsonimport, vocab
from jobhunt.records import EVENT_KINDS, FOLLOW_UP_CHANNELS, STATUSES
from jobhunt.validate import skill_key
from tests.conftest import Runner

# The text columns of the applications sheet, and the field an import reports for each.
EDITABLE = {
    "company": "company",
    "role": "role",
    "source": "source",
    "location": "location",
    "salary": "salary",
    "url": "url",
    "note": "note",
}

_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs")),
        st.sampled_from(["\n", "'", '"', ",", ";", "=", "’"]),
    ),
    min_size=1,
    max_size=20,
).filter(
    lambda t: t == t.strip() and not vocab.empty(t) and not t.startswith("'") and "\r" not in t
)


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def _csv(rows: list[list[str]]) -> str:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()


def _listed(jh: Runner) -> dict[int, dict]:
    return {a["id"]: a for a in jh.json("list", "--all")["applications"]}


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(row=st.integers(0, 2), column=st.sampled_from(sorted(EDITABLE)), value=_TEXT)
def test_editing_any_text_cell_updates_exactly_that_record(
    jh, tmp_path, row: int, column: str, value: str
) -> None:
    if not _listed(jh):
        jh("add", "Acme Corp", "Data Analyst", "--applied", "2026-11-10", "--url",
           "https://jobs.example.com/1", "--note", "first")  # fmt: skip
        jh("add", "Acme Corp", "Data Analyst", "--applied", "2026-11-10", "--url",
           "https://jobs.example.com/2", "--location", "Leeds")  # fmt: skip
        jh("add", "Initech", "BI Developer", "--saved", "--salary", "£30k")
    sheet = _rows(jh("export", "csv", "applications").stdout)
    index = sheet[0].index(column)
    record = int(sheet[row + 1][0])
    before = _listed(jh)
    old = before[record][EDITABLE[column]]
    sheet[row + 1][index] = value
    path = tmp_path / "edited.csv"
    path.write_text(_csv(sheet), encoding="utf-8", newline="")
    data = jh.json("import", "csv", str(path))["import"]
    try:
        if value == old:
            assert (data["added"], data["updated"], data["unchanged"]) == (0, 0, 3)
            return
        assert (data["added"], data["updated"], data["unchanged"]) == (0, 1, 2), data
        assert [(c["id"], c["fields"]) for c in data["changes"]] == [(record, [EDITABLE[column]])]
        after = _listed(jh)
        assert after[record][EDITABLE[column]] == value
        for other in before:
            if other != record:
                assert after[other] == before[other]
    finally:
        if data["updated"]:
            jh("undo")


# --------------------------------------------------------------------------- JSON

_DAYS = st.dates(min_value=date(2025, 1, 1), max_value=date(2026, 11, 27))
_NAME = st.text(
    alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "Zs")), min_size=1, max_size=12
).filter(lambda t: t.strip() != "")
_INSTANT = st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2026, 11, 27)).map(
    lambda d: d.replace(microsecond=0).isoformat() + "+00:00"
)


@st.composite
def documents(draw) -> dict:
    """A valid export: applications with history (dated or not) and skills, contacts,
    links, interactions, networking events and skills."""
    apps = []
    event_id = 0
    for app_id in range(1, draw(st.integers(0, 4)) + 1):
        applied = draw(st.none() | _DAYS)
        events = []
        for _ in range(draw(st.integers(0, 3))):
            event_id += 1
            kind = draw(st.sampled_from(EVENT_KINDS))
            on = draw(_DAYS)
            if applied is not None and kind in ("follow_up", "interview"):
                on = max(on, applied)  # nothing is chased before it is sent
            events.append(
                {
                    "id": event_id,
                    "kind": kind,
                    "on": on.isoformat(),
                    "channel": draw(st.sampled_from(FOLLOW_UP_CHANNELS))
                    if kind == "follow_up"
                    else None,
                    "status": draw(st.sampled_from(STATUSES)) if kind == "status" else None,
                    "until": (applied or date(2026, 11, 27)).isoformat()
                    if kind == "snooze"
                    else None,
                    "person": draw(st.none() | _NAME),
                    "note": draw(st.none() | _NAME),
                    "created_at": draw(_INSTANT),
                    "dated": draw(st.booleans()),
                }
            )
        skills = draw(st.lists(_NAME, max_size=3, unique_by=skill_key))
        apps.append(
            {
                "id": app_id,
                "company": draw(_NAME),
                "role": draw(_NAME),
                "status": draw(st.sampled_from(STATUSES)),
                "applied_on": applied.isoformat() if applied else None,
                "job_type": None,
                "source": draw(st.none() | _NAME),
                "url": None,
                "location": draw(st.none() | _NAME),
                "salary": None,
                "note": draw(st.none() | _NAME),
                "created_at": draw(_INSTANT),
                "updated_at": draw(_INSTANT),
                "skills": skills,
                "events": events,
            }
        )
    contacts = [
        {
            "id": n,
            "name": draw(_NAME),
            "company": draw(st.none() | _NAME),
            "title": None,
            "kind": "peer",
            "email": None,
            "phone": None,
            "url": None,
            "met": None,
            "every_days": draw(st.none() | st.integers(1, 90)),
            "note": None,
            "met_at_event_id": None,
            "added_on": draw(_DAYS).isoformat(),
            "created_at": draw(_INSTANT),
        }
        for n in range(1, draw(st.integers(0, 2)) + 1)
    ]
    links = [
        {"contact_id": c["id"], "application_id": a["id"], "role": "referral"}
        for c, a in zip(contacts, apps, strict=False)
    ]
    return {
        "version": 1,
        "kind": "jobhunt-export",
        "applications": apps,
        "contacts": contacts,
        "links": links,
        "skills": [
            {"name": n, "added_on": "2026-11-01"}
            for n in draw(st.lists(_NAME, max_size=3, unique_by=skill_key))
        ],
    }


@settings(max_examples=40, deadline=None)
@given(document=documents())
def test_a_json_export_imported_into_an_empty_store_is_identical(
    tmp_path_factory, document: dict
) -> None:
    folder = tmp_path_factory.mktemp("json")
    stores = [store.open_store(folder / name) for name in ("a.db", "b.db")]
    try:
        report, bundle = jsonimport.plan(document, source="generated")
        assert report.rejected == []
        with store.transaction(stores[0]):
            jsonimport.apply(stores[0], bundle)
        exported = jsonexport.to_bytes(jsonexport.dump(stores[0]))
        report, bundle = jsonimport.plan(json.loads(exported), source="export")
        assert report.rejected == []
        with store.transaction(stores[1]):
            jsonimport.apply(stores[1], bundle)
        again = jsonexport.to_bytes(jsonexport.dump(stores[1]))
        assert again == exported
        dated = [e["dated"] for a in json.loads(again)["applications"] for e in a["events"]]
        assert dated == [e["dated"] for a in document["applications"] for e in a["events"]]
    finally:
        for conn in stores:
            conn.close()
