"""jobhunt draft: the message that is due, its mailto link, editing it, logging it.

Today is Friday 2026-11-27.
"""

from __future__ import annotations

import json
import shlex
import sys
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from tests.conftest import run_subprocess

AFTER_APPLY = """\
Subject: Following up on my application: Dev at Acme

Dear hiring team,

I applied for the Dev position at Acme on 17 November 2026 and wanted to follow up. \
I remain very interested in the role and would welcome the chance to discuss how I could \
contribute to the team.

Please let me know if there is anything else I can send you.

Thank you for your time and consideration.

Best regards,
[your name]
"""


@pytest.fixture
def acme(jh) -> None:
    jh("add", "Acme", "Dev", "--applied", "2026-11-17", "--url", "https://acme.example/1")


@pytest.fixture
def linked(jh, acme) -> None:
    """Application 1 with a recruiter (1) and an interviewer (2) linked, interviewed yesterday."""
    jh("contact", "add", "Rita Recruiter", "--company", "Acme", "--email", "rita@acme.example")
    jh("contact", "add", "Dana Scully", "--company", "Acme", "--email", "dana@acme.example")
    jh("contact", "link", "1", "1", "--as", "recruiter")
    jh("contact", "link", "2", "1", "--as", "interviewer")
    jh("interview", "1", "--on", "2026-11-26", "--with", "Dana Scully")


def templates_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "xdg-config" / "jobhunt" / "templates"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


# --------------------------------------------------------------------------- printing


def test_draft_prints_the_after_apply_message(jh, acme) -> None:
    result = jh("draft", "1")
    assert result.stdout == AFTER_APPLY
    assert result.stderr == (
        "Nobody is named for this after-apply: it says 'Dear hiring team'. Name the person "
        "with: jobhunt draft 1 --to NAME|#ID, or link them: jobhunt contact link CONTACT_ID "
        "1 --as recruiter\n"
        'The draft is signed [your name]: set your name with: jobhunt config set name "Your '
        'Name" (and any lines under it with: jobhunt config set signature TEXT)\n'
    )


def test_draft_after_an_interview_is_the_thank_you_to_the_interviewer(jh, linked) -> None:
    lines = jh("draft", "1").stdout.splitlines()
    assert lines[:5] == [
        "To: dana@acme.example",
        "Subject: Thank you: Dev interview",
        "",
        "Dear Dana Scully,",
        "",
    ]
    assert lines[5].startswith("Thank you for taking the time to speak with me on 26 November")


def test_draft_follows_the_stage_today_shows(jh, linked) -> None:
    jh("log", "1", "--via", "note")  # the thank-you, sent today
    assert jh("draft", "1").stdout.splitlines()[1] == "Subject: Checking in: Dev at Acme"
    script = jh("draft", "1", env={"JOBHUNT_TODAY": "2026-12-04"}).stdout.splitlines()
    assert script[3] == "Call script: call Dana Scully (no number recorded) and cover"
    assert "--- Note to send after the call ---" in script


@pytest.mark.parametrize(
    ("kind", "subject"),
    [
        ("after-apply", "Following up on my application: Dev at Acme"),
        ("thank-you", "Thank you: Dev interview"),
        ("check-in", "Checking in: Dev at Acme"),
        ("withdraw", "Withdrawing my application: Dev"),
        ("accept", "Offer acceptance: Dev at Acme"),
        (" Accept ", "Offer acceptance: Dev at Acme"),
    ],
    ids=["after-apply", "thank-you", "check-in", "withdraw", "accept", "accept-spaced-upper"],
)
def test_kind_chooses_the_message(jh, acme, kind: str, subject: str) -> None:
    assert jh("draft", "1", "--kind", kind).stdout.splitlines()[0] == f"Subject: {subject}"


def test_markup_and_control_characters_print_literally(jh) -> None:
    jh("add", "[bold]x[/]", "a\x1b[2Jb $role", "--applied", "2026-11-17")
    out = jh("draft", "1").stdout
    assert out.splitlines()[0] == (
        "Subject: Following up on my application: a\\x1b[2Jb $role at [bold]x[/]"
    )
    rich = jh("draft", "1", env={"FORCE_COLOR": "1"}).stdout
    assert "[bold]x[/]" in rich
    assert "\x1b[2J" not in rich


def test_draft_json(jh, linked) -> None:
    data = jh.json("draft", "1", "--kind", "check-in")
    assert set(data) == {"version", "kind", "to", "subject", "body", "mailto"}
    assert (data["version"], data["kind"], data["to"], data["subject"]) == (
        1,
        "check-in",
        "dana@acme.example",
        "Checking in: Dev at Acme",
    )
    assert data["body"].startswith("Call script: call Dana Scully (no number recorded) and cover\n")
    query = parse_qs(urlsplit(data["mailto"]).query)
    assert query["body"][0].startswith("Dear Dana Scully,\r\n\r\nThank you for speaking")
    assert data == jh.json("draft", "1", "--kind", "check-in", "--mailto")


def test_json_without_a_recipient_has_a_null_to(jh, acme) -> None:
    data = jh.json("draft", "1")
    assert data["to"] is None
    assert data["mailto"].startswith("mailto:?subject=Following%20up%20on%20my%20application")
    assert data["body"] + "\n" == AFTER_APPLY.split("\n\n", 1)[1]


# --------------------------------------------------------------------------- mailto


def test_mailto_parses_back_to_the_draft(jh, linked) -> None:
    result = jh("draft", "1", "--mailto")
    url = result.stdout.strip()
    assert result.stdout == url + "\n"
    assert " " not in url
    assert "+" not in url
    parts = urlsplit(url)
    query = parse_qs(parts.query, strict_parsing=True)
    assert (parts.scheme, unquote(parts.path)) == ("mailto", "dana@acme.example")
    assert query["subject"] == ["Thank you: Dev interview"]
    draft = jh.json("draft", "1")
    assert query["body"] == [draft["body"].replace("\n", "\r\n")]
    assert "%0D%0A%0D%0A" in url


def test_mailto_for_a_contact_goes_to_their_email(jh) -> None:
    jh("contact", "add", "Zoë Ng", "--email", "zoë@example.org")
    url = jh("draft", "--contact", "1", "--mailto").stdout.strip()
    assert url.startswith("mailto:zo%C3%AB@example.org?subject=Catching%20up&body=Hi%20Zo%C3%AB%2C")
    assert unquote(urlsplit(url).path) == "zoë@example.org"


# --------------------------------------------------------------------------- contacts


@pytest.fixture
def met(jh) -> None:
    jh("event", "add", "Data Night", "--on", "2026-11-20", "--where", "Hall 1")
    jh("contact", "add", "Walter Skinner", "--company", " ACME ", "--met-at", "1")


def test_contact_met_at_an_event_gets_the_after_event_message(jh, met) -> None:
    assert jh("draft", "--contact", "1").stdout.splitlines()[:5] == [
        "Subject: Great to meet you at Data Night",
        "",
        "Hi Walter,",
        "",
        "It was a pleasure meeting you at Data Night on 20 November 2026. I enjoyed our "
        "conversation and would like to stay in touch.",
    ]
    jh("contact", "touch", "1", "--via", "email")
    assert jh("draft", "--contact", "1").stdout.splitlines()[0] == "Subject: Catching up"


def test_referral_ask_names_the_open_application_at_their_company(jh, met, acme) -> None:
    jh("add", "Acme Corp", "Other", "--applied", "2026-11-18")  # a different company
    lines = jh("draft", "--contact", "1", "--kind", "referral-ask").stdout.splitlines()
    assert lines[0] == "Subject: A question about the Dev position at ACME"
    jh("status", "1", "rejected")
    lines = jh("draft", "-c", "1", "-k", "referral-ask").stdout.splitlines()
    assert lines[0] == "Subject: A question about an open position at ACME"


# --------------------------------------------------------------------------- templates


def test_templates_lists_built_in_and_overridden(jh, tmp_path) -> None:
    lines = jh("draft", "templates").stdout.splitlines()
    assert [line.split("\t")[:2] for line in lines] == [
        [kind, "built-in"]
        for kind in (
            "after-apply",
            "thank-you",
            "check-in",
            "withdraw",
            "accept",
            "thank-referral",
            "touch",
            "after-event",
            "referral-ask",
        )
    ]
    assert lines[0].split("\t")[2].endswith("templates/after-apply.txt")
    own = templates_dir(tmp_path) / "touch.txt"
    own.write_text("Subject: Yo\n\n$greeting\n", encoding="utf-8")
    (templates_dir(tmp_path) / "accept.txt").write_text("Subject: $salary\n\nx\n")
    data = jh.json("draft", "templates")
    assert data["folder"] == str(templates_dir(tmp_path))
    by_kind = {t["kind"]: t for t in data["templates"]}
    assert by_kind["touch"] == {
        "kind": "touch",
        "source": "overridden",
        "path": str(own),
        "problem": None,
    }
    assert by_kind["accept"]["problem"] == (
        f"template {templates_dir(tmp_path) / 'accept.txt'} names an unknown field $salary"
    )
    assert by_kind["after-event"]["source"] == "built-in"


def test_templates_takes_no_draft_options(jh) -> None:
    result = jh("draft", "templates", "--mailto", ok=False)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "Error: 'jobhunt draft templates' takes no options other than --json\n"


def test_a_user_template_wins(jh, acme, tmp_path) -> None:
    (templates_dir(tmp_path) / "after-apply.txt").write_text(
        "Subject: $company / ${role}\n\n$greeting\nSee $url ($$0).\n", encoding="utf-8"
    )
    assert jh("draft", "1").stdout == (
        "Subject: Acme / Dev\n\nDear hiring team,\nSee https://acme.example/1 ($0).\n"
    )


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("Subject: Hi\n\nDear $salary,\n", " names an unknown field $salary"),
        ("Subject: Hi\n\nIt costs $ 5\n", ", line 3: stray '$' in 'It costs $ 5'"),
        ("Hi\n\nbody\n", " must start with a 'Subject: ...' line"),
    ],
    ids=["unknown-field", "stray-dollar", "no-subject"],
)
def test_a_bad_template_exits_2_naming_the_file(jh, acme, tmp_path, text, problem) -> None:
    path = templates_dir(tmp_path) / "after-apply.txt"
    path.write_text(text, encoding="utf-8")
    result = jh("draft", "1", ok=False)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith(f"Error: template {path}{problem}")
    assert result.stderr.count("\n") == 1
    jh("draft", "1", "--kind", "thank-you")  # the other kinds still work


# --------------------------------------------------------------------------- --log


def events(jh, app_id: str = "1") -> list[tuple]:
    data = jh.json("show", app_id)["application"]["events"]
    return [(e["kind"], e["on"], e["channel"], e["note"]) for e in data if e["kind"] == "follow_up"]


@pytest.mark.parametrize(
    ("kind", "channel"),
    [(None, "email"), ("thank-you", "note"), ("check-in", "phone"), ("withdraw", "email")],
    ids=["due-after-apply", "thank-you", "check-in", "withdraw"],
)
def test_log_with_yes_records_the_follow_up(jh, acme, kind, channel) -> None:
    args = ["draft", "1", "--log", "--yes"] + (["--kind", kind] if kind else [])
    result = jh(*args)
    assert result.stdout.startswith("Subject: ")
    assert result.stderr.endswith(
        f"Logged a follow-up by {channel} on 2026-11-27 for application 1.\n"
    )
    shown = kind or "after-apply"
    note = f"{shown} to the hiring team (jobhunt draft)"
    assert events(jh) == [("follow_up", "2026-11-27", channel, note)]
    assert jh.json("show", "1")["application"]["status"] == "applied"  # status unchanged


def test_log_clears_the_follow_up_from_today(jh, acme) -> None:
    assert any(a["application_id"] == 1 for a in jh.json("today")["actions"])
    jh("draft", "1", "--log", "-y")
    assert not any(
        a["application_id"] == 1 and a["kind"] == "follow_up" for a in jh.json("today")["actions"]
    )


def test_log_for_a_contact_records_a_touch(jh, met) -> None:
    result = jh("draft", "--contact", "1", "--log", "--yes", "--json")
    assert json.loads(result.stdout)["kind"] == "after-event"
    assert result.stderr.endswith("Logged a touch by email on 2026-11-27 with contact 1.\n")
    touches = jh.json("contact", "show", "1")["interactions"]
    assert [(t["via"], t["on"], t["note"]) for t in touches] == [
        ("email", "2026-11-27", "after-event (jobhunt draft)")
    ]


def test_log_is_refused_without_yes_when_not_interactive(jh, acme) -> None:
    result = jh("draft", "1", "--log", ok=False)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "Error: Record the after-apply follow-up (by email) to the hiring team for application 1 "
        "(Acme — Dev) as done? Refusing without --yes when not run interactively\n"
    )
    assert events(jh) == []


def test_log_is_refused_in_a_real_process_without_a_tty(acme) -> None:
    result = run_subprocess("draft", "1", "--log", input="y\n")
    assert (result.returncode, result.stdout) == (2, "")
    assert "Refusing without --yes when not run interactively" in result.stderr
    shown = run_subprocess("show", "1", "--json")
    assert [e["kind"] for e in json.loads(shown.stdout)["application"]["events"]] == ["applied"]


def _on_a_terminal(*args: str, answer: str) -> tuple[int, str, str]:
    """Run jobhunt with a pseudo-terminal as stdin, answer the question;
    (exit code, stdout, stderr)."""
    import os
    import pty
    import subprocess

    main, secondary = pty.openpty()
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "jobhunt", *args],
            stdin=secondary,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        os.write(main, answer.encode() + b"\n")
        out, err = proc.communicate(timeout=60)
    finally:
        os.close(main)
        os.close(secondary)
    return proc.returncode, out, err


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_log_asks_on_a_terminal(jh, acme) -> None:
    question = (
        "Record the after-apply follow-up (by email) to the hiring team for application 1 "
        "(Acme — Dev) as done?"
    )
    code, out, err = _on_a_terminal("draft", "1", "--log", answer="n")
    assert code == 1
    assert out == AFTER_APPLY  # the draft on stdout (it can be piped)...
    assert err.endswith(question + " [y/N]: ")  # ...the question on stderr
    assert events(jh) == []
    code, out, err = _on_a_terminal("draft", "1", "--log", answer="y")
    assert code == 0
    note = "after-apply to the hiring team (jobhunt draft)"
    assert events(jh) == [("follow_up", "2026-11-27", "email", note)]


# --------------------------------------------------------------------------- --edit

EDITOR = """\
import os, sys
path = sys.argv[-1]
with open(sys.argv[1], "w") as f:
    f.write(oct(os.stat(path).st_mode & 0o777) + "\\n" + open(path, encoding="utf-8").read())
text = open(path, encoding="utf-8").read()
text = text.replace("Subject: Following up", "Subject: Still keen").replace("Dear hiring team,", "Hi team,")
open(path, "w", encoding="utf-8").write(text)
sys.exit(int(os.environ.get("EDITOR_EXIT", "0")))
"""


@pytest.fixture
def editor(tmp_path) -> tuple[str, Path]:
    script = tmp_path / "editor.py"
    script.write_text(EDITOR)
    seen = tmp_path / "seen.txt"
    return (
        f"{shlex.quote(sys.executable)} {shlex.quote(str(script))} {shlex.quote(str(seen))}",
        seen,
    )


def test_edit_opens_visual_then_prints_the_edited_draft(jh, acme, editor) -> None:
    command, seen = editor
    result = jh("draft", "1", "--edit", env={"VISUAL": command, "EDITOR": "false"})
    expected = AFTER_APPLY.replace("Subject: Following up", "Subject: Still keen").replace(
        "Dear hiring team,", "Hi team,"
    )
    assert result.stdout == expected
    mode, original = seen.read_text().split("\n", 1)
    assert mode == "0o600"
    assert original == AFTER_APPLY  # the editor was given the draft
    assert not list(Path(seen.parent).glob("jobhunt-draft-*"))


def test_edit_falls_back_to_editor_and_feeds_mailto_and_log(jh, acme, editor) -> None:
    command, _ = editor
    env = {"VISUAL": None, "EDITOR": command}
    url = jh("draft", "1", "--edit", "--mailto", env=env).stdout.strip()
    query = parse_qs(urlsplit(url).query)
    assert query["subject"] == ["Still keen on my application: Dev at Acme"]
    assert query["body"][0].startswith("Hi team,\r\n")
    jh("draft", "1", "--edit", "--log", "--yes", env=env)
    assert len(events(jh)) == 1


def test_edit_without_an_editor_is_an_error(jh, acme) -> None:
    result = jh("draft", "1", "--edit", env={"VISUAL": None, "EDITOR": None}, ok=False)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "Error: no editor to open the draft in (hint: set VISUAL or EDITOR, e.g. export EDITOR=nano)\n"
    )


def test_an_editor_that_fails_prints_and_logs_nothing(jh, acme, editor) -> None:
    command, _ = editor
    env = {"VISUAL": command, "EDITOR_EXIT": "3"}
    result = jh("draft", "1", "--edit", "--log", "--yes", env=env, ok=False)
    assert (result.exit_code, result.stdout) == (2, "")
    assert "exited with status 3; nothing was printed or logged" in result.stderr
    assert events(jh) == []


def test_an_emptied_draft_prints_and_logs_nothing(jh, acme) -> None:
    empty = "import sys; open(sys.argv[1], 'w').close()"
    env = {"VISUAL": f"{shlex.quote(sys.executable)} -c {shlex.quote(empty)}"}
    result = jh("draft", "1", "--edit", "--log", "--yes", env=env, ok=False)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "Error: the draft is empty after editing; nothing was printed or logged\n"
    )
    assert events(jh) == []


def test_a_missing_editor_program_is_an_error(jh, acme) -> None:
    env = {"VISUAL": "/nonexistent/editor-xyz"}
    result = jh("draft", "1", "--edit", env=env, ok=False)
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: cannot run the editor '/nonexistent/editor-xyz'")


# --------------------------------------------------------------------------- mistakes


@pytest.mark.parametrize(
    ("args", "code", "stderr"),
    [
        (("draft",), 2, "Error: give an application ID or --contact CONTACT_ID "
         "(hint: see what is due with: jobhunt today)\n"),
        (("draft", "1", "--contact", "1"), 2,
         "Error: give an application ID or --contact CONTACT_ID, not both\n"),
        (("draft", "x"), 2, "Error: invalid application id 'x' (hint: give an id (see: jobhunt "
         "list), or list the templates: jobhunt draft templates)\n"),
        (("draft", "99"), 3, "Error: no application with id 99 (hint: see the ids with: jobhunt list)\n"),
        (("draft", "--contact", "99"), 3,
         "Error: no contact with id 99 (hint: see the ids with: jobhunt contact list)\n"),
        (("draft", "1", "--kind", "touch"), 2,
         "Error: --kind touch is not for this draft; use it with --contact CONTACT_ID\n"),
        (("draft", "--contact", "1", "--kind", "accept"), 2,
         "Error: --kind accept is not for this draft; give an application ID instead\n"),
        (("draft", "1", "--kind", "hello"), 2, "Error: unknown draft kind 'hello'; choose from: "
         "after-apply, thank-you, check-in, withdraw, accept, thank-referral\n"),
    ],
    ids=["nothing", "both", "not-a-number", "unknown-app", "unknown-contact", "contact-kind",
         "application-kind", "unknown-kind"],
)  # fmt: skip
def test_mistakes(jh, acme, args, code: int, stderr: str) -> None:
    jh("contact", "add", "Dana")
    result = jh(*args, ok=False)
    assert (result.exit_code, result.stdout, result.stderr) == (code, "", stderr)


# --------------------------------------------------------------------------- today


def test_today_shows_the_draft_and_brief_commands(jh, linked, met) -> None:
    jh("add", "Beta", "QA", "--applied", "2026-11-10")
    jh("interview", "2", "--on", "2026-11-28")
    actions = jh.json("today")["actions"]
    prepared = {
        (a["kind"], a["application_id"] or a["contact_id"]): a["draft_command"] for a in actions
    }
    assert prepared[("follow_up", 1)] == "jobhunt draft 1"
    assert prepared[("interview", 2)] == "jobhunt brief 2"
    assert prepared[("event_follow_up", 3)] == "jobhunt draft --contact 3"
    assert prepared[("apply", None)] is None
    lines = jh("today").stdout.splitlines()
    assert [line for line in lines if "Send a thank-you" in line] == [
        "[Follow up] today: Send a thank-you note to Acme (Dev) (why: interviewed 2026-11-26; "
        "thank-you the next day) -> jobhunt log 1 --via note --with '#2' "
        "| draft: jobhunt draft 1"
    ]  # the round's person (contact 2), so that the thank-you counts as being in touch
    assert [line for line in lines if line.startswith("[Follow up] tomorrow: Interview")] == [
        "[Follow up] tomorrow: Interview on 2026-11-28 with Beta (QA) (why: interview "
        "scheduled for 2026-11-28) -> jobhunt show 2 | brief: jobhunt brief 2"
    ]
    assert any(line.endswith(" | draft: jobhunt draft --contact 3") for line in lines)
    rich = jh("today", env={"FORCE_COLOR": "1", "COLUMNS": "200"}).stdout
    assert "$ jobhunt draft 1" in rich
    assert "$ jobhunt brief 2" in rich


def test_touch_action_draft_command(jh) -> None:
    from jobhunt.cli.today import draft_command
    from jobhunt.rules import Action

    def action(kind: str, **ids) -> object:
        return Action(kind, "network", date_today(), "m", "w", **ids)

    assert draft_command(action("touch", contact_id=4)) == "jobhunt draft --contact 4"
    assert draft_command(action("find_contact", application_id=4)) is None
    assert draft_command(action("ghosted", application_id=4)) is None
    assert draft_command(action("follow_up")) is None


def date_today():
    from datetime import date

    return date(2026, 11, 27)


def test_draft_reads_without_the_orm(acme) -> None:
    from tests.test_speed import loaded_heavy

    assert loaded_heavy(["draft", "1"]) == []
    assert loaded_heavy(["draft", "--help"]) == []
