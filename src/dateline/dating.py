"""Give an event mention its date interval, and say how it was found.

Automated event datasets stamp every event with the article's publication date; in
gold-annotated news that is right for only about half the events. This module dates
each event mention by its own sentence, with cheap cues only (a cached sentence split,
a regex tokenizer, tense read off auxiliaries and word forms), so it runs at thousands of
mentions per second. In order:

1. A DATE/TIME expression of the event's own sentence (``explicit_date`` for "on 24
   June 2023" / "in 1998", ``relative_to_publication`` for "on Saturday" / "last year",
   ``narrative_anchor`` for "that evening"). Each candidate gets a score: the words
   between it and the trigger plus a cost per clause boundary crossed (punctuation,
   relative pronouns, subordinators, another verb group), so the time expression of the
   event's own clause wins; "since"/"until"/"by" make a weaker anchor, "from"/"than"
   none. Candidates must fit the event's tense (a past event is not in the future, a
   present or future one not wholly in the past); a weekday or month the tagger resolved
   in the wrong direction for that tense is moved a week or a year instead of dropped.
   A reporting verb ("said", "expects") is not dated from inside its complement. A
   deadline ("by 14 July") is never moved a year back to date a past event. Offsets the
   tagger leaves without an interval ("said hours later", "Two days after the vote, ...")
   are resolved here from the story's clock: the last day-or-finer date before them, plus
   the days they count.
2. ``narrative_anchor``: no time expression in the sentence, but the story's own clock
   dates it: a narrative cue ("Later, ...", "Then ...") or plain past-tense narration
   right after a sentence that established a date continues at that date. Further back
   (up to three sentences, across paragraph breaks) only past narration in a sentence
   without time expressions continues, and only from a date before the publication day:
   a retrospective article telling last Saturday, not today's news.
3. ``publication_fallback``: the publication day, with lower confidence (present tense,
   reporting verbs, nothing better).
4. ``undated``: no publication date and no time expression.

An interval is always the interval of one concrete time expression or the publication
day; the module never widens an interval on its own (a coarse guess is no safer: a
"year" interval is wrong for an event that happened on a given day).
"""

from __future__ import annotations

import json
from bisect import bisect_left, bisect_right
from itertools import accumulate, islice
import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path

from dateline import sentences as _sentences
from dateline.intervals import interval_to_value, month_end
from dateline.models import DATE_METHODS, Timex

__all__ = ["DateAssignment", "date_event", "anchor_record", "anchor_file"]


@dataclass(slots=True)
class DateAssignment:
    """The date interval of one event mention and how it was obtained."""

    date_start: date | None
    date_end: date | None
    granularity: str | None
    method: str  # one of models.DATE_METHODS
    time_text: str | None  # the governing time expression as written, if any
    time_start: datetime | None = None
    time_end: datetime | None = None
    confidence: float = 0.5

    def __post_init__(self) -> None:
        if self.method not in DATE_METHODS:
            raise ValueError(f"unknown date method {self.method!r}")


# --------------------------------------------------------------------------- tunables
# Set by hand from the clause structure of news English and checked on the TimeBank anchor
# dev set with evaluation/eval_anchor.py; accuracy is flat around these values.

#: Cost of each kind of clause boundary between an event and a time expression. A time
#: expression's score is the number of words between the two plus these costs; the lowest
#: score wins and a score above ``MAX_SCORE`` dates nothing.
WEIGHTS = {
    "punct": 6.0,  # ; : -- ( ) quotes
    "comma": 3.0,
    "relative": 12.0,  # which, who, whom, whose: a relative clause is rarely dated from outside
    "clause_word": 5.0,  # because, that, when, ...
    "aux": 4.0,  # another verb group: will, has, was, said, ...
    "verb": 4.0,  # another past-tense verb
    "and": 2.0,
    "infinitive": 3.0,  # "hope to win ... in September"
}
MAX_SCORE = 30.0
#: A reporting verb is not dated across a clause boundary (its complement's dates are not its own).
REPORTING_MAX_PENALTY = 3.0
#: "since 1990", "until Friday", "by May": a weaker anchor than "in"/"on"/"at".
BOUNDARY_PREP_PENALTY = 3.0
#: "the 1995 shooting", "Friday's vote": dates the noun it modifies, weakly anything else.
PREMOD_PENALTY = 4.0
#: Words counted at most between a sentence-opening time expression ("On Friday, ...") and
#: an event after it: distance does not matter there, the clauses crossed still do.
FRONTED_CAP = 2.0
#: A time expression before the event costs a little more than one after it (adverbials
#: mostly follow the verb).
BEFORE_BIAS = 0.5


#: Paragraph-level narrative time (``_narrative_clock``), checked on both the TimeBank
#: anchor dev set and the story dating gold (evaluation/eval_story_dating.py): past narration
#: looks this many sentences back for the story's date, crossing at most this many paragraph
#: breaks; beyond the previous sentence only from a sentence with no time expression of its
#: own, not inside reported speech ("X said [...]"), and only for a date before the
#: publication day at day granularity or finer.
NARRATIVE_MAX_SENTENCES = 3
NARRATIVE_CROSS_PARAGRAPH = 2
#: A sentence whose dates are all in a flashback ("had tried last month") between the event
#: and an earlier dated sentence stops the search back: the story left that clock.
NARRATIVE_STOPS_AT_FLASHBACK = True


def _flashback_dated(text: str, span: tuple[int, int], dated: list[Timex]) -> bool:
    """Does the sentence ``span`` hold a date in a past-perfect clause?"""
    inside = [t for t in dated if span[0] <= t.start and t.end <= span[1]]
    if not inside:
        return False
    toks = _tokens(text, span[0], span[1])
    return any(_in_flashback(toks, t) for t in inside)
NARRATIVE_TENSES = ("PAST",)
NARRATIVE_FAR_GRANULARITIES = ("day", "part-of-day", "hour")
NARRATIVE_FAR_NOT_REPORTED = True
#: Also keep reported speech from the previous sentence's date: measured -1 event on
#: TimeBank, +1 on the story, so off.
NARRATIVE_NEAR_NOT_REPORTED = False
#: Resolve offsets the tagger leaves undated ("hours later") from the narrative clock.
OFFSET_CUES = True
#: A future deadline ("by 1 July") is never moved into the past to date a past event.
DEADLINE_KEEPS_DIRECTION = True


# --------------------------------------------------------------------------- lexicon

#: Words (clitics split off: "year" + "'s", "does" + "n't"), numbers, and punctuation.
_TOKEN = re.compile(
    r"[A-Za-z]+(?=n['’]t\b)|n['’]t\b|['’](?:s|re|ve|ll|d|m)\b|[A-Za-z]+(?:['’](?!(?:s|re|ve|ll|d|m|t)\b)[A-Za-z]+)?"
    r"|\d+(?:[.,:/]\d+)*|``|''|--|[^\sA-Za-z\d]"  # "2,000", "8:30", "2016" (not "2016," with its comma)
)
_TOKEN_SPLIT = re.compile(f"({_TOKEN.pattern})")

_IRREGULAR_PAST = frozenset(
    """said told went came took made gave got found left met held began fell rose won lost sold bought saw knew
    thought brought caught taught fought sought kept felt paid sent spent built meant heard stood understood ran
    became struck spoke broke chose wrote drove rode ate drew grew threw flew blew shot hid forgot shook swore
    wore tore sank sang rang drank swam hung stuck swung dug sat lay laid led fled fed slept swept wept lit froze
    stole woke withdrew overtook undertook arose dealt sped bore forbade forgave foresaw mistook overcame overran
    overthrew upheld withheld was were had did""".split()
)
_IRREGULAR_PARTICIPLE = frozenset(
    """been done gone seen known taken given written spoken broken chosen driven ridden eaten drawn grown thrown
    flown blown shown hidden forgotten shaken sworn worn torn sunk sung rung drunk swum begun fallen risen
    stolen frozen woken withdrawn overtaken undertaken arisen born borne forbidden forgiven foreseen mistaken
    overcome overrun overthrown beaten bitten""".split()
)
_MODALS = frozenset("will would 'll shall should can could may might must wo ca".split())
_HAVE = {"has": "PRESENT", "have": "PRESENT", "'ve": "PRESENT", "had": "PAST", "'d": "PAST", "having": "PRESPART"}
_BE = {"is": "PRESENT", "are": "PRESENT", "am": "PRESENT", "'re": "PRESENT", "'m": "PRESENT",
       "was": "PAST", "were": "PAST", "be": "INFINITIVE", "been": "PASTPART", "being": "PRESPART"}
_DO = {"do": "PRESENT", "does": "PRESENT", "did": "PAST"}
_AUX_ADVERBS = frozenset(
    """not n't never also just still already now then only yet really reportedly allegedly recently repeatedly
    finally actually even later earlier again further apparently immediately quickly previously currently long
    ever largely officially formally once subsequently eventually clearly probably soon""".split()
)
_DETERMINERS = frozenset("a an the this these those its his her their our my your some any no every each another of 's ’s".split())
_SUBJECT_PRONOUNS = frozenset("he she it who which that they we i you there".split())
_PLURAL_SUBJECTS = frozenset("they we i you".split())
#: Frequent present-tense verbs of news prose (cognition, reporting, states).
_PRESENT_VERBS = frozenset(
    """says say is are has have expects expect believes believe wants want thinks think plans plan remains remain
    seems seem appears appear includes owns needs need hopes hope means knows know continues continue estimates
    calls contends argues acknowledges insists predicts notes adds sees faces holds requires maintains""".split()
)
#: Words after which a 3rd-person "-s" word reads as a verb ("requires parties", "raises questions").
_OBJECT_STARTS = frozenset("a an the that to his her its their no some more it him them this these those up out".split())

#: Verbs that report or take a clausal complement: a time expression inside the complement
#: ("X said the talks would resume Tuesday") does not date the verb itself.
_REPORTING = frozenset(
    """say says said saying tell tells told telling add adds added state states stated announce announces announced
    report reports reported according note notes noted explain explains explained declare declares declared
    claim claims claimed confirm confirms confirmed insist insists insisted argue argues argued acknowledge
    acknowledged assert asserted believe believes believed think thinks thought expect expects expected hope hopes
    hoped predict predicts predicted estimate estimates estimated want wants wanted plan plans planned
    repeat repeats repeated quote quotes quoted""".split()
)

#: Attitude verbs: in the present tense they hold now, whatever future their complement names.
_ATTITUDE = frozenset(
    """expect expects expected plan plans planned hope hopes hoped want wants intend intends intended
    schedule schedules scheduled suppose supposed aim aims seek seeks anticipate anticipates anticipated
    predict predicts forecast forecasts project projects projected set due likely""".split()
)

#: Unambiguous finite reporting verbs (not also nouns such as "plan", "report", "claim").
_REPORTING_FINITE = frozenset("say says said tells told adds added according thinks believes insists argues".split())

#: Prepositions that place an event before/after a time, not inside it: such a time
#: expression is a weaker anchor (``_BOUNDARY_PREPS``) or none at all (``_EXCLUDING_PREPS``,
#: "up from 1988", "ahead of Friday").
_EXCLUDING_PREPS = frozenset("from than prior ahead".split())
_BOUNDARY_PREPS = frozenset("since until till by before after through following to".split())
#: Prepositions of a deadline: the date lies ahead of the event that sets it, so a past
#: event is not dated by moving it a year back.
_DEADLINE_PREPS = frozenset("by until till before".split())
#: Words that may sit between a preposition and its time expression ("in early March").
_TIMEX_PREMODIFIERS = frozenset("early late mid the as of about around".split())

#: Words that open a new clause (relative, subordinate, complement).
_CLAUSE_WORDS = frozenset(
    """which who whom whose where because although though while whereas unless if but when whether that
    after before since until so""".split()
)
_RELATIVE_PRONOUNS = frozenset("which who whom whose".split())
_CLAUSE_PUNCT = frozenset(["--", "``", "''", '"', "(", ")", ";", ":", "—", "–", "“", "”"])
_VERB_GROUP = frozenset(
    "will would can could may might must should shall has have had is are was were be been being 'll 're 've "
    "'d to not n't never also just still already reportedly allegedly".split()
)
_FINITE_AUX = frozenset("will would can could may might must should shall has have had is are was were 'll 're".split())

#: Sentence-initial narrative cues: the event happens on the story's current day.
_NARRATIVE_CUE = re.compile(
    r"\W*(?:later|afterwards?|then|subsequently|shortly (?:after|before)(?:wards)?|hours later|minutes later|"
    r"soon after(?:wards)?|by then|at the same time|meanwhile|that (?:day|morning|afternoon|evening|night)|"
    r"the (?:next|following|same) (?:day|morning|afternoon|evening|night))\b",
    re.I,
)

#: Words that can follow an adverbial time expression (so it is not a noun premodifier).
_FUNCTION_AFTER = frozenset(
    """and or but to of in on at for from by with as than that which who when while after before since until
    the a an is are was were be been has have had will would could should may might said says say its his her
    their through into about against over under between during amid""".split()
)

_WEEKDAY_WORD = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.I)
_MONTH_WORD = re.compile(
    r"\b(?:jan(?:uary)?|feb(?:ruary)?|march|april|may|june|july|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|"
    r"nov(?:ember)?|dec(?:ember)?)\b\.?",
    re.I,
)
#: Words that fix the direction of a weekday or month ("last Friday", "March 1998").
_DETERMINED = re.compile(
    r"\d{4}|'\d\d|\b(?:last|next|this|ago|yesterday|tomorrow|today|tonight|coming|past|previous|"
    r"following|that|same|earlier|later)\b",
    re.I,
)
#: What may sit between a time of day and its day: "10 p.m. Wednesday", "the night of Oct. 23".
_JOIN = re.compile(r"\s*(?:of|on|,)?\s*")

#: A narrative adverb just before the event (within 24 characters): "The agency later stated ...".
#: ("two days later" and "later this year" are time expressions and date the event themselves.)
_NARRATIVE_ADVERBS = r"(?:later|afterwards?|subsequently)\b"
_NARRATIVE_ADVERB = re.compile(rf"\b{_NARRATIVE_ADVERBS}(?!\s+(?:this|next|that|in|on|than)\b)", re.I)
#: the same right after the event ("said afterwards that ..."; "that" is the complement's there)
_ADVERB_AFTER = re.compile(rf"\s+{_NARRATIVE_ADVERBS}(?!\s+(?:this|next|in|on|than)\b)", re.I)

#: Offsets from the story's clock that the tagger leaves without an interval ("hours later",
#: "two days after the vote" as a bare duration): the event is that many days from the last
#: date established before the cue. Hours and minutes keep the day; a count of days or weeks
#: moves it.
#: Words that make a count approximate ("nearly two years after"); ``events`` reads them too.
APPROXIMATORS = ("nearly", "almost", "about", "around", "roughly", "some", "over")
_OFFSET_CUE = re.compile(
    r"\b(?:(?:" + "|".join(APPROXIMATORS) + r"|more\s+than|just\s+over|less\s+than)\s+)?"
    r"(?:(?P<num>an?|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+|(?P<vague>several|a few|few)\s+)?"
    r"(?P<unit>minutes?|hours?|days?|weeks?|months?|years?)\s+(?P<dir>later|after(?:wards?)?|earlier|before)\b"
    r"|\b(?P<soon>shortly|soon|moments?|minutes|hours)\s+(?P<dir2>later|after(?:wards?)?|earlier|before)\b",
    re.I,
)
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10}

_DATED_TYPES = ("DATE", "TIME")
_ONE_DAY = timedelta(days=1)
_PAST_TENSES = ("PAST", "PAST/PERF", "PAST/PROG")
_PRESENT_TENSES = ("PRESENT", "PRESENT/PROG", "PRESENT/PERF")


# --------------------------------------------------------------------------- helpers


def _as_date(d: date | datetime | None) -> date | None:
    if isinstance(d, datetime):
        return d.date()
    return d


_SPLIT_CACHE: dict[int, tuple[str, list[tuple[int, int]]]] = {}


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans of ``text``, cached for the last few documents."""
    key = id(text)
    hit = _SPLIT_CACHE.get(key)
    if hit is not None and hit[0] is text:
        return hit[1]
    spans = _sentences.split(text)
    if len(_SPLIT_CACHE) > 8:
        _SPLIT_CACHE.clear()
    _SPLIT_CACHE[key] = (text, spans)
    return spans


def _sentence_span(text: str, ev_start: int) -> tuple[int, int]:
    """The span of the sentence holding offset ``ev_start``."""
    spans = _sentence_spans(text)
    if not spans:
        return (0, len(text))
    return spans[_sentences.sentence_of(spans, ev_start)]


_TOKEN_CACHE: dict[tuple[int, int, int], tuple[str, list[tuple[int, int, str]]]] = {}


def _tokens(text: str, a: int, b: int) -> list[tuple[int, int, str]]:
    """Tokens of ``text[a:b]`` as (start, end, lower-cased form), cached per sentence
    (the events of one sentence share them)."""
    key = (id(text), a, b)
    hit = _TOKEN_CACHE.get(key)
    if hit is not None and hit[0] is text:
        return hit[1]
    toks = _tokenize(text, a, b)
    if len(_TOKEN_CACHE) > 512:
        _TOKEN_CACHE.clear()
    _TOKEN_CACHE[key] = (text, toks)
    return toks


_OFFSETS_CACHE: dict[tuple[int, int], tuple[list, list[int]]] = {}


def _token_offsets(toks: list[tuple[int, int, str]], column: int) -> list[int]:
    """Start (``column=0``) or end (``1``) offsets of a token list, for bisection; cached
    with the list (the events of one sentence share it)."""
    key = (id(toks), column)
    hit = _OFFSETS_CACHE.get(key)
    if hit is not None and hit[0] is toks:
        return hit[1]
    if len(_OFFSETS_CACHE) > 1024:
        _OFFSETS_CACHE.clear()
    offsets = [t[column] for t in toks]
    _OFFSETS_CACHE[key] = (toks, offsets)
    return offsets


def _token_ends(toks: list[tuple[int, int, str]]) -> list[int]:
    return _token_offsets(toks, 1)


def _token_starts(toks: list[tuple[int, int, str]]) -> list[int]:
    return _token_offsets(toks, 0)


def _words_before(toks: list[tuple[int, int, str]], pos: int, last: int | None = None) -> list[str]:
    """``[w for s, e, w in toks if e <= pos]`` (tokens are in order, ends increasing);
    only the ``last`` ones when given (callers look at the few words before ``pos``)."""
    k = bisect_right(_token_ends(toks), pos)
    return [w for _, _, w in toks[(0 if last is None else max(0, k - last)) : k]]


def _words_after(toks: list[tuple[int, int, str]], pos: int, n: int) -> list[str]:
    """``[w for s, e, w in toks if s >= pos][:n]`` (tokens are in order, starts increasing)."""
    k = bisect_left(_token_starts(toks), pos)
    return [w for _, _, w in toks[k : k + n]]


def _tokenize(text: str, a: int, b: int) -> list[tuple[int, int, str]]:
    """``[(m.start(), m.end(), m.group(0).lower()) for m in _TOKEN.finditer(text, a, b)]``,
    without a Python step per token: ``_TOKEN`` skips only whitespace and never matches
    empty, so splitting ``text[a:b]`` on it (captured) alternates gaps and tokens and the
    running sum of the part lengths gives every offset. (No ``\\b``/lookaround of
    ``_TOKEN`` looks before a match start, so the slice tokenises like ``pos=a``.)"""
    parts = _TOKEN_SPLIT.split(text[a:b])
    offs = list(accumulate(map(len, parts), initial=a))
    words = parts[1::2]
    return list(zip(offs[1::2], offs[2::2], map(str.lower, words)))


def _dated(t: Timex) -> bool:
    return t.type in _DATED_TYPES and t.date_start is not None and t.date_end is not None


def _add_year(d: date, k: int) -> date:
    """``d`` moved ``k`` years (29 February becomes 28 February)."""
    try:
        return d.replace(year=d.year + k)
    except ValueError:
        return d.replace(year=d.year + k, day=28)


# --------------------------------------------------------------------------- tense


def _tense(before: list[str], word: str, after: str) -> str:
    """Tense of the trigger ``word`` from the (lower-cased) words before it and the next word.

    One of PAST, PAST/PERF, PAST/PROG, PRESENT, PRESENT/PERF, PRESENT/PROG, FUTURE,
    MODAL, INFINITIVE, PRESPART, PASTPART, NONE (a noun or an unknown form).
    """
    aux: list[str] = []
    i = len(before) - 1
    while i >= 0 and len(aux) < 3:
        x = before[i]
        if x in _AUX_ADVERBS or x == ",":
            i -= 1
            continue
        if x == "far" and i > 0 and before[i - 1] in ("so", "thus"):  # "has so far accepted"
            i -= 2
            continue
        if x in _MODALS or x in _HAVE or x in _BE or x in _DO or x in ("to", "going"):
            aux.append(x)
            i -= 1
            continue
        break
    prev = before[i] if i >= 0 else ""
    aux.reverse()
    if aux:
        return _tense_from_aux(aux, word)
    return _tense_from_form(prev, word, after)


def _tense_from_aux(aux: list[str], word: str) -> str:
    """Tense from the auxiliaries before the trigger ("will", "has been", "was", "to")."""
    a0 = aux[0]
    if a0 in _MODALS:
        return "FUTURE" if a0 in ("will", "'ll", "shall", "wo") else "MODAL"
    if a0 == "to":
        return "INFINITIVE"
    if a0 == "going":
        return "FUTURE"
    if a0 in _HAVE:
        return _HAVE[a0] + "/PERF" if _HAVE[a0] in ("PRESENT", "PAST") else _HAVE[a0]
    if a0 in _DO:
        return _DO[a0]
    t = _BE[a0]
    if len(aux) > 1 and aux[1] == "going":
        return "FUTURE"
    if word.endswith("ing") and t in ("PRESENT", "PAST"):
        return t + "/PROG"
    return t


def _tense_from_form(prev: str, word: str, after: str) -> str:
    """Tense of a trigger with no auxiliary, from its form and neighbours."""
    if prev in _DETERMINERS:
        return "NONE"
    if word in _IRREGULAR_PAST or (word.endswith("ed") and len(word) > 4):
        return "PAST"
    if word.endswith("ing"):
        return "PRESPART"
    if word in _IRREGULAR_PARTICIPLE:
        return "PASTPART"
    if prev in _SUBJECT_PRONOUNS and (word.endswith("s") or prev in _PLURAL_SUBJECTS):
        return "PRESENT"
    if word in _PRESENT_VERBS:
        return "PRESENT"
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and after in _OBJECT_STARTS:
        return "PRESENT"
    return "NONE"


def _words_in(text: str, lo: int, hi: int, sent: tuple[int, int] | None) -> list[str]:
    """``[w for _, _, w in _tokenize(text, lo, hi)]``, taken from the cached tokens of the
    sentence ``sent`` (which holds ``lo..hi``), if it was tokenised, when no token straddles
    ``lo`` or ``hi`` (then the two tokenisations agree); otherwise tokenised afresh."""
    if sent is not None and sent[0] <= lo and hi <= sent[1]:
        hit = _TOKEN_CACHE.get((id(text), sent[0], sent[1]))
        if hit is None or hit[0] is not text:  # not tokenised (yet): the few words here only
            return [w.lower() for w in _TOKEN.findall(text, lo, hi)]
        toks = hit[1]
        out = []
        for s, e, w in islice(toks, bisect_right(_token_ends(toks), lo), None):
            if s >= hi:
                break
            if s < lo or e > hi:
                return [w.lower() for w in _TOKEN.findall(text, lo, hi)]  # the words of _tokenize
            out.append(w)
        return out
    return [w.lower() for w in _TOKEN.findall(text, lo, hi)]


def _event_tense(text: str, s0: int, ev_start: int, ev_end: int, sent: tuple[int, int] | None = None) -> str:
    """Tense of the trigger ``text[ev_start:ev_end]`` in the sentence starting at ``s0``."""
    before = _words_in(text, max(s0, ev_start - 60), ev_start, sent)
    words = text[ev_start:ev_end].lower().split()
    if len(words) > 1:  # "held talks", "travelled to": the verb is the first word
        return _tense(before, words[0], words[1])
    nxt = _TOKEN.search(text, ev_end, min(len(text), ev_end + 30))
    return _tense(before, text[ev_start:ev_end].lower(), nxt.group(0).lower() if nxt else "")


def _compatible(t: Timex, tense: str, dct: date | None) -> bool:
    """Whether an event of ``tense`` can lie inside ``t`` (a past event not in the future, ...)."""
    if dct is None or t.date_start is None or t.date_end is None:
        return True
    if tense in _PAST_TENSES:  # a day of slack: datelines often trail the story by a day
        return t.date_start <= dct + _ONE_DAY
    if tense == "PRESENT/PERF":  # done by now: not in the future, and recent or still going on
        recent = t.granularity in ("hour", "part-of-day", "day") and (dct - t.date_end).days <= 7
        return t.date_start <= dct + _ONE_DAY and (t.date_end >= dct or recent)
    if tense in ("PRESENT", "PRESENT/PROG", "FUTURE"):
        return t.date_end >= dct - _ONE_DAY
    return True


# --------------------------------------------------------------------------- re-resolution


def _reresolve(t: Timex, tense: str, dct: date | None) -> Timex | None:
    """``t`` moved a week or a year when the tagger guessed the wrong direction for an
    underspecified weekday or month ("Friday", "in March") given the event's tense: a
    past-tense event is not next Friday, a future one not last March. None if no move fits."""
    if dct is None or t.date_start is None or t.date_end is None or _DETERMINED.search(t.text):
        return None
    if t.anchor != "publication":  # only what the tagger resolved against the publication date
        return None
    if _WEEKDAY_WORD.search(t.text) and t.granularity in ("day", "part-of-day", "hour"):
        step = timedelta(days=7)
        shift = (lambda d: d - step) if t.date_start > dct else (lambda d: d + step)
    elif _MONTH_WORD.search(t.text) and t.granularity in ("day", "month", "part-of-day", "hour"):
        back = t.date_start > dct
        shift = (lambda d: _add_year(d, -1)) if back else (lambda d: _add_year(d, 1))
    else:
        return None
    moved = replace(
        t,
        date_start=shift(t.date_start),
        date_end=shift(t.date_end) if t.granularity != "month" else _month_end_of(shift(t.date_start)),
        time_start=shift(t.time_start) if t.time_start else None,
        time_end=shift(t.time_end) if t.time_end else None,
    )
    moved.value = interval_to_value(moved.date_start, moved.date_end, moved.granularity or "day") + (
        t.value[10:] if re.match(r"\d{4}-\d\d-\d\dT", t.value) else ""
    )
    return moved if _compatible(moved, tense, dct) else None


def _month_end_of(d: date) -> date:
    return month_end(d.year, d.month)


def _with_day(text: str, t: Timex, local: list[Timex]) -> Timex:
    """A time of day joined to the day written next to it ("the night of Oct. 23",
    "10 p.m. Wednesday", "mid-afternoon yesterday") when they were tagged apart."""
    if t.granularity not in ("hour", "part-of-day"):
        return t
    for d in local:
        if d is t or d.granularity != "day" or d.date_start is None:
            continue
        a, b = (t.end, d.start) if d.start >= t.end else (d.end, t.start) if d.end <= t.start else (0, -1)
        if b < a or not _JOIN.fullmatch(text, a, b):
            continue
        if d.date_start == t.date_start:
            return t
        shift = d.date_start - t.date_start  # type: ignore[operator]
        joined = replace(
            t,
            start=min(t.start, d.start),
            end=max(t.end, d.end),
            text=text[min(t.start, d.start) : max(t.end, d.end)],
            date_start=d.date_start,
            date_end=d.date_end,
            time_start=t.time_start + shift if t.time_start else None,
            time_end=t.time_end + shift if t.time_end else None,
            anchor=d.anchor,
        )
        if re.match(r"\d{4}-\d\d-\d\dT", t.value):
            joined.value = d.date_start.isoformat() + t.value[10:]
        return joined
    return t


def _offset_days(m: re.Match) -> int | None:
    """Days an offset cue moves the clock: 0 for "hours later", 2 for "two days after", None
    for a vague count of days ("days later", "a few weeks after")."""
    sign = -1 if (m["dir"] or m["dir2"] or "").lower() in ("earlier", "before") else 1
    if m["soon"]:
        return 0
    unit = m["unit"].lower()
    if unit.startswith(("minute", "hour")):
        return 0
    if unit.startswith(("month", "year")):
        return None  # not a count of days: only a clause offset dates it (``_clause_offset``), as a month or year
    num = (m["num"] or "").lower()
    if not num:
        return None
    n = int(num) if num.isdigit() else _NUMBER_WORDS[num]
    return sign * n * (7 if unit.startswith("week") else 1)


_AFTER_EVENT_NOUN = re.compile(r"\s+the\s+[a-z]+\b(?!\s+(?:of|that|which|who|by|in|on|at|to|he|she|it|they)\b)", re.I)


def _offset_is_adverbial(text: str, m: re.Match, s1: int) -> bool:
    """True for an offset from the story's clock: "hours later", "shortly afterwards",
    "two days after," and "two days after the mutiny", "shortly after the address" (after
    one definite event noun, which the story has just told). Not "soon after being
    captured", "shortly after he returned" or "ten days before the murder": those count
    from an event of their own."""
    direction = (m["dir"] or m["dir2"] or "").lower()
    if direction not in ("after", "before"):
        return True
    rest = text[m.end():s1]
    if not re.match(r"\s*[A-Za-z]", rest):
        return True  # "two days after, ..."
    counted = bool(m["num"] or m["soon"]) or (m["unit"] or "").lower().startswith(("minute", "hour"))
    return direction == "after" and counted and bool(_AFTER_EVENT_NOUN.match(rest))


# the lookahead (the words' first letters) lets the scanner reject most positions at once
_OFFSET_DIRECTION = re.compile(r"(?=[lLaAeEbB])\b(?:later|after(?:wards?)?|earlier|before)\b", re.I)


_DIRECTION_STEMS = ("later", "after", "earlier", "before")  # what _OFFSET_DIRECTION opens with


def _directions(text: str, s0: int, s1: int) -> list[re.Match]:
    """``list(_OFFSET_DIRECTION.finditer(text, s0, s1))``, with the candidate positions
    found by ``str.find`` over the lower-cased text (a C substring search, ~2x faster than
    the scanner trying every position). The stems never overlap, so the matches are the same."""
    tl = text.lower()
    if len(tl) != len(text):  # a character lower-cases to two ("İ"): offsets would shift
        return list(_OFFSET_DIRECTION.finditer(text, s0, s1))
    starts = []
    for stem in _DIRECTION_STEMS:
        i = tl.find(stem, s0, s1)
        while i >= 0:
            starts.append(i)
            i = tl.find(stem, i + 1, s1)
    starts.sort()
    return [d for d in map(lambda i: _OFFSET_DIRECTION.match(text, i, s1), starts) if d is not None]


def _offset_matches(text: str, s0: int, s1: int) -> list[re.Match]:
    """``_OFFSET_CUE`` matches in ``text[s0:s1]``, found from their direction word (fast:
    the full pattern is tried only in the few characters before "later", "after", ...)."""
    out = []
    for d in _directions(text, s0, s1):
        for m in _OFFSET_CUE.finditer(text, max(s0, d.start() - 24), d.end()):
            if m.end() == d.end():
                out.append(m)
                break
    return out


def _offset_cues(text: str, s0: int, s1: int, dated: list[Timex], dct: date | None) -> list[Timex]:
    """Offset cues of the sentence ``text[s0:s1]`` the tagger did not date, resolved from the
    story's clock (the last day-or-finer date before the cue) as day-granularity time
    expressions anchored on the narrative. A cue landing after the publication day is dropped."""
    out: list[Timex] = []
    for m in _offset_matches(text, s0, s1):
        if any(t.start < m.end() and m.start() < t.end for t in dated):
            continue  # the tagger already dated it ("two days later")
        adverbial = _offset_is_adverbial(text, m, s1)
        if CLAUSE_OFFSETS:
            sent0, before = _dates_before(text, m, dated)
            where = _after_main_clause(text, m, sent0, before)
            if where == "fronted":
                continue  # "On Monday, two days after the vote, the party ...": it restates Monday
            if where == "main" or not adverbial:  # "reached them on Monday, three days after the quake killed ..."
                c = _clause_offset(text, m, before, dct)
                if c is not None:
                    out.append(c)
                    continue
        if not adverbial:
            continue
        days = _offset_days(m)
        clock = [t for t in dated if t.end <= m.start() and t.granularity in ("day", "part-of-day", "hour")
                 and t.date_start == t.date_end and t.value != "PRESENT_REF"]  # "now" sets no story day
        if days is None or not clock:
            continue
        d = clock[-1].date_start + timedelta(days=days)  # type: ignore[operator]
        if dct is not None and d > dct + _ONE_DAY:
            continue
        out.append(Timex(m.start(), m.end(), m.group(0), "DATE", d.isoformat(), d, d, "day", "narrative"))
    return out


#: ", a day after protesters stormed parliament": date the clause after the cue from its
#: main clause (Tuesday when the main clause is Wednesday); see ``_clause_offset``.
CLAUSE_OFFSETS = True
#: the anchor of such a cue's date: the clause it opens is background, not the story's clock
CLAUSE_OFFSET_ANCHOR = "clause_offset"


#: "The attacks came a week after ...", "It happened two days before ...": the clause after
#: the cue is dated from the event the sentence is about (undated: the publication day)
_CAME = re.compile(r"\b(?:came|comes|come|happened|occurred|took place|followed)\s+$", re.I)


def _dates_before(text: str, m: re.Match, dated: list[Timex]) -> tuple[int, list[Timex]]:
    """The start of the cue's sentence, and the dates written in it before the cue."""
    s0, _ = _sentence_span(text, m.start())
    return s0, [t for t in dated if s0 <= t.start and t.end <= m.start() and t.anchor != CLAUSE_OFFSET_ANCHOR]


def _after_main_clause(text: str, m: re.Match, s0: int, main: list[Timex]) -> str | None:
    """Where a cue after a comma stands (``main``: the dates before it in its sentence, which
    starts at ``s0``): "main" after a main clause with a date of its own ("reached the villages
    on Monday, three days after ..."), "fronted" right after a fronted date it restates ("On
    Monday, two days after the vote, the party ..."), else None."""
    if text[: m.start()].rstrip()[-1:] != "," or not main:
        return None
    before = re.sub(r"^\W*(?:on|in|at|by|late|early)?\s*", "", text[s0:main[-1].start], flags=re.I)
    if not re.search(r"\w", before):
        return "fronted" if not re.search(r"\w", text[main[-1].end : m.start()]) else None
    return "main"


def _clause_offset(text: str, m: re.Match, before: list[Timex], dct: date | None) -> Timex | None:
    """A counted offset after a comma that opens a clause: "X said on Wednesday ..., a day
    after police opened fire": the clause's events are that long before the main clause
    (after "before": that long after it). The main clause's date is the last single day
    dated before the cue in its sentence (``before``: ``_dates_before``), else the
    publication day."""
    direction = (m["dir"] or "").lower()
    hours = (m["unit"] or "").lower().startswith(("minute", "hour"))  # "hours after X": the same day, no count needed
    if direction not in ("after", "before") or not (m["num"] or hours) or (
            text[: m.start()].rstrip()[-1:] != "," and not _CAME.search(text, max(0, m.start() - 24), m.start())):
        return None
    main = [t for t in before if t.granularity in ("day", "part-of-day", "hour") and t.date_start == t.date_end]
    if len(main) > 1:  # "said on Wednesday ... won Sunday's election, two days after ...": not a noun's date
        toks = _tokens(text, _sentence_span(text, m.start())[0], m.start())
        main = [t for t in main if not _is_premodifier(toks, t)] or main
    day = main[-1].date_start if main else dct
    if day is None:
        return None
    unit = m["unit"].lower() if m["unit"] else ""
    if unit.startswith(("month", "year")):  # "nearly two years after the group seized it": that year
        num = m["num"].lower()
        n = (int(num) if num.isdigit() else _NUMBER_WORDS[num]) * (12 if unit.startswith("year") else 1)
        k = day.year * 12 + day.month - 1 + (n if direction == "before" else -n)
        y, mo = divmod(k, 12)
        if unit.startswith("year"):
            return Timex(m.start(), m.end(), m.group(0), "DATE", f"{y:04d}", date(y, 1, 1), date(y, 12, 31), "year",
                         CLAUSE_OFFSET_ANCHOR)
        last = (date(y + (mo == 11), (mo + 1) % 12 + 1, 1) - _ONE_DAY)
        return Timex(m.start(), m.end(), m.group(0), "DATE", f"{y:04d}-{mo + 1:02d}", date(y, mo + 1, 1), last,
                     "month", CLAUSE_OFFSET_ANCHOR)
    days = _offset_days(m)
    if days is None:
        return None
    d = day - timedelta(days=days)
    return Timex(m.start(), m.end(), m.group(0), "DATE", d.isoformat(), d, d, "day", CLAUSE_OFFSET_ANCHOR)


_OFFSET_CACHE: dict[int, tuple[str, list[Timex], date | None, list[Timex]]] = {}


def _with_offsets(text: str, timexes: list[Timex], dct: date | None) -> list[Timex]:
    """The dated time expressions of a document plus its resolved offset cues, in text
    order, cached per document (every event of it needs them, and so does the narrative
    clock: after "Two days after the vote, ..." the story's day has moved)."""
    key = id(text)
    hit = _OFFSET_CACHE.get(key)
    if hit is not None and hit[0] is text and hit[1] is timexes and hit[2] == dct:
        return hit[3]
    dated = [t for t in timexes if _dated(t)]
    if OFFSET_CUES:
        dated = sorted(dated + _offset_cues(text, 0, len(text), dated, dct), key=lambda t: t.start)
    if len(_OFFSET_CACHE) > 8:
        _OFFSET_CACHE.clear()
    _OFFSET_CACHE[key] = (text, timexes, dct, dated)
    return dated


_STARTS_CACHE: dict[int, tuple[list[Timex], list[int] | None]] = {}


def _in_span(dated: list[Timex], s0: int, s1: int) -> list[Timex]:
    """``[t for t in dated if s0 <= t.start and t.end <= s1]``, by bisection when ``dated``
    is in start order (the start offsets are cached with the list: every event of a
    document asks)."""
    hit = _STARTS_CACHE.get(id(dated))
    if hit is None or hit[0] is not dated:
        starts: list[int] | None = [t.start for t in dated]
        if any(a > b for a, b in zip(starts, starts[1:])):
            starts = None
        if len(_STARTS_CACHE) > 8:
            _STARTS_CACHE.clear()
        hit = _STARTS_CACHE[id(dated)] = (dated, starts)
    starts = hit[1]
    if starts is None:
        return [t for t in dated if s0 <= t.start and t.end <= s1]
    out = []
    for k in range(bisect_left(starts, s0), bisect_right(starts, s1)):
        t = dated[k]
        if t.end <= s1:
            out.append(t)
    return out


# --------------------------------------------------------------------------- candidates


@dataclass(slots=True)
class _Candidate:
    """A time expression that may date the event, and its score (lower is better)."""

    timex: Timex
    score: float


def _preposition(toks: list[tuple[int, int, str]], t: Timex) -> str:
    """The preposition governing ``t`` ("on", "since", ...) or "" ("Friday" alone)."""
    first = _TOKEN.match(t.text.lower())
    if first and first.group(0) in _EXCLUDING_PREPS | _BOUNDARY_PREPS | {"in", "on", "at", "during", "within", "over", "for"}:
        return first.group(0)
    before = _words_before(toks, t.start, 3)
    for w in reversed(before):
        if w in _TIMEX_PREMODIFIERS:
            continue
        return w if w.isalpha() else ""
    return ""


def _is_premodifier(toks: list[tuple[int, int, str]], t: Timex) -> bool:
    """True for a time expression that modifies a noun: "the 1995 shooting", "Friday's vote"."""
    if t.text.endswith(("'s", "’s")):
        return True
    after = _words_after(toks, t.end, 1)
    if after and after[0] in ("'s", "’s"):
        return True
    before = _words_before(toks, t.start, 1)
    first = t.text.split()[0].lower() if t.text.split() else ""
    if not before or before[0] not in _DETERMINERS or first in _DETERMINERS:
        return False  # "the quarter ended ...": a whole noun phrase, not a modifier
    return bool(after) and after[0].isalpha() and after[0] not in _FUNCTION_AFTER and not after[0].endswith("ed")


def _gap_penalty(toks: list[tuple[int, int, str]], a: int, b: int, fronted_end: int | None,
                 before_event: bool = False) -> float:
    """Clause boundaries crossed between offsets ``a`` < ``b``; the comma closing a fronted
    adverbial (ending at ``fronted_end``) is free, and so are the event's own auxiliaries
    when the gap ends at the event (``before_event``)."""
    pen = 0.0
    gap = _between(toks, a, b)
    while before_event and gap and gap[-1][2] in _VERB_GROUP:  # the event's own auxiliaries: "... was [shot]"
        gap.pop()
    for i, (s, e, w) in enumerate(gap):
        if w in _CLAUSE_PUNCT:
            pen += WEIGHTS["punct"]
        elif w == ",":
            if fronted_end is not None and s - fronted_end <= 2:
                continue
            pen += WEIGHTS["comma"]
        elif w in _RELATIVE_PRONOUNS:
            pen += WEIGHTS["relative"]
        elif w in _CLAUSE_WORDS:
            pen += WEIGHTS["clause_word"]
        elif w in _FINITE_AUX or w in _REPORTING_FINITE:
            pen += WEIGHTS["aux"]
        elif _looks_finite(w, gap[i - 1][2] if i else ""):
            pen += WEIGHTS["verb"]  # another predicate: the time expression is likely its own
        elif w == "and":
            pen += WEIGHTS["and"]
        elif w == "to" and i + 1 < len(gap) and gap[i + 1][2].isalpha() and gap[i + 1][2] not in _DETERMINERS:
            pen += WEIGHTS["infinitive"]
    return pen


def _subject_date(toks: list[tuple[int, int, str]], a: int, b: int) -> bool:
    """Does the time expression ending at ``a`` stand between a subject and its verb, with the
    reporting verb at ``b`` coordinated to that verb ("ECOWAS on Sunday gave the junta a week
    ... and said it could use force")? Then it dates both verbs, as the subject's time."""
    gap = _between(toks, a, b)
    if len(gap) < 3 or gap[-1][2] != "and" or not _looks_finite(gap[0][2], ""):
        return False
    return not any(w in _CLAUSE_PUNCT or w == "," or w in _RELATIVE_PRONOUNS or w in _CLAUSE_WORDS
                   or w in _REPORTING_FINITE for _, _, w in gap)


def _looks_finite(word: str, prev: str) -> bool:
    """A past-tense verb form not preceded by a determiner ("collapsed", "fled")."""
    if prev in _DETERMINERS:
        return False
    return word in _IRREGULAR_PAST or (word.endswith("ed") and len(word) > 4)


def _between(toks: list[tuple[int, int, str]], a: int, b: int) -> list[tuple[int, int, str]]:
    """The tokens lying wholly within offsets ``a``..``b`` (tokens are in order)."""
    return toks[bisect_left(_token_starts(toks), a) : bisect_right(_token_ends(toks), b)]


def _words_between(toks: list[tuple[int, int, str]], a: int, b: int) -> int:
    return sum(1 for s, e, w in _between(toks, a, b) if w[0].isalnum())


def _opens_when_clause(toks: list[tuple[int, int, str]], t: Timex) -> bool:
    """True when ``t`` is followed by a clause it dates: "in 1989, when ...", "since August, when ..."."""
    after = _words_after(toks, t.end, 2)
    return bool(after) and (after[0] in ("when", "where") or after[:2] in ([",", "when"], [",", "where"]))


def _fronted_end(toks: list[tuple[int, int, str]], t: Timex) -> int | None:
    """End offset of ``t`` when it opens the sentence as an adverbial ("On Friday, ...")."""
    lead = _words_before(toks, t.start, 4)  # more than 3 words: not opening the sentence
    after = _words_after(toks, t.end, 1) if PARTICIPIAL_FRONTED else []
    if len(lead) <= 3 and all(w.isalpha() for w in lead) and not (
            after and after[0] in _QUESTION_OPENERS and lead and lead[0] in _PARTICIPIAL_OPENERS):
        return t.end
    if after == [","] or after and after[0] in _QUESTION_OPENERS:
        # "Speaking to reporters on Friday, Biden said", "Biden, asked about it on Friday, said":
        # a participial clause holding the date, closed by the comma right after it, is fronted
        lead = _words_before(toks, t.start, 9)
        k = max((n for n, w in enumerate(lead) if w == ","), default=-1)
        clause = lead[k + 1 :]
        if (k == -1 and len(lead) < 9 or k >= 1 and lead[k - 1].isalpha()) and 2 <= len(clause) <= 7 \
                and all(w.isalpha() for w in clause) and (clause[0].endswith("ing") or clause[0] in _PARTICIPIAL_OPENERS):
            if after == [","]:
                return t.end
            if clause[0] in _PARTICIPIAL_OPENERS:
                # "Asked by reporters on Monday whether the trip had succeeded, Blinken said": the
                # question is the asking's; the comma after it closes the fronted clause
                return _question_end(toks, t.end)
    return None


#: Words opening the question an "asked ..." clause reports ("asked on Friday whether ...").
_QUESTION_OPENERS = frozenset("whether if about why how what who".split())
#: Most words of such a question before the comma that closes the fronted clause.
_QUESTION_MAX_WORDS = 20


def _question_end(toks: list[tuple[int, int, str]], pos: int) -> int | None:
    """Offset of the comma ending the question that starts at ``pos`` (None: no such comma
    within ``_QUESTION_MAX_WORDS`` words, or the question closes the sentence)."""
    k = bisect_left(_token_starts(toks), pos)
    for s, _, w in toks[k : k + _QUESTION_MAX_WORDS + 1]:
        if w == ",":
            return s
        if w in _CLAUSE_PUNCT:
            return None
    return None


#: A sentence-opening or appositive participial clause ("Speaking to reporters on Friday, X
#: said") dates the main clause after it, as "On Friday, X said" does.
PARTICIPIAL_FRONTED = True
_PARTICIPIAL_OPENERS = frozenset("asked interviewed questioned pressed".split())


#: A would/will/to event does not take a past date written after a past verb that follows it.
PAST_VERB_OWNS_LATER_DATE = True
#: A date ahead written right after an event noun ("protests on Saturday") is that event's,
#: not a past verb's earlier in the sentence ("accused ... and called for protests on Saturday").
PLANNED_NOUN_OWNS_DATE = True
_PLANNED_NOUNS = frozenset("""protest protests rally rallies march marches strike strikes election elections vote
    talks summit meeting referendum hearing trial demonstration demonstrations boycott sit-in walkout
    ceremony inauguration funeral visit""".split())


def _planned_noun_before(toks: list[tuple[int, int, str]], t: Timex, ev_end: int) -> bool:
    """Is ``t`` written right after an event noun after the trigger ("called for protests on
    Saturday"; not the trigger itself: "will vote on Tuesday")?"""
    k = bisect_right(_token_ends(toks), t.start) - 1
    if k >= 0 and toks[k][2] in ("on", "for", "in", "at", "this", "next"):
        k -= 1
    return k >= 0 and toks[k][0] >= ev_end and toks[k][2] in _PLANNED_NOUNS
_AHEAD_TENSES = frozenset(["MODAL", "FUTURE", "INFINITIVE"])
#: An event reported by a clause that ", and"/";" opens does not take the date of the clause before.
NEW_REPORTER_ENDS_DATE = True


_AFTER_PAST_VERB = frozenset("with by in at on for from to during under since as down up out off".split())
_TIME_CLAUSE_WORDS = frozenset("when once soon after before until till while".split())  # ("as soon as")


def _past_verb_between(toks: list[tuple[int, int, str]], a: int, b: int) -> bool:
    """Is there a past verb in ``a``..``b`` whose phrase the date at ``b`` ends: followed by a
    preposition or particle ("a bailout agreed with the IMF last year", "as happened in 1992") or
    by the date itself ("the year ended March 31")? Not an adjective ("carved stone on Wednesday"),
    nor a time clause's verb ("as soon as trading opened Monday": the event's own time)."""
    gap = _between(toks, a, b)
    words = [w for _, _, w in gap]
    if not _TIME_CLAUSE_WORDS.isdisjoint(words):
        return False
    return any(_looks_finite(w, words[i - 1] if i else "") and (i + 1 == len(words) or words[i + 1] in _AFTER_PAST_VERB)
               for i, w in enumerate(words))


def _new_reporting_clause(toks: list[tuple[int, int, str]], t: Timex, ev_start: int) -> bool:
    """Does a reporting verb stand between ``t`` and the event, after a clause boundary ("," +
    "and"/"but", or ";") that is not the comma closing a fronted ``t`` ("On Monday, X said ...")?"""
    gap = _between(toks, t.end, ev_start)
    words = [w for _, _, w in gap]
    reports = [i for i, w in enumerate(words) if w in _REPORTING_FINITE and w != "according"]
    if not reports:
        return False
    before = words[: reports[-1]]
    return ";" in before or any(w == "," and k + 1 < len(before) and before[k + 1] in ("and", "but", "while")
                                for k, w in enumerate(before))


#: "the next day", "the following morning": a day after the story's, not after publication
_FOLLOWING = re.compile(r"(?:the\s+)?(?:next|following)\b", re.I)


def _candidates(toks: list[tuple[int, int, str]], local: list[Timex], ev_start: int, ev_end: int,
                tense: str, dct: date | None, reporting: bool, attitude: bool = False) -> list[_Candidate]:
    """The time expressions of the event's sentence that may date it, scored."""
    out: list[_Candidate] = []
    cues_after = [c.end for c in local if c.anchor == CLAUSE_OFFSET_ANCHOR and c.start >= ev_end]
    for t in local:
        if t.start <= ev_start < t.end:
            continue  # the trigger is part of the time expression
        if tense in _PAST_TENSES and dct is not None and t.date_start is not None and t.date_start > dct \
                and t.anchor == "publication" and _FOLLOWING.match(t.text):
            continue  # "met him again the following morning" with no story day before: not tomorrow
        if cues_after and t.start >= min(cues_after):
            continue  # "The rulings come eight days before an election on February 8": the election's date
        if t.anchor == CLAUSE_OFFSET_ANCHOR and (t.start >= ev_end or _between_has(toks, t.end, ev_start, ",")):
            continue  # "The attacks came a week after ...", "..., hours after X, and has been criticised":
            # the cue dates the clause it opens, not this one
        if not _compatible(t, tense, dct):
            if DEADLINE_KEEPS_DIRECTION and _preposition(toks, t) in _DEADLINE_PREPS:
                continue  # "ordered to leave by Jan. 14": a deadline ahead, not last January
            if t.start >= ev_end and _infinitive_between(toks, ev_end, t.start):
                continue  # "invited him to return in May": next May is the return's, not last May
            if PLANNED_NOUN_OWNS_DATE and t.start >= ev_end and _planned_noun_before(toks, t, ev_end):
                continue  # "called for nationwide protests on Saturday": next Saturday is the protests'

            t = _reresolve(t, tense, dct)
            if t is None:
                continue
        if attitude and tense in ("PRESENT", "PRESENT/PROG") and dct is not None and t.date_start > dct:
            continue  # "the deal is [expected] to close in December": the expectation is now
        rel = _relative_clause(toks, t)
        if rel is not None and not rel[0] <= ev_start < rel[1]:
            continue  # "Ruto, who arrived on Tuesday evening, said ...": the date is the clause's own
        if PAST_VERB_OWNS_LATER_DATE and t.start >= ev_end and tense in _AHEAD_TENSES and dct is not None \
                and t.date_end is not None and t.date_end < dct and _past_verb_between(toks, ev_end, t.start):
            continue  # "would seek to renegotiate a bailout agreed last year": last year is the agreement's
        if t.end <= ev_start and _preposition(toks, t) in _DEADLINE_PREPS and _between_has(toks, t.end, ev_start, ",") \
                and [w for _, _, w in _between(toks, t.end, ev_start)[:2]] != [",", "when"]:
            continue  # "tried to postpone the vote until December, sparking protests": the postponement's end
            # (not "until Thursday, when he held talks": the date the "when" clause refers to)
        if NEW_REPORTER_ENDS_DATE and t.end <= ev_start and _new_reporting_clause(toks, t, ev_start):
            continue  # "X called on Monday, and the ministry said Beijing was ready": not Monday's
        score = _score(toks, t, ev_start, ev_end, reporting)
        if score is not None:
            out.append(_Candidate(t, score))
    return out


#: A noun's restrictive "that" clause closed by a comma dates only itself, like ", which ...,".
NOUN_THAT_CLAUSES = True
#: Event nouns whose "that" opens a relative clause (a verb's "that" opens its complement).
_THAT_NOUNS = frozenset("""strike protest dispute war conflict crisis attack violence unrest fighting talks deal
    agreement accord election vote campaign standoff blockade sit-in walkout mutiny uprising revolt offensive
    operation clashes inquiry investigation case trial process""".split())


def _relative_clause(toks: list[tuple[int, int, str]], t: Timex, open_ok: bool = False) -> tuple[int, int] | None:
    """The (start, end) offsets of the ", who/which ... ," relative clause holding ``t``, if any
    (closed by a comma: an open one may be the sentence's own end; ``open_ok`` takes one
    that runs to the end of the sentence too)."""
    starts = _token_starts(toks)
    i = bisect_left(starts, t.start)
    k = i - 1
    while k >= 1 and toks[k][2] not in (",", ";", ":") and toks[k][2] not in ("who", "which", "that"):
        k -= 1
    if k < 1:
        return None
    w, prev = toks[k][2], toks[k - 1][2]
    # ", who/which ...," or a noun's "that ..." ("a strike that began last week,"), not a verb's
    # complement ("said that ...")
    if not (w in ("who", "which") and prev == "," or w == "that" and NOUN_THAT_CLAUSES and prev in _THAT_NOUNS):
        return None
    e = bisect_left(starts, t.end)
    while e < len(toks) and toks[e][2] not in (",", ";", ":"):
        e += 1
    if open_ok and (e >= len(toks) or e == len(toks) - 1 and toks[e][2] in (".", "!", "?")):
        return toks[k][0], toks[-1][1]
    if e >= len(toks) or toks[e][2] != ",":
        return None
    return toks[k][0], toks[e][0]


def _between_has(toks: list[tuple[int, int, str]], a: int, b: int, word: str) -> bool:
    return a < b and any(w == word for _, _, w in _between(toks, a, b))


def _infinitive_between(toks: list[tuple[int, int, str]], a: int, b: int) -> bool:
    """Is there a "to" + verb (not "to the", "to 2025") between offsets ``a`` and ``b``?"""
    gap = _between(toks, a, b)
    return any(w == "to" and k + 1 < len(gap) and gap[k + 1][2].isalpha() and gap[k + 1][2] not in _DETERMINERS
               for k, (_, _, w) in enumerate(gap))


def _score(toks: list[tuple[int, int, str]], t: Timex, ev_start: int, ev_end: int, reporting: bool) -> float | None:
    """How far ``t`` is from the event in words and clause boundaries; None if it cannot date it."""
    when = t.end <= ev_start and _opens_when_clause(toks, t)
    prep = "" if when else _preposition(toks, t)
    if prep in _EXCLUDING_PREPS:
        return None
    premod = _is_premodifier(toks, t)
    if premod and t.end <= ev_start and _words_between(toks, t.end, ev_start) <= 2:
        return -1.0  # "the 1995 [shooting]", "Friday's [vote]"
    if t.end <= ev_start:
        a, b, bias, fr = t.end, ev_start, BEFORE_BIAS, _fronted_end(toks, t)
        if fr is not None and a < fr < b:
            a = fr  # the question an "asked on Friday whether ..." clause reports is not in the gap
        elif fr is not None and fr >= b:
            return None  # the event is inside that question: the clause's date is the asking's
    else:
        a, b, bias, fr = ev_end, t.start, 0.0, None
    if when:
        score = _words_between(toks, a, b) + 1.0
    else:
        pen = _gap_penalty(toks, a, b, fr, before_event=b == ev_start)
        if reporting and fr is None and pen >= REPORTING_MAX_PENALTY and not (b == ev_start and _subject_date(toks, a, b)):
            return None  # "X said [the talks collapsed in 2019]": the date is the complement's
        words = _words_between(toks, a, b)
        if fr is not None:  # "On Friday, [the minister] resigned": distance is no matter, clauses are
            words = min(words, FRONTED_CAP)
        score = words + pen + bias
    if premod:
        score += PREMOD_PENALTY
    if prep in _BOUNDARY_PREPS:
        score += BOUNDARY_PREP_PENALTY
    return score


# --------------------------------------------------------------------------- methods


def _method_for(t: Timex) -> str:
    """The DATE_METHODS name for an event dated by ``t`` (the tagger's anchor when it gives one)."""
    if t.anchor == "absolute":
        return "explicit_date"
    if t.anchor == "publication":
        return "relative_to_publication"
    if t.anchor in ("narrative", CLAUSE_OFFSET_ANCHOR):
        return "narrative_anchor"
    txt = t.text.lower()
    if re.search(r"\b(?:that|the (?:next|following|previous|same))\b|\blater\b", txt) and not re.search(
        r"\b(?:today|yesterday|tomorrow|ago|this|last|next)\b", txt
    ):
        return "narrative_anchor"
    if re.search(r"\d{3,4}|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d", txt):
        return "explicit_date"
    if re.search(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\d", txt):
        return "explicit_date"
    return "relative_to_publication"


def _assign(t: Timex, method: str | None = None, confidence: float = 0.8) -> DateAssignment:
    """The assignment "the event lies in ``t``"."""
    return DateAssignment(
        date_start=t.date_start,
        date_end=t.date_end,
        granularity=t.granularity,
        method=method or _method_for(t),
        time_text=t.text,
        time_start=t.time_start,
        time_end=t.time_end,
        confidence=confidence,
    )


def _publication(dct: date | None, confidence: float = 0.4) -> DateAssignment:
    """The publication-day fallback, or ``undated`` without a publication date."""
    if dct is None:
        return DateAssignment(None, None, None, "undated", None, confidence=0.0)
    return DateAssignment(dct, dct, "day", "publication_fallback", None, confidence=confidence)


# --------------------------------------------------------------------------- narrative


def _whole_day(t: Timex) -> Timex:
    """``t`` without its time of day: "later" than "this morning" is the same day, not the morning."""
    if t.granularity not in ("hour", "part-of-day"):
        return t
    return replace(t, granularity="day", time_start=None, time_end=None)


def _governing(text: str, span: tuple[int, int], dated: list[Timex], tense: str, dct: date | None) -> list[Timex]:
    """Time expressions of a sentence that can date its events (not "the 1998 bombing",
    not "since 1993"), in text order."""
    toks = None  # tokenised only for a sentence holding a candidate
    out = []
    for t in dated:
        if span[0] <= t.start and t.end <= span[1] and t.anchor != CLAUSE_OFFSET_ANCHOR and t.value != "PRESENT_REF" \
                and _compatible(t, tense, dct):  # "was now invalid": the time of its clause, no story date
            if toks is None:
                toks = _tokens(text, span[0], span[1])
            if _is_premodifier(toks, t) or _preposition(toks, t) in _EXCLUDING_PREPS | _BOUNDARY_PREPS:
                continue
            if NARRATIVE_SKIPS_FLASHBACKS and _in_flashback(toks, t):
                continue
            if NARRATIVE_SKIPS_RELATIVE and _relative_clause(toks, t, open_ok=True) is not None:
                continue  # "Kosovo, which declared independence in 2008": background, not the story's day
            if NARRATIVE_SKIPS_AFTER_CLAUSE and _in_trailing_after(toks, t):
                continue  # "approved ... after Greece dropped its objections late on Tuesday": earlier than the story
            out.append(t)
    return out


#: A date in an "after ..." clause that follows its main clause ("The measures were approved
#: after Greece dropped its objections late on Tuesday") is earlier than the main event: it
#: does not move the narrative clock to that earlier day.
NARRATIVE_SKIPS_AFTER_CLAUSE = True


def _in_trailing_after(toks: list[tuple[int, int, str]], t: Timex) -> bool:
    """Is ``t`` inside an "after" clause that is not the sentence's opening?"""
    i = bisect_left(_token_starts(toks), t.start)
    for k in range(i - 1, 0, -1):
        w = toks[k][2]
        if w == "after":
            return toks[k + 1][2] not in _OFFSET_WORDS and not toks[k - 1][2][:1].isdigit()
        if w in _CLAUSE_EDGES and w not in ("after", "and") or w in (".", "!", "?"):
            return False  # ("after Greece and Hungary dropped ...": one clause)
    return False


#: "a day after", "hours after": an offset, not a subordinate clause
_OFFSET_WORDS = frozenset("the a an".split())


#: ... nor date a simple-past event of their sentence (the past-perfect events keep them).
LOCAL_SKIPS_FLASHBACKS = True
#: A date inside a ", which/who ..." clause does not move the narrative clock either.
NARRATIVE_SKIPS_RELATIVE = True
#: Past-perfect clauses look back from the story's time ("ending a dispute that had flared
#: in the spring"): their dates do not move the narrative clock.
NARRATIVE_SKIPS_FLASHBACKS = True
_CLAUSE_EDGES = frozenset([",", ";", ":", "that", "which", "who", "whom", "when", "while", "and", "but",
                           "because", "after", "before", "since", "“", "”", '"'])


def _in_flashback(toks: list[tuple[int, int, str]], t: Timex) -> bool:
    """Is ``t`` in a past-perfect clause ("... that had flared in the spring")? The clause
    is the run of tokens around ``t`` between clause edges (commas, relative and
    subordinating words, conjunctions); past perfect is "had" (adverbs and "been" may
    follow) then a past participle, not "had to", before ``t`` in that clause ("said now
    he had been killed" is no flashback for "now"). A date opening a "when" clause dates it."""
    starts = _token_starts(toks)
    i = bisect_left(starts, t.start)
    j = bisect_left(starts, t.end)
    lo = i
    while lo > 0 and toks[lo - 1][2] not in _CLAUSE_EDGES:
        lo -= 1
    hi = j
    while hi < len(toks) and toks[hi][2] not in _CLAUSE_EDGES:
        hi += 1
    if _opens_when_clause(toks, t):
        return False  # "in 1984, when ... were killed": it dates the clause it opens
    words = [w for _, _, w in toks[lo:i]]  # the perfect governs what follows it: "had flared in the spring"
    for k, w in enumerate(words):
        if w != "had":
            continue
        for x in words[k + 1 : k + 4]:
            if x in _AUX_ADVERBS or x == "been":
                continue
            if x in _IRREGULAR_PARTICIPLE or x in _IRREGULAR_PAST or (x.endswith(("ed", "en")) and len(x) > 3):
                return True
            break
    return False


def _sentences_before(text: str, s0: int, k: int) -> list[tuple[tuple[int, int], int]]:
    """Up to ``k`` sentence spans before offset ``s0``, nearest first, each with the number
    of paragraph breaks (line breaks: news text puts each paragraph on its own line)
    between it and ``s0``."""
    spans = _sentence_spans(text)
    if not spans:
        return []
    i = _sentences.sentence_of(spans, s0)
    while i >= 0 and spans[i][1] > s0:  # the sentence of s0 (its start may be before: a dateline cut)
        i -= 1
    out: list[tuple[tuple[int, int], int]] = []
    breaks, edge = 0, s0
    while i >= 0 and len(out) < k:
        breaks += "\n" in text[spans[i][1]:edge]
        out.append((spans[i], breaks))
        edge = spans[i][0]
        i -= 1
    return out


def _narrative(text: str, s0: int, s1: int, ev_start: int, dated: list[Timex], tense: str, dct: date | None,
               reporting: bool, has_local: bool = False, ev_end: int | None = None) -> Timex | None:
    """The story's current date for an event no time expression of its sentence dates.

    An event (not in the present or future tense) of a sentence opening with a narrative
    cue ("Later, ...", "Then ...") or right after a narrative adverb ("The agency later
    stated ...") happens at the last date established before the sentence. So does a plain
    past-tense event (not a reporting verb, whose time is the report's) right after a
    sentence that established a date: past-tense narration moves on from the date just given.
    Further back (``_narrative_clock``) only a story told in the past continues.
    """
    if tense in _PRESENT_TENSES or tense in ("FUTURE", "MODAL"):
        return None
    if _NARRATIVE_CUE.match(text, s0, s1) or _NARRATIVE_ADVERB.search(text, max(s0, ev_start - 24), ev_start) \
            or ev_end is not None and _ADVERB_AFTER.match(text, ev_end, s1):  # "Sheinbaum said afterwards that ..."
        before = [t for t in dated if t.end <= s0 and t.value != "PRESENT_REF" and _compatible(t, tense, dct)]
        return before[-1] if before else None
    if tense not in NARRATIVE_TENSES:
        return None
    reported = _in_reported_speech(text, s0, ev_start, s1)
    if reported and NARRATIVE_NEAR_NOT_REPORTED:
        return None
    far_ok = not has_local and not (NARRATIVE_FAR_NOT_REPORTED and reported)
    return _narrative_clock(text, s0, dated, tense, dct, reporting, far_ok)


def _in_reported_speech(text: str, s0: int, ev_start: int, s1: int | None = None) -> bool:
    """True when a finite reporting verb precedes the event in its sentence: "The Kremlin
    said Putin was kept [informed]" reports a state at the report's time."""
    words = _words_in(text, s0, ev_start, (s0, s1) if s1 is not None else None)
    return any(w in _REPORTING_FINITE and w != "according" for w in words)


#: A coarse date that holds the story's day ("his second visit this year" after "on
#: Wednesday") does not move the narrative clock off that day.
NARRATIVE_KEEPS_FINER = True
_COARSE = frozenset(["week", "month", "quarter", "season", "year", "decade"])


def _finer_clock(s0: int, dated: list[Timex], t: Timex, tense: str, dct: date | None) -> Timex:
    """``t``, or when ``t`` is coarse, the last day-or-finer date before ``s0`` inside it."""
    if t.granularity not in _COARSE or t.date_start is None or t.date_end is None:
        return t
    for u in reversed(dated):
        if u.end > s0 or u.start >= t.start and u is not t and u.end > t.start:
            continue
        if u.granularity in ("day", "part-of-day", "hour") and u.date_start is not None and u.date_end is not None:
            if t.date_start <= u.date_start and u.date_end <= t.date_end and _compatible(u, tense, dct):
                return u
            return t  # the last fine date is outside: the story has moved
    return t


def _narrative_clock(text: str, s0: int, dated: list[Timex], tense: str, dct: date | None,
                     reporting: bool, far_ok: bool = False) -> Timex | None:
    """The story's clock (the last date the sentences before ``s0`` established), if plain
    past-tense narration carries it to the event (a reporting verb's time is the report's).

    From the previous sentence always. From further back (``NARRATIVE_MAX_SENTENCES``,
    across up to ``NARRATIVE_CROSS_PARAGRAPH`` paragraph breaks) only when the event's own
    sentence has no time expression, and the date is a day (or finer) before the
    publication day: the article is narrating the past ("As the columns marched north,
    ..." after "Throughout Saturday, ..." in a Wednesday retrospective), not today's news.
    """
    if reporting:
        return None
    for dist, (span, breaks) in enumerate(_sentences_before(text, s0, NARRATIVE_MAX_SENTENCES), 1):
        gov = _governing(text, span, dated, tense, dct)
        if not gov:
            if NARRATIVE_STOPS_AT_FLASHBACK and _flashback_dated(text, span, dated):
                return None  # its dates were all a flashback ("Sall had tried last month ..."): the story left its clock
            continue
        t = gov[-1]  # the nearest date established
        if NARRATIVE_KEEPS_FINER:
            t = _finer_clock(s0, dated, t, tense, dct)
        if dist == 1:  # measured: requiring the same paragraph here loses on TimeBank
            return t
        if breaks > NARRATIVE_CROSS_PARAGRAPH or not far_ok:
            return None
        before_publication = dct is not None and t.date_end is not None and t.date_end < dct
        if not before_publication or t.granularity not in NARRATIVE_FAR_GRANULARITIES:
            return None
        return t
    return None


# --------------------------------------------------------------------------- API


_DECLARED_DAY = (re.compile(r"\b(?:declared?|declares|declaring|named?|names|designated?|designates|proclaimed?|proclaims|made|makes|make)\s+$", re.I),
                 re.compile(r"\s+(?:a|an|as)\s+(?:\w+\s+){0,2}?(?:day|holiday)\b", re.I))


def _declared_day(text: str, t: Timex) -> bool:
    """Is ``t`` the day a verb declares ("declared Monday a day of mourning"): what is
    declared, not when? (The anchored match after the date fails at once for most dates.)"""
    return (_DECLARED_DAY[1].match(text, t.end) is not None
            and _DECLARED_DAY[0].search(text, max(0, t.start - 16), t.start) is not None)


#: see date_event: "... on Tuesday night and signed ... the next morning"
SECOND_CONJUNCT_OWN_DATE = True
_AND_ONLY = re.compile(r"\s*,?\s*and\s+(?:then\s+|later\s+)?", re.I)


def _clamp_to_publication(a: DateAssignment, tense: str, dct: date | None) -> DateAssignment:
    """A past event cannot end after the article was published: "earlier this week" in a
    Wednesday article is Monday..Wednesday, not the whole week. The granularity stays."""
    if dct is None or tense not in (*_PAST_TENSES, "PRESENT/PERF") or a.date_start is None or a.date_end is None:
        return a
    if a.date_start <= dct < a.date_end:
        return replace(a, date_end=dct)
    return a



def date_event(
    text: str,
    dct: date | datetime | None,
    ev_start: int,
    ev_end: int,
    timexes: list[Timex],
    *,
    sentence: tuple[int, int] | None = None,
) -> DateAssignment:
    """Date the event whose trigger is ``text[ev_start:ev_end]``.

    ``timexes`` are the document's time expressions (``dateline.timex.tag``);
    ``sentence`` is the event's sentence span when the caller already knows it.
    """
    day = _as_date(dct)
    s0, s1 = sentence if sentence is not None else _sentence_span(text, ev_start)
    dated = _with_offsets(text, timexes, day)
    local = [t for t in _in_span(dated, s0, s1) if not _declared_day(text, t)]
    tense = _event_tense(text, s0, ev_start, ev_end, (s0, s1))
    trigger = text[ev_start:ev_end].lower()
    if local:
        toks = _tokens(text, s0, s1)
        if LOCAL_SKIPS_FLASHBACKS and tense == "PAST":  # "criticised ..., saying it had been cleared in 2023"
            # (not for a verb that shares the pluperfect: "had met X a day earlier and thanked ...")
            local = [t for t in local if not _in_flashback(toks, t) or _AND_ONLY.fullmatch(text, t.end, ev_start)]
    if local:
        cands = _candidates(toks, local, ev_start, ev_end, tense, day, trigger in _REPORTING, trigger in _ATTITUDE)
        best = min(cands, key=lambda c: c.score) if cands else None
        if SECOND_CONJUNCT_OWN_DATE and best is not None and best.timex.end <= ev_start \
                and _AND_ONLY.fullmatch(text, best.timex.end, ev_start):
            # "flew to Belgrade on Tuesday night and signed ... the next morning": the date that
            # closes the first conjunct is its own when the second has one after it
            after = [c for c in cands if c.timex.start >= ev_end and c.score <= MAX_SCORE
                     and not _infinitive_between(toks, ev_end, c.timex.start)  # ("urged them to settle by Friday")
                     and _preposition(toks, c.timex) not in _BOUNDARY_PREPS]
            if after:
                best = min(after, key=lambda c: c.score)
        if best is not None and best.score <= MAX_SCORE:
            found = _assign(_with_day(text, best.timex, local), confidence=0.85 if best.score <= 3 else 0.7)
            return _clamp_to_publication(found, tense, day)
    anchor = _narrative(text, s0, s1, ev_start, dated, tense, day, trigger in _REPORTING, bool(local), ev_end)
    if anchor is not None:
        return _assign(_whole_day(anchor), method="narrative_anchor", confidence=0.6)
    return _publication(day)


# --------------------------------------------------------------------------- files


def _parse_dct(value: str | None) -> date | None:
    """The publication day of an anchor-task record ("1998-01-08", "1998-01-08T10:00")."""
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def anchor_record(rec: dict, timexes: list[Timex] | None = None) -> dict:
    """Date every event of one anchor-task record (gold fields are dropped).

    ``timexes`` defaults to ``dateline.timex.tag(text, dct)``, tagged once per document.
    """
    text = rec.get("text") or ""
    dct = _parse_dct(rec.get("dct"))
    if timexes is None:
        from dateline import timex as _timex  # imported late: only the file command needs it

        timexes = _timex.tag(text, dct)
    out = dict(rec)
    out["events"] = [_date_record(text, dct, e, timexes) for e in rec.get("events") or []]
    return out


def anchor_file(in_path: str | Path, out_path: str | Path) -> int:
    """Date every event of an anchor-task JSONL file; return the number of events.

    Gold fields in the input are ignored. Each document's time expressions are tagged
    once with ``dateline.timex.tag``.
    """
    n = 0
    with open(in_path, encoding="utf-8") as src, open(out_path, "w", encoding="utf-8") as out:
        for line in src:
            if not line.strip():
                continue
            rec = anchor_record(json.loads(line))
            n += len(rec["events"])
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return n


def _date_record(text: str, dct: date | None, ev: dict, timexes: list[Timex]) -> dict:
    """The output record of one event (gold fields dropped)."""
    a = date_event(text, dct, int(ev["start"]), int(ev["end"]), timexes)
    out = {k: v for k, v in ev.items() if k != "gold"}
    out["date_start"] = a.date_start.isoformat() if a.date_start else None
    out["date_end"] = a.date_end.isoformat() if a.date_end else None
    out["granularity"] = a.granularity
    out["date_method"] = a.method
    out["time_text"] = a.time_text
    out["confidence"] = round(a.confidence, 3)
    return out
