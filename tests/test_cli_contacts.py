"""`jobhunt contact ...`: exact output, exit codes, and nothing written on a mistake.

Today is Friday 2026-11-27 (conftest). Output is plain (no TTY under the runner).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from jobhunt.rules import DEFAULT_CADENCE
from tests import storeview

KIND_ERROR = (
    "Error: unknown contact kind 'boss'; choose from: recruiter, recruitment-firm, "
    "hiring-manager, industry-leader, peer, referral, other\n"
)
PERIOD_ERROR = "Error: invalid period 'soon': use a number and a unit, e.g. 10d, 2w, 3m, 1y\n"
NO_CONTACT = "Error: no contact with id 99 (hint: see the ids with: jobhunt contact list)\n"
MARKUP = "[bold]x[/]"
CONTROL = "a\x1b[2Jb"


def count(db: Path, table: str) -> int:
    """Rows in a table; 0 when the store was never created."""
    return storeview.count(db, table)


def snapshot_rows(db: Path) -> list[str]:
    """Everything the networking commands may write, to prove a failure wrote nothing."""
    return storeview.dump(db)


@pytest.fixture
def people(jh) -> None:
    """Contact 1 Ann (recruiter at Acme), contact 2 Bo (peer), application 1 at Acme."""
    jh("add", "Acme", "Analyst", "--applied", "2026-11-02")
    jh(
        "contact",
        "add",
        "Ann Lee",
        "--company",
        "Acme",
        "--kind",
        "recruiter",
        "--added",
        "2026-11-20",
    )
    jh("contact", "add", "Bo", "--kind", "peer", "--added", "2026-11-01")


# --------------------------------------------------------------------------- add


def test_add_prints_id_and_first_touch(jh) -> None:
    result = jh("contact", "add", "Ann Lee", "--company", "Acme", "--kind", "recruiter")
    assert result.stdout == (
        "Added contact 1: Ann Lee (Acme), recruiter.\n"
        "First touch due 2026-12-11: every 2w (default for recruiter).\n"
    )
    assert result.stderr == ""


def test_add_every_option_and_all_fields_json(jh) -> None:
    jh("event", "add", "PyData", "--on", "2026-11-25")
    data = jh.json(
        "contact",
        "add",
        "Ann",
        "--company",
        "Acme",
        "--title",
        "CTO",
        "--kind",
        "Hiring-Manager",
        "--email",
        "ann@example.com",
        "--phone",
        "555",
        "--url",
        "https://x.example/ann",
        "--met",
        "at a talk",
        "--every",
        "3w",
        "--note",
        "likes tea",
        "--met-at",
        "1",
        "--added",
        "2026-11-25",
    )
    contact = data.pop("contact")
    assert contact.pop("created_at")
    assert data == {"version": 1, "next_touch": "2026-12-16"}
    assert contact == {
        "id": 1,
        "name": "Ann",
        "company": "Acme",
        "kind": "hiring-manager",
        "added_on": "2026-11-25",
        "title": "CTO",
        "email": "ann@example.com",
        "phone": "555",
        "url": "https://x.example/ann",
        "met": "at a talk",
        "every_days": 21,
        "note": "likes tea",
        "met_at_event_id": 1,
        "last_touch": None,
        "keep_in_touch": True,  # added by hand: a stay-in-touch schedule
        "due_from": None,
    }


@pytest.mark.parametrize(
    ("kind", "due"),
    [
        ("recruiter", "2026-12-11"),
        ("recruitment-firm", "2026-12-11"),
        ("hiring-manager", "2026-12-27"),
        ("referral", "2026-12-18"),
        ("peer", "2026-12-27"),
        ("industry-leader", "2027-01-26"),
        ("other", "2027-01-11"),
    ],
    ids=lambda v: v,
)
def test_add_default_cadence_per_kind(jh, kind: str, due: str) -> None:
    data = jh.json("contact", "add", "X", "--kind", kind)
    assert data["contact"]["every_days"] is None
    assert data["next_touch"] == due


def test_add_defaults_to_other_and_today(jh) -> None:
    data = jh.json("contact", "add", "X")
    assert (data["contact"]["kind"], data["contact"]["added_on"]) == ("other", "2026-11-27")


def test_add_first_touch_is_stepped_up_while_interviewing(jh) -> None:
    jh("add", "Acme", "Analyst", "--applied", "2026-11-02")
    jh("interview", "1", "--on", "2026-12-01")
    result = jh("contact", "add", "Ann", "--company", "acme", "--kind", "peer")
    assert result.stdout == (
        "Added contact 1: Ann (acme), peer.\n"
        "First touch due 2026-12-12: every 30d (default for peer); "
        "stepped up to every 15d: interview pending at Acme.\n"
    )


@pytest.mark.parametrize(
    ("args", "stderr"),
    [
        (("--kind", "boss"), KIND_ERROR),
        (("--every", "soon"), PERIOD_ERROR),
        (
            ("--every", "0d"),
            "Error: invalid period '0d': use a number and a unit, e.g. 10d, 2w, 3m, 1y\n",
        ),
        (
            ("--met-at", "99"),
            "Error: no event with id 99 (hint: see the ids with: jobhunt event list)\n",
        ),
    ],
    ids=["bad-kind", "bad-every", "zero-every", "unknown-event"],
)
def test_add_bad_input_writes_nothing(jh, db_path: Path, args: tuple, stderr: str) -> None:
    result = jh("contact", "add", "Ann", *args, ok=False)
    assert result.exit_code == (3 if "no event" in stderr else 2)
    assert result.stderr == stderr
    assert result.stdout == ""
    assert count(db_path, "contact") == 0


def test_add_bad_date(jh, db_path: Path) -> None:
    result = jh("contact", "add", "Ann", "--added", "someday", ok=False)
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "Error: invalid date 'someday': not a date I know (hint: Dates:"
    )
    assert count(db_path, "contact") == 0


def test_add_blank_name(jh, db_path: Path) -> None:
    result = jh("contact", "add", "  ", ok=False)
    assert (result.exit_code, result.stderr) == (2, "Error: name must not be blank\n")
    assert count(db_path, "contact") == 0


def test_every_help_matches_the_default_cadences(jh) -> None:
    text = " ".join(jh("contact", "add", "--help").stdout.split())
    for kind, days in DEFAULT_CADENCE.items():
        assert f"{kind} {days}d" in text.replace("- ", "-"), kind
    assert len(re.findall(r"[a-z-]+ \d+d", text.replace("- ", "-"))) == len(DEFAULT_CADENCE)


# --------------------------------------------------------------------------- list


def test_list_plain(jh, people) -> None:
    assert jh("contact", "list").stdout == (
        "1\tAnn Lee\tAcme\trecruiter\t\t2026-12-04\n2\tBo\t\tpeer\t\t2026-12-01\n"
    )


def test_list_is_the_default_command(jh, people) -> None:
    assert jh("contact").stdout == jh("contact", "list").stdout


def test_list_filters_and_json(jh, people) -> None:
    jh("contact", "touch", "1", "--via", "call", "--on", "2026-11-25")
    data = jh.json("contact", "list", "--company", "acm")
    assert [(c["id"], c["last_touch"], c["next_touch"]) for c in data["contacts"]] == [
        (1, "2026-11-25", "2026-12-09")
    ]
    assert [c["id"] for c in jh.json("contact", "list", "--kind", "peer")["contacts"]] == [2]
    assert jh.json("contact", "list", "--kind", "referral") == {"version": 1, "contacts": []}
    assert jh("contact", "list", "--company", "nobody").stdout == ""


def test_list_bad_kind(jh, people) -> None:
    result = jh("contact", "list", "--kind", "boss", ok=False)
    assert (result.exit_code, result.stderr, result.stdout) == (2, KIND_ERROR, "")


# --------------------------------------------------------------------------- show


def test_show_plain(jh, people) -> None:
    jh("event", "add", "Career fair", "--on", "2026-11-19")
    jh("contact", "edit", "1", "--met-at", "1", "--email", "ann@example.com")
    jh("contact", "touch", "1", "--via", "coffee", "--on", "2026-11-24", "--note", "good chat")
    jh("contact", "link", "1", "1", "--as", "recruiter")
    assert jh("contact", "show", "1").stdout == (
        "Contact 1\n"
        "Name: Ann Lee\n"
        "Company: Acme\n"
        "Kind: recruiter\n"
        "Email: ann@example.com\n"
        "Met at: Career fair (event 1, 2026-11-19)\n"
        "Added: 2026-11-20\n"
        "Last touch: 2026-11-24\n"
        "Next touch: 2026-12-08 (every 2w (default for recruiter))\n"
        "\n"
        "== Interactions ==\n"
        "2026-11-24\tcoffee\tgood chat\n"
        "\n"
        "== Applications ==\n"
        "1\tAcme\tAnalyst\tapplied\trecruiter\n"
    )


def test_show_json(jh, people) -> None:
    jh("contact", "touch", "2", "--via", "email", "--on", "2026-11-03")
    jh("contact", "touch", "2", "--via", "linkedin", "--on", "2026-11-02", "--note", "hi")
    jh("contact", "link", "2", "1", "--as", "referral")
    data = jh.json("contact", "show", "2")
    assert data["contact"]["name"] == "Bo"
    assert data["next_touch"] == "2026-12-03"
    assert data["interactions"] == [
        {"id": 2, "via": "linkedin", "on": "2026-11-02", "note": "hi", "informational": False},
        {"id": 1, "via": "email", "on": "2026-11-03", "note": None, "informational": False},
    ]
    assert data["applications"] == [
        {"id": 1, "company": "Acme", "role": "Analyst", "status": "applied", "as": "referral"}
    ]
    assert data["event"] is None


def test_show_unknown_id(jh, people) -> None:
    result = jh("contact", "show", "99", ok=False)
    assert (result.exit_code, result.stderr, result.stdout) == (3, NO_CONTACT, "")


def test_application_show_lists_the_linked_contact(jh, people) -> None:
    jh("contact", "link", "1", "1", "--as", "referral")
    assert jh.json("show", "1")["contacts"] == [
        {"id": 1, "name": "Ann Lee", "company": "Acme", "as": "referral"}
    ]


# --------------------------------------------------------------------------- edit


def test_edit_changes_and_clears(jh, people) -> None:
    jh("contact", "edit", "1", "--title", "Lead", "--note", "n")
    result = jh("contact", "edit", "1", "--title", "", "--kind", "PEER", "--every", "10d")
    assert result.stdout == (
        "Changed title, kind, every_days of contact 1.\nNext touch due 2026-11-30.\n"
    )
    contact = jh.json("contact", "show", "1")["contact"]
    assert (contact["title"], contact["kind"], contact["every_days"], contact["note"]) == (
        None,
        "peer",
        10,
        "n",
    )


def test_edit_every_empty_goes_back_to_default_and_json(jh, people) -> None:
    jh("contact", "edit", "2", "--every", "1w")
    data = jh.json("contact", "edit", "2", "--every", "", "--added", "2026-11-10")
    assert data["changed"] == ["every_days", "added_on"]
    assert data["contact"]["every_days"] is None
    assert data["contact"]["added_on"] == "2026-11-10"
    assert data["next_touch"] == "2026-12-10"


def test_edit_met_at_set_and_cleared(jh, people) -> None:
    jh("event", "add", "Fair", "--on", "2026-11-19")
    assert jh.json("contact", "edit", "2", "--met-at", "1")["contact"]["met_at_event_id"] == 1
    assert jh.json("contact", "edit", "2", "--met-at", "")["contact"]["met_at_event_id"] is None


def test_edit_same_values_changes_nothing(jh, people) -> None:
    assert jh("contact", "edit", "2", "--name", "Bo").stdout == (
        "Contact 2 already had those values; nothing changed.\n"
    )


@pytest.mark.parametrize(
    ("args", "code", "stderr"),
    [
        (("99", "--name", "X"), 3, NO_CONTACT),
        (("1", "--kind", "boss"), 2, KIND_ERROR),
        (("1", "--every", "soon"), 2, PERIOD_ERROR),
        (("1", "--name", ""), 2, "Error: name must not be empty\n"),
        (
            ("1", "--met-at", "x"),
            2,
            "Error: invalid event id 'x': give a number (see: jobhunt event list)\n",
        ),
        (
            ("1", "--met-at", "7"),
            3,
            "Error: no event with id 7 (hint: see the ids with: jobhunt event list)\n",
        ),
        (
            ("1",),
            2,
            "Error: nothing to change; give at least one option (see: jobhunt contact edit --help)\n",
        ),
    ],
    ids=[
        "unknown-id",
        "bad-kind",
        "bad-every",
        "empty-name",
        "bad-event-id",
        "unknown-event",
        "nothing",
    ],
)
def test_edit_bad_input_writes_nothing(jh, people, db_path: Path, args, code, stderr) -> None:
    before = snapshot_rows(db_path)
    result = jh("contact", "edit", *args, ok=False)
    assert (result.exit_code, result.stderr, result.stdout) == (code, stderr, "")
    assert snapshot_rows(db_path) == before


def test_edit_bad_date(jh, people, db_path: Path) -> None:
    before = snapshot_rows(db_path)
    result = jh("contact", "edit", "1", "--added", "2026-02-30", ok=False)
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: invalid date '2026-02-30'")
    assert snapshot_rows(db_path) == before


# --------------------------------------------------------------------------- rm


def test_rm_with_yes(jh, people, db_path: Path) -> None:
    jh("contact", "touch", "1", "--via", "email")
    jh("contact", "link", "1", "1")
    assert jh("contact", "rm", "1", "--yes").stdout == "Deleted contact 1.\n"
    assert [c["id"] for c in jh.json("contact", "list")["contacts"]] == [2]
    assert (count(db_path, "interaction"), count(db_path, "contact_link")) == (0, 0)
    assert count(db_path, "application") == 1


def test_rm_json(jh, people) -> None:
    data = jh.json("contact", "rm", "2", "--yes")
    assert (data["version"], data["deleted"]["id"], data["deleted"]["name"]) == (1, 2, "Bo")


def test_rm_refuses_without_yes_when_not_interactive(jh, people, db_path: Path) -> None:
    result = jh("contact", "rm", "1", ok=False)
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: Delete contact 1 (Ann Lee)? Refusing without --yes when not run interactively\n"
    )
    assert count(db_path, "contact") == 2


def test_rm_unknown_id(jh, people, db_path: Path) -> None:
    result = jh("contact", "rm", "99", "--yes", ok=False)
    assert (result.exit_code, result.stderr) == (3, NO_CONTACT)
    assert count(db_path, "contact") == 2


# --------------------------------------------------------------------------- touch


def test_touch(jh, people) -> None:
    result = jh("contact", "touch", "1", "--via", "Coffee", "--on", "yesterday", "--note", "ok")
    assert result.stdout == (
        "Logged a touch by coffee with Ann Lee (contact 1) on 2026-11-26.\n"
        "Next touch due 2026-12-10.\n"
    )
    data = jh.json("contact", "touch", "2", "--via", "event")
    assert data["interaction"] == {
        "id": 2,
        "via": "event",
        "on": "2026-11-27",
        "note": None,
        "informational": False,
    }
    assert data["contact"]["last_touch"] == "2026-11-27"
    assert data["next_touch"] == "2026-12-27"


@pytest.mark.parametrize(
    ("args", "code", "stderr"),
    [
        (("99", "--via", "email"), 3, NO_CONTACT),
        (
            ("1", "--via", "pigeon"),
            2,
            "Error: unknown channel 'pigeon'; choose from: email, call, coffee, event, message, linkedin\n",
        ),
    ],
    ids=["unknown-id", "bad-via"],
)
def test_touch_bad_input_writes_nothing(jh, people, db_path: Path, args, code, stderr) -> None:
    result = jh("contact", "touch", *args, ok=False)
    assert (result.exit_code, result.stderr, result.stdout) == (code, stderr, "")
    assert count(db_path, "interaction") == 0


def test_touch_bad_date(jh, people, db_path: Path) -> None:
    result = jh("contact", "touch", "1", "--via", "email", "--on", "03/04/2026", ok=False)
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "Error: invalid date '03/04/2026': ambiguous day and month; write it as YYYY-MM-DD"
    )
    assert count(db_path, "interaction") == 0


def test_touch_needs_via(jh, people, db_path: Path) -> None:
    result = jh("contact", "touch", "1", ok=False)
    assert result.exit_code == 2
    assert "Missing option '--via'" in result.stderr
    assert count(db_path, "interaction") == 0


# --------------------------------------------------------------------------- link / unlink


def test_link_and_relink(jh, people, db_path: Path) -> None:
    assert jh("contact", "link", "1", "1", "--as", "referral").stdout == (
        "Linked Ann Lee (contact 1) to application 1 (Acme — Analyst) as referral.\n"
    )
    data = jh.json("contact", "link", "1", "1", "--as", "interviewer")
    assert data == {
        "version": 1,
        "link": {"contact_id": 1, "application_id": 1, "role": "interviewer"},
        "new": False,
    }
    assert count(db_path, "contact_link") == 1
    assert jh.json("contact", "show", "1")["applications"][0]["as"] == "interviewer"


def test_link_defaults_to_other(jh, people) -> None:
    assert jh.json("contact", "link", "2", "1")["link"]["role"] == "other"


@pytest.mark.parametrize(
    ("args", "code", "stderr"),
    [
        (("99", "1"), 3, NO_CONTACT),
        (
            ("1", "42"),
            3,
            "Error: no application with id 42 (hint: see the ids with: jobhunt list)\n",
        ),
        (
            ("1", "1", "--as", "boss"),
            2,
            "Error: unknown link role 'boss'; choose from: referral, recruiter, interviewer, other\n",
        ),
    ],
    ids=["unknown-contact", "unknown-application", "bad-role"],
)
def test_link_bad_input_writes_nothing(jh, people, db_path: Path, args, code, stderr) -> None:
    result = jh("contact", "link", *args, ok=False)
    assert (result.exit_code, result.stderr, result.stdout) == (code, stderr, "")
    assert count(db_path, "contact_link") == 0


def test_unlink(jh, people, db_path: Path) -> None:
    jh("contact", "link", "1", "1")
    assert jh("contact", "unlink", "1", "1").stdout == "Unlinked contact 1 from application 1.\n"
    assert count(db_path, "contact_link") == 0
    jh("contact", "link", "1", "1")
    assert jh.json("contact", "unlink", "1", "1") == {
        "version": 1,
        "unlinked": {"contact_id": 1, "application_id": 1},
    }


@pytest.mark.parametrize(
    ("args", "stderr"),
    [
        (("99", "1"), NO_CONTACT),
        (("2", "1"), "Error: contact 2 is not linked to application 1\n"),
        (("1", "42"), "Error: no application with id 42 (hint: see the ids with: jobhunt list)\n"),
    ],
    ids=["unknown-contact", "not-linked", "unknown-application"],
)
def test_unlink_bad_input_writes_nothing(jh, people, db_path: Path, args, stderr) -> None:
    jh("contact", "link", "1", "1")
    result = jh("contact", "unlink", *args, ok=False)
    assert (result.exit_code, result.stderr, result.stdout) == (3, stderr, "")
    assert count(db_path, "contact_link") == 1


# --------------------------------------------------------------------------- hostile text


def test_markup_and_control_characters(jh) -> None:
    data = jh.json(
        "contact", "add", MARKUP, "--company", CONTROL, "--note", CONTROL, "--met", MARKUP
    )
    assert (data["contact"]["name"], data["contact"]["company"]) == (MARKUP, CONTROL)
    shown = jh.json("contact", "show", "1")["contact"]
    assert (shown["name"], shown["company"], shown["note"], shown["met"]) == (
        MARKUP,
        CONTROL,
        CONTROL,
        MARKUP,
    )
    listed = jh.json("contact", "list")["contacts"][0]
    assert (listed["name"], listed["company"]) == (MARKUP, CONTROL)

    added = jh("contact", "add", MARKUP, "--company", CONTROL).stdout
    assert added.splitlines()[0] == "Added contact 2: [bold]x[/] (a\\x1b[2Jb), other."
    added = jh("contact", "add", CONTROL, "--company", MARKUP).stdout
    assert added.splitlines()[0] == "Added contact 3: a\\x1b[2Jb ([bold]x[/]), other."
    assert jh.json("contact", "show", "3")["contact"]["name"] == CONTROL
    touched = jh("contact", "touch", "3", "--via", "call").stdout
    assert touched.startswith("Logged a touch by call with a\\x1b[2Jb (contact 3) on 2026-11-27.")
    result = jh("contact", "rm", "3", ok=False)
    assert result.stderr.startswith("Error: Delete contact 3 (a\\x1b[2Jb)? Refusing")
    assert jh("contact", "rm", "3", "--yes").stdout == "Deleted contact 3.\n"
    assert jh("contact", "list").stdout.splitlines()[0] == (
        "1\t[bold]x[/]\ta\\x1b[2Jb\tother\t\t2027-01-11"
    )
    show = jh("contact", "show", "1").stdout
    assert "Name: [bold]x[/]\n" in show
    assert "Company: a\\x1b[2Jb\n" in show
    touched = jh("contact", "touch", "1", "--via", "email", "--note", CONTROL).stdout
    assert touched.startswith("Logged a touch by email with [bold]x[/] (contact 1)")
    assert "2026-11-27\temail\ta\\x1b[2Jb" in jh("contact", "show", "1").stdout
    for args in (("contact", "list"), ("contact", "show", "1"), ("today",)):
        assert "\x1b" not in jh(*args).stdout, args


def test_markup_in_a_rich_terminal_prints_literally(jh) -> None:
    jh("contact", "add", MARKUP, "--company", CONTROL)
    env = {"JOBHUNT_FORCE_TERMINAL": "1", "NO_COLOR": "1", "COLUMNS": "200"}
    out = jh("contact", "list", env=env).stdout
    assert "[bold]x[/]" in out
    assert "a\\x1b[2Jb" in out
    assert "\x1b[2J" not in out


# --------------------------------------------------------------------------- the agenda


def test_due_contact_appears_on_the_agenda(jh, people) -> None:
    # Ann (recruiter, 14 days) added 2026-11-20 is due 12-04; Bo (peer, 30 days) is due 12-01.
    actions = jh.json("today", "--on", "2026-12-02")["actions"]
    touches = [a for a in actions if a["kind"] == "touch"]
    assert touches == [
        {
            "kind": "touch",
            "section": "network",
            "stage": None,
            "due": "2026-12-01",
            "overdue_days": 1,
            "message": "Get in touch with Bo (peer)",
            "why": "stay-in-touch rule: every 30 days from added 2026-11-01",
            "channels": [],
            "application_id": None,
            "contact_id": 2,
            "course_id": None,
            "event_id": None,
            "command": "jobhunt contact touch 2 --via email",
            "draft_command": "jobhunt draft --contact 2",
            "answer_command": "jobhunt contact snooze 2 --until 2027-01-01",
        }
    ]
    # Touched on 12-01 (typed that day: a touch is a fact, never dated ahead).
    jh("contact", "touch", "2", "--via", "email", env={"JOBHUNT_TODAY": "2026-12-01"})
    assert [
        a for a in jh.json("today", "--on", "2026-12-02")["actions"] if a["kind"] == "touch"
    ] == []


def test_interview_steps_up_the_recruiter_on_the_agenda(jh, people) -> None:
    # Ann is due 12-04 normally; an interview at Acme halves 14 days to 7: due 11-27.
    assert [a["contact_id"] for a in jh.json("today")["actions"] if a["kind"] == "touch"] == []
    jh("interview", "1", "--on", "2026-12-03")
    [action] = [a for a in jh.json("today")["actions"] if a["kind"] == "touch"]
    assert (action["contact_id"], action["due"]) == (1, "2026-11-27")
    assert "stepped up: interview pending at Acme" in action["why"]


def test_find_contact_on_the_agenda(jh) -> None:
    jh("add", "Big Co", "Dev", "--applied", "2026-11-20")
    [action] = [a for a in jh.json("today")["actions"] if a["kind"] == "find_contact"]
    assert action["application_id"] == 1
    assert action["command"] == "jobhunt contact add NAME --company 'Big Co'"
    jh("contact", "add", "Cy", "--company", "big co")
    assert [a for a in jh.json("today")["actions"] if a["kind"] == "find_contact"] == []


def test_pending_applications_are_all_that_pending_companies_counts(jh) -> None:
    from jobhunt import store
    from jobhunt.backend import resolve
    from jobhunt.rules import network as rules_network

    for company in ("Interviewing", "Offer", "Applied+interview", "Applied", "Saved", "Gone"):
        jh("add", company, "Dev", "--applied", "2026-11-10")
    jh("add", "Later", "Dev", "--saved")
    jh("status", "1", "interviewing")
    jh("status", "2", "offer")
    jh("interview", "3", "--on", "2026-11-20")
    jh("status", "3", "applied")  # back to applied, the interview stays recorded
    jh("interview", "6", "--on", "2026-11-20")
    jh("status", "6", "rejected")  # closed: never pending
    conn = store.open_target(resolve())
    try:
        pending = store.pending_applications(conn)
        everything = store.list_applications(conn, include_closed=True)
        assert [a.id for a in pending] == [1, 2, 3]
        assert rules_network.pending_companies(pending) == rules_network.pending_companies(
            everything
        )
    finally:
        conn.close()


# --------------------------------------------------------------------------- speed


_PROBE = """
import json, sys
sys.argv = ["jobhunt", *json.loads(sys.argv[1])]
from jobhunt.cli import main
from tests import storeview
try:
    main()
except SystemExit:
    pass
finally:
    heavy = {"sqlalchemy", "sqlmodel", "pydantic", "rich"}
    sys.__stderr__.write("HEAVY=" + json.dumps(sorted({m.split(".")[0] for m in sys.modules} & heavy)))
"""


def heavy_imports(*args: str) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, json.dumps(args)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    return json.loads(result.stderr.rsplit("HEAVY=", 1)[1])


@pytest.mark.parametrize(
    "args",
    [
        ("contact", "--help"),
        ("contact", "add", "--help"),
        ("contact", "list"),
        ("contact", "show", "1"),
        ("event", "list"),
        ("event", "show", "1"),
    ],
    ids=" ".join,
)
def test_help_and_reads_do_not_import_the_orm_or_rich(jh, args: tuple[str, ...]) -> None:
    jh("event", "add", "Fair", "--on", "yesterday")
    jh("contact", "add", "Ann", "--company", "Acme", "--met-at", "1")
    assert heavy_imports(*args) == []


def test_writes_do_not_import_the_orm(jh) -> None:
    # The write path is plain SQL (jobhunt.write); tests/test_speed.py checks that such
    # a probe does see the ORM when something loads it.
    orm = {"sqlalchemy", "sqlmodel", "pydantic"}
    assert set(heavy_imports("contact", "add", "Ann")) & orm == set()
    assert set(heavy_imports("contact", "touch", "1", "--via", "email")) & orm == set()


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("jobhunt contact show ", '"1":"Ann — Acme"'),
        ("jobhunt contact link 1 ", '"1":"Acme — Dev"'),
        ("jobhunt contact add X --met-at ", '"1":"Fair — 2026-11-28"'),
        ("jobhunt event show ", '"1":"Fair — 2026-11-28"'),
    ],
    ids=["contact", "application", "event-option", "event"],
)
def test_completion_offers_ids(jh, words: str, expected: str) -> None:
    jh("add", "Acme", "Dev")
    jh("event", "add", "Fair", "--on", "tomorrow")
    jh("contact", "add", "Ann", "--company", "Acme")
    result = subprocess.run(
        [sys.executable, "-m", "jobhunt"],
        capture_output=True,
        text=True,
        env={**os.environ, "_JOBHUNT_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": words},
        check=False,
        timeout=60,
    )
    assert expected in result.stdout
