"""The network rules as tables: fixed dates, frozen records, exact actions.

Today is Friday 2026-11-27; its week runs Monday 2026-11-23 .. Sunday 2026-11-29.
"""

from __future__ import annotations

import ast
import inspect
from datetime import date, timedelta

import pytest

from jobhunt import rules
from jobhunt.records import Application, Contact, Event, Interaction, Link, Meetup, Snapshot
from jobhunt.rules import Action, Policy
from jobhunt.rules import network as rules_network
from jobhunt.rules.network import network_actions, stepped_up, touch_plan

TODAY = date(2026, 11, 27)
POLICY = Policy()


def d(text: str) -> date:
    return date.fromisoformat(text)


def contact(
    cid: int = 1,
    *,
    kind: str = "peer",
    added: str = "2026-11-01",
    company: str | None = None,
    last: str | None = None,
    every: int | None = None,
    met_at: int | None = None,
    name: str | None = None,
) -> Contact:
    return Contact(
        id=cid,
        name=name or f"Person {cid}",
        company=company,
        kind=kind,
        added_on=d(added),
        every_days=every,
        met_at_event_id=met_at,
        last_touch=d(last) if last else None,
    )


def application(
    aid: int = 1,
    *,
    company: str = "Acme",
    status: str = "applied",
    applied: str | None = "2026-11-02",
    interview: str | None = None,
    job_type: str | None = None,
) -> Application:
    events = (Event(aid * 10, aid, "interview", d(interview)),) if interview else ()
    return Application(
        id=aid,
        company=company,
        role="Analyst",
        status=status,
        applied_on=d(applied) if applied else None,
        job_type=job_type,
        events=events,
    )


def touch(cid: int, on: str, tid: int = 0) -> Interaction:
    return Interaction(id=tid or cid * 100, contact_id=cid, via="email", on=d(on))


def kinds(actions, kind: str) -> list[Action]:
    return [a for a in actions if a.kind == kind]


def network(snapshot: Snapshot, today: date = TODAY, policy: Policy = POLICY) -> list[Action]:
    """The network section of the day's plan (overdue days filled in by plan())."""
    return [a for a in rules.plan(snapshot, today=today, policy=policy) if a.section == "network"]


# --------------------------------------------------------------------------- rule 1: touch

TOUCH_CASES = [
    # (contact, touches, expected (due, overdue_days) or None)
    (contact(kind="peer", added="2026-10-29"), (), None),  # due 11-28: the day before, nothing
    (contact(kind="peer", added="2026-10-28"), (), ("2026-11-27", 0)),  # due today
    (contact(kind="peer", added="2026-10-27"), (), ("2026-11-26", 1)),
    (contact(kind="recruiter", added="2026-11-14"), (), None),  # 14 days -> 11-28
    (contact(kind="recruiter", added="2026-11-13"), (), ("2026-11-27", 0)),
    (contact(kind="recruitment-firm", added="2026-11-13"), (), ("2026-11-27", 0)),
    (contact(kind="hiring-manager", added="2026-10-28"), (), ("2026-11-27", 0)),
    (contact(kind="referral", added="2026-11-06"), (), ("2026-11-27", 0)),
    (contact(kind="referral", added="2026-11-07"), (), None),
    (contact(kind="industry-leader", added="2026-09-28"), (), ("2026-11-27", 0)),
    (contact(kind="industry-leader", added="2026-09-29"), (), None),
    (contact(kind="other", added="2026-10-13"), (), ("2026-11-27", 0)),
    (contact(kind="other", added="2026-10-14"), (), None),
    # the last interaction replaces the day added
    (contact(kind="recruiter", added="2026-01-01", last="2026-11-13"), (), ("2026-11-27", 0)),
    (contact(kind="recruiter", added="2026-01-01", last="2026-11-14"), (), None),
    # a recent interaction in the snapshot counts even if the record does not know it
    (contact(kind="recruiter", added="2026-01-01"), (touch(1, "2026-11-14"),), None),
    (contact(kind="recruiter", added="2026-01-01"), (touch(1, "2026-11-13"),), ("2026-11-27", 0)),
    # someone else's interaction does not count
    (contact(kind="recruiter", added="2026-11-13"), (touch(2, "2026-11-20"),), ("2026-11-27", 0)),
    # the contact's own cadence beats the kind's default
    (contact(kind="peer", every=10, added="2026-11-17"), (), ("2026-11-27", 0)),
    (contact(kind="peer", every=10, added="2026-11-18"), (), None),
    (contact(kind="peer", every=10, last="2026-11-10"), (), ("2026-11-20", 7)),
]
TOUCH_IDS = [
    "peer-day-before-due",
    "peer-due-today",
    "peer-1-day-overdue",
    "recruiter-day-before",
    "recruiter-due",
    "recruitment-firm-due",
    "hiring-manager-30d",
    "referral-21d",
    "referral-day-before",
    "industry-leader-60d",
    "industry-leader-day-before",
    "other-45d",
    "other-day-before",
    "last-touch-due",
    "last-touch-day-before",
    "snapshot-touch-day-before",
    "snapshot-touch-due",
    "other-contacts-touch-ignored",
    "own-cadence-due",
    "own-cadence-day-before",
    "own-cadence-overdue",
]


@pytest.mark.parametrize(("person", "touches", "expected"), TOUCH_CASES, ids=TOUCH_IDS)
def test_touch_due(person: Contact, touches: tuple, expected: tuple | None) -> None:
    found = kinds(network(Snapshot(contacts=(person,), touches=touches)), "touch")
    if expected is None:
        assert found == []
        return
    due, overdue = expected
    [action] = found
    assert (action.due, action.overdue_days) == (d(due), overdue)
    assert action.contact_id == 1
    assert action.section == "network"
    assert action.command == "jobhunt contact touch 1 --via email"


def test_touch_message_and_why() -> None:
    never = contact(1, kind="recruiter", company="Acme", added="2026-11-13", name="Ann Lee")
    again = contact(2, kind="peer", added="2026-01-01", last="2026-10-28", name="Bo")
    first, second = kinds(network(Snapshot(contacts=(never, again))), "touch")
    assert first.message == "Get in touch with Ann Lee (recruiter at Acme)"
    assert first.why == "stay-in-touch rule: every 14 days from added 2026-11-13"
    assert second.message == "Get back in touch with Bo (peer)"
    assert second.why == "stay-in-touch rule: every 30 days from last touch 2026-10-28"


def test_touch_follows_the_policy_cadence() -> None:
    policy = Policy(cadence_days={**POLICY.cadence_days, "peer": 7})
    person = contact(kind="peer", added="2026-11-20")
    assert [
        a.due for a in kinds(network(Snapshot(contacts=(person,)), policy=policy), "touch")
    ] == [d("2026-11-27")]


# --------------------------------------------------------------------------- rule 2: step-up

STEP_UP_CASES = [
    # (contact, applications, expected due or None, step-up phrase in why or None)
    # peer 30 days, halved to 15 while an interview is pending at their company
    (contact(kind="peer", company="Acme", added="2026-11-12"), (), None, None),
    (
        contact(kind="peer", company="Acme", added="2026-11-12"),
        (application(status="interviewing"),),
        "2026-11-27",
        "interview pending at Acme",
    ),
    (
        contact(kind="peer", company="Acme", added="2026-11-13"),
        (application(status="interviewing"),),
        None,  # stepped-up due day is 11-28: the day before, nothing
        None,
    ),
    # company names match case-insensitively, ignoring outer spaces
    (
        contact(kind="peer", company=" aCME ", added="2026-11-12"),
        (application(status="offer"),),
        "2026-11-27",
        "offer pending at Acme",
    ),
    # status applied with an interview recorded counts as pending
    (
        contact(kind="peer", company="Acme", added="2026-11-12"),
        (application(status="applied", interview="2026-11-30"),),
        "2026-11-27",
        "interview pending at Acme",
    ),
    # applied without an interview: no step-up
    (
        contact(kind="peer", company="Acme", added="2026-11-12"),
        (application(status="applied"),),
        None,
        None,
    ),
    # a pending interview elsewhere does not step up a peer
    (
        contact(kind="peer", company="Beta", added="2026-11-12"),
        (application(status="interviewing"),),
        None,
        None,
    ),
    # a closed application steps up nothing
    (
        contact(kind="peer", company="Acme", added="2026-11-12"),
        (application(status="rejected", interview="2026-11-20"),),
        None,
        None,
    ),
    # every recruiter steps up (14 -> 7), wherever they work
    (
        contact(kind="recruiter", company="Beta", added="2026-11-20"),
        (application(status="interviewing"),),
        "2026-11-27",
        "interview pending at Acme",
    ),
    (
        contact(kind="recruitment-firm", added="2026-11-21"),
        (application(status="offer"),),
        None,  # due 11-28
        None,
    ),
    (
        contact(kind="recruitment-firm", added="2026-11-20"),
        (application(status="offer"),),
        "2026-11-27",
        "offer pending at Acme",
    ),
    # the contact's own cadence is stepped up too: 3 -> 2 (rounded half up)
    (
        contact(kind="peer", company="Acme", every=3, added="2026-11-25"),
        (application(status="interviewing"),),
        "2026-11-27",
        "interview pending at Acme",
    ),
    # never below one day
    (
        contact(kind="peer", company="Acme", every=1, added="2026-11-26"),
        (application(status="interviewing"),),
        "2026-11-27",
        "interview pending at Acme",
    ),
]
STEP_UP_IDS = [
    "peer-no-interview-not-due",
    "peer-interview-at-company-due",
    "peer-stepped-day-before",
    "company-case-insensitive-offer",
    "applied-with-interview-event",
    "applied-without-interview",
    "interview-elsewhere",
    "closed-application",
    "recruiter-anywhere",
    "recruitment-firm-day-before",
    "recruitment-firm-due",
    "own-cadence-stepped",
    "at-least-one-day",
]


@pytest.mark.parametrize(("person", "apps", "due", "phrase"), STEP_UP_CASES, ids=STEP_UP_IDS)
def test_step_up(person: Contact, apps: tuple, due: str | None, phrase: str | None) -> None:
    found = kinds(network(Snapshot(contacts=(person,), open_applications=apps)), "touch")
    if due is None:
        assert found == []
        return
    [action] = found
    assert action.due == d(due)
    assert action.overdue_days == 0
    assert f"; stepped up: {phrase} (usually every " in action.why


def test_step_up_why_names_rule_and_dates() -> None:
    person = contact(kind="peer", company="Acme", added="2026-11-12")
    [action] = kinds(
        network(Snapshot(contacts=(person,), open_applications=(application(status="offer"),))),
        "touch",
    )
    assert action.why == (
        "stay-in-touch rule: every 15 days from added 2026-11-12; "
        "stepped up: offer pending at Acme (usually every 30 days)"
    )


def test_recruiter_step_up_names_every_pending_company() -> None:
    apps = (
        application(1, company="Zeta", status="interviewing"),
        application(2, company="Acme", status="offer"),
    )
    plan = touch_plan(
        contact(kind="recruiter", added="2026-11-20"),
        policy=POLICY,
        pending=rules_network.pending_companies(apps),
    )
    assert (plan.due, plan.cadence, plan.usual_cadence) == (d("2026-11-27"), 7, 14)
    assert plan.step_up == "offer pending at Acme, interview pending at Zeta"


@pytest.mark.parametrize(
    ("days", "factor", "expected"),
    [
        (14, 0.5, 7),
        (45, 0.5, 23),
        (21, 0.5, 11),
        (30, 0.5, 15),
        (1, 0.5, 1),
        (3, 0.1, 1),
        (30, 1, 30),
    ],
    ids=["14", "45-half-up", "21-half-up", "30", "1-stays-1", "floor-at-1", "factor-1"],
)
def test_stepped_up_rounding(days: int, factor: float, expected: int) -> None:
    assert stepped_up(days, factor) == expected


# --------------------------------------------------------------------------- rule 3: find a contact

FIND_CASES = [
    # (applications, contacts, links, nudges, expected application ids)
    ((application(1),), (), (), {}, [1]),
    ((application(1, status="saved", applied=None),), (), (), {}, []),
    ((application(1, status="interviewing"),), (), (), {}, [1]),
    ((application(1),), (contact(company="acme"),), (), {}, []),
    ((application(1),), (contact(company="  ACME "),), (), {}, []),
    ((application(1),), (contact(company="Acme Corp"),), (), {}, [1]),
    ((application(1),), (contact(company="Beta"),), (Link(1, 1, "referral"),), {}, []),
    ((application(1),), (), (Link(1, 2, "referral"),), {}, [1]),
    (
        (
            application(5, applied="2026-11-05", company="E"),
            application(2, applied="2026-11-01", company="B"),
            application(4, applied="2026-11-03", company="D"),
            application(1, applied="2026-11-03", company="A"),
            application(3, applied="2026-11-20", company="C"),
        ),
        (),
        (),
        {},
        [2, 1, 4],
    ),
    (
        (
            application(1, applied="2026-11-01", company="A"),
            application(2, applied="2026-11-02", company="B"),
            application(3, applied="2026-11-03", company="C"),
            application(4, applied="2026-11-04", company="D"),
        ),
        (),
        (),
        {"find_contact:company:a": d("2026-11-24")},  # shown 3 days ago: its slot goes to D
        [2, 3, 4],
    ),
    (
        (application(1, applied="2026-11-01"),),
        (),
        (),
        {"find_contact:company:acme": d("2026-11-14")},  # 13 days ago: still waiting
        [],
    ),
    (
        (application(1, applied="2026-11-01"),),
        (),
        (),
        {"find_contact:company:acme": d("2026-11-13")},  # 14 days ago: shown again
        [1],
    ),
    (
        (application(1, applied="2026-11-01"),),
        (),
        (),
        {"find_contact:1": d("2026-11-20")},  # 7 days ago, by its application: waiting
        [],
    ),
    (
        (application(1, applied="2026-11-01"),),
        (),
        (),
        {"find_contact:company:acme": TODAY},  # shown earlier today: stays on today's list
        [1],
    ),
    (
        (
            application(1, applied="2026-11-01", company="Acme"),
            application(2, applied="2026-11-02", company="acme"),
        ),
        (),
        (),
        {},
        [1],  # one suggestion per company
    ),
    (
        (application(2, applied=None, status="interviewing", company="B"), application(1)),
        (),
        (),
        {},
        [1, 2],  # no applied date sorts last
    ),
]
FIND_IDS = [
    "applied-no-contact",
    "saved-skipped",
    "interviewing-counts",
    "contact-at-company",
    "contact-company-case-and-space",
    "different-company-name",
    "linked-contact",
    "link-to-other-application",
    "oldest-three-first",
    "shown-this-week-gives-slot-away",
    "shown-13-days-ago",
    "shown-14-days-ago",
    "shown-7-days-ago-by-application",
    "shown-today",
    "one-per-company",
    "no-applied-date-last",
]


@pytest.mark.parametrize(
    ("apps", "people", "links", "nudges", "expected"), FIND_CASES, ids=FIND_IDS
)
def test_find_contact(apps, people, links, nudges, expected: list[int]) -> None:
    snapshot = Snapshot(open_applications=apps, contacts=people, links=links, nudges=nudges)
    found = kinds(network(snapshot), "find_contact")
    assert [a.application_id for a in found] == expected
    assert all(a.nudge_key.startswith("find_contact:company:") for a in found)
    assert len({a.nudge_key for a in found}) == len(found)  # one per company
    assert all(a.due == TODAY and a.overdue_days == 0 for a in found)


def test_find_contact_message_and_command() -> None:
    snapshot = Snapshot(open_applications=(application(7, company="Big Co"),))
    [action] = kinds(network(snapshot), "find_contact")
    assert action.message == "Find someone you know at Big Co (your application: Analyst)"
    assert action.why == (
        "find-contact rule: no contact at Big Co yet; applied 2026-11-02; "
        "at most once every 14 days per company"
    )
    assert action.command == "jobhunt contact add NAME --company 'Big Co'"
    assert action.answer == "jobhunt skip company 'Big Co'"
    assert action.section == "network"


def test_find_contact_max_follows_policy() -> None:
    apps = tuple(application(i, company=f"C{i}") for i in range(1, 6))
    policy = Policy(find_contact_max=1)
    assert [
        a.application_id
        for a in kinds(network(Snapshot(open_applications=apps), policy=policy), "find_contact")
    ] == [1]


# --------------------------------------------------------------------------- rule 4: events

FAIR = 3


def meetup(on: str, eid: int = FAIR, place: str | None = "Town hall") -> Meetup:
    return Meetup(id=eid, title="Career fair", on=d(on), kind="career-fair", place=place)


EVENT_CASES = [
    # (event day, contacts, touches, expected [(kind, due, overdue_days, contact_id)])
    ("2026-11-29", (), (), []),  # two days ahead: nothing yet
    ("2026-11-28", (), (), [("event", "2026-11-28", 0, None)]),  # the day before
    ("2026-11-27", (), (), [("event", "2026-11-27", 0, None)]),  # the day itself
    (
        "2026-11-27",
        (contact(met_at=FAIR, added="2026-11-27"),),
        (),
        [("event", "2026-11-27", 0, None)],
    ),
    ("2026-11-26", (), (), []),  # the day after, nobody recorded
    (
        "2026-11-26",
        (contact(met_at=FAIR, added="2026-11-26"),),
        (),
        [("event_follow_up", "2026-11-27", 0, 1)],
    ),
    (
        "2026-11-20",
        (contact(met_at=FAIR, added="2026-11-20"),),
        (),
        [("event_follow_up", "2026-11-21", 6, 1)],  # 7 days after: still there, overdue
    ),
    ("2026-11-19", (contact(met_at=FAIR, added="2026-11-19"),), (), []),  # 8 days after: gone
    # a touch on the event day is the meeting itself: the follow-up is still due
    (
        "2026-11-26",
        (contact(met_at=FAIR),),
        (touch(1, "2026-11-26"),),
        [("event_follow_up", "2026-11-27", 0, 1)],
    ),
    (
        "2026-11-25",
        (contact(met_at=FAIR, last="2026-11-25"),),
        (),
        [("event_follow_up", "2026-11-26", 1, 1)],
    ),
    # in touch after the event day: done
    ("2026-11-26", (contact(met_at=FAIR),), (touch(1, "2026-11-27"),), []),
    ("2026-11-24", (contact(met_at=FAIR, last="2026-11-25"),), (), []),
    # an interaction before the event does not count
    (
        "2026-11-24",
        (contact(met_at=FAIR, added="2026-11-01"),),
        (touch(1, "2026-11-23"),),
        [("event_follow_up", "2026-11-25", 2, 1)],
    ),
    # only the people met at this event
    ("2026-11-26", (contact(met_at=99, added="2026-11-26"),), (), []),
    ("2026-11-26", (contact(met_at=None, added="2026-11-26"),), (), []),
]
EVENT_IDS = [
    "two-days-ahead",
    "day-before",
    "on-the-day",
    "on-the-day-no-follow-up-yet",
    "day-after-nobody-met",
    "day-after-follow-up",
    "seven-days-after-overdue",
    "eight-days-after-gone",
    "meeting-on-event-day-is-not-the-follow-up",
    "last-touch-on-event-day-is-the-meeting",
    "touched-after-event-day",
    "last-touch-after-event",
    "touched-before-event",
    "met-at-another-event",
    "met-nowhere",
]


@pytest.mark.parametrize(("on", "people", "touches", "expected"), EVENT_CASES, ids=EVENT_IDS)
def test_events(on: str, people: tuple, touches: tuple, expected: list) -> None:
    snapshot = Snapshot(meetups=(meetup(on),), contacts=people, touches=touches)
    found = [
        (a.kind, a.due.isoformat(), a.overdue_days, a.contact_id)
        for a in network(snapshot)
        if a.kind in ("event", "event_follow_up")
    ]
    assert found == expected
    assert all(a.event_id == FAIR for a in network(snapshot) if a.kind.startswith("event"))


def test_event_messages() -> None:
    person = contact(
        1, met_at=FAIR, company="Acme", kind="recruiter", name="Ann", added="2026-11-26"
    )
    snapshot = Snapshot(
        meetups=(meetup("2026-11-26"), meetup("2026-11-28", eid=4, place=None)),
        contacts=(person,),
    )
    follow_up, notice = [a for a in network(snapshot) if a.kind.startswith("event")]
    assert follow_up.message == "Follow up with Ann (recruiter at Acme), met at Career fair"
    assert follow_up.why == (
        "event follow-up rule: met at Career fair on 2026-11-26; follow up the day after"
    )
    assert follow_up.command == "jobhunt contact touch 1 --via email"
    assert notice.message == "Networking event on 2026-11-28: Career fair"
    assert notice.why == "event rule: career-fair on 2026-11-28, shown 1 day(s) ahead"
    assert notice.command == "jobhunt event show 4"
    today_notice = kinds(network(Snapshot(meetups=(meetup("2026-11-27"),))), "event")[0]
    assert today_notice.message == "Networking event today: Career fair at Town hall"


def test_event_follow_up_replaces_the_touch_for_that_contact() -> None:
    # Due for a touch (own cadence 1 day) and met at yesterday's event: one line, not two.
    person = contact(1, met_at=FAIR, every=1, added="2026-11-26")
    found = [
        (a.kind, a.contact_id)
        for a in network(Snapshot(meetups=(meetup("2026-11-26"),), contacts=(person,)))
    ]
    assert ("event_follow_up", 1) in found
    assert ("touch", 1) not in found


# --------------------------------------------------------------------------- rule 5: weekly target

TARGET_CASES = [
    # (touch days, accepted applications, expected message or None)
    ((), (), "Get in touch with 3 more people this week (0 of 3 so far)"),
    (("2026-11-23",), (), "Get in touch with 2 more people this week (1 of 3 so far)"),
    (("2026-11-23", "2026-11-27"), (), "Get in touch with 1 more person this week (2 of 3 so far)"),
    (("2026-11-23", "2026-11-24", "2026-11-27"), (), None),
    (
        ("2026-11-24", "2026-11-24", "2026-11-24", "2026-11-24"),
        (),
        None,
    ),  # interactions, not people
    (("2026-11-22", "2026-11-21"), (), "Get in touch with 3 more people this week (0 of 3 so far)"),
    (("2026-11-28",), (), "Get in touch with 3 more people this week (0 of 3 so far)"),  # future
    ((), (application(9, status="accepted", job_type="full-time"),), None),  # search ended
    (
        (),
        (application(9, status="accepted", job_type=None),),  # not known to be full-time
        "Get in touch with 3 more people this week (0 of 3 so far)",
    ),
    (
        (),
        (application(9, status="accepted", job_type="contract"),),  # stop-gap work: keep going
        "Get in touch with 3 more people this week (0 of 3 so far)",
    ),
]
TARGET_IDS = [
    "none-yet",
    "monday-counts",
    "two-done",
    "target-met",
    "interactions-counted",
    "last-week-ignored",
    "after-today-ignored",
    "search-ended",
    "search-ended-untyped",
    "contract-keeps-target",
]


@pytest.mark.parametrize(("days", "accepted", "expected"), TARGET_CASES, ids=TARGET_IDS)
def test_weekly_target(days: tuple, accepted: tuple, expected: str | None) -> None:
    touches = tuple(touch(1, day, tid=i + 1) for i, day in enumerate(days))
    found = kinds(network(Snapshot(touches=touches, accepted=accepted)), "network_target")
    if expected is None:
        assert found == []
        return
    [action] = found
    assert action.message == expected
    assert action.due == d("2026-11-29")
    assert action.overdue_days == 0
    assert action.why == "weekly networking target of 3 touches, week of 2026-11-23"
    assert action.command == "jobhunt contact add NAME --company X"


def test_weekly_target_on_sunday_is_due_today_and_follows_first_weekday() -> None:
    sunday = d("2026-11-29")
    [action] = kinds(network(Snapshot(), today=sunday), "network_target")
    assert (action.due, action.overdue_days) == (sunday, 0)
    # Weeks starting on Sunday: Sunday 11-29 opens a new week ending 12-05.
    policy = Policy(first_weekday=6)
    touches = (touch(1, "2026-11-28"),)
    [action] = kinds(
        network(Snapshot(touches=touches), today=sunday, policy=policy), "network_target"
    )
    assert action.due == d("2026-12-05")
    assert action.message == "Get in touch with 3 more people this week (0 of 3 so far)"


def test_weekly_target_points_at_the_contact_list_once_you_have_contacts() -> None:
    person = contact(added="2026-11-27")
    [action] = kinds(network(Snapshot(contacts=(person,))), "network_target")
    assert action.command == "jobhunt contact list"


def test_no_weekly_target_when_set_to_zero() -> None:
    assert kinds(network(Snapshot(), policy=Policy(weekly_touches=0)), "network_target") == []


# --------------------------------------------------------------------------- purity


def test_a_quiet_network_yields_only_the_target() -> None:
    assert [a.kind for a in network_actions(Snapshot(), today=TODAY, policy=POLICY)] == [
        "network_target"
    ]


def test_rules_network_is_pure() -> None:
    """No store, CLI, Rich or clock: only records, dates and rules."""
    tree = ast.parse(inspect.getsource(rules_network))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            imported.add(node.module or "")
        elif isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
    assert imported <= {
        "__future__",
        "shlex",
        "collections.abc",
        "dataclasses",
        "datetime",
        "functools",
        "jobhunt.dates",
        "jobhunt.records",
        "jobhunt.rules",
    }
    source = inspect.getsource(rules_network)
    for clock in ("date.today", "datetime.now", "time.time", "local_today"):
        assert clock not in source


def test_plan_is_the_same_for_the_same_snapshot() -> None:
    snapshot = Snapshot(
        contacts=(contact(kind="recruiter", added="2026-11-01", met_at=FAIR),),
        meetups=(meetup("2026-11-26"),),
        open_applications=(application(2, company="Beta"),),
        touches=(touch(1, "2026-11-10"),),
    )
    assert network(snapshot) == network(snapshot)
    assert [a.kind for a in network(snapshot)] == [
        "event_follow_up",
        "network_target",
        "find_contact",
    ]
    later = TODAY + timedelta(days=8)
    # 33 days after applying, never followed up: the agenda asks to mark Beta ghosted,
    # so no "find someone there" any more.
    assert [a.kind for a in network(snapshot, today=later)] == ["touch", "network_target"]


@pytest.mark.parametrize(
    ("contacts", "listed", "more"),
    [
        (5, 5, None),
        (6, 5, "1 more contact is due for a touch"),
        (9, 5, "4 more contacts are due for a touch"),
    ],
    ids=["at-cap", "one-over", "four-over"],
)
def test_touches_are_capped_per_day_most_overdue_first(contacts, listed, more) -> None:
    from jobhunt.records import Contact, Snapshot
    from jobhunt.rules import Policy, plan

    people = tuple(
        Contact(
            id=i,
            name=f"P{i}",
            company=None,
            kind="peer",
            added_on=date(2026, 9, 1) + timedelta(days=i),
        )
        for i in range(1, contacts + 1)
    )
    actions = plan(
        Snapshot(contacts=people), today=date(2026, 11, 27), policy=Policy(weekly_applications=0)
    )
    touches = [a for a in actions if a.kind == "touch"]
    assert [a.contact_id for a in touches] == list(range(1, listed + 1))
    summary = [a.message for a in actions if a.kind == "touch_more"]
    assert summary == ([more] if more else [])
