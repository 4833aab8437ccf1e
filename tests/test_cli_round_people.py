"""People on every step: `interview --with` and `log --with` name contacts, and a round
that has happened counts as contact with them. Today is Friday 2026-11-27."""

from __future__ import annotations

import pytest


@pytest.fixture
def acme(jh) -> None:
    jh("add", "Acme", "Dev", "--applied", "2026-11-02")
    jh("contact", "add", "Hélène Cho", "--company", "Acme", "--email", "helen@acme.example")
    jh("contact", "add", "Tom Hale", "--company", "Acme", "--every", "2w")
    jh("contact", "add", "Tom Hale", "--company", "Elsewhere")
    jh("contact", "touch", "2", "--via", "coffee", "--on", "2026-09-01")


def test_with_names_contacts_ignoring_case_and_accents(jh, acme) -> None:
    result = jh("interview", "1", "--on", "2026-11-26", "--with", "helene CHO", "--with", "#2")
    assert result.exit_code == 0
    data = jh.json("contact", "show", "2")
    assert data["contact"]["last_touch"] == "2026-11-26"
    assert "Hélène Cho" in jh("show", "1").stdout
    lines = jh("draft", "1").stdout
    assert "Dear Hélène Cho," in lines
    assert "Dear Tom Hale," in lines


def test_a_round_restarts_the_stay_in_touch_schedule(jh, acme) -> None:
    assert "Tom Hale" in jh("today").stdout
    jh("interview", "1", "--on", "2026-11-26", "--with", "Tom Hale")  # the one at Acme
    assert "Get back in touch with Tom Hale" not in jh("today").stdout


def test_a_scheduled_round_is_not_contact_yet(jh, acme) -> None:
    jh("interview", "1", "--on", "2026-12-03", "--with", "#2")
    assert "Tom Hale" in jh("today").stdout


def test_an_unknown_name_adds_a_contact(jh, acme) -> None:
    result = jh("interview", "1", "--on", "2026-11-26", "--with", "Sam New")
    assert "Added contact 4" in result.stderr
    data = jh.json("contact", "show", "4")
    assert (data["contact"]["name"], data["contact"]["kind"], data["contact"]["company"]) == (
        "Sam New",
        "other",
        "Acme",
    )
    assert [a["id"] for a in data["applications"]] == [1]
    assert data["steps"] == [{"on": "2026-11-26", "application_id": 1, "kind": "interview"}]
    assert "Interviews and follow-ups" in jh("contact", "show", "4").stdout


def test_log_with_records_who_was_reached(jh, acme) -> None:
    jh("log", "1", "--via", "email", "--on", "2026-11-20", "--with", "#1")
    assert jh.json("contact", "show", "1")["contact"]["last_touch"] == "2026-11-20"


def test_a_round_does_not_count_toward_the_weekly_target(jh, acme) -> None:
    def networked() -> list:
        return [a for a in jh.json("week")["areas"] if a["area"] == "Network"]

    before = networked()
    jh("interview", "1", "--on", "2026-11-26", "--with", "#1")
    assert networked() == before


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [(("--with", "tom hale", "--on", "2026-11-26", "2"), 2, "2 contacts are called"),
     (("--with", "#99", "--on", "2026-11-26", "1"), 3, "no contact with id 99"),
     (("--with", "#x", "--on", "2026-11-26", "1"), 2, "invalid contact id")],
    ids=["two-matches", "unknown-id", "bad-id"],
)  # fmt: skip
def test_bad_with(jh, acme, args, code, message) -> None:
    jh("add", "Other Co", "Dev", "--applied", "2026-11-02")  # application 2: no Tom there
    before = jh.json("show", args[-1])
    result = jh("interview", *args, ok=False)
    assert (result.exit_code, result.stdout) == (code, "")
    assert message in result.stderr
    assert jh.json("show", args[-1]) == before
    result = jh("log", args[-1], "--via", "email", *args[:2], ok=False)
    assert result.exit_code == code


@pytest.mark.parametrize(
    "command",
    [("contact", "touch", "2", "--via", "call"), ("contact", "edit", "2", "--title", "CTO")],
    ids=["touch", "edit"],
)
def test_next_touch_counts_from_today_not_from_a_round_ahead(jh, acme, command) -> None:
    jh("contact", "touch", "2", "--via", "call", "--on", "2026-11-27")
    jh("interview", "1", "--on", "2026-12-10", "--with", "#2")
    # 11-27 + 1 week (2 weeks stepped up: an interview is pending at Acme), not 12-10 + 1 week
    assert jh.json(*command)["next_touch"] == "2026-12-04"
    assert jh.json("contact", "show", "2")["contact"]["last_touch"] == "2026-11-27"


def test_a_matched_name_is_recorded_as_the_contact_spells_it(jh, acme) -> None:
    """Typed without accents or capitals, the round still names the person as their
    contact does: the history and the check-in draft (sent to the employer) say
    "Hélène Cho", never "helene cho"."""
    jh("interview", "1", "--on", "2026-11-19", "--with", "helene cho", "--with", "tom hale")
    jh("log", "1", "--via", "email", "--on", "2026-11-20", "--with", "HELENE CHO")
    history = jh("show", "1").stdout
    assert "with Hélène Cho, Tom Hale" in history
    assert "via email; with Hélène Cho" in history
    draft = jh("draft", "1", "--kind", "check-in").stdout
    assert "(with Hélène Cho, Tom Hale)" in draft
    assert "helene cho" not in draft


def test_the_agenda_s_follow_up_commands_name_the_round_s_people(jh) -> None:
    """Following the agenda to the letter (its printed command for the thank-you, then
    each weekly check-in call) keeps José as someone you are in touch with: on 12-04,
    the day after the second call, no "Get back in touch with José Álvarez"."""
    import shlex

    def on(day: str) -> dict:
        return {"JOBHUNT_TODAY": day}

    jh("add", "Acme", "Dev", "--applied", "2026-11-02", env=on("2026-11-10"))
    jh("contact", "add", "José Álvarez", "--company", "Acme", "--kind", "hiring-manager",
       env=on("2026-11-10"))  # fmt: skip
    jh("contact", "add", "Ines Roy", "--company", "Acme", env=on("2026-11-10"))
    jh("interview", "1", "--on", "2026-11-19", "--with", "#1", "--with", "#2",
       env=on("2026-11-10"))  # fmt: skip
    expected = {
        "2026-11-20": "jobhunt log 1 --via note --with '#1' --with '#2'",  # both thanked
        "2026-11-26": "jobhunt log 1 --via phone --with '#1'",  # the check-in's person
        "2026-12-03": "jobhunt log 1 --via phone --with '#1'",
    }
    for day, command in expected.items():
        (action,) = [
            a for a in jh.json("today", "--on", day)["actions"] if a["kind"] == "follow_up"
        ]
        assert action["command"] == command
        jh(*shlex.split(command)[1:], env=on(day))
    touches = [a for a in jh.json("today", "--on", "2026-12-04")["actions"] if a["kind"] == "touch"]
    assert [a["contact_id"] for a in touches] == []


@pytest.mark.parametrize("command", ["interview", "log"])
def test_a_name_matched_at_another_company_is_said(jh, command) -> None:
    """Nobody of that name at the application's company: the one elsewhere is taken (the
    issue's rule), and stderr says who, so a thank-you is not sent to a stranger unseen."""
    jh("add", "Acme", "Dev", "--applied", "2026-11-02")
    jh("contact", "add", "Sam Lee", "--company", "Initech")
    extra = ["--on", "2026-11-26"] + (["--via", "phone"] if command == "log" else [])
    result = jh(command, "1", *extra, "--with", "sam lee")
    assert result.exit_code == 0
    assert result.stderr == (
        "Matched 'sam lee' to contact 1, Sam Lee (Initech), who is not at Acme; "
        "give --with '#ID' or a new name if that is someone else\n"
    )
    # At the application's company, or given by id: nothing to say.
    jh("contact", "add", "Ana Ruiz", "--company", "ACME")
    assert jh(command, "1", *extra, "--with", "ana ruiz", "--with", "#1").stderr == ""
