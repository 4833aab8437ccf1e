"""`jobhunt config`: show, set and unset the numbers the rules use (a TOML file)."""

from __future__ import annotations

from typing import Annotated

import typer

from jobhunt.cli._common import Json

app = typer.Typer(name="config", rich_markup_mode=None, no_args_is_help=False, add_completion=False)


def _complete_key(incomplete: str) -> list[tuple[str, str]]:
    from jobhunt.config import KEYS
    from jobhunt.store import completion_label

    return [
        (k.name, completion_label(k.help))
        for k in KEYS.values()
        if k.name.startswith(incomplete.lower())
    ]


KeyArg = Annotated[
    str,
    typer.Argument(
        metavar="KEY",
        help="A config key (see: jobhunt config show), e.g. weekly_applications or "
        "cadence.recruiter.",
        autocompletion=_complete_key,
    ),
]


def show(as_json: Json = False) -> None:
    """Every config key: its value, its default, and whether the config file sets it."""
    from jobhunt import config
    from jobhunt.render import Output

    path = config.config_path()
    found = config.settings(path)
    out = Output(as_json=as_json)
    if out.is_json:
        out.json(
            path=str(path),
            exists=path.is_file(),
            settings=[
                {
                    "key": s.key.name,
                    "value": s.value,
                    "default": s.default,
                    "source": "set" if s.is_set else "default",
                    "allowed": s.key.allowed,
                }
                for s in found
            ],
        )
        return
    out.table(
        ("Key", "Value", "", "Meaning"),
        [
            (
                s.key.name,
                config.show_value(s.key, s.value),
                "set" if s.is_set else "default",
                s.key.help,
            )
            for s in found
        ],
    )


def set_(
    key: KeyArg,
    value: Annotated[str, typer.Argument(metavar="VALUE", help="The new value.")],
    as_json: Json = False,
) -> None:
    """Set a config key (checked first; the rest of the file is kept as it was)."""
    from jobhunt import config
    from jobhunt.render import Output, clean

    path = config.config_path()
    found, parsed = config.set_value(key, value, path)
    out = Output(as_json=as_json)
    if out.is_json:
        out.json(key=found.name, value=parsed, path=str(path))
    else:
        out.line(f"{found.name} = {config.show_value(found, parsed)} (in {clean(str(path))})")


def unset(key: KeyArg, as_json: Json = False) -> None:
    """Remove a key from the config file: it goes back to its default."""
    from jobhunt import config
    from jobhunt.render import Output

    path = config.config_path()
    found, was_set = config.unset_value(key, path)
    default = config.defaults()[found.name]
    out = Output(as_json=as_json)
    if out.is_json:
        out.json(key=found.name, removed=was_set, value=default, path=str(path))
    elif was_set:
        out.line(f"{found.name} unset: back to its default, {config.show_value(found, default)}.")
    else:
        out.line(
            f"{found.name} was not set; it is at its default, {config.show_value(found, default)}."
        )


def path() -> None:
    """Print where the config file is (it may not exist yet)."""
    from jobhunt import config
    from jobhunt.render import Output, clean

    Output().line(clean(str(config.config_path())))


@app.callback(invoke_without_command=True)
def _default(ctx: typer.Context) -> None:
    """Your settings: weekly targets, follow-up timing, contact cadences... kept in a
    TOML file. With no command, shows every key.
    """
    if ctx.invoked_subcommand is None:
        ctx.invoke(show)


app.command()(show)
# A negative value ('set weekly_touches -1') is a value to check, not an unknown option.
app.command("set", context_settings={"ignore_unknown_options": True})(set_)
app.command()(unset)
app.command()(path)
