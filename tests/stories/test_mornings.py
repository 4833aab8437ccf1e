"""Stories of what a morning holds, and how it is ordered and labelled.

Story 6, a morning's worth: an application a day for two and a half weeks, never
followed up. The plain agenda lists at most 10 follow-ups (`follow_ups_per_day`), most
overdue first, and one `follow_up_more` line naming `jobhunt today --all`; `--all` and
`--json` list every one; a follow-up never made becomes the `ghosted` suggestion once
30 days have passed since applying. Story 8, order and labels: within a section,
overdue (most overdue first), today, tomorrow, later dated items, then the weekly
targets ("by DATE"), then suggestions, labelled "suggestion" every time they show.
"""

from __future__ import annotations

from datetime import date

from tests.stories.harness import LOOK, label_problems, order_problems, plus, replay, when

# Application n is applied on 09-23 + n (1 on 09-24 ... 17 on 10-10).
APPLIED = {n: plus("2026-09-23", n) for n in range(1, 18)}
MORNINGS = {
    **{day: [f"add Firm{n:02d} Analyst"] for n, day in APPLIED.items()},
    "2026-10-17": ["export ics"],
    "2026-10-30": [],
}


def follow_up_lines(lines: list[str]) -> list[str]:
    return [line for line in lines if line.startswith("[Follow up]")]


def logged(lines: list[str]) -> list[int]:
    """The application ids of the 'Follow up on your application' lines, in order."""
    return [
        int(line.split("-> jobhunt log ")[1].split()[0])
        for line in lines
        if "Follow up on your application" in line
    ]


def test_a_mornings_worth(jh) -> None:
    looked = ("2026-10-17", "2026-10-24", "2026-10-26", "2026-10-30")
    days = replay(jh, MORNINGS, on=dict.fromkeys(looked, ("text", "all")))

    def age(n: int, on: str) -> int:
        return (date.fromisoformat(on) - date.fromisoformat(APPLIED[n])).days

    for on, day in days.items():
        # --json lists every follow-up due: 7 days after applying, until 30 have passed.
        due = [n for n in APPLIED if 7 <= age(n, on) < 30]
        assert [a["application_id"] for a in day.of("follow_up")] == due, on
        assert [a["overdue_days"] for a in day.of("follow_up")] == [age(n, on) - 7 for n in due]
        assert not day.has("follow_up_more"), on  # --json is never limited
        # Then the "mark it ghosted" suggestion instead, on the 30th day and weekly.
        ghosted = [n for n in APPLIED if age(n, on) >= 30 and (age(n, on) - 30) % 7 == 0]
        assert [a["application_id"] for a in day.of("ghosted")] == ghosted, on

    # 10-17: all 17 due. The plain agenda: the 10 most overdue, then one line for the rest.
    text = follow_up_lines(days["2026-10-17"].lines())
    assert logged(text) == list(range(1, 11))
    assert text[0].startswith("[Follow up] 16 days overdue: Follow up on your application to")
    assert len(text) == 11
    assert "7 more follow-ups are due" in text[10]
    assert text[10].endswith("-> jobhunt today --all")
    # --all lists every one, and no "more" line.
    every = follow_up_lines(days["2026-10-17"].lines("all"))
    assert logged(every) == list(range(1, 18))
    assert len(every) == 17
    # So does the calendar export: one entry per follow-up.
    calendar = days["2026-10-17"].output("export ics")
    assert calendar.count("SUMMARY:Follow up on your application to Firm") == 17

    # 10-26: apps 1-3 are 30 days old: no longer follow-ups. 14 due: 10 shown, 4 more.
    text = follow_up_lines(days["2026-10-26"].lines())
    assert logged(text) == list(range(4, 14))
    (more,) = [line for line in text if "more follow-up" in line]
    assert "4 more follow-ups are due" in more
    assert more.endswith("-> jobhunt today --all")
    # The ghosted suggestion (app 3's first day) does not count toward the limit, comes
    # after the "more" line, and is labelled a suggestion.
    (ghost,) = [line for line in text if "mark it ghosted" in line]
    assert ghost.startswith("[Follow up] suggestion: No reply from Firm03")
    assert ghost.endswith("-> jobhunt status 3 ghosted")
    assert text.index(more) < text.index(ghost)
    assert logged(follow_up_lines(days["2026-10-26"].lines("all"))) == list(range(4, 18))

    # 10-30: 10 due (apps 8-17; 1-7 are 30 days old): exactly the limit, no "more" line.
    assert logged(days["2026-10-30"].lines()) == list(range(8, 18))
    assert not any("more follow-up" in line for line in days["2026-10-30"].lines())
    for on in looked:
        assert order_problems(days[on]) == []
        assert label_problems(days[on]) == []
    # The "more" line counts follow-ups already overdue: its label names no deadline
    # that has passed ("by 2026-10-14" on 10-26 would).
    label = more.removeprefix("[Follow up] ").split(":")[0]
    assert not (label.startswith("by ") and label.removeprefix("by ") < "2026-10-26"), more


# Story 8 on one busy Friday, 11-13: something in every place of the order. Interviews
# show 3 days ahead here (interview_notice_days), so one is a "later dated item".
# Applications: 1 Oldco (followed up, silent: ghosted on 11-13), 2 Acme (round 11-14),
# 3 Beta (saved), 4 Cinco, 5 Dyno, 6 Echo (follow-ups overdue 3, 1, today), 7 Foxtrot
# (round 11-16); contact 1 Pat (every 7 days); course 1 (Fridays); event 1 (11-14).
# A company's "find someone there" comes back weekly here (find_contact_every_days 7,
# not 14), so that Friday has suggestions after the targets too.
BUSY_FRIDAY = {
    "2026-10-14": [
        "config set interview_notice_days 3",
        "config set find_contact_every_days 7",
        "add Oldco Analyst",
    ],
    "2026-10-21": ["log 1 --via email"],
    "2026-10-26": [
        "course add 'SQL Night Class' --skill SQL --days fri --starts 2026-10-30 --hours 2"
    ],
    "2026-10-30": [LOOK, "course log 1 --hours 2"],
    "2026-11-02": [
        "add Acme Developer --skill Python",
        "add Beta Analyst --saved",
        "contact add 'Pat Lee' --company 'Nowhere Inc' --kind peer --every 7d",
    ],
    "2026-11-03": ["add Cinco Analyst"],
    "2026-11-05": ["add Dyno Analyst"],
    "2026-11-06": ["add Echo Analyst"],
    "2026-11-09": [
        "interview 2 --on 2026-11-14",
        "add Foxtrot Analyst",
        "interview 7 --on 2026-11-16",
    ],
    "2026-11-10": ["event add 'Data Drinks' --on 2026-11-14 --kind meetup"],
    "2026-11-20": [],
}


def test_order_and_labels_on_a_busy_day(jh) -> None:
    days = replay(jh, BUSY_FRIDAY, every_day=("all",), on={"2026-11-13": ("text",)})
    friday = days["2026-11-13"]
    assert friday.summary("follow_up", "apply", "learn") == [
        "follow_up/after_apply app4 2026-11-10 overdue 3",
        "follow_up/after_apply app5 2026-11-12 overdue 1",
        "follow_up/after_apply app6 2026-11-13",
        "interview app2 2026-11-14",
        "interview app7 2026-11-16",
        "ghosted app1 2026-11-13",
        "apply 2026-11-15",
        "apply_saved app3 2026-11-15",
        "course_nudge course1 2026-11-06 overdue 7",
        "course_session course1 2026-11-13",
    ]
    network = friday.summary("network")
    assert network[:3] == [
        "touch contact1 2026-11-09 overdue 4",
        "event event1 2026-11-14",
        "network_target 2026-11-15",
    ]
    assert network[3:]
    assert all(line.startswith("find_contact ") for line in network[3:])
    # The plain agenda (as run that morning) labels them in that order.
    labels = [line.split(":")[0] for line in friday.lines() if line.startswith("[")]
    assert labels == [
        "[Follow up] 3 days overdue",
        "[Follow up] 1 day overdue",
        "[Follow up] today",
        "[Follow up] tomorrow",
        "[Follow up] 2026-11-16",
        "[Follow up] suggestion",  # shown for the first time today: still "suggestion"
        "[Apply] by 2026-11-15",
        "[Apply] by 2026-11-15",
        "[Network] 4 days overdue",
        "[Network] tomorrow",
        "[Network] by 2026-11-15",
        *["[Network] suggestion"] * (len(network) - 3),
        "[Learn] 7 days overdue",
        "[Learn] today",
    ]
    # The ghosted suggestion: first shown 11-13 (30 days after applying), then a week on,
    # labelled the same both times.
    assert when(days, "ghosted", application_id=1) == ["2026-11-13", "2026-11-20"]
    # Every day of the story keeps the order, and every plain line its label.
    for day in days.values():
        assert order_problems(day) == []
        assert label_problems(day) == []
