"""jobhunt draft on the command line: who each message goes to, what is due, --to.

Today is Friday 2026-11-27.
"""

from __future__ import annotations

import json

import pytest

from tests import storeview


@pytest.fixture
def referred(jh) -> None:
    """Application 1 at Acme, applied 11-17, with the friend who referred me (contact 1)."""
    jh("add", "Acme", "BI Analyst", "--applied", "2026-11-17")
    jh("contact", "add", "Leo Park", "--company", "Friends", "--email", "leo.park@friends.example")
    jh("contact", "link", "1", "1", "--as", "referral")


def test_after_applying_the_referral_is_not_the_addressee(jh, referred) -> None:
    result = jh("draft", "1")
    assert "leo.park" not in result.stdout
    assert "Dear hiring team," in result.stdout.splitlines()
    assert "contact link" in result.stderr


def test_after_applying_the_hiring_manager(jh, referred) -> None:
    jh("contact", "add", "Hank Lee", "--company", "Acme", "--kind", "hiring-manager",
       "--email", "hank@acme.example")  # fmt: skip
    jh("contact", "link", "2", "1", "--as", "other")
    lines = jh("draft", "1").stdout.splitlines()
    assert lines[0] == "To: hank@acme.example"
    assert "Dear Hank Lee," in lines


def test_the_referral_gets_a_thank_referral(jh, referred) -> None:
    lines = jh("draft", "1", "--kind", "thank-referral").stdout.splitlines()
    assert lines[0] == "To: leo.park@friends.example"
    assert lines[1] == "Subject: Thank you for referring me: BI Analyst at Acme"
    assert "Dear Leo Park," in lines


def test_the_thank_you_goes_to_that_rounds_interviewer(jh, referred) -> None:
    jh("contact", "add", "Helen Cho", "--company", "Acme", "--email", "helen@acme.example")
    jh("contact", "add", "Tom Hale", "--company", "Acme", "--email", "tom@acme.example")
    jh("contact", "link", "2", "1", "--as", "interviewer")
    jh("contact", "link", "3", "1", "--as", "interviewer")
    jh("interview", "1", "--on", "2026-11-20", "--with", "Helen Cho")
    jh("interview", "1", "--on", "2026-11-26", "--with", "tom  hale")
    lines = jh("draft", "1").stdout.splitlines()
    assert lines[0] == "To: tom@acme.example"
    assert "Dear Tom Hale," in lines
    first = jh("draft", "1", env={"JOBHUNT_TODAY": "2026-11-21"}).stdout.splitlines()
    assert first[0] == "To: helen@acme.example"


def test_every_linked_interviewer_gets_a_thank_you_separated(jh, referred) -> None:
    jh("contact", "add", "Helen Cho", "--company", "Acme", "--email", "helen@acme.example")
    jh("contact", "add", "Tom Hale", "--company", "Acme")
    jh("contact", "link", "2", "1", "--as", "interviewer")
    jh("contact", "link", "3", "1", "--as", "interviewer")
    jh("interview", "1", "--on", "2026-11-26")
    out = jh("draft", "1").stdout
    assert "Dear Helen Cho," in out
    assert "Dear Tom Hale," in out
    assert out.count("Subject: Thank you") == 2
    assert "\n-----\n" in out
    data = json.loads(jh("draft", "1", "--json").stdout)
    assert [d["to"] for d in data["drafts"]] == ["helen@acme.example", None]
    result = jh("draft", "1", "--mailto", ok=False)
    assert (result.exit_code, result.stdout) == (2, "")
    assert "--to" in result.stderr
    assert jh("draft", "1", "--mailto", "--to", "#3").stdout.startswith("mailto:?subject=")
    jh("draft", "1", "--log", "--yes")
    shown = jh("show", "1").stdout
    assert "Helen Cho, Tom Hale" in shown


@pytest.mark.parametrize(
    ("to", "first"),
    [("#1", "To: leo.park@friends.example"), ("leo PARK", "To: leo.park@friends.example"),
     ("Léo Park", "To: leo.park@friends.example")],
    ids=["by-id", "by-name", "ignoring-accents"],
)  # fmt: skip
def test_to_overrides(jh, referred, to, first) -> None:
    assert jh("draft", "1", "--to", to).stdout.splitlines()[0] == first


@pytest.mark.parametrize(
    ("to", "message"),
    [
        ("#99", "no contact with id 99"),
        ("#x", "invalid"),
        ("  ", "empty"),
        ("ANN SMITH", "2, 3"),
        ("Sam Stranger", "no contact is called 'Sam Stranger'"),
    ],
    ids=["unknown-id", "bad-id", "blank", "two-matches", "nobody"],
)
def test_bad_to(jh, referred, to, message) -> None:
    jh("contact", "add", "Ann Smith")
    jh("contact", "add", "ann smith")
    result = jh("draft", "1", "--to", to, ok=False)
    assert result.exit_code in (2, 3)
    assert result.stdout == ""
    assert message in result.stderr


def test_no_check_in_without_an_interview(jh, referred) -> None:
    jh("log", "1", "--via", "email", "--on", "2026-11-24")
    result = jh("draft", "1", ok=False)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "no interview has happened" in result.stderr


def test_a_closed_application_says_so(jh, referred) -> None:
    jh("status", "1", "rejected")
    result = jh("draft", "1", ok=False)
    assert result.exit_code == 2
    assert "closed (rejected)" in result.stderr
    assert "--kind withdraw" in result.stderr


def test_a_draft_not_due_yet_says_when(jh, referred) -> None:
    result = jh("draft", "1", env={"JOBHUNT_TODAY": "2026-11-18"})
    assert "Subject: Following up" in result.stdout
    assert "due on 2026-11-24" in result.stderr


@pytest.fixture
def two_interviewers(jh, referred) -> None:
    """A round on 11-25 with Helen Cho (contact 2) and Tom Hale (contact 3)."""
    jh("contact", "add", "Helen Cho", "--company", "Acme", "--email", "helen@acme.example")
    jh("contact", "add", "Tom Hale", "--company", "Acme")
    jh("interview", "1", "--on", "2026-11-25", "--with", "#2", "--with", "Tom Hale")


def test_log_records_one_thank_you_with_every_recipient(jh, two_interviewers) -> None:
    jh("draft", "1", "--log", "--yes")
    events = [e for e in jh.json("show", "1")["application"]["events"] if e["kind"] == "follow_up"]
    assert len(events) == 1
    for contact_id in (2, 3):
        shown = jh.json("contact", "show", str(contact_id))
        assert shown["contact"]["last_touch"] == "2026-11-27"
        assert {"on": "2026-11-27", "application_id": 1, "kind": "follow_up"} in shown["steps"]
    listed = {c["id"]: c["last_touch"] for c in jh.json("contact", "list")["contacts"]}
    assert listed == {1: None, 2: "2026-11-27", 3: "2026-11-27"}


@pytest.mark.parametrize("option", ["--mailto", "--edit"], ids=["mailto", "edit"])
def test_several_recipients_need_to_for_one_message(jh, two_interviewers, option) -> None:
    result = jh("draft", "1", option, ok=False, env={"EDITOR": "true"})
    assert (result.exit_code, result.stdout) == (2, "")
    assert "goes to 2 people" in result.stderr
    assert "--to" in result.stderr


def test_log_to_one_of_them_records_only_that_one(jh, two_interviewers) -> None:
    jh("draft", "1", "--to", "#3", "--log", "--yes")
    assert jh.json("contact", "show", "3")["contact"]["last_touch"] == "2026-11-27"
    assert jh.json("contact", "show", "2")["contact"]["last_touch"] == "2026-11-25"


def test_to_a_name_nobody_has_is_an_error(jh, referred) -> None:
    result = jh("draft", "1", "--to", "Sam Stranger", ok=False)
    assert (result.exit_code, result.stdout) == (2, "")
    assert "no contact is called 'Sam Stranger'" in result.stderr
    assert jh.json("contact", "list")["contacts"][-1]["name"] == "Leo Park"


def test_the_hiring_team_note_says_how_to_name_the_person(jh, referred) -> None:
    result = jh("draft", "1")
    assert "Dear hiring team," in result.stdout
    (note,) = [line for line in result.stderr.splitlines() if "hiring team" in line]
    assert "jobhunt draft 1 --to NAME|#ID" in note
    assert "jobhunt contact link CONTACT_ID 1 --as recruiter" in note


@pytest.mark.parametrize("spelling", ["thank-referral", "thank_referral", "Thank_Referral"])
def test_thank_referral_spellings(jh, referred, spelling) -> None:
    assert "Dear Leo Park," in jh("draft", "1", "--kind", spelling).stdout


def test_a_recent_round_is_no_while_ago(jh, two_interviewers) -> None:
    body = jh("draft", "--contact", "2").stdout
    assert "It has been a while" not in body
    assert "25 November 2026" in body
    long_ago = jh("draft", "--contact", "1").stdout  # Leo Park: never in touch
    assert "It has been a while since we last spoke" in long_ago


def test_a_scheduled_round_is_no_touch_yet(jh, referred) -> None:
    jh("contact", "add", "Helen Cho", "--company", "Acme")
    jh("interview", "1", "--on", "2026-12-03", "--with", "#2")
    assert jh.json("contact", "show", "2")["contact"]["last_touch"] is None
    (row,) = [c for c in jh.json("contact", "list")["contacts"] if c["id"] == 2]
    assert row["last_touch"] is None


def test_the_agenda_suggests_thanking_the_referral_once(jh, referred) -> None:
    (line,) = [x for x in jh("today").stdout.splitlines() if "Leo" in x]
    assert line.startswith("[Follow up] suggestion: Thank Leo Park for referring you to Acme")
    assert line.endswith(
        "-> jobhunt contact touch 1 --via email | draft: jobhunt draft 1 --kind thank-referral"
    )
    assert "Leo Park" in jh("today").stdout  # the same day again: still there
    assert "Leo Park" not in jh("today", env={"JOBHUNT_TODAY": "2026-11-28"}).stdout


def test_a_logged_thank_you_to_the_referral_ends_the_suggestion(jh, referred) -> None:
    jh("draft", "1", "--kind", "thank_referral", "--log", "--yes")
    assert "Leo Park" not in jh("today").stdout
    assert jh.json("contact", "show", "1")["contact"]["last_touch"] == "2026-11-27"


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (("log", "1", "--via", "email", "--on", "2026-11-24"), "no interview has happened"),
        (("status", "1", "ghosted"), "closed (ghosted)"),
    ],
    ids=["followed-up-no-interview", "closed"],
)
def test_log_records_nothing_when_nothing_is_due(jh, referred, db_path, setup, message) -> None:
    jh(*setup)
    before = storeview.dump(db_path)
    result = jh("draft", "1", "--log", "--yes", ok=False)
    assert (result.exit_code, result.stdout) == (2, "")
    assert message in result.stderr
    assert storeview.dump(db_path) == before


def test_an_explicit_kind_works_on_a_closed_application(jh, referred) -> None:
    jh("status", "1", "rejected")
    assert (
        "Subject: Withdrawing my application: BI Analyst"
        in jh("draft", "1", "--kind", "withdraw").stdout
    )
    jh("draft", "1", "--kind", "withdraw", "--log", "--yes")
    (logged,) = [
        e for e in jh.json("show", "1")["application"]["events"] if e["kind"] == "follow_up"
    ]
    assert (logged["channel"], logged["on"]) == ("email", "2026-11-27")


def test_log_records_exactly_the_draft_that_was_due(jh, referred) -> None:
    jh("interview", "1", "--on", "2026-11-20")
    jh("log", "1", "--via", "note", "--on", "2026-11-21")  # the thank-you
    assert "Subject: Checking in" in jh("draft", "1").stdout
    jh("draft", "1", "--log", "--yes")
    follow_ups = [
        e for e in jh.json("show", "1")["application"]["events"] if e["kind"] == "follow_up"
    ]
    assert [(e["on"], e["channel"]) for e in follow_ups] == [
        ("2026-11-21", "note"),
        ("2026-11-27", "phone"),
    ]
    assert "check-in" in follow_ups[-1]["note"]


def test_to_prefers_the_applications_company(jh, referred) -> None:
    jh("contact", "add", "Tom Hale", "--company", "Elsewhere", "--email", "tom@else.example")
    jh("contact", "add", "Tom Hale", "--company", "ACME", "--email", "tom@acme.example")
    assert jh("draft", "1", "--to", "tom hale").stdout.splitlines()[0] == "To: tom@acme.example"


def test_the_next_round_s_thank_you_is_drafted_for_that_round_and_not_logged_early(
    jh, db_path
) -> None:
    """Round 1 (11-19, Hélène) was thanked on 11-20; round 2 (12-01, Tom) is ahead. On
    11-27 `draft 1` previews round 2's thank-you (to Tom, about 1 December), not round 1's
    again; and `--log` refuses: a thank-you for a round not held yet is no fact."""
    jh("add", "Acme", "Dev", "--applied", "2026-11-02")
    jh("contact", "add", "Hélène Cho", "--company", "Acme", "--email", "helene@acme.example")
    jh("contact", "add", "Tom Hale", "--company", "Acme", "--email", "tom@acme.example")
    jh("interview", "1", "--on", "2026-11-19", "--with", "#1")
    jh("log", "1", "--via", "note", "--on", "2026-11-20", "--with", "#1")
    jh("interview", "1", "--on", "2026-12-01", "--with", "#2")
    result = jh("draft", "1")
    assert result.stdout.splitlines()[0] == "To: tom@acme.example"
    assert "Dear Tom Hale," in result.stdout
    assert "1 December 2026" in result.stdout
    assert "Hélène" not in result.stdout
    assert "is due on 2026-12-02" in result.stderr
    before = storeview.dump(db_path)
    refused = jh("draft", "1", "--log", "--yes", ok=False)
    assert refused.exit_code == 2
    assert refused.stderr.startswith("Error: ")
    assert "Traceback" not in refused.stderr
    assert storeview.dump(db_path) == before


@pytest.mark.parametrize(
    "to", ["#99999999999999999999", "#9223372036854775808"], ids=["huge", "one-past-64-bit"]
)
def test_to_an_id_too_large_for_the_store_is_not_found(jh, referred, to) -> None:
    result = jh("draft", "1", "--to", to, ok=False)
    assert result.exit_code == 3
    assert result.stderr.startswith("Error: no contact with id ")
    assert "Traceback" not in result.stderr
    assert "OverflowError" not in result.stderr
