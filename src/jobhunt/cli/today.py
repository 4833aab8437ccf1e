"""`jobhunt today`: the day's agenda."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING, Annotated

import typer

from jobhunt.cli._common import Json, day, local_today, policy, state
from jobhunt.dates import DATE_HELP

if TYPE_CHECKING:
    from jobhunt.records import Application
    from jobhunt.render import Output
    from jobhunt.rules import Action

GETTING_STARTED = (
    "Nothing recorded yet. Start with:",
    "  jobhunt add COMPANY ROLE            right after you apply",
    "  jobhunt contact add NAME --company COMPANY   someone you know",
    "  jobhunt course add TITLE --skill SKILL      something you are learning",
    "Then run 'jobhunt today' each morning.",
)


def unscoped(command: str | None) -> str | None:
    return command


def action_view(action: Action, scoped: Callable[[str | None], str | None] = unscoped) -> dict:
    """The stable JSON shape of an action (version 1); `scoped` adds --db/--profile to
    its commands (State.scoped)."""
    return {
        "kind": action.kind,
        "section": action.section,
        "stage": action.stage,
        "due": action.due.isoformat(),
        "overdue_days": action.overdue_days,
        "message": action.message,
        "why": action.why,
        "channels": list(action.channels),
        "application_id": action.application_id,
        "contact_id": action.contact_id,
        "course_id": action.course_id,
        "event_id": action.event_id,
        "command": scoped(action.command),
        "draft_command": scoped(draft_command(action)),
        "answer_command": scoped(action.answer),
    }


def ended_view(app: Application | None) -> dict | None:
    """The JSON shape of the search's end (version 1): the accepted job, and the day."""
    if app is None:
        return None
    from jobhunt.rules import accepted_on

    when = accepted_on(app)
    return {
        "application_id": app.id,
        "company": app.company,
        "role": app.role,
        "on": when.isoformat() if when else None,
    }


def ended_line(app: Application) -> str:
    from jobhunt.render import clean
    from jobhunt.rules import accepted_on

    when = accepted_on(app)
    on = f" on {when.isoformat()}" if when else ""
    return f"Search ended: accepted {app.id} ({clean(app.role)} at {clean(app.company)}){on}"


def draft_command(action: Action) -> str | None:
    """The command that prepares an action: its draft message, or an interview's brief."""
    if action.kind == "follow_up" and action.application_id is not None:
        return f"jobhunt draft {action.application_id}"
    if action.kind == "thank_referral" and action.application_id is not None:
        return f"jobhunt draft {action.application_id} --kind thank-referral"
    if action.kind in ("touch", "event_follow_up") and action.contact_id is not None:
        return f"jobhunt draft --contact {action.contact_id}"
    if action.kind == "interview" and action.application_id is not None:
        return f"jobhunt brief {action.application_id}"
    return None


def due_label(action: Action, today: date) -> str:
    """A suggestion is always "suggestion" and a weekly target "by DATE" (the end of its
    week): a label never depends on whether it was shown before."""
    from jobhunt.rules.base import TARGET_KINDS

    if action.nudge_key:
        return "suggestion"
    if action.kind in TARGET_KINDS:
        return f"by {action.due.isoformat()}"
    if action.overdue_days:
        n = action.overdue_days
        return f"{n} day{'s' if n != 1 else ''} overdue"
    if action.due == today:
        return "today"
    if action.due == today + timedelta(days=1):
        return "tomorrow"
    if action.kind in ("interview", "event", "course_session"):
        return action.due.isoformat()
    return f"by {action.due.isoformat()}"


def render_agenda(
    out: Output,
    actions: tuple[Action, ...],
    today: date,
    scoped: Callable[[str | None], str | None] = unscoped,
) -> None:
    from jobhunt.render import clean
    from jobhunt.rules import SECTION_TITLES, SECTIONS

    if out.mode == "rich":
        from rich.table import Table
        from rich.text import Text

        out.line(f"Agenda for {today:%A %d %B %Y}", style="bold")
        for section in SECTIONS:
            items = [a for a in actions if a.section == section]
            if not items:
                continue
            out.line()
            out.line(SECTION_TITLES[section], style="bold underline")
            grid = Table.grid(padding=(0, 2))
            grid.add_column(no_wrap=True)
            grid.add_column(overflow="fold")
            for a in items:
                style = "bold red" if a.overdue_days else ("yellow" if a.due == today else "dim")
                body = Text(clean(a.message))
                body.append("\n" + clean(a.why), style="dim")
                for command in (a.command, draft_command(a)):
                    if command:
                        body.append("\n$ " + clean(scoped(command)), style="cyan")
                if a.answer:
                    body.append("\nanswer: ", style="dim")
                    body.append(clean(scoped(a.answer)), style="cyan")
                grid.add_row(Text(due_label(a, today), style=style), body)
            out.console.print(grid)
        return
    for a in actions:
        label = f"[{SECTION_TITLES[a.section]}] {due_label(a, today)}"
        line = f"{label}: {clean(a.message)} (why: {clean(a.why)})"
        if a.command:
            line += f" -> {clean(scoped(a.command))}"
        prepare = draft_command(a)
        if prepare:
            label = "brief" if a.kind == "interview" else "draft"
            line += f" | {label}: {clean(scoped(prepare))}"
        if a.answer:
            line += f" | answer: {clean(scoped(a.answer))}"
        out.line(line)


def today(
    ctx: typer.Context,
    on: Annotated[
        str | None,
        typer.Option(
            "--on", metavar="DATE", help=f"Preview the agenda for another day. {DATE_HELP}"
        ),
    ] = None,
    quiet: Annotated[
        bool,
        typer.Option("--quiet", "-q", help="Print nothing when nothing is due (for cron)."),
    ] = False,
    all_: Annotated[
        bool,
        typer.Option(
            "--all",
            "-a",
            help="List every follow-up due (by default at most follow_ups_per_day, most "
            "overdue first; --json always lists all).",
        ),
    ] = False,
    as_json: Json = False,
) -> None:
    """The day's agenda: follow-ups due, how many applications keep the week on target,
    who to get back in touch with, what to learn, and when to take temporary work."""
    from jobhunt import rules, store
    from jobhunt.render import Output

    when = day(on)
    pol = policy()
    st = state(ctx)
    conn = st.conn()
    snapshot = store.load_snapshot(conn, today=when, lookback_days=pol.lookback_days)
    actions = rules.plan(snapshot, today=when, policy=pol)
    ended = rules.search_ended_by(snapshot)
    out = Output(as_json=as_json)
    if out.is_json:
        out.json(
            date=when,
            search_ended=ended_view(ended),
            actions=[action_view(a, st.scoped) for a in actions],
        )
    else:
        shown = actions if all_ else rules.morning(actions, policy=pol)
        if ended is not None and not quiet:
            out.line(ended_line(ended))
        if shown or (not quiet and ended is None):
            empty = not (
                snapshot.open_applications
                or snapshot.recent
                or snapshot.contacts
                or snapshot.courses
            )
            if empty and not quiet and ended is None and not store.has_any_record(conn):
                for line in GETTING_STARTED:
                    out.line(line)
                out.line()
            render_agenda(out, shown, when, st.scoped)
    if on is None or when == local_today():
        # Only what was not already recorded today: most mornings after the first, no write.
        fresh = [
            a.nudge_key for a in actions if a.nudge_key and snapshot.nudges.get(a.nudge_key) != when
        ]
        store.record_nudges(conn, fresh, when)


def register(app: typer.Typer) -> None:
    app.command()(today)
