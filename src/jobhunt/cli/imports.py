"""`jobhunt import linkedin|csv|json FILE`: bring records in from files.

Every import reads and checks the whole file first, then writes in one transaction
(all or nothing, one `jobhunt undo` step), after an automatic backup of the store.
A bad row is reported with its line and reason and skipped, unless --strict.
(`import` is a Python keyword, hence this module's name.)
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

import typer

from jobhunt.cli._common import Json, complete_from, local_today, policy, state
from jobhunt.dates import DAY_ORDERS

if TYPE_CHECKING:
    import sqlite3

    from jobhunt.cli._common import State
    from jobhunt.io.csvio import Table
    from jobhunt.io.report import Report

app = typer.Typer(
    name="import",
    rich_markup_mode=None,
    no_args_is_help=True,
    add_completion=False,
    help=(
        "Bring records in from files: LinkedIn connections, a spreadsheet of applications, "
        "or a jobhunt JSON export."
    ),
)

FileArg = Annotated[
    str, typer.Argument(metavar="FILE", help="The file to read ('-' reads standard input).")
]
DryRun = Annotated[
    bool, typer.Option("--dry-run", help="Show what would happen, and write nothing.")
]
Strict = Annotated[
    bool,
    typer.Option(
        "--strict",
        help="Stop at the first bad row: write nothing and exit non-zero "
        "(default: skip bad rows and report them).",
    ),
]


def _name(file: str) -> str:
    return "standard input" if file == "-" else file


Dates = Annotated[
    str | None,
    typer.Option(
        "--dates",
        metavar="ORDER",
        help="The order of all-numeric dates: dmy, mdy or ymd (this also reads "
        "two-digit years). Default: each date column is settled by its values that "
        "cannot be misread (a day over 12).",
        autocompletion=complete_from(DAY_ORDERS),
    ),
]


def _date_parser() -> Callable[[str, str | None, bool], date]:
    """parse_day with today and the week start fixed, remembering repeated dates."""
    from functools import lru_cache

    from jobhunt.dates import parse_day

    today, first = local_today(), policy().first_weekday

    @lru_cache(maxsize=8192)
    def parse(text: str, order: str | None = None, short_years: bool = False) -> date:
        return parse_day(
            text, today=today, first_weekday=first, order=order, two_digit_years=short_years
        )

    return parse


def _store(st: State, dry_run: bool) -> sqlite3.Connection | None:
    """The store; None for a dry run against a store that does not exist (none is made)."""
    from jobhunt import store

    if dry_run and (not store.exists(st.target) if st.is_pg else not st.path.exists()):
        return None
    return st.conn()


def _commit(
    st: State,
    conn: sqlite3.Connection,
    replan: Callable[[], tuple[Report, Any]],
    apply: Callable[[Any], None],
) -> Report:
    """Back up, then plan again inside the write transaction (the store may have changed
    since the first look) and write. Returns the report of what was written."""
    from jobhunt import store

    # On PostgreSQL the import is one transaction on the server; its backups are the
    # server's (pg_dump), so no file is written here.
    backup = (
        store.auto_backup(conn, st.path, reason="import")
        if not st.is_pg and store.has_any_record(conn)
        else None
    )
    # A big import holds the writer lock for long: other writers wait for it, and say so.
    with store.long_writer(conn, st.command), store.transaction(conn, undo_label=st.command):
        report, writes = replan()
        if report.changes:
            apply(writes)
    report.backup = str(backup) if backup else None
    return report


def _finish(
    report: Report, *, warnings: list[str], dry_run: bool, as_json: bool, table: Table | None
) -> None:
    """Print the report; `table`: the CSV read (its blank rows are skipped lines)."""
    from jobhunt.io.report import ADDED, MERGED, REJECTED, UNCHANGED, UPDATED
    from jobhunt.render import Output, clean, warn

    report.warnings[:0] = warnings
    report.blank = table.blank if table else 0
    report.blank_lines = table.blank_lines if table else []
    report.dry_run = dry_run
    out = Output(as_json=as_json)
    if out.is_json:
        out.json(**{"import": report.view()})
        return
    for message in report.warnings:
        warn(f"Warning: {message}")

    def where(line: int | str) -> str:
        return f"line {line}" if isinstance(line, int) else line

    source = clean(report.source)
    if dry_run:
        out.line(f"Dry run of importing {source}: nothing was written.")
        for o in report.outcomes:
            if o.action == ADDED:
                out.line(f"  {where(o.line)}: would add {clean(o.what)}")
            elif o.action == UPDATED:
                ref = f" #{o.record_id}" if o.record_id else ""
                out.line(
                    f"  {where(o.line)}: would update {clean(o.what)}{ref} ({', '.join(o.fields)})"
                )
    counts = (
        f"{report.count(ADDED)} added, {report.count(UPDATED)} updated, "
        f"{report.count(UNCHANGED)} unchanged, "
        + (f"{report.count(MERGED)} merged, " if report.count(MERGED) else "")
        + f"{len(report.rejected)} rejected "
        f"({report.rows} {'row' if report.rows == 1 else 'rows'} read"
        + (f", {report.blank} blank" if report.blank else "")
        + ")"
    )
    if dry_run:
        out.line(f"Would import: {counts}.")
    else:
        out.line(f"Imported {source}: {counts}.")
    if report.kind == "json" and report.count(ADDED):
        sections: dict[str, int] = {}
        for o in report.outcomes:
            if o.action == ADDED:
                section = str(o.line).split("[")[0]
                sections[section] = sections.get(section, 0) + 1
        out.line("  added " + ", ".join(f"{section}: {n}" for section, n in sections.items()))
    for o in report.outcomes:
        if o.action == REJECTED:
            out.line(f"  rejected {where(o.line)}: {clean(o.reason)}")
        elif o.reason:
            ref = f" (#{o.record_id})" if o.record_id else ""
            out.line(f"  {o.action} {where(o.line)}{ref}: {clean(o.reason)}")
    if report.backup:
        out.line(f"A backup of the store before the import: {clean(report.backup)}")


def linkedin(
    ctx: typer.Context,
    file: FileArg,
    dry_run: DryRun = False,
    strict: Strict = False,
    cadence: Annotated[
        bool,
        typer.Option(
            "--cadence",
            help="Give the new contacts a stay-in-touch schedule, their first touches "
            "spread over one period of their kind's cadence from tomorrow (default: no "
            "schedule until you touch them or give them --every).",
        ),
    ] = False,
    as_json: Json = False,
    dates: Dates = None,
) -> None:
    """Import LinkedIn connections (Connections.csv from LinkedIn's data export) as
    contacts, each with the day you connected as their first interaction. Re-importing
    updates changed titles and companies and adds nothing twice. New contacts have no
    stay-in-touch schedule unless --cadence."""
    from jobhunt import store, validate
    from jobhunt.io import csvio
    from jobhunt.io import linkedin as li

    order = validate.choice(dates, "date order", DAY_ORDERS)
    name = _name(file)
    text, warnings = csvio.decode(csvio.read_source(file), name)
    table = csvio.open_table(text, name, score=li.header_score, expected=li.HEADER_HELP)
    today = local_today()
    rows, more = li.parse(table, today=today, parse_date=_date_parser(), order=order)
    st = state(ctx)
    conn = _store(st, dry_run)

    def replan() -> tuple[Report, li.Writes]:
        existing = store.list_contacts(conn) if conn else []
        touches = store.interaction_days(conn, via="linkedin") if conn else set()
        return li.plan(rows, existing, touches, today=today, source=name, strict=strict)

    report, _ = replan()
    if conn is not None and not dry_run and report.changes:
        schedule = li.Schedule(today, policy().cadence_days) if cadence else None
        report = _commit(
            st, conn, replan, lambda w: li.apply(conn, w, now=store.utc_now(), schedule=schedule)
        )
    _finish(report, warnings=warnings + more, dry_run=dry_run, as_json=as_json, table=table)


def csv_(
    ctx: typer.Context,
    file: FileArg,
    dry_run: DryRun = False,
    strict: Strict = False,
    as_json: Json = False,
    dates: Dates = None,
    maps: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            metavar="'HEADER=FIELD'",
            help="Read the column HEADER as FIELD (company, title, applied, status, url, "
            "location, salary, note, source, type, skills, interview, response, rejected, "
            "offer, history, or ignore). Repeatable.",
        ),
    ] = None,
    statuses: Annotated[
        list[str] | None,
        typer.Option(
            "--status",
            metavar="'WORD=STATUS'",
            help="Read the stage word WORD as STATUS (saved, applied, interviewing, offer, "
            "accepted, rejected, withdrawn, ghosted). Repeatable.",
        ),
    ] = None,
) -> None:
    """Import applications from a spreadsheet or another tracker (CSV with a header row:
    Company, Title, Date Applied, Status, URL, Location, Salary, Notes, Source, Type,
    Skills, and dated columns such as Interview Date or Stage History). A row naming an
    application you have (the same company, title, date applied and posting URL, or
    the id of this store's own export) updates it instead of adding it twice."""
    from jobhunt import config, store, validate
    from jobhunt.io import appcsv, appmatch, appwrite, csvio, vocab

    order = validate.choice(dates, "date order", DAY_ORDERS)
    words = vocab.vocabulary(maps or [], statuses or [], config=config.import_tables())
    name = _name(file)
    text, warnings = csvio.decode(csvio.read_source(file), name)
    table = csvio.open_table(
        text, name, score=appcsv.header_scorer(words), expected=appcsv.HEADER_HELP
    )
    vocab.check_maps_found(maps or [], table.header.cells, name)
    today = local_today()
    st = state(ctx)
    conn = _store(st, dry_run)
    existing = store.applications_for_matching(conn) if conn is not None else []
    rows, more = appcsv.parse(
        table, today=today, parse_date=_date_parser(), words=words, order=order,
        store_id=store.store_id(conn) if conn is not None else None,
        stored={a.id: (a.created_at, a.applied_on) for a in existing},
    )  # fmt: skip

    def replan() -> tuple[Report, appmatch.Writes]:
        if conn is None:
            return appmatch.plan(rows, [], source=name, strict=strict)
        return appmatch.plan(
            rows,
            store.applications_for_matching(conn),
            source=name,
            strict=strict,
            store_id=store.store_id(conn),
            history=appwrite.known_events(conn),
        )

    report, _ = replan()
    if conn is not None and not dry_run and report.changes:
        report = _commit(
            st, conn, replan, lambda w: appwrite.apply(conn, w, today=today, now=store.utc_now())
        )
    _finish(report, warnings=warnings + more, dry_run=dry_run, as_json=as_json, table=table)


def json_(
    ctx: typer.Context,
    file: FileArg,
    merge: Annotated[
        bool,
        typer.Option(
            "--merge",
            help="Add everything as new records (new ids, links kept) to a store that "
            "already has records. Without it, only an empty store is accepted.",
        ),
    ] = False,
    dry_run: DryRun = False,
    strict: Strict = False,
    as_json: Json = False,
) -> None:
    """Import a jobhunt JSON export (from: jobhunt export json). Into an empty store it
    restores everything exactly, ids included; into a store with records only with
    --merge."""
    from jobhunt import store, validate
    from jobhunt.io import csvio, jsondoc, jsonimport

    name = _name(file)
    document = jsondoc.load(csvio.read_source(file), name)
    st = state(ctx)
    conn = _store(st, dry_run)

    def replan() -> tuple[Report, jsonimport.Bundle]:
        skills: set[str] = set()
        if conn is not None:
            if merge:
                skills = {validate.skill_key(s) for s in store.list_skills(conn)}
            else:
                jsonimport.refuse_unless_empty(conn)
        return jsonimport.plan(
            document,
            source=name,
            merge=merge,
            existing_skills=skills,
            strict=strict,
            today=local_today(),
        )

    report, _ = replan()
    if conn is not None and not dry_run and report.changes:
        report = _commit(st, conn, replan, lambda bundle: jsonimport.apply(conn, bundle))
    _finish(report, warnings=[], dry_run=dry_run, as_json=as_json, table=None)


app.command("linkedin")(linkedin)
app.command("csv")(csv_)
app.command("json")(json_)
