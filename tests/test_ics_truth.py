"""`jobhunt export ics` read by calendars other than the one it was written with: UIDs
that carry the store's identifier (two profiles' exports imported together keep every
entry), commands that carry --db/--profile, SEQUENCE and LAST-MODIFIED from the stored
history (an unchanged store exports the same file but for DTSTAMP), and entries that
were done, closed or deleted published as cancelled for 30 days.

Every file is parsed with vobject as well as icalendar. Today is Friday 2026-11-27.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
import vobject
from icalendar import Calendar

from jobhunt import backend, store
from tests import storeview
from tests.conftest import run_subprocess


def parsed(data: bytes) -> dict[str, dict]:
    """{UID: entry} read by two independent parsers, which must agree."""
    text = data.decode("utf-8")
    by_vobject = {}
    for event in getattr(vobject.readOne(text), "vevent_list", []):
        by_vobject[event.uid.value] = {
            "day": event.dtstart.value,
            "summary": event.summary.value,
            "sequence": int(event.sequence.value),
            "status": event.status.value if hasattr(event, "status") else "",
            "description": event.description.value if hasattr(event, "description") else "",
        }
    by_icalendar = {
        str(e["UID"]): {
            "day": e["DTSTART"].dt,
            "summary": str(e["SUMMARY"]),
            "sequence": int(e["SEQUENCE"]),
            "status": str(e.get("STATUS", "")),
            "description": str(e.get("DESCRIPTION", "")),
        }
        for e in Calendar.from_ical(data).walk("VEVENT")
    }
    assert by_vobject == by_icalendar
    return by_vobject


def local(uid: str) -> str:
    return uid.split("@")[0]


def export(jh, *args: str, weeks: int = 4) -> dict[str, dict]:
    data = jh(*args, "export", "ics", "--weeks", str(weeks)).stdout_bytes
    return {local(k): v for k, v in parsed(data).items()}


def run_sql(db_path: Path, statement: str) -> None:
    """One statement on the test's store, from outside jobhunt (either backend)."""
    conn = storeview.connect(db_path)
    assert conn is not None
    try:
        conn.execute(statement)
        if hasattr(conn, "commit"):
            conn.commit()
    finally:
        conn.close()


def older(db_path: Path) -> None:
    """Make every application look added long ago, as if exported before what follows
    (a change counts once it is recorded after the application was added)."""
    run_sql(db_path, "UPDATE application SET created_at = '2026-01-05T09:00:00+00:00'")


def test_two_profiles_exports_imported_together_keep_every_entry(jh) -> None:
    for profile, company in (("ann", "Acme"), ("bob", "Initech")):
        jh("--profile", profile, "add", company, "Dev", "--applied", "2026-11-24")
        jh("--profile", profile, "interview", "1", "--on", "2026-12-01")
    ann = jh("--profile", "ann", "export", "ics").stdout_bytes
    bob = jh("--profile", "bob", "export", "ics").stdout_bytes
    assert set(map(local, parsed(ann))) == set(map(local, parsed(bob))) == {"interview-2"}
    # One calendar holding both files: as a calendar app imports them, by UID.
    body = [ann.split(b"BEGIN:VEVENT", 1)[1].rsplit(b"END:VCALENDAR", 1)[0]]
    body.append(bob.split(b"BEGIN:VEVENT", 1)[1].rsplit(b"END:VCALENDAR", 1)[0])
    both = ann.split(b"BEGIN:VEVENT", 1)[0] + b"BEGIN:VEVENT" + body[0] + b"BEGIN:VEVENT"
    both += body[1] + b"END:VCALENDAR\r\n"
    entries = parsed(both)
    assert len(entries) == 2
    assert sorted(e["summary"] for e in entries.values()) == [
        "Interview: Dev at Acme",
        "Interview: Dev at Initech",
    ]


def test_commands_in_descriptions_carry_db_and_profile(jh, tmp_path) -> None:
    other = str(tmp_path / "other.db")
    jh("--db", other, "--profile", "ann", "add", "Acme", "Dev", "--applied", "2026-11-24")
    entry = export(jh, "--db", other, "--profile", "ann")["follow-up-1-after_apply"]
    assert entry["description"].endswith(
        f"When done: jobhunt --db {other} --profile ann log 1 --via email"
    )


def test_an_unchanged_store_exports_the_same_file_but_for_dtstamp(jh, db_path) -> None:
    jh("add", "Acme", "Dev", "--applied", "2026-11-24")
    jh("add", "Initech", "QA", "--applied", "2026-11-20")
    jh("interview", "2", "--on", "2026-12-02")
    jh("event", "add", "Fair", "--on", "2026-12-01")
    jh("course", "add", "SQL", "--days", "mon,wed", "--ends", "2026-12-31")

    def stable(data: bytes) -> bytes:
        return re.sub(rb"DTSTAMP:[0-9TZ]+\r\n", b"", data)

    first = jh("export", "ics").stdout_bytes
    assert stable(jh("export", "ics").stdout_bytes) == stable(first)
    assert b"LAST-MODIFIED:" in first
    before = export(jh)
    older(db_path)
    jh("snooze", "1", "--until", "2026-12-10")
    after = export(jh)
    entry = "follow-up-1-after_apply"
    assert after[entry]["day"] == date(2026, 12, 10)
    assert after[entry]["sequence"] > before[entry]["sequence"]
    assert after["interview-3"]["sequence"] == before["interview-3"]["sequence"]


def test_what_was_done_closed_or_deleted_is_published_as_cancelled(jh, db_path) -> None:
    jh("add", "Acme", "Dev", "--applied", "2026-11-24")  # 1: a follow-up due 12-01
    jh("add", "Initech", "QA", "--applied", "2026-11-02")  # 2: an interview ahead
    jh("interview", "2", "--on", "2026-12-02")
    jh("add", "Globex", "Ops", "--applied", "2026-11-25")  # 3: deleted
    jh("add", "Hooli", "Data", "--applied", "2026-11-03")  # 4: an interview held
    jh("interview", "4", "--on", "2026-11-20")
    jh("event", "add", "Fair", "--on", "2026-12-01")
    jh("course", "add", "SQL", "--days", "mon,wed", "--ends", "2026-12-31")
    jh("add", "Soylent", "Far", "--applied", "2026-11-27")  # 5: due past --weeks 1
    before = export(jh, weeks=2)
    assert {e["status"] for e in before.values()} == {""}
    older(db_path)
    jh("log", "1", "--via", "email")  # done
    jh("status", "2", "rejected")  # closed
    jh("rm", "3", "--yes")  # deleted
    jh("event", "rm", "1", "--yes")
    jh("course", "drop", "1")
    after = export(jh, weeks=1)
    cancelled = {uid: e for uid, e in after.items() if e["status"] == "CANCELLED"}
    assert sorted(cancelled) == [
        "course-1-2026-11-30",
        "course-1-2026-12-02",
        "follow-up-1-after_apply",
        "follow-up-3-after_apply",
        "interview-3",
        "meetup-1",
    ]
    assert cancelled["interview-3"]["summary"] == "Cancelled: Interview: QA at Initech"
    assert cancelled["interview-3"]["description"] == (
        "No longer due: the application was marked rejected (2026-11-27)."
    )
    assert cancelled["follow-up-1-after_apply"]["description"] == (
        "No longer due: you followed up (2026-11-27)."
    )
    assert cancelled["meetup-1"]["summary"] == "Cancelled: Networking: Fair"
    for uid, entry in cancelled.items():
        if uid in before:
            assert entry["sequence"] > before[uid]["sequence"], uid
    # Still due, past the window or in the past: never cancelled.
    assert "follow-up-5-after_apply" in before
    assert "follow-up-5-after_apply" not in after
    assert "follow-up-4-thank_you" not in cancelled
    assert "interview-6" not in after  # Hooli's interview on 11-20 is past, not cancelled


def test_course_sessions_moved_by_an_edit_are_published_as_cancelled(jh) -> None:
    jh("course", "add", "SQL", "--days", "mon,wed", "--ends", "2026-12-31")
    before = export(jh, weeks=2)
    assert sorted(before) == [
        "course-1-2026-11-30",
        "course-1-2026-12-02",
        "course-1-2026-12-07",
        "course-1-2026-12-09",
    ]
    jh("course", "edit", "1", "--days", "mon,tue")
    after = export(jh, weeks=2)
    assert {uid: e["status"] for uid, e in after.items()} == {
        "course-1-2026-11-30": "",  # still a session day
        "course-1-2026-12-01": "",
        "course-1-2026-12-02": "CANCELLED",
        "course-1-2026-12-07": "",
        "course-1-2026-12-08": "",
        "course-1-2026-12-09": "CANCELLED",
    }
    moved = after["course-1-2026-12-02"]
    assert moved["summary"] == "Cancelled: Course session: SQL"
    assert moved["description"] == (
        "No longer due: the course's days or dates were changed (2026-11-27)."
    )
    assert moved["sequence"] > before["course-1-2026-12-02"]["sequence"]
    jh("course", "edit", "1", "--ends", "2026-12-04")
    after = export(jh, weeks=2)
    assert {uid for uid, e in after.items() if e["status"] == "CANCELLED"} == {
        "course-1-2026-12-02",
        "course-1-2026-12-07",
        "course-1-2026-12-08",
        "course-1-2026-12-09",
    }
    assert export(jh, weeks=2) == after  # the same file again


def test_cancelled_entries_are_published_for_30_days(jh, db_path) -> None:
    jh("event", "add", "Fair", "--on", "2026-12-01")
    jh("event", "rm", "1", "--yes")
    assert export(jh)["meetup-1"]["status"] == "CANCELLED"
    run_sql(db_path, "UPDATE calendar_gone SET gone_at = '2020-01-01T00:00:00+00:00'")
    assert export(jh) == {}


def test_a_deleted_entry_restored_by_undo_is_not_cancelled(jh) -> None:
    jh("event", "add", "Fair", "--on", "2026-12-01")
    jh("event", "rm", "1", "--yes")
    jh("undo")
    assert export(jh)["meetup-1"]["status"] == ""


def test_the_store_identifier_is_kept_by_migrate_store(jh, tmp_path) -> None:
    jh("add", "Acme", "Dev", "--applied", "2026-11-24")
    first = jh("export", "ics").stdout_bytes
    moved = tmp_path / "moved.db"
    jh("migrate-store", "--to", str(moved))
    again = jh("--db", str(moved), "export", "ics").stdout_bytes
    assert set(parsed(first)) == set(parsed(again))
    conn = store.open_target(backend.resolve(str(moved)))
    try:
        assert store.store_id(conn) == next(iter(parsed(first))).split("@")[1][:16]
    finally:
        conn.close()


def test_the_store_identifier_is_kept_by_restore(jh, tmp_path) -> None:
    def ident() -> str:
        return next(iter(parsed(jh("export", "ics").stdout_bytes))).split("@")[1]

    jh("add", "Acme", "Dev", "--applied", "2026-11-24")
    mine = ident()
    saved = tmp_path / "saved.db"
    jh("backup", str(saved))
    jh("add", "Initech", "QA", "--applied", "2026-11-25")
    jh("restore", str(saved), "--yes")
    assert ident() == mine
    other = tmp_path / "other.db"
    jh("--db", str(other), "add", "Globex", "Ops", "--applied", "2026-11-25")
    jh("restore", str(other), "--yes")  # another store's records, in this store
    assert ident() == mine


# --------------------------------------------------------------------------- timed


def timed(data: bytes) -> dict[str, dict]:
    """{UID before @: the timing of each entry}, read by vobject and icalendar alike."""
    text = data.decode("utf-8")
    cal = vobject.readOne(text)
    by_vobject = {}
    for event in getattr(cal, "vevent_list", []):
        alarms = [a.trigger.value for a in getattr(event, "valarm_list", [])]
        by_vobject[local(event.uid.value)] = {
            "start": event.dtstart.value,
            "end": event.dtend.value,
            "location": event.location.value if hasattr(event, "location") else "",
            "url": event.url.value if hasattr(event, "url") else "",
            "alarms": alarms,
            "transp": event.transp.value,
        }
    by_icalendar = {}
    for event in Calendar.from_ical(data).walk("VEVENT"):
        by_icalendar[local(str(event["UID"]))] = {
            "start": event["DTSTART"].dt,
            "end": event["DTEND"].dt,
            "location": str(event.get("LOCATION", "")),
            "url": str(event.get("URL", "")),
            "alarms": [a["TRIGGER"].dt for a in event.walk("VALARM")],
            "transp": str(event["TRANSP"]),
        }
    assert by_vobject.keys() == by_icalendar.keys()
    for uid, mine in by_vobject.items():
        theirs = by_icalendar[uid]
        # The same instants (each parser has its own tzinfo objects) and the same rest.
        assert {k: v for k, v in mine.items() if k not in ("start", "end")} == {
            k: v for k, v in theirs.items() if k not in ("start", "end")
        }, uid
        for key in ("start", "end"):
            assert type(mine[key]) is type(theirs[key]), uid
            if isinstance(mine[key], datetime):
                assert mine[key].utcoffset() == theirs[key].utcoffset(), uid
                assert mine[key].replace(tzinfo=None) == theirs[key].replace(tzinfo=None), uid
            else:
                assert mine[key] == theirs[key], uid
    return by_vobject


def test_a_timed_interview_is_timed_in_the_users_zone_with_a_reminder(jh) -> None:
    jh("config", "set", "time_zone", "America/New_York")
    jh("add", "Acme", "Dev", "--applied", "2026-11-20")
    jh("interview", "1", "--on", "2026-12-01", "--at", "14:00", "--minutes", "45",
       "--where", "https://meet.example/abc")  # fmt: skip
    jh("interview", "1", "--on", "2026-12-03", "--at", "9:30", "--where", "Room 4, 1 High St")
    jh("interview", "1", "--on", "2026-12-04")
    data = jh("export", "ics").stdout_bytes
    found = timed(data)
    video, room, untimed = found["interview-2"], found["interview-4"], found["interview-5"]
    assert video["start"].isoformat() == "2026-12-01T14:00:00-05:00"
    assert video["end"].isoformat() == "2026-12-01T14:45:00-05:00"
    assert video["start"].astimezone(UTC) == datetime(2026, 12, 1, 19, 0, tzinfo=UTC)
    assert (video["location"], video["url"]) == ("https://meet.example/abc",) * 2
    assert video["alarms"] == [timedelta(minutes=-60)]
    assert video["transp"] == "OPAQUE"
    # No --minutes: an hour. A place that is not a link is a location, not a URL.
    assert room["end"] - room["start"] == timedelta(minutes=60)
    assert room["start"].isoformat() == "2026-12-03T09:30:00-05:00"
    assert (room["location"], room["url"]) == ("Room 4, 1 High St", "")
    # No --at: all-day as before, free, no reminder.
    assert (untimed["start"], untimed["end"]) == (date(2026, 12, 4), date(2026, 12, 5))
    assert (untimed["alarms"], untimed["transp"]) == ([], "TRANSPARENT")
    # The zone is described once, and every timed entry names it.
    assert data.count(b"BEGIN:VTIMEZONE") == 1
    assert b"TZID:America/New_York\r\n" in data
    assert data.count(b"DTSTART;TZID=America/New_York:") == 2


@pytest.mark.parametrize(
    ("setting", "alarms"),
    [(None, [timedelta(minutes=-60)]), ("15", [timedelta(minutes=-15)]), ("0", [])],
    ids=["default-hour", "fifteen", "off"],
)
def test_the_reminder_follows_reminder_minutes(jh, setting, alarms) -> None:
    if setting is not None:
        jh("config", "set", "reminder_minutes", setting)
    jh("add", "Acme", "Dev", "--applied", "2026-11-20")
    jh("interview", "1", "--on", "2026-12-01", "--at", "14:00")
    data = jh("export", "ics").stdout_bytes
    assert timed(data)["interview-2"]["alarms"] == alarms
    assert data.count(b"BEGIN:VALARM") == len(alarms)


@pytest.mark.parametrize(
    "value",
    ["Europe/Londn", "../etc/passwd", "", "+05:00"],
    ids=["typo", "path", "empty", "offset"],
)
def test_a_bad_time_zone_is_refused(jh, value) -> None:
    result = jh("config", "set", "time_zone", value, ok=False)
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: time_zone must be an IANA time zone name such as Europe/London or "
        f"America/New_York, not {value!r}\n"
    )


def test_without_time_zone_the_systems_zone_is_used(jh) -> None:
    jh("add", "Acme", "Dev", "--applied", "2026-11-20")
    jh("interview", "1", "--on", "2026-12-01", "--at", "14:00")
    data = jh("export", "ics", env={"TZ": "Asia/Kolkata"}).stdout_bytes
    assert timed(data)["interview-2"]["start"].isoformat() == "2026-12-01T14:00:00+05:30"
    assert b"DTSTART;TZID=Asia/Kolkata:20261201T140000" in data


def test_a_system_zone_without_a_name_gives_utc_times(jh) -> None:
    """A POSIX TZ string names no IANA zone: the times are written in UTC, from the
    offset the system gives (a real process, so the C library reads TZ)."""
    jh("add", "Acme", "Dev", "--applied", "2026-11-20")
    jh("interview", "1", "--on", "2026-12-01", "--at", "14:00")
    result = run_subprocess("export", "ics", env={"TZ": "<+0530>-5:30"})
    assert result.returncode == 0, result.stderr
    data = result.stdout.encode("utf-8")
    assert timed(data)["interview-2"]["start"] == datetime(2026, 12, 1, 8, 30, tzinfo=UTC)
    assert b"DTSTART:20261201T083000Z" in data
    assert b"VTIMEZONE" not in data


def test_timed_interviews_export_the_same_file_but_for_dtstamp(jh) -> None:
    jh("config", "set", "time_zone", "Europe/London")
    jh("add", "Acme", "Dev", "--applied", "2026-11-20")
    jh("interview", "1", "--on", "2026-12-01", "--at", "14:00", "--where", "https://x.example/m")

    def stable(data: bytes) -> bytes:
        return re.sub(rb"DTSTAMP:[0-9TZ]+\r\n", b"", data)

    first = jh("export", "ics").stdout_bytes
    assert b"BEGIN:VTIMEZONE" in first
    assert stable(jh("export", "ics").stdout_bytes) == stable(first)
    # A day later nothing changed: the same file (the zone's years do not follow today).
    later = jh("export", "ics", env={"JOBHUNT_TODAY": "2026-11-28"}).stdout_bytes
    assert stable(later) == stable(first)


def test_a_cancelled_timed_interview_keeps_its_time_and_loses_its_reminder(jh, db_path) -> None:
    jh("config", "set", "time_zone", "Europe/London")
    jh("add", "Acme", "Dev", "--applied", "2026-11-20")
    jh("interview", "1", "--on", "2026-12-01", "--at", "14:00")
    before = timed(jh("export", "ics").stdout_bytes)["interview-2"]
    older(db_path)
    jh("status", "1", "withdrawn")
    data = jh("export", "ics").stdout_bytes
    after = timed(data)["interview-2"]
    assert after["start"] == before["start"]
    assert (after["alarms"], after["transp"]) == ([], "TRANSPARENT")
    assert (
        parsed(data)[next(u for u in parsed(data) if u.startswith("interview-2@"))]["status"]
        == "CANCELLED"
    )
