"""`jobhunt draft`: a ready-to-send follow-up for an application or a contact.

The message comes from a template (built in, or the user's own in the config folder),
filled from the records; `--mailto` turns it into a link a mail program opens,
`--edit` opens it in $VISUAL / $EDITOR first, and `--log` records it as done.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Annotated

import typer

from jobhunt.cli._common import (
    Json,
    Yes,
    app_id_in_range,
    complete_contact,
    complete_from,
    contact_id_in_range,
    state,
)
from jobhunt.drafts import APPLICATION_KINDS, CONTACT_KINDS, KINDS

if TYPE_CHECKING:
    from jobhunt.drafts import Draft
    from jobhunt.render import Output

KIND_HELP = (
    "Which message. For an application: "
    + ", ".join(APPLICATION_KINDS)
    + " (default: the follow-up that is due). For --contact: "
    + ", ".join(CONTACT_KINDS)
    + " (default: after-event if you met them at an event and have not written since, "
    "else touch)."
)


def _complete_target(ctx: typer.Context, incomplete: str):  # type: ignore[no-untyped-def]
    from jobhunt.cli._common import complete_application

    found = list(complete_application(ctx, incomplete))
    if "templates".startswith(incomplete):
        found.append(("templates", "list the templates"))
    return found


def _target_id(target: str) -> int:
    from jobhunt.errors import InputError

    if not target.strip().isdigit():
        raise InputError(
            f"invalid application id {target!r}",
            hint="give an id (see: jobhunt list), or list the templates: jobhunt draft templates",
        )
    return app_id_in_range(int(target))


def _kind(kind: str | None, allowed: tuple[str, ...], other: tuple[str, ...], usage: str) -> str:
    from jobhunt.errors import InputError

    normal = kind.strip().lower() if kind is not None else ""
    if normal in allowed:
        return normal
    if normal in other:
        raise InputError(f"--kind {normal} is not for this draft; {usage}")
    raise InputError(f"unknown draft kind {kind!r}; choose from: {', '.join(allowed)}")


@contextlib.contextmanager
def _terminal() -> Iterator[dict]:
    """The editor's stdin and stdout: the terminal itself when ours are piped (so that
    `jobhunt draft 3 --edit | mail ...` pipes only the draft), else inherited."""
    import sys

    if sys.stdin.isatty() and sys.stdout.isatty():
        yield {}
        return
    with contextlib.ExitStack() as stack:
        try:
            tty = stack.enter_context(open("/dev/tty", "r+b", buffering=0))
        except OSError:
            yield {}
            return
        yield {"stdin": tty, "stdout": tty}


def _edit(draft: Draft) -> Draft:
    """Let the user change the draft in their editor, through a private temp file."""
    import os
    import shlex
    import subprocess
    import tempfile

    from jobhunt import drafts
    from jobhunt.errors import InputError

    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor or not editor.strip():
        raise InputError(
            "no editor to open the draft in",
            hint="set VISUAL or EDITOR, e.g. export EDITOR=nano",
        )
    try:
        command = shlex.split(editor)
    except ValueError as exc:
        raise InputError(f"cannot read the editor command {editor!r}: {exc}") from exc
    fd, name = tempfile.mkstemp(prefix="jobhunt-draft-", suffix=".txt")
    try:
        if hasattr(os, "fchmod"):  # mkstemp makes it 0600 already; be explicit where we can
            os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(draft.text())
        try:
            with _terminal() as streams:
                done = subprocess.run([*command, name], check=False, **streams)
        except OSError as exc:
            raise InputError(
                f"cannot run the editor {editor!r}: {exc.strerror}",
                hint="set VISUAL or EDITOR to a program on your PATH",
            ) from exc
        if done.returncode != 0:
            raise InputError(
                f"the editor {editor!r} exited with status {done.returncode}; "
                "nothing was printed or logged"
            )
        try:
            with open(name, encoding="utf-8") as handle:
                text = handle.read()
        except UnicodeDecodeError as exc:
            raise InputError("the edited draft is not UTF-8 text") from exc
    finally:
        with contextlib.suppress(OSError):
            os.unlink(name)
    if not text.strip():
        raise InputError("the draft is empty after editing; nothing was printed or logged")
    return drafts.parse_edited(text, previous=draft)


def _print_draft(out: Output, draft: Draft) -> None:
    from jobhunt.render import clean

    lines = []
    if draft.to:
        lines.append(("To: ", draft.to))
    lines.append(("Subject: ", draft.subject))
    if out.mode == "rich":
        from rich.text import Text

        for label, value in lines:
            out.console.print(Text(label, style="bold") + Text(clean(value)), soft_wrap=True)
        out.console.print()
        for line in draft.body.splitlines():
            out.console.print(Text(clean(line)), soft_wrap=True)
        return
    for label, value in lines:
        out.line(label + clean(value))
    out.line()
    for line in draft.body.splitlines():
        out.line(clean(line))


def list_templates(as_json: bool) -> None:
    from jobhunt import drafts
    from jobhunt.errors import InputError
    from jobhunt.render import Output

    rows = []
    for template in drafts.list_templates():
        problem = None
        try:
            drafts.check_template(template)
        except InputError as exc:
            problem = exc.message
        rows.append((template, problem))
    out = Output(as_json=as_json)
    if out.is_json:
        out.json(
            folder=str(drafts.override_dir()),
            templates=[
                {"kind": t.kind, "source": t.source, "path": t.path, "problem": p} for t, p in rows
            ],
        )
        return
    if out.mode == "rich" and not any(p for _, p in rows):
        out.table(("Kind", "Source", "Path"), [(t.kind, t.source, t.path) for t, _ in rows])
    else:
        out.table(
            ("Kind", "Source", "Path", "Problem"),
            [(t.kind, t.source, t.path, p or "") for t, p in rows],
        )
    if out.mode == "rich":
        out.line()
        out.line(f"Override one by saving <kind>.txt in {drafts.override_dir()}")


def draft(
    ctx: typer.Context,
    target: Annotated[
        str | None,
        typer.Argument(
            metavar="ID",
            help="Application id (see: jobhunt list), or 'templates' to list the templates.",
            autocompletion=_complete_target,
        ),
    ] = None,
    contact: Annotated[
        int | None,
        typer.Option(
            "--contact",
            "-c",
            metavar="CONTACT_ID",
            help="Draft a networking message to this contact instead (see: jobhunt contact list).",
            autocompletion=complete_contact,
            callback=contact_id_in_range,
        ),
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option("--kind", "-k", help=KIND_HELP, autocompletion=complete_from(KINDS)),
    ] = None,
    mailto: Annotated[
        bool,
        typer.Option("--mailto", help="Print a mailto: link (recipient, subject and body)."),
    ] = False,
    edit: Annotated[
        bool,
        typer.Option("--edit", "-e", help="Open the draft in $VISUAL or $EDITOR first."),
    ] = False,
    log: Annotated[
        bool,
        typer.Option(
            "--log",
            help=(
                "Then record the follow-up as done today (after-apply by email, thank-you by "
                "note, check-in by phone, withdraw and accept by email; a contact touch by "
                "email). It does not change the status: for that use jobhunt status ID "
                "withdrawn / accepted. Asks first unless --yes."
            ),
        ),
    ] = False,
    yes: Yes = False,
    as_json: Json = False,
) -> None:
    """Draft the follow-up that is due for an application (or --contact, a networking
    message), filled from your records. 'jobhunt draft templates' lists the templates."""
    import sys

    from jobhunt import drafts, store
    from jobhunt.cli._common import confirm, local_today, policy
    from jobhunt.errors import InputError, NotFound
    from jobhunt.render import Output, clean, warn

    if target == "templates":
        if contact is not None or kind or mailto or edit or log:
            raise InputError("'jobhunt draft templates' takes no options other than --json")
        list_templates(as_json)
        return
    if target is not None and contact is not None:
        raise InputError("give an application ID or --contact CONTACT_ID, not both")
    if target is None and contact is None:
        raise InputError(
            "give an application ID or --contact CONTACT_ID",
            hint="see what is due with: jobhunt today",
        )
    st = state(ctx)
    conn = st.conn()
    today = local_today()
    if contact is None:
        app_id = _target_id(target or "")
        app = store.get_application(conn, app_id)
        linked = [
            (store.get_contact(conn, link.contact_id), link.role)
            for link in store.links_for(conn, application_id=app_id)
        ]
        chosen = (
            _kind(kind, APPLICATION_KINDS, CONTACT_KINDS, "use it with --contact CONTACT_ID")
            if kind is not None
            else drafts.choose_kind(app, today=today, policy=policy())
        )
        values, to = drafts.application_values(app, linked, today=today)
        what = f"the {chosen} follow-up (by {drafts.LOG_CHANNELS[chosen]}) for application "
        question = f"Record {what}{app_id} ({clean(app.company)} — {clean(app.role)}) as done?"
    else:
        person = store.get_contact(conn, contact)
        meetup = None
        if person.met_at_event_id is not None:
            try:
                meetup = store.get_meetup(conn, person.met_at_event_id)
            except NotFound:
                meetup = None
        chosen = (
            _kind(kind, CONTACT_KINDS, APPLICATION_KINDS, "give an application ID instead")
            if kind is not None
            else drafts.choose_contact_kind(person, meetup)
        )
        opening = None
        if person.company and person.company.strip():
            company = person.company.strip()
            opening = drafts.open_application_at(
                company, store.list_applications(conn, company=company)
            )
        values, to = drafts.contact_values(person, meetup=meetup, application=opening, today=today)
        question = f"Record a touch by email with {clean(person.name)} (contact {contact})?"
    if log and not yes and not sys.stdin.isatty():
        confirm(question, yes)  # refuses before anything is printed or opened
    result = drafts.render(drafts.load_template(chosen), values, to=to)
    if edit:
        result = _edit(result)
    link = drafts.mailto(result.to, result.subject, result.note)
    out = Output(as_json=as_json)
    if out.is_json:
        out.json(
            kind=result.kind,
            to=result.to,
            subject=result.subject,
            body=result.body,
            mailto=link,
        )
    elif mailto:
        out.line(link)
    else:
        _print_draft(out, result)
    if not log:
        return
    confirm(question, yes)
    from jobhunt import write

    note = f"{result.kind} (jobhunt draft)"
    with st.writing() as conn:
        if contact is None:
            channel = drafts.LOG_CHANNELS[result.kind]
            write.touch_application(conn, app_id)
            write.add_event(conn, app_id, kind="follow_up", on=today, channel=channel, note=note)
            done = f"a follow-up by {channel} on {today.isoformat()} for application {app_id}"
        else:
            channel = drafts.CONTACT_LOG_CHANNEL
            write.add_interaction(conn, contact, via=channel, on=today, note=note)
            done = f"a touch by {channel} on {today.isoformat()} with contact {contact}"
    warn(f"Logged {done}.")
