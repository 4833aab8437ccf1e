"""Story 1: the five habits, end to end, over six weeks of a diligent search.

Applications with their one follow-up, an interview at Acme (thank-you, weekly
check-ins, then a rejection), contacts and touches (the recruiter stepped up while the
interview is pending), a networking event and the people met there, a night course with
sessions on its days and a log, a skill gap, the stay-active suggestion four weeks in,
and the weekly targets for applying and networking.

Ids: applications 1 Acme, 2 Beta, 3 Gamma, 4 Delta, 5 Epsilon, 6 Zeta; contacts 1 Rita
(recruiter at TalentCo, linked to Gamma from 09-30), 2 Sam (peer at Acme), 3 Mia (peer at Zeta, met at the event),
4 Leo (industry leader, met at the event); course 1; event 1.
"""

from __future__ import annotations

from tests.stories.harness import (
    LOOK,
    days_between,
    label_problems,
    order_problems,
    replay,
    weekday,
    when,
)

FIVE_HABITS = {
    "2026-09-07": [  # a Monday: the search starts
        "add Acme 'Data Analyst' --skill SQL --skill Tableau",
        "add Beta 'BI Analyst' --skill Tableau",
        "contact add 'Rita Reyes' --company TalentCo --kind recruiter",
    ],
    "2026-09-08": [
        "course add 'Tableau Basics' --skill Tableau --days tue,thu"
        " --starts 2026-09-08 --ends 2026-10-15 --hours 3",
        "contact add 'Sam Park' --company Acme --kind peer",
    ],
    "2026-09-09": ["add Gamma Analyst", "contact touch 1 --via email"],
    "2026-09-10": [
        "add Delta Analyst --type full-time",
        "add Epsilon Analyst",
        "course log 1 --hours 2",
        "contact touch 2 --via coffee",
    ],
    "2026-09-11": ["contact touch 2 --via call"],
    "2026-09-14": [LOOK, "log 1 --via email", "log 2 --via email"],
    "2026-09-15": ["add Zeta 'Data Analyst'", LOOK, "course log 1 --hours 3"],
    "2026-09-16": [
        "interview 1 --on 2026-09-18 --with 'Helen Cho'",  # adds contact 3, Helen Cho
        LOOK,
        "log 3 --via email",
        "contact touch 1 --via call",
    ],
    "2026-09-17": [LOOK, "log 4 --via email", "log 5 --via email"],
    "2026-09-19": [LOOK, "log 1 --via note"],  # the thank-you
    "2026-09-21": ["event add 'Analytics Meetup' --on 2026-09-24 --kind meetup"],
    "2026-09-22": [LOOK, "log 6 --via email", "course log 1 --hours 2"],
    "2026-09-24": [
        LOOK,
        "contact add 'Mia Chen' --company Zeta --kind peer --met-at 1",
        "contact add 'Leo Grant' --kind industry-leader --met-at 1",
    ],
    "2026-09-25": [LOOK, "log 1 --via phone", "contact touch 4 --via email"],
    "2026-09-30": [LOOK, "contact link 1 3 --as recruiter"],  # Rita put me forward at Gamma
    "2026-10-07": ["status 1 rejected"],
    "2026-10-18": [],
}

# The whole agenda on the days something changes (harness.brief: kind/stage, who, due).
AGENDAS = {
    "2026-09-07": [
        "apply 2026-09-13",  # 2 of 5 applied this week
        "network_target 2026-09-13",
        "find_contact app1 2026-09-07",
        "find_contact app2 2026-09-07",
        "start_course 2026-09-07",  # no course yet: start one (in Tableau, 2 of 2 ask)
    ],
    "2026-09-08": [
        "apply 2026-09-13",
        "network_target 2026-09-13",
        "course_session course1 2026-09-08",  # a Tuesday, its first day
        "skill_gap 2026-09-08",  # SQL: the course covers Tableau
    ],
    "2026-09-11": [],  # 5 applied, 3 touches: nothing due, nothing to suggest
    "2026-09-14": [
        "follow_up/after_apply app1 2026-09-14",  # 7 days after applying
        "follow_up/after_apply app2 2026-09-14",
        "apply 2026-09-20",
        "network_target 2026-09-20",
        # (Beta waits 14 days after its first suggestion: find_contact_every_days.)
    ],
    "2026-09-16": [
        "follow_up/after_apply app3 2026-09-16",
        "apply 2026-09-20",
        # Rita, recruiter: last touch 09-09, every 14 days, stepped up to 7 while the
        # Acme interview is pending (recorded this morning).
        "touch contact1 2026-09-16",
        "network_target 2026-09-20",
    ],
    "2026-09-17": [
        "follow_up/after_apply app4 2026-09-17",
        "follow_up/after_apply app5 2026-09-17",
        "interview app1 2026-09-18",  # the day before
        "apply 2026-09-20",
        "network_target 2026-09-20",
        "course_session course1 2026-09-17",
    ],
    "2026-09-18": ["interview app1 2026-09-18", "apply 2026-09-20", "network_target 2026-09-20"],
    "2026-09-19": [
        "follow_up/thank_you app1 2026-09-19",  # the day after the round
        "apply 2026-09-20",
        "network_target 2026-09-20",
    ],
    "2026-09-23": [
        "apply 2026-09-27",
        "touch contact1 2026-09-23",  # touched 09-16, still stepped up: 7 days
        "event event1 2026-09-24",  # the day before the meetup
        "network_target 2026-09-27",
        "find_contact app3 2026-09-23",  # 14 days after its first suggestion
    ],
    "2026-09-25": [
        "follow_up/check_in app1 2026-09-25",  # 7 days after the round
        "apply 2026-09-27",
        "touch contact1 2026-09-23 overdue 2",
        "event_follow_up contact4 2026-09-25",  # the day after the meetup
        "event_follow_up contact5 2026-09-25",
        "network_target 2026-09-27",
    ],
    "2026-09-26": [
        "apply 2026-09-27",
        "touch contact1 2026-09-23 overdue 3",
        "event_follow_up contact5 2026-09-25 overdue 1",  # Mia was written to; Leo not
        "touch contact2 2026-09-26",  # Sam at Acme: 30 days stepped up to 15, from 09-11
        "network_target 2026-09-27",
    ],
    "2026-10-05": [
        "follow_up/check_in app1 2026-10-02 overdue 3",  # weekly after the 09-25 call
        "apply 2026-10-11",
        "touch contact1 2026-09-23 overdue 12",
        "touch contact2 2026-09-26 overdue 9",
        "network_target 2026-10-11",
        "find_contact app2 2026-10-05",
        "course_nudge course1 2026-09-29 overdue 6",  # last logged 09-22
        "stay_active 2026-10-05",  # 28 days in, no temporary work applied to
    ],
    "2026-10-07": [  # Acme said no this morning
        "ghosted app2 2026-10-07",  # Beta: followed up, 30 days of silence
        "apply 2026-10-11",
        "touch contact1 2026-09-30 overdue 7",  # no longer stepped up: 09-16 + 14
        "network_target 2026-10-11",
        # (Gamma's "find someone" would be today, 14 days after 09-23, but Rita is
        # linked to it now.)
        "course_nudge course1 2026-09-29 overdue 8",
    ],
}


def test_the_five_habits_end_to_end(jh) -> None:
    days = replay(
        jh,
        FIVE_HABITS,
        every_day=("all",),
        on={"2026-09-13": ("week",), "2026-09-20": ("week",)},
    )
    for on, expected in AGENDAS.items():
        assert days[on].summary() == expected, on
    # Every day in order, every plain line labelled as its kind and day say (story 8).
    problems = [p for day in days.values() for p in order_problems(day) + label_problems(day)]
    assert problems == []

    def apps(kind: str, **match) -> dict[str, list[int]]:
        """{day: the application ids of its `kind` actions} over the story."""
        return {
            on: [a["application_id"] for a in days[on].of(kind, **match)]
            for on in when(days, kind, **match)
        }

    # Learn: a session on each Tuesday and Thursday of the course, and on no other day.
    course_days = [on for on in days_between("2026-09-08", "2026-10-15") if weekday(on) in (1, 3)]
    assert when(days, "course_session", course_id=1) == course_days
    # The skill gap (SQL, asked by Acme only) weekly, until Acme's rejection.
    assert when(days, "skill_gap") == [
        "2026-09-08",
        "2026-09-15",
        "2026-09-22",
        "2026-09-29",
        "2026-10-06",
    ]

    # Follow up: one follow-up per application on its day (each done that morning) ...
    assert apps("follow_up", stage="after_apply") == {
        "2026-09-14": [1, 2],
        "2026-09-16": [3],
        "2026-09-17": [4, 5],
        "2026-09-22": [6],
    }
    # ... the round, its thank-you, weekly check-ins until the outcome ...
    assert when(days, "interview", application_id=1) == ["2026-09-17", "2026-09-18"]
    assert when(days, "follow_up", stage="thank_you") == ["2026-09-19"]
    assert when(days, "follow_up", stage="check_in") == [
        "2026-09-25",
        *days_between("2026-10-02", "2026-10-06"),
    ]
    # ... and silence after a follow-up: "mark it ghosted" 30 days after applying, weekly.
    assert apps("ghosted") == {
        "2026-10-07": [2],
        "2026-10-09": [3],
        "2026-10-10": [4, 5],
        "2026-10-14": [2],
        "2026-10-15": [6],
        "2026-10-16": [3],
        "2026-10-17": [4, 5],
    }

    # Network: the recruiter stepped up (7 days) while the Acme interview was pending,
    # every 14 days again once it was over.
    rita = {
        on: days[on].one("touch", contact_id=1)["due"] for on in when(days, "touch", contact_id=1)
    }
    assert sorted(set(rita.values())) == ["2026-09-16", "2026-09-23", "2026-09-30"]
    assert min(rita) == "2026-09-16"  # not before the interview was recorded
    # "Find someone you know at Gamma", every 14 days (a contact is linked to it on
    # 09-30, before its next turn).
    assert when(days, "find_contact", application_id=3) == ["2026-09-09", "2026-09-23"]
    # One company at most once every 14 days; none for an application the agenda asks
    # to mark ghosted (Beta from 10-07, Delta and Epsilon from 10-10).
    assert {
        on: [a["application_id"] for a in days[on].of("find_contact")]
        for on in when(days, "find_contact")
    } == {
        "2026-09-07": [1, 2],
        "2026-09-09": [3],
        "2026-09-10": [4, 5],
        "2026-09-15": [6],
        "2026-09-21": [2],
        "2026-09-23": [3],
        "2026-09-24": [4, 5],
        "2026-10-05": [2],
        "2026-10-08": [4, 5],
    }
    # The people met at the meetup: the day after it, then overdue for the rest of a week.
    assert when(days, "event", event_id=1) == ["2026-09-23", "2026-09-24"]
    assert when(days, "event_follow_up", contact_id=4) == ["2026-09-25"]
    leo = when(days, "event_follow_up", contact_id=5)
    assert leo == days_between("2026-09-25", "2026-10-01")
    overdue = [days[on].one("event_follow_up", contact_id=5)["overdue_days"] for on in leo]
    assert overdue == [0, 1, 2, 3, 4, 5, 6]

    # Apply and network: weekly targets, gone once met, due on each Sunday.
    assert when(days, "apply")[:3] == ["2026-09-07", "2026-09-08", "2026-09-09"]
    assert not days["2026-09-10"].has("apply")  # the fifth application that week
    assert [on for on in when(days, "network_target") if on < "2026-09-14"] == [
        "2026-09-07",
        "2026-09-08",
        "2026-09-09",
        "2026-09-10",
    ]
    for on, day in days.items():
        for target in day.of("apply") + day.of("network_target"):
            assert weekday(target["due"]) == 6, (on, target)
    week1, week2 = days["2026-09-13"], days["2026-09-20"]
    assert [(week1.area(n)["done"], week1.area(n)["target"]) for n in ("Apply", "Network")] == [
        (5, 5),
        (3, 3),
    ]
    assert week1.area("Apply")["on_target"]
    assert week1.area("Network")["on_target"]
    assert (week1.area("Learn")["done"], week1.area("Learn")["target"]) == (2, 3)
    assert (week2.area("Apply")["done"], week2.area("Network")["done"]) == (1, 1)
    assert not week2.area("Apply")["on_target"]
    assert not week2.area("Network")["on_target"]
    # Follow-ups that week: 1 and 2, then 3, 4, 5 and the thank-you; 3 hours of course.
    assert (week2.area("Follow up")["done"], week2.area("Learn")["done"]) == (6, 3)

    # Stay active: four weeks into the search with no temporary work, weekly.
    assert when(days, "stay_active") == ["2026-10-05", "2026-10-12"]
    # Each kind of suggestion showed (and so was checked for its "suggestion" label).
    shown = {a["kind"] for day in days.values() for a in day.actions}
    assert {"ghosted", "find_contact", "skill_gap", "start_course", "stay_active"} <= shown
    assert all(day.ended is None for day in days.values())
