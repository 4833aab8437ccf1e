"""Story 9, answers to suggestions (issue 15, points 4 to 6): three weeks of a search
where the user answers the agenda instead of seeing the same lines forever.

- A LinkedIn export of 400 connections (years old) comes in on the first day: none of
  them is ever due, the agenda never says "N more contacts are due", and they still
  count as people the user knows (Globex, where one of them works, is never a
  "find someone" suggestion).
- "Find someone you know at Acme Corp": the user skips the company; it stays silent
  past its 14 days, and a second application there, spelled "ACME CORP", too.
- Beta is suggested once; its application is withdrawn and a new one sent three days
  later: Beta waits out its 14 days through the new application.
- Initech's application is silent for 30 days after its follow-up: the agenda asks to
  mark it ghosted, and never to find someone there.
- Rita (recruiter) falls due; the user snoozes her for a week: gone, and back on the
  day, then touched.
- A meetup: Ana is met there and the meeting logged that day; the follow-up is still due
  the next day, and meeting and follow-up count one person toward the week's target.

Ids: applications 1 Acme Corp, 2 Beta, 3 Initech, 4 Globex, 5 ACME CORP, 6 Beta (again);
contact 1 Rita, 2..401 the LinkedIn batch, 402 Ana; event 1.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.stories.harness import LOOK, days_between, replay, when

BATCH = 400


@pytest.fixture
def export(tmp_path: Path) -> str:
    rows = [
        f"Conn{i},Person{i},https://www.linkedin.com/in/conn-{i},,"
        f"{'Globex' if i == 7 else f'Firm {i % 50}'},Engineer,{(i % 28) + 1:02d} Jun 2021"
        for i in range(BATCH)
    ]
    path = tmp_path / "Connections.csv"
    path.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        + "\n".join(rows)
        + "\n",
        encoding="utf-8",
    )
    return str(path)


def script(export: str) -> dict:
    return {
        "2026-11-02": [  # a Monday
            "contact add 'Rita Reyes' --company TalentCo --kind recruiter",
            f"import linkedin {export}",
            "add 'Acme Corp' 'Data Analyst'",
            "add Beta 'BI Analyst'",
            "add Initech Analyst --applied 2026-10-01",
            "log 3 --via email --on 2026-10-08",
            "add Globex Analyst",
            LOOK,
            "skip company 'acme corp'",
        ],
        "2026-11-05": ["add 'ACME CORP ' Engineer"],
        "2026-11-06": ["status 2 withdrawn", "add Beta 'Data Engineer'"],
        "2026-11-10": ["event add 'Data Meetup' --on 2026-11-12 --kind meetup"],
        "2026-11-12": [
            LOOK,
            "contact add 'Ana Ruiz' --company Hooli --met-at 1",
            "contact touch 402 --via event",
        ],
        "2026-11-13": [LOOK, "contact touch 402 --via email"],
        "2026-11-16": [LOOK, "contact snooze 1 --until 2026-11-23"],
        "2026-11-23": [LOOK, "contact touch 1 --via call"],
        "2026-11-24": [],
    }


def test_answers_to_suggestions_over_three_weeks(jh, export) -> None:
    days = replay(jh, script(export), on={"2026-11-15": ("week",)})

    # The LinkedIn batch: never due, never counted in a "more" line.
    for on, day in days.items():
        assert [a["contact_id"] for a in day.of("touch")] in ([], [1]), on
        assert not day.has("touch_more"), on

    # Acme Corp: suggested until the user skipped it, then never again, whatever the
    # spelling of the second application.
    assert when(days, "find_contact", application_id=1) == ["2026-11-02"]
    first = days["2026-11-02"].one("find_contact", application_id=1)
    assert first["answer_command"] == "jobhunt skip company 'Acme Corp'"
    assert when(days, "find_contact", application_id=5) == []

    # Beta: once, then not again for 14 days through its new application.
    assert when(days, "find_contact", application_id=2) == ["2026-11-02"]
    assert when(days, "find_contact", application_id=6) == ["2026-11-16"]

    # Globex: one of the imported connections works there.
    assert when(days, "find_contact", application_id=4) == []

    # Initech: silent 30 days after its follow-up, so "mark it ghosted", never "find
    # someone there".
    assert when(days, "ghosted", application_id=3)[:1] == ["2026-11-02"]
    assert when(days, "find_contact", application_id=3) == []

    # Rita: due 11-16 (14 days), snoozed that morning until 11-23, back on the day.
    rita = when(days, "touch", contact_id=1)
    assert rita == ["2026-11-16", "2026-11-23"]
    assert days["2026-11-16"].one("touch", contact_id=1)["answer_command"] == (
        "jobhunt contact snooze 1 --until 2026-11-30"
    )
    back = days["2026-11-23"].one("touch", contact_id=1)
    assert (back["due"], back["overdue_days"]) == ("2026-11-23", 0)
    assert "snoozed until 2026-11-23" in back["why"]

    # Ana: the meeting on the event day, the follow-up still due the next morning,
    # done once written to; meeting and follow-up are one person that week.
    assert when(days, "event_follow_up", contact_id=402) == ["2026-11-13"]
    week = days["2026-11-15"].area("Network")
    assert week["done"] == 1
    for on in days_between("2026-11-13", "2026-11-15"):
        assert "(1 of 3 so far)" in days[on].one("network_target")["message"], on
