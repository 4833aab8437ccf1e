"""`jobhunt skip`: answers to suggestions. `skip company NAME [--until DATE]` stops the
"find someone you know at NAME" suggestion (for good, or until that day); `skip list`
lists the answers in force (contacts snoozed with `contact snooze` too); `skip rm ID`
takes one back. `jobhunt undo` reverts any of them as well."""

from __future__ import annotations

from typing import Annotated

import typer

from jobhunt.cli._common import Json, day, local_today, state
from jobhunt.dates import DATE_HELP

app = typer.Typer(name="skip", rich_markup_mode=None, no_args_is_help=False)


def _answer_id(value: int) -> int:
    from jobhunt.validate import existing_id

    return existing_id(value, "answer", "see the ids with: jobhunt skip list")


AnswerId = Annotated[
    int,
    typer.Argument(
        metavar="ANSWER_ID", help="Answer id (see: jobhunt skip list).", callback=_answer_id
    ),
]


def view(row) -> dict:  # type: ignore[no-untyped-def]
    """The stable JSON shape of an answer (version 1)."""
    return {
        "id": row.id,
        "contact_id": row.contact_id,
        "company": row.company,
        "on": row.on.isoformat(),
        "until": row.until.isoformat() if row.until else None,
    }


def company(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME", help="The company, as you wrote it.")],
    until: Annotated[
        str | None,
        typer.Option(
            "--until",
            metavar="DATE",
            help=f"Only until this day (after today); default: for good. {DATE_HELP}",
        ),
    ] = None,
    as_json: Json = False,
) -> None:
    """I know nobody there: stop suggesting to find someone at a company. The name is
    matched ignoring case and outer spaces, across all its applications."""
    from jobhunt import write
    from jobhunt.render import Output, clean

    today = local_today()
    when = day(until) if until is not None else None
    with state(ctx).writing() as conn:
        answer_id = write.skip_company(conn, name, until=when, today=today)
    out = Output(as_json=as_json)
    shown = name.strip()
    if out.is_json:
        out.json(answer={"id": answer_id, "company": shown, "on": today, "until": when})
        return
    span = f"until {when.isoformat()}" if when else "for good"
    out.line(
        f"No more 'find someone you know at {clean(shown)}' suggestions {span} "
        f"(answer {answer_id}; jobhunt skip rm {answer_id} takes it back)."
    )


def list_(
    ctx: typer.Context,
    all_: Annotated[bool, typer.Option("--all", "-a", help="Answers that are over too.")] = False,
    as_json: Json = False,
) -> None:
    """The answers in force: companies skipped and contacts snoozed."""
    from jobhunt import store
    from jobhunt.render import Output

    today = local_today()
    conn = state(ctx).conn()
    if all_:
        found = store.dismissals_where(conn, "")
    else:
        found = [a for a in store.dismissals_as_of(conn, today) if a.holds(today)]
    found.sort(key=lambda a: a.id)
    out = Output(as_json=as_json)
    if out.is_json:
        out.json(answers=[view(a) for a in found])
        return
    if not found and out.mode == "rich":
        out.line("No answers in force. The agenda shows how to answer each suggestion.")
        return
    names = {c.id: c.name for c in store.list_contacts(conn)} if found else {}
    out.table(
        ("ID", "What", "Given", "Until"),
        [
            (
                a.id,
                f"skip company {a.company}"
                if a.company
                else f"snooze {names.get(a.contact_id, '?')} (contact {a.contact_id})",
                a.on.isoformat(),
                a.until.isoformat() if a.until else "for good",
            )
            for a in found
        ],
    )


def rm(ctx: typer.Context, answer_id: AnswerId, as_json: Json = False) -> None:
    """Take an answer back: the suggestion may show again."""
    from jobhunt import write
    from jobhunt.render import Output

    with state(ctx).writing() as conn:
        write.delete_answer(conn, answer_id)
    out = Output(as_json=as_json)
    if out.is_json:
        out.json(deleted={"id": answer_id})
    else:
        out.line(f"Took back answer {answer_id}.")


@app.callback(invoke_without_command=True)
def _default(ctx: typer.Context) -> None:
    """Answers to suggestions: skip a company's "find someone" suggestion, list, take back.

    With no command, lists the answers in force.
    """
    if ctx.invoked_subcommand is None:
        ctx.invoke(list_, ctx=ctx)


app.command()(company)
app.command("list")(list_)
app.command()(rm)
