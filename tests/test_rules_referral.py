"""Thank the referral: a suggestion once after applying, for each contact linked to an
open application as its referral, until you are in touch with them after applying
(rules/follow_up.py, `referral_thanks`; in the agenda through `plan`)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from jobhunt import rules
from jobhunt.records import Contact, Link, Snapshot
from jobhunt.rules.follow_up import referral_thanks
from tests.test_rules import FRI, d, make_app

LEO = Contact(id=5, name="Leo Park", company="Friends", kind="peer", added_on=d("2026-10-01"))
APP = make_app(app_id=1, applied="2026-11-20", company="Initech", role="BI Analyst")
REFERRAL = Link(contact_id=5, application_id=1, role="referral")
KEY = "thank_referral:1:5"


def snapshot(app=APP, contact=LEO, links=(REFERRAL,), nudges: dict | None = None) -> Snapshot:  # type: ignore[no-untyped-def]
    return Snapshot(open_applications=(app,), contacts=(contact,), links=links, nudges=nudges or {})


CASES = [
    ("applied-with-a-referral", snapshot(), [(1, 5, "2026-11-20")]),
    ("no-referral-linked", snapshot(links=()), []),
    ("linked-as-recruiter", snapshot(links=(replace(REFERRAL, role="recruiter"),)), []),
    ("not-applied-yet", snapshot(app=make_app(app_id=1, status="saved", applied=None)), []),
    ("thanked-since-applying", snapshot(contact=replace(LEO, last_touch=d("2026-11-21"))), []),
    ("thanked-on-the-applied-day", snapshot(contact=replace(LEO, last_touch=d("2026-11-20"))), []),
    (
        "in-touch-before-applying-only",
        snapshot(contact=replace(LEO, last_touch=d("2026-11-02"))),
        [(1, 5, "2026-11-20")],
    ),
    ("shown-before-today", snapshot(nudges={KEY: d("2026-11-23")}), []),
    ("shown-today-stays-today", snapshot(nudges={KEY: FRI}), [(1, 5, "2026-11-20")]),
    ("another-application-shown", snapshot(nudges={"thank_referral:2:5": d("2026-11-23")}), [(1, 5, "2026-11-20")]),
]  # fmt: skip


@pytest.mark.parametrize(("snap", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_thank_the_referral_once(snap, expected) -> None:
    found = list(referral_thanks(snap, today=FRI))
    assert [(a.application_id, a.contact_id, a.due.isoformat()) for a in found] == expected
    for action in found:
        assert (action.kind, action.section, action.nudge_key) == (
            "thank_referral",
            "follow_up",
            KEY,
        )
        assert action.command == "jobhunt contact touch 5 --via email"
        assert "Leo Park" in action.message
        assert "Initech" in action.message


def test_in_the_agenda_as_a_suggestion_after_the_follow_ups() -> None:
    plan = rules.plan(snapshot(), today=FRI)
    follow = [(a.kind, a.overdue_days) for a in plan if a.section == "follow_up"]
    assert follow == [("follow_up", 0), ("thank_referral", 0)]


def test_one_per_referral() -> None:
    ana = Contact(id=6, name="Ana Ruiz", company=None, kind="peer", added_on=d("2026-10-01"))
    snap = Snapshot(
        open_applications=(APP,),
        contacts=(LEO, ana),
        links=(REFERRAL, Link(6, 1, "referral")),
    )
    assert [a.contact_id for a in referral_thanks(snap, today=FRI)] == [5, 6]
