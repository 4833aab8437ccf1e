"""Job applications: add, list, show, edit, rm. What happens to them next (a
follow-up, an interview, a status change, a snooze) is in `followups.py`."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

from jobhunt.choices import APPLY_METHODS, JOB_TYPES, STATUSES
from jobhunt.cli._common import (
    AppId,
    Json,
    Note,
    Yes,
    complete_from,
    confirm,
    day,
    local_today,
    policy,
    state,
)
from jobhunt.dates import DATE_HELP

if TYPE_CHECKING:
    from jobhunt.records import Application

_JOB_TYPE_HELP = "full-time, part-time, contract or temporary."
_VIA_HELP = "How you sent it: " + ", ".join(APPLY_METHODS) + " (no default: not recorded)."


def view(app: Application) -> dict:
    """The stable JSON shape of an application (version 1)."""
    from jobhunt.render import jsonable

    data = jsonable(app)
    data["events"] = [
        {k: v for k, v in e.items() if k not in ("application_id", "people")}
        for e in data.pop("events")
    ]
    return data


def _applied_day(text: str | None) -> date:
    """The applied day: today by default, never in the future."""
    from jobhunt.validate import not_in_future

    advice = "for a job you have not applied to yet use --saved"
    return not_in_future(day(text), local_today(), "applied date", advice)


def add(
    ctx: typer.Context,
    company: Annotated[str, typer.Argument(help="The employer.")],
    role: Annotated[str, typer.Argument(help="The job title.")],
    applied: Annotated[
        str | None,
        typer.Option(
            "--applied", "-a", metavar="DATE", help=f"When you applied (default today). {DATE_HELP}"
        ),
    ] = None,
    saved: Annotated[
        bool, typer.Option("--saved", help="A job you saved but have not applied to yet.")
    ] = False,
    url: Annotated[str | None, typer.Option("--url", "-u", help="The job posting.")] = None,
    source: Annotated[
        str | None,
        typer.Option(
            "--source",
            "-s",
            help="Where you found it: job board, referral, recruiter, company site, ...",
        ),
    ] = None,
    job_type: Annotated[
        str | None,
        typer.Option("--type", "-t", help=_JOB_TYPE_HELP, autocompletion=complete_from(JOB_TYPES)),
    ] = None,
    location: Annotated[
        str | None, typer.Option("--location", "-l", help="Where the job is.")
    ] = None,
    salary: Annotated[
        str | None, typer.Option("--salary", help="Salary or range, as text.")
    ] = None,
    skill: Annotated[
        list[str] | None,
        typer.Option(
            "--skill", "-k", help="A skill the posting asks for (repeatable, or comma-separated)."
        ),
    ] = None,
    via: Annotated[
        str | None,
        typer.Option(
            "--via", metavar="METHOD", help=_VIA_HELP, autocompletion=complete_from(APPLY_METHODS)
        ),
    ] = None,
    note: Note = None,
    as_json: Json = False,
) -> None:
    """Record a job you applied to (or saved with --saved), right after applying."""
    from jobhunt import rules, store, write
    from jobhunt.render import Output
    from jobhunt.validate import choice

    via = choice(via, "method", APPLY_METHODS)
    on = _applied_day(applied)
    st = state(ctx)
    with st.writing() as conn:
        app_id = write.add_application(
            conn,
            company=company,
            role=role,
            on=on,
            saved=saved,
            url=url,
            source=source,
            job_type=job_type,
            location=location,
            salary=salary,
            note=note,
            skills=skill or (),
            via=via,
        )
    record = store.get_application(st.conn(), app_id)
    due = rules.next_follow_up(record, today=local_today(), policy=policy())
    out = Output(as_json=as_json)
    if out.is_json:
        out.json(application=view(record), next_follow_up=due)
        return
    from jobhunt.render import clean

    what = f"{clean(record.company)} — {clean(record.role)}"
    if saved:
        then = st.scoped(f"jobhunt status {app_id} applied")
        out.line(f"Saved job {app_id}: {what}. When you apply: {clean(then)}")
    else:
        out.line(f"Added application {app_id}: {what} (applied {on.isoformat()}).")
        if due:
            out.line(f"First follow-up due {due.isoformat()}: one email or mailed note.")


def list_(
    ctx: typer.Context,
    status: Annotated[
        list[str] | None,
        typer.Option(
            "--status",
            "-s",
            help="Only these statuses (repeatable): " + ", ".join(STATUSES) + ".",
            autocompletion=complete_from(STATUSES),
        ),
    ] = None,
    company: Annotated[
        str | None, typer.Option("--company", "-c", help="Only companies containing this text.")
    ] = None,
    all_: Annotated[
        bool,
        typer.Option("--all", "-a", help="Include closed applications (accepted, rejected, ...)."),
    ] = False,
    as_json: Json = False,
) -> None:
    """List applications (open ones unless --all or --status)."""
    from jobhunt import rules, store, validate
    from jobhunt.render import Output

    company = validate.text(company, "company")
    statuses = tuple(validate.choice(s, "status", STATUSES) for s in status or ())
    apps = store.list_applications(
        state(ctx).conn(), statuses=statuses, company=company, include_closed=all_
    )
    out = Output(as_json=as_json)
    if out.is_json:
        out.json(applications=[view(a) for a in apps])
        return
    today, pol = local_today(), policy()
    rows = []
    for a in apps:
        nxt = rules.next_follow_up(a, today=today, policy=pol)
        rows.append(
            (
                a.id,
                a.company,
                a.role,
                a.status,
                a.applied_on.isoformat() if a.applied_on else "",
                nxt.isoformat() if nxt else "",
            )
        )
    if not rows and out.mode == "rich":
        out.line("No applications match. Add one with: jobhunt add COMPANY ROLE")
        return
    out.table(("ID", "Company", "Role", "Status", "Applied", "Next follow-up"), rows)


def show(ctx: typer.Context, app_id: AppId, as_json: Json = False) -> None:
    """Show one application and its full dated history."""
    from jobhunt import rules, store
    from jobhunt.render import Output

    conn = state(ctx).conn()
    app = store.get_application(conn, app_id)
    links = store.links_for(conn, application_id=app_id)
    contacts = [(store.get_contact(conn, link.contact_id), link.role) for link in links]
    nxt = rules.next_follow_up(app, today=local_today(), policy=policy())
    out = Output(as_json=as_json)
    if out.is_json:
        out.json(
            application=view(app),
            next_follow_up=nxt,
            contacts=[
                {"id": c.id, "name": c.name, "company": c.company, "as": role}
                for c, role in contacts
            ],
        )
        return
    out.fields(
        [
            ("Company", app.company),
            ("Role", app.role),
            ("Status", app.status),
            ("Applied", app.applied_on),
            ("Type", app.job_type),
            ("Source", app.source),
            ("Sent via", app.via),
            ("Location", app.location),
            ("Salary", app.salary),
            ("URL", app.url),
            ("Skills", app.skills),
            ("Note", app.note),
            ("Next follow-up", nxt),
            ("People", [f"{c.name} (#{c.id}, {role})" for c, role in contacts]),
        ],
        title=f"Application {app.id}",
    )
    out.line()
    out.heading("History")
    out.table(("Day", "What", "Details"), [(e.day_shown, *_describe(e)) for e in app.events])


def _describe(e) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    what = {
        "saved": "saved",
        "applied": "applied",
        "follow_up": "follow-up",
        "interview": "interview",
        "status": "status",
        "snooze": "snoozed",
        "edit": "edited",
    }[e.kind]
    parts = []
    if e.channel:
        parts.append(f"via {e.channel}")
    if e.status:
        parts.append(f"-> {e.status}")
    if e.until:
        parts.append(f"until {e.until.isoformat()}")
    if e.at:
        parts.append(f"at {e.at}" + (f" for {e.minutes} min" if e.minutes else ""))
    if e.place:
        parts.append(f"where: {e.place}")
    if e.person:
        parts.append(f"with {e.person}")
    if e.note:
        parts.append(e.note)
    return what, "; ".join(parts)


def edit(
    ctx: typer.Context,
    app_id: AppId,
    company: Annotated[str | None, typer.Option("--company", help="New employer name.")] = None,
    role: Annotated[str | None, typer.Option("--role", help="New job title.")] = None,
    applied: Annotated[
        str | None,
        typer.Option("--applied", metavar="DATE", help=f"Correct the applied date. {DATE_HELP}"),
    ] = None,
    url: Annotated[str | None, typer.Option("--url", help="Job posting URL ('' clears).")] = None,
    source: Annotated[
        str | None, typer.Option("--source", help="Where you found it ('' clears).")
    ] = None,
    job_type: Annotated[
        str | None,
        typer.Option("--type", help=_JOB_TYPE_HELP, autocompletion=complete_from(JOB_TYPES)),
    ] = None,
    location: Annotated[
        str | None, typer.Option("--location", help="Location ('' clears).")
    ] = None,
    salary: Annotated[str | None, typer.Option("--salary", help="Salary ('' clears).")] = None,
    skill: Annotated[
        list[str] | None,
        typer.Option("--skill", help="Replace the skills the posting asks for (repeatable)."),
    ] = None,
    via: Annotated[
        str | None,
        typer.Option(
            "--via",
            metavar="METHOD",
            help="How you sent it: " + ", ".join(APPLY_METHODS) + " ('' clears).",
            autocompletion=complete_from(APPLY_METHODS),
        ),
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", help="Replace the note ('' clears).")
    ] = None,
    as_json: Json = False,
) -> None:
    """Change any field of an application. Every change is kept in its history."""
    from jobhunt import store, write
    from jobhunt.errors import InputError
    from jobhunt.render import Output
    from jobhunt.validate import choice

    changes: dict[str, object] = {}
    if via is not None:
        changes["via"] = choice(via, "method", APPLY_METHODS) if via else None
    for name, value in (
        ("company", company),
        ("role", role),
        ("url", url),
        ("source", source),
        ("job_type", job_type),
        ("location", location),
        ("salary", salary),
        ("note", note),
    ):
        if value is not None:
            changes[name] = value
    if applied is not None:
        changes["applied_on"] = _applied_day(applied)
    if job_type == "":
        changes["job_type"] = None
    if not changes and skill is None:
        raise InputError("nothing to change; give at least one option (see: jobhunt edit --help)")
    st = state(ctx)
    with st.writing() as conn:
        changed = write.edit_application(
            conn, app_id, on=local_today(), changes=changes, skills=skill
        )
    out = Output(as_json=as_json)
    record = store.get_application(st.conn(), app_id)
    if out.is_json:
        out.json(application=view(record), changed=changed)
    elif changed:
        out.line(f"Changed {', '.join(changed)} of application {app_id}.")
    else:
        out.line(f"Application {app_id} already had those values; nothing changed.")


def rm(ctx: typer.Context, app_id: AppId, yes: Yes = False, as_json: Json = False) -> None:
    """Delete an application and its history (asks first unless --yes; 'jobhunt undo'
    brings it back)."""
    from jobhunt import store, write
    from jobhunt.render import Output, clean

    st = state(ctx)
    app = store.get_application(st.conn(), app_id)
    confirm(f"Delete application {app_id} ({clean(app.company)} — {clean(app.role)})?", yes)
    with st.writing() as conn:
        write.delete_application(conn, app_id)
    out = Output(as_json=as_json)
    if out.is_json:
        out.json(deleted=view(app))
    else:
        out.line(f"Deleted application {app_id}. Undo with: {clean(st.scoped('jobhunt undo'))}")
