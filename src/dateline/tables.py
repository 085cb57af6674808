"""Per-article results -> Polars tables, and mentions -> merged real-world events.

The store's contract is columnar, so each stage's records become one Polars frame per
table with a fixed schema (the same column names and types as the DuckDB tables), built
once per batch of articles. Merging is the one cross-article step: several articles (or
sentences) that report the same event become one ``events`` row with several
``mentions``: same event type and actors, overlapping date intervals; the finest
interval wins, and adjacent-but-different dates are kept, merged and flagged.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone

import polars as pl

from .models import GRANULARITIES, Article, Mention, Segment, Timex

DOCUMENTS = {
    "doc_id": pl.String, "path": pl.String, "title": pl.String,
    "published": pl.Datetime("us", "UTC"), "published_date": pl.Date,
    "source": pl.String, "url": pl.String, "text": pl.String,
    "content_hash": pl.String, "n_noise_lines": pl.Int32,
}
NOISE = {"doc_id": pl.String, "start": pl.Int32, "end": pl.Int32, "reason": pl.String, "text": pl.String}
TIMEXES = {
    "doc_id": pl.String, "start": pl.Int32, "end": pl.Int32, "text": pl.String, "type": pl.String,
    "value": pl.String, "date_start": pl.Date, "date_end": pl.Date, "granularity": pl.String,
    "anchor": pl.String, "time_start": pl.Datetime("us"), "time_end": pl.Datetime("us"),
}
MENTIONS = {
    "mention_id": pl.String, "event_id": pl.String, "doc_id": pl.String,
    "event_type": pl.String, "cameo_code": pl.String, "plover_type": pl.String, "plover_mode": pl.String,
    "source_actor": pl.String, "target_actor": pl.String,
    "sentence": pl.String, "char_start": pl.Int32, "char_end": pl.Int32,
    "trigger": pl.String, "trigger_start": pl.Int32, "trigger_end": pl.Int32,
    "time_text": pl.String, "date_start": pl.Date, "date_end": pl.Date, "granularity": pl.String,
    "time_start": pl.Datetime("us"), "time_end": pl.Datetime("us"),
    "date_method": pl.String, "reported_by": pl.String, "location": pl.String,
    "confidence": pl.Float64, "modality": pl.String,
}
EVENTS = {
    "event_id": pl.String, "event_type": pl.String, "cameo_code": pl.String,
    "plover_type": pl.String, "plover_mode": pl.String,
    "source_actor": pl.String, "target_actor": pl.String,
    "date_start": pl.Date, "date_end": pl.Date, "granularity": pl.String,
    "time_start": pl.Datetime("us"), "time_end": pl.Datetime("us"),
    "location": pl.String, "n_mentions": pl.Int32, "n_sources": pl.Int32, "confidence": pl.Float64,
    "date_method": pl.String, "modality": pl.String, "date_conflict": pl.Boolean, "origin": pl.String,
}
ACTORS = {"name": pl.String, "kind": pl.String, "country": pl.String, "title": pl.String}

#: Event types whose two actors play the same role ("A spoke with B" = "B spoke with A").
SYMMETRIC_TYPES = {"phone_call", "meeting", "meet", "negotiate", "talks", "agree",
                   "sign_agreement", "merge", "consult", "cooperate"}

_RANK = {g: i for i, g in enumerate(GRANULARITIES)}

#: Row order of ``merge_events`` output: each source actor's timeline. Written in this
#: order, DuckDB skips whole row groups for one actor's events (zone maps on
#: ``source_actor``: a typical actor's timeline is ~4x faster at millions of events) and
#: stores the sorted actor and date columns almost for free.
EVENT_ORDER = ["source_actor", "date_start", "time_start", "event_type", "target_actor", "event_id"]


@dataclass(slots=True)
class ArticleResult:
    """Everything the per-article stage produced for one article."""

    article: Article
    segments: list[Segment]
    timexes: list[Timex]
    mentions: list[Mention]
    warnings: list[str] = field(default_factory=list)


def _utc(dt: datetime | None) -> datetime | None:
    if dt is None:
        return None
    return (dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)).astimezone(timezone.utc)


def mention_id(doc_id: str, m: Mention) -> str:
    key = f"{doc_id}\x00{m.trigger_start}\x00{m.trigger_end}\x00{m.event_type}\x00{m.source_actor}\x00{m.target_actor}"
    return hashlib.sha1(key.encode()).hexdigest()[:16]


def build_frames(results: list[ArticleResult]) -> dict[str, pl.DataFrame]:
    """One frame per store table for a batch of processed articles."""
    docs, noise, timexes, mentions = [], [], [], []
    for r in results:
        a = r.article
        dropped = [s for s in r.segments if not s.keep]
        docs.append({
            "doc_id": a.doc_id, "path": a.path, "title": a.title, "published": _utc(a.published),
            "published_date": a.published.date() if a.published else None,
            "source": a.source, "url": a.url, "text": a.text, "content_hash": a.content_hash,
            "n_noise_lines": len(dropped),
        })
        noise.extend({"doc_id": a.doc_id, "start": s.start, "end": s.end, "reason": s.reason,
                      "text": a.text[s.start:s.end]} for s in dropped)
        timexes.extend({
            "doc_id": a.doc_id, "start": t.start, "end": t.end, "text": t.text, "type": t.type,
            "value": t.value, "date_start": t.date_start, "date_end": t.date_end,
            "granularity": t.granularity, "anchor": t.anchor,
            "time_start": t.time_start, "time_end": t.time_end,
        } for t in r.timexes)
        seen: set[str] = set()
        for m in r.mentions:
            mid = mention_id(a.doc_id, m)
            if mid in seen:
                continue
            seen.add(mid)
            mentions.append({
                "mention_id": mid, "event_id": None, "doc_id": a.doc_id,
                "event_type": m.event_type, "cameo_code": m.cameo_code, "plover_type": m.plover_type,
                "plover_mode": m.plover_mode, "source_actor": m.source_actor, "target_actor": m.target_actor,
                "sentence": m.sentence, "char_start": m.char_start, "char_end": m.char_end,
                "trigger": m.trigger, "trigger_start": m.trigger_start, "trigger_end": m.trigger_end,
                "time_text": m.time_text, "date_start": m.date_start, "date_end": m.date_end,
                "granularity": m.granularity, "time_start": m.time_start, "time_end": m.time_end,
                "date_method": m.date_method, "reported_by": m.reported_by, "location": m.location,
                "confidence": float(m.confidence), "modality": m.modality,
            })
    return {
        "documents": pl.DataFrame(docs, schema=DOCUMENTS),
        "noise": pl.DataFrame(noise, schema=NOISE),
        "timexes": pl.DataFrame(timexes, schema=TIMEXES),
        "mentions": pl.DataFrame(mentions, schema=MENTIONS),
    }


def actor_frame(records: list[dict]) -> pl.DataFrame:
    rows = [{k: (None if r.get(k) in ("", None) else str(r.get(k))) for k in ACTORS} for r in records]
    return pl.DataFrame(rows, schema=ACTORS).filter(pl.col("name").is_not_null())


# --------------------------------------------------------------------------- merging

@dataclass(slots=True)
class _Cluster:
    key: tuple
    rows: list[dict]
    start: date | None
    end: date | None
    conflict: bool = False


def _event_key(row: dict) -> tuple:
    a, b = row["source_actor"] or "", row["target_actor"] or ""
    if row["event_type"] in SYMMETRIC_TYPES and b and a > b:
        a, b = b, a
    if not a and not b:
        # nothing says two actorless reports are the same event ("a protest"): only the same
        # place makes them candidates; without a place each stays its own event
        return (row["event_type"], row["cameo_code"], "", "", row["modality"] or "asserted",
                row.get("location") or row["mention_id"])
    return (row["event_type"], row["cameo_code"], a, b, row["modality"] or "asserted")


def _rank(row: dict) -> tuple:
    fallback = row["date_method"] in ("publication_fallback", "undated")
    return (fallback, _RANK.get(row["granularity"] or "", 99), -(row["confidence"] or 0), row["mention_id"])


def _joins(c: _Cluster, row: dict) -> bool:
    s, e = row["date_start"], row["date_end"]
    if s is None or c.start is None:
        return s is None and c.start is None
    if row["date_method"] == "publication_fallback":
        # reported later without a date: the event happened on or shortly before publication
        return c.start <= e and (e - c.end) <= timedelta(days=3)
    return s <= c.end and c.start <= e


def merge_events(mentions: pl.DataFrame, origin: str = "text") -> tuple[pl.DataFrame, pl.DataFrame]:
    """Cluster mentions into events; returns (events, mention_id -> event_id)."""
    rows = sorted(mentions.to_dicts(), key=_rank)
    by_key: dict[tuple, list[_Cluster]] = {}
    for row in rows:
        clusters = by_key.setdefault(_event_key(row), [])
        for c in clusters:
            if _joins(c, row):
                c.rows.append(row)
                if row["date_method"] != "publication_fallback" and row["date_start"] is not None:
                    c.start, c.end = max(c.start, row["date_start"]), min(c.end, row["date_end"])
                break
        else:
            clusters.append(_Cluster(_event_key(row), [row], row["date_start"], row["date_end"]))
    # adjacent day-level clusters of one key are one event reported with conflicting dates
    for clusters in by_key.values():
        clusters.sort(key=lambda c: (c.start or date.max))
        merged: list[_Cluster] = []
        for c in clusters:
            prev = merged[-1] if merged else None
            if (prev and prev.start and c.start and _is_day(prev) and _is_day(c)
                    and (c.start - prev.end) <= timedelta(days=1)
                    and not (set(r["doc_id"] for r in prev.rows) & set(r["doc_id"] for r in c.rows))):
                prev.rows.extend(c.rows)
                prev.conflict = True
            else:
                merged.append(c)
        clusters[:] = merged
    events, assign = [], []
    for clusters in by_key.values():
        for c in clusters:
            best = min(c.rows, key=_rank)
            eid = hashlib.sha1(("\x00".join(map(str, c.key)) + min(r["mention_id"] for r in c.rows))
                               .encode()).hexdigest()[:16]
            conf = 1.0
            for r in c.rows:
                conf *= 1.0 - min(max(r["confidence"] or 0.0, 0.0), 0.99)
            events.append({
                "event_id": eid, "event_type": best["event_type"], "cameo_code": best["cameo_code"],
                "plover_type": best["plover_type"], "plover_mode": best["plover_mode"],
                "source_actor": best["source_actor"], "target_actor": best["target_actor"],
                "date_start": best["date_start"], "date_end": best["date_end"],
                "granularity": best["granularity"], "time_start": best["time_start"],
                "time_end": best["time_end"],
                "location": next((r["location"] for r in c.rows if r["location"]), None),
                "n_mentions": len(c.rows), "n_sources": len({r["doc_id"] for r in c.rows}),
                "confidence": round(1.0 - conf, 4), "date_method": best["date_method"],
                "modality": best["modality"], "date_conflict": c.conflict, "origin": origin,
            })
            assign.extend({"mention_id": r["mention_id"], "event_id": eid} for r in c.rows)
    return (pl.DataFrame(events, schema=EVENTS).sort(EVENT_ORDER, nulls_last=True),
            pl.DataFrame(assign, schema={"mention_id": pl.String, "event_id": pl.String}))


def _is_day(c: _Cluster) -> bool:
    return c.start is not None and c.start == c.end
