"""`jobhunt export json|csv|ics|worklog`: your records out, for backups, spreadsheets,
calendars and the unemployment office.

Standard output by default; `-o FILE` writes the file atomically (a temporary file
in the same folder, fsync, rename), readable only by you (0600).
"""

from __future__ import annotations

from typing import Annotated

import typer

from jobhunt.cli._common import Json, complete_from, day, local_today, policy, state
from jobhunt.dates import DATE_HELP

app = typer.Typer(
    name="export",
    rich_markup_mode=None,
    no_args_is_help=True,
    add_completion=False,
    help="Export your records: JSON (everything, exact), CSV for spreadsheets, "
    "ICS for calendars, and the weekly work-search log.",
)

CSV_SHEETS = ("applications", "contacts", "courses", "events", "history", "interactions")
WORKLOG_FORMATS = ("table", "csv", "json")

OutputFile = Annotated[
    str | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write to FILE (atomically, readable only by you) instead of standard output.",
    ),
]


def _emit(ctx: typer.Context, data: bytes, output: str | None, what: str) -> None:
    from jobhunt.io.atomic import emit
    from jobhunt.render import warn

    written = emit(data, output, store_path=state(ctx).target.path)
    if written is not None:
        warn(f"Wrote {what} to {written}.")


def _plural(n: int, noun: str, plural: str | None = None) -> str:
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def json_(ctx: typer.Context, output: OutputFile = None) -> None:
    """Everything in the store as one versioned JSON document, exactly (ids, dates,
    history). Restore it into a new store with: jobhunt import json FILE."""
    from jobhunt.io import jsondoc, jsonexport

    document = jsonexport.dump(state(ctx).conn())
    n = sum(len(document[s]) for s in jsondoc.SECTIONS)
    _emit(ctx, jsonexport.to_bytes(document), output, _plural(n, "record"))


def csv_(
    ctx: typer.Context,
    what: Annotated[
        str,
        typer.Argument(
            metavar="WHAT",
            help="applications, contacts, courses, events (networking events), history "
            "(every application's dated history) or interactions (with contacts).",
            autocompletion=complete_from(CSV_SHEETS),
        ),
    ],
    output: OutputFile = None,
) -> None:
    """One table as spreadsheet-safe CSV: UTF-8, every field quoted, a header row, and
    any cell a spreadsheet could run as a formula prefixed with a single quote."""
    from jobhunt import store, validate
    from jobhunt.io import csvio, jsonexport, sheets

    sheet = validate.choice(what, "table", CSV_SHEETS)
    assert sheet is not None
    conn = state(ctx).conn()
    document = jsonexport.dump(conn)
    document["store"] = store.store_id(conn)  # the applications sheet's `store` column
    header, rows = sheets.SHEETS[sheet](document)
    _emit(ctx, csvio.to_csv(header, rows), output, _plural(len(rows), "row"))


def ics(
    ctx: typer.Context,
    weeks: Annotated[
        int,
        typer.Option("--weeks", "-w", min=1, max=52, help="How many weeks ahead, from today."),
    ] = 4,
    output: OutputFile = None,
) -> None:
    """Calendar entries (ICS) for follow-ups due, scheduled interviews, networking events
    and course sessions over the next weeks. All-day entries, but for interviews given a
    time (interview --at), which are timed in your time zone (config key time_zone) with
    a reminder (reminder_minutes). UIDs carry the store's identifier, so importing a
    newer export updates your calendar instead of duplicating it; what was done, closed
    or deleted is published as cancelled."""
    from datetime import UTC, datetime, timedelta

    from jobhunt import clock, config, store
    from jobhunt.io import ics as calendar
    from jobhunt.io import icsgone

    st = state(ctx)
    conn = st.conn()
    today, pol = local_today(), policy()
    since = today - timedelta(icsgone.KEEP_DAYS)
    apps = store.applications_for_calendar(conn, since=since)
    open_apps = [a for a in apps if a.is_open]
    courses = store.list_courses(conn, include_closed=True)
    revisions = store.revisions(conn)
    created = {
        (table, key): when
        for table in ("meetup", "course")
        for key, when in store.created_times(conn, table).items()
    }
    found = calendar.entries(
        applications=open_apps,
        meetups=store.list_meetups(conn, since=today),
        courses=courses,
        today=today,
        weeks=weeks,
        policy=pol,
        revisions=revisions,
        created=created,
        scope=st.scoped,
    )
    live = {e.uid for e in found}
    for app in open_apps:  # due past the window: still due, never cancelled
        live.update(e.uid for e in calendar.application_entries(app, today=today, policy=pol))
    month_ago = datetime.now(UTC) - timedelta(days=icsgone.KEEP_DAYS)
    gone = icsgone.cancelled(
        applications=apps,
        courses=courses,
        live=live,
        gone=store.gone_since(conn, month_ago.isoformat(timespec="seconds")),
        meetup_ids={m.id for m in store.list_meetups(conn)},
        today=today,
        end=calendar.window(today, weeks)[1],
        policy=pol,
        revisions=revisions,
        changes=store.change_days(conn, since=since),
    )
    data = calendar.to_ical(
        calendar.sort(found + gone),
        store=store.store_id(conn),
        zone=clock.local_zone(config.time_zone()),
        reminder=pol.reminder_minutes,
    )
    _emit(
        ctx,
        data,
        output,
        _plural(len(found) + len(gone), "calendar entry", "calendar entries"),
    )


def worklog(
    ctx: typer.Context,
    week: Annotated[
        str | None,
        typer.Option(
            "--week",
            metavar="DATE",
            help=f"The week containing this day (default: this week). {DATE_HELP}",
        ),
    ] = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="table (printable; plain lines when piped), csv (spreadsheet-safe) or json.",
            autocompletion=complete_from(WORKLOG_FORMATS),
        ),
    ] = "table",
    as_json: Json = False,
    output: OutputFile = None,
) -> None:
    """The work-search log unemployment offices ask for: one week's applications made,
    follow-ups, interviews held, networking events attended and informational meetings,
    with the date, employer, position, the posting's URL and location, the contact
    person and method (only when recorded) and the result. Check it before you submit
    it."""
    from datetime import timedelta

    from jobhunt import store, validate
    from jobhunt.dates import week_start
    from jobhunt.io import csvio
    from jobhunt.io import worklog as log
    from jobhunt.render import JSON_VERSION, Output, clean, json_text, jsonable

    chosen = "json" if as_json else validate.choice(fmt, "format", WORKLOG_FORMATS)
    start = week_start(day(week), policy().first_weekday)
    end = start + timedelta(days=6)
    conn = state(ctx).conn()
    today = local_today()
    # Each result as it stood at the end of that week (or today, while the week runs):
    # regenerating a past week gives the same log.
    apps = store.applications_active_as_of(conn, start=start, end=end, day=min(end, today))
    meetups, touches, contacts = store.worklog_facts(conn, start=start, end=end)
    found = log.entries(
        apps, start=start, end=end, today=today, meetups=meetups, touches=touches,
        contacts=contacts,
    )  # fmt: skip
    what = _plural(len(found), "work-search activity", "work-search activities")
    title = f"Work-search log, week of {start.isoformat()} to {end.isoformat()}"
    if chosen == "csv":
        _emit(ctx, csvio.to_csv(log.COLUMNS, [e.cells() for e in found]), output, what)
        return
    if chosen == "json":
        payload = {"start": start, "end": end, "entries": [e.view() for e in found]}
        if output:
            body = {"version": JSON_VERSION, **jsonable(payload)}
            data = (json_text(body) + "\n").encode("utf-8")
            _emit(ctx, data, output, what)
        else:
            Output(as_json=True).json(**payload)
        return
    if output:
        lines = [title, "\t".join(log.COLUMNS)]
        lines += ["\t".join(clean(c) for c in e.cells()) for e in found]
        _emit(ctx, ("\n".join(lines) + "\n").encode("utf-8"), output, what)
        return
    out = Output()
    out.heading(title)
    if not found:
        out.line("No work-search activities recorded that week.")
        return
    out.table(log.COLUMNS, [e.cells() for e in found])
    if out.mode == "rich":
        out.line(f"{what}.")


app.command("json")(json_)
app.command("csv")(csv_)
app.command("ics")(ics)
app.command("worklog")(worklog)
