"""Benchmark: an incremental ``dateline run`` (one new article) against the first full run.

The 621-article India police events corpus (skipped cleanly when ../shared is absent)
is split into a folder holding all but one article (``corpus.jsonl``). Run 1:
``pipeline.run`` over the folder into a fresh DuckDB file. Then one article is added to
the folder (``new.jsonl``) and run 2 goes over the same folder into the same file: it
must only do the new article's work (the others are skipped by content hash) and take
<= 5 % of run 1. Each pair is repeated ``--runs`` times on fresh files; medians.
Run 2's own parts are printed too (where the time goes: reading and hashing the
inputs, copying the file for the atomic swap, the new article, re-merging events).

    .venv/bin/python benchmarks/bench_incremental.py [--runs 3]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
CORPUS = ROOT.parent / "shared" / "corpora" / "story-indiapoliceevents-dev.jsonl"

from dateline import pipeline  # noqa: E402


def one_pair(folder: Path, db: Path, new_line: str, profile: bool = False) -> tuple[float, float, object]:
    """(run 1 s, run 2 s, profile of run 2). Retried when dateline's own code changed between
    the two runs (the fingerprint then makes run 2 redo everything, correctly)."""
    for _ in range(5):
        fp = pipeline.fingerprint([])
        result = _pair(folder, db, new_line, profile)
        if pipeline.fingerprint([]) == fp:
            return result
    raise RuntimeError("dateline's code kept changing during the benchmark")


def _pair(folder: Path, db: Path, new_line: str, profile: bool) -> tuple[float, float, object]:
    db.unlink(missing_ok=True)
    (folder / "new.jsonl").unlink(missing_ok=True)
    fingerprint_before = pipeline.fingerprint([])
    first = pipeline.run([folder], db=db)
    (folder / "new.jsonl").write_text(new_line, encoding="utf-8")
    prof = cProfile.Profile() if profile else None
    if prof:
        prof.enable()
    second = pipeline.run([folder], db=db)
    if prof:
        prof.disable()
    if pipeline.fingerprint([]) == fingerprint_before:
        assert second.processed == 1, f"second run processed {second.processed} articles, expected 1"
        assert second.skipped_unchanged == first.processed, "unchanged articles were not skipped"
    return first.seconds, second.seconds, prof


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    if not CORPUS.is_file():
        print("skipped: ../shared not found")
        return 0
    lines = [x for x in CORPUS.read_text(encoding="utf-8").splitlines() if x.strip()]
    runs = max(3, args.runs)
    with tempfile.TemporaryDirectory(prefix="dateline-incr-") as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        (folder / "corpus.jsonl").write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")
        pairs = [one_pair(folder, Path(tmp) / "x.duckdb", lines[-1] + "\n", profile=(i == runs - 1))
                 for i in range(runs)]
        prof = pairs[-1][2]
        shutil.rmtree(folder, ignore_errors=True)
    t1 = statistics.median(p[0] for p in pairs)
    t2 = statistics.median(p[1] for p in pairs)
    print(f"== incremental run: {len(lines) - 1} articles, then the same folder + 1 new article "
          f"(median of {runs})")
    print(f"run 1 (all articles)                 {t1:8.3f} s")
    print(f"run 2 (1 new, {len(lines) - 1} unchanged)          {t2:8.3f} s")
    share = t2 / t1
    print(f"run 2 / run 1                        {100 * share:7.1f} %   target <= 5 %: "
          f"{'PASS' if share <= 0.05 else 'FAIL'}")
    print("\n-- run 2, where the time goes (cProfile of the last run 2, cumulative):")
    stats = pstats.Stats(prof)
    wanted = ("iter_articles", "staged", "fingerprint", "stored_hashes", "map", "replace_documents",
              "text_mention_groups", "merge_events", "add_events", "copyfile", "counts", "merge_new")
    for (file, _, name), row in sorted(stats.stats.items(), key=lambda kv: -kv[1][3]):
        if name in wanted and ("dateline" in file or name == "copyfile"):
            print(f"   {name:<24} {row[3]:8.3f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
