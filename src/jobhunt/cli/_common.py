"""What every command shares: the store path, today's date, date options, output.

Kept light on purpose: importing this module must not import SQLAlchemy, SQLModel
or Rich, so `--help` and shell completion stay fast.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from jobhunt.dates import DATE_HELP, parse_day

if TYPE_CHECKING:
    from jobhunt.backend import Target
    from jobhunt.rules import Policy


@dataclass
class State:
    db: str | None = None
    profile: str | None = None
    command: str = "jobhunt"  # the command line, as the label of its undo step
    creates: bool = True  # may this command make a new named profile? (cli: adding ones)
    _conn: sqlite3.Connection | None = None
    _target: Target | None = None

    @property
    def target(self) -> Target:
        """The store this command works on: --db/--profile, the environment, the default.
        A named profile that does not exist is refused unless the command adds records."""
        if self._target is None:
            from jobhunt import backend

            target = backend.resolve(self.db, self.profile)
            if not self.creates and target.profile != backend.DEFAULT_PROFILE:
                from jobhunt import store

                store.require_profile(target, backend.resolve(self.db, backend.DEFAULT_PROFILE))
            self._target = target
        return self._target

    @property
    def is_pg(self) -> bool:
        return self.target.is_pg

    @property
    def path(self) -> Path:
        """The store file (SQLite stores only; check `is_pg` first)."""
        path = self.target.path
        assert path is not None, "a PostgreSQL store has no file"
        return path

    def conn(self) -> sqlite3.Connection:
        """The store, opened (created and migrated if needed) once per command."""
        if self._conn is None:
            from jobhunt import store

            self._conn = store.open_target(self.target)
            if self.is_pg:
                return self._conn
            problem = store.warn_location_once(self._conn, self.path)
            if problem:
                from jobhunt.location import HINT
                from jobhunt.render import warn

                warn(f"Warning: {problem}; {HINT}. (Shown once.)")
        return self._conn

    def close(self) -> None:
        """Close the store when the command ends, whatever happened: a connection left
        to the garbage collector may outlive the process and leave -wal/-shm behind."""
        if self._conn is not None:
            conn, self._conn = self._conn, None
            with contextlib.suppress(Exception):
                conn.close()

    def scoped(self, command: str | None) -> str | None:
        """A suggested `jobhunt ...` command carrying this command's --db and --profile,
        so that running it acts on the same store and profile."""
        if not command or not command.startswith("jobhunt ") or not (self.db or self.profile):
            return command
        import shlex

        extra = ["--db", self.db] if self.db else []
        extra += ["--profile", self.profile] if self.profile else []
        return f"jobhunt {shlex.join(extra)}{command[len('jobhunt') :]}"

    @contextlib.contextmanager
    def writing(self) -> Iterator[sqlite3.Connection]:
        """This command's one write transaction, on the connection it reads with: the
        writer lock (BEGIN IMMEDIATE; PostgreSQL: the profile's advisory lock), an undo
        point labelled with the command line, then COMMIT (ROLLBACK on any error)."""
        from jobhunt import store

        with store.transaction(self.conn(), undo_label=self.command) as conn:
            yield conn


def state(ctx: typer.Context) -> State:
    root = ctx.find_root()
    if not isinstance(root.obj, State):
        root.obj = State()
    return root.obj


def local_today() -> date:
    """The local calendar day (a cron job west of Greenwich must not run a day early).

    JOBHUNT_TODAY=YYYY-MM-DD pretends today is another day (for demos and tests).
    """
    from jobhunt import clock

    return clock.today()


def policy() -> Policy:
    """The rules' numbers: the config file over the defaults (read once per process)."""
    from jobhunt import config

    return config.load_policy()


def day(text: str | None, *, default: date | None = None) -> date:
    """Parse a date option; None gives `default` (today unless said otherwise)."""
    today = local_today()
    if text is None:
        return default or today
    return parse_day(text, today=today, first_weekday=policy().first_weekday)


def fact_day(text: str | None, what: str) -> date:
    """The day a fact happened (a follow-up, a touch, a status, a course log): today by
    default, never after today (a fact dated ahead would count before it happened)."""
    from jobhunt.validate import not_in_future

    return not_in_future(
        day(text), local_today(), what, "give the day it happened (a fact cannot be ahead)"
    )


def maybe_day(text: str | None) -> date | None:
    return None if text is None else day(text)


# Shared option types ---------------------------------------------------------------------

Json = Annotated[bool, typer.Option("--json", help="Print JSON (a versioned envelope).")]
OnDay = Annotated[
    str | None,
    typer.Option("--on", metavar="DATE", help=f"The day it happened (default today). {DATE_HELP}"),
]
Note = Annotated[str | None, typer.Option("--note", "-n", help="A note to keep with it.")]
Yes = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")]


def confirm(question: str, yes: bool) -> None:
    """Ask before destroying data; refuse when there is no one to ask."""
    import sys

    from jobhunt.errors import InputError

    if yes:
        return
    if not sys.stdin.isatty():
        raise InputError(f"{question} Refusing without --yes when not run interactively")
    # Asked on stderr, so stdout stays clean for pipes (click's prompt writes a space there).
    sys.stderr.write(f"{question} [y/N]: ")
    sys.stderr.flush()
    if sys.stdin.readline().strip().lower() not in ("y", "yes"):
        raise typer.Exit(1)


JOB_TYPE_QUESTION = (
    "What kind of job is it? full-time ends the search; part-time, contract or temporary "
    "keep it going"
)


def confirm_job_type(conn: sqlite3.Connection, app_ids: list[int]) -> str | None:
    """Before an acceptance: the type to store, or None when every application has one.

    Without a stored type, ask on a terminal (before any transaction begins); without a
    terminal, refuse: accepting full-time work ends the search, so it is never guessed.
    """
    import sys

    from jobhunt import store
    from jobhunt.choices import JOB_TYPES
    from jobhunt.errors import InputError
    from jobhunt.validate import choice

    untyped = [i for i in app_ids if store.get_application(conn, i).job_type is None]
    if not untyped:
        return None
    hint = f"give it: jobhunt status {' '.join(map(str, app_ids))} accepted --type TYPE"
    if len(app_ids) > 1 or not sys.stdin.isatty():
        raise InputError(f"{JOB_TYPE_QUESTION}; {hint}; nothing was written")
    sys.stderr.write(f"{JOB_TYPE_QUESTION} [{'/'.join(JOB_TYPES)}]: ")
    sys.stderr.flush()
    answer = sys.stdin.readline().strip()
    if not answer:
        raise typer.Exit(1)
    return choice(answer, "job type", JOB_TYPES)


# Shell completion ------------------------------------------------------------------------


def _complete(ctx: typer.Context, table: str, label: str, incomplete: str):
    db = profile = None
    with contextlib.suppress(Exception):
        params = ctx.find_root().params
        db, profile = params.get("db"), params.get("profile")
    from jobhunt import backend, store

    try:
        target = backend.resolve(db, profile)
    except Exception:
        return []
    return store.complete_ids(target, table, label, incomplete)


def complete_application(ctx: typer.Context, incomplete: str):
    return _complete(ctx, "application", "company || ' — ' || role", incomplete)


def complete_contact(ctx: typer.Context, incomplete: str):
    return _complete(ctx, "contact", "name || coalesce(' — ' || company, '')", incomplete)


def complete_course(ctx: typer.Context, incomplete: str):
    return _complete(ctx, "course", "title", incomplete)


def complete_event(ctx: typer.Context, incomplete: str):
    return _complete(ctx, "meetup", "title || ' — ' || on_day", incomplete)


def complete_from(choices: tuple[str, ...]):
    def complete(incomplete: str):
        return [c for c in choices if c.startswith(incomplete.lower())]

    return complete


def via_option(channels: tuple[str, ...]):  # type: ignore[no-untyped-def]
    """The required --via option: one of `channels`, completed from them."""
    return Annotated[
        str,
        typer.Option(
            "--via",
            help="How: " + ", ".join(channels) + ".",
            autocompletion=complete_from(channels),
        ),
    ]


def _in_range(noun: str, hint: str):  # type: ignore[no-untyped-def]
    """A callback for an id option or argument: an id beyond 64 bits names no record
    (checked before anything is opened, so both backends answer alike)."""

    def check(value: int | None) -> int | None:
        from jobhunt.validate import existing_id

        return existing_id(value, noun, hint)

    return check


app_id_in_range = _in_range("application", "see the ids with: jobhunt list")
contact_id_in_range = _in_range("contact", "see the ids with: jobhunt contact list")
course_id_in_range = _in_range("course", "see the ids with: jobhunt course list")
event_id_in_range = _in_range("event", "see the ids with: jobhunt event list")

AppId = Annotated[
    int,
    typer.Argument(
        metavar="ID",
        help="Application id (see: jobhunt list).",
        autocompletion=complete_application,
        callback=app_id_in_range,
    ),
]
ContactId = Annotated[
    int,
    typer.Argument(
        metavar="CONTACT_ID",
        help="Contact id (see: jobhunt contact list).",
        autocompletion=complete_contact,
        callback=contact_id_in_range,
    ),
]
CourseId = Annotated[
    int,
    typer.Argument(
        metavar="COURSE_ID",
        help="Course id (see: jobhunt course list).",
        autocompletion=complete_course,
        callback=course_id_in_range,
    ),
]
EventId = Annotated[
    int,
    typer.Argument(
        metavar="EVENT_ID",
        help="Event id (see: jobhunt event list).",
        autocompletion=complete_event,
        callback=event_id_in_range,
    ),
]
