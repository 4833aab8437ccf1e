"""`jobhunt week`: the weekly review of the five habits against their targets."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

import typer

from jobhunt.cli._common import Json, day, local_today, policy, state
from jobhunt.dates import DATE_HELP


def week(
    ctx: typer.Context,
    on: Annotated[
        str | None,
        typer.Option(
            "--on", metavar="DATE", help=f"Review the week containing this day. {DATE_HELP}"
        ),
    ] = None,
    as_json: Json = False,
) -> None:
    """A weekly review: what you did in each of the five areas against its target,
    and what is overdue."""
    from dataclasses import replace

    from jobhunt import rules, store
    from jobhunt.cli.today import action_view, due_label
    from jobhunt.dates import week_start
    from jobhunt.render import Output, clean

    pol = policy()
    when = day(on)
    start = week_start(when, pol.first_weekday)
    end = start + timedelta(days=6)
    as_of = min(end, local_today())
    if on is not None:
        as_of = min(end, when)  # the week as it stood on that day
    conn = state(ctx).conn()
    snapshot = store.load_snapshot(conn, today=as_of, lookback_days=pol.lookback_days)
    # Touches as the weekly target counts them (an event's meeting and its follow-up: one).
    facts = replace(
        store.week_facts(conn, start=start, end=as_of),
        touches=rules.network.touches_this_week(snapshot, today=as_of, policy=pol),
    )
    overdue = tuple(a for a in rules.plan(snapshot, today=as_of, policy=pol) if a.overdue_days)
    areas = rules.review(
        facts,
        overdue,
        policy=pol,
        ended=rules.search_ended_by(snapshot),
        touch_target=rules.network.weekly_touch_target(snapshot, policy=pol),
    )
    out = Output(as_json=as_json)
    if out.is_json:
        out.json(
            start=start,
            end=end,
            as_of=as_of,
            areas=[
                {
                    "area": a.name,
                    "done": a.done,
                    "target": a.target,
                    "on_target": a.on_target,
                    "detail": a.detail,
                }
                for a in areas
            ],
            overdue=[action_view(a, state(ctx).scoped) for a in overdue],
        )
        return
    out.heading(f"Week of {start.isoformat()} to {end.isoformat()}")
    out.table(
        ("Area", "Done", "Target", "", "Details"),
        [
            (
                a.name,
                f"{a.done:g}",
                "" if a.target is None else f"{a.target:g}",
                "ok" if a.on_target else "behind",
                a.detail,
            )
            for a in areas
        ],
    )
    if overdue:
        out.line()
        out.heading(f"Overdue as of {as_of.isoformat()}")
        for a in overdue:
            out.line(f"{due_label(a, as_of)}: {clean(a.message)}")


def register(app: typer.Typer) -> None:
    app.command()(week)
