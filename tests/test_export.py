"""`jobhunt export json|csv|ics|worklog`: exact JSON round trips, spreadsheet-safe CSV,
calendar files that parse back with stable UIDs, the work-search log, and -o files
written atomically and privately.

Today is Friday 2026-11-27 (conftest). Output is plain (no TTY under the runner).
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from jobhunt import store
from jobhunt.errors import InputError
from jobhunt.io import atomic, csvio, jsondoc, jsonexport, jsonimport, sheets
from jobhunt.io import ics as calendar
from jobhunt.records import Application, Course, Event, Meetup
from jobhunt.rules import Policy
from tests import storeview
from tests.conftest import TODAY, Runner

UNICODE = "Zoë Łukasiewicz — 日本語 🚀"
MARKUP = "[bold red]x[/] [link=file:///etc/passwd]y[/link]"
CONTROL = "a\x1b[2Jb\x07c\r\nd\te\x7f\x9bf"
FORMULA = '=HYPERLINK("http://evil.example","x")'
HOSTILE_SUMMARY = "Evil END:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:pwned\nUID:x"


def sql(db: Path, statement: str, params: tuple = ()) -> None:
    conn = sqlite3.connect(db)
    try:
        with conn:
            conn.execute(statement, params)
    finally:
        conn.close()


def _build_rich_store(jh, db_path: Path) -> None:
    """Something in every table and every kind of history, with hostile text."""
    jh("event", "add", MARKUP, "--on", "2026-11-20", "--where", UNICODE, "--kind", "meetup")
    jh("event", "add", "Career fair", "--on", "2026-12-03", "--note", CONTROL)
    jh(
        "add",
        UNICODE,
        MARKUP,
        "--applied",
        "2026-11-02",
        "--skill",
        "SQL, Python",
        "--type",
        "contract",
        "--source",
        "referral",
        "--url",
        "https://jobs.example.com/1",
        "--location",
        CONTROL,
        "--salary",
        "-5 to +10",
        "--note",
        FORMULA,
    )
    jh(
        "contact",
        "add",
        "Dana Reyes",
        "--company",
        UNICODE,
        "--kind",
        "recruiter",
        "--email",
        "dana@example.com",
        "--phone",
        "+1 555 0100",
        "--url",
        "https://www.linkedin.com/in/dana",
        "--met",
        CONTROL,
        "--every",
        "2w",
        "--met-at",
        "1",
        "--added",
        "2026-11-20",
        "--note",
        "=1+1",
    )
    jh("contact", "add", "Sam")
    jh("log", "1", "--via", "email", "--on", "2026-11-09", "--note", "@mention")
    jh("interview", "1", "--on", "2026-11-16", "--with", "Dana Reyes", "--note", MARKUP)
    jh("status", "1", "offer", "--on", "2026-11-25")
    jh("add", "Globex", "Analyst", "--applied", "2026-11-20")
    jh("snooze", "2", "--until", "2026-12-10")
    jh("edit", "2", "--salary", "100k")
    jh("add", "Umbrella", "QA", "--saved")
    jh("contact", "touch", "1", "--via", "coffee", "--on", "2026-11-21", "--note", UNICODE)
    jh("contact", "link", "1", "1", "--as", "interviewer")
    jh("contact", "link", "2", "2", "--as", "referral")
    jh(
        "course",
        "add",
        "SQL for analysts",
        "--provider",
        MARKUP,
        "--kind",
        "online",
        "--skill",
        "SQL",
        "--starts",
        "2026-11-02",
        "--ends",
        "2026-12-20",
        "--days",
        "mon,wed",
        "--hours",
        "4.5",
        "--cost",
        "€49",
        "--url",
        "https://learn.example.com/sql",
    )
    jh(
        "course",
        "log",
        "1",
        "--hours",
        "1.25",
        "--progress",
        "30",
        "--on",
        "2026-11-23",
        "--note",
        CONTROL,
    )
    jh("course", "add", "Old course")
    jh("course", "drop", "2")
    jh("skills", "add", "Excel", "Go")
    # Values the commands never store, but a store may hold: empty text, a nudge.
    sql(db_path, "UPDATE application SET note = '' WHERE id = 2")
    sql(db_path, "INSERT INTO nudge (key, shown_on) VALUES ('ghosted:2', '2026-11-20')")


@pytest.fixture(scope="module")
def _rich_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built once per module (thirty commands), copied into each test's own store."""
    home = tmp_path_factory.mktemp("rich")
    db = home / "store" / "template.db"
    env = {
        "JOBHUNT_DB": str(db),
        "JOBHUNT_TODAY": TODAY.isoformat(),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "HOME": str(home),
    }
    runner = Runner()
    _build_rich_store(lambda *args, **kw: runner(*args, env=env, **kw), db)
    return db


@pytest.fixture
def rich_store(_rich_template: Path, db_path: Path) -> Path:
    storeview.install(_rich_template, db_path)
    return db_path


def csv_rows(result) -> list[list[str]]:  # type: ignore[no-untyped-def]
    """The CSV a command printed, read from its exact bytes."""
    return list(csv.reader(io.StringIO(result.stdout_bytes.decode("utf-8"), newline="")))


def export_json(jh, *args: str) -> bytes:
    result = jh(*args, "export", "json")
    assert result.stderr == ""
    return result.stdout_bytes


# --------------------------------------------------------------------------- JSON


def test_json_export_round_trips_exactly(jh, rich_store, tmp_path) -> None:
    first = export_json(jh)
    document = json.loads(first)
    assert [len(document[s]) for s in jsondoc.SECTIONS] == [3, 2, 1, 2, 1, 2, 2, 2, 1, 0]
    assert document["applications"][1]["note"] == ""
    assert document["applications"][0]["location"] == CONTROL
    assert document["courses"][0]["days"] == [0, 2]
    assert document["courses"][0]["logs"][0]["hours"] == 1.25
    path = tmp_path / "export.json"
    path.write_bytes(first)
    other = tmp_path / "other" / "restored.db"
    result = jh("--db", str(other), "import", "json", str(path))
    assert result.stdout == (
        f"Imported {path}: 16 added, 0 updated, 0 unchanged, 0 rejected (16 rows read).\n"
        "  added meetups: 2, contacts: 2, interactions: 1, applications: 3, links: 2, "
        "event_people: 1, courses: 2, skills: 2, nudges: 1\n"
    )
    assert export_json(jh, "--db", str(other)) == first


def test_json_export_envelope(jh, rich_store) -> None:
    document = json.loads(export_json(jh))
    assert list(document) == ["version", "kind", "schema", *jsondoc.SECTIONS]
    assert (document["version"], document["kind"]) == (1, "jobhunt-export")
    app = document["applications"][0]
    assert list(app) == [
        "id", "company", "role", "status", "applied_on", "job_type", "source", "url",
        "location", "salary", "note", "created_at", "updated_at", "via", "skills", "events",
    ]  # fmt: skip
    assert list(app["events"][0]) == [
        "id", "kind", "on", "channel", "status", "until", "person", "note", "created_at", "dated",
        "at", "minutes", "place",
    ]  # fmt: skip
    assert [e["kind"] for e in document["applications"][1]["events"]] == [
        "applied",
        "snooze",
        "edit",
    ]


def test_json_export_covers_every_column_of_the_schema(db_path) -> None:
    conn = store.open_store(db_path)
    try:
        tables = {
            r[0]
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not r[0].startswith(("sqlite_", "schema_migrations", "undo_"))
            and r[0] not in jsondoc.NOT_EXPORTED
        }
        assert tables == set(jsondoc.TABLES)
        for table, columns in jsondoc.TABLES.items():
            live = {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}
            assert live == set(columns), table
    finally:
        conn.close()


_JSON_VALUE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)
_APP_KEYS = [c.key for c in jsondoc.APPLICATION] + ["skills", "events"]


@settings(max_examples=200, deadline=None)
@given(
    records=st.lists(
        st.one_of(
            _JSON_VALUE,
            st.dictionaries(st.sampled_from(_APP_KEYS), _JSON_VALUE, max_size=len(_APP_KEYS)),
        ),
        max_size=5,
    )
)
def test_json_records_of_any_shape_are_checked_never_crash(records) -> None:
    document = {"version": 1, "kind": "jobhunt-export", "applications": records, "links": records}
    report, bundle = jsonimport.plan(document, source="f.json")
    assert report.rows == 2 * len(records)
    assert len(bundle.applications) == report.count("added") - len(bundle.links)
    assert all(o.reason for o in report.rejected)


@settings(max_examples=25, deadline=None)
@given(text=st.text(max_size=20).filter(lambda t: "\x00" not in t))
def test_any_text_survives_the_json_round_trip(tmp_path_factory, text: str) -> None:
    folder = tmp_path_factory.mktemp("trip")
    first = store.open_store(folder / "a.db")
    second = store.open_store(folder / "b.db")
    try:
        now = "2026-11-27T09:00:00+00:00"
        first.execute(
            "INSERT INTO application (id, company, role, status, note, created_at, updated_at) "
            "VALUES (1, 'Acme', 'Dev', 'saved', ?, ?, ?)",
            (text, now, now),
        )
        first.execute(
            "INSERT INTO contact (id, name, kind, note, added_on, created_at) "
            "VALUES (1, 'Dana', 'peer', ?, '2026-11-27', ?)",
            (text, now),
        )
        exported = jsonexport.to_bytes(jsonexport.dump(first))
        report, bundle = jsonimport.plan(json.loads(exported), source="f.json")
        assert report.rejected == []
        with store.transaction(second):
            jsonimport.apply(second, bundle)
        assert jsonexport.to_bytes(jsonexport.dump(second)) == exported
        assert json.loads(exported)["applications"][0]["note"] == text
    finally:
        first.close()
        second.close()


# --------------------------------------------------------------------------- CSV


FORMULA_CASES = {
    "equals": ("=1+1", "'=1+1"),
    "plus": ("+1", "'+1"),
    "minus": ("-2+3", "'-2+3"),
    "at": ("@SUM(A1)", "'@SUM(A1)"),
    "tab": ("\t=1", "'\t=1"),
    "cr": ("\r=1", "'\r=1"),
    "lf": ("\n=1", "'\n=1"),
    "space-then-equals": ("  =1", "'  =1"),
    "fullwidth-equals": ("＝1+1", "'＝1+1"),
    "hyperlink": (FORMULA, "'" + FORMULA),
    "plain": ("Acme", "Acme"),
    "inner-equals": ("a=1", "a=1"),
    "empty": ("", ""),
    "quote-first": ("'already", "'already"),
    "number": ("42", "42"),
}


@pytest.mark.parametrize(("cell", "safe"), FORMULA_CASES.values(), ids=FORMULA_CASES.keys())
def test_formula_cells_are_neutralised(cell: str, safe: str) -> None:
    assert csvio.neutralise(cell) == safe


def _starts_formula(cell: str) -> bool:
    return cell.lstrip(" \u00a0\u3000")[:1] in csvio.FORMULA_START and cell != ""


@settings(max_examples=300, deadline=None)
@given(cells=st.lists(st.text(max_size=12), min_size=1, max_size=6))
def test_no_exported_cell_can_start_a_formula(cells: list[str]) -> None:
    data = csvio.to_csv(["h"] * len(cells), [cells])
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    assert len(rows) == 2
    for written, original in zip(rows[1], cells, strict=True):
        assert not _starts_formula(written)
        assert written in (original, "'" + original)
    assert data.count(b'"') >= 2 * len(cells) * 2


@settings(max_examples=200, deadline=None)
@given(value=st.text(max_size=12).map(str.strip))
def test_importing_undoes_the_protective_quote(value: str) -> None:
    assert csvio.cell(csvio.neutralise(value)) == value


def test_csv_export_is_quoted_utf8_with_one_header(jh, rich_store) -> None:
    result = jh("export", "csv", "applications")
    data = result.stdout_bytes
    assert not data.startswith(b"\xef\xbb\xbf")
    assert data.startswith(
        b'"id","store","company","role","status","applied_on","job_type","source","location",'
        b'"salary","url","skills","note","created_at","updated_at","via"\r\n'
    )
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    assert len(rows) == 4
    ident = rows[1][1]
    assert re.fullmatch("[0-9a-f]{16}", ident)
    assert {r[1] for r in rows[1:]} == {ident}  # the store's identifier on every row
    assert rows[1][2:13] == [
        UNICODE, MARKUP, "offer", "2026-11-02", "contract", "referral", CONTROL,
        "'-5 to +10", "https://jobs.example.com/1", "SQL, Python", "'" + FORMULA,
    ]  # fmt: skip
    for row in rows:
        assert not any(_starts_formula(c) for c in row)
    # Every field quoted: as many quote pairs as cells (no quotes inside these cells).
    assert data.split(b"\r\n")[-2] == (
        b'"3","'
        + ident.encode()
        + b'","Umbrella","QA","saved","","","","","","","","",'
        + b",".join(b'"' + c.encode() + b'"' for c in rows[3][13:])
    )


@pytest.mark.parametrize("sheet", list(sheets.SHEETS))
def test_every_csv_sheet_exports(jh, rich_store, sheet: str) -> None:
    rows = csv_rows(jh("export", "csv", sheet))
    expected_header, expected_rows = sheets.SHEETS[sheet](json.loads(export_json(jh)))
    assert rows[0] == list(expected_header)
    assert len(rows) == 1 + len(expected_rows)
    assert all(not _starts_formula(c) for row in rows for c in row)


def test_csv_sheet_details(jh, rich_store) -> None:
    def sheet(name: str) -> list[list[str]]:
        return csv_rows(jh("export", "csv", name))

    contacts = sheet("contacts")
    assert contacts[1][:12] == [
        "1", "Dana Reyes", UNICODE, "", "recruiter", "dana@example.com", "'+1 555 0100",
        "https://www.linkedin.com/in/dana", CONTROL, "14", "2026-11-20", "2026-11-21",
    ]  # fmt: skip
    courses = sheet("courses")
    assert courses[1][:17] == [
        "1", "SQL for analysts", MARKUP, "online", "active", "2026-11-02", "2026-12-20",
        "Mon, Wed", "4.5", "€49", "https://learn.example.com/sql", "SQL", "2026-11-27",
        "2026-11-23", "1.25", "30", "",
    ]  # fmt: skip
    events = sheet("events")
    assert [r[:6] for r in events[1:]] == [
        ["1", MARKUP, "2026-11-20", "meetup", UNICODE, "1"],
        ["2", "Career fair", "2026-12-03", "other", "", "0"],
    ]
    history = sheet("history")
    assert [(r[0], r[4], r[5]) for r in history[1:5]] == [
        ("1", "2026-11-02", "applied"),
        ("1", "2026-11-09", "follow_up"),
        ("1", "2026-11-16", "interview"),
        ("1", "2026-11-16", "status"),
    ]
    assert sheet("interactions")[1][1:7] == [
        "1",
        "Dana Reyes",
        UNICODE,
        "2026-11-21",
        "coffee",
        UNICODE,
    ]


def test_exported_applications_import_back_unchanged(jh, rich_store, tmp_path) -> None:
    path = tmp_path / "apps.csv"
    jh("export", "csv", "applications", "-o", str(path))
    data = jh.json("import", "csv", str(path))["import"]
    assert (data["added"], data["updated"], data["unchanged"], data["rejected"]) == (0, 0, 3, [])
    assert data["warnings"] == []


def test_unknown_sheet_is_refused(jh) -> None:
    result = jh("export", "csv", "people", ok=False)
    assert (result.exit_code, result.stderr) == (
        2,
        "Error: unknown table 'people'; choose from: applications, contacts, courses, events, "
        "history, interactions\n",
    )


# --------------------------------------------------------------------------- ICS


def parse_ics(data: bytes) -> list[dict]:
    cal = Calendar.from_ical(data)
    return [
        {
            "uid": str(e["UID"]),
            "start": e["DTSTART"].dt,
            "end": e["DTEND"].dt,
            "summary": str(e["SUMMARY"]),
            "stamp": e["DTSTAMP"].dt,
            "status": str(e.get("STATUS", "")),
        }
        for e in cal.walk("VEVENT")
    ]


def test_ics_entries_parse_back_with_stable_uids(jh, rich_store) -> None:
    jh("interview", "2", "--on", "2026-12-01", "--with", "Lee")
    first = jh("export", "ics").stdout_bytes
    second = jh("export", "ics").stdout_bytes
    assert [e["uid"] for e in parse_ics(first)] == [e["uid"] for e in parse_ics(second)]
    # The offer of 11-25 ended application 1's check-ins: published as cancelled when the
    # offer was recorded after the application (the template's commands may share a second).
    cancelled = {e["uid"].split("@")[0] for e in parse_ics(first) if e["status"] == "CANCELLED"}
    assert cancelled <= {"follow-up-1-check_in"}
    events = [e for e in parse_ics(first) if e["status"] != "CANCELLED"]
    uids = [e["uid"] for e in events]
    ident = uids[0].split("@")[1].removesuffix(".jobhunt")
    assert re.fullmatch("[0-9a-f]{16}", ident)
    assert [u.split("@")[0] for u in uids] == [
        "course-1-2026-11-30",
        "interview-10",
        "course-1-2026-12-02",
        "meetup-2",
        "course-1-2026-12-07",
        "course-1-2026-12-09",
        "course-1-2026-12-14",
        "course-1-2026-12-16",
    ]
    assert {u.split("@")[1] for u in uids} == {f"{ident}.jobhunt"}
    by_uid = {e["uid"].split("@")[0]: e for e in events}
    interview = by_uid["interview-10"]
    assert (interview["start"], interview["end"]) == (date(2026, 12, 1), date(2026, 12, 2))
    assert interview["summary"] == "Interview: Analyst at Globex with Lee"
    assert by_uid["meetup-2"]["summary"] == "Networking: Career fair"
    assert all(
        e["stamp"].tzinfo is not None and e["stamp"].utcoffset().total_seconds() == 0
        for e in events
    )
    assert b"DTSTART;VALUE=DATE:20261201\r\n" in first
    assert all(not line or line.endswith(b"\r") for line in first.split(b"\n"))


def test_ics_window_and_overdue_follow_ups(jh) -> None:
    jh("add", "Acme", "Dev", "--applied", "2026-11-02")  # follow-up was due 2026-11-09
    jh("add", "Beta", "QA", "--applied", "2026-11-26")  # due 2026-12-03
    events = parse_ics(jh("export", "ics", "--weeks", "1").stdout_bytes)
    assert [(e["uid"].split("@")[0], e["start"]) for e in events] == [
        ("follow-up-1-after_apply", TODAY),
        ("follow-up-2-after_apply", date(2026, 12, 3)),
    ]
    assert parse_ics(jh("export", "ics", "--weeks", "52").stdout_bytes)[0]["start"] == TODAY
    result = jh("export", "ics", "--weeks", "0", ok=False)
    assert result.exit_code == 2


def test_ics_hostile_text_stays_inside_its_field(jh) -> None:
    jh("add", "--applied", "2026-11-26", "--note", HOSTILE_SUMMARY, "--", HOSTILE_SUMMARY, CONTROL)
    jh("interview", "1", "--on", "2026-12-01", "--with", HOSTILE_SUMMARY, "--note", HOSTILE_SUMMARY)
    jh("event", "add", HOSTILE_SUMMARY, "--on", "2026-12-02", "--where", CONTROL, "--note", CONTROL)
    data = jh("export", "ics").stdout_bytes
    assert data.split(b"\r\n").count(b"BEGIN:VEVENT") == 2  # no follow-up: interview ahead
    events = parse_ics(data)
    assert len(events) == 2
    assert events[0]["summary"] == (
        "Interview: a [2Jb c d e f at Evil END:VEVENT BEGIN:VEVENT SUMMARY:pwned UID:x "
        "with Evil END:VEVENT BEGIN:VEVENT SUMMARY:pwned UID:x"
    )
    assert events[1]["summary"] == "Networking: Evil END:VEVENT BEGIN:VEVENT SUMMARY:pwned UID:x"
    assert not any(b in data for b in (b"\x1b", b"\x07", b"\x7f", "\x9b".encode()))
    cal = Calendar.from_ical(data)
    meetup = cal.walk("VEVENT")[1]
    assert str(meetup["DESCRIPTION"]) == "other\na[2Jbc\nd ef"
    assert str(meetup["LOCATION"]) == "a [2Jb c d e f"


@pytest.mark.parametrize(
    ("text", "line", "lines"),
    [
        ("a\x1b[2Jb", "a [2Jb", "a[2Jb"),
        ("x\r\ny\rz\nw", "x y z w", "x\ny\nz\nw"),
        ("tab\there", "tab here", "tab here"),
        ("bidi\u202eevil", "bidi evil", "bidievil"),
        (" ", "", ""),
        (None, "", ""),
    ],
    ids=["escape", "line-breaks", "tab", "bidi", "blank", "none"],
)
def test_ics_text_cleaning(text, line, lines) -> None:
    assert calendar.one_line(text) == line
    assert calendar.multi_line(text) == lines


def test_ics_entries_are_pure() -> None:
    app = Application(
        id=7,
        company="Acme",
        role="Dev",
        status="interviewing",
        applied_on=date(2026, 11, 2),
        events=(
            Event(1, 7, "applied", date(2026, 11, 2)),
            Event(2, 7, "interview", date(2026, 11, 20), person="Dana"),
        ),
    )
    closed = Application(
        id=8, company="B", role="C", status="rejected", applied_on=date(2026, 11, 2)
    )
    course = Course(
        id=3, title="SQL", status="active", added_on=date(2026, 11, 1), days=(4,),
        ends_on=date(2026, 12, 4),
    )  # fmt: skip
    found = calendar.entries(
        applications=[app, closed],
        meetups=[Meetup(4, "Fair", date(2026, 11, 26), "career-fair")],
        courses=[course],
        today=TODAY,
        weeks=2,
        policy=Policy(),
    )
    assert [(e.uid, e.day.isoformat()) for e in found] == [
        ("course-3-2026-11-27", "2026-11-27"),
        ("follow-up-7-check_in", "2026-11-27"),
        ("course-3-2026-12-04", "2026-12-04"),
    ]
    stamp = datetime(2026, 11, 27, 9, 30, tzinfo=UTC)
    data = calendar.to_ical(found, store="0123456789abcdef", now=stamp)
    assert b"DTSTAMP:20261127T093000Z\r\n" in data
    assert b"UID:course-3-2026-11-27@0123456789abcdef.jobhunt\r\n" in data


# --------------------------------------------------------------------------- work-search log


@pytest.fixture
def busy_week(jh) -> None:
    jh("add", "Acme", "Dev", "--applied", "2026-11-23")
    jh("add", "Beta", "QA", "--applied", "2026-11-10")
    jh("log", "2", "--via", "note", "--on", "2026-11-24")
    jh("interview", "2", "--on", "2026-11-26", "--with", "Dana Reyes")
    jh("interview", "2", "--on", "2026-11-29")  # ahead: not held yet
    jh("add", "Gamma", "Ops", "--applied", "2026-11-16")  # another week
    jh("contact", "add", "Sam Lee", "--company", "Acme", "--kind", "recruiter")
    jh("contact", "link", "2", "1", "--as", "referral")  # 1 is Dana Reyes, from --with
    jh("status", "1", "rejected", "--on", "2026-11-27")


# Only what was recorded: the linked contact Sam Lee is no contact person of the log.
NR = "not recorded"
WEEK_ROWS = [
    ["2026-11-23", "applied", "Acme", "Dev", NR, NR, NR, NR, "rejected"],
    ["2026-11-24", "follow-up", "Beta", "QA", NR, NR, NR, "mail", "interviewing"],
    ["2026-11-26", "interview", "Beta", "QA", NR, NR, "Dana Reyes", NR,
     "interviewing"],
]  # fmt: skip


def test_worklog_plain_table(jh, busy_week) -> None:
    result = jh("export", "worklog")
    assert result.stdout == (
        "== Work-search log, week of 2026-11-23 to 2026-11-29 ==\n"
        + "".join("\t".join(row) + "\n" for row in WEEK_ROWS)
    )


def test_worklog_csv_and_json(jh, busy_week) -> None:
    rows = csv_rows(jh("export", "worklog", "--format", "csv"))
    assert rows == [
        [
            "Date",
            "Activity",
            "Employer",
            "Position",
            "URL",
            "Location",
            "Contact",
            "Method",
            "Result",
        ],
        *WEEK_ROWS,
    ]
    data = jh.json("export", "worklog", "--week", "2026-11-25")
    assert set(data) == {"version", "start", "end", "entries"}
    assert (data["start"], data["end"]) == ("2026-11-23", "2026-11-29")
    assert data["entries"][0] == {
        "date": "2026-11-23",
        "activity": "applied",
        "employer": "Acme",
        "position": "Dev",
        "url": None,
        "location": None,
        "contact": None,
        "method": None,
        "result": "rejected",
        "application_id": 1,
        "event_id": None,
        "contact_id": None,
    }
    assert jh.json("export", "worklog", "--week", "2026-11-16")["entries"][0]["employer"] == "Gamma"


def test_worklog_empty_week_and_file(jh, busy_week, tmp_path) -> None:
    assert jh("export", "worklog", "--week", "2026-01-05").stdout == (
        "== Work-search log, week of 2026-01-05 to 2026-01-11 ==\n"
        "No work-search activities recorded that week.\n"
    )
    path = tmp_path / "log.txt"
    result = jh("export", "worklog", "-o", str(path))
    assert result.stderr == f"Wrote 3 work-search activities to {path}.\n"
    assert path.read_text().splitlines()[:2] == [
        "Work-search log, week of 2026-11-23 to 2026-11-29",
        "Date\tActivity\tEmployer\tPosition\tURL\tLocation\tContact\tMethod\tResult",
    ]
    jh("export", "worklog", "--json", "-o", str(path))
    assert json.loads(path.read_text())["entries"][2]["activity"] == "interview"
    bad = jh("export", "worklog", "--format", "pdf", ok=False)
    assert bad.stderr == "Error: unknown format 'pdf'; choose from: table, csv, json\n"


def test_worklog_csv_is_spreadsheet_safe(jh) -> None:
    jh("add", "--applied", "2026-11-24", "--", "=cmd|' /C calc'!A0", "-1")
    rows = csv_rows(jh("export", "worklog", "-f", "csv"))
    assert rows[1][2:4] == ["'=cmd|' /C calc'!A0", "'-1"]


# --------------------------------------------------------------------------- -o FILE


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.mark.parametrize(
    "args",
    [["json"], ["csv", "contacts"], ["ics"], ["worklog", "-f", "csv"]],
    ids=["json", "csv", "ics", "worklog"],
)
def test_output_files_are_private_and_atomic(jh, rich_store, tmp_path, args) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "export"
    target.write_text("old")
    os.chmod(target, 0o644)
    result = jh("export", *args, "--output", str(target))
    assert result.stdout == ""
    assert result.stderr.startswith("Wrote ")
    assert result.stderr.endswith(f" to {target}.\n")
    assert store.file_mode(target) == 0o600

    def stable(data: bytes) -> list[bytes]:  # DTSTAMP is the time of the export
        return [line for line in data.split(b"\r\n") if not line.startswith(b"DTSTAMP:")]

    assert stable(target.read_bytes()) == stable(jh("export", *args).stdout_bytes)
    assert leftovers(folder) == []
    assert sorted(p.name for p in folder.iterdir()) == ["export"]


def test_a_failed_write_leaves_the_old_file_and_no_temp_file(tmp_path, monkeypatch) -> None:
    target = tmp_path / "export.json"
    target.write_text("old")

    def broken(src, dst):  # type: ignore[no-untyped-def]
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(InputError, match=r"cannot write .*export\.json: No space left on device"):
        atomic.write_atomic(target, b"new")
    assert target.read_text() == "old"
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("{db}", "Error: refusing to overwrite the store {db} with an export (hint: give another file name with -o)\n"),
        ("{db}-wal", "Error: refusing to overwrite the store {db} with an export (hint: give another file name with -o)\n"),
        ("{tmp}", "Error: {tmp} is a folder; give a file name to write to\n"),
        ("{tmp}/missing/x.json", "Error: cannot write {tmp}/missing/x.json: the folder {tmp}/missing does not exist\n"),
    ],
    ids=["store", "store-wal", "folder", "no-folder"],
)  # fmt: skip
@pytest.mark.sqlite_only(reason="an export must not overwrite the store file")
def test_output_targets_that_are_refused(jh, db_path, tmp_path, target, message) -> None:
    jh("add", "Acme", "Dev")
    before = db_path.read_bytes()
    fill = {"db": db_path, "tmp": tmp_path}
    result = jh("export", "json", "-o", target.format(**fill), ok=False)
    assert (result.exit_code, result.stderr) == (2, message.format(**fill))
    assert db_path.read_bytes() == before


def test_terminal_output_shows_control_characters() -> None:
    shown = atomic._for_terminal('"a\x1b[2Jb","c"\r\n"d\x9b"\r\n')
    assert shown == '"a\\x1b[2Jb","c"\n"d\\x9b"\n'
