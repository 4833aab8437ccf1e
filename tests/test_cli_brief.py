"""jobhunt brief: one page to read before an interview. Today is Friday 2026-11-27."""

from __future__ import annotations

import re
from datetime import date

import pytest

from jobhunt.cli.brief import match_skills, people_at
from jobhunt.records import Contact, Course

SGR = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture
def acme(jh) -> None:
    jh(
        "add", "Acme", "Data Engineer", "--applied", "2026-11-17", "-k", "SQL", "-k", "python",
        "-k", "Rust", "-k", "Go", "--url", "https://acme.example/1", "-l", "Oslo",
    )  # fmt: skip


@pytest.fixture
def busy(jh, acme) -> None:
    """Interviews, contacts (linked, same company, other companies) and courses."""
    jh("event", "add", "Data Night", "--on", "2026-11-10")
    jh("contact", "add", "Dana Scully", "--company", "Acme", "--email", "dana@acme.example")
    jh("contact", "add", "Walter Skinner", "--company", " ACME ", "--met", "old colleague",
       "--met-at", "1", "--title", "CTO")  # fmt: skip
    jh("contact", "add", "Other Person", "--company", "Acme Corp")  # not the same company
    jh("contact", "add", "Rita", "--company", "Beta", "--phone", "555 0100")
    jh("contact", "link", "1", "1", "--as", "interviewer")
    jh("contact", "link", "4", "1", "--as", "referral")  # linked, though at another company
    jh("contact", "touch", "2", "--via", "coffee", "--on", "2026-11-12", "--note", "said to apply")
    jh("interview", "1", "--on", "2026-11-24", "--with", "Fox Mulder", "--note", "technical round")
    jh("interview", "1", "--on", "2026-11-30", "--with", "Dana Scully")
    jh("skills", "add", "Python")
    jh("course", "add", "SQL course", "--skill", "sql")
    jh("course", "done", "1")
    jh("course", "add", "Rust book", "--skill", "rust")
    jh("course", "add", "Go course", "--skill", "go")
    jh("course", "drop", "3")
    jh("edit", "1", "--note", "Ask about on-call\nand the team size")


HEAD = [
    "Interview brief 1: Acme — Data Engineer",
    "Company: Acme",
    "Role: Data Engineer",
    "Posting: https://acme.example/1",
]


def test_brief_without_contacts_or_courses(jh, acme) -> None:
    result = jh("brief", "1")
    assert result.stdout.splitlines() == [
        *HEAD,
        "Status: applied",
        "Applied: 2026-11-17",
        "Location: Oslo",
        "",
        "== Interviews ==",
        "None recorded; add one with: jobhunt interview 1 --on DATE",
        "",
        "== Timeline ==",
        "2026-11-17\tapplied\t",
        "",
        "== People you know there ==",
        "Nobody yet. Add someone: jobhunt contact add NAME --company Acme",
        "",
        "== Skills the posting asks for ==",
        "SQL\tgap\t",
        "python\tgap\t",
        "Rust\tgap\t",
        "Go\tgap\t",
        "",
        "== Notes ==",
        "None.",
    ]
    assert result.stderr == ""


def test_brief_with_contacts_and_courses(jh, busy) -> None:
    assert jh("brief", "1").stdout.splitlines() == [
        *HEAD,
        "Status: interviewing",
        "Applied: 2026-11-17",
        "Location: Oslo",
        "",
        "== Interviews ==",
        "2026-11-24\theld\tFox Mulder\ttechnical round",
        "2026-11-30\tscheduled\tDana Scully\t",
        "",
        "== Timeline ==",
        "2026-11-17\tapplied\t",
        "2026-11-24\tinterview\twith Fox Mulder; technical round",
        "2026-11-24\tstatus\t-> interviewing",
        "2026-11-27\tedited\tchanged note",
        "2026-11-30\tinterview\twith Dana Scully",
        "",
        "== People you know there ==",
        "1\tDana Scully\t\tinterviewer\tdana@acme.example\tnever\t",
        # Added by interview --with: the round held with him is the last interaction
        # (Dana's round is still ahead: never yet).
        "5\tFox Mulder\t\tinterviewer\t\t2026-11-24 by interview\t",
        "4\tRita\t\treferral\t555 0100\tnever\t",
        "2\tWalter Skinner\tCTO\tworks there\t\t2026-11-12 by coffee: said to apply\t"
        "old colleague; at Data Night (2026-11-10)",
        "",
        "== Skills the posting asks for ==",
        "SQL\tdone course\tSQL course",
        "python\thave\t",
        "Rust\tstudying\tRust book",
        "Go\tgap\t",
        "",
        "== Notes ==",
        "Ask about on-call",
        "and the team size",
    ]


def test_brief_json(jh, busy) -> None:
    data = jh.json("brief", "1")
    assert set(data) == {"version", "application", "interviews", "people", "skills", "notes"}
    assert data["application"]["id"] == 1
    assert [e["kind"] for e in data["application"]["events"]] == [
        "applied",
        "interview",
        "status",
        "edit",
        "interview",
    ]
    assert data["interviews"] == [
        {"on": "2026-11-24", "when": "held", "person": "Fox Mulder", "note": "technical round"},
        {"on": "2026-11-30", "when": "scheduled", "person": "Dana Scully", "note": None},
    ]
    assert [(p["id"], p["link_role"]) for p in data["people"]] == [
        (1, "interviewer"),
        (5, "interviewer"),
        (4, "referral"),
        (2, None),
    ]
    fox = data["people"][1]
    assert fox["last_interaction"] == {"on": "2026-11-24", "via": "interview", "note": None}
    assert data["people"][0]["last_interaction"] is None  # Dana: her round is ahead
    walter = data["people"][3]
    assert walter["met_at_event"] == {"id": 1, "title": "Data Night", "on": "2026-11-10"}
    assert walter["last_interaction"] == {
        "on": "2026-11-12",
        "via": "coffee",
        "note": "said to apply",
    }
    assert set(walter) == {
        "id", "name", "company", "title", "kind", "email", "phone", "link_role", "met",
        "met_at_event", "last_interaction", "note",
    }  # fmt: skip
    assert data["skills"] == [
        {"skill": "SQL", "mark": "done course", "course": "SQL course"},
        {"skill": "python", "mark": "have", "course": None},
        {"skill": "Rust", "mark": "studying", "course": "Rust book"},
        {"skill": "Go", "mark": "gap", "course": None},
    ]
    assert data["notes"] == "Ask about on-call\nand the team size"


def test_brief_json_for_a_bare_application(jh) -> None:
    jh("add", "Beta", "QA", "--saved")
    data = jh.json("brief", "1")
    assert (data["interviews"], data["people"], data["skills"], data["notes"]) == ([], [], [], None)


def test_today_marks_the_interview_today(jh, busy) -> None:
    assert jh("brief", "1", env={"JOBHUNT_TODAY": "2026-11-30"}).stdout.splitlines()[10] == (
        "2026-11-30\ttoday\tDana Scully\t"
    )


def test_brief_prints_markup_and_controls_literally(jh) -> None:
    jh("add", "[bold]x[/]", "a\x1b[2Jb", "--note", "[link=file:///etc/passwd]y")
    jh("contact", "add", "[red]Eve[/]", "--company", "[BOLD]X[/]")
    plain = jh("brief", "1").stdout
    assert "Interview brief 1: [bold]x[/] — a\\x1b[2Jb" in plain
    assert "\x1b" not in plain
    assert "1\t[red]Eve[/]\t\tworks there\t\tnever\t" in plain
    rich = jh("brief", "1", env={"FORCE_COLOR": "1", "COLUMNS": "200"}).stdout
    text = SGR.sub("", rich)
    assert "[link=file:///etc/passwd]y" in text
    assert "[red]Eve[/]" in text
    assert "\x1b[2J" not in rich
    assert "\x1b]" not in rich


def test_brief_of_a_company_that_needs_quoting(jh) -> None:
    jh("add", "Acme & Sons", "Dev")
    assert "jobhunt contact add NAME --company 'Acme & Sons'" in jh("brief", "1").stdout


def test_brief_unknown_application(jh) -> None:
    result = jh("brief", "7", ok=False)
    assert (result.exit_code, result.stdout) == (3, "")
    assert (
        result.stderr == "Error: no application with id 7 (hint: see the ids with: jobhunt list)\n"
    )


# --------------------------------------------------------------------------- pure parts


def course(i: int, status: str, *skills: str) -> Course:
    return Course(i, f"C{i}", status, date(2026, 11, 1), skills=skills)


@pytest.mark.parametrize(
    ("have", "courses", "expected"),
    [
        ((), (), ("gap", None)),
        (("sql",), (course(1, "done", "SQL"),), ("have", None)),
        ((), (course(1, "active", "sql"), course(2, "done", "Sql")), ("done course", "C2")),
        ((), (course(1, "active", "SQL"),), ("studying", "C1")),
        ((), (course(1, "dropped", "SQL"),), ("gap", None)),
        ((), (course(1, "active", "SQLite"),), ("gap", None)),
    ],
    ids=[
        "nothing",
        "have-beats-course",
        "done-beats-active",
        "studying",
        "dropped",
        "no-substring",
    ],
)
def test_match_skills(have, courses, expected) -> None:
    (found,) = match_skills(["SQL"], have, courses)
    assert (found.skill, found.mark, found.course) == ("SQL", *expected)


def person(i: int, company: str | None) -> Contact:
    return Contact(i, f"P{i}", company, "other", date(2026, 11, 1))


def test_people_at_orders_linked_first_then_the_same_company() -> None:
    linked = [(person(5, "Beta"), "other"), (person(3, "Acme"), "recruiter")]
    others = [person(3, "Acme"), person(2, "acme "), person(1, "Acme Corp"), person(4, None)]
    assert [(c.id, role) for c, role in people_at(" ACME", linked, others)] == [
        (3, "recruiter"),
        (5, "other"),
        (2, None),
    ]
