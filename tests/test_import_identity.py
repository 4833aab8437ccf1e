"""Which application a spreadsheet row is (`jobhunt import csv`): company, title, date
applied and the posting URL when both sides have one; this store's own export by its
`id` and `store` columns; names folded (case, accents, spacing, quote variants); skills
the same as the store's constraint sees them. Each case re-imported changes nothing.

Today is Friday 2026-11-27 (conftest).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from jobhunt.io.appmatch import fold, url_key
from tests import storeview


def write(tmp_path: Path, text: str, name: str = "apps.csv") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")
    return str(path)


def apps(jh) -> list[dict]:
    return jh.json("list", "--all")["applications"]


def imported(jh, path: str, *args: str) -> dict:
    return jh.json("import", "csv", path, *args)["import"]


def summary(data: dict) -> tuple:
    return (data["added"], data["updated"], data["unchanged"], len(data["merged"]))


# --------------------------------------------------------------------------- URL


def test_same_company_and_title_with_different_urls_are_two_applications(
    jh, tmp_path, db_path
) -> None:
    text = (
        "Company,Title,Date Applied,Job URL,Notes\n"
        "Google,Software Engineer,2026-11-20,https://careers.google.com/jobs/1,first\n"
        "Google,Software Engineer,2026-11-20,https://careers.google.com/jobs/2,second\n"
    )
    path = write(tmp_path, text)
    data = imported(jh, path)
    assert summary(data) == (2, 0, 0, 0)
    assert [(c["line"], c["action"], c["id"]) for c in data["changes"]] == [
        (2, "added", 1),
        (3, "added", 2),
    ]
    assert [(a["url"], a["note"]) for a in apps(jh)] == [
        ("https://careers.google.com/jobs/1", "first"),
        ("https://careers.google.com/jobs/2", "second"),
    ]
    before = storeview.dump(db_path)
    assert summary(imported(jh, path)) == (0, 0, 2, 0)
    assert storeview.dump(db_path) == before


def test_one_side_without_a_url_matches_on_company_title_and_date(jh, tmp_path) -> None:
    jh("add", "Acme", "Dev", "--applied", "2026-11-20", "--url", "https://acme.example/j/7")
    text = (
        "Company,Title,Date Applied,URL,Notes\n"
        "ACME,dev,2026-11-20,,phoned them\n"  # no URL: the one application it can be
        "Acme,Dev,2026-11-20,http://www.ACME.example/j/7/,\n"  # the same URL, written loosely
    )
    data = imported(jh, write(tmp_path, text))
    assert summary(data) == (0, 1, 0, 1)
    assert data["merged"] == [{"line": 3, "id": 1, "reason": "the same application as line 2"}]
    assert [(a["id"], a["note"]) for a in apps(jh)] == [(1, "phoned them")]


def test_a_row_without_a_url_that_could_be_two_applications_is_rejected(jh, tmp_path) -> None:
    for n in (1, 2):
        jh("add", "Acme", "Dev", "--applied", "2026-11-20", "--url", f"https://acme.example/{n}")
    data = imported(jh, write(tmp_path, "Company,Title,Date Applied\nAcme,Dev,2026-11-20\n"))
    assert data["rejected"] == [
        {
            "line": 2,
            "reason": "it matches several applications (#1, #2: same company, title and date "
            "applied, different URLs); give its URL to say which",
        }
    ]


def test_posting_urls_compare_loosely_but_keep_the_query() -> None:
    assert url_key("https://www.Example.com/jobs/1/") == url_key("http://example.com/jobs/1")
    assert url_key("https://example.com/jobs/1#apply") == url_key("https://example.com/jobs/1")
    assert url_key("https://x.com/view?jk=1") != url_key("https://x.com/view?jk=2")


# --------------------------------------------------------------------------- names


def test_names_typed_differently_are_one_application(jh, tmp_path) -> None:
    text = (
        "Company,Title,Date Applied\n"
        "Alzheimer’s Society,Data Officer,2026-11-20\n"
        "Alzheimer's Society,Data Officer,2026-11-20\n"
        "Alzheimer?s  society,DATA OFFICER,2026-11-20\n"
        "Alzheimers Society,Data Officer,2026-11-20\n"
    )
    path = write(tmp_path, text)
    data = imported(jh, path)
    assert summary(data) == (1, 0, 0, 3)
    assert [m["line"] for m in data["merged"]] == [3, 4, 5]
    assert [a["company"] for a in apps(jh)] == ["Alzheimer’s Society"]
    assert summary(imported(jh, path)) == (0, 0, 1, 3)


def test_folding() -> None:
    assert fold("Café  Müller") == fold("cafe muller")
    assert fold("Alzheimer’s") == fold("Alzheimer's") == fold("Alzheimer?s") == "alzheimers"
    assert fold("Alzheimerâ€™s") == "alzheimers"  # UTF-8 read as Windows-1252
    assert fold("“Quoted” Ltd") == fold('"Quoted" Ltd')
    assert fold("What?") == "what?"  # a question mark that is one stays


# --------------------------------------------------------------------------- own export


def export_rows(jh) -> list[list[str]]:
    data = jh("export", "csv", "applications").stdout
    return list(csv.reader(io.StringIO(data, newline="")))


def to_csv(rows: list[list[str]]) -> str:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()


def test_an_edited_export_updates_by_id(jh, tmp_path) -> None:
    jh("add", "Acme Corp", "Data Analyst", "--applied", "2026-11-10")
    jh("add", "Initech", "BI Developer", "--applied", "2026-11-16")
    rows = export_rows(jh)
    header = rows[0]
    company, applied = header.index("company"), header.index("applied_on")
    rows[1][company] = "Acme Corporation"  # renamed in a spreadsheet
    for row in rows[1:]:  # re-saved by Excel: month first
        y, m, d = row[applied].split("-")
        row[applied] = f"{int(m)}/{int(d)}/{y}"
    path = write(tmp_path, to_csv(rows))
    data = imported(jh, path)
    assert summary(data) == (0, 1, 1, 0)
    assert data["changes"][0]["id"] == 1
    assert data["changes"][0]["fields"] == ["company"]
    assert [(a["id"], a["company"], a["applied_on"]) for a in apps(jh)] == [
        (1, "Acme Corporation", "2026-11-10"),
        (2, "Initech", "2026-11-16"),
    ]
    assert summary(imported(jh, path)) == (0, 0, 2, 0)


def test_an_excel_resave_whose_dates_settle_nothing_keeps_each_rows_date(jh, tmp_path) -> None:
    # Every day is 12 or less: the column settles no order, but each row names its
    # record, whose date is one of the two readings.
    jh("add", "Acme Corp", "Data Analyst", "--applied", "2026-11-10")
    jh("add", "Initech", "BI Developer", "--applied", "2026-10-03")
    rows = export_rows(jh)
    header = rows[0]
    company, applied = header.index("company"), header.index("applied_on")
    rows[2][company] = "Initech Ltd"
    for row in rows[1:]:  # re-saved by Excel: month first
        y, m, d = row[applied].split("-")
        row[applied] = f"{int(m)}/{int(d)}/{y}"
    path = write(tmp_path, to_csv(rows))
    data = imported(jh, path)
    assert data["rejected"] == []
    assert summary(data) == (0, 1, 1, 0)
    assert [(a["id"], a["company"], a["applied_on"]) for a in apps(jh)] == [
        (1, "Acme Corp", "2026-11-10"),
        (2, "Initech Ltd", "2026-10-03"),
    ]
    assert summary(imported(jh, path)) == (0, 0, 2, 0)
    # A date moved in the sheet to one that could be read two ways is still refused.
    rows[1][applied] = "4/5/2026"
    data = imported(jh, write(tmp_path, to_csv(rows), "moved.csv"))
    assert [r["line"] for r in data["rejected"]] == [2]
    assert "ambiguous day and month" in data["rejected"][0]["reason"]


@pytest.mark.parametrize("sheet", ["contacts", "history", "interactions", "courses", "events"])
def test_another_of_jobhunts_own_sheets_is_refused_with_a_pointer(jh, tmp_path, sheet) -> None:
    # The contacts sheet has Company and Title, the history sheet Company, Role and
    # Status: they were read as applications (every history row merged into bogus
    # new ones).
    jh("add", "Acme", "Dev", "--applied", "2026-11-10")
    jh("contact", "add", "Jo Smith", "--company", "Acme", "--title", "Recruiter")
    jh("log", "1", "--via", "email", "--with", "Jo Smith")
    jh("contact", "touch", "1", "--via", "coffee", "--informational")
    jh("course", "add", "SQL", "--days", "mon")
    jh("event", "add", "Fair", "--on", "2026-12-01")
    before = jh("export", "json").stdout
    path = write(tmp_path, jh("export", "csv", sheet).stdout, f"{sheet}.csv")
    result = jh("import", "csv", path, ok=False)
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {path} is jobhunt's own {sheet} sheet (jobhunt export csv {sheet}), "
        "not a list of applications (hint: import csv reads the applications sheet: "
        "jobhunt export csv applications; to move everything, use export json and "
        "import json)\n"
    )
    assert jh("export", "json").stdout == before


def test_another_stores_export_is_matched_by_identity_and_reported(jh, tmp_path) -> None:
    other = str(tmp_path / "other.db")
    jh("--db", other, "add", "Umbrella", "QA", "--applied", "2026-11-02")
    jh("--db", other, "add", "Acme", "Dev", "--applied", "2026-11-05")
    exported = jh("--db", other, "export", "csv", "applications").stdout
    jh("add", "Acme", "Dev", "--applied", "2026-11-05")  # here: id 1
    data = imported(jh, write(tmp_path, exported))
    assert summary(data) == (1, 0, 1, 0)
    assert data["notes"] == [
        {
            "line": 2,
            "id": 2,
            "reason": "exported from another store (its id 1 is not used here); "
            "matched by company, title and date applied",
        },
        {
            "line": 3,
            "id": 1,
            "reason": "exported from another store (its id 2 is not used here); "
            "matched by company, title and date applied",
        },
    ]
    assert [(a["id"], a["company"]) for a in apps(jh)] == [(1, "Acme"), (2, "Umbrella")]


def test_a_row_whose_record_was_deleted_is_matched_by_identity(jh, tmp_path) -> None:
    jh("add", "Acme", "Dev", "--applied", "2026-11-05")
    rows = export_rows(jh)
    jh("rm", "1", "--yes")
    data = imported(jh, write(tmp_path, to_csv(rows)))
    assert summary(data) == (1, 0, 0, 0)
    assert data["notes"][0]["reason"] == (
        "application 1 is no longer in this store; matched by company, title and date applied"
    )


def test_an_id_given_to_a_newer_record_does_not_count(jh, tmp_path) -> None:
    jh("add", "Acme", "Dev", "--applied", "2026-11-05")
    jh("add", "Initech", "Analyst", "--applied", "2026-11-06")
    rows = export_rows(jh)
    rows[2][rows[0].index("created_at")] = "2026-01-05T09:00:00+00:00"
    jh("rm", "2", "--yes")
    jh("add", "Globex", "QA", "--applied", "2026-11-07")  # takes id 2
    data = imported(jh, write(tmp_path, to_csv(rows)))
    assert summary(data) == (1, 0, 1, 0)
    assert data["notes"] == [
        {
            "line": 3,
            "id": 3,
            "reason": "application 2 in this store is another record now; "
            "matched by company, title and date applied",
        }
    ]
    assert [(a["id"], a["company"]) for a in apps(jh)] == [
        (1, "Acme"),
        (2, "Globex"),
        (3, "Initech"),
    ]
    result = jh("import", "csv", write(tmp_path, to_csv(rows), "again.csv"), "--dry-run")
    assert "unchanged line 3 (#3): application 2 in this store is another record now" in (
        result.stdout
    )


# --------------------------------------------------------------------------- skills


def test_skills_are_the_same_as_the_store_sees_them(jh, tmp_path) -> None:
    jh("add", "Acme", "Dev", "--applied", "2026-11-05", "--skill", "Python")
    text = "Company,Title,Date Applied,Skills\nAcme,Dev,2026-11-05,Ｐｙｔｈｏｎ\n"
    assert summary(imported(jh, write(tmp_path, text))) == (0, 0, 1, 0)


def test_json_merge_sees_full_width_skills_as_the_same(jh, tmp_path) -> None:
    """A store with "Python" merging a file with "Ｐｙｔｈｏｎ": on PostgreSQL, whose
    case-insensitive collation sees them as one, the whole import used to fail with a
    duplicate key; on SQLite a second "Python" was added."""
    jh("skills", "add", "Python")
    other = str(tmp_path / "other.db")
    jh("--db", other, "skills", "add", "Ｐｙｔｈｏｎ")
    jh("--db", other, "add", "Acme", "Dev", "--skill", "SQL")
    document = json.loads(jh("--db", other, "export", "json").stdout)
    document["applications"][0]["skills"] = ["Ｐｙｔｈｏｎ", "SQL"]
    path = tmp_path / "e.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    data = jh.json("import", "json", str(path), "--merge")["import"]
    assert (data["added"], data["unchanged"], data["rejected"]) == (1, 1, [])
    assert jh.json("skills", "list")["skills"] == ["Python"]
    document["applications"][0]["skills"] = ["Python", "ＰＹＴＨＯＮ"]
    path.write_text(json.dumps(document), encoding="utf-8")
    data = jh.json("import", "json", str(path), "--merge", "--dry-run")["import"]
    assert data["rejected"] == [
        {"line": "applications[0]", "reason": "skill 'ＰＹＴＨＯＮ' is listed twice"}
    ]
