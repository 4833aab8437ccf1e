"""The words `jobhunt import csv` reads (headers, stage words), the user's own
(`--map`, `--status`, the config file's [import] tables), stage words nobody knows
refused in one error, and the report: ids of what was added or updated, lines of what
was merged, skipped or rejected.

Today is Friday 2026-11-27 (conftest).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jobhunt.io import vocab

# A Google Sheets job-search template, filled in (ALL-CAPS headers, US dates).
TEMPLATE = (
    "Job Search Tracker\n"
    ",,,,,,,\n"
    "COMPANY,JOB POSITION,APP SUBMITTED DATE,JOB DESCRIPTION LINK,SALARY RANGE,PLATFORM,"
    "STATUS,CONTACT\n"
    "Acme,Data Analyst,9/28/2026,https://acme.example/jobs/1,$60k-$70k,LinkedIn,Tech Screen,Ann\n"
    "Globex,Analyst,10/2/2026,https://globex.example/7,,Indeed,Onsite,\n"
    "Initech,BI Developer,10/5/2026,,,Company site,Final Round,\n"
    "Hooli,Data Engineer,10/6/2026,,,Referral,Online Assessment,\n"
    "Umbrella,QA,10/7/2026,,,Indeed,Recruiter Screen,\n"
    "Soylent,Analyst,10/8/2026,,,LinkedIn,Waitlisted,\n"
    "Vandelay,Importer,10/9/2026,,,Indeed,On Hold,\n"
    "Stark,Engineer,10/12/2026,,,LinkedIn,Not Interested,\n"
    "Wayne,Analyst,10/13/2026,,,Indeed,Job Closed,\n"
    "Tyrell,Replicant QA,10/14/2026,,,Indeed,Suspected Ghost Job,\n"
)


def write(tmp_path: Path, text: str, name: str = "apps.csv") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")
    return str(path)


def statuses(jh) -> list[tuple[str, str]]:
    return [(a["company"], a["status"]) for a in jh.json("list", "--all")["applications"]]


def test_a_google_sheets_template_is_read(jh, tmp_path) -> None:
    result = jh("import", "csv", write(tmp_path, TEMPLATE))
    assert result.stdout.startswith(
        f"Imported {tmp_path / 'apps.csv'}: 10 added, 0 updated, 0 unchanged, 0 rejected "
        "(10 rows read)."
    )
    assert (
        result.stderr == "Warning: ignored columns: CONTACT (read one with --map 'HEADER=field')\n"
    )
    assert statuses(jh) == [
        ("Acme", "interviewing"),
        ("Globex", "interviewing"),
        ("Initech", "interviewing"),
        ("Hooli", "interviewing"),
        ("Umbrella", "interviewing"),
        ("Soylent", "interviewing"),
        ("Vandelay", "applied"),
        ("Stark", "withdrawn"),
        ("Wayne", "ghosted"),
        ("Tyrell", "ghosted"),
    ]
    acme = jh.json("show", "1")["application"]
    assert (acme["applied_on"], acme["url"], acme["salary"], acme["source"]) == (
        "2026-09-28",
        "https://acme.example/jobs/1",
        "$60k-$70k",
        "LinkedIn",
    )


def test_unknown_stage_words_are_one_error_that_names_the_option(jh, tmp_path, db_path) -> None:
    text = (
        "Company,Title,Date Applied,Status\n"
        "A,Dev,2026-11-02,Applied\n"
        "B,Dev,2026-11-02,Maybe later\n"
        "C,Dev,2026-11-02,Second look\n"
        "D,Dev,2026-11-02,maybe later\n"
    )
    path = write(tmp_path, text)
    result = jh("import", "csv", path, ok=False)
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: unknown stage words: 'Maybe later' (line 3); 'Second look' (line 4); "
        "'maybe later' (line 5); nothing was imported (hint: map each to a status (saved, "
        "applied, interviewing, offer, accepted, rejected, withdrawn, ghosted) with --status, "
        "e.g. --status 'Maybe later=interviewing')\n"
    )
    assert jh.json("list", "--all")["applications"] == []
    data = jh.json(
        "import", "csv", path, "--status", "maybe later=saved", "--status", "Second Look=applied"
    )["import"]
    assert data["added"] == 4
    assert statuses(jh) == [("A", "applied"), ("B", "saved"), ("C", "applied"), ("D", "saved")]


def test_map_reads_a_column_as_a_field(jh, tmp_path) -> None:
    text = "Firm,Gig,When,Recruiter,Contact\nAcme,Dev,2026-11-02,Ann,Bob\n"
    path = write(tmp_path, text)
    result = jh("import", "csv", path, ok=False)
    assert "has no recognisable header row" in result.stderr
    result = jh(
        "import", "csv", path, "--map", "Firm=company", "--map", "gig=title",
        "--map", "When=applied", "--map", "Recruiter=note", "--map", "Contact=ignore",
    )  # fmt: skip
    assert result.stderr == ""
    app = jh.json("show", "1")["application"]
    assert (app["company"], app["role"], app["applied_on"], app["note"]) == (
        "Acme",
        "Dev",
        "2026-11-02",
        "Ann",
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--map", "Firm"), "Error: --map 'Firm': write it as --map 'NAME=VALUE'\n"),
        (
            ("--map", "Firm=boss"),
            "Error: --map Firm=boss: unknown field 'boss' (hint: the fields are: company, "
            "title, role, applied, status, url, location, salary, note, source, type, via, skills, "
            "interview, response, rejected, offer, history, ignore)\n",
        ),
        (
            ("--status", "Maybe=later"),
            "Error: --status Maybe=later: unknown status 'later' (hint: the statuses are: "
            "saved, applied, interviewing, offer, accepted, rejected, withdrawn, ghosted)\n",
        ),
    ],
)
def test_bad_words_options(jh, tmp_path, args, message) -> None:
    result = jh("import", "csv", write(tmp_path, "Company,Title\nA,B\n"), *args, ok=False)
    assert (result.exit_code, result.stderr) == (2, message)


def test_a_map_for_a_column_the_file_does_not_have_is_an_error(jh, tmp_path, db_path) -> None:
    # A --map that names no column is a typo or the wrong file: importing anyway would
    # read the file some other way than the one asked for. (The config file's tables
    # serve many files: a header a file lacks is fine there.)
    path = write(tmp_path, "Company,Title,Firm Stage\nA,B,applied\n")
    result = jh("import", "csv", path, "--map", "Firm=company", "--map", "Title=title", ok=False)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"Error: --map Firm=company: {path} has no column 'Firm' (hint: its columns are: "
        "Company, Title, Firm Stage)\n"
    )
    assert not db_path.exists() or jh.json("list", "--all")["applications"] == []


def test_the_config_file_holds_words_too(jh, tmp_path) -> None:
    config = tmp_path / "xdg-config" / "jobhunt" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text(
        'weekly_applications = 3\n\n[import.map]\nFirm = "company"\n\n'
        '[import.status]\n"Maybe later" = "saved"\n',
        encoding="utf-8",
    )
    text = "Firm,Title,Status\nAcme,Dev,Maybe later\n"
    jh("import", "csv", write(tmp_path, text))
    assert statuses(jh) == [("Acme", "saved")]
    assert jh.json("config", "show")["settings"]  # the [import] tables are no rule setting
    jh("today")


def test_vocabulary_has_every_documented_word() -> None:
    docs = (Path(__file__).parent.parent / "docs" / "import-export.md").read_text("utf-8")
    for spellings in vocab.COLUMNS.values():
        for spelling in spellings:
            if spelling not in ("id", "store", "created_at"):
                assert spelling in docs, spelling
    for words in vocab.STATUS_WORDS.values():
        for word in words:
            assert word in docs, word


# --------------------------------------------------------------------------- reports


def test_the_json_report_gives_ids_and_lines(jh, tmp_path) -> None:
    jh("add", "Acme", "Dev", "--applied", "2026-11-02")
    text = (
        "Company,Title,Date Applied,Status,Notes\n"
        "Acme,Dev,2026-11-02,Interviewing,\n"  # updated: id 1
        "Globex,QA,2026-11-03,,\n"  # added: id 2
        ",,,,\n"  # skipped: blank
        "GLOBEX,qa,2026-11-03,,a note\n"  # merged into line 3
        "Initech,,2026-11-03,,\n"  # rejected
        "Acme,Dev,2026-11-02,,\n"  # merged into line 2
    )
    data = jh.json("import", "csv", write(tmp_path, text))["import"]
    assert [(c["line"], c["action"], c["id"]) for c in data["changes"]] == [
        (2, "updated", 1),
        (3, "added", 2),
    ]
    assert data["merged"] == [
        {"line": 5, "id": 2, "reason": "the same application as line 3"},
        {"line": 7, "id": 1, "reason": "the same application as line 2"},
    ]
    assert data["skipped"] == [{"line": 4, "reason": "blank"}]
    assert data["rejected"] == [{"line": 6, "reason": "no title"}]
    assert (data["rows"], data["blank"]) == (5, 1)
    assert jh.json("show", "2")["application"]["note"] == "a note"


def test_json_and_linkedin_reports_give_the_new_ids(jh, tmp_path) -> None:
    jh("add", "Acme", "Dev")
    other = str(tmp_path / "other.db")
    jh("--db", other, "add", "Globex", "QA")
    jh("--db", other, "event", "add", "Meetup", "--on", "2026-11-20")
    path = tmp_path / "e.json"
    path.write_text(jh("--db", other, "export", "json").stdout, encoding="utf-8")
    data = jh.json("import", "json", str(path), "--merge")["import"]
    assert [(c["line"], c["id"]) for c in data["changes"]] == [
        ("meetups[0]", 1),
        ("applications[0]", 2),
    ]
    connections = (
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Dana,Reyes,https://www.linkedin.com/in/dana,,Initech,Recruiter,15 Jan 2024\n"
    )
    data = jh.json("import", "linkedin", write(tmp_path, connections, "c.csv"))["import"]
    assert [(c["line"], c["action"], c["id"]) for c in data["changes"]] == [(2, "added", 1)]
    document = json.loads(jh("export", "json").stdout)
    assert [a["id"] for a in document["applications"]] == [1, 2]


def test_a_long_list_of_unknown_words_is_cut_short(jh, tmp_path) -> None:
    rows = "".join(f"C{n},Dev,2026-11-02,word {n}\n" for n in range(12))
    rows += "".join("C,Dev,2026-11-02,word 0\n" for _ in range(12))
    text = "Company,Title,Date Applied,Status\n" + rows
    result = jh("import", "csv", write(tmp_path, text), ok=False)
    assert result.stderr.startswith(
        "Error: unknown stage words: 'word 0' (lines 2, 14, 15, 16, 17, 18, 19, 20, 21, 22 "
        "and 3 more); 'word 1' (line 3);"
    )
    assert "'word 9' (line 11); and 2 more; nothing was imported" in result.stderr


def test_how_it_was_sent_is_read_as_people_write_it(jh, tmp_path) -> None:
    # 'In person' and 'Job Fair' are the methods in-person and job-fair, written with
    # a space: they rejected their rows.
    text = (
        "Company,Title,Date Applied,Via\n"
        "Acme,Dev,2026-11-02,In person\n"
        "Beta,QA,2026-11-03,Job Fair\n"
        "Gamma,Ops,2026-11-04,E-Mail\n"
        "Delta,Data,2026-11-05,carrier pigeon\n"
    )
    data = jh.json("import", "csv", write(tmp_path, text))["import"]
    assert [r["line"] for r in data["rejected"]] == [5]
    vias = {a["company"]: a["via"] for a in jh.json("list", "--all")["applications"]}
    assert vias == {"Acme": "in-person", "Beta": "job-fair", "Gamma": "email"}
