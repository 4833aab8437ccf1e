"""An imported row's dated story: Interview, Response, Rejected and Offer Date columns
and Stage History lists become events on their days; a status the file gives no day for
is stored undated ("date unknown"), and statistics leave it out. `null`, `N/A`, `-` and
empty cells are empty.

Today is Friday 2026-11-27 (conftest).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from jobhunt.errors import InputError
from jobhunt.io.apphistory import RowEvent, history_cell, story
from jobhunt.records import Application, Event
from jobhunt.stats import days_to_first_response, responses
from tests import storeview

TODAY = date(2026, 11, 27)


def write(tmp_path: Path, text: str, name: str = "apps.csv") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")
    return str(path)


def history(jh, app_id: int) -> list[tuple]:
    events = jh.json("show", str(app_id))["application"]["events"]
    return [(e["kind"], e["on"], e["status"], e["dated"]) for e in events]


SNAKE = (
    "company_name,job_title,application_date,status,response_date,salary_range\n"
    "Acme,Data Analyst,2026-08-03,rejected,2026-08-07,N/A\n"
    "Globex,BI Developer,2026-08-10,interviewing,2026-08-20,null\n"
    "Initech,null,2026-08-12,applied,,-\n"
)


def test_response_dates_date_the_status_they_brought(jh, tmp_path) -> None:
    data = jh.json("import", "csv", write(tmp_path, SNAKE))["import"]
    assert (data["added"], data["rejected"]) == (2, [{"line": 4, "reason": "no title"}])
    assert history(jh, 1) == [
        ("applied", "2026-08-03", None, True),
        ("status", "2026-08-07", "rejected", True),
    ]
    assert history(jh, 2)[1] == ("status", "2026-08-20", "interviewing", True)
    assert [a["salary"] for a in jh.json("list", "--all")["applications"]] == [None, None]
    response = jh.json("stats")["response"]
    assert (response["median_days_to_first_response"], response["measured"]) == (7.0, 2)


def test_a_status_without_its_day_is_stored_undated(jh, tmp_path, db_path) -> None:
    text = "Company,Title,Date Applied,Status\nAcme,Dev,2026-08-03,Rejected\n"
    path = write(tmp_path, text)
    jh("import", "csv", path)
    assert history(jh, 1) == [
        ("applied", "2026-08-03", None, True),
        ("status", "2026-11-27", "rejected", False),  # the import day, marked undated
    ]
    shown = jh("show", "1").stdout
    assert "date unknown\tstatus\t-> rejected; imported" in shown
    response = jh.json("stats")["response"]
    assert (response["responded"], response["median_days_to_first_response"]) == (1, None)
    before = storeview.dump(db_path)
    jh("import", "csv", path)
    assert storeview.dump(db_path) == before
    # A newer copy of the sheet gives the day: the entry is dated, not doubled.
    dated = (
        "Company,Title,Date Applied,Status,Rejected Date\nAcme,Dev,2026-08-03,Rejected,9/4/2026\n"
    )
    data = jh.json("import", "csv", write(tmp_path, dated, "b.csv"), "--dates", "mdy")["import"]
    assert data["changes"][0]["fields"] == ["history"]
    assert history(jh, 1)[1] == ("status", "2026-09-04", "rejected", True)
    assert jh.json("stats")["response"]["median_days_to_first_response"] == 32.0


@pytest.mark.parametrize("status", ["", "Applied"])
def test_a_saved_job_applied_to_takes_the_rows_date(jh, tmp_path, db_path, status) -> None:
    # The row gives the day: whether its Status cell is empty or says Applied, the
    # saved job became applied on that day, not on a day unknown.
    jh("add", "Acme", "Dev", "--saved")
    path = write(tmp_path, f"Company,Title,Date Applied,Status\nAcme,Dev,2026-11-18,{status}\n")
    data = jh.json("import", "csv", path)["import"]
    assert (data["updated"], data["rejected"]) == (1, [])
    applied = [e for e in history(jh, 1) if e[0] == "status"]
    assert applied == [("status", "2026-11-18", "applied", True)]
    before = storeview.dump(db_path)
    jh("import", "csv", path)
    assert storeview.dump(db_path) == before


def test_dated_columns_and_stage_history_become_events(jh, tmp_path, db_path) -> None:
    text = (
        "Company,Title,Stage History,Interview Date,Offer Date,Status\n"
        'Acme,Dev,"[{""stage"": ""Applied"", ""date"": ""2026-10-01""}, '
        '{""stage"": ""Tech Screen"", ""date"": ""2026-10-08T10:00:00Z""}]",2026-10-15,2026-10-20,\n'
        "Globex,QA,\"[('Applied', '10/2/2026'), ('Recruiter Screen', datetime.date(2026, 10, 9)), "
        "('Rejected', '10/13/2026')]\",,,\n"
        "Initech,Analyst,,2026-12-03,,\n"  # an interview ahead: interviewing since an unknown day
    )
    path = write(tmp_path, text)
    data = jh.json("import", "csv", path)["import"]
    assert (data["added"], data["rejected"]) == (3, [])
    assert history(jh, 1) == [
        ("applied", "2026-10-01", None, True),
        ("status", "2026-10-08", "interviewing", True),
        ("interview", "2026-10-15", None, True),
        ("status", "2026-10-20", "offer", True),
    ]
    assert history(jh, 2) == [
        ("applied", "2026-10-02", None, True),
        ("status", "2026-10-09", "interviewing", True),
        ("status", "2026-10-13", "rejected", True),
    ]
    assert [a["status"] for a in jh.json("list", "--all")["applications"]] == [
        "offer",
        "rejected",
        "interviewing",
    ]
    assert history(jh, 3) == [
        ("saved", "2026-11-27", None, True),
        ("status", "2026-11-27", "interviewing", False),
        ("interview", "2026-12-03", None, True),
    ]
    before = storeview.dump(db_path)
    data = jh.json("import", "csv", path)["import"]
    assert (data["added"], data["updated"], data["unchanged"]) == (0, 0, 3)
    assert storeview.dump(db_path) == before


def test_a_response_date_the_status_cannot_explain_is_named(jh, tmp_path) -> None:
    text = (
        "Company,Title,Date Applied,Status,Response Date\nAcme,Dev,2026-11-02,applied,2026-11-05\n"
    )
    result = jh("import", "csv", write(tmp_path, text))
    assert result.stderr == (
        "Warning: a response date was not stored on lines 2: a response is kept as the "
        "status it brought (interviewing, offer, accepted, rejected), and these rows' status "
        "says none\n"
    )


@pytest.mark.parametrize(
    ("cell", "entries"),
    [
        ('[{"stage": "Applied", "date": "2026-10-01"}]', [("Applied", "2026-10-01")]),
        ('[["Applied", "2026-10-01"], ["Onsite", null]]', [("Applied", "2026-10-01"), ("Onsite", "")]),
        ("[('2026-10-01', 'Applied')]", [("Applied", "2026-10-01")]),
        ("[{'Status': 'Offer', 'changed_at': datetime.datetime(2026, 10, 20, 9, 30)}]", [("Offer", "2026-10-20")]),
        ('{"Applied": "2026-10-01", "Offer": "N/A"}', [("Applied", "2026-10-01"), ("Offer", "")]),
    ],
)  # fmt: skip
def test_stage_history_cells(cell: str, entries: list) -> None:
    assert history_cell(cell) == entries


@pytest.mark.parametrize(
    ("cell", "why"),
    [
        ("__import__('os').system('true')", "stage history is neither JSON nor a Python list"),
        ("Applied on 1 Oct", "stage history is neither JSON nor a Python list"),
        ("42", "stage history is not a list of dated stages"),
        ("[1, 2, 3]", "stage history entry 1 is not a stage and a date"),
        ("[" * 200 + "]" * 200, "stage history entry [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[..."),
        ("x" * 70000, "stage history is longer than 64 KB"),
    ],
)
def test_bad_stage_history_cells(cell: str, why: str) -> None:
    with pytest.raises(InputError) as caught:
        history_cell(cell)
    assert caught.value.message.startswith(why)


def test_a_bad_stage_history_rejects_its_row(jh, tmp_path) -> None:
    text = 'Company,Title,Stage History\nAcme,Dev,"eval(1)"\nGlobex,QA,\n'
    data = jh.json("import", "csv", write(tmp_path, text))["import"]
    assert data["rejected"] == [
        {"line": 2, "reason": "stage history is neither JSON nor a Python list"}
    ]


def test_story_keeps_what_the_row_knows() -> None:
    told = story(
        status="rejected",
        applied_on=date(2026, 9, 1),
        stages=[],
        interview_on=date(2026, 9, 10),
        response_on=None,
        rejected_on=None,
        offer_on=None,
        today=TODAY,
    )
    assert told.events == (
        RowEvent("interview", date(2026, 9, 10)),
        RowEvent("status", date(2026, 9, 10), "interviewing"),
        RowEvent("status", None, "rejected"),
    )


def test_timing_statistics_leave_undated_entries_out() -> None:
    applied = date(2026, 8, 1)
    undated = Event(2, 1, "status", TODAY, status="rejected", dated=False)
    app = Application(1, "Acme", "Dev", "rejected", applied, events=(undated,))
    assert days_to_first_response(app) is None
    dated = Event(3, 1, "status", date(2026, 8, 5), status="rejected")
    other = Application(2, "Globex", "QA", "rejected", applied, events=(dated,))
    found = responses([app, other])
    assert (found.responded, found.median_days, found.measured) == (2, 4.0, 1)
