"""`jobhunt backup` and `jobhunt restore`: consistent copies of the store, and putting
one back safely (the current store is kept first)."""

from __future__ import annotations

import os
from pathlib import Path
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
    and print where it is. Safe while another jobhunt is running. On PostgreSQL the
    profile is copied into a new SQLite file (checked the same way); pg_dump backs up
    the whole database."""
    import os
    from pathlib import Path

    from jobhunt import store
    from jobhunt.errors import InputError, StoreError

    st = state(ctx)
    if st.is_pg:
        _backup_pg(st, target, as_json)
        return
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
        raise _write_error(exc) from None
    _made(made, str(path), as_json)


def _write_error(exc: OSError) -> Exception:
    from jobhunt.errors import StoreError

    return StoreError(f"cannot write the backup: {exc.strerror} ({exc.filename})")


def _made(made: Path, shown: str, as_json: bool, **extra: object) -> None:
    """Say where the backup is (the path alone when plain, for scripts)."""
    from jobhunt.render import Output, clean

    out = Output(as_json=as_json)
    if out.is_json:
        out.json(backup=str(made), bytes=made.stat().st_size, store=shown, **extra)
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

    st = state(ctx)
    if st.is_pg:
        _restore_pg(st, Path(source).expanduser(), yes, as_json)
        return
    path = st.path
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
            ident = store.identity(conn) if existed else None
            store.restore_from(conn, staged)
            store.migrate(conn, path)
            if ident is not None:  # the store keeps its identifier (calendar UIDs, CSV ids)
                with store.transaction(conn):
                    store.keep_identity(conn, ident)
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


def pg_backup_dir() -> Path:
    """Where backups of a PostgreSQL profile go: the platform data directory."""
    from jobhunt.backend import default_path

    return default_path().parent / "backups"


def copy_to_new_file(conn, target_shown: str, dest: Path) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Copy the open store `conn` into the new SQLite file `dest` (removed on failure)."""
    from jobhunt import store
    from jobhunt.copy import copy_store

    fd = os.open(dest, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)
    try:
        out = store.open_store(dest)
        try:
            return copy_store(conn, out, dst_shown=str(dest))
        finally:
            out.close()
    except BaseException:
        store.remove_staged(dest)
        raise


def _backup_pg(st, target: str | None, as_json: bool) -> None:  # type: ignore[no-untyped-def]
    from jobhunt import store
    from jobhunt.errors import InputError

    conn = st.conn()
    name = f"{st.target.schema}-{store.backup_stamp()}-manual.db"
    folder = pg_backup_dir() if target is None else Path(target).expanduser()
    if target is not None and not (folder.is_dir() or target.endswith(("/", os.sep))):
        made, folder = folder, folder.parent
        if made.exists() or made.is_symlink():
            raise InputError(
                f"{made} already exists; it was left untouched",
                hint="give a new file name, or a folder to put the backup in",
            )
    else:
        made = next(store.free_names(folder, name))
    try:
        store.ensure_private_dir(folder)
        counts = copy_to_new_file(conn, st.target.shown, made)
    except FileExistsError:
        raise InputError(f"{made} already exists; it was left untouched") from None
    except OSError as exc:
        raise _write_error(exc) from None
    _made(made, st.target.shown, as_json, counts=counts)


def _restore_pg(st, src: Path, yes: bool, as_json: bool) -> None:  # type: ignore[no-untyped-def]
    """Replace a PostgreSQL profile's records with an SQLite backup, in one transaction,
    after keeping the current records in a backup file."""
    import sqlite3
    import tempfile

    from jobhunt import store
    from jobhunt.copy import copy_store
    from jobhunt.render import Output, clean

    target = st.target
    with tempfile.TemporaryDirectory(prefix="jobhunt-restore-") as tmp:
        staged = store.stage_restore(src, Path(tmp))
        peek = sqlite3.connect(staged)
        try:
            had = set(store.applied_migrations(peek))
        finally:
            peek.close()
        incoming = store.open_store(staged)  # brings an older backup up to this schema
        try:
            conn = st.conn()
            current = store.record_counts(conn)
            what = f"{clean(str(src))} ({_summary(store.record_counts(incoming))})"
            kept = None
            if any(current.values()):
                confirm(
                    f"Replace profile {target.profile} in {clean(target.shown)} "
                    f"({_summary(current)}) with {what}? A copy of the current records is "
                    "kept first.",
                    yes,
                )
                folder = pg_backup_dir()
                store.ensure_private_dir(folder)
                name = f"{target.schema}-{store.backup_stamp()}-pre-restore.db"
                kept = next(store.free_names(folder, name))
                copy_to_new_file(conn, target.shown, kept)
            counts = copy_store(incoming, conn, dst_shown=target.shown, replace=True)
        finally:
            incoming.close()
    migrated = [m for m in store.applied_migrations(conn) if m not in had]
    out = Output(as_json=as_json)
    if out.is_json:
        out.json(
            restored=str(src),
            store=target.shown,
            previous=str(kept) if kept else None,
            damaged=False,
            counts=counts,
            migrated=migrated,
        )
        return
    out.line(f"Restored {what} into {clean(target.shown)} (profile {target.profile}).")
    if kept:
        out.line(f"The records as they were are kept in {clean(str(kept))}.")
