"""`jobhunt migrate-store`: copy the store to another backend (SQLite <-> PostgreSQL)."""

from __future__ import annotations

from typing import Annotated

import typer

from jobhunt.cli._common import Json, state


def migrate_store(
    ctx: typer.Context,
    to: Annotated[
        str,
        typer.Option(
            "--to",
            metavar="PATH|URL",
            help="Where to copy the store: a new SQLite file, or a postgresql:// URL "
            "(no password in it: use ~/.pgpass, PGPASSFILE or PGPASSWORD).",
        ),
    ],
    to_profile: Annotated[
        str | None,
        typer.Option(
            "--to-profile",
            metavar="NAME",
            help="The profile to copy into (default: the same profile).",
        ),
    ] = None,
    as_json: Json = False,
) -> None:
    """Copy this profile's whole store to another store: SQLite to PostgreSQL or back.

    Every record keeps its id. The copy is one transaction, checked before it
    commits (both stores must export the same JSON), and the destination must hold
    no records yet. The original is left as it is; the undo history stays with it.
    Then point jobhunt at the new store (JOBHUNT_DB or --db)."""
    from jobhunt import backend, store
    from jobhunt.copy import copy_store
    from jobhunt.errors import InputError, StoreError
    from jobhunt.render import Output, clean

    st = state(ctx)
    source = st.target
    dest = backend.parse(
        to,
        profile=backend.profile_name(to_profile) if to_profile else source.profile,
        from_command_line=True,
        option="--to",
    )
    if (
        not dest.is_pg
        and not source.is_pg
        and dest.path is not None
        and source.path is not None
        and dest.path.exists()
        and source.path.exists()
        and dest.path.resolve() == source.path.resolve()
    ):  # the same database on PostgreSQL is recognised once connected (_server_of)
        raise InputError("--to names the store itself; give another store")
    if not store.exists(source):
        raise StoreError(
            f"there is no store at {source.shown} (profile {source.profile}) to copy",
            hint="check --db, JOBHUNT_DB and --profile (see: jobhunt profiles)",
        )
    src = st.conn()
    created = not store.exists(dest)  # a store this command makes, removed if it fails
    dst = store.open_target(dest)
    try:
        if dest.is_pg and source.is_pg and _server_of(src) == _server_of(dst):
            raise InputError("--to names the store itself; give another store")
        counts = copy_store(src, dst, dst_shown=dest.shown)
    except BaseException:
        dst.close()
        if created:
            _remove(dest)
        raise
    dst.close()
    out = Output(as_json=as_json)
    if out.is_json:
        out.json(
            source={"store": source.shown, "profile": source.profile},
            destination={"store": dest.shown, "profile": dest.profile},
            counts=counts,
            verified=True,
        )
        return
    summary = ", ".join(f"{n} {name}" for name, n in counts.items())
    out.line(
        f"Copied {clean(source.shown)} (profile {source.profile}) to "
        f"{clean(dest.shown)} (profile {dest.profile}): {summary}."
    )
    out.line("Checked: both stores export the same records. The original is unchanged.")
    use = f"export JOBHUNT_DB={clean(to)}"
    if dest.profile != backend.DEFAULT_PROFILE:
        use += f" JOBHUNT_PROFILE={dest.profile}"
    out.line(f"To use the copy: {use}")


def profiles(ctx: typer.Context, as_json: Json = False) -> None:
    """List the profiles in this store (each job seeker's own records) with what each
    holds. On SQLite they are files beside the store; on PostgreSQL, schemas. Only
    reads: nothing is created or upgraded."""
    from jobhunt.render import Output

    st = state(ctx)
    target = st.target
    if target.is_pg:
        found = _pg_profiles(target)
    else:
        from jobhunt import backend

        found = _sqlite_profiles(backend.resolve(st.db, backend.DEFAULT_PROFILE).path)
    out = Output(as_json=as_json)
    if out.is_json:
        out.json(
            store=target.shown,
            profiles=[
                {"profile": name, "counts": counts, "problem": problem}
                for name, counts, problem in found
            ],
        )
        return
    columns = ("Profile", "Applications", "Contacts", "Events", "Courses")
    rows = [
        (name, *counts.values()) if counts else (name, f"({problem})", "", "", "")
        for name, counts, problem in found
    ]
    out.table(columns, rows)


def _counts(open_conn) -> tuple[dict[str, int] | None, str | None]:  # type: ignore[no-untyped-def]
    from jobhunt import store

    try:
        conn = open_conn()
    except Exception as exc:
        return None, _why(exc)
    try:
        return store.record_counts(conn), None
    except Exception as exc:
        return None, _why(exc)
    finally:
        conn.close()


def _why(exc: BaseException) -> str:
    from jobhunt.errors import JobhuntError

    if isinstance(exc, JobhuntError):
        return exc.message
    return "not a readable jobhunt store"


def _pg_profiles(target) -> list[tuple]:  # type: ignore[no-untyped-def]
    from jobhunt import backend
    from jobhunt.store import pg

    conn = pg.connect(target)
    try:
        names = pg.profiles(conn)
    finally:
        conn.close()
    return [
        (
            name,
            *_counts(
                lambda name=name: pg.connect(
                    backend.Target("postgresql", profile=name, url=target.url)
                )
            ),
        )
        for name in names
    ]


def _sqlite_profiles(base) -> list[tuple]:  # type: ignore[no-untyped-def]
    """The default profile's file `base`, and the profile files beside it."""
    from jobhunt import store

    return [
        (name, *_counts(lambda path=path: store.open_read_only(path)))
        for name, path in store.profile_files(base)
    ]


def _server_of(conn) -> tuple:  # type: ignore[no-untyped-def]
    """Which database and profile a PostgreSQL connection reaches (URLs differ in form)."""
    row = conn.execute(
        "SELECT current_database(), inet_server_addr()::text, inet_server_port(), current_schema()"
    ).fetchone()
    return tuple(row)


def _remove(target) -> None:  # type: ignore[no-untyped-def]
    """Take away a store this command created (a failed copy leaves nothing behind)."""
    from jobhunt import store
    from jobhunt.store import pg

    if not target.is_pg:
        store.remove_staged(target.path)
        return
    conn = pg.connect(target)
    try:
        conn.execute(f"DROP SCHEMA IF EXISTS {pg.quote_ident(target.schema)} CASCADE")
    finally:
        conn.close()
