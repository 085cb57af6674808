"""TIMEX3 values <-> calendar intervals.

A time expression is only as useful as the interval it denotes: "last year" in a 2023
article is all of 2022, "this morning" is a part of one day. TIMEX3 values encode that
granularity in their shape (``2022``, ``2023-W25``, ``2023-06-24TMO``), so the tagger
writes the value and this module turns any value into ``(date_start, date_end,
granularity)``, inclusive. Every stage that needs an interval calls here, so there is
one definition of "the week of", "summer" or "the 2010s".
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta
from typing import NamedTuple


class Interval(NamedTuple):
    date_start: date
    date_end: date
    granularity: str
    time_start: datetime | None = None
    time_end: datetime | None = None


#: TIMEX3 part-of-day codes -> (start hour, end hour exclusive)
PART_OF_DAY = {"MO": (6, 12), "MI": (12, 13), "AF": (12, 18), "EV": (18, 22), "NI": (21, 24), "DT": (8, 18)}

#: Meteorological seasons (northern hemisphere), as TIMEX3 writes them.
SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}

_RE_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T(.*))?$")
_RE_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_RE_YEAR = re.compile(r"^(\d{4})$")
_RE_DECADE = re.compile(r"^(\d{3})$")
_RE_WEEK = re.compile(r"^(\d{4})-W(\d{2})(?:-WE)?$")
_RE_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_RE_HALF = re.compile(r"^(\d{4})-H([12])$")
_RE_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_RE_TIME = re.compile(r"^(\d{2})(?::(\d{2}))?(?::(\d{2}))?")


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def iso_week_bounds(year: int, week: int) -> tuple[date, date]:
    monday = date.fromisocalendar(year, week, 1)
    return monday, monday + timedelta(days=6)


def week_value(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def value_to_interval(value: str | None, dct: date | None = None) -> Interval | None:
    """The inclusive calendar interval a TIMEX3 value denotes, or None.

    ``PRESENT_REF`` needs ``dct`` (it is the publication day). Durations, sets and
    ``PAST_REF``/``FUTURE_REF`` have no interval of their own and give None.
    """
    if not value:
        return None
    v = value.strip()
    try:
        if v == "PRESENT_REF":
            return Interval(dct, dct, "day") if dct else None
        m = _RE_DAY.match(v)
        if m:
            d = date(int(m[1]), int(m[2]), int(m[3]))
            t = m[4]
            if not t:
                return Interval(d, d, "day")
            if t in PART_OF_DAY:
                h0, h1 = PART_OF_DAY[t]
                start = datetime(d.year, d.month, d.day, h0)
                end = datetime(d.year, d.month, d.day) + timedelta(hours=h1) - timedelta(seconds=1)
                return Interval(d, d, "part-of-day", start, end)
            tm = _RE_TIME.match(t)
            if tm:
                hh, mm = int(tm[1]), int(tm[2] or 0)
                if hh == 24:
                    hh = 0
                start = datetime(d.year, d.month, d.day, hh, mm)
                end = start + (timedelta(hours=1) if tm[2] is None else timedelta(minutes=1)) - timedelta(seconds=1)
                return Interval(d, d, "hour", start, end)
            return Interval(d, d, "day")
        m = _RE_MONTH.match(v)
        if m:
            y, mo = int(m[1]), int(m[2])
            return Interval(date(y, mo, 1), month_end(y, mo), "month")
        m = _RE_YEAR.match(v)
        if m:
            y = int(m[1])
            return Interval(date(y, 1, 1), date(y, 12, 31), "year")
        m = _RE_DECADE.match(v)
        if m:
            y = int(m[1]) * 10
            return Interval(date(y, 1, 1), date(y + 9, 12, 31), "decade")
        m = _RE_WEEK.match(v)
        if m:
            a, b = iso_week_bounds(int(m[1]), int(m[2]))
            if v.endswith("-WE"):
                a = a + timedelta(days=5)
            return Interval(a, b, "week")
        m = _RE_QUARTER.match(v)
        if m:
            y, q = int(m[1]), int(m[2])
            return Interval(date(y, 3 * q - 2, 1), month_end(y, 3 * q), "quarter")
        m = _RE_HALF.match(v)
        if m:
            y, h = int(m[1]), int(m[2])
            return Interval(date(y, 6 * h - 5, 1), month_end(y, 6 * h), "quarter")
        m = _RE_SEASON.match(v)
        if m:
            y, (a, b) = int(m[1]), SEASONS[m[2]]
            if m[2] == "WI":
                return Interval(date(y, 12, 1), month_end(y + 1, 2), "season")
            return Interval(date(y, a, 1), month_end(y, b), "season")
    except ValueError:  # impossible calendar values such as 2023-02-30 or week 54
        return None
    return None


def interval_to_value(start: date, end: date, granularity: str) -> str:
    """The TIMEX3 value for an interval built by the tagger (inverse of the above)."""
    if granularity in ("day", "hour", "part-of-day"):
        return start.isoformat()
    if granularity == "week":
        return week_value(start)
    if granularity == "month":
        return f"{start.year:04d}-{start.month:02d}"
    if granularity == "quarter":
        return f"{start.year:04d}-Q{(start.month - 1) // 3 + 1}"
    if granularity == "season":
        code = {3: "SP", 6: "SU", 9: "FA", 12: "WI"}.get(start.month, "SU")
        return f"{start.year:04d}-{code}"
    if granularity == "year":
        return f"{start.year:04d}"
    if granularity == "decade":
        return f"{start.year // 10:03d}"
    return start.isoformat()

