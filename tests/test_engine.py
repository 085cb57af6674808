"""The engines: Arrow plumbing of the per-article stage, Parquet -> DuckDB, and Ray Data.

The Ray test runs a local Ray instance on the 621-article India police events corpus and
checks every table holds the same rows as the local engine's; it skips when Ray (the
optional ``ray`` extra) or ../shared is absent.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from dateline import engine_ray, pipeline, store, tables
from dateline.ingest import iter_articles
from dateline.models import Article

from conftest import SHARED, STORY

TABLES = ("documents", "noise", "timexes", "mentions", "events", "actors")
CORPUS = SHARED / "corpora" / "story-indiapoliceevents-dev.jsonl"


def _story_articles() -> list[Article]:
    return [a for a in iter_articles([STORY / "articles"], None) if isinstance(a, Article)]


def _rows(db: Path) -> dict[str, set]:
    con = store.connect(db, read_only=True)
    try:
        return {t: set(con.execute(f"SELECT * FROM {t}").fetchall()) for t in TABLES}
    finally:
        con.close()


def test_articles_round_trip_through_arrow_keeps_offsets_and_missing_values():
    tz = timezone(timedelta(hours=3))
    arts = [Article("a", "a.txt", "Text one.", datetime(2023, 6, 24, 9, 30, tzinfo=tz), "T", None, None, "h1"),
            Article("b", "b.txt", "Text two.", None)]
    back = engine_ray.arrow_to_articles(engine_ray.articles_to_arrow(arts))
    assert back == arts
    assert back[0].published.utcoffset() == timedelta(hours=3)


def test_process_batch_then_load_parquet_equals_the_local_path(tmp_path):
    arts = _story_articles()
    actors = pipeline.load_actors([STORY / "actors.csv"])
    nested = engine_ray.process_batch(engine_ray.articles_to_arrow(arts), actors)
    assert nested.num_rows == len(arts)
    assert nested.column("problem").null_count == len(arts)
    (tmp_path / "out").mkdir()
    pq.write_table(nested.slice(0, 4), tmp_path / "out" / "part-0.parquet")
    pq.write_table(nested.slice(4), tmp_path / "out" / "part-1.parquet")

    via_parquet = store.connect(tmp_path / "p.duckdb")
    with store.transaction(via_parquet):
        n, problems = engine_ray.load_parquet(via_parquet, tmp_path / "out")
    assert (n, problems) == (len(arts), [])
    local = store.connect(tmp_path / "l.duckdb")
    actors2 = pipeline.load_actors([STORY / "actors.csv"])
    with store.transaction(local):
        store.replace_documents(local, tables.build_frames([pipeline.process_article(a, actors2) for a in arts]))
    for t in ("documents", "noise", "timexes", "mentions"):
        got = set(via_parquet.execute(f"SELECT * FROM {t}").fetchall())
        assert got == set(local.execute(f"SELECT * FROM {t}").fetchall()), t
        assert got, t
    via_parquet.close()
    local.close()


def test_a_failing_article_becomes_a_problem_and_stores_nothing(tmp_path, monkeypatch):
    arts = _story_articles()[:3]
    real = pipeline.process_article

    def flaky(article, actors):
        if article.doc_id == arts[1].doc_id:
            raise RuntimeError("boom")
        return real(article, actors)

    monkeypatch.setattr(pipeline, "process_article", flaky)
    nested = engine_ray.process_batch(engine_ray.articles_to_arrow(arts), pipeline.load_actors([]))
    (tmp_path / "out").mkdir()
    pq.write_table(nested, tmp_path / "out" / "part-0.parquet")
    con = store.connect(tmp_path / "x.duckdb")
    with store.transaction(con):
        n, problems = engine_ray.load_parquet(con, tmp_path / "out")
    assert n == 2
    assert len(problems) == 1 and "boom" in problems[0].cause and problems[0].path == arts[1].path
    assert con.execute("SELECT count(*) FROM documents WHERE doc_id = ?", [arts[1].doc_id]).fetchall()[0][0] == 0
    con.close()


def test_merged_event_ids_are_unique_and_rows_come_in_timeline_order(tmp_path):
    db = tmp_path / "s.duckdb"
    pipeline.run([STORY / "articles"], db=db)
    con = store.connect(db, read_only=True)
    n, distinct = con.execute("SELECT count(*), count(DISTINCT event_id) FROM events").fetchall()[0]
    mentions = store.all_mentions(con)
    con.close()
    assert n == distinct > 0
    events, _ = tables.merge_events(mentions)
    assert events.equals(events.sort(tables.EVENT_ORDER, nulls_last=True))


def test_parquet_export_restores_the_insertion_order_setting(tmp_path):
    con = store.connect(tmp_path / "e.duckdb")
    store.export(con, tmp_path / "pq", "parquet")
    assert con.execute("SELECT current_setting('preserve_insertion_order')").fetchall()[0][0] is True
    con.close()


def test_unknown_engine_is_one_clear_error(tmp_path):
    with pytest.raises(ValueError, match="unknown engine"):
        pipeline.run([STORY / "articles"], db=tmp_path / "x.duckdb", engine="spark")


@pytest.mark.shared
def test_ray_engine_stores_the_same_rows_as_the_local_engine(tmp_path):
    """One Ray actor sees the articles in input order, as the local engine does: every table
    matches. With two actors, the tables that depend on the article alone must match too
    (mentions/events/actors also depend on actors discovered in earlier articles of the
    same process, so they differ with the partitioning, as with ``workers=2`` locally)."""
    if not engine_ray.ray_available():
        pytest.skip("ray not installed (optional extra: pip install 'dateline[ray]')")
    if not CORPUS.is_file():
        pytest.skip("../shared not found")
    local = pipeline.run([CORPUS], db=tmp_path / "local.duckdb")
    one = pipeline.run([CORPUS], db=tmp_path / "ray1.duckdb", engine="ray", workers=1,
                       parquet_dir=tmp_path / "parquet")
    two = pipeline.run([CORPUS], db=tmp_path / "ray2.duckdb", engine="ray", workers=2)
    assert one.processed == two.processed == local.processed == 621
    assert list((tmp_path / "parquet").rglob("*.parquet")), "Ray wrote no Parquet"
    a, b, c = (_rows(tmp_path / f) for f in ("local.duckdb", "ray1.duckdb", "ray2.duckdb"))
    for t in TABLES:
        assert a[t] == b[t], t
    for t in ("documents", "noise", "timexes"):
        assert a[t] == c[t], t
    assert a["mentions"] and a["events"] and a["timexes"]


def test_incremental_run_remerges_only_touched_groups_with_the_full_merge_result(tmp_path):
    arts = sorted((STORY / "articles").glob("*.md"))
    folder = tmp_path / "articles"
    folder.mkdir()
    for p in arts[:-1]:
        (folder / p.name).write_bytes(p.read_bytes())
    db = tmp_path / "s.duckdb"
    pipeline.run([folder], db=db, actor_files=[STORY / "actors.csv"])
    (folder / arts[-1].name).write_bytes(arts[-1].read_bytes())  # one new article
    changed = folder / arts[0].name  # and one changed: its second half removed
    text = changed.read_text(encoding="utf-8")
    changed.write_text(text[: len(text) // 2] + "\n", encoding="utf-8")
    second = pipeline.run([folder], db=db, actor_files=[STORY / "actors.csv"])
    assert second.processed == 2 and second.skipped_unchanged == len(arts) - 2
    con = store.connect(db, read_only=True)
    try:
        stored = set(con.execute("SELECT * EXCLUDE (end_days) FROM events WHERE origin = 'text'").fetchall())
        assigned = set(con.execute("SELECT mention_id, event_id FROM mentions").fetchall())
        events, assign = tables.merge_events(store.all_mentions(con))
    finally:
        con.close()
    assert stored == set(events.rows()) and stored
    assert assigned == set(assign.rows())
    # actors: the same rows as one full run over the final folder (bare rows for unnamed
    # actors now come with each batch instead of a scan of all mentions at the end)
    full = tmp_path / "full.duckdb"
    pipeline.run([folder], db=full, actor_files=[STORY / "actors.csv"])
    rows = {}
    for path in (db, full):
        con = store.connect(path, read_only=True)
        rows[path] = sorted(con.execute("SELECT * FROM actors").fetchall(), key=str)
        con.close()
    assert rows[db] == rows[full] and rows[db]
