"""The end of a search as tables: offers, acceptance, wind-down, silence, the morning's
cap, order and labels, and state as of a day (store/asof.py, pure)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from jobhunt import rules
from jobhunt.cli.today import due_label
from jobhunt.records import Contact, Link, Meetup, Snapshot
from jobhunt.rules import Policy
from jobhunt.store.asof import application_as_of
from tests.test_rules import FRI, d, ev, make_app

POLICY = Policy()


def kinds(snapshot: Snapshot, today: str, policy: Policy = POLICY) -> list[tuple]:
    return [
        (a.kind, a.application_id or a.contact_id, a.due.isoformat())
        for a in rules.plan(snapshot, today=d(today), policy=policy)
    ]


def accepted(app_id: int = 7, on: str = "2026-11-20", job_type: str | None = "full-time"):
    return make_app(
        ev("status", on, status="accepted"),
        app_id=app_id,
        status="accepted",
        job_type=job_type,
        company="Initech",
        role="Eng",
        applied="2026-10-01",
    )


OTHERS = (
    make_app(app_id=1, applied="2026-11-10"),
    make_app(ev("interview", "2026-11-18"), app_id=2, status="interviewing", applied="2026-11-01"),
)
FRIEND = Contact(
    id=5, name="Tom Hale", company="Initech", kind="referral", added_on=d("2026-10-01")
)


# --------------------------------------------------------------------------- the end


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (
            "2026-11-20",
            [
                ("withdraw", None, "2026-11-26"),
                ("thank_accepted", 5, "2026-11-26"),
            ],
        ),
        (
            "2026-11-26",
            [
                ("withdraw", None, "2026-11-26"),
                ("thank_accepted", 5, "2026-11-26"),
            ],
        ),
        ("2026-11-27", []),
        ("2027-03-01", []),
    ],
    ids=["acceptance-day", "last-wind-down-day", "day-after-window-silence", "months-later"],
)
def test_a_full_time_acceptance_winds_down_then_falls_silent(today, expected) -> None:
    snapshot = Snapshot(
        open_applications=OTHERS,
        accepted=(accepted(),),
        contacts=(FRIEND,),
        links=(Link(5, 7, "referral"),),
        meetups=(Meetup(1, "Fair", d(today), "career-fair"),),
        recent=(),
    )
    assert kinds(snapshot, today) == expected


def test_the_withdraw_action_names_every_open_application_in_one_command() -> None:
    snapshot = Snapshot(open_applications=OTHERS, accepted=(accepted(),))
    (action,) = rules.plan(snapshot, today=d("2026-11-21"))
    assert action.section == "wind_down"
    assert action.command == "jobhunt status 1 2 withdrawn"
    assert "Acme (Dev, #1)" in action.message


def test_a_thanked_person_is_not_asked_again() -> None:
    thanked = replace(FRIEND, last_touch=d("2026-11-21"))
    snapshot = Snapshot(accepted=(accepted(),), contacts=(thanked,), links=(Link(5, 7, "x"),))
    assert kinds(snapshot, "2026-11-22") == []


@pytest.mark.parametrize(
    ("job_type", "expected_kinds"),
    [
        ("full-time", ["withdraw"]),
        (None, ["accepted_type_unknown", "apply"]),
        ("temporary", ["apply"]),
        ("contract", ["apply"]),
        ("part-time", ["apply"]),
    ],
    ids=["full-time-ends", "untyped-asks", "temporary-goes-on", "contract-goes-on", "part-time"],
)
def test_only_a_full_time_job_ends_the_search(job_type, expected_kinds) -> None:
    snapshot = Snapshot(open_applications=OTHERS[:1], accepted=(accepted(job_type=job_type),))
    found = [k for k, _, _ in kinds(snapshot, "2026-11-21") if k in (*expected_kinds, "apply")]
    assert found == expected_kinds


def test_course_sessions_go_on_after_the_end() -> None:
    from jobhunt.records import Course

    course = Course(
        id=3, title="SQL", status="active", added_on=d("2026-11-01"), days=(FRI.weekday(),)
    )
    snapshot = Snapshot(accepted=(accepted(),), courses=(course,))
    assert [a.kind for a in rules.plan(snapshot, today=FRI)] == ["course_session"]


def test_a_new_status_on_the_accepted_job_resumes_the_search() -> None:
    fell_through = make_app(
        ev("status", "2026-11-20", status="accepted"),
        ev("status", "2026-11-24", status="applied"),
        app_id=7,
        status="applied",
        job_type="full-time",
        applied="2026-10-01",
    )
    snapshot = Snapshot(open_applications=(fell_through,))
    assert rules.search_ended_by(snapshot) is None
    assert "apply" in [a.kind for a in rules.plan(snapshot, today=FRI)]


# --------------------------------------------------------------------------- offers


def offer(respond_by: str | None) -> object:
    return make_app(
        ev("status", "2026-11-20", status="offer", until=d(respond_by) if respond_by else None),
        app_id=4,
        status="offer",
        company="Globex",
        applied="2026-11-01",
    )


@pytest.mark.parametrize(
    ("respond_by", "today", "shown"),
    [
        ("2026-12-01", "2026-11-28", False),
        ("2026-12-01", "2026-11-29", True),
        ("2026-12-01", "2026-12-01", True),
        ("2026-12-01", "2026-12-02", False),
        (None, "2026-11-29", False),
    ],
    ids=["3-days-before", "2-days-before", "on-the-day", "after", "no-day-given"],
)
def test_decision_reminder(respond_by, today, shown) -> None:
    snapshot = Snapshot(open_applications=(offer(respond_by),))
    found = [a for a in rules.plan(snapshot, today=d(today)) if a.kind == "decision"]
    assert bool(found) is shown
    if found:
        assert found[0].due == d(respond_by)
        assert found[0].command == "jobhunt status 4 accepted"


@pytest.mark.parametrize(
    ("kind", "company", "stepped"),
    [
        ("industry-leader", "Nowhere", True),
        ("peer", "Acme", True),  # Acme: an open application
        ("peer", "Nowhere", False),
        ("recruiter", "Nowhere", True),
    ],
    ids=["industry-leader", "at-a-target-company", "elsewhere", "recruiter"],
)
def test_an_offer_steps_up_leaders_and_people_at_target_companies(kind, company, stepped) -> None:
    person = Contact(id=9, name="Kim", company=company, kind=kind, added_on=d("2026-01-01"))
    apps = (offer(None), make_app(app_id=1, applied="2026-11-10"))
    plan = rules.network.touch_plan(
        person,
        policy=POLICY,
        pending=rules.network.pending_companies(apps),
        offer=rules.network.offer_pending(apps),
    )
    assert (plan.cadence < plan.usual_cadence) is stepped


def test_an_offer_doubles_the_networking_target_and_suggests_an_event() -> None:
    fair = Meetup(2, "Data meetup", d("2026-12-02"), "meetup")
    snapshot = Snapshot(open_applications=(offer(None),), meetups=(fair,))
    actions = {a.kind: a for a in rules.plan(snapshot, today=FRI)}
    assert "(0 of 6 so far)" in actions["network_target"].message
    assert actions["offer_event"].event_id == 2
    assert actions["offer_event"].nudge_key == "offer_event"
    assert "apply" in actions  # never assume the job


# --------------------------------------------------------------------------- a morning


def test_the_morning_lists_ten_follow_ups_and_counts_the_rest() -> None:
    apps = tuple(
        make_app(app_id=i, applied=(FRI - timedelta(days=8 + i)).isoformat()) for i in range(1, 16)
    )
    plan = rules.plan(Snapshot(open_applications=apps), today=FRI)
    shown = rules.morning(plan, policy=POLICY)
    follow = [a for a in shown if a.kind == "follow_up"]
    assert len(follow) == 10
    assert [a.overdue_days for a in follow] == sorted(
        (a.overdue_days for a in follow), reverse=True
    )
    (more,) = [a for a in shown if a.kind == "follow_up_more"]
    assert more.message == "5 more follow-ups are due"
    assert more.command == "jobhunt today --all"
    hidden = [a for a in plan if a.kind == "follow_up"][10:]
    assert (more.due, more.overdue_days) == (hidden[0].due, hidden[0].overdue_days)
    assert due_label(more, FRI) == f"{hidden[0].overdue_days} days overdue"
    assert shown.index(more) == shown.index(follow[-1]) + 1
    assert len([a for a in plan if a.kind == "follow_up"]) == 15  # --json lists all


def test_interviews_and_decisions_are_not_counted_in_the_cap() -> None:
    apps = (
        make_app(ev("interview", "2026-11-27"), app_id=1, status="interviewing"),
        make_app(app_id=2, applied="2026-11-10"),
    )
    shown = rules.morning(
        rules.plan(Snapshot(open_applications=apps), today=FRI),
        policy=replace(POLICY, follow_ups_per_day=1),
    )
    assert [a.kind for a in shown if a.section == "follow_up"] == ["follow_up", "interview"]


# --------------------------------------------------------------------------- order, labels


def test_order_overdue_today_tomorrow_then_targets_then_suggestions() -> None:
    apps = (
        make_app(app_id=1, applied="2026-11-10"),  # follow-up 10 days overdue
        make_app(app_id=2, applied="2026-11-19"),  # follow-up 1 day overdue
        make_app(ev("interview", "2026-11-27"), app_id=3, status="interviewing"),  # today
        make_app(ev("interview", "2026-11-28"), app_id=4, status="interviewing"),  # tomorrow
        make_app(ev("follow_up", "2026-10-08"), app_id=5, applied="2026-10-01"),  # ghosted
    )
    snapshot = Snapshot(open_applications=apps)
    plan = rules.plan(snapshot, today=FRI)
    follow = [(a.kind, a.application_id) for a in plan if a.section == "follow_up"]
    assert follow == [
        ("follow_up", 1),
        ("follow_up", 2),
        ("interview", 3),
        ("interview", 4),
        ("ghosted", 5),
    ]
    apply = [a.kind for a in plan if a.section == "apply"]
    assert apply == ["apply"]
    labels = {a.kind: due_label(a, FRI) for a in plan}
    assert labels["ghosted"] == "suggestion"
    assert labels["apply"] == "by 2026-11-29"


@pytest.mark.parametrize("shown_before", [None, "2026-11-20"], ids=["first-time", "a-week-later"])
def test_a_suggestion_is_labelled_suggestion_whatever_was_shown_before(shown_before) -> None:
    app = make_app(ev("follow_up", "2026-11-04"), app_id=5, applied="2026-10-28")
    nudges = {"ghosted:5": d(shown_before)} if shown_before else {}
    snapshot = Snapshot(open_applications=(app,), nudges=nudges)
    (ghost,) = [a for a in rules.plan(snapshot, today=FRI) if a.kind == "ghosted"]
    assert due_label(ghost, FRI) == "suggestion"


# --------------------------------------------------------------------------- as of a day


@pytest.mark.parametrize(
    ("day", "status", "event_kinds"),
    [
        ("2026-10-31", None, None),
        ("2026-11-05", "applied", ["applied"]),
        ("2026-11-12", "interviewing", ["applied", "status", "interview"]),
        ("2026-11-20", "offer", ["applied", "status", "interview", "status"]),
        ("2026-12-01", "accepted", ["applied", "status", "interview", "status", "status"]),
    ],
    ids=["before-it-existed", "applied", "interviewing", "offer", "accepted-today"],
)
def test_an_application_as_of_a_day(day, status, event_kinds) -> None:
    app = make_app(
        ev("status", "2026-11-10", status="interviewing"),
        ev("interview", "2026-11-12"),
        ev("status", "2026-11-19", status="offer"),
        ev("status", "2026-11-27", status="accepted"),
        status="accepted",
        applied="2026-11-01",
        created_at="2026-11-01T09:00:00+00:00",
    )
    recorded_on_their_day = {e.id for e in app.events if e.on > d(day)}
    seen = application_as_of(app, d(day), recorded_on_their_day)
    if status is None:
        assert seen is None
        return
    assert seen is not None
    assert seen.status == status
    assert [e.kind for e in seen.events] == event_kinds


def test_a_scheduled_interview_counts_only_once_recorded() -> None:
    app = make_app(ev("interview", "2026-12-10"), status="interviewing", applied="2026-11-01")
    interview_id = next(e.id for e in app.events if e.kind == "interview")
    before = application_as_of(app, d("2026-11-20"), recorded_later={interview_id})
    after = application_as_of(app, d("2026-11-20"), recorded_later=set())
    assert before is not None
    assert after is not None
    assert [e.kind for e in before.events] == ["applied"]
    assert [e.kind for e in after.events] == ["applied", "interview"]
