"""The skills you already have: add, rm, list (the learning suggestions leave them out)."""

from __future__ import annotations

from typing import Annotated

import typer

from jobhunt.cli._common import Json, local_today, state
from jobhunt.errors import InputError

skills_app = typer.Typer(name="skills", rich_markup_mode=None, no_args_is_help=False)

Skills = Annotated[
    list[str], typer.Argument(metavar="SKILL...", help="Skill names (or comma-separated).")
]


def _skill_names(names: list[str]) -> list[str]:
    from jobhunt.validate import skill_names

    found = skill_names(names)
    if not found:
        raise InputError("give at least one skill name")
    return found


def skills_add(ctx: typer.Context, names: Skills, as_json: Json = False) -> None:
    """Record skills you already have (they no longer show as gaps)."""
    from jobhunt import store, write
    from jobhunt.render import Output, clean

    wanted = _skill_names(names)
    st = state(ctx)
    with st.writing() as conn:
        added = write.add_skills(conn, wanted, on=local_today())
    have = store.list_skills(conn)
    out = Output(as_json=as_json)
    if out.is_json:
        out.json(added=added, skills=have)
        return
    if added:
        out.line(f"Added to your skills: {', '.join(clean(n) for n in added)}.")
    known = [n for n in wanted if n.lower() not in {a.lower() for a in added}]
    if known:
        out.line(f"Already had: {', '.join(clean(n) for n in known)}.")


def skills_rm(ctx: typer.Context, names: Skills, as_json: Json = False) -> None:
    """Remove skills from the ones you have."""
    from jobhunt import store, write
    from jobhunt.render import Output, clean

    wanted = _skill_names(names)
    st = state(ctx)
    with st.writing() as conn:
        removed = write.remove_skills(conn, wanted)
    have = store.list_skills(conn)
    out = Output(as_json=as_json)
    if out.is_json:
        out.json(removed=removed, skills=have)
        return
    out.line(f"Removed from your skills: {', '.join(clean(n) for n in removed)}.")


def skills_list(ctx: typer.Context, as_json: Json = False) -> None:
    """List the skills you already have."""
    from jobhunt import store
    from jobhunt.render import Output

    have = store.list_skills(state(ctx).conn())
    out = Output(as_json=as_json)
    if out.is_json:
        out.json(skills=have)
        return
    if not have and out.mode == "rich":
        out.line("No skills recorded. Add what you know: jobhunt skills add SKILL...")
        return
    out.table(("Skill",), [(name,) for name in have])


@skills_app.callback(invoke_without_command=True)
def _skills(ctx: typer.Context) -> None:
    """The skills you already have: the learning suggestions leave them out.

    With no command, lists them.
    """
    if ctx.invoked_subcommand is None:
        ctx.invoke(skills_list, ctx=ctx)


skills_app.command("add")(skills_add)
skills_app.command("rm")(skills_rm)
skills_app.command("list")(skills_list)
