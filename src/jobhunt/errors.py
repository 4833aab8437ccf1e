"""The one exception family that carries every user-facing message.

A `JobhuntError` is a user mistake or an environmental problem the user can fix.
The CLI's single error trap prints it as one line on stderr (plus an optional hint)
and exits non-zero; nothing else in the code base prints errors.
"""

from __future__ import annotations


class JobhuntError(Exception):
    """A problem the user can fix. `message` is one line; `hint` says what to do."""

    exit_code = 1

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class InputError(JobhuntError):
    """Bad input from the command line or a file (exit code 2, like a usage error)."""

    exit_code = 2


class NotFound(JobhuntError):
    """An id that names no record."""

    exit_code = 3


class StoreError(JobhuntError):
    """The store cannot be opened or used: wrong file, locked, newer schema, ..."""

    exit_code = 4
