"""The JSON contract (version 1): exact key sets, so scripts never break silently.

Adding a key is a conscious change to this file; renaming or removing one needs a
new version.
"""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from jobhunt import write
from jobhunt.backend import resolve

ACTION_KEYS = {
    "kind",
    "section",
    "stage",
    "due",
    "overdue_days",
    "message",
    "why",
    "channels",
    "application_id",
    "contact_id",
    "course_id",
    "event_id",
    "command",
    "draft_command",
    "answer_command",
}
APPLICATION_KEYS = {
    "id",
    "company",
    "role",
    "status",
    "applied_on",
    "job_type",
    "source",
    "url",
    "location",
    "salary",
    "note",
    "skills",
    "created_at",
    "updated_at",
    "via",
    "events",
}
EVENT_KEYS = {
    "id", "kind", "on", "channel", "status", "until", "person", "note", "dated", "at", "minutes",
    "place",
}  # fmt: skip
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO_INSTANT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$")


def check_application(app: dict) -> None:
    assert set(app) == APPLICATION_KEYS
    assert isinstance(app["id"], int)
    assert isinstance(app["skills"], list)
    assert ISO_INSTANT.match(app["created_at"]), app["created_at"]
    assert ISO_INSTANT.match(app["updated_at"]), app["updated_at"]
    assert app["applied_on"] is None or ISO_DAY.match(app["applied_on"])
    for event in app["events"]:
        assert set(event) == EVENT_KEYS
        assert ISO_DAY.match(event["on"])


@pytest.fixture
def busy(jh) -> None:
    """Something in every follow-up stage."""
    jh("add", "Acme", "Dev", "--applied", "2026-11-17", "--skill", "SQL", "--type", "contract")
    jh("add", "Beta", "QA", "--applied", "2026-11-10")
    jh("interview", "2", "--on", "2026-11-26", "--with", "Dana")
    jh("add", "Gamma", "Ops", "--saved")
    jh("add", "Delta", "SRE", "--applied", "2026-11-20")
    jh("interview", "4", "--on", "2026-11-28")


def test_today_envelope_and_action_keys(jh, busy) -> None:
    data = jh.json("today")
    assert set(data) == {"version", "date", "search_ended", "actions"}
    assert data["search_ended"] is None
    assert data["version"] == 1
    assert data["date"] == "2026-11-27"
    assert len(data["actions"]) >= 5
    for action in data["actions"]:
        assert set(action) == ACTION_KEYS, action
        assert ISO_DAY.match(action["due"])
        assert isinstance(action["overdue_days"], int)
        assert isinstance(action["channels"], list)
        assert action["why"]
    core = [
        (a["kind"], a["stage"], a["application_id"], a["overdue_days"], a["channels"])
        for a in data["actions"]
        if a["kind"] in ("follow_up", "interview", "ghosted", "apply", "apply_saved")
    ]
    assert core == [
        ("follow_up", "after_apply", 1, 3, ["email", "note"]),
        ("follow_up", "thank_you", 2, 0, ["note", "email"]),
        ("interview", None, 4, 0, []),
        ("apply", None, None, 0, []),
        ("apply_saved", None, 3, 0, []),
    ]


def test_today_json_action_values(jh) -> None:
    jh("add", "Acme", "Dev", "--applied", "2026-11-17")
    (first,) = [
        a
        for a in jh.json("today")["actions"]
        if a["kind"] == "follow_up" and a["application_id"] == 1
    ]
    assert first == {
        "kind": "follow_up",
        "section": "follow_up",
        "stage": "after_apply",
        "due": "2026-11-24",
        "overdue_days": 3,
        "message": "Follow up on your application to Acme (Dev): one email or mailed note",
        "why": "applied 2026-11-17; one follow-up 7 days after applying",
        "channels": ["email", "note"],
        "application_id": 1,
        "contact_id": None,
        "course_id": None,
        "event_id": None,
        "command": "jobhunt log 1 --via email",
        "draft_command": "jobhunt draft 1",
        "answer_command": None,
    }


def test_today_json_on_an_empty_store_is_pure_json(jh) -> None:
    result = jh("today", "--json")
    data = json.loads(result.stdout)  # no getting-started text mixed in
    assert set(data) == {"version", "date", "search_ended", "actions"}
    assert result.stderr == ""


def test_today_json_ignores_quiet_and_forced_colour(jh) -> None:
    result = jh("today", "--json", "--quiet", env={"FORCE_COLOR": "1"})
    assert "\x1b" not in result.stdout
    assert json.loads(result.stdout)["version"] == 1


def test_add_json(jh) -> None:
    data = jh.json("add", "Acme", "Dev")
    assert set(data) == {"version", "application", "next_follow_up"}
    check_application(data["application"])
    assert data["next_follow_up"] == "2026-12-04"
    saved = jh.json("add", "Beta", "QA", "--saved")
    check_application(saved["application"])
    assert saved["next_follow_up"] is None


def test_list_json(jh, busy) -> None:
    data = jh.json("list", "--all")
    assert set(data) == {"version", "applications"}
    assert [a["id"] for a in data["applications"]] == [1, 2, 3, 4]
    for app in data["applications"]:
        check_application(app)
    assert jh.json("list", "--company", "nobody") == {"version": 1, "applications": []}


def test_show_json(jh, busy, db_path) -> None:
    with write.session(resolve()) as conn:
        contact = write.add_contact(
            conn, name="Dana Scully", added_on=date(2026, 11, 1), company="Beta"
        )
        write.link(conn, contact, 2, "interviewer")
    data = jh.json("show", "2")
    assert set(data) == {"version", "application", "next_follow_up", "contacts"}
    check_application(data["application"])
    assert data["next_follow_up"] == "2026-11-27"
    assert data["contacts"] == [
        {"id": 1, "name": "Dana", "company": "Beta", "as": "interviewer"},  # interview --with
        {"id": 2, "name": "Dana Scully", "company": "Beta", "as": "interviewer"},
    ]
    assert [e["kind"] for e in data["application"]["events"]] == ["applied", "interview", "status"]


def test_edit_json(jh) -> None:
    jh("add", "Acme", "Dev")
    data = jh.json("edit", "1", "--role", "Lead")
    assert set(data) == {"version", "application", "changed"}
    assert data["changed"] == ["role"]
    check_application(data["application"])


EVENT_COMMANDS = [
    (("log", "1", "--via", "email", "--on", "2026-11-25"), ("follow_up", "2026-11-25")),
    (("log", "1", "--via", "phone"), ("follow_up", "2026-11-27")),
    (("status", "1", "offer"), ("status", "2026-11-27")),
    (("snooze", "1", "--until", "2026-12-20"), ("snooze", "2026-11-27")),
    (("interview", "1", "--on", "2026-12-01"), ("interview", "2026-12-01")),
]


@pytest.mark.parametrize(
    ("args", "recorded"),
    EVENT_COMMANDS,
    ids=["log-back-dated", "log", "status", "snooze", "interview-earlier-round"],
)
def test_event_command_json_reports_the_event_it_recorded(jh, args, recorded) -> None:
    jh("add", "Acme", "Dev", "--applied", "2026-11-20")
    jh("interview", "1", "--on", "2026-12-03")  # a later-dated event already in the history
    data = jh.json(*args)
    assert set(data) == {"version", "application", "event", "next_follow_up"}
    check_application(data["application"])
    assert set(data["event"]) == EVENT_KEYS | {"application_id"}
    assert (data["event"]["kind"], data["event"]["on"]) == recorded


def test_back_dated_follow_up_json_reports_that_follow_up(jh) -> None:
    jh("add", "Acme", "Dev", "--applied", "2026-11-18")
    data = jh.json("log", "1", "--via", "note", "--on", "2026-11-25", "--note", "posted")
    event = data["event"]
    assert (event["kind"], event["on"], event["channel"], event["note"]) == (
        "follow_up",
        "2026-11-25",
        "note",
        "posted",
    )


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("args", "code", "stderr"),
    [
        (
            ("show", "99"),
            3,
            "Error: no application with id 99 (hint: see the ids with: jobhunt list)\n",
        ),
        (
            ("edit", "99", "--role", "x"),
            3,
            "Error: no application with id 99 (hint: see the ids with: jobhunt list)\n",
        ),
        (("add", "", "Dev"), 2, "Error: company must not be empty\n"),
        (("list", "--status", "hired"), 2, None),
        (("today", "--on", "someday"), 2, None),
        (("log", "1", "--via", "fax"), 2, None),
        (
            ("snooze", "1", "--until", "yesterday"),
            2,
            "Error: snooze until 2026-11-26: the day must be after today\n",
        ),
    ],
    ids=[
        "show-unknown",
        "edit-unknown",
        "add-empty",
        "list-status",
        "today-date",
        "log-channel",
        "snooze-past",
    ],
)
def test_errors_with_json_go_to_stderr(jh, args, code: int, stderr: str | None) -> None:
    jh("add", "Acme", "Dev")
    result = jh(*args, "--json", ok=False)
    assert result.exit_code == code
    assert result.stdout == ""
    assert result.stderr.startswith("Error: ")
    assert result.stderr.endswith("\n")
    assert result.stderr.count("\n") == 1
    if stderr is not None:
        assert result.stderr == stderr


def test_store_error_with_json_goes_to_stderr(jh, tmp_path) -> None:
    folder = tmp_path / "dir"
    folder.mkdir()
    result = jh("--db", str(folder), "today", "--json", ok=False)
    assert (result.exit_code, result.stdout) == (4, "")
    assert (
        result.stderr
        == f"Error: store path {folder} is a directory (hint: give a file path with --db)\n"
    )


def test_lifecycle_action_kinds_keep_the_action_shape(jh) -> None:
    """The wind-down's and the decision reminder's kinds, pinned like every action's."""
    jh("add", "Acme", "Dev", "--applied", "2026-11-10")
    jh("add", "Beta", "QA", "--applied", "2026-11-10")
    jh("status", "2", "offer", "--respond-by", "2026-11-28")
    [decision] = [a for a in jh.json("today")["actions"] if a["kind"] == "decision"]
    assert set(decision) == ACTION_KEYS
    assert (decision["section"], decision["application_id"], decision["due"]) == (
        "follow_up",
        2,
        "2026-11-28",
    )
    jh("contact", "add", "Ann", "--company", "Beta")
    jh("contact", "link", "1", "2")
    jh("status", "2", "accepted", "--type", "full-time")
    data = jh.json("today")
    assert set(data) == {"version", "date", "search_ended", "actions"}
    assert set(data["search_ended"]) == {"application_id", "company", "role", "on"}
    assert [(a["kind"], a["section"]) for a in data["actions"]] == [
        ("withdraw", "wind_down"),
        ("thank_accepted", "wind_down"),
    ]
    for action in data["actions"]:
        assert set(action) == ACTION_KEYS
    assert data["actions"][0]["command"] == "jobhunt status 1 withdrawn"
    assert data["actions"][1]["contact_id"] == 1
