"""Benchmark: the per-article pipeline in words/s, and its scaling over worker processes.

Data: ``../shared/corpora/story-indiapoliceevents-dev.jsonl`` (621 articles; skipped
cleanly when absent) plus the bundled ``data/wagner_mutiny/articles``. All in this
process, warm (one untimed pass first), median of ``--runs`` runs, ratios against
baselines timed in the same run on the same text:

1. per-article pipeline (clean + timex + events + rows: ``process_article`` +
   ``tables.build_frames``) vs dateparser ``search_dates(text, languages=['en'],
   settings={'RELATIVE_BASE': dct})`` alone. Target >= 5x. search_dates is slow, so the
   ratio is taken on ``--subset`` articles evenly spread (both systems, same articles,
   interleaved); the pipeline's words/s on all articles is printed too.
   The temporal stage alone (``timex.tag`` with the kept spans) vs the same baseline:
   target >= 20x.
2. ``LocalEngine(workers=2).map`` vs ``LocalEngine(workers=1).map`` over all articles
   (pool started and warm: workers load the actor knowledge once, in their initializer).
   Target >= 1.6x on 2 cores. With ``--ray``, the same for the Ray engine
   (``RayEngine.write_parquet``: Ray Data actors + Parquet), 1 vs 2 workers.

    .venv/bin/python benchmarks/bench_pipeline.py [--runs 3] [--subset 60] [--ray] [--profile 15]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
CORPUS = ROOT.parent / "shared" / "corpora" / "story-indiapoliceevents-dev.jsonl"
STORY = ROOT / "data" / "wagner_mutiny"

from dateline import clean, pipeline, tables, timex  # noqa: E402
from dateline.ingest import iter_articles  # noqa: E402
from dateline.models import Article  # noqa: E402


def load_articles() -> list[Article]:
    arts = [a for a in iter_articles([CORPUS, STORY / "articles"], None) if isinstance(a, Article)]
    return [a for a in arts if a.text.strip()]


def words(arts: list[Article]) -> int:
    return sum(len(a.text.split()) for a in arts)


def spread(arts: list[Article], n: int) -> list[Article]:
    if n <= 0 or n >= len(arts):
        return arts
    step = len(arts) / n
    return [arts[int(i * step)] for i in range(n)]


def naive(dt):
    return dt.replace(tzinfo=None) if dt is not None else None


def run_pipeline(arts: list[Article], actors) -> None:
    tables.build_frames([pipeline.process_article(a, actors) for a in arts])


def run_timex(arts: list[Article], spans: dict[str, list]) -> None:
    for a in arts:
        timex.tag(a.text, a.published, spans=spans[a.doc_id])


def run_search_dates(arts: list[Article]) -> None:
    from dateparser.search import search_dates

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for a in arts:
            search_dates(a.text, languages=["en"], settings={"RELATIVE_BASE": naive(a.published)})


def interleaved(fns: dict, runs: int) -> dict[str, float]:
    """Median seconds per function; each run times every function once, in turn."""
    for fn in fns.values():
        fn()  # warm-up: imports, compiled patterns, caches
    times: dict[str, list[float]] = {k: [] for k in fns}
    for _ in range(runs):
        for k, fn in fns.items():
            t0 = time.perf_counter()
            fn()
            times[k].append(time.perf_counter() - t0)
    return {k: statistics.median(v) for k, v in times.items()}


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def bench_words(arts: list[Article], runs: int, subset: int) -> None:
    actors = pipeline.load_actors([STORY / "actors.csv"])
    sub = spread(arts, subset)
    spans = {a.doc_id: clean.kept_spans(clean.clean(a)) for a in arts}
    w_all, w_sub = words(arts), words(sub)
    t = interleaved({"pipeline (all)": lambda: run_pipeline(arts, actors)}, runs)["pipeline (all)"]
    print(f"== 1. per-article pipeline, {len(arts)} articles, {w_all:,} words (median of {runs})")
    print(f"pipeline, all articles               {w_all / t:12,.0f} words/s   ({t:.2f} s)")
    m = interleaved({"pipeline": lambda: run_pipeline(sub, actors),
                     "timex": lambda: run_timex(sub, spans),
                     "search_dates": lambda: run_search_dates(sub)}, runs)
    print(f"-- same {len(sub)} articles for all three ({w_sub:,} words)")
    for k in ("pipeline", "timex", "search_dates"):
        print(f"{k:<36} {w_sub / m[k]:12,.0f} words/s   ({m[k]:.3f} s)")
    r1, r2 = m["search_dates"] / m["pipeline"], m["search_dates"] / m["timex"]
    print(f"ratio pipeline / search_dates       {r1:8.1f}x   target >= 5x:  {verdict(r1 >= 5)}")
    print(f"ratio timex.tag / search_dates      {r2:8.1f}x   target >= 20x: {verdict(r2 >= 20)}")


def bench_workers(arts: list[Article], runs: int) -> None:
    files = [STORY / "actors.csv"]
    one, two = pipeline.LocalEngine(files, 1), pipeline.LocalEngine(files, 2)
    try:
        two.map(arts[:8])  # start the pool: each worker loads the actor knowledge once
        m = interleaved({"1 worker": lambda: one.map(arts), "2 workers": lambda: two.map(arts)}, runs)
    finally:
        one.close()
        two.close()
    w = words(arts)
    print(f"\n== 2. worker processes, {len(arts)} articles (median of {runs})")
    for k in ("1 worker", "2 workers"):
        print(f"LocalEngine {k:<24} {w / m[k]:12,.0f} words/s   ({m[k]:.2f} s)")
    r = m["1 worker"] / m["2 workers"]
    print(f"speed-up 2 workers / 1               {r:8.2f}x   target >= 1.6x: {verdict(r >= 1.6)}")


def bench_ray(arts: list[Article], runs: int) -> None:
    from dateline import engine_ray

    if not engine_ray.ray_available():
        print("\n== Ray engine: skipped (ray not installed)")
        return
    import ray

    files = [STORY / "actors.csv"]
    m: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in (1, 2):
            eng = engine_ray.RayEngine(files, n)
            try:
                ts = []
                for i in range(runs + 1):
                    t0 = time.perf_counter()
                    eng.write_parquet(arts, Path(tmp) / f"w{n}-{i}")
                    ts.append(time.perf_counter() - t0)
                m[f"{n}"] = statistics.median(ts[1:])  # first run warms Ray up
            finally:
                eng.close()
                if ray.is_initialized():
                    ray.shutdown()
    w = words(arts)
    print(f"\n== Ray engine (local Ray; Ray Data actors + Parquet), {len(arts)} articles (median of {runs})")
    for n in ("1", "2"):
        print(f"RayEngine {n} worker(s)               {w / m[n]:12,.0f} words/s   ({m[n]:.2f} s)")
    print(f"speed-up 2 workers / 1               {m['1'] / m['2']:8.2f}x")


def profile_words(arts: list[Article], n: int, top: int) -> None:
    """Where the per-article time goes: cProfile of the pipeline over the same subset, the
    functions with the most own time as a share of the whole (cProfile slows Python calls,
    so shares are indicative, not exact)."""
    import cProfile
    import pstats

    sub = spread(arts, n)
    actors = pipeline.load_actors([STORY / "actors.csv"])
    run_pipeline(sub, actors)  # warm
    prof = cProfile.Profile()
    prof.enable()
    for _ in range(3):
        run_pipeline(sub, actors)
    prof.disable()
    stats = pstats.Stats(prof).stats  # type: ignore[attr-defined]
    total = sum(v[2] for v in stats.values())
    rows = sorted(((v[2], f"{Path(k[0]).name}:{k[1]}({k[2]})") for k, v in stats.items()), reverse=True)[:top]
    print(f"\n== where the time goes: {len(sub)} articles, own time of the top {top} functions (cProfile)")
    for own, name in rows:
        print(f"{100 * own / total:5.1f} %  {name}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--subset", type=int, default=60, help="articles for the search_dates ratio (0 = all)")
    ap.add_argument("--ray", action="store_true", help="also time the Ray engine with 1 and 2 workers")
    ap.add_argument("--skip-words", action="store_true")
    ap.add_argument("--profile", type=int, default=0, metavar="N",
                    help="also print the N functions with the most own time on the subset (cProfile)")
    ap.add_argument("--ray-repeat", type=int, default=1,
                    help="Ray: process the articles this many times per job (amortises actor start-up)")
    args = ap.parse_args()
    if not CORPUS.is_file():
        print("skipped: ../shared not found")
        return 0
    arts = load_articles()
    runs = max(3, args.runs)
    if not args.skip_words:
        bench_words(arts, runs, args.subset)
    bench_workers(arts, runs)
    if args.profile:
        profile_words(arts, args.subset, args.profile)
    if args.ray:
        bench_ray(arts * max(1, args.ray_repeat), runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
