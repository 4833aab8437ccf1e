"""Applications from a spreadsheet or another tracker (`jobhunt import csv FILE`): reading
the rows.

Three steps, so a re-import inside the write transaction is cheap and nothing is
written before the whole file has been read:

1. `parse(table, today=...)` (here): each row to an `AppRow`, or the reason it is
   rejected;
2. `appmatch.plan(rows, existing, ...)`: pure matching against the store: added,
   updated, merged, unchanged (a re-import of the same file changes nothing);
3. `appwrite.apply(conn, writes, ...)`: one transaction of plain SQL (executemany).

Here: the header (which column names which field, `vocab`), the whole file's checks
(stage words nobody knows, the order of day and month of each date column), and each
row's cells checked and turned into an `AppRow` with its dated story (`apphistory`).
"""

from __future__ import annotations

import shlex
from collections.abc import Callable, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import date, datetime

from jobhunt.dates import lines_text, settle_order
from jobhunt.errors import InputError
from jobhunt.io import sheets, vocab
from jobhunt.io.apphistory import RowEvent, history_cell, story
from jobhunt.io.csvio import BadRow, Table, cell
from jobhunt.records import APPLY_METHODS, JOB_TYPES, STATUSES
from jobhunt.validate import not_in_future, skill_names, text

DEFAULT = vocab.Vocabulary()
LINKEDIN_KEYS = {"firstname", "lastname", "connectedon"}
HEADER_HELP = "columns such as Company, Title, Date Applied, Status"
_MOST = 10  # unknown stage words named in one error
_METHODS = {vocab.key(m): m for m in APPLY_METHODS}
# parse_date(text, order, two_digit_years): dates.parse_day with today fixed
ParseDate = Callable[[str, str | None, bool], date]
Orders = dict[str, tuple[str | None, bool]]  # field -> (order, given with --dates)

# --------------------------------------------------------------------------- the header


def header_scorer(words: vocab.Vocabulary = DEFAULT) -> Callable[[Sequence[str]], int]:
    def score(cells: Sequence[str]) -> int:
        """How many known columns a line names (a header needs at least two)."""
        keys = {vocab.key(c) for c in cells}
        if keys >= LINKEDIN_KEYS or sheets.other_sheet(cells):
            return len(keys)  # recognised, and refused by `columns` with a pointer
        found = {f for c in cells if (f := words.field_of(c)) and f != vocab.IGNORE}
        return len(found) if len(found) >= 2 else 0

    return score


header_score = header_scorer()


def columns(
    cells: Sequence[str], name: str, words: vocab.Vocabulary = DEFAULT
) -> tuple[dict[str, int], list[str]]:
    """{field: column index} and warnings, or one clear error for the wrong columns."""
    keys = [vocab.key(c) for c in cells]
    if set(keys) >= LINKEDIN_KEYS:
        raise InputError(
            f"{name} looks like a LinkedIn connections export, not a list of applications",
            hint=f"import it with: jobhunt import linkedin {name}",
        )
    sheet = sheets.other_sheet(cells)
    if sheet:
        raise InputError(
            f"{name} is jobhunt's own {sheet} sheet (jobhunt export csv {sheet}), "
            "not a list of applications",
            hint="import csv reads the applications sheet: jobhunt export csv applications; "
            "to move everything, use export json and import json",
        )
    found: dict[str, int] = {}
    ignored: list[str] = []
    for index, cell_text in enumerate(cells):
        what = words.field_of(cell_text)
        if what == vocab.IGNORE or keys[index] in vocab.OWN_IGNORED_KEYS:
            continue
        if what is None:
            if keys[index]:
                ignored.append(cell_text)
        elif what in found:
            ignored.append(f"{cell_text} (a second {vocab.COLUMNS[what][0]} column)")
        else:
            found[what] = index
    for required in ("company", "role"):
        if required not in found:
            spellings = ", ".join(vocab.COLUMNS[required])
            raise InputError(
                f"{name} has no {vocab.COLUMNS[required][0]} column (any of: {spellings}); "
                f"its columns are: {', '.join(c for c in cells if c) or 'none'}",
                hint=f"name it with --map 'HEADER={'title' if required == 'role' else required}'"
                ", or see docs/import-export.md",
            )
    warnings = []
    if ignored:
        warnings.append(
            f"ignored columns: {', '.join(ignored)} (read one with --map 'HEADER=field')"
        )
    return found, warnings


# --------------------------------------------------------------------------- rows


@dataclass(frozen=True, slots=True)
class AppRow:
    line: int
    company: str
    role: str
    status: str
    applied_on: date | None  # None for a saved job
    saved_on: date  # the day of the "saved" / "applied" history entry
    status_given: bool
    fields: dict[str, str] = field(default_factory=dict)  # non-empty text fields and job_type
    skills: tuple[str, ...] = ()
    events: tuple[RowEvent, ...] = ()  # interviews and statuses reached, dated or not
    record_id: int | None = None  # the `id` column of a jobhunt export
    store: str | None = None  # the `store` column of a jobhunt export
    created_at: str | None = None  # ... and its `created_at` (an id may be reused)
    response_unused: bool = False  # a response date the status does not explain

    @property
    def what(self) -> str:
        return f"application {self.company} — {self.role}"


def parse(
    table: Table,
    *,
    today: date,
    parse_date: ParseDate,
    words: vocab.Vocabulary = DEFAULT,
    order: str | None = None,
    store_id: str | None = None,
    stored: Mapping[int, tuple[str, date | None]] | None = None,
) -> tuple[list[AppRow | BadRow], list[str]]:
    """Every data row of `table`, parsed (rejected rows carry their reason), and warnings.

    Whole-file problems are one InputError: stage words nobody knows (listed with their
    lines), and a date column whose values disagree on the order of day and month.
    `stored`: this store's applications (id -> created_at, date applied), whose date
    reads a row of this store's own export (`store_id`) whose date alone is ambiguous
    (a spreadsheet re-saved 2026-11-10 as 11/10/2026)."""
    cols, warnings = columns(table.header.cells, table.name, words)
    records = []
    for row in table.rows():
        values = {}
        for name, index in cols.items():
            value = cell(row.cells[index]) if index < len(row.cells) else ""
            values[name] = "" if vocab.empty(value) else value
        records.append((row.line, values))
    stages = _stage_lists(records)
    _refuse_unknown_words(records, stages, words)
    orders = _date_orders(records, stages, cols, table.header.cells, order)
    out: list[AppRow | BadRow] = []
    unused: list[int] = []
    for line, values in records:
        try:
            row = parse_row(
                line, values, stages.get(line), today=today, parse_date=parse_date,
                words=words, orders=orders, stored=_stored_date(values, store_id, stored),
            )  # fmt: skip
        except InputError as exc:
            out.append(BadRow(line, exc.message, _describe(values)))
            continue
        if row.response_unused:
            unused.append(line)
        out.append(row)
    if unused:
        warnings.append(
            f"a response date was not stored on lines {', '.join(map(str, unused))}: "
            "a response is kept as the status it brought (interviewing, offer, accepted, "
            "rejected), and these rows' status says none"
        )
    return out, warnings


def _stored_date(
    values: dict[str, str],
    store_id: str | None,
    stored: Mapping[int, tuple[str, date | None]] | None,
) -> date | None:
    """The date applied of the record a row of this store's own export names, if any."""
    raw_id = values.get("id", "").strip()
    if not stored or not store_id or values.get("store") != store_id or not raw_id.isdigit():
        return None
    created_at, applied_on = stored.get(int(raw_id), ("", None))
    if not created_at or not same_instant(values.get("created_at"), created_at):
        return None
    return applied_on


def same_instant(row: str | None, stored: str) -> bool:
    """Does the row's created_at name the record's? (True when the row has none, or
    one a spreadsheet reformatted past reading: the id is all there is.)"""
    if not row:
        return True
    try:
        return datetime.fromisoformat(row) == datetime.fromisoformat(stored)
    except ValueError:
        return True


def _describe(values: dict[str, str]) -> str:
    what = " — ".join(v for v in (values.get("company"), values.get("role")) if v)
    return f"application {what}" if what else ""


def _stage_lists(records: list) -> dict[int, list[tuple[str, str]] | InputError]:
    """Each row's Stage History entries (word, date text), or why it cannot be read."""
    out: dict[int, list[tuple[str, str]] | InputError] = {}
    for line, values in records:
        if values.get("history"):
            try:
                out[line] = history_cell(values["history"])
            except InputError as exc:
                out[line] = exc
    return out


def _refuse_unknown_words(records: list, stages: dict, words: vocab.Vocabulary) -> None:
    unknown: dict[str, list[int]] = {}
    for line, values in records:
        found = [values.get("status", "")]
        entries = stages.get(line)
        if isinstance(entries, list):
            found += [word for word, _ in entries]
        for word in found:
            if word and words.status_of(word) is None:
                lines = unknown.setdefault(word, [])
                if line not in lines:
                    lines.append(line)
    if unknown:
        listed = "; ".join(
            f"{word!r} (line{'s' if len(lines) > 1 else ''} {lines_text(lines)})"
            for word, lines in list(unknown.items())[:_MOST]
        )
        if len(unknown) > _MOST:
            listed += f"; and {len(unknown) - _MOST} more"
        example = shlex.quote(f"{next(iter(unknown))}=interviewing")
        raise InputError(
            f"unknown stage words: {listed}; nothing was imported",
            hint=f"map each to a status ({', '.join(STATUSES)}) with --status, "
            f"e.g. --status {example}",
        )


def _date_orders(
    records: list, stages: dict, cols: dict[str, int], header: Sequence[str], order: str | None
) -> Orders:
    """The order of day and month for each date column: `order` when given, else what
    the column's own values settle; a column that settles nothing takes the order the
    other columns agree on."""
    fields = [f for f in (*vocab.DATE_FIELDS, "history") if f in cols]
    if order is not None:
        return dict.fromkeys(fields, (order, True))
    settled: dict[str, str | None] = {}
    for name in fields:
        if name == "history":
            cells = [
                (line, when)
                for line, entries in stages.items()
                if isinstance(entries, list)
                for _, when in entries
            ]
        else:
            cells = [(line, values.get(name, "")) for line, values in records]
        settled[name] = settle_order(cells, what=header[cols[name]])
    agreed = {o for o in settled.values() if o}
    if len(agreed) == 1:
        settled = dict.fromkeys(settled, agreed.pop())
    return {name: (o, False) for name, o in settled.items()}


def _day(
    raw: str,
    label: str,
    parse_date: ParseDate,
    order: tuple[str | None, bool],
    *,
    today: date | None = None,
) -> date:
    try:
        day = parse_date(raw, *order)
    except InputError as exc:
        message = exc.message
        if message.endswith("ambiguous day and month; write it as YYYY-MM-DD"):
            message += ", or import with --dates dmy or --dates mdy"
        elif message.endswith("write the year with four digits"):
            message += ", or import with --dates dmy, mdy or ymd"
        raise InputError(f"{label}: {message}") from None
    return day if today is None else not_in_future(day, today, label)


def _readings(raw: str, parse_date: ParseDate) -> set[date]:
    """A date's day-first and month-first readings (those that are dates)."""
    out = set()
    for order in ("dmy", "mdy"):
        with suppress(InputError):
            out.add(parse_date(raw, order, False))
    return out


def parse_row(
    line: int,
    values: dict[str, str],
    stages: list[tuple[str, str]] | InputError | None = None,
    *,
    today: date,
    parse_date: ParseDate,
    words: vocab.Vocabulary = DEFAULT,
    orders: Orders | None = None,
    stored: date | None = None,
) -> AppRow:
    """One row's cells (by field) to an AppRow; InputError says why it is rejected.
    `stored`: the date applied of the record the row names by id, which decides a
    date applied whose day and month could be swapped when it is one of its readings."""
    orders = orders or {}
    company = text(values.get("company", ""), "company") or ""
    role = text(values.get("role", ""), "title") or ""
    if not company:
        raise InputError("no company")
    if not role:
        raise InputError("no title")
    dates: dict[str, date | None] = {}
    labels = {"applied_on": "date applied", "interview_on": "interview date"}
    for name in vocab.DATE_FIELDS:
        raw = values.get(name, "")
        label = labels.get(name, name.replace("_on", " date"))
        ahead = None if name == "interview_on" else today  # interviews may lie ahead
        order = orders.get(name, (None, False))
        try:
            dates[name] = _day(raw, label, parse_date, order, today=ahead) if raw else None
        except InputError:
            if name != "applied_on" or stored not in _readings(raw, parse_date):
                raise
            dates[name] = stored
    applied = dates.get("applied_on")
    interview = dates.get("interview_on")
    if applied is not None and interview is not None and interview < applied:
        raise InputError(
            f"interview date {interview.isoformat()} is before the date applied "
            f"({applied.isoformat()})"
        )
    if isinstance(stages, InputError):
        raise stages
    history: list[tuple[str, date | None]] = []
    for word, when in stages or []:
        label = f"stage history {word!r}"
        order = orders.get("history", (None, False))
        day = _day(when, label, parse_date, order, today=today) if when else None
        history.append((words.status_of(word) or "", day))
    raw_status = values.get("status", "")
    told = words.status_of(raw_status) if raw_status else None
    tale = story(
        status=told,
        applied_on=dates["applied_on"],
        stages=history,
        interview_on=dates["interview_on"],
        response_on=dates["response_on"],
        rejected_on=dates["rejected_on"],
        offer_on=dates["offer_on"],
        today=today,
    )
    if tale.status == "applied" and tale.applied_on is None:
        raise InputError("status applied needs a date applied")
    fields: dict[str, str] = {}
    for name in vocab.TEXT_FIELDS:
        value = text(values.get(name, ""), name)
        if value:
            fields[name] = value
    raw_type = values.get("job_type", "")
    if raw_type:
        job_type = vocab.JOB_TYPE_SYNONYMS.get(vocab.key(raw_type))
        if job_type is None:
            raise InputError(f"unknown job type {raw_type!r} (use one of: {', '.join(JOB_TYPES)})")
        fields["job_type"] = job_type
    raw_via = values.get("via", "").strip()
    if raw_via:
        method = _METHODS.get(vocab.key(raw_via))  # 'In person', 'E-mail': spelt loosely
        if method is None:
            raise InputError(
                f"unknown method {raw_via!r} in the via column "
                f"(use one of: {', '.join(APPLY_METHODS)}, or leave it empty)"
            )
        fields["via"] = method
    skills = tuple(skill_names([values.get("skills", "").replace(";", ",")]))
    raw_id = values.get("id", "").strip()
    return AppRow(
        line=line,
        company=company,
        role=role,
        status=tale.status,
        applied_on=None if tale.status == "saved" else tale.applied_on,
        saved_on=tale.saved_on or tale.applied_on or today,
        status_given=bool(raw_status) or bool(tale.events),
        fields=fields,
        skills=skills,
        events=tale.events,
        record_id=int(raw_id) if raw_id.isdigit() and len(raw_id) < 19 else None,
        store=values.get("store") or None,
        created_at=values.get("created_at") or None,
        response_unused=tale.response_unused,
    )
