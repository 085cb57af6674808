"""Benchmark: ``dateline.timex.tag`` against dateparser ``search_dates`` on the TimeML dev docs.

Both run in this process, warm (one untimed pass first), over the same documents;
each is timed ``--runs`` times and the median run is reported as docs/s, with the
per-document p95 latency, and the speed ratio tag / search_dates. search_dates is
slow, so by default both are timed on the same subset (``--subset`` docs, evenly spread).
Exits 0 with "skipped" when ../shared is absent.

    .venv/bin/python benchmarks/bench_timex.py [--runs 3] [--subset 64]
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


def _time_runs(fn, docs, runs: int) -> tuple[float, float]:
    """(median total seconds, p95 per-document seconds of the median run)."""
    fn(*docs[0])  # warm-up of imports and caches
    for text, dct in docs:
        fn(text, dct)
    results = []
    for _ in range(runs):
        per = []
        for text, dct in docs:
            t0 = time.perf_counter()
            fn(text, dct)
            per.append(time.perf_counter() - t0)
        results.append((sum(per), per))
    results.sort(key=lambda r: r[0])
    total, per = results[len(results) // 2]
    per = sorted(per)
    return total, per[min(len(per) - 1, int(0.95 * len(per)))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--subset", type=int, default=64, help="docs timed for both systems (0 = all 256)")
    args = ap.parse_args()
    if not CORPUS.exists():
        print("skipped: ../shared not found")
        return 0
    from dateparser.search import search_dates

    from dateline.timex import tag

    docs = _load(args.subset)

    def run_tag(text: str, dct: datetime) -> object:
        return tag(text, dct)

    def run_sd(text: str, dct: datetime) -> object:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return search_dates(text, languages=["en"], settings={"RELATIVE_BASE": dct})

    rt = max(3, args.runs)
    t_tag, p95_tag = _time_runs(run_tag, docs, rt)
    t_sd, p95_sd = _time_runs(run_sd, docs, rt)
    n = len(docs)
    print(f"docs: {n} (same docs for both), runs: {rt}, median run reported")
    print(f"timex.tag      {n / t_tag:9.1f} docs/s   p95 {1000 * p95_tag:8.2f} ms/doc   total {t_tag:.3f}s")
    print(f"search_dates   {n / t_sd:9.1f} docs/s   p95 {1000 * p95_sd:8.2f} ms/doc   total {t_sd:.3f}s")
    ratio = t_sd / t_tag
    print(f"speed ratio tag/search_dates: {ratio:.1f}x  (target >= 20x: {'PASS' if ratio >= 20 else 'FAIL'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
