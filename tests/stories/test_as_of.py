"""Story 7: any day, as it was.

For stories with no back-dated entries, edits or deletions, what `today --on D`, `week
--on D` and `stats --on D` say at the end of the story (JOBHUNT_TODAY on its last day)
equals what `today`, `week` and `stats` printed on day D itself, for every past day D.
A fact typed later but dated earlier (`log ID --on EARLIER`) does change the past view:
the day each thing happened counts, not the day it was typed. Facts dated after today
are refused and write nothing.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests import storeview
from tests.stories.harness import SUGGESTION_KINDS, brief, days_between, fails, replay
from tests.stories.test_five_habits import FIVE_HABITS
from tests.stories.test_interviews import JOB_CRUSH
from tests.stories.test_offers import TEMP_THEN_PERMANENT

VIEWS = {"today": ("today",), "week": ("week",), "stats": ("stats",)}


def as_of(jh, on: str, today: str, view: str) -> dict:
    result = jh(*VIEWS[view], "--on", on, "--json", env={"JOBHUNT_TODAY": today})
    return json.loads(result.stdout)


# What has no history (docs/rules.md, "Any day, as it was") is left out of these
# replays, by cutting a story short or by telling it the way a user who knew it from the
# start would:
# - story 1 up to the day before it links a contact to an older application (a link has
#   no date, so a past day would see it);
# - story 3 up to the Tuesday before its course is dropped (a course's status has no
#   history), with Initech's type given when it is added rather than at the acceptance
#   (an application's own fields are as they are now).
FIVE_HABITS_AS_OF = {on: commands for on, commands in FIVE_HABITS.items() if on < "2026-09-30"}
TEMP_THEN_PERMANENT_AS_OF = {
    on: [
        c.replace(
            "add Initech 'Senior Analyst'", "add Initech 'Senior Analyst' --type full-time"
        ).replace("status 5 accepted --type full-time", "status 5 accepted")
        if isinstance(c, str)
        else c
        for c in commands
        if isinstance(c, str) or c.command != "status 5 accepted"  # the type is known now
    ]
    for on, commands in TEMP_THEN_PERMANENT.items()
    if on < "2026-11-18"
}
TEMP_THEN_PERMANENT_AS_OF["2026-11-17"] = []


# Three stories with nothing back-dated, edited or deleted; between them: weekly
# suggestions, rounds booked ahead, a link, an offer with a day to answer by, temporary
# work, the acceptance, the wind-down and the silence after it.
@pytest.mark.parametrize(
    "script",
    [FIVE_HABITS_AS_OF, JOB_CRUSH, TEMP_THEN_PERMANENT_AS_OF],
    ids=["five-habits", "job-crush", "temp-then-permanent"],
)
def test_every_past_day_as_it_was(jh, script) -> None:
    # Each day looked at once its commands are done (the end of the day).
    days = replay(jh, script, every_day=("week", "stats"), mornings=False)
    last = max(days)
    store = storeview.dump(Path(os.environ["JOBHUNT_DB"]))
    differ = []
    for on, day in days.items():
        printed = {"today": day.agenda, "week": day.json("week"), "stats": day.json("stats")}
        for view, then in printed.items():
            now = as_of(jh, on, last, view)
            if now != then:
                differ.append(f"{view} --on {on}: {diff(then, now)}")
    # Previews record nothing (not even which suggestions they showed).
    assert storeview.dump(Path(os.environ["JOBHUNT_DB"])) == store
    assert not differ, f"{len(differ)} past views differ:\n" + "\n".join(differ)


def diff(then: dict, now: dict) -> str:
    """A short account of how two outputs differ (the agendas by their actions)."""
    if "actions" in then and "actions" in now:
        was = [brief(a) for a in then["actions"]]
        is_ = [brief(a) for a in now["actions"]]
        gone = [a for a in was if a not in is_]
        new = [a for a in is_ if a not in was]
        if gone or new:
            return f"printed then, not now: {gone}; now, not then: {new}"
    keys = sorted(k for k in set(then) | set(now) if then.get(k) != now.get(k))
    return "; ".join(f"{k}: {str(then.get(k))[:150]} -> {str(now.get(k))[:150]}" for k in keys)


# Acme applied 10-05, its follow-up due 10-12: made on 10-12 but typed on 10-15, with
# the call to Rita made on 10-13.
BACK_DATED = {
    "2026-10-05": [
        "add Acme Analyst",
        "contact add 'Rita Reyes' --company TalentCo --kind recruiter",
    ],
    "2026-10-15": [
        "log 1 --via email --on 2026-10-12",
        "contact touch 1 --via call --on 2026-10-13",
    ],
    "2026-10-16": [],
}


def test_a_back_dated_fact_changes_the_past(jh) -> None:
    days = replay(jh, BACK_DATED, every_day=("week", "stats"), mornings=False)
    last = "2026-10-16"

    def seen_now(on: str, view: str = "today") -> dict:
        return as_of(jh, on, last, view)

    def target(agenda: dict) -> str:
        (found,) = [a for a in agenda["actions"] if a["kind"] == "network_target"]
        return found["message"]

    # As printed on 10-13 and 10-14: the follow-up overdue, nobody reached this week.
    for on, overdue in (("2026-10-13", 1), ("2026-10-14", 2)):
        assert days[on].one("follow_up", application_id=1)["overdue_days"] == overdue
        assert "(0 of 3 so far)" in target(days[on].agenda)
    # Seen now: the follow-up was made on 10-12, the call on 10-13.
    for on in ("2026-10-12", "2026-10-13", "2026-10-14"):
        assert not [a for a in seen_now(on)["actions"] if a["kind"] == "follow_up"], on
    assert "(0 of 3 so far)" in target(seen_now("2026-10-12"))  # the call came the day after
    assert "(1 of 3 so far)" in target(seen_now("2026-10-13"))
    then, now = days["2026-10-14"], seen_now("2026-10-14", "week")
    assert (then.area("Follow up")["done"], then.area("Network")["done"]) == (0, 0)
    assert [a["done"] for a in now["areas"] if a["area"] in ("Follow up", "Network")] == [1, 1]

    def activity(stats: dict, on: str) -> tuple[int, int]:
        (day,) = [d for d in stats["activity"]["days"] if d["date"] == on]
        return day["follow_ups"], day["touches"]

    assert activity(then.json("stats"), "2026-10-12") == (0, 0)
    assert activity(seen_now("2026-10-14", "stats"), "2026-10-12") == (1, 0)
    assert activity(seen_now("2026-10-14", "stats"), "2026-10-13") == (0, 1)
    # The days before the follow-up are as they were (weekly suggestions aside: the
    # stories above check those).
    for on in days_between("2026-10-05", "2026-10-11"):
        assert dated(seen_now(on)) == dated(days[on].agenda), on
        assert seen_now(on, "week") == days[on].json("week"), on
        assert seen_now(on, "stats") == days[on].json("stats"), on


def dated(agenda: dict) -> list[dict]:
    return [a for a in agenda["actions"] if a["kind"] not in SUGGESTION_KINDS]


# On 10-15: each a fact out of its range, refused with exit code 2, the store as it was
# (`fails` compares every row before and after).
OUT_OF_RANGE = {
    "2026-10-05": [
        "add Acme Analyst",
        "contact add 'Rita Reyes' --kind recruiter",
        "course add SQL --days mon",
    ],
    "2026-10-12": ["log 1 --via email"],
    "2026-10-15": [
        # Dated after today.
        fails(2, "log 1 --via email --on 2026-10-16"),
        fails(2, "contact touch 1 --via call --on 2026-10-16"),
        fails(2, "status 1 rejected --on 2026-10-16"),
        fails(2, "status 1 accepted --type full-time --on 2026-10-16"),
        fails(2, "course log 1 --hours 1 --on 2026-10-16"),
        # Before the application was made, or making it later than its follow-up.
        fails(2, "log 1 --via email --on 2026-10-04"),
        fails(2, "interview 1 --on 2026-10-04"),
        fails(2, "edit 1 --applied 2026-10-13"),
        # An offer to answer by a day already past.
        fails(2, "status 1 offer --respond-by 2026-10-14"),
    ],
}


def test_a_fact_dated_out_of_range_is_refused(jh) -> None:
    days = replay(jh, OUT_OF_RANGE)
    refused = days["2026-10-15"].ran
    assert len(refused) == 9
    assert all(result.exit_code == 2 for _, result in refused)
    # Still as it was: the follow-up made on 10-12, nothing else.
    assert days["2026-10-15"].summary("follow_up") == []
