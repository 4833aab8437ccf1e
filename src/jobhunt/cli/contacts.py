"""People you know: add, list, show, edit, rm. What you do with them (touch: record
an interaction; link / unlink: tie them to an application) is in `contact_actions.py`."""

from __future__ import annotations

from typing import Annotated

import typer

from jobhunt.choices import CONTACT_KINDS
from jobhunt.cli._common import (
    ContactId,
    Json,
    Note,
    Yes,
    complete_event,
    complete_from,
    confirm,
    day,
    event_id_in_range,
    local_today,
    policy,
    state,
)
from jobhunt.cli.contact_actions import (
    NO_SCHEDULE,
    cadence_text,
    link,
    next_touch,
    plan_for,
    snooze,
    touch,
    unlink,
    view,
)
from jobhunt.dates import DATE_HELP

app = typer.Typer(
    name="contact",
    rich_markup_mode=None,
    no_args_is_help=False,
)

_KIND_HELP = "What they are to you: " + ", ".join(CONTACT_KINDS) + "."
# Kept in step with rules.DEFAULT_CADENCE by a test (importing rules here would slow --help).
EVERY_HELP = (
    "How often to stay in touch, e.g. 2w, 30d, 3m (default by kind: recruiter 14d, "
    "recruitment-firm 14d, hiring-manager 30d, referral 21d, peer 30d, industry-leader 60d, "
    "other 45d; halved while an interview or offer is pending at their company, and for "
    "every recruiter)."
)


def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME", help="Their name.")],
    company: Annotated[str | None, typer.Option("--company", "-c", help="Where they work.")] = None,
    title: Annotated[str | None, typer.Option("--title", help="Their job title.")] = None,
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind",
            "-k",
            help=_KIND_HELP + " Default: other.",
            autocompletion=complete_from(CONTACT_KINDS),
        ),
    ] = None,
    email: Annotated[
        str | None,
        typer.Option("--email", help="Email address (checked: name@domain.tld)."),
    ] = None,
    phone: Annotated[str | None, typer.Option("--phone", help="Phone number.")] = None,
    url: Annotated[
        str | None, typer.Option("--url", "-u", help="Profile URL (LinkedIn, site...).")
    ] = None,
    met: Annotated[str | None, typer.Option("--met", help="How you met, as text.")] = None,
    every: Annotated[str | None, typer.Option("--every", metavar="PERIOD", help=EVERY_HELP)] = None,
    met_at: Annotated[
        int | None,
        typer.Option(
            "--met-at",
            metavar="EVENT_ID",
            help="The networking event where you met (see: jobhunt event list).",
            autocompletion=complete_event,
            callback=event_id_in_range,
        ),
    ] = None,
    added: Annotated[
        str | None,
        typer.Option(
            "--added",
            metavar="DATE",
            help=f"When you met or added them; the first touch counts from it "
            f"(default today). {DATE_HELP}",
        ),
    ] = None,
    note: Note = None,
    as_json: Json = False,
) -> None:
    """Add someone you know, and see when to get in touch with them first."""
    from jobhunt import store, validate, write
    from jobhunt.render import Output, clean

    validate.choice(kind, "contact kind", CONTACT_KINDS)
    email = validate.email(email)
    every_days = validate.parse_every(every)
    on = day(added)
    st = state(ctx)
    with st.writing() as conn:
        contact_id = write.add_contact(
            conn,
            name=name,
            added_on=on,
            kind=kind,
            every_days=every_days,
            met_at_event_id=met_at,
            today=local_today(),
            company=company,
            title=title,
            email=email,
            phone=phone,
            url=url,
            met=met,
            note=note,
        )
    contact = store.get_contact(conn, contact_id)
    plan = plan_for(conn, contact)
    out = Output(as_json=as_json)
    if out.is_json:
        out.json(contact=view(contact), next_touch=next_touch(plan, contact))
        return
    at = f" ({clean(contact.company)})" if contact.company else ""
    out.line(f"Added contact {contact_id}: {clean(contact.name)}{at}, {contact.kind}.")
    out.line(f"First touch due {plan.due.isoformat()}: {cadence_text(plan, contact)}.")


def list_(
    ctx: typer.Context,
    company: Annotated[
        str | None, typer.Option("--company", "-c", help="Only companies containing this text.")
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind",
            "-k",
            help="Only this kind: " + ", ".join(CONTACT_KINDS) + ".",
            autocompletion=complete_from(CONTACT_KINDS),
        ),
    ] = None,
    as_json: Json = False,
) -> None:
    """List contacts with their last touch and when the next one is due."""
    from jobhunt import rules, store, validate
    from jobhunt.render import Output
    from jobhunt.rules.people import snoozed

    kind = validate.choice(kind, "contact kind", CONTACT_KINDS)
    conn = state(ctx).conn()
    contacts = store.list_contacts(conn, company=company, kind=kind, today=local_today())
    pending = rules.network.pending_companies(store.pending_applications(conn))
    pol = policy()
    today = local_today()
    held = snoozed(store.dismissals_as_of(conn, today), today)
    due = {
        c.id: next_touch(
            rules.network.touch_plan(c, policy=pol, pending=pending, snoozed_until=held.get(c.id)),
            c,
        )
        for c in contacts
    }
    out = Output(as_json=as_json)
    if out.is_json:
        out.json(contacts=[{**view(c), "next_touch": due[c.id]} for c in contacts])
        return
    if not contacts and out.mode == "rich":
        out.line("No contacts match. Add one with: jobhunt contact add NAME --company COMPANY")
        return
    out.table(
        ("ID", "Name", "Company", "Kind", "Last touch", "Next touch"),
        [
            (
                c.id,
                c.name,
                c.company or "",
                c.kind,
                c.last_touch.isoformat() if c.last_touch else "",
                due[c.id].isoformat() if due[c.id] else "none",
            )
            for c in contacts
        ],
    )


def _touch_note(touch) -> str:  # type: ignore[no-untyped-def]
    """A touch's note, after the informational-meeting mark when it has one."""
    if not touch.informational:
        return touch.note or ""
    return "informational meeting" + (f"; {touch.note}" if touch.note else "")


def show(ctx: typer.Context, contact_id: ContactId, as_json: Json = False) -> None:
    """Show a contact: details, every interaction, linked applications, where you met."""
    from jobhunt import store
    from jobhunt.render import Output

    conn = state(ctx).conn()
    contact = store.get_contact(conn, contact_id, today=local_today())
    touches = store.interactions_of(conn, contact_id)
    links = store.links_for(conn, contact_id=contact_id)
    apps = [(store.get_application(conn, link.application_id), link.role) for link in links]
    meetup = store.get_meetup(conn, contact.met_at_event_id) if contact.met_at_event_id else None
    plan = plan_for(conn, contact)
    held = plan.snoozed_until if contact.keep_in_touch else None
    held = held if held and held > local_today() else None
    # The interview rounds and follow-ups they took part in (interview/log --with).
    steps = sorted(
        (
            (e.on, a.id, e.kind, a.company)
            for a, _ in apps
            for e in a.events
            if contact_id in e.people
        ),
    )
    out = Output(as_json=as_json)
    if out.is_json:
        out.json(
            contact=view(contact),
            next_touch=next_touch(plan, contact),
            snoozed_until=held,
            interactions=[
                {
                    "id": t.id,
                    "via": t.via,
                    "on": t.on,
                    "note": t.note,
                    "informational": t.informational,
                }
                for t in touches
            ],
            steps=[{"on": on, "application_id": i, "kind": k} for on, i, k, _ in steps],
            applications=[
                {"id": a.id, "company": a.company, "role": a.role, "status": a.status, "as": role}
                for a, role in apps
            ],
            event=meetup,
        )
        return
    out.fields(
        [
            ("Name", contact.name),
            ("Company", contact.company),
            ("Title", contact.title),
            ("Kind", contact.kind),
            ("Email", contact.email),
            ("Phone", contact.phone),
            ("URL", contact.url),
            ("Met", contact.met),
            (
                "Met at",
                f"{meetup.title} (event {meetup.id}, {meetup.on.isoformat()})" if meetup else None,
            ),
            ("Added", contact.added_on),
            ("Last touch", contact.last_touch),
            (
                "Next touch",
                f"{plan.due.isoformat()} ({cadence_text(plan, contact)})"
                if contact.keep_in_touch
                else NO_SCHEDULE,
            ),
            ("Snoozed until", held.isoformat() if held else None),
            ("Note", contact.note),
        ],
        title=f"Contact {contact.id}",
    )
    out.line()
    out.heading("Interactions")
    out.table(
        ("Day", "Via", "Note"),
        [(t.on.isoformat(), t.via, _touch_note(t)) for t in touches],
    )

    if steps:
        out.line()
        out.heading("Interviews and follow-ups")
        out.table(
            ("Day", "ID", "What", "Company"),
            [(on.isoformat(), i, k.replace("_", "-"), company) for on, i, k, company in steps],
        )
    if apps:
        out.line()
        out.heading("Applications")
        out.table(
            ("ID", "Company", "Role", "Status", "As"),
            [(a.id, a.company, a.role, a.status, role) for a, role in apps],
        )


def edit(
    ctx: typer.Context,
    contact_id: ContactId,
    name: Annotated[str | None, typer.Option("--name", help="New name.")] = None,
    company: Annotated[
        str | None, typer.Option("--company", "-c", help="Where they work ('' clears).")
    ] = None,
    title: Annotated[
        str | None, typer.Option("--title", help="Their job title ('' clears).")
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option("--kind", "-k", help=_KIND_HELP, autocompletion=complete_from(CONTACT_KINDS)),
    ] = None,
    email: Annotated[str | None, typer.Option("--email", help="Email ('' clears).")] = None,
    phone: Annotated[str | None, typer.Option("--phone", help="Phone ('' clears).")] = None,
    url: Annotated[str | None, typer.Option("--url", "-u", help="Profile URL ('' clears).")] = None,
    met: Annotated[str | None, typer.Option("--met", help="How you met ('' clears).")] = None,
    every: Annotated[
        str | None,
        typer.Option(
            "--every", metavar="PERIOD", help=EVERY_HELP + " '' goes back to the default."
        ),
    ] = None,
    met_at: Annotated[
        str | None,
        typer.Option(
            "--met-at",
            metavar="EVENT_ID",
            help="The event where you met ('' clears).",
            autocompletion=complete_event,
        ),
    ] = None,
    added: Annotated[
        str | None,
        typer.Option("--added", metavar="DATE", help=f"Correct the day added. {DATE_HELP}"),
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", "-n", help="Replace the note ('' clears).")
    ] = None,
    as_json: Json = False,
) -> None:
    """Change any field of a contact ('' clears optional text)."""
    from jobhunt import store, validate, write
    from jobhunt.errors import InputError
    from jobhunt.render import Output

    changes: dict[str, object] = {
        field: value
        for field, value in (
            ("name", name),
            ("company", company),
            ("title", title),
            ("kind", kind),
            ("email", email),
            ("phone", phone),
            ("url", url),
            ("met", met),
            ("note", note),
        )
        if value is not None
    }
    if kind is not None:
        changes["kind"] = validate.choice(kind, "contact kind", CONTACT_KINDS)
    if email is not None:
        changes["email"] = validate.email(email)  # '' clears it
    if every is not None:
        changes["every_days"] = validate.parse_every(every)
    if met_at is not None:
        changes["met_at_event_id"] = validate.parse_event_id(met_at)
    if added is not None:
        changes["added_on"] = day(added)
    if not changes:
        raise InputError(
            "nothing to change; give at least one option (see: jobhunt contact edit --help)"
        )
    st = state(ctx)
    with st.writing() as conn:
        changed = write.edit_contact(conn, contact_id, changes, today=local_today())
    contact = store.get_contact(conn, contact_id, today=local_today())
    plan = plan_for(conn, contact)
    out = Output(as_json=as_json)
    if out.is_json:
        out.json(contact=view(contact), changed=changed, next_touch=next_touch(plan, contact))
    elif changed:
        out.line(f"Changed {', '.join(changed)} of contact {contact_id}.")
        if contact.keep_in_touch:
            out.line(f"Next touch due {plan.due.isoformat()}.")
    else:
        out.line(f"Contact {contact_id} already had those values; nothing changed.")


def rm(ctx: typer.Context, contact_id: ContactId, yes: Yes = False, as_json: Json = False) -> None:
    """Delete a contact, their interactions and links (asks first unless --yes)."""
    from jobhunt import store, write
    from jobhunt.render import Output, clean

    st = state(ctx)
    contact = store.get_contact(st.conn(), contact_id)
    confirm(f"Delete contact {contact_id} ({clean(contact.name)})?", yes)
    with st.writing() as conn:
        write.delete_contact(conn, contact_id)
    out = Output(as_json=as_json)
    if out.is_json:
        out.json(deleted=view(contact))
    else:
        out.line(f"Deleted contact {contact_id}.")


@app.callback(invoke_without_command=True)
def _default(ctx: typer.Context) -> None:
    """People you know: recruiters, hiring managers, peers... and when to get back in touch.

    With no command, lists your contacts.
    """
    if ctx.invoked_subcommand is None:
        ctx.invoke(list_, ctx=ctx)


app.command()(add)
app.command("list")(list_)
app.command()(show)
app.command()(edit)
app.command()(rm)
app.command()(touch)
app.command()(snooze)
app.command()(link)
app.command()(unlink)
