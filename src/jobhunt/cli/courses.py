"""Learning: courses (add, list, show, edit, rm, log, done, drop). The skills you have
are in `skills.py`; how a course is shown, in `course_views.py`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from jobhunt.choices import COURSE_KINDS
from jobhunt.cli._common import (
    CourseId,
    Json,
    Note,
    OnDay,
    Yes,
    complete_from,
    confirm,
    day,
    fact_day,
    local_today,
    maybe_day,
    state,
)
from jobhunt.cli.course_views import hours_text, label, log_view, next_nudge, totals, view
from jobhunt.dates import DATE_HELP
from jobhunt.errors import InputError
from jobhunt.validate import parse_days, parse_hours, parse_progress

if TYPE_CHECKING:
    import sqlite3

    from jobhunt.records import Course

app = typer.Typer(name="course", rich_markup_mode=None, no_args_is_help=False)

_KIND_HELP = "What sort of course: " + ", ".join(COURSE_KINDS) + "."
_DAYS_HELP = "Weekly session days, comma-separated: mon..sun or full names, e.g. tue,thu."
_SKILL_HELP = "A skill the course teaches (repeatable, or comma-separated)."


def _course(conn: sqlite3.Connection, course_id: int) -> Course:
    from jobhunt import store

    return store.get_course(conn, course_id)


# --------------------------------------------------------------------------- courses


def add(
    ctx: typer.Context,
    title: Annotated[str, typer.Argument(help="What the course is called.")],
    provider: Annotated[
        str | None,
        typer.Option("--provider", "-p", help="Who runs it: a college, a site, a library..."),
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option("--kind", help=_KIND_HELP, autocompletion=complete_from(COURSE_KINDS)),
    ] = None,
    skill: Annotated[list[str] | None, typer.Option("--skill", "-k", help=_SKILL_HELP)] = None,
    starts: Annotated[
        str | None,
        typer.Option("--starts", metavar="DATE", help=f"The first day. {DATE_HELP}"),
    ] = None,
    ends: Annotated[
        str | None, typer.Option("--ends", metavar="DATE", help="The last day (same forms).")
    ] = None,
    days: Annotated[str | None, typer.Option("--days", help=_DAYS_HELP)] = None,
    hours: Annotated[
        str | None, typer.Option("--hours", metavar="HOURS", help="Hours a week (0 or more).")
    ] = None,
    cost: Annotated[str | None, typer.Option("--cost", help="What it costs, as text.")] = None,
    url: Annotated[str | None, typer.Option("--url", "-u", help="The course page.")] = None,
    note: Note = None,
    as_json: Json = False,
) -> None:
    """Record a course you are taking (online, night class, certification...)."""
    from jobhunt import validate, write
    from jobhunt.render import Output, clean

    kind = validate.choice(kind, "course kind", COURSE_KINDS)
    weekdays = parse_days(days or "")
    per_week = parse_hours(hours)
    starts_on, ends_on = maybe_day(starts), maybe_day(ends)
    st = state(ctx)
    with st.writing() as conn:
        course_id = write.add_course(
            conn,
            title=title,
            added_on=local_today(),
            kind=kind,
            starts_on=starts_on,
            ends_on=ends_on,
            days=weekdays,
            hours_per_week=per_week,
            skills=skill or (),
            provider=provider,
            cost=cost,
            url=url,
            note=note,
        )
    course = _course(conn, course_id)
    out = Output(as_json=as_json)
    if out.is_json:
        out.json(course=view(course))
        return
    out.line(f"Added course {course_id}: {label(course)}.")
    then = st.scoped(f"jobhunt course log {course_id} --hours H --progress P")
    out.line(f"Log your progress with: {clean(then)}")


def list_(
    ctx: typer.Context,
    all_: Annotated[
        bool, typer.Option("--all", "-a", help="Include finished and dropped courses.")
    ] = False,
    as_json: Json = False,
) -> None:
    """List your courses (active ones unless --all)."""
    from jobhunt import store
    from jobhunt.render import Output

    courses = store.list_courses(state(ctx).conn(), include_closed=all_)
    out = Output(as_json=as_json)
    if out.is_json:
        out.json(courses=[view(c) for c in courses])
        return
    if not courses and out.mode == "rich":
        out.line("No courses. Add one with: jobhunt course add TITLE --skill SKILL")
        return
    out.table(
        ("ID", "Title", "Provider", "Status", "Skills", "Last logged"),
        [
            (
                c.id,
                c.title,
                c.provider or "",
                c.status,
                ", ".join(c.skills),
                c.last_log.isoformat() if c.last_log else "",
            )
            for c in courses
        ],
    )


def show(ctx: typer.Context, course_id: CourseId, as_json: Json = False) -> None:
    """Show a course: its details, every log entry, total hours and latest progress."""
    from jobhunt import store
    from jobhunt.render import Output
    from jobhunt.rules.learning import day_list

    conn = state(ctx).conn()
    course = _course(conn, course_id)
    logs = store.course_logs(conn, course_id)
    total, progress = totals(logs)
    nudge = next_nudge(course)
    out = Output(as_json=as_json)
    if out.is_json:
        out.json(
            course=view(course),
            logs=[log_view(r) for r in logs],
            total_hours=total,
            progress=progress,
            next_nudge=nudge,
        )
        return
    out.fields(
        [
            ("Title", course.title),
            ("Provider", course.provider),
            ("Kind", course.kind),
            ("Status", course.status),
            ("Skills", course.skills),
            ("Starts", course.starts_on),
            ("Ends", course.ends_on),
            ("Sessions", day_list(course.days)),
            ("Hours a week", hours_text(course.hours_per_week)),
            ("Cost", course.cost),
            ("URL", course.url),
            ("Note", course.note),
            ("Added", course.added_on),
            ("Last logged", course.last_log),
            ("Total hours", hours_text(total)),
            ("Progress", f"{progress}%" if progress is not None else None),
            ("Log due by", nudge),
        ],
        title=f"Course {course.id}",
    )
    out.line()
    out.heading("Log")
    out.table(
        ("Day", "Hours", "Progress", "Note"),
        [
            (r[1], hours_text(r[2]), f"{r[3]}%" if r[3] is not None else "", r[4] or "")
            for r in logs
        ],
    )


def edit(
    ctx: typer.Context,
    course_id: CourseId,
    title: Annotated[str | None, typer.Option("--title", help="New title.")] = None,
    provider: Annotated[
        str | None, typer.Option("--provider", "-p", help="Who runs it ('' clears).")
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind", help=_KIND_HELP + " '' clears.", autocompletion=complete_from(COURSE_KINDS)
        ),
    ] = None,
    skill: Annotated[
        list[str] | None,
        typer.Option(
            "--skill", "-k", help="Replace the skills it teaches (repeatable; '' clears)."
        ),
    ] = None,
    starts: Annotated[
        str | None,
        typer.Option("--starts", metavar="DATE", help=f"The first day ('' clears). {DATE_HELP}"),
    ] = None,
    ends: Annotated[
        str | None, typer.Option("--ends", metavar="DATE", help="The last day ('' clears).")
    ] = None,
    days: Annotated[str | None, typer.Option("--days", help=_DAYS_HELP + " '' clears.")] = None,
    hours: Annotated[
        str | None, typer.Option("--hours", metavar="HOURS", help="Hours a week ('' clears).")
    ] = None,
    cost: Annotated[str | None, typer.Option("--cost", help="What it costs ('' clears).")] = None,
    url: Annotated[str | None, typer.Option("--url", "-u", help="Course page ('' clears).")] = None,
    note: Annotated[
        str | None, typer.Option("--note", "-n", help="Replace the note ('' clears).")
    ] = None,
    as_json: Json = False,
) -> None:
    """Change any field of a course ('' clears optional text)."""
    from jobhunt import validate, write
    from jobhunt.render import Output

    changes: dict[str, object] = {
        field: value
        for field, value in (
            ("title", title),
            ("provider", provider),
            ("cost", cost),
            ("url", url),
            ("note", note),
        )
        if value is not None
    }
    if kind is not None:
        changes["kind"] = validate.choice(kind, "course kind", COURSE_KINDS) if kind else None
    if starts is not None:
        changes["starts_on"] = day(starts) if starts else None
    if ends is not None:
        changes["ends_on"] = day(ends) if ends else None
    if days is not None:
        changes["days"] = parse_days(days)
    if hours is not None:
        changes["hours_per_week"] = parse_hours(hours)
    if not changes and skill is None:
        raise InputError(
            "nothing to change; give at least one option (see: jobhunt course edit --help)"
        )
    st = state(ctx)
    with st.writing() as conn:
        changed = write.edit_course(conn, course_id, changes, skills=skill)
    course = _course(conn, course_id)
    out = Output(as_json=as_json)
    if out.is_json:
        out.json(course=view(course), changed=changed)
    elif changed:
        out.line(f"Changed {', '.join(changed)} of course {course_id}.")
    else:
        out.line(f"Course {course_id} already had those values; nothing changed.")


def rm(ctx: typer.Context, course_id: CourseId, yes: Yes = False, as_json: Json = False) -> None:
    """Delete a course and its log (asks first unless --yes)."""
    from jobhunt import write
    from jobhunt.render import Output

    st = state(ctx)
    course = _course(st.conn(), course_id)
    confirm(f"Delete course {course_id} ({label(course)}) and its log?", yes)
    with st.writing() as conn:
        write.delete_course(conn, course_id)
    out = Output(as_json=as_json)
    if out.is_json:
        out.json(deleted=view(course))
    else:
        out.line(f"Deleted course {course_id}.")


def log(
    ctx: typer.Context,
    course_id: CourseId,
    hours: Annotated[
        str | None, typer.Option("--hours", metavar="HOURS", help="Hours spent (0 or more).")
    ] = None,
    progress: Annotated[
        str | None,
        typer.Option("--progress", metavar="PERCENT", help="How far through you are, 0 to 100."),
    ] = None,
    on: OnDay = None,
    note: Note = None,
    as_json: Json = False,
) -> None:
    """Record time spent on a course or how far through it you are."""
    from jobhunt import store, write
    from jobhunt.render import Output, clean

    spent = parse_hours(hours)
    percent = parse_progress(progress)
    when = fact_day(on, "course log date")
    st = state(ctx)
    with st.writing() as conn:
        log_id = write.log_course(
            conn, course_id, on=when, hours=spent, progress=percent, note=note
        )
    course = _course(conn, course_id)
    logs = store.course_logs(conn, course_id)
    total, latest = totals(logs)
    out = Output(as_json=as_json)
    if out.is_json:
        entry = next(r for r in logs if r[0] == log_id)
        out.json(
            log=log_view(entry),
            course=view(course),
            total_hours=total,
            progress=latest,
            next_nudge=next_nudge(course),
        )
        return
    parts = []
    if spent is not None:
        parts.append(f"{hours_text(spent)} hour{'' if spent == 1 else 's'}")
    if percent is not None:
        parts.append(f"{percent}% done")
    what = f": {', '.join(parts)}" if parts else ""
    out.line(f"Logged course {course_id} ({clean(course.title)}) on {when.isoformat()}{what}.")
    if percent == 100 and course.status == "active":
        out.line(f"Finished? Mark it done: {clean(st.scoped(f'jobhunt course done {course_id}'))}")


def _set_status(ctx: typer.Context, course_id: int, status: str, as_json: bool) -> None:
    from jobhunt import write
    from jobhunt.render import Output, clean

    st = state(ctx)
    with st.writing() as conn:
        previous = write.set_course_status(conn, course_id, status)
    course = _course(conn, course_id)
    out = Output(as_json=as_json)
    if out.is_json:
        out.json(course=view(course), previous=previous)
    elif previous == status:
        out.line(f"Course {course_id} ({clean(course.title)}) was already {status}.")
    else:
        out.line(f"Course {course_id} ({clean(course.title)}): {previous} -> {status}.")


def done(ctx: typer.Context, course_id: CourseId, as_json: Json = False) -> None:
    """Mark a course finished (its skills then count as covered)."""
    _set_status(ctx, course_id, "done", as_json)


def drop(ctx: typer.Context, course_id: CourseId, as_json: Json = False) -> None:
    """Stop a course without finishing it (no more sessions or nudges)."""
    _set_status(ctx, course_id, "dropped", as_json)


@app.callback(invoke_without_command=True)
def _courses(ctx: typer.Context) -> None:
    """Courses you take to keep learning while you search, and their progress.

    With no command, lists your active courses.
    """
    if ctx.invoked_subcommand is None:
        ctx.invoke(list_, ctx=ctx)


app.command()(add)
app.command("list")(list_)
app.command()(show)
app.command()(edit)
app.command()(rm)
app.command()(log)
app.command()(done)
app.command()(drop)
