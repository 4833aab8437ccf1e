"""The config keys: which `rules.Policy` field each one sets and the values it accepts.

A value comes from the command line (`jobhunt config set KEY VALUE`, text) or from the
TOML file (a number or a string); `parse_value` checks and normalises both the same way.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from jobhunt.dates import WEEKDAYS, parse_period
from jobhunt.errors import InputError
from jobhunt.records import CONTACT_KINDS

CADENCE = "cadence"


@dataclass(frozen=True, slots=True)
class Key:
    """One config key: the Policy field it sets and the values it accepts."""

    name: str
    field: str
    # "int", "fraction", "factor", "weekday", "period"; "line", "text" or "zone" (no field)
    kind: str
    low: int = 0
    high: int = 365
    help: str = ""

    @property
    def allowed(self) -> str:
        if self.kind == "line":
            return f"one line of text, at most {self.high} characters"
        if self.kind == "text":
            return f"text, line breaks allowed, at most {self.high} characters"
        if self.kind == "zone":
            return "an IANA time zone name such as Europe/London or America/New_York"
        if self.kind == "int":
            return f"a whole number from {self.low} to {self.high}"
        if self.kind == "fraction":
            return "a number greater than 0 and at most 1 (e.g. 0.5)"
        if self.kind == "factor":
            return f"a number from {self.low} to {self.high} (e.g. 2 or 1.5)"
        if self.kind == "weekday":
            return "a weekday name (monday..sunday) or a number 0-6 (0 = monday)"
        return (
            f"a number of days from {self.low} to {self.high}, or a period such as "
            "10d, 2w, 3m (30 days) or 1y (365 days)"
        )


# The sender: how drafts are signed. Text, not rules: no Policy field.
SENDER_KEYS = ("name", "signature")

_KEYS: tuple[Key, ...] = (
    Key(
        "weekly_applications",
        "weekly_applications",
        "int",
        0,
        100,
        "applications a week (0 turns the target off)",
    ),
    Key("weekly_touches", "weekly_touches", "int", 0, 100, "contact touches a week (0 = off)"),
    Key("first_weekday", "first_weekday", "weekday", 0, 6, "the day weeks start on"),
    Key(
        "follow_up_after_days",
        "follow_up_after_days",
        "int",
        1,
        365,
        "days after applying before the follow-up",
    ),
    Key(
        "thank_you_after_days",
        "thank_you_after_days",
        "int",
        0,
        365,
        "days after an interview before the thank-you note",
    ),
    Key(
        "check_in_every_days",
        "check_in_every_days",
        "int",
        1,
        365,
        "days between check-ins after an interview",
    ),
    Key(
        "ghost_after_days",
        "ghost_after_days",
        "int",
        1,
        365,
        "days of silence after applying before suggesting 'ghosted'",
    ),
    Key(
        "interview_notice_days",
        "interview_notice_days",
        "int",
        0,
        365,
        "days ahead a scheduled interview is shown",
    ),
    Key(
        "saved_suggestions",
        "saved_suggestions",
        "int",
        0,
        100,
        "saved jobs suggested while under the weekly target",
    ),
    Key(
        "step_up_factor",
        "step_up_factor",
        "fraction",
        0,
        1,
        "recruiter cadence multiplier while an interview or offer is pending",
    ),
    Key(
        "find_contact_max",
        "find_contact_max",
        "int",
        0,
        100,
        "'find someone at COMPANY' suggestions a day",
    ),
    Key(
        "find_contact_every_days",
        "find_contact_every_days",
        "int",
        1,
        365,
        "days before one company is suggested again (across all its applications)",
    ),
    Key(
        "touches_per_day",
        "touches_per_day",
        "int",
        0,
        100,
        "contacts listed a day in the agenda; the rest are counted in one line",
    ),
    Key(
        "event_notice_days",
        "event_notice_days",
        "int",
        0,
        365,
        "days ahead a networking event is shown",
    ),
    Key(
        "course_idle_days",
        "course_idle_days",
        "int",
        0,
        365,
        "days without a course log before a nudge (0 = off)",
    ),
    Key(
        "keep_active_after_days",
        "keep_active_after_days",
        "int",
        0,
        3650,
        "days into the search before suggesting temporary work (0 = off)",
    ),
    Key(
        "wind_down_days",
        "wind_down_days",
        "int",
        0,
        90,
        "days after accepting a full-time job that the wind-down is shown (0 = none)",
    ),
    Key(
        "offer_touches_factor",
        "offer_touches_factor",
        "factor",
        1,
        10,
        "weekly touches multiplier while an offer is pending",
    ),
    Key(
        "follow_ups_per_day",
        "follow_ups_per_day",
        "int",
        0,
        1000,
        "follow-ups listed a day in the agenda; the rest are counted in one line (0 = all)",
    ),
    Key(
        "reminder_minutes",
        "reminder_minutes",
        "int",
        0,
        1440,
        "minutes before a timed interview its calendar entry reminds you (0 = no reminder)",
    ),
    Key("name", "", "line", 1, 200, "your name, to sign drafts with"),
    Key("signature", "", "text", 1, 1000, "lines under your name in drafts (title, phone...)"),
    *(
        Key(
            f"{CADENCE}.{kind}",
            "cadence_days",
            "period",
            1,
            3650,
            f"days between touches with a {kind} contact (unless the contact has --every)",
        )
        for kind in CONTACT_KINDS
    ),
    Key(
        "time_zone",
        "",
        "zone",
        1,
        100,
        "your time zone, for timed calendar entries (not set: the system's)",
    ),
)
KEYS: dict[str, Key] = {k.name: k for k in _KEYS}


# --------------------------------------------------------------------------- values


def known_keys() -> str:
    """The key names for error messages, the cadence ones as one pattern."""
    plain = [k.name for k in _KEYS if k.kind != "period"]
    return ", ".join(plain) + f", {CADENCE}.KIND (KIND: {', '.join(CONTACT_KINDS)})"


def key_for(name: str) -> Key:
    """The key called `name` (case-insensitive), or an InputError listing the keys."""
    found = KEYS.get(name.strip().lower())
    if found is None:
        raise InputError(f"unknown config key {name!r}; the keys are: {known_keys()}")
    return found


def place(name: str) -> tuple[str, ...]:
    """Where a key lives in the TOML document: ('weekly_touches',), ('cadence', 'peer')."""
    return (CADENCE, name.split(".", 1)[1]) if KEYS[name].field == "cadence_days" else (name,)


def _bad(key: Key, value: object) -> InputError:
    return InputError(f"{key.name} must be {key.allowed}, not {value!r}")


def _text(key: Key, value: object) -> str:
    """A sender value: trimmed (each line on its right), not blank, within its length."""
    if not isinstance(value, str):
        raise _bad(key, value)
    text = "\n".join(line.rstrip() for line in value.strip().splitlines())
    if not text or len(text) > key.high or (key.kind == "line" and "\n" in text):
        raise _bad(key, value)
    if any((ord(ch) < 32 and ch not in "\n\t") or ord(ch) == 127 for ch in text):
        raise _bad(key, value)
    return text


def _zone(key: Key, value: object) -> str:
    """An IANA time zone name the system's zone database (or tzdata) knows."""
    from zoneinfo import ZoneInfo

    name = value.strip() if isinstance(value, str) else ""
    if not name or len(name) > key.high or not name.isascii() or name.startswith("/"):
        raise _bad(key, value)
    try:
        ZoneInfo(name)
    except (ValueError, KeyError, OSError):  # ZoneInfoNotFoundError is a KeyError
        raise _bad(key, value) from None
    return name


def parse_value(key: Key, value: object) -> int | float | str:
    """A value typed on the command line (str) or read from TOML, checked and normalised."""
    if key.kind in ("line", "text"):
        return _text(key, value)
    if key.kind == "zone":
        return _zone(key, value)
    text = value.strip().lower() if isinstance(value, str) else None
    if isinstance(value, bool):
        raise _bad(key, value)
    if key.kind == "weekday":
        number = value
        if text is not None:
            if not text.isdigit():
                for index, day in enumerate(WEEKDAYS):
                    if len(text) >= 3 and day.startswith(text):
                        return index
                raise _bad(key, value)
            number = int(text)
        if isinstance(number, int) and 0 <= number <= 6:
            return number
        raise _bad(key, value)
    if key.kind in ("fraction", "factor"):
        number = value
        if text is not None:
            try:
                number = float(text)
            except ValueError:
                raise _bad(key, value) from None
        # A fraction is more than 0 and at most 1; a factor is within its key's range.
        low, high = (0, 1) if key.kind == "fraction" else (key.low, key.high)
        ok = isinstance(number, int | float) and math.isfinite(number) and number <= high
        if ok and (number > low or (key.kind == "factor" and number == low)):
            return float(number)
        raise _bad(key, value)
    if key.kind == "period" and text is not None and not text.isdigit():
        try:
            days = parse_period(text)
        except InputError:
            raise _bad(key, value) from None
    elif text is not None:
        if not re.fullmatch(r"[+-]?\d{1,9}", text):
            raise _bad(key, value)
        days = int(text)
    elif isinstance(value, int):
        days = value
    else:
        raise _bad(key, value)
    if not key.low <= days <= key.high:
        raise _bad(key, value)
    return days


def show_value(key: Key, value: int | float | str) -> str:
    if isinstance(value, str):
        return " / ".join(value.splitlines()) if value else "(not set)"
    if key.kind == "weekday":
        return WEEKDAYS[int(value)]
    if key.kind in ("fraction", "factor"):
        return f"{value:g}"
    if key.kind == "period":
        return f"{value} days"
    return str(value)
