"""The words `jobhunt import csv` understands: which header names which field, which
stage word means which status, which cells mean "nothing", and the user's own
additions (`--map 'HEADER=field'`, `--status 'WORD=status'`, or the `[import]` tables
of the config file).

Headers and stage words are compared loosely: case, spaces, underscores and
punctuation do not matter (`Date Applied`, `date_applied` and `DATE-APPLIED` are the
same; so are `On-site` and `Onsite`). docs/import-export.md lists them all.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from jobhunt.errors import InputError
from jobhunt.records import JOB_TYPES, STATUSES

# field -> the header spellings recognised. The first spelling is the documented one.
COLUMNS: dict[str, tuple[str, ...]] = {
    "company": (
        "Company",
        "Employer",
        "Organization",
        "Organisation",
        "Company Name",
        "Employer Name",
    ),
    "role": ("Title", "Position", "Role", "Job Title", "Job Position", "Position Title"),
    "applied_on": (
        "Date Applied",
        "Applied",
        "Applied On",
        "Date",
        "Applied Date",
        "Application Date",
        "App Submitted Date",
        "Date Submitted",
        "Submitted On",
        "Submission Date",
    ),
    "status": ("Status", "Stage", "Application Status", "Current Status", "Current Stage"),
    "url": (
        "URL",
        "Link",
        "Job URL",
        "Job Link",
        "Job Description Link",
        "Application URL",
        "Application Link",
        "Posting URL",
        "Posting Link",
        "Job Posting",
        "Job Posting URL",
    ),
    "location": ("Location", "Job Location", "City"),
    "salary": ("Salary", "Pay", "Compensation", "Salary Range", "Pay Range"),
    "note": ("Notes", "Note", "Comments", "Comment"),
    "source": (
        "Source",
        "Platform",
        "Job Board",
        "Applied Via",
        "Application Site",
        "Found On",
        "Found Via",
    ),
    "job_type": ("Type", "Job Type", "Employment Type"),
    # How it was sent (jobhunt's own export); a tracker's "Applied Via" is the source.
    "via": ("Via", "Sent Via"),
    "skills": ("Skills",),
    "interview_on": ("Interview Date", "Date of Interview", "Interview On", "Interviewed On"),
    "response_on": ("Response Date", "Date of Response", "Responded On", "Reply Date"),
    "rejected_on": ("Rejected Date", "Rejection Date", "Date Rejected", "Rejected On"),
    "offer_on": ("Offer Date", "Date of Offer", "Offered On", "Offer Received Date"),
    "history": ("Stage History", "Status History", "Stages", "History"),
    "id": ("id",),
    "store": ("store",),
    "created_at": ("created_at",),
}
# Fields that hold a date (a column of dates settles its own order of day and month).
DATE_FIELDS = ("applied_on", "interview_on", "response_on", "rejected_on", "offer_on")
TEXT_FIELDS = ("url", "location", "salary", "note", "source")
# jobhunt's own export columns that an import reads past without a warning.
OWN_IGNORED = ("updated_at",)
IGNORE = "ignore"

# The names `--map HEADER=FIELD` accepts, and the field each names.
MAP_FIELDS: dict[str, str] = {
    "company": "company",
    "title": "role",
    "role": "role",
    "applied": "applied_on",
    "status": "status",
    "url": "url",
    "location": "location",
    "salary": "salary",
    "note": "note",
    "source": "source",
    "type": "job_type",
    "via": "via",
    "skills": "skills",
    "interview": "interview_on",
    "response": "response_on",
    "rejected": "rejected_on",
    "offer": "offer_on",
    "history": "history",
    IGNORE: IGNORE,
}

# Stage words from spreadsheets and other trackers -> jobhunt's statuses. Where a word
# has no exact status, the nearest open or closed one is used (docs/import-export.md).
STATUS_WORDS: dict[str, tuple[str, ...]] = {
    "saved": (
        "wishlist",
        "bookmarked",
        "bookmark",
        "interested",
        "to apply",
        "need to apply",
        "not applied",
        "not yet applied",
        "planning to apply",
        "researching",
        "draft",
    ),
    "applied": (
        "submitted",
        "application submitted",
        "application sent",
        "sent",
        "pending",
        "under review",
        "in review",
        "applied online",
        "on hold",
    ),
    "interviewing": (
        "interview",
        "interviews",
        "interviewed",
        "interview scheduled",
        "phone screen",
        "phone interview",
        "screening",
        "screening call",
        "recruiter screen",
        "recruiter call",
        "hr screen",
        "tech screen",
        "technical screen",
        "technical interview",
        "video interview",
        "first interview",
        "second interview",
        "final interview",
        "final round",
        "onsite",
        "on site interview",
        "panel interview",
        "online assessment",
        "assessment",
        "coding challenge",
        "take home",
        "take home assignment",
        "waitlisted",
        "waitlist",
    ),
    "offer": ("offer received", "offered", "offer extended", "offer made", "verbal offer"),
    "accepted": ("offer accepted", "hired", "accepted offer"),
    "rejected": (
        "declined",
        "rejection",
        "not selected",
        "turned down",
        "not moving forward",
        "position filled",
    ),
    "withdrawn": (
        "withdrew",
        "offer declined",
        "declined offer",
        "not interested",
        "no longer interested",
    ),
    "ghosted": (
        "no response",
        "no reply",
        "no answer",
        "job closed",
        "posting closed",
        "position closed",
        "suspected ghost job",
        "ghost job",
    ),
}
JOB_TYPE_WORDS: dict[str, tuple[str, ...]] = {
    "full-time": ("permanent",),
    "contract": ("contractor", "freelance"),
    "temporary": ("temp", "seasonal"),
}
# Cells that mean "nothing here" (what spreadsheets and scripts write for no value).
EMPTY = frozenset({"", "null", "none", "nil", "nan", "n/a", "na", "-", "--", "\u2014", "\u2013"})


@lru_cache(maxsize=4096)
def key(text: str) -> str:
    """A header or word compared loosely: 'Date Applied', 'date_applied' -> 'dateapplied'."""
    return re.sub(r"[\W_]+", "", text.replace("\ufeff", "").casefold())


OWN_IGNORED_KEYS = frozenset(key(c) for c in OWN_IGNORED)


def empty(value: str) -> bool:
    return value.strip().casefold() in EMPTY


STATUS_SYNONYMS: dict[str, str] = {
    **{s: s for s in STATUSES},
    **{word: status for status, words in STATUS_WORDS.items() for word in words},
}
_STATUS_BY_KEY = {key(word): status for word, status in STATUS_SYNONYMS.items()}
_FIELD_BY_KEY = {key(s): name for name, spellings in COLUMNS.items() for s in spellings}
JOB_TYPE_SYNONYMS: dict[str, str] = {
    **{key(t): t for t in JOB_TYPES},
    **{key(w): t for t, words in JOB_TYPE_WORDS.items() for w in words},
}


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """The built-in words plus the user's: {header key: field}, {word key: status}."""

    fields: Mapping[str, str] = field(default_factory=dict)
    statuses: Mapping[str, str] = field(default_factory=dict)

    def field_of(self, header: str) -> str | None:
        k = key(header)
        return self.fields.get(k) or _FIELD_BY_KEY.get(k)

    def status_of(self, word: str) -> str | None:
        k = key(word)
        return self.statuses.get(k) or _STATUS_BY_KEY.get(k)

    @property
    def known(self) -> set[str]:
        return {*_FIELD_BY_KEY, *self.fields}


def _pair(text: str, option: str) -> tuple[str, str]:
    left, sep, right = text.rpartition("=")
    if not sep or not left.strip() or not right.strip():
        raise InputError(f"{option} {text!r}: write it as {option} 'NAME=VALUE'")
    return left.strip(), right.strip()


def check_maps_found(maps: Iterable[str], columns: Sequence[str], name: str) -> None:
    """Each `--map` must name a column the file has (compared as headers are): one that
    names none is a typo or the wrong file. The config file's tables serve many files and
    are not checked."""
    have = {key(c) for c in columns}
    for text in maps:
        header, target = _pair(text, "--map")
        if key(header) not in have:
            shown = ", ".join(c for c in columns if c.strip())
            raise InputError(
                f"--map {header}={target}: {name} has no column {header!r}",
                hint=f"its columns are: {shown}",
            )


def vocabulary(
    maps: Iterable[str] = (),
    statuses: Iterable[str] = (),
    *,
    config: Mapping[str, Mapping[str, object]] | None = None,
) -> Vocabulary:
    """The words for one import: `--map` and `--status` options over the config file's
    `[import.map]` and `[import.status]` tables over the built-in ones."""
    config = config or {}
    pairs_map = [(str(k), str(v), "import.map") for k, v in config.get("map", {}).items()]
    pairs_map += [(*_pair(m, "--map"), "--map") for m in maps]
    pairs_status = [(str(k), str(v), "import.status") for k, v in config.get("status", {}).items()]
    pairs_status += [(*_pair(s, "--status"), "--status") for s in statuses]
    fields: dict[str, str] = {}
    for header, name, where in pairs_map:
        target = MAP_FIELDS.get(key(name))
        if target is None:
            raise InputError(
                f"{where} {header}={name}: unknown field {name!r}",
                hint=f"the fields are: {', '.join(MAP_FIELDS)}",
            )
        fields[key(header)] = target
    words: dict[str, str] = {}
    for word, status, where in pairs_status:
        if status.casefold() not in STATUSES:
            raise InputError(
                f"{where} {word}={status}: unknown status {status!r}",
                hint=f"the statuses are: {', '.join(STATUSES)}",
            )
        words[key(word)] = status.casefold()
    return Vocabulary(fields, words)
