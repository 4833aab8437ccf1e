"""Issue 15, points 4, 5 and 6, on the command line: event contacts, answers to
suggestions (contact snooze, skip company), one find-a-contact per company every
`find_contact_every_days`, and imported LinkedIn contacts without a schedule.

Each defect's test was written first and seen failing on the code before the fix.
Today is Friday 2026-11-27 (conftest).
"""

from __future__ import annotations

import math
import shlex
from pathlib import Path

import pytest

from tests import storeview


def on(day: str) -> dict:
    return {"JOBHUNT_TODAY": day}


def agenda(jh, day: str) -> list[dict]:
    return jh.json("today", "--on", day)["actions"]


def morning(jh, day: str) -> list[dict]:
    """The agenda as read on the morning of `day` (its suggestions count as shown)."""
    import json

    return json.loads(jh("today", "--json", env=on(day)).stdout)["actions"]


def of(actions: list[dict], kind: str) -> list[dict]:
    return [a for a in actions if a["kind"] == kind]


def unchanged(jh, db_path: Path, *args: str, code: int = 2) -> str:
    """`jobhunt ARGS` is refused with a one-line error and writes nothing."""
    import os

    store = Path(os.environ["JOBHUNT_DB"])
    before = storeview.dump(store)
    result = jh(*args, ok=False)
    assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
    assert result.stderr.startswith("Error: "), result.stderr
    assert "Traceback" not in result.stderr
    assert storeview.dump(store) == before
    return result.stderr


# --------------------------------------------------------------------------- point 4: events


def meet_at_event(jh) -> None:
    """A meetup on 11-20; Ana met there and added that day, the meeting logged that day."""
    jh("event", "add", "Data Meetup", "--on", "2026-11-20", env=on("2026-11-19"))
    jh("contact", "add", "Ana Ruiz", "--company", "Acme", "--met-at", "1", env=on("2026-11-20"))
    jh("contact", "touch", "1", "--via", "event", env=on("2026-11-20"))


def test_the_meeting_on_the_event_day_does_not_cancel_the_follow_up(jh) -> None:
    meet_at_event(jh)
    [follow_up] = of(agenda(jh, "2026-11-21"), "event_follow_up")
    assert follow_up["contact_id"] == 1
    # The first interaction after the event day is the follow-up: then it is done.
    jh("contact", "touch", "1", "--via", "email", env=on("2026-11-22"))
    assert of(agenda(jh, "2026-11-22"), "event_follow_up") == []
    # A past day's agenda still sees the follow-up that was due then.
    assert len(of(agenda(jh, "2026-11-21"), "event_follow_up")) == 1


def test_the_meeting_and_its_follow_up_count_one_person(jh) -> None:
    meet_at_event(jh)  # a Friday; the week runs 11-16 .. 11-22
    [target] = of(agenda(jh, "2026-11-20"), "network_target")
    assert "(1 of 3 so far)" in target["message"]  # the meeting counts the person
    jh("contact", "touch", "1", "--via", "email", env=on("2026-11-21"))
    [target] = of(agenda(jh, "2026-11-21"), "network_target")
    assert "(1 of 3 so far)" in target["message"]  # the follow-up is the same person
    week = jh.json("week", "--on", "2026-11-21")
    [network] = [a for a in week["areas"] if a["area"] == "Network"]
    assert network["done"] == 1
    # Another touch with her later is a touch like any other.
    jh("contact", "touch", "1", "--via", "call", env=on("2026-11-22"))
    [target] = of(agenda(jh, "2026-11-22"), "network_target")
    assert "(2 of 3 so far)" in target["message"]


# --------------------------------------------------------------------------- point 5: answers


def test_contact_snooze_holds_the_touch_back_until_its_day(jh) -> None:
    jh("contact", "add", "Rita", "--kind", "recruiter", "--added", "2026-11-01")
    assert [a["contact_id"] for a in of(agenda(jh, "2026-11-27"), "touch")] == [1]
    out = jh("contact", "snooze", "1", "--until", "2026-12-03").stdout
    assert "2026-12-03" in out
    assert of(agenda(jh, "2026-11-27"), "touch") == []
    assert of(agenda(jh, "2026-12-02"), "touch") == []
    [back] = of(agenda(jh, "2026-12-03"), "touch")  # back on its day
    assert (back["contact_id"], back["due"], back["overdue_days"]) == (1, "2026-12-03", 0)
    # As of the day: the day before the answer was given, the touch was there.
    assert len(of(agenda(jh, "2026-11-26"), "touch")) == 1
    shown = jh("contact", "show", "1").stdout
    assert "Snoozed until" in shown
    assert "2026-12-03" in shown
    assert jh.json("contact", "show", "1")["snoozed_until"] == "2026-12-03"


def test_undo_reverts_a_snooze(jh) -> None:
    jh("contact", "add", "Rita", "--kind", "recruiter", "--added", "2026-11-01")
    jh("contact", "snooze", "1", "--until", "2026-12-03")
    jh("undo")
    assert len(of(agenda(jh, "2026-11-27"), "touch")) == 1


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("contact", "snooze", "9", "--until", "2026-12-03"), "no contact with id 9"),
        (("contact", "snooze", "1", "--until", "2026-11-26"), "after today"),
        (("contact", "snooze", "1", "--until", "2026-11-27"), "after today"),
        (("contact", "snooze", "1", "--until", "03/04/2026"), "ambiguous"),
        (("contact", "snooze", "1", "--until", "soon"), "date"),
        (("contact", "snooze", "1"), "--until"),
    ],
    ids=["unknown-id", "past-date", "today", "ambiguous-date", "not-a-date", "no-until"],
)
def test_contact_snooze_refuses_bad_input(jh, db_path, args, says) -> None:
    jh("contact", "add", "Rita", "--kind", "recruiter", "--added", "2026-11-01")
    assert says in unchanged(jh, db_path, *args, code=3 if "no contact" in says else 2)


def test_skip_company_silences_find_contact_for_every_spelling(jh) -> None:
    jh("add", "Acme Corp", "Analyst", "--applied", "2026-11-20")
    jh("add", "ACME CORP ", "Engineer", "--applied", "2026-11-21")
    [found] = of(agenda(jh, "2026-11-27"), "find_contact")
    assert found["answer_command"] == "jobhunt skip company 'Acme Corp'"
    out = jh("skip", "company", "  acme corp").stdout
    assert "Acme Corp" in out or "acme corp" in out
    for day in ("2026-11-27", "2026-12-20", "2027-03-01"):
        assert of(agenda(jh, day), "find_contact") == [], day
    # A contact there still counts as knowing someone; the answer is listed and undone.
    listed = jh.json("skip", "list")["answers"]
    assert [(a["id"], a["company"], a["until"]) for a in listed] == [(1, "acme corp", None)]
    jh("skip", "rm", "1")
    assert len(of(agenda(jh, "2026-11-27"), "find_contact")) == 1


def test_skip_company_until_a_day(jh) -> None:
    jh("add", "Acme", "Analyst", "--applied", "2026-11-20")
    jh("skip", "company", "Acme", "--until", "2026-12-15")
    assert of(agenda(jh, "2026-12-14"), "find_contact") == []
    assert len(of(agenda(jh, "2026-12-15"), "find_contact")) == 1
    # Before the answer was given, the suggestion was there.
    assert len(of(agenda(jh, "2026-11-26"), "find_contact")) == 1
    jh("undo")
    assert len(of(agenda(jh, "2026-11-30"), "find_contact")) == 1


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("skip", "company", ""), "company"),
        (("skip", "company", "   "), "company"),
        (("skip", "company", "Acme", "--until", "2026-11-20"), "after today"),
        (("skip", "company", "Acme", "--until", "never"), "date"),
        (("skip", "rm", "7"), "no answer with id 7"),
        (("skip", "rm", "0"), "no answer with id 0"),
    ],
    ids=["empty", "blank", "past-date", "not-a-date", "unknown-answer", "zero-id"],
)
def test_skip_refuses_bad_input(jh, db_path, args, says) -> None:
    jh("add", "Acme", "Analyst", "--applied", "2026-11-20")
    code = 3 if "no answer" in says else 2
    assert says in unchanged(jh, db_path, *args, code=code)


def test_one_company_is_suggested_once_every_14_days_across_its_applications(jh) -> None:
    jh("add", "Acme", "Analyst", "--applied", "2026-11-20", env=on("2026-11-20"))
    jh("add", "Acme", "Engineer", "--applied", "2026-11-21", env=on("2026-11-21"))
    assert [a["application_id"] for a in of(jh.json("today")["actions"], "find_contact")] == [1]
    jh("status", "1", "rejected", env=on("2026-11-28"))
    # The first application closed: Acme waits out its 14 days through the second.
    for day in ("2026-11-28", "2026-11-30", "2026-12-10"):
        assert of(morning(jh, day), "find_contact") == [], day
    [again] = of(morning(jh, "2026-12-11"), "find_contact")
    assert again["application_id"] == 2


def test_find_contact_every_days_is_a_setting(jh) -> None:
    jh("config", "set", "find_contact_every_days", "3")
    jh("add", "Acme", "Analyst", "--applied", "2026-11-10")
    assert len(of(morning(jh, "2026-11-27"), "find_contact")) == 1
    assert of(morning(jh, "2026-11-29"), "find_contact") == []
    assert len(of(morning(jh, "2026-11-30"), "find_contact")) == 1
    assert jh("config", "set", "find_contact_every_days", "0", ok=False).exit_code == 2


def test_no_find_contact_for_an_application_to_mark_ghosted(jh) -> None:
    jh("add", "Acme", "Analyst", "--applied", "2026-10-01", env=on("2026-10-01"))
    jh("log", "1", "--via", "email", env=on("2026-10-08"))
    actions = jh.json("today")["actions"]  # 57 days after applying, followed up
    assert [a["application_id"] for a in of(actions, "ghosted")] == [1]
    assert of(actions, "find_contact") == []


def test_each_suggestion_shows_the_command_that_answers_it(jh) -> None:
    jh("contact", "add", "Rita Reyes", "--kind", "recruiter", "--added", "2026-11-01")
    jh("add", "Big Co's", "Analyst", "--applied", "2026-11-20")
    actions = jh.json("today", "--on", "2026-11-28")["actions"]
    [touch] = of(actions, "touch")
    [find] = of(actions, "find_contact")
    # Snooze until the next cadence from today: a recruiter's 14 days.
    assert touch["answer_command"] == "jobhunt contact snooze 1 --until 2026-12-12"
    assert find["answer_command"] == "jobhunt skip company 'Big Co'\"'\"'s'"
    assert shlex.split(find["answer_command"])[-1] == "Big Co's"
    target = of(actions, "network_target")[0]
    assert target["answer_command"] is None
    plain = jh("today", "--on", "2026-11-28").stdout
    assert "answer: jobhunt contact snooze 1 --until 2026-12-12" in plain
    assert "answer: jobhunt skip company 'Big Co'\"'\"'s'" in plain
    rich = jh("today", "--on", "2026-11-28", env={"JOBHUNT_FORCE_TERMINAL": "1"}).stdout
    assert "jobhunt contact snooze 1 --until 2026-12-12" in rich


# --------------------------------------------------------------------------- point 6: imports

LINKEDIN = """First Name,Last Name,URL,Email Address,Company,Position,Connected On
Tom,Becker,https://www.linkedin.com/in/tom-becker,,Initech,Data Engineer,15 Jan 2022
Ana,Lee,https://www.linkedin.com/in/ana-lee,,Globex,Analyst,03 Feb 2025
"""


def test_imported_connections_have_no_schedule_but_count_as_known(jh, tmp_path) -> None:
    path = tmp_path / "Connections.csv"
    path.write_text(LINKEDIN, encoding="utf-8")
    jh("import", "linkedin", str(path))
    actions = agenda(jh, "2026-11-27")
    assert of(actions, "touch") == []
    assert of(actions, "touch_more") == []
    # ... but they still answer "do I know anyone at Initech?"
    jh("add", "Initech", "Analyst", "--applied", "2026-11-20")
    assert of(agenda(jh, "2026-11-27"), "find_contact") == []
    listed = jh.json("contact", "list")["contacts"]
    assert [(c["keep_in_touch"], c["next_touch"]) for c in listed] == [(False, None)] * 2
    assert "no stay-in-touch schedule" in jh("contact", "show", "1").stdout
    # A touch gives Tom a schedule; --every gives Ana one.
    jh("contact", "touch", "1", "--via", "email")
    jh("contact", "edit", "2", "--every", "30d")
    listed = jh.json("contact", "list")["contacts"]
    assert [(c["keep_in_touch"], c["next_touch"]) for c in listed] == [
        (True, "2026-12-27"),  # a peer: 30 days from 11-27
        (True, "2026-11-27"),  # her schedule starts today, not 30 days after connecting
    ]


def test_contacts_added_by_hand_keep_their_schedule(jh) -> None:
    jh("contact", "add", "Rita", "--kind", "recruiter", "--added", "2026-11-01")
    assert jh.json("contact", "show", "1")["contact"]["keep_in_touch"] is True


def big_export(tmp_path: Path, count: int) -> Path:
    rows = [
        f"First{i},Last{i},https://www.linkedin.com/in/p{i},,Company {i % 300},Analyst,"
        f"{(i % 28) + 1:02d} Mar 2019"
        for i in range(count)
    ]
    path = tmp_path / "Connections.csv"
    path.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        + "\n".join(rows)
        + "\n",
        encoding="utf-8",
    )
    return path


def test_import_cadence_spreads_first_due_days_over_one_period(jh, tmp_path) -> None:
    count, period = 5000, 30  # every row is a peer (an analyst): 30 days
    jh("import", "linkedin", str(big_export(tmp_path, count)), "--cadence")
    listed = jh.json("contact", "list")["contacts"]
    assert len(listed) == count
    assert all(c["keep_in_touch"] for c in listed)
    per_day: dict[str, int] = {}
    for c in listed:
        per_day[c["next_touch"]] = per_day.get(c["next_touch"], 0) + 1
    assert min(per_day) == "2026-11-28"  # from the day after the import
    assert max(per_day) == "2026-12-27"  # over one period
    assert len(per_day) == period
    assert max(per_day.values()) <= math.ceil(count / period) + 1
    # Nothing due the day of the import; the day after, one day's share, most listed
    # and the rest in a small "more" line.
    assert of(agenda(jh, "2026-11-27"), "touch") == []
    actions = agenda(jh, "2026-11-28")
    [more] = of(actions, "touch_more")
    rest = int(more["message"].split()[0])
    assert len(of(actions, "touch")) == 5
    assert 5 + rest == per_day["2026-11-28"] <= math.ceil(count / period) + 1


def test_import_cadence_on_a_dry_run_and_its_help(jh, tmp_path) -> None:
    path = tmp_path / "Connections.csv"
    path.write_text(LINKEDIN, encoding="utf-8")
    assert "--cadence" in jh("import", "linkedin", "--help").stdout
    jh("import", "linkedin", str(path), "--cadence", "--dry-run")
    assert jh.json("contact", "list")["contacts"] == []
    bad = jh("import", "linkedin", str(path), "--cadence=maybe", ok=False)
    assert bad.exit_code == 2


def test_skip_list_plain_all_and_the_group_alone(jh) -> None:
    jh("contact", "add", "Rita", "--kind", "recruiter", "--added", "2026-11-01")
    jh("skip", "company", "Acme", "--until", "2026-12-01")
    data = jh.json("contact", "snooze", "1", "--until", "2026-11-30")
    assert data["answer"] == {"id": 2, "contact_id": 1, "on": "2026-11-27", "until": "2026-11-30"}
    lines = jh("skip", "list").stdout.splitlines()
    assert lines == [
        "1\tskip company Acme\t2026-11-27\t2026-12-01",
        "2\tsnooze Rita (contact 1)\t2026-11-27\t2026-11-30",
    ]
    assert jh("skip").stdout == jh("skip", "list").stdout
    # On 11-30 Rita's snooze is over: only --all lists it.
    later = {"JOBHUNT_TODAY": "2026-11-30"}
    assert [a["id"] for a in json_of(jh("skip", "list", "--json", env=later))["answers"]] == [1]
    every = json_of(jh("skip", "list", "--all", "--json", env=later))["answers"]
    assert [a["id"] for a in every] == [1, 2]


def json_of(result) -> dict:
    import json

    return json.loads(result.stdout)


def test_every_on_an_imported_contact_starts_the_schedule_today(jh, tmp_path) -> None:
    """`contact edit ID --every 30d` on a connection imported without a schedule starts
    it now: Ana (connected 2025-02-03) is due from today, never "632 days overdue"."""
    path = tmp_path / "Connections.csv"
    path.write_text(LINKEDIN, encoding="utf-8")
    jh("import", "linkedin", str(path))
    result = jh("contact", "edit", "2", "--every", "30d")
    assert "Next touch due 2026-11-27." in result.stdout
    (touch,) = of(agenda(jh, "2026-11-27"), "touch")
    assert (touch["contact_id"], touch["due"], touch["overdue_days"]) == (2, "2026-11-27", 0)
    assert "2025-03-05" not in touch["why"]
    assert jh.json("contact", "show", "2")["next_touch"] == "2026-11-27"
    # Once touched, the cadence counts from the touch as always.
    jh("contact", "touch", "2", "--via", "email")
    assert jh.json("contact", "show", "2")["next_touch"] == "2026-12-27"


def test_snoozing_a_contact_without_a_schedule_is_refused(jh, tmp_path) -> None:
    """An imported connection is never suggested: "back on the agenda that day" would
    be untrue, so the snooze is refused and nothing is written."""
    path = tmp_path / "Connections.csv"
    path.write_text(LINKEDIN, encoding="utf-8")
    jh("import", "linkedin", str(path))
    error = unchanged(jh, None, "contact", "snooze", "1", "--until", "2026-12-20")
    assert "no stay-in-touch schedule" in error
    assert error.count("\n") == 1
