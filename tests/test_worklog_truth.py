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

from jobhunt.io import worklog
from jobhunt.records import Application, Event

COLUMNS = ["Date", "Activity", "Employer", "Position", "URL", "Location", "Contact", "Method",
           "Result"]  # fmt: skip


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
        ["2026-11-25", "interview", "Initech", "QA", "", "", "Dana Reyes", "not recorded",
         "interviewing"],
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
