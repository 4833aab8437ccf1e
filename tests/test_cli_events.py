"""`jobhunt event ...`: networking events. Today is Friday 2026-11-27 (conftest)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import storeview

NO_EVENT = "Error: no event with id 99 (hint: see the ids with: jobhunt event list)\n"
KIND_ERROR = (
    "Error: unknown event kind 'party'; choose from: business-event, association, meetup, "
    "career-fair, webinar, workshop, career-centre, other\n"
)
MARKUP = "[bold]x[/]"
CONTROL = "a\x1b[2Jb"


def count(db: Path, table: str) -> int:
    return storeview.count(db, table)


@pytest.fixture
def events(jh) -> None:
    """1: long ago, 2: 30 days ago (kept), 3: 31 days ago (hidden), 4: next week."""
    jh("event", "add", "Old fair", "--on", "2026-01-10", "--kind", "career-fair")
    jh("event", "add", "Edge", "--on", "2026-10-28")
    jh("event", "add", "Just out", "--on", "2026-10-27")
    jh("event", "add", "PyData", "--on", "2026-12-03", "--where", "Town hall", "--kind", "meetup")


# --------------------------------------------------------------------------- add


def test_add(jh) -> None:
    result = jh(
        "event", "add", "PyData", "--on", "tomorrow", "--where", "Town hall", "--kind", "Meetup"
    )
    assert result.stdout == (
        "Added event 1: PyData on 2026-11-28 at Town hall (meetup).\n"
        "Record the people you meet there with: jobhunt contact add NAME --met-at 1\n"
    )
    assert result.stderr == ""


def test_add_json_defaults_to_other(jh) -> None:
    data = jh.json("event", "add", "Webinar on SQL", "--on", "2026-12-01", "--note", "free")
    assert data == {
        "version": 1,
        "event": {
            "id": 1,
            "title": "Webinar on SQL",
            "on": "2026-12-01",
            "kind": "other",
            "place": None,
            "note": "free",
            "attended": None,
        },
    }


@pytest.mark.parametrize(
    ("args", "stderr_start"),
    [
        (("X", "--on", "tomorrow", "--kind", "party"), KIND_ERROR),
        (("X", "--on", "someday"), "Error: invalid date 'someday': not a date I know (hint: "),
        (("X", "--on", "2026-13-01"), "Error: invalid date '2026-13-01'"),
        ((" ", "--on", "tomorrow"), "Error: title must not be blank\n"),
    ],
    ids=["bad-kind", "bad-date", "bad-month", "blank-title"],
)
def test_add_bad_input_writes_nothing(jh, db_path: Path, args, stderr_start: str) -> None:
    result = jh("event", "add", *args, ok=False)
    assert result.exit_code == 2
    assert result.stderr.startswith(stderr_start)
    assert result.stdout == ""
    assert count(db_path, "meetup") == 0


def test_add_needs_a_day(jh, db_path: Path) -> None:
    result = jh("event", "add", "X", ok=False)
    assert result.exit_code == 2
    assert "Missing option '--on'" in result.stderr
    assert count(db_path, "meetup") == 0


# --------------------------------------------------------------------------- list


def test_list_recent_and_upcoming(jh, events) -> None:
    jh("contact", "add", "Ann", "--met-at", "2")
    jh("contact", "add", "Bo", "--met-at", "2")
    assert jh("event", "list").stdout == (
        "2\t2026-10-28\tEdge\tother\t\t2\t\n4\t2026-12-03\tPyData\tmeetup\tTown hall\t0\t\n"
    )
    assert jh("event").stdout == jh("event", "list").stdout


def test_list_all_json(jh, events) -> None:
    data = jh.json("event", "list", "--all")
    assert [(e["id"], e["on"], e["contacts"]) for e in data["events"]] == [
        (1, "2026-01-10", 0),
        (3, "2026-10-27", 0),
        (2, "2026-10-28", 0),
        (4, "2026-12-03", 0),
    ]
    assert [e["id"] for e in jh.json("event", "list")["events"]] == [2, 4]


def test_list_empty(jh) -> None:
    assert jh("event", "list").stdout == ""
    assert jh.json("event", "list") == {"version": 1, "events": []}


# --------------------------------------------------------------------------- show


def test_show_plain_with_people(jh, events) -> None:
    after = {"JOBHUNT_TODAY": "2026-12-03"}  # met there: once it has happened
    jh(
        "contact",
        "add",
        "Ann",
        "--company",
        "Acme",
        "--kind",
        "recruiter",
        "--met-at",
        "4",
        env=after,
    )
    jh("contact", "add", "Bo", "--met-at", "2")
    assert jh("event", "show", "4").stdout == (
        "Event 4\n"
        "Title: PyData\n"
        "Day: 2026-12-03\n"
        "Kind: meetup\n"
        "Where: Town hall\n"
        "\n"
        "== People met there ==\n"
        "1\tAnn\tAcme\trecruiter\n"
    )


def test_show_json(jh, events) -> None:
    jh("contact", "add", "Ann", "--company", "Acme", "--met-at", "2")
    assert jh.json("event", "show", "2") == {
        "version": 1,
        "event": {
            "id": 2,
            "title": "Edge",
            "on": "2026-10-28",
            "kind": "other",
            "place": None,
            "note": None,
            "attended": None,
        },
        "contacts": [{"id": 1, "name": "Ann", "company": "Acme", "kind": "other"}],
    }


def test_show_unknown_id(jh, events) -> None:
    result = jh("event", "show", "99", ok=False)
    assert (result.exit_code, result.stderr, result.stdout) == (3, NO_EVENT, "")


# --------------------------------------------------------------------------- rm


def test_rm_keeps_the_people_met_there(jh, events, db_path: Path) -> None:
    jh("contact", "add", "Ann", "--met-at", "4", env={"JOBHUNT_TODAY": "2026-12-03"})
    assert jh("event", "rm", "4", "--yes").stdout == "Deleted event 4.\n"
    assert count(db_path, "meetup") == 3
    contact = jh.json("contact", "show", "1")
    assert (contact["contact"]["met_at_event_id"], contact["event"]) == (None, None)


def test_rm_json(jh, events) -> None:
    data = jh.json("event", "rm", "1", "--yes")
    assert (data["deleted"]["id"], data["deleted"]["title"]) == (1, "Old fair")


def test_rm_refuses_without_yes_when_not_interactive(jh, events, db_path: Path) -> None:
    result = jh("event", "rm", "4", ok=False)
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: Delete event 4 (PyData, 2026-12-03)? "
        "Refusing without --yes when not run interactively\n"
    )
    assert count(db_path, "meetup") == 4


def test_rm_unknown_id(jh, events, db_path: Path) -> None:
    result = jh("event", "rm", "99", "--yes", ok=False)
    assert (result.exit_code, result.stderr) == (3, NO_EVENT)
    assert count(db_path, "meetup") == 4


# --------------------------------------------------------------------------- hostile text


def test_markup_and_control_characters(jh) -> None:
    data = jh.json("event", "add", MARKUP, "--on", "tomorrow", "--where", CONTROL)
    assert (data["event"]["title"], data["event"]["place"]) == (MARKUP, CONTROL)
    shown = jh.json("event", "show", "1")["event"]
    assert (shown["title"], shown["place"]) == (MARKUP, CONTROL)
    added = jh("event", "add", MARKUP, "--on", "tomorrow", "--where", CONTROL).stdout
    assert added.splitlines()[0] == (
        "Added event 2: [bold]x[/] on 2026-11-28 at a\\x1b[2Jb (other)."
    )
    assert (
        jh("event", "list").stdout.splitlines()[0]
        == "1\t2026-11-28\t[bold]x[/]\tother\ta\\x1b[2Jb\t0\t"
    )
    show = jh("event", "show", "1").stdout
    assert "Title: [bold]x[/]\nDay: 2026-11-28\nKind: other\nWhere: a\\x1b[2Jb\n" in show
    agenda = jh("today").stdout
    assert "Networking event on 2026-11-28: [bold]x[/] at a\\x1b[2Jb" in agenda
    for args in (("event", "list"), ("event", "show", "1"), ("today",)):
        assert "\x1b" not in jh(*args).stdout, args


# --------------------------------------------------------------------------- the agenda


def test_event_and_follow_up_on_the_agenda(jh) -> None:
    jh("event", "add", "Fair", "--on", "2026-11-28", "--kind", "career-fair")
    [notice] = [a for a in jh.json("today")["actions"] if a["kind"] == "event"]
    assert (notice["event_id"], notice["due"], notice["message"]) == (
        1,
        "2026-11-28",
        "Networking event on 2026-11-28: Fair",
    )
    assert [
        a["kind"] for a in jh.json("today", "--on", "2026-11-26")["actions"] if a["event_id"]
    ] == []
    jh("contact", "add", "Ann", "--met-at", "1", env={"JOBHUNT_TODAY": "2026-11-28"})
    follow = [a for a in jh.json("today", "--on", "2026-12-01")["actions"] if a["event_id"]]
    assert [(a["kind"], a["contact_id"], a["due"], a["overdue_days"]) for a in follow] == [
        ("event_follow_up", 1, "2026-11-29", 2)
    ]
    jh("contact", "touch", "1", "--via", "email", env={"JOBHUNT_TODAY": "2026-11-30"})
    assert [a for a in jh.json("today", "--on", "2026-12-01")["actions"] if a["event_id"]] == []
