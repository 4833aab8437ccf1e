"""Applications from a spreadsheet or another tracker (`jobhunt import csv FILE`): reading
the rows.

Three steps, so a re-import inside the write transaction is cheap and nothing is
written before the whole file has been read:

1. `parse(table, today=...)` (here): each row to an `AppRow`, or the reason it is
   rejected;
2. `appmatch.plan(rows, existing, ...)`: pure matching against the store: added,
   updated, unchanged (a re-import of the same file changes nothing);
3. `appmatch.apply(conn, writes, ...)`: one transaction of plain SQL (executemany).

Here: which header spellings name which field, the status and job type synonyms, and
each row's cells checked and turned into an `AppRow`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from jobhunt.errors import InputError
from jobhunt.io.csvio import BadRow, Table, header_key, parse_rows
from jobhunt.records import JOB_TYPES, STATUSES
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
