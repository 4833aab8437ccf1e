"""`jobhunt undo` reverts exactly the last command that changed data, for every kind."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import storeview

TABLES = (
    "application",
    "application_skill",
    "application_event",
    "meetup",
    "contact",
    "interaction",
    "contact_link",
    "course",
    "course_skill",
    "course_log",
    "skill",
)


def dump(db: Path) -> dict[str, list[tuple]]:
    return storeview.tables(db, TABLES)


@pytest.fixture
def populated(jh, db_path: Path) -> Path:
    jh("add", "Acme", "Dev", "--applied", "2026-11-20", "--skill", "SQL", "--note", "first")
    jh("add", "Globex", "Analyst", "--applied", "2026-11-18")
    jh("event", "add", "Data Meetup", "--on", "2026-11-20")
    jh("contact", "add", "Ann", "--company", "Acme", "--kind", "recruiter", "--met-at", "1")
    jh("contact", "touch", "1", "--via", "email", "--on", "2026-11-21")
    jh("contact", "link", "1", "1", "--as", "recruiter")
    jh("course", "add", "SQL 101", "--skill", "SQL", "--days", "tue")
    jh("course", "log", "1", "--hours", "1")
    jh("skills", "add", "Excel")
    return db_path


CHANGES = {
    "add": ("add", "Initech", "BI", "--skill", "Python"),
    "add-saved": ("add", "Umbrella", "Clerk", "--saved"),
    "edit": ("edit", "1", "--company", "Acme Corp", "--applied", "2026-11-19", "--skill", "Go"),
    "rm-cascades": ("rm", "1", "--yes"),
    "log": ("log", "1", "--via", "email"),
    "interview": ("interview", "2", "--on", "2026-11-25", "--with", "Dana"),
    "status": ("status", "2", "rejected"),
    "snooze": ("snooze", "1", "--until", "2026-12-10"),
    "contact-add": ("contact", "add", "Bob", "--company", "Globex"),
    "contact-edit": ("contact", "edit", "1", "--title", "Lead recruiter"),
    "contact-touch": ("contact", "touch", "1", "--via", "call"),
    "contact-link": ("contact", "link", "1", "2"),
    "contact-unlink": ("contact", "unlink", "1", "1"),
    "contact-rm": ("contact", "rm", "1", "--yes"),
    "event-add": ("event", "add", "Career Fair", "--on", "2026-12-02"),
    "event-rm-sets-null": ("event", "rm", "1", "--yes"),
    "course-add": ("course", "add", "Go basics", "--skill", "Go"),
    "course-log": ("course", "log", "1", "--hours", "2", "--progress", "40"),
    "course-done": ("course", "done", "1"),
    "course-drop": ("course", "drop", "1"),
    "course-rm": ("course", "rm", "1", "--yes"),
    "skills-add": ("skills", "add", "Python", "Go"),
    "skills-rm": ("skills", "rm", "Excel"),
}


@pytest.mark.parametrize("args", list(CHANGES.values()), ids=list(CHANGES))
def test_undo_reverts_exactly_the_last_change(jh, populated: Path, args) -> None:
    before = dump(populated)
    jh(*args)
    assert dump(populated) != before, "the command changed nothing: the test proves nothing"
    result = jh("undo")
    assert result.stdout.startswith("Reverted: jobhunt " + args[0])
    assert dump(populated) == before
    assert storeview.foreign_key_problems(populated) == []


def test_undo_walks_back_one_command_at_a_time(jh, db_path: Path) -> None:
    jh("add", "Acme", "Dev")
    empty_after_add = dump(db_path)
    jh("log", "1", "--via", "email")
    jh("status", "1", "rejected")
    assert jh("undo").stdout.startswith("Reverted: jobhunt status 1 rejected (")
    assert jh("undo").stdout.startswith("Reverted: jobhunt log 1 --via email (")
    assert dump(db_path) == empty_after_add
    assert jh("undo").stdout.startswith("Reverted: jobhunt add Acme Dev (")
    assert all(rows == [] for rows in dump(db_path).values())


def test_nothing_to_undo_is_a_clean_error(jh) -> None:
    result = jh("undo", ok=False)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: nothing to undo")


def test_undo_json_says_what_was_reverted(jh) -> None:
    jh("add", "Acme", "Dev")
    data = jh.json("undo")
    assert data["version"] == 1
    assert data["reverted"] == "jobhunt add Acme Dev"
    assert data["changes"] == 2  # the application and its "applied" event


def test_undo_puts_back_every_value_exactly(tmp_path: Path) -> None:
    """Undo records are data: a REAL with 17 significant digits, text with quotes and
    NULs-free control characters, big integers and NULL all come back as they were."""
    from jobhunt import store

    conn = store.open_store(tmp_path / "exact.db")
    hours = 0.1 + 0.2  # 0.30000000000000004
    with store.transaction(conn, undo_label="seed"):
        conn.execute(
            "INSERT INTO course (id, title, hours_per_week, note, added_on, created_at) "
            "VALUES (7, 'It''s \"SQL\"', ?, NULL, '2026-11-01', 'x')",
            (hours,),
        )
        conn.execute(
            "INSERT INTO contact (id, name, every_days, added_on, created_at) "
            "VALUES (9223372036854775807, 'Big', 3650, '2026-11-01', 'x')"
        )
    before = conn.execute("SELECT * FROM course").fetchall()
    with store.transaction(conn, undo_label="change"):
        conn.execute("UPDATE course SET hours_per_week = 1, title = 'x', note = 'n\\x01'")
        conn.execute("DELETE FROM contact")
    assert store.undo_last(conn)[0] == "change"
    assert conn.execute("SELECT * FROM course").fetchall() == before
    assert conn.execute("SELECT hours_per_week FROM course").fetchone()[0] == hours
    assert conn.execute("SELECT id, every_days FROM contact").fetchall() == [
        (9223372036854775807, 3650)
    ]
    conn.close()
