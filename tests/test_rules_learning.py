"""The learning and keep-active rules as tables: fixed days, frozen records, exact actions.

Each rule has a table with its boundary days: the day before shows nothing, the day
itself shows the action. Weekly suggestions are checked through `rules.plan`, which
applies the once-a-week limit.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from datetime import date, timedelta

import pytest

from jobhunt import rules
from jobhunt.records import Application, AppliedDay, Course, Snapshot
from jobhunt.rules import Policy
from jobhunt.rules.learning import learning_actions

FRI = date(2026, 11, 27)  # the suite's "today", a Friday
POLICY = Policy()
LEARN_KINDS = ("course_session", "course_nudge", "skill_gap", "start_course", "stay_active")


def d(text: str) -> date:
    return date.fromisoformat(text)


def course(
    course_id: int = 1,
    *,
    title: str = "SQL 101",
    status: str = "active",
    added: str = "2026-11-01",
    starts: str | None = None,
    ends: str | None = None,
    days: tuple[int, ...] = (),
    skills: tuple[str, ...] = (),
    last_log: str | None = None,
    provider: str | None = None,
) -> Course:
    return Course(
        id=course_id,
        title=title,
        status=status,
        added_on=d(added),
        provider=provider,
        starts_on=d(starts) if starts else None,
        ends_on=d(ends) if ends else None,
        days=days,
        skills=skills,
        last_log=d(last_log) if last_log else None,
    )


def app(
    app_id: int,
    *skills: str,
    status: str = "applied",
    applied: str | None = "2026-11-02",
    job_type: str | None = None,
    company: str = "Acme",
) -> Application:
    return Application(
        id=app_id,
        company=company,
        role="Dev",
        status=status,
        applied_on=d(applied) if applied else None,
        job_type=job_type,
        skills=skills,
    )


def applied(days_ago: int, job_type: str | None, app_id: int = 100) -> AppliedDay:
    return AppliedDay(app_id, FRI - timedelta(days=days_ago), job_type, "applied")


def learn(snapshot: Snapshot, today: date | str = FRI, policy: Policy = POLICY) -> list:
    """(kind, due, course_id) of the rules' actions, in the order they are yielded."""
    today = d(today) if isinstance(today, str) else today
    return [
        (a.kind, a.due.isoformat(), a.course_id)
        for a in learning_actions(snapshot, today=today, policy=policy)
    ]


def planned(snapshot: Snapshot, today: date = FRI, policy: Policy = POLICY) -> list:
    """(kind, section, due, overdue_days, message) of the planned learning actions."""
    return [
        (a.kind, a.section, a.due.isoformat(), a.overdue_days, a.message)
        for a in rules.plan(snapshot, today=today, policy=policy)
        if a.kind in LEARN_KINDS
    ]


# An active course with no skills and a recent log: no nudge, covers nothing.
BUSY = course(9, title="Busy", last_log="2026-11-27")
# A permanent offer accepted: the search is over.
ENDED = (app(50, status="accepted", job_type="full-time"),)


# --------------------------------------------------------------------------- 1. sessions

EVERY_DAY = (0, 1, 2, 3, 4, 5, 6)
TUE_THU = (1, 3)


@pytest.mark.parametrize(
    ("the_course", "today", "expected"),
    [
        (course(days=EVERY_DAY, starts="2026-11-10"), "2026-11-09", []),
        (course(days=EVERY_DAY, starts="2026-11-10"), "2026-11-10", ["2026-11-10"]),
        (course(days=EVERY_DAY, ends="2026-12-17"), "2026-12-17", ["2026-12-17"]),
        (course(days=EVERY_DAY, ends="2026-12-17"), "2026-12-18", []),
        (course(days=EVERY_DAY, added="2026-11-20"), "2026-11-19", []),
        (course(days=EVERY_DAY, added="2026-11-20"), "2026-11-20", ["2026-11-20"]),
        (course(days=TUE_THU), "2026-11-24", ["2026-11-24"]),
        (course(days=TUE_THU), "2026-11-25", []),
        (course(days=TUE_THU), "2026-11-26", ["2026-11-26"]),
        (course(days=TUE_THU), "2026-11-27", []),
        (course(days=TUE_THU), "2030-01-01", ["2030-01-01"]),
        (course(days=EVERY_DAY, starts="2026-12-01", added="2026-11-20"), "2026-11-27", []),
        (course(days=EVERY_DAY, status="done"), "2026-11-27", []),
        (course(days=EVERY_DAY, status="dropped"), "2026-11-27", []),
        (course(days=()), "2026-11-27", []),
    ],
    ids=[
        "day-before-start",
        "start-day",
        "end-day",
        "day-after-end",
        "day-before-added-no-start",
        "added-day-no-start",
        "tuesday",
        "wednesday-not-a-session-day",
        "thursday",
        "friday-not-a-session-day",
        "no-end-is-open-ended",
        "start-in-future-wins-over-added",
        "done-course",
        "dropped-course",
        "no-session-days",
    ],
)
def test_course_session(the_course: Course, today: str, expected: list[str]) -> None:
    # last_log today on the session day keeps the idle nudge out of the way
    snapshot = Snapshot(courses=(replace(the_course, last_log=d(today)),))
    assert [due for kind, due, _ in learn(snapshot, today) if kind == "course_session"] == expected


def test_course_session_message_why_and_command() -> None:
    the_course = course(
        3, days=TUE_THU, starts="2026-11-03", ends="2027-01-28", provider="City College"
    )
    (action,) = (
        a
        for a in learning_actions(
            Snapshot(courses=(the_course,)), today=d("2026-11-26"), policy=POLICY
        )
        if a.kind == "course_session"
    )
    assert (action.section, action.due, action.course_id, action.nudge_key) == (
        "learn",
        d("2026-11-26"),
        3,
        None,
    )
    assert action.message == "Course session today: SQL 101 (City College)"
    assert action.why == "weekly sessions on Tue, Thu from 2026-11-03 to 2027-01-28"
    assert action.command == "jobhunt course log 3"


def test_course_session_open_ended_why_counts_from_added() -> None:
    (action,) = (
        a
        for a in learning_actions(
            Snapshot(courses=(course(days=(4,), last_log="2026-11-27"),)), today=FRI, policy=POLICY
        )
        if a.kind == "course_session"
    )
    assert action.why == "weekly sessions on Fri from 2026-11-01"


def test_course_session_survives_the_end_of_the_search() -> None:
    snapshot = Snapshot(courses=(course(days=(4,)),), accepted=ENDED)
    assert learn(snapshot) == [("course_session", "2026-11-27", 1)]


# --------------------------------------------------------------------------- 2. idle nudge


@pytest.mark.parametrize(
    ("the_course", "today", "expected"),
    [
        (course(last_log="2026-11-20"), "2026-11-26", []),
        (course(last_log="2026-11-20"), "2026-11-27", ["2026-11-27"]),
        (course(last_log="2026-11-13"), "2026-11-27", ["2026-11-20"]),
        (course(added="2026-11-20"), "2026-11-26", []),
        (course(added="2026-11-20"), "2026-11-27", ["2026-11-27"]),
        (course(starts="2026-11-20"), "2026-11-26", []),
        (course(starts="2026-11-20"), "2026-11-27", ["2026-11-27"]),
        (course(starts="2026-10-01", added="2026-11-20"), "2026-11-27", ["2026-11-27"]),
        (course(starts="2026-12-10"), "2026-11-27", []),
        (course(starts="2026-12-10"), "2026-12-16", []),
        (course(starts="2026-12-10"), "2026-12-17", ["2026-12-17"]),
        (course(starts="2026-11-20", last_log="2026-11-05"), "2026-11-27", ["2026-11-27"]),
        (course(last_log="2026-12-01"), "2026-12-07", []),
        (course(last_log="2026-11-01", status="done"), "2026-11-27", []),
        (course(last_log="2026-11-01", status="dropped"), "2026-11-27", []),
    ],
    ids=[
        "day-6-after-log-nothing",
        "day-7-after-log-due",
        "day-14-after-log-due-a-week-ago",
        "day-6-after-added-nothing",
        "day-7-after-added-due",
        "day-6-after-start-nothing",
        "day-7-after-start-due",
        "added-after-start-counts-from-added",
        "not-started-yet",
        "day-6-after-future-start-nothing",
        "day-7-after-future-start-due",
        "log-before-start-counts-from-start",
        "future-log-not-due",
        "done-course",
        "dropped-course",
    ],
)
def test_course_nudge(the_course: Course, today: str, expected: list[str]) -> None:
    snapshot = Snapshot(courses=(the_course,))
    assert [due for kind, due, _ in learn(snapshot, today) if kind == "course_nudge"] == expected


@pytest.mark.parametrize(
    ("the_course", "message", "why", "command"),
    [
        (
            course(4, last_log="2026-11-13"),
            "Log progress on SQL 101: nothing logged for 14 days",
            "last logged 2026-11-13; a nudge after 7 days with nothing logged",
            "jobhunt course log 4",
        ),
        (
            course(4, starts="2026-11-19", added="2026-11-02"),
            "Log progress on SQL 101: nothing logged for 8 days",
            "started 2026-11-19; a nudge after 7 days with nothing logged",
            "jobhunt course log 4",
        ),
        (
            course(4, added="2026-11-20"),
            "Log progress on SQL 101: nothing logged for 7 days",
            "added 2026-11-20; a nudge after 7 days with nothing logged",
            "jobhunt course log 4",
        ),
        (
            course(4, ends="2026-11-25", last_log="2026-11-18"),
            "SQL 101 ended on 2026-11-25: log your last progress and mark it done",
            "last logged 2026-11-18; a nudge after 7 days with nothing logged",
            "jobhunt course done 4",
        ),
    ],
    ids=["from-last-log", "from-start", "from-added", "ended-suggests-done"],
)
def test_course_nudge_message_why_and_command(the_course, message, why, command) -> None:
    (action,) = learning_actions(Snapshot(courses=(the_course,)), today=FRI, policy=POLICY)
    assert (action.kind, action.section, action.course_id, action.nudge_key) == (
        "course_nudge",
        "learn",
        4,
        None,
    )
    assert (action.message, action.why, action.command) == (message, why, command)


def test_course_nudge_is_overdue_in_the_plan() -> None:
    snapshot = Snapshot(courses=(course(last_log="2026-11-13"),))
    assert planned(snapshot) == [
        (
            "course_nudge",
            "learn",
            "2026-11-20",
            7,
            "Log progress on SQL 101: nothing logged for 14 days",
        )
    ]


@pytest.mark.parametrize(
    ("idle_days", "expected"),
    [(14, []), (13, ["2026-11-27"]), (0, [])],
    ids=["policy-14-not-yet", "policy-13-due", "policy-0-off"],
)
def test_course_nudge_policy(idle_days: int, expected: list[str]) -> None:
    snapshot = Snapshot(courses=(course(last_log="2026-11-14"),))
    policy = Policy(course_idle_days=idle_days)
    assert [due for kind, due, _ in learn(snapshot, policy=policy) if kind == "course_nudge"] == (
        expected
    )


def test_course_nudge_stops_when_the_search_ends() -> None:
    snapshot = Snapshot(courses=(course(last_log="2026-11-01"),), accepted=ENDED)
    assert learn(snapshot) == []


# --------------------------------------------------------------------------- 3. skill gaps


def gap_messages(snapshot: Snapshot) -> list[str]:
    return [
        a.message
        for a in learning_actions(snapshot, today=FRI, policy=POLICY)
        if a.kind == "skill_gap"
    ]


SIX = (
    app(1, "SQL", "Python", applied="2026-11-05"),
    app(2, "sql", applied="2026-11-03"),
    app(3, "Sql", "Excel", status="interviewing"),
    app(4, "SQL", "python", status="offer"),
    app(5, "Go"),
    app(6),
)


@pytest.mark.parametrize(
    ("apps", "extra", "expected"),
    [
        (
            SIX,
            {},
            ["4 of your 6 active applications ask for SQL; nothing you have or study covers it"],
        ),
        (
            SIX,
            {"skills": ("sql",)},
            ["2 of your 6 active applications ask for Python; nothing you have or study covers it"],
        ),
        (
            SIX,
            {"skills": ("SQL", "PYTHON")},
            ["1 of your 6 active applications asks for Excel; nothing you have or study covers it"],
        ),
        (
            SIX,
            {"courses": (BUSY, course(2, skills=("Sql",), last_log="2026-11-27"))},
            ["2 of your 6 active applications ask for Python; nothing you have or study covers it"],
        ),
        (
            SIX,
            {"courses": (BUSY, course(2, status="done", skills=("SQL",)))},
            ["2 of your 6 active applications ask for Python; nothing you have or study covers it"],
        ),
        (
            SIX,
            {"courses": (BUSY, course(2, status="dropped", skills=("SQL",)))},
            ["4 of your 6 active applications ask for SQL; nothing you have or study covers it"],
        ),
        (
            (*SIX, app(7, "Rust", "Rust", "rust", status="saved"), app(8, "Rust", status="saved")),
            {},
            ["4 of your 6 active applications ask for SQL; nothing you have or study covers it"],
        ),
        (
            (app(1, "Java"), app(2, "Go"), app(3, "java"), app(4, "go")),
            {},
            ["2 of your 4 active applications ask for Go; nothing you have or study covers it"],
        ),
        (
            (app(1, "Kotlin", "kotlin", "KOTLIN"), app(2)),
            {},
            [
                "1 of your 2 active applications asks for Kotlin; nothing you have or study covers it"
            ],
        ),
        (
            (app(1, "SQL"),),
            {},
            ["1 of your 1 active application asks for SQL; nothing you have or study covers it"],
        ),
        ((app(1, "SQL"),), {"skills": ("Sql",)}, []),
        ((app(1), app(2)), {}, []),
        ((app(1, "SQL", status="saved"),), {}, []),
        ((app(1, "SQL", status="rejected"),), {}, []),
        ((), {}, []),
        ((app(1, "SQL"),), {"accepted": ENDED}, []),
    ],
    ids=[
        "most-asked-case-insensitive-first-spelling",
        "skill-you-have-removed",
        "skills-you-have-any-case",
        "covered-by-active-course",
        "covered-by-done-course",
        "dropped-course-covers-nothing",
        "saved-applications-not-counted",
        "tie-alphabetical",
        "one-application-counts-once",
        "singular",
        "all-covered",
        "no-skills-asked",
        "only-saved",
        "closed-application-ignored",
        "no-applications",
        "search-ended",
    ],
)
def test_skill_gap(apps, extra, expected) -> None:
    extra = {"courses": (BUSY,), **extra}
    assert gap_messages(Snapshot(open_applications=apps, **extra)) == expected


def test_skill_gap_why_command_and_key() -> None:
    snapshot = Snapshot(open_applications=SIX, courses=(BUSY,))
    (action,) = (
        a for a in learning_actions(snapshot, today=FRI, policy=POLICY) if a.kind == "skill_gap"
    )
    assert (action.section, action.due, action.course_id, action.nudge_key) == (
        "learn",
        FRI,
        None,
        "skill_gap:sql",
    )
    assert action.why == (
        "the skill your active applications ask for most (asked since 2026-11-02); "
        "already have it? jobhunt skills add SQL"
    )
    assert action.command == "jobhunt course add TITLE --skill SQL"


def test_skill_gap_quotes_the_skill_in_commands() -> None:
    snapshot = Snapshot(open_applications=(app(1, "C++ & Qt", applied=None),), courses=(BUSY,))
    (action,) = (
        a for a in learning_actions(snapshot, today=FRI, policy=POLICY) if a.kind == "skill_gap"
    )
    assert action.command == "jobhunt course add TITLE --skill 'C++ & Qt'"
    assert action.why == (
        "the skill your active applications ask for most; already have it? "
        "jobhunt skills add 'C++ & Qt'"
    )
    assert action.nudge_key == "skill_gap:c++ & qt"


@pytest.mark.parametrize(
    ("shown", "expected"),
    [
        (None, True),
        ("2026-11-21", False),
        ("2026-11-20", True),
        ("2026-11-27", True),
    ],
    ids=["never-shown", "shown-6-days-ago-held", "shown-7-days-ago-again", "shown-today-again"],
)
def test_skill_gap_at_most_weekly(shown: str | None, expected: bool) -> None:
    nudges = {"skill_gap:sql": d(shown)} if shown else {}
    snapshot = Snapshot(open_applications=SIX, courses=(BUSY,), nudges=nudges)
    kinds = [kind for kind, *_ in planned(snapshot)]
    assert ("skill_gap" in kinds) is expected


def test_skill_gap_key_of_another_skill_does_not_hold_it() -> None:
    snapshot = Snapshot(
        open_applications=SIX, courses=(BUSY,), nudges={"skill_gap:python": d("2026-11-26")}
    )
    assert [m for kind, *_, m in planned(snapshot) if kind == "skill_gap"] == [
        "4 of your 6 active applications ask for SQL; nothing you have or study covers it"
    ]


# --------------------------------------------------------------------------- 4. start a course

GAP_START = (
    "Start a course in SQL: 4 of your 6 active applications ask for it, and you study nothing now"
)
GENERAL_START = "Start a course: learning keeps your skills current while you search"


@pytest.mark.parametrize(
    ("snapshot", "expected"),
    [
        (Snapshot(open_applications=SIX), [("start_course", GAP_START)]),
        (Snapshot(open_applications=(app(1), app(2))), [("start_course", GENERAL_START)]),
        (
            Snapshot(open_applications=(app(1, "SQL", status="saved", applied=None),)),
            [("start_course", GENERAL_START)],
        ),
        (
            Snapshot(open_applications=SIX, courses=(course(2, status="done", skills=("SQL",)),)),
            [
                (
                    "start_course",
                    "Start a course in Python: 2 of your 6 active applications ask for it, "
                    "and you study nothing now",
                )
            ],
        ),
        (
            Snapshot(open_applications=(app(1, "SQL"),), skills=("sql",)),
            [("start_course", GENERAL_START)],
        ),
        (
            Snapshot(open_applications=SIX, courses=(BUSY,)),
            [
                (
                    "skill_gap",
                    "4 of your 6 active applications ask for SQL; nothing you have or study "
                    "covers it",
                )
            ],
        ),
        (Snapshot(open_applications=(), skills=("SQL",)), []),
        (Snapshot(courses=(course(2, status="dropped"),)), []),
        (Snapshot(open_applications=SIX, accepted=ENDED), []),
    ],
    ids=[
        "no-course-top-gap",
        "no-course-no-gap",
        "only-saved-jobs-still-searching",
        "done-course-is-not-active-but-covers",
        "gap-covered-by-your-skills",
        "active-course-gap-instead",
        "no-open-applications",
        "dropped-only-no-applications",
        "search-ended",
    ],
)
def test_start_course(snapshot: Snapshot, expected: list[tuple[str, str]]) -> None:
    found = learning_actions(snapshot, today=FRI, policy=POLICY)
    assert [(a.kind, a.message) for a in found if a.kind in ("start_course", "skill_gap")] == (
        expected
    )


@pytest.mark.parametrize(
    ("snapshot", "why", "command"),
    [
        (
            Snapshot(open_applications=SIX, search_started=d("2026-11-02")),
            "no active course; searching since 2026-11-02; SQL is the skill they ask for most",
            "jobhunt course add TITLE --skill SQL",
        ),
        (
            Snapshot(open_applications=(app(1, status="saved", applied=None),)),
            "no active course; you have open applications",
            "jobhunt course add TITLE",
        ),
    ],
    ids=["with-gap", "general-no-search-start"],
)
def test_start_course_why_command_and_key(snapshot: Snapshot, why: str, command: str) -> None:
    (action,) = (
        a for a in learning_actions(snapshot, today=FRI, policy=POLICY) if a.kind == "start_course"
    )
    assert (action.section, action.due, action.nudge_key) == ("learn", FRI, "start_course")
    assert (action.why, action.command) == (why, command)


@pytest.mark.parametrize(
    ("shown", "expected"),
    [(None, 1), ("2026-11-21", 0), ("2026-11-20", 1)],
    ids=["never-shown", "shown-6-days-ago-held", "shown-7-days-ago-again"],
)
def test_start_course_at_most_weekly(shown: str | None, expected: int) -> None:
    nudges = {"start_course": d(shown)} if shown else {}
    snapshot = Snapshot(open_applications=SIX, nudges=nudges)
    assert [kind for kind, *_ in planned(snapshot)].count("start_course") == expected


# --------------------------------------------------------------------------- 5. stay active


def stay(**fields) -> list[str]:
    snapshot = Snapshot(courses=(BUSY,), **fields)
    return [a.due.isoformat() for a in learning_actions(snapshot, today=FRI, policy=POLICY)]


DAY_28 = FRI - timedelta(days=28)  # 2026-10-30


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"search_started": FRI - timedelta(days=27)}, []),
        ({"search_started": DAY_28}, ["2026-11-27"]),
        ({"search_started": d("2026-01-05")}, ["2026-11-27"]),
        ({}, []),
        ({"search_started": DAY_28, "open_applications": (app(1, status="offer"),)}, []),
        (
            {
                "search_started": DAY_28,
                "open_applications": (app(1, status="interviewing"),),
            },
            ["2026-11-27"],
        ),
        (
            {
                "search_started": DAY_28,
                "accepted": (app(1, status="accepted", job_type="temporary"),),
            },
            [],
        ),
        ({"search_started": DAY_28, "accepted": ENDED}, []),
        ({"search_started": DAY_28, "recent": (applied(27, "temporary"),)}, []),
        ({"search_started": DAY_28, "recent": (applied(28, "temporary"),)}, ["2026-11-27"]),
        ({"search_started": DAY_28, "recent": (applied(0, "part-time"),)}, []),
        ({"search_started": DAY_28, "recent": (applied(10, "contract"),)}, []),
        ({"search_started": DAY_28, "recent": (applied(3, "full-time"),)}, ["2026-11-27"]),
        ({"search_started": DAY_28, "recent": (applied(3, None),)}, ["2026-11-27"]),
        (
            {
                "search_started": DAY_28,
                "recent": (AppliedDay(7, FRI - timedelta(days=5), "contract", "rejected"),),
            },
            [],
        ),
    ],
    ids=[
        "day-27-nothing",
        "day-28-suggested",
        "long-search",
        "never-applied",
        "offer-pending",
        "interview-pending-still-suggested",
        "accepted-temporary-job",
        "accepted-permanent-search-over",
        "temporary-applied-27-days-ago",
        "temporary-applied-28-days-ago-too-old",
        "part-time-applied-today",
        "contract-applied-10-days-ago",
        "full-time-does-not-count",
        "untyped-does-not-count",
        "rejected-contract-still-counts",
    ],
)
def test_stay_active(fields: dict, expected: list[str]) -> None:
    assert stay(**fields) == expected


def test_stay_active_message_why_command_and_key() -> None:
    snapshot = Snapshot(search_started=d("2026-10-16"), courses=(BUSY,))
    (action,) = learning_actions(snapshot, today=FRI, policy=POLICY)
    assert (action.kind, action.section, action.due, action.nudge_key) == (
        "stay_active",
        "active",
        FRI,
        "stay_active",
    )
    assert action.message == (
        "42 days into your search with no offer: apply for part-time, contract or temporary "
        "work too"
    )
    assert action.why == (
        "searching since 2026-10-16, no offer and no part-time, contract or temporary "
        "application in 28 days; it keeps you earning, visible to recruiters, and can lead "
        "to a permanent role"
    )
    assert action.command == "jobhunt add COMPANY ROLE --type temporary"


@pytest.mark.parametrize(
    ("after", "started_days_ago", "expected"),
    [(14, 13, []), (14, 14, ["2026-11-27"]), (0, 400, [])],
    ids=["policy-14-day-13", "policy-14-day-14", "policy-0-off"],
)
def test_stay_active_policy(after: int, started_days_ago: int, expected: list[str]) -> None:
    snapshot = Snapshot(search_started=FRI - timedelta(days=started_days_ago), courses=(BUSY,))
    policy = Policy(keep_active_after_days=after)
    assert [a.due.isoformat() for a in learning_actions(snapshot, today=FRI, policy=policy)] == (
        expected
    )


@pytest.mark.parametrize(
    ("shown", "expected"),
    [(None, 1), ("2026-11-21", 0), ("2026-11-20", 1)],
    ids=["never-shown", "shown-6-days-ago-held", "shown-7-days-ago-again"],
)
def test_stay_active_at_most_weekly(shown: str | None, expected: int) -> None:
    nudges = {"stay_active": d(shown)} if shown else {}
    snapshot = Snapshot(search_started=DAY_28, courses=(BUSY,), nudges=nudges)
    assert [kind for kind, *_ in planned(snapshot)].count("stay_active") == expected


# --------------------------------------------------------------------------- together


def test_plan_orders_learning_then_staying_active() -> None:
    no_offer = tuple(replace(a, status="interviewing") if a.status == "offer" else a for a in SIX)
    snapshot = Snapshot(
        open_applications=no_offer,
        search_started=DAY_28,
        courses=(
            course(1, title="Night class", days=(4,), last_log="2026-11-27"),
            course(2, title="Stats", last_log="2026-11-13"),
            course(3, title="Excel", last_log="2026-11-19"),
        ),
    )
    assert planned(snapshot) == [
        (
            "course_nudge",
            "learn",
            "2026-11-20",
            7,
            "Log progress on Stats: nothing logged for 14 days",
        ),
        (
            "course_nudge",
            "learn",
            "2026-11-26",
            1,
            "Log progress on Excel: nothing logged for 8 days",
        ),
        ("course_session", "learn", "2026-11-27", 0, "Course session today: Night class"),
        (
            "skill_gap",
            "learn",
            "2026-11-27",
            0,
            "4 of your 6 active applications ask for SQL; nothing you have or study covers it",
        ),
        (
            "stay_active",
            "active",
            "2026-11-27",
            0,
            "28 days into your search with no offer: apply for part-time, contract or "
            "temporary work too",
        ),
    ]


def test_only_sessions_once_the_search_has_ended() -> None:
    snapshot = Snapshot(
        open_applications=SIX,
        accepted=ENDED,
        search_started=d("2026-01-01"),
        courses=(course(1, days=(4,), last_log="2026-10-01"),),
    )
    assert learn(snapshot) == [("course_session", "2026-11-27", 1)]


def test_rules_module_imports_no_store_cli_or_rich() -> None:
    code = (
        "import sys, jobhunt.rules.learning\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('rich', 'sqlite3', 'sqlmodel',"
        " 'sqlalchemy', 'typer') or m in ('jobhunt.store', 'jobhunt.cli', 'jobhunt.render')]\n"
        "print(bad)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout == "[]\n"
