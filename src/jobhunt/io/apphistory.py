"""A spreadsheet row's dated story: its `Stage History` list, and the dates of its
interview, response, rejection and offer columns, as the events jobhunt keeps.

A `Stage History` cell holds a list of dated stages, written as JSON or as the Python
literal some tools write (read with `ast.literal_eval`, never `eval`)::

    [{"stage": "Applied", "date": "2026-10-01"}, {"stage": "Tech Screen", "date": "2026-10-08"}]
    [('Applied', '10/1/2026'), ('Onsite', datetime.date(2026, 10, 15))]
    {"Applied": "2026-10-01", "Offer": "2026-10-20"}

`story(...)` turns the row's facts into events: each stage on its day, the interview on
its day, the offer and the rejection on theirs; a status whose day the file does not
give is kept undated (stored on the import day, marked `dated = false`).
"""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass
from datetime import date

from jobhunt.errors import InputError
from jobhunt.io.vocab import empty

MAX_HISTORY = 64 * 1024  # characters in one Stage History cell
_STAGE_KEYS = ("stage", "status", "name", "state", "step", "event")
_DATE_KEYS = ("date", "on", "at", "day", "timestamp", "changed_at", "updated_at", "time", "when")
_PY_DATE = re.compile(r"datetime\.(?:date|datetime)\((\d{4}),\s*(\d{1,2}),\s*(\d{1,2})[^)]*\)")
# Statuses that say the employer answered (a response date can date them).
RESPONSES = ("interviewing", "offer", "accepted", "rejected")


@dataclass(frozen=True, slots=True)
class RowEvent:
    """One fact a row gives: an interview, or a status reached (on a day, or undated)."""

    kind: str  # "interview" | "status"
    on: date | None  # None: undated (stored on the import day, dated = false)
    status: str | None = None

    @property
    def key(self) -> tuple[str, str | None, date | None]:
        return (self.kind, self.status, self.on)


def history_cell(text: str) -> list[tuple[str, str]]:
    """(stage word, date text) of each entry in a Stage History cell; InputError says why
    the cell cannot be read."""
    if len(text) > MAX_HISTORY:
        raise InputError(f"stage history is longer than {MAX_HISTORY // 1024} KB")
    value = _load(text)
    if isinstance(value, dict) and not any(k in value for k in _STAGE_KEYS):
        items: list = list(value.items())
    elif isinstance(value, dict):
        items = [value]
    elif isinstance(value, list | tuple):
        items = list(value)
    else:
        raise InputError("stage history is not a list of dated stages")
    out: list[tuple[str, str]] = []
    for item in items:
        if isinstance(item, dict):
            lowered = {str(k).casefold(): v for k, v in item.items()}
            stage = next((lowered[k] for k in _STAGE_KEYS if k in lowered), None)
            when = next((lowered[k] for k in _DATE_KEYS if k in lowered), None)
        elif isinstance(item, list | tuple) and len(item) == 2:
            stage, when = item
            if _looks_dated(stage) and not _looks_dated(when):
                stage, when = when, stage  # (date, stage)
        else:
            raise InputError(f"stage history entry {_short(item)} is not a stage and a date")
        if not isinstance(stage, str) or not stage.strip():
            raise InputError(f"stage history entry {_short(item)} has no stage")
        when = "" if when is None or empty(str(when)) else str(when).strip()
        out.append((stage.strip(), when))
    return out


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _looks_dated(value: object) -> bool:
    return isinstance(value, str) and bool(re.match(r"^\s*\d", value))


def _load(text: str) -> object:
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        pass
    literal = _PY_DATE.sub(lambda m: f"'{m[1]}-{int(m[2]):02d}-{int(m[3]):02d}'", text)
    try:
        return ast.literal_eval(literal)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        raise InputError("stage history is neither JSON nor a Python list") from None


@dataclass(frozen=True, slots=True)
class Story:
    status: str
    applied_on: date | None
    saved_on: date | None
    events: tuple[RowEvent, ...]
    response_unused: bool = False  # a response date the row's status does not explain


def story(
    *,
    status: str | None,
    applied_on: date | None,
    stages: list[tuple[str, date | None]],
    interview_on: date | None,
    response_on: date | None,
    rejected_on: date | None,
    offer_on: date | None,
    today: date,
) -> Story:
    """The row's status and events (pure). `status` is the Status column's (None when
    empty); `stages` the Stage History's statuses with their days."""
    saved_on: date | None = None
    events: list[RowEvent] = []
    for stage, on in sorted(stages, key=lambda s: (s[1] is None, s[1] or today)):
        if stage == "saved":
            saved_on = saved_on or on
        elif stage == "applied":
            applied_on = applied_on or on
        else:
            events.append(RowEvent("status", on, stage))
    if interview_on is not None:
        events.append(RowEvent("interview", interview_on))
        interviewing = any(e.status == "interviewing" for e in events)
        # Interviewing since the invitation (the response) when the row gives its day.
        since = response_on if response_on and response_on <= interview_on else interview_on
        if since <= today and not interviewing:
            events.append(RowEvent("status", since, "interviewing"))
    for day, what in ((offer_on, "offer"), (rejected_on, "rejected")):
        if day is not None:
            events.append(RowEvent("status", day, what))
    if status is None:
        reached = [e for e in events if e.kind == "status"]
        dated = [e for e in reached if e.on is not None]
        if dated or reached:
            status = (max(dated, key=lambda e: e.on or today) if dated else reached[-1]).status
        elif events:
            status = "interviewing"  # an interview still ahead
        else:
            status = "applied" if applied_on else "saved"
    assert status is not None
    used = False
    if status not in ("saved", "applied") and not any(
        e.kind == "status" and e.status == status for e in events
    ):
        used = response_on is not None and status in RESPONSES
        events.append(RowEvent("status", response_on if used else None, status))
    if response_on is not None and any(e.on == response_on for e in events):
        used = True
    unique: dict[tuple, RowEvent] = {}
    for event in events:
        unique.setdefault(event.key, event)
    ordered = sorted(unique.values(), key=lambda e: (e.on is None, e.on or today, e.kind))
    return Story(status, applied_on, saved_on, tuple(ordered), response_on is not None and not used)
