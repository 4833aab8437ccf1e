"""What happens to an application after you apply: log a follow-up, an interview,
a status change, a snooze. Each prints what was recorded and the next follow-up."""

from __future__ import annotations

from typing import Annotated

import typer

from jobhunt.choices import FOLLOW_UP_CHANNELS, JOB_TYPES, STATUSES
from jobhunt.cli._common import (
    AppId,
    Json,
    Note,
    OnDay,
    complete_application,
    complete_from,
    confirm_job_type,
    day,
    fact_day,
    local_today,
    policy,
    state,
    via_option,
)
from jobhunt.cli.applications import view
from jobhunt.dates import DATE_HELP

FollowUpVia = via_option(FOLLOW_UP_CHANNELS)


def _people(with_: list[str] | None) -> list[int | str]:
    """The --with values, checked before anything is opened: #ID, or a name as typed."""
    from jobhunt.addressing import parse_person

    people: list[int | str] = []
    for value in with_ or ():
        # A name is kept as typed (blank text too, as a free-text name only).
        found = parse_person(value) if value.strip() else value
        people.append(found if isinstance(found, int) else value)
    return people


def _record_people(conn, app_id: int, event_id: int, people: list[int | str], role: str) -> None:  # type: ignore[no-untyped-def]
    from jobhunt import write
    from jobhunt.render import warn

    if not people:
        return
    _names, added, elsewhere = write.add_event_people(
        conn, app_id, event_id, people, role=role, today=local_today()
    )
    for contact_id in added:
        warn(f"Added contact {contact_id}")
    company = write.get_application(conn, app_id, ("company",))["company"]
    for typed, contact_id, name, at in elsewhere:
        where = f"({at})" if at else "(no company recorded)"
        warn(
            f"Matched {typed!r} to contact {contact_id}, {name} {where}, who is not at "
            f"{company}; give --with '#ID' or a new name if that is someone else"
        )


def _event_done(
    ctx: typer.Context, app_id: int, event_id: int | None, message: str, as_json: bool
) -> None:
    """After recording an event: print what was done and the next follow-up."""
    from jobhunt import rules, store
    from jobhunt.render import Output, jsonable

    record = store.get_application(state(ctx).conn(), app_id)
    nxt = rules.next_follow_up(record, today=local_today(), policy=policy())
    out = Output(as_json=as_json)
    if out.is_json:
        out.json(
            application=view(record),
            event=next(
                (
                    {k: v for k, v in jsonable(e).items() if k != "people"}
                    for e in record.events
                    if e.id == event_id
                ),
                None,
            ),
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
    with_: Annotated[
        list[str] | None,
        typer.Option(
            "--with",
            "-w",
            metavar="NAME|#ID",
            help="Whom you reached (repeatable): a contact's name or #CONTACT_ID; a name "
            "nobody has becomes a contact.",
        ),
    ] = None,
    as_json: Json = False,
) -> None:
    """Record a follow-up you made (an email, a mailed note, a call...)."""
    from jobhunt import write

    when = fact_day(on, "follow-up date")
    people = _people(with_)
    with state(ctx).writing() as conn:
        write.not_before_applied(conn, app_id, when, "follow-up date")
        write.touch_application(conn, app_id)
        event_id = write.add_event(conn, app_id, kind="follow_up", on=when, channel=via, note=note)
        _record_people(conn, app_id, event_id, people, "other")
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
    with_: Annotated[
        list[str] | None,
        typer.Option(
            "--with",
            "-w",
            metavar="NAME|#ID",
            help="Who interviewed you (repeatable): a contact's name (ignoring case and "
            "accents) or #CONTACT_ID; a name nobody has becomes a contact.",
        ),
    ] = None,
    at: Annotated[
        str | None,
        typer.Option(
            "--at",
            metavar="HH:MM",
            help="The time it starts (24-hour, your time zone): the calendar then has a "
            "timed entry with a reminder instead of an all-day one.",
        ),
    ] = None,
    minutes: Annotated[
        int | None,
        typer.Option(
            "--minutes",
            metavar="N",
            help="How long it lasts, in minutes (needs --at; the calendar assumes 60).",
        ),
    ] = None,
    where: Annotated[
        str | None,
        typer.Option(
            "--where",
            metavar="PLACE_OR_URL",
            help="Where it is: an address, a room, or the meeting link.",
        ),
    ] = None,
    note: Note = None,
    as_json: Json = False,
) -> None:
    """Record an interview, past or scheduled (several rounds per application), with its
    time, length and place when you know them."""
    from jobhunt import validate, write
    from jobhunt.errors import InputError

    when = day(on)
    if minutes is not None and at is None:
        raise InputError("--minutes goes with --at: give the interview's time too")
    at = validate.clock(at, "interview time") if at is not None else None
    if minutes is not None:
        validate.minutes(minutes, "--minutes")
    place = validate.text(where, "place")
    people = _people(with_)
    with state(ctx).writing() as conn:
        event_id = write.add_interview(
            conn, app_id, on=when, today=local_today(), note=note,
            at=at, minutes=minutes, place=place,
        )  # fmt: skip
        _record_people(conn, app_id, event_id, people, "interviewer")
    timed = f" at {at}" if at else ""
    _event_done(
        ctx,
        app_id,
        event_id,
        f"Recorded an interview on {when.isoformat()}{timed} for application {app_id}.",
        as_json,
    )


def status(
    ctx: typer.Context,
    ids_and_status: Annotated[
        list[str],
        typer.Argument(
            metavar="ID... STATUS",
            help="One or more application ids, then the status: " + ", ".join(STATUSES) + ".",
            autocompletion=_complete_ids_or_status,
        ),
    ],
    on: OnDay = None,
    job_type: Annotated[
        str | None,
        typer.Option(
            "--type",
            "-t",
            help="With accepted: the kind of job (full-time ends the search; part-time, "
            "contract or temporary keep it going).",
            autocompletion=complete_from(JOB_TYPES),
        ),
    ] = None,
    respond_by: Annotated[
        str | None,
        typer.Option(
            "--respond-by",
            metavar="DATE",
            help=f"With offer: the day the offer must be answered by. {DATE_HELP}",
        ),
    ] = None,
    note: Note = None,
    as_json: Json = False,
) -> None:
    """Record a stage or an outcome (ghosted, rejected, offer, accepted...), for one
    application or several at once (one step for undo): jobhunt status 3 5 withdrawn."""
    from jobhunt import write
    from jobhunt.errors import InputError
    from jobhunt.validate import choice

    *raw_ids, raw_status = ids_and_status
    if not raw_ids:
        raise InputError("give the application id and the status: jobhunt status ID STATUS")
    new_status = choice(raw_status, "status", STATUSES)
    app_ids = [application_id(text) for text in raw_ids]
    if len(set(app_ids)) != len(app_ids):
        raise InputError("an application id is given twice")
    when = fact_day(on, "status date")
    if job_type is not None and new_status != "accepted":
        raise InputError("--type goes with accepted: jobhunt status ID accepted --type TYPE")
    if respond_by is not None and new_status != "offer":
        raise InputError("--respond-by goes with offer: jobhunt status ID offer --respond-by DATE")
    by = day(respond_by) if respond_by is not None else None
    st = state(ctx)
    if new_status == "accepted" and job_type is None:
        job_type = confirm_job_type(st.conn(), app_ids)
    done = []
    with st.writing() as conn:
        for app_id in app_ids:
            previous, event_id = write.set_status(
                conn, app_id, new_status, on=when, note=note, respond_by=by, job_type=job_type
            )
            done.append((app_id, previous, event_id))
    if len(done) == 1:
        app_id, previous, event_id = done[0]
        _event_done(
            ctx, app_id, event_id, f"Application {app_id}: {previous} -> {new_status}.", as_json
        )
        return
    _events_done(ctx, done, new_status, as_json)


def _events_done(ctx: typer.Context, done: list, new_status: str, as_json: bool) -> None:
    """After a status given to several applications: one line each (JSON: `results`)."""
    from jobhunt import rules, store
    from jobhunt.render import Output

    conn, today, pol = state(ctx).conn(), local_today(), policy()
    out = Output(as_json=as_json)
    results = []
    for app_id, previous, event_id in done:
        record = store.get_application(conn, app_id)
        results.append(
            {
                "application": view(record),
                "event": next((e for e in record.events if e.id == event_id), None),
                "next_follow_up": rules.next_follow_up(record, today=today, policy=pol),
            }
        )
        if not out.is_json:
            out.line(f"Application {app_id}: {previous} -> {new_status}.")
    if out.is_json:
        out.json(results=results)


def _complete_ids_or_status(ctx: typer.Context, incomplete: str):
    """Application ids while a number is being typed, else the statuses."""
    if incomplete[:1].isdigit():
        return complete_application(ctx, incomplete)
    return [s for s in STATUSES if s.startswith(incomplete.lower())]


def application_id(text: str) -> int:
    """An application id as typed among `status`'s arguments."""
    from jobhunt.errors import InputError, NotFound

    if not text.strip().isdigit():
        raise InputError(f"invalid application id {text!r}: give a number (see: jobhunt list)")
    value = int(text)
    if not 1 <= value <= 2**63 - 1:
        raise NotFound(f"no application with id {value}", hint="see the ids with: jobhunt list")
    return value


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
