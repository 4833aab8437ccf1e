"""PostgreSQL connections that read like the SQLite ones (`jobhunt[postgres]`).

The read path in `store.py` is written once, in SQL both databases accept, against
DB-API connections. This module gives a psycopg connection the same face as the
`sqlite3` one: `execute(sql, params)` with `?` placeholders, days read back as
ISO text (as SQLite stores them), autocommit between explicit transactions, and the
profile's schema as the search path. Writers are serialised per profile with an
advisory lock, held to the end of the transaction: the equivalent of SQLite's
BEGIN IMMEDIATE, so read-modify-write commands never lose an update.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

from jobhunt.backend import Target, mask_text
from jobhunt.errors import StoreError
from jobhunt.store import connection
from jobhunt.store.connection import busy_timeout_ms

LOCK_CLASS = 0x6A6F62  # "job": the first key of jobhunt's advisory locks
CONNECT_TIMEOUT_S = 10


def _import_psycopg():  # type: ignore[no-untyped-def]
    try:
        import psycopg
    except ImportError:
        raise StoreError(
            "PostgreSQL support is not installed",
            hint="pip install 'jobhunt[postgres]'",
        ) from None
    return psycopg


@lru_cache(maxsize=256)
def qmark_to_format(sql: str) -> str:
    """`?` placeholders as psycopg's `%s` (a literal % doubled). jobhunt's SQL has no
    `?` or `%` inside string literals."""
    return sql.replace("%", "%%").replace("?", "%s")


def quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class PgConnection:
    """A psycopg connection with the sqlite3 connection's face (see the module doc)."""

    dialect = "postgresql"

    def __init__(self, raw: Any, target: Target) -> None:
        self.raw = raw
        self.target = target

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        if params:
            return self.raw.execute(qmark_to_format(sql), tuple(params))
        return self.raw.execute(sql)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        rows = [tuple(r) for r in rows]
        if rows:
            with self.raw.cursor() as cur:
                cur.executemany(qmark_to_format(sql), rows)

    def begin_write(self) -> None:
        """Start a write transaction, queued behind any other writer of this profile."""
        self.raw.execute("BEGIN")
        lock_writers(self.raw, self.target)

    def begin_read(self) -> None:
        """Start a read-only transaction that sees one consistent state."""
        self.raw.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")

    def close(self) -> None:
        self.raw.close()


def lock_writers(raw: Any, target: Target) -> None:
    """Take this profile's writer lock for the rest of the transaction: at once when it
    is free; else wait (lock_timeout, the busy timeout), and keep waiting while the
    holder is a jobhunt that said it is a long writer (`connection.long_writer`),
    saying once what is waited for."""
    key = (LOCK_CLASS, target.schema)
    if raw.execute("SELECT pg_try_advisory_xact_lock(%s, hashtext(%s))", key).fetchone()[0]:
        return
    from jobhunt.store import waiting

    psycopg = _import_psycopg()
    told = False
    while True:
        raw.execute("SAVEPOINT jobhunt_writer")
        try:
            raw.execute("SELECT pg_advisory_xact_lock(%s, hashtext(%s))", key)
        except (psycopg.errors.LockNotAvailable, psycopg.errors.QueryCanceled):
            raw.execute("ROLLBACK TO SAVEPOINT jobhunt_writer")
            holder = _long_holder(raw, target)
            if holder is None:
                raise
            if not told:
                waiting.say(holder, connection.on_wait)
            told = True
            continue
        raw.execute("RELEASE SAVEPOINT jobhunt_writer")
        return


def _long_holder(raw: Any, target: Target) -> str | None:
    """What the holder of the profile's writer lock runs, if it is a long writer."""
    row = raw.execute(
        "SELECT a.pid, a.application_name, a.xact_start FROM pg_locks l "
        "JOIN pg_stat_activity a ON a.pid = l.pid "
        "WHERE l.locktype = 'advisory' AND l.granted AND l.classid = %s "
        "AND l.objid = ((hashtext(%s)::bigint + 4294967296) %% 4294967296)::oid",
        (LOCK_CLASS, target.schema),
    ).fetchone()
    from jobhunt.store.waiting import LONG

    if row is None or not str(row[1]).startswith(LONG):
        return None
    return f"{row[1][len(LONG) :]} (server process {row[0]}, since {row[2]:%H:%M:%S})"


def raw_connect(
    target: Target,
    *,
    timeout: float | None = None,
    text_days: bool = False,
    autocommit: bool = False,
) -> Any:
    """A psycopg connection to `target`, its search path set to the profile's schema.

    The password comes from the URL, PGPASSWORD or the password file (libpq reads
    them); no message shows it. Without `autocommit` (SQLAlchemy's engine), the
    connection is handed over outside any transaction.
    """
    psycopg = _import_psycopg()
    kwargs: dict[str, Any] = {"autocommit": autocommit, "application_name": "jobhunt"}
    if timeout is not None:
        kwargs["connect_timeout"] = max(1, int(timeout))
    elif "connect_timeout" not in target.conninfo and not os.environ.get("PGCONNECT_TIMEOUT"):
        kwargs["connect_timeout"] = CONNECT_TIMEOUT_S
    try:
        raw = psycopg.connect(target.conninfo, **kwargs)
    except psycopg.Error as exc:
        raise StoreError(
            f"cannot connect to PostgreSQL at {target.shown}: {describe(exc, target)}",
            hint="check the URL, that the server runs, and the password (~/.pgpass, "
            "PGPASSFILE or PGPASSWORD)",
        ) from None
    if text_days:
        from psycopg.types.string import TextLoader

        raw.adapters.register_loader("date", TextLoader)
    # A writer waits for the one before it as long as SQLite's busy timeout, then fails
    # cleanly ("locked") instead of hanging behind a stuck process.
    raw.execute(
        f"SET search_path TO {quote_ident(target.schema)}; "
        f"SET lock_timeout = {max(1, busy_timeout_ms())}"  # 0 would mean: wait forever
    )
    if not autocommit:
        raw.commit()  # SET is transactional: keep it past the engine's first rollback
    return raw


def connect(target: Target, *, timeout: float | None = None) -> PgConnection:
    return PgConnection(
        raw_connect(target, timeout=timeout, text_days=True, autocommit=True), target
    )


def describe(exc: BaseException, target: Target | None = None) -> str:
    """A driver error as one line, password masked."""
    lines = [line.strip() for line in str(exc).strip().splitlines() if line.strip()]
    text = lines[0] if lines else type(exc).__name__
    for prefix in ("connection failed: ", "FATAL:  ", "FATAL: "):
        text = text.replace(prefix, "")
    return mask_text(text, target)


def schema_state(conn: PgConnection) -> tuple[bool, set[str], bool]:
    """(schema exists, applied migration names, has other tables) for the profile."""
    schema = conn.target.schema
    exists = conn.execute("SELECT 1 FROM pg_namespace WHERE nspname = ?", (schema,)).fetchone()
    if not exists:
        return False, set(), False
    tables = {
        r[0]
        for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = ?", (schema,))
    }
    applied: set[str] = set()
    if "schema_migrations" in tables:
        applied = {r[0] for r in conn.execute("SELECT name FROM schema_migrations")}
    return True, applied, bool(tables - {"schema_migrations"})


def profiles(conn: PgConnection) -> list[str]:
    """The profiles this database holds (schemas with a jobhunt schema_migrations)."""
    rows = conn.execute(
        "SELECT schemaname FROM pg_tables WHERE tablename = 'schema_migrations' "
        "AND schemaname LIKE 'jobhunt\\_%' ORDER BY schemaname"
    )
    return [r[0].removeprefix("jobhunt_") for r in rows]
