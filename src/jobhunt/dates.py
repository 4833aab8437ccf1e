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
                    A time after the date changes nothing (``03/04/2026 10:00``
                    is refused too), and so is any other shape whose day
                    and month could be swapped (``10/11``, ``Tue 10/11/2026``).
                    A two-digit year is refused.
==================  ==========================================================

The order of day and month can be given (`order`: ``dmy``, ``mdy`` or ``ymd``): then
ambiguous and two-digit-year dates are read in that order (imports take it from
``--dates``, or from a column's unambiguous values: `settle_order`).

Every failure raises `InputError` with the text quoted; no other exception escapes.
The parser never reads the clock: `today` is always passed in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
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
# An all-numeric date, optionally followed by a time (which is ignored): 03/04/2026,
# 03.04.2026 09:00, 5/9/23, 8:40 pm, 2026-11-10t09:00:00+00:00.
_TIME = (
    r"\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:[ap]\.?m\.?)?"
    r"\s*(?:z|utc|gmt|[+-]\d{2}(?::?\d{2})?)?"
)
_NUMERIC = re.compile(
    r"^(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{1,4})\.?(?:(?:\s*,\s*|\s+|t)" + _TIME + r")?$"
)
DAY_ORDERS = ("dmy", "mdy", "ymd")
ORDER_NAMES = {"dmy": "day-month-year", "mdy": "month-day-year", "ymd": "year-month-day"}

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


def parse_day(
    text: str,
    *,
    today: date,
    first_weekday: int = 0,
    order: str | None = None,
    two_digit_years: bool | None = None,
) -> date:
    """Parse a user's date. See the module docstring for the grammar; `order` (dmy,
    mdy or ymd) reads ambiguous numeric dates in that order, and two-digit years too
    unless `two_digit_years` is False (an order settled by other values, not given)."""
    raw = text
    text = text.strip().lower()
    if not text:
        raise _bad(raw, "empty")
    if len(text) > _MAX_LEN:
        raise _bad(raw[:20] + "...", "too long")
    try:
        short = order is not None if two_digit_years is None else two_digit_years
        result = _parse(text, raw, today, first_weekday, order, short)
    except InputError:
        raise
    except (ValueError, OverflowError, ArithmeticError) as exc:
        raise _bad(raw, "out of range") from exc
    if not MIN_YEAR <= result.year <= MAX_YEAR:
        raise _bad(raw, f"year must be between {MIN_YEAR} and {MAX_YEAR}")
    return result


def _parse(
    text: str, raw: str, today: date, first_weekday: int, order: str | None, short: bool
) -> date:
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
    numeric = _NUMERIC.match(text)
    if numeric:
        return _parse_numeric(numeric, raw, today, order, short)
    return _parse_absolute(text, raw, today, order, short)


def _century(yy: int, today: date) -> int:
    """A two-digit year in the century that puts it nearest today."""
    return min((c + yy for c in (1900, 2000, 2100)), key=lambda y: abs(y - today.year))


def _parse_numeric(
    numeric: re.Match[str], raw: str, today: date, order: str | None, short: bool
) -> date:
    first, second, third = numeric[1], numeric[2], numeric[3]
    a, b, c = int(first), int(second), int(third)
    if len(first) == 4:  # 2026/11/10: the year comes first, whatever the order
        if len(third) > 2:
            raise _bad(raw, "not a date I know")
        return _day_or_bad(a, b, c, raw, "not a date I know")
    if len(first) > 2 or len(third) not in (2, 4) or (len(third) == 2 and not short):
        raise _bad(raw, "write the year with four digits")
    if order is None:
        if a != b and a <= 12 and b <= 12:
            raise _bad(raw, "ambiguous day and month; write it as YYYY-MM-DD")
        order = "dmy" if a > 12 else "mdy"
        return _day_or_bad(c, b if order == "dmy" else a, a if order == "dmy" else b, raw)
    if order == "ymd":
        if len(third) == 4:
            raise _bad(raw, "not in year-month-day order")
        return _day_or_bad(
            _century(a, today), b, c, raw, f"no such date in {ORDER_NAMES[order]} order"
        )
    year = c if len(third) == 4 else _century(c, today)
    month, day = (b, a) if order == "dmy" else (a, b)
    return _day_or_bad(year, month, day, raw, f"no such date in {ORDER_NAMES[order]} order")


def _day_or_bad(year: int, month: int, day: int, raw: str, why: str = "not a date I know") -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise _bad(raw, why) from None


def day_order_of(text: str) -> str | None:
    """The order of day and month an all-numeric date shows: 'dmy' when its first part
    is over 12 (30/09/2026), 'mdy' when its second is (9/28/2026), else None."""
    numeric = _NUMERIC.match(text.strip().lower())
    if not numeric or len(numeric[1]) > 2:
        return None
    a, b = int(numeric[1]), int(numeric[2])
    if a > 12 >= b:
        return "dmy"
    if b > 12 >= a:
        return "mdy"
    return None


def lines_text(lines: list[int], most: int = 10) -> str:
    """Line numbers for a message: '3, 7, 9', or the first `most` and how many more."""
    shown = ", ".join(map(str, lines[:most]))
    return shown + (f" and {len(lines) - most} more" if len(lines) > most else "")


def settle_order(cells: Iterable[tuple[int, str]], *, what: str) -> str | None:
    """The order of day and month a column's values settle ('dmy', 'mdy' or None when
    none decides). Values that disagree are an InputError naming their lines."""
    lines: dict[str, list[int]] = {"dmy": [], "mdy": []}
    example: dict[str, str] = {}
    for line, value in cells:
        order = day_order_of(value)
        if order is not None:
            lines[order].append(line)
            example.setdefault(order, value.strip())
    if lines["dmy"] and lines["mdy"]:
        shown = ", ".join(
            f"{label} on lines {lines_text(lines[o])} ({example[o]!r})"
            for o, label in (("dmy", "day first"), ("mdy", "month first"))
        )
        raise InputError(
            f"{what}: the dates disagree on the order of day and month: {shown}",
            hint="say which with --dates dmy or --dates mdy",
        )
    return "dmy" if lines["dmy"] else "mdy" if lines["mdy"] else None


def _parse_absolute(text: str, raw: str, today: date, order: str | None, short: bool) -> date:
    if not re.search(r"\d", text):
        raise _bad(raw, "not a date I know")

    from dateutil import parser  # imported here: only absolute dates need it

    # Parse twice with different defaults: a part that changes was not given. And read
    # day first and month first unless the order is known: shapes the numeric rule does
    # not see (10/11 without a year, Tue 10/11/2026) can have their day and month
    # swapped too, and a date whose two readings differ is ambiguous.
    first = datetime(today.year, 1, 1)
    second = datetime(today.year - 4, 2, 2)  # as leap as this year
    ways = {"dmy": (True,), "mdy": (False,), "ymd": (False,)}.get(order or "", (False, True))
    readings: list[tuple[datetime, datetime]] = []
    for dayfirst in ways:
        try:
            readings.append(
                tuple(  # type: ignore[arg-type]
                    parser.parse(text, default=d, dayfirst=dayfirst) for d in (first, second)
                )
            )
        except (ValueError, OverflowError, TypeError):
            continue
    if not readings:
        raise _bad(raw, "not a date I know")
    if len(set(readings)) > 1:
        raise _bad(raw, "ambiguous day and month; write it as YYYY-MM-DD")
    a_dt, b_dt = readings[0]
    if a_dt.year != b_dt.year:  # no year given: this year
        a_dt = a_dt.replace(year=today.year)
    if a_dt.month != b_dt.month:
        raise _bad(raw, "it has no month")
    if a_dt.day != b_dt.day:
        raise _bad(raw, "it has no day of the month")
    if a_dt.year == b_dt.year and not re.search(r"\d{4}", text):
        # "5 Sep 23": a year given with two digits
        if not short:
            raise _bad(raw, "write the year with four digits")
        return a_dt.date().replace(year=_century(a_dt.year % 100, today))
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
