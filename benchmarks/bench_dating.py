"""Benchmark: ``dateline.dating.date_event`` against dateparser on the event's sentence.

The baseline is the one the shared README quotes for the anchor task (55.3 %): run
``dateparser.parse`` (``languages=['en']``, the publication date as ``RELATIVE_BASE``) on
the event's sentence. Both run in this process, warm (one untimed pass first), over the
same events of ``../shared/corpora/anchor-timebank-dev.jsonl``, with the documents' gold
time expressions given to ``date_event`` (so only dating is timed, not tagging). dateparser
is slow, so by default both are timed on the same evenly spread subset of events.
Prints events/s of each and the speed ratio dating / dateparser (goal: thousands of
mentions per second, far faster than the baseline).

Usage: .venv/bin/python benchmarks/bench_dating.py [--subset 300] [--runs 3]
Exits 0 with "skipped" when ../shared is absent.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "evaluation"))

GOLD = ROOT.parent / "shared" / "corpora" / "anchor-timebank-dev.jsonl"
TIMEML = ROOT.parent / "shared" / "corpora" / "timeml-dev.jsonl"


def load_events(subset: int) -> list[tuple[str, date, int, int, list]]:
    """(text, dct, start, end, timexes) for an evenly spread subset of the dev events."""
    from eval_anchor import gold_timexes

    gt = gold_timexes(TIMEML)
    events = []
    for line in open(GOLD, encoding="utf-8"):
        rec = json.loads(line)
        dct = date.fromisoformat(rec["dct"][:10])
        for e in rec["events"]:
            events.append((rec["text"], dct, e["start"], e["end"], gt.get(rec["doc_id"], [])))
    step = max(1, len(events) // subset) if subset else 1
    return events[::step][: subset or None]


def run_dating(events: list) -> None:
    from dateline.dating import date_event

    for text, dct, s, e, tx in events:
        date_event(text, dct, s, e, tx)


def run_dateparser(events: list) -> None:
    import dateparser

    from dateline.sentences import sentence_of, split

    for text, dct, s, e, _ in events:
        spans = split(text)
        a, b = spans[sentence_of(spans, s)]
        base = datetime(dct.year, dct.month, dct.day)
        dateparser.parse(text[a:b], languages=["en"], settings={"RELATIVE_BASE": base})


def timed(fn, events: list, runs: int) -> float:
    """Median seconds of ``runs`` timed passes after one warm-up pass."""
    fn(events)
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn(events)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--subset", type=int, default=300, help="events timed (0 = all)")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args(argv)
    if not GOLD.exists() or not TIMEML.exists():
        print("skipped: ../shared not found")
        return 0
    events = load_events(args.subset)
    t_ours = timed(run_dating, events, args.runs)
    t_base = timed(run_dateparser, events, args.runs)
    n = len(events)
    print(f"events timed: {n}")
    print(f"dateline.dating.date_event : {n / t_ours:10.0f} events/s")
    print(f"dateparser on the sentence : {n / t_base:10.0f} events/s")
    print(f"speed ratio dating / dateparser: {t_base / t_ours:.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
