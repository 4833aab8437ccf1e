"""Story 8, people: three rounds at Initech, each with its interviewer, and the friend
who referred me. The thank-you after each round names that round's interviewer, the
check-in the latest one's; the referral is thanked apart (a suggestion once, after
applying, and a draft of its own) and never addressed as the employer; a round counts as
contact with the interviewer.
"""

from __future__ import annotations

from tests.stories.harness import LOOK, label_problems, order_problems, replay, when

DRAFT = "draft 1"
PEOPLE = {
    "2026-10-05": [
        "add Initech 'Data Analyst'",
        "contact add 'Leo Park' --company Friends --kind referral --email leo@friends.example",
        "contact link 1 1 --as referral",
    ],
    "2026-10-06": [DRAFT, "draft 1 --kind thank-referral"],
    "2026-10-09": ["interview 1 --on 2026-10-14 --with 'Helen Cho'"],
    "2026-10-15": [LOOK, DRAFT, "log 1 --via note"],
    "2026-10-19": ["interview 1 --on 2026-10-22 --with 'Tom Hale'"],
    "2026-10-23": [LOOK, DRAFT, "log 1 --via email"],
    "2026-10-29": [LOOK, DRAFT, "log 1 --via phone"],
    "2026-10-30": ["interview 1 --on 2026-11-03 --with 'Ana Ruiz' --with '#2'"],
    "2026-11-04": [LOOK, DRAFT, "log 1 --via note"],
    "2026-11-05": ["contact show 2 --json"],
}


def greetings(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("Dear ")]


def test_each_message_goes_to_that_steps_person(jh) -> None:
    days = replay(jh, PEOPLE, every_day=("all",))
    # The referral: one suggestion, on the day I applied, with its draft; never again.
    assert when(days, "thank_referral") == ["2026-10-05"]
    thank = days["2026-10-05"].one("thank_referral", application_id=1, contact_id=1)
    assert thank["draft_command"] == "jobhunt draft 1 --kind thank-referral"
    assert "Thank Leo Park for referring you to Initech" in thank["message"]
    for day in days.values():
        assert order_problems(day) == []
        assert label_problems(day) == []
    # After applying: the hiring team, never the friend who referred me.
    assert greetings(days["2026-10-06"].output(DRAFT)) == ["Dear hiring team,"]
    assert greetings(days["2026-10-06"].output("draft 1 --kind thank-referral")) == [
        "Dear Leo Park,"
    ]
    # The thank-you after each round names that round's interviewer.
    assert greetings(days["2026-10-15"].output(DRAFT)) == ["Dear Helen Cho,"]
    assert greetings(days["2026-10-23"].output(DRAFT)) == ["Dear Tom Hale,"]
    # The check-in goes to the person from the latest round.
    assert greetings(days["2026-10-29"].output(DRAFT)) == ["Dear Tom Hale,"]
    # Two people in round 3: a thank-you each.
    assert greetings(days["2026-11-04"].output(DRAFT)) == ["Dear Ana Ruiz,", "Dear Helen Cho,"]
    for on in ("2026-10-15", "2026-10-23", "2026-10-29", "2026-11-04"):
        assert "Leo Park" not in days[on].output(DRAFT), on
    # The rounds with Helen Cho (contact 2) count as contact with her.
    shown = days["2026-11-05"].output("contact show 2 --json")
    assert '"last_touch": "2026-11-03"' in shown
