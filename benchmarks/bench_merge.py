#!/usr/bin/env python3
"""Benchmark: the final merge of mentions into events, at scale, in DuckDB + Python.

Synthetic mentions with the real ``mentions`` schema (``synthetic.synthetic_events`` turned
into one mention per row: few hundred actors, clustered dates, day-after-day keys) go into
a DuckDB file (made once, untimed). Then, timed, in one transaction that is rolled back:

* reading the merge groups (``store.text_mention_groups``: chains, cuts, groups);
* merging them and writing events + each mention's event id (``store.merge_groups``).

Baseline, in the same run: reading the same mention columns with one ``SELECT`` into
Polars (what merging everything at once would start with). Peak RSS of the process is
printed too (the merge must not hold all mentions at once).

    .venv/bin/python benchmarks/bench_merge.py [--mentions 2000000] [--db PATH]
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

import polars as pl

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from dateline import store, tables  # noqa: E402
from synthetic import synthetic_events  # noqa: E402


def make(path: Path, n: int) -> None:
    f = synthetic_events(n).cast(dict(tables.EVENTS))
    m = f.select(pl.col("event_id").alias("mention_id"), (pl.lit("d") + (pl.int_range(n) // 20).cast(pl.String))
                 .alias("doc_id"), *[c for c in tables.MENTIONS if c in f.columns and c != "event_id"])
    m = m.with_columns([pl.lit(None, dtype=t).alias(c) for c, t in tables.MENTIONS.items() if c not in m.columns])
    con = store.connect(path)
    store._insert(con, "mentions", m.select(list(tables.MENTIONS)))
    con.execute("CHECKPOINT")
    con.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mentions", type=int, default=2_000_000)
    ap.add_argument("--db", type=Path, default=None, help="reuse/keep the synthetic file here")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="dateline-merge-") as tmp:
        path = args.db or Path(tmp) / "m.duckdb"
        if not path.exists():
            make(path, args.mentions)
        con = store.connect(path)
        con.execute(f"SET memory_limit = '{store._memory_limit()}'")
        n = con.execute("SELECT count(*) FROM mentions").fetchall()[0][0]
        t0 = time.perf_counter()
        con.sql("SELECT " + ", ".join(store.MERGE_COLUMNS) + " FROM mentions").pl()
        base = time.perf_counter() - t0
        con.execute("BEGIN")
        t0 = time.perf_counter()
        groups = list_rows = 0
        for g in store.text_mention_groups(con):
            groups += 1
            list_rows += g.height
        read = time.perf_counter() - t0
        con.execute("ROLLBACK")
        con.execute("BEGIN")
        t0 = time.perf_counter()
        merged = store.merge_groups(con, store.text_mention_groups(con))
        total = time.perf_counter() - t0
        events = con.execute("SELECT count(*) FROM events").fetchall()[0][0]
        con.execute("ROLLBACK")
        con.close()
    print(f"{n:,} mentions; baseline: one SELECT of the merge columns into Polars {base:.2f} s")
    print(f"read in {groups} groups (every mention once: {list_rows == n}): {read:.2f} s ({read / base:.1f}x the SELECT)")
    print(f"read + merge + write {merged:,} mentions -> {events:,} events: {total:.2f} s "
          f"({n / total:,.0f} mentions/s)")
    print(f"peak RSS of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
