"""What you do with the people you know: touch (record an interaction), snooze (not
now), link and unlink (tie them to an application); and the views the contact commands
share."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from jobhunt.choices import LINK_ROLES, TOUCH_CHANNELS
from jobhunt.cli._common import (
    AppId,
    ContactId,
    Json,
    Note,
    OnDay,
    complete_from,
    day,
    fact_day,
    local_today,
    policy,
    state,
    via_option,
)
from jobhunt.dates import DATE_HELP

if TYPE_CHECKING:
    import sqlite3
    from datetime import date

    from jobhunt.records import Contact
    from jobhunt.rules.network import TouchPlan


TouchVia = via_option(TOUCH_CHANNELS)


def view(contact: Contact) -> dict:
    """The stable JSON shape of a contact (version 1)."""
    from jobhunt.render import jsonable

    return jsonable(contact)


def plan_for(conn: sqlite3.Connection, contact: Contact) -> TouchPlan:
    from jobhunt import rules, store

    apps = store.pending_applications(conn)
    pending = rules.network.pending_companies(apps)
    offer = offer_step_up(conn, apps)
    return rules.network.touch_plan(
        contact,
        policy=policy(),
        pending=pending,
        offer=offer,
        snoozed_until=snoozed_until(conn, contact.id),
    )


def snoozed_until(conn: sqlite3.Connection, contact_id: int) -> date | None:
    """The day a snoozed contact's stay-in-touch suggestion is back (None: not snoozed)."""
    from jobhunt import store
    from jobhunt.rules.people import snoozed

    today = local_today()
    return snoozed(store.dismissals_as_of(conn, today, contact_id=contact_id), today).get(
        contact_id
    )


def next_touch(plan: TouchPlan, contact: Contact) -> date | None:
    """The next stay-in-touch day, or None for a contact without a schedule."""
    return plan.due if contact.keep_in_touch else None


NO_SCHEDULE = "none: no stay-in-touch schedule (a touch or --every gives one)"


def cadence_text(plan: TouchPlan, contact: Contact) -> str:
    from jobhunt.dates import format_period

    source = "yours" if plan.own_cadence else f"default for {contact.kind}"
    text = f"every {format_period(plan.usual_cadence)} ({source})"
    if plan.step_up:
        text += f"; stepped up to every {format_period(plan.cadence)}: {plan.step_up}"
    return text


def touch(
    ctx: typer.Context,
    contact_id: ContactId,
    via: TouchVia,
    on: OnDay = None,
    note: Note = None,
    informational: Annotated[
        bool,
        typer.Option(
            "--informational",
            help="It was an informational meeting (about their work or company, not a job "
            "application): the work-search log lists it.",
        ),
    ] = False,
    as_json: Json = False,
) -> None:
    """Record that you got in touch with someone (an email, a call, a coffee...)."""
    from jobhunt import store, validate, write
    from jobhunt.render import Output, clean

    channel = validate.choice(via, "channel", TOUCH_CHANNELS)
    when = fact_day(on, "touch date")
    st = state(ctx)
    with st.writing() as conn:
        touch_id = write.add_interaction(
            conn, contact_id, via=via, on=when, note=note, informational=informational
        )
    contact = store.get_contact(conn, contact_id, today=local_today())
    plan = plan_for(conn, contact)
    out = Output(as_json=as_json)
    if out.is_json:
        out.json(
            interaction={
                "id": touch_id,
                "via": channel,
                "on": when,
                "note": note,
                "informational": informational,
            },
            contact=view(contact),
            next_touch=plan.due,
        )
        return
    what = "an informational meeting" if informational else "a touch"
    out.line(
        f"Logged {what} by {channel} with {clean(contact.name)} (contact {contact_id}) "
        f"on {when.isoformat()}."
    )
    out.line(f"Next touch due {plan.due.isoformat()}.")


def snooze(
    ctx: typer.Context,
    contact_id: ContactId,
    until: Annotated[
        str | None,
        typer.Option(
            "--until",
            metavar="DATE",
            help="Not now: their stay-in-touch suggestion is back on this day (after "
            f"today; required). {DATE_HELP}",
        ),
    ] = None,
    as_json: Json = False,
) -> None:
    """Not now: hold back the suggestion to get in touch with someone until a day."""
    from jobhunt import store, write
    from jobhunt.errors import InputError
    from jobhunt.render import Output, clean

    if until is None:
        raise InputError("say until when: jobhunt contact snooze ID --until DATE")
    today = local_today()
    when = day(until)
    st = state(ctx)
    with st.writing() as conn:
        answer_id = write.snooze_contact(conn, contact_id, until=when, today=today)
    contact = store.get_contact(conn, contact_id)
    out = Output(as_json=as_json)
    if out.is_json:
        out.json(answer={"id": answer_id, "contact_id": contact_id, "on": today, "until": when})
        return
    out.line(
        f"Snoozed {clean(contact.name)} (contact {contact_id}) until {when.isoformat()}: "
        "back on the agenda that day (jobhunt undo takes it back)."
    )


def link(
    ctx: typer.Context,
    contact_id: ContactId,
    app_id: AppId,
    as_: Annotated[
        str,
        typer.Option(
            "--as",
            help="Their part in it: " + ", ".join(LINK_ROLES) + ".",
            autocompletion=complete_from(LINK_ROLES),
        ),
    ] = "other",
    as_json: Json = False,
) -> None:
    """Tie a contact to an application (a referral, the recruiter, an interviewer...)."""
    from jobhunt import store, validate, write
    from jobhunt.render import Output, clean

    role = validate.choice(as_, "link role", LINK_ROLES)
    st = state(ctx)
    with st.writing() as conn:
        new = write.link(conn, contact_id, app_id, role or "other")
    contact = store.get_contact(conn, contact_id)
    application = store.get_application(conn, app_id)
    out = Output(as_json=as_json)
    if out.is_json:
        out.json(link={"contact_id": contact_id, "application_id": app_id, "role": role}, new=new)
        return
    what = f"{clean(application.company)} — {clean(application.role)}"
    verb = "Linked" if new else "Updated the link of"
    out.line(
        f"{verb} {clean(contact.name)} (contact {contact_id}) to application {app_id} "
        f"({what}) as {role}."
    )


def unlink(ctx: typer.Context, contact_id: ContactId, app_id: AppId, as_json: Json = False) -> None:
    """Remove the tie between a contact and an application."""
    from jobhunt import write
    from jobhunt.render import Output

    with state(ctx).writing() as conn:
        write.unlink(conn, contact_id, app_id)
    out = Output(as_json=as_json)
    if out.is_json:
        out.json(unlinked={"contact_id": contact_id, "application_id": app_id})
    else:
        out.line(f"Unlinked contact {contact_id} from application {app_id}.")


def offer_step_up(conn, pending: list):  # type: ignore[no-untyped-def]
    """The offer step-up (`rules.network.offer_pending`) for the contact commands: the
    open applications are read only when an offer is pending."""
    from jobhunt import rules, store

    if not any(a.status == "offer" for a in pending):
        return None
    return rules.network.offer_pending(store.list_applications(conn))
