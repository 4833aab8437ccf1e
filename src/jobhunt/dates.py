"""The one place where dates typed by users are parsed.

`parse_day(text, today=...)` understands, in this order:

==================  ==========================================================
form                meaning
==================  ==========================================================
``today``           today (``tod``); ``tomorrow`` (``tom``); ``yesterday``
``mon`` .. ``sun``  the next such day after today, never today itself
                    (full names work too: ``friday``)
``+3d`` ``-2w``     today plus or minus days (d), weeks (w), months (m) or
``1m`` ``+1y``      years (y); no sign means plus. Months and years keep the
                    day of month where they can (Jan 31 + 1m = Feb 28/29)
``eow`` ``sow``     the last / first day of this week (weeks start Monday
                    unless configured)
``eom`` ``som``     the last / first day of this month
``2026-11-27``      an ISO date
``27 Nov 2026``     any absolute date python-dateutil reads; a missing year
``Nov 27``          means this year. All-numeric dates must not be ambiguous:
                    ``03/04/2026`` is refused (write ``2026-04-03``), while
                    ``27/11/2026`` or ``11/27/2026`` are read as you meant.
==================  ==========================================================

Every failure raises `InputError` with the text quoted; no other exception escapes.
The parser never reads the clock: `today` is always passed in.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from jobhunt.errors import InputError

MIN_YEAR = 1900
MAX_YEAR = 2199
MAX_PERIOD_DAYS = 3650  # ten years: a cadence, a setting (validate.period checks it)
_MAX_LEN = 64

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_RELATIVE = re.compile(
    r"^(?P<sign>[+-]?)\s*(?P<n>\d{1,5})\s*"
    r"(?P<unit>d|days?|w|wks?|weeks?|m|mo|mons?|months?|y|yrs?|years?)$"
)
_NUMERIC = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2,4})$")

DATE_HELP = (
    "Dates: today, tomorrow, yesterday, mon..sun (the next such day), "
    "+3d / -2w / 1m / +1y, eow, sow, eom, som, 2026-11-27, '27 Nov 2026'."
)


def _bad(text: str, why: str) -> InputError:
    return InputError(f"invalid date {text!r}: {why}", hint=DATE_HELP)


def week_start(day: date, first_weekday: int = 0) -> date:
    """The first day of the week containing `day` (0 = Monday ... 6 = Sunday)."""
    return day - timedelta(days=(day.weekday() - first_weekday) % 7)


def add_months(day: date, months: int) -> date:
    """`day` moved by whole months, clamping the day of month (Jan 31 + 1 = Feb 28/29)."""
    index = day.year * 12 + (day.month - 1) + months
    year, month0 = divmod(index, 12)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise OverflowError("year out of range")
    month = month0 + 1
    last = _last_day_of_month(year, month)
    return date(year, month, min(day.day, last))


def _last_day_of_month(year: int, month: int) -> int:
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return (nxt - timedelta(days=1)).day


def parse_day(text: str, *, today: date, first_weekday: int = 0) -> date:
    """Parse a user's date. See the module docstring for the grammar."""
    raw = text
    text = text.strip().lower()
    if not text:
        raise _bad(raw, "empty")
    if len(text) > _MAX_LEN:
        raise _bad(raw[:20] + "...", "too long")
    try:
        result = _parse(text, raw, today, first_weekday)
    except InputError:
        raise
    except (ValueError, OverflowError, ArithmeticError) as exc:
        raise _bad(raw, "out of range") from exc
    if not MIN_YEAR <= result.year <= MAX_YEAR:
        raise _bad(raw, f"year must be between {MIN_YEAR} and {MAX_YEAR}")
    return result


def _parse(text: str, raw: str, today: date, first_weekday: int) -> date:
    words = {
        "today": today,
        "tod": today,
        "now": today,
        "tomorrow": today + timedelta(days=1),
        "tom": today + timedelta(days=1),
        "yesterday": today - timedelta(days=1),
    }
    if text in words:
        return words[text]
    if text in ("eow", "sow"):
        start = week_start(today, first_weekday)
        return start if text == "sow" else start + timedelta(days=6)
    if text == "som":
        return today.replace(day=1)
    if text == "eom":
        return today.replace(day=_last_day_of_month(today.year, today.month))
    for index, name in enumerate(WEEKDAYS):
        if len(text) >= 3 and name.startswith(text):
            ahead = (index - today.weekday()) % 7 or 7
            return today + timedelta(days=ahead)
    match = _RELATIVE.match(text)
    if match:
        n = int(match["n"]) * (-1 if match["sign"] == "-" else 1)
        unit = match["unit"][0]
        if unit == "d":
            return today + timedelta(days=n)
        if unit == "w":
            return today + timedelta(weeks=n)
        if unit == "m":
            return add_months(today, n)
        return add_months(today, 12 * n)
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    return _parse_absolute(text, raw, today)


def _parse_absolute(text: str, raw: str, today: date) -> date:
    numeric = _NUMERIC.match(text)
    if numeric:
        a, b = int(numeric[1]), int(numeric[2])
        if a != b and a <= 12 and b <= 12:
            raise _bad(raw, "ambiguous day and month; write it as YYYY-MM-DD")
        if len(numeric[3]) != 4:
            raise _bad(raw, "write the year with four digits")
    if not re.search(r"\d", text):
        raise _bad(raw, "not a date I know")

    from dateutil import parser  # imported here: only absolute dates need it

    # Parse twice with different defaults: a part that changes was not given.
    first = datetime(today.year, 1, 1)
    second = datetime(today.year, 2, 2)
    try:
        a_dt = parser.parse(text, default=first, dayfirst=False, yearfirst=False)
        b_dt = parser.parse(text, default=second, dayfirst=False, yearfirst=False)
    except (ValueError, OverflowError, TypeError) as exc:
        raise _bad(raw, "not a date I know") from exc
    if a_dt.month != b_dt.month:
        raise _bad(raw, "it has no month")
    if a_dt.day != b_dt.day:
        raise _bad(raw, "it has no day of the month")
    return a_dt.date()


_PERIOD = re.compile(
    r"^(?P<n>\d{1,4})\s*(?P<unit>d|days?|w|wks?|weeks?|m|mo|months?|y|yrs?|years?)$"
)
_UNIT_DAYS = {"d": 1, "w": 7, "m": 30, "y": 365}


def parse_period(text: str) -> int:
    """A cadence such as ``2w``, ``30d``, ``3m`` (30 days) or ``1y`` (365 days), in days."""
    match = _PERIOD.match(text.strip().lower())
    if not match or int(match["n"]) == 0:
        raise InputError(
            f"invalid period {text!r}: use a number and a unit, e.g. 10d, 2w, 3m, 1y",
        )
    return int(match["n"]) * _UNIT_DAYS[match["unit"][0]]


def format_period(days: int) -> str:
    """The shortest exact spelling of a period in days: 14 -> '2w', 30 -> '30d'."""
    if days % 7 == 0:
        return f"{days // 7}w"
    return f"{days}d"
