"""The stored forms of every enumerated column.

The database constrains each column to these values with CHECK (migrations.py). This
module is plain tuples so that `--help` texts can list them without importing anything.
"""

STATUSES = (
    "saved",
    "applied",
    "interviewing",
    "offer",
    "accepted",
    "rejected",
    "withdrawn",
    "ghosted",
)
CLOSED_STATUSES = ("accepted", "rejected", "withdrawn", "ghosted")
OPEN_STATUSES = tuple(s for s in STATUSES if s not in CLOSED_STATUSES)
# Once one of these is reached the interview outcome is known: no more check-ins.
OUTCOME_STATUSES = ("offer", "accepted", "rejected", "withdrawn", "ghosted")
JOB_TYPES = ("full-time", "part-time", "contract", "temporary")
# Work that keeps you active; accepting it does not end the search.
STAY_ACTIVE_TYPES = ("part-time", "contract", "temporary")
FOLLOW_UP_CHANNELS = ("email", "note", "phone", "message", "in-person")
EVENT_KINDS = ("saved", "applied", "follow_up", "interview", "status", "snooze", "edit")

CONTACT_KINDS = (
    "recruiter",
    "recruitment-firm",
    "hiring-manager",
    "industry-leader",
    "peer",
    "referral",
    "other",
)
TOUCH_CHANNELS = ("email", "call", "coffee", "event", "message", "linkedin")
LINK_ROLES = ("referral", "recruiter", "interviewer", "other")
MEETUP_KINDS = (
    "business-event",
    "association",
    "meetup",
    "career-fair",
    "webinar",
    "workshop",
    "career-centre",
    "other",
)
# How an application was sent (add/edit --via); not recorded is None, never a default.
APPLY_METHODS = ("online", "email", "mail", "in-person", "phone", "fax", "job-fair", "agency")
COURSE_KINDS = ("online", "night-class", "community-ed", "certification", "self-study")
COURSE_STATUSES = ("active", "done", "dropped")
