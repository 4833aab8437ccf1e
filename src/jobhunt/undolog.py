"""The undo log's schema, as migrations create it, and how its records read back.

Since migration 0005_undo_as_data an undo record is data: the table, what happened
(insert, update, delete), the row's key and its old values. `store.history` turns
records into statements it writes itself (table and column names checked against the
schema, values bound as parameters); nothing read from a store is ever run as SQL.
Migration 0002_undo recorded SQL text instead; 0005 deletes that history unread.

While the newest undo point is a replay (label ''), the triggers record nothing: undo
does not log its own changes row by row.

Standard library only, and no imports from jobhunt: `migrations` builds its
`Migration`s from the statements here; `store.history` reads the records back.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

# The columns each table had when undo was added. Fixed here on purpose: a later
# migration that adds a column must also recreate that table's undo triggers.
UNDO_COLUMNS = {
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

# Tables created after undo was added, with their columns (migration 0006 makes their
# triggers). Undo replays changes to these and to UNDO_COLUMNS' tables, no others.
LATER_COLUMNS = {
    "event_person": ("event_id", "contact_id"),
    "dismissal": ("contact_id", "company", "on_day", "until_day", "created_at"),
}
UNDOABLE = (*UNDO_COLUMNS, *LATER_COLUMNS)

# PostgreSQL names a row by these columns (SQLite by its rowid).
KEYS = {
    "event_person": ("event_id", "contact_id"),
    "application_skill": ("application_id", "skill"),
    "contact_link": ("contact_id", "application_id"),
    "course_skill": ("course_id", "skill"),
    "skill": ("name",),
}

OPS = ("insert", "update", "delete")


def key_of(table: str) -> tuple[str, ...]:
    return KEYS.get(table, ("id",))


def every_table(make: Callable[[str, Sequence[str]], list[str]]) -> list[str]:
    """The statements `make(table, columns)` gives for every table undo covers."""
    return [stmt for table, cols in UNDO_COLUMNS.items() for stmt in make(table, cols)]


def pg_undo_triggers() -> list[str]:
    return [pg_undo_trigger(table) for table in UNDO_COLUMNS]


# --------------------------------------------------------------------------- 0002_undo (SQL text)


def undo_triggers(table: str, columns: Sequence[str]) -> list[str]:
    """0002: triggers that record, for every change to `table`, the SQL that reverses it."""
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


UNDO_TABLES = (
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


def pg_undo_trigger(table: str) -> str:
    keys = ", ".join(f"'{k}'" for k in key_of(table))
    return (
        f"CREATE TRIGGER undo_{table} AFTER INSERT OR UPDATE OR DELETE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION undo_record({keys})"
    )


# --------------------------------------------------------------------------- 0005_undo_as_data

# Not while the newest undo point is a replay (undo itself): its changes are not logged.
_RECORDING = "(SELECT label FROM undo_point ORDER BY id DESC LIMIT 1) IS NOT ''"


# Columns declared REAL: their values are written with all 17 digits (JSON numbers from
# SQLite keep 15), as a one-element array, so an undo puts back exactly what was there.
REAL_COLUMNS = {("course", "hours_per_week"), ("course_log", "hours")}


def _image(table: str, columns: Sequence[str], row: str = "OLD") -> str:
    """SQL for a JSON object of a row's values (rowid included)."""

    def value(c: str) -> str:
        if (table, c) in REAL_COLUMNS:
            return (
                f"CASE typeof({row}.{c}) WHEN 'real' THEN json_array(printf('%!.17g', {row}.{c})) "
                f"ELSE {row}.{c} END"
            )
        return f"{row}.{c}"

    return "json_object(" + ", ".join(f"'{c}', {value(c)}" for c in ("rowid", *columns)) + ")"


def data_triggers(table: str, columns: Sequence[str]) -> list[str]:
    """0004: triggers that record each change to `table` as data (op, rowid, old values).
    A BLOB cannot be recorded (JSON has none): jobhunt never stores one."""
    record = (
        "INSERT INTO undo_log (point_id, tbl, op, row_key, old) "
        "SELECT max(id), '{table}', '{op}', {key}, {old} FROM undo_point"
    )
    when = f"FOR EACH ROW WHEN {_RECORDING} BEGIN "
    return [
        f"CREATE TRIGGER undo_{table}_insert AFTER INSERT ON {table} {when}"
        + record.format(table=table, op="insert", key="NEW.rowid", old="NULL")
        + "; END",
        f"CREATE TRIGGER undo_{table}_update AFTER UPDATE ON {table} {when}"
        + record.format(table=table, op="update", key="NEW.rowid", old=_image(table, columns))
        + "; END",
        f"CREATE TRIGGER undo_{table}_delete AFTER DELETE ON {table} {when}"
        + record.format(table=table, op="delete", key="OLD.rowid", old=_image(table, columns))
        + "; END",
    ]


DATA_LOG = (
    """CREATE TABLE undo_log (
            seq INTEGER PRIMARY KEY,
            point_id INTEGER,
            tbl TEXT NOT NULL,
            op TEXT NOT NULL CHECK (op IN ('insert','update','delete')),
            row_key TEXT NOT NULL,
            old TEXT
        )""",
    "CREATE INDEX ix_undo_log_point ON undo_log (point_id)",
)

# The old history is SQL text: deleted, never read.
DROP_TEXT_LOG = ("DROP TABLE undo_log", "DELETE FROM undo_point")


def drop_text_triggers() -> list[str]:
    return [f"DROP TRIGGER undo_{table}_{op}" for table in UNDO_COLUMNS for op in OPS]


PG_DATA_FUNCTION = """CREATE FUNCTION undo_record() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
    image jsonb;
    key jsonb;
BEGIN
    IF (SELECT label FROM undo_point ORDER BY id DESC LIMIT 1) = '' THEN
        RETURN NULL;  -- a replay (undo itself) is not logged
    END IF;
    image := to_jsonb(CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END);
    SELECT jsonb_object_agg(k, image -> k) INTO key FROM unnest(TG_ARGV) AS k;
    INSERT INTO undo_log (point_id, tbl, op, row_key, old)
        SELECT max(id), TG_TABLE_NAME, lower(TG_OP), key::text,
               CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE to_jsonb(OLD)::text END
        FROM undo_point;
    RETURN NULL;
END
$fn$"""


def pg_drop_text() -> list[str]:
    return [
        *(f"DROP TRIGGER undo_{table} ON {table}" for table in UNDO_COLUMNS),
        "DROP FUNCTION undo_record()",
        *DROP_TEXT_LOG,
    ]
