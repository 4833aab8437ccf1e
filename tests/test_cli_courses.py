"""jobhunt course add / list / show / edit / rm / log / done / drop, and jobhunt skills.

Today is Friday 2026-11-27 (conftest). Output is plain text: stdout is not a TTY here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jobhunt.cli._common import complete_course
from jobhunt.dates import DATE_HELP
from tests import storeview

NOT_FOUND = "Error: no course with id 99 (hint: see the ids with: jobhunt course list)\n"
KINDS = "online, night-class, community-ed, certification, self-study"
BAD_DAY = "in --days; use mon, tue, wed, thu, fri, sat, sun (or full names), comma-separated\n"
BAD_DATE = "Error: invalid date 'someday': not a date I know (hint: " + DATE_HELP + ")\n"
HINT = "Log your progress with: jobhunt course log {} --hours H --progress P\n"


def add(jh, title: str = "SQL 101", *opts: str) -> int:
    return jh.json("course", "add", title, *opts)["course"]["id"]


def course_json(jh, course_id: int) -> dict:
    return jh.json("course", "show", str(course_id))["course"]


def dump(db: Path) -> list[str]:
    """Every row of the store, for 'nothing changed' checks."""
    return storeview.dump(db)


def records(db: Path) -> list[str]:
    """The rows of the store but the undo bookkeeping (a successful command is an undo step)."""
    return [line for line in dump(db) if not line.startswith('INSERT INTO "undo_')]


def failed(result, code: int, stderr: str) -> None:
    assert (result.exit_code, result.stderr, result.stdout) == (code, stderr, "")


def agenda(jh, *kinds: str, env: dict | None = None) -> list[tuple]:
    """(kind, message, course_id) of today's actions of the given kinds."""
    data = jh("today", "--json", env=env).stdout
    return [
        (a["kind"], a["message"], a["course_id"])
        for a in json.loads(data)["actions"]
        if a["kind"] in kinds
    ]


# --------------------------------------------------------------------------- add


def test_add_prints_id(jh) -> None:
    result = jh("course", "add", "SQL 101")
    assert result.stdout == "Added course 1: SQL 101.\n" + HINT.format(1)
    assert result.stderr == ""
    second = jh("course", "add", "Statistics", "--provider", "City College")
    assert second.stdout == "Added course 2: Statistics (City College).\n" + HINT.format(2)


def test_add_json_has_every_field(jh) -> None:
    data = jh.json(
        "course", "add", "SQL 101",
        "--provider", "Coursera",
        "--kind", "Night-Class",
        "--skill", "SQL,Postgres",
        "--skill", "sql",
        "--starts", "2026-12-01",
        "--ends", "2027-02-25",
        "--days", "tue,Thursday",
        "--hours", "3.5",
        "--cost", "$49 / month",
        "--url", "https://example.org/sql",
        "--note", "evenings",
    )  # fmt: skip
    course = data["course"]
    assert course.pop("created_at").startswith("20")
    assert data["version"] == 1
    assert course == {
        "id": 1,
        "title": "SQL 101",
        "status": "active",
        "added_on": "2026-11-27",
        "provider": "Coursera",
        "kind": "night-class",
        "starts_on": "2026-12-01",
        "ends_on": "2027-02-25",
        "days": ["tue", "thu"],
        "hours_per_week": 3.5,
        "cost": "$49 / month",
        "url": "https://example.org/sql",
        "note": "evenings",
        "skills": ["SQL", "Postgres"],
        "last_log": None,
    }


def test_add_dates_use_the_date_grammar(jh) -> None:
    add(jh, "A", "--starts", "mon", "--ends", "+4w")
    course = course_json(jh, 1)
    assert (course["starts_on"], course["ends_on"]) == ("2026-11-30", "2026-12-25")


@pytest.mark.parametrize(
    ("days", "names"),
    [
        ("tue,thu", ["tue", "thu"]),
        ("Thursday, tuesday", ["tue", "thu"]),
        ("MON wed", ["mon", "wed"]),
        ("tues,thurs,sat", ["tue", "thu", "sat"]),
        ("sun,sunday,SUN", ["sun"]),
        ("", []),
    ],
    ids=[
        "short",
        "full-names-any-order",
        "spaces-and-case",
        "longer-prefixes",
        "duplicates",
        "empty",
    ],
)
def test_add_days(jh, days: str, names: list[str]) -> None:
    add(jh, "A", "--days", days)
    assert course_json(jh, 1)["days"] == names


@pytest.mark.parametrize(
    ("days", "bad"),
    [("tue,foo", "foo"), ("t", "t"), ("tuesdays", "tuesdays"), ("mon;tue", "mon;tue"), ("1", "1")],
    ids=["unknown-word", "too-short", "too-long", "wrong-separator", "number"],
)
def test_add_bad_days_refused(jh, db_path: Path, days: str, bad: str) -> None:
    failed(
        jh("course", "add", "A", "--days", days, ok=False),
        2,
        f"Error: unknown day {bad!r} {BAD_DAY}",
    )
    assert not db_path.exists()


@pytest.mark.parametrize(
    ("given", "stored"),
    [("online", "online"), ("Self-Study", "self-study"), (" certification ", "certification")],
)
def test_add_kind_normalised(jh, given: str, stored: str) -> None:
    add(jh, "A", "--kind", given)
    assert course_json(jh, 1)["kind"] == stored


def test_add_unknown_kind_refused(jh, db_path: Path) -> None:
    failed(
        jh("course", "add", "A", "--kind", "bootcamp", ok=False),
        2,
        f"Error: unknown course kind 'bootcamp'; choose from: {KINDS}\n",
    )
    assert not db_path.exists()
    assert jh.json("course", "list", "--all")["courses"] == []


@pytest.mark.parametrize(
    ("hours", "stored"),
    [("0", 0.0), ("2", 2.0), ("1.5", 1.5), ("1,5", 1.5), (" 4 ", 4.0)],
)
def test_add_hours(jh, hours: str, stored: float) -> None:
    add(jh, "A", "--hours", hours)
    assert course_json(jh, 1)["hours_per_week"] == stored


@pytest.mark.parametrize("hours", ["-1", "-0.5", "abc", "nan", "inf", "1e999"])
def test_add_bad_hours_refused(jh, db_path: Path, hours: str) -> None:
    failed(
        jh("course", "add", "A", "--hours", hours, ok=False),
        2,
        f"Error: invalid hours {hours!r}: give a number of 0 or more, e.g. 1.5\n",
    )
    assert not db_path.exists()


def test_add_ends_before_starts_refused(jh, db_path: Path) -> None:
    add(jh, "First")
    before = dump(db_path)
    failed(
        jh("course", "add", "A", "--starts", "2026-12-01", "--ends", "2026-11-30", ok=False),
        2,
        "Error: the course ends (2026-11-30) before it starts (2026-12-01)\n",
    )
    assert dump(db_path) == before


def test_add_same_start_and_end_is_fine(jh) -> None:
    add(jh, "Workshop", "--starts", "2026-12-05", "--ends", "2026-12-05")
    assert course_json(jh, 1)["ends_on"] == "2026-12-05"


@pytest.mark.parametrize(
    ("title", "stderr"),
    [("", "Error: title must not be empty\n"), ("   ", "Error: title must not be blank\n")],
    ids=["empty", "blank"],
)
def test_add_empty_title_refused(jh, title: str, stderr: str) -> None:
    failed(jh("course", "add", title, ok=False), 2, stderr)
    assert jh.json("course", "list", "--all")["courses"] == []


def test_add_bad_date_refused(jh, db_path: Path) -> None:
    failed(jh("course", "add", "A", "--starts", "someday", ok=False), 2, BAD_DATE)
    assert not db_path.exists()


# --------------------------------------------------------------------------- list


@pytest.fixture
def three(jh) -> None:
    add(jh, "SQL 101", "--provider", "Coursera", "--skill", "SQL", "--skill", "Postgres")
    jh("course", "log", "1", "--hours", "1", "--on", "2026-11-20")
    add(jh, "Stats")
    jh("course", "done", "2")
    add(jh, "Excel", "--skill", "Excel")
    jh("course", "drop", "3")


LINE_SQL = "1\tSQL 101\tCoursera\tactive\tSQL, Postgres\t2026-11-20"
LINE_STATS = "2\tStats\t\tdone\t\t"
LINE_EXCEL = "3\tExcel\t\tdropped\tExcel\t"


@pytest.mark.parametrize(
    ("args", "lines"),
    [
        (("course", "list"), [LINE_SQL]),
        (("course",), [LINE_SQL]),
        (("course", "list", "--all"), [LINE_SQL, LINE_STATS, LINE_EXCEL]),
        (("course", "list", "-a"), [LINE_SQL, LINE_STATS, LINE_EXCEL]),
    ],
    ids=["active-only", "default-command-lists", "all", "all-short"],
)
def test_list_plain_tab_separated(jh, three, args, lines) -> None:
    result = jh(*args)
    assert result.stdout == "".join(line + "\n" for line in lines)
    assert result.stderr == ""


def test_list_json(jh, three) -> None:
    assert [c["id"] for c in jh.json("course", "list")["courses"]] == [1]
    courses = jh.json("course", "list", "--all")["courses"]
    assert [(c["id"], c["status"], c["last_log"]) for c in courses] == [
        (1, "active", "2026-11-20"),
        (2, "done", None),
        (3, "dropped", None),
    ]


def test_list_empty(jh) -> None:
    assert jh("course", "list").stdout == ""
    assert jh.json("course", "list") == {"version": 1, "courses": []}


# --------------------------------------------------------------------------- show


@pytest.fixture
def logged(jh) -> None:
    add(
        jh, "SQL 101", "--provider", "Coursera", "--kind", "online", "--skill", "SQL",
        "--starts", "2026-11-02", "--days", "tue,thu", "--hours", "3", "--cost", "free",
    )  # fmt: skip
    jh("course", "log", "1", "--hours", "1.5", "--progress", "10", "--on", "2026-11-12")
    jh("course", "log", "1", "--hours", "2", "--on", "2026-11-19", "--note", "joins")
    jh("course", "log", "1", "--progress", "35%", "--on", "2026-11-05")


def test_show_fields_log_total_and_progress(jh, logged) -> None:
    assert jh("course", "show", "1").stdout == (
        "Course 1\n"
        "Title: SQL 101\n"
        "Provider: Coursera\n"
        "Kind: online\n"
        "Status: active\n"
        "Skills: SQL\n"
        "Starts: 2026-11-02\n"
        "Sessions: Tue, Thu\n"
        "Hours a week: 3\n"
        "Cost: free\n"
        "Added: 2026-11-27\n"
        "Last logged: 2026-11-19\n"
        "Total hours: 3.5\n"
        "Progress: 10%\n"
        "Log due by: 2026-12-04\n"
        "\n"
        "== Log ==\n"
        "2026-11-05\t\t35%\t\n"
        "2026-11-12\t1.5\t10%\t\n"
        "2026-11-19\t2\t\tjoins\n"
    )


def test_show_json(jh, logged) -> None:
    data = jh.json("course", "show", "1")
    assert data["course"]["last_log"] == "2026-11-19"
    assert data["logs"] == [
        {"id": 3, "on": "2026-11-05", "hours": None, "progress": 35, "note": None},
        {"id": 1, "on": "2026-11-12", "hours": 1.5, "progress": 10, "note": None},
        {"id": 2, "on": "2026-11-19", "hours": 2.0, "progress": None, "note": "joins"},
    ]
    assert (data["total_hours"], data["progress"], data["next_nudge"]) == (3.5, 10, "2026-12-04")


def test_show_without_log(jh) -> None:
    add(jh, "Stats")
    jh("course", "done", "1")
    assert jh("course", "show", "1").stdout == (
        "Course 1\nTitle: Stats\nStatus: done\nAdded: 2026-11-27\nTotal hours: 0\n\n== Log ==\n"
    )
    data = jh.json("course", "show", "1")
    assert (data["logs"], data["total_hours"], data["progress"], data["next_nudge"]) == (
        [],
        0,
        None,
        None,
    )


# --------------------------------------------------------------------------- edit


def test_edit_every_field(jh) -> None:
    add(jh, "SQL", "--skill", "SQL")
    result = jh(
        "course", "edit", "1",
        "--title", "SQL 201",
        "--provider", "Library",
        "--kind", "community-ed",
        "--skill", "SQL", "--skill", "dbt",
        "--starts", "2026-11-30",
        "--ends", "2026-12-18",
        "--days", "mon,wed,fri",
        "--hours", "4",
        "--cost", "10",
        "--url", "https://lib.example",
        "--note", "room 4",
    )  # fmt: skip
    assert result.stdout == (
        "Changed title, provider, cost, url, note, kind, starts_on, ends_on, days, "
        "hours_per_week, skills of course 1.\n"
    )
    course = course_json(jh, 1)
    del course["created_at"]
    assert course == {
        "id": 1,
        "title": "SQL 201",
        "status": "active",
        "added_on": "2026-11-27",
        "provider": "Library",
        "kind": "community-ed",
        "starts_on": "2026-11-30",
        "ends_on": "2026-12-18",
        "days": ["mon", "wed", "fri"],
        "hours_per_week": 4.0,
        "cost": "10",
        "url": "https://lib.example",
        "note": "room 4",
        "skills": ["SQL", "dbt"],
        "last_log": None,
    }


def test_edit_empty_clears_optional_fields(jh) -> None:
    add(
        jh, "SQL", "--provider", "P", "--kind", "online", "--skill", "SQL", "--starts", "2026-11-01",
        "--ends", "2026-12-01", "--days", "tue", "--hours", "2", "--cost", "9", "--url", "u",
        "--note", "n",
    )  # fmt: skip
    data = jh.json(
        "course", "edit", "1", "--provider", "", "--kind", "", "--skill", "", "--starts", "",
        "--ends", "", "--days", "", "--hours", "", "--cost", "", "--url", "", "--note", "",
    )  # fmt: skip
    course = data["course"]
    assert data["changed"] == [
        "provider", "cost", "url", "note", "kind", "starts_on", "ends_on", "days",
        "hours_per_week", "skills",
    ]  # fmt: skip
    assert [course[k] for k in ("provider", "kind", "starts_on", "ends_on", "hours_per_week")] == [
        None,
        None,
        None,
        None,
        None,
    ]
    assert [course[k] for k in ("cost", "url", "note", "days", "skills")] == [
        None,
        None,
        None,
        [],
        [],
    ]


def test_edit_same_values_changes_nothing(jh, db_path: Path) -> None:
    add(jh, "SQL", "--kind", "online")
    before = records(db_path)
    assert jh("course", "edit", "1", "--title", "SQL", "--kind", "ONLINE").stdout == (
        "Course 1 already had those values; nothing changed.\n"
    )
    assert records(db_path) == before


def test_edit_nothing_to_change(jh, db_path: Path) -> None:
    add(jh)
    before = dump(db_path)
    failed(
        jh("course", "edit", "1", ok=False),
        2,
        "Error: nothing to change; give at least one option (see: jobhunt course edit --help)\n",
    )
    assert dump(db_path) == before


@pytest.mark.parametrize(
    ("args", "stderr"),
    [
        (
            ("--ends", "2026-11-01"),
            "Error: the course ends (2026-11-01) before it starts (2026-11-10)\n",
        ),
        (
            ("--starts", "2026-12-21"),
            "Error: the course ends (2026-12-20) before it starts (2026-12-21)\n",
        ),
        (("--kind", "bootcamp"), f"Error: unknown course kind 'bootcamp'; choose from: {KINDS}\n"),
        (("--days", "mon,xyz"), f"Error: unknown day 'xyz' {BAD_DAY}"),
        (("--hours", "-2"), "Error: invalid hours '-2': give a number of 0 or more, e.g. 1.5\n"),
        (("--title", ""), "Error: title must not be empty\n"),
        (("--starts", "someday"), BAD_DATE),
        (
            ("--title", "New", "--ends", "2026-11-09"),
            "Error: the course ends (2026-11-09) before it starts (2026-11-10)\n",
        ),
    ],
    ids=[
        "ends-before-existing-start",
        "starts-after-existing-end",
        "bad-kind",
        "bad-day",
        "negative-hours",
        "empty-title",
        "bad-date",
        "nothing-half-written",
    ],
)
def test_edit_bad_input_writes_nothing(jh, db_path: Path, args, stderr: str) -> None:
    add(jh, "SQL", "--starts", "2026-11-10", "--ends", "2026-12-20")
    before = dump(db_path)
    failed(jh("course", "edit", "1", *args, ok=False), 2, stderr)
    assert dump(db_path) == before


# --------------------------------------------------------------------------- rm


def test_rm_yes_deletes_course_and_log(jh, db_path: Path) -> None:
    add(jh, "SQL", "--skill", "SQL")
    add(jh, "Stats")
    jh("course", "log", "1", "--hours", "1")
    assert jh("course", "rm", "1", "--yes").stdout == "Deleted course 1.\n"
    assert [c["id"] for c in jh.json("course", "list", "--all")["courses"]] == [2]
    counts = [storeview.count(db_path, t) for t in ("course_log", "course_skill")]
    assert counts == [0, 0]


def test_rm_json(jh) -> None:
    add(jh, "SQL")
    data = jh.json("course", "rm", "1", "-y")
    assert (data["deleted"]["id"], data["deleted"]["title"]) == (1, "SQL")
    failed(jh("course", "show", "1", ok=False), 3, NOT_FOUND.replace("99", "1"))


def test_rm_without_yes_and_no_tty_is_refused(jh, db_path: Path) -> None:
    add(jh, "SQL")
    before = dump(db_path)
    failed(
        jh("course", "rm", "1", ok=False),
        2,
        "Error: Delete course 1 (SQL) and its log? Refusing without --yes when not run "
        "interactively\n",
    )
    assert dump(db_path) == before


# --------------------------------------------------------------------------- log


@pytest.mark.parametrize(
    ("args", "stdout", "entry"),
    [
        (
            ("--hours", "1.5", "--progress", "40", "--note", "ch. 3"),
            "Logged course 1 (SQL) on 2026-11-27: 1.5 hours, 40% done.\n",
            {"on": "2026-11-27", "hours": 1.5, "progress": 40, "note": "ch. 3"},
        ),
        (
            ("--hours", "1", "--on", "yesterday"),
            "Logged course 1 (SQL) on 2026-11-26: 1 hour.\n",
            {"on": "2026-11-26", "hours": 1.0, "progress": None, "note": None},
        ),
        (
            ("--progress", "0%"),
            "Logged course 1 (SQL) on 2026-11-27: 0% done.\n",
            {"on": "2026-11-27", "hours": None, "progress": 0, "note": None},
        ),
        (
            ("--on", "2026-11-20"),
            "Logged course 1 (SQL) on 2026-11-20.\n",
            {"on": "2026-11-20", "hours": None, "progress": None, "note": None},
        ),
        (
            ("--progress", "100"),
            "Logged course 1 (SQL) on 2026-11-27: 100% done.\n"
            "Finished? Mark it done: jobhunt course done 1\n",
            {"on": "2026-11-27", "hours": None, "progress": 100, "note": None},
        ),
    ],
    ids=[
        "hours-progress-note",
        "one-hour-yesterday",
        "zero-percent",
        "bare-log-back-dated",
        "finished",
    ],
)
def test_log(jh, args, stdout: str, entry: dict) -> None:
    add(jh, "SQL")
    assert jh("course", "log", "1", *args).stdout == stdout
    (logged,) = jh.json("course", "show", "1")["logs"]
    assert logged == {"id": 1, **entry}


def test_log_json(jh) -> None:
    jh("course", "add", "SQL", env={"JOBHUNT_TODAY": "2026-11-01"})
    jh("course", "log", "1", "--hours", "2", "--progress", "20", "--on", "2026-11-25")
    data = jh.json("course", "log", "1", "--hours", "0.5", "--on", "2026-11-20")
    assert data["log"] == {
        "id": 2,
        "on": "2026-11-20",
        "hours": 0.5,
        "progress": None,
        "note": None,
    }
    assert (data["course"]["last_log"], data["total_hours"], data["progress"]) == (
        "2026-11-25",
        2.5,
        20,
    )
    assert data["next_nudge"] == "2026-12-02"


@pytest.mark.parametrize(
    ("args", "stderr"),
    [
        (("--progress", "150"), "Error: invalid progress '150': give a percentage from 0 to 100\n"),
        (
            ("--progress", "101%"),
            "Error: invalid progress '101%': give a percentage from 0 to 100\n",
        ),
        (("--progress", "-5"), "Error: invalid progress '-5': give a percentage from 0 to 100\n"),
        (
            ("--progress", "half"),
            "Error: invalid progress 'half': give a percentage from 0 to 100\n",
        ),
        (
            ("--progress", "40.5"),
            "Error: invalid progress '40.5': give a percentage from 0 to 100\n",
        ),
        (("--hours", "-1"), "Error: invalid hours '-1': give a number of 0 or more, e.g. 1.5\n"),
        (("--hours", "nan"), "Error: invalid hours 'nan': give a number of 0 or more, e.g. 1.5\n"),
        (("--on", "someday"), BAD_DATE),
    ],
    ids=[
        "progress-150",
        "progress-101-percent",
        "progress-negative",
        "progress-word",
        "progress-fraction",
        "negative-hours",
        "nan-hours",
        "bad-date",
    ],
)
def test_log_bad_input_writes_nothing(jh, db_path: Path, args, stderr: str) -> None:
    add(jh, "SQL")
    before = dump(db_path)
    failed(jh("course", "log", "1", *args, ok=False), 2, stderr)
    assert dump(db_path) == before


# --------------------------------------------------------------------------- done / drop


def test_done_and_drop(jh) -> None:
    add(jh, "SQL")
    add(jh, "Stats")
    assert jh("course", "done", "1").stdout == "Course 1 (SQL): active -> done.\n"
    assert jh("course", "drop", "2").stdout == "Course 2 (Stats): active -> dropped.\n"
    assert jh("course", "done", "1").stdout == "Course 1 (SQL) was already done.\n"
    assert jh("course", "done", "2").stdout == "Course 2 (Stats): dropped -> done.\n"
    assert jh("course", "list").stdout == ""


def test_done_and_drop_json(jh) -> None:
    add(jh, "SQL")
    data = jh.json("course", "drop", "1")
    assert (data["previous"], data["course"]["status"]) == ("active", "dropped")
    data = jh.json("course", "done", "1")
    assert (data["previous"], data["course"]["status"]) == ("dropped", "done")


# --------------------------------------------------------------------------- unknown ids

UNKNOWN_ID = [
    ("course", "show", "99"),
    ("course", "show", "99", "--json"),
    ("course", "edit", "99", "--title", "x"),
    ("course", "edit", "99", "--skill", "SQL"),
    ("course", "rm", "99", "--yes"),
    ("course", "rm", "99"),
    ("course", "log", "99", "--hours", "1"),
    ("course", "log", "99", "--json"),
    ("course", "done", "99"),
    ("course", "drop", "99"),
]


@pytest.mark.parametrize("args", UNKNOWN_ID, ids=lambda a: " ".join(a[1:]))
def test_unknown_id(jh, db_path: Path, args: tuple[str, ...]) -> None:
    add(jh)
    before = dump(db_path)
    failed(jh(*args, ok=False), 3, NOT_FOUND)
    assert dump(db_path) == before


def test_completion_lists_course_ids(jh) -> None:
    add(jh, "SQL 101")
    add(jh, "Stats")
    assert complete_course(None, "") == [("2", "Stats"), ("1", "SQL 101")]  # type: ignore[arg-type]
    assert complete_course(None, "1") == [("1", "SQL 101")]  # type: ignore[arg-type]


# --------------------------------------------------------------------------- skills


def test_skills_add_list_rm(jh) -> None:
    assert jh("skills", "add", "SQL", "python,Excel").stdout == (
        "Added to your skills: SQL, python, Excel.\n"
    )
    assert jh("skills", "add", "sql", "Go").stdout == (
        "Added to your skills: Go.\nAlready had: sql.\n"
    )
    assert jh("skills", "add", "PYTHON").stdout == "Already had: PYTHON.\n"
    assert jh("skills", "list").stdout == "Excel\nGo\npython\nSQL\n"
    assert jh("skills").stdout == "Excel\nGo\npython\nSQL\n"
    assert jh("skills", "rm", "Python", "go").stdout == "Removed from your skills: python, Go.\n"
    assert jh.json("skills", "list") == {"version": 1, "skills": ["Excel", "SQL"]}


def test_skills_json(jh) -> None:
    assert jh.json("skills", "add", "SQL", "Go") == {
        "version": 1,
        "added": ["SQL", "Go"],
        "skills": ["Go", "SQL"],
    }
    assert jh.json("skills", "rm", "sql") == {"version": 1, "removed": ["SQL"], "skills": ["Go"]}


def test_skills_rm_unknown_removes_nothing(jh, db_path: Path) -> None:
    jh("skills", "add", "SQL")
    before = dump(db_path)
    failed(
        jh("skills", "rm", "sql", "Cobol", ok=False),
        3,
        "Error: you have no skill named 'Cobol' (hint: see them with: jobhunt skills list)\n",
    )
    assert dump(db_path) == before


@pytest.mark.parametrize("verb", ["add", "rm"])
def test_skills_empty_name_refused(jh, db_path: Path, verb: str) -> None:
    failed(jh("skills", verb, " , ", ok=False), 2, "Error: give at least one skill name\n")
    assert not db_path.exists()


def test_skills_need_an_argument(jh) -> None:
    result = jh("skills", "add", ok=False)
    assert result.exit_code == 2
    assert "Missing argument 'SKILL...'" in result.stderr


# --------------------------------------------------------------------------- the agenda


def test_skills_and_courses_close_the_gap_on_the_agenda(jh) -> None:
    jh("add", "Acme", "Analyst", "--skill", "SQL,Excel")
    jh("add", "Beta", "Analyst", "--skill", "sql")
    assert agenda(jh, "skill_gap", "start_course") == [
        (
            "start_course",
            "Start a course in SQL: 2 of your 2 active applications ask for it, and you study "
            "nothing now",
            None,
        )
    ]
    add(jh, "Spreadsheets", "--skill", "Excel")
    assert agenda(jh, "skill_gap", "start_course") == [
        (
            "skill_gap",
            "2 of your 2 active applications ask for SQL; nothing you have or study covers it",
            None,
        )
    ]
    jh("skills", "add", "Sql")
    assert agenda(jh, "skill_gap", "start_course") == []


def test_log_clears_the_idle_nudge(jh) -> None:
    jh("course", "add", "SQL", "--days", "fri", env={"JOBHUNT_TODAY": "2026-11-20"})
    assert agenda(jh, "course_nudge", "course_session") == [
        ("course_session", "Course session today: SQL", 1),
        ("course_nudge", "Log progress on SQL: nothing logged for 7 days", 1),
    ]
    jh("course", "log", "1", "--hours", "2")
    assert agenda(jh, "course_nudge", "course_session") == [
        ("course_session", "Course session today: SQL", 1)
    ]
    jh("course", "drop", "1")
    assert agenda(jh, "course_nudge", "course_session") == []


# --------------------------------------------------------------------------- hostile text

MARKUP = "[bold]x[/]"
CONTROL = "a\x1b[2Jb"


def test_markup_and_control_characters_round_trip_in_json(jh) -> None:
    data = jh.json(
        "course", "add", CONTROL, "--provider", MARKUP, "--skill", MARKUP, "--note", "x\ny"
    )
    course = data["course"]
    assert (course["title"], course["provider"], course["skills"], course["note"]) == (
        CONTROL,
        MARKUP,
        [MARKUP],
        "x\ny",
    )
    assert jh.json("course", "list")["courses"][0]["title"] == CONTROL
    assert jh.json("skills", "add", CONTROL)["added"] == [CONTROL]


def test_markup_and_control_characters_escaped_in_plain_output(jh) -> None:
    assert jh("course", "add", CONTROL, "--provider", MARKUP).stdout == (
        "Added course 1: a\\x1b[2Jb ([bold]x[/]).\n" + HINT.format(1)
    )
    jh("course", "edit", "1", "--skill", MARKUP, "--note", "x\ny")
    assert jh("course", "list").stdout == "1\ta\\x1b[2Jb\t[bold]x[/]\tactive\t[bold]x[/]\t\n"
    show = jh("course", "show", "1").stdout
    assert "Title: a\\x1b[2Jb\n" in show
    assert "Note: x\\ny\n" in show
    assert jh("course", "log", "1", "--note", CONTROL).stdout == (
        "Logged course 1 (a\\x1b[2Jb) on 2026-11-27.\n"
    )
    assert jh("course", "show", "1").stdout.endswith("== Log ==\n2026-11-27\t\t\ta\\x1b[2Jb\n")
    assert jh("course", "done", "1").stdout == "Course 1 (a\\x1b[2Jb): active -> done.\n"
    assert jh("skills", "add", CONTROL, MARKUP).stdout == (
        "Added to your skills: a\\x1b[2Jb, [bold]x[/].\n"
    )
    assert jh("skills", "list").stdout == "[bold]x[/]\na\\x1b[2Jb\n"


@pytest.mark.parametrize(
    "args",
    [
        ("course", "list"),
        ("course", "show", "1"),
        ("course", "done", "1"),
        ("skills", "list"),
    ],
    ids=lambda a: " ".join(a),
)
def test_markup_and_control_characters_literal_on_a_terminal(jh, args) -> None:
    jh("course", "add", CONTROL, "--provider", MARKUP, "--skill", MARKUP)
    jh("skills", "add", MARKUP, CONTROL)
    out = jh(*args, env={"JOBHUNT_FORCE_TERMINAL": "1"}).stdout
    assert "\x1b" not in out
    assert "[bold]x[/]" in out or args == ("course", "done", "1")
    assert "a\\x1b[2Jb" in out


# --------------------------------------------------------------------------- help


@pytest.mark.parametrize(
    "args",
    [
        ("course",),
        ("course", "add"),
        ("course", "list"),
        ("course", "show"),
        ("course", "edit"),
        ("course", "rm"),
        ("course", "log"),
        ("course", "done"),
        ("course", "drop"),
        ("skills",),
        ("skills", "add"),
        ("skills", "rm"),
        ("skills", "list"),
    ],
    ids=lambda a: " ".join(a),
)
def test_every_command_has_help_and_json(jh, args) -> None:
    out = jh(*args, "--help").stdout
    assert out.startswith("Usage: ")
    assert "\n  " in out.split("Options:")[0]  # a help text above the options
    if len(args) == 2:
        assert "--json" in out


def test_root_help_lists_course_and_skills(jh) -> None:
    out = jh("--help").stdout
    assert "\n  course " in out
    assert "\n  skills " in out
