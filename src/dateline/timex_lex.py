"""Lexicon and regex fragments for the temporal tagger (``dateline.timex``).

The tagger finds time expressions with hand-written patterns instead of running
dateparser's ``search_dates`` over whole texts (which tags "we", "may", "$27" and
durations as dates). This module holds the general English vocabulary those patterns
are built from - month and weekday names, number words, duration units, part-of-day
words - plus the small parsers that turn them into numbers. It knows nothing about any
story; it is general knowledge of how English news writes time.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}

#: Month names that are also ordinary English words; they need context to be months.
AMBIGUOUS_MONTHS = {"may", "march", "mar", "jan", "dec", "sep", "jun", "jul"}

WEEKDAYS: dict[str, int] = {
    "monday": 1, "mon": 1, "tuesday": 2, "tue": 2, "tues": 2, "wednesday": 3, "wed": 3,
    "thursday": 4, "thu": 4, "thur": 4, "thurs": 4, "friday": 5, "fri": 5,
    "saturday": 6, "sat": 6, "sunday": 7, "sun": 7,
}

SEASONS: dict[str, str] = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}

PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI",
    "overnight": "NI", "midday": "MI", "daytime": "DT",
}

ORDINALS: dict[str, int] = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
    "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "twenty-first": 21, "21st": 21, "twenty-second": 22, "twenty-third": 23, "twenty-fourth": 24,
    "twenty-fifth": 25, "twenty-sixth": 26, "twenty-seventh": 27, "twenty-eighth": 28, "twenty-ninth": 29,
    "thirtieth": 30, "thirty-first": 31,
}

_UNITS_WORDS: dict[str, int] = {
    "zero": 0, "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12,
}
_SCALES = {"hundred": 100, "thousand": 1000}
VAGUE_QUANTITIES = {"few", "several", "many", "some", "couple", "multiple", "numerous"}

#: unit word -> (TIMEX3 letter, is-time-unit, multiplier)
UNITS: dict[str, tuple[str, bool, int]] = {
    "second": ("S", True, 1), "sec": ("S", True, 1), "minute": ("M", True, 1), "min": ("M", True, 1),
    "hour": ("H", True, 1), "hr": ("H", True, 1), "day": ("D", False, 1), "night": ("D", False, 1),
    "week": ("W", False, 1), "fortnight": ("W", False, 2), "weekend": ("WE", False, 1),
    "month": ("M", False, 1), "quarter": ("Q", False, 1), "year": ("Y", False, 1), "yr": ("Y", False, 1),
    "decade": ("Y", False, 10), "century": ("Y", False, 100), "millennium": ("Y", False, 1000),
}

_NUM_WORD_ALT = (
    r"zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
    r"eighty|ninety|hundred|thousand|dozen"
)
#: a cardinal number: digits, number words ("twenty four", "a hundred"), or a vague amount.
NUM = (
    r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?(?:\s+\d/\d)?|"
    rf"(?:(?:a|an)\s+(?=hundred|thousand|dozen))?(?:{_NUM_WORD_ALT})(?:(?:\s+|-|\s+and\s+)(?:{_NUM_WORD_ALT}))*|"
    r"a\s+couple\s+of|couple\s+of|a\s+few|several|few|many|some|multiple|a|an|half\s+an?|a\s+half)"
)
UNIT = (
    r"(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|nights?|weeks?|weekends?|fortnights?|"
    r"months?|quarters?|years?|yrs?|decades?|centur(?:y|ies)|millenni(?:um|a))"
)
#: Month names; only abbreviations take a dot ("June." ends a sentence, "Jun." is abbreviated).
MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan\.?|feb\.?|mar\.?|apr\.?|jun\.?|jul\.?|aug\.?|sept\.?|sep\.?|oct\.?|nov\.?|dec\.?)"
)
WEEKDAY = (
    r"(?:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|"
    r"sat(?:urday)?|sun(?:day)?)"
)
WEEKDAY_FULL = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
DAYNUM = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR4 = r"(?:1[0-9]\d\d|20\d\d)"
POD = r"(?:morning|afternoon|evening|night)"
#: a day of the month written as an ordinal word ("the fifth of November")
DAY_ORD = (
    r"(?:(?:twenty|thirty)[\s-])?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|tenth|eleventh|"
    r"twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth"
)
ORD_WORD = r"(?:first|second|third|fourth|1st|2nd|3rd|4th|final|last)"

_RE_FRACTION = re.compile(r"^(\d+)\s+(\d)/(\d)$")


def month_number(token: str) -> int | None:
    """``"Sept."`` -> 9; None for anything that is not a month name."""
    return MONTHS.get(token.lower().rstrip(".").strip())


def weekday_number(token: str) -> int | None:
    """ISO weekday of a weekday name (Monday=1); plural forms accepted."""
    t = token.lower().rstrip(".").strip()
    if t.endswith("days"):
        t = t[:-1]
    return WEEKDAYS.get(t)


def unit_of(token: str) -> tuple[str, bool, int] | None:
    """``"centuries"`` -> ("Y", False, 100)."""
    t = token.lower().strip()
    if t in UNITS:
        return UNITS[t]
    if t.endswith("ies") and t[:-3] + "y" in UNITS:
        return UNITS[t[:-3] + "y"]
    if t.endswith("ia") and t[:-1] + "um" in UNITS:
        return UNITS[t[:-1] + "um"]
    if t.endswith("s") and t[:-1] in UNITS:
        return UNITS[t[:-1]]
    return None


def parse_number(text: str) -> float | None:
    """A cardinal written in digits or words; None when vague ("several", "a few")."""
    t = text.lower().replace("-", " ").replace(",", "").strip()
    m = _RE_FRACTION.match(t)
    if m:
        return int(m[1]) + int(m[2]) / int(m[3])
    try:
        return float(t)
    except ValueError:
        pass
    words = [w for w in t.split() if w != "and"]
    if not words:
        return None
    if words[0] == "half" or words == ["a", "half"]:
        return 0.5
    if words[-2:] == ["couple", "of"]:
        return 2.0
    if any(w in VAGUE_QUANTITIES for w in words):
        return None
    total, current = 0, 0
    for w in words:
        if w in _UNITS_WORDS:
            current += _UNITS_WORDS[w]
        elif w in _SCALES:
            current = max(current, 1) * _SCALES[w]
            if _SCALES[w] >= 1000:
                total, current = total + current, 0
        else:
            return None
    return float(total + current)


_FIXED_HOLIDAYS: dict[str, tuple[int, int]] = {
    "christmas eve": (12, 24), "christmas day": (12, 25), "christmas": (12, 25),
    "new year's eve": (12, 31), "new year's day": (1, 1), "halloween": (10, 31),
    "independence day": (7, 4), "valentine's day": (2, 14),
}


#: holidays on the n-th weekday of a month: name -> (month, weekday Mon=0, n; -1 = last)
_NTH_WEEKDAY_HOLIDAYS: dict[str, tuple[int, int, int]] = {
    "thanksgiving": (11, 3, 4), "thanksgiving day": (11, 3, 4), "memorial day": (5, 0, -1), "labor day": (9, 0, 1),
    "labour day": (9, 0, 1), "columbus day": (10, 0, 2), "martin luther king day": (1, 0, 3),
    "martin luther king jr. day": (1, 0, 3), "presidents day": (2, 0, 3), "presidents' day": (2, 0, 3),
    "mother's day": (5, 6, 2), "father's day": (6, 6, 3),
}
#: holidays a fixed number of days from Thanksgiving or Easter
_OFFSET_HOLIDAYS: dict[str, tuple[str, int]] = {
    "black friday": ("thanksgiving", 1), "cyber monday": ("thanksgiving", 4), "easter": ("easter", 0),
    "easter sunday": ("easter", 0), "easter monday": ("easter", 1), "good friday": ("easter", -2),
    "palm sunday": ("easter", -7), "ash wednesday": ("easter", -46), "pentecost": ("easter", 49),
}
_FIXED_HOLIDAYS.update({
    "boxing day": (12, 26), "veterans day": (11, 11), "armistice day": (11, 11), "remembrance day": (11, 11),
    "bastille day": (7, 14), "may day": (5, 1), "st. patrick's day": (3, 17), "saint patrick's day": (3, 17),
    "flag day": (6, 14), "juneteenth": (6, 19), "groundhog day": (2, 2), "epiphany": (1, 6),
    "all saints' day": (11, 1), "new year's": (1, 1), "victory day": (5, 9), "christmas eve": (12, 24),
})


def _easter(year: int) -> date:
    """Western Easter Sunday (anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * l_) // 433
    month = (h + l_ - 7 * m + 90) // 25
    return date(year, month, (h + l_ - 7 * m + 33 * month + 19) % 32)


def _nth_weekday(year: int, month: int, wd: int, n: int) -> date:
    if n < 0:
        last = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
        return last - timedelta(days=(last.weekday() - wd) % 7)
    first = date(year, month, 1)
    return first + timedelta(days=(wd - first.weekday()) % 7 + 7 * (n - 1))


def holiday_date(name: str, year: int) -> date | None:
    """The date of a named holiday in ``year``: fixed dates, n-th weekdays, Easter-based ones."""
    name = " ".join(name.lower().split())
    if name in _FIXED_HOLIDAYS:
        return date(year, *_FIXED_HOLIDAYS[name])
    if name in _NTH_WEEKDAY_HOLIDAYS:
        return _nth_weekday(year, *_NTH_WEEKDAY_HOLIDAYS[name])
    if name in _OFFSET_HOLIDAYS:
        base, k = _OFFSET_HOLIDAYS[name]
        d = _easter(year) if base == "easter" else _nth_weekday(year, *_NTH_WEEKDAY_HOLIDAYS["thanksgiving"])
        return d + timedelta(days=k)
    if name == "election day":  # Tuesday after the first Monday of November
        first = date(year, 11, 1)
        return first + timedelta(days=(0 - first.weekday()) % 7 + 1)
    return None
