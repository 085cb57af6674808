"""Benchmark: ``dateline.timex.tag`` against dateparser ``search_dates`` on the TimeML dev docs.

Both run in this process, warm (one untimed pass first), over the same documents,
alternating document by document so that load on the shared machine hits both alike.
Each is timed ``--runs`` times (median run reported) as docs/s and per-document p95,
and the speed ratio tag / search_dates is printed. Two clocks are reported: process
CPU time (the headline: other users of the shared 2-core machine do not count) and
wall time. As ``timeit`` does, the garbage collector is off while timing (collected
between runs), so one system's garbage is not collected on the other's clock.
``--subset N`` times both on the same N evenly spread documents (0 = all 256).
Exits 0 with "skipped" when ../shared is absent.

    .venv/bin/python benchmarks/bench_timex.py [--runs 3] [--subset 0]
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
import warnings
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
CORPUS = ROOT.parent / "shared" / "corpora" / "timeml-dev.jsonl"
CLOCKS = {"cpu": time.process_time, "wall": time.perf_counter}


def _load(n: int) -> list[tuple[str, datetime]]:
    docs = [json.loads(x) for x in CORPUS.read_text(encoding="utf-8").splitlines() if x.strip()]
    if 0 < n < len(docs):
        step = len(docs) / n
        docs = [docs[int(i * step)] for i in range(n)]
    return [(d["text"], datetime.fromisoformat(d["dct"][:10])) for d in docs]


def _one_run(fns: list[Callable], docs: list[tuple[str, datetime]]) -> dict[str, list[list[float]]]:
    """Per clock, per system: the per-document seconds of one interleaved pass."""
    per = {c: [[] for _ in fns] for c in CLOCKS}
    gc.collect()
    gc.disable()
    try:
        for text, dct in docs:
            for k, fn in enumerate(fns):
                c0, w0 = time.process_time(), time.perf_counter()
                fn(text, dct)
                per["cpu"][k].append(time.process_time() - c0)
                per["wall"][k].append(time.perf_counter() - w0)
    finally:
        gc.enable()
    return per


def _summary(runs: list[list[float]]) -> tuple[float, float]:
    """(total seconds of the median run, p95 per-document seconds of that run)."""
    total, per = sorted((sum(r), r) for r in runs)[len(runs) // 2]
    per = sorted(per)
    return total, per[min(len(per) - 1, int(0.95 * len(per)))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--subset", type=int, default=0, help="docs timed for both systems (0 = all 256)")
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

    fns = [run_tag, run_sd]
    for text, dct in docs:  # warm-up: imports, compiled patterns, caches
        for fn in fns:
            fn(text, dct)
    rt = max(3, args.runs)
    all_runs = [_one_run(fns, docs) for _ in range(rt)]
    n = len(docs)
    print(f"docs: {n} (same docs for both, interleaved), runs: {rt}, median run reported")
    for clock in ("cpu", "wall"):
        (t_tag, p_tag), (t_sd, p_sd) = (_summary([r[clock][k] for r in all_runs]) for k in range(2))
        print(f"[{clock} time]")
        print(f"  timex.tag      {n / t_tag:9.1f} docs/s   p95 {1000 * p_tag:8.2f} ms/doc   total {t_tag:.3f}s")
        print(f"  search_dates   {n / t_sd:9.1f} docs/s   p95 {1000 * p_sd:8.2f} ms/doc   total {t_sd:.3f}s")
        ratio = t_sd / t_tag
        print(f"  speed ratio tag/search_dates: {ratio:.1f}x  (target >= 20x: {'PASS' if ratio >= 20 else 'FAIL'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
