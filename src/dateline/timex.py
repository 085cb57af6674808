"""Temporal tagger: find TIMEX3 expressions in news text and normalise them.

Why not ``dateparser.search_dates``: over whole texts it tags "we", "may", "$27",
"50%" and durations as dates and shifts a weekday equal to the publication weekday a
week back. So this module finds candidates itself with compiled patterns
(``_RULES``, vocabulary in ``timex_lex``), picks the longest non-overlapping ones,
and resolves them in text order with its own calendar arithmetic (``timex_cal``),
keeping a narrative clock: the last date the text established ("In 1942 ... In June",
"the next day", "two days later"). dateparser (``languages=['en']``, the anchor as
``RELATIVE_BASE``) is called only on short explicit candidates our resolvers cannot read.

Values follow TempEval-3 TIMEX3 conventions (``2023-06-24``, ``2023-06-24TMO``,
``2023-W25``, ``2023-Q2``, ``201``, ``P3D``, ``XXXX-WXX-6``, ``PRESENT_REF``); each
DATE/TIME also gets its calendar interval from ``intervals.value_to_interval`` and an
anchor: ``absolute`` (fully explicit), ``publication`` (relative to the publication
date) or ``narrative`` (relative to the story's own clock).
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Callable

from dateline.intervals import value_to_interval, week_value
from dateline.models import Timex
from dateline.sentences import is_cased
from dateline.timex_cal import (
    add_months,
    add_quarters,
    quarter_of,
    strong_future,
    tense_before,
    weekday_near,
    ym,
)
from dateline.timex_lex import (
    MONTHS,
    DAYNUM,
    MONTH,
    NUM,
    ORDINALS,
    PARTS_OF_DAY,
    holiday_date as _holiday_date,
    POD,
    SEASONS,
    UNIT,
    WEEKDAY_FULL,
    YEAR4,
    AMBIGUOUS_MONTHS,
    DAY_ORD,
    month_number,
    parse_number,
    unit_of,
    weekday_number,
)

__all__ = ["tag", "tag_file"]

# ---------------------------------------------------------------- result records


@dataclass(slots=True)
class _Res:
    """What a rule resolved: TIMEX3 type and value, anchor kind, optional mod."""

    type: str
    value: str
    anchor: str | None = None
    mod: str | None = None
    start: int | None = None  # narrower span than the rule matched, when set
    end: int | None = None
    keep_clock: bool = False  # leave the narrative clock alone ("overnight" looks back, the story does not)


@dataclass(slots=True)
class _Ctx:
    """Per-document state: the text, publication date and the narrative clock."""

    text: str
    dct: date | None
    ref: date | None = None  # last established date (narrative clock)
    ref_gran: str | None = None
    ref_pos: int = -1
    ref_anchor: str | None = None  # how the narrative clock was set: absolute / narrative / publication
    ref_frame: bool = False  # set by a sentence-initial frame ("On 22 June 1941, ...")
    ref_adverbial: bool = False  # set by a date after a preposition ("planned for 5 June 1944"), not "the Dec. 21 bombing"
    story: bool = False  # the narrative clock descends from such a frame, not from the publication date
    lower_doc: bool = False  # the text is written without capitals: month and weekday names are too
    frame_year: int | None = None  # last framing year ("In 1942, ...")
    frame_pos: int = -10**9
    quarter: tuple[int, int] | None = None  # last quarter mentioned (year, q)
    quarter_pos: int = -10**9
    topic_quarter: tuple[int, int] | None = None  # first reported (not future) quarter: an earnings story's topic
    restore: tuple | None = None  # (sentence end, clock fields): the clock before a flashback sentence


class _Match:
    """A match found in the lower-cased text, read back from the original text.

    Rules run case-sensitively on ``text.lower()`` (three times faster than re.I);
    handlers still see the original spelling, so "May" and "may" stay distinct.
    """

    __slots__ = ("_m", "_text")

    def __init__(self, m: re.Match, text: str) -> None:
        self._m, self._text = m, text

    def __getitem__(self, g: int | str) -> str | None:
        s = self._m.start(g)
        return None if s < 0 else self._text[s:self._m.end(g)]

    def start(self, g: int | str = 0) -> int:
        return self._m.start(g)

    def end(self, g: int | str = 0) -> int:
        return self._m.end(g)

    def groupdict(self) -> dict[str, str | None]:
        return {k: self[k] for k in self._m.re.groupindex}


_MOD_WORDS = {
    "early": "START", "late": "END", "mid": "MID", "the end of": "END", "the beginning of": "START",
    "the start of": "START", "the middle of": "MID", "earlier": None, "later": None,
}

# ---------------------------------------------------------------- helpers


def _anchor_date(ctx: _Ctx) -> date | None:
    return ctx.dct or ctx.ref


_DAY_LEVEL = ("day", "part-of-day", "hour")


def _narr_date(ctx: _Ctx, day_level: bool = False) -> tuple[date | None, str]:
    """The narrative clock if the text set one, else the publication date.

    With ``day_level`` ("the next day", "two days later") a clock coarser than a day
    ("last year") does not count: the publication date is the better anchor then.
    """
    if ctx.ref is not None and (not day_level or ctx.ref_gran in _DAY_LEVEL or ctx.dct is None):
        return ctx.ref, "narrative"
    return ctx.dct, "publication"


def _coarse_story(ctx: _Ctx, pos: int) -> str | None:
    """The story's own month/year when a day-level phrase follows a coarser date.

    "In June 1942 ... Two days later": the day is unknown, but it lies in (or right
    after) June 1942, far better than two days after the publication date.
    """
    if ctx.ref is None or ctx.ref_gran in _DAY_LEVEL or ctx.ref_gran is None:
        return None
    if ctx.ref_anchor not in ("absolute", "narrative") or pos - ctx.ref_pos > 600:
        return None
    if ctx.dct is not None and abs((ctx.ref - ctx.dct).days) < 60:
        return None  # a recent month in news: the publication date is the better clock
    if ctx.ref_gran == "month":
        return ym(ctx.ref.year, ctx.ref.month)
    if ctx.ref_gran == "year":
        return f"{ctx.ref.year:04d}"
    return None


_SPACES = re.compile(r"[\s-]+")


def _mod_of(word: str | None) -> str | None:
    if not word:
        return None
    return _MOD_WORDS.get(_SPACES.sub(" ", word.lower()).strip())


def _year_from_word(word: str, ctx: _Ctx) -> tuple[int | None, str]:
    """"this year" / "last year" / "1990" -> (year, anchor)."""
    w = word.lower()
    base = _anchor_date(ctx)
    m = re.search(r"\d{4}", w)
    if m:
        return int(m[0]), "absolute"
    if base is None:
        return None, "publication"
    if "last" in w or "previous" in w:
        return base.year - 1, "publication"
    if "next" in w:
        return base.year + 1, "publication"
    return base.year, "publication"


def _frame_year(ctx: _Ctx, pos: int) -> int | None:
    """The year the narrative established recently ("In 1942 ... In June"), if any."""
    if ctx.frame_year is None or pos - ctx.frame_pos > 600:
        return None
    between = ctx.text[ctx.frame_pos:pos]
    if "\n\n" in between or between.count("\n") > 2:
        return None
    return ctx.frame_year


#: months a tense cue outweighs for a bare month: "hope to sign in December" in March is
#: next December. A written day keeps the old weight: "payable Dec. 7" often follows "said".
_TENSE_COST = 7
_STORY_GRAN = ("day", "part-of-day", "hour")


def _story_clock(ctx: _Ctx, pos: int, reach: int = 400) -> date | None:
    """The narrative clock when the text is telling a dated story far from its publication.

    An explicit date written with its year (or one resolved from such a date) more than
    a year away from the publication date, mentioned shortly before ``pos``: "planned
    for 5 June 1944 ... On 6 June" is June 1944, not the publication year.
    """
    if ctx.ref is None or ctx.dct is None or ctx.ref_anchor not in ("absolute", "narrative"):
        return None
    gran_ok = ctx.ref_gran in _STORY_GRAN or (ctx.ref_gran == "month" and ctx.ref_anchor == "narrative")
    if not gran_ok or pos - ctx.ref_pos > reach or (ctx.ref_anchor == "absolute" and not ctx.ref_adverbial):
        return None
    if abs((ctx.ref - ctx.dct).days) < 366:
        return None
    return ctx.ref


def _month_year(ctx: _Ctx, month: int, day: int | None, start: int, end: int) -> tuple[int | None, str]:
    """Year of a month (and day) written without a year: narrative frame, else DCT by tense."""
    fy = _frame_year(ctx, start)
    if fy is None:
        story = _story_clock(ctx, start)
        if story is not None and story < ctx.dct and tense_before(ctx.text, start, end) != "future":
            fy = story.year  # a past story told on its own dates; plans and deadlines stay by the DCT
    if ctx.story and ctx.ref is not None and start - ctx.ref_pos < 1500:
        fy = ctx.ref.year if fy is None or ctx.ref_pos > ctx.frame_pos else fy
        if month < ctx.ref.month and re.search(r"\b(?:following|next|by)\s+$", ctx.text[max(0, start - 12):start], re.I):
            fy += 1
    if fy is not None and (ctx.dct is None or fy != ctx.dct.year):
        return fy, "narrative"
    base = ctx.dct or ctx.ref
    if base is None:
        return None, "publication"
    tense = tense_before(ctx.text, start, end)
    best_y, best_cost = base.year, 99.0
    for y in (base.year - 1, base.year, base.year + 1):
        delta = (y * 12 + month) - (base.year * 12 + base.month)  # months after the anchor
        if delta == 0 and day is not None:
            delta = (day - base.day) / 31
        against_tense = (tense == "past" and delta > 0) or (tense == "future" and delta < 0)
        cost = abs(delta) + ((6 if day is not None else _TENSE_COST) if against_tense else 0)
        if cost < best_cost:
            best_y, best_cost = y, cost
    return best_y, "publication" if ctx.dct else "narrative"


# ---------------------------------------------------------------- rule handlers
# Each handler gets the match and the context and returns a _Res or None (reject).


def _day_number(tok: str) -> int | None:
    """"23", "23rd", "twenty-third" -> 23."""
    d = re.match(r"\d+", tok)
    if d:
        return int(d[0])
    return ORDINALS.get(tok.lower().replace(" ", "-"))


def _h_full_date(m: re.Match, ctx: _Ctx) -> _Res | None:
    mon_tok = m["mon1"] or m["mon2"]
    mon = month_number(mon_tok)
    day = _day_number(m["day1"] or m["day2"])
    if mon is None or day is None or not _named(mon_tok, ctx):
        return None
    if m["day2"] and not m["day2"][0].isdigit() and " of" not in m[0].lower():
        return None  # "first March" is not a date; "the first of March" is
    yr_tok = m["year1"] or m["year2"]
    if yr_tok:
        y, anchor = int(yr_tok), "absolute"
    else:
        y, anchor = _month_year(ctx, mon, day, m.start(), m.end())
        if y is None:
            return _Res("DATE", f"XXXX-{mon:02d}-{day:02d}", None)
        y = _weekday_year(m[0], mon, day, y)
    try:
        d = date(y, mon, day)
    except ValueError:
        return None
    return _Res("DATE", d.isoformat(), anchor)


def _weekday_year(s: str, mon: int, day: int, y: int) -> int:
    """"Sunday, Oct. 25": the year near ``y`` whose Oct. 25 is a Sunday (``y`` when none is)."""
    wd = weekday_number(s.split()[0].rstrip(",")) if s.split() else None
    if wd is None:
        return y
    for cand in (y, y - 1, y + 1):
        try:
            if date(cand, mon, day).isoweekday() == wd:
                return cand
        except ValueError:
            continue
    return y


def _h_iso_date(m: re.Match, ctx: _Ctx) -> _Res | None:
    try:
        d = date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return None
    return _Res("DATE", d.isoformat(), "absolute")


@lru_cache(maxsize=4096)
def _dateparser_day(s: str, base: date | None) -> date | None:
    """dateparser on one short explicit candidate (cached); None when it cannot read it."""
    try:
        import dateparser  # noqa: PLC0415  (slow import, only when needed)

        settings = {"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["day", "month", "year"]}
        if base is not None:
            settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day)
        r = dateparser.parse(s, languages=["en"], settings=settings)
    except Exception:  # noqa: BLE001 - dateparser raises many kinds on odd input
        return None
    return r.date() if r else None


def _h_numeric_date(m: re.Match, ctx: _Ctx) -> _Res | None:
    d = _dateparser_day(m[0], ctx.dct)
    if d is None or not (1800 <= d.year <= 2100):
        return None
    return _Res("DATE", d.isoformat(), "absolute")


def _h_month_year(m: re.Match, ctx: _Ctx) -> _Res | None:
    mon_tok = m["mon"]
    mon = month_number(mon_tok)
    if mon is None or not _named(mon_tok, ctx, ambiguous_ok=False):
        return None
    sp = _spoken_year_value(m["yr"]) if not re.search(r"\d|year", m["yr"], re.I) else None
    y, anchor = (sp, "absolute") if sp else _year_from_word(m["yr"], ctx)
    if y is None:
        return _Res("DATE", f"XXXX-{mon:02d}")
    return _Res("DATE", ym(y, mon), anchor, _mod_of(m["mod"]))


def _h_month(m: re.Match, ctx: _Ctx) -> _Res | None:
    mon_tok, rel = m["mon"], (m["rel"] or "").lower().strip()
    mon = month_number(mon_tok)
    if mon is None or not _named(mon_tok, ctx, ambiguous_ok=False):
        return None
    low = mon_tok.lower().rstrip(".")
    mod = _mod_of(m["mod"])
    if low in AMBIGUOUS_MONTHS and not rel and not m["mod"]:
        before = ctx.text[max(0, m.start() - 12):m.start()].lower()
        if not re.search(r"\b(?:in|since|until|till|by|through|during|from|to|of|early|late|mid|last|this|next|before|after)\s*$", before):
            return None
        if low in ("may", "march") and m.start() > 0 and ctx.text[m.start() - 1] != " ":
            return None
    if low in ("mar", "jan", "dec", "sep", "jun", "jul") and not mon_tok.endswith("."):
        return None
    if re.match(r"\s*\d{1,2}(?!\d)", ctx.text[m.end():m.end() + 4]):
        return None  # "last Oct. 23": the day-level date is tagged by the full-date rule
    base = ctx.dct or ctx.ref
    if rel and base is not None:
        if "last" in rel or "past" in rel:
            y = base.year if mon < base.month else base.year - 1
        elif "next" in rel or "coming" in rel:
            y = base.year if mon > base.month else base.year + 1
        else:
            y = base.year
        return _Res("DATE", ym(y, mon), "publication", mod)
    y, anchor = _month_year(ctx, mon, None, m.start(), m.end())
    if y is None:
        return _Res("DATE", f"XXXX-{mon:02d}", None, mod)
    return _Res("DATE", ym(y, mon), anchor, mod)


_YEAR_BAD_BEFORE = re.compile(r"(?:[$#£€]|\d[,.]|\bNo\.\s*|\bflight\s+|\broute\s+|\bnumber\s+|\babout\s+|\bsome\s+|\bnearly\s+|\balmost\s+|\bthan\s+|\bonly\s+|\bover\s+|\btotal\s+of\s+|-)$", re.I)
_YEAR_BAD_AFTER = re.compile(r"^(?:[,.]\d|\s*%|-\d|\s*(?:percent|per|million|billion|people|troops|shares|points|jobs|feet|meters|metres|miles|kilometers|tons|barrels|dollars|yen|marks|acres|members|workers|soldiers|employees|cars|units|copies|votes|times)\b)", re.I)
_YEAR_GOOD_BEFORE = re.compile(r"(?:\b(?:in|of|since|until|till|by|before|after|during|from|through|throughout|early|late|mid|fiscal|year|the|for|and|or|between|spring|summer|fall|autumn|winter)\s+|,\s*)$", re.I)


def _h_year(m: re.Match, ctx: _Ctx) -> _Res | None:
    y = int(m["y"])
    pre = ctx.text[max(0, m.start() - 14):m.start()]
    post = ctx.text[m.end():m.end() + 14]
    if not m["pre"]:
        if _YEAR_BAD_BEFORE.search(pre) or _YEAR_BAD_AFTER.match(post):
            return None
        base = ctx.dct or ctx.ref
        if not (1900 <= y <= 2099) and not _YEAR_GOOD_BEFORE.search(pre):
            return None
        if base and abs(y - base.year) > 120 and not _YEAR_GOOD_BEFORE.search(pre):
            return None
    mod = _mod_of(m["pre"]) if m["pre"] else None
    return _Res("DATE", f"{y:04d}", "absolute", mod)


_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
                 "seventies": 7, "eighties": 8, "nineties": 9}


def _h_decade(m: re.Match, ctx: _Ctx) -> _Res | None:
    tok = m["dec"].lower()
    mod = _mod_of(m["mod"])
    d4 = re.match(r"(\d{3})0", tok)
    if d4:
        return _Res("DATE", d4[1], "absolute", mod)
    base = _anchor_date(ctx)
    century = (base.year // 100) if base else 19
    d2 = re.search(r"'(\d)0", tok)
    if d2:
        dec = int(d2[1])
        c = century if dec * 10 <= (base.year % 100 if base else 99) else century - 1
        return _Res("DATE", f"{c}{dec}", "publication", mod)
    for w, dec in _DECADE_WORDS.items():
        if w in tok:
            c = 19 if "nineteen" in tok else (century if base is None or dec * 10 <= base.year % 100 else century - 1)
            return _Res("DATE", f"{c}{dec}", "publication", mod)
    return None


def _h_century(m: re.Match, ctx: _Ctx) -> _Res | None:
    tok = m["cent"].lower()
    base = _anchor_date(ctx)
    if tok in ("this", "the current"):
        if base is None:
            return None
        return _Res("DATE", f"{base.year // 100:02d}", "publication")
    if tok in ("last", "the last", "the previous"):
        return _Res("DATE", f"{base.year // 100 - 1:02d}", "publication") if base else None
    if tok in ("next", "the next"):
        return _Res("DATE", f"{base.year // 100 + 1:02d}", "publication") if base else None
    n = ORDINALS.get(tok) or (int(re.match(r"\d+", tok)[0]) if re.match(r"\d+", tok) else None)
    if not n:
        return None
    return _Res("DATE", f"{n - 1:02d}", "absolute", _mod_of(m["mod"]))


def _quarter_year(q: int, ctx: _Ctx, start: int, end: int) -> tuple[int | None, str]:
    base = _anchor_date(ctx)
    if base is None:
        return None, "publication"
    qd = quarter_of(base)
    if q > qd and tense_before(ctx.text, start, end) != "future":
        return base.year - 1, "publication"
    if q <= qd - 2 and strong_future(ctx.text, start):  # the last quarter is still being reported
        return base.year + 1, "publication"  # "profits will rise in the first quarter", said in June
    return base.year, "publication"


def _set_quarter(ctx: _Ctx, y: int, q: int, pos: int) -> None:
    ctx.quarter, ctx.quarter_pos = (y, q), pos
    base = _anchor_date(ctx)
    if ctx.topic_quarter is None and (base is None or (y, q) <= (base.year, quarter_of(base))):
        ctx.topic_quarter = (y, q)


def _year_ago_quarter(ctx: _Ctx, pos: int) -> tuple[int, int] | None:
    """The quarter a "year-ago"/"a year earlier" phrase compares with: the story's topic quarter."""
    if ctx.quarter is None or pos - ctx.quarter_pos > 1500:
        return None
    y, q = ctx.topic_quarter or ctx.quarter
    return y - 1, q


def _h_quarter_ord(m: re.Match, ctx: _Ctx) -> _Res | None:
    o = m["ord"].lower()
    q = ORDINALS.get(o) or (4 if o in ("final", "last") else None)
    if q is None or q > 4:
        return None
    own = (m["own"] or "").lower()
    pre = (m["pre"] or "").lower()
    res_start = m.start("ord") if own in ("its", "their", "a") and not m["pre"] else None
    if "year-ago" in pre or "year-earlier" in pre or "year ago" in pre or "year earlier" in pre:
        base = _anchor_date(ctx)
        if base is None:
            return None
        y = (ctx.quarter[0] if ctx.quarter and ctx.quarter[1] == q else base.year if q <= quarter_of(base) else base.year - 1) - 1
        return _Res("DATE", f"{y:04d}-Q{q}", "narrative", start=res_start)
    ypre = re.search(r"\d{4}", pre)
    yr = ypre[0] if ypre else m["yr1"] or m["yr2"] or m["yr3"] or ("last year" if "last year" in own else "next year" if "next year" in own else "this year" if "this year" in own else None)
    if yr:
        y, anchor = _year_from_word(yr, ctx)
    else:
        y, anchor = _quarter_year(q, ctx, m.start(), m.end())
    if y is None:
        return _Res("DATE", f"XXXX-Q{q}")
    _set_quarter(ctx, y, q, m.end())
    return _Res("DATE", f"{y:04d}-Q{q}", anchor, start=res_start)


def _h_quarter_rel(m: re.Match, ctx: _Ctx) -> _Res | None:
    rel = re.sub(r"\s+", " ", m["rel"].lower())
    base = _anchor_date(ctx)
    if base is None:
        return None
    if "period" in m[0].lower() and ctx.quarter is None:
        return None
    y, q = base.year, quarter_of(base)
    if re.fullmatch(r"the \d{4}", rel):
        if ctx.quarter is None:
            return None
        return _Res("DATE", f"{rel[-4:]}-Q{(ctx.topic_quarter or ctx.quarter)[1]}", "absolute")
    if rel in ("this", "the current", "the current fiscal", "this fiscal"):
        pass
    elif rel in ("next", "the next", "the coming"):
        y, q = add_quarters(y, q, 1)
    elif "year-ago" in rel or "year ago" in rel or rel in ("the year-earlier", "a year-ago", "a year-earlier", "the year ago", "the year earlier"):
        ago = _year_ago_quarter(ctx, m.start())
        if ago:
            y, q = ago
        else:
            y, q = add_quarters(y, q, -5)
        return _Res("DATE", f"{y:04d}-Q{q}", "narrative")
    elif rel in ("the", "the fiscal", "that"):
        if ctx.quarter and m.start() - ctx.quarter_pos < 2000:
            y, q = ctx.quarter
            return _Res("DATE", f"{y:04d}-Q{q}", "narrative")
        y, q = add_quarters(y, q, -1)
    else:  # last, the last, the previous, the past
        y, q = add_quarters(y, q, -1)
    _set_quarter(ctx, y, q, m.end())
    return _Res("DATE", f"{y:04d}-Q{q}", "publication")


def _h_quarter_code(m: re.Match, ctx: _Ctx) -> _Res | None:
    q = int(m["q1"] or m["q2"])
    if m["yr"]:
        y, anchor = int(m["yr"]), "absolute"
    else:
        y, anchor = _quarter_year(q, ctx, m.start(), m.end())
    if y is None:
        return None
    _set_quarter(ctx, y, q, m.end())
    return _Res("DATE", f"{y:04d}-Q{q}", anchor)


def _h_half(m: re.Match, ctx: _Ctx) -> _Res | None:
    h = 1 if m["h"].lower() == "first" else 2
    if m["yr"]:
        y, anchor = _year_from_word(m["yr"], ctx)
    else:
        base = _anchor_date(ctx)
        if base is None:
            return None
        y, anchor = base.year, "publication"
        if h == 2 and base.month <= 6 and tense_before(ctx.text, m.start(), m.end()) == "past":
            y -= 1
    if y is None:
        return None
    return _Res("DATE", f"{y:04d}-H{h}", anchor)


def _h_season(m: re.Match, ctx: _Ctx) -> _Res | None:
    s = SEASONS[m["s"].lower()]
    rel = (m["rel"] or "").lower().strip()
    yr = m["yr"] or m["yr_"]
    if yr:
        y = int(yr) if yr.isdigit() else _spoken_year_value(yr)
        return _Res("DATE", f"{y:04d}-{s}", "absolute", _mod_of(m["mod"])) if y else None
    if not rel and not m["mod"]:
        before = ctx.text[max(0, m.start() - 10):m.start()].lower()
        if not re.search(r"\b(?:in|during|over|through|since|until|by)\s+$", before) or m["s"].lower() == "fall":
            return None
    if rel == "the" and re.match(r"\s+of\s+(?!\d)", ctx.text[m.end():m.end() + 6]):
        return None
    base = _anchor_date(ctx)
    if base is None:
        return _Res("DATE", f"XXXX-{s}")
    start_month = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[s]
    cur = base.year
    if rel == "this past":  # the most recent one that has ended
        ended = start_month + 2 < base.month if s != "WI" else base.month >= 3
        y = (cur if ended else cur - 1) if s != "WI" else (cur - 1 if ended else cur - 2)
    elif "last" in rel or "past" in rel:  # TimeML news: the previous year's season
        y = cur - 1 if s != "WI" or base.month >= 3 else cur - 2
    elif "next" in rel or "coming" in rel:
        y = cur if start_month > base.month else cur + 1
    else:
        y = cur
        if s == "WI" and base.month <= 2:
            y = cur - 1
    return _Res("DATE", f"{y:04d}-{s}", "publication", _mod_of(m["mod"]))


def _pod_code(word: str | None) -> str | None:
    if not word:
        return None
    w = word.lower().rstrip("s")
    return PARTS_OF_DAY.get(w)


_DAYWORD_OFFSET = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}


def _h_relday(m: re.Match, ctx: _Ctx) -> _Res | None:
    word = m["dw"].lower() if m["dw"] else "yesterday" if "yesterday" in m["two"].lower() else "tomorrow"
    base = ctx.dct
    anchor = "publication"
    if base is None:
        base, anchor = ctx.ref, "narrative"
    if base is None:
        return None
    d = base + timedelta(days=_DAYWORD_OFFSET[word] * (2 if m["two"] and not m["dw"] else 1))  # "the day before yesterday"
    pod = _pod_code(m["pod"]) or ("NI" if word == "tonight" else None)
    if pod:
        return _Res("TIME", f"{d.isoformat()}T{pod}", anchor)
    return _Res("DATE", d.isoformat(), anchor, _mod_of(m["mod"]))


def _narrative_day_clock(ctx: _Ctx, pos: int) -> date | None:
    """The narrative day when the text is telling a dated story away from its publication.

    Only an explicit (absolute or narrative) day set recently, and far from the
    publication date, counts: "On 22 June 1941 ... On Tuesday" is 24 June 1941.
    """
    if ctx.ref is None or ctx.ref_gran not in ("day", "part-of-day", "hour"):
        return None
    if not ctx.story or pos - ctx.ref_pos > 600:
        return None
    if ctx.dct is not None and (ctx.ref - ctx.dct).days > -10:
        return None
    return ctx.ref


#: In a text without capitals ("new delhi: police on thursday arrested ..."), month and
#: weekday names count without their capital; "may" and "march" alone stay verbs there.
LOWER_CASE_NAMES = True


def _named(tok: str, ctx: _Ctx, ambiguous_ok: bool = True) -> bool:
    """Is ``tok`` written as a name: capitalised, or any case in a text without capitals
    (then "may"/"march" only where a day number makes them dates: ``ambiguous_ok``)?"""
    if tok[:1].isupper():
        return True
    return ctx.lower_doc and (ambiguous_ok or tok.lower().rstrip(".") not in ("may", "march"))


#: "next week" / "this week" / "last week" right after a weekday
_WEEK_AFTER = re.compile(r"\s+(next|this|last)\s+week\b", re.I)


def _h_weekday(m: re.Match, ctx: _Ctx) -> _Res | None:
    wd_tok = m["wd"]
    if not _named(wd_tok, ctx):
        return None
    wd = weekday_number(wd_tok)
    if wd is None:
        return None
    pod = _pod_code(m["pod"])
    if wd_tok.lower().endswith("days"):  # "on Mondays": every Monday
        return _Res("SET", f"XXXX-WXX-{wd}" + (f"T{pod}" if pod else ""))
    rel = (m["rel"] or "").lower().split()
    base, anchor = ctx.dct, "publication"
    narrative = _narrative_day_clock(ctx, m.start()) or (
        ctx.ref if rel[:1] in (["the"], ["that"]) and ctx.ref_gran in ("day", "part-of-day", "hour") else None)
    if narrative is not None:  # a story told on its own dates: weekdays move on from the last one
        base, anchor = narrative, "narrative"
    if base is None:
        base, anchor = ctx.ref, "narrative"
    if base is None:
        return _Res("DATE", f"XXXX-WXX-{wd}")
    last = rel[-1:] in (["last"], ["past"], ["previous"], ["preceding"])
    week = _WEEK_AFTER.match(ctx.text, m.end()) if not rel and not pod else None
    if week is not None and ctx.dct is not None:  # "on Tuesday next week": that week's Tuesday
        monday = ctx.dct - timedelta(days=ctx.dct.isoweekday() - 1)
        shift = {"next": 7, "this": 0, "last": -7}[week.group(1).lower()]
        return _Res("DATE", (monday + timedelta(days=shift + wd - 1)).isoformat(), "publication", _mod_of(m["mod"]))
    if last:
        d = weekday_near(base, wd, "last")
    elif rel[-1:] in (["next"], ["following"]):
        d = weekday_near(base, wd, "next")
    elif rel[-1:] == ["coming"]:
        d = weekday_near(base, wd, "future")
    elif anchor == "narrative":
        past = re.search(r"\bhad\b", ctx.text[max(0, m.start() - 60):m.start()])
        d = weekday_near(base, wd, "last" if past else "next")  # a story moves on: not the same day again
    else:
        d = weekday_near(base, wd, "future" if strong_future(ctx.text, m.start()) else "past")
    if pod:
        return _Res("TIME", f"{d.isoformat()}T{pod}", anchor)
    return _Res("DATE", d.isoformat(), anchor, _mod_of(m["mod"]))


def _h_pod(m: re.Match, ctx: _Ctx) -> _Res | None:
    rel = (m["rel"] or "").lower()
    pod = _pod_code(m["pod"])
    if pod is None:
        return None
    if rel in ("the", "that", "the same"):
        if ctx.ref is None or ctx.ref_gran not in ("day", "part-of-day", "hour"):
            return None
        return _Res("TIME", f"{ctx.ref.isoformat()}T{pod}", "narrative")
    day = m.groupdict().get("day")
    if day:
        sub = _resolve_inline(day, ctx, m.start(), m.end())
        if sub is not None:
            return _Res("TIME", f"{sub[0].isoformat()}T{pod}", sub[1])
    base = ctx.dct or ctx.ref
    if base is None:
        return None
    off = -1 if rel == "last" else 1 if rel == "tomorrow" else 0
    if rel == "yesterday":
        off = -1
    d = base + timedelta(days=off)
    return _Res("TIME", f"{d.isoformat()}T{pod}", "publication" if ctx.dct else "narrative")


#: day-light words TIMEX3 writes as parts of day ("at dawn" = morning, "overnight" = night)
_POD_WORD_CODES = {"dawn": "MO", "daybreak": "MO", "sunrise": "MO", "first light": "MO", "dusk": "EV",
                   "sunset": "EV", "sundown": "EV", "nightfall": "NI", "overnight": "NI"}


def _day_clock(ctx: _Ctx, pos: int) -> tuple[date | None, str]:
    """The day a bare part-of-day word belongs to: a day named earlier in the same
    sentence ("On 28 February ... at dawn"), a dated story's day, else the publication day."""
    if ctx.ref is not None and ctx.ref_gran in _DAY_LEVEL and 0 <= pos - ctx.ref_pos < 300:
        between = ctx.text[ctx.ref_pos:pos]
        if not re.search(r"[.!?]\s", between) or _story_clock(ctx, pos) is not None or _narrative_day_clock(ctx, pos):
            return ctx.ref, "narrative"
    return (ctx.dct, "publication") if ctx.dct else (ctx.ref, "narrative")


def _h_pod_word(m: re.Match, ctx: _Ctx) -> _Res | None:
    """"at dawn", "by nightfall", "overnight": a part of the clock day (the night before for "overnight")."""
    w = re.sub(r"\s+", " ", m[0].lower())
    code = _POD_WORD_CODES.get(w)
    if code is None:
        return None
    base, anchor = _day_clock(ctx, m.start())
    if (anchor == "publication" and w != "overnight" and ctx.ref is not None and ctx.ref_gran in _DAY_LEVEL
            and ctx.dct is not None and 0 < (ctx.dct - ctx.ref).days <= 7 and 0 <= m.start() - ctx.ref_pos < 400
            and tense_before(ctx.text, m.start(), m.end()) == "past"):
        # "Rebels seized the city on Sunday. ... entered the capital before dawn" (published on
        # Monday): the dawn of the day the story is told on, not of the publication day
        base, anchor = ctx.ref, "narrative"
    if base is None:
        return _Res("TIME", f"XXXX-XX-XXT{code}")
    if w == "overnight" and tense_before(ctx.text, m.start(), m.end()) != "future":
        base -= timedelta(days=1)  # "shelling continued overnight": the night that ended that day
        return _Res("TIME", f"{base.isoformat()}T{code}", anchor, keep_clock=True)
    return _Res("TIME", f"{base.isoformat()}T{code}", anchor)


def _h_time(m: re.Match, ctx: _Ctx) -> _Res | None:
    clock = m["clock"].lower()
    if clock in ("noon", "midday"):
        hh, mm = 12, 0
    elif clock == "midnight":
        hh, mm = 24, 0
    else:
        military = re.fullmatch(r"\d{4}", clock) is not None  # "1200 GMT": only matched before a zone
        cm = re.match(r"(\d\d)(\d\d)", clock) if military else re.match(r"(\d{1,2})(?:[:.](\d{2}))?", clock)
        hh, mm = int(cm[1]), int(cm[2] or 0)
        tail = clock[len(cm[0]):]
        if ("p" in tail or "afternoon" in tail or "evening" in tail) and hh < 12:
            hh += 12
        elif ("a" in tail and "afternoon" not in tail) and hh == 12:
            hh = 0
        if hh > 24 or mm > 59:
            return None
        if not re.search(r"[:.]", cm[0]) and not military and not re.search(r"[ap]\.?m|o'clock|in the", clock):
            return None
        if not military and not re.search(r"[ap]\.?m|o'clock|in the", clock):  # bare "10:30": only with a time-of-day context
            pre = ctx.text[max(0, m.start() - 8):m.start()].lower()
            if not (m["zone"] or re.search(r"\b(?:at|by|from|until|till|before|after|around|about|to)\s+$", pre)):
                return None
    day_txt = m["day"]
    d, anchor = None, "publication"
    if day_txt:
        sub = _resolve_inline(day_txt, ctx, m.start(), m.end())
        if sub is not None:
            d, anchor = sub
    if d is None:
        d, anchor = _narr_date(ctx, day_level=True)
    if d is None:
        return _Res("TIME", f"XXXX-XX-XXT{hh:02d}:{mm:02d}")
    val = f"{d.isoformat()}T{hh:02d}:{mm:02d}"
    return _Res("TIME", val, anchor)


def _resolve_inline(s: str, ctx: _Ctx, start: int, end: int) -> tuple[date, str] | None:
    """A day expression attached to a clock time ("Wednesday", "Nov. 9", "yesterday")."""
    low = s.lower().strip()
    base = ctx.dct or ctx.ref
    if base is None:
        return None
    if low in _DAYWORD_OFFSET:
        return base + timedelta(days=_DAYWORD_OFFSET[low]), "publication"
    fm = _FULL_DATE_RX.fullmatch(s.strip().lower())
    if fm:
        mon, day = month_number(fm["mon1"] or fm["mon2"]), _day_number(fm["day1"] or fm["day2"])
        yr = fm["year1"] or fm["year2"]
        y, anchor = (int(yr), "absolute") if yr else _month_year(ctx, mon, day, start, end)
        if not yr and y is not None and mon and day:
            y = _weekday_year(s.strip(), mon, day, y)
        try:
            return date(y, mon, day), anchor
        except (ValueError, TypeError):
            return None
    wd = weekday_number(low.split()[-1].rstrip(","))
    if wd is not None:
        rel = low.split()[0]
        story = _narrative_day_clock(ctx, start)
        if story is not None and rel not in ("last", "next", "this"):
            return weekday_near(story, wd, "next"), "narrative"
        direction = {"last": "last", "next": "next", "this": "this"}.get(rel) or (
            "future" if strong_future(ctx.text, start) else "past")
        return weekday_near(base, wd, direction), "publication"
    return None


def _h_week_of(m: re.Match, ctx: _Ctx) -> _Res | None:
    """"the week of March 6": the ISO week containing that day."""
    sub = _resolve_inline(m["day"], ctx, m.start(), m.end())
    if sub is None:
        return None
    return _Res("DATE", week_value(sub[0]), sub[1])


def _duration_value(n: float | None, unit: tuple[str, bool, int]) -> str:
    letter, is_time, mult = unit
    if letter == "WE":
        letter, mult = "D", 2
    pre = "PT" if is_time else "P"
    if n is None:
        return f"{pre}X{letter if mult in (1, 2) else {10: 'DE', 100: 'C', 1000: 'ML'}[mult]}"
    v = n * mult
    if v != int(v):  # "2 1/2 years" -> P2Y6M, "a minute and a half" -> PT1M30S
        whole, frac = int(v), v - int(v)
        sub = {("Y", False): (12, "M", ""), ("M", False): (30, "D", ""), ("W", False): (7, "D", ""),
               ("D", False): (24, "H", "T"), ("H", True): (60, "M", ""), ("M", True): (60, "S", "")}.get((letter, is_time))
        if sub and (frac * sub[0]) == int(frac * sub[0]):
            head = f"{whole}{letter}" if whole else ""
            return f"{pre}{head}{sub[2]}{int(frac * sub[0])}{sub[1]}"
        return f"{pre}{v}{letter}"
    return f"{pre}{int(v)}{letter}"


_SET_CONTEXT = re.compile(r"(?:(?<![\d'])(?!1\d{3}s?\b|20\d{2}s?\b)\d|percent|times|twice|once|cents?|dollars?|a\s+share|million|billion|thousand|hundred|barrels|tons)\W*(?:\w+\W+){0,2}$", re.I)


def _h_duration(m: re.Match, ctx: _Ctx) -> _Res | None:
    unit = unit_of(m["unit"])
    if unit is None:
        return None
    num_txt = m["num"]
    n = parse_number(num_txt)
    if n is not None and "and a half" in m[0].lower():
        n += 0.5
    low_num = num_txt.lower().strip()
    full = m[0].lower()
    if low_num in ("a", "an") and unit[0] == "S" and not m["q"] and not m["adj"]:
        return None  # "a second time": an ordinal, not one second
    if low_num in ("a", "an", "one") and not m["det"] and not m["adj"] and not m["q"]:
        before = ctx.text[max(0, m.start() - 40):m.start()]
        if low_num in ("a", "an") and _SET_CONTEXT.search(before) and not re.search(r"\b(?:for|in|within|over|about|than|after|before|of)\s*$", before, re.I):
            return _Res("SET", _duration_value(1, unit))
    if n is not None and n > 10000:
        return None
    if n is None and low_num in ("some", "many") and unit[0] not in ("Y", "M", "W", "D", "H"):
        return None
    if m["unit"][0].isupper() and low_num[:1].isdigit() and m.start() > 0 and ctx.text[m.start() - 2:m.start()].strip() not in (".", ""):
        return None  # "60 Minutes", "48 Hours": a title, not a duration
    if re.search(r"\w-quarters$", full):
        return None  # "three-quarters of": a fraction
    if full.endswith("-old") or re.match(r"\s+old\b", ctx.text[m.end():m.end() + 5]):
        return None  # ages ("a 52-year-old", "52 years old") are not time expressions in TimeML
    if "-" in full and n is None and low_num not in ("several", "few", "many"):
        return None
    adj = (m["adj"] or "").lower()
    if adj in ("same",):
        return None
    res = _Res("DURATION", _duration_value(n, unit))
    cardinal = n is not None and not low_num.startswith(("couple", "half"))
    if m["det"] and not m["adj"] and (re.search(r"\w-(?:" + UNIT + r")\b", m[0], re.I) or (m["det"].lower() in ("a", "an") and cardinal)):
        res.start = m.start("num") if not m["q"] else m.start("q")  # "a five-year deal", "a five year low"
    if adj == "last" and m["q"]:
        res.start = m.start("q")  # "to last over a week": the verb "last"
    if m["q"] and m["q"].lower() in ("only", "just", "barely"):
        res.start = m.start("num")  # focus particles are not part of the expression
    return res


def _h_offset(m: re.Match, ctx: _Ctx) -> _Res | None:
    """"two days later", "a year ago", "a week earlier"."""
    unit = unit_of(m["unit"])
    if unit is None:
        return None
    n = parse_number(m["num"])
    direction = m["dir"].lower()
    letter, is_time, mult = unit
    if direction == "ago" or "now" in direction or direction == "hence":
        base, anchor = (ctx.dct, "publication") if ctx.dct else (ctx.ref, "narrative")
    else:
        coarse = _coarse_story(ctx, m.start()) if letter in ("D", "WE", "W") else None
        if coarse and n is not None:
            return _Res("DATE", coarse, "narrative")
        base, anchor = _narr_date(ctx, day_level=letter in ("D", "WE", "W"))
    same_day = _same_sentence_day(ctx, m.start()) if letter == "Y" and mult == 1 and n == 1 and direction in ("earlier", "before") else None
    if same_day is not None:  # "sales on Saturday rose from a year earlier": that day, a year before
        try:
            return _Res("DATE", same_day.replace(year=same_day.year - 1).isoformat(), "narrative")
        except ValueError:  # 29 February
            return _Res("DATE", (same_day - timedelta(days=365)).isoformat(), "narrative")
    ago = _year_ago_quarter(ctx, m.start()) if letter == "Y" and mult == 1 and n == 1 else None
    if ago:  # "a year earlier" in an earnings report: the same quarter a year before
        return _Res("DATE", f"{ago[0]:04d}-Q{ago[1]}", "narrative")
    if n is None:
        if direction != "ago":  # "a few days later": the vague amount is a duration
            return _Res("DURATION", _duration_value(None, unit), end=m.end("unit"))
        return _Res("DATE", "PAST_REF", anchor)
    if is_time:  # "two hours later": the clock is rarely known, keep the duration
        return _Res("DURATION", _duration_value(n, unit), end=m.end("unit"))
    if base is None:
        return None
    sign = -1 if direction in ("ago", "earlier", "before") else 1
    v = n * mult * sign
    if letter in ("D", "WE"):
        d = base + timedelta(days=int(v) * (2 if letter == "WE" else 1))
        return _Res("DATE", d.isoformat(), anchor)
    if letter == "W":
        d = base + timedelta(weeks=int(v))
        if int(n) <= 2:
            return _Res("DATE", d.isoformat(), anchor)
        return _Res("DATE", week_value(d), anchor)
    if letter == "M":
        y, mo = add_months(base.year, base.month, int(v))
        return _Res("DATE", ym(y, mo), anchor)
    if letter == "Q":
        y, q = add_quarters(base.year, quarter_of(base), int(v))
        return _Res("DATE", f"{y:04d}-Q{q}", anchor)
    if letter == "Y":
        return _Res("DATE", f"{base.year + int(v):04d}", anchor)
    return None


def _same_sentence_day(ctx: _Ctx, pos: int) -> date | None:
    """A day-level date named earlier in the sentence of ``pos`` and after any quarter mention."""
    if ctx.ref is None or ctx.ref_gran not in _DAY_LEVEL or not 0 <= pos - ctx.ref_pos < 200:
        return None
    if ctx.quarter is not None and ctx.quarter_pos > ctx.ref_pos - 200:
        return None  # an earnings story: "a year earlier" is the year-ago quarter
    if re.search(r"[.!?]\s", ctx.text[ctx.ref_pos:pos]):
        return None
    return ctx.ref


def _h_year_adj(m: re.Match, ctx: _Ctx) -> _Res | None:
    """"year-earlier", "year-ago": the same period one year before the current one."""
    ago = _year_ago_quarter(ctx, m.start())
    if ago:
        return _Res("DATE", f"{ago[0]:04d}-Q{ago[1]}", "narrative")
    base = _anchor_date(ctx)
    if base is None:
        return None
    return _Res("DATE", f"{base.year - 1:04d}", "publication")


def _h_rel_unit(m: re.Match, ctx: _Ctx) -> _Res | None:
    """"last week", "this month", "next year", "earlier this year", "the past year"."""
    rel = re.sub(r"\s+", " ", (m["rel"] or "")).lower().strip()
    unit = m["unit"].lower()
    mod = _mod_of(m["mod"])
    base = ctx.dct
    anchor = "publication"
    if base is None:
        base, anchor = ctx.ref, "narrative"
    if base is None:
        return None
    if rel in ("the", "") and unit == "year" and re.match(r"\s+(?:ended|ending|to|through)\b", ctx.text[m.end():m.end() + 10]):
        return _Res("DURATION", "P1Y")
    if unit in ("decade", "century") and rel in ("the past", "the last", "past", "the previous") and re.search(
            r"\b(?:for|over|throughout)\s+$", ctx.text[max(0, m.start() - 12):m.start()], re.I):
        return _Res("DURATION", "P10Y" if unit == "decade" else "P100Y")  # "for the past decade": a length of time
    story = _story_clock(ctx, m.start(), reach=600) if rel == "the" and unit in ("month", "year", "week") else None
    if story is not None:  # "By the end of the month", told in a dated story: the story's month
        base, anchor = story, "narrative"
    k = 0
    if rel in ("last", "the past", "the last", "past", "the previous", "this past", "the latest"):
        k = -1
    elif rel in ("next", "the coming", "the next", "coming"):
        k = 1
    if unit == "week":
        if k == -1 and base.isoweekday() == 7:
            k = 0  # on a Sunday, "last week" is the (Monday-)week just ending
        return _Res("DATE", week_value(base + timedelta(weeks=k)), anchor, mod)
    if unit == "weekend":
        d = base + timedelta(weeks=k)
        if k == 0 and (base.isoweekday() <= 4 and not strong_future(ctx.text, m.start())
                       or base.isoweekday() == 5 and tense_before(ctx.text, m.start(), m.end()) == "past"
                       and re.search(r"\b(?:over|at|during|on)\s+$", ctx.text[max(0, m.start() - 8):m.start()])
                       and not re.search(r"\bto\s+\w+\b[^.]*$", ctx.text[max(0, m.start() - 40):m.start()])):
            d = base - timedelta(weeks=1)  # said early in the week (or on Friday, of the past): the weekend just past
        return _Res("DATE", week_value(d) + "-WE", anchor, mod)
    if unit == "month":
        y, mo = add_months(base.year, base.month, k)
        return _Res("DATE", ym(y, mo), anchor, mod)
    if unit == "quarter":
        y, q = add_quarters(base.year, quarter_of(base), k)
        _set_quarter(ctx, y, q, m.end())
        return _Res("DATE", f"{y:04d}-Q{q}", anchor, mod)
    if unit == "year":
        return _Res("DATE", f"{base.year + k:04d}", anchor, mod)
    if unit == "decade":
        return _Res("DATE", f"{base.year // 10 + k:03d}", anchor, mod)
    if unit == "century":
        return _Res("DATE", f"{base.year // 100 + k:02d}", anchor, mod)
    return None


def _h_narrative(m: re.Match, ctx: _Ctx) -> _Res | None:
    """"the next day", "the following year", "that evening", "later that month"."""
    rel = re.sub(r"\s+", " ", m["rel"].lower())
    unit = m["unit"].lower()
    day_level = unit in ("day", "morning", "afternoon", "evening", "night", "week", "weekend")
    coarse = _coarse_story(ctx, m.start()) if day_level else None
    if coarse:
        return _Res("DATE", coarse, "narrative")
    base, anchor = _narr_date(ctx, day_level=day_level)
    if base is None:
        return None
    k = 1 if any(w in rel for w in ("next", "following", "after")) else -1 if any(w in rel for w in ("previous", "preceding", "before")) else 0
    pod = PARTS_OF_DAY.get(unit)
    if pod:
        d = base + timedelta(days=k)
        return _Res("TIME", f"{d.isoformat()}T{pod}", anchor)
    if unit == "day":
        return _Res("DATE", (base + timedelta(days=k)).isoformat(), anchor)
    if unit == "week":
        return _Res("DATE", week_value(base + timedelta(weeks=k)), anchor)
    if unit == "weekend":  # "the following weekend" after a Thursday is that week's
        d = base + timedelta(weeks=k) if k == 0 or (base.isoweekday() >= 6) == (k > 0) else base
        return _Res("DATE", week_value(d) + "-WE", anchor)
    if unit == "month":
        y, mo = add_months(base.year, base.month, k)
        return _Res("DATE", ym(y, mo), anchor)
    if unit == "year":
        return _Res("DATE", f"{base.year + k:04d}", anchor)
    if unit == "quarter":
        y, q = add_quarters(base.year, quarter_of(base), k)
        return _Res("DATE", f"{y:04d}-Q{q}", anchor)
    if unit in SEASONS:
        code = SEASONS[unit]
        start_month = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
        y = base.year + (1 if k > 0 and start_month <= base.month else 0) - (1 if k < 0 and start_month >= base.month else 0)
        if k == 0 and code == "WI" and base.month <= 2:
            y -= 1
        return _Res("DATE", f"{y:04d}-{code}", anchor)
    return None


def _h_day_around(m: re.Match, ctx: _Ctx) -> _Res | None:
    """"the day before", "the day after" standing alone: one day off the narrative clock."""
    base, anchor = _narr_date(ctx, day_level=True)
    if base is None:
        return None
    k = 1 if m["dir"].lower() == "after" else -1
    return _Res("DATE", (base + timedelta(days=k)).isoformat(), anchor)


def _h_later(m: re.Match, ctx: _Ctx) -> _Res | None:
    """Sentence-initial "Later," on the narrative clock (same day as the last date)."""
    if ctx.ref is None or ctx.ref_gran not in ("day", "part-of-day", "hour"):
        return None
    return _Res("DATE", ctx.ref.isoformat(), "narrative")


#: Deictic words TimeML normalises to a reference value. "soon", "previously" and the
#: adjectives "recent"/"future" are left out on purpose: in news they are mostly not
#: annotated as time expressions, and tagging them costs more precision than it gains.
_REF_VALUES = {
    "now": "PRESENT_REF", "currently": "PRESENT_REF", "presently": "PRESENT_REF", "nowadays": "PRESENT_REF",
    "current": "PRESENT_REF", "at present": "PRESENT_REF", "right now": "PRESENT_REF", "these days": "PRESENT_REF",
    "the present": "PRESENT_REF", "recently": "PAST_REF", "lately": "PAST_REF", "the past": "PAST_REF",
    "the future": "FUTURE_REF", "a later date": "FUTURE_REF", "someday": "FUTURE_REF", "formerly": "PAST_REF",
}


def _h_ref(m: re.Match, ctx: _Ctx) -> _Res | None:
    w = re.sub(r"\s+", " ", m[0].lower())
    if w.startswith(("the near", "the distant", "the short")):
        return _Res("DATE", "FUTURE_REF", "publication")
    if w.startswith(("recent ", "the recent ", "past ")):
        return _Res("DATE", "PAST_REF", "publication")
    if "coming" in w:
        return _Res("DATE", "FUTURE_REF", "publication")
    v = _REF_VALUES.get(w)
    if v is None:
        return None
    if w == "current" and not re.match(r"\s+[a-z]", ctx.text[m.end():m.end() + 3]):
        return None
    if w == "the future":
        pre = ctx.text[max(0, m.start() - 8):m.start()].lower()
        if not re.search(r"\b(?:in|into|about|for|near|toward|towards|until|till)\s+$", pre) or re.match(r"\s+of\b", ctx.text[m.end():m.end() + 4]):
            return None  # "the future of our peoples": a noun, not a time
    if w == "now" and m.start() > 0 and ctx.text[m.start() - 1] == "-":
        return None
    return _Res("DATE", v, "publication")


_SPOKEN_TENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
                "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}


_PLURAL_AFTER = re.compile(r"\s+(?:more\s+|other\s+)?[a-z]+s\b")


def _h_spoken_year(m: re.Match, ctx: _Ctx) -> _Res | None:
    """"nineteen ninety-six", "the year two thousand": years as spoken in transcripts."""
    year_ctx = m["the"] or re.search(r"\b(?:in|of|since|until|till|by|from|before|after|during)\s+$", ctx.text[max(0, m.start() - 8):m.start()], re.I)
    if m["millennium"] and not (year_ctx or (m["rest2"] and m["millennium"].lower() != "twenty" and not _PLURAL_AFTER.match(ctx.text[m.end():m.end() + 20]))):
        return None  # "two thousand troops", "twenty five people"
    if m["millennium"]:
        if m["millennium"].lower() == "twenty" and not m["rest2"]:
            return None
        rest = parse_number(m["rest2"]) if m["rest2"] else 0
        if rest is None:
            return None
        y = 2000 + int(rest)  # "two thousand and three", "in twenty twenty-three"
        if ctx.dct is not None and y > ctx.dct.year + 30:
            return None
    else:
        rest = parse_number(m["rest"])
        if rest is None or not 10 <= rest <= 99:
            return None
        y = _SPOKEN_TENS[m["cent"].lower()] * 100 + int(rest)
    start = m.start("y") if not m["the"] else None
    return _Res("DATE", f"{y:04d}", "absolute", start=start)


def _h_holiday(m: re.Match, ctx: _Ctx) -> _Res | None:
    name = re.sub(r"\s+", " ", m["name"].lower())
    if not _named(m["name"], ctx):
        return None
    rel = (m["rel"] or "").lower()
    if m["yr"]:
        y, anchor = int(m["yr"]), "absolute"
    else:
        probe = _holiday_date(name, 2000)
        if probe is None:
            return None
        base = _anchor_date(ctx)
        if base is None:
            return None
        y, anchor = _month_year(ctx, probe.month, probe.day, m.start(), m.end())
        if rel == "last":
            y = base.year - 1 if _holiday_date(name, base.year) >= base else base.year
        elif rel == "next":
            y = base.year + 1 if _holiday_date(name, base.year) <= base else base.year
    d = _holiday_date(name, y)
    if d is None:
        return None
    wk = re.match(r"\s+week\b", ctx.text[m.end():m.end() + 8])
    if wk:  # "Easter week": the ISO week of the holiday
        return _Res("DATE", week_value(d), anchor, end=m.end() + wk.end())
    return _Res("DATE", d.isoformat(), anchor)


def _h_set_word(m: re.Match, ctx: _Ctx) -> _Res | None:
    w = m[0].lower()
    table = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W", "monthly": "P1M",
             "bimonthly": "P2M", "quarterly": "P3M", "annually": "P1Y", "yearly": "P1Y",
             "hourly": "PT1H", "semiannually": "P6M", "semi-annually": "P6M", "biannually": "P6M"}
    if w == "daily" and re.match(r"\s+[A-Z]", ctx.text[m.end():m.end() + 3]):
        return None  # "the party daily Granma": a newspaper
    if w == "quarterly" and re.match(r"\s+[a-z]", ctx.text[m.end():m.end() + 3]):
        return None  # "quarterly dividend": an adjective, not a recurring time
    return _Res("SET", table[w]) if w in table else None


def _h_set_every(m: re.Match, ctx: _Ctx) -> _Res | None:
    tok = m["what"]
    low = tok.lower()
    if m[0][:2].lower() in ("a ", "an"):
        before = ctx.text[max(0, m.start() - 40):m.start()]
        if unit_of(low) is None or not _SET_CONTEXT.search(before):
            return None  # "an Aug. 1 deadline", "a second time": not a recurrence
    num = 2 if (m["n"] or "").lower() == "other" else parse_number(m["n"]) if m["n"] else 1
    wd = weekday_number(low)
    if wd is not None and _named(tok, ctx):
        pod = _pod_code(m["pod"])
        return _Res("SET", f"XXXX-WXX-{wd}" + (f"T{pod}" if pod else ""))
    mon = month_number(low)
    if mon is not None and _named(tok, ctx) and low not in ("may", "march"):
        return _Res("SET", f"XXXX-{mon:02d}")
    pod = _pod_code(low)
    if pod:
        return _Res("SET", f"XXXX-XX-XXT{pod}")
    unit = unit_of(low)
    if unit is None:
        return None
    if low.endswith("s") and not m["n"]:
        return None
    return _Res("SET", _duration_value(num or 1, unit))


def _h_long_adj(m: re.Match, ctx: _Ctx) -> _Res | None:
    """"day-long", "decades-long", "a two-week-long": a duration used as an adjective."""
    unit = unit_of(m["unit"])
    if unit is None:
        return None
    n = parse_number(m["num"]) if m["num"] else (None if m["unit"].lower().endswith("s") else 1)
    if m["num"] and m["num"].lower() in ("a", "an"):
        plural = m["unit"].lower().endswith("s")
        return _Res("DURATION", _duration_value(None if plural else 1, unit), start=m.start("unit"))
    return _Res("DURATION", _duration_value(n, unit))


def _h_vague_span(m: re.Match, ctx: _Ctx) -> _Res | None:
    """"for a while", "for some time": a duration of unknown length."""
    return _Res("DURATION", "PXX")


def _h_year_end(m: re.Match, ctx: _Ctx) -> _Res | None:
    """"by year-end", "year's end": the end of the current year (mod END)."""
    base = _anchor_date(ctx)
    if base is None:
        return None
    y = base.year
    if re.search(r"\bsince\s+(?:the\s+)?$", ctx.text[max(0, m.start() - 8):m.start()], re.I):
        y -= 1  # "since year-end": the last one
    return _Res("DATE", f"{y:04d}", "publication", "END")


def _h_vague_plural(m: re.Match, ctx: _Ctx) -> _Res | None:
    unit = unit_of(m["unit"] or m["unit2"])
    if unit is None:
        return None
    return _Res("DURATION", _duration_value(None, unit))


# ---------------------------------------------------------------- the rule table

_I = re.I
_MODP = r"(?P<mod>early|late|mid|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of)"
_RELYEAR = r"(?:this|last|next|the\s+previous|the\s+following)\s+year"
_SPOKEN = (r"(?:nineteen|eighteen)\s+(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
           r"(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?")


def _spoken_year_value(s: str) -> int | None:
    """"nineteen ninety-four" -> 1994."""
    parts = s.lower().split(None, 1)
    if len(parts) != 2 or parts[0] not in _SPOKEN_TENS:
        return None
    rest = parse_number(parts[1])
    return _SPOKEN_TENS[parts[0]] * 100 + int(rest) if rest and 10 <= rest <= 99 else None


_RULES: list[tuple[str, re.Pattern, Callable[[re.Match, _Ctx], _Res | None]]] = [
    ("full_date", re.compile(
        rf"\b(?:{WEEKDAY_FULL},?\s+)?(?:the\s+(?=\d|[a-z]+(?:[\s-][a-z]+)?\s+of\s))?(?:"
        rf"(?P<mon1>{MONTH})\s+(?P<day1>{DAYNUM})(?!\d)(?!\s*(?:%|percent))(?:,?\s+(?P<year1>{YEAR4})(?!\d))?"
        rf"|(?P<day2>{DAYNUM}|{DAY_ORD})(?!\d)(?:\s+of)?\s+(?P<mon2>{MONTH})(?:,?\s+(?P<year2>{YEAR4})(?!\d))?)\b", _I), _h_full_date),
    ("iso_date", re.compile(r"\b(?P<y>1[89]\d\d|20\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b"), _h_iso_date),
    ("numeric_date", re.compile(r"\b\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})\b"), _h_numeric_date),
    ("month_year", re.compile(
        rf"\b(?:{_MODP}[\s-]+)?(?P<mon>{MONTH})(?:\s+of|,)?\s+(?P<yr>{YEAR4}(?!\d)|{_RELYEAR}|{_SPOKEN})\b", _I), _h_month_year),
    ("month", re.compile(
        rf"\b(?:(?P<rel>last|this|next|this\s+past|this\s+coming|coming|past)\s+|{_MODP}[\s-]+)?(?P<mon>{MONTH})(?!\w)", _I), _h_month),
    ("year", re.compile(
        rf"(?:\b(?P<pre>early|late|mid|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of|fiscal(?:\s+year)?|calendar|the\s+year)[\s-]+)?(?<![\w$#.,'])(?P<y>{YEAR4})(?!\d)(?!'?s\b)", _I), _h_year),
    ("decade", re.compile(
        rf"(?:\bthe\s+)?(?:{_MODP}[\s-]+)?(?P<dec>\b\d{{3}}0'?s\b|'\d0'?s\b|\b(?:nineteen\s+)?(?:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b)", _I), _h_decade),
    ("century", re.compile(
        rf"\b(?:the\s+)?(?:{_MODP}[\s-]+)?(?P<cent>this|last|next|the\s+current|the\s+last|the\s+previous|the\s+next|\d{{1,2}}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-first)[\s-]+century\b", _I), _h_century),
    ("quarter_ord", re.compile(
        r"\b(?:(?P<own>the|this|last|next|its|their|a|this\s+year's|last\s+year's|next\s+year's|fiscal\s+(?P<yr1>\d{4})'s)\s+)?"
        r"(?P<pre>(?:(?:\d{4}|year[-\s]ago|year[-\s]earlier|comparable|corresponding|same|flat|strong|weak|disappointing|fiscal)\s+)+)?"
        r"(?:(?:fiscal|calendar|current)[\s-]+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|final)[\s-]+(?:fiscal[\s-]+)?quarter\b"
        r"(?:\s+of\s+(?:fiscal\s+)?(?P<yr2>\d{4}|this\s+year|last\s+year|next\s+year)|,?\s+(?:fiscal\s+)?(?P<yr3>\d{4})(?!\d))?", _I), _h_quarter_ord),
    ("quarter_rel", re.compile(
        r"\b(?P<rel>the\s+\d{4}|the\s+(?:comparable|corresponding)\s+year[-\s]ago|the\s+year[-\s]ago|the\s+year[-\s]earlier|a\s+year[-\s]ago|a\s+year[-\s]earlier|the\s+current(?:\s+fiscal)?|this(?:\s+fiscal)?|last|next|the\s+next|the\s+coming|the\s+latest(?:\s+fiscal)?|the\s+most\s+recent|the\s+previous|the\s+past|the\s+last|the\s+fiscal|the|that)\s+(?:quarter|period)\b(?!s)", _I), _h_quarter_rel),
    ("quarter_code", re.compile(r"\b(?:Q(?P<q1>[1-4])|(?P<q2>[1-4])Q)(?:\s+(?P<yr>\d{4}))?\b"), _h_quarter_code),
    ("half", re.compile(
        r"\b(?:the\s+)?(?P<h>first|second|last|latter)\s+half(?:\s+of\s+(?:the\s+year|fiscal\s+)?(?P<yr>\d{4}|this\s+year|last\s+year|next\s+year)?)?\b", _I), _h_half),
    ("season", re.compile(
        rf"\b(?:(?P<rel>last|this|next|this\s+past|this\s+coming|coming|past|the)\s+)?(?:(?:the\s+)?{_MODP}[\s-]+)?(?P<s>spring|summer|fall|autumn|winter)\b(?:\s+of\s+(?P<yr>{YEAR4}|{_SPOKEN})\b|\s+(?P<yr_>{YEAR4})\b)?", _I), _h_season),
    ("relday", re.compile(
        rf"\b(?:(?P<mod>early|late|earlier|later|mid)[\s-]+)?(?P<two>the\s+day\s+(?:before\s+yesterday|after\s+tomorrow)\b|(?P<dw>today|tonight|yesterday|tomorrow))(?:\s+(?P<pod>{POD}))?\b", _I), _h_relday),
    ("weekday", re.compile(
        rf"\b(?:(?P<mod>early|late|earlier|later|mid)[\s-]+(?:on\s+)?)?(?:(?P<rel>last|next|this|this\s+past|this\s+coming|coming|past|the\s+previous|the\s+preceding|the\s+following|the\s+next|that)\s+)?(?P<wd>{WEEKDAY_FULL}s?)(?:\s+(?P<pod>{POD}s?))?\b", _I), _h_weekday),
    ("pod", re.compile(
        rf"\b(?:(?:early|late|later|earlier|mid)[\s-]+)?(?P<rel>this|last|tomorrow|yesterday|that|the\s+same|(?<=in\s)the|(?<=by\s)the|(?<=during\s)the)\s+(?P<pod>{POD})\b", _I), _h_pod),
    ("pod_mid", re.compile(rf"\b(?:(?P<rel>)mid|late|early)[\s-]*(?P<pod>morning|afternoon|evening)\b(?:\s+(?P<day>yesterday|today|tomorrow|{WEEKDAY_FULL})\b)?", _I), _h_pod),
    ("time", re.compile(
        rf"\b(?:(?:about|around|approximately|shortly\s+(?:before|after)|just\s+(?:before|after))\s+)?"
        rf"(?P<clock>\d{{1,2}}(?:[:.]\d{{2}})?\s*(?:a\.m\.?|p\.m\.?|am\b|pm\b|o'clock|in\s+the\s+(?:morning|afternoon|evening))|\d{{1,2}}:\d{{2}}(?!\d)|(?:[01]\d|2[0-3])[0-5]\d(?=\s+(?:GMT|UTC|hours|hrs|local\s+time)\b)|noon\b|midnight\b|midday\b)"
        rf"(?:\s+(?P<zone>EST|EDT|CST|CDT|MST|MDT|PST|PDT|GMT|UTC|BST|CET|local\s+time|hours)\b)?"
        rf"(?:,?\s+(?:on\s+)?(?P<day>{WEEKDAY_FULL},?\s+(?:{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH})(?:,?\s+\d{{4}})?|(?:(?:next|last|this)\s+)?{WEEKDAY_FULL}|today|yesterday|tomorrow|{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?|\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH}(?:,?\s+\d{{4}})?)\b)?", _I), _h_time),
    ("week_of", re.compile(
        rf"\b(?:the\s+)?week\s+of\s+(?P<day>(?:{MONTH}\s+{DAYNUM}|{DAYNUM}\s+{MONTH})(?:,?\s+{YEAR4})?)(?!\w)", _I), _h_week_of),
    ("offset", re.compile(
        rf"\b(?:(?:about|nearly|almost|some|more\s+than|less\s+than|only|just|roughly|around|approximately|over|barely|at\s+least)\s+)?"
        rf"(?P<num>{NUM})[\s-]+(?P<unit>{UNIT})(?:\s+or\s+so)?\s+(?P<dir>ago|earlier|later|from\s+now|hence|before(?=\s*[,.;)]|\s*$)|after(?=\s*[,.;)]|\s*$))", _I), _h_offset),
    ("year_adj", re.compile(r"\b(?:a\s+)?year-(?:ago|earlier)\b", _I), _h_year_adj),
    ("rel_unit", re.compile(
        rf"\b(?:(?P<mod>early|late|earlier|later|mid|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of|the\s+rest\s+of|the\s+remainder\s+of)[\s-]+)?"
        rf"(?P<rel>this|last|next|the\s+past|the\s+last|the\s+coming|the\s+current|past|this\s+past|the\s+previous|the\s+latest|the)\s+(?:(?:fiscal|full|calendar|current|entire|whole)\s+)?(?P<unit>week|weekend|month|quarter|year|decade|century)\b(?!-|\s+(?:of|ago|earlier|later)\b)", _I), _h_rel_unit),
    ("narrative", re.compile(
        rf"\b(?P<rel>the\s+next|the\s+following|the\s+previous|the\s+preceding|the\s+same|that|earlier\s+that|later\s+that|earlier\s+the\s+same|later\s+the\s+same|the\s+day\s+after|the\s+day\s+before)\s+(?P<unit>day|morning|afternoon|evening|night|week|weekend|month|year|quarter|spring|summer|autumn|fall|winter)\b", _I), _h_narrative),
    ("day_around", re.compile(r"\b(?:the\s+)?day\s+(?P<dir>before|after)(?=\s*[,.;:)!?]|\s+(?:that|this|it|he|she|they|we|the\s+\w+\s+(?:was|had|were)))", _I), _h_day_around),
    ("later", re.compile(r"(?:(?<=[.!?]\s)|(?<=\n)|^)(?:Later|Later\s+on|Afterwards)(?=,)"), _h_later),
    ("ref", re.compile(
        r"\b(?:now|currently|presently|nowadays|current|at\s+present|these\s+days|the\s+present(?!\s+\w+ed\b)|recently|lately|recent\s+(?:years|months|weeks|days|decades)|"
        r"the\s+recent\s+(?:years|months|weeks|past)|past\s+(?:years|decades)|formerly|the\s+past(?!\s+(?:few|several|\d|two|three|four|five|six|seven|eight|nine|ten|year|month|week|decade|century|quarter|day))|"
        r"the\s+(?:near\s+|distant\s+)?future|the\s+(?:near|short)\s+term|a\s+later\s+date|someday|(?:the\s+)?coming\s+(?:years|months|weeks|days|decades|quarters))\b", _I), _h_ref),
    ("spoken_year", re.compile(
        r"\b(?P<the>the\s+year\s+)?(?P<y>(?:(?P<cent>nineteen|eighteen|seventeen)\s+(?P<rest>(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen))"
        r"|(?P<millennium>two\s+thousand|twenty)(?:\s+(?:and\s+)?(?P<rest2>(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|"
        r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen))?)\b", _I), _h_spoken_year),
    ("holiday", re.compile(
        r"\b(?:(?P<rel>last|next|this)\s+)?(?P<name>Thanksgiving(?:\s+Day)?|Christmas(?:\s+(?:Eve|Day))?|New\s+Year's\s+(?:Eve|Day)|Halloween|Independence\s+Day|Valentine's\s+Day|Election\s+Day|Black\s+Friday|Cyber\s+Monday|Easter(?:\s+(?:Sunday|Monday))?|Good\s+Friday|Palm\s+Sunday|Ash\s+Wednesday|Pentecost|Memorial\s+Day|Labou?r\s+Day|Columbus\s+Day|Martin\s+Luther\s+King(?:\s+Jr\.)?\s+Day|Presidents'?\s+Day|Mother's\s+Day|Father's\s+Day|Boxing\s+Day|Veterans\s+Day|Armistice\s+Day|Remembrance\s+Day|Bastille\s+Day|May\s+Day|(?:St\.|Saint)\s+Patrick's\s+Day|Flag\s+Day|Juneteenth|Groundhog\s+Day|Victory\s+Day)(?:,?\s+(?P<yr>\d{4})(?!\d))?\b"), _h_holiday),
    ("set_word", re.compile(r"\b(?:daily|nightly|weekly|biweekly|monthly|bimonthly|quarterly|annually|yearly|hourly|semi-?annually|biannually)\b", _I), _h_set_word),
    ("set_every", re.compile(
        rf"\b(?:every|each|per|a|an)\s+(?:(?P<n>other|two|three|four|five|six|\d+)\s+)?(?P<what>{WEEKDAY_FULL}|{MONTH}|{UNIT}|morning|afternoon|evening|night)(?:\s+(?P<pod>{POD}))?\b", _I), _h_set_every),
    ("duration", re.compile(
        rf"\b(?:(?P<det>the|a|an|its|their|his|her)\s+)?(?:(?P<adj>past|last|next|first|final|coming|previous|following|initial|remaining|ensuing|latest|same|entire|whole|full|another|additional|further)\s+)?"
        rf"(?:(?P<q>more\s+than|less\s+than|fewer\s+than|nearly|almost|about|approximately|roughly|around|at\s+least|at\s+most|up\s+to|over|under|some|just|only|barely|an\s+additional|a\s+further|another)\s+)?"
        rf"(?P<num>{NUM})(?:\s+and\s+a\s+half)?(?:\s+or\s+(?:so|more|two|three|four|five|six|\d+))?[\s-]+(?:more\s+)?(?:(?:trading|business|working|calendar|school|full)\s+)?(?P<unit>{UNIT})(?![\w-])(?:\s+and\s+a\s+half)?(?:-old)?(?:\s+or\s+so)?", _I), _h_duration),
    ("long_adj", re.compile(
        rf"\b(?:(?P<num>{NUM})[\s-]+)?(?P<unit>hours?|days?|weeks?|months?|years?|decades?|centur(?:y|ies))-?long\b", _I), _h_long_adj),
    ("vague_plural", re.compile(rf"(?:(?<=\bfor\s)|(?<=\bwithin\s)|(?<=\bcould\slast\s)|(?<=\bwould\slast\s)|(?<=\bwill\slast\s)|(?<=\bmay\slast\s)|(?<=\bmight\slast\s)|(?<=\bto\slast\s)|(?<=\blasted\s)|(?<=\btook\s)|(?<=\bspent\s))(?P<unit>years|decades|months|weeks|centuries|hours|days)\b"
                               rf"|\bthe\s+(?P<unit2>years|months|weeks|days)\s+ahead\b", _I), _h_vague_plural),
    ("vague_span", re.compile(r"(?<=\bfor\s)(?:quite\s+)?(?:a\s+while|some\s+time)\b", _I), _h_vague_span),
    ("pod_word", re.compile(
        r"(?:(?<=\bat\s)|(?<=\bby\s)|(?<=\bbefore\s)|(?<=\bafter\s)|(?<=\buntil\s)|(?<=\btill\s)|(?<=\bfrom\s)|(?<=\bsince\s))"
        r"(?:dawn|daybreak|sunrise|first\s+light|dusk|sunset|sundown|nightfall)\b"
        r"|\bovernight\b(?![\s-]+(?:rates?|interest|loans?|deposits?|lending|repos?|trading|session|stays?|success|sensation|bags?|flights?|trains?|buses|camps?|guests?|visits?|trips?|delivery|shipping))", _I), _h_pod_word),
    ("year_end", re.compile(r"\b(?:the\s+)?(?:year[-\s]end|year's\s+end)\b", _I), _h_year_end),
]

def _lower_pattern(rx: re.Pattern) -> re.Pattern:
    """The same pattern, case-sensitive, for lower-cased text (escapes like ``\\S`` kept)."""
    out, i, p = [], 0, rx.pattern
    while i < len(p):
        if p[i] == "\\" and i + 1 < len(p):
            out.append(p[i:i + 2])
            i += 2
            continue
        if p.startswith("(?P", i):
            out.append("(?P")
            i += 3
            continue
        out.append(p[i].lower())
        i += 1
    return re.compile("".join(out), rx.flags & ~re.I)


#: rules whose letters are matched case-insensitively run on the lower-cased text
_ON_LOWER = [bool(rx.flags & re.I) for _, rx, _ in _RULES]
_RULES = [(name, _lower_pattern(rx) if low else rx, h) for (name, rx, h), low in zip(_RULES, _ON_LOWER)]
_FULL_DATE_RX = _RULES[0][1]


# ---------------------------------------------------------------- main loop


def _to_date(dct: date | datetime | str | None) -> date | None:
    if dct is None:
        return None
    if isinstance(dct, datetime):
        return dct.date()
    if isinstance(dct, date):
        return dct
    try:
        return date.fromisoformat(str(dct)[:10])
    except ValueError:
        return None


_UNIT_WORDS = ("second", "seconds", "sec", "secs", "minute", "minutes", "min", "mins", "hour", "hours", "hr", "hrs",
               "day", "days", "night", "nights", "week", "weeks", "weekend", "weekends", "fortnight", "fortnights",
               "month", "months", "quarter", "quarters", "year", "years", "yr", "yrs", "decade", "decades",
               "century", "centuries", "millennium", "millennia")
_MONTH_WORDS = tuple(MONTHS)
_WEEKDAY_WORDS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                  "mondays", "tuesdays", "wednesdays", "thursdays", "fridays", "saturdays", "sundays")
_POD_WORDS = ("morning", "afternoon", "evening", "night", "mornings", "afternoons", "evenings", "nights")
_YEAR = "<year>"  # pseudo-anchor: a 4-digit token 1000-2099

#: rule -> (anchor words, raw substrings, chars searched before an anchor, chars after it).
#: A rule's regex only runs in small windows around its anchors: that is what makes the
#: tagger fast (most of a text holds no time word at all).
_ANCHORS: dict[str, tuple[tuple[str, ...], tuple[str, ...], int, int]] = {
    "full_date": (_MONTH_WORDS, (), 28, 22),
    "iso_date": ((_YEAR,), (), 2, 8),
    "numeric_date": ((_YEAR,), (), 8, 2),
    "month_year": (_MONTH_WORDS, (), 26, 34),
    "month": (_MONTH_WORDS, (), 24, 2),
    "year": ((_YEAR,), (), 28, 3),
    "decade": (("twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"),
               ("0s", "0's"), 30, 3),
    "century": (("century", "centuries"), (), 34, 2),
    "quarter_ord": (("quarter", "quarters"), (), 48, 32),
    "quarter_rel": (("quarter", "period"), (), 30, 2),
    "quarter_code": (("q1", "q2", "q3", "q4", "1q", "2q", "3q", "4q"), (), 2, 8),
    "half": (("half",), (), 12, 28),
    "season": (("spring", "summer", "fall", "autumn", "winter"), (), 30, 34),
    "relday": (("today", "tonight", "yesterday", "tomorrow"), (), 22, 12),
    "weekday": (_WEEKDAY_WORDS, (), 22, 14),
    "pod": (_POD_WORDS, (), 28, 2),
    "pod_mid": (("morning", "afternoon", "evening"), (), 8, 14),
    "time": (("m", "am", "pm", "noon", "midnight", "midday", "clock", "gmt", "utc", "est", "edt", "morning",
              "afternoon", "evening"), (), 36, 34),
    "offset": (("ago", "earlier", "later", "now", "hence", "before", "after"), (), 64, 3),
    "week_of": (("week",), (), 6, 30),
    "year_adj": (("year",), (), 4, 10),
    "rel_unit": (("week", "weekend", "month", "quarter", "year", "decade", "century"), (), 38, 2),
    "narrative": (("day", "morning", "afternoon", "evening", "night", "week", "weekend", "month", "year", "quarter",
                   "spring", "summer", "autumn", "fall", "winter"),
                  (), 24, 2),
    "later": (("later", "afterwards"), (), 1, 10),
    "day_around": (("before", "after"), (), 9, 40),
    "ref": (("now", "currently", "presently", "nowadays", "current", "present", "days", "recently", "lately",
             "recent", "formerly", "past", "future", "term", "later", "someday", "coming"), (), 14, 22),
    "spoken_year": (("nineteen", "eighteen", "seventeen", "thousand", "twenty"), (), 14, 24),
    "holiday": (("thanksgiving", "christmas", "halloween", "independence", "valentine", "election", "friday", "monday",
                 "easter", "sunday", "wednesday", "pentecost", "memorial", "labor", "labour", "columbus", "king",
                 "presidents", "president", "mother", "father", "boxing", "veterans", "armistice", "remembrance",
                 "bastille", "may", "patrick", "flag", "juneteenth", "groundhog", "victory"),
                ("year's eve", "year's day"), 12, 22),
    "set_word": (("daily", "nightly", "weekly", "biweekly", "monthly", "bimonthly", "quarterly", "annually",
                  "yearly", "hourly", "semiannually", "annually", "biannually"), (), 6, 2),
    "set_every": (_UNIT_WORDS + ("every", "each", "per"), (), 22, 24),
    "duration": (_UNIT_WORDS, (), 44, 18),
    "long_adj": ((), ("long",), 40, 1),
    "vague_plural": (("years", "decades", "months", "weeks", "centuries", "hours", "days"), (), 5, 8),
    "vague_span": (("while", "time"), (), 14, 1),
    "year_end": (("end",), (), 12, 1),
    "pod_word": (("dawn", "daybreak", "sunrise", "light", "dusk", "sunset", "sundown", "nightfall", "overnight"), (), 8, 2),
}
_TOKEN = re.compile(r"[a-z]+")
# = (?<!\d)(?:1\d|20)\d\d(?!\d), written to open with a literal so the scanner skips to "1"/"2"
_YEAR_TOKEN = re.compile(r"(?:1(?<!\d1)\d|2(?<!\d2)0)\d\d(?!\d)")
_CLOCK = re.compile(r"\d:\d\d|\d\.\d\d\s*[ap]\.?m|\d[ap]m\b")  # also "3.15am", "5pm" (no anchor token)
_ANCHOR_SETS = {name: frozenset(ws) for name, (ws, _, _, _) in _ANCHORS.items()}
_ALL_ANCHORS = frozenset(w for ws, _, _, _ in _ANCHORS.values() for w in ws)
_ALL_RAWS = frozenset(r for _, rs, _, _ in _ANCHORS.values() for r in rs)
#: anchor word -> indices of the rules it anchors; rules searched in every span (raw
#: substrings, clock times). A span runs only the rules its words can trigger.
_RULES_BY_ANCHOR: dict[str, tuple[int, ...]] = {}
for _i, (_name, _, _) in enumerate(_RULES):
    for _w in _ANCHOR_SETS[_name]:
        _RULES_BY_ANCHOR[_w] = _RULES_BY_ANCHOR.get(_w, ()) + (_i,)
_RULES_ALWAYS = frozenset(i for i, (name, _, _) in enumerate(_RULES) if _ANCHORS[name][1] or name == "time")


def _word_spans(tl: str, word: str, a: int, b: int) -> list[tuple[int, int]]:
    """(start, end) of ``word`` as a whole token in ``tl[a:b]``."""
    out, i, n, size = [], tl.find(word, a, b), len(word), len(tl)
    while i >= 0:
        j = i + n
        if (i == 0 or not tl[i - 1].isalnum()) and (j >= size or not tl[j].isalnum()):
            out.append((i, j))
        i = tl.find(word, j, b)
    return out


def _raw_positions(tl: str, sub: str, a: int, b: int) -> list[int]:
    out, i = [], tl.find(sub, a, b)
    while i >= 0:
        out.append(i)
        i = tl.find(sub, i + 1, b)
    return out


def _anchor_positions(tl: str, a: int, b: int) -> dict[str, list[tuple[int, int]]]:
    """anchor word -> [(start, end)] in the span; years under the ``<year>`` key."""
    pos: dict[str, list[tuple[int, int]]] = {}
    for w in _ALL_ANCHORS.intersection(_TOKEN.findall(tl, a, b)):
        pos[w] = _word_spans(tl, w, a, b)
    years = [mm.span() for mm in _YEAR_TOKEN.finditer(tl, a, b)]
    if years:
        pos[_YEAR] = years
    return pos


_MAX_WINDOW = 4000  # merged windows stay small, so the time cap is checked often


def _windows(text: str, hits: list[tuple[int, int]], before: int, after: int, a: int, b: int) -> list[tuple[int, int]]:
    wins: list[tuple[int, int]] = []
    for s, e in sorted(hits):
        lo, hi = max(a, s - before), min(b, e + after)
        if hi < b and text[hi].isalnum():  # end the window at a word end
            k = text.find(" ", hi, b)
            hi = k if k >= 0 else b
        if wins and lo <= wins[-1][1] and wins[-1][1] - wins[-1][0] < _MAX_WINDOW:
            wins[-1] = (wins[-1][0], max(wins[-1][1], hi))
        else:
            wins.append((lo, hi))
    return wins


def _lower(text: str) -> str:
    """``text.lower()`` with the same length (a few characters lower-case to two: "İ")."""
    tl = text.lower()
    if len(tl) != len(text):
        tl = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
    return tl


def _chunks(text: str, spans: list[tuple[int, int]], size: int = 20000) -> list[tuple[int, int]]:
    """Spans merged and cut into pieces of at most ``size`` characters at line/sentence ends.

    Work proceeds piece by piece so the time cap is checked often and a capped
    document still returns the expressions of its first pieces.
    """
    merged: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    out: list[tuple[int, int]] = []
    for a, b in merged:
        while b - a > size:
            cut = a + size
            for sep in ("\n", ". ", " "):
                k = text.rfind(sep, a + size // 2, a + size)
                if k > a:
                    cut = k + len(sep)
                    break
            out.append((a, cut))
            a = cut
        out.append((a, b))
    return out


def _candidates(text: str, tl: str, spans: list[tuple[int, int]], deadline: float,
                raws_in_text: frozenset[str] | None = None) -> list[tuple[int, int, int, re.Match]]:
    """Every rule match in ``spans``: (start, end, rule index, match), searched near anchors only.

    ``raws_in_text``: the raw anchor substrings occurring anywhere in ``tl`` (the others
    are not searched for in each span), or None to search for all."""
    out: list[tuple[int, int, int, re.Match]] = []
    for a, b in spans:
        pos = _anchor_positions(tl, a, b)
        todo = set(_RULES_ALWAYS)
        for w in pos:
            todo.update(_RULES_BY_ANCHOR.get(w, ()))
        for i in sorted(todo):  # a rule none of whose anchors occur finds nothing: skipped
            name, rx, _ = _RULES[i]
            if time.monotonic() > deadline:  # spans are cut to <= 20k chars: checked often enough
                return out
            words, raws, before, after = _ANCHORS[name]
            hits = [p for w in _ANCHOR_SETS[name].intersection(pos) for p in pos[w]]
            for r in raws:
                if raws_in_text is None or r in raws_in_text:
                    hits.extend((k, k + len(r)) for k in _raw_positions(tl, r, a, b))
            if name == "time":
                hits.extend(mm.span() for mm in _CLOCK.finditer(tl, a, b))
            if not hits:
                continue
            src = tl if _ON_LOWER[i] else text
            for lo, hi in _windows(text, hits, before, after, a, b):
                for m in rx.finditer(src, lo, hi):
                    if m.end() > m.start() and (m.end() < hi or hi == b):
                        out.append((m.start(), m.end(), i, _Match(m, text) if _ON_LOWER[i] else m))
    return out


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;"):
        e -= 1
    return s, e


_FRAME_BEFORE = re.compile(
    r"(?:^|[.!?\n]\s*|[.!?]['\"]\s*|;\s*(?:and\s+|but\s+|then\s+)?(?=[Oo]n\s|[Ii]n\s|[Bb]y\s))"
    r"(?:In|By|During|Since|Throughout|On|Early\s+in|Late\s+in|In\s+early|"
    r"In\s+late|In\s+mid-?|Then,?\s+on|And\s+on|But\s+on|on|in|by)?\s*$")


#: see _in_relative_clause
NARRATIVE_SKIPS_RELATIVE_CLAUSES = True
_DEADLINE_BEFORE = re.compile(r"\b(?:by|until|till)\s+(?:the\s+end\s+of\s+)?$", re.I)
_PREP_BEFORE = re.compile(r"\b(?:on|in|for|by|until|till|since|from|to|at|during|after|before|of)\s+$", re.I)


_RELATIVE_OPENER = re.compile(r",\s+(?:who|which)\s", re.I)


def _in_relative_clause(text: str, start: int) -> bool:
    """Is ``start`` inside a ", who/which ..." clause opened in its sentence and not yet closed
    by a comma ("Trump, who arrived on Tuesday evening, met ...": the arrival's date is no
    clock for what the sentence and the next ones narrate)?"""
    lo = max(0, start - 200)
    b = max(text.rfind(".", lo, start), text.rfind("\n", lo, start), lo)
    m = None
    for m in _RELATIVE_OPENER.finditer(text, b, start):
        pass
    return m is not None and text.find(",", m.end(), start) < 0


#: A date in a past-perfect clause ("had been abducted on October 7"), earlier than the day
#: the story is on, is a flashback: it does not move the narrative clock back.
NARRATIVE_SKIPS_FLASHBACKS = True
_PLUPERFECT = re.compile(r"\b[Hh]ad\s+(?:\w+ly\s+|not\s+|also\s+|already\s+)?(?:been\s+)?\w+(?:ed|en|wn|un|ught|ft|ld|id|pt|nt|ne|de)\b")


def _pluperfect_before(text: str, pos: int) -> bool:
    """Is there a past perfect ("had been abducted", "had left") earlier in ``pos``'s sentence?"""
    lo = max(0, pos - 200)
    b = max(text.rfind(". ", lo, pos), text.rfind("\n", lo, pos), lo)
    return _PLUPERFECT.search(text, b, pos) is not None


def _sentence_end(text: str, pos: int) -> int:
    """Where the sentence holding ``pos`` ends (its stop, a line break, or the text's end)."""
    ends = [e for e in (text.find(". ", pos), text.find("\n", pos), text.find(".\"", pos)) if e >= 0]
    return min(ends) if ends else len(text)


def _restore_clock(ctx: _Ctx) -> None:
    """Put back the narrative clock a flashback sentence borrowed (see _update_narrative)."""
    assert ctx.restore is not None
    (_, ctx.ref, ctx.ref_gran, ctx.ref_pos, ctx.ref_anchor, ctx.ref_frame, ctx.ref_adverbial,
     ctx.story) = ctx.restore
    ctx.restore = None


def _update_narrative(ctx: _Ctx, t: Timex, res: _Res) -> None:
    if t.type not in ("DATE", "TIME") or t.date_start is None:
        return
    if NARRATIVE_SKIPS_RELATIVE_CLAUSES and _in_relative_clause(ctx.text, t.start):
        return
    if ctx.dct is not None and t.date_start > ctx.dct and _DEADLINE_BEFORE.search(ctx.text, max(0, t.start - 12), t.start):
        return  # "raise spending to 5% by 2035": a target ahead, not the story's time
    if res.value in ("PRESENT_REF",) or res.keep_clock:
        return
    if t.granularity in ("decade",):
        return
    if ctx.restore is None and NARRATIVE_SKIPS_FLASHBACKS and ctx.ref is not None and ctx.ref_gran in _DAY_LEVEL \
            and t.date_start < ctx.ref and _pluperfect_before(ctx.text, t.start):
        # "had been abducted ... on October 7": the flashback's date is the clock for the rest of
        # its sentence ("had fled in June 1998 and returned later that year"), then the story's
        # day again ("met them later that day")
        end = _sentence_end(ctx.text, t.end)
        ctx.restore = (end, ctx.ref, ctx.ref_gran, ctx.ref_pos, ctx.ref_anchor, ctx.ref_frame, ctx.ref_adverbial, ctx.story)
    ctx.ref = t.date_start if t.granularity in ("day", "part-of-day", "hour") else t.date_start
    ctx.ref_gran = t.granularity
    ctx.ref_pos = t.end
    ctx.ref_anchor = res.anchor
    ctx.ref_frame = bool(_FRAME_BEFORE.search(ctx.text[max(0, t.start - 30):t.start]))
    ctx.ref_adverbial = ctx.ref_frame or bool(_PREP_BEFORE.search(ctx.text[max(0, t.start - 12):t.start]))
    if res.anchor == "absolute":
        ctx.story = ctx.ref_frame and t.granularity in ("day", "part-of-day", "hour")
    elif res.anchor == "publication":
        ctx.story = False
    if res.anchor == "absolute" and re.match(r"\d{4}", res.value):
        if ctx.ref_frame:
            ctx.frame_year, ctx.frame_pos = int(res.value[:4]), t.end


def _make_timex(text: str, s: int, e: int, res: _Res, dct: date | None) -> Timex:
    t = Timex(start=s, end=e, text=text[s:e], type=res.type, value=res.value, anchor=res.anchor, mod=res.mod)
    if res.type in ("DATE", "TIME"):
        iv = value_to_interval(res.value, dct)
        if iv is not None:
            t.date_start, t.date_end, t.granularity = iv.date_start, iv.date_end, iv.granularity
            t.time_start, t.time_end = iv.time_start, iv.time_end
    else:
        t.anchor = None
    return t


def tag(text: str, dct: date | datetime | None, *, spans: list[tuple[int, int]] | None = None,
        time_cap: float = 2.0) -> list[Timex]:
    """Tag and normalise the time expressions of ``text`` (see module docstring).

    Never raises on str input; stops after ``time_cap`` seconds and returns what it has.
    """
    t0 = time.monotonic()
    deadline = t0 + max(0.0, time_cap)
    try:
        return _tag(text if isinstance(text, str) else str(text), _to_date(dct), spans, deadline)
    except Exception:  # noqa: BLE001 - a tagger bug must not take a pipeline down
        return []


def _tag(text: str, dct: date | None, spans: list[tuple[int, int]] | None, deadline: float) -> list[Timex]:
    n = len(text)
    if spans is None:
        spans = [(0, n)]
    spans = [(max(0, int(a)), min(n, int(b))) for a, b in spans if int(b) > int(a)]
    tl = _lower(text)
    ctx = _Ctx(text=text, dct=dct, lower_doc=LOWER_CASE_NAMES and not is_cased(text))
    out: list[Timex] = []
    taken_end = -1
    raws_in_text = frozenset(r for r in _ALL_RAWS if r in tl)  # one search each for the whole text
    for chunk in _chunks(text, spans):
        if time.monotonic() > deadline:
            break
        cands = _candidates(text, tl, [chunk], deadline, raws_in_text)
        cands.sort(key=lambda c: (c[0], -(c[1] - c[0]), c[2]))
        taken_end = _resolve(text, dct, cands, ctx, out, taken_end, deadline)
    return out


def _resolve(text: str, dct: date | None, cands: list[tuple[int, int, int, re.Match]], ctx: _Ctx,
             out: list[Timex], taken_end: int, deadline: float) -> int:
    """Resolve sorted candidates in text order, leftmost-longest, appending to ``out``.

    A candidate whose rule rejects it does not block a shorter overlapping one.
    Returns the end of the last accepted candidate.
    """
    for k, (s, e, ri, m) in enumerate(cands):
        if k % 32 == 0 and time.monotonic() > deadline:
            break
        if s < taken_end:
            continue
        if ctx.restore is not None and s >= ctx.restore[0]:
            _restore_clock(ctx)  # past the flashback's sentence: back to the story's day
        try:
            res = _RULES[ri][2](m, ctx)
        except Exception:  # noqa: BLE001 - one odd candidate must not lose the document
            res = None
        if res is None:
            continue
        s2, e2 = _trim(text, res.start if res.start is not None else s, res.end if res.end is not None else e)
        if e2 <= s2:
            continue
        t = _make_timex(text, s2, e2, res, dct)
        out.append(t)
        taken_end = e
        _update_narrative(ctx, t, res)
    return taken_end


# ---------------------------------------------------------------- files


def _timex_record(t: Timex) -> dict:
    d = {"start": t.start, "end": t.end, "text": t.text, "type": t.type, "value": t.value}
    if t.date_start is not None:
        d["date_start"] = t.date_start.isoformat()
        d["date_end"] = t.date_end.isoformat() if t.date_end else None
        d["granularity"] = t.granularity
    if t.anchor:
        d["anchor"] = t.anchor
    if t.mod:
        d["mod"] = t.mod
    return d


def tag_file(in_path: str | Path, out_path: str | Path) -> int:
    """Tag every document of a JSONL file (``doc_id, dct, text``); returns the number of docs.

    The output holds the same records with ``timexes`` replaced by the system's, in the
    format ``../shared/tools/timex_eval.py`` reads.
    """
    n = 0
    with open(in_path, encoding="utf-8") as fin, open(out_path, "w", encoding="utf-8") as fout:
        for line in fin:
            line = line.strip()
            if not line:
                continue
            rec = json.loads(line)
            text = rec.get("text") or ""
            timexes = tag(text, _to_date(rec.get("dct")))
            rec["timexes"] = [_timex_record(t) for t in timexes]
            fout.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
    return n
