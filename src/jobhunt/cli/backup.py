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
    from jobhunt import store

    where = Path(exc.filename or ".")
    return store.BackupFailed(where, store.failure(where.parent, exc))


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
    """Replace the store's records with a backup's. The file is checked first (an intact
    jobhunt store this version understands, with no schema jobhunt did not make) and a
    copy of the current store is kept in the backups folder (…-pre-restore.db); a
    damaged store is moved there as it is. The restore is one step: `jobhunt undo`
    brings back the store as it was. Asks first unless --yes."""
    from jobhunt import store
    from jobhunt.errors import InputError

    st = state(ctx)
    src = Path(source).expanduser()
    if st.is_pg:
        _restore_pg(st, src, yes, as_json)
        return
    path = st.path
    if path.exists() and src.exists() and src.resolve() == path.resolve():
        raise InputError(f"{src} is the store itself; give a backup file")
    staged = store.stage_restore(src, path.parent)
    try:
        _restore_sqlite(st, src, staged, yes, as_json)
    finally:
        store.remove_staged(staged)


def _restore_sqlite(st, src: Path, staged: Path, yes: bool, as_json: bool) -> None:  # type: ignore[no-untyped-def]
    import sqlite3

    from jobhunt import store
    from jobhunt.errors import StoreError
    from jobhunt.render import clean

    path = st.path
    had = _applied(staged)
    incoming = store.open_staged(staged)
    conn = None
    try:
        what = f"{clean(str(src))} ({_summary(store.record_counts(incoming))})"
        existed = path.is_file() and path.stat().st_size > 0
        damaged = None
        try:
            conn = store.open_store(path)
            current = store.record_counts(conn) if existed else {}
        except StoreError as exc:
            # A damaged store is what restore is for; any other refusal (not a jobhunt
            # store, newer, read-only, a schema jobhunt did not make) stands.
            if not existed or exc.hint != store.RESTORE_HINT:
                raise
            damaged = exc.message
        except sqlite3.DatabaseError as exc:
            if "malformed" not in str(exc):
                raise
            damaged = f"the store {path} is damaged ({exc})"
        if damaged is not None:
            confirm(
                f"{clean(damaged)}. Replace it with {what}? The damaged file is kept in the "
                "backups folder.",
                yes,
            )
            with store.transaction(incoming):  # the backup's own undo steps do not apply
                incoming.execute("DELETE FROM undo_log")
                incoming.execute("DELETE FROM undo_point")
            incoming.close()
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

            def keep() -> Path | None:
                if not existed:
                    return None
                reader = store.connect(path)  # sees what the writer lock now holds still
                try:
                    return store.auto_backup(reader, path, reason="restore")
                finally:
                    reader.close()

            kept = _replace(st, conn, incoming, str(path), keep)
        migrated = [m for m in store.applied_migrations(conn) if m not in had]
        counts = store.record_counts(conn)
    finally:
        incoming.close()
        if conn is not None:
            conn.close()
    _restored(
        as_json,
        src,
        str(path),
        kept,
        damaged=damaged is not None,
        counts=counts,
        migrated=migrated,
        what=what,
        into=str(path),
        kept_as="The store as it was is kept in",
    )


def _applied(staged: Path) -> set[str]:
    import sqlite3

    peek = sqlite3.connect(str(staged))
    try:
        return {r[0] for r in peek.execute("SELECT name FROM schema_migrations")}
    finally:
        peek.close()


def _replace(st, conn, incoming, shown: str, keep) -> Path | None:  # type: ignore[no-untyped-def]
    """In ONE write transaction (other writers wait, or are refused): keep a copy of the
    current records, then replace them with the backup's, checked. The whole is one undo
    step, so `jobhunt undo` brings back the store as it was."""
    from jobhunt import store
    from jobhunt.copy import copy_checked

    with (
        store.long_writer(conn, st.command),
        store.read_transaction(incoming),
        store.transaction(conn, undo_label=st.command),
    ):
        kept = keep()
        # An existing store keeps its identifier (calendar UIDs, CSV ids); a new one
        # takes the backup's.
        copy_checked(incoming, conn, dst_shown=shown, replace=True, own_identity=kept is not None)
    return kept


def _restored(as_json: bool, src: Path, shown: str, kept: Path | None, **facts) -> None:  # type: ignore[no-untyped-def]
    """Say what was restored: `facts` are damaged, counts, migrated (JSON), and the
    text's into, what and kept_as."""
    from jobhunt.render import Output, clean

    out = Output(as_json=as_json)
    if out.is_json:
        out.json(
            restored=str(src),
            store=shown,
            previous=str(kept) if kept else None,
            damaged=facts["damaged"],
            counts=facts["counts"],
            migrated=facts["migrated"],
        )
        return
    out.line(f"Restored {facts['what']} into {clean(facts['into'])}.")
    if kept and facts["damaged"]:
        out.line(f"The damaged store was moved to {clean(str(kept))}.")
    elif kept:
        out.line(f"{facts['kept_as']} {clean(str(kept))}.")


def pg_backup_dir() -> Path:
    """Where backups of a PostgreSQL profile go: the platform data directory."""
    from jobhunt.backend import default_path

    return default_path().parent / "backups"


def copy_to_new_file(conn, target_shown: str, dest: Path) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Copy the open store `conn` into the new SQLite file `dest` (removed on failure).
    The caller holds a transaction on `conn` (one consistent state is copied)."""
    from jobhunt import store
    from jobhunt.copy import copy_out

    fd = os.open(dest, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)
    try:
        out = store.open_store(dest)
        try:
            return copy_out(conn, out, dst_shown=str(dest))
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
        with store.read_transaction(conn):
            counts = copy_to_new_file(conn, st.target.shown, made)
    except FileExistsError:
        raise InputError(f"{made} already exists; it was left untouched") from None
    except OSError as exc:
        raise _write_error(exc) from None
    _made(made, st.target.shown, as_json, counts=counts)


def _restore_pg(st, src: Path, yes: bool, as_json: bool) -> None:  # type: ignore[no-untyped-def]
    """Replace a PostgreSQL profile's records with an SQLite backup's, in one write
    transaction that first keeps the current records in a backup file."""
    import tempfile

    from jobhunt import store
    from jobhunt.render import clean

    target = st.target
    with tempfile.TemporaryDirectory(prefix="jobhunt-restore-") as tmp:
        staged = store.stage_restore(src, Path(tmp))
        had = _applied(staged)
        incoming = store.open_staged(staged)
        try:
            conn = st.conn()
            current = store.record_counts(conn)
            what = f"{clean(str(src))} ({_summary(store.record_counts(incoming))})"
            if any(current.values()):
                confirm(
                    f"Replace profile {target.profile} in {clean(target.shown)} "
                    f"({_summary(current)}) with {what}? A copy of the current records is "
                    "kept first.",
                    yes,
                )

            def keep() -> Path | None:
                if not any(current.values()):
                    return None
                folder = pg_backup_dir()
                store.ensure_private_dir(folder)
                name = f"{target.schema}-{store.backup_stamp()}-pre-restore.db"
                made = next(store.free_names(folder, name))
                copy_to_new_file(conn, target.shown, made)
                return made

            kept = _replace(st, conn, incoming, target.shown, keep)
            counts = store.record_counts(conn)
        finally:
            incoming.close()
    _restored(
        as_json,
        src,
        target.shown,
        kept,
        damaged=False,
        counts=counts,
        migrated=[m for m in store.applied_migrations(conn) if m not in had],
        what=what,
        into=f"{target.shown} (profile {target.profile})",
        kept_as="The records as they were are kept in",
    )
