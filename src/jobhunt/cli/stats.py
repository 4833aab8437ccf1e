"""`jobhunt stats`: the funnel, response times, applications per week and an activity
calendar, as pictures on a terminal, plain lines in a pipe, numbers with --json."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from jobhunt.cli._common import Json, day, policy, state
from jobhunt.dates import DATE_HELP

if TYPE_CHECKING:
    from jobhunt.render import Output
    from jobhunt.stats import Calendar, Funnel, Responses, WeekCount

BAR = 30  # width of the funnel bars (rich)
NONE_LABEL = "(none)"
SHADES = ("grey30", "dark_green", "green4", "green3", "green1")
WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def stats(
    ctx: typer.Context,
    weeks: Annotated[
        int,
        typer.Option(
            "--weeks",
            "-w",
            min=1,
            max=104,
            help="How many weeks the weekly chart and the activity calendar cover.",
        ),
    ] = 12,
    on: Annotated[
        str | None,
        typer.Option(
            "--on",
            metavar="DATE",
            help="Your search as it stood on that day: only what was dated on or before it "
            f"counts. {DATE_HELP}",
        ),
    ] = None,
    as_json: Json = False,
) -> None:
    """Your search in numbers: the funnel (applied, responded, interviewed, offered,
    accepted) overall and by source and job type, response rate and median days to a
    first response, applications per week against the target, and an activity calendar."""
    from datetime import timedelta

    from jobhunt import stats as st
    from jobhunt import store
    from jobhunt.render import Output

    today, pol = day(on), policy()
    conn = state(ctx).conn()
    apps = store.applications_as_of(conn, today)
    starts = st.week_starts(today=today, weeks=weeks, first_weekday=pol.first_weekday)
    other = store.activity_days(conn, start=starts[0], end=today)
    overall = st.funnel(apps)
    resp = st.responses(apps)
    by_source = st.funnel_by(apps, lambda a: a.source)
    by_type = st.funnel_by(apps, lambda a: a.job_type)
    per_week = st.weekly(
        apps,
        today=today,
        weeks=weeks,
        first_weekday=pol.first_weekday,
        target=pol.weekly_applications,
    )
    cal = st.calendar(apps, other, today=today, weeks=weeks, first_weekday=pol.first_weekday)
    out = Output(as_json=as_json)
    if out.is_json:
        out.json(
            as_of=today,
            weeks=weeks,
            funnel=_funnel_json(overall),
            response=_response_json(resp),
            by_source=[{"source": k, **_funnel_json(f)} for k, f in by_source],
            by_job_type=[{"job_type": k, **_funnel_json(f)} for k, f in by_type],
            weekly={
                "target": pol.weekly_applications,
                "first_weekday": pol.first_weekday,
                "weeks": [
                    {
                        "start": w.start,
                        "end": w.start + timedelta(days=6),
                        "applications": w.applications,
                        "on_target": w.on_target,
                    }
                    for w in per_week
                ],
            },
            activity={
                "start": cal.starts[0],
                "end": today,
                "total": cal.total,
                "days": [
                    {"date": d, "total": sum(kinds.values()), **kinds} for d, kinds in cal.days
                ],
            },
        )
        return
    if not overall.applied:
        out.line("No applications yet: the funnel starts with: jobhunt add COMPANY ROLE")
    else:
        _render_funnel(out, overall, resp)
        _render_groups(out, "By source", by_source)
        _render_groups(out, "By job type", by_type)
    out.line()
    _render_weeks(out, per_week, pol.weekly_applications)
    out.line()
    _render_calendar(out, cal, pol.first_weekday)


def _funnel_json(f: Funnel) -> dict:
    from jobhunt.stats import STAGES

    return {
        "counts": dict(zip(STAGES, f.counts(), strict=True)),
        "conversion": f.conversion(),
        "of_applied": f.of_applied(),
    }


def _response_json(r: Responses) -> dict:
    return {
        "applied": r.applied,
        "responded": r.responded,
        "rate": r.rate,
        "median_days_to_first_response": r.median_days,
        "measured": r.measured,
    }


def percent(value: float | None) -> str:
    return "n/a" if value is None else f"{value * 100:.0f}%"


def _days(value: float | None) -> str:
    return "n/a" if value is None else f"{value:g}"


def _render_funnel(out: Output, f: Funnel, r: Responses) -> None:
    from jobhunt.stats import STAGES

    conversion = f.conversion()
    counts = f.counts()
    summary = (
        f"Response rate: {percent(r.rate)} ({r.responded} of {r.applied}); "
        f"median days to a first response: {_days(r.median_days)}"
        + (f" (over {r.measured})" if r.measured else "")
    )
    if out.mode != "rich":
        out.heading("Funnel")
        for i, stage in enumerate(STAGES):
            line = f"{stage:<12}{counts[i]:>5}"
            if i:
                line += f"  {percent(conversion[stage])} of {STAGES[i - 1]}"
            out.line(line)
        out.line(summary)
        return
    from rich.text import Text

    out.heading("Funnel")
    rows = []
    for i, stage in enumerate(STAGES):
        width = round(BAR * counts[i] / f.applied) if f.applied else 0
        bar = Text("█" * width or ("▏" if counts[i] else ""), style="cyan")
        rows.append(
            (stage, str(counts[i]), bar, percent(conversion[stage]) + f" of {STAGES[i - 1]}")
            if i
            else (stage, str(counts[i]), bar, "")
        )
    out.table(("Stage", "Count", "", "Conversion"), rows)
    out.line(summary)


def _render_groups(out: Output, title: str, groups: list[tuple[str | None, Funnel]]) -> None:
    from jobhunt.render import clean

    if not groups:
        return
    out.line()
    out.heading(title)
    if out.mode != "rich":
        for name, f in groups:
            out.line(
                f"{clean(name) if name else NONE_LABEL}: applied {f.applied}, "
                f"responded {f.responded} ({percent(f.of_applied()['responded'])}), "
                f"interviewed {f.interviewed}, offered {f.offered}, accepted {f.accepted}"
            )
        return
    out.table(
        ("", "Applied", "Responded", "Rate", "Interviewed", "Offered", "Accepted"),
        [
            (
                name if name else NONE_LABEL,
                f.applied,
                f.responded,
                percent(f.of_applied()["responded"]),
                f.interviewed,
                f.offered,
                f.accepted,
            )
            for name, f in groups
        ],
    )


def week_bar(count: int, target: int) -> str:
    """Plain: '###--' (one # per application, - for what the target still wants)."""
    return "#" * count + "-" * max(0, target - count)


def _render_weeks(out: Output, per_week: list[WeekCount], target: int) -> None:
    out.heading(f"Applications per week (target {target})")
    if out.mode != "rich":
        width = max([target, *(w.applications for w in per_week)])
        for w in per_week:
            bar = week_bar(w.applications, target)
            out.line(f"{w.start.isoformat()}  {bar:<{width}}  {w.applications}/{target}")
        return
    from rich.text import Text

    longest = max([target, *(w.applications for w in per_week)])
    scale = max(1, -(-longest // 40))  # at most 40 cells
    for w in per_week:
        text = Text(f"{w.start.isoformat()}  ")
        filled = -(-w.applications // scale)
        goal = -(-target // scale)
        cells = max(filled, goal)
        style = "green" if w.on_target and target else "yellow"
        for i in range(cells):
            if target and i == goal:
                text.append("│", style="bold")
            text.append("█" if i < filled else "░", style=style if i < filled else "grey42")
        if target and cells == goal:
            text.append("│", style="bold")
        text.append(f"  {w.applications}/{target}")
        out.console.print(text)
    if scale > 1:
        out.line(f"(one cell = {scale} applications; │ marks the target)", style="dim")
    else:
        out.line("(│ marks the target)", style="dim")


def calendar_digit(count: int | None) -> str:
    """Plain calendar cell: '.' for nothing, the count (9+ shows as '+'), ' ' for future."""
    if count is None:
        return " "
    if count == 0:
        return "."
    return str(count) if count <= 9 else "+"


def _render_calendar(out: Output, cal: Calendar, first_weekday: int) -> None:
    from jobhunt.stats import level

    names = [WEEKDAY_NAMES[(first_weekday + i) % 7] for i in range(7)]
    out.heading(
        f"Activity, {len(cal.starts)} weeks from {cal.starts[0].isoformat()} ({cal.total} actions)"
    )
    if out.mode != "rich":
        for name, row in zip(names, cal.rows, strict=True):
            out.line(f"{name} {' '.join(calendar_digit(c) for c in row)}".rstrip())
        return
    from rich.text import Text

    header = [" "] * (2 * len(cal.starts) + 2)
    previous = None
    for w, start in enumerate(cal.starts):
        if start.month != previous:
            previous = start.month
            at = 2 * w
            if all(c == " " for c in header[max(0, at - 1) : at + 3]):
                header[at : at + 3] = list(f"{start:%b}")
    out.line("    " + "".join(header).rstrip(), style="dim")
    for name, row in zip(names, cal.rows, strict=True):
        text = Text(f"{name} ", style="dim")
        for count in row:
            if count is None:
                text.append("  ")
            else:
                text.append("■ ", style=SHADES[level(count)])
        out.console.print(text)
    legend = Text("    less ", style="dim")
    for shade in SHADES:
        legend.append("■ ", style=shade)
    legend.append("more", style="dim")
    out.console.print(legend)
