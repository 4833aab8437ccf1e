"""Stories of offers: temporary work, then a permanent offer accepted (the end of a
search), and an offer declined (the search goes on as before).

Story 3, ids: applications 1 Acme (full-time), 2 Beta, 3 Gamma, 4 Temps Ltd (temporary,
accepted), 5 Initech (two rounds, the offer, accepted full-time), 6 Hooli (saved);
contacts 1 Rita (recruiter, linked to Initech), 2 Vic (hiring manager at Initech,
linked), 3 Ola (industry leader), 4 Bea (peer at Beta, every 8 weeks); course 1
(Tuesdays); event 1 (an association meeting on 11-03).
"""

from __future__ import annotations

import json

from tests.stories.harness import LOOK, days_between, fails, replay, when

TEMP_THEN_PERMANENT = {
    "2026-09-21": [  # a Monday: the search starts
        "add Acme 'Data Analyst' --type full-time",
        "add Beta Analyst",
        "add Gamma Analyst",
        "contact add 'Rita Reyes' --company TalentCo --kind recruiter",
        "contact add 'Vic Vale' --company Initech --kind hiring-manager",
        "contact add 'Ola Nwosu' --kind industry-leader",
        "contact add 'Bea Stone' --company Beta --kind peer --every 8w",
        "course add 'Tableau Basics' --days tue --starts 2026-09-22 --hours 2",
    ],
    "2026-09-22": ["add 'Temps Ltd' 'Data Clerk' --type temporary"],
    "2026-09-24": ["status 4 accepted"],  # temporary work: the search goes on
    "2026-09-28": [
        "add Initech 'Senior Analyst'",  # no type given
        "contact link 2 5 --as interviewer",
        "contact link 1 5 --as recruiter",
        "add Hooli Analyst --saved",
    ],
    "2026-10-05": ["interview 5 --on 2026-10-07 --with 'Vic Vale'"],
    "2026-10-08": [LOOK, "log 5 --via note"],
    "2026-10-12": ["interview 5 --on 2026-10-14"],
    "2026-10-15": [LOOK, "log 5 --via note"],
    "2026-10-26": ["event add 'Analytics Association' --on 2026-11-03 --kind association"],
    "2026-10-28": ["status 5 offer --respond-by 2026-11-05"],
    "2026-11-05": [
        LOOK,  # the day to answer: the reminder, then the answer
        fails(2, "status 5 accepted"),  # no type stored or given, and no terminal to ask
        "status 5 accepted --type full-time",
        "today --json",
        "today --quiet",
    ],
    "2026-11-06": [LOOK, "contact touch 2 --via email"],  # thanked Vic
    "2026-11-07": [LOOK, "status 1 2 3 withdrawn"],
    "2026-11-18": ["course drop 1"],
    "2026-11-24": [],
}
ENDED = {"application_id": 5, "company": "Initech", "role": "Senior Analyst", "on": "2026-11-05"}


def network_target(day) -> int:
    """The day's weekly networking target, as its line says ('... (0 of 6 so far)')."""
    return int(day.one("network_target")["message"].split(" of ")[1].split()[0])


def test_temporary_work_then_a_permanent_offer(jh) -> None:
    silent = ("2026-11-12", "2026-11-13", "2026-11-17", "2026-11-24")
    days = replay(
        jh,
        TEMP_THEN_PERMANENT,
        on={
            **dict.fromkeys(silent, ("text", "quiet", "week")),
            "2026-11-01": ("week",),
            "2026-11-08": ("week",),
        },
    )
    before_offer = days_between("2026-09-24", "2026-10-27")
    offer = days_between("2026-10-28", "2026-11-05")

    # Temporary work accepted: the search goes on, targets and all ...
    for on in days_between("2026-09-24", "2026-11-05"):
        assert days[on].has("apply"), on
        assert days[on].ended is None, on
    # ... and no stay-active nudge while it lasts (28 days in: 10-19; the temporary
    # application itself is 28 days old on 10-20; the offer comes on 10-28).
    assert when(days, "stay_active") == []

    # The offer: keep applying (and the target says why), the networking target doubles.
    for on in offer:
        apply = days[on].one("apply")
        assert "Interviews or offers pending at Initech: keep applying" in apply["message"], on
        assert network_target(days[on]) == 6, on
    assert {network_target(days[on]) for on in when(days, "network_target") if on < offer[0]} == {3}
    assert days["2026-11-01"].area("Network")["target"] == 6
    # Go to an event, weekly: the association meeting ahead, then (it has passed) find one.
    assert [
        (on, a["event_id"]) for on in when(days, "offer_event") for a in days[on].of("offer_event")
    ] == [
        ("2026-10-28", 1),
        ("2026-11-04", None),
    ]
    # Industry leaders and people at companies applied to step up like recruiters:
    # Ola 60 days -> 30 (added 09-21: due 10-21), Bea 8 weeks -> 4 (due 10-19).
    for contact, due in ((3, "2026-10-21"), (4, "2026-10-19")):
        assert not any(days[on].has("touch", contact_id=contact) for on in before_offer), contact
        assert days["2026-10-28"].one("touch", contact_id=contact)["due"] == due
    # The answer-by day: from two days before, and on the day.
    assert when(days, "decision", application_id=5, due="2026-11-05") == [
        "2026-11-03",
        "2026-11-04",
        "2026-11-05",
    ]
    assert when(days, "decision") == when(days, "decision", application_id=5)

    # Accepted with no type stored or given, and no terminal to ask: refused, with the hint.
    refused = days["2026-11-05"].result("status 5 accepted")
    assert "What kind of job is it? full-time ends the search" in refused.stderr
    assert "jobhunt status 5 accepted --type" in refused.stderr
    # Accepted, full-time, on 11-05: the wind-down, from that very day, and only it.
    accepted = json.loads(days["2026-11-05"].output("today --json"))
    assert accepted["search_ended"] == ENDED
    assert [(a["kind"], a["section"], a["contact_id"]) for a in accepted["actions"]] == [
        ("withdraw", "wind_down", None),
        ("thank_accepted", "wind_down", 1),
        ("thank_accepted", "wind_down", 2),
    ]
    # Acme, Beta and Gamma are still open; Hooli was only saved; Temps Ltd is the
    # accepted temporary job.
    assert accepted["actions"][0]["command"] == "jobhunt status 1 2 3 withdrawn"
    quiet = days["2026-11-05"].output("today --quiet").splitlines()
    assert [line.split("]")[0] for line in quiet] == ["[Wind down"] * 3
    for on in days_between("2026-11-06", "2026-11-11"):
        assert days[on].ended == ENDED, on
        kinds = {a["kind"] for a in days[on].actions}
        assert kinds <= {"withdraw", "thank_accepted", "course_session"}, on
    assert [a["contact_id"] for a in days["2026-11-06"].of("thank_accepted")] == [1, 2]
    assert [a["contact_id"] for a in days["2026-11-07"].of("thank_accepted")] == [1]  # Vic: thanked
    assert when(days, "withdraw") == ["2026-11-06", "2026-11-07"]  # then withdrawn, in one go
    assert when(days, "thank_accepted", contact_id=1) == days_between("2026-11-06", "2026-11-11")
    assert days["2026-11-10"].has("course_session", course_id=1)  # a Tuesday: it goes on

    # After the window: silence.
    for on in ("2026-11-12", "2026-11-13", "2026-11-24"):
        day = days[on]
        assert day.ended == ENDED, on
        assert day.actions == [], on
        assert day.views["quiet"].stdout == "", on
        assert day.views["quiet"].exit_code == 0, on
        (line,) = day.lines()
        assert line.startswith("Search ended: accepted 5 "), on
        assert "2026-11-05" in line, on
    # Only the sessions of a course kept active still show (Tuesday 11-17) ...
    tuesday = days["2026-11-17"]
    assert tuesday.summary() == ["course_session course1 2026-11-17"]
    assert tuesday.lines()[0].startswith("Search ended: accepted 5 ")
    assert tuesday.lines()[1].startswith("[Learn] today: ")
    assert len(tuesday.lines()) == 2
    assert tuesday.text("quiet").startswith("[Learn] today: ")  # the session, for cron
    # ... until it is dropped (Tuesday 11-24 is silent).
    # The weekly review: the targets have ended, from the acceptance week on.
    for on in ("2026-11-08", *silent):
        for area in ("Apply", "Network"):
            assert days[on].area(area)["target"] is None, (on, area)
            assert days[on].area(area)["on_target"] is True, (on, area)
            assert "search ended" in days[on].area(area)["detail"], (on, area)
        assert days[on].json("week")["overdue"] == [], on


# Story 4: applications 1 Acme (full-time: an interview, the offer, declined), 2 Beta;
# contacts 1 Rita (recruiter), 2 Ola (industry leader, every 4 weeks).
OFFER_DECLINED = {
    "2026-10-05": [
        "add Acme 'Data Analyst' --type full-time",
        "add Beta Analyst",
        "contact add 'Rita Reyes' --company TalentCo --kind recruiter",
        "contact add 'Ola Nwosu' --kind industry-leader --every 4w",
    ],
    "2026-10-07": ["interview 1 --on 2026-10-09"],
    "2026-10-10": [LOOK, "log 1 --via note"],
    "2026-10-13": ["status 1 offer --respond-by 2026-10-20"],
    "2026-10-20": [LOOK, "status 1 withdrawn --note 'declined the offer'"],
    "2026-11-03": [],
}


def test_an_offer_declined(jh) -> None:
    days = replay(jh, OFFER_DECLINED, on={"2026-10-18": ("week",), "2026-10-25": ("week",)})
    offer = days_between("2026-10-13", "2026-10-20")
    after = days_between("2026-10-21", "2026-11-03")

    assert network_target(days["2026-10-12"]) == 3
    assert [network_target(days[on]) for on in offer] == [6] * len(offer)
    assert [network_target(days[on]) for on in after] == [3] * len(after)  # the same week too
    assert days["2026-10-18"].area("Network")["target"] == 6
    assert days["2026-10-25"].area("Network")["target"] == 3
    # While the offer waits: the decision reminder, an event to find (none recorded),
    # Ola stepped up (every 4 weeks, halved: 10-05 + 14).
    assert when(days, "decision", application_id=1) == ["2026-10-18", "2026-10-19", "2026-10-20"]
    assert when(days, "offer_event") == ["2026-10-13", "2026-10-20"]
    assert days["2026-10-13"].one("offer_event")["event_id"] is None
    ola = [
        (on, days[on].one("touch", contact_id=2)["due"]) for on in when(days, "touch", contact_id=2)
    ]
    assert ola == [
        ("2026-10-19", "2026-10-19"),
        ("2026-10-20", "2026-10-19"),
        ("2026-11-02", "2026-11-02"),  # declined: every 4 weeks again, from 10-05
        ("2026-11-03", "2026-11-02"),
    ]
    # Declined: as before the offer. No decision, no event nudge, no follow-ups for
    # Acme, and the search goes on.
    for on in after:
        day = days[on]
        for kind in ("decision", "offer_event"):
            assert not day.has(kind), (on, kind)
        assert not day.of("follow_up", application_id=1), on
        assert "pending" not in day.one("apply")["message"], on
        assert day.ended is None, on
    # Four weeks in, no offer any more: the stay-active nudge (10-05 + 28).
    assert when(days, "stay_active") == ["2026-11-02"]


# Applications 1 Acme (full-time, accepted, then it falls through), 2 Beta.
FALLS_THROUGH = {
    "2026-10-05": ["add Acme 'Data Analyst' --type full-time", "add Beta Analyst"],
    "2026-10-07": ["status 1 accepted"],  # its type is stored: no need to give it
    "2026-10-16": ["status 1 rejected --note 'the offer was withdrawn'"],
    "2026-10-18": [],
}


def test_the_job_falls_through(jh) -> None:
    days = replay(jh, FALLS_THROUGH, on={"2026-10-15": ("quiet", "week"), "2026-10-18": ("week",)})
    ended = {"application_id": 1, "company": "Acme", "role": "Data Analyst", "on": "2026-10-07"}
    assert [on for on, day in days.items() if day.ended == ended] == days_between(
        "2026-10-07", "2026-10-15"
    )
    assert days["2026-10-07"].summary() == ["withdraw 2026-10-13"]
    assert days["2026-10-07"].one("withdraw")["command"] == "jobhunt status 2 withdrawn"
    assert days["2026-10-15"].actions == []
    assert days["2026-10-15"].text("quiet") == ""
    assert days["2026-10-15"].area("Apply")["target"] is None
    # A new status on the accepted job: the search is back, with what was left open.
    back = days["2026-10-16"]
    assert back.ended is None
    assert back.summary("follow_up", "apply") == [
        "follow_up/after_apply app2 2026-10-12 overdue 4",
        "apply 2026-10-18",
    ]
    assert days["2026-10-18"].area("Apply")["target"] == 5
    assert days["2026-10-18"].area("Network")["target"] == 3


# Applications 1 Beta, 2 Initech (imported as accepted, with no type, as old data is).
TYPE_UNKNOWN = {
    "2026-10-05": ["add Beta Analyst", "import csv accepted.csv"],
    "2026-10-08": ["edit 2 --type part-time"],
    "2026-10-12": ["edit 2 --type full-time"],
    "2026-10-20": [],
}


def test_an_accepted_job_whose_type_was_never_given(jh, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "accepted.csv").write_text(
        "Company,Title,Date Applied,Status\nInitech,Senior Analyst,2026-09-21,accepted\n"
    )
    days = replay(jh, TYPE_UNKNOWN)
    # Not the end of the search: one line a day asks which kind of job it is.
    for on in days_between("2026-10-05", "2026-10-07"):
        assert days[on].ended is None, on
        unknown = days[on].one("accepted_type_unknown", application_id=2)
        assert unknown["command"] == "jobhunt edit 2 --type full-time", on
        assert days[on].has("apply"), on
        assert days[on].has("network_target"), on
    # Part-time: the search goes on, and nothing more to ask.
    for on in days_between("2026-10-08", "2026-10-11"):
        assert days[on].ended is None, on
        assert not days[on].has("accepted_type_unknown"), on
        assert days[on].has("apply"), on
    # Full-time after all: the search ends (accepted on the day of the import).
    for on in days_between("2026-10-12", "2026-10-20"):
        assert days[on].ended == {
            "application_id": 2,
            "company": "Initech",
            "role": "Senior Analyst",
            "on": "2026-10-05",
        }, on
        assert {a["section"] for a in days[on].actions} <= {"wind_down"}, on
    assert days["2026-10-20"].actions == []
