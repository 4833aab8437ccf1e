"""The core rules as tables: fixed days, frozen records, exact actions.

`plan()` also runs the networking and learning rules (written elsewhere), so every
test here filters the plan to the kinds it is about.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace
from datetime import date, timedelta

import pytest

from jobhunt import rules
from jobhunt.records import CLOSED_STATUSES, Application, AppliedDay, Event, Snapshot
from jobhunt.rules import Policy

FRI = date(2026, 11, 27)  # the suite's "today", a Friday
POLICY = Policy()
FOLLOW_KINDS = ("follow_up", "interview", "ghosted")
APPLY_KINDS = ("apply", "apply_saved", "accepted_type_unknown")

_ids = itertools.count(1)


def d(text: str) -> date:
    return date.fromisoformat(text)


def ev(kind: str, on: str, **fields: object) -> Event:
    return Event(id=next(_ids), application_id=1, kind=kind, on=d(on), **fields)


def make_app(
    *events: Event,
    app_id: int = 1,
    status: str = "applied",
    applied: str | None = "2026-11-20",
    company: str = "Acme",
    role: str = "Dev",
    job_type: str | None = None,
    created_at: str = "2026-11-01T09:00:00+00:00",
) -> Application:
    base: tuple[Event, ...] = ()
    if applied is not None:
        base = (Event(id=next(_ids), application_id=app_id, kind="applied", on=d(applied)),)
    return Application(
        id=app_id,
        company=company,
        role=role,
        status=status,
        applied_on=d(applied) if applied else None,
        job_type=job_type,
        events=tuple(
            sorted(
                (replace(e, application_id=app_id) for e in (*base, *events)),
                key=lambda e: (e.on, e.id),
            )
        ),
        created_at=created_at,
    )


def summary(actions, kinds=FOLLOW_KINDS) -> list[tuple]:
    """(kind, stage, due, overdue_days) of the actions of the given kinds, in plan order."""
    return [
        (a.kind, a.stage, a.due.isoformat(), a.overdue_days) for a in actions if a.kind in kinds
    ]


def follow_ups(app: Application, today: str, policy: Policy = POLICY, **snap) -> list[tuple]:
    snapshot = Snapshot(open_applications=(app,), **snap)
    return summary(rules.plan(snapshot, today=d(today), policy=policy))


def apply_plan(snapshot: Snapshot, today: date = FRI, policy: Policy = POLICY):
    return [a for a in rules.plan(snapshot, today=today, policy=policy) if a.kind in APPLY_KINDS]


def recent(*days: str, status: str = "applied", job_type: str | None = None) -> tuple:
    return tuple(
        AppliedDay(application_id=100 + i, applied_on=d(day), job_type=job_type, status=status)
        for i, day in enumerate(days)
    )


# --------------------------------------------------------------------------- after applying

AFTER_APPLY = "after_apply"


@pytest.mark.parametrize(
    ("events", "today", "expected"),
    [
        ((), "2026-11-26", []),
        ((), "2026-11-27", [("follow_up", AFTER_APPLY, "2026-11-27", 0)]),
        ((), "2026-11-30", [("follow_up", AFTER_APPLY, "2026-11-27", 3)]),
        ((), "2026-12-04", [("follow_up", AFTER_APPLY, "2026-11-27", 7)]),
        ((ev("follow_up", "2026-11-27", channel="email"),), "2026-11-27", []),
        ((ev("follow_up", "2026-11-27", channel="email"),), "2026-12-10", []),
        ((ev("follow_up", "2026-11-21", channel="note"),), "2026-12-04", []),
        ((ev("follow_up", "2026-11-30", channel="phone"),), "2026-12-06", []),
    ],
    ids=[
        "day-6-nothing",
        "day-7-due",
        "day-10-3-overdue",
        "day-14-7-overdue",
        "logged-on-due-day-done",
        "logged-never-again",
        "logged-early-counts",
        "logged-late-done",
    ],
)
def test_after_apply_follow_up(events, today, expected) -> None:
    assert follow_ups(make_app(*events, applied="2026-11-20"), today) == expected


def test_after_apply_message_why_and_command() -> None:
    (action,) = rules.application_actions(make_app(applied="2026-11-20"), today=FRI, policy=POLICY)
    assert action.message == "Follow up on your application to Acme (Dev): one email or mailed note"
    assert action.why == "applied 2026-11-20; one follow-up 7 days after applying"
    assert action.channels == ("email", "note")
    assert action.command == "jobhunt log 1 --via email"
    assert action.section == "follow_up"
    assert action.application_id == 1


@pytest.mark.parametrize(
    ("app", "expected"),
    [
        (make_app(applied="2026-11-20"), "2026-11-27"),
        (make_app(applied="2026-11-27"), "2026-12-04"),
        (make_app(ev("follow_up", "2026-11-25", channel="email"), applied="2026-11-20"), None),
        (make_app(ev("snooze", "2026-11-25", until=d("2026-12-02"))), "2026-12-02"),
        (make_app(ev("snooze", "2026-11-21", until=d("2026-11-24"))), "2026-11-27"),
        (make_app(status="saved", applied=None), None),
        (make_app(status="rejected"), None),
        (make_app(ev("interview", "2026-11-30")), None),
        (make_app(ev("interview", "2026-11-24")), "2026-11-25"),
    ],
    ids=[
        "applied-plus-7",
        "applied-today",
        "done-after-follow-up",
        "snooze-pushes",
        "snooze-before-due-no-effect",
        "saved-none",
        "closed-none",
        "interview-ahead-none",
        "interviewed-thank-you-or-check-in",
    ],
)
def test_next_follow_up(app, expected) -> None:
    due = rules.next_follow_up(app, today=FRI, policy=POLICY)
    assert (due.isoformat() if due else None) == expected


# --------------------------------------------------------------------------- after an interview

IV = "2026-11-20"


@pytest.mark.parametrize(
    ("events", "today", "expected"),
    [
        ((), "2026-11-20", [("interview", None, "2026-11-20", 0)]),
        ((), "2026-11-21", [("follow_up", "thank_you", "2026-11-21", 0)]),
        ((), "2026-11-23", [("follow_up", "thank_you", "2026-11-21", 2)]),
        ((ev("follow_up", "2026-11-20", channel="email"),), "2026-11-23", []),
        ((ev("follow_up", "2026-11-21", channel="note"),), "2026-11-23", []),
        ((ev("follow_up", "2026-11-23", channel="note"),), "2026-11-24", []),
        (
            (ev("follow_up", "2026-11-19", channel="email"),),
            "2026-11-22",
            [("follow_up", "thank_you", "2026-11-21", 1)],
        ),
        ((), "2026-11-27", [("follow_up", "check_in", "2026-11-27", 0)]),
    ],
    ids=[
        "interview-day-notice-only",
        "day-after-thank-you",
        "thank-you-2-overdue",
        "done-same-day",
        "done-next-day",
        "done-late",
        "follow-up-before-interview-does-not-count",
        "check-in-replaces-unsent-thank-you",
    ],
)
def test_thank_you(events, today, expected) -> None:
    app = make_app(ev("interview", IV), *events, status="interviewing", applied="2026-11-01")
    assert follow_ups(app, today) == expected


def test_thank_you_message_why_and_command() -> None:
    app = make_app(ev("interview", IV), status="interviewing", applied="2026-11-01")
    (action,) = rules.application_actions(app, today=d("2026-11-21"), policy=POLICY)
    assert action.message == "Send a thank-you note to Acme (Dev)"
    assert action.why == "interviewed 2026-11-20; thank-you the next day"
    assert action.channels == ("note", "email")
    assert action.command == "jobhunt log 1 --via note"


THANKED = ev("follow_up", "2026-11-21", channel="note")


@pytest.mark.parametrize(
    ("events", "today", "expected"),
    [
        ((THANKED,), "2026-11-26", []),
        ((THANKED,), "2026-11-27", [("follow_up", "check_in", "2026-11-27", 0)]),
        ((THANKED,), "2026-11-29", [("follow_up", "check_in", "2026-11-27", 2)]),
        ((THANKED, ev("follow_up", "2026-11-27", channel="phone")), "2026-12-03", []),
        (
            (THANKED, ev("follow_up", "2026-11-27", channel="phone")),
            "2026-12-04",
            [("follow_up", "check_in", "2026-12-04", 0)],
        ),
        (
            (THANKED, ev("follow_up", "2026-11-27", channel="phone")),
            "2026-12-08",
            [("follow_up", "check_in", "2026-12-04", 4)],
        ),
        ((ev("follow_up", "2026-11-22", channel="phone"),), "2026-11-28", []),
        (
            (ev("follow_up", "2026-11-22", channel="phone"),),
            "2026-11-29",
            [("follow_up", "check_in", "2026-11-29", 0)],
        ),
        (
            (THANKED, ev("follow_up", "2026-11-24", channel="phone")),
            "2026-12-01",
            [("follow_up", "check_in", "2026-12-01", 0)],
        ),
        (
            (
                THANKED,
                ev("follow_up", "2026-11-27", channel="phone"),
                ev("follow_up", "2026-12-04", channel="note"),
            ),
            "2026-12-11",
            [("follow_up", "check_in", "2026-12-11", 0)],
        ),
    ],
    ids=[
        "before-first-check-in",
        "first-check-in-interview-plus-7",
        "first-check-in-2-overdue",
        "after-check-in-waits",
        "next-check-in-7-after-last",
        "next-check-in-4-overdue",
        "early-follow-up-counts-as-check-in",
        "early-check-in-restarts-clock",
        "check-in-never-before-interview-plus-7",
        "every-week",
    ],
)
def test_weekly_check_in(events, today, expected) -> None:
    app = make_app(ev("interview", IV), *events, status="interviewing", applied="2026-11-01")
    assert follow_ups(app, today) == expected


def test_check_in_why_names_the_basis() -> None:
    app = make_app(ev("interview", IV), THANKED, status="interviewing", applied="2026-11-01")
    (first,) = rules.application_actions(app, today=d("2026-11-27"), policy=POLICY)
    assert first.why == "interviewed 2026-11-20; weekly check-in until you know the outcome"
    assert first.message == "Check in with Acme (Dev): a phone call and a note"
    assert first.channels == ("phone", "note")
    assert first.command == "jobhunt log 1 --via phone"
    app = make_app(
        ev("interview", IV),
        THANKED,
        ev("follow_up", "2026-11-27", channel="phone"),
        status="interviewing",
        applied="2026-11-01",
    )
    (later,) = rules.application_actions(app, today=d("2026-12-04"), policy=POLICY)
    assert later.why == "last follow-up 2026-11-27; weekly check-in until you know the outcome"


@pytest.mark.parametrize("status", ["offer", "accepted", "rejected", "withdrawn", "ghosted"])
def test_no_check_ins_once_the_outcome_is_known(status: str) -> None:
    app = make_app(ev("interview", IV), status=status, applied="2026-11-01")
    for today in ("2026-11-21", "2026-11-27", "2026-12-15"):
        assert list(rules.application_actions(app, today=d(today), policy=POLICY)) == []
        assert rules.next_follow_up(app, today=d(today), policy=POLICY) is None


def test_offer_is_open_but_has_no_follow_ups_in_plan() -> None:
    app = make_app(ev("interview", IV), status="offer", applied="2026-11-01")
    assert follow_ups(app, "2026-11-27") == []


@pytest.mark.parametrize("today", ["2026-11-27", "2026-12-20"])
def test_offer_without_a_recorded_interview_has_no_follow_ups(today: str) -> None:
    # An offer is an outcome: "follow up on your application" makes no sense any more,
    # whether or not the interview itself was logged.
    app = make_app(ev("status", "2026-11-25", status="offer"), status="offer", applied="2026-11-20")
    assert follow_ups(app, today) == []
    assert rules.next_follow_up(app, today=d(today), policy=POLICY) is None


# --------------------------------------------------------------------------- scheduled interviews


@pytest.mark.parametrize(
    ("today", "expected_message"),
    [
        ("2026-11-27", None),
        ("2026-11-28", "Interview on 2026-11-29 with Acme (Dev)"),
        ("2026-11-29", "Interview today with Acme (Dev)"),
    ],
    ids=["two-days-before-hidden", "day-before-shown", "on-the-day-shown"],
)
def test_scheduled_interview_notice(today: str, expected_message: str | None) -> None:
    app = make_app(ev("interview", "2026-11-29"), status="interviewing", applied="2026-11-10")
    actions = [
        a
        for a in rules.plan(Snapshot(open_applications=(app,)), today=d(today))
        if a.kind == "interview"
    ]
    if expected_message is None:
        assert actions == []
        return
    (notice,) = actions
    assert notice.message == expected_message
    assert notice.due == d("2026-11-29")
    assert notice.why == "interview scheduled for 2026-11-29"
    assert notice.command == "jobhunt show 1"
    assert notice.overdue_days == 0


def test_first_interview_ahead_suspends_the_after_apply_follow_up() -> None:
    app = make_app(ev("interview", "2026-12-02"), status="interviewing", applied="2026-11-01")
    assert follow_ups(app, "2026-11-27") == []


def test_day_after_scheduled_interview_asks_for_thank_you() -> None:
    app = make_app(ev("interview", "2026-11-29"), status="interviewing", applied="2026-11-10")
    assert follow_ups(app, "2026-11-30") == [("follow_up", "thank_you", "2026-11-30", 0)]


@pytest.mark.parametrize(
    ("events", "today", "expected"),
    [
        (
            (ev("interview", "2026-11-10"), ev("follow_up", "2026-11-11", channel="note")),
            "2026-11-21",
            [("follow_up", "thank_you", "2026-11-21", 0)],
        ),
        (
            (
                ev("interview", "2026-11-10"),
                ev("follow_up", "2026-11-11", channel="note"),
                ev("follow_up", "2026-11-20", channel="note"),
            ),
            "2026-11-26",
            [],
        ),
        (
            (
                ev("interview", "2026-11-10"),
                ev("follow_up", "2026-11-11", channel="note"),
                ev("follow_up", "2026-11-21", channel="note"),
            ),
            "2026-11-27",
            [("follow_up", "check_in", "2026-11-27", 0)],
        ),
        (
            (ev("interview", "2026-11-10"), ev("follow_up", "2026-11-11", channel="note")),
            "2026-11-19",
            [("interview", None, "2026-11-20", 0)],
        ),
        (
            (ev("interview", "2026-11-10"), ev("follow_up", "2026-11-11", channel="note")),
            "2026-11-20",
            [("interview", None, "2026-11-20", 0)],
        ),
    ],
    ids=[
        "round-2-needs-its-own-thank-you",
        "round-2-thanked-same-day",
        "round-2-check-in-from-round-2",
        "round-2-scheduled-no-check-in-the-day-before",
        "round-2-scheduled-no-check-in-on-its-day",
    ],
)
def test_several_rounds_use_the_latest_past_interview(events, today, expected) -> None:
    app = make_app(
        ev("interview", "2026-11-20"), *events, status="interviewing", applied="2026-11-01"
    )
    got = follow_ups(app, today)
    # Most overdue first: a 1-day-overdue check-in comes before an upcoming interview.
    assert sorted(got, key=lambda a: -a[3]) == got
    assert sorted(got) == sorted(expected)


def test_round_two_thank_you_why_names_round_two() -> None:
    app = make_app(
        ev("interview", "2026-11-10"),
        ev("interview", "2026-11-20"),
        status="interviewing",
        applied="2026-11-01",
    )
    (action,) = rules.application_actions(app, today=d("2026-11-21"), policy=POLICY)
    assert action.why == "interviewed 2026-11-20; thank-you the next day"


# --------------------------------------------------------------------------- snooze


@pytest.mark.parametrize(
    ("events", "today", "expected"),
    [
        ((ev("snooze", "2026-11-25", until=d("2026-12-01")),), "2026-11-27", []),
        ((ev("snooze", "2026-11-25", until=d("2026-12-01")),), "2026-11-30", []),
        (
            (ev("snooze", "2026-11-25", until=d("2026-12-01")),),
            "2026-12-01",
            [("follow_up", AFTER_APPLY, "2026-12-01", 0)],
        ),
        (
            (ev("snooze", "2026-11-25", until=d("2026-12-01")),),
            "2026-12-03",
            [("follow_up", AFTER_APPLY, "2026-12-01", 2)],
        ),
        (
            (ev("snooze", "2026-11-21", until=d("2026-11-24")),),
            "2026-11-27",
            [("follow_up", AFTER_APPLY, "2026-11-27", 0)],
        ),
        (
            (
                ev("snooze", "2026-11-21", until=d("2026-12-05")),
                ev("snooze", "2026-11-22", until=d("2026-11-29")),
            ),
            "2026-11-29",
            [("follow_up", AFTER_APPLY, "2026-11-29", 0)],
        ),
    ],
    ids=[
        "hidden-while-snoozed",
        "hidden-day-before-until",
        "due-on-until",
        "overdue-counts-from-until",
        "until-before-due-keeps-due",
        "latest-snooze-wins",
    ],
)
def test_snooze_pushes_the_due_day(events, today, expected) -> None:
    assert follow_ups(make_app(*events, applied="2026-11-20"), today) == expected


def test_snooze_holds_the_thank_you_too() -> None:
    app = make_app(
        ev("interview", IV),
        ev("snooze", "2026-11-20", until=d("2026-11-24")),
        status="interviewing",
        applied="2026-11-01",
    )
    assert follow_ups(app, "2026-11-23") == []
    assert follow_ups(app, "2026-11-24") == [("follow_up", "thank_you", "2026-11-24", 0)]


@pytest.mark.parametrize(
    ("snoozed_on", "today", "expected"),
    [
        ("2026-11-18", "2026-11-20", [("follow_up", "thank_you", "2026-11-20", 0)]),
        ("2026-11-19", "2026-11-20", []),
        ("2026-11-19", "2026-11-25", [("follow_up", "thank_you", "2026-11-25", 0)]),
    ],
    ids=["snooze-before-interview-ignored", "snooze-on-interview-day-holds", "until-reached"],
)
def test_only_snoozes_since_the_interview_hold_its_follow_ups(snoozed_on, today, expected) -> None:
    app = make_app(
        ev("interview", "2026-11-19"),
        ev("snooze", snoozed_on, until=d("2026-11-25")),
        status="interviewing",
        applied="2026-11-01",
    )
    assert follow_ups(app, today) == expected


# --------------------------------------------------------------------------- ghosted

FOLLOWED = ev("follow_up", "2026-11-04", channel="email")


@pytest.mark.parametrize(
    ("events", "status", "today", "expected"),
    [
        ((FOLLOWED,), "applied", "2026-11-26", []),
        ((FOLLOWED,), "applied", "2026-11-27", [("ghosted", None, "2026-11-27", 0)]),
        ((FOLLOWED,), "applied", "2026-12-20", [("ghosted", None, "2026-11-27", 0)]),
        ((), "applied", "2026-11-26", [("follow_up", AFTER_APPLY, "2026-11-04", 22)]),
        ((), "applied", "2026-11-27", [("ghosted", None, "2026-11-27", 0)]),
        ((FOLLOWED,), "interviewing", "2026-12-20", []),
        (
            (FOLLOWED, ev("status", "2026-11-10", status="interviewing")),
            "applied",
            "2026-12-20",
            [],
        ),
        (
            (FOLLOWED, ev("status", "2026-10-28", status="applied")),
            "applied",
            "2026-11-27",
            [("ghosted", None, "2026-11-27", 0)],
        ),
        (
            (
                FOLLOWED,
                ev("interview", "2026-11-10"),
                ev("follow_up", "2026-11-11", channel="note"),
            ),
            "applied",
            "2026-11-27",
            [("follow_up", "check_in", "2026-11-17", 10)],
        ),
    ],
    ids=[
        "day-29-nothing",
        "day-30-suggested",
        "later-still-suggested-never-overdue",
        "no-follow-up-yet-follow-up-instead",
        "never-followed-up-day-30-ghosted-not-overdue",
        "status-changed-no-ghost",
        "status-event-no-ghost",
        "back-to-applied-still-ghost",
        "interviewed-no-ghost",
    ],
)
def test_ghosted_suggestion(events, status, today, expected) -> None:
    app = make_app(*events, status=status, applied="2026-10-28")
    assert follow_ups(app, today) == expected


def test_ghosted_action_fields() -> None:
    app = make_app(FOLLOWED, applied="2026-10-28")
    (action,) = rules.application_actions(app, today=FRI, policy=POLICY)
    assert action.kind == "ghosted"
    assert action.nudge_key == "ghosted:1"
    assert action.message == "No reply from Acme (Dev): mark it ghosted and move on"
    assert action.why == "applied 2026-10-28, followed up, no response in 30 days"
    assert action.command == "jobhunt status 1 ghosted"


@pytest.mark.parametrize(
    ("nudges", "shown"),
    [
        ({}, True),
        ({"ghosted:1": FRI - timedelta(days=3)}, False),
        ({"ghosted:1": FRI - timedelta(days=1)}, False),
        ({"ghosted:1": FRI - timedelta(days=6)}, False),
        ({"ghosted:1": FRI - timedelta(days=7)}, True),
        ({"ghosted:1": FRI - timedelta(days=20)}, True),
        ({"ghosted:1": FRI}, True),
        ({"ghosted:2": FRI - timedelta(days=3)}, True),
    ],
    ids=[
        "never-shown",
        "shown-3-days-ago-hidden",
        "shown-yesterday-hidden",
        "shown-6-days-ago-hidden",
        "shown-7-days-ago-shown",
        "shown-long-ago-shown",
        "shown-today-shown-again",
        "other-key-irrelevant",
    ],
)
def test_ghosted_nudge_at_most_once_a_week(nudges, shown: bool) -> None:
    app = make_app(FOLLOWED, applied="2026-10-28")
    got = follow_ups(app, "2026-11-27", nudges=nudges)
    assert got == ([("ghosted", None, "2026-11-27", 0)] if shown else [])


@pytest.mark.parametrize("status", CLOSED_STATUSES)
def test_closed_applications_have_no_follow_ups(status: str) -> None:
    app = make_app(ev("interview", IV), status=status, applied="2026-10-01")
    for today in ("2026-10-08", "2026-11-20", "2026-11-21", "2026-11-27", "2026-12-30"):
        assert list(rules.application_actions(app, today=d(today), policy=POLICY)) == []
    bare = make_app(status=status, applied="2026-10-01")
    assert list(rules.application_actions(bare, today=FRI, policy=POLICY)) == []


def test_saved_jobs_have_no_follow_ups() -> None:
    app = make_app(status="saved", applied=None)
    assert list(rules.application_actions(app, today=FRI, policy=POLICY)) == []
    assert rules.next_follow_up(app, today=FRI, policy=POLICY) is None


# --------------------------------------------------------------------------- keep applying


def _saved(app_id: int, created_at: str) -> Application:
    return make_app(
        app_id=app_id,
        status="saved",
        applied=None,
        company=f"Co{app_id}",
        role=f"Role{app_id}",
        created_at=created_at,
    )


def test_saved_jobs_suggested_oldest_first_at_most_three() -> None:
    saved = (
        _saved(1, "2026-11-05T10:00:00+00:00"),
        _saved(2, "2026-11-01T10:00:00+00:00"),
        _saved(3, "2026-11-03T10:00:00+00:00"),
        _saved(4, "2026-11-01T09:00:00+00:00"),
        _saved(5, "2026-11-02T10:00:00+00:00"),
    )
    direct = list(rules.apply_actions(Snapshot(open_applications=saved), today=FRI, policy=POLICY))
    assert [(a.kind, a.application_id) for a in direct] == [
        ("apply", None),
        ("apply_saved", 4),
        ("apply_saved", 2),
        ("apply_saved", 5),
    ]
    # plan() keeps the same three (its tie-break inside a rank is the id).
    planned = apply_plan(Snapshot(open_applications=saved))
    assert [(a.kind, a.application_id) for a in planned] == [
        ("apply", None),
        ("apply_saved", 2),
        ("apply_saved", 4),
        ("apply_saved", 5),
    ]
    suggestion = direct[1]
    assert suggestion.message == "Apply to the job you saved: Role4 at Co4"
    assert suggestion.command == "jobhunt status 4 applied"
    assert suggestion.due == d("2026-11-29")
    assert suggestion.why == "saved jobs count toward the weekly target once you apply"


def test_saved_suggestions_follow_policy() -> None:
    saved = tuple(_saved(i, f"2026-11-0{i}T00:00:00+00:00") for i in range(1, 6))
    actions = apply_plan(Snapshot(open_applications=saved), policy=Policy(saved_suggestions=1))
    assert [(a.kind, a.application_id) for a in actions] == [("apply", None), ("apply_saved", 1)]


def test_saved_jobs_not_suggested_once_the_target_is_met() -> None:
    saved = (_saved(1, "2026-11-01T00:00:00+00:00"),)
    this_week = recent("2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26", "2026-11-27")
    assert apply_plan(Snapshot(open_applications=saved, recent=this_week)) == []


WEEK = ("2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26", "2026-11-27")


@pytest.mark.parametrize(
    ("days", "policy", "expected"),
    [
        ((), POLICY, "Apply to 5 more jobs this week to stay on target (0 of 5 so far)"),
        (WEEK[:1], POLICY, "Apply to 4 more jobs this week to stay on target (1 of 5 so far)"),
        (WEEK[:4], POLICY, "Apply to 1 more job this week to stay on target (4 of 5 so far)"),
        (WEEK, POLICY, None),
        ((*WEEK, "2026-11-27"), POLICY, None),
        (
            ("2026-11-22", "2026-11-16", *WEEK[:3]),
            POLICY,
            "Apply to 2 more jobs this week to stay on target (3 of 5 so far)",
        ),
        (
            ("2026-11-28",),
            POLICY,
            "Apply to 5 more jobs this week to stay on target (0 of 5 so far)",
        ),
        (
            (),
            Policy(weekly_applications=3),
            "Apply to 3 more jobs this week to stay on target (0 of 3 so far)",
        ),
        (
            WEEK[:2],
            Policy(weekly_applications=3),
            "Apply to 1 more job this week to stay on target (2 of 3 so far)",
        ),
        ((), Policy(weekly_applications=0), None),
        (
            ("2026-11-22", *WEEK[:2]),
            Policy(first_weekday=6),
            "Apply to 2 more jobs this week to stay on target (3 of 5 so far)",
        ),
        (
            ("2026-11-26", "2026-11-27"),
            Policy(first_weekday=4),
            "Apply to 4 more jobs this week to stay on target (1 of 5 so far)",
        ),
    ],
    ids=[
        "none-yet",
        "one-done",
        "singular-job",
        "met",
        "exceeded",
        "last-sunday-and-older-not-counted",
        "future-day-not-counted",
        "target-3",
        "target-3-singular",
        "target-0-off",
        "sunday-start-counts-sunday",
        "friday-start-counts-from-friday",
    ],
)
def test_weekly_target(days, policy: Policy, expected: str | None) -> None:
    actions = [
        a for a in apply_plan(Snapshot(recent=recent(*days)), policy=policy) if a.kind == "apply"
    ]
    if expected is None:
        assert actions == []
        return
    (action,) = actions
    assert action.message == expected
    assert action.command == "jobhunt add COMPANY ROLE"
    assert action.section == "apply"


@pytest.mark.parametrize(
    ("first_weekday", "due", "why"),
    [
        (0, "2026-11-29", "weekly target of 5 applications, week of 2026-11-23"),
        (6, "2026-11-28", "weekly target of 5 applications, week of 2026-11-22"),
        (4, "2026-12-03", "weekly target of 5 applications, week of 2026-11-27"),
    ],
    ids=["monday", "sunday", "friday"],
)
def test_weekly_target_due_at_end_of_week(first_weekday: int, due: str, why: str) -> None:
    (action,) = apply_plan(Snapshot(), policy=Policy(first_weekday=first_weekday))
    assert action.due == d(due)
    assert action.why == why
    assert action.overdue_days == 0


@pytest.mark.parametrize("status", ["rejected", "withdrawn", "ghosted", "accepted"])
def test_closed_applications_count_toward_the_week(status: str) -> None:
    snap = Snapshot(recent=recent(*WEEK[:2]) + recent("2026-11-25", "2026-11-26", status=status))
    (action,) = [a for a in apply_plan(snap) if a.kind == "apply"]
    assert action.message == "Apply to 1 more job this week to stay on target (4 of 5 so far)"


def test_monday_starts_a_fresh_week() -> None:
    snap = Snapshot(recent=recent("2026-11-27", "2026-11-28", "2026-11-29"))
    (action,) = apply_plan(snap, today=d("2026-11-30"))
    assert action.message == "Apply to 5 more jobs this week to stay on target (0 of 5 so far)"
    assert action.due == d("2026-12-06")


NEVER_ASSUME = ": keep applying, never assume the job"


@pytest.mark.parametrize(
    ("apps", "suffix"),
    [
        ((make_app(),), ""),
        (
            (make_app(status="interviewing"),),
            ". Interviews or offers pending at Acme" + NEVER_ASSUME,
        ),
        ((make_app(status="offer"),), ". Interviews or offers pending at Acme" + NEVER_ASSUME),
        (
            (make_app(ev("interview", "2026-12-01")),),
            ". Interviews or offers pending at Acme" + NEVER_ASSUME,
        ),
        (
            (
                make_app(app_id=1, status="offer", company="Zeta"),
                make_app(app_id=2, status="interviewing", company="Beta"),
                make_app(app_id=3, status="interviewing", company="Beta", role="QA"),
            ),
            ". Interviews or offers pending at Beta, Zeta" + NEVER_ASSUME,
        ),
        ((make_app(status="saved", applied=None),), ""),
    ],
    ids=[
        "nothing-pending",
        "interviewing",
        "offer",
        "applied-with-interview",
        "sorted-unique",
        "saved",
    ],
)
def test_pending_interview_or_offer_never_pauses_the_target(apps, suffix: str) -> None:
    (action,) = [a for a in apply_plan(Snapshot(open_applications=apps)) if a.kind == "apply"]
    assert action.message == (
        "Apply to 5 more jobs this week to stay on target (0 of 5 so far)" + suffix
    )


@pytest.mark.parametrize(
    ("job_type", "ends"),
    [
        ("full-time", True),
        (None, False),
        ("temporary", False),
        ("contract", False),
        ("part-time", False),
    ],
    ids=[
        "full-time-ends",
        "unknown-type-goes-on",
        "temporary-goes-on",
        "contract-goes-on",
        "part-time-goes-on",
    ],
)
def test_accepted_offer_ends_the_target_only_when_permanent(job_type, ends: bool) -> None:
    accepted = make_app(
        app_id=7, status="accepted", job_type=job_type, company="Initech", role="Eng"
    )
    saved = (_saved(1, "2026-11-01T00:00:00+00:00"),)
    actions = apply_plan(Snapshot(open_applications=saved, accepted=(accepted,)))
    if ends:
        # The search is over: no target, no saved-job suggestions (the agenda winds down).
        assert actions == []
    elif job_type is None:
        # Never guessed: the agenda asks which kind of job it is, and the target goes on.
        assert [a.kind for a in actions] == ["accepted_type_unknown", "apply", "apply_saved"]
        assert actions[0].command == "jobhunt edit 7 --type full-time"
    else:
        assert [a.kind for a in actions] == ["apply", "apply_saved"]


def test_apply_actions_direct_call_matches_plan() -> None:
    snap = Snapshot(recent=recent(*WEEK[:2]))
    direct = list(rules.apply_actions(snap, today=FRI, policy=POLICY))
    assert [(a.kind, a.message) for a in direct] == [
        ("apply", "Apply to 3 more jobs this week to stay on target (2 of 5 so far)")
    ]


# --------------------------------------------------------------------------- ordering and why


def _overdue_app(app_id: int, applied: str) -> Application:
    return make_app(app_id=app_id, applied=applied, company=f"Co{app_id}")


def test_most_overdue_first_within_a_section() -> None:
    apps = (
        _overdue_app(1, "2026-11-19"),  # 1 day overdue
        _overdue_app(2, "2026-11-15"),  # 5 days overdue
        _overdue_app(3, "2026-11-17"),  # 3 days overdue
        _overdue_app(4, "2026-11-20"),  # due today
    )
    actions = [
        a for a in rules.plan(Snapshot(open_applications=apps), today=FRI) if a.kind in FOLLOW_KINDS
    ]
    assert [(a.application_id, a.overdue_days) for a in actions] == [(2, 5), (3, 3), (1, 1), (4, 0)]


def test_sections_in_order_and_suggestions_last() -> None:
    ghost = make_app(FOLLOWED, app_id=1, applied="2026-09-01", company="Ghost")  # due long ago
    late = _overdue_app(2, "2026-11-19")
    saved = _saved(3, "2026-11-01T00:00:00+00:00")
    actions = [
        a
        for a in rules.plan(Snapshot(open_applications=(ghost, late, saved)), today=FRI)
        if a.kind in FOLLOW_KINDS + APPLY_KINDS
    ]
    assert [(a.section, a.kind, a.application_id) for a in actions] == [
        ("follow_up", "follow_up", 2),
        ("follow_up", "ghosted", 1),
        ("apply", "apply", None),
        ("apply", "apply_saved", 3),
    ]
    assert actions[1].overdue_days == 0  # a suggestion never nags as overdue


def test_equal_overdue_ties_break_by_rank_then_id() -> None:
    interviewed = make_app(
        ev("interview", "2026-11-26"), app_id=2, status="interviewing", applied="2026-11-01"
    )
    first_follow_up = _overdue_app(1, "2026-11-20")
    actions = [
        a
        for a in rules.plan(Snapshot(open_applications=(first_follow_up, interviewed)), today=FRI)
        if a.kind in FOLLOW_KINDS
    ]
    # Both due today: the thank-you (rank 5) before the after-apply follow-up (rank 10).
    assert [(a.application_id, a.stage) for a in actions] == [(2, "thank_you"), (1, "after_apply")]


ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
RULE_WHYS = {
    "apply_saved": "saved jobs count toward the weekly target once you apply",
}


def _busy_snapshots() -> list[tuple[Snapshot, date]]:
    apps = (
        make_app(app_id=1, applied="2026-11-10"),
        make_app(FOLLOWED, app_id=2, applied="2026-10-28"),
        make_app(
            ev("interview", "2026-11-26"), app_id=3, status="interviewing", applied="2026-11-01"
        ),
        make_app(
            ev("interview", "2026-11-28"), app_id=4, status="interviewing", applied="2026-11-01"
        ),
        make_app(
            ev("interview", "2026-11-10"), app_id=5, status="interviewing", applied="2026-11-01"
        ),
        make_app(ev("snooze", "2026-11-20", until=d("2026-11-27")), app_id=6, applied="2026-11-15"),
        _saved(7, "2026-11-01T00:00:00+00:00"),
    )
    untyped = make_app(
        ev("status", "2026-11-20", status="accepted"), app_id=8, status="accepted", job_type=None
    )
    return [
        (Snapshot(open_applications=apps, recent=recent("2026-11-24")), FRI),
        (Snapshot(open_applications=apps, accepted=(untyped,)), FRI),
        (Snapshot(open_applications=apps), d("2026-12-15")),
    ]


def test_every_action_says_why() -> None:
    seen = set()
    for snapshot, today in _busy_snapshots():
        for action in rules.plan(snapshot, today=today):
            if action.kind not in FOLLOW_KINDS + APPLY_KINDS:
                continue
            seen.add(action.kind)
            assert action.why.strip(), action
            assert action.message.strip(), action
            if action.kind in RULE_WHYS:
                assert action.why == RULE_WHYS[action.kind]
            else:
                assert ISO.search(action.why), action
    assert seen == {
        "follow_up",
        "interview",
        "ghosted",
        "apply",
        "apply_saved",
        "accepted_type_unknown",
    }


def test_plan_is_pure_and_repeatable() -> None:
    snapshot, today = _busy_snapshots()[0]
    assert rules.plan(snapshot, today=today) == rules.plan(snapshot, today=today)
