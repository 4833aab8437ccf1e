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
    from jobhunt import validate
    from jobhunt.io import csvio, jsonexport, sheets

    sheet = validate.choice(what, "table", CSV_SHEETS)
    assert sheet is not None
    header, rows = sheets.SHEETS[sheet](jsonexport.dump(state(ctx).conn()))
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
    and course sessions over the next weeks. All-day entries with stable UIDs, so
    importing a newer export updates your calendar instead of duplicating it."""
    from jobhunt import store
    from jobhunt.io import ics as calendar

    conn = state(ctx).conn()
    today = local_today()
    found = calendar.entries(
        applications=store.list_applications(conn),
        meetups=store.list_meetups(conn, since=today),
        courses=store.list_courses(conn),
        today=today,
        weeks=weeks,
        policy=policy(),
    )
    _emit(
        ctx,
        calendar.to_ical(found),
        output,
        _plural(len(found), "calendar entry", "calendar entries"),
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
    """The work-search log unemployment offices ask for: every employer contact in one
    week (applications made, follow-ups, interviews held) with the date, employer,
    position, contact person, method and result."""
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
    apps = store.applications_active_between(conn, start=start, end=end)
    linked = store.linked_contacts(conn, [a.id for a in apps])
    found = log.entries(apps, linked, start=start, end=end, today=local_today())
    what = _plural(len(found), "employer contact")
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
        out.line("No employer contacts recorded that week.")
        return
    out.table(log.COLUMNS, [e.cells() for e in found])
    if out.mode == "rich":
        out.line(f"{what}.")


app.command("json")(json_)
app.command("csv")(csv_)
app.command("ics")(ics)
app.command("worklog")(worklog)
