"""The rules: a pure function from a day's snapshot to that day's actions.

`plan(snapshot, today=..., policy=...)` never reads the clock, the database or the
terminal. Every action says why it is due: the rule, and the date it counts from.
Each rule is documented in docs/rules.md with its default, and tested as a table.

One module per habit, each importing only downward (base first, agenda last):

- `base`: the shared vocabulary (`Action`, `Policy`, `nudge_allowed`, `search_ended_by`);
- `follow_up`, `apply`, `network`, `learning`, `active`: the five habits' rules;
- `agenda`: `plan`, every habit's actions in order, and `review`, the week's review.

`plan`, `review` and `Area` load the agenda, and with it every habit, on first use (as
`rules.network` loads its module): the commands that only need a `Policy` or a follow-up
date start as quickly as before.
"""

from __future__ import annotations

from jobhunt.rules.apply import applied_this_week, apply_actions
from jobhunt.rules.base import (
    DEFAULT_CADENCE,
    SECTION_TITLES,
    SECTIONS,
    Action,
    Policy,
    accepted_on,
    nudge_allowed,
    search_ended_by,
)
from jobhunt.rules.follow_up import application_actions, follow_up_candidates, next_follow_up

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without importing typing
if TYPE_CHECKING:
    from jobhunt.rules.agenda import Area, morning, plan, review

__all__ = [
    "DEFAULT_CADENCE",
    "SECTIONS",
    "SECTION_TITLES",
    "Action",
    "Area",
    "Policy",
    "accepted_on",
    "application_actions",
    "applied_this_week",
    "apply_actions",
    "follow_up_candidates",
    "morning",
    "next_follow_up",
    "nudge_allowed",
    "plan",
    "review",
    "search_ended_by",
]

_AGENDA = ("Area", "morning", "plan", "review")


def __getattr__(name: str) -> object:
    """The agenda's names, and `rules.network` for the contact commands, on first use."""
    if name == "network":
        import jobhunt.rules.network as network

        return network
    if name not in _AGENDA:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from jobhunt.rules import agenda

    globals().update({n: getattr(agenda, n) for n in _AGENDA})
    return globals()[name]
