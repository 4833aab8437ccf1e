"""The pure statistics: funnel, response times, weeks and the activity calendar."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import count

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jobhunt import stats
from jobhunt.records import STATUSES, Application, Event

TODAY = date(2026, 11, 27)  # a Friday
_ids = count(1)


def ev(kind: str, on: str, status: str | None = None) -> Event:
    return Event(next(_ids), 0, kind, date.fromisoformat(on), status=status)


def app(
    status: str = "applied",
    applied: str | None = "2026-11-02",
    *events: Event,
    source: str | None = None,
    job_type: str | None = None,
) -> Application:
    return Application(
        next(_ids),
        "Co",
        "Dev",
        status,
        date.fromisoformat(applied) if applied else None,
        job_type=job_type,
        source=source,
        events=events,
    )


# --------------------------------------------------------------------------- stages


@pytest.mark.parametrize(
    ("application", "expected"),
    [
        (app("saved", None), -1),
        (app("applied"), 0),
        (app("withdrawn", "2026-11-02", ev("status", "2026-11-05", "withdrawn")), 0),
        (app("ghosted", "2026-11-02", ev("status", "2026-12-05", "ghosted")), 0),
        (app("rejected", "2026-11-02", ev("status", "2026-11-05", "rejected")), 1),
        (app("rejected"), 1),
        (app("applied", "2026-11-02", ev("interview", "2026-12-01")), 2),
        (app("interviewing", "2026-11-02"), 2),
        (
            app(
                "rejected",
                "2026-11-02",
                ev("status", "2026-11-05", "interviewing"),
                ev("status", "2026-11-12", "rejected"),
            ),
            2,
        ),
        (app("withdrawn", "2026-11-02", ev("status", "2026-11-20", "offer")), 3),
        (app("accepted", "2026-11-02"), 4),
        (app("interviewing", None), 2),
    ],
    ids=[
        "saved-never-applied",
        "applied-no-answer",
        "withdrawn-is-not-a-response",
        "ghosted-is-not-a-response",
        "rejection-is-a-response",
        "rejected-status-without-event",
        "scheduled-interview",
        "interviewing-status",
        "interviewed-then-rejected",
        "offer-then-withdrew",
        "accepted",
        "interviewing-without-applied-day",
    ],
)
def test_stage_reached(application: Application, expected: int) -> None:
    assert stats.stage_reached(application) == expected


def test_funnel_of_nothing_has_no_rates() -> None:
    f = stats.funnel([])
    assert f == stats.Funnel(0, 0, 0, 0, 0)
    assert f.conversion() == {
        "responded": None,
        "interviewed": None,
        "offered": None,
        "accepted": None,
    }
    assert f.of_applied() == f.conversion()


def test_funnel_counts_each_stage_and_those_beyond() -> None:
    apps = [
        app("applied"),
        app("applied"),
        app("saved", None),
        app("rejected"),
        app("applied", "2026-11-02", ev("interview", "2026-11-09")),
        app("offer"),
        app("accepted"),
    ]
    f = stats.funnel(apps)
    assert f == stats.Funnel(applied=6, responded=4, interviewed=3, offered=2, accepted=1)
    assert f.conversion() == {
        "responded": 0.6667,
        "interviewed": 0.75,
        "offered": 0.6667,
        "accepted": 0.5,
    }
    assert f.of_applied() == {
        "responded": 0.6667,
        "interviewed": 0.5,
        "offered": 0.3333,
        "accepted": 0.1667,
    }


def test_a_stage_after_a_zero_stage_has_no_rate() -> None:
    f = stats.funnel([app("applied"), app("applied")])
    assert f.conversion() == {
        "responded": 0.0,
        "interviewed": None,
        "offered": None,
        "accepted": None,
    }


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [(0, 0, None), (3, 0, None), (0, 4, 0.0), (1, 3, 0.3333), (2, 3, 0.6667), (5, 5, 1.0)],
    ids=["zero-over-zero", "over-zero", "zero", "third", "two-thirds", "all"],
)
def test_rate(part: int, whole: int, expected: float | None) -> None:
    assert stats.rate(part, whole) == expected


@st.composite
def applications(draw) -> Application:
    events = draw(
        st.lists(
            st.builds(
                ev,
                st.sampled_from(["interview", "status", "follow_up", "snooze"]),
                st.dates(date(2026, 1, 1), date(2026, 12, 31)).map(date.isoformat),
                st.sampled_from(STATUSES),
            ),
            max_size=4,
        )
    )
    applied = draw(st.none() | st.dates(date(2026, 1, 1), date(2026, 12, 31)).map(date.isoformat))
    return app(draw(st.sampled_from(STATUSES)), applied, *events)


@given(st.lists(applications(), max_size=12))
def test_the_funnel_never_widens(apps: list[Application]) -> None:
    counts = stats.funnel(apps).counts()
    assert list(counts) == sorted(counts, reverse=True)
    assert all(r is None or 0 <= r <= 1 for r in stats.funnel(apps).conversion().values())
    groups = stats.funnel_by(apps, lambda a: a.source)
    assert sum(f.applied for _, f in groups) == counts[0]


# --------------------------------------------------------------------------- groups


def test_funnel_by_groups_ignoring_case_and_lists_the_biggest_first() -> None:
    apps = [
        app("applied", source="LinkedIn"),
        app("rejected", source=" linkedin "),
        app("applied", source="Referral"),
        app("offer", source="referral"),
        app("applied", source="LINKEDIN"),
        app("applied"),
        app("saved", None, source="Indeed"),
        app("applied", source="Board"),
    ]
    groups = stats.funnel_by(apps, lambda a: a.source)
    assert [(name, f.applied, f.responded, f.offered) for name, f in groups] == [
        ("LinkedIn", 3, 1, 0),
        ("Referral", 2, 1, 1),
        ("Board", 1, 0, 0),
        (None, 1, 0, 0),
    ]


# --------------------------------------------------------------------------- responses


@pytest.mark.parametrize(
    ("application", "expected"),
    [
        (app("applied"), None),
        (app("applied", "2026-11-02", ev("interview", "2026-11-07")), 5),
        (app("rejected", "2026-11-02", ev("status", "2026-11-02", "rejected")), 0),
        (app("ghosted", "2026-11-02", ev("status", "2026-12-02", "ghosted")), None),
        (app("withdrawn", "2026-11-02", ev("status", "2026-11-04", "withdrawn")), None),
        (
            app(
                "rejected",
                "2026-11-02",
                ev("follow_up", "2026-11-09"),
                ev("status", "2026-11-20", "rejected"),
                ev("interview", "2026-11-16"),
            ),
            14,
        ),
        (
            app(
                "interviewing",
                "2026-11-10",
                ev("status", "2026-11-01", "interviewing"),
                ev("interview", "2026-11-13"),
            ),
            3,
        ),
        (app("interviewing", None, ev("interview", "2026-11-13")), None),
        (app("rejected"), None),
    ],
    ids=[
        "no-events",
        "interview",
        "same-day-rejection",
        "ghosted-is-no-response",
        "withdrawn-is-no-response",
        "first-of-several",
        "events-before-applying-ignored",
        "no-applied-day",
        "status-without-dated-event",
    ],
)
def test_days_to_first_response(application: Application, expected: int | None) -> None:
    assert stats.days_to_first_response(application) == expected


@pytest.mark.parametrize(
    ("values", "expected"),
    [([], None), ([4], 4.0), ([1, 2], 1.5), ([5, 1, 3], 3.0), ([10, 1, 3, 2], 2.5), ([7, 7], 7.0)],
    ids=["empty", "one", "even-pair", "odd", "even-unsorted", "ties"],
)
def test_median(values: list[int], expected: float | None) -> None:
    assert stats.median(values) == expected


def test_responses_summary() -> None:
    apps = [
        app("applied"),
        app("rejected", "2026-11-02", ev("status", "2026-11-05", "rejected")),
        app("rejected"),  # a response with no dated event: counted, not measured
        app("applied", "2026-11-02", ev("interview", "2026-11-12")),
    ]
    assert stats.responses(apps) == stats.Responses(
        applied=4, responded=3, rate=0.75, median_days=6.5, measured=2
    )
    assert stats.responses([]) == stats.Responses(0, 0, None, None, 0)


# --------------------------------------------------------------------------- weeks


@pytest.mark.parametrize(
    ("first_weekday", "weeks", "expected"),
    [
        (0, 3, ["2026-11-09", "2026-11-16", "2026-11-23"]),
        (6, 2, ["2026-11-15", "2026-11-22"]),
        (4, 1, ["2026-11-27"]),
        (5, 1, ["2026-11-21"]),
    ],
    ids=["monday-weeks", "sunday-weeks", "week-starts-today", "saturday-weeks"],
)
def test_week_starts(first_weekday: int, weeks: int, expected: list[str]) -> None:
    starts = stats.week_starts(today=TODAY, weeks=weeks, first_weekday=first_weekday)
    assert [d.isoformat() for d in starts] == expected


def test_weekly_counts_applications_by_applied_day() -> None:
    apps = [
        app("applied", "2026-11-23"),
        app("rejected", "2026-11-27"),
        app("applied", "2026-11-28"),  # after today: not counted
        app("applied", "2026-11-22"),  # a Sunday: previous Monday-week
        app("applied", "2026-11-09"),
        app("applied", "2026-11-08"),  # before the window
        app("saved", None),
    ]
    result = stats.weekly(apps, today=TODAY, weeks=3, first_weekday=0, target=2)
    assert [(w.start.isoformat(), w.applications, w.on_target) for w in result] == [
        ("2026-11-09", 1, False),
        ("2026-11-16", 1, False),
        ("2026-11-23", 2, True),
    ]
    sunday = stats.weekly(apps, today=TODAY, weeks=1, first_weekday=6, target=2)
    assert [(w.start.isoformat(), w.applications) for w in sunday] == [("2026-11-22", 3)]


def test_weekly_with_no_applications_is_all_zero() -> None:
    result = stats.weekly([], today=TODAY, weeks=2, first_weekday=0, target=5)
    assert [(w.applications, w.target, w.on_target) for w in result] == [(0, 5, False)] * 2
    assert stats.weekly([], today=TODAY, weeks=1, first_weekday=0, target=0)[0].on_target


# --------------------------------------------------------------------------- activity


@pytest.mark.parametrize(
    ("n", "expected"),
    [(0, 0), (1, 1), (2, 2), (3, 2), (4, 3), (6, 3), (7, 4), (40, 4)],
    ids=["none", "one", "two", "three", "four", "six", "seven", "many"],
)
def test_level(n: int, expected: int) -> None:
    assert stats.level(n) == expected


def test_actions_of_an_application() -> None:
    a = app(
        "rejected",
        "2026-11-02",
        ev("applied", "2026-11-02"),
        ev("follow_up", "2026-11-09"),
        ev("interview", "2026-11-16"),
        ev("status", "2026-11-10", "interviewing"),  # set by the interview command
        ev("status", "2026-11-20", "rejected"),
        ev("snooze", "2026-11-10"),
        ev("edit", "2026-11-11"),
    )
    assert [(d.isoformat(), k) for d, k in stats.actions_of(a)] == [
        ("2026-11-02", "applications"),
        ("2026-11-09", "follow_ups"),
        ("2026-11-16", "interviews"),
        ("2026-11-20", "status_changes"),
    ]
    saved_then_applied = app("applied", "2026-11-05", ev("status", "2026-11-05", "applied"))
    assert stats.actions_of(saved_then_applied) == [(date(2026, 11, 5), "applications")]
    manual = app("interviewing", "2026-11-05", ev("status", "2026-11-06", "interviewing"))
    assert stats.actions_of(manual)[1] == (date(2026, 11, 6), "status_changes")


def test_calendar_lays_out_weeks_by_weekday() -> None:
    apps = [
        app("applied", "2026-11-16", ev("follow_up", "2026-11-23")),
        app("applied", "2026-11-23"),
        app("applied", "2026-11-01"),  # before the window
    ]
    other = [
        (date(2026, 11, 23), "touch"),
        (date(2026, 11, 27), "course_log"),
        (date(2026, 11, 27), "touches"),
        (date(2026, 11, 28), "touch"),  # tomorrow: not shown
    ]
    cal = stats.calendar(apps, other, today=TODAY, weeks=2, first_weekday=0)
    assert cal.starts == (date(2026, 11, 16), date(2026, 11, 23))
    assert cal.rows == (
        (1, 3),  # Mon
        (0, 0),
        (0, 0),
        (0, 0),
        (0, 2),  # Fri: today
        (0, None),  # Sat, Sun: after today
        (0, None),
    )
    assert cal.total == 6
    assert len(cal.days) == 12
    by_day = dict(cal.days)
    assert by_day[date(2026, 11, 23)] == {
        "applications": 1,
        "follow_ups": 1,
        "interviews": 0,
        "status_changes": 0,
        "touches": 1,
        "course_logs": 0,
    }


def test_calendar_rows_start_on_the_first_weekday() -> None:
    cal = stats.calendar([], [(date(2026, 11, 22), "touch")], today=TODAY, weeks=1, first_weekday=6)
    assert cal.starts == (date(2026, 11, 22),)
    assert [row[0] for row in cal.rows] == [1, 0, 0, 0, 0, 0, None]  # Sun..Sat


def test_empty_calendar() -> None:
    cal = stats.calendar([], [], today=TODAY, weeks=1, first_weekday=0)
    assert cal.total == 0
    assert cal.rows == ((0,), (0,), (0,), (0,), (0,), (None,), (None,))
    assert [d for d, _ in cal.days] == [date(2026, 11, 23) + timedelta(days=i) for i in range(5)]
