"""tables: frames with the store's schema, and merging mentions into real-world events."""

from __future__ import annotations

from datetime import date, datetime

from dateline.models import Article, Mention, Segment, Timex
from dateline.tables import ArticleResult, build_frames, merge_events


def _m(doc, a, b, d0, d1, gran="day", method="relative_to_publication", etype="phone_call", trig=0, conf=0.8):
    return Mention(doc_id=doc, event_type=etype, cameo_code="041", plover_type="CONSULT", plover_mode="phone",
                   source_actor=a, target_actor=b, sentence="s", char_start=0, char_end=1, trigger="spoke",
                   trigger_start=trig, trigger_end=trig + 5, date_start=d0, date_end=d1, granularity=gran,
                   date_method=method, confidence=conf)


def _frames(*per_doc):
    results = []
    for doc, mentions in per_doc:
        art = Article(doc_id=doc, path=doc, text="x" * 50, published=datetime(2023, 6, 24, 12), title=doc)
        results.append(ArticleResult(art, [Segment(0, 50)], [Timex(0, 3, "now", "DATE", "PRESENT_REF")], mentions))
    return build_frames(results)


D24, D25 = date(2023, 6, 24), date(2023, 6, 25)


def test_frames_have_store_columns():
    f = _frames(("a", [_m("a", "Putin", "Lukashenko", D24, D24)]))
    assert f["documents"]["published_date"].to_list() == [D24]
    assert f["timexes"].height == 1 and f["mentions"].height == 1
    assert f["mentions"]["mention_id"].str.len_chars().to_list() == [16]


def test_same_call_in_two_articles_is_one_event_either_direction():
    f = _frames(("a", [_m("a", "Putin", "Lukashenko", D24, D24)]),
                ("b", [_m("b", "Lukashenko", "Putin", D24, D24)]))
    events, assign = merge_events(f["mentions"])
    assert events.height == 1
    row = events.row(0, named=True)
    assert row["n_mentions"] == 2 and row["n_sources"] == 2 and assign.height == 2
    assert row["confidence"] > 0.8


def test_finer_interval_refines_coarser():
    f = _frames(("a", [_m("a", "A", "B", date(2023, 6, 19), date(2023, 6, 25), gran="week")]),
                ("b", [_m("b", "A", "B", D24, D24)]))
    events, _ = merge_events(f["mentions"])
    assert events.height == 1
    assert events.row(0, named=True)["granularity"] == "day"
    assert events.row(0, named=True)["date_start"] == D24


def test_different_days_far_apart_are_two_events_and_adjacent_days_conflict():
    f = _frames(("a", [_m("a", "A", "B", D24, D24)]), ("b", [_m("b", "A", "B", date(2023, 7, 2), date(2023, 7, 2))]))
    assert merge_events(f["mentions"])[0].height == 2
    f = _frames(("a", [_m("a", "A", "B", D24, D24)]), ("b", [_m("b", "A", "B", D25, D25)]))
    events, _ = merge_events(f["mentions"])
    assert events.height == 1 and events["date_conflict"].to_list() == [True]


def test_fallback_mention_joins_recent_dated_event():
    f = _frames(("a", [_m("a", "A", "B", D24, D24)]),
                ("b", [_m("b", "A", "B", date(2023, 6, 26), date(2023, 6, 26), method="publication_fallback", conf=0.3)]))
    events, _ = merge_events(f["mentions"])
    assert events.height == 1
    assert events.row(0, named=True)["date_start"] == D24
    assert events.row(0, named=True)["date_method"] == "relative_to_publication"


def test_other_actors_or_types_do_not_merge():
    f = _frames(("a", [_m("a", "A", "B", D24, D24), _m("a", "A", "C", D24, D24, trig=10),
                       _m("a", "A", "B", D24, D24, etype="meeting", trig=20)]))
    assert merge_events(f["mentions"])[0].height == 3


def test_event_ids_are_stable():
    f = _frames(("a", [_m("a", "A", "B", D24, D24)]), ("b", [_m("b", "A", "B", D24, D24)]))
    assert merge_events(f["mentions"])[0]["event_id"].to_list() == merge_events(f["mentions"])[0]["event_id"].to_list()


def test_actorless_mentions_do_not_merge_without_a_shared_place():
    f = _frames(("a", [_m("a", None, None, D24, D24, etype="protest")]),
                ("b", [_m("b", None, None, D24, D24, etype="protest")]))
    assert merge_events(f["mentions"])[0].height == 2


# ------------------------------------------------------------ merge_events vs a reference
# The straightforward version merge_events replaced (a dict per mention, every cluster of a
# key scanned per mention): same rules, kept here as the oracle for the indexed one.
import hashlib  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from datetime import timedelta  # noqa: E402

import polars as pl  # noqa: E402
from hypothesis import given, settings, strategies as st  # noqa: E402
from polars.testing import assert_frame_equal  # noqa: E402

from dateline.tables import EVENT_ORDER, EVENTS, SYMMETRIC_TYPES, _RANK  # noqa: E402


def _rank(row: dict) -> tuple:
    fallback = row["date_method"] in ("publication_fallback", "undated")
    return (fallback, _RANK.get(row["granularity"] or "", 99), -(row["confidence"] or 0), row["mention_id"])


@dataclass
class _Cluster:
    key: tuple
    rows: list
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

def _joins(c: _Cluster, row: dict) -> bool:
    s, e = row["date_start"], row["date_end"]
    if s is None or c.start is None:
        return s is None and c.start is None
    if row["date_method"] == "publication_fallback":
        # reported later without a date: the event happened on or shortly before publication
        return c.start <= e and (e - c.end) <= timedelta(days=3)
    return s <= c.end and c.start <= e


def reference_merge(mentions: pl.DataFrame, origin: str = "text") -> tuple[pl.DataFrame, pl.DataFrame]:
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


_ACT = st.sampled_from([None, "", "Putin", "Lukashenko", "Tokayev"])
_DAY = st.integers(0, 12).map(lambda k: date(2023, 6, 18) + timedelta(days=k))


@st.composite
def _mention_rows(draw):
    rows = []
    for i in range(draw(st.integers(0, 40))):
        d0 = draw(st.none() | _DAY)
        span = draw(st.sampled_from([0, 0, 0, 1, 6, 30]))
        rows.append({
            "mention_id": f"m{i:03d}", "doc_id": f"d{draw(st.integers(0, 4))}",
            "event_type": draw(st.sampled_from(["phone_call", "statement", "attack"])),
            "cameo_code": draw(st.sampled_from(["041", "010", None])), "plover_type": "CONSULT",
            "plover_mode": None, "source_actor": draw(_ACT), "target_actor": draw(_ACT),
            "date_start": d0, "date_end": None if d0 is None else d0 + timedelta(days=span),
            "granularity": draw(st.sampled_from(["day", "week", "month", "part-of-day", None])),
            "time_start": None, "time_end": None,
            "location": draw(st.sampled_from([None, "", "Minsk", "Moscow"])),
            "confidence": draw(st.sampled_from([None, 0.5, 0.8, 0.95])),
            "date_method": draw(st.sampled_from(["relative_to_publication", "publication_fallback",
                                                 "narrative_anchor", "undated"])),
            "modality": draw(st.sampled_from([None, "", "asserted", "planned"])),
        })
    return rows


@settings(max_examples=300, deadline=None)
@given(_mention_rows())
def test_merge_events_matches_the_reference(rows):
    schema = {"mention_id": pl.String, "doc_id": pl.String, "event_type": pl.String, "cameo_code": pl.String,
              "plover_type": pl.String, "plover_mode": pl.String, "source_actor": pl.String,
              "target_actor": pl.String, "date_start": pl.Date, "date_end": pl.Date, "granularity": pl.String,
              "time_start": pl.Datetime, "time_end": pl.Datetime, "location": pl.String,
              "confidence": pl.Float64, "date_method": pl.String, "modality": pl.String}
    frame = pl.DataFrame(rows, schema=schema)
    want_events, want_assign = reference_merge(frame)
    events, assign = merge_events(frame)
    assert_frame_equal(events, want_events)
    assert_frame_equal(assign.sort("mention_id"), want_assign.sort("mention_id"))
