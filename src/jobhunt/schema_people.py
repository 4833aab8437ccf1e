"""The SQL of migration 0006: who took part, how things were done, and answers to
suggestions (`migrations.py` assembles it).

* `event_person`: the contacts who took part in an application event (`interview
  --with`, `log --with`); the free-text `person` column stays as it was.
* `application.via`: how the application was sent (online, email, mail, in-person,
  phone, fax, job-fair, agency); NULL is "not recorded", never a guess.
* `application_event.at_time`, `minutes`, `place`: a timed interview (`--at HH:MM`,
  `--minutes`, `--where`).
* `meetup.attended` (NULL: not said, 1: went, 0: did not) and two more kinds,
  `workshop` and `career-centre`. SQLite cannot change a CHECK constraint in place, so
  the table is rebuilt (foreign keys off for the migration, checked before commit).
* `interaction.informational`: the touch was an informational meeting.
* `contact.keep_in_touch` (0: no stay-in-touch schedule, as for imported connections
  until they are touched or given `--every`) and `contact.due_from` (the first due day
  of a contact never touched, spread over a period by `import linkedin --cadence`).
* `dismissal`: the user's answers to suggestions: a contact not now (`contact snooze
  ID --until`), a company whose find-a-contact suggestion is skipped (`skip company`),
  each dated, so a past day's agenda sees only the answers given by then.
"""

from __future__ import annotations

# A change to these changes this migration's SQL: store/schema.py's digest test fails
# until a new migration carries it.
from jobhunt.choices import APPLY_METHODS as VIA
from jobhunt.choices import MEETUP_KINDS


def _quoted(values: tuple[str, ...]) -> str:
    return ",".join(f"'{v}'" for v in values)


NEW_TABLES = (
    """CREATE TABLE event_person (
        event_id INTEGER NOT NULL REFERENCES application_event (id) ON DELETE CASCADE,
        contact_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
        PRIMARY KEY (event_id, contact_id)
    )""",
    "CREATE INDEX ix_event_person_contact ON event_person (contact_id)",
    """CREATE TABLE dismissal (
        id INTEGER PRIMARY KEY,
        contact_id INTEGER REFERENCES contact (id) ON DELETE CASCADE,
        company TEXT CHECK (length(trim(company)) > 0),
        on_day DATE NOT NULL,
        until_day DATE,
        created_at TEXT NOT NULL,
        CHECK ((contact_id IS NULL) <> (company IS NULL))
    )""",
    "CREATE INDEX ix_dismissal_contact ON dismissal (contact_id)",
)

# Columns added in place (both backends); INTEGER becomes BIGINT on PostgreSQL.
ADDED = (
    f"ALTER TABLE application ADD COLUMN via TEXT CHECK (via IN ({_quoted(VIA)}))",
    "ALTER TABLE application_event ADD COLUMN at_time TEXT CHECK (length(at_time) = 5)",
    "ALTER TABLE application_event ADD COLUMN minutes INTEGER CHECK (minutes > 0)",
    "ALTER TABLE application_event ADD COLUMN place TEXT",
    "ALTER TABLE interaction ADD COLUMN informational INTEGER NOT NULL DEFAULT 0 "
    "CHECK (informational IN (0, 1))",
    "ALTER TABLE contact ADD COLUMN keep_in_touch INTEGER NOT NULL DEFAULT 1 "
    "CHECK (keep_in_touch IN (0, 1))",
    "ALTER TABLE contact ADD COLUMN due_from DATE",
)

# The meetup table as it is from 0006 on (SQLite rebuilds it; column order is kept).
MEETUP = f"""CREATE TABLE meetup_new (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL CHECK (length(trim(title)) > 0),
            on_day DATE NOT NULL,
            kind TEXT NOT NULL DEFAULT 'other' CHECK (kind IN ({_quoted(MEETUP_KINDS)})),
            place TEXT,
            note TEXT,
            created_at TEXT NOT NULL,
            attended INTEGER CHECK (attended IN (0, 1))
        )"""
MEETUP_COLUMNS = ("id", "title", "on_day", "kind", "place", "note", "created_at")
SQLITE_MEETUP = (
    MEETUP,
    f"INSERT INTO meetup_new ({', '.join(MEETUP_COLUMNS)}) "
    f"SELECT {', '.join(MEETUP_COLUMNS)} FROM meetup",
    "DROP TABLE meetup",  # its triggers and index go with it; migrations.py remakes them
    "ALTER TABLE meetup_new RENAME TO meetup",
    "CREATE INDEX ix_meetup_on_day ON meetup (on_day)",
)
PG_MEETUP = (
    "ALTER TABLE meetup DROP CONSTRAINT meetup_kind_check",
    "ALTER TABLE meetup ADD CONSTRAINT meetup_kind_check "
    f"CHECK (kind IN ({_quoted(MEETUP_KINDS)}))",
    "ALTER TABLE meetup ADD COLUMN attended BIGINT CHECK (attended IN (0, 1))",
)

# The columns each existing table gains, for its undo triggers.
GAINED = {
    "application": ("via",),
    "application_event": ("at_time", "minutes", "place"),
    "interaction": ("informational",),
    "contact": ("keep_in_touch", "due_from"),
    "meetup": ("attended",),
}
