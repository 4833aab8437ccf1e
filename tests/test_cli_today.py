"""jobhunt today: the morning agenda, for people (Rich), pipes and cron (plain).

Today is Friday 2026-11-27; the week began Monday 2026-11-23. Tests that pin whole
outputs switch off the networking and learning rules (`core_only`): those are other
modules' business and tested there.
"""

from __future__ import annotations

import re
import unicodedata

import pytest

from jobhunt.cli.today import GETTING_STARTED
from jobhunt.rules import learning as rules_learning
from jobhunt.rules import network as rules_network
from tests.conftest import run_subprocess

APPLY_5 = (
    "[Apply] by 2026-11-29: Apply to 5 more jobs this week to stay on target (0 of 5 so far) "
    "(why: weekly target of 5 applications, week of 2026-11-23) -> jobhunt add COMPANY ROLE"
)
BOX = set("─│┃━┏┓┗┛┡┩╇╈┼═║╭╮╰╯")
SGR = re.compile(r"\x1b\[([0-9;]*)m")


@pytest.fixture
def core_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rules_network, "network_actions", lambda *a, **k: iter(()))
    monkeypatch.setattr(rules_learning, "learning_actions", lambda *a, **k: iter(()))


def add(jh, company: str, role: str, applied: str, *opts: str) -> None:
    jh("add", company, role, "--applied", applied, *opts)


def meet_the_weekly_target(jh) -> None:
    for i, day in enumerate(("2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26", "2026-11-27")):
        add(jh, f"Week{i}", "Role", day)


def colour_codes(text: str) -> set[int]:
    """SGR parameters that select a colour (foreground or background)."""
    found = set()
    for params in SGR.findall(text):
        for p in params.split(";"):
            if p and (30 <= int(p) <= 49 or 90 <= int(p) <= 107):
                found.add(int(p))
    return found


def stray_controls(text: str) -> list[str]:
    """Control characters left once Rich's own SGR styling is removed (newline is fine)."""
    return [c for c in SGR.sub("", text) if unicodedata.category(c) == "Cc" and c != "\n"]


# --------------------------------------------------------------------------- content


def test_empty_store_explains_how_to_start(jh, core_only) -> None:
    result = jh("today")
    assert result.stdout == "\n".join((*GETTING_STARTED, "", APPLY_5)) + "\n"
    assert GETTING_STARTED[0] == "Nothing recorded yet. Start with:"
    assert "  jobhunt add COMPANY ROLE            right after you apply" in GETTING_STARTED
    assert result.stderr == ""


def test_empty_store_hint_also_without_core_only(jh) -> None:
    lines = jh("today").stdout.splitlines()
    assert lines[: len(GETTING_STARTED) + 1] == [*GETTING_STARTED, ""]
    assert APPLY_5 in lines


def test_no_command_means_today(jh, core_only) -> None:
    add(jh, "Acme", "Dev", "2026-11-17")
    assert jh().stdout == jh("today").stdout


def test_getting_started_not_shown_once_something_exists(jh, core_only) -> None:
    add(jh, "Acme", "Dev", "2026-10-01")
    jh("status", "1", "rejected")
    assert jh("today").stdout == APPLY_5 + "\n"


def test_overdue_marked_and_most_overdue_first(jh, core_only) -> None:
    add(jh, "Beta", "QA", "2026-11-19")  # due 11-26: 1 day overdue
    add(jh, "Acme", "Dev", "2026-11-17")  # due 11-24: 3 days overdue
    add(jh, "Gamma", "Ops", "2026-11-20")  # due today
    assert jh("today").stdout.splitlines() == [
        "[Follow up] 3 days overdue: Follow up on your application to Acme (Dev): one email or "
        "mailed note (why: applied 2026-11-17; one follow-up 7 days after applying) -> "
        "jobhunt log 2 --via email | draft: jobhunt draft 2",
        "[Follow up] 1 day overdue: Follow up on your application to Beta (QA): one email or "
        "mailed note (why: applied 2026-11-19; one follow-up 7 days after applying) -> "
        "jobhunt log 1 --via email | draft: jobhunt draft 1",
        "[Follow up] today: Follow up on your application to Gamma (Ops): one email or "
        "mailed note (why: applied 2026-11-20; one follow-up 7 days after applying) -> "
        "jobhunt log 3 --via email | draft: jobhunt draft 3",
        "[Apply] by 2026-11-29: Apply to 5 more jobs this week to stay on target (0 of 5 so far) "
        "(why: weekly target of 5 applications, week of 2026-11-23) -> jobhunt add COMPANY ROLE",
    ]


def test_logging_the_follow_up_clears_it(jh, core_only) -> None:
    meet_the_weekly_target(jh)
    add(jh, "Acme", "Dev", "2026-11-17")
    assert "Acme" in jh("today").stdout
    jh("log", "6", "--via", "email")
    assert jh("today").stdout == ""


@pytest.mark.parametrize(
    ("on", "first_line"),
    [
        ("2026-12-04", "[Follow up] today: Follow up on your application to Acme (Dev)"),
        ("fri", "[Follow up] today: Follow up on your application to Acme (Dev)"),
        ("+1w", "[Follow up] today: Follow up on your application to Acme (Dev)"),
        ("2026-12-07", "[Follow up] 3 days overdue: Follow up on your application to Acme (Dev)"),
        ("2026-12-03", "[Apply] by 2026-12-06: Apply to 5 more jobs this week"),
    ],
    ids=["iso", "weekday", "relative", "overdue", "not-yet"],
)
def test_on_previews_another_day(jh, core_only, on: str, first_line: str) -> None:
    add(jh, "Acme", "Dev", "2026-11-27")
    assert jh("today", "--on", on).stdout.startswith(first_line)


def test_on_preview_json_date(jh, core_only) -> None:
    assert jh.json("today", "--on", "2026-12-04")["date"] == "2026-12-04"


def test_ghosted_suggestion_shown_once_a_week(jh, core_only) -> None:
    meet_the_weekly_target(jh)
    add(jh, "Ghost", "Dev", "2026-10-20")
    jh("log", "6", "--via", "email", "--on", "2026-10-27")
    ghost_line = (
        "[Follow up] suggestion: No reply from Ghost (Dev): mark it ghosted and move on "
        "(why: applied 2026-10-20, followed up, no response in 30 days) -> jobhunt status 6 ghosted"
    )

    def ghost(*args: str) -> list[str]:
        return [line for line in jh("today", *args).stdout.splitlines() if "No reply" in line]

    # A preview records nothing: shown "on 11-24" would otherwise hide it today (3 days on).
    assert ghost("--on", "2026-11-24") == [ghost_line]
    assert jh("today").stdout == ghost_line + "\n"  # shown (and remembered) today
    assert jh("today").stdout == ghost_line + "\n"  # the same day again is fine
    assert ghost("--on", "2026-11-30") == []  # 3 days later: hidden
    assert ghost("--on", "2026-12-03") == []  # 6 days later: hidden
    assert ghost("--on", "2026-12-04") == [ghost_line]  # a week later: shown again


# --------------------------------------------------------------------------- --quiet (cron)


def test_quiet_prints_nothing_when_nothing_is_due(jh, core_only) -> None:
    meet_the_weekly_target(jh)
    assert jh("today").stdout == ""  # nothing due: the target is met, follow-ups not yet due
    result = jh("today", "--quiet")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    result = jh("today", "-q")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


def test_quiet_on_an_empty_store_still_shows_the_target(jh, core_only) -> None:
    assert jh("today", "--quiet").stdout == APPLY_5 + "\n"  # no getting-started text


def test_quiet_prints_when_something_is_due(jh, core_only) -> None:
    meet_the_weekly_target(jh)
    add(jh, "Acme", "Dev", "2026-11-20")
    result = jh("today", "--quiet")
    assert result.stdout == (
        "[Follow up] today: Follow up on your application to Acme (Dev): one email or mailed "
        "note (why: applied 2026-11-20; one follow-up 7 days after applying) -> "
        "jobhunt log 6 --via email | draft: jobhunt draft 6\n"
    )
    assert result.stderr == ""


def test_quiet_in_a_real_process(core_only) -> None:
    for day in ("2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26", "2026-11-27"):
        assert run_subprocess("add", "Co", "Role", "--applied", day).returncode == 0
    result = run_subprocess("today", "--quiet")
    # core_only does not reach a child process: tolerate only non-core sections there.
    assert result.returncode == 0
    assert result.stderr == ""
    assert [
        line for line in result.stdout.splitlines()
        if line.startswith(("[Follow up]", "[Apply]"))
    ] == []  # fmt: skip


# --------------------------------------------------------------------------- terminal safety

NASTY = ("[bold]x[/]", "[/]", "[link=file:///etc/passwd]y", "a\x1b[2Jb")


@pytest.fixture
def nasty(jh, core_only) -> None:
    add(jh, NASTY[0], NASTY[1], "2026-11-20")
    add(jh, NASTY[2], NASTY[3], "2026-11-20", "--note", "n\x1b]0;title\x07")


def test_plain_output_has_no_box_drawing_and_no_escapes(jh, nasty) -> None:
    out = jh("today").stdout
    assert not BOX & set(out)
    assert "\x1b" not in out
    assert stray_controls(out) == []
    assert out.splitlines() == [
        "[Follow up] today: Follow up on your application to [bold]x[/] ([/]): one email or "
        "mailed note (why: applied 2026-11-20; one follow-up 7 days after applying) -> "
        "jobhunt log 1 --via email | draft: jobhunt draft 1",
        "[Follow up] today: Follow up on your application to [link=file:///etc/passwd]y "
        "(a\\x1b[2Jb): one email or mailed note (why: applied 2026-11-20; one follow-up 7 days "
        "after applying) -> jobhunt log 2 --via email | draft: jobhunt draft 2",
        APPLY_5,
    ]


@pytest.mark.parametrize("command", [("today",), ("list",), ("show", "2"), ("show", "1")])
def test_rich_mode_prints_data_literally(jh, nasty, command) -> None:
    result = jh(*command, env={"FORCE_COLOR": "1", "COLUMNS": "250"})
    out = result.stdout
    assert "\x1b[" in out  # really the Rich renderer
    assert "\x1b[2J" not in out
    assert "\x1b]" not in out  # no OSC: no hyperlink, no window title
    assert stray_controls(out) == []
    plain = SGR.sub("", out)
    if command == ("show", "1"):
        assert "[bold]x[/]" in plain
        assert "[/]" in plain
    else:
        assert "[link=file:///etc/passwd]y" in plain
        assert "a\\x1b[2Jb" in plain
    assert result.stderr == ""


def test_rich_today_renders_sections(jh, core_only) -> None:
    add(jh, "Acme", "Dev", "2026-11-17")
    out = jh("today", env={"FORCE_COLOR": "1", "COLUMNS": "250"}).stdout
    plain = SGR.sub("", out)
    assert plain.startswith("Agenda for Friday 27 November 2026\n\nFollow up\n")
    assert re.search(r"3 days overdue +Follow up on your application to Acme \(Dev\)", plain)
    assert re.search(r"\n +applied 2026-11-17; one follow-up 7 days after applying", plain)
    assert re.search(r"\n +\$ jobhunt log 1 --via email", plain)
    assert 31 in colour_codes(out)  # overdue is red
    assert "\x1b[1;31m3 days overdue" in out


def test_no_color_is_honoured(jh, core_only) -> None:
    add(jh, "Acme", "Dev", "2026-11-17")
    add(jh, "Beta", "QA", "2026-11-20")
    out = jh("today", env={"FORCE_COLOR": "1", "NO_COLOR": "1", "COLUMNS": "250"}).stdout
    assert "Agenda for Friday 27 November 2026" in SGR.sub("", out)
    assert colour_codes(out) == set()
    assert "\x1b[31m" not in out


def test_term_dumb_is_plain_even_when_forced(jh, core_only) -> None:
    add(jh, "Acme", "Dev", "2026-11-17")
    out = jh("today", env={"FORCE_COLOR": "1", "TERM": "dumb"}).stdout
    assert "\x1b" not in out
    assert not BOX & set(out)
    assert out.startswith("[Follow up] 3 days overdue: ")


def test_subprocess_without_a_tty_prints_plain_text() -> None:
    assert run_subprocess("add", "Acme", "Dev", "--applied", "2026-11-17").returncode == 0
    result = run_subprocess("today")
    assert result.returncode == 0
    assert result.stderr == ""
    assert "\x1b" not in result.stdout
    assert not BOX & set(result.stdout)
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "[Follow up] 3 days overdue: Follow up on your application to Acme (Dev): one email or "
        "mailed note (why: applied 2026-11-17; one follow-up 7 days after applying) -> "
        "jobhunt log 1 --via email | draft: jobhunt draft 1"
    )
    assert APPLY_5 in lines


def test_subprocess_empty_store_plain() -> None:
    result = run_subprocess("today")
    assert result.returncode == 0
    assert result.stdout.splitlines()[: len(GETTING_STARTED)] == list(GETTING_STARTED)
    assert "\x1b" not in result.stdout
