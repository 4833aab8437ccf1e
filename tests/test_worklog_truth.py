"""The work-search log states only what was recorded: a contact person only when one was
recorded (never guessed from the contacts linked to the application), a method only
when one was recorded ("not recorded" otherwise, never "online application"), the
posting's URL and location, and no day an import did not know.

Today is Friday 2026-11-27 (conftest).
"""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from jobhunt.io import worklog
from jobhunt.records import Application, Event
from tests import storeview

COLUMNS = ["Date", "Activity", "Employer", "Position", "URL", "Location", "Contact", "Method",
           "Result"]  # fmt: skip
NR = "not recorded"


def test_only_recorded_facts(jh) -> None:
    jh("add", "Acme", "Dev", "--applied", "2026-11-24", "--url", "https://acme.example/j/1",
       "--location", "Leeds")  # fmt: skip
    jh("log", "1", "--via", "phone", "--note", "spoke to HR", "--on", "2026-11-26")
    jh("contact", "add", "Rita Recruiter", "--company", "Acme", "--kind", "recruiter")
    jh("contact", "link", "1", "1", "--as", "recruiter")
    jh("add", "Initech", "QA", "--applied", "2026-11-10")
    jh("interview", "2", "--on", "2026-11-25", "--with", "Dana Reyes")
    data = jh("export", "worklog", "--format", "csv").stdout
    rows = list(csv.reader(io.StringIO(data, newline="")))
    assert rows == [
        COLUMNS,
        ["2026-11-24", "applied", "Acme", "Dev", "https://acme.example/j/1", "Leeds",
         "not recorded", "not recorded", "applied"],
        ["2026-11-25", "interview", "Initech", "QA", "not recorded", "not recorded",
         "Dana Reyes", "not recorded", "interviewing"],
        ["2026-11-26", "follow-up", "Acme", "Dev", "https://acme.example/j/1", "Leeds",
         "not recorded", "phone", "applied"],
    ]  # fmt: skip
    entries = jh.json("export", "worklog")["entries"]
    assert entries[0] == {
        "date": "2026-11-24",
        "activity": "applied",
        "employer": "Acme",
        "position": "Dev",
        "url": "https://acme.example/j/1",
        "location": "Leeds",
        "contact": None,
        "method": None,
        "result": "applied",
        "application_id": 1,
        "event_id": None,
        "contact_id": None,
    }


def test_no_undated_entry_is_given_a_day() -> None:
    app = Application(
        1,
        "Acme",
        "Dev",
        "interviewing",
        date(2026, 11, 2),
        events=(Event(5, 1, "interview", date(2026, 11, 25), dated=False),),
    )
    found = worklog.entries([app], start=date(2026, 11, 23), end=date(2026, 11, 29),
                            today=date(2026, 11, 27))  # fmt: skip
    assert found == []


def rows_of(jh, *args: str) -> list[list[str]]:
    data = jh("export", "worklog", "--format", "csv", *args).stdout
    return list(csv.reader(io.StringIO(data, newline="")))[1:]


def test_an_applications_method_is_how_it_was_sent(jh) -> None:
    jh("add", "Acme", "Dev", "--applied", "2026-11-24", "--via", "in-person")
    jh("add", "Initech", "QA", "--applied", "2026-11-25")
    assert [(r[2], r[7]) for r in rows_of(jh)] == [
        ("Acme", "in-person"),
        ("Initech", "not recorded"),
    ]
    assert [e["method"] for e in jh.json("export", "worklog")["entries"]] == ["in-person", None]


@pytest.mark.parametrize(
    ("channel", "method"),
    [
        ("email", "email"),
        ("note", "mail"),
        ("phone", "phone"),
        ("in-person", "in-person"),
        ("message", "message"),  # no honest equivalent: the channel's own word
    ],
    ids=str,
)
def test_a_follow_ups_method_follows_the_one_table(jh, channel, method) -> None:
    jh("add", "Acme", "Dev", "--applied", "2026-11-16", "--via", "online")
    jh("log", "1", "--via", channel, "--on", "2026-11-24")
    assert [(r[1], r[7]) for r in rows_of(jh)] == [("follow-up", method)]


def test_the_contact_is_the_people_recorded_with_the_entry(jh) -> None:
    jh("add", "Acme", "Dev", "--applied", "2026-11-16")
    jh("contact", "add", "Rita Recruiter", "--company", "Acme")
    jh("contact", "link", "1", "1", "--as", "recruiter")  # linked, not recorded as reached
    jh("log", "1", "--via", "phone", "--on", "2026-11-23")
    jh("log", "1", "--via", "email", "--on", "2026-11-24", "--with", "Sam Lee")
    jh("interview", "1", "--on", "2026-11-25", "--with", "#1", "--with", "Dana Reyes")
    jh("contact", "edit", "2", "--name", "Samuel Lee")  # the person, as now named
    assert [(r[0], r[1], r[6]) for r in rows_of(jh)] == [
        ("2026-11-23", "follow-up", "not recorded"),
        ("2026-11-24", "follow-up", "Samuel Lee"),
        ("2026-11-25", "interview", "Rita Recruiter, Dana Reyes"),
    ]


def test_networking_events_count_only_when_attended(jh) -> None:
    jh("event", "add", "Tech Careers Expo", "--on", "2026-11-23", "--kind", "career-fair",
       "--where", "Town Hall")  # fmt: skip
    jh("event", "add", "CV clinic", "--on", "2026-11-24", "--kind", "workshop")
    jh("event", "add", "Jobs club", "--on", "2026-11-25", "--kind", "career-centre")
    jh("event", "add", "Python meetup", "--on", "2026-11-26", "--kind", "meetup")
    jh("event", "add", "Not gone", "--on", "2026-11-26", "--kind", "association")
    jh("event", "add", "Unknown", "--on", "2026-11-26", "--kind", "webinar")
    jh("event", "attended", "1")
    jh("event", "attended", "2")
    jh("event", "attended", "3")
    jh("event", "attended", "5", "--no")
    jh("contact", "add", "Pat Okafor", "--company", "Globex", "--met-at", "4")
    assert rows_of(jh) == [
        ["2026-11-23", "job-fair", "Tech Careers Expo", "", NR, "Town Hall", NR, NR, "attended"],
        ["2026-11-24", "workshop", "CV clinic", "", NR, NR, NR, NR, "attended"],
        ["2026-11-25", "career-centre", "Jobs club", "", NR, NR, NR, NR, "attended"],
        ["2026-11-26", "networking event", "Python meetup", "", NR, NR, "Pat Okafor", NR,
         "contact made"],
    ]  # fmt: skip
    entry = jh.json("export", "worklog")["entries"][0]
    assert (entry["activity"], entry["event_id"], entry["application_id"]) == ("job-fair", 1, None)


def test_informational_meetings_come_from_marked_touches(jh) -> None:
    jh("contact", "add", "Lee Chan", "--company", "Globex")
    jh("contact", "touch", "1", "--via", "coffee", "--on", "2026-11-24", "--informational")
    jh("contact", "touch", "1", "--via", "email", "--on", "2026-11-25")  # not marked
    jh("contact", "touch", "1", "--via", "message", "--on", "2026-11-26", "--informational")
    assert rows_of(jh) == [
        ["2026-11-24", "informational meeting", "Globex", "", NR, NR, "Lee Chan", "in-person",
         "contact made"],
        ["2026-11-26", "informational meeting", "Globex", "", NR, NR, "Lee Chan", "message",
         "contact made"],
    ]  # fmt: skip
    entry = jh.json("export", "worklog")["entries"][0]
    assert (entry["contact_id"], entry["application_id"]) == (1, None)


def test_event_attended_is_recorded_and_shown(jh, db_path) -> None:
    jh("event", "add", "Fair", "--on", "2026-11-24", "--kind", "career-fair")
    assert jh("event", "attended", "1").stdout == "Recorded that you went to event 1: Fair.\n"
    assert jh.json("event", "show", "1")["event"]["attended"] is True
    assert "Went: yes\n" in jh("event", "show", "1").stdout
    assert jh("event", "list").stdout == "1\t2026-11-24\tFair\tcareer-fair\t\t0\tyes\n"
    data = jh.json("event", "attended", "1", "--no")
    assert data["event"]["attended"] is False
    assert storeview.query(db_path, "SELECT attended FROM meetup") == [(0,)]
    assert rows_of(jh) == []
    jh("undo")
    assert storeview.query(db_path, "SELECT attended FROM meetup") == [(1,)]


def test_event_attended_on_an_unknown_event_writes_nothing(jh, db_path) -> None:
    jh("event", "add", "Fair", "--on", "2026-11-24")
    before = storeview.dump(db_path)
    result = jh("event", "attended", "7", ok=False)
    assert (result.exit_code, result.stdout) == (3, "")
    assert result.stderr.startswith("Error: no event with id 7")
    assert storeview.dump(db_path) == before


def test_a_future_event_and_a_contact_met_at_an_event_marked_not_attended(jh) -> None:
    jh("event", "add", "Later", "--on", "2026-11-28")  # Saturday: after today
    jh("event", "add", "Said no", "--on", "2026-11-24")
    jh("event", "attended", "2", "--no")  # your word wins over a contact met there
    jh("contact", "add", "Ann", "--met-at", "2")
    assert rows_of(jh) == []


def test_informational_touch_is_marked_in_contact_show(jh) -> None:
    jh("contact", "add", "Lee Chan", "--company", "Globex")
    out = jh("contact", "touch", "1", "--via", "call", "--informational", "--note", "teams")
    assert out.stdout.startswith("Logged an informational meeting by call with Lee Chan")
    shown = jh("contact", "show", "1").stdout
    assert "\tcall\tinformational meeting; teams\n" in shown
    touches = jh.json("contact", "show", "1")["interactions"]
    assert [t["informational"] for t in touches] == [True]
    bad = jh("contact", "touch", "9", "--via", "call", "--informational", ok=False)
    assert bad.exit_code == 3


def test_the_csv_sheets_carry_attended_informational_and_timing(jh) -> None:
    jh("event", "add", "Fair", "--on", "2026-11-24")
    jh("event", "add", "Meetup", "--on", "2026-11-25")
    jh("event", "attended", "1")
    jh("contact", "add", "Lee")
    jh("contact", "touch", "1", "--via", "coffee", "--informational")
    jh("contact", "touch", "1", "--via", "email")
    jh("add", "Acme", "Dev", "--applied", "2026-11-20")
    jh("interview", "1", "--on", "2026-12-01", "--at", "10:00", "--minutes", "30", "--where", "Rm")

    def sheet(what: str) -> list[dict[str, str]]:
        text = jh("export", "csv", what).stdout
        return list(csv.DictReader(io.StringIO(text, newline="")))

    assert [r["attended"] for r in sheet("events")] == ["yes", ""]
    assert [r["informational"] for r in sheet("interactions")] == ["yes", "no"]
    interview = [r for r in sheet("history") if r["kind"] == "interview"]
    assert [(r["at"], r["minutes"], r["place"]) for r in interview] == [("10:00", "30", "Rm")]


def test_an_interview_after_the_application_was_closed_was_not_held(jh) -> None:
    # Scheduled for Thursday, withdrawn on Wednesday: the calendar cancels it, and the
    # log must not say it was held. One on the day of the rejection was held.
    jh("add", "Acme", "Dev", "--applied", "2026-11-16")
    jh("interview", "1", "--on", "2026-11-26", "--at", "10:00")
    jh("status", "1", "withdrawn", "--on", "2026-11-25")
    jh("add", "Initech", "QA", "--applied", "2026-11-16")
    jh("interview", "2", "--on", "2026-11-24")
    jh("status", "2", "rejected", "--on", "2026-11-24")
    assert [r[:3] for r in rows_of(jh, "--week", "2026-11-23")] == [
        ["2026-11-24", "interview", "Initech"],
    ]


@pytest.mark.parametrize(
    "command",
    [("contact", "add", "Bea", "--met-at", "1"), ("contact", "edit", "1", "--met-at", "1")],
    ids=["add", "edit"],
)
def test_meeting_someone_at_an_event_that_has_not_happened_is_refused(jh, db_path, command) -> None:
    # "Met there" is a fact: before the event's day the log would later count it as
    # contact made there, whether or not you went.
    jh("event", "add", "Later", "--on", "2026-11-28")
    if command[1] == "edit":
        jh("contact", "add", "Bea")
    before = storeview.dump(db_path)
    result = jh(*command, ok=False)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "Error: event 1 (Later) is on 2026-11-28, after today: say whom you met there once "
        "you have been\n"
    )
    assert storeview.dump(db_path) == before


def test_going_to_an_event_that_has_not_happened_is_refused(jh, db_path) -> None:
    # "Went: yes" for Saturday's event, said on Friday, is not a fact yet: once the day
    # passed the log would state it whether or not you went.
    jh("event", "add", "Later", "--on", "2026-11-28")
    before = storeview.dump(db_path)
    result = jh("event", "attended", "1", ok=False)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "Error: event 1 (Later) is on 2026-11-28, after today: say you went once you have "
        "been (hint: --no says you will not go)\n"
    )
    assert storeview.dump(db_path) == before
    jh("event", "attended", "1", "--no")  # you will not go: that you can say now
    assert jh.json("event", "show", "1")["event"]["attended"] is False
