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

    done = store.undo_last(state(ctx).conn())
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
    location. Exits non-zero when something is wrong, and says what to do."""
    from jobhunt import store
    from jobhunt.location import HINT, risk
    from jobhunt.migrations import MIGRATIONS
    from jobhunt.render import Output

    st = state(ctx)
    path = st.path
    conn = st.conn()
    checks: list[dict[str, object]] = []

    def check(name: str, ok: bool, detail: str, fix: str | None = None) -> None:
        checks.append({"check": name, "ok": ok, "detail": detail, "fix": None if ok else fix})

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
    applied = store.applied_migrations(conn)
    known = [m.name for m in MIGRATIONS]
    check(
        "schema",
        applied == known,
        f"version {len(applied)} ({applied[-1] if applied else 'none'})",
        "upgrade jobhunt",
    )
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
