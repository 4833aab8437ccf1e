"""Who a message goes to, and which message is due: tables (pure, no store).

Today is Friday 2026-11-27 throughout.
"""

from __future__ import annotations

from datetime import date

import pytest

from jobhunt import drafts
from jobhunt.errors import InputError
from jobhunt.records import Application, Contact, Event
from jobhunt.rules import Policy

TODAY = date(2026, 11, 27)


def d(text: str) -> date:
    return date.fromisoformat(text)


def app(*events: Event, status: str = "applied", applied: str = "2026-11-10") -> Application:
    return Application(9, "Acme", "Dev", status, d(applied), events=events)


def ev(kind: str, on: str, i: int = 0, **kw) -> Event:
    return Event(i, 9, kind, d(on), **kw)


def c(i: int, name: str, kind: str = "other", **kw) -> Contact:
    return Contact(i, name, "Acme", kind, d("2026-11-01"), **kw)


LEO = c(1, "Leo Park", "referral", email="leo@friends.example")
RITA = c(2, "Rita Recruiter", "recruiter", email="rita@acme.example")
HANK = c(3, "Hank Manager", "hiring-manager", email="hank@acme.example")
HELEN = c(4, "Hélène Cho", "other", email="helen@acme.example")
TOM = c(5, "Tom Hale", "other")

ROUND_1 = ev("interview", "2026-11-20", 1, person="Helene Cho")
ROUND_2 = ev("interview", "2026-11-26", 2, person="Tom Hale")
AHEAD = ev("interview", "2026-12-03", 3, person="Zoe Ahead")

# (id, kind, application, linked [(contact, link role)], expected [names], or None = hiring team)
WHO = [
    ("after-apply-referral-is-never-the-addressee", "after-apply", app(), [(LEO, "referral")], None),
    ("after-apply-hiring-manager-first", "after-apply", app(),
     [(LEO, "referral"), (RITA, "recruiter"), (HANK, "other")], ["Hank Manager"]),
    ("after-apply-recruiter-by-role", "after-apply", app(),
     [(LEO, "referral"), (TOM, "recruiter")], ["Tom Hale"]),
    ("after-apply-recruiter-by-kind", "after-apply", app(), [(RITA, "other")], ["Rita Recruiter"]),
    ("after-apply-nobody", "after-apply", app(), [], None),
    ("thank-you-the-rounds-interviewer", "thank-you", app(ROUND_1),
     [(LEO, "referral"), (HELEN, "interviewer")], ["Hélène Cho"]),
    ("thank-you-after-round-two-goes-to-round-two", "thank-you", app(ROUND_1, ROUND_2),
     [(HELEN, "interviewer"), (TOM, "interviewer")], ["Tom Hale"]),
    ("thank-you-unlinked-name-from-the-round", "thank-you", app(ROUND_2), [(LEO, "referral")],
     ["Tom Hale"]),
    ("thank-you-no-name-every-linked-interviewer", "thank-you",
     app(ev("interview", "2026-11-26", 1)), [(HELEN, "interviewer"), (TOM, "interviewer")],
     ["Hélène Cho", "Tom Hale"]),
    ("thank-you-nobody", "thank-you", app(ev("interview", "2026-11-26", 1)), [(LEO, "referral")],
     None),
    ("check-in-latest-round-not-the-one-ahead", "check-in", app(ROUND_1, ROUND_2, AHEAD),
     [(RITA, "recruiter")], ["Tom Hale"]),
    ("check-in-recruiter-when-the-round-has-no-name", "check-in",
     app(ev("interview", "2026-11-20", 1)), [(LEO, "referral"), (RITA, "recruiter")],
     ["Rita Recruiter"]),
    ("check-in-nobody", "check-in", app(ev("interview", "2026-11-20", 1)), [(LEO, "referral")],
     None),
    ("thank-you-the-rounds-people-by-id", "thank-you",
     app(ev("interview", "2026-11-26", 1, person="Hélène Cho, Tom Hale", people=(5, 4))),
     [(HELEN, "interviewer"), (TOM, "interviewer"), (RITA, "recruiter")],
     ["Tom Hale", "Hélène Cho"]),
    ("check-in-the-first-of-the-rounds-people", "check-in",
     app(ev("interview", "2026-11-20", 1, people=(4, 5))),
     [(HELEN, "interviewer"), (TOM, "interviewer"), (RITA, "recruiter")], ["Hélène Cho"]),
    ("thank-referral-the-referral", "thank-referral", app(),
     [(LEO, "referral"), (RITA, "recruiter")], ["Leo Park"]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("kind", "application", "linked", "names"), [w[1:] for w in WHO], ids=[w[0] for w in WHO]
)
def test_who_a_message_goes_to(kind, application, linked, names) -> None:
    found = drafts.recipients(kind, application, linked, today=TODAY)
    if names is None:
        assert found == [drafts.HIRING_TEAM]
    else:
        assert [r.name for r in found] == names


def test_a_linked_contact_found_by_the_rounds_name_gives_the_email() -> None:
    (found,) = drafts.recipients("thank-you", app(ROUND_1), [(HELEN, "interviewer")], today=TODAY)
    assert found.contact == HELEN
    values, to = drafts.application_values(app(ROUND_1), [], today=TODAY, recipient=found)
    assert to == "helen@acme.example"
    assert values["greeting"] == "Dear Hélène Cho,"


def test_the_hiring_team_greeting() -> None:
    values, to = drafts.application_values(app(), [], today=TODAY, recipient=drafts.HIRING_TEAM)
    assert to is None
    assert values["greeting"] == "Dear hiring team,"


def test_thank_referral_without_a_referral_is_an_error() -> None:
    with pytest.raises(InputError, match="referral"):
        drafts.recipients("thank-referral", app(), [(RITA, "recruiter")], today=TODAY)


# (id, application, kind, due day or None when due now)
DUE = [
    ("after-apply-due", app(), "after-apply", None),
    ("after-apply-ahead", app(applied="2026-11-25"), "after-apply", d("2026-12-02")),
    ("thank-you-due", app(ev("interview", "2026-11-26")), "thank-you", None),
    ("thank-you-ahead", app(ev("interview", "2026-12-03")), "thank-you", d("2026-12-04")),
    ("check-in-due", app(ev("interview", "2026-11-10", 1), ev("follow_up", "2026-11-11", 2)),
     "check-in", None),
    ("check-in-ahead", app(ev("interview", "2026-11-24", 1), ev("follow_up", "2026-11-25", 2)),
     "check-in", d("2026-12-01")),
]  # fmt: skip


@pytest.mark.parametrize(
    ("application", "kind", "due"), [x[1:] for x in DUE], ids=[x[0] for x in DUE]
)
def test_the_draft_that_is_due_or_next(application, kind, due) -> None:
    assert drafts.next_draft(application, today=TODAY, policy=Policy()) == (kind, due)


NOTHING = [
    ("followed-up-no-interview", app(ev("follow_up", "2026-11-17")), "nothing"),
    ("rejected", app(ev("interview", "2026-11-20"), status="rejected"), "closed"),
    ("ghosted", app(ev("follow_up", "2026-11-17"), status="ghosted"), "closed"),
    # Never followed up and silent 30 days: the agenda asks to mark it ghosted instead of
    # the follow-up, so `draft ID` does not write a follow-up a month late.
    ("ghost-suggested", app(applied="2026-10-20"), "mark it ghosted"),
    ("ghost-suggested-after-round", app(ev("interview", "2026-10-20", 1),
     ev("follow_up", "2026-10-21", 2), applied="2026-10-01"), "mark it ghosted"),
    # A saved job was never applied to: no "I applied ... and wanted to follow up".
    ("saved", Application(9, "Acme", "Dev", "saved", None), "not applied"),
    ("offer-waiting", app(ev("interview", "2026-11-20", 1), ev("follow_up", "2026-11-21", 2),
     status="offer"), "offer"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("application", "why"), [x[1:] for x in NOTHING], ids=[x[0] for x in NOTHING]
)
def test_never_a_check_in_without_an_interview_and_never_for_a_closed_one(application, why) -> None:
    with pytest.raises(InputError) as caught:
        drafts.next_draft(application, today=TODAY, policy=Policy())
    assert why in caught.value.message
    assert "check-in" not in caught.value.message.split("apply:")[-1]
    if why == "mark it ghosted":
        assert f"jobhunt status {application.id} ghosted" in caught.value.message
    if why == "not applied":
        assert f"jobhunt status {application.id} applied" in caught.value.message + (
            caught.value.hint or ""
        )
    if why == "offer":
        assert "--kind accept" in caught.value.message + (caught.value.hint or "")
    if why == "closed":
        assert "--kind withdraw" in caught.value.message or "--kind thank-you" in (
            caught.value.message
        )
