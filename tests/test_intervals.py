"""intervals: every TIMEX3 value shape -> its inclusive interval and granularity, and back."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from dateline.intervals import interval_to_value, value_to_interval


@pytest.mark.parametrize("value,start,end,gran", [
    ("2023-06-24", date(2023, 6, 24), date(2023, 6, 24), "day"),
    ("2023-06", date(2023, 6, 1), date(2023, 6, 30), "month"),
    ("2022", date(2022, 1, 1), date(2022, 12, 31), "year"),
    ("201", date(2010, 1, 1), date(2019, 12, 31), "decade"),
    ("2023-W25", date(2023, 6, 19), date(2023, 6, 25), "week"),
    ("2023-Q2", date(2023, 4, 1), date(2023, 6, 30), "quarter"),
    ("2023-SU", date(2023, 6, 1), date(2023, 8, 31), "season"),
    ("2023-WI", date(2023, 12, 1), date(2024, 2, 29), "season"),
])
def test_value_to_interval(value, start, end, gran):
    iv = value_to_interval(value)
    assert (iv.date_start, iv.date_end, iv.granularity) == (start, end, gran)
    assert value_to_interval(interval_to_value(start, end, gran)).date_start == start


def test_part_of_day_and_clock_time():
    iv = value_to_interval("2023-06-24TMO")
    assert iv.granularity == "part-of-day" and iv.time_start == datetime(2023, 6, 24, 6)
    iv = value_to_interval("2023-06-24T14:30")
    assert iv.granularity == "hour" and iv.time_start == datetime(2023, 6, 24, 14, 30)


def test_values_without_an_interval():
    assert value_to_interval("P3D") is None
    assert value_to_interval("PAST_REF") is None
    assert value_to_interval("2023-02-30") is None  # impossible date: None, not an exception
    assert value_to_interval("PRESENT_REF", date(2023, 6, 24)).date_start == date(2023, 6, 24)
