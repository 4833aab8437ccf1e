"""The date grammar (see the table in jobhunt/dates.py), relative to Friday 2026-11-27."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from jobhunt.dates import DATE_HELP, WEEKDAYS, parse_day, parse_period
from jobhunt.errors import InputError

FRI = date(2026, 11, 27)


def d(text: str) -> date:
    return date.fromisoformat(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # words
        ("today", "2026-11-27"),
        ("tod", "2026-11-27"),
        ("now", "2026-11-27"),
        ("  TODAY ", "2026-11-27"),
        ("tomorrow", "2026-11-28"),
        ("tom", "2026-11-28"),
        ("yesterday", "2026-11-26"),
        # weekday names: the next such day, never today
        ("mon", "2026-11-30"),
        ("monday", "2026-11-30"),
        ("tue", "2026-12-01"),
        ("tues", "2026-12-01"),
        ("wed", "2026-12-02"),
        ("thu", "2026-12-03"),
        ("thursday", "2026-12-03"),
        ("fri", "2026-12-04"),
        ("Friday", "2026-12-04"),
        ("sat", "2026-11-28"),
        ("sun", "2026-11-29"),
        # relative offsets
        ("+3d", "2026-11-30"),
        ("3d", "2026-11-30"),
        ("-3d", "2026-11-24"),
        ("+0d", "2026-11-27"),
        ("10 days", "2026-12-07"),
        ("1 day", "2026-11-28"),
        ("-2w", "2026-11-13"),
        ("+1w", "2026-12-04"),
        ("+ 2 weeks", "2026-12-11"),
        ("1m", "2026-12-27"),
        ("-1m", "2026-10-27"),
        ("+2mo", "2027-01-27"),
        ("3 months", "2027-02-27"),
        ("+1y", "2027-11-27"),
        ("-2 years", "2024-11-27"),
        ("+1W", "2026-12-04"),
        # week and month boundaries (weeks start Monday)
        ("sow", "2026-11-23"),
        ("eow", "2026-11-29"),
        ("som", "2026-11-01"),
        ("eom", "2026-11-30"),
        # ISO
        ("2026-11-27", "2026-11-27"),
        ("2025-02-28", "2025-02-28"),
        ("2024-02-29", "2024-02-29"),
        # absolute dates python-dateutil reads; a missing year means this year
        ("27 Nov 2026", "2026-11-27"),
        ("27 november 2026", "2026-11-27"),
        ("Nov 27", "2026-11-27"),
        ("27 Nov", "2026-11-27"),
        ("Jan 5", "2026-01-05"),
        ("December 31, 2026", "2026-12-31"),
        # all-numeric dates that cannot be misread
        ("27/11/2026", "2026-11-27"),
        ("11/27/2026", "2026-11-27"),
        ("03/03/2026", "2026-03-03"),
        ("27.11.2026", "2026-11-27"),
    ],
    ids=lambda v: repr(v) if isinstance(v, str) else None,
)
def test_grammar(text: str, expected: str) -> None:
    assert parse_day(text, today=FRI) == d(expected)


@pytest.mark.parametrize(
    ("text", "today", "expected"),
    [
        ("1m", "2026-01-31", "2026-02-28"),
        ("1m", "2028-01-31", "2028-02-29"),
        ("-1m", "2026-03-31", "2026-02-28"),
        ("+1m", "2026-12-15", "2027-01-15"),
        ("+1y", "2028-02-29", "2029-02-28"),
        ("-12m", "2026-11-27", "2025-11-27"),
        ("eom", "2026-02-10", "2026-02-28"),
        ("eom", "2028-02-10", "2028-02-29"),
        ("eom", "2026-12-31", "2026-12-31"),
        ("som", "2026-12-31", "2026-12-01"),
        ("eow", "2026-11-29", "2026-11-29"),
        ("sow", "2026-11-29", "2026-11-23"),
        ("sow", "2026-11-30", "2026-11-30"),
        ("eow", "2026-12-31", "2027-01-03"),
        ("mon", "2026-11-30", "2026-12-07"),
        ("sun", "2026-11-28", "2026-11-29"),
        ("tomorrow", "2026-12-31", "2027-01-01"),
        ("Nov 27", "2027-03-01", "2027-11-27"),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_grammar_on_other_days(text: str, today: str, expected: str) -> None:
    assert parse_day(text, today=d(today)) == d(expected)


@pytest.mark.parametrize(
    ("text", "first_weekday", "expected"),
    [
        ("sow", 0, "2026-11-23"),
        ("eow", 0, "2026-11-29"),
        ("sow", 6, "2026-11-22"),
        ("eow", 6, "2026-11-28"),
        ("sow", 4, "2026-11-27"),
        ("eow", 4, "2026-12-03"),
        ("sow", 5, "2026-11-21"),
    ],
    ids=["mon-sow", "mon-eow", "sun-sow", "sun-eow", "fri-sow", "fri-eow", "sat-sow"],
)
def test_week_bounds_follow_first_weekday(text: str, first_weekday: int, expected: str) -> None:
    assert parse_day(text, today=FRI, first_weekday=first_weekday) == d(expected)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "03/04/2026",
            "invalid date '03/04/2026': ambiguous day and month; write it as YYYY-MM-DD",
        ),
        ("1/2/2026", "invalid date '1/2/2026': ambiguous day and month; write it as YYYY-MM-DD"),
        ("27/11/26", "invalid date '27/11/26': write the year with four digits"),
        ("March 2026", "invalid date 'March 2026': it has no day of the month"),
        ("Feb 2026", "invalid date 'Feb 2026': it has no day of the month"),
        ("27", "invalid date '27': it has no month"),
        ("", "invalid date '': empty"),
        ("   ", "invalid date '   ': empty"),
        ("x" * 65, "invalid date 'xxxxxxxxxxxxxxxxxxxx...': too long"),
        ("someday", "invalid date 'someday': not a date I know"),
        ("mo", "invalid date 'mo': not a date I know"),
        ("fr", "invalid date 'fr': not a date I know"),
        ("next friday", "invalid date 'next friday': not a date I know"),
        ("2026-02-30", "invalid date '2026-02-30': not a date I know"),
        ("13/13/2026", "invalid date '13/13/2026': not a date I know"),
        ("1800-01-01", "invalid date '1800-01-01': year must be between 1900 and 2199"),
        ("2200-01-01", "invalid date '2200-01-01': year must be between 1900 and 2199"),
        ("+99999d", "invalid date '+99999d': year must be between 1900 and 2199"),
        ("+99999w", "invalid date '+99999w': year must be between 1900 and 2199"),
        ("+99999y", "invalid date '+99999y': out of range"),
        ("-9999m", "invalid date '-9999m': out of range"),
        ("+123456d", "invalid date '+123456d': not a date I know"),
        ("99999999999999999999 nov", "invalid date '99999999999999999999 nov': not a date I know"),
    ],
    ids=lambda v: repr(v)[:30] if isinstance(v, str) else None,
)
def test_refused(text: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_day(text, today=FRI)
    assert str(caught.value) == message
    assert caught.value.message == message
    assert caught.value.hint == DATE_HELP
    assert caught.value.exit_code == 2


def test_max_length_is_64() -> None:
    assert parse_day(" " * 100 + "today", today=FRI) == FRI  # spaces do not count
    with pytest.raises(InputError, match="too long"):
        parse_day("2026-11-27" + " " * 54 + "x", today=FRI)


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("1d", 1),
        ("30d", 30),
        ("10 days", 10),
        ("2w", 14),
        (" 2W ", 14),
        ("1 week", 7),
        ("3wks", 21),
        ("3m", 90),
        ("2mo", 60),
        ("1 month", 30),
        ("1y", 365),
        ("2 years", 730),
    ],
    ids=lambda v: repr(v) if isinstance(v, str) else None,
)
def test_parse_period(text: str, days: int) -> None:
    assert parse_period(text) == days


@pytest.mark.parametrize(
    "text",
    ["", "0d", "0w", "2", "w", "-2w", "+2w", "2x", "1.5w", "two weeks", "12345d"],
    ids=repr,
)
def test_parse_period_refused(text: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_period(text)
    assert str(caught.value) == (
        f"invalid period {text!r}: use a number and a unit, e.g. 10d, 2w, 3m, 1y"
    )


# --------------------------------------------------------------------------- properties

PROPS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _date_or_input_error(text: str, today: date = FRI) -> None:
    """parse_day gives a date in range or an InputError: never any other exception."""
    outcome: date | InputError
    try:
        outcome = parse_day(text, today=today)
    except InputError as exc:
        outcome = exc
    if isinstance(outcome, InputError):
        assert outcome.message.startswith("invalid date ")
        assert outcome.exit_code == 2
    else:
        assert type(outcome) is date
        assert 1900 <= outcome.year <= 2199


@PROPS
@given(st.text(max_size=80))
@example("")
@example("\x00")
@example("\udcff")
@example("9" * 64)
@example("1" * 40 + " nov")
@example("nov 27 2026 XYZ")
@example("2026-W48-5")
@example("٣d")
@example("İ" * 40)
def test_any_text_is_a_date_or_an_input_error(text: str) -> None:
    _date_or_input_error(text)


@PROPS
@given(
    st.from_regex(
        r"\A\s?[+-]?\s?\d{1,12}\s?(d|w|m|y|days|wks|weeks|mo|mons|months|yrs|years|x)?\s?\Z"
    )
)
@example("+99999y")
@example("-99999w")
@example("99999 months")
def test_near_relative_inputs(text: str) -> None:
    _date_or_input_error(text)


@PROPS
@given(st.from_regex(r"\A\d{1,8}[/.\-]\d{1,8}[/.\-]\d{1,8}\Z"))
@example("00/00/0000")
@example("31/02/2026")
@example("12/31/99999999")
def test_near_numeric_inputs(text: str) -> None:
    _date_or_input_error(text)


@PROPS
@given(
    st.from_regex(
        r"\A(\d{1,25} )?(jan|feb|march|nov|december|mon|fri)?( \d{1,25})?( \d{1,25})?"
        r"( (am|pm|utc|\+\d{1,6}))?\Z"
    ),
    st.dates(min_value=date(1901, 1, 1), max_value=date(2198, 12, 31)),
)
@example("29 feb", date(2026, 1, 1))
@example("feb 29", date(2028, 1, 1))
@example("31 nov 2026", FRI)
@example("10000000000000000000000000", FRI)
def test_near_absolute_inputs(text: str, today: date) -> None:
    _date_or_input_error(text, today)


@PROPS
@given(st.integers(min_value=-(10**30), max_value=10**30), st.sampled_from("dwmy"))
@example(10**30, "d")
@example(-(10**6), "y")
def test_huge_offsets(n: int, unit: str) -> None:
    _date_or_input_error(f"{n:+d}{unit}")


@PROPS
@given(st.integers(min_value=0, max_value=40_000))
@example(0)
@example(7)
@example(40_000)
def test_day_offsets_round_trip(n: int) -> None:
    assert parse_day(f"+{n}d", today=FRI) == FRI + timedelta(days=n)
    assert parse_day(f"{n}d", today=FRI) == FRI + timedelta(days=n)
    assert parse_day(f"-{n}d", today=FRI) == FRI - timedelta(days=n)
    assert parse_day(f"+{n} days", today=FRI) == FRI + timedelta(days=n)


@PROPS
@given(st.integers(min_value=0, max_value=5_000))
def test_week_offsets_round_trip(n: int) -> None:
    assert parse_day(f"+{n}w", today=FRI) == FRI + timedelta(weeks=n)
    assert parse_day(f"-{n}w", today=FRI) == FRI - timedelta(weeks=n)


@PROPS
@given(
    st.dates(min_value=date(1901, 1, 1), max_value=date(2198, 12, 31)),
    st.integers(min_value=0, max_value=6),
)
def test_weekday_names_mean_the_next_such_day(today: date, index: int) -> None:
    name = WEEKDAYS[index]
    for spelling in (name[:3], name):
        got = parse_day(spelling, today=today)
        assert got.weekday() == index
        assert 1 <= (got - today).days <= 7


@PROPS
@given(
    st.dates(min_value=date(1901, 1, 1), max_value=date(2198, 12, 1)),
    st.integers(min_value=0, max_value=6),
)
def test_week_and_month_bounds_contain_today(today: date, first_weekday: int) -> None:
    sow = parse_day("sow", today=today, first_weekday=first_weekday)
    eow = parse_day("eow", today=today, first_weekday=first_weekday)
    assert sow <= today <= eow
    assert (eow - sow).days == 6
    assert sow.weekday() == first_weekday
    som, eom = parse_day("som", today=today), parse_day("eom", today=today)
    assert som.day == 1
    assert (som.year, som.month) == (eom.year, eom.month) == (today.year, today.month)
    assert (eom + timedelta(days=1)).day == 1


@PROPS
@given(st.dates(min_value=date(1901, 1, 1), max_value=date(2198, 12, 31)))
def test_iso_dates_round_trip(day: date) -> None:
    assert parse_day(day.isoformat(), today=FRI) == day
