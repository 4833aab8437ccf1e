"""Timed interviews (`interview --at HH:MM [--minutes N] [--where PLACE_OR_URL]`) and how
an application was sent (`add/edit --via`): stored, shown in `show`, `today` and
`--json`, and refused as one line (exit 2, nothing written) when the input is wrong.

Today is Friday 2026-11-27 (conftest).
"""

from __future__ import annotations

import csv
import io

import pytest

from tests import storeview


@pytest.fixture
def applied(jh) -> None:
    jh("add", "Acme", "Dev", "--applied", "2026-11-20")


def test_timed_interview_is_stored_and_shown(jh, applied, db_path) -> None:
    jh("interview", "1", "--on", "2026-11-28", "--at", "9:30", "--minutes", "45",
       "--where", "https://meet.example/abc", "--with", "Dana Reyes")  # fmt: skip
    rows = storeview.query(
        db_path, "SELECT at_time, minutes, place FROM application_event WHERE kind = 'interview'"
    )
    assert rows == [("09:30", 45, "https://meet.example/abc")]
    history = jh("show", "1").stdout
    assert "interview\tat 09:30 for 45 min; where: https://meet.example/abc; with Dana Reyes" in (
        history
    )
    event = next(
        e for e in jh.json("show", "1")["application"]["events"] if e["kind"] == "interview"
    )
    assert (event["at"], event["minutes"], event["place"]) == (
        "09:30",
        45,
        "https://meet.example/abc",
    )
    agenda = jh("today").stdout
    assert "Interview on 2026-11-28 at 09:30 with Acme (Dev)" in agenda
    assert (
        "interview scheduled for 2026-11-28, at 09:30, 45 minutes, where: https://meet.example/abc"
        in agenda
    )


def test_where_alone_and_untimed_interview(jh, applied, db_path) -> None:
    data = jh.json("interview", "1", "--on", "2026-11-27", "--where", "Room 4, 1 High St")
    assert (data["event"]["at"], data["event"]["minutes"], data["event"]["place"]) == (
        None,
        None,
        "Room 4, 1 High St",
    )
    assert "Interview today with Acme (Dev)" in jh("today").stdout


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (
            ["--at", "25:00"],
            "Error: interview time '25:00' is not a time of day (HH:MM, 24-hour)\n",
        ),
        (["--at", "9.30"], "Error: interview time '9.30' is not a time of day (HH:MM, 24-hour)\n"),
        (
            ["--at", "12:60"],
            "Error: interview time '12:60' is not a time of day (HH:MM, 24-hour)\n",
        ),
        (["--at", "10:00", "--minutes", "0"], "Error: --minutes must be from 1 to 1440 minutes\n"),
        (
            ["--at", "10:00", "--minutes", "1441"],
            "Error: --minutes must be from 1 to 1440 minutes\n",
        ),
        (["--minutes", "30"], "Error: --minutes goes with --at: give the interview's time too\n"),
    ],
    ids=["hour-25", "dot", "minute-60", "zero-minutes", "over-a-day", "minutes-without-at"],
)
def test_bad_timing_is_refused_and_writes_nothing(jh, applied, db_path, args, error) -> None:
    before = storeview.dump(db_path)
    result = jh("interview", "1", "--on", "2026-11-28", *args, ok=False)
    assert (result.exit_code, result.stderr, result.stdout) == (2, error, "")
    assert storeview.dump(db_path) == before


def test_via_is_stored_shown_and_cleared(jh, db_path) -> None:
    data = jh.json("add", "Acme", "Dev", "--via", "email")
    assert data["application"]["via"] == "email"
    assert "Sent via: email" in jh("show", "1").stdout
    assert jh.json("edit", "1", "--via", "in-person")["application"]["via"] == "in-person"
    assert jh.json("edit", "1", "--via", "")["application"]["via"] is None
    assert "Sent via:" not in jh("show", "1").stdout
    assert storeview.query(db_path, "SELECT via FROM application") == [(None,)]
    jh("add", "Initech", "QA")
    assert jh.json("show", "2")["application"]["via"] is None


@pytest.mark.parametrize("command", [["add", "Acme", "Dev"], ["edit", "1"]], ids=["add", "edit"])
@pytest.mark.parametrize("value", ["linkedin", "web", "e-mail"], ids=str)
def test_bad_via_is_refused_and_writes_nothing(jh, db_path, command, value) -> None:
    jh("add", "Zeta", "Ops")
    before = storeview.dump(db_path)
    result = jh(*command, "--via", value, ok=False)
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: unknown method {value!r}; choose from: online, email, mail, "
        "in-person, phone, fax, job-fair, agency\n"
    )
    assert storeview.dump(db_path) == before


# --------------------------------------------------------------------------- CSV


def _sheet(jh) -> list[dict[str, str]]:
    text = jh("export", "csv", "applications").stdout
    return list(csv.DictReader(io.StringIO(text, newline="")))


def _write(path, rows: list[dict[str, str]]) -> str:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return str(path)


def test_via_round_trips_through_jobhunts_own_csv(jh, tmp_path, db_path) -> None:
    jh("add", "Acme", "Dev", "--applied", "2026-11-20", "--via", "job-fair")
    jh("add", "Initech", "QA", "--applied", "2026-11-21")
    rows = _sheet(jh)
    assert [(r["company"], r["via"]) for r in rows] == [("Acme", "job-fair"), ("Initech", "")]
    rows[1]["via"] = "Mail"  # a spreadsheet's capital is still the word
    data = jh.json("import", "csv", _write(tmp_path / "apps.csv", rows))["import"]
    assert (data["added"], data["updated"]) == (0, 1)
    assert storeview.query(db_path, "SELECT via FROM application ORDER BY id") == [
        ("job-fair",),
        ("mail",),
    ]
    again = jh.json("import", "csv", _write(tmp_path / "apps.csv", _sheet(jh)))["import"]
    assert (again["updated"], again["unchanged"]) == (0, 2)


def test_a_via_cell_that_is_not_a_method_rejects_its_row(jh, tmp_path, db_path) -> None:
    path = tmp_path / "apps.csv"
    path.write_text(
        "Company,Title,Date Applied,Via\nAcme,Dev,2026-11-20,online\nInitech,QA,2026-11-21,LinkedIn\n"
    )
    rejected = jh.json("import", "csv", str(path))["import"]["rejected"]
    assert rejected == [
        {
            "line": 3,
            "reason": "unknown method 'LinkedIn' in the via column (use one of: online, email, "
            "mail, in-person, phone, fax, job-fair, agency, or leave it empty)",
        }
    ]
    assert storeview.query(db_path, "SELECT company, via FROM application") == [("Acme", "online")]


def test_a_trackers_applied_via_is_the_source_not_the_method(jh, tmp_path, db_path) -> None:
    path = tmp_path / "apps.csv"
    path.write_text("Company,Title,Date Applied,Applied Via\nAcme,Dev,2026-11-20,Email\n")
    jh("import", "csv", str(path))
    assert storeview.query(db_path, "SELECT source, via FROM application") == [("Email", None)]


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"at": None}, "minutes (45) without a time (at)"),
        ({"kind": "follow_up", "channel": "email"}, "a time, length or place on a follow_up"),
    ],
    ids=["minutes-without-at", "timing-on-a-follow-up"],
)
def test_a_json_import_refuses_what_the_commands_refuse(jh, applied, tmp_path, change, reason):
    # As `interview --minutes` without `--at` is refused, and only interviews are timed.
    import json

    jh("interview", "1", "--on", "2026-11-26", "--at", "10:00", "--minutes", "45")
    document = json.loads(jh("export", "json").stdout)
    [interview] = [e for e in document["applications"][0]["events"] if e["kind"] == "interview"]
    interview.update(change)
    path = tmp_path / "doc.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    result = jh("import", "json", str(path), env={"JOBHUNT_DB": str(tmp_path / "n.db")})
    assert "1 rejected" in result.stdout
    assert reason in result.stdout
