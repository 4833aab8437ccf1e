"""The lifecycle on the command line: status for several applications, offers with a
day to answer by, acceptance with its type, the end of the search, facts never dated
ahead, and previews that see a past day as it was and record nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.storeview import dump, query

TODAY = {"JOBHUNT_TODAY": "2026-11-27"}


def on(day: str) -> dict[str, str]:
    return {"JOBHUNT_TODAY": day}


def as_json(jh, *args: str, env: dict[str, str]) -> dict:
    import json

    return json.loads(jh(*args, "--json", env=env).stdout)


@pytest.fixture
def three(jh) -> None:
    jh("add", "Acme", "Dev", "--applied", "2026-11-02")
    jh("add", "Globex", "QA", "--applied", "2026-11-03")
    jh("add", "Initech", "Eng", "--applied", "2026-11-04")


# --------------------------------------------------------------------------- status


def test_status_of_several_applications_is_one_step_for_undo(jh, three) -> None:
    result = jh("status", "1", "2", "withdrawn")
    assert (
        result.stdout
        == "Application 1: applied -> withdrawn.\nApplication 2: applied -> withdrawn.\n"
    )
    data = jh.json("list", "--all")
    assert [a["status"] for a in data["applications"]] == ["withdrawn", "withdrawn", "applied"]
    jh("undo")
    data = jh.json("list")
    assert [a["status"] for a in data["applications"]] == ["applied", "applied", "applied"]


def test_status_of_several_applications_writes_nothing_when_one_is_missing(
    jh, three, db_path: Path
) -> None:
    before = dump(db_path)
    result = jh("status", "1", "9", "withdrawn", ok=False)
    assert result.exit_code != 0
    assert "no application with id 9" in result.stderr
    assert dump(db_path) == before


def test_status_json_for_several_applications(jh, three) -> None:
    data = jh.json("status", "1", "3", "rejected")
    assert [r["application"]["id"] for r in data["results"]] == [1, 3]
    assert all(r["event"]["status"] == "rejected" for r in data["results"])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("1", "offer", "--type", "full-time"), "Error: --type goes with accepted"),
        (("1", "applied", "--respond-by", "2026-12-01"), "Error: --respond-by goes with offer"),
        (("1", "1", "rejected"), "Error: an application id is given twice"),
        (("rejected",), "Error: give the application id and the status"),
        (("x", "rejected"), "Error: invalid application id 'x'"),
        (("1", "sleeping"), "Error: unknown status 'sleeping'"),
        (
            ("1", "offer", "--on", "2026-11-20", "--respond-by", "2026-11-19"),
            "Error: the offer must be answered by 2026-11-19, before it was made (2026-11-20)",
        ),
    ],
    ids=["type-without-accepted", "respond-by-without-offer", "twice", "no-id", "bad-id",
         "bad-status", "answer-before-offer"],
)  # fmt: skip
def test_status_refuses_bad_input_and_writes_nothing(
    jh, three, db_path: Path, args, message
) -> None:
    before = dump(db_path)
    result = jh("status", *args, ok=False)
    assert result.exit_code == 2
    assert result.stderr.startswith(message), result.stderr
    assert "Traceback" not in result.stderr
    assert dump(db_path) == before


def test_accepting_without_a_type_off_a_terminal_is_refused(jh, three, db_path: Path) -> None:
    before = dump(db_path)
    result = jh("status", "3", "accepted", ok=False)
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: What kind of job is it? full-time ends the search")
    assert "jobhunt status 3 accepted --type TYPE" in result.stderr
    assert dump(db_path) == before


def test_accepting_with_a_type_stores_it_and_ends_the_search(jh, three) -> None:
    jh("contact", "add", "Tom Hale", "--company", "Initech")
    jh("contact", "link", "1", "3")
    jh("status", "3", "accepted", "--type", "full-time")
    assert jh.json("show", "3")["application"]["job_type"] == "full-time"
    data = jh.json("today")
    assert data["search_ended"] == {
        "application_id": 3,
        "company": "Initech",
        "role": "Eng",
        "on": "2026-11-27",
    }
    assert [(a["kind"], a["section"]) for a in data["actions"]] == [
        ("withdraw", "wind_down"),
        ("thank_accepted", "wind_down"),
    ]
    assert data["actions"][0]["command"] == "jobhunt status 1 2 withdrawn"
    # After the wind-down: silence.
    later = on("2026-12-04")
    assert jh("today", "--quiet", env=later).stdout == ""
    assert jh("today", env=later).stdout == (
        "Search ended: accepted 3 (Eng at Initech) on 2026-11-27\n"
    )
    assert jh.json("today", "--on", "2026-12-04")["actions"] == []


def test_an_offer_with_a_day_to_answer_by(jh, three) -> None:
    jh("status", "2", "offer", "--respond-by", "2026-11-30")
    assert [a["kind"] for a in jh.json("today")["actions"] if a["kind"] == "decision"] == []
    [reminder] = [
        a for a in jh.json("today", "--on", "2026-11-28")["actions"] if a["kind"] == "decision"
    ]
    assert (reminder["application_id"], reminder["due"]) == (2, "2026-11-30")


# --------------------------------------------------------------------------- dates of facts


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("log", "1", "--via", "email", "--on", "2026-12-05"), "follow-up date 2026-12-05 is in the future"),
        (("status", "1", "rejected", "--on", "2026-12-20"), "status date 2026-12-20 is in the future"),
        (("contact", "touch", "1", "--via", "email", "--on", "2027-01-15"), "touch date 2027-01-15 is in the future"),
        (("course", "log", "1", "--hours", "1", "--on", "2026-11-28"), "course log date 2026-11-28 is in the future"),
        (("log", "1", "--via", "email", "--on", "2026-11-01"), "follow-up date 2026-11-01 is before you applied (2026-11-02)"),
        (("interview", "1", "--on", "2026-10-30"), "interview date 2026-10-30 is before you applied (2026-11-02)"),
        (("interview", "1", "--on", "2201-01-01"), "invalid date"),
    ],
    ids=["follow-up-ahead", "status-ahead", "touch-ahead", "course-log-ahead",
         "follow-up-before-applied", "interview-before-applied", "interview-out-of-range"],
)  # fmt: skip
def test_facts_are_never_dated_ahead_nor_before_the_application(
    jh, three, db_path: Path, args, message
) -> None:
    jh("contact", "add", "Ann")
    jh("course", "add", "SQL")
    before = dump(db_path)
    result = jh(*args, ok=False)
    assert result.exit_code == 2
    assert message in result.stderr, result.stderr
    assert dump(db_path) == before


def test_the_applied_date_cannot_move_past_a_follow_up(jh, three, db_path: Path) -> None:
    jh("log", "1", "--via", "email", "--on", "2026-11-09")
    before = dump(db_path)
    result = jh("edit", "1", "--applied", "2026-11-10", ok=False)
    assert result.exit_code == 2
    assert "after this application's first follow-up or interview (2026-11-09)" in result.stderr
    assert dump(db_path) == before
    jh("edit", "1", "--applied", "2026-11-09")  # the same day is fine


def test_an_interview_ahead_is_still_allowed(jh, three) -> None:
    jh("interview", "1", "--on", "2026-12-03")
    assert [e["kind"] for e in jh.json("show", "1")["application"]["events"]][-1] == "interview"


# --------------------------------------------------------------------------- the past as it was


def test_a_preview_of_a_past_day_does_not_know_what_came_later(jh) -> None:
    jh("add", "Acme", "Dev", "--applied", "2026-11-02", env=on("2026-11-02"))
    jh("status", "1", "accepted", "--type", "full-time", env=on("2026-11-20"))
    jh("add", "Globex", "QA", env=on("2026-11-25"))
    past = as_json(jh, "today", "--on", "2026-11-10", env=on("2026-12-20"))
    assert past["search_ended"] is None
    assert [a["application_id"] for a in past["actions"] if a["application_id"]] == [1, 1]
    assert "follow_up" in [a["kind"] for a in past["actions"]]
    week = as_json(jh, "week", "--on", "2026-11-04", env=on("2026-12-20"))
    assert week["areas"][0]["detail"] == "1 of 5 applications"
    ended = as_json(jh, "week", "--on", "2026-11-20", env=on("2026-12-20"))
    assert ended["areas"][0]["target"] is None
    assert "search ended: accepted Dev at Acme on 2026-11-20" in ended["areas"][0]["detail"]
    stats = as_json(jh, "stats", "--on", "2026-11-10", env=on("2026-12-20"))
    assert stats["funnel"]["counts"]["applied"] == 1
    assert stats["funnel"]["counts"]["accepted"] == 0


def test_previews_record_nothing(jh, db_path: Path) -> None:
    jh("add", "Acme", "Dev", "--applied", "2026-10-01")
    jh("log", "1", "--via", "email", "--on", "2026-10-08")
    jh("today", "--on", "2026-11-30")
    assert query(db_path, "SELECT key FROM nudge") == []
    jh("today")
    assert ("ghosted:1", "2026-11-27") in query(db_path, "SELECT key, shown_on FROM nudge")


def test_every_day_a_suggestion_was_shown_is_kept(jh, db_path: Path) -> None:
    jh("add", "Acme", "Dev", "--applied", "2026-10-01")
    jh("log", "1", "--via", "email", "--on", "2026-10-08")
    jh("today")
    jh("today", env=on("2026-12-04"))
    shown = "SELECT shown_on FROM nudge WHERE key = 'ghosted:1' ORDER BY shown_on"
    assert query(db_path, shown) == [("2026-11-27",), ("2026-12-04",)]
    # 11-30 as it was: shown 3 days before, so not shown again that day.
    past = as_json(jh, "today", "--on", "2026-11-30", env=on("2026-12-05"))
    assert "ghosted" not in [a["kind"] for a in past["actions"]]


def test_contact_commands_see_the_offer_step_up_as_the_agenda_does(jh, three) -> None:
    jh("contact", "add", "Lee", "--kind", "industry-leader", "--added", "2026-09-01")
    before = jh.json("contact", "show", "1")
    jh("status", "2", "offer")
    after = jh.json("contact", "show", "1")
    assert before["next_touch"] == "2026-10-31"  # 60 days
    assert after["next_touch"] == "2026-10-01"  # 30 days while the offer is pending
    [touch] = [a for a in jh.json("today")["actions"] if a["kind"] == "touch"]
    assert touch["due"] == after["next_touch"]


def test_imports_refuse_an_interview_before_the_applied_date(jh, tmp_path: Path) -> None:
    sheet = tmp_path / "apps.csv"
    sheet.write_text(
        "Company,Title,Date Applied,Interview Date\n"
        "Acme,Dev,2026-11-10,2026-11-03\n"
        "Beta,QA,2026-11-10,2026-11-12\n",
        encoding="utf-8",
    )
    report = jh.json("import", "csv", str(sheet))["import"]
    assert [r["line"] for r in report["rejected"]] == [2]
    assert "interview date 2026-11-03 is before the date applied" in report["rejected"][0]["reason"]
    assert [a["company"] for a in jh.json("list", "--all")["applications"]] == ["Beta"]


def test_a_json_import_refuses_a_follow_up_before_the_applied_date(jh, tmp_path: Path) -> None:
    import json

    jh("add", "Acme", "Dev", "--applied", "2026-11-10")
    jh("log", "1", "--via", "email", "--on", "2026-11-17")
    document = json.loads(jh("export", "json").stdout)
    document["applications"][0]["events"][-1]["on"] = "2026-11-02"
    path = tmp_path / "doc.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    result = jh("import", "json", str(path), env={"JOBHUNT_DB": str(tmp_path / "n.db")})
    assert "1 rejected" in result.stdout
    assert "follow-up on 2026-11-02 is before the applied date (2026-11-10)" in result.stdout


def test_the_work_search_log_gives_each_result_as_of_the_end_of_its_week(jh) -> None:
    jh("add", "Acme", "Dev", "--applied", "2026-11-03", env=on("2026-11-03"))
    jh("status", "1", "rejected", env=on("2026-11-20"))
    # The week of 11-02: Acme was still waiting for an answer when it ended.
    first = as_json(jh, "export", "worklog", "--week", "2026-11-03", env=on("2026-11-27"))
    assert [e["result"] for e in first["entries"]] == ["applied"]
