"""The write path: each write command's changes as parameterised SQL, in one transaction.

A command writes inside `State.writing()`, which is `store.transaction(conn,
undo_label=...)` on the connection the command reads with: BEGIN IMMEDIATE on SQLite
(writers queue on the busy timeout), the profile's advisory lock on PostgreSQL, an undo
point that `jobhunt undo` reverts (the store's triggers record every change under it),
and COMMIT, or ROLLBACK on any error. Input is validated here, before anything is
written, so a mistake is a clean `InputError` and not a constraint failure. No ORM on
this path: the read path's connections, the same SQL on both backends (`core.py`).

By noun: `applications.py`, `people.py` (contacts, interactions, links, events),
`answers.py` (answers to suggestions: snoozed contacts, skipped companies),
`learning.py` (courses, their log, skills).
"""

from jobhunt.write.answers import delete_answer, get_answer, skip_company, snooze_contact
from jobhunt.write.applications import (
    APP_FIELDS,
    add_application,
    add_event,
    add_interview,
    delete_application,
    edit_application,
    get_application,
    not_before_applied,
    set_status,
    touch_application,
)
from jobhunt.write.core import session
from jobhunt.write.learning import (
    COURSE_FIELDS,
    add_course,
    add_skills,
    delete_course,
    edit_course,
    get_course,
    log_course,
    remove_skills,
    set_course_status,
)
from jobhunt.write.people import (
    CONTACT_FIELDS,
    add_contact,
    add_event_people,
    add_interaction,
    add_meetup,
    delete_contact,
    delete_meetup,
    edit_contact,
    get_contact,
    get_meetup,
    link,
    set_attended,
    unlink,
)

__all__ = [
    "APP_FIELDS",
    "CONTACT_FIELDS",
    "COURSE_FIELDS",
    "add_application",
    "add_contact",
    "add_course",
    "add_event",
    "add_event_people",
    "add_interaction",
    "add_interview",
    "add_meetup",
    "add_skills",
    "delete_answer",
    "delete_application",
    "delete_contact",
    "delete_course",
    "delete_meetup",
    "edit_application",
    "edit_contact",
    "edit_course",
    "get_answer",
    "get_application",
    "get_contact",
    "get_course",
    "get_meetup",
    "link",
    "log_course",
    "not_before_applied",
    "remove_skills",
    "session",
    "set_attended",
    "set_course_status",
    "set_status",
    "skip_company",
    "snooze_contact",
    "touch_application",
    "unlink",
]
