"""`jobhunt week`: the weekly review against targets."""

from __future__ import annotations

from datetime import date

import pytest

from jobhunt import rules
from jobhunt.records import Application, WeekFacts

MON, SUN = date(2026, 11, 23), date(2026, 11, 29)


def areas(**facts):
    result = rules.review(WeekFacts(start=MON, end=SUN, **facts), (), policy=rules.Policy())
    return {a.name: (a.done, a.target, a.on_target, a.detail) for a in result}


@pytest.mark.parametrize(
    ("facts", "area", "expected"),
    [
        ({"applied": 4}, "Apply", (4, 5, False, "4 of 5 applications")),
        ({"applied": 5}, "Apply", (5, 5, True, "5 of 5 applications")),
        ({"touches": 3}, "Network", (3, 3, True, "3 of 3 touches")),
        ({"touches": 2}, "Network", (2, 3, False, "2 of 3 touches")),
        (
            {"learning_hours": 2.5, "learning_logs": 2, "planned_hours": 3.0},
            "Learn",
            (2.5, 3.0, False, "2.5 hours logged of 3 planned"),
        ),
        (
            {"learning_hours": 3.0, "learning_logs": 1, "planned_hours": 3.0},
            "Learn",
            (3.0, 3.0, True, "3 hours logged of 3 planned"),
        ),
        (
            {"active_work": (Application(7, "Temps Inc", "Clerk", "accepted", MON, "temporary"),)},
            "Stay active",
            (1, None, True, "temporary at Temps Inc (accepted)"),
        ),
        ({}, "Stay active", (0, None, False, "no temporary, part-time or contract work")),
    ],
    ids=[
        "apply-behind",
        "apply-on-target",
        "network-on-target",
        "network-behind",
        "learn-behind-plan",
        "learn-on-plan",
        "active-temp-work",
        "no-active-work",
    ],
)
def test_review_areas(facts, area, expected) -> None:
    assert areas(**facts)[area] == expected


def test_week_counts_what_was_done_in_the_week(jh) -> None:
    jh("add", "Acme", "Dev", "--applied", "2026-11-23")
    jh("add", "Globex", "Analyst", "--applied", "2026-11-22")  # the week before
    jh("log", "2", "--via", "email", "--on", "2026-11-24")
    jh("interview", "1", "--on", "2026-11-25")
    data = jh.json("week")
    assert (data["start"], data["end"], data["as_of"]) == ("2026-11-23", "2026-11-29", "2026-11-27")
    by_area = {a["area"]: a for a in data["areas"]}
    assert by_area["Apply"]["done"] == 1
    assert by_area["Apply"]["target"] == 5
    assert by_area["Follow up"]["detail"] == "1 follow-ups made, 1 interviews; 1 overdue"
    assert [a["stage"] for a in data["overdue"]] == ["thank_you"]


def test_week_of_an_earlier_day(jh) -> None:
    jh("add", "Globex", "Analyst", "--applied", "2026-11-18")
    data = jh.json("week", "--on", "2026-11-18")
    assert (data["start"], data["end"]) == ("2026-11-16", "2026-11-22")
    assert {a["area"]: a["done"] for a in data["areas"]}["Apply"] == 1


def test_week_plain_output_is_one_line_per_area(jh) -> None:
    out = jh("week").stdout.splitlines()
    assert out[0] == "== Week of 2026-11-23 to 2026-11-29 =="
    assert out[1] == "Apply\t0\t5\tbehind\t0 of 5 applications"
    assert len([x for x in out if "\t" in x]) == 5


def test_week_bad_date_is_a_clean_error(jh) -> None:
    result = jh("week", "--on", "someday", ok=False)
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: invalid date 'someday'")
    assert result.stdout == ""
