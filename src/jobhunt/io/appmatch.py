"""Spreadsheet applications against the store (step 2 of `jobhunt import csv`;
`appcsv` reads the rows, `appwrite` writes the plan).

A row is the application it names:

1. by its `id`, when the row comes from this store's own export (its `store` column is
   this store's identifier) and the record is still there; the row may then rename
   the company or title, or move the date applied;
2. else by its identity: company, title and date applied, and the posting URL when
   both the row and the application have one (same company and title with different
   URLs are two applications). A dated row also matches a saved job (you applied
   since). Names are compared folded (`fold`): case, accents, spacing and apostrophe
   or quote variants (and the `?` an encoding loss leaves) do not matter.

Several rows naming one application are merged into it (reported as merged, with the
line of the first). Empty cells never clear what the store has. `plan` is pure.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from jobhunt.io.appcsv import AppRow, same_instant
from jobhunt.io.apphistory import RowEvent
from jobhunt.io.csvio import BadRow
from jobhunt.io.report import ADDED, MERGED, REJECTED, UNCHANGED, UPDATED, Outcome, Report
from jobhunt.records import Application
from jobhunt.validate import skill_key

# --------------------------------------------------------------------------- folding

_QUOTES = "'\"`\u00b4\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u2032\u2033\u00ab\u00bb\uff07"
_DROP_QUOTES = str.maketrans("", "", _QUOTES)
_MOJIBAKE = {"\u00e2\u20ac\u2122": "'", "\u00e2\u20ac\u02dc": "'", "\u00e2\u20ac\u0153": '"'}
_LOST = re.compile(r"(?<=\w)\?(?=\w)")  # Alzheimer?s: a character lost to an encoding


@lru_cache(maxsize=65536)
def fold(value: str) -> str:
    """A name as matching sees it: 'Alzheimer’s  Society', "ALZHEIMER'S SOCIETY" and
    'Alzheimer?s Society' fold alike; so do 'Café' and 'Cafe'."""
    if not value.isascii():
        for broken, quote in _MOJIBAKE.items():
            value = value.replace(broken, quote)
        value = unicodedata.normalize("NFKD", value)
        value = "".join(c for c in value if not unicodedata.combining(c))
    if "?" in value:
        value = _LOST.sub("", value)
    return " ".join(value.translate(_DROP_QUOTES).casefold().split())


def url_key(url: str | None) -> str:
    """A posting URL compared loosely: scheme, 'www.', host case, a trailing slash and a
    #fragment aside (the query is kept: job boards put the posting's id there)."""
    if not url:
        return ""
    text = url.strip().split("#", 1)[0]
    text = re.sub(r"^[a-z][a-z0-9+.-]*://", "", text, flags=re.IGNORECASE)
    host, slash, rest = text.partition("/")
    host = host.casefold().removeprefix("www.")
    return (host + slash + rest).rstrip("/")


# --------------------------------------------------------------------------- targets

Key = tuple[str, str, date | None]


@dataclass(frozen=True, slots=True)
class Known:
    """An event the store already has (what a re-import must not add twice)."""

    id: int
    kind: str
    status: str | None
    on: date
    dated: bool


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
    known: list[Known] = field(default_factory=list)  # existing ones: their history
    events: list[RowEvent] = field(default_factory=list)  # to add
    dating: dict[int, date] = field(default_factory=dict)  # undated events a row dates
    first_line: int | None = None  # the first row of the file that named it
    original: tuple = ()
    created_at: str = ""

    @property
    def key(self) -> Key:
        return (fold(self.company), fold(self.role), self.applied_on)

    def state(self) -> tuple:
        skills = tuple(skill_key(s) for s in self.skills)
        return (self.company, self.role, self.applied_on, self.status, dict(self.fields), skills)

    def changed(self) -> list[str]:
        """What differs from the store (existing ones), by field name."""
        names = ("company", "role", "applied_on", "status", "fields", "skills")
        out: list[str] = []
        for name, old, new in zip(names, self.original, self.state(), strict=True):
            if name == "fields":
                out += [f for f in new if new[f] != old.get(f)]
            elif old != new:
                out.append(name)
        # The record of a status change is part of the change; other facts are history.
        extra = [e for e in self.events if (e.kind, e.status) != ("status", self.status)]
        if extra or self.dating:
            out.append("history")
        return out


def _target(app: Application, known: list[Known]) -> Target:
    target = Target(
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
            "via": app.via,
        },
        skills=app.skills,
        known=known,
        created_at=app.created_at,
    )
    target.original = target.state()
    return target


# Where a status sits in an application's life. A file never moves an application back
# to an earlier stage than the store has (the store knows of the interview since).
_STAGE = {"saved": 0, "applied": 1, "interviewing": 2, "offer": 3}


def _earlier(new: str, current: str) -> bool:
    return _STAGE.get(new, 4) < _STAGE.get(current, 4)


@dataclass(slots=True)
class Writes:
    new: list[Target] = field(default_factory=list)
    changed: list[Target] = field(default_factory=list)
    outcomes: list[tuple[Outcome, Target]] = field(default_factory=list)

    def fill_ids(self) -> None:
        """After writing: the ids of the applications added, in the report."""
        for outcome, target in self.outcomes:
            outcome.record_id = target.id


class _Index:
    """Targets by identity (company, title, date applied), several per key."""

    def __init__(self) -> None:
        self.by_key: dict[Key, list[Target]] = {}

    def add(self, target: Target) -> None:
        self.by_key.setdefault(target.key, []).append(target)

    def move(self, target: Target, old: Key) -> None:
        self.by_key[old].remove(target)
        self.add(target)

    def find(self, key: Key, url: str | None) -> list[Target]:
        found = self.by_key.get(key, [])
        if not url:
            return list(found)
        wanted = url_key(url)
        same = [t for t in found if url_key(t.fields.get("url")) == wanted]
        return same or [t for t in found if not t.fields.get("url")]


def plan(
    rows: Iterable[AppRow | BadRow],
    existing: Iterable[Application],
    *,
    source: str,
    strict: bool = False,
    store_id: str | None = None,
    history: Mapping[int, list[Known]] | None = None,
) -> tuple[Report, Writes]:
    """Match every row against the store (pure). Strict: the first bad row raises."""
    report = Report(kind="csv", source=source, strict=strict)
    writes = Writes()
    index = _Index()
    by_id: dict[int, Target] = {}
    history = history or {}
    for app in existing:
        target = _target(app, history.get(app.id, []))
        by_id[app.id] = target
        index.add(target)
    placed: list[tuple[AppRow, Target, str | None] | BadRow] = []
    for row in rows:
        if isinstance(row, BadRow):
            placed.append(row)
            continue
        target, note = _match(row, index, by_id, store_id)
        if isinstance(target, str):
            placed.append(BadRow(row.line, target, row.what))
            continue
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
                events=list(row.events),
            )
            index.add(target)
            writes.new.append(target)
        else:
            _merge(target, row, index, by_id_match=note == "id")
        if target.first_line is None:
            target.first_line = row.line
        placed.append((row, target, None if note == "id" else note))
    for item in placed:
        if isinstance(item, BadRow):
            report.add(Outcome(item.line, REJECTED, item.what, reason=item.reason))
            continue
        row, target, note = item
        if row.line != target.first_line:
            note = f"the same application as line {target.first_line}" + (
                f"; {note}" if note else ""
            )
            outcome = Outcome(row.line, MERGED, row.what, target.id, reason=note)
        elif target.id is None:
            outcome = Outcome(row.line, ADDED, row.what, reason=note)
        else:
            changed = target.changed()
            action = UPDATED if changed else UNCHANGED
            outcome = Outcome(row.line, action, row.what, target.id, tuple(changed), note)
            if changed:
                writes.changed.append(target)
        writes.outcomes.append((report.add(outcome), target))
    return report, writes


def _match(
    row: AppRow, index: _Index, by_id: dict[int, Target], store_id: str | None
) -> tuple[Target | str | None, str | None]:
    """The target a row names (None: a new one; text: why it cannot be placed) and how
    it was found when the report should say so."""
    note = None
    if row.record_id is not None and row.store is not None:
        if row.store == store_id:
            target = by_id.get(row.record_id)
            if target is not None and same_instant(row.created_at, target.created_at):
                return target, "id"
            if target is None:
                note = f"application {row.record_id} is no longer in this store"
            else:  # deleted, and its id given to a newer record
                note = f"application {row.record_id} in this store is another record now"
        else:
            note = f"exported from another store (its id {row.record_id} is not used here)"
        note += "; matched by company, title and date applied"
    key = (fold(row.company), fold(row.role), row.applied_on)
    url = row.fields.get("url")
    found = index.find(key, url)
    if not found and row.applied_on is not None:
        found = [t for t in index.find((key[0], key[1], None), url) if t.status == "saved"]
    if len(found) > 1:
        which = ", ".join(f"#{t.id}" if t.id is not None else f"line {t.first_line}" for t in found)
        return (
            f"it matches several applications ({which}: same company, title and date "
            "applied, different URLs); give its URL to say which",
            None,
        )
    return (found[0] if found else None), note


def _merge(target: Target, row: AppRow, index: _Index, *, by_id_match: bool) -> None:
    """Bring `target` in line with the row's non-empty cells and dated facts."""
    old = target.key
    if by_id_match:
        target.company, target.role = row.company, row.role
        if row.applied_on is not None:
            target.applied_on = row.applied_on
    elif row.applied_on is not None and target.applied_on is None:
        target.applied_on = row.applied_on
        if not row.status_given and target.status == "saved":
            target.status = "applied"  # on the day the row says
            target.events.append(RowEvent("status", row.applied_on, "applied"))
    if target.key != old:
        index.move(target, old)
    status_changed = False
    if row.status_given and row.status != target.status and not _earlier(row.status, target.status):
        target.status = row.status
        status_changed = True
    for name, value in row.fields.items():
        target.fields[name] = value
    if row.skills and [skill_key(s) for s in row.skills] != [skill_key(s) for s in target.skills]:
        target.skills = row.skills
    for event in row.events:
        _add_event(target, event, final=status_changed and event.status == target.status)
    if status_changed and not any(
        e.kind == "status" and e.status == target.status for e in target.events
    ):
        # Applied is dated by the date applied; another status the row does not date.
        day = target.applied_on if target.status == "applied" else None
        target.events.append(RowEvent("status", day, target.status))


def _add_event(target: Target, event: RowEvent, *, final: bool) -> None:
    """Keep a row's fact unless the application has it already (a re-import adds nothing
    twice); an undated status the store has is dated when the row gives its day."""
    if any(e.key == event.key for e in target.events):
        return
    if target.id is None:
        target.events.append(event)
        return
    same = [k for k in target.known if k.kind == event.kind and k.status == event.status]
    if event.on is None:
        if final:
            target.events.append(event)
        return
    if any(k.on == event.on for k in same):
        return
    undated = [k for k in same if not k.dated and k.id not in target.dating]
    if undated:
        target.dating[undated[-1].id] = event.on
        return
    target.events.append(event)
