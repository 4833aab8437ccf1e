"""Ordered, named schema migrations, recorded in the `schema_migrations` table.

Why our own and not Alembic: the morning command must check the schema version on
every run without importing SQLAlchemy (see README, "Speed"), and a list of plain SQL
statements serves SQLite and PostgreSQL alike. Each migration runs in one
transaction; a store that records a migration this version does not know was written
by a newer jobhunt and is refused untouched.

Never edit a migration that has shipped: add a new one. `models.py` must describe the
schema the last migration produces (a test compares them).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Migration:
    """One schema change: its SQLite statements, and the same change for PostgreSQL."""

    name: str
    statements: Sequence[str]
    postgresql: Sequence[str] = ()

    def for_dialect(self, dialect: str) -> Sequence[str]:
        return self.postgresql if dialect == "postgresql" else self.statements


# --------------------------------------------------------------------------- PostgreSQL
#
# The PostgreSQL form of each migration is derived from the SQLite one, so the two
# schemas cannot drift, plus a few objects that give PostgreSQL what SQLite has built in:
# - `nocase`, a case-insensitive (ICU) collation, for COLLATE NOCASE;
# - `casefold()` and `instr()`, used by searches;
# - ids given as SQLite gives them (the highest id + 1) by a BEFORE INSERT trigger, so
#   both backends number records alike; writers are serialised (store.transaction), so
#   two never take the same id;
# - a `rowid` column (insertion order, numbered the same way) on tables without an
#   INTEGER PRIMARY KEY, which SQLite tables have implicitly;
# - foreign keys DEFERRABLE, so undo can replay changes in any order (SQLite:
#   PRAGMA defer_foreign_keys).

PG_PRELUDE = (
    "CREATE COLLATION nocase (provider = icu, locale = 'und-u-ks-level2', deterministic = false)",
    """CREATE FUNCTION casefold(value text) RETURNS text LANGUAGE sql IMMUTABLE
        RETURN lower(value COLLATE "und-x-icu")""",
    """CREATE FUNCTION instr(haystack text, needle text) RETURNS integer
        LANGUAGE sql IMMUTABLE RETURN strpos(haystack, needle)""",
    """CREATE FUNCTION next_id() RETURNS trigger LANGUAGE plpgsql AS $fn$
    DECLARE
        col text := TG_ARGV[0];
        n integer;
    BEGIN
        IF to_jsonb(NEW) -> col = 'null'::jsonb THEN
            EXECUTE format('SELECT coalesce(max(%I), 0) + 1 FROM %I.%I',
                           col, TG_TABLE_SCHEMA, TG_TABLE_NAME) INTO n;
            NEW := jsonb_populate_record(NEW, jsonb_build_object(col, n));
        END IF;
        RETURN NEW;
    END
    $fn$""",
)

_TABLE = re.compile(r"^\s*CREATE TABLE (\w+) \(", re.S)
_INT_KEY = re.compile(r"\b(\w+) INTEGER PRIMARY KEY\b")
_REFERENCES = re.compile(r"(REFERENCES \w+ \(\w+\)(?: ON DELETE (?:CASCADE|SET NULL))?)")


def to_postgresql(statement: str) -> list[str]:
    """The PostgreSQL statements for one SQLite DDL statement."""
    table = _TABLE.match(statement)
    if table is None:
        return [statement]  # CREATE INDEX ... (COLLATE NOCASE finds the nocase collation)
    name = table[1]
    sql = re.sub(r"\bREAL\b", "DOUBLE PRECISION", statement)
    sql = _REFERENCES.sub(r"\1 DEFERRABLE INITIALLY IMMEDIATE", sql)
    key = _INT_KEY.search(sql)
    if key:
        column = key[1]
    else:
        column = "rowid"
        sql = sql.replace("(", "(\n            rowid INTEGER NOT NULL,", 1)
    trigger = (
        f"CREATE TRIGGER {name}_next_{column} BEFORE INSERT ON {name} "
        f"FOR EACH ROW EXECUTE FUNCTION next_id('{column}')"
    )
    return [sql, trigger]


def _postgresql(statements: Sequence[str]) -> tuple[str, ...]:
    return tuple(pg for statement in statements for pg in to_postgresql(statement))


_STATUS = "'saved','applied','interviewing','offer','accepted','rejected','withdrawn','ghosted'"

INITIAL = Migration(
    "0001_initial",
    (
        f"""CREATE TABLE application (
            id INTEGER PRIMARY KEY,
            company TEXT NOT NULL CHECK (length(trim(company)) > 0),
            role TEXT NOT NULL CHECK (length(trim(role)) > 0),
            status TEXT NOT NULL DEFAULT 'applied' CHECK (status IN ({_STATUS})),
            applied_on DATE,
            job_type TEXT CHECK (job_type IN ('full-time','part-time','contract','temporary')),
            source TEXT,
            url TEXT,
            location TEXT,
            salary TEXT,
            note TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        "CREATE INDEX ix_application_status ON application (status)",
        "CREATE INDEX ix_application_applied_on ON application (applied_on)",
        "CREATE INDEX ix_application_company ON application (company COLLATE NOCASE)",
        """CREATE TABLE application_skill (
            application_id INTEGER NOT NULL REFERENCES application (id) ON DELETE CASCADE,
            skill TEXT NOT NULL COLLATE NOCASE CHECK (length(trim(skill)) > 0),
            PRIMARY KEY (application_id, skill)
        )""",
        f"""CREATE TABLE application_event (
            id INTEGER PRIMARY KEY,
            application_id INTEGER NOT NULL REFERENCES application (id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN
                ('saved','applied','follow_up','interview','status','snooze','edit')),
            on_day DATE NOT NULL,
            channel TEXT CHECK (channel IN ('email','note','phone','message','in-person')),
            status TEXT CHECK (status IN ({_STATUS})),
            until_day DATE,
            person TEXT,
            note TEXT,
            created_at TEXT NOT NULL
        )""",
        "CREATE INDEX ix_application_event_app ON application_event (application_id, on_day)",
        """CREATE TABLE meetup (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL CHECK (length(trim(title)) > 0),
            on_day DATE NOT NULL,
            kind TEXT NOT NULL DEFAULT 'other' CHECK (kind IN
                ('business-event','association','meetup','career-fair','webinar','other')),
            place TEXT,
            note TEXT,
            created_at TEXT NOT NULL
        )""",
        "CREATE INDEX ix_meetup_on_day ON meetup (on_day)",
        """CREATE TABLE contact (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL CHECK (length(trim(name)) > 0),
            company TEXT,
            title TEXT,
            kind TEXT NOT NULL DEFAULT 'other' CHECK (kind IN ('recruiter','recruitment-firm',
                'hiring-manager','industry-leader','peer','referral','other')),
            email TEXT,
            phone TEXT,
            url TEXT,
            met TEXT,
            every_days INTEGER CHECK (every_days > 0),
            note TEXT,
            met_at_event_id INTEGER REFERENCES meetup (id) ON DELETE SET NULL,
            added_on DATE NOT NULL,
            created_at TEXT NOT NULL
        )""",
        "CREATE INDEX ix_contact_company ON contact (company COLLATE NOCASE)",
        "CREATE INDEX ix_contact_url ON contact (url)",
        "CREATE INDEX ix_contact_met_at ON contact (met_at_event_id)",
        """CREATE TABLE interaction (
            id INTEGER PRIMARY KEY,
            contact_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
            via TEXT NOT NULL CHECK (via IN
                ('email','call','coffee','event','message','linkedin')),
            on_day DATE NOT NULL,
            note TEXT,
            created_at TEXT NOT NULL
        )""",
        "CREATE INDEX ix_interaction_contact ON interaction (contact_id, on_day)",
        "CREATE INDEX ix_interaction_on_day ON interaction (on_day)",
        """CREATE TABLE contact_link (
            contact_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
            application_id INTEGER NOT NULL REFERENCES application (id) ON DELETE CASCADE,
            role TEXT NOT NULL DEFAULT 'other' CHECK (role IN
                ('referral','recruiter','interviewer','other')),
            PRIMARY KEY (contact_id, application_id)
        )""",
        "CREATE INDEX ix_contact_link_app ON contact_link (application_id)",
        """CREATE TABLE course (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL CHECK (length(trim(title)) > 0),
            provider TEXT,
            kind TEXT CHECK (kind IN
                ('online','night-class','community-ed','certification','self-study')),
            starts_on DATE,
            ends_on DATE,
            days TEXT,
            hours_per_week REAL CHECK (hours_per_week >= 0),
            cost TEXT,
            url TEXT,
            note TEXT,
            status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active','done','dropped')),
            added_on DATE NOT NULL,
            created_at TEXT NOT NULL
        )""",
        "CREATE INDEX ix_course_status ON course (status)",
        """CREATE TABLE course_skill (
            course_id INTEGER NOT NULL REFERENCES course (id) ON DELETE CASCADE,
            skill TEXT NOT NULL COLLATE NOCASE CHECK (length(trim(skill)) > 0),
            PRIMARY KEY (course_id, skill)
        )""",
        """CREATE TABLE course_log (
            id INTEGER PRIMARY KEY,
            course_id INTEGER NOT NULL REFERENCES course (id) ON DELETE CASCADE,
            on_day DATE NOT NULL,
            hours REAL CHECK (hours >= 0),
            progress INTEGER CHECK (progress BETWEEN 0 AND 100),
            note TEXT,
            created_at TEXT NOT NULL
        )""",
        "CREATE INDEX ix_course_log_course ON course_log (course_id, on_day)",
        """CREATE TABLE skill (
            name TEXT PRIMARY KEY COLLATE NOCASE CHECK (length(trim(name)) > 0),
            added_on DATE NOT NULL
        )""",
        """CREATE TABLE nudge (
            key TEXT PRIMARY KEY,
            shown_on DATE NOT NULL
        )""",
    ),
)
INITIAL = Migration(INITIAL.name, INITIAL.statements, PG_PRELUDE + _postgresql(INITIAL.statements))

# The columns each table had when undo was added. Fixed here on purpose: a later
# migration that adds a column must also recreate that table's undo triggers.
_UNDO_COLUMNS = {
    "application": (
        "company", "role", "status", "applied_on", "job_type", "source", "url", "location",
        "salary", "note", "created_at", "updated_at",
    ),
    "application_skill": ("application_id", "skill"),
    "application_event": (
        "application_id", "kind", "on_day", "channel", "status", "until_day", "person", "note",
        "created_at",
    ),
    "meetup": ("title", "on_day", "kind", "place", "note", "created_at"),
    "contact": (
        "name", "company", "title", "kind", "email", "phone", "url", "met", "every_days", "note",
        "met_at_event_id", "added_on", "created_at",
    ),
    "interaction": ("contact_id", "via", "on_day", "note", "created_at"),
    "contact_link": ("contact_id", "application_id", "role"),
    "course": (
        "title", "provider", "kind", "starts_on", "ends_on", "days", "hours_per_week", "cost",
        "url", "note", "status", "added_on", "created_at",
    ),
    "course_skill": ("course_id", "skill"),
    "course_log": ("course_id", "on_day", "hours", "progress", "note", "created_at"),
    "skill": ("name", "added_on"),
}  # fmt: skip


def undo_triggers(table: str, columns: Sequence[str]) -> list[str]:
    """Triggers that record, for every change to `table`, the SQL that reverses it."""
    record = "INSERT INTO undo_log (point_id, statement) SELECT max(id), {sql} FROM undo_point"
    sets = " || ',' || ".join(f"'{c}=' || quote(OLD.{c})" for c in columns)
    values = " || ',' || ".join(f"quote(OLD.{c})" for c in columns)
    names = ",".join(columns)
    return [
        f"CREATE TRIGGER undo_{table}_insert AFTER INSERT ON {table} BEGIN "
        + record.format(sql=f"'DELETE FROM {table} WHERE rowid=' || NEW.rowid")
        + "; END",
        f"CREATE TRIGGER undo_{table}_update AFTER UPDATE ON {table} BEGIN "
        + record.format(sql=f"'UPDATE {table} SET ' || {sets} || ' WHERE rowid=' || OLD.rowid")
        + "; END",
        f"CREATE TRIGGER undo_{table}_delete AFTER DELETE ON {table} BEGIN "
        + record.format(
            sql=(
                f"'INSERT INTO {table} (rowid,{names}) VALUES (' "
                f"|| OLD.rowid || ',' || {values} || ')'"
            )
        )
        + "; END",
    ]


_UNDO_TABLES = (
    """CREATE TABLE undo_point (
            id INTEGER PRIMARY KEY,
            label TEXT NOT NULL,
            created_at TEXT NOT NULL
        )""",
    """CREATE TABLE undo_log (
            seq INTEGER PRIMARY KEY,
            point_id INTEGER,
            statement TEXT NOT NULL
        )""",
    "CREATE INDEX ix_undo_log_point ON undo_log (point_id)",
)

# PostgreSQL: one trigger function records, as SQL, the inverse of each row change; a
# row is named by its key columns (the trigger's arguments) and restored whole from
# its JSON image. It runs AFTER the foreign keys' cascades (trigger order is by name),
# so a deleted parent is re-inserted before its children on undo, as on SQLite.
PG_UNDO_FUNCTION = """CREATE FUNCTION undo_record() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
    cond text;
    cols text;
    stmt text;
BEGIN
    IF TG_OP = 'DELETE' THEN
        stmt := format('INSERT INTO %I SELECT * FROM jsonb_populate_record(NULL::%I, %L)',
                       TG_TABLE_NAME, TG_TABLE_NAME, to_jsonb(OLD)::text);
    ELSE
        SELECT string_agg(format('%I = %L', k, to_jsonb(NEW) ->> k), ' AND ') INTO cond
            FROM unnest(TG_ARGV) AS k;
        IF TG_OP = 'INSERT' THEN
            stmt := format('DELETE FROM %I WHERE %s', TG_TABLE_NAME, cond);
        ELSE
            SELECT string_agg(format('%I', k), ', ') INTO cols
                FROM jsonb_object_keys(to_jsonb(OLD)) AS k;
            stmt := format(
                'UPDATE %I SET (%s) = (SELECT %s FROM jsonb_populate_record(NULL::%I, %L)) '
                'WHERE %s', TG_TABLE_NAME, cols, cols, TG_TABLE_NAME, to_jsonb(OLD)::text, cond);
        END IF;
    END IF;
    INSERT INTO undo_log (point_id, statement) SELECT max(id), stmt FROM undo_point;
    RETURN NULL;
END
$fn$"""

_KEYS = {
    "application_skill": ("application_id", "skill"),
    "contact_link": ("contact_id", "application_id"),
    "course_skill": ("course_id", "skill"),
    "skill": ("name",),
}


def pg_undo_trigger(table: str) -> str:
    keys = ", ".join(f"'{k}'" for k in _KEYS.get(table, ("id",)))
    return (
        f"CREATE TRIGGER undo_{table} AFTER INSERT OR UPDATE OR DELETE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION undo_record({keys})"
    )


UNDO = Migration(
    "0002_undo",
    (
        *_UNDO_TABLES,
        *[stmt for table, cols in _UNDO_COLUMNS.items() for stmt in undo_triggers(table, cols)],
    ),
    (
        *_postgresql(_UNDO_TABLES),
        PG_UNDO_FUNCTION,
        *[pg_undo_trigger(table) for table in _UNDO_COLUMNS],
    ),
)

MIGRATIONS: tuple[Migration, ...] = (INITIAL, UNDO)
SCHEMA_VERSION = len(MIGRATIONS)

BOOKKEEPING = """CREATE TABLE IF NOT EXISTS schema_migrations (
    name TEXT PRIMARY KEY,
    applied_at TEXT NOT NULL
)"""
