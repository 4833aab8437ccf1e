"""The only module that writes to the terminal.

Three forms of output, chosen once per command:

* ``rich``  on a terminal: tables and colour (Rich is imported only here, only then);
* ``plain`` when stdout is not a terminal (pipes, cron) or ``TERM=dumb``: one item
  per line, no box drawing, no colour;
* ``json``  with ``--json``: one versioned envelope, ``{"version": 1, ...}``, with
  every control and bidi character escaped (``\\u202e``), so it is safe on a terminal.

Every string that came from the user or a file goes through `clean()`, which makes
control characters visible (ESC becomes ``\\x1b``), and is handed to Rich as `Text`,
so markup-like data such as ``[bold]`` or ``[/]`` prints literally.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import sys
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

JSON_VERSION = 1

_VISIBLE = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_BIDI = (
    {0x061C} | set(range(0x200E, 0x2010)) | set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A))
)


# What `clean()` makes visible, as JSON escapes: DEL, the C1 controls, bidi controls and
# marks, BOM, line and paragraph separators (json.dumps escapes the C0 controls itself).
_JSON_UNSAFE = re.compile(
    "[\x7f-\x9f\ufeff\u2028\u2029" + "".join(f"\\u{c:04x}" for c in sorted(_BIDI)) + "]"
)


def json_text(body: object) -> str:
    """JSON safe on a terminal and identical in meaning: every control and bidi character
    in a string is written as its \\uXXXX escape."""
    text = json.dumps(body, ensure_ascii=False, indent=2)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


def _escape_char(ch: str) -> str:
    code = ord(ch)
    if ch in _VISIBLE:
        return _VISIBLE[ch]
    if code < 0x20 or 0x7F <= code < 0xA0:
        return f"\\x{code:02x}"
    if code in _BIDI or code in (0xFEFF, 0x2028, 0x2029):
        return f"\\u{code:04x}"
    return ch


def clean(value: object) -> str:
    """Text safe for a terminal: control and bidi-override characters shown escaped."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    if text.isprintable() and not any(ord(c) in _BIDI for c in text):
        return text
    return "".join(_escape_char(c) for c in text)


def jsonable(value: Any) -> Any:
    """Records to JSON-ready values: dates as ISO strings, tuples as lists."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return value


def choose_mode(*, as_json: bool = False, stream=None) -> str:
    if as_json:
        return "json"
    stream = stream or sys.stdout
    if os.environ.get("TERM") == "dumb":
        return "plain"
    if os.environ.get("FORCE_COLOR") or os.environ.get("JOBHUNT_FORCE_TERMINAL"):
        return "rich"
    try:
        return "rich" if stream.isatty() else "plain"
    except (AttributeError, ValueError):
        return "plain"


class Output:
    """One command's output, in the chosen mode."""

    def __init__(self, *, as_json: bool = False) -> None:
        self.mode = choose_mode(as_json=as_json)
        self._console = None

    @property
    def is_json(self) -> bool:
        return self.mode == "json"

    @property
    def console(self):  # type: ignore[no-untyped-def]
        if self._console is None:
            from rich.console import Console

            self._console = Console(highlight=False, soft_wrap=False)
        return self._console

    # -- json

    def json(self, **payload: Any) -> None:
        body = {"version": JSON_VERSION, **{k: jsonable(v) for k, v in payload.items()}}
        sys.stdout.write(json_text(body) + "\n")

    # -- text

    def line(self, text: str = "", style: str | None = None) -> None:
        """A line of text (already cleaned where it holds data)."""
        if self.mode == "rich":
            from rich.text import Text

            self.console.print(Text(text, style=style or ""))
        else:
            sys.stdout.write(text + "\n")

    def heading(self, text: str) -> None:
        if self.mode == "rich":
            self.line(text, style="bold")
        else:
            self.line(f"== {text} ==")

    def table(
        self,
        columns: Sequence[str],
        rows: Iterable[Sequence[object]],
        *,
        title: str | None = None,
        styles: Sequence[str | None] | None = None,
    ) -> None:
        """A table on a terminal; tab-separated lines (no header) when plain."""
        rows = list(rows)
        if self.mode != "rich":
            for row in rows:
                self.line("\t".join(clean(v) for v in row))
            return
        from rich import box
        from rich.table import Table
        from rich.text import Text

        table = Table(
            title=Text(title) if title else None, box=box.SIMPLE_HEAD, title_justify="left"
        )
        for i, name in enumerate(columns):
            table.add_column(name, style=(styles[i] if styles else None) or "", overflow="fold")
        for row in rows:
            table.add_row(*[v if isinstance(v, Text) else Text(clean(v)) for v in row])
        self.console.print(table)

    def fields(self, pairs: Iterable[tuple[str, object]], *, title: str | None = None) -> None:
        """A record as 'name: value' lines (empty values left out)."""
        pairs = [(k, v) for k, v in pairs if v not in (None, "", (), [])]
        if self.mode == "rich":
            from rich.table import Table
            from rich.text import Text

            grid = Table.grid(padding=(0, 2))
            grid.add_column(style="bold")
            grid.add_column()
            for k, v in pairs:
                grid.add_row(Text(k), Text(clean(_show(v))))
            if title:
                self.console.print(Text(title, style="bold underline"))
            self.console.print(grid)
            return
        if title:
            self.line(title)
        for k, v in pairs:
            self.line(f"{k}: {clean(_show(v))}")


def _show(value: object) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def warn(message: str) -> None:
    """A message for the person, on stderr (never mixed into data on stdout)."""
    sys.stderr.write(clean(message) + "\n")


def error(message: str, hint: str | None = None) -> None:
    """One line on stderr: the problem, then what to do about it."""
    suffix = f" (hint: {clean(hint)})" if hint else ""
    sys.stderr.write(f"Error: {clean(message)}{suffix}\n")
