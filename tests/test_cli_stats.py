"""`jobhunt stats`: plain text in a pipe, pictures on a terminal, numbers with --json."""

from __future__ import annotations

import re

import pytest

SGR = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture
def searched(jh) -> None:
    """Three applications, one interview and offer, one rejection, a touch and a course log."""
    jh("add", "Acme", "Dev", "--applied", "2026-11-02", "--source", "LinkedIn", "-t", "full-time")
    jh("add", "Globex", "Analyst", "--applied", "2026-11-10", "--source", "linkedin")
    jh("add", "Initech", "QA", "--applied", "2026-11-24", "--source", "referral", "-t", "contract")
    jh("interview", "1", "--on", "2026-11-12")
    jh("status", "1", "offer", "--on", "2026-11-20")
    jh("status", "2", "rejected", "--on", "2026-11-17")
    jh("log", "3", "--via", "email", "--on", "2026-11-26")
    jh("contact", "add", "Ann Lee", "--company", "Acme")
    jh("contact", "touch", "1", "--via", "coffee", "--on", "2026-11-26")
    jh("course", "add", "SQL basics")
    jh("course", "log", "1", "--hours", "2", "--on", "2026-11-27")


PLAIN = """\
== Funnel ==
applied         3
responded       2  67% of applied
interviewed     1  50% of responded
offered         1  100% of interviewed
accepted        0  0% of offered
Response rate: 67% (2 of 3); median days to a first response: 8.5 (over 2)

== By source ==
LinkedIn: applied 2, responded 2 (100%), interviewed 1, offered 1, accepted 0
referral: applied 1, responded 0 (0%), interviewed 0, offered 0, accepted 0

== By job type ==
contract: applied 1, responded 0 (0%), interviewed 0, offered 0, accepted 0
full-time: applied 1, responded 1 (100%), interviewed 1, offered 1, accepted 0
(none): applied 1, responded 1 (100%), interviewed 0, offered 0, accepted 0

== Applications per week (target 5) ==
2026-11-02  #----  1/5
2026-11-09  #----  1/5
2026-11-16  -----  0/5
2026-11-23  #----  1/5

== Activity, 4 weeks from 2026-11-02 (9 actions) ==
Mon 1 . . .
Tue . 1 1 1
Wed . . . .
Thu . 1 . 2
Fri . . 1 1
Sat . . .
Sun . . .
"""


def test_stats_plain(jh, searched) -> None:
    assert jh("stats", "--weeks", "4").stdout == PLAIN


def test_stats_json(jh, searched) -> None:
    data = jh.json("stats", "--weeks", "2")
    assert data["version"] == 1
    assert data["as_of"] == "2026-11-27"
    assert data["funnel"] == {
        "counts": {"applied": 3, "responded": 2, "interviewed": 1, "offered": 1, "accepted": 0},
        "conversion": {"responded": 0.6667, "interviewed": 0.5, "offered": 1.0, "accepted": 0.0},
        "of_applied": {
            "responded": 0.6667,
            "interviewed": 0.3333,
            "offered": 0.3333,
            "accepted": 0.0,
        },
    }
    assert data["response"] == {
        "applied": 3,
        "responded": 2,
        "rate": 0.6667,
        "median_days_to_first_response": 8.5,
        "measured": 2,
    }
    assert [(g["source"], g["counts"]["applied"]) for g in data["by_source"]] == [
        ("LinkedIn", 2),
        ("referral", 1),
    ]
    assert [g["job_type"] for g in data["by_job_type"]] == ["contract", "full-time", None]
    assert data["weekly"] == {
        "target": 5,
        "first_weekday": 0,
        "weeks": [
            {"start": "2026-11-16", "end": "2026-11-22", "applications": 0, "on_target": False},
            {"start": "2026-11-23", "end": "2026-11-29", "applications": 1, "on_target": False},
        ],
    }
    activity = data["activity"]
    assert (activity["start"], activity["end"], activity["total"]) == (
        "2026-11-16",
        "2026-11-27",
        6,
    )
    assert len(activity["days"]) == 12
    assert activity["days"][10] == {
        "date": "2026-11-26",
        "total": 2,
        "applications": 0,
        "follow_ups": 1,
        "interviews": 0,
        "status_changes": 0,
        "touches": 1,
        "course_logs": 0,
    }


def test_stats_with_nothing_recorded(jh) -> None:
    out = jh("stats", "--weeks", "1").stdout
    assert out == (
        "No applications yet: the funnel starts with: jobhunt add COMPANY ROLE\n"
        "\n"
        "== Applications per week (target 5) ==\n"
        "2026-11-23  -----  0/5\n"
        "\n"
        "== Activity, 1 weeks from 2026-11-23 (0 actions) ==\n"
        "Mon .\nTue .\nWed .\nThu .\nFri .\nSat\nSun\n"
    )
    data = jh.json("stats")
    assert data["funnel"]["counts"] == dict.fromkeys(
        ("applied", "responded", "interviewed", "offered", "accepted"), 0
    )
    assert set(data["funnel"]["conversion"].values()) == {None}
    assert data["response"]["rate"] is None
    assert data["response"]["median_days_to_first_response"] is None
    assert data["by_source"] == data["by_job_type"] == []
    assert len(data["weekly"]["weeks"]) == 12
    assert data["activity"]["total"] == 0


def test_stats_follow_the_config(jh, searched) -> None:
    jh("config", "set", "first_weekday", "sunday")
    jh("config", "set", "weekly_applications", "2")
    out = jh("stats", "--weeks", "2").stdout
    assert (
        "== Applications per week (target 2) ==\n2026-11-15  --  0/2\n2026-11-22  #-  1/2\n" in out
    )
    assert "\nSun . .\nMon . .\nTue 1 1\nWed . .\nThu . 2\nFri 1 1\nSat .\n" in out


def test_weeks_above_target_draw_longer_bars(jh) -> None:
    jh("config", "set", "weekly_applications", "2")
    for company in ("A", "B", "C"):
        jh("add", company, "Dev", "--applied", "2026-11-24")
    assert "2026-11-23  ###  3/2\n" in jh("stats", "--weeks", "1").stdout


@pytest.mark.parametrize("weeks", ["0", "105", "x"], ids=["zero", "too-many", "not-a-number"])
def test_stats_refuses_bad_weeks(jh, weeks: str) -> None:
    result = jh("stats", "--weeks", weeks, ok=False)
    assert result.exit_code == 2
    assert result.stdout == ""


def test_stats_on_a_terminal_draws_pictures(jh, searched) -> None:
    out = jh("stats", "--weeks", "4", env={"FORCE_COLOR": "1", "COLUMNS": "120"}).stdout
    plain = SGR.sub("", out)
    assert "applied       3       ██████████████████████████████" in plain
    assert "2026-11-23  █░░░░│  1/5" in plain
    assert "    Nov\n" in plain
    assert "Mon ■ ■ ■ ■" in plain
    assert "Sat ■ ■ ■   \n" in plain
    assert "less ■ ■ ■ ■ ■ more" in plain
    assert "\x1b[" in out  # coloured


def test_company_markup_and_control_characters_stay_inert(jh) -> None:
    jh("add", "Evil", "Dev", "--source", "[bold]x\x1b[2J")
    out = jh("stats").stdout
    assert "[bold]x\\x1b[2J: applied 1" in out
    rich = jh("stats", env={"FORCE_COLOR": "1", "COLUMNS": "120"}).stdout
    assert "[bold]x\\x1b[2J" in SGR.sub("", rich)


def test_stats_json_top_level_keys(jh) -> None:
    assert set(jh.json("stats")) == {
        "version",
        "as_of",
        "weeks",
        "funnel",
        "response",
        "by_source",
        "by_job_type",
        "weekly",
        "activity",
    }


@pytest.mark.parametrize(
    "args",
    [["stats"], ["stats", "--json"], ["config", "show"], ["backup"], ["stats", "--help"]],
    ids=["stats", "stats-json", "config-show", "backup", "stats-help"],
)
def test_reading_commands_do_not_import_the_orm(jh, args: list[str]) -> None:
    from tests.test_speed import loaded_heavy

    jh("add", "Acme", "Dev")
    assert loaded_heavy(args) == []
