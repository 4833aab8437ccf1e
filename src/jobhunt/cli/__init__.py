"""The command line: a root Typer app, one module per noun, one error trap.

Command modules import only light modules at import time; the store's write path
(SQLModel), the rules and Rich are imported inside the commands that use them.
"""

from __future__ import annotations

import sqlite3
import sys
from typing import Annotated

import typer
from typer.core import TyperGroup

from jobhunt import __version__
from jobhunt.cli import _common
from jobhunt.errors import JobhuntError, StoreError
from jobhunt.store import LOCKED_HINT


def _as_user_error(exc: BaseException) -> JobhuntError | None:
    """Turn a known failure of the store into a clean user error, or None for bugs."""
    if isinstance(exc, JobhuntError):
        return exc
    orig = getattr(exc, "orig", None)  # SQLAlchemy wraps the driver's exception
    if isinstance(orig, sqlite3.Error):
        exc = orig
    if isinstance(exc, sqlite3.OperationalError):
        text = str(exc)
        if "locked" in text or "busy" in text:
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
    return None


class JobhuntGroup(TyperGroup):
    """The root group: the single place where errors become one line on stderr."""

    def invoke(self, ctx):  # type: ignore[no-untyped-def]
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort):
            raise
        except Exception as exc:
            user_error = _as_user_error(exc)
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
            metavar="PATH",
            help="The store file (default: $JOBHUNT_DB, else the platform data directory).",
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """A job-hunt companion: keep applying, learning, networking and following up."""
    _common.state(ctx).db = db
    if ctx.invoked_subcommand is None:
        from jobhunt.cli.today import today

        ctx.invoke(today, ctx=ctx)


def _register() -> None:
    from jobhunt.cli import applications, today

    today.register(app)
    applications.register(app)


_register()


def main() -> None:
    app(prog_name="jobhunt")
