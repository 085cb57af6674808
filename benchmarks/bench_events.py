"""Benchmark: the per-article pipeline (clean -> timex -> events) against dateparser ``search_dates``.

Issues 5 and 7 ask the per-article pipeline to process at least 5x more words per second
than dateparser's ``search_dates`` alone. Both run in this process, warm (one untimed pass),
over the same TimeML dev documents (``--subset`` docs, evenly spread); they are timed
alternately, ``--runs`` times each (process CPU time), so that both see the same load on a
shared machine. Reported: the median words/s of each, and the median of the per-round
ratios pipeline / search_dates. Exits 0 with "skipped" when ../shared is absent.

    .venv/bin/python benchmarks/bench_events.py [--runs 3] [--subset 48]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import warnings
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
from bench_timex import CORPUS, _load  # noqa: E402  (same documents, same sampling)


def _seconds(fn, docs) -> float:
    t0 = time.process_time()  # CPU time of this process: robust to other users' load
    for text, dct in docs:
        fn(text, dct)
    return time.process_time() - t0


def _alternate(fa, fb, docs, runs: int) -> tuple[list[float], list[float]]:
    """Times of ``fa`` and ``fb`` over ``docs``, run in turns after one warm-up pass each."""
    _seconds(fa, docs), _seconds(fb, docs)
    ta, tb = [], []
    for _ in range(runs):
        ta.append(_seconds(fa, docs))
        tb.append(_seconds(fb, docs))
    return ta, tb


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

    ts_pipe, ts_base = _alternate(pipeline, baseline, docs, args.runs)
    wps_pipe, wps_base = words / statistics.median(ts_pipe), words / statistics.median(ts_base)
    ratio = statistics.median(b / a for a, b in zip(ts_pipe, ts_base))
    print(f"{len(docs)} TimeML dev docs, {words} words, median of {args.runs} alternating runs")
    print(f"  pipeline (clean+timex+events)  {wps_pipe:10.0f} words/s")
    print(f"  dateparser search_dates        {wps_base:10.0f} words/s")
    print(f"  ratio {ratio:.1f}x  [per-round {min(b / a for a, b in zip(ts_pipe, ts_base)):.1f}..{max(b / a for a, b in zip(ts_pipe, ts_base)):.1f}]"
          f"  (goal >= 5x: {'PASS' if ratio >= 5 else 'FAIL'})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
