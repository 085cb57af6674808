"""Benchmark: time to build and write the dashboards, and their weight, against plain plotly.

Synthetic events (default 1,000 and 100,000) go into a DuckDB file with the real schema
(``dateline.store.connect``). For each size it times ``dashboards.build`` (SQL read, four
pages, three CSVs; median of ``--repeat`` runs, the machine may be shared) and reports the HTML bytes per event beyond the inlined plotly.js.
The baseline, timed in the same run on the same points, is the plain approach:
``px.scatter(x=date, y=lane, color=type, hover_name=evidence).write_html(...)`` of one page
with the same events already in memory (no SQL, no CSV, one page instead of three).

Targets: build <= 0.1 s at 1k and <= 0.5 s at 100k; <= 100 bytes/event beyond plotly.js.
Up to ``dashboards.FULL_HOVER_MAX`` events every marker carries its full hover (evidence
sentence, article, time expression); sizes at or below it are run a second time with that
limit set to 0 ("compact" rows) to show what the evidence text itself costs.

Usage: .venv/bin/python benchmarks/bench_dashboards.py [--sizes 1000 100000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import polars as pl

from dateline import dashboards, store
from dateline.dashboards_html import plotly_js

ACTORS = [f"Actor {chr(65 + i // 26)}{chr(65 + i % 26)}" for i in range(40)]
TYPES = ["CONSULT", "ACCUSE", "THREATEN", "ASSAULT", "COOPERATE", "REQUEST", "REJECT", "MOBILIZE", "AGREE",
         "SUPPORT"]
WORDS = ("officials said the convoy moved north while talks continued and spokesmen denied reports of "
         "fighting near the city as envoys met late into the evening").split()
START = date(2023, 6, 1)


def synthetic(n: int, seed: int = 1) -> dict[str, pl.DataFrame]:
    """n events, one mention each, one article per 20 events; realistic granularity mix."""
    rnd = random.Random(seed)
    n_docs = max(1, n // 20)
    docs = pl.DataFrame({
        "doc_id": [f"d{i}" for i in range(n_docs)],
        "title": [f"Report {i}: " + " ".join(rnd.choices(WORDS, k=8)) for i in range(n_docs)],
        "source": [f"Source {i % 12}" for i in range(n_docs)],
        "published": [datetime(2023, 6, 20 + i % 10, 9) for i in range(n_docs)],
        "published_date": [date(2023, 6, 20 + i % 10) for i in range(n_docs)],
    })
    rows = []
    for i in range(n):
        day = START + timedelta(days=rnd.randrange(30))
        roll = rnd.random()
        gran, d0, d1, t0, t1, method = "day", day, day, None, None, "relative_to_publication"
        if roll < 0.15:
            gran, h = "hour", rnd.randrange(24)
            t0 = datetime(day.year, day.month, day.day, h)
            t1 = t0 + timedelta(hours=1)
        elif roll < 0.20:
            gran = "part-of-day"
            t0 = datetime(day.year, day.month, day.day, 6)
            t1 = t0 + timedelta(hours=6)
        elif roll < 0.23:
            gran, d0, d1 = "month", date(2023, 5, 1), date(2023, 5, 31)
        elif roll < 0.25:
            gran, d0, d1 = "year", date(2022, 1, 1), date(2022, 12, 31)
        elif roll < 0.30:
            method = "publication_fallback"
        elif roll < 0.32:
            gran, d0, d1, method = None, None, None, "undated"
        src = rnd.choice(ACTORS)
        tgt = rnd.choice(ACTORS) if rnd.random() < 0.6 else None
        rows.append({
            "event_id": f"e{i}", "event_type": "meeting", "cameo_code": "040", "plover_type": rnd.choice(TYPES),
            "source_actor": src, "target_actor": tgt, "date_start": d0, "date_end": d1, "granularity": gran,
            "time_start": t0, "time_end": t1, "n_mentions": rnd.choice([1, 1, 1, 2, 3, 5]), "n_sources": 1,
            "confidence": 0.7, "date_method": method, "modality": "asserted", "date_conflict": False,
            "origin": "text", "doc_id": f"d{rnd.randrange(n_docs)}",
            "sentence": " ".join(rnd.choices(WORDS, k=24)).capitalize() + ".", "time_text": "on Saturday",
        })
    events = pl.DataFrame(rows, infer_schema_length=None)
    mentions = events.select(
        ("m" + pl.col("event_id")).alias("mention_id"), "event_id", "doc_id", "event_type", "plover_type",
        "source_actor", "target_actor", "sentence", "time_text", "date_start", "date_end", "granularity",
        "date_method", pl.lit("a spokesman").alias("reported_by"), "confidence")
    return {"documents": docs, "events": events.drop("doc_id", "sentence", "time_text"), "mentions": mentions}


def load(path: Path, frames: dict[str, pl.DataFrame]):
    con = store.connect(path)
    for table, frame in frames.items():
        store._insert(con, table, frame)
    return con


def time_build(con, out: Path, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        shutil.rmtree(out, ignore_errors=True)
        t0 = time.perf_counter()
        dashboards.build(con, out, title="Benchmark story")
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def time_baseline(con, out: Path, repeat: int) -> tuple[float, int]:
    """Plain plotly express, same points, one page; events already read (not timed: the SQL)."""
    import plotly.express as px

    frame = con.sql("SELECT e.date_start, coalesce(e.source_actor, '?') AS lane, e.plover_type, m.sentence "
                    "FROM events e JOIN mentions m USING (event_id) WHERE e.date_start IS NOT NULL").pl()
    times = []
    path = out / "baseline.html"
    for _ in range(repeat):
        t0 = time.perf_counter()
        fig = px.scatter(frame, x="date_start", y="lane", color="plover_type", hover_name="sentence")
        fig.write_html(path, include_plotlyjs=True)
        times.append(time.perf_counter() - t0)
    return statistics.median(times), path.stat().st_size


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1_000, 100_000])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    lib = len(plotly_js().encode())
    print(f"{'events':>16} {'build s':>8} {'target':>6} {'bytes/ev':>8} {'base s':>7} {'base b/ev':>9} "
          f"{'time x':>6} {'size x':>6}")
    full_max = dashboards.FULL_HOVER_MAX
    with tempfile.TemporaryDirectory(prefix="bench-dash-") as tmp:
        for n in args.sizes:
            con = load(Path(tmp) / f"b{n}.duckdb", synthetic(n))
            repeat = args.repeat if n <= 10_000 else max(1, args.repeat - 1)
            base_s, base_bytes = time_baseline(con, Path(tmp), repeat)
            base_per_event = (base_bytes - lib) / n
            modes = [("", full_max)] + ([(" compact", 0)] if n <= full_max else [])
            for label, limit in modes:
                dashboards.FULL_HOVER_MAX = limit
                out = Path(tmp) / f"out{n}{label.strip()}"
                secs = time_build(con, out, repeat)
                pages = [out / p for p in ("index.html", "timeline.html", "network.html", "day.html")]
                html = sum(p.stat().st_size for p in pages)
                n_lib = sum(1 for p in pages if p.name != "index.html")
                per_event = (html - n_lib * lib) / n
                target = 0.1 if n <= 1_000 else 0.5
                print(f"{f'{n:,}{label}':>16} {secs:>8.3f} {target:>6} {per_event:>8.1f} {base_s:>7.3f} "
                      f"{base_per_event:>9.1f} {secs / base_s:>6.2f} {per_event / base_per_event:>6.2f}")
            dashboards.FULL_HOVER_MAX = full_max
            con.close()
    print("bytes/ev: HTML of the 4 pages minus inlined plotly.js, per event; base: px.scatter().write_html of the "
          "same dated points; x = ours / baseline (lower is better)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
