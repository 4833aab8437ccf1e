"""Applications from a spreadsheet or another tracker (`jobhunt import csv FILE`).

Three steps, so a re-import inside the write transaction is cheap and nothing is
written before the whole file has been read:

1. `parse(table, today=...)`: each row to an `AppRow`, or the reason it is rejected;
2. `plan(rows, existing, ...)`: pure matching against the store: added, updated,
   unchanged (a re-import of the same file changes nothing);
3. `apply(conn, writes, ...)`: one transaction of plain SQL (executemany).

A row matches an application with the same company, title and applied date
(case-insensitively); a dated row also matches a saved job with the same company and
title (you applied since). Empty cells never clear what the store has.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from jobhunt.errors import InputError
from jobhunt.io.csvio import BadRow, Table, header_key, parse_rows
from jobhunt.io.report import ADDED, REJECTED, UNCHANGED, UPDATED, Outcome, Report
from jobhunt.records import JOB_TYPES, STATUSES, Application
from jobhunt.validate import not_in_future, skill_names, text

# field -> the header spellings recognised (compared by `header_key`: case, spaces,
# underscores and punctuation do not matter). The first spelling is the documented one.
COLUMNS: dict[str, tuple[str, ...]] = {
    "company": ("Company", "Employer", "Organization", "Organisation", "Company Name"),
    "role": ("Title", "Position", "Role", "Job Title"),
    "applied_on": (
        "Date Applied",
        "Applied",
        "Applied On",
        "Date",
        "Applied Date",
        "Application Date",
    ),
    "status": ("Status", "Stage"),
    "url": ("URL", "Link", "Job URL", "Job Link"),
    "location": ("Location",),
    "salary": ("Salary", "Pay", "Compensation"),
    "note": ("Notes", "Note", "Comments"),
    "source": ("Source",),
    "job_type": ("Type", "Job Type", "Employment Type"),
    "skills": ("Skills",),
}
_BY_KEY = {
    header_key(spelling): name for name, spellings in COLUMNS.items() for spelling in spellings
}
TEXT_FIELDS = ("url", "location", "salary", "note", "source")
LINKEDIN_KEYS = {"firstname", "lastname", "connectedon"}

# Status words from spreadsheets and other trackers -> jobhunt's statuses.
STATUS_SYNONYMS: dict[str, str] = {
    **{s: s for s in STATUSES},
    "wishlist": "saved",
    "wish list": "saved",
    "bookmarked": "saved",
    "bookmark": "saved",
    "interested": "saved",
    "to apply": "saved",
    "submitted": "applied",
    "application submitted": "applied",
    "application sent": "applied",
    "sent": "applied",
    "pending": "applied",
    "under review": "applied",
    "interview": "interviewing",
    "interviews": "interviewing",
    "interviewed": "interviewing",
    "interview scheduled": "interviewing",
    "phone screen": "interviewing",
    "screening": "interviewing",
    "offer received": "offer",
    "offered": "offer",
    "offer accepted": "accepted",
    "hired": "accepted",
    "offer declined": "withdrawn",
    "declined": "rejected",
    "rejection": "rejected",
    "not selected": "rejected",
    "turned down": "rejected",
    "withdrew": "withdrawn",
    "no response": "ghosted",
    "no reply": "ghosted",
    "no answer": "ghosted",
}
JOB_TYPE_SYNONYMS: dict[str, str] = {
    **{header_key(t): t for t in JOB_TYPES},
    "permanent": "full-time",
    "contractor": "contract",
    "freelance": "contract",
    "temp": "temporary",
    "seasonal": "temporary",
}


def status_key(value: str) -> str:
    return re.sub(r"[\W_]+", " ", value.casefold()).strip()


def map_status(value: str) -> str | None:
    return STATUS_SYNONYMS.get(status_key(value))


# --------------------------------------------------------------------------- header


def header_score(cells: Sequence[str]) -> int:
    """How many known columns a line names (a header needs at least two)."""
    keys = {header_key(c) for c in cells}
    if keys >= LINKEDIN_KEYS:
        return len(keys)  # recognised, and refused by `columns` with a pointer
    found = {_BY_KEY[k] for k in keys if k in _BY_KEY}
    return len(found) if len(found) >= 2 else 0


HEADER_HELP = "columns such as Company, Title, Date Applied, Status"


def columns(cells: Sequence[str], name: str) -> tuple[dict[str, int], list[str]]:
    """{field: column index} and warnings, or one clear error for the wrong columns."""
    keys = [header_key(c) for c in cells]
    if set(keys) >= LINKEDIN_KEYS:
        raise InputError(
            f"{name} looks like a LinkedIn connections export, not a list of applications",
            hint=f"import it with: jobhunt import linkedin {name}",
        )
    found: dict[str, int] = {}
    ignored: list[str] = []
    for index, key in enumerate(keys):
        what = _BY_KEY.get(key)
        if what is None:
            if key:
                ignored.append(cells[index])
        elif what in found:
            ignored.append(f"{cells[index]} (a second {COLUMNS[what][0]} column)")
        else:
            found[what] = index
    for required in ("company", "role"):
        if required not in found:
            spellings = ", ".join(COLUMNS[required])
            raise InputError(
                f"{name} has no {COLUMNS[required][0]} column (any of: {spellings}); "
                f"its columns are: {', '.join(c for c in cells if c) or 'none'}",
                hint="rename the header cell, see docs/import-export.md",
            )
    warnings = [f"ignored columns: {', '.join(ignored)}"] if ignored else []
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

    @property
    def what(self) -> str:
        return f"application {self.company} — {self.role}"


def parse(
    table: Table, *, today: date, parse_date: Callable[[str], date]
) -> tuple[list[AppRow | BadRow], list[str]]:
    """Every data row of `table`, parsed (rejected rows carry their reason), and warnings."""
    cols, warnings = columns(table.header.cells, table.name)

    def describe(values: dict[str, str]) -> str:
        what = " — ".join(v for v in (values.get("company"), values.get("role")) if v)
        return f"application {what}" if what else ""

    out = parse_rows(
        table,
        cols,
        lambda line, values: parse_row(line, values, today=today, parse_date=parse_date),
        describe,
    )
    return out, warnings


def parse_row(
    line: int, values: dict[str, str], *, today: date, parse_date: Callable[[str], date]
) -> AppRow:
    """One row's cells (by field) to an AppRow; InputError says why it is rejected."""
    company = text(values.get("company", ""), "company") or ""
    role = text(values.get("role", ""), "title") or ""
    if not company:
        raise InputError("no company")
    if not role:
        raise InputError("no title")
    day: date | None = None
    raw_day = values.get("applied_on", "")
    if raw_day:
        try:
            day = parse_date(raw_day)
        except InputError as exc:
            raise InputError(f"date applied: {exc.message}") from None
        not_in_future(day, today, "date applied")
    raw_status = values.get("status", "")
    if raw_status:
        status = map_status(raw_status)
        if status is None:
            raise InputError(
                f"unknown status {raw_status!r} (use one of: {', '.join(STATUSES)}, "
                "or a synonym listed in docs/import-export.md)"
            )
    else:
        status = "applied" if day else "saved"
    if status == "applied" and day is None:
        raise InputError("status applied needs a date applied")
    fields: dict[str, str] = {}
    for name in TEXT_FIELDS:
        value = text(values.get(name, ""), name)
        if value:
            fields[name] = value
    raw_type = values.get("job_type", "")
    if raw_type:
        job_type = JOB_TYPE_SYNONYMS.get(header_key(raw_type))
        if job_type is None:
            raise InputError(f"unknown job type {raw_type!r} (use one of: {', '.join(JOB_TYPES)})")
        fields["job_type"] = job_type
    skills = tuple(skill_names([values.get("skills", "").replace(";", ",")]))
    return AppRow(
        line=line,
        company=company,
        role=role,
        status=status,
        applied_on=None if status == "saved" else day,
        saved_on=day or today,
        status_given=bool(raw_status),
        fields=fields,
        skills=skills,
    )


# --------------------------------------------------------------------------- matching


@dataclass(slots=True, eq=False)
class Target:
    """An application as the import sees it: one in the store, or one this file adds."""

    id: int | None
    company: str
    role: str
    status: str
    applied_on: date | None
    fields: dict[str, str | None]
    skills: tuple[str, ...]
    saved_on: date | None = None  # new ones only
    changed: list[str] = field(default_factory=list)  # existing ones: fields changed
    status_changed: bool = False
    skills_changed: bool = False

    @property
    def key(self) -> tuple[str, str, date | None]:
        return (_fold(self.company), _fold(self.role), self.applied_on)


# Where a status sits in an application's life. A file never moves an application back
# to an earlier stage than the store has (the store knows of the interview since).
_STAGE = {"saved": 0, "applied": 1, "interviewing": 2, "offer": 3}


def _earlier(new: str, current: str) -> bool:
    return _STAGE.get(new, 4) < _STAGE.get(current, 4)


def _fold(value: str) -> str:
    return " ".join(value.split()).casefold()


def _target(app: Application) -> Target:
    return Target(
        id=app.id,
        company=app.company,
        role=app.role,
        status=app.status,
        applied_on=app.applied_on,
        fields={
            "url": app.url,
            "location": app.location,
            "salary": app.salary,
            "note": app.note,
            "source": app.source,
            "job_type": app.job_type,
        },
        skills=app.skills,
    )


@dataclass(slots=True)
class Writes:
    new: list[Target] = field(default_factory=list)
    changed: list[Target] = field(default_factory=list)


def plan(
    rows: Iterable[AppRow | BadRow],
    existing: Iterable[Application],
    *,
    source: str,
    strict: bool = False,
) -> tuple[Report, Writes]:
    """Match every row against the store (pure). Strict: the first bad row raises."""
    report = Report(kind="csv", source=source, strict=strict)
    writes = Writes()
    index: dict[tuple[str, str, date | None], Target] = {}
    pending: set[int] = set()
    for app in existing:
        target = _target(app)
        index.setdefault(target.key, target)
    for row in rows:
        if isinstance(row, BadRow):
            report.add(Outcome(row.line, REJECTED, row.what, reason=row.reason))
            continue
        key = (_fold(row.company), _fold(row.role), row.applied_on)
        target = index.get(key)
        if target is None and row.applied_on is not None:
            saved = index.get((key[0], key[1], None))
            if saved is not None and saved.status == "saved":
                target = saved  # a saved job you have applied to since
        if target is None:
            target = Target(
                id=None,
                company=row.company,
                role=row.role,
                status=row.status,
                applied_on=row.applied_on,
                fields=dict(row.fields),
                skills=row.skills,
                saved_on=row.saved_on,
            )
            index[key] = target
            writes.new.append(target)
            report.add(Outcome(row.line, ADDED, row.what))
            continue
        changed = _update(target, row, index)
        if changed and target.id is not None and target.id not in pending:
            pending.add(target.id)
            writes.changed.append(target)
        report.add(
            Outcome(
                row.line, UPDATED if changed else UNCHANGED, row.what, target.id, tuple(changed)
            )
        )
    return report, writes


def _update(target: Target, row: AppRow, index: dict) -> list[str]:
    """Bring `target` in line with the row's non-empty cells; the names of what changed."""
    changed: list[str] = []
    if row.applied_on is not None and target.applied_on is None:
        index.pop(target.key, None)
        target.applied_on = row.applied_on
        index[target.key] = target
        changed.append("applied_on")
        if not row.status_given and target.status == "saved":
            target.status = "applied"
            target.status_changed = True
            changed.append("status")
    if row.status_given and row.status != target.status and not _earlier(row.status, target.status):
        target.status = row.status
        target.status_changed = True
        changed.append("status")
    for name, value in row.fields.items():
        if target.fields.get(name) != value:
            target.fields[name] = value
            changed.append(name)
    if row.skills and [s.casefold() for s in row.skills] != [s.casefold() for s in target.skills]:
        target.skills = row.skills
        target.skills_changed = True
        changed.append("skills")
    target.changed.extend(c for c in changed if c not in target.changed)
    return changed


# --------------------------------------------------------------------------- writing

_APP_INSERT = (
    "INSERT INTO application (id, company, role, status, applied_on, job_type, source, url, "
    "location, salary, note, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"
)
_EVENT_INSERT = (
    "INSERT INTO application_event (application_id, kind, on_day, channel, status, until_day, "
    "person, note, created_at) VALUES (?,?,?,?,?,?,?,?,?)"
)
_SKILL_INSERT = "INSERT INTO application_skill (application_id, skill) VALUES (?, ?)"


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def apply(conn: sqlite3.Connection, writes: Writes, *, today: date, now: str) -> None:
    """Write the plan; the caller holds the transaction."""
    next_id = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM application").fetchone()[0]
    apps, events, skills = [], [], []
    for target in writes.new:
        target.id = next_id
        next_id += 1
        f = target.fields
        apps.append(
            (
                target.id,
                target.company,
                target.role,
                target.status,
                _iso(target.applied_on),
                f.get("job_type"),
                f.get("source"),
                f.get("url"),
                f.get("location"),
                f.get("salary"),
                f.get("note"),
                now,
                now,
            )
        )
        skills.extend((target.id, s) for s in target.skills)
        if target.status == "saved":
            events.append(_event(target.id, "saved", target.saved_on or today, now))
        else:
            events.append(_event(target.id, "applied", target.applied_on or today, now))
            if target.status != "applied":
                events.append(
                    _event(target.id, "status", today, now, status=target.status, note="imported")
                )
    conn.executemany(_APP_INSERT, apps)
    for target in writes.changed:
        f = target.fields
        conn.execute(
            "UPDATE application SET status=?, applied_on=?, job_type=?, source=?, url=?, "
            "location=?, salary=?, note=?, updated_at=? WHERE id=?",
            (
                target.status,
                _iso(target.applied_on),
                f.get("job_type"),
                f.get("source"),
                f.get("url"),
                f.get("location"),
                f.get("salary"),
                f.get("note"),
                now,
                target.id,
            ),
        )
        edited = [c for c in target.changed if c != "status"]
        if edited:
            note = "changed " + ", ".join(edited) + " (import)"
            events.append(_event(target.id, "edit", today, now, note=note))
        if target.status_changed:
            events.append(
                _event(target.id, "status", today, now, status=target.status, note="imported")
            )
        if target.skills_changed:
            conn.execute("DELETE FROM application_skill WHERE application_id = ?", (target.id,))
            skills.extend((target.id, s) for s in target.skills)
    conn.executemany(_EVENT_INSERT, events)
    conn.executemany(_SKILL_INSERT, skills)


def _event(
    app_id: int | None,
    kind: str,
    on: date,
    now: str,
    *,
    status: str | None = None,
    note: str | None = None,
) -> tuple:
    return (app_id, kind, on.isoformat(), None, status, None, None, note, now)
