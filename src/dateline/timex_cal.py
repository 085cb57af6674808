"""Calendar arithmetic and tense cues for the temporal tagger (``dateline.timex``).

Resolving "on Tuesday", "last quarter" or "two weeks ago" is small calendar
arithmetic around an anchor date, plus one judgement: does the sentence talk about
the past or the future of that anchor? These helpers keep that arithmetic in one
place and out of the pattern rules. dateparser is not used here because it gets
exactly these cases wrong (a weekday equal to the anchor's becomes a week earlier).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

_FUTURE_CUES = re.compile(
    r"\b(?:will|won't|shall|'ll|going\s+to|plans?\s+to|planning\s+to|planned|scheduled|"
    r"expects?\s+to|expected|is\s+to|are\s+to|set\s+to|would|wouldn't|could|might|"
    r"intends?\s+to|hopes?\s+to|supposed\s+to|due\s+to\s+(?!the\b|a\b|an\b|its\b|their\b)|until|upcoming|coming|next|to\s+be|effective|as\s+soon\s+as|as\s+early\s+as)\b",
)


_PAST_CUES = re.compile(
    r"(?<!be )(?<!being )\b(?:said|says|told|was|were|had|did|has\s+been|have\s+been|ago|earlier|last|fell|rose|came|went|took|"
    r"gave|made|met|won|lost|began|saw|left|held|grew|paid|sold|bought|spoke|got|became|ran|broke|struck|"
    r"led|sent|kept|brought|thought|fought|found|fled|wrote|shot|flew|drove|swore|chose|"
    r"[a-z]{3,}ed)\b",  # case-sensitive: "United", "Ted" are names, not past verbs
)


_HAD = re.compile(r"\b[Hh]ad\b")


def add_months(y: int, m: int, k: int) -> tuple[int, int]:
    """(year, month) shifted by ``k`` months."""
    i = y * 12 + (m - 1) + k
    return i // 12, i % 12 + 1


def quarter_of(d: date) -> int:
    return (d.month - 1) // 3 + 1


def add_quarters(y: int, q: int, k: int) -> tuple[int, int]:
    i = y * 4 + (q - 1) + k
    return i // 4, i % 4 + 1


def weekday_near(anchor: date, iso_wd: int, direction: str) -> date:
    """The weekday ``iso_wd`` nearest ``anchor``.

    ``past``: most recent on or before anchor (same weekday = anchor itself);
    ``future``: next on or after anchor; ``last``: strictly before; ``next``: strictly after.
    """
    diff = iso_wd - anchor.isoweekday()
    if direction == "past":
        return anchor + timedelta(days=diff if diff <= 0 else diff - 7)
    if direction == "future":
        return anchor + timedelta(days=diff if diff >= 0 else diff + 7)
    if direction == "last":
        return anchor + timedelta(days=diff if diff < 0 else diff - 7)
    if direction == "next":
        return anchor + timedelta(days=diff if diff > 0 else diff + 7)
    return anchor + timedelta(days=diff)  # "this": the one in the anchor's ISO week


def ym(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


_STRONG_FUTURE = re.compile(
    r"\b(?:will|won't|shall|'ll|going\s+to|plans?\s+to|planning\s+to|scheduled|expects?\s+(?:[\w-]+\s+){0,3}?to|expected\s+to|"
    r"is\s+to|are\s+to|set\s+to|to\s+be\s+held|next|upcoming|as\s+soon\s+as|as\s+early\s+as|planned|planning|"
    r"would\s+be|effective|may\s+be|call(?:s|ed|ing)?\s+for(?!\s+(?:the|his|her|their|its)\b))\b", re.I)


#: verbs of scheduled events whose present tense announces the future ("The summit opens
#: on Monday", "Voters go to the polls Sunday", "Results are due Thursday").
_SCHEDULED_PRESENT = re.compile(
    r"\b(?:begins|starts|opens|closes|arrives|departs|travels|resumes|reopens|reconvenes|convenes|expires|"
    r"(?:is|are)\s+due|(?:kicks?|gets?)\s+under\s*way|kicks\s+off|takes\s+(?:effect|office)|"
    r"go\s+to\s+the\s+polls|goes\s+to\s+the\s+polls|polls\s+(?:open|close)|(?<=\bthey\s)(?:meet|vote|leave|return|fly)|heads\s+to|flies\s+to)\b",
    re.I)
_POSSESSIVE = re.compile(r"\w+'s\b")
_WOULD = re.compile(r"\b(?:would|'d)\s+(?!have\b)[a-z]+", re.I)


def _clause_before(text: str, start: int) -> str:
    left = text[max(0, start - 70):start]
    cut = max(left.rfind(". "), left.rfind("\n"), left.rfind("; "), left.rfind(", "))
    return left[cut + 1:] if cut >= 0 else left


def strong_future(text: str, start: int) -> bool:
    """True when the clause before ``start`` carries an unambiguous future cue ("will meet").

    Also the future of reported speech ("said he would visit on Tuesday") and the
    scheduled present ("The summit opens on Monday") when no past verb follows the cue.
    """
    left = _clause_before(text, start)
    if _HAD.search(left):
        return False  # "had been scheduled to expire Friday": a past plan
    m = None
    for m in _STRONG_FUTURE.finditer(left):
        pass
    if m is not None:
        return not _PAST_CUES.search(left, m.end())
    for m in _WOULD.finditer(left):
        pass
    if m is not None and len(left) - m.end() <= 60 and not _POSSESSIVE.match(text, start):
        return not _PAST_CUES.search(left, m.end())  # "said he would visit on Tuesday", not "would fight Wednesday's ruling"
    s = _SCHEDULED_PRESENT.search(left)
    return s is not None and not _PAST_CUES.search(left)


def tense_before(text: str, start: int, end: int) -> str:
    """``future``, ``past`` or ``none``: the nearest tense cue in the clause around a timex.

    Looks back to the sentence start (at most 90 characters) and a few words ahead.
    """
    lo = max(0, start - 90)
    left = text[lo:start]
    cut = max(left.rfind(". "), left.rfind("\n"), left.rfind("; "), left.rfind("? "), left.rfind("! "))
    if cut >= 0:
        left = left[cut + 1:]
    right = text[end:end + 25]
    rcut = min((i for i in (right.find("."), right.find(","), right.find(";")) if i >= 0), default=len(right))
    right = right[:rcut]
    if _HAD.search(left):
        return "past"
    best_pos, best = -1, "none"
    for m in _FUTURE_CUES.finditer(left):
        if m.start() >= best_pos:
            best_pos, best = m.start(), "future"
    for m in _PAST_CUES.finditer(left):
        if m.start() > best_pos:
            best_pos, best = m.start(), "past"
    if best_pos < 0:
        if _FUTURE_CUES.search(right):
            return "future"
        if _PAST_CUES.search(right):
            return "past"
    return best
