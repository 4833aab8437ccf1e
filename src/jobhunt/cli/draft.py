"""`jobhunt draft`: a ready-to-send follow-up for an application or a contact.

The message comes from a template (built in, or the user's own in the config folder),
filled from the records; `--mailto` turns it into a link a mail program opens,
`--edit` opens it in $VISUAL / $EDITOR first, and `--log` records it as done.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from jobhunt.cli._common import (
    Json,
    Yes,
    app_id_in_range,
    complete_contact,
    complete_from,
    contact_id_in_range,
    state,
)
from jobhunt.drafts import APPLICATION_KINDS, CONTACT_KINDS, KINDS

if TYPE_CHECKING:
    from jobhunt.addressing import Recipient
    from jobhunt.drafts import Draft
    from jobhunt.render import Output

KIND_HELP = (
    "Which message. For an application: "
    + ", ".join(APPLICATION_KINDS)
    + " (default: the follow-up that is due). For --contact: "
    + ", ".join(CONTACT_KINDS)
    + " (default: after-event if you met them at an event and have not written since, "
    "else touch)."
)


def _complete_target(ctx: typer.Context, incomplete: str):  # type: ignore[no-untyped-def]
    from jobhunt.cli._common import complete_application

    found = list(complete_application(ctx, incomplete))
    if "templates".startswith(incomplete):
        found.append(("templates", "list the templates"))
    return found


def _target_id(target: str) -> int:
    from jobhunt.errors import InputError

    if not target.strip().isdigit():
        raise InputError(
            f"invalid application id {target!r}",
            hint="give an id (see: jobhunt list), or list the templates: jobhunt draft templates",
        )
    return app_id_in_range(int(target))


def _kind(kind: str | None, allowed: tuple[str, ...], other: tuple[str, ...], usage: str) -> str:
    from jobhunt.errors import InputError

    # thank_referral or thank-referral: the agenda's action kinds are written with "_".
    normal = kind.strip().lower().replace("_", "-") if kind is not None else ""
    if normal in allowed:
        return normal
    if normal in other:
        raise InputError(f"--kind {normal} is not for this draft; {usage}")
    raise InputError(f"unknown draft kind {kind!r}; choose from: {', '.join(allowed)}")


def _print_draft(out: Output, draft: Draft) -> None:
    from jobhunt.render import clean

    lines = []
    if draft.to:
        lines.append(("To: ", draft.to))
    lines.append(("Subject: ", draft.subject))
    if out.mode == "rich":
        from rich.text import Text

        for label, value in lines:
            out.console.print(Text(label, style="bold") + Text(clean(value)), soft_wrap=True)
        out.console.print()
        for line in draft.body.splitlines():
            out.console.print(Text(clean(line)), soft_wrap=True)
        return
    for label, value in lines:
        out.line(label + clean(value))
    out.line()
    for line in draft.body.splitlines():
        out.line(clean(line))


def _as_json(result: Draft) -> dict:
    from jobhunt import drafts

    link = drafts.mailto(result.to, result.subject, result.note)
    return {
        "kind": result.kind,
        "to": result.to,
        "subject": result.subject,
        "body": result.body,
        "mailto": link,
    }


def _person_ref(recipient: Recipient) -> str:
    return f"#{recipient.contact.id}" if recipient.contact else repr(recipient.name)


def _application_drafts(conn, app, kind: str | None, to: str | None, today, sender: str):  # type: ignore[no-untyped-def]
    """The kind to draft for `app`; for each recipient, (recipient, (values, email)); the
    notes to print after the draft; and the day it is due when not yet (None: due now,
    or --kind). A draft not due yet is written as on its day."""
    from jobhunt import drafts, store
    from jobhunt.addressing import Recipient, match_contact, parse_person
    from jobhunt.cli._common import policy
    from jobhunt.errors import InputError

    wanted = parse_person(to) if to is not None else None
    notes: list[str] = []
    linked = [
        (store.get_contact(conn, link.contact_id), link.role)
        for link in store.links_for(conn, application_id=app.id)
    ]
    due = None
    if kind is not None:
        chosen = _kind(kind, APPLICATION_KINDS, CONTACT_KINDS, "use it with --contact CONTACT_ID")
    else:
        chosen, due = drafts.next_draft(app, today=today, policy=policy())
        if due is not None:
            notes.append(f"Not due yet: the {chosen} for application {app.id} is due on {due}.")
            # Written as on its day: a thank-you for the round still ahead, to its people.
            today = due
    if isinstance(wanted, int):
        found = store.get_contact(conn, wanted)
        people = [Recipient(found.name.strip(), found)]
    elif wanted is not None:
        found = match_contact(wanted, store.list_contacts(conn), company=app.company)
        if found is None:
            # No guess: a draft to a name with no contact could not be logged against
            # anyone, so --to names a contact (interview/log --with add new people).
            raise InputError(
                f"no contact is called {wanted!r}",
                hint="give a #CONTACT_ID (see: jobhunt contact list), or add them first: "
                "jobhunt contact add NAME --company COMPANY",
            )
        people = [Recipient(found.name.strip(), found)]
    else:
        people = drafts.recipients(chosen, app, linked, today=today)
    if people == [drafts.HIRING_TEAM]:
        notes.append(
            f"Nobody is named for this {chosen}: it says 'Dear hiring team'. Name the person "
            f"with: jobhunt draft {app.id} --to NAME|#ID, or link them: "
            f"jobhunt contact link CONTACT_ID {app.id} --as recruiter"
        )
    pairs = [
        (
            person,
            drafts.application_values(app, linked, today=today, recipient=person, sender=sender),
        )
        for person in people
    ]
    return chosen, pairs, notes, due


def list_templates(as_json: bool) -> None:
    from jobhunt import drafts
    from jobhunt.errors import InputError
    from jobhunt.render import Output

    rows = []
    for template in drafts.list_templates():
        problem = None
        try:
            drafts.check_template(template)
        except InputError as exc:
            problem = exc.message
        rows.append((template, problem))
    out = Output(as_json=as_json)
    if out.is_json:
        out.json(
            folder=str(drafts.override_dir()),
            templates=[
                {"kind": t.kind, "source": t.source, "path": t.path, "problem": p} for t, p in rows
            ],
        )
        return
    if out.mode == "rich" and not any(p for _, p in rows):
        out.table(("Kind", "Source", "Path"), [(t.kind, t.source, t.path) for t, _ in rows])
    else:
        out.table(
            ("Kind", "Source", "Path", "Problem"),
            [(t.kind, t.source, t.path, p or "") for t, p in rows],
        )
    if out.mode == "rich":
        out.line()
        out.line(f"Override one by saving <kind>.txt in {drafts.override_dir()}")


def draft(
    ctx: typer.Context,
    target: Annotated[
        str | None,
        typer.Argument(
            metavar="ID",
            help="Application id (see: jobhunt list), or 'templates' to list the templates.",
            autocompletion=_complete_target,
        ),
    ] = None,
    contact: Annotated[
        int | None,
        typer.Option(
            "--contact",
            "-c",
            metavar="CONTACT_ID",
            help="Draft a networking message to this contact instead (see: jobhunt contact list).",
            autocompletion=complete_contact,
            callback=contact_id_in_range,
        ),
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option("--kind", "-k", help=KIND_HELP, autocompletion=complete_from(KINDS)),
    ] = None,
    mailto: Annotated[
        bool,
        typer.Option("--mailto", help="Print a mailto: link (recipient, subject and body)."),
    ] = False,
    edit: Annotated[
        bool,
        typer.Option("--edit", "-e", help="Open the draft in $VISUAL or $EDITOR first."),
    ] = False,
    log: Annotated[
        bool,
        typer.Option(
            "--log",
            help=(
                "Then record the follow-up as done today (after-apply by email, thank-you by "
                "note, check-in by phone, withdraw and accept by email; a contact touch by "
                "email). It does not change the status: for that use jobhunt status ID "
                "withdrawn / accepted. Asks first unless --yes."
            ),
        ),
    ] = False,
    to: Annotated[
        str | None,
        typer.Option(
            "--to",
            metavar="NAME|#ID",
            help="Whom it is for, instead of the usual person: a contact's name or #CONTACT_ID.",
        ),
    ] = None,
    yes: Yes = False,
    as_json: Json = False,
) -> None:
    """Draft the follow-up that is due for an application (or --contact, a networking
    message), filled from your records. 'jobhunt draft templates' lists the templates."""
    import sys

    from jobhunt import drafts, store
    from jobhunt.cli._common import confirm, local_today
    from jobhunt.errors import InputError, NotFound
    from jobhunt.render import Output, clean, warn

    if target == "templates":
        if contact is not None or kind or mailto or edit or log:
            raise InputError("'jobhunt draft templates' takes no options other than --json")
        list_templates(as_json)
        return
    if target is not None and contact is not None:
        raise InputError("give an application ID or --contact CONTACT_ID, not both")
    if to is not None and contact is not None:
        raise InputError("--to is for an application draft; --contact already names the person")
    if target is None and contact is None:
        raise InputError(
            "give an application ID or --contact CONTACT_ID",
            hint="see what is due with: jobhunt today",
        )
    from jobhunt import config

    name, signature = config.sender()
    signed = drafts.sign(name, signature)
    st = state(ctx)
    conn = st.conn()
    today = local_today()
    if contact is None:
        app_id = _target_id(target or "")
        app = store.get_application(conn, app_id)
        chosen, pairs, notes, due = _application_drafts(conn, app, kind, to, today, signed)
        if log and chosen == "thank-you" and due is not None:
            raise InputError(
                f"the thank-you for application {app_id} is for a round that has not happened "
                f"yet: it is due on {due}; nothing recorded",
                hint=f"draft it without --log now, and log it from {due}: "
                f"jobhunt draft {app_id} --log",
            )
        if len(pairs) > 1 and (mailto or edit):
            raise InputError(
                f"this {chosen} goes to {len(pairs)} people; --mailto and --edit need one",
                hint=f"choose one with --to NAME|#ID, e.g. --to {_person_ref(pairs[0][0])}",
            )
        names = ", ".join(clean(r.name or "the hiring team") for r, _ in pairs)
        what = f"the {chosen} follow-up (by {drafts.LOG_CHANNELS[chosen]}) to {names}"
        where = f"application {app_id} ({clean(app.company)} — {clean(app.role)})"
        question = f"Record {what} for {where} as done?"
    else:
        person = store.get_contact(conn, contact, today=today)
        meetup = None
        if person.met_at_event_id is not None:
            try:
                meetup = store.get_meetup(conn, person.met_at_event_id)
            except NotFound:
                meetup = None
        chosen = (
            _kind(kind, CONTACT_KINDS, APPLICATION_KINDS, "give an application ID instead")
            if kind is not None
            else drafts.choose_contact_kind(person, meetup)
        )
        opening = None
        if person.company and person.company.strip():
            company = person.company.strip()
            opening = drafts.open_application_at(
                company, store.list_applications(conn, company=company)
            )
        values, address = drafts.contact_values(
            person, meetup=meetup, application=opening, today=today, sender=signed
        )
        pairs = [(None, (values, address))]
        notes = []
        names = clean(person.name)
        question = f"Record a touch by email with {clean(person.name)} (contact {contact})?"
    if log and not yes and not sys.stdin.isatty():
        confirm(question, yes)  # refuses before anything is printed or opened
    template = drafts.load_template(chosen)
    results = [drafts.render(template, values, to=address) for _, (values, address) in pairs]
    if edit:
        from jobhunt.cli.draft_edit import edit_draft

        results = [edit_draft(results[0])]
    out = Output(as_json=as_json)
    if out.is_json:
        shown = [_as_json(r) for r in results]
        out.json(**shown[0], **({"drafts": shown} if len(shown) > 1 else {}))
    elif mailto:
        out.line(drafts.mailto(results[0].to, results[0].subject, results[0].note))
    else:
        for number, result in enumerate(results):
            if number:
                out.line()
                out.line("-----")
                out.line()
            _print_draft(out, result)
    if name is None and "$sender" in template.text:
        notes.append(
            f"The draft is signed {drafts.SENDER_PLACEHOLDER}: set your name with: "
            'jobhunt config set name "Your Name" (and any lines under it with: '
            "jobhunt config set signature TEXT)"
        )
    for line in notes:
        warn(line)
    if not log:
        return
    confirm(question, yes)
    from jobhunt import write

    note = f"{chosen} (jobhunt draft)"
    if contact is None and chosen != "thank-referral":
        note = f"{chosen} to {names} (jobhunt draft)"
    with st.writing() as conn:
        if contact is None and chosen == "thank-referral":
            for recipient, _ in pairs:
                if recipient.contact is not None:
                    write.add_interaction(
                        conn, recipient.contact.id, via="email", on=today, note=note
                    )
            done = f"a thank-you by email on {today.isoformat()} to {names}"
        elif contact is None:
            channel = drafts.LOG_CHANNELS[chosen]
            write.touch_application(conn, app_id)
            event_id = write.add_event(
                conn, app_id, kind="follow_up", on=today, channel=channel, note=note
            )
            # Who it reached: each recipient with a contact (a round's people, --to #ID).
            reached = [r.contact.id for r, _ in pairs if r.contact is not None]
            if reached:
                write.add_event_people(conn, app_id, event_id, reached, role="other", today=today)
            done = f"a follow-up by {channel} on {today.isoformat()} for application {app_id}"
        else:
            channel = drafts.CONTACT_LOG_CHANNEL
            write.add_interaction(conn, contact, via=channel, on=today, note=note)
            done = f"a touch by {channel} on {today.isoformat()} with contact {contact}"
    warn(f"Logged {done}.")
