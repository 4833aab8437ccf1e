"""The networking rules of issue 15 as tables: answers to suggestions (a contact
snoozed, a company skipped), one find-a-contact per company every
`find_contact_every_days`, none for an application to mark ghosted, contacts without a
schedule or with a first due day, and event contacts (meeting and follow-up).

Today is Friday 2026-11-27; its week runs Monday 2026-11-23 .. Sunday 2026-11-29.
"""

from __future__ import annotations

import math
import shlex
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jobhunt import rules
from jobhunt.io.linkedin import Schedule, Target, spread
from jobhunt.records import (
    Application,
    Contact,
    Dismissal,
    Event,
    Interaction,
    Meetup,
    Snapshot,
)
from jobhunt.rules import DEFAULT_CADENCE, Policy
from jobhunt.rules import network as rules_network
from jobhunt.rules.meetings import counted_touches
from jobhunt.rules.people import skipped_companies, snoozed

TODAY = date(2026, 11, 27)
POLICY = Policy()


def d(text: str) -> date:
    return date.fromisoformat(text)


def person(
    cid: int = 1,
    *,
    kind: str = "recruiter",
    added: str = "2026-11-01",
    company: str | None = None,
    keep: bool = True,
    due_from: str | None = None,
    met_at: int | None = None,
) -> Contact:
    return Contact(
        id=cid,
        name=f"Person {cid}",
        company=company,
        kind=kind,
        added_on=d(added),
        met_at_event_id=met_at,
        keep_in_touch=keep,
        due_from=d(due_from) if due_from else None,
    )


def snooze(cid: int, on: str, until: str | None, aid: int = 0) -> Dismissal:
    return Dismissal(aid or cid * 10, cid, None, d(on), d(until) if until else None)


def skip(company: str, on: str = "2026-11-20", until: str | None = None, aid: int = 1) -> Dismissal:
    return Dismissal(aid, None, company, d(on), d(until) if until else None)


def app(
    aid: int = 1,
    company: str = "Acme",
    applied: str = "2026-11-20",
    status: str = "applied",
    events: tuple[Event, ...] = (),
) -> Application:
    return Application(aid, company, "Analyst", status, d(applied), events=events)


def touch(cid: int, on: str, tid: int) -> Interaction:
    return Interaction(tid, cid, "email", d(on))


def plan(snapshot: Snapshot, today: date = TODAY, policy: Policy = POLICY) -> list:
    return list(rules.plan(snapshot, today=today, policy=policy))


def of(actions: list, kind: str) -> list:
    return [a for a in actions if a.kind == kind]


# --------------------------------------------------------------------------- stay in touch

# A recruiter added 11-01 is due 11-15 (14 days): 12 days overdue today.
TOUCH_CASES = [
    # (contact, answers, expected (due, overdue days) or None)
    (person(), (), ("2026-11-15", 12)),
    (person(), (snooze(1, "2026-11-20", "2026-11-28"),), None),  # back tomorrow
    (person(), (snooze(1, "2026-11-20", "2026-11-27"),), ("2026-11-27", 0)),  # back today
    (person(), (snooze(1, "2026-11-10", "2026-11-20"),), ("2026-11-20", 7)),  # overdue from it
    (person(), (snooze(1, "2026-11-28", "2026-12-20"),), ("2026-11-15", 12)),  # given later
    (
        person(),
        (snooze(1, "2026-11-20", "2026-12-20", 1), snooze(1, "2026-11-21", "2026-11-25", 2)),
        ("2026-11-25", 2),  # the latest answer counts
    ),
    (person(), (snooze(2, "2026-11-20", "2026-12-20"),), ("2026-11-15", 12)),  # someone else
    (person(), (snooze(1, "2026-11-20", None),), None),  # for good (an imported answer)
    (person(keep=False), (), None),  # no schedule: never due
    (person(keep=False, added="2019-01-01"), (), None),
    (person(due_from="2026-12-01"), (), None),  # spread by an import: not before its day
    (person(due_from="2026-11-27"), (), ("2026-11-27", 0)),
    (person(due_from="2026-11-01"), (), ("2026-11-15", 12)),  # the cadence is later
]
TOUCH_IDS = [
    "due",
    "snoozed-until-tomorrow",
    "snooze-ends-today",
    "snooze-over-overdue-from-its-day",
    "snooze-given-after-today",
    "latest-answer-counts",
    "other-contacts-snooze",
    "snoozed-for-good",
    "no-schedule",
    "no-schedule-years-old",
    "first-due-ahead",
    "first-due-today",
    "first-due-before-cadence",
]


@pytest.mark.parametrize(("contact", "answers", "expected"), TOUCH_CASES, ids=TOUCH_IDS)
def test_stay_in_touch_with_answers_and_schedules(contact, answers, expected) -> None:
    found = of(plan(Snapshot(contacts=(contact,), dismissals=answers)), "touch")
    if expected is None:
        assert found == []
        return
    [action] = found
    assert (action.due.isoformat(), action.overdue_days) == expected


def test_the_touch_line_answers_with_a_snooze_one_cadence_ahead() -> None:
    [action] = of(plan(Snapshot(contacts=(person(),))), "touch")
    assert action.answer == "jobhunt contact snooze 1 --until 2026-12-11"
    # Stepped up while an interview is pending: one (stepped-up) cadence ahead.
    interviewing = app(status="interviewing")
    [action] = of(plan(Snapshot(contacts=(person(),), open_applications=(interviewing,))), "touch")
    assert action.answer == "jobhunt contact snooze 1 --until 2026-12-04"


def test_the_why_says_snoozed_and_first_due() -> None:
    [action] = of(
        plan(Snapshot(contacts=(person(),), dismissals=(snooze(1, "2026-11-20", "2026-11-27"),))),
        "touch",
    )
    assert action.why.endswith("; snoozed until 2026-11-27")
    [action] = of(plan(Snapshot(contacts=(person(due_from="2026-11-27"),))), "touch")
    assert "first due 2026-11-27" in action.why


def test_a_big_import_without_a_schedule_does_not_flood_the_agenda() -> None:
    people = tuple(person(i, added="2019-03-01", keep=False) for i in range(1, 5001))
    actions = plan(Snapshot(contacts=people))
    assert of(actions, "touch") == []
    assert of(actions, "touch_more") == []


def test_spread_first_due_days_keep_each_day_small() -> None:
    people = tuple(
        person(
            i,
            kind="peer",
            added="2019-03-01",
            due_from=(TODAY + timedelta(days=1 + i % 30)).isoformat(),
        )
        for i in range(1, 5001)
    )
    actions = plan(Snapshot(contacts=people), today=TODAY + timedelta(days=1))
    [more] = of(actions, "touch_more")
    assert len(of(actions, "touch")) + int(more.message.split()[0]) <= 5000 // 30 + 2


@pytest.mark.parametrize(
    ("keep", "answers", "due"),
    [
        (True, (), True),
        (True, (snooze(1, "2026-11-26", "2026-12-01"),), False),
        (False, (), False),
    ],
    ids=["offer-steps-up", "snoozed-stays-snoozed", "no-schedule-stays-quiet"],
)
def test_an_offer_still_steps_up_and_answers_still_hold(keep, answers, due) -> None:
    # An industry leader (60 days) last seen 10-20 is due 11-19 only while an offer is
    # pending (30 days); before, 12-19.
    leader = Contact(1, "Kim", "Nowhere", "industry-leader", d("2026-10-20"), keep_in_touch=keep)
    offer = app(9, "Initech", status="offer")
    snapshot = Snapshot(contacts=(leader,), open_applications=(offer,), dismissals=answers)
    found = of(plan(snapshot), "touch")
    assert bool(found) is due
    if found:
        assert "stepped up: offer pending at Initech" in found[0].why
    assert of(plan(Snapshot(contacts=(leader,))), "touch") == []  # no offer: not due


# --------------------------------------------------------------------------- find a contact

FIND_CASES = [
    # (applications, answers, nudges, expected application ids)
    ((app(1),), (), {}, [1]),
    ((app(1),), (skip("Acme"),), {}, []),  # skipped for good
    ((app(1),), (skip("  aCME "),), {}, []),  # matched as the rule matches companies
    ((app(1),), (skip("Acme Corp"),), {}, [1]),  # another company
    ((app(1),), (skip("Acme", until="2026-11-28"),), {}, []),  # until tomorrow
    ((app(1),), (skip("Acme", until="2026-11-27"),), {}, [1]),  # back on its day
    ((app(1),), (skip("Acme", on="2026-11-28"),), {}, [1]),  # given after today
    ((app(1), app(2, "Beta")), (skip("Acme"),), {}, [2]),
    ((app(1),), (), {"find_contact:company:acme": d("2026-11-14")}, []),  # 13 days ago
    ((app(1),), (), {"find_contact:company:acme": d("2026-11-13")}, [1]),  # 14 days ago
    ((app(1),), (), {"find_contact:company:acme": TODAY}, [1]),  # earlier today
    ((app(1),), (), {"find_contact:1": d("2026-11-20")}, []),  # before the company key
    ((app(2), app(1, applied="2026-11-25")), (), {"find_contact:1": d("2026-11-20")}, []),
    (
        (app(1, "A", "2026-11-01"), app(2, "B", "2026-11-02"), app(3, "C"), app(4, "D")),
        (),
        {"find_contact:company:a": d("2026-11-20")},
        [2, 3, 4],  # A waits: its slot goes to D
    ),
]
FIND_IDS = [
    "suggested",
    "skipped",
    "skip-case-and-spaces",
    "skip-other-company",
    "skipped-until-tomorrow",
    "skip-ends-today",
    "skip-given-after-today",
    "skip-one-company-only",
    "shown-13-days-ago",
    "shown-14-days-ago",
    "shown-earlier-today",
    "shown-through-its-application-before",
    "shown-through-another-application",
    "waiting-company-gives-its-slot",
]


@pytest.mark.parametrize(("apps", "answers", "nudges", "expected"), FIND_CASES, ids=FIND_IDS)
def test_find_contact_with_answers_and_every_days(apps, answers, nudges, expected) -> None:
    snapshot = Snapshot(open_applications=apps, dismissals=answers, nudges=nudges)
    found = of(plan(snapshot), "find_contact")
    assert [a.application_id for a in found] == expected
    for action in found:
        assert action.nudge_key == rules_network.find_contact_key(
            action.message.split(" at ")[1].split(" (")[0]
        )
        assert action.nudge_days == 14


def test_find_contact_every_days_follows_the_policy() -> None:
    nudges = {"find_contact:company:acme": d("2026-11-24")}
    snapshot = Snapshot(open_applications=(app(1),), nudges=nudges)
    assert of(plan(snapshot, policy=Policy(find_contact_every_days=3)), "find_contact") != []
    assert of(plan(snapshot, policy=Policy(find_contact_every_days=4)), "find_contact") == []


def test_the_find_contact_line_answers_with_a_quoted_skip() -> None:
    [action] = of(plan(Snapshot(open_applications=(app(1, "O'Brien & Co"),))), "find_contact")
    assert action.answer == "jobhunt skip company 'O'\"'\"'Brien & Co'"
    assert action.nudge_key == "find_contact:company:o'brien & co"


@pytest.mark.parametrize(
    ("application", "followed_up", "expected"),
    [
        (app(1, applied="2026-10-29"), False, [1]),  # 29 days: a follow-up overdue, no ghost
        (app(1, applied="2026-10-20"), True, []),  # followed up, silent 38 days: ghosted
        (app(1, applied="2026-10-20"), False, []),  # never followed up, 38 days: ghosted
        (app(1, applied="2026-10-29", status="interviewing"), False, [1]),
    ],
    ids=["not-yet-ghosted", "ghosted-after-follow-up", "ghosted-never-followed-up", "interviewing"],
)
def test_no_find_contact_for_an_application_to_mark_ghosted(
    application, followed_up, expected
) -> None:
    if followed_up:
        fu = Event(1, 1, "follow_up", d("2026-10-27"), channel="email")
        application = app(1, applied="2026-10-20", events=(fu,))
    actions = plan(Snapshot(open_applications=(application,)))
    assert [a.application_id for a in of(actions, "find_contact")] == expected
    assert bool(of(actions, "ghosted")) is (not expected)


def test_the_ghosted_application_gives_its_company_slot_to_another() -> None:
    old = app(1, "Acme", "2026-10-20")
    fresh = app(2, "Acme", "2026-11-20")
    found = of(plan(Snapshot(open_applications=(old, fresh))), "find_contact")
    assert [a.application_id for a in found] == [2]


# --------------------------------------------------------------------------- helpers


def test_snoozed_and_skipped_helpers() -> None:
    answers = (
        snooze(1, "2026-11-20", "2026-12-01"),
        snooze(2, "2026-11-28", "2026-12-01"),  # given after today
        skip("Acme ", until="2026-11-27"),
        skip("BETA", aid=2),
    )
    assert snoozed(answers, TODAY) == {1: d("2026-12-01")}
    assert skipped_companies(answers, TODAY) == frozenset({"beta"})


# --------------------------------------------------------------------------- events

FAIR = 3
FAIR_DAY = "2026-11-24"  # a Tuesday


def fair() -> Meetup:
    return Meetup(FAIR, "Data fair", d(FAIR_DAY), "career-fair")


EVENT_CASES = [
    # (touch days of contact 1, met at the fair?, follow-up due today?, counted this week)
    ((), True, True, 0),
    (("2026-11-24",), True, True, 1),  # the meeting: the follow-up is still due
    (("2026-11-24", "2026-11-25"), True, False, 1),  # meeting + follow-up: one person
    (("2026-11-25",), True, False, 1),  # only the follow-up logged
    (("2026-11-24", "2026-11-25", "2026-11-26"), True, False, 2),  # then a touch like any
    (("2026-11-23", "2026-11-24"), True, True, 2),  # a touch before the fair counts
    (("2026-11-24", "2026-11-25"), False, False, 2),  # not met there: two touches
]
EVENT_IDS = [
    "nothing-logged",
    "meeting-logged-follow-up-due",
    "meeting-and-follow-up-one-person",
    "follow-up-only",
    "third-touch-counts",
    "touch-before-event",
    "not-an-event-contact",
]


@pytest.mark.parametrize(("days", "met", "follow_up", "counted"), EVENT_CASES, ids=EVENT_IDS)
def test_event_contacts_meeting_and_follow_up(days, met, follow_up, counted) -> None:
    contact = person(kind="peer", added=FAIR_DAY, met_at=FAIR if met else None)
    touches = tuple(touch(1, day, i + 1) for i, day in enumerate(days))
    snapshot = Snapshot(contacts=(contact,), touches=touches, meetups=(fair(),))
    actions = plan(snapshot)
    assert bool(of(actions, "event_follow_up")) is follow_up
    assert rules_network.touches_this_week(snapshot, today=TODAY, policy=POLICY) == counted
    [target] = of(actions, "network_target")
    assert f"({counted} of 3 so far)" in target.message


def test_a_follow_up_after_the_window_is_a_touch_like_any() -> None:
    contact = person(kind="peer", added="2026-11-10", met_at=FAIR)
    early = Meetup(FAIR, "Data fair", d("2026-11-10"), "career-fair")
    touches = (touch(1, "2026-11-10", 1), touch(1, "2026-11-24", 2))
    snapshot = Snapshot(contacts=(contact,), touches=touches, meetups=(early,))
    assert [t.id for t in counted_touches(snapshot)] == [1, 2]


def test_a_round_with_an_event_contact_restarts_the_schedule_but_not_the_target() -> None:
    # A round with her (event_person) is in last_touch, never in the week's touches.
    contact = Contact(1, "Ana", "Acme", "peer", d(FAIR_DAY), met_at_event_id=FAIR,
                      last_touch=d("2026-11-26"))  # fmt: skip
    actions = plan(Snapshot(contacts=(contact,), meetups=(fair(),)))
    assert of(actions, "event_follow_up") == []  # the round is an interaction after the fair
    [target] = of(actions, "network_target")
    assert "(0 of 3 so far)" in target.message


# --------------------------------------------------------------------------- properties

COMPANY = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1
).filter(lambda s: s.strip())


@given(name=COMPANY)
@settings(max_examples=200, deadline=None)
def test_any_company_name_is_answered_by_a_command_that_skips_it(name: str) -> None:
    """Whatever a user or a file named the company, the answer shown on the agenda is a
    shell command whose argument is that company, and that answer silences it."""
    apps = (app(1, name),)
    [action] = of(plan(Snapshot(open_applications=apps)), "find_contact")
    words = shlex.split(action.answer)
    assert words[:3] == ["jobhunt", "skip", "company"]
    assert words[3:] == [name.strip()]
    answered = Snapshot(open_applications=apps, dismissals=(skip(words[3]),))
    assert of(plan(answered), "find_contact") == []


@given(
    counts=st.dictionaries(
        st.sampled_from(sorted(DEFAULT_CADENCE)), st.integers(1, 3000), min_size=1
    ),
)
@settings(max_examples=60, deadline=None)
def test_spread_first_due_days_over_one_period_of_each_kind(counts: dict[str, int]) -> None:
    targets = [
        Target(None, f"P{kind}{i}", None, None, None, None, TODAY, kind)
        for kind, n in counts.items()
        for i in range(n)
    ]
    first = spread(targets, Schedule(TODAY, dict(DEFAULT_CADENCE)))
    assert sorted(first) == list(range(len(targets)))
    for kind, n in counts.items():
        period = DEFAULT_CADENCE[kind]
        days = [first[i] for i, t in enumerate(targets) if t.kind == kind]
        assert min(days) == TODAY + timedelta(days=1)
        assert max(days) <= TODAY + timedelta(days=period)
        per_day: dict[date, int] = {}
        for day in days:
            per_day[day] = per_day.get(day, 0) + 1
        assert max(per_day.values()) <= math.ceil(n / period)
