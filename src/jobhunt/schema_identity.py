"""The SQL of the migration that gives a store its identifier, marks undated history
entries, and remembers what left the calendar (`migrations.py` assembles it).

* `store_identity`: one row, the store's identifier, made once when the store (or, on
  PostgreSQL, the profile) is created; calendar UIDs and the `store` column of CSV
  exports carry it. `restore` and `migrate-store` keep it.
* `application_event.dated`: 1 when the entry's day is known, 0 when an import knew
  only that it happened (stored on the import day; `show` says "date unknown").
* `calendar_gone`: what a calendar export published and is no longer there (an
  application, a history entry, a networking event or a course deleted; a course
  finished or dropped), written by triggers, so no command has to remember to, and
  kept 30 days: the export publishes those entries as cancelled.
"""

from __future__ import annotations

_NOW = "strftime('%Y-%m-%dT%H:%M:%S', 'now') || '+00:00'"
_MONTH_AGO = "strftime('%Y-%m-%dT%H:%M:%S', 'now', '-30 days') || '+00:00'"
_PRUNE = f"DELETE FROM calendar_gone WHERE gone_at < {_MONTH_AGO};"
_INSERT = (
    "INSERT INTO calendar_gone "
    "(kind, record_id, parent_id, on_day, until_day, status, detail, gone_at)"
)

TABLES = (
    """CREATE TABLE store_identity (
            id TEXT PRIMARY KEY CHECK (length(id) >= 8),
            created_at TEXT NOT NULL
        )""",
    """CREATE TABLE calendar_gone (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN
                ('application','application_event','meetup','course')),
            record_id INTEGER NOT NULL,
            parent_id INTEGER,
            on_day DATE,
            until_day DATE,
            status TEXT,
            detail TEXT,
            gone_at TEXT NOT NULL
        )""",
)
INDEX = "CREATE INDEX ix_calendar_gone_at ON calendar_gone (gone_at)"
DATED = (
    "ALTER TABLE application_event "
    "ADD COLUMN dated INTEGER NOT NULL DEFAULT 1 CHECK (dated IN (0, 1))"
)
PG_DATED = DATED.replace("INTEGER", "BIGINT")

# (trigger, event, table, what is recorded from OLD: kind, record_id, parent_id, on_day,
# until_day, status, detail)
# detail: what a cancelled entry needs to name it (a course: its weekdays, then its title)
_COURSE = (
    "'course', OLD.id, NULL, coalesce(OLD.starts_on, OLD.added_on), OLD.ends_on, OLD.status, "
    "coalesce(OLD.days, '') || '|' || OLD.title"
)
_GONE = (
    (
        "application",
        "DELETE",
        "application",
        "'application', OLD.id, NULL, OLD.applied_on, NULL, OLD.status, "
        "OLD.company || ' \u2014 ' || OLD.role",
    ),
    (
        "event",
        "DELETE",
        "application_event",
        "'application_event', OLD.id, OLD.application_id, OLD.on_day, OLD.until_day, "
        "OLD.status, OLD.kind",
    ),
    ("meetup", "DELETE", "meetup", "'meetup', OLD.id, NULL, OLD.on_day, NULL, NULL, OLD.title"),
    ("course", "DELETE", "course", _COURSE),
    ("course_closed", "UPDATE OF status", "course", _COURSE),
)
_WHEN = {"course_closed": "OLD.status = 'active' AND NEW.status <> 'active'"}

SQLITE = (
    *TABLES,
    INDEX,
    f"INSERT INTO store_identity (id, created_at) VALUES (lower(hex(randomblob(8))), {_NOW})",
    DATED,
    *(
        f"CREATE TRIGGER calendar_gone_{name} AFTER {event} ON {table} "
        + (f"WHEN {_WHEN[name]} " if name in _WHEN else "")
        + f"BEGIN {_PRUNE} {_INSERT} VALUES ({values}, {_NOW}); END"
        for name, event, table, values in _GONE
    ),
)

_PG_NOW = "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS') || '+00:00'"
_PG_MONTH_AGO = _PG_NOW.replace("now()", "(now() - interval '30 days')")


def _pg_function(name: str, values: str) -> str:
    return (
        f"CREATE FUNCTION calendar_gone_{name}() RETURNS trigger LANGUAGE plpgsql AS $fn$\n"
        f"BEGIN\n    DELETE FROM calendar_gone WHERE gone_at < {_PG_MONTH_AGO};\n"
        f"    {_INSERT} VALUES ({values}, {_PG_NOW});\n    RETURN NULL;\nEND\n$fn$"
    )


PG_AFTER_TABLES = (
    "INSERT INTO store_identity (id, created_at) VALUES "
    f"(substr(md5(random()::text || clock_timestamp()::text), 1, 16), {_PG_NOW})",
    PG_DATED,
    *(_pg_function(name, values) for name, _, _, values in _GONE),
    *(
        f"CREATE TRIGGER calendar_gone_{name} AFTER {event} ON {table} FOR EACH ROW "
        + (f"WHEN ({_WHEN[name]}) " if name in _WHEN else "")
        + f"EXECUTE FUNCTION calendar_gone_{name}()"
        for name, event, table, _ in _GONE
    ),
)
