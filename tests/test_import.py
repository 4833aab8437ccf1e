"""`jobhunt import linkedin|csv|json`: what lands in the store, exact summaries, bad
files refused in one line, re-imports that change nothing, --dry-run and --strict.

Today is Friday 2026-11-27 (conftest). Output is plain (no TTY under the runner).
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jobhunt import store
from jobhunt.dates import parse_day
from jobhunt.errors import InputError
from jobhunt.io import appcsv, appmatch, csvio, linkedin, vocab
from jobhunt.io.report import ADDED, MERGED, REJECTED, UNCHANGED, UPDATED
from tests import storeview
from tests.conftest import TODAY

ROOT = Path(__file__).parent.parent
EXAMPLES = ROOT / "examples"
DATA = Path(__file__).parent / "data"
CONNECTIONS = EXAMPLES / "linkedin-connections.csv"
APPLICATIONS = EXAMPLES / "applications.csv"
NO_NAME = "no name (LinkedIn leaves it out for some connections)"


def dump(db: Path) -> list[str]:
    """Everything in the store (empty when there is no store)."""
    return storeview.dump(db)


def opened(db: Path) -> sqlite3.Connection:
    """The test's store, opened by jobhunt (either backend)."""
    from jobhunt import backend

    return store.open_target(backend.resolve())


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8", newline="")
    else:
        path.write_bytes(content)
    return path


def parse_date(text: str, order: str | None = None, short_years: bool = False) -> date:
    return parse_day(text, today=TODAY, order=order, two_digit_years=short_years)


# --------------------------------------------------------------------------- LinkedIn


def contact_rows(db: Path) -> list[tuple]:
    conn = opened(db)
    try:
        return [
            (c.name, c.company, c.title, c.kind, c.url, c.met, c.added_on.isoformat(), c.email)
            for c in store.list_contacts(conn)
        ]
    finally:
        conn.close()


EXPECTED_CONTACTS = [
    (
        "Dana Reyes",
        "Initech",
        "Senior Talent Acquisition Partner",
        "recruiter",
        "https://www.linkedin.com/in/dana-reyes-example",
        "LinkedIn",
        "2024-01-15",
        None,
    ),
    (
        "Sam Okafor",
        "Acme Corp",
        "Data Engineer",
        "peer",
        "https://www.linkedin.com/in/sam-okafor-example",
        "LinkedIn",
        "2025-02-03",
        "sam.okafor@example.com",
    ),
    (
        "Zoë Łukasiewicz",
        "Globex, Inc.",
        "Analytics Manager",
        "peer",
        "https://www.linkedin.com/in/zoe-lukasiewicz-example",
        "LinkedIn",
        "2023-06-28",
        None,
    ),
    (
        "Priya Natarajan",
        "Hooli",
        "Technical Recruiter",
        "recruiter",
        "https://www.linkedin.com/in/priya-natarajan-example",
        "LinkedIn",
        "2026-11-11",
        None,
    ),
    (
        "Tom Becker",
        "Umbrella",
        "Reporting Analyst",
        "peer",
        "https://www.linkedin.com/in/tom-becker-example",
        "LinkedIn",
        "2022-09-02",
        None,
    ),
    (
        "Ana García López",
        "Initech",
        "BI Developer",
        "peer",
        "https://www.linkedin.com/in/ana-garcia-lopez-example",
        "LinkedIn",
        "2026-10-07",
        None,
    ),
    (
        "Lee Chen",
        None,
        "Student",
        "peer",
        "https://www.linkedin.com/in/lee-chen-example",
        "LinkedIn",
        "2024-04-30",
        None,
    ),
]


def test_linkedin_export_becomes_contacts_with_a_first_interaction(jh, db_path) -> None:
    result = jh("import", "linkedin", str(CONNECTIONS))
    assert result.stdout == (
        f"Imported {CONNECTIONS}: 7 added, 0 updated, 0 unchanged, 1 rejected (8 rows read).\n"
        f"  rejected line 10: {NO_NAME}\n"
    )
    assert result.stderr == ""
    assert contact_rows(db_path) == EXPECTED_CONTACTS
    conn = opened(db_path)
    try:
        touches = conn.execute(
            "SELECT contact_id, via, on_day, note FROM interaction ORDER BY id"
        ).fetchall()
    finally:
        conn.close()
    assert touches == [
        (1, "linkedin", "2024-01-15", "connected on LinkedIn"),
        (2, "linkedin", "2025-02-03", "connected on LinkedIn"),
        (3, "linkedin", "2023-06-28", "connected on LinkedIn"),
        (4, "linkedin", "2026-11-11", "connected on LinkedIn"),
        (5, "linkedin", "2022-09-02", "connected on LinkedIn"),
        (6, "linkedin", "2026-10-07", "connected on LinkedIn"),
        (7, "linkedin", "2024-04-30", "connected on LinkedIn"),
    ]


def test_linkedin_reimport_changes_nothing(jh, db_path) -> None:
    jh("import", "linkedin", str(CONNECTIONS))
    before = dump(db_path)
    backups = sorted((db_path.parent / "backups").glob("*"))
    data = jh.json("import", "linkedin", str(CONNECTIONS))["import"]
    assert (data["added"], data["updated"], data["unchanged"], data["rows"]) == (0, 0, 7, 8)
    assert data["rejected"] == [{"line": 10, "reason": NO_NAME}]
    assert data["changes"] == []
    assert data["backup"] is None
    assert dump(db_path) == before
    assert sorted((db_path.parent / "backups").glob("*")) == backups


def test_linkedin_bom_crlf_semicolons_read_the_same(jh, db_path) -> None:
    variant = DATA / "io_linkedin_bom_crlf_semicolon.csv"
    assert variant.read_bytes().startswith(b"\xef\xbb\xbfNotes:\r\n")
    jh("import", "linkedin", str(variant))
    assert contact_rows(db_path) == EXPECTED_CONTACTS
    again = jh.json("import", "linkedin", str(CONNECTIONS))["import"]
    assert (again["added"], again["updated"], again["unchanged"]) == (0, 0, 7)


def test_linkedin_utf16_and_tabs_are_read(jh, db_path, tmp_path) -> None:
    text = CONNECTIONS.read_text(encoding="utf-8").replace(",", "\t")
    text = text.replace('"Globex\t Inc."', '"Globex, Inc."')
    path = write(tmp_path, "Connections.csv", text.encode("utf-16"))
    jh("import", "linkedin", str(path))
    assert contact_rows(db_path) == EXPECTED_CONTACTS


def test_linkedin_updates_a_contact_matched_by_name_and_company(jh, db_path) -> None:
    jh("contact", "add", "sam  OKAFOR", "--company", "acme corp", "--kind", "hiring-manager")
    jh(
        "contact",
        "add",
        "D. Reyes",
        "--company",
        "Initech",
        "--url",
        "http://linkedin.com/in/Dana-Reyes-Example/",
    )
    data = jh.json("import", "linkedin", str(CONNECTIONS))["import"]
    assert (data["added"], data["updated"], data["unchanged"]) == (5, 2, 0)
    changes = {c["id"]: c["fields"] for c in data["changes"] if c["action"] == "updated"}
    assert changes == {
        1: ["title", "email", "url", "added_on", "interaction"],
        2: ["title", "added_on", "interaction"],
    }
    rows = contact_rows(db_path)
    # Kind, name and company spelling stay as you wrote them; LinkedIn fills the rest.
    assert rows[0] == (
        "sam  OKAFOR",
        "acme corp",
        "Data Engineer",
        "hiring-manager",
        "https://www.linkedin.com/in/sam-okafor-example",
        None,
        "2025-02-03",
        "sam.okafor@example.com",
    )
    assert rows[1][:4] == ("D. Reyes", "Initech", "Senior Talent Acquisition Partner", "other")
    assert rows[1][4] == "http://linkedin.com/in/Dana-Reyes-Example/"
    again = jh.json("import", "linkedin", str(CONNECTIONS))["import"]
    assert (again["added"], again["updated"], again["unchanged"]) == (0, 0, 7)


def test_linkedin_person_who_moved_company_is_updated_by_url(jh, db_path, tmp_path) -> None:
    jh("import", "linkedin", str(CONNECTIONS))
    moved = CONNECTIONS.read_text(encoding="utf-8").replace(
        "Tom,Becker,https://www.linkedin.com/in/tom-becker-example,,Umbrella,Reporting Analyst",
        "Tom,Becker,https://www.linkedin.com/in/tom-becker-example,,Vandelay,Lead Analyst",
    )
    data = jh.json("import", "linkedin", str(write(tmp_path, "c.csv", moved)))["import"]
    assert [(c["id"], c["fields"]) for c in data["changes"]] == [(5, ["company", "title"])]
    assert contact_rows(db_path)[4][:3] == ("Tom Becker", "Vandelay", "Lead Analyst")


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("Al,Bo,,,X,Y,31 Feb 2024", "connected on: invalid date '31 Feb 2024': not a date I know"),
        ("Al,Bo,,,X,Y,soon", "connected on: invalid date 'soon': not a date I know"),
        ("Al,Bo,,,X,Y,01 Jan 2027", "connected on 2027-01-01 is in the future"),
        (",,,,X,Y,01 Jan 2020", NO_NAME),
    ],
    ids=["impossible-day", "not-a-date", "future", "no-name"],
)
def test_linkedin_bad_rows_are_rejected_with_their_line(jh, tmp_path, row, reason) -> None:
    text = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\nA,B,,,,,\n" + row
    data = jh.json("import", "linkedin", str(write(tmp_path, "c.csv", text)))["import"]
    assert data["added"] == 1
    assert data["rejected"] == [{"line": 3, "reason": reason}]


def test_linkedin_without_a_date_column_adds_today_with_no_interaction(jh, db_path, tmp_path):
    path = write(tmp_path, "c.csv", "First Name,Last Name,Company\nAl,Bo,X\n")
    result = jh("import", "linkedin", str(path))
    assert result.stderr == (
        "Warning: no Connected On column: contacts are added today, with no interaction\n"
    )
    assert contact_rows(db_path) == [
        ("Al Bo", "X", None, "peer", None, "LinkedIn", "2026-11-27", None)
    ]
    assert not any(line.startswith('INSERT INTO "interaction"') for line in dump(db_path))


def test_linkedin_kind_from_position() -> None:
    table = {
        "Technical Recruiter": "recruiter",
        "Talent Acquisition Lead": "recruiter",
        "RECRUITING coordinator": "recruiter",
        "Data Engineer": "peer",
        None: "peer",
    }
    assert {k: linkedin.kind_for(k) for k in table} == table


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("https://www.linkedin.com/in/jane", "http://linkedin.com/in/jane/"),
        ("https://uk.linkedin.com/in/jane", "https://www.linkedin.com/in/JANE?trk=x"),
        ("linkedin.com/in/jane#about", "https://linkedin.com/in/jane"),
    ],
    ids=["scheme-www-slash", "country-case-query", "no-scheme-fragment"],
)
def test_profile_urls_match_loosely(a: str, b: str) -> None:
    assert linkedin.url_key(a) == linkedin.url_key(b) == "linkedin.com/in/jane"


# --------------------------------------------------------------------------- CSV applications


def app_rows(db: Path) -> list[tuple]:
    conn = opened(db)
    try:
        return [
            (
                a.company,
                a.role,
                a.status,
                a.applied_on.isoformat() if a.applied_on else None,
                a.job_type,
                a.source,
                a.url,
                a.location,
                a.salary,
                a.note,
                a.skills,
            )
            for a in store.list_applications(conn, include_closed=True)
        ]
    finally:
        conn.close()


EXPECTED_APPS = [
    (
        "Acme Corp",
        "Data Analyst",
        "applied",
        "2026-11-16",
        "full-time",
        "job board",
        "https://jobs.example.com/acme/123",
        "Remote",
        None,
        "Applied through the careers site",
        ("SQL", "Excel"),
    ),
    (
        "Initech",
        "BI Developer",
        "interviewing",
        "2026-11-10",
        "full-time",
        "referral",
        None,
        "Austin TX",
        "$85,000",
        "Referred by Dana; phone screen done",
        ("SQL", "Python"),
    ),
    ("Globex", "Analytics Engineer", "ghosted", "2026-10-20", None, "job board", None, None, None, None, ("dbt",)),
    ("Umbrella", "Reporting Analyst", "saved", None, None, "company site", "https://jobs.example.com/umbrella/7", None, None, None, ()),
    ("Hooli", "Data Engineer", "applied", "2026-11-25", "contract", "recruiter", None, None, None, "Contract role, 6 months", ("Python", "Spark")),
    ("Vandelay Industries", "Import Analyst", "rejected", "2026-09-14", None, "job board", None, None, None, None, ()),
    ("Soylent", "Data Scientist", "offer", "2026-10-01", "full-time", "referral", None, None, "120k", None, ("Python", "SQL")),
]  # fmt: skip


def test_csv_example_imports_every_application(jh, db_path) -> None:
    result = jh("import", "csv", str(APPLICATIONS))
    assert result.stdout == (
        f"Imported {APPLICATIONS}: 7 added, 0 updated, 0 unchanged, 0 rejected (7 rows read).\n"
    )
    assert app_rows(db_path) == EXPECTED_APPS
    conn = opened(db_path)
    try:
        history = {
            a.company: [(e.kind, e.on.isoformat(), e.status) for e in a.events]
            for a in store.list_applications(conn, include_closed=True)
        }
    finally:
        conn.close()
    assert history["Acme Corp"] == [("applied", "2026-11-16", None)]
    assert history["Initech"] == [
        ("applied", "2026-11-10", None),
        ("status", "2026-11-27", "interviewing"),
    ]
    assert history["Umbrella"] == [("saved", "2026-11-27", None)]


def test_csv_reimport_changes_nothing(jh, db_path) -> None:
    jh("import", "csv", str(APPLICATIONS))
    jh("interview", "1", "--on", "2026-11-20")  # your own changes since the first import
    before = dump(db_path)
    result = jh("import", "csv", str(APPLICATIONS))
    assert result.stdout == (
        f"Imported {APPLICATIONS}: 0 added, 0 updated, 7 unchanged, 0 rejected (7 rows read).\n"
    )
    assert dump(db_path) == before


def test_csv_reimport_with_changes_updates_and_records_history(jh, db_path, tmp_path) -> None:
    jh("import", "csv", str(APPLICATIONS))
    text = (
        "Company,Title,Date Applied,Status,Notes,Skills\n"
        "acme corp,DATA ANALYST,2026-11-16,Rejected,,\n"  # case differs: same application
        "Initech,BI Developer,2026-11-10,,new note,sql; python\n"  # skills same ignoring case
        "Umbrella,Reporting Analyst,2026-11-26,,,\n"  # the saved job: applied since
        "Acme Corp,Data Analyst,2026-11-17,applied,,\n"  # another date: another application
    )
    data = jh.json("import", "csv", str(write(tmp_path, "u.csv", text)))["import"]
    assert (data["added"], data["updated"], data["unchanged"]) == (1, 3, 0)
    assert [(c["line"], c["action"], c["id"], c["fields"]) for c in data["changes"]] == [
        (2, "updated", 1, ["status"]),
        (3, "updated", 2, ["note"]),
        (4, "updated", 4, ["applied_on", "status"]),
        (5, "added", 8, []),
    ]
    rows = app_rows(db_path)
    assert rows[0][:4] == ("Acme Corp", "Data Analyst", "rejected", "2026-11-16")
    assert rows[1][9] == "new note"
    assert rows[1][10] == ("SQL", "Python")
    assert rows[3][:4] == ("Umbrella", "Reporting Analyst", "applied", "2026-11-26")
    assert rows[7][:4] == ("Acme Corp", "Data Analyst", "applied", "2026-11-17")
    conn = opened(db_path)
    try:
        umbrella = store.get_application(conn, 4)
    finally:
        conn.close()
    assert [(e.kind, e.on.isoformat(), e.status, e.note) for e in umbrella.events] == [
        ("status", "2026-11-26", "applied", "imported"),  # on the day the file says
        ("saved", "2026-11-27", None, None),
        ("edit", "2026-11-27", None, "changed applied_on (import)"),
    ]


def test_csv_from_another_tracker_tab_separated(jh, db_path) -> None:
    result = jh("import", "csv", str(DATA / "io_tracker.tsv"))
    assert result.stdout.endswith("3 added, 0 updated, 0 unchanged, 0 rejected (3 rows read).\n")
    assert [(r[0], r[2], r[4], r[9]) for r in app_rows(db_path)] == [
        ("Acme Corp", "applied", "full-time", None),
        ("Initech", "interviewing", None, "two rounds\nso far"),
        ("Globex", "ghosted", "full-time", None),
    ]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Company,Title", {"company": 0, "role": 1}),
        ("EMPLOYER,job title,date applied", {"company": 0, "role": 1, "applied_on": 2}),
        ("Organization;Position;Applied On;Stage", {"company": 0, "role": 1, "applied_on": 2, "status": 3}),
        ("organisation,role,applied_date,status", {"company": 0, "role": 1, "applied_on": 2, "status": 3}),
        ("Company,Role,Date,Job URL,Note,Job Type", {"company": 0, "role": 1, "applied_on": 2, "url": 3, "note": 4, "job_type": 5}),
        ("company,role,Link,Location,Salary,Notes,Source,Type,Skills", {"company": 0, "role": 1, "url": 2, "location": 3, "salary": 4, "note": 5, "source": 6, "job_type": 7, "skills": 8}),
        ("\ufeffCompany , Title ,Applied", {"company": 0, "role": 1, "applied_on": 2}),
        ("id,company,role,status,applied_on,job_type,source,location,salary,url,skills,note,created_at,updated_at",
         {"id": 0, "company": 1, "role": 2, "status": 3, "applied_on": 4, "job_type": 5, "source": 6, "location": 7, "salary": 8, "url": 9, "skills": 10, "note": 11, "created_at": 12}),
    ],
    ids=["minimal", "upper-lower", "semicolon-synonyms", "underscores", "more-synonyms", "all-fields", "bom-spaces", "jobhunt-export"],
)  # fmt: skip
def test_csv_header_spellings(header: str, expected: dict) -> None:
    delimiter = ";" if ";" in header else ","
    cells = next(csv.reader([header], delimiter=delimiter))
    assert appcsv.header_score(cells) == len(expected)
    assert appcsv.columns(cells, "f.csv")[0] == expected


@pytest.mark.parametrize(
    ("word", "status"),
    [
        ("Applied", "applied"),
        ("interview", "interviewing"),
        ("Phone Screen", "interviewing"),
        ("REJECTED", "rejected"),
        ("declined", "rejected"),
        ("Offer declined", "withdrawn"),
        ("no response", "ghosted"),
        ("No-Response", "ghosted"),
        ("wishlist", "saved"),
        ("Bookmarked", "saved"),
        ("offer received", "offer"),
        ("hired", "accepted"),
        ("withdrew", "withdrawn"),
        ("  Ghosted ", "ghosted"),
        ("maybe", None),
        ("Tech Screen", "interviewing"),
        ("On-site", "interviewing"),
        ("Waitlisted", "interviewing"),
        ("On Hold", "applied"),
        ("Not Interested", "withdrawn"),
        ("Job Closed", "ghosted"),
        ("Suspected Ghost Job", "ghosted"),
        ("", None),
    ],
)
def test_status_synonyms(word: str, status: str | None) -> None:
    assert appcsv.DEFAULT.status_of(word) == status


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        (",Dev,2026-11-01,applied", "no company"),
        ("Acme,,2026-11-01,applied", "no title"),
        ("Acme,Dev,03/04/2026,applied", "date applied: invalid date '03/04/2026': ambiguous day and month; write it as YYYY-MM-DD, or import with --dates dmy or --dates mdy"),
        ("Acme,Dev,2026-12-01,applied", "date applied 2026-12-01 is in the future"),
        ("Acme,Dev,,applied", "status applied needs a date applied"),
        ("Acme,Dev,2026-11-01,applied,gig", "unknown job type 'gig' (use one of: full-time, part-time, contract, temporary)"),
    ],
    ids=["no-company", "no-title", "ambiguous-date", "future", "applied-undated", "job-type"],
)  # fmt: skip
def test_csv_bad_rows_are_rejected_with_their_line(jh, db_path, tmp_path, row, reason) -> None:
    text = f"Company,Title,Date Applied,Status,Type\nOk,Fine,2026-11-02,applied\n{row}\n"
    data = jh.json("import", "csv", str(write(tmp_path, "a.csv", text)))["import"]
    assert data["rejected"] == [{"line": 3, "reason": reason}]
    assert (data["added"], data["rows"]) == (1, 2)
    assert [r[0] for r in app_rows(db_path)] == ["Ok"]


def test_csv_line_numbers_count_lines_inside_quoted_fields(jh, tmp_path) -> None:
    text = (
        "Preamble line that is not a header\n"
        "\n"
        "Company,Title,Date Applied,Notes\r\n"
        'A,Dev,2026-11-01,"one\r\ntwo\r\nthree"\r\n'
        "\r\n"
        "B,,2026-11-01,\r\n"
        'C,Dev,2026-11-01,"x""y"\r\n'
        "D,Dev,someday,\r\n"
    )
    data = jh.json("import", "csv", str(write(tmp_path, "a.csv", text)))["import"]
    assert data["rejected"] == [
        {"line": 8, "reason": "no title"},
        {"line": 10, "reason": "date applied: invalid date 'someday': not a date I know"},
    ]
    assert (data["added"], data["rows"], data["blank"]) == (2, 4, 1)


def test_dry_run_creates_no_store_and_writes_nothing(jh, db_path) -> None:
    result = jh("import", "csv", str(APPLICATIONS), "--dry-run")
    assert result.stdout.startswith(f"Dry run of importing {APPLICATIONS}: nothing was written.\n")
    assert "  line 2: would add application Acme Corp — Data Analyst\n" in result.stdout
    assert result.stdout.endswith(
        "Would import: 7 added, 0 updated, 0 unchanged, 0 rejected (7 rows read).\n"
    )
    assert not db_path.exists()
    jh("add", "Acme Corp", "Data Analyst", "--applied", "2026-11-16")
    before = dump(db_path)
    for kind, path in (("csv", APPLICATIONS), ("linkedin", CONNECTIONS)):
        data = jh.json("import", kind, str(path), "--dry-run")["import"]
        assert data["dry_run"] is True
        assert data["backup"] is None
    assert dump(db_path) == before
    assert not (db_path.parent / "backups").exists()


def test_dry_run_shows_updates(jh, tmp_path) -> None:
    jh("add", "Acme", "Dev", "--applied", "2026-11-16")
    path = write(
        tmp_path, "a.csv", "Company,Title,Date Applied,Status\nAcme,Dev,2026-11-16,offer\n"
    )
    result = jh("import", "csv", str(path), "--dry-run")
    assert "  line 2: would update application Acme — Dev #1 (status)\n" in result.stdout


def test_strict_stops_at_the_first_bad_row_and_writes_nothing(jh, db_path, tmp_path) -> None:
    jh("add", "Existing", "Job")
    before = dump(db_path)
    text = "Company,Title,Date Applied,Status\nA,Dev,2026-11-01,applied\nB,Dev,2026-12-01,applied\nC,,,\n"
    path = write(tmp_path, "a.csv", text)
    result = jh("import", "csv", str(path), "--strict", ok=False)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(
        f"Error: {path}, line 3: date applied 2026-12-01 is in the future"
    )
    assert result.stderr.endswith(
        "(hint: nothing was written; fix that row, or import without --strict to skip bad rows)\n"
    )
    assert dump(db_path) == before
    good = write(tmp_path, "b.csv", "Company,Title,Date Applied\nA,Dev,2026-11-01\n")
    jh("import", "csv", str(good), "--strict")
    assert len(app_rows(db_path)) == 2


def test_linkedin_strict(jh, db_path) -> None:
    result = jh("import", "linkedin", str(CONNECTIONS), "--strict", ok=False)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {CONNECTIONS}, line 10: {NO_NAME} (hint:")
    assert contact_rows(db_path) == []


@pytest.mark.sqlite_only(reason="the backup file beside the store")
def test_a_writing_import_backs_up_the_store_first(jh, db_path) -> None:
    jh("import", "csv", str(APPLICATIONS))  # the store was empty: nothing to back up
    assert not (db_path.parent / "backups").exists()
    result = jh("import", "linkedin", str(CONNECTIONS))
    backups = list((db_path.parent / "backups").glob("*-pre-import.db"))
    assert len(backups) == 1
    assert result.stdout.endswith(f"A backup of the store before the import: {backups[0]}\n")
    assert store.file_mode(backups[0]) == 0o600
    conn = sqlite3.connect(backups[0])
    try:
        assert conn.execute("SELECT count(*) FROM application").fetchone()[0] == 7
        assert conn.execute("SELECT count(*) FROM contact").fetchone()[0] == 0
    finally:
        conn.close()


def test_an_import_is_one_undo_step(jh, db_path) -> None:
    jh("add", "Mine", "Job", "--applied", "2026-11-20")
    before = dump(db_path)
    jh("import", "csv", str(APPLICATIONS))
    result = jh("undo")
    assert result.stdout.startswith(f"Reverted: jobhunt import csv {APPLICATIONS} (from ")
    assert [r[0] for r in app_rows(db_path)] == ["Mine"]
    assert len(dump(db_path)) == len(before)


def test_stdin_is_read_with_a_dash(jh, db_path) -> None:
    result = jh("import", "csv", "-", input="Company,Title,Date\nAcme,Dev,2026-11-01\n")
    assert result.stdout == (
        "Imported standard input: 1 added, 0 updated, 0 unchanged, 0 rejected (1 row read).\n"
    )


def test_windows_1252_files_are_read_with_a_warning(jh, db_path, tmp_path) -> None:
    path = write(tmp_path, "a.csv", b"Company,Title,Date\nCaf\xe9 M\xfcller,Dev,2026-11-01\n")
    result = jh("import", "csv", str(path))
    assert result.stderr == (
        f"Warning: {path} is not UTF-8; it was read as Windows-1252 (Western)\n"
    )
    assert app_rows(db_path)[0][0] == "Café Müller"


def test_unknown_columns_are_named_in_a_warning(jh, tmp_path) -> None:
    path = write(tmp_path, "a.csv", "Company,Title,Recruiter phone,Position\nA,B,1,C\n")
    result = jh("import", "csv", str(path))
    assert result.stderr == (
        "Warning: ignored columns: Recruiter phone, Position (a second Title column) "
        "(read one with --map 'HEADER=field')\n"
    )


def test_a_protective_quote_from_a_spreadsheet_is_removed(jh, db_path, tmp_path) -> None:
    path = write(
        tmp_path, "a.csv", "Company,Title,Date,Salary,Notes\n'=Acme,Dev,2026-11-01,'-5,'ok\n"
    )
    jh("import", "csv", str(path))
    assert app_rows(db_path)[0][0] == "=Acme"
    assert app_rows(db_path)[0][8:10] == ("-5", "'ok")


def test_huge_fields_are_read(jh, db_path, tmp_path) -> None:
    note = "x" * (3 * 1024 * 1024)
    path = write(tmp_path, "a.csv", f'Company,Title,Date,Notes\nA,Dev,2026-11-01,"{note}"\n')
    jh("import", "csv", str(path))
    assert len(app_rows(db_path)[0][9]) == len(note)


def test_a_field_over_the_limit_is_a_clear_error(jh, db_path, tmp_path) -> None:
    big = "x" * (csvio.MAX_FIELD + 1)
    path = write(
        tmp_path,
        "a.csv",
        f'Company,Title,Date,Notes\nA,Dev,2026-11-01,\nB,Dev,2026-11-01,"{big}"\n',
    )
    result = jh("import", "csv", str(path), ok=False)
    assert result.exit_code == 2
    assert result.stderr == f"Error: {path}, line 3: a field is longer than the 10 MB limit\n"
    assert app_rows(db_path) == []


BAD_FILES = {
    "binary": (bytes(range(256)) * 8, "is not a text file (it contains binary data)"),
    "png": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64), "is not a text file (it contains binary data)"),
    "controls": (bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15]) * 20, "is not a text file (it contains binary data)"),
    "not-utf8": (b"Company,Title\n\x81\x8d\x8f\x90\n", "is not a text file (not UTF-8) (hint: save it as 'CSV UTF-8' from your spreadsheet)"),
    "empty": (b"", "is empty"),
    "blank": (b"\r\n \n\t\n", "is empty"),
    "no-header": (b"foo,bar\n1,2\n", "has no recognisable header row (looked for columns such as Company, Title, Date Applied, Status) (hint: see the accepted columns in docs/import-export.md)"),
    "wrong-columns": (b"Company,Date,Notes\nAcme,2026-01-01,x\n", "has no Title column (any of: Title, Position, Role, Job Title, Job Position, Position Title); its columns are: Company, Date, Notes (hint: name it with --map 'HEADER=title', or see docs/import-export.md)"),
}  # fmt: skip


@pytest.mark.parametrize(("content", "message"), BAD_FILES.values(), ids=BAD_FILES.keys())
def test_bad_files_are_one_clear_line(jh, db_path, tmp_path, content, message) -> None:
    path = write(tmp_path, "bad.csv", content)
    result = jh("import", "csv", str(path), ok=False)
    assert result.exit_code == 2
    assert result.stderr == f"Error: {path} {message}\n"
    assert result.stdout == ""
    assert app_rows(db_path) == []


def test_linkedin_file_given_to_import_csv_points_the_way(jh) -> None:
    result = jh("import", "csv", str(CONNECTIONS), ok=False)
    assert result.stderr == (
        f"Error: {CONNECTIONS} looks like a LinkedIn connections export, not a list of "
        f"applications (hint: import it with: jobhunt import linkedin {CONNECTIONS})\n"
    )


@pytest.mark.parametrize(
    ("kind", "args", "message"),
    [
        ("linkedin", [str(APPLICATIONS)], f"Error: {APPLICATIONS} has no recognisable header row (looked for First Name,Last Name,URL,Email Address,Company,Position,Connected On) (hint: see the accepted columns in docs/import-export.md)\n"),
        ("csv", ["missing.csv"], "Error: no such file: missing.csv\n"),
        ("linkedin", ["."], "Error: . is a folder, not a file\n"),
        ("json", ["missing.json"], "Error: no such file: missing.json\n"),
    ],
    ids=["linkedin-wrong-file", "missing", "folder", "json-missing"],
)  # fmt: skip
def test_unreadable_inputs(jh, kind, args, message) -> None:
    result = jh("import", kind, *args, ok=False)
    assert (result.exit_code, result.stderr, result.stdout) == (2, message, "")


# Rows for the property test: cells with embedded newlines, quotes, delimiters, BOMs.
_CELL_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
        st.sampled_from(['"', "'", ",", ";", "\t", "\n", "\r", " ", "=", "\ufeff"]),
    ),
    max_size=12,
)
_ROW = st.tuples(
    st.one_of(_CELL_TEXT, st.just("Acme")),
    st.one_of(_CELL_TEXT, st.just("Dev")),
    st.one_of(
        st.sampled_from(["2026-11-01", "15 Jan 2024", "", "bogus", "2030-01-01", "03/04/2026"]),
        _CELL_TEXT,
    ),
    st.one_of(st.sampled_from([*vocab.STATUS_SYNONYMS, "", "maybe"]), _CELL_TEXT),
    _CELL_TEXT,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.lists(_ROW, max_size=25),
    bom=st.booleans(),
    crlf=st.booleans(),
    delimiter=st.sampled_from([",", ";", "\t"]),
)
def test_every_row_read_is_imported_or_rejected(rows, bom, crlf, delimiter) -> None:
    buffer = io.StringIO(newline="")
    end = "\r\n" if crlf else "\n"
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=end)
    # Python 3.11's writer leaves a lone CR unquoted with a LF terminator: quote that row.
    quoted = csv.writer(buffer, delimiter=delimiter, lineterminator=end, quoting=csv.QUOTE_ALL)
    writer.writerow(["Company", "Title", "Date Applied", "Status", "Notes"])
    for row in rows:
        (quoted if any("\r" in c for c in row) else writer).writerow(row)
    data = (("\ufeff" if bom else "") + buffer.getvalue()).encode("utf-8")
    text, _ = csvio.decode(data, "f.csv")
    table = csvio.open_table(text, "f.csv", score=appcsv.header_score, expected="")
    assert table.header.delimiter == delimiter
    try:
        parsed, _ = appcsv.parse(table, today=TODAY, parse_date=parse_date)
    except InputError as exc:  # whole-file problems: unknown stage words, mixed date orders
        refused = exc.message
    else:
        refused = ""
    if refused:
        assert refused.startswith("unknown stage words: ") or "disagree" in refused
        return
    report, writes = appmatch.plan(parsed, [], source="f.csv")
    nonblank = sum(1 for r in rows if any(c.strip() for c in r))
    imported = sum(report.count(a) for a in (ADDED, UPDATED, UNCHANGED, MERGED))
    assert report.rows == nonblank
    assert imported + len(report.rejected) == nonblank
    assert table.blank == len(rows) - nonblank
    assert len(writes.new) == report.count(ADDED)
    lines = [o.line for o in report.outcomes]
    assert lines == sorted(set(lines))
    assert all(isinstance(n, int) and n >= 2 for n in lines)
    assert all(o.reason for o in report.outcomes if o.action == REJECTED)


@settings(max_examples=100, deadline=None)
@given(row=st.lists(_CELL_TEXT, min_size=5, max_size=5))
def test_a_rows_line_is_where_it_starts(row) -> None:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["Company", "Title", "Date Applied", "Status", "Notes"])
    writer.writerow(["A", "B", "2026-11-01", "applied", "x\ny\nz"])
    csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL).writerow(row)
    writer.writerow(["C", "D", "2026-11-01", "applied", ""])
    text, _ = csvio.decode(buffer.getvalue().encode(), "f.csv")
    table = csvio.open_table(text, "f.csv", score=appcsv.header_score, expected="")
    lines = [r.line for r in table.rows()]
    breaks = sum(c.count("\n") + c.replace("\r\n", "").count("\r") for c in row)
    if any(c.strip() for c in row):
        assert lines == [2, 5, 6 + breaks]
    else:
        assert lines == [2, 6 + breaks]


def test_strict_plan_raises_on_the_first_bad_row() -> None:
    rows = [appcsv.BadRow(4, "no title"), appcsv.BadRow(7, "no company")]
    with pytest.raises(InputError) as caught:
        appmatch.plan(rows, [], source="f.csv", strict=True)
    assert caught.value.message == "f.csv, line 4: no title"


# --------------------------------------------------------------------------- JSON


def test_json_into_a_store_with_records_is_refused(jh, db_path, tmp_path) -> None:
    jh("add", "Acme", "Dev")
    export = tmp_path / "e.json"
    jh("export", "json", "-o", str(export))
    before = dump(db_path)
    result = jh("import", "json", str(export), ok=False)
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: the store is not empty (1 application); an export's ids cannot be restored "
        "next to them (hint: import into a new store (--db NEW.db), or add everything as new "
        "records with --merge)\n"
    )
    assert dump(db_path) == before


def test_json_merge_adds_new_records_and_keeps_links(jh, db_path, tmp_path) -> None:
    other = tmp_path / "other.db"
    jh("--db", str(other), "event", "add", "Meetup", "--on", "2026-11-20")
    jh("--db", str(other), "add", "Globex", "Analyst", "--applied", "2026-11-18", "--skill", "SQL")
    jh("--db", str(other), "log", "1", "--via", "email", "--on", "2026-11-25")
    jh("--db", str(other), "contact", "add", "Dana", "--company", "Globex", "--met-at", "1")
    jh("--db", str(other), "contact", "touch", "1", "--via", "coffee", "--on", "2026-11-21")
    jh("--db", str(other), "contact", "link", "1", "1", "--as", "referral")
    jh("--db", str(other), "skills", "add", "SQL", "Go")
    export = tmp_path / "e.json"
    jh("--db", str(other), "export", "json", "-o", str(export))

    jh("add", "Acme", "Dev", "--applied", "2026-11-02")
    jh("contact", "add", "Sam")
    jh("event", "add", "Fair", "--on", "2026-11-10")
    jh("skills", "add", "sql")
    result = jh("import", "json", str(export), "--merge")
    assert result.stdout.startswith(
        f"Imported {export}: 6 added, 0 updated, 1 unchanged, 0 rejected (7 rows read).\n"
        "  added meetups: 1, contacts: 1, interactions: 1, applications: 1, links: 1, skills: 1\n"
    )
    conn = opened(db_path)
    try:
        app = store.get_application(conn, 2)
        dana = store.get_contact(conn, 2)
        assert (app.company, app.skills, [e.kind for e in app.events]) == (
            "Globex",
            ("SQL",),
            ["applied", "follow_up"],
        )
        assert (dana.name, dana.met_at_event_id, dana.last_touch) == ("Dana", 2, date(2026, 11, 21))
        assert store.links_for(conn, application_id=2)[0] == store.links_for(conn, contact_id=2)[0]
        assert store.links_for(conn, application_id=2)[0].role == "referral"
        assert store.list_skills(conn) == ["Go", "sql"]
    finally:
        conn.close()


def _export_with(tmp_path: Path, change) -> Path:  # type: ignore[no-untyped-def]
    document = {
        "version": 1,
        "kind": "jobhunt-export",
        "schema": ["0001_initial"],
        "applications": [
            {
                "id": 5,
                "company": "Acme",
                "role": "Dev",
                "status": "applied",
                "applied_on": "2026-11-02",
                "created_at": "2026-11-02T09:00:00+00:00",
                "updated_at": "2026-11-02T09:00:00+00:00",
                "skills": ["SQL"],
                "events": [
                    {"id": 9, "kind": "applied", "on": "2026-11-02", "created_at": "2026-11-02T09:00:00+00:00"}
                ],
            },
            {
                "id": 6,
                "company": "Beta",
                "role": "QA",
                "status": "applied",
                "applied_on": "2026-11-03",
                "created_at": "2026-11-03T09:00:00+00:00",
                "updated_at": "2026-11-03T09:00:00+00:00",
            },
        ],
        "contacts": [
            {"id": 3, "name": "Dana", "kind": "peer", "added_on": "2026-11-01", "created_at": "2026-11-01T09:00:00+00:00"}
        ],
        "links": [{"contact_id": 3, "application_id": 5, "role": "referral"}],
    }  # fmt: skip
    change(document)
    path = tmp_path / "e.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("change", "rejected"),
    [
        (lambda d: d["applications"][0].update(status="maybe"), [("applications[0]", "status 'maybe' is not one of: saved, applied, interviewing, offer, accepted, rejected, withdrawn, ghosted"), ("links[0]", "application_id 5 names no application in the file")]),
        (lambda d: d["applications"][0]["events"][0].update(on="2026-13-01"), [("applications[0]", "events[0]: on '2026-13-01' is not a YYYY-MM-DD date"), ("links[0]", "application_id 5 names no application in the file")]),
        (lambda d: d["applications"][1].update(id=5), [("applications[1]", "id 5 is used twice")]),
        (lambda d: d["contacts"][0].pop("name"), [("contacts[0]", "name is missing"), ("links[0]", "contact_id 3 names no contact in the file")]),
        (lambda d: d["contacts"][0].update(every_days=0), [("contacts[0]", "every_days must be from 1 to 3650 days (ten years)"), ("links[0]", "contact_id 3 names no contact in the file")]),
        (lambda d: d["applications"][1].update(company="  "), [("applications[1]", "company must not be blank")]),
        (lambda d: d["applications"][1].update(note="a\x00b"), [("applications[1]", "note must not contain NUL characters")]),
        (lambda d: d["applications"][1].update(colour="red"), [("applications[1]", "unknown field 'colour'")]),
        (lambda d: d["applications"][0].update(skills=["SQL", "sql"]), [("applications[0]", "skill 'sql' is listed twice"), ("links[0]", "application_id 5 names no application in the file")]),
        (lambda d: d["links"].append({"contact_id": 3, "application_id": 5, "role": "referral"}), [("links[1]", "this contact and application are linked twice")]),
    ],
    ids=["status", "event-date", "duplicate-id", "no-name", "every-days", "blank", "nul", "unknown-field", "skill-twice", "link-twice"],
)  # fmt: skip
def test_json_bad_records_are_rejected_with_what_depends_on_them(
    jh, db_path, tmp_path, change, rejected
):
    data = jh.json("import", "json", str(_export_with(tmp_path, change)))["import"]
    assert [(r["line"], r["reason"]) for r in data["rejected"]] == rejected
    assert data["added"] + len(data["rejected"]) == data["rows"]


def test_json_good_file_restores_ids(jh, db_path, tmp_path) -> None:
    data = jh.json("import", "json", str(_export_with(tmp_path, lambda d: None)))["import"]
    assert (data["added"], data["rejected"]) == (4, [])
    conn = opened(db_path)
    try:
        assert [a.id for a in store.list_applications(conn)] == [5, 6]
        assert store.get_application(conn, 5).events[0].id == 9
        assert store.links_for(conn, contact_id=3)[0].application_id == 5
    finally:
        conn.close()


BAD_JSON = {
    "not-json": (b"{nope", "is not valid JSON (line 1, column 2: Expecting property name enclosed in double quotes)"),
    "not-ours": (b'{"version": 1}', 'is not a jobhunt JSON export (no "kind": "jobhunt-export") (hint: make one with: jobhunt export json -o FILE)'),
    "a-list": (b"[1, 2]", 'is not a jobhunt JSON export (no "kind": "jobhunt-export") (hint: make one with: jobhunt export json -o FILE)'),
    "newer": (b'{"version": 2, "kind": "jobhunt-export"}', "was written by a newer jobhunt (export format 2; this one reads 1) (hint: upgrade jobhunt: pip install --upgrade jobhunt)"),
    "binary": (bytes(range(128, 256)), "is not a jobhunt JSON export (not UTF-8 text)"),
    "empty": (b"  \n", "is empty"),
    "deep": (b"[" * 100000, "is not a jobhunt JSON export (nested too deeply)"),
    "section-type": (b'{"version": 1, "kind": "jobhunt-export", "applications": {}}', ": 'applications' must be a list"),
}  # fmt: skip


@pytest.mark.parametrize(("content", "message"), BAD_JSON.values(), ids=BAD_JSON.keys())
def test_bad_json_files_are_one_clear_line(jh, tmp_path, content, message) -> None:
    path = write(tmp_path, "bad.json", content)
    result = jh("import", "json", str(path), ok=False)
    assert result.exit_code == 2
    assert result.stderr in (f"Error: {path} {message}\n", f"Error: {path}{message}\n")


@pytest.mark.slow
def test_csv_import_speed(jh, db_path, tmp_path) -> None:
    """10,000 rows at 2,000 rows a second or better (the command, in-process)."""
    import time

    lines = ["Company,Title,Date Applied,Status,Notes,Skills"]
    statuses = ["applied", "Interview", "rejected", "no response", "wishlist"]
    for i in range(10_000):
        day = f"{(i % 28) + 1:02d} Oct 2026" if i % 2 else f"2026-10-{(i % 28) + 1:02d}"
        lines.append(f'Company {i},Role {i % 7},{day},{statuses[i % 5]},note {i},"SQL, Go"')
    path = write(tmp_path, "big.csv", "\n".join(lines) + "\n")
    started = time.perf_counter()
    data = jh.json("import", "csv", str(path))["import"]
    elapsed = time.perf_counter() - started
    assert (data["added"], data["rejected"]) == (10_000, [])
    assert 10_000 / elapsed >= 2_000, f"{10_000 / elapsed:.0f} rows/s"
