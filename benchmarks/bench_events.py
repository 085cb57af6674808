"""Benchmark: the per-article pipeline (clean -> timex -> events) against dateparser ``search_dates``.

Issue 5 asks the per-article pipeline to process at least 5x more words per second than
dateparser's ``search_dates`` alone. Both run in this process, warm (one untimed pass),
over the same TimeML dev documents (``--subset`` docs, evenly spread); each is timed
``--runs`` times (process CPU time, so other jobs on the machine matter less) and the
median run is reported as words/s, with the ratio
pipeline / search_dates. Exits 0 with "skipped" when ../shared is absent.

    .venv/bin/python benchmarks/bench_events.py [--runs 3] [--subset 48]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import warnings
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
CORPUS = ROOT.parent / "shared" / "corpora" / "timeml-dev.jsonl"


def _load(n: int) -> list[tuple[str, datetime]]:
    docs = [json.loads(x) for x in CORPUS.read_text(encoding="utf-8").splitlines() if x.strip()]
    if 0 < n < len(docs):
        step = len(docs) / n
        docs = [docs[int(i * step)] for i in range(n)]
    return [(d["text"], datetime.fromisoformat(d["dct"][:10])) for d in docs]


def _median_seconds(fn, docs, runs: int) -> float:
    for text, dct in docs:  # warm-up
        fn(text, dct)
    times = []
    for _ in range(runs):
        t0 = time.process_time()  # CPU time of this process: robust to other users' load
        for text, dct in docs:
            fn(text, dct)
        times.append(time.process_time() - t0)
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--subset", type=int, default=48)
    args = ap.parse_args()
    if not CORPUS.exists():
        print("skipped: ../shared not found")
        return 0
    from dateparser.search import search_dates

    from dateline.actors import ActorIndex
    from dateline.models import Article
    from dateline.pipeline import process_article

    docs = _load(args.subset)
    words = sum(len(t.split()) for t, _ in docs)
    actors = ActorIndex.load([])

    def pipeline(text: str, dct: datetime) -> None:
        process_article(Article("b", "b", text, dct), actors)

    def baseline(text: str, dct: datetime) -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            search_dates(text, languages=["en"], settings={"RELATIVE_BASE": dct})

    t_pipe = _median_seconds(pipeline, docs, args.runs)
    t_base = _median_seconds(baseline, docs, args.runs)
    wps_pipe, wps_base = words / t_pipe, words / t_base
    print(f"{len(docs)} TimeML dev docs, {words} words, median of {args.runs} runs")
    print(f"  pipeline (clean+timex+events)  {wps_pipe:10.0f} words/s")
    print(f"  dateparser search_dates        {wps_base:10.0f} words/s")
    print(f"  ratio {wps_pipe / wps_base:.1f}x  (goal >= 5x: {'PASS' if wps_pipe >= 5 * wps_base else 'FAIL'})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
