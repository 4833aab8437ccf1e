"""`jobhunt backup` and `jobhunt restore`: consistent copies of the store, and putting
one back safely (the current store is kept first)."""

from __future__ import annotations

from typing import Annotated

import typer

from jobhunt.cli._common import Json, Yes, confirm, state


def _summary(counts: dict[str, int]) -> str:
    return ", ".join(f"{n} {name}" for name, n in counts.items())


def backup(
    ctx: typer.Context,
    target: Annotated[
        str | None,
        typer.Argument(
            metavar="PATH",
            help="Where to write the copy: a new file, or a folder to put it in "
            "(default: the 'backups' folder next to the store).",
        ),
    ] = None,
    as_json: Json = False,
) -> None:
    """Make a consistent copy of the store (SQLite's backup API, checked, private 0600)
    and print where it is. Safe while another jobhunt is running."""
    import os
    from pathlib import Path

    from jobhunt import store
    from jobhunt.errors import InputError, StoreError
    from jobhunt.render import Output, clean

    st = state(ctx)
    path = st.path
    if not path.is_file():
        raise StoreError(
            f"there is no store at {path} to back up",
            hint="check --db or JOBHUNT_DB (see: jobhunt doctor)",
        )
    conn = st.conn()
    name = f"{path.stem}-{store.backup_stamp()}-manual.db"
    try:
        if target is None:
            made = store.backup_named(conn, store.backup_dir(path), name)
        else:
            dest = Path(target).expanduser()
            if dest.is_dir() or target.endswith(("/", os.sep)):
                made = store.backup_named(conn, dest, name)
            elif dest.exists() or dest.is_symlink():
                raise InputError(
                    f"{dest} already exists; it was left untouched",
                    hint="give a new file name, or a folder to put the backup in",
                )
            else:
                made = store.backup_to(conn, dest)
    except FileExistsError:
        raise InputError(f"{target} already exists; it was left untouched") from None
    except OSError as exc:
        raise StoreError(f"cannot write the backup: {exc.strerror} ({exc.filename})") from None
    out = Output(as_json=as_json)
    if out.is_json:
        out.json(backup=str(made), bytes=made.stat().st_size, store=str(path))
    else:
        out.line(clean(str(made)))


def restore(
    ctx: typer.Context,
    source: Annotated[
        str,
        typer.Argument(metavar="PATH", help="The backup file to put back (see: jobhunt backup)."),
    ],
    yes: Yes = False,
    as_json: Json = False,
) -> None:
    """Replace the store with a backup. The file is checked first (an intact jobhunt
    store this version understands) and a copy of the current store is kept in the
    backups folder (…-pre-restore.db); a damaged store is moved there as it is.
    Asks first unless --yes."""
    import sqlite3
    from pathlib import Path

    from jobhunt import store
    from jobhunt.errors import InputError, StoreError
    from jobhunt.render import Output, clean

    path = state(ctx).path
    src = Path(source).expanduser()
    if path.exists() and src.exists() and src.resolve() == path.resolve():
        raise InputError(f"{src} is the store itself; give a backup file")
    staged = store.stage_restore(src, path.parent)
    conn: sqlite3.Connection | None = None
    try:
        peek = sqlite3.connect(str(staged))
        try:
            incoming = store.record_counts(peek)
            had = set(store.applied_migrations(peek))
        finally:
            peek.close()
        existed = path.is_file() and path.stat().st_size > 0
        damaged = None
        try:
            conn = store.open_store(path)
            current = store.record_counts(conn) if existed else {}
        except StoreError as exc:
            # A damaged store is what restore is for; any other refusal (not a jobhunt
            # store, newer, read-only) stands: replacing that file could destroy data.
            if not existed or exc.hint != store.RESTORE_HINT:
                raise
            damaged = exc.message
        except sqlite3.DatabaseError as exc:
            if "malformed" not in str(exc):
                raise
            damaged = f"the store {path} is damaged ({exc})"
        what = f"{clean(str(src))} ({_summary(incoming)})"
        if damaged is not None:
            if conn is not None:
                conn.close()
            confirm(
                f"{clean(damaged)}. Replace it with {what}? The damaged file is kept in the "
                "backups folder.",
                yes,
            )
            kept = store.replace_damaged(path, staged)
            conn = store.open_store(path)
        else:
            assert conn is not None
            if existed:
                confirm(
                    f"Replace the store {clean(str(path))} ({_summary(current)}) with {what}? "
                    "A copy of the current store is kept first.",
                    yes,
                )
            kept = store.auto_backup(conn, path, reason="restore") if existed else None
            store.restore_from(conn, staged)
            store.migrate(conn, path)
        migrated = [m for m in store.applied_migrations(conn) if m not in had]
        counts = store.record_counts(conn)
    finally:
        store.remove_staged(staged)
        if conn is not None:
            conn.close()
    out = Output(as_json=as_json)
    if out.is_json:
        out.json(
            restored=str(src),
            store=str(path),
            previous=str(kept) if kept else None,
            damaged=damaged is not None,
            counts=counts,
            migrated=migrated,
        )
        return
    out.line(f"Restored {what} into {clean(str(path))}.")
    if kept and damaged is not None:
        out.line(f"The damaged store was moved to {clean(str(kept))}.")
    elif kept:
        out.line(f"The store as it was is kept in {clean(str(kept))}.")
