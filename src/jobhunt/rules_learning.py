"""Pure rules for the learning habits (see rules.py for the contract)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from jobhunt.records import Snapshot
from jobhunt.rules import Action, Policy


def learning_actions(snapshot: Snapshot, *, today: date, policy: Policy) -> Iterator[Action]:
    yield from ()
