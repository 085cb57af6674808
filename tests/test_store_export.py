"""store.export: the Parquet files hold exactly the tables, whatever the writer's shortcuts."""

from __future__ import annotations

import duckdb
import pytest

from dateline import store


def _fill(con: duckdb.DuckDBPyConnection, n: int) -> None:
    """``n`` events: unique ids, a few awkward actor names (quotes, unicode, NULL), dates."""
    con.execute(f"""
        INSERT INTO events (event_id, event_type, source_actor, target_actor, date_start, confidence, origin)
        SELECT printf('%016x', hash(i)), ['meeting', 'phone_call', 'attack'][1 + i % 3],
               ['O''Brien', 'Zoë "Z" Ó', 'a;b', ''][1 + i % 4],
               CASE WHEN i % 5 = 0 THEN NULL ELSE 'Actor ' || (i % 300) END,
               DATE '2020-01-01' + (i % 900)::INTEGER, (i % 97) / 97.0, 'text'
        FROM range({n}) t(i)
    """)


@pytest.mark.parametrize("n", [50, 250_000])  # a small table, and one big enough to be sampled
def test_parquet_export_holds_the_table(tmp_path, n):
    con = store.connect(tmp_path / "x.duckdb")
    _fill(con, n)
    store.export(con, tmp_path / "pq", "parquet")
    path = str(tmp_path / "pq" / "events.parquet")
    types = dict(con.execute(f"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM '{path}')").fetchall())
    assert types["source_actor"] == types["event_id"] == types["target_actor"] == "VARCHAR"
    assert con.execute(f"SELECT count(*) FROM '{path}'").fetchone()[0] == n
    table = "(SELECT * EXCLUDE (end_days) FROM events)"  # (end_days: part of date_end, not exported)
    for a, b in ((f"'{path}'", table), (table, f"'{path}'")):
        assert con.execute(f"SELECT count(*) FROM (FROM {a} EXCEPT ALL FROM {b})").fetchone()[0] == 0
    # the connection's settings are as they were
    assert con.execute("SELECT current_setting('preserve_insertion_order')").fetchone()[0] is True


def test_csv_export_unchanged(tmp_path):
    con = store.connect(tmp_path / "x.duckdb")
    _fill(con, 10)
    store.export(con, tmp_path / "csv", "csv")
    path = str(tmp_path / "csv" / "events.csv")
    assert con.execute(f"SELECT count(*) FROM read_csv('{path}')").fetchone()[0] == 10
