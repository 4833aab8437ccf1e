"""Networking events (business events, associations, meetups, career fairs, webinars,
workshops, career-centre sessions): add, list, show, attended, rm. Record the people you
meet there with: jobhunt contact add NAME --met-at ID."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Annotated

import typer

from jobhunt.choices import MEETUP_KINDS
from jobhunt.cli._common import EventId, Json, Yes, complete_from, confirm, day, local_today, state
from jobhunt.dates import DATE_HELP

if TYPE_CHECKING:
    from jobhunt.records import Contact, Meetup

RECENT_DAYS = 30  # `event list` shows events this many days back, and all upcoming ones

app = typer.Typer(name="event", rich_markup_mode=None, no_args_is_help=False)


def _view(meetup: Meetup) -> dict:
    """The stable JSON shape of an event (version 1)."""
    from jobhunt.render import jsonable

    return jsonable(meetup)


def _person(contact: Contact) -> dict:
    return {
        "id": contact.id,
        "name": contact.name,
        "company": contact.company,
        "kind": contact.kind,
    }


def add(
    ctx: typer.Context,
    title: Annotated[str, typer.Argument(metavar="TITLE", help="What the event is called.")],
    on: Annotated[
        str, typer.Option("--on", metavar="DATE", help=f"The day of the event. {DATE_HELP}")
    ],
    where: Annotated[str | None, typer.Option("--where", "-w", help="Where it is held.")] = None,
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind",
            "-k",
            help="One of: " + ", ".join(MEETUP_KINDS) + ". Default: other.",
            autocompletion=complete_from(MEETUP_KINDS),
        ),
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", "-n", help="A note to keep with it.")
    ] = None,
    as_json: Json = False,
) -> None:
    """Add a networking event: it shows on the agenda the day before and on the day."""
    from jobhunt import store, validate, write
    from jobhunt.render import Output, clean

    validate.choice(kind, "event kind", MEETUP_KINDS)
    when = day(on)
    st = state(ctx)
    with st.writing() as conn:
        event_id = write.add_meetup(conn, title=title, on=when, kind=kind, place=where, note=note)
    meetup = store.get_meetup(conn, event_id)
    out = Output(as_json=as_json)
    if out.is_json:
        out.json(event=_view(meetup))
        return
    at = f" at {clean(meetup.place)}" if meetup.place else ""
    out.line(
        f"Added event {event_id}: {clean(meetup.title)} on {meetup.on.isoformat()}{at} "
        f"({meetup.kind})."
    )
    then = state(ctx).scoped(f"jobhunt contact add NAME --met-at {event_id}")
    out.line(f"Record the people you meet there with: {clean(then)}")


def list_(
    ctx: typer.Context,
    all_: Annotated[
        bool, typer.Option("--all", "-a", help="Every event, not only recent and upcoming ones.")
    ] = False,
    as_json: Json = False,
) -> None:
    """List networking events: upcoming ones and those of the last 30 days (all with --all)."""
    from jobhunt import store
    from jobhunt.render import Output

    conn = state(ctx).conn()
    since = None if all_ else local_today() - timedelta(days=RECENT_DAYS)
    meetups = store.list_meetups(conn, since=since)
    met = store.contact_counts_by_meetup(conn)
    out = Output(as_json=as_json)
    if out.is_json:
        out.json(events=[{**_view(m), "contacts": met.get(m.id, 0)} for m in meetups])
        return
    if not meetups and out.mode == "rich":
        out.line("No events. Add one with: jobhunt event add TITLE --on DATE")
        return
    out.table(
        ("ID", "Day", "Title", "Kind", "Where", "People met", "Went"),
        [
            (m.id, m.on.isoformat(), m.title, m.kind, m.place or "", met.get(m.id, 0), _attended(m))
            for m in meetups
        ],
    )


def show(ctx: typer.Context, event_id: EventId, as_json: Json = False) -> None:
    """Show a networking event and the contacts you met there."""
    from jobhunt import store
    from jobhunt.render import Output

    conn = state(ctx).conn()
    meetup = store.get_meetup(conn, event_id)
    people = store.contacts_met_at(conn, event_id)
    out = Output(as_json=as_json)
    if out.is_json:
        out.json(event=_view(meetup), contacts=[_person(c) for c in people])
        return
    out.fields(
        [
            ("Title", meetup.title),
            ("Day", meetup.on),
            ("Kind", meetup.kind),
            ("Where", meetup.place),
            ("Went", _attended(meetup) or None),
            ("Note", meetup.note),
        ],
        title=f"Event {meetup.id}",
    )
    out.line()
    out.heading("People met there")
    if not people and out.mode == "rich":
        out.line(f"None recorded. Add them with: jobhunt contact add NAME --met-at {event_id}")
    out.table(
        ("ID", "Name", "Company", "Kind"),
        [(c.id, c.name, c.company or "", c.kind) for c in people],
    )


def _attended(meetup: Meetup) -> str:
    return {True: "yes", False: "no", None: ""}[meetup.attended]


def attended(
    ctx: typer.Context,
    event_id: EventId,
    no: Annotated[
        bool, typer.Option("--no", help="You did not go (it is left out of the work-search log).")
    ] = False,
    as_json: Json = False,
) -> None:
    """Say that you went to a networking event (once its day has come), or with --no
    that you did not (or will not): the work-search log counts only the events you went
    to."""
    from jobhunt import store, write
    from jobhunt.render import Output, clean

    st = state(ctx)
    with st.writing() as conn:
        write.set_attended(conn, event_id, not no, today=local_today())
    meetup = store.get_meetup(st.conn(), event_id)
    out = Output(as_json=as_json)
    if out.is_json:
        out.json(event=_view(meetup))
        return
    went = "did not go to" if no else "went to"
    out.line(f"Recorded that you {went} event {event_id}: {clean(meetup.title)}.")


def rm(ctx: typer.Context, event_id: EventId, yes: Yes = False, as_json: Json = False) -> None:
    """Delete a networking event (asks first unless --yes). The contacts met there stay."""
    from jobhunt import store, write
    from jobhunt.render import Output, clean

    st = state(ctx)
    meetup = store.get_meetup(st.conn(), event_id)
    confirm(f"Delete event {event_id} ({clean(meetup.title)}, {meetup.on.isoformat()})?", yes)
    with st.writing() as conn:
        write.delete_meetup(conn, event_id)
    out = Output(as_json=as_json)
    if out.is_json:
        out.json(deleted=_view(meetup))
    else:
        out.line(f"Deleted event {event_id}.")


@app.callback(invoke_without_command=True)
def _default(ctx: typer.Context) -> None:
    """Networking events: business events, associations, meetups, career fairs, webinars,
    workshops, career-centre sessions.

    With no command, lists recent and upcoming events.
    """
    if ctx.invoked_subcommand is None:
        ctx.invoke(list_, ctx=ctx)


app.command()(add)
app.command("list")(list_)
app.command()(show)
app.command()(attended)
app.command()(rm)
