"""Whole searches replayed day by day (issue 14: "the whole search as a story").

A story is a script of dated commands, written as typed at a shell:

    {"2026-09-07": ["add Acme 'Data Analyst' --skill SQL", "contact add Rita ..."], ...}

`replay` walks every day from the first to the last, pins JOBHUNT_TODAY to it, runs that
day's commands, then looks at the day as the user would: `today --json` every day, plus
the other views a test names (`VIEWS`), every day or on chosen days. A `LOOK` among a
day's commands is where the user reads the agenda: the commands after it are what they
did about it. `fails(CODE, "...")` is a command that must be refused with that exit code
and write nothing.

Each day comes back as a `Day`, so a test asserts day by day on the structured JSON:
kinds, stages, due dates, overdue days, and who (application, contact, course, event).
`brief` writes an action as one short line of those fields, `order_problems` and
`label_problems` check the order and the plain labels of any day. Everything runs
in-process (the `jh` fixture) against the test's own store, on SQLite or PostgreSQL.
"""

from __future__ import annotations

import json
import os
import shlex
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from tests import storeview

# What a day can be looked at with, by name.
VIEWS: dict[str, tuple[str, ...]] = {
    "text": ("today",),
    "quiet": ("today", "--quiet"),
    "all": ("today", "--all"),
    "week": ("week", "--json"),
    "stats": ("stats", "--json"),
}
JSON_VIEWS = ("week", "stats")

# Among a day's commands: the user reads the agenda here (default: after all of them).
LOOK = "<look>"


@dataclass(frozen=True)
class Fails:
    """A command the story expects to be refused with `code`, writing nothing."""

    code: int
    command: str


def fails(code: int, command: str) -> Fails:
    return Fails(code, command)


Command = str | Fails
Script = Mapping[str, Sequence[Command]]


def days_between(first: str, last: str) -> list[str]:
    """Every ISO day from `first` to `last`, both included."""
    start, end = date.fromisoformat(first), date.fromisoformat(last)
    return [(start + timedelta(days=n)).isoformat() for n in range((end - start).days + 1)]


def plus(day: str, n: int) -> str:
    return (date.fromisoformat(day) + timedelta(days=n)).isoformat()


def weekday(day: str) -> int:
    return date.fromisoformat(day).weekday()


def who(action: Mapping[str, Any]) -> str:
    """The record an action is about: app3, contact2, course1, event1 (or '')."""
    for key, short in (
        ("application_id", "app"),
        ("contact_id", "contact"),
        ("course_id", "course"),
        ("event_id", "event"),
    ):
        if action.get(key) is not None:
            return f"{short}{action[key]}"
    return ""


def brief(action: Mapping[str, Any]) -> str:
    """One action as a short line made of its JSON fields:
    'follow_up/after_apply app1 2026-09-14 overdue 2'."""
    kind = action["kind"] + (f"/{action['stage']}" if action.get("stage") else "")
    parts = [kind, who(action), action["due"]]
    if action.get("overdue_days"):
        parts.append(f"overdue {action['overdue_days']}")
    return " ".join(p for p in parts if p)


def matches(action: Mapping[str, Any], kind: str, match: Mapping[str, Any]) -> bool:
    return action["kind"] == kind and all(action.get(k) == v for k, v in match.items())


@dataclass
class Day:
    """One day of a story: what `today --json` said, the other views looked at, and
    what each of the day's commands printed."""

    on: str
    agenda: dict
    views: dict[str, Any] = field(default_factory=dict)
    ran: list[tuple[str, Any]] = field(default_factory=list)  # (command, result)

    @property
    def actions(self) -> list[dict]:
        return self.agenda["actions"]

    @property
    def ended(self) -> dict | None:
        return self.agenda["search_ended"]

    def summary(self, *sections: str) -> list[str]:
        """Every action (or those of `sections`) as `brief` lines, in agenda order."""
        return [brief(a) for a in self.actions if not sections or a["section"] in sections]

    def of(self, kind: str, **match: Any) -> list[dict]:
        """The actions of `kind` whose fields equal `match`."""
        return [a for a in self.actions if matches(a, kind, match)]

    def one(self, kind: str, **match: Any) -> dict:
        found = self.of(kind, **match)
        assert len(found) == 1, f"{self.on}: expected one {kind} {match}, got {self.summary()}"
        return found[0]

    def has(self, kind: str, **match: Any) -> bool:
        return bool(self.of(kind, **match))

    def text(self, view: str = "text") -> str:
        return self.views[view].stdout

    def lines(self, view: str = "text") -> list[str]:
        return self.text(view).splitlines()

    def json(self, view: str) -> dict:
        return self.views[view]

    def area(self, name: str) -> dict:
        """One area of the day's weekly review (the "week" view)."""
        (found,) = [a for a in self.views["week"]["areas"] if a["area"] == name]
        return found

    def result(self, command: str):
        """The result of the day's (last) `jobhunt COMMAND` (a `Fails` by its command)."""
        found = [result for ran, result in self.ran if ran == command]
        assert found, f"{self.on}: no command {command!r}"
        return found[-1]

    def output(self, command: str) -> str:
        """What the day's (last) `jobhunt COMMAND` printed."""
        return self.result(command).stdout


def when(days: Mapping[str, Day], kind: str, **match: Any) -> list[str]:
    """The days whose agenda has an action of `kind` matching `match`."""
    return [on for on, day in days.items() if day.has(kind, **match)]


def text(command: Command) -> str:
    return command.command if isinstance(command, Fails) else command


def run(jh, day: str, command: Command):
    """Run one command of the story on `day`; a `Fails` must exit with its code and
    leave the store exactly as it was."""
    env = {"JOBHUNT_TODAY": day}
    if isinstance(command, Fails):
        store = Path(os.environ["JOBHUNT_DB"])
        before = storeview.dump(store)
        result = jh(*shlex.split(command.command), env=env, ok=False)
        assert result.exit_code == command.code, (
            f"{day}: jobhunt {command.command} exited {result.exit_code}, expected "
            f"{command.code}\nstdout: {result.stdout}\nstderr: {result.stderr}"
        )
        assert storeview.dump(store) == before, f"{day}: jobhunt {command.command} wrote"
        return result
    return jh(*shlex.split(command), env=env)


def look(jh, day: str, view: str):
    """One of `VIEWS` of `day`, as run that day (JSON views parsed)."""
    result = jh(*VIEWS[view], env={"JOBHUNT_TODAY": day})
    return json.loads(result.stdout) if view in JSON_VIEWS else result


def replay(
    jh,
    script: Script,
    *,
    every_day: Iterable[str] = (),
    on: Mapping[str, Iterable[str]] | None = None,
    mornings: bool = True,
) -> dict[str, Day]:
    """Play `script` from its first day to its last, one day at a time.

    Each day: its commands (those before `LOOK`, if it is there), then `today --json`,
    then the views named in `every_day` and in `on[day]`, then the commands after
    `LOOK`. With `mornings=False` every day is looked at once all its commands have run.
    Returns {ISO day: Day}.
    """
    every_day = tuple(every_day)
    seen: dict[str, Day] = {}
    for day in days_between(min(script), max(script)):
        commands = [c for c in script.get(day, ()) if mornings or c != LOOK]
        at = commands.index(LOOK) if LOOK in commands else len(commands)
        ran = [(text(c), run(jh, day, c)) for c in commands[:at]]
        agenda = json.loads(jh("today", "--json", env={"JOBHUNT_TODAY": day}).stdout)
        assert agenda["date"] == day
        views = {name: look(jh, day, name) for name in (*every_day, *(on or {}).get(day, ()))}
        ran += [(text(c), run(jh, day, c)) for c in commands[at + 1 :]]
        seen[day] = Day(day, agenda, views, ran)
    return seen


# --------------------------------------------------------------------------- order and labels

SECTIONS = ("wind_down", "follow_up", "apply", "network", "learn", "active")
SECTION_TITLES = {
    "wind_down": "Wind down",
    "follow_up": "Follow up",
    "apply": "Apply",
    "network": "Network",
    "learn": "Learn",
    "active": "Stay active",
}
# Weekly targets ("by" the end of the week) and suggestions (weekly nudges), by kind.
TARGET_KINDS = ("apply", "apply_saved", "network_target")
SUGGESTION_KINDS = (
    "ghosted",
    "thank_referral",
    "find_contact",
    "skill_gap",
    "start_course",
    "stay_active",
    "offer_event",
)
DATED_LABEL_KINDS = ("interview", "event", "course_session")  # later ones show their day


def group(action: Mapping[str, Any]) -> int:
    """0: dated items, 1: weekly targets, 2: suggestions."""
    if action["kind"] in SUGGESTION_KINDS:
        return 2
    return 1 if action["kind"] in TARGET_KINDS else 0


def order_problems(day: Day) -> list[str]:
    """Where `day`'s agenda breaks the order: sections in their order; within one,
    overdue (most overdue first), today, tomorrow, later dated items; then the weekly
    targets; then suggestions. [] when it keeps it."""
    keys = []
    for a in day.actions:
        dated = group(a) == 0
        keys.append(
            (
                SECTIONS.index(a["section"]),
                group(a),
                -a["overdue_days"] if dated else 0,
                a["due"] if dated else "",
            )
        )
    return [
        f"{day.on}: {brief(day.actions[i])} listed before {brief(day.actions[i + 1])}"
        for i in range(len(keys) - 1)
        if keys[i] > keys[i + 1]
    ]


def expected_label(action: Mapping[str, Any], on: str) -> str:
    """The label a plain agenda line must carry for `action` on day `on`."""
    if action["kind"] in SUGGESTION_KINDS:
        return "suggestion"
    if action["kind"] in TARGET_KINDS:
        return f"by {action['due']}"
    n = action["overdue_days"]
    if n:
        return f"{n} day{'s' if n != 1 else ''} overdue"
    if action["due"] == on:
        return "today"
    if action["due"] == plus(on, 1):
        return "tomorrow"
    return action["due"] if action["kind"] in DATED_LABEL_KINDS else f"by {action['due']}"


def label_problems(day: Day, view: str = "all") -> list[str]:
    """Where the plain agenda (`today --all`: every action listed) does not label each
    action as `expected_label` says, in the JSON's order. [] when it does."""
    lines = [line for line in day.lines(view) if line.startswith("[")]
    if len(lines) != len(day.actions):
        return [f"{day.on}: {len(lines)} plain lines for {len(day.actions)} actions"]
    problems = []
    for line, action in zip(lines, day.actions, strict=True):
        prefix = f"[{SECTION_TITLES[action['section']]}] {expected_label(action, day.on)}: "
        if not line.startswith(prefix):
            problems.append(f"{day.on}: {brief(action)} should start {prefix!r}: {line[:90]!r}")
    return problems
