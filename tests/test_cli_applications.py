"""jobhunt add / list / show / edit / rm / log / interview / status / snooze.

Today is Friday 2026-11-27 (conftest). Output is plain text: stdout is not a TTY here.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from jobhunt.dates import DATE_HELP
from tests import storeview
from tests.conftest import run_subprocess

NOT_FOUND = "Error: no application with id 99 (hint: see the ids with: jobhunt list)\n"
STATUS_CHOICES = "saved, applied, interviewing, offer, accepted, rejected, withdrawn, ghosted"


def add(jh, company: str = "Acme", role: str = "Dev", *opts: str) -> int:
    return jh.json("add", company, role, *opts)["application"]["id"]


def app_json(jh, app_id: int) -> dict:
    return jh.json("show", str(app_id))["application"]


def events(jh, app_id: int) -> list[tuple]:
    """(kind, on, channel, status, until, person, note) of an application's history."""
    return [
        (e["kind"], e["on"], e["channel"], e["status"], e["until"], e["person"], e["note"])
        for e in app_json(jh, app_id)["events"]
    ]


def dump(db: Path) -> list[str]:
    """Every row of the store, for 'nothing changed' checks."""
    return storeview.dump(db)


def failed(result, code: int, stderr: str) -> None:
    assert (result.exit_code, result.stderr, result.stdout) == (code, stderr, "")


# --------------------------------------------------------------------------- add


def test_add_prints_id_and_first_follow_up(jh) -> None:
    result = jh("add", "Acme", "Dev")
    assert result.stdout == (
        "Added application 1: Acme — Dev (applied 2026-11-27).\n"
        "First follow-up due 2026-12-04: one email or mailed note.\n"
    )
    assert result.stderr == ""
    second = jh("add", "Beta", "QA")
    assert second.stdout.startswith("Added application 2: Beta — QA (applied 2026-11-27).\n")


def test_add_json_has_id_and_every_field(jh) -> None:
    data = jh.json(
        "add", "Acme", "Data Engineer",
        "--url", "https://acme.example/jobs/1",
        "--source", "job board",
        "--type", "Contract",
        "--location", "Remote",
        "--salary", "50k-60k",
        "--note", "via Jo",
        "--skill", "Python",
    )  # fmt: skip
    app = data["application"]
    assert app.pop("created_at") == app.pop("updated_at")
    assert app == {
        "id": 1,
        "company": "Acme",
        "role": "Data Engineer",
        "status": "applied",
        "applied_on": "2026-11-27",
        "job_type": "contract",
        "source": "job board",
        "url": "https://acme.example/jobs/1",
        "location": "Remote",
        "salary": "50k-60k",
        "note": "via Jo",
        "via": None,
        "skills": ["Python"],
        "events": [
            {
                "id": 1,
                "kind": "applied",
                "on": "2026-11-27",
                "channel": None,
                "status": None,
                "until": None,
                "person": None,
                "note": None,
                "dated": True,
                "at": None,
                "minutes": None,
                "place": None,
            }
        ],
    }
    assert data["next_follow_up"] == "2026-12-04"
    assert data["version"] == 1


def test_add_saved(jh) -> None:
    result = jh("add", "Acme", "Dev", "--saved")
    assert result.stdout == "Saved job 1: Acme — Dev. When you apply: jobhunt status 1 applied\n"
    app = app_json(jh, 1)
    assert (app["status"], app["applied_on"]) == ("saved", None)
    assert events(jh, 1) == [("saved", "2026-11-27", None, None, None, None, None)]
    assert jh.json("show", "1")["next_follow_up"] is None


@pytest.mark.parametrize(
    ("text", "applied", "due"),
    [
        ("2026-11-20", "2026-11-20", "2026-11-27"),
        ("yesterday", "2026-11-26", "2026-12-03"),
        ("-1w", "2026-11-20", "2026-11-27"),
        ("20 Nov 2026", "2026-11-20", "2026-11-27"),
        ("Nov 1", "2026-11-01", "2026-11-08"),
    ],
    ids=["iso", "yesterday", "minus-week", "words", "no-year"],
)
def test_add_applied_on(jh, text: str, applied: str, due: str) -> None:
    result = jh("add", "Acme", "Dev", "--applied", text)
    assert result.stdout == (
        f"Added application 1: Acme — Dev (applied {applied}).\n"
        f"First follow-up due {due}: one email or mailed note.\n"
    )
    assert app_json(jh, 1)["applied_on"] == applied
    assert events(jh, 1) == [("applied", applied, None, None, None, None, None)]


def test_add_skills_repeatable_and_comma_separated(jh) -> None:
    add(jh, "Acme", "Dev", "-k", "Python, SQL", "--skill", "go", "--skill", "python", "-k", " ,")
    assert app_json(jh, 1)["skills"] == ["Python", "SQL", "go"]


@pytest.mark.parametrize(
    ("given", "stored"),
    [("full-time", "full-time"), ("Part-Time", "part-time"), (" temporary ", "temporary")],
)
def test_add_type_normalised(jh, given: str, stored: str) -> None:
    add(jh, "Acme", "Dev", "--type", given)
    assert app_json(jh, 1)["job_type"] == stored


def test_add_unknown_type_refused(jh, db_path: Path) -> None:
    failed(
        jh("add", "Acme", "Dev", "--type", "perm", ok=False),
        2,
        "Error: unknown job type 'perm'; choose from: full-time, part-time, contract, temporary\n",
    )
    assert jh.json("list", "--all")["applications"] == []


def test_add_text_is_stored_exactly(jh) -> None:
    add(jh, "  Ünïcödé & Co. ", "Dev [remote]", "--note", "a\nb")
    app = app_json(jh, 1)
    assert (app["company"], app["role"], app["note"]) == (
        "  Ünïcödé & Co. ",
        "Dev [remote]",
        "a\nb",
    )


# --------------------------------------------------------------------------- list


@pytest.fixture
def three(jh) -> None:
    add(jh, "Acme", "Dev")
    add(jh, "Beta Corp", "QA", "--saved")
    add(jh, "Gamma", "Ops", "--applied", "2026-11-10")
    jh("status", "3", "rejected")


LINE_ACME = "1\tAcme\tDev\tapplied\t2026-11-27\t2026-12-04"
LINE_BETA = "2\tBeta Corp\tQA\tsaved\t\t"
LINE_GAMMA = "3\tGamma\tOps\trejected\t2026-11-10\t"


@pytest.mark.parametrize(
    ("args", "lines"),
    [
        ((), [LINE_ACME, LINE_BETA]),
        (("--all",), [LINE_ACME, LINE_BETA, LINE_GAMMA]),
        (("-a",), [LINE_ACME, LINE_BETA, LINE_GAMMA]),
        (("--status", "saved"), [LINE_BETA]),
        (("--status", "rejected"), [LINE_GAMMA]),
        (("--status", "applied", "-s", "SAVED"), [LINE_ACME, LINE_BETA]),
        (("--company", "acm"), [LINE_ACME]),
        (("--company", "CORP"), [LINE_BETA]),
        (("-c", "a"), [LINE_ACME, LINE_BETA]),
        (("--company", "a", "--all"), [LINE_ACME, LINE_BETA, LINE_GAMMA]),
        (("--company", "gam"), []),
        (("--company", "gam", "--all"), [LINE_GAMMA]),
        (("--company", "zzz"), []),
        (("--status", "offer"), []),
    ],
    ids=[
        "open-only",
        "all",
        "all-short",
        "status-saved",
        "status-closed-shown-when-asked",
        "several-statuses",
        "company-substring",
        "company-case-insensitive",
        "company-short-option",
        "company-and-all",
        "closed-company-hidden",
        "closed-company-with-all",
        "no-match",
        "empty-status",
    ],
)
def test_list_filters_plain_tab_separated(jh, three, args, lines) -> None:
    result = jh("list", *args)
    assert result.stdout == "".join(line + "\n" for line in lines)
    assert result.stderr == ""


def test_list_json_ids(jh, three) -> None:
    assert [a["id"] for a in jh.json("list")["applications"]] == [1, 2]
    assert [a["id"] for a in jh.json("list", "--all")["applications"]] == [1, 2, 3]


def test_list_keeps_one_line_per_application_whatever_the_data(jh) -> None:
    add(jh, "A\tB", "x\ny")
    assert jh("list").stdout == "1\tA\\tB\tx\\ny\tapplied\t2026-11-27\t2026-12-04\n"


def test_list_unknown_status(jh) -> None:
    failed(
        jh("list", "--status", "nope", ok=False),
        2,
        f"Error: unknown status 'nope'; choose from: {STATUS_CHOICES}\n",
    )


def test_list_company_case_insensitive_beyond_ascii(jh) -> None:
    add(jh, "Société Générale", "Dev")
    add(jh, "Ärzte AG", "Ops")
    assert [a["id"] for a in jh.json("list", "--company", "société")["applications"]] == [1]
    assert [a["id"] for a in jh.json("list", "--company", "SOCIÉTÉ")["applications"]] == [1]
    assert [a["id"] for a in jh.json("list", "--company", "ärzte")["applications"]] == [2]


def test_list_company_not_utf8_is_a_clean_error(jh) -> None:
    add(jh)
    # A command-line byte that is not UTF-8 arrives as a lone surrogate (surrogateescape).
    result = jh("list", "--company", "\udcff", ok=False)
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: ")
    assert "Traceback" not in result.stderr


# --------------------------------------------------------------------------- show


def test_show_fields_and_history_in_order(jh) -> None:
    jh(
        "add", "Acme", "Dev", "--applied", "2026-11-10",
        "--url", "https://acme.example/jobs/1", "--source", "job board",
        "--type", "full-time", "--location", "Remote", "--salary", "50k-60k",
        "--skill", "Python,SQL", "--note", "via Jo",
    )  # fmt: skip
    jh("log", "1", "--via", "email", "--on", "2026-11-17", "--note", "sent CV")
    jh("interview", "1", "--on", "2026-11-20", "--with", "Dana")
    jh("status", "1", "offer", "--on", "2026-11-25")
    jh("snooze", "1", "--until", "2026-12-01")
    assert jh("show", "1").stdout == (
        "Application 1\n"
        "Company: Acme\n"
        "Role: Dev\n"
        "Status: offer\n"
        "Applied: 2026-11-10\n"
        "Type: full-time\n"
        "Source: job board\n"
        "Location: Remote\n"
        "Salary: 50k-60k\n"
        "URL: https://acme.example/jobs/1\n"
        "Skills: Python, SQL\n"
        "Note: via Jo\n"
        "People: Dana (#1, interviewer)\n"
        "\n"
        "== History ==\n"
        "2026-11-10\tapplied\t\n"
        "2026-11-17\tfollow-up\tvia email; sent CV\n"
        "2026-11-20\tinterview\twith Dana\n"
        "2026-11-20\tstatus\t-> interviewing\n"
        "2026-11-25\tstatus\t-> offer\n"
        "2026-11-27\tsnoozed\tuntil 2026-12-01\n"
    )


def test_show_back_dated_event_sorts_by_day(jh) -> None:
    add(jh, "Acme", "Dev", "--applied", "2026-11-20")
    jh("log", "1", "--via", "phone", "--on", "2026-11-25")
    jh("log", "1", "--via", "note", "--on", "2026-11-22")
    history = jh("show", "1").stdout.split("== History ==\n")[1]
    assert history == (
        "2026-11-20\tapplied\t\n2026-11-22\tfollow-up\tvia note\n2026-11-25\tfollow-up\tvia phone\n"
    )


def test_show_next_follow_up(jh) -> None:
    add(jh, "Acme", "Dev", "--applied", "2026-11-20")
    assert "Next follow-up: 2026-11-27\n" in jh("show", "1").stdout


# --------------------------------------------------------------------------- edit


def test_edit_every_field(jh) -> None:
    add(jh, "Acme", "Dev", "--applied", "2026-11-20")
    result = jh(
        "edit", "1", "--company", "Acme Ltd", "--role", "Senior Dev",
        "--url", "https://acme.example", "--source", "referral", "--type", "temporary",
        "--location", "Leeds", "--salary", "£40k", "--note", "met at fair",
        "--skill", "Rust", "--skill", "Go,SQL", "--applied", "2026-11-19",
    )  # fmt: skip
    assert result.stdout == (
        "Changed company, role, url, source, job_type, location, salary, note, applied_on, "
        "skills of application 1.\n"
    )
    app = app_json(jh, 1)
    assert {k: app[k] for k in ("company", "role", "url", "source", "job_type")} == {
        "company": "Acme Ltd",
        "role": "Senior Dev",
        "url": "https://acme.example",
        "source": "referral",
        "job_type": "temporary",
    }
    assert (app["location"], app["salary"], app["note"]) == ("Leeds", "£40k", "met at fair")
    assert (app["skills"], app["applied_on"]) == (["Rust", "Go", "SQL"], "2026-11-19")
    assert events(jh, 1)[-1] == (
        "edit", "2026-11-27", None, None, None, None,
        "changed company, role, url, source, job_type, location, salary, note, applied_on, skills",
    )  # fmt: skip


def test_edit_empty_text_clears_optional_fields(jh) -> None:
    add(
        jh, "Acme", "Dev", "--url", "u", "--source", "s", "--type", "contract",
        "--location", "l", "--salary", "1", "--note", "n", "--skill", "x",
    )  # fmt: skip
    result = jh(
        "edit", "1", "--url", "", "--source", "", "--type", "", "--location", "",
        "--salary", "", "--note", "", "--skill", "",
    )  # fmt: skip
    assert result.stdout == (
        "Changed url, source, job_type, location, salary, note, skills of application 1.\n"
    )
    app = app_json(jh, 1)
    assert [app[k] for k in ("url", "source", "job_type", "location", "salary", "note")] == [
        None
    ] * 6
    assert app["skills"] == []
    assert (app["company"], app["role"]) == ("Acme", "Dev")


def test_edit_applied_corrects_the_applied_event(jh) -> None:
    add(jh, "Acme", "Dev", "--applied", "2026-11-20")
    data = jh.json("edit", "1", "--applied", "2026-11-18")
    assert data["changed"] == ["applied_on"]
    assert data["application"]["applied_on"] == "2026-11-18"
    assert events(jh, 1) == [
        ("applied", "2026-11-18", None, None, None, None, None),
        ("edit", "2026-11-27", None, None, None, None, "changed applied_on"),
    ]
    assert jh.json("show", "1")["next_follow_up"] == "2026-11-25"


def test_edit_same_values_changes_nothing(jh, db_path: Path) -> None:
    add(jh, "Acme", "Dev", "--skill", "SQL")
    before = dump(db_path)
    result = jh("edit", "1", "--company", "Acme", "--skill", "sql")
    assert result.stdout == "Application 1 already had those values; nothing changed.\n"
    assert dump(db_path) == before


def test_edit_nothing_to_change(jh, db_path: Path) -> None:
    add(jh)
    before = dump(db_path)
    failed(
        jh("edit", "1", ok=False),
        2,
        "Error: nothing to change; give at least one option (see: jobhunt edit --help)\n",
    )
    assert dump(db_path) == before


def test_edit_applied_of_a_saved_job_refused(jh, db_path: Path) -> None:
    add(jh, "Acme", "Dev", "--saved")
    before = dump(db_path)
    failed(
        jh("edit", "1", "--applied", "2026-11-20", ok=False),
        2,
        "Error: application 1 is saved, not applied; use: jobhunt status 1 applied\n",
    )
    assert dump(db_path) == before


# --------------------------------------------------------------------------- rm


def test_rm_yes_deletes_application_and_history(jh, db_path: Path) -> None:
    add(jh)
    add(jh, "Beta", "QA")
    jh("log", "1", "--via", "email")
    assert jh("rm", "1", "--yes").stdout == "Deleted application 1. Undo with: jobhunt undo\n"
    assert [a["id"] for a in jh.json("list", "--all")["applications"]] == [2]
    assert storeview.query(
        db_path, "SELECT count(*) FROM application_event WHERE application_id = 1"
    ) == [(0,)]
    failed(jh("show", "1", ok=False), 3, NOT_FOUND.replace("99", "1"))


def test_rm_without_yes_and_no_tty_is_refused(jh, db_path: Path) -> None:
    add(jh)
    before = dump(db_path)
    failed(
        jh("rm", "1", ok=False),
        2,
        "Error: Delete application 1 (Acme — Dev)? Refusing without --yes when not run "
        "interactively\n",
    )
    assert dump(db_path) == before
    # Even a "y" piped on stdin is not a person at a terminal.
    assert jh("rm", "1", input="y\n", ok=False).exit_code == 2
    assert dump(db_path) == before


# --------------------------------------------------------------------------- events


@pytest.mark.parametrize(
    ("args", "stdout", "event"),
    [
        (
            ("log", "1", "--via", "email"),
            "Logged a follow-up by email on 2026-11-27 for application 1.\n",
            ("follow_up", "2026-11-27", "email", None, None, None, None),
        ),
        (
            ("log", "1", "--via", "note", "--on", "2026-11-25", "--note", "posted"),
            "Logged a follow-up by note on 2026-11-25 for application 1.\n",
            ("follow_up", "2026-11-25", "note", None, None, None, "posted"),
        ),
        (
            ("log", "1", "--via", "in-person", "--on", "yesterday", "-n", "coffee"),
            "Logged a follow-up by in-person on 2026-11-26 for application 1.\n",
            ("follow_up", "2026-11-26", "in-person", None, None, None, "coffee"),
        ),
        (
            ("status", "1", "withdrawn", "--on", "2026-11-25", "--note", "took another"),
            "Application 1: applied -> withdrawn.\n",
            ("status", "2026-11-25", None, "withdrawn", None, None, "took another"),
        ),
        (
            ("status", "1", "Rejected"),
            "Application 1: applied -> rejected.\n",
            ("status", "2026-11-27", None, "rejected", None, None, None),
        ),
        (
            ("snooze", "1", "--until", "2026-12-10", "--note", "holiday"),
            "Snoozed application 1 until 2026-12-10.\nNext follow-up due 2026-12-10.\n",
            ("snooze", "2026-11-27", None, None, "2026-12-10", None, "holiday"),
        ),
        (
            ("snooze", "1", "--until", "tomorrow"),
            "Snoozed application 1 until 2026-11-28.\nNext follow-up due 2026-11-28.\n",
            ("snooze", "2026-11-27", None, None, "2026-11-28", None, None),
        ),
    ],
    ids=[
        "log",
        "log-on-note",
        "log-relative",
        "status-on",
        "status-case",
        "snooze",
        "snooze-relative",
    ],
)
def test_event_commands_record_the_right_day(jh, args, stdout: str, event: tuple) -> None:
    add(jh, "Acme", "Dev", "--applied", "2026-11-20")
    result = jh(*args)
    assert result.stdout == stdout
    assert event in events(jh, 1)
    assert len(events(jh, 1)) == 2


def test_interview_scheduled_and_past(jh) -> None:
    add(jh, "Acme", "Dev", "--applied", "2026-11-10")
    result = jh("interview", "1", "--on", "2026-12-02", "--with", "Dana", "--note", "round 1")
    assert result.stdout == "Recorded an interview on 2026-12-02 for application 1.\n"
    assert events(jh, 1) == [
        ("applied", "2026-11-10", None, None, None, None, None),
        ("status", "2026-11-27", None, "interviewing", None, None, None),
        ("interview", "2026-12-02", None, None, None, "Dana", "round 1"),
    ]
    add(jh, "Beta", "QA", "--applied", "2026-11-10")
    result = jh("interview", "2", "--on", "2026-11-24")
    assert result.stdout == (
        "Recorded an interview on 2026-11-24 for application 2.\nNext follow-up due 2026-11-25.\n"
    )
    assert events(jh, 2)[1:] == [
        ("interview", "2026-11-24", None, None, None, None, None),
        ("status", "2026-11-24", None, "interviewing", None, None, None),
    ]
    assert app_json(jh, 2)["status"] == "interviewing"


def test_interview_keeps_a_later_status(jh) -> None:
    add(jh, "Acme", "Dev", "--applied", "2026-11-20")
    jh("status", "1", "offer")
    jh("interview", "1", "--on", "2026-11-26")
    assert app_json(jh, 1)["status"] == "offer"


def test_status_applied_sets_the_applied_day_of_a_saved_job(jh) -> None:
    add(jh, "Acme", "Dev", "--saved")
    result = jh("status", "1", "applied", "--on", "2026-11-26")
    assert result.stdout == "Application 1: saved -> applied.\nNext follow-up due 2026-12-03.\n"
    assert app_json(jh, 1)["applied_on"] == "2026-11-26"


@pytest.mark.parametrize("until", ["today", "yesterday", "2026-11-01"])
def test_snooze_until_today_or_past_refused(jh, db_path: Path, until: str) -> None:
    add(jh)
    before = dump(db_path)
    result = jh("snooze", "1", "--until", until, ok=False)
    day = {"today": "2026-11-27", "yesterday": "2026-11-26"}.get(until, until)
    failed(result, 2, f"Error: snooze until {day}: the day must be after today\n")
    assert dump(db_path) == before


# --------------------------------------------------------------------------- bad input

UNKNOWN_ID = [
    ("show", "99"),
    ("show", "99", "--json"),
    ("edit", "99", "--role", "x"),
    ("edit", "99", "--applied", "2026-11-20"),
    ("rm", "99", "--yes"),
    ("rm", "99"),
    ("log", "99", "--via", "email"),
    ("interview", "99", "--on", "today"),
    ("status", "99", "offer"),
    ("snooze", "99", "--until", "tomorrow"),
]


@pytest.mark.parametrize("args", UNKNOWN_ID, ids=lambda a: " ".join(a))
def test_unknown_id(jh, db_path: Path, args: tuple[str, ...]) -> None:
    add(jh)
    before = dump(db_path)
    failed(jh(*args, ok=False), 3, NOT_FOUND)
    assert dump(db_path) == before


BAD_CHOICE = [
    (("status", "1", "hired"), f"Error: unknown status 'hired'; choose from: {STATUS_CHOICES}\n"),
    (("status", "1", ""), f"Error: unknown status ''; choose from: {STATUS_CHOICES}\n"),
    (
        ("log", "1", "--via", "fax"),
        "Error: unknown channel 'fax'; choose from: email, note, phone, message, in-person\n",
    ),
    (
        ("add", "A", "B", "--type", "permanent"),
        "Error: unknown job type 'permanent'; choose from: full-time, part-time, contract, "
        "temporary\n",
    ),
    (
        ("edit", "1", "--type", "gig"),
        "Error: unknown job type 'gig'; choose from: full-time, part-time, contract, temporary\n",
    ),
]


@pytest.mark.parametrize(
    ("args", "stderr"), BAD_CHOICE, ids=lambda v: " ".join(v) if isinstance(v, tuple) else None
)
def test_unknown_status_channel_type(jh, db_path: Path, args, stderr: str) -> None:
    add(jh)
    before = dump(db_path)
    failed(jh(*args, ok=False), 2, stderr)
    assert dump(db_path) == before


BAD_DATE = "Error: invalid date 'someday': not a date I know (hint: " + DATE_HELP + ")\n"


@pytest.mark.parametrize(
    "args",
    [
        ("add", "A", "B", "--applied", "someday"),
        ("edit", "1", "--applied", "someday"),
        ("log", "1", "--via", "email", "--on", "someday"),
        ("interview", "1", "--on", "someday"),
        ("status", "1", "offer", "--on", "someday"),
        ("snooze", "1", "--until", "someday"),
        ("today", "--on", "someday"),
    ],
    ids=lambda a: a[0],
)
def test_unparseable_date(jh, db_path: Path, args) -> None:
    add(jh)
    before = dump(db_path)
    failed(jh(*args, ok=False), 2, BAD_DATE)
    assert dump(db_path) == before


def test_ambiguous_date_explains(jh) -> None:
    failed(
        jh("add", "A", "B", "--applied", "03/04/2026", ok=False),
        2,
        "Error: invalid date '03/04/2026': ambiguous day and month; write it as YYYY-MM-DD "
        f"(hint: {DATE_HELP})\n",
    )


@pytest.mark.parametrize(
    ("args", "stderr"),
    [
        (("add", "", "Dev"), "Error: company must not be empty\n"),
        (("add", "Acme", ""), "Error: role must not be empty\n"),
        (("add", "   ", "Dev"), "Error: company must not be blank\n"),
        (("add", "Acme", "\t"), "Error: role must not be blank\n"),
        (("add", "Ac\x00me", "Dev"), "Error: company must not contain NUL characters\n"),
        (("add", "\udcff", "Dev"), "Error: company is not valid UTF-8 text\n"),
        (("edit", "1", "--company", ""), "Error: company must not be empty\n"),
        (("edit", "1", "--role", "  "), "Error: role must not be blank\n"),
    ],
    ids=[
        "add-company",
        "add-role",
        "add-company-blank",
        "add-role-blank",
        "nul",
        "not-utf8",
        "edit-company",
        "edit-role",
    ],
)
def test_empty_company_or_role(jh, db_path: Path, args, stderr: str) -> None:
    add(jh)
    before = dump(db_path)
    failed(jh(*args, ok=False), 2, stderr)
    assert dump(db_path) == before


# --------------------------------------------------------------------------- the store file

STORE_COMMANDS = [
    ("list",),
    ("add", "A", "B"),
    ("today",),
    ("show", "1"),
    ("log", "1", "--via", "email"),
]
NOT_OURS_HINT = "(hint: point --db or JOBHUNT_DB at a jobhunt store, or at a new file)"


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.mark.parametrize("args", STORE_COMMANDS, ids=lambda a: a[0])
def test_store_path_is_a_directory(jh, tmp_path: Path, args) -> None:
    folder = tmp_path / "somedir"
    folder.mkdir()
    for how in ("option", "env"):
        if how == "option":
            result = jh("--db", str(folder), *args, ok=False)
        else:
            result = jh(*args, env={"JOBHUNT_DB": str(folder)}, ok=False)
        failed(
            result,
            4,
            f"Error: store path {folder} is a directory (hint: give a file path with --db)\n",
        )
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("args", STORE_COMMANDS, ids=lambda a: a[0])
def test_non_sqlite_file_left_untouched(jh, tmp_path: Path, args) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    path = folder / "notes.txt"
    path.write_bytes(b"my notes\x00\xff not a database\n" * 100)
    before = _files(folder)
    failed(
        jh("--db", str(path), *args, ok=False),
        4,
        f"Error: {path} is not a jobhunt store (not an SQLite database); it was left untouched "
        f"{NOT_OURS_HINT}\n",
    )
    assert _files(folder) == before


def _sqlite(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path)
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


@pytest.mark.parametrize("args", STORE_COMMANDS, ids=lambda a: a[0])
def test_foreign_sqlite_file_left_untouched(jh, tmp_path: Path, args) -> None:
    folder = tmp_path / "other"
    folder.mkdir()
    path = folder / "app.db"
    _sqlite(path, "CREATE TABLE t (x)", "INSERT INTO t VALUES (1)")
    before = _files(folder)
    failed(
        jh("--db", str(path), *args, ok=False),
        4,
        f"Error: {path} is an SQLite database but not a jobhunt store; it was left untouched "
        f"{NOT_OURS_HINT}\n",
    )
    assert _files(folder) == before


@pytest.mark.parametrize("known", [True, False], ids=["known-plus-unknown", "only-unknown"])
@pytest.mark.parametrize("args", STORE_COMMANDS, ids=lambda a: a[0])
def test_newer_store_left_untouched(jh, tmp_path: Path, args, known: bool) -> None:
    folder = tmp_path / "newer"
    folder.mkdir()
    path = folder / "jobhunt.db"
    rows = ["('0099_from_the_future', 'x')"] + (["('0001_initial', 'x')"] if known else [])
    _sqlite(
        path,
        "CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)",
        f"INSERT INTO schema_migrations VALUES {', '.join(rows)}",
    )
    before = _files(folder)
    failed(
        jh("--db", str(path), *args, ok=False),
        4,
        f"Error: {path} was written by a newer jobhunt (schema 0099_from_the_future); it was "
        "left untouched (hint: upgrade jobhunt: pip install --upgrade jobhunt)\n",
    )
    assert _files(folder) == before


def test_store_errors_in_a_real_process_have_no_traceback(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(b"hello")
    result = run_subprocess("--db", str(path), "list")
    assert result.returncode == 4
    assert result.stdout == ""
    assert result.stderr.startswith(f"Error: {path} is not a jobhunt store")
    assert "Traceback" not in result.stderr
    assert path.read_bytes() == b"hello"


@pytest.mark.parametrize(
    ("statements", "message"),
    [
        (
            ("CREATE TABLE t (x)", "INSERT INTO t VALUES (1)"),
            "is an SQLite database but not a jobhunt store; it was left untouched " + NOT_OURS_HINT,
        ),
        (
            (
                "CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)",
                "INSERT INTO schema_migrations VALUES ('0001_initial', 'x'), ('0099_next', 'x')",
            ),
            "was written by a newer jobhunt (schema 0099_next); it was left untouched "
            "(hint: upgrade jobhunt: pip install --upgrade jobhunt)",
        ),
    ],
    ids=["foreign", "newer-jobhunt"],
)
def test_refused_wal_mode_store_leaves_no_sidecar_files(
    jh, tmp_path: Path, statements, message: str
) -> None:
    # jobhunt's own stores use WAL, so a store from a newer jobhunt is in WAL mode.
    folder = tmp_path / "wal"
    folder.mkdir()
    path = folder / "jobhunt.db"
    _sqlite(path, "PRAGMA journal_mode = WAL", *statements)
    before = _files(folder)
    assert sorted(before) == ["jobhunt.db"]
    failed(jh("--db", str(path), "list", ok=False), 4, f"Error: {path} {message}\n")
    assert path.read_bytes() == before["jobhunt.db"]
    assert sorted(p.name for p in folder.iterdir()) == ["jobhunt.db"]  # no -wal / -shm litter
