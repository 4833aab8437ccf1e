"""`jobhunt draft --edit`: the draft changed in the user's editor, through a private file."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jobhunt.drafts import Draft


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


def edit_draft(draft: Draft) -> Draft:
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
