"""The records that flow between pipeline stages.

Every stage reads the records of the stage before it and writes its own, so the data
flows one way: ingest -> clean -> timex -> events -> tables -> store. Keeping the
records here, in one small module with no logic, lets each stage be tested alone and
lets the per-article work be shipped to other processes (plain dataclasses pickle).

Character offsets always index ``Article.text`` (the text stored in
``documents.text``); nothing downstream re-slices another copy of the text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

#: Granularities an interval can have, finest first. ``part-of-day`` is "this morning".
GRANULARITIES = (
    "hour",
    "part-of-day",
    "day",
    "week",
    "month",
    "quarter",
    "season",
    "year",
    "decade",
)

#: How an event mention got its date (``mentions.date_method``).
DATE_METHODS = (
    "explicit_date",  # an absolute date in the text: "on 24 June 2023", "in 1942"
    "relative_to_publication",  # "on Saturday", "this morning", "last year"
    "narrative_anchor",  # "later", "that evening", "the next day": the story's own clock
    "publication_fallback",  # nothing in the text: the publication date, low confidence
    "undated",  # no publication date either
)


@dataclass(slots=True)
class Article:
    """One ingested article. ``text`` is the full article text as ingested."""

    doc_id: str
    path: str
    text: str
    published: datetime | None  # timezone-aware when the source says so
    title: str | None = None
    source: str | None = None
    url: str | None = None
    content_hash: str = ""


@dataclass(slots=True)
class Segment:
    """A line/paragraph of ``Article.text``; ``keep`` is False for page noise."""

    start: int
    end: int
    keep: bool = True
    reason: str | None = None  # why it was dropped: "also-read", "teaser", ...


@dataclass(slots=True)
class Timex:
    """A time expression, TIMEX3-typed and normalised, with its interval."""

    start: int
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str  # TIMEX3 value: 2023-06-24, 2023-06-24TMO, 2022, P3D, PRESENT_REF, ...
    date_start: date | None = None  # inclusive interval, for DATE and TIME
    date_end: date | None = None
    granularity: str | None = None  # one of GRANULARITIES
    anchor: str | None = None  # "absolute" | "publication" | "narrative" | None
    time_start: datetime | None = None  # finer than a day when known ("this morning")
    time_end: datetime | None = None
    mod: str | None = None  # TIMEX3 mod: START, END, MID, APPROX, ...


@dataclass(slots=True)
class Mention:
    """One event as one sentence of one article states it (a row of ``mentions``)."""

    doc_id: str
    event_type: str  # short verb class: "phone_call", "statement", "visit", ...
    cameo_code: str
    plover_type: str | None
    plover_mode: str | None
    source_actor: str | None  # canonical names
    target_actor: str | None
    sentence: str
    char_start: int  # the sentence span in Article.text
    char_end: int
    trigger: str
    trigger_start: int
    trigger_end: int
    date_start: date | None
    date_end: date | None
    granularity: str | None
    date_method: str  # one of DATE_METHODS
    time_text: str | None = None  # the governing time expression, as written
    time_start: datetime | None = None
    time_end: datetime | None = None
    reported_by: str | None = None
    location: str | None = None
    confidence: float = 0.5
    modality: str = "asserted"  # asserted | alleged | negated | planned | possible | reported_denial
    extra: dict = field(default_factory=dict)
