"""LinkedIn's connections export (`jobhunt import linkedin Connections.csv`).

The file LinkedIn sends has a ``Notes:`` paragraph and a blank line before the header
``First Name,Last Name,URL,Email Address,Company,Position,Connected On``; dates look
like ``15 Jan 2024``; most emails are blank. Copies in the wild add a BOM, CRLF line
ends or semicolons: `csvio` deals with those.

Each connection becomes a contact (kind ``recruiter`` when the position has one of
`RECRUITER_WORDS`, else ``peer``; met "LinkedIn"), added on the day you connected,
with one interaction via ``linkedin`` that day. A contact already in the store is
matched by profile URL, else by name and company (case-insensitively), and brought up
to date (company, title, email; a URL it lacked; an earlier added day). Re-importing
the same file changes nothing.

New contacts come without a stay-in-touch schedule (``keep_in_touch`` 0): they answer
"do I know anyone at X?" but are never due, until touched or given ``--every``. With
``--cadence`` they get one, their first due days (``due_from``) spread evenly over one
period of their kind's cadence from the day after the import (`spread`), so a big
export never arrives on the agenda all at once.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from jobhunt.dates import settle_order
from jobhunt.errors import InputError
from jobhunt.io.csvio import BadRow, Table, cell, header_key, parse_rows
from jobhunt.io.report import ADDED, REJECTED, UNCHANGED, UPDATED, Outcome, Report
from jobhunt.records import Contact
from jobhunt.validate import email as email_address
from jobhunt.validate import not_in_future, text

COLUMNS: dict[str, tuple[str, ...]] = {
    "first": ("First Name",),
    "last": ("Last Name",),
    "url": ("URL", "Profile URL"),
    "email": ("Email Address", "Email"),
    "company": ("Company",),
    "title": ("Position", "Title"),
    "connected": ("Connected On",),
}
_BY_KEY = {header_key(s): name for name, spellings in COLUMNS.items() for s in spellings}
HEADER_HELP = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
MET = "LinkedIn"
TOUCH_NOTE = "connected on LinkedIn"
# Who is a recruiter, from their title: these words (documented in import-export.md).
# "Talent" alone is not enough: Talent Management and Chief Talent Officer are HR, not
# hiring; Talent Acquisition and Talent Partner are.
RECRUITER_WORDS = (
    "recruit",  # recruiter, recruiting, recruitment
    "talent acquisition",
    "talent partner",
    "talent sourcing",
    "sourcer",
    "headhunter",
)
_RECRUITER = re.compile("|".join(re.escape(w) for w in RECRUITER_WORDS), re.IGNORECASE)
# Old exports put a member URN where the email should be: it is no address.
PLACEHOLDER = "urn:li:"


def header_score(cells: Sequence[str]) -> int:
    found = {_BY_KEY[k] for k in (header_key(c) for c in cells) if k in _BY_KEY}
    return len(found) if {"first", "last"} <= found else 0


def kind_for(position: str | None) -> str:
    return "recruiter" if position and _RECRUITER.search(position) else "peer"


def url_key(url: str | None) -> str:
    """Profile URLs compared loosely: scheme, www./country prefix, query, slash ignored."""
    if not url:
        return ""
    key = url.strip().casefold()
    key = re.sub(r"^[a-z][a-z0-9+.-]*://", "", key)
    key = re.sub(r"^(www|[a-z]{2,3})\.linkedin\.com", "linkedin.com", key)
    key = key.removeprefix("www.")
    return re.split(r"[?#]", key, maxsplit=1)[0].rstrip("/")


def _fold(value: str | None) -> str:
    return " ".join((value or "").split()).casefold()


@dataclass(frozen=True, slots=True)
class Connection:
    line: int
    name: str
    company: str | None
    title: str | None
    email: str | None
    url: str | None
    connected: date | None
    placeholder: bool = False  # the Email cell held a urn:li: placeholder, left out
    bad_email: bool = False  # the Email cell held no email address: left out, row kept

    @property
    def what(self) -> str:
        return f"contact {self.name}" + (f" ({self.company})" if self.company else "")


def parse(
    table: Table, *, today: date, parse_date: Callable[..., date], order: str | None = None
) -> tuple[list[Connection | BadRow], list[str]]:
    """Every row, parsed. `parse_date(text, order, two_digit_years)`: an all-numeric
    Connected On (a spreadsheet re-saved LinkedIn's '15 Jan 2024' as 1/15/2024) is read
    in `order` when given (`--dates`), else in the order the column's values over 12
    settle; values that disagree are one InputError."""
    cols: dict[str, int] = {}
    for index, c in enumerate(table.header.cells):
        name = _BY_KEY.get(header_key(c))
        if name is not None and name not in cols:
            cols[name] = index
    warnings = []
    rows = list(table.rows())
    given = order is not None
    if "connected" not in cols:
        warnings.append("no Connected On column: contacts are added today, with no interaction")
    elif not given:
        at = cols["connected"]
        days = [(r.line, cell(r.cells[at])) for r in rows if at < len(r.cells)]
        order = settle_order(days, what=table.header.cells[at])

    def describe(values: dict[str, str]) -> str:
        name = " ".join(v for v in (values.get("first"), values.get("last")) if v)
        return f"contact {name}" if name else ""

    out = parse_rows(
        table,
        cols,
        lambda line, values: parse_row(
            line, values, today=today, parse_date=lambda raw: parse_date(raw, order, given)
        ),
        describe,
        rows,
    )
    dropped = sum(1 for row in out if isinstance(row, Connection) and row.placeholder)
    if dropped:
        warnings.append(
            f"{dropped} LinkedIn placeholder{'s' if dropped > 1 else ''} (urn:li:...) "
            "left out of the Email column"
        )
    bad = [row.line for row in out if isinstance(row, Connection) and row.bad_email]
    if bad:
        lines = ", ".join(str(n) for n in bad[:10]) + (", ..." if len(bad) > 10 else "")
        warnings.append(
            f"{len(bad)} emails that are not email addresses left out (the contacts are "
            f"imported without one): line{'s' if len(bad) > 1 else ''} {lines}"
        )
    return out, warnings


def _email(value: str) -> tuple[str | None, bool]:
    """The email cell as an address, and whether a non-address was left out. LinkedIn's
    urn:li: placeholders are counted apart."""
    if value.strip().casefold().startswith(PLACEHOLDER):
        return None, False
    try:
        return email_address(text(value, "email")), False
    except InputError:
        return None, True


def parse_row(
    line: int, values: dict[str, str], *, today: date, parse_date: Callable[[str], date]
) -> Connection:
    first = text(values.get("first", ""), "first name") or ""
    last = text(values.get("last", ""), "last name") or ""
    name = " ".join(p for p in (first, last) if p)
    if not name:
        raise InputError("no name (LinkedIn leaves it out for some connections)")
    connected = None
    raw = values.get("connected", "")
    if raw:
        try:
            connected = parse_date(raw)
        except InputError as exc:
            message = exc.message
            if message.endswith("ambiguous day and month; write it as YYYY-MM-DD"):
                message += ", or import with --dates dmy or --dates mdy"
            raise InputError(f"connected on: {message}") from None
        not_in_future(connected, today, "connected on")
    address, bad_email = _email(values.get("email", ""))
    return Connection(
        line=line,
        name=name,
        company=text(values.get("company", ""), "company"),
        title=text(values.get("title", ""), "position"),
        email=address,
        bad_email=bad_email,
        placeholder=values.get("email", "").strip().casefold().startswith(PLACEHOLDER),
        url=text(values.get("url", ""), "url"),
        connected=connected,
    )


# --------------------------------------------------------------------------- matching


@dataclass(slots=True, eq=False)
class Target:
    id: int | None
    name: str
    company: str | None
    title: str | None
    email: str | None
    url: str | None
    added_on: date
    kind: str = "peer"
    touched: set[date] = field(default_factory=set)  # days with a linkedin interaction
    new_touches: list[date] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)

    @property
    def name_key(self) -> tuple[str, str]:
        return (_fold(self.name), _fold(self.company))


@dataclass(slots=True)
class Writes:
    new: list[Target] = field(default_factory=list)
    changed: list[Target] = field(default_factory=list)
    pending: list[tuple[Outcome, Target]] = field(default_factory=list)  # ids once written


class _Index:
    def __init__(self) -> None:
        self.by_url: dict[str, Target] = {}
        self.by_name: dict[tuple[str, str], list[Target]] = {}

    def put(self, target: Target) -> None:
        if target.url:
            self.by_url.setdefault(url_key(target.url), target)
        self.by_name.setdefault(target.name_key, []).append(target)

    def drop_name(self, target: Target) -> None:
        found = self.by_name.get(target.name_key, [])
        self.by_name[target.name_key] = [t for t in found if t is not target]

    def find(self, row: Connection) -> Target | None:
        key = url_key(row.url)
        if key and key in self.by_url:
            return self.by_url[key]
        for target in self.by_name.get((_fold(row.name), _fold(row.company)), []):
            if not target.url or not key or url_key(target.url) == key:
                return target
        return None


def plan(
    rows: Iterable[Connection | BadRow],
    existing: Iterable[Contact],
    touches: set[tuple[int, date]],
    *,
    today: date,
    source: str,
    strict: bool = False,
) -> tuple[Report, Writes]:
    """Match every connection against the store's contacts (pure)."""
    report = Report(kind="linkedin", source=source, strict=strict)
    writes = Writes()
    index = _Index()
    by_id: dict[int, Target] = {}
    for c in existing:
        target = Target(c.id, c.name, c.company, c.title, c.email, c.url, c.added_on, c.kind)
        by_id[c.id] = target
        index.put(target)
    for contact_id, day in touches:
        if contact_id in by_id:
            by_id[contact_id].touched.add(day)
    queued: set[int] = set()
    for row in rows:
        if isinstance(row, BadRow):
            report.add(Outcome(row.line, REJECTED, row.what, reason=row.reason))
            continue
        target = index.find(row)
        if target is None:
            target = Target(
                id=None,
                name=row.name,
                company=row.company,
                title=row.title,
                email=row.email,
                url=row.url,
                added_on=row.connected or today,
                kind=kind_for(row.title),
            )
            if row.connected:
                target.touched.add(row.connected)
                target.new_touches.append(row.connected)
            index.put(target)
            writes.new.append(target)
            writes.pending.append((report.add(Outcome(row.line, ADDED, row.what)), target))
            continue
        changed = _update(target, row, index)
        if changed and target.id is not None and target.id not in queued:
            queued.add(target.id)
            writes.changed.append(target)
        action = UPDATED if changed else UNCHANGED
        outcome = report.add(Outcome(row.line, action, row.what, target.id, tuple(changed)))
        if target.id is None:
            writes.pending.append((outcome, target))
    return report, writes


def _update(target: Target, row: Connection, index: _Index) -> list[str]:
    changed: list[str] = []
    if row.company and _fold(row.company) != _fold(target.company):
        index.drop_name(target)
        target.company = row.company
        index.put(target)
        changed.append("company")
    for name in ("title", "email"):
        value = getattr(row, name)
        if value and value != getattr(target, name):
            setattr(target, name, value)
            changed.append(name)
    if row.url and not target.url:
        target.url = row.url
        index.by_url.setdefault(url_key(row.url), target)
        changed.append("url")
    if row.connected:
        if row.connected < target.added_on:
            target.added_on = row.connected
            changed.append("added_on")
        if row.connected not in target.touched:
            target.touched.add(row.connected)
            target.new_touches.append(row.connected)
            changed.append("interaction")
    target.changed.extend(c for c in changed if c not in target.changed)
    return changed


# --------------------------------------------------------------------------- writing

_CONTACT_INSERT = (
    "INSERT INTO contact (id, name, company, title, kind, email, phone, url, met, every_days, "
    "note, met_at_event_id, added_on, created_at, keep_in_touch, due_from) "
    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
)


@dataclass(frozen=True, slots=True)
class Schedule:
    """`import linkedin --cadence`: the new contacts get a stay-in-touch schedule, first
    due from the day after `today`, spread over one period of their kind's cadence."""

    today: date
    cadence_days: dict[str, int]


def spread(targets: Sequence[Target], schedule: Schedule) -> dict[int, date]:
    """{index in `targets`: its first due day}: each kind's contacts spread evenly over
    that kind's cadence from the day after the import (at most ceil(n / period) a day)."""
    by_kind: dict[str, list[int]] = {}
    for index, target in enumerate(targets):
        by_kind.setdefault(target.kind, []).append(index)
    first: dict[int, date] = {}
    start = schedule.today + timedelta(days=1)
    for kind, indexes in by_kind.items():
        period = max(1, schedule.cadence_days.get(kind, schedule.cadence_days.get("other", 45)))
        for n, index in enumerate(indexes):
            first[index] = start + timedelta(days=n * period // len(indexes))
    return first


_TOUCH_INSERT = (
    "INSERT INTO interaction (contact_id, via, on_day, note, created_at) VALUES (?,?,?,?,?)"
)


def apply(
    conn: sqlite3.Connection, writes: Writes, *, now: str, schedule: Schedule | None = None
) -> None:
    """Write the plan; the caller holds the transaction. New contacts have no
    stay-in-touch schedule unless `schedule` gives them one (--cadence)."""
    next_id = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM contact").fetchone()[0]
    contacts, touches = [], []
    first = spread(writes.new, schedule) if schedule else {}
    for index, target in enumerate(writes.new):
        target.id = next_id
        next_id += 1
        contacts.append(
            (
                target.id,
                target.name,
                target.company,
                target.title,
                target.kind,
                target.email,
                None,
                target.url,
                MET,
                None,
                None,
                None,
                target.added_on.isoformat(),
                now,
                1 if schedule else 0,
                first[index].isoformat() if schedule else None,
            )
        )
    conn.executemany(_CONTACT_INSERT, contacts)
    conn.executemany(
        "UPDATE contact SET company=?, title=?, email=?, url=?, added_on=? WHERE id=?",
        [
            (t.company, t.title, t.email, t.url, t.added_on.isoformat(), t.id)
            for t in writes.changed
        ],
    )
    for target in [*writes.new, *writes.changed]:
        touches.extend(
            (target.id, "linkedin", day.isoformat(), TOUCH_NOTE, now) for day in target.new_touches
        )
    conn.executemany(_TOUCH_INSERT, touches)
    for outcome, target in writes.pending:  # the new contacts' ids, in the report
        outcome.record_id = target.id
