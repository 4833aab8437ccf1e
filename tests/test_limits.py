"""Limits that used to crash later: periods, dates and ids out of range are refused on
the way in (command line, CSV, JSON, LinkedIn), in one line, with nothing written, so
no later command can trip over them. Today is Friday 2026-11-27 (conftest)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests import storeview

HUGE = "99999999999999999999"  # beyond SQLite's (and PostgreSQL's) 64-bit integers
TOO_BIG = 2**63

# Every command that reads the records back: none may crash on what was let in.
READERS = (
    ("today",),
    ("week",),
    ("list",),
    ("contact", "list"),
    ("export", "ics"),
    ("export", "json"),
    ("stats",),
)


def assert_readers_work(jh, *ids: tuple[str, ...]) -> None:
    for args in (*READERS, *ids):
        jh(*args)


def clean_refusal(result, code: int = 2) -> str:
    assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
    assert result.stderr.startswith("Error: ")
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
    return result.stderr


# --------------------------------------------------------------------------- periods


@pytest.mark.parametrize("every", ["9999y", "11y", "3651d", "522w", "122m"])
def test_a_period_over_ten_years_is_refused_before_anything_is_written(
    jh, db_path: Path, every: str
) -> None:
    jh("contact", "add", "Ann")
    before = storeview.dump(db_path)
    stderr = clean_refusal(jh("contact", "add", "Bob", "--every", every, ok=False))
    assert "3650 days" in stderr
    clean_refusal(jh("contact", "edit", "1", "--every", every, ok=False))
    assert storeview.dump(db_path) == before
    assert_readers_work(jh, ("contact", "show", "1"))
    # The same limit as the settings' cadences.
    clean_refusal(jh("config", "set", "cadence.peer", every, ok=False))
    jh("contact", "add", "Cid", "--every", "3650d")
    jh("contact", "edit", "1", "--every", "10y")
    assert_readers_work(jh, ("contact", "show", "2"))


# --------------------------------------------------------------------------- JSON imports


def _document(change) -> dict:  # type: ignore[no-untyped-def]
    at = "2026-11-02T09:00:00+00:00"
    document = {
        "version": 1,
        "kind": "jobhunt-export",
        "applications": [
            {"id": 5, "company": "Acme", "role": "Dev", "status": "applied", "applied_on": "2026-11-02", "created_at": at, "updated_at": at,
             "events": [{"id": 9, "kind": "applied", "on": "2026-11-02", "created_at": at}]},
        ],
        "contacts": [{"id": 3, "name": "Dana", "kind": "peer", "every_days": 30, "added_on": "2026-11-01", "created_at": at}],
        "interactions": [{"id": 4, "contact_id": 3, "via": "email", "on": "2026-11-03", "created_at": at}],
        "meetups": [{"id": 2, "title": "Meetup", "on": "2026-12-03", "kind": "meetup", "created_at": at}],
        "courses": [{"id": 6, "title": "SQL", "status": "active", "added_on": "2026-11-01", "created_at": at,
                     "logs": [{"id": 8, "on": "2026-11-04", "hours": 1.0, "created_at": at}]}],
    }  # fmt: skip
    change(document)
    return document


BAD_RECORDS = {
    "applied-9999": (lambda d: d["applications"][0].update(applied_on="9999-12-31"), "applications[0]", "applied_on 9999-12-31: the year must be from 1900 to 2199"),
    "applied-future": (lambda d: d["applications"][0].update(applied_on="2026-11-28"), "applications[0]", "applied_on 2026-11-28 is in the future"),
    "applied-1899": (lambda d: d["applications"][0].update(applied_on="1899-12-31"), "applications[0]", "applied_on 1899-12-31: the year must be from 1900 to 2199"),
    "event-on-9999": (lambda d: d["applications"][0]["events"][0].update(on="9999-12-31"), "applications[0]", "events[0]: on 9999-12-31: the year must be from 1900 to 2199"),
    "follow-up-future": (lambda d: d["applications"][0]["events"].append({"id": 10, "kind": "follow_up", "on": "2026-12-01", "created_at": "2026-11-02T09:00:00+00:00"}), "applications[0]", "events[1]: on 2026-12-01 is in the future"),
    "added-9999": (lambda d: d["contacts"][0].update(added_on="9999-12-31"), "contacts[0]", "added_on 9999-12-31: the year must be from 1900 to 2199"),
    "every-10e15": (lambda d: d["contacts"][0].update(every_days=10**15), "contacts[0]", "every_days must be from 1 to 3650 days (ten years)"),
    "every-2e63": (lambda d: d["contacts"][0].update(every_days=TOO_BIG), "contacts[0]", "every_days must be from 1 to 3650 days (ten years)"),
    "id-2e63": (lambda d: d["contacts"][0].update(id=TOO_BIG), "contacts[0]", f"id must be from 1 to {TOO_BIG - 1}"),
    "ref-2e63": (lambda d: d["interactions"][0].update(contact_id=TOO_BIG), "interactions[0]", f"contact_id must be from 1 to {TOO_BIG - 1}"),
    "touch-future": (lambda d: d["interactions"][0].update(on="2026-11-28"), "interactions[0]", "on 2026-11-28 is in the future"),
    "log-future": (lambda d: d["courses"][0]["logs"][0].update(on="2027-01-01"), "courses[0]", "logs[0]: on 2027-01-01 is in the future"),
    "meetup-2200": (lambda d: d["meetups"][0].update(on="2200-01-01"), "meetups[0]", "on 2200-01-01: the year must be from 1900 to 2199"),
    "created-9999": (lambda d: d["applications"][0].update(created_at="9999-12-31T00:00:00+00:00"), "applications[0]", "created_at 9999-12-31T00:00:00+00:00: the year must be from 1900 to 2199"),
}  # fmt: skip


@pytest.mark.parametrize(
    ("change", "place", "reason"), BAD_RECORDS.values(), ids=BAD_RECORDS.keys()
)
def test_json_import_enforces_the_ranges(jh, tmp_path: Path, change, place, reason) -> None:
    path = tmp_path / "e.json"
    path.write_text(json.dumps(_document(change)), encoding="utf-8")
    strict = jh("import", "json", str(path), "--strict", ok=False)
    assert reason in clean_refusal(strict)
    data = jh.json("import", "json", str(path))["import"]
    assert (data["rejected"][0]["line"], data["rejected"][0]["reason"]) == (place, reason)
    assert_readers_work(jh, *(("show", str(a["id"])) for a in jh.json("list")["applications"]))
    for contact in jh.json("contact", "list")["contacts"]:
        jh("contact", "show", str(contact["id"]))
        jh("draft", "--contact", str(contact["id"]))


def test_a_future_meetup_and_interview_are_fine_in_a_json_import(jh, tmp_path: Path) -> None:
    """Things that may lie ahead (events, interviews, course dates) only need a year in
    range; facts (applied, touched, logged, added) may not be after today."""

    def ahead(d: dict) -> None:
        d["applications"][0]["events"].append(
            {"id": 11, "kind": "interview", "on": "2026-12-10", "created_at": "2026-11-20T09:00:00+00:00"}
        )  # fmt: skip
        d["courses"][0].update(starts_on="2027-01-04", ends_on="2027-03-01")

    path = tmp_path / "e.json"
    path.write_text(json.dumps(_document(ahead)), encoding="utf-8")
    data = jh.json("import", "json", str(path))["import"]
    assert data["rejected"] == []
    assert_readers_work(jh, ("show", "5"), ("draft", "5"))


# --------------------------------------------------------------------------- CSV, LinkedIn


def test_csv_and_linkedin_imports_use_the_same_ranges(jh, tmp_path: Path) -> None:
    apps = tmp_path / "apps.csv"
    apps.write_text(
        "Company,Position,Date Applied,Status\n"
        "Acme,Dev,2026-11-02,applied\n"
        "Beta,QA,2200-01-01,applied\n"
        "Gamma,BI,2026-11-30,applied\n",
        encoding="utf-8",
    )
    report = jh.json("import", "csv", str(apps))["import"]
    reasons = [r["reason"] for r in report["rejected"]]
    assert len(reasons) == 2
    assert "the year must be from 1900 to 2199" in reasons[0] or "2199" in reasons[0]
    assert "2026-11-30 is in the future" in reasons[1]
    people = tmp_path / "Connections.csv"
    people.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Ann,Lee,,,Acme,Dev,02 Nov 2026\n"
        "Bob,Ray,,,Beta,QA,30 Nov 2026\n",
        encoding="utf-8",
    )
    report = jh.json("import", "linkedin", str(people))["import"]
    assert [r["reason"] for r in report["rejected"]] == ["connected on 2026-11-30 is in the future"]
    assert_readers_work(jh)


# --------------------------------------------------------------------------- ids

ID_COMMANDS = {
    "show": (("show", HUGE), "application"),
    "edit": (("edit", HUGE, "--note", "x"), "application"),
    "rm": (("rm", HUGE, "--yes"), "application"),
    "log": (("log", HUGE, "--via", "email"), "application"),
    "interview": (("interview", HUGE, "--on", "2026-12-01"), "application"),
    "status": (("status", HUGE, "rejected"), "application"),
    "snooze": (("snooze", HUGE, "--until", "+3d"), "application"),
    "draft": (("draft", HUGE), "application"),
    "brief": (("brief", HUGE), "application"),
    "contact-show": (("contact", "show", HUGE), "contact"),
    "contact-edit": (("contact", "edit", HUGE, "--note", "x"), "contact"),
    "contact-rm": (("contact", "rm", HUGE, "--yes"), "contact"),
    "contact-touch": (("contact", "touch", HUGE, "--via", "email"), "contact"),
    "contact-link": (("contact", "link", HUGE, "1"), "contact"),
    "contact-link-app": (("contact", "link", "1", HUGE), "application"),
    "contact-unlink": (("contact", "unlink", HUGE, "1"), "contact"),
    "course-show": (("course", "show", HUGE), "course"),
    "course-edit": (("course", "edit", HUGE, "--note", "x"), "course"),
    "course-rm": (("course", "rm", HUGE, "--yes"), "course"),
    "course-log": (("course", "log", HUGE, "--hours", "1"), "course"),
    "course-done": (("course", "done", HUGE), "course"),
    "course-drop": (("course", "drop", HUGE), "course"),
    "event-show": (("event", "show", HUGE), "event"),
    "event-rm": (("event", "rm", HUGE, "--yes"), "event"),
    "draft-contact": (("draft", "--contact", HUGE), "contact"),
    "contact-met-at": (("contact", "add", "Zed", "--met-at", HUGE), "event"),
    "contact-edit-met-at": (("contact", "edit", "1", "--met-at", HUGE), "event"),
    "negative": (("show", "--", "-" + HUGE), "application"),
}


@pytest.mark.parametrize(("args", "noun"), ID_COMMANDS.values(), ids=ID_COMMANDS.keys())
def test_an_id_beyond_64_bits_is_not_found_on_both_backends(jh, db_path: Path, args, noun) -> None:
    jh("add", "Acme", "Dev")
    jh("contact", "add", "Ann")
    before = storeview.dump(db_path)
    result = jh(*args, ok=False)
    stderr = clean_refusal(result, code=3)
    number = args[args.index("--") + 1] if "--" in args else HUGE
    assert stderr.startswith(f"Error: no {noun} with id {number}"), stderr
    assert storeview.dump(db_path) == before
