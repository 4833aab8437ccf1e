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
    if dest.is_pg == source.is_pg and (
        (dest.is_pg and dest.conninfo == source.conninfo and dest.profile == source.profile)
        or (
            not dest.is_pg
            and dest.path is not None
            and source.path is not None
            and dest.path.exists()
            and source.path.exists()
            and dest.path.resolve() == source.path.resolve()
        )
    ):
        raise InputError("--to names the store itself; give another store")
    if not source.is_pg and (source.path is None or not source.path.is_file()):
        raise StoreError(
            f"there is no store at {source.shown} to copy",
            hint="check --db, JOBHUNT_DB and --profile (see: jobhunt doctor)",
        )
    src = st.conn()
    created = not dest.is_pg and dest.path is not None and not dest.path.exists()
    try:
        dst = store.open_target(dest)
    except BaseException:
        if created and dest.path is not None:
            store.remove_staged(dest.path)
        raise
    try:
        counts = copy_store(src, dst, dst_shown=dest.shown)
    except BaseException:
        dst.close()
        if created and dest.path is not None:
            store.remove_staged(dest.path)  # no half-made file left behind
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
    use = f"export JOBHUNT_DB={clean(dest.shown)}"
    if dest.profile != backend.DEFAULT_PROFILE:
        use += f" JOBHUNT_PROFILE={dest.profile}"
    out.line(f"To use the copy: {use}")


def profiles(ctx: typer.Context, as_json: Json = False) -> None:
    """List the profiles in this store (each job seeker's own records) with what each
    holds. On SQLite they are files beside the store; on PostgreSQL, schemas."""
    from jobhunt import backend, store
    from jobhunt.render import Output

    st = state(ctx)
    target = st.target
    found: list[tuple[str, dict[str, int]]] = []
    if target.is_pg:
        from jobhunt import pg

        conn = pg.connect(target)
        try:
            names = pg.profiles(conn)
        finally:
            conn.close()
        for name in names:
            conn = store.open_target(backend.Target("postgresql", profile=name, url=target.url))
            try:
                found.append((name, store.record_counts(conn)))
            finally:
                conn.close()
    else:
        base = backend.profile_path(target.path, backend.DEFAULT_PROFILE)  # type: ignore[arg-type]
        if target.profile != backend.DEFAULT_PROFILE:
            assert target.path is not None
            base = target.path.with_name(target.path.name.replace(f".{target.profile}.", ".", 1))
        candidates = [(backend.DEFAULT_PROFILE, base)]
        prefix, suffix = f"{base.stem}.", base.suffix or ".db"
        if base.parent.is_dir():
            for entry in sorted(base.parent.iterdir()):
                middle = entry.name[len(prefix) : -len(suffix)]
                if (
                    entry.name.startswith(prefix)
                    and entry.name.endswith(suffix)
                    and backend.PROFILE_RE.match(middle)
                    and middle != backend.DEFAULT_PROFILE
                ):
                    candidates.append((middle, entry))
        for name, path in candidates:
            if path.is_file():
                conn = store.open_store(path)
                try:
                    found.append((name, store.record_counts(conn)))
                finally:
                    conn.close()
    found.sort()
    out = Output(as_json=as_json)
    if out.is_json:
        out.json(
            store=target.shown,
            profiles=[{"profile": name, "counts": counts} for name, counts in found],
        )
        return
    columns = ("Profile", "Applications", "Contacts", "Events", "Courses")
    out.table(columns, [(name, *counts.values()) for name, counts in found])
