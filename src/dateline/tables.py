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
from datetime import datetime, timezone

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
    actors: list[dict] = field(default_factory=list)  # ``actors`` rows of the names its events name


def _utc(dt: datetime | None) -> datetime | None:
    if dt is None:
        return None
    return (dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)).astimezone(timezone.utc)


def mention_id(doc_id: str, m: Mention) -> str:
    key = f"{doc_id}\x00{m.trigger_start}\x00{m.trigger_end}\x00{m.event_type}\x00{m.source_actor}\x00{m.target_actor}"
    return hashlib.sha1(key.encode()).hexdigest()[:16]


def build_frames(results: list[ArticleResult]) -> dict[str, pl.DataFrame]:
    """One frame per store table for a batch of processed articles (built column by column:
    no dict per row)."""
    docs = {k: [] for k in DOCUMENTS}
    noise = {k: [] for k in NOISE}
    timexes = {k: [] for k in TIMEXES}
    mentions = {k: [] for k in MENTIONS}
    n_ids, n_start, n_end, n_reason, n_text = (noise[k] for k in NOISE)
    tx_cols = [timexes[k] for k in TIMEXES]
    m_cols = [mentions[k] for k in MENTIONS]
    for r in results:
        a = r.article
        doc_id = a.doc_id
        dropped = [s for s in r.segments if not s.keep]
        for k, v in zip(DOCUMENTS, (
                doc_id, a.path, a.title, _utc(a.published), a.published.date() if a.published else None,
                a.source, a.url, a.text, a.content_hash, len(dropped))):
            docs[k].append(v)
        for s in dropped:
            n_ids.append(doc_id)
            n_start.append(s.start)
            n_end.append(s.end)
            n_reason.append(s.reason)
            n_text.append(a.text[s.start:s.end])
        for t in r.timexes:
            for col, v in zip(tx_cols, (
                    doc_id, t.start, t.end, t.text, t.type, t.value, t.date_start, t.date_end,
                    t.granularity, t.anchor, t.time_start, t.time_end)):
                col.append(v)
        seen: set[str] = set()
        for m in r.mentions:
            mid = mention_id(doc_id, m)
            if mid in seen:
                continue
            seen.add(mid)
            for col, v in zip(m_cols, (
                    mid, None, doc_id, m.event_type, m.cameo_code, m.plover_type, m.plover_mode,
                    m.source_actor, m.target_actor, m.sentence, m.char_start, m.char_end,
                    m.trigger, m.trigger_start, m.trigger_end, m.time_text, m.date_start, m.date_end,
                    m.granularity, m.time_start, m.time_end, m.date_method, m.reported_by, m.location,
                    float(m.confidence), m.modality)):
                col.append(v)
    return {
        "documents": pl.DataFrame(docs, schema=DOCUMENTS),
        "noise": pl.DataFrame(noise, schema=NOISE),
        "timexes": pl.DataFrame(timexes, schema=TIMEXES),
        "mentions": pl.DataFrame(mentions, schema=MENTIONS),
    }


def actor_frame(records: list[dict]) -> pl.DataFrame:
    rows = [{k: (None if r.get(k) in ("", None) else str(r.get(k))) for k in ACTORS} for r in records]
    return pl.DataFrame(rows, schema=ACTORS).filter(pl.col("name").is_not_null())


def named_actor_frame(results: list[ArticleResult]) -> pl.DataFrame:
    """The ``actors`` rows of the names the articles of a batch name (first seen first), plus
    a bare row (kind unknown) for each other name its events give as source or target: once
    added, every actor of the batch's mentions has a row (what ``store.add_missing_actors``
    does for a whole file, without scanning it)."""
    recs = [rec for r in results for rec in r.actors]
    known = {rec.get("name") for rec in recs}
    for r in results:
        for m in r.mentions:
            for name in (m.source_actor, m.target_actor):
                if name and name not in known:
                    known.add(name)
                    recs.append({"name": name})
    return actor_frame(recs).unique("name", keep="first", maintain_order=True)


# --------------------------------------------------------------------------- merging

def merge_events(mentions: pl.DataFrame, origin: str = "text") -> tuple[pl.DataFrame, pl.DataFrame]:
    """Cluster mentions into events; returns (events, mention_id -> event_id).

    Mentions join in rank order (dated before publication-date fallbacks, finer granularity
    first, then confidence, then id): a mention joins the first cluster of its key whose
    dates overlap it. The loop sees only compact columns (key number, days, flags); the
    events' fields are then gathered from each cluster's best mention, so a merge group of
    many mentions costs a few Python lists, not a dict per mention.
    """
    n = mentions.height
    fallback = pl.col("date_method").is_in(["publication_fallback", "undated"]).fill_null(False)
    m = mentions.with_columns(
        _fb=fallback,
        _gr=pl.col("granularity").replace_strict(_RANK, default=99, return_dtype=pl.Int64).fill_null(99),
        _nc=-pl.col("confidence").fill_null(0.0),
    ).sort(["_fb", "_gr", "_nc", "mention_id"])
    a = pl.col("source_actor").fill_null("")
    b = pl.col("target_actor").fill_null("")
    swap = pl.col("event_type").is_in(list(SYMMETRIC_TYPES)).fill_null(False) & (b != "") & (a > b)
    actorless = (a == "") & (b == "")
    keys = m.select(
        pl.col("event_type"), pl.col("cameo_code"),
        pl.when(swap).then(b).otherwise(a).alias("a"), pl.when(swap).then(a).otherwise(b).alias("b"),
        pl.col("modality").fill_null("asserted").replace("", "asserted").alias("mod"),
        pl.when(actorless).then(pl.coalesce(pl.when(pl.col("location") != "").then(pl.col("location")),
                                            pl.col("mention_id")))
        .alias("place"),
        # a piece of a part cut for memory (store.text_mention_groups) merges on its own
        (pl.col("_piece") if "_piece" in m.columns else pl.lit(None, dtype=pl.Int32)).alias("piece"),
    )
    key_of: dict[tuple, int] = {}
    key_ids = [key_of.setdefault(k[:5] + tuple(v for v in k[5:] if v is not None), len(key_of))
               for k in keys.iter_rows()]
    del keys
    key_list = list(key_of)
    starts = m.get_column("date_start").to_physical().to_list()
    ends = m.get_column("date_end").to_physical().to_list()
    pub_fb = (m.get_column("date_method") == "publication_fallback").fill_null(False).to_list()

    # clusters: [rows (positions in rank order), start, end, conflict, number]; a mention joins
    # the earliest-made cluster of its key it overlaps. Each key indexes its day clusters
    # (start == end, which stay so) by day, so a mention looks up the days it spans instead
    # of scanning every cluster of a key reported on thousands of days.
    by_key: dict[int, list[list]] = {}
    days_of: dict[int, dict[int, list[list]]] = {}
    spans_of: dict[int, list[list]] = {}  # clusters spanning days, and undated ones, in order made
    for i in range(n):
        k = key_ids[i]
        clusters = by_key.setdefault(k, [])
        days = days_of.setdefault(k, {})
        spans = spans_of.setdefault(k, [])
        s, e = starts[i], ends[i]
        fb = pub_fb[i]
        hit = None
        if s is None:
            hit = next((c for c in spans if c[1] is None), None)
        else:
            lo, hi = (e - 3, e) if fb else (s, e)
            for c in spans:  # the earliest spanning cluster that joins
                cs = c[1]
                if cs is not None and (cs <= e and (e - c[2]) <= 3 if fb else s <= c[2] and cs <= e):
                    hit = c
                    break
            if days and hi - lo <= 400:
                for d in range(lo, hi + 1):
                    found = days.get(d)
                    if found and (hit is None or found[0][4] < hit[4]):
                        hit = found[0]
            elif days:
                for found in days.values():
                    d = found[0][1]
                    if lo <= d <= hi and (hit is None or found[0][4] < hit[4]):
                        hit = found[0]
        if hit is not None:
            hit[0].append(i)
            if not fb and s is not None:
                was_span = hit[1] != hit[2]
                hit[1], hit[2] = max(hit[1], s), min(hit[2], e)
                if was_span and hit[1] == hit[2]:  # narrowed to one day: index it there
                    spans.remove(hit)
                    lst = days.setdefault(hit[1], [])
                    lst.append(hit)
                    lst.sort(key=lambda c: c[4])
        else:
            c = [[i], s, e, False, len(clusters)]
            clusters.append(c)
            if s is not None and s == e:
                days.setdefault(s, []).append(c)
            else:
                spans.append(c)
    del starts, ends, pub_fb, days_of, spans_of
    docs = m.get_column("doc_id").to_list()
    for clusters in by_key.values():
        clusters.sort(key=lambda c: (c[1] if c[1] is not None else 1 << 40))
        merged: list[list] = []
        for c in clusters:
            prev = merged[-1] if merged else None
            if (prev and prev[1] is not None and c[1] is not None and prev[1] == prev[2] and c[1] == c[2]
                    and (c[1] - prev[2]) <= 1
                    and not ({docs[r] for r in prev[0]} & {docs[r] for r in c[0]})):
                prev[0].extend(c[0])
                prev[3] = True
            else:
                merged.append(c)
        clusters[:] = merged
    ids = m.get_column("mention_id").to_list()
    confs = m.get_column("confidence").to_list()
    locs = m.get_column("location").to_list()
    best, extra, assign_rows, assign_eids = [], [], [], []
    for k, clusters in by_key.items():
        key = key_list[k]
        head = "\x00".join(map(str, key))
        for rows, _, _, conflict, _ in clusters:
            eid = hashlib.sha1((head + min(ids[r] for r in rows)).encode()).hexdigest()[:16]
            conf = 1.0
            for r in rows:
                conf *= 1.0 - min(max(confs[r] or 0.0, 0.0), 0.99)
            best.append(min(rows))
            extra.append((eid, next((locs[r] for r in rows if locs[r]), None), len(rows),
                          len({docs[r] for r in rows}), round(1.0 - conf, 4), conflict))
            assign_rows.extend(rows)
            assign_eids.extend([eid] * len(rows))
    del docs, confs, locs
    cols = [c for c in EVENTS if c in m.columns and c not in ("event_id", "location", "n_mentions", "n_sources",
                                                               "confidence", "date_conflict", "origin")]
    head_rows = m[best].select(cols) if best else pl.DataFrame(schema={c: EVENTS[c] for c in cols})
    ex = pl.DataFrame(extra, schema={"event_id": pl.String, "location": pl.String, "n_mentions": pl.Int64,
                                     "n_sources": pl.Int64, "confidence": pl.Float64,
                                     "date_conflict": pl.Boolean}, orient="row")
    events = pl.concat([head_rows, ex], how="horizontal").with_columns(origin=pl.lit(origin))
    events = events.select([pl.col(c).cast(t) for c, t in EVENTS.items()]).sort(EVENT_ORDER, nulls_last=True)
    assign = pl.DataFrame({"mention_id": pl.Series(ids, dtype=pl.String).gather(assign_rows) if assign_rows else [],
                           "event_id": assign_eids}, schema={"mention_id": pl.String, "event_id": pl.String})
    return events, assign
