"""Writing the answers to suggestions (the `dismissal` table): a contact not now
(`contact snooze ID --until DATE`), a company whose find-a-contact suggestion is skipped
(`skip company NAME [--until DATE]`), and taking an answer back (`skip rm ID`).

Each answer is dated the day it is given, so a past day's agenda sees only the answers
given by then; `until` is the day the suggestion is back (None: for good).
"""

from __future__ import annotations

from datetime import date

from jobhunt import store
from jobhunt.errors import InputError
from jobhunt.validate import text
from jobhunt.write.core import Conn, delete, insert, require
from jobhunt.write.people import get_contact


def _after(until: date | None, today: date, what: str) -> None:
    if until is not None and until <= today:
        raise InputError(f"{what} until {until.isoformat()}: the day must be after today")


def snooze_contact(conn: Conn, contact_id: int, *, until: date, today: date) -> int:
    """Not now: the contact's stay-in-touch suggestion is back on `until`; the answer's id."""
    _after(until, today, "snooze")
    row = get_contact(conn, contact_id, ("name", "keep_in_touch"))
    if not row["keep_in_touch"]:
        # Never suggested (an imported connection): "back on the agenda" would be untrue.
        raise InputError(
            f"{row['name']} (contact {contact_id}) has no stay-in-touch schedule, so is "
            "never suggested: nothing to snooze",
            hint=f"a touch, or jobhunt contact edit {contact_id} --every PERIOD, gives one",
        )
    values = {"contact_id": contact_id, "on_day": today, "until_day": until}
    return insert(conn, "dismissal", {**values, "created_at": store.utc_now()})


def skip_company(conn: Conn, company: str, *, until: date | None, today: date) -> int:
    """No more find-a-contact suggestions for `company` (for good, or until `until`)."""
    name = text(company.strip(), "company", required=True)
    _after(until, today, "skip")
    values = {"company": name, "on_day": today, "until_day": until}
    return insert(conn, "dismissal", {**values, "created_at": store.utc_now()})


def get_answer(conn: Conn, answer_id: int) -> dict:
    return require(
        conn,
        "dismissal",
        answer_id,
        "answer",
        "see the ids with: jobhunt skip list",
        ("id", "contact_id", "company", "on_day", "until_day"),
    )


def delete_answer(conn: Conn, answer_id: int) -> dict:
    """Take an answer back: the suggestion may show again. The answer as it was."""
    row = get_answer(conn, answer_id)
    delete(conn, "dismissal", answer_id)
    return row
