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
