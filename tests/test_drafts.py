"""drafts.py: templates, filling them from records, mailto links (pure, no store).

Today is Friday 2026-11-27 throughout.
"""

from __future__ import annotations

import string
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jobhunt import drafts
from jobhunt.errors import InputError
from jobhunt.records import Application, Contact, Event, Meetup
from tests.docs_text import docs_text

TODAY = date(2026, 11, 27)
DOCS = docs_text()  # README.md and every docs page


def d(text: str) -> date:
    return date.fromisoformat(text)


# --------------------------------------------------------------------------- records

APPS = {
    "unicode": (
        Application(
            1,
            "Zoë & Søn",
            "Développeur·se",
            "interviewing",
            d("2026-11-17"),
            url="https://zoë.example/j",
            events=(
                Event(1, 1, "applied", d("2026-11-17")),
                Event(2, 1, "interview", d("2026-11-26"), person="Åsa Öberg"),
            ),
        ),
        [
            (
                Contact(
                    1,
                    "José Núñez",
                    "Zoë & Søn",
                    "recruiter",
                    d("2026-11-01"),
                    email="josé@exämple.com",
                    phone="+46 70 123",
                ),
                "recruiter",
            )
        ],
    ),
    "empty": (Application(2, "Acme", "Dev", "saved", None), []),
    "markup": (
        Application(
            3,
            "[bold]x[/]",
            "$role ${company} [/]",
            "applied",
            d("2026-11-20"),
            events=(Event(3, 3, "interview", d("2026-11-25")),),
        ),
        [(Contact(2, "[link=file:///etc/passwd]y", None, "other", d("2026-11-01")), "other")],
    ),
}
MEETUP = Meetup(1, "Tech ☕ Meetup", d("2026-11-20"), "meetup", place="Hall 1")
CONTACTS = {
    "unicode": (
        Contact(
            3,
            "Ngozi Ọkọnkwọ",
            "Zoë & Søn",
            "peer",
            d("2026-11-01"),
            email="n@x.example",
            met_at_event_id=1,
        ),
        MEETUP,
        Application(1, "zoë & søn ", "Développeur·se", "applied", d("2026-11-17")),
    ),
    "empty": (Contact(4, "Dana", None, "other", d("2026-11-01")), None, None),
    "markup": (
        Contact(5, "[bold]Al[/] $name", "[/]", "peer", d("2026-11-01")),
        Meetup(2, "${x} [b]", d("2026-11-21"), "other"),
        None,
    ),
}

APPLY_LINE = (
    "I applied for the {role} position at {company} {when} and wanted to follow up. I remain "
    "very interested in the role and would welcome the chance to discuss how I could "
    "contribute to the team."
)
THANK_LINE = (
    "Thank you for taking the time to speak with me {when} about the {role} position at "
    "{company}. I enjoyed learning more about the team and the work, and our conversation "
    "confirmed my interest in the role."
)
WITHDRAW_LINE = (
    "Thank you for considering me for the {role} position at {company}. After careful thought, "
    "I have decided to withdraw my application."
)
ACCEPT_LINE = (
    "Thank you for offering me the {role} position at {company}. I am delighted to accept."
)
U = {"role": "Développeur·se", "company": "Zoë & Søn"}
E = {"role": "Dev", "company": "Acme"}
M = {"role": "$role ${company} [/]", "company": "[bold]x[/]"}

# (kind, record, to, subject, first body line, third body line)
APPLICATION_TABLE = [
    ("after-apply", "unicode", "josé@exämple.com",
     "Following up on my application: Développeur·se at Zoë & Søn",
     "Dear José Núñez,", APPLY_LINE.format(**U, when="on 17 November 2026")),
    ("after-apply", "empty", None, "Following up on my application: Dev at Acme",
     "Hello,", APPLY_LINE.format(**E, when="recently")),
    ("after-apply", "markup", None,
     "Following up on my application: $role ${company} [/] at [bold]x[/]",
     "Dear [link=file:///etc/passwd]y,", APPLY_LINE.format(**M, when="on 20 November 2026")),
    ("thank-you", "unicode", "josé@exämple.com", "Thank you: Développeur·se interview",
     "Dear José Núñez,", THANK_LINE.format(**U, when="on 26 November 2026")),
    ("thank-you", "empty", None, "Thank you: Dev interview",
     "Hello,", THANK_LINE.format(**E, when="recently")),
    ("thank-you", "markup", None, "Thank you: $role ${company} [/] interview",
     "Dear [link=file:///etc/passwd]y,", THANK_LINE.format(**M, when="on 25 November 2026")),
    ("check-in", "unicode", "josé@exämple.com", "Checking in: Développeur·se at Zoë & Søn",
     "Call script: call José Núñez (+46 70 123) and cover",
     "2. Your continued interest in the role and in Zoë & Søn."),
    ("check-in", "empty", None, "Checking in: Dev at Acme",
     "Call script: call Hiring Manager (no number recorded) and cover",
     "2. Your continued interest in the role and in Acme."),
    ("check-in", "markup", None, "Checking in: $role ${company} [/] at [bold]x[/]",
     "Call script: call [link=file:///etc/passwd]y (no number recorded) and cover",
     "2. Your continued interest in the role and in [bold]x[/]."),
    ("withdraw", "unicode", "josé@exämple.com", "Withdrawing my application: Développeur·se",
     "Dear José Núñez,", WITHDRAW_LINE.format(**U)),
    ("withdraw", "empty", None, "Withdrawing my application: Dev",
     "Hello,", WITHDRAW_LINE.format(**E)),
    ("withdraw", "markup", None, "Withdrawing my application: $role ${company} [/]",
     "Dear [link=file:///etc/passwd]y,", WITHDRAW_LINE.format(**M)),
    ("accept", "unicode", "josé@exämple.com", "Offer acceptance: Développeur·se at Zoë & Søn",
     "Dear José Núñez,", ACCEPT_LINE.format(**U)),
    ("accept", "empty", None, "Offer acceptance: Dev at Acme", "Hello,", ACCEPT_LINE.format(**E)),
    ("accept", "markup", None, "Offer acceptance: $role ${company} [/] at [bold]x[/]",
     "Dear [link=file:///etc/passwd]y,", ACCEPT_LINE.format(**M)),
]  # fmt: skip

TOUCH_LINE = (
    "It has been a while since we last spoke, and I wanted to catch up. I hope all is well with "
    "you and the team at {company}."
)
EVENT_LINE = (
    "It was a pleasure meeting you at {event} {when}. I enjoyed our conversation and would "
    "like to stay in touch."
)
REFERRAL_LINE = (
    "I hope you are well. I am interested in {position} at {company} and wanted to ask whether "
    "you would be comfortable referring me, or pointing me to the right person on the team."
)
CONTACT_TABLE = [
    ("touch", "unicode", "n@x.example", "Catching up", "Hi Ngozi,",
     TOUCH_LINE.format(company="Zoë & Søn")),
    ("touch", "empty", None, "Catching up", "Hi Dana,", TOUCH_LINE.format(company="your company")),
    ("touch", "markup", None, "Catching up", "Hi [bold]Al[/],", TOUCH_LINE.format(company="[/]")),
    ("after-event", "unicode", "n@x.example", "Great to meet you at Tech ☕ Meetup", "Hi Ngozi,",
     EVENT_LINE.format(event="Tech ☕ Meetup", when="on 20 November 2026")),
    ("after-event", "empty", None, "Great to meet you at the event", "Hi Dana,",
     EVENT_LINE.format(event="the event", when="recently")),
    ("after-event", "markup", None, "Great to meet you at ${x} [b]", "Hi [bold]Al[/],",
     EVENT_LINE.format(event="${x} [b]", when="on 21 November 2026")),
    ("referral-ask", "unicode", "n@x.example",
     "A question about the Développeur·se position at Zoë & Søn", "Hi Ngozi,",
     REFERRAL_LINE.format(position="the Développeur·se position", company="Zoë & Søn")),
    ("referral-ask", "empty", None, "A question about an open position at your company",
     "Hi Dana,", REFERRAL_LINE.format(position="an open position", company="your company")),
    ("referral-ask", "markup", None, "A question about an open position at [/]",
     "Hi [bold]Al[/],", REFERRAL_LINE.format(position="an open position", company="[/]")),
]  # fmt: skip


def _ids(table):
    return [f"{row[0]}-{row[1]}" for row in table]


def _check_no_leftovers(draft: drafts.Draft) -> None:
    text = draft.subject + "\n" + draft.body
    assert "None" not in text
    assert "Dear ," not in text
    assert text == text.strip()


@pytest.mark.parametrize(
    ("kind", "record", "to", "subject", "first", "third"),
    APPLICATION_TABLE,
    ids=_ids(APPLICATION_TABLE),
)
def test_application_templates_render(kind, record, to, subject, first, third) -> None:
    app, linked = APPS[record]
    values, email = drafts.application_values(app, linked, today=TODAY)
    draft = drafts.render(drafts.load_template(kind), values, to=email)
    lines = draft.body.splitlines()
    assert (draft.kind, draft.to, draft.subject, lines[0], lines[2]) == (
        kind,
        to,
        subject,
        first,
        third,
    )
    if kind == "check-in":  # a call script, then the note
        assert lines[1].startswith("1. Who you are: your name, and that you interviewed for the ")
    else:
        assert lines[1] == ""
    assert lines[-2:] == ["Best regards,", drafts.SENDER_PLACEHOLDER]
    _check_no_leftovers(draft)


@pytest.mark.parametrize(
    ("kind", "record", "to", "subject", "first", "third"),
    CONTACT_TABLE,
    ids=_ids(CONTACT_TABLE),
)
def test_contact_templates_render(kind, record, to, subject, first, third) -> None:
    contact, meetup, app = CONTACTS[record]
    values, email = drafts.contact_values(contact, meetup=meetup, application=app, today=TODAY)
    draft = drafts.render(drafts.load_template(kind), values, to=email)
    lines = draft.body.splitlines()
    assert (draft.kind, draft.to, draft.subject, lines[0], lines[1], lines[2]) == (
        kind,
        to,
        subject,
        first,
        "",
        third,
    )
    assert lines[-2:] == ["Best regards,", drafts.SENDER_PLACEHOLDER]
    _check_no_leftovers(draft)


def test_check_in_is_a_call_script_then_the_note_to_mail() -> None:
    app, linked = APPS["unicode"]
    values, email = drafts.application_values(app, linked, today=TODAY)
    draft = drafts.render(drafts.load_template("check-in"), values, to=email)
    assert draft.body.splitlines()[:8] == [
        "Call script: call José Núñez (+46 70 123) and cover",
        "1. Who you are: your name, and that you interviewed for the Développeur·se position "
        "on 26 November 2026 (with Åsa Öberg).",
        "2. Your continued interest in the role and in Zoë & Søn.",
        "3. One new thing since the interview: a project, a course or a result worth mentioning.",
        "4. Ask about their timeline for a decision and the next steps.",
        "5. Thank them for their time.",
        "",
        drafts.NOTE_MARKER,
    ]
    assert draft.note == (
        "Dear José Núñez,\n\nThank you for speaking with me today. As I mentioned, I remain very "
        "interested in the Développeur·se position at Zoë & Søn, and I appreciated hearing about "
        "your timeline.\n\nI look forward to hearing from you.\n\nBest regards,\n[your name]"
    )


def test_a_draft_without_the_marker_mails_its_whole_body() -> None:
    draft = drafts.Draft("touch", None, "s", "Hi,\n\nbody")
    assert draft.note == "Hi,\n\nbody"


# --------------------------------------------------------------------------- which draft


def app_with(*events: Event, status: str = "applied", applied: str = "2026-11-10"):
    return Application(9, "Acme", "Dev", status, d(applied), events=events)


def ev(kind: str, on: str, i: int = 0, **kw) -> Event:
    return Event(i, 9, kind, d(on), **kw)


def c(i: int, name: str = "X", **kw) -> Contact:
    return Contact(i, name, "Acme", "other", d("2026-11-01"), **kw)


CONTACT_CASES = [
    ("none", [], None),
    ("one", [(c(1), "other")], (1, "other")),
    ("interviewer-first", [(c(1), "referral"), (c(2), "interviewer"), (c(3), "recruiter")], (2, "interviewer")),
    ("recruiter-over-referral", [(c(4), "referral"), (c(2), "recruiter")], (2, "recruiter")),
    ("same-role-lowest-id", [(c(5), "other"), (c(3), "other")], (3, "other")),
]  # fmt: skip


@pytest.mark.parametrize(
    ("linked", "chosen"), [x[1:] for x in CONTACT_CASES], ids=[x[0] for x in CONTACT_CASES]
)
def test_which_linked_contact_is_written_to(linked, chosen) -> None:
    found = drafts.choose_contact(linked)
    assert (None if found is None else (found[0].id, found[1])) == chosen


@pytest.mark.parametrize(
    ("last_touch", "meetup", "kind"),
    [
        (None, None, "touch"),
        (None, MEETUP, "after-event"),
        (d("2026-11-19"), MEETUP, "after-event"),
        # A touch on the event's day is the meeting itself (contact touch --via event):
        # the follow-up after it is still to write.
        (d("2026-11-20"), MEETUP, "after-event"),
        (d("2026-11-21"), MEETUP, "touch"),
        (d("2026-11-25"), None, "touch"),
    ],
    ids=[
        "no-event",
        "met-never-written",
        "written-before-event",
        "met-that-day",
        "written-the-day-after",
        "written",
    ],
)
def test_which_contact_draft(last_touch, meetup, kind) -> None:
    contact = c(1, met_at_event_id=1 if meetup else None, last_touch=last_touch)
    assert drafts.choose_contact_kind(contact, meetup) == kind


def test_interviewer_and_names_fall_back_sensibly() -> None:
    held = app_with(ev("interview", "2026-11-20", 1, person="  "), ev("interview", "2026-12-02", 2))
    linked = [(c(1, "Fox Mulder", email=" ", phone=""), "interviewer")]
    values, to = drafts.application_values(held, linked, today=TODAY)
    assert to is None
    assert {k: values[k] for k in ("interviewer", "name", "greeting", "email", "phone")} == {
        "interviewer": "Fox Mulder",
        "name": "Fox Mulder",
        "greeting": "Dear Fox Mulder,",
        "email": "",
        "phone": "no number recorded",
    }
    assert values["interview_on"] == "20 November 2026"  # the one held, not the one ahead
    values, _ = drafts.application_values(held, [], today=TODAY)
    assert (values["interviewer"], values["name"], values["greeting"]) == (
        "the team",
        "Hiring Manager",
        "Hello,",
    )
    ahead = app_with(ev("interview", "2026-12-02", 2, person="Dana"))
    values, _ = drafts.application_values(ahead, [], today=TODAY)
    assert (values["interview_on"], values["greeting"]) == ("2 December 2026", "Dear Dana,")


def test_open_application_at_matches_the_company_exactly_ignoring_case() -> None:
    apps = [
        Application(1, "Acme Corp", "A", "applied", None),
        Application(2, " acme ", "B", "applied", None),
        Application(3, "ACME", "C", "rejected", None),
        Application(4, "Acme", "D", "saved", None),
    ]
    assert drafts.open_application_at("ACME", apps).id == 4  # the newest open one
    assert drafts.open_application_at("Acme Corp", apps[2:]) is None
    assert drafts.open_application_at(None, apps) is None


# --------------------------------------------------------------------------- templates


def write(folder: Path, kind: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{kind}.txt"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("kind", drafts.KINDS)
def test_every_built_in_template_is_valid(kind: str, tmp_path: Path) -> None:
    template = drafts.load_template(kind, folder=tmp_path)
    assert (template.overridden, template.source) == (False, "built-in")
    assert template.path.endswith(f"templates/{kind}.txt")
    subject, body = drafts.check_template(template)
    used = set(subject.get_identifiers()) | set(body.get_identifiers())
    assert used <= set(drafts.fields_for(kind))
    assert "greeting" in used


def test_a_user_template_overrides_the_built_in_one(tmp_path: Path) -> None:
    path = write(tmp_path, "touch", "Subject: Hey ${first_name}!\n\nYo $name, costs $$5.\n")
    template = drafts.load_template("touch", folder=tmp_path)
    assert (template.overridden, template.source, template.path) == (True, "overridden", str(path))
    contact, meetup, app = CONTACTS["unicode"]
    values, to = drafts.contact_values(contact, meetup=meetup, application=app, today=TODAY)
    draft = drafts.render(template, values, to=to)
    assert (draft.subject, draft.body) == ("Hey Ngozi!", "Yo Ngozi Ọkọnkwọ, costs $5.")
    # The other kinds keep their built-in template.
    assert drafts.load_template("after-event", folder=tmp_path).overridden is False
    listed = {t.kind: t.source for t in drafts.list_templates(folder=tmp_path)}
    assert listed == {k: ("overridden" if k == "touch" else "built-in") for k in drafts.KINDS}


def test_default_override_folder_follows_xdg_config_home(tmp_path: Path) -> None:
    assert drafts.override_dir() == tmp_path / "xdg-config" / "jobhunt" / "templates"


BAD_TEMPLATES = [
    ("unknown-field", "touch", "Subject: Hi\n\nDear $salary,\n",
     "{path} names an unknown field $salary"),
    ("unknown-in-subject", "touch", "Subject: Hi ${nick}\n\nbody\n",
     "{path} names an unknown field $nick"),
    ("other-kinds-field", "touch", "Subject: Hi\n\nThanks, $interviewer\n",
     "{path} names an unknown field $interviewer"),
    ("stray-dollar", "after-apply", "Subject: Hi\n\nIt costs $ 5\n",
     "{path}, line 3: stray '$' in 'It costs $ 5'"),
    ("unclosed-brace", "after-apply", "Subject: Hi ${role\n\nbody\n",
     "{path}, line 1: stray '$' in 'Subject: Hi ${role'"),
    ("attribute-access", "after-apply", "Subject: Hi\n\n${company.__class__}\n",
     "{path}, line 3: stray '$' in '${company.__class__}'"),
    ("no-subject", "accept", "Hello\n\nbody\n", "{path} must start with a 'Subject: ...' line"),
    ("empty", "accept", "", "{path} must start with a 'Subject: ...' line"),
    ("no-blank-line", "accept", "Subject: x\nbody\n",
     "{path}: the Subject line must be followed by a blank line"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("kind", "text", "message"), [b[1:] for b in BAD_TEMPLATES], ids=[b[0] for b in BAD_TEMPLATES]
)
def test_a_bad_template_is_a_clear_input_error(tmp_path: Path, kind, text, message) -> None:
    path = write(tmp_path, kind, text)
    template = drafts.load_template(kind, folder=tmp_path)
    with pytest.raises(InputError) as caught:
        drafts.check_template(template)
    assert caught.value.message == message.replace("{path}", f"template {path}")
    assert caught.value.exit_code == 2


def test_unknown_field_hint_lists_the_fields_of_the_kind(tmp_path: Path) -> None:
    write(tmp_path, "touch", "Subject: Hi\n\n$salary\n")
    with pytest.raises(InputError) as caught:
        drafts.check_template(drafts.load_template("touch", folder=tmp_path))
    assert caught.value.hint == "fields for touch: " + ", ".join(
        f"${f}" for f in drafts.CONTACT_FIELDS
    )


def test_a_template_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    tmp_path.mkdir(exist_ok=True)
    (tmp_path / "touch.txt").write_bytes(b"Subject: \xff\n\nbody\n")
    with pytest.raises(InputError, match="is not UTF-8 text"):
        drafts.load_template("touch", folder=tmp_path)


def test_bom_and_crlf_templates_are_read(tmp_path: Path) -> None:
    (tmp_path / "touch.txt").write_bytes("\ufeffSubject: Hi $first_name\r\n\r\nA\r\nB\r\n".encode())
    template = drafts.load_template("touch", folder=tmp_path)
    contact, meetup, app = CONTACTS["empty"]
    values, _ = drafts.contact_values(contact, meetup=meetup, application=app, today=TODAY)
    draft = drafts.render(template, values, to=None)
    assert (draft.subject, draft.body) == ("Hi Dana", "A\nB")


def test_a_subject_stays_on_one_line() -> None:
    template = drafts.Template("touch", "t", False, "Subject: About $met\n\nbody\n")
    contact = c(1, "Al", met="a conference\nin Oslo")
    values, _ = drafts.contact_values(contact, meetup=None, application=None, today=TODAY)
    assert drafts.render(template, values, to=None).subject == "About a conference in Oslo"


def test_unknown_kind() -> None:
    with pytest.raises(InputError, match="unknown draft kind 'nope'"):
        drafts.load_template("nope")


@pytest.mark.parametrize(
    ("text", "subject", "body"),
    [
        ("Subject: New\n\nHello\n", "New", "Hello"),
        ("subject:New one\nHello\nthere\n\n", "New one", "Hello\nthere"),
        ("Just a body\n", "Old", "Just a body"),
        ("\ufeffSubject: S\r\n\r\nB\r\n", "S", "B"),
    ],
    ids=["same-shape", "no-blank-line", "subject-removed", "bom-crlf"],
)
def test_parse_edited(text: str, subject: str, body: str) -> None:
    before = drafts.Draft("touch", "a@b", "Old", "old body")
    assert drafts.parse_edited(text, previous=before) == drafts.Draft("touch", "a@b", subject, body)


# --------------------------------------------------------------------------- mailto


def parse_mailto(url: str) -> tuple[str, str, str]:
    parts = urlsplit(url)
    assert parts.scheme == "mailto"
    query = parse_qs(parts.query, keep_blank_values=True, strict_parsing=True)
    assert set(query) == {"subject", "body"}
    assert len(query["subject"]) == len(query["body"]) == 1
    return unquote(parts.path), query["subject"][0], query["body"][0]


def test_mailto_exact() -> None:
    url = drafts.mailto("dana@acme.example", "Hi & bye+1", "Dear Dana,\n\n100% yes?")
    assert url == (
        "mailto:dana@acme.example?subject=Hi%20%26%20bye%2B1"
        "&body=Dear%20Dana%2C%0D%0A%0D%0A100%25%20yes%3F"
    )
    assert parse_mailto(url) == ("dana@acme.example", "Hi & bye+1", "Dear Dana,\r\n\r\n100% yes?")


def test_mailto_without_a_recipient() -> None:
    url = drafts.mailto(None, "", "")
    assert url == "mailto:?subject=&body="
    assert parse_mailto(url) == ("", "", "")


@pytest.mark.parametrize(
    ("body", "expected"),
    [("a\nb", "a\r\nb"), ("a\r\nb", "a\r\nb"), ("a\rb", "a\r\nb"), ("a\n\nb\n", "a\r\n\r\nb\r\n")],
    ids=["lf", "crlf", "cr", "blank-lines"],
)
def test_line_breaks_become_crlf(body: str, expected: str) -> None:
    assert drafts.crlf(body) == expected


@given(to=st.text(), subject=st.text(), body=st.text())
def test_mailto_parses_back_to_the_same_message(to: str, subject: str, body: str) -> None:
    url = drafts.mailto(to, subject, body)
    assert " " not in url
    assert "+" not in url
    assert "\n" not in url
    assert url.isascii()
    assert parse_mailto(url) == (to, subject, drafts.crlf(body))
    assert parse_mailto(url)[2].replace("\r\n", "\n") == body.replace("\r\n", "\n").replace(
        "\r", "\n"
    )


@given(values=st.dictionaries(st.sampled_from(list(drafts.CONTACT_FIELDS)), st.text()))
def test_any_field_value_renders_literally(values: dict[str, str]) -> None:
    full = {name: f"<{name}>" for name in drafts.CONTACT_FIELDS} | values
    template = drafts.Template("touch", "t", False, "Subject: s\n\n$name|$company\n")
    draft = drafts.render(template, full, to=None)
    assert draft.body == f"{full['name']}|{full['company']}"


# --------------------------------------------------------------------------- docs


@pytest.mark.parametrize(
    "field", sorted(set(drafts.APPLICATION_FIELDS) | set(drafts.CONTACT_FIELDS))
)
def test_every_field_is_documented(field: str) -> None:
    assert f"`${field}`" in DOCS


@pytest.mark.parametrize("kind", drafts.KINDS)
def test_every_kind_is_documented(kind: str) -> None:
    assert f"`{kind}`" in DOCS


def test_template_identifier_syntax_is_what_the_docs_say() -> None:
    # ${company.name} is not a field lookup: string.Template has no attribute access.
    assert string.Template("${company.name}").is_valid() is False
