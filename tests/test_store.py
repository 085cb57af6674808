"""store: schema, idempotent replacement, atomic transactions, a busy database."""

from __future__ import annotations

import subprocess
import sys

import polars as pl
import pytest

from dateline import store
from test_tables import D24, _frames, _m
from dateline.tables import merge_events


def _write(con, frames):
    with store.transaction(con):
        store.replace_documents(con, frames)
        events, assign = merge_events(store.all_mentions(con))
        store.replace_events(con, events, assign)


def test_rewrite_same_documents_never_duplicates(tmp_path):
    con = store.connect(tmp_path / "x.duckdb")
    frames = _frames(("a", [_m("a", "A", "B", D24, D24)]), ("b", [_m("b", "B", "A", D24, D24)]))
    _write(con, frames)
    first = store.counts(con)
    _write(con, frames)
    assert store.counts(con) == first == {"documents": 2, "timexes": 2, "mentions": 2, "events": 1, "actors": 0}
    assert con.execute("SELECT count(*) FROM mentions WHERE event_id IS NULL").fetchone()[0] == 0


def test_failed_transaction_leaves_file_as_it_was(tmp_path):
    con = store.connect(tmp_path / "x.duckdb")
    _write(con, _frames(("a", [_m("a", "A", "B", D24, D24)])))
    before = store.counts(con)
    with pytest.raises(RuntimeError):
        with store.transaction(con):
            store.replace_documents(con, _frames(("a", []), ("c", [_m("c", "C", "D", D24, D24)])))
            raise RuntimeError("killed half-way")
    assert store.counts(con) == before


def test_busy_database_is_reported(tmp_path):
    path = tmp_path / "x.duckdb"
    con = store.connect(path)
    code = ("import sys; from dateline import store\n"
            "try:\n    store.connect(sys.argv[1])\nexcept store.DatabaseBusy as e:\n    print(e); sys.exit(3)\n")
    r = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True)
    con.close()
    assert r.returncode == 3 and "database is in use" in r.stdout


def test_timeline_view_and_export(tmp_path):
    con = store.connect(tmp_path / "x.duckdb")
    _write(con, _frames(("a", [_m("a", "A", "B", D24, D24)])))
    row = con.sql("SELECT source_actor, target_actor, article FROM timeline").fetchall()
    assert row == [("A", "B", "a")]
    paths = store.export(con, tmp_path / "pq", "parquet")
    assert {p.name for p in paths} >= {"events.parquet", "mentions.parquet"}
    assert con.execute(f"SELECT count(*) FROM '{tmp_path / 'pq' / 'events.parquet'}'").fetchone()[0] == 1


def test_small_run_is_one_transaction_on_the_file(tmp_path, monkeypatch):
    """A run of one batch writes the file in place in one transaction: a failure half-way
    (after the rows went in, before the events) leaves it exactly as before, with no copy left."""
    from conftest import GENERAL

    from dateline import pipeline

    db = tmp_path / "small.duckdb"
    pipeline.run([GENERAL / "storm.md"], db=db, actor_files=[GENERAL / "actors.csv"])
    con = store.connect(db)
    before = store.counts(con)
    con.close()

    def fail(*a, **k):
        raise RuntimeError("killed half-way")

    monkeypatch.setattr(store, "save_inputs", fail)
    with pytest.raises(RuntimeError):
        pipeline.run([GENERAL], db=db, actor_files=[GENERAL / "actors.csv"])
    con = store.connect(db)
    assert store.counts(con) == before
    con.close()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def _keys(con):
    return {t: con.execute(f"SELECT count(*), count(DISTINCT {k}) FROM {t}").fetchall()[0]
            for t, k in (("documents", "doc_id"), ("mentions", "mention_id"), ("events", "event_id"))}


@pytest.mark.parametrize("batch_size", [2, 256])
def test_ids_stay_unique_across_runs_without_key_indexes(tmp_path, batch_size):
    """mentions has no PRIMARY KEY (its index cost 3.7x the disk): uniqueness comes from
    replacing whole documents. Big runs (staged, batch by batch, inserts without deletes for
    new documents) and small ones, re-run after an edit of one article, keep every id unique."""
    import shutil

    from conftest import GENERAL

    from dateline import pipeline

    folder = tmp_path / "in"
    shutil.copytree(GENERAL, folder)
    db = tmp_path / "x.duckdb"
    pipeline.run([folder], db=db, batch_size=batch_size)
    con = store.connect(db)
    first = _keys(con)
    con.close()
    assert all(n == distinct and n > 0 for n, distinct in first.values())
    edited = next(p for p in sorted(folder.iterdir()) if p.suffix in (".md", ".txt"))
    edited.write_text(edited.read_text(encoding="utf-8") + "\n\nThe mayor met the governor on Monday.\n",
                      encoding="utf-8")
    again = pipeline.run([folder], db=db, batch_size=batch_size)
    assert again.processed == 1
    con = store.connect(db)
    second = _keys(con)
    assert all(n == distinct for n, distinct in second.values())
    assert second["documents"] == first["documents"]
    con.close()


def test_new_documents_insert_without_deletes(tmp_path):
    con = store.connect(tmp_path / "x.duckdb")
    store.replace_documents(con, _frames(("a", [_m("a", "A", "B", D24, D24)])), new=True, track=False)
    store.replace_documents(con, _frames(("b", [_m("b", "B", "A", D24, D24)])), new=True, track=False)
    assert _keys(con)["mentions"] == (2, 2)
    # a document already stored is replaced, not duplicated, when the caller says it may be there
    store.replace_documents(con, _frames(("a", [_m("a", "A", "B", D24, D24)])))
    assert _keys(con)["mentions"] == (2, 2) and _keys(con)["documents"] == (2, 2)


def _merge_all(con):
    con.execute("DELETE FROM events WHERE origin = 'text'")
    for group in store.text_mention_groups(con):
        events, assign = merge_events(group)
        store.add_events(con, events, assign)


def _events(con):
    return sorted(con.execute("SELECT event_id, source_actor, target_actor, date_start, date_end, n_mentions "
                              "FROM events").fetchall())


def test_a_key_reported_every_day_is_cut_into_bounded_pieces(tmp_path, monkeypatch):
    """One call reported every day for 300 days chains into one part; with a cap of 60 it is
    merged in pieces of at most 60 mentions (whole days), every mention once, and an
    incremental re-merge cuts where a full run does."""
    from datetime import timedelta

    monkeypatch.setattr(store, "MERGE_PART_ROWS", 60)
    monkeypatch.setattr(store, "MERGE_GROUP_ROWS", 50)
    day = [D24 + timedelta(days=i) for i in range(300)]
    docs = [(f"d{i}", [_m(f"d{i}", "A", "B", day[i], day[i])]) for i in range(300)]
    docs += [(f"o{i}", [_m(f"o{i}", f"C{i % 7}", "D", day[i * 3], day[i * 3])]) for i in range(90)]
    con = store.connect(tmp_path / "full.duckdb")
    with store.transaction(con):
        store.replace_documents(con, _frames(*docs), new=True, track=False)
    groups = list(store.text_mention_groups(con))
    ids = [i for g in groups for i in g["mention_id"].to_list()]
    assert len(ids) == len(set(ids)) == 390
    chain = [g.filter(pl.col("source_actor") == "A") for g in groups]
    pieces = pl.concat([g.select(pl.col("_piece").fill_null(0), "date_start") for g in chain])
    sizes = pieces.group_by("_piece").agg(pl.len(), pl.col("date_start").min().alias("lo"),
                                          pl.col("date_start").max().alias("hi")).sort("lo")
    assert sizes.height == 5 and sizes["len"].max() <= 60          # 300 mentions -> 5 pieces
    assert all(a < b for a, b in zip(sizes["hi"], sizes["lo"][1:]))  # cut between days, in order
    _merge_all(con)
    ev = con.execute("SELECT count(*), count(DISTINCT event_id), sum(n_mentions) FROM events "
                     "WHERE source_actor = 'A'").fetchall()[0]
    uncut, _ = merge_events(store.all_mentions(con).filter(pl.col("source_actor") == "A"))
    assert ev[0] == ev[1] and ev[2] == 300
    assert uncut.height <= ev[0] <= uncut.height + 4                 # at most one more event per cut
    assert con.execute("SELECT count(*) FROM mentions WHERE event_id IS NULL").fetchall()[0][0] == 0

    # an incremental run adding one more day of the chain re-merges with the same cuts
    more = (f"d{300}", [_m("d300", "B", "A", day[-1] + timedelta(days=1), day[-1] + timedelta(days=1))])
    with store.transaction(con):
        store.replace_documents(con, _frames(more))
        store.remerge_touched(con)
    fresh = store.connect(tmp_path / "fresh.duckdb")
    with store.transaction(fresh):
        store.replace_documents(fresh, _frames(*docs, more), new=True, track=False)
    _merge_all(fresh)
    assert _events(con) == _events(fresh)


def test_merge_groups_computed_in_polars_equal_the_sql_expression():
    """An incremental run notes its new mentions' merge groups in Polars; they must be the
    very strings ``MERGE_GROUP`` gives in SQL (nulls, ordering of the pair, non-ASCII)."""
    import duckdb

    rows = [("m1", "phone_call", "041", "Putin", "Lukashenko"), ("m2", "phone_call", "041", "Lukashenko", "Putin"),
            ("m3", "statement", None, "Émile Zola", None), ("m4", None, "010", None, "Zürich police"),
            ("m5", "attack", "190", "zeta", "Zeta"), ("m6", "attack", "190", "Ärzte", "Arzte"),
            ("gdelt:7", "attack", "190", "A", "B"), ("acled:8", "protest", "140", "C", None),
            ("m9", "meeting", "043", "", "Ann")]
    frame = pl.DataFrame(rows, schema=["mention_id", "event_type", "cameo_code", "source_actor", "target_actor"],
                         orient="row")
    con = duckdb.connect()
    con.register("f", frame.to_arrow())
    sql = {r[0] for r in con.execute(f"SELECT DISTINCT {store.MERGE_GROUP} FROM f WHERE {store.TEXT_MENTIONS}").fetchall()}
    ours = store.merge_groups_of(frame)
    assert sorted(ours) == sorted(sql) and len(ours) == 6  # m1/m2 one group; imported rows left out



INTERVALS = [  # (date_start, date_end, granularity): calendar periods, a range, one with no dates
    ("2023-06-24", "2023-06-24", "day"), ("2023-06-19", "2023-06-25", "week"), ("2023-02-01", "2023-02-28", "month"),
    ("2024-02-01", "2024-02-29", "month"), ("2023-04-01", "2023-06-30", "quarter"), ("2022-01-01", "2022-12-31", "year"),
    ("2010-01-01", "2019-12-31", "decade"), ("2023-06-21", "2023-06-24", "day"), ("2023-06-17", "2023-06-24", "week"),
    ("2023-05-10", "2023-06-24", "month"), (None, None, None),
]


def test_date_end_reads_back_exactly_and_only_irregular_intervals_store_it(tmp_path):
    """``events.date_end`` is computed from the start and granularity; what does not follow the
    calendar (a range, "the past seven days") keeps its own end in ``end_days``."""
    from datetime import date

    con = store.connect(tmp_path / "x.duckdb")
    want = [(f"e{k}", date.fromisoformat(a) if a else None, date.fromisoformat(b) if b else None, g)
            for k, (a, b, g) in enumerate(INTERVALS)]
    frame = pl.DataFrame(want, schema={"event_id": pl.String, "date_start": pl.Date, "date_end": pl.Date,
                                       "granularity": pl.String}, orient="row")
    store._insert(con, "events", frame)
    got = con.execute("SELECT event_id, date_start, date_end, granularity FROM events ORDER BY event_id").fetchall()
    assert sorted(got) == sorted(want)
    stored = dict(con.execute("SELECT event_id, end_days FROM events").fetchall())
    assert {k for k, v in stored.items() if v is not None} == {"e7", "e8", "e9"}, stored
    store.export(con, tmp_path / "pq", "parquet")
    cols = con.execute(f"DESCRIBE SELECT * FROM '{tmp_path / 'pq' / 'events.parquet'}'").fetchall()
    assert "date_end" in [c[0] for c in cols] and "end_days" not in [c[0] for c in cols]


def test_a_file_that_stored_date_end_is_migrated_with_its_rows(tmp_path):
    """A file written before ``end_days`` (``date_end`` stored) opens with every event as it was."""
    import duckdb

    path = tmp_path / "old.duckdb"
    old = duckdb.connect(str(path))
    old.execute("CREATE TABLE events (event_id VARCHAR, event_type VARCHAR, date_start DATE, date_end DATE, "
                "granularity VARCHAR, origin VARCHAR)")
    old.executemany("INSERT INTO events VALUES (?, 'meeting', ?, ?, ?, 'gdelt')",
                    [[f"e{k}", a, b, g] for k, (a, b, g) in enumerate(INTERVALS)])
    before = old.execute("SELECT event_id, date_start, date_end, granularity FROM events ORDER BY 1").fetchall()
    old.close()
    con = store.connect(path)
    assert con.execute("SELECT event_id, date_start, date_end, granularity FROM events ORDER BY 1").fetchall() == before
    assert con.execute("SELECT count(*) FROM timeline").fetchone()[0] == len(INTERVALS)
