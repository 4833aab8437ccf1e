"""The command line: a root Typer app, one module per noun, one error trap.

Command modules import only light modules at import time; the store, the write path,
the rules and Rich are imported inside the commands that use them.
"""

from __future__ import annotations

import contextlib
import sqlite3
import sys
from typing import Annotated

import typer
from typer.core import TyperGroup

from jobhunt import __version__
from jobhunt.cli import _common
from jobhunt.errors import InputError, JobhuntError, StoreError


def _as_user_error(exc: BaseException, st: _common.State | None = None) -> JobhuntError | None:
    """Turn a known failure of the store into a clean user error, or None for bugs."""
    if isinstance(exc, JobhuntError):
        return exc
    if isinstance(exc, sqlite3.IntegrityError):
        return _refused(str(exc))
    if isinstance(exc, sqlite3.OperationalError):
        text = str(exc)
        if "locked" in text or "busy" in text:
            from jobhunt.store import LOCKED_HINT

            return StoreError("the store is locked by another process", hint=LOCKED_HINT)
        if "readonly" in text or "read-only" in text:
            return StoreError("the store is read-only", hint="check its permissions")
        if "disk" in text and ("full" in text or "I/O" in text):
            return StoreError(f"cannot write the store: {text}")
    if isinstance(exc, sqlite3.DatabaseError) and "malformed" in str(exc):
        return StoreError(
            "the store is damaged (database disk image is malformed)",
            hint="restore a backup: jobhunt restore PATH",
        )
    if type(exc).__module__.startswith("psycopg"):
        return _pg_error(exc, st)
    return None


def _refused(detail: str) -> JobhuntError:
    """A change the store's own constraints refused (two skills that count as the same
    there, say): nothing was written, the transaction was rolled back."""
    return InputError(f"the store refused the change ({detail}); nothing was written")


def _pg_error(exc: BaseException, st: _common.State | None) -> JobhuntError | None:
    """PostgreSQL errors a user can meet (server gone, no rights, full disk) as one line;
    errors that mean a bug in jobhunt are left to surface."""
    import psycopg

    from jobhunt.store.pg import describe

    target = None
    with contextlib.suppress(Exception):
        target = st.target if st is not None else None
    text = describe(exc, target)
    where = f"PostgreSQL at {target.shown}" if target is not None else "PostgreSQL"
    if isinstance(exc, psycopg.IntegrityError):
        return _refused(text)
    if isinstance(exc, psycopg.errors.NumericValueOutOfRange):
        return InputError(f"a number is out of range: {text}")
    if isinstance(exc, psycopg.errors.LockNotAvailable | psycopg.errors.QueryCanceled):
        from jobhunt.store import LOCKED_HINT

        return StoreError(f"the store is locked by another process ({where})", hint=LOCKED_HINT)
    if isinstance(exc, psycopg.errors.InsufficientPrivilege):
        return StoreError(f"{where} refused: {text}", hint="ask the database owner for rights")
    if isinstance(exc, psycopg.errors.ReadOnlySqlTransaction):
        return StoreError(f"{where} is read-only: {text}")
    if isinstance(exc, psycopg.OperationalError | psycopg.errors.AdminShutdown):
        return StoreError(f"lost the connection to {where}: {text}", hint="try again")
    if isinstance(exc, psycopg.errors.DiskFull | psycopg.errors.OutOfMemory):
        return StoreError(f"{where} cannot write: {text}")
    return None


class JobhuntGroup(TyperGroup):
    """The root group: commands loaded on demand, and the single place where errors
    become one line on stderr."""

    def list_commands(self, ctx):  # type: ignore[no-untyped-def]
        return list(COMMANDS)

    def get_command(self, ctx, cmd_name):  # type: ignore[no-untyped-def]
        return build_command(cmd_name) if cmd_name in COMMANDS else None

    def format_commands(self, ctx, formatter) -> None:  # type: ignore[no-untyped-def]
        limit = formatter.width - 6 - max(len(n) for n in COMMANDS)
        rows = []
        for name in COMMANDS:
            text = short_help(name)
            if len(text) > limit:
                text = text[: limit - 3].rsplit(" ", 1)[0] + "..."
            rows.append((name, text))
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def invoke(self, ctx):  # type: ignore[no-untyped-def]
        import shlex

        args = [*getattr(ctx, "_protected_args", []), *ctx.args]
        label = shlex.join(["jobhunt", *args])
        # Arguments that are not valid UTF-8 still make a storable label.
        label = label.encode("utf-8", "backslashreplace").decode("utf-8").replace("\x00", "\\x00")
        st = _common.state(ctx)
        st.command = label
        try:
            st.creates = _creates(args)
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort):
            raise
        except Exception as exc:
            user_error = _as_user_error(exc, _common.state(ctx))
            if user_error is None:
                raise
            from jobhunt.render import error

            error(user_error.message, user_error.hint)
            raise typer.Exit(user_error.exit_code) from None


app = typer.Typer(
    name="jobhunt",
    cls=JobhuntGroup,
    help=(
        "A job-hunt companion: keep applying, learning, networking and following up.\n\n"
        "Run 'jobhunt today' each morning for the day's agenda."
    ),
    no_args_is_help=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"jobhunt {__version__}\n")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def root(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            metavar="PATH|URL",
            help="The store: a file, or a postgresql:// URL without its password "
            "(default: $JOBHUNT_DB, else a file in the platform data directory).",
        ),
    ] = None,
    profile: Annotated[
        str | None,
        typer.Option(
            "--profile",
            metavar="NAME",
            help="Whose job hunt: records are kept apart per profile "
            "(default: $JOBHUNT_PROFILE, else 'default').",
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """A job-hunt companion: keep applying, learning, networking and following up."""
    _private_files(ctx)
    from jobhunt.render import warn
    from jobhunt.store import connection

    connection.on_wait = warn  # "Waiting for another jobhunt to finish: ..."
    st = _common.state(ctx)
    st.db, st.profile = db, profile
    ctx.call_on_close(st.close)
    if ctx.invoked_subcommand is None:
        from jobhunt.cli.today import today

        ctx.invoke(today, ctx=ctx)


# The commands that may make a new named profile: those that add records (and the ones
# that manage stores themselves). Any other command on a profile that does not exist
# says so instead of creating an empty one (a typo in --profile).
CREATING = {
    "add",
    "import",
    "restore",
    "migrate-store",
    "profiles",
    "config",
    "contact add",
    "event add",
    "course add",
    "skills add",
}


def _creates(args: list[str]) -> bool:
    words = [a for a in args[:2] if not a.startswith("-")]
    return bool(words) and (words[0] in CREATING or " ".join(words) in CREATING)


def _private_files(ctx: typer.Context) -> None:
    """While a command runs, nothing it creates (folders above the store, the XDG data
    and config folders, backups) is readable by others, whatever the user's umask; the
    umask is theirs again when the command ends."""
    import os

    old = os.umask(0o077)
    os.umask(old | 0o077)
    ctx.call_on_close(lambda: os.umask(old))


# Every command, in --help order: name -> (module, attribute). The attribute is a
# command function or a Typer sub-app. Modules are imported, and their commands built,
# only when that command runs (building all of them costs ~50 ms a run: Typer evaluates
# every signature), so `jobhunt today` pays only for itself. Add new commands here.
COMMANDS: dict[str, tuple[str, str]] = {
    "today": ("jobhunt.cli.today", "today"),
    "week": ("jobhunt.cli.week", "week"),
    "add": ("jobhunt.cli.applications", "add"),
    "list": ("jobhunt.cli.applications", "list_"),
    "show": ("jobhunt.cli.applications", "show"),
    "edit": ("jobhunt.cli.applications", "edit"),
    "rm": ("jobhunt.cli.applications", "rm"),
    "log": ("jobhunt.cli.followups", "log"),
    "interview": ("jobhunt.cli.followups", "interview"),
    "status": ("jobhunt.cli.followups", "status"),
    "snooze": ("jobhunt.cli.followups", "snooze"),
    "draft": ("jobhunt.cli.draft", "draft"),
    "brief": ("jobhunt.cli.brief", "brief"),
    "contact": ("jobhunt.cli.contacts", "app"),
    "skip": ("jobhunt.cli.skip", "app"),
    "event": ("jobhunt.cli.events", "app"),
    "course": ("jobhunt.cli.courses", "app"),
    "skills": ("jobhunt.cli.skills", "skills_app"),
    "undo": ("jobhunt.cli.maintenance", "undo"),
    "doctor": ("jobhunt.cli.maintenance", "doctor"),
    "backup": ("jobhunt.cli.backup", "backup"),
    "restore": ("jobhunt.cli.backup", "restore"),
    "migrate-store": ("jobhunt.cli.movestore", "migrate_store"),
    "profiles": ("jobhunt.cli.movestore", "profiles"),
    "stats": ("jobhunt.cli.stats", "stats"),
    "config": ("jobhunt.cli.config", "app"),
    "import": ("jobhunt.cli.imports", "app"),
    "export": ("jobhunt.cli.exports", "app"),
}

_BUILT: dict[str, object] = {}


def _target(name: str):  # type: ignore[no-untyped-def]
    import importlib

    module, attribute = COMMANDS[name]
    return getattr(importlib.import_module(module), attribute)


class LazySubGroup(TyperGroup):
    """A command group (contact, course...) whose commands are built when first asked
    for: `jobhunt contact touch` builds `touch` alone, not the group's eight (Typer
    evaluates every signature it builds, ~2 ms each)."""

    lazy: dict  # name -> Typer CommandInfo, in registration order

    def list_commands(self, ctx):  # type: ignore[no-untyped-def]
        return list(self.lazy)

    def get_command(self, ctx, cmd_name):  # type: ignore[no-untyped-def]
        if cmd_name not in self.commands and cmd_name in self.lazy:
            from typer.main import get_command

            single = typer.Typer(rich_markup_mode=None, add_completion=False)
            single.registered_commands.append(self.lazy[cmd_name])
            self.commands[cmd_name] = get_command(single)
        return self.commands.get(cmd_name)


def build_command(name: str):  # type: ignore[no-untyped-def]
    """The Click command for `name`, built on first use and cached."""
    if name not in _BUILT:
        from typer.main import get_command

        target = _target(name)
        if isinstance(target, typer.Typer):
            target.info.name = name
            target._add_completion = False  # completion options belong to the root only
            if target.registered_callback is None:  # (import, export) built whole
                _BUILT[name] = get_command(target)
                return _BUILT[name]
            infos = target.registered_commands
            target.registered_commands = []  # the group alone: its callback and options
            try:
                group = get_command(target)
            finally:
                target.registered_commands = infos
            group.__class__ = LazySubGroup
            group.lazy = {info.name or info.callback.__name__: info for info in infos}
            _BUILT[name] = group
        else:
            single = typer.Typer(rich_markup_mode=None, add_completion=False)
            single.command(name)(target)
            _BUILT[name] = get_command(single)
    return _BUILT[name]


def short_help(name: str) -> str:
    """A command's one-line help, without building it."""
    target = _target(name)
    if isinstance(target, typer.Typer):
        callback = target.registered_callback
        doc = target.info.help or (
            callback.callback.__doc__ if callback and callback.callback else ""
        )
    else:
        doc = target.__doc__
    doc = doc or ""
    return " ".join(doc.strip().split("\n\n")[0].split())


def main() -> None:
    app(prog_name="jobhunt")
