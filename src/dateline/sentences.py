"""A small, fast, abbreviation-aware sentence splitter.

Event dating and event extraction both work sentence by sentence, so they need the
same sentence spans over ``Article.text``. A full NLP pipeline is overkill for news
prose: a regex over candidate boundaries plus a few lists gets almost all of them right
and runs at megabytes per second.

Boundaries:

* ``.``, ``!`` or ``?`` (plus closing quotes/brackets), whitespace, then the start of a
  sentence: a capital letter, digit or opening quote; in a text written without
  capitals (some news feeds lower-case everything) any letter;
* a blank line, and a line break after a line that ends without punctuation (a
  headline or byline) when the next line starts a sentence.

A period is not a boundary after a title, month or other abbreviation that never ends
a sentence ("Mr.", "Gen.", "Jan.", "No."), or after an initial ("J. Smith"). After
abbreviations that may end one - acronyms ("U.S.", "p.m.") and company suffixes
("Inc.", "Corp.") - it is a boundary only when the next word usually starts a sentence
("... in the U.S. The talks ..." but "the U.S. Army", "10 p.m. Wednesday").

``split(text)`` returns ``(start, end)`` character spans that index ``text`` directly,
with surrounding whitespace trimmed.
"""

from __future__ import annotations

import re

#: Lower-cased abbreviations (without the final period) that never end a sentence:
#: titles, months, weekdays, address forms, "No.", "vs.".
ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof sen rep gov gen col lt sgt capt cmdr adm maj cpl pvt rev fr st sr jr
    pres supt insp det hon amb messrs mmes mme mlle
    jan feb mar apr jun jul aug sep sept oct nov dec
    mon tue tues wed thu thur thurs fri sat sun
    dept univ assn ave blvd rd mt ft
    no nos vs v approx est fig op vol pp ed eds
    """.split()
)

#: Abbreviations that end a sentence only when a sentence starter follows.
AMBIGUOUS_ABBREVIATIONS = frozenset("inc corp co ltd bros llc plc etc al".split())

#: Words that usually open a sentence (lower-cased): after an acronym or company suffix
#: they mark a new sentence; any other capitalised word is taken to continue the name.
SENTENCE_STARTERS = frozenset(
    """
    the a an he she it they we i you his her its their our my this that these those there here
    but and or so yet for nor if when while after before since as although though because however
    meanwhile also still then now in on at by from with without during under over about
    some many most all both each few several no not one two three four five six seven eight nine ten
    what who why how where which officials police authorities analysts critics
    """.split()
)

_ACRONYM = re.compile(r"^(?:[A-Za-z]\.){2,}$")  # "U.S.", "p.m.", "U.N."

_CASED_BOUNDARY = re.compile(
    r"""
    (?P<blank>\n[ \t]*\n\s*)                                   # a blank line
    |
    (?P<line>(?<![.!?:;,'"’”)\]])[ \t]*\n\s*)(?=[\"'“‘(\[]*[A-Z0-9])  # a headline's line break
    |
    (?P<punct>[.!?]+)(?P<close>['"’”)\]]*)(?P<space>\s+)        # end punctuation + space
    (?=[\"'“‘(\[]*[A-Z0-9])                                    # next sentence starts here
    """,
    re.VERBOSE,
)
_UNCASED_BOUNDARY = re.compile(
    r"""
    (?P<blank>\n[ \t]*\n\s*)
    |
    (?P<line>(?<![.!?:;,'"’”)\]])[ \t]*\n\s*)(?=[\"'“‘(\[]*[A-Za-z0-9])
    |
    (?P<punct>[.!?]+)(?P<close>['"’”)\]]*)(?P<space>\s+)
    (?=[\"'“‘(\[]*[A-Za-z0-9])
    """,
    re.VERBOSE,
)

# Every boundary starts with a space, tab, line break or end punctuation: the lookahead
# rejects all other positions at once (same matches, about twice as fast).
_CASED_BOUNDARY = re.compile(r"(?=[ \t\n.!?])(?:" + _CASED_BOUNDARY.pattern + "\n)", _CASED_BOUNDARY.flags)
_UNCASED_BOUNDARY = re.compile(r"(?=[ \t\n.!?])(?:" + _UNCASED_BOUNDARY.pattern + "\n)", _UNCASED_BOUNDARY.flags)

_BOUNDARY_CHAR = re.compile(r"[.!?\n]")  # a character set alone: scanned in C, no position tried
_WORD_BEFORE = re.compile(r"(\S+)$")
_WORD_AFTER = re.compile(r"[\"'“‘(\[]*([A-Za-z]+)")


_UPPER = re.compile(r"[A-Z]")
_LETTER = re.compile(r"[A-Za-z]")


_NOT_LETTER = bytes(b for b in range(128) if not chr(b).isalpha())  # deleted when counting
_NOT_UPPER = bytes(b for b in range(128) if not chr(b).isupper())
_CASED_LAST: list = [None, True]  # (text, answer) of the last call: stages ask in turn per document


def is_cased(text: str) -> bool:
    """True unless the text is written (almost) without capital letters."""
    if _CASED_LAST[0] is text:
        return _CASED_LAST[1]
    sample = text[:2000].encode("ascii", "ignore")  # only ASCII letters count: [A-Za-z]
    letters = len(sample.translate(None, _NOT_LETTER))
    answer = letters == 0 or len(sample.translate(None, _NOT_UPPER)) / letters >= 0.01
    _CASED_LAST[0], _CASED_LAST[1] = text, answer
    return answer


def _next_word(text: str, start: int) -> str:
    m = _WORD_AFTER.match(text, start)
    return m.group(1) if m else ""


def _is_abbreviation(text: str, punct_start: int, next_start: int) -> bool:
    """True when the period at ``punct_start`` closes an abbreviation, not a sentence."""
    # the run of non-space characters ending at the period (at most 40 back): what
    # ``_WORD_BEFORE.search(text, max(0, punct_start - 40), punct_start + 1)`` finds
    word = text[max(0, punct_start - 40) : punct_start + 1].rsplit(None, 1)[-1].lstrip("\"'“‘([")
    core = word[:-1] if word.endswith(".") else word
    if not core:
        return False
    if len(core) == 1 and core.isalpha() and (core.isupper() or not core.islower() or _single_initial(word)):
        return True  # an initial: "J. Smith"
    low = core.lower()
    if low in ABBREVIATIONS:
        return True
    if low in AMBIGUOUS_ABBREVIATIONS or _ACRONYM.match(word):
        return _next_word(text, next_start).lower() not in SENTENCE_STARTERS
    return False


def _single_initial(word: str) -> bool:
    """A lone lower-case letter with a period ("j. smith" in lower-cased text)."""
    return len(word) == 2 and word[1] == "."


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


def split(text: str) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` of ``text``, in order, whitespace trimmed."""
    match = (_CASED_BOUNDARY if is_cased(text) else _UNCASED_BOUNDARY).match
    spans: list[tuple[int, int]] = []
    start = done = 0
    # the boundaries of ``boundary.finditer(text)``, tried only where one can begin: at end
    # punctuation or a line break (a headline break found at the spaces before its line end
    # is found at the line end instead: the cut differs by white space, which is trimmed)
    for c in _BOUNDARY_CHAR.finditer(text):
        if c.start() < done:
            continue
        m = match(text, c.start())
        if m is None:
            continue
        done = m.end()
        if m.group("punct") is None:  # a blank line or a headline's line break
            cut, nxt = m.start(), m.end()
        else:
            if m.group("punct") == "." and _is_abbreviation(text, m.start("punct"), m.end()):
                continue
            cut, nxt = m.start("space"), m.end()
        span = _trim(text, start, cut)
        if span:
            spans.append(span)
        start = nxt
    span = _trim(text, start, len(text))
    if span:
        spans.append(span)
    return spans


def sentence_of(spans: list[tuple[int, int]], offset: int) -> int:
    """Index of the sentence containing (or nearest before) character ``offset``."""
    lo, hi = 0, len(spans) - 1
    best = 0
    while lo <= hi:
        mid = (lo + hi) // 2
        if spans[mid][0] <= offset:
            best = mid
            lo = mid + 1
        else:
            hi = mid - 1
    return best
