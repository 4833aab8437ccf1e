"""Every kind of networking event, workshop and career-centre included, is on the agenda
alike (the rules do not treat kinds differently), and `event add --kind` offers and
accepts every one. Today is Friday 2026-11-27."""

from __future__ import annotations

from datetime import date

import pytest

from jobhunt.choices import MEETUP_KINDS
from jobhunt.records import Meetup, Snapshot
from jobhunt.rules import Policy
from jobhunt.rules.meetings import event_actions

TODAY = date(2026, 11, 27)


@pytest.mark.parametrize("kind", MEETUP_KINDS, ids=str)
def test_every_kind_is_on_the_agenda_the_day_before(kind) -> None:
    meetup = Meetup(id=1, title="Session", on=date(2026, 11, 28), kind=kind)
    actions = list(event_actions(Snapshot(meetups=(meetup,)), today=TODAY, policy=Policy()))
    assert [(a.kind, a.message) for a in actions] == [
        ("event", "Networking event on 2026-11-28: Session")
    ]
    assert kind in actions[0].why


@pytest.mark.parametrize("kind", ["workshop", "career-centre"], ids=str)
def test_the_new_kinds_are_offered_and_accepted(jh, kind) -> None:
    assert kind in jh("event", "add", "--help").stdout
    assert (
        jh.json("event", "add", "Session", "--on", "2026-11-30", "--kind", kind)["event"]["kind"]
        == kind
    )
