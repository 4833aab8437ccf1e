"""Files as other tools and people write them (tests/data/wild/: synthetic people, real
headers and quirks): what each imports, merges and refuses, and that importing it
again changes nothing.

* google-sheets-template.csv: a title and a blank line before an ALL-CAPS header, US
  dates, CRLF, a multi-line cell, a blank row, a row typed twice;
* linkedin-job-applications.csv: LinkedIn's "Job Applications.csv": a BOM, US dates
  with a time and a two-digit year (`5/9/23, 8:40 PM`), questions in multi-line cells;
* uk-tracker-cp1252.csv: Excel's semicolon CSV in Windows-1252, day-first date-times,
  curly and straight apostrophes in one employer's name;
* snake-case-export.csv: a script's export: ISO date-times, `null`/`None`/`N/A`/`-`
  cells, response and interview dates;
* stage-history.csv: Stage History lists (JSON and a Python literal), and one company
  and title applied to twice through two postings.

Today is Friday 2026-11-27 (conftest).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import storeview

WILD = Path(__file__).parent / "data" / "wild"


def load(jh, name: str, *args: str) -> dict:
    return jh.json("import", "csv", str(WILD / name), *args)["import"]


def counts(data: dict) -> tuple[int, int, int, int, int]:
    merged = [m["line"] for m in data["merged"]]
    rejected = [r["line"] for r in data["rejected"]]
    return data["added"], data["updated"], data["unchanged"], merged, rejected


def apps(jh) -> list[tuple]:
    return [
        (a["company"], a["role"], a["status"], a["applied_on"], a["url"])
        for a in jh.json("list", "--all")["applications"]
    ]


def history(jh, app_id: int) -> list[tuple]:
    events = jh.json("show", str(app_id))["application"]["events"]
    return [(e["kind"], e["on"] if e["dated"] else None, e["status"]) for e in events]


@pytest.fixture
def again(jh, db_path):
    """Import the file once more: every row unchanged or merged, the store untouched."""

    def check(name: str, *args: str) -> None:
        before = storeview.dump(db_path)
        data = load(jh, name, *args)
        assert (data["added"], data["updated"]) == (0, 0)
        assert storeview.dump(db_path) == before

    return check


def test_google_sheets_template(jh, again) -> None:
    data = load(jh, "google-sheets-template.csv")
    assert counts(data) == (5, 0, 0, [11], [])
    assert data["skipped"] == [{"line": 8, "reason": "blank"}]
    assert data["warnings"] == ["ignored columns: CONTACT (read one with --map 'HEADER=field')"]
    assert apps(jh) == [
        ("Northwind Traders", "Data Analyst", "interviewing", "2026-09-28",
         "https://jobs.example.com/northwind/4411"),
        ("Contoso", "Reporting Analyst", "rejected", "2026-10-02",
         "https://careers.example.org/contoso?id=98"),
        ("Fabrikam", "BI Developer", "interviewing", "2026-10-05", None),
        ("Tailspin Toys", "Data Engineer", "interviewing", "2026-10-13",
         "https://jobs.example.com/tailspin/77"),
        ("Wingtip", "Analyst", "applied", "2026-11-02", None),
    ]  # fmt: skip
    contoso = jh.json("show", "2")["application"]
    assert contoso["note"] == "Nice team.\nRejected after the take-home."
    assert jh.json("show", "1")["application"]["note"] == "Second copy of the row"
    assert history(jh, 2) == [("applied", "2026-10-02", None), ("status", None, "rejected")]
    again("google-sheets-template.csv")


def test_linkedin_job_applications(jh, again) -> None:
    data = load(jh, "linkedin-job-applications.csv")
    assert counts(data) == (0, 0, 0, [], [2, 3, 4])
    assert data["rejected"][0]["reason"] == (
        "date applied: invalid date '5/9/23, 8:40 PM': write the year with four digits, "
        "or import with --dates dmy, mdy or ymd"
    )
    data = load(jh, "linkedin-job-applications.csv", "--dates", "mdy")
    assert counts(data) == (3, 0, 0, [], [])
    assert apps(jh) == [
        ("Litware", "Data Analyst", "applied", "2023-05-09",
         "https://www.linkedin.com/jobs/view/3600000001"),
        ("Proseware", "Analytics Engineer", "applied", "2023-05-16",
         "https://www.linkedin.com/jobs/view/3600000002"),
        ("Adventure Works", "BI Analyst", "applied", "2022-12-16",
         "https://www.linkedin.com/jobs/view/3500000003"),
    ]  # fmt: skip
    again("linkedin-job-applications.csv", "--dates", "mdy")


def test_uk_tracker_in_windows_1252(jh, again) -> None:
    data = load(jh, "uk-tracker-cp1252.csv")
    assert counts(data) == (3, 0, 0, [4], [])
    assert data["warnings"][0].endswith("is not UTF-8; it was read as Windows-1252 (Western)")
    assert apps(jh) == [
        ("Alzheimer’s Society", "Data Officer", "applied", "2026-04-03", None),
        ("Margie’s Travel", "Analyst", "interviewing", "2026-03-28", None),
        ("Coho Winery", "Reporting Analyst", "rejected", "2026-04-15", None),
    ]
    first = jh.json("show", "1")["application"]
    assert (first["salary"], first["location"]) == ("£30,000", "London")
    assert first["note"] == "Typed again, straight apostrophe"
    again("uk-tracker-cp1252.csv")


def test_snake_case_export(jh, again) -> None:
    data = load(jh, "snake-case-export.csv")
    assert counts(data) == (3, 0, 0, [], [4])
    assert data["rejected"][0]["reason"] == "no title"  # `null` is no title
    assert apps(jh) == [
        ("Woodgrove Bank", "Risk Analyst", "rejected", "2026-10-01",
         "https://woodgrove.example/jobs/12"),
        ("Relecloud", "Data Engineer", "interviewing", "2026-10-03", None),
        ("Trey Research", "Analyst", "applied", "2026-10-05", "https://trey.example/a/1"),
    ]  # fmt: skip
    assert history(jh, 1) == [("applied", "2026-10-01", None), ("status", "2026-10-09", "rejected")]
    assert history(jh, 2) == [
        ("applied", "2026-10-03", None),
        ("status", "2026-10-06", "interviewing"),
        ("interview", "2026-10-14", None),
    ]
    listed = {a["company"]: a for a in jh.json("list", "--all")["applications"]}
    assert listed["Woodgrove Bank"]["location"] is None  # None
    assert listed["Woodgrove Bank"]["note"] is None  # N/A
    assert listed["Trey Research"]["location"] is None  # -
    response = jh.json("stats")["response"]
    assert (response["median_days_to_first_response"], response["measured"]) == (5.5, 2)
    again("snake-case-export.csv")


def test_stage_history_and_two_postings(jh, again) -> None:
    data = load(jh, "stage-history.csv")
    assert counts(data) == (3, 0, 0, [], [5])
    assert data["rejected"][0]["reason"] == "stage history is neither JSON nor a Python list"
    assert apps(jh) == [
        ("Graphic Design Institute", "Designer", "offer", "2026-09-01", "https://gdi.example/jobs/1"),
        ("Graphic Design Institute", "Designer", "rejected", "2026-09-03",
         "https://gdi.example/jobs/2"),
        ("School of Fine Art", "Illustrator", "interviewing", "2026-09-05", None),
    ]  # fmt: skip
    assert history(jh, 1) == [
        ("applied", "2026-09-01", None),
        ("status", "2026-09-08", "interviewing"),
        ("status", "2026-09-30", "offer"),
    ]
    assert history(jh, 2) == [("applied", "2026-09-03", None), ("status", "2026-09-20", "rejected")]
    again("stage-history.csv")
