"""Tools for the user's data: `undo` the last change, and `doctor` to check the store."""

from __future__ import annotations

import typer

from jobhunt.cli._common import Json, state


def undo(ctx: typer.Context, as_json: Json = False) -> None:
    """Revert the last command that changed data (add, edit, rm, log, status, touch,
    import...), and say what was reverted. Run it again to go further back."""
    from jobhunt import store
    from jobhunt.errors import JobhuntError
    from jobhunt.render import Output, clean

    st = state(ctx)
    conn = st.conn()
    with store.long_writer(conn, st.command):  # the undo of an import may take a while
        done = store.undo_last(conn)
    if done is None:
        raise JobhuntError("nothing to undo", hint="only changes made since undo was set up count")
    label, when, changes = done
    out = Output(as_json=as_json)
    if out.is_json:
        out.json(reverted=label, at=when, changes=changes)
    else:
        plural = "s" if changes != 1 else ""
        out.line(f"Reverted: {clean(label)} (from {when}, {changes} change{plural})")


def doctor(ctx: typer.Context, as_json: Json = False) -> None:
    """Check the store: integrity, foreign keys, schema version, file permissions and
    location (on PostgreSQL: the server, profile, schema and writer lock; the password
    is never shown). Exits non-zero when something is wrong, and says what to do."""
    from jobhunt import store
    from jobhunt.location import HINT, risk

    st = state(ctx)
    checks: list[dict[str, object]] = []

    def check(name: str, ok: bool, detail: str, fix: str | None = None) -> None:
        checks.append({"check": name, "ok": ok, "detail": detail, "fix": None if ok else fix})

    try:
        conn = st.conn()
    except store.SchemaMismatch as exc:  # refused before anything else is read
        check("store", True, st.target.shown)
        check("schema", False, f"objects jobhunt did not make: {exc.shown}", exc.hint)
        _report(checks, as_json)
        return

    if st.is_pg:
        _pg_checks(st, conn, check)
        _report(checks, as_json)
        return
    path = st.path
    check("store", True, str(path))
    integrity = [r[0] for r in conn.execute("PRAGMA integrity_check")]
    check(
        "integrity",
        integrity == ["ok"],
        "; ".join(integrity[:3]),
        "restore a backup: jobhunt restore PATH",
    )
    fk = conn.execute("PRAGMA foreign_key_check").fetchall()
    check(
        "foreign keys",
        not fk,
        "ok" if not fk else f"{len(fk)} rows point at missing records",
        "restore a backup: jobhunt restore PATH",
    )
    _schema_check(conn, check)
    for what, target, wanted in [
        ("data directory", path.parent, 0o700),
        ("store", path, 0o600),
        ("write-ahead log", path.with_name(path.name + "-wal"), 0o600),
        ("shared memory", path.with_name(path.name + "-shm"), 0o600),
    ]:
        if not target.exists():
            continue
        mode = store.file_mode(target)
        check(
            f"permissions of {what}",
            mode & 0o077 == 0,
            oct(mode),
            f"chmod {oct(wanted)[2:]} {target}",
        )
    problem = risk(path)
    check("location", problem is None, problem or "local disk", HINT)
    _file_checks(path, check)
    _report(checks, as_json)


def _file_checks(path, check) -> None:  # type: ignore[no-untyped-def]
    """Reported only when there is something to fix: backup files that fail their check
    (what a full disk left), and what a killed restore or backup left behind."""
    import shlex

    from jobhunt import store

    bad = store.bad_backups(path)
    if bad:
        check(
            "backups",
            False,
            f"{len(bad)} backup files fail their check (empty or cut short); they are not "
            "counted when old backups are pruned",
            "rm -f " + " ".join(shlex.quote(str(p)) for p in bad),
        )
    left = store.leftovers(path.parent) + store.leftovers(store.backup_dir(path))
    if left:
        size = sum(p.stat().st_size for p in left if p.exists())
        check(
            "leftovers",
            False,
            f"{len(left)} files ({size} bytes) left by a restore or backup that was killed",
            "rm -f " + " ".join(shlex.quote(str(p)) for p in left),
        )


def _schema_check(conn, check) -> None:  # type: ignore[no-untyped-def]
    from jobhunt import store
    from jobhunt.migrations import MIGRATIONS

    applied = store.applied_migrations(conn)
    known = [m.name for m in MIGRATIONS]
    check(
        "schema",
        applied == known,
        f"version {len(applied)} ({applied[-1] if applied else 'none'})",
        "upgrade jobhunt",
    )


def _pg_checks(st, conn, check) -> None:  # type: ignore[no-untyped-def]
    """PostgreSQL: the server keeps integrity and foreign keys; check what jobhunt can."""
    import os

    from jobhunt.backend import has_password
    from jobhunt.store.pg import LOCK_CLASS

    target = st.target
    check("store", True, f"{target.shown} (PostgreSQL)")
    check("profile", True, f"{target.profile} (schema {target.schema})")
    version = conn.execute("SHOW server_version").fetchone()[0]
    check("server", True, f"PostgreSQL {version}")
    _schema_check(conn, check)
    if has_password(target.url):
        source = "in the JOBHUNT_DB URL (never shown); ~/.pgpass keeps it out of the environment"
    elif os.environ.get("PGPASSWORD"):
        source = "from PGPASSWORD"
    else:
        source = "from the password file (PGPASSFILE or ~/.pgpass), or none needed"
    check("password", True, source)
    lock = conn.execute(
        "SELECT pg_try_advisory_lock(?, hashtext(?))", (LOCK_CLASS, target.schema)
    ).fetchone()[0]
    if lock:
        conn.execute("SELECT pg_advisory_unlock(?, hashtext(?))", (LOCK_CLASS, target.schema))
    check(
        "writers",
        bool(lock),
        "no other jobhunt is writing" if lock else "another jobhunt holds the writer lock",
        "wait for it to finish; a stuck one shows in pg_stat_activity (application_name jobhunt)",
    )


def _report(checks: list[dict[str, object]], as_json: bool) -> None:
    from jobhunt.render import Output

    healthy = all(c["ok"] for c in checks)
    out = Output(as_json=as_json)
    if out.is_json:
        out.json(ok=healthy, checks=checks)
    else:
        for c in checks:
            mark = "ok " if c["ok"] else "BAD"
            line = f"{mark} {c['check']}: {c['detail']}"
            if not c["ok"]:
                line += f" -> {c['fix']}"
            out.line(line)
    if not healthy:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command()(undo)
    app.command()(doctor)
