"""Stories of the interview pipeline.

Story 5, three rounds at Initech: while the next round is scheduled no check-in is due
(you know where you stand); after each round, its thank-you the next day, and the
check-in 7 days after that round. Story 2, a job crush: a great interview, the user
stops applying; the weekly target stays (and says why), check-ins come weekly, then a
rejection ends that application's follow-ups and the search goes on.
"""

from __future__ import annotations

from tests.stories.harness import LOOK, days_between, replay, when

# The issue's own case: round 1 on 10-14, round 2 booked on 10-19 for 10-22 (on main,
# "Check in" showed on 10-21 beside "tomorrow: Interview", and was overdue on 10-22).
PIPELINE = {
    "2026-10-05": ["add Initech 'Data Analyst'"],
    "2026-10-09": ["interview 1 --on 2026-10-14 --with 'Helen Cho'"],
    "2026-10-15": [LOOK, "log 1 --via note"],  # the thank-you for round 1
    "2026-10-19": ["interview 1 --on 2026-10-22 --with 'Tom Hale'"],
    "2026-10-23": [LOOK, "log 1 --via email"],  # the thank-you for round 2
    "2026-10-29": [LOOK, "log 1 --via phone"],  # the check-in
    "2026-10-30": ["interview 1 --on 2026-11-03 --with 'Ana Ruiz'"],
    "2026-11-04": [LOOK, "log 1 --via note"],  # the thank-you for round 3
    "2026-11-12": [],
}


def test_interview_pipeline(jh) -> None:
    days = replay(jh, PIPELINE)

    def follow_up(on: str) -> list[str]:
        return days[on].summary("follow_up")

    def nothing(first: str, last: str) -> None:
        for on in days_between(first, last):
            assert follow_up(on) == [], on

    # With round 1 booked, the after-applying follow-up (due 10-12) is not chased.
    nothing("2026-10-05", "2026-10-12")
    assert follow_up("2026-10-13") == ["interview app1 2026-10-14"]
    assert follow_up("2026-10-14") == ["interview app1 2026-10-14"]
    assert follow_up("2026-10-15") == ["follow_up/thank_you app1 2026-10-15"]
    # Round 1's check-in would be due 10-21, but round 2 is booked by then.
    nothing("2026-10-16", "2026-10-20")
    assert follow_up("2026-10-21") == ["interview app1 2026-10-22"]  # no check-in beside it
    assert follow_up("2026-10-22") == ["interview app1 2026-10-22"]  # nor on its day
    assert follow_up("2026-10-23") == ["follow_up/thank_you app1 2026-10-23"]  # round 2's
    nothing("2026-10-24", "2026-10-28")
    assert follow_up("2026-10-29") == ["follow_up/check_in app1 2026-10-29"]  # round 2 + 7
    # Round 3 booked the next day: nothing to chase until it has happened.
    nothing("2026-10-30", "2026-11-01")
    assert follow_up("2026-11-02") == ["interview app1 2026-11-03"]
    assert follow_up("2026-11-03") == ["interview app1 2026-11-03"]
    assert follow_up("2026-11-04") == ["follow_up/thank_you app1 2026-11-04"]
    nothing("2026-11-05", "2026-11-09")
    assert follow_up("2026-11-10") == ["follow_up/check_in app1 2026-11-10"]  # round 3 + 7
    assert follow_up("2026-11-12") == ["follow_up/check_in app1 2026-11-10 overdue 2"]
    # One thank-you per round, each the day after it; check-ins only with no round ahead.
    stages = {on: [a["stage"] for a in days[on].of("follow_up")] for on in when(days, "follow_up")}
    assert stages == {
        "2026-10-15": ["thank_you"],
        "2026-10-23": ["thank_you"],
        "2026-10-29": ["check_in"],
        "2026-11-04": ["thank_you"],
        "2026-11-10": ["check_in"],
        "2026-11-11": ["check_in"],
        "2026-11-12": ["check_in"],
    }
    # The weekly target never pauses for the pipeline.
    assert all(day.has("apply") for day in days.values())


# Story 2: applications 1 Initech (the crush), 2 Globex, 3 Hooli, 4 Umbrella, 5 Stark;
# contact 1 Rita, a recruiter.
JOB_CRUSH = {
    "2026-10-05": [
        "add Initech 'Data Analyst'",
        "add Globex Analyst",
        "add Hooli Analyst",
        "contact add 'Rita Reyes' --company Hirewell --kind recruiter",
        "contact touch 1 --via call",
    ],
    "2026-10-06": ["add Umbrella Analyst", "add Stark Analyst"],
    "2026-10-07": ["interview 1 --on 2026-10-09"],
    "2026-10-10": [LOOK, "log 1 --via note"],  # a great interview: the thank-you
    # From here on the user stops applying.
    "2026-10-12": [LOOK, "log 2 --via email", "log 3 --via email"],
    "2026-10-13": [LOOK, "log 4 --via email", "log 5 --via email"],
    "2026-10-16": [LOOK, "log 1 --via phone"],
    "2026-10-23": [LOOK, "log 1 --via phone"],
    "2026-10-30": [LOOK, "log 1 --via phone"],
    "2026-11-03": ["status 1 rejected"],
    "2026-11-09": [],
}


def test_job_crush(jh) -> None:
    days = replay(jh, JOB_CRUSH, on={"2026-10-25": ("week",), "2026-11-08": ("week",)})

    # The weekly target keeps asking, and says why, every day the interview is pending.
    for on in days_between("2026-10-12", "2026-11-02"):
        apply = days[on].one("apply")
        assert apply["message"].startswith("Apply to 5 more jobs this week"), on
        assert "Interviews or offers pending at Initech: keep applying" in apply["message"], on
    week = days["2026-10-25"].area("Apply")
    assert (week["done"], week["target"], week["on_target"]) == (0, 5, False)

    # The thank-you the day after the round, then check-ins weekly (each made on its day).
    initech = {
        on: [f"{a['stage']} {a['due']}" for a in days[on].of("follow_up", application_id=1)]
        for on in when(days, "follow_up", application_id=1)
    }
    assert initech == {
        "2026-10-10": ["thank_you 2026-10-10"],
        "2026-10-16": ["check_in 2026-10-16"],
        "2026-10-23": ["check_in 2026-10-23"],
        "2026-10-30": ["check_in 2026-10-30"],
    }
    # While it is pending the recruiter is stepped up (14 days halved): 10-05 + 7.
    assert days["2026-10-12"].one("touch", contact_id=1)["due"] == "2026-10-12"
    assert not days["2026-10-11"].has("touch", contact_id=1)

    # The rejection ends Initech's follow-ups (the next check-in was due 11-06) ...
    for on in days_between("2026-11-03", "2026-11-09"):
        for kind in ("follow_up", "ghosted", "interview"):
            assert not days[on].of(kind, application_id=1), (on, kind)
    # ... and the search goes on: the target (pending nowhere now), the others' silence,
    # the recruiter back to every 14 days, four weeks in: temporary work.
    for on in days_between("2026-11-03", "2026-11-09"):
        assert "pending" not in days[on].one("apply")["message"], on
        assert days[on].ended is None, on
    assert days["2026-11-04"].summary("follow_up") == [
        "ghosted app2 2026-11-04",
        "ghosted app3 2026-11-04",
    ]
    assert days["2026-11-05"].summary("follow_up") == [
        "ghosted app4 2026-11-05",
        "ghosted app5 2026-11-05",
    ]
    assert days["2026-11-03"].one("touch", contact_id=1)["due"] == "2026-10-19"  # 10-05 + 14
    # 28 days after the first application (an interview is no offer), then weekly.
    assert when(days, "stay_active") == ["2026-11-02", "2026-11-09"]
    week = days["2026-11-08"]
    assert (week.area("Apply")["target"], week.area("Network")["target"]) == (5, 3)
