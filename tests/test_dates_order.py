"""The order of day and month (issue 16, point 1): the ambiguity rule holds for the date
part of any date-time; two-digit years only when the order is given; a CSV column is
settled by its own unambiguous values, and `import csv --dates` decides explicitly.

Today is Friday 2026-11-27 (conftest).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from jobhunt.dates import day_order_of, parse_day, settle_order
from jobhunt.errors import InputError
from tests.conftest import TODAY


def day(text: str, order: str | None = None) -> date:
    return parse_day(text, today=TODAY, order=order)


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("03/04/2026 10:00", "ambiguous day and month; write it as YYYY-MM-DD"),
        ("03.04.2026 09:00", "ambiguous day and month; write it as YYYY-MM-DD"),
        ("5/9/23, 8:40 PM", "write the year with four digits"),
        ("12/16/22, 3:07 PM", "write the year with four digits"),
        ("12/16/22", "write the year with four digits"),
        ("1/2/2026T10:00:00", "ambiguous day and month; write it as YYYY-MM-DD"),
        ("5 Sep 23", "write the year with four digits"),
    ],
)
def test_a_time_does_not_make_an_ambiguous_date_readable(text: str, why: str) -> None:
    with pytest.raises(InputError) as caught:
        day(text)
    assert caught.value.message == f"invalid date {text!r}: {why}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("30/09/2026 09:00", "2026-09-30"),
        ("9/28/2026 10:00 AM", "2026-09-28"),
        ("9/28/2026, 10:00 PM", "2026-09-28"),
        ("2026-11-10T09:00:00", "2026-11-10"),
        ("2026-11-10 09:00:00+00:00", "2026-11-10"),
        ("2026-11-10T23:30:00Z", "2026-11-10"),
        ("2026/11/10 9:00", "2026-11-10"),
        ("27 Nov 2026 10:00", "2026-11-27"),
        ("Nov 5, 2026, 8:40 PM", "2026-11-05"),
        ("04.04.2026 09:00", "2026-04-04"),
    ],
)
def test_date_times_that_cannot_be_misread(text: str, expected: str) -> None:
    assert day(text) == date.fromisoformat(expected)


@pytest.mark.parametrize(
    "text",
    [
        "10/11",
        "10/11 10:00",
        "Tue 10/11/2026",
        "10 11 2026",
        "10/11/2026 10h00",
        "10:00 03/04/2026",  # the time first
        "9:40 PM 5/9/2026",
    ],
)
def test_other_shapes_of_an_ambiguous_date_are_refused_too(text: str) -> None:
    # These are not the plain numeric shape, but their day and month can be swapped
    # all the same: they were read month first without a word.
    with pytest.raises(InputError) as caught:
        day(text)
    assert caught.value.message == (
        f"invalid date {text!r}: ambiguous day and month; write it as YYYY-MM-DD"
    )


@pytest.mark.parametrize(
    ("text", "order", "expected"),
    [
        ("10/11", "dmy", "2026-11-10"),
        ("10/11", "mdy", "2026-10-11"),
        ("Tue 10/11/2026", "dmy", "2026-11-10"),
        ("Sat 10/11/2026", "mdy", "2026-10-11"),
        ("10 11 2026", "dmy", "2026-11-10"),
        ("Wed 30/09/2026", None, "2026-09-30"),
        ("30/9", None, "2026-09-30"),
        ("Nov 10", None, "2026-11-10"),
        ("10 Nov", "mdy", "2026-11-10"),
    ],
)
def test_other_shapes_follow_the_order(text: str, order: str | None, expected: str) -> None:
    assert day(text, order) == date.fromisoformat(expected)


@pytest.mark.parametrize(
    ("text", "order", "expected"),
    [
        ("03/04/2026 10:00", "dmy", "2026-04-03"),
        ("03/04/2026 10:00", "mdy", "2026-03-04"),
        ("03.04.2026 09:00", "dmy", "2026-04-03"),
        ("5/9/23, 8:40 PM", "mdy", "2023-05-09"),
        ("5/9/23, 8:40 PM", "dmy", "2023-09-05"),
        ("12/16/22, 3:07 PM", "mdy", "2022-12-16"),
        ("23/05/09", "ymd", "2023-05-09"),
        ("2026-04-03", "dmy", "2026-04-03"),  # ISO is ISO whatever the order
        ("27 Nov 2026", "mdy", "2026-11-27"),
        ("5 Sep 23", "dmy", "2023-09-05"),
    ],
)
def test_an_order_given_decides(text: str, order: str, expected: str) -> None:
    assert day(text, order) == date.fromisoformat(expected)


@pytest.mark.parametrize(
    ("text", "order", "why"),
    [
        ("9/28/2026", "dmy", "no such date in day-month-year order"),
        ("28/09/2026", "mdy", "no such date in month-day-year order"),
        ("03/04/2026", "ymd", "not in year-month-day order"),
    ],
)
def test_a_value_against_the_order_given_is_refused(text: str, order: str, why: str) -> None:
    with pytest.raises(InputError) as caught:
        day(text, order)
    assert caught.value.message == f"invalid date {text!r}: {why}"


@pytest.mark.parametrize(
    ("text", "order"),
    [
        ("30/09/2026", "dmy"),
        ("9/28/2026 10:00", "mdy"),
        ("12/16/22, 3:07 PM", "mdy"),
        ("03/04/2026", None),
        ("04/04/2026", None),
        ("2026-11-10", None),
        ("27 Nov 2026", None),
        ("today", None),
    ],
)
def test_which_values_settle_the_order(text: str, order: str | None) -> None:
    assert day_order_of(text) == order


def test_a_column_is_settled_by_its_unambiguous_values() -> None:
    cells = [(2, "9/28/2026"), (3, "10/3/2026"), (4, ""), (5, "2026-10-04")]
    assert settle_order(cells, what="Date Applied") == "mdy"
    assert settle_order([(2, "03/04/2026")], what="Date Applied") is None


def test_a_column_that_disagrees_is_an_error_naming_its_lines() -> None:
    cells = [(2, "9/28/2026"), (3, "30/09/2026"), (4, "10/13/2026"), (7, "31.10.2026")]
    with pytest.raises(InputError) as caught:
        settle_order(cells, what="Date Applied")
    assert caught.value.message == (
        "Date Applied: the dates disagree on the order of day and month: "
        "day first on lines 3, 7 ('30/09/2026'), month first on lines 2, 4 ('9/28/2026')"
    )
    assert caught.value.hint == "say which with --dates dmy or --dates mdy"


# --------------------------------------------------------------------------- the commands


def write(tmp_path: Path, text: str) -> str:
    path = tmp_path / "apps.csv"
    path.write_text(text, encoding="utf-8")
    return str(path)


def applied(jh) -> list[tuple[str, str]]:
    return [(a["company"], a["applied_on"]) for a in jh.json("list", "--all")["applications"]]


def test_add_refuses_an_ambiguous_date_time(jh) -> None:
    result = jh("add", "Acme", "Dev", "--applied", "03/04/2026 10:00", ok=False)
    assert result.exit_code == 2
    assert "ambiguous day and month" in result.stderr
    result = jh("add", "Acme", "Dev", "--applied", "12/16/22, 3:07 PM", ok=False)
    assert "write the year with four digits" in result.stderr
    jh("add", "Acme", "Dev", "--applied", "30/09/2026 09:00")
    assert applied(jh) == [("Acme", "2026-09-30")]


def test_a_us_column_keeps_its_rows_whose_day_is_12_or_less(jh, tmp_path) -> None:
    text = (
        "Company,Title,Date Applied\n"
        "A,Dev,9/28/2026\n"
        "B,Dev,10/3/2026 10:00 AM\n"
        "C,Dev,11/2/2026\n"
        "D,Dev,2026-11-05\n"
    )
    data = jh.json("import", "csv", write(tmp_path, text))["import"]
    assert (data["added"], data["rejected"]) == (4, [])
    assert applied(jh) == [
        ("A", "2026-09-28"),
        ("B", "2026-10-03"),
        ("C", "2026-11-02"),
        ("D", "2026-11-05"),
    ]


def test_a_column_mixing_orders_is_refused_whole(jh, tmp_path, db_path) -> None:
    text = "Company,Title,Date Applied\nA,Dev,9/28/2026\nB,Dev,30/09/2026\nC,Dev,10/1/2026\n"
    result = jh("import", "csv", write(tmp_path, text), ok=False)
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: Date Applied: the dates disagree on the order of day and month: "
        "day first on lines 3 ('30/09/2026'), month first on lines 2 ('9/28/2026') "
        "(hint: say which with --dates dmy or --dates mdy)\n"
    )
    assert jh.json("list", "--all")["applications"] == []


def test_dates_option_decides_and_allows_two_digit_years(jh, tmp_path) -> None:
    text = (
        "Company,Title,Date Applied\n"
        'A,Dev,"5/9/23, 8:40 PM"\n'
        "B,Dev,03.04.2026 09:00\n"
        "C,Dev,9/28/2026\n"
    )
    path = write(tmp_path, text)
    data = jh.json("import", "csv", path, "--dry-run")["import"]
    assert [r["line"] for r in data["rejected"]] == [2]  # 03.04 is read as 9/28 settles
    data = jh.json("import", "csv", path, "--dates", "dmy")["import"]
    assert data["rejected"] == [
        {
            "line": 4,
            "reason": "date applied: invalid date '9/28/2026': "
            "no such date in day-month-year order",
        }
    ]
    assert applied(jh) == [("A", "2023-09-05"), ("B", "2026-04-03")]


def test_an_unsettled_column_explains_the_option(jh, tmp_path) -> None:
    text = "Company,Title,Date Applied\nA,Dev,03/04/2026\n"
    data = jh.json("import", "csv", write(tmp_path, text))["import"]
    assert data["rejected"] == [
        {
            "line": 2,
            "reason": "date applied: invalid date '03/04/2026': ambiguous day and month; "
            "write it as YYYY-MM-DD, or import with --dates dmy or --dates mdy",
        }
    ]


def test_dates_option_is_checked(jh, tmp_path) -> None:
    result = jh("import", "csv", write(tmp_path, "Company,Title\nA,B\n"), "--dates", "x", ok=False)
    assert result.exit_code == 2
    assert "dmy, mdy, ymd" in result.stderr


def test_add_refuses_a_day_and_month_without_a_year_that_could_be_swapped(jh) -> None:
    result = jh("add", "Acme", "Dev", "--applied", "10/11", ok=False)
    assert result.exit_code == 2
    assert "ambiguous day and month" in result.stderr
    assert applied(jh) == []


def test_dates_option_decides_for_dates_with_a_weekday(jh, tmp_path) -> None:
    path = write(tmp_path, "Company,Title,Date Applied\nAcme,Dev,Tue 10/11/2026\n")
    jh("import", "csv", path, "--dates", "dmy")
    assert applied(jh) == [("Acme", "2026-11-10")]


LINKEDIN_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def test_a_linkedin_export_resaved_month_first_keeps_every_connection(jh, tmp_path) -> None:
    # Excel (US) re-saves LinkedIn's '15 Jan 2024' as 1/15/2024: the column's values
    # over 12 settle the order, as for any CSV column, instead of losing every
    # connection made on a day of 12 or less.
    text = LINKEDIN_HEADER + (
        "Ann,Lee,https://www.linkedin.com/in/ann,,Acme,Recruiter,1/15/2024\n"
        "Bo,Ray,https://www.linkedin.com/in/bo,,Beta,Dev,3/4/2024\n"
    )
    data = jh.json("import", "linkedin", write(tmp_path, text))["import"]
    assert (data["added"], data["rejected"]) == (2, [])
    added = {c["name"]: c["added_on"] for c in jh.json("contact", "list")["contacts"]}
    assert added == {"Ann Lee": "2024-01-15", "Bo Ray": "2024-03-04"}


def test_a_linkedin_column_mixing_orders_is_refused_whole(jh, tmp_path, db_path) -> None:
    text = LINKEDIN_HEADER + (
        "Ann,Lee,https://www.linkedin.com/in/ann,,Acme,Recruiter,1/15/2024\n"
        "Bo,Ray,https://www.linkedin.com/in/bo,,Beta,Dev,15/01/2024\n"
    )
    result = jh("import", "linkedin", write(tmp_path, text), ok=False)
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "Error: Connected On: the dates disagree on the order of day and month: "
        "day first on lines 3 ('15/01/2024'), month first on lines 2 ('1/15/2024')"
    )
    assert jh.json("contact", "list")["contacts"] == []


def test_a_linkedin_column_that_settles_nothing_takes_the_dates_option(jh, tmp_path) -> None:
    text = LINKEDIN_HEADER + "Ann,Lee,https://www.linkedin.com/in/ann,,Acme,Recruiter,03/04/2024\n"
    path = write(tmp_path, text)
    data = jh.json("import", "linkedin", path)["import"]
    assert data["rejected"] == [
        {
            "line": 2,
            "reason": "connected on: invalid date '03/04/2024': ambiguous day and month; "
            "write it as YYYY-MM-DD, or import with --dates dmy or --dates mdy",
        }
    ]
    jh("import", "linkedin", path, "--dates", "dmy")
    assert [c["added_on"] for c in jh.json("contact", "list")["contacts"]] == ["2024-04-03"]
