"""What happens to an application after you apply: log a follow-up, an interview,
a status change, a snooze. Each prints what was recorded and the next follow-up."""

from __future__ import annotations

from typing import Annotated

import typer

from jobhunt.choices import FOLLOW_UP_CHANNELS, STATUSES
from jobhunt.cli._common import (
    AppId,
    Json,
    Note,
    OnDay,
    complete_from,
    day,
    local_today,
    policy,
    state,
    via_option,
)
from jobhunt.cli.applications import view
from jobhunt.dates import DATE_HELP

FollowUpVia = via_option(FOLLOW_UP_CHANNELS)


def _event_done(
    ctx: typer.Context, app_id: int, event_id: int | None, message: str, as_json: bool
) -> None:
    """After recording an event: print what was done and the next follow-up."""
    from jobhunt import rules, store
    from jobhunt.render import Output

    record = store.get_application(state(ctx).conn(), app_id)
    nxt = rules.next_follow_up(record, today=local_today(), policy=policy())
    out = Output(as_json=as_json)
    if out.is_json:
        out.json(
            application=view(record),
            event=next((e for e in record.events if e.id == event_id), None),
            next_follow_up=nxt,
        )
        return
    out.line(message)
    if nxt:
        out.line(f"Next follow-up due {nxt.isoformat()}.")


def log(
    ctx: typer.Context,
    app_id: AppId,
    via: FollowUpVia,
    on: OnDay = None,
    note: Note = None,
    as_json: Json = False,
) -> None:
    """Record a follow-up you made (an email, a mailed note, a call...)."""
    from jobhunt import write

    when = day(on)
    with state(ctx).writing() as conn:
        write.touch_application(conn, app_id)
        event_id = write.add_event(conn, app_id, kind="follow_up", on=when, channel=via, note=note)
    _event_done(
        ctx,
        app_id,
        event_id,
        f"Logged a follow-up by {via} on {when.isoformat()} for application {app_id}.",
        as_json,
    )


def interview(
    ctx: typer.Context,
    app_id: AppId,
    on: Annotated[
        str,
        typer.Option(
            "--on", metavar="DATE", help=f"The interview day, past or scheduled. {DATE_HELP}"
        ),
    ],
    with_: Annotated[str | None, typer.Option("--with", "-w", help="Who interviewed you.")] = None,
    note: Note = None,
    as_json: Json = False,
) -> None:
    """Record an interview, past or scheduled (several rounds per application)."""
    from jobhunt import write

    when = day(on)
    with state(ctx).writing() as conn:
        event_id = write.add_interview(
            conn, app_id, on=when, today=local_today(), person=with_, note=note
        )
    _event_done(
        ctx,
        app_id,
        event_id,
        f"Recorded an interview on {when.isoformat()} for application {app_id}.",
        as_json,
    )


def status(
    ctx: typer.Context,
    app_id: AppId,
    new_status: Annotated[
        str,
        typer.Argument(
            metavar="STATUS",
            help=", ".join(STATUSES) + ".",
            autocompletion=complete_from(STATUSES),
        ),
    ],
    on: OnDay = None,
    note: Note = None,
    as_json: Json = False,
) -> None:
    """Record a stage or an outcome (ghosted, rejected, offer...)."""
    from jobhunt import write

    when = day(on)
    with state(ctx).writing() as conn:
        previous, event_id = write.set_status(conn, app_id, new_status, on=when, note=note)
    _event_done(
        ctx,
        app_id,
        event_id,
        f"Application {app_id}: {previous} -> {new_status.strip().lower()}.",
        as_json,
    )


def snooze(
    ctx: typer.Context,
    app_id: AppId,
    until: Annotated[
        str,
        typer.Option(
            "--until", metavar="DATE", help=f"Push the next follow-up to this day. {DATE_HELP}"
        ),
    ],
    note: Note = None,
    as_json: Json = False,
) -> None:
    """Push the next follow-up of an application to a later day."""
    from jobhunt import write
    from jobhunt.errors import InputError

    today = local_today()
    when = day(until)
    if when <= today:
        raise InputError(f"snooze until {when.isoformat()}: the day must be after today")
    with state(ctx).writing() as conn:
        write.touch_application(conn, app_id)
        event_id = write.add_event(conn, app_id, kind="snooze", on=today, until=when, note=note)
    _event_done(
        ctx, app_id, event_id, f"Snoozed application {app_id} until {when.isoformat()}.", as_json
    )
